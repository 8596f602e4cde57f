"""The `export` and `train` commands: training files from a dataset, and the model coder."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import click

from eventcoder import api
from eventcoder.cli_common import fail
from eventcoder.errors import EventcoderError, TrainError
from eventcoder.train import TrainOptions, training_data
from eventcoder.train import train as train_model


@click.command(help="Export a built dataset for training: spaCy DocBin, token or sentence labels.")
@click.argument("folder", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option(
    "--format",
    "fmt",
    required=True,
    type=click.Choice(["spacy", "token-classification", "sentence-classification"]),
    help="What to export.",
)
@click.option("--out", required=True, type=click.Path(path_type=Path), help="Folder to write.")
@click.option(
    "--inputs",
    multiple=True,
    type=click.Path(exists=True, path_type=Path),
    help="The build's inputs, for sentences without events (needed for sentence-classification).",
)
@click.option("--model", default=None, help="spaCy package to re-split inputs (default: as built).")
@click.option(
    "--overwrite",
    is_flag=True,
    help="Replace the output folder if it is an export eventcoder wrote.",
)
def export(
    folder: Path, fmt: str, out: Path, inputs: tuple[Path, ...], model: str | None, overwrite: bool
) -> None:
    """Write the export and print what it holds."""
    try:
        report = api.export(
            folder, fmt, out, inputs=list(inputs) or None, model=model, overwrite=overwrite
        )
    except EventcoderError as err:
        fail(err)
        return
    splits = ", ".join(f"{split} {n}" for split, n in report.examples.items())
    click.echo(
        f"exported {sum(report.examples.values())} examples ({splits}; "
        f"{report.sentences_with_events} sentences with events, "
        f"{report.sentences_without_events} without) as {report.format} to {report.out}"
    )


@click.command(help="Train the model coder (spaCy, CPU) from a built dataset and gold files.")
@click.option(
    "--data",
    "data_dir",
    default=None,
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Dataset folder written by `eventcoder build` (its rows are the weak labels); "
    "optional with --gold.",
)
@click.option(
    "--gold",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Gold annotation JSONL, PETRARCH validation XML, or news sentences (PLOVER-typed "
    "pairs or quad classes, see eventcoder eval); outweighs the weak labels.",
)
@click.option(
    "--gold-part",
    type=click.Choice(["train", "all"]),
    default="train",
    show_default=True,
    help="Which records of news sentence files to learn from: the train part of the fixed "
    "split (the dev part is for `eventcoder eval --part dev`), or all.",
)
@click.option(
    "--pretrained-tok2vec/--random-tok2vec",
    default=False,
    show_default=True,
    help="Start from the installed spaCy pipeline's trained tok2vec (en_core_web_sm) rather "
    "than random weights.",
)
@click.option(
    "--inputs",
    multiple=True,
    type=click.Path(exists=True, path_type=Path),
    help="The build's inputs, for the sentences without events (default: the manifest's paths).",
)
@click.option("--out", required=True, type=click.Path(path_type=Path), help="Model folder.")
@click.option(
    "--epochs",
    type=click.IntRange(min=1),
    default=20,
    show_default=True,
    help="Passes over the training sentences (the best on the held-back part is kept).",
)
@click.option(
    "--seed", type=int, default=0, show_default=True, help="Random seed (same seed, same model)."
)
@click.option(
    "--negatives",
    type=click.FloatRange(min=0.0),
    default=None,
    help="Sentences without events sampled per positive sentence each epoch "
    "(default: the training default, recorded in the model's meta).",
)
@click.option(
    "--lexicon-examples/--no-lexicon-examples",
    default=True,
    show_default=True,
    help="Also learn from the rule lexicon's example sentences (as the rule coder codes them).",
)
@click.option(
    "--verbs",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="TABARI/PETRARCH verb dictionary (CAMEO.2.0.txt): its verbs and patterns become "
    "template sentences to learn from.",
)
@click.option(
    "--overwrite",
    is_flag=True,
    help="Replace the model folder if it is a model eventcoder trained.",
)
def train(
    data_dir: Path | None,
    gold: tuple[Path, ...],
    gold_part: str,
    pretrained_tok2vec: bool,
    inputs: tuple[Path, ...],
    out: Path,
    epochs: int,
    seed: int,
    negatives: float | None,
    lexicon_examples: bool,
    verbs: tuple[Path, ...],
    overwrite: bool,
) -> None:
    """Train a model and print its held-back scores."""
    try:
        if data_dir is None and not gold:
            raise TrainError(
                "nothing to learn from: give a dataset (--data) or gold files (--gold)"
            )
        data = training_data(
            data_dir,
            gold,
            list(inputs) or None,
            lexicon=lexicon_examples,
            verbs=verbs,
            seed=seed,
            news_part=gold_part,
        )
        options = TrainOptions(epochs=epochs, seed=seed, pretrained_tok2vec=pretrained_tok2vec)
        if negatives is not None:
            options = dataclasses.replace(options, negatives_per_positive=negatives)
        report = train_model(data, out, options, overwrite=overwrite)
    except EventcoderError as err:
        fail(err)
        return
    scores = report.scores
    parts = "; ".join(
        f"{part}: " + ", ".join(f"{k} {n}" for k, n in counts.items())
        for part, counts in report.examples.items()
    )
    click.echo(f"trained {report.out} in {report.elapsed_s:.0f}s (best epoch {report.best_epoch})")
    click.echo(f"sentences: {parts}; {len(report.labels)} labels")
    click.echo(
        f"held back ({scores.sentences} sentences): label accuracy {scores.label_accuracy:.3f}, "
        f"root accuracy {scores.root_accuracy:.3f}; at threshold {scores.threshold:.2f} event "
        f"precision {scores.event_precision:.3f}, recall {scores.event_recall:.3f}, "
        f"F1 {scores.event_f1:.3f}"
    )
    spans = ", ".join(f"{k} F1 {v.to_json()['f1']:.3f}" for k, v in scores.spans.items())
    click.echo(f"spans: {spans}")
    choice = report.ensemble
    if choice is not None:
        override = "none" if choice.override is None else f"{choice.override:.2f}"
        click.echo(
            f"ensemble on {choice.sentences} held-back typed news sentences: threshold "
            f"{choice.threshold:.2f}, override {override}; type macro-F1 "
            f"{choice.ensemble.macro_f1:.3f} P {choice.ensemble.precision:.3f} R "
            f"{choice.ensemble.recall:.3f} (rules {choice.rules.macro_f1:.3f} P "
            f"{choice.rules.precision:.3f} R {choice.rules.recall:.3f})"
        )
