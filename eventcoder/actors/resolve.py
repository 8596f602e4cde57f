"""Resolving noun-phrase heads to coded Actors: names, roles, people, coordination, anaphora."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from dataclasses import replace

from spacy.strings import hash_string  # type: ignore[attr-defined]
from spacy.symbols import GPE, LOC, NORP, NOUN, ORG, PERSON, PROPN

from eventcoder.actors.context import DocumentContext
from eventcoder.actors.lexicon import CRIME_WORDS, RELATED_PARTIES, ActorLexicon, RoleEntry
from eventcoder.actors.mentions import DocArrays, NameMention, Span, Token, children_of
from eventcoder.types import Actor

MODIFIER_DEPS = frozenset({"compound", "amod", "poss", "nmod", "npadvmod"})
SPONSOR_LEMMAS = frozenset({"back", "sponsor", "support", "fund", "arm"})
GENERIC_HEADS = frozenset({"group", "unit", "member", "fighter", "force", "faction", "element"})
# Heads that name a part of what their "of" phrase names: "members of the Urabenos".
PARTITIVE_HEADS = GENERIC_HEADS | {"band", "cell", "wing", "remnant"}
PLURAL_ANAPHORS = frozenset({"country", "nation", "side", "state", "government", "ally"})
PLURAL_MARKERS = frozenset({"both", "two", "the two"})
PRONOUNS = frozenset({"it", "they", "its", "their", "them"})
PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "his", "hers"})
# Prepositions of a role noun that name its country or organisation ("the king of Morocco",
# "doctors from two American aid groups"), and, last, where it is ("demonstrators in Baghdad").
OF_PREPS = ("of", "from")
LOCATION_PREPS = ("in",)
SEARCH_SKIP_DEPS = frozenset({"punct", "det", "cc", "preconj", "aux", "auxpass", "mark", "advmod"})
ENTITY_TYPES = frozenset({"PERSON", "ORG", "NORP", "GPE"})
# A person named with an alias is, in crime news, a criminal (CAMEO CRM).
ALIAS_WORDS = frozenset({"alias", "aka", "a.k.a."})
CRIMINAL = "CRM"
CIVILIANS = "CVL"
# "the group" refers back to the last group of these kinds.
GROUP_ANAPHORS = frozenset({"group", "network", "organization", "organisation", "ring", "cell"})
NON_STATE_GROUPS = frozenset({"CRM", "REB", "PRM", "UAF"})
# Participles that charge the noun they modify with a crime: "people accused of kidnapping".
CHARGE_LEMMAS = frozenset({"accuse", "suspect", "convict", "charge", "indict", "want"})
# A former holder of a state role is coded as an elite: "former President Zelaya" HNDELI.
FORMER_WORDS = frozenset({"former", "ex", "ex-"})
STATE_ROLES = frozenset({"GOV", "LEG", "JUD", "MIL", "COP", "SPY"})
ELITE = "ELI"
# Entity types a titled name may carry: the small model tags some surnames as places
# ("Defense Minister Juan Carlos Pinzon": LOC).
PERSON_ENTITIES = frozenset({"PERSON", "LOC", "GPE", "ORG", "NORP", ""})
# A name's words before its last: no person of their own ("Sergei" in "Sergei Lavrov").
NAME_PART_DEPS = frozenset({"compound", "flat"})
NAME_PART_HASHES = frozenset(hash_string(dep) for dep in NAME_PART_DEPS)


class ActorResolver:
    """Turns noun-phrase heads into Actors using the lexicon and the document context."""

    def __init__(self, lexicon: ActorLexicon) -> None:
        self.lexicon = lexicon
        self._role_head_hashes = frozenset(hash_string(h) for h in lexicon.role_heads)
        self._person_head_hashes = frozenset(
            hash_string(phrase[-1]) for phrase, e in lexicon.roles.items() if e.kind == "person"
        )
        self._person_entity_hashes = frozenset({PERSON, LOC, GPE, ORG, NORP, 0})
        self._role_words = frozenset(word for phrase in lexicon.roles for word in phrase)
        self._role_word_hashes = frozenset(hash_string(word) for word in self._role_words)

    def observe(
        self,
        span: Span,
        names: dict[int, NameMention],
        ctx: DocumentContext,
        tokens: list[Token] | None = None,
        arrays: DocArrays | None = None,
    ) -> None:
        """Record the sentence's country mentions, coordinated groups, named people (with a
        title or apposition) and person roles in the context, in the order they appear."""
        seen: set[int] = set()
        heads = {m.end - 1 for m in names.values()}
        role_heads = self._role_head_hashes
        person_heads = self._person_head_hashes
        if arrays is not None:  # only the tokens worth a look
            pos_of, ent_of, lemma_of, dep_of = arrays.pos, arrays.ent_type, arrays.lemma, arrays.dep
            named = self._person_entity_hashes
            worth = heads | {
                k
                for k in range(span.start, span.end)
                if (
                    pos_of[k] == PROPN
                    and ent_of[k] in named
                    and dep_of[k] not in NAME_PART_HASHES
                    and self._may_be_titled(k, arrays)
                )
                or (pos_of[k] == NOUN and lemma_of[k] in person_heads)
            }
            tokens = [span.doc[k] for k in sorted(worth)]
        for token in span if tokens is None else tokens:
            pos = token.pos
            if token.i in heads:
                mention = names[token.i]
                actor = self._name_actor(token, names)
                if actor is not None and (actor.country or actor.code):
                    ctx.located.append(actor)
                if mention.start in seen:
                    continue
                members = [token, *[c for c in token.conjuncts if c.i > token.i]]
                group = [a for t in members if (a := self._name_actor(t, names)) and a.country]
                seen.update(names[t.i].start for t in members if t.i in names)
                if len({a.country for a in group}) >= 2:
                    ctx.groups.append((group[0].start, tuple(group)))
            elif pos == PROPN and token.ent_type_ in PERSON_ENTITIES:
                if token.dep_ not in NAME_PART_DEPS:
                    self._person(token, names, ctx)
            elif pos == NOUN and token.lemma in role_heads:
                entry = self._role_entry(token)
                if entry is not None and entry.kind == "person":
                    actor = self._role_actor(token, names, ctx)
                    if actor is not None and actor.code:
                        ctx.remember(actor, person=True)

    def _may_be_titled(self, k: int, arrays: DocArrays) -> bool:
        """Whether a name may carry a title or apposition: a role word among the four words
        before it, or a comma after it ("Kenzo Oshima, the UN relief coordinator")."""
        words = self._role_word_hashes
        start = max(0, k - 4)
        before = arrays.lemma[start:k] + arrays.lower[start:k]  # "Minister": a PROPN's lemma
        return not words.isdisjoint(before) or arrays.comma[k + 1 : k + 2] == [True]

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
        if head.lower_ in ALIAS_WORDS and head.i > 0:
            named = _named_before(head)  # "Gamboa, alias 'El Chino,' pled": the parser's
            if named is not None:  # head is the word alias; the actor is the name before it
                return self.resolve(named, names, ctx)
        actor = self._name_actor(head, names) or self._role_actor(head, names, ctx)
        if (actor is None or actor.role in {None, CIVILIANS}) and _alleged_criminal(head):
            return [self._suspect(head, names, ctx)]  # "a model convicted of trafficking"
        if actor is not None and actor.code:
            return [actor, *self._joined_parties(head, actor, names)]
        if head.pos_ == "PROPN" and head.i not in names:
            person = self._person(head, names, ctx)
            if person is not None:
                return [person]
        if actor is not None:
            return [actor]
        plural = self._plural_anaphor(head, ctx)
        if plural:
            return plural
        group = self._group_anaphor(head, ctx)
        if group is not None:
            return [group]
        if head.lemma_.lower() in PARTITIVE_HEADS or head.is_digit:
            # "a group of kidnappers", "19 of the officers": the kidnappers, the officers
            for prep in (c for c in children_of(head) if c.dep_ == "prep" and c.lower_ == "of"):
                for obj in (c for c in children_of(prep) if c.dep_ == "pobj"):
                    found = [a for a in self.resolve(obj, names, ctx) if a.code]
                    if found:
                        text, start = _phrase_text(head, ctx)
                        return [_relabel(a, text, start, a.resolution) for a in found]
        if head.pos_ == "PRON":
            lower = head.lower_
            previous = None
            if lower in PRONOUNS:
                previous = ctx.last_actor(head.idx)
            elif lower in PERSON_PRONOUNS:
                previous = ctx.last_person(head.idx)
            if previous is not None:
                return [_relabel(previous, head.text, head.idx, "anaphora")]
            return []
        if head.ent_type_ in ENTITY_TYPES and head.pos_ == "PROPN":
            text, start = _phrase_text(head, ctx)
            return [Actor(text, start, start + len(text), None, resolution="entity")]
        return []

    def search(
        self, head: Token, names: dict[int, NameMention], ctx: DocumentContext, depth: int = 6
    ) -> list[Actor]:
        """Actors named inside a phrase (breadth first): 'an operation involving the US'."""
        queue: deque[tuple[Token, int]] = deque((c, 1) for c in children_of(head))
        uncoded: list[Actor] = []  # a role without country ("thousands of people"), if nothing else
        while queue:
            tok, level = queue.popleft()
            if tok.dep_ in SEARCH_SKIP_DEPS or tok.pos_ == "PRON":
                continue
            # Nouns, and names tagged otherwise: a demonym is an adjective ("the Israeli move").
            if tok.pos_ in {"NOUN", "PROPN"} or tok.i in names:
                found = self.resolve_group(tok, names, ctx)
                if any(a.code for a in found):
                    return found
                if not uncoded:
                    uncoded = [a for a in found if a.role and a.resolution == "role"]
            if level < depth:
                queue.extend((c, level + 1) for c in children_of(tok) if c.dep_ != "conj")
        return uncoded

    def event_reference(self, head: Token, ctx: DocumentContext) -> list[Actor]:
        """The perpetrators of an earlier attack that this event noun ('the strike') refers to."""
        attack = ctx.attack_referred_to(head.lemma_.lower())
        if attack is None:
            return []
        text, start = _phrase_text(head, ctx)
        return [_relabel(a, text, start, "event_reference") for a in attack.actors]

    def _name_actor(self, head: Token, names: dict[int, NameMention]) -> Actor | None:
        mention = names.get(head.i)
        if mention is None or head.i != mention.end - 1:
            return None
        entry = mention.entry
        # How the code was found, in the schema's terms: organisations are found by name.
        how = "capital" if entry.kind == "capital" else "name"
        if entry.kind == "name" and mention.adjective:
            how = "demonym"
        text, start, end = mention.text, mention.start_char, mention.end_char
        return Actor(text, start, end, entry.code, entry.country, entry.role, None, how)

    def _joined_parties(
        self, head: Token, actor: Actor, names: dict[int, NameMention]
    ) -> list[Actor]:
        """The other parties of a role phrase whose owners are coordinated ("Indian and
        Chinese troops", "Israeli and Hezbollah forces"): one actor each, sharing the phrase,
        after `actor` (the first owner's)."""
        if not (actor.role and actor.country and actor.code == actor.country + actor.role):
            return []
        out: list[Actor] = []
        text, start, end = actor.text, actor.start, actor.end
        for mod in (c for c in children_of(head) if c.dep_ in MODIFIER_DEPS):
            for conj in (c for c in mod.conjuncts if c.i > mod.i):
                owner = self._name_actor(conj, names)
                if owner is None or not owner.code or owner.code == actor.country:
                    continue
                if owner.role:  # a group named beside a country: the group itself
                    joined = Actor(text, start, end, owner.code, owner.country, owner.role)
                elif owner.country:
                    code = owner.country + actor.role
                    joined = Actor(text, start, end, code, owner.country, actor.role)
                else:
                    continue
                out.append(replace(joined, sponsor=actor.sponsor, resolution="role"))
        return out

    def _role_actor(
        self, head: Token, names: dict[int, NameMention], ctx: DocumentContext
    ) -> Actor | None:
        entry = self._role_entry(head)
        if entry is None:
            return None
        if _former(head.lefts):
            entry = _as_former(entry)
        modifiers = [c for c in children_of(head) if c.dep_ in MODIFIER_DEPS]
        sponsor = self._sponsor(modifiers, names)
        owner = self._modifier_country(head, modifiers, names, ctx)
        text, start = _phrase_text(head, ctx)
        end = start + len(text)
        if owner is not None and owner.role and owner.resolution in {"name", "anaphora", "role"}:
            # a group's leader, fighters, spokesman: "Hamas leader", "FARC commander"
            role = owner.role
            return Actor(text, start, end, owner.code, owner.country, role, sponsor, "role")
        if owner is not None and owner.country:
            country, how = owner.country, "role"
        elif owner is not None and owner.code:  # an organisation's official, a group's fighters
            return Actor(
                text, start, end, owner.code, None, owner.role or entry.role, sponsor, "role"
            )
        elif (group := self._group_modifier(modifiers)) is not None:
            # "the gang's leader", "rebel commanders": a member of a group named by its role,
            # of the story's country when it has one (named before the phrase: not a sponsor)
            previous = None if sponsor else ctx.last_country(start)
            if previous is None or previous.country is None:
                return Actor(text, start, end, group.role, None, group.role, sponsor, "role")
            country, how, entry = previous.country, "anaphora", group
        else:
            previous = (
                None  # "his counterpart": someone else's, not the country last named
                if head.lemma_.lower() in RELATED_PARTIES
                else ctx.last_country(head.idx)
                if entry.kind != "group"
                else None
                if sponsor
                else ctx.last_country(start)
            )
            if previous is None or previous.country is None:
                code = entry.role if entry.kind == "group" else None
                return Actor(text, start, end, code, None, entry.role, sponsor, "role")
            country, how = previous.country, "anaphora"
        return Actor(text, start, end, country + entry.role, country, entry.role, sponsor, how)

    def _person(
        self, head: Token, names: dict[int, NameMention], ctx: DocumentContext
    ) -> Actor | None:
        """A named person coded from a title ("Russian Foreign Minister Sergei Lavrov"), an
        apposition ("Kenzo Oshima, the UN relief coordinator") or an earlier mention."""
        found = self._titled(head, names, ctx)
        if found is None:
            for child in children_of(head):
                if child.dep_ == "appos":
                    role = self._name_actor(child, names) or self._role_actor(child, names, ctx)
                    if role is not None and role.code:
                        found = role
                        break
        if found is None and _has_alias(head):  # "Daniel Rendon, alias 'Don Mario'"
            found = self._criminal(head, ctx)
        if found is not None:
            text, start = _phrase_text(head, ctx)
            actor = Actor(
                text, start, start + len(text), found.code, found.country, found.role, None, "role"
            )
            ctx.people[head.text] = actor
            ctx.remember(actor, person=True)
            return actor
        earlier = ctx.people.get(head.text)
        if earlier is not None and earlier.start < head.idx:
            text, start = _phrase_text(head, ctx)
            again = _relabel(earlier, text, start, "anaphora")
            ctx.remember(again, person=True)  # the latest person named, for "he" after it
            return again
        return None

    def _suspect(self, head: Token, names: dict[int, NameMention], ctx: DocumentContext) -> Actor:
        """Someone accused, suspected or convicted of a crime: a criminal (CRM) of the country
        the phrase names ("a model from Colombia"), else of the story's."""
        modifiers = [c for c in children_of(head) if c.dep_ in MODIFIER_DEPS]
        owner = self._modifier_country(head, modifiers, names, ctx)
        if owner is None or owner.country is None:
            return self._criminal(head, ctx)
        text, start = _phrase_text(head, ctx)
        code = owner.country + CRIMINAL
        return Actor(text, start, start + len(text), code, owner.country, CRIMINAL, None, "role")

    def _criminal(self, head: Token, ctx: DocumentContext) -> Actor:
        """A person known by an alias, in crime news a criminal: of the story's country."""
        text, start = _phrase_text(head, ctx)
        previous = ctx.last_country(start)
        country = previous.country if previous is not None else None
        code = (country or "") + CRIMINAL
        return Actor(text, start, start + len(text), code, country, CRIMINAL, None, "role")

    def _titled(
        self, head: Token, names: dict[int, NameMention], ctx: DocumentContext
    ) -> Actor | None:
        """The role and country in the words before a name: 'Iraqi President Saddam Hussein',
        'Arab League Secretary General Chadli Klibi', 'King Hassan of Morocco'."""
        tokens = [t for t in head.doc[head.left_edge.i : head.i] if not t.is_punct]
        if not tokens:
            return None
        lemmas = [t.lemma_.lower() for t in tokens]
        if self._role_words.isdisjoint(lemmas):
            return None  # no word of any title among them
        entry = None
        i = 0
        while i < len(tokens):  # the last title wins: "rebel commander", "Foreign Minister"
            for n in (3, 2, 1):
                role = self.lexicon.roles.get(tuple(lemmas[i : i + n]))
                if role is not None:
                    entry = role
                    i += n - 1
                    break
            i += 1
        if entry is None:
            return None
        if _former(tokens):
            entry = _as_former(entry)
        owner = None
        for tok in tokens:
            owner = self._name_actor(tok, names)
            if owner is not None:
                break
        if owner is None:
            owner = self._modifier_country(head, [], names)
        text, start = _phrase_text(head, ctx)
        end = start + len(text)
        if owner is not None and owner.role and owner.resolution == "name":
            # a named group's or agency's official: "DEA chief X" USACOP, "Hamas leader X"
            return Actor(text, start, end, owner.code, owner.country, owner.role, None, "role")
        if owner is not None and owner.country:
            code = owner.country + entry.role
            return Actor(text, start, end, code, owner.country, entry.role, None, "role")
        if owner is not None and owner.code:
            return Actor(text, start, end, owner.code, None, entry.role, None, "role")
        if entry.kind == "group":
            return Actor(text, start, end, entry.role, None, entry.role, None, "role")
        previous = ctx.last_country(head.idx)
        if previous is None or previous.country is None:
            return None
        code = previous.country + entry.role
        return Actor(text, start, end, code, previous.country, entry.role, None, "anaphora")

    def _role_entry(self, head: Token) -> RoleEntry | None:
        if head.pos_ not in {"NOUN", "PROPN"}:  # "an official endorsement" names no official
            return None
        lemma = head.lemma_.lower()
        if lemma not in self.lexicon.role_heads and lemma not in GENERIC_HEADS:
            return None
        compounds = [c for c in head.lefts if c.dep_ in {"compound", "amod"}]
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

    def _group_modifier(self, modifiers: list[Token]) -> RoleEntry | None:
        for mod in modifiers:
            if mod.dep_ in {"poss", "compound"} and mod.pos_ == "NOUN":
                entry = self._role_entry(mod)
                if entry is not None and entry.kind == "group":
                    return entry
        return None

    def _modifier_country(
        self,
        head: Token,
        modifiers: list[Token],
        names: dict[int, NameMention],
        ctx: DocumentContext | None = None,
    ) -> Actor | None:
        related = head.lemma_.lower() in RELATED_PARTIES  # "his counterpart": not his
        for mod in modifiers:
            if mod.lemma_.lower() in SPONSOR_LEMMAS:
                continue
            if mod.dep_ == "poss" and mod.pos_ == "PRON" and related:
                continue
            if mod.dep_ == "poss" and mod.pos_ == "PRON" and ctx is not None:
                lower = mod.lower_  # "its forces", "their leader", "his bodyguards"
                if lower in PRONOUNS:
                    return ctx.last_actor(mod.idx)
                if lower in PERSON_PRONOUNS:
                    return ctx.last_person(mod.idx)
            for tok in mod.subtree:
                actor = self._name_actor(tok, names)
                if actor is not None:
                    return actor
        for preps in (OF_PREPS, LOCATION_PREPS):
            for prep in (c for c in children_of(head) if c.dep_ == "prep" and c.lower_ in preps):
                for obj in (c for c in children_of(prep) if c.dep_ == "pobj"):
                    group = self._group_of(obj, names, ctx) if preps is OF_PREPS else None
                    if group is not None:  # "the leader of a guerrilla group": the group
                        return group
                    for tok in obj.subtree:
                        actor = self._name_actor(tok, names)
                        if actor is not None:
                            return actor
        return None

    def _group_of(
        self, obj: Token, names: dict[int, NameMention], ctx: DocumentContext | None
    ) -> Actor | None:
        """A non-state group named by its role that a phrase is part of ("members of a
        criminal gang"), before any country named deeper inside it."""
        if ctx is None or obj.pos_ != "NOUN" or obj.i in names:
            return None
        entry = self._role_entry(obj)
        if entry is None or entry.kind != "group":
            return None
        group = self._role_actor(obj, names, ctx)
        return group if group is not None and group.code else None

    def _sponsor(self, modifiers: list[Token], names: dict[int, NameMention]) -> str | None:
        for mod in modifiers:
            if mod.lemma_.lower() in SPONSOR_LEMMAS:
                for tok in mod.subtree:
                    actor = self._name_actor(tok, names)
                    if actor is not None and actor.country:
                        return actor.country
        return None

    def _group_anaphor(self, head: Token, ctx: DocumentContext) -> Actor | None:
        """'the group', 'the network': the last non-state armed or criminal group mentioned."""
        if head.lemma_.lower() not in GROUP_ANAPHORS:
            return None
        children = list(children_of(head))
        if not any(c.dep_ == "det" and c.lower_ in {"the", "this", "that"} for c in children):
            return None
        if any(c.dep_ in MODIFIER_DEPS or c.dep_ == "prep" for c in children):
            return None  # "the Sinaloa group", "the group of ...": not a bare reference
        for actor in reversed(ctx.located):
            if actor.start < head.idx and actor.code and actor.role in NON_STATE_GROUPS:
                text, start = _phrase_text(head, ctx)
                return _relabel(actor, text, start, "anaphora")
        return None

    def _plural_anaphor(self, head: Token, ctx: DocumentContext) -> list[Actor]:
        if head.lemma_.lower() not in PLURAL_ANAPHORS or head.tag_ not in {"NNS", "NNPS"}:
            return []
        markers = {c.lower_ for c in children_of(head) if c.dep_ in {"det", "nummod", "predet"}}
        if not markers & PLURAL_MARKERS:
            return []
        group = ctx.last_group(head.idx)
        text, start = _phrase_text(head, ctx)
        return [_relabel(a, text, start, "anaphora") for a in group]


def _alleged_criminal(head: Token) -> bool:
    """Whether a noun phrase names someone charged with a crime by a participle: "people
    accused of kidnapping", "a model convicted of drug trafficking", "arrested four people
    ... accused of" (the participle hung on the verb whose object the phrase is)."""
    if head.pos_ not in {"NOUN", "PROPN"}:
        return False
    participles = [c for c in children_of(head) if c.dep_ == "acl"]
    if head.dep_ == "dobj":
        participles += [c for c in children_of(head.head) if c.dep_ == "advcl" and c.i > head.i]
    return any(
        p.tag_ == "VBN"
        and p.lemma_.lower() in CHARGE_LEMMAS
        and not any(c.dep_ in {"nsubj", "nsubjpass", "aux", "auxpass"} for c in children_of(p))
        and any(t.lemma_.lower() in CRIME_WORDS for t in p.subtree)
        for p in participles
    )


def _named_before(alias: Token) -> Token | None:
    """The last word of the name an alias follows ("Gamboa" in "Gamboa, alias ...")."""
    doc = alias.doc
    for k in range(alias.i - 1, max(alias.i - 3, -1), -1):
        if doc[k].pos_ == "PROPN":
            return doc[k]
        if not doc[k].is_punct:
            return None
    return None


def _has_alias(head: Token) -> bool:
    """Whether a name is followed by an alias: "Rendon, alias 'Don Mario'", "(alias X)"."""
    doc = head.doc
    for k in range(head.i + 1, min(head.i + 4, len(doc))):
        token = doc[k]
        if token.lower_ in ALIAS_WORDS:
            return True
        if not token.is_punct:
            return False
    return False


def _former(tokens: Iterable[Token]) -> bool:
    """Whether a title or role is marked as past: "former president", "ex-minister"."""
    return any(t.lower_ in FORMER_WORDS for t in tokens)


def _as_former(entry: RoleEntry) -> RoleEntry:
    """A former state official is one of the elites (CAMEO ELI), no longer the state."""
    return RoleEntry(ELITE, entry.kind) if entry.role in STATE_ROLES else entry


def _relabel(actor: Actor, text: str, start: int, how: str) -> Actor:
    return Actor(
        text, start, start + len(text), actor.code, actor.country, actor.role, actor.sponsor, how
    )


def _phrase_text(head: Token, ctx: DocumentContext) -> tuple[str, int]:
    """The phrase from its leftmost modifier (articles aside) to the head, and its start
    (read once per head and document)."""
    found = ctx.phrases.get(head.i)
    if found is None:
        found = ctx.phrases[head.i] = _read_phrase(head)
    return found


def _read_phrase(head: Token) -> tuple[str, int]:
    """The phrase of a head and its start, read from the parse (see _phrase_text)."""
    left = head
    for child in head.lefts:
        if child.dep_ in {"det", "predet", "preconj", "punct", "cc"} and child.lower_ not in {
            "both",
            "two",
        }:
            continue
        left = child
        break
    doc = head.doc
    words = [doc[k] for k in range(left.left_edge.i, head.i)] if left is not head else []
    while words and (words[0].is_space or words[0].is_punct):
        del words[0]
    # the span's text: each word with its whitespace, the head without
    text = ("".join(w.text_with_ws for w in words) + head.text).rstrip()
    leading = len(text) - len(text.lstrip())
    return text[leading:], (words[0].idx if words else head.idx) + leading
