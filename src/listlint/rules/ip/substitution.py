"""Word-swap lookalikes of multi-word brands: one word kept, another swapped for a
sound-alike or a word of the same shape ("Rid Bull" for Red Bull, "Arm & Hatchet" for
Arm & Hammer, "The North Fake", "Dolce & Banana").

Knock-off makers keep the distinctive word of a famous two-word name and swap the other
for an ordinary word, so spelling checks and dictionary filters both pass it (published
knock-off lists: https://catchwordbranding.com/catchthis/tis-the-season-for-brand-knockoffs).
Every swap is *weak* evidence: it counts only where the listing's category or copy
wording agrees with the brand's groups, or where the name stands alone as the listing's
name (the whole title). Two guards keep ordinary phrases out:

* the kept word must be distinctive: never a colour, size or function word
  (``wordlists/brands/generic_words.txt``), so "red ball" is not Red Bull;
* a sound-alike is one deliberate-looking slip of the swapped word (a vowel or
  sound-alike consonant, a letter added, dropped or transposed: "rid" for "red") that
  keeps its first letter ("pop art" is not Pop Mart) and is not itself a generic word;
  a same-shape word (same first two or last three letters, about as long: "hatchet"
  for "hammer", "showers" for "shoulders") counts only in names joined by "&"/"and" that the listing reproduces.
  Plural forms are the brand itself ("Red Bulls" is a football club, not a swap).

Shape (STYLE.md): sound-alikes are generated from the brand words (a few hundred edits)
and looked up in the batch's unique vocabulary; only the rows holding a resulting phrase
are scanned, with one automaton.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from string import ascii_lowercase

import polars as pl

from listlint.resources import wordlist
from listlint.rules.ip.distinct import Distinct, where
from listlint.rules.ip.index import CONNECTORS, BrandIndex, Name, is_common_word, number_forms
from listlint.rules.ip.lookalike import plausible_slip
from listlint.text.lazyregex import has_chars
from listlint.text.matcher import PhraseMatcher

_WORD = re.compile(r"[^\W_]+")
#: how a same-shape word is found next to the kept word and its connector
_NEIGHBOUR = r"[a-z]{4,12}"


@dataclass(frozen=True, slots=True)
class Swap:
    """``name`` written with its word ``original`` swapped for ``substitute``."""

    name: Name
    original: str
    substitute: str
    how: str  # "sound-alike" | "same shape"

    @property
    def evidence(self) -> str:
        return f'"{self.original}" swapped for the {self.how} word "{self.substitute}"'


@lru_cache(maxsize=1)
def generic_words() -> frozenset[str]:
    return frozenset(wordlist("brands/generic_words"))


def _word_spans(name: Name) -> list[tuple[str, int, int]]:
    return [
        (m.group(0), m.start(), m.end())
        for m in _WORD.finditer(name.text)
        if m.group(0) not in CONNECTORS
    ]


@lru_cache(maxsize=8)
def swappable_names(index: BrandIndex) -> tuple[tuple[Name, list[tuple[str, int, int]]], ...]:
    """Two- and three-word Latin names (and variants) with at least one distinctive word
    (once per index: every batch asks)."""
    out = []
    for name in index.names:
        if name.kind not in ("name", "variant") or has_chars(name.text):
            continue
        words = _word_spans(name)
        if 2 <= len(words) <= 3 and any(_distinctive(w) for w, _, _ in words):
            out.append((name, words))
    return tuple(out)


def _distinctive(word: str) -> bool:
    return len(word) >= 3 and word.isalpha() and word not in generic_words()


def slips(word: str) -> set[str]:
    """Every one-slip spelling of ``word`` that :func:`plausible_slip` accepts."""
    out = {word[:k] + word[k + 1 :] for k in range(len(word))}
    out |= {word[:k] + c + word[k:] for k in range(len(word) + 1) for c in ascii_lowercase}
    out |= {word[:k] + word[k + 1] + word[k] + word[k + 2 :] for k in range(len(word) - 1)}
    out |= {word[:k] + c + word[k + 1 :] for k in range(len(word)) for c in ascii_lowercase}
    return {s for s in out if s != word and plausible_slip(s, word)}


def same_shape(token: str, word: str) -> bool:
    """ "hatchet" for "hammer", "banana" for "gabbana": same opening or ending, about as
    long (one letter more or less; two for words of eight letters or more)."""
    size = 1 if len(word) < 8 else 2  # "showers" for "shoulders"
    if len(word) < 5 or abs(len(token) - len(word)) > size or token == word:
        return False
    return token[:2] == word[:2] or token[-3:] == word[-3:]


def _phrase(name: Name, words: list[tuple[str, int, int]], j: int, sub: str) -> str:
    _, s, e = words[j]
    return name.text[:s] + sub + name.text[e:]


def _sound_alike(sub: str, word: str) -> bool:
    """A slip keeps the word's first letter ("rid" for "red", not "art" for "mart" or
    "hair" for "air") and is itself an ordinary, non-generic word ("in" for "on" is not)."""
    return (
        len(sub) >= 3 and sub[0] == word[0] and sub not in generic_words() and not _plain(sub, word)
    )


@lru_cache(maxsize=8192)
def _sound_alike_slips(word: str) -> frozenset[str]:
    """The one-slip spellings of a brand word that sound like it (once per word: every
    batch compares its vocabulary with them)."""
    return frozenset(s for s in slips(word) if _sound_alike(s, word))


def _plain(sub: str, word: str) -> bool:
    """The brand word itself in another number ("bulls"), or a made-up token (TM101's
    vocabulary scoring judges those): only ordinary words are swaps here."""

    return sub in number_forms(word) or word in number_forms(sub) or not is_common_word(sub)


def swap_phrases(
    index: BrandIndex, vocab: set[str], title_s: pl.Series | Distinct
) -> list[tuple[str, Swap]]:
    """Phrases of this batch that spell a brand with one word swapped."""
    out: list[tuple[str, Swap]] = []
    shapes: list[tuple[Name, list[tuple[str, int, int]], int]] = []
    for name, words in swappable_names(index):
        for j, (word, _, _) in enumerate(words):
            others = [w for k, (w, _, _) in enumerate(words) if k != j]
            if not all(w in vocab for w in others) or not any(_distinctive(w) for w in others):
                continue
            if len(word) < 3:
                continue  # "on" (On Running), "co" (Tiffany & Co): any word is a slip away
            for sub in _sound_alike_slips(word) & vocab:
                out.append((_phrase(name, words, j, sub), Swap(name, word, sub, "sound-alike")))
            if len(words) == 2 and any(c in name.text for c in ("&", " and ")):
                shapes.append((name, words, j))
    texts = title_s.values if isinstance(title_s, Distinct) else title_s
    out.extend(_shape_phrases(shapes, texts))
    return out


def _shape_phrases(
    shapes: list[tuple[Name, list[tuple[str, int, int]], int]], title_s: pl.Series
) -> Iterator[tuple[str, Swap]]:
    """Same-shape swaps in "&"-names: the rows holding the kept word with its connector
    ("arm & ...", "... & shoulders") are few; the word next to it is read there."""
    for name, words, j in shapes:
        kept, _, _ = words[1 - j]
        if len(words[j][0]) < 5:
            continue  # too short to judge by shape ("Tiffany & Co")
        connector = "&" if "&" in name.text else "and"
        literal = f"{kept} {connector}" if j == 1 else f"{connector} {kept}"
        rows = title_s.filter(title_s.str.contains(literal, literal=True).fill_null(False))
        pattern = (
            rf"\b{kept}\s*{connector}\s*({_NEIGHBOUR})\b"
            if j == 1
            else rf"\b({_NEIGHBOUR})\s*{connector}\s*{kept}\b"
        )
        found = rows.str.extract(pattern, 1).drop_nulls().unique().to_list()
        word = words[j][0]
        for sub in found:
            if same_shape(sub, word) and not _plain(sub, word):
                yield _phrase(name, words, j, sub), Swap(name, word, sub, "same-shape")


def swapped_names(
    index: BrandIndex, vocab: set[str], titles: list[str | None], title_s: pl.Series | Distinct
) -> Iterator[tuple[int, Swap, int, int]]:
    """(row, swap, start, end) of every word-swapped brand name in the titles."""
    phrases = swap_phrases(index, vocab, title_s)
    if not phrases:
        return
    matcher: PhraseMatcher[Swap] = PhraseMatcher(phrases)
    terms = sorted({p for p, _ in phrases})
    rows = where(title_s, lambda s: s.str.contains_any(terms))
    for i in rows.arg_true().to_list():
        for m in matcher.iter(titles[i] or ""):
            yield i, m.payload, m.start, m.end
