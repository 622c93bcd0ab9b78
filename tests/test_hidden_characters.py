"""Invisible characters inside a word do not hide it (issue 21 L6): Unicode tag
characters (U+E0000-E007F) and Hangul fillers (U+3164, U+FFA0, U+115F) are dropped by
the matching form like zero-width spaces, in one string and in a column alike, and the
finding still quotes what the seller wrote."""

from __future__ import annotations

import polars as pl
import pytest

import listlint
from listlint.text.normalize import fold, fold_series

HIDERS = {
    "tag character": "\U000e0041",
    "cancel tag": "\U000e007f",
    "Hangul filler": "\u3164",
    "half-width Hangul filler": "\uffa0",
    "Hangul choseong filler": "\u115f",
    "invisible times": "\u2062",
}


@pytest.mark.parametrize("hider", HIDERS.values(), ids=HIDERS.keys())
def test_fold_drops_the_hider_in_a_string_and_a_column(hider: str) -> None:
    word = f"Kra{hider}tom"
    assert fold(word) == "kratom"
    assert fold_series(pl.Series([word])).to_list() == ["kratom"]


@pytest.mark.parametrize("hider", HIDERS.values(), ids=HIDERS.keys())
def test_a_hidden_prohibited_product_is_found(hider: str) -> None:
    report = listlint.lint([{"sku": "K1", "title": f"Kra{hider}tom capsules"}], select=["PR101"])
    assert [f.rule for f in report.findings] == ["PR101"]


def test_a_hidden_health_claim_is_found_and_quoted_as_written() -> None:
    title = "Natural supplement cu\U000e0041res diab\u3164etes"
    record = {"sku": "C1", "title": title, "category": "Health > Supplements"}
    found = [f for f in listlint.lint([record], select=["claims"]).findings if f.rule == "HC101"]
    assert len(found) == 1 and found[0].match == "cu\U000e0041res diab\u3164etes"


@pytest.mark.parametrize("space", ["\u00a0", "\u202f", "\u2007"], ids=["NBSP", "narrow", "figure"])
def test_a_visible_space_inside_a_word_reads_as_an_ordinary_space(space: str) -> None:
    """No-break spaces show as a space, so they split a word as a typed space does (a
    decision: docs/issues-21-22.md, L6); only invisible characters are dropped."""
    assert fold(f"Kra{space}tom") == fold("Kra tom") == "kra tom"
    spaced = listlint.lint([{"sku": "K1", "title": f"Kra{space}tom capsules"}], select=["PR"])
    typed = listlint.lint([{"sku": "K1", "title": "Kra tom capsules"}], select=["PR"])
    assert [f.rule for f in spaced.findings] == [f.rule for f in typed.findings]
