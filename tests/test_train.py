"""Training the model coder (eventcoder.train): labelled sentences from a build, its inputs and
gold files; a tiny model trained in tmp_path, its meta, and its reproducibility."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
import spacy
from helpers import TINY

from eventcoder.build import build
from eventcoder.coders.labels import (
    NONE_LABEL,
    decide_root,
    generic_code,
    label_of,
    main_code,
    model_checksum,
    read_model_meta,
    root_probabilities,
    tag_spans,
)
from eventcoder.errors import OutputExistsError, TrainError, UnsafeOutputError
from eventcoder.pipeline import Pipeline
from eventcoder.shards import split_of
from eventcoder.train import (
    Labelled,
    TrainingData,
    dictionary_sentences,
    gold_sentences,
    label_set,
    mentions_trigger,
    train,
    training_data,
)


def _doc_in(split: str) -> str:
    return next(f"doc-{i}" for i in range(1000) if split_of(f"doc-{i}", (0.8, 0.1, 0.1)) == split)


@pytest.fixture(scope="module")
def built(pipeline: Pipeline, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A build of three documents (one held back) and its input file."""
    base = tmp_path_factory.mktemp("train-build")
    texts = {
        _doc_in("train"): "Iraq condemned Israel. The weather was mild and the market was quiet.",
        _doc_in("validation"): "Iran warned Israel of serious consequences. Talks resumed.",
        "doc-quiet": "Rain fell over the capital. Shops opened late.",
    }
    source = base / "input.jsonl"
    source.write_text(
        "".join(json.dumps({"id": k, "text": v}) + "\n" for k, v in texts.items()),
        encoding="utf-8",
    )
    out = base / "data"
    build([source], out, pipeline=pipeline)
    return out, source


def test_training_data_has_weak_negative_and_gold_sentences(
    built: tuple[Path, Path], tmp_path: Path
) -> None:
    folder, source = built
    gold = tmp_path / "gold.jsonl"
    gold.write_text(
        json.dumps(
            {
                "kind": "sentence",
                "id": "g1",
                "text": "Iraq condemned Israel.",
                "events": [
                    {
                        "actor_text": "Iraq",
                        "actor_code": "IRQ",
                        "target_text": "Israel",
                        "target_code": "ISR",
                        "cameo_code": "112",
                    }
                ],
            }
        )
        + "\n",
        encoding="utf-8",
    )
    data = training_data(folder, [gold], [source], lexicon=False)
    by_text = {s.text: s for s in data.sentences}
    # the gold sentence replaces the rule-labelled one with the same text
    assert by_text["Iraq condemned Israel."].source == "gold"
    assert by_text["Iraq condemned Israel."].codes == ("112",)
    assert (0, 4, "ACTOR") in by_text["Iraq condemned Israel."].spans
    assert not by_text["Iraq condemned Israel."].triggers_known
    warned = by_text["Iran warned Israel of serious consequences."]
    assert warned.source == "weak" and warned.held_back and warned.codes[0].startswith("13")
    assert any(label == "TRIGGER" for _, _, label in warned.spans)
    negatives = {s.text for s in data.sentences if s.source == "negative"}
    assert "The weather was mild and the market was quiet." in negatives
    assert "Rain fell over the capital." in negatives  # a no-event document's sentences
    assert data.provenance["gold"][0]["sentences"] == 1


def test_negatives_leave_out_sentences_with_a_coded_trigger_word(
    built: tuple[Path, Path], tmp_path: Path
) -> None:
    folder, source = built
    extra = tmp_path / "more.jsonl"
    data = training_data(folder, (), [source], lexicon=False)
    # "warned" was coded as a trigger: a sentence holding it is no safe negative
    assert mentions_trigger("They warned nobody.", frozenset({"warned"}))
    assert not mentions_trigger("They were forewarned.", frozenset({"warned"}))
    assert data.provenance["negatives_left_out"] >= 0
    extra.write_text("{}", encoding="utf-8")
    with pytest.raises(TrainError, match="build's inputs"):
        training_data(folder, (), [extra], lexicon=False)


def test_training_needs_the_inputs_where_the_manifest_says(
    built: tuple[Path, Path], tmp_path: Path
) -> None:
    folder, source = built
    moved = tmp_path / "data"
    shutil.copytree(folder, moved)
    manifest = json.loads((moved / "manifest.json").read_text(encoding="utf-8"))
    manifest["inputs"][0]["path"] = "elsewhere/input.jsonl"  # relative to where the build ran
    (moved / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    with pytest.raises(TrainError, match="build's inputs"):
        training_data(moved, (), None, lexicon=False)
    assert training_data(moved, (), [source], lexicon=False).sentences


def test_labels_prefer_the_main_event_over_a_statement() -> None:
    assert main_code(("010", "190")) == "190"
    assert main_code(("010",)) == "010"
    assert main_code(()) is None
    assert generic_code("1823") == "180"
    labels = ["none", "111", "190"]
    assert label_of(("010", "1823"), labels) == "180"
    assert label_of(("111",), labels) == "111"
    assert label_of((), labels) == NONE_LABEL


def test_label_set_keeps_frequent_codes_and_generic_codes_for_rare_ones() -> None:
    sentences = [Labelled(f"k{i}", "x", ("111",), (), "weak", False) for i in range(3)] + [
        Labelled("r", "x", ("1823",), (), "weak", False),
        Labelled("g", "x", ("195",), (), "gold", False),
        Labelled("h", "x", ("044",), (), "weak", True),  # held back: no label of its own
    ]
    assert label_set(sentences, min_count=3, gold_weight=4) == ["none", "111", "180", "195"]


def test_root_decision_prefers_another_root_over_a_statement() -> None:
    roots = root_probabilities({"none": 0.1, "010": 0.5, "190": 0.25, "195": 0.15})
    assert roots == pytest.approx({"none": 0.1, "01": 0.5, "19": 0.4})
    assert decide_root(roots, 0.3) == ("19", pytest.approx(0.4))
    assert decide_root(roots, 0.45) == ("01", 0.5)
    assert decide_root(roots, 0.6) is None


def test_bio_tags_give_token_spans() -> None:
    tags = ["B-ACTOR", "I-ACTOR", "O", "B-TRIGGER", "I-TARGET", "O", "B-TARGET"]
    assert tag_spans(tags) == [
        (0, 2, "ACTOR"),
        (3, 4, "TRIGGER"),
        (4, 5, "TARGET"),
        (6, 7, "TARGET"),
    ]


def _toy_data() -> TrainingData:
    rows: list[Labelled] = []
    templates = [
        ("{a} condemned {b}.", "111"),
        ("{a} strongly criticized {b} on Monday.", "111"),
        ("Police arrested {n} suspects in {a}.", "173"),
        ("Troops clashed with rebels near {a}.", "190"),
    ]
    countries = ["Iraq", "Iran", "Israel", "Syria", "Egypt", "Jordan", "Kenya", "Peru"]
    for k, country in enumerate(countries):
        other = countries[(k + 3) % len(countries)]
        for template, code in templates:
            text = template.format(a=country, b=other, n=k + 2)
            start = text.index(country)
            spans = ((start, start + len(country), "ACTOR"),)
            rows.append(Labelled(f"{code}-{k}", text, (code,), spans, "weak", k == 0))
        rows.append(
            Labelled(f"n{k}", f"The weather in {country} was mild.", (), (), "negative", k == 1)
        )
        rows.append(
            Labelled(f"m{k}", f"Markets in {country} were quiet.", (), (), "negative", False)
        )
    return TrainingData(rows, {"dataset": "toy"})


def test_a_tiny_model_is_written_with_its_meta(tmp_path: Path) -> None:
    out = tmp_path / "model"
    report = train(_toy_data(), out, TINY)
    meta = read_model_meta(out)
    assert meta["seed"] == 0 and meta["labels"][0] == "none"
    assert set(meta["labels"]) == {"none", "111", "173", "190"}
    assert 0.0 < meta["threshold"] < 1.0
    assert meta["scores"]["sentences"] == report.scores.sentences > 0
    assert meta["data"] == {"dataset": "toy"}
    assert meta["examples"]["held_back"] == {"negative": 1, "weak": 4}
    nlp = spacy.load(out)
    assert nlp.pipe_names == ["tok2vec", "tagger", "textcat"]
    cats = nlp("Jordan condemned Peru.").cats
    assert max(cats, key=lambda k: cats[k]) == "111"


def test_training_with_one_seed_gives_the_same_weights(tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    train(_toy_data(), first, TINY)
    train(_toy_data(), second, TINY)
    for part in ("textcat/model", "tagger/model", "tok2vec/model"):
        assert (first / part).read_bytes() == (second / part).read_bytes()
    assert model_checksum(first) != model_checksum(tmp_path)


def test_training_refuses_to_overwrite_unless_told(tmp_path: Path) -> None:
    out = tmp_path / "model"
    out.mkdir()
    (out / "keep.txt").write_text("x", encoding="utf-8")
    with pytest.raises(OutputExistsError, match="allow overwriting"):
        train(_toy_data(), out, TINY)
    with pytest.raises(UnsafeOutputError, match="not a model eventcoder wrote"):
        train(_toy_data(), out, TINY, overwrite=True)
    (out / "keep.txt").unlink()
    train(_toy_data(), out, TINY)
    (out / "extra.txt").write_text("x", encoding="utf-8")
    train(_toy_data(), out, TINY, overwrite=True)
    assert not (out / "extra.txt").exists() and (out / "meta.json").is_file()


def test_a_folder_without_a_trained_model_is_refused(tmp_path: Path) -> None:
    with pytest.raises(TrainError, match="eventcoder train"):
        read_model_meta(tmp_path)
    (tmp_path / "meta.json").write_text(json.dumps({"name": "other"}), encoding="utf-8")
    with pytest.raises(TrainError, match="not written by"):
        read_model_meta(tmp_path)


def test_the_train_command_writes_a_model_and_prints_its_scores(
    built: tuple[Path, Path], tmp_path: Path
) -> None:
    from click.testing import CliRunner

    from eventcoder.cli import main

    folder, source = built
    out = tmp_path / "model"
    args = ["train", "--data", str(folder), "--inputs", str(source), "--out", str(out)]
    result = CliRunner().invoke(main, [*args, "--epochs", "1", "--no-lexicon-examples"])
    assert result.exit_code == 0, result.output
    assert "held back" in result.output and "threshold" in result.output
    assert read_model_meta(out)["best_epoch"] == 1
    again = CliRunner().invoke(main, [*args, "--epochs", "1", "--no-lexicon-examples"])
    assert again.exit_code == 2 and "--overwrite" in again.output


_VERBS = """\
&AIDSYN
+FOOD
+MEDICINE
--- GRANT [060] ---
DONATE [070]
GIVE {GIVES GAVE GIVEN}
- * ASYLUM [075] # GIVE
- * &AIDSYN (TO +) [073] # DONATE
--- TRADE [---] ---
TRADE
"""


def _verbs_file(folder: Path) -> Path:
    verbs = folder / "verbs.txt"
    verbs.write_text(_VERBS, encoding="utf-8")
    return verbs


def test_a_verb_dictionary_gives_template_sentences_labelled_with_its_codes(
    tmp_path: Path,
) -> None:
    verbs = _verbs_file(tmp_path)
    made, record = dictionary_sentences([verbs], seed=0)
    by_code = {s.codes[0]: s for s in made}
    # a verb's own code, the block's code, a pattern's code; no sentence for a null code
    assert set(by_code) == {"070", "060", "075", "073"}
    assert "donated" in by_code["070"].text and "give" not in by_code["070"].text
    assert re.search(r"\bg(ave|ives|iven) asylum\b", by_code["075"].text)  # verb of its comment
    aid = by_code["073"]
    assert "donated" in aid.text and ("food" in aid.text or "medicine" in aid.text)
    labels = {label: aid.text[a:b] for a, b, label in aid.spans}
    assert labels["TRIGGER"] == "donated" and aid.text.index(labels["TARGET"]) > aid.text.index(
        " to "
    )
    assert all(s.source == "dictionary" and not s.held_back and s.triggers_known for s in made)
    assert record["sentences"] == 4 and record["files"][0]["sha256"]
    assert [s.text for s in dictionary_sentences([verbs], seed=0)[0]] == [s.text for s in made]


def test_a_file_without_verbs_is_refused_as_a_verb_dictionary(tmp_path: Path) -> None:
    actors = tmp_path / "actors.txt"
    actors.write_text("ARNOR [ARN]\n", encoding="utf-8")
    with pytest.raises(TrainError, match="verb dictionary"):
        dictionary_sentences([actors], seed=0)


def test_sentences_coded_only_as_statements_are_left_out_unless_asked(
    pipeline: Pipeline, tmp_path: Path
) -> None:
    source = tmp_path / "input.jsonl"
    texts = {
        _doc_in("train"): "Iraq condemned Israel. Officials said the talks would go on.",
        "doc-quiet": "Rain fell over the capital.",
    }
    source.write_text(
        "".join(json.dumps({"id": k, "text": v}) + "\n" for k, v in texts.items()),
        encoding="utf-8",
    )
    out = tmp_path / "data"
    build([source], out, pipeline=pipeline)
    stated = "Officials said the talks would go on."
    default = training_data(out, (), [source], lexicon=False)
    texts_kept = {s.text for s in default.sentences}
    assert "Iraq condemned Israel." in texts_kept and stated not in texts_kept
    assert default.provenance["statement_only_left_out"] == 1
    kept = training_data(out, (), [source], lexicon=False, statement_only=True)
    assert {s.codes[0][:2] for s in kept.sentences if s.text == stated} == {"01"}


def test_training_data_takes_template_sentences_from_verb_dictionaries(
    built: tuple[Path, Path], tmp_path: Path
) -> None:
    folder, source = built
    verbs = _verbs_file(tmp_path)
    data = training_data(folder, (), [source], lexicon=False, verbs=[verbs], seed=3)
    assert sum(s.source == "dictionary" for s in data.sentences) == 4
    assert data.provenance["verb_dictionaries"]["sentences"] == 4
    label_counts = label_set(data.sentences, min_count=1, gold_weight=4)
    assert "070" in label_counts


_PETRARCH_XML = """<Validation><Sentences>
<Sentence date="20240307" id="T-01" category="VERB">
<EventCoding sourcecode="ARN" targetcode="GON" eventcode="111"></EventCoding>
<Text>Arnor condemned Gondor.</Text>
</Sentence>
<Sentence date="20240307" id="T-02" category="VERB">
<EventCoding noevents="True"></EventCoding>
<Text>The weather in Arnor was mild.</Text>
</Sentence>
</Sentences></Validation>
"""


def test_petrarch_validation_records_are_gold_and_plover_records_are_refused(
    tmp_path: Path,
) -> None:
    xml = tmp_path / "records.xml"
    xml.write_text(_PETRARCH_XML, encoding="utf-8")
    made, files = gold_sentences([xml])
    by_text = {s.text: s for s in made}
    assert by_text["Arnor condemned Gondor."].codes == ("111",)
    assert by_text["The weather in Arnor was mild."].codes == ()
    assert {s.source for s in made} == {"gold"} and files[0]["sentences"] == 2
    plover = tmp_path / "plover.jsonl"
    plover.write_text(json.dumps({"event": "AGREE", "source": [], "text": "x"}) + "\n")
    with pytest.raises(TrainError, match="PLOVER"):
        gold_sentences([plover])


def test_the_train_command_learns_from_verb_dictionaries(
    built: tuple[Path, Path], tmp_path: Path
) -> None:
    from click.testing import CliRunner

    from eventcoder.cli import main

    folder, source = built
    verbs = _verbs_file(tmp_path)
    out = tmp_path / "model"
    args = ["train", "--data", str(folder), "--inputs", str(source), "--out", str(out)]
    result = CliRunner().invoke(
        main,
        [*args, "--verbs", str(verbs), "--epochs", "1", "--negatives", "0.5"]
        + ["--no-lexicon-examples"],
    )
    assert result.exit_code == 0, result.output
    meta = read_model_meta(out)
    assert meta["options"]["negatives_per_positive"] == 0.5
    assert meta["data"]["verb_dictionaries"]["sentences"] == 4
    assert meta["examples"]["train"]["dictionary"] == 4
