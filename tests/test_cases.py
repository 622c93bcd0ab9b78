"""Data-driven rule tests: every ``tests/cases/*.yaml`` file, one test per case.

Case file format::

    rules: [PR101, PR102]        # the codes under test (selected for the run)
    policy: [base]               # optional policy packs (default: base)
    options: {}                  # optional extra lint() keyword options
    cases:
      - id: kratom-in-title      # unique within the file
        listing: {title: "Kratom capsules", category: "Health"}
        expect: [PR101]          # codes that must fire; [] = must not fire (a trap)
        match: kratom            # optional: a finding's `match` must contain this text
        marketplaces: [TikTok Shop US]   # optional: must be named by the finding
        severity: error          # optional: a finding of the expected rules has it

A case passes when the set of codes (among ``rules``) found equals ``expect``.

A case the rules do not pass yet, and that no general mechanism covers today, carries
``known_miss: "<why>"``: it is run and must still fail (a strict expected failure), so
the day a change makes it pass the suite says so and the marker comes off. Known misses
are counted in the docs; they are never deleted to go green.

Catalogue-level rules (outliers, shared images, mixed currencies) need several listings:
``listings: [...]`` replaces ``listing``, and ``flagged: [SKU, ...]`` (optional) names the
listings the expected codes must be reported on, no more and no fewer.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

import listlint

CASES_DIR = Path(__file__).parent / "cases"


def _load() -> list:
    params = []
    for path in sorted(CASES_DIR.glob("*.yaml")):
        spec = yaml.safe_load(path.read_text(encoding="utf-8"))
        if "rules" not in spec:
            continue  # not a rule case file (product_*.yaml: tests/test_product.py)
        ids = set()
        for case in spec["cases"]:
            assert case["id"] not in ids, f"duplicate case id {case['id']} in {path.name}"
            ids.add(case["id"])
            params.append(pytest.param(spec, case, id=f"{path.stem}:{case['id']}"))
    return params


@pytest.mark.parametrize(("spec", "case"), _load())
def test_case(spec: dict, case: dict) -> None:
    why = case.get("known_miss")
    if not why:
        _check(spec, case)
        return
    try:
        _check(spec, case)
    except AssertionError:
        pytest.xfail(f"known miss: {why}")
    pytest.fail(f"case {case['id']} now passes: remove its known_miss marker ({why})")


def _check(spec: dict, case: dict) -> None:
    codes = spec["rules"]
    records = case["listings"] if "listings" in case else [case["listing"]]
    report = listlint.lint(
        records,
        policy=case.get("policy", spec.get("policy", ["base"])),
        select=codes,
        **spec.get("options", {}),
    )
    found = {f.rule for f in report.findings if f.rule in codes}
    messages = [f"{f.rule}: {f.message} [{f.match}]" for f in report.findings]
    assert found == set(case["expect"]), messages
    if case.get("match"):
        assert any(case["match"].lower() in (f.match or "").lower() for f in report.findings), (
            messages
        )
    if "flagged" in case:
        skus = {f.sku for f in report.findings if f.rule in codes}
        assert skus == set(case["flagged"]), messages
    if case.get("severity"):
        expected = [f for f in report.findings if f.rule in case["expect"]]
        assert any(f.severity.value == case["severity"] for f in expected), messages
    if case.get("marketplaces"):
        named = {m for f in report.findings for m in f.marketplaces}
        assert set(case["marketplaces"]) <= named, (named, messages)
