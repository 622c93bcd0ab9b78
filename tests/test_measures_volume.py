"""MS206 and the volume field: a volume stated in the title against the volume column
(issue 22: "500 ml" was never checked, listlint had no volume field). Traps and
mismatches by example are in ``tests/cases/measures_volume.yaml``."""

from __future__ import annotations

import time

import pytest

import listlint
from listlint.loader import from_records
from listlint.loader.columns import map_columns
from listlint.rules.measures.title_volume import stated_litres
from listlint.units.volume import format_volume, parse_volume


def _ms206(records: list[dict]) -> list:
    return [f for f in listlint.lint(records, select=["MS206"]).findings if f.rule == "MS206"]


@pytest.mark.parametrize(
    ("headers", "volume", "unit"),
    [
        (["sku", "title", "Volume (ml)"], "Volume (ml)", "ml"),
        (["sku", "title", "Capacity (L)"], "Capacity (L)", "l"),
        (["SKU", "Name", "Inhalt"], "Inhalt", None),
        (["SKU", "Nom", "Contenance"], "Contenance", None),
        (["SKU", "Nombre", "Volumen"], "Volumen", None),
        (["SKU", "Tên", "Dung tích"], "Dung tích", None),
        (["SKU", "ชื่อ", "ความจุ (ml)"], "ความจุ (ml)", "ml"),
        (
            ["id", "title", "price", "link", "image_link", "gtin", "unit_pricing_measure"],
            "unit_pricing_measure",
            None,
        ),
    ],
)
def test_volume_headers_map_to_the_volume_field(headers, volume, unit) -> None:
    cmap = map_columns(headers)
    assert cmap.column_names().get("volume") == volume and cmap.units.get("volume") == unit


def test_an_amazon_flat_file_reads_its_volume_and_its_unit_column() -> None:
    headers = [
        "item_sku",
        "item_name",
        "external_product_id",
        "feed_product_type",
        "item_volume",
        "item_volume_unit_of_measure",
    ]
    cmap = map_columns(headers)
    assert cmap.profile == "amazon"
    assert cmap.column_names()["volume"] == "item_volume"
    assert cmap.column_names()["volume_unit"] == "item_volume_unit_of_measure"
    catalog = from_records(
        [dict(zip(headers, ["S1", "Soap 1 l", "036000291452", "beauty", "1000", "Milliliters"]))]
    )
    assert catalog.frame["volume_l"].to_list() == [pytest.approx(1.0)]


@pytest.mark.parametrize(
    ("cell", "unit", "litres"),
    [
        ("500 ml", None, 0.5),
        ("0,75 l", None, 0.75),
        ("1,500 ml", None, 1.5),  # a thousands comma, not 1.5 ml
        ("16.9 fl oz", None, 0.49979),
        ("1 gal", None, 3.78541),
        ("750", "ml", 0.75),
        ("750", "Milliliters", 0.75),
        ("750", None, None),  # a bare number without a unit is no volume
        ("1.5kg", None, None),  # Google's unit_pricing_measure for goods sold by weight
        ("10000 mAh", None, None),
        ("64 GB", None, None),
    ],
)
def test_volume_cells(cell: str, unit: str | None, litres: float | None) -> None:
    got = parse_volume(cell, unit)
    assert (got is None) if litres is None else got == pytest.approx(litres, rel=1e-4)


def test_a_mismatch_names_both_volumes_once_and_suggests_the_titles() -> None:
    found = _ms206([{"sku": "A", "title": "Argan Shampoo 500 ml", "volume": "5 l"}])
    assert len(found) == 1
    assert found[0].message == "the title says 500 ml but the volume is '5 l'; one of them is wrong"
    assert found[0].field == "volume" and "500 ml" in found[0].suggestion
    # a bare number is shown with the unit it was read in
    found = _ms206([{"sku": "B", "title": "Olive Oil 750 ml", "Volume (ml)": "75"}])
    assert "'75' (75 ml)" in found[0].message and found[0].column == "Volume (ml)"


def test_a_multipack_agrees_by_the_bottle_or_in_all() -> None:
    assert [v for v, _ in stated_litres("sparkling water 6 x 500 ml")] == [0.5, 3.0]
    assert [v for v, _ in stated_litres("cola 330ml, pack of 24")][1] == pytest.approx(7.92)
    found = _ms206([{"sku": "W", "title": "Sparkling Water 6 x 500 ml", "volume": "12 l"}])
    assert found and "6 x 500 ml" not in found[0].message.split(" but ")[0]


def test_another_things_volume_and_ranges_are_not_the_products() -> None:
    assert stated_litres("bike bottle cage for 750 ml bottles") == []
    assert stated_litres("shampoo 250-1000 ml") == []
    assert stated_litres("water jug, holds 2 l") == [(2.0, "2 l")]  # its own capacity
    assert format_volume(0.5) == "500 ml" and format_volume(1.5) == "1.5 l"


def test_reading_the_title_is_linear() -> None:
    """Token-bounded matching: a 10x longer hostile title costs about 10x (x4 slack)."""

    def cost(n: int) -> float:
        text = ("a 1 " * n) + "ml" + (" 12mlx" * n) + (" 6 x" * n)
        start = time.perf_counter()
        stated_litres(text)
        return time.perf_counter() - start

    small, large = cost(5_000), cost(50_000)
    assert large < small * 40, (small, large)
