"""Behaviour of the rule coder (eventcoder.coders.rules) on hand-built parses.

Most tests build the spaCy Doc by hand, with exactly the parse the rule is written for, so
they test the coder's mechanisms and not the statistical model. A few repeat a sentence
through the real model to catch parse drift that would break the rule in practice.
"""

from __future__ import annotations

import textwrap
from typing import Any

import pytest
import spacy
from spacy.tokens import Doc

from eventcoder.actors import find_names
from eventcoder.coders.rules import RuleCoder
from eventcoder.nlp import NLP, sentences
from eventcoder.types import Actor, Document, EventCandidate, ParsedDocument

VOCAB = spacy.blank("en").vocab
NO_SPACE_BEFORE = frozenset({".", ",", "-", "'s", "n't", ":", ";"})


def make_doc(spec: str) -> Doc:
    """A parsed Doc from one line per token: WORD LEMMA POS TAG DEP HEAD [ENT].

    HEAD is the absolute index of the head token (a ROOT is its own head), so sentence
    boundaries follow from the parse. ENT is an entity label; consecutive tokens with the
    same label form one entity. Tokens are separated by a space except before punctuation
    such as "." and "," and around a hyphen.
    """
    rows = [line.split() for line in spec.splitlines() if line.strip()]
    for row in rows:
        assert len(row) in {6, 7}, f"bad token spec {row}"
    words = [r[0] for r in rows]
    spaces = [
        i + 1 < len(words) and words[i + 1] not in NO_SPACE_BEFORE and words[i] != "-"
        for i in range(len(words))
    ]
    ents: list[str] = []
    previous = "O"
    for row in rows:
        label = row[6] if len(row) == 7 else "O"
        ents.append("O" if label == "O" else ("I-" if label == previous else "B-") + label)
        previous = label
    return Doc(
        VOCAB,
        words=words,
        spaces=spaces,
        lemmas=[r[1] for r in rows],
        pos=[r[2] for r in rows],
        tags=[r[3] for r in rows],
        deps=[r[4] for r in rows],
        heads=[int(r[5]) for r in rows],
        ents=ents,
    )


def parsed_document(doc: Any, doc_id: str = "doc") -> ParsedDocument:
    document = Document(doc_id, doc.text)
    return ParsedDocument(document, tuple(sentences(document, doc)))


def assert_spans(text: str, event: EventCandidate) -> None:
    """Every offset an event carries slices the document text to the recorded words."""
    trigger = event.trigger
    assert text[trigger.start : trigger.end] == trigger.text
    for actor in (event.actor, event.target):
        if actor is not None:
            assert text[actor.start : actor.end] == actor.text


def code_doc(coder: RuleCoder, doc: Any) -> list[EventCandidate]:
    events = coder.code(parsed_document(doc))
    for event in events:
        assert_spans(doc.text, event)
    return events


@pytest.fixture(scope="module")
def coder() -> RuleCoder:
    return RuleCoder.default()


def code(coder: RuleCoder, spec: str) -> tuple[str, list[EventCandidate]]:
    doc = make_doc(spec)
    return doc.text, code_doc(coder, doc)


def dyads(events: list[EventCandidate]) -> set[tuple[str | None, str | None, str]]:
    return {
        (
            e.actor.code if e.actor else None,
            e.target.code if e.target else None,
            e.cameo_code,
        )
        for e in events
    }


def codes_of(events: list[EventCandidate]) -> set[str | None]:
    actors: list[Actor | None] = [e.actor for e in events] + [e.target for e in events]
    return {a.code for a in actors if a is not None}


IRAQ_CONDEMNED_ISRAEL = """
    Iraq      Iraq     PROPN NNP nsubj 1 GPE
    condemned condemn  VERB  VBD ROOT  1
    Israel    Israel   PROPN NNP dobj  1 GPE
    .         .        PUNCT .   punct 1
"""


# --- the helper itself ---------------------------------------------------------------


def test_make_doc_builds_text_sentences_and_entities() -> None:
    doc = make_doc(
        """
        Iraq      Iraq     PROPN NNP nsubj 1 GPE
        condemned condemn  VERB  VBD ROOT  1
        Israel    Israel   PROPN NNP dobj  1 GPE
        .         .        PUNCT .   punct 1
        The       the      DET   DT  det   5
        US        US       PROPN NNP nsubj 6 GPE
        struck    strike   VERB  VBD ROOT  6
        .         .        PUNCT .   punct 6
        """
    )
    assert doc.text == "Iraq condemned Israel. The US struck."
    assert [s.text for s in doc.sents] == ["Iraq condemned Israel.", "The US struck."]
    assert [e.text for e in doc.ents] == ["Iraq", "Israel", "US"]
    parsed = parsed_document(doc)
    assert [(s.index, s.text, s.start, s.end) for s, _ in parsed.sentences] == [
        (0, "Iraq condemned Israel.", 0, 22),
        (1, "The US struck.", 23, 37),
    ]


# --- subject, verb, object -----------------------------------------------------------


def test_subject_verb_object(coder: RuleCoder) -> None:
    text, events = code(coder, IRAQ_CONDEMNED_ISRAEL)
    assert len(events) == 1
    event = events[0]
    assert event.cameo_code == "111"
    assert event.rule_id == "cameo.111.criticize.v1"
    assert event.sentence_index == 0
    assert event.group_id is None
    assert event.actor is not None and event.target is not None
    assert (event.actor.code, event.actor.country, event.actor.resolution) == ("IRQ", "IRQ", "name")
    assert (event.target.code, event.target.resolution) == ("ISR", "name")
    assert event.trigger.text == "condemned"
    assert text[event.trigger.start : event.trigger.end] == "condemned"
    assert text[event.actor.start : event.actor.end] == "Iraq"
    assert text[event.target.start : event.target.end] == "Israel"
    assert 0 < event.confidence <= 1


def test_offsets_are_document_offsets_in_later_sentences(coder: RuleCoder) -> None:
    text, events = code(
        coder,
        """
        Iran      Iran     PROPN NNP nsubj 1 GPE
        spoke     speak    VERB  VBD ROOT  1
        .         .        PUNCT .   punct 1
        Iraq      Iraq     PROPN NNP nsubj 4 GPE
        condemned condemn  VERB  VBD ROOT  4
        Israel    Israel   PROPN NNP dobj  4 GPE
        .         .        PUNCT .   punct 4
        """,
    )
    assert len(events) == 1
    event = events[0]
    assert event.sentence_index == 1
    assert event.trigger.start == text.index("condemned")
    assert event.actor is not None and event.actor.start == text.index("Iraq")


def test_capital_stands_for_the_government(coder: RuleCoder) -> None:
    _, events = code(
        coder,
        """
        Baghdad   Baghdad  PROPN NNP nsubj 1 GPE
        condemned condemn  VERB  VBD ROOT  1
        Israel    Israel   PROPN NNP dobj  1 GPE
        .         .        PUNCT .   punct 1
        """,
    )
    assert len(events) == 1
    actor = events[0].actor
    assert actor is not None
    assert (actor.text, actor.code, actor.country, actor.role, actor.resolution) == (
        "Baghdad",
        "IRQGOV",
        "IRQ",
        "GOV",
        "capital",
    )


def test_demonym_with_role_noun(coder: RuleCoder) -> None:
    _, events = code(
        coder,
        """
        The        the        DET   DT  det   2
        Iraqi      Iraqi      ADJ   JJ  amod  2 NORP
        parliament parliament NOUN  NN  nsubj 3
        condemned  condemn    VERB  VBD ROOT  3
        Israel     Israel     PROPN NNP dobj  3 GPE
        .          .          PUNCT .   punct 3
        """,
    )
    assert len(events) == 1
    actor = events[0].actor
    assert actor is not None
    assert (actor.text, actor.code, actor.country, actor.role, actor.resolution) == (
        "Iraqi parliament",
        "IRQLEG",
        "IRQ",
        "LEG",
        "role",
    )


def test_country_name_compound_with_role_noun(coder: RuleCoder) -> None:
    _, events = code(
        coder,
        """
        The        the        DET   DT  det      2
        US         US         PROPN NNP compound 2 GPE
        ambassador ambassador NOUN  NN  nsubj    3
        condemned  condemn    VERB  VBD ROOT     3
        Israel     Israel     PROPN NNP dobj     3 GPE
        .          .          PUNCT .   punct    3
        """,
    )
    assert dyads(events) == {("USAGOV", "ISR", "111")}
    actor = events[0].actor
    assert actor is not None and actor.text == "US ambassador" and actor.role == "GOV"


def test_demonym_alone_is_resolved_as_demonym(coder: RuleCoder) -> None:
    _, events = code(
        coder,
        """
        Iraq      Iraq     PROPN NNP nsubj 1 GPE
        protested protest  VERB  VBD ROOT  1
        the       the      DET   DT  det   4
        Israeli   Israeli  ADJ   JJ  amod  4 NORP
        decision  decision NOUN  NN  dobj  1
        .         .        PUNCT .   punct 1
        """,
    )
    assert len(events) == 1
    event = events[0]
    assert event.rule_id == "cameo.111.protest_verbally.v1"
    assert event.target is not None
    assert (event.target.text, event.target.code, event.target.resolution) == (
        "Israeli",
        "ISR",
        "demonym",
    )


def test_organisation_is_resolved_by_name(coder: RuleCoder) -> None:
    # The schema knows name/demonym/capital/...; an organisation is found by its name.
    _, events = code(
        coder,
        """
        The     the     DET   DT  det      2
        United  United  PROPN NNP compound 2 ORG
        Nations Nations PROPN NNP nsubj    3 ORG
        called  call    VERB  VBD ROOT     3
        for     for     ADP   IN  prep     3
        unity   unity   NOUN  NN  pobj     4
        .       .       PUNCT .   punct    3
        """,
    )
    assert len(events) == 1
    event = events[0]
    assert event.rule_id == "cameo.020.call_for.v1"
    assert event.actor is not None
    assert (event.actor.text, event.actor.code, event.actor.resolution) == (
        "United Nations",
        "IGOUNO",
        "name",
    )
    assert event.target is None


# --- coordination, voice, negation, inherited subjects ----------------------------------


def test_compound_actors_give_one_event_each_sharing_a_group(coder: RuleCoder) -> None:
    _, events = code(
        coder,
        """
        The       the      DET   DT  det   1
        US        US       PROPN NNP nsubj 4 GPE
        and       and      CCONJ CC  cc    1
        Israel    Israel   PROPN NNP conj  1 GPE
        condemned condemn  VERB  VBD ROOT  4
        Iran      Iran     PROPN NNP dobj  4 GPE
        .         .        PUNCT .   punct 4
        """,
    )
    assert len(events) == 2
    assert dyads(events) == {("USA", "IRN", "111"), ("ISR", "IRN", "111")}
    groups = {e.group_id for e in events}
    assert len(groups) == 1 and None not in groups
    assert len({e.trigger for e in events}) == 1


def test_compound_targets_share_a_group(coder: RuleCoder) -> None:
    _, events = code(
        coder,
        """
        Iran      Iran     PROPN NNP nsubj 1 GPE
        condemned condemn  VERB  VBD ROOT  1
        the       the      DET   DT  det   3
        US        US       PROPN NNP dobj  1 GPE
        and       and      CCONJ CC  cc    3
        Israel    Israel   PROPN NNP conj  3 GPE
        .         .        PUNCT .   punct 1
        """,
    )
    assert dyads(events) == {("IRN", "USA", "111"), ("IRN", "ISR", "111")}
    groups = {e.group_id for e in events}
    assert len(groups) == 1 and None not in groups


def test_group_ids_differ_between_events(coder: RuleCoder) -> None:
    _, events = code(
        coder,
        """
        The       the      DET   DT  det   1
        US        US       PROPN NNP nsubj 4 GPE
        and       and      CCONJ CC  cc    1
        Israel    Israel   PROPN NNP conj  1 GPE
        condemned condemn  VERB  VBD ROOT  4
        Iran      Iran     PROPN NNP dobj  4 GPE
        .         .        PUNCT .   punct 4
        Iraq      Iraq     PROPN NNP nsubj 10 GPE
        and       and      CCONJ CC  cc    7
        Syria     Syria    PROPN NNP conj  7 GPE
        condemned condemn  VERB  VBD ROOT  10
        Turkey    Turkey   PROPN NNP dobj  10 GPE
        .         .        PUNCT .   punct 10
        """,
    )
    assert len(events) == 4
    first = {e.group_id for e in events if e.sentence_index == 0}
    second = {e.group_id for e in events if e.sentence_index == 1}
    assert len(first) == len(second) == 1
    assert first != second


PASSIVE = """
    Israel    Israel   PROPN NNP nsubjpass 2 GPE
    was       be       AUX   VBD auxpass   2
    condemned condemn  VERB  VBN ROOT      2
    by        by       ADP   IN  agent     2
    Iraq      Iraq     PROPN NNP pobj      3 GPE
    .         .        PUNCT .   punct     2
"""


def test_passive_voice_takes_the_agent_as_actor(coder: RuleCoder) -> None:
    _, events = code(coder, PASSIVE)
    assert len(events) == 1
    event = events[0]
    assert event.actor is not None and event.target is not None
    assert (event.actor.code, event.target.code) == ("IRQ", "ISR")
    assert event.actor.text == "Iraq" and event.target.text == "Israel"


def test_agentless_passive_has_no_event(coder: RuleCoder) -> None:
    _, events = code(
        coder,
        """
        Israel    Israel   PROPN NNP nsubjpass 2 GPE
        was       be       AUX   VBD auxpass   2
        condemned condemn  VERB  VBN ROOT      2
        .         .        PUNCT .   punct     2
        """,
    )
    assert events == []


def test_negated_trigger_gives_no_event(coder: RuleCoder) -> None:
    _, events = code(
        coder,
        """
        Iraq    Iraq     PROPN NNP nsubj 3 GPE
        did     do       AUX   VBD aux   3
        not     not      PART  RB  neg   3
        condemn condemn  VERB  VB  ROOT  3
        Israel  Israel   PROPN NNP dobj  3 GPE
        .       .        PUNCT .   punct 3
        """,
    )
    assert events == []


def test_same_sentence_without_negation_gives_an_event(coder: RuleCoder) -> None:
    _, events = code(
        coder,
        """
        Iraq    Iraq     PROPN NNP nsubj 2 GPE
        did     do       AUX   VBD aux   2
        condemn condemn  VERB  VB  ROOT  2
        Israel  Israel   PROPN NNP dobj  2 GPE
        .       .        PUNCT .   punct 2
        """,
    )
    assert dyads(events) == {("IRQ", "ISR", "111")}


def test_clause_inherits_the_subject_of_its_head(coder: RuleCoder) -> None:
    _, events = code(
        coder,
        """
        Tehran       Tehran      PROPN NNP nsubj 1 GPE
        criticized   criticize   VERB  VBD ROOT  1
        the          the         DET   DT  det   3
        move         move        NOUN  NN  dobj  1
        ,            ,           PUNCT ,   punct 1
        warning      warn        VERB  VBG advcl 1
        of           of          ADP   IN  prep  5
        serious      serious     ADJ   JJ  amod  8
        consequences consequence NOUN  NNS pobj  6
        .            .           PUNCT .   punct 1
        """,
    )
    warnings = [e for e in events if e.cameo_code == "130"]
    assert len(warnings) == 1
    warning = warnings[0]
    assert warning.rule_id == "cameo.130.warn_consequences.v1"
    assert warning.trigger.text == "warning"
    assert warning.actor is not None
    assert (warning.actor.code, warning.actor.resolution) == ("IRNGOV", "capital")
    assert {e.cameo_code for e in events} == {"111", "130"}


def test_warning_without_consequences_is_not_coded(coder: RuleCoder) -> None:
    # cameo.130.warn_consequences needs `warn of <consequence|retaliation|...>`.
    _, events = code(
        coder,
        """
        Iran     Iran     PROPN NNP nsubj 1 GPE
        warned   warn     VERB  VBD ROOT  1
        of       of       ADP   IN  prep  1
        rain     rain     NOUN  NN  pobj  2
        .        .        PUNCT .   punct 1
        """,
    )
    assert events == []


# --- anaphora and references across sentences -----------------------------------------

BOTH_COUNTRIES = """
    Both      both     DET   DT  det   {c}
    countries country  NOUN  NNS nsubj {d}
    declined  decline  VERB  VBD ROOT  {d}
    to        to       PART  TO  aux   {m}
    comment   comment  VERB  VB  xcomp {d}
    .         .        PUNCT .   punct {d}
"""


def both_countries(offset: int) -> str:
    return BOTH_COUNTRIES.format(c=offset + 1, d=offset + 2, m=offset + 4)


def test_plural_anaphor_resolves_to_the_earlier_group(coder: RuleCoder) -> None:
    struck = """
        The       the      DET   DT  det   1
        US        US       PROPN NNP nsubj 4 GPE
        and       and      CCONJ CC  cc    1
        Israel    Israel   PROPN NNP conj  1 GPE
        struck    strike   VERB  VBD ROOT  4
        .         .        PUNCT .   punct 4
    """
    text, events = code(coder, textwrap.dedent(struck) + textwrap.dedent(both_countries(6)))
    assert text == "The US and Israel struck. Both countries declined to comment."
    assert {e.cameo_code for e in events} == {"011"}
    assert {e.actor.code for e in events if e.actor} == {"USA", "ISR"}
    assert len(events) == 2
    for event in events:
        assert event.sentence_index == 1
        assert event.rule_id == "cameo.011.decline_comment.v1"
        assert event.actor is not None
        assert event.actor.resolution == "anaphora"
        assert event.actor.text == "Both countries"
        assert event.target is None
    assert len({e.group_id for e in events}) == 1


def test_plural_anaphor_without_antecedent_gives_no_event(coder: RuleCoder) -> None:
    _, events = code(coder, both_countries(0))
    assert events == []


def test_plural_anaphor_does_not_look_ahead(coder: RuleCoder) -> None:
    later = """
        The       the      DET   DT  det   7
        US        US       PROPN NNP nsubj 10 GPE
        and       and      CCONJ CC  cc    7
        Israel    Israel   PROPN NNP conj  7 GPE
        struck    strike   VERB  VBD ROOT  10
        .         .        PUNCT .   punct 10
    """
    _, events = code(coder, textwrap.dedent(both_countries(0)) + textwrap.dedent(later))
    assert [e for e in events if e.cameo_code == "011"] == []


AIRSTRIKE_BY_ISRAEL = """
    An        an        DET   DT  det   1
    airstrike airstrike NOUN  NN  nsubj 4
    by        by        ADP   IN  prep  1
    Israel    Israel    PROPN NNP pobj  2 GPE
    hit       hit       VERB  VBD ROOT  4
    Syria     Syria     PROPN NNP dobj  4 GPE
    .         .         PUNCT .   punct 4
"""

CONDEMNED_THE_STRIKE = """
    Iraq      Iraq      PROPN NNP nsubj {r}  GPE
    condemned condemn   VERB  VBD ROOT  {r}
    the       the       DET   DT  det   {o}
    strike    strike    NOUN  NN  dobj  {r}
    .         .         PUNCT .   punct {r}
"""


def test_event_reference_takes_the_perpetrator_of_the_earlier_attack(coder: RuleCoder) -> None:
    spec = textwrap.dedent(AIRSTRIKE_BY_ISRAEL) + textwrap.dedent(
        CONDEMNED_THE_STRIKE.format(r=8, o=10)
    )
    text, events = code(coder, spec)
    assert text == "An airstrike by Israel hit Syria. Iraq condemned the strike."
    strikes = [e for e in events if e.sentence_index == 0]
    assert dyads(strikes) == {("ISR", "SYR", "195")}  # the clause's object is the target
    assert strikes[0].rule_id == "cameo.195.airstrike.v1"
    condemned = [e for e in events if e.sentence_index == 1]
    assert len(condemned) == 1
    event = condemned[0]
    assert event.cameo_code == "111"
    assert event.actor is not None and event.actor.code == "IRQ"
    assert event.target is not None
    assert (event.target.code, event.target.resolution, event.target.text) == (
        "ISR",
        "event_reference",
        "strike",
    )
    assert event.target.start == text.index("strike", text.index("condemned"))
    # A reference is less certain than a name.
    direct = code(coder, IRAQ_CONDEMNED_ISRAEL)[1][0]
    assert event.confidence < direct.confidence


def test_event_reference_without_earlier_attack_has_no_target(coder: RuleCoder) -> None:
    _, events = code(coder, CONDEMNED_THE_STRIKE.format(r=1, o=3))
    assert dyads(events) == {("IRQ", None, "111")}


def test_light_verb_subject_is_the_actor_of_an_event_noun(coder: RuleCoder) -> None:
    _, events = code(
        coder,
        """
        Iraq         Iraq         PROPN NNP nsubj 1 GPE
        issued       issue        VERB  VBD ROOT  1
        a            a            DET   DT  det   3
        condemnation condemnation NOUN  NN  dobj  1
        of           of           ADP   IN  prep  3
        Israel       Israel       PROPN NNP pobj  4 GPE
        .            .            PUNCT .   punct 1
        """,
    )
    assert dyads(events) == {("IRQ", "ISR", "111")}
    assert events[0].rule_id == "cameo.111.criticism.v1"
    assert events[0].trigger.text == "condemnation"


# --- actor resolution details ---------------------------------------------------------


def test_backed_gives_a_sponsor_not_a_country(coder: RuleCoder) -> None:
    text, events = code(
        coder,
        """
        Iranian  Iranian  ADJ   JJ   npadvmod 2 NORP
        -        -        PUNCT HYPH punct    2
        backed   back     VERB  VBN  amod     4
        militia  militia  NOUN  NN   compound 4
        groups   group    NOUN  NNS  nsubj    5
        clashed  clash    VERB  VBD  ROOT     5
        with     with     ADP   IN   prep     5
        Iraqi    Iraqi    ADJ   JJ   amod     9 NORP
        security security NOUN  NN   compound 9
        forces   force    NOUN  NNS  pobj     6
        .        .        PUNCT .    punct    5
        """,
    )
    assert text == "Iranian-backed militia groups clashed with Iraqi security forces."
    assert len(events) == 1
    event = events[0]
    assert event.rule_id == "cameo.190.clash_verb.v1"
    actor, target = event.actor, event.target
    assert actor is not None and target is not None
    assert (actor.code, actor.country, actor.role, actor.sponsor) == ("PRM", None, "PRM", "IRN")
    assert actor.text == "Iranian-backed militia groups"
    assert (target.code, target.country, target.role, target.sponsor) == (
        "IRQCOP",
        "IRQ",
        "COP",
        None,
    )


def test_lowercase_us_is_a_pronoun_not_the_united_states(coder: RuleCoder) -> None:
    doc = make_doc(
        """
        They      they     PRON  PRP nsubj 1
        told      tell     VERB  VBD ROOT  1
        us        we       PRON  PRP dobj  1
        that      that     SCONJ IN  mark  5
        Iraq      Iraq     PROPN NNP nsubj 5 GPE
        condemned condemn  VERB  VBD ccomp 1
        Israel    Israel   PROPN NNP dobj  5 GPE
        .         .        PUNCT .   punct 1
        """
    )
    assert doc.text == "They told us that Iraq condemned Israel."
    span = next(iter(doc.sents))
    names = find_names(span, coder.lexicon)
    assert 2 not in names
    assert {m.entry.code for m in names.values()} == {"IRQ", "ISR"}
    events = code_doc(coder, doc)
    assert dyads(events) == {("IRQ", "ISR", "111")}


def test_us_as_object_pronoun_is_not_a_target(coder: RuleCoder) -> None:
    _, events = code(
        coder,
        """
        Iran      Iran     PROPN NNP nsubj 1 GPE
        condemned condemn  VERB  VBD ROOT  1
        us        we       PRON  PRP dobj  1
        .         .        PUNCT .   punct 1
        """,
    )
    assert "USA" not in codes_of(events)
    assert dyads(events) == {("IRN", None, "111")}


def test_uppercase_us_is_the_united_states(coder: RuleCoder) -> None:
    _, events = code(
        coder,
        """
        Iran      Iran     PROPN NNP nsubj 1 GPE
        condemned condemn  VERB  VBD ROOT  1
        the       the      DET   DT  det   3
        US        US       PROPN NNP dobj  1 GPE
        .         .        PUNCT .   punct 1
        """,
    )
    assert dyads(events) == {("IRN", "USA", "111")}


def test_role_noun_without_country_takes_the_last_country(coder: RuleCoder) -> None:
    _, events = code(
        coder,
        """
        The        the        DET   DT  det   2
        Iraqi      Iraqi      ADJ   JJ  amod  2 NORP
        parliament parliament NOUN  NN  nsubj 3
        called     call       VERB  VBD ROOT  3
        on         on         ADP   IN  prep  3
        the        the        DET   DT  det   6
        government government NOUN  NN  pobj  4
        to         to         PART  TO  aux   8
        act        act        VERB  VB  xcomp 3
        .          .          PUNCT .   punct 3
        """,
    )
    assert len(events) == 1
    event = events[0]
    assert event.rule_id == "cameo.100.call_on.v1"
    assert event.actor is not None and event.actor.code == "IRQLEG"
    assert event.target is not None
    assert (event.target.text, event.target.code, event.target.resolution) == (
        "government",
        "IRQGOV",
        "anaphora",
    )


def test_role_noun_does_not_take_a_country_named_after_it(coder: RuleCoder) -> None:
    _, events = code(
        coder,
        """
        The        the        DET   DT  det   1
        government government NOUN  NN  nsubj 2
        condemned  condemn    VERB  VBD ROOT  2
        Israel     Israel     PROPN NNP dobj  2 GPE
        .          .          PUNCT .   punct 2
        """,
    )
    assert "ISRGOV" not in codes_of(events)
    assert dyads(events) == {(None, "ISR", "111")}  # a government of no country named
    assert events[0].actor is not None and events[0].actor.role == "GOV"


# --- deduplication --------------------------------------------------------------------


def test_one_event_per_dyad_and_code_in_a_sentence(coder: RuleCoder) -> None:
    _, events = code(
        coder,
        """
        Iraq      Iraq      PROPN NNP nsubj 1 GPE
        condemned condemn   VERB  VBD ROOT  1
        Israel    Israel    PROPN NNP dobj  1 GPE
        and       and       CCONJ CC  cc    1
        denounced denounce  VERB  VBD conj  1
        Israel    Israel    PROPN NNP dobj  4 GPE
        .         .         PUNCT .   punct 1
        """,
    )
    assert len(events) == 1
    assert dyads(events) == {("IRQ", "ISR", "111")}
    assert events[0].trigger.text == "condemned"


def test_the_same_dyad_in_another_sentence_is_another_event(coder: RuleCoder) -> None:
    spec = textwrap.dedent(IRAQ_CONDEMNED_ISRAEL) + textwrap.dedent(
        """
        Iraq      Iraq     PROPN NNP nsubj 5 GPE
        condemned condemn  VERB  VBD ROOT  5
        Israel    Israel   PROPN NNP dobj  5 GPE
        .         .        PUNCT .   punct 5
        """
    )
    _, events = code(coder, spec)
    assert [e.sentence_index for e in events] == [0, 1]
    assert len({e.trigger.start for e in events}) == 2


def test_different_codes_for_the_same_dyad_are_kept(coder: RuleCoder) -> None:
    _, events = code(
        coder,
        """
        Iran      Iran        PROPN NNP nsubj 1 GPE
        condemned condemn     VERB  VBD ROOT  1
        Israel    Israel      PROPN NNP dobj  1 GPE
        and       and         CCONJ CC  cc    1
        warned    warn        VERB  VBD conj  1
        it        it          PRON  PRP dobj  4
        of        of          ADP   IN  prep  4
        severe    severe      ADJ   JJ  amod  8
        retaliation retaliation NOUN NN pobj  6
        .         .           PUNCT .   punct 1
        """,
    )
    assert {e.cameo_code for e in events} == {"111", "130"}
    assert {(e.actor.code if e.actor else None) for e in events} == {"IRN"}


# --- provenance -----------------------------------------------------------------------


def test_provenance_names_coder_and_lexicon_checksums(coder: RuleCoder) -> None:
    info = coder.provenance()
    assert info["coder"] == "rules" and info["coder_version"] == coder.version
    assert info["patterns"].endswith("events.yaml")
    assert len(info["patterns_sha256"]) == 64 and len(info["actors_sha256"]) == 64


# --- the same sentences through the real model (guards against parse drift) ------------


def model_events(nlp: NLP, coder: RuleCoder, text: str) -> list[EventCandidate]:
    return code_doc(coder, nlp.parse(text))


def test_model_subject_verb_object(nlp: NLP, coder: RuleCoder) -> None:
    events = model_events(nlp, coder, "Iraq condemned Israel.")
    assert dyads(events) == {("IRQ", "ISR", "111")}
    assert events[0].rule_id == "cameo.111.criticize.v1"


def test_model_passive_voice(nlp: NLP, coder: RuleCoder) -> None:
    assert dyads(model_events(nlp, coder, "Israel was condemned by Iraq.")) == {
        ("IRQ", "ISR", "111")
    }


def test_model_negation(nlp: NLP, coder: RuleCoder) -> None:
    assert model_events(nlp, coder, "Iraq did not condemn Israel.") == []


def test_model_compound_actors(nlp: NLP, coder: RuleCoder) -> None:
    events = model_events(nlp, coder, "The US and Israel condemned Iran.")
    assert dyads(events) == {("USA", "IRN", "111"), ("ISR", "IRN", "111")}
    assert len({e.group_id for e in events}) == 1


# --- negation and refusal ---------------------------------------------------------------


def test_negated_intent_is_a_rejection_of_its_complement(coder: RuleCoder) -> None:
    # "did not agree to hold talks": the negated intent frame rejects the talks (125).
    _, events = code(
        coder,
        """
        Iraq    Iraq    PROPN NNP nsubj 3 GPE
        did     do      AUX   VBD aux   3
        not     not     PART  RB  neg   3
        agree   agree   VERB  VB  ROOT  3
        to      to      PART  TO  aux   5
        hold    hold    VERB  VB  xcomp 3
        talks   talk    NOUN  NNS dobj  5
        .       .       PUNCT .   punct 3
        """,
    )
    assert dyads(events) == {("IRQ", None, "125")}
    assert events[0].rule_id == "cameo.030.agree.v1"


def test_refusal_rejects_the_complement_with_the_governor_subject(coder: RuleCoder) -> None:
    _, events = code(
        coder,
        """
        Iraq    Iraq    PROPN NNP nsubj 1 GPE
        refused refuse  VERB  VBD ROOT  1
        to      to      PART  TO  aux   3
        meet    meet    VERB  VB  xcomp 1
        Israel  Israel  PROPN NNP dobj  3 GPE
        .       .       PUNCT .   punct 1
        """,
    )
    # refuse to meet: 125 (reject proposal to meet); the meeting itself is not coded
    assert dyads(events) == {("IRQ", "ISR", "125")}
    assert events[0].rule_id == "cameo.120.reject.v1"


def test_negated_code_of_a_pattern(coder: RuleCoder) -> None:
    spec = """
        Iraq    Iraq    PROPN NNP nsubj 3 GPE
        did     do      AUX   VBD aux   3
        not     not     PART  RB  neg   3
        lift    lift    VERB  VB  ROOT  3
        the     the     DET   DT  det   5
        curfew  curfew  NOUN  NN  dobj  3
        .       .       PUNCT .   punct 3
    """
    _, events = code(coder, spec)
    # cameo.0813.ease_curfew has negated_code 1241 (refuse to ease administrative sanctions)
    assert dyads(events) == {("IRQ", None, "1241")}
    assert events[0].rule_id == "cameo.0813.ease_curfew.v1"
    _, plain = code(
        coder, spec.replace("not     not     PART  RB  neg   3", "now now ADV RB advmod 3")
    )
    assert dyads(plain) == {("IRQ", None, "0813")}


def test_failing_to_act_is_the_negated_act(coder: RuleCoder) -> None:
    _, events = code(
        coder,
        """
        Iraq    Iraq    PROPN NNP nsubj 1 GPE
        failed  fail    VERB  VBD ROOT  1
        to      to      PART  TO  aux   3
        lift    lift    VERB  VB  xcomp 1
        the     the     DET   DT  det   5
        curfew  curfew  NOUN  NN  dobj  3
        .       .       PUNCT .   punct 1
        """,
    )
    assert dyads(events) == {("IRQ", None, "1241")}


# --- frames: xcomp chains -----------------------------------------------------------------


def test_threat_takes_its_code_from_the_threatened_act(coder: RuleCoder) -> None:
    _, events = code(
        coder,
        """
        Iran       Iran      PROPN NNP nsubj 1 GPE
        threatened threaten  VERB  VBD ROOT  1
        to         to        PART  TO  aux   3
        impose     impose    VERB  VB  xcomp 1
        sanctions  sanction  NOUN  NNS dobj  3
        on         on        ADP   IN  prep  3
        Israel     Israel    PROPN NNP pobj  5 GPE
        .          .         PUNCT .   punct 1
        """,
    )
    # threaten + impose sanctions (163) = 1312 threaten with sanctions; the sanctions are not
    # coded as imposed
    assert dyads(events) == {("IRN", "ISR", "1312")}
    assert events[0].trigger.text == "threatened"


def test_pledge_takes_its_code_from_the_promised_act(coder: RuleCoder) -> None:
    _, events = code(
        coder,
        """
        Japan    Japan    PROPN NNP nsubj  1 GPE
        pledged  pledge   VERB  VBD ROOT   1
        to       to       PART  TO  aux    3
        provide  provide  VERB  VB  xcomp  1
        aid      aid      NOUN  NN  dobj   3
        to       to       ADP   IN  dative 3
        Haiti    Haiti    PROPN NNP pobj   5 GPE
        .        .        PUNCT .   punct  1
        """,
    )
    assert dyads(events) == {("JPN", "HTI", "033")}


def test_agreeing_to_hold_talks_is_intent_to_negotiate(coder: RuleCoder) -> None:
    # the complement is the light verb's object: "hold talks" (046) -> 036
    _, events = code(
        coder,
        """
        Iraq    Iraq    PROPN NNP nsubj 1 GPE
        agreed  agree   VERB  VBD ROOT  1
        to      to      PART  TO  aux   3
        hold    hold    VERB  VB  xcomp 1
        talks   talk    NOUN  NNS dobj  3
        with    with    ADP   IN  prep  4
        Iran    Iran    PROPN NNP pobj  5 GPE
        .       .       PUNCT .   punct 1
        """,
    )
    assert dyads(events) == {("IRQ", "IRN", "036")}


def test_future_tense_states_an_intent(coder: RuleCoder) -> None:
    _, events = code(
        coder,
        """
        Iraq        Iraq       PROPN NNP nsubj 2 GPE
        will        will       AUX   MD  aux   2
        allow       allow      VERB  VB  ROOT  2
        the         the        DET   DT  det   4
        inspectors  inspector  NOUN  NNS dobj  2
        .           .          PUNCT .   punct 2
        """,
    )
    # allow inspectors (0862 receive inspectors) in the future: 0355 intent to allow
    # international involvement
    assert {e.cameo_code for e in events} == {"0355"}
    assert {e.actor.code for e in events if e.actor} == {"IRQ"}


# --- reported speech ------------------------------------------------------------------------


def test_speaker_is_not_the_actor_of_the_reported_event(coder: RuleCoder) -> None:
    _, events = code(
        coder,
        """
        Iraq      Iraq     PROPN NNP nsubj 1 GPE
        said      say      VERB  VBD ROOT  1
        Iran      Iran     PROPN NNP nsubj 3 GPE
        attacked  attack   VERB  VBD ccomp 1
        Israel    Israel   PROPN NNP dobj  3 GPE
        .         .        PUNCT .   punct 1
        """,
    )
    # only the reported attack; no statement (010) when something else is coded
    assert dyads(events) == {("IRN", "ISR", "190")}


def test_statement_is_coded_when_nothing_else_is(coder: RuleCoder) -> None:
    _, events = code(
        coder,
        """
        Iraq    Iraq    PROPN NNP nsubj 1 GPE
        said    say     VERB  VBD ROOT  1
        that    that    SCONJ IN  mark  5
        the     the     DET   DT  det   4
        talks   talk    NOUN  NNS nsubj 5
        were    be      AUX   VBD ccomp 1
        useful  useful  ADJ   JJ  acomp 5
        .       .       PUNCT .   punct 1
        """,
    )
    assert dyads(events) == {("IRQ", None, "010")}
    assert events[0].rule_id == "cameo.010.say.v2"


def test_reported_obligation_is_a_demand_of_the_speaker(coder: RuleCoder) -> None:
    _, events = code(
        coder,
        """
        Iraq       Iraq      PROPN NNP nsubj 1 GPE
        said       say       VERB  VBD ROOT  1
        Iran       Iran      PROPN NNP nsubj 4 GPE
        must       must      AUX   MD  aux   4
        release    release   VERB  VB  ccomp 1
        the        the       DET   DT  det   6
        prisoners  prisoner  NOUN  NNS dobj  4
        .          .         PUNCT .   punct 1
        """,
    )
    # "X said Y must release prisoners": X demands (1053) that Y release them
    assert dyads(events) == {("IRQ", "IRN", "1053")}


# --- coordination, relative clauses, pronouns -----------------------------------------------


def test_coordinated_verbs_share_subject_and_object(coder: RuleCoder) -> None:
    _, events = code(
        coder,
        """
        Iraq        Iraq       PROPN NNP nsubj 1 GPE
        criticized  criticize  VERB  VBD ROOT  1
        and         and        CCONJ CC  cc    1
        threatened  threaten   VERB  VBD conj  1
        Israel      Israel     PROPN NNP dobj  3 GPE
        .           .          PUNCT .   punct 1
        """,
    )
    assert dyads(events) == {("IRQ", "ISR", "111"), ("IRQ", "ISR", "130")}


def test_relative_clause_takes_the_modified_noun_as_actor(coder: RuleCoder) -> None:
    _, events = code(
        coder,
        """
        The       the       DET   DT  det   2
        Syrian    Syrian    ADJ   JJ  amod  2 NORP
        troops    troop     NOUN  NNS nsubj 7
        who       who       PRON  WP  nsubj 4
        attacked  attack    VERB  VBD relcl 2
        Turkish   Turkish   ADJ   JJ  amod  6 NORP
        positions position  NOUN  NNS dobj  4
        withdrew  withdraw  VERB  VBD ROOT  7
        .         .         PUNCT .   punct 7
        """,
    )
    attacks = [e for e in events if e.cameo_code == "190"]
    assert len(attacks) == 1
    actor = attacks[0].actor
    assert actor is not None and (actor.code, actor.text) == ("SYRMIL", "Syrian troops")


def test_he_refers_to_the_last_person(coder: RuleCoder) -> None:
    text, events = code(
        coder,
        """
        The         the        DET   DT  det   2
        Iraqi       Iraqi      ADJ   JJ  amod  2 NORP
        president   president  NOUN  NN  nsubj 3
        condemned   condemn    VERB  VBD ROOT  3
        Israel      Israel     PROPN NNP dobj  3 GPE
        .           .          PUNCT .   punct 3
        He          he         PRON  PRP nsubj 7
        threatened  threaten   VERB  VBD ROOT  7
        Iran        Iran       PROPN NNP dobj  7 GPE
        .           .          PUNCT .   punct 7
        """,
    )
    threat = next(e for e in events if e.sentence_index == 1)
    assert threat.actor is not None
    assert (threat.actor.code, threat.actor.resolution, threat.actor.text) == (
        "IRQGOV",
        "anaphora",
        "He",
    )
    assert threat.target is not None and threat.target.code == "IRN"


# --- nominal events -------------------------------------------------------------------------


def test_possessor_of_an_event_noun_is_its_actor(coder: RuleCoder) -> None:
    _, events = code(
        coder,
        """
        Israel  Israel  PROPN NNP poss  2 GPE
        's      's      PART  POS case  0
        attack  attack  NOUN  NN  nsubj 5
        on      on      ADP   IN  prep  2
        Gaza    Gaza    PROPN NNP pobj  3 GPE
        killed  kill    VERB  VBD ROOT  5
        20      20      NUM   CD  dobj  5
        .       .       PUNCT .   punct 5
        """,
    )
    # the noun is the event ("killed" is what the attack did, not another event)
    assert dyads(events) == {("ISR", "PSE", "190")}
    assert events[0].trigger.text == "attack"


def test_possessor_of_an_arrest_is_the_arrested(coder: RuleCoder) -> None:
    _, events = code(
        coder,
        """
        Iraq    Iraq    PROPN NNP poss  2 GPE
        's      's      PART  POS case  0
        arrest  arrest  NOUN  NN  nsubj 3
        ended   end     VERB  VBD ROOT  3
        .       .       PUNCT .   punct 3
        """,
    )
    assert events == []


def test_compound_demonyms_are_joint_actors_of_an_event_noun(coder: RuleCoder) -> None:
    _, events = code(
        coder,
        """
        A          a          DET   DT   det      4
        US         US         PROPN NNP  npadvmod 3 GPE
        -          -          PUNCT HYPH punct    3
        Israeli    Israeli    ADJ   JJ   amod     4 NORP
        airstrike  airstrike  NOUN  NN   nsubj    5
        hit        hit        VERB  VBD  ROOT     5
        Syria      Syria      PROPN NNP  dobj     5 GPE
        .          .          PUNCT .    punct    5
        """,
    )
    assert {(e.actor.code if e.actor else None, e.cameo_code) for e in events} == {
        ("USA", "195"),
        ("ISR", "195"),
    }


def test_criticised_event_noun_is_the_target_and_its_own_event(coder: RuleCoder) -> None:
    _, events = code(
        coder,
        """
        Iraq       Iraq       PROPN NNP nsubj 1 GPE
        condemned  condemn    VERB  VBD ROOT  1
        the        the        DET   DT  det   4
        Israeli    Israeli    ADJ   JJ  amod  4 NORP
        attack     attack     NOUN  NN  dobj  1
        .          .          PUNCT .   punct 1
        """,
    )
    # the attack's perpetrator is the target; the attack, naming its actor, is coded too
    assert dyads(events) == {("IRQ", "ISR", "111"), ("ISR", None, "190")}


def test_topic_of_talks_is_not_an_event(coder: RuleCoder) -> None:
    _, events = code(
        coder,
        """
        Israel        Israel       PROPN NNP nsubj    3 GPE
        and           and          CCONJ CC  cc       0
        Lebanon       Lebanon      PROPN NNP conj     0 GPE
        renewed       renew        VERB  VBD ROOT     3
        negotiations  negotiation  NOUN  NNS dobj     3
        on            on           ADP   IN  prep     4
        an            an           DET   DT  det      9
        Israeli       Israeli      ADJ   JJ  amod     9 NORP
        troop         troop        NOUN  NN  compound 9
        pullback      pullback     NOUN  NN  pobj     5
        .             .            PUNCT .   punct    3
        """,
    )
    # the negotiations (046) are the event; the pullback they are about is not
    assert {e.cameo_code for e in events} == {"046"}


# --- clauses that are not events of the sentence ------------------------------------------


def test_purpose_clause_of_a_coded_act_is_not_another_event(coder: RuleCoder) -> None:
    _, events = code(
        coder,
        """
        Iranian   Iranian   ADJ   JJ  amod  1 NORP
        students  student   NOUN  NNS nsubj 2
        blocked   block     VERB  VBD ROOT  2
        a         a         DET   DT  det   4
        road      road      NOUN  NN  dobj  2
        to        to        PART  TO  aux   6
        protest   protest   VERB  VB  advcl 2
        the       the       DET   DT  det   8
        decision  decision  NOUN  NN  dobj  6
        .         .         PUNCT .   punct 2
        """,
    )
    assert dyads(events) == {("IRNEDU", None, "144")}


def test_condition_is_not_an_event(coder: RuleCoder) -> None:
    _, events = code(
        coder,
        """
        Iran       Iran      PROPN NNP nsubj 2 GPE
        will       will      AUX   MD  aux   2
        attack     attack    VERB  VB  ROOT  2
        unless     unless    SCONJ IN  mark  5
        Israel     Israel    PROPN NNP nsubj 5 GPE
        withdraws  withdraw  VERB  VBZ advcl 2
        its        its       PRON  PRP$ poss 7
        troops     troop     NOUN  NNS dobj  5
        .          .         PUNCT .   punct 2
        """,
    )
    # the future attack is a threat (1384); Israel's withdrawal is only a condition
    assert {(e.actor.code if e.actor else None, e.cameo_code) for e in events} == {("IRN", "1384")}


# --- actors -----------------------------------------------------------------------------------


def test_title_gives_role_and_country_to_a_named_person(coder: RuleCoder) -> None:
    _, events = code(
        coder,
        """
        Russian    Russian   ADJ   JJ  amod     2 NORP
        Foreign    Foreign   PROPN NNP compound 2
        Minister   Minister  PROPN NNP compound 4
        Sergei     Sergei    PROPN NNP compound 4 PERSON
        Lavrov     Lavrov    PROPN NNP nsubj    5 PERSON
        condemned  condemn   VERB  VBD ROOT     5
        Israel     Israel    PROPN NNP dobj     5 GPE
        .          .         PUNCT .   punct    5
        """,
    )
    assert dyads(events) == {("RUSGOV", "ISR", "111")}
    actor = events[0].actor
    assert actor is not None
    assert (actor.text, actor.role, actor.resolution) == (
        "Russian Foreign Minister Sergei Lavrov",
        "GOV",
        "role",
    )


def test_apposition_gives_an_organisation_to_a_named_person(coder: RuleCoder) -> None:
    _, events = code(
        coder,
        """
        Kenzo        Kenzo        PROPN NNP compound 1 PERSON
        Oshima       Oshima       PROPN NNP nsubj    8 PERSON
        ,            ,            PUNCT ,   punct    1
        the          the          DET   DT  det      6
        UN           UN           PROPN NNP compound 6 ORG
        relief       relief       NOUN  NN  compound 6
        coordinator  coordinator  NOUN  NN  appos    1
        ,            ,            PUNCT ,   punct    1
        condemned    condemn      VERB  VBD ROOT     8
        Israel       Israel       PROPN NNP dobj     8 GPE
        .            .            PUNCT .   punct    8
        """,
    )
    assert dyads(events) == {("IGOUNO", "ISR", "111")}


def test_armed_group_has_country_and_role(coder: RuleCoder) -> None:
    _, events = code(
        coder,
        """
        Hamas      Hamas    PROPN NNP nsubj 1 ORG
        condemned  condemn  VERB  VBD ROOT  1
        Israel     Israel   PROPN NNP dobj  1 GPE
        .          .        PUNCT .   punct 1
        """,
    )
    actor = events[0].actor
    assert actor is not None
    assert (actor.code, actor.country, actor.role, actor.resolution) == (
        "PSEREB",
        "PSE",
        "REB",
        "name",
    )


@pytest.mark.parametrize(
    ("subject", "expected"),
    [
        ("Iran      Iran      PROPN NNP nsubj 1 GPE", {("IRN", None, "111")}),
        # no country: the civilians' act, with no actor code
        ("Students  student   NOUN  NNS nsubj 1", {(None, None, "141")}),
    ],
    ids=["state", "uncoded-civilians"],
)
def test_who_protests_decides_the_code(coder: RuleCoder, subject: str, expected: object) -> None:
    _, events = code(
        coder,
        f"""
        {subject}
        protested protest   VERB  VBD ROOT  1
        .         .         PUNCT .   punct 1
        """,
    )
    assert dyads(events) == expected


def test_civilians_protesting_demonstrate(coder: RuleCoder) -> None:
    _, events = code(
        coder,
        """
        Iranian    Iranian   ADJ   JJ  amod  1 NORP
        students   student   NOUN  NNS nsubj 2
        protested  protest   VERB  VBD ROOT  2
        the        the       DET   DT  det   4
        decision   decision  NOUN  NN  dobj  2
        .          .         PUNCT .   punct 2
        """,
    )
    # protest with an object is 111 for a state, 141 (demonstrate) for civilians
    assert dyads(events) == {("IRNEDU", None, "141")}


def test_role_without_country_takes_the_country_where_the_event_happens(
    coder: RuleCoder,
) -> None:
    _, events = code(
        coder,
        """
        Thousands  thousand  NOUN  NNS nsubj    3
        of         of        ADP   IN  prep     0
        people     people    NOUN  NNS pobj     1
        blocked    block     VERB  VBD ROOT     3
        streets    street    NOUN  NNS dobj     3
        in         in        ADP   IN  prep     3
        Hong       Hong      PROPN NNP compound 7 GPE
        Kong       Kong      PROPN NNP pobj     5 GPE
        .          .         PUNCT .   punct    3
        """,
    )
    assert dyads(events) == {("HKGCVL", "HKG", "144")}  # the place is what is blocked


def test_mutual_acts_pair_coordinated_actors(coder: RuleCoder) -> None:
    _, events = code(
        coder,
        """
        Iraq        Iraq        PROPN NNP nsubj 3 GPE
        and         and         CCONJ CC  cc    0
        Iran        Iran        PROPN NNP conj  0 GPE
        restored    restore     VERB  VBD ROOT  3
        diplomatic  diplomatic  ADJ   JJ  amod  5
        ties        tie         NOUN  NNS dobj  3
        .           .           PUNCT .   punct 3
        """,
    )
    assert dyads(events) == {("IRQ", "IRN", "050"), ("IRN", "IRQ", "050")}


def test_a_meeting_without_a_partner_is_no_event(coder: RuleCoder) -> None:
    spec = textwrap.dedent(IRAQ_CONDEMNED_ISRAEL) + textwrap.dedent(
        """
        The      the      DET   DT  det   5
        cabinet  cabinet  NOUN  NN  nsubj 6
        met      meet     VERB  VBD ROOT  6
        on       on       ADP   IN  prep  6
        Sunday   Sunday   PROPN NNP pobj  7
        .        .        PUNCT .   punct 6
        """
    )
    _, events = code(coder, spec)
    assert dyads(events) == {("IRQ", "ISR", "111")}


def test_background_event_noun_is_not_coded(coder: RuleCoder) -> None:
    _, events = code(
        coder,
        """
        Peru      Peru      PROPN NNP nsubj  1 GPE
        granted   grant     VERB  VBD ROOT   1
        asylum    asylum    NOUN  NN  dobj   1
        to        to        ADP   IN  dative 1
        officers  officer   NOUN  NNS pobj   3
        after     after     ADP   IN  prep   1
        the       the       DET   DT  det    7
        invasion  invasion  NOUN  NN  pobj   5
        by        by        ADP   IN  prep   7
        Panama    Panama    PROPN NNP pobj   8 GPE
        .         .         PUNCT .   punct  1
        """,
    )
    assert {e.cameo_code for e in events} == {"075"}


def test_group_members_are_coded_as_the_group(coder: RuleCoder) -> None:
    _, events = code(
        coder,
        """
        Hamas      Hamas    PROPN NNP compound 1 ORG
        leaders    leader   NOUN  NNS nsubj    2
        condemned  condemn  VERB  VBD ROOT     2
        Israel     Israel   PROPN NNP dobj     2 GPE
        .          .        PUNCT .   punct    2
        """,
    )
    assert dyads(events) == {("PSEREB", "ISR", "111")}


def test_possessive_pronoun_gives_a_role_its_country(coder: RuleCoder) -> None:
    _, events = code(
        coder,
        """
        Israel    Israel   PROPN NNP  nsubj 1 GPE
        said      say      VERB  VBD  ROOT  1
        its       its      PRON  PRP$ poss  3
        forces    force    NOUN  NNS  nsubj 4
        attacked  attack   VERB  VBD  ccomp 1
        Gaza      Gaza     PROPN NNP  dobj  4 GPE
        .         .        PUNCT .    punct 1
        """,
    )
    assert dyads(events) == {("ISRMIL", "PSE", "190")}
