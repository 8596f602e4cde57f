"""Shared fixtures: the spaCy pipeline and the default pipeline are loaded once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventcoder.coders.rules import RuleCoder
from eventcoder.nlp import NLP, load_nlp
from eventcoder.pipeline import Pipeline

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
SEED = SEEDS / "000_567aca93efc50564.txt"
ANNOTATIONS = ROOT / "annotations"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def nlp() -> NLP:
    return load_nlp()


@pytest.fixture(scope="session")
def rule_coder() -> RuleCoder:
    return RuleCoder.default()


@pytest.fixture(scope="session")
def pipeline(nlp: NLP, rule_coder: RuleCoder) -> Pipeline:
    return Pipeline(nlp, rule_coder)


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")
