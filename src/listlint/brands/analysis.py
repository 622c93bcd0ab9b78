"""Per-batch brand analysis shared by the ``ip`` rules (``batch.cached("trademarks", ...)``).

Shape (STYLE.md): exact brand names are found with one automaton on the rows a polars
``contains_any`` prefilter selected; lookalike spellings are found by scoring the batch's
UNIQUE title vocabulary once against brand-word skeletons (rapidfuzz ``cdist``), then
joining the few hit tokens back to rows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import polars as pl

from listlint.brands.index import (
    BrandIndex,
    Name,
    accessory_nouns,
    is_common_word,
    nominative_phrases,
)
from listlint.brands.signals import Signal, SignalMatcher
from listlint.text.confusables import disguise_kind, is_mixed_script, skeleton
from listlint.text.deobfuscate import collapse_spacing

TOKEN_RE = re.compile(r"[^\W_]+(?:[@$|€£!0-9]+[^\W_]*)*|[@$|€£][^\W_]+", re.UNICODE)
_SPACED = r"(?:^|[^a-z])(?:[a-z][ .\-_*·•]){2,}[a-z](?:$|[^a-z])"


@dataclass(slots=True)
class Mention:
    name: Name
    field: str
    start: int
    end: int
    text: str  # the folded text as written
    disguise: str | None = None  # why it is a lookalike; None = plain brand spelling
    nominative: bool = False


@dataclass(slots=True)
class RowEvidence:
    mentions: list[Mention] = field(default_factory=list)
    signals: list[tuple[Signal, str, int, int]] = field(default_factory=list)  # signal, field, span
    mixed_script: list[str] = field(default_factory=list)


def _ends_nominative(before: str) -> bool:
    return any(
        before.endswith(p) and (len(before) == len(p) or not before[-len(p) - 1].isalnum())
        for p in nominative_phrases()
    )


_ACCESSORY_AFTER: re.Pattern[str] | None = None


def _accessory_after(text: str, end: int) -> bool:
    """ "iPhone 15 Pro case", "Apple Watch Ultra band": a model name then an accessory noun."""
    global _ACCESSORY_AFTER
    if _ACCESSORY_AFTER is None:
        nouns = "|".join(re.escape(n) for n in accessory_nouns())
        _ACCESSORY_AFTER = re.compile(rf"^(?:[\s\-/]+[\w+.]+){{0,3}}?[\s\-/]+(?:{nouns})\b")
    return bool(_ACCESSORY_AFTER.match(text[end : end + 40]))


def _nominative(text: str, start: int, end: int, name: Name) -> bool:
    # "iPhone 15 case" names the device; "Louis Vuitton phone case" names the maker
    device = "electronics" in name.brand.groups
    return _nominative_before(text, start) or (device and _accessory_after(text, end))


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


def _vocabulary_hits(
    index: BrandIndex, tokens: list[str]
) -> dict[str, list[tuple[Name, int, str]]]:
    """Unique token -> [(brand name, word position, disguise)] for disguised/near spellings."""
    from rapidfuzz.distance import OSA
    from rapidfuzz.process import cdist

    hits: dict[str, list[tuple[Name, int, str]]] = {}
    fuzzy_q: list[str] = []
    for tok in tokens:
        if len(tok) < 3 or tok.isdigit():
            continue
        skel = skeleton(tok)
        kind = disguise_kind(tok)
        entries = index.word_skeletons.get(skel)
        if entries:
            word = index.word_text[skel]
            if tok != word and (kind or not is_common_word(tok)):
                hits[tok] = [(n, p, kind or "altered letters") for n, p in entries]
            continue
        if len(skel) >= 4 and skel.isalpha() and (kind or not is_common_word(tok)):
            fuzzy_q.append(tok)
    if not fuzzy_q or not index.fuzzy_choices:
        return hits
    skels = [skeleton(t) for t in fuzzy_q]
    dist = cdist(skels, index.fuzzy_choices, scorer=OSA.distance, score_cutoff=2, workers=1)
    import numpy as np

    for qi, ci in zip(*np.nonzero(dist <= 2), strict=True):
        choice = index.fuzzy_choices[ci]
        d = int(dist[qi, ci])
        limit = 2 if len(choice) >= 9 else 1 if len(choice) >= 5 else 0
        entries = index.word_skeletons[choice]
        multi = any(len(index.brand_words(n)) > 1 for n, _ in entries)
        if d > limit and not (multi and d == 1 and len(choice) == 4):
            continue
        tok = fuzzy_q[qi]
        kind = disguise_kind(tok) or "misspelled"
        hits.setdefault(tok, []).extend((n, p, kind) for n, p in entries)
    return hits


def _verify_multiword(
    index: BrandIndex,
    name: Name,
    pos: int,
    toks: list[tuple[str, int, int]],
    i: int,
    hits: dict[str, list[tuple[Name, int, str]]],
) -> tuple[int, int] | None:
    """Check the neighbours of token ``i`` spell the rest of a multi-word brand."""
    words = index.brand_words(name)
    first = i - pos
    if first < 0 or first + len(words) > len(toks):
        return None
    for k, word in enumerate(words):
        tok = toks[first + k][0]
        if skeleton(tok) == skeleton(word):
            continue
        if any(n is name and p == k for n, p, _ in hits.get(tok, ())):
            continue
        return None
    return toks[first][1], toks[first + len(words) - 1][2]


def analyse(batch, index: BrandIndex, signals: SignalMatcher) -> dict[int, RowEvidence]:  # type: ignore[no-untyped-def]
    """Row position -> evidence, for rows with any brand mention, lookalike or signal."""
    out: dict[int, RowEvidence] = {}

    def row(i: int) -> RowEvidence:
        return out.setdefault(i, RowEvidence())

    titles = batch.folded("title")
    title_s = pl.Series("t", titles, dtype=pl.Utf8)
    # 1. exact names (and aliases) in titles: prefilter, then the automaton with boundaries
    cand = title_s.str.contains_any(index.prefilter_terms).fill_null(False)
    for i in cand.arg_true().to_list():
        text = titles[i]
        for m in [*index.exact.longest(text), *index.exact_cjk.iter(text)]:
            disguise = "known lookalike name" if m.payload.is_lookalike else None
            row(i).mentions.append(
                Mention(
                    m.payload,
                    "title",
                    m.start,
                    m.end,
                    text[m.start : m.end],
                    disguise,
                    _nominative(text, m.start, m.end, m.payload),
                )
            )
    # 2. lookalike spellings: unique vocabulary once, then join back
    spaced = title_s.str.contains(_SPACED).fill_null(False)
    work = {i: collapse_spacing(titles[i]) for i in spaced.arg_true().to_list()}
    tok_lists = title_s.str.extract_all(TOKEN_RE.pattern)
    vocab = tok_lists.explode().drop_nulls().unique().to_list()
    extra = {t for text in work.values() for t in TOKEN_RE.findall(text)}
    hits = _vocabulary_hits(index, sorted(set(vocab) | extra))
    mixed = [t for t in vocab if not t.isascii() and is_mixed_script(t)]
    candidates = set(hits) | set(mixed)
    rows_with = set(work)
    if candidates:
        frame = pl.DataFrame({"i": range(len(titles)), "t": tok_lists}).explode("t")
        rows_with |= set(frame.filter(pl.col("t").is_in(list(candidates)))["i"].unique().to_list())
    plain_tokens = {i: set(TOKEN_RE.findall(titles[i])) for i in work}
    for i in sorted(rows_with):
        text = work.get(i, titles[i])
        toks = [(m.group(0), m.start(), m.end()) for m in TOKEN_RE.finditer(text)]
        for k, (tok, s, e) in enumerate(toks):
            if tok in mixed and tok not in hits:
                row(i).mixed_script.append(tok)
            if i in work and tok not in plain_tokens[i] and len(tok) >= 3:
                for n, _p in index.word_skeletons.get(skeleton(tok), ()):
                    if len(index.brand_words(n)) == 1:
                        row(i).mentions.append(
                            Mention(
                                n,
                                "title",
                                s,
                                e,
                                tok,
                                "spaced-out letters",
                                _nominative(text, s, e, n),
                            )
                        )
            for n, p, kind in hits.get(tok, ()):
                span = _verify_multiword(index, n, p, toks, k, hits)
                if span and not any(
                    mm.name.brand is n.brand and mm.disguise for mm in row(i).mentions
                ):
                    row(i).mentions.append(
                        Mention(
                            n,
                            "title",
                            span[0],
                            span[1],
                            text[span[0] : span[1]],
                            kind,
                            _nominative(text, span[0], span[1], n),
                        )
                    )
    # 3. counterfeit signal phrases in title and description
    for fname in ("title", "description"):
        if not batch.has(fname):
            continue
        texts = batch.folded(fname)
        for i, found in signals.scan(texts):
            row(i).signals.extend((sig, fname, s, e) for sig, s, e in found)
    # rows with a signal: scan the whole title (short abbreviations the prefilter skipped)
    for i, ev in out.items():
        if ev.signals and titles[i] and not any(m.field == "title" for m in ev.mentions):
            text = titles[i]
            for m in index.exact.longest(text):
                ev.mentions.append(
                    Mention(
                        m.payload,
                        "title",
                        m.start,
                        m.end,
                        text[m.start : m.end],
                        "known lookalike name" if m.payload.is_lookalike else None,
                        _nominative(text, m.start, m.end, m.payload),
                    )
                )
    # weak signals and brand mentions in descriptions only where the title named a brand
    if batch.has("description"):
        descs = batch.folded("description")
        for i, ev in list(out.items()):
            d = descs[i]
            if d and (ev.signals or ev.mentions):
                for m in index.exact.longest(d):
                    if not any(mm.name.brand is m.payload.brand for mm in ev.mentions):
                        ev.mentions.append(
                            Mention(
                                m.payload,
                                "description",
                                m.start,
                                m.end,
                                d[m.start : m.end],
                                "known lookalike name" if m.payload.is_lookalike else None,
                                _nominative(d, m.start, m.end, m.payload),
                            )
                        )
    for i, ev in out.items():
        if ev.mentions and titles[i]:
            ev.signals.extend(
                (s, "title", a, b) for s, a, b in signals.weak(titles[i], ev.mentions)
            )
    return out
