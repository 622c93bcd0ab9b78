"""What a title, product-type cell or category path names as the product.

A title's *head segment* is its first part: cut at " - ", "|", ",", "(", ":" and the like
("T-Shirt - Black / M"), then before the first word that starts a complement ("for",
"with", "compatible", "para", "untuk", "cho", ...: "Case compatible with iPhone 15").
The *head noun* is the type noun of that segment that the language makes the head: the
rightmost in English, German, Chinese, Japanese ("Magic Mushroom T-Shirt"), the leftmost
when it is a noun of a head-first language ("Funda para iPhone", "Kaos Motif Ganja",
"Ốp lưng iPhone"). Type nouns that sit inside a longer one are never the head ("gun" in
"hot glue gun").

Every function here is linear in its input: one automaton pass, regexes without
backtracking on unbounded text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from listlint.product.lexicon import Lexicon, TypeEntry
from listlint.text.matcher import Match

#: origin of the packaging nouns ("set", "kit") in the lexicon (extra_types.tsv)
GENERIC = "listlint-generic"
#: where a title's first part ends: "T-Shirt - Black / M", "Mug, 350 ml", "Tee | Gift"
HARD_CUT = r"\s+[-|–—/]\s+|[,;(\[{:|【】]"
_HARD_CUT_RE = re.compile(HARD_CUT)
#: category path separators ("Apparel > Clothing", "Toys | Plush", "服装/T恤")
_PATH_SPLIT = re.compile(r"\s*(?:>|/|\||»|›|\\)\s*")


@dataclass(frozen=True, slots=True)
class Head:
    """The head noun of a text (``entry`` None when its head segment names no type).
    Spans are offsets in the folded text."""

    entry: TypeEntry | None
    start: int
    end: int
    seg_end: int
    term: str = ""


def segment_end(folded: str, lex: Lexicon, matches: list[Match[TypeEntry]] | None = None) -> int:
    """End of the head segment of a folded title. A complement word inside a type noun
    does not cut it ("eau de parfum", "chef's knife with sheath")."""
    m = _HARD_CUT_RE.search(folded)
    end = m.start() if m else len(folded)
    lead = len(folded) - len(folded.lstrip())
    if matches is None:
        matches = lex.type_matches(folded[:end])
    for cue in lex.cues("cut", folded[:end]):
        if cue.start <= lead:  # "For Honor T-Shirt": a title may open with the word
            continue
        if any(t.start < cue.start and cue.end <= t.end for t in matches):
            continue
        return min(end, cue.start)
    return end


def choose_head(matches: list[Match[TypeEntry]], text: str, seg_end: int) -> Head:
    """The head among the type nouns of a segment (see module docstring). A noun after a
    number counts what is sold ("5000 puffs", "50 rounds", "60 capsules"): it is the head
    only when no other noun is there."""
    inside = [m for m in matches if m.end <= seg_end]
    counted = [m for m in inside if not _after_number(text, m.start)]
    inside = counted or inside
    if not inside:
        return Head(None, seg_end, seg_end, seg_end)
    first = inside[0]
    words_before = len(text[: first.start].split())
    if first.payload.head_first and words_before <= 1:
        best = first
    else:
        best = max(inside, key=lambda m: (m.end, m.end - m.start))
        if best.payload.origin == GENERIC:  # "Dinner Plates Set of 4": plates, a set of them
            before = [
                m for m in inside if m.end <= best.start and not text[m.end : best.start].strip()
            ]
            if before:
                best = before[-1]
    return Head(best.payload, best.start, best.end, seg_end, text[best.start : best.end])


def _after_number(text: str, start: int) -> bool:
    before = text[max(0, start - 12) : start].rstrip(" x-")
    return before[-1:].isdigit()


def title_head(folded: str, lex: Lexicon) -> Head:
    """The head noun of a folded title (or product-type cell)."""
    cut = _HARD_CUT_RE.search(folded)
    matches = lex.type_matches(folded[: cut.start() if cut else len(folded)])
    end = segment_end(folded, lex, matches)
    return choose_head(matches, folded, end)


@dataclass(frozen=True, slots=True)
class CategoryType:
    """The type a category text names: its ``entry``, the folded ``segment`` of the path
    that named it and whether that segment is the path's leaf."""

    entry: TypeEntry
    segment: str
    leaf: bool


def category_type(folded: str, lex: Lexicon) -> CategoryType | None:
    """The most specific path segment of a category text that names a typed product
    ("Home & Garden > Decor > Figurines" -> figurine), or a Google category id."""
    text = folded.strip()
    if text.isdigit():
        entry = lex.google_ids.get(text)
        return CategoryType(entry, text, True) if entry else None
    segments = [s for s in _PATH_SPLIT.split(text) if s.strip()]
    for i in range(len(segments) - 1, -1, -1):
        seg = segments[i]
        head = choose_head(lex.type_matches(seg), seg, len(seg))
        if head.entry is not None and head.entry.group:
            return CategoryType(head.entry, seg, i == len(segments) - 1)
    return None


def path_segments(folded: str) -> list[tuple[int, int]]:
    """(start, end) of each segment of a category path, in order."""
    out = []
    pos = 0
    for m in _PATH_SPLIT.finditer(folded):
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, len(folded)))
    return out
