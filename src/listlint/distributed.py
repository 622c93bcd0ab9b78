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

from listlint.config import Config
from listlint.errors import ConfigError, InputError
from listlint.report import Report


def lint_files(
    engine: str,
    paths: Sequence[str | Path],
    config: Config,
    master: str | None = None,
) -> Report:
    """The CLI's ``--engine spark|dask``: lint Parquet files on a cluster, one catalogue
    per file (Spark in local mode unless ``master`` names a cluster), finished on the
    driver as a local run is (suppressions, baseline: :func:`listlint.partitions.finish_wires`)."""
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
