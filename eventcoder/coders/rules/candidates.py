"""Event candidates of a sentence: which triggers are events, and one candidate per dyad."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator

from eventcoder.actors.mentions import children_of
from eventcoder.coders.rules.frames import ALLEGATION_CODE, ALLEGING_FRAMES, Coded
from eventcoder.coders.rules.phrases import SentenceState
from eventcoder.coders.rules.roles import RoleFinder
from eventcoder.coders.rules.syntax import (
    LIGHT_VERBS,
    PREP_LIGHT_VERBS,
    Token,
    is_active,
    is_plural,
    lemma_of,
    prep_object,
)
from eventcoder.patterns import Pattern
from eventcoder.types import Actor, EventCandidate, Trigger

ANAPHORIC = frozenset({"anaphora", "event_reference"})
# Words that carry an allegation, and the prepositions naming the crime alleged.
ALLEGATION_LEMMAS = frozenset({"accuse", "suspect", "charge", "allege", "convict", "want"})
ALLEGATION_PREPS = frozenset({"of", "with", "for", "in"})
STATEMENT_CODE = "010"
# Roots of violent acts coded without a doer when the news gives none: "a bomb attack
# killed five soldiers", "two policemen were shot dead".
AGENTLESS_ROOTS = frozenset({"18", "19", "20"})
AGENTLESS_CONFIDENCE = 0.7
# Roots of acts that coordinated parties do with each other when no one else is named:
# agreeing, consulting, cooperating ("Iraq and Syria agreed to reopen the border").
MUTUAL_ROOTS = frozenset({"03", "04", "06"})
MUTUAL_CODES = frozenset({"057"})  # signing an agreement ("Kenya and Uganda signed a pact")
MEDIA_ROLE = "JRN"
# Prepositions whose event nouns are background, not events of the sentence.
BACKGROUND_PREPS = frozenset(
    {"since", "after", "following", "during", "before", "amid", "amidst", "despite", "until"}
)
UNREAL_MODIFIERS = frozenset(
    {"previous", "past", "earlier", "impending", "possible", "potential", "planned", "future"}
    | {"proposed", "rumoured", "rumored", "expected", "eventual", "alleged", "hypothetical"}
)
VERB_POS = frozenset({"VERB", "AUX"})
# Dependencies that put a trigger outside its sentence's main clause (see `in_main_clause`).
SUBORDINATE_DEPS = frozenset({"relcl", "advcl", "acl", "pcomp", "conj", "pobj"})
CONDITION_MARKS = frozenset(
    {"if", "unless", "until", "lest", "whether", "after", "before", "since"}
)


def event_candidates(
    roles: RoleFinder, pattern: Pattern, token: Token, coded: Coded, state: SentenceState
) -> Iterator[EventCandidate]:
    """The events a reported trigger gives: one per actor and target, sharing a group."""
    if pattern.pos == "noun":
        actors, targets = roles.noun_arguments(pattern, token, state)
    else:
        actors, targets = roles.verb_arguments(pattern, token, state)
    if pattern.frame == "attribution":  # a named source that is not the news media
        source = prep_object(token, "to")
        found = roles.actors.phrase(source, state) if source is not None else []
        actors = [a for a in found if a.code and a.role != MEDIA_ROLE]
    if coded.code == ALLEGATION_CODE and pattern.frame in ALLEGING_FRAMES and coded.complement:
        subject = next(
            (c for c in children_of(coded.complement) if c.dep_ in {"nsubj", "nsubjpass"}), None
        )
        accused = (
            roles.actors.phrase(subject, state)
            if subject is not None and subject.pos_ in {"NOUN", "PROPN"}
            else []
        )
        speakers = {a.code for a in actors}
        targets = [a for a in accused if a.code and a.code not in speakers]
        if not targets and pattern.frame == "attribution":
            return
        if not targets:  # a charge against no one named (or the speaker) is a statement
            coded = Coded(pattern.code, None)
    elif coded.complement is not None and pattern.frame is not None:
        targets = roles.targets.frame_targets(pattern, token, coded.complement, state) or targets
    if (
        _mutual(roles, pattern, coded)
        and not any(t.code for t in targets)
        and _parties(actors) >= 2
    ):
        targets = actors  # "Jordan and Britain agreed to hold exercises": each the other's
    elif _each_other(token) and not any(t.code for t in targets) and _parties(actors) >= 2:
        targets = actors  # "India and Pakistan accused each other": each the other's
    if any(_unplaced(a) for a in [*actors, *targets]):
        place = roles.event_country(token, state)
        if place is not None:
            actors = [_placed(a, place) for a in actors]
            targets = [_placed(a, place) for a in targets]
    actors = [a for a in actors if a.code or a.resolution == "entity" or a.role]
    if not actors:
        if coded.code[:2] in AGENTLESS_ROOTS and _agentless(pattern, token):
            # only with a victim the lexicon knows: "five soldiers", not "six men"
            known = [t for t in targets if t.code]
            yield from _agentless_events(pattern, token, coded, state, known)
        return
    if pattern.target_required and not any(
        t.code or t.role or t.resolution == "entity" for t in targets
    ):
        if len({a.code for a in actors if a.code}) < 2:
            return  # "the cabinet met", "officers meeting the requirements"
        targets = actors  # "Iraq and Iran restored ties": each is the other's target
    among: Actor | None = None  # "rival gangs clashed": the group among itself
    if pattern.reciprocal and not any(t.code for t in targets):
        if _parties(actors) >= 2:
            targets = actors  # "Iraq and Iran clashed": each the other's target
        elif (
            not targets
            and not _other_party(token)
            and len(actors) == 1
            and actors[0].role
            and _plural_phrase(actors[0], token)
            and not _coordinated(actors[0], token)
        ):
            among = actors[0]
            targets = [among]
    if not targets:
        targets = roles.targets.bare_target(pattern, token, state, coded.complement)
    target_options: list[Actor | None] = list(targets) or [None]
    trigger = Trigger(token.text, token.idx, token.idx + len(token))
    group = None
    if len(actors) * len(target_options) > 1:
        key = f"{state.index}:{trigger.start}:{coded.code}"
        group = hashlib.blake2b(key.encode(), digest_size=6).hexdigest()
    for actor in actors:
        # A target that is the actor itself ("Kenya deployed police in Nairobi") is none.
        options = [
            t
            for t in target_options
            if (t is None or t is not actor or t is among)
            and (
                t is None
                or not t.code
                or t.code != actor.code
                or t is among
                or _two_names(actor, t)  # "the Zetas allied with the Gulf Cartel"
            )
        ]
        code = coded.code
        if pattern.actor_roles and code == pattern.code:
            code = pattern.code_for(_actor_kind(actor))
        if actor.role == MEDIA_ROLE and (code == STATEMENT_CODE or code[:2] == "09"):
            continue  # "the newspaper added", "a media investigation": the story's source
        for target in options or [None]:
            yield EventCandidate(
                sentence_index=state.index,
                actor=actor,
                target=target,
                cameo_code=code,
                trigger=trigger,
                rule_id=pattern.rule_id,
                confidence=_confidence(pattern, actor, target, coded),
                group_id=group,
            )


def _mutual(roles: RoleFinder, pattern: Pattern, coded: Coded) -> bool:
    """Whether an act is one that coordinated parties do with each other: agreeing,
    consulting, cooperating, signing, or failing or refusing to ("Chile and Peru failed to
    reach agreement")."""
    if coded.code[:2] in MUTUAL_ROOTS or coded.code in MUTUAL_CODES:
        return True
    if pattern.frame != "negate" or coded.complement is None:
        return False
    inner = roles.matcher.match(coded.complement, {})
    if inner is None:  # "reach agreement": the event noun the verb carries
        obj = next((c for c in children_of(coded.complement) if c.dep_ == "dobj"), None)
        inner = roles.matcher.match(obj, {}) if obj is not None else None
    return inner is not None and inner.code[:2] in MUTUAL_ROOTS


def _each_other(token: Token) -> bool:
    """Whether a trigger's object is "each other" or "one another" (directly or through a
    preposition: "fired on one another")."""
    for child in children_of(token):
        words = [child] if child.dep_ == "dobj" else []
        if child.dep_ == "prep":
            words = [c for c in children_of(child) if c.dep_ == "pobj"]
        for word in words:
            lower = word.lower_
            if lower not in {"other", "one"}:
                continue
            dets = {c.lower_ for c in children_of(word) if c.dep_ == "det"}
            if (lower == "other" and "each" in dets) or (lower == "one" and "another" in dets):
                return True
    return False


def _parties(actors: list[Actor]) -> int:
    """How many parties the actors are: each code once, and each named actor the lexicon does
    not code ("the Lagos port authority and the Accra harbour board agreed")."""
    return len(
        {a.code for a in actors if a.code}
        | {a.text.lower() for a in actors if not a.code and a.resolution == "entity"}
    )


def _agentless(pattern: Pattern, token: Token) -> bool:
    """Whether a violent act is reported without its doer: an event noun that is the subject
    of the main clause ("a bomb attack killed five soldiers") or a passive main verb without
    agent ("five soldiers were killed"); not in a relative or reported clause."""
    clause = token.head if pattern.pos == "noun" and token.dep_ == "nsubj" else token
    while clause.dep_ == "conj" and clause.head.i != clause.i:
        clause = clause.head
    if clause.dep_ != "ROOT":  # "in which 20 people were killed": background
        return False
    if pattern.pos == "noun":
        return token.dep_ in {"nsubj", "ROOT"}
    return not is_active(token)


def _agentless_events(
    pattern: Pattern, token: Token, coded: Coded, state: SentenceState, targets: list[Actor]
) -> Iterator[EventCandidate]:
    trigger = Trigger(token.text, token.idx, token.idx + len(token))
    group = None
    if len(targets) > 1:
        key = f"{state.index}:{trigger.start}:{coded.code}"
        group = hashlib.blake2b(key.encode(), digest_size=6).hexdigest()
    for target in targets:  # a doer without a victim is no event to code
        yield EventCandidate(
            sentence_index=state.index,
            actor=None,
            target=target,
            cameo_code=coded.code,
            trigger=trigger,
            rule_id=pattern.rule_id,
            confidence=round(pattern.confidence * AGENTLESS_CONFIDENCE, 3),
            group_id=group,
        )


def filter_sentence(
    events: list[tuple[Token, EventCandidate]], complements: set[int]
) -> Iterator[EventCandidate]:
    """Drop what a sentence's other events make redundant: a purpose clause of a coded act
    ("began a hunger strike to protest", "blocked a road to show their disapproval"),
    statements (010) when anything else is coded, and the events of subordinate clauses and
    phrases when the main clause reports one of another root ("condemned Somalia, which
    attacked Ethiopia": the condemnation), unless they are another act of the main clause's
    actor ("condemned Israel and warned it")."""
    owners: set[int] = set(complements)
    for token, _ in events:
        owners.add(token.i)
        if token.dep_ in {"dobj", "pobj"}:
            verb = token.head.head if token.dep_ == "pobj" else token.head
            owners.add(verb.i)
    substantive = any(e.cameo_code != "010" for _, e in events)
    kept = [
        (token, event)
        for token, event in events
        if not (event.cameo_code == "010" and substantive) and not _in_purpose_of(token, owners)
    ]
    main = [
        (token, event)
        for token, event in kept
        if event.cameo_code[:2] != "01" and in_main_clause(token)
    ]
    main_tokens = {token.i for token, _ in main}
    main_roots = {event.cameo_code[:2] for _, event in main}
    for token, event in kept:
        if (
            main
            and token.i not in main_tokens
            and event.cameo_code[:2] not in main_roots
            and not _another_act_of_main_actor(token, main_tokens)
            and event.cameo_code[:2] != "01"
        ):
            continue
        yield event


def _another_act_of_main_actor(token: Token, main: set[int]) -> bool:
    """Whether a trigger is another act of the main clause's actor: a participle adding what
    it did at the same time ("criticized the strike, warning of consequences") or a verb
    coordinated with a main trigger ("condemned Israel and warned it")."""
    return (
        (token.dep_ == "advcl" and token.tag_ == "VBG" or token.dep_ == "conj")
        and token.pos_ in VERB_POS
        and token.head.i in main
        and not any(c.dep_ in {"nsubj", "nsubjpass", "mark"} for c in children_of(token))
    )


def in_main_clause(token: Token) -> bool:
    """Whether a trigger belongs to its sentence's main clause: its path to the root passes
    through no relative, adverbial or participial clause, coordinated clause or prepositional
    phrase (one on a verb that carries an event noun, "engaged in talks", does not count).
    Reported clauses ("said troops attacked") and open complements ("agreed to withdraw") are
    part of the main clause."""
    current = token
    for _ in range(12):
        head = current.head
        if head.i == current.i:
            return True
        if current.dep_ in SUBORDINATE_DEPS and not (
            current.dep_ == "pobj" and lemma_of(head.head) in PREP_LIGHT_VERBS
        ):
            return False
        current = head
    return False


def _in_purpose_of(token: Token, owners: set[int]) -> bool:
    """Whether the trigger is (in) a to-clause giving the purpose of a coded act."""
    current = token
    for _ in range(4):
        if _purpose_clause(current) and current.head.i in owners and current.head.i != token.i:
            return True
        head = current.head
        if head.i == current.i:
            return False
        current = head
    return False


def _purpose_clause(token: Token) -> bool:
    return token.dep_ == "advcl" and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in children_of(token)
    )


def topic_of(token: Token, matched: set[int]) -> Token | None:
    """The trigger an event noun is the topic of, if any: "condemned the attack", "talks on a
    troop pullback", "investigation into the killing" (not the object of a light verb:
    "announced its rejection", "declared a ceasefire")."""
    head = token.head
    if token.dep_ == "dobj":
        if head.i in matched and head.i != token.i and lemma_of(head) not in LIGHT_VERBS:
            return head
        return None
    if token.dep_ == "pobj" and head.dep_ in {"prep", "agent"}:
        governor = head.head
        if (
            governor.i in matched
            and governor.i != token.i
            and lemma_of(governor) not in PREP_LIGHT_VERBS
        ):
            return governor
    return None


def is_background(token: Token) -> bool:
    """Whether an event noun sets the scene or is not (yet) real: "since last month's
    invasion", "despite warnings", "following the launch of the war on drugs", "the previous
    attack", "his impending surrender"."""
    if any(c.dep_ == "amod" and c.lower_ in UNREAL_MODIFIERS for c in token.lefts):
        return True
    current = token
    for _ in range(3):
        if current.dep_ != "pobj" or current.head.dep_ not in {"prep", "agent"}:
            return False
        if current.head.lower_ in BACKGROUND_PREPS:
            return True
        current = current.head.head  # "the launch of [the war]" -> launch
        if current.pos_ not in {"NOUN", "PROPN"}:
            return False
    return False


def is_alleged(token: Token) -> bool:
    """Whether the trigger is an allegation carried by an attribute ("four people accused of
    kidnapping", "a man wanted for murder") or the crime alleged ("charged with killing"):
    neither is an event the sentence reports."""
    if _alleging_attribute(token):
        return True
    current = token
    for _ in range(6):
        head = current.head
        if head.i == current.i:
            return False
        if (
            current.dep_ == "prep"
            and current.lower_ in ALLEGATION_PREPS
            and lemma_of(head) in ALLEGATION_LEMMAS
            and (_alleging_attribute(head) or not is_active(head))
        ):
            return True  # "accused of kidnapping", "was charged with killing": not the act
        current = head
    return False


def _alleging_attribute(token: Token) -> bool:
    """A participle carrying an allegation about the noun it modifies ("people accused of")."""
    return (
        token.dep_ in {"acl", "advcl"}
        and token.tag_ == "VBN"
        and lemma_of(token) in ALLEGATION_LEMMAS
        and not any(c.dep_ in {"nsubj", "nsubjpass", "aux", "auxpass"} for c in children_of(token))
    )


def is_conditional(token: Token) -> bool:
    """Whether the trigger lies in a condition ("unless Israel rescinded", "if attacked") or a
    clause that dates the sentence's event by an earlier one ("after Calderon launched")."""
    current = token
    for _ in range(6):
        if current.dep_ == "advcl" and any(
            c.dep_ == "mark" and c.lower_ in CONDITION_MARKS for c in children_of(current)
        ):
            return True
        head = current.head
        if head.i == current.i:
            return False
        current = head
    return False


def _two_names(actor: Actor, target: Actor) -> bool:
    """Whether two actors with one code are two named groups, not one actor twice."""
    named = actor.resolution == "name" and target.resolution == "name"
    return named and actor.text.lower() != target.text.lower()


def _plural_phrase(actor: Actor, trigger: Token) -> bool:
    """Whether an actor's phrase ends in a plural noun ("rival gangs", "Colombian Gangs")."""
    span = trigger.doc.char_span(actor.start, actor.end, alignment_mode="expand")
    return span is not None and len(span) > 0 and is_plural(span[-1])


def _other_party(trigger: Token) -> bool:
    """Whether a clash names another party, coded or not: an object or a with/against
    phrase ("clashed with Kurdish Peshmerga fighters")."""
    return any(
        c.dep_ == "dobj" or (c.dep_ == "prep" and c.lower_ in {"with", "against"})
        for c in children_of(trigger)
    )


def _coordinated(actor: Actor, trigger: Token) -> bool:
    """Whether an actor's phrase joins parties ("Indian and Chinese troops", "Israeli and
    Hezbollah forces"): not one group among itself."""
    span = trigger.doc.char_span(actor.start, actor.end, alignment_mode="expand")
    return span is not None and any(t.dep_ == "cc" for t in span)


def _unplaced(actor: Actor) -> bool:
    """A role actor without a country: "police" (no code) or "gang members" (the role alone)."""
    return bool(actor.role) and actor.country is None and actor.code in {None, actor.role}


def _placed(actor: Actor, country: str) -> Actor:
    """A role actor without a country, given the country where the event happens."""
    if not _unplaced(actor) or actor.role is None:
        return actor
    return Actor(
        actor.text,
        actor.start,
        actor.end,
        country + actor.role,
        country,
        actor.role,
        actor.sponsor,
        "anaphora",
    )


def _actor_kind(actor: Actor) -> str | None:
    """The key an actor has in a pattern's `actor_roles`."""
    if actor.code and actor.code[:3] in {"IGO", "NGO"}:
        return actor.code[:3]
    if actor.role:
        return actor.role
    return "STATE" if actor.country else None


def _confidence(pattern: Pattern, actor: Actor, target: Actor | None, coded: Coded) -> float:
    score = pattern.confidence
    if actor.resolution in ANAPHORIC or (target is not None and target.resolution in ANAPHORIC):
        score *= 0.85
    if actor.code is None:
        score *= 0.7
    if coded.code != pattern.code:
        score *= 0.9
    return round(score, 3)


def dedupe(candidates: Iterator[EventCandidate]) -> list[EventCandidate]:
    """One event per (actor, target, code) within a sentence; the first mention wins. An event
    without target is dropped when the same actor's same act has one ("fired tear gas to
    disperse the protesters")."""
    seen: set[tuple[str | None, str | None, str]] = set()
    out: list[EventCandidate] = []
    for cand in candidates:
        actor = cand.actor.code or cand.actor.text if cand.actor else None
        target = cand.target.code or cand.target.text if cand.target else None
        key = (actor, target, cand.cameo_code)
        if key not in seen:
            seen.add(key)
            out.append(cand)

    def act(c: EventCandidate) -> tuple[str | None, str]:
        return ((c.actor.code or c.actor.text) if c.actor else None, c.cameo_code)

    targeted = {act(c) for c in out if c.target is not None}
    return [c for c in out if c.target is not None or act(c) not in targeted]
