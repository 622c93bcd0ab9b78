"""Loader behaviour on small fixtures, one per quirk of real exports."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from listlint.errors import InputError
from listlint.loader import delimited, from_records, load

from .conftest import FIXTURES


def _rows(cat, *cols):
    return cat.frame.select(list(cols)).rows()


def test_bom_crlf_utf8():
    cat = load(FIXTURES / "bom_crlf.csv")
    assert cat.records == 2
    assert _rows(cat, "_row", "sku", "title", "price_amount") == [
        (2, "A1", "Ceramic mug", 9.99),
        (3, "A2", "Teapot", 24.5),
    ]
    assert cat.columns["sku"] == "sku"  # BOM not glued to the first header
    assert cat.frame["weight_kg"].to_list() == pytest.approx([0.35, 0.9])


def test_semicolon_prestashop_trailing_delimiter_and_decimal_comma():
    cat = load(FIXTURES / "semicolon.csv")
    assert cat.profile == "prestashop"
    assert cat.issues == []  # a trailing ';' loses nothing, so it is not ragged
    assert _rows(cat, "sku", "title", "price_amount", "category") == [
        ("MUG-1", "Blue mug", 9.99, "Home,Kitchen"),
        ("MUG-2", "Red mug", 10.5, "Home,Kitchen"),
    ]
    assert cat.columns["title"] == "Name *"


def test_cp1252_detected():
    cat = load(FIXTURES / "latin1.csv")
    assert cat.frame["title"].to_list() == ["Café crème cup", "Naïve décor vase"]
    assert cat.frame["price_currency"].to_list()[0] == "EUR"


def test_utf16_with_bom(tmp_path: Path):
    path = tmp_path / "utf16.csv"
    path.write_bytes(codecs.BOM_UTF16_LE + "sku\ttitle\nU1\tÅngström lamp\n".encode("utf-16-le"))
    cat = load(path)
    assert _rows(cat, "sku", "title") == [("U1", "Ångström lamp")]


def test_tsv_google_feed_groups_and_units():
    cat = load(FIXTURES / "tab.tsv")
    assert cat.profile == "google-merchant"
    assert _rows(cat, "sku", "_group", "size", "weight_kg") == [
        ("G1-S", "G1", "S", 0.3),
        ("G1-M", "G1", "M", 0.3),
    ]
    assert cat.frame["price_currency"].to_list() == ["USD", "USD"]


def test_pipe_delimiter():
    assert load(FIXTURES / "pipe.csv").frame["title"].to_list() == ["Notebook A5", "Pen set"]


def test_shopify_variants_inherit_and_image_rows_fold():
    cat = load(FIXTURES / "shopify_variants.csv")
    assert cat.profile == "shopify"
    assert cat.records == 4  # every record is counted ...
    assert cat.listings_count == 3  # ... but the image-only row is folded into its product
    rows = _rows(cat, "_row", "sku", "title", "description", "size", "color", "_group", "weight_kg")
    assert rows[0] == (
        2,
        "TEE-S-BLK",
        "Organic tee",
        "Soft organic cotton\u00a0tee",  # &nbsp; between two letters is kept (issue 21 L6)
        "S",
        "Black",
        "tee",
        0.18,
    )
    assert rows[1] == (
        3,
        "TEE-M-BLK",
        "Organic tee",
        "Soft organic cotton\u00a0tee",  # &nbsp; between two letters is kept (issue 21 L6)
        "M",
        "Black",
        "tee",
        0.19,
    )
    assert (
        rows[2][0] == 5 and rows[2][1] == "MUG-1" and rows[2][4] is None
    )  # "Default Title" is no size
    assert cat.frame["images"].to_list()[0] == "https://img/1.jpg\nhttps://img/3.jpg"
    assert cat.frame["gtin"].to_list()[0] == "'0012345678905"  # raw text kept for the GTIN rules


def test_woocommerce_parent_by_id_and_sku():
    cat = load(FIXTURES / "woocommerce_variations.csv")
    assert cat.profile == "woocommerce"
    assert _rows(cat, "sku", "title", "_group", "weight_kg") == [
        ("HOODIE", "Hoodie", "HOODIE", None),
        ("HOODIE-S", "Hoodie", "HOODIE", 0.5),
        ("HOODIE-M", "Hoodie", "HOODIE", 0.55),
    ]
    assert cat.columns["weight"] == "Weight (kg)"


def test_magento_multiline_cells_and_html():
    cat = load(FIXTURES / "magento_multiline.csv")
    assert cat.records == 2
    assert cat.frame["category"].to_list() == ["Gear\nBags", "Gear\nWatches"]
    desc = cat.frame["description"].to_list()[0]
    assert "<" not in desc and 'L 29" x W 13"' in desc
    assert _rows(cat, "_row") == [(2,), (3,)]


def test_ragged_rows_are_findings_not_crashes():
    cat = load(FIXTURES / "ragged.csv")
    assert cat.records == 4
    kinds = [(i.kind, i.row) for i in cat.issues if i.kind == "ragged-row"]
    assert kinds == [("ragged-row", 3), ("ragged-row", 4)]
    too_many = next(i for i in cat.issues if i.row == 3)
    assert "9.99" in (too_many.match or "")


def test_csv_named_xlsx_is_read_as_csv():
    cat = load(FIXTURES / "csv_named.xlsx")
    assert cat.format == "csv"
    assert cat.frame["title"].to_list() == ["Paracetamol 500mg", "Vitamin C"]


@pytest.mark.parametrize(
    ("fixture", "expected"),
    [
        (
            "swedish_headers.csv",
            {
                "sku": "SE-1",
                "title": "Ulltröja",
                "category": "Herrkläder",
                "color": "Grå",
                "size": "M",
            },
        ),
        ("arabic_headers.csv", {"sku": "AR-1", "title": "عطر فاخر 100 مل"}),
    ],
)
def test_headers_in_other_languages(fixture: str, expected: dict):
    row = load(FIXTURES / fixture).frame.to_dicts()[0]
    for key, value in expected.items():
        assert row[key] == value


def test_units_in_headers():
    row = load(FIXTURES / "unit_in_header.csv").frame.to_dicts()[0]
    assert row["weight_kg"] == pytest.approx(0.5 * 0.45359237)  # ".5" under "Weight (lbs)"
    assert row["length_cm"] == pytest.approx(15.24)


def test_line_separators_and_nbsp_normalised():
    """U+2028 is a line break; a no-break space between two letters is kept (it may
    split a word: issue 21 L6) and reads as a space to every rule."""
    desc = load(FIXTURES / "separators_u2028.csv").frame["description"].to_list()[0]
    assert desc == "Hand made\nring\u00a0with stone"


def test_blank_lines_keep_physical_row_numbers():
    cat = load(FIXTURES / "blank_lines.csv")
    assert _rows(cat, "_row", "sku") == [(4, "B1"), (6, "B2")]
    assert cat.records == 2


def test_fast_path_gives_the_same_listings(monkeypatch):
    slow = load(FIXTURES / "magento_multiline.csv").frame
    monkeypatch.setattr(delimited, "FAST_PATH_BYTES", 0)
    fast = load(FIXTURES / "magento_multiline.csv").frame
    assert fast.equals(slow)
    ragged = load(FIXTURES / "ragged.csv")
    # the fast path reports rows with extra cells (short rows read as blanks, documented)
    assert [(i.kind, i.row) for i in ragged.issues if i.kind == "ragged-row"] == [("ragged-row", 3)]


def test_json_wrapper_with_nested_variants():
    cat = load(FIXTURES / "products_wrapper.json")
    assert cat.records == 2
    assert _rows(cat, "_row", "sku", "title", "_group") == [
        (1, "TS-40", "Trail shoe", "p1"),
        (1, "TS-41", "Trail shoe", "p1"),
        (2, "SOCK-1", "Sock pack", "p2"),
    ]


def test_json_array_skips_empty_objects():
    cat = load(FIXTURES / "array.json")
    assert cat.records == 2 and _rows(cat, "_row", "sku") == [(1, "J1"), (2, "J2")]


def test_jsonl_bad_line_is_a_finding():
    cat = load(FIXTURES / "lines.jsonl")
    assert cat.records == 3
    assert [(i.kind, i.row) for i in cat.issues] == [("bad-record", 2)]
    assert _rows(cat, "_row", "sku") == [(1, "L1"), (4, "L3")]


def test_table_in_json_keeps_sheet_names():
    cat = load(FIXTURES / "table_in_json.json")
    assert _rows(cat, "_sheet", "sku", "title") == [
        ("en", "SP-1", "Earbuds"),
        ("ja", "SP-1", "イヤホン"),
    ]


def test_xlsx_title_rows_header_detection_and_description_row(tmp_path: Path):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "Products"
    ws.append(["Summer catalogue 2026"])
    ws.append(["Fill in one product per row"])
    ws.append(["sku", "title", "price", "weight"])
    ws.append(["SKU code", "Product name", "Price (USD)", "Weight (kg)"])
    ws.append(["X1", "Beach towel", 19.5, 0.6])
    ws.append([None, None, None, None])
    ws.append(["X2", "Sun hat", 12, "=1+1"])  # a formula is read as text, never evaluated
    notes = wb.create_sheet("Instructions")
    notes.append(["How to use this template"])
    notes.append(["Write one product per row."])
    path = tmp_path / "two_header_rows.xlsx"
    wb.save(path)
    cat = load(path)
    assert cat.records == 2
    assert _rows(cat, "_row", "_sheet", "sku", "price_amount") == [
        (5, "Products", "X1", 19.5),
        (7, "Products", "X2", 12.0),
    ]
    # the rows that are not listings are said so, not dropped silently (issue 21, M4)
    assert [(i.kind, i.row) for i in cat.issues] == [
        ("skipped-row", 1),
        ("skipped-row", 2),
        ("skipped-row", 4),
        ("skipped-sheet", None),
    ]
    assert load(path, sheet="Products").records == 2
    with pytest.raises(InputError, match="no sheet named 'Nope'"):
        load(path, sheet="Nope")


def test_xlsx_table_below_and_right_of_empty_cells_keeps_sheet_rows(tmp_path: Path):
    """A table starting at C4 (empty rows above, empty columns left): findings point
    at the sheet's own row numbers."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    for col, value in zip("CDE", ["sku", "title", "price"], strict=True):
        ws[f"{col}4"] = value
    ws["C5"], ws["D5"], ws["E5"] = "A1", "Mug", 4.5
    ws["C7"], ws["D7"] = "A2", "Bowl"  # a blank row 6 in between
    path = tmp_path / "offset.xlsx"
    wb.save(path)
    cat = load(path)
    assert _rows(cat, "_row", "sku", "title", "price_amount") == [
        (5, "A1", "Mug", 4.5),
        (7, "A2", "Bowl", None),
    ]


def test_from_records_library_input():
    cat = from_records([{"sku": "A", "title": "Mug"}, {"sku": "B", "Product Name": "x"}])
    assert cat.records == 2 and cat.frame["sku"].to_list() == ["A", "B"]


def test_listing_models_at_the_boundary():
    cat = load(FIXTURES / "shopify_variants.csv")
    first = next(cat.listings())
    assert first.source.row == 2 and first.source.columns["title"] == "Title"
    assert first.weight is not None and first.weight.value == pytest.approx(0.18)
    assert first.price is not None and first.price.amount == 20.0


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"PK\x03\x04garbage", "damaged or truncated"),
        (b"\x00\x01\x02\x03" * 100, "binary"),
        (b"%PDF-1.7\n", "PDF"),
        (b"# Title\n\nSome prose", "Markdown"),
        (b'{"users": [{"email": "a@b"}]', "invalid JSON"),
        (b'{"count": 3}', None),  # a single object is read as one listing
        (b"[1, 2, 3]", "no objects"),
    ],
)
def test_unusable_inputs_are_one_line_errors(tmp_path: Path, content: bytes, message: str | None):
    path = tmp_path / "input.xlsx"
    path.write_bytes(content)
    if message is None:
        assert load(path).records == 1
        return
    with pytest.raises(InputError) as err:
        load(path)
    text = str(err.value)
    assert "\n" not in text and str(path) in text and message in text


def test_word_document_in_a_zip(tmp_path: Path):
    import zipfile

    path = tmp_path / "catalog.xlsx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("word/document.xml", "<w:document/>")
    with pytest.raises(InputError, match="Word document"):
        load(path)


def test_input_file_is_not_modified():
    path = FIXTURES / "shopify_variants.csv"
    before = path.read_bytes()
    load(path)
    assert path.read_bytes() == before
