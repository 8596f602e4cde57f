"""The Markdown sections of the dataset card, one renderer per template placeholder."""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from eventcoder.about import __version__
from eventcoder.acled_cues import ACLED_TYPER_VERSION
from eventcoder.dataset import Manifest, Part
from eventcoder.features import (
    CLASS_LABEL_COLUMNS,
    QUAD_CLASS_PLACEHOLDER,
    ColumnFeature,
    column_features,
)
from eventcoder.taxonomy import load_cameo_table

MAX_TABLE_ROWS = 50
CARD_IMAGE = "report.png"  # the plots `eventcoder report --card` puts beside the card


@dataclass(frozen=True)
class CardContext:
    """What the sections are rendered from: the manifest and what the Parquet parts hold."""

    folder: Path
    manifest: Manifest
    repo_id: str | None
    name: str
    pretty_name: str
    columns: tuple[ColumnFeature, ...]
    label_counts: dict[str, Counter[Any]]
    publishers: Counter[str]
    split_bytes: dict[str, int]


def split_parts(manifest: Manifest) -> dict[str, list[Part]]:
    """Parts by split, splits in the manifest's order, only splits with parts."""
    return {split: parts for split, parts in manifest.parts_by_split().items() if parts}


def split_bytes(folder: Path, manifest: Manifest) -> dict[str, int]:
    """Uncompressed bytes per split, from the Parquet footers (no data read)."""
    import pyarrow.parquet as pq  # imported on use, for start-up time

    sizes: Counter[str] = Counter()
    for split, parts in split_parts(manifest).items():
        for part in parts:
            path = folder / part.path
            if path.is_file():
                meta = pq.ParquetFile(path).metadata
                sizes[split] += sum(
                    meta.row_group(i).total_byte_size for i in range(meta.num_row_groups)
                )
    return dict(sizes)


def card_context(
    folder: Path, manifest: Manifest, repo_id: str | None, title: str, name: str | None
) -> CardContext:
    """The context of a folder's card: label and publisher counts read from its parts."""
    import pyarrow.parquet as pq  # imported on use, for start-up time

    labels: dict[str, Counter[Any]] = {c: Counter() for c in CLASS_LABEL_COLUMNS}
    publishers: Counter[str] = Counter()
    wanted = [*CLASS_LABEL_COLUMNS, "publisher"]
    for part in manifest.parts:
        path = folder / part.path
        if not path.is_file():
            continue
        present = [c for c in wanted if c in pq.read_schema(path).names]
        table = pq.read_table(path, columns=present)
        for column in present:
            values = table.column(column).to_pylist()
            if column == "publisher":
                publishers.update(v for v in values if v)
            else:
                labels[column].update(values)
    return CardContext(
        folder,
        manifest,
        repo_id,
        name or folder.resolve().name,
        title,
        column_features(),
        labels,
        publishers,
        split_bytes(folder, manifest),
    )


def _cell(value: object) -> str:
    text = "" if value is None else str(value)
    return text.replace("|", "\\|").replace("\n", " ")


def _table(header: tuple[str, ...], rows: Sequence[Sequence[object]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(_cell(v) for v in row) + " |" for row in rows]
    return "\n".join(lines)


def _title(ctx: CardContext) -> str:
    return ctx.pretty_name


def _summary(ctx: CardContext) -> str:
    run = ctx.manifest.provenance
    counts = ctx.manifest.counts
    model, coder = run.spacy_model, run.coder
    return (
        f"Events coded from {counts.documents} English news documents by eventcoder "
        f"{run.eventcoder_version} (coder `{coder.get('coder', '?')}` version "
        f"{coder.get('coder_version', '?')}, spaCy pipeline `{model.get('name', '?')}` "
        f"{model.get('version', '?')}): {counts.events} events, one row per event "
        "dyad (who did what to whom, where and when), each linked to the exact sentence and "
        "character spans it was coded from. Event codes follow CAMEO 1.1b3, with PLOVER 2021 "
        f"and ACLED labels mapped from them. Built {ctx.manifest.finished[:10]}; every row "
        f"conforms to the event schema version {run.schema_version} (`event.schema.json`)."
    ) + _image(ctx)


def _image(ctx: CardContext) -> str:
    if not (ctx.folder / CARD_IMAGE).is_file():
        return ""
    return f"\n\n![Events over time by quad class, and by CAMEO root]({CARD_IMAGE})"


def _load(ctx: CardContext) -> str:
    where = ctx.repo_id or "path/to/this/folder"
    return (
        "```python\n"
        "from datasets import load_dataset\n\n"
        f'ds = load_dataset("{where}")\n'
        'row = ds["train"][0]\n'
        'ds["train"].features["cameo_root"].int2str(row["cameo_root"])  # e.g. "19"\n'
        "```\n\n"
        "The Parquet files can also be read directly (pyarrow, pandas, DuckDB, Polars): there "
        "`cameo_root` and `plover_event` are strings and `quad_class` the integer 1 to 4. "
        "`eventcoder export` turns the folder into training files (spaCy DocBin, token "
        "classification with BIO tags, sentence classification)."
    )


def _splits(ctx: CardContext) -> str:
    m = ctx.manifest
    parts = split_parts(m)
    docs: Counter[str] = Counter(
        d.split for d in m.documents if d.outcome in ("coded", "no_events") and d.split
    )
    names = list(m.by_split) or list(parts)
    rows = [(f"`{s}`", m.by_split.get(s, 0), docs[s], len(parts.get(s, []))) for s in names]
    ratios = "/".join(str(r) for r in m.config.split_ratios)
    text = _table(("split", "events", "documents", "Parquet files"), rows)
    note = (
        "\n\nSplits are assigned per document by a stable hash of `doc_id`, so the sentences of "
        f"one article never cross splits (target ratios train/validation/test {ratios})"
    )
    empty = [s for s in names if s not in parts]
    if empty:
        note += f". Splits without rows ({', '.join(empty)}) are left out of the `configs`"
    return text + note + "."


def _fields(ctx: CardContext) -> str:
    rows = []
    for col in ctx.columns:
        kind = f"ClassLabel ({len(col.names)})" if col.is_class_label else col.dtype
        rows.append((f"`{col.name}`", kind, "yes" if col.nullable else "no", col.description))
    return (
        "Generated from the JSON Schema (`event.schema.json`). Character offsets index the "
        "document text (Python string indices): "
        "`sentence_text[actor_start - sentence_start : actor_end - sentence_start] == "
        "actor_text`, and likewise for `target_` and `trigger_`.\n\n"
        + _table(("field", "type", "nullable", "meaning"), rows)
    )


def _class_labels(ctx: CardContext) -> str:
    table = load_cameo_table()
    by = {c.name: c for c in ctx.columns}
    roots = ctx.label_counts["cameo_root"]
    root_rows = [
        (i, f"`{name}`", table.get(name).name if name in table else "", roots.get(name, 0))
        for i, name in enumerate(by["cameo_root"].names)
    ]
    quads = ctx.label_counts["quad_class"]
    quad_rows = [
        (i, name, quads.get(i, 0) if i else "(not used)")
        for i, name in enumerate(by["quad_class"].names)
    ]
    plover = ctx.label_counts["plover_event"]
    plover_rows: list[tuple[object, ...]] = [
        (i, f"`{name}`", plover.get(name, 0)) for i, name in enumerate(by["plover_event"].names)
    ]
    plover_rows.append(("null", "(no PLOVER mapping)", plover.get(None, 0)))
    return "\n\n".join(
        [
            "`datasets` reads three columns as `ClassLabel` (declared in `dataset_info` above; "
            "the Parquet files keep the values below, and `load_dataset` casts them).",
            "`cameo_root`: the 20 CAMEO roots; the class index is the root minus one.",
            _table(("index", "root", "CAMEO name", "events"), root_rows),
            "`quad_class`: the class index is the quad class value itself (GDELT convention), "
            f"so index 0 (`{QUAD_CLASS_PLACEHOLDER}`) is a placeholder no row uses.",
            _table(("index", "name", "events"), quad_rows),
            "`plover_event`: the PLOVER 2021 event types in CAMEO table order. CAMEO codes "
            "without a PLOVER event (roots 01 and 02) are null, read as `None` by `datasets` "
            "(not a class: map it yourself, e.g. to a `none` class, if a model needs one).",
            _table(("index", "name", "events"), plover_rows),
        ]
    )


def _sources(ctx: CardContext) -> str:
    m = ctx.manifest
    inputs = m.provenance.inputs
    per_input: dict[str, Counter[str]] = {}
    paths = sorted((i.path for i in inputs), key=len, reverse=True)
    for doc in m.documents:
        owner = next(
            (p for p in paths if doc.source == p or doc.source.startswith(p + ":")), doc.source
        )
        counter = per_input.setdefault(owner, Counter())
        counter["documents"] += 1
        counter[doc.outcome] += 1
        counter["events"] += doc.events
    rows = []
    for item in inputs:
        c = per_input.get(item.path, Counter())
        rows.append(
            (
                f"`{item.path}`",
                item.bytes,
                f"`{item.sha256}`",
                c["documents"],
                c["coded"],
                c["no_events"],
                c["duplicate"],
                c["quarantined"],
                c["events"],
            )
        )
    header = (
        "input",
        "bytes",
        "sha256",
        "documents",
        "coded",
        "no events",
        "duplicates",
        "quarantined",
        "events",
    )
    text = f"{len(inputs)} input file(s), as recorded in `manifest.json`:\n\n"
    text += _table(header, rows[:MAX_TABLE_ROWS])
    if len(rows) > MAX_TABLE_ROWS:
        text += f"\n\n... and {len(rows) - MAX_TABLE_ROWS} more (see `manifest.json`)."
    counts = m.counts
    outcome_rows = [
        (k, getattr(counts, k))
        for k in ("documents", "coded", "no_events", "duplicates", "quarantined", "sentences")
    ]
    text += "\n\nDocument outcomes (every input document is accounted for):\n\n"
    text += _table(("outcome", "count"), outcome_rows)
    reasons = Counter(str(d.reason) for d in m.documents if d.outcome == "quarantined")
    if reasons:
        text += "\n\nQuarantine reasons (details in `quarantine.jsonl`):\n\n"
        text += _table(("reason", "documents"), reasons.most_common(10))
    if ctx.publishers:
        text += "\n\nEvents by publisher:\n\n"
        text += _table(("publisher", "events"), ctx.publishers.most_common(20))
    return text


def _flatten(prefix: str, value: Any) -> list[tuple[str, Any]]:
    if isinstance(value, dict):
        out: list[tuple[str, Any]] = []
        for key, item in value.items():
            out.extend(_flatten(f"{prefix}.{key}" if prefix else str(key), item))
        return out
    if isinstance(value, list):
        return [(prefix, ", ".join(str(v) for v in value))]
    return [(prefix, value)]


def _provenance(ctx: CardContext) -> str:
    m = ctx.manifest
    run = m.provenance
    rows: list[tuple[object, ...]] = [
        ("eventcoder", run.eventcoder_version, ""),
        ("event schema", run.schema_version, f"`{run.schema_sha256}`"),
    ]
    model = run.spacy_model
    name, package = model.get("name", "?"), model.get("package", "?")
    rows.append(
        (
            f"spaCy pipeline `{name}`" + ("" if name == package else f" (package `{package}`)"),
            f"{model.get('version', '?')} (spaCy {model.get('spacy_version', '?')})",
            "",
        )
    )
    coder = dict(run.coder)
    rows.append((f"coder `{coder.pop('coder', '?')}`", coder.pop("coder_version", "?"), ""))
    flat = dict(_flatten("", coder))
    for key, value in flat.items():
        if key.endswith("sha256"):
            base = key.removesuffix("sha256").removesuffix("_")
            if base not in flat:
                rows.append((base or key, "", f"`{value}`"))
            continue
        checksum = flat.get(f"{key}_sha256")
        rows.append((key, value, f"`{checksum}`" if checksum else ""))
    config = m.config
    settings: dict[str, Any] = {
        "coder": config.pipeline.coder,
        "model": config.pipeline.model,
        "split_ratios": list(config.split_ratios),
        "dedupe": config.dedupe,
        "one_a_day": config.one_a_day,
        "profiles": list(config.profiles),
    }
    listed = ", ".join(f"{k}={json.dumps(v)}" for k, v in settings.items())
    return (
        _table(("component", "version or file", "sha256"), rows)
        + f"\n\nBuild options: {listed}. Started {run.started}, finished "
        f"{m.finished}. The same inputs, versions and options give the same rows "
        "and `event_id`s."
    )


def _package_sha256(*parts: str) -> str:
    data = resources.files("eventcoder").joinpath(*parts).read_bytes()
    return hashlib.sha256(data).hexdigest()


def _taxonomies(ctx: CardContext) -> str:
    table = load_cameo_table()
    plover = next(c for c in ctx.columns if c.name == "plover_event").names
    built = ctx.manifest.provenance.eventcoder_version
    lines = [
        f"- **CAMEO 1.1b3** event codes: {len(table)} codes under {len(table.roots())} roots, "
        "with names, Goldstein values (CAMEO/ICEWS convention) and quad classes (GDELT "
        "convention), in `eventcoder/data/cameo_codes.tsv` "
        f"(sha256 `{_package_sha256('data', 'cameo_codes.tsv')}`).",
        f"- **PLOVER 2021**: `plover_event` ({len(plover)} event types), `plover_mode` and "
        "`plover_context` are mapped from the CAMEO code (the code's own row, else its "
        "three-digit parent, else its root) by the PLOVER columns of the same table, adapted "
        "from openeventdata/PLOVER (CAMEO2PLOVER-2021) under CC BY-SA 4.0.",
        "- **ACLED**: `acled_event_type`, `acled_sub_event_type` and `disorder_type` come from "
        f"eventcoder's ACLED typer (version {ACLED_TYPER_VERSION}, rule in `acled_rule_id`), "
        "which reads each sentence by the rules of ACLED's codebook (means of violence, who "
        "acts and who is hit, the character of a protest, territory, strategic developments); "
        "without a cue a coded event keeps the CAMEO-to-ACLED mapping "
        f"`eventcoder/data/cameo_acled.tsv` (sha256 `{_package_sha256('data', 'cameo_acled.tsv')}`"
        "). Statements, appeals and diplomacy get null. `actor_inter`/`target_inter` are ACLED "
        "actor types, `interaction` their ACLED code, `civilian_targeting` ACLED's flag, "
        "`fatalities` the toll the text reports (with `fatalities_text` and its offsets); rows "
        "of one ACLED event share `acled_event_id`.",
    ]
    text = "\n".join(lines)
    if built and built != __version__:
        text += (
            f"\n\nThe checksums above are those of eventcoder {__version__}, which rendered this "
            f"card; the rows were built by eventcoder {built}."
        )
    return text


def _limitations(ctx: CardContext) -> str:
    counts = ctx.manifest.counts
    coder = ctx.manifest.provenance.coder.get("coder", "?")
    items = [
        f"Machine-coded by the `{coder}` coder, not reviewed by people: rows contain coding "
        "errors (wrong actor, code or target; missed events). Measure precision and recall on "
        "your own gold sample (`eventcoder eval`) before drawing conclusions.",
        "English only. Each row is one event dyad: an event with coordinated actors gives one "
        "row per dyad (sharing `group_id`), so counting rows overcounts mentions.",
        "Only sentences with at least one coded event appear; the full document texts are not "
        "included (only `sentence_text`), and sentences without events are not rows.",
        "Actor codes come from dictionaries (countries, capitals, demonyms, roles, "
        "organisations): unknown groups and people are left uncoded (null codes).",
        "Event dates are resolved from date expressions against the publication date; relative "
        "dates without a publication date are null (`date_reason` says why).",
        "Locations come from a small gazetteer; many events have no location, and "
        "`geo_precision` tells how exact one is.",
        "Splits are drawn by a hash of the document id: with few documents their sizes can "
        "be far from the target ratios, or empty.",
        "The rows quote sentences of the source documents: their reuse is governed by the "
        "sources' terms, which the `license` field of this card cannot override.",
    ]
    if counts.quarantined:
        items.append(
            f"{counts.quarantined} input document(s) were quarantined and are not coded "
            "(reasons in `quarantine.jsonl`)."
        )
    if counts.invalid_rows:
        items.append(
            f"{counts.invalid_rows} coded row(s) failed the schema and were left out "
            "(in `quarantine.jsonl`)."
        )
    if counts.one_a_day_dropped:
        items.append(
            f"Built with one-a-day filtering: {counts.one_a_day_dropped} repeated events "
            "(same date, actors and code) were dropped."
        )
    return "\n".join(f"- {item}" for item in items)


def _files(ctx: CardContext) -> str:
    m = ctx.manifest
    lines = [
        f"- `data/{{split}}-{{shard}}-{{k}}.parquet`: the rows, {len(m.parts)} file(s), "
        "with the build provenance as Parquet key-value metadata (key `eventcoder`)",
        "- `manifest.json`: provenance, options, counts, the parts with their sha256, and the "
        "outcome of every input document",
        "- `event.schema.json`: the JSON Schema every row conforms to",
        "- `quarantine.jsonl`: documents that could not be coded and invalid rows, with reasons",
    ]
    for name, profile in m.profiles.items():
        lines.append(f"- `{profile.path}`: the `{name}` export profile, {profile.rows} rows")
    lines.append("- `README.md`: this card, generated from the manifest by eventcoder")
    if (ctx.folder / CARD_IMAGE).is_file():
        lines.append(f"- `{CARD_IMAGE}`: the plots above, written by `eventcoder report --card`")
    return "\n".join(lines)


def _citation(ctx: CardContext) -> str:
    run = ctx.manifest.provenance
    year = ctx.manifest.finished[:4] or "n.d."
    key = re.sub(r"[^A-Za-z0-9]+", "_", (ctx.repo_id or ctx.name)).strip("_")
    where = f"Hugging Face dataset {ctx.repo_id}" if ctx.repo_id else "dataset folder"
    bib = (
        "```bibtex\n"
        f"@misc{{{key}_{year},\n"
        f"  title = {{{{{ctx.pretty_name}}}}},\n"
        f"  year = {{{year}}},\n"
        f"  howpublished = {{{where}}},\n"
        f"  note = {{Coded with eventcoder {run.eventcoder_version}, event schema "
        f"{run.schema_version}}}\n"
        "}\n"
        "```"
    )
    refs = [
        "Schrodt, Philip A. 2012. *CAMEO: Conflict and Mediation Event Observations Event and "
        "Actor Codebook*, version 1.1b3. Pennsylvania State University.",
        "Gerner, Deborah J., Philip A. Schrodt, Ömür Yilmaz and Rajaa Abu-Jabr. 2002. "
        "*Conflict and Mediation Event Observations (CAMEO): A New Event Data Framework for "
        "the Analysis of Foreign Policy Interactions.* International Studies Association.",
        "PLOVER: Political Language Ontology for Verifiable Event Records (openeventdata/PLOVER), "
        "CAMEO-to-PLOVER mapping of 2021.",
        "Raleigh, Clionadh, Andrew Linke, Håvard Hegre and Joakim Karlsen. 2010. Introducing "
        "ACLED: An Armed Conflict Location and Event Dataset. *Journal of Peace Research* "
        "47(5): 651-660.",
    ]
    return (
        "If you use this dataset, cite it and the taxonomies it codes to:\n\n"
        + bib
        + "\n\n"
        + "\n".join(f"- {r}" for r in refs)
    )


PLACEHOLDERS: dict[str, Callable[[CardContext], str]] = {
    "title": _title,
    "summary": _summary,
    "load": _load,
    "splits": _splits,
    "fields": _fields,
    "class_labels": _class_labels,
    "sources": _sources,
    "provenance": _provenance,
    "taxonomies": _taxonomies,
    "limitations": _limitations,
    "files": _files,
    "citation": _citation,
}
"""The template placeholders (`{{ name }}`) and the sections they are replaced by."""
