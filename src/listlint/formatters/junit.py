"""``junit``: JUnit XML for CI dashboards: one testcase per listing, a failure per finding."""

from __future__ import annotations

from collections import OrderedDict
from typing import TextIO
from xml.sax.saxutils import quoteattr

from listlint.formatters import FormatOptions
from listlint.formatters.safe import clean_text
from listlint.report import Finding, Report


def _esc(text: object) -> str:
    return clean_text(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _attr(text: object) -> str:
    return quoteattr(clean_text(text))


def write(report: Report, out: TextIO, options: FormatOptions) -> None:
    cases: OrderedDict[tuple, list[Finding]] = OrderedDict()
    for f in report.findings:
        cases.setdefault((f.path, f.sheet, f.row, f.sku), []).append(f)
    s = report.summary
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(
        f'<testsuites name="listlint" tests="{max(s.listings, len(cases))}" '
        f'failures="{s.findings}" errors="0">\n'
    )
    out.write(
        f'  <testsuite name="listlint" tests="{max(s.listings, len(cases))}" '
        f'failures="{s.findings}" errors="0" skipped="0">\n'
    )
    for (path, sheet, row, sku), found in cases.items():
        where = f"{path or '<records>'}{f'[{sheet}]' if sheet else ''}:{row}"
        name = f"{where} SKU {sku}" if sku else where
        out.write(f"    <testcase classname={_attr(path or 'listlint')} name={_attr(name)}>\n")
        for f in found:
            body = [f.message]
            if f.match:
                body.append(f"Text: {f.match}")
            if f.suggestion:
                body.append(f"Fix: {f.suggestion}")
            if f.policy:
                body.append(f"Policy: {f.policy}")
            out.write(
                f"      <failure type={_attr(f.severity.value)} "
                f"message={_attr(f'{f.rule} {f.name}: {f.message}')}>"
                f"{_esc(chr(10).join(body))}</failure>\n"
            )
        out.write("    </testcase>\n")
    if not cases:
        out.write('    <testcase classname="listlint" name="catalogue"/>\n')
    out.write("  </testsuite>\n</testsuites>\n")
