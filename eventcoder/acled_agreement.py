"""ACLED typing of agreements: ceasefires, peace deals and talks, prisoner exchanges and
releases, surrenders; bare agreements only between sides of an armed conflict or about its
settlement (a trade deal or a joint exercise is none)."""

from __future__ import annotations

from typing import Any

from eventcoder import acled_cues as cues
from eventcoder.acled_clauses import (
    NONSTATE,
    Finding,
    SentenceView,
    best,
    finding,
    happened,
    lemma_of,
    live,
    objects_of,
    phrase,
    side_of,
    subject_of,
    words_of,
)
from eventcoder.acled_rules import PEOPLE


def agreement(view: SentenceView) -> Finding | None:
    """Agreements between armed actors: ceasefires, peace deals, prisoner exchanges,
    surrenders; a bare agreement only in the context of armed conflict."""
    found = [m for m in live(view, cues.AGREEMENT_STRONG) if not _broken(view.token(m[1] - 1))] + [
        (t.i, t.i + 1)
        for t in view.tokens_with(FREEING)
        if lemma_of(t) in FREEING and happened(t) and (_frees_captives(view, t) or _frees_people(t))
    ]
    if not found and view.has(_SETTLING):
        found = [
            m
            for m in live(view, cues.AGREEMENT_WEAK)
            if view.token(m[0]).lower_ not in {"according", "accordance"}
            and not _broken(view.token(m[1] - 1))
            and (lemma_of(view.token(m[0])) != "sign" or _signs_agreement(view.token(m[0])))
        ]
    return best(
        [finding("agreement", "Strategic developments", "Agreement", m, view) for m in found]
    )


AGREEING = frozenset({"agree", "accept", "consent"})
_SETTLING = (cues.CONFLICT_CONTEXT | {"corridor", "humanitarian", "position", "weapon"}) - {
    "armed",
    "army",
    "dialogue",
    "force",
    "group",
    "memorandum",
    "military",
    "opposition",
    "security",
    "sign",
    "soldier",
    "troop",
    "understanding",
}
"""Words of armed conflict or its settlement in a sentence that make a bare agreement an
ACLED agreement (talks over a border dispute are one); armies and security alone do not
("armed forces agreed to hold a joint exercise")."""


def agreed_to(token: Any) -> bool:
    """Whether a cue tells what armed sides agreed to do ("the militants agreed to leave
    the town"): the event is their agreement, which comes before what it settles."""
    current = token
    for _ in range(3):
        while current.dep_ == "conj" and current.head.i != current.i:
            current = current.head  # "agreed to hand over their weapons and pull back"
        if current.dep_ != "xcomp" or current.head.i == current.i:
            return False
        current = current.head
        if lemma_of(current) in AGREEING:
            return True
    return False


def _broken(token: Any) -> bool:
    """A ceasefire or agreement violated, broken or collapsed: the event is the violence."""
    current = token
    for _ in range(3):
        if current.dep_ not in {"dobj", "compound", "nsubjpass", "nsubj", "pobj", "prep"}:
            return False
        current = current.head
        if lemma_of(current) in _BREAKING:
            return True
    return False


_BREAKING = frozenset(
    {"violate", "breach", "break", "violation", "collapse", "expire", "crumble", "unravel"}
)


def _signs_agreement(t: Any) -> bool:
    return bool(words_of(w for o in objects_of(t) for w in phrase(o)) & cues.AGREEMENTS)


FREEING = frozenset({"release", "free", "handover", "hand"})
"""Words of captives set free or handed over ("the handover of 15 detainees")."""


def _frees_captives(view: SentenceView, t: Any) -> bool:
    """Captives set free or handed over ("released the hostages they had held"), by their
    captors, or people set free by an armed group."""
    freed = objects_of(t)
    if lemma_of(t) in {"hand", "handover"}:
        handed = t.pos_ == "NOUN" or any(c.dep_ == "prt" and c.lower_ == "over" for c in t.children)
        return handed and bool(words_of(w for o in freed for w in o.subtree) & cues.CAPTIVES)
    if words_of(w for o in freed for w in o.subtree) & cues.CAPTIVES:
        return True
    subject = subject_of(t)
    if words_of(phrase(subject or t)) & cues.CAPTORS:
        return True
    return side_of(subject, view.candidates) == NONSTATE and any(
        {lemma_of(o), str(o.lower_)} & (PEOPLE | cues.MILITARY_TARGETS) for o in freed
    )


def _frees_people(t: Any) -> bool:
    """People set free from confinement: named people, people of a trade or a cause
    ("freed a jailed blogger", "let free three activists", "were released from
    captivity"), which ACLED records as agreements; not a release on bail."""
    setting = t.dep_ in {"advmod", "acomp", "oprd", "ccomp"} and lemma_of(t.head) in _SETTING
    verb = t.head if setting else t  # "let free", "set free"
    if verb.pos_ not in {"VERB", "AUX"}:
        return False
    subject = subject_of(verb)
    if subject is not None and lemma_of(subject) in _JUDGES:
        return False  # a court's ruling is legal process
    preps = {
        lemma_of(c): {lemma_of(g) for g in c.children} for c in verb.children if c.dep_ == "prep"
    }
    if "bail" in preps.get("on", set()) or words_of(verb.subtree) & _SERVED:
        return False  # a sentence served, bail or parole: the law's course
    if preps.get("from", set()) & _CONFINEMENT:
        return True
    freed = [c for c in verb.children if c.dep_ in {"dobj", "nsubjpass"}]
    freed += [c for o in freed for c in (*o.conjuncts, *o.children) if c.dep_ in _NAMING]
    return any(o.ent_type_ == "PERSON" or lemma_of(o) in _FREED for o in freed)


_SETTING = frozenset({"let", "set"})
_NAMING = frozenset({"appos", "compound", "amod", "conj"})
"""Words that name who a freed noun is ("activists, including X"; not "details from the
testimony of an employee")."""
_JUDGES = frozenset({"court", "judge", "tribunal"})
_SERVED = frozenset({"bail", "parole", "serve", "serving", "probation"})
_CONFINEMENT = frozenset({"captivity", "custody", "detention", "jail", "prison"})
_FREED = (PEOPLE | cues.PROTEST_PEOPLE | cues.CAPTIVES | {"inmate"}) - {"member"}
"""People whose release is news: civilians, people of a trade or cause, captives."""
