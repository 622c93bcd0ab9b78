"""Images family (issue 23): catalogue rules across batches, link splitting."""

from __future__ import annotations

import listlint
from listlint.loader import from_records
from listlint.rules.images.links import links

IM = ["IM101", "IM102", "IM103", "IM104", "IM105", "IM201", "IM202"]


def test_links_are_split_and_the_first_is_the_main_image() -> None:
    cell = "https://a.example/1.jpg, https://a.example/2.jpg|https://a.example/3.jpg"
    batch = next(iter(from_records([{"sku": "A", "title": "Mug", "images": cell}]).batches(10)))
    rows = links(batch)
    assert rows["url"].to_list() == [f"https://a.example/{k}.jpg" for k in (1, 2, 3)]
    assert rows["pos"].to_list() == [0, 1, 2]
    assert rows["ext"].to_list() == ["jpg"] * 3


def test_missing_and_shared_images_do_not_depend_on_batching() -> None:
    rows = []
    for g in range(6):
        for k in range(3):  # Shopify: the image sits on the product's first row only
            rows.append(
                {
                    "Handle": f"p{g}",
                    "Title": f"Product {g}" if k == 0 else "",
                    "Variant SKU": f"P{g}-{k}",
                    "Variant Price": "10",
                    "Image Src": f"https://cdn.example/p{g}.jpg" if k == 0 and g != 4 else "",
                }
            )
    rows.append(
        {
            "Handle": "x",
            "Title": "Garden Hose 30 m",
            "Variant SKU": "X",
            "Variant Price": "30",
            "Image Src": "https://cdn.example/p1.jpg",
        }
    )
    whole = listlint.lint(rows, select=IM)
    split = listlint.lint(rows, select=IM, batch_size=2)
    assert [(f.rule, f.sku) for f in whole.findings] == [(f.rule, f.sku) for f in split.findings]
    assert {(f.rule, f.sku) for f in whole.findings} == {("IM201", "P4-0"), ("IM202", "X")}
