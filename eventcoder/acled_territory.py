"""ACLED typing rules for territory: taken by state forces or by a non-state group, changing
hands without a fight (left to a taker, handed over, entered unopposed), and forces leaving a
place that nobody is told to take (a change in their activity)."""

from __future__ import annotations

from typing import Any

from eventcoder import acled_cues as cues
from eventcoder.acled_clauses import (
    ARMED,
    NONSTATE,
    STATE,
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

HANDOVER = frozenset({"hand over", "handover", "hand control", "cede", "transfer control"})
FORCES_MOVING = cues.FORCES | cues.NONSTATE_WORDS | cues.STATE_VICTIMS | {"contingent", "mission"}
"""Words of forces or armed groups whose moves are a change in their activity."""


def territory(view: SentenceView) -> Finding | None:
    """Territory taken: by state forces, by a non-state group, or without a fight (a place
    left, handed over, or entered without resistance)."""
    out = []
    transfer = peaceful_transfer(view)
    for t in view.tokens_with(cues.TAKE_TERRITORY):
        if not _takes_territory(view, t) or not happened(t):
            continue
        taker = _falls_to(view, t) if lemma_of(t) == "fall" else _named(subject_of(t), t)
        side = side_of(taker, view.candidates)
        if transfer:
            sub = "Non-violent transfer of territory"
            name, event_type = "territory.nonviolent", "Strategic developments"
        elif side == STATE or (side is None and not view.has(cues.NONSTATE_WORDS)):
            name, event_type, sub = "territory.state", "Battles", "Government regains territory"
        else:
            sub = "Non-state actor overtakes territory"
            name, event_type = "territory.nonstate", "Battles"
        out.append(finding(name, event_type, sub, (t.i, t.i + 1), view))
    held = _held_place(view)
    if held is not None and not out:
        holder, cue = held
        if transfer:
            out.append(finding("territory.nonviolent", "Strategic developments", _NVT, cue, view))
        elif side_of(holder, view.candidates) == STATE:
            sub = "Government regains territory"
            out.append(finding("territory.state", "Battles", sub, cue, view))
        elif side_of(holder, view.candidates) == NONSTATE:
            sub = "Non-state actor overtakes territory"
            out.append(finding("territory.nonstate", "Battles", sub, cue, view))
    sub = "Non-violent transfer of territory"
    if transfer:  # "the militants moved into the town after the army pulled out"
        for t in view.tokens_with(MOVING_IN):
            if _moves_into_place(view, t) and happened(t):
                out.append(
                    finding(
                        "territory.nonviolent", "Strategic developments", sub, (t.i, t.i + 1), view
                    )
                )
    handed = []
    split = [  # "the contingent handed its base over"
        (t.i, t.i + 1)
        for t in view.tokens_with({"hand"})
        if any(c.lower_ == "over" and not list(c.children) for c in t.children) and happened(t)
    ]
    for m in live(view, HANDOVER) + split:
        t = view.token(m[0])
        if _hands_place(view, t):
            handed.append(finding("territory.handover", "Strategic developments", sub, m, view))
    # a place left under a deal is handed over to whoever the deal names
    taken: bool | None = bool(out or handed) or _under_deal(view) or None
    for t in view.tokens_with(cues.LEAVE):
        if lemma_of(t) == "evacuate" and view.has(cues.AGREEMENTS):
            continue  # people evacuated under a deal: the evacuation deal
        if lemma_of(t) == "evacuate" and _people_evacuated(t):
            continue  # civilians taken to safety: no forces leave
        if _leaves_place(view, t) and happened(t):
            cue = (t.i, t.i + 1)
            if taken is None:
                taken = tells_taker(view)
            if taken:
                out.append(finding("territory.left", "Strategic developments", sub, cue, view))
            elif _forces_leave(view, t):
                change = "Change to group/activity"
                out.append(finding(WITHDRAWAL, "Strategic developments", change, cue, view))
    return best(out + handed)


def _people_evacuated(t: Any) -> bool:
    """Civilians or citizens evacuated ("the people evacuated from the port")."""
    moved = [c for c in t.children if c.dep_ in {"dobj", "nsubjpass"}]
    if t.dep_ == "acl":
        moved.append(t.head)
    return bool(words_of(w for m in moved for w in phrase(m)) & _EVACUEES)


_EVACUEES = cues.CIVILIAN_WORDS | {"people", "citizen", "national", "resident", "tourist"}


MOVING_IN = frozenset({"move", "drive", "roll", "march", "sweep", "walk"})
"""Verbs of armed men moving into a place ("the fighters drove into the town")."""


_NVT = "Non-violent transfer of territory"


HELD = frozenset({"hand", "control", "hold"})
"""Words of a place told as held ("in army hands", "under their control", "now hold")."""


def _held_place(view: SentenceView) -> tuple[Any, tuple[int, int]] | None:
    """A place told as now held by someone: "the camp is now in army hands", "the town is
    once more under army control", "the wells are now held by the rebels" (who holds
    it, and the cue)."""
    for t in view.tokens_with(HELD):
        holder = None
        if lemma_of(t) == "hold" and t.pos_ == "VERB":
            place = next((c for c in t.children if c.dep_ in {"nsubjpass", "dobj"}), None)
            holder = subject_of(t)  # "held by the rebels", "fighters now hold a village"
            verb = t
        elif t.dep_ == "pobj" and lemma_of(t.head) in {"in", "under", "into"}:
            verb = t.head.head
            if lemma_of(verb) not in {"be", "remain", "come", "fall", "pass"}:
                continue
            place = subject_of(verb)
            owners = [c for c in t.children if c.dep_ in {"compound", "poss", "amod"}]
            owners += [g for c in t.children if lemma_of(c) == "of" for g in c.children]
            holder = owners[0] if owners else None
        else:
            continue
        if holder is None or place is None or not happened(verb) or not _is_place(view, place):
            continue
        if not any(w.lower_ in {"now", "back"} for w in verb.children) and lemma_of(verb) in {
            "be",
            "hold",
        }:
            continue  # "the town is in the hands of the rebels" since long: no change told
        return holder, (t.i, t.i + 1)
    return None


def _moves_into_place(view: SentenceView, t: Any) -> bool:
    """Someone armed moving into a place ("the fighters moved into the village")."""
    subject = subject_of(t)
    if t.pos_ != "VERB" or subject is None:
        return False
    if not words_of(phrase(subject)) & (FORCES_MOVING | cues.REBEL_WORDS | {"fighter", "jihadist"}):
        return False
    return any(
        _is_place(view, o) or (lemma_of(p) == "into" and o.pos_ == "PROPN")  # a named place
        for p in t.children
        if p.dep_ in {"prep", "prt", "advmod"} and lemma_of(p) in {"into", "in", "back"}
        for o in [*p.children, *(g for c in p.children for g in c.children)]
        if o.dep_ == "pobj"
    )


def _named(subject: Any | None, verb: Any) -> Any | None:
    """A pronoun subject of a reported clause as the speaker it stands for ("the rebels
    said they had captured the town": the rebels)."""
    if (
        subject is not None
        and lemma_of(subject) in {"it", "they", "we"}
        and verb.dep_ == "ccomp"
        and verb.head.i != verb.i
    ):
        speaker = subject_of(verb.head)
        return speaker if speaker is not None else subject
    return subject


def _under_deal(view: SentenceView) -> bool:
    """Something done under a deal ("under a deal brokered by elders", "under the terms of
    the truce")."""
    for t in view.tokens_with(cues.AGREEMENTS):
        if t.dep_ != "pobj":
            continue
        prep = t.head
        if lemma_of(prep) == "under" or (
            lemma_of(prep) == "of" and lemma_of(prep.head) in {"term", "part"}
        ):
            return True
    return False


def _hands_place(view: SentenceView, t: Any) -> bool:
    """A place handed over ("handed over the base"; a bare "handover" too), not people
    ("the handover of 15 detainees")."""
    handed = objects_of(t)
    if t.pos_ != "VERB":
        words = words_of(w for o in handed for w in o.subtree)
        return not words & (cues.CAPTIVES | cues.WEAPONS | {"body"})
    given = [c for c in t.children if c.dep_ in {"dobj", "nsubjpass"}]  # not "over to troops"
    return any(_is_place(view, o) for o in given or handed)


def _forces_leave(view: SentenceView, t: Any) -> bool:
    """Forces or an armed group as who leaves (not civilians evacuated)."""
    leavers = [c for c in t.children if c.dep_ in {"dobj", "nsubjpass"}]
    subject = subject_of(t)
    if subject is not None:
        leavers.append(subject)
    words = words_of(w for o in leavers for w in phrase(o))
    return bool(words & FORCES_MOVING) or side_of(subject, view.candidates) is not None


def tells_taker(view: SentenceView) -> bool:
    """An armed side or a named actor seizing, entering or taking over something in a clause
    that happened ("the group recaptured the city after the troops pulled out", "a militia
    moved in"), or a place left "in the hands of" someone."""
    handing = any(  # "handing it over to local militias"
        lemma_of(t) == "hand" and any(c.dep_ == "prt" and c.lower_ == "over" for c in t.children)
        for t in view.tokens_with({"hand"})
    )
    return (
        handing
        or bool(view.matches(TAKER_PHRASES))
        or any(
            t.pos_ == "VERB"
            and (happened(t) or lemma_of(t.head) in _LETTING)
            and side_of(subject_of(t), view.candidates) is not None
            for t in view.tokens_with(_TAKING)
        )
    )


_TAKING = cues.STRONG_TAKE | {"seize", "occupy", "enter", "overrun", "take"}
_LETTING = frozenset({"allow", "let", "enable"})
"""Verbs whose object takes what others left ("withdrew, allowing the rebels to take it")."""
WITHDRAWAL = "change_to_group.withdrawal"
"""Forces leaving a place that nobody is told to take: a change in their activity (a
transfer of territory needs a taker, in the sentence or the next ones)."""
TAKER_PHRASES = frozenset(
    {
        "in the hand of",
        "into the hand of",
        "under the control of",
        "take over",
        "take control",
        "move in",
        "move into",
        "move back into",
        "in control of",
        "in full control of",
        "under the full control of",
        "under full control of",
        "under their control",
    }
)


def peaceful_transfer(view: SentenceView) -> bool:
    """A sentence telling territory changed hands without a fight: "without resistance",
    "unopposed", or a withdrawal in a sentence with no word of fighting ("forced to
    withdraw after heavy clashes" is no peaceful transfer)."""
    found = [m for m in view.matches(cues.NONVIOLENT_TRANSFER) if happened(view.token(m[0]))]
    found += [  # "met no resistance", "without a fight": no verb of their own to check
        m
        for m in view.matches(cues.NONVIOLENT_TRANSFER)
        if lemma_of(view.token(m[0]))
        in {"no", "not", "without", "any", "empty", "single", "nobody"}
    ]
    if not found:
        return False
    if any(m[1] - m[0] > 1 or lemma_of(view.token(m[0])) == "unopposed" for m in found):
        return True
    return not view.has(_FIGHTING)


_FIGHTING = cues.CLASH | cues.KILLING | {"attack", "assault", "forced", "fierce", "fire", "heavy"}


def _is_place(view: SentenceView, obj: Any) -> bool:
    lemma = lemma_of(obj)
    if lemma == "position" and lemma_of(obj.head) == "take" and _indefinite(obj):
        return False  # "police took a position near the court": they stood there
    if lemma == "position" and _in_body(obj):
        return False  # "positions in the cartel": roles
    if lemma == "control":
        return any(
            _is_place(view, c)
            for prep in obj.children
            if lemma_of(prep) in {"of", "over"}
            for c in prep.children
            if c.dep_ == "pobj"
        )
    if any(c.dep_ == "appos" and _is_place(view, c) for c in obj.children):
        return True  # "Ashur, a strategic settlement"
    lower = str(obj.lower_)
    if {lemma, lower, lower.removesuffix("s")} & (cues.TERRITORY - {"control"}):
        return lemma not in {"airspace", "zone", "water"}
    if obj.ent_type_ in {"GPE", "LOC", "FAC"} and lemma not in cues.HUMAN_TAKEN:
        return True
    if obj.pos_ == "PRON" and lemma in {"it", "them"}:
        return view.has(cues.TERRITORY - {"control", "position"})
    return False


def _in_body(noun: Any) -> bool:
    """A noun "in" or "within" a group or an organisation ("positions in the party")."""
    bodies = [
        g
        for c in noun.children
        if c.dep_ == "prep" and lemma_of(c) in {"in", "within"}
        for g in c.children
        if g.dep_ == "pobj"
    ]
    return any(
        g.ent_type_ == "ORG" or lemma_of(g) in cues.GROUPS | cues.NONSTATE_WORDS for g in bodies
    )


def _indefinite(noun: Any) -> bool:
    return any(c.dep_ == "det" and lemma_of(c) in {"a", "an"} for c in noun.children)


def _controls_place(view: SentenceView, control: Any) -> bool:
    """Control of a place ("control of the town"), or control told bare in a sentence of
    armed actors ("the rebels took control"), not of a company or a parliament."""
    of = [c for c in control.children if lemma_of(c) in {"of", "over"}]
    if not of:
        return view.has(ARMED - {"opposition"})
    held = [c for prep in of for c in prep.children if c.dep_ == "pobj"]
    held += [a for c in held for a in c.children if a.dep_ == "appos"]
    return _is_place(view, control) or any(
        _is_place(view, c)
        or (
            c.pos_ == "PROPN"
            and c.ent_type_ not in {"PERSON", "ORG", "NORP"}
            and lemma_of(c) not in _INSTITUTIONS
        )
        for c in held
    )


_INSTITUTIONS = frozenset(
    {"council", "parliament", "assembly", "senate", "congress", "committee", "board", "party"}
)
"""Bodies whose control is won in votes, not fighting ("control of the city council")."""


def _leaves_place(view: SentenceView, t: Any) -> bool:
    """Forces leaving a place: "withdrew from the crossing", "pulled out of the city"."""
    if lemma_of(t) not in cues.LEAVE or t.pos_ not in {"VERB", "AUX"}:
        return False
    if lemma_of(t) == "pull" and not any(c.lower_ == "out" for c in t.children):
        return False
    left = [c for c in t.children if c.dep_ in {"dobj", "nsubjpass"}] + [
        o
        for prep in t.children
        if prep.dep_ in {"prep", "prt"} and lemma_of(prep) in {"from", "out"}
        for o in objects_of(prep) + [c for c in prep.children if c.dep_ == "pobj"]
    ]
    return any(_is_place(view, o) and lemma_of(o) != "position" for o in left)


def _falls_to(view: SentenceView, t: Any) -> Any | None:
    """The taker when a place "fell to" someone or "into the hands of" someone."""
    subjects = [c for c in t.children if c.dep_ == "nsubj"]
    if not subjects or not _is_place(view, subjects[0]):
        return None
    for prep in (c for c in t.children if c.dep_ == "prep"):
        pobj = [c for c in prep.children if c.dep_ == "pobj"]
        if not pobj:
            continue
        if lemma_of(prep) == "to":
            return pobj[0]
        if lemma_of(prep) == "into" and lemma_of(pobj[0]) == "hand":
            inner = [c for p in pobj[0].children if lemma_of(p) == "of" for c in p.children]
            return inner[0] if inner else pobj[0]
    return None


_NOUN_TAGGED = frozenset({"overrun", "overran", "retake", "recapture", "capture"})
"""Verbs of taking the tagger may take for nouns when they have an object."""


def _takes_territory(view: SentenceView, t: Any) -> bool:
    lemma = lemma_of(t)
    verbal = any(c.dep_ in {"dobj", "aux"} for c in t.children)  # "have overrun" tagged a noun
    if t.pos_ not in {"VERB", "AUX"} and not (verbal and lemma in _NOUN_TAGGED):
        return False
    if lemma not in cues.TAKE_TERRITORY and t.lower_ not in cues.TAKE_TERRITORY:
        return False
    if any(c.dep_ == "aux" and c.lower_ == "to" for c in t.children) and t.dep_ in {"acl", "advcl"}:
        return False
    particles = {str(c.lower_) for c in t.children if c.dep_ in {"prt", "prep"}}
    objects = objects_of(t)
    if lemma in cues.EXPEL | {"clear"}:  # "cleared pockets of militants from the area"
        objects += [
            p
            for o in objects
            for f in o.subtree
            if f.dep_ == "prep" and lemma_of(f) in {"from", "out"}
            for p in f.children
            if p.dep_ == "pobj"
        ]
    if lemma in {"take", "gain", "wrest", "seize", "regain", "retake", "restore", "assume"} and any(
        lemma_of(o) == "control" and _controls_place(view, o) for o in objects
    ):
        return True
    if (
        lemma == "take"
        and "over" not in particles
        and not any(o.dep_ == "dobj" and _is_place(view, o) for o in objects)
    ):
        return False
    if lemma in {"push", "drive"} and not particles & {"out", "from"}:
        return False  # "drove the militants from the town", "pushed them out"
    if lemma == "fall":
        return _falls_to(view, t) is not None
    if lemma == "control":
        return False
    if lemma in cues.EXPEL and not any(
        words_of(phrase(o)) & (cues.NONSTATE_WORDS | cues.STATE_WORDS)
        for o in t.children
        if o.dep_ in {"dobj", "nsubjpass"}
    ):
        return False
    if lemma in cues.STRONG_TAKE and any(
        o.dep_ == "dobj"
        and o.pos_ == "PROPN"
        and o.ent_type_ not in {"PERSON", "NORP"}
        and not words_of(phrase(o)) & cues.HUMAN_TAKEN
        for o in objects
    ):
        return True
    if lemma == "advance" and not particles & {"in", "into"}:
        return False
    if lemma == "take" and any(o.dep_ == "nsubjpass" for o in objects):
        return False
    taken = [o for o in objects if o.dep_ in {"dobj", "nsubjpass"}]
    if t.dep_ == "acl" and not _is_place(view, t.head):
        return False  # "a cache recovered in Mosul": the cache is what was taken
    clearing = lemma in cues.EXPEL | {"clear"}  # "cleared pockets of militants in the city"
    if taken and not clearing and not any(_is_place(view, o) for o in taken):
        objects = [o for o in objects if not _where(o)]  # "captured in Mexico": a person
    return any(_is_place(view, o) for o in objects)


def _where(obj: Any) -> bool:
    """A place where something happens ("in Lima"), not one moved into or taken."""
    return obj.dep_ == "pobj" and lemma_of(obj.head) in {
        "in",
        "at",
        "near",
        "on",
        "during",
        "outside",
        "inside",
    }
