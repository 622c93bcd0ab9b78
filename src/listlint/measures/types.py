"""Which product a listing is, for its plausible weight range.

Ranges live in ``wordlists/measures/product_types.tsv`` (policy packs may add or
override them). A listing gets a type only when a type word is the *head noun* of the
title's first segment ("Organic Cotton Crew T-Shirt", "T-Shirt - Black / M"), so
"Laptop Stand", "Case compatible with iPhone 15" and "Nikon lens cap" get none: a weight
with no product type is never judged against an arbitrary range. The product type and
category fields are tried when the title names no type.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from listlint.resources import table, wordlist
from listlint.text.matcher import PhraseMatcher, inflections
from listlint.text.normalize import fold
from listlint.units import _LENGTH_WORDS, _MASS_WORDS, _VOLUME_WORDS

_UNIT_WORDS = frozenset(_MASS_WORDS) | frozenset(_LENGTH_WORDS) | _VOLUME_WORDS | {"fl", "oz"}

_SEGMENT_RE = re.compile(
    r"\s+[-|–—/]\s+|[,;(\[{:]|\s(?:for|with|w/|compatible|fits|by|in|made|from|incl|including|"
    r"de|del|para|con|en|em|com|pour|avec|mit|für|aus|per)\s"
)
#: CJK has no spaces between words: each character is matched as a word of its own
_CJK_RE = re.compile(r"([\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff])")


def _words(text: str) -> str:
    """Folded text with CJK characters spaced out ("纯棉t恤" -> "纯 棉 t 恤")."""
    return re.sub(r"\s+", " ", _CJK_RE.sub(r" \1 ", fold(text))).strip()
_MULTI_RE = re.compile(
    r"\b(\d{1,4})\s*-?\s*(?:pack|pk|pcs|pieces|piece|pc|count|ct|pairs|units|stk)\b"
    r"|\b(?:pack|set|box|lot|case|bundle|bag) of (\d{1,4})\b"
    r"|(?<![\d.])\b(?:x\s?(\d{1,3})|(\d{1,3})\s?x)\b(?!\s*[\d.])"
)
_OPEN_RE = re.compile(
    r"\b(?:set|kit|bundle|lot|bulk|wholesale|multipack|multi-pack|combo|collection|assorted)\b"
)
_NOT_TYPE = "-"


@dataclass(frozen=True, slots=True)
class ProductType:
    name: str
    min_kg: float
    typical_kg: float
    max_kg: float
    source: str = ""


@dataclass(frozen=True, slots=True)
class TypeMatch:
    """A listing's type and the weight band it implies (after pack size and modifiers)."""

    type: ProductType
    #: the words of the listing that named the type
    term: str
    #: which field named it: title, product_type or category
    field: str
    min_kg: float
    max_kg: float
    typical_kg: float
    #: False when the listing is a set/kit/bundle of unknown size (no upper bound)
    bounded: bool = True


class TypeIndex:
    """One automaton over every type word, plus the not-a-type phrases."""

    def __init__(self, extra: dict[str, tuple[float, float, float | None, tuple[str, ...]]]):
        types: dict[str, ProductType] = {}
        words: dict[str, list[str]] = {}
        for row in table("measures/product_types"):
            name = row["type"]
            types[name] = ProductType(
                name,
                float(row["min_kg"]),
                float(row["typical_kg"]),
                float(row["max_kg"]),
                row.get("source", ""),
            )
            words[name] = [w.strip() for w in row["keywords"].split("|") if w.strip()]
        for name, (lo, hi, typical, kws) in extra.items():
            mid = typical if typical is not None else (lo * hi) ** 0.5
            types[name] = ProductType(name, lo, mid, hi, "policy pack")
            if kws:
                words[name] = list(kws)
            words.setdefault(name, [name])
        self.types = types
        terms: list[tuple[str, str]] = []
        for name, kws in words.items():
            for kw in kws:
                terms += [(form, name) for form in inflections(_words(kw))]
        terms += [
            (form, _NOT_TYPE) for p in wordlist("measures/not_types") for form in inflections(p)
        ]
        self._matcher: PhraseMatcher[str] = PhraseMatcher(terms)
        self._trailing = frozenset(fold(w) for w in wordlist("measures/trailing_words"))
        mods = {fold(r["word"]): r["effect"] for r in table("measures/modifiers")}
        self._cancel = frozenset(w for w, e in mods.items() if e == "cancel")
        self._smaller = frozenset(w for w, e in mods.items() if e == "smaller")

    def classify(
        self,
        title: str | None,
        product_type: str | None = None,
        category: str | None = None,
        handle: str | None = None,
    ) -> TypeMatch | None:
        """The type named by the title, else the product type, else the variant group's
        handle (a slug of the product title: "example-t-shirt"), else the category leaf."""
        slug = handle.replace("-", " ").replace("_", " ") if handle else None
        for field, text in (("title", title), ("product_type", product_type), ("handle", slug)):
            if text:
                found = self._head(_words(text), field)
                if found is not None:
                    return found or None
        if category:
            leaf = re.split(r"\s*(?:>|/|\||»|›)\s*", _words(category))[-1]
            found = self._head(leaf, "category")
            if found:
                return found
        return None

    def _trails(self, token: str) -> bool:
        """May ``token`` follow the head noun? Sizes, colours, numbers, units."""
        token = token.strip(".,;:!()[]")
        return (
            not token
            or token in self._trailing
            or any(c.isdigit() for c in token)
            or token in _UNIT_WORDS
        )

    def _head(self, text: str, field: str) -> TypeMatch | bool | None:
        """The type named by the head noun of ``text``'s first segment; False when the
        text names a type but something makes it not apply (a toy, a dog's sweater)."""
        cut = _SEGMENT_RE.search(text)
        first_cut = cut.start() if cut else len(text)
        best = None
        for m in self._matcher.longest(text):
            if m.start >= first_cut:
                continue  # a later segment: "Case compatible with iPhone 15"
            after = _SEGMENT_RE.search(text, m.end)
            rest = re.findall(r"[^\s/]+", text[m.end : after.start() if after else len(text)])
            if all(self._trails(t) for t in rest):
                if best is None or m.end > best.end or (m.end == best.end and m.start < best.start):
                    best = m
        if best is None:
            return None
        segment = text[: max(first_cut, best.end)]
        payloads = {
            m.payload
            for m in self._matcher.iter(segment)
            if (m.start, m.end) == (best.start, best.end)
        }
        if _NOT_TYPE in payloads or len(payloads) != 1:
            return False  # ambiguous ("tablets": a device or pills?) or not a type
        before = re.findall(r"[^\s]+", segment[: best.start])[-2:]
        after_for = re.findall(r"\bfor (\w+(?:'s)?)", text)
        words = {*before, *after_for}
        if words & self._cancel:
            return False
        ptype = self.types[payloads.pop()]
        lo, hi, typical = ptype.min_kg, ptype.max_kg, ptype.typical_kg
        if words & self._smaller:
            lo /= 4
        count = _pack_count(text)
        bounded = True
        if count is not None and count > 1:
            hi, typical = hi * count, typical * count
        elif _OPEN_RE.search(text[: best.start] + " " + text[best.end :]):
            bounded = False
        return TypeMatch(ptype, segment[best.start : best.end], field, lo, hi, typical, bounded)


def _pack_count(text: str) -> int | None:
    m = _MULTI_RE.search(text)
    if not m:
        return None
    value = next(g for g in m.groups() if g)
    return int(value)


@cache
def type_index(key: tuple = ()) -> TypeIndex:
    """The shipped index plus pack overrides ``key`` (a hashable tuple of items)."""
    return TypeIndex(dict(key))
