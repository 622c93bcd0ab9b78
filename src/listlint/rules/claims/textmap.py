"""Claim text in matching form, with a map back to the seller's characters.

The grammar runs on folded, de-obfuscated text ("CUR3S C@NCER", "ｃｕｒｅｓ", "c u r e s",
zero-width characters, "sei-zures"), but findings quote what the seller wrote. The
matching form starts from the shared span map (:func:`listlint.text.spans.fold_map`:
each folded character remembers the clean-text character it came from) and each
rewrite below carries the map along, so a span found in one form is quoted from the
other.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from listlint.text.deobfuscate import deobfuscate
from listlint.text.joints import close_split_words
from listlint.text.normalize import has_joint
from listlint.text.spans import MappedText, fold_map

_SPACED = re.compile(r"\b(?:[a-z][ ._*·•-]){2,}[a-z]\b")
#: a token (run of non-spaces) is read as leetspeak when a letter touches a digit or
#: symbol in it, that is when it holds both: a letter run then another character, or the
#: other way round, from the token's start. The lookbehind fails at once inside a token,
#: so each token is read once (a pattern ``\S*[a-z][^\sa-z]\S*`` re-scanned a 100 KB run
#: of letters from every position: quadratic, issue 21 H6), and only these tokens go to
#: Python (most tokens of a description are plain words: a call each cost a third of
#: :func:`matching_form`)
_MIXED_TOKEN = re.compile(r"(?<!\S)(?:[a-z]+[^\sa-z]|[^\sa-z]+[a-z])\S*")
_HYPHEN_SPLIT = re.compile(r"\b([a-z]{2,})-([a-z]{2,})\b")
#: rough sentence ends for choosing candidate sentences (spaCy's sentencizer refines them);
#: not after a one-letter abbreviation ("H. pylori")
_SENTENCE_END = re.compile(r"(?<![\s.][a-z]\.)(?<=[.!?])\s+|\.{3}|\n+|\s*[•|]\s*")


def _rewrite(
    text: str, index: list[int], pattern: re.Pattern[str], repl: Callable[[str], str]
) -> tuple[str, list[int]]:
    out: list[str] = []
    out_index: list[int] = []
    pos = 0
    for m in pattern.finditer(text):
        a, b = m.span()
        new = repl(m.group(0))
        if new == m.group(0):
            continue
        out.append(text[pos:a])
        out_index.extend(index[pos:a])
        n = len(new)
        out.append(new)
        # spread the replacement over the original span so both ends map to its ends
        out_index.extend(index[a + round(k * (b - a - 1) / max(n - 1, 1))] for k in range(n))
        pos = b
    if not out:
        return text, index
    out.append(text[pos:])
    out_index.extend(index[pos:])
    return "".join(out), out_index


def _unleet(token: str, words: frozenset[str]) -> str:
    """Leet undone inside one token; known terms ("a1c", "covid-19") and edge punctuation
    ("cancer!") are kept."""
    core = token.strip("!.?,;:()[]\"'")
    if not core or core in words:
        return token
    lead = token.index(core)
    return token[:lead] + deobfuscate(core) + token[lead + len(core) :]


def matching_form(clean: str, words: frozenset[str] = frozenset()) -> MappedText:
    """Fold ``clean`` (case, width, accents, invisibles), undo leet and spaced letters, and
    join hyphen-split and no-break-space-split words when the joined word is in ``words``
    ("sei-zures", "cu<NBSP>res")."""
    text, index = fold_map(clean)
    if words and has_joint(clean):
        text, index = close_split_words(clean, text, index, words)
    text, index = _rewrite(text, index, _SPACED, lambda s: re.sub(r"[ ._*·•-]", "", s))
    text, index = _rewrite(text, index, _MIXED_TOKEN, lambda s: _unleet(s, words))
    if words:
        text, index = _rewrite(
            text,
            index,
            _HYPHEN_SPLIT,
            lambda s: s.replace("-", "") if s.replace("-", "") in words else s,
        )
    return MappedText(text, tuple(index))


def sentences(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of rough sentences in ``text`` (blank ones skipped)."""
    pos = 0
    for m in _SENTENCE_END.finditer(text):
        if text[pos : m.start()].strip():
            yield pos, m.start()
        pos = m.end()
    if text[pos:].strip():
        yield pos, len(text)
