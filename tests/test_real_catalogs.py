"""Every real export in ../shared/data/catalogs and catalogs2 is linted (exit 0/1, every
record counted) or refused with a one-line error and exit 2 — never a traceback; and
every column that holds a field listlint checks (tests/real_catalog_fields.yaml) is read
as that field or named in the file's unmapped-column finding (issue 22). Skipped, with
the reason, when the shared folders are absent."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from .conftest import CATALOGS

FOLDERS = (CATALOGS, CATALOGS.parent / "catalogs2")
FILES = sorted(
    (folder.name, p.name) for folder in FOLDERS if folder.is_dir() for p in folder.iterdir()
)
FIELDS = yaml.safe_load((Path(__file__).parent / "real_catalog_fields.yaml").read_text("utf-8"))

#: Files that are not catalogues; refusing them is the right answer.
REFUSED = {
    "README.md": "Markdown",
    "m5zoon_Emirates_Gifts_Merchant_Feed_AR_NOT_A_ZIP.xlsx": "base64",
}
#: Records counted by hand where no independent parser applies (workbooks, fixtures).
BY_HAND = {
    "listing_i18n_product_template_zh.xlsx": 1,  # one product under two header rows
    "pharmacy_product_template.xlsx": 5,
    "saleor_populatedb_data.json": 32,  # product objects among 721 fixture objects
    "medusa_v1_seed.json": 7,  # products[] (variants are listings, not records)
    "listing_i18n_translations_en_ja.json": 5,  # rows over 4 table-in-JSON sheets
}


def independent_count(path: Path) -> int:
    """Non-empty data records, counted without listlint's reader."""
    if path.name in BY_HAND:
        return BY_HAND[path.name]
    data = path.read_bytes()
    if data.startswith(b"PK"):  # a workbook: non-empty rows under the header, by openpyxl
        from openpyxl import load_workbook

        book = load_workbook(path, read_only=True)
        return sum(
            sum(1 for r in ws.iter_rows(values_only=True) if any(v not in (None, "") for v in r))
            - 1
            for ws in book.worksheets
        )
    if path.suffix == ".jsonl":
        return sum(1 for line in data.splitlines() if line.strip())
    text = data.decode("utf-8-sig", errors="replace")
    if text.lstrip().startswith("["):
        return sum(1 for r in json.loads(text) if r)
    first = text.split("\n", 1)[0]
    delim = max([",", ";", "\t", "|"], key=first.count)
    rows = [
        r
        for r in csv.reader(io.StringIO(text, newline=""), delimiter=delim)
        if any(c.strip() for c in r)
    ]
    return len(rows) - 1


@pytest.mark.parametrize("folder", [f.name for f in FOLDERS])
def test_folder_is_present(folder: str):
    path = CATALOGS.parent / folder
    if not path.is_dir():
        pytest.skip(f"real catalogue exports not present at {path}")
    assert [f for f, _ in FILES if f == folder]


@pytest.mark.parametrize(("folder", "name"), FILES)
def test_real_export(folder: str, name: str, tmp_path: Path):
    path = CATALOGS.parent / folder / name
    before = path.read_bytes()
    out = tmp_path / "report.json"
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "listlint",
            str(path),
            "--format",
            "json",
            "--output",
            str(out),
            "--isolated",
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "Traceback" not in proc.stderr
    assert path.read_bytes() == before  # input never modified
    if name in REFUSED:
        assert proc.returncode == 2
        lines = proc.stderr.strip().splitlines()
        assert len(lines) == 1 and name in lines[0] and REFUSED[name] in lines[0]
        return
    assert proc.returncode in (0, 1), proc.stderr
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["version"] == 1
    assert report["summary"]["records"] == independent_count(path)
    for finding in report["findings"]:
        assert (
            finding["message"]
            and finding["rule"]
            and finding["severity"] in ("error", "warning", "info")
        )


@pytest.mark.parametrize(("folder", "name"), [(f, n) for f, n in FILES if n in FIELDS.get(f, {})])
def test_every_field_column_is_read_or_reported(folder: str, name: str):
    """Issue 22: a column holding a known field is mapped to it, or the file's one
    DT108 finding names it with the --map that fixes it."""
    from listlint.loader import load

    catalog = load(CATALOGS.parent / folder / name)
    notes = [i for i in catalog.issues if i.kind == "unmapped-column"]
    assert len(notes) <= 1
    reported = notes[0].suggestion or "" if notes else ""
    wrong = {}
    for fname, header in FIELDS[folder][name].items():
        if catalog.columns.get(fname) == header:
            continue
        if f'--map {fname}="{header}"' in reported:
            continue
        wrong[fname] = (header, catalog.columns.get(fname))
    assert not wrong, wrong


def test_the_field_labels_name_existing_files():
    present = {f: {n for g, n in FILES if g == f} for f, _ in FILES}
    for folder, files in FIELDS.items():
        if folder in present:
            assert set(files) <= present[folder], set(files) - present[folder]
