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


def _sp304_fix(title: str) -> str:
    report = listlint.lint([{"sku": "C1", "title": title}], select=["SP304"])
    (found,) = [f for f in report.findings if f.rule == "SP304"]
    return found.suggestion


def test_the_all_caps_fix_keeps_acronyms_and_drops_the_promotion() -> None:
    """Issue 22: the fix wrote "Usb-c" and kept the "BEST SELLER" that SP305 tells the
    seller to remove."""
    fix = _sp304_fix("BEST SELLER USB-C CHARGING CABLE 2M FAST CHARGE")
    assert fix == "write it as 'USB-C Charging Cable 2M Fast Charge'"
    assert _sp304_fix("ORGANIC COTTON T-SHIRT, FREE SHIPPING, NAVY BLUE") == (
        "write it as 'Organic Cotton T-Shirt, Navy Blue'"
    )
