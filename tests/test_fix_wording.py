"""Findings a seller fixes in one pass (issue 22): a promotional-text finding lists every
promotional phrase of the title at once."""

from __future__ import annotations

import listlint


def _sp305(title: str) -> list:
    report = listlint.lint([{"sku": "P1", "title": title}], select=["SP305"])
    return [f for f in report.findings if f.rule == "SP305"]


def test_every_promotional_phrase_is_listed_in_one_finding() -> None:
    found = _sp305("Ceramic Mug - Best Seller, Free Shipping, 50% OFF")
    assert len(found) == 1
    message = found[0].message
    for phrase in ("'Best Seller'", "'Free Shipping'", "'50% OFF'"):
        assert phrase in message, message
    assert found[0].match == "Best Seller" and found[0].suggestion.startswith("remove them;")


def test_one_phrase_is_one_quote_and_a_repeat_is_quoted_once() -> None:
    found = _sp305("Cotton T-Shirt FREE SHIPPING")
    assert len(found) == 1 and "'FREE SHIPPING';" in found[0].message
    assert found[0].suggestion.startswith("remove it;")
    found = _sp305("Free Shipping Mug free shipping")
    assert found[0].message.count("hipping'") == 1
