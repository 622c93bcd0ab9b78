"""The library entry points: ``lint`` and ``load``."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from listlint.catalog import Catalog
from listlint.config import Config, build_config
from listlint.report import Report


def _as_list(value: str | Sequence[str] | None) -> list[str] | None:
    if value is None:
        return None
    if isinstance(value, str):
        return [v.strip() for v in value.split(",") if v.strip()]
    return list(value)


def make_config(config: Config | None = None, **overrides: Any) -> Config:
    """A Config from keyword overrides (``policy``, ``select``, ``ignore`` ...), without
    reading config files unless ``config`` is None and ``discover=True`` is passed."""
    discover = overrides.pop("discover", False)
    clean = {k: v for k, v in overrides.items() if v is not None}
    for key in ("policy", "select", "ignore", "extend_select"):
        if key in clean:
            clean[key] = _as_list(clean[key])
    if config is not None:
        from pydantic import ValidationError

        from listlint.config import _config_error

        try:
            return Config.model_validate({**config.model_dump(), **clean})
        except ValidationError as exc:
            raise _config_error(exc, None) from None
    cfg, _ = build_config(clean, isolated=not discover)
    return cfg


def load(
    path: str | Path,
    *,
    sheet: str | None = None,
    columns: dict[str, str] | None = None,
    config: Config | None = None,
) -> Catalog:
    """Load a catalogue file into a :class:`Catalog` (columnar listings + loader notes)."""
    from listlint.loader import load as _load

    cfg = config or Config()
    return _load(
        path, sheet=sheet or cfg.sheet, columns=columns or cfg.columns or None, limits=cfg.limits
    )


def to_catalogs(source: Any, cfg: Config) -> list[Catalog]:
    from listlint.loader import from_frame, from_records

    if isinstance(source, Catalog):
        return [source]
    if isinstance(source, (str, Path)):
        return [load(source, config=cfg)]
    if (
        isinstance(source, (list, tuple))
        and source
        and all(isinstance(s, (str, Path)) for s in source)
    ):
        return [load(s, config=cfg) for s in source]
    if isinstance(source, (list, tuple)) and all(isinstance(r, dict) for r in source):
        return [from_records(list(source), columns=cfg.columns or None)]
    return [from_frame(source, columns=cfg.columns or None)]


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
    import polars as pl

    from listlint.engine import RuleSet, run
    from listlint.reportmeta import describe

    cfg = make_config(config, policy=policy, select=select, ignore=ignore, **options)
    if isinstance(source, pl.LazyFrame):
        from listlint.lazyframe import lint_lazyframe

        return lint_lazyframe(source, cfg)
    ruleset = RuleSet.build(cfg)
    catalogs = to_catalogs(source, cfg)
    # rule metadata and column layouts ride along for formatters (SARIF, xlsx)
    return describe(run(catalogs, ruleset), ruleset, catalogs)
