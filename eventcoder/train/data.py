"""Labelled training sentences from a built dataset, its inputs, gold files and the lexicon."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import spacy

from eventcoder.coders.labels import STATEMENT_ROOT
from eventcoder.coders.rules.coder import RuleCoder
from eventcoder.dataset import MANIFEST, Manifest, inputs_mismatch, read_manifest
from eventcoder.errors import EventcoderError, InputError, TrainError
from eventcoder.export import ExportSentence, event_sentences
from eventcoder.gold import gold_format, load_annotations, load_petrarch_validation
from eventcoder.ingest import document_from_text, read_inputs, sha256_file
from eventcoder.nlp import load_nlp, sentences
from eventcoder.taxonomy import load_cameo_table
from eventcoder.train.news import NEWS_FORMATS, news_sentences
from eventcoder.train.records import (
    HELD_BACK_SPLITS,
    Labelled,
    Span,
    TrainingData,
    normal_text,
    stable_fraction,
)
from eventcoder.train.templates import dictionary_sentences
from eventcoder.types import Document, ParsedDocument

_WORDS = re.compile(r"[\w'-]+")


def weak_sentences(found: dict[tuple[str, int], ExportSentence]) -> list[Labelled]:
    """The dataset's sentences with events, labelled with their rows' codes and spans."""
    out = []
    for sentence in found.values():
        codes = tuple(dict.fromkeys(code for _, code, _ in sorted(sentence.events)))
        out.append(
            Labelled(
                key=f"{sentence.doc_id}#{sentence.index}",
                text=sentence.text,
                codes=codes,
                spans=tuple(sorted(sentence.spans)),
                source="weak",
                held_back=sentence.split in HELD_BACK_SPLITS,
            )
        )
    return out


def trigger_forms(found: dict[tuple[str, int], ExportSentence]) -> frozenset[str]:
    """The trigger words (lower case, as written) of the dataset's events other than
    statements (root 01)."""
    forms = set()
    for sentence in found.values():
        starts = {t - sentence.start for t, _, root in sentence.events if root != STATEMENT_ROOT}
        for start, end, label in sentence.spans:
            if label == "TRIGGER" and start in starts:
                forms.add(sentence.text[start:end].lower())
    return frozenset(forms)


def mentions_trigger(text: str, forms: frozenset[str]) -> bool:
    """Whether the text holds one of the trigger words (whole words, case aside)."""
    lower = text.lower()
    words = set(_WORDS.findall(lower))
    return any(form in words if " " not in form else form in lower for form in forms)


def negative_sentences(
    manifest: Manifest,
    found: dict[tuple[str, int], ExportSentence],
    inputs: Sequence[Path] | None = None,
) -> tuple[list[Labelled], int]:
    """The sentences of the build's coded and no-event documents that hold no event, and how
    many were left out because they hold a word the rules coded as a trigger elsewhere (the
    rules may have missed their event: no actor found, a constraint not met).

    `inputs` replace the manifest's input paths (which are relative to where the build ran);
    either way they must be the build's files (sha256 as in the manifest).
    """
    paths = list(inputs) if inputs else _manifest_inputs(manifest)
    _check_inputs(manifest, paths)
    outcomes = {
        d.doc_id: d
        for d in manifest.documents
        if d.outcome in ("coded", "no_events") and d.doc_id is not None
    }
    forms = trigger_forms(found)
    taken: dict[str, list[tuple[int, int]]] = {}
    for sentence in found.values():
        start = sentence.start
        taken.setdefault(sentence.doc_id, []).append((start, start + len(sentence.text)))
    options = manifest.config.read
    splitter = _sentencizer()
    out = []
    ambiguous = 0
    for item in read_inputs(paths, options):
        if not isinstance(item, Document) or item.doc_id not in outcomes:
            continue
        held = outcomes[item.doc_id].split in HELD_BACK_SPLITS
        ranges = taken.get(item.doc_id, [])
        for k, (start, end) in enumerate(sentence_ranges(item.text, splitter)):
            if any(start < e and s < end for s, e in ranges):
                continue
            text = item.text[start:end]
            if mentions_trigger(text, forms):
                ambiguous += 1
                continue
            out.append(Labelled(f"{item.doc_id}~{k}", text, (), (), "negative", held))
    return out, ambiguous


def sentence_ranges(text: str, splitter: Any) -> list[tuple[int, int]]:
    """Character ranges of the non-empty sentences of `text`, trimmed of whitespace."""
    out = []
    for sent in splitter(text).sents:
        raw = sent.text
        stripped = raw.strip()
        if stripped:
            start = sent.start_char + len(raw) - len(raw.lstrip())
            out.append((start, start + len(stripped)))
    return out


def gold_sentences(
    paths: Sequence[Path], news_part: str = "train"
) -> tuple[list[Labelled], list[dict[str, Any]]]:
    """Labelled sentences from gold files (annotation JSONL, PETRARCH validation XML, or news
    sentence files in the plv and quad formats, told by `eventcoder.gold.gold_format`), and a
    record of each file. News files give only their `news_part` ("train": the split rule's
    train part; see eventcoder/train/news.py). PLOVER records are refused: they carry event
    types, not CAMEO codes, and are for evaluation."""
    cameo = load_cameo_table()
    news = [p for p in paths if gold_format(p) in NEWS_FORMATS]
    out, files = news_sentences(news, news_part) if news else ([], [])
    for path in paths:
        kind = gold_format(path)
        if kind in NEWS_FORMATS:
            continue
        if kind == "plover":
            raise TrainError(
                f"{path} holds PLOVER records (event types, not CAMEO codes): they are for "
                "evaluation; give annotation JSONL or PETRARCH validation XML as gold"
            )
        gold = load_petrarch_validation(path) if kind == "petrarch" else load_annotations(path)
        for sentence in gold.sentences:
            codes = tuple(dict.fromkeys(e.cameo_code for e in sentence.events))
            if codes and not (codes := tuple(c for c in codes if c in cameo)):
                continue  # events with codes outside CAMEO 1.1b3 only: no label to learn
            text = sentence.text.strip()
            spans: list[Span] = []
            for event in sentence.events:
                for words, label in ((event.actor_text, "ACTOR"), (event.target_text, "TARGET")):
                    if words and (at := text.find(words)) >= 0:
                        spans.append((at, at + len(words), label))
            key = f"{path.name}:{sentence.key}"
            out.append(
                Labelled(
                    key=key,
                    text=text,
                    codes=codes,
                    spans=tuple(sorted(set(spans))),
                    source="gold",
                    held_back=stable_fraction(key) < 0.2,
                    triggers_known=False,
                )
            )
        files.append(
            {"path": str(path), "sha256": sha256_file(path), "sentences": len(gold.sentences)}
        )
    return out, files


def lexicon_sentences() -> list[Labelled]:
    """The rule lexicon's example sentences, labelled with what the rule coder codes in them
    (codes and actor, target and trigger spans); one in five held back."""
    coder = RuleCoder.default()
    examples = list(dict.fromkeys(p.example.strip() for p in coder.patterns.patterns if p.example))
    nlp = load_nlp()
    out = []
    for text, parsed in zip(examples, nlp.parse_many(examples), strict=True):
        document = document_from_text(text, doc_id="example")
        found = coder.code(ParsedDocument(document, tuple(sentences(document, parsed))))
        spans: set[Span] = set()
        for cand in found:
            spans.add((cand.trigger.start, cand.trigger.end, "TRIGGER"))
            for actor, label in ((cand.actor, "ACTOR"), (cand.target, "TARGET")):
                if actor is not None and text[actor.start : actor.end] == actor.text:
                    spans.add((actor.start, actor.end, label))
        ordered = sorted(found, key=lambda c: c.trigger.start)
        key = f"lexicon:{text}"
        out.append(
            Labelled(
                key=key,
                text=text,
                codes=tuple(dict.fromkeys(c.cameo_code for c in ordered)),
                spans=tuple(sorted(spans)),
                source="lexicon",
                held_back=stable_fraction(key) < 0.2,
            )
        )
    return out


def merge(weak: list[Labelled], gold: list[Labelled]) -> list[Labelled]:
    """All sentences, a gold sentence replacing weak or negative ones with the same text."""
    gold_texts = {normal_text(s.text) for s in gold}
    return [s for s in weak if normal_text(s.text) not in gold_texts] + gold


def training_data(
    folder: str | Path | None,
    gold: Sequence[str | Path] = (),
    inputs: Sequence[str | Path] | None = None,
    *,
    lexicon: bool = True,
    verbs: Sequence[str | Path] = (),
    seed: int = 0,
    statement_only: bool = False,
    news_part: str = "train",
) -> TrainingData:
    """The labelled sentences of a dataset folder (if given), its inputs, gold files (news
    sentence files: their `news_part`), (with `lexicon`) the rule lexicon's example sentences
    and (with `verbs`) template sentences from verb dictionaries, with provenance.

    Weak sentences whose only events are statements (root 01, "..., officials said") are
    left out unless `statement_only`: the rules may have missed the event said, and as
    labels they teach the model that "said" is the event."""
    gold_paths = [Path(p) for p in gold]
    for path in gold_paths:
        if not path.is_file():
            raise TrainError(f"gold file {path} does not exist")
    provenance: dict[str, Any] = {}
    weak: list[Labelled] = []
    if folder is not None:
        weak, provenance = _dataset_sentences(Path(folder), inputs, statement_only)
    labelled, files = gold_sentences(gold_paths, news_part)
    if lexicon:
        labelled += lexicon_sentences()
    templates: dict[str, Any] = {}
    if verbs:
        made, templates = dictionary_sentences([Path(p) for p in verbs], seed)
        labelled += made
    if folder is None and not any(s.codes for s in labelled):
        raise TrainError("no labelled sentences to learn from: give a dataset or gold files")
    provenance |= {
        "gold": files,
        "lexicon_examples": lexicon,
        "verb_dictionaries": templates,
    }
    return TrainingData(merge(weak, labelled), provenance)


def _dataset_sentences(
    folder: Path, inputs: Sequence[str | Path] | None, statement_only: bool
) -> tuple[list[Labelled], dict[str, Any]]:
    """The weak and negative sentences of a dataset folder and their provenance."""
    try:
        manifest = read_manifest(folder)
    except EventcoderError as err:
        raise TrainError(str(err)) from None
    found = event_sentences(folder, manifest)
    weak = weak_sentences(found)
    if not weak:
        raise TrainError(f"{folder} holds no events to learn from; build it from more text")
    stated = [s for s in weak if s.roots == {STATEMENT_ROOT}]
    if not statement_only:
        weak = [s for s in weak if s.roots != {STATEMENT_ROOT}]
    negatives, ambiguous = negative_sentences(
        manifest, found, [Path(p) for p in inputs] if inputs else None
    )
    provenance = {
        "dataset": str(folder),
        "manifest_sha256": sha256_file(folder / MANIFEST),
        "dataset_eventcoder_version": manifest.provenance.eventcoder_version,
        "dataset_coder": manifest.provenance.coder,
        "spacy_model": manifest.provenance.spacy_model,
        "inputs": [{"path": i.path, "sha256": i.sha256} for i in manifest.provenance.inputs],
        "negatives": "sentences of the build's inputs without events (rule-based sentencizer)"
        " that hold no word the rules coded as a trigger elsewhere",
        "negatives_left_out": ambiguous,
        "statement_only_sentences": len(stated),
        "statement_only_left_out": 0 if statement_only else len(stated),
    }
    return weak + negatives, provenance


def _manifest_inputs(manifest: Manifest) -> list[Path]:
    paths = [Path(i.path) for i in manifest.provenance.inputs]
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        raise TrainError(
            "the sentences without events come from the build's inputs, and these are not "
            f"where the manifest says: {', '.join(missing[:5])}; run from the folder the build "
            "ran in, or give them as the build's inputs"
        )
    return paths


def _check_inputs(manifest: Manifest, inputs: Sequence[Path]) -> None:
    try:
        mismatch = inputs_mismatch(manifest, inputs)
    except InputError as err:
        raise TrainError(str(err)) from None
    if mismatch is not None:
        raise TrainError(
            "the inputs must be the files the dataset was built from (compared by sha256 with "
            f"manifest.json): {mismatch}; give the build's inputs"
        )


def _sentencizer() -> Any:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp
