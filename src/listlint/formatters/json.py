"""``json``: the version-1 report contract (see README, "JSON report").

Seller text is written as is, except: a value longer than ``safe.MAX_FIELD`` characters
is cut with a marker, and C1 controls, bidirectional overrides and lone surrogates are
written as ``\\uXXXX`` escapes (the same string to a JSON reader, inert on a terminal)."""

from __future__ import annotations

import json
from json.encoder import encode_basestring
from operator import add
from typing import Any, TextIO

from listlint.formatters import FormatOptions
from listlint.formatters.safe import MAX_FIELD, capped, json_escaped
from listlint.report import FINDING_FIELDS, Finding, Report, Severity, finding_rows


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
    encoded = _Encoded()
    for row in finding_rows(report.findings):
        item = encoded.item(row)
        out.write(("\n" if first else ",\n") + "    " + item)
        first = False
    out.write("]\n}\n" if first else "\n  ]\n}\n")


def finding_json(finding: Finding) -> str:
    """One finding as it sits in the report, before :func:`~listlint.formatters.safe.
    json_escaped`: ``json.dumps(finding.to_dict(), ensure_ascii=False, indent=2)``
    indented by four more spaces, byte for byte.

    ``indent`` turns off the json module's C encoder, which made writing the report
    ~40 µs per finding (a tenth of a 1M-listing run, in the busiest process). A finding
    is flat, so its lines are assembled here with the C string encoder; a value of any
    other type than the model's goes the json module's way (tests/test_stamp.py)."""
    try:
        return _assemble([_value_json(v) for v in finding.__dict__.values()])
    except _NotFlat:
        return _generic_json(finding)


class _NotFlat(Exception):
    """A value of a type the Finding model does not hold (only model_construct makes one)."""


def _value_json(value: Any) -> str:
    kind = type(value)
    if kind is str:
        return _string(value if len(value) <= MAX_FIELD else capped(value))
    if value is None:
        return "null"
    if kind is int:
        return int.__repr__(value)
    if kind is Severity:
        return _string(value.value)
    if kind is tuple and all(type(v) is str for v in value):
        if not value:
            return "[]"
        return "[\n        " + ",\n        ".join(map(_string, value)) + "\n      ]"
    raise _NotFlat


def _assemble(values: list[str]) -> str:
    return "{" + ",".join(map(add, _KEY_TEXT, values)) + "\n    }"


def _generic_json(finding: Finding) -> str:
    values = {k: capped(v) if isinstance(v, str) else v for k, v in finding.to_dict().items()}
    return json.dumps(values, ensure_ascii=False, indent=2).replace("\n", "\n    ")


#: distinct values whose JSON text one report keeps at most (then it starts over)
_MEMO_LIMIT = 50_000


class _Encoded(dict[Any, str]):
    """The escaped JSON text of each field value, kept for the values seen before.

    Most of a finding repeats across the findings of its rule: code, name, group,
    severity, path, column, message, suggestion, policy link, marketplaces. Looking
    their text up costs a dict access where encoding and escaping cost ~1 µs each
    (a 1M-listing run writes 700k findings). The values kept (exact str, None,
    Severity, tuple of str) never compare equal across those types except a Severity
    and its own name, which encode alike."""

    def __missing__(self, value: Any) -> str:
        text = json_escaped(_value_json(value))
        if type(value) is int:
            # not kept: 2.0 or True (only model_construct lets them in) would find the
            # text of 2 or 1; a row number rarely repeats anyway
            return text
        if len(self) >= _MEMO_LIMIT:
            self.clear()
        self[value] = text
        return text

    def item(self, row: tuple[Any, ...]) -> str:
        """One finding (its values in FINDING_FIELDS order) as the report writes it."""
        if len(row) == len(FINDING_FIELDS):
            try:
                return _assemble(list(map(self.__getitem__, row)))
            except (_NotFlat, TypeError):  # TypeError: an unhashable value
                pass
        # as the finding holds them, unvalidated (model_construct is how such values get in)
        finding = Finding.model_construct(**dict(zip(FINDING_FIELDS, row, strict=True)))
        return json_escaped(finding_json(finding))


_string = encode_basestring  # C; ensure_ascii=False, control characters escaped
_KEY_TEXT = tuple("\n      " + _string(name) + ": " for name in FINDING_FIELDS)
