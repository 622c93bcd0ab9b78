"""Mapping a catalogue's own category text onto listlint's category paths."""

from __future__ import annotations

import pytest

from listlint.batch import Batch
from listlint.policy import shipped_packs
from listlint.rules.context import BatchContext
from listlint.rules.packs import load_pack
from listlint.taxonomy import default_taxonomy, is_within


@pytest.mark.parametrize(
    ("text", "path"),
    [
        ("Apparel > Shirts", "Apparel > Clothing > Tops"),
        ("Apparel & Accessories > Clothing", "Apparel > Clothing"),
        ("Clothing, Clothing > T-shirts", "Apparel > Clothing > Tops"),  # WooCommerce list
        ("Herrkläder", "Apparel > Clothing"),  # Swedish compound: men's clothing
        ("Damenschuhe", "Apparel > Shoes"),  # German compound
        ("Handschuhe", "Apparel > Accessories"),  # gloves, not shoes
        ("服装 > T恤", "Apparel > Clothing > Tops"),
        ("电子产品 > 耳机", "Electronics > Audio"),
        ("عطور", "Health & Beauty > Beauty > Fragrance"),
        ("Clothing > Accessories", "Apparel > Accessories"),
        ("Electronics > Accessories", "Electronics > Accessories"),
        ("Gear\nBags", "Apparel > Accessories > Bags"),  # Magento tree
        ("Toys & Games | Puzzles | Jigsaw Puzzles", "Toys & Games"),  # Amazon browse path
        ("Home, iPods", "Electronics > Audio"),  # the deepest path wins
        ("Health > Supplements", "Health & Beauty > Health > Supplements"),
        ("pcat_shirts", "Apparel > Clothing > Tops"),
        ("Video games", "Media"),  # "games" inside a longer term does not count
    ],
)
def test_maps(text: str, path: str) -> None:
    assert default_taxonomy().map_text(text)[0] == path


@pytest.mark.parametrize("text", ["Accessories", "Indoor", "Sem categoria", "Transport", "17"])
def test_does_not_map(text: str) -> None:
    assert default_taxonomy().map_text(text) is None


def test_google_ids_only_from_a_google_column() -> None:
    tax = default_taxonomy()
    assert tax.map_text("1604", google_ids=True)[0] == "Apparel > Clothing"
    assert tax.map_text("2") is None  # a shop's internal id is not Google's pet category


def test_batch_maps_category_then_product_type_and_is_shared() -> None:
    from listlint.loader import from_records

    cat = from_records(
        [
            {"sku": "A", "title": "Tee", "category": "Clothing > T-shirts"},
            {"sku": "B", "title": "Chain", "product type": "Necklace"},
            {"sku": "C", "title": "Pot", "category": "Indoor"},
            {"sku": "D", "title": "Pot"},
        ]
    )
    (batch,) = list(cat.batches())
    assert isinstance(batch, Batch)
    context = BatchContext(batch)
    matches = context.categories
    assert [m.path for m in matches] == [
        "Apparel > Clothing > Tops",
        "Apparel > Accessories > Jewelry",
        None,
        None,
    ]
    assert matches[1].field == "product_type"
    assert (matches[2].text, matches[3].text) == ("Indoor", None)
    assert context.categories is matches  # mapped once, shared with every family


def test_pack_category_keys_exist_in_the_tree() -> None:
    """Every category path a shipped pack names is one the synonyms can produce."""
    paths = default_taxonomy().paths
    for name in shipped_packs():
        spec = load_pack(name).specs
        for key in [*spec.categories, *spec.identifiers.exempt_categories]:
            assert key in paths, (name, key)


def test_is_within() -> None:
    assert is_within("Apparel > Clothing > Tops", "Apparel")
    assert is_within("Media", "Media")
    assert not is_within("Apparel Care", "Apparel")
    assert not is_within(None, "Media")
