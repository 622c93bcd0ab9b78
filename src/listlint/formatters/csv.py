"""``csv``: one row per finding, safe to open in Excel (formulas neutralised)."""

from __future__ import annotations

import csv
from typing import TextIO

from listlint.formatters import FormatOptions
from listlint.formatters.safe import cell
from listlint.report import FINDING_FIELDS, Report


def write(report: Report, out: TextIO, options: FormatOptions) -> None:
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(FINDING_FIELDS)
    for f in report.findings:
        d = f.to_dict()
        d["marketplaces"] = "; ".join(f.marketplaces)
        d["severity"] = f.severity.value
        writer.writerow(["" if d[k] is None else cell(d[k]) for k in FINDING_FIELDS])
