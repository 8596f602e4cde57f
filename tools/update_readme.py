"""Regenerate the generated sections of the documentation: in README.md the field table (from
the JSON Schema) and the command reference (from the command line's own options), in
docs/evaluation.md the seed's event table (by coding the seed).
Run: .venv/bin/python tools/update_readme.py
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from eventcoder.schema import event_fields  # noqa: E402


def field_table() -> str:
    """The README's table of event row fields, generated from the schema."""
    lines = ["| field | type | nullable | meaning |", "|---|---|---|---|"]
    for f in event_fields():
        nullable = "yes" if f.nullable else "no"
        lines.append(f"| `{f.name}` | {f.json_type} | {nullable} | {f.description} |")
    return "\n".join(lines)


def seed_table() -> str:
    """The README's table of the seed's events, coded now."""
    from eventcoder.coders.registry import get_coder
    from eventcoder.ingest import read_inputs
    from eventcoder.nlp import load_nlp
    from eventcoder.pipeline import Pipeline
    from eventcoder.types import Document

    pipeline = Pipeline(load_nlp(), get_coder("rules"))
    (document,) = list(read_inputs([ROOT / "seeds" / "000_567aca93efc50564.txt"]))
    assert isinstance(document, Document)
    lines = [
        "| sent | actor (text) | actor_code | target (text) | target_code | cameo | name "
        "| trigger | location | rule_id |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in pipeline.code_document(document).rows:
        where = r["location_name"] or ""
        lines.append(
            f"| {r['sentence_index']} | {r['actor_text']} | {r['actor_code']} "
            f"| {r['target_text'] or ''} | {r['target_code'] or ''} | {r['cameo_code']} "
            f"| {r['cameo_name']} | {r['trigger_text']} | {where} | `{r['rule_id']}` |"
        )
    return "\n".join(lines)


COMMAND_ORDER = (
    "build",
    "code",
    "stats",
    "show",
    "report",
    "places",
    "validate",
    "eval",
    "export",
    "train",
    "push",
    "schema",
)


def command_reference() -> str:
    """The README's command reference: every command with every option, from click."""
    import click

    from eventcoder.cli import main as cli

    names = [n for n in COMMAND_ORDER if n in cli.commands]
    names += sorted(set(cli.commands) - set(names))
    blocks = []
    for name in names:
        command = cli.commands[name]
        context = click.Context(command, info_name=f"eventcoder {name}")
        usage = " ".join(command.collect_usage_pieces(context))
        lines = [f"### `eventcoder {name}`", "", (command.help or "").strip(), ""]
        lines += [f"`eventcoder {name} {usage}`", ""]
        options = [p for p in command.params if isinstance(p, click.Option)]
        if options:
            lines += ["| option | default | what it does |", "|---|---|---|"]
            for option in options:
                flags = " / ".join(f"`{o}`" for o in option.opts + option.secondary_opts)
                if not option.is_flag:
                    kind = option.make_metavar(context).replace("|", "\\|")
                    flags += f" {kind}"
                default = "required" if option.required else _default(option)
                text = (option.help or "").replace("|", "\\|")
                lines.append(f"| {flags} | {default} | {text} |")
            lines.append("")
        blocks.append("\n".join(lines).rstrip())
    return "\n\n".join(blocks)


def _default(option: Any) -> str:
    value = option.default
    if value is None or value == () or repr(value).startswith("Sentinel") or callable(value):
        return ""
    if option.is_flag and value is False:
        return ""
    if isinstance(value, tuple | list):
        return " ".join(f"`{v}`" for v in value)
    return f"`{value}`"


def replace_section(text: str, name: str, body: str) -> str:
    """Replace what stands between <!-- NAME:start --> and <!-- NAME:end -->."""
    pattern = re.compile(rf"(<!-- {name}:start -->\n).*?(\n<!-- {name}:end -->)", re.S)
    if not pattern.search(text):
        raise SystemExit(f"no {name} markers where they belong (README.md, docs/evaluation.md)")
    return pattern.sub(lambda m: m.group(1) + body + m.group(2), text)


def main() -> None:
    readme = ROOT / "README.md"
    text = readme.read_text(encoding="utf-8")
    text = replace_section(text, "fields", field_table())
    text = replace_section(text, "commands", command_reference())
    readme.write_text(text, encoding="utf-8")
    evaluation = ROOT / "docs" / "evaluation.md"
    text = replace_section(evaluation.read_text(encoding="utf-8"), "seed-events", seed_table())
    evaluation.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
