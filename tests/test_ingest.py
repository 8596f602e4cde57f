"""Behaviour of the input readers (eventcoder.ingest): .txt, folders, JSONL, Parquet, Arrow,
Hugging Face dataset folders, quarantine, and builds from each format."""

from __future__ import annotations

import datetime as dt
import gzip
import json
import tempfile
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from helpers import sentence_corpus
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventcoder import ingest_tables
from eventcoder.build import build
from eventcoder.config import BuildConfig
from eventcoder.errors import InputError
from eventcoder.ingest import ReadOptions, estimate_documents, input_files, read_inputs
from eventcoder.pipeline import Pipeline
from eventcoder.types import Document, Quarantine

Item = Document | Quarantine
BUILD_SENTENCES = [
    "Iraq condemned Israel on Tuesday.",
    "Iran warned the United States of serious consequences.",
    "Syrian troops clashed with Turkish forces near the border.",
    "Egypt declined to comment on the report.",
    "The weather was mild across the region this week.",
]


def _read(*paths: Path) -> list[Item]:
    return list(read_inputs(paths))


def _write_jsonl(path: Path, records: list[Any]) -> Path:
    lines = [r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in records]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _only(items: list[Item], kind: type) -> Any:
    assert len(items) == 1, items
    assert isinstance(items[0], kind), items[0]
    return items[0]


# --- .txt files and sidecars -------------------------------------------------------------


def test_txt_file_becomes_document_named_after_the_file(tmp_path: Path) -> None:
    path = tmp_path / "story-42.txt"
    path.write_text("Iraq condemned Israel.", encoding="utf-8")

    doc = _only(_read(path), Document)

    assert doc.doc_id == "story-42"
    assert doc.text == "Iraq condemned Israel."
    assert doc.date is None and doc.url is None and doc.publisher is None and doc.title is None
    assert doc.flags == ("no_date",)
    assert doc.source == str(path)


def test_txt_sidecar_fills_date_url_publisher_and_title(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Iraq condemned Israel.", encoding="utf-8")
    meta = {
        "date": "2024-03-05",
        "url": "https://example.org/a",
        "publisher": "Example News",
        "title": "Iraq condemns",
    }
    (tmp_path / "a.meta.json").write_text(json.dumps(meta), encoding="utf-8")

    doc = _only(_read(tmp_path / "a.txt"), Document)

    assert (doc.date, doc.url, doc.publisher, doc.title) == (
        "2024-03-05",
        "https://example.org/a",
        "Example News",
        "Iraq condemns",
    )


def test_txt_with_broken_sidecar_is_quarantined_with_the_reason(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Iraq condemned Israel.", encoding="utf-8")
    (tmp_path / "a.meta.json").write_text("{not json", encoding="utf-8")

    q = _only(_read(tmp_path / "a.txt"), Quarantine)

    assert q.doc_id == "a"
    assert "a.meta.json" in q.reason and "not valid JSON" in q.reason


def test_txt_with_non_object_sidecar_is_quarantined(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Iraq condemned Israel.", encoding="utf-8")
    (tmp_path / "a.meta.json").write_text("[1, 2]", encoding="utf-8")

    q = _only(_read(tmp_path / "a.txt"), Quarantine)

    assert "not a JSON object" in q.reason


def test_txt_with_non_string_sidecar_field_is_quarantined_naming_the_field(
    tmp_path: Path,
) -> None:
    (tmp_path / "a.txt").write_text("Iraq condemned Israel.", encoding="utf-8")
    (tmp_path / "a.meta.json").write_text(json.dumps({"date": 20240305}), encoding="utf-8")

    q = _only(_read(tmp_path / "a.txt"), Quarantine)

    assert "'date'" in q.reason


def test_empty_txt_file_is_quarantined(tmp_path: Path) -> None:
    path = tmp_path / "blank.txt"
    path.write_text("  \n\t\n", encoding="utf-8")

    q = _only(_read(path), Quarantine)

    assert q.doc_id == "blank"
    assert "empty" in q.reason


def test_utf8_bom_is_stripped_from_txt(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbfIraq condemned Israel.")

    doc = _only(_read(path), Document)

    assert doc.text == "Iraq condemned Israel."
    assert doc.flags == ("no_date",)


def test_undecodable_bytes_are_replaced_and_flagged(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes("Caf\u00e9 owners protested in Paris.".encode("latin-1"))

    doc = _only(_read(path), Document)

    assert "\ufffd" in doc.text
    assert doc.text.startswith("Caf") and doc.text.endswith("protested in Paris.")
    assert "bad_encoding_replaced" in doc.flags


def test_undecodable_bytes_in_jsonl_line_are_replaced_and_flagged(tmp_path: Path) -> None:
    path = tmp_path / "docs.jsonl"
    path.write_bytes(b'{"id": "x", "text": "Caf\xe9 owners protested."}\n')

    doc = _only(_read(path), Document)

    assert doc.text == "Caf\ufffd owners protested."
    assert "bad_encoding_replaced" in doc.flags


# --- folders -----------------------------------------------------------------------------


def test_folder_reads_txt_files_in_sorted_order(tmp_path: Path) -> None:
    for name in ("c", "a", "b"):
        (tmp_path / f"{name}.txt").write_text(f"Text of {name}.", encoding="utf-8")

    items = _read(tmp_path)

    assert [i.doc_id for i in items] == ["a", "b", "c"]
    assert all(isinstance(i, Document) for i in items)


def test_folder_skips_sidecars_but_applies_them(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Iraq condemned Israel.", encoding="utf-8")
    (tmp_path / "a.meta.json").write_text(json.dumps({"url": "https://x.org"}), encoding="utf-8")

    doc = _only(_read(tmp_path), Document)

    assert doc.url == "https://x.org"


def test_folder_reports_unsupported_files_as_quarantine(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Iraq condemned Israel.", encoding="utf-8")
    (tmp_path / "notes.docx").write_bytes(b"PK\x03\x04")

    items = _read(tmp_path)

    assert [type(i) for i in items] == [Document, Quarantine]
    q = items[1]
    assert isinstance(q, Quarantine)
    assert q.source == str(tmp_path / "notes.docx")
    assert "unsupported" in q.reason


def test_folder_reads_jsonl_files_inside_it(tmp_path: Path) -> None:
    _write_jsonl(tmp_path / "docs.jsonl", [{"id": "j1", "text": "Hello."}])
    (tmp_path / "z.txt").write_text("Text.", encoding="utf-8")

    assert [i.doc_id for i in _read(tmp_path)] == ["j1", "z"]


# --- JSONL -------------------------------------------------------------------------------


def test_jsonl_good_lines_become_documents_with_metadata(tmp_path: Path) -> None:
    path = _write_jsonl(
        tmp_path / "docs.jsonl",
        [
            {"id": "d1", "text": "Iraq condemned Israel.", "date": "2024-01-02"},
            {"id": 7, "text": "Iran praised Iraq.", "url": "https://e.org/7", "publisher": "P"},
        ],
    )

    items = _read(path)

    assert all(isinstance(i, Document) for i in items)
    d1, d2 = items
    assert isinstance(d1, Document) and isinstance(d2, Document)
    assert (d1.doc_id, d1.text, d1.date) == ("d1", "Iraq condemned Israel.", "2024-01-02")
    assert (d2.doc_id, d2.url, d2.publisher) == ("7", "https://e.org/7", "P")
    assert d1.source == f"{path}:1" and d2.source == f"{path}:2"


def test_jsonl_blank_lines_are_skipped(tmp_path: Path) -> None:
    path = tmp_path / "docs.jsonl"
    path.write_text('\n{"id": "a", "text": "A."}\n\n   \n{"id": "b", "text": "B."}\n')

    assert [i.doc_id for i in _read(path)] == ["a", "b"]


def test_jsonl_broken_line_is_quarantined_with_its_line_number(tmp_path: Path) -> None:
    path = _write_jsonl(
        tmp_path / "docs.jsonl",
        [{"id": "a", "text": "A."}, '{"id": "b", "text": ', {"id": "c", "text": "C."}],
    )

    items = _read(path)

    assert [type(i) for i in items] == [Document, Quarantine, Document]
    q = items[1]
    assert isinstance(q, Quarantine)
    assert q.line == 2
    assert q.source == f"{path}:2"
    assert "broken JSON" in q.reason


@pytest.mark.parametrize(
    ("record", "reason_part"),
    [
        pytest.param([1, 2, 3], "not an object", id="array"),
        pytest.param("just a string", "not an object", id="string"),
        pytest.param({"id": True, "text": "Bool id."}, "'id'", id="bool-id"),
        pytest.param({"id": "x"}, "'text'", id="missing-text"),
        pytest.param({"id": "x", "text": 12}, "'text'", id="number-text"),
        pytest.param({"id": "x", "text": None}, "'text'", id="null-text"),
        pytest.param({"id": "x", "text": ""}, "empty", id="empty-text"),
        pytest.param({"id": "x", "text": " \n\t "}, "empty", id="whitespace-text"),
        pytest.param({"id": "x", "text": "T.", "url": 5}, "'url'", id="non-string-url"),
    ],
)
def test_jsonl_unusable_record_is_quarantined_with_reason(
    tmp_path: Path, record: Any, reason_part: str
) -> None:
    path = tmp_path / "docs.jsonl"
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")

    q = _only(_read(path), Quarantine)

    assert reason_part in q.reason
    assert q.line == 1
    assert q.source == f"{path}:1"


def test_gzipped_jsonl_is_read(tmp_path: Path) -> None:
    path = tmp_path / "docs.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        handle.write(json.dumps({"id": "g1", "text": "Iraq condemned Israel."}) + "\n")
        handle.write("{broken\n")

    doc, broken = _read(path)

    assert isinstance(doc, Document) and isinstance(broken, Quarantine)
    assert (doc.doc_id, doc.text) == ("g1", "Iraq condemned Israel.")
    assert broken.line == 2


def test_duplicate_id_quarantines_the_later_document(tmp_path: Path) -> None:
    path = _write_jsonl(
        tmp_path / "docs.jsonl",
        [{"id": "a", "text": "First."}, {"id": "a", "text": "Second."}],
    )

    first, second = _read(path)

    assert isinstance(first, Document) and first.text == "First."
    assert isinstance(second, Quarantine)
    assert second.doc_id == "a"
    assert "duplicate" in second.reason and f"{path}:1" in second.reason


def test_duplicate_id_across_txt_and_jsonl_quarantines_the_later_one(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("From txt.", encoding="utf-8")
    jsonl = _write_jsonl(tmp_path / "more.jsonl", [{"id": "a", "text": "From jsonl."}])

    first, second = _read(tmp_path / "a.txt", jsonl)

    assert isinstance(first, Document) and first.text == "From txt."
    assert isinstance(second, Quarantine) and "duplicate" in second.reason


# --- dates -------------------------------------------------------------------------------


def test_unparseable_date_becomes_none_and_is_flagged(tmp_path: Path) -> None:
    path = _write_jsonl(tmp_path / "d.jsonl", [{"id": "a", "text": "T.", "date": "last Tuesday"}])

    doc = _only(_read(path), Document)

    assert doc.date is None
    assert "unparseable_date" in doc.flags


@pytest.mark.parametrize(
    "raw",
    ["2024-03-05T14:22:00Z", "2024-03-05T14:22:00+02:00", "2024-03-05 14:22", "2024-03-05"],
)
def test_datetime_string_date_is_normalised_to_iso_day(tmp_path: Path, raw: str) -> None:
    path = _write_jsonl(tmp_path / "d.jsonl", [{"id": "a", "text": "T.", "date": raw}])

    doc = _only(_read(path), Document)

    assert doc.date == "2024-03-05"
    assert doc.flags == ()


def test_empty_metadata_strings_read_as_missing(tmp_path: Path) -> None:
    path = _write_jsonl(
        tmp_path / "d.jsonl", [{"id": "a", "text": "T.", "date": "", "url": "", "title": ""}]
    )

    doc = _only(_read(path), Document)

    assert (doc.date, doc.url, doc.title) == (None, None, None)
    assert doc.flags == ("no_date",)


# --- bad paths ---------------------------------------------------------------------------


def test_nonexistent_path_raises_input_error_saying_what_to_pass(tmp_path: Path) -> None:
    missing = tmp_path / "nope.txt"

    with pytest.raises(InputError) as info:
        _read(missing)

    message = str(info.value)
    assert str(missing) in message
    assert "does not exist" in message
    assert ".txt" in message and ".jsonl" in message


def test_unsupported_single_file_raises_input_error(tmp_path: Path) -> None:
    path = tmp_path / "data.docx"
    path.write_text("a,b\n", encoding="utf-8")

    with pytest.raises(InputError, match=r"not a supported file"):
        _read(path)


def test_input_files_rejects_missing_path_up_front(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="does not exist"):
        input_files([tmp_path / "nope.jsonl"])


def test_input_files_lists_each_document_followed_by_its_sidecar(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text("B.", encoding="utf-8")
    (tmp_path / "a.txt").write_text("A.", encoding="utf-8")
    (tmp_path / "a.meta.json").write_text("{}", encoding="utf-8")

    assert input_files([tmp_path]) == [
        tmp_path / "a.txt",
        tmp_path / "a.meta.json",
        tmp_path / "b.txt",
    ]


def test_date_with_trailing_junk_is_flagged_not_truncated(tmp_path: Path) -> None:
    path = tmp_path / "docs.jsonl"
    path.write_text('{"id": "a", "text": "T.", "date": "2024-03-05garbage"}\n', encoding="utf-8")

    (doc,) = _read(path)

    assert isinstance(doc, Document)
    assert doc.date is None
    assert "unparseable_date" in doc.flags


# --- property: JSONL round trip ----------------------------------------------------------

_meta_text = st.one_of(st.none(), st.text(max_size=40))
_body = st.text(min_size=1, max_size=200).filter(lambda s: s.strip() != "")


_safe_id = st.text(
    alphabet=st.characters(blacklist_categories=("Cc", "Cs"), blacklist_characters="/\\"),
    min_size=1,
    max_size=30,
).filter(lambda s: s not in {".", ".."})


@st.composite
def _records(draw: st.DrawFn, ids: st.SearchStrategy[str] = _safe_id) -> dict[str, Any]:
    body = draw(_body.filter(lambda s: "\x00" not in s))
    record: dict[str, Any] = {"id": draw(ids), "text": body}
    for key in ("date", "url", "publisher", "title"):
        if draw(st.booleans()):
            record[key] = draw(_meta_text)
    return record


@settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(record=_records(), ensure_ascii=st.booleans())
def test_any_valid_jsonl_record_reads_back_with_same_id_text_and_metadata(
    record: dict[str, Any], ensure_ascii: bool
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "docs.jsonl"
        path.write_text(json.dumps(record, ensure_ascii=ensure_ascii) + "\n", encoding="utf-8")

        doc = _only(list(read_inputs([path], ReadOptions(check_language=False))), Document)

    assert doc.doc_id == record["id"]
    assert doc.text == record["text"]
    for key in ("url", "publisher", "title"):
        assert getattr(doc, key) == (record.get(key) or None)
    if doc.date is not None:
        assert len(doc.date) == 10 and doc.date[4] == "-" and doc.date[7] == "-"
    elif record.get("date"):
        assert "unparseable_date" in doc.flags
    assert "bad_encoding_replaced" not in doc.flags


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(record=_records(ids=st.text(min_size=1, max_size=30)))
def test_any_jsonl_record_becomes_exactly_one_document_or_one_quarantine_with_reason(
    record: dict[str, Any],
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "docs.jsonl"
        path.write_text(json.dumps(record) + "\n", encoding="utf-8")

        (item,) = _read(path)

    if isinstance(item, Quarantine):
        assert item.reason and item.line == 1
    else:
        assert item.text == record["text"] and item.doc_id == record["id"]


# --- Parquet, Arrow and Hugging Face dataset folders -------------------------------------

RECORDS: list[dict[str, Any]] = [
    {"id": "p1", "text": "Iraq condemned Israel on Tuesday.", "date": "2024-03-07", "url": "u1"},
    {"id": "p2", "text": "Iran warned the United States.", "title": "Warning"},
    {"id": "p3", "text": "The weather was mild.", "publisher": "Wire"},
]


def _table(records: list[dict[str, Any]], **types: pa.DataType) -> pa.Table:
    """Records as a table with a column for every key any record has (null where absent)."""
    keys = list(dict.fromkeys(k for r in records for k in r))
    return pa.table({k: pa.array([r.get(k) for r in records], types.get(k)) for k in keys})


def _write_parquet(path: Path, records: list[dict[str, Any]], **types: pa.DataType) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(_table(records, **types), path)
    return path


def _unsourced(items: list[Item]) -> list[Item]:
    """Items with the source blanked (it names the file and differs between formats)."""
    return [replace(item, source="") for item in items]


def _docs(items: list[Item]) -> list[tuple[str, str, str | None]]:
    return [(i.doc_id, i.text, i.date) for i in items if isinstance(i, Document)]


def test_parquet_rows_become_documents_with_metadata_like_jsonl(tmp_path: Path) -> None:
    jsonl = _write_jsonl(tmp_path / "docs.jsonl", RECORDS)
    parquet = _write_parquet(tmp_path / "docs.parquet", RECORDS)

    from_parquet = _read(parquet)

    assert _unsourced(from_parquet) == _unsourced(_read(jsonl))
    assert [i.source for i in from_parquet] == [f"{parquet}:{n}" for n in (1, 2, 3)]
    assert isinstance(from_parquet[0], Document) and from_parquet[0].url == "u1"


def test_parquet_typed_columns_read_as_jsonl_strings(tmp_path: Path) -> None:
    records = [{"id": 7, "text": "Iraq condemned Israel.", "date": dt.date(2024, 3, 7)}]
    parquet = _write_parquet(tmp_path / "typed.parquet", records)
    stamped = [{"id": 8, "text": "Iran warned Israel.", "date": dt.datetime(2024, 3, 8, 15, 30)}]
    parquet_ts = _write_parquet(tmp_path / "stamped.parquet", stamped)

    doc = _only(_read(parquet), Document)
    stamped_doc = _only(_read(parquet_ts), Document)

    assert (doc.doc_id, doc.date) == ("7", "2024-03-07")
    assert (stamped_doc.doc_id, stamped_doc.date) == ("8", "2024-03-08")


def test_parquet_text_and_id_columns_are_chosen_by_the_options(tmp_path: Path) -> None:
    records = [{"key": "k1", "body": "Iraq condemned Israel.", "text": "not this"}]
    parquet = _write_parquet(tmp_path / "docs.parquet", records)

    items = list(read_inputs([parquet], ReadOptions(text_column="body", id_column="key")))

    doc = _only(items, Document)
    assert (doc.doc_id, doc.text) == ("k1", "Iraq condemned Israel.")


@pytest.mark.parametrize(
    ("options", "names"),
    [
        (ReadOptions(text_column="body"), ("'body' column", "text_column")),
        (ReadOptions(id_column="key"), ("'key' column", "id_column")),
    ],
)
def test_parquet_without_the_text_or_id_column_is_quarantined_naming_the_option(
    tmp_path: Path, options: ReadOptions, names: tuple[str, str]
) -> None:
    parquet = _write_parquet(tmp_path / "docs.parquet", RECORDS)

    item = _only(list(read_inputs([parquet], options)), Quarantine)

    assert all(name in item.reason for name in names)
    assert "columns: id, text" in item.reason and item.source == str(parquet)


def test_parquet_bad_rows_are_quarantined_with_their_row_numbers(tmp_path: Path) -> None:
    records: list[dict[str, Any]] = [
        {"id": "ok", "text": "Iraq condemned Israel."},
        {"id": "no-text", "text": None},
        {"id": "empty", "text": "   "},
        {"id": "a/b", "text": "Unsafe id."},
    ]
    parquet = _write_parquet(tmp_path / "bad.parquet", records)

    items = _read(parquet)

    assert isinstance(items[0], Document)
    reasons = {i.line: i.reason for i in items if isinstance(i, Quarantine)}
    assert set(reasons) == {2, 3, 4}
    assert "'text'" in reasons[2]
    assert "empty" in reasons[3] and "unsafe" in reasons[4]


@pytest.mark.parametrize(
    "record",
    [{"text": "No id here."}, {"id": "", "text": "Empty id."}, {"id": None, "text": "Null id."}],
)
def test_a_record_without_an_id_takes_its_file_and_line_as_id(
    tmp_path: Path, record: dict[str, Any]
) -> None:
    path = _write_jsonl(tmp_path / "docs.jsonl", [{"id": "a", "text": "T."}, record])

    doc = _read(path)[1]

    assert isinstance(doc, Document)
    assert doc.doc_id == "docs.jsonl:2"
    assert "id_from_position" in doc.flags


def test_the_date_can_come_from_another_column(tmp_path: Path) -> None:
    path = _write_jsonl(
        tmp_path / "d.jsonl", [{"id": "a", "text": "T.", "published": "2024-03-05"}]
    )

    doc = _only(list(read_inputs([path], ReadOptions(date_column="published"))), Document)

    assert doc.date == "2024-03-05" and doc.flags == ()


def test_a_file_that_is_not_parquet_is_quarantined(tmp_path: Path) -> None:
    path = tmp_path / "fake.parquet"
    path.write_text("id,text\n", encoding="utf-8")

    item = _only(_read(path), Quarantine)

    assert "not a readable Parquet file" in item.reason


def test_parquet_is_read_lazily_in_record_batches(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    records = [{"id": f"d{i}", "text": f"Iraq condemned Israel {i} times."} for i in range(50)]
    parquet = _write_parquet(tmp_path / "many.parquet", records)
    monkeypatch.setattr(ingest_tables, "BATCH_ROWS", 4)
    pulled: list[int] = []
    iter_batches = pq.ParquetFile.iter_batches

    def counting(self: pq.ParquetFile, *args: Any, **kwargs: Any) -> Iterator[pa.RecordBatch]:
        for batch in iter_batches(self, *args, **kwargs):
            pulled.append(batch.num_rows)
            yield batch

    monkeypatch.setattr(pq.ParquetFile, "iter_batches", counting)

    stream = read_inputs([parquet])
    first = [next(stream) for _ in range(5)]

    assert [d.doc_id for d in first] == ["d0", "d1", "d2", "d3", "d4"]  # type: ignore[union-attr]
    assert pulled == [4, 4]
    assert len(list(stream)) == 45 and sum(pulled) == 50


def test_input_files_and_estimate_know_parquet(tmp_path: Path) -> None:
    parquet = _write_parquet(tmp_path / "in" / "docs.parquet", RECORDS)

    assert input_files([tmp_path / "in"]) == [parquet]
    assert estimate_documents([tmp_path / "in"]) == 3


def _save_to_disk(folder: Path, records: list[dict[str, Any]], **splits: int) -> Path:
    """A `datasets` save_to_disk folder of the records (a DatasetDict when splits are given:
    split name -> how many of the records, in order)."""
    datasets = pytest.importorskip("datasets", reason="needs the datasets package (dev extra)")
    if not splits:
        datasets.Dataset(_table(records)).save_to_disk(str(folder))
        return folder
    parts, start = {}, 0
    for name, count in splits.items():
        parts[name] = datasets.Dataset(_table(records[start : start + count]))
        start += count
    datasets.DatasetDict(parts).save_to_disk(str(folder))
    return folder


def test_saved_hf_dataset_folder_reads_its_arrow_files_in_order(tmp_path: Path) -> None:
    folder = _save_to_disk(tmp_path / "saved", [{**r, "extra": 1} for r in RECORDS])

    items = _read(folder)

    assert _unsourced(items) == _unsourced(_read(_write_jsonl(tmp_path / "d.jsonl", RECORDS)))
    assert all(i.source.endswith(".arrow:" + str(n)) for n, i in enumerate(items, start=1))
    names = [f.name for f in input_files([folder])]
    assert names[:2] == ["state.json", "dataset_info.json"] and names[2].endswith(".arrow")
    assert estimate_documents([folder]) == 3


def test_saved_hf_dataset_dict_reads_every_split_in_listed_order(tmp_path: Path) -> None:
    folder = _save_to_disk(tmp_path / "saved", RECORDS, test=1, train=2)

    items = _read(folder)

    assert [i.doc_id for i in items] == ["p1", "p2", "p3"]
    assert [Path(i.source).parent.name for i in items] == ["test", "train", "train"]
    assert input_files([folder])[0].name == "dataset_dict.json"


def test_saved_hf_dataset_inside_a_plain_folder_is_read_as_a_dataset(tmp_path: Path) -> None:
    _save_to_disk(tmp_path / "in" / "saved", RECORDS[:2])
    (tmp_path / "in" / "z.txt").write_text("Egypt declined to comment.", encoding="utf-8")

    items = _read(tmp_path / "in")

    assert [i.doc_id for i in items] == ["p1", "p2", "z"]
    assert all(isinstance(i, Document) for i in items)


def test_saved_hf_dataset_with_a_broken_state_file_is_an_input_error(tmp_path: Path) -> None:
    folder = _save_to_disk(tmp_path / "saved", RECORDS)
    (folder / "state.json").write_text("{}", encoding="utf-8")

    with pytest.raises(InputError, match="_data_files"):
        input_files([folder])


def _card_folder(folder: Path, front_matter: str) -> Path:
    _write_parquet(folder / "data" / "train-00000-of-00001.parquet", RECORDS[:2])
    _write_parquet(folder / "data" / "test-00000-of-00001.parquet", RECORDS[2:])
    (folder / "README.md").write_text(f"---\n{front_matter}---\n# A card\n", encoding="utf-8")
    return folder


def test_card_folder_reads_the_data_files_of_its_default_config(tmp_path: Path) -> None:
    configs = (
        "configs:\n- config_name: other\n  data_files: nothing/*.parquet\n"
        "- config_name: main\n  default: true\n  data_files:\n"
        "  - split: test\n    path: data/test-*\n  - split: train\n    path: data/train-*\n"
    )
    folder = _card_folder(tmp_path / "card", configs)

    items = _read(folder)

    assert [i.doc_id for i in items] == ["p3", "p1", "p2"]
    assert all(isinstance(i, Document) for i in items)
    assert [f.name for f in input_files([folder])] == [
        "README.md",
        "test-00000-of-00001.parquet",
        "train-00000-of-00001.parquet",
    ]


def test_card_folder_without_configs_reads_every_data_file_and_not_the_card(
    tmp_path: Path,
) -> None:
    folder = _card_folder(tmp_path / "card", "license: mit\n")

    items = _read(folder)

    assert [i.doc_id for i in items] == ["p3", "p1", "p2"]  # sorted file names
    assert all(isinstance(i, Document) for i in items)


def test_card_config_pattern_matching_nothing_is_an_input_error(tmp_path: Path) -> None:
    folder = _card_folder(
        tmp_path / "card", "configs:\n- config_name: default\n  data_files: x/*\n"
    )

    with pytest.raises(InputError, match="matches no file"):
        _read(folder)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(records=st.lists(_records(), min_size=1, max_size=4, unique_by=lambda r: r["id"]))
def test_jsonl_and_parquet_of_the_same_records_read_the_same(
    records: list[dict[str, Any]],
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        jsonl = _write_jsonl(Path(tmp) / "docs.jsonl", records)
        parquet = _write_parquet(Path(tmp) / "docs.parquet", records)
        options = ReadOptions(check_language=False)

        from_jsonl = list(read_inputs([jsonl], options))
        from_parquet = list(read_inputs([parquet], options))

    assert _unsourced(from_parquet) == _unsourced(from_jsonl)


# --- builds from Parquet and a saved dataset -----------------------------------------------


def _rows(out: Path) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = pq.read_table(out / "data").to_pylist()
    return rows


def test_builds_from_jsonl_parquet_and_a_saved_dataset_give_identical_rows(
    tmp_path: Path, pipeline: Pipeline
) -> None:
    corpus = sentence_corpus(tmp_path / "corpus.jsonl", 12, BUILD_SENTENCES, seed=3)
    records = [json.loads(line) for line in corpus.read_text(encoding="utf-8").splitlines()]
    for n, record in enumerate(records):
        record["date"] = f"2024-03-{n + 1:02d}"
    _write_jsonl(corpus, records)
    parquet = _write_parquet(tmp_path / "corpus.parquet", records)
    saved = _save_to_disk(tmp_path / "saved-input", records)

    reports = {
        name: build([path], tmp_path / name, BuildConfig(shard_size=5), pipeline=pipeline)
        for name, path in (("jsonl", corpus), ("parquet", parquet), ("saved", saved))
    }

    assert reports["jsonl"].events > 0
    assert _rows(tmp_path / "parquet") == _rows(tmp_path / "jsonl")
    assert _rows(tmp_path / "saved") == _rows(tmp_path / "jsonl")
    for name in ("parquet", "saved"):
        assert reports[name].parts == reports["jsonl"].parts
        assert [o.outcome for o in reports[name].outcomes] == [
            o.outcome for o in reports["jsonl"].outcomes
        ]
    manifest = json.loads((tmp_path / "saved" / "manifest.json").read_text(encoding="utf-8"))
    assert [Path(i["path"]).name for i in manifest["inputs"]][:2] == [
        "state.json",
        "dataset_info.json",
    ]


def test_build_from_a_parquet_file_accounts_for_every_row(
    tmp_path: Path, pipeline: Pipeline
) -> None:
    records: list[dict[str, Any]] = [*RECORDS, {"id": "bad", "text": None}]
    parquet = _write_parquet(tmp_path / "docs.parquet", records)

    report = build([parquet], tmp_path / "out", pipeline=pipeline)

    assert report.documents == 4 and report.quarantined == 1 and report.coded >= 1
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["inputs"][0]["path"] == str(parquet)
    assert manifest["documents"][3]["source"] == f"{parquet}:4"
