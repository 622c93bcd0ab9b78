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


#: brands whose names before an accessory noun name the device it fits
_DEVICE_GROUPS = frozenset({"electronics", "home", "personal_care", "auto", "household"})
#: prepositions that open clauses of every kind ("bag for men"): only right before a brand
_GENERIC_PREPOSITIONS = frozenset(
    {"for", "para", "pour", "für", "untuk", "cho", "dành cho", "to fit"}
)
#: where a compatibility clause ends ("Fits up to 16 inch laptop/MacBook - brown")
_CLAUSE_BREAK = re.compile(r"\s[-–|]\s|[;|()\[\]]")


def is_nominative(text: str, start: int, end: int, name: Name) -> bool:
    """Is the brand at ``text[start:end]`` (folded) named as what the item fits?"""
    # only the words around the mention decide: variants and re-listed items repeat them
    return _reads_nominative(
        text[max(0, start - 60) : start],
        text[end : end + 40],
        bool(name.brand.groups & _DEVICE_GROUPS),
    )


@lru_cache(maxsize=65536)
def _reads_nominative(before: str, after: str, device: bool) -> bool:
    start = len(before)
    if _nominative_before(before, start) or _in_compat_clause(before, start):
        return True
    if _after_re().match(after):
        return True
    # "iPhone 15 case" names the device; "Louis Vuitton phone case" names the maker
    # a device, appliance or car part named before an accessory noun ("Dyson V8 filter");
    # a fashion house's "phone case" is its own product
    return device and bool(_accessory_re().match(after))


@lru_cache(maxsize=1)
def _clause_opener_re() -> re.Pattern[str]:
    """Any compatibility phrase but the generic prepositions, as a whole phrase: one
    regex pass instead of a search per phrase."""
    # "for", "para", "untuk" open too many clauses ("bag for men") to reach far
    phrases = sorted(
        (p for p in before_phrases() if p not in _GENERIC_PREPOSITIONS), key=len, reverse=True
    )
    return re.compile(rf"(?<![^\W_])(?:{'|'.join(map(re.escape, phrases))})(?![^\W_])")


@lru_cache(maxsize=1)
def _ending_phrase_re() -> re.Pattern[str]:
    """A compatibility phrase that ends the text, as a whole phrase."""
    phrases = sorted(before_phrases(), key=len, reverse=True)
    return re.compile(rf"(?<![^\W_])(?:{'|'.join(map(re.escape, phrases))})\Z")


def _in_compat_clause(text: str, start: int) -> bool:
    """The mention sits in a clause a compatibility phrase opened, a few words before it
    ("fits up to 14/15.6/16 inch laptop/MacBook", "compatible for Nikon, Canon, Sony")."""
    before = text[max(0, start - 60) : start]
    breaks = list(_CLAUSE_BREAK.finditer(before))
    clause = before[breaks[-1].end() :] if breaks else before
    return bool(_clause_opener_re().search(clause))


def _ends_nominative(before: str) -> bool:
    return bool(_ending_phrase_re().search(before))


#: product-lexicon groups whose type nouns name a device class a brand's device belongs to
_DEVICE_CLASS_GROUPS = frozenset({"electronics", "vehicle_part"})
_LAST_WORD = re.compile(r"\s*([^\W\d_][\w\-]*)$")


def _without_device_class(before: str) -> str:
    """``before`` without one or two device-class nouns at its end ("para tv", "untuk
    laptop gaming" stays: "gaming" is not one); unchanged when there are none."""
    from listlint.product.lexicon import lexicon

    lex = lexicon()
    out = before
    for _ in range(2):
        m = _LAST_WORD.search(out)
        if m is None:
            break
        entry = lex.entry(m.group(1))
        if entry is None or entry.group not in _DEVICE_CLASS_GROUPS:
            break
        out = out[: m.start()].rstrip(" ,/(")
    return out


def _nominative_before(text: str, start: int) -> bool:
    """Is the mention introduced by "for", "compatible with", "fits", ...? Chained device
    names count too: "for iPod and iPhone", "fits Galaxy S23 / iPhone 15"."""
    before = text[max(0, start - 60) : start].rstrip()
    for _ in range(8):
        before = re.sub(
            r"(?:\b(?:the|your|my|all|new|apple|samsung|google)\s*)+$", "", before
        ).rstrip(" (")
        if _ends_nominative(before.rstrip(" ,/")):
            return True
        # "para tv Samsung", "pour téléphone Samsung": head-first languages put the device
        # class between the preposition and the brand
        bare = _without_device_class(before)
        if bare != before and _ends_nominative(bare):
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
