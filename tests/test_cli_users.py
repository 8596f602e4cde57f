"""What a user meets on the command line: loud failures, warnings, a file to code, log lines."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from eventcoder.cli import main

GOOD = "Turkey accused Greece of violating its airspace on Tuesday."


def test_a_build_that_codes_no_document_fails_with_its_causes_grouped(tmp_path: Path) -> None:
    table = tmp_path / "articles.csv"
    table.write_text("headline,body\nA,Turkey accused Greece.\nB,Greece denied it.\n", "utf-8")
    result = CliRunner().invoke(
        main, ["build", str(table), "--out", str(tmp_path / "out"), "--workers", "1"]
    )
    assert result.exit_code == 1
    assert "no input document could be coded" in result.output
    assert "CSV has no 'text' column" in result.output


def test_undated_documents_are_warned_about_and_a_date_column_can_be_named(
    tmp_path: Path,
) -> None:
    records = [{"id": "a", "text": GOOD, "published": "2024-05-07"}]
    path = tmp_path / "docs.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    runner = CliRunner()
    args = ["build", str(path), "--workers", "1", "--no-progress"]
    undated = runner.invoke(main, [*args, "--out", str(tmp_path / "one")])
    assert undated.exit_code == 0
    assert "1 of 1 documents (100%) have no publication date" in undated.output
    dated = runner.invoke(
        main, [*args, "--out", str(tmp_path / "two"), "--date-column", "published"]
    )
    assert dated.exit_code == 0 and "no publication date" not in dated.output


def test_a_build_off_a_terminal_logs_a_line_per_shard(tmp_path: Path) -> None:
    path = tmp_path / "docs.jsonl"
    lines = [
        json.dumps({"id": f"d{n}", "text": GOOD.replace("Tuesday", f"day {n}")}) for n in range(3)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = CliRunner().invoke(
        main,
        ["build", str(path), "--out", str(tmp_path / "out"), "--workers", "1", "--shard-size", "1"],
    )
    assert result.exit_code == 0
    logged = [line for line in result.output.splitlines() if " shard " in line]
    assert len(logged) == 3 and all("coded, 1 documents" in line for line in logged)


def test_code_reads_a_text_file_shows_dates_and_places_and_checks_the_date(
    tmp_path: Path,
) -> None:
    article = tmp_path / "article.txt"
    article.write_text("Police in Nairobi arrested twelve protesters on Monday.", encoding="utf-8")
    runner = CliRunner()
    coded = runner.invoke(main, ["code", str(article), "--date", "2024-05-08"])
    assert coded.exit_code == 0, coded.output
    assert "Nairobi" in coded.output and "2024-05-06" in coded.output
    wrong = runner.invoke(main, ["code", "Iran condemned Israel.", "--date", "2024-13-01"])
    assert wrong.exit_code == 2 and "YYYY-MM-DD" in wrong.output
