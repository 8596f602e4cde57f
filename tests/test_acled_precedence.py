"""ACLED typing where the codebook's precedence decides between readings: a withdrawal is a
transfer of territory only when someone takes the place, what armed sides agreed to do (or
a transfer under a deal) is their agreement, a crowd of people at a protest does not use
excessive force, communities fighting each other are a mob, a raid whose only harm is
plunder is looting, who is hit is told by what a person or a convoy is (not whose relative
or what carries them), and the strategic developments of armed groups (weapons handed over,
operations suspended, alliances, mergers, new leaders) are not those of parties, firms or
clubs; agreements broken, conditions and offers are no events."""

from __future__ import annotations

import pytest
from helpers import first_acled_typed

from eventcoder.acled_clauses import SentenceView, document_words
from eventcoder.acled_typing import find_type
from eventcoder.pipeline import Pipeline

TYPED: list[tuple[str, str]] = [
    # forces leaving a place: a transfer needs a taker, in the sentence or the next ones
    ("Army units withdrew from the river port of Semba on Friday.", "Change to group/activity"),
    (
        "The foreign battalion pulled out of the eastern district in March.",
        "Change to group/activity",
    ),
    (
        "The rebels pulled out of the market town, leaving it in the hands of the army.",
        "Non-violent transfer of territory",
    ),
    (
        "Government soldiers withdrew from the town of Oruk. A militia moved in and "
        "captured the town two days later.",
        "Non-violent transfer of territory",
    ),
    # what armed sides agreed to do is their agreement
    (
        "After talks with clan elders, the fighters agreed to leave the village.",
        "Agreement",
    ),
    ("The insurgents freed a kidnapped nurse after talks with elders.", "Agreement"),
    # a crowd's own violence at a protest; communities fighting each other
    (
        "Demonstrators ransacked the governor's office during the march.",
        "Violent demonstration",
    ),
    (
        "Villagers from two neighbouring communities clashed with clubs and machetes over "
        "grazing land.",
        "Mob violence",
    ),
    (
        "Youths from the two villages attacked each other with stones and sticks.",
        "Mob violence",
    ),
    # strategic developments of armed groups
    (
        "About 200 militia fighters handed over their guns to the army at a ceremony.",
        "Change to group/activity",
    ),
    (
        "The rebel movement said it was suspending its military operations in the north.",
        "Change to group/activity",
    ),
    (
        "Two insurgent factions announced an alliance against the government.",
        "Change to group/activity",
    ),
    # people evacuated or captives handed over under a deal: the agreement; a place left
    # under a deal is handed to whoever the deal names
    (
        "Wounded fighters and their relatives were evacuated from the besieged quarter "
        "under a deal between the two sides.",
        "Agreement",
    ),
    (
        "Aid workers oversaw the handover of twelve prisoners from the rebels to the army.",
        "Agreement",
    ),
    (
        "The militia pulled out of the airport under the terms of the truce.",
        "Non-violent transfer of territory",
    ),
    # strategic developments told by nouns, a name changed
    ("The governor requested the deployment of troops to the delta.", "Change to group/activity"),
    (
        "The rebel command announced the formation of a new brigade in the south.",
        "Change to group/activity",
    ),
    ("The separatist movement changed its name after the split.", "Change to group/activity"),
    # crowds: rough justice told anywhere in what they did, rioting with no protest told,
    # protests stopped by the police, a march that went ahead
    ("A crowd stoned a man to death after accusing him of theft.", "Mob violence"),
    (
        "Hundreds of villagers stormed the compound of a landowner and burned his cars.",
        "Mob violence",
    ),
    (
        "Hundreds of villagers stormed the police station and burned two cars.",
        "Violent demonstration",
    ),
    (
        "Riot police prevented opposition supporters from holding a rally in the square.",
        "Protest with intervention",
    ),
    ("The march went ahead despite the rain.", "Peaceful protest"),
    # an opposition politician is a civilian; a device named with an adjective
    ("An opposition councillor was assassinated outside his office.", "Attack"),
    (
        "An explosive device left in a rubbish bin went off near the stadium, killing one.",
        "Remote explosive/landmine/IED",
    ),
    # what a vigil mourns is not what happened at it
    ("Students held a vigil for the victims of the car bombing.", "Peaceful protest"),
    # the fighting a truce ends is no clash
    ("The army chief declared a cessation of hostilities in the north.", "Agreement"),
    # a vehicle rammed by a suicide bomber; who a bombing's mastermind is
    ("A suicide car bomber rammed a police checkpoint outside the city.", "Suicide bomb"),
    ("The alleged mastermind of the hotel bombing was arrested in the port.", "Arrests"),
    # a plan named by a noun did not happen
    ("Police foiled a plot to bomb the cathedral, arresting two men.", "Arrests"),
    # arrests made in a raid on a home are the arrests
    (
        "Police arrested four suspected militants and seized rifles in a raid on a farmhouse.",
        "Arrests",
    ),
    ("Police arrested a militia leader in a night raid on his house.", "Arrests"),
    # who is hit: whose relatives, what a convoy carries
    ("Gunmen shot dead a policeman's mother and sister at their home.", "Attack"),
    ("Militiamen ambushed a convoy of trucks carrying relief food, killing a driver.", "Attack"),
    # crowds named by their violence; protesters arrested where they gathered
    (
        "Soldiers fired on rock-throwing youths near the bridge, wounding two.",
        "Violent demonstration",
    ),
    (
        "Police detained twenty teachers who had gathered outside the ministry to demand pay.",
        "Protest with intervention",
    ),
    # raids whose only harm is plunder; people taken captive
    (
        "Bandits raided the farming settlement overnight, stealing goats and looting stores.",
        "Looting/property destruction",
    ),
    ("The rebels took three engineers captive at the dam site.", "Abduction/forced disappearance"),
    # "mob" naming organised crime
    ("Police arrested eleven mob bosses in a dawn operation.", "Arrests"),
    # territory: fighters cleared from a place, a withdrawal under fire
    (
        "Troops cleared the remaining gunmen from the hills around the town.",
        "Government regains territory",
    ),
    (
        "The militants seized the crossing after border guards withdrew under heavy fire.",
        "Non-state actor overtakes territory",
    ),
    # who takes a place is who said they took it; a rebel coalition is no state force
    (
        "The rebel alliance said it had seized the district capital after two days of fighting.",
        "Non-state actor overtakes territory",
    ),
    # force that maims protesters; aircraft and drones sent against a place; the displaced
    (
        "Police fired birdshot at peaceful protesters in the square, blinding two students.",
        "Excessive force against protesters",
    ),
    ("The army launched dozens of drones at rebel positions overnight.", "Air/drone strike"),
    ("Helicopter gunships strafed a rebel column on the highway.", "Air/drone strike"),
    ("Gunmen attacked a camp for displaced families, killing nine people.", "Attack"),
    ("Militiamen attacked a displacement camp near the river at dawn.", "Attack"),
    # people carried off named by a pronoun; a camp installed by an armed group
    (
        "Soldiers whisked him away from his home in the night, his wife said.",
        "Abduction/forced disappearance",
    ),
    (
        "Armed separatists have installed a camp in the forest above the town.",
        "Headquarters or base established",
    ),
    # rough justice on suspicion; gangs trading fire
    ("A crowd beat a young man to death on suspicion of stealing a goat.", "Mob violence"),
    ("Two rival gangs exchanged heavy gunfire in the harbour district for hours.", "Armed clash"),
    # protesters who died: what they suffered, not what a crowd did
    (
        "Three marchers died after a police truck drove into the sit-in outside the ministry.",
        "Excessive force against protesters",
    ),
    # people carried off named by their role; arrests in the French-derived wording of some
    # local news
    (
        "The village chief was taken away by armed men on Monday night.",
        "Abduction/forced disappearance",
    ),
    (
        "Six travellers were removed from a bus by unidentified armed men on the highway.",
        "Abduction/forced disappearance",
    ),
    (
        "Gendarmes proceeded to the interpellation of the opposition mayor at his home.",
        "Arrests",
    ),
]

UNTYPED: list[str] = [
    "The bank pulled out of the bond sale on Monday.",
    "The singer withdrew from the festival because of illness.",
    "The two parties merged ahead of the vote.",
    "The opposition party elected a new chairman at its congress.",
    "The shop moved its headquarters to the new mall.",
    "Thousands of tourists were evacuated from the island before the storm.",
    "The country is willing to withdraw its troops if the talks succeed.",
    "The minister has offered to send troops to help after the floods.",
    "The court released the reporter but barred him from leaving the country.",
    "Miners at the old copper mine stopped work for a day over unpaid bonuses.",
    "The truce collapsed within a week.",
    "The two armies accused each other of violating the ceasefire.",
    "The film tells the story of a mob boss in the port city.",
    "The president welcomed the decision to send the troops home.",
    "The governor launched a scathing attack on the finance ministry.",
    "The court granted the agency permission to detain the publisher.",
    "The ruling coalition took control of the city council after the vote.",
]


@pytest.mark.parametrize(("text", "sub_event_type"), TYPED)
def test_the_codebook_precedence_gives_the_sub_event_type(
    pipeline: Pipeline, text: str, sub_event_type: str
) -> None:
    row = first_acled_typed(pipeline, text)

    assert (row["acled_sub_event_type"] if row else None) == sub_event_type


@pytest.mark.parametrize("text", UNTYPED)
def test_moves_of_firms_parties_and_offers_give_no_acled_event(
    pipeline: Pipeline, text: str
) -> None:
    assert first_acled_typed(pipeline, text) is None


def test_a_withdrawal_without_a_taker_is_the_rule_of_changes_to_a_group(
    pipeline: Pipeline,
) -> None:
    row = first_acled_typed(pipeline, "Army units withdrew from the river port of Semba.")

    assert row is not None
    assert row["acled_rule_id"].startswith("acled.change_to_group.withdrawal.")


def test_the_gates_change_no_reading_of_these_sentences(pipeline: Pipeline) -> None:
    for text in [t for t, _ in TYPED] + UNTYPED:
        doc = pipeline.nlp.parse(text)
        words = document_words(doc)
        for span in doc.sents:
            gated = find_type(SentenceView(span, (), words))
            assert gated == find_type(SentenceView(span), gated=False), text
