"""File-writing formats through the CLI: xlsx reopened cell by cell, --output inference,
input bytes unchanged after every format, and atomic writes."""

from __future__ import annotations

import csv
import hashlib
import json
import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from listlint import formatters
from listlint.cli import main

HOSTILE_TITLE = '=HYPERLINK("http://evil.example","1:1 Replica Nlke shoes")'
LONG = "Nlke 1:1 replica " + "y" * 40000


def _catalog(tmp_path: Path) -> Path:
    path = tmp_path / "catalog.csv"
    rows = [
        ["sku", "title", "description", "price"],
        ["A-1", "Plain cotton t-shirt", "Soft cotton tee", "9.99"],
        ["A-1", "Plain cotton t-shirt blue", "Soft \x07cotton tee", "9.99"],
        ["B-2", HOSTILE_TITLE, "@SUM(1+1)", "19.99"],
        ["C-3", LONG, "-2+3", "5"],
    ]
    with path.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows(rows)
    return path


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _workbook(tmp_path: Path) -> Path:
    src = tmp_path / "catalog.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["sku", "title", "price"])
    ws.append(["A-1", "Plain mug", "=1+1"])
    ws.append(["A-1", '=HYPERLINK("http://evil.example","Nlke 1:1 replica")', 5])
    wb.save(src)
    return src


def _json_input(tmp_path: Path) -> Path:
    src = tmp_path / "catalog.json"
    src.write_text(
        json.dumps({"products": [{"sku": "A-1", "title": "=cmd|' /C calc'!A0"}, {"sku": "A-1"}]})
    )
    return src


def _jsonl_input(tmp_path: Path) -> Path:
    src = tmp_path / "catalog.jsonl"
    src.write_text('{"sku": "A-1", "title": "Mug"}\n{"sku": "A-1", "title": "@SUM(1)"}\nnot json\n')
    return src


INPUTS = {"csv": _catalog, "xlsx": _workbook, "json": _json_input, "jsonl": _jsonl_input}


@pytest.mark.parametrize("kind", sorted(INPUTS))
@pytest.mark.parametrize("ext", sorted(formatters.EXTENSIONS))
def test_output_format_from_extension_and_input_unchanged(
    tmp_path: Path, ext: str, kind: str
) -> None:
    src = INPUTS[kind](tmp_path)
    before = (_digest(src), src.stat().st_mtime_ns)
    out = tmp_path / f"report{ext}"
    result = CliRunner().invoke(main, [str(src), "--output", str(out)])
    assert result.exit_code in (0, 1), result.output
    assert result.stdout == ""  # nothing on stdout when writing a file (one line on stderr)
    assert out.exists() and out.stat().st_size > 0
    assert (_digest(src), src.stat().st_mtime_ns) == before
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    if ext == ".json":
        expected = {"csv": 4, "xlsx": 2, "json": 2, "jsonl": 3}[kind]
        assert json.loads(out.read_text())["summary"]["records"] == expected


def test_unknown_extension_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, [str(_catalog(tmp_path)), "-o", str(tmp_path / "r.pdf")])
    assert result.exit_code == 2


def test_xlsx_without_output_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, [str(_catalog(tmp_path)), "-f", "xlsx"])
    assert result.exit_code == 2


def test_xlsx_annotated_copy_cell_by_cell(tmp_path: Path) -> None:
    src = _catalog(tmp_path)
    out = tmp_path / "annotated.xlsx"
    result = CliRunner().invoke(main, [str(src), "-o", str(out)])
    assert result.exit_code in (0, 1)
    report = json.loads(CliRunner().invoke(main, [str(src), "-f", "json"]).output)
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames[-2:] == ["Issues", "Summary"]
    data = wb.worksheets[0]
    # the copy holds the input, neutralised: no cell is a formula
    assert data["A1"].value == "sku" and data["A2"].value == "A-1"
    assert data["B4"].value == "'" + HOSTILE_TITLE
    assert data["C4"].value == "'@SUM(1+1)" and data["C5"].value == "'-2+3"
    assert data["C3"].value == "Soft cotton tee"  # control character dropped
    assert len(data["B5"].value) <= 32767
    for row in wb.worksheets[0].iter_rows():
        for c in row:
            assert c.data_type != "f"
    issues = wb["Issues"]
    header = [c.value for c in issues[1]]
    assert header[:4] == ["cell", "rule", "name", "severity"]
    rows = list(issues.iter_rows(min_row=2, values_only=True))
    assert len(rows) == len(report["findings"])
    headers = {c.value: c.column_letter for c in data[1]}
    for i, f in enumerate(report["findings"], start=2):
        assert issues.cell(row=i, column=2).value == f["rule"]
        if f["column"] in headers and f["row"]:
            ref = f"{headers[f['column']]}{f['row']}"
            assert issues.cell(row=i, column=1).value == f"{data.title}!{ref}"
            assert issues.cell(row=i, column=1).hyperlink.location == f"'{data.title}'!{ref}"
            flagged = data[ref]
            assert flagged.comment is not None and f["rule"] in flagged.comment.text
            assert flagged.fill.fgColor.rgb.endswith(("F4B6B0", "FCE4A8", "C9E2F5"))
    summary = {r[0]: r[1] for r in wb["Summary"].iter_rows(values_only=True) if r and r[0]}
    assert summary["findings"] == report["summary"]["findings"]


def test_xlsx_input_workbook_is_copied_not_modified(tmp_path: Path) -> None:
    src = tmp_path / "shop.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Products"
    ws.append(["Product upload template - fill in below"])
    ws.append(["SKU", "Title", "Price"])
    ws.append(["X", "Plain mug", 5])
    ws.append(["X", "Plain mug large", 6])
    wb.save(src)
    before = _digest(src)
    out = tmp_path / "out.xlsx"
    result = CliRunner().invoke(main, [str(src), "-o", str(out)])
    assert result.exit_code in (0, 1)
    assert _digest(src) == before
    copy = openpyxl.load_workbook(out)
    assert copy.sheetnames[0] == "Products"
    sheet = copy["Products"]
    assert sheet["B4"].value == "Plain mug large"
    # the duplicate SKU finding lands on the SKU cell of physical row 4, under the title row
    assert sheet["A4"].comment is not None and "duplicate" in sheet["A4"].comment.text
    # (the title row above the header is an Issues row of its own: DT107, info)
    places = [c.value for c in copy["Issues"]["A"][1:] if c.value]
    assert any(p.startswith("Products!A") for p in places), places


def test_atomic_write_keeps_the_old_report_when_killed(tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    target.write_text('{"good": true}')
    script = (
        "import sys, time\n"
        "from pathlib import Path\n"
        "from listlint.output import atomic_text_writer\n"
        f"with atomic_text_writer(Path({str(target)!r})) as fh:\n"
        "    fh.write('{\"half\": ')\n"
        "    fh.flush()\n"
        "    print('writing', flush=True)\n"
        "    time.sleep(60)\n"
    )
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "writing"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=10)
    assert target.read_text() == '{"good": true}'
    time.sleep(0.05)


def test_atomic_write_removes_temp_on_error(tmp_path: Path) -> None:
    from listlint.output import atomic_text_writer

    target = tmp_path / "r.txt"
    with pytest.raises(RuntimeError), atomic_text_writer(target) as fh:
        fh.write("partial")
        raise RuntimeError("boom")
    assert list(tmp_path.iterdir()) == []


def test_xlsx_copy_of_a_workbook_neutralises_its_formulas(tmp_path: Path) -> None:
    """The copy holds the values the loader checked: a formula cell becomes its last
    computed value (what the findings quote), never a formula."""
    from tests.hostile_files import formula_xlsx

    src = tmp_path / "formulas.xlsx"
    src.write_bytes(formula_xlsx())  # B2 =HYPERLINK(...) cached "click", C2 =1+1 cached 2
    out = tmp_path / "annotated.xlsx"
    result = CliRunner().invoke(main, [str(src), "-o", str(out)])
    assert result.exit_code in (0, 1), result.output
    sheet = openpyxl.load_workbook(out).worksheets[0]
    assert sheet["B2"].value == "click" and sheet["C2"].value == 2
    assert sheet["B2"].hyperlink is None
    assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)
    # a formula without a cached value (as openpyxl writes them) is an empty cell
    src = _workbook(tmp_path)
    result = CliRunner().invoke(main, [str(src), "-o", str(out)])
    sheet = openpyxl.load_workbook(out).worksheets[0]
    assert sheet["C2"].value is None and sheet["B3"].value is None
    assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)


def test_killed_cli_leaves_the_old_report_whole(tmp_path: Path) -> None:
    """The real CLI, SIGKILLed while it writes a large xlsx report: the previous report
    at --output stays intact (the half-written temp file is never renamed over it)."""
    src = tmp_path / "big.csv"
    with src.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["sku", "title", "price"])
        for i in range(10_000):
            w.writerow([f"S{i % 9000}", "", "x"])  # empty titles, duplicate SKUs, bad prices
    target = tmp_path / "report.xlsx"
    target.write_bytes(b"previous good report")
    cmd = [sys.executable, "-m", "listlint", str(src), "--isolated", "--select", "data"]
    proc = subprocess.Popen(
        [*cmd, "-o", str(target)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    caught = False
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and proc.poll() is None:
            if any(p.name.endswith(".tmp") for p in tmp_path.iterdir()):
                time.sleep(0.05)  # let it write part of the report
                os.kill(proc.pid, signal.SIGKILL)
                caught = True
                break
            time.sleep(0.005)
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait(timeout=30)
    if not caught:
        pytest.skip("the run finished before it could be killed mid-write")
    # The kill can land after the rename (a fast writer finishes within the 50 ms): then
    # the target is the whole new report. Never anything in between.
    data = target.read_bytes()
    if data != b"previous good report":
        with zipfile.ZipFile(target) as zf:
            assert zf.testzip() is None
        openpyxl.load_workbook(target, read_only=True).close()


@pytest.mark.parametrize("flag", ["-o", "--write-baseline"])
def test_report_over_the_input_is_refused(tmp_path: Path, flag: str) -> None:
    src = _workbook(tmp_path)
    before = _digest(src)
    link = tmp_path / "same.xlsx"
    link.symlink_to(src)
    for target in (src, link):
        result = CliRunner().invoke(main, [str(src), flag, str(target), "-f", "xlsx"])
        assert result.exit_code == 2, result.output
        assert "never overwrites" in result.stderr
    assert _digest(src) == before
