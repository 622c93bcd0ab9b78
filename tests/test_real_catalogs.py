"""Every real export in ../shared/data/catalogs is linted (exit 0/1, every record counted)
or refused with a one-line error and exit 2 — never a traceback."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import CATALOGS

FILES = sorted(p.name for p in CATALOGS.iterdir()) if CATALOGS.is_dir() else []

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


def test_folder_is_present():
    if not CATALOGS.is_dir():
        pytest.skip(f"real catalogue exports not present at {CATALOGS}")
    assert FILES


@pytest.mark.parametrize("name", FILES)
def test_real_export(name: str, tmp_path: Path):
    path = CATALOGS / name
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
