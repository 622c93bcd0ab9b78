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


def test_an_image_column_of_prose_is_reported_once_not_per_listing(tmp_path) -> None:
    # PrestaShop export whose rows are one cell short of the header: the image URL sits
    # under "Meta description" and the feature list under "Url imagen"
    lines = ["Reference;Name;Price;Meta description;Url imagen;Features"]
    for k in range(6):
        lines.append(
            f"W-{k};Casio watch {k};35.00;https://shop.example/w{k}.jpg;"
            "Alarma diaria: suena cada dia:1:0_Cronometro - 1/100 seg. - 1 hora"
        )
    path = tmp_path / "watches.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    found = listlint.lint(str(path), select=IM).findings
    assert [(f.rule, f.row) for f in found] == [("IM101", 2)]
    assert "holds text, not image links" in found[0].message
    # one real link in the column: the cells are judged link by link again
    lines[3] = lines[3].replace("Alarma diaria", "https://shop.example/x.jpg Alarma")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    found = listlint.lint(str(path), select=IM).findings
    assert len([f for f in found if f.rule == "IM101"]) == 6
