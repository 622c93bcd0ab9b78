"""Every barcode column a profile maps is read and checked (issue 22), not only the first
one present: PrestaShop exports carry both ``EAN13`` and ``UPC``, Magento and
WooCommerce files often ``EAN`` and ``UPC`` side by side."""

from __future__ import annotations

from pathlib import Path

import pytest

import listlint

GOOD_EAN = "4006381333931"
GOOD_UPC = "036000291452"
BAD_UPC = "036000291453"  # check digit should be 2


def _prestashop(tmp_path: Path, rows: list[tuple[str, str, str]]) -> Path:
    lines = ["Active (0/1);Name;Categories (x,y,z...);Price tax excluded;Reference #;EAN13;UPC"]
    lines += [f"1;{name};Home;9.99;{sku};{ean};{upc}" for sku, (name, ean, upc) in rows]
    path = tmp_path / "prestashop.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _gtin_findings(report, code: str = "SP201") -> list:
    return [f for f in report.findings if f.rule == code]


def test_a_bad_upc_beside_a_good_ean13_is_flagged_on_the_upc_column(tmp_path: Path) -> None:
    path = _prestashop(
        tmp_path,
        [("MUG-1", ("Mug", GOOD_EAN, BAD_UPC)), ("MUG-2", ("Cup", "", GOOD_UPC))],
    )
    catalog = listlint.load(path)
    assert catalog.profile == "prestashop"
    found = _gtin_findings(listlint.lint(catalog, select=["SP201", "SP202", "SP203"]))
    assert [(f.sku, f.column, f.match) for f in found] == [("MUG-1", "UPC", BAD_UPC)]
    assert "UPC" in found[0].message and "check digit" in found[0].message


def test_a_bad_code_the_gtin_field_holds_is_reported_once(tmp_path: Path) -> None:
    # EAN13 blank: the listing's GTIN is the UPC, and that cell is checked once
    path = _prestashop(tmp_path, [("MUG-1", ("Mug", "", BAD_UPC))])
    found = _gtin_findings(listlint.lint(listlint.load(path), select=["SP201"]))
    assert [(f.sku, f.match) for f in found] == [("MUG-1", BAD_UPC)]


def test_second_barcode_columns_are_checked_in_every_profile() -> None:
    # the generic profile keeps a second barcode column as an attribute: checked too,
    # for SP202 (prefix) and SP203 (repair) as for SP201
    rows = [
        {"sku": "A", "title": "Mug", "ean": GOOD_EAN, "upc": BAD_UPC},
        {"sku": "B", "title": "Mug", "ean": GOOD_EAN, "jan": "2001234567893"},
        {"sku": "C", "title": "Mug", "ean": GOOD_EAN, "isbn": "36000291452"},
        {"sku": "D", "title": "Mug", "ean": GOOD_EAN, "upc": GOOD_UPC},
    ]
    report = listlint.lint(rows, select=["SP201", "SP202", "SP203"])
    got = sorted((f.rule, f.sku, f.column) for f in report.findings)
    assert got == [("SP201", "A", "upc"), ("SP202", "B", "jan"), ("SP203", "C", "isbn")]


def test_a_column_that_only_names_the_barcode_kind_is_not_a_barcode() -> None:
    # Amazon's "external_product_id_type" holds "UPC"/"EAN", not a code
    rows = [
        {
            "sku": "A",
            "title": "Mug",
            "ean": GOOD_EAN,
            "external_product_id_type": "UPC",
            "ean status": "EAN-13",
        },
    ]
    assert not listlint.lint(rows, select=["SP201", "SP202", "SP203"]).findings


@pytest.mark.parametrize(
    "header", ["Barcode Type", "EAN format", "UPC kind", "Tipo de código de barras"]
)
def test_a_column_naming_the_kind_of_barcode_is_not_the_barcode(tmp_path, header: str) -> None:
    """ "Barcode Type" holds "EAN-13": what kind of code another column holds, not a code
    (kind words in the generic profile), so it is neither read as the GTIN nor reported
    as an unmapped GTIN column."""
    from listlint.loader import load

    path = tmp_path / "kind.csv"
    path.write_text(f"SKU,Title,{header}\nA1,Mug,EAN-13\n", encoding="utf-8")
    catalog = load(path)
    assert "gtin" not in catalog.columns
    assert not any(
        i.kind == "unmapped-column" and header in (i.suggestion or "") for i in catalog.issues
    )
    assert not listlint.lint(path, select=["SP201", "SP202", "SP203"]).findings
