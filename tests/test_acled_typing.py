"""ACLED typing: each sentence's ACLED event by the codebook's rules, on hand-written news
sentences of every sub-event type; events ACLED does not record get no type."""

from __future__ import annotations

from typing import Any

import pytest

from eventcoder.acled_typing import ACLED_CODER, AcledTyper, acled_compatible, acled_rule_id
from eventcoder.ingest import document_from_text
from eventcoder.pipeline import Pipeline

SENTENCES: list[tuple[str, str | None]] = [
    (
        "Government troops recaptured the town of Marlo from insurgents on Tuesday.",
        "Government regains territory",
    ),
    (
        "The army regained control of three villages near the border after a week of fighting.",
        "Government regains territory",
    ),
    (
        "Security forces liberated the district from the militants on Friday.",
        "Government regains territory",
    ),
    (
        "Rebels took control of the provincial capital on Sunday.",
        "Non-state actor overtakes territory",
    ),
    (
        "The town of Sarno fell to the insurgents after a two-day siege.",
        "Non-state actor overtakes territory",
    ),
    (
        "Militants overran an army outpost in the north, the ministry said.",
        "Non-state actor overtakes territory",
    ),
    (
        "Insurgents captured the strategic town of Pello in a dawn offensive.",
        "Non-state actor overtakes territory",
    ),
    (
        "The militia seized two oil fields without a fight after the guards fled.",
        "Non-violent transfer of territory",
    ),
    (
        "Government forces withdrew from the town, handing it over to local militias.",
        "Non-violent transfer of territory",
    ),
    ("The two warring parties signed a ceasefire agreement in the capital on Monday.", "Agreement"),
    (
        "The government and the rebel movement reached a peace deal after months of talks.",
        "Agreement",
    ),
    ("Both sides exchanged prisoners under the deal brokered by the United Nations.", "Agreement"),
    ("Fifty fighters surrendered to the army along with their weapons.", "Agreement"),
    (
        "The army deployed additional troops to the border region on Wednesday.",
        "Change to group/activity",
    ),
    (
        "Two armed groups announced that they had merged into a single alliance.",
        "Change to group/activity",
    ),
    ("Dozens of militiamen defected to the government side.", "Change to group/activity"),
    ("Reinforcements arrived in the city as tensions rose.", "Change to group/activity"),
    (
        "The rebels set up a new headquarters in the mountain village.",
        "Headquarters or base established",
    ),
    ("Troops established a military base near the airport.", "Headquarters or base established"),
    ("Police defused a bomb planted near the market.", "Disrupted weapons use"),
    (
        "Soldiers found a cache of weapons and explosives in an abandoned house.",
        "Disrupted weapons use",
    ),
    ("Air defences shot down two drones over the city.", "Disrupted weapons use"),
    (
        "Police seized 20 rifles and 3,000 rounds of ammunition at a checkpoint.",
        "Disrupted weapons use",
    ),
    ("Police arrested 15 people suspected of links to the group.", "Arrests"),
    ("Security forces detained a prominent opposition leader at his home.", "Arrests"),
    ("Gunmen looted shops and set fire to houses in the village.", "Looting/property destruction"),
    (
        "Unidentified assailants torched a school building overnight.",
        "Looting/property destruction",
    ),
    ("Thousands of people marched through the capital to demand higher wages.", "Peaceful protest"),
    ("Teachers staged a sit-in outside the ministry of education.", "Peaceful protest"),
    ("Students rallied peacefully on campus against the new fees.", "Peaceful protest"),
    (
        "Police fired tear gas to disperse hundreds of demonstrators in the city centre.",
        "Protest with intervention",
    ),
    (
        "Police arrested dozens of protesters who gathered outside parliament.",
        "Protest with intervention",
    ),
    (
        "Security forces opened fire on protesters, killing three.",
        "Excessive force against protesters",
    ),
    (
        "Soldiers shot dead two demonstrators during a march in the capital.",
        "Excessive force against protesters",
    ),
    (
        "Protesters threw stones at police and burned tyres on the main road.",
        "Violent demonstration",
    ),
    ("Rioters torched cars and looted shops after the verdict.", "Violent demonstration"),
    ("Demonstrators clashed with police outside the governor's office.", "Violent demonstration"),
    ("An angry mob beat a suspected thief to death in the market.", "Mob violence"),
    ("Villagers lynched two men accused of stealing cattle.", "Mob violence"),
    (
        "Government forces and rebels clashed near the border, leaving ten fighters dead.",
        "Armed clash",
    ),
    ("Militants attacked an army checkpoint, killing four soldiers.", "Armed clash"),
    ("Troops ambushed a rebel convoy in the forest.", "Armed clash"),
    ("Gunmen killed five villagers in an attack on a remote settlement.", "Attack"),
    ("Unidentified gunmen shot dead a journalist outside his house.", "Attack"),
    ("Bandits attacked a bus, killing seven passengers.", "Attack"),
    ("Armed men kidnapped 12 students from a boarding school.", "Abduction/forced disappearance"),
    (
        "Militants abducted an aid worker on the road to the airport.",
        "Abduction/forced disappearance",
    ),
    ("Soldiers raped several women during the raid on the village.", "Sexual violence"),
    (
        "Warplanes struck rebel positions near the city, killing at least 12 fighters.",
        "Air/drone strike",
    ),
    ("A drone strike hit a car carrying two militant commanders.", "Air/drone strike"),
    (
        "The army shelled residential areas of the town overnight.",
        "Shelling/artillery/missile attack",
    ),
    ("Rebels fired mortar rounds at the military base.", "Shelling/artillery/missile attack"),
    (
        "A rocket hit a residential building, wounding four people.",
        "Shelling/artillery/missile attack",
    ),
    (
        "A roadside bomb exploded near a police patrol, killing two officers.",
        "Remote explosive/landmine/IED",
    ),
    ("A landmine killed three children who were herding goats.", "Remote explosive/landmine/IED"),
    ("A car bomb went off outside a hotel in the capital.", "Remote explosive/landmine/IED"),
    ("An explosion ripped through a crowded market on Sunday.", "Remote explosive/landmine/IED"),
    ("A suicide bomber blew himself up at a mosque, killing 30 worshippers.", "Suicide bomb"),
    ("Attackers hurled a grenade into a bar, injuring nine people.", "Grenade"),
    (
        "Government forces used chlorine gas against the besieged district, witnesses said.",
        "Chemical weapon",
    ),
    ("Three soldiers were killed in the north on Monday.", "Armed clash"),
    ("Two civilians were killed by unknown gunmen.", "Attack"),
    ("Iran condemned the attack and called for restraint.", None),
    ("The foreign minister met his counterpart to discuss trade.", None),
    ("The president said the country would not negotiate with terrorists.", None),
    ("Rebels threatened to attack the city if their demands were not met.", None),
]


def _first_typed(pipeline: Pipeline, text: str) -> dict[str, Any] | None:
    rows = pipeline.code_document(document_from_text(text)).rows
    typed = [r for r in rows if r["acled_sub_event_type"]]
    return min(typed, key=lambda r: r["sentence_index"]) if typed else None


@pytest.mark.parametrize(("text", "sub_event_type"), SENTENCES)
def test_sentences_get_the_sub_event_type_the_codebook_gives(
    pipeline: Pipeline, text: str, sub_event_type: str | None
) -> None:
    row = _first_typed(pipeline, text)

    assert (row["acled_sub_event_type"] if row else None) == sub_event_type


def test_statements_and_diplomacy_get_no_acled_type(pipeline: Pipeline) -> None:
    text = "Iran condemned the sanctions. The two ministers agreed to meet again in May."

    rows = pipeline.code_document(document_from_text(text)).rows

    assert rows and all(r["acled_event_type"] is None for r in rows)
    assert all(r["disorder_type"] is None and r["fatalities"] is None for r in rows)


def test_an_event_the_cameo_coder_missed_gets_a_row_of_its_own(pipeline: Pipeline) -> None:
    row = _first_typed(pipeline, "An explosion ripped through a crowded market on Sunday.")

    assert row is not None
    assert row["coder"] == ACLED_CODER and row["coder_version"] == AcledTyper.version
    assert row["acled_rule_id"] == acled_rule_id("remote_explosive")
    assert row["trigger_text"] == "explosion" and row["cameo_code"] == "183"


def test_a_coded_event_takes_the_sentence_type_and_keeps_its_dyad(pipeline: Pipeline) -> None:
    text = "Turkish warplanes struck Kurdish militant positions in northern Iraq."

    row = _first_typed(pipeline, text)

    assert row is not None and row["coder"] == "rules"
    assert row["acled_sub_event_type"] == "Air/drone strike"
    assert row["acled_rule_id"].startswith("acled.air.")


def test_acled_columns_follow_the_codebook(pipeline: Pipeline) -> None:
    text = "Gunmen killed five villagers in an attack on a remote settlement."

    row = _first_typed(pipeline, text)

    assert row is not None
    assert row["disorder_type"] == "Political violence"
    assert row["civilian_targeting"] == "Civilian targeting"
    assert row["target_inter"] == 7 and row["interaction"] % 10 == 7
    assert row["fatalities"] == 5 and row["fatalities_text"] == "killed five"
    assert text[row["fatalities_start"] : row["fatalities_end"]] == "killed five"


def test_a_protest_without_an_organiser_is_coded_with_protesters(pipeline: Pipeline) -> None:
    row = _first_typed(pipeline, "Thousands marched through the capital to demand higher wages.")

    assert row is not None
    assert (row["disorder_type"], row["actor_inter"], row["interaction"]) == (
        "Demonstrations",
        6,
        60,
    )
    assert row["fatalities"] is None


def test_the_toll_may_come_from_the_next_sentence(pipeline: Pipeline) -> None:
    text = "A car bomb went off outside a hotel. Four people were killed, police said."

    row = _first_typed(pipeline, text)

    assert row is not None and row["fatalities"] == 4
    assert text[row["fatalities_start"] : row["fatalities_end"]] == row["fatalities_text"]


def test_a_report_that_nobody_died_gives_zero(pipeline: Pipeline) -> None:
    row = _first_typed(pipeline, "A roadside bomb exploded near a convoy. No one was hurt.")

    assert row is not None and row["fatalities"] == 0


def test_violence_takes_the_means_a_following_sentence_tells(pipeline: Pipeline) -> None:
    text = "Two soldiers were killed in an attack on a checkpoint. Attackers threw a grenade."

    row = _first_typed(pipeline, text)

    assert row is not None and row["acled_sub_event_type"] == "Grenade"


def test_rows_of_one_acled_event_share_its_id(pipeline: Pipeline) -> None:
    text = "US and Israeli warplanes struck the base on Monday."

    rows = [r for r in pipeline.code_document(document_from_text(text)).rows if r["acled_event_id"]]

    assert len(rows) >= 2
    assert {r["acled_event_id"] for r in rows} == {rows[0]["event_id"]}


@pytest.mark.parametrize(
    ("code", "compatible"),
    [("195", True), ("141", True), ("173", True), ("0871", True), ("010", False), ("111", False)],
)
def test_only_codes_of_violence_protest_coercion_and_truces_carry_acled_events(
    code: str, compatible: bool
) -> None:
    assert acled_compatible(code) is compatible
