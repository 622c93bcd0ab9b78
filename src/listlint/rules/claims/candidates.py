"""Which rows and sentences of a batch may hold a claim, before any grammar runs.

1. Gate (columnar, polars): one regex per folded (lower-case) column whose bulk is a
   whole-word alternation of the hand-listed condition terms, the claim phrases and the
   *cues* (:meth:`~listlint.rules.claims.vocab.Vocabulary.cue_terms`: "cures", "relief",
   "sufferers", "Indications", "disappeared", their es/pt/de/fr/id equivalents), plus
   words that look obfuscated (leet inside a word, spaced-out letters), a strong predicate
   before a hyphen-split word ("prevents sei-zures"), weight-loss amounts and hashtags.
   Titles also pass with a product-form noun ("Gout Tea", "Kapsul Hipertensi": the name
   may be the claim). Non-ASCII rows are folded first. Rust's regex runs a literal
   alternation as Aho-Corasick; measured on 1M rows, this is cheaper than running the
   Python automaton on every row.
2. Candidates (per distinct gated text): the text in matching form
   (:mod:`listlint.rules.claims.textmap`), one Aho-Corasick pass for the hand-listed terms
   and one for the cues; only then, and only when a cue, a keyword field or a title asks
   for it, the condition lexicon (:mod:`listlint.rules.claims.lexicon`, 43,000 names, built
   on first use). A rough sentence is a candidate when it holds a hand-listed term (a term
   that needs a strong predicate, "wrinkles", must have one), or a lexicon name together
   with a cue (titles and keyword fields need no cue: a name there is the claim or a
   search keyword).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

import polars as pl

from listlint.resources import wordlists_dir
from listlint.rules.claims.lexicon import LexHit, condition_lexicon, medicine_lexicon
from listlint.rules.claims.textmap import MappedText, matching_form, sentences
from listlint.rules.claims.vocab import UNGATED_KINDS, vocabulary
from listlint.text.matcher import Match, PhraseMatcher

#: keyword fields: a disease name there is a search keyword, not a sentence (Amazon counts
#: disease names used only as keywords as prohibited claims)
KEYWORD_FIELDS = frozenset({"tags"})
#: folded text that may hide a term: leet inside a word, letters spaced apart
#: (single leet characters between letters of one word, so model numbers such as
#: "LED40C8G" and sizes such as "10mm", "128GB", "5pcs" do not send rows to Python)
_OBFUSCATED = (
    r"\b(?:[a-z]+[0-9@$|€£¡!])+[a-z]+\b|[@$|€£][a-z]{2}|\b[0-9][a-z]{4,}"
    r"|\b[a-z][ ._*-][a-z][ ._*-][a-z]\b"
)
#: "lose 30 lbs", "drop 10 kg": weight-loss amounts (no fixed phrase to gate on)
WEIGHT_AMOUNT = (
    r"\b(?:lose|loses|losing|lost|drop|drops|shed|sheds|burn|burns|melt|melts)\s+"
    r"(?:up to\s+|over\s+)?\d+\s*\+?\s*(?:lbs?|pounds?|kgs?|kilos?|kilograms?|stone|inches)\b"
)
_WEIGHT_AMOUNT_RE = re.compile(WEIGHT_AMOUNT)
#: a hashtag: "#arthritis" (not "#1 best seller")
HASHTAG = r"#[^\W\d_]{3,}"
_HASHTAG_RE = re.compile(HASHTAG)


@dataclass(frozen=True, slots=True)
class Candidate:
    """A sentence worth a parse: span in the matching form, and the lexicon names in it
    (spans relative to the sentence)."""

    start: int
    end: int
    names: tuple[LexHit, ...] = ()


@dataclass(frozen=True)
class _Prefilter:
    #: one case-insensitive regex: every term that may start a claim on its own (whole
    #: words), cues, obfuscated-looking words, weight-loss amounts, hashtags
    gate: str
    #: titles: product-form nouns of every language
    title_gate: str
    #: terms that need a strong predicate nearby ("removes wrinkles") and those predicates
    gate_weak: str
    gate_strong: str
    #: hand-listed term -> what else its sentence needs: "" nothing, "strong" a strong
    #: predicate ("wrinkles"), "cue" a cue or a title ("heart", "alcohol", "thyroid")
    matcher: PhraseMatcher[str]
    strong: PhraseMatcher[bool]
    cues: PhraseMatcher[bool]
    words: frozenset[str]


def _words_regex(terms: Iterable[str], after: str = r"\b") -> str:
    """Whole-word alternation of ``terms`` (hyphenated or not, lower-cased), then ``after``,
    for text in matching form (folded, so lower case already)."""
    forms = sorted(
        {f for t in terms for f in (t.lower(), t.lower().replace("-", ""))}, key=len, reverse=True
    )
    # case-sensitive: the gated columns are folded (lower case), and a case-insensitive
    # alternation runs several times slower in polars (measured 2026-12-05 on 50k
    # generated descriptions: 0.082 -> 0.006 s for the appearance terms, 0.047 -> 0.021 s
    # for titles). ASCII terms under (?-u): polars compiles the term set in half the time
    alternatives = [f"(?-u:{'|'.join(re.escape(t) for t in forms if t.isascii())})"]
    alternatives += [re.escape(t) for t in forms if not t.isascii()]
    return rf"\b(?:{'|'.join(alternatives)}){after}"


@cache
def prefilter() -> _Prefilter:
    voc = vocabulary()
    terms = voc.gate_terms()
    cues = voc.cue_terms()
    weak = {t for t, c in voc.conditions.items() if c.kind == "appearance"}
    quiet = [t for t, c in voc.conditions.items() if c.kind in UNGATED_KINDS]
    words = frozenset(w for t in terms for w in t.split(" ") if any(c.isalpha() for c in w))
    needs = [(t, "strong" if t in weak else "") for t in terms] + [(t, "cue") for t in quiet]
    main = _words_regex([t for t in terms if t not in weak] + cues)
    # a strong predicate before a hyphen-split word: "prevents sei-zures"
    split = _words_regex(voc.strong_forms(), after=r"\s+(?:\w+\s+)?[a-z]+-[a-z]+\b")
    return _Prefilter(
        gate=f"{main}|{split}|{_OBFUSCATED}|{WEIGHT_AMOUNT}|{HASHTAG}",
        title_gate=_words_regex(voc.remedy_forms),
        gate_weak=_words_regex(weak),
        gate_strong=_words_regex(voc.strong_forms()),
        matcher=PhraseMatcher(needs),
        strong=PhraseMatcher((t, True) for t in voc.strong_forms()),
        cues=PhraseMatcher((t, True) for t in cues),
        words=words,
    )


def gated_rows(folded: pl.Series, title: bool = False) -> list[int]:
    """Positions of rows that may hold a claim: one regex pass in polars (Rust; literal
    alternations run as Aho-Corasick with word-boundary checks), no Python per row.
    ``folded`` is the column in matching form (the batch's, folded once for every
    family), so full-width letters and zero-width joiners hide nothing."""
    pre = prefilter()
    text = folded.fill_null("")
    # each distinct value is matched once, then the rows holding a gated value are found
    # by hash: a 50k batch of generated listings has 6,700 distinct titles and 31,000
    # distinct descriptions, and the regexes cost more per byte than the hashing
    values = text.gather(text.is_first_distinct().arg_true())
    mask = values.str.contains(pre.gate)
    if title:
        mask = mask | values.str.contains(pre.title_gate)
    rest = ~mask & values.str.contains(pre.gate_weak)
    if rest.any():
        idx = rest.arg_true()
        mask = mask.scatter(idx, values.gather(idx).str.contains(pre.gate_strong))
    if not mask.any():
        return []
    return text.is_in(values.filter(mask).implode()).arg_true().to_list()


#: most candidate sentences read in one cell: each is parsed (about 0.4 ms), so a 1 MB
#: cell of "Cures gout. " took 33 s; a listing is flagged long before its 100th claim
MOST_SENTENCES = 100


def candidates(text: str, field: str) -> tuple[MappedText, list[Candidate]]:
    """The text in matching form and its rough sentences worth a parse."""
    pre = prefilter()
    mapped = matching_form(text, pre.words)
    low = mapped.text
    hits = [(m.start, _need(m, mapped, text)) for m in pre.matcher.iter(low)]
    hits += [(m.start(), "") for m in _WEIGHT_AMOUNT_RE.finditer(low)]
    cues = [m.start for m in pre.cues.iter(low)] + [m.start() for m in _HASHTAG_RE.finditer(low)]
    open_field = field == "title" or field in KEYWORD_FIELDS
    if not hits and not cues and not open_field:
        return mapped, []
    out = []
    # positions sorted once, each sentence takes its own by bisection (a scan of every
    # hit per sentence cost sentences x hits: quadratic on a cell of short sentences)
    hits.sort(key=lambda h: h[0])
    starts = [s for s, _ in hits]
    cues.sort()
    for a, b in sentences(low):
        cued = open_field or bisect_left(cues, a) < bisect_left(cues, b)
        inside = {need for _, need in hits[bisect_left(starts, a) : bisect_left(starts, b)]}
        held = "" in inside or ("cue" in inside and cued)
        held = held or ("strong" in inside and pre.strong.contains_any(low[a:b]))
        found = _names(low, a, b, mapped, text, medicines=bool(cues)) if cued else []
        if held or found:
            out.append(Candidate(a, b, tuple(found)))
            if len(out) == MOST_SENTENCES:
                break  # a cell of thousands of claims is flagged by its first ones
    return mapped, out


def _names(
    low: str, a: int, b: int, mapped: MappedText, text: str, medicines: bool
) -> list[LexHit]:
    """The lexicon's names in sentence ``low[a:b]`` (spans relative to it), and with a cue
    the medicines' ("works like Prozac", "instead of metformin": substitution claims)."""
    sentence = low[a:b]
    names = [h for h in condition_lexicon().find(sentence) if _as_written(h, a, mapped, text)]
    if medicines:
        names += [h for h in medicine_lexicon().find(sentence) if not _overlaps(h, names)]
    return names


def _need(m: Match[str], mapped: MappedText, text: str) -> str:
    """What a hand-listed term needs: its own mark, and an abbreviation ("ibd", "uti": short
    and not an English word) written in lower case a cue too ("ibd Hard Gel" is a nail
    gel's brand; "flu" and "gout" are words)."""
    if m.payload or len(m.term) > 4 or not m.term.isalpha() or m.term in common_words():
        return m.payload
    s, e = mapped.source_span(m.start, m.end)
    return "" if text[s:e].isupper() else "never"


@cache
def common_words() -> frozenset[str]:
    """English words (``wordlists/brands/common_words.txt``, from spaCy's lexeme table):
    a header of '#' lines, then one word a line."""
    lines = (wordlists_dir() / "brands" / "common_words.txt").read_text("utf-8").splitlines()
    return frozenset(w for w in lines if w and not w.startswith("#"))


def _overlaps(hit: LexHit, others: list[LexHit]) -> bool:
    return any(o.start < hit.end and hit.start < o.end for o in others)


def _as_written(hit: LexHit, offset: int, mapped: MappedText, text: str) -> bool:
    """Abbreviations count only as written in capitals ("MS", not "ms"; "PID", not a
    "pid controller"); other names whatever their case."""
    if hit.entry.ambiguity != "abbr":
        return True
    s, e = mapped.source_span(offset + hit.start, offset + hit.end)
    return text[s:e].isupper()
