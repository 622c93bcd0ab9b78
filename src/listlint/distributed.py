"""The CLI's ``--engine spark|dask``: lint Parquet files on a cluster.

Sits above both engines (:mod:`listlint.spark`, :mod:`listlint.dask`) and the partition
logic they share (:mod:`listlint.partitions`), so neither engine and the shared core
import each other. Spark and Dask themselves are imported only when asked for.
"""

from __future__ import annotations

import importlib
import os
import shutil
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import polars as pl

from listlint import suppress
from listlint.catalog import Catalog
from listlint.config import Config
from listlint.errors import ConfigError, InputError
from listlint.fields import ROW, SHEET
from listlint.loader.columns import map_columns
from listlint.report import Report
from listlint.text.normalize import clean_series


def lint_files(
    engine: str,
    paths: Sequence[str | Path],
    config: Config,
    master: str | None = None,
    harvested: list[Any] | None = None,
) -> Report:
    """The CLI's ``--engine spark|dask``: lint Parquet files on a cluster, one catalogue
    per file (Spark in local mode unless ``master`` names a cluster). Suppressions
    written in the files' ``listlint`` column are appended to ``harvested``."""
    if engine == "local":
        raise ConfigError("--master needs --engine spark or --engine dask")
    for path in paths:
        try:
            with open(path, "rb") as fh:
                magic = fh.read(4)
        except OSError as exc:
            raise InputError(f"cannot read file ({exc.strerror or exc})", path=str(path)) from exc
        if magic != b"PAR1":
            raise InputError(
                f"--engine {engine} reads Parquet files; convert this file to Parquet "
                "or lint it with --engine local",
                path=str(path),
            )
    names = [str(p) for p in paths]
    if harvested is not None:
        harvested.extend(file_suppressions(name, config) for name in names)
    if engine == "spark":
        _require("pyspark", "spark")
        if not (shutil.which("java") or os.environ.get("JAVA_HOME")):
            raise ConfigError("--engine spark needs Java 17 or newer (java not found on PATH)")
        from listlint.spark import lint_parquet

        return lint_parquet(names, config, master=master or "local[2]")
    _require("dask.dataframe", "dask")
    from listlint.dask import lint_parquet as dask_parquet

    return dask_parquet(names, config, scheduler=master)


def _require(module: str, extra: str) -> None:
    try:
        importlib.import_module(module)
    except ImportError as exc:
        raise ConfigError(
            f"--engine {extra} needs {module.split('.')[0]}: pip install 'listlint[{extra}]'"
        ) from exc


def file_suppressions(path: str, config: Config) -> Any:
    """Directives in a Parquet file's ``listlint`` column, read on the driver: only that
    column and the SKU column, only the rows that have a directive."""
    headers = list(pl.read_parquet_schema(path))
    cmap = map_columns(headers, config.columns or None)
    if "listlint" not in cmap.fields:
        return suppress.Suppressions()
    cell = pl.coalesce([pl.col(headers[i]).cast(pl.Utf8) for i in cmap.fields["listlint"]])
    sku_cols = [pl.col(headers[i]).cast(pl.Utf8) for i in cmap.fields.get("sku", [])]
    sku = pl.coalesce(sku_cols) if sku_cols else pl.lit(None, dtype=pl.Utf8)
    rows = (
        pl.scan_parquet(path)
        .select(cell.alias("listlint"), sku.alias("sku"))
        .with_row_index("pos")
        .filter(pl.col("listlint").str.strip_chars() != "")
        .collect()
    )
    frame = pl.DataFrame(
        {
            "listlint": rows["listlint"],
            ROW: (rows["pos"].cast(pl.Int64) + 2),
            SHEET: pl.Series([None] * rows.height, dtype=pl.Utf8),
            "sku": clean_series(rows["sku"], html_allowed=False),
        }
    )
    return suppress.from_catalog(Catalog(path=path, frame=frame))
