"""The actors of a phrase and of a clause: resolved heads, searches inside a phrase, subjects
inherited through clauses, speakers, possessors and modifiers of event nouns."""

from __future__ import annotations

from dataclasses import dataclass

from eventcoder.actors.context import DocumentContext
from eventcoder.actors.mentions import DATELINE_MARKS, NameMention, children_of, dateline_end
from eventcoder.actors.resolve import ActorResolver
from eventcoder.coders.rules.syntax import (
    Token,
    is_active,
    is_plural,
    lemma_of,
    prep_object,
)
from eventcoder.coders.rules.triggers import Matcher
from eventcoder.patterns import Pattern
from eventcoder.types import Actor

INHERIT_SUBJECT_DEPS = frozenset({"xcomp", "advcl", "conj", "pcomp", "acomp"})
RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom"})
SPEAKER_PRONOUNS = frozenset({"they", "it", "he", "she"})
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
# Parts of speech of the verb a noun's clause may take its subject from.
VERB_TAGS = frozenset({"VERB", "AUX"})


@dataclass(frozen=True)
class SentenceState:
    """What argument extraction needs about the sentence being coded."""

    index: int
    names: dict[int, NameMention]
    ctx: DocumentContext


class ActorFinder:
    """Finds the actors a phrase or a clause names, resolving phrases with the actor resolver."""

    def __init__(self, matcher: Matcher, resolver: ActorResolver) -> None:
        self.matcher = matcher
        self.resolver = resolver

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

    def actors_of(self, token: Token, state: SentenceState) -> list[Actor]:
        """The actor of a verb: its subject, inherited through open clauses and coordination
        ("has been indicted and will resign": the passive subject of the first verb), or the
        noun a relative or participial clause modifies ("troops who attacked") or, when that
        noun is no actor, the subject of the verb that noun depends on ("issued a statement
        condemning", "approved a plan that will not allow")."""
        if any(c.dep_ == "auxpass" for c in children_of(token)):
            return []  # "likely to be killed": the inherited subject is the victim
        current = token
        for _ in range(5):
            subject = next(
                (
                    c
                    for c in children_of(current)
                    if c.dep_ in {"nsubj", "csubj"} and not _in_dateline(c)
                ),
                None,
            )
            if subject is None and current.i != token.i and is_active(token):
                subject = next((c for c in children_of(current) if c.dep_ == "nsubjpass"), None)
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
        speaker = next((c for c in children_of(clause.head) if c.dep_ == "nsubj"), None)
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
                subject = [a for a in self.actors_of(token.head, state) if a.code]
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
