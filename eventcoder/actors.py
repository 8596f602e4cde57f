"""Actor resolution: country/organisation names, roles and context, from parsed noun phrases.

Owns the actor lexicon (countries, organisations, role nouns) and the rules that turn a
spaCy token heading a noun phrase into coded Actors, including coordination, "-backed"
sponsors, plural anaphora ("both countries"), pronouns and references to earlier events.
"""

from __future__ import annotations

import csv
import hashlib
import re
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from eventcoder.errors import LexiconError
from eventcoder.taxonomy import load_countries
from eventcoder.types import Actor

Token = Any  # a spaCy Token
Span = Any  # a spaCy Span

MODIFIER_DEPS = frozenset({"compound", "amod", "poss", "nmod", "npadvmod"})
SPONSOR_LEMMAS = frozenset({"back", "sponsor", "support", "fund", "arm"})
GENERIC_HEADS = frozenset({"group", "unit", "member", "fighter", "force", "faction", "element"})
PLURAL_ANAPHORS = frozenset({"country", "nation", "side", "state", "government", "ally"})
PLURAL_MARKERS = frozenset({"both", "two", "the two"})
PRONOUNS = frozenset({"it", "they", "its", "their", "them"})
# Nouns that refer back to an earlier violent event, by family: a reference matches an earlier
# event whose trigger is of the same family, else one whose CAMEO code has one of the prefixes.
STRIKE_NOUNS = frozenset({"strike", "airstrike", "air-strike", "raid", "bombing", "bombardment"})
ATTACK_NOUNS = frozenset({"attack", "assault", "aggression", "offensive", "incursion", "operation"})
CLASH_NOUNS = frozenset({"clash", "fighting", "battle", "shelling"})
EVENT_FAMILIES: tuple[tuple[frozenset[str], tuple[str, ...]], ...] = (
    (STRIKE_NOUNS, ("195", "18")),
    (ATTACK_NOUNS, ("18", "19", "20")),
    (CLASH_NOUNS, ("19",)),
)
EVENT_NOUNS = STRIKE_NOUNS | ATTACK_NOUNS | CLASH_NOUNS
SEARCH_SKIP_DEPS = frozenset({"punct", "det", "cc", "preconj", "aux", "auxpass", "mark", "advmod"})
ENTITY_TYPES = frozenset({"PERSON", "ORG", "NORP", "GPE"})
_ALIAS_TOKENS = re.compile(r"[^\s-]+|-")


@dataclass(frozen=True)
class NameEntry:
    """What a name in the lexicon stands for."""

    code: str
    country: str | None
    kind: str  # name | capital | organization
    sovereign: bool = True


@dataclass(frozen=True)
class RoleEntry:
    """A role noun phrase and the sector code it gives."""

    role: str
    kind: str  # role | group


@dataclass(frozen=True)
class ActorLexicon:
    """Names (lower-cased token tuples) and role phrases (lemma tuples) with their codes."""

    names: dict[tuple[str, ...], NameEntry]
    exact_case: frozenset[tuple[str, ...]]
    roles: dict[tuple[str, ...], RoleEntry]
    checksum: str
    max_name_len: int


def load_actor_lexicon() -> ActorLexicon:
    """The built-in actor lexicon: countries, organisations and roles from the package data."""
    digest = hashlib.sha256()
    names: dict[tuple[str, ...], NameEntry] = {}
    exact: set[tuple[str, ...]] = set()

    def add(alias: str, entry: NameEntry) -> None:
        key = tuple(t.lower() for t in _ALIAS_TOKENS.findall(alias))
        if not key:
            return
        current = names.get(key)
        if current is None or (entry.sovereign and not current.sovereign):
            names[key] = entry
            if alias.isupper() and len(alias.replace(".", "")) <= 3:
                exact.add(key)

    for country in load_countries():
        iso3 = country.iso3[-3:]
        entry = NameEntry(iso3, iso3, "name", country.sovereign)
        digest.update(f"{country}".encode())
        for alias in (country.name, *country.aliases):
            add(alias, entry)
        for capital in country.capitals:
            add(capital, NameEntry(iso3 + "GOV", iso3, "capital", country.sovereign))
    for row in _tsv_rows("organizations.tsv", digest):
        add(row["name"], NameEntry(row["code"], None, "organization"))
    roles: dict[tuple[str, ...], RoleEntry] = {}
    for row in _tsv_rows("roles.tsv", digest):
        if row["kind"] not in {"role", "group"}:
            raise LexiconError(f"roles.tsv: kind must be role or group, got {row['kind']!r}")
        roles[tuple(row["phrase"].split())] = RoleEntry(row["role"], row["kind"])
    longest = max((len(k) for k in names), default=1)
    return ActorLexicon(names, frozenset(exact), roles, digest.hexdigest(), longest)


def _tsv_rows(name: str, digest: Any) -> Iterator[dict[str, str]]:
    text = resources.files("eventcoder").joinpath("lexicon", name).read_text(encoding="utf-8")
    digest.update(text.encode())
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    yield from csv.DictReader(lines, delimiter="\t")


@dataclass(frozen=True)
class NameMention:
    """A lexicon name found in a sentence: token range [start, end) and what it means."""

    start: int
    end: int
    entry: NameEntry


def find_names(span: Span, lexicon: ActorLexicon) -> dict[int, NameMention]:
    """Every lexicon name in the span (longest match first), keyed by each covered token index."""
    tokens = list(span)
    found: dict[int, NameMention] = {}
    i = 0
    while i < len(tokens):
        match = _match_at(tokens, i, lexicon)
        if match is None:
            i += 1
            continue
        length, entry = match
        mention = NameMention(tokens[i].i, tokens[i].i + length, entry)
        for tok in tokens[i : i + length]:
            found[tok.i] = mention
        i += length
    return found


def _match_at(tokens: list[Token], i: int, lexicon: ActorLexicon) -> tuple[int, NameEntry] | None:
    first = tokens[i].text
    if not first[:1].isupper():
        return None
    for length in range(min(lexicon.max_name_len, len(tokens) - i), 0, -1):
        key = tuple(t.text.lower() for t in tokens[i : i + length])
        entry = lexicon.names.get(key)
        if entry is None:
            continue
        if key in lexicon.exact_case and not all(t.text.isupper() for t in tokens[i : i + length]):
            continue
        return length, entry
    return None


@dataclass(frozen=True)
class PastAttack:
    """A violent event coded earlier in the document, for later references to it."""

    lemma: str
    code: str
    actors: tuple[Actor, ...]


@dataclass
class DocumentContext:
    """What earlier text established: actors with countries, coordinated groups, attacks."""

    located: list[Actor] = field(default_factory=list)
    groups: list[tuple[int, tuple[Actor, ...]]] = field(default_factory=list)
    attacks: list[PastAttack] = field(default_factory=list)

    def attack_referred_to(self, lemma: str) -> PastAttack | None:
        """The latest earlier attack that an event noun with this lemma can refer to."""
        for nouns, prefixes in EVENT_FAMILIES:
            if lemma not in nouns:
                continue
            same_family = [a for a in self.attacks if a.lemma in nouns]
            if same_family:
                return same_family[-1]
            compatible = [a for a in self.attacks if a.code.startswith(prefixes)]
            return compatible[-1] if compatible else None
        return None

    def last_country(self, before: int) -> Actor | None:
        """The latest actor with a country mentioned before this character offset."""
        for actor in reversed(self.located):
            if actor.start < before and actor.country:
                return actor
        return None

    def last_group(self, before: int) -> tuple[Actor, ...]:
        """The latest coordinated group of two or more countries mentioned before this offset."""
        for start, group in reversed(self.groups):
            if start < before:
                return group
        return ()


class ActorResolver:
    """Turns noun-phrase heads into Actors using the lexicon and the document context."""

    def __init__(self, lexicon: ActorLexicon) -> None:
        self.lexicon = lexicon

    def observe(self, span: Span, names: dict[int, NameMention], ctx: DocumentContext) -> None:
        """Record the sentence's country mentions and coordinated groups in the context."""
        seen: set[int] = set()
        for mention in sorted(set(names.values()), key=lambda m: m.start):
            head = span.doc[mention.end - 1]
            actor = self._name_actor(head, names)
            if actor is not None and actor.country:
                ctx.located.append(actor)
            if mention.start in seen:
                continue
            members = [head, *[c for c in head.conjuncts if c.i > head.i]]
            group = [a for t in members if (a := self._name_actor(t, names)) and a.country]
            seen.update(names[t.i].start for t in members if t.i in names)
            if len({a.country for a in group}) >= 2:
                ctx.groups.append((group[0].start, tuple(group)))

    def resolve_group(
        self, head: Token, names: dict[int, NameMention], ctx: DocumentContext
    ) -> list[Actor]:
        """Actors for a phrase head and every phrase coordinated with it."""
        members = [head, *[c for c in head.conjuncts if c.i > head.i]]
        out: list[Actor] = []
        for tok in members:
            out.extend(self.resolve(tok, names, ctx))
        return out

    def resolve(
        self, head: Token, names: dict[int, NameMention], ctx: DocumentContext
    ) -> list[Actor]:
        """Actors for one phrase head (several for a plural anaphor); empty when none."""
        actor = self._name_actor(head, names) or self._role_actor(head, names, ctx)
        if actor is not None:
            return [actor]
        plural = self._plural_anaphor(head, ctx)
        if plural:
            return plural
        if head.pos_ == "PRON" and head.lower_ in PRONOUNS:
            previous = ctx.last_country(head.idx)
            if previous is not None:
                return [_relabel(previous, head.text, head.idx, "anaphora")]
            return []
        if head.ent_type_ in ENTITY_TYPES and head.pos_ == "PROPN":
            text, start = _phrase_text(head)
            return [Actor(text, start, start + len(text), None, resolution="entity")]
        return []

    def search(
        self, head: Token, names: dict[int, NameMention], ctx: DocumentContext, depth: int = 6
    ) -> list[Actor]:
        """Actors named inside a phrase (breadth first): 'an operation involving the US'."""
        queue: deque[tuple[Token, int]] = deque((c, 1) for c in head.children)
        while queue:
            tok, level = queue.popleft()
            if tok.dep_ in SEARCH_SKIP_DEPS or tok.pos_ == "PRON":
                continue
            # Nouns, and names tagged otherwise: a demonym is an adjective ("the Israeli move").
            if tok.pos_ in {"NOUN", "PROPN"} or tok.i in names:
                found = self.resolve_group(tok, names, ctx)
                if any(a.code for a in found):
                    return found
            if level < depth:
                queue.extend((c, level + 1) for c in tok.children if c.dep_ != "conj")
        return []

    def event_reference(self, head: Token, ctx: DocumentContext) -> list[Actor]:
        """The perpetrators of an earlier attack that this event noun ('the strike') refers to."""
        attack = ctx.attack_referred_to(head.lemma_.lower())
        if attack is None:
            return []
        text, start = _phrase_text(head)
        return [_relabel(a, text, start, "event_reference") for a in attack.actors]

    def _name_actor(self, head: Token, names: dict[int, NameMention]) -> Actor | None:
        mention = names.get(head.i)
        if mention is None or head.i != mention.end - 1:
            return None
        span = head.doc[mention.start : mention.end]
        start, end = span.start_char, span.end_char
        entry = mention.entry
        # How the code was found, in the schema's terms: organisations are found by name.
        how = "capital" if entry.kind == "capital" else "name"
        if entry.kind == "name" and head.pos_ == "ADJ":
            how = "demonym"
        role = "GOV" if entry.kind == "capital" else None
        return Actor(span.text, start, end, entry.code, entry.country, role, None, how)

    def _role_actor(
        self, head: Token, names: dict[int, NameMention], ctx: DocumentContext
    ) -> Actor | None:
        entry = self._role_entry(head)
        if entry is None:
            return None
        modifiers = [c for c in head.children if c.dep_ in MODIFIER_DEPS]
        sponsor = self._sponsor(modifiers, names)
        country_actor = self._modifier_country(head, modifiers, names)
        text, start = _phrase_text(head)
        end = start + len(text)
        if country_actor is not None and country_actor.country:
            country, how = country_actor.country, "role"
        elif entry.kind == "role":
            previous = ctx.last_country(head.idx)
            if previous is None or previous.country is None:
                return Actor(text, start, end, None, None, entry.role, sponsor, "role")
            country, how = previous.country, "anaphora"
        else:
            return Actor(text, start, end, entry.role, None, entry.role, sponsor, "role")
        return Actor(text, start, end, country + entry.role, country, entry.role, sponsor, how)

    def _role_entry(self, head: Token) -> RoleEntry | None:
        compounds = [c for c in head.lefts if c.dep_ in {"compound", "amod"}]
        lemma = head.lemma_.lower()
        for n in range(len(compounds), -1, -1):
            key = (*[c.lemma_.lower() for c in compounds[len(compounds) - n :]], lemma)
            if key in self.lexicon.roles:
                return self.lexicon.roles[key]
        if lemma in GENERIC_HEADS:
            for c in reversed(compounds):
                entry = self.lexicon.roles.get((c.lemma_.lower(),))
                if entry is not None:
                    return entry
        return None

    def _modifier_country(
        self, head: Token, modifiers: list[Token], names: dict[int, NameMention]
    ) -> Actor | None:
        for mod in modifiers:
            if mod.lemma_.lower() in SPONSOR_LEMMAS:
                continue
            for tok in mod.subtree:
                actor = self._name_actor(tok, names)
                if actor is not None:
                    return actor
        for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ in {"of", "from"}):
            for obj in (c for c in prep.children if c.dep_ == "pobj"):
                actor = self._name_actor(obj, names)
                if actor is not None:
                    return actor
        return None

    def _sponsor(self, modifiers: list[Token], names: dict[int, NameMention]) -> str | None:
        for mod in modifiers:
            if mod.lemma_.lower() in SPONSOR_LEMMAS:
                for tok in mod.subtree:
                    actor = self._name_actor(tok, names)
                    if actor is not None and actor.country:
                        return actor.country
        return None

    def _plural_anaphor(self, head: Token, ctx: DocumentContext) -> list[Actor]:
        if head.lemma_.lower() not in PLURAL_ANAPHORS or head.tag_ not in {"NNS", "NNPS"}:
            return []
        markers = {c.lower_ for c in head.children if c.dep_ in {"det", "nummod", "predet"}}
        if not markers & PLURAL_MARKERS:
            return []
        group = ctx.last_group(head.idx)
        text, start = _phrase_text(head)
        return [_relabel(a, text, start, "anaphora") for a in group]


def _relabel(actor: Actor, text: str, start: int, how: str) -> Actor:
    return Actor(
        text, start, start + len(text), actor.code, actor.country, actor.role, actor.sponsor, how
    )


def _phrase_text(head: Token) -> tuple[str, int]:
    """The phrase from its leftmost modifier (articles aside) to the head, and its start."""
    left = head
    for child in head.lefts:
        if child.dep_ in {"det", "predet", "preconj", "punct", "cc"} and child.lower_ not in {
            "both",
            "two",
        }:
            continue
        left = child
        break
    first = left.left_edge if left is not head else head
    start = first.i
    while start < head.i and (head.doc[start].is_space or head.doc[start].is_punct):
        start += 1
    span = head.doc[start : head.i + 1]
    text = span.text.rstrip()
    leading = len(text) - len(text.lstrip())
    return text[leading:], span.start_char + leading
