"""Training from annotated news sentence files (plv and quad formats): only their train part,
PLOVER types and quad classes as CAMEO labels, the pretrained tok2vec, and the ensemble's
settings chosen on held-back sentences. All sentences are written here."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from helpers import TINY

from eventcoder.cli import main
from eventcoder.coders.labels import read_model_meta
from eventcoder.errors import TrainError
from eventcoder.eval_news import news_type
from eventcoder.gold import gold_part, sentence_key
from eventcoder.taxonomy import load_cameo_table
from eventcoder.train import Labelled, TrainingData, train, training_data
from eventcoder.train.fit import build_pipeline, pretrained_tok2vec
from eventcoder.train.news import TYPE_CODES, news_sentences
from eventcoder.train.tuning import _combined, _Replay, type_figures

TAILS = ("", " on Monday", " on Tuesday", " last week", " again", " on Friday", " at dawn")


def _in_part(text: str, part: str) -> str:
    """The sentence with a time phrase before its full stop that puts it in `part`."""
    stem = text.rstrip(".")
    for tail in TAILS + tuple(f" on day {n}" for n in range(200)):
        made = f"{stem}{tail}."
        if gold_part(sentence_key(made)) == part:
            return made
    raise AssertionError("no variant in the part")


def _pair(source: str, target: str, kind: str) -> dict[str, Any]:
    return {"source": source, "target": target, "plover_type": kind, "quad": 0}


PLV_TRAIN = [
    (_in_part("Iraq condemned Israel.", "train"), _pair("Iraq", "Israel", "ACCUSE")),
    (
        _in_part("Envoys of Peru and Chile shared a long dinner.", "train"),
        _pair("Peru", "Chile", "CONSULT"),
    ),
]
PLV_DEV = [(_in_part("Kenya thanked Egypt.", "dev"), _pair("Kenya", "Egypt", "SUPPORT"))]


@pytest.fixture(scope="module")
def plv_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("news") / "pairs.jsonl"
    lines = [
        json.dumps({"id": f"p{n}", "text": text, "pairs": [pair]})
        for n, (text, pair) in enumerate(PLV_TRAIN + PLV_DEV)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _quad(text: str, quad: int, sources: list[str], targets: list[str]) -> dict[str, Any]:
    return {"id": text[:8], "text": text, "quad": quad, "sources": sources, "targets": targets}


def test_news_files_give_only_their_train_part(plv_file: Path) -> None:
    taken, files = news_sentences([plv_file])
    assert [s.text for s in taken] == [text for text, _ in PLV_TRAIN]
    assert files[0]["part"] == "train" and files[0]["sentences"] == len(PLV_TRAIN)
    everything, _ = news_sentences([plv_file], "all")
    assert len(everything) == len(PLV_TRAIN + PLV_DEV)
    with pytest.raises(TrainError, match="unknown part 'dev'"):
        news_sentences([plv_file], "dev")


def test_a_plover_type_is_learnt_as_the_rules_code_or_the_types_generic_code(
    plv_file: Path,
) -> None:
    taken, _ = news_sentences([plv_file])
    condemned, talks = taken
    assert condemned.codes == ("111",)  # the rules' code of the gold type
    assert condemned.rule_codes == ("111",)
    assert talks.codes == ("040",)  # the rules code nothing: the type's generic code
    assert condemned.key.startswith("plv:") and condemned.source == "gold"
    assert not condemned.triggers_known
    spans = {condemned.text[a:b]: label for a, b, label in condemned.spans}
    assert spans == {"Iraq": "ACTOR", "Israel": "TARGET"}


def test_every_plover_type_code_scores_as_its_type() -> None:
    cameo = load_cameo_table()
    assert {kind: news_type(cameo.get(code)) for kind, code in TYPE_CODES.items()} == {
        kind: kind for kind in TYPE_CODES
    }


def test_quad_sentences_keep_the_rules_code_of_their_class_or_are_left_out(
    tmp_path: Path,
) -> None:
    condemned = _in_part("Iraq condemned Israel.", "train")
    quiet = _in_part("The harvest festival drew large crowds.", "train")
    records = [
        _quad(condemned, 3, ["Iraq"], ["Israel"]),
        _quad(quiet, 0, [], []),
        _quad(_in_part("Jordan condemned Syria.", "train"), 4, ["Jordan"], ["Syria"]),
    ]
    path = tmp_path / "quad.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    taken, files = news_sentences([path])
    assert [(s.text, s.codes) for s in taken] == [(condemned, ("111",)), (quiet, ())]
    assert files[0]["left_out_unknown_code"] == 1
    assert taken[0].key.startswith("quad:")


def test_a_sentence_in_two_news_files_is_learnt_once(plv_file: Path, tmp_path: Path) -> None:
    text, _ = PLV_TRAIN[0]
    path = tmp_path / "quad.jsonl"
    path.write_text(json.dumps(_quad(text, 3, ["Iraq"], ["Israel"])) + "\n", encoding="utf-8")
    taken, _ = news_sentences([plv_file, path])
    assert [s.key for s in taken if s.text == text] == [f"plv:{sentence_key(text)}"]


def test_training_data_from_news_files_alone(plv_file: Path) -> None:
    data = training_data(None, [plv_file], lexicon=False)
    assert {s.text for s in data.sentences} == {text for text, _ in PLV_TRAIN}
    assert data.provenance["gold"][0]["part"] == "train"
    assert "dataset" not in data.provenance


def test_the_train_command_learns_from_the_train_part_of_a_news_file(
    plv_file: Path, tmp_path: Path
) -> None:
    out = tmp_path / "model"
    args = ["train", "--gold", str(plv_file), "--no-lexicon-examples", "--epochs", "1"]
    result = CliRunner().invoke(main, [*args, "--out", str(out)])
    assert result.exit_code == 0, result.output
    meta = read_model_meta(out)
    assert meta["data"]["gold"][0]["part"] == "train"
    assert meta["tok2vec"] == "random"
    refused = CliRunner().invoke(main, [*args, "--gold-part", "dev", "--out", str(out)])
    assert refused.exit_code != 0 and "--gold-part" in refused.output
    empty = CliRunner().invoke(main, ["train", "--out", str(tmp_path / "none")])
    assert empty.exit_code != 0 and "nothing to learn from" in empty.output


def test_a_pretrained_tok2vec_starts_from_the_installed_pipelines_weights(
    tmp_path: Path,
) -> None:
    import spacy

    package, width, about = pretrained_tok2vec()
    options = dataclasses.replace(TINY, pretrained_tok2vec=True, epochs=1)
    nlp = build_pipeline(["none", "111"], options)
    source = spacy.load(package)

    def tables(pipeline: Any) -> list[Any]:
        model = pipeline.get_pipe("tok2vec").model
        return [n.get_param("E") for n in model.walk() if n.name == "hashembed"]

    assert tables(nlp) and all(
        (a == b).all() for a, b in zip(tables(nlp), tables(source), strict=True)
    )
    assert nlp.get_pipe("tok2vec").model.get_dim("nO") == width
    rows = [
        Labelled(f"t{k}", text, codes, (), "gold", k == 0)
        for k, (text, codes) in enumerate(
            [("Iraq condemned Israel.", ("111",)), ("Peru condemned Chile.", ("111",))]
        )
    ]
    report = train(TrainingData(rows, {}), tmp_path / "model", options)
    assert read_model_meta(report.out)["tok2vec"] == about


def _replay(gold: set[str], rules: dict[str, str], roots: dict[str, float]) -> _Replay:
    kinds = {"11": "ACCUSE", "19": "ASSAULT", "04": "CONSULT"}
    return _Replay(
        frozenset(gold),
        frozenset(rules),
        frozenset(rules.values()),
        roots,
        {root: kinds[root] for root in roots if root in kinds},
    )


def test_the_ensemble_replay_adds_in_empty_sentences_and_overrides_only_when_sure() -> None:
    empty = _replay({"ASSAULT"}, {}, {"none": 0.3, "19": 0.7})
    assert _combined(empty, 0.6, None) == {"ASSAULT"}
    assert _combined(empty, 0.8, None) == frozenset()
    ruled = _replay({"ASSAULT"}, {"11": "ACCUSE"}, {"none": 0.05, "19": 0.9, "11": 0.05})
    assert _combined(ruled, 0.5, None) == {"ACCUSE"}
    assert _combined(ruled, 0.5, 0.85) == {"ASSAULT"}
    assert _combined(ruled, 0.5, 0.95) == {"ACCUSE"}


def test_type_figures_are_macro_f1_and_micro_precision_and_recall() -> None:
    pairs = [
        (frozenset({"ACCUSE"}), frozenset({"ACCUSE"})),
        (frozenset({"ASSAULT"}), frozenset({"ACCUSE"})),
        (frozenset({"CONSULT"}), frozenset()),
    ]
    figures = type_figures(pairs)
    assert (round(figures.precision, 3), round(figures.recall, 3)) == (0.5, 0.333)
    assert round(figures.macro_f1, 3) == round((2 / 3) / 3, 3)
