"""The PetrarchCoder: events coded with a user's TABARI/PETRARCH dictionaries."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterator
from dataclasses import replace
from functools import cached_property
from pathlib import Path
from typing import Any

from eventcoder.actors.lexicon import ActorLexicon, load_actor_lexicon
from eventcoder.coders.petrarch.clauses import (
    _clause_rules,
    _Coded,
    _default_source,
    _default_target,
    _intentions,
    _negated,
    _subtree_end,
    _Verb,
    _verb_like,
)
from eventcoder.coders.petrarch.dictionaries import Dictionaries
from eventcoder.coders.petrarch.loading import DictionaryOption, load_dictionaries
from eventcoder.coders.petrarch.mentions import Member, MentionFinder, _SentenceActors
from eventcoder.coders.petrarch.patterns import CompiledPattern, _Binding, _match, compile_pattern
from eventcoder.coders.petrarch.phrases import PhraseIndex, Span, Word, match_phrase, sentence_words
from eventcoder.coders.petrarch.records import NULL_CODE, VerbEntry
from eventcoder.errors import LexiconError
from eventcoder.taxonomy import CameoTable, load_cameo_table, load_countries
from eventcoder.types import Actor, CameoCode, EventCandidate, ParsedDocument, Trigger

NAME = "petrarch"
VERSION = "2"
PATTERN_CONFIDENCE = 0.8
DEFAULT_CONFIDENCE = 0.6
# Modals of obligation, and the demand a speaker makes by stating one.
OBLIGATIONS = frozenset({"must", "should"})
DEMAND_CODE = "100"
# Roots of events a compound source does together, each member with the others.
TOGETHER_ROOTS = frozenset({"03", "04", "05", "06"})


# --------------------------------------------------------------------------------------------
# The coder


class PetrarchCoder(MentionFinder):
    """Codes events with TABARI/PETRARCH dictionaries (see the package docstring)."""

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
                "the petrarch coder needs a verbs dictionary among its dictionaries "
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

    def with_own_codes(self, cameo: CameoTable) -> tuple[PetrarchCoder, CameoTable]:
        """The coder keeping its dictionaries' codes, and `cameo` extended with them (for
        scoring validation suites written in those codes)."""
        return self.with_dictionary_codes(), self.cameo_table(cameo)

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
    def discard_phrases(self) -> PhraseIndex:
        return PhraseIndex(self.dictionaries.discard_index.items())

    @cached_property
    def patterns(self) -> dict[str, tuple[CompiledPattern, ...]]:
        """Compiled patterns by verb family, in file order (a pattern word also matching its
        plural, except when keeping the dictionaries' codes as PETRARCH does)."""
        out: dict[str, tuple[CompiledPattern, ...]] = {}
        order = 0
        for family, patterns in self.dictionaries.patterns_by_family.items():
            compiled = []
            for pattern in patterns:
                order += 1
                made = compile_pattern(
                    pattern, self.dictionaries, order, plurals=not self.keep_codes
                )
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
        place: str | None = None  # the dateline's country, for agents named without one
        for sentence, span, words in sentences:
            if not words:
                continue
            actors = self._actors(span, words, day, place)
            place = actors.place
            if discards and self._discarded(words, story=False):
                continue
            out.extend(self._code_sentence(sentence.index, span, words, actors))
        return out

    def _discarded(self, words: list[Word], *, story: bool) -> bool:
        for at in range(len(words)):
            found = self.discard_phrases.longest(words, at)
            if found is not None and found[1].story_level == story:
                return True
        return False

    def _code_sentence(
        self, index: int, span: Span, words: list[Word], actors: _SentenceActors
    ) -> list[EventCandidate]:
        doc = span.doc
        coded: list[_Coded] = []
        defaults: dict[int, str] = {}  # verb token -> its code without patterns
        for verb in self._verbs(span, words, actors):
            code = next(
                (c for e in verb.entries if (c := self.dictionaries.verb_code(e)) is not None),
                None,
            )
            if code is not None and code != NULL_CODE:
                defaults[verb.token.i] = code
            found = self._code_verb(verb, words, actors)
            if found is not None:
                coded.append(found)
        if not self.keep_codes:
            coded = _obligations(_intentions(coded, defaults), defaults, actors, words)
        kept = _clause_rules(coded)
        out: list[EventCandidate] = []
        seen: set[tuple[str | None, str | None, str]] = set()
        for item in kept:
            out.extend(self._candidates(index, doc, words, item, seen))
        return out

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
        if not pairs and not self.keep_codes:
            pairs = _fallback_pairs(verb, binding, words, actors, code, best is not None)
        if not pairs:
            return None
        if not self.keep_codes:
            pairs = tuple(
                (self._placed(s, t, actors, words, verb), self._placed(t, s, actors, words, verb))
                if t is not None
                else (s, t)
                for s, t in pairs
            )
        return _Coded(verb, code, rule, confidence, pairs)

    def _placed(
        self, member: Member, other: Member, actors: _SentenceActors, words: list[Word], verb: _Verb
    ) -> Member:
        """An agent named without a country ("police") with the country of the sentence's
        place ("in Arnor"), else of the dateline, else of the nearest country actor that is
        not the other side of the event."""
        code = member.code
        if member.resolution != "role" or not code or code[:3] in self.countries:
            return member
        place = actors.place if actors.place in self.countries else None
        country = _located(actors, words, verb.token.doc, self.countries) or place
        if country is None:
            nearest: tuple[int, str] | None = None
            side = (other.code or "")[:3]
            for mention in actors.mentions:
                if mention.start < other.end and other.start < mention.end:
                    continue
                for m in mention.members:
                    if m.code and m.code[:3] in self.countries and m.code[:3] != side:
                        gap = min(abs(m.start - member.end), abs(member.start - m.end))
                        if nearest is None or gap < nearest[0]:
                            nearest = (gap, m.code[:3])
            country = nearest[1] if nearest else None
        if country is None:
            return member
        return replace(member, code=country + code)

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
            sides = ((forward, source, target), (backward, target, source))
            for code, a, b in sides if target is not None else sides[:1]:
                event = self._event_code(code)
                if event is None or a is None:
                    continue
                key = (a.code, b.code if b is not None else None, event)
                if key in seen:
                    continue
                seen.add(key)
                yield EventCandidate(
                    sentence_index=index,
                    actor=self._actor(doc, words, a),
                    target=self._actor(doc, words, b) if b is not None else None,
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
    {"actor_phrases", "agent_phrases", "discard_phrases", "role_phrases", "countries"}
)


# --------------------------------------------------------------------------------------------
# Helpers


def _obligations(
    coded: list[_Coded], defaults: dict[int, str], actors: _SentenceActors, words: list[Word]
) -> list[_Coded]:
    """What a speaker says someone must do is the speaker's demand on them (CAMEO 100):
    "Arnor said Gondor must free the prisoners" is Arnor demanding of Gondor, not Gondor
    freeing anyone; an obligation no speaker states stays as coded."""
    out: list[_Coded] = []
    for item in coded:
        token = item.verb.token
        if defaults.get(token.i, "")[:2] == "01" and any(
            _obliged(c) for c in token.children if c.dep_ == "ccomp"
        ):
            out.append(replace(item, code=DEMAND_CODE))  # a statement's pattern on the clause
            continue
        if not _obliged(token) or token.dep_ != "ccomp":
            out.append(item)
            continue
        speaker = token.head
        if defaults.get(speaker.i, "")[:2] != "01":
            out.append(item)
            continue
        said = _Verb(0, 0, speaker, ())
        sayers = _default_source(said, actors, set(), words)
        obliged = dict.fromkeys(s for s, _ in item.pairs)
        pairs = tuple(
            (a, b) for a in sayers if a.code for b in obliged if b.code and b.code != a.code
        )
        if pairs:
            out.append(replace(item, code=DEMAND_CODE, pairs=pairs))
    return out


def _obliged(token: Any) -> bool:
    """Whether a verb says what someone must do ("must free", "should end")."""
    return any(c.dep_ == "aux" and c.lower_ in OBLIGATIONS for c in token.children)


def _fallback_pairs(
    verb: _Verb,
    binding: _Binding,
    words: list[Word],
    actors: _SentenceActors,
    code: str,
    by_pattern: bool,
) -> tuple[tuple[Member, Member | None], ...]:
    """Roles for an event whose clause names no target actor: the members of a compound
    source against each other where they act together ("Arnor and Gondor agreed to ...",
    CAMEO roots 03-06), else the source alone where a pattern names what it acted on
    ("Arnor launched an investigation")."""
    if binding.target is not None or binding.compound is not None:
        return ()
    used = {binding.source} - {None}
    if binding.source is not None:
        sources = actors.compound_members(binding.source)
    else:
        sources = _default_source(verb, actors, used, words)
    coded = [m for m in sources if m.code]
    if len({m.start for m in coded}) > 1 and code[:2] in TOGETHER_ROOTS:
        return tuple(
            (a, b) for a in coded for b in coded if a.code != b.code and a.start != b.start
        )
    if by_pattern:
        return tuple((a, None) for a in coded)
    return ()


def _located(
    actors: _SentenceActors, words: list[Word], doc: Any, countries: frozenset[str]
) -> str | None:
    """The country of the first country actor the sentence places something in ("in X")."""
    for mention in actors.mentions:
        if not mention.has_actor:
            continue
        head = doc[words[mention.end - 1].token]
        while head.dep_ == "compound":
            head = head.head
        if head.dep_ == "pobj" and head.head.lower_ == "in":
            for m in mention.members:
                if m.code and m.code[:3] in countries:
                    return m.code[:3]
    return None


def _document_day(date: str | None) -> dt.date | None:
    if not date:
        return None
    try:
        return dt.date.fromisoformat(date[:10])
    except ValueError:
        return None


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
