"""Looking at a built dataset: `stats` figures and `show` rows, from Python and the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import eventcoder
from eventcoder.build import build
from eventcoder.cli import main
from eventcoder.inspect_dataset import FilterError, grouped_reasons, row_filter
from eventcoder.pipeline import Pipeline

TEXTS = {
    "a": "Syrian troops shelled rebel positions near Aleppo on Monday.",
    "b": "Iran condemned the United States over the new sanctions.",
    "c": "The weather was mild and nothing else happened that week.",
}


@pytest.fixture(scope="module")
def built(pipeline: Pipeline, tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("look")
    lines = [json.dumps({"id": k, "text": v, "date": "2024-05-06"}) for k, v in TEXTS.items()]
    lines += ['{"id": "x1"}', '{"id": "x2"}']
    (base / "docs.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = base / "out"
    build([base / "docs.jsonl"], out, pipeline=pipeline)
    return out


def test_stats_count_documents_by_outcome_and_group_repeated_reasons(built: Path) -> None:
    figures = eventcoder.stats(built)
    assert figures.documents == 5
    assert figures.outcomes["quarantined"] == 2
    (reason, count), *_ = figures.quarantine_reasons
    assert count == 2 and "'text'" in reason
    assert figures.events == sum(n for _, _, n in figures.by_root)
    assert {root for root, _, _ in figures.by_root} >= {"11"}
    assert 0.0 < figures.with_date <= 1.0
    assert figures.first_date is not None and figures.first_date <= (figures.last_date or "")


def test_reasons_that_differ_only_in_numbers_or_quoted_values_are_grouped() -> None:
    grouped = grouped_reasons(
        [
            "duplicate document id 'a1' (first seen in /data/x.jsonl:3)",
            "duplicate document id 'b72' (first seen in /data/y.jsonl:9)",
            "missing 'text' field",
        ]
    )
    assert grouped == [
        ("duplicate document id '…' (first seen in …:N)", 2),
        ("missing 'text' field", 1),
    ]


def test_show_keeps_rows_that_match_every_clause(built: Path) -> None:
    every = eventcoder.show(built, limit=None)
    roots = {r["cameo_root"] for r in every}
    for root in roots:
        kept = eventcoder.show(built, f"cameo_root={root}", limit=None)
        assert kept and all(r["cameo_root"] == root for r in kept)
    assert eventcoder.show(built, "cameo_root=11 and actor_text~iran", limit=None) == [
        r for r in every if r["cameo_root"] == "11" and "iran" in (r["actor_text"] or "").lower()
    ]
    assert len(eventcoder.show(built, limit=1)) == 1


def test_filters_compare_numbers_as_numbers_and_know_null() -> None:
    assert row_filter("quad_class>=3")({"quad_class": 4})
    assert not row_filter("quad_class>=3")({"quad_class": 2})
    assert row_filter("target_code=null")({"target_code": None})
    assert row_filter("target_code!=null")({"target_code": "USA"})
    assert row_filter("actor_text~POLICE")({"actor_text": "the police"})


def test_a_filter_that_cannot_be_read_names_the_problem() -> None:
    with pytest.raises(FilterError, match="not a column"):
        row_filter("cameo_rot=19")
    with pytest.raises(FilterError, match="FIELD OP VALUE"):
        row_filter("cameo_root 19")


def test_stats_and_show_commands_print_for_a_reader(built: Path) -> None:
    runner = CliRunner()
    printed = runner.invoke(main, ["stats", str(built)])
    assert printed.exit_code == 0, printed.output
    assert "events by CAMEO root" in printed.output and "5 documents" in printed.output
    as_json = runner.invoke(main, ["stats", str(built), "--json"])
    assert json.loads(as_json.output)["documents"] == 5
    rows = runner.invoke(main, ["show", str(built), "--format", "jsonl", "--limit", "0"])
    assert len(rows.output.splitlines()) == eventcoder.stats(built).events
    table = runner.invoke(main, ["show", str(built), "--where", "cameo_root=11"])
    assert table.exit_code == 0 and "condemned" in table.output
    bad = runner.invoke(main, ["show", str(built), "--where", "nonsense"])
    assert bad.exit_code == 2 and "FIELD OP VALUE" in bad.output
    missing = runner.invoke(main, ["stats", str(built.parent / "nowhere")])
    assert missing.exit_code == 2 and "not a built dataset" in missing.output
