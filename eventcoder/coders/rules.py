"""The built-in rule coder: dependency-parse patterns from the event lexicon, actors resolved."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from eventcoder.actors import (
    ActorLexicon,
    ActorResolver,
    DocumentContext,
    NameMention,
    PastAttack,
    find_names,
    load_actor_lexicon,
)
from eventcoder.coders import ParsedDocument
from eventcoder.patterns import Pattern, PatternSet, load_patterns
from eventcoder.types import Actor, EventCandidate, Trigger

Token = Any
NAME = "rules"
VERSION = "1"
# Verbs whose subject is the actor of the event noun they take as object: "launched a strike",
# "carried out an attack", "issued a condemnation", "voiced criticism".
LIGHT_VERBS = frozenset(
    {"launch", "carry", "conduct", "stage", "mount", "result", "undertake", "execute", "order"}
    | {"issue", "express", "voice"}
)
INHERIT_SUBJECT_DEPS = frozenset({"xcomp", "advcl", "conj", "pcomp"})
MATERIAL_CONFLICT_ROOTS = frozenset({"18", "19", "20"})
ANAPHORIC = frozenset({"anaphora", "event_reference"})


@dataclass(frozen=True)
class _Sentence:
    """What argument extraction needs about the sentence being coded."""

    index: int
    names: dict[int, NameMention]
    ctx: DocumentContext


class RuleCoder:
    """Codes events from dependency parses with the project's own pattern and actor lexicons."""

    name = NAME
    version = VERSION

    def __init__(self, patterns: PatternSet, lexicon: ActorLexicon) -> None:
        self.patterns = patterns
        self.lexicon = lexicon
        self.resolver = ActorResolver(lexicon)
        self._lemmas = patterns.lemmas

    @classmethod
    def default(cls) -> RuleCoder:
        """The rule coder with the built-in lexicons."""
        return cls(load_patterns(), load_actor_lexicon())

    def provenance(self) -> dict[str, str]:
        """Coder version and lexicon checksums."""
        return {
            "coder": self.name,
            "coder_version": self.version,
            "patterns": self.patterns.source,
            "patterns_sha256": self.patterns.checksum,
            "actors_sha256": self.lexicon.checksum,
        }

    def code(self, parsed: ParsedDocument) -> list[EventCandidate]:
        """Event candidates for every sentence, resolving anaphora across the document."""
        ctx = DocumentContext()
        out: list[EventCandidate] = []
        for sentence, span in parsed.sentences:
            names = find_names(span, self.lexicon)
            self.resolver.observe(span, names, ctx)
            state = _Sentence(sentence.index, names, ctx)
            found = _dedupe(self._code_span(span, state))
            out.extend(found)
            _remember_attacks(found, span, ctx)
        return out

    def _code_span(self, span: Any, state: _Sentence) -> Iterator[EventCandidate]:
        for token in span:
            lemma = token.lemma_.lower()
            if lemma not in self._lemmas or _negated(token):
                continue
            for pattern in self.patterns.for_lemma(lemma):
                if pattern.accepts_pos(token.pos_) and _constraints_hold(pattern, token):
                    yield from self._candidates(pattern, token, state)
                    break

    def _candidates(
        self, pattern: Pattern, token: Token, state: _Sentence
    ) -> Iterator[EventCandidate]:
        if pattern.pos == "verb":
            actors, targets = self._verb_arguments(pattern, token, state)
        else:
            actors, targets = self._noun_arguments(pattern, token, state)
        actors = [a for a in actors if a.code or a.resolution == "entity"]
        if not actors:
            return
        target_options: list[Actor | None] = list(targets) or [None]
        trigger = Trigger(token.text, token.idx, token.idx + len(token))
        group = None
        if len(actors) * len(target_options) > 1:
            key = f"{state.index}:{trigger.start}:{pattern.code}"
            group = hashlib.blake2b(key.encode(), digest_size=6).hexdigest()
        for actor in actors:
            for target in target_options:
                if target is not None and target.code and target.code == actor.code:
                    continue
                yield EventCandidate(
                    sentence_index=state.index,
                    actor=actor,
                    target=target,
                    cameo_code=pattern.code,
                    trigger=trigger,
                    rule_id=pattern.rule_id,
                    confidence=_confidence(pattern, actor, target),
                    group_id=group,
                )

    def _verb_arguments(
        self, pattern: Pattern, token: Token, state: _Sentence
    ) -> tuple[list[Actor], list[Actor]]:
        passive = next((c for c in token.children if c.dep_ == "nsubjpass"), None)
        if passive is not None:
            agent = _prep_object(token, "agent") or _prep_object(token, "by")
            actors = self._phrase(agent, state) if agent is not None else []
            return actors, self._phrase(passive, state)
        subject = _subject(token)
        actors = self._phrase(subject, state, search=True) if subject is not None else []
        targets = self._targets(pattern, token, state)
        if all(t.resolution == "event_reference" for t in targets):
            addressee = self._purpose_addressee(token, state)
            if addressee:
                return actors, addressee
        return actors, targets

    def _purpose_addressee(self, token: Token, state: _Sentence) -> list[Actor]:
        """For 'X summoned Y to protest Z': Y, the one the purpose clause's act is made to."""
        is_purpose = token.dep_ in {"advcl", "xcomp"} and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in token.children
        )
        if not is_purpose:
            return []
        obj = next((c for c in token.head.children if c.dep_ == "dobj"), None)
        found = self._phrase(obj, state) if obj is not None else []
        return [a for a in found if a.code]

    def _noun_arguments(
        self, pattern: Pattern, token: Token, state: _Sentence
    ) -> tuple[list[Actor], list[Actor]]:
        between = _prep_object(token, "between")
        if between is not None:
            parties = self.resolver.resolve_group(between, state.names, state.ctx)
            if len(parties) >= 2:
                return parties[:1], parties[1:]
        actors: list[Actor] = []
        for prep in ("by", "from"):
            obj = _prep_object(token, prep)
            if obj is not None:
                actors = self._phrase(obj, state)
                break
        if not actors:
            actors = self._modifier_actors(token, state)
        if not actors:
            verb = _light_verb(token)
            subject = _subject(verb) if verb is not None else None
            if subject is not None:
                actors = self._phrase(subject, state, search=True)
        return actors, self._targets(pattern, token, state)

    def _modifier_actors(self, token: Token, state: _Sentence) -> list[Actor]:
        out: list[Actor] = []
        for child in token.lefts:
            if child.dep_ in {"poss", "compound", "amod", "nmod", "npadvmod"}:
                for tok in child.subtree:
                    out.extend(self.resolver.resolve(tok, state.names, state.ctx))
        return [a for a in out if a.code]

    def _targets(self, pattern: Pattern, token: Token, state: _Sentence) -> list[Actor]:
        for source in pattern.target:
            found = self._target_from(source, pattern, token, state)
            if found:
                return found
        return []

    def _target_from(
        self, source: str, pattern: Pattern, token: Token, state: _Sentence
    ) -> list[Actor]:
        if source == "dobj":
            obj = next((c for c in token.children if c.dep_ == "dobj"), None)
            return self._phrase(obj, state, reference=True) if obj is not None else []
        if source == "prep" or source.startswith("prep:"):
            preps = pattern.prep if source == "prep" else frozenset({source[5:]})
            obj = next((o for p in preps if (o := _prep_object(token, p)) is not None), None)
            return self._phrase(obj, state, reference=True) if obj is not None else []
        if source == "object_phrase":
            obj = _constraint_object(pattern, token)
            return self.resolver.search(obj, state.names, state.ctx) if obj is not None else []
        if source == "governor_dobj":
            if token.dep_ not in {"nsubj", "nsubjpass"}:
                return []
            obj = next((c for c in token.head.children if c.dep_ == "dobj"), None)
            return self._phrase(obj, state) if obj is not None else []
        if source == "event_reference":
            for other in token.head.children:
                if other is not token and other.dep_ in {"nsubj", "dobj"}:
                    found = self.resolver.event_reference(other, state.ctx)
                    if found:
                        return found
        return []

    def _phrase(
        self, head: Token | None, state: _Sentence, search: bool = False, reference: bool = False
    ) -> list[Actor]:
        if head is None:
            return []
        found = self.resolver.resolve_group(head, state.names, state.ctx)
        if found:
            return found
        if reference:
            agent = _prep_object(head, "by")
            if agent is not None:
                return self.resolver.resolve_group(agent, state.names, state.ctx)
            found = self.resolver.event_reference(head, state.ctx)
            if found:
                return found
        if search and head.pos_ != "PRON":
            return self.resolver.search(head, state.names, state.ctx, depth=3)
        return []


def _remember_attacks(found: list[EventCandidate], span: Any, ctx: DocumentContext) -> None:
    """Add the sentence's violent events, with their coded actors, to the document context."""
    by_trigger: dict[Trigger, list[EventCandidate]] = {}
    for cand in found:
        if cand.cameo_code[:2] in MATERIAL_CONFLICT_ROOTS and cand.actor and cand.actor.code:
            by_trigger.setdefault(cand.trigger, []).append(cand)
    for trigger, cands in by_trigger.items():
        token = span.doc.char_span(trigger.start, trigger.end)
        lemma = token.root.lemma_.lower() if token is not None else trigger.text.lower()
        actors = tuple(dict.fromkeys(c.actor for c in cands if c.actor))
        ctx.attacks.append(PastAttack(lemma, cands[0].cameo_code, actors))


def _negated(token: Token) -> bool:
    return any(c.dep_ == "neg" for c in token.children)


def _subject(token: Token) -> Token | None:
    """The token's subject, or the subject it inherits from the clause it depends on."""
    current = token
    for _ in range(4):
        subject = next((c for c in current.children if c.dep_ in {"nsubj", "csubj"}), None)
        if subject is not None:
            return subject
        if current.dep_ not in INHERIT_SUBJECT_DEPS or current.head is current:
            return None
        current = current.head
    return None


def _prep_object(token: Token, prep: str) -> Token | None:
    for child in token.children:
        if child.dep_ in {"prep", "agent"} and (child.lower_ == prep or child.dep_ == prep):
            for obj in child.children:
                if obj.dep_ == "pobj":
                    return obj
    return None


def _light_verb(token: Token) -> Token | None:
    """The verb carrying a nominal event as its object (launch, carry out), if a light verb."""
    head = token.head
    if token.dep_ == "pobj" and head.dep_ == "prep":
        head = head.head
    elif token.dep_ != "dobj":
        return None
    return head if head.lemma_.lower() in LIGHT_VERBS else None


def _constraint_object(pattern: Pattern, token: Token) -> Token | None:
    if pattern.prep:
        return next((o for p in pattern.prep if (o := _prep_object(token, p)) is not None), None)
    return next((c for c in token.children if c.dep_ == "dobj"), None)


def _constraints_hold(pattern: Pattern, token: Token) -> bool:
    children = list(token.children)
    if pattern.modifiers and not any(
        c.dep_ in {"compound", "amod", "nmod"} and c.lemma_.lower() in pattern.modifiers
        for c in children
    ):
        return False
    if pattern.prep and not any(
        c.dep_ in {"prep", "prt"} and c.lower_ in pattern.prep for c in children
    ):
        return False
    if pattern.object:
        obj = _constraint_object(pattern, token)
        if obj is None or ("*" not in pattern.object and obj.lemma_.lower() not in pattern.object):
            return False
    if pattern.xcomp:
        xcomp = next((c for c in children if c.dep_ == "xcomp"), None)
        if xcomp is None or (
            "*" not in pattern.xcomp and xcomp.lemma_.lower() not in pattern.xcomp
        ):
            return False
    return True


def _confidence(pattern: Pattern, actor: Actor, target: Actor | None) -> float:
    score = pattern.confidence
    if actor.resolution in ANAPHORIC or (target is not None and target.resolution in ANAPHORIC):
        score *= 0.85
    if actor.code is None:
        score *= 0.7
    return round(score, 3)


def _dedupe(candidates: Iterator[EventCandidate]) -> list[EventCandidate]:
    """One event per (actor, target, code) within a sentence; the first mention wins."""
    seen: set[tuple[str | None, str | None, str]] = set()
    out: list[EventCandidate] = []
    for cand in candidates:
        actor = cand.actor.code or cand.actor.text if cand.actor else None
        target = cand.target.code or cand.target.text if cand.target else None
        key = (actor, target, cand.cameo_code)
        if key not in seen:
            seen.add(key)
            out.append(cand)
    return out
