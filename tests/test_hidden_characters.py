"""Invisible characters inside a word do not hide it (issue 21 L6): Unicode tag
characters (U+E0000-E007F) and Hangul fillers (U+3164, U+FFA0, U+115F) are dropped by
the matching form like zero-width spaces, in one string and in a column alike, and the
finding still quotes what the seller wrote. A no-break space inside a word shows as a
space, so it is not dropped: the prohibited and claims families read the word closed
as well, and keep only what the closed word adds."""

from __future__ import annotations

import polars as pl
import pytest

import listlint
from listlint.text.joints import closed_form
from listlint.text.normalize import clean, clean_series, fold, fold_series

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


SPACES = {"NBSP": "\u00a0", "narrow": "\u202f", "figure": "\u2007"}


@pytest.mark.parametrize("space", SPACES.values(), ids=SPACES.keys())
def test_clean_keeps_a_no_break_space_only_between_letters(space: str) -> None:
    """Between two letters a no-break space may split a word (a *joint*), so the clean
    text keeps it; anywhere else it is a space. Every rule still reads a space: it folds
    to one."""
    texts = [
        f"Kra{space}tom",
        f"500{space}ml",
        f"Prix{space}: 5",
        f"{space}lead",
        f"a{space}{space}b",
    ]
    want = [f"Kra{space}tom", "500 ml", "Prix : 5", "lead", "a b"]
    assert [clean(t) for t in texts] == want
    assert clean_series(pl.Series(texts)).to_list() == want
    assert fold(clean(f"Kra{space}tom")) == "kra tom"
    words = frozenset({"kratom", "capsules"})
    assert closed_form(f"Herbal{space}Kra{space}tom cap{space}sules", words) == (
        "herbal kratom capsules"
    )


@pytest.mark.parametrize("space", SPACES.values(), ids=SPACES.keys())
def test_a_word_split_by_a_no_break_space_is_found_and_quoted_as_written(space: str) -> None:
    report = listlint.lint([{"sku": "K1", "title": f"Kra{space}tom capsules"}], select=["PR"])
    found = [(f.rule, f.match) for f in report.findings]
    assert found == [("PR101", f"Kra{space}tom capsules")]
    assert "written in disguise" in report.findings[0].message
    title = f"Natural supplement cu{space}res dia{space}be{space}tes"
    record = {"sku": "C1", "title": title, "category": "Health > Supplements"}
    claims = [f for f in listlint.lint([record], select=["claims"]).findings if f.rule == "HC101"]
    assert [f.match for f in claims] == [f"cu{space}res dia{space}be{space}tes"]


def test_a_split_word_in_a_description_or_attribute_column_is_found() -> None:
    """Whole HTML descriptions are often glued with ``&nbsp;``: the split word is found
    among them, and in an attribute column too (those are searched stacked)."""
    html = "<p>Premium&nbsp;Kra&nbsp;tom&nbsp;powder, 100&nbsp;g</p>"
    records = [
        {"sku": "K2", "title": "Herbal powder", "description": html},
        {"sku": "K3", "title": "Herbal powder", "Ingredients": "Kra\u00a0tom leaf"},
    ]
    found = [(f.sku, f.field, f.match) for f in listlint.lint(records, select=["PR101"]).findings]
    assert found == [
        ("K2", "description", "Kra\u00a0tom\u00a0powder"),
        ("K3", "attr:Ingredients", "Kra\u00a0tom"),
    ]


#: honest no-break spaces between words (HTML ``&nbsp;``, pasted brand names, French
#: typography): they close into no term, so they read exactly as typed spaces
HONEST = [
    {"title": "Herbal\u00a0tea bags, 20\u00a0count", "category": "Food > Tea"},
    {"title": "Premium dog\u00a0treats", "description": "Chicken&nbsp;jerky for&nbsp;dogs"},
    {"title": "UV\u00a0cure\u00a0gel nail polish", "category": "Beauty > Nails"},
    {"title": "Hot\u00a0glue\u00a0gun with 20 sticks", "category": "Home > Crafts"},
    {"title": "Coque compatible avec iPhone\u00a015", "description": "Prix\u00a0: 9\u00a0€"},
    {"title": "Vitamin\u00a0C gummies", "description": "Supports immune\u00a0health."},
    {"title": "Pain\u00a0relief cream for sore muscles", "category": "Health > Topicals"},
]


@pytest.mark.parametrize("record", HONEST, ids=[r["title"][:20] for r in HONEST])
def test_honest_no_break_spaces_read_as_typed_spaces(record: dict[str, str]) -> None:
    typed = {k: v.replace("\u00a0", " ").replace("&nbsp;", " ") for k, v in record.items()}

    def found(rec: dict[str, str]) -> list[tuple[str, str | None]]:
        report = listlint.lint([{"sku": "H1", **rec}], select=["PR", "claims"])
        return [(f.rule, f.field) for f in report.findings]

    assert found(record) == found(typed)
