"""What training works on: its options and labelled sentences."""

from __future__ import annotations

import hashlib
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
    pretrained_tok2vec: bool = False  # start from the installed spaCy pipeline's tok2vec


@dataclass(frozen=True)
class Labelled:
    """One training sentence: its text, CAMEO codes, spans (offsets in `text`) and origin.

    `codes` are the codes of all its events (the first by trigger position first); empty for
    a sentence without events. `triggers_known` is False where the trigger words are not
    annotated (gold), so that no tag says "not a trigger" there. `rule_codes` (news files)
    are the rule coder's codes for the sentence, for choosing how the ensemble combines.
    """

    key: str
    text: str
    codes: tuple[str, ...]
    spans: tuple[Span, ...]
    source: str  # weak | negative | gold
    held_back: bool
    triggers_known: bool = True
    rule_codes: tuple[str, ...] | None = None  # what the rule coder codes in it, where known

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


def stable_fraction(key: str) -> float:
    """A number in [0, 1) fixed by the key (for holding back one sentence in five)."""
    digest = hashlib.blake2b(key.encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big") / 2**64
