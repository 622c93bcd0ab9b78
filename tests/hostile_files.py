"""The hostile-file corpus of issue 10, generated on the fly (no committed binaries).

``HOSTILE`` maps a case name to ``(file name, generator, allowed exit codes, text the
output or the one-line error must contain)``. tests/test_hostile.py runs each through
the real CLI in a subprocess; benchmarks/hostile_figures.py prints time and memory.
"""

from __future__ import annotations

import io
import json
import random
import re
import struct
import zipfile
from collections.abc import Callable

Case = tuple[str, Callable[[], bytes], set[int], str | None]

_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG = "http://schemas.openxmlformats.org/package/2006/relationships"


def xlsx_with(parts: dict[str, bytes | str]) -> bytes:
    """A minimal one-sheet workbook ("Products"); ``parts`` replaces or adds zip parts."""
    base = {
        "[Content_Types].xml": '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        "</Types>",
        "_rels/.rels": f'<?xml version="1.0"?><Relationships xmlns="{_PKG}">'
        f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="xl/workbook.xml"/>'
        "</Relationships>",
        "xl/workbook.xml": f'<?xml version="1.0"?><workbook xmlns="{_NS}" xmlns:r="{_REL}"><sheets>'
        '<sheet name="Products" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": f'<?xml version="1.0"?><Relationships xmlns="{_PKG}">'
        f'<Relationship Id="rId1" Type="{_REL}/worksheet" Target="worksheets/sheet1.xml"/>'
        "</Relationships>",
    }
    base.update(parts)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in base.items():
            zf.writestr(name, data)
    return buf.getvalue()


def sheet(rows_xml: str, prolog: str = "") -> str:
    return (
        f'<?xml version="1.0"?>{prolog}<worksheet xmlns="{_NS}">'
        f"<sheetData>{rows_xml}</sheetData></worksheet>"
    )


def _col(i: int) -> str:
    letters = ""
    i += 1
    while i:
        i, rem = divmod(i - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def inline_row(r: int, values: list[str]) -> str:
    cells = "".join(
        f'<c r="{_col(i)}{r}" t="inlineStr"><is><t>{v}</t></is></c>' for i, v in enumerate(values)
    )
    return f'<row r="{r}">{cells}</row>'


def _xlsx_rows(*rows: list[str], prolog: str = "") -> bytes:
    body = "".join(inline_row(i, r) for i, r in enumerate(rows, 1))
    return xlsx_with({"xl/worksheets/sheet1.xml": sheet(body, prolog)})


def billion_laughs() -> bytes:
    ents = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
        for i in range(1, 10)
    )
    return _xlsx_rows(["sku", "title"], ["A1", "&lol9;"], prolog=f"<!DOCTYPE worksheet [{ents}]>")


def external_entity() -> bytes:
    prolog = '<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    return _xlsx_rows(["sku", "title"], ["A1", "&xxe;"], prolog=prolog)


def zip_bomb() -> bytes:
    filler = "<row/>" * 12_000_000  # ~72 MB of XML that compresses ~700x
    return xlsx_with({"xl/worksheets/sheet1.xml": sheet(inline_row(1, ["sku", "title"]) + filler)})


def lying_zip() -> bytes:
    """A part whose declared size is 50x its compressed size (under every limit) but
    that really inflates to 12 MB: the reader must stop at the declared size (a real
    attack would inflate to gigabytes; the mechanism is the same)."""
    filler = "<row/>" * 2_000_000
    data = bytearray(
        xlsx_with({"xl/worksheets/sheet1.xml": sheet(inline_row(1, ["sku", "title"]) + filler)})
    )
    name = b"xl/worksheets/sheet1.xml"
    info = zipfile.ZipFile(io.BytesIO(bytes(data))).getinfo(name.decode())
    fake = info.compress_size * 50
    struct.pack_into("<I", data, info.header_offset + 22, fake)  # local header
    at = data.find(b"PK\x01\x02")
    while at != -1:  # central directory entries
        n = struct.unpack_from("<H", data, at + 28)[0]
        if data[at + 46 : at + 46 + n] == name:
            struct.pack_into("<I", data, at + 24, fake)
        at = data.find(b"PK\x01\x02", at + 4)
    return bytes(data)


def good_xlsx() -> bytes:
    return _xlsx_rows(["sku", "title", "price"], ["A1", "Mug", "9"])


def formula_xlsx() -> bytes:
    rows = (
        inline_row(1, ["sku", "title", "price"])
        + '<row r="2"><c r="A2" t="inlineStr"><is><t>A1</t></is></c>'
        '<c r="B2" t="str"><f>HYPERLINK("http://evil.example","click")</f><v>click</v></c>'
        '<c r="C2"><f>1+1</f><v>2</v></c></row>'
    )
    return xlsx_with({"xl/worksheets/sheet1.xml": sheet(rows)})


def _ole(*streams: str) -> bytes:
    """An OLE2 compound-file header followed by directory names (UTF-16LE), enough for
    the sniffer; real encrypted .xlsx files carry these stream names the same way."""
    names = b"".join(s.encode("utf-16-le").ljust(64, b"\x00") for s in streams)
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504 + names + b"\x00" * 4096


def wide_csv(n: int = 20_000) -> bytes:
    return (
        ",".join(f"c{i}" for i in range(n)) + "\n" + ",".join("v" for _ in range(n)) + "\n"
    ).encode()


def _json(obj: object) -> bytes:
    return json.dumps(obj).encode()


def jsonl_mixed() -> bytes:
    deep = "[" * 200 + "]" * 200
    lines = [
        '{"sku": "A1", "title": "Mug"}',
        '{"sku": "A2", "title": "Cup"',  # unterminated
        "[1, 2]",
        f'{{"sku": "A3", "deep": {deep}}}',
        '{"sku": "A4", "title": "Plate"}',
    ]
    return "\n".join(lines).encode()


# --- issue 21 (attack pass of 2026-12): loader amplification and silent drops ------


def far_cell_xlsx(ref: str) -> bytes:
    """A header row and one cell far away: a dense reader allocates the whole grid."""
    row = int(re.sub(r"^[A-Z]+", "", ref))
    cells = f'<row r="{row}"><c r="{ref}" t="inlineStr"><is><t>x</t></is></c></row>'
    body = inline_row(1, ["sku", "title"]) + inline_row(2, ["A1", "Mug"]) + cells
    return xlsx_with({"xl/worksheets/sheet1.xml": sheet(body)})


def many_sheets_xlsx(n: int = 6000) -> bytes:
    """``n`` small sheets (a header and one product each)."""
    sheets = "".join(f'<sheet name="S{i}" sheetId="{i + 1}" r:id="rId{i + 1}"/>' for i in range(n))
    rels = "".join(
        f'<Relationship Id="rId{i + 1}" Type="{_REL}/worksheet" Target="worksheets/s{i}.xml"/>'
        for i in range(n)
    )
    parts: dict[str, bytes | str] = {
        "xl/workbook.xml": f'<?xml version="1.0"?><workbook xmlns="{_NS}" xmlns:r="{_REL}">'
        f"<sheets>{sheets}</sheets></workbook>",
        "xl/_rels/workbook.xml.rels": f'<?xml version="1.0"?><Relationships xmlns="{_PKG}">'
        f"{rels}</Relationships>",
    }
    for i in range(n):
        rows = inline_row(1, ["sku", "title", "price"]) + inline_row(2, [f"S{i}", "Mug", "9"])
        parts[f"xl/worksheets/s{i}.xml"] = sheet(rows)
    return xlsx_with(parts)


def decoy_header_xlsx() -> bytes:
    """Products under the real header, then a richer header-like row: the loader must
    not take the later row for the header and drop the products above it."""
    return _xlsx_rows(
        ["sku", "title", "price"],
        ["K1", "Kratom capsules", "9"],
        ["K2", "Kratom powder 1 kg", "19"],
        ["A3", "Ceramic mug", "5"],
        ["sku", "title", "price", "brand", "category", "description"],
        ["A4", "Tea cup", "4", "Acme", "Kitchen", "A cup"],
    )


def paren_first_row_xlsx() -> bytes:
    """A first product whose cells carry parentheses is data, not a description row."""
    return _xlsx_rows(
        ["sku", "title", "price"],
        ["K1 (new)", "Kratom capsules (60 ct)", "$9.99 (each)"],
        ["A2", "Ceramic mug", "5"],
    )


def stray_byte_csv() -> bytes:
    """UTF-8 throughout but for one cp1252 byte at the end."""
    head = "sku,title,brand,price\nZ1,高仿 Rolex Submariner watch,Rolex,99\n".encode()
    filler = b"".join(b"F%d,Cotton tee %d,Acme,9\n" % (i, i) for i in range(3000))
    return head + filler + b"Z9,Caf\xe9 mug,Acme,5\n"


def json_distinct_keys(n: int) -> bytes:
    return _json([{"sku": f"S{i}", "title": "Mug", f"k{i}": "v"} for i in range(n)])


def json_nulls(n: int) -> bytes:
    return b"[" + b"null," * n + b'{"sku": "A1", "title": "Mug"}]'


def json_table_quadratic(n: int = 20_000) -> bytes:
    """Table-in-JSON: ``n`` headers and ``n`` empty row objects."""
    return _json({"headers": [f"h{i}" for i in range(n)], "rows": [{} for _ in range(n)]})


def json_variant_explosion() -> bytes:
    """One product with 300 keys and 100,000 empty variants."""
    product = {f"k{i}": "v" for i in range(300)} | {"sku": "P1", "title": "Mug"}
    product["variants"] = [{}] * 100_000
    return _json([product])


def _parquet(table: object, row_group_size: int | None = None) -> bytes:
    import pyarrow.parquet as pq

    buf = io.BytesIO()
    pq.write_table(table, buf, row_group_size=row_group_size)  # type: ignore[arg-type]
    return buf.getvalue()


def parquet_bomb() -> bytes:
    """30 row groups of 1M dictionary-encoded rows: ~330 KB on disk."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    n = 1_000_000
    t = pa.table(
        {
            "sku": pa.array(["A1"] * n).dictionary_encode(),
            "title": pa.array(["Cotton mug"] * n).dictionary_encode(),
        }
    )
    buf = io.BytesIO()
    with pq.ParquetWriter(buf, t.schema) as w:
        for _ in range(30):
            w.write_table(t)
    return buf.getvalue()


def parquet_list_column() -> bytes:
    import pyarrow as pa

    return _parquet(
        pa.table({"sku": ["A1"], "title": ["Kratom capsules"], "tags": pa.array([["x", "y"]])})
    )


def parquet_duration_column() -> bytes:
    import datetime as dt

    import pyarrow as pa

    return _parquet(
        pa.table(
            {
                "sku": ["A1"],
                "title": ["Kratom capsules"],
                "lead_time": pa.array([dt.timedelta(days=2)], type=pa.duration("s")),
            }
        )
    )


def parquet_wide(n: int = 20_000) -> bytes:
    import pyarrow as pa

    return _parquet(pa.table({f"c{i}": ["v"] for i in range(n)}))


def wide_rows_csv(columns: int = 16_000, rows: int = 500) -> bytes:
    """Under max_columns but wide and long: per-column costs add up."""
    head = ",".join(["sku", "title"] + [f"a{i}" for i in range(columns - 2)])
    line = ",".join(["S", "Mug"] + ["v"] * (columns - 2))
    return (head + "\n" + "\n".join(line for _ in range(rows)) + "\n").encode()


HOSTILE: dict[str, Case] = {
    # text files
    "empty": ("empty.csv", lambda: b"", {2}, "empty"),
    "bom-only": ("bom.csv", lambda: b"\xef\xbb\xbf", {2}, "no header row"),
    "delimiters-only": ("commas.csv", lambda: b",,,\n,,,\n", {2}, "no header row"),
    "header-only": ("header.csv", lambda: b"sku,title,price\n", {0}, None),
    "random-bytes": ("random.csv", lambda: random.Random(1).randbytes(50_000), {2}, "binary"),
    "nul-bytes": ("nul.csv", lambda: b"sku,title\nA1,Mu\x00g\n", {2}, "binary"),
    "mixed-encoding": (
        "mixed.csv",
        lambda: "sku,title\nA1,Café\n".encode() + "A2,Crème\n".encode("cp1252"),
        {0, 1},
        None,
    ),
    "cp1252-smart-quotes": (
        "cp1252.csv",
        lambda: "sku,title\nA1,“Café” mug – 250 ml\n".encode("cp1252"),
        {0, 1},
        None,
    ),
    "shift-jis": (
        "sjis.csv",
        lambda: "sku,title\nA1,マグカップ\n".encode("shift_jis"),
        {0, 1},
        None,
    ),
    "utf16-bom": ("utf16bom.csv", lambda: "sku,title\nA1,Mug\n".encode("utf-16"), {0, 1}, None),
    "utf16-no-bom": ("utf16.csv", lambda: "sku,title\nA1,Mug\n".encode("utf-16-le"), {0, 1}, None),
    "cr-only-newlines": ("mac.csv", lambda: b"sku,title\rA1,Mug\rA2,Cup\r", {0, 1}, None),
    "ragged": ("ragged.csv", lambda: b"sku,title\nA1,Mug,extra\nA2\n", {1}, "DT101"),
    "unterminated-quote": ("quote.csv", lambda: b'sku,title\nA1,"Mug\nA2,Cup\n', {1}, "DT106"),
    "duplicate-headers": ("dups.csv", lambda: b"sku,title,title,,\nA1,Mug,Cup,x,y\n", {0, 1}, None),
    "formula-cells-csv": (
        "formula.csv",
        lambda: b"sku,title,description\nA1,=cmd|' /C calc'!A0,@SUM(1+1)\n",
        {0, 1},
        None,
    ),
    "terminal-escapes": (
        "ansi.csv",
        lambda: "sku,title\nA1,Mug \x1b[2J\x1b]0;pwned\x07 \u202eevil\n".encode(),
        {0, 1},
        None,
    ),
    "5mb-cell": (
        "bigcell.csv",
        lambda: b"sku,title,description\nA1,Mug," + b"x" * 5_000_000 + b"\n",
        {0, 1},
        "DT103",
    ),
    "10mb-single-line": ("oneline.csv", lambda: b"x" * 10_000_000, {2}, "not a catalogue"),
    "20000-columns": ("wide.csv", wide_csv, {2}, "max_columns"),
    "gzip-renamed": ("gz.csv", lambda: b"\x1f\x8b\x08\x00" + b"\x00" * 100, {2}, "gzip"),
    "html-renamed": (
        "page.csv",
        lambda: b"<!DOCTYPE html><html><body>hi</body></html>",
        {2},
        "HTML",
    ),
    # JSON
    "deep-json": ("deep.json", lambda: b"[" * 100_000 + b"]" * 100_000, {2}, "max_json_depth"),
    "deep-json-under-recursion": (
        "deep2.json",
        lambda: b'{"products": [{"sku": "A", "x": ' + b"[" * 500 + b"]" * 500 + b"}]}",
        {2},
        "max_json_depth",
    ),
    "json-wrong-shape": (
        "shape.json",
        lambda: b'{"meta": {"count": [1, 2]}, "list": ["a", "b"]}',
        {2},
        "no list of product objects",
    ),
    "json-scalar-array": ("scalars.json", lambda: b"[1, 2, 3]", {2}, "no objects"),
    "json-empty-array": ("emptyarr.json", lambda: b"[]", {2}, "empty"),
    "json-truncated": ("trunc.json", lambda: b'[{"sku": "A1", "title": "Mu', {2}, "invalid JSON"),
    "json-5mb-string": (
        "bigstr.json",
        lambda: _json(
            {"products": [{"sku": "A1", "title": "Mug", "description": "x" * 5_000_000}]}
        ),
        {0, 1},
        "DT103",
    ),
    "json-20000-keys": (
        "keys.json",
        lambda: _json([{f"k{i}": "v" for i in range(20_000)}]),
        {2},
        "max_columns",
    ),
    "json-nan-inf": (
        "nan.json",
        lambda: b'[{"sku": "A1", "title": "Mug", "price": NaN, "weight": 1e999999}]',
        {0, 1},
        None,
    ),
    "jsonl-garbage-lines": ("mixed.jsonl", jsonl_mixed, {1}, "DT105"),
    # workbooks
    "truncated-xlsx": ("trunc.xlsx", lambda: good_xlsx()[:300], {2}, "xlsx"),
    "fake-xlsx-csv": ("fake.xlsx", lambda: b"sku,title\nA1,Mug\n", {0, 1}, None),
    "xlsx-header-only": ("hdr.xlsx", lambda: _xlsx_rows(["sku", "title", "price"]), {0}, None),
    "xlsx-empty-sheet": ("blank.xlsx", lambda: _xlsx_rows(), {2}, "header row"),
    "xlsx-20000-columns": (
        "wide.xlsx",
        lambda: _xlsx_rows([f"c{i}" for i in range(20_000)], ["v"] * 20_000),
        {2},
        "max_columns",
    ),
    "xlsx-5mb-cell": (
        "bigcell.xlsx",
        lambda: _xlsx_rows(["sku", "title", "description"], ["A1", "Mug", "x" * 5_000_000]),
        {0, 1},
        "DT103",
    ),
    "zip-bomb-xlsx": ("bomb.xlsx", zip_bomb, {2}, "zip bomb"),
    "zip-lying-sizes-xlsx": ("lying.xlsx", lying_zip, {2}, "declared"),
    "billion-laughs-xlsx": ("laughs.xlsx", billion_laughs, {2}, "entity expansion"),
    "external-entity-xlsx": ("xxe.xlsx", external_entity, {2}, "DTD"),
    "formulas-xlsx": ("formulas.xlsx", formula_xlsx, {0, 1}, None),
    "password-protected": (
        "locked.xlsx",
        lambda: _ole("Root Entry", "EncryptionInfo", "EncryptedPackage"),
        {2},
        "password-protected",
    ),
    "legacy-xls": ("old.xlsx", lambda: _ole("Root Entry", "Workbook"), {2}, "legacy .xls"),
    "docx-renamed": (
        "doc.xlsx",
        lambda: xlsx_with({"word/document.xml": "<w/>"}).replace(
            b"xl/workbook.xml", b"xl/workbook.xmm"
        ),
        {2},
        "Word document",
    ),
    "plain-zip": (
        "archive.xlsx",
        lambda: _zip_of({"catalog.csv": b"sku,title\nA1,Mug\n"}),
        {2},
        "unpack it",
    ),
    # issue 21: sparse far-away cells (H1), JSON/Parquet amplification (H4, H5),
    # silently dropped rows (M4), encodings (M5), Parquet column types (M8), budgets (M11)
    "xlsx-far-cell-max": ("far_max.xlsx", lambda: far_cell_xlsx("XFD1048576"), {1}, "DT101"),
    "xlsx-far-cell-6000": ("far_6000.xlsx", lambda: far_cell_xlsx("XFD6000"), {1}, "DT101"),
    "xlsx-far-cell-3000": ("far_3000.xlsx", lambda: far_cell_xlsx("XFD3000"), {1}, "DT101"),
    "xlsx-far-cell-tall": ("far_tall.xlsx", lambda: far_cell_xlsx("N1048576"), {1}, "DT101"),
    "xlsx-ref-col-overflow": ("colover.xlsx", lambda: far_cell_xlsx("ZZZZZZZZZZ2"), {1, 2}, None),
    "xlsx-ref-huge-row": ("hugerow.xlsx", lambda: far_cell_xlsx("A4294967295"), {1, 2}, None),
    "xlsx-ref-row-overflow": ("rowover.xlsx", lambda: far_cell_xlsx("A99999999999"), {1, 2}, None),
    "xlsx-6000-sheets": ("sheets.xlsx", many_sheets_xlsx, {0, 1}, None),
    "xlsx-decoy-header": ("decoy.xlsx", decoy_header_xlsx, {1}, "PR101"),
    "xlsx-paren-first-row": ("paren.xlsx", paren_first_row_xlsx, {1}, "PR101"),
    "csv-stray-byte": ("stray.csv", stray_byte_csv, {1}, "TM1"),
    # M11: 16,000 columns x 500 rows (16 MB) within the default limits; every row read
    # (the 499 repeats of SKU 'S' are DT203)
    "csv-16k-columns-500-rows": ("wide-rows.csv", wide_rows_csv, {1}, "DT203"),
    "bracket-header": ("bracket.csv", lambda: b"[SKU],[Title]\nK1,Kratom capsules\n", {1}, "PR101"),
    "brace-header": ("brace.csv", lambda: b"{SKU},{Title}\nK1,Kratom capsules\n", {1}, "PR101"),
    "gtin-only-list": (
        "gtins.csv",
        lambda: ("GTIN\n" + "\n".join(f"{4006381333931 + 10 * i}" for i in range(40))).encode(),
        {0, 1},
        None,
    ),
    "json-distinct-keys-16k": ("keys16k.json", lambda: json_distinct_keys(16_000), {0, 1}, None),
    # rare keys are folded into one "other keys" column: nothing to refuse
    "json-distinct-keys-20k": ("keys20k.json", lambda: json_distinct_keys(20_000), {0, 1}, None),
    "json-1m-nulls": ("nulls.json", lambda: json_nulls(1_000_000), {1}, "DT105"),
    "json-table-quadratic": ("tableq.json", json_table_quadratic, {2}, "max_columns"),
    "json-variant-explosion": ("variants.json", json_variant_explosion, {0, 1, 2}, None),
    "json-duplicate-keys": (
        "dupkeys.json",
        lambda: b'[{"sku":"A1","title":"Kratom capsules","title":"Herbal tea"}]',
        {0, 1},
        "DT110",
    ),
    "parquet-bomb": ("bomb.parquet", parquet_bomb, {2}, "expands"),
    "parquet-list-column": ("list.parquet", parquet_list_column, {1}, "PR101"),
    "parquet-duration-column": ("duration.parquet", parquet_duration_column, {1}, "PR101"),
    "parquet-20000-columns": ("wide.parquet", parquet_wide, {2}, "max_columns"),
}


def _zip_of(files: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, data in files.items():
            zf.writestr(name, data)
    return buf.getvalue()


# -- issue 21: inputs that attack the output formats (tests/test_hostile_output.py) --


def sparse_tall_xlsx() -> bytes:
    """A 1.5 KB workbook whose one far cell (N1048576) made the annotated copy build
    every cell of the range (4.6 GB, 67 s)."""
    rows = inline_row(1, ["sku", "title", "price"]) + inline_row(2, ["A1", "Ceramic mug", "9"])
    far = '<row r="1048576"><c r="N1048576" t="inlineStr"><is><t>far</t></is></c></row>'
    return xlsx_with({"xl/worksheets/sheet1.xml": sheet(rows + far)})


def nan_number_xlsx() -> bytes:
    """Number cells calamine reads but openpyxl cannot (1e99999, NaN): the copy once
    silently lacked the catalogue sheet."""
    rows = (
        inline_row(1, ["sku", "title", "price"])
        + '<row r="2"><c r="A2" t="inlineStr"><is><t>K1</t></is></c>'
        '<c r="B2" t="inlineStr"><is><t>Kratom capsules</t></is></c>'
        '<c r="C2"><v>1e99999</v></c><c r="D2" t="n"><v>NaN</v></c></row>'
    )
    return xlsx_with({"xl/worksheets/sheet1.xml": sheet(rows)})


def noncharacter_csv() -> bytes:
    return "sku,title\nA1\uffff,Kratom \ufffecapsules\n".encode()


def cp1252_even_csv() -> bytes:
    """cp1252 text of even length: the copy's own decoder took it for UTF-16."""
    data = "sku,title,brand\nA1,Café crème mug – 250 ml,Acme\n".encode("cp1252")
    return data if len(data) % 2 == 0 else data + b"\n"


def big_cell_csv() -> bytes:
    """Over the loader's 8 MB fast-path size, with a 200 KB cell: Python's csv field
    limit (128 KB) broke the copy's own CSV reader."""
    head = "sku,title,description,price\nK1,Kratom capsules," + "x" * 200_000 + ",9\n"
    body = "".join(
        f"S{i},Cotton T-Shirt {i},Soft cotton tee for everyday wear,19.99\n" for i in range(150_000)
    )
    return (head + body).encode()


def hostile_text_csv() -> bytes:
    """C1 CSI, a right-to-left override and a line separator in seller text."""
    return "sku,title\nA\x9b1\u202e\u2028,Kratom capsules\n".encode()


def long_sku_csv(rows: int = 10, size: int = 300_000) -> bytes:
    return (
        "sku,title\n" + "".join(f"{i}{'K' * size},Kratom capsules\n" for i in range(rows))
    ).encode()
