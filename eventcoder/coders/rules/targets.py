"""The target of a trigger: its object or a preposition's, the target of the act a frame
governs, and the bare phrase an act is done to where no actor is coded there."""

from __future__ import annotations

from eventcoder.actors.mentions import NameMention, children_of
from eventcoder.coders.rules.frames import FrameCoder
from eventcoder.coders.rules.phrases import ActorFinder, SentenceState
from eventcoder.coders.rules.syntax import (
    Token,
    datives,
    direct_object,
    light_verb,
    on_noun,
    owned,
    prep_object,
    prep_objects,
)
from eventcoder.coders.rules.triggers import constraint_object
from eventcoder.patterns import Pattern
from eventcoder.types import Actor

# Modifiers of a noun that say whose it is: "Israeli flights", "Hamas positions".
NAME_MODIFIER_DEPS = frozenset({"amod", "compound", "nmod"})
# Prepositions from an amount to what it is an amount of: "$50 million in aid", "a loan of".
AMOUNT_PREPS = frozenset({"in", "of"})
# Frames whose target is whoever is asked to act ("urged Iran to", "demanded that China").
ASKING_FRAMES = frozenset({"demand", "appeal", "speech"})
# Roots of acts against something done or proposed, which is their target when no actor is:
# disapproving and rejecting ("condemned the attack", "rejected the plan").
OBJECTING_ROOTS = frozenset({"11", "12"})

# Prepositions whose object is the one an act is done to, when no actor is coded there:
# "an investigation into the deal", "a lawsuit against the firm", "cracked down on dissent".
TARGET_PREPS = frozenset({"against", "on", "upon", "into", "with", "to", "at", "of"})
VERB_TARGET_PREPS = TARGET_PREPS - {"of"}
# Prepositions on an act's object that name whom it concerns: "lifted the ban on TikTok",
# "refused a request from the premier", "withdrew troops from the border".
OBJECT_TARGET_PREPS = VERB_TARGET_PREPS | {"from"}
# Where the target of an act promised or agreed sits when its object names no actor: "agreed
# to lend $1 billion to Indonesia", "ready to send troops into Somalia".
COMPLEMENT_TARGET_PREPS = ("to", "against", "with", "for", "on", "into", "in")
# Clauses and appositions that end a bare target phrase ("the firm, which ...").
PHRASE_END_DEPS = frozenset({"relcl", "acl", "advcl", "punct", "cc", "prep", "appos"})
# Objects that are no party: a measure or a time ("agreed a lot", "attacked on Monday").
NOT_A_PARTY = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL"})


class TargetFinder:
    """Finds the targets of triggers, reading phrases with the actor finder."""

    def __init__(self, actors: ActorFinder, frames: FrameCoder) -> None:
        self.actors = actors
        self.frames = frames
        self.matcher = actors.matcher
        self.resolver = actors.resolver

    def find(self, pattern: Pattern, token: Token, state: SentenceState) -> list[Actor]:
        """The target of a trigger: the first its pattern's target sources find."""
        for source in pattern.target:
            found = self.from_source(source, pattern, token, state)
            if found:
                return found
        return []

    def from_source(
        self, source: str, pattern: Pattern, token: Token, state: SentenceState
    ) -> list[Actor]:
        """The target one of a pattern's target sources (`Pattern.target`) finds."""
        if source == "dobj":  # not the actor's own: "withdrew its troops from the town"
            obj = direct_object(token)
            if obj is None or owned(obj):
                return []
            return self.actors.phrase(obj, state, reference=True)
        if source == "prep" or source.startswith("prep:"):
            preps = pattern.prep if source == "prep" else frozenset({source[5:]})
            obj = _first_prep_object(token, preps)
            if obj is None and pattern.object and pattern.pos == "verb":
                # "severed ties with Iran": the preposition hangs on the object
                act = constraint_object(pattern, token)
                if act is not None and act.dep_ == "dobj":
                    obj = _first_prep_object(act, preps)
                    for inner in prep_objects(act, AMOUNT_PREPS) if obj is None else []:
                        # "pledged $50 million in aid to Sudan": on what the amount is of
                        obj = _first_prep_object(inner, preps)
                        if obj is not None:
                            break
            return self.actors.phrase(obj, state, reference=True) if obj is not None else []
        if source == "object_phrase":  # the object itself ("a Colombian laundering ring"),
            obj = constraint_object(pattern, token)  # else an actor named inside it
            if obj is None:
                return []
            whole = [a for a in self.resolver.resolve(obj, state.names, state.ctx) if a.code]
            return whole or self.resolver.search(obj, state.names, state.ctx)
        if source == "governor_dobj":
            if token.dep_ not in {"nsubj", "nsubjpass"}:
                return []
            obj = next((c for c in children_of(token.head) if c.dep_ == "dobj"), None)
            return self.actors.phrase(obj, state) if obj is not None else []
        if source == "event_reference":
            for other in children_of(token.head):
                if other.i != token.i and other.dep_ in {"nsubj", "dobj"}:
                    found = self.resolver.event_reference(other, state.ctx)
                    if found:
                        return found
        return []

    def frame_targets(
        self, pattern: Pattern, token: Token, complement: Token, state: SentenceState
    ) -> list[Actor]:
        """The target of a frame: who is asked to act (demand, appeal), whose request is
        rejected (reject), or the target of the act promised or threatened (intent, threaten)."""
        frame = pattern.frame
        own: list[Actor] = []
        for child in children_of(token):
            if child.i == complement.i:
                continue
            if child.dep_ == "dobj" or (
                child.dep_ == "prep" and child.lower_ in {"on", "upon", "to", "from", "against"}
            ):
                head = (
                    child
                    if child.dep_ == "dobj"
                    else next((c for c in children_of(child) if c.dep_ == "pobj"), None)
                )
                if head is not None and head.i != complement.i:
                    own = [a for a in self.actors.phrase(head, state) if a.code]
                    if own:
                        break
        if frame in ASKING_FRAMES:
            subject = next(
                (c for c in children_of(complement) if c.dep_ in {"nsubj", "nsubjpass"}), None
            )
            candidates = [
                own,
                self.actors.phrase(subject, state) if subject is not None else [],
                self.actors.noun_actors(complement, state) if complement.pos_ == "NOUN" else [],
                self._of_actors(complement, state),
            ]
        elif frame == "reject":
            candidates = [
                self.actors.noun_actors(complement, state) if complement.pos_ == "NOUN" else [],
                own,
                self._complement_targets(complement, state),
            ]
        else:
            candidates = [self._complement_targets(complement, state), own]
        for found in candidates:
            coded = [a for a in found if a.code]
            if coded:
                return coded
        for found in candidates:  # else a party known by name or role only ("the premier")
            named = [a for a in found if a.resolution == "entity" or a.role]
            if named:
                return named
        return []

    def _of_actors(self, token: Token, state: SentenceState) -> list[Actor]:
        obj = prep_object(token, "of")
        return self.actors.phrase(obj, state, search=True) if obj is not None else []

    def _complement_targets(self, complement: Token, state: SentenceState) -> list[Actor]:
        cache: dict[int, Pattern | None] = {}
        pattern = self.matcher.match(complement, cache)
        if pattern is None:  # the object, else whom or where the act is for or in
            heads = [
                next((c for c in children_of(complement) if c.dep_ == "dobj"), None),
                *(prep_object(complement, p) for p in COMPLEMENT_TARGET_PREPS),
            ]
            for obj in heads:  # not the actor's own ("to withdraw its troops from Gaza")
                found = self.actors.phrase(obj, state) if obj is not None and not owned(obj) else []
                if any(a.code for a in found):
                    return found
            return []
        if pattern.frame is not None:
            inner = self.frames.complement(pattern, complement, cache)
            if inner is not None:
                found = self.frame_targets(pattern, complement, inner, state)
                if found:
                    return found
        return self.find(pattern, complement, state)

    def bare_target(
        self, pattern: Pattern, token: Token, state: SentenceState, complement: Token | None = None
    ) -> list[Actor]:
        """The words an act is done to where no actor is coded there. The places looked at, in
        order: the indirect object, the object or passive subject and the prepositions' objects
        of the trigger (of its light verb for an event noun) and of its object, the object of
        the act a frame governs and its prepositions, then where the act is done ("in").
        The first that names a coded party wins ("agreed to build a port in Gwadar": PAK);
        else the first phrase, a phrase on another before it ("the ban on [imports]"), as a
        target without code ("filed a lawsuit against the firm"). What the actor has ("its
        troops") comes last; an objected-to complement first ("condemned the decision")."""
        heads: list[Token | None]
        verb = light_verb(token) if pattern.pos == "noun" else None
        if pattern.pos == "noun":
            heads = [
                *(datives(verb) if verb and token.dep_ == "dobj" else []),  # "gave Peru a loan"
                *prep_objects(token, TARGET_PREPS),
                *(prep_objects(verb, VERB_TARGET_PREPS) if verb and token.dep_ == "dobj" else []),
            ]
            if token.dep_ == "nsubj":  # "an airstrike killed five soldiers"
                heads.append(direct_object(token.head))
        else:
            passive = next((c for c in children_of(token) if c.dep_ == "nsubjpass"), None)
            obj = direct_object(token)
            heads = [
                *datives(token),  # the one given something: "granted the city permission"
                obj if passive is None else passive,
                *prep_objects(token, VERB_TARGET_PREPS),
                *(prep_objects(obj, OBJECT_TARGET_PREPS) if obj is not None else []),
                *(  # "found the minister guilty": the subject of the small clause
                    next((g for g in children_of(c) if g.dep_ == "nsubj"), None)
                    for c in children_of(token)
                    if c.dep_ == "ccomp" and c.pos_ == "ADJ"
                ),
            ]
        if complement is not None and complement.pos_ == "VERB":  # "agreed to open its ports"
            inner = direct_object(complement)
            heads.append(inner)
            heads.extend(prep_objects(complement, VERB_TARGET_PREPS))  # "... to refugees"
            if inner is not None:  # "refused to lift the ban on imports"
                heads.extend(prep_objects(inner, OBJECT_TARGET_PREPS))
        act = (  # the object that names the act ("imposed a curfew", "called for unity")
            constraint_object(pattern, token)
            if (pattern.object or pattern.prep) and "object_phrase" not in pattern.target
            else None
        )
        if act is not None:  # "launched air strikes on militant bases"
            heads.extend(prep_objects(act, OBJECT_TARGET_PREPS))
        # where the act is done: "imposed a curfew in the north", "agreed to build a port in
        # Gwadar", "declared a ceasefire in Tripoli"
        places = [token, verb if pattern.pos == "noun" else None, act, complement]
        where = [prep_object(t, "in") for t in places if t is not None]
        heads.extend(where)
        at = {h.i for h in where if h is not None}
        objecting = None
        if complement is not None and pattern.code[:2] in OBJECTING_ROOTS:
            objecting = complement  # "condemned the attack", "rejected the proposal"
            complement = None
        skip = {t.i for t in (token, act, complement) if t is not None}
        candidates = [
            head
            for head in heads
            if head is not None
            and head.i not in skip
            and head.pos_ in {"NOUN", "PROPN"}
            and head.ent_type_ not in NOT_A_PARTY
        ]
        if objecting is not None and objecting.pos_ in {"NOUN", "PROPN"}:
            coded = [
                a for a in self.resolver.resolve_group(objecting, state.names, state.ctx) if a.code
            ]
            return coded or [_bare_phrase(objecting, state)]
        # the actor's own ("withdrew its troops from the town") is no party done to
        others = [h for h in candidates if not owned(h)] or candidates
        for head in others:  # a party the lexicon knows, else the first phrase
            coded = [a for a in self.resolver.resolve_group(head, state.names, state.ctx) if a.code]
            if head.i in at:  # a place, not a body in it ("sued him in a Paris court")
                coded = [a for a in coded if not a.role]
            if coded:
                return coded  # "flew medicine into Afghanistan": AFG
        # a phrase on another ("a ban on the app", "a request from the premier") before it
        inner = [h for h in others if not any(on_noun(c, h) for c in others)]
        return [_bare_phrase((inner or others)[0], state)] if others else []


def _bare_phrase(head: Token, state: SentenceState | None = None) -> Actor:
    """A noun phrase as a target that is no actor: the head with its modifiers, up to a
    clause, preposition or apposition; coded as the country or group a modifier names
    ("Israeli flights" ISR, "Hamas positions"), else uncoded."""
    left = head.left_edge
    right = head
    for child in head.rights:
        if child.dep_ in PHRASE_END_DEPS:
            break
        right = child.right_edge
    while left.i < head.i and (left.is_punct or left.is_space or left.dep_ in {"det", "cc"}):
        left = left.doc[left.i + 1]
    while right.i > head.i and (right.is_space or right.is_punct):
        right = right.doc[right.i - 1]
    start, end = left.idx, right.idx + len(right)
    text = head.doc[left.i : right.i + 1].text
    owner = _modifier_name(head, state) if state is not None else None
    if owner is not None:
        entry = owner.entry
        how = "demonym" if head.doc[owner.end - 1].pos_ == "ADJ" else "name"
        return Actor(text, start, end, entry.code, entry.country, entry.role, None, how)
    return Actor(text, start, end, None, resolution="entity")


def _first_prep_object(token: Token, preps: frozenset[str]) -> Token | None:
    """The object of the first of a token's prepositions among `preps` in the sentence (not in
    the set's order, which changes with the process's string hashing)."""
    found = [o for p in preps if (o := prep_object(token, p)) is not None]
    return min(found, key=lambda o: o.i) if found else None


def _modifier_name(head: Token, state: SentenceState) -> NameMention | None:
    """The lexicon name (a country, demonym or group) that modifies a noun: "Israeli" in
    "Israeli flights"; not a capital ("Kabul airport" names a place, not its government)."""
    for child in head.lefts:
        if child.dep_ not in NAME_MODIFIER_DEPS:
            continue
        mention = state.names.get(child.i)
        if mention is not None and child.i == mention.end - 1 and mention.entry.kind != "capital":
            return mention
    return None
