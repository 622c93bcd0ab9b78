"""Property tests (hypothesis) for the lookalike mechanism: any brand in the index,
disguised in any of the ways sellers use, is found; ordinary English words, whatever
their neighbours, are not taken for a disguised brand."""

from __future__ import annotations

from functools import lru_cache

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import listlint
from listlint.rules.ip.index import BrandIndex, is_common_word, word_log_prob

#: Latin letter -> lookalikes a seller may type instead (Cyrillic, Greek, digits)
SWAPS = {
    "a": "аα@4",
    "c": "с",
    "e": "е3",
    "i": "і1l!",
    "l": "1I|",
    "o": "оο0",
    "p": "р",
    "s": "ѕ5$",
    "x": "х",
    "y": "у",
}


@lru_cache(maxsize=1)
def _brands() -> list[str]:
    """One-word brand names long enough to disguise, that are not ordinary words."""
    index = BrandIndex()
    return sorted(
        b.name
        for b in index.brands.values()
        if b.name.isalpha() and len(b.name) >= 5 and not b.common_word
    )


@lru_cache(maxsize=1)
def _ordinary_words() -> list[str]:
    index = BrandIndex()
    names = {n.text for n in index.names}
    return sorted(
        w
        for w, p in word_log_prob().items()
        if p > -11 and len(w) >= 4 and w not in names and is_common_word(w)
    )


@st.composite
def disguised(draw: st.DrawFn) -> tuple[str, str]:
    brand = draw(st.sampled_from(_brands()))
    chars = list(brand)
    spots = [k for k, c in enumerate(chars) if c.lower() in SWAPS]
    trick = draw(st.sampled_from(["swap", "spaced", "dotted"] if spots else ["spaced", "dotted"]))
    if trick == "swap":
        k = draw(st.sampled_from(spots))
        chars[k] = draw(st.sampled_from(SWAPS[chars[k].lower()]))
        text = "".join(chars)
    else:
        text = (" " if trick == "spaced" else ".").join(chars)
    return brand, text


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(disguised(), st.sampled_from(["belt", "bag", "watch", "sneakers", "perfume", "hoodie"]))
def test_any_disguised_brand_is_found(case: tuple[str, str], noun: str) -> None:
    brand, text = case
    report = listlint.lint([{"title": f"{text} {noun} new", "brand": "Generic"}], select=["ip"])
    rules = {f.rule for f in report.findings}
    assert rules & {"TM101", "TM104"}, (brand, text, [f.message for f in report.findings])


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_ordinary_words()), min_size=1, max_size=4))
def test_ordinary_words_are_not_disguised_brands(words: list[str]) -> None:
    title = " ".join(words).capitalize() + " for home and garden"
    report = listlint.lint([{"title": title, "brand": "Acme"}], select=["TM101"])
    assert report.findings == [], (title, [f.message for f in report.findings])


@given(
    st.lists(st.text(alphabet="abcdeilnorsu", min_size=3, max_size=9), min_size=1, max_size=12),
    st.lists(st.text(alphabet="abcdeilnorsu", min_size=3, max_size=9), min_size=1, max_size=30),
)
@settings(max_examples=60, deadline=None)
def test_close_pairs_same_one_by_one_as_with_cdist(queries, choices) -> None:
    from listlint.rules.ip import lookalike

    one_by_one = list(lookalike._close_pairs(queries, choices))
    old = lookalike.CDIST_MIN_QUERIES
    lookalike.CDIST_MIN_QUERIES = 0
    try:
        matrix = list(lookalike._close_pairs(queries, choices))
    finally:
        lookalike.CDIST_MIN_QUERIES = old
    assert one_by_one == matrix
