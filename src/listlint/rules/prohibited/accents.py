"""Accents the seller wrote: a short term must agree with them.

Matching runs on folded text (accents removed), so Vietnamese "bông" (cotton), "bóng"
(gloss) and "bọng" (eye bags) all read "bong", and Serbian "šarm" (charm) reads "sarm":
264 false errors on one Vietnamese cosmetics export. Folding makes such collisions between
short words (a Vietnamese syllable, a two- to six-letter word), so a term of one word of at
most :data:`SHORT` letters matches only where every accented letter of the seller's text
is the same accented letter in the term ("bông" is not "bong"; "bong" written without
accents still is; "rượu" matches "rượu" and "ruou"). Longer terms match whatever the
accents: a seller who writes "codeína" sells codeine, and sellers often drop accents.
"""

from __future__ import annotations

import unicodedata

from listlint.text.spans import fold_map

#: the longest one-word term held to the seller's accents
SHORT = 6


def _marked(c: str) -> bool:
    """Does this letter carry a mark that folding removes (ô, ó, ọ, š, ñ)?"""
    if c.isascii() or not c.isalpha():
        return False
    return any(unicodedata.combining(x) for x in unicodedata.normalize("NFD", c))


def needs_agreement(spelling: str) -> bool:
    """Is a term of this spelling short enough to collide once folded?"""
    word = spelling.strip()
    return bool(word) and " " not in word and sum(c.isalpha() for c in word) <= SHORT


def agrees(written: str, spelling: str) -> bool:
    """Does the seller's ``written`` span keep the term's accents wherever it has one?
    Unaccented letters always agree ("ruou" is "rượu" written without accents)."""
    written = unicodedata.normalize("NFC", written).lower()
    spelling = unicodedata.normalize("NFC", spelling).lower()
    if len(written) != len(spelling):  # a letter folding to two: judge only marked letters
        return not any(_marked(c) for c in written)
    return all(not _marked(w) or w == s for w, s in zip(written, spelling, strict=True))


def accent_ok(raw: str | None, folded: str, start: int, end: int, spelling: str) -> bool:
    """May the match ``start:end`` of ``folded`` (the folded ``raw``) stand for the term
    spelled ``spelling``? True unless the term is short and the seller's letters there
    carry other accents."""
    if not raw or raw.isascii() or not needs_agreement(spelling):
        return True
    text, index = fold_map(raw)
    if text != folded or end > len(index) or start >= end:
        return True  # a folding the map does not reproduce: do not judge
    written = raw[index[start] : index[end - 1] + 1]
    return agrees(written, spelling)
