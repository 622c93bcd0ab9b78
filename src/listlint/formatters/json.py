"""``json``: the version-1 report contract (see README, "JSON report")."""

from __future__ import annotations

import json
from typing import TextIO

from listlint.formatters import FormatOptions
from listlint.report import Report


def write(report: Report, out: TextIO, options: FormatOptions) -> None:
    # ensure_ascii=False keeps sellers' text readable; control characters are still
    # escaped by the encoder, so the output is always valid single-document JSON.
    # Findings are written one at a time (a huge report is never held as one dict);
    # the bytes are exactly those of json.dump(report.to_dict(), indent=2).
    head = json.dumps(
        {"version": report.version, "summary": report.summary.model_dump()},
        ensure_ascii=False,
        indent=2,
    )
    out.write(head[: -len("\n}")] + ',\n  "findings": [')
    first = True
    for finding in report.findings:
        item = json.dumps(finding.to_dict(), ensure_ascii=False, indent=2)
        out.write(("\n" if first else ",\n") + "    " + item.replace("\n", "\n    "))
        first = False
    out.write("]\n}\n" if first else "\n  ]\n}\n")
