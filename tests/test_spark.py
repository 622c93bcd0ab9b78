"""listlint on Apache Spark (local[2]): the same findings as the single-machine run.

Skipped with a reason when Java or pyspark is absent. One Spark session for the
module. Inputs are Parquet files with small row groups, read with a small split size,
so every catalogue spans several partitions (duplicates, variant groups and
catalogue-level checks cross partition boundaries).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import polars as pl
import pytest

import listlint
from tests import scale_helpers as H

pytestmark = pytest.mark.optional

if not shutil.which("java"):
    pytest.skip("Java is not installed (Spark needs Java 17+)", allow_module_level=True)
pytest.importorskip("pyspark", reason="pyspark is not installed (pip install 'listlint[spark]')")

from listlint import spark as S  # noqa: E402
from listlint.batchapi import frame_findings  # noqa: E402
from listlint.partitions import wire_findings, wire_stats  # noqa: E402

SYNTHETIC = H.SYNTHETIC_ROWS


@pytest.fixture(scope="module")
def spark() -> Iterator[object]:
    session = S.session("local[2]", "listlint-tests")
    yield session
    session.stop()


def _parquet(frame: pl.DataFrame, path: Path, row_groups: int) -> Path:
    frame.write_parquet(path, row_group_size=max(1, frame.height // row_groups))
    return path


def _read(spark: object, path: Path, parts: int) -> object:
    spark.conf.set("spark.sql.files.maxPartitionBytes", str(max(1, path.stat().st_size // parts)))  # type: ignore[attr-defined]
    df = spark.read.parquet(str(path))  # type: ignore[attr-defined]
    assert df.rdd.getNumPartitions() >= 3
    return df


@pytest.fixture(scope="module")
def case_df(spark: object, tmp_path_factory: pytest.TempPathFactory) -> object:
    path = _parquet(H.case_catalogue(), tmp_path_factory.mktemp("spark") / "cases.parquet", 8)
    return _read(spark, path, 6)


def test_case_catalogue_equals_single_machine(case_df: object) -> None:
    wire = pl.from_arrow(S._wire(case_df, H.config(), None, 5).toArrow())  # type: ignore[arg-type]
    assert isinstance(wire, pl.DataFrame)
    H.assert_same(H.reference("cases"), frame_findings(wire_findings(wire)))
    stats = wire_stats(wire)
    assert stats["__records"].sum() == H.case_catalogue().height
    # rules were built once per executor process, not once per partition
    assert stats.height >= 3
    assert stats.group_by("__worker").agg(pl.col("__builds").n_unique())["__builds"].max() == 1


def test_lint_dataframe_is_the_findings_contract(case_df: object) -> None:
    out = S.lint_dataframe(case_df, select=H.SELECT, policy=H.POLICY)
    assert out.columns == list(H.FINDING_COLUMNS)  # type: ignore[attr-defined]
    found = frame_findings(pl.from_arrow(out.toArrow()))  # type: ignore[attr-defined,arg-type]
    H.assert_same(H.reference("cases"), found)


def test_column_map_names_columns_for_the_loader(spark: object) -> None:
    df = spark.createDataFrame(  # type: ignore[attr-defined]
        [("A1", "Kratom capsules 500mg"), ("A1", "Ceramic mug")], "item string, headline string"
    )
    out = S.lint_dataframe(df, column_map={"title": "headline", "sku": "item"}, select=["DT203"])
    rows = out.select("rule", "row", "column").collect()  # type: ignore[attr-defined]
    assert [tuple(r) for r in rows] == [("DT203", 3, "item")]


def test_synthetic_100k_equals_single_machine(spark: object, tmp_path: Path) -> None:
    path = _parquet(H.synthetic(SYNTHETIC), tmp_path / "synthetic.parquet", 12)
    report = S.lint_to_report(_read(spark, path, 6), H.config())
    H.assert_same(H.reference("synthetic", SYNTHETIC), report.findings)
    assert (report.summary.records, report.summary.listings) == H.reference_counts(
        "synthetic", SYNTHETIC
    )
    rules = {f.rule for f in report.findings}
    assert {"DT203"} <= rules  # duplicate SKUs across partitions were merged


def test_cli_engine_spark_matches_local(case_df: object, tmp_path: Path) -> None:
    path = _parquet(H.case_catalogue(), tmp_path / "cases.parquet", 8)
    H.assert_cli_engine_matches_local(path, "spark")


def test_cli_engine_spark_rejects_non_parquet(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from listlint.cli import main

    csv = tmp_path / "catalog.csv"
    csv.write_text("sku,title\nA1,Mug\n", encoding="utf-8")
    result = CliRunner().invoke(main, [str(csv), "--engine", "spark"])
    assert result.exit_code == 2
    assert "reads Parquet files" in result.stderr and "catalog.csv" in result.stderr


@pytest.mark.parametrize("name", ["shopify_variants.csv", "woocommerce_variations.csv"])
def test_variant_groups_split_across_partitions(spark: object, name: str, tmp_path: Path) -> None:
    """Inherited titles, folded image rows and ``id:NN`` parents need whole groups."""
    frame = H.raw_fixture(name)
    expected = H.keys(listlint.lint(frame, config=H.config()).findings)
    df = _read(spark, _parquet(frame, tmp_path / "variants.parquet", frame.height), frame.height)
    found = frame_findings(pl.from_arrow(S.lint_dataframe(df, config=H.config()).toArrow()))  # type: ignore[attr-defined,arg-type]
    H.assert_same(expected, found)


def test_suppressions_and_baseline_equal_the_local_run(spark: object, tmp_path: Path) -> None:
    from tests import acceptance_case as A

    def lazy(path: Path, cfg: object) -> list:
        df = _read(spark, _parquet(pl.read_parquet(path), tmp_path / "parts.parquet", 4), 3)
        return frame_findings(pl.from_arrow(S.lint_dataframe(df, config=cfg).toArrow()))  # type: ignore[attr-defined,arg-type]

    def to_report(path: Path, cfg: object) -> object:
        df = _read(spark, _parquet(pl.read_parquet(path), tmp_path / "parts.parquet", 4), 3)
        return S.lint_to_report(df, cfg, path=str(path))  # type: ignore[arg-type]

    A.check_engine(tmp_path, "spark", lazy, to_report)
