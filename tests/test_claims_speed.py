"""The claims analysis's shortcuts (docs/performance.md, "Session 6: the claims family")
give the answers of the long way: the gate on distinct values, the barren cells kept
across batches, the tokens read for leetspeak, the strength precheck, the lexicon's
remembered runs of words, the claims of sentences read before."""

from __future__ import annotations

import re

import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

import listlint.rules.claims.analysis as analysis
import listlint.rules.claims.lexicon as lexicon
from listlint.batch import Batch
from listlint.rules.claims.candidates import gated_rows, prefilter
from listlint.rules.claims.medicine import STRENGTHS
from listlint.rules.claims.monograph import _ANY_STRENGTH, states_strength
from listlint.rules.claims.textmap import _MIXED_TOKEN


def _batch(titles: list[str], descriptions: list[str]) -> Batch:
    return Batch(
        pl.DataFrame(
            {"title": titles, "description": descriptions},
            schema={"title": pl.Utf8, "description": pl.Utf8},
        )
    )


# -- the gate on distinct values --------------------------------------------------------
def test_gate_finds_every_row_of_a_repeated_value() -> None:
    column = pl.Series(
        ["cures arthritis", "soft cotton tee", None, "cures arthritis", "", "gout tea"] * 3
    )
    pre = prefilter()
    text = column.fill_null("")
    each = text.str.contains(pre.gate)  # row by row, the long way
    assert gated_rows(column) == each.arg_true().to_list()
    titles = each | text.str.contains(pre.title_gate)
    assert gated_rows(column, title=True) == titles.arg_true().to_list()
    assert gated_rows(pl.Series(["plain tee", None] * 4, dtype=pl.Utf8)) == []


def test_gate_weak_terms_need_a_strong_predicate_in_every_repetition() -> None:
    column = pl.Series(["removes wrinkles fast", "anti wrinkles serum"] * 2)
    assert gated_rows(column) == [0, 2]


# -- tokens read for leetspeak -------------------------------------------------------------
_TOKEN = re.compile(r"\S+")
_MIXED = re.compile(r"[a-z][^\sa-z]|[^\sa-z][a-z]")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab1!@ .\t\n-é€\u00a0", max_size=60))
def test_mixed_tokens_are_the_tokens_where_a_letter_touches_another_character(
    text: str,
) -> None:
    expected = [m.span() for m in _TOKEN.finditer(text) if _MIXED.search(m.group(0))]
    assert [m.span() for m in _MIXED_TOKEN.finditer(text)] == expected


# -- barren cells across batches ------------------------------------------------------------
def test_a_barren_title_is_read_once_across_batches(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(analysis, "_BARREN", {})
    read: list[str] = []
    real = analysis.candidates

    def counted(text: str, field: str):  # type: ignore[no-untyped-def]
        read.append(text)
        return real(text, field)

    monkeypatch.setattr(analysis, "candidates", counted)
    title = "Chamomile Tea Bags 20 Count"  # gated by its product form, names no condition
    claim = "Gout Relief Tea"
    for _ in range(3):  # three batches
        hits = analysis.analyse(_batch([title, claim, title], ["", "", ""]))
        assert {h.index for h in hits} == {1}  # the claim is found in every batch
    assert read.count(title) == 1
    assert read.count(claim) == 3  # a cell with candidates is never skipped


def test_barren_cells_are_bounded(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(analysis, "_BARREN_CHARS", 1000)
    barren = analysis._Barren()
    long = "x" * 11  # longer than a hundredth of the bound: not kept
    barren.add(long)
    assert long not in barren
    for k in range(101):  # 1,010 characters
        barren.add(f"{k:010d}")
    assert "0000000000" not in barren  # started over when full
    assert "0000000100" in barren


# -- strengths -------------------------------------------------------------------------------
@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="102 .,mgciu%µxa", max_size=24))
def test_a_text_without_a_strength_mark_has_no_strength_in_any_window(text: str) -> None:
    """states_strength reads windows cut around a name; a strength found in any of them
    is seen by the precheck on the whole text."""
    windows = (text[a:b] for a in range(len(text) + 1) for b in range(a, len(text) + 1))
    if any(rx.search(w) for w in windows for rx in STRENGTHS.values()):
        assert _ANY_STRENGTH.search(text)


def test_strength_next_to_a_monograph_name_still_counts() -> None:
    assert states_strength("bismuth subsalicylate 262 mg per tablet")
    assert states_strength("hydrocortisone 1% cream")
    assert not states_strength("hydrocortisone cream for itching")


# -- runs of words the lexicon has read ------------------------------------------------------
def test_lexicon_answers_a_run_of_words_the_same_the_second_time(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    texts = [
        "helps maintain strong bones and eases joint pain",
        "for chronic kidney diseases and varicose veins",
        "night sweats, night cream, strong night sweats",
    ]
    fresh = [lexicon.condition_lexicon().find(t) for t in texts]  # may be remembered
    for limit in (1, 3, 200_000):  # cleared at every step, now and then, never
        monkeypatch.setattr(lexicon, "_SEEN_LIMIT", limit)
        lex = lexicon.condition_lexicon.__wrapped__()  # a new one, built from the files
        for _ in range(2):
            assert [lex.find(t) for t in texts] == fresh
    assert [h.entry.term.lower() for h in fresh[1]][:1] == ["chronic kidney disease"]


# -- claims of candidate sentences kept across batches ---------------------------------------
def test_a_sentence_read_before_gives_the_same_claims(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    titles = ["Gout Relief Tea", "Soft cotton tee", "Cures arthritis fast", "Gout Relief Tea"]
    descriptions = [
        "Cures arthritis and gout. Helps maintain healthy joints.",
        "Not intended to diagnose, treat, cure or prevent any disease.",
        "My eczema is completely gone! Treats psoriasis.",
        "Cures arthritis and gout. Helps maintain healthy joints.",
    ]
    batch = _batch(titles, descriptions)
    monkeypatch.setattr(analysis, "_READ", analysis._Readings())
    cold = analysis.analyse(batch)
    assert cold  # the texts hold claims
    parsed: list[int] = []
    real = analysis._Readings.parse

    def counted(self, keys, nlp, grammar):  # type: ignore[no-untyped-def]
        parsed.append(sum(k not in self._claims for k in keys))
        return real(self, keys, nlp, grammar)

    monkeypatch.setattr(analysis._Readings, "parse", counted)
    assert analysis.analyse(_batch(titles, descriptions)) == cold  # a later batch
    assert parsed == [0]
    for limit in (1, 40):  # starts over at every batch, or now and then
        monkeypatch.setattr(analysis, "_READ", analysis._Readings())
        monkeypatch.setattr(analysis, "_READINGS_CHARS", limit)
        for _ in range(3):
            assert analysis.analyse(_batch(titles, descriptions)) == cold
