"""Category family (issue 23): Google's taxonomy as data, suggestions, batching."""

from __future__ import annotations

import listlint
from listlint.rules.category.taxonomy import google_taxonomy


def test_taxonomy_has_every_google_id_and_localized_paths() -> None:
    tax = google_taxonomy()
    assert len(tax.name) >= 5595
    assert tax.path("1604") == "Apparel & Accessories > Clothing"
    assert tax.resolve("Bekleidung & Accessoires > Bekleidung").gid == "1604"
    assert tax.resolve("apparel & accessories>clothing").gid == "1604"
    assert tax.resolve("Apparel & Accessories > Clothing > Shirt & Tops").gid is None


def test_unknown_category_suggests_the_nearest_path() -> None:
    rows = [
        {
            "id": "G-1",
            "title": "Item",
            "google_product_category": "Apparel & Accessories > Clothing > Shirt & Tops",
        }
    ]
    found = listlint.lint(rows, select=["CT101"]).findings
    assert len(found) == 1
    assert found[0].suggestion == "did you mean 'Apparel & Accessories > Clothing > Shirts & Tops'?"


def test_category_rules_do_not_depend_on_batching() -> None:
    rows = [
        {
            "sku": f"P-{i}",
            "title": "Slim Silicone Phone Case for iPhone 15",
            "category": "Food > Snacks" if i % 3 == 0 else "Electronics",
        }
        for i in range(10)
    ]
    whole = listlint.lint(rows, select=["CT101", "CT102"])
    split = listlint.lint(rows, select=["CT101", "CT102"], batch_size=2)
    assert [(f.rule, f.sku) for f in whole.findings] == [(f.rule, f.sku) for f in split.findings]
    assert {f.sku for f in whole.findings} == {"P-0", "P-3", "P-6", "P-9"}
