"""PhraseMatcher: whole-word matches and the outermost ones, against plain definitions."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from listlint.text.matcher import Match, PhraseMatcher
from listlint.text.normalize import fold

TERMS = ["a", "b", "ab", "a b", "b a", "aa", "a a b", "-a", "é", "1a"]


def _defined_iter(terms: list[str], text: str, bounded: bool) -> set[tuple[int, int, str]]:
    """Every occurrence of a folded term, kept when no letter or digit touches an end
    that is itself a letter or digit."""
    out = set()
    for term in {fold(t).strip() for t in terms}:
        for s in range(len(text) - len(term) + 1):
            e = s + len(term)
            if text[s:e] != term:
                continue
            if bounded and (
                (s > 0 and text[s - 1].isalnum() and term[0].isalnum())
                or (e < len(text) and text[e].isalnum() and term[-1].isalnum())
            ):
                continue
            out.add((s, e, term))
    return out


def _defined_longest(found: list[Match[int]]) -> list[Match[int]]:
    """Drop each match held inside a strictly longer kept one (the former quadratic form)."""
    out: list[Match[int]] = []
    for m in sorted(found, key=lambda m: (m.start, -(m.end - m.start))):
        if not any(
            o.start <= m.start and m.end <= o.end and o.end - o.start > m.end - m.start for o in out
        ):
            out.append(m)
    return out


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(TERMS), min_size=1, max_size=6, unique=True),
    st.text(alphabet="ab -1é", max_size=30),
    st.booleans(),
)
def test_iter_and_longest_match_their_definitions(
    terms: list[str], text: str, bounded: bool
) -> None:
    pm = PhraseMatcher([(t, i) for i, t in enumerate(terms)], word_boundaries=bounded)
    found = list(pm.iter(text))
    assert {(m.start, m.end, m.term) for m in found} == _defined_iter(terms, text, bounded)
    assert pm.longest(text) == _defined_longest(found)


def test_longest_keeps_the_outermost_term() -> None:
    pm = PhraseMatcher([("glue gun", "tool"), ("gun", "weapon"), ("hot glue gun", "tool")])
    assert [m.term for m in pm.longest("a hot glue gun and a gun")] == ["hot glue gun", "gun"]


def test_payloads_of_one_term_all_reported() -> None:
    pm = PhraseMatcher([("knife", 1), ("Knife", 2)])
    assert [m.payload for m in pm.iter("a knife")] == [1, 2]
