"""Scoring ACLED typing on snippets labelled with ACLED sub-event types: the file format, the
weighted F1 (as scikit-learn's 'weighted'), parts, confusions, tolls and the command."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from eventcoder import api
from eventcoder.cli import main
from eventcoder.errors import InputError
from eventcoder.eval_acled import (
    NONE_LABEL,
    AcledEvalReport,
    AcledPrediction,
    load_acled_gold,
    report_from,
    states_toll,
    weighted_scores,
)
from eventcoder.gold import gold_format, gold_part, text_sha1
from eventcoder.pipeline import Pipeline

SNIPPETS = [
    (
        "Warplanes struck rebel positions near the town, killing at least 12 fighters.",
        "Air/drone strike",
    ),
    ("Thousands of students rallied in the capital against the new fees.", "Peaceful protest"),
    ("Police arrested 15 people suspected of links to the armed group.", "Arrests"),
    ("The foreign minister met his counterpart to discuss trade.", "Agreement"),
]


def _gold(tmp_path: Path) -> Path:
    path = tmp_path / "acled.jsonl"
    lines = [
        json.dumps(
            {"id": f"s{i}", "text": text, "acled_event_type": "x", "acled_sub_event_type": sub}
        )
        for i, (text, sub) in enumerate(SNIPPETS)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_file_of_acled_labelled_snippets_is_told_by_its_first_record(tmp_path: Path) -> None:
    assert gold_format(_gold(tmp_path)) == "acled"


def test_weighted_f1_weights_each_type_by_its_gold_support() -> None:
    pairs = [("A", "A"), ("A", "B"), ("B", "B"), ("C", NONE_LABEL)]

    score = weighted_scores(pairs)

    # A: p 1, r .5, f 2/3 (n 2); B: p .5, r 1, f 2/3 (n 1); C: f 0 (n 1)
    assert score.weighted_f1 == pytest.approx((2 * 2 / 3 + 2 / 3) / 4)
    assert score.accuracy == 0.5 and score.typed == 0.75


def test_report_gives_parts_confusions_and_tolls() -> None:
    ids = [f"r{i}" for i in range(40)]
    predictions = [
        AcledPrediction(i, "Armed clash", "Attack" if n % 2 else "Armed clash", 3, n % 4 == 0)
        for n, i in enumerate(ids)
    ]

    report = report_from("gold.jsonl", predictions, {i: "text" for i in ids})

    assert report.all.snippets == 40
    dev = sum(1 for i in ids if gold_part(i) == "dev")
    assert report.parts["dev"].snippets == dev and report.parts["train"].snippets == 40 - dev
    assert report.confusions == [("Armed clash", "Attack", 20)]
    assert report.tolls["all"].stating == 10 and report.tolls["all"].counted == 10
    assert json.loads(json.dumps(report.to_json()))["all"]["snippets"] == 40


def test_scoring_codes_each_snippet_on_its_own(tmp_path: Path, pipeline: Pipeline) -> None:
    report = api.evaluate(_gold(tmp_path), pipeline)

    assert isinstance(report, AcledEvalReport)
    predicted = {p.id: p.predicted for p in report.predictions}
    assert predicted["s0"] == "Air/drone strike" and predicted["s2"] == "Arrests"
    assert predicted["s3"] == NONE_LABEL
    assert report.all.typed == 0.75
    assert next(p for p in report.predictions if p.id == "s0").fatalities == 12


def test_states_toll_is_a_simple_independent_detector() -> None:
    assert states_toll("Three soldiers were killed.") and states_toll("leaving 4 dead")
    assert not states_toll("Police dispersed the crowd.")


def test_a_record_without_a_label_is_refused_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text('{"id": "a", "text": "x"}\n', encoding="utf-8")

    with pytest.raises(InputError, match="bad.jsonl:1"):
        load_acled_gold(path)


def _sourced_gold(tmp_path: Path, sha1: str | None = None) -> Path:
    """A gold file whose snippets point into a JSONL source beside it: one event, one
    sentence that tells none, and one disputed label."""
    text = (
        "Gunmen shot dead a mayor outside his home on Sunday. "
        "Analysts say the region could see more violence if the talks fail. "
        "Officials described the raid as routine."
    )
    (tmp_path / "articles.jsonl").write_text(
        json.dumps({"id": "a1", "text": text}) + "\n", encoding="utf-8"
    )
    spans = [(0, 52, "Attack", False), (53, 119, NONE_LABEL, False), (120, 160, "Arrests", True)]
    lines = []
    for n, (start, end, label, disputed) in enumerate(spans):
        record = {
            "id": f"c{n}",
            "source": "articles.jsonl",
            "record_id": "a1",
            "start": start,
            "end": end,
            "text_sha1": sha1 or text_sha1(text[start:end])[:12],
            "acled_event_type": "",
            "acled_sub_event_type": label,
            "disputed": disputed,
        }
        lines.append(json.dumps(record))
    path = tmp_path / "sourced.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_snippets_are_read_from_their_source_by_offsets(tmp_path: Path) -> None:
    records = load_acled_gold(_sourced_gold(tmp_path))

    assert [r.text for r in records][:2] == [
        "Gunmen shot dead a mayor outside his home on Sunday.",
        "Analysts say the region could see more violence if the talks fail.",
    ]
    assert [r.disputed for r in records] == [False, False, True]


def test_a_source_that_changed_since_labelling_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="does not match text_sha1"):
        load_acled_gold(_sourced_gold(tmp_path, sha1="000000000000"))


def test_a_missing_source_is_named(tmp_path: Path) -> None:
    path = _sourced_gold(tmp_path)
    (tmp_path / "articles.jsonl").unlink()

    with pytest.raises(InputError, match="articles.jsonl, which is not there"):
        load_acled_gold(path)


def test_non_events_typed_are_counted_apart_from_the_event_figures() -> None:
    predictions = [
        AcledPrediction("e1", "Attack", "Attack", None, False),
        AcledPrediction("e2", "Arrests", NONE_LABEL, None, False),
        AcledPrediction("n1", NONE_LABEL, "Attack", None, False),
        AcledPrediction("n2", NONE_LABEL, NONE_LABEL, None, False),
        AcledPrediction("n3", NONE_LABEL, NONE_LABEL, None, False),
    ]

    report = report_from("gold.jsonl", predictions, {p.id: "t" for p in predictions})

    assert report.all.snippets == 2 and report.all.typed == 0.5
    assert "none" not in report.all.per_type
    assert report.non_events["all"].snippets == 3 and report.non_events["all"].typed == 1
    assert report.non_events["all"].precision == 0.5  # one of the two typed is right
    assert ("none", "Attack", 1) in report.confusions


def test_disputed_labels_are_left_out_of_the_figures(tmp_path: Path, pipeline: Pipeline) -> None:
    report = api.evaluate(_sourced_gold(tmp_path), pipeline)

    assert isinstance(report, AcledEvalReport)
    assert report.disputed == 1 and len(report.predictions) == 2
    assert report.all.snippets == 1 and report.non_events["all"].snippets == 1


def test_eval_command_prints_the_figures_and_writes_the_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pipeline: Pipeline
) -> None:
    monkeypatch.setattr("eventcoder.api._loaded", lambda _: pipeline)
    report_path = tmp_path / "report.json"

    result = CliRunner().invoke(
        main, ["eval", "--gold", str(_gold(tmp_path)), "--report", str(report_path)]
    )

    assert result.exit_code == 0, result.output
    assert "weighted F1" in result.output and "misses" in result.output
    assert json.loads(report_path.read_text(encoding="utf-8"))["all"]["snippets"] == 4


ACLED_HOLDOUT = Path(__file__).resolve().parents[1] / "annotations" / "acled_holdout.jsonl"


def test_acled_typer_keeps_its_floors_on_the_blind_written_snippets(tmp_path: Path) -> None:
    report_path = tmp_path / "report.json"

    result = CliRunner().invoke(
        main, ["eval", "--gold", str(ACLED_HOLDOUT), "--report", str(report_path)]
    )

    assert result.exit_code == 0, result.output
    figures = json.loads(report_path.read_text(encoding="utf-8"))["all"]
    assert figures["snippets"] == 213
    assert figures["weighted_f1"] >= 0.87 and figures["typed"] >= 0.94


SHARED = Path(__file__).resolve().parents[2] / "shared"
CORPUS = SHARED / "corpus" / "insightcrime_train.jsonl"
NEWS = SHARED / "train" / "plv_train.jsonl"
ANNOTATIONS = Path(__file__).resolve().parents[1] / "annotations"


@pytest.mark.parametrize(
    ("name", "count", "source"),
    [
        ("acled_corpus_dev.jsonl", 600, CORPUS),
        ("acled_corpus_holdout.jsonl", 200, CORPUS),
        ("acled_corpus_events_dev.jsonl", 282, CORPUS),
        ("acled_corpus_events_holdout.jsonl", 138, CORPUS),
        ("acled_news_dev.jsonl", 828, NEWS),
        ("acled_news_holdout.jsonl", 739, NEWS),
    ],
)
def test_sourced_labels_point_at_unchanged_sentences(name: str, count: int, source: Path) -> None:
    if not source.exists():
        pytest.skip(f"the sentences these labels point into are not beside the checkout ({source})")
    records = load_acled_gold(ANNOTATIONS / name)

    assert len(records) == count and len({r.id for r in records}) == count
    assert all(r.text.strip() == r.text and r.text for r in records)


def test_acled_typer_keeps_its_floors_on_news_sentences_never_read(tmp_path: Path) -> None:
    if not NEWS.exists():
        pytest.skip(
            f"the news sentences these labels point into are not beside the checkout ({NEWS})"
        )
    report_path = tmp_path / "report.json"

    result = CliRunner().invoke(
        main,
        [
            "eval",
            "--gold",
            str(ANNOTATIONS / "acled_news_holdout.jsonl"),
            "--report",
            str(report_path),
        ],
    )

    assert result.exit_code == 0, result.output
    report = json.loads(report_path.read_text(encoding="utf-8"))
    assert report["all"]["weighted_f1"] >= 0.75 and report["all"]["typed"] >= 0.84
    assert report["non_events"]["all"]["rate"] <= 0.11
