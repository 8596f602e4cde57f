"""Training exports (eventcoder.export): each one is loaded with the library it targets, and its
spans are checked against the texts of the dataset's rows. Nothing is trained."""

from __future__ import annotations

import os

os.environ.setdefault("HF_HUB_OFFLINE", "1")  # before datasets/huggingface_hub are imported

import json
from collections import defaultdict
from pathlib import Path
from typing import Any

import datasets
import pyarrow.parquet as pq
import pytest
import spacy
from spacy.tokens import DocBin
from spacy.training import Corpus

from eventcoder.build import build
from eventcoder.errors import OutputExistsError, UnsafeOutputError
from eventcoder.export import (
    NONE_LABEL,
    SPANS_KEY,
    ExportError,
    bio_spans,
    bio_tags,
    export,
    tokens,
)
from eventcoder.nlp import NLP
from eventcoder.pipeline import Pipeline
from eventcoder.shards import split_of
from eventcoder.taxonomy import load_cameo_table

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_567aca93efc50564.txt"
TEXTS = {
    "train": "Iraq condemned Israel. The weather was mild and the market was quiet.",
    "validation": "Iran warned Israel of serious consequences.",
    "test": "Baghdad condemned the Israeli airstrike. Officials met to discuss trade.",
}

Span = tuple[int, int, str, str]  # start, end in the sentence, label, text


@pytest.fixture(scope="module")
def seed_dir(pipeline: Pipeline, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("export") / "seed"
    build([SEED], out, pipeline=pipeline)
    return out


@pytest.fixture(scope="module")
def split_build(pipeline: Pipeline, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A build with a document in each split plus one without events, and its input."""
    base = tmp_path_factory.mktemp("export-splits")
    ids = {
        s: next(f"doc-{i}" for i in range(1000) if split_of(f"doc-{i}", (0.8, 0.1, 0.1)) == s)
        for s in TEXTS
    }
    records = [{"id": ids[s], "text": t} for s, t in TEXTS.items()]
    records.append({"id": "calm", "text": "The weather was mild and the market was quiet."})
    source = base / "docs.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    out = base / "dataset"
    build([source], out, pipeline=pipeline)
    return out, source


def _expected_spans(folder: Path) -> dict[tuple[str, int], set[Span]]:
    """Every actor/target/trigger span of the rows, per (doc_id, sentence_index)."""
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    spans: dict[tuple[str, int], set[Span]] = defaultdict(set)
    for part in manifest["parts"]:
        for row in pq.read_table(folder / part["path"]).to_pylist():
            key = (row["doc_id"], row["sentence_index"])
            base = row["sentence_start"]
            for prefix in ("actor", "target", "trigger"):
                if row[f"{prefix}_text"] is not None:
                    spans[key].add(
                        (
                            row[f"{prefix}_start"] - base,
                            row[f"{prefix}_end"] - base,
                            prefix.upper(),
                            row[f"{prefix}_text"],
                        )
                    )
    return spans


def _roots(folder: Path) -> dict[tuple[str, int], set[str]]:
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    roots: dict[tuple[str, int], set[str]] = defaultdict(set)
    for part in manifest["parts"]:
        for row in pq.read_table(folder / part["path"]).to_pylist():
            roots[(row["doc_id"], row["sentence_index"])].add(row["cameo_root"])
    return roots


def _jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


# --- spaCy ---------------------------------------------------------------------------------------


def test_spacy_docbin_has_the_spans_and_roots_of_every_sentence(
    seed_dir: Path, nlp: NLP, tmp_path: Path
) -> None:
    out = tmp_path / "spacy"
    report = export(seed_dir, "spacy", out, inputs=[SEED], nlp=nlp)
    assert report.files == ("export.json", "train.spacy")
    manifest = json.loads((seed_dir / "manifest.json").read_text(encoding="utf-8"))
    assert report.examples == {"train": manifest["counts"]["sentences"]}
    assert report.sentences_without_events > 0
    blank = spacy.blank("en")
    docs = list(DocBin().from_disk(out / "train.spacy").get_docs(blank.vocab))
    assert len(docs) == manifest["counts"]["sentences"]
    expected = _expected_spans(seed_dir)
    roots = _roots(seed_dir)
    all_roots = load_cameo_table().roots()
    for doc in docs:
        key = (doc.user_data["doc_id"], doc.user_data["sentence_index"])
        got = {(s.start_char, s.end_char, s.label_, s.text) for s in doc.spans[SPANS_KEY]}
        assert got == expected.get(key, set())
        assert sorted(doc.cats) == all_roots
        assert {r for r, v in doc.cats.items() if v == 1.0} == roots.get(key, set())
    assert sum(len(d.spans[SPANS_KEY]) for d in docs) == sum(report.spans.values())
    # what `spacy train` reads: a Corpus of Examples over the DocBin
    examples = list(Corpus(out / "train.spacy")(blank))
    assert len(examples) == len(docs)
    assert any(len(e.reference.spans[SPANS_KEY]) for e in examples)


def test_spacy_export_without_inputs_holds_the_event_sentences(
    split_build: tuple[Path, Path], tmp_path: Path
) -> None:
    folder, _ = split_build
    report = export(folder, "spacy", tmp_path / "out")
    assert report.files == ("export.json", "test.spacy", "train.spacy", "validation.spacy")
    assert report.sentences_without_events == 0
    assert report.sentences_with_events == len(_expected_spans(folder))
    record = json.loads((tmp_path / "out" / "export.json").read_text(encoding="utf-8"))
    assert record["format"] == "spacy" and record["inputs"] is None


# --- token classification ------------------------------------------------------------------------


def test_token_classification_bio_tags_rebuild_the_spans(
    split_build: tuple[Path, Path], nlp: NLP, tmp_path: Path
) -> None:
    folder, source = split_build
    out = tmp_path / "tokens"
    report = export(folder, "token-classification", out, inputs=[source], nlp=nlp)
    assert set(report.examples) == {"train", "validation", "test"}
    files = {s: str(out / f"{s}.jsonl") for s in report.examples}
    loaded = datasets.load_dataset("json", data_files=files, cache_dir=str(tmp_path / "cache"))
    labels = json.loads((out / "labels.json").read_text(encoding="utf-8"))["tags"]
    # BIO tags cannot overlap: the spans kept are bio_spans' choice, the others are counted
    expected: dict[tuple[str, int], set[Span]] = {}
    dropped = 0
    for key, spans in _expected_spans(folder).items():
        texts = {(s, e, label): t for s, e, label, t in spans}
        kept, lost = bio_spans(texts)
        expected[key] = {(s, e, label, texts[(s, e, label)]) for s, e, label in kept}
        dropped += lost
    assert report.dropped_spans == dropped
    seen_empty = False
    for split in loaded:
        for ex in loaded[split]:
            text = ex["text"]
            assert all(
                text[s:e] == t
                for s, e, t in zip(ex["starts"], ex["ends"], ex["tokens"], strict=True)
            )
            assert set(ex["tags"]) <= set(labels)
            got: set[Span] = set()
            for i, tag in enumerate(ex["tags"]):
                if tag.startswith("B-"):
                    j = i
                    while j + 1 < len(ex["tags"]) and ex["tags"][j + 1] == "I-" + tag[2:]:
                        j += 1
                    start, end = ex["starts"][i], ex["ends"][j]
                    got.add((start, end, tag[2:], text[start:end]))
                else:
                    assert tag == "O" or ex["tags"][i - 1][2:] == tag[2:]
            key = (ex["doc_id"], ex["sentence_index"])
            assert got == expected.get(key, set())
            seen_empty = seen_empty or not got
    assert seen_empty, "sentences without events are exported with all-O tags"


def test_bio_keeps_one_of_overlapping_spans_and_counts_the_rest() -> None:
    spans = {(0, 4, "ACTOR"), (0, 4, "TARGET"), (5, 13, "TRIGGER"), (5, 20, "TARGET")}
    kept, dropped = bio_spans(spans)
    assert kept == [(0, 4, "ACTOR"), (5, 13, "TRIGGER")]
    assert dropped == 2
    text = "Iraq attacked rebels."
    toks = tokens(text, [0, 4, 5, 13])
    assert bio_tags(toks, kept) == ["B-ACTOR", "B-TRIGGER", "O", "O"]


def test_tokens_are_cut_where_a_span_ends_inside_a_word() -> None:
    text = "Iranian-backed militias fired."
    assert [text[s:e] for s, e, _ in tokens(text)][:3] == ["Iranian", "-", "backed"]
    cut = tokens(text, [0, 4])  # a span "Iran" inside "Iranian"
    assert [text[s:e] for s, e, _ in cut][:2] == ["Iran", "ian"]
    assert "".join(text[s:e] + (" " if sp else "") for s, e, sp in cut) == text


# --- sentence classification ---------------------------------------------------------------------


def test_sentence_classification_has_roots_and_a_none_class(
    split_build: tuple[Path, Path], nlp: NLP, tmp_path: Path
) -> None:
    folder, source = split_build
    out = tmp_path / "sentences"
    report = export(folder, "sentence-classification", out, inputs=[source], nlp=nlp)
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    rows = [r for s in report.examples for r in _jsonl(out / f"{s}.jsonl")]
    assert len(rows) == manifest["counts"]["sentences"]
    roots = _roots(folder)
    for row in rows:
        key = (row["doc_id"], row["sentence_index"])
        assert set(row["roots"]) == roots.get(key, set())
        assert row["label"] == (NONE_LABEL if key not in roots else row["label"])
        if key in roots:
            assert row["label"] in roots[key]
    assert {r["doc_id"] for r in rows if r["label"] == NONE_LABEL} >= {"calm"}
    labels = json.loads((out / "labels.json").read_text(encoding="utf-8"))
    assert labels["label"][0] == NONE_LABEL and len(labels["label"]) == 21
    assert {r["label"] for r in rows} <= set(labels["label"])
    # the split of every sentence is its document's
    by_doc = {d["doc_id"]: d["split"] for d in manifest["documents"]}
    for split in report.examples:
        assert {by_doc[r["doc_id"]] for r in _jsonl(out / f"{split}.jsonl")} == {split}
    loaded = datasets.load_dataset(
        "json", data_files=str(out / "train.jsonl"), cache_dir=str(tmp_path / "cache")
    )
    assert NONE_LABEL in loaded["train"]["label"]


def test_sentence_classification_reads_the_inputs_the_manifest_names(
    seed_dir: Path, tmp_path: Path
) -> None:
    report = export(seed_dir, "sentence-classification", tmp_path / "out")
    assert report.used_inputs and report.sentences_without_events > 0


def test_sentence_classification_needs_the_inputs(
    pipeline: Pipeline, seed_dir: Path, tmp_path: Path
) -> None:
    gone = tmp_path / "gone.txt"
    gone.write_text("Iraq condemned Israel. The weather was mild.", encoding="utf-8")
    dataset = tmp_path / "dataset"
    build([gone], dataset, pipeline=pipeline)
    gone.unlink()
    with pytest.raises(ExportError, match="build's inputs; these are gone"):
        export(dataset, "sentence-classification", tmp_path / "out")
    other = tmp_path / "other.txt"
    other.write_text("Iraq condemned Israel.", encoding="utf-8")
    with pytest.raises(ExportError, match="sha256"):
        export(seed_dir, "sentence-classification", tmp_path / "out", inputs=[other])
    assert not (tmp_path / "out").exists()


# --- output folder -------------------------------------------------------------------------------


def test_export_refuses_to_overwrite_unless_told(seed_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "mine.txt").write_text("keep", encoding="utf-8")
    with pytest.raises(OutputExistsError, match="allow overwriting"):
        export(seed_dir, "token-classification", out)
    assert (out / "mine.txt").read_text(encoding="utf-8") == "keep"
    with pytest.raises(UnsafeOutputError, match="not an export eventcoder wrote"):
        export(seed_dir, "token-classification", out, overwrite=True)
    assert (out / "mine.txt").read_text(encoding="utf-8") == "keep"
    (out / "mine.txt").unlink()
    export(seed_dir, "token-classification", out)
    report = export(seed_dir, "token-classification", out, overwrite=True)
    assert sorted(p.name for p in out.iterdir()) == list(report.files)
    assert not any(p.name.startswith(".") for p in tmp_path.iterdir())
    with pytest.raises(ExportError, match="unknown export format"):
        export(seed_dir, "conll", tmp_path / "x")
    with pytest.raises(UnsafeOutputError, match="inside the input folder"):
        export(seed_dir, "spacy", seed_dir / "exports")
