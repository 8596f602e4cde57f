"""The petrarch coder on the shapes of wire news: datelines, noun phrases around actors and
agents, agents named without a country, and CAMEO's intentions and meetings.

Small dictionaries in the PETRARCH formats are written to a temporary folder; sentences are
parsed with the installed spaCy model, since the coder reads the parse.
"""

from __future__ import annotations

import pytest

from eventcoder.coders.petrarch.coder import PetrarchCoder
from eventcoder.coders.petrarch.loading import DictionaryOption
from eventcoder.nlp import NLP, sentences
from eventcoder.types import Actor, Document, EventCandidate, ParsedDocument

VERBS = """\
--- CONDEMN [111] ---
CONDEMN

--- ARREST [173] ---
ARREST
DETAIN

--- WELCOME [051] ---
WELCOME
- * (TO) [043:042]

--- MEET [040] ---
MEET {MEETS MET MEETING}
- * (AT) [036:036]

--- AGREE [050] ---
AGREE

--- PLEDGE [030] ---
PLEDGE

--- HELP [070] ---
HELP
SEND

--- OPEN [---] ---
LAUNCH
- * INVESTIGATION [090]

--- THREATEN [130] ---
THREATEN

--- EXPEL [174] ---
EXPEL

--- REFUSE [---] ---
REFUSE

--- END [---] ---
END
- * BLOCKADE [081]

--- SAY [010] ---
SAY {SAYS SAID SAYING}
"""

# Made-up places with real country codes (an agent takes only a country's code).
ACTORS = """\
ARNOR [AUT]
GONDOR [GRC]
ROHAN [ROU]
+ROHANIAN
OSGILIATH [OMN]
"""

AGENTS = """\
POLICE {} [~COP]
MILITARY {} [~MIL]
PRESIDENT [~GOV]
OFFICIAL [~GOV]
DIPLOMAT [~GOV]
SPY [~SPY]
"""


@pytest.fixture(scope="module")
def coder(tmp_path_factory: pytest.TempPathFactory) -> PetrarchCoder:
    folder = tmp_path_factory.mktemp("news-dictionaries")
    for name, text in (
        ("news.verbs.txt", VERBS),
        ("news.actors.txt", ACTORS),
        ("news.agents.txt", AGENTS),
    ):
        (folder / name).write_text(text, encoding="utf-8")
    return PetrarchCoder.from_option(DictionaryOption("petrarch", (str(folder),), replace=True))


def candidates(nlp: NLP, coder: PetrarchCoder, text: str) -> list[EventCandidate]:
    document = Document("d", text)
    parsed = ParsedDocument(document, tuple(sentences(document, nlp.parse(text))))
    return coder.code(parsed)


def source(event: EventCandidate) -> Actor:
    assert event.actor is not None
    return event.actor


def target(event: EventCandidate) -> Actor:
    assert event.target is not None
    return event.target


def code(nlp: NLP, coder: PetrarchCoder, text: str) -> set[tuple[str | None, str | None, str]]:
    """The (source, target, event code) triples the coder gives for a text."""
    return {
        (source(c).code if c.actor else None, target(c).code if c.target else None, c.cameo_code)
        for c in candidates(nlp, coder, text)
    }


# --- datelines and agents without a country ---------------------------------------------------


def test_a_dateline_place_is_no_actor_but_gives_a_bare_agent_its_country(
    nlp: NLP, coder: PetrarchCoder
) -> None:
    found = candidates(nlp, coder, "OSGILIATH (AP) -- Police arrested two Arnor officials.")
    assert [(source(c).code, target(c).code, c.cameo_code) for c in found] == [
        ("OMNCOP", "AUTGOV", "173")
    ]
    assert source(found[0]).country == "OMN"
    assert source(found[0]).text == "Police"


def test_a_dateline_country_holds_for_the_later_sentences_of_its_story(
    nlp: NLP, coder: PetrarchCoder
) -> None:
    text = "OSGILIATH -- Rain fell all day. Police detained an Arnor diplomat on Monday."
    assert code(nlp, coder, text) == {("OMNCOP", "AUTGOV", "173")}


def test_a_bare_agent_takes_the_country_the_sentence_places_it_in(
    nlp: NLP, coder: PetrarchCoder
) -> None:
    text = "Police arrested an Arnor diplomat at a hotel in Rohan."
    assert code(nlp, coder, text) == {("ROUCOP", "AUTGOV", "173")}


def test_a_bare_agent_does_not_take_the_country_of_the_other_side(
    nlp: NLP, coder: PetrarchCoder
) -> None:
    assert code(nlp, coder, "Police detained two Arnor officials.") == {("COP", "AUTGOV", "173")}


# --- noun phrases ----------------------------------------------------------------------------


def test_a_capitalised_plural_demonym_is_its_actor(nlp: NLP, coder: PetrarchCoder) -> None:
    assert code(nlp, coder, "Rohanians condemned Arnor.") == {("ROU", "AUT", "111")}


def test_a_title_before_an_unknown_name_spans_the_name(nlp: NLP, coder: PetrarchCoder) -> None:
    found = candidates(nlp, coder, "Arnor condemned President Ilo Varnhal.")
    assert [(target(c).text, target(c).code) for c in found] == [("President Ilo Varnhal", "GOV")]


def test_a_role_word_modifying_a_noun_spans_that_noun(nlp: NLP, coder: PetrarchCoder) -> None:
    found = candidates(nlp, coder, "Gondor condemned the military exercises.")
    assert [(target(c).text, target(c).code) for c in found] == [("military exercises", "MIL")]


def test_an_agent_word_used_as_a_verb_is_no_actor(nlp: NLP, coder: PetrarchCoder) -> None:
    assert code(nlp, coder, "Arnor officials believe they were spied on by Gondor.") == set()


# --- CAMEO conventions -----------------------------------------------------------------------


def test_a_parenthesised_pattern_group_needs_a_preposition(nlp: NLP, coder: PetrarchCoder) -> None:
    assert code(nlp, coder, "Arnor welcomed the president of Gondor to the capital.") == {
        ("AUT", "GRCGOV", "043"),
        ("GRCGOV", "AUT", "042"),
    }
    text = "Arnor welcomed the decision of Gondor to lift the blockade."
    assert code(nlp, coder, text) == {("AUT", "GRC", "051")}


def test_agreeing_or_pledging_to_act_is_an_intention_to_do_it(
    nlp: NLP, coder: PetrarchCoder
) -> None:
    assert code(nlp, coder, "Arnor agreed to help Gondor.") == {("AUT", "GRC", "033")}
    assert code(nlp, coder, "Arnor pledged to help Gondor.") == {("AUT", "GRC", "033")}
    assert code(nlp, coder, "Arnor agreed to meet Gondor.") == {("AUT", "GRC", "036")}


def test_a_meeting_is_an_intention_only_when_it_lies_ahead(nlp: NLP, coder: PetrarchCoder) -> None:
    assert code(nlp, coder, "Arnor met Gondor at the palace.") == {
        ("AUT", "GRC", "040"),
        ("GRC", "AUT", "040"),
    }
    assert code(nlp, coder, "Arnor will meet Gondor at the palace.") == {
        ("AUT", "GRC", "036"),
        ("GRC", "AUT", "036"),
    }


def test_a_future_cooperative_act_is_the_intention_to_do_it(nlp: NLP, coder: PetrarchCoder) -> None:
    assert code(nlp, coder, "Arnor will help Gondor.") == {("AUT", "GRC", "033")}
    assert code(nlp, coder, "Arnor helped Gondor.") == {("AUT", "GRC", "070")}


def test_a_threat_to_act_is_coded_as_the_threat(nlp: NLP, coder: PetrarchCoder) -> None:
    text = "Arnor threatened to expel the diplomats of Gondor."
    assert code(nlp, coder, text) == {("AUT", "GRCGOV", "130")}


# --- events without a target actor -----------------------------------------------------------


def test_actors_of_a_compound_that_act_together_are_coded_against_each_other(
    nlp: NLP, coder: PetrarchCoder
) -> None:
    assert code(nlp, coder, "Arnor and Gondor agreed on a plan.") == {
        ("AUT", "GRC", "050"),
        ("GRC", "AUT", "050"),
    }


def test_a_pattern_that_names_what_was_acted_on_needs_no_target_actor(
    nlp: NLP, coder: PetrarchCoder
) -> None:
    found = candidates(nlp, coder, "Arnor launched an investigation.")
    assert [(source(c).code, c.target, c.cameo_code) for c in found] == [("AUT", None, "090")]
    assert code(nlp, coder, "Arnor launched a rocket.") == set()
    assert code(nlp, coder, "Arnor helped.") == set()  # no pattern: a target is needed


def test_refusing_to_act_is_a_rejection_of_it(nlp: NLP, coder: PetrarchCoder) -> None:
    assert code(nlp, coder, "Arnor refused to meet Gondor.") == {("AUT", "GRC", "125")}
    assert code(nlp, coder, "Arnor refused to help Gondor.") == {("AUT", "GRC", "122")}


def test_being_willing_or_saying_one_will_act_is_an_intention(
    nlp: NLP, coder: PetrarchCoder
) -> None:
    assert code(nlp, coder, "Arnor is willing to help Gondor.") == {("AUT", "GRC", "033")}
    assert code(nlp, coder, "Arnor said it would help Gondor.") == {("AUT", "GRC", "033")}


def test_a_future_cooperative_act_negated_is_a_refusal(nlp: NLP, coder: PetrarchCoder) -> None:
    assert code(nlp, coder, "Arnor will end the blockade of Gondor.") == {("AUT", "GRC", "035")}
    text = "Arnor will not end the blockade of Gondor."
    assert code(nlp, coder, text) == {("AUT", "GRC", "124")}


def test_a_to_infinitive_completing_a_noun_is_no_event(nlp: NLP, coder: PetrarchCoder) -> None:
    assert code(nlp, coder, "Arnor condemned the offer to help Gondor.") == {("AUT", "GRC", "111")}


def test_saying_someone_must_act_is_a_demand_on_them(nlp: NLP, coder: PetrarchCoder) -> None:
    assert code(nlp, coder, "Arnor said Gondor must help Rohan.") == {("AUT", "GRC", "100")}
    assert code(nlp, coder, "Arnor said Gondor helped Rohan.") == {("GRC", "ROU", "070")}


def test_a_pattern_word_also_matches_its_plural_unless_keeping_petrarch_codes(
    nlp: NLP, coder: PetrarchCoder
) -> None:
    assert code(nlp, coder, "Arnor launched investigations.") == {("AUT", None, "090")}
    keeping = coder.with_dictionary_codes()
    assert code(nlp, keeping, "Arnor launched investigations.") == set()
