"""The rules of ACLED typing over one parsed sentence: cue matching, clause checks (did it
happen, is it the main clause), who acts and who is hit, and the ordered codebook rules."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from eventcoder import acled_cues as cues
from eventcoder.acled import (
    CIVILIANS,
    POLITICAL_MILITIA,
    PROTESTERS,
    REBELS,
    RIOTERS,
    STATE_FORCES,
    actor_inter,
)
from eventcoder.types import AcledType, EventCandidate

STATE, NONSTATE = "state", "nonstate"
_WORD = re.compile(r"[\w']+|-")
_REBEL_WORDS = frozenset({"rebel", "insurgent", "guerrilla", "separatist", "insurgency"})
_ATTACKING = frozenset(
    {
        "strike",
        "bomb",
        "hit",
        "attack",
        "fire",
        "pound",
        "target",
        "raid",
        "shell",
        "kill",
        "destroy",
        "launch",
        "carry",
        "conduct",
        "drop",
        "missile",
        "bombard",
        "rocket",
        "smash",
        "breach",
        "bombing",
    }
)
_ROADS = frozenset(
    {"road", "highway", "railway", "street", "thoroughfare", "traffic", "bridge", "route"}
)
_NOT_RIOT = frozenset({"police", "gear", "squad", "control", "unit", "policeman", "officer"})
_CROWD_HARM = frozenset({"burn", "damage", "destroy", "smash", "attack", "injure"})
_CROWD = frozenset(
    {"protester", "protestor", "demonstrator", "rioter", "crowd", "mob", "youth", "activist",
     "supporter", "marcher", "student"}
)
_DAMAGED = frozenset(
    {"tire", "tyre", "car", "vehicle", "window", "property", "office", "shop", "building", "bus",
     "police", "station", "barricade"}
)
_PROTEST_PEOPLE = frozenset(
    {"protester", "protestor", "demonstrator", "crowd", "marcher", "rally", "protest"}
)
_PROPERTY = frozenset(
    {"property", "shop", "store", "warehouse", "office", "building", "house", "home"}
)
_BURNABLE = frozenset({"house", "shop", "vehicle", "car", "building", "church", "home", "store"})
_GROUPS = frozenset(
    {"group", "unit", "militia", "brigade", "force", "troop", "battalion", "alliance", "army"}
)
_FORCES = _GROUPS | frozenset(
    {"soldier", "police", "officer", "personnel", "reinforcement", "fighter", "forces", "jet"}
)
_HUMAN_TAKEN = frozenset({"people", "person", "man", "woman", "child", "member", "civilian"})


@dataclass(frozen=True)
class Finding:
    """A rule's reading of a sentence: the ACLED type, the rule, the cue's token range."""

    kind: AcledType
    rule: str
    cue: tuple[int, int]
    actor_inter: int | None = None
    target_inter: int | None = None
    civilian_victims: bool = False
    background: bool = False


@lru_cache(maxsize=64)
def _index(entries: frozenset[str]) -> dict[str, tuple[tuple[str, ...], ...]]:
    """Cue entries by their first word, each as its words (hyphens kept as words)."""
    out: dict[str, list[tuple[str, ...]]] = {}
    for entry in entries:
        words = tuple(_WORD.findall(entry.lower()))
        if words:
            out.setdefault(words[0], []).append(words)
    return {k: tuple(v) for k, v in out.items()}


def _lemma(token: Any) -> str:
    return str(token.lemma_).lower()


class SentenceView:
    """A parsed sentence with its lemmas, cue matching and syntactic questions."""

    def __init__(self, span: Any, candidates: Sequence[EventCandidate] = ()) -> None:
        self.span = span
        self.doc = span.doc
        self.tokens = list(span)
        self.lemmas = [_lemma(t) for t in self.tokens]
        self.lowers = [str(t.lower_) for t in self.tokens]
        self.words = frozenset(self.lemmas) | frozenset(self.lowers)
        self.candidates = tuple(candidates)

    def matches(self, entries: frozenset[str]) -> list[tuple[int, int]]:
        """Document token ranges where a cue entry occurs (on lemmas or words)."""
        index = _index(entries)
        out = []
        n = len(self.tokens)
        for i in range(n):
            seen = set()
            for key in (self.lemmas[i], self.lowers[i]):
                for words in index.get(key, ()):
                    if words in seen or i + len(words) > n:
                        continue
                    if all(
                        w in (self.lemmas[i + j], self.lowers[i + j]) for j, w in enumerate(words)
                    ):
                        seen.add(words)
                        out.append((self.span.start + i, self.span.start + i + len(words)))
        return out

    def has(self, entries: Iterable[str]) -> bool:
        """Whether any single-word entry is among the sentence's lemmas or words."""
        return not self.words.isdisjoint(entries)

    def token(self, i: int) -> Any:
        return self.doc[i]


def happened(token: Any) -> bool:
    """False when the token's clause is negated, modal or governed by an intention or threat."""
    current, steps = token, 0
    while steps < 10:
        for child in current.children:
            if child.dep_ == "neg":
                return False
            if child.dep_ in {"amod", "det"} and _lemma(child) in cues.UNREAL_MODIFIERS:
                return False
        if (
            current.dep_ == "pobj"
            and _lemma(current.head) == "for"
            and _lemma(current.head.head) in cues.REACTION
        ):
            return False
            if child.dep_ in {"aux", "auxpass"} and child.lower_ in cues.IRREALIS_AUX:
                return False
        if current is not token and _lemma(current) in cues.IRREALIS:
            return False
        if current.dep_ in {"relcl", "advcl", "ROOT"} or current.head is current:
            return True
        current, steps = current.head, steps + 1
    return True


_CLAUSE_MARKS = frozenset(
    {"when", "as", "while", "because", "since", "after", "before", "until", "if", "though"}
)


def in_background(token: Any) -> bool:
    """True when the token lies in a background clause or phrase ("after", "when",
    "despite", "because of", a relative clause) rather than the sentence's main clause (a
    participle that elaborates the main verb, "..., killing 12", is not background)."""
    current, steps = token, 0
    while current.head is not current and steps < 12:
        if current.dep_ in {"relcl", "acl"}:
            return True
        if current.dep_ == "advcl" and any(
            c.dep_ == "mark" and _lemma(c) in _CLAUSE_MARKS | cues.BACKGROUND
            for c in current.children
        ):
            return True
        if current.dep_ in {"pobj", "pcomp"}:
            prep = current.head
            if _lemma(prep) in cues.BACKGROUND or (
                _lemma(prep) == "of" and _lemma(prep.head) in cues.BACKGROUND
            ):
                return True
        current, steps = current.head, steps + 1
    return False


def subject_of(token: Any) -> Any | None:
    """The acting subject of a verb (the agent of a passive), climbing conjoined verbs."""
    current, steps = token, 0
    while steps < 4:
        for child in current.children:
            if child.dep_ == "agent":
                pobj = [c for c in child.children if c.dep_ == "pobj"]
                if pobj:
                    return pobj[0]
            if child.dep_ in {"nsubj", "csubj"}:
                if child.pos_ == "PRON" and current.dep_ == "ccomp":
                    return subject_of(current.head)
                return child
        if any(c.dep_ == "nsubjpass" for c in current.children):
            return None
        if current.dep_ in {"conj", "xcomp", "advcl"} and current.head is not current:
            current, steps = current.head, steps + 1
            continue
        return None
    return None


def _phrase(token: Any) -> list[Any]:
    """A noun phrase's tokens without its relative and participial clauses."""
    out = []
    stack = [token]
    while stack:
        t = stack.pop()
        out.append(t)
        stack.extend(c for c in t.children if c.dep_ not in {"relcl", "acl", "advcl"})
    return out


def _words(tokens: Iterable[Any]) -> set[str]:
    out = set()
    for t in tokens:
        out.add(_lemma(t))
        out.add(str(t.lower_))
    return out


def side_of(phrase: Any | None, candidates: Sequence[EventCandidate] = ()) -> str | None:
    """State forces or a non-state group, from a noun phrase's words; None when unclear."""
    if phrase is None:
        return None
    head = {_lemma(phrase), str(phrase.lower_)}
    if head & cues.NONSTATE_WORDS:
        return NONSTATE
    if head & cues.STATE_WORDS:
        return STATE
    words = _words(t for t in phrase.subtree if t.dep_ not in {"relcl", "acl"})
    if words & cues.NONSTATE_WORDS:
        return NONSTATE
    if words & cues.STATE_WORDS:
        return STATE
    if words & (cues.CIVILIAN_WORDS | _PROTEST_PEOPLE | {"activist", "supporter"}):
        return None
    for cand in candidates:
        for actor in (cand.actor, cand.target):
            if actor is not None and actor.start <= phrase.idx < actor.end:
                inter = actor_inter(actor, cand.cameo_code)
                if inter is not None:
                    return STATE if inter == STATE_FORCES else NONSTATE
    if any(t.ent_type_ in {"NORP", "GPE"} for t in phrase.subtree):
        return STATE
    return None


def inter_of(phrase: Any | None, candidates: Sequence[EventCandidate] = ()) -> int | None:
    """ACLED actor type of a noun phrase from its words (None when unclear)."""
    if phrase is None:
        return None
    words = _words(phrase.subtree)
    if words & {"protester", "protestor", "demonstrator"}:
        return PROTESTERS
    if words & {"rioter", "mob"}:
        return RIOTERS
    side = side_of(phrase, candidates)
    if side == STATE:
        return STATE_FORCES
    if side == NONSTATE:
        return REBELS if words & _REBEL_WORDS else POLITICAL_MILITIA
    if words & cues.CIVILIAN_WORDS:
        return CIVILIANS
    return None


def hit_words(token: Any) -> set[str]:
    """The words of what a verb or event noun hits: its object, passive subject, or the
    object of on/against/at (also of a light verb's object: 'opened fire on')."""
    heads = [token] + [c for c in token.children if c.dep_ == "dobj"]
    out: set[str] = set()
    for head in heads:
        for child in head.children:
            if child.dep_ in {"dobj", "nsubjpass"} and head is token:
                out |= _words(t for t in child.subtree if t.dep_ not in {"relcl", "acl"})
            if child.dep_ == "prep" and _lemma(child) in {"on", "against", "at", "upon"}:
                out |= _words(child.subtree)
    return out


def _finding(
    name: str, event_type: str, sub: str, cue: tuple[int, int], view: SentenceView, **extra: Any
) -> Finding:
    token = view.token(cue[0])
    return Finding(
        AcledType(event_type, sub),
        name,
        cue,
        background=extra.pop("background", in_background(token)),
        **extra,
    )


def _live(view: SentenceView, entries: frozenset[str]) -> list[tuple[int, int]]:
    """Matches of cue entries in clauses that happened."""
    return [m for m in view.matches(entries) if happened(view.token(m[0]))]


def _best(findings: list[Finding]) -> Finding | None:
    if not findings:
        return None
    return min(findings, key=lambda f: f.background)


def _prev(view: SentenceView, i: int, k: int = 1) -> str:
    j = i - k
    return _lemma(view.doc[j]) if j >= view.span.start else ""


# --- The rules ------------------------------------------------------------------------------


def disrupted(view: SentenceView) -> Finding | None:
    """A weapon found, seized, defused, intercepted or destroyed (not by a non-state group)."""
    out = []
    for t in view.tokens:
        lemma = _lemma(t)
        if lemma not in cues.DISRUPT_VERBS or t.pos_ not in {"VERB", "AUX"}:
            continue
        if lemma == "shoot" and not any(c.lower_ == "down" for c in t.children):
            continue
        weapons = cues.DESTROYABLE_WEAPONS if lemma == "destroy" else cues.WEAPONS
        objects = [c for c in t.children if c.dep_ in {"dobj", "nsubjpass", "attr"}]
        for clause in (c for c in t.children if c.dep_ == "ccomp"):
            objects += [c for c in clause.children if c.dep_ in {"nsubj", "nsubjpass"}]
        if t.dep_ in {"acl", "amod"}:
            objects.append(t.head)
        if not any(_words(_phrase(o)) & weapons for o in objects):
            continue
        if side_of(subject_of(t), view.candidates) == NONSTATE or not happened(t):
            continue
        out.append(
            _finding("disrupted", "Strategic developments", "Disrupted weapons use", (t.i, t.i + 1), view)
        )
    return _best(out)


def _means(name: str, sub: str, entries: frozenset[str]) -> Callable[[SentenceView], Finding | None]:
    def rule(view: SentenceView) -> Finding | None:
        found = [m for m in _live(view, entries) if _means_ok(view, name, m)]
        return _best(
            [
                _finding(name, "Explosions/Remote violence", sub, m, view, civilian_victims=_civ(view))
                for m in found
            ]
        )

    rule.__name__ = name
    return rule


def _civ(view: SentenceView) -> bool:
    return view.has(cues.CIVILIAN_WORDS - {"village", "vehicle", "home", "house"}) and not view.has(
        {"soldier", "troop", "militant", "fighter", "police", "policeman", "base", "position"}
    )


def _means_ok(view: SentenceView, name: str, match: tuple[int, int]) -> bool:
    i = match[0]
    token = view.token(i)
    first = _lemma(token)
    last = view.doc[match[1] - 1]
    if last.dep_ in {"compound", "amod", "nmod", "npadvmod"} and _modifies_place(last):
        return False
    if name == "chemical" and first == "gas" and _prev(view, i) in {"tear", "teargas"}:
        return False
    if name == "chemical" and first == "gas":
        return _prev(view, i) not in {"tear", "-"}
    if name == "air" and match[1] - i == 1 and first in cues.AIR_PLATFORMS | {"warplane", "jet"}:
        return _attacking_platform(token)
    if name == "air" and first == "air" and _lemma(view.doc[match[1] - 1]) == "force":
        return _attacking_platform(view.doc[match[1] - 1])
    if name == "grenade":
        return _prev(view, i) not in {"propel", "propelled", "stun", "smoke", "gas", "-"}
    if name == "shelling":
        if first == "shell":
            return _prev(view, i) not in {"gas", "teargas", "tear"} and token.pos_ in {
                "NOUN",
                "VERB",
            }
        if first == "tank" and match[1] - i == 1:
            return token.dep_ == "nsubj"
    if name == "remote_explosive":
        if first == "bomb" and _prev(view, i) in {"petrol", "gasoline", "fire", "smoke", "stink"}:
            return False
        if first in {"mine", "explosive"}:
            return token.pos_ == "NOUN" and _prev(view, i) not in {"coal", "gold", "diamond"}
        if first == "bomb" and token.pos_ == "VERB":
            return side_of(subject_of(token), view.candidates) != STATE
    return True


_NOT_EVENTS = frozenset({"depot", "factory", "warehouse", "facility", "campaign", "program"})


def _modifies_place(token: Any) -> bool:
    """A means word naming a place or thing ("a missile base", "a rocket-launching site")."""
    current = token
    for _ in range(3):
        current = current.head
        if _lemma(current) in cues.TERRITORY | _NOT_EVENTS:
            return True
        if current.dep_ not in {"compound", "amod", "nmod", "npadvmod"}:
            return False
    return False


def _attacking_platform(token: Any) -> bool:
    """An aircraft as the attacker: subject of an attacking verb, 'by' an aircraft, or the
    modifier of a strike ('drone attack'); a helicopter shot down is no air strike."""
    if token.dep_ in {"nsubj", "conj"} and _lemma(token.head) in _ATTACKING:
        return True
    if token.dep_ in {"compound", "amod", "nmod"} and _lemma(token.head) in _ATTACKING:
        return True
    if token.dep_ == "pobj" and _lemma(token.head) in {"by", "from"}:
        return True
    return token.dep_ == "nsubj" and _lemma(token.head) in {"carry", "conduct", "launch"}


def air(view: SentenceView) -> Finding | None:
    """Air or drone strikes; a state's bombing is from the air."""
    found = _means("air", "Air/drone strike", cues.AIR)(view)
    if found is not None:
        return found
    for t in view.tokens:
        if _lemma(t) == "bomb" and t.pos_ == "VERB" and happened(t):
            if side_of(subject_of(t), view.candidates) == STATE:
                return _finding("air", "Explosions/Remote violence", "Air/drone strike", (t.i, t.i + 1), view)
    return None


def mob(view: SentenceView) -> Finding | None:
    """Mob violence: a mob, vigilantes or a lynching doing violence."""
    found = [
        m
        for m in _live(view, cues.MOB)
        if view.token(m[0]).dep_ != "pobj" or _lemma(view.token(m[0])) != "vigilante"
    ]
    if not found:
        return None
    return _finding("mob", "Riots", "Mob violence", found[0], view, target_inter=CIVILIANS)


_CROWD_CONTROL = frozenset(
    {"tear gas", "teargas", "water cannon", "rubber bullet", "disperse", "pepper spray"}
)


def protest(view: SentenceView) -> Finding | None:
    """Protests and violent demonstrations: the protest's character decides the type (crowd
    control alone, "fired tear gas to disperse", tells of a demonstration too)."""
    found = [m for m in _live(view, cues.PROTEST) if _is_protest(view, m)]
    control = _live(view, _CROWD_CONTROL)
    if not found and not control:
        return None
    cue = (found or control)[0]
    background = in_background(view.token(cue[0]))

    def typed(name: str, event_type: str, sub: str, by: tuple[int, int] | None) -> Finding:
        behind = background and (by is None or in_background(view.token(by[0])))
        return _finding(name, event_type, sub, cue, view, background=behind)

    for m in view.matches(cues.PROTESTER_VIOLENCE):
        if _protester_violence(view, view.token(m[0])):
            return typed("protest.violent", "Riots", "Violent demonstration", m)
    for m in view.matches(cues.EXCESSIVE_FORCE):
        t = view.token(m[0])
        if happened(t) and not _reason(t) and not _topic(t) and _near_protesters(view, m[0]):
            sub = "Excessive force against protesters"
            return typed("protest.excessive_force", "Protests", sub, m)
    for m in _live(view, cues.INTERVENTION):
        if _reason(view.token(m[0])):
            continue
        return typed("protest.intervention", "Protests", "Protest with intervention", m)
    return typed("protest.peaceful", "Protests", "Peaceful protest", None)


def _reason(token: Any) -> bool:
    """A phrase giving a reason or an earlier event ("following the arrest of", "over")."""
    current = token
    for _ in range(8):
        if current.dep_ in {"pobj", "pcomp"} and _lemma(current.head) in cues.BACKGROUND:
            return True
        if current.head is current:
            return False
        current = current.head
    return False


_TOPIC_HEADS = frozenset(
    {"demand", "denounce", "condemn", "mourn", "commemorate", "against", "over", "justice",
     "protest", "demonstration", "rally", "demonstrate", "march", "anniversary", "vigil"}
)


def _topic(token: Any) -> bool:
    """A word naming what a protest is about ("protest the killing of", "demanding
    justice for those shot"), not what happened at it."""
    current = token
    for _ in range(6):
        if current.head is current:
            return False
        current = current.head
        if _lemma(current) in _TOPIC_HEADS:
            return True
    return False


def _is_protest(view: SentenceView, match: tuple[int, int]) -> bool:
    t = view.token(match[0])
    lemma = _lemma(t)
    if lemma in {"riot"} and match[1] < view.span.end and _lemma(view.doc[match[1]]) in _NOT_RIOT:
        return False
    if lemma == "protest" and view.has(cues.DIPLOMATIC):
        return view.has({"protester", "demonstrator", "demonstration", "rally"})
    if lemma == "rally" and t.pos_ == "NOUN" and any(c.dep_ == "poss" for c in t.children):
        return False
    return True


def _protester_violence(view: SentenceView, t: Any) -> bool:
    lemma = _lemma(t)
    if not happened(t):
        return False
    if lemma == "riot" and t.i + 1 < view.span.end and _lemma(view.doc[t.i + 1]) in _NOT_RIOT:
        return False
    if lemma in {"throw", "hurl", "pelt", "storm", "torch", "vandalize", "vandalise", "loot", "block"}:
        if side_of(subject_of(t), view.candidates) == STATE:
            return False
    if lemma == "block":
        return bool(_words(c for c in t.subtree if c.i > t.i) & _ROADS)
    if lemma in _CROWD_HARM:
        subject = subject_of(t)
        if subject is None:
            objects = _words(w for o in _objects(t) for w in _phrase(o))
            return lemma in {"burn", "smash", "damage", "destroy"} and bool(objects & _DAMAGED)
        return bool(_words(_phrase(subject)) & _CROWD)
    if lemma == "violent":
        head = _lemma(t.head)
        return head in {"turn", "become", "grow", "get"} or head in _PROTEST_PEOPLE | {
            "demonstration",
            "clash",
            "riot",
        }
    return True


def _near_protesters(view: SentenceView, i: int) -> bool:
    lo, hi = max(view.span.start, i - 7), min(view.span.end, i + 8)
    strong = {"crackdown", "suppress", "brutally", "excessive", "live", "baton", "beat", "rubber"}
    if _lemma(view.doc[i]) in strong:
        return True
    return any(_lemma(view.doc[j]) in _PROTEST_PEOPLE for j in range(lo, hi) if j != i)


def sexual(view: SentenceView) -> Finding | None:
    """Sexual violence."""
    found = _live(view, cues.SEXUAL)
    if not found:
        return None
    return _finding(
        "sexual", "Violence against civilians", "Sexual violence", found[0], view, target_inter=CIVILIANS
    )


def abduction(view: SentenceView) -> Finding | None:
    """Abductions, kidnappings, hostage-taking, forced disappearances."""
    found = _live(view, cues.ABDUCTION)
    if not found:
        return None
    return _finding(
        "abduction",
        "Violence against civilians",
        "Abduction/forced disappearance",
        found[0],
        view,
        target_inter=CIVILIANS,
    )


_LEAVE = frozenset({"withdraw", "pull", "vacate", "abandon", "retreat", "leave", "evacuate"})


def territory(view: SentenceView) -> Finding | None:
    """Territory taken: by state forces, by a non-state group, or without a fight (a place
    left, handed over, or entered without resistance)."""
    out = []
    transfer = any(
        _lemma(view.token(m[1] - 1)) == "resistance" or happened(view.token(m[0]))
        for m in view.matches(cues.NONVIOLENT_TRANSFER)
    )
    for t in view.tokens:
        if not _takes_territory(view, t) or not happened(t):
            continue
        taker = _falls_to(view, t) if _lemma(t) == "fall" else subject_of(t)
        side = side_of(taker, view.candidates)
        if transfer:
            sub = "Non-violent transfer of territory"
            name, event_type = "territory.nonviolent", "Strategic developments"
        elif side == STATE or (side is None and not view.has(cues.NONSTATE_WORDS)):
            name, event_type, sub = "territory.state", "Battles", "Government regains territory"
        else:
            sub = "Non-state actor overtakes territory"
            name, event_type = "territory.nonstate", "Battles"
        out.append(_finding(name, event_type, sub, (t.i, t.i + 1), view))
    sub = "Non-violent transfer of territory"
    for t in view.tokens:
        if _leaves_place(view, t) and happened(t):
            cue = (t.i, t.i + 1)
            out.append(_finding("territory.left", "Strategic developments", sub, cue, view))
    for m in _live(view, frozenset({"hand over", "handover", "hand control", "cede"})):
        out.append(_finding("territory.handover", "Strategic developments", sub, m, view))
    return _best(out)


def _objects(t: Any) -> list[Any]:
    """A verb's objects: direct object, passive subject, and the objects of its prepositions
    (also nested: "out of the area")."""
    out = [c for c in t.children if c.dep_ in {"dobj", "nsubjpass"}]
    stack = [c for c in t.children if c.dep_ in {"prep", "prt"}]
    while stack:
        prep = stack.pop()
        for c in prep.children:
            if c.dep_ == "pobj":
                out.append(c)
            elif c.dep_ == "prep":
                stack.append(c)
    return out


def _is_place(view: SentenceView, obj: Any) -> bool:
    lemma = _lemma(obj)
    if lemma in cues.TERRITORY - {"control"}:
        return lemma not in {"airspace", "zone", "water"}
    if obj.ent_type_ in {"GPE", "LOC", "FAC"} and lemma not in _HUMAN_TAKEN:
        return True
    if obj.pos_ == "PRON" and lemma in {"it", "them"}:
        return view.has(cues.TERRITORY - {"control", "position"})
    return False


def _leaves_place(view: SentenceView, t: Any) -> bool:
    """Forces leaving a place: "withdrew from the crossing", "pulled out of the city"."""
    if _lemma(t) not in _LEAVE or t.pos_ not in {"VERB", "AUX"}:
        return False
    if _lemma(t) == "pull" and not any(c.lower_ == "out" for c in t.children):
        return False
    return any(_is_place(view, o) for o in _objects(t))


_EXPEL = frozenset({"expel", "oust", "dislodge", "flush", "push", "drive"})
_STRONG_TAKE = frozenset(
    {"capture", "recapture", "retake", "seize", "overrun", "liberate", "conquer", "reclaim"}
)


def _falls_to(view: SentenceView, t: Any) -> Any | None:
    """The taker when a place "fell to" someone or "into the hands of" someone."""
    subjects = [c for c in t.children if c.dep_ == "nsubj"]
    if not subjects or not _is_place(view, subjects[0]):
        return None
    for prep in (c for c in t.children if c.dep_ == "prep"):
        pobj = [c for c in prep.children if c.dep_ == "pobj"]
        if not pobj:
            continue
        if _lemma(prep) == "to":
            return pobj[0]
        if _lemma(prep) == "into" and _lemma(pobj[0]) == "hand":
            inner = [c for p in pobj[0].children if _lemma(p) == "of" for c in p.children]
            return inner[0] if inner else pobj[0]
    return None


def _takes_territory(view: SentenceView, t: Any) -> bool:
    lemma = _lemma(t)
    if t.pos_ not in {"VERB", "AUX"}:
        return False
    if lemma not in cues.TAKE_TERRITORY and t.lower_ not in cues.TAKE_TERRITORY:
        return False
    if any(c.dep_ == "aux" and c.lower_ == "to" for c in t.children) and t.dep_ in {"acl", "advcl"}:
        return False
    particles = {str(c.lower_) for c in t.children if c.dep_ in {"prt", "prep"}}
    objects = _objects(t)
    if lemma in {"take", "gain", "wrest", "seize", "regain"} and any(
        _lemma(o) == "control" for o in objects
    ):
        return True
    if lemma == "take" and "over" not in particles:
        return False
    if lemma in {"push", "drive"} and "out" not in particles:
        return False
    if lemma == "fall":
        return _falls_to(view, t) is not None
    if lemma == "control":
        return False
    if lemma in _EXPEL and not any(
        _words(_phrase(o)) & (cues.NONSTATE_WORDS | cues.STATE_WORDS)
        for o in t.children
        if o.dep_ == "dobj"
    ):
        return False
    if lemma in _STRONG_TAKE and any(
        o.dep_ == "dobj" and o.pos_ == "PROPN" and o.ent_type_ not in {"PERSON", "ORG", "NORP"}
        for o in objects
    ):
        return True
    if lemma == "advance" and not particles & {"in", "into"}:
        return False
    if lemma == "take" and any(o.dep_ == "nsubjpass" for o in objects):
        return False
    return any(_is_place(view, o) for o in objects)


_STATE_VICTIMS = frozenset(
    {
        "soldier",
        "troop",
        "police",
        "policeman",
        "officer",
        "base",
        "checkpoint",
        "outpost",
        "patrol",
        "convoy",
        "barracks",
        "gendarme",
        "station",
        "guard",
        "personnel",
        "garrison",
        "army",
    }
)
_KILLING = frozenset({"kill", "shoot", "murder", "slay", "execute", "behead", "stab", "massacre"})


def _victims(view: SentenceView, t: Any) -> str | None:
    """Who an attack or killing hits: "civilians", "military" (armed actors), or None."""
    hit = hit_words(t)
    if not hit and t.dep_ in {"compound", "amod"}:
        hit = hit_words(t.head)
    civ, mil = hit & cues.CIVILIAN_WORDS, hit & cues.MILITARY_TARGETS
    if civ:
        return "civilians"
    if mil:
        return "military"
    return None


def clash_or_attack(view: SentenceView, generic: bool = False) -> Finding | None:
    """Fighting between armed groups (Armed clash) or armed violence against civilians
    (Attack), told by who is hit; with `generic`, read from killing verbs alone."""
    out = []
    for m in _live(view, _KILLING if generic else cues.ATTACK_VERBS | cues.CLASH):
        t = view.token(m[0])
        lemma = _lemma(t)
        if lemma in {"raid", "storm", "fight", "combat"} and t.pos_ != "VERB":
            continue
        hit = hit_words(t)
        if not generic and hit & _PROPERTY and not hit & (cues.MILITARY_TARGETS | cues.CIVILIAN_WORDS - _PROPERTY):
            sub = "Looting/property destruction"
            out.append(_finding("looting.attack", "Strategic developments", sub, m, view))
            continue
        victims = _victims(view, t)
        perpetrator = side_of(subject_of(t), view.candidates) if t.pos_ == "VERB" else None
        if lemma in cues.CLASH and victims != "civilians":
            sub = "Armed clash"
        elif victims is not None:
            sub = "Armed clash" if victims == "military" else "Attack"
        elif view.has(_STATE_VICTIMS):
            sub = "Armed clash"
        elif view.has(cues.CIVILIAN_WORDS - {"vehicle", "home", "house", "man"}):
            sub = "Attack"
        elif perpetrator == STATE:
            sub = "Armed clash"
        elif lemma in {"raid", "fight", "combat"}:
            continue
        else:
            sub = "Attack"
        event_type = "Battles" if sub == "Armed clash" else "Violence against civilians"
        name = ("kill." if generic else "attack.") + ("clash" if sub == "Armed clash" else "civilians")
        out.append(
            _finding(
                name,
                event_type,
                sub,
                m,
                view,
                background=True if generic else in_background(t),
                actor_inter=inter_of(subject_of(t), view.candidates) if t.pos_ == "VERB" else None,
                target_inter=CIVILIANS if sub == "Attack" else None,
                civilian_victims=sub == "Attack",
            )
        )
    return _best(out)


def killings(view: SentenceView) -> Finding | None:
    """Killings with no other cue: a clash or an attack on civilians, by who was killed."""
    return clash_or_attack(view, generic=True)


def _simple(
    name: str, event_type: str, sub: str, entries: frozenset[str], check: Callable[[Any], bool] | None = None
) -> Callable[[SentenceView], Finding | None]:
    def rule(view: SentenceView) -> Finding | None:
        found = [m for m in _live(view, entries) if check is None or check(view.token(m[0]))]
        return _best([_finding(name, event_type, sub, m, view) for m in found])

    rule.__name__ = name
    return rule


def _base_object(t: Any) -> bool:
    objects = [c for c in t.children if c.dep_ in {"dobj", "nsubjpass"}]
    return any(_words(o.subtree) & cues.BASES for o in objects)


_MOVE_FORCES = frozenset(
    {"deploy", "dispatch", "send", "redeploy", "arrive", "move", "join", "return", "station",
     "patrol", "exercise", "drill", "mass", "amass"}
)


def _group_change(t: Any) -> bool:
    lemma = _lemma(t)
    if lemma == "form":
        return bool(_words(c for c in t.children if c.dep_ in {"dobj", "nsubjpass"}) & _GROUPS)
    if lemma == "enter":
        return bool(_words(t.subtree) & {"airspace", "zone", "identification"})
    if lemma in _MOVE_FORCES:
        parties = [c for c in t.children if c.dep_ in {"dobj", "nsubjpass", "nsubj"}]
        return bool(_words(w for o in parties for w in _phrase(o)) & _FORCES)
    if lemma in {"appoint", "rename", "dissolve", "split", "pledge"}:
        return bool(_words(t.subtree) & cues.NONSTATE_WORDS)
    return True


def _burn(t: Any) -> bool:
    if _lemma(t) in {"fire", "afire"}:
        return True
    return True


_AGREEMENTS = frozenset(
    {"agreement", "deal", "accord", "pact", "treaty", "memorandum", "truce", "ceasefire",
     "protocol", "understanding"}
)


def _signs_agreement(t: Any) -> bool:
    return bool(_words(w for o in _objects(t) for w in _phrase(o)) & _AGREEMENTS)


def agreement(view: SentenceView) -> Finding | None:
    """Agreements between armed actors: ceasefires, peace deals, prisoner exchanges,
    surrenders; a bare agreement only in the context of armed conflict."""
    found = _live(view, cues.AGREEMENT_STRONG)
    if not found and view.has(cues.CONFLICT_CONTEXT):
        found = [
            m
            for m in _live(view, cues.AGREEMENT_WEAK)
            if view.token(m[0]).lower_ not in {"according", "accordance"}
            and (_lemma(view.token(m[0])) != "sign" or _signs_agreement(view.token(m[0])))
        ]
    return _best([_finding("agreement", "Strategic developments", "Agreement", m, view) for m in found])


Rule = Callable[[SentenceView], Finding | None]
MEANS: tuple[Rule, ...] = (
    _means("chemical", "Chemical weapon", cues.CHEMICAL),
    _means("suicide", "Suicide bomb", cues.SUICIDE),
    air,
    _means("grenade", "Grenade", cues.GRENADE),
    _means("shelling", "Shelling/artillery/missile attack", cues.SHELLING),
    _means("remote_explosive", "Remote explosive/landmine/IED", cues.REMOTE_EXPLOSIVE),
)
RULES: tuple[tuple[Rule, ...], ...] = (
    (disrupted,),
    MEANS,
    (mob,),
    (protest,),
    (sexual,),
    (territory,),
    (abduction,),
    (clash_or_attack,),
    (_simple("arrests", "Strategic developments", "Arrests", cues.ARRESTS),),
    (
        _simple(
            "base_established",
            "Strategic developments",
            "Headquarters or base established",
            cues.BASE_ESTABLISHED,
            _base_object,
        ),
    ),
    (agreement,),
    (_simple("looting", "Strategic developments", "Looting/property destruction", cues.LOOTING),),
    (
        _simple(
            "change_to_group",
            "Strategic developments",
            "Change to group/activity",
            cues.CHANGE_GROUP,
            _group_change,
        ),
    ),
    (_simple("other.expulsion", "Strategic developments", "Other", cues.EXPULSION),),
    (_simple("other.mass_grave", "Strategic developments", "Other", cues.MASS_GRAVE),),
    (_simple("other.displacement", "Strategic developments", "Other", cues.DISPLACEMENT),),
    (killings,),
)
"""Rule families in codebook order. Within a family the first rule that reads the sentence
wins wherever its cue is (the means: a chemical weapon before an air strike before a bomb);
across families the first in the main clause wins, else the first at all."""


def family_finding(view: SentenceView, family: Sequence[Rule]) -> Finding | None:
    """The family's reading: its first rule's finding, in the main clause if any rule of
    the family has one there."""
    found = [f for f in (rule(view) for rule in family) if f is not None]
    if not found:
        return None
    first = found[0]
    if first.background and any(not f.background for f in found):
        return Finding(
            first.kind,
            first.rule,
            first.cue,
            first.actor_inter,
            first.target_inter,
            first.civilian_victims,
            background=False,
        )
    return first


def find_type(view: SentenceView) -> Finding | None:
    """The sentence's ACLED event by the first family that reads one (main clause first)."""
    found = []
    for family in RULES:
        finding = family_finding(view, family)
        if finding is not None:
            if not finding.background:
                return finding
            found.append(finding)
    return found[0] if found else None
