"""Configs and catalogues from what a library caller hands over: keyword options, a file
path (or several), a list of dicts, a polars/pandas/Arrow table. Below the entry points
(:mod:`listlint.api`, :mod:`listlint.batchapi`, :mod:`listlint.lazyframe`,
:mod:`listlint.partitions`), which all read their sources through it."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from listlint.catalog import Catalog
from listlint.config import Config, _config_error, build_config
from listlint.loader import from_frame, from_records
from listlint.loader import load as _load


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

    cfg = config or Config()
    return _load(
        path, sheet=sheet or cfg.sheet, columns=columns or cfg.columns or None, limits=cfg.limits
    )


def to_catalogs(source: Any, cfg: Config) -> list[Catalog]:

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
