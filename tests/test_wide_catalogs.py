"""Wide catalogues (issue 21 M11): thousands of attribute columns are searched stacked,
a few columnar passes per batch, and every hit still names its own row and column."""

from __future__ import annotations

import time

import polars as pl
import pytest

import listlint
from listlint.batch import Batch
from listlint.rules.prohibited.prefilter import candidate_rows, prefilter_regex, scanned_fields
from listlint.rules.prohibited.vocab import vocabulary
from tests.hostile_files import wide_rows_csv


def _wide(columns: int, rows: int) -> list[dict[str, str]]:
    return [
        {"sku": f"S{r}", "title": "Mug", **{f"a{i}": "v" for i in range(columns)}}
        for r in range(rows)
    ]


@pytest.mark.parametrize("stack_cells", [7, 50, 1_000_000])
def test_a_term_deep_in_a_wide_catalogue_keeps_its_row_and_column(monkeypatch, stack_cells):
    """Chunks of 1, 12 and all 300 columns: the same findings at the same cells."""
    monkeypatch.setattr("listlint.batch.STACK_CELLS", stack_cells)
    rows = _wide(300, 4)
    rows[2]["a217"] = "Oxycodone 10 mg tablets, 30 count"
    rows[1]["a5"] = "Oxycodone 10 mg tablets, 30 count"
    report = listlint.lint(rows, select=["PR"])
    assert sorted((f.row, f.column) for f in report.findings) == [(3, "a5"), (4, "a217")]


@pytest.mark.parametrize("stack_cells", [3, 8, 1_000_000])
def test_stacked_prefilter_names_the_cells_column_by_column(monkeypatch, stack_cells):
    monkeypatch.setattr("listlint.batch.STACK_CELLS", stack_cells)
    frame = {f"attr:a{i}": ["v", "v", "v"] for i in range(10)}
    frame["attr:a3"] = ["v", "kratom", None]
    frame["attr:a9"] = [None, None, "k r a t o m tea"]
    frame["title"] = ["kratom", "Mug", "Mug"]
    batch = Batch(pl.DataFrame(frame))
    found = candidate_rows(batch, scanned_fields(batch), prefilter_regex(vocabulary()), [])
    assert found.hot == {0: {"title"}, 1: {"attr:a3"}, 2: {"attr:a9"}}
    assert found.disguised == {("attr:a9", 2)}


def _cpu_of_lint(path) -> float:
    start = time.process_time()  # every thread of this process: polars works in several
    listlint.lint(path)
    return time.process_time() - start


def test_cost_follows_the_cells_not_the_columns(tmp_path):
    """The same 200,000 cells as 400 columns x 500 rows and as 4,000 columns x 50 rows
    cost about the same: per-column work is done once per header, and the cells of all
    attribute columns are searched and read together (it was one automaton build per
    column: 16,000 columns x 500 rows took 272 CPU s; a candidate row then folded every
    column on its own: 25 CPU s with one prohibited listing)."""
    narrow, wide = tmp_path / "narrow.csv", tmp_path / "wide.csv"
    # one prohibited listing each: its candidate row is read across every column too
    hit = b"\nS,Kratom capsules 100 g,"
    narrow.write_bytes(wide_rows_csv(columns=400, rows=500).replace(b"\nS,Mug,", hit, 1))
    wide.write_bytes(wide_rows_csv(columns=4_000, rows=50).replace(b"\nS,Mug,", hit, 1))
    _cpu_of_lint(narrow)  # warm: indexes and imports are loaded once per process
    assert _cpu_of_lint(wide) < 3 * _cpu_of_lint(narrow) + 1.0
