"""Issue 22: headers mapped by their words and in the languages of the markets,
columns that look like a field reported with the --map that fixes them, packed
attributes (Magento, JSON in cells) read, parent rows not counted as listings. The
fixtures are small files written here, each reproducing one quirk of real exports."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import listlint
from listlint.loader import from_records, load
from listlint.loader.columns import map_columns
from listlint.loader.options import option_column


def _csv(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _mapped(headers: list[str]) -> dict[str, list[str]]:
    cmap = map_columns(headers)
    return {f: [headers[i] for i in idx] for f, idx in cmap.fields.items()}


# --- header variants ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("Barcode (EAN)", "gtin"),
        ("UPC/EAN", "gtin"),
        ("UPC / EAN", "gtin"),
        ("UPC Code", "gtin"),
        ("GTIN-13", "gtin"),
        ("EAN Code", "gtin"),
        ("Barcode Number", "gtin"),
        ("Price (USD)", "price"),
        ("Price ($)", "price"),
        ("Main Category", "category"),
        ("Size Name", "size"),
        ("Color Name", "color"),
        ("itemTitle", "title"),
        ("stockQuantity", "quantity"),
        ("IMAGE3", "images"),
        ("Precio IVA", "price"),
        ("Nombre Producto", "title"),
        ("Tamaño (cm)", "size"),
        ("weight_units", "weight_unit"),
        ("Descrição do Produto", "description"),
        ("CATEGORIA PRINCIPAL", "category"),
        # issue 23's pricing fields: a "was" price is its own field, never the price
        ("Compare At Price", "compare_at_price"),
        ("old_price", "compare_at_price"),
    ],
)
def test_header_variants_map_by_their_words(header: str, field: str) -> None:
    assert _mapped(["sku", header]).get(field) == [header]


@pytest.mark.parametrize(
    "header",
    [
        "SEO Title",
        "Meta-titulo",
        "Image Alt Text",
        "Cost per item",
        "categoryId",
        "inStock",
        "Product URL",
        "Unit price",
        "Category Code",
    ],
)
def test_headers_about_something_else_are_not_mapped(header: str) -> None:
    assert _mapped(["sku", header]) == {"sku": ["sku"]}


def test_the_new_users_file_has_its_size_colour_and_gtin(tmp_path: Path) -> None:
    """The review's file: every size, colour and barcode cell filled, yet told "this file
    has no size column" (SP101) and "no GTIN column" (SP205) under amazon-us."""
    path = _csv(
        tmp_path,
        "new_user.csv",
        "SKU,Product Title,Category,Size Name,Color Name,Price (USD),UPC/EAN\n"
        "DR-1,Linen summer dress,Clothing > Women > Dresses,M,Blue,39.90,4006381333931\n",
    )
    report = listlint.lint(path, policy="amazon-us")
    missing = [f.message for f in report.findings if "this file has no" in f.message]
    assert not [t for t in missing if any(w in t for w in ("size", "colour", "color", "GTIN"))]
    # SP205 still says the file has no brand column: true, it has none
    assert not [f for f in report.findings if f.rule == "SP205" and "GTIN" in f.message]
    cat = load(path)
    assert cat.frame.select("size", "color", "gtin", "price_currency").row(0) == (
        "M",
        "Blue",
        "4006381333931",
        "USD",
    )


def test_a_bad_check_digit_under_barcode_ean_is_found(tmp_path: Path) -> None:
    path = _csv(tmp_path, "b.csv", "SKU,Title,Barcode (EAN)\nLAMP-01,Desk lamp,5060000001234\n")
    assert any(f.rule == "SP201" for f in listlint.lint(path).findings)


# --- languages of the markets -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("headers", "profile", "expect"),
    [
        # WooCommerce's own Russian export (from the plugin's translation)
        (
            [
                "Тип",
                "Артикул",
                "Имя",
                "Описание",
                "Базовая цена",
                "Категории",
                "Изображения",
                "Родительский",
                "Название атрибута 1",
                "Значения атрибутов 1",
                "Опубликован",
            ],
            "woocommerce",
            {
                "sku": "Артикул",
                "title": "Имя",
                "price": "Базовая цена",
                "variant_group": "Родительский",
            },
        ),
        # ... Indonesian and Thai
        (
            [
                "Tipe",
                "SKU",
                "Nama",
                "Deskripsi",
                "Harga normal",
                "Kategori",
                "Induk",
                "Telah Terbit",
            ],
            "woocommerce",
            {"title": "Nama", "price": "Harga normal", "description": "Deskripsi"},
        ),
        (
            ["ชนิด", "รหัสสินค้า", "ชื่อ", "รายละเอียดเพิ่มเติม", "ราคาปกติ", "หมวดหมู่", "หลัก"],
            "woocommerce",
            {"sku": "รหัสสินค้า", "title": "ชื่อ", "price": "ราคาปกติ"},
        ),
        # Shopee Indonesia's mass-upload template labels
        (
            [
                "*Kategori",
                "*Nama Produk",
                "*Deskripsi Produk",
                "SKU Induk",
                "*Harga",
                "*Stok",
                "*Berat (kg)",
                "Kode Variasi",
            ],
            "shopee",
            {"title": "*Nama Produk", "variant_group": "SKU Induk", "sku": "Kode Variasi"},
        ),
        # Shopee Vietnam
        (
            [
                "Ngành hàng",
                "Tên sản phẩm",
                "Mô tả sản phẩm",
                "SKU sản phẩm",
                "SKU phân loại",
                "Giá",
                "Kho hàng",
                "Cân nặng",
            ],
            "shopee",
            {"title": "Tên sản phẩm", "price": "Giá", "weight": "Cân nặng"},
        ),
        # plain spreadsheets
        (
            ["Название товара", "Цена", "Категория", "Цвет", "Размер"],
            "generic",
            {"title": "Название товара", "price": "Цена", "color": "Цвет", "size": "Размер"},
        ),
        (
            ["TITOLO", "DESCRIZIONE", "PREZZO", "QUANTITÀ", "MATERIALI", "IMMAGINE1", "IMMAGINE2"],
            "generic",
            {"title": "TITOLO", "price": "PREZZO", "material": "MATERIALI", "images": "IMMAGINE1"},
        ),
        (
            ["ชื่อสินค้า", "ราคา", "สี", "ขนาด"],
            "generic",
            {"title": "ชื่อสินค้า", "price": "ราคา", "color": "สี", "size": "ขนาด"},
        ),
        (
            ["商品名称", "价格", "颜色", "尺码", "品牌"],
            "generic",
            {"title": "商品名称", "price": "价格", "color": "颜色", "size": "尺码"},
        ),
        (
            ["Ürün Adı", "Fiyat", "Renk", "Beden", "Marka"],
            "generic",
            {"title": "Ürün Adı", "price": "Fiyat", "color": "Renk", "brand": "Marka"},
        ),
    ],
)
def test_localized_headers(headers: list[str], profile: str, expect: dict[str, str]) -> None:
    cmap = map_columns(headers)
    assert cmap.profile == profile
    names = cmap.column_names()
    assert {f: names.get(f) for f in expect} == expect


def test_shopify_metafield_columns_in_any_language_map_by_their_key() -> None:
    headers = [
        "Handle",
        "Title",
        "Variant SKU",
        "Renk (product.metafields.shopify.color-pattern)",
        "Talla (product.metafields.shopify.size)",
        "Yaş Grubu (product.metafields.shopify.age-group)",
    ]
    mapped = _mapped(headers)
    assert {f: mapped.get(f) for f in ("color", "size", "age_group")} == {
        "color": [headers[3]],
        "size": [headers[4]],
        "age_group": [headers[5]],
    }


@pytest.mark.parametrize(
    ("name", "value", "column"),
    [
        ("Größe", "M", "size"),
        ("Warna", "Hitam", "color"),
        ("Ukuran", "XL", "size"),
        ("Màu sắc", "Đen", "color"),
        ("Taglia", "42", "size"),
        ("Colour Name", "Black", "color"),
        ("Waist", "32", "attr:Waist"),
    ],
)
def test_attributes_named_in_the_markets_languages_fill_their_field(
    name: str, value: str, column: str
) -> None:
    assert option_column(name, value) == column


def test_a_woocommerce_attribute_named_in_german_holds_the_size(tmp_path: Path) -> None:
    path = _csv(
        tmp_path,
        "woo_de.csv",
        "Typ,Artikelnummer,Name,Veröffentlicht,Regulärer Preis,Attribut 1 Name,Attribut 1 Wert(e),"
        "Attribut 4 Name,Attribut 4 Wert(e)\n"
        "simple,T-1,Baumwoll-T-Shirt,1,19.90,Größe,M,Farbe,Schwarz\n",
    )
    cat = load(path)
    assert cat.profile == "woocommerce"
    assert cat.frame.select("title", "size", "color").row(0) == ("Baumwoll-T-Shirt", "M", "Schwarz")


# --- the unmapped-column report ---------------------------------------------------------------


def test_columns_that_look_like_a_field_are_reported_once_with_the_map(tmp_path: Path) -> None:
    path = _csv(
        tmp_path,
        "u.csv",
        "sku,title,Kode Batang Produk Utama,Harga Coret Lama,Colores Asociados\n"
        "A1,Mug,4006381333931,9,azul\n",
    )
    report = listlint.lint(path)
    notes = [f for f in report.findings if f.rule == "DT108"]
    assert len(notes) == 1
    note = notes[0]
    assert note.severity == "info"
    assert "'Colores Asociados' (color)" in note.message
    assert '--map color="Colores Asociados"' in (note.suggestion or "")
    # mapped, the note goes and the field is read
    again = listlint.lint(path, columns={"color": "Colores Asociados"})
    assert not [f for f in again.findings if f.rule == "DT108" and "Colores" in f.message]


def test_the_unmapped_report_is_once_per_file_across_sheets(tmp_path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "A"
    for row in (["sku", "title", "Colores Asociados"], ["A1", "Mug", "azul"]):
        ws.append(row)
    other = wb.create_sheet("B")
    for row in (["sku", "title", "price", "Colores Asociados"], ["B1", "Cup", "9", "rojo"]):
        other.append(row)
    path = tmp_path / "two.xlsx"
    wb.save(path)
    assert [i.kind for i in load(path).issues].count("unmapped-column") == 1


def test_platform_bookkeeping_columns_are_not_reported(tmp_path: Path) -> None:
    path = _csv(
        tmp_path,
        "shop.csv",
        "Handle,Title,Body (HTML),Variant SKU,Variant Price,Image Position,Image Alt Text,"
        "SEO Title,Variant Compare At Price,Cost per item\n"
        "tee,Tee,Soft,T1,9,1,a tee,Tee,12,4\n",
    )
    assert not [i for i in load(path).issues if i.kind == "unmapped-column"]


# --- packed attributes ------------------------------------------------------------------------

MAGENTO = (
    "sku,store_view_code,attribute_set_code,product_type,categories,product_websites,name,"
    "description,price,qty,additional_attributes,configurable_variations\n"
    "MH01,,Top,configurable,Men/Tops,base,Chaz Hoodie,Soft fleece hoodie,52,0,"
    '"material=Cotton,gender=Men","sku=MH01-XS-Black,color=Black,size=XS|'
    'sku=MH01-S-Black,color=Black,size=S"\n'
    'MH01-XS-Black,,Top,simple,Men/Tops,base,Chaz Hoodie-XS-Black,,52,100,"color=Black,size=XS",\n'
    "MH01-S-Black,,Top,simple,Men/Tops,base,Chaz Hoodie-S-Black,,52,100,,\n"
    'MJ02-32,,Bottom,simple,Men/Bottoms,base,Jeans 32,Denim,60,5,"waist=32,color=Blue",\n'
    'MJ02-34,,Bottom,simple,Men/Bottoms,base,Jeans 34,Denim,60,5,"waist=34,color=Blue",\n'
)


def test_magento_additional_attributes_and_configurable_variations(tmp_path: Path) -> None:
    cat = load(_csv(tmp_path, "magento.csv", MAGENTO))
    assert cat.profile == "magento"
    rows = cat.frame.select("sku", "size", "color", "description", "_group").rows()
    assert rows[:3] == [
        ("MH01", None, None, "Soft fleece hoodie", "MH01"),
        ("MH01-XS-Black", "XS", "Black", "Soft fleece hoodie", "MH01"),
        # its size and colour come from the parent's configurable_variations
        ("MH01-S-Black", "S", "Black", "Soft fleece hoodie", "MH01"),
    ]
    assert cat.frame["attr:waist"].to_list()[3:] == ["32", "34"]
    # the configurable parent is a record, not a sellable listing
    assert cat.records == 5 and cat.listings_count == 4


def test_json_attributes_in_a_cell_are_read(tmp_path: Path) -> None:
    rows = [
        {"sku": "S1", "title": "Tee", "specs": json.dumps({"Color": "Black", "Size": "M"})},
        {
            "sku": "S2",
            "title": "Tee",
            "specs": json.dumps(
                [{"name": "Colour", "value": "Red"}, {"name": "Waist", "value": "32"}]
            ),
        },
    ]
    cat = from_records(rows)
    assert cat.frame.select("sku", "color", "size").rows() == [
        ("S1", "Black", "M"),
        ("S2", "Red", None),
    ]
    assert cat.frame["attr:Waist"].to_list() == [None, "32"]


def test_variants_differing_only_in_an_unmodelled_attribute_are_not_duplicates(
    tmp_path: Path,
) -> None:
    """Jeans in waist 32 and 34: no SP105, whether the waist is a Magento attribute, a
    WooCommerce attribute or JSON in a cell."""
    woo = _csv(
        tmp_path,
        "woo.csv",
        "ID,Type,SKU,Name,Parent,Regular price,Attribute 1 name,Attribute 1 value(s),"
        "Attribute 2 name,Attribute 2 value(s)\n"
        '10,variable,J,Jeans,,,Colour,Blue,Waist,"32, 34"\n'
        "11,variation,J-32,Jeans,id:10,60,Colour,Blue,Waist,32\n"
        "12,variation,J-34,Jeans,id:10,60,Colour,Blue,Waist,34\n",
    )
    magento = _csv(
        tmp_path,
        "m.csv",
        "sku,product_type,name,price,additional_attributes,configurable_variations\n"
        'J,configurable,Jeans,60,,"sku=J-32,color=Blue,waist=32|sku=J-34,color=Blue,waist=34"\n'
        'J-32,simple,Jeans,60,"color=Blue,waist=32",\n'
        'J-34,simple,Jeans,60,"color=Blue,waist=34",\n',
    )
    for path in (woo, magento):
        report = listlint.lint(path, select=["SP105"])
        assert not report.findings, (path.name, [f.message for f in report.findings])


def test_parent_rows_are_records_not_listings_in_the_summary(tmp_path: Path) -> None:
    path = _csv(
        tmp_path,
        "woo.csv",
        "ID,Type,SKU,Name,Parent,Regular price,Attribute 1 name,Attribute 1 value(s)\n"
        '10,variable,TEE,Tee,,,Size,"S, M"\n'
        "11,variation,TEE-S,Tee,id:10,9,Size,S\n"
        "12,variation,TEE-M,Tee,id:10,9,Size,M\n"
        "13,simple,MUG,Mug,,5,,\n",
    )
    summary = listlint.lint(path).summary
    assert (summary.records, summary.listings) == (4, 3)


def test_a_configurable_row_without_child_rows_stays_a_listing() -> None:
    cat = from_records(
        [{"sku": "A", "title": "Tee", "product_type": "configurable", "sizes": "S;M;L"}],
        columns={"variant_type": "product_type"},
    )
    assert cat.listings_count == 1


# --- who sells is not the brand (issue 20) ------------------------------------------------
@pytest.mark.parametrize(
    "header", ["vendor_name", "Vendor Name", "Seller Name", "store_name", "Shop name"]
)
def test_a_sellers_name_column_is_not_the_brand(header: str) -> None:
    """A marketplace seller's or a dropship supplier's name says who sells the listing,
    not the product's brand (a Nike shoe sold by "Kicks Outlet" is still Nike's)."""
    assert "brand" not in _mapped(["sku", "title", header, "price"])


@pytest.mark.parametrize(
    ("headers", "brand"),
    [(["sku", "title", "vendor", "price"], "vendor"), (["sku", "title", "Brand Name"], "Brand Name"),
     (["Handle", "Title", "Vendor", "Variant Price"], "Vendor"),
     (["sku", "title", "Manufacturer name"], "Manufacturer name")],
)  # fmt: skip
def test_brand_and_maker_columns_stay_the_brand(headers: list[str], brand: str) -> None:
    assert _mapped(headers)["brand"] == [brand]


def test_woocommerce_variations_inherit_the_brands_column(tmp_path: Path) -> None:
    """A Russian WooCommerce export names the Brands column "Бренды" and fills it on the
    parent only: its variations are the parent's brand, not listings without one."""
    path = _csv(
        tmp_path,
        "woo_ru.csv",
        "ID,Тип,Артикул,Имя,Базовая цена,Родительский,Бренды\n"
        "10,variable,AF1,Кроссовки Nike Air Force 1 '07,,,Nike\n"
        "11,variation,AF1-42,Кроссовки Nike Air Force 1 '07 - 42,12990,AF1,\n"
        "12,variation,AF1-43,Кроссовки Nike Air Force 1 '07 - 43,12990,AF1,\n",
    )
    catalog = load(path)
    assert catalog.columns["brand"] == "Бренды"
    assert catalog.frame.get_column("brand").to_list() == ["Nike"] * 3
    assert not listlint.lint(path, select=["ip"]).findings
