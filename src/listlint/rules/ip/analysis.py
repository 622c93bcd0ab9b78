"""Per-batch brand analysis shared by the ``ip`` rules (:mod:`listlint.rules.ip.family`).

Shape (STYLE.md): counterfeit phrases and exact brand names are found with automata on
the rows a polars ``contains_any`` prefilter selected; lookalike spellings are found by
scoring the batch's UNIQUE title vocabulary once (:mod:`listlint.rules.ip.lookalike`), then
joining the few hit tokens back to rows, where context decides the weak ones.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import polars as pl

from listlint.rules.ip.brand_column import column_lookalikes
from listlint.rules.ip.distinct import Distinct, where
from listlint.rules.ip.families import Character
from listlint.rules.ip.families import key as brand_key_of
from listlint.rules.ip.index import BrandIndex, Name
from listlint.rules.ip.listing import (
    BRAND_PRONE_TYPES,
    MODEL_FIELD,
    PRODUCT_GROUPS,
    TYPE_GROUPS,
    CharacterIndex,
    ListingFacts,
    read_facts,
)
from listlint.rules.ip.lookalike import (
    ATTESTED,
    STRONG,
    TOKEN_RE,
    WordHit,
    multi_match,
    single_grade,
    split_names,
    vocabulary_hits,
)
from listlint.rules.ip.nominative import is_nominative
from listlint.rules.ip.prices import ACCESSORY, PriceBook
from listlint.rules.ip.signals import WEAK_WINDOW, Signal, SignalMatcher, technical_near
from listlint.rules.ip.substitution import swapped_names
from listlint.rules.ip.wording import licence_claim, licence_pattern
from listlint.text.confusables import is_mixed_script, skeleton
from listlint.text.deobfuscate import collapse_spacing
from listlint.text.normalize import fold
from listlint.text.steps import non_ascii

if TYPE_CHECKING:
    from listlint.batch import Batch

_SPACED = r"(?:^|[^a-z])(?:[a-z][ .\-_*·•]){2,}[a-z](?:$|[^a-z])"
#: comparison words that name a brand they are not ("inspired", "style"): eBay brand misuse
_COMPARISON = r"\b(?:inspired|style)\b"
#: a micro sign (folded to Greek mu) before a unit: "115 µm", "50 µg"
_MICRO_UNIT = re.compile(r"^[µμ](?:m|g|l|s|a|v|f|w|mol)$")
#: distinct titles whose exact matches the index keeps between batches (~100 MB at most)
_SEEN_LIMIT = 200_000
#: distinct kept listings whose facts the price book keeps between batches (~20 MB)
_FACTS_LIMIT = 50_000
#: what may surround a name that stands alone as a title (quotes, dashes, brackets)
_OUTSIDE = re.compile(r"[\W_]+")


@dataclass(slots=True)
class Mention:
    name: Name
    field: str
    start: int
    end: int
    source: str  # the whole folded field the mention was found in
    disguise: str | None = None  # why it is a lookalike; None = plain brand spelling
    _nominative: bool | None = None
    #: the brand is named only by this model, nickname or initials (a coded reference)
    coded: bool = False

    @property
    def text(self) -> str:
        """The folded text as written."""
        return self.source[self.start : self.end]

    @property
    def nominative(self) -> bool:
        """Named as what the item fits ("case for iPhone"); decided on first use only, as
        most mentions are dropped before any rule asks."""
        if self._nominative is None:
            self._nominative = is_nominative(self.source, self.start, self.end, self.name)
        return self._nominative


@dataclass(slots=True)
class RowEvidence:
    mentions: list[Mention] = field(default_factory=list)
    signals: list[tuple[Signal, str, int, int]] = field(default_factory=list)  # signal, field, span
    mixed_script: list[str] = field(default_factory=list)
    #: what the listing sells, second-hand or licence wording, characters it shows
    facts: ListingFacts | None = None


def _mention(name: Name, fname: str, text: str, s: int, e: int, disguise: str | None) -> Mention:
    return Mention(name, fname, s, e, text, disguise)


def _exact_mentions(
    index: BrandIndex,
    fname: str,
    text: str,
    cjk: bool = True,
    seen: dict[tuple[str, bool], list[tuple[Name, int, int, str | None]]] | None = None,
) -> list[Mention]:
    """Exact names in ``text``; ``seen`` keeps each distinct text's matches (variants and
    re-listed items repeat their titles), the mentions themselves are made per row."""
    found = seen.get((text, cjk)) if seen is not None else None
    if found is None:
        found = [
            (m.payload, m.start, m.end, "known lookalike name" if m.payload.is_lookalike else None)
            for m in (*index.exact.longest(text), *(index.exact_cjk.iter(text) if cjk else ()))
        ]
        if seen is not None:
            seen[(text, cjk)] = found
    return [Mention(name, fname, a, b, text, disguise) for name, a, b, disguise in found]


class _Context:
    """What a row says about itself: its category groups and counterfeit wording, the
    support a weak lookalike ("Nikey", "Hugo Bass") needs."""

    def __init__(
        self,
        batch: Batch,
        index: BrandIndex,
        out: dict[int, RowEvidence],
        prices: PriceBook,
        product: Callable[[], Any] | None = None,
    ) -> None:
        self.index, self.out, self.prices, self.product = index, out, prices, product
        self.cats = batch.folded_series("category")
        self.titles = batch.folded("title")
        self.brand_col = batch.frame.get_column("brand") if batch.has("brand") else None
        self.raw_titles = batch.frame.get_column("title") if batch.has("title") else None

    def claims(self, i: int, name: Name) -> bool:
        """The brand column names this brand: the seller says the goods are theirs."""
        col = self.brand_col[i] if self.brand_col is not None else None
        return self.index.matches_brand(name.brand, col)

    def supports(self, i: int, name: Name) -> bool:
        if self.strong_supports(i, name):
            return True
        text = " ".join(t for t in (self.cats[i], self.titles[i]) if t)
        if name.brand.groups & self.index.groups_of(text):
            return True
        # the listing sells a type the brand has models or a price list in
        types = self.index.types.get(name.brand.name, ())
        return any(t in types for _, t in self.prices.types_in(text))

    def own_line(self, i: int, name: Name) -> bool:
        """The listing sells a product type the brand itself sells (its price floors or
        models): "Guci belt" is a Gucci line, "Panna velour leggings" no Puma one."""
        types = self.index.types.get(name.brand.name, ())
        text = " ".join(t for t in (self.cats[i], self.titles[i]) if t)
        return any(t in types for _, t in self.prices.types_in(text) if t != ACCESSORY)

    def disjoint(self, i: int, name: Name) -> bool:
        """Does the listing name a product type none of the brand's groups cover?"""
        text = " ".join(t for t in (self.cats[i], self.titles[i]) if t)
        listing = set(self.index.groups_of(text))
        for _, t in self.prices.types_in(text):
            listing |= TYPE_GROUPS.get(t, frozenset())
        if not listing and self.product is not None:
            pa = self.product()
            group = pa.frame["product_group"][i] if pa is not None else None
            listing |= PRODUCT_GROUPS.get(group or "", frozenset())
        return (
            bool(listing)
            and not (listing & name.brand.groups)
            and not self.strong_supports(i, name)
        )

    def strong_supports(self, i: int, name: Name) -> bool:
        """Counterfeit wording, or the same brand named otherwise: a model ("Rolexx
        Datejust", "Chanelle No 5")."""
        ev = self.out.get(i)
        if ev is None:
            return False
        # comparison wording ("a twist on the classic bud vase") supports only the name it
        # compares with, which is not known yet here (signals are qualified at the end)
        if any(
            s.strength == "strong"
            or (s.strength == "medium" and not s.term.startswith(_COMPARISONS))
            for s, *_ in ev.signals
        ):
            return True
        # the brand named otherwise: the lookalike repeated in the description ("The Cloe
        # vase is...") is the same coincidence of letters, no support for itself
        return any(m.name.brand is name.brand and not m.disguise for m in ev.mentions)

    def own_token(self, i: int, tok: str) -> bool:
        """The token is (a word of) the row's brand column: the seller's own name
        ("Bioré" under brand "Biore", "Timberline" under "Timberline Colorado")."""
        col = self.brand_col[i] if self.brand_col is not None else None
        if not col:
            return False
        folded = fold(col)
        return brand_key_of(tok) == brand_key_of(col) or tok in re.findall(r"[^\W_]+", folded)

    def foreign_accent(self, i: int, tok: str) -> bool:
        """The seller wrote the token with accents the brand does not have ("cách" in
        Vietnamese, "réplica"): a word of another language, not a respelled brand."""
        raw = self.raw_titles[i] if self.raw_titles is not None else None
        if not raw or raw.isascii():
            return False
        return any(not w.isascii() and fold(w) == tok for w in re.findall(r"[^\W\d_]+", raw))


def _lookalikes(
    batch: Batch,
    index: BrandIndex,
    titles: list[str | None],
    title_s: Distinct,
    row: Callable[[int], RowEvidence],
    ctx: _Context,
) -> None:
    """Lookalike spellings: the unique vocabulary once, then join back to rows."""
    for i, name, start, end, grade in split_names(index, titles, title_s):
        if grade == STRONG or ctx.supports(i, name):
            row(i).mentions.append(
                _mention(name, "title", titles[i] or "", start, end, "brand name split in two")
            )
    spaced = where(title_s, lambda s: s.str.contains(_SPACED))
    work = {i: collapse_spacing(titles[i] or "") for i in spaced.arg_true().to_list()}
    # the vocabulary of the distinct titles (variants repeat theirs)
    tok_lists = title_s.values.drop_nulls().str.extract_all(TOKEN_RE.pattern)
    vocab = tok_lists.explode().drop_nulls().unique().to_list()
    extra = {t for text in work.values() for t in TOKEN_RE.findall(text)}
    hits = vocabulary_hits(index, sorted(set(vocab) | extra))
    mixed = {t for t in vocab if not t.isascii() and is_mixed_script(t)}
    candidates = set(hits) | mixed
    rows_with = set(work)
    if candidates:
        # a substring prefilter over the column; the token loop below confirms each row
        terms = sorted(candidates)
        found = where(title_s, lambda s: s.str.contains_any(terms))
        rows_with |= set(found.arg_true().to_list())
    for i in sorted(rows_with):
        text = work.get(i, titles[i]) or ""
        toks = [(m.group(0), m.start(), m.end()) for m in TOKEN_RE.finditer(text)]
        plain = set(TOKEN_RE.findall(titles[i] or "")) if i in work else set()
        for k, (tok, s, e) in enumerate(toks):
            if tok in mixed and tok not in hits and not ctx.own_token(i, skeleton(tok)):
                if not _MICRO_UNIT.match(tok):  # "µm", "µg": the micro sign of a unit
                    row(i).mixed_script.append(tok)
            if i in work and tok not in plain and len(tok) >= 3:
                for n, _p in index.word_skeletons.get(skeleton(tok), ()):
                    if len(index.brand_words(n)) == 1:
                        row(i).mentions.append(
                            _mention(n, "title", text, s, e, "spaced-out letters")
                        )
            for hit in hits.get(tok, ()):
                _add_lookalike(index, row(i), hit, toks, k, hits, text, ctx, i)
    for i, swap, start, end in swapped_names(index, set(vocab), titles, title_s):
        text = titles[i] or ""
        if any(m.name.brand is swap.name.brand for m in row(i).mentions):
            continue
        # the name standing alone as the listing's name, or a category that is the brand's
        alone = not _OUTSIDE.sub("", text[:start] + text[end:])
        if (alone or ctx.supports(i, swap.name)) and not ctx.claims(i, swap.name):
            row(i).mentions.append(_mention(swap.name, "title", text, start, end, swap.evidence))


def _add_lookalike(
    index: BrandIndex,
    ev: RowEvidence,
    hit: WordHit,
    toks: list[tuple[str, int, int]],
    k: int,
    hits: dict[str, list[WordHit]],
    text: str,
    ctx: _Context,
    i: int,
) -> None:
    if any(m.name.brand is hit.name.brand and m.disguise for m in ev.mentions):
        return
    tok = toks[k][0]
    if ctx.own_token(i, tok):
        return  # the seller's own brand name, whatever it looks like
    if hit.distance > 0 and not hit.kind:
        if ctx.foreign_accent(i, tok):
            return
        if any(m.name.brand is hit.name.brand and not m.disguise and m.name.kind in ("name", "variant")
               for m in ev.mentions if m.field == "title"):  # fmt: skip
            return  # "Laneige ... Leneige ... Lanege": search spellings next to the real name
    if len(index.brand_words(hit.name)) > 1:
        found = multi_match(index, hit, toks, k, hits)
        if found is None:
            return
        start, end, grade = found
    else:
        g = single_grade(hit, skeleton(tok), tok)
        if g is None:
            return
        start, end, grade = toks[k][1], toks[k][2], g
    if grade == ATTESTED:
        # another word's respelling is the brand's only with wording or its model named
        own = ctx.own_line(i, hit.name) and not hit.respells
        if not (ctx.strong_supports(i, hit.name) or own):
            return
    elif grade != STRONG and not ctx.supports(i, hit.name):
        return
    elif not hit.kind and hit.distance > 0 and ctx.disjoint(i, hit.name):
        # a made-up spelling on a product the brand has nothing to do with ("Lepovo" wine,
        # "Tiffanee" mirror) is a coincidence of letters, not a copy of the brand
        return
    ev.mentions.append(_mention(hit.name, "title", text, start, end, hit.evidence))


def _column_lookalikes(batch: Batch, index: BrandIndex, row: Callable[[int], RowEvidence]) -> None:
    """Lookalike names in the brand column: its distinct values once, then the rows."""
    folded = batch.folded_series("brand")
    found = column_lookalikes(index, folded.drop_nulls().unique().to_list())
    if not found:
        return
    idx = folded.is_in(list(found)).fill_null(False).arg_true()
    for i, value in zip(idx.to_list(), folded.gather(idx).to_list(), strict=True):
        hit, ev = found[value], row(i)
        if not any(m.name.brand is hit.name.brand and m.disguise for m in ev.mentions):
            evidence = f"{hit.evidence}, as the brand name"
            ev.mentions.append(_mention(hit.name, "brand", value, hit.start, hit.end, evidence))


def analyse(
    batch: Batch,
    index: BrandIndex,
    signals: SignalMatcher,
    prices: PriceBook,
    characters: CharacterIndex,
    product: Callable[[], Any] | None = None,
) -> dict[int, RowEvidence]:
    """Row position -> evidence, for rows with any brand mention, lookalike, signal or
    character property."""
    out: dict[int, RowEvidence] = {}

    def row(i: int) -> RowEvidence:
        # not setdefault: that would build (and drop) an evidence object on every call
        ev = out.get(i)
        if ev is None:
            ev = out[i] = RowEvidence()
        return ev

    titles = batch.folded("title")
    # the title column's distinct values, found once for the six tests of it below
    title_s = Distinct(batch.folded_series("title"))
    # 1. counterfeit phrases first: they are the context weak lookalikes need (a seller's
    # tags are read too: "super-clone" is often only there)
    for fname in ("title", "description", "tags"):
        if batch.has(fname):
            for i, found in signals.scan(batch, fname):
                row(i).signals.extend((sig, fname, s, e) for sig, s, e in found)
    # 2. exact names (and aliases) in titles: prefilter, then the automaton with boundaries
    cand = where(title_s, lambda s: s.str.contains_any(index.prefilter_terms))
    # titles repeat across batches too (variants, re-listed items): the index keeps
    # each distinct title's matches for the run, bounded
    seen = index.title_matches
    if len(seen) > _SEEN_LIMIT:
        seen.clear()
    for i in cand.arg_true().to_list():
        row(i).mentions.extend(_exact_mentions(index, "title", titles[i], seen=seen))
    # 3. lookalike spellings
    _lookalikes(batch, index, titles, title_s, row, _Context(batch, index, out, prices, product))
    if batch.has("brand"):  # the brand column itself imitating a brand ("Adadis")
        _column_lookalikes(batch, index, row)
    # rows with a signal or comparison wording ("LV inspired", "CC style"): scan the whole
    # title for the two-letter abbreviations the prefilter leaves out
    compare = where(title_s, lambda s: s.str.contains(_COMPARISON)).arg_true().to_list()
    for i in [*(i for i, ev in out.items() if ev.signals), *compare]:
        ev = out.get(i)
        if titles[i] and not (ev and any(m.field == "title" for m in ev.mentions)):
            in_title = _exact_mentions(index, "title", titles[i], cjk=False, seen=seen)
            if in_title:
                row(i).mentions.extend(in_title)
    # 4. brand mentions in descriptions only where the title named a brand or a signal
    if batch.has("description") and out:
        # only these rows' descriptions that can hold a name become Python strings (they
        # are long, and the automaton's short keys occur inside most of them)
        rows = pl.Series([i for i, ev in out.items() if ev.signals or ev.mentions], dtype=pl.UInt32)
        gathered = batch.folded_series("description").gather(rows)
        keep = may_name(index, gathered).arg_true()
        descs = dict(zip(rows.gather(keep).to_list(), gathered.gather(keep).to_list()))
        # a batch's repeated descriptions are scanned once (not kept past the batch: long)
        desc_seen: dict[tuple[str, bool], list[tuple[Name, int, int, str | None]]] = {}
        for i, ev in out.items():
            if descs.get(i) and (ev.signals or ev.mentions):
                named = {m.name.brand.name for m in ev.mentions}
                for m in _exact_mentions(index, "description", descs[i], cjk=False, seen=desc_seen):
                    if m.name.brand.name not in named:
                        named.add(m.name.brand.name)
                        ev.mentions.append(m)
    # 5. weak signals ("style", "like", "homage") count only right next to a brand;
    # "genuine"/"authentic" right before a brand only where the brand column names another
    column = batch.frame.get_column("brand") if batch.has("brand") else None
    cats = batch.folded_series("category")
    for i, ev in out.items():
        title = titles[i]
        if ev.mentions and title:
            ev.signals.extend(
                (s, "title", a, b)
                for s, a, b in signals.weak(title, ev.mentions)
                if s.strength != "assurance"
                or _contradicted(
                    index, ev, b, column, i, " ".join(filter(None, (cats[i], titles[i])))
                )
            )
    # 6. character properties on the listing, then what each kept listing sells and says
    found_chars: dict[int, list[tuple[Character, int, int]]] = {}
    if batch.has("title"):
        for i in characters.rows(title_s):
            shown = characters.find(titles[i])
            if shown:
                found_chars[i] = shown
                row(i)
    if out:
        _finish(batch, index, prices, out, found_chars)
    return out


def may_name(index: BrandIndex, texts: pl.Series) -> pl.Series:
    """Which folded ``texts`` can hold a whole-word Latin name of ``index.exact`` (a
    superset: the automaton decides): in ASCII text, a long key as a substring and a
    short one as a whole word; a text with a non-ASCII character always (its names may
    be Arabic, and a word boundary there follows the phrase matcher's rules for
    scripts without spaces)."""
    hit = non_ascii(texts)
    if index.exact_long:
        hit = hit | texts.str.contains(index.exact_long)
    if index.exact_short:
        hit = hit | texts.str.contains(index.exact_short)
    return hit.fill_null(False)


def _finish(
    batch: Batch,
    index: BrandIndex,
    prices: PriceBook,
    out: dict[int, RowEvidence],
    found_chars: dict[int, list[tuple[Character, int, int]]],
) -> None:
    """Facts of every kept row, then the signals and mentions those facts qualify."""
    rows = sorted(out)

    def column(name: str) -> list[str | None]:
        if not batch.has(name):
            return [None] * len(rows)
        return batch.folded_series(name).gather(rows).to_list()

    titles, ptypes, cats = column("title"), column("product_type"), column("category")
    conds = column("condition")
    # descriptions are long: only those a columnar prefilter finds licence wording in are
    # read for it
    descs: list[str | None] = [None] * len(rows)
    if batch.has("description"):
        gathered = batch.folded_series("description").gather(rows)
        for k in gathered.str.contains(licence_pattern()).fill_null(False).arg_true().to_list():
            descs[k] = gathered[k]
    raw_brand = (
        batch.frame.get_column("brand").gather(rows).to_list()
        if batch.has("brand")
        else [None] * len(rows)
    )
    raw = {
        f: batch.frame.get_column(f).gather(rows).to_list() if batch.has(f) else [None] * len(rows)
        for f in ("title", "description")
    }
    # variants and re-listed items repeat their title, type and category, within a batch
    # and across batches: the price book keeps what they say for the run, bounded
    memo: dict[tuple[object, ...], ListingFacts] = prices.facts_seen
    if len(memo) > _FACTS_LIMIT:
        memo.clear()
    for k, i in enumerate(rows):
        ev = out[i]
        models = [
            (m.start, m.end, m.name.ptype)
            for m in ev.mentions
            if m.field == "title" and m.name.ptype and not m.disguise and not m.name.context_only
        ]
        # read once per distinct key; the description (a licence claim there) per row
        key = (titles[k], ptypes[k], cats[k], conds[k], raw_brand[k], tuple(models))
        base = memo.get(key)
        if base is None:
            base = memo[key] = read_facts(
                prices, titles[k], ptypes[k], cats[k], conds[k], None, raw_brand[k], models
            )
        # a copy per row (its characters are the row's); the constructor, not
        # dataclasses.replace, which introspects the fields on every call
        ev.facts = ListingFacts(
            base.ptype,
            base.ptype_field,
            base.used,
            base.licence or licence_claim(descs[k]),
            base.brand_column,
            [(c, "title", a, b) for c, a, b in found_chars.get(i, ())],
        )
        if ev.signals:  # most kept rows name a brand with no wording to qualify
            _qualify_signals(ev, titles[k] or "", index, {f: raw[f][k] for f in raw})
        _follow_nominative(ev)
        _own_models(ev)
        if any(m.name.is_coded for m in ev.mentions):
            _mark_coded(ev, index, raw_brand[k])


#: a replica grade token at the start of a signal term ("aaa", "7a", "aaa grade")
_GRADE_TOKEN = re.compile(r"^(?:a{3,4}\+?|\d{1,2}a)\b")
#: comparison wording that must name what it compares with ("inspired by X", "smells like X")
_COMPARISONS = (
    "inspir", "ispirat", "geïnspireerd", "terinspirasi", "مستوح", "lấy cảm hứng", "灵感",
    "smells like", "compare to", "our version of", "our impression of", "impression of",
    "twist on",
)  # fmt: skip
#: how far after "inspired by" the brand or model must start (characters)
_INSPIRED_REACH = 30


def _qualify_signals(
    ev: RowEvidence, title: str, index: BrandIndex, raw: dict[str, str | None]
) -> None:
    """Drop the signals the listing's own facts explain away:

    * a term inside a brand or model name ("Replica" in Maison Margiela's "Replica Jazz
      Club", "Royal Oak" ...) is that name, not copy wording;
    * a replica grade ("AAA", "7A") counts on a brand-prone product only, and never next
      to a technical word ("AAA batteries", "7A charger", "10A virgin hair");
    * "brand" terms ("top grade", "player version") need a protected brand in the listing;
    * "inspired by" needs a brand or a model right after it, or a name the seller
      capitalises that is no ordinary word ("inspired by Baccarat Rouge 540"; not
      "inspired by nature", "inspired by Earl Grey tea", "inspired by Dr. Levine").
    """
    facts = ev.facts
    kept = []
    named = bool(ev.mentions)
    for sig, field_, a, b in ev.signals:
        if any(m.field == field_ and m.start <= a and b <= m.end for m in ev.mentions):
            continue
        text = title if field_ == "title" else None
        if sig.strength == "grade" or _GRADE_TOKEN.match(sig.term):
            if facts is None or facts.ptype not in BRAND_PRONE_TYPES:
                if sig.strength == "grade":
                    continue
            if text is not None and technical_near(text, a, b):
                continue
        if sig.strength == "brand" and not named:
            continue
        if sig.strength == "medium" and sig.term.startswith(_COMPARISONS):
            after = [
                m for m in ev.mentions if m.field == field_ and 0 <= m.start - b <= _INSPIRED_REACH
            ]
            if not after and not _names_a_product(raw.get(field_), sig.term):
                continue
        kept.append((sig, field_, a, b))
    ev.signals = kept


def _follow_nominative(ev: RowEvidence) -> None:
    """A model right after its brand named as what the item fits is what it fits too
    ("fits Stanley Quencher", "for Apple Watch Ultra")."""
    models = [
        m for m in ev.mentions if m.name.is_model and m.field == "title" and m._nominative is None
    ]
    if not models:
        return  # the brand mentions' own reading stays lazy (most are never asked)
    for m in models:
        before = [
            f
            for f in ev.mentions
            if f.field == "title"
            and not f.name.is_model
            and f.name.brand is m.name.brand
            and 0 <= m.start - f.end <= 2
        ]
        if any(f.nominative for f in before):
            m._nominative = True


def _own_models(ev: RowEvidence) -> None:
    """A model name several brands share ("Superstar": adidas and Golden Goose) is the
    model of the brand the listing names or imitates ("Adidas Superstar", "Adidaz
    Superstar"): the other brands' readings of that word are dropped."""
    readings: dict[tuple[str, int, int], list[Mention]] = {}
    for m in ev.mentions:
        if m.name.is_model:
            readings.setdefault((m.field, m.start, m.end), []).append(m)
    shared = [ms for ms in readings.values() if len(ms) > 1]
    if not shared:
        return
    named = {m.name.brand.name for m in ev.mentions if not m.name.is_model}
    drop: set[int] = set()
    for ms in shared:
        owners = [m for m in ms if m.name.brand.name in named]
        if owners:
            drop.update(id(m) for m in ms if m not in owners)
    if drop:
        ev.mentions = [m for m in ev.mentions if id(m) not in drop]


#: a person's title before a name: "inspired by Dr. Levine" names a person, not a product
_PERSON = ("dr", "mr", "mrs", "ms", "prof", "st", "sir", "saint")


def _names_a_product(raw: str | None, term: str) -> bool:
    """Do the words after ``term`` in the seller's text start with a capitalised name
    that is no ordinary word (a product or brand the index does not know)?"""
    from listlint.rules.ip.index import is_common_word

    if not raw:
        return False
    k = raw.lower().find(term)
    if k < 0:
        return False
    words = re.findall(r"[^\W_]+", raw[k + len(term) : k + len(term) + 40])[:3]
    if not words or words[0].lower().rstrip(".") in _PERSON:
        return False
    return any(w[:1].isupper() and not is_common_word(w.lower()) and w.isalpha() for w in words)


def _mark_coded(ev: RowEvidence, index: BrandIndex, brand_column: str | None) -> None:
    """A model, nickname or initials standing for a brand the listing does not spell out
    (and its brand column does not claim): a coded reference."""
    spelled = {
        m.name.brand.name
        for m in ev.mentions
        if not m.name.is_coded and m.name.kind not in ("slang_zh",)
    }
    for m in ev.mentions:
        if (
            m.name.is_coded
            and not m.disguise
            and m.name.brand.name not in spelled
            # a device model is how everyone names it ("iPhone 15", "PS5"); a luxury model
            # or a nickname standing alone is how copies dodge the brand's name
            and (m.name.kind != "model_name" or m.name.ptype in BRAND_PRONE_TYPES)
            # a fragrance's name doubles as a flavour or colour ("Lost Cherry" vape)
            # (the perfume type must come from the listing's words, not from that name)
            and (
                m.name.ptype != "perfume"
                or (
                    ev.facts is not None
                    and ev.facts.ptype == "perfume"
                    and ev.facts.ptype_field != MODEL_FIELD
                )
            )
            and not index.matches_brand(m.name.brand, brand_column)
            and not m.nominative
        ):
            m.coded = True


def _contradicted(
    index: BrandIndex,
    ev: RowEvidence,
    end: int,
    column: pl.Series | None,
    i: int,
    text: str,
) -> bool:
    """Does the row's brand column name another brand than the one right after ``end``?"""
    value = column[i] if column is not None else None
    if not value:
        return False  # no brand column, or a blank cell: nothing is contradicted
    after = [m for m in ev.mentions if m.field == "title" and 0 <= m.start - end <= WEAK_WINDOW]
    return any(
        not index.matches_brand(m.name.brand, value) and (m.disguise or _as_brand(index, m, text))
        for m in after
    )


def _as_brand(index: BrandIndex, m: Mention, text: str) -> bool:
    """Is an ordinary-word brand ("Apple", "Coach") used as the brand here? Only where the
    listing's words name one of its groups: "genuine Apple charger", not "genuine apple cider"."""
    if m.name.brand.ordinary_in_category:
        return False
    if not (m.name.context_only or m.name.brand.common_word):
        return True
    return bool(m.name.brand.groups & index.groups_of(text))
