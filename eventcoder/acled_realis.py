"""Whether an ACLED reading of a sentence reports one event that happened, as ACLED records
events, rather than a habit, a trend, a tally, a plan, a possibility, a name, a suspicion or
a verdict, an act online, or the topic of what follows it.

Analysis and background in news name violence far more often than they report it
("abduction rings", "abductions doubled", "the militia could strike", "smugglers bribe the
guards", "thousands were killed over the last decade", "held on suspicion of assault",
"concern about the escalation of the fighting"). The typer's own events (those no coded
event carries) are kept only for readings that pass these checks, a coded event whose
trigger fails them gets no ACLED type, and the kinds of events ACLED leaves out are told by
`eventcoder.acled_scope` (counts, spans and habits by `eventcoder.acled_tally`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from eventcoder import acled_cues as cues
from eventcoder.acled_clauses import (
    ARMED,
    VERBS,
    Finding,
    SentenceView,
    governing_verb,
    lemma_of,
    token_at,
)
from eventcoder.acled_scope import (
    arrest_asked,
    economic_agreement,
    individuals_expelled,
    not_recorded,
    significant_arrest,
)
from eventcoder.acled_tally import (
    COMMON,
    EVENT_NOUNS,
    TALLY_MODIFIERS,
    counted,
    each_time,
    every,
    every_of,
    in_quantity,
    in_year,
    is_year,
    ongoing_since,
    perfect_since,
    spell_of,
    tally_span,
    up_from,
)
from eventcoder.types import EventCandidate, ParsedDocument

NOUNS = frozenset({"NOUN", "PROPN"})
LISTING = frozenset({"include", "like"})
BARE_CRIMES = frozenset({"abduction", "assassination", "homicide", "kidnapping", "murder"})
FIGHTS = frozenset({"battle", "combat", "fight", "fighting", "war"})
AGREED = cues.AGREEMENT_ACTS
FREEING_ACTS = frozenset({"exchange", "free", "hand", "release", "return", "swap", "trade"})
TOPIC_PREPS = frozenset({"into", "on", "over"})
"""Prepositions of what a noun is about ("comments on", "anger over", "an inquiry into");
after a verb they tell a place or a path ("ran over a mine", "drove into a crowd")."""
BLAME = frozenset({"guilty", "responsible", "blame", "wanted", "notorious", "infamous"})
"""Words under which an event is an attribution ("has been responsible for mass killings", "a
gang blamed for kidnappings"); a claim of responsibility for an attack reports it."""
ATTRIBUTING = frozenset({"acquit", "complaint", "convict", "indict", "lawsuit", "sue", "suspicion"})
"""Words over an event told as a suspicion, a verdict or a claim in court ("held on suspicion
of assaulting a neighbour", "convicted of robbing a bank", "a lawsuit accusing the firm of
dumping waste"): no report that it happened. Allegations and suspected acts are reports
ACLED records ("residents suspect the shells held gas")."""
DENYING = frozenset({"deny", "dismiss", "refute", "reject"})
ABOUT = frozenset({"about", "concerning", "regarding", "regard"})
AFTERMATH = frozenset({"anniversary", "circumstance", "file", "investigation", "probe"})
"""Nouns of what follows an event, whose "of" or "for" phrase names it ("the case file for
the murder"): the sentence tells the aftermath."""
SCHEDULING = frozenset({"plan", "schedule", "slate"})
LIGHT_VERBS = frozenset({"carry", "conduct", "launch", "mount", "stage", "unleash", "wage"})
"""Verbs whose object names the event ("carried out raids")."""
CAUSES = frozenset({"compensation", "dignity", "equality", "justice", "recognition", "right"})
"""What people "fight for" without any fighting."""
CLAUSES = frozenset({"ROOT", "advcl", "ccomp", "csubj", "parataxis", "relcl"})
"""Dependencies that start a clause of its own (a modal above them is not theirs)."""
_PEOPLE = cues.PROTEST_PEOPLE | cues.CROWD
_HABITUAL_ADJECTIVES = frozenset(
    {"frequent", "regular", "routine", "occasional", "constant", "periodic", "recurrent"}
)
NOT_EVENT_HEADS = cues.NOT_EVENT_HEADS | cues.GROUPS | cues.NONSTATE_WORDS | cues.TALLY_HEADS


def unreported(view: SentenceView, found: Finding) -> str | None:
    """Why the finding's cue tells no event that happened (None: it tells one)."""
    strategic = found.kind.event_type == "Strategic developments"
    cue = cue_head(view, found.cue)
    if lemma_of(cue) in FREEING_ACTS:
        strategic = False  # "the group said it will release him": a promise, not a release
    if found.kind.sub_event_type == "Agreement" and _takes_effect(cue):
        return None  # "the ceasefire takes effect on Friday": it was agreed
    if found.kind.sub_event_type == "Agreement" and not _agreement_made(cue):
        return "reference"  # "the truce", "a great deal of", "paid in exchange for votes"
    if found.kind.sub_event_type == "Disrupted weapons use" and lemma_of(cue.head) in cues.UNITS:
        cue = cue.head  # "the bomb disposal unit was called": the unit's clause tells it
    if found.kind.sub_event_type == "Arrests" and not significant_arrest(cue):
        return "routine"  # "police arrested two suspects": ACLED records no routine arrest
    if found.kind.sub_event_type == "Arrests" and arrest_asked(cue):
        return "plan"  # "a warrant for his arrest"
    if found.kind.sub_event_type == "Agreement" and economic_agreement(cue):
        return "trade"
    if found.rule == "other.expulsion" and individuals_expelled(cue):
        return "individual"  # "expelled two diplomats"
    return token_unreported(view.span, cue, strategic)


def _takes_effect(cue: Any) -> bool:
    """An agreement that comes into force or takes effect (whenever it does)."""
    while cue.dep_ in {"compound", "amod", "pobj", "prep"} and cue.head.i != cue.i:
        cue = cue.head  # "the cessation of hostilities agreement"
    verb = cue.head
    if lemma_of(verb) in {"set", "due", "expect", "schedule"}:  # "is set to take effect"
        verb = next((c for c in verb.children if c.dep_ == "xcomp"), verb)
    if cue.dep_ not in {"nsubj", "nsubjpass"} or lemma_of(verb) not in {
        "come",
        "take",
        "go",
        "enter",
    }:
        return False
    return any(
        lemma_of(w) in {"force", "effect"}
        for c in verb.children
        if c.dep_ in {"prep", "dobj"}
        for w in c.subtree
    )


def unreported_triggers(
    parsed: ParsedDocument, candidates: Sequence[EventCandidate]
) -> frozenset[int]:
    """Positions of the coded events whose trigger tells no event that happened."""
    spans = {s.index: span for s, span in parsed.sentences}
    out = set()
    for k, cand in enumerate(candidates):
        span = spans.get(cand.sentence_index)
        token = None if span is None else token_at(span, cand.trigger.start)
        if token is not None and (
            token_unreported(span, token) is not None or not_recorded(token, cand.cameo_code)
        ):
            out.add(k)
    return frozenset(out)


def token_unreported(span: Any, cue: Any, strategic: bool = False) -> str | None:
    """Why an event word of a sentence tells no event that happened (None: it tells one;
    `strategic`: a strategic development, which a group may announce it will make)."""
    if _ends_in_question(span):
        return "question"
    if _cyber(cue):
        return "cyber"  # "cyber attacks on ministry websites": no physical violence
    if _attributed(cue):
        return "attribution"
    if lemma_of(cue) in FIGHTS and _metaphor(cue):
        return "metaphor"
    if lemma_of(cue) in FIGHTS and cue.dep_ == "amod":
        return "modifier"  # "fighting roosters", "fighting units"
    if _prefixed_anti(cue) or (
        cue.dep_ in {"compound", "amod"} and lemma_of(cue.head) in NOT_EVENT_HEADS
    ):
        return "modifier"  # "the anti-kidnapping unit", "kidnapping gangs"
    if cue.pos_ in NOUNS:
        why = _unspecific_noun(cue)
        if why is not None:
            return why
    if cue.dep_ in {"nsubj", "nsubjpass"} and _set_to(cue.head):
        return "plan"  # "a march is set to take place on Tuesday"
    if cue.pos_ in NOUNS and any(
        c.dep_ == "acl" and lemma_of(c) in SCHEDULING and c.tag_ == "VBN" for c in cue.children
    ):
        return "plan"  # "the strike scheduled for Thursday"
    verb = governing_verb(cue)
    if verb is None:
        return None
    if _light(verb):  # "carried out thirty raids this year", "jets launched raids"
        for noun in (c for c in verb.children if c.dep_ == "dobj" and c.pos_ in NOUNS):
            why = _unspecific_noun(noun)
            if why in {"tally", "habit", "hypothetical"}:
                return why
    for v in _verb_chain(verb):
        why = _irrealis(v, strategic)
        if why is not None:
            return why
    return None


def _agreement_made(cue: Any) -> bool:
    """Whether an agreement cue tells an agreement made or talks held: a verb, or an
    agreement noun that is what a verb of agreeing makes ("signed a truce", "a ceasefire
    was agreed", "a truce took effect"), or captives freed in exchange for others."""
    if cue.pos_ == "ADP":  # "in exchange for"
        verb = governing_verb(cue)
        return verb is not None and lemma_of(verb) in FREEING_ACTS
    if cue.pos_ not in NOUNS:
        if lemma_of(cue) in FREEING_ACTS:
            return True  # "set free": the rule read captives freed
        return cue.pos_ in VERBS and lemma_of(cue) != "deal"  # "dealing with": handling
    if lemma_of(cue) in {"surrender", "swap", "exchange", "handover", "release"}:
        return True  # acts, not documents: "the exchange of prisoners"
    if any(c.dep_ == "amod" and lemma_of(c) in {"great", "good"} for c in cue.children):
        return False  # "a great deal of"
    if cue.dep_ == "compound" and lemma_of(cue.head) in cues.AGREEMENTS:
        cue = cue.head  # "a ceasefire pact"
    head = cue.head
    if cue.dep_ == "pobj" and lemma_of(head) == "of" and lemma_of(head.head) == "term":
        cue, head = head.head, head.head.head  # "under the terms of the truce"
    if cue.dep_ == "pobj" and lemma_of(head) == "under":
        return True  # an act done under a deal: the deal made it
    if cue.dep_ == "pobj" and lemma_of(head) in {"to", "on", "into"}:
        head = head.head  # "agreed to a ceasefire", "entered into a truce"
    if cue.dep_ in {"nsubj", "nsubjpass", "dobj", "pobj"} and lemma_of(head) in AGREED:
        return True
    return cue.dep_ == "nsubj" and lemma_of(head) in {"take", "come", "go", "hold"}


def cue_head(view: SentenceView, cue: tuple[int, int]) -> Any:
    """The token of a cue's range whose head lies outside it (its last token if none)."""
    start, end = cue
    for i in range(start, end):
        token = view.token(i)
        if not start <= token.head.i < end or token.head.i == token.i:
            return token
    return view.token(end - 1)


def _verb_chain(verb: Any) -> list[Any]:
    """The verb and the verbs up to its clause's head whose complement, conjunct, purpose,
    participle or argument it is ("will continue to kill": kill, continue; "to send troops
    to fight": fight, send; "would allow seized weapons to...": seized, allow)."""
    chain, current, steps = [verb], verb, 0
    while current.head.i != current.i and steps < 12:
        if current.dep_ in CLAUSES and not (current.dep_ == "advcl" and _to_infinitive(current)):
            break
        current, steps = current.head, steps + 1
        if current.pos_ in VERBS:
            chain.append(current)
    return chain


def _to_infinitive(verb: Any) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _unspecific_noun(noun: Any) -> str | None:
    """Why an event noun names no one event: a modifier of a group, trade or weapon, a
    counted or trending quantity, a crime named as a kind, or an example of a kind of crime
    (None: it names one)."""
    if _kind_of_crime(noun):
        return "kind"  # "thefts, abductions and extortion", "abduction is spreading"
    event = noun.head if noun.dep_ == "compound" else noun  # "bomb attacks"
    if _in_case(event):
        return "hypothetical"
    if counted(event):
        return "tally"  # "carried out thirty raids this year"
    if spell_of(event):
        return "span"  # "after weeks of protests", "months of fighting have cost lives"
    while noun.dep_ == "conj" and noun.head.i != noun.i:
        noun = noun.head  # what is said of a list is said of its first item
    head = noun.head
    if noun.dep_ == "compound" and lemma_of(head) in NOT_EVENT_HEADS:
        return "modifier"  # the first of a list: "murder and kidnapping rates"
    if any(c.dep_ == "amod" and lemma_of(c) in _HABITUAL_ADJECTIVES for c in noun.children):
        return "habit"  # "they hold frequent protests"
    if any(c.dep_ in {"amod", "predet", "det"} and lemma_of(c) == "such" for c in noun.children):
        return "kind"  # "such attacks are common"
    if noun.dep_ == "nsubj" and any(
        c.dep_ == "acomp" and lemma_of(c) in COMMON for c in head.children
    ):
        return "habit"  # "kidnappings are common here"
    if lemma_of(noun) not in _PEOPLE and any(
        c.dep_ == "amod" and lemma_of(c) in TALLY_MODIFIERS for c in noun.children
    ):
        return "tally"  # "numerous attacks" (not "many demonstrators")
    if noun.dep_ == "pobj" and lemma_of(head.head) in cues.TALLY_HEADS:
        return "tally"  # "the number of kidnappings"
    if any(c.dep_ == "prep" and lemma_of(c) == "per" for c in noun.children):
        return "tally"  # "one kidnapping per day"
    if any(c.dep_ in {"compound", "nummod", "amod"} and is_year(c) for c in noun.children):
        return "reference"  # "the 2012 truce": an event the analysis names
    if (
        noun.dep_ == "pobj"
        and lemma_of(head.head) in cues.CRIME_KINDS
        and (
            lemma_of(head) in LISTING
            or (lemma_of(head) == "as" and any(lemma_of(c) == "such" for c in head.children))
        )
    ):
        return "listing"  # "crimes including kidnapping"
    topic = _of_chain_top(noun)  # "concern about the escalation of hostilities"
    if topic is not noun and topic.dep_ == "pobj" and lemma_of(topic.head) in ABOUT:
        return "topic"
    if lemma_of(topic) in AFTERMATH and topic is not noun:
        return "topic"  # "the circumstances of the killing", "the anniversary of the massacre"
    if noun.dep_ == "pobj" and lemma_of(head) == "with" and lemma_of(head.head) == "connection":
        return "topic"  # "held in connection with the murder"
    if in_quantity(noun):
        return "tally"  # "hundreds of killings"
    if noun.dep_ == "pobj" and (
        lemma_of(head) in ABOUT
        or (
            lemma_of(head) in TOPIC_PREPS
            and head.head.pos_ in NOUNS
            and lemma_of(head.head) not in ARMED  # "gunmen on motorbikes": how they came
        )
        or (lemma_of(head) == "for" and lemma_of(head.head) in BLAME)
    ):
        return "topic"  # "comments on the killings", "responsible for the killings"
    tallied = EVENT_NOUNS | {"death", "casualty", "incident"}
    if noun.dep_ == "compound" and noun.head.dep_ == "nsubj" and lemma_of(noun.head) in tallied:
        noun, head = noun.head, noun.head.head  # "grenade deaths increased"
    if noun.dep_ == "nsubj":  # active: "gas was spread by the rebels" tells an act
        verbs = [head, *(c for c in head.children if c.dep_ == "xcomp")]
        if any(
            lemma_of(v) in cues.TREND_VERBS and not any(c.dep_ == "dobj" for c in v.children)
            for v in verbs
        ):
            return "trend"  # "kidnappings rose"
    return None


def _ends_in_question(span: Any) -> bool:
    """Whether a sentence's last token, quotes and spaces aside, is a question mark."""
    doc = span.doc
    for i in range(span.end - 1, span.start - 1, -1):
        token = doc[i]
        if not token.is_space and not token.is_quote:
            return bool(token.text == "?")
    return False


def _light(verb: Any) -> bool:
    """A verb whose object names the event ("launched raids", "carried out strikes")."""
    particles = {str(c.lower_) for c in verb.children if c.dep_ == "prt"}
    return lemma_of(verb) in LIGHT_VERBS and particles <= {"out"}


def _cyber(cue: Any) -> bool:
    """An attack or war waged online ("cyber attacks", "a cyber-attack", "cyberwarfare")."""
    words = [cue, *(c for c in cue.children if c.dep_ in {"compound", "amod"})]
    if cue.dep_ == "compound":
        words.append(cue.head)
    return any(str(w.lower_).startswith("cyber") for w in words)


def _attributed(cue: Any) -> bool:
    """An event told only as what someone is suspected, accused or found guilty of, or
    what someone denies ("charged with killing", "rejected claims that it shelled")."""
    current = cue
    for _ in range(10):
        head = current.head
        if head.i == current.i:
            return False
        lemma = lemma_of(head)
        if lemma in ATTRIBUTING:
            return True
        if lemma in DENYING and current.dep_ == "ccomp":
            return True
        if lemma == "guilty" and current.dep_ == "prep" and lemma_of(current) == "of":
            return True  # "found guilty of violating the truce"
        current = head
    return False


def _of_chain_top(noun: Any) -> Any:
    """The noun a chain of "of" phrases hangs from ("the escalation of the fighting")."""
    current = noun
    for _ in range(3):
        head = current.head
        if current.dep_ != "pobj" or lemma_of(head) not in {"of", "for"}:
            return current
        if head.head.pos_ not in NOUNS or (
            lemma_of(head) == "for" and lemma_of(head.head) not in AFTERMATH
        ):
            return current
        current = head.head
    return current


def _in_case(noun: Any) -> bool:
    """An event noun of what might happen ("in case of an attack")."""
    head = noun.head
    return (
        noun.dep_ == "pobj"
        and lemma_of(head) == "of"
        and lemma_of(head.head) == "case"
        and lemma_of(head.head.head) == "in"
    )


def _prefixed_anti(noun: Any) -> bool:
    doc, i = noun.doc, noun.i
    return i >= 2 and doc[i - 1].text == "-" and doc[i - 2].lower_ in {"anti", "counter"}


def _kind_of_crime(noun: Any) -> bool:
    """An event noun listed with crimes named as kinds, or a bare singular noun of abduction
    or killing ("abduction is spreading"), which names the crime."""
    listed = [c for c in noun.children if c.dep_ == "conj"]
    if noun.dep_ == "conj":
        listed.append(noun.head)
        listed += [c for c in noun.head.children if c.dep_ == "conj"]
    if any(lemma_of(t) in cues.CRIME_NOUNS for t in listed):
        return True
    return (
        noun.tag_ == "NN"
        and lemma_of(noun) in BARE_CRIMES
        and not any(
            c.dep_ in {"det", "poss", "nummod", "prep", "amod", "compound"} for c in noun.children
        )
        and noun.dep_ != "compound"
    )


def _metaphor(verb: Any) -> bool:
    """A fight against a crime or a social ill ("fight drug trafficking", "the war on
    drugs"), which is no clash."""
    foes = [c for c in verb.children if c.dep_ in {"dobj", "pobj"}]
    foes += [
        g
        for c in verb.children
        if c.dep_ == "prep" and lemma_of(c) in {"against", "on"}
        for g in c.children
        if g.dep_ == "pobj"
    ]
    causes = [
        g
        for c in verb.children
        if c.dep_ == "prep" and lemma_of(c) == "for"
        for g in c.children
        if g.dep_ == "pobj"
    ]
    if any(c.dep_ == "compound" and lemma_of(c) in cues.ABSTRACT_FOES for c in verb.children):
        return True  # "the drug war"
    return any(lemma_of(f) in CAUSES for f in causes) or any(
        lemma_of(f) in cues.ABSTRACT_FOES
        or any(lemma_of(c) in cues.ABSTRACT_FOES for c in f.children if c.dep_ == "compound")
        for f in foes
    )


def _irrealis(verb: Any, strategic: bool) -> str | None:
    """Why a verb's clause tells nothing that happened once: a modal (a group's announced
    decision aside), a plan ("X to send troops"), a habit, or a span over which events are
    tallied (None: it tells something that happened)."""
    for c in verb.children:
        modal = c.dep_ == "aux" and lemma_of(c) in cues.IRREALIS_AUX
        if modal and not (strategic and lemma_of(c) in {"will", "would"} and _reported(verb)):
            return "modal"
        if c.dep_ == "aux" and c.lower_ == "to" and verb.dep_ == "ROOT":
            return "plan"
        if c.dep_ == "advmod" and lemma_of(c) in cues.HABITUAL:
            return "habit"
        if c.dep_ in {"nsubj", "nsubjpass"} and every(c):
            return "habit"  # "every truck is searched"
        if c.dep_ == "prep" and tally_span(c, strategic):
            return "span"
        if c.dep_ == "conj" and any(
            g.dep_ == "prep" and tally_span(g, strategic) for g in c.children
        ):
            return "span"  # "killed or arrested over the past seven years"
        if (
            c.dep_ == "advmod"
            and lemma_of(c) == "far"
            and any(lemma_of(g) == "so" for g in c.children)
        ):
            return "span"  # "so far this year"
    if verb.dep_ == "relcl" and every(verb.head):
        return "habit"  # "every truck that enters"
    if verb.dep_ == "xcomp" and lemma_of(verb.head) == "know" and verb.head.tag_ == "VBN":
        return "habit"  # "gangs known to burn buses"
    if any(c.dep_ == "advcl" and _marked(c, {"if", "unless"}) for c in verb.children):
        return "hypothetical"  # "if you do not pay, they kill you"
    if each_time(verb) or any(c.dep_ == "advcl" and each_time(c) for c in verb.children):
        return "habit"  # "each time a member is killed"
    if any(c.dep_ == "prep" and lemma_of(c) == "for" and every_of(c) for c in verb.children):
        return "tally"  # "one fatal shooting for every 500 stops"
    if any(up_from(c) for c in verb.children):
        return "tally"  # "held 510 in 2019, up from 401 the year before"
    if verb.dep_ in {"acl", "relcl"} and any(in_year(c) for c in verb.children):
        return "reference"  # "the mayor shot in 1994": what a name recalls
    if ongoing_since(verb) or (not strategic and perfect_since(verb)):
        return "span"  # "have been fighting for control since April": the war, not an event
    if verb.dep_ == "advcl" and _after_in_case(verb):
        return "hypothetical"  # "stayed on alert in case fighting breaks out"
    if any(t.lower_ == "between" and t.dep_ == "prep" and tally_span(t) for t in verb.subtree):
        return "span"  # "murdered on buses between 2009 and 2014"
    return None


def _marked(clause: Any, marks: set[str]) -> bool:
    return any(c.dep_ == "mark" and lemma_of(c) in marks for c in clause.children)


def _set_to(verb: Any) -> bool:
    """A verb of what is scheduled to happen ("is set to take place", "is due to start")."""
    return lemma_of(verb) in {"set", "due", "slate", "schedule"} and any(
        c.dep_ == "xcomp" and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children)
        for c in verb.children
    )


def _after_in_case(verb: Any) -> bool:
    """A clause after "in case" ("in case fighting breaks out")."""
    return any(
        c.dep_ == "prep"
        and lemma_of(c) == "in"
        and any(lemma_of(g) == "case" and g.i < verb.i for g in c.children)
        for c in verb.head.children
    )


def _reported(verb: Any) -> bool:
    """Whether a clause is what someone said, announced or decided."""
    return bool(verb.dep_ == "ccomp" and lemma_of(verb.head) in cues.REPORTING | cues.STANCE)
