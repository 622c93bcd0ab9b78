"""Hostile inputs (issue 10): each is generated here (no committed binaries) and run
through the real CLI in a subprocess. Every one must end with exit 0/1/2, a clear
message (one line on stderr for exit 2, never a traceback), within 30 s, under 1.5 GB
RSS, with the input's bytes unchanged."""

from __future__ import annotations

import io
import json
import random
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

MAX_SECONDS = 30
MAX_RSS_KB = 1_500_000

_RUNNER = (
    "import atexit, resource, runpy, sys\n"
    "atexit.register(lambda: sys.stderr.write("
    "'\\nMAXRSS=%d\\n' % resource.getrusage(resource.RUSAGE_SELF).ru_maxrss))\n"
    "sys.argv = ['listlint'] + sys.argv[1:]\n"
    "runpy.run_module('listlint', run_name='__main__')\n"
)


def _xlsx_with(parts: dict[str, bytes | str]) -> bytes:
    base = {
        "[Content_Types].xml": '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        "</Types>",
        "_rels/.rels": '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
        "</Relationships>",
        "xl/workbook.xml": '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
        '<sheet name="Products" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
        "</Relationships>",
    }
    base.update(parts)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in base.items():
            zf.writestr(name, data)
    return buf.getvalue()


def _sheet(rows_xml: str, prolog: str = "") -> str:
    return (
        f'<?xml version="1.0"?>{prolog}<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"<sheetData>{rows_xml}</sheetData></worksheet>"
    )


def _inline_row(r: int, values: list[str]) -> str:
    cells = "".join(
        f'<c r="{chr(65 + i)}{r}" t="inlineStr"><is><t>{v}</t></is></c>'
        for i, v in enumerate(values)
    )
    return f'<row r="{r}">{cells}</row>'


def billion_laughs() -> bytes:
    ents = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
        for i in range(1, 10)
    )
    prolog = f"<!DOCTYPE worksheet [{ents}]>"
    rows = _inline_row(1, ["sku", "title"]) + _inline_row(2, ["A1", "&lol9;"])
    return _xlsx_with({"xl/worksheets/sheet1.xml": _sheet(rows, prolog)})


def zip_bomb() -> bytes:
    filler = "<row/>" * 12_000_000  # ~72 MB of XML that compresses ~1000x
    return _xlsx_with(
        {"xl/worksheets/sheet1.xml": _sheet(_inline_row(1, ["sku", "title"]) + filler)}
    )


def good_xlsx() -> bytes:
    rows = _inline_row(1, ["sku", "title", "price"]) + _inline_row(2, ["A1", "Mug", "9"])
    return _xlsx_with({"xl/worksheets/sheet1.xml": _sheet(rows)})


def formula_xlsx() -> bytes:
    rows = (
        _inline_row(1, ["sku", "title", "price"])
        + '<row r="2"><c r="A2" t="inlineStr"><is><t>A1</t></is></c>'
        '<c r="B2" t="str"><f>HYPERLINK("http://evil.example","click")</f><v>click</v></c>'
        '<c r="C2"><f>1+1</f><v>2</v></c></row>'
    )
    return _xlsx_with({"xl/worksheets/sheet1.xml": _sheet(rows)})


HOSTILE: dict[str, tuple[str, Callable[[], bytes], set[int], str | None]] = {
    # name: (file name, generator, allowed exit codes, text expected in stderr/stdout)
    "empty": ("empty.csv", lambda: b"", {2}, "empty"),
    "header-only": ("header.csv", lambda: b"sku,title,price\n", {0}, None),
    "random-bytes": ("random.csv", lambda: random.Random(1).randbytes(50_000), {2}, "binary"),
    "nul-bytes": ("nul.csv", lambda: b"sku,title\nA1,Mu\x00g\n", {2}, "binary"),
    "mixed-encoding": (
        "mixed.csv",
        lambda: "sku,title\nA1,Café\n".encode() + "A2,Crème\n".encode("cp1252"),
        {0, 1},
        None,
    ),
    "utf16-no-bom": ("utf16.csv", lambda: "sku,title\nA1,Mug\n".encode("utf-16-le"), {0, 1}, None),
    "ragged": ("ragged.csv", lambda: b"sku,title\nA1,Mug,extra\nA2\n", {1}, "DT101"),
    "unterminated-quote": ("quote.csv", lambda: b'sku,title\nA1,"Mug\nA2,Cup\n', {1}, "DT106"),
    "duplicate-headers": ("dups.csv", lambda: b"sku,title,title,,\nA1,Mug,Cup,x,y\n", {0, 1}, None),
    "5mb-cell": (
        "bigcell.csv",
        lambda: b"sku,title,description\nA1,Mug," + b"x" * 5_000_000 + b"\n",
        {0, 1},
        None,
    ),
    "20000-columns": (
        "wide.csv",
        lambda: (
            ",".join(f"c{i}" for i in range(20_000))
            + "\n"
            + ",".join("v" for _ in range(20_000))
            + "\n"
        ).encode(),
        {2},
        "max_columns",
    ),
    "deep-json": ("deep.json", lambda: b"[" * 100_000 + b"]" * 100_000, {2}, "nest"),
    "json-wrong-shape": (
        "shape.json",
        lambda: b'{"meta": {"count": [1, 2]}, "list": ["a", "b"]}',
        {2},
        "no list of product objects",
    ),
    "json-scalar-array": ("scalars.json", lambda: b"[1, 2, 3]", {2}, "no objects"),
    "truncated-xlsx": ("trunc.xlsx", lambda: good_xlsx()[:300], {2}, "xlsx"),
    "fake-xlsx-csv": ("fake.xlsx", lambda: b"sku,title\nA1,Mug\n", {0, 1}, None),
    "zip-bomb-xlsx": ("bomb.xlsx", zip_bomb, {2}, "zip bomb"),
    "billion-laughs-xlsx": ("laughs.xlsx", billion_laughs, {0, 1, 2}, None),
    "formulas-xlsx": ("formulas.xlsx", formula_xlsx, {0, 1}, None),
    "password-protected": (
        "locked.xlsx",
        lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 4096,
        {2},
        "password",
    ),
    "docx-renamed": (
        "doc.xlsx",
        lambda: _xlsx_with({"word/document.xml": "<w/>"}).replace(
            b"xl/workbook.xml", b"xl/workbook.xmm"
        ),
        {2},
        None,
    ),
}


def _run(path: Path, *extra: str) -> tuple[subprocess.CompletedProcess, int]:
    proc = subprocess.run(
        [sys.executable, "-c", _RUNNER, str(path), "--isolated", "-f", "json", *extra],
        capture_output=True,
        text=True,
        timeout=MAX_SECONDS,
    )
    rss = 0
    for line in proc.stderr.splitlines():
        if line.startswith("MAXRSS="):
            rss = int(line.split("=", 1)[1])
    return proc, rss


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_file(case: str, tmp_path: Path):
    filename, make, codes, expect = HOSTILE[case]
    path = tmp_path / filename
    data = make()
    path.write_bytes(data)
    proc, rss = _run(path)
    stderr = "\n".join(
        ln for ln in proc.stderr.splitlines() if not ln.startswith("MAXRSS=") and ln.strip()
    )
    assert "Traceback" not in proc.stderr, proc.stderr[-3000:]
    assert proc.returncode in codes, (proc.returncode, stderr[:500])
    assert rss < MAX_RSS_KB, f"peak RSS {rss} kB"
    assert path.read_bytes() == data, "input modified"
    if proc.returncode == 2:
        assert len(stderr.splitlines()) == 1 and stderr.startswith("listlint: error:"), stderr
        assert filename in stderr
    else:
        report = json.loads(proc.stdout)
        assert report["summary"]["files"] == 1
    if expect:
        assert expect.lower() in (stderr + proc.stdout).lower()


def test_limits_are_configurable(tmp_path: Path):
    path = tmp_path / "wide.csv"
    path.write_bytes(
        (
            ",".join(f"c{i}" for i in range(300)) + "\n" + ",".join("v" for _ in range(300)) + "\n"
        ).encode()
    )
    (tmp_path / "listlint.toml").write_text("[limits]\nmax_columns = 100\n", encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "listlint", str(path)], capture_output=True, text=True, cwd=tmp_path
    )
    assert proc.returncode == 2 and "max_columns" in proc.stderr
    (tmp_path / "listlint.toml").write_text("[limits]\nmax_columns = 1000\n", encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "listlint", str(path)], capture_output=True, text=True, cwd=tmp_path
    )
    assert proc.returncode in (0, 1), proc.stderr


def test_long_cell_is_reported(tmp_path: Path):
    path = tmp_path / "bigcell.csv"
    path.write_bytes(b"sku,title,description\nA1,Mug," + b"x" * 5_000_000 + b"\n")
    proc, _ = _run(path, "--select", "DT103")
    report = json.loads(proc.stdout)
    assert [f["rule"] for f in report["findings"]] == ["DT103"]
