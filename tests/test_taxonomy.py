"""Behaviour of the CAMEO/PLOVER code table and the country lexicon (eventcoder.taxonomy)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from eventcoder.taxonomy import (
    CameoTable,
    Country,
    UnknownCameoCodeError,
    load_cameo_table,
    load_countries,
)

PROJECT_ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(__file__).resolve().parents[2] / "shared"
REFERENCE = SHARED / "reference"


@pytest.fixture(scope="module")
def table() -> CameoTable:
    return load_cameo_table()


@pytest.fixture(scope="module")
def countries() -> dict[str, Country]:
    return {c.iso3: c for c in load_countries()}


def test_codes_keep_leading_zeros(table: CameoTable) -> None:
    assert "010" in table
    assert table.get("010").name == "Make statement"
    assert "0211" in table
    assert all(isinstance(c, str) for c in table.codes())
    assert 10 not in table


def test_every_code_root_is_its_first_two_characters(table: CameoTable) -> None:
    for code in table.codes():
        entry = table.get(code)
        assert entry.code == code
        assert entry.root == code[:2]
        assert entry.level == len(code) - 1


def test_there_are_twenty_roots_in_order(table: CameoTable) -> None:
    assert table.roots() == [f"{n:02d}" for n in range(1, 21)]


def test_table_holds_all_cameo_codes(table: CameoTable) -> None:
    assert len(table) == len(table.codes()) == 312


def test_195_is_employ_aerial_weapons_material_conflict(table: CameoTable) -> None:
    entry = table.get("195")
    assert entry.name == "Employ aerial weapons"
    assert entry.root == "19"
    assert entry.quad_class == 4
    assert entry.goldstein == -10.0


def test_quad_class_follows_gdelt_convention(table: CameoTable) -> None:
    expected = {"01": 1, "02": 1, "03": 1, "04": 1, "05": 1, "06": 2, "09": 2, "10": 3}
    expected |= {"14": 3, "15": 4, "20": 4}
    for root, quad in expected.items():
        assert table.get(root).quad_class == quad
        assert all(e.quad_class == quad for e in table if e.root == root)


def test_demand_codes_use_cameo_manual_names_not_gdelt(table: CameoTable) -> None:
    assert table.get("101").name == "Demand material cooperation"
    assert table.get("105").name == "Demand that target yields"
    assert table.get("106").name == "Demand meeting, negotiation"
    assert table.get("108").name == "Demand mediation"


def test_1213_is_present_although_gdelt_lacks_it(table: CameoTable) -> None:
    entry = table.get("1213")
    assert entry.name == "Reject judicial cooperation"
    assert entry.goldstein == -4.0
    assert entry.goldstein_gdelt is None


def test_goldstein_is_icews_and_gdelt_value_kept_where_it_differs(table: CameoTable) -> None:
    assert table.get("016").goldstein == -5.0
    assert table.get("016").goldstein_gdelt == -2.0
    assert table.get("022").goldstein == 3.4
    assert table.get("022").goldstein_gdelt == 3.2
    assert table.get("164").goldstein == -6.5
    assert table.get("164").goldstein_gdelt == -7.0
    assert table.get("165").goldstein == -7.0
    assert table.get("165").goldstein_gdelt == -6.5
    # Same in both sources: no separate GDELT value.
    for code, value in {"124": -4.0, "1246": -4.0, "163": -8.0, "166": -7.0}.items():
        assert table.get(code).goldstein == value
        assert table.get(code).goldstein_gdelt is None


def test_unknown_code_raises_with_a_helpful_message(table: CameoTable) -> None:
    with pytest.raises(UnknownCameoCodeError, match="not a CAMEO 1.1b3") as info:
        table.get("999")
    assert "codes()" in str(info.value)
    assert isinstance(info.value, ValueError)
    with pytest.raises(UnknownCameoCodeError):
        table.get("10 ")
    assert "999" not in table


def test_plover_2021_mapping(table: CameoTable) -> None:
    aerial = table.get("195")
    assert (aerial.plover_event, aerial.plover_mode, aerial.plover_context) == (
        "ASSAULT",
        "heavy-weapons",
        "military",
    )
    criticize = table.get("111")
    assert (criticize.plover_event, criticize.plover_mode, criticize.plover_context) == (
        "ACCUSE",
        "disapprove",
        None,
    )
    assert table.get("061").plover_event == "COOPERATE"
    assert table.get("010").plover_event is None


def test_plover_2016_mapping_and_fallback_by_root(table: CameoTable) -> None:
    assert table.get("111").plover2016_event == "DISAPPROVE"
    assert table.get("061").plover2016_event == "COOPERATE"  # COOPERATION normalised
    assert table.get("185").plover2016_event == "THREATEN"  # as listed in PLOVER 0.6
    assert table.get("0214").plover2016_event == "DEMAND"  # root 02 fallback
    assert table.get("02").plover2016_event == "DEMAND"
    assert table.get("09").plover2016_event == "INVESTIGATE"
    assert table.get("20").plover2016_event == "ASSAULT"
    assert all(e.plover2016_event is None for e in table if e.root == "01")
    assert all(e.plover2016_event == "FIGHT" for e in table if e.root == "19")
    assert all(e.plover2016_event for e in table if e.root != "01")


def test_load_from_explicit_path_matches_package_data(table: CameoTable) -> None:
    path = PROJECT_ROOT / "eventcoder" / "data" / "cameo_codes.tsv"
    assert CameoTable.load(path).codes() == table.codes()


def test_iraq_has_demonym_and_capital(countries: dict[str, Country]) -> None:
    iraq = countries["IRQ"]
    assert iraq.name == "Iraq"
    assert "Iraqi" in iraq.aliases
    assert "Iraqis" in iraq.aliases
    assert "Baghdad" in iraq.capitals


def test_usa_aliases_and_sovereignty(countries: dict[str, Country]) -> None:
    usa = countries["USA"]
    assert usa.name == "United States of America"
    assert {"US", "U.S.", "American", "Americans"} <= set(usa.aliases)
    assert "Washington" in usa.capitals
    assert usa.sovereign


def test_britain_is_the_united_kingdom(countries: dict[str, Country]) -> None:
    gbr = countries["GBR"]
    assert {"Britain", "British", "UK", "U.K."} <= set(gbr.aliases)
    assert "London" in gbr.capitals


def test_dependencies_are_not_sovereign(countries: dict[str, Country]) -> None:
    guam = countries["USAGUM"]
    assert guam.name == "Guam"
    assert not guam.sovereign


def test_country_entries_are_clean(countries: dict[str, Country]) -> None:
    for country in countries.values():
        for entry in (country.name, *country.aliases, *country.capitals):
            assert entry == entry.strip()
            assert "_" not in entry and "(" not in entry and "," not in entry
        assert len(set(country.aliases)) == len(country.aliases)
        assert country.name not in country.aliases


@pytest.mark.skipif(
    not REFERENCE.is_dir(), reason=f"shared reference tables not found at {REFERENCE}"
)
def test_derivation_reproduces_committed_tables(tmp_path: Path) -> None:
    script = PROJECT_ROOT / "tools" / "derive_tables.py"
    subprocess.run(
        [sys.executable, str(script), "--shared", str(SHARED), "--out-dir", str(tmp_path)],
        check=True,
        capture_output=True,
    )
    for relative in ("data/cameo_codes.tsv", "lexicon/countries.tsv"):
        committed = (PROJECT_ROOT / "eventcoder" / relative).read_bytes()
        assert (tmp_path / relative).read_bytes() == committed, (
            f"eventcoder/{relative} is stale; rerun tools/derive_tables.py"
        )
