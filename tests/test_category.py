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


def test_title_groups_agree_from_the_shared_product_analysis() -> None:
    """CT102 reads the batch's product analysis when most rows are candidates (or it is
    made already), else makes one for the candidates only: the same answer per row."""
    import polars as pl

    from listlint.batch import Batch
    from listlint.loader import from_records
    from listlint.product.analysis import CACHE_KEY, product_analysis
    from listlint.rules.category.family import CategoryAnalysis

    titles = [
        "Slim Silicone Phone Case for iPhone 15",
        "Organic Cotton Crew T-Shirt - Black / M",
        "Dog Treats Chicken Jerky",
        "Ceramic Coffee Mug 11oz",
        "Funda para iPhone 14",
        "Gift",
        "",
    ]
    records = [
        {
            "sku": f"P-{i}",
            "title": titles[i % len(titles)],
            "category": ["Food > Snacks", "Apparel > Shirts", "", "Home > Kitchen"][i % 4],
            "product_type": ["", "Phone Case", "Mug"][i % 3],
        }
        for i in range(40)
    ]

    def batch() -> Batch:
        return next(from_records(records).batches(10_000))

    for rows in ([3, 0, 7, 7, 12], list(range(0, 40, 3)), list(range(40))):
        picked = pl.Series(rows, dtype=pl.Int64)
        alone = batch()
        own = CategoryAnalysis(alone, None, None).titles(picked)  # type: ignore[arg-type]
        shared_batch = batch()
        product_analysis(shared_batch)
        assert shared_batch.is_cached(CACHE_KEY)
        shared = CategoryAnalysis(shared_batch, None, None).titles(picked)  # type: ignore[arg-type]
        assert own[0].to_list() == shared[0].to_list()
        assert own[1].to_list() == shared[1].to_list()
        assert own[0].dtype == shared[0].dtype and own[1].dtype == shared[1].dtype
