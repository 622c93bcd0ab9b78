"""One catalogue with suppressions in its ``listlint`` column, an ignore file and a
baseline, shared by the tests that run it through every front end (tests/test_pipeline.py,
tests/test_spark.py, tests/test_dask.py): all must report the same findings and notices.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import polars as pl

from listlint.report import Finding

ROWS = [
    # suppressed by its own listlint cell (a group selector)
    ("A1", "Nlke Air Max 1:1 Replica shoes", "ignore ip: genuine stock, invoice 7"),
    # suppressed by the ignore file (by SKU)
    ("B2", "Kratom capsules 500mg", None),
    # in the baseline
    ("C3", "Rolex replica watch 1:1", None),
    # a duplicate SKU: the catalogue-level finding lands on the second row, suppressed there
    ("D4", "Cotton tee blue", None),
    ("D4", "Cotton tee red", "ignore DT203: two colours share a SKU until the feed fix"),
    # a directive without a reason: a notice, and nothing suppressed
    ("E5", "Keto fat burner pills", "ignore HC106"),
    # a directive that matches nothing: an "unused suppression" notice
    ("F6", "Ceramic mug", "ignore PR101: never matches"),
    # the same problem twice under one SKU: the baseline's count of 1 absorbs the first
    ("H8", "Kratom tea", None),
    ("H8", "Kratom tea", None),
]

IGNORE_FILE = """\
- sku: B2
  rule: prohibited
  reason: licensed botanical, permit 12
- sku: Z9
  rule: HC105
  reason: listing removed last year
"""


def frame() -> pl.DataFrame:
    return pl.DataFrame(
        {
            "sku": [r[0] for r in ROWS],
            "title": [r[1] for r in ROWS],
            "listlint": [r[2] for r in ROWS],
        },
        schema={"sku": pl.Utf8, "title": pl.Utf8, "listlint": pl.Utf8},
    )


def write(folder: Path) -> tuple[Path, Path, Path]:
    """The catalogue (CSV and Parquet, same rows), the ignore file and the baseline
    (C3's findings, and one of H8's two identical ones); returns (csv, ignore, baseline)."""
    import listlint
    from listlint import baseline

    csv = folder / "shop.csv"
    frame().write_csv(csv)
    frame().write_parquet(folder / "shop.parquet")
    ignore = folder / "ignore.yaml"
    ignore.write_text(IGNORE_FILE, encoding="utf-8")
    everything = listlint.lint(csv).findings
    known = [f for f in everything if f.sku == "C3"]
    known += [next(f for f in everything if f.sku == "H8" and f.rule == "PR101")]
    base = folder / "baseline.json"
    baseline.dump(known, base)
    return csv, ignore, base


def keys(findings: Iterable[Finding], *, path: bool = True) -> list[tuple[str, ...]]:
    """Sorted finding values (``path`` left out where a front end names none)."""
    out = []
    for f in findings:
        d = f.to_dict()
        if not path:
            d.pop("path")
        out.append(tuple("" if v is None else str(v) for v in d.values()))
    return sorted(out)


def check_expected(findings: list[Finding]) -> None:
    """What the three sources must have done (so equal results are also right ones)."""
    by_sku: dict[str | None, set[str]] = {}
    rows: dict[str, list[int | None]] = {}
    for f in findings:
        by_sku.setdefault(f.sku, set()).add(f.rule)
        rows.setdefault(f"{f.sku}/{f.rule}", []).append(f.row)
    assert not any(r.startswith("TM") for r in by_sku.get("A1", ())), by_sku  # column
    assert "PR101" not in by_sku.get("B2", ()), by_sku  # ignore file
    assert "C3" not in by_sku, by_sku  # baseline
    assert "DT203" not in by_sku.get("D4", ()), by_sku  # column, catalogue-level rule
    assert "HC106" in by_sku.get("E5", ()), by_sku  # no reason: not suppressed
    assert rows.get("H8/PR101") == [10], rows  # baseline count 1: the first absorbed


def check_notices(notices: list[str]) -> None:
    text = "\n".join(notices)
    assert "'ignore HC106' has no reason" in text, notices
    assert "unused suppression PR101" in text and "never" not in text, notices
    assert "unused suppression HC105" in text and "entry 2" in text, notices
    assert len(notices) == 3, notices


def check_engine(folder: Path, engine: str, lazy: object, to_report: object) -> None:
    """The case through a distributed engine equals the local run: the lazy findings
    frame (``lazy(parquet, config)`` -> findings), the collected report with its
    notices (``to_report(parquet, config)``), and ``listlint FILE --engine ENGINE``."""
    import json

    from click.testing import CliRunner

    import listlint
    from listlint.api import make_config
    from listlint.cli import main

    csv, ignore, base = write(folder)
    parquet = csv.with_suffix(".parquet")
    cfg = make_config(ignore_file=str(ignore), baseline=str(base))
    local = listlint.lint(parquet, config=cfg)
    check_expected(list(local.findings))
    check_notices(local.notices)
    assert keys(lazy(parquet, cfg), path=False) == keys(local.findings, path=False)  # type: ignore[operator]
    report = to_report(parquet, cfg)  # type: ignore[operator]
    assert keys(report.findings) == keys(local.findings)
    assert report.notices == local.notices
    args = [str(parquet), "--isolated", "-f", "json", "--ignore-file", str(ignore)]
    args += ["--baseline", str(base)]
    here = CliRunner().invoke(main, args)
    there = CliRunner().invoke(main, [*args, "--engine", engine])
    assert (here.exit_code, here.stdout, here.stderr) == (
        there.exit_code,
        there.stdout,
        there.stderr,
    )
    assert json.loads(there.stdout)["findings"]
