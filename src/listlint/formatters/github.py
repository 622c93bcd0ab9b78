"""``github``: GitHub Actions workflow-command annotations (``::error file=..,line=..``).

GitHub shows at most 10 annotations of each level per step in the diff view and
chokes on thousands, so output is capped per rule and in total, with a summary line.
"""

from __future__ import annotations

from collections import Counter
from typing import TextIO

from listlint.formatters import FormatOptions
from listlint.formatters.safe import capped, clean_text
from listlint.report import Report, Severity

PER_RULE = 50
TOTAL = 200
_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def _data(text: str) -> str:
    # U+2028/2029 would end the workflow command early for line-based readers
    text = clean_text(capped(text)).replace("\u2028", " ").replace("\u2029", " ")
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def write(report: Report, out: TextIO, options: FormatOptions) -> None:
    per_rule: Counter[str] = Counter()
    shown = 0
    for f in report.findings:
        per_rule[f.rule] += 1
        if per_rule[f.rule] > PER_RULE or shown >= TOTAL:
            continue
        shown += 1
        props = []
        if f.path:
            props.append(f"file={_prop(f.path)}")
        if f.row is not None:
            props.append(f"line={f.row}")
        props.append(f"title={_prop(f'{f.rule} {f.name}')}")
        where = f"SKU {capped(f.sku, 200)}: " if f.sku else ""
        msg = f"{where}{f.message}"
        if f.suggestion:
            msg += f" Fix: {f.suggestion}"
        out.write(f"::{_LEVEL[f.severity]} {','.join(props)}::{_data(msg)}\n")
    hidden = len(report.findings) - shown
    s = report.summary
    line = (
        f"listlint: {s.findings} findings ({s.errors} errors, {s.warnings} warnings, "
        f"{s.info} info) in {s.listings} listings"
    )
    if hidden:
        top = ", ".join(f"{r} x{n}" for r, n in per_rule.most_common(10))
        line += f"; {hidden} not annotated (cap {PER_RULE}/rule, {TOTAL} total). By rule: {top}"
    level = "error" if s.errors else "notice"
    out.write(f"::{level} title=listlint summary::{_data(line)}\n")
