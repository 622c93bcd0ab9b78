"""The engine's fast finding path (``report.make_finding``) makes exactly the finding that
``Finding(**values)`` makes: same fields, same types, same equality, hash, repr and JSON,
and the same coercions or errors when a value is not already of the model's type."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from listlint.report import FINDING_FIELDS, Finding, Severity, make_finding

TEXT = st.text(max_size=12)
OPTIONAL_TEXT = st.none() | TEXT
# values a rule could hand over: the model's own types and near misses it coerces
SEVERITY = st.sampled_from([*Severity, "error", "warning", "info"])
ROW = st.none() | st.integers(-5, 10**9) | st.booleans() | st.sampled_from([3.0, "7"])
MARKETS = st.tuples(TEXT) | st.lists(TEXT, max_size=2) | st.just(())


@st.composite
def values(draw: st.DrawFn) -> dict[str, object]:
    out: dict[str, object] = {}
    for name in FINDING_FIELDS:
        if name in ("rule", "name", "group", "message"):
            out[name] = draw(TEXT)
        elif name == "severity":
            out[name] = draw(SEVERITY)
        elif name == "row":
            out[name] = draw(ROW)
        elif name == "marketplaces":
            out[name] = draw(MARKETS)
        else:
            out[name] = draw(OPTIONAL_TEXT)
    return out


def _same(fast: Finding, slow: Finding) -> None:
    assert fast == slow
    assert fast.__dict__ == slow.__dict__
    assert [type(v) for v in fast.__dict__.values()] == [type(v) for v in slow.__dict__.values()]
    assert list(fast.__dict__) == list(slow.__dict__)  # field order (repr, dumps)
    assert repr(fast) == repr(slow)
    assert fast.to_dict() == slow.to_dict()
    assert fast.model_fields_set == slow.model_fields_set
    assert hash(fast) == hash(slow)


@settings(max_examples=300, deadline=None)
@given(values())
def test_make_finding_equals_validated_finding(vals: dict[str, object]) -> None:
    slow = Finding(**vals)
    fast = make_finding(dict(vals))
    _same(fast, slow)


def test_fast_path_taken_only_for_exact_types() -> None:
    base = {name: None for name in FINDING_FIELDS} | {
        "rule": "TM101",
        "name": "brand-lookalike",
        "group": "ip",
        "message": "m",
        "severity": Severity.ERROR,
        "row": 2,
        "marketplaces": ("amazon-us",),
    }
    exact = dict(base)
    assert make_finding(exact).__dict__ is exact  # filled, not validated
    # a list of marketplaces and a str severity are coerced, as the model does
    loose = base | {"marketplaces": ["ebay"], "severity": "info"}
    coerced = make_finding(loose)
    assert coerced.__dict__ is not loose
    assert coerced.marketplaces == ("ebay",) and coerced.severity is Severity.INFO
    assert make_finding(base | {"row": True}).row == 1  # bool is not taken as an int
    # a frozen finding stays frozen on the fast path
    with pytest.raises(ValidationError):
        make_finding(dict(base)).row = 3  # type: ignore[misc]
    # wrong values fail as they always did
    with pytest.raises(ValidationError):
        make_finding(base | {"row": "two"})
    with pytest.raises(ValidationError):
        make_finding(base | {"extra": 1})


@settings(max_examples=300, deadline=None)
@given(values())
def test_report_json_of_a_finding_is_json_dumps_byte_for_byte(vals: dict[str, object]) -> None:
    import json

    from listlint.formatters.json import finding_json

    for finding in (Finding(**vals), make_finding(dict(vals))):
        expected = json.dumps(finding.to_dict(), ensure_ascii=False, indent=2)
        assert finding_json(finding) == expected.replace("\n", "\n    ")


def test_report_json_escapes_what_json_escapes() -> None:
    import json

    from listlint.formatters.json import finding_json

    nasty = 'quote " backslash \\ tab \t newline \n nul \x00 bell \x07 \u2028 ünï 中 😀 \ud800'
    finding = Finding(
        rule="X1",
        name="n",
        group="g",
        severity=Severity.INFO,
        message=nasty,
        match=nasty,
        row=0,
        marketplaces=(nasty, "amazon-us"),
    )
    expected = json.dumps(finding.to_dict(), ensure_ascii=False, indent=2)
    assert finding_json(finding) == expected.replace("\n", "\n    ")


def test_report_json_of_values_only_model_construct_lets_in() -> None:
    """A row number of another type written after an equal int (2.0 after 2) is written
    as that finding's own JSON says (pydantic's serialiser), not as the int's text."""
    import io
    import json

    from listlint.formatters import FormatOptions
    from listlint.formatters.json import write
    from listlint.report import Report

    base = {"rule": "X1", "name": "n", "group": "g", "severity": Severity.INFO, "message": "m"}
    findings = [
        Finding(**base, row=2),
        Finding.model_construct(**base, row=2.0),
        Finding(**base, row=1),
        Finding.model_construct(**base, row=True),
    ]
    report = Report.model_construct(summary=Report().summary, findings=findings)
    out = io.StringIO()
    write(report, out, FormatOptions())
    rows = [line.strip() for line in out.getvalue().splitlines() if '"row"' in line]
    expected = [json.dumps(f.to_dict()["row"]) for f in findings]
    assert rows == [f'"row": {e},' for e in expected]
    assert rows == ['"row": 2,', '"row": 2.0,', '"row": 1,', '"row": 1,']
