"""Find advertising claims in one folded text: absolute and superlative claims, fake
urgency and scarcity, comparisons with named competitors.

Pure functions over the folded form of a title, description or bullet list; spans index
that form. A claim word is no claim when the words around it say otherwise ("best
before", "size No. 1", "#1 in a set of 3", "World's Best Dad"), when it sits inside a
brand ("Best Buy", the listing's own brand) or a quoted name ("'Simply the Best' vinyl"),
or when another rule owns the words: SP305's
promotional phrases in titles ("best seller", "#1 seller", "limited time offer") and
HC105's efficacy claims anywhere ("guaranteed results", "#1 doctor recommended").

Decisions (issue 23): "the only thing you need" is a superlative (an unverifiable
uniqueness claim, TikTok Shop's "the only..."), "the only difference is the colour" is
not; "guaranteed fit" is a returns promise, not an absolute claim.
"""

from __future__ import annotations

from dataclasses import dataclass

from listlint.rules.advertising.vocab import AbsoluteTerm, Brand, Vocab
from listlint.text.intervals import Intervals
from listlint.text.matcher import Match

#: words skipped between a comparative predicate and the competitor ("better than the ...")
_ARTICLES = frozenset(
    "the a an any those most el la los las o os le les der die das den dem di de do da".split()
)
_ONLY_SCOPE_WORDS = 6
#: claims kept per kind and text: rules report the first; the cap bounds the work
MAX_PER_KIND = 8
#: words after which an English "No. 1" is a rank, not a designation ("the No. 1")
_RANK_BEFORE = frozenset(
    "the our your their its a is are was were be voted ranked rated as "
    "die der das unsere unser la le el les los las o a nuestra notre".split()
)
#: languages that put a designating number after the noun ("Candle Number 1", "Cuvée
#: Nº1"); Indonesian and Vietnamese put the rank there ("produk nomor 1", "thương hiệu số 1")
_DESIGNATING = frozenset(("en", "es", "fr", "de", "pt", "it"))
#: words after "No. 1" that make it a rank whatever precedes ("No. 1 in Asia")
_RANK_AFTER = ("in ", "on ", "di ", "tai ", "en ", "im ", "au ", "brand", "product", "choice")


@dataclass(frozen=True, slots=True)
class Claim:
    kind: str  # absolute | urgency | comparison
    start: int
    end: int
    #: absolute: best | number-one | only | first | absolute; urgency: urgency | scarcity;
    #: comparison: the competitor as named ("Dyson", "Amazon", "other brands")
    detail: str


def _next_words(text: str, end: int) -> str:
    return " ".join(text[end : end + 60].replace("\n", " ").split()).lstrip(":-–,")


def _starts_with_phrase(rest: str, phrases: tuple[str, ...]) -> bool:
    rest = rest.strip()
    for p in phrases:
        if rest.startswith(p) and (len(rest) == len(p) or not rest[len(p)].isalnum()):
            return True
    return False


def _ends_with_phrase(before: str, phrases: tuple[str, ...]) -> bool:
    words = " ".join(before.split())
    return any(words == p or words.endswith(" " + p) for p in phrases)


def owned_elsewhere(text: str, vocab: Vocab, title: bool) -> Intervals:
    """Spans other rules report: HC105's efficacy claims anywhere, SP305's promotional
    phrases in titles. A claim overlapping one, or running straight into one ("#1 best
    seller"), is left to that rule."""
    spans = Intervals([(m.start, m.end) for m in vocab.efficacy.iter(text)])
    if title:
        for m in vocab.promotional.iter(text):
            spans.add(m.start, m.end)
    return spans


#: straight and curly quotation marks, read in the unfolded text
_QUOTES = frozenset("\"'“”‘’«»„")
#: longest quoted span read as a name, in characters and in words
_NAME_CHARS = 60
_NAME_WORDS = 6
#: words a title-case name writes in lower case ("Bee the Best", "Queen of the Night")
_NAME_SMALL = frozenset("a an the of and or in on at to for by with de la le el y et und".split())


def quoted_names(original: str) -> Intervals:
    """Short title-case spans between quotation marks: the name of a product or a work
    ("our 'Bee the Best Cookies'", "“Simply the Best” vinyl"), where a claim word is part
    of the name. A quoted sentence ("“the best serum I ever used”") is no name. One pass;
    an apostrophe inside a word ("World's") neither opens nor closes."""
    out = Intervals()
    opening = -1
    for i, ch in enumerate(original):
        if ch not in _QUOTES:
            continue
        before = original[i - 1] if i else " "
        after = original[i + 1] if i + 1 < len(original) else " "
        if opening >= 0 and before != " " and not after.isalnum():
            if i - opening <= _NAME_CHARS and _title_case(original[opening + 1 : i]):
                out.add(opening + 1, i)
            opening = -1
        elif not before.isalnum() and after.isalnum():
            opening = i
    return out


def _title_case(inner: str) -> bool:
    """Title case, not a sentence: no closing full stop or exclamation, not all capitals
    ('"THE BEST DARN CURL CREME PERIOD."' is a slogan, a claim)."""
    if inner.rstrip().endswith((".", "!", "?")) or not any(c.islower() for c in inner):
        return False
    words = [w.strip(".,;:!?-") for w in inner.split()]
    words = [w for w in words if w]
    if not words or len(words) > _NAME_WORDS or not words[0][:1].isupper():
        return False
    return all(w[:1].isupper() or w[:1].isdigit() or w in _NAME_SMALL for w in words)


def _runs_into(text: str, end: int, owned: Intervals) -> bool:
    rest = text[end : end + 8]
    gap = len(rest) - len(rest.lstrip(" -"))
    return owned.overlaps(end + gap, end + gap + 1)


def absolutes(
    text: str,
    vocab: Vocab,
    owned: Intervals,
    brand: str | None,
    size: str | None,
    original: str | None = None,
) -> list[Claim]:
    """``original``: the unfolded text aligned with ``text`` (its letter case tells a
    quoted name), when folding kept the length."""
    out: list[Claim] = []
    shielded = Intervals([(m.start, m.end) for m in vocab.brand_phrases.iter(text)])
    if original is not None:
        for start, end in quoted_names(original).spans():
            shielded.add(start, end)
    if brand:
        at = text.find(brand)
        while at >= 0:
            shielded.add(at, at + len(brand))
            at = text.find(brand, at + len(brand))
    numbered: dict[str, bool] = {}
    for m in vocab.absolute.longest(text):
        term: AbsoluteTerm = m.payload
        if owned.overlaps(m.start, m.end) or shielded.overlaps(m.start, m.end):
            continue
        if _runs_into(text, m.end, owned):
            continue
        rest = _next_words(text, m.end)
        if _starts_with_phrase(rest, term.unless_next):
            continue
        if _ends_with_phrase(text[max(0, m.start - 40) : m.start], term.unless_prev):
            continue
        if term.kind == "number-one" and size and m.term in size:
            continue  # the size column says it: "No. 1" is a size
        if term.kind == "number-one":
            if m.term not in numbered:
                numbered[m.term] = _numbering(text, m.term)
            if numbered[m.term]:
                continue  # "No. 1 Blooming Peony, No. 6 ...": a numbered list
        if (
            term.kind == "number-one"
            and term.lang in _DESIGNATING
            and _designation(text, m.start, rest)
        ):
            continue
        if term.kind == "only":
            scope = " ".join(w.strip(".,;:!?") for w in rest.split()[:_ONLY_SCOPE_WORDS])
            if not any(f" {s} " in f" {scope} " for s in vocab.only_scopes):
                continue
        out.append(Claim("absolute", m.start, m.end, term.kind))
        if len(out) >= MAX_PER_KIND:
            break
    return out


def _numbering(text: str, term: str) -> bool:
    """Does the text number other items the same way ("no. 2", "#3")?"""
    stem = term[:-1] if term.endswith("1") else None
    return stem is not None and any(f"{stem}{d}" in text for d in "23456789")


def _designation(text: str, start: int, rest: str) -> bool:
    """ "Candle Number 1", "Doll #1", "Bit No. 1": a number after a noun names the item."""
    if rest.startswith(_RANK_AFTER):
        return False
    before = text[max(0, start - 30) : start].rstrip()
    if not before or before[-1] in ".,;:!?()[]-–|/\n":
        return False
    word = before.split()[-1]
    return word not in _RANK_BEFORE and not word.endswith(("'s", "’s", "s'"))


def _own_clause(text: str, end: int) -> bool:
    """Followed by punctuation or the end of the text: "Hurry!", "Countdown: 24 hours"."""
    rest = text[end:].lstrip(" ")
    return not rest or rest[0] in ".,;:!?-–—\n"


def urgencies(text: str, vocab: Vocab, owned: Intervals) -> list[Claim]:
    out: list[Claim] = []
    taken = Intervals()
    for m in vocab.urgency.longest(text):
        if owned.overlaps(m.start, m.end):
            continue
        if m.payload.clause and not _own_clause(text, m.end):
            continue
        out.append(Claim("urgency", m.start, m.end, m.payload.kind))
        taken.add(m.start, m.end)
        if len(out) >= MAX_PER_KIND:
            break
    for pattern in vocab.quantities:
        for n, q in enumerate(pattern.finditer(text)):
            start, end = q.span()
            if not owned.overlaps(start, end) and not taken.overlaps(start, end):
                out.append(Claim("urgency", start, end, "scarcity"))
            if n >= MAX_PER_KIND:
                break
    return sorted(out, key=lambda c: c.start)


def comparisons(
    text: str, vocab: Vocab, own_brand: str | None, original: str | None
) -> list[Claim]:
    out: list[Claim] = []
    targets: dict[int, Match[tuple[str, Brand | None]]] = {}
    for t in vocab.targets.longest(text):
        targets.setdefault(t.start, t)
    for m in vocab.predicates.longest(text):
        pos = m.end
        window = text[pos : pos + 40]
        words = window.split()
        skipped = 0
        while skipped < len(words) and words[skipped] in _ARTICLES and skipped < 2:
            skipped += 1
        if skipped >= len(words):
            continue
        rest_at = pos + window.find(words[skipped])
        # the competitor starts at the first word or after the skipped articles
        target = next((targets[k] for k in range(pos, rest_at + 1) if k in targets), None)
        if target is None:
            continue
        _, brand = target.payload
        if brand is not None:
            name = brand.name.lower()
            if own_brand and (name in own_brand or own_brand in name):
                continue  # "better than the previous Anker model" from Anker
            if brand.common_word and not (
                original is not None and original[target.start : target.start + 1].isupper()
            ):
                continue  # "better than apple juice" names no brand
        shown = brand.name if brand is not None else text[target.start : target.end]
        out.append(Claim("comparison", m.start, target.end, shown))
        if len(out) >= MAX_PER_KIND:
            break
    return out
