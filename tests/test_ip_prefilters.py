"""The ip analysis's shortcuts keep its answers:

* the counterfeit-wording prefilter (``SignalMatcher.rows``): the ASCII terms ride the
  text families' shared literal scan, the non-ASCII terms are looked for in cells with a
  non-ASCII character only, and the rows kept are exactly the rows a search for every
  term over every cell keeps;
* the columnar test before the exact-name automaton on descriptions (``may_name``);
* the facts of kept listings, read once per distinct listing for the run."""

from __future__ import annotations

import re

import polars as pl
import pytest

from listlint.batch import Batch
from listlint.rules import textscan
from listlint.rules.ip.signals import OWNER, SignalMatcher

TEXTS = [
    "Rolex Submariner 1:1 replica watch",  # ASCII terms
    "Plain cotton tee",
    None,
    "高仿 手表 super clone",  # a Chinese term next to an ASCII one
    "Café crème mug",  # non-ASCII text, no term
    "كوبي ون ساعة",  # an Arabic term only
    "",
    "AAA batteries, pack of 4",  # a term the automaton later explains away
]


@pytest.fixture
def registry(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(textscan, "_REGISTERED", {})
    monkeypatch.setattr(textscan, "_union", [""])


def _every_term(matcher: SignalMatcher, batch: Batch, field: str) -> list[int]:
    """The reference: one alternation of all terms over every folded cell."""
    pattern = re.compile("|".join(re.escape(t) for t in matcher._terms))
    cells = batch.folded(field)
    return [i for i, text in enumerate(cells) if text and pattern.search(text)]


@pytest.mark.parametrize("field", ["title", "description", "tags"])
def test_rows_are_those_any_term_occurs_in(registry: None, field: str) -> None:
    matcher = SignalMatcher()
    batch = Batch(pl.DataFrame({field: TEXTS}))
    rows = matcher.rows(batch, field).to_list()
    assert rows == _every_term(matcher, batch, field)
    assert rows == [0, 3, 5, 7]


def test_the_ascii_terms_join_the_shared_scan(registry: None) -> None:
    textscan.register("links-like", r"@|www\.")
    matcher = SignalMatcher()
    assert OWNER in textscan._REGISTERED
    assert all(t.isascii() for t in textscan._REGISTERED[OWNER].split("|"))
    batch = Batch(pl.DataFrame({"description": [*TEXTS, "mail me@x.com"]}))
    assert textscan.rows(batch, "description", "links-like").to_list() == [8]
    assert matcher.rows(batch, "description").to_list() == [0, 3, 5, 7]
    scans = [k for k in batch._cache if k.startswith("textscan:")]
    assert len(scans) == 1  # ip reused the union scan the other family made


def test_scan_reads_the_candidate_rows(registry: None) -> None:
    matcher = SignalMatcher()
    batch = Batch(pl.DataFrame({"title": TEXTS}))
    found = dict(matcher.scan(batch, "title"))
    # "AAA batteries" is a benign context (signal_exclusions.tsv): prefiltered, not kept
    assert sorted(found) == [0, 3, 5]
    assert {s.term for s, _, _ in found[0]} >= {"1:1 replica"}


# -- the description prefilter of the exact-name automaton --------------------------------
DESCRIPTIONS = [
    "Back pack with a warm neck pad",  # short keys ("ck", "pp", "rm") inside words only
    "Fits the CK One bottle",  # a short key as a whole word
    "ck",  # the whole text
    "soft_ck_label",  # an underscore is no letter: a word boundary
    "Genuine Rolex box",  # a long key
    "Plain linen shirt",
    "A gift for 小米 fans",  # non-ASCII: always to the automaton
    None,
]


def test_may_name_keeps_every_text_the_automaton_names_a_brand_in() -> None:
    from listlint.rules.ip.analysis import may_name
    from listlint.rules.ip.index import BrandIndex
    from listlint.text.normalize import fold

    index = BrandIndex()
    folded = [fold(t) if t is not None else None for t in DESCRIPTIONS]
    kept = may_name(index, pl.Series(folded, dtype=pl.Utf8)).to_list()
    named = [bool(t and list(index.exact.iter(t))) for t in folded]
    assert all(k for k, n in zip(kept, named, strict=True) if n)  # a superset
    assert named[:6] == [False, True, True, True, True, False]
    assert kept == [False, True, True, True, True, False, True, False]


def test_facts_of_a_listing_seen_before_are_not_read_again(monkeypatch: pytest.MonkeyPatch) -> None:
    from listlint.rules.ip import analysis
    from listlint.rules.ip.families import families
    from listlint.rules.ip.index import BrandIndex
    from listlint.rules.ip.listing import CharacterIndex
    from listlint.rules.ip.prices import PriceBook

    index, prices = BrandIndex(), PriceBook()
    signals, characters = SignalMatcher(), CharacterIndex(families())
    rows = {
        "title": ["Rolex Submariner watch", "Nike Air Max 90 shoes", "Rolex Submariner watch"],
        "brand": ["Acme", "Nike", "Acme"],
        "price": ["50", "120", "50"],
    }
    calls = []
    real = analysis.read_facts
    monkeypatch.setattr(analysis, "read_facts", lambda *a: calls.append(a) or real(*a))

    def facts() -> list[object]:
        out = analysis.analyse(Batch(pl.DataFrame(rows)), index, signals, prices, characters)
        return [(i, ev.facts) for i, ev in sorted(out.items())]

    first = facts()
    assert len(calls) == 2  # the repeated listing is read once
    assert facts() == first  # another batch: the same facts, none read again
    assert len(calls) == 2


def test_a_distinct_column_answers_as_the_test_over_every_row() -> None:
    from listlint.rules.ip.distinct import Distinct, where

    titles = pl.Series(["rolex watch", None, "tee", "rolex watch", "", "tee", None, "mug"])
    column = Distinct(titles)
    assert column.values.len() == 5  # four texts and null
    for test in (
        lambda s: s.str.contains("e"),
        lambda s: s.str.contains_any(["rolex", "mug"]),
        lambda s: s.str.len_chars() == 0,
    ):
        every = test(titles).fill_null(False)
        assert column.where(test).to_list() == every.to_list()
        assert where(column, test).to_list() == where(titles, test).to_list() == every.to_list()


def test_the_swap_vocabulary_of_an_index_is_made_once() -> None:
    from listlint.rules.ip import substitution as sub
    from listlint.rules.ip.index import BrandIndex

    index = BrandIndex()
    assert sub.swappable_names(index) is sub.swappable_names(index)
    for word in ("red", "bull", "shoulders", "gabbana"):
        every = {s for s in sub.slips(word) if sub._sound_alike(s, word)}
        assert sub._sound_alike_slips(word) == every
    assert "rid" in sub._sound_alike_slips("red")


def test_category_groups_of_a_text_are_read_once() -> None:
    from listlint.rules.ip.index import BrandIndex

    index = BrandIndex()
    text = "apparel > shoes | running sneakers"
    first = index.groups_of(text)
    assert first == index._read_groups(text) and first  # the same answer, kept
    assert index.groups_of(text) is first


def test_a_cell_is_read_by_column_name() -> None:
    from listlint.rules.ip.family import cell

    batch = Batch(pl.DataFrame({"brand": ["Acme", None], "price": [1.5, 2.0]}))
    assert [cell(batch, "brand", 0), cell(batch, "brand", 1), cell(batch, "price", 1)] == [
        "Acme",
        None,
        2.0,
    ]
    assert cell(batch, "gtin", 0) is None  # no such column


def test_remembered_product_types_are_the_readings() -> None:
    """PriceBook.types_in remembers each short text's types: asked again, the same
    answer as a fresh read, and a long text is read afresh every time."""
    from listlint.rules.ip.prices import _TYPES_LONGEST, PriceBook

    book = PriceBook()
    texts = [
        "apparel > shoes > sneakers",
        "air max 90 sneakers - white",
        "leather belt with case",
        "iphone 15 case",
        "",
        "watch " * (_TYPES_LONGEST // 3),
    ]
    for text in texts:
        first = book.types_in(text)
        assert book.types_in(text) == first
        assert first == (book._types_in(text) if text else ())
    assert texts[-1] not in book._types_seen
    assert any(book.types_in(t) for t in texts)
