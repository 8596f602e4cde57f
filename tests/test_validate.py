"""Behaviour of dataset validation (eventcoder.validate) on JSONL, Parquet and folders."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from helpers import good_row

from eventcoder.errors import InputError
from eventcoder.schema import arrow_schema
from eventcoder.validate import validate_path


def _write_jsonl(path: Path, lines: list[Any]) -> Path:
    text = "\n".join(x if isinstance(x, str) else json.dumps(x) for x in lines) + "\n"
    path.write_text(text, encoding="utf-8")
    return path


def test_valid_jsonl_rows_pass(tmp_path: Path) -> None:
    path = _write_jsonl(tmp_path / "rows.jsonl", [good_row(), good_row()])

    report = validate_path(path)

    assert report.ok
    assert report.rows == 2
    assert report.files == [str(path)]


def test_jsonl_with_a_bad_row_names_the_row_index_and_field(tmp_path: Path) -> None:
    bad = good_row()
    bad["quad_class"] = 7
    path = _write_jsonl(tmp_path / "rows.jsonl", [good_row(), bad, good_row()])

    report = validate_path(path)

    assert not report.ok
    assert report.rows == 3
    (found,) = report.violations
    assert found.file == str(path)
    assert (found.violation.row, found.violation.field) == (1, "quad_class")
    assert "row 1" in str(found) and "quad_class" in str(found) and str(path) in str(found)


def test_jsonl_with_a_non_json_line_reports_that_line(tmp_path: Path) -> None:
    path = _write_jsonl(tmp_path / "rows.jsonl", [good_row(), "this is not json"])

    report = validate_path(path)

    (found,) = report.violations
    assert found.violation.row == 1
    assert "not valid JSON" in found.violation.message


def test_jsonl_with_a_non_object_line_reports_it(tmp_path: Path) -> None:
    path = _write_jsonl(tmp_path / "rows.jsonl", ["[1, 2]"])

    (found,) = validate_path(path).violations

    assert found.violation.row == 0
    assert "not a JSON object" in found.violation.message


def test_missing_path_raises_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="does not exist"):
        validate_path(tmp_path / "nowhere")


def test_folder_without_parquet_parts_raises_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no Parquet parts"):
        validate_path(tmp_path)


def test_unsupported_file_type_raises_input_error(tmp_path: Path) -> None:
    path = tmp_path / "rows.csv"
    path.write_text("a,b\n", encoding="utf-8")

    with pytest.raises(InputError):
        validate_path(path)


def test_parquet_written_with_the_schema_passes(tmp_path: Path) -> None:
    path = tmp_path / "rows.parquet"
    pq.write_table(pa.Table.from_pylist([good_row()], schema=arrow_schema()), path)

    report = validate_path(path)

    assert report.ok and report.rows == 1


def test_parquet_with_a_wrongly_typed_column_reports_the_column(tmp_path: Path) -> None:
    schema = arrow_schema()
    index = schema.get_field_index("cameo_code")
    wrong = schema.set(index, pa.field("cameo_code", pa.int64(), nullable=False))
    row = good_row()
    row["cameo_code"] = 111
    path = tmp_path / "rows.parquet"
    pq.write_table(pa.Table.from_pylist([row], schema=wrong), path)

    report = validate_path(path)

    assert not report.ok
    fields = {v.violation.field for v in report.violations}
    assert "cameo_code" in fields
    column = [v for v in report.violations if v.violation.row == -1]
    assert [v.violation.field for v in column] == ["cameo_code"]
    assert "int64" in column[0].violation.message and "string" in column[0].violation.message


def test_dataset_folder_validates_every_part_in_data(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    bad = good_row()
    bad["confidence"] = 2.0
    for i, rows in enumerate([[good_row()], [good_row(), bad]]):
        table = pa.Table.from_pylist(rows, schema=arrow_schema())
        pq.write_table(table, tmp_path / "data" / f"part-{i:05d}.parquet")

    report = validate_path(tmp_path)

    assert report.rows == 3
    assert len(report.files) == 2
    (found,) = report.violations
    assert found.file.endswith("part-00001.parquet")
    assert (found.violation.row, found.violation.field) == (1, "confidence")


def test_max_violations_stops_early(tmp_path: Path) -> None:
    bad = good_row()
    bad["doc_id"] = ""
    rows = [{**bad, "event_id": f"{n:020x}"} for n in range(10)]
    path = _write_jsonl(tmp_path / "rows.jsonl", rows)

    report = validate_path(path, max_violations=3)

    assert len(report.violations) == 3
    assert report.rows == 3
