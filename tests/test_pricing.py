"""Pricing family (issue 23): behaviour the case file cannot show (batching, parsing
helpers, column mapping, messages)."""

from __future__ import annotations

import listlint
from listlint.loader import from_records
from listlint.rules.pricing.dates import period, readings, reversed_dates

PC = ["PC101", "PC102", "PC103", "PC201", "PC202", "PC203", "PC301", "PC302", "PC401", "PC402"]


def _catalogue() -> list[dict[str, str]]:
    rows = []
    for g in range(12):
        for size in "SML":
            rows.append(
                {
                    "sku": f"G{g}-{size}",
                    "title": "Organic Cotton T-Shirt Black",
                    "price": "19.99",
                    "item_group_id": f"G{g}",
                    "size": size,
                }
            )
    rows[7]["price"] = "1999"  # a variant typed without its decimal point
    rows += [
        {"sku": f"C-{i}", "title": f"Soy Candle {i}", "price": "24", "currency": "USD"}
        for i in range(6)
    ]
    rows.append({"sku": "C-EUR", "title": "Soy Candle", "price": "24", "currency": "EUR"})
    rows.append({"sku": "C-PH", "title": "Soy Candle Jar", "price": "0.01"})
    return rows


def test_catalogue_rules_do_not_depend_on_batching() -> None:
    whole = listlint.lint(_catalogue(), select=PC)
    split = listlint.lint(_catalogue(), select=PC, batch_size=4)
    key = [(f.rule, f.sku, f.row, f.message) for f in whole.findings]
    assert key == [(f.rule, f.sku, f.row, f.message) for f in split.findings]
    found = {(f.rule, f.sku) for f in whole.findings}
    assert {("PC401", "G2-M"), ("PC302", "C-EUR"), ("PC103", "C-PH")} <= found


def test_outlier_message_explains_the_robust_statistics() -> None:
    found = [f for f in listlint.lint(_catalogue(), select=["PC401"]).findings]
    assert len(found) == 1
    assert "median" in found[0].message and "robust z-score" in found[0].message
    assert "'1999'" in found[0].message


def test_currency_mismatch_is_one_finding_per_currency_and_file() -> None:
    rows = [
        {"sku": f"J-{i}", "title": "Denim Jacket", "price": f"{4000 + i} JPY"} for i in range(30)
    ]
    found = listlint.lint(rows, select=["PC301"], policy=["tiktok-shop-us"]).findings
    assert len(found) == 1 and "30 listing(s)" in found[0].message
    assert found[0].marketplaces == ("TikTok Shop US",)


def test_dates_read_both_ways_only_when_ambiguous() -> None:
    assert len(readings("03/04/2025")) == 2
    assert len(readings("24.03.2025")) == 1
    assert len(readings("2030-01-01 0:00:00")) == 1
    assert readings("soon") == ()
    assert reversed_dates("2025-03-01", "2025-02-01")
    assert not reversed_dates("03/04/2025", "04/03/2025")  # reversed on one reading only
    assert period("2025-02-01T00:00-0800/2025-03-01T23:59-0800") == (
        "2025-02-01T00:00-0800",
        "2025-03-01T23:59-0800",
    )
    assert period("not a period") is None


def test_profiles_map_sale_and_compare_at_prices_apart_from_the_price() -> None:
    woo = from_records(
        [
            {
                "SKU": "W",
                "Name": "Beanie",
                "Type": "simple",
                "Regular price": "20",
                "Sale price": "15",
                "Date sale price starts": "2025-01-01",
            }
        ]
    )
    f = woo.frame
    assert f["price"][0] == "20" and f["sale_price"][0] == "15"
    assert f["sale_price_amount"][0] == 15.0 and f["sale_start"][0] == "2025-01-01"
    shop = from_records(
        [
            {
                "Handle": "t",
                "Title": "Tee",
                "Variant SKU": "T",
                "Variant Price": "24",
                "Variant Compare At Price": "30",
                "Status": "draft",
            }
        ]
    ).frame
    assert shop["price"][0] == "24" and shop["compare_at_amount"][0] == 30.0
    assert shop["status"][0] == "draft"


def test_dot_grouped_thousands_are_read_per_column() -> None:
    rows = [
        {"sku": f"V-{i}", "title": f"Sữa rửa mặt {i}", "price": p}
        for i, p in enumerate(["134.400", "1.235.000", "99.000", "250.000"])
    ]
    catalog = from_records(rows)
    batch = next(iter(catalog.batches(10)))
    from listlint.rules.pricing.family import PricingAnalysis

    assert PricingAnalysis(batch).frame["price"].to_list() == [134400, 1235000, 99000, 250000]
