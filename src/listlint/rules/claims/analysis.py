"""The claims analysis of one batch, shared by every HC rule (:mod:`listlint.rules.claims.family`).

1. Candidates (:mod:`listlint.rules.claims.candidates`): a columnar gate, then per distinct
   gated text its sentences worth a parse, with the condition lexicon's names in them.
2. What each candidate listing sells (:mod:`listlint.rules.claims.category`) and the
   language it is written in (:mod:`listlint.rules.claims.language`), only for those rows.
3. Grammar (spaCy, only if there are candidates): every candidate sentence of the batch
   goes through one ``nlp.pipe`` call; :class:`~listlint.rules.claims.grammar.Grammar`
   decides.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NamedTuple

import polars as pl

from listlint.batch import Batch
from listlint.rules.claims.candidates import (
    KEYWORD_FIELDS,
    Candidate,
    candidates,
    gated_rows,
    prefilter,
)
from listlint.rules.claims.category import product_group
from listlint.rules.claims.grammar import Claim
from listlint.rules.claims.language import language_vocabulary
from listlint.rules.claims.lexicon import LexHit
from listlint.rules.claims.medicine import DOSE_FORMS
from listlint.rules.claims.textmap import MappedText
from listlint.rules.claims.vocab import Vocabulary, vocabulary
from listlint.text.joints import closed_form
from listlint.text.normalize import fold

if TYPE_CHECKING:
    from spacy.language import Language

    from listlint.rules.claims.grammar import Grammar

#: fields scanned for claims (titles, descriptions, bullet points, keywords)
CLAIM_FIELDS: tuple[str, ...] = ("title", "description", "bullets", "tags")
#: fields that tell what a listing is
_CONTEXT_FIELDS = ("category", "product_type", "title", "description")
#: longest sentence quoted in a message
QUOTE_MAX = 200
#: forms that are swallowed: oral dose forms, and the chews, powders and drinks of
#: supplements and pet products (a treat is a food reward, not a remedy)
INGESTED = DOSE_FORMS["oral"] | frozenset(
    "chews chewables gummies gummy powder supplement supplements tea drink drops tincture".split()
)
#: words that make an uncategorised listing a pet product
PET_WORDS = frozenset(
    "dog dogs cat cats pet pets puppy puppies kitten kittens canine feline".split()
)
_WORDS = re.compile(r"[^\W\d_]+")
#: how much of a listing's text tells its language
_LANGUAGE_SAMPLE = 2000


@dataclass(frozen=True, slots=True)
class ClaimHit:
    """A claim located in the batch: row position, field, the claim, the seller's words."""

    index: int
    field: str
    claim: Claim
    sentence: str
    match: str
    group: str


@dataclass(frozen=True, slots=True)
class _Work:
    row: int
    field: str
    text: str
    mapped: MappedText
    sentence: Candidate


def _collect(batch: Batch, fields: tuple[str, ...]) -> list[_Work]:
    """Candidate sentences of the batch; each distinct text is read once (catalogues
    repeat titles and boilerplate descriptions). The gate reads the batch's folded
    column (folded once for every family)."""
    frame = batch.frame
    work: list[_Work] = []
    for name in fields:
        if name not in frame.columns or frame[name].dtype != pl.Utf8:
            continue
        rows = gated_rows(batch.folded_series(name), title=name == "title")
        # words split by a no-break space ("cu<NBSP>res") pass the gate closed
        split = batch.split_cells([name])
        if split:
            words = prefilter().words
            closed = pl.Series([closed_form(t, words) for t in split.values()], dtype=pl.Utf8)
            cells = [i for _, i in split]
            more = [cells[k] for k in gated_rows(closed, title=name == "title")]
            rows = sorted(set(rows).union(more))
        # the gated cells leave polars in one call (indexing a Series costs ~1 µs a cell)
        texts = frame[name].gather(rows).to_list() if rows else []
        seen: dict[str, tuple[MappedText, list[Candidate]]] = {}
        barren = _BARREN.setdefault(name, _Barren())
        for i, text in zip(rows, texts, strict=True):
            found = seen.get(text)
            if found is None:
                if text in barren:
                    continue
                found = seen[text] = candidates(text, name)
                if not found[1]:
                    barren.add(text)
            mapped, sents = found
            work.extend(_Work(i, name, text, mapped, c) for c in sents)
    return work


class _Barren:
    """Cells of one field already read and found to hold no candidate sentence, kept
    across batches: a catalogue repeats its titles in every batch (1M generated
    listings: the same 421 titles gated by a product-form noun in each 50k batch, each
    read again for lexicon names). Only the verdict is kept, not the text in matching
    form, and at most :data:`_BARREN_CHARS` characters of cells (then it starts over)."""

    def __init__(self) -> None:
        self._texts: set[str] = set()
        self._chars = 0

    def __contains__(self, text: str) -> bool:
        return text in self._texts

    def add(self, text: str) -> None:
        if len(text) > _BARREN_CHARS // 100:
            return  # a long cell rarely repeats; keeping it would crowd out the rest
        if self._chars + len(text) > _BARREN_CHARS:
            self._texts.clear()
            self._chars = 0
        self._texts.add(text)
        self._chars += len(text)


#: field -> its barren cells (the candidates of a text depend on the text and field only)
_BARREN: dict[str, _Barren] = {}
#: characters of barren cells kept per field (a few MB: titles, boilerplate descriptions)
_BARREN_CHARS = 2_000_000


class _Products:
    """(product group, product type) of candidate rows from the shared product analysis
    (:mod:`listlint.product`), run once, on those rows only, the first time one is asked
    (only listings whose category and title do not tell are)."""

    def __init__(self, values: dict[str, dict[int, str | None]], rows: list[int]) -> None:
        self._values, self._rows = values, rows
        self._found: dict[int, tuple[str | None, str | None]] | None = None

    def of(self, i: int) -> tuple[str | None, str | None]:
        if self._found is None:
            from listlint.product import analyse_records

            fields = ("title", "product_type", "category")
            records: list[Mapping[str, Any]] = [
                {n: self._values[n].get(r) for n in fields} for r in self._rows
            ]
            frame = analyse_records(records).frame
            pairs = zip(
                frame["product_group"].to_list(), frame["product_type"].to_list(), strict=True
            )
            self._found = dict(zip(self._rows, pairs, strict=True))
        return self._found.get(i, (None, None))


def _group(
    values: dict[str, dict[int, str | None]],
    i: int,
    voc: Vocabulary,
    sells: _Products | None,
    words: frozenset[str],
) -> str:
    """What listing ``i`` sells, for the claims rules. The product analysis is not asked
    about a listing that names remedy forms (its head nouns read "Piles" as batteries and
    "Care" as car care: an uncategorised listing of capsules stays a health product)."""

    def folded(name: str) -> str | None:
        value = values[name].get(i)
        return fold(value) if value else None

    group = product_group(
        folded("category"),
        folded("product_type"),
        folded("title"),
        voc,
        None if sells is None else (lambda: sells.of(i)),
        folded("description"),
    )
    if group == "unknown" and not PET_WORDS.isdisjoint(words):
        return "pet"  # a listing no category or title places, about dogs and cats
    return group


def _language(values: dict[str, dict[int, str | None]], i: int) -> frozenset[str] | None:
    """The languages whose predicates count in listing ``i``: English and the one its
    words tell, or None (every language) when they do not."""
    text = " ".join(v for n in ("title", "description") if (v := values[n].get(i)))
    lang = language_vocabulary().detect(fold(text[:_LANGUAGE_SAMPLE]))
    return None if lang is None else frozenset({"en", lang})


def _cause(values: dict[str, dict[int, str | None]], i: int, words: re.Pattern[str]) -> bool:
    """Does listing ``i`` support a cause (awareness, charity, a memorial)? Any of its
    fields may say so: the title names the disease, the description the donation."""
    text = fold(" ".join(v for n in _CONTEXT_FIELDS if (v := values[n].get(i))))
    return words.search(text) is not None


def _sample(values: dict[str, dict[int, str | None]], i: int) -> tuple[str, frozenset[str]]:
    """The start of listing ``i``'s folded title and description, and its words: what
    tells whether it is about pets ("for overweight dogs"), names a remedy form or one
    that is swallowed (folded once for the three)."""
    text = fold(" ".join(v for n in ("title", "description") if (v := values[n].get(i))))
    text = text[:_LANGUAGE_SAMPLE]
    return text, frozenset(_WORDS.findall(text))


def _remedy(sample: str, words: frozenset[str], voc: Vocabulary) -> bool:
    """Does a listing (:func:`_sample`) present itself as a remedy: a product form of
    remedies (capsules, tea, drops) or a label of benefits or indications ("Benefícios:",
    "Indications:"), in any of the six languages?"""
    return not voc.remedy_forms.isdisjoint(words) or bool(voc.labels.search(sample))


class _Reading(NamedTuple):
    """A candidate sentence (in matching form) and everything else
    :meth:`~listlint.rules.claims.grammar.Grammar.claims` reads: its claims are a function
    of these alone (the grammar keeps no state between sentences, and the blank pipeline
    reads each text on its own)."""

    sentence: str
    group: str
    keywords: bool
    names: tuple[LexHit, ...]
    langs: frozenset[str] | None
    cause: bool
    title: bool
    remedy: bool
    ingested: bool


class _Readings:
    """The claims of each candidate sentence read so far, kept across batches: catalogues
    repeat their claim sentences (1M generated listings: 5,953 candidate sentences, the
    same few hundred in every 50k batch), and each costs a spaCy parse and the grammar
    (about 1 ms). At most :data:`_READINGS_CHARS` characters of sentences are kept (then
    it starts over)."""

    def __init__(self) -> None:
        self._claims: dict[_Reading, tuple[Claim, ...]] = {}
        self._chars = 0
        #: the matchers and vocabulary the claims were read with: another pipeline (a
        #: statistical model named by LISTLINT_SPACY_MODEL) reads them anew
        self._reader: tuple[object, object] | None = None

    def __getitem__(self, key: _Reading) -> tuple[Claim, ...]:
        return self._claims[key]

    def parse(self, keys: list[_Reading], nlp: Language, grammar: Grammar) -> None:
        """Read the sentences of ``keys`` not read yet: one ``nlp.pipe`` call, each
        distinct one once."""
        if (
            self._reader is None
            or self._reader[0] is not grammar.m
            or self._reader[1] is not grammar.voc
        ):
            self._claims, self._chars, self._reader = {}, 0, (grammar.m, grammar.voc)
        todo = list(dict.fromkeys(k for k in keys if k not in self._claims))
        if not todo:
            return
        chars = sum(len(k.sentence) for k in todo)
        if self._chars + chars > _READINGS_CHARS:
            # a batch's own sentences are always kept until it is done with them
            mine = set(keys)
            self._claims = {k: v for k, v in self._claims.items() if k in mine}
            self._chars = sum(len(k.sentence) for k in self._claims)
        docs = nlp.pipe((k.sentence for k in todo), batch_size=256)
        for k, doc in zip(todo, docs, strict=True):
            self._claims[k] = tuple(
                grammar.claims(
                    doc,
                    k.group,
                    keywords=k.keywords,
                    names=k.names,
                    langs=k.langs,
                    cause=k.cause,
                    title=k.title,
                    remedy=k.remedy,
                    ingested=k.ingested,
                )
            )
        self._chars += chars


#: candidate sentence -> its claims, for the process
_READ = _Readings()
#: characters of candidate sentences whose claims are kept (a few MB)
_READINGS_CHARS = 4_000_000


def _quote(text: str, start: int, end: int) -> str:
    quote = text[start:end].strip()
    return quote if len(quote) <= QUOTE_MAX else quote[: QUOTE_MAX - 1].rstrip() + "…"


def analyse(batch: Batch, fields: tuple[str, ...] = CLAIM_FIELDS) -> list[ClaimHit]:
    """Every claim in the batch, in row order."""
    frame = batch.frame
    work = _collect(batch, fields)
    if not work:
        return []

    from listlint.rules.claims.grammar import Grammar
    from listlint.rules.claims.pipeline import claim_matchers

    voc = vocabulary()
    cm = claim_matchers()
    grammar = Grammar(cm, voc)
    rows = sorted({w.row for w in work})
    values = {  # only the candidate rows: the whole column is not needed in Python
        n: dict(zip(rows, frame[n].gather(rows).to_list(), strict=True))
        if n in frame.columns and frame[n].dtype == pl.Utf8
        else {}
        for n in _CONTEXT_FIELDS
    }
    sells = _Products(values, rows)
    samples = {i: _sample(values, i) for i in rows}
    remedies = {i: _remedy(*samples[i], voc) for i in rows}
    ingested = {i: not INGESTED.isdisjoint(samples[i][1]) for i in rows}
    groups = {
        i: _group(values, i, voc, None if remedies[i] else sells, samples[i][1]) for i in rows
    }
    langs = {i: _language(values, i) for i in rows}
    causes = {i: _cause(values, i, grammar.causes) for i in rows}
    out: list[ClaimHit] = []
    keys = [
        _Reading(
            w.mapped.text[w.sentence.start : w.sentence.end],
            groups[w.row],
            w.field in KEYWORD_FIELDS,
            w.sentence.names,
            langs[w.row],
            causes[w.row],
            w.field == "title",
            remedies[w.row],
            ingested[w.row],
        )
        for w in work
    ]
    _READ.parse(keys, cm.nlp, grammar)
    for w, key in zip(work, keys, strict=True):
        i, a, b = w.row, w.sentence.start, w.sentence.end
        for claim in _READ[key]:
            s, e = w.mapped.source_span(a + claim.start, a + claim.end)
            ss, se = w.mapped.source_span(a, b)
            out.append(ClaimHit(i, w.field, claim, _quote(w.text, ss, se), w.text[s:e], groups[i]))
    out.sort(key=lambda h: (h.index, CLAIM_FIELDS.index(h.field) if h.field in CLAIM_FIELDS else 9))
    return out
