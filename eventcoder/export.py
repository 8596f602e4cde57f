"""Training exports of a built dataset folder: spaCy DocBin, token and sentence classification.

`export(folder, fmt, out)` writes one file per split (train/validation/test, as the rows'
`split` column says) into the folder `out`, plus `export.json` (what was exported from
what) and, for the JSONL formats, `labels.json`. Every example is one sentence:

- `spacy`: `{split}.spacy`, a DocBin of sentence Docs with the actor, target and trigger
  spans in `doc.spans["sc"]` (labels ACTOR, TARGET, TRIGGER: spancat's default key) and
  the CAMEO roots as document categories (`doc.cats`, one 0/1 entry per root "01".."20",
  multi-label: a sentence can hold events of several roots; all 0 for a sentence without
  events). `doc.user_data` keeps doc_id, sentence_index and the CAMEO codes. Ready for
  `spacy train` with spancat and textcat_multilabel components.
- `token-classification`: `{split}.jsonl`, one line per sentence with `tokens`, their
  character offsets in the sentence (`starts`, `ends`) and BIO `tags` over ACTOR, TARGET
  and TRIGGER. BIO tags cannot overlap: where spans overlap, TRIGGER wins over ACTOR over
  TARGET, then the longer span; the spans left out are counted (`dropped_spans`).
- `sentence-classification`: `{split}.jsonl`, one line per sentence with `text`, `label`
  (the CAMEO root of its first event by trigger position, or `none` for a sentence without
  events), and all its `roots` and `codes` (multi-label).

Tokens come from spaCy's rule-based English tokenizer (`spacy.blank("en")`, no model),
split further wherever a span starts or ends inside a token, so every span is a whole
number of tokens and its characters are exactly the row's text.

Sentences without events are not rows of the dataset, so they come from the build's
inputs: with `inputs` (the same files the build read, checked against the manifest's
sha256) the documents are read and split into sentences again with the build's spaCy
pipeline, and every sentence of every coded or no-event document is exported. Without
`inputs`, only sentences with events are exported; `sentence-classification` requires
`inputs` (its `none` class is those sentences).

The output folder is written beside its final place and renamed into it: it is complete or
absent. An existing non-empty `out` is replaced only with `overwrite`.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import shutil
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eventcoder.about import __version__
from eventcoder.dataset import MANIFEST, Manifest, inputs_mismatch, read_manifest, swap_into_place
from eventcoder.errors import EventcoderError
from eventcoder.ingest import read_inputs, sha256_file
from eventcoder.nlp import NLP, load_nlp, sentences
from eventcoder.outputs import OutputLock, check_output
from eventcoder.taxonomy import load_cameo_table
from eventcoder.types import Document

FORMATS: tuple[str, ...] = ("spacy", "token-classification", "sentence-classification")
SPAN_LABELS: tuple[str, ...] = ("ACTOR", "TARGET", "TRIGGER")
BIO_PRIORITY: tuple[str, ...] = ("TRIGGER", "ACTOR", "TARGET")
SPANS_KEY = "sc"
NONE_LABEL = "none"
EXPORT_FILE = "export.json"
LABELS_FILE = "labels.json"
_ROW_COLUMNS = (
    "event_id",
    "doc_id",
    "split",
    "sentence_index",
    "sentence_text",
    "sentence_start",
    "actor_text",
    "actor_start",
    "actor_end",
    "target_text",
    "target_start",
    "target_end",
    "trigger_text",
    "trigger_start",
    "trigger_end",
    "cameo_code",
    "cameo_root",
)


class ExportError(EventcoderError):
    """The dataset cannot be exported as asked."""


@dataclass(frozen=True)
class ExportReport:
    """What an export wrote."""

    out: Path
    format: str
    files: tuple[str, ...]
    examples: dict[str, int]
    sentences_with_events: int
    sentences_without_events: int
    spans: dict[str, int]
    dropped_spans: int
    used_inputs: bool
    elapsed_s: float


@dataclass
class ExportSentence:
    """One sentence of the dataset with its labelled spans (offsets in the sentence)."""

    split: str
    doc_id: str
    index: int
    text: str
    start: int
    spans: set[tuple[int, int, str]] = field(default_factory=set)
    events: list[tuple[int, str, str]] = field(default_factory=list)  # trigger start, code, root

    @property
    def roots(self) -> list[str]:
        """The CAMEO roots of its events, sorted, each once."""
        return sorted({root for _, _, root in self.events})

    @property
    def codes(self) -> list[str]:
        """The CAMEO codes of its events, sorted, each once."""
        return sorted({code for _, code, _ in self.events})

    @property
    def label(self) -> str:
        """The root of the first event by trigger position, or `none`."""
        return min(self.events)[2] if self.events else NONE_LABEL


def export(
    folder: str | Path,
    fmt: str,
    out: str | Path,
    *,
    inputs: Iterable[str | Path] | None = None,
    nlp: NLP | None = None,
    overwrite: bool = False,
) -> ExportReport:
    """Export a built dataset folder as training files in `fmt` (one of FORMATS) into `out`.

    `inputs` are the build's input paths, needed for sentences without events (required for
    sentence-classification); `nlp` is the spaCy pipeline to split them with (default: the
    one the manifest names). Returns an ExportReport; never prints.
    """
    clock = time.perf_counter()
    folder, out = Path(folder), Path(out)
    if fmt not in FORMATS:
        raise ExportError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    paths = [Path(p) for p in inputs] if inputs is not None else None
    if fmt == "sentence-classification" and not paths:
        paths = _built_from(folder)
    with OutputLock(out):
        check_output(out, [folder, *(paths or [])], overwrite=overwrite, kind="export")
        try:
            manifest = read_manifest(folder)
        except EventcoderError as err:
            raise ExportError(str(err)) from None
        found = event_sentences(folder, manifest)
        if paths:
            found = with_inputs(found, manifest, paths, nlp)
        ordered = _in_document_order(found, manifest)
        staging = out.parent / f".{out.name}.exporting"
        if staging.exists():
            shutil.rmtree(staging)
        staging.mkdir(parents=True)
        try:
            writer = {
                "spacy": _write_spacy,
                "token-classification": _write_token_classification,
                "sentence-classification": _write_sentence_classification,
            }[fmt]
            files, examples, spans, dropped = writer(staging, ordered)
            with_events = sum(1 for s in ordered if s.events)
            record = {
                "format": fmt,
                "created": dt.datetime.now(dt.UTC).isoformat(),
                "eventcoder_version": __version__,
                "source": {
                    "folder": str(folder),
                    "manifest_sha256": sha256_file(folder / MANIFEST),
                    "eventcoder_version": manifest.provenance.eventcoder_version,
                    "schema_version": manifest.provenance.schema_version,
                },
                "inputs": [str(p) for p in paths] if paths else None,
                "examples": examples,
                "sentences_with_events": with_events,
                "sentences_without_events": len(ordered) - with_events,
                "spans": spans,
                "dropped_spans": dropped,
            }
            _write_text(staging / EXPORT_FILE, json.dumps(record, indent=2) + "\n")
            files.append(EXPORT_FILE)
            swap_into_place(staging, out)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        return ExportReport(
            out=out,
            format=fmt,
            files=tuple(sorted(files)),
            examples=examples,
            sentences_with_events=with_events,
            sentences_without_events=len(ordered) - with_events,
            spans=spans,
            dropped_spans=dropped,
            used_inputs=bool(paths),
            elapsed_s=round(time.perf_counter() - clock, 3),
        )


# --- sentences --------------------------------------------------------------------------------


def event_sentences(
    folder: str | Path, manifest: Manifest | None = None
) -> dict[tuple[str, int], ExportSentence]:
    """The sentences with events, keyed by (doc_id, sentence_index), from the Parquet parts."""
    import pyarrow.parquet as pq  # imported on use, for start-up time

    folder = Path(folder)
    manifest = manifest if manifest is not None else read_manifest(folder)
    found: dict[tuple[str, int], ExportSentence] = {}
    for part in manifest.parts:
        path = folder / part.path
        if not path.is_file():
            raise ExportError(f"{path} is listed in the manifest but missing; rebuild the dataset")
        for row in pq.read_table(path, columns=list(_ROW_COLUMNS)).to_pylist():
            key = (row["doc_id"], row["sentence_index"])
            sentence = found.get(key)
            if sentence is None:
                split = row["split"] or part.split or "train"
                sentence = ExportSentence(
                    split,
                    row["doc_id"],
                    row["sentence_index"],
                    row["sentence_text"],
                    row["sentence_start"],
                )
                found[key] = sentence
            base = sentence.start
            for prefix, label in zip(("actor", "target", "trigger"), SPAN_LABELS, strict=True):
                text, start, end = (
                    row[f"{prefix}_text"],
                    row[f"{prefix}_start"],
                    row[f"{prefix}_end"],
                )
                if text is None or start is None or end is None or end <= start:
                    continue
                if sentence.text[start - base : end - base] != text:
                    raise ExportError(
                        f"row {row['event_id']}: {prefix}_text does not match the sentence at "
                        "its offsets; validate the dataset (eventcoder validate)"
                    )
                sentence.spans.add((start - base, end - base, label))
            sentence.events.append((row["trigger_start"], row["cameo_code"], row["cameo_root"]))
    return found


def with_inputs(
    found: dict[tuple[str, int], ExportSentence],
    manifest: Manifest,
    inputs: list[Path],
    nlp: NLP | None = None,
) -> dict[tuple[str, int], ExportSentence]:
    """`found` plus every other sentence of the coded and no-event documents of the inputs.

    The inputs must be the build's (same files by sha256), and splitting them again must
    give the build's sentences (the same spaCy pipeline); ExportError otherwise.
    """
    _check_inputs(manifest, inputs)
    outcomes = {
        d.doc_id: d
        for d in manifest.documents
        if d.outcome in ("coded", "no_events") and d.doc_id is not None
    }
    docs = [
        item
        for item in read_inputs(inputs, manifest.config.read)
        if isinstance(item, Document) and item.doc_id in outcomes
    ]
    if nlp is None:
        nlp = load_nlp(manifest.provenance.spacy_model.get("package"))
    batch = manifest.config.batch_size
    merged = dict(found)
    seen: set[str] = set()
    for doc, parsed in zip(docs, nlp.parse_many((d.text for d in docs), batch), strict=True):
        seen.add(doc.doc_id)
        outcome = outcomes[doc.doc_id]
        split = outcome.split or "train"
        parts = [s for s, _ in sentences(doc, parsed)]
        if len(parts) != outcome.sentences:
            raise _mismatch(doc.doc_id, manifest)
        for s in parts:
            key = (doc.doc_id, s.index)
            old = merged.get(key)
            if old is None:
                merged[key] = ExportSentence(split, doc.doc_id, s.index, s.text, s.start)
            elif (old.text, old.start) != (s.text, s.start):
                raise _mismatch(doc.doc_id, manifest)
    missing = sorted(set(outcomes) - seen)
    if missing:
        raise ExportError(
            f"documents of the manifest not found in the inputs: {', '.join(missing[:5])}"
            + (" ..." if len(missing) > 5 else "")
        )
    return merged


def _check_inputs(manifest: Manifest, inputs: list[Path]) -> None:
    try:
        mismatch = inputs_mismatch(manifest, inputs)
    except EventcoderError as err:
        raise ExportError(str(err)) from None
    if mismatch is not None:
        raise ExportError(
            "the inputs must be the files the dataset was built from (compared by sha256 with "
            f"manifest.json): {mismatch}"
        )


def _mismatch(doc_id: str, manifest: Manifest) -> ExportError:
    model = manifest.provenance.spacy_model
    return ExportError(
        f"document {doc_id!r} splits into other sentences than in the build; use the build's "
        f"spaCy pipeline ({model.get('package')} {model.get('version')})"
    )


def _in_document_order(
    found: dict[tuple[str, int], ExportSentence], manifest: Manifest
) -> list[ExportSentence]:
    order = {d.doc_id: i for i, d in enumerate(manifest.documents)}
    return sorted(
        found.values(), key=lambda s: (order.get(s.doc_id, len(order)), s.doc_id, s.index)
    )


# --- tokens and spans -------------------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def _blank() -> Any:
    import spacy

    return spacy.blank("en")


def tokens(text: str, cuts: Iterable[int] = ()) -> list[tuple[int, int, bool]]:
    """(start, end, followed by a space) of the tokens of `text`, split at every cut offset.

    spaCy's English tokenizer, with tokens cut further wherever a span boundary falls inside
    one, so that each span covers whole tokens.
    """
    points = sorted(set(cuts))
    out: list[tuple[int, int, bool]] = []
    for token in _blank().tokenizer(text):
        start, end = token.idx, token.idx + len(token.text)
        inner = [p for p in points if start < p < end]
        edges = [start, *inner, end]
        for i in range(len(edges) - 1):
            last = i == len(edges) - 2
            out.append((edges[i], edges[i + 1], bool(token.whitespace_) and last))
    return out


def _span_cuts(sentence: ExportSentence) -> list[int]:
    return [p for s, e, _ in sentence.spans for p in (s, e)]


def bio_spans(spans: Iterable[tuple[int, int, str]]) -> tuple[list[tuple[int, int, str]], int]:
    """Non-overlapping spans for BIO tags (TRIGGER over ACTOR over TARGET, then longer first)."""
    rank = {label: i for i, label in enumerate(BIO_PRIORITY)}
    kept: list[tuple[int, int, str]] = []
    dropped = 0
    for start, end, label in sorted(spans, key=lambda s: (rank[s[2]], s[0] - s[1], s[0])):
        if any(start < e and s < end for s, e, _ in kept):
            dropped += 1
            continue
        kept.append((start, end, label))
    return sorted(kept), dropped


def bio_tags(toks: list[tuple[int, int, bool]], spans: list[tuple[int, int, str]]) -> list[str]:
    """BIO tags of `toks` for non-overlapping `spans` aligned to token edges."""
    tags = ["O"] * len(toks)
    for start, end, label in spans:
        inside = [i for i, (s, e, _) in enumerate(toks) if s >= start and e <= end]
        for n, i in enumerate(inside):
            tags[i] = f"{'B' if n == 0 else 'I'}-{label}"
    return tags


# --- writers ----------------------------------------------------------------------------------

_Written = tuple[list[str], dict[str, int], dict[str, int], int]


def _by_split(sentences_: list[ExportSentence]) -> Iterator[tuple[str, list[ExportSentence]]]:
    splits: dict[str, list[ExportSentence]] = {}
    for s in sentences_:
        splits.setdefault(s.split, []).append(s)
    order = ("train", "validation", "test")
    for name in sorted(splits, key=lambda n: (order.index(n) if n in order else 9, n)):
        yield name, splits[name]


def _write_spacy(staging: Path, ordered: list[ExportSentence]) -> _Written:
    from spacy.tokens import Doc, DocBin

    vocab = _blank().vocab
    roots = load_cameo_table().roots()
    files, examples = [], {}
    counts: Counter[str] = Counter()
    for split, group in _by_split(ordered):
        docbin = DocBin(store_user_data=True)
        for sentence in group:
            toks = tokens(sentence.text, _span_cuts(sentence))
            doc = Doc(
                vocab,
                words=[sentence.text[s:e] for s, e, _ in toks],
                spaces=[space for _, _, space in toks],
            )
            if doc.text != sentence.text:
                raise ExportError(
                    f"tokens do not rebuild sentence {sentence.doc_id}:{sentence.index}"
                )
            spans = []
            for start, end, label in sorted(sentence.spans):
                span = doc.char_span(start, end, label=label, alignment_mode="strict")
                if span is None:  # pragma: no cover - cuts make every span align
                    raise ExportError(f"span {start}-{end} does not align in {sentence.doc_id}")
                spans.append(span)
                counts[label] += 1
            doc.spans[SPANS_KEY] = spans
            present = set(sentence.roots)
            doc.cats = {root: 1.0 if root in present else 0.0 for root in roots}
            doc.user_data["doc_id"] = sentence.doc_id
            doc.user_data["sentence_index"] = sentence.index
            doc.user_data["cameo_codes"] = sentence.codes
            docbin.add(doc)
        name = f"{split}.spacy"
        docbin.to_disk(staging / name)
        files.append(name)
        examples[split] = len(group)
    return files, examples, dict(sorted(counts.items())), 0


def _write_token_classification(staging: Path, ordered: list[ExportSentence]) -> _Written:
    files, examples = [], {}
    counts: Counter[str] = Counter()
    dropped = 0
    for split, group in _by_split(ordered):
        lines = []
        for sentence in group:
            kept, lost = bio_spans(sentence.spans)
            dropped += lost
            counts.update(label for _, _, label in kept)
            toks = [
                t
                for t in tokens(sentence.text, _span_cuts(sentence))
                if sentence.text[t[0] : t[1]].strip()
            ]
            record = {
                "id": f"{sentence.doc_id}:{sentence.index}",
                "doc_id": sentence.doc_id,
                "sentence_index": sentence.index,
                "text": sentence.text,
                "tokens": [sentence.text[s:e] for s, e, _ in toks],
                "starts": [s for s, _, _ in toks],
                "ends": [e for _, e, _ in toks],
                "tags": bio_tags(toks, kept),
            }
            lines.append(json.dumps(record, ensure_ascii=False))
        name = f"{split}.jsonl"
        _write_text(staging / name, "".join(line + "\n" for line in lines))
        files.append(name)
        examples[split] = len(group)
    tags = ["O", *(f"{p}-{label}" for label in SPAN_LABELS for p in ("B", "I"))]
    _write_text(staging / LABELS_FILE, json.dumps({"tags": tags}, indent=2) + "\n")
    files.append(LABELS_FILE)
    return files, examples, dict(sorted(counts.items())), dropped


def _write_sentence_classification(staging: Path, ordered: list[ExportSentence]) -> _Written:
    files, examples = [], {}
    counts: Counter[str] = Counter()
    for split, group in _by_split(ordered):
        lines = []
        for sentence in group:
            counts[sentence.label] += 1
            record = {
                "id": f"{sentence.doc_id}:{sentence.index}",
                "doc_id": sentence.doc_id,
                "sentence_index": sentence.index,
                "text": sentence.text,
                "label": sentence.label,
                "roots": sentence.roots,
                "codes": sentence.codes,
            }
            lines.append(json.dumps(record, ensure_ascii=False))
        name = f"{split}.jsonl"
        _write_text(staging / name, "".join(line + "\n" for line in lines))
        files.append(name)
        examples[split] = len(group)
    table = load_cameo_table()
    labels = [NONE_LABEL, *table.roots()]
    names = {NONE_LABEL: "no event", **{r: table.get(r).name for r in table.roots()}}
    _write_text(
        staging / LABELS_FILE, json.dumps({"label": labels, "names": names}, indent=2) + "\n"
    )
    files.append(LABELS_FILE)
    return files, examples, {}, 0


# --- files ------------------------------------------------------------------------------------


def _built_from(folder: Path) -> list[Path]:
    """The input files the dataset was built from, as its manifest lists them (data files,
    not sidecars or descriptors), when they are all still there."""
    try:
        manifest = read_manifest(folder)
    except EventcoderError as err:
        raise ExportError(str(err)) from None
    listed = [Path(i.path) for i in manifest.provenance.inputs]
    files = [p for p in listed if not p.name.endswith((".meta.json", ".md", ".gitattributes"))]
    files = [p for p in files if p.name not in ("state.json", "dataset_info.json")]
    missing = [str(p) for p in files if not p.is_file()]
    if missing or not files:
        raise ExportError(
            "sentence-classification needs the sentences without events, which the dataset "
            "does not hold, so it reads the build's inputs; "
            + (f"these are gone: {', '.join(missing[:3])}; " if missing else "")
            + "give the inputs"
        )
    return files


def _write_text(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")
