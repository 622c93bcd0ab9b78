"""Confusable skeletons (UTS #39 style) for spotting disguised brand names.

``skeleton(token)`` maps a token to the Latin letters it *looks like*: Cyrillic/Greek/
small-capital homoglyphs (``wordlists/brands/homoglyphs.tsv``), leet digits and symbols
(``0`` -> o, ``5`` -> s, ``@`` -> a) and visual sequences (``rn`` -> m, ``vv`` -> w). Letters
that are easy to swap for one another (``1``/``l``/``i``/``|``/``!``) share one class, so
"Nlke", "N1ke" and "Nike" have the same skeleton; so do mirror images (``b``/``d``,
``p``/``q``: "Abibas" and "Adidas"). Two strings are confusable when their
skeletons are equal; the brand matcher compares skeletons, never raw text.

The input is *folded* text (:func:`listlint.text.normalize.fold`: NFKD, lower case), which
already undoes full-width and mathematical letters.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from listlint.resources import table
from listlint.text.lazyregex import LazyPattern

#: visually confused multi-letter sequences (applied after single characters)
VISUAL_SEQUENCES = (("rn", "m"), ("vv", "w"), ("nn", "m"), ("cl", "d"))
#: letters folded into one class because sellers swap them freely
_CLASSES = {"l": "i", "1": "i", "|": "i", "!": "i", "j": "i"}
#: mirror images: "Abibas" for Adidas, "Qepsi" for Pepsi (b/d and p/q flip on one axis)
_MIRRORS = {"b": "d", "q": "p"}
_MIRROR_PAIRS = frozenset({("b", "d"), ("d", "b"), ("p", "q"), ("q", "p")})


@lru_cache(maxsize=1)
def _char_map() -> dict[str, str]:
    out: dict[str, str] = {}
    for row in table("brands/homoglyphs"):
        char, latin = row.get("char", ""), row.get("latin", "")
        if len(char) == 1 and latin:
            out[char] = latin.lower()
            out[char.lower()] = latin.lower()
    out.update(_CLASSES)
    out.update(_MIRRORS)
    return out


@lru_cache(maxsize=1)
def _translation() -> dict[int, str]:
    return {ord(k): v for k, v in _char_map().items()}


def skeleton(token: str) -> str:
    """The Latin letters ``token`` (folded) looks like; equal skeletons = confusable."""
    text = token.translate(_translation())
    for seq, repl in VISUAL_SEQUENCES:
        if seq in text:
            text = text.replace(seq, repl)
    return text.replace("l", "i")


def mirrored(token: str, word: str) -> bool:
    """Does ``token`` differ from ``word`` only by mirror-image letters (b/d, p/q)?"""
    if len(token) != len(word) or token == word:
        return False
    return all(a == b or (a, b) in _MIRROR_PAIRS for a, b in zip(token, word, strict=True))


#: Latin letters broken apart by one or two CJK characters: "nik耐e", "gu古cci"
_INTERLEAVED = LazyPattern(r"[a-z]+(?:[\u3000-\u9fff\uac00-\ud7af]{1,2}[a-z]+)+")
_CJK_CHAR = LazyPattern(r"[\u3000-\u9fff\uac00-\ud7af]")


def latin_through_cjk(token: str) -> list[str]:
    """The Latin words hidden in ``token`` (folded) by CJK characters set inside them:
    "跨境nik耐e鞋" -> ["nike"]. A Latin word merely glued to Chinese ("耐克nike运动鞋") is
    ordinary Chinese writing and is not returned."""
    if token.isascii():
        return []
    return [_CJK_CHAR.sub("", m.group(0)) for m in _INTERLEAVED.finditer(token)]


def script_of(char: str) -> str | None:
    """Coarse script of a letter (Latin, Cyrillic, Greek, Armenian, ...); None for non-letters."""
    if not char.isalpha():
        return None
    try:
        name = unicodedata.name(char)
    except ValueError:
        return None
    return name.split(" ", 1)[0]


def scripts(token: str) -> set[str]:
    return {s for s in map(script_of, token) if s}


def is_mixed_script(token: str) -> bool:
    """A token mixing Latin letters with Cyrillic/Greek/Armenian lookalikes ("Сhanel" with a
    Cyrillic С). Mixed Latin + CJK/Arabic is ordinary in Chinese/Arabic listings and is not
    counted."""
    found = scripts(token)
    return "LATIN" in found and bool(found & {"CYRILLIC", "GREEK", "ARMENIAN"})


_SYMBOL_FOR_LETTER = re.compile(r"[0-9@$|!€£]")
_LETTER = re.compile(r"[^\W\d_]")


def disguise_kind(token: str) -> str | None:
    """How a token disguises its letters: 'mixed scripts', 'lookalike characters',
    'digits or symbols for letters', or None for plain letters."""
    if token.isascii():  # the common case: no script or lookalike-letter question
        if _SYMBOL_FOR_LETTER.search(token) and _LETTER.search(token):
            return "digits or symbols for letters"
        return None
    if is_mixed_script(token):
        return "mixed scripts"
    if any(not c.isascii() and c in _char_map() for c in token):
        return "lookalike characters"
    if any(c.isdigit() or c in "@$|!€£" for c in token) and any(c.isalpha() for c in token):
        return "digits or symbols for letters"
    return None
