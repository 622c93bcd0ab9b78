"""Lookalike candidates beyond plain edit distance: sound-alikes and glued affixes, and
the test that tells a made-up spelling from a real word.

The edit-distance search (:mod:`listlint.rules.ip.lookalike`, rapidfuzz over the batch's
unique vocabulary) finds "Guccl" and "Louis Vuiton". Knock-offs also:

* **sound alike** past the edit bound: "Filips" is two edits from Philips (a seven-letter
  word is allowed one) but sounds the same (:func:`~listlint.rules.ip.phonetic.brand_key`);
  accepted within two edits for words of five letters or more;
* **glue letters to the brand**: "iBOSEX" (i + BOSE + X), "Dysonic" (DYSON + ic): the
  brand word inside the token with at most two letters before and three after, the
  rest not a plural ending ("Rolexes" is the brand);
* are **made up**: a knock-off spelling is in no word list, while the ordinary words one
  letter from a brand are ("panna", "colgante", "ankers", "energize"): :func:`attested`
  (dictionary words of 24 languages) and :func:`web_attested` (first names and frequent
  misspellings seen in English web text: "Madeline", "duracel") read
  ``wordlists/brands/attested_near_brands.txt``, generated from spacy-lookups-data by
  ``tools/brand_neighbours.py``. A dictionary word counts as a brand only with strong
  support (its model named next to it, or counterfeit wording); a web word where the
  listing's product type agrees with the brand.

All of it runs once per batch on the unique vocabulary, never per row.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from listlint.resources import wordlists_dir
from listlint.rules.ip.phonetic import brand_key
from listlint.text.matcher import PhraseMatcher

#: letters a knock-off glues before / after a brand word
MAX_PREFIX, MAX_SUFFIX = 2, 3
#: endings that leave the brand itself ("Rolexes", "Nikes", "Gucci's")
_PLURAL = ("s", "es", "'s")
#: the sound key proves something only on words at least this long
SOUND_MIN = 5
#: and only this close in edits
SOUND_MAX_EDITS = 2


@lru_cache(maxsize=1)
def _attested() -> tuple[frozenset[str], frozenset[str]]:
    path = wordlists_dir() / "brands" / "attested_near_brands.txt"
    dictionary, web = [], []
    for line in path.read_text(encoding="utf-8").split("\n"):
        if line.startswith("d "):
            dictionary.append(line[2:])
        elif line.startswith("w "):
            web.append(line[2:])
    return frozenset(dictionary), frozenset(web)


def attested() -> frozenset[str]:
    """Dictionary words of some language near a brand word ("panna", "colgante", "ankers",
    "energize"): a brand only with strong support."""
    return _attested()[0]


@lru_cache(maxsize=1)
def attested_list() -> list[str]:
    """The dictionary words, sorted, for a nearest-word search (:func:`~listlint.rules.ip.
    lookalike.respells_word`)."""
    return sorted(attested())


def web_attested() -> frozenset[str]:
    """Forms attested only in English web text: first names ("Madeline") and frequent
    misspellings of a brand ("duracel"): a brand where the listing's type agrees."""
    return _attested()[1]


@dataclass(frozen=True, slots=True)
class Near:
    """``token`` may imitate brand word ``word`` (both folded ASCII letters)."""

    word: str
    edits: int
    how: str  # "sound-alike" | "letters glued to the brand"


class NearSearch:
    """Sound keys and an automaton of the brand words, built once per brand index."""

    def __init__(self, words: list[str]) -> None:
        self._by_key: dict[str, list[str]] = {}
        for w in words:
            if len(w) >= SOUND_MIN and w.isalpha():
                self._by_key.setdefault(brand_key(w), []).append(w)
        inner = [(w, w) for w in words if len(w) >= 4 and w.isalpha()]
        self._inside: PhraseMatcher[str] = PhraseMatcher(inner, word_boundaries=False)

    def sound_alikes(self, token: str) -> list[Near]:
        from rapidfuzz.distance import OSA

        if len(token) < SOUND_MIN:
            return []
        out = []
        for w in self._by_key.get(brand_key(token), ()):
            d = OSA.distance(token, w, score_cutoff=SOUND_MAX_EDITS)
            if 0 < d <= SOUND_MAX_EDITS:
                out.append(Near(w, d, "sound-alike"))
        return out

    def affixed(self, token: str) -> list[Near]:
        out = []
        for m in self._inside.iter(token):
            before, after = token[: m.start], token[m.end :]
            if not before and not after:
                continue
            if len(before) > MAX_PREFIX or len(after) > MAX_SUFFIX:
                continue
            if not before and after in _PLURAL:
                continue
            if len(m.payload) == 4 and not (before and after) and len(before + after) > 1:
                continue  # a four-letter brand with two letters on one side is a word
            out.append(Near(m.payload, len(before) + len(after), "letters glued to the brand"))
        return out
