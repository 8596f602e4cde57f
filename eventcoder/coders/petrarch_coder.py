"""The PETRARCH coder: events coded with a user's TABARI/PETRARCH dictionaries.

Owns the dictionary-driven coder (``--coder petrarch --dictionaries petrarch:PATH,...``). It
works TABARI/PETRARCH style on the words of each sentence (spaCy tokens, lower-cased; a token
with ``_`` is split, and a dictionary word may span tokens written without a space between
them, "Barad-dur"):

* actors and agents are found by longest match in the dictionaries and combined into
  mentions ("An MSF Arnor diplomat" -> NGOARNGOV, ``CODE~`` agents before the actor code,
  ``~CODE`` after it, an agent already in the actor code not repeated); coordinated mentions
  form compounds, and an agent phrase governing actors ("lawmakers in Fornost and Gondor")
  takes each of them; date-restricted actor codes use the document date;
* verbs are found by their dictionary forms (all listed or regular inflections, multi-word
  verbs checked around their verb word) on tokens the parser tags as verbs;
* the verb's patterns are matched on the words before and after it (``_`` joins words that
  must follow each other, a space allows words between; ``&SYNSET``; ``$`` source, ``+``
  target, ``^`` a skipped actor, ``%`` a compound); the pattern with most elements wins,
  file order breaking ties, else the verb's own code, else its block's;
* without ``$``/``+`` the source is the actor phrase of the verb's subject (found through
  ``xcomp``/``conj`` clauses and pronouns in the parse; a passive's ``by`` phrase) and the
  target the first actor phrase after the verb in its clause;
* an event needs a coded source and target; a negated verb coded without a pattern gives
  none; a statement verb (CAMEO roots 01, 02) whose clause holds another event gives way to
  it, and an event inside the complement of another verb ("urged X to ...") gives way to
  that verb's; paired codes ``A:B`` give the reverse event with B;
* a sentence with a sentence-level discard phrase gives no events, a story-level one none
  for the whole document.

With ``petrarch:`` (extend) the built-in actor lexicon (eventcoder/actors.py: countries,
capitals, organisations, role nouns) fills in where the dictionaries know nothing; with
``petrarch-replace:`` only the dictionaries are used. Event codes outside CAMEO 1.1b3 become
their closest CAMEO parent (``1717`` -> ``171``) or are dropped; actor codes are upper-cased
and cut to whole three-letter parts, an agent without an actor gives its bare code (``GOV``).
For scoring against PETRARCH validation files, ``with_dictionary_codes()`` keeps both as the
dictionaries write them (``---GOV``, invented event codes) and ``cameo_table()`` gives the
CAMEO table extended with the dictionaries' own codes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import Any

from eventcoder.actors import (
    ActorLexicon,
    NameEntry,
    RoleEntry,
    find_names,
    load_actor_lexicon,
)
from eventcoder.coders import ParsedDocument
from eventcoder.errors import LexiconError
from eventcoder.petrarch import (
    NULL_CODE,
    ActorEntry,
    AgentEntry,
    Dictionaries,
    DictionaryOption,
    VerbEntry,
    VerbPattern,
    actor_code_on,
    load_dictionaries,
)
from eventcoder.taxonomy import CameoCode, CameoTable, load_cameo_table, load_countries
from eventcoder.types import Actor, EventCandidate, Trigger

Token = Any  # a spaCy Token
Span = Any  # a spaCy Span

NAME = "petrarch"
VERSION = "1"
SAY_ROOTS = frozenset({"01", "02"})
COMPOUND_WORDS = frozenset({",", "and", "or", "nor", "&"})
ATTACH_PREPS = frozenset({"of", "in", "from"})
POSSESSIVES = frozenset({"'s", "'", "’s", "’"})
NEGATIONS = frozenset({"not", "n't", "never", "’t"})
RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"})
# Clauses whose missing (or pronoun) subject is the governing clause's subject.
INHERIT_DEPS = frozenset({"xcomp", "conj", "acomp", "ccomp", "pcomp", "prep", "aux", "auxpass"})
# Complements whose events are what the governing verb is about ("urged X to stop").
COMPLEMENT_DEPS = frozenset({"xcomp", "ccomp", "pcomp", "acomp"})
NOT_VERB_DEPS = frozenset({"amod", "compound", "prep", "case", "mark", "det"})
CLAUSE_POS = frozenset({"VERB", "AUX", "ADP", "SCONJ", "ADJ", "PART"})
_KEY = re.compile(r"[^\W_]+|\S")
_ALIAS_TOKENS = re.compile(r"[^\s-]+|-")  # how the built-in lexicon splits names
_EVENT_CODE = re.compile(r"\d{2,4}[A-Za-z?]?")
_LETTERS = re.compile(r"[^A-Z]")
_PATTERN_PIECE = re.compile(r"[(){}]")
PATTERN_CONFIDENCE = 0.8
DEFAULT_CONFIDENCE = 0.6


# --------------------------------------------------------------------------------------------
# Words and phrase matching


@dataclass(frozen=True, slots=True)
class Word:
    """A lower-cased word of a sentence: its token, character span, and whether it follows
    the previous word with no space between them."""

    text: str
    token: int
    start: int
    end: int
    glued: bool


def sentence_words(span: Span) -> list[Word]:
    """The words of a sentence span: its tokens, with ``_`` inside a token splitting it."""
    words: list[Word] = []
    previous_end = -1
    for token in span:
        if token.is_space:
            continue
        text = token.text
        start = token.idx
        if "_" in text.strip("_"):
            offset = 0
            for part in text.split("_"):
                if part:
                    begin = start + text.index(part, offset)
                    words.append(Word(part.lower(), token.i, begin, begin + len(part), False))
                    offset = begin - start + len(part)
        else:
            words.append(
                Word(text.lower(), token.i, start, start + len(text), start == previous_end)
            )
        previous_end = start + len(text)
    return words


def _key(word: str) -> str:
    """The index key of a word: its first run of letters and digits (else its first sign)."""
    found = _KEY.match(word)
    return found.group() if found else word


def match_phrase(words: list[Word], phrase: tuple[str, ...], at: int) -> int | None:
    """The word index after ``phrase`` when it starts at word ``at``, else None.

    A phrase word may span words written without a space between them ("barad-dur").
    """
    pos = at
    n = len(words)
    for wanted in phrase:
        if pos >= n:
            return None
        have = words[pos].text
        pos += 1
        while have != wanted:
            if (
                len(have) >= len(wanted)
                or not wanted.startswith(have)
                or pos >= n
                or not words[pos].glued
            ):
                return None
            have += words[pos].text
            pos += 1
    return pos


def match_phrase_ending(words: list[Word], phrase: tuple[str, ...], end: int) -> int | None:
    """The word index where ``phrase`` starts when it ends just before word ``end``."""
    letters = sum(len(w) for w in phrase)
    start = end - 1
    lowest = max(0, end - letters)
    while start >= lowest:
        if match_phrase(words, phrase, start) == end:
            return start
        start -= 1
    return None


class PhraseIndex:
    """Dictionary phrases by the key of their first word, for longest-match scans."""

    def __init__(self, entries: Iterable[tuple[tuple[str, ...], Any]]) -> None:
        self._by_key: dict[str, list[tuple[tuple[str, ...], Any]]] = {}
        for phrase, payload in entries:
            if phrase:
                self._by_key.setdefault(_key(phrase[0]), []).append((phrase, payload))

    def __bool__(self) -> bool:
        return bool(self._by_key)

    def longest(self, words: list[Word], at: int) -> tuple[int, Any] | None:
        """(end, payload) of the longest phrase starting at word ``at``; the first on ties."""
        best: tuple[int, Any] | None = None
        for phrase, payload in self._by_key.get(_key(words[at].text), ()):
            end = match_phrase(words, phrase, at)
            if end is not None and (best is None or end > best[0]):
                best = (end, payload)
        return best


# --------------------------------------------------------------------------------------------
# Actors: raw matches, mentions, compounds and phrases


@dataclass(frozen=True, slots=True)
class Member:
    """One actor of a mention or phrase: its code (None: known but not coded) and words."""

    code: str | None
    start: int
    end: int
    resolution: str = "name"


@dataclass(frozen=True, slots=True)
class _Raw:
    """A dictionary match: an actor (its codes) or an agent (its code and side)."""

    start: int
    end: int
    actor_codes: tuple[str | None, ...] | None = None
    agent_code: str | None = None
    agent_before: bool = False


@dataclass(frozen=True, slots=True)
class Mention:
    """Adjacent actor and agent matches read as one actor ("Gondor's main opposition group")."""

    start: int
    end: int
    members: tuple[Member, ...]
    has_actor: bool
    agents_after: tuple[str, ...] = ()


@dataclass
class _SentenceActors:
    """The mentions, compounds and phrases of one sentence, by word index."""

    mentions: list[Mention] = field(default_factory=list)
    compound_of: dict[int, int] = field(default_factory=dict)  # mention -> compound
    compounds: list[list[int]] = field(default_factory=list)
    phrase_of: dict[int, int] = field(default_factory=dict)  # mention -> phrase
    phrases: list[tuple[Member, ...]] = field(default_factory=list)
    chunk_end: dict[int, int] = field(default_factory=dict)  # word in a noun chunk -> its end
    chunk_start: dict[int, int] = field(default_factory=dict)  # chunk end -> chunk start

    @cached_property
    def starting(self) -> dict[int, int]:
        return {m.start: k for k, m in enumerate(self.mentions)}

    @cached_property
    def ending(self) -> dict[int, int]:
        return {m.end: k for k, m in enumerate(self.mentions)}

    def compound_members(self, mention: int) -> tuple[Member, ...]:
        """The actors of the compound a mention belongs to."""
        return tuple(
            m for k in self.compounds[self.compound_of[mention]] for m in self.mentions[k].members
        )


# --------------------------------------------------------------------------------------------
# Patterns


@dataclass(frozen=True, slots=True)
class Element:
    """One element of a pattern: a word, a synset, or a marker (``$ + ^ %``).

    ``closed`` says the element must touch its neighbour towards the verb (``_``).
    """

    kind: str  # word | synset | $ | + | ^ | %
    phrases: tuple[tuple[str, ...], ...]
    closed: bool


@dataclass(frozen=True, slots=True)
class CompiledPattern:
    """A verb pattern ready to match: elements before the verb (nearest first) and after."""

    pattern: VerbPattern
    before: tuple[Element, ...]
    after: tuple[Element, ...]
    weight: int
    order: int

    @property
    def codes(self) -> bool:
        """Whether the pattern's code is an event code or a null code (PETRARCH ignores
        patterns coded otherwise, e.g. [+++])."""
        return _is_event_code(self.pattern.code)


@dataclass(frozen=True, slots=True)
class _Binding:
    source: int | None = None  # mention index
    target: int | None = None
    compound: int | None = None  # mention index of a '%' compound
    compound_before: bool = False


def compile_pattern(
    pattern: VerbPattern, dictionaries: Dictionaries, order: int
) -> CompiledPattern | None:
    """The elements of a pattern from its text as written; None when it cannot be read."""
    items: list[tuple[str, bool]] = []  # (piece, joined to the previous piece by "_")
    for chunk in pattern.raw.split():
        joined = False
        for part in chunk.split("_"):
            piece = _PATTERN_PIECE.sub("", part)
            if piece.count("*") > 1:
                return None
            # "*SCEPTICAL": the verb touches the word; "$WORD": the actor touches it
            for bit in re.split(r"(\*|^[$+^%](?=.))", piece):
                if bit:
                    items.append((bit, joined))
                    joined = True
    stars = [k for k, (piece, _) in enumerate(items) if piece == "*"]
    if len(stars) != 1:
        return None
    star = stars[0]
    elements: list[Element] = []
    for k, (piece, joined) in enumerate(items):
        if k == star:
            continue
        # Before the verb an element touches what follows it; after, what precedes it.
        closed = items[k + 1][1] if k < star else joined
        element = _element(piece, closed, dictionaries)
        if element is None:
            return None
        elements.append(element)
    before = tuple(reversed(elements[:star]))
    after = tuple(elements[star:])
    return CompiledPattern(pattern, before, after, len(elements), order)


def _element(piece: str, closed: bool, dictionaries: Dictionaries) -> Element | None:
    if piece in {"$", "+", "^", "%"}:
        return Element(piece, (), closed)
    if piece.startswith("&"):
        members = dictionaries.expand_synset(piece[1:])
        if not members:
            return None
        ordered = tuple(sorted(members, key=lambda p: (-sum(map(len, p)), p)))
        return Element("synset", ordered, closed)
    return Element("word", ((piece.lower(),),), closed)


# --------------------------------------------------------------------------------------------
# The coder


@dataclass(frozen=True, slots=True)
class _Verb:
    """A dictionary verb found in a sentence: its words, token and dictionary entries."""

    start: int  # word index of the verb phrase
    end: int
    token: Token
    entries: tuple[VerbEntry, ...]


@dataclass(frozen=True, slots=True)
class _Coded:
    """An event found for a verb before the clause rules decide whether it stands."""

    verb: _Verb
    code: str
    rule_id: str
    confidence: float
    pairs: tuple[tuple[Member, Member | None], ...]


class PetrarchCoder:
    """Codes events with TABARI/PETRARCH dictionaries (see the module docstring)."""

    name = NAME
    version = VERSION

    def __init__(
        self,
        dictionaries: Dictionaries,
        *,
        builtin: ActorLexicon | None = None,
        keep_codes: bool = False,
        cameo: CameoTable | None = None,
    ) -> None:
        if "verbs" not in dictionaries.kinds():
            raise LexiconError(
                "the petrarch coder needs a verbs dictionary among --dictionaries "
                "(e.g. petrarch:CAMEO.2.0.txt,Phoenix.Countries.actors.txt)"
            )
        self.dictionaries = dictionaries
        self.builtin = builtin
        self.keep_codes = keep_codes
        self.cameo = cameo or load_cameo_table()
        self.version = f"{VERSION}+{dictionaries.checksum[:12]}"

    @classmethod
    def from_option(cls, option: DictionaryOption) -> PetrarchCoder:
        """The coder for a parsed ``--dictionaries`` value (extend or replace)."""
        dictionaries = load_dictionaries(option.paths)
        builtin = None if option.replace else load_actor_lexicon()
        return cls(dictionaries, builtin=builtin)

    def with_dictionary_codes(self) -> PetrarchCoder:
        """The same coder keeping event and actor codes as the dictionaries write them."""
        coder = PetrarchCoder(
            self.dictionaries, builtin=self.builtin, keep_codes=True, cameo=self.cameo
        )
        coder.__dict__.update({k: v for k, v in self.__dict__.items() if k in _SHARED_CACHES})
        return coder

    def cameo_table(self, base: CameoTable | None = None) -> CameoTable:
        """The CAMEO table plus an entry for each dictionary event code it lacks (for scoring
        validation files written with invented codes)."""
        base = base or self.cameo
        codes = {c.code: c for c in base}
        for code in self._dictionary_event_codes():
            if code not in codes:
                codes[code] = _invented_code(code, base)
        return CameoTable(codes)

    def provenance(self) -> dict[str, str]:
        """Coder version, dictionary files with their kinds and checksums, and the mode."""
        out = {
            "coder": self.name,
            "coder_version": self.version,
            "dictionaries_sha256": self.dictionaries.checksum,
            "actors": "dictionaries, then the built-in lexicon"
            if self.builtin is not None
            else "dictionaries only",
            "codes": "as in the dictionaries" if self.keep_codes else "CAMEO 1.1b3",
            "dictionary_problems": f"{len(self.dictionaries.errors)} lines skipped, "
            f"{len(self.dictionaries.warnings)} warnings",
        }
        for number, f in enumerate(self.dictionaries.files, start=1):
            out[f"dictionary_{number}"] = f"{f.kind} {f.path} sha256:{f.sha256}"
        if self.builtin is not None:
            out["builtin_actors_sha256"] = self.builtin.checksum
        return out

    # ---- lookups built once

    @cached_property
    def actor_phrases(self) -> PhraseIndex:
        return PhraseIndex(self.dictionaries.actor_index.items())

    @cached_property
    def agent_phrases(self) -> PhraseIndex:
        return PhraseIndex(self.dictionaries.agent_index.items())

    @cached_property
    def discard_phrases(self) -> PhraseIndex:
        return PhraseIndex(self.dictionaries.discard_index.items())

    @cached_property
    def role_phrases(self) -> dict[str, list[tuple[tuple[str, ...], str]]]:
        """Built-in role phrases (lemmas) by first lemma, longest first."""
        out: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        if self.builtin is None:
            return out
        for phrase, entry in self.builtin.roles.items():
            out.setdefault(phrase[0], []).append((phrase, entry.role))
        for options in out.values():
            options.sort(key=lambda item: -len(item[0]))
        return out

    @cached_property
    def patterns(self) -> dict[str, tuple[CompiledPattern, ...]]:
        """Compiled patterns by verb family, in file order."""
        out: dict[str, tuple[CompiledPattern, ...]] = {}
        order = 0
        for family, patterns in self.dictionaries.patterns_by_family.items():
            compiled = []
            for pattern in patterns:
                order += 1
                made = compile_pattern(pattern, self.dictionaries, order)
                if made is not None:
                    compiled.append(made)
            out[family] = tuple(compiled)
        return out

    @cached_property
    def countries(self) -> frozenset[str]:
        return frozenset(c.iso3[-3:] for c in load_countries())

    @cached_property
    def rule_stems(self) -> dict[str, str]:
        """File path -> the stem used in rule ids (``CAMEO.2.0.txt`` -> ``CAMEO.2.0``)."""
        return {f.path: Path(f.path).stem for f in self.dictionaries.files}

    def _dictionary_event_codes(self) -> set[str]:
        codes: set[str] = set()
        found = [p.code for p in self.dictionaries.patterns]
        found += [v.code for v in self.dictionaries.verbs if v.code]
        found += [f.code for f in self.dictionaries.families.values() if f.code]
        for code in found:
            codes.update(part for part in code.split(":") if part and part != NULL_CODE)
        return codes

    # ---- coding

    def code(self, parsed: ParsedDocument) -> list[EventCandidate]:
        """Event candidates for every sentence of the document (none after a story discard)."""
        if not parsed.sentences:
            return []
        day = _document_day(parsed.document.date)
        sentences = [(s, span, sentence_words(span)) for s, span in parsed.sentences]
        discards = self.discard_phrases
        if discards and any(self._discarded(words, story=True) for _, _, words in sentences):
            return []
        out: list[EventCandidate] = []
        for sentence, span, words in sentences:
            if not words or (discards and self._discarded(words, story=False)):
                continue
            out.extend(self._code_sentence(sentence.index, span, words, day))
        return out

    def _discarded(self, words: list[Word], *, story: bool) -> bool:
        for at in range(len(words)):
            found = self.discard_phrases.longest(words, at)
            if found is not None and found[1].story_level == story:
                return True
        return False

    def _code_sentence(
        self, index: int, span: Span, words: list[Word], day: dt.date | None
    ) -> list[EventCandidate]:
        actors = self._actors(span, words, day)
        doc = span.doc
        coded: list[_Coded] = []
        for verb in self._verbs(span, words, actors):
            found = self._code_verb(verb, words, actors)
            if found is not None:
                coded.append(found)
        kept = _clause_rules(coded)
        out: list[EventCandidate] = []
        seen: set[tuple[str | None, str | None, str]] = set()
        for item in kept:
            out.extend(self._candidates(index, doc, words, item, seen))
        return out

    # ---- actors

    def _actors(self, span: Span, words: list[Word], day: dt.date | None) -> _SentenceActors:
        raws = self._raw_matches(span, words, day)
        state = _SentenceActors()
        state.mentions = self._mentions(raws, words, span.doc)
        self._compounds(state, words, span.doc)
        self._phrases(state, words)
        _noun_chunks(state, span, words)
        return state

    def _raw_matches(self, span: Span, words: list[Word], day: dt.date | None) -> list[_Raw]:
        builtin = self._builtin_matches(span, words) if self.builtin is not None else {}
        raws: list[_Raw] = []
        at = 0
        n = len(words)
        while at < n:
            actor = self.actor_phrases.longest(words, at)
            agent = self.agent_phrases.longest(words, at)
            if actor is not None and (agent is None or actor[0] >= agent[0]):
                end, entry = actor
                raws.append(_Raw(at, end, actor_codes=self._entry_codes(entry, day)))
            elif agent is not None:
                end, agent_entry = agent
                raws.append(_agent_raw(at, end, agent_entry))
            elif at in builtin:
                end, raw = builtin[at]
                raws.append(raw)
            else:
                at += 1
                continue
            at = max(end, at + 1)
        return raws

    def _entry_codes(self, entry: ActorEntry, day: dt.date | None) -> tuple[str | None, ...]:
        code = actor_code_on(entry, day)
        if code is None:
            return (None,)
        parts = [p.strip() for p in code.split("/") if p.strip()]
        return tuple(None if not any(ch.isalnum() for ch in p) else p for p in parts) or (None,)

    def _builtin_matches(self, span: Span, words: list[Word]) -> dict[int, tuple[int, _Raw]]:
        """Names and role nouns of the built-in lexicon, by the word index they start at."""
        assert self.builtin is not None
        first_word: dict[int, int] = {}
        last_word: dict[int, int] = {}
        for k, word in enumerate(words):
            first_word.setdefault(word.token, k)
            last_word[word.token] = k + 1
        out: dict[int, tuple[int, _Raw]] = {}
        for mention in {id(m): m for m in find_names(span, self.builtin).values()}.values():
            start = first_word.get(mention.start)
            end = last_word.get(mention.end - 1)
            if start is not None and end is not None:
                out[start] = (end, _Raw(start, end, actor_codes=(mention.entry.code,)))
        lemmas = [span.doc[w.token].lemma_.lower() for w in words]
        for at, lemma in enumerate(lemmas):
            if at in out:
                continue
            for phrase, role in self.role_phrases.get(lemma, ()):
                if tuple(lemmas[at : at + len(phrase)]) == phrase:
                    end = at + len(phrase)
                    out[at] = (end, _Raw(at, end, agent_code=role))
                    break
        return out

    def _mentions(self, raws: list[_Raw], words: list[Word], doc: Any) -> list[Mention]:
        groups: list[list[_Raw]] = []
        for raw in raws:
            if groups and _adjacent(groups[-1][-1], raw, groups[-1], words, doc):
                groups[-1].append(raw)
            else:
                groups.append([raw])
        return [self._mention(group) for group in groups]

    def _mention(self, group: list[_Raw]) -> Mention:
        actor = next((r for r in group if r.actor_codes is not None), None)
        before = [r.agent_code for r in group if r.agent_code and r.agent_before]
        after = [r.agent_code for r in group if r.agent_code and not r.agent_before]
        start, end = group[0].start, group[-1].end
        if actor is None:
            code = self._combine(None, before, after)
            return Mention(start, end, (Member(code, start, end, "role"),), False, tuple(after))
        assert actor.actor_codes is not None
        members = tuple(
            Member(self._combine(c, before, after) if c else None, start, end, "name")
            for c in actor.actor_codes
        )
        return Mention(start, end, members, True, tuple(after))

    def _combine(self, actor: str | None, before: list[str], after: list[str]) -> str | None:
        """An actor code with its agents (``CODE~`` before it, ``~CODE`` after), or the
        agents alone when no actor is known (``---GOV`` as PETRARCH writes it)."""
        code = actor if actor is not None else NULL_CODE
        for agent in dict.fromkeys(before):
            if not _contains(code, agent):
                code = agent + code
        for agent in dict.fromkeys(after):
            if not _contains(code, agent):
                code = code + agent
        if actor is None and code == NULL_CODE:
            return None
        return code if self.keep_codes else _schema_code(code)

    def _compounds(self, state: _SentenceActors, words: list[Word], doc: Any) -> None:
        mentions = state.mentions
        for k, mention in enumerate(mentions):
            if k and _coordinated(mentions[k - 1], mention, words, doc):
                state.compounds[-1].append(k)
            else:
                state.compounds.append([k])
            state.compound_of[k] = len(state.compounds) - 1
        # An agent coordinated after an actor with agents takes that actor ("Danish media
        # and government").
        for members in state.compounds:
            for left, right in zip(members, members[1:], strict=False):
                a, b = mentions[left], mentions[right]
                if a.has_actor and a.agents_after and not b.has_actor and b.agents_after:
                    mentions[right] = self._inherit(a, b)

    def _inherit(self, actor: Mention, agent: Mention) -> Mention:
        members = []
        for member in actor.members:
            base = _strip_agents(member.code, actor.agents_after)
            code = self._combine(base, [], list(agent.agents_after)) if base else None
            members.append(Member(code, agent.start, agent.end, "name"))
        return replace(agent, members=tuple(members), has_actor=True)

    def _phrases(self, state: _SentenceActors, words: list[Word]) -> None:
        """Compounds as phrases; agents governing actors through of/in/from take them
        ("lawmakers in Fornost and Gondor", "Ithilen and the government of Gondor")."""
        mentions = state.mentions
        compounds = state.compounds
        k = 0
        while k < len(compounds):
            members = compounds[k]
            agents = _trailing_agents(members, mentions)
            parts = list(members)
            combined: list[Member] = [x for m in members for x in mentions[m].members]
            if (
                agents
                and k + 1 < len(compounds)
                and _attached(mentions[members[-1]], mentions[compounds[k + 1][0]], words)
            ):
                actors = [
                    (mentions[n], member)
                    for n in compounds[k + 1]
                    for member in mentions[n].members
                    if member.code is not None
                ]
                combined = [x for m in members[: -len(agents)] for x in mentions[m].members]
                for g in agents:
                    agent = mentions[g]
                    for actor, member in actors:
                        code = self._combine(member.code, [], list(agent.agents_after))
                        combined.append(Member(code, agent.start, actor.end, "name"))
                parts.extend(compounds[k + 1])
                k += 1
            number = len(state.phrases)
            state.phrases.append(tuple(combined))
            for m in parts:
                state.phrase_of[m] = number
            k += 1

    # ---- verbs

    def _verbs(self, span: Span, words: list[Word], actors: _SentenceActors) -> Iterator[_Verb]:
        heads = self.dictionaries.verb_heads
        inside = {w for m in actors.mentions for w in range(m.start, m.end)}
        taken = -1
        for k, word in enumerate(words):
            if k < taken or k in inside:
                continue
            entries = heads.get(word.text)
            if not entries:
                continue
            token = span.doc[word.token]
            if not _verb_like(token):
                continue
            best: tuple[int, int, list[VerbEntry]] | None = None
            for entry in entries:
                for form in entry.all_forms:
                    phrase = tuple(form.split())
                    if entry.head_at >= len(phrase) or phrase[entry.head_at] != word.text:
                        continue
                    start = k - entry.head_at
                    if start < 0 or match_phrase(words, phrase, start) is None:
                        continue
                    end = match_phrase(words, phrase, start)
                    assert end is not None
                    if best is None or end - start > best[1] - best[0]:
                        best = (start, end, [entry])
                    elif (start, end) == best[:2] and entry not in best[2]:
                        best[2].append(entry)
            if best is None:
                continue
            taken = best[1]
            yield _Verb(best[0], best[1], token, tuple(best[2]))

    def _code_verb(
        self,
        verb: _Verb,
        words: list[Word],
        actors: _SentenceActors,
    ) -> _Coded | None:
        families = dict.fromkeys(e.family for e in verb.entries)
        window_end = _subtree_end(verb.token, words)
        best: tuple[CompiledPattern, _Binding] | None = None
        for family in families:
            for compiled in self.patterns.get(family, ()):
                if not compiled.codes:
                    continue
                if best is not None and (
                    compiled.weight < best[0].weight
                    or (compiled.weight == best[0].weight and compiled.order > best[0].order)
                ):
                    continue
                binding = _match(compiled, verb, words, actors, window_end)
                if binding is not None:
                    best = (compiled, binding)
        if best is not None:
            pattern, binding = best
            code = pattern.pattern.code
            rule = self._rule_id(pattern.pattern.source)
            confidence = PATTERN_CONFIDENCE
        else:
            entry = next(
                (
                    e
                    for e in verb.entries
                    if self.dictionaries.verb_code(e) not in (None, NULL_CODE)
                ),
                None,
            )
            if entry is None or _negated(verb.token):
                return None
            code = self.dictionaries.verb_code(entry) or NULL_CODE
            rule = self._rule_id(entry.source)
            binding = _Binding()
            confidence = DEFAULT_CONFIDENCE
        if code.strip() in ("", NULL_CODE):
            return None
        pairs = self._pairs(verb, binding, words, actors)
        if not pairs:
            return None
        return _Coded(verb, code, rule, confidence, pairs)

    def _rule_id(self, source: str) -> str:
        path, _, line = source.rpartition(":")
        return f"petrarch.{self.rule_stems.get(path, Path(path).stem)}.{line}"

    def _pairs(
        self,
        verb: _Verb,
        binding: _Binding,
        words: list[Word],
        actors: _SentenceActors,
    ) -> tuple[tuple[Member, Member | None], ...]:
        if binding.compound is not None and binding.compound_before:
            members = [m for m in actors.compound_members(binding.compound) if m.code]
            return tuple((a, b) for a in members for b in members if a.code != b.code)
        used = {binding.source, binding.target} - {None}
        if binding.target is not None:
            targets: tuple[Member, ...] = actors.compound_members(binding.target)
        elif binding.compound is not None:
            targets = actors.compound_members(binding.compound)
        else:
            targets = ()
        if binding.source is not None:
            sources: tuple[Member, ...] = actors.compound_members(binding.source)
        else:
            sources = _default_source(verb, actors, used, words)
        if binding.target is None and binding.compound is None:
            taken = {m for m in used if m is not None}
            targets = _default_target(verb, actors, words, sources, taken)
        return tuple(
            (s, t) for s in sources if s.code for t in targets if t.code and t.code != s.code
        )

    # ---- output

    def _candidates(
        self,
        index: int,
        doc: Any,
        words: list[Word],
        item: _Coded,
        seen: set[tuple[str | None, str | None, str]],
    ) -> Iterator[EventCandidate]:
        forward, _, backward = item.code.partition(":")
        verb = item.verb
        start = words[verb.start].start
        end = words[verb.end - 1].end
        trigger = Trigger(doc.text[start:end], start, end)
        group = None
        if len(item.pairs) > 1 or backward:
            group_key = f"{index}:{start}:{item.code}"
            group = hashlib.blake2b(group_key.encode(), digest_size=6).hexdigest()
        for source, target in item.pairs:
            assert target is not None
            for code, a, b in ((forward, source, target), (backward, target, source)):
                event = self._event_code(code)
                if event is None:
                    continue
                key = (a.code, b.code, event)
                if key in seen:
                    continue
                seen.add(key)
                yield EventCandidate(
                    sentence_index=index,
                    actor=self._actor(doc, words, a),
                    target=self._actor(doc, words, b),
                    cameo_code=event,
                    trigger=trigger,
                    rule_id=item.rule_id,
                    confidence=item.confidence,
                    group_id=group,
                )

    def _event_code(self, code: str) -> str | None:
        code = code.strip()
        if not code or code == NULL_CODE:
            return None
        if self.keep_codes or code in self.cameo:
            return code
        digits = re.match(r"\d+", code)
        stem = digits.group() if digits else ""
        for size in (4, 3, 2):
            if len(stem) >= size and stem[:size] in self.cameo:
                return stem[:size]
        return None

    def _actor(self, doc: Any, words: list[Word], member: Member) -> Actor:
        start = words[member.start].start
        end = words[member.end - 1].end
        code = member.code
        country = role = None
        if code and not self.keep_codes:
            if code[:3] in self.countries:
                country = code[:3]
                role = code[3:6] or None
            elif member.resolution == "role":
                role = code[:3]
        return Actor(doc.text[start:end], start, end, code, country, role, None, member.resolution)


_SHARED_CACHES = frozenset(
    {"actor_phrases", "agent_phrases", "discard_phrases", "role_phrases", "patterns", "countries"}
)


# --------------------------------------------------------------------------------------------
# Helpers: codes


def _is_event_code(code: str) -> bool:
    """An event code (digits, perhaps a letter), a pair of them, or the null code."""
    parts = code.split(":")
    return all(p.strip() == NULL_CODE or _EVENT_CODE.fullmatch(p.strip()) for p in parts if p)


def _document_day(date: str | None) -> dt.date | None:
    if not date:
        return None
    try:
        return dt.date.fromisoformat(date[:10])
    except ValueError:
        return None


def _contains(code: str, agent: str) -> bool:
    """Whether ``agent`` is already a part of ``code`` (at a three-letter boundary)."""
    body = code[3:] if code.startswith(NULL_CODE) else code
    return any(body[i : i + len(agent)] == agent for i in range(0, len(body), 3))


def _schema_code(code: str) -> str | None:
    """A code as the event schema wants it: upper-case letters in whole three-letter parts."""
    letters = _LETTERS.sub("", code.upper())
    letters = letters[: len(letters) - len(letters) % 3]
    return letters or None


def _strip_agents(code: str | None, agents: tuple[str, ...]) -> str | None:
    """An actor code without the agent codes appended to it."""
    if code is None:
        return None
    for agent in reversed(agents):
        if code.endswith(agent) and len(code) > len(agent):
            code = code[: -len(agent)]
    return code


def _agent_raw(start: int, end: int, entry: AgentEntry) -> _Raw:
    return _Raw(start, end, agent_code=entry.code, agent_before=entry.before_actor)


def _invented_code(code: str, base: CameoTable) -> CameoCode:
    """A stand-in table entry for an event code that CAMEO 1.1b3 does not have."""
    digits = re.match(r"\d+", code)
    root = code[:2]
    parent = None
    stem = digits.group() if digits else ""
    for size in (3, 2):
        if len(stem) >= size and stem[:size] in base:
            parent = base.get(stem[:size])
            break
    return CameoCode(
        code=code,
        root=root,
        level=len(code),
        name=f"dictionary code {code} (not in CAMEO 1.1b3)",
        goldstein=parent.goldstein if parent else 0.0,
        goldstein_gdelt=None,
        quad_class=parent.quad_class if parent else 1,
        plover_event=None,
        plover_mode=None,
        plover_context=None,
        plover2016_event=None,
    )


# --------------------------------------------------------------------------------------------
# Helpers: mentions and compounds


def _adjacent(previous: _Raw, raw: _Raw, group: list[_Raw], words: list[Word], doc: Any) -> bool:
    """Whether two matches belong to one mention: only possessives and adjectives (or
    adjectives joined by and/or) between them, and not two actors."""
    if raw.actor_codes is not None and any(r.actor_codes is not None for r in group):
        between_actor = True
    else:
        between_actor = False
    gap = words[previous.end : raw.start]
    for k, word in enumerate(gap):
        if word.text in POSSESSIVES:
            continue
        token = doc[word.token]
        if token.pos_ == "ADJ" or token.dep_ in {"compound", "amod"}:
            continue
        if word.text in {"and", "or"} and 0 < k < len(gap) - 1:
            continue
        return False
    if between_actor:
        # A second actor right after the first ("Bree Prime Minister Romendacil") is part of
        # the mention (the first actor's code stands); one after a possessive starts anew.
        return not any(w.text in POSSESSIVES for w in gap) and bool(
            any(r.agent_code for r in group) or not gap
        )
    return True


def _coordinated(left: Mention, right: Mention, words: list[Word], doc: Any) -> bool:
    """Whether two mentions are members of one compound ("Mordor, the Shire, and Bree")."""
    gap = words[left.end : right.start]
    if not gap or not any(w.text in COMPOUND_WORDS for w in gap):
        return False
    for word in gap:
        if word.text in COMPOUND_WORDS:
            continue
        if doc[word.token].pos_ not in {"DET", "ADJ", "NOUN", "PROPN"}:
            return False
    head = _mention_head(right, words, doc)
    if head.dep_ not in SUBJECT_DEPS:
        return True
    # The right one may not be a subject of another clause than the left one's
    # ("X struck A and B said ...").
    return _clause_of(_mention_head(left, words, doc)) == int(head.head.i)


def _clause_of(token: Token) -> int:
    """The nearest verb above a token (the token's own index at the root)."""
    current = token
    while current.head.i != current.i:
        current = current.head
        if current.pos_ in {"VERB", "AUX"}:
            return int(current.i)
    return int(current.i)


def _noun_chunks(state: _SentenceActors, span: Span, words: list[Word]) -> None:
    """Record the sentence's noun chunks by word index (for ``^`` skips)."""
    first: dict[int, int] = {}
    last: dict[int, int] = {}
    for k, word in enumerate(words):
        first.setdefault(word.token, k)
        last[word.token] = k + 1
    try:
        chunks = list(span.noun_chunks)
    except (ValueError, NotImplementedError):  # no parse, or no chunker for the language
        return
    for chunk in chunks:
        start, end = first.get(chunk.start), last.get(chunk.end - 1)
        if start is None or end is None:
            continue
        state.chunk_start[end] = start
        for k in range(start, end):
            state.chunk_end.setdefault(k, end)


def _trailing_agents(members: list[int], mentions: list[Mention]) -> list[int]:
    """The mentions at the end of a compound that are agents without an actor."""
    out: list[int] = []
    for m in reversed(members):
        if mentions[m].has_actor or not mentions[m].agents_after:
            break
        out.insert(0, m)
    return out


def _attached(agent: Mention, actor: Mention, words: list[Word]) -> bool:
    """Whether an agent phrase governs an actor through of/in/from ("ambassadors of X")."""
    if not actor.has_actor:
        return False
    gap = [w.text for w in words[agent.end : actor.start]]
    if not gap or gap[0] not in ATTACH_PREPS:
        return False
    return all(w in {"the", "a", "an"} for w in gap[1:])


def _mention_head(mention: Mention, words: list[Word], doc: Any) -> Token:
    tokens = {words[k].token for k in range(mention.start, mention.end)}
    for i in sorted(tokens, reverse=True):
        if doc[i].head.i not in tokens or doc[i].head.i == i:
            return doc[i]
    return doc[words[mention.end - 1].token]


# --------------------------------------------------------------------------------------------
# Helpers: verbs and roles


def _verb_like(token: Token) -> bool:
    """Whether the parser reads a token as the head of a verb phrase: not a modal, not a
    modifier, not a preposition ("according to")."""
    if token.tag_ == "MD" or token.dep_ in NOT_VERB_DEPS:
        return False
    return bool(token.tag_.startswith("VB")) or token.pos_ == "VERB"


def _subordinate(child: Token) -> bool:
    """Whether a verb's dependent is a clause of its own that its patterns and target do not
    reach: one introduced by a conjunction ("after crowds burned ...", "while ...") or a
    parenthetical; an infinitive of purpose ("to supply Gondor") is reached."""
    if child.dep_ == "parataxis":
        return True
    return child.dep_ == "advcl" and any(c.dep_ == "mark" for c in child.children)


def _negated(token: Token) -> bool:
    return any(c.dep_ == "neg" or c.lower_ in NEGATIONS for c in token.children)


def _subtree_end(token: Token, words: list[Word]) -> int:
    """The word index where the words after a verb stop counting for its patterns: the end
    of its subtree, or the first adverbial clause or coordinated verb after it."""
    last = token.right_edge.i
    for child in token.rights:
        if _subordinate(child) or (child.dep_ == "conj" and child.pos_ in {"VERB", "AUX"}):
            last = min(last, child.left_edge.i - 1)
            for sibling in token.rights:  # the "and" / "," before a coordinated verb
                if sibling.dep_ in {"cc", "punct"} and sibling.i < child.i:
                    last = min(last, max(token.i, sibling.i - 1))
    end = 0
    for k, word in enumerate(words):
        if word.token <= last:
            end = k + 1
    return end


def _match(
    pattern: CompiledPattern,
    verb: _Verb,
    words: list[Word],
    actors: _SentenceActors,
    window_end: int,
) -> _Binding | None:
    """The roles a pattern assigns when it matches around the verb, else None."""
    after = _match_after(pattern.after, 0, verb.end, words, actors, window_end, _Binding())
    if after is None:
        return None
    return _match_before(pattern.before, 0, verb.start, words, actors, after)


def _match_after(
    elements: tuple[Element, ...],
    k: int,
    pos: int,
    words: list[Word],
    actors: _SentenceActors,
    limit: int,
    binding: _Binding,
) -> _Binding | None:
    if k == len(elements):
        return binding
    element = elements[k]
    last = pos if element.closed else limit - 1
    for at in range(pos, min(last, limit - 1) + 1):
        for end, bound in _element_at(element, at, words, actors, binding, before=False):
            if end > limit:
                continue
            found = _match_after(elements, k + 1, end, words, actors, limit, bound)
            if found is not None:
                return found
    return None


def _match_before(
    elements: tuple[Element, ...],
    k: int,
    pos: int,
    words: list[Word],
    actors: _SentenceActors,
    binding: _Binding,
) -> _Binding | None:
    if k == len(elements):
        return binding
    element = elements[k]
    lowest = pos if element.closed else 1
    for end in range(pos, lowest - 1, -1):
        for start, bound in _element_at(element, end, words, actors, binding, before=True):
            found = _match_before(elements, k + 1, start, words, actors, bound)
            if found is not None:
                return found
    return None


def _element_at(
    element: Element,
    at: int,
    words: list[Word],
    actors: _SentenceActors,
    binding: _Binding,
    *,
    before: bool,
) -> Iterator[tuple[int, _Binding]]:
    """Ways an element matches starting at word ``at`` (after the verb) or ending just before
    it (before the verb): (the other end, the binding with the element's role)."""
    kind = element.kind
    if kind in {"word", "synset"}:
        for phrase in element.phrases:
            other = (
                match_phrase_ending(words, phrase, at)
                if before
                else match_phrase(words, phrase, at)
            )
            if other is not None:
                yield other, binding
        return
    index = actors.ending.get(at) if before else actors.starting.get(at)
    if index is None:
        if kind == "^":  # a skip also passes over a noun phrase that is no actor
            other = actors.chunk_start.get(at) if before else actors.chunk_end.get(at)
            if other is not None:
                yield other, binding
        return
    mention = actors.mentions[index]
    other = mention.start if before else mention.end
    if kind == "$":
        yield other, replace(binding, source=index)
    elif kind == "+":
        yield other, replace(binding, target=index)
    elif kind == "^":
        yield other, binding
    elif kind == "%":
        members = actors.compounds[actors.compound_of[index]]
        if len(members) < 2:
            return
        first, last = actors.mentions[members[0]], actors.mentions[members[-1]]
        if before and last.end == at:
            yield first.start, replace(binding, compound=index, compound_before=True)
        elif not before and first.start == at:
            yield last.end, replace(binding, compound=index)


def _subjects(token: Token) -> list[Token]:
    """A verb's subjects, also those the parser hangs on its auxiliary ("X was heavily and
    unjustly criticized"), else a name compounded to it ("Ethiopia act on ...")."""
    found = [c for c in token.children if c.dep_ in SUBJECT_DEPS]
    for aux in token.children:
        if aux.dep_ in {"aux", "auxpass"}:
            found.extend(c for c in aux.children if c.dep_ in SUBJECT_DEPS)
    if not found:
        found = [c for c in token.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"]
    return found


def _passive(token: Token) -> bool:
    return any(c.dep_ in {"auxpass", "nsubjpass"} for c in token.children)


def _agent_phrase(token: Token) -> Token | None:
    for child in token.children:
        if child.dep_ == "agent":
            return child
    return None


def _first_phrase(
    tokens: set[int],
    actors: _SentenceActors,
    words: list[Word],
    skip: set[int],
    after: int = -1,
) -> int | None:
    """The first mention whose first word's token is in ``tokens`` (after word ``after``)."""
    for k, mention in enumerate(actors.mentions):
        if k in skip or mention.start <= after:
            continue
        if words[mention.start].token in tokens:
            return k
    return None


def _phrase_members(actors: _SentenceActors, mention: int) -> tuple[Member, ...]:
    return actors.phrases[actors.phrase_of[mention]]


def _default_source(
    verb: _Verb,
    actors: _SentenceActors,
    used: set[int | None],
    words: list[Word],
) -> tuple[Member, ...]:
    """The actors of the verb's subject: the ``by`` phrase of a passive, else the subject,
    else (no subject, a pronoun, or one a pattern took) the governing clause's subject."""
    token = verb.token
    skip = {m for m in used if m is not None}
    skip_phrases = {actors.phrase_of[m] for m in skip}
    if _passive(token):
        agent = _agent_phrase(token)
        if agent is not None:
            found = _first_phrase({t.i for t in agent.subtree}, actors, words, skip)
            if found is not None and actors.phrase_of[found] not in skip_phrases:
                return _phrase_members(actors, found)
    current = token
    for _ in range(8):
        subjects = _subjects(current)
        members: list[Member] = []
        for subject in subjects:
            if subject.lower_ in RELATIVE_PRONOUNS and current.dep_ == "relcl":
                noun = current.head
                tokens = {t.i for t in noun.subtree if t.i < current.i}
            else:
                tokens = {t.i for t in subject.subtree}
            found = _first_phrase(tokens, actors, words, skip)
            if found is not None and actors.phrase_of[found] not in skip_phrases:
                members.extend(m for m in _phrase_members(actors, found) if m not in members)
        if members:
            return tuple(members)
        if subjects and current is token and not skip and any(s.pos_ != "PRON" for s in subjects):
            return ()  # a subject that names no actor: nothing to inherit
        if current.dep_ in {"acl", "relcl"} and current.head.pos_ in {"NOUN", "PROPN"}:
            noun = current.head
            found = _first_phrase(
                {t.i for t in noun.subtree if t.i < current.i}, actors, words, skip
            )
            return () if found is None else _phrase_members(actors, found)
        if current.dep_ not in INHERIT_DEPS or current.head.i == current.i:
            return ()
        current = current.head
    return ()


def _default_target(
    verb: _Verb,
    actors: _SentenceActors,
    words: list[Word],
    sources: tuple[Member, ...],
    taken: set[int],
) -> tuple[Member, ...]:
    """The first actor phrase after the verb in its clause (not in a coordinated verb's)."""
    token = verb.token
    excluded: set[int] = set()
    for child in token.children:
        if (
            child.dep_ in SUBJECT_DEPS
            or _subordinate(child)
            or (child.dep_ == "conj" and child.pos_ in {"VERB", "AUX"})
        ):
            excluded.update(t.i for t in child.subtree)
    if _passive(token):
        agent = _agent_phrase(token)
        if agent is not None:
            excluded.update(t.i for t in agent.subtree)
    tokens = {t.i for t in token.subtree} - excluded
    source_words = {(m.start, m.end) for m in sources}
    skip = set(taken)
    for k, mention in enumerate(actors.mentions):
        if (mention.start, mention.end) in source_words:
            skip.add(k)
    if _passive(token) and _agent_phrase(token) is not None:
        subjects = {t.i for s in _subjects(token) for t in s.subtree}
        found = _first_phrase(subjects, actors, words, skip)
        if found is not None:
            return _phrase_members(actors, found)
    found = _first_phrase(tokens, actors, words, skip, after=verb.end - 1)
    if found is None:
        return ()
    members = _phrase_members(actors, found)
    return tuple(m for m in members if (m.start, m.end) not in source_words)


def _clause_rules(coded: list[_Coded]) -> list[_Coded]:
    """Events that stand: a statement whose clause holds another event gives way to it; an
    event in another event verb's complement gives way to that verb's."""
    by_token = {c.verb.token.i: c for c in coded}
    dropped: set[int] = set()
    for item in coded:
        upper = _governing_event(item.verb.token, by_token)
        if upper is None:
            continue
        upper_item, via = upper
        if upper_item.code[:2] in SAY_ROOTS:
            dropped.add(upper_item.verb.token.i)
        elif via in COMPLEMENT_DEPS:
            dropped.add(item.verb.token.i)
    return [c for c in coded if c.verb.token.i not in dropped]


def _governing_event(token: Token, by_token: dict[int, _Coded]) -> tuple[_Coded, str] | None:
    """The nearest coded verb above a verb through clauses (not through a noun or a
    coordination), and the dependency the path leaves the lower verb by."""
    current = token
    first_dep = token.dep_
    while current.head.i != current.i:
        if current.dep_ == "conj" and current is token:
            return None
        parent = current.head
        if parent.pos_ not in CLAUSE_POS:
            return None
        if parent.i in by_token:
            return by_token[parent.i], first_dep
        current = parent
    return None


# --------------------------------------------------------------------------------------------
# Dictionaries for the rule coder


def coder_for_dictionaries(option: DictionaryOption) -> Any:
    """The coder ``--dictionaries`` asks for with the default ``--coder rules``: the petrarch
    coder when a verbs dictionary is among them, else the rule coder with their actors and
    agents (added to the built-in ones, or instead of them with ``petrarch-replace:``)."""
    from eventcoder.coders.rules import RuleCoder
    from eventcoder.patterns import load_patterns

    dictionaries = load_dictionaries(option.paths)
    base = None if option.replace else load_actor_lexicon()
    if "verbs" in dictionaries.kinds():
        return PetrarchCoder(dictionaries, builtin=base)
    if not dictionaries.kinds() & {"actors", "agents"}:
        raise LexiconError(
            "--dictionaries holds no verbs, actors or agents dictionary; the rule coder can "
            "use actors and agents, the petrarch coder needs verbs as well"
        )
    return RuleCoder(load_patterns(), dictionary_actor_lexicon(dictionaries, base))


def dictionary_actor_lexicon(
    dictionaries: Dictionaries, base: ActorLexicon | None = None
) -> ActorLexicon:
    """An actor lexicon for the rule coder from dictionary actors (as names, their undated
    code) and agents (as role nouns, the first three letters of their code), taking
    precedence over ``base`` where both have a phrase; only the dictionaries' without one."""
    countries = frozenset(c.iso3[-3:] for c in load_countries())
    names: dict[tuple[str, ...], NameEntry] = dict(base.names) if base else {}
    for phrase, entry in dictionaries.actor_index.items():
        code = actor_code_on(entry, None)
        code = _schema_code(code.split("/")[0]) if code else None
        key = tuple(t for word in phrase for t in _ALIAS_TOKENS.findall(word))
        if code is None or not key:
            continue
        country = code[:3] if code[:3] in countries else None
        if country is not None and len(code) == 3:
            names[key] = NameEntry(code, country, "name")
        else:
            role = code[3:6] if country is not None and len(code) >= 6 else None
            names[key] = NameEntry(code, country, "group", True, role)
    roles: dict[tuple[str, ...], RoleEntry] = dict(base.roles) if base else {}
    for agent in dictionaries.agents:
        role = _schema_code(agent.code)
        if role is not None and not agent.before_actor:
            roles[agent.noun] = RoleEntry(role[:3], "role")
    lengths: dict[str, set[int]] = {}
    for key in names:
        lengths.setdefault(key[0], set()).add(len(key))
    digest = hashlib.sha256(f"{base.checksum if base else ''}\n{dictionaries.checksum}".encode())
    return ActorLexicon(
        names=names,
        exact_case=base.exact_case if base else frozenset(),
        roles=roles,
        checksum=digest.hexdigest(),
        max_name_len=max((len(k) for k in names), default=1),
        first_tokens={k: tuple(sorted(v, reverse=True)) for k, v in lengths.items()},
        role_heads=frozenset(k[-1] for k in roles),
    )
