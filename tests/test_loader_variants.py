"""Variant folding, options and item/package measures: fixtures named by the quirk."""

from __future__ import annotations

from pathlib import Path

import pytest

import listlint
from listlint.loader import from_records, load
from listlint.loader.options import looks_like_size, option_column

from .conftest import FIXTURES


def _rows(cat, *cols):
    return cat.frame.select(list(cols)).rows()


# --- 1. a blank Shopify handle is a listing of its own --------------------------------


def test_blank_handle_rows_take_nothing_from_the_rows_above():
    cat = load(FIXTURES / "shopify_blank_handle.csv")
    assert cat.profile == "shopify"
    assert _rows(cat, "sku", "title", "description", "brand", "size", "_group") == [
        ("TEE-S", "Organic tee", "Soft cotton tee", "Acme", "S", "tee"),
        # blank handles: own text only, no option name borrowed from the tee's "Size"
        ("KR-1", "Kratom capsules", "Cures cancer fast", "Herbco", None, None),
        ("MUG-2", "Ceramic mug", None, "Acme", None, None),
        # a row of a real handle still inherits its product's text and option names
        ("TEE-M", "Organic tee", "Soft cotton tee", "Acme", "M", "tee"),
    ]


def test_blank_handle_records_claim_is_reported_on_its_own_row_only():
    records = [
        {"Handle": "tee", "Title": "Tee", "Body (HTML)": "cotton", "Variant SKU": "T1"},
        {"Handle": None, "Title": "Kratom capsules", "Body (HTML)": "Cures cancer fast"},
        {"Handle": None, "Title": "Ceramic mug"},
    ]
    report = listlint.lint(records)
    claim_rows = {f.row for f in report.findings if f.group == "claims"}
    assert claim_rows == {3}  # the second record, under a header row (as in a DataFrame)


# --- 3. Shopify's option named "Title" -------------------------------------------------


def test_title_option_is_a_variant_name_not_an_attribute_called_title():
    cat = load(FIXTURES / "shopify_title_option.csv")
    assert "attr:Title" not in cat.frame.columns
    assert _rows(cat, "sku", "title", "size", "attr:Variant Title") == [
        # one value of the product is no size: its variants keep their names together
        ("PR-L", "Art print", None, 'Lithograph - Height: 9" x Width: 12"'),
        ("PR-S", "Art print", None, "Small"),
        # every value reads as a size: the variants' sizes
        ("TEE-S", "Plain tee", "Small", None),
        ("TEE-M", "Plain tee", "Medium", None),
        ("TEE-XL", "Plain tee", "XL", None),
        # "Default Title" means the product has no variation
        ("MUG-1", "Camp mug", None, None),
    ]


@pytest.mark.parametrize(
    "value", ["S", "XL", "2XL", "Small", "extra large", "EU 42", "10.5", "32/34", "500 ml"]
)
def test_sizes(value: str):
    assert looks_like_size(value)


@pytest.mark.parametrize(
    "value", ["Black", "Gift wrap", "Lithograph - A3", "Kratom", "Steel", "Default"]
)
def test_not_sizes(value: str):
    assert not looks_like_size(value)


def test_option_names_in_other_languages_fill_fields():
    assert option_column("Farbe", "Rot") == "color"
    assert option_column("Colour", "Black") == "color"
    assert option_column("Tamanho", "M") == "size"
    assert option_column("Style", "Slim") == "attr:Style"
    assert option_column("Title", "Default Title") is None


# --- 2. nested JSON variants (Medusa, Shopify JSON) -----------------------------------


def test_nested_variants_keep_product_title_and_route_options():
    cat = load(FIXTURES / "medusa_nested_options.json")
    assert cat.records == 5
    assert _rows(cat, "sku", "title", "size", "color", "material", "attr:variant.title") == [
        # Medusa v1: options by position; the variant title is kept as an attribute
        ("TS-S", "Medusa T-Shirt", "S", "Black", None, "S / Black"),
        ("TS-M", "Medusa T-Shirt", "M", "Black", None, "M / Black"),
        # options matched by option_id, whatever their order
        ("TO-1", "Canvas tote", None, "Natural", "Cotton canvas", "Natural"),
        # Medusa v2: options as a name -> value object
        ("BE-1", "Wool beanie", "One size", "Grey", None, "One size / Grey"),
        # Shopify JSON: option1 "Default Title" is no variation, the title is the product's
        ("CAP-1", "Shopify JSON cap", None, None, None, None),
        # no product title: the variant's title is all there is
        ("TEA-1", "Loose leaf tea 100 g", None, None, None, None),
    ]
    assert cat.frame["attr:Fit"].to_list()[3] == "Slouchy"
    assert set(cat.frame["_group"].to_list()) == {"t-shirt", "tote", "beanie", "cap", "no-title"}


def test_nested_variant_text_rules_see_the_product_title():
    records = [
        {
            "title": "Kratom extract capsules",
            "options": [{"title": "Size"}],
            "variants": [{"title": "60 caps", "sku": "K-60", "options": [{"value": "60 caps"}]}],
        }
    ]
    cat = from_records(records)
    assert cat.frame["title"].to_list() == ["Kratom extract capsules"]
    report = listlint.lint(records)
    assert any(f.group == "prohibited" and f.field == "title" for f in report.findings)


def test_medusa_seed_export(catalogs_dir: Path):
    cat = load(catalogs_dir / "medusa_v1_seed.json")
    first = cat.frame.row(0, named=True)
    assert first["title"] == "Medusa T-Shirt"
    assert (first["size"], first["color"]) == ("S", "Black")
    assert not any(t and " / " in t for t in cat.frame["title"].to_list())


# --- 4. item and package weights stay apart ---------------------------------------------


def test_amazon_item_weight_is_the_weight_and_shipping_weight_an_attribute():
    cat = load(FIXTURES / "amazon_item_and_shipping_weight.csv")
    assert cat.profile == "amazon"
    assert cat.columns["weight"] == "item_weight"
    assert cat.columns["weight_unit"] == "item_weight_unit_of_measure"
    assert cat.columns["length"] == "item_length"
    rows = _rows(cat, "weight", "weight_unit", "attr:website_shipping_weight", "length")
    assert rows == [("12", "OZ", "1.5", "26"), (None, None, "3", None)]
    kg = cat.frame["weight_kg"].to_list()
    assert kg[0] == pytest.approx(0.3402, abs=1e-4) and kg[1] is None
    assert cat.frame["attr:package_length"].to_list() == ["30", None]


def test_each_weight_keeps_its_own_header_unit():
    cat = load(FIXTURES / "product_and_shipping_weight_units.csv")
    assert cat.columns["weight"] == "Product Weight (kg)"
    # the napkins give only a shipping weight in grams: never "120 kg" of product
    assert cat.frame["weight_kg"].to_list() == [2.5, None]
    assert cat.frame["attr:Shipping Weight (g)"].to_list() == ["2900", "120"]


def test_package_columns_read_item_and_package_apart():
    from listlint.batch import Batch
    from listlint.rules.measures.packages import package_columns

    cat = load(FIXTURES / "product_and_shipping_weight_units.csv")
    pkg = package_columns(Batch(cat.frame, cat.path, cat.columns)).to_dicts()
    assert pkg[0]["item_kg"] == 2.5 and pkg[0]["pkg_kg"] == pytest.approx(2.9)
    assert pkg[1]["item_kg"] is None and pkg[1]["pkg_kg"] == pytest.approx(0.12)


# --- streamed files: the same listings as whole-file reading ----------------------------


@pytest.mark.parametrize("fixture", ["shopify_blank_handle.csv", "shopify_title_option.csv"])
def test_streamed_reading_gives_the_same_variants(
    fixture: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    import polars as pl

    from listlint.loader import blocks, delimited, stream

    path = tmp_path / fixture
    body = (FIXTURES / fixture).read_text(encoding="utf-8").splitlines()
    # the fixture's rows, eight times over with fresh handles/SKUs, so cuts land inside
    rows = [body[0]] + [
        line.replace("tee", f"tee{k}").replace(",TEE-", f",T{k}-").replace("print", f"print{k}")
        for k in range(8)
        for line in body[1:]
    ]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    monkeypatch.setattr(delimited, "FAST_PATH_BYTES", 0)
    monkeypatch.setattr(blocks, "BLOCK_BYTES", 97)
    monkeypatch.setattr(stream, "STREAM_BYTES", 10**15)
    whole = load(path)
    monkeypatch.setattr(stream, "STREAM_BYTES", 0)
    streamed = load(path)
    assert getattr(streamed, "streaming", False)
    parts = [b.frame for b in streamed.batches(3)]
    joined = pl.concat(parts, how="diagonal_relaxed").select(whole.frame.columns)
    assert joined.equals(whole.frame)
    assert streamed.records == whole.records


def test_shopify_2019_template_sizes_sit_in_the_title_option(catalogs_dir: Path):
    cat = load(catalogs_dir / "shopify_product_template_2019.csv")
    assert cat.frame["size"].to_list() == [
        'Lithograph - Height: 9" x Width: 12"',
        "Small",
        "Medium",
    ]
    assert "attr:Title" not in cat.frame.columns
