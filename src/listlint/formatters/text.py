"""``text``: for people. Findings grouped by file and row, colour on a terminal, then a
summary table by rule and severity.

- Several findings of one rule on one listing (the title's "Fat Burner" and the
  description's "fat burner") are one line that quotes each of them.
- The marketplaces a finding concerns are named once: not again in brackets when its
  message already names them.
- Every value is one line: a newline in a SKU, a header or a quote is shown as ⏎, so
  seller text cannot forge report lines ("0 error(s) - safe to upload").
- ``options.width`` wraps lines to that many columns under their indent (the CLI passes
  the terminal's width on a terminal and None otherwise, so piped or saved reports keep
  one finding per line for grep).
"""

from __future__ import annotations

import re
import textwrap
from collections import Counter
from itertools import groupby
from typing import TextIO

import click

from listlint.formatters import FormatOptions
from listlint.formatters.safe import clean_text
from listlint.report import Finding, Report, Severity

_COLOURS = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
_INDENT = " " * 10
_LINE_BREAKS = re.compile("\r\n|[\r\n\u2028\u2029]")


def _t(value: object) -> str:
    """Seller text for one report line: no terminal escapes (clean_text) and no line
    breaks."""
    return _LINE_BREAKS.sub("\u23ce", clean_text(value))


def _style(text: str, options: FormatOptions, **kw: object) -> str:
    return click.style(text, **kw) if options.color else text  # type: ignore[arg-type]


def _location(f: Finding) -> str:
    parts = [_t(f.path or "<input>")]
    if f.sheet:
        parts.append(f"[{_t(f.sheet)}]")
    if f.row is not None:
        parts.append(f"row {f.row}")
    return " ".join(parts)


def _wrap(text: str, width: int | None, indent: str) -> list[str]:
    """``text`` (which starts with its own indent) as lines of at most ``width``
    columns, continuation lines under ``indent``; URLs and quotes are not split."""
    if not width or len(text) <= width:
        return [text]
    return textwrap.wrap(
        text,
        width=max(width, len(indent) + 20),
        subsequent_indent=indent,
        break_long_words=False,
        break_on_hyphens=False,
        drop_whitespace=True,
    ) or [text]


def write(report: Report, out: TextIO, options: FormatOptions) -> None:
    for _, group in groupby(report.findings, key=lambda f: (f.path, f.sheet, f.row)):
        items = list(group)
        head = _location(items[0])
        if items[0].sku:
            head += f"  (SKU {_t(items[0].sku)})"
        out.write(_style(head, options, bold=True) + "\n")
        for same_rule in _by_rule(items):
            _finding(same_rule, out, options)
        out.write("\n")
    _summary(report, out, options)


def _by_rule(items: list[Finding]) -> list[list[Finding]]:
    """One listing's findings, those of one rule together, in order of first appearance."""
    groups: dict[str, list[Finding]] = {}
    for f in items:
        groups.setdefault(f.rule, []).append(f)
    return list(groups.values())


def _distinct(values: list[str | None]) -> list[str]:
    return list(dict.fromkeys(v for v in values if v))


def _finding(found: list[Finding], out: TextIO, options: FormatOptions) -> None:
    first = found[0]
    worst = max((f.severity for f in found), key=lambda s: s.rank)
    where = f" {_t(first.column)}:" if first.column else ""
    line = f"{_t(first.message)}"
    others = [
        f"{_t(f.column) + ': ' if f.column else ''}\u201c{_shorten(_t(f.match or f.message), 80)}\u201d"
        for f in found[1:]
    ]
    if others:
        line += f" (also {'; '.join(others)})"
    markets = _distinct([m for f in found for m in f.marketplaces])
    text = " ".join(_t(f.message) + " " + _t(f.suggestion or "") for f in found)
    if markets and not all(m in text for m in markets):
        line += f" [{_t(', '.join(markets))}]"
    plain_head = f"  {worst.value:<7} {first.rule}"
    rows = _wrap(f"{plain_head}{where} {line}  ({first.name})", options.width, _INDENT)
    styled_head = (
        "  "
        + _style(f"{worst.value:<7}", options, fg=_COLOURS[worst], bold=True)
        + " "
        + _style(first.rule, options, fg="magenta")
    )
    rows[0] = styled_head + rows[0][len(plain_head) :]
    for row in rows:
        out.write(row + "\n")
    if len(found) == 1 and first.match and first.match not in first.message:
        _extra(f"found: \u201c{_shorten(_t(first.match))}\u201d", out, options)
    for fix in _distinct([f.suggestion for f in found]):
        _extra(f"fix: {_t(fix)}", out, options)
    for policy in _distinct([f.policy for f in found]):
        _extra(f"policy: {_t(policy)}", out, options, dim=True)


def _extra(text: str, out: TextIO, options: FormatOptions, dim: bool = False) -> None:
    for row in _wrap(_INDENT + text, options.width, _INDENT + "  "):
        out.write((_style(row, options, dim=True) if dim else row) + "\n")


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
