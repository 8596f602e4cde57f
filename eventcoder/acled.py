"""ACLED tables: event and sub-event types, the CAMEO -> ACLED fallback mapping, actor types
(inter codes) from actor roles, disorder types, and the ACLED-named export profile."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from eventcoder.errors import LexiconError
from eventcoder.taxonomy import load_countries
from eventcoder.types import AcledType, Actor, EventCandidate

ACLED_TABLE = "cameo_acled.tsv"
STATE, NONSTATE = "state", "nonstate"

# ACLED actor types (inter codes).
STATE_FORCES, REBELS, POLITICAL_MILITIA, IDENTITY_MILITIA = 1, 2, 3, 4
RIOTERS, PROTESTERS, CIVILIANS, EXTERNAL = 5, 6, 7, 8
INTER_BY_ROLE: dict[str, int] = {
    **dict.fromkeys(("GOV", "MIL", "COP", "SPY", "LEG", "JUD"), STATE_FORCES),
    "REB": REBELS,
    # ACLED codes gangs and cartels as political militias (as it does unidentified groups)
    **dict.fromkeys(("PRM", "UAF", "CRM"), POLITICAL_MILITIA),
    **dict.fromkeys(
        ("CVL", "JRN", "MED", "EDU", "NGO", "REL", "BUS", "LAB", "AGR", "REF", "ELI", "OPP"),
        CIVILIANS,
    ),
}
# ACLED's event types and sub-event types (the ACLED codebook's names).
ACLED_TYPES: dict[str, tuple[str, ...]] = {
    "Battles": (
        "Armed clash",
        "Government regains territory",
        "Non-state actor overtakes territory",
    ),
    "Explosions/Remote violence": (
        "Chemical weapon",
        "Air/drone strike",
        "Suicide bomb",
        "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED",
        "Grenade",
    ),
    "Protests": (
        "Peaceful protest",
        "Protest with intervention",
        "Excessive force against protesters",
    ),
    "Riots": ("Violent demonstration", "Mob violence"),
    "Strategic developments": (
        "Agreement",
        "Arrests",
        "Change to group/activity",
        "Disrupted weapons use",
        "Headquarters or base established",
        "Looting/property destruction",
        "Non-violent transfer of territory",
        "Other",
    ),
    "Violence against civilians": ("Sexual violence", "Attack", "Abduction/forced disappearance"),
}
TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3}
# ACLED's disorder types: political violence, demonstrations (violence against protesters is
# both; mob violence is political violence), strategic developments.
POLITICAL_VIOLENCE, DEMONSTRATIONS = "Political violence", "Demonstrations"
STRATEGIC = "Strategic developments"
DISORDER_BY_TYPE: dict[str, str] = {
    "Battles": POLITICAL_VIOLENCE,
    "Explosions/Remote violence": POLITICAL_VIOLENCE,
    "Violence against civilians": POLITICAL_VIOLENCE,
    "Protests": DEMONSTRATIONS,
    "Riots": DEMONSTRATIONS,
    "Strategic developments": STRATEGIC,
}
DISORDER_BY_SUBTYPE: dict[str, str] = {
    "Excessive force against protesters": f"{POLITICAL_VIOLENCE}; {DEMONSTRATIONS}",
    "Mob violence": POLITICAL_VIOLENCE,
}
DISORDER_TYPES: tuple[str, ...] = (
    POLITICAL_VIOLENCE,
    DEMONSTRATIONS,
    STRATEGIC,
    f"{POLITICAL_VIOLENCE}; {DEMONSTRATIONS}",
)
CIVILIAN_TARGETING = "Civilian targeting"
# ACLED's generic actor names, by inter code, for a side the text does not name.
GENERIC_ACTORS: dict[int, str] = {
    STATE_FORCES: "Military Forces",
    REBELS: "Rebel Group",
    POLITICAL_MILITIA: "Unidentified Armed Group",
    IDENTITY_MILITIA: "Unidentified Communal Militia",
    RIOTERS: "Rioters",
    PROTESTERS: "Protesters",
    CIVILIANS: "Civilians",
}
PROFILE_COLUMNS: tuple[str, ...] = (
    "event_date",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "country",
    "admin1",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "notes",
    "fatalities",
)


# CAMEO codes that can carry an ACLED event (others, such as statements, never do).
ACLED_ROOTS = frozenset({"14", "15", "17", "18", "19", "20"})
ACLED_CODES = ("057", "0871", "0841", "087", "0861", "0862", "0863", "0831", "0832")


def acled_compatible(cameo_code: str) -> bool:
    """Whether a CAMEO code can carry an ACLED event (violence, protest, coercion, force
    posture, agreements to stop fighting); statements and diplomacy cannot.

    >>> acled_compatible("195"), acled_compatible("010"), acled_compatible("0871")
    (True, False, True)
    """
    return cameo_code[:2] in ACLED_ROOTS or cameo_code.startswith(ACLED_CODES)


def disorder_type(kind: AcledType) -> str:
    """ACLED's disorder type of an event type and sub-event type.

    >>> disorder_type(AcledType("Protests", "Excessive force against protesters"))
    'Political violence; Demonstrations'
    """
    return DISORDER_BY_SUBTYPE.get(kind.sub_event_type) or DISORDER_BY_TYPE[kind.event_type]


@dataclass(frozen=True)
class AcledRule:
    """One row of the CAMEO -> ACLED table."""

    prefix: str
    actor: str | None
    type: AcledType


@dataclass(frozen=True)
class AcledLabels:
    """ACLED event type (None outside ACLED's scope) and the actors' inter codes."""

    event_type: AcledType | None
    actor_inter: int | None
    target_inter: int | None


def actor_inter(actor: Actor | None, cameo_code: str) -> int | None:
    """The ACLED inter code of an actor, from its code and role; None when unknown."""
    if actor is None or actor.code is None:
        return None
    if actor.code.startswith("IGO"):
        return EXTERNAL
    if actor.role is None:
        return STATE_FORCES if actor.country else None
    inter = INTER_BY_ROLE.get(actor.role)
    if inter == CIVILIANS and cameo_code.startswith("14"):
        return RIOTERS if cameo_code.startswith("145") else PROTESTERS
    return inter


@lru_cache(maxsize=1)
def load_acled_rules() -> tuple[AcledRule, ...]:
    """The package's CAMEO -> ACLED table, longest prefix first."""
    text = resources.files("eventcoder").joinpath("data", ACLED_TABLE).read_text("utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    rules = []
    for row in csv.DictReader(lines, delimiter="\t"):
        actor = row["actor"] or None
        if actor not in {None, STATE, NONSTATE}:
            raise LexiconError(f"{ACLED_TABLE}: actor must be empty, state or nonstate: {actor}")
        kind = AcledType(row["acled_event_type"], row["acled_sub_event_type"])
        if kind.sub_event_type not in ACLED_TYPES.get(kind.event_type, ()):
            raise LexiconError(f"{ACLED_TABLE}: not an ACLED type: {kind}")
        rules.append(AcledRule(row["cameo_prefix"], actor, kind))
    return tuple(sorted(rules, key=lambda r: -len(r.prefix)))


class AcledLabeler:
    """Labels event candidates with ACLED types and inter codes."""

    def __init__(self, rules: Iterable[AcledRule]) -> None:
        self.rules = tuple(sorted(rules, key=lambda r: -len(r.prefix)))

    @classmethod
    def default(cls) -> AcledLabeler:
        """The labeler with the package's table."""
        return cls(load_acled_rules())

    def event_type(self, cameo_code: str, inter: int | None) -> AcledType | None:
        """The ACLED type for a CAMEO code, given the acting actor's inter code."""
        side = None if inter is None else STATE if inter == STATE_FORCES else NONSTATE
        for rule in self.rules:
            if cameo_code.startswith(rule.prefix) and rule.actor in {None, side}:
                return rule.type
        return None

    def label(self, candidate: EventCandidate) -> AcledLabels:
        """ACLED labels for one candidate."""
        inter1 = actor_inter(candidate.actor, candidate.cameo_code)
        inter2 = actor_inter(candidate.target, candidate.cameo_code)
        return AcledLabels(self.event_type(candidate.cameo_code, inter1), inter1, inter2)


def interaction(inter1: int | None, inter2: int | None) -> int | None:
    """ACLED's interaction code: the two inter codes, smaller first (10*a for one actor)."""
    codes = sorted(c for c in (inter1, inter2) if c is not None)
    if not codes:
        return None
    return codes[0] * 10 + (codes[1] if len(codes) > 1 else 0)


@lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    return {c.iso3: c.name for c in load_countries() if c.sovereign}


def acled_row(row: dict[str, Any]) -> dict[str, Any] | None:
    """An event row in ACLED's column names and order, or None when it is outside ACLED's
    scope or is not the first row of its ACLED event (one ACLED row per ACLED event)."""
    if row["acled_event_type"] is None:
        return None
    if row.get("acled_event_id") not in {None, row["event_id"]}:
        return None
    iso3 = row["location_country"]
    country = _country_names().get(iso3) if iso3 else None
    source = row["publisher"] or row["url"] or row["doc_id"]
    return {
        "event_date": row["event_date"],
        "disorder_type": row.get("disorder_type"),
        "event_type": row["acled_event_type"],
        "sub_event_type": row["acled_sub_event_type"],
        "actor1": _actor_name(row, "actor", row["actor_inter"], country),
        "assoc_actor_1": None,
        "inter1": row["actor_inter"],
        "actor2": _actor_name(row, "target", row["target_inter"], country),
        "assoc_actor_2": None,
        "inter2": row["target_inter"],
        "interaction": row.get("interaction"),
        "civilian_targeting": row.get("civilian_targeting"),
        "country": country,
        "admin1": row["admin1"],
        "location": row["location_name"],
        "latitude": row["latitude"],
        "longitude": row["longitude"],
        "geo_precision": row["geo_precision"],
        "source": source,
        "notes": row["sentence_text"],
        "fatalities": row.get("fatalities"),
    }


def _actor_name(
    row: dict[str, Any], prefix: str, inter: int | None, country: str | None
) -> str | None:
    text, code = row[f"{prefix}_text"], row[f"{prefix}_code"]
    if text is None:
        generic = GENERIC_ACTORS.get(inter) if inter is not None else None
        if generic is None:
            return None
        return f"{generic} ({country})" if country else generic
    return f"{text} ({code})" if code else str(text)


# The CAMEO code of an event the ACLED typer finds on its own, by sub-event type.
CAMEO_FOR_SUBTYPE: dict[str, str] = {
    "Armed clash": "190",
    "Government regains territory": "192",
    "Non-state actor overtakes territory": "192",
    "Chemical weapon": "2041",
    "Air/drone strike": "195",
    "Suicide bomb": "1831",
    "Shelling/artillery/missile attack": "194",
    "Remote explosive/landmine/IED": "183",
    "Grenade": "183",
    "Peaceful protest": "141",
    "Protest with intervention": "141",
    "Excessive force against protesters": "175",
    "Violent demonstration": "145",
    "Mob violence": "145",
    "Agreement": "057",
    "Arrests": "173",
    "Change to group/activity": "150",
    "Disrupted weapons use": "1711",
    "Headquarters or base established": "150",
    "Looting/property destruction": "171",
    "Non-violent transfer of territory": "192",
    "Sexual violence": "1821",
    "Attack": "180",
    "Abduction/forced disappearance": "181",
}
# Rules whose events have a CAMEO code of their own (Other has none in general).
CAMEO_FOR_RULE: dict[str, str] = {"other.expulsion": "201", "other.mass_grave": "202"}
# Sub-event types whose events report no fatalities of their own.
NO_FATALITIES = frozenset({"Strategic developments"})
NO_FATALITY_SUBTYPES = frozenset({"Peaceful protest", "Protest with intervention"})
# The actor types ACLED gives an event's sides when the text names no actor.
DEFAULT_INTERS: dict[str, tuple[int | None, int | None]] = {
    "Peaceful protest": (PROTESTERS, None),
    "Protest with intervention": (PROTESTERS, STATE_FORCES),
    "Excessive force against protesters": (STATE_FORCES, PROTESTERS),
    "Violent demonstration": (RIOTERS, None),
    "Mob violence": (RIOTERS, CIVILIANS),
    "Attack": (POLITICAL_MILITIA, CIVILIANS),
    "Sexual violence": (POLITICAL_MILITIA, CIVILIANS),
    "Abduction/forced disappearance": (POLITICAL_MILITIA, CIVILIANS),
}


def fill_sides(sub: str, inter1: int | None, inter2: int | None) -> tuple[int | None, int | None]:
    """The actor types ACLED gives the sides of an event whose text names them not: the
    sub-event type's pair (protesters and state forces for a protest with intervention),
    the side not yet taken going to the unknown one."""
    pair = DEFAULT_INTERS.get(sub)
    if pair is None:
        return inter1, inter2
    if inter1 is None and inter2 is None:
        return pair
    known = inter1 if inter1 is not None else inter2
    others = [p for p in pair if p is not None and p != known]
    if known not in pair or not others:
        return inter1, inter2
    return (others[0], inter2) if inter1 is None else (inter1, others[0])
