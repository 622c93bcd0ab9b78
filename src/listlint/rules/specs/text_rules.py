"""Specs rules for listing text (SP301-SP304, SP309): length limits per marketplace,
ALL CAPS and repeated words. Wording rules (promotions, placeholders, HTML, symbols,
scripts) are in :mod:`listlint.rules.specs.wording`.

Limits are data (``specs.text`` in each pack). Lengths count characters, not bytes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from typing import TYPE_CHECKING, Any, ClassVar

import polars as pl

from listlint.report import Severity
from listlint.resources import wordlist
from listlint.rules.base import Hit, Rule
from listlint.rules.specs import textcheck as tc
from listlint.rules.specs.family import SpecsAnalysis, SpecsRule
from listlint.rules.specs.policy import specs_of
from listlint.text.normalize import fold
from listlint.text.steps import non_ascii

if TYPE_CHECKING:
    from listlint.batch import Batch
    from listlint.policy.pack import PolicyPack

TITLE_POLICY = "https://sellercentral.amazon.com/gp/help/external/YTR6SYGFA5E3EQC"


class _PackLimitRule(SpecsRule):
    """The walk the text-limit rules share (SP301, SP302, SP304, SP309): each selected
    pack's limit (``specs.text.<limit>``), the rows a columnar prefilter keeps, and per
    listing the packs whose limit its text passes, the strictest limit quoted. A rule
    declares its field and limit, and says how it prefilters, measures and words a hit."""

    limit: ClassVar[str] = ""
    link_from = "text"

    def rows(
        self, batch: Batch, analysis: SpecsAnalysis, limits: list[tuple[PolicyPack, float]]
    ) -> list[int] | range:
        """The listings that may pass a limit (a cheap columnar test)."""
        raise NotImplementedError

    def measure(self, text: str, low: float) -> tuple[float, Any] | None:
        """The text's value compared with the limits, and what the hit quotes; None when
        it cannot pass the lowest limit ``low``."""
        raise NotImplementedError

    def passes(self, value: float, limit: float) -> bool:
        return value > limit

    def hit(self, i: int, text: str, value: float, quoted: Any, packs: list, limit: float) -> Hit:
        raise NotImplementedError

    def check(self, batch: Batch, analysis: SpecsAnalysis) -> Iterator[Hit]:
        limits = [(p, n) for p in self.packs if (n := getattr(specs_of(p).text, self.limit))]
        if not limits:
            return
        low = min(n for _, n in limits)
        rows = self.rows(batch, analysis, limits)
        for i, text in zip(rows, tc.cells(batch, self.fields[0], list(rows))):
            measured = self.measure(text, low) if text else None
            if measured is None:
                continue
            value, quoted = measured
            over = [(p, n) for p, n in limits if self.passes(value, n)]
            if over:
                packs = [p for p, _ in over]
                yield self.hit(i, text, value, quoted, packs, min(n for _, n in over))


class _LengthRule(_PackLimitRule):
    """A text field longer than the packs' limit for it, in characters."""

    what: ClassVar[str] = ""

    def rows(
        self, batch: Batch, analysis: SpecsAnalysis, limits: list[tuple[PolicyPack, float]]
    ) -> list[int] | range:
        low = min(n for _, n in limits)
        return tc.rows_where(batch, self.fields[0], lambda s: s.str.len_chars() > low)

    def measure(self, text: str, low: float) -> tuple[float, Any] | None:
        return None if len(text) <= low else (tc.char_length(text), None)

    def hit(self, i: int, text: str, value: float, quoted: Any, packs: list, limit: float) -> Hit:
        lim = int(limit)
        return Hit(
            message=f"{self.what} is {int(value)} characters long; the limit on "
            f"{self.names(packs)} is {lim}{self.baseline_note(packs)}",
            index=i,
            field=self.fields[0],
            match="…" + text[lim : lim + 40],
            suggestion=f"shorten it to {lim} characters or fewer (the text after character "
            f"{lim} is quoted)",
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
    link_from = "text"
    name = "bullet-limits"
    severity = Severity.WARNING
    summary = "Too many bullet points, or a bullet point too long"
    fields = ("bullets",)
    policy_url = TITLE_POLICY

    def check(self, batch: Batch, analysis: SpecsAnalysis) -> Iterator[Hit]:
        counts = [(p, n) for p in self.packs if (n := specs_of(p).text.bullets_max_count)]
        lengths = [(p, n) for p in self.packs if (n := specs_of(p).text.bullet_max)]
        # more bullets than n needs n line breaks; a bullet over n characters, a longer text
        fewest = min((n for _, n in counts), default=None)
        shortest = min((n for _, n in lengths), default=None)

        def maybe(s: pl.Series) -> pl.Series:
            out = pl.repeat(False, s.len(), eager=True)
            if fewest is not None:
                out = out | (s.str.count_matches("\n") >= fewest)
            if shortest is not None:
                out = out | (s.str.len_chars() > shortest)
            return out

        rows = tc.rows_where(batch, "bullets", maybe)
        for i, text in zip(rows, tc.cells(batch, "bullets", rows)):
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


class AllCapsTitle(_PackLimitRule):
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
    link_from = "text"
    name = "all-caps-title"
    severity = Severity.WARNING
    summary = "Title is written in capital letters"
    fields = ("title",)

    limit = "caps_ratio"

    def rows(
        self, batch: Batch, analysis: SpecsAnalysis, limits: list[tuple[PolicyPack, float]]
    ) -> list[int] | range:
        if not all(r > 0 for _, r in limits):
            return range(len(batch))
        # in ASCII text a capitalised word of 4+ characters (one apostrophe at most)
        # has two capitals in a row; other scripts are left to Python
        return tc.rows_where(
            batch,
            "title",
            lambda s: non_ascii(s) | s.str.contains("[A-Z]{2}"),
            unique=analysis.distinct("title"),
        )

    def measure(self, text: str, low: float) -> tuple[float, Any] | None:
        share, words = tc.caps_share(text)
        return (share, None) if words >= 3 else None

    def passes(self, value: float, limit: float) -> bool:
        return value >= limit

    def hit(self, i: int, text: str, value: float, quoted: Any, packs: list, limit: float) -> Hit:
        return Hit(
            message=f"the title is written in capitals ({round(value * 100)}% of its "
            "words); marketplaces ask for normal capitalisation",
            index=i,
            field="title",
            match=text[:60],
            suggestion=f"write it as {_sentence_case(text)!r}",
            marketplaces=tuple(p.label for p in packs),
        )


#: a token of separators only (" - ", " | ", ","), left between words when a
#: promotion is cut out
_SEPARATOR = re.compile(r"[-|,/:;!+&]+")


def _tidy(tokens: list[str]) -> list[str]:
    """Separators that no longer separate anything dropped: at either end, and all
    but the first of a run ("Mug - , Blue" -> "Mug - Blue")."""
    out: list[str] = []
    for token in tokens:
        if _SEPARATOR.fullmatch(token) and (not out or _SEPARATOR.fullmatch(out[-1])):
            continue
        out.append(token)
    while out and _SEPARATOR.fullmatch(out[-1]):
        out.pop()
    return out


def _capitalised(word: str) -> str:
    """A word of capitals in normal case, hyphen part by part ("T-SHIRT" -> "T-Shirt");
    parts of three letters or fewer and parts with digits stay ("USB-C", "MP3")."""
    parts = word.split("-")
    return "-".join(
        p.capitalize() if p.isupper() and len(p) > 3 and p.isalpha() else p for p in parts
    )


def _sentence_case(title: str) -> str:
    """The title as the fix suggests it: promotional phrases cut (the promotional-text
    rule tells the seller to remove them; a fix that keeps them would contradict it),
    words of capitals in normal case."""
    from listlint.rules.specs.wording import promotion_spans

    folded = fold(title)
    if len(folded) == len(title):
        for start, end in reversed(promotion_spans(folded)):
            title = title[:start] + " " + title[end:]
    words = _tidy(title.replace(",", " , ").split())
    return " ".join(_capitalised(w) for w in words).replace(" , ", ", ")


@cache
def _stopwords() -> frozenset[str]:

    return frozenset(fold(w) for w in wordlist("specs/title_stopwords"))


class RepeatedWord(_PackLimitRule):
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
    link_from = "text"
    name = "repeated-word"
    severity = Severity.WARNING
    summary = "Title repeats the same word (keyword stuffing)"
    fields = ("title",)
    policy_url = TITLE_POLICY

    limit = "max_word_repeats"

    def rows(
        self, batch: Batch, analysis: SpecsAnalysis, limits: list[tuple[PolicyPack, float]]
    ) -> list[int] | range:
        # rounded down: the prefilter may only keep more rows, never fewer
        low = int(min(n for _, n in limits))
        return tc.rows_where(
            batch, "title", lambda s: tc.may_repeat_words(s, low), unique=analysis.distinct("title")
        )

    def measure(self, text: str, low: float) -> tuple[float, Any] | None:
        repeats = tc.repeated_words(text, _stopwords())
        if not repeats:
            return None
        word, n = repeats[0]
        return n, word

    def hit(self, i: int, text: str, value: float, quoted: Any, packs: list, limit: float) -> Hit:
        return Hit(
            message=f"the word {quoted!r} appears {value} times in the title; at most "
            f"{limit} is allowed on {self.names(packs)}{self.baseline_note(packs)}",
            index=i,
            field="title",
            match=quoted,
            suggestion="say each thing once; put extra search words in the keywords field",
            marketplaces=tuple(p.label for p in packs),
        )


RULES: list[type[Rule]] = [
    TitleTooLong,
    DescriptionTooLong,
    BulletLimits,
    AllCapsTitle,
    RepeatedWord,
]
