"""Training the model coder's spaCy pipeline and writing MODEL_DIR."""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
import shutil
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import spacy
from spacy.training import Example
from thinc.api import Config, fix_random_seed

from eventcoder.about import __version__
from eventcoder.coders.labels import (
    META_KEY,
    MODEL_FORMAT,
    NONE_LABEL,
    TAGS,
    generic_code,
    label_of,
    main_code,
)
from eventcoder.dataset import swap_into_place
from eventcoder.errors import TrainError
from eventcoder.export import bio_spans
from eventcoder.nlp import model_info
from eventcoder.outputs import OutputLock, check_output
from eventcoder.train.records import WEIGHTED_SOURCES, Labelled, TrainingData, TrainOptions
from eventcoder.train.scores import HeldBackScores, score_held_back
from eventcoder.train.tuning import EnsembleChoice, choose_ensemble


@dataclass(frozen=True)
class TrainReport:
    """What training wrote and how the model scored on the held-back part."""

    out: Path
    labels: tuple[str, ...]
    examples: dict[str, dict[str, int]]
    best_epoch: int
    scores: HeldBackScores
    losses: tuple[dict[str, float], ...]
    elapsed_s: float
    ensemble: EnsembleChoice | None = None


def label_set(sentences: Iterable[Labelled], min_count: int, gold_weight: int) -> list[str]:
    """`none` and the CAMEO labels: codes seen at least `min_count` times (gold counted
    `gold_weight` times), and the roots' generic codes for the rest."""
    counts: Counter[str] = Counter()
    for s in sentences:
        code = main_code(s.codes)
        if code is not None and not s.held_back:
            counts[code] += gold_weight if s.source in WEIGHTED_SOURCES else 1
    labels = {code if n >= min_count else generic_code(code) for code, n in counts.items()}
    return [NONE_LABEL, *sorted(labels)]


_CONFIG = """
[nlp]
lang = "en"
pipeline = ["tok2vec","tagger","textcat"]

[components]

{tok2vec}

[components.tagger]
factory = "tagger"

[components.tagger.model]
@architectures = "spacy.Tagger.v2"
nO = null

[components.tagger.model.tok2vec]
@architectures = "spacy.Tok2VecListener.v1"
width = {width}
upstream = "tok2vec"

[components.textcat]
factory = "textcat"

[components.textcat.model]
@architectures = "spacy.TextCatEnsemble.v2"
nO = null

[components.textcat.model.tok2vec]
@architectures = "spacy.Tok2VecListener.v1"
width = {width}
upstream = "tok2vec"

[components.textcat.model.linear_model]
@architectures = "spacy.TextCatBOW.v3"
exclusive_classes = true
ngram_size = 2
no_output_layer = false
length = {bow_length}
"""


_RANDOM_TOK2VEC = """[components.tok2vec]
factory = "tok2vec"

[components.tok2vec.model]
@architectures = "spacy.HashEmbedCNN.v2"
pretrained_vectors = null
width = {width}
depth = {depth}
embed_size = {embed_size}
window_size = 1
maxout_pieces = 3
subword_features = true
"""


def pretrained_tok2vec() -> tuple[str, int, dict[str, str]]:
    """The spaCy package whose trained tok2vec a model can start from (the installed English
    pipeline, en_core_web_sm), its width, and what it is (for the model's meta)."""
    info = model_info()
    try:
        config = spacy.util.load_config(_package_config(info.package))
        width = int(config["components"]["tok2vec"]["model"]["encode"]["width"])
    except (OSError, KeyError, ValueError, TypeError) as err:
        raise TrainError(
            f"{info.package} has no tok2vec component to start from ({err}); train without "
            "the pretrained tok2vec"
        ) from None
    return (
        info.package,
        width,
        {"package": info.package, "name": info.name, "version": info.version},
    )


def _package_config(package: str) -> Path:
    """The config.cfg of an installed spaCy pipeline package (in its versioned folder)."""
    root = Path(spacy.util.get_package_path(package))
    return next(iter(sorted(root.glob("*/config.cfg"))), root / "config.cfg")


def build_pipeline(labels: Sequence[str], options: TrainOptions) -> Any:
    """An untrained pipeline (tok2vec, tagger over TAGS, textcat over `labels`); with
    `options.pretrained_tok2vec` the tok2vec is the installed spaCy pipeline's trained one
    (its width replacing `options.width`)."""
    tok2vec = _RANDOM_TOK2VEC
    width = options.width
    if options.pretrained_tok2vec:
        package, width, _ = pretrained_tok2vec()
        tok2vec = f'[components.tok2vec]\nsource = "{package}"\n'
    text = _CONFIG.replace("{tok2vec}", tok2vec).replace("{width}", str(width))
    for name in ("depth", "embed_size", "bow_length"):
        text = text.replace("{" + name + "}", str(getattr(options, name)))
    nlp: Any = spacy.util.load_model_from_config(Config().from_str(text), auto_fill=True)
    for tag in TAGS:
        nlp.get_pipe("tagger").add_label(tag)
    for label in labels:
        nlp.get_pipe("textcat").add_label(label)
    return nlp


def to_example(nlp: Any, sentence: Labelled, labels: Sequence[str]) -> Any:
    """A spaCy Example: the sentence's label as `cats`, its spans as BIO `tags`."""
    doc = nlp.make_doc(sentence.text)
    label = label_of(sentence.codes, labels)
    cats = {name: float(name == label) for name in labels}
    missing = "O" if sentence.triggers_known else ""  # "": no annotation, no loss
    tags = [missing] * len(doc)
    kept, _ = bio_spans(sentence.spans)
    for start, end, kind in kept:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            continue
        for n, k in enumerate(range(span.start, span.end)):
            tags[k] = f"{'B' if n == 0 else 'I'}-{kind}"
    return Example.from_dict(doc, {"cats": cats, "tags": tags})


def train(
    data: TrainingData,
    out: str | Path,
    options: TrainOptions | None = None,
    *,
    overwrite: bool = False,
) -> TrainReport:
    """Train a model on `data` and write it to `out` (complete or absent); never prints."""
    clock = time.perf_counter()
    options = options or TrainOptions()
    out = Path(out)
    read = [Path(data.provenance["dataset"])] if "dataset" in data.provenance else []
    with OutputLock(out):
        check_output(out, read, overwrite=overwrite, kind="model", what="model")
    fix_random_seed(options.seed)
    rng = random.Random(options.seed)
    train_part = [s for s in data.sentences if not s.held_back]
    held = [s for s in data.sentences if s.held_back]
    if not any(s.codes for s in train_part):
        raise TrainError("no sentence with events to train on outside the held-back part")
    labels = label_set(data.sentences, options.min_code_count, options.gold_weight)
    nlp = build_pipeline(labels, options)
    positives = [s for s in train_part if s.codes or s.source in WEIGHTED_SOURCES]
    negatives = [s for s in train_part if not s.codes and s.source not in WEIGHTED_SOURCES]
    examples = {id(s): to_example(nlp, s, labels) for s in train_part}
    sample = [examples[id(s)] for s in positives[:500] + negatives[:200]]
    # a sourced tok2vec keeps its trained weights (initializing would draw new ones)
    with nlp.select_pipes(disable=["tok2vec"] if options.pretrained_tok2vec else []):
        optimizer = nlp.initialize(lambda: sample)
    optimizer.learn_rate = options.learn_rate
    held_examples = [(s, nlp.make_doc(s.text)) for s in held]
    best: tuple[float, int, bytes, HeldBackScores] | None = None
    history: list[dict[str, float]] = []
    for epoch in range(options.epochs):
        epoch_set = [s for s in positives for _ in range(_copies(s, options))]
        take = min(len(negatives), int(len(positives) * options.negatives_per_positive))
        epoch_set += rng.sample(negatives, take)
        rng.shuffle(epoch_set)
        losses: dict[str, float] = {}
        for at in range(0, len(epoch_set), options.batch_size):
            nlp.update(
                [examples[id(s)] for s in epoch_set[at : at + options.batch_size]],
                drop=options.dropout,
                sgd=optimizer,
                losses=losses,
            )
        scores = score_held_back(nlp, held_examples, labels)
        history.append({k: round(v, 4) for k, v in losses.items()} | {"epoch": epoch + 1})
        key = scores.event_f1 + scores.label_accuracy
        if best is None or key > best[0]:
            best = (key, epoch + 1, nlp.to_bytes(), scores)
    assert best is not None
    _, best_epoch, weights, scores = best
    nlp.from_bytes(weights)
    choice = choose_ensemble(nlp, held_examples)
    counts = _counts(data.sentences)
    nlp.meta["name"] = "eventcoder_" + "".join(c if c.isalnum() else "_" for c in out.name)
    nlp.meta["version"] = "1.0.0"
    nlp.meta["description"] = "eventcoder model coder: CAMEO sentence classes and spans"
    nlp.meta[META_KEY] = {
        "format": MODEL_FORMAT,
        "created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "eventcoder_version": __version__,
        "labels": labels,
        "tags": list(TAGS),
        "threshold": scores.threshold,
        "options": dataclasses.asdict(options),
        "tok2vec": pretrained_tok2vec()[2] if options.pretrained_tok2vec else "random",
        "seed": options.seed,
        "best_epoch": best_epoch,
        "data": data.provenance,
        "examples": counts,
        "held_back": "the dataset's validation and test documents, one gold sentence in five",
        "scores": scores.to_json(),
        "losses": history,
        "ensemble": choice.to_json() if choice is not None else None,
    }
    with OutputLock(out):
        check_output(out, read, overwrite=overwrite, kind="model", what="model")
        _write_model(nlp, out)
    return TrainReport(
        out,
        tuple(labels),
        counts,
        best_epoch,
        scores,
        tuple(history),
        round(time.perf_counter() - clock, 1),
        choice,
    )


def _copies(sentence: Labelled, options: TrainOptions) -> int:
    return options.gold_weight if sentence.source in WEIGHTED_SOURCES else 1


def _counts(sentences: Iterable[Labelled]) -> dict[str, dict[str, int]]:
    counts: dict[str, Counter[str]] = {"train": Counter(), "held_back": Counter()}
    for s in sentences:
        counts["held_back" if s.held_back else "train"][s.source] += 1
    return {part: dict(sorted(c.items())) for part, c in counts.items()}


def _write_model(nlp: Any, out: Path) -> None:
    """Write the pipeline beside `out` and rename it into place."""
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = out.parent / f".{out.name}.training"
    if staging.exists():
        shutil.rmtree(staging)
    try:
        nlp.to_disk(staging)
        swap_into_place(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
