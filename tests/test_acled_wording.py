"""ACLED typing reads the same event however a reporter words it: other verbs and nouns for
the act, the event told in a participle or a relative clause, capitalised words after a
dateline, and what came before the event kept apart from it."""

from __future__ import annotations

import pytest
from helpers import first_acled_typed

from eventcoder.acled_clauses import common_plural
from eventcoder.pipeline import Pipeline

WORDINGS: list[tuple[str, str]] = [
    # territory changing hands without a fight
    (
        "Rebel fighters moved into the hill town of Kora after government troops pulled out.",
        "Non-violent transfer of territory",
    ),
    (
        "Insurgents were in full control of the airbase by noon after the army withdrew from it.",
        "Non-violent transfer of territory",
    ),
    (
        "The peacekeepers left the camp on Monday, transferring control of it to the police.",
        "Non-violent transfer of territory",
    ),
    (
        "The militants entered the district centre and met no opposition, residents said.",
        "Non-violent transfer of territory",
    ),
    ("Jihadist fighters seized the harbour at Port Selim on Friday.", "Non-state actor"),
    # posts and points set up
    ("Turkey has set up a new observation point near the river crossing.", "Headquarters"),
    ("The army has established another monitoring point outside Dalo.", "Headquarters"),
    # weapons found
    ("A hidden store of ammunition was located by soldiers near the dam.", "Disrupted weapons"),
    ("Army engineers came upon a cache of rifles in an abandoned farmhouse.", "Disrupted"),
    ("Two grenades and a box of bullets were found behind the market, police said.", "Disrupted"),
    # force used on protesters
    ("Students were badly hurt when police cracked down on their peaceful march.", "Excessive"),
    ("Soldiers used live rounds to disperse the marchers in the port city.", "Excessive"),
    ("Riot police fired rubber-coated bullets at the protesters in the square.", "Excessive"),
    # aircraft named as attackers
    ("Government jets wrecked several rebel trucks near the oasis.", "Air/drone strike"),
    ("Russian jets flew bombing missions against militant positions near Tarsa.", "Air/drone"),
    # crowds
    ("Looters broke into a supermarket in the township on Sunday.", "Looting"),
    ("Rival rallies fought with stones and pepper spray outside the court.", "Mob violence"),
    ("An angry crowd mutilated a youth they accused of stealing a goat.", "Mob violence"),
    ("Protesters threw rocks, bottles and other missiles at the police lines.", "Violent"),
    ("DAKAR - Protesters torched a bus depot in the city centre on Monday.", "Violent"),
    # agreements and changes in groups
    ("More than 80 fighters gave themselves up to the army after weeks of siege.", "Agreement"),
    ("The government released 20 rebel prisoners in return for six captured soldiers.", "Agree"),
    ("The army created new special forces units in the two eastern regions.", "Change to group"),
    ("Hundreds of villagers took up arms alongside the police to defend the valley.", "Change"),
    # means
    ("Chlorine was employed as a weapon when rebels attacked the town, inspectors said.", "Chem"),
    ("Two women strapped with explosives blew up a market stall, killing six.", "Suicide bomb"),
    ("The militants put to death two men accused of spying.", "Attack"),
    ("Security forces put more than 40 militants behind bars in the north.", "Arrests"),
    ("Fishermen stumbled on a crate of grenades on the beach on Monday.", "Disrupted weapons"),
    ("Police announced the discovery of a home-made explosive device at the depot.", "Disrupted"),
    ("A cache of rifles recovered in the town was shown to reporters.", "Disrupted weapons"),
    ("Both armies accepted a truce on Sunday after weeks of heavy fighting.", "Agreement"),
    ("Four women carrying explosives detonated themselves near a bus park.", "Suicide bomb"),
    ("Two demonstrators lost their lives during the protests and clashes downtown.", "Violent"),
    ("Violent confrontations erupted between police and demonstrators at the gate.", "Violent"),
    ("Many demonstrators were seriously wounded when police cracked down on the rally.", "Excess"),
    (
        "Five protesters were taken into custody as they staged an unsanctioned rally.",
        "Protest with",
    ),
    ("Police used tear gas against protesters who had stormed the council offices.", "Violent"),
    ("An officer struck an elderly protester with a baton outside the court.", "Excessive force"),
    ("Hundreds marched to protest the new tax, with clashes breaking out in two towns.", "Violent"),
    ("Several militants were killed as government jets bombed their positions.", "Air/drone"),
    ("Riot police used tear gas on students after scuffles started at the rally.", "Violent"),
    ("Twelve activists were detained during overnight raids, the army said.", "Arrests"),
    ("No one was detained after a dozen stalls were plundered overnight in the market.", "Looting"),
    ("Two suspects detonated explosives strapped to their bodies as police closed in.", "Suicide"),
    ("A poison-gas strike from the air killed more than 100 villagers, doctors said.", "Chemical"),
    ("The army drove the rebels from three villages near the border.", "Government regains"),
    ("Police posed beside a pile of rockets and shells found in the yard.", "Disrupted weapons"),
    ("Riot officers pursued demonstrators through the old town on Tuesday.", "Protest with"),
    ("Shots were fired from a motorbike at a minibus near the market on Sunday.", "Attack"),
    ("Gunmen opened fire on a roadside cafe at dawn, witnesses said.", "Attack"),
    ("Two bombers and a spy plane flew into the island's air defence zone on Sunday.", "Change"),
    ("Police stepped up security around the churches ahead of the holiday.", "Change to group"),
    ("Security forces intensified their deployment around the embassies.", "Change to group"),
    ("A man on the night train groped a student, police said.", "Sexual violence"),
    ("The bodies of dozens of soldiers shot by the militants were found in a mass grave.", "Other"),
    ("Bandit raids drove some 2,000 farmers out of the hill hamlets last month.", "Other"),
    (
        "Thousands of herders abandoned their villages owing to militia attacks.",
        "Other",
    ),
    ("An attack by the militants on the village was beaten back by local defence forces.", "Armed"),
]


@pytest.mark.parametrize(("text", "sub_event_type"), WORDINGS)
def test_the_event_is_typed_however_it_is_worded(
    pipeline: Pipeline, text: str, sub_event_type: str
) -> None:
    row = first_acled_typed(pipeline, text)

    assert row is not None and row["acled_sub_event_type"].startswith(sub_event_type)


@pytest.mark.parametrize(
    "text",
    [
        "The rocket-launching site is located near the old air base.",
        "Villagers moved into the new houses the charity built.",
        "Angry Residents Accuse Vigilantes of Ties to the Cartel",
        "Prosecutors dubbed the fraud case Grand Looting.",
        "Cattle rustlers are a menace to herders in the district.",
        "Guns smuggled from the north were found to be the main source of rifles.",
        "The discovery of a gun-running network worried the ministry.",
        "The city council created a new cyber-crime unit in March.",
        "The former minister has been behind bars since 2019.",
        "Customs officers seized two small planes at the airfield on Monday.",
        "The army abandoned its plan to build a road through the forest.",
    ],
)
def test_words_of_an_event_that_tell_none_give_no_type(pipeline: Pipeline, text: str) -> None:
    row = first_acled_typed(pipeline, text)

    assert row is None


def test_a_protest_after_force_used_the_day_before_is_peaceful(pipeline: Pipeline) -> None:
    text = (
        "Thousands marched through the capital on Sunday, a day after police shot dead two "
        "demonstrators."
    )
    row = first_acled_typed(pipeline, text)

    assert row is not None and row["acled_sub_event_type"] == "Peaceful protest"


def test_violence_of_others_the_protest_condemns_is_no_character_of_it(
    pipeline: Pipeline,
) -> None:
    text = "Thousands rallied to denounce the rioting by people who had attacked the parliament."
    row = first_acled_typed(pipeline, text)

    assert row is not None and row["acled_sub_event_type"] == "Peaceful protest"


def test_a_protest_after_its_crowd_clashed_with_police_is_violent(pipeline: Pipeline) -> None:
    text = "There were more angry protests in the capital after demonstrators clashed with police."
    row = first_acled_typed(pipeline, text)

    assert row is not None and row["acled_sub_event_type"] == "Violent demonstration"


def test_force_on_protesters_that_killed_is_that_force(pipeline: Pipeline) -> None:
    text = "Soldiers killed a man and wounded 30 people when they charged a peaceful sit-in."
    row = first_acled_typed(pipeline, text)

    assert row is not None and row["acled_sub_event_type"].startswith("Excessive force")


@pytest.mark.parametrize(
    ("lemma", "text", "singular"),
    [
        ("protesters", "Protesters", "protester"),
        ("militias", "Militias", "militia"),
        ("clashes", "Clashes", "clash"),
        ("paris", "Paris", "paris"),
        ("kong", "KONG", "kong"),
        ("us", "Us", "us"),
    ],
)
def test_a_capitalised_plural_taken_for_a_name_reads_as_its_noun(
    lemma: str, text: str, singular: str
) -> None:
    assert common_plural(lemma, text) == singular
