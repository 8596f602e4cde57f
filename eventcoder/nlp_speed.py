"""Faster stand-ins for a spaCy pipeline's rule components and loading, with identical
annotations.

spaCy's `attribute_ruler` runs a Matcher of every pattern over every token, and its rule
`lemmatizer` works token by token through Python attribute access. Both results depend only
on a few attributes of each token (and, for a few patterns, of its neighbour), so they are
memoised here by those attributes and written back through the document's arrays. A
component whose patterns or mode fall outside what this module can reproduce exactly is left
as it is. A pipeline package is loaded with its tokenizer built once, from its saved state
(spaCy builds it from the language defaults first, then replaces all of it with the saved one).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

import numpy
from spacy.attrs import DEP, IDS, LEMMA, MORPH, ORTH, POS, TAG
from spacy.lang.en.lemmatizer import EnglishLemmatizer
from spacy.language import Language
from spacy.pipeline import AttributeRuler, Lemmatizer
from spacy.tokenizer import Tokenizer
from spacy.util import get_model_meta, load_config, load_model_from_init_py, registry

from eventcoder.errors import PipelineSaveError

BLANK_TOKENIZER = "eventcoder.blank_tokenizer.v1"
# The tokenizer a pipeline's config must name for BLANK_TOKENIZER to stand in for it.
_DEFAULT_TOKENIZER = {"@tokenizers": "spacy.Tokenizer.v1"}
RULER_FACTORY = "eventcoder_indexed_attribute_ruler"
LEMMATIZER_FACTORY = "eventcoder_memo_lemmatizer"
# Token attributes the ruler's patterns may test, read as string hashes from the arrays.
_STRING_ATTRS = frozenset({"ORTH", "TEXT", "LOWER", "NORM", "TAG", "DEP", "LEMMA", "ENT_TYPE"})
# Token attributes the ruler may set, written back through the arrays.
_SETTABLE = (POS, TAG, MORPH, LEMMA, DEP)
# A memo of per-value results is emptied when it grows past this many entries.
MEMO_LIMIT = 200_000
_LEMMATIZER_MODES = frozenset({"rule", "lookup"})
# Lemmatizers whose lemma depends only on a token's text, part of speech and morphology.
_PURE_LEMMATIZERS = (Lemmatizer, EnglishLemmatizer)


@dataclass(frozen=True)
class ColumnIndex:
    """Which of the pattern checks on one token attribute a value passes, as bits."""

    attr: int  # attribute id, read from the document's arrays
    equal: dict[int, int]  # value -> bits of the equality / IN checks it is named in
    negated: int  # bits of the NOT_IN checks
    excluded: dict[int, int]  # value -> bits of the NOT_IN checks it is named in
    regexes: tuple[tuple[int, re.Pattern[str]], ...]  # (bit, pattern) of REGEX checks

    def bits(self, value: int, strings: Any) -> int:
        """The checks a token whose attribute has this value passes."""
        found = self.equal.get(value, 0) | (self.negated & ~self.excluded.get(value, 0))
        if self.regexes:
            text = strings[value]
            for bit, regex in self.regexes:
                if regex.search(text) is not None:
                    found |= bit
        return found


@dataclass(frozen=True)
class Rule:
    """One pattern of one ruler entry: what each of its tokens must pass, and which token
    takes `attrs`."""

    order: int  # the entry's position in the ruler: later entries win
    masks: tuple[int, ...]  # per token, the bits of the checks it must pass
    index: int  # non-negative position in the match
    attrs: tuple[tuple[int, int], ...]  # (attribute id, value) in the ruler's order


@dataclass(frozen=True)
class RuleTable:
    """An attribute ruler's patterns compiled for matching by token attributes."""

    columns: tuple[ColumnIndex, ...]
    single: tuple[Rule, ...]
    multi: tuple[Rule, ...]


@dataclass
class _Checks:
    """Pattern checks being compiled, by attribute name."""

    strings: Any
    count: int = 0
    by_name: dict[str, list[tuple[int, str, Any]]] = field(default_factory=dict)

    def add(self, name: str, kind: str, operand: Any) -> int:
        bit = 1 << self.count
        self.count += 1
        self.by_name.setdefault(name, []).append((bit, kind, operand))
        return bit

    def columns(self) -> tuple[ColumnIndex, ...]:
        out: list[ColumnIndex] = []
        for name, checks in self.by_name.items():
            equal: dict[int, int] = {}
            excluded: dict[int, int] = {}
            negated = 0
            regexes: list[tuple[int, re.Pattern[str]]] = []
            for bit, kind, operand in checks:
                if kind == "REGEX":
                    regexes.append((bit, re.compile(operand)))
                    continue
                target = excluded if kind == "NOT_IN" else equal
                negated |= bit if kind == "NOT_IN" else 0
                for value in operand:
                    target[value] = target.get(value, 0) | bit
            out.append(ColumnIndex(IDS[name], equal, negated, excluded, tuple(regexes)))
        return tuple(out)


def compile_ruler(ruler: Any) -> RuleTable | None:
    """The ruler's patterns as a RuleTable, or None when a pattern or attribute is outside
    what IndexedAttributeRuler reproduces exactly (operators other than IN, NOT_IN and
    REGEX, extension attributes, attributes other than text, tags, lemmas and flags)."""
    checks = _Checks(ruler.vocab.strings)
    rules: list[Rule] = []
    for order, attrs in enumerate(ruler.attrs):
        if any(attr not in _SETTABLE for attr in attrs):
            return None
        for pattern in ruler.matcher.get(str(order))[1]:
            masks = [_token_mask(spec, checks) for spec in pattern]
            index = ruler.indices[order]
            index = index + len(masks) if index < 0 else index
            if not masks or not 0 <= index < len(masks):
                return None
            known = tuple(mask for mask in masks if mask is not None)
            if len(known) != len(masks):
                return None
            rules.append(Rule(order, known, index, tuple(attrs.items())))
    return RuleTable(
        columns=checks.columns(),
        single=tuple(rule for rule in rules if len(rule.masks) == 1),
        multi=tuple(rule for rule in rules if len(rule.masks) > 1),
    )


def _token_mask(spec: dict[str, Any], checks: _Checks) -> int | None:
    mask = 0
    for key, wanted in spec.items():
        name = "ORTH" if key.upper() == "TEXT" else key.upper()
        is_flag = name.startswith(("IS_", "LIKE_")) and name in IDS
        if name not in _STRING_ATTRS and not is_flag:
            return None
        kind, operand = "IN", wanted
        if isinstance(wanted, dict):
            if len(wanted) != 1:
                return None
            kind, operand = next(iter(wanted.items()))
            if kind == "REGEX" and isinstance(operand, str) and not is_flag:
                mask |= checks.add(name, kind, operand)
                continue
            if kind not in ("IN", "NOT_IN") or not isinstance(operand, list):
                return None
        values = operand if isinstance(operand, list) else [operand]
        if is_flag and all(isinstance(value, bool) for value in values):
            mask |= checks.add(name, kind, frozenset(int(value) for value in values))
        elif not is_flag and all(isinstance(value, str) for value in values):
            mask |= checks.add(name, kind, frozenset(checks.strings.add(v) for v in values))
        else:
            return None
    return mask


class _StandIn:
    """What the stand-ins share: spaCy's `pipe` over their `__call__`, and saving refused
    with a message, so that a saved pipeline never holds an empty stand-in."""

    def __call__(self, doc: Any) -> Any:
        raise NotImplementedError

    def pipe(self, docs: Iterable[Any], batch_size: int = 128) -> Iterator[Any]:
        """Annotate each document, in order."""
        for doc in docs:
            yield self(doc)

    def to_disk(self, path: Any, *, exclude: Any = ()) -> None:
        raise PipelineSaveError(_NOT_SAVED)

    def to_bytes(self, *, exclude: Any = ()) -> bytes:
        raise PipelineSaveError(_NOT_SAVED)


_NOT_SAVED = (
    "this spaCy pipeline was loaded by eventcoder with faster stand-ins for some components "
    "and cannot be saved; to save a pipeline, load the model's package with spaCy itself "
    "(spacy.load) and save that"
)


class IndexedAttributeRuler(_StandIn):
    """An attribute ruler that gives the same annotations as spaCy's, found from which of
    the patterns' checks each token passes (memoised) instead of a Matcher pass."""

    def __init__(self, vocab: Any, table: RuleTable | None = None) -> None:
        self.vocab = vocab
        self.table = table or RuleTable(columns=(), single=(), multi=())
        self._bits: dict[int, dict[int, int]] = {}  # column -> value -> bits
        self._rules: dict[int, tuple[tuple[int, ...], tuple[int, ...]]] = {}
        self._folded: dict[tuple[int, ...], tuple[tuple[int, int], ...]] = {}

    def __call__(self, doc: Any) -> Any:
        """Set the ruler's attributes on the document's tokens."""
        table = self.table
        if not len(doc) or not table.columns:
            return doc
        masks = self._masks(doc)
        hits: list[list[int]] = []
        starts: list[tuple[int, ...]] = []
        for mask in masks:
            known = self._rules.get(mask)
            if known is None:
                known = self._learn(mask)
            hits.append(list(known[0]))
            starts.append(known[1])
        for at, begins in enumerate(starts):
            for number in begins:
                rule = table.multi[number]
                end = at + len(rule.masks)
                if end <= len(masks) and all(
                    masks[k] & need == need
                    for k, need in zip(range(at + 1, end), rule.masks[1:], strict=True)
                ):
                    hits[at + rule.index].append(rule.order)
        self._write(doc, hits)
        return doc

    def _masks(self, doc: Any) -> list[int]:
        """Per token, the bits of the checks it passes."""
        columns = self.table.columns
        values = doc.to_array([column.attr for column in columns]).reshape((len(doc), -1))
        strings = self.vocab.strings
        masks = [0] * len(doc)
        for j, column in enumerate(columns):
            memo = self._bits.setdefault(j, {})
            if len(memo) > MEMO_LIMIT:
                memo.clear()
            for i, value in enumerate(values[:, j].tolist()):
                bits = memo.get(value)
                if bits is None:
                    bits = memo[value] = column.bits(value, strings)
                masks[i] |= bits
        return masks

    def _learn(self, mask: int) -> tuple[tuple[int, ...], tuple[int, ...]]:
        table = self.table
        orders = tuple(r.order for r in table.single if mask & r.masks[0] == r.masks[0])
        begins = tuple(n for n, r in enumerate(table.multi) if mask & r.masks[0] == r.masks[0])
        self._rules[mask] = (orders, begins)
        return orders, begins

    def _write(self, doc: Any, hits: list[list[int]]) -> None:
        folded = [self._fold(orders) for orders in hits]
        touched = sorted({attr for attrs in folded for attr, _ in attrs})
        if not touched:
            return
        column = {attr: k for k, attr in enumerate(touched)}
        values = doc.to_array(touched).reshape((len(doc), -1))
        for i, attrs in enumerate(folded):
            for attr, value in attrs:
                values[i, column[attr]] = value
        doc.from_array(touched, values)

    def _fold(self, orders: list[int]) -> tuple[tuple[int, int], ...]:
        key = tuple(sorted(orders))
        known = self._folded.get(key)
        if known is None:
            final: dict[int, int] = {}
            by_order = {rule.order: rule.attrs for rule in self.table.single + self.table.multi}
            for order in key:
                final.update(by_order[order])
            known = self._folded[key] = tuple(final.items())
        return known


class MemoLemmatizer(_StandIn):
    """A rule or lookup lemmatizer whose lemma for a token is memoised by the token's text,
    part of speech and morphology (what spaCy's own rule lemmatizer keys its cache by)."""

    def __init__(self, vocab: Any, inner: Any = None) -> None:
        self.vocab = vocab
        self.inner = inner
        self._lemmas: dict[tuple[int, int, int], int] = {}

    def __call__(self, doc: Any) -> Any:
        """Set a lemma on every token that has none (or on all, if the lemmatizer overwrites)."""
        inner = self.inner
        if inner is None or not len(doc):
            return doc
        overwrite = bool(inner.overwrite)
        rows = doc.to_array([ORTH, POS, MORPH, LEMMA]).tolist()
        lemmas = numpy.empty(len(rows), dtype="uint64")
        strings = self.vocab.strings
        for i, (orth, pos, morph, lemma) in enumerate(rows):
            if lemma and not overwrite:
                lemmas[i] = lemma
                continue
            key = (orth, pos, morph)
            if len(self._lemmas) > MEMO_LIMIT:
                self._lemmas.clear()
            found = self._lemmas.get(key)
            if found is None:
                found = strings.add(inner.lemmatize(doc[i])[0])
                self._lemmas[key] = found
            lemmas[i] = found
        doc.from_array([LEMMA], lemmas)
        return doc


@Language.factory(RULER_FACTORY)
def _make_ruler(nlp: Language, name: str) -> IndexedAttributeRuler:
    return IndexedAttributeRuler(nlp.vocab)


@Language.factory(LEMMATIZER_FACTORY)
def _make_lemmatizer(nlp: Language, name: str) -> MemoLemmatizer:
    return MemoLemmatizer(nlp.vocab)


def speed_up(pipeline: Language) -> tuple[str, ...]:
    """Replace the pipeline's attribute ruler and rule lemmatizer by their faster equivalents
    where they can be reproduced exactly; the names of the components replaced."""
    replaced: list[str] = []
    for name, component in list(pipeline.pipeline):
        if type(component) is AttributeRuler:
            table = compile_ruler(component)
            if table is not None:
                ruler = cast(IndexedAttributeRuler, pipeline.replace_pipe(name, RULER_FACTORY))
                ruler.table = table
                replaced.append(name)
        elif type(component) in _PURE_LEMMATIZERS and _has_tables(component):
            _index_as_sets(component)
            memo = cast(MemoLemmatizer, pipeline.replace_pipe(name, LEMMATIZER_FACTORY))
            memo.inner = component
            replaced.append(name)
    return tuple(replaced)


def _has_tables(lemmatizer: Any) -> bool:
    """Whether the lemmatizer works in a mode MemoLemmatizer reproduces, with the tables
    that mode needs (without them spaCy's own raises its error on the first document)."""
    if lemmatizer.mode not in _LEMMATIZER_MODES:
        return False
    required, _ = lemmatizer.get_lookups_config(lemmatizer.mode)
    return all(table in lemmatizer.lookups.tables for table in required)


def _index_as_sets(lemmatizer: Any) -> None:
    """The lemmatizer's word index per part of speech as sets: the rules ask whether a form
    is in it, which a list answers by reading through tens of thousands of words."""
    if "lemma_index" not in lemmatizer.lookups.tables:
        return
    index = lemmatizer.lookups.get_table("lemma_index")
    for key in list(index.keys()):
        index[key] = frozenset(index[key])


def _blank_tokenizer() -> Callable[[Language], Tokenizer]:
    def create(nlp: Language) -> Tokenizer:
        return Tokenizer(nlp.vocab)

    return create


registry.tokenizers.register(BLANK_TOKENIZER, func=_blank_tokenizer)


def load_package(module: Any) -> Language:
    """Load an installed spaCy pipeline package (its imported module), as `module.load()`
    would, then swap in the faster components (speed_up). When the package saves a standard
    tokenizer, which replaces every setting of the one its config builds, the config's is
    built blank instead of from the language's defaults and exceptions."""
    init_file = str(module.__file__)
    folder = Path(init_file).parent
    meta = get_model_meta(folder)
    data = folder / f"{meta['lang']}_{meta['name']}-{meta['version']}"
    overrides: dict[str, Any] = {}
    if _saves_default_tokenizer(data):
        overrides = {"nlp": {"tokenizer": {"@tokenizers": BLANK_TOKENIZER}}}
    pipeline = load_model_from_init_py(init_file, config=overrides)
    speed_up(pipeline)
    return pipeline


def _saves_default_tokenizer(data: Path) -> bool:
    """Whether a pipeline's data folder holds a saved tokenizer and a config whose tokenizer
    is spaCy's standard one (whose loading resets and replaces every setting)."""
    config = data / "config.cfg"
    if not (data / "tokenizer").is_file() or not config.is_file():
        return False
    return bool(load_config(config)["nlp"].get("tokenizer") == _DEFAULT_TOKENIZER)
