"""Behaviour of the `eventcoder` command line (eventcoder.cli), run in-process."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from eventcoder.about import __version__
from eventcoder.cli import main
from eventcoder.cli_output import _DocumentProgress
from eventcoder.dataset import DocumentOutcome
from eventcoder.schema import load_schema, schema_text

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_567aca93efc50564.txt"
README = ROOT / "README.md"

COMMANDS = sorted(main.commands)


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, click.testing.Result]:
    """The seed built once through the CLI (loads spaCy once for the module)."""
    out = tmp_path_factory.mktemp("cli") / "dataset"
    result = CliRunner().invoke(main, ["build", str(SEED), "--out", str(out)])
    return out, result


def test_cli_has_the_documented_commands() -> None:
    assert {"build", "code", "validate", "schema"} <= set(COMMANDS)


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_has_help_text_and_help_exits_zero(runner: CliRunner, name: str) -> None:
    help_text = (main.commands[name].help or "").strip()
    assert help_text, f"{name} has no help text"

    result = runner.invoke(main, [name, "--help"])

    assert result.exit_code == 0, result.output
    assert "Usage:" in result.output
    assert help_text.split(".")[0] in " ".join(result.output.split())


def test_every_option_has_help_text() -> None:
    missing = [
        f"{name} {param.name}"
        for name, command in main.commands.items()
        for param in command.params
        if isinstance(param, click.Option) and not (param.help or "").strip()
    ]
    assert missing == []


def test_top_level_help_lists_every_command(runner: CliRunner) -> None:
    result = runner.invoke(main, ["--help"])

    assert result.exit_code == 0
    for name in COMMANDS:
        assert name in result.output


def test_version_option_prints_the_package_version(runner: CliRunner) -> None:
    result = runner.invoke(main, ["--version"])

    assert result.exit_code == 0
    assert __version__ in result.output


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_is_shown_in_the_readme(name: str) -> None:
    readme = README.read_text(encoding="utf-8")
    assert f"eventcoder {name}" in readme


def test_schema_command_prints_the_packaged_schema_as_json(runner: CliRunner) -> None:
    result = runner.invoke(main, ["schema"])

    assert result.exit_code == 0
    assert result.stdout == schema_text()
    assert json.loads(result.stdout) == load_schema()


def test_code_command_prints_jsonl_rows_with_string_cameo_codes(runner: CliRunner) -> None:
    result = runner.invoke(main, ["code", "Iraq condemned Israel.", "--format", "jsonl"])

    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    assert rows
    assert "111" in [row["cameo_code"] for row in rows]
    row = next(r for r in rows if r["cameo_code"] == "111")
    assert (row["actor_code"], row["target_code"], row["trigger_text"]) == (
        "IRQ",
        "ISR",
        "condemned",
    )
    assert list(row) == list(load_schema()["properties"])


def test_build_command_prints_a_summary_and_exits_zero(
    built: tuple[Path, click.testing.Result],
) -> None:
    out, result = built

    assert result.exit_code == 0, result.output
    assert "events" in result.stdout
    assert "documents 1" in result.stdout
    assert (out / "manifest.json").is_file()


def test_second_build_without_overwrite_exits_2_and_names_the_flag(
    built: tuple[Path, click.testing.Result], runner: CliRunner
) -> None:
    out, _ = built
    before = (out / "manifest.json").read_bytes()

    result = runner.invoke(main, ["build", str(SEED), "--out", str(out)])

    assert result.exit_code == 2
    assert "--overwrite" in result.stderr
    assert "Traceback" not in result.output
    assert (out / "manifest.json").read_bytes() == before


def test_build_with_missing_input_exits_2_with_a_message(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(
        main, ["build", str(tmp_path / "nope.txt"), "--out", str(tmp_path / "o")]
    )

    assert result.exit_code == 2
    assert "does not exist" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_build_with_unknown_coder_exits_2_listing_known_coders(
    runner: CliRunner, tmp_path: Path
) -> None:
    result = runner.invoke(
        main, ["build", str(SEED), "--out", str(tmp_path / "o"), "--coder", "nonesuch"]
    )

    assert result.exit_code == 2
    assert "nonesuch" in result.stderr and "rules" in result.stderr


def test_validate_command_accepts_the_built_folder(
    built: tuple[Path, click.testing.Result], runner: CliRunner
) -> None:
    out, _ = built

    result = runner.invoke(main, ["validate", str(out)])

    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("ok:")


def test_validate_command_on_bad_jsonl_exits_1_naming_row_and_field(
    runner: CliRunner, tmp_path: Path
) -> None:
    rows = tmp_path / "rows.jsonl"
    rows.write_text(json.dumps({"event_id": "nothex"}) + "\n", encoding="utf-8")

    result = runner.invoke(main, ["validate", str(rows)])

    assert result.exit_code == 1
    assert "row 0" in result.stdout
    assert "event_id" in result.stdout
    assert "doc_id" in result.stdout
    assert "violations" in result.stderr


def test_validate_command_on_missing_path_exits_2(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["validate", str(tmp_path / "nope")])

    assert result.exit_code == 2
    assert "does not exist" in result.stderr


def test_build_progress_bar_runs_no_thread_so_workers_fork_from_a_threadless_process() -> None:
    before = threading.active_count()
    outcome = DocumentOutcome(seq=0, doc_id="a", source="in.jsonl", outcome="coded", events=2)
    with _DocumentProgress(3) as bar:
        assert threading.active_count() == before
        for _ in range(3):
            bar.advance(outcome)
        assert threading.active_count() == before
    assert (bar.documents, bar.events) == (3, 6)
    assert bar.progress.tasks[0].completed == 3
