"""The gazetteer's name index, stored in parts opened on first use, answers as a dict would."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from eventcoder.places.gazetteer import _NameTable, _pack_names

names = st.text(alphabet="abcs ", min_size=0, max_size=8)
codes = st.one_of(
    st.integers(min_value=0, max_value=2**40),
    st.lists(st.integers(min_value=0, max_value=2**40), min_size=2, max_size=4).map(tuple),
)


@given(st.dictionaries(names, codes, max_size=30), st.sets(names, max_size=30), names)
def test_parted_index_answers_every_name_and_prefix_as_the_whole_tables_do(
    index: dict[str, int | tuple[int, ...]], prefixes: set[str], probe: str
) -> None:
    table = _NameTable(_pack_names(index, prefixes))

    for key, value in index.items():
        assert table.get(key) == value
    for prefix in prefixes:
        assert table.begins_name(prefix)
    assert table.get(probe) == index.get(probe)
    assert table.begins_name(probe) == (probe in prefixes)


def test_a_fresh_table_has_opened_no_part_and_opens_only_those_asked_for() -> None:
    table = _NameTable(_pack_names({"karachi": 2, "kabul": 4, "lagos": 6}, {"new"}))

    assert table.get("lagos") == 6
    assert table.begins_name("new") and table.get("new") is None

    assert sorted(table._open) == ["lag", "new"]
