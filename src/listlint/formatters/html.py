"""``html``: a standalone report a seller can open (no network assets): a summary by rule
and severity with an inline SVG chart, and a filterable table of findings."""

from __future__ import annotations

from collections import Counter
from html import escape
from typing import TextIO

from listlint.formatters import FormatOptions
from listlint.formatters.safe import clean_text
from listlint.report import Report, Severity

_COLOUR = {"error": "#c0392b", "warning": "#d68910", "info": "#2e86c1"}
_MAX_TEXT = 2000

_CSS = """body{font-family:system-ui,sans-serif;margin:2em;color:#222}
h1{font-size:1.4em}table{border-collapse:collapse;width:100%;margin-top:1em}
th,td{border:1px solid #ddd;padding:4px 6px;overflow-wrap:break-word;text-align:left;vertical-align:top;font-size:.9em}
th{background:#f4f4f4;white-space:nowrap}td.p{overflow-wrap:anywhere;width:55%}
.sev{color:#fff;border-radius:3px;padding:1px 5px;font-size:.8em;white-space:nowrap}
.error{background:#c0392b}.warning{background:#d68910}.info{background:#2e86c1}
q{background:#fff3cd}#filter{padding:4px;width:20em}.fix{color:#1e7e34}"""

_JS = """function f(){var q=document.getElementById('filter').value.toLowerCase(),
s=document.getElementById('sev').value;document.querySelectorAll('#findings tbody tr')
.forEach(function(r){var ok=r.textContent.toLowerCase().indexOf(q)>=0&&(!s||r.dataset.sev==s);
r.style.display=ok?'':'none';});}
// report.html#q=SKU-1 opens the report already filtered (a link a seller can share)
var h=decodeURIComponent(location.hash.replace(/^#q=/,''));
if(h&&location.hash.indexOf('#q=')==0){document.getElementById('filter').value=h;f();}"""


def _e(value: object) -> str:
    return escape(clean_text(value, _MAX_TEXT), quote=True)


def _chart(by_rule: Counter[tuple[str, str]]) -> str:
    rows = by_rule.most_common(20)
    if not rows:
        return ""
    top = max(n for _, n in rows)
    height = 22 * len(rows) + 10
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="620" height="{height}" role="img" aria-label="findings by rule">'
    ]
    for i, ((code, sev), n) in enumerate(rows):
        y = 5 + 22 * i
        w = max(2, int(400 * n / top))
        parts.append(
            f'<text x="0" y="{y + 14}" font-size="12">{_e(code)}</text>'
            f'<rect x="70" y="{y}" width="{w}" height="18" fill="{_COLOUR[sev]}"/>'
            f'<text x="{75 + w}" y="{y + 14}" font-size="12">{n}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def write(report: Report, out: TextIO, options: FormatOptions) -> None:
    s = report.summary
    by_rule: Counter[tuple[str, str]] = Counter((f.rule, f.severity.value) for f in report.findings)
    names = {f.rule: f.name for f in report.findings}
    w = out.write
    w('<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">\n')
    w(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\n"
    )
    w(f"<title>listlint report</title><style>{_CSS}</style></head><body>\n")
    w("<h1>listlint report</h1>\n")
    w(
        f"<p>{s.files} file(s), {s.records} records, {s.listings} listings: "
        f"<b>{s.findings}</b> findings — "
        f'<span class="sev error">{s.errors} errors</span> '
        f'<span class="sev warning">{s.warnings} warnings</span> '
        f'<span class="sev info">{s.info} info</span></p>\n'
    )
    if report.findings:
        w("<h2>By rule</h2>\n" + _chart(by_rule) + "\n")
        w(
            "<table><thead><tr><th>rule</th><th>name</th><th>severity</th><th>findings</th></tr></thead><tbody>\n"
        )
        for (code, sev), n in sorted(by_rule.items(), key=lambda kv: (-kv[1], kv[0])):
            w(
                f'<tr><td>{_e(code)}</td><td>{_e(names[code])}</td><td><span class="sev {sev}">{sev}</span></td><td>{n}</td></tr>\n'
            )
        w("</tbody></table>\n")
    w(
        '<h2>Findings</h2>\n<p><input id="filter" placeholder="filter: SKU, rule, text…" oninput="f()"> '
    )
    w('<select id="sev" onchange="f()"><option value="">all severities</option>')
    for sev in Severity:
        w(f'<option value="{sev.value}">{sev.value}</option>')
    w("</select></p>\n")
    w(
        '<table id="findings"><thead><tr><th>where</th><th>SKU</th><th>field</th><th>rule</th>'
        "<th>severity</th><th>problem</th></tr></thead><tbody>\n"
    )
    for f in report.findings:
        where = f"{f.path or ''}{f' [{f.sheet}]' if f.sheet else ''}{f':{f.row}' if f.row is not None else ''}"
        problem = _e(f.message)
        if f.match:
            problem += f"<br><q>{_e(f.match)}</q>"
        if f.suggestion:
            problem += f'<br><span class="fix">Fix: {_e(f.suggestion)}</span>'
        if f.policy and f.policy.startswith(("https://", "http://")):
            problem += f' <a href="{_e(f.policy)}" rel="noopener noreferrer">policy</a>'
        if f.marketplaces:
            problem += f"<br><small>{_e(', '.join(f.marketplaces))}</small>"
        w(
            f'<tr data-sev="{f.severity.value}"><td>{_e(where)}</td><td>{_e(f.sku or "")}</td>'
            f"<td>{_e(f.column or f.field or '')}</td><td>{_e(f.rule)} {_e(f.name)}</td>"
            f'<td><span class="sev {f.severity.value}">{f.severity.value}</span></td><td class="p">{problem}</td></tr>\n'
        )
    w(f"</tbody></table>\n<script>{_JS}</script>\n</body></html>\n")
