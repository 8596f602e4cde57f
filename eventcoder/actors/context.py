"""What earlier sentences of a document established: located actors, groups, people, attacks."""

from __future__ import annotations

from dataclasses import dataclass, field

from eventcoder.types import Actor

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


@dataclass(frozen=True)
class PastAttack:
    """A violent event coded earlier in the document, for later references to it."""

    lemma: str
    code: str
    actors: tuple[Actor, ...]


@dataclass
class DocumentContext:
    """What earlier text established: actors with countries, coordinated groups, attacks,
    and people (titled persons and person roles) for he/she and later mentions by name.
    A context belongs to one document: `phrases` keeps the text and start of each phrase
    read, by the index of its head token."""

    located: list[Actor] = field(default_factory=list)
    groups: list[tuple[int, tuple[Actor, ...]]] = field(default_factory=list)
    attacks: list[PastAttack] = field(default_factory=list)
    persons: list[Actor] = field(default_factory=list)
    people: dict[str, Actor] = field(default_factory=dict)
    phrases: dict[int, tuple[str, int]] = field(default_factory=dict)

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

    def last_actor(self, before: int) -> Actor | None:
        """The latest coded country, organisation or group (not a person) before an offset."""
        persons = {(a.start, a.end) for a in self.persons}
        for actor in reversed(self.located):
            if actor.start < before and actor.code and (actor.start, actor.end) not in persons:
                return actor
        return None

    def last_person(self, before: int) -> Actor | None:
        """The latest coded person (a titled name or a person role) before an offset."""
        for actor in reversed(self.persons):
            if actor.start < before and actor.code:
                return actor
        return None

    def last_group(self, before: int) -> tuple[Actor, ...]:
        """The latest coordinated group of two or more countries mentioned before this offset."""
        for start, group in reversed(self.groups):
            if start < before:
                return group
        return ()

    def remember(self, actor: Actor, person: bool) -> None:
        """Record an actor resolved from a phrase (once per span)."""
        if any(a.start == actor.start and a.end == actor.end for a in self.located[-8:]):
            return
        self.located.append(actor)
        if person:
            self.persons.append(actor)
