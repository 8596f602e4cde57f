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


@given(st.dictionaries(names, codes, max_size=30), st.sets(names, max_size=30), names)
def test_parts_cut_into_pieces_answer_every_name_and_prefix_as_the_whole_tables_do(
    index: dict[str, int | tuple[int, ...]], prefixes: set[str], probe: str
) -> None:
    table = _NameTable(_pack_names(index, prefixes, split_size=2))

    for key, value in index.items():
        assert table.get(key) == value
    for prefix in prefixes:
        assert table.begins_name(prefix)
    assert table.get(probe) == index.get(probe)
    assert table.begins_name(probe) == (probe in prefixes)


def test_a_large_part_opens_only_the_piece_asked_for() -> None:
    index: dict[str, int | tuple[int, ...]] = {"sana": 2, "santa cruz": (4, 6), "santo": 8}
    table = _NameTable(_pack_names(index, {"santa"}, split_size=2))

    assert table.get("santa cruz") == (4, 6) and table.begins_name("santa")
    assert table.get("san") is None and not table.begins_name("sant")

    assert sorted(table._pieces) == ["san", "sant", "santa"] and not table._open
