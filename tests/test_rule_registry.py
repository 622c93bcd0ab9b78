"""Every registered rule declares its identity and documents itself."""

from __future__ import annotations

import re

import pytest

from listlint.rules.registry import all_rules, groups, select_rules

RULES = list(all_rules().values())


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_rule_identity_and_docs(rule):
    assert re.fullmatch(r"[A-Z]{2,4}\d{3}", rule.code)
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", rule.name)
    assert rule.group in groups()
    assert rule.summary and not rule.summary.endswith(".")
    doc = rule.doc()
    for section in ("Why", "Fails", "Passes"):
        assert re.search(rf"^{section}\b", doc, re.M), (
            f"{rule.code} docstring lacks a {section} section"
        )


def test_codes_and_names_unique():
    assert len({r.code for r in RULES}) == len(RULES)
    assert len({r.name for r in RULES}) == len(RULES)


def test_selectors():
    assert {r.code for r in select_rules(["DT2"], [])} >= {"DT201", "DT202", "DT203"}
    assert {r.code for r in select_rules(["data"], ["DT203"])} >= {"DT201"}
    assert "DT203" not in {r.code for r in select_rules(["data"], ["duplicate-sku"])}
