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
    does not cut it ("eau de parfum"); a measure after a type noun does ("Tin Sign 8x12
    Retro Garage Decor", "Coffee Mug 11oz Ceramic": what follows is a description)."""
    m = _HARD_CUT_RE.search(folded)
    end = m.start() if m else len(folded)
    lead = len(folded) - len(folded.lstrip())
    if matches is None:
        matches = lex.type_matches(folded[:end])
    covered = _Coverage(matches)
    for cue in lex.cues("cut", folded[:end]):
        if cue.start <= lead:  # "For Honor T-Shirt": a title may open with the word
            continue
        if covered.inside(cue.start, cue.end):
            continue
        if len(cue.term) <= 2 and not any(t.end <= cue.start for t in matches[:1]):
            continue  # a short word ("da", "de", "en") cuts only after a head: "Maeng Da Kratom"
        end = min(end, cue.start)
        break
    if matches and matches[0].end < end:
        q = _MEASURE_RE.search(folded, matches[0].end, end)
        if q is not None:
            end = q.start()
    return end


def choose_head(matches: list[Match[TypeEntry]], text: str, seg_end: int, lex: Lexicon) -> Head:
    """The head among the type nouns of a segment (see module docstring).

    * a noun after a number counts what is sold ("5000 puffs", "50 rounds"): the head only
      when no other noun is there;
    * head-first: the first noun, when it opens the segment and either every language
      that has it puts heads first ("kaos", "funda") or the title is written in one ("de",
      "para", "avec", "untuk" outside a type noun: "T-shirt homme imprimé feuille de ...");
    * else the rightmost, except that a food or material noun after another kind of
      product is its flavour or material ("Dog Treats Chicken Jerky", "Mug Ceramic"), and
      a packaging noun ("set", "kit") gives way to the product it packs ("Hookah Complete
      Set", "Dinner Plates Set of 4") unless an activity says what it is for ("Gun
      Cleaning Kit")."""
    # a word cut off by a hyphen shares the head of a later compound ("Whisky- /
    # Longdrinkglas", "Wein- und Sektgläser"): it says what kind, never what is sold
    inside = [m for m in matches if m.end <= seg_end and not suspended(text, m.end)]
    counted = [m for m in inside if not _after_number(text, m.start)]
    inside = counted or inside
    # a device name after another noun is what the item fits ("Case iPhone 15", "Ốp lưng
    # iPhone 14", "Funda Galaxy S23"), not the item
    devices = lex.cue_words.get("device", frozenset())
    if len(inside) > 1:
        inside = [inside[0]] + [m for m in inside[1:] if m.term not in devices]
    if not inside:
        return Head(None, seg_end, seg_end, seg_end)
    first = inside[0]
    before_first = len(text[: first.start].split())
    # a head-first noun opening the title leads ("Kaos Pria Motif ...", "Ốp lưng iPhone
    # 14"), unless the title is plain ASCII and an English noun follows ("Sable T-Shirt":
    # a brand that spells a French noun)
    own_language = first.payload.head_first and before_first == 0
    weak = first.payload.origin.startswith("google") and " " not in first.term
    if own_language and weak and text[:seg_end].isascii():
        own_language = all(m.payload.head_first for m in inside[1:])
    if len(inside) > 1 and (
        own_language or (before_first <= 1 and _head_first_text(text, matches, lex))
    ):
        best = first
    else:
        best = max(inside, key=lambda m: (m.end, m.end - m.start))
        if best.payload.group in _DESCRIPTOR_GROUPS:
            earlier = [
                m for m in inside if m.end <= best.start and m.payload.group
                and m.payload.group not in _DESCRIPTOR_GROUPS
            ]  # fmt: skip
            if earlier:
                best = earlier[-1]
        if best.payload.origin == GENERIC:
            before = [m for m in inside if m.end <= best.start and m.payload.origin != GENERIC]
            words = text[: best.start].split()
            adjacent = before and not text[before[-1].end : best.start].strip()
            if adjacent or (
                before and words and words[-1] not in lex.cue_words.get("activity", ())
            ):
                best = before[-1]
    return Head(best.payload, best.start, best.end, seg_end, text[best.start : best.end])


#: groups whose nouns, after another product noun, say its flavour or material
_DESCRIPTOR_GROUPS = frozenset({"food_drink", "craft"})
#: a quantity or size: "500mg", "11 oz", "8x12", "2 lb", "30 pcs"
_MEASURE_RE = re.compile(
    r"(?<![\w.])\d+(?:[.,]\d+)?\s?(?:x\s?\d+(?:[.,]\d+)?|mg|mcg|g|kg|ml|cl|l|oz|fl\.? ?oz|lbs?|"
    r"in|inch|inches|cm|mm|ft|w|v|mah|gb|tb|pcs|pc|ct|pk|count|pairs?|pieces?|stk|stück|butir|"
    r"x)(?!\w)|\d+\s?\"(?!\w)"
)


def _head_first_text(text: str, matches: list[Match[TypeEntry]], lex: Lexicon) -> bool:
    """Does the title use a complement word of a head-first language ("de", "para",
    "pour", "untuk", "cho") outside its type nouns?"""
    from listlint.product.lexicon import HEAD_FIRST

    window = text[:240]
    covered = _Coverage([t for t in matches if t.start < 240])
    return any(
        cue.payload in HEAD_FIRST and not covered.inside(cue.start, cue.end)
        for cue in lex.cues("cut", window)
    )


class _Coverage:
    """Is a span inside a type match that starts before it? Queries in increasing start order are
    answered with one forward sweep (linear overall)."""

    def __init__(self, matches: list[Match[TypeEntry]]) -> None:
        self._spans = sorted((m.start, m.end) for m in matches)
        self._i = 0
        self._reach = -1

    def inside(self, start: int, end: int) -> bool:
        spans = self._spans
        while self._i < len(spans) and spans[self._i][0] < start:
            self._reach = max(self._reach, spans[self._i][1])
            self._i += 1
        return end <= self._reach


#: a suspended compound: a hyphen after the word, then a space or the end of the segment
_SUSPENDED = re.compile(r"-(?:\s|$)")


def suspended(text: str, end: int) -> bool:
    """Does the word ending at ``end`` end in a suspension hyphen ("Whisky- und
    Weingläser", "Bier- / Weizenglas")? It then shares the head of a later compound."""
    return end > 0 and text[end - 1 : end].isalpha() and bool(_SUSPENDED.match(text, end))


def _after_number(text: str, start: int) -> bool:
    before = text[max(0, start - 12) : start].rstrip(" x-")
    return before[-1:].isdigit()


def title_head(folded: str, lex: Lexicon) -> Head:
    """The head noun of a folded title (or product-type cell)."""
    cut = _HARD_CUT_RE.search(folded)
    matches = lex.type_matches(folded[: cut.start() if cut else len(folded)])
    end = segment_end(folded, lex, matches)
    return choose_head(matches, folded, end, lex)


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
        head = choose_head(lex.type_matches(seg), seg, len(seg), lex)
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
