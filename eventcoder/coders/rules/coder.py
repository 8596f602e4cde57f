"""The RuleCoder: drives the stages (triggers, frames, roles, candidates) over a document."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from eventcoder.actors.context import DocumentContext, PastAttack
from eventcoder.actors.lexicon import ActorLexicon, load_actor_lexicon
from eventcoder.actors.mentions import CHILDREN, DocArrays, find_names
from eventcoder.actors.resolve import ActorResolver
from eventcoder.coders.rules.candidates import (
    dedupe,
    event_candidates,
    filter_sentence,
    is_alleged,
    is_background,
    is_conditional,
    topic_of,
)
from eventcoder.coders.rules.frames import NO_CODE, PROTEST_CODES, Coded, FrameCoder, Scan
from eventcoder.coders.rules.phrases import SentenceState
from eventcoder.coders.rules.roles import RoleFinder
from eventcoder.coders.rules.syntax import Token
from eventcoder.coders.rules.triggers import Matcher
from eventcoder.patterns import Pattern, PatternSet, load_patterns
from eventcoder.types import EventCandidate, ParsedDocument, Trigger

NAME = "rules"
VERSION = "5"
# Roots of the violent events that later event nouns may refer back to ("the attack").
MATERIAL_CONFLICT_ROOTS = frozenset({"18", "19", "20"})
# Roots of triggers whose event-noun topic is coded too when it names its own actor.
CRITICISM_ROOTS = frozenset({"11"})


class RuleCoder:
    """Codes events from dependency parses with the project's own pattern and actor lexicons."""

    name = NAME
    version = VERSION

    def __init__(self, patterns: PatternSet, lexicon: ActorLexicon) -> None:
        self.patterns = patterns
        self.lexicon = lexicon
        self.resolver = ActorResolver(lexicon)
        self.matcher = Matcher(patterns)
        self.frames = FrameCoder(self.matcher)
        self.roles = RoleFinder(self.matcher, self.frames, self.resolver)

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
        if not parsed.sentences:
            return out
        doc = parsed.sentences[0][1].doc
        arrays = DocArrays.of(doc)
        # read from arrays: no Token objects for the words that cannot trigger
        triggers, may_match = self.matcher.trigger_hashes, self.matcher.may_match
        lemmas, pos, dep = arrays.lemma, arrays.pos, arrays.dep
        doc.user_data[CHILDREN] = {}  # children read once per token (see children_of)
        try:
            for sentence, span in parsed.sentences:
                names = find_names(span, self.lexicon, arrays=arrays)
                self.resolver.observe(span, names, ctx, arrays=arrays)
                state = SentenceState(sentence.index, names, ctx)
                tokens = [
                    doc[k]
                    for k in range(span.start, span.end)
                    if lemmas[k] in triggers and may_match(lemmas[k], pos[k], dep[k])
                ]
                found = dedupe(self._code_span(tokens, state))
                out.extend(found)
                _remember_attacks(found, span, ctx)
        finally:
            del doc.user_data[CHILDREN]
        return out

    def match(self, token: Token) -> Pattern | None:
        """The pattern this token triggers, if any (what the coder would use)."""
        return self.matcher.match(token, {})

    def _code_span(self, tokens: list[Token], state: SentenceState) -> Iterator[EventCandidate]:
        cache: dict[int, Pattern | None] = {}
        matches = [
            (token, pattern)
            for token in tokens
            if (pattern := self.matcher.match(token, cache)) is not None
        ]
        if not matches:
            return
        matched = {token.i for token, _ in matches}
        scan = Scan()
        coded: dict[int, Coded | None] = {}
        for token, pattern in matches:
            if token.i not in scan.consumed:
                coded[token.i] = self.frames.coded(token, pattern, cache, scan, 0)
        hypothetical = scan.hypothetical(matched)
        events: list[tuple[Token, EventCandidate]] = []
        for token, pattern in matches:
            result = coded.get(token.i)
            if result is None or token.i in scan.consumed or token.i in hypothetical:
                continue
            if result.code in PROTEST_CODES:
                result = self.frames.protest_purpose(token, result, cache)
            if (
                pattern.pos == "noun"
                and (
                    is_background(token)
                    # what another trigger is about is coded only when it names its own actor and
                    # is criticised as something done: "condemned the attack" no, "condemned the
                    # Turkish air strike on Sinjar" yes, "negotiations on an Israeli pullback" no
                    or (
                        (topic := topic_of(token, matched)) is not None
                        and not (
                            (coded.get(topic.i) or NO_CODE).code[:2] in CRITICISM_ROOTS
                            and self.roles.actors.noun_actors(token, state, pattern)
                        )
                    )
                )
            ):
                continue
            if is_conditional(token) or is_alleged(token):
                continue
            for cand in event_candidates(self.roles, pattern, token, result, state):
                events.append((token, cand))
        yield from filter_sentence(events, scan.complements)


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
