"""The model coder: CAMEO classes and actor/target/trigger spans from a trained model.

`ModelCoder` (`--coder model:MODEL_DIR`) runs a pipeline written by `eventcoder train` (see
eventcoder/train/) over each sentence of the parsed document, re-using the parse's tokens.
A sentence gets an event when a CAMEO root's probability reaches the threshold (the one
chosen on the held-back data at training, unless given): the most probable root other than
statements (01) first, since "said" goes with most events, else a statement. Its code is the
most probable label of that root; the trigger is the first predicted TRIGGER span (else the
sentence's syntactic root); actors and targets are the first predicted ACTOR and TARGET spans,
resolved to codes by the rule coder's actor resolver (eventcoder/actors/) on the parse, with
the same document context (anaphora). `confidence` is the root's probability; `rule_id` is
`model.CODE.CHECKSUM12` and `coder_version` names the model's format and checksum.

`TransformersCoder` (`--coder model:transformers:PATH`, optional extra `transformers`) does the
same with a local Hugging Face checkpoint: a sequence classifier whose labels are CAMEO codes
or roots (and `none`/`O`), or a token classifier with BIO labels whose types are CAMEO codes.
"""

from __future__ import annotations

import functools
import hashlib
import importlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eventcoder.actors.context import DocumentContext
from eventcoder.actors.lexicon import ActorLexicon, load_actor_lexicon
from eventcoder.actors.mentions import DocArrays, NameMention, find_names
from eventcoder.actors.resolve import ActorResolver
from eventcoder.coders.labels import (
    NONE_LABEL,
    SPAN_LABELS,
    decide_root,
    generic_code,
    model_checksum,
    read_model_meta,
    root_key,
    root_probabilities,
    tag_spans,
)
from eventcoder.errors import EventcoderError, TrainError
from eventcoder.taxonomy import CameoTable, load_cameo_table
from eventcoder.types import Actor, EventCandidate, ParsedDocument, Trigger

NAME = "model"
VERSION = "1"
MAX_ACTORS = 3
PREDICT_BATCH = 64
TokenSpan = tuple[int, int, str]  # token offsets within the sentence, label


class ModelCoderError(EventcoderError):
    """A model folder or checkpoint cannot be used for coding."""


@dataclass(frozen=True)
class SentencePrediction:
    """What the model says about one sentence: root probabilities (with `none`), the
    probability of each code label, and spans (token offsets within the sentence)."""

    index: int
    roots: dict[str, float]
    codes: dict[str, float]
    spans: tuple[TokenSpan, ...] = ()

    def decide(self, threshold: float) -> tuple[str, float] | None:
        """The root coded at this threshold and its probability (see labels.decide_root)."""
        return decide_root(self.roots, threshold)

    def code_for(self, root: str) -> str:
        """The most probable code label of a root (its generic code if it has none)."""
        within = [(p, c) for c, p in self.codes.items() if c[:2] == root]
        return max(within)[1] if within else generic_code(root)


class SpanEvents:
    """Builds event candidates from predicted spans with the rule coder's actor resolver."""

    def __init__(self, lexicon: ActorLexicon, cameo: CameoTable) -> None:
        self.lexicon = lexicon
        self.resolver = ActorResolver(lexicon)
        self.cameo = cameo

    def candidates(
        self,
        parsed: ParsedDocument,
        predictions: Sequence[SentencePrediction],
        threshold: float,
        rule_prefix: str,
        indices: Iterable[int] | None = None,
    ) -> list[EventCandidate]:
        """Candidates for the sentences (all, or those in `indices`) whose prediction passes
        the threshold; every sentence is read for the document context."""
        wanted = None if indices is None else set(indices)
        by_index = {p.index: p for p in predictions}
        out: list[EventCandidate] = []
        if not parsed.sentences:
            return out
        ctx = DocumentContext()
        arrays = DocArrays.of(parsed.sentences[0][1].doc)
        for sentence, span in parsed.sentences:
            names = find_names(span, self.lexicon, arrays=arrays)
            self.resolver.observe(span, names, ctx, arrays=arrays)
            prediction = by_index.get(sentence.index)
            if prediction is None or (wanted is not None and sentence.index not in wanted):
                continue
            decided = prediction.decide(threshold)
            if decided is None:
                continue
            root, probability = decided
            code = self._valid(prediction.code_for(root))
            if code is None:
                continue
            rule_id = f"{rule_prefix}.{code}"
            out.extend(self._events(span, names, ctx, prediction, code, probability, rule_id))
        return out

    def _valid(self, code: str) -> str | None:
        """The code if CAMEO has it, else its root's generic code if CAMEO has that."""
        for candidate in (code, generic_code(code)):
            try:
                return self.cameo.get(candidate).code
            except EventcoderError:
                continue
        return None

    def _events(
        self,
        span: Any,
        names: dict[int, NameMention],
        ctx: DocumentContext,
        prediction: SentencePrediction,
        code: str,
        probability: float,
        rule_id: str,
    ) -> list[EventCandidate]:
        index = prediction.index
        doc = span.doc
        first = {label: (s, e) for s, e, label in reversed(prediction.spans)}
        trigger_at = first.get("TRIGGER")
        if trigger_at is not None:
            words = doc[span.start + trigger_at[0] : span.start + trigger_at[1]]
            trigger = Trigger(words.text, words.start_char, words.end_char)
            head = words.root
        else:
            head = span.root
            trigger = Trigger(head.text, head.idx, head.idx + len(head.text))
        subject, obj = syntactic_arguments(head)
        actors = self._actors(span, first.get("ACTOR"), names, ctx, subject)
        targets = self._actors(span, first.get("TARGET"), names, ctx, obj)
        sources: list[Actor | None] = list(actors) or [None]
        objects: list[Actor | None] = list(targets) or [None]
        pairs = [
            (a, t)
            for a in sources
            for t in objects
            if t is None or a is None or t.code is None or t.code != a.code
        ] or [(sources[0], None)]
        group = None
        if len(pairs) > 1:
            key = f"{index}:{trigger.start}:{code}"
            group = hashlib.blake2b(key.encode(), digest_size=6).hexdigest()
        return [
            EventCandidate(index, a, t, code, trigger, rule_id, round(probability, 3), group)
            for a, t in pairs
        ]

    def _actors(
        self,
        span: Any,
        at: tuple[int, int] | None,
        names: dict[int, NameMention],
        ctx: DocumentContext,
        fallback: Any | None,
    ) -> list[Actor]:
        """Actors for a predicted span; without one, the coded actors of the trigger's
        syntactic argument (`fallback`), if any."""
        if at is None:
            if fallback is None:
                return []
            return [a for a in self.resolver.resolve_group(fallback, names, ctx) if a.code][
                :MAX_ACTORS
            ]
        words = span.doc[span.start + at[0] : span.start + at[1]]
        found = self.resolver.resolve_group(words.root, names, ctx)
        if found:
            return found[:MAX_ACTORS]
        return [Actor(words.text, words.start_char, words.end_char, None, resolution="entity")]


def syntactic_arguments(trigger: Any) -> tuple[Any | None, Any | None]:
    """The parse's source and target phrase heads for a trigger token: subject and object,
    the agent and subject of a passive ("were killed by rebels"), and for an event noun the
    subject of the verb it is the object of ("launched an attack")."""
    verb = trigger
    if trigger.pos_ in {"NOUN", "PROPN"} and trigger.dep_ in {"dobj", "pobj"}:
        verb = trigger.head.head if trigger.dep_ == "pobj" else trigger.head
    children = list(verb.children)
    passive = any(c.dep_ in {"nsubjpass", "auxpass"} for c in children)
    subject = obj = None
    for child in children:
        dep = child.dep_
        if dep == "nsubj":
            subject = child
        elif dep == "agent":
            subject = next((g for g in child.children if g.dep_ == "pobj"), subject)
        elif (dep == "dobj" and verb is trigger) or (passive and dep == "nsubjpass"):
            obj = child
    return subject, obj


class _SentencePredictor:
    """What the model coders share: predictions per sentence turned into event candidates."""

    threshold: float
    rule_prefix: str
    events: SpanEvents

    def predict(self, parsed: ParsedDocument) -> list[SentencePrediction]:
        """Predictions for every sentence of the document."""
        raise NotImplementedError

    def candidates(
        self,
        parsed: ParsedDocument,
        predictions: Sequence[SentencePrediction],
        threshold: float | None = None,
        indices: Iterable[int] | None = None,
    ) -> list[EventCandidate]:
        """Event candidates from predictions (see SpanEvents.candidates)."""
        chosen = self.threshold if threshold is None else threshold
        return self.events.candidates(parsed, predictions, chosen, self.rule_prefix, indices)

    def code(self, parsed: ParsedDocument) -> list[EventCandidate]:
        """Event candidates for the sentences whose best root passes the threshold."""
        return self.candidates(parsed, self.predict(parsed))


class ModelCoder(_SentencePredictor):
    """Codes with a model folder written by `eventcoder train`."""

    name = NAME

    def __init__(
        self,
        folder: str | Path,
        threshold: float | None = None,
        lexicon: ActorLexicon | None = None,
    ) -> None:
        import spacy

        self.folder = Path(folder)
        if not self.folder.is_dir():
            raise ModelCoderError(
                f"model folder {self.folder} does not exist; train one first (eventcoder train, "
                "or make model)"
            )
        try:
            self.meta = read_model_meta(self.folder)
        except TrainError as err:
            raise ModelCoderError(str(err)) from None
        self.nlp = spacy.load(self.folder)
        self.checksum = model_checksum(self.folder)
        self.threshold = float(self.meta["threshold"]) if threshold is None else threshold
        if not 0.0 <= self.threshold <= 1.0:
            raise ModelCoderError(f"threshold must be between 0 and 1, got {self.threshold}")
        self.version = f"{VERSION}+{self.checksum[:12]}"
        self.rule_prefix = f"model.{self.checksum[:12]}"  # rule_id: model.CHECKSUM12.CODE
        self.events = SpanEvents(lexicon or load_actor_lexicon(), load_cameo_table())

    def provenance(self) -> dict[str, str]:
        """The model's folder, name, checksum, labels, threshold and training data."""
        data = self.meta.get("data", {})
        return {
            "coder": self.name,
            "coder_version": self.version,
            "model": str(self.folder),
            "model_name": str(self.nlp.meta.get("name", "")),
            "model_sha256": self.checksum,
            "model_created": str(self.meta.get("created", "")),
            "labels": ",".join(self.meta.get("labels", [])),
            "threshold": f"{self.threshold:g}",
            "seed": str(self.meta.get("seed", "")),
            "trained_on": str(data.get("dataset", "")),
            "trained_on_manifest_sha256": str(data.get("manifest_sha256", "")),
        }

    def predict(self, parsed: ParsedDocument) -> list[SentencePrediction]:
        """The model's prediction for every sentence of the document."""
        from spacy.tokens import Doc

        vocab = self.nlp.vocab
        doc = parsed.sentences[0][1].doc if parsed.sentences else None
        words = [t.text for t in doc] if doc is not None else []
        spaces = [bool(t.whitespace_) for t in doc] if doc is not None else []
        docs = [
            Doc(vocab, words=words[span.start : span.end], spaces=spaces[span.start : span.end])
            for _, span in parsed.sentences
        ]
        out: list[SentencePrediction] = []
        for at in range(0, len(docs), PREDICT_BATCH):
            batch = docs[at : at + PREDICT_BATCH]
            scores, tag_ids = self._run(batch)
            roots = scores @ self._root_matrix
            for k, (sentence, _) in enumerate(parsed.sentences[at : at + PREDICT_BATCH]):
                row = scores[k].tolist()
                codes = dict(zip(self._labels, row, strict=True))
                codes.pop(NONE_LABEL, None)
                tags = [self._tags[t] for t in tag_ids[k].tolist()]
                out.append(
                    SentencePrediction(
                        sentence.index,
                        dict(zip(self._roots, roots[k].tolist(), strict=True)),
                        codes,
                        tuple(tag_spans(tags)),
                    )
                )
        return out

    def _run(self, batch: list[Any]) -> tuple[Any, list[Any]]:
        """The classifier's label probabilities (one row a sentence, columns as `_labels`)
        and the tagger's tag indices for a batch of Docs: what `nlp.pipe` computes, without
        writing `doc.cats` and `token.tag_` (the same numbers, at a fraction of the cost)."""
        import numpy

        tok2vec = self._pipe("tok2vec")
        tok2vec.set_annotations(batch, tok2vec.predict(batch))
        textcat = self._pipe("textcat")
        scores = numpy.asarray(textcat.model.ops.to_numpy(textcat.predict(batch)))
        tags = self._pipe("tagger").predict(batch)
        return scores, [numpy.asarray(t) for t in tags]

    @functools.cached_property
    def _labels(self) -> tuple[str, ...]:
        return tuple(self._pipe("textcat").labels)

    @functools.cached_property
    def _tags(self) -> tuple[str, ...]:
        return tuple(t or "O" for t in self._pipe("tagger").labels)

    def _pipe(self, name: str) -> Any:
        """A component of the model's pipeline."""
        return self.nlp.get_pipe(name)

    @functools.cached_property
    def _roots(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(root_key(label) for label in self._labels))

    @functools.cached_property
    def _root_matrix(self) -> Any:
        """A 0/1 matrix summing label probabilities into root probabilities."""
        import numpy

        matrix = numpy.zeros((len(self._labels), len(self._roots)), dtype="float32")
        column = {root: k for k, root in enumerate(self._roots)}
        for row, label in enumerate(self._labels):
            matrix[row, column[root_key(label)]] = 1.0
        return matrix


def parse_options(argument: str, known: Sequence[str]) -> tuple[str, dict[str, str]]:
    """A coder argument `PATH[,key=value...]` split into the path and its options; an
    unknown key raises ModelCoderError naming the known ones."""
    path, *rest = argument.split(",")
    options: dict[str, str] = {}
    for item in rest:
        key, equals, value = item.partition("=")
        if not equals or key not in known:
            raise ModelCoderError(
                f"unknown coder option {item!r} in {argument!r}; options: "
                + ", ".join(f"{k}=VALUE" for k in known)
            )
        options[key] = value
    if not path:
        raise ModelCoderError("the coder needs a model folder: model:MODEL_DIR")
    return path, options


def float_option(options: dict[str, str], key: str) -> float | None:
    """A numeric option, None when absent; ModelCoderError when it is not a number."""
    if key not in options:
        return None
    try:
        return float(options[key])
    except ValueError:
        raise ModelCoderError(f"{key} must be a number, got {options[key]!r}") from None


class TransformersCoder(_SentencePredictor):
    """Codes with a local Hugging Face checkpoint (optional extra `transformers`).

    A sequence classifier gives each sentence a probability per label; labels are CAMEO
    codes ('190', '0831') or roots ('19'), and `none`/`O` for no event. A token classifier
    labels tokens with CAMEO codes or roots (optionally B-/I- prefixed): a sentence's root
    probability is its best token's, the tokens of that label are the trigger; labels ACTOR,
    TARGET and TRIGGER (with B-/I-) mark spans. Actors come from predicted spans, else from
    the trigger's subject and object in the parse, resolved as by the rule coder. Nothing
    is downloaded: the checkpoint is read with `local_files_only`.
    """

    name = NAME

    def __init__(
        self,
        path: str | Path,
        threshold: float | None = None,
        lexicon: ActorLexicon | None = None,
    ) -> None:
        try:
            importlib.import_module("torch")
            transformers = importlib.import_module("transformers")
        except ImportError:
            raise ModelCoderError(
                "model:transformers needs the optional extra: "
                "pip install 'eventcoder[transformers]'"
            ) from None
        self.folder = Path(path)
        if not (self.folder / "config.json").is_file():
            raise ModelCoderError(
                f"{self.folder} is not a Hugging Face checkpoint folder (no config.json)"
            )
        try:
            config = transformers.AutoConfig.from_pretrained(self.folder, local_files_only=True)
        except (OSError, ValueError) as err:
            raise ModelCoderError(f"{self.folder}: not a usable checkpoint: {err}") from None
        architectures = " ".join(config.architectures or [])
        if "TokenClassification" in architectures:
            self.kind = "token"
            auto: Any = transformers.AutoModelForTokenClassification
        elif "SequenceClassification" in architectures:
            self.kind = "sequence"
            auto = transformers.AutoModelForSequenceClassification
        else:
            raise ModelCoderError(
                f"{self.folder}: a text-classification or token-classification checkpoint is "
                f"needed, this one is {architectures or 'of no known architecture'}"
            )
        cameo = load_cameo_table()
        self.labels = {int(k): _hf_label(str(v), cameo) for k, v in config.id2label.items()}
        bad = [str(config.id2label[k]) for k, v in self.labels.items() if v is None]
        if bad:
            raise ModelCoderError(
                f"{self.folder}: labels must be CAMEO codes or roots, none/O, or "
                f"ACTOR/TARGET/TRIGGER (with B-/I-); not {', '.join(bad[:5])}"
            )
        self.multi_label = config.problem_type == "multi_label_classification"
        self.tokenizer = transformers.AutoTokenizer.from_pretrained(
            self.folder, local_files_only=True
        )
        self.model = auto.from_pretrained(self.folder, local_files_only=True)
        self.model.eval()
        self.threshold = 0.5 if threshold is None else threshold
        if not 0.0 <= self.threshold <= 1.0:
            raise ModelCoderError(f"threshold must be between 0 and 1, got {self.threshold}")
        self.checksum = model_checksum(self.folder)
        self.version = f"{VERSION}+hf.{self.checksum[:12]}"
        self.rule_prefix = f"model.hf.{self.checksum[:12]}"
        self.events = SpanEvents(lexicon or load_actor_lexicon(), cameo)

    def provenance(self) -> dict[str, str]:
        """The checkpoint's folder, kind, checksum, labels and threshold."""
        return {
            "coder": self.name,
            "coder_version": self.version,
            "model": str(self.folder),
            "model_kind": f"transformers-{self.kind}-classification",
            "model_sha256": self.checksum,
            "labels": ",".join(sorted({v for v in self.labels.values() if v})),
            "threshold": f"{self.threshold:g}",
        }

    def predict(self, parsed: ParsedDocument) -> list[SentencePrediction]:
        """The checkpoint's prediction for every sentence of the document."""
        torch = importlib.import_module("torch")

        texts = [s.text for s, _ in parsed.sentences]
        if not texts:
            return []
        encoded = self.tokenizer(
            texts,
            padding=True,
            truncation=True,
            return_tensors="pt",
            return_offsets_mapping=self.kind == "token",
        )
        offsets = encoded.pop("offset_mapping", None)
        with torch.no_grad():
            logits = self.model(**encoded).logits
        probs = torch.sigmoid(logits) if self.multi_label else torch.softmax(logits, dim=-1)
        if self.kind == "sequence":
            return [
                self._sentence(s.index, dict(enumerate(row.tolist())))
                for (s, _), row in zip(parsed.sentences, probs, strict=True)
            ]
        out = []
        for n, (sentence, span) in enumerate(parsed.sentences):
            mask = encoded["attention_mask"][n].tolist()
            pieces = [
                (int(a), int(b), row.tolist())
                for (a, b), row, m in zip(offsets[n].tolist(), probs[n], mask, strict=True)
                if m and b > a
            ]
            out.append(self._tokens(sentence.index, span, sentence.start, pieces))
        return out

    def _sentence(self, index: int, probs: dict[int, float]) -> SentencePrediction:
        cats: dict[str, float] = {}
        for k, p in probs.items():
            label = self.labels[k] or NONE_LABEL
            if label not in SPAN_LABELS:
                cats[label] = cats.get(label, 0.0) + p
        codes = {label: p for label, p in cats.items() if label != NONE_LABEL}
        return SentencePrediction(index, root_probabilities(cats), codes)

    def _tokens(
        self,
        index: int,
        span: Any,
        offset: int,
        pieces: list[tuple[int, int, list[float]]],
    ) -> SentencePrediction:
        """Root probabilities (best piece per label) and spans from token-level labels."""
        best: dict[str, float] = {}
        tagged: list[tuple[int, int, str]] = []
        for start, end, row in pieces:
            k = max(range(len(row)), key=lambda j: row[j])
            label = self.labels[k] or NONE_LABEL
            for j, p in enumerate(row):
                name = self.labels[j] or NONE_LABEL
                if name not in (NONE_LABEL, *SPAN_LABELS):
                    best[name] = max(best.get(name, 0.0), p)
            if label != NONE_LABEL:
                kind = label if label in SPAN_LABELS else "TRIGGER"
                tagged.append((start, end, kind if kind != "TRIGGER" else f"TRIGGER:{label}"))
        codes = dict(best)
        top = max(codes.values(), default=0.0)
        roots = root_probabilities({**codes, NONE_LABEL: 1.0 - top})
        spans = []
        for start, end, kind in _merge_pieces(tagged):
            words = span.doc.char_span(offset + start, offset + end, alignment_mode="expand")
            if words is not None:
                spans.append((words.start - span.start, words.end - span.start, kind))
        chosen = max(codes, key=lambda c: codes[c], default=None)
        spans = [
            (s, e, "TRIGGER")
            for s, e, kind in spans
            if kind.startswith("TRIGGER") and (kind == "TRIGGER" or kind[8:] == chosen)
        ] + [(s, e, kind) for s, e, kind in spans if not kind.startswith("TRIGGER")]
        return SentencePrediction(index, roots, codes, tuple(spans))


def _hf_label(label: str, cameo: CameoTable) -> str | None:
    """A checkpoint label as this coder reads it: '' for none/O, a CAMEO code (a root becomes
    its generic code), ACTOR/TARGET/TRIGGER; None when it is none of these."""
    bare = label.split("-", 1)[1] if label[:2] in {"B-", "I-"} else label
    if bare.lower() in {"none", "o", "no_event", "label_none"}:
        return ""
    if bare.upper() in SPAN_LABELS:
        return bare.upper()
    code = generic_code(bare) if len(bare) == 2 else bare
    try:
        cameo.get(code)
    except EventcoderError:
        return None
    return code


def _merge_pieces(tagged: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Adjacent sub-word pieces of one label as one span (character offsets)."""
    out: list[tuple[int, int, str]] = []
    for start, end, kind in tagged:
        if out and out[-1][2] == kind and start - out[-1][1] <= 1:
            out[-1] = (out[-1][0], end, kind)
        else:
            out.append((start, end, kind))
    return out
