"""The built-in rule coder: dependency-parse patterns from the event lexicon, actors resolved.

One module per stage: `triggers` finds the pattern each token meets, `frames` codes it
(complements, negation, future tense, speech and allegations), `roles` finds its actor and
target, `candidates` decides which triggers are events and builds their candidates, and
`coder` holds the RuleCoder that drives them; `syntax` has the parse helpers they share.
"""

from eventcoder.coders.rules.coder import RuleCoder
from eventcoder.coders.rules.frames import PROTEST_AIMS, PROTEST_CODES

__all__ = ["PROTEST_AIMS", "PROTEST_CODES", "RuleCoder"]
