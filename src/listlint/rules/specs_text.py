"""Specs rules for listing text (SP3xx): length limits per marketplace, ALL CAPS,
promotional phrases, placeholders, HTML and emoji in titles, repeated words.

Limits are data (``specs.text`` in each pack); phrases are data
(``wordlists/specs/*.tsv``). Lengths count characters, not bytes.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from typing import TYPE_CHECKING, ClassVar

import polars as pl

from listlint.report import Severity
from listlint.rules.base import Hit, Rule
from listlint.specs import textcheck as tc
from listlint.specs.family import SpecsRule, pack_applies
from listlint.text.normalize import fold, strip_html

if TYPE_CHECKING:
    from listlint.batch import Batch
    from listlint.policy.pack import PolicyPack
    from listlint.text.matcher import PhraseMatcher

TITLE_POLICY = "https://sellercentral.amazon.com/gp/help/external/YTR6SYGFA5E3EQC"


class _LengthRule(SpecsRule):
    """Shared: a text field longer than the packs' limit for it."""

    limit: ClassVar[str] = ""
    what: ClassVar[str] = ""

    def check(self, batch: Batch) -> Iterator[Hit]:
        limits = [(p, getattr(p.specs.text, self.limit)) for p in self.packs]
        limits = [(p, n) for p, n in limits if n]
        if not limits:
            return
        field = self.fields[0]
        for i, text in enumerate(batch.values(field)):
            if not text or len(text) <= min(n for _, n in limits):
                continue
            n = tc.char_length(text)
            over = [(p, lim) for p, lim in limits if n > lim]
            packs = [p for p, _ in over]
            lim = min(lim for _, lim in over)
            yield Hit(
                message=f"{self.what} is {n} characters long; the limit on "
                f"{self.names(packs)} is {lim}",
                index=i,
                field=field,
                match="…" + text[lim : lim + 40],
                suggestion=f"shorten it to {lim} characters or fewer (the text after character "
                f"{lim} is quoted)",
                policy=packs[0].specs.text.source or self.policy_url,
                marketplaces=tuple(p.label for p in packs),
            )


class TitleTooLong(_LengthRule):
    """A title is longer than a selected marketplace allows, counted in characters.

    Why:
        Google allows 150 characters, Amazon 200, TikTok Shop 255; longer titles are
        cut or the listing is suppressed. Characters are counted, not bytes, so Thai,
        Arabic and Chinese titles are measured like English ones.
        https://support.google.com/merchants/answer/7052112

    Fails:
        a 180-character title on the baseline or Google Shopping (limit 150)

    Passes:
        a 180-character title with --policy amazon-us (limit 200)
        a Thai title of 100 characters (over 250 bytes in UTF-8)
    """

    code = "SP301"
    name = "title-too-long"
    severity = Severity.WARNING
    summary = "Title is longer than the marketplace's character limit"
    fields = ("title",)
    limit = "title_max"
    what = "the title"


class DescriptionTooLong(_LengthRule):
    """A description is longer than a selected marketplace allows (characters of the
    text after HTML is removed).

    Why:
        Google allows 5,000 characters, TikTok Shop 10,000; longer descriptions are
        rejected or cut. https://support.google.com/merchants/answer/7052112

    Fails:
        a 6,000-character description on Google Shopping

    Passes:
        a 6,000-character description with --policy tiktok-shop-us
    """

    code = "SP302"
    name = "description-too-long"
    severity = Severity.WARNING
    summary = "Description is longer than the marketplace's character limit"
    fields = ("description",)
    limit = "description_max"
    what = "the description"


class BulletLimits(SpecsRule):
    """More bullet points than the marketplace takes, or a bullet longer than allowed.

    Why:
        Amazon listings take five bullet points (``bullet_point1-5``); more are dropped.
        https://sellercentral.amazon.com/gp/help/external/YTR6SYGFA5E3EQC

    Fails:
        --policy amazon-us: seven bullet columns filled

    Passes:
        --policy amazon-us: five bullets
        --policy base: seven bullets (no limit on the baseline)
    """

    code = "SP303"
    name = "bullet-limits"
    severity = Severity.WARNING
    summary = "Too many bullet points, or a bullet point too long"
    fields = ("bullets",)
    policy_url = TITLE_POLICY

    def check(self, batch: Batch) -> Iterator[Hit]:
        counts = [(p, p.specs.text.bullets_max_count) for p in self.packs]
        counts = [(p, n) for p, n in counts if n]
        lengths = [(p, p.specs.text.bullet_max) for p in self.packs if p.specs.text.bullet_max]
        for i, text in enumerate(batch.values("bullets")):
            if not text:
                continue
            bullets = [b for b in text.split("\n") if b.strip()]
            over = [p for p, n in counts if len(bullets) > n]
            if over:
                n = min(m for p, m in counts if p in over)
                yield Hit(
                    message=f"{len(bullets)} bullet points; at most {n} are shown on "
                    f"{self.names(over)}",
                    index=i,
                    field="bullets",
                    match=bullets[n][:60],
                    suggestion=f"keep the {n} most useful bullet points",
                    marketplaces=tuple(p.label for p in over),
                )
            for b in bullets:
                too = [p for p, n in lengths if len(b) > n]
                if too:
                    n = min(m for p, m in lengths if p in too)
                    yield Hit(
                        message=f"a bullet point is {len(b)} characters long; the limit "
                        f"on {self.names(too)} is {n}",
                        index=i,
                        field="bullets",
                        match=b[:60],
                        suggestion=f"shorten the bullet point to {n} characters",
                        marketplaces=tuple(p.label for p in too),
                    )
                    break


class AllCapsTitle(SpecsRule):
    """A title written mostly in capital letters.

    Why:
        Google and Amazon ask for normal capitalisation; ALL CAPS titles read as
        shouting and are demoted or disapproved. Only words of four or more letters
        count, so acronyms (USB, LED) and model codes never do; at least three such
        words are needed. Scripts without capitals are never flagged.
        https://support.google.com/merchants/answer/7052112

    Fails:
        "ORGANIC COTTON T-SHIRT FOR MEN"

    Passes:
        "Organic Cotton T-Shirt for Men", "USB-C Cable 2 m for MacBook Pro"
        "Alpine CD/MP3/WMA/AAC Receiver - CDA9887" (acronyms and model codes)
        "NIKE" (too few words to judge), "เสื้อยืดผ้าฝ้าย" (no capitals in Thai)
    """

    code = "SP304"
    name = "all-caps-title"
    severity = Severity.WARNING
    summary = "Title is written in capital letters"
    fields = ("title",)

    def check(self, batch: Batch) -> Iterator[Hit]:
        limits = [(p, p.specs.text.caps_ratio) for p in self.packs if p.specs.text.caps_ratio]
        if not limits:
            return
        for i, title in enumerate(batch.values("title")):
            if not title:
                continue
            share, words = tc.caps_share(title)
            over = [p for p, r in limits if share >= r]
            if words >= 3 and over:
                yield Hit(
                    message=f"the title is written in capitals ({round(share * 100)}% of its "
                    "words); marketplaces ask for normal capitalisation",
                    index=i,
                    field="title",
                    match=title[:60],
                    suggestion=f"write it as {_sentence_case(title)!r}",
                    policy=over[0].specs.text.source or self.policy_url,
                    marketplaces=tuple(p.label for p in over),
                )


def _sentence_case(title: str) -> str:
    return " ".join(w.capitalize() if w.isupper() and len(w) > 3 else w for w in title.split())


@cache
def _promo_table() -> tuple[dict[str, str], ...]:
    from listlint.resources import table

    return table("specs/promotional")


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
    name = "promotional-text"
    severity = Severity.WARNING
    summary = "Title contains promotional text (free shipping, best price, % off)"
    fields = ("title",)

    def _matcher(self) -> PhraseMatcher:
        if not hasattr(self, "_phrases"):
            from listlint.text.matcher import PhraseMatcher

            terms = []
            for row in _promo_table():
                names = {n.strip() for n in row.get("packs", "").split(",") if n.strip()}
                packs = tuple(p for p in self.packs if pack_applies(p, names))
                if packs:
                    terms.append((row["term"], packs))
            self._phrases = PhraseMatcher(terms)
        return self._phrases

    def check(self, batch: Batch) -> Iterator[Hit]:
        matcher = self._matcher()
        titles = batch.values("title")
        for i, folded in enumerate(batch.folded("title")):
            if not folded:
                continue
            found = [(m.start, m.end, m.payload) for m in matcher.longest(folded)]
            off = tc.percent_off(folded)
            if off:
                start = folded.find(off.lower())
                found.append((start, start + len(off), tuple(self.packs)))
            if not found:
                continue
            start, end, packs = min(found)
            quote = titles[i][start:end] if len(titles[i]) == len(folded) else folded[start:end]
            yield Hit(
                message=f"the title contains promotional text {quote!r}; promotions are "
                f"not allowed in titles on {self.names(list(packs))}",
                index=i,
                field="title",
                match=quote,
                suggestion="remove it; put prices, discounts and shipping offers in their own "
                "fields or in a promotion",
                marketplaces=tuple(p.label for p in packs),
            )


@cache
def _placeholders() -> tuple[frozenset[str], tuple[str, ...]]:
    from listlint.resources import table

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
    name = "placeholder-text"
    severity = Severity.WARNING
    summary = "Field holds placeholder text (N/A, TBD, lorem ipsum)"
    fields = _CELL_FIELDS + _TEXT_FIELDS

    def _matcher(self) -> PhraseMatcher:
        if not hasattr(self, "_phrases"):
            from listlint.text.matcher import PhraseMatcher

            self._phrases = PhraseMatcher((t, t) for t in _placeholders()[1])
        return self._phrases

    def check(self, batch: Batch) -> Iterator[Hit]:
        cells, _ = _placeholders()
        for field in _CELL_FIELDS:
            if not batch.has(field):
                continue
            # whole-cell values are compared columnar; only the few equal ones come back
            col = batch.frame[field].cast(pl.Utf8)
            mask = col.str.strip_chars().str.to_lowercase().is_in(list(cells))
            for i in mask.fill_null(False).arg_true().to_list():
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
        for field in _TEXT_FIELDS:
            for i, folded in enumerate(batch.folded(field)):
                if not folded:
                    continue
                m = next(iter(self._matcher().longest(folded)), None)
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
    name = "html-in-title"
    severity = Severity.WARNING
    summary = "Title contains HTML tags or entities"
    fields = ("title",)

    def check(self, batch: Batch) -> Iterator[Hit]:
        for i, title in enumerate(batch.values("title")):
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
    name = "title-symbols"
    severity = Severity.WARNING
    summary = "Title contains emoji or symbols the marketplace forbids"
    fields = ("title",)
    policy_url = TITLE_POLICY

    def check(self, batch: Batch) -> Iterator[Hit]:
        forbidden = [(p, set(p.specs.text.title_forbidden_chars)) for p in self.packs]
        brands = batch.values("brand")
        for i, title in enumerate(batch.values("title")):
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
            for p, chars in forbidden:
                bad = [c for c in title if c in chars and c not in brand]
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


@cache
def _stopwords() -> frozenset[str]:
    from listlint.resources import wordlist

    return frozenset(fold(w) for w in wordlist("specs/title_stopwords"))


class RepeatedWord(SpecsRule):
    """The same word repeated in a title (keyword stuffing): "Dress Women Dress Summer
    Dress Party Dress".

    Why:
        Amazon suppresses titles that use a word more than twice (articles,
        prepositions and conjunctions excepted); every marketplace treats keyword
        stuffing as search manipulation. The limit is ``specs.text.max_word_repeats``.
        https://sellercentral.amazon.com/gp/help/external/YTR6SYGFA5E3EQC

    Fails:
        "Dress Women Dress Summer Dress Party Dress"

    Passes:
        "Set of 3 Bowls and 3 Plates for the Kitchen and the Garden"
        "Shirt Dress" (two different words)
    """

    code = "SP309"
    name = "repeated-word"
    severity = Severity.WARNING
    summary = "Title repeats the same word (keyword stuffing)"
    fields = ("title",)
    policy_url = TITLE_POLICY

    def check(self, batch: Batch) -> Iterator[Hit]:
        limits: list[tuple[PolicyPack, int]] = [
            (p, p.specs.text.max_word_repeats) for p in self.packs if p.specs.text.max_word_repeats
        ]
        if not limits:
            return
        stop = _stopwords()
        for i, title in enumerate(batch.values("title")):
            if not title:
                continue
            repeats = tc.repeated_words(title, stop)
            if not repeats:
                continue
            word, n = repeats[0]
            over = [p for p, lim in limits if n > lim]
            if over:
                lim = min(lim for p, lim in limits if p in over)
                yield Hit(
                    message=f"the word {word!r} appears {n} times in the title; at most "
                    f"{lim} is allowed on {self.names(over)}",
                    index=i,
                    field="title",
                    match=word,
                    suggestion="say each thing once; put extra search words in the keywords field",
                    marketplaces=tuple(p.label for p in over),
                )


RULES: list[type[Rule]] = [
    TitleTooLong,
    DescriptionTooLong,
    BulletLimits,
    AllCapsTitle,
    PromotionalText,
    PlaceholderText,
    HtmlInTitle,
    TitleSymbols,
    RepeatedWord,
]
