"""Training the model coder: a small spaCy pipeline learnt from a built dataset and gold files.

Owns turning training data into labelled sentences, the pipeline's configuration, the
training loop (fixed seed), the scores on the held-back part, the choice of the decision
threshold, and writing MODEL_DIR (a spaCy pipeline folder that `spacy.load` reads, with what
it was trained on in `meta.json` under the key `eventcoder`).

Labelled sentences come from these places:

- **weak** (rule-made): the sentences of a built dataset (`eventcoder build`) that hold
  events, with the CAMEO code of their first event (by trigger position) and the actor,
  target and trigger spans of all their events; sentences whose only events are statements
  (root 01) are left out by default, as the rules may have missed the event said;
- **negative** (`none`): a dataset stores only sentences with events, so the others come
  from the build's inputs (the paths in its manifest, or `inputs` given instead, checked by
  sha256): every coded or no-event document is read again, split into sentences with spaCy's
  rule-based sentencizer (no parse, so no second pass of the build's model), and the pieces
  that overlap no event sentence are the negatives;
- **gold**: annotation JSONL files (`schemas/annotation.schema.json`); a gold sentence
  replaces a weak or negative one with the same text, its actor/target words are found in
  the sentence, and it is seen `gold_weight` times per epoch (gold outweighs weak labels).
  Gold sentences carry no trigger words, so their trigger tags are left missing, not `O`;
  PETRARCH validation XML (told by its .xml suffix) is read as gold too;
- **lexicon**: the rule lexicon's example sentences as the rule coder codes them;
- **dictionary**: template sentences made from TABARI/PETRARCH verb dictionaries (a verb or
  a verb pattern with country and role actors around it, labelled with its code), never
  held back.

What the pipeline predicts, per sentence:

- `textcat` (exclusive classes): `none` or a CAMEO label. A code seen at least
  `min_code_count` times is its own label; rarer codes fall back to their root's generic
  code (`19x` -> `190`). A root's probability is the sum over its labels.
- `tagger`: BIO tags over ACTOR, TARGET and TRIGGER (overlaps resolved as in the
  token-classification export: TRIGGER over ACTOR over TARGET).

Both share one small hash-embedding CNN (`tok2vec`); the classifier adds a bag of unigrams
and bigrams. The held-back part is the dataset's `validation` and `test` documents and one
gold sentence in five (by a stable hash of its key); the model is scored on it after every
epoch, the best epoch is kept, and the threshold on the best root's probability that
maximises event F1 there (an event counts as found when the predicted root is one of the
sentence's roots) is recorded as `threshold`, the default of the model and ensemble coders.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import random
import re
import shutil
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eventcoder import __version__
from eventcoder.build import swap_into_place
from eventcoder.card import inputs_mismatch, read_manifest
from eventcoder.errors import EventcoderError, InputError, OutputExistsError
from eventcoder.export import ExportSentence, bio_spans, event_sentences
from eventcoder.ingest import ReadOptions, read_inputs, sha256_file
from eventcoder.taxonomy import load_cameo_table
from eventcoder.types import Document

NONE_LABEL = "none"
SPAN_LABELS: tuple[str, ...] = ("ACTOR", "TARGET", "TRIGGER")
TAGS: tuple[str, ...] = ("O", *(f"{p}-{label}" for label in SPAN_LABELS for p in ("B", "I")))
META_KEY = "eventcoder"
MODEL_FORMAT = 1
HELD_BACK_SPLITS = frozenset({"validation", "test"})
THRESHOLDS: tuple[float, ...] = tuple(round(0.05 * k, 2) for k in range(2, 20))
STATEMENT_ROOT = "01"
WEIGHTED_SOURCES = frozenset({"gold", "lexicon"})

Span = tuple[int, int, str]
_WORDS = re.compile(r"[\w'-]+")


class TrainError(EventcoderError):
    """The model cannot be trained as asked (missing data, inputs that do not match, ...)."""


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


@dataclass(frozen=True)
class SpanScore:
    """Exact-match span figures for one label."""

    tp: int
    fp: int
    fn: int

    def to_json(self) -> dict[str, float | int]:
        """Counts, precision, recall and F1 (rounded)."""
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(p, 4),
            "recall": round(r, 4),
            "f1": round(f, 4),
        }


@dataclass(frozen=True)
class HeldBackScores:
    """The model's figures on the held-back sentences."""

    sentences: int
    label_accuracy: float  # the argmax label (none or a code label) equals the first event's
    root_accuracy: float  # the best root (or none) is one of the sentence's roots (or none)
    threshold: float
    event_precision: float
    event_recall: float
    event_f1: float
    curve: dict[str, dict[str, float]]
    spans: dict[str, SpanScore]

    def to_json(self) -> dict[str, Any]:
        """JSON-ready figures."""
        return {
            "sentences": self.sentences,
            "label_accuracy": round(self.label_accuracy, 4),
            "root_accuracy": round(self.root_accuracy, 4),
            "threshold": self.threshold,
            "event_precision": round(self.event_precision, 4),
            "event_recall": round(self.event_recall, 4),
            "event_f1": round(self.event_f1, 4),
            "threshold_curve": self.curve,
            "spans": {k: v.to_json() for k, v in self.spans.items()},
        }


@dataclass(frozen=True)
class TrainReport:
    """What training wrote and how the model scored on the held-back part."""

    out: Path
    labels: tuple[str, ...]
    examples: dict[str, dict[str, int]]
    best_epoch: int
    scores: HeldBackScores
    losses: tuple[dict[str, float], ...]
    elapsed_s: float


@dataclass
class TrainingData:
    """Labelled sentences and where they came from (for the model's meta)."""

    sentences: list[Labelled]
    provenance: dict[str, Any] = field(default_factory=dict)


# --- data -------------------------------------------------------------------------------------


def weak_sentences(found: dict[tuple[str, int], ExportSentence]) -> list[Labelled]:
    """The dataset's sentences with events, labelled with their rows' codes and spans."""
    out = []
    for sentence in found.values():
        codes = tuple(dict.fromkeys(code for _, code, _ in sorted(sentence.events)))
        out.append(
            Labelled(
                key=f"{sentence.doc_id}#{sentence.index}",
                text=sentence.text,
                codes=codes,
                spans=tuple(sorted(sentence.spans)),
                source="weak",
                held_back=sentence.split in HELD_BACK_SPLITS,
            )
        )
    return out


def trigger_forms(found: dict[tuple[str, int], ExportSentence]) -> frozenset[str]:
    """The trigger words (lower case, as written) of the dataset's events other than
    statements (root 01)."""
    forms = set()
    for sentence in found.values():
        starts = {t - sentence.start for t, _, root in sentence.events if root != STATEMENT_ROOT}
        for start, end, label in sentence.spans:
            if label == "TRIGGER" and start in starts:
                forms.add(sentence.text[start:end].lower())
    return frozenset(forms)


def mentions_trigger(text: str, forms: frozenset[str]) -> bool:
    """Whether the text holds one of the trigger words (whole words, case aside)."""
    lower = text.lower()
    words = set(_WORDS.findall(lower))
    return any(form in words if " " not in form else form in lower for form in forms)


def negative_sentences(
    manifest: dict[str, Any],
    found: dict[tuple[str, int], ExportSentence],
    inputs: Sequence[Path] | None = None,
) -> tuple[list[Labelled], int]:
    """The sentences of the build's coded and no-event documents that hold no event, and how
    many were left out because they hold a word the rules coded as a trigger elsewhere (the
    rules may have missed their event: no actor found, a constraint not met).

    `inputs` replace the manifest's input paths (which are relative to where the build ran);
    either way they must be the build's files (sha256 as in the manifest).
    """
    paths = list(inputs) if inputs else _manifest_inputs(manifest)
    _check_inputs(manifest, paths)
    outcomes = {
        d["doc_id"]: d
        for d in manifest.get("documents", [])
        if d.get("outcome") in ("coded", "no_events") and d.get("doc_id") is not None
    }
    forms = trigger_forms(found)
    taken: dict[str, list[tuple[int, int]]] = {}
    for sentence in found.values():
        start = sentence.start
        taken.setdefault(sentence.doc_id, []).append((start, start + len(sentence.text)))
    known = {f.name for f in dataclasses.fields(ReadOptions)}
    options = ReadOptions(
        **{k: v for k, v in manifest.get("options", {}).get("read", {}).items() if k in known}
    )
    splitter = _sentencizer()
    out = []
    ambiguous = 0
    for item in read_inputs(paths, options):
        if not isinstance(item, Document) or item.doc_id not in outcomes:
            continue
        held = outcomes[item.doc_id].get("split") in HELD_BACK_SPLITS
        ranges = taken.get(item.doc_id, [])
        for k, (start, end) in enumerate(sentence_ranges(item.text, splitter)):
            if any(start < e and s < end for s, e in ranges):
                continue
            text = item.text[start:end]
            if mentions_trigger(text, forms):
                ambiguous += 1
                continue
            out.append(Labelled(f"{item.doc_id}~{k}", text, (), (), "negative", held))
    return out, ambiguous


def sentence_ranges(text: str, splitter: Any) -> list[tuple[int, int]]:
    """Character ranges of the non-empty sentences of `text`, trimmed of whitespace."""
    out = []
    for sent in splitter(text).sents:
        raw = sent.text
        stripped = raw.strip()
        if stripped:
            start = sent.start_char + len(raw) - len(raw.lstrip())
            out.append((start, start + len(stripped)))
    return out


def gold_sentences(paths: Sequence[Path]) -> tuple[list[Labelled], list[dict[str, Any]]]:
    """Labelled sentences from gold files (annotation JSONL or PETRARCH validation XML, told
    by `eventcoder.evaluate.gold_format`), and a record of each file. PLOVER records are
    refused: they carry event types, not CAMEO codes, and are for evaluation."""
    from eventcoder.evaluate import gold_format, load_annotations, load_petrarch_validation

    cameo = load_cameo_table()
    out: list[Labelled] = []
    files = []
    for path in paths:
        kind = gold_format(path)
        if kind == "plover":
            raise TrainError(
                f"{path} holds PLOVER records (event types, not CAMEO codes): they are for "
                "`eventcoder eval`; give --gold annotation JSONL or PETRARCH validation XML"
            )
        gold = load_petrarch_validation(path) if kind == "petrarch" else load_annotations(path)
        for sentence in gold.sentences:
            codes = tuple(dict.fromkeys(e.cameo_code for e in sentence.events))
            if codes and not (codes := tuple(c for c in codes if c in cameo)):
                continue  # events with codes outside CAMEO 1.1b3 only: no label to learn
            text = sentence.text.strip()
            spans: list[Span] = []
            for event in sentence.events:
                for words, label in ((event.actor_text, "ACTOR"), (event.target_text, "TARGET")):
                    if words and (at := text.find(words)) >= 0:
                        spans.append((at, at + len(words), label))
            key = f"{path.name}:{sentence.key}"
            out.append(
                Labelled(
                    key=key,
                    text=text,
                    codes=codes,
                    spans=tuple(sorted(set(spans))),
                    source="gold",
                    held_back=_stable_fraction(key) < 0.2,
                    triggers_known=False,
                )
            )
        files.append(
            {"path": str(path), "sha256": sha256_file(path), "sentences": len(gold.sentences)}
        )
    return out, files


def lexicon_sentences() -> list[Labelled]:
    """The rule lexicon's example sentences, labelled with what the rule coder codes in them
    (codes and actor, target and trigger spans); one in five held back."""
    from eventcoder.coders import ParsedDocument
    from eventcoder.coders.rules import RuleCoder
    from eventcoder.ingest import document_from_text
    from eventcoder.nlp import load_nlp, sentences

    coder = RuleCoder.default()
    examples = list(dict.fromkeys(p.example.strip() for p in coder.patterns.patterns if p.example))
    nlp = load_nlp()
    out = []
    for text, parsed in zip(examples, nlp.parse_many(examples), strict=True):
        document = document_from_text(text, doc_id="example")
        found = coder.code(ParsedDocument(document, tuple(sentences(document, parsed))))
        spans: set[Span] = set()
        for cand in found:
            spans.add((cand.trigger.start, cand.trigger.end, "TRIGGER"))
            for actor, label in ((cand.actor, "ACTOR"), (cand.target, "TARGET")):
                if actor is not None and text[actor.start : actor.end] == actor.text:
                    spans.add((actor.start, actor.end, label))
        ordered = sorted(found, key=lambda c: c.trigger.start)
        key = f"lexicon:{text}"
        out.append(
            Labelled(
                key=key,
                text=text,
                codes=tuple(dict.fromkeys(c.cameo_code for c in ordered)),
                spans=tuple(sorted(spans)),
                source="lexicon",
                held_back=_stable_fraction(key) < 0.2,
            )
        )
    return out


PATTERN_SKIP = frozenset({"^", "%", "(", ")", "{", "}", "*"})
_TAILS: tuple[str, ...] = (
    "",
    " on Monday",
    " on Tuesday",
    " on Wednesday",
    " on Thursday",
    " on Friday",
    " last week",
    ", officials said",
    ", officials said on Sunday",
    ", the ministry said",
    ", state media reported",
    ", according to a statement",
    ", a spokesman said on Saturday",
)
_ACTOR_ROLES: tuple[str, ...] = (
    "government",
    "foreign minister",
    "president",
    "prime minister",
    "army",
    "police",
    "parliament",
    "opposition",
    "rebels",
    "military",
    "defence minister",
    "ambassador",
)


def dictionary_sentences(paths: Sequence[Path], seed: int) -> tuple[list[Labelled], dict[str, Any]]:
    """Template sentences from TABARI/PETRARCH verb dictionaries, labelled with their codes,
    and a record of the files.

    Each verb with an event code gives "SOURCE VERBED TARGET[, tail]."; each verb pattern
    gives one sentence with a verb of its block and the pattern's words (synsets replaced by
    a member, `$`/`+` by the source/target). Sources and targets are countries, roles of a
    country and organisations from the packaged lexicon; spans mark them and the verb.
    Nothing is held back: templates are not what the model is scored on.
    """
    from eventcoder.petrarch import load_dictionaries

    dictionaries = load_dictionaries(list(paths))
    if not dictionaries.verbs:
        raise TrainError(
            f"{', '.join(map(str, paths))}: no verbs read; --verbs takes a TABARI/PETRARCH "
            "verb dictionary (such as CAMEO.2.0.txt)"
        )
    rng = random.Random(seed)
    actors = _template_actors()
    by_family: dict[str, list[Any]] = {}
    for verb in dictionaries.verbs:
        by_family.setdefault(verb.family, []).append(verb)
    out: list[Labelled] = []
    seen: set[str] = set()

    def add(code: str | None, pre: Sequence[str], verb: Any, post: Sequence[str]) -> None:
        label = _event_code(code)
        if label is None:
            return
        made = _template(rng, actors, dictionaries, pre, verb, post)
        if made is None or _normal(made[0]) in seen:
            return
        seen.add(_normal(made[0]))
        key = f"dictionary:{len(out)}"
        out.append(Labelled(key, made[0], (label,), made[1], "dictionary", False))

    for verb in dictionaries.verbs:
        family = dictionaries.families.get(verb.family)
        add(verb.code or (family.code if family else None), (), verb, ())
    for pattern in dictionaries.patterns:
        members = by_family.get(pattern.verb)
        if members:
            add(pattern.code, pattern.pre, _pattern_verb(pattern, members, rng), pattern.post)
    record = {
        "files": [{"path": f.path, "sha256": f.sha256} for f in dictionaries.files],
        "sentences": len(out),
        "seed": seed,
    }
    return out, record


def _pattern_verb(pattern: Any, members: Sequence[Any], rng: random.Random) -> Any:
    """The verb a pattern was written for (named first in its comment) when it is one of
    its block's, else one of them at random."""
    named = next(iter(pattern.comment.lower().split()), "").replace("_", " ")
    return next((v for v in members if v.verb == named), None) or rng.choice(list(members))


def _event_code(code: str | None) -> str | None:
    """The CAMEO 1.1b3 code a dictionary code gives as a label: the first of a paired code
    (`042:043`), its root's generic code where CAMEO lacks it; None for `---` and the like."""
    if not code:
        return None
    first = code.split(":")[0].strip()
    cameo = load_cameo_table()
    for candidate in (first, generic_code(first)):
        if candidate and candidate.isdigit() and candidate in cameo:
            return candidate
    return None


def _template_actors() -> tuple[str, ...]:
    """Actor phrases for templates: country names, roles of countries, organisations."""
    from eventcoder.taxonomy import load_countries

    countries = [c.name for c in load_countries() if c.sovereign and c.name.isascii()]
    roles = [f"{name}'s {role}" for name in countries[::7] for role in _ACTOR_ROLES]
    roles += [f"the {role} of {name}" for name in countries[3::11] for role in _ACTOR_ROLES]
    organisations = ("the United Nations", "NATO", "the European Union", "the African Union")
    return tuple(countries + roles + list(organisations))


def _template(
    rng: random.Random,
    actors: Sequence[str],
    dictionaries: Any,
    pre: Sequence[str],
    verb: Any,
    post: Sequence[str],
) -> tuple[str, tuple[Span, ...]] | None:
    """A sentence and its spans for a verb and a pattern's words before and after it."""
    source, target = rng.sample(list(actors), 2)
    forms = [f for f in verb.forms if not f.endswith("ing")] or [verb.verb]
    past = [f for f in forms if f.endswith("ed")]
    trigger = rng.choice(past or forms)
    pieces: list[tuple[str, str]] = [] if "$" in pre else [(source, "ACTOR")]
    before = _pattern_words(rng, dictionaries, pre, source, target)
    if before is None:
        return None
    pieces += before + [(trigger, "TRIGGER")]
    if "+" not in (*pre, *post) and not post:
        pieces.append((target, "TARGET"))
    after = _pattern_words(rng, dictionaries, post, source, target)
    if after is None:
        return None
    pieces += after
    text = ""
    spans: list[Span] = []
    for words, label in pieces:
        text += " " if text else ""
        if label:
            spans.append((len(text), len(text) + len(words), label))
        text += words
    text = text[0].upper() + text[1:] + rng.choice(_TAILS) + "."
    return text, tuple(sorted(spans))


def _pattern_words(
    rng: random.Random, dictionaries: Any, part: Sequence[str], source: str, target: str
) -> list[tuple[str, str]] | None:
    """A pattern part's words with their span labels: `$`/`+` the source/target, a synset one
    of its members; None when a synset has none."""
    out: list[tuple[str, str]] = []
    for element in part:
        if element == "$":
            out.append((source, "ACTOR"))
        elif element == "+":
            out.append((target, "TARGET"))
        elif element.startswith("&"):
            members = sorted(dictionaries.expand_synset(element, plurals=False))
            if not members:
                return None
            out.append((" ".join(rng.choice(members)), ""))
        elif element not in PATTERN_SKIP:
            out.append((element, ""))
    return out


def merge(weak: list[Labelled], gold: list[Labelled]) -> list[Labelled]:
    """All sentences, a gold sentence replacing weak or negative ones with the same text."""
    gold_texts = {_normal(s.text) for s in gold}
    return [s for s in weak if _normal(s.text) not in gold_texts] + gold


def training_data(
    folder: str | Path,
    gold: Sequence[str | Path] = (),
    inputs: Sequence[str | Path] | None = None,
    *,
    lexicon: bool = True,
    verbs: Sequence[str | Path] = (),
    seed: int = 0,
    statement_only: bool = False,
) -> TrainingData:
    """The labelled sentences of a dataset folder, its inputs, gold files, (with `lexicon`)
    the rule lexicon's example sentences and (with `verbs`) template sentences from verb
    dictionaries, with provenance.

    Weak sentences whose only events are statements (root 01, "..., officials said") are
    left out unless `statement_only`: the rules may have missed the event said, and as
    labels they teach the model that "said" is the event."""
    folder = Path(folder)
    try:
        manifest = read_manifest(folder)
    except EventcoderError as err:
        raise TrainError(str(err)) from None
    gold_paths = [Path(p) for p in gold]
    for path in gold_paths:
        if not path.is_file():
            raise TrainError(f"gold file {path} does not exist")
    found = event_sentences(folder, manifest)
    weak = weak_sentences(found)
    if not weak:
        raise TrainError(f"{folder} holds no events to learn from; build it from more text")
    stated = [s for s in weak if s.roots == {STATEMENT_ROOT}]
    if not statement_only:
        weak = [s for s in weak if s.roots != {STATEMENT_ROOT}]
    negatives, ambiguous = negative_sentences(
        manifest, found, [Path(p) for p in inputs] if inputs else None
    )
    labelled, files = gold_sentences(gold_paths)
    if lexicon:
        labelled += lexicon_sentences()
    templates: dict[str, Any] = {}
    if verbs:
        made, templates = dictionary_sentences([Path(p) for p in verbs], seed)
        labelled += made
    provenance = {
        "dataset": str(folder),
        "manifest_sha256": sha256_file(folder / "manifest.json"),
        "dataset_eventcoder_version": manifest.get("eventcoder_version"),
        "dataset_coder": manifest.get("coder"),
        "spacy_model": manifest.get("spacy_model"),
        "inputs": [{"path": i.get("path"), "sha256": i.get("sha256")} for i in manifest["inputs"]],
        "gold": files,
        "negatives": "sentences of the build's inputs without events (rule-based sentencizer)"
        " that hold no word the rules coded as a trigger elsewhere",
        "negatives_left_out": ambiguous,
        "lexicon_examples": lexicon,
        "statement_only_sentences": len(stated),
        "statement_only_left_out": 0 if statement_only else len(stated),
        "verb_dictionaries": templates,
    }
    return TrainingData(merge(weak + negatives, labelled), provenance)


def _manifest_inputs(manifest: dict[str, Any]) -> list[Path]:
    paths = [Path(i["path"]) for i in manifest.get("inputs", [])]
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        raise TrainError(
            "the sentences without events come from the build's inputs, and these are not "
            f"where the manifest says: {', '.join(missing[:5])}; run from the folder the build "
            "ran in, or pass them with --inputs PATH"
        )
    return paths


def _check_inputs(manifest: dict[str, Any], inputs: Sequence[Path]) -> None:
    try:
        mismatch = inputs_mismatch(manifest, inputs)
    except InputError as err:
        raise TrainError(str(err)) from None
    if mismatch is not None:
        raise TrainError(
            "the inputs must be the files the dataset was built from (compared by sha256 with "
            f"manifest.json): {mismatch}; pass the build's inputs with --inputs PATH"
        )


def _sentencizer() -> Any:
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


def _normal(text: str) -> str:
    return " ".join(text.split())


def _stable_fraction(key: str) -> float:
    digest = hashlib.blake2b(key.encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big") / 2**64


# --- labels -----------------------------------------------------------------------------------


def label_set(sentences: Iterable[Labelled], min_count: int, gold_weight: int) -> list[str]:
    """`none` and the CAMEO labels: codes seen at least `min_count` times (gold counted
    `gold_weight` times), and the roots' generic codes for the rest."""
    counts: Counter[str] = Counter()
    for s in sentences:
        code = main_code(s.codes)
        if code is not None and not s.held_back:
            counts[code] += gold_weight if s.source in WEIGHTED_SOURCES else 1
    labels = {code if n >= min_count else generic_code(code) for code, n in counts.items()}
    return [NONE_LABEL, *sorted(labels)]


def generic_code(code: str) -> str:
    """The generic code of a code's root: '195' -> '190', '0831' -> '080'."""
    return code[:2] + "0"


def main_code(codes: Sequence[str]) -> str | None:
    """The code a sentence is classified by: its first code other than a statement (root
    01: "said" goes with most events), else its first code; None without codes."""
    return next((c for c in codes if c[:2] != STATEMENT_ROOT), codes[0] if codes else None)


def label_of(codes: Sequence[str], labels: Sequence[str]) -> str:
    """The classifier's label for a sentence's codes (its main code, or that code's root's
    generic code where the code has no label of its own; `none` without codes)."""
    code = main_code(codes)
    if code is None:
        return NONE_LABEL
    return code if code in labels else generic_code(code)


def decide_root(roots: dict[str, float], threshold: float) -> tuple[str, float] | None:
    """The root coded at this threshold and its probability: the most probable root other
    than statements if it reaches the threshold, else statements if they do; else None.
    (The rule coder likewise drops a statement when the sentence has another event.)"""
    ranked = sorted(
        ((p, r) for r, p in roots.items() if r not in (NONE_LABEL, STATEMENT_ROOT)), reverse=True
    )
    if ranked and ranked[0][0] >= threshold:
        return ranked[0][1], ranked[0][0]
    statement = roots.get(STATEMENT_ROOT, 0.0)
    return (STATEMENT_ROOT, statement) if statement >= threshold else None


def root_key(label: str) -> str:
    """The CAMEO root of a classifier label (`none` for itself)."""
    return NONE_LABEL if label == NONE_LABEL else label[:2]


def root_probabilities(cats: dict[str, float]) -> dict[str, float]:
    """Probabilities per CAMEO root (and `none`) from the classifier's label probabilities."""
    out: dict[str, float] = {}
    for label, p in cats.items():
        key = root_key(label)
        out[key] = out.get(key, 0.0) + p
    return out


# --- pipeline ---------------------------------------------------------------------------------

_CONFIG = """
[nlp]
lang = "en"
pipeline = ["tok2vec","tagger","textcat"]

[components]

[components.tok2vec]
factory = "tok2vec"

[components.tok2vec.model]
@architectures = "spacy.HashEmbedCNN.v2"
pretrained_vectors = null
width = {width}
depth = {depth}
embed_size = {embed_size}
window_size = 1
maxout_pieces = 3
subword_features = true

[components.tagger]
factory = "tagger"

[components.tagger.model]
@architectures = "spacy.Tagger.v2"
nO = null

[components.tagger.model.tok2vec]
@architectures = "spacy.Tok2VecListener.v1"
width = {width}
upstream = "tok2vec"

[components.textcat]
factory = "textcat"

[components.textcat.model]
@architectures = "spacy.TextCatEnsemble.v2"
nO = null

[components.textcat.model.tok2vec]
@architectures = "spacy.Tok2VecListener.v1"
width = {width}
upstream = "tok2vec"

[components.textcat.model.linear_model]
@architectures = "spacy.TextCatBOW.v3"
exclusive_classes = true
ngram_size = 2
no_output_layer = false
length = {bow_length}
"""


def build_pipeline(labels: Sequence[str], options: TrainOptions) -> Any:
    """An untrained pipeline (tok2vec, tagger over TAGS, textcat over `labels`)."""
    import spacy
    from thinc.api import Config

    text = _CONFIG
    for name in ("width", "depth", "embed_size", "bow_length"):
        text = text.replace("{" + name + "}", str(getattr(options, name)))
    nlp: Any = spacy.util.load_model_from_config(Config().from_str(text), auto_fill=True)
    for tag in TAGS:
        nlp.get_pipe("tagger").add_label(tag)
    for label in labels:
        nlp.get_pipe("textcat").add_label(label)
    return nlp


def to_example(nlp: Any, sentence: Labelled, labels: Sequence[str]) -> Any:
    """A spaCy Example: the sentence's label as `cats`, its spans as BIO `tags`."""
    from spacy.training import Example

    doc = nlp.make_doc(sentence.text)
    label = label_of(sentence.codes, labels)
    cats = {name: float(name == label) for name in labels}
    missing = "O" if sentence.triggers_known else ""  # "": no annotation, no loss
    tags = [missing] * len(doc)
    kept, _ = bio_spans(sentence.spans)
    for start, end, kind in kept:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            continue
        for n, k in enumerate(range(span.start, span.end)):
            tags[k] = f"{'B' if n == 0 else 'I'}-{kind}"
    return Example.from_dict(doc, {"cats": cats, "tags": tags})


def tag_spans(tags: Sequence[str]) -> list[tuple[int, int, str]]:
    """Token ranges [start, end) and labels of the spans in a BIO tag sequence (an I- tag
    without a B- before it starts a span)."""
    out: list[tuple[int, int, str]] = []
    start: int | None = None
    kind = ""
    for k, tag in enumerate((*tags, "O")):
        prefix, _, name = tag.partition("-")
        if start is not None and (prefix != "I" or name != kind):
            out.append((start, k, kind))
            start = None
        if prefix == "B" or (prefix == "I" and start is None and name):
            start, kind = k, name
    return out


# --- training ---------------------------------------------------------------------------------


def train(
    data: TrainingData,
    out: str | Path,
    options: TrainOptions | None = None,
    *,
    overwrite: bool = False,
) -> TrainReport:
    """Train a model on `data` and write it to `out` (complete or absent); never prints."""
    from thinc.api import fix_random_seed

    clock = time.perf_counter()
    options = options or TrainOptions()
    out = Path(out)
    _check_out(out, overwrite)
    fix_random_seed(options.seed)
    rng = random.Random(options.seed)
    train_part = [s for s in data.sentences if not s.held_back]
    held = [s for s in data.sentences if s.held_back]
    if not any(s.codes for s in train_part):
        raise TrainError("no sentence with events to train on outside the held-back part")
    labels = label_set(data.sentences, options.min_code_count, options.gold_weight)
    nlp = build_pipeline(labels, options)
    positives = [s for s in train_part if s.codes or s.source in WEIGHTED_SOURCES]
    negatives = [s for s in train_part if not s.codes and s.source not in WEIGHTED_SOURCES]
    examples = {id(s): to_example(nlp, s, labels) for s in train_part}
    optimizer = nlp.initialize(lambda: [examples[id(s)] for s in positives[:500] + negatives[:200]])
    optimizer.learn_rate = options.learn_rate
    held_examples = [(s, nlp.make_doc(s.text)) for s in held]
    best: tuple[float, int, bytes, HeldBackScores] | None = None
    history: list[dict[str, float]] = []
    for epoch in range(options.epochs):
        epoch_set = [s for s in positives for _ in range(_copies(s, options))]
        take = min(len(negatives), int(len(positives) * options.negatives_per_positive))
        epoch_set += rng.sample(negatives, take)
        rng.shuffle(epoch_set)
        losses: dict[str, float] = {}
        for at in range(0, len(epoch_set), options.batch_size):
            nlp.update(
                [examples[id(s)] for s in epoch_set[at : at + options.batch_size]],
                drop=options.dropout,
                sgd=optimizer,
                losses=losses,
            )
        scores = score_held_back(nlp, held_examples, labels)
        history.append({k: round(v, 4) for k, v in losses.items()} | {"epoch": epoch + 1})
        key = scores.event_f1 + scores.label_accuracy
        if best is None or key > best[0]:
            best = (key, epoch + 1, nlp.to_bytes(), scores)
    assert best is not None
    _, best_epoch, weights, scores = best
    nlp.from_bytes(weights)
    counts = _counts(data.sentences)
    nlp.meta["name"] = "eventcoder_" + "".join(c if c.isalnum() else "_" for c in out.name)
    nlp.meta["version"] = "1.0.0"
    nlp.meta["description"] = "eventcoder model coder: CAMEO sentence classes and spans"
    nlp.meta[META_KEY] = {
        "format": MODEL_FORMAT,
        "created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "eventcoder_version": __version__,
        "labels": labels,
        "tags": list(TAGS),
        "threshold": scores.threshold,
        "options": dataclasses.asdict(options),
        "seed": options.seed,
        "best_epoch": best_epoch,
        "data": data.provenance,
        "examples": counts,
        "held_back": "the dataset's validation and test documents, one gold sentence in five",
        "scores": scores.to_json(),
        "losses": history,
    }
    _write_model(nlp, out)
    return TrainReport(
        out,
        tuple(labels),
        counts,
        best_epoch,
        scores,
        tuple(history),
        round(time.perf_counter() - clock, 1),
    )


def _copies(sentence: Labelled, options: TrainOptions) -> int:
    return options.gold_weight if sentence.source in WEIGHTED_SOURCES else 1


def _counts(sentences: Iterable[Labelled]) -> dict[str, dict[str, int]]:
    counts: dict[str, Counter[str]] = {"train": Counter(), "held_back": Counter()}
    for s in sentences:
        counts["held_back" if s.held_back else "train"][s.source] += 1
    return {part: dict(sorted(c.items())) for part, c in counts.items()}


def predict(nlp: Any, docs: Sequence[Any], batch_size: int = 64) -> list[Any]:
    """The docs with the pipeline's annotations (cats and tags)."""
    return list(nlp.pipe(docs, batch_size=batch_size))


def score_held_back(
    nlp: Any, held: Sequence[tuple[Labelled, Any]], labels: Sequence[str]
) -> HeldBackScores:
    """Label and root accuracy, event figures per threshold, and span figures."""
    docs = predict(nlp, [doc.copy() for _, doc in held])
    label_ok = root_ok = 0
    probabilities: list[dict[str, float]] = []
    spans: dict[str, Counter[str]] = {label: Counter() for label in SPAN_LABELS}
    for (sentence, _), doc in zip(held, docs, strict=True):
        cats = dict(doc.cats)
        label_ok += max(cats, key=lambda k: cats[k]) == label_of(sentence.codes, labels)
        roots = root_probabilities(cats)
        probabilities.append(roots)
        predicted_root = max(roots, key=lambda r: roots[r])
        truth = sentence.roots or frozenset({NONE_LABEL})
        root_ok += predicted_root in truth
        if sentence.triggers_known:
            _tally_spans(spans, sentence, doc)
    curve = {}
    chosen = (-1.0, 0.5, 0.0, 0.0)
    for threshold in THRESHOLDS:
        tp = fp = 0
        for (sentence, _), roots in zip(held, probabilities, strict=True):
            decided = decide_root(roots, threshold)
            if decided is not None:
                if decided[0] in sentence.roots:
                    tp += 1
                else:
                    fp += 1
        events = sum(1 for s, _ in held if s.codes)
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / events if events else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        curve[f"{threshold:.2f}"] = {
            "precision": round(precision, 4),
            "recall": round(recall, 4),
            "f1": round(f1, 4),
        }
        if f1 > chosen[0]:
            chosen = (f1, threshold, precision, recall)
    n = max(len(held), 1)
    return HeldBackScores(
        len(held),
        label_ok / n,
        root_ok / n,
        chosen[1],
        chosen[2],
        chosen[3],
        max(chosen[0], 0.0),
        curve,
        {label: SpanScore(c["tp"], c["fp"], c["fn"]) for label, c in spans.items()},
    )


def _tally_spans(spans: dict[str, Counter[str]], sentence: Labelled, doc: Any) -> None:
    kept, _ = bio_spans(sentence.spans)
    gold = set()
    for start, end, kind in kept:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            gold.add((span.start, span.end, kind))
    found = set(tag_spans([t.tag_ or "O" for t in doc]))
    for kind in SPAN_LABELS:
        g = {s for s in gold if s[2] == kind}
        f = {s for s in found if s[2] == kind}
        spans[kind]["tp"] += len(g & f)
        spans[kind]["fp"] += len(f - g)
        spans[kind]["fn"] += len(g - f)


# --- files ------------------------------------------------------------------------------------


def _check_out(out: Path, overwrite: bool) -> None:
    if out.exists() and not out.is_dir():
        raise OutputExistsError(f"{out} exists and is not a folder; choose another --out")
    if out.exists() and any(out.iterdir()) and not overwrite:
        raise OutputExistsError(
            f"{out} already holds files; pass --overwrite to replace it, or choose another --out"
        )


def _write_model(nlp: Any, out: Path) -> None:
    """Write the pipeline beside `out` and rename it into place."""
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = out.parent / f".{out.name}.training"
    if staging.exists():
        shutil.rmtree(staging)
    try:
        nlp.to_disk(staging)
        swap_into_place(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def model_checksum(folder: str | Path) -> str:
    """sha256 over the model folder's files (relative paths and bytes, in sorted order)."""
    root = Path(folder)
    digest = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(root).as_posix()).encode("utf-8") + b"\0")
        digest.update(sha256_file(path).encode("ascii"))
    return digest.hexdigest()


def read_model_meta(folder: str | Path) -> dict[str, Any]:
    """The `eventcoder` part of a model folder's meta.json; TrainError when it is not a model
    written by `eventcoder train`."""
    path = Path(folder) / "meta.json"
    if not path.is_file():
        raise TrainError(
            f"{folder} is not a model folder (no meta.json); train one with "
            "`eventcoder train --data DATASET --out MODEL_DIR` or `make model`"
        )
    try:
        meta: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as err:
        raise TrainError(f"{path} cannot be read: {err}") from err
    info = meta.get(META_KEY)
    if not isinstance(info, dict) or info.get("format") != MODEL_FORMAT:
        raise TrainError(
            f"{folder} was not written by `eventcoder train` (format {MODEL_FORMAT}); "
            "retrain it with this version"
        )
    return info
