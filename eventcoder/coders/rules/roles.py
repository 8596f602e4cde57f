"""The actor and target of a verb or event-noun trigger: passives, between-phrases, purposes."""

from __future__ import annotations

from eventcoder.actors.mentions import children_of
from eventcoder.actors.resolve import ActorResolver
from eventcoder.coders.rules.frames import FrameCoder
from eventcoder.coders.rules.phrases import RELATIVE_PRONOUNS, ActorFinder, SentenceState
from eventcoder.coders.rules.syntax import (
    Token,
    is_plural,
    light_verb,
    passive_agent,
    pobj_of,
    prep_object,
)
from eventcoder.coders.rules.targets import TargetFinder
from eventcoder.coders.rules.triggers import Matcher
from eventcoder.nlp import HEADLINE_END
from eventcoder.patterns import Pattern
from eventcoder.types import Actor

# Frames whose trigger in a passive without agent states its subject's stance ("Israel is
# opposed to mediation", "Syria is committed to the talks").
STATIVE_FRAMES = frozenset({"intent", "reject"})
# Roots of acts done to a place or people, whose event noun as subject takes its clause's
# object as target: coercion, assault, fighting, mass violence ("a car bomb killed two
# policemen").
PLACE_TARGET_ROOTS = frozenset({"17", "18", "19", "20"})


class RoleFinder:
    """Finds the actors and targets of triggers, resolving phrases with the actor resolver."""

    def __init__(self, matcher: Matcher, frames: FrameCoder, resolver: ActorResolver) -> None:
        self.matcher = matcher
        self.frames = frames
        self.resolver = resolver
        self.actors = ActorFinder(matcher, resolver)
        self.targets = TargetFinder(self.actors, frames)

    def event_country(self, token: Token, state: SentenceState) -> str | None:
        """The country where an event happens, from an 'in'/'at' phrase on the trigger or its
        object ("blocked streets in Hong Kong", "declared a state of siege in Haiti"): the
        country of a role actor named without one ("people", "the military government")."""
        heads = [token, *(c for c in children_of(token) if c.dep_ in {"dobj", "xcomp"})]
        for head in heads:
            for prep in children_of(head):
                if prep.dep_ != "prep" or prep.lower_ not in {"in", "at"}:
                    continue
                for tok in prep.subtree:
                    mention = state.names.get(tok.i)
                    if mention is not None and mention.entry.kind in {"name", "capital"}:
                        return mention.entry.country
        return None

    def verb_arguments(
        self, pattern: Pattern, token: Token, state: SentenceState
    ) -> tuple[list[Actor], list[Actor]]:
        """The actors and targets of a verb (or adjective) trigger."""
        passive = next((c for c in children_of(token) if c.dep_ == "nsubjpass"), None) or (
            _headline_passive(token)
        )
        if passive is not None and pattern.pos == "adj":  # "Israel is opposed to"
            return self.actors.phrase(passive, state, search=True), self.targets.find(
                pattern, token, state
            )
        if passive is not None:
            agent = passive_agent(token)
            if agent is None and pattern.frame in STATIVE_FRAMES:
                return self.actors.phrase(passive, state, search=True), self.targets.find(
                    pattern, token, state
                )
            actors = self.actors.phrase(agent, state) if agent is not None else []
            if passive.lower_ in RELATIVE_PRONOUNS and token.dep_ == "relcl":
                passive = token.head  # "Valdez, who was captured by police": Valdez
            return actors, self.actors.phrase(passive, state)
        actors = self.actors.actors_of(token, state)
        targets = self.targets.find(pattern, token, state)
        if all(t.resolution == "event_reference" for t in targets):
            addressee = self._purpose_addressee(token, state)
            if addressee:
                return actors, addressee
        return actors, targets

    def _purpose_addressee(self, token: Token, state: SentenceState) -> list[Actor]:
        """For 'X summoned Y to protest Z': Y, the one the purpose clause's act is made to."""
        is_purpose = token.dep_ in {"advcl", "xcomp"} and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in children_of(token)
        )
        if not is_purpose:
            return []
        obj = next((c for c in children_of(token.head) if c.dep_ == "dobj"), None)
        found = self.actors.phrase(obj, state) if obj is not None else []
        return [a for a in found if a.code]

    def noun_arguments(
        self, pattern: Pattern, token: Token, state: SentenceState
    ) -> tuple[list[Actor], list[Actor]]:
        """The actors and targets of an event noun trigger."""
        between = (
            prep_object(token, "between")
            or prep_object(token, "among")
            or _between_in_clause(token)
        )
        if between is not None:
            parties = self.resolver.resolve_group(between, state.names, state.ctx)
            parties = [p for p in parties if p.code or p.role]
            if len(parties) >= 2 and pattern.reciprocal:  # each side the other's target
                return parties, parties
            if len(parties) >= 2:
                return parties[:1], parties[1:]
            if len(parties) == 1 and pattern.reciprocal and is_plural(between):
                return parties, []  # "a clash between rival gangs": see event_candidates
        actors = self.actors.noun_actors(token, state, pattern)
        if not actors:
            verb = light_verb(token)
            if verb is not None:
                passive = next((c for c in children_of(verb) if c.dep_ == "nsubjpass"), None)
                agent = prep_object(verb, "agent") or prep_object(verb, "by")
                if token.dep_ == "nsubjpass":  # "a ceasefire was declared by the rebels"
                    actors = self.actors.phrase(agent, state) if agent is not None else []
                elif passive is not None and agent is None:  # "were engaged in cleansing"
                    actors = self.actors.phrase(passive, state, search=True)
                else:
                    actors = self.actors.actors_of(verb, state)
        targets = self.targets.find(pattern, token, state)
        if not targets and pattern.code[:2] in PLACE_TARGET_ROOTS:
            # "a car bomb killed two policemen": the object of the clause the noun is subject of
            targets = self.targets.from_source("governor_dobj", pattern, token, state)
        return actors, targets


def _between_in_clause(token: Token) -> Token | None:
    """The parties of an event noun that is the subject of its clause, named in a between
    phrase the parser hung elsewhere in it ("fighting broke out in the town between the army
    and rebels")."""
    if token.dep_ != "nsubj":
        return None
    for tok in token.head.subtree:
        if tok.dep_ == "prep" and tok.lower_ == "between" and not tok.is_ancestor(token):
            return pobj_of(tok)
    return None


def _headline_passive(verb: Token) -> Token | None:
    """The subject of a headline's bare past participle, the patient: "Ex-President
    Arrested", "Zetas Linked to Mining" (headlines report acts in the present: "Mexico
    Arrests ...")."""
    if verb.dep_ != "ROOT" or verb.tag_ not in {"VBN", "VBD"}:
        return None
    if verb.idx >= verb.doc.user_data.get(HEADLINE_END, 0):
        return None  # outside a headline a bare past tense is active ("Kenyans protested")
    if any(c.dep_ in {"aux", "auxpass", "dobj"} for c in children_of(verb)):
        return None
    return next((c for c in children_of(verb) if c.dep_ == "nsubj"), None)
