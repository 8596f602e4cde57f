"""ACLED typing rules for demonstrations: protests by their character (peaceful, with
intervention, met with excessive force, violent) and mob violence."""

from __future__ import annotations

from typing import Any

from eventcoder import acled_cues as cues
from eventcoder.acled import CIVILIANS
from eventcoder.acled_clauses import (
    STATE,
    Finding,
    SentenceView,
    finding,
    happened,
    in_background,
    lemma_of,
    live,
    objects_of,
    phrase,
    side_of,
    subject_of,
    words_of,
)


def mob(view: SentenceView) -> Finding | None:
    """Mob violence: a mob, vigilantes or a lynching doing violence."""
    found = [
        m
        for m in live(view, cues.MOB)
        if lemma_of(view.token(m[0])) != "vigilante" or _lone_vigilante(view.token(m[0]))
    ]
    if view.has(cues.MOB_CROWD) and view.has(cues.MOB_VICTIMS):
        found += [
            (t.i, t.i + 1) for t in view.tokens_with(cues.MOB_VIOLENCE) if _rough_justice(view, t)
        ]
    if not found:
        return None
    return finding("mob", "Riots", "Mob violence", found[0], view, target_inter=CIVILIANS)


def _lone_vigilante(t: Any) -> bool:
    """Vigilantes acting as a crowd, not named as an organised group ("the vigilante group",
    "vigilante forces" fight as a militia) nor as the object of a preposition."""
    if t.dep_ == "pobj":
        return False
    return not (t.dep_ in {"compound", "amod"} and lemma_of(t.head) in cues.GROUPS | cues.FORCES)


def _rough_justice(view: SentenceView, t: Any) -> bool:
    """Residents or a crowd beating, burning or killing people they suspect of a crime."""
    subject = subject_of(t)
    if subject is None or not happened(t) or side_of(subject, view.candidates) is not None:
        return False
    verbs = [t, t.head] if t.dep_ == "conj" else [t]
    victims = words_of(w for v in verbs for o in objects_of(v) for w in o.subtree)
    return bool(words_of(phrase(subject)) & cues.MOB_CROWD and victims & cues.MOB_VICTIMS)


def protest(view: SentenceView) -> Finding | None:
    """Protests and violent demonstrations: the protest's character decides the type (crowd
    control alone, "fired tear gas to disperse", tells of a demonstration too)."""
    found = [m for m in live(view, cues.PROTEST) if _is_protest(view, m)]
    found += [
        m
        for m in live(view, cues.GATHER)
        if _crowd_acts(view, view.token(m[0]))
        or (view.has(_PROTEST_PURPOSE) and _crowd_acts(view, view.token(m[0]), _CIVILIANS))
    ]
    control = live(view, cues.CROWD_CONTROL)
    if not found and not control:
        rioting = [
            m
            for m in view.matches(cues.PROTESTER_VIOLENCE)
            if lemma_of(view.token(m[0])) not in {"attack", "injure", "destroy", "violent"}
            and _crowd_acts(view, view.token(m[0]), cues.CROWD)
            and _protester_violence(view, view.token(m[0]))
        ]
        if rioting:
            return finding(
                "protest.crowd_violence", "Riots", "Violent demonstration", rioting[0], view
            )
        return None
    cue = (found or control)[0]
    background = in_background(view.token(cue[0]))

    def typed(name: str, event_type: str, sub: str, by: tuple[int, int] | None) -> Finding:
        behind = background and (by is None or in_background(view.token(by[0])))
        return finding(name, event_type, sub, cue, view, background=behind)

    for m in view.matches(cues.PROTESTER_VIOLENCE):
        if _protester_violence(view, view.token(m[0])):
            return typed("protest.violent", "Riots", "Violent demonstration", m)
    for m in view.matches(cues.EXCESSIVE_FORCE):
        t = view.token(m[0])
        if lemma_of(t) == "hit" and not (
            words_of(w for o in objects_of(t) for w in phrase(o)) & cues.PROTEST_PEOPLE
        ):
            continue
        if happened(t) and not _reason(t) and not _topic(t) and _near_protesters(view, m[0]):
            sub = "Excessive force against protesters"
            return typed("protest.excessive_force", "Protests", sub, m)
    for m in live(view, cues.INTERVENTION):
        t = view.token(m[0])
        if t.dep_ in {"amod", "compound"} and t.pos_ == "VERB":
            continue  # "families of detained activists": who they are, not what was done
        if _reason(t) or (
            lemma_of(t) in {"block", "stop", "prevent"}
            and side_of(subject_of(t), view.candidates) != STATE
        ):
            continue
        return typed("protest.intervention", "Protests", "Protest with intervention", m)
    return typed("protest.peaceful", "Protests", "Peaceful protest", None)


_GATHERING = cues.CROWD | {"people", "resident", "worker", "farmer", "hundred", "thousand"}
_CIVILIANS = _GATHERING | cues.CIVILIAN_WORDS | {"relative", "family", "parent", "mother", "widow"}
_PROTEST_PURPOSE = cues.STANCE | {
    "demand",
    "against",
    "chant",
    "slogan",
    "placard",
    "banner",
    "justice",
    "solidarity",
    "petition",
    "oppose",
    "grievance",
    "missing",
    "candle",
}
"""Words that tell people gathered to make a claim (not to welcome a team)."""


def _crowd_acts(view: SentenceView, t: Any, crowd: frozenset[str] = _GATHERING) -> bool:
    """A crowd (protesters, youths, hundreds of supporters) as the subject (of the verb
    whose object the cue is: "supporters threw firecrackers")."""
    for _ in range(3):
        if t.pos_ in {"VERB", "AUX"} or t.dep_ not in {"dobj", "pobj", "prep", "compound"}:
            break
        t = t.head
    subject = subject_of(t)
    if subject is None or side_of(subject, view.candidates) is not None:
        return False
    return bool(words_of(phrase(subject)) & crowd)


def _reason(token: Any) -> bool:
    """A phrase giving a reason or an earlier event ("following the arrest of", "over")."""
    current = token
    for _ in range(8):
        if current.dep_ in {"pobj", "pcomp"} and lemma_of(current.head) in cues.BACKGROUND:
            return True
        if current.head.i == current.i:
            return False
        current = current.head
    return False


def _topic(token: Any) -> bool:
    """A word naming what a protest is about ("protest the killing of", "demanding
    justice for those shot"), not what happened at it."""
    current = token
    for _ in range(6):
        if current.head.i == current.i:
            return False
        current = current.head
        if lemma_of(current) in cues.TOPIC_HEADS:
            return True
    return False


def _is_protest(view: SentenceView, match: tuple[int, int]) -> bool:
    t = view.token(match[0])
    lemma = lemma_of(t)
    if lemma == "march":
        subject = subject_of(t)
        return (
            t.pos_ == "VERB"
            and subject is not None
            and side_of(subject, view.candidates) is None
            and not words_of(phrase(subject)) & cues.FORCES
        )
    if (
        lemma in {"riot"}
        and match[1] < view.span.end
        and lemma_of(view.doc[match[1]]) in cues.NOT_RIOT
    ):
        return False
    if lemma == "protest" and view.has(cues.DIPLOMATIC):
        return view.has({"protester", "demonstrator", "demonstration", "rally"})
    return not (lemma == "rally" and t.pos_ == "NOUN" and any(c.dep_ == "poss" for c in t.children))


def _protester_violence(view: SentenceView, t: Any) -> bool:
    lemma = lemma_of(t)
    if not happened(t):
        return False
    if lemma == "riot" and t.i + 1 < view.span.end and lemma_of(view.doc[t.i + 1]) in cues.NOT_RIOT:
        return False
    if lemma in cues.CROWD_ACTS and side_of(subject_of(t), view.candidates) == STATE:
        return False
    if lemma == "block":
        return bool(words_of(c for c in t.subtree if c.i > t.i) & cues.ROADS)
    if lemma in cues.CROWD_HARM:
        subject = subject_of(t)
        if subject is None:
            objects = words_of(w for o in objects_of(t) for w in phrase(o))
            return lemma in {"burn", "smash", "damage", "destroy"} and bool(objects & cues.DAMAGED)
        return bool(words_of(phrase(subject)) & cues.CROWD)
    if lemma == "violent":
        head = lemma_of(t.head)
        return head in {"turn", "become", "grow", "get"} or head in cues.PROTEST_PEOPLE | {
            "demonstration",
            "clash",
            "riot",
        }
    return True


def _near_protesters(view: SentenceView, i: int) -> bool:
    lo, hi = max(view.span.start, i - 7), min(view.span.end, i + 8)
    strong = {"crackdown", "suppress", "brutally", "excessive", "live", "beat", "rubber"}
    if lemma_of(view.doc[i]) in strong:
        return True
    return any(lemma_of(view.doc[j]) in cues.PROTEST_PEOPLE for j in range(lo, hi) if j != i)


PROTEST_CHARACTER = (
    "protest.violent",
    "protest.crowd_violence",
    "protest.clash",
    "protest.excessive_force",
    "protest.intervention",
)


def protest_turns(rule: str, later: str) -> bool:
    """Whether a protest read as peaceful (its rule) takes the type a next sentence reads
    (protesters' violence, force against them, an intervention): what it turned into."""
    return rule == "protest.peaceful" and later.startswith(PROTEST_CHARACTER)
