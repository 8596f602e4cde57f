"""Behaviour of the event JSON Schema and what derives from it (eventcoder.schema)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pyarrow as pa
import pytest
from helpers import good_row

from eventcoder.schema import (
    RowValidator,
    arrow_schema,
    event_fields,
    load_schema,
    schema_text,
    schema_version,
)

REQUIRED_COLUMNS = [
    "event_id",
    "doc_id",
    "sentence_index",
    "sentence_text",
    "sentence_start",
    "sentence_end",
    "actor_text",
    "actor_code",
    "actor_country",
    "actor_role",
    "actor_start",
    "actor_end",
    "target_text",
    "target_code",
    "target_country",
    "target_role",
    "target_start",
    "target_end",
    "cameo_code",
    "cameo_root",
    "cameo_name",
    "quad_class",
    "goldstein",
    "trigger_text",
    "trigger_start",
    "trigger_end",
    "event_date",
    "date_precision",
    "location_text",
    "location_name",
    "location_country",
    "admin1",
    "latitude",
    "longitude",
    "geo_precision",
    "publication_date",
    "url",
    "publisher",
    "coder",
    "coder_version",
    "rule_id",
    "confidence",
]

ROOT = Path(__file__).resolve().parents[1]

ARROW_FOR_JSON = {"string": pa.string(), "integer": pa.int64(), "number": pa.float64()}


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    return load_schema()


@pytest.fixture(scope="module")
def validator() -> RowValidator:
    return RowValidator()


def _types(prop: dict[str, Any]) -> list[str]:
    return prop["type"] if isinstance(prop["type"], list) else [prop["type"]]


def test_schema_is_a_valid_draft_2020_12_json_schema(schema: dict[str, Any]) -> None:
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)


def test_schema_declares_a_version(schema: dict[str, Any]) -> None:
    assert schema_version() == schema["version"]
    assert schema_version().count(".") == 2


def test_every_schema_field_has_a_description(schema: dict[str, Any]) -> None:
    missing = [n for n, p in schema["properties"].items() if not p.get("description", "").strip()]
    assert missing == []


def test_schema_has_every_required_column_of_the_issue(schema: dict[str, Any]) -> None:
    absent = [c for c in REQUIRED_COLUMNS if c not in schema["properties"]]
    assert absent == []


def test_schema_requires_every_property_and_forbids_others(schema: dict[str, Any]) -> None:
    assert schema["required"] == list(schema["properties"])
    assert schema["additionalProperties"] is False


def test_cameo_code_is_a_string(schema: dict[str, Any]) -> None:
    assert _types(schema["properties"]["cameo_code"]) == ["string"]
    assert _types(schema["properties"]["cameo_root"]) == ["string"]
    assert arrow_schema().field("cameo_code").type == pa.string()


def test_arrow_schema_fields_follow_json_schema_order_nullability_and_types(
    schema: dict[str, Any],
) -> None:
    arrow = arrow_schema()
    props = schema["properties"]

    assert arrow.names == list(props)
    for name, prop in props.items():
        types = _types(prop)
        (base,) = [t for t in types if t != "null"]
        field = arrow.field(name)
        assert field.type == ARROW_FOR_JSON[base], name
        assert field.nullable == ("null" in types), name


def test_event_fields_describe_the_same_columns(schema: dict[str, Any]) -> None:
    specs = event_fields()
    assert [s.name for s in specs] == list(schema["properties"])
    assert all(s.description for s in specs)


def test_arrow_schema_carries_given_key_value_metadata() -> None:
    arrow = arrow_schema({"eventcoder": '{"a": 1}'})
    assert arrow.metadata == {b"eventcoder": b'{"a": 1}'}
    assert arrow_schema().metadata is None


def test_repo_root_schema_file_is_the_packaged_schema() -> None:
    root_file = ROOT / "schemas" / "event.schema.json"
    packaged = ROOT / "eventcoder" / "schemas" / "event.schema.json"
    assert root_file.read_text(encoding="utf-8") == schema_text()
    assert root_file.resolve() == packaged.resolve() or root_file.read_bytes() == (
        packaged.read_bytes()
    )
    assert json.loads(root_file.read_text(encoding="utf-8")) == load_schema()


def test_load_schema_returns_an_independent_copy() -> None:
    first = load_schema()
    first["properties"].clear()
    assert load_schema()["properties"]


# --- RowValidator ------------------------------------------------------------------------


def test_well_formed_row_has_no_violations(validator: RowValidator) -> None:
    assert validator.violations(good_row()) == []


def test_good_row_also_passes_reference_jsonschema(schema: dict[str, Any]) -> None:
    jsonschema.Draft202012Validator(schema).validate(good_row())


def test_missing_required_field_is_reported_by_name(validator: RowValidator) -> None:
    row = good_row()
    del row["cameo_name"]

    found = validator.violations(row, index=3)

    assert [v.field for v in found] == ["cameo_name"]
    assert found[0].row == 3
    assert "row 3" in str(found[0]) and "cameo_name" in str(found[0])


def test_wrong_type_is_reported_by_field_name(validator: RowValidator) -> None:
    row = good_row()
    row["sentence_index"] = "zero"

    assert [v.field for v in validator.violations(row)] == ["sentence_index"]


def test_integer_cameo_code_is_reported(validator: RowValidator) -> None:
    row = good_row()
    row["cameo_code"] = 111

    fields = {v.field for v in validator.violations(row)}

    assert fields == {"cameo_code"}


def test_cameo_code_with_letters_is_reported(validator: RowValidator) -> None:
    row = good_row()
    row["cameo_code"] = "11a"

    assert {v.field for v in validator.violations(row)} == {"cameo_code"}


def test_additional_property_is_reported_by_name(validator: RowValidator) -> None:
    row = good_row()
    row["sentiment"] = "angry"

    found = validator.violations(row)

    assert found
    assert all("sentiment" in v.field for v in found)


def test_null_in_non_nullable_field_is_reported(validator: RowValidator) -> None:
    row = good_row()
    row["trigger_text"] = None

    assert [v.field for v in validator.violations(row)] == ["trigger_text"]


def test_trigger_span_not_matching_sentence_text_is_caught(validator: RowValidator) -> None:
    row = good_row()
    row["trigger_start"], row["trigger_end"] = 6, 15  # "ondemned " - same length, wrong words

    found = validator.violations(row)

    assert [v.field for v in found] == ["trigger_text"]
    assert "does not match" in found[0].message


def test_trigger_span_with_wrong_length_is_caught(validator: RowValidator) -> None:
    row = good_row()
    row["trigger_end"] = 12

    assert [v.field for v in validator.violations(row)] == ["trigger_end"]


def test_actor_span_outside_its_sentence_is_caught(validator: RowValidator) -> None:
    row = good_row()
    row["actor_start"], row["actor_end"] = 100, 104

    assert [v.field for v in validator.violations(row)] == ["actor_start"]


def test_sentence_length_mismatch_is_caught(validator: RowValidator) -> None:
    row = good_row()
    row["sentence_end"] = 30

    assert "sentence_end" in {v.field for v in validator.violations(row)}


def test_cameo_root_not_prefix_of_code_is_caught(validator: RowValidator) -> None:
    row = good_row()
    row["cameo_root"] = "12"

    assert [v.field for v in validator.violations(row)] == ["cameo_root"]


def test_validate_rows_numbers_rows_from_zero(validator: RowValidator) -> None:
    bad = good_row()
    bad["confidence"] = 1.5

    found = validator.validate_rows([good_row(), bad, good_row()])

    assert [(v.row, v.field) for v in found] == [(1, "confidence")]


def test_every_schema_field_is_documented_in_the_readme() -> None:
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")

    missing = [f.name for f in event_fields() if f"`{f.name}`" not in readme]

    assert missing == []


def _update_readme() -> Any:
    """tools/update_readme.py, loaded as a module."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("update_readme", ROOT / "tools/update_readme.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_readme_field_table_is_generated_from_the_schema() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert _update_readme().field_table() in readme, "run: .venv/bin/python tools/update_readme.py"


def test_the_readme_command_reference_lists_every_option_of_every_command() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    reference = _update_readme().command_reference()
    assert reference in readme, "run: .venv/bin/python tools/update_readme.py"
