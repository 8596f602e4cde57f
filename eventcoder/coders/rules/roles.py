"""Finding the actor and target of a trigger: subjects, objects, passives, frames, anaphora."""

from __future__ import annotations

from dataclasses import dataclass

from eventcoder.actors.context import DocumentContext
from eventcoder.actors.mentions import DATELINE_MARKS, NameMention, dateline_end
from eventcoder.actors.resolve import ActorResolver
from eventcoder.coders.rules.frames import FrameCoder
from eventcoder.coders.rules.syntax import (
    Token,
    datives,
    direct_object,
    is_active,
    is_plural,
    lemma_of,
    light_verb,
    on_noun,
    owned,
    passive_agent,
    pobj_of,
    prep_object,
    prep_objects,
)
from eventcoder.coders.rules.triggers import Matcher, constraint_object
from eventcoder.nlp import HEADLINE_END
from eventcoder.patterns import Pattern
from eventcoder.types import Actor

INHERIT_SUBJECT_DEPS = frozenset({"xcomp", "advcl", "conj", "pcomp", "acomp"})
# Modifiers of a noun that say whose it is: "Israeli flights", "Hamas positions".
NAME_MODIFIER_DEPS = frozenset({"amod", "compound", "nmod"})
# Prepositions from an amount to what it is an amount of: "$50 million in aid", "a loan of".
AMOUNT_PREPS = frozenset({"in", "of"})
RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom"})
SPEAKER_PRONOUNS = frozenset({"they", "it", "he", "she"})
# Frames whose target is whoever is asked to act ("urged Iran to", "demanded that China").
ASKING_FRAMES = frozenset({"demand", "appeal", "speech"})
# Event nouns whose possessor undergoes the act: "his arrest", "their release".
PATIENT_NOUNS = frozenset(
    {"arrest", "detention", "imprisonment", "release", "kidnapping", "abduction", "killing"}
    | {"assassination", "murder", "execution", "expulsion", "deportation", "extradition"}
    | {"torture", "capture", "removal", "ouster", "dismissal", "trial", "conviction", "exile"}
    | {"indictment", "prosecution", "repatriation", "freeing", "pardon", "rescue", "evacuation"}
)
# Participles and past forms whose clause modifies its subject ("troops attacking the
# village"; "a rights group protested" read as a clause on its noun); a past participle
# ("militants killed by troops") modifies its object.
ACTIVE_TAGS = frozenset({"VBG", "VBD", "VBZ", "VBP"})
# Heads of a crowd: "thousands of Kenyans protested" are Kenyan civilians, not Kenya.
CROWD_NOUNS = frozenset({"thousand", "hundred", "dozen", "million", "score", "ten", "crowd"})
# Second parts of compound modifiers that name a model or a place, not an actor.
NOT_AN_ACTOR = frozenset({"style", "like", "type", "based", "born", "era", "made"})
# Roots of acts against something done or proposed, which is their target when no actor is:
# disapproving and rejecting ("condemned the attack", "rejected the plan").
OBJECTING_ROOTS = frozenset({"11", "12"})
# Parts of speech of the verb a noun's clause may take its subject from.
VERB_TAGS = frozenset({"VERB", "AUX"})
# Frames whose trigger in a passive without agent states its subject's stance ("Israel is
# opposed to mediation", "Syria is committed to the talks").
STATIVE_FRAMES = frozenset({"intent", "reject"})


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
# Roots of acts done to a place or people, whose event noun as subject takes its clause's
# object as target: coercion, assault, fighting, mass violence ("a car bomb killed two
# policemen").
PLACE_TARGET_ROOTS = frozenset({"17", "18", "19", "20"})
# Clauses and appositions that end a bare target phrase ("the firm, which ...").
PHRASE_END_DEPS = frozenset({"relcl", "acl", "advcl", "punct", "cc", "prep", "appos"})
# Objects that are no party: a measure or a time ("agreed a lot", "attacked on Monday").
NOT_A_PARTY = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL"})


@dataclass(frozen=True)
class SentenceState:
    """What argument extraction needs about the sentence being coded."""

    index: int
    names: dict[int, NameMention]
    ctx: DocumentContext


class RoleFinder:
    """Finds the actors and targets of triggers, resolving phrases with the actor resolver."""

    def __init__(self, matcher: Matcher, frames: FrameCoder, resolver: ActorResolver) -> None:
        self.matcher = matcher
        self.frames = frames
        self.resolver = resolver

    def event_country(self, token: Token, state: SentenceState) -> str | None:
        """The country where an event happens, from an 'in'/'at' phrase on the trigger or its
        object ("blocked streets in Hong Kong", "declared a state of siege in Haiti"): the
        country of a role actor named without one ("people", "the military government")."""
        heads = [token, *(c for c in token.children if c.dep_ in {"dobj", "xcomp"})]
        for head in heads:
            for prep in head.children:
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
        passive = next((c for c in token.children if c.dep_ == "nsubjpass"), None) or (
            _headline_passive(token)
        )
        if passive is not None and pattern.pos == "adj":  # "Israel is opposed to"
            return self.phrase(passive, state, search=True), self._targets(pattern, token, state)
        if passive is not None:
            agent = passive_agent(token)
            if agent is None and pattern.frame in STATIVE_FRAMES:
                return self.phrase(passive, state, search=True), self._targets(
                    pattern, token, state
                )
            actors = self.phrase(agent, state) if agent is not None else []
            if passive.lower_ in RELATIVE_PRONOUNS and token.dep_ == "relcl":
                passive = token.head  # "Valdez, who was captured by police": Valdez
            return actors, self.phrase(passive, state)
        actors = self._actors_of(token, state)
        targets = self._targets(pattern, token, state)
        if all(t.resolution == "event_reference" for t in targets):
            addressee = self._purpose_addressee(token, state)
            if addressee:
                return actors, addressee
        return actors, targets

    def _actors_of(self, token: Token, state: SentenceState) -> list[Actor]:
        """The actor of a verb: its subject, inherited through open clauses and coordination
        ("has been indicted and will resign": the passive subject of the first verb), or the
        noun a relative or participial clause modifies ("troops who attacked") or, when that
        noun is no actor, the subject of the verb that noun depends on ("issued a statement
        condemning", "approved a plan that will not allow")."""
        if any(c.dep_ == "auxpass" for c in token.children):
            return []  # "likely to be killed": the inherited subject is the victim
        current = token
        for _ in range(5):
            subject = next(
                (
                    c
                    for c in current.children
                    if c.dep_ in {"nsubj", "csubj"} and not _in_dateline(c)
                ),
                None,
            )
            if subject is None and current is not token and is_active(token):
                subject = next((c for c in current.children if c.dep_ == "nsubjpass"), None)
            if subject is not None:
                if subject.lower_ in RELATIVE_PRONOUNS and current.dep_ == "relcl":
                    found = self.phrase(current.head, state)
                    if any(a.code for a in found):
                        return found
                    if _event_noun(self.matcher, current.head):
                        return []  # "bombings that killed 25 people": not whoever it is after
                    current = _governor(current.head)
                    if current is None:
                        return []
                    continue
                event = self.matcher.match(subject, {}) if subject.pos_ == "NOUN" else None
                if current is token and event is not None and event.standalone:
                    return []  # "an airstrike by Israel hit Syria": the noun is the event
                speaker = self._speaker_of(subject, current, state)
                if speaker:
                    return speaker  # "security forces announced they had killed": the forces
                found = self.phrase(subject, state, search=True)
                if lemma_of(subject) in CROWD_NOUNS:  # "thousands of Kenyans": civilians
                    found = [_as_civilians(a) for a in found]
                return found
            if current.dep_ == "relcl" or (current.dep_ == "acl" and current.tag_ in ACTIVE_TAGS):
                found = self.phrase(current.head, state)
                if any(a.code for a in found):
                    return found
                governor = _governor(current.head)
                if governor is None:
                    return []
                current = governor
                continue
            if current.dep_ == "pcomp" and current.head.dep_ == "prep":
                current = current.head.head  # "resorted to throwing stones"
                continue
            if current.dep_ not in INHERIT_SUBJECT_DEPS or current.head.i == current.i:
                return []
            current = current.head
        return []

    def _speaker_of(self, pronoun: Token, clause: Token, state: SentenceState) -> list[Actor]:
        """For a pronoun subject of a reported clause that agrees with the speaker ("they"
        after plural, "it", "he" or "she" after singular speakers), the speaker, in the
        speaker's words: "the police said they ...", "the minister said he would ..."."""
        if pronoun.pos_ != "PRON" or pronoun.lower_ not in SPEAKER_PRONOUNS:
            return []
        if clause.dep_ != "ccomp" or self.matcher.match(clause.head, {}) is None:
            return []
        speaker = next((c for c in clause.head.children if c.dep_ == "nsubj"), None)
        if speaker is None or speaker.pos_ not in {"NOUN", "PROPN"}:
            return []
        if (pronoun.lower_ == "they") != is_plural(speaker):
            return []
        found = [  # a speaker known by name or role only is the pronoun's too
            a for a in self.phrase(speaker, state) if a.code or a.resolution == "entity" or a.role
        ]
        return [  # the speaker's words: who the pronoun stands for
            Actor(
                a.text,
                a.start,
                a.end,
                a.code,
                a.country,
                a.role,
                a.sponsor,
                "anaphora" if a.code else a.resolution,  # an uncoded name stays an entity
            )
            for a in found
        ]

    def _purpose_addressee(self, token: Token, state: SentenceState) -> list[Actor]:
        """For 'X summoned Y to protest Z': Y, the one the purpose clause's act is made to."""
        is_purpose = token.dep_ in {"advcl", "xcomp"} and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in token.children
        )
        if not is_purpose:
            return []
        obj = next((c for c in token.head.children if c.dep_ == "dobj"), None)
        found = self.phrase(obj, state) if obj is not None else []
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
        actors = self.noun_actors(token, state, pattern)
        if not actors:
            verb = light_verb(token)
            if verb is not None:
                passive = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
                agent = prep_object(verb, "agent") or prep_object(verb, "by")
                if token.dep_ == "nsubjpass":  # "a ceasefire was declared by the rebels"
                    actors = self.phrase(agent, state) if agent is not None else []
                elif passive is not None and agent is None:  # "were engaged in cleansing"
                    actors = self.phrase(passive, state, search=True)
                else:
                    actors = self._actors_of(verb, state)
        targets = self._targets(pattern, token, state)
        if not targets and pattern.code[:2] in PLACE_TARGET_ROOTS:
            # "a car bomb killed two policemen": the object of the clause the noun is subject of
            targets = self._target_from("governor_dobj", pattern, token, state)
        return actors, targets

    def noun_actors(
        self, token: Token, state: SentenceState, pattern: Pattern | None = None
    ) -> list[Actor]:
        """Who an event noun is by: 'by'/'from' phrases, possessors, modifiers ('from' is a
        place for a pattern whose target comes from it: "withdrawal from Lebanon")."""
        place = pattern is not None and "prep:from" in pattern.target
        for prep in ("by",) if place else ("by", "from"):
            obj = prep_object(token, prep)
            if obj is not None:
                found = self.phrase(obj, state)
                if found:
                    return found
        return self._modifier_actors(token, state)

    def _modifier_actors(self, token: Token, state: SentenceState) -> list[Actor]:
        out: list[Actor] = []
        patient = lemma_of(token) in PATIENT_NOUNS  # "his arrest": he is arrested
        for child in token.lefts:
            if child.dep_ == "poss" and patient:
                continue
            if child.dep_ == "poss" and child.pos_ == "PRON" and token.dep_ == "dobj":
                # "the army continued its shelling": the one the pronoun stands for
                subject = [a for a in self._actors_of(token.head, state) if a.code]
                if subject:
                    out.extend(subject)
                    continue
            if child.dep_ in {"poss", "compound", "amod", "nmod", "npadvmod"}:
                subtree = list(child.subtree)
                if any(t.lower_ in NOT_AN_ACTOR for t in subtree):
                    continue  # "a Bosnia-style war", "a US-based group"
                whole = [a for a in self.resolver.resolve(child, state.names, state.ctx) if a.code]
                if whole:  # "the Iraqi opposition's boycott": the opposition, not also Iraq
                    out.extend(whole)
                    covered = [(a.start, a.end) for a in whole]
                    subtree = [  # but "US-Israeli": both names
                        t
                        for t in subtree
                        if t.i in state.names and not any(a <= t.idx < b for a, b in covered)
                    ]
                for tok in subtree:
                    if tok.pos_ == "PRON" and child.dep_ != "poss":
                        continue
                    out.extend(self.resolver.resolve(tok, state.names, state.ctx))
        return [a for a in out if a.code]

    def frame_targets(
        self, pattern: Pattern, token: Token, complement: Token, state: SentenceState
    ) -> list[Actor]:
        """The target of a frame: who is asked to act (demand, appeal), whose request is
        rejected (reject), or the target of the act promised or threatened (intent, threaten)."""
        frame = pattern.frame
        own: list[Actor] = []
        for child in token.children:
            if child is complement:
                continue
            if child.dep_ == "dobj" or (
                child.dep_ == "prep" and child.lower_ in {"on", "upon", "to", "from", "against"}
            ):
                head = child if child.dep_ == "dobj" else pobj_of(child)
                if head is not None and head is not complement:
                    own = [a for a in self.phrase(head, state) if a.code]
                    if own:
                        break
        if frame in ASKING_FRAMES:
            subject = next(
                (c for c in complement.children if c.dep_ in {"nsubj", "nsubjpass"}), None
            )
            candidates = [
                own,
                self.phrase(subject, state) if subject is not None else [],
                self.noun_actors(complement, state) if complement.pos_ == "NOUN" else [],
                self._of_actors(complement, state),
            ]
        elif frame == "reject":
            candidates = [
                self.noun_actors(complement, state) if complement.pos_ == "NOUN" else [],
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
        return self.phrase(obj, state, search=True) if obj is not None else []

    def _complement_targets(self, complement: Token, state: SentenceState) -> list[Actor]:
        cache: dict[int, Pattern | None] = {}
        pattern = self.matcher.match(complement, cache)
        if pattern is None:  # the object, else whom or where the act is for or in
            heads = [
                next((c for c in complement.children if c.dep_ == "dobj"), None),
                *(prep_object(complement, p) for p in COMPLEMENT_TARGET_PREPS),
            ]
            for obj in heads:  # not the actor's own ("to withdraw its troops from Gaza")
                found = self.phrase(obj, state) if obj is not None and not owned(obj) else []
                if any(a.code for a in found):
                    return found
            return []
        if pattern.frame is not None:
            inner = self.frames.complement(pattern, complement, cache)
            if inner is not None:
                found = self.frame_targets(pattern, complement, inner, state)
                if found:
                    return found
        return self._targets(pattern, complement, state)

    def _targets(self, pattern: Pattern, token: Token, state: SentenceState) -> list[Actor]:
        for source in pattern.target:
            found = self._target_from(source, pattern, token, state)
            if found:
                return found
        return []

    def _target_from(
        self, source: str, pattern: Pattern, token: Token, state: SentenceState
    ) -> list[Actor]:
        if source == "dobj":  # not the actor's own: "withdrew its troops from the town"
            obj = direct_object(token)
            if obj is None or owned(obj):
                return []
            return self.phrase(obj, state, reference=True)
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
            return self.phrase(obj, state, reference=True) if obj is not None else []
        if source == "object_phrase":  # the object itself ("a Colombian laundering ring"),
            obj = constraint_object(pattern, token)  # else an actor named inside it
            if obj is None:
                return []
            whole = [a for a in self.resolver.resolve(obj, state.names, state.ctx) if a.code]
            return whole or self.resolver.search(obj, state.names, state.ctx)
        if source == "governor_dobj":
            if token.dep_ not in {"nsubj", "nsubjpass"}:
                return []
            obj = next((c for c in token.head.children if c.dep_ == "dobj"), None)
            return self.phrase(obj, state) if obj is not None else []
        if source == "event_reference":
            for other in token.head.children:
                if other is not token and other.dep_ in {"nsubj", "dobj"}:
                    found = self.resolver.event_reference(other, state.ctx)
                    if found:
                        return found
        return []

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
            passive = next((c for c in token.children if c.dep_ == "nsubjpass"), None)
            obj = direct_object(token)
            heads = [
                *datives(token),  # the one given something: "granted the city permission"
                obj if passive is None else passive,
                *prep_objects(token, VERB_TARGET_PREPS),
                *(prep_objects(obj, OBJECT_TARGET_PREPS) if obj is not None else []),
                *(  # "found the minister guilty": the subject of the small clause
                    next((g for g in c.children if g.dep_ == "nsubj"), None)
                    for c in token.children
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

    def phrase(
        self,
        head: Token | None,
        state: SentenceState,
        search: bool = False,
        reference: bool = False,
    ) -> list[Actor]:
        """The actors of a phrase head; with `search`, named inside the phrase; with
        `reference`, the perpetrators of an event it names or refers back to."""
        if head is None:
            return []
        found = self.resolver.resolve_group(head, state.names, state.ctx)
        if any(a.code for a in found) or (found and not search):
            return found
        if reference:
            agent = prep_object(head, "by")
            if agent is not None:
                return self.resolver.resolve_group(agent, state.names, state.ctx)
            event = self.matcher.match(head, {}) if head.pos_ == "NOUN" else None
            if event is not None and event.pos == "noun":  # "condemned the Israeli attack"
                perpetrators = [a for a in self.noun_actors(head, state, event) if a.code]
                if perpetrators:
                    return perpetrators
            referred = self.resolver.event_reference(head, state.ctx)
            if referred:
                return referred
        if search and head.pos_ != "PRON":
            searched = self.resolver.search(head, state.names, state.ctx, depth=3)
            if any(a.code for a in searched) or (searched and not found):
                return searched
        return found


def _event_noun(matcher: Matcher, noun: Token) -> bool:
    """Whether a noun a clause modifies names an event itself ("the bombings that killed")."""
    return bool(noun.pos_ == "NOUN" and matcher.match(noun, {}) is not None)


def _in_dateline(token: Token) -> bool:
    """Whether a subject is the place of the sentence's dateline ("KABUL (AP) -- ...")."""
    if token.i >= len(token.doc) - 1 or not token.text[:1].isupper():
        return False
    after = token.doc[token.i + 1].text
    if not (token.text.isupper() or after in DATELINE_MARKS or after in {",", "("}):
        return False
    return bool(token.i < dateline_end(token.sent))


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


def _as_civilians(actor: Actor) -> Actor:
    if actor.role is not None or not actor.country:
        return actor
    return Actor(
        actor.text,
        actor.start,
        actor.end,
        actor.country + "CVL",
        actor.country,
        "CVL",
        actor.sponsor,
        actor.resolution,
    )


def _governor(noun: Token) -> Token | None:
    """The verb a noun is the object of ("issued a statement": issued)."""
    if noun.dep_ == "dobj":
        return noun.head
    if noun.dep_ == "pobj" and noun.head.dep_ == "prep" and noun.head.head.pos_ in VERB_TAGS:
        return noun.head.head  # not the noun a phrase hangs on ("a city of Quetta which ...")
    return None


def _headline_passive(verb: Token) -> Token | None:
    """The subject of a headline's bare past participle, the patient: "Ex-President
    Arrested", "Zetas Linked to Mining" (headlines report acts in the present: "Mexico
    Arrests ...")."""
    if verb.dep_ != "ROOT" or verb.tag_ not in {"VBN", "VBD"}:
        return None
    if verb.idx >= verb.doc.user_data.get(HEADLINE_END, 0):
        return None  # outside a headline a bare past tense is active ("Kenyans protested")
    if any(c.dep_ in {"aux", "auxpass", "dobj"} for c in verb.children):
        return None
    return next((c for c in verb.children if c.dep_ == "nsubj"), None)
