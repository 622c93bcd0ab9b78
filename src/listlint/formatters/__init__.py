"""Output formats, one module each, all reading the same :class:`~listlint.report.Report`.

Each module has ``write(report, out, options)``; ``out`` is a text stream (binary
formats receive a path in ``options.output``). Third-party formats register under the
``listlint.formatters`` entry-point group.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from listlint.errors import ConfigError

BUILTIN: dict[str, str] = {
    "text": "listlint.formatters.text",
    "json": "listlint.formatters.json",
    "csv": "listlint.formatters.csv",
    "sarif": "listlint.formatters.sarif",
    "github": "listlint.formatters.github",
    "junit": "listlint.formatters.junit",
    "xlsx": "listlint.formatters.xlsx",
    "html": "listlint.formatters.html",
}

#: file extension -> format, for ``--output report.sarif`` without ``--format``
EXTENSIONS: dict[str, str] = {
    ".json": "json",
    ".txt": "text",
    ".csv": "csv",
    ".sarif": "sarif",
    ".xml": "junit",
    ".xlsx": "xlsx",
    ".html": "html",
    ".htm": "html",
}

#: formats that are not text streams (the formatter writes ``options.output`` itself)
BINARY: set[str] = {"xlsx"}


@dataclass
class FormatOptions:
    color: bool = False
    output: str | None = None
    #: the input files, for formats that annotate or link back to them
    inputs: list[str] = field(default_factory=list)
    #: where an input shown under another name is read from (``-`` -> a spooled copy)
    files: dict[str, str] = field(default_factory=dict)
    #: the loader's limits (a :class:`~listlint.config.Limits`), for formats that
    #: re-read inputs through the loader's readers
    limits: Any = None
    #: text formats: wrap lines to this many columns (None: do not wrap)
    width: int | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def available() -> dict[str, str]:
    from importlib.metadata import entry_points

    found = dict(BUILTIN)
    for ep in entry_points(group="listlint.formatters"):
        found.setdefault(ep.name, ep.value)
    return found


def get(name: str) -> Callable[..., None]:
    formats = available()
    if name not in formats:
        raise ConfigError(f"unknown format {name!r} (formats: {', '.join(sorted(formats))})")
    target = formats[name]
    module_name, _, attr = target.partition(":")
    module = importlib.import_module(module_name)
    return getattr(module, attr or "write")
