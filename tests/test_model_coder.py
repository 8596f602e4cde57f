"""The model coder (`model:MODEL_DIR`), the rules+model ensemble (`ensemble:MODEL_DIR`) and the
Hugging Face coder (`model:transformers:PATH`): a tiny model trained in a temporary folder,
never the corpus; a stub model where the ensemble's decisions are the point."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest
from helpers import TINY

from eventcoder.actors import load_actor_lexicon
from eventcoder.coders.ensemble import EnsembleCoder
from eventcoder.coders.labels import model_checksum, root_probabilities, tag_spans
from eventcoder.coders.model import (
    ModelCoder,
    ModelCoderError,
    SentencePrediction,
    SpanEvents,
    syntactic_arguments,
)
from eventcoder.coders.registry import get_coder
from eventcoder.coders.rules import RuleCoder
from eventcoder.config import BuildConfig
from eventcoder.errors import UnknownCoderError
from eventcoder.ingest import document_from_text
from eventcoder.nlp import NLP
from eventcoder.pipeline import Pipeline, PipelineSpec
from eventcoder.taxonomy import load_cameo_table
from eventcoder.train import Labelled, TrainingData, train
from eventcoder.types import ParsedDocument

COUNTRIES = ["Iraq", "Iran", "Israel", "Syria", "Egypt", "Jordan", "Kenya", "Peru"]


def _toy() -> TrainingData:
    rows: list[Labelled] = []
    for k, country in enumerate(COUNTRIES):
        other = COUNTRIES[(k + 3) % len(COUNTRIES)]
        for template, code in (
            ("{a} condemned {b}.", "111"),
            ("{a} strongly criticized {b} on Monday.", "111"),
            ("Troops from {a} clashed with rebels in {b}.", "190"),
        ):
            text = template.format(a=country, b=other)
            a, b = text.index(country), text.rindex(other)
            spans = ((a, a + len(country), "ACTOR"), (b, b + len(other), "TARGET"))
            rows.append(Labelled(f"{code}-{k}", text, (code,), spans, "weak", k == 0))
        for n, text in enumerate((f"The weather in {country} was mild.", "Shops opened late.")):
            rows.append(Labelled(f"n{k}-{n}", text, (), (), "negative", k == 1))
    return TrainingData(rows, {"dataset": "toy"})


@pytest.fixture(scope="module")
def model_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("model-coder") / "model"
    train(_toy(), out, TINY)
    return out


def _rows(nlp: NLP, spec: str, text: str) -> list[dict[str, Any]]:
    result = Pipeline(nlp, get_coder(spec)).code_document(document_from_text(text, "d1"))
    assert not result.invalid
    return result.rows


def test_model_coder_codes_rows_that_name_the_model(nlp: NLP, model_dir: Path) -> None:
    rows = _rows(nlp, f"model:{model_dir}", "Jordan condemned Peru. The weather was mild.")
    checksum = model_checksum(model_dir)[:12]
    assert [r["cameo_code"] for r in rows] == ["111"]
    row = rows[0]
    assert (row["coder"], row["coder_version"]) == ("model", f"1+{checksum}")
    assert row["rule_id"] == f"model.{checksum}.111"
    assert (row["actor_code"], row["target_code"]) == ("JOR", "PER")
    assert 0.0 < row["confidence"] <= 1.0
    assert row["sentence_text"][row["trigger_start"] : row["trigger_end"]] == row["trigger_text"]


def test_model_coder_predictions_equal_what_the_spacy_pipeline_writes(
    nlp: NLP, model_dir: Path
) -> None:
    from spacy.tokens import Doc

    coder = ModelCoder(model_dir)
    text = "Iraq condemned Iran. Troops from Syria clashed with rebels in Peru. Shops opened late."
    document = document_from_text(text, "d1")
    parsed = ParsedDocument(document, Pipeline(nlp, coder).parse(document).sentences)
    predictions = coder.predict(parsed)
    docs = [
        Doc(coder.nlp.vocab, words=[t.text for t in s], spaces=[bool(t.whitespace_) for t in s])
        for _, s in parsed.sentences
    ]
    assert len(predictions) == len(docs) == 3
    for prediction, doc in zip(predictions, coder.nlp.pipe(docs), strict=True):
        roots = root_probabilities(dict(doc.cats))
        assert prediction.roots == pytest.approx(roots, abs=1e-5)
        assert prediction.codes == pytest.approx(
            {k: v for k, v in doc.cats.items() if k != "none"}, abs=1e-5
        )
        assert prediction.spans == tuple(tag_spans([t.tag_ or "O" for t in doc]))


def test_model_coder_provenance_names_model_threshold_and_data(model_dir: Path) -> None:
    coder = ModelCoder(model_dir, threshold=0.7)
    prov = coder.provenance()
    assert prov["model_sha256"] == model_checksum(model_dir)
    assert prov["threshold"] == "0.7" and prov["trained_on"] == "toy"
    assert prov["labels"] == "none,111,190"


def test_a_threshold_above_every_probability_codes_nothing(nlp: NLP, model_dir: Path) -> None:
    assert _rows(nlp, f"model:{model_dir},threshold=1", "Jordan condemned Peru.") == []


def test_model_specs_that_cannot_work_say_why(model_dir: Path, tmp_path: Path) -> None:
    with pytest.raises(UnknownCoderError, match="model:MODEL_DIR"):
        get_coder("model")
    with pytest.raises(ModelCoderError, match="does not exist"):
        get_coder(f"model:{tmp_path / 'missing'}")
    with pytest.raises(ModelCoderError, match="threshold=VALUE"):
        get_coder(f"model:{model_dir},depth=2")
    with pytest.raises(ModelCoderError, match="must be a number"):
        get_coder(f"ensemble:{model_dir},threshold=high")
    with pytest.raises(ModelCoderError, match="between 0 and 1"):
        get_coder(f"model:{model_dir},threshold=2")
    with pytest.raises(UnknownCoderError, match="PETRARCH"):
        get_coder(f"model:{model_dir}", "petrarch:x")
    with pytest.raises(ModelCoderError, match="eventcoder train"):
        get_coder(f"model:{tmp_path}")


def test_syntactic_arguments_read_active_and_passive_clauses(nlp: NLP) -> None:
    doc = nlp.parse("Iraq condemned Israel. Three soldiers were killed by rebels.")
    subject, obj = syntactic_arguments(doc[1])
    assert (subject.text, obj.text) == ("Iraq", "Israel")
    killed = next(t for t in doc if t.text == "killed")
    subject, obj = syntactic_arguments(killed)
    assert (subject.text, obj.text) == ("rebels", "soldiers")


class StubModel:
    """A model whose predictions are given: sentence index -> (root probabilities, codes)."""

    version = "1+stub"

    def __init__(self, said: dict[int, tuple[dict[str, float], dict[str, float]]]) -> None:
        self.said = said
        self.threshold = 0.5
        self.events = SpanEvents(load_actor_lexicon(), load_cameo_table())

    def provenance(self) -> dict[str, str]:
        return {"coder": "model", "coder_version": self.version}

    def predict(self, parsed: ParsedDocument) -> list[SentencePrediction]:
        return [
            SentencePrediction(s.index, *self.said.get(s.index, ({"none": 1.0}, {})))
            for s, _ in parsed.sentences
        ]

    def candidates(
        self, parsed: ParsedDocument, predictions: Any, threshold: float, indices: Any
    ) -> Any:
        return self.events.candidates(parsed, predictions, threshold, "model.stub", indices)


def _ensemble(rule_coder: RuleCoder, threshold: float | None = None) -> EnsembleCoder:
    said = {
        0: ({"none": 0.1, "11": 0.9}, {"111": 0.9}),  # agrees with the rules
        1: ({"none": 0.3, "19": 0.7}, {"190": 0.6, "193": 0.1}),  # rules find nothing here
        2: ({"none": 0.6, "19": 0.4}, {"190": 0.4}),  # below the threshold
    }
    return EnsembleCoder(rule_coder, StubModel(said), threshold)  # type: ignore[arg-type]


TEXT = "Iraq condemned Israel. Syrian troops pounded rebel positions near Aleppo. Fighting went on."


def test_ensemble_keeps_rule_events_and_fills_empty_sentences(
    pipeline: Pipeline, rule_coder: RuleCoder
) -> None:
    parsed = pipeline.parse(document_from_text(TEXT, "d1"))
    ruled = rule_coder.code(parsed)
    assert {c.sentence_index for c in ruled} == {0}  # the premise: the rules miss sentence 1
    found = _ensemble(rule_coder).code(parsed)
    first = [c for c in found if c.sentence_index == 0]
    assert [c.rule_id for c in first] == [c.rule_id for c in ruled]
    assert all(e.confidence > r.confidence for e, r in zip(first, ruled, strict=True))
    filled = [c for c in found if c.sentence_index == 1]
    assert [(c.cameo_code, c.rule_id, c.confidence) for c in filled] == [
        ("190", "model.stub.190", 0.7)
    ]
    assert filled[0].actor is not None and filled[0].actor.code == "SYRMIL"
    assert not [c for c in found if c.sentence_index == 2]


def test_ensemble_threshold_decides_what_the_model_may_add(
    pipeline: Pipeline, rule_coder: RuleCoder
) -> None:
    parsed = pipeline.parse(document_from_text(TEXT, "d1"))
    ruled = rule_coder.code(parsed)
    found = _ensemble(rule_coder, threshold=0.95).code(parsed)
    assert found == ruled  # no agreement raised, nothing filled
    assert _ensemble(rule_coder, 0.3).provenance()["threshold"] == "0.3"
    assert [c.sentence_index for c in _ensemble(rule_coder, 0.3).code(parsed)][-1] == 2


def test_ensemble_spec_codes_rows_that_say_which_coder_decided(nlp: NLP, model_dir: Path) -> None:
    rows = _rows(nlp, f"ensemble:{model_dir}", "Iran warned Israel. Jordan condemned Peru.")
    assert {r["coder"] for r in rows} == {"ensemble"}
    assert rows[0]["coder_version"].startswith("2+rules.")
    assert any(r["rule_id"].startswith("cameo.") for r in rows)


# --- Hugging Face checkpoints (optional extra) ------------------------------------------------


def _checkpoint(folder: Path, kind: str, labels: list[str], favoured: int) -> Path:
    """A tiny BERT checkpoint built from a config (never downloaded) that favours one label."""
    torch = pytest.importorskip("torch")
    transformers = pytest.importorskip("transformers")
    words = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
    words += sorted({w.lower() for w in TEXT.replace(".", " .").split()})
    folder.mkdir()
    (folder / "vocab.txt").write_text("\n".join(words) + "\n", encoding="utf-8")
    tokenizer = transformers.BertTokenizerFast(vocab_file=str(folder / "vocab.txt"))
    config = transformers.BertConfig(
        vocab_size=len(words),
        hidden_size=16,
        num_hidden_layers=1,
        num_attention_heads=2,
        intermediate_size=32,
        max_position_embeddings=64,
        id2label=dict(enumerate(labels)),
        label2id={label: k for k, label in enumerate(labels)},
    )
    torch.manual_seed(0)
    if kind == "sequence":
        model = transformers.BertForSequenceClassification(config)
    else:
        model = transformers.BertForTokenClassification(config)
    with torch.no_grad():
        model.classifier.weight.zero_()
        model.classifier.bias.zero_()
        model.classifier.bias[favoured] = 6.0
    model.save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return folder


def test_a_transformers_sequence_classifier_codes_its_label(nlp: NLP, tmp_path: Path) -> None:
    folder = _checkpoint(tmp_path / "hf", "sequence", ["none", "111", "19"], favoured=1)
    rows = _rows(nlp, f"model:transformers:{folder}", "Iraq condemned Israel.")
    assert [(r["cameo_code"], r["actor_code"], r["target_code"]) for r in rows] == [
        ("111", "IRQ", "ISR")
    ]
    assert rows[0]["rule_id"].startswith("model.hf.") and rows[0]["confidence"] > 0.9


def test_a_transformers_token_classifier_codes_a_root(nlp: NLP, tmp_path: Path) -> None:
    folder = _checkpoint(tmp_path / "hf", "token", ["O", "B-19", "I-19"], favoured=1)
    rows = _rows(nlp, f"model:transformers:{folder},threshold=0.6", "Iraq condemned Israel.")
    assert [r["cameo_code"] for r in rows] == ["190"]


def test_a_checkpoint_with_other_labels_is_refused(tmp_path: Path) -> None:
    folder = _checkpoint(tmp_path / "hf", "sequence", ["POSITIVE", "NEGATIVE"], favoured=0)
    with pytest.raises(ModelCoderError, match="CAMEO codes or roots"):
        get_coder(f"model:transformers:{folder}")


def test_the_transformers_coder_without_the_extra_says_how_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "torch", None)  # as if not installed
    monkeypatch.setitem(sys.modules, "transformers", None)
    (tmp_path / "config.json").write_text(json.dumps({}), encoding="utf-8")
    with pytest.raises(ModelCoderError, match=r"eventcoder\[transformers\]"):
        get_coder(f"model:transformers:{tmp_path}")


def test_a_build_with_the_ensemble_records_its_options(
    nlp: NLP, model_dir: Path, tmp_path: Path
) -> None:
    from eventcoder.build import build

    source = tmp_path / "in.txt"
    source.write_text("Jordan condemned Peru. Iran warned Israel.", encoding="utf-8")
    spec = f"ensemble:{model_dir},threshold=0.4"
    build([source], tmp_path / "out", BuildConfig(pipeline=PipelineSpec(coder=spec)))
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["config"]["pipeline"]["coder"] == spec
    assert manifest["coder"]["threshold"] == "0.4"
    assert manifest["coder"]["model_model_sha256"] == model_checksum(model_dir)


def test_ensemble_adds_an_event_where_the_rules_code_only_a_statement(
    pipeline: Pipeline, rule_coder: RuleCoder
) -> None:
    text = "Syria said its troops pounded rebel positions near Aleppo."
    parsed = pipeline.parse(document_from_text(text, "d1"))
    assert [c.cameo_code for c in rule_coder.code(parsed)] == ["010"]  # the premise
    found = _ensemble(rule_coder, threshold=0.85).code(parsed)  # sentence 0: 11 at 0.9
    assert [(c.cameo_code, c.rule_id) for c in found] == [("111", "model.stub.111")]
    assert [c.cameo_code for c in _ensemble(rule_coder, threshold=0.95).code(parsed)] == ["010"]


class MetaStubModel(StubModel):
    """A stub model whose meta records the ensemble's settings, as training writes them."""

    def __init__(self, said: dict[int, tuple[dict[str, float], dict[str, float]]]) -> None:
        super().__init__(said)
        self.meta = {"ensemble": {"threshold": 0.65, "override": 0.9}}


def test_ensemble_override_replaces_rule_events_the_model_is_sure_are_another_root(
    pipeline: Pipeline, rule_coder: RuleCoder
) -> None:
    parsed = pipeline.parse(document_from_text(TEXT, "d1"))
    ruled = rule_coder.code(parsed)
    assert {c.cameo_code[:2] for c in ruled} == {"11"}  # the premise: sentence 0 is root 11
    said = {0: ({"none": 0.02, "19": 0.95, "11": 0.03}, {"190": 0.95})}
    coder = EnsembleCoder(rule_coder, StubModel(said), 0.5, override=0.9)  # type: ignore[arg-type]
    assert [(c.sentence_index, c.cameo_code) for c in coder.code(parsed)] == [(0, "190")]
    assert coder.provenance()["override"] == "0.9"
    kept = EnsembleCoder(rule_coder, StubModel(said), 0.5)  # type: ignore[arg-type]
    assert kept.code(parsed) == [
        c for c in kept.code(parsed) if c.sentence_index == 0 and c.cameo_code[:2] == "11"
    ]
    assert kept.provenance()["override"] == "none"


def test_ensemble_settings_come_from_the_model_meta_unless_given(rule_coder: RuleCoder) -> None:
    coder = EnsembleCoder(rule_coder, MetaStubModel({}))  # type: ignore[arg-type]
    assert (coder.threshold, coder.override) == (0.65, 0.9)
    given = EnsembleCoder(rule_coder, MetaStubModel({}), 0.3)  # type: ignore[arg-type]
    assert given.threshold == 0.3
    with pytest.raises(ModelCoderError, match="override must be between 0 and 1"):
        EnsembleCoder(rule_coder, StubModel({}), 0.5, override=1.5)  # type: ignore[arg-type]
