"""The actors of a sentence: dictionary matches, mentions, compounds and phrases."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Any

from eventcoder.actors.lexicon import ActorLexicon
from eventcoder.actors.mentions import DATELINE_MARKS, DATELINE_WORDS, dateline_end, find_names
from eventcoder.coders.petrarch.dictionaries import Dictionaries
from eventcoder.coders.petrarch.lexicon import _schema_code
from eventcoder.coders.petrarch.phrases import PhraseIndex, Span, Token, Word
from eventcoder.coders.petrarch.records import NULL_CODE, ActorEntry, AgentEntry, actor_code_on

COMPOUND_WORDS = frozenset({",", "and", "or", "nor", "&"})
ATTACH_PREPS = frozenset({"of", "in", "from"})
POSSESSIVES = frozenset({"'s", "'", "’s", "’"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"})
# A role noun modifying another noun names no actor ("military exercises", "police station").
MODIFIER_DEPS = frozenset({"amod", "compound", "nmod", "npadvmod"})
# A capitalised plural of a one-word demonym ("Afghans", "Iraqis") is that actor.
DEMONYM_ENDINGS = ("an", "i")


# --------------------------------------------------------------------------------------------
# Records


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
    place: str | None = None  # the country of the sentence's dateline (or its document's)
    not_prepositions: frozenset[int] = frozenset()  # words such as an infinitive's "to"

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
# Finding them


class MentionFinder:
    """Finds the actor mentions of a sentence with a coder's dictionaries and built-in
    lexicon: the actor part of PetrarchCoder, which sets these attributes."""

    dictionaries: Dictionaries
    builtin: ActorLexicon | None
    keep_codes: bool

    # ---- lookups built once

    @cached_property
    def actor_phrases(self) -> PhraseIndex:
        return PhraseIndex(self.dictionaries.actor_index.items())

    @cached_property
    def agent_phrases(self) -> PhraseIndex:
        return PhraseIndex(self.dictionaries.agent_index.items())

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

    # ---- actors

    def _actors(
        self, span: Span, words: list[Word], day: dt.date | None, place: str | None = None
    ) -> _SentenceActors:
        """The sentence's actors; a dateline's place ("KABUL (AP) --") is none of them but
        gives the sentence its country (else ``place``, the document's dateline country)."""
        raws = self._raw_matches(span, words, day)
        state = _SentenceActors()
        stop = _dateline_stop(span)
        if stop > span.start:
            placed = [r for r in raws if words[r.start].token < stop]
            raws = [r for r in raws if words[r.start].token >= stop]
            place = next((c for r in placed for c in r.actor_codes or () if c), place)
        state.place = place[:3] if place else None
        state.not_prepositions = frozenset(
            k for k, w in enumerate(words) if span.doc[w.token].pos_ not in {"ADP", "SCONJ"}
        )
        mentions = self._mentions(raws, words, span.doc)
        mentions = [m for m in mentions if not _verb_form(m, words, span.doc)]
        state.mentions = [_stretched(m, mentions, words, span.doc) for m in mentions]
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
            actor = self.actor_phrases.longest(words, at) or self._demonym_plural(span, words, at)
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

    def _demonym_plural(self, span: Span, words: list[Word], at: int) -> tuple[int, Any] | None:
        """The actor of a capitalised plural demonym whose singular is a one-word actor
        ("Afghans", "Iraqis"; the dictionaries list the singular only)."""
        text = words[at].text
        if len(text) < 5 or not text.endswith("s") or not text[:-1].endswith(DEMONYM_ENDINGS):
            return None
        if not span.doc[words[at].token].text[:1].isupper():
            return None
        entry = self.dictionaries.actor_index.get((text[:-1],))
        return None if entry is None else (at + 1, entry)

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


# --------------------------------------------------------------------------------------------
# Helpers: codes


def _contains(code: str, agent: str) -> bool:
    """Whether ``agent`` is already a part of ``code`` (at a three-letter boundary)."""
    body = code[3:] if code.startswith(NULL_CODE) else code
    return any(body[i : i + len(agent)] == agent for i in range(0, len(body), 3))


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


def _verb_form(mention: Mention, words: list[Word], doc: Any) -> bool:
    """Whether an agent without an actor is a verb form ("spied", "forced labour")."""
    return not mention.has_actor and _mention_head(mention, words, doc).pos_ in {"VERB", "AUX"}


def _stretched(mention: Mention, mentions: list[Mention], words: list[Word], doc: Any) -> Mention:
    """An agent without an actor that modifies the noun after it, stretched over that noun
    phrase: a title before a name the dictionaries do not know ("Judge", "Interim
    President" before "Ana Lima"), a role noun or adjective before a noun that is no actor
    ("military exercises", "business dealings", keeping the agent's code)."""
    if mention.has_actor:
        return mention
    head = _mention_head(mention, words, doc)
    noun = head.head
    if head.dep_ not in MODIFIER_DEPS or noun.i <= head.i or noun.pos_ not in {"NOUN", "PROPN"}:
        return mention
    if noun.pos_ == "PROPN" and head.dep_ != "compound":
        return mention
    end = mention.end
    while end < len(words) and words[end].token <= noun.i:
        if any(m.start == end for m in mentions):
            return mention
        if noun.pos_ == "PROPN" and doc[words[end].token].pos_ != "PROPN":
            return mention
        end += 1
    if end == mention.end:
        return mention
    members = tuple(replace(m, end=end) for m in mention.members)
    return replace(mention, end=end, members=members)


def _dateline_stop(span: Span) -> int:
    """The token index after the sentence's dateline, else its start; a sentence that is a
    dateline alone ("NAIROBI, Kenya --") ends there."""
    stop = int(dateline_end(span))
    if stop > span.start:
        return stop
    if 1 < len(span) <= DATELINE_WORDS and span[-1].text in DATELINE_MARKS:
        first = span[0].text
        if len(first) > 2 and first.isupper() and first.isalpha():
            return int(span.end)
    return int(span.start)


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
