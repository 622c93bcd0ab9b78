"""``sarif``: SARIF 2.1.0 for code-scanning tools (GitHub code scanning, IDE viewers).

Each finding is a result with a physical location (the file and the spreadsheet row)
and logical locations naming the SKU and the field. Rule descriptors come from the
metadata the Report carries (never from the rule registry); long seller values are
capped and C1/bidi characters escaped, as in the JSON report.
"""

from __future__ import annotations

import json
from pathlib import PurePath
from typing import Any, TextIO
from urllib.parse import quote

from listlint import __version__
from listlint.formatters import FormatOptions
from listlint.formatters.safe import capped, json_escaped
from listlint.report import Finding, Report, RuleInfo, Severity

#: a rule's documentation is a few hundred words; this only stops a runaway docstring
MAX_HELP = 20_000

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
INFO_URI = "https://github.com/listlint/listlint"


def _uri(path: str) -> str:
    return quote(PurePath(path).as_posix(), safe="/:._-~")


def _descriptor(code: str, sample: Finding, info: RuleInfo | None) -> dict[str, Any]:
    """A rule descriptor from the metadata the Report carries (the finding itself for a
    rule the Report does not describe, e.g. a hand-built Report)."""
    summary = (info.summary if info else None) or sample.name
    help_uri = (info.policy_url if info else None) or sample.policy
    rule: dict[str, Any] = {
        "id": code,
        "name": sample.name,
        "shortDescription": {"text": summary},
        "fullDescription": {"text": summary},
        "help": {"text": capped((info.help if info else "") or summary, MAX_HELP)},
        "defaultConfiguration": {"level": _LEVEL[info.severity if info else sample.severity]},
        "properties": {"group": sample.group},
    }
    if help_uri:
        rule["helpUri"] = help_uri
    return rule


def _result(f: Finding, index: int) -> dict[str, Any]:
    text = capped(f.message)
    if f.suggestion:
        text += f" Fix: {capped(f.suggestion)}"
    result: dict[str, Any] = {
        "ruleId": f.rule,
        "ruleIndex": index,
        "level": _LEVEL[f.severity],
        "message": {"text": text},
    }
    physical: dict[str, Any] = {"artifactLocation": {"uri": _uri(f.path or "<records>")}}
    if f.row is not None and f.row >= 1:
        region: dict[str, Any] = {"startLine": f.row}
        if f.match:
            region["snippet"] = {"text": capped(f.match)}
        physical["region"] = region
    location: dict[str, Any] = {"physicalLocation": physical}
    logical = []
    sku = capped(f.sku) if f.sku else None
    if sku:
        logical.append({"name": sku, "kind": "object", "fullyQualifiedName": f"sku:{sku}"})
    if f.field or f.column:
        name = capped(f.column or f.field or "")
        fq = f"sku:{sku}/{f.field or name}" if sku else (f.field or name)
        logical.append({"name": name, "kind": "member", "fullyQualifiedName": fq})
    if logical:
        location["logicalLocations"] = logical
    result["locations"] = [location]
    props: dict[str, Any] = {"group": f.group}
    for key in ("sheet", "column", "field", "sku", "match", "suggestion", "policy"):
        value = getattr(f, key)
        if value is not None:
            props[key] = capped(value)
    if f.marketplaces:
        props["marketplaces"] = list(f.marketplaces)
    result["properties"] = props
    return result


def build(report: Report) -> dict[str, Any]:
    order: dict[str, int] = {}
    rules: list[dict[str, Any]] = []
    for f in report.findings:
        if f.rule not in order:
            order[f.rule] = len(rules)
            rules.append(_descriptor(f.rule, f, report.rules.get(f.rule)))
    artifacts = sorted({f.path for f in report.findings if f.path})
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "listlint",
                "version": __version__,
                "informationUri": INFO_URI,
                "rules": rules,
            }
        },
        "artifacts": [{"location": {"uri": _uri(p)}} for p in artifacts],
        "results": [_result(f, order[f.rule]) for f in report.findings],
        "properties": {"summary": report.summary.model_dump()},
    }
    return {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}


def write(report: Report, out: TextIO, options: FormatOptions) -> None:
    out.write(json_escaped(json.dumps(build(report), ensure_ascii=False, indent=2)))
    out.write("\n")
