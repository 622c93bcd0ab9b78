"""``text``: for people. Findings grouped by file and row, colour on a terminal, then a
summary table by rule and severity."""

from __future__ import annotations

from collections import Counter
from itertools import groupby
from typing import TextIO

import click

from listlint.formatters import FormatOptions
from listlint.formatters.safe import clean_text as _t
from listlint.report import Finding, Report, Severity

_COLOURS = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def _style(text: str, options: FormatOptions, **kw: object) -> str:
    return click.style(text, **kw) if options.color else text  # type: ignore[arg-type]


def _location(f: Finding) -> str:
    parts = [_t(f.path or "<input>")]
    if f.sheet:
        parts.append(f"[{_t(f.sheet)}]")
    if f.row is not None:
        parts.append(f"row {f.row}")
    return " ".join(parts)


def write(report: Report, out: TextIO, options: FormatOptions) -> None:
    findings = report.findings
    for _, group in groupby(findings, key=lambda f: (f.path, f.sheet, f.row)):
        items = list(group)
        head = _location(items[0])
        if items[0].sku:
            head += f"  (SKU {_t(items[0].sku)})"
        out.write(_style(head, options, bold=True) + "\n")
        for f in items:
            sev = _style(f"{f.severity.value:<7}", options, fg=_COLOURS[f.severity], bold=True)
            code = _style(f.rule, options, fg="magenta")
            # seller text can hold terminal escapes (ESC, BEL): never pass them to a terminal
            where = f" {_t(f.column)}:" if f.column else ""
            out.write(f"  {sev} {code}{where} {_t(f.message)}")
            if f.marketplaces:
                out.write(f" [{_t(', '.join(f.marketplaces))}]")
            out.write(f"  ({f.name})\n")
            if f.match and f.match not in f.message:
                out.write(f"          found: \u201c{_shorten(_t(f.match))}\u201d\n")
            if f.suggestion:
                out.write(f"          fix: {_t(f.suggestion)}\n")
            if f.policy:
                out.write(_style(f"          policy: {_t(f.policy)}", options, dim=True) + "\n")
        out.write("\n")
    _summary(report, out, options)


def _shorten(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


def _summary(report: Report, out: TextIO, options: FormatOptions) -> None:
    s = report.summary
    if report.findings:
        counts = Counter((f.rule, f.name, f.severity) for f in report.findings)
        width = max(len(f"{code} {name}") for code, name, _ in counts)
        out.write(_style("Summary by rule", options, bold=True) + "\n")
        for (code, name, sev), n in sorted(
            counts.items(), key=lambda kv: (-kv[0][2].rank, kv[0][0])
        ):
            label = f"{code} {name}".ljust(width)
            out.write(
                f"  {label}  {_style(sev.value.ljust(7), options, fg=_COLOURS[sev])} {n:>6}\n"
            )
    line = (
        f"{s.files} file(s), {s.records} record(s), {s.listings} listing(s): "
        f"{s.errors} error(s), {s.warnings} warning(s), {s.info} info"
    )
    colour = "red" if s.errors else "yellow" if s.warnings else "green"
    out.write(_style(line, options, fg=colour, bold=True) + "\n")
