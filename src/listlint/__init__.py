"""listlint: lint product catalogues before you upload them.

Public API (everything else is internal)::

    import listlint
    report = listlint.lint("catalog.xlsx", policy="amazon-us")
    for finding in report.findings:
        print(finding.row, finding.rule, finding.message)

Imports are lazy so that ``listlint --help`` and small files start fast.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = [
    "Catalog",
    "Config",
    "Finding",
    "InputError",
    "Listing",
    "ListlintError",
    "Report",
    "Severity",
    "__version__",
    "lint",
    "lint_batch",
    "load",
]

_LAZY = {
    "lint": ("listlint.api", "lint"),
    "load": ("listlint.api", "load"),
    "lint_batch": ("listlint.batchapi", "lint_batch"),
    "Catalog": ("listlint.catalog", "Catalog"),
    "Config": ("listlint.config", "Config"),
    "Finding": ("listlint.report", "Finding"),
    "Report": ("listlint.report", "Report"),
    "Severity": ("listlint.report", "Severity"),
    "Listing": ("listlint.models", "Listing"),
    "ListlintError": ("listlint.errors", "ListlintError"),
    "InputError": ("listlint.errors", "InputError"),
}

if TYPE_CHECKING:
    from listlint.api import lint, load
    from listlint.batchapi import lint_batch
    from listlint.catalog import Catalog
    from listlint.config import Config
    from listlint.errors import InputError, ListlintError
    from listlint.models import Listing
    from listlint.report import Finding, Report, Severity


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        module, attr = _LAZY[name]
        value = getattr(importlib.import_module(module), attr)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'listlint' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)
