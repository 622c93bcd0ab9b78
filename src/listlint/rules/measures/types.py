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
from typing import Literal

import polars as pl

from listlint.resources import table, wordlist
from listlint.text.lazyregex import has_chars
from listlint.text.matcher import PhraseMatcher, inflections
from listlint.text.normalize import fold, fold_series
from listlint.units import LENGTH_WORDS, MASS_WORDS, VOLUME_WORDS

_UNIT_WORDS = frozenset(MASS_WORDS) | frozenset(LENGTH_WORDS) | VOLUME_WORDS | {"fl", "oz"}

#: where a title's first part (its head segment) ends: "T-Shirt - Black / M", "Mug, 350 ml"
_HARD_CUT = r"\s+[-|–—/]\s+|[,;(\[{:]"
_HEAD_RE = r"^(.*?)(?:" + _HARD_CUT + r"|$)"
#: inside the head segment, words after which the head noun has been named
_SEGMENT_RE = re.compile(
    _HARD_CUT + r"|\s(?:for|with|w/|compatible|fits|by|in|made|from|incl|including|"
    r"de|del|para|con|en|em|com|pour|avec|mit|für|aus|per)\s"
)
#: CJK has no spaces between words: each character is matched as a word of its own
_CJK_RANGES = ((0x3040, 0x30FF), (0x3400, 0x9FFF), (0xF900, 0xFAFF))
#: the same characters as a (polars) regex group
_CJK_PATTERN = "([" + "".join(f"\\u{lo:04x}-\\u{hi:04x}" for lo, hi in _CJK_RANGES) + "])"


def _words(text: str) -> str:
    """Folded text with CJK characters spaced out ("纯棉t恤" -> "纯 棉 t 恤")."""
    folded = fold(text)
    if not folded.isascii():  # as a re.sub of _CJK_PATTERN, without its compile (lazyregex)
        folded = "".join(f" {c} " if has_chars(c, _CJK_RANGES) else c for c in folded)
    return re.sub(r"\s+", " ", folded).strip()


_MULTI_RE = re.compile(
    r"\b(\d{1,4})\s*-?\s*(?:pack|pk|pcs|pieces|piece|pc|count|ct|pairs|units|stk)\b"
    r"|\b(?:pack|set|box|lot|case|bundle|bag) of (\d{1,4})\b"
    r"|(?<![\d.])\b(?:x\s?(\d{1,3})|(\d{1,3})\s?x)\b(?!\s*[\d.])"
)
#: cheap columnar prefilter for _MULTI_RE (Rust regex has no look-around)
_MULTI_HINT = (
    r"\d\s*-?\s*(?:pack|pk|pcs|piece|pc|count|ct|pairs|units|stk)\b"
    r"|(?:pack|set|box|lot|case|bundle|bag) of \d|\bx\s?\d|\d\s?x\b"
)
_OPEN_WORDS = (
    r"\b(?:set|kit|bundle|lot|bulk|wholesale|multipack|multi-pack|combo|collection|assorted)\b"
)
_OPEN_RE = re.compile(_OPEN_WORDS)
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
        for name, keywords in words.items():
            for kw in keywords:
                terms += [(form, name) for form in inflections(_words(kw))]
        terms += [
            (form, _NOT_TYPE) for p in wordlist("measures/not_types") for form in inflections(p)
        ]
        self._matcher: PhraseMatcher[str] = PhraseMatcher(terms)
        self._trailing = frozenset(fold(w) for w in wordlist("measures/trailing_words"))
        mods = {fold(r["word"]): r["effect"] for r in table("measures/modifiers")}
        self._cancel = frozenset(w for w, e in mods.items() if e == "cancel")
        self._smaller = frozenset(w for w, e in mods.items() if e == "smaller")
        self._heads: dict[str, _Head | Literal[False] | None] = {}

    def classify(
        self,
        title: str | None,
        product_type: str | None = None,
        category: str | None = None,
        handle: str | None = None,
    ) -> TypeMatch | None:
        """The type named by the title, else the product type, else the variant group's
        handle (a slug of the product title: "example-t-shirt"), else the category leaf.
        (One listing; :meth:`classify_frame` is the columnar form the rules use.)"""
        slug = handle.replace("-", " ").replace("_", " ") if handle else None
        for field, text in (("title", title), ("product_type", product_type), ("handle", slug)):
            if text:
                words = _words(text)
                head = re.match(_HEAD_RE, words)
                head_text = head.group(1) if head else words
                found = self._finish(self.head(head_text), words[len(head_text) :], field)
                if found is not None:
                    return found or None
        if category:
            leaf = self._finish(self.head(_leaf(_words(category))), "", "category")
            if isinstance(leaf, TypeMatch):
                return leaf
        return None

    def head(self, text: str) -> _Head | Literal[False] | None:
        """The type named by the head noun of a title's head segment (cached): None when
        it names none, False when it names one that does not apply (a toy sofa, a
        dog's sweater, an ambiguous word such as "tablets")."""
        if text not in self._heads:
            self._heads[text] = self._head(text) if len(self._heads) < 500_000 else None
        return self._heads[text]

    def _trails(self, token: str) -> bool:
        """May ``token`` follow the head noun? Sizes, colours, numbers, units."""
        token = token.strip(".,;:!()[]")
        return (
            not token
            or token in self._trailing
            or any(c.isdigit() for c in token)
            or token in _UNIT_WORDS
        )

    def _head(self, text: str) -> _Head | Literal[False] | None:
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
        payloads = {
            m.payload
            for m in self._matcher.iter(text)
            if (m.start, m.end) == (best.start, best.end)
        }
        if _NOT_TYPE in payloads or len(payloads) != 1:
            return False  # ambiguous ("tablets": a device or pills?) or not a type
        before = re.findall(r"[^\s]+", text[: best.start])[-2:]
        effect = self._effect({*before, *re.findall(r"\bfor (\w+(?:'s)?)", text)})
        if effect == "cancel":
            return False
        around = text[: best.start] + " " + text[best.end :]
        return _Head(
            self.types[payloads.pop()],
            text[best.start : best.end],
            effect == "smaller",
            _pack_count(text),
            bool(_OPEN_RE.search(around)),
        )

    def _effect(self, words: set[str]) -> str | None:
        if words & self._cancel:
            return "cancel"
        return "smaller" if words & self._smaller else None

    def _finish(
        self, head: _Head | Literal[False] | None, tail: str, field: str
    ) -> TypeMatch | Literal[False] | None:
        """A head's type with the rest of the title applied (pack size, "- for Dogs")."""
        if not isinstance(head, _Head):
            return head
        m = re.search(r"\bfor (\w+(?:'s)?)", tail)
        effect = self._effect({m.group(1)}) if m else None
        if effect == "cancel":
            return False
        count = head.count or _pack_count(tail)
        return _match(
            head, field, effect == "smaller", count, head.open or bool(_OPEN_RE.search(tail))
        )

    def classify_frame(
        self,
        title: pl.Series,
        product_type: pl.Series,
        category: pl.Series,
        handle: pl.Series,
    ) -> pl.DataFrame:
        """Columnar :meth:`classify`: each distinct head segment is classified once in
        Python and joined back; pack sizes, "for dogs" and set words in the rest of the
        title are read with polars. Returns the columns of :data:`TYPE_SCHEMA`."""
        title = title.cast(pl.Utf8)
        distinct = title.unique()
        if distinct.len() * 2 <= title.len():
            # variants repeat their product's title: read each distinct title once
            by_title = self._title_frame(distinct).with_columns(distinct.alias("_title"))
            found = (
                title.alias("_title")
                .to_frame()
                .join(by_title, on="_title", how="left", nulls_equal=True, maintain_order="left")
                .drop("_title")
            )
        else:
            found = self._title_frame(title)
        out = found.drop("status")
        # no type word in the title: the product type, handle or category may name one
        untold = found["status"].is_null()
        if untold.any():
            out = self._fallback(out, untold, product_type, category, handle)
        return out

    def _title_frame(self, title: pl.Series) -> pl.DataFrame:
        """The columns of :data:`TYPE_SCHEMA` named by each title, and ``status``
        (null: the title names no type; "blocked": it names one that does not apply)."""
        words = _words_series(title)
        cut = words.str.find(_HARD_CUT)
        head = pl.DataFrame({"w": words, "c": cut}).select(
            pl.col("w").str.slice(0, pl.col("c")).fill_null(pl.col("w"))
        )["w"]
        tail = words.str.slice(head.str.len_chars().fill_null(0))
        heads = self._head_frame(head.drop_nulls().unique())
        effects = {w: "cancel" for w in self._cancel} | {w: "smaller" for w in self._smaller}
        df = (
            pl.DataFrame({"head": head, "tail": tail})
            .with_columns(
                pl.col("tail").str.contains(_OPEN_WORDS).fill_null(False).alias("t_open"),
                pl.col("tail")
                .str.extract(r"\bfor (\w+(?:'s)?)", 1)
                .replace_strict(effects, default=None, return_dtype=pl.Utf8)
                .alias("t_effect"),
                pl.col("tail").str.contains(_MULTI_HINT).fill_null(False).alias("t_hint"),
            )
            .join(heads, on="head", how="left", maintain_order="left")
        )
        hinted = df.filter("t_hint")["tail"].unique()
        counts = pl.DataFrame(
            {"tail": hinted, "t_count": [_pack_count(t) for t in hinted.to_list()]},
            schema={"tail": pl.Utf8, "t_count": pl.Int64},
        )
        df = df.join(counts, on="tail", how="left", maintain_order="left")
        typed = (pl.col("status") == "type") & (pl.col("t_effect").fill_null("") != "cancel")
        smaller = pl.col("h_smaller") | (pl.col("t_effect") == "smaller")
        count = pl.coalesce("h_count", pl.when(pl.col("t_hint")).then(pl.col("t_count")))
        many = count.fill_null(0) > 1
        out = df.select(
            pl.when(typed).then(pl.col("type")).alias("type"),
            pl.when(typed).then(pl.col("term")).alias("term"),
            pl.when(typed).then(pl.lit("title")).alias("tfield"),
            pl.when(typed)
            .then(pl.when(smaller).then(pl.col("lo") / 4).otherwise(pl.col("lo")))
            .alias("lo"),
            pl.when(typed)
            .then(pl.when(many).then(pl.col("hi") * count).otherwise(pl.col("hi")))
            .alias("hi"),
            pl.when(typed)
            .then(pl.when(many).then(pl.col("typical") * count).otherwise(pl.col("typical")))
            .alias("typical"),
            pl.when(typed).then(many | ~(pl.col("h_open") | pl.col("t_open"))).alias("bounded"),
            pl.col("status"),
        )
        return out

    def _head_frame(self, heads: pl.Series) -> pl.DataFrame:
        rows = []
        for h in heads.to_list():
            found = self.head(h)
            if isinstance(found, _Head):
                p = found.type
                ranges = (p.min_kg, p.max_kg, p.typical_kg)
                flags = (found.smaller, found.count, found.open)
                rows.append((h, "type", p.name, found.term, *ranges, *flags))
            elif found is False:
                rows.append((h, "blocked", *[None] * 8))
        schema = {"head": pl.Utf8, "status": pl.Utf8} | {
            "type": pl.Utf8,
            "term": pl.Utf8,
            "lo": pl.Float64,
            "hi": pl.Float64,
            "typical": pl.Float64,
            "h_smaller": pl.Boolean,
            "h_count": pl.Int64,
            "h_open": pl.Boolean,
        }
        return pl.DataFrame(rows, schema=schema, orient="row")

    def _fallback(
        self,
        out: pl.DataFrame,
        rows: pl.Series,
        product_type: pl.Series,
        category: pl.Series,
        handle: pl.Series,
    ) -> pl.DataFrame:
        """Product type, handle, category for listings whose title named no type."""
        keys = pl.DataFrame({"p": product_type, "c": category, "h": handle}).filter(rows)
        uniq = keys.unique()
        found = [
            (p, c, h, *_row(self.classify(None, p, c, h) if (p or c or h) else None))
            for p, c, h in uniq.iter_rows()
        ]
        schema = {"p": pl.Utf8, "c": pl.Utf8, "h": pl.Utf8} | TYPE_SCHEMA
        table = pl.DataFrame(found, schema=schema, orient="row")
        joined = keys.join(
            table, on=["p", "c", "h"], how="left", nulls_equal=True, maintain_order="left"
        )
        idx = rows.arg_true()
        return pl.DataFrame([out[c].scatter(idx, joined[c]) for c in TYPE_SCHEMA])


@dataclass(frozen=True, slots=True)
class _Head:
    """What a head segment says, before the rest of the title is read."""

    type: ProductType
    term: str
    smaller: bool
    count: int | None
    open: bool


def _match(head: _Head, field: str, smaller: bool, count: int | None, open_: bool) -> TypeMatch:
    p = head.type
    lo, hi, typical = p.min_kg, p.max_kg, p.typical_kg
    if head.smaller or smaller:
        lo /= 4
    bounded = True
    if count is not None and count > 1:
        hi, typical = hi * count, typical * count
    elif open_:
        bounded = False
    return TypeMatch(p, head.term, field, lo, hi, typical, bounded)


TYPE_SCHEMA = {
    "type": pl.Utf8,
    "term": pl.Utf8,
    "tfield": pl.Utf8,
    "lo": pl.Float64,
    "hi": pl.Float64,
    "typical": pl.Float64,
    "bounded": pl.Boolean,
}
_NO_TYPE: tuple = (None,) * len(TYPE_SCHEMA)


def _row(m: TypeMatch | None) -> tuple:
    if m is None:
        return _NO_TYPE
    return (m.type.name, m.term, m.field, m.min_kg, m.max_kg, m.typical_kg, m.bounded)


def _leaf(category: str) -> str:
    return re.split(r"\s*(?:>|/|\||»|›)\s*", category)[-1]


def _words_series(series: pl.Series) -> pl.Series:
    """Columnar :func:`_words` (fold, then CJK characters spaced out, on the few rows
    that have any)."""
    folded = fold_series(series.cast(pl.Utf8))
    cjk = folded.str.contains(_CJK_PATTERN).fill_null(False)
    if not cjk.any():
        return folded
    idx = cjk.arg_true()
    spaced = (
        folded.filter(cjk)
        .str.replace_all(_CJK_PATTERN, " $1 ")
        .str.replace_all(r"\s+", " ")
        .str.strip_chars()
    )
    return folded.scatter(idx, spaced)


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
