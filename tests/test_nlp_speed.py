"""The faster attribute ruler and lemmatizer annotate exactly as spaCy's own components."""

from __future__ import annotations

import importlib
import json
from pathlib import Path
from typing import Any, cast

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, LEMMA, MORPH, POS, TAG
from spacy.lang.en import English
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

from eventcoder.errors import PipelineSaveError
from eventcoder.nlp import NLP, load_nlp
from eventcoder.nlp_speed import IndexedAttributeRuler, MemoLemmatizer, compile_ruler, speed_up

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "insightcrime_train.jsonl"
ATTRS = [TAG, POS, MORPH, LEMMA, DEP, HEAD, ENT_IOB, ENT_TYPE]

OWN_TEXTS = [
    "The rebels ain't leaving the valley, and y'all know it.",
    "Nothin' was left of the market after the fire, the mayor said on Tuesday.",
    "Police   arrested\t14 people\n\nin two raids; they'd've run otherwise.",
    "U.S. and E.U. envoys met the minister's deputies at 10:30 a.m. in Geneva.",
    "  Troops shelled the town.  Residents fled.   ",
    "I'm sure we're fine, said the governor, who's leaving; you've been warned!",
    "The ceasefire, brokered by Qatar, held: no one was killed (officials said).",
    "He doesn't, she does n't, they won't, we can't and it isn't.",
    "ÉLITE UNITS — 3,500 strong — RAIDED Sévaré's outskirts at dawn.",
    "",
    " ",
    "a",
]


@pytest.fixture(scope="module")
def stock() -> Any:
    """The spaCy pipeline exactly as its package loads it."""
    return importlib.import_module(load_nlp().info.package).load()


def _lexical(doc: Doc) -> list[tuple[Any, ...]]:
    return [(t.text, t.norm_, t.lower_, t.shape_, t.is_stop, t.like_num) for t in doc]


def _same(left: Doc, right: Doc) -> bool:
    return (
        bool((left.to_array(ATTRS) == right.to_array(ATTRS)).all())
        and [str(t.morph) for t in left] == [str(t.morph) for t in right]
        and [t.lemma_ for t in left] == [t.lemma_ for t in right]
    )


def test_loaded_pipeline_uses_the_faster_components(nlp: NLP) -> None:
    assert isinstance(nlp.pipeline.get_pipe("attribute_ruler"), IndexedAttributeRuler)
    assert isinstance(nlp.pipeline.get_pipe("lemmatizer"), MemoLemmatizer)
    assert nlp.pipeline.pipe_names[-3:] == ["attribute_ruler", "lemmatizer", "ner"]


def test_loaded_tokenizer_is_the_one_the_package_saved(stock: Any, nlp: NLP) -> None:
    fast = nlp.pipeline.tokenizer
    assert fast.to_bytes(exclude=["vocab"]) == stock.tokenizer.to_bytes(exclude=["vocab"])
    for text in stock.tokenizer.rules:  # every special case, with its words' attributes
        assert _lexical(stock.tokenizer(text)) == _lexical(fast(text)), text


def test_faster_pipeline_annotates_own_sentences_as_spacy_does(stock: Any, nlp: NLP) -> None:
    for _ in range(2):  # the second pass reads the memos
        fast = list(nlp.pipeline.pipe(OWN_TEXTS))
        for text, left, right in zip(OWN_TEXTS, stock.pipe(OWN_TEXTS), fast, strict=True):
            assert _same(left, right), text


def test_faster_pipeline_annotates_real_articles_as_spacy_does(stock: Any, nlp: NLP) -> None:
    if not CORPUS.exists():
        pytest.skip(f"{CORPUS} is absent: the real-article comparison needs ../shared")
    with CORPUS.open(encoding="utf-8") as lines:
        texts = [json.loads(line)["text"] for line, _ in zip(lines, range(12), strict=False)]
    for left, right in zip(stock.pipe(texts), nlp.pipeline.pipe(texts), strict=True):
        assert _same(left, right)


# A hand-built ruler over hand-set tags and dependencies: every kind of test it supports.
WORDS = ["ai", "n't", "nt", "y'", "y", "all", "nothin'", "Shell", "shell", " ", "the", "."]
TAGS = ["NN", "VBP", "VBZ", "DT", "RB", "_SP", "."]
DEPS = ["nsubj", "dobj", "det", "neg", "punct", "dep"]
AI = {"TAG": {"IN": ["VBP", "VBZ"]}, "LOWER": "ai"}
NOT = {"LOWER": {"REGEX": "^n'?t$"}}
DT = {"TAG": "DT"}
PATTERNS: list[dict[str, Any]] = [
    {"patterns": [[{"TAG": "NN"}]], "attrs": {"POS": "NOUN", "MORPH": "Number=Sing"}},
    {"patterns": [[{"TAG": {"IN": ["VBP", "VBZ"]}}]], "attrs": {"POS": "VERB"}},
    {"patterns": [[{"TAG": "."}]], "attrs": {"POS": "PUNCT", "MORPH": "PunctType=Peri"}},
    {"patterns": [[{"LOWER": "shell", "TAG": "NN"}]], "attrs": {"LEMMA": "shell"}},
    {"patterns": [[AI, NOT]], "attrs": {"LEMMA": "be"}},
    {"patterns": [[AI, NOT]], "attrs": {"LEMMA": "not", "POS": "PART"}, "index": -1},
    {"patterns": [[{"LOWER": {"REGEX": "^n[ou]thin'$"}}]], "attrs": {"LEMMA": "nothing"}},
    {"patterns": [[{"LOWER": {"REGEX": "^y'?$"}}, {"LOWER": "all"}]], "attrs": {"LEMMA": "you"}},
    {"patterns": [[{"LOWER": "the", "DEP": {"NOT_IN": ["nsubj", "dobj"]}}]], "attrs": DT},
    {"patterns": [[{"TAG": "NN", "DEP": "nsubj"}]], "attrs": {"POS": "PROPN"}},  # later wins
    {"patterns": [[{"IS_SPACE": True, "DEP": {"NOT_IN": [""]}}]], "attrs": {"DEP": "dep"}},
    {"patterns": [[{"IS_SPACE": True}]], "attrs": {"TAG": "_SP", "POS": "SPACE", "MORPH": "_"}},
    {"patterns": [[{"TEXT": "Shell"}], [{"TEXT": "nt"}]], "attrs": {"MORPH": "Foreign=Yes"}},
]


def _ruler_pipeline() -> Any:
    pipeline = English()
    ruler = cast(AttributeRuler, pipeline.add_pipe("attribute_ruler"))
    ruler.add_patterns(PATTERNS)
    return pipeline


def _doc(vocab: Any, tokens: list[tuple[int, int, int]]) -> Doc:
    return Doc(
        vocab,
        words=[WORDS[w] for w, _, _ in tokens],
        spaces=[False] * len(tokens),
        tags=[TAGS[t] for _, t, _ in tokens],
        heads=list(range(len(tokens))),
        deps=[DEPS[d] for _, _, d in tokens],
    )


TOKENS = st.lists(
    st.tuples(
        st.integers(0, len(WORDS) - 1), st.integers(0, len(TAGS) - 1), st.integers(0, len(DEPS) - 1)
    ),
    max_size=12,
)


@settings(max_examples=150, deadline=None)
@given(st.lists(TOKENS, min_size=1, max_size=4))
def test_indexed_ruler_sets_what_spacys_ruler_sets(docs: list[list[tuple[int, int, int]]]) -> None:
    pipeline = _ruler_pipeline()
    spacy_ruler = pipeline.get_pipe("attribute_ruler")
    table = compile_ruler(spacy_ruler)
    assert table is not None
    indexed = IndexedAttributeRuler(pipeline.vocab, table)
    for tokens in docs:
        left = spacy_ruler(_doc(pipeline.vocab, tokens))
        right = indexed(_doc(pipeline.vocab, tokens))
        assert _same(left, right), [WORDS[w] for w, _, _ in tokens]


def test_ruler_with_an_operator_pattern_is_left_as_spacys() -> None:
    pipeline = _ruler_pipeline()
    ruler = pipeline.get_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "shell", "OP": "+"}]], {"LEMMA": "shell"})
    assert compile_ruler(ruler) is None
    assert speed_up(pipeline) == ()
    assert isinstance(pipeline.get_pipe("attribute_ruler"), AttributeRuler)


def test_pipeline_with_stand_ins_refuses_to_be_saved(nlp: NLP, tmp_path: Path) -> None:
    with pytest.raises(PipelineSaveError, match="cannot be saved"):
        nlp.pipeline.to_disk(tmp_path / "saved")
