"""Read where a listing says its product was made, and what its columns say.

* :func:`claims`: the origin claims in one folded text ("Made in USA", "Hecho en México",
  "USA-made", "日本製", "Country of origin: Germany"), each with the country's ISO code.
  Not claims: design or inspiration ("designed in California"), materials and parts
  ("Italian leather", "fabric made in Italy", "USA-made parts"), denials ("not made in
  China"), places that are also something else ("Made in Georgia"), names that are no
  place ("Made in Abyss").
* :func:`column_codes`: the countries an origin column names ("China", "CN", "CHN",
  "Chine", "China/Vietnam", "Made in USA"); "Imported" or "N/A" name none.
* :func:`address_country`: the country a manufacturer's address ends with.
"""

from __future__ import annotations

from dataclasses import dataclass

from listlint.rules.origin.vocab import Cue, Name, Vocab, text_name_ok
from listlint.text.matcher import Match
from listlint.text.normalize import fold

#: claims kept per text (two rules read them; the cap bounds the work on hostile text)
MAX_CLAIMS = 16

#: what may stand between "made in" and the country: a colon or dash, an article
_SEPARATORS = " \t:：-–="
_ARTICLES = ("the ", "la ", "el ", "le ", "l'", "der ", "dem ", "den ", "die ", "o ", "a ", "os ")
_CLAUSE_BREAKS = ".!?;\n"
#: separators of several countries in one origin cell ("China/Vietnam", "USA and Mexico")
_LIST_MARKS = "/,;|&+"
_LIST_WORDS = frozenset(("and", "or", "y", "und", "et", "e", "ou", "o", "dan", "va"))


@dataclass(frozen=True, slots=True)
class OriginClaim:
    code: str
    kind: str  # made | assembly | label
    start: int
    end: int


def _words_before(text: str, start: int, n: int) -> list[str]:
    """The ``n`` words before ``start`` in the same clause."""
    before = text[max(0, start - 60) : start]
    cut = max(before.rfind(c) for c in _CLAUSE_BREAKS)
    return [w.strip(",:()\"'") for w in before[cut + 1 :].split()][-n:]


def _word_after(text: str, end: int) -> str:
    rest = text[end : end + 40]
    cuts = [i for i in (rest.find(c) for c in _CLAUSE_BREAKS) if i >= 0]
    words = rest[: min(cuts)].split() if cuts else rest.split()
    return words[0].strip(",:()\"'") if words else ""


def _after_separators(text: str, pos: int) -> int:
    """Where the country should start after an "after" cue ("made in: the USA")."""
    limit = min(len(text), pos + 4)
    while pos < limit and text[pos] in _SEPARATORS:
        pos += 1
    for article in _ARTICLES:
        if text.startswith(article, pos):
            return pos + len(article)
    return pos


def claims(text: str, vocab: Vocab) -> list[OriginClaim]:
    out: list[OriginClaim] = []
    # every name with every reading ("eu" is a region and a demonym): the cue decides;
    # indexed by where they start and end, longest first
    by_start: dict[int, list[Match[Name]]] = {}
    by_end: dict[int, list[Match[Name]]] = {}
    for n in sorted(vocab.names.iter(text), key=lambda n: n.start - n.end):
        by_start.setdefault(n.start, []).append(n)
        by_end.setdefault(n.end, []).append(n)
    for cue_match in vocab.cues.iter(text):
        cue: Cue = cue_match.payload
        before = _words_before(text, cue_match.start, 2)
        if any(w in vocab.negators for w in before) or " ".join(before) in vocab.negators:
            continue  # "NOT made in China"
        if cue.side == "after":
            pos = _after_separators(text, cue_match.end)
            found = by_start.get(pos, []) or by_start.get(cue_match.end, [])  # "产地中国"
            if before and before[-1] in vocab.components:
                continue  # "fabric made in Italy": the fabric's origin
        else:
            if text.startswith(" in ", cue_match.end):
                continue  # "Guam made in USA": the "made in" phrase decides
            found = list(by_end.get(cue_match.start, []))
            if cue_match.start > 0 and text[cue_match.start - 1] in " -":
                found += by_end.get(cue_match.start - 1, [])
            if _word_after(text, cue_match.end) in vocab.components:
                continue  # "USA-made parts", "Swiss-made movement"
        for n in found:
            name: Name = n.payload
            if text_name_ok(name, n.term, cue):
                start, end = min(n.start, cue_match.start), max(n.end, cue_match.end)
                out.append(OriginClaim(name.code, cue.kind, start, end))
                break
        if len(out) >= MAX_CLAIMS:
            break
    unique: list[OriginClaim] = []
    for c in sorted(out, key=lambda c: (c.start, -c.end)):
        # "made in the usa" read by "made in" and "made in the": one claim
        if not any(u.code == c.code and u.start <= c.start < u.end for u in unique):
            unique.append(c)
    return unique


def column_codes(value: str, vocab: Vocab) -> frozenset[str]:
    """The countries (or regions) an origin column names; empty when it names none."""
    raw = value.strip()
    folded = fold(raw)
    stated = claims(folded, vocab)
    if stated:
        return frozenset(c.code for c in stated)
    codes = set()
    for part in _list_parts(raw):
        whole = " ".join(fold(part).split())
        key = " ".join(whole.strip(" .()[]\"'").removeprefix("the ").split())
        if len(key) == 2 and key.isascii() and not (part.strip().isupper() and key != "na"):
            continue  # two letters are a code only in capitals ("IN", not "in"; never "NA")
        code = vocab.column_names.get(whole) or vocab.column_names.get(key)
        if code:
            codes.add(code)
    return frozenset(codes)


def _list_parts(value: str) -> list[str]:
    for mark in _LIST_MARKS:
        value = value.replace(mark, "\x00")
    parts: list[str] = []
    for chunk in value.split("\x00"):
        words: list[str] = []
        for w in chunk.split():
            if w.lower() in _LIST_WORDS:
                parts.append(" ".join(words))
                words = []
            else:
                words.append(w)
        parts.append(" ".join(words))
    return [p for p in parts if p.strip()]


def address_country(value: str, vocab: Vocab) -> str | None:
    """The last country (or place of a known country) an address names."""
    folded = fold(value)
    last: tuple[int, str] | None = None
    for n in vocab.names.longest(folded):
        name: Name = n.payload
        if name.ambiguous or name.kind in ("demonym", "region"):
            continue
        if len(n.term) < 4 and not n.term.isupper() and name.kind != "alias":
            continue
        if last is None or n.start >= last[0]:
            last = (n.start, name.code)
    words = value.split()
    tail = words[-1].strip(" .,;:()") if words else ""
    if 2 <= len(tail) <= 3 and tail.isalpha() and tail.isupper() and tail != "NA":
        code = vocab.column_names.get(tail.lower())  # "..., Shenzhen 518000, CN"
        if code:
            return code
    return last[1] if last else None
