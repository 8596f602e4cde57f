"""ACLED typing reads only events that happened once: habits, trends, tallies over years,
plans, possibilities, permissions, states and event words that only name a kind of crime
or a past agreement give no ACLED event, while the same events told as news do."""

from __future__ import annotations

import pytest
from helpers import first_acled_typed

from eventcoder.acled_clauses import SentenceView
from eventcoder.acled_realis import unreported
from eventcoder.acled_typing import find_type
from eventcoder.nlp import NLP
from eventcoder.pipeline import Pipeline

NOT_EVENTS: list[tuple[str, str]] = [
    # possibilities, predictions and plans
    ("The militia could attack the northern villages before the harvest.", "modal"),
    ("Analysts say the army will fight to keep its grip on the mines.", "modal"),
    ("Ministry to deploy 3,000 soldiers to fight bandits in the hills.", "plan"),
    # habits and trends
    ("Smuggling crews routinely kidnap truck drivers on the coastal road.", "habit"),
    ("Every bus that crosses the pass at night is attacked by bandits.", "habit"),
    ("Their supporters hold frequent protests outside the court.", "habit"),
    ("Kidnappings rose by a third in the province last year.", "tally"),
    # tallies
    ("The number of abductions in the capital doubled between 2015 and 2018.", "tally"),
    ("That amounts to roughly one kidnapping per day in the border towns.", "tally"),
    ("The region recorded numerous bombings along its pipelines.", "tally"),
    ("Police have killed more than 3,000 people in the past decade.", "span"),
    # kinds of crime and names of past events
    ("The report describes how kidnapping gangs control the fish market.", "modifier"),
    ("Cartels have moved into other crimes, including kidnapping and extortion.", "kind"),
    ("Kidnapping is rising again in the capital's suburbs.", "kind"),
    ("The gangs turned to other activities such as abductions of migrants.", "listing"),
    ("The agency set up an anti-kidnapping unit in the port.", "modifier"),
    ("The army fought drug trafficking in the border towns last year.", "metaphor"),
    ("Attacks on reporters have spread to new regions of the country.", "trend"),
    ("Some 1,200 people were murdered on buses between 2009 and 2014.", "span"),
    # arrests ACLED leaves out: of a few unnamed people, not leaders or political actors
    ("Two men were arrested at the bus station on Friday.", "routine"),
    ("Diplomats praised the 2016 ceasefire between the army and the rebels.", "reference"),
    # an agreement named, not made
    ("Critics say the truce gave the rebel commanders too much.", "reference"),
    ("The mayor paid the gang leaders in exchange for their votes.", "reference"),
    # what a statement or an inquiry is about; what a group is held responsible for
    ("The minister dismissed reports about killings of farmers in the valley.", "topic"),
    ("The cartel has been responsible for massacres across the north.", "topic"),
]

EVENTS: list[tuple[str, str]] = [
    ("The militia attacked the northern villages on Monday.", "Attack"),
    ("Kidnappers abducted two truck drivers on the coastal road on Tuesday.", "Abduction"),
    ("Police killed three suspected robbers in a shootout in the capital.", "Armed clash"),
    ("Bandits killed four farmers in the hills on Sunday.", "Attack"),
    ("The killing of three herders near the river on Sunday angered the clan.", "Attack"),
    ("Unknown assailants maimed a village chief with machetes.", "Attack"),
    ("The rebels claimed responsibility for the attack on the barracks.", "Armed clash"),
    ("The army and the rebels signed a truce in the capital on Friday.", "Agreement"),
    ("The militia freed two hostages in exchange for five prisoners.", "Agreement"),
    ("The government renewed a ceasefire pact with the rebel groups.", "Agreement"),
    ("Police arrested 40 opposition supporters in the capital on Friday.", "Arrests"),
    ("Soldiers detained the rebel commander near the border.", "Arrests"),
    ("Police arrested Joseph Tembo, a local newspaper editor, at his home.", "Arrests"),
]


@pytest.mark.parametrize(("text", "why"), NOT_EVENTS)
def test_an_event_word_that_tells_no_event_gives_no_acled_type(
    pipeline: Pipeline, text: str, why: str
) -> None:
    assert first_acled_typed(pipeline, text) is None


@pytest.mark.parametrize(("text", "why"), NOT_EVENTS)
def test_the_check_names_why_no_event_happened(nlp: NLP, text: str, why: str) -> None:
    doc = nlp.parse(text)
    span = next(iter(doc.sents))
    view = SentenceView(span)
    found = find_type(view)

    assert found is not None  # the typer reads an event word in the sentence ...
    assert unreported(view, found) == why  # ... but no event


@pytest.mark.parametrize(("text", "sub_event_type"), EVENTS)
def test_the_same_events_told_as_news_are_typed(
    pipeline: Pipeline, text: str, sub_event_type: str
) -> None:
    row = first_acled_typed(pipeline, text)

    assert row is not None and row["acled_sub_event_type"].startswith(sub_event_type)


@pytest.mark.parametrize(
    "text",
    [
        "The new rules permit the coast guard to sink smuggling boats.",
        "The former governor remains in jail while he awaits trial.",
        "The senator, who was arrested last year, spoke to reporters on Friday.",
        "Her photographs demonstrate the reach of the gangs in the port.",
        "Will the government send more troops to the border?",
        "Customs officers seized 300 kilos of cocaine at the port on Friday.",
    ],
)
def test_permissions_states_descriptions_and_questions_give_no_acled_type(
    pipeline: Pipeline, text: str
) -> None:
    assert first_acled_typed(pipeline, text) is None


def test_a_group_announcing_what_it_will_do_is_still_its_decision(pipeline: Pipeline) -> None:
    row = first_acled_typed(
        pipeline, "The rebel movement announced that it would disband its armed wing."
    )

    assert row is not None and row["acled_sub_event_type"] == "Change to group/activity"


def test_a_person_captured_somewhere_is_no_place_taken(pipeline: Pipeline) -> None:
    row = first_acled_typed(pipeline, "Marines captured the cartel's accountant in Veracruz.")

    assert row is None or row["acled_event_type"] != "Battles"
