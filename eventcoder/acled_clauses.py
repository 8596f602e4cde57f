"""The syntax ACLED typing reads in one parsed sentence: cue matching on lemmas, whether a
clause happened and whether it is the main one, who acts, who is hit, and what sides they are."""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from spacy.symbols import PROPN

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
ARMED = cues.MILITARY_TARGETS | cues.NONSTATE_WORDS
"""Words of armed actors (state forces and non-state groups) and of their posts."""
HARMED = frozenset({"kill", "killed", "wound", "injure", "die", "dead", "hurt"})
_WORD = re.compile(r"[\w']+|-")


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


@lru_cache(maxsize=256)
def cue_index(entries: frozenset[str]) -> dict[str, tuple[tuple[str, ...], ...]]:
    """Cue entries by their first word, each as its words (hyphens kept as words), the longest
    first (so the same text gives the same matches in every process, whatever the set order)."""
    out: dict[str, list[tuple[str, ...]]] = {}
    for entry in entries:
        words = tuple(_WORD.findall(entry.lower()))
        if words:
            out.setdefault(words[0], []).append(words)
    return {k: tuple(sorted(set(v), key=lambda w: (-len(w), w))) for k, v in out.items()}


def gate_words(sets: Iterable[frozenset[str]]) -> frozenset[str]:
    """Words of which a sentence must hold one to match any entry of the cue sets: each
    entry's longest word (every word of an entry must be in a sentence it matches) and each
    one-word entry itself."""
    out: set[str] = set()
    for entries in sets:
        for entry in entries:
            words = _WORD.findall(entry.lower())
            if words:
                out.add(max(words, key=len))
            if " " not in entry:
                out.add(entry)
    return frozenset(out)


def lemma_of(token: Any) -> str:
    lemma = str(token.lemma_).lower()
    if token.pos == PROPN:
        return common_plural(lemma, str(token.text))
    return lemma


def common_plural(lemma: str, text: str) -> str:
    """The singular of a capitalised plural the tagger took for a name and left as its own
    lemma ("BAGHDAD - Protesters stormed...", a title-case headline: "protester")."""
    if len(text) < 4 or not text[0].isupper() or not text[1:].islower():
        return lemma
    if lemma.endswith("men") and len(lemma) > 5:
        return lemma[:-3] + "man"  # "Militiamen", "Gunmen", "Policemen"
    if not lemma.endswith("s"):
        return lemma
    if lemma.endswith("ies"):
        return lemma[:-3] + "y"
    if lemma.endswith(("shes", "ches", "sses", "xes")):
        return lemma[:-2]
    return lemma if lemma.endswith(("ss", "us", "is")) else lemma[:-1]


def document_words(doc: Any) -> tuple[list[str], list[str]]:
    """Each token's lower-case lemma and lower-case word, for a whole parsed document (read
    once from its arrays; a sentence view takes its slice)."""
    strings = doc.vocab.strings
    rows = doc.to_array(["LEMMA", "LOWER", "POS"]).tolist() if len(doc) else []
    propn = int(PROPN)
    lemmas = [
        common_plural(strings[lemma].lower(), doc[i].text)
        if pos == propn
        else strings[lemma].lower()
        for i, (lemma, _, pos) in enumerate(rows)
    ]
    return lemmas, [strings[lower] for _, lower, _ in rows]


class SentenceView:
    """A parsed sentence with its lemmas, cue matching and syntactic questions."""

    def __init__(
        self,
        span: Any,
        candidates: Sequence[EventCandidate] = (),
        doc_words: tuple[list[str], list[str]] | None = None,
    ) -> None:
        self.span = span
        self.doc = span.doc
        lemmas, lowers = doc_words if doc_words is not None else document_words(span.doc)
        self.lemmas = lemmas[span.start : span.end]
        self.lowers = lowers[span.start : span.end]
        self.words = frozenset(self.lemmas) | frozenset(self.lowers)
        self.candidates = tuple(candidates)
        self._found: dict[frozenset[str], list[tuple[int, int]]] = {}
        self._positions: dict[str, list[int]] | None = None
        self._happened: dict[int, bool] = {}

    def positions(self, word: str) -> list[int]:
        """The sentence positions (0-based, ascending) whose lemma or word is `word`."""
        if self._positions is None:
            where: dict[str, list[int]] = {}
            for i, (lemma, lower) in enumerate(zip(self.lemmas, self.lowers, strict=True)):
                where.setdefault(lemma, []).append(i)
                if lower != lemma:
                    where.setdefault(lower, []).append(i)
            self._positions = where
        return self._positions.get(word, [])

    def matches(self, entries: frozenset[str]) -> list[tuple[int, int]]:
        """Document token ranges where a cue entry occurs (on lemmas or words)."""
        found = self._found.get(entries)
        if found is None:
            found = self._found[entries] = self._match(entries)
        return list(found)

    def _match(self, entries: frozenset[str]) -> list[tuple[int, int]]:
        index = cue_index(entries)
        out: list[tuple[int, int]] = []
        keys = self.words.intersection(index)
        if not keys:
            return out
        n = len(self.lemmas)
        starts = sorted({i for key in keys for i in self.positions(key)})
        for i in starts:
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

    def tokens_with(self, entries: Collection[str]) -> list[Any]:
        """The sentence's tokens whose lemma or word is one of the entries."""
        keys = self.words.intersection(entries)
        if not keys:
            return []
        doc, start = self.doc, self.span.start
        return [doc[start + i] for i in sorted({i for key in keys for i in self.positions(key)})]

    def has(self, entries: Iterable[str]) -> bool:
        """Whether any single-word entry is among the sentence's lemmas or words."""
        return not self.words.isdisjoint(entries)

    def token(self, i: int) -> Any:
        return self.doc[i]

    def happened_at(self, i: int) -> bool:
        """`happened` for the token at a document position (read once)."""
        found = self._happened.get(i)
        if found is None:
            found = self._happened[i] = happened(self.doc[i])
        return found


def happened(token: Any) -> bool:
    """False when the token's clause is negated or governed by an intention or threat (a
    modal alone does not stop it: "the group said it would dissolve" tells a decision)."""
    current, came_from, steps = token, None, 0
    while steps < 10:
        own = came_from is None or came_from.dep_ not in {"prep", "pcomp", "advcl", "relcl", "acl"}
        for child in current.children:
            if child.dep_ == "neg":
                return False
            if own and child.dep_ in {"nsubj", "nsubjpass"} and _nobody(child):
                return False  # "nobody was arrested" (not what a clause of it tells)
            if child.dep_ in {"amod", "det"} and lemma_of(child) in cues.UNREAL_MODIFIERS:
                return False
        if (
            current.dep_ == "pobj"
            and lemma_of(current.head) == "for"
            and lemma_of(current.head.head) in cues.REACTION
        ):
            return False
        if (
            current is not token
            and lemma_of(current) in cues.IRREALIS
            and not _speaks(current, came_from)
            and not _listed_with(current, came_from)
            and not _beside_protest(current, came_from)
        ):
            return False
        if (
            came_from is not None
            and came_from.dep_ in {"xcomp", "ccomp"}
            and lemma_of(current) in cues.PERMISSION
        ):
            return False  # allowed, not done ("empowers the navy to sink boats")
        if current.dep_ in {"ccomp", "pcomp"} and any(
            c.dep_ == "mark" and lemma_of(c) in {"whether", "if"} for c in current.children
        ):
            return False  # a question ("whether the weapons were used in an ambush")
        if current.dep_ == "advcl" and _conditional(current):
            return False  # a condition ("if the talks succeed", "as long as they withdraw")
        if current.dep_ == "acl" and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in current.children
        ):
            return False  # a plan named by a noun ("a plot to bomb a mall")
        if current.dep_ in {"relcl", "advcl", "ROOT"} or current.head.i == current.i:
            return True
        current, came_from, steps = current.head, current, steps + 1
    return True


def _conditional(clause: Any) -> bool:
    """An adverbial clause of a condition ("if", "unless", "provided", "as long as")."""
    marks = {lemma_of(c) for c in clause.children if c.dep_ == "mark"}
    if marks & {"if", "unless", "provided", "providing"}:
        return True
    return "as" in marks and lemma_of(clause.head) == "long"


def _nobody(subject: Any) -> bool:
    """A subject that denies the act: "nobody", "no one"."""
    lemma = lemma_of(subject)
    if lemma in {"nobody", "none"}:
        return True
    return lemma == "one" and any(lemma_of(c) == "no" for c in subject.children)


def _beside_protest(verb: Any, came_from: Any | None) -> bool:
    """Whether the way up came to "protest" through a phrase of what went on at it ("marched
    to protest, with clashes breaking out"), not through what it was against."""
    return (
        lemma_of(verb) == "protest"
        and came_from is not None
        and came_from.dep_ == "prep"
        and lemma_of(came_from) in {"with", "in", "at", "during", "amid"}
    )


def _listed_with(noun: Any, came_from: Any | None) -> bool:
    """Whether the way up came to a noun from its conjunct ("protests and clashes"): listed
    with it, not governed by it."""
    return came_from is not None and came_from.dep_ == "conj" and noun.pos_ in {"NOUN", "PROPN"}


def _speaks(verb: Any, came_from: Any | None) -> bool:
    """Whether the way up from a cue reached a verb of stance or demand through its subject
    ("protesters demanded", "rioters condemned"): the subject's own event is real."""
    return (
        came_from is not None
        and came_from.dep_ in {"nsubj", "nsubjpass"}
        and lemma_of(verb) in cues.STANCE
    )


def in_background(token: Any) -> bool:
    """True when the token lies in a background clause or phrase ("after", "when",
    "despite", "because of", a relative clause) rather than the sentence's main clause (a
    participle that elaborates the main verb, "..., killing 12", is not background)."""
    current, steps = token, 0
    while current.head.i != current.i and steps < 12:
        if current.dep_ in {"relcl", "acl"}:
            return True
        if current.dep_ == "advcl" and any(
            c.dep_ == "mark" and lemma_of(c) in cues.CLAUSE_MARKS | cues.BACKGROUND
            for c in current.children
        ):
            return True
        if current.dep_ == "advcl" and lemma_of(current) in PRESSURES:
            return True  # "facing a fierce assault, the fighters surrendered"
        if current.dep_ in {"pobj", "pcomp"}:
            prep = current.head
            if lemma_of(prep) in cues.BACKGROUND or (
                lemma_of(prep) in {"of", "from", "to"}
                and lemma_of(prep.head) in cues.BACKGROUND | PRESSURES
            ):
                return True
            if current.dep_ == "pcomp" and lemma_of(prep) in cues.CLAUSE_MARKS:
                return True  # a clause read as a preposition's ("as fighting drew closer")
        current, steps = current.head, steps + 1
    return False


PRESSURES = frozenset({"face", "pressure", "threat", "fear"})
"""What people act under ("under pressure from an offensive"): a reason, not the event."""


def token_at(span: Any, start: int) -> Any | None:
    """The token of a sentence that starts at a character offset (None: none does)."""
    return next((t for t in span if t.idx == start), None)


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
        if current.dep_ in {"conj", "xcomp", "advcl"} and current.head.i != current.i:
            current, steps = current.head, steps + 1
            continue
        return None
    return None


def phrase(token: Any) -> list[Any]:
    """A noun phrase's tokens without its relative and participial clauses."""
    out = []
    stack = [token]
    while stack:
        t = stack.pop()
        out.append(t)
        stack.extend(c for c in t.children if c.dep_ not in {"relcl", "acl", "advcl"})
    return out


def words_of(tokens: Iterable[Any]) -> set[str]:
    out = set()
    for t in tokens:
        out.add(lemma_of(t))
        out.add(str(t.lower_))
    return out


def side_of(phrase: Any | None, candidates: Sequence[EventCandidate] = ()) -> str | None:
    """State forces or a non-state group, from a noun phrase's words; None when unclear."""
    if phrase is None:
        return None
    head = {lemma_of(phrase), str(phrase.lower_)}
    if _affiliated(phrase):
        return STATE
    if head & cues.NONSTATE_WORDS:
        return NONSTATE
    modifiers = {lemma_of(c) for c in phrase.children if c.dep_ in {"amod", "compound"}}
    if head & cues.STATE_WORDS and modifiers & cues.NONSTATE_WORDS:
        return NONSTATE  # "the rebel coalition", "insurgent forces"
    if head & cues.STATE_WORDS:
        return STATE
    words = words_of(t for t in phrase.subtree if t.dep_ not in {"relcl", "acl"})
    people = cues.CIVILIAN_WORDS | cues.CROWD | {"supporter", "hundred", "thousand", "dozen"}
    if head & people and "armed" not in words:
        return None
    if words & cues.NONSTATE_WORDS or "armed" in words:
        return NONSTATE
    if words & cues.STATE_WORDS:
        return STATE
    if words & (cues.CIVILIAN_WORDS | cues.PROTEST_PEOPLE | {"activist", "supporter"}):
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


def _affiliated(phrase: Any) -> bool:
    """Forces on the government's side ("pro-government militias", "loyalist fighters",
    "government-backed forces"): ACLED counts their gains as the government's."""
    words = [lemma_of(t) for t in phrase.children if t.dep_ in {"amod", "compound", "npadvmod"}]
    words += [lemma_of(t) for c in phrase.children if c.dep_ == "amod" for t in c.children]
    found = set(words)
    return bool(
        found & {"pro-government", "loyalist", "pro-regime"}
        or ("pro" in found and found & {"government", "regime"})
        or ("government" in found and found & {"back", "backed", "ally", "allied", "align"})
    )


def inter_of(phrase: Any | None, candidates: Sequence[EventCandidate] = ()) -> int | None:
    """ACLED actor type of a noun phrase from its words (None when unclear)."""
    if phrase is None:
        return None
    words = words_of(phrase.subtree)
    if words & {"protester", "protestor", "demonstrator"}:
        return PROTESTERS
    if words & {"rioter", "mob"}:
        return RIOTERS
    side = side_of(phrase, candidates)
    if side == STATE:
        return STATE_FORCES
    if side == NONSTATE:
        return REBELS if words & cues.REBEL_WORDS else POLITICAL_MILITIA
    if words & cues.CIVILIAN_WORDS:
        return CIVILIANS
    return None


def text_inter(text: str) -> int | None:
    """ACLED actor type of an actor's words when its code tells none ("Police" -> 1,
    "protesters" -> 6, "gunmen" -> 3, "villagers" -> 7)."""
    words = {w.lower() for w in _WORD.findall(text)}
    words |= {w[:-1] for w in words if w.endswith("s")}
    if words & {"protester", "protestor", "demonstrator"}:
        return PROTESTERS
    if words & {"rioter", "mob"}:
        return RIOTERS
    if words & cues.NONSTATE_WORDS:
        return REBELS if words & cues.REBEL_WORDS else POLITICAL_MILITIA
    if words & cues.STATE_WORDS:
        return STATE_FORCES
    if words & cues.CIVILIAN_WORDS:
        return CIVILIANS
    return None


def scene(view: SentenceView, token: Any, actor: Any | None = None) -> list[int]:
    """The document positions of the clause a cue tells its event in, without who acts
    (`actor`) and without who reports it ("..., police said", "according to the army")."""
    top, steps = token, 0
    while top.head.i != top.i and steps < 12:
        if top.dep_ in {"ccomp", "parataxis"} and lemma_of(top.head) in cues.REPORTING:
            break
        top, steps = top.head, steps + 1
    lo, hi = top.left_edge.i, top.right_edge.i
    skipped: list[tuple[int, int]] = []
    if actor is not None:
        skipped.append((actor.left_edge.i, actor.right_edge.i))
    for t in view.tokens_with(cues.REPORTING):
        if not lo <= t.i <= hi or lemma_of(t) not in cues.REPORTING:
            continue
        if t.dep_ == "prep" or t.pos_ == "ADP":
            skipped.append((t.left_edge.i, t.right_edge.i))
        elif t.pos_ == "VERB":
            skipped += [
                (c.left_edge.i, c.right_edge.i) for c in t.children if c.dep_ in {"nsubj", "agent"}
            ]
    return [i for i in range(lo, hi + 1) if not any(a <= i <= b for a, b in skipped)]


def view_words(view: SentenceView, positions: Iterable[int]) -> set[str]:
    """The lemmas and words of a sentence's tokens at document positions."""
    base = view.span.start
    out = set()
    for i in positions:
        out.add(view.lemmas[i - base])
        out.add(view.lowers[i - base])
    return out


def hit_heads(token: Any) -> list[Any]:
    """The head words of what a verb or event noun hits: its object, passive subject, or the
    object of on/against/at (also of a light verb's object: 'opened fire on')."""
    heads = [token] + [c for c in token.children if c.dep_ == "dobj"]
    out: list[Any] = []
    for head in heads:
        for child in head.children:
            if child.dep_ in {"dobj", "nsubjpass"} and head is token:
                out.append(child)
            if child.dep_ == "prep" and lemma_of(child) in {"on", "against", "at", "upon"}:
                out += [c for c in child.children if c.dep_ == "pobj"]
    return out


def hit_words(token: Any) -> set[str]:
    """The words of what a verb or event noun hits (see `hit_heads`)."""
    return words_of(
        t for head in hit_heads(token) for t in head.subtree if t.dep_ not in {"relcl", "acl"}
    )


def finding(
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


def live(view: SentenceView, entries: frozenset[str]) -> list[tuple[int, int]]:
    """Matches of cue entries in clauses that happened."""
    return [m for m in view.matches(entries) if view.happened_at(m[0])]


def best(findings: list[Finding]) -> Finding | None:
    if not findings:
        return None
    return min(findings, key=lambda f: f.background)


def prev_lemma(view: SentenceView, i: int, k: int = 1) -> str:
    j = i - k
    return lemma_of(view.doc[j]) if j >= view.span.start else ""


def objects_of(t: Any) -> list[Any]:
    """A verb's objects: direct object, passive subject, and the objects of its prepositions
    (also nested: "out of the area")."""
    out = [c for c in t.children if c.dep_ in {"dobj", "nsubjpass"}]
    out += [c for o in list(out) for c in o.conjuncts]  # "A, B and other towns": the whole list
    stack = [c for c in t.children if c.dep_ in {"prep", "prt"}]
    while stack:
        prep = stack.pop()
        for c in prep.children:
            if c.dep_ == "pobj":
                out.append(c)
            elif c.dep_ == "prep":
                stack.append(c)
    return out


VERBS = frozenset({"VERB", "AUX"})


def governing_verb(token: Any) -> Any | None:
    """The verb whose clause holds the token: itself if a verb, else the first verb up
    its chain of heads."""
    current, steps = token, 0
    while steps < 8:
        if current.pos_ in VERBS:
            return current
        if current.head.i == current.i:
            return None
        current, steps = current.head, steps + 1
    return None
