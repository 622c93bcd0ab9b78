"""Lookalike spellings of brand names, scored on a batch's unique vocabulary.

Every unique title token is compared ONCE with the brand-word skeletons (see
:mod:`listlint.text.confusables`); rows are joined back afterwards. A token is a
candidate when its skeleton equals a brand word's ("Nlke", "R0LEX", Cyrillic "Сhanel")
or lies within an edit distance that depends on the brand word's length:

========================  ===========================================================
brand word length          accepted
========================  ===========================================================
1-3 letters                skeleton-equal only (too many real words are one edit away)
4-5 letters                one edit, *weak*: needs the listing's category or counterfeit
                           wording to agree ("Nikey sneakers" yes, "Niko plush" no)
6-8 letters                one edit ("Balenclaga", "Moncller")
9+ letters                 two edits ("Louis Vuiton", "Swarovsky")
========================  ===========================================================

Ordinary English words (spacy-lookups-data frequencies) are never a lookalike on their
own ("nice", "like", "cars" are one edit from a brand); inside a multi-word brand they
count only next to a distinctive exact word and with supporting context ("Hugo Bass
cologne"), never after an ordinary anchor ("Star cars toy", "red ball").
Multi-word names are judged on their whole length ("Dolce & Gabanna": 2 edits in 12).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

import polars as pl

from listlint.rules.ip.distinct import Distinct, where
from listlint.rules.ip.families import known_genuine
from listlint.rules.ip.index import CONNECTORS, BrandIndex, Name, is_common_word, number_forms
from listlint.rules.ip.phonetic import brand_key
from listlint.rules.ip.search import attested, attested_list, web_attested
from listlint.text.confusables import disguise_kind, latin_through_cjk, mirrored, skeleton

#: tokens as the title analysis cuts them: letters/digits, with leet symbols inside
TOKEN_RE = re.compile(r"[^\W_]+(?:[@$|€£!0-9]+[^\W_]*)*|[@$|€£][^\W_]+", re.UNICODE)

STRONG, WEAK = "strong", "weak"
#: a real word or name near a brand ("panna", "Valentina"): a brand only with strong support
ATTESTED = "attested"
#: letters sellers swap for one another in a short brand name (sound or shape alike)
_SWAPS = ("aeiouy", "ckq", "sz", "ij", "vw")


def plausible_slip(a: str, b: str) -> bool:
    """Is ``a`` one deliberate-looking slip from ``b``: a letter added, dropped, doubled or
    swapped with its neighbour, or replaced by a sound-alike ("rolax", "fendy")?"""
    if len(a) != len(b):
        return True  # one insertion or deletion (the caller checked the distance)
    diff = [k for k in range(len(a)) if a[k] != b[k]]
    if len(diff) == 2 and diff[1] == diff[0] + 1:
        return a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]
    return len(diff) == 1 and any(a[diff[0]] in g and b[diff[0]] in g for g in _SWAPS)


def allowed_distance(length: int) -> int:
    """Edits accepted between a token's skeleton and a brand word's skeleton of ``length``."""
    return 2 if length >= 9 else 1 if length >= 4 else 0


@dataclass(frozen=True, slots=True)
class WordHit:
    """A token that may spell word ``pos`` of brand name ``name``."""

    name: Name
    pos: int
    distance: int  # edits between skeletons (0 = confusable spelling)
    kind: str | None  # disguise_kind of the token: digits/symbols, lookalike letters, mixed scripts
    common: bool  # the token is an ordinary English word
    #: how a non-edit candidate was found: "sound-alike", "letters glued to the brand"
    how: str | None = None
    #: the token is a dictionary word of some language (search.attested)
    attested: bool = False
    #: the token is attested only in English web text: a name or a common misspelling
    web: bool = False
    #: the token sounds like a dictionary word closer to it than the brand ("dalmatin")
    respells: bool = False

    @property
    def evidence(self) -> str:
        if self.kind:
            return self.kind
        if self.how:
            return self.how
        if self.distance == 0:
            return "lookalike letters"
        return "a real word one letter from the brand" if self.attested else "made-up spelling"


def vocabulary_hits(index: BrandIndex, tokens: list[str]) -> dict[str, list[WordHit]]:
    """Unique token -> the brand words it may imitate (scored once per batch)."""
    hits: dict[str, list[WordHit]] = {}
    rare: list[tuple[str, str, str | None]] = []
    common: list[tuple[str, str, str | None]] = []
    skeletons: set[str] = set()
    for tok in tokens:
        if len(tok) < 3:
            skeletons.add(skeleton(tok))  # "of" in "Fear of God": only a neighbour
            continue
        if not tok.isalpha():
            letters = sum(c.isalpha() for c in tok)
            if letters <= len(tok) - letters:
                continue  # "F360", "3M8": model numbers, not words with digits for letters
            head = tok.rstrip("0123456789")
            if (
                head.isalpha()
                and (len(head) <= 3 or is_common_word(head))
                and skeleton(tok) not in index.word_skeletons
            ):
                continue  # "SKU11", "RS120", "size12": a word and a number, a code
                # (but "Fend1" reads "Fendi": the digit stands for a letter)
        if tok in known_genuine():
            continue  # another real brand ("Mizani", "Bioré"): not an imitation
        split = _split_by_script(index, tok)
        if split:
            hits[tok] = split
            continue
        skel = skeleton(tok)
        skeletons.add(skel)
        kind = disguise_kind(tok)
        ordinary = kind is None and is_common_word(tok)
        entries = index.word_skeletons.get(skel)
        if entries:
            if tok != index.word_text[skel]:
                if kind is None and mirrored(tok, index.word_text[skel]):
                    kind = "mirrored letters (b/d, p/q)"
                hits[tok] = [WordHit(n, p, 0, kind, ordinary) for n, p in entries]
            continue
        if len(skel) >= 4 and skel.isalpha():
            (common if ordinary else rare).append((tok, skel, kind))
    # ordinary words are only ever part of a multi-word name: compare them with those
    for queries, choices in ((rare, index.fuzzy_choices), (common, index.multi_choices)):
        if not queries or not choices:
            continue
        for qi, ci, d in _close_pairs([q[1] for q in queries], choices):
            tok, _skel, kind = queries[qi]
            entries = index.word_skeletons[choices[ci]]
            multi = any(len(index.brand_words(n)) > 1 for n, _ in entries)
            # a single word may be off by its length's allowance; a word of a longer
            # name is judged with the whole name (multi_grade), so let two edits through
            if d > allowed_distance(len(choices[ci])) and not (multi and len(choices[ci]) >= 6):
                continue
            if tok in number_forms(index.word_text[choices[ci]]):
                continue  # "Burberrys", "Rolexes": the brand itself in another number
            hits.setdefault(tok, []).extend(
                WordHit(n, p, d, kind, queries is common) for n, p in entries
            )
    _near_hits(index, rare, hits)
    words, web = attested(), web_attested()
    for tok, hs in hits.items():
        if tok in words or tok in web:
            hits[tok] = [replace(h, attested=tok in words, web=tok in web) for h in hs]
        elif tok.isalpha() and all(
            h.kind is None and respells_word(tok, index.brand_words(h.name)[h.pos]) for h in hs
        ):
            hits[tok] = [replace(h, attested=True, respells=True) for h in hs]
    return _viable(index, hits, skeletons)


def respells_word(tok: str, brand_word: str) -> bool:
    """Is ``tok`` a respelling of a real word rather than of ``brand_word``: a dictionary
    word sounds like it (the same sound key, which the brand's differs from) and is fewer
    edits away than the brand ("dalmatin" is one edit from "dalmatian", two from
    "balmain")? Such a token is a real word's spelling, kept only with strong support."""
    from rapidfuzz.distance import OSA
    from rapidfuzz.process import extract_iter

    to_brand = OSA.distance(tok, brand_word)
    key = brand_key(tok)
    if to_brand < 2 or key == brand_key(brand_word):
        return False  # one edit from the brand, or it sounds like the brand ("Filips")
    return any(
        brand_key(word) == key
        for word, _d, _i in extract_iter(
            tok, attested_list(), scorer=OSA.distance, score_cutoff=to_brand - 1
        )
    )


def _near_hits(
    index: BrandIndex, rare: list[tuple[str, str, str | None]], hits: dict[str, list[WordHit]]
) -> None:
    """Sound-alikes past the edit bound ("Filips") and letters glued to a brand word
    ("iBOSEX", "Dysonic"): made-up tokens only, each compared once."""
    for tok, _skel, kind in rare:
        if kind is not None or not tok.isalpha():
            continue  # digits and other scripts: the skeleton comparison's business
        have = {(id(h.name), h.pos) for h in hits.get(tok, ())}
        for near in (*index.near.sound_alikes(tok), *index.near.affixed(tok)):
            for n, p in index.word_skeletons.get(skeleton(near.word), ()):
                if len(index.brand_words(n)) != 1:
                    continue
                found = WordHit(n, p, near.edits, None, False, near.how)
                if (id(n), p) not in have:
                    have.add((id(n), p))
                    hits.setdefault(tok, []).append(found)
                elif near.how == "sound-alike":
                    # the edit search found it past its bound ("Chanelle"): the sound says more
                    bound = allowed_distance(len(near.word))
                    hits[tok] = [
                        found
                        if h.name is n and h.pos == p and not h.how and h.distance > bound
                        else h
                        for h in hits[tok]
                    ]


#: below this many query words, score them one by one: cdist's matrix needs numpy,
#: whose import (~50 ms) is a tenth of a small catalogue's whole run
CDIST_MIN_QUERIES = 64


def _close_pairs(queries: list[str], choices: list[str]) -> Iterator[tuple[int, int, int]]:
    """``(query index, choice index, OSA distance)`` of every pair at most 2 edits apart,
    in query then choice order (the same pairs whichever way they are computed)."""
    from rapidfuzz.distance import OSA

    if len(queries) < CDIST_MIN_QUERIES:
        from rapidfuzz.process import extract_iter

        for qi, query in enumerate(queries):
            for _choice, d, ci in extract_iter(query, choices, scorer=OSA.distance, score_cutoff=2):
                yield qi, ci, int(d)
        return
    import numpy as np
    from rapidfuzz.process import cdist

    dist = cdist(queries, choices, scorer=OSA.distance, score_cutoff=2, workers=1)
    for qi, ci in zip(*np.nonzero(dist <= 2), strict=True):
        yield int(qi), int(ci), int(dist[qi, ci])


def _split_by_script(index: BrandIndex, tok: str) -> list[WordHit]:
    """Brand words with CJK characters set inside them ("Nik耐e", "Gu古cci")."""
    return [
        WordHit(n, p, 0, "brand letters split by other-script characters", False)
        for joined in latin_through_cjk(tok)
        if len(joined) >= 4
        for n, p in index.word_skeletons.get(skeleton(joined), ())
    ]


def _viable(
    index: BrandIndex, hits: dict[str, list[WordHit]], vocab_skeletons: set[str]
) -> dict[str, list[WordHit]]:
    """Drop hits that can never make a finding: an ordinary word standing for a one-word
    brand ("channel"), or a word of a multi-word name whose other words appear nowhere in
    the batch ("lumen" ~ Ralph Lauren without "ralph"). Keeps the join-back small."""
    covered = {(id(h.name), h.pos) for hs in hits.values() for h in hs}

    def viable(h: WordHit) -> bool:
        words = index.brand_words(h.name)
        if len(words) == 1:
            return not h.common
        return all(
            j == h.pos or skeleton(w) in vocab_skeletons or (id(h.name), j) in covered
            for j, w in enumerate(words)
        )

    out = {tok: [h for h in hs if viable(h)] for tok, hs in hits.items()}
    return {tok: hs for tok, hs in out.items() if hs}


def single_grade(hit: WordHit, token_skeleton: str, token: str | None = None) -> str | None:
    """How much a one-word lookalike proves: strong, weak (needs context), attested (a
    real word: needs strong support) or nothing."""
    grade = _grade(hit, token_skeleton, token)
    if grade is None or hit.distance == 0 or hit.kind:
        return grade
    if hit.attested:
        return ATTESTED  # a dictionary word ("panna", "colgante"): strong support only
    return WEAK if hit.web else grade  # a name or a known misspelling: the type must agree


def _grade(hit: WordHit, token_skeleton: str, token: str | None) -> str | None:
    if hit.common:
        return None
    if hit.how:
        # a sound-alike or a glued affix on a brand word of six letters or more is
        # deliberate; on a shorter word ("bose", "prada") it needs the listing's support
        return STRONG if len(hit.name.text) >= 6 else WEAK
    if hit.distance == 0 or hit.kind:
        if hit.distance > allowed_distance(len(hit.name.text)):
            return None
        if not hit.kind and len(hit.name.text) <= 5 and _mirror_swap(token, hit.name.text):
            # a mirrored letter in a short name ("Beli" for Dell: b/d): as likely a word
            # of another language; the listing must agree
            return WEAK
        return STRONG
    length = len(re.sub(r"\W", "", hit.name.text))
    if hit.distance > allowed_distance(length):
        return None
    if length >= 6:
        return STRONG
    # short names: only the slips a seller makes on purpose ("Nikey", "Guci", "Rolax",
    # "Fendy"); another consonant makes another name ("Luma", "Dion", "Puma"/"Pama" ok)
    return WEAK if plausible_slip(token_skeleton, skeleton(hit.name.text)) else None


def _mirror_swap(token: str | None, word: str) -> bool:
    """Does the token write a letter of ``word`` as its mirror image (b/d, p/q)?"""
    if not token or len(token) != len(word):
        return False
    return any(a != b and a in "bdpq" and b in "bdpq" for a, b in zip(token, word))


def multi_match(
    index: BrandIndex,
    hit: WordHit,
    toks: list[tuple[str, int, int]],
    k: int,
    hits: dict[str, list[WordHit]],
) -> tuple[int, int, str] | None:
    """Do the neighbours of token ``k`` spell the rest of ``hit``'s multi-word name?

    Returns (start, end, grade) of the whole name in the text, or None. Connector words
    ("&", "and") in the listing are skipped when the brand name has none.
    """
    words = index.brand_words(hit.name)
    seq = [t for t in toks if t[0] not in CONNECTORS]
    kk = next((j for j, t in enumerate(seq) if t[1] == toks[k][1]), None)
    if kk is None:
        return None
    first = kk - hit.pos
    if first < 0 or first + len(words) > len(seq):
        return None
    total = altered = 0
    ordinary_altered = False
    anchors: list[str] = []
    for j, word in enumerate(words):
        tok = seq[first + j][0]
        if skeleton(tok) == skeleton(word):
            anchors.append(word)
            continue
        found = [h for h in hits.get(tok, ()) if h.name is hit.name and h.pos == j]
        if not found:
            return None
        altered += 1
        total += found[0].distance
        ordinary_altered |= found[0].common
    if not altered and all(seq[first + j][0] == w for j, w in enumerate(words)):
        return None  # the plain name: the exact matcher reports it
    length = sum(len(w) for w in words)
    if total > allowed_distance(length):
        return None
    grade = STRONG
    if ordinary_altered:
        # "Hugo Bass": fine next to a distinctive word and with context; "Star cars",
        # "Rid Bull" (all ordinary words) are phrases, not disguises
        if not any(not is_common_word(a) for a in anchors):
            return None
        grade = WEAK
    return seq[first][1], seq[first + len(words) - 1][2], grade


def split_names(
    index: BrandIndex, titles: list[str | None], title_s: pl.Series | Distinct
) -> Iterator[tuple[int, Name, int, int, str]]:
    """One-word brands cut in two ("Lulu lemon", "Guc-ci"): (row, name, start, end, grade).

    Two ordinary words that happen to spell a brand together ("timber land") are weak."""
    cand = where(title_s, lambda s: s.str.contains_any(index.split_terms))
    for i in cand.arg_true().to_list():
        text = titles[i] or ""
        for m in index.split.iter(text):
            name, left, right = m.payload
            ordinary = is_common_word(left) and is_common_word(right)
            yield i, name, m.start, m.end, WEAK if ordinary else STRONG
