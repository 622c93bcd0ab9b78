"""One table of steps per text form: the per-string and the columnar runs agree, and the
span map quotes the seller's characters."""

from __future__ import annotations

import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

from listlint.text.normalize import CLEAN, FOLD, clean, clean_series, fold
from listlint.text.spans import fold_map, seller_span
from listlint.text.steps import NON_ASCII, Apply, Form, Lower, Normalize, Replace, Strip

# characters both Unicode databases (Python's and polars') agree on
_TEXT = st.text(
    st.one_of(
        st.sampled_from([*"aZé中ﬁＫ\u212a\u0301\u200b\u00ad <>&;#\t\n\r\u00a0\u3000\u2028\x1c"]),
        st.characters(max_codepoint=0x2FFF, exclude_categories=("Cn", "Cs")),
    ),
    max_size=30,
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_TEXT, min_size=1, max_size=6))
def test_each_form_gives_the_same_text_one_string_or_a_column(texts: list[str]) -> None:
    series = pl.Series(texts, dtype=pl.Utf8)
    for form in (FOLD, CLEAN):
        assert form.series(series).to_list() == [form(t) for t in texts]


def test_a_step_that_makes_ascii_text_non_ascii_is_followed_alike() -> None:
    """An HTML entity in ASCII text decodes to a wide space or a letter: the non-ASCII
    steps after it run on one string as they do on a column (the string used to be
    judged ASCII once, before the entity was decoded)."""
    texts = ["p&#x2003;q", "Kra&nbsp;tom", "caf&eacute;", "a&#12288;&#12288;b", "x &nbsp; y"]
    assert [clean(t) for t in texts] == clean_series(pl.Series(texts)).to_list()
    assert [clean(t) for t in texts] == ["p q", "Kra\u00a0tom", "café", "a b", "x y"]


def test_steps_run_only_where_needed_and_keep_nulls() -> None:
    shout = Form(Apply(str.upper, only="!"), Replace("a+", "$1\\", only=NON_ASCII), Lower())
    series = pl.Series(["hey!", "näa", None, "plain"], dtype=pl.Utf8)
    assert shout.series(series).to_list() == ["hey!", "nä$1\\", None, "plain"]
    assert [shout(t) for t in ("hey!", "näa", "plain")] == ["hey!", "nä$1\\", "plain"]
    tidy = Form(Normalize("NFC"), Strip())
    assert tidy("\x1c e\u0301 \u3000") == "\x1c é"  # U+001C is not Unicode White_Space
    assert tidy.series(pl.Series(["\x1c e\u0301 \u3000"]))[0] == "\x1c é"


def test_clean_and_fold() -> None:
    assert (
        clean("  Soft <b>cotton</b>&amp;wool\t\ttee \n\n\u2028 2 pack ")
        == "Soft cotton &wool tee\n2 pack"
    )
    assert clean("<b>x</b>", html_allowed=False) == "<b>x</b>"
    assert clean(" \t ") is None
    assert clean_series(pl.Series([" \t ", None])).to_list() == [None, None]
    assert fold("ＣＵＲＥＳ Chanél Kra\u200btom ﬁne") == "cures chanel kratom fine"


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_fold_map_points_each_folded_character_at_its_source(text: str) -> None:
    folded, index = fold_map(text)
    assert len(folded) == len(index) == len(fold(text))
    assert index == sorted(index) and all(0 <= k < len(text) for k in index)
    for k, c in enumerate(folded):
        assert c in fold(text[index[k]]) or c in fold(text[index[k]].upper())


def test_seller_span_quotes_what_the_seller_wrote() -> None:
    raw = "Genuine ＧＵＣＣＩ belt, Guccı wallet, gu\u200bcci"
    span = seller_span(raw, "gucci")
    assert span is not None and raw[span[0] : span[1]] == "ＧＵＣＣＩ"
    assert seller_span("Nike NIKE", "nike") == (0, 4)  # the first occurrence
    assert seller_span("Adidas", "nike") is None


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40))
def test_fold_drops_every_mark(text: str) -> None:
    """FOLD drops marks through a cached translate table: the same characters as testing
    each character's category."""
    import unicodedata

    from listlint.text.normalize import INVISIBLE

    decomposed = unicodedata.normalize("NFKD", text)
    kept = "".join(c for c in decomposed if not unicodedata.category(c).startswith("M"))
    expected = kept.translate(dict.fromkeys(map(ord, INVISIBLE))).lower()
    assert fold(text) == expected


def test_leading_conditional_steps_share_one_mask_and_still_chain() -> None:
    """The columnar form gates the leading conditional steps with one mask; a cell one
    of them changes is still seen by the next ("a" -> "é" -> "e"), others pass as is."""
    from listlint.text.steps import NON_ASCII, Form, Replace, Strip

    form = Form(
        Replace("a", "\u00e9", only="a"),
        Replace("\u00e9", "e", only=NON_ASCII),
        Replace("  ", " ", only="  "),
        Strip(),
    )
    values = ["a", "b", "\u00e9", None, "x  a ", " plain ", ""]
    column = pl.Series("t", values, dtype=pl.Utf8)
    assert form.series(column).to_list() == ["e", "b", "e", None, "x e", "plein", ""]
    assert column.to_list() == values  # the caller's Series is left alone
