"""Nominative (referential) use of a brand: naming the product an item fits.

"Case compatible with iPhone 15", "band for Samsung Galaxy Watch", "filter fits Dyson
V8", "LEGO-compatible bricks", "iPhone 15 case": the brand names what the item works
with, not who made it. eBay asks sellers to write exactly these words ("fits", "for",
"compatible with") before the other product's name; a brand used this way lowers a
finding to info. https://www.ebay.com/help/policies/listing-policies/search-browse-manipulation-policy?id=4243
"""

from __future__ import annotations

import re
from functools import lru_cache

from listlint.resources import wordlist
from listlint.rules.ip.index import Name
from listlint.text.normalize import fold


@lru_cache(maxsize=1)
def before_phrases() -> tuple[str, ...]:
    return tuple(fold(t) for t in wordlist("brands/nominative"))


@lru_cache(maxsize=1)
def _after_re() -> re.Pattern[str]:
    """ "LEGO compatible", "Dyson-compatible", "Stanley replacement lids"."""
    words = "|".join(re.escape(fold(t)) for t in wordlist("brands/nominative_after"))
    return re.compile(rf"^(?:[\s\-]+[\w+.]+){{0,2}}?[\s\-]+(?:{words})\b")


@lru_cache(maxsize=1)
def _accessory_re() -> re.Pattern[str]:
    """ "iPhone 15 Pro case", "Apple Watch Ultra band": a device name, then an accessory noun."""
    nouns = "|".join(re.escape(fold(n)) for n in wordlist("brands/accessory_nouns"))
    return re.compile(rf"^(?:[\s\-/]+[\w+.]+){{0,3}}?[\s\-/]+(?:{nouns})\b")


def is_nominative(text: str, start: int, end: int, name: Name) -> bool:
    """Is the brand at ``text[start:end]`` (folded) named as what the item fits?"""
    if _nominative_before(text, start):
        return True
    after = text[end : end + 40]
    if _after_re().match(after):
        return True
    # "iPhone 15 case" names the device; "Louis Vuitton phone case" names the maker
    return "electronics" in name.brand.groups and bool(_accessory_re().match(after))


def _ends_nominative(before: str) -> bool:
    return any(
        before.endswith(p) and (len(before) == len(p) or not before[-len(p) - 1].isalnum())
        for p in before_phrases()
    )


def _nominative_before(text: str, start: int) -> bool:
    """Is the mention introduced by "for", "compatible with", "fits", ...? Chained device
    names count too: "for iPod and iPhone", "fits Galaxy S23 / iPhone 15"."""
    before = text[max(0, start - 60) : start].rstrip()
    for _ in range(4):
        before = re.sub(
            r"(?:\b(?:the|your|my|all|new|apple|samsung|google)\s*)+$", "", before
        ).rstrip(" (")
        if _ends_nominative(before.rstrip(" ,/")):
            return True
        chained = re.sub(r"\s*(?:and|&|/|,|or)$", "", before).rstrip()
        if chained == before:
            return False
        # drop the previous device name (one or two words) and look again
        for words in (1, 2):
            trimmed = re.sub(rf"(?:\s*[\w\-.]+){{{words}}}$", "", chained).rstrip(" ,/(")
            if _ends_nominative(trimmed):
                return True
        before = re.sub(r"[\w\-.]+$", "", chained).rstrip(" ,/(")
    return False
