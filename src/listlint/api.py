"""The library entry points: ``lint`` and ``load``."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import polars as pl

from listlint.config import Config
from listlint.engine import RuleSet
from listlint.report import Report
from listlint.reportmeta import describe
from listlint.runner import run
from listlint.sources import load, make_config, to_catalogs

__all__ = ["lint", "load", "make_config", "to_catalogs"]


def lint(
    source: str | Path | Iterable[str | Path] | Any,
    *,
    policy: str | Sequence[str] | None = None,
    select: str | Sequence[str] | None = None,
    ignore: str | Sequence[str] | None = None,
    config: Config | None = None,
    **options: Any,
) -> Report:
    """Lint catalogue listings and return a :class:`~listlint.report.Report`.

    ``source`` is a file path (or a list of paths), a list of dicts (one per listing),
    a polars DataFrame or LazyFrame (linted batch by batch), a pandas DataFrame, or an
    Arrow table. Rows are numbered as in a file whose header is row 1: the first
    record (``records[0]``, a DataFrame's first row) is row 2, whatever the source.

    ``policy``, ``select`` and ``ignore`` take a name or a list (or a comma-separated
    string). ``config`` is a :class:`~listlint.config.Config` to start from; without
    it no config file is read (pass ``discover=True`` to read ``listlint.toml`` /
    ``pyproject.toml`` as the command line does).

    ``**options`` are the other config keys, with underscores: ``fail_on`` (the level
    :meth:`Report.exit_code` fails at: ``"error"``, ``"warning"``, ``"info"`` or a
    :class:`~listlint.report.Severity`), ``extend_select``, ``severity`` (selector ->
    level), ``columns`` (field -> header, like ``--map``), ``authorized_brands``,
    ``per_file_ignores``, ``rules`` (code -> options), ``sheet``, ``limits``, ``jobs``,
    ``batch_size``, ``ignore_file`` and ``baseline`` (paths; suppressions and the
    baseline apply exactly as on the command line, the notices land in
    ``report.notices``). An unknown option or a bad value raises
    :class:`~listlint.errors.ConfigError`.

    >>> report = lint("catalog.csv", policy="tiktok-shop-us", select=["prohibited"])
    >>> report.summary.errors, report.exit_code()
    """

    cfg = make_config(config, policy=policy, select=select, ignore=ignore, **options)
    if isinstance(source, pl.LazyFrame):
        from listlint.lazyframe import lint_lazyframe

        return lint_lazyframe(source, cfg)
    ruleset = RuleSet.build(cfg)
    catalogs = to_catalogs(source, cfg)
    # rule metadata and column layouts ride along for formatters (SARIF, xlsx)
    return describe(run(catalogs, ruleset), ruleset, catalogs)
