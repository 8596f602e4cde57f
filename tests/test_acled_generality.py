"""ACLED typing beyond narrow patterns: synonyms of the codebook's means and acts, violence
told only by its victims, bodies found, arrests told by a raid, protesters who demand; words
of harm outside political violence stay untyped; the fast gates change no reading."""

from __future__ import annotations

import re

import pytest
from helpers import first_acled_typed

from eventcoder import acled_fatalities
from eventcoder.acled_clauses import SentenceView, cue_index, document_words
from eventcoder.acled_fatalities import find_fatalities
from eventcoder.acled_typing import find_type
from eventcoder.pipeline import Pipeline

TYPED: list[tuple[str, str]] = [
    ("Separatist fighters and troops traded gunfire near the dam overnight.", "Armed clash"),
    ("Police and a drug gang were locked in a shootout for two hours.", "Armed clash"),
    ("Two soldiers were wounded in the unrest in the northern district.", "Armed clash"),
    ("Four herders died of gunshot wounds in the violence on Sunday.", "Attack"),
    ("Five traders were injured by gunfire at the cattle market.", "Attack"),
    ("Attackers hacked to death six farmers in their fields.", "Attack"),
    ("A provincial judge was assassinated outside the courthouse.", "Attack"),
    (
        "The body of a missing trader was found by the river, bound and riddled with bullets.",
        "Attack",
    ),
    ("A nine-year-old girl was defiled by a militiaman, her mother said.", "Sexual violence"),
    ("Bombers of the air force pounded hideouts in the hills.", "Air/drone strike"),
    ("An unmanned aerial vehicle struck a pickup truck carrying fighters.", "Air/drone strike"),
    ("A suicide blast at the gate of the stadium killed nine people.", "Suicide bomb"),
    ("Insurgents blew up a bridge linking the two towns.", "Remote explosive/landmine/IED"),
    ("A pipe bomb went off outside a bank in the capital.", "Remote explosive/landmine/IED"),
    ("Rebels fired a cruise missile at the oil terminal.", "Shelling/artillery/missile attack"),
    ("Soldiers uncovered an arms cache hidden under a mosque floor.", "Disrupted weapons use"),
    ("Protesters demanded the resignation of the mayor outside city hall.", "Peaceful protest"),
    ("Nurses went on strike over unpaid wages in three hospitals.", "Peaceful protest"),
    ("Police raided the party's offices and arrested its treasurer.", "Arrests"),
    (
        "The rebels handed over control of the town to the army.",
        "Non-violent transfer of territory",
    ),
    ("Police foiled a bombing plot targeting the cathedral.", "Disrupted weapons use"),
    ("Soldiers thwarted an attack on a checkpoint near the border.", "Disrupted weapons use"),
    ("A hand-grenade was hurled at the police station.", "Grenade"),
    ("Angry youths went on a rampage through the market after the rally.", "Violent demonstration"),
    ("The army freed the town from the militants.", "Government regains territory"),
    (
        "Cattle rustlers made off with 300 cows after raiding a village.",
        "Looting/property destruction",
    ),
]

UNTYPED: list[str] = [
    "Three people died and twelve were injured when a bus overturned on the highway.",
    "Dozens of villagers have died of cholera in the camp this month.",
    "Two workers were injured in a fire at the gold mine.",
    "A fire at the depot injured three firefighters.",
    "The governing body of the league found the club guilty of match fixing.",
    "The ministry said the detained ship's crew were in good health.",
    "The foreign minister urged both countries to resume talks.",
    "The envoy called for an end to the blockade in a statement.",
    "The president congratulated the team on winning the cup.",
    "Rescuers recovered the bodies of four climbers from the glacier.",
    "An arrest warrant was issued for the former minister on corruption charges.",
    "The company secured a loan from the bank.",
    "Doctors prevented an outbreak of cholera in the camp.",
    "The court freed the journalist on bail.",
]


@pytest.mark.parametrize(("text", "sub_event_type"), TYPED)
def test_codebook_words_beyond_the_commonest_get_their_sub_event_type(
    pipeline: Pipeline, text: str, sub_event_type: str
) -> None:
    row = first_acled_typed(pipeline, text)

    assert (row["acled_sub_event_type"] if row else None) == sub_event_type


@pytest.mark.parametrize("text", UNTYPED)
def test_harm_and_arrest_words_outside_political_violence_stay_untyped(
    pipeline: Pipeline, text: str
) -> None:
    assert first_acled_typed(pipeline, text) is None


def test_a_modal_in_a_reported_decision_does_not_unmake_it(pipeline: Pipeline) -> None:
    row = first_acled_typed(pipeline, "The militia said it would disband and join the army.")

    assert row is not None and row["acled_sub_event_type"] == "Change to group/activity"


def test_the_gates_change_no_reading(pipeline: Pipeline) -> None:
    texts = [t for t, _ in TYPED] + UNTYPED
    for text in texts:
        doc = pipeline.nlp.parse(text)
        words = document_words(doc)
        for span in doc.sents:
            view = SentenceView(span, (), words)
            assert find_type(view) == find_type(SentenceView(span), gated=False), text


def test_document_words_are_each_tokens_lemma_and_word(pipeline: Pipeline) -> None:
    doc = pipeline.nlp.parse("Gunmen Stormed the Hotel. Police arrested TWO suspects.")

    lemmas, lowers = document_words(doc)

    assert lemmas == [t.lemma_.lower() for t in doc]
    assert lowers == [t.lower_ for t in doc]


def test_the_toll_gate_changes_no_toll(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = (
        [t for t, _ in TYPED]
        + UNTYPED
        + [
            "No one was hurt in the blast.",
            "The attack left 14 dead.",
            "Nobody was killed, officials said.",
            "Three bombers blew themselves up.",
            "The death toll rose to 31 on Friday.",
        ]
    )
    gated = [find_fatalities(t) for t in texts]
    monkeypatch.setattr(acled_fatalities, "_ANY_TOLL_WORD", re.compile(""))

    assert [find_fatalities(t) for t in texts] == gated


def test_cue_entries_sharing_a_first_word_are_tried_longest_first() -> None:
    entries = frozenset({"mortar", "mortar shell", "mortar-launched round", "mortar fire"})
    assert cue_index(entries)["mortar"] == (
        ("mortar", "-", "launched", "round"),
        ("mortar", "fire"),
        ("mortar", "shell"),
        ("mortar",),
    )
