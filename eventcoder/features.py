"""Column types of the event row for Hugging Face `datasets`, derived from the JSON Schema.

Every column comes from `eventcoder.schema.event_fields()` (no second list of columns):
strings (nullable or not) are `Value("string")`, integers (offsets, indices, ids) are
`Value("int64")`, numbers `Value("float64")`. Three columns are class labels, with names
taken from the CAMEO table shipped with eventcoder:

- `cameo_root`: the 20 CAMEO roots "01".."20" (index = root - 1).
- `quad_class`: the index *is* the quad class value (1..4, GDELT convention), so index 0 is
  a placeholder named "none" that no row uses. The Parquet column keeps the integers 1..4.
- `plover_event`: the PLOVER 2021 event types in CAMEO table order. A null (a CAMEO code
  with no PLOVER mapping, e.g. roots 01 and 02) stays null: `datasets` reads it as None,
  not as a class.

The Parquet files are not changed: the features are declared in the dataset card
(`dataset_info`), and `datasets.load_dataset` casts the columns when it reads them.
`features_yaml()` gives that card entry without importing `datasets`; `dataset_features()`
gives the `datasets.Features` object.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from eventcoder.schema import event_fields, load_schema
from eventcoder.taxonomy import QUAD_CLASSES, load_cameo_table

if TYPE_CHECKING:
    import datasets

VALUE_DTYPES: dict[str, str] = {
    "string": "string",
    "integer": "int64",
    "number": "float64",
    "boolean": "bool",
}
CLASS_LABEL_COLUMNS: tuple[str, ...] = ("cameo_root", "quad_class", "plover_event")
QUAD_CLASS_PLACEHOLDER = "none"


@dataclass(frozen=True)
class ColumnFeature:
    """One column as `datasets` sees it: a Value dtype, or a class label with its names."""

    name: str
    json_type: str
    nullable: bool
    description: str
    dtype: str  # a datasets Value dtype, or "class_label"
    names: tuple[str, ...] = ()

    @property
    def is_class_label(self) -> bool:
        """True for a ClassLabel column."""
        return self.dtype == "class_label"


def class_label_names(column: str) -> tuple[str, ...]:
    """The ClassLabel names of one of CLASS_LABEL_COLUMNS, in index order."""
    table = load_cameo_table()
    if column == "cameo_root":
        return tuple(table.roots())
    if column == "quad_class":
        prop = load_schema()["properties"]["quad_class"]
        values = range(int(prop["minimum"]), int(prop["maximum"]) + 1)
        if list(values) != sorted(QUAD_CLASSES) or min(values) != 1:
            raise ValueError("quad_class in the schema no longer matches taxonomy.QUAD_CLASSES")
        return (QUAD_CLASS_PLACEHOLDER, *(QUAD_CLASSES[v] for v in values))
    if column == "plover_event":
        return tuple(dict.fromkeys(c.plover_event for c in table if c.plover_event))
    raise KeyError(f"{column!r} is not a class-label column ({', '.join(CLASS_LABEL_COLUMNS)})")


def column_features() -> tuple[ColumnFeature, ...]:
    """Every column of the event row, in schema order, with its `datasets` type."""
    out = []
    for spec in event_fields():
        if spec.name in CLASS_LABEL_COLUMNS:
            names = class_label_names(spec.name)
            feature = ColumnFeature(
                spec.name, spec.json_type, spec.nullable, spec.description, "class_label", names
            )
        else:
            dtype = VALUE_DTYPES[spec.json_type]
            feature = ColumnFeature(
                spec.name, spec.json_type, spec.nullable, spec.description, dtype
            )
        out.append(feature)
    return tuple(out)


def features_yaml() -> list[dict[str, Any]]:
    """The `dataset_info.features` list of a dataset card (the Hub's YAML layout)."""
    out: list[dict[str, Any]] = []
    for col in column_features():
        if col.is_class_label:
            names = {str(i): name for i, name in enumerate(col.names)}
            out.append({"name": col.name, "dtype": {"class_label": {"names": names}}})
        else:
            out.append({"name": col.name, "dtype": col.dtype})
    return out


def dataset_features() -> datasets.Features:
    """The `datasets.Features` of the event row (needs the `datasets` package)."""
    import datasets

    features: dict[str, Any] = {}
    for col in column_features():
        if col.is_class_label:
            features[col.name] = datasets.ClassLabel(names=list(col.names))
        else:
            features[col.name] = datasets.Value(col.dtype)
    return datasets.Features(features)
