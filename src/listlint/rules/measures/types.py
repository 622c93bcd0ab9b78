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
from listlint.text.matcher import PhraseMatcher, inflections
from listlint.text.normalize import fold, fold_series
from listlint.units import LENGTH_WORDS, MASS_WORDS, VOLUME_WORDS

_UNIT_WORDS = frozenset(MASS_WORDS) | frozenset(LENGTH_WORDS) | VOLUME_WORDS | {"fl", "oz"}

#: where a title's first part (its head segment) ends: "T-Shirt - Black / M", "Mug, 350 ml"
_HARD_CUT = r"\s+[-|–—/]\s+|[,;(\[{:]"
#: inside the head segment, words after which the head noun has been named
_SEGMENT_RE = re.compile(
    _HARD_CUT + r"|\s(?:for|with|w/|compatible|fits|by|in|made|from|incl|including|"
    r"de|del|para|con|en|em|com|pour|avec|mit|für|aus|per)\s"
)
#: CJK has no spaces between words: each character is matched as a word of its own
_CJK_RANGES = ((0x3040, 0x30FF), (0x3400, 0x9FFF), (0xF900, 0xFAFF))
#: the same characters as a (polars) regex group
_CJK_PATTERN = "([" + "".join(f"\\u{lo:04x}-\\u{hi:04x}" for lo, hi in _CJK_RANGES) + "])"


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
        # keywords in the form titles are read in (folded, CJK characters spaced out)
        pairs = [(name, kw) for name, keywords in words.items() for kw in keywords]
        spoken = _words_series(pl.Series([kw for _, kw in pairs], dtype=pl.Utf8)).to_list()
        terms: list[tuple[str, str]] = []
        for (name, _), kw in zip(pairs, spoken, strict=True):
            terms += [(form, name) for form in inflections(kw)]
        terms += [
            (form, _NOT_TYPE) for p in wordlist("measures/not_types") for form in inflections(p)
        ]
        self._matcher: PhraseMatcher[str] = PhraseMatcher(terms)
        self._trailing = frozenset(fold(w) for w in wordlist("measures/trailing_words"))
        mods = {fold(r["word"]): r["effect"] for r in table("measures/modifiers")}
        self._cancel = frozenset(w for w, e in mods.items() if e == "cancel")
        self._smaller = frozenset(w for w, e in mods.items() if e == "smaller")
        self._heads: dict[str, _Head | Literal[False] | None] = {}

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

    def classify_frame(
        self,
        title: pl.Series,
        product_type: pl.Series,
        category: pl.Series,
        handle: pl.Series,
        *,
        folded: bool = False,
    ) -> pl.DataFrame:
        """Each listing's type: the one named by the title, else the product type, else
        the variant group's handle (a slug of the product title: "example-t-shirt"),
        else the category leaf. Each distinct head segment is classified once in Python
        and joined back; pack sizes, "for dogs" and set words in the rest of the text are
        read with polars (:meth:`_words_frame`, the same for every field). ``folded``:
        title, product type and category are already in matching form (a batch's folded
        columns). Returns the columns of :data:`TYPE_SCHEMA`."""
        title = title.cast(pl.Utf8)
        distinct = title.unique()
        if distinct.len() * 2 <= title.len():
            # variants repeat their product's title: read each distinct title once
            by_title = self._title_frame(distinct, folded).with_columns(distinct.alias("_title"))
            found = (
                title.alias("_title")
                .to_frame()
                .join(by_title, on="_title", how="left", nulls_equal=True, maintain_order="left")
                .drop("_title")
            )
        else:
            found = self._title_frame(title, folded)
        out = found.drop("status")
        # no type word in the title: the product type, handle or category may name one
        untold = found["status"].is_null()
        if untold.any():
            out = self._fallback(out, untold, product_type, category, handle, folded)
        return out

    def _title_frame(self, title: pl.Series, folded: bool) -> pl.DataFrame:
        return self._words_frame(_words_series(title, folded=folded), "title")

    def _words_frame(self, words: pl.Series, field: str, *, whole: bool = False) -> pl.DataFrame:
        """The columns of :data:`TYPE_SCHEMA` named by each text (``words``: its
        :func:`_words_series` form) for ``field``, and ``status`` (null: it names no
        type; "blocked": it names one that does not apply). The head noun is looked for
        in the first segment ("T-Shirt - Black / M"), or in the ``whole`` text (a
        category leaf); the rest of the segment says pack size, "for dogs", sets."""
        if whole:
            head = words
            tail = pl.Series([""] * words.len(), dtype=pl.Utf8)
        else:
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
            pl.when(typed).then(pl.lit(field)).alias("tfield"),
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
        folded: bool,
    ) -> pl.DataFrame:
        """Product type, handle, category for listings whose title named no type: the
        first of them that names one decides (a type that does not apply, "blocked",
        decides too: no type), each read as a title is, once per distinct combination."""
        keys = pl.DataFrame({"p": product_type, "c": category, "h": handle}).filter(rows)
        uniq = keys.unique(maintain_order=True)
        slug = (
            uniq["h"]
            .str.replace_all("-", " ", literal=True)
            .str.replace_all("_", " ", literal=True)
        )
        found = pl.DataFrame(
            [pl.Series(c, [None] * uniq.height, dtype=t) for c, t in TYPE_SCHEMA.items()]
        )
        decided = pl.Series([False] * uniq.height, dtype=pl.Boolean)
        for field, text in (("product_type", uniq["p"]), ("handle", slug)):
            named = self._words_frame(
                _words_series(text, folded=folded and field != "handle"), field
            )
            take = ~decided & named["status"].is_not_null()
            found = _where(take, named, found)
            decided = decided | take
        leaf = _words_series(uniq["c"], folded=folded).str.replace(_LEAF_PREFIX, "")
        named = self._words_frame(leaf, "category", whole=True)
        found = _where(~decided & named["type"].is_not_null(), named, found)
        table = pl.concat([uniq, found], how="horizontal")
        joined = keys.join(
            table, on=["p", "c", "h"], how="left", nulls_equal=True, maintain_order="left"
        )
        idx = rows.arg_true()
        return pl.DataFrame([out[c].scatter(idx, joined[c]) for c in TYPE_SCHEMA])


def _where(mask: pl.Series, new: pl.DataFrame, old: pl.DataFrame) -> pl.DataFrame:
    """The :data:`TYPE_SCHEMA` columns of ``new`` where ``mask``, else of ``old``."""
    frame = pl.DataFrame(
        {
            "m": mask,
            **{f"n{c}": new[c] for c in TYPE_SCHEMA},
            **{f"o{c}": old[c] for c in TYPE_SCHEMA},
        }
    )
    return frame.select(
        pl.when(pl.col("m")).then(pl.col(f"n{c}")).otherwise(pl.col(f"o{c}")).alias(c)
        for c in TYPE_SCHEMA
    )


@dataclass(frozen=True, slots=True)
class _Head:
    """What a head segment says, before the rest of the title is read."""

    type: ProductType
    term: str
    smaller: bool
    count: int | None
    open: bool


TYPE_SCHEMA = {
    "type": pl.Utf8,
    "term": pl.Utf8,
    "tfield": pl.Utf8,
    "lo": pl.Float64,
    "hi": pl.Float64,
    "typical": pl.Float64,
    "bounded": pl.Boolean,
}
#: the text before a category's leaf ("home / furniture / " of "home / furniture / sofas")
_LEAF_PREFIX = r"(?s)^.*(?:>|/|\||»|›)\s*"


def _words_series(series: pl.Series, *, folded: bool = False) -> pl.Series:
    """The form type words are matched in: folded (unless ``folded`` says it is), and on
    the few rows with CJK characters (written without spaces) each of them spaced out
    as a word of its own ("纯棉t恤" -> "纯 棉 t 恤")."""
    text = series.cast(pl.Utf8)
    # a copy to write into when already folded (the caller's column stays as it is)
    words = text.clone() if folded else fold_series(text)
    cjk = words.str.contains(_CJK_PATTERN).fill_null(False)
    if not cjk.any():
        return words
    idx = cjk.arg_true()
    spaced = (
        words.filter(cjk)
        .str.replace_all(_CJK_PATTERN, " $1 ")
        .str.replace_all(r"\s+", " ")
        .str.strip_chars()
    )
    return words.scatter(idx, spaced)


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
