"""What training works on: its options and labelled sentences."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

HELD_BACK_SPLITS = frozenset({"validation", "test"})
WEIGHTED_SOURCES = frozenset({"gold", "lexicon"})

Span = tuple[int, int, str]


@dataclass(frozen=True)
class TrainOptions:
    """How the model is trained; every field is recorded in the model's meta."""

    epochs: int = 20
    seed: int = 0
    gold_weight: int = 4
    negatives_per_positive: float = 0.3
    min_code_count: int = 8
    width: int = 64
    depth: int = 2
    embed_size: int = 2000
    bow_length: int = 65536
    dropout: float = 0.2
    batch_size: int = 64
    learn_rate: float = 0.004


@dataclass(frozen=True)
class Labelled:
    """One training sentence: its text, CAMEO codes, spans (offsets in `text`) and origin.

    `codes` are the codes of all its events (the first by trigger position first); empty for
    a sentence without events. `triggers_known` is False where the trigger words are not
    annotated (gold), so that no tag says "not a trigger" there.
    """

    key: str
    text: str
    codes: tuple[str, ...]
    spans: tuple[Span, ...]
    source: str  # weak | negative | gold
    held_back: bool
    triggers_known: bool = True

    @property
    def roots(self) -> frozenset[str]:
        """The CAMEO roots of its events."""
        return frozenset(code[:2] for code in self.codes)


@dataclass
class TrainingData:
    """Labelled sentences and where they came from (for the model's meta)."""

    sentences: list[Labelled]
    provenance: dict[str, Any] = field(default_factory=dict)


def normal_text(text: str) -> str:
    """The text with each run of whitespace made one space (how sentences are matched)."""
    return " ".join(text.split())
