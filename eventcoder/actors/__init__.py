"""Actor resolution: country/organisation names, roles and context, from parsed noun phrases.

Owns the actor lexicon (countries, organisations, role nouns) and the rules that turn a
spaCy token heading a noun phrase into coded Actors, including coordination, "-backed"
sponsors, plural anaphora ("both countries"), pronouns and references to earlier events:
`lexicon` loads the lexicon, `mentions` finds its names in a sentence, `context` holds what
earlier sentences established, and `resolve` turns phrase heads into Actors. A resource layer:
it imports only eventcoder.types, errors and taxonomy.
"""

from eventcoder.actors.context import DocumentContext, PastAttack
from eventcoder.actors.lexicon import (
    CRIME_WORDS,
    ActorLexicon,
    NameEntry,
    RoleEntry,
    load_actor_lexicon,
)
from eventcoder.actors.mentions import DocArrays, NameMention, find_names
from eventcoder.actors.resolve import ActorResolver

__all__ = [
    "CRIME_WORDS",
    "ActorLexicon",
    "ActorResolver",
    "DocArrays",
    "DocumentContext",
    "NameEntry",
    "NameMention",
    "PastAttack",
    "RoleEntry",
    "find_names",
    "load_actor_lexicon",
]
