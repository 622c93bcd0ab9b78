"""``json``: the version-1 report contract (see README, "JSON report").

Seller text is written as is, except: a value longer than ``safe.MAX_FIELD`` characters
is cut with a marker, and C1 controls, bidirectional overrides and lone surrogates are
written as ``\\uXXXX`` escapes (the same string to a JSON reader, inert on a terminal)."""

from __future__ import annotations

import json
from json.encoder import encode_basestring
from typing import TextIO

from listlint.formatters import FormatOptions
from listlint.formatters.safe import MAX_FIELD, capped, json_escaped
from listlint.report import FINDING_FIELDS, Finding, Report, Severity


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
        item = json_escaped(finding_json(finding))
        out.write(("\n" if first else ",\n") + "    " + item)
        first = False
    out.write("]\n}\n" if first else "\n  ]\n}\n")


def finding_json(finding: Finding) -> str:
    """One finding as it sits in the report: ``json.dumps(finding.to_dict(),
    ensure_ascii=False, indent=2)`` indented by four more spaces, byte for byte.

    ``indent`` turns off the json module's C encoder, which made writing the report
    ~40 µs per finding (a tenth of a 1M-listing run, in the busiest process). A finding
    is flat, so its lines are assembled here with the C string encoder; a value of any
    other type than the model's goes the json module's way (tests/test_stamp.py)."""
    parts = []
    for key, value in finding.__dict__.items():
        kind = type(value)
        if kind is str:
            text = _string(value if len(value) <= MAX_FIELD else capped(value))
        elif value is None:
            text = "null"
        elif kind is int:
            text = int.__repr__(value)
        elif kind is Severity:
            text = _string(value.value)
        elif kind is tuple and all(type(v) is str for v in value):
            text = (
                "[\n        " + ",\n        ".join(map(_string, value)) + "\n      ]"
                if value
                else "[]"
            )
        else:
            values = {
                k: capped(v) if isinstance(v, str) else v for k, v in finding.to_dict().items()
            }
            item = json.dumps(values, ensure_ascii=False, indent=2)
            return item.replace("\n", "\n    ")
        parts.append(_KEYS[key] + text)
    return "{" + ",".join(parts) + "\n    }"


_string = encode_basestring  # C; ensure_ascii=False, control characters escaped
_KEYS = {name: "\n      " + _string(name) + ": " for name in FINDING_FIELDS}
