"""The hostile-file corpus of issue 10, generated on the fly (no committed binaries).

``HOSTILE`` maps a case name to ``(file name, generator, allowed exit codes, text the
output or the one-line error must contain)``. tests/test_hostile.py runs each through
the real CLI in a subprocess; benchmarks/hostile_figures.py prints time and memory.
"""

from __future__ import annotations

import io
import json
import random
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
