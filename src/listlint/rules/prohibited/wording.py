"""Word-level helpers of the prohibited family: lookalike letters, denials, titles."""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import pairwise

from listlint.resources import table
from listlint.text.deobfuscate import LEET

WORD = re.compile(r"[^\W_]+")
_MIXEDWORD = re.compile(r"[^\W\d_]*[a-z][^\W\d_]*")
#: where a title's main noun phrase ends: "Crossbow Longboard | 41 inch", "Knife - with sheath"
TITLE_CUT = re.compile(r" (?:with|for|includes|including|and|plus|\+|-|–|\|/) |[,(|:;]")


@lru_cache(maxsize=1)
def _lookalike_table() -> dict[int, str]:
    """Cyrillic and Greek letters that look Latin (the ip family's homoglyph table)."""
    out: dict[int, str] = {}
    for row in table("brands/homoglyphs"):
        char, latin = row.get("char", ""), row.get("latin", "").lower()
        if len(char) == 1 and latin.isalpha() and row.get("script") in ("Cyrillic", "Greek"):
            out[ord(char)] = latin
            out[ord(char.lower())] = latin
    return out


@lru_cache(maxsize=64)
def lookalikes_of(letter: str) -> tuple[str, ...]:
    """Characters that stand in for ``letter``: leet symbols and Cyrillic/Greek lookalikes."""
    leet = [k for k, v in LEET.items() if v == letter]
    return (*leet, *(chr(k) for k, v in _lookalike_table().items() if v == letter))


def latin_lookalikes(text: str) -> str:
    """Replace Cyrillic/Greek lookalike letters by the Latin letter they imitate, only in
    words that also contain Latin letters (a Russian word stays Russian)."""
    if text.isascii():
        return text
    return _MIXEDWORD.sub(lambda m: m.group(0).translate(_lookalike_table()), text)


_CLAUSE_END = re.compile(r"[.!?;:,()\[\]|\n]")


def negated(text: str, start: int, negations: frozenset[str]) -> bool:
    """A denial among the few words before the match, in the same clause: "no alcohol",
    "keep away from fireworks", "not a vape", "does not contain THC"."""
    window = _CLAUSE_END.split(text[max(0, start - 60) : start])[-1]
    words = WORD.findall(window)[-6:]
    pairs = [f"{a} {b}" for a, b in pairwise(words)]
    return any(w in negations for w in (*words, *pairs))


def prev_words(text: str, start: int, n: int = 2) -> list[str]:
    return WORD.findall(text[max(0, start - 40) : start])[-n:]


def next_words(text: str, end: int, n: int = 2) -> list[str]:
    return WORD.findall(text[end : end + 40])[:n]


def in_words(term: str, text: str) -> bool:
    return contains_words(term, tuple(WORD.findall(text)))


def contains_words(term: str, brand_words: tuple[str, ...]) -> bool:
    words = tuple(WORD.findall(term))
    n = len(words)
    return n > 0 and any(brand_words[i : i + n] == words for i in range(len(brand_words) - n + 1))
