"""``sarif``: SARIF 2.1.0 for code-scanning tools (GitHub code scanning, IDE viewers).

Each finding is a result with a physical location (the file and the spreadsheet row)
and logical locations naming the SKU and the field.
"""

from __future__ import annotations

import json
from pathlib import PurePath
from typing import Any, TextIO
from urllib.parse import quote

from listlint import __version__
from listlint.formatters import FormatOptions
from listlint.report import Finding, Report, Severity

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
INFO_URI = "https://github.com/listlint/listlint"


def _uri(path: str) -> str:
    return quote(PurePath(path).as_posix(), safe="/:._-~")


def _rule_meta() -> dict[str, Any]:
    try:
        from listlint.rules.registry import all_rules

        return dict(all_rules())
    except Exception:  # a broken third-party rule must not stop the report
        return {}


def _descriptor(code: str, sample: Finding, meta: dict[str, Any]) -> dict[str, Any]:
    cls = meta.get(code)
    summary = getattr(cls, "summary", None) or sample.name
    doc = cls.doc() if cls is not None else summary
    help_uri = getattr(cls, "policy_url", None) or sample.policy
    rule: dict[str, Any] = {
        "id": code,
        "name": sample.name,
        "shortDescription": {"text": summary},
        "fullDescription": {"text": summary},
        "help": {"text": doc},
        "defaultConfiguration": {
            "level": _LEVEL[getattr(cls, "severity", sample.severity)]
            if isinstance(getattr(cls, "severity", None), Severity)
            else _LEVEL[sample.severity]
        },
        "properties": {"group": sample.group},
    }
    if help_uri:
        rule["helpUri"] = help_uri
    return rule


def _result(f: Finding, index: int) -> dict[str, Any]:
    text = f.message
    if f.suggestion:
        text += f" Fix: {f.suggestion}"
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
            region["snippet"] = {"text": f.match}
        physical["region"] = region
    location: dict[str, Any] = {"physicalLocation": physical}
    logical = []
    if f.sku:
        logical.append({"name": f.sku, "kind": "object", "fullyQualifiedName": f"sku:{f.sku}"})
    if f.field or f.column:
        name = f.column or f.field or ""
        fq = f"sku:{f.sku}/{f.field or name}" if f.sku else (f.field or name)
        logical.append({"name": name, "kind": "member", "fullyQualifiedName": fq})
    if logical:
        location["logicalLocations"] = logical
    result["locations"] = [location]
    props: dict[str, Any] = {"group": f.group}
    for key in ("sheet", "column", "field", "sku", "match", "suggestion", "policy"):
        value = getattr(f, key)
        if value is not None:
            props[key] = value
    if f.marketplaces:
        props["marketplaces"] = list(f.marketplaces)
    result["properties"] = props
    return result


def build(report: Report) -> dict[str, Any]:
    meta = _rule_meta()
    order: dict[str, int] = {}
    rules: list[dict[str, Any]] = []
    for f in report.findings:
        if f.rule not in order:
            order[f.rule] = len(rules)
            rules.append(_descriptor(f.rule, f, meta))
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
    json.dump(build(report), out, ensure_ascii=False, indent=2)
    out.write("\n")
