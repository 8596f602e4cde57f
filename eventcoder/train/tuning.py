"""Choosing how the rules+model ensemble combines, on held-back news sentences.

The held-back sentences of PLOVER-typed news files (one in five of their train part) carry
the rule coder's codes (`Labelled.rule_codes`), so the ensemble (eventcoder/coders/ensemble.py)
can be replayed on them at the level the news files are scored: PLOVER types per sentence.
Two settings are tried on a grid:

- `threshold`: the model adds its event to a sentence where the rules code none (other than
  statements, root 01) when its best root's probability reaches it;
- `override`: where the rules code events, the model's event replaces them when its best
  root is none of theirs and its probability reaches this (None: never).

The choice is the best type macro-F1 among the settings whose micro precision stays within
`PRECISION_MARGIN` of the rules' alone (ties to the higher threshold, then no override);
where none does, the model adds nothing (threshold 1, no override).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from eventcoder.coders.labels import STATEMENT_ROOT, decide_root, root_probabilities
from eventcoder.eval_news import news_type
from eventcoder.taxonomy import CameoTable, load_cameo_table
from eventcoder.train.records import Labelled
from eventcoder.train.scores import THRESHOLDS, predict

PRECISION_MARGIN = 0.03
OVERRIDES: tuple[float | None, ...] = (None, *(round(0.05 * k, 2) for k in range(10, 20)))


@dataclass(frozen=True)
class TypeFigures:
    """PLOVER type figures over sentences: macro-F1, micro precision and recall."""

    macro_f1: float
    precision: float
    recall: float

    def to_json(self) -> dict[str, float]:
        """Rounded figures."""
        return {
            "macro_f1": round(self.macro_f1, 4),
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
        }


@dataclass(frozen=True)
class EnsembleChoice:
    """The ensemble settings chosen on held-back news sentences, and the figures there."""

    threshold: float
    override: float | None
    sentences: int
    rules: TypeFigures
    ensemble: TypeFigures

    def to_json(self) -> dict[str, Any]:
        """JSON-ready settings and figures (for the model's meta)."""
        return {
            "threshold": self.threshold,
            "override": self.override,
            "sentences": self.sentences,
            "chosen_on": "held-back sentences of the news files' train part",
            "rules": self.rules.to_json(),
            "ensemble": self.ensemble.to_json(),
        }


@dataclass(frozen=True)
class _Replay:
    """One held-back sentence: gold types, the rules' roots and types, the model's roots
    and the type of each root's best code."""

    gold: frozenset[str]
    rule_roots: frozenset[str]
    rule_types: frozenset[str]
    roots: dict[str, float]
    root_types: dict[str, str | None]


def choose_ensemble(nlp: Any, held: Sequence[tuple[Labelled, Any]]) -> EnsembleChoice | None:
    """The ensemble settings for a model (see the module docstring); None without held-back
    PLOVER-typed news sentences."""
    typed = [(s, doc) for s, doc in held if s.rule_codes is not None and s.key.startswith("plv:")]
    if not typed:
        return None
    cameo = load_cameo_table()
    docs = predict(nlp, [doc.copy() for _, doc in typed])
    replays = [_replay(s, dict(doc.cats), cameo) for (s, _), doc in zip(typed, docs, strict=True)]
    rules = type_figures([(r.gold, r.rule_types) for r in replays])
    best: tuple[tuple[float, float, int], float, float | None, TypeFigures] | None = None
    for threshold in THRESHOLDS:
        for override in OVERRIDES:
            figures = type_figures([(r.gold, _combined(r, threshold, override)) for r in replays])
            if figures.precision < rules.precision - PRECISION_MARGIN:
                continue
            key = (round(figures.macro_f1, 6), threshold, override is None)
            if best is None or key > best[0]:
                best = (key, threshold, override, figures)
    if best is None:
        return EnsembleChoice(1.0, None, len(replays), rules, rules)
    _, threshold, override, figures = best
    return EnsembleChoice(threshold, override, len(replays), rules, figures)


def type_figures(pairs: Sequence[tuple[frozenset[str], frozenset[str]]]) -> TypeFigures:
    """Macro-F1 (over types with gold or predictions), micro precision and recall of
    (gold types, predicted types) per sentence."""
    counts: dict[str, Counter[str]] = {}
    for gold, found in pairs:
        for kind in gold | found:
            tally = counts.setdefault(kind, Counter())
            tally["tp" if kind in gold and kind in found else "fn" if kind in gold else "fp"] += 1
    f1s = []
    for c in counts.values():
        p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 0.0
        r = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 0.0
        f1s.append(2 * p * r / (p + r) if p + r else 0.0)
    tp = sum(c["tp"] for c in counts.values())
    fp = sum(c["fp"] for c in counts.values())
    fn = sum(c["fn"] for c in counts.values())
    return TypeFigures(
        sum(f1s) / len(f1s) if f1s else 0.0,
        tp / (tp + fp) if tp + fp else 0.0,
        tp / (tp + fn) if tp + fn else 0.0,
    )


def _replay(sentence: Labelled, cats: dict[str, float], cameo: CameoTable) -> _Replay:
    rules = [c for c in sentence.rule_codes or () if c in cameo]
    substantive = [c for c in rules if c[:2] != STATEMENT_ROOT]
    best_code: dict[str, tuple[float, str]] = {}
    for label, p in cats.items():
        if label[:2].isdigit() and p > best_code.get(label[:2], (-1.0, ""))[0]:
            best_code[label[:2]] = (p, label)
    return _Replay(
        gold=frozenset(_types(sentence.codes, cameo)),
        rule_roots=frozenset(c[:2] for c in substantive),
        rule_types=frozenset(_types(substantive, cameo)),
        roots=root_probabilities(cats),
        root_types={root: _type(code, cameo) for root, (_, code) in best_code.items()},
    )


def _combined(replay: _Replay, threshold: float, override: float | None) -> frozenset[str]:
    """The types the ensemble codes in a sentence at these settings."""
    if not replay.rule_roots:
        decided = decide_root(replay.roots, threshold)
        if decided is None or decided[0] == STATEMENT_ROOT:
            return replay.rule_types
        kind = replay.root_types.get(decided[0])
        return replay.rule_types | {kind} if kind else replay.rule_types
    if override is None:
        return replay.rule_types
    decided = decide_root(replay.roots, override)
    if decided is None or decided[0] in (STATEMENT_ROOT, *replay.rule_roots):
        return replay.rule_types
    kind = replay.root_types.get(decided[0])
    return frozenset({kind}) if kind else replay.rule_types


def _types(codes: Sequence[str], cameo: CameoTable) -> list[str]:
    return [t for c in codes if c in cameo and (t := news_type(cameo.get(c))) is not None]


def _type(code: str, cameo: CameoTable) -> str | None:
    for candidate in (code, code[:2] + "0"):
        if candidate in cameo:
            return news_type(cameo.get(candidate))
    return None
