"""Specs rules for what a title or description says (SP305-SP308, SP310): promotional
phrases, placeholders, HTML, emoji and forbidden symbols, scripts a marketplace refuses.

Phrases are data (``wordlists/specs/promotional.tsv``, ``placeholders.tsv``); the
characters and scripts each marketplace refuses are in its pack (``specs.text``).
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from typing import TYPE_CHECKING

import polars as pl

from listlint.report import Severity
from listlint.resources import table
from listlint.rules.base import Hit, Rule
from listlint.rules.specs import textcheck as tc
from listlint.rules.specs.family import SpecsAnalysis, SpecsRule, pack_applies
from listlint.rules.specs.policy import specs_of
from listlint.text.matcher import PhraseMatcher
from listlint.text.normalize import fold, strip_html
from listlint.text.steps import non_ascii

if TYPE_CHECKING:
    from listlint.batch import Batch
    from listlint.text.matcher import PhraseMatcher

TITLE_POLICY = "https://sellercentral.amazon.com/gp/help/external/YTR6SYGFA5E3EQC"


@cache
def _promo_table() -> tuple[dict[str, str], ...]:

    return table("specs/promotional")


@cache
def _every_promotion() -> PhraseMatcher:
    """Every promotional phrase, whatever the marketplace (for fix suggestions)."""
    return PhraseMatcher([(row["term"], None) for row in _promo_table()])


def promotion_spans(folded: str) -> list[tuple[int, int]]:
    """(start, end) of the promotional phrases and "% off" forms in folded text."""
    spans = [(m.start, m.end) for m in _every_promotion().longest(folded)]
    off = tc.percent_off(folded)
    if off:
        start = folded.find(off.lower())
        spans.append((start, start + len(off)))
    return sorted(spans)


class PromotionalText(SpecsRule):
    """A title carries promotional text: "FREE SHIPPING", "best price", "50% off",
    "best seller", "送料無料".

    Why:
        Google, Amazon and TikTok Shop forbid promotions in titles (price and shipping
        belong in their own attributes); such listings are disapproved or suppressed.
        Phrases are data (``wordlists/specs/promotional.tsv``), some per marketplace.
        https://support.google.com/merchants/answer/7052112

    Fails:
        "Cotton T-Shirt FREE SHIPPING", "Ceramic Mug - Best Price!", "Yoga Mat 50% OFF"

    Passes:
        "100% Cotton T-Shirt", "Sugar-Free Gummies", "Garage Sale Sign" (no promo phrase)
    """

    code = "SP305"
    link_from = "text"
    name = "promotional-text"
    severity = Severity.WARNING
    summary = "Title contains promotional text (free shipping, best price, % off)"
    fields = ("title",)

    def _matcher(self) -> PhraseMatcher:
        if not hasattr(self, "_phrases"):
            terms = []
            for row in _promo_table():
                names = {n.strip() for n in row.get("packs", "").split(",") if n.strip()}
                packs = tuple(p for p in self.packs if pack_applies(p, names))
                if packs:
                    terms.append((row["term"], packs))
            self._phrases = PhraseMatcher(terms)
            # every "% off" form holds a "%" once folded (a full-width one too)
            self._keys = tc.folded_keys([*(t for t, _ in terms), "%"])
        return self._phrases

    def check(self, batch: Batch, analysis: SpecsAnalysis) -> Iterator[Hit]:
        matcher = self._matcher()
        titles = batch.values("title")
        rows = tc.rows_containing(batch, "title", self._keys)
        for i, folded in zip(rows, batch.folded_series("title").gather(rows).to_list()):
            if not folded:
                continue
            found = [(m.start, m.end, m.payload) for m in matcher.longest(folded)]
            off = tc.percent_off(folded)
            if off:
                start = folded.find(off.lower())
                found.append((start, start + len(off), tuple(self.packs)))
            if not found:
                continue
            # every phrase at once (issue 22): the seller fixes the title in one pass
            same = len(titles[i]) == len(folded)
            quotes: list[str] = []
            packs_of: list = []
            reached = -1
            for start, end, packs in sorted(found):
                if start < reached:
                    continue  # inside a phrase already quoted
                reached = end
                quote = titles[i][start:end] if same else folded[start:end]
                if quote.lower() not in (q.lower() for q in quotes):
                    quotes.append(quote)
                packs_of.extend(p for p in packs if p not in packs_of)
            listed = ", ".join(map(repr, quotes[:-1])) + " and " if len(quotes) > 1 else ""
            yield Hit(
                message=f"the title contains promotional text {listed}{quotes[-1]!r}; "
                f"promotions are not allowed in titles on {self.names(packs_of)}",
                index=i,
                field="title",
                match=quotes[0],
                suggestion=f"remove {'them' if len(quotes) > 1 else 'it'}; put prices, "
                "discounts and shipping offers in their own fields or in a promotion",
                marketplaces=tuple(p.label for p in packs_of),
            )


@cache
def _placeholders() -> tuple[frozenset[str], tuple[str, ...]]:

    rows = table("specs/placeholders")
    cells = frozenset(fold(r["term"]) for r in rows if r["scope"] == "cell")
    phrases = tuple(r["term"] for r in rows if r["scope"] == "text")
    return cells, phrases


#: short fields whose whole value may be a placeholder
_CELL_FIELDS = ("title", "brand", "color", "size", "material", "mpn", "gender", "age_group")
_FIELD_WORDS = {"bullets": "bullet points"}
#: long text scanned for placeholder phrases
_TEXT_FIELDS = ("title", "description", "bullets")


class PlaceholderText(SpecsRule):
    """A field holds filler meant to be replaced: brand "N/A", colour "TBD", title
    "Test", or "lorem ipsum" in a description.

    Why:
        Marketplaces treat placeholder values as missing (Google: brand must not be
        "N/A") and buyers see them as they are. GTIN placeholders are invalid-gtin's.
        https://support.google.com/merchants/answer/7052112

    Fails:
        brand "N/A", colour "TBD", description "Lorem ipsum dolor sit amet"

    Passes:
        brand "Nakamura" , size "NA-12" (a code, not "NA"), description "Natural cotton"
    """

    code = "SP306"
    link_from = "text"
    name = "placeholder-text"
    severity = Severity.WARNING
    summary = "Field holds placeholder text (N/A, TBD, lorem ipsum)"
    fields = _CELL_FIELDS + _TEXT_FIELDS

    def _matcher(self) -> PhraseMatcher:
        if not hasattr(self, "_phrases"):
            self._phrases = PhraseMatcher((t, t) for t in _placeholders()[1])
            self._keys = tc.folded_keys(_placeholders()[1])
        return self._phrases

    def check(self, batch: Batch, analysis: SpecsAnalysis) -> Iterator[Hit]:
        cells, _ = _placeholders()
        for field in _CELL_FIELDS:
            if not batch.has(field):
                continue
            # whole-cell values are compared columnar, each distinct value once (a batch
            # holds a few brands, colours and sizes; titles repeat across variants: 14 ->
            # 5 ms a batch for the five columns of generate.py), and only the rows
            # holding a flagged one come back
            col = batch.frame[field].cast(pl.Utf8)
            values = col.unique()
            test = values.str.strip_chars().str.to_lowercase().is_in(list(cells))
            flagged = values.filter(test.fill_null(False))
            if not len(flagged):
                continue
            for i in col.is_in(flagged.implode()).fill_null(False).arg_true().to_list():
                value = batch.values(field)[i]
                if value and fold(value).strip() in cells:
                    yield Hit(
                        message=f"{field.replace('_', ' ')} is the placeholder {value!r}",
                        index=i,
                        field=field,
                        match=value,
                        suggestion=f"enter the real {field.replace('_', ' ')}, or leave the "
                        "cell empty if it does not apply",
                    )
        matcher = self._matcher()
        for field in _TEXT_FIELDS:
            rows = tc.rows_containing(batch, field, self._keys)
            for i, folded in zip(rows, batch.folded_series(field).gather(rows).to_list()):
                if not folded:
                    continue
                m = next(iter(matcher.longest(folded)), None)
                if m is not None:
                    yield Hit(
                        message=f"the {_FIELD_WORDS.get(field, field)} contain"
                        f"{'' if field == 'bullets' else 's'} placeholder text {m.term!r}",
                        index=i,
                        field=field,
                        match=m.term,
                        suggestion=f"replace it with the real {_FIELD_WORDS.get(field, field)}",
                    )


class HtmlInTitle(SpecsRule):
    """A title contains HTML tags or entities (``<b>``, ``&amp;``, ``&nbsp;``).

    Why:
        Titles are plain text on every marketplace; markup shows literally or gets the
        title rejected. (Descriptions may carry HTML; the loader keeps titles raw so
        this can be seen.) The cleaned title is suggested.
        https://support.google.com/merchants/answer/7052112

    Fails:
        "<b>Organic</b> Cotton Tee", "Salt &amp; Pepper Mill"

    Passes:
        "Salt & Pepper Mill", "Cable <10 m"  (a measure, not a tag)
    """

    code = "SP307"
    link_from = "text"
    name = "html-in-title"
    severity = Severity.WARNING
    summary = "Title contains HTML tags or entities"
    fields = ("title",)

    def check(self, batch: Batch, analysis: SpecsAnalysis) -> Iterator[Hit]:
        rows = tc.rows_where(batch, "title", lambda s: s.str.contains_any(["<", "&"]))
        for i, title in zip(rows, tc.cells(batch, "title", rows)):
            if not title or ("<" not in title and "&" not in title):
                continue
            bits = tc.html_bits(title)
            if bits:
                clean = " ".join(strip_html(title).split())
                yield Hit(
                    message=f"the title contains HTML {bits[0]!r}; titles are plain text",
                    index=i,
                    field="title",
                    match=bits[0],
                    suggestion=f"write it as {clean!r}",
                )


class TitleSymbols(SpecsRule):
    """A title contains emoji or symbols the marketplace forbids (Amazon: ``! $ ? _ { }
    ^ ¬ ¦`` unless part of the brand).

    Why:
        TikTok Shop, Amazon and Google ask for titles without emoji and decorative
        symbols; they are suppressed or disapproved.
        https://seller-us.tiktok.com/university/essay?knowledge_id=3196690250417921

    Fails:
        "🔥 Summer Dress 🔥", --policy amazon-us: "Amazing Mug!!!"

    Passes:
        "Summer Dress™", --policy amazon-us: "Yahoo! Mug" with brand "Yahoo!"
        --policy base: "Amazing Mug!" (only Amazon forbids "!")
    """

    code = "SP308"
    link_from = "text"
    name = "title-symbols"
    severity = Severity.WARNING
    summary = "Title contains emoji or symbols the marketplace forbids"
    fields = ("title",)
    policy_url = TITLE_POLICY

    def check(self, batch: Batch, analysis: SpecsAnalysis) -> Iterator[Hit]:
        forbidden = [(p, set(specs_of(p).text.title_forbidden_chars)) for p in self.packs]
        brands = batch.values("brand")
        chars = sorted({c for _, cs in forbidden for c in cs})

        def maybe(s: pl.Series) -> pl.Series:
            out = s.str.contains(tc.EMOJI_CLASS)
            return out | s.str.contains_any(chars) if chars else out

        rows = tc.rows_where(batch, "title", maybe)
        for i, title in zip(rows, tc.cells(batch, "title", rows)):
            if not title:
                continue
            found = tc.emoji(title)
            if found:
                yield Hit(
                    message=f"the title contains emoji {''.join(dict.fromkeys(found))!r}",
                    index=i,
                    field="title",
                    match=found[0],
                    suggestion="remove emoji and decorative symbols from the title",
                )
                continue
            brand = brands[i] or ""
            for p, refused in forbidden:
                bad = [c for c in title if c in refused and c not in brand]
                if bad:
                    yield Hit(
                        message=f"the title contains {''.join(dict.fromkeys(bad))!r}, which "
                        f"{p.label} does not allow in titles",
                        index=i,
                        field="title",
                        match=bad[0],
                        suggestion="remove these characters (allowed only inside a brand name)",
                        marketplaces=(p.label,),
                    )
                    break


class TitleScript(SpecsRule):
    """A title is written (partly) in a script the marketplace does not accept, such as
    Chinese characters on TikTok Shop US and UK.

    Why:
        TikTok Shop's product API rejects titles with Chinese characters in the US and
        UK; cross-border sellers often leave the source-language title in place. The
        refused scripts are data (``specs.text.title_forbidden_scripts``).
        https://partner.tiktokshop.com/docv2

    Fails:
        --policy tiktok-shop-us: "纯棉T恤 Cotton tee"

    Passes:
        --policy tiktok-shop-us: "Cotton tee"
        --policy base: "纯棉T恤" (no script is refused on the baseline)
    """

    code = "SP310"
    link_from = "text"
    name = "title-script"
    severity = Severity.ERROR
    summary = "Title uses a script the marketplace refuses (Chinese on TikTok Shop US/UK)"
    fields = ("title",)
    policy_url = "https://partner.tiktokshop.com/docv2"

    def check(self, batch: Batch, analysis: SpecsAnalysis) -> Iterator[Hit]:
        refused = [(p, s) for p in self.packs for s in specs_of(p).text.title_forbidden_scripts]
        if not refused:
            return
        rows = tc.rows_where(batch, "title", non_ascii)
        for i, title in zip(rows, tc.cells(batch, "title", rows)):
            if not title or title.isascii():
                continue
            by_run: dict[str, list] = {}
            for pack, script in refused:
                run = tc.script_run(title, script)
                if run:
                    by_run.setdefault(run, []).append(pack)
            for run, packs in by_run.items():
                yield Hit(
                    message=f"the title contains {run!r}; {self.names(packs)} "
                    + ("does" if len(packs) == 1 else "do")
                    + " not accept this script in titles",
                    index=i,
                    field="title",
                    match=run,
                    suggestion="translate the title into the marketplace's language",
                    marketplaces=tuple(p.label for p in packs),
                )
                break


RULES: list[type[Rule]] = [
    PromotionalText,
    PlaceholderText,
    HtmlInTitle,
    TitleSymbols,
    TitleScript,
]
