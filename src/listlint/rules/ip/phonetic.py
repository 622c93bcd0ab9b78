"""A sound key for brand words: "Philps", "Filips" and "Philips" share one; so do "Shanel"
and "Chanel", "Samsong" and "Samsung", "Kolgate" and "Colgate".

Knock-off makers respell a brand the way it sounds, which moves it further from the brand
in edits than a typo ("Filips" is two edits from "Philips", over the one a seven-letter
word is allowed), yet keeps its sound. The key is a small Metaphone-style reduction
(Lawrence Philips, "Hanging on the Metaphone", Computer Language 7(12), 1990) kept to the
spelling alternations sellers use on Latin brand names: ph/f, ck/k/q/c, c/s before e, i, y,
sh/ch, z/s, x/ks, v/w, y/i, doubled letters, and vowels after the first letter dropped.

A key alone proves little on a short word (Nike, Nokia and Nick share "NK"): the lookalike
search uses it only for words of five letters or more and together with an edit bound
(:mod:`listlint.rules.ip.lookalike`).
"""

from __future__ import annotations

import re

#: multi-letter spellings first, then single letters (applied left to right)
_SEQUENCES = (
    ("sch", "s"),
    ("tch", "c"),
    ("ph", "f"),
    ("gh", "g"),
    ("ck", "k"),
    ("sh", "c"),
    ("ch", "c"),
    ("dg", "j"),
    ("qu", "k"),
    ("kn", "n"),
    ("wr", "r"),
    ("wh", "w"),
    ("x", "ks"),
)
_SOFT_C = re.compile(r"c(?=[eiy])")
_SINGLE = str.maketrans({"q": "k", "c": "k", "z": "s", "v": "w", "y": "i"})
_VOWELS = re.compile(r"[aeiou]")
_NON_LETTER = re.compile(r"[^a-z]")
_DOUBLE = re.compile(r"(.)\1+")


def brand_key(word: str) -> str:
    """The sound key of a folded word ("philips" -> "FLPS"); "" when it has no letters."""
    w = _NON_LETTER.sub("", word.lower())
    if not w:
        return ""
    w = _DOUBLE.sub(r"\1", w)  # "Versacce", "Guccii": a doubled letter sounds once
    for seq, rep in _SEQUENCES:
        w = w.replace(seq, rep)
    w = _SOFT_C.sub("s", w)
    w = w.translate(_SINGLE)
    w = _DOUBLE.sub(r"\1", w)
    head, tail = w[0], _VOWELS.sub("", w[1:])
    if head in "aeiou":
        head = "A"  # any opening vowel sounds alike ("Adidas", "Edidas")
    return _DOUBLE.sub(r"\1", (head + tail).upper())
