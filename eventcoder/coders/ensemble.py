"""The rules+model ensemble (`--coder ensemble:MODEL_DIR[,threshold=X]`).

The rule coder decides where it finds events; the model (eventcoder/coders/model.py) decides
in the sentences the rules leave empty or code only as statements (root 01: "..., officials
said"; there it may add an event of another root, which replaces the generic statement 010
as in the rule coder), when its best root's probability reaches the
threshold (by default the one chosen on the model's held-back data at training, recorded in
its meta; never the evaluation set). A model trained on PLOVER-typed news sentences also
records the ensemble's own threshold and `override`, chosen on its held-back news sentences
(eventcoder/train/tuning.py): where the rules code events but the model's best root is none
of theirs and its probability reaches `override`, the model's event replaces the rules'
events of that sentence. Where the model gives a rule event's root a probability
at or above the threshold, the two agree and the event's confidence rises to
1 - (1 - rule confidence) x (1 - model probability); otherwise the rule's confidence stands.
Each row says which coder decided: rule events keep the pattern's `rule_id`
(`cameo.195.airstrike.v1`), model events carry `model.CHECKSUM12.CODE`; `coder` is
`ensemble` with a version naming both.
"""

from __future__ import annotations

from dataclasses import replace

from eventcoder.coders.model import ModelCoder, ModelCoderError, SentencePrediction
from eventcoder.coders.rules.coder import RuleCoder
from eventcoder.types import EventCandidate, ParsedDocument

NAME = "ensemble"
VERSION = "2"
STATEMENT_ROOT = "01"
GENERIC_STATEMENT = "010"


class EnsembleCoder:
    """Rule events first; model events where the rules find none."""

    name = NAME

    def __init__(
        self,
        rules: RuleCoder,
        model: ModelCoder,
        threshold: float | None = None,
        override: float | None = None,
    ) -> None:
        self.rules = rules
        self.model = model
        chosen = getattr(model, "meta", {}).get("ensemble") or {}
        if threshold is None:
            threshold = float(chosen.get("threshold", model.threshold))
        if override is None and chosen.get("override") is not None:
            override = float(chosen["override"])
        self.threshold = threshold
        self.override = override
        for name, value in (("threshold", threshold), ("override", override)):
            if value is not None and not 0.0 <= value <= 1.0:
                raise ModelCoderError(f"{name} must be between 0 and 1, got {value}")
        self.version = f"{VERSION}+rules.{rules.version}+model.{model.version}"

    def provenance(self) -> dict[str, str]:
        """The ensemble's version and threshold, and both coders' provenance."""
        out = {
            "coder": self.name,
            "coder_version": self.version,
            "threshold": f"{self.threshold:g}",
            "override": "none" if self.override is None else f"{self.override:g}",
        }
        for prefix, coder in (("rules", self.rules), ("model", self.model)):
            out.update({f"{prefix}_{k}": v for k, v in coder.provenance().items()})
        return out

    def code(self, parsed: ParsedDocument) -> list[EventCandidate]:
        """Rule events (confidence raised where the model agrees; replaced where the model
        overrides them), then model events in the sentences without rule events, in sentence
        order."""
        ruled = self.rules.code(parsed)
        predictions = self.model.predict(parsed)
        by_index = {p.index: p for p in predictions}
        roots: dict[int, set[str]] = {}
        for c in ruled:
            if c.cameo_code[:2] != STATEMENT_ROOT:
                roots.setdefault(c.sentence_index, set()).add(c.cameo_code[:2])
        stated = {c.sentence_index for c in ruled} - set(roots)
        open_ = [s.index for s, _ in parsed.sentences if s.index not in roots]
        filled = [
            c
            for c in self.model.candidates(parsed, predictions, self.threshold, open_)
            if c.sentence_index not in stated or c.cameo_code[:2] != STATEMENT_ROOT
        ]
        chosen = self._overridden(roots, by_index)
        replacing = (
            self.model.candidates(parsed, predictions, self.override, chosen) if chosen else []
        )
        filled += replacing
        overridden = {c.sentence_index for c in replacing}
        # as in the rule coder, a generic statement goes when the sentence has another event
        superseded = {c.sentence_index for c in filled} & stated
        kept = [
            self._agreed(c, by_index.get(c.sentence_index))
            for c in ruled
            if c.sentence_index not in overridden
            and not (c.sentence_index in superseded and c.cameo_code == GENERIC_STATEMENT)
        ]
        return sorted(kept + filled, key=lambda c: c.sentence_index)

    def _overridden(
        self, roots: dict[int, set[str]], by_index: dict[int, SentencePrediction]
    ) -> set[int]:
        """The sentences with rule events whose best model root (at the override) is none of
        the rules' roots there."""
        if self.override is None:
            return set()
        out = set()
        for index, ruled_roots in roots.items():
            prediction = by_index.get(index)
            decided = prediction.decide(self.override) if prediction is not None else None
            if decided is not None and decided[0] not in (STATEMENT_ROOT, *ruled_roots):
                out.add(index)
        return out

    def _agreed(
        self, cand: EventCandidate, prediction: SentencePrediction | None
    ) -> EventCandidate:
        if prediction is None:
            return cand
        p = prediction.roots.get(cand.cameo_code[:2], 0.0)
        if p < self.threshold:
            return cand
        return replace(cand, confidence=round(1 - (1 - cand.confidence) * (1 - p), 3))
