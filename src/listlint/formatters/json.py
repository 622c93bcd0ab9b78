"""``json``: the version-1 report contract (see README, "JSON report")."""

from __future__ import annotations

import json
from typing import TextIO

from listlint.formatters import FormatOptions
from listlint.report import Report


def write(report: Report, out: TextIO, options: FormatOptions) -> None:
    # ensure_ascii=False keeps sellers' text readable; control characters are still
    # escaped by the encoder, so the output is always valid single-document JSON.
    json.dump(report.to_dict(), out, ensure_ascii=False, indent=2)
    out.write("\n")
