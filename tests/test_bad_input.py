"""Every kind of bad input gets a document outcome with a reason; none is lost.

One corpus holds each kind; a build over it must account for every item (coded, no events,
or quarantined), with counts that add up and reasons a user can act on.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from eventcoder.build import build
from eventcoder.config import BuildConfig
from eventcoder.ingest import ReadOptions, html_to_text, read_inputs
from eventcoder.pipeline import Pipeline
from eventcoder.types import Document, Quarantine

GOOD = "Iraq condemned Israel on Tuesday after the strike."
SPANISH = (
    "El gobierno de Colombia anunció hoy una nueva ofensiva contra los grupos armados "
    "que operan en la región del Cauca, según fuentes oficiales del ministerio."
)
HTML = (
    "<!DOCTYPE html><html><head><title>t</title><script>var x = 1;</script></head>"
    "<body><h1>News</h1><p>Iraq condemned Israel.</p><p>Iran criticized the strike.</p>"
    "</body></html>"
)


def _corpus(root: Path) -> Path:
    folder = root / "corpus"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    (folder / "latin1.txt").write_bytes(
        "Café owners in Iraq protested the decision.".encode("latin-1")
    )
    (folder / "empty.txt").write_text("  \n\t ", encoding="utf-8")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02PNG\x00\x00garbage" * 20)
    (folder / "page.txt").write_text(HTML, encoding="utf-8")
    (folder / "spanish.txt").write_text(SPANISH, encoding="utf-8")
    (folder / "huge.txt").write_text("Iraq condemned Israel. " * 200, encoding="utf-8")
    (folder / "nodate.txt").write_text(GOOD, encoding="utf-8")
    (folder / "nodate.meta.json").write_text(json.dumps({"date": "last Tuesday"}), "utf-8")
    (folder / "badmeta.txt").write_text(GOOD, encoding="utf-8")
    (folder / "badmeta.meta.json").write_text("{not json", encoding="utf-8")
    (folder / "image.png").write_bytes(b"\x89PNG\r\n")
    lines = [
        json.dumps({"id": "j1", "text": GOOD, "date": "2024-03-07"}),
        "{broken json",
        json.dumps(["not", "an", "object"]),
        json.dumps({"text": "No id."}),
        json.dumps({"id": "j2"}),
        json.dumps({"id": "j1", "text": "Duplicate id."}),
        json.dumps({"id": "../etc/passwd", "text": GOOD}),
        json.dumps({"id": "j3", "text": "No events here at all, just weather."}),
    ]
    (folder / "docs.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with gzip.open(folder / "more.jsonl.gz", "wt", encoding="utf-8") as handle:
        handle.write(json.dumps({"id": "g1", "text": GOOD}) + "\n")
    (folder / "rows.csv").write_text(
        'id,text\nc1,"Iran warned Israel of serious consequences."\nc2,\n', encoding="utf-8"
    )
    return folder


def _items(folder: Path, **options: object) -> dict[str, Document | Quarantine]:
    out: dict[str, Document | Quarantine] = {}
    for item in read_inputs([folder], ReadOptions(max_chars=1000, **options)):  # type: ignore[arg-type]
        out[f"{Path(item.source).name}|{item.doc_id}"] = item
    return out


def _reason(items: dict[str, Document | Quarantine], key: str) -> str:
    item = items[key]
    assert isinstance(item, Quarantine), f"{key} was not quarantined"
    return item.reason


@pytest.fixture()
def items(tmp_path: Path) -> dict[str, Document | Quarantine]:
    return _items(_corpus(tmp_path))


def test_undecodable_bytes_are_replaced_and_flagged_by_default(items: dict) -> None:
    doc = items["latin1.txt|latin1"]
    assert isinstance(doc, Document)
    assert "\ufffd" in doc.text and "bad_encoding_replaced" in doc.flags


def test_undecodable_bytes_can_be_quarantined_instead(tmp_path: Path) -> None:
    items = _items(_corpus(tmp_path), on_bad_encoding="quarantine")
    assert "not valid UTF-8" in _reason(items, "latin1.txt|latin1")


def test_empty_and_whitespace_documents_are_quarantined(items: dict) -> None:
    assert "empty" in _reason(items, "empty.txt|empty")


def test_binary_files_are_quarantined(items: dict) -> None:
    assert "binary" in _reason(items, "binary.txt|binary")


def test_html_is_stripped_to_text_and_flagged(items: dict) -> None:
    doc = items["page.txt|page"]
    assert isinstance(doc, Document)
    assert "html_stripped" in doc.flags
    assert doc.text == "News\nIraq condemned Israel.\nIran criticized the strike."


def test_html_to_text_drops_scripts_and_unescapes_entities() -> None:
    html = "<p>Tom &amp; Jerry</p><script>alert(1)</script><div>Next &gt; line</div>"
    assert html_to_text(html) == "Tom & Jerry\nNext > line"


def test_non_english_text_is_quarantined_not_coded_as_english(items: dict) -> None:
    assert "not English" in _reason(items, "spanish.txt|spanish")


def test_language_check_can_be_turned_off(tmp_path: Path) -> None:
    items = _items(_corpus(tmp_path), check_language=False)
    assert isinstance(items["spanish.txt|spanish"], Document)


def test_documents_over_the_size_limit_are_quarantined_with_the_limit(items: dict) -> None:
    reason = _reason(items, "huge.txt|huge")
    assert "over the limit of 1,000" in reason and "max_chars" in reason


def test_broken_jsonl_lines_are_quarantined_with_line_numbers(items: dict) -> None:
    broken = [q for q in items.values() if isinstance(q, Quarantine) and "broken JSON" in q.reason]
    assert [q.line for q in broken] == [2]
    assert "not an object" in _reason(items, "docs.jsonl:3|None")


def test_jsonl_records_missing_fields_are_quarantined(items: dict) -> None:
    assert "'text'" in _reason(items, "docs.jsonl:5|j2")


def test_jsonl_records_without_an_id_take_file_and_line(items: dict) -> None:
    doc = items["docs.jsonl:4|docs.jsonl:4"]
    assert isinstance(doc, Document) and "id_from_position" in doc.flags


def test_csv_rows_with_missing_text_are_quarantined(items: dict) -> None:
    assert isinstance(items["rows.csv:2|c1"], Document)
    assert "empty" in _reason(items, "rows.csv:3|c2")


def test_csv_without_the_text_column_says_how_to_name_it(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text("id,body\n1,Iraq condemned Israel.\n", encoding="utf-8")
    (item,) = read_inputs([path])
    assert isinstance(item, Quarantine) and "text_column" in item.reason
    (doc,) = read_inputs([path], ReadOptions(text_column="body"))
    assert isinstance(doc, Document) and doc.text == "Iraq condemned Israel."


def test_unparseable_dates_are_flagged_and_dropped(items: dict) -> None:
    doc = items["nodate.txt|nodate"]
    assert isinstance(doc, Document)
    assert doc.date is None and "unparseable_date" in doc.flags


def test_unreadable_sidecar_quarantines_its_document(items: dict) -> None:
    assert "sidecar" in _reason(items, "badmeta.txt|badmeta")


def test_duplicate_ids_keep_the_first_and_quarantine_the_rest(items: dict) -> None:
    assert "duplicate document id 'j1'" in _reason(items, "docs.jsonl:6|j1")


def test_ids_unsafe_as_file_names_are_quarantined(items: dict) -> None:
    assert "unsafe as a file name" in _reason(items, "docs.jsonl:7|../etc/passwd")


def test_unsupported_files_in_a_folder_are_recorded(items: dict) -> None:
    assert "unsupported file type" in _reason(items, "image.png|None")


def test_build_accounts_for_every_input_item(tmp_path: Path, pipeline: Pipeline) -> None:
    folder = _corpus(tmp_path)
    expected = list(read_inputs([folder], ReadOptions(max_chars=1000)))

    report = build(
        [folder], tmp_path / "out", BuildConfig(read=ReadOptions(max_chars=1000)), pipeline=pipeline
    )

    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text(encoding="utf-8"))
    counts = manifest["counts"]
    assert counts["documents"] == len(expected) == len(manifest["documents"])
    assert (
        counts["coded"] + counts["no_events"] + counts["duplicates"] + counts["quarantined"]
        == counts["documents"]
    )
    assert counts["duplicates"] >= 3
    outcomes = {(d["source"], d["doc_id"]): d for d in manifest["documents"]}
    for item in expected:
        outcome = outcomes[(item.source, item.doc_id)]
        if isinstance(item, Quarantine):
            assert outcome["outcome"] == "quarantined" and outcome["reason"] == item.reason
        elif outcome["outcome"] == "duplicate":
            assert "same text as document" in outcome["reason"]
        else:
            assert outcome["outcome"] in {"coded", "no_events"}
            assert outcome["flags"] == list(item.flags)
    quarantine = (tmp_path / "out" / "quarantine.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(quarantine) == counts["quarantined"] == report.quarantined
    assert report.coded >= 4 and report.no_events >= 1
