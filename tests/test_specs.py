"""Specs rules that need more than one listing (variants, duplicate GTINs), their
independence from how the catalogue is split into batches, and the shipped example."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import listlint
from listlint.rules.packs import load_pack

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "catalog.csv"


def _codes(report, code: str) -> list:
    return [f for f in report.findings if f.rule == code]


def _tee(sku: str, size: str | None, color: str | None = "Black", gtin: str | None = None):
    row = {"sku": sku, "title": "Crew tee", "category": "Apparel > Shirts", "item_group_id": "TEE"}
    if size is not None:
        row["size"] = size
    if color is not None:
        row["color"] = color
    if gtin is not None:
        row["gtin"] = gtin
    return row


def test_variant_without_the_size_its_siblings_have() -> None:
    rows = [_tee("TEE-S", "S"), _tee("TEE-M", "M"), _tee("TEE-L", None)]
    found = _codes(listlint.lint(rows, select=["SP106"]), "SP106")
    assert [f.sku for f in found] == ["TEE-L"]
    assert "S, M" in found[0].message


def test_product_level_value_on_first_row_only_is_not_a_gap() -> None:
    # Shopify writes "Adult" on a product's first row only; it is not a variation axis
    rows = [_tee("TEE-S", "S"), _tee("TEE-M", "M"), _tee("TEE-L", "L")]
    rows[0]["age group"] = "adult"
    assert not _codes(listlint.lint(rows, select=["SP106"]), "SP106")


def test_identical_variants_are_duplicates() -> None:
    rows = [_tee("TEE-1", "M"), _tee("TEE-2", "M"), _tee("TEE-3", "L")]
    found = _codes(listlint.lint(rows, select=["SP105"]), "SP105")
    assert [f.sku for f in found] == ["TEE-2"]
    assert "TEE-1" in found[0].message


def test_variants_differing_by_an_unknown_option_column_are_distinct() -> None:
    rows = [_tee("MUG-1", "M"), _tee("MUG-2", "M")]
    rows[0]["Finish"], rows[1]["Finish"] = "Matte", "Gloss"
    assert not _codes(listlint.lint(rows, select=["SP105"]), "SP105")


def test_no_variation_columns_at_all_says_nothing() -> None:
    # a database dump whose options live elsewhere (Saleor): nothing to compare
    rows = [{"sku": f"V{i}", "title": "Crew tee", "item_group_id": "TEE"} for i in range(3)]
    assert not _codes(listlint.lint(rows, select=["SP105", "SP106"]), "SP105")


def test_parent_rows_are_not_variants() -> None:
    parent = {"sku": "TEE", "title": "Crew tee", "type": "variable", "category": "Clothing"}
    rows = [
        parent,
        {**_tee("TEE-S", "S"), "parent": "TEE"},
        {**_tee("TEE-M", "M"), "parent": "TEE"},
    ]
    for r in rows[1:]:
        r.pop("item_group_id")
    report = listlint.lint(rows, select=["SP105", "SP106"])
    assert not report.findings, [f.message for f in report.findings]


def test_same_gtin_on_two_products() -> None:
    rows = [
        {"sku": "MUG-RED", "title": "Mug red", "gtin": "4006381333931"},
        {"sku": "MUG-BLUE", "title": "Mug blue", "gtin": "4006381333931"},
        {"sku": "MUG-GRN", "title": "Mug green", "gtin": "0036000291452"},
        {"sku": "MUG-GRN2", "title": "Mug green", "gtin": "036000291452"},  # same code, 12 digits
    ]
    found = _codes(listlint.lint(rows, select=["SP204"]), "SP204")
    assert [f.sku for f in found] == ["MUG-BLUE", "MUG-GRN2"]
    assert "a different product" in found[0].message


def test_same_gtin_on_variants_of_one_product() -> None:
    rows = [_tee("TEE-S", "S", gtin="4006381333931"), _tee("TEE-M", "M", gtin="4006381333931")]
    found = _codes(listlint.lint(rows, select=["SP204"]), "SP204")
    assert len(found) == 1 and "another variant of the same product" in found[0].message


def test_same_sku_twice_is_duplicate_sku_not_duplicate_gtin() -> None:
    rows = [{"sku": "A", "title": "Mug", "gtin": "4006381333931"}] * 2
    assert not _codes(listlint.lint(rows, select=["SP204"]), "SP204")


@pytest.mark.parametrize("batch_size", [1, 2, 3, 1000])
def test_catalogue_rules_do_not_depend_on_batches(batch_size: int) -> None:
    rows = [
        _tee("TEE-S", "S", gtin="4006381333931"),
        _tee("TEE-M", "M"),
        _tee("TEE-M2", "M"),
        _tee("TEE-L", None, gtin="4006381333931"),
        {"sku": "X1", "title": "Planter", "category": "Indoor"},
        {"sku": "X2", "title": "Pot", "category": "Indoor"},
    ]
    report = listlint.lint(rows, select=["SP104", "SP105", "SP106", "SP204"], batch_size=batch_size)
    got = sorted((f.rule, f.sku) for f in report.findings)
    assert got == [
        ("SP104", "X1"),
        ("SP105", "TEE-M2"),
        ("SP106", "TEE-L"),
        ("SP204", "TEE-L"),
    ]
    unmapped = _codes(report, "SP104")[0]
    assert "2 listings" in unmapped.message


def test_marketplaces_and_severity_follow_the_packs() -> None:
    row = {"sku": "T1", "title": "Crew tee", "category": "Apparel > Shirts", "color": "Black"}
    base = _codes(listlint.lint([row], select=["SP101"]), "SP101")
    assert [f.severity.value for f in base] == ["warning"]
    both = listlint.lint([row], select=["SP101"], policy=["google-shopping", "amazon-us"])
    by_field = {f.field or f.column: f for f in _codes(both, "SP101")}
    assert set(by_field) == {"size", "gender", "age group"}
    assert by_field["size"].severity.value == "error"
    assert set(by_field["size"].marketplaces) == {"Google Shopping", "Amazon US"}
    assert by_field["age group"].marketplaces == ("Google Shopping",)
    assert "for Apparel listings on Google Shopping" in by_field["gender"].message


def test_title_limit_names_only_the_marketplaces_it_breaks() -> None:
    row = {"sku": "T1", "title": "x" * 180}
    report = listlint.lint([row], select=["SP301"], policy=["google-shopping", "amazon-us"])
    (finding,) = _codes(report, "SP301")
    assert finding.marketplaces == ("Google Shopping",)
    assert "180 characters" in finding.message


def test_title_length_is_counted_in_characters() -> None:
    thai = "เสื้อ" * 29  # 145 characters, 435 bytes in UTF-8
    assert len(thai.encode()) > 150
    assert not _codes(listlint.lint([{"sku": "T", "title": thai}], select=["SP301"]), "SP301")


def test_requirements_inherit_and_exempt() -> None:
    google = load_pack("google-shopping").specs
    required, _ = google.requirements("Apparel > Clothing > Tops")
    assert required == {
        "color": "Apparel",
        "gender": "Apparel",
        "age_group": "Apparel",
        "size": "Apparel > Clothing",
    }
    assert "size" not in google.requirements("Apparel > Accessories > Watches")[0]
    assert google.requirements("Home & Garden > Kitchen") == ({}, {})
    assert google.requirements(None) == ({}, {})


def test_unknown_key_in_specs_section_is_rejected(tmp_path: Path) -> None:
    from listlint.errors import ConfigError

    pack = tmp_path / "mine.yaml"
    pack.write_text("name: mine\nspecs:\n  text:\n    title_maximum: 10\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="title_maximum"):
        listlint.lint([{"sku": "A", "title": "Mug"}], policy=[str(pack)], select=["SP301"])


def test_example_catalog() -> None:
    """The shipped example: TEE-BLK-L (row 4) lacks a size; MUG-01 (row 14) carries the
    placeholder GTIN 1234567890123."""
    report = listlint.lint(EXAMPLE, select=["specs"])
    by_rule = {(f.rule, f.row) for f in report.findings}
    assert ("SP101", 4) in by_rule
    assert ("SP106", 4) in by_rule
    assert ("SP201", 14) in by_rule
    assert not any(f.rule == "SP201" and f.row != 14 for f in report.findings)
    assert not any(f.rule == "SP101" and f.row != 4 for f in report.findings)


def test_missing_identifier_column_is_one_finding_for_the_file() -> None:
    rows = [{"sku": f"M{i}", "title": "Mug", "category": "Home > Kitchen"} for i in range(5)]
    report = listlint.lint(rows, select=["SP205"], policy=["google-shopping"], batch_size=2)
    found = _codes(report, "SP205")
    assert sorted(f.field for f in found) == ["brand", "gtin"]
    assert all("reported once for the file" in f.message for f in found)
    # with the column present, each listing with a blank cell is its own finding
    rows = [{**r, "brand": "Pioneer", "gtin": ""} for r in rows]
    rows[0]["gtin"] = "4006381333931"
    report = listlint.lint(rows, select=["SP205"], policy=["google-shopping"])
    assert [f.sku for f in _codes(report, "SP205")] == ["M1", "M2", "M3", "M4"]


def test_missing_attribute_column_is_one_finding_for_the_file() -> None:
    # no size, gender or age-group column at all: one finding per attribute for the whole
    # file (across batches), naming every marketplace and counting the listings
    rows = [
        {"sku": f"T{i}", "title": "Crew tee", "category": "Apparel > Shirts", "color": "Black"}
        for i in range(5)
    ]
    rows.append({"sku": "D1", "title": "Dress", "category": "Apparel > Dresses", "color": "Red"})
    report = listlint.lint(
        rows, select=["SP101"], policy=["google-shopping", "amazon-us"], batch_size=2
    )
    found = {f.column: f for f in _codes(report, "SP101")}
    assert sorted(found) == ["age group", "gender", "size"]
    size = found["size"]
    assert size.sku == "T0"
    assert set(size.marketplaces) == {"Google Shopping", "Amazon US"}
    assert size.severity.value == "error"
    assert "6 listings" in size.message and "this file has no size column" in size.message
    assert "'Apparel > Shirts' (5)" in size.message and "'Apparel > Dresses' (1)" in size.message
    assert found["age group"].marketplaces == ("Google Shopping",)
    assert report.summary.findings == 3 and report.exit_code("error") == 1
    # the column present with blank cells: each listing is its own finding
    rows = [{**r, "size": "", "gender": "male", "age group": "adult"} for r in rows]
    rows[0]["size"] = "M"
    report = listlint.lint(rows, select=["SP101"], policy=["google-shopping"], batch_size=2)
    assert [f.sku for f in _codes(report, "SP101")] == ["T1", "T2", "T3", "T4", "D1"]
    assert not any("this file has no" in f.message for f in report.findings)


def test_a_file_level_missing_column_is_counted_alike_in_every_engine() -> None:
    rows = [{"sku": f"T{i}", "title": "Tee", "category": "Apparel > Shirts"} for i in range(7)]
    serial = listlint.lint(rows, select=["SP101"], batch_size=3)
    one = listlint.lint(rows, select=["SP101"])
    assert [(f.column, f.sku, f.message) for f in serial.findings] == [
        (f.column, f.sku, f.message) for f in one.findings
    ]
    assert all("7 listings" in f.message for f in one.findings)


def test_size_routed_from_an_option_column_is_not_called_absent() -> None:
    rows = [
        {
            "Handle": "tee",
            "Title": "Tee",
            "Option1 Name": "Size",
            "Option1 Value": "S",
            "Variant SKU": "TEE-S",
            "Product Category": "Apparel & Accessories > Clothing",
        },
        {"Handle": "tee", "Option1 Value": "", "Variant SKU": "TEE-X"},
    ]
    found = _codes(listlint.lint(rows, select=["SP101"]), "SP101")
    size = [f for f in found if "size" in f.message]
    assert [f.sku for f in size] == ["TEE-X"]
    assert "no size column" not in size[0].message


def test_a_pack_maps_the_shops_own_category_words(tmp_path: Path) -> None:
    pack = tmp_path / "my-shop.yaml"
    pack.write_text(
        "name: my-shop\nextends: [base]\nspecs:\n"
        "  category_map: {indoor: 'Home & Garden', 'tees & tops': 'Apparel > Clothing > Tops'}\n",
        encoding="utf-8",
    )
    rows = [
        {"sku": "P1", "title": "Planter", "category": "Indoor"},
        {"sku": "T1", "title": "Tee", "category": "Tees & Tops", "color": "Red"},
    ]
    report = listlint.lint(rows, select=["SP101", "SP104"], policy=[str(pack)])
    assert [(f.rule, f.sku) for f in report.findings] == [("SP101", "T1")]
    assert not _codes(listlint.lint(rows[:1], select=["SP104"], policy=[str(pack)]), "SP104")
    assert _codes(listlint.lint(rows[:1], select=["SP104"]), "SP104")


def test_line_aligned_option_names_and_values_are_read() -> None:
    # Medusa-style: option names in one column, each variant's values in another
    rows = [
        {
            "sku": "T-S-BLK",
            "title": "S / Black",
            "category": "Clothing > T-shirts",
            "options": "Size\nColor",
            "variant.options": "S\nBlack",
            "item_group_id": "tee",
        },
        {
            "sku": "T-M-BLK",
            "title": "M / Black",
            "category": "Clothing > T-shirts",
            "options": "Size\nColor",
            "variant.options": "M\nBlack",
            "item_group_id": "tee",
        },
        {
            "sku": "T-X",
            "title": "Tee",
            "category": "Clothing > T-shirts",
            "options": "Size\nColor",
            "item_group_id": "tee2",
        },
    ]
    found = _codes(listlint.lint(rows, select=["SP101"]), "SP101")
    assert sorted((f.sku, f.message.split(" is ")[0]) for f in found) == [
        ("T-X", "colour"),
        ("T-X", "size"),
    ]


_cell = st.one_of(
    st.none(), st.text(max_size=40), st.sampled_from(["N/A", "Apparel > Shirts", "S"])
)


@settings(max_examples=25, deadline=None)
@given(
    st.lists(
        st.fixed_dictionaries(
            {
                "sku": _cell,
                "title": _cell,
                "category": _cell,
                "gtin": st.one_of(_cell, st.from_regex(r"[0-9 .'E+-]{1,16}", fullmatch=True)),
                "size": _cell,
                "color": _cell,
                "item_group_id": st.sampled_from([None, "G1", "G2"]),
                "description": _cell,
            }
        ),
        min_size=1,
        max_size=6,
    )
)
def test_specs_rules_never_raise(rows: list[dict]) -> None:
    listlint.lint(rows, select=["specs"], policy=["google-shopping", "amazon-us", "tiktok-shop-us"])


def test_a_conditional_attribute_without_a_column_is_one_finding_for_the_file() -> None:
    """SP103 (issue 22): listings that mention a battery in a file with no battery-type
    column are one finding for the file, across batches; a blank cell in a column the
    file has stays a finding on its listing."""
    rows = [
        {"sku": f"E{i}", "title": "Wireless earbuds, 30 h battery life", "category": "Electronics"}
        for i in range(5)
    ]
    rows.append({"sku": "P1", "title": "Wooden puzzle", "category": "Toys"})
    rows.append({"sku": "T1", "title": "Rechargeable LED torch", "category": "Tools"})
    report = listlint.lint(rows, select=["SP103"], policy=["amazon-us"], batch_size=2)
    found = _codes(report, "SP103")
    assert len(found) == 1
    (one,) = found
    assert one.sku == "E0" and one.marketplaces == ("Amazon US",)
    assert "6 listings" in one.message and "reported once for the file" in one.message
    assert "no battery type column" in one.message
    whole = _codes(listlint.lint(rows, select=["SP103"], policy=["amazon-us"]), "SP103")
    assert [(f.sku, f.message) for f in whole] == [(one.sku, one.message)]
    # the column present: each listing with a blank cell is its own finding
    rows = [{**r, "battery type": ""} for r in rows]
    rows[0]["battery type"] = "Lithium-ion"
    report = listlint.lint(rows, select=["SP103"], policy=["amazon-us"], batch_size=2)
    assert [f.sku for f in _codes(report, "SP103")] == ["E1", "E2", "E3", "E4", "T1"]
    assert not any("this file has no" in f.message for f in report.findings)
