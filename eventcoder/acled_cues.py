"""Cue lexicons for ACLED typing, read from the package's `data/acled_cues.txt`: lemma sets
for the means of violence, protest, territory, strategic developments, the words that tell
state forces, non-state groups and civilians, and the words of clauses that did not happen.

Entries are lower-case spaCy lemmas or words (single words) or phrases of them (words joined by
one space, matched on the sentence's lemmas or words). They follow the ACLED codebook's
definitions of its 25 sub-event types; they are general words of conflict reporting.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from eventcoder.errors import LexiconError

ACLED_TYPER_VERSION = 8
"""Version of the ACLED typing rules and cue lexicons (recorded in `acled_rule_id`)."""

CUES_FILE = "acled_cues.txt"


@lru_cache(maxsize=1)
def load_cues() -> dict[str, frozenset[str]]:
    """The cue sets of the package's cue file, by name."""
    text = resources.files("eventcoder").joinpath("data", CUES_FILE).read_text("utf-8")
    sets: dict[str, set[str]] = {}
    current: set[str] | None = None
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = sets.setdefault(line[1:-1], set())
        elif current is None:
            raise LexiconError(f"{CUES_FILE}:{number}: an entry before any [NAME] heading")
        else:
            current.add(" ".join(line.lower().split()))
    return {name: frozenset(entries) for name, entries in sets.items()}


def _cues(name: str) -> frozenset[str]:
    found = load_cues().get(name)
    if found is None:
        raise LexiconError(f"{CUES_FILE}: no [{name}] section")
    return found


CHEMICAL = _cues("CHEMICAL")
SUICIDE = _cues("SUICIDE")
AIR = _cues("AIR")
AIR_PLATFORMS = _cues("AIR_PLATFORMS")
GRENADE = _cues("GRENADE")
SHELLING = _cues("SHELLING")
REMOTE_EXPLOSIVE = _cues("REMOTE_EXPLOSIVE")
DISRUPT_VERBS = _cues("DISRUPT_VERBS")
WEAPONS = _cues("WEAPONS")
DESTROYABLE_WEAPONS = _cues("DESTROYABLE_WEAPONS")
PROTEST = _cues("PROTEST")
DIPLOMATIC = _cues("DIPLOMATIC")
MOB = _cues("MOB")
PROTESTER_VIOLENCE = _cues("PROTESTER_VIOLENCE")
EXCESSIVE_FORCE = _cues("EXCESSIVE_FORCE")
INTERVENTION = _cues("INTERVENTION")
SEXUAL = _cues("SEXUAL")
ABDUCTION = _cues("ABDUCTION")
ATTACK_VERBS = _cues("ATTACK_VERBS")
CLASH = _cues("CLASH")
TAKE_TERRITORY = _cues("TAKE_TERRITORY")
TERRITORY = _cues("TERRITORY")
NONVIOLENT_TRANSFER = _cues("NONVIOLENT_TRANSFER")
BASE_ESTABLISHED = _cues("BASE_ESTABLISHED")
BASES = _cues("BASES")
AGREEMENT_STRONG = _cues("AGREEMENT_STRONG")
AGREEMENT_WEAK = _cues("AGREEMENT_WEAK")
CONFLICT_CONTEXT = _cues("CONFLICT_CONTEXT")
ARRESTS = _cues("ARRESTS")
LOOTING = _cues("LOOTING")
CHANGE_GROUP = _cues("CHANGE_GROUP")
EXPULSION = _cues("EXPULSION")
MASS_GRAVE = _cues("MASS_GRAVE")
DISPLACEMENT = _cues("DISPLACEMENT")
IRREALIS = _cues("IRREALIS")
IRREALIS_AUX = _cues("IRREALIS_AUX")
UNREAL_MODIFIERS = _cues("UNREAL_MODIFIERS")
REACTION = _cues("REACTION")
BACKGROUND = _cues("BACKGROUND")
STATE_WORDS = _cues("STATE_WORDS")
NONSTATE_WORDS = _cues("NONSTATE_WORDS")
CIVILIAN_WORDS = _cues("CIVILIAN_WORDS")
MILITARY_TARGETS = _cues("MILITARY_TARGETS")
REBEL_WORDS = _cues("REBEL_WORDS")
ATTACKING = _cues("ATTACKING")
ROADS = _cues("ROADS")
NOT_RIOT = _cues("NOT_RIOT")
CROWD_ACTS = _cues("CROWD_ACTS")
CROWD_HARM = _cues("CROWD_HARM")
CROWD = _cues("CROWD")
DAMAGED = _cues("DAMAGED")
PROTEST_PEOPLE = _cues("PROTEST_PEOPLE")
PROPERTY = _cues("PROPERTY")
GROUPS = _cues("GROUPS")
FORCES = _cues("FORCES")
HUMAN_TAKEN = _cues("HUMAN_TAKEN")
CLAUSE_MARKS = _cues("CLAUSE_MARKS")
NOT_EVENTS = _cues("NOT_EVENTS")
UNITS = _cues("UNITS")
CROWD_CONTROL = _cues("CROWD_CONTROL")
TOPIC_HEADS = _cues("TOPIC_HEADS")
LEAVE = _cues("LEAVE")
EXPEL = _cues("EXPEL")
STRONG_TAKE = _cues("STRONG_TAKE")
STATE_VICTIMS = _cues("STATE_VICTIMS")
KILLING = _cues("KILLING")
MOVE_FORCES = _cues("MOVE_FORCES")
AGREEMENTS = _cues("AGREEMENTS")
DISRUPTED_DIRECT = _cues("DISRUPTED_DIRECT")
RELEASE = _cues("RELEASE")
GATHER = _cues("GATHER")
LEADERSHIP = _cues("LEADERSHIP")
CAPTIVES = _cues("CAPTIVES")
BLASTS = _cues("BLASTS")
MOB_CROWD = _cues("MOB_CROWD")
MOB_VICTIMS = _cues("MOB_VICTIMS")
CAPTORS = _cues("CAPTORS")
MOB_VIOLENCE = _cues("MOB_VIOLENCE")
HARM = _cues("HARM")
VIOLENT_CONTEXT = _cues("VIOLENT_CONTEXT")
VIOLENCE_MARKS = _cues("VIOLENCE_MARKS")
BODIES = _cues("BODIES")
FOUND = _cues("FOUND")
STANCE = _cues("STANCE")
REPORTING = _cues("REPORTING")
TAKE_PEOPLE = _cues("TAKE_PEOPLE")
MISHAPS = _cues("MISHAPS")
MEANS_CONTEXT = _cues("MEANS_CONTEXT")
PLACES_OF_PEOPLE = _cues("PLACES_OF_PEOPLE")
SEARCHES = _cues("SEARCHES")
MINING = _cues("MINING")
FOIL = _cues("FOIL")
FOILED = _cues("FOILED")
HABITUAL = _cues("HABITUAL")
TALLY_HEADS = _cues("TALLY_HEADS")
TREND_VERBS = _cues("TREND_VERBS")
SPAN_UNITS = _cues("SPAN_UNITS")
NOT_EVENT_HEADS = _cues("NOT_EVENT_HEADS")
CRIME_KINDS = _cues("CRIME_KINDS")
PERMISSION = _cues("PERMISSION")
AGREEMENT_ACTS = _cues("AGREEMENT_ACTS")
ABSTRACT_FOES = _cues("ABSTRACT_FOES")
CRIME_NOUNS = _cues("CRIME_NOUNS")
SIGNIFICANT_PEOPLE = _cues("SIGNIFICANT_PEOPLE")
ORDINARY_CRIMES = _cues("ORDINARY_CRIMES")
ECONOMIC = _cues("ECONOMIC")
