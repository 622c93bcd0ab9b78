"""The same listing written in English, Spanish, Portuguese, German, French and Indonesian
gets the same claims verdict (issue 18).

``tests/cases/claims_i18n.yaml`` holds one case per language for each ``parity`` group;
:mod:`tests.test_cases` checks every case's result against its ``expect``. Here the
expectations of a group must agree and every language must be present, and the whole group
is linted in one run, so a verdict that depends on the language shows up as one failure."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest
import yaml

import listlint

CASES = Path(__file__).parent / "cases" / "claims_i18n.yaml"
LANGUAGES = ("en", "es", "pt", "de", "fr", "id")


def _groups() -> dict[str, list[dict]]:
    spec = yaml.safe_load(CASES.read_text(encoding="utf-8"))
    groups: dict[str, list[dict]] = defaultdict(list)
    for case in spec["cases"]:
        if "parity" in case:
            groups[case["parity"]].append(case)
    return dict(groups)


def test_every_group_has_every_language_and_one_expectation() -> None:
    groups = _groups()
    assert len(groups) >= 10
    for name, cases in groups.items():
        langs = sorted(c["id"].rsplit("-", 1)[1] for c in cases)
        assert langs == sorted(LANGUAGES), (name, langs)
        assert len({tuple(sorted(c["expect"])) for c in cases}) == 1, name


@pytest.mark.parametrize("group", sorted(_groups()))
def test_same_verdict_in_every_language(group: str) -> None:
    cases = _groups()[group]
    listings = [dict(c["listing"], sku=c["id"]) for c in cases]
    report = listlint.lint(listings, select=["claims"])
    verdicts = {c["id"]: set() for c in cases}
    for f in report.findings:
        if f.severity.value != "info":
            verdicts[f.sku].add(f.rule)
    assert len({frozenset(v) for v in verdicts.values()}) == 1, verdicts
