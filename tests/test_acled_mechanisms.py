"""ACLED typing by the codebook's mechanisms rather than by words: who is hit (the head of
what is hit, its modifier, the clause without who acts or reports), how many armed sides a
clause names, which event of a sentence comes first (a killing over a strategic development,
the means an attack was carried out with), what a protest turned into, crowds that clash,
people carried off, captives freed, and deaths that are no political violence."""

from __future__ import annotations

import pytest
from helpers import first_acled_typed

from eventcoder.acled_clauses import SentenceView, document_words
from eventcoder.acled_typing import find_type
from eventcoder.pipeline import Pipeline

TYPED: list[tuple[str, str]] = [
    # who is hit: the reporter and the one who acts are no victims
    ("A prominent human rights lawyer was stabbed to death in his office, police said.", "Attack"),
    ("Police officers shot dead a street vendor who refused to pay a bribe.", "Attack"),
    ("Gunmen killed a priest and two worshippers during Sunday mass.", "Attack"),
    ("Militants shot dead the police chief of the district on Monday.", "Armed clash"),
    ("Police officers came under fire from armed robbers while on patrol.", "Armed clash"),
    # armed sides named in the clause
    ("Heavy gunfire was heard as security forces engaged fighters near the town.", "Armed clash"),
    ("Violence erupted between two ethnic militias in the region, leaving 30 dead.", "Armed clash"),
    ("Insurgents targeted an army convoy near the town on Wednesday.", "Armed clash"),
    ("Fresh hostilities flared on the frontline between troops and separatists.", "Armed clash"),
    ("The vigilante group clashed with a herders' militia, leaving several dead.", "Armed clash"),
    ("Police and suspected cattle rustlers traded bullets for hours in the hills.", "Armed clash"),
    ("Clashes between the army and an armed group have left dozens dead this week.", "Armed clash"),
    # which event of the sentence
    ("Unknown attackers set fire to homes and killed 15 people in the settlement.", "Attack"),
    ("The attacks, mostly using grenades, happened in three provinces at night.", "Grenade"),
    ("Thousands of families have fled their villages because of attacks by armed groups.", "Other"),
    # protests: what the protest turned into, crowds that clash
    (
        "Thousands marched through the capital on Sunday. Police later fired tear gas to "
        "disperse them.",
        "Protest with intervention",
    ),
    ("Clashes in the capital as opposition supporters defy the ban.", "Violent demonstration"),
    ("Youths threw firecrackers at the police near the square.", "Violent demonstration"),
    ("Health workers downed tools over unpaid allowances.", "Peaceful protest"),
    (
        "Mothers of detained activists gathered outside the prison demanding their release.",
        "Peaceful protest",
    ),
    # mob violence told by the victims' suspected deeds
    ("Angry villagers beat to death two men accused of witchcraft.", "Mob violence"),
    ("Residents torched the house of a man they accused of killing a child.", "Mob violence"),
    # people carried off, captives freed
    (
        "Militants seized two foreign engineers working on a road project.",
        "Abduction/forced disappearance",
    ),
    (
        "Gunmen took 30 schoolchildren from their dormitory in a night raid.",
        "Abduction/forced disappearance",
    ),
    (
        "Soldiers took away five men from the village, their families said.",
        "Abduction/forced disappearance",
    ),
    ("Rebels released 12 soldiers they had held captive for months.", "Agreement"),
    # means and acts
    ("A female bomber set off her explosives at a crowded bus station.", "Suicide bomb"),
    ("Sappers cleared mines from the road leading to the village.", "Disrupted weapons use"),
    ("Jihadists slit the throats of three villagers.", "Attack"),
    ("Deadly raid on a village by suspected jihadists.", "Attack"),
    ("Two rival militias exchanged gunfire in the market district overnight.", "Armed clash"),
    (
        "Workers at the state-owned mine downed tools on Tuesday, demanding better pay.",
        "Peaceful protest",
    ),
    # territory: the government's affiliates, passive expulsions, a named place held
    (
        "Pro-government militias recaptured the oil field from the insurgents.",
        "Government regains territory",
    ),
    (
        "Loyalist forces regained the hilltop village from separatists.",
        "Government regains territory",
    ),
    (
        "Islamic State fighters were pushed out of the city by Iraqi troops.",
        "Government regains territory",
    ),
    (
        "Militants have taken control of Korbe, a strategic village, after a raid.",
        "Non-state actor overtakes territory",
    ),
    (
        "Rebels seized the town after fierce clashes forced government troops to withdraw.",
        "Non-state actor overtakes territory",
    ),
    (
        "Rebels entered the town after government troops withdrew overnight.",
        "Non-violent transfer of territory",
    ),
    # bases by armed men
    (
        "The militants have set up a new base in the forest near the border.",
        "Headquarters or base established",
    ),
    (
        "Cattle rustlers stole 200 cows from herders in the district.",
        "Looting/property destruction",
    ),
]

UNTYPED: list[str] = [
    "Floods killed 30 people and displaced thousands in the south.",
    "Rescue workers cleared debris after the earthquake killed 200 people.",
    "He was killed in a car accident on the highway.",
    "The government will target the rich with new taxes, the finance minister said.",
    "Doctors removed a bullet from his leg.",
    "Parents took their children to school despite the rain.",
    "Ambulances picked up the wounded after the crash.",
    "The storm pounded the coast, cutting power to thousands of homes.",
    "Soldiers took part in a parade to mark independence day.",
    "The military parade featured tanks and missiles.",
    "The company established its headquarters in the city last year.",
    "The charity set up a camp for displaced families near the border.",
    "The university opened a research center on climate change.",
    "Thieves stole a car from the parking lot.",
    "The firm formed a new unit to handle exports.",
]


@pytest.mark.parametrize(("text", "sub_event_type"), TYPED)
def test_the_codebook_mechanism_gives_the_sub_event_type(
    pipeline: Pipeline, text: str, sub_event_type: str
) -> None:
    row = first_acled_typed(pipeline, text)

    assert (row["acled_sub_event_type"] if row else None) == sub_event_type


@pytest.mark.parametrize("text", UNTYPED)
def test_disasters_accidents_and_ordinary_acts_stay_untyped(pipeline: Pipeline, text: str) -> None:
    assert first_acled_typed(pipeline, text) is None


def test_the_gates_change_no_reading_of_the_mechanisms(pipeline: Pipeline) -> None:
    for text in [t for t, _ in TYPED] + UNTYPED:
        doc = pipeline.nlp.parse(text)
        words = document_words(doc)
        for span in doc.sents:
            gated = find_type(SentenceView(span, (), words))
            assert gated == find_type(SentenceView(span), gated=False), text


@pytest.mark.parametrize(
    "text",
    [
        "Ministers clashed over the budget in a heated cabinet meeting.",
        "The opposition leader fought back tears as he spoke.",
        "The team battled fatigue in the second half.",
    ],
)
def test_words_of_fighting_without_arms_give_no_typer_reading(
    pipeline: Pipeline, text: str
) -> None:
    doc = pipeline.nlp.parse(text)

    assert all(find_type(SentenceView(span)) is None for span in doc.sents)
