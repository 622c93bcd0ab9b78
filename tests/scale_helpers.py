"""Catalogues and comparisons shared by the batch-API, Spark and Dask equality tests.

The reference is always the single-machine run (``listlint.lint``) on the same table;
a partitioned run must give the same findings: same rows, rules, messages, matches.
Every registered rule runs (``select=ALL``), so rule families added later are covered.
"""

from __future__ import annotations

import os
import sys
from functools import cache
from pathlib import Path
from typing import Any

import polars as pl
import yaml

import listlint
from listlint.api import make_config
from listlint.config import Config
from listlint.report import FINDING_FIELDS, Finding

TESTS = Path(__file__).resolve().parent
CASES_DIR = TESTS / "cases"
FIXTURES = TESTS / "fixtures"
sys.path.insert(0, str(TESTS.parent / "benchmarks"))

FINDING_COLUMNS = FINDING_FIELDS
#: Size of the synthetic catalogue the engines must lint exactly like one machine: 100k
#: in CI (CI=true), 20k on a developer's machine shared with others' test runs;
#: LISTLINT_SCALE_TEST_ROWS overrides both.
SYNTHETIC_ROWS = int(
    os.environ.get("LISTLINT_SCALE_TEST_ROWS") or (100_000 if os.environ.get("CI") else 20_000)
)
#: every registered rule (default-off ones too) on a marketplace pack with the most data
SELECT = ["ALL"]
POLICY = ["tiktok-shop-us"]


def config() -> Config:
    return make_config(select=SELECT, policy=POLICY)


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, list):
        return "\n".join(str(v) for v in value)
    return str(value)


@cache
def case_catalogue() -> pl.DataFrame:
    """Every listing of ``tests/cases/*.yaml`` in one catalogue (text columns), with a
    SKU per listing and some SKUs reused far apart (duplicates across partitions)."""
    listings: list[dict[str, Any]] = []
    for path in sorted(CASES_DIR.glob("*.yaml")):
        spec = yaml.safe_load(path.read_text(encoding="utf-8"))
        for case in spec["cases"]:
            listings.extend(case["listings"] if "listings" in case else [case["listing"]])
    columns = sorted({k for listing in listings for k in listing} | {"sku"})
    rows = []
    for i, listing in enumerate(listings):
        row = {c: _text(listing.get(c)) for c in columns}
        row["sku"] = row["sku"] or f"CASE-{i:05d}"
        rows.append(row)
    for i in range(0, len(rows) // 2, 37):  # duplicates: first half reused in second half
        rows[len(rows) - 1 - i]["sku"] = rows[i]["sku"]
    return pl.DataFrame(rows, schema={c: pl.Utf8 for c in columns})


@cache
def synthetic(n: int = 100_000) -> pl.DataFrame:
    """benchmarks/generate.py's catalogue, plus what partitioning could break: SKUs
    reused at the far end of the table, and a product whose variants (blank title,
    inherited from the parent row) sit in other partitions than the parent."""
    from generate import generate

    df = generate(n, seed=7)
    sku = df["sku"].to_list()
    title = df["title"].to_list()
    group = df["item_group_id"].to_list()
    for i in range(0, n // 2, max(1, n // 50)):
        sku[n - 1 - i] = sku[i]
    sku[3], group[3], title[3] = "PARENT-HOODIE", None, "Fleece hoodie"
    for i in (n // 3, n // 2 + 1, n - 2):
        sku[i], group[i], title[i] = f"PARENT-HOODIE-{i}", "PARENT-HOODIE", None
    return df.with_columns(
        pl.Series("sku", sku), pl.Series("title", title), pl.Series("item_group_id", group)
    )


def raw_fixture(name: str) -> pl.DataFrame:
    """A loader fixture read as plain text columns (the table a DataFrame would hold)."""
    return pl.read_csv(FIXTURES / name, infer_schema=False)


def keys(findings: list[Finding]) -> list[tuple]:
    return sorted(
        tuple("" if v is None else str(v) for v in f.model_dump(mode="json").values())
        for f in findings
    )


@cache
def _reference(name: str, n: int) -> tuple[list[tuple], int, int]:
    frame = synthetic(n) if name == "synthetic" else case_catalogue()
    report = listlint.lint(frame, config=config())
    return keys(report.findings), report.summary.records, report.summary.listings


def reference(name: str, n: int = 0) -> list[tuple]:
    """Sorted finding keys of the single-machine run (computed once per test session)."""
    return _reference(name, n)[0]


def reference_counts(name: str, n: int = 0) -> tuple[int, int]:
    return _reference(name, n)[1:]


def assert_same(expected: list[tuple], found: list[Finding]) -> None:
    got = keys(found)
    if got == expected:
        return
    have, want = set(got), set(expected)
    missing = [k for k in expected if k not in have]
    extra = [k for k in got if k not in want]
    raise AssertionError(f"missing {missing[:3]} extra {extra[:3]} ({len(got)} vs {len(expected)})")


def assert_cli_engine_matches_local(path: Path, engine: str, args: list[str] | None = None) -> dict:
    """``listlint FILE --engine ENGINE -f json`` prints exactly what the local run prints
    (same exit code); returns that JSON report."""
    import json

    from click.testing import CliRunner

    from listlint.cli import main

    base = [str(path), "--isolated", "-f", "json"]
    base += args if args is not None else ["--select", "ALL", "--policy", "tiktok-shop-us"]
    local = CliRunner().invoke(main, base)
    distributed = CliRunner().invoke(main, [*base, "--engine", engine])
    assert local.exit_code == distributed.exit_code, distributed.output
    report = json.loads(local.stdout)
    assert json.loads(distributed.stdout) == report
    return report
