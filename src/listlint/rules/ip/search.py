"""Lookalike candidates beyond plain edit distance: sound-alikes and glued affixes, and
the test that tells a made-up spelling from a real word.

The edit-distance search (:mod:`listlint.rules.ip.lookalike`, rapidfuzz over the batch's
unique vocabulary) finds "Guccl" and "Louis Vuiton". Knock-offs also:

* **sound alike** past the edit bound: "Filips" is two edits from Philips (a seven-letter
  word is allowed one) but sounds the same (:func:`~listlint.rules.ip.phonetic.brand_key`);
  accepted within three edits for words of five letters or more;
* **glue letters to the brand**: "iBOSEX" (i + BOSE + X), "Dysonic" (DYSON + ic): the
  brand word inside the token with at most two letters before and three after, the
  rest not a plural ending ("Rolexes" is the brand);
* are **made up**: a knock-off spelling is in no word list, while the ordinary words one
  letter from a brand are ("panna", "colgante", "ankers", "Valentina", "energize").
  :func:`attested` reads ``wordlists/brands/attested_near_brands.txt``, generated from
  spacy-lookups-data by ``tools/brand_neighbours.py``; an attested word counts as a brand
  only with strong support (its model named next to it, or counterfeit wording).

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
SOUND_MAX_EDITS = 3


@lru_cache(maxsize=1)
def attested() -> frozenset[str]:
    """Real words and names near a brand word (see module docstring)."""
    path = wordlists_dir() / "brands" / "attested_near_brands.txt"
    lines = path.read_text(encoding="utf-8").rstrip("\n").split("\n")
    start = next((i for i, w in enumerate(lines) if not w.startswith("#")), len(lines))
    return frozenset(lines[start:])


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
            out.append(Near(m.payload, len(before) + len(after), "letters glued to the brand"))
        return out
