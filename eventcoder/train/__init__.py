"""Training the model coder: a small spaCy pipeline learnt from a built dataset and gold files."""

from __future__ import annotations

from eventcoder.errors import TrainError
from eventcoder.train.data import (
    gold_sentences,
    lexicon_sentences,
    mentions_trigger,
    merge,
    negative_sentences,
    training_data,
    weak_sentences,
)
from eventcoder.train.fit import TrainReport, label_set, train
from eventcoder.train.records import Labelled, TrainingData, TrainOptions
from eventcoder.train.scores import HeldBackScores, SpanScore
from eventcoder.train.templates import dictionary_sentences

__all__ = [
    "HeldBackScores",
    "Labelled",
    "SpanScore",
    "TrainError",
    "TrainOptions",
    "TrainReport",
    "TrainingData",
    "dictionary_sentences",
    "gold_sentences",
    "label_set",
    "lexicon_sentences",
    "mentions_trigger",
    "merge",
    "negative_sentences",
    "train",
    "training_data",
    "weak_sentences",
]
