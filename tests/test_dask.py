"""listlint on Dask (local schedulers): the same findings as the single-machine run.

Skipped with a reason when dask[dataframe] is absent. Catalogues are split into
several partitions so duplicates, variant groups and catalogue-level checks cross
partition boundaries.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

import listlint
from tests import scale_helpers as H

pytestmark = pytest.mark.optional

dd = pytest.importorskip(
    "dask.dataframe", reason="dask is not installed (pip install 'listlint[dask]')"
)
import dask  # noqa: E402

from listlint import dask as D  # noqa: E402
from listlint.batchapi import frame_findings  # noqa: E402
from listlint.partitions import wire_findings, wire_stats  # noqa: E402

SYNTHETIC = H.SYNTHETIC_ROWS


def test_case_catalogue_equals_single_machine() -> None:
    ddf = dd.from_pandas(H.case_catalogue().to_pandas(), npartitions=5)
    found = D.lint_dataframe(ddf, select=H.SELECT, policy=H.POLICY).compute()
    assert list(found.columns) == list(H.FINDING_COLUMNS)
    H.assert_same(H.reference("cases"), frame_findings(pl.from_pandas(found)))


def test_worker_processes_build_rules_once() -> None:
    """With the process scheduler, each worker process builds its rules once."""
    ddf = dd.from_pandas(H.case_catalogue().to_pandas(), npartitions=6)
    with dask.config.set(scheduler="processes", num_workers=2):
        wire = D.wire_frame(D.wire(ddf, H.config()).compute())
    H.assert_same(H.reference("cases"), frame_findings(wire_findings(wire)))
    stats = wire_stats(wire)
    assert stats.height == 6 and stats["__records"].sum() == H.case_catalogue().height
    assert stats.group_by("__worker").agg(pl.col("__builds").n_unique())["__builds"].max() == 1


def test_synthetic_100k_equals_single_machine(tmp_path: Path) -> None:
    path = tmp_path / "synthetic.parquet"
    H.synthetic(SYNTHETIC).write_parquet(path, row_group_size=SYNTHETIC // 10)
    ddf = dd.read_parquet(str(path), split_row_groups=2)
    assert ddf.npartitions >= 4
    report = D.lint_to_report(ddf, H.config(), path=None)
    H.assert_same(H.reference("synthetic", SYNTHETIC), report.findings)
    assert (report.summary.records, report.summary.listings) == H.reference_counts(
        "synthetic", SYNTHETIC
    )


def test_cli_engine_dask_matches_local(tmp_path: Path) -> None:
    path = tmp_path / "cases.parquet"
    H.case_catalogue().write_parquet(path, row_group_size=100)
    H.assert_cli_engine_matches_local(path, "dask")


def test_cli_engine_dask_applies_listlint_column_suppressions(tmp_path: Path) -> None:
    path = tmp_path / "suppressed.parquet"
    pl.DataFrame(
        {
            "sku": ["A1", "A1", "B2", "B2"],
            "title": ["Mug", "Mug blue", "Bowl", "Bowl red"],
            "listlint": [None, "ignore DT203: same product, two colours", None, None],
        }
    ).write_parquet(path)
    report = H.assert_cli_engine_matches_local(path, "dask", ["--select", "DT203"])
    assert [f["row"] for f in report["findings"]] == [5]


@pytest.mark.parametrize("name", ["shopify_variants.csv", "woocommerce_variations.csv"])
def test_variant_groups_split_one_row_per_partition(name: str) -> None:
    """Inherited titles, folded image rows and ``id:NN`` parents need whole groups."""
    frame = H.raw_fixture(name)
    expected = H.keys(listlint.lint(frame, config=H.config()).findings)
    ddf = dd.from_pandas(frame.to_pandas(), npartitions=frame.height)
    found = D.lint_dataframe(ddf, config=H.config()).compute()
    H.assert_same(expected, frame_findings(pl.from_pandas(found)))


def test_suppressions_and_baseline_equal_the_local_run(tmp_path: Path) -> None:
    from tests import acceptance_case as A

    def ddf(path: Path) -> object:
        return dd.from_pandas(pl.read_parquet(path).to_pandas(), npartitions=4)

    def lazy(path: Path, cfg: object) -> list:
        found = D.lint_dataframe(ddf(path), config=cfg).compute()  # type: ignore[arg-type]
        return frame_findings(pl.from_pandas(found))

    def to_report(path: Path, cfg: object) -> object:
        return D.lint_to_report(ddf(path), cfg, path=str(path))  # type: ignore[arg-type]

    A.check_engine(tmp_path, "dask", lazy, to_report)
