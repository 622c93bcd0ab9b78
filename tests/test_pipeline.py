"""One pipeline: suppressions (the ``listlint`` column, an ignore file) and the baseline
apply in the engine, so the command line, ``listlint.lint``, the batch API and the
partition protocol under Spark and Dask report the same findings and notices
(tests/test_spark.py and tests/test_dask.py run the same case on the real engines)."""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl
import pytest
from click.testing import CliRunner

import listlint
from listlint import partitions as P
from listlint.api import make_config
from listlint.batchapi import catalog_partials, frame_findings, lint_batch, merge_catalog_partials
from listlint.cli import main
from listlint.wire_accept import accept_part, route_part
from tests import acceptance_case as A
from tests.test_batchapi import lint_in_parts


@pytest.fixture(scope="module")
def case(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    return A.write(tmp_path_factory.mktemp("pipeline"))


@pytest.fixture(scope="module")
def cli_run(case: tuple[Path, Path, Path]) -> tuple[list[listlint.Finding], list[str], int]:
    csv, ignore, base = case
    r = CliRunner().invoke(
        main,
        [
            str(csv),
            "--isolated",
            "-f",
            "json",
            "--ignore-file",
            str(ignore),
            "--baseline",
            str(base),
        ],
    )
    assert r.exit_code in (0, 1), r.output
    findings = [listlint.Finding(**f) for f in json.loads(r.stdout)["findings"]]
    notices = [ln.removeprefix("listlint: notice: ") for ln in r.stderr.splitlines()]
    return findings, notices, r.exit_code


def test_cli_applies_all_three(cli_run) -> None:
    findings, notices, code = cli_run
    A.check_expected(findings)
    A.check_notices(notices)
    assert code == 1


def test_library_equals_cli(case, cli_run) -> None:
    csv, ignore, base = case
    report = listlint.lint(csv, ignore_file=str(ignore), baseline=str(base))
    assert A.keys(report.findings) == A.keys(cli_run[0])
    assert report.notices == cli_run[1]
    assert report.exit_code() == cli_run[2]


@pytest.mark.parametrize("source", ["frame", "parquet"])
def test_frames_and_parquet_equal_cli(case, cli_run, source: str) -> None:
    csv, ignore, base = case
    data = A.frame() if source == "frame" else csv.with_suffix(".parquet")
    report = listlint.lint(data, ignore_file=str(ignore), baseline=str(base))
    assert A.keys(report.findings, path=False) == A.keys(cli_run[0], path=False)
    assert len(report.notices) == len(cli_run[1])


def test_without_the_files_only_the_column_applies(case) -> None:
    csv, _, _ = case
    skus = {f.sku for f in listlint.lint(csv).findings}
    assert {"B2", "C3"} <= skus and "A1" not in skus


def test_batch_api_equals_cli(case, cli_run) -> None:
    csv, ignore, base = case
    cfg = make_config(ignore_file=str(ignore), baseline=str(base))
    whole = A.frame()
    parts = [whole.slice(0, 5), whole.slice(5)]
    offsets = [0, 5]
    found = [lint_batch(p, cfg, path=str(csv), offset=o) for p, o in zip(parts, offsets)]
    partials = [catalog_partials(p, cfg, path=str(csv), offset=o) for p, o in zip(parts, offsets)]
    found.append(merge_catalog_partials(partials, cfg, path=str(csv), columns={"sku": "sku"}))
    findings = frame_findings(pl.concat(found))
    assert A.keys(findings) == A.keys(cli_run[0])


@pytest.mark.parametrize("parts", [1, 3, 9])
def test_partition_protocol_equals_cli(case, cli_run, parts: int) -> None:
    """Spark's and Dask's steps in plain polars: the report collected on the driver
    (with notices), and the lazy frame's extra stage (route, shuffle, accept)."""
    csv, ignore, base = case
    cfg = make_config(ignore_file=str(ignore), baseline=str(base))
    wire = lint_in_parts(A.frame(), cfg, parts, buckets=4)
    report = P.finish_wires([wire], cfg)
    assert A.keys(report.findings, path=False) == A.keys(cli_run[0], path=False)
    assert [n.replace("None:", "X:") for n in report.notices] == [
        n.replace(f"{csv}:", "X:") for n in cli_run[1]
    ]
    spec = P.PartitionSpec.build(cfg, A.frame().columns, None, 4)
    assert spec.accepts
    routed = pl.concat([route_part(wire.filter(pl.col("__dest") % 2 == i), spec) for i in (0, 1)])
    buckets = [routed.filter(pl.col("__dest") == d) for d in range(spec.buckets)]
    accepted = pl.concat([accept_part(b, spec) for b in buckets if b.height])
    lazy = frame_findings(P.wire_findings(accepted))
    assert A.keys(lazy, path=False) == A.keys(cli_run[0], path=False)


def test_write_baseline_records_everything_not_yet_baselined(case, tmp_path: Path) -> None:
    csv, ignore, base = case
    out = tmp_path / "new.json"
    r = CliRunner().invoke(
        main,
        [
            str(csv),
            "--isolated",
            "--ignore-file",
            str(ignore),
            "--baseline",
            str(base),
            "--write-baseline",
            str(out),
        ],
    )
    assert r.exit_code == 0, r.output
    entries = json.loads(out.read_text())["entries"]
    # the baseline in force is not applied when writing a new one (C3 is recorded) ...
    assert any(e["sku"] == "C3" for e in entries)
    # ... while suppressed findings stay out of it (B2's PR101 is waived, not baselined)
    assert not any(e["sku"] == "B2" and e["rule"] == "PR101" for e in entries)


def test_idle_runs_are_untouched(case) -> None:
    """No suppressions anywhere: the report is the engine's own object, fail_on set."""
    from listlint.acceptance import Acceptance
    from listlint.report import Report

    report = Report()
    finished = Acceptance().start().finish(report)
    assert finished is report and finished.notices == []


def test_a_spilled_report_is_filtered_on_disk_too(case, cli_run, monkeypatch) -> None:
    """A huge run keeps its findings on disk (listlint.spill); the filter reads them back
    and spills what stays, with the same result as in memory."""
    from listlint import spill
    from listlint.engine import RuleSet
    from listlint.runner import run

    csv, ignore, base = case
    cfg = make_config(ignore_file=str(ignore), baseline=str(base))
    monkeypatch.setattr(spill, "MEMORY_FINDINGS", 2)
    report = run([listlint.load(csv, config=cfg)], RuleSet.build(cfg), spill=True)
    assert isinstance(report.findings, spill.SpilledFindings)
    assert A.keys(report.findings) == A.keys(cli_run[0])
    assert report.summary.findings == len(cli_run[0]) and report.notices == cli_run[1]
