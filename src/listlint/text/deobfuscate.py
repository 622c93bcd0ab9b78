"""Undo the tricks sellers use to slip terms past filters.

Applied to *folded* text (lower-case, accents and invisibles already removed):

* leet digits and symbols inside words: ``kr@tom`` -> ``kratom``, ``d3lta-8`` keeps the
  ``8`` (a digit standing alone is a number), ``cur3s c@ncer`` -> ``cures cancer``;
* letters spaced or dotted apart: ``k r a t o m``, ``k.r.a.t.o.m``, ``g-u-c-c-i`` ->
  ``kratom``/``gucci`` (runs of 3+ single letters only, so "a b test" is untouched).

Only tokens that *mix* letters with leet characters are rewritten, so prices, model
numbers ("RTX 3080") and plain words are left alone. The output is a new string;
callers match both the folded and the deobfuscated form and report the original text.
"""

from __future__ import annotations

import re

LEET = {
    "0": "o",
    "1": "i",
    "3": "e",
    "4": "a",
    "5": "s",
    "7": "t",
    "8": "b",
    "9": "g",
    "@": "a",
    "$": "s",
    "!": "i",
    "|": "l",
    "€": "e",
    "£": "l",
    "¡": "i",
}
_LEET_CHARS = re.escape("".join(LEET))
# a token with at least one letter and at least one leet char between/next to letters
_TOKEN_RE = re.compile(
    rf"[a-z{_LEET_CHARS}]*[a-z][a-z{_LEET_CHARS}]*|[{_LEET_CHARS}]+[a-z][a-z{_LEET_CHARS}]*"
)
_SPACED_RE = re.compile(r"\b(?:[a-z][ .\-_*·•]){2,}[a-z]\b")


def _unleet(token: str) -> str:
    if not any(c in LEET for c in token):
        return token
    letters = sum(c.isalpha() for c in token)
    if letters < 2 and len(token) < 4:
        return token  # "4x", "3d", "1l": units and sizes, not disguised words
    # trailing "1"/"!" after a word is often emphasis ("wow!!"): keep it if at the end only
    body = token.rstrip("!")
    return "".join(LEET.get(c, c) for c in body) + token[len(body) :].replace("!", "")


def collapse_spacing(text: str) -> str:
    """``'n i k e'`` -> ``'nike'``; ``'g-u-c-c-i'`` -> ``'gucci'``."""
    return _SPACED_RE.sub(lambda m: re.sub(r"[ .\-_*·•]", "", m.group(0)), text)


def deobfuscate(folded: str) -> str:
    """The folded text with leet and spaced-out letters undone (same length not kept)."""
    if not folded:
        return folded
    text = collapse_spacing(folded)
    return _TOKEN_RE.sub(lambda m: _unleet(m.group(0)), text)


def is_obfuscated(folded: str) -> bool:
    return deobfuscate(folded) != folded
