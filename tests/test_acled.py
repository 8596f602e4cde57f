"""ACLED labels: event types from CAMEO codes, inter codes from roles, the ACLED profile."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from helpers import good_row

from eventcoder.acled import (
    ACLED_TYPES,
    PROFILE_COLUMNS,
    AcledLabeler,
    acled_row,
    actor_inter,
    disorder_type,
    interaction,
    load_acled_rules,
)
from eventcoder.acled_cues import load_cues
from eventcoder.build import build
from eventcoder.config import BuildConfig
from eventcoder.errors import EventcoderError
from eventcoder.pipeline import Pipeline
from eventcoder.taxonomy import load_cameo_table
from eventcoder.types import AcledType, Actor, EventCandidate, Trigger

SHARED_ACLED = (
    Path(__file__).resolve().parents[2] / "shared" / "reference" / "acled_event_types.csv"
)


def _actor(code: str | None, country: str | None = None, role: str | None = None) -> Actor:
    return Actor("x", 0, 1, code, country, role)


def _candidate(code: str, actor: Actor | None, target: Actor | None = None) -> EventCandidate:
    return EventCandidate(0, actor, target, code, Trigger("t", 0, 1), "test.v1", 0.5)


def test_acled_type_names_match_the_acled_codebook_reference() -> None:
    if not SHARED_ACLED.exists():
        pytest.skip(f"{SHARED_ACLED} not present (needs ../shared beside the checkout)")
    with SHARED_ACLED.open(encoding="utf-8") as handle:
        reference = {(r["event_type"], r["sub_event_type"]) for r in csv.DictReader(handle)}

    ours = {(t, s) for t, subs in ACLED_TYPES.items() for s in subs}

    assert ours == reference
    assert len(ours) == 25 and len(ACLED_TYPES) == 6


def test_every_mapping_prefix_is_a_cameo_code() -> None:
    table = load_cameo_table()

    assert [r.prefix for r in load_acled_rules() if r.prefix not in table] == []


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("195", AcledType("Explosions/Remote violence", "Air/drone strike")),
        ("1951", AcledType("Explosions/Remote violence", "Air/drone strike")),
        ("145", AcledType("Protests", "Protest with intervention")),
        ("141", AcledType("Protests", "Peaceful protest")),
        ("190", AcledType("Battles", "Armed clash")),
        ("194", AcledType("Explosions/Remote violence", "Shelling/artillery/missile attack")),
        ("1831", AcledType("Explosions/Remote violence", "Suicide bomb")),
        ("181", AcledType("Violence against civilians", "Abduction/forced disappearance")),
        ("173", AcledType("Strategic developments", "Arrests")),
        ("111", None),
        ("010", None),
        ("163", None),
    ],
)
def test_cameo_codes_map_to_acled_types_within_scope(code: str, expected: AcledType | None) -> None:
    assert AcledLabeler.default().event_type(code, 1) == expected


def test_territory_occupation_depends_on_who_occupies() -> None:
    labeler = AcledLabeler.default()

    assert labeler.event_type("192", 1) == AcledType("Battles", "Government regains territory")
    assert labeler.event_type("192", 2) == AcledType(
        "Battles", "Non-state actor overtakes territory"
    )


@pytest.mark.parametrize(
    ("actor", "code", "inter"),
    [
        (_actor("USA", "USA"), "195", 1),
        (_actor("IRQMIL", "IRQ", "MIL"), "190", 1),
        (_actor("IRQCOP", "IRQ", "COP"), "190", 1),
        (_actor("REB", None, "REB"), "190", 2),
        (_actor("PRM", None, "PRM"), "190", 3),
        (_actor("IRQCVL", "IRQ", "CVL"), "180", 7),
        (_actor("IRQCVL", "IRQ", "CVL"), "141", 6),
        (_actor("IRQCVL", "IRQ", "CVL"), "145", 5),
        (_actor("IGOUNO"), "190", 8),
        (_actor(None), "190", None),
        (None, "190", None),
    ],
)
def test_inter_codes_follow_actor_roles(actor: Actor | None, code: str, inter: int | None) -> None:
    assert actor_inter(actor, code) == inter


def test_label_gives_type_and_both_inter_codes() -> None:
    cand = _candidate("190", _actor("PRM", None, "PRM"), _actor("IRQCOP", "IRQ", "COP"))

    labels = AcledLabeler.default().label(cand)

    assert labels.event_type == AcledType("Battles", "Armed clash")
    assert (labels.actor_inter, labels.target_inter) == (3, 1)


def test_interaction_puts_the_smaller_code_first() -> None:
    assert interaction(3, 1) == 13
    assert interaction(1, None) == 10
    assert interaction(None, None) is None


def test_acled_row_uses_acled_column_names_in_acled_order() -> None:
    row = good_row()
    row.update(
        cameo_code="195",
        cameo_root="19",
        acled_event_type="Explosions/Remote violence",
        acled_sub_event_type="Air/drone strike",
        disorder_type="Political violence",
        actor_inter=1,
        target_inter=None,
        interaction=10,
        fatalities=3,
        acled_event_id=row["event_id"],
        event_date="2024-02-03",
        date_precision="day",
        location_country="IRQ",
        location_name="Basrah",
        latitude=30.5,
        longitude=47.8,
        geo_precision=1,
    )

    out = acled_row(row)

    assert out is not None and tuple(out) == PROFILE_COLUMNS
    assert PROFILE_COLUMNS[:4] == ("event_date", "disorder_type", "event_type", "sub_event_type")
    assert PROFILE_COLUMNS[-1] == "fatalities"
    assert out["event_type"] == "Explosions/Remote violence"
    assert out["sub_event_type"] == "Air/drone strike"
    assert out["actor1"] == "Iraq (IRQ)" and out["inter1"] == 1 and out["interaction"] == 10
    assert (out["country"], out["location"], out["event_date"]) == ("Iraq", "Basrah", "2024-02-03")
    assert out["notes"] == row["sentence_text"] and out["fatalities"] == 3


def test_only_the_first_row_of_an_acled_event_is_exported() -> None:
    row = good_row()
    row.update(
        acled_event_type="Battles", acled_sub_event_type="Armed clash", acled_event_id="other"
    )

    assert acled_row(row) is None


def test_an_unnamed_side_gets_acled_generic_actor_name() -> None:
    row = good_row()
    row.update(
        actor_text=None,
        actor_code=None,
        actor_inter=6,
        acled_event_type="Protests",
        acled_sub_event_type="Peaceful protest",
        location_country="IRQ",
    )

    out = acled_row(row)

    assert out is not None and out["actor1"] == "Protesters (Iraq)"


@pytest.mark.parametrize(
    ("kind", "disorder"),
    [
        (AcledType("Battles", "Armed clash"), "Political violence"),
        (AcledType("Protests", "Peaceful protest"), "Demonstrations"),
        (AcledType("Riots", "Violent demonstration"), "Demonstrations"),
        (AcledType("Riots", "Mob violence"), "Political violence"),
        (
            AcledType("Protests", "Excessive force against protesters"),
            "Political violence; Demonstrations",
        ),
        (AcledType("Strategic developments", "Arrests"), "Strategic developments"),
    ],
)
def test_disorder_type_follows_acled(kind: AcledType, disorder: str) -> None:
    assert disorder_type(kind) == disorder


def test_rows_outside_acled_scope_are_not_exported() -> None:
    assert acled_row(good_row()) is None


def test_build_with_acled_profile_writes_in_scope_rows_as_csv(
    tmp_path: Path, pipeline: Pipeline
) -> None:
    seed = Path(__file__).resolve().parents[1] / "seeds"

    report = build([seed], tmp_path / "out", BuildConfig(profiles=["acled"]), pipeline=pipeline)

    path = tmp_path / "out" / "profiles" / "acled.csv"
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert rows and all(r["event_type"] and r["disorder_type"] for r in rows)
    assert "Air/drone strike" in {r["sub_event_type"] for r in rows}
    assert len(rows) < report.events
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["config"]["profiles"] == ["acled"]
    assert manifest["profiles"]["acled"] == {"path": "profiles/acled.csv", "rows": len(rows)}


def test_unknown_profile_is_refused_before_anything_is_written(
    tmp_path: Path, pipeline: Pipeline
) -> None:
    with pytest.raises(EventcoderError, match="known profiles: acled"):
        build([tmp_path], tmp_path / "out", BuildConfig(profiles=["gdelt"]), pipeline=pipeline)
    assert not (tmp_path / "out").exists()


def test_cue_lexicons_are_lower_case_words_or_phrases() -> None:
    cues = load_cues()

    assert {"CHEMICAL", "PROTEST", "TAKE_TERRITORY", "NONSTATE_WORDS"} <= set(cues)
    entries = [e for entries in cues.values() for e in entries]
    assert entries and all(e == " ".join(e.lower().split()) for e in entries)
