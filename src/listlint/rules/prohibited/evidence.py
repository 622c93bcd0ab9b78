"""Per-batch evidence: which listings mention which prohibited/restricted category, how
strongly, and where.

Two stages keep this fast on millions of listings: the vectorised prefilter of
:mod:`listlint.rules.prohibited.prefilter` keeps the few listings that mention a term or look
disguised; those go through the Aho-Corasick automaton of :mod:`listlint.rules.prohibited.vocab`,
where benign contexts, accessory nouns, denials, brand names and context words decide what
each match is worth.

A match is worth its field's weight (category, product type, title and tags 2; description,
bullets, brand and attribute columns 1; text deep in a long description 0.5), halved for a
weak term ("wine", "axe", "ivory"). A category is evidenced when its distinct terms add up
to :data:`THRESHOLD`: a weak word alone in a description is not enough, in a title it is.
Matches that only depict the item (a toy, a print, "whisky-scented") are kept apart so
that a pack can decide whether depictions count (hate symbols do).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING

import polars as pl

from listlint.fields import ATTR_PREFIX
from listlint.memo import BoundedMemo
from listlint.rules.prohibited.accents import accent_ok
from listlint.rules.prohibited.prefilter import (
    FIELD_WEIGHTS,
    Candidates,
    candidate_rows,
    scanned_fields,
)
from listlint.rules.prohibited.presence import ContextPresence
from listlint.rules.prohibited.roles import judged
from listlint.rules.prohibited.vocab import BENIGN, TERM, CategoryPattern, Term, Vocabulary
from listlint.rules.prohibited.wording import (
    TITLE_CUT,
    WORD,
    contains_words,
    in_words,
    latin_lookalikes,
    negated,
    next_words,
    prev_words,
)
from listlint.text.deobfuscate import deobfuscate
from listlint.text.joints import closed_form
from listlint.text.normalize import has_joint
from listlint.text.saferegex import compile_pattern

if TYPE_CHECKING:
    from collections.abc import Callable

    from listlint.batch import Batch
    from listlint.product import ListingProduct, ProductAnalysis, TermRole
    from listlint.rules.prohibited.products import ProductEvidence

    #: the product analysis' role of ``field[start:end]`` in one listing (None: not judged)
    RoleOf = Callable[[str, int, int], tuple[TermRole, ListingProduct] | None]

#: fields that say what the product is (a weak word there is enough)
PRIMARY_FIELDS = frozenset(n for n, w in FIELD_WEIGHTS.items() if w >= 2.0)
#: characters into a description after which a match counts half ("one deep in a long description")
DEEP_OFFSET = 2000
WEAK_FACTOR = 0.5
#: units a number is a measure of ("8 inch", "12 pack"), not part of a term ending in it
_UNITS = frozenset(
    "inch inches in mm cm m ft feet foot oz lb lbs gal gallon gallons quart ml l g kg pack pk "
    "pcs pc pieces piece count ct x volt v w watt ah mah qt yd yard".split()
)
THRESHOLD = 1.0


@dataclass(slots=True)
class TermHit:
    term: Term
    field: str
    start: int
    end: int
    #: the folded (or de-obfuscated) text the span refers to
    text: str
    weight: float
    depiction: bool = False
    disguised: bool = False
    #: only a search tag or keyword list names it: at most a warning
    tag: bool = False
    #: the product analysis' role of the span and why (quoted in the finding)
    role: str = ""
    reason: str = ""
    #: what else the finding must say: a medicine's presentation, a recall's notice
    note: str = ""
    #: in an attribute, category or product-type column of a row without a title: nothing
    #: says this is what is sold
    untitled: bool = False


@dataclass
class CategoryEvidence:
    category: str
    hits: list[TermHit] = field(default_factory=list)

    def counted(self, depictions: bool) -> list[TermHit]:
        return [h for h in self.hits if depictions or not h.depiction]

    def score(self, depictions: bool) -> float:
        """Sum over distinct terms of their best weight. Weak words mentioned only in a
        description or attribute ("pairs well with red wine and champagne") never add up
        to a finding on their own: they need a title/category/tags match or a normal term."""
        hits = self.counted(depictions)
        if not any(not h.term.weak or h.field in PRIMARY_FIELDS for h in hits):
            return 0.0
        best: dict[str, float] = {}
        for h in hits:
            best[h.term.text] = max(best.get(h.term.text, 0.0), h.weight)
        return sum(best.values())

    def best(self, depictions: bool) -> TermHit | None:
        hits = self.counted(depictions)
        # what the listing itself says beats a search tag
        return max(hits, key=lambda h: (not h.tag, h.weight, -h.start)) if hits else None


# -- stage 2: the automaton on candidate rows ----------------------------------------------
@dataclass
class _Text:
    field: str
    weight: float
    text: str
    disguised: bool
    terms: list[tuple[int, int, Term]]
    benign: list[tuple[int, int, int]]
    #: terms found in the folded text that the seller's accents rule out
    accented: set[int] = dataclasses.field(default_factory=set)
    #: the matches no benign phrase of their own covers (worked out once per text: the
    #: scans are memoised, and variants repeat titles)
    open: list[tuple[int, int, Term]] | None = None


#: a pack pattern's match: the pattern, the field's name, weight and text, the span
_PatternMatch = tuple[CategoryPattern, str, float, str, int, int]


def _longest(matches: list[tuple[int, int, Term]]) -> list[tuple[int, int, Term]]:
    """Drop term matches inside a longer one ("kratom" inside "kratom capsules"), in one
    sweep in start order (not every match against every other: a text of thousands of
    matches stays linear). A match starting earlier that reaches this one's end holds it;
    at the same start only a match ending later does. Input order is kept."""
    if len(matches) < 2:
        return matches
    order = sorted(range(len(matches)), key=lambda k: (matches[k][0], -matches[k][1]))
    dropped: set[int] = set()
    reach = -1  # furthest end of the matches starting before the current start
    start, first_end = -1, -1  # the current start and its longest match's end
    for k in order:
        s, e = matches[k][0], matches[k][1]
        if s != start:
            reach, start, first_end = max(reach, first_end), s, e
        if reach >= e or first_end > e:
            dropped.add(k)
    return [m for k, m in enumerate(matches) if k not in dropped]


#: the most cells a row analyser remembers the reading of (bounded memory on huge batches)
_SCAN_LIMIT = 100_001


class RowAnalyser:
    """Evidence for one listing (the scanned fields of one row), against one vocabulary.

    Fields the prefilter flagged are matched first; the others only when a matched term
    needs listing-wide evidence (a context word, a benign phrase found anywhere). Matches
    of a text are memoised, since variants repeat titles and descriptions."""

    def __init__(self, vocab: Vocabulary, patterns: list[CategoryPattern]) -> None:
        self.vocab = vocab
        self.patterns = patterns
        self._memo: BoundedMemo[tuple[str, str, bool, str | None], list[_Text]] = BoundedMemo(
            _SCAN_LIMIT
        )

    def _scan(
        self, field_name: str, weight: float, text: str, disguised: bool, raw: str | None = None
    ) -> list[_Text]:
        # the seller's accents decide short terms: two spellings that fold alike differ
        accents = raw if raw is not None and not raw.isascii() else None
        key = (field_name, text, disguised, accents)
        found = self._memo.get(key)
        if found is None:
            found = self._memo.keep(
                key, self._scan_text(field_name, weight, text, disguised, accents)
            )
        return found

    def _scan_text(
        self, field_name: str, weight: float, text: str, disguised: bool, raw: str | None
    ) -> list[_Text]:
        out = [self._match(field_name, weight, text, False, raw)]
        plain = out[0].terms
        # a word split by a no-break space is read closed ("Kra<NBSP>tom"); the seller's
        # text is at hand for every non-ASCII cell
        split = disguised and raw is not None and has_joint(raw)
        source = closed_form(raw, self.vocab.words) if split and raw is not None else text
        deob = deobfuscate(latin_lookalikes(source)) if disguised else text
        if deob != text:
            # a term the seller's accents ruled out ("bằng" is no "bang") is not a disguise
            seen = {t.id for _, _, t in plain} | out[0].accented
            extra = self._match(field_name, weight, deob, True)
            extra.terms = [m for m in extra.terms if m[2].id not in seen and len(m[2].text) >= 4]
            if extra.terms:
                out.append(extra)
        return out

    def _match(
        self, field_name: str, weight: float, text: str, disguised: bool, raw: str | None = None
    ) -> _Text:
        item = _Text(field_name, weight, text, disguised, [], [])
        for m in self.vocab.matcher.iter(text):
            kind, ref = m.payload
            if kind == TERM:
                term = self.vocab.terms[ref]
                if raw and not accent_ok(raw, text, m.start, m.end, term.spelling or term.text):
                    item.accented.add(term.id)
                    continue  # "bông" (cotton) is not the term "bong"
                item.terms.append((m.start, m.end, term))
            elif kind == BENIGN:
                item.benign.append((m.start, m.end, ref))
        return item

    def analyse(
        self,
        values: list[tuple[str, float, str]],
        disguised: frozenset[str] = frozenset(),
        hot: set[str] | None = None,
        patterned: frozenset[str] | None = None,
        raw: dict[str, str] | None = None,
        role_of: RoleOf | None = None,
        lacks: Callable[[str], bool] | None = None,
        complete: bool = True,
    ) -> dict[str, CategoryEvidence]:
        """``values``: (field, weight, folded text) of one listing; ``disguised``: the fields
        whose text looks obfuscated (de-obfuscated and matched a second time); ``hot``: the
        fields the prefilter flagged (None = all); ``patterned``: the fields where a pack
        pattern matched (None = try them everywhere); ``raw``: the seller's text of fields
        with accents (short terms must keep them); ``role_of``: the product analysis' role
        of a span of this listing (None: every match names the product); ``lacks``: is a
        context certainly absent from the whole listing (:mod:`.presence`); ``complete``:
        the caller needs the matches of unflagged fields even when no flagged match counts
        (it checks its own hits against them), so the analysis does not stop early."""
        raw = raw or {}
        first = [v for v in values if hot is None or v[0] in hot]
        texts = [t for f, w, v in first for t in self._scan(f, w, v, f in disguised, raw.get(f))]
        may_pattern = bool(self.patterns) and (patterned is None or bool(patterned))
        if not any(t.terms for t in texts) and not may_pattern:
            return {}
        needs = any(self.vocab.needs_listing(term) for t in texts for _, _, term in t.terms)
        # most flagged matches are settled by their own text ("ivory white") or by a context
        # the listing lacks ("Tank Top"): no need for the rest of the listing. Unflagged
        # fields can only hold terms of categories no pack cares about (the prefilter left
        # them out), which matter to a caller that is not ``complete``.
        reads_others = needs and hot is not None
        if not may_pattern and not (reads_others and complete) and self._settled(texts, lacks):
            return {}
        if needs:
            texts += [
                t
                for f, w, v in values
                if hot is not None and f not in hot
                for t in self._scan(f, w, v, f in disguised, raw.get(f))
            ]
        present = {b for t in texts for _, _, b in t.benign}
        with_patterns = [v for v in values if patterned is None or v[0] in patterned]
        pattern_matches = self._pattern_matches(with_patterns)
        # context words and signals are looked for only when a judged match asks
        contexts = _Contexts(self.vocab, texts, [v for _, _, v in values])
        by_field = {f: v for f, _, v in values}
        brand_words = tuple(WORD.findall(by_field.get("brand", "")))
        category_text = " ".join(by_field.get(f, "") for f in ("category", "product_type"))
        media = self.vocab.media_matcher.contains_any(category_text)
        names = self._names(texts)
        title = by_field.get("title", "")
        head = title[: m.start()] if (m := TITLE_CUT.search(title)) else title
        head_products = {m.payload for m in self.vocab.product_matcher.iter(head)}
        head_words = " " + " ".join(WORD.findall(head)) + " "
        out: dict[str, CategoryEvidence] = {}
        for t in texts:
            for start, end, term in _longest(t.terms):
                if _accessory_listing(self.vocab, term.category, head_words, t, start):
                    continue  # "Gun safe for 10 rifles", "Whiskey decanter set"
                hit = self._judge(t, start, end, term, present, contexts, brand_words, media)
                if hit is None or not self._role(hit, role_of):
                    continue
                hit.depiction = (
                    hit.depiction
                    or term.text in names
                    or self._subject_only(term, t.field, title, head_products)
                )
                out.setdefault(term.category, CategoryEvidence(term.category)).hits.append(hit)
        for hit in self._pattern_hits(pattern_matches, brand_words, media, contexts):
            if self._role(hit, role_of):
                out.setdefault(hit.term.category, CategoryEvidence(hit.term.category)).hits.append(
                    hit
                )
        return out

    def _excused(self, t: _Text, start: int, end: int, term: Term) -> bool:
        """A benign phrase of the term covers this match ("ivory white", "hot glue gun")."""
        allowed = self.vocab.term_benign.get(term.id)
        if not allowed:
            return False
        benign = self.vocab.benign
        for b_start, b_end, bid in t.benign:  # a plain loop: asked of every candidate match
            if b_start < end and start < b_end and bid in allowed and benign[bid].covers:
                return True
        return False

    def _settled(self, texts: list[_Text], lacks: Callable[[str], bool] | None) -> bool:
        """Does no match of ``texts`` count, whatever the rest of the listing says? Each is
        inside a longer match, covered by a benign phrase of its own, or needs a context
        the listing certainly lacks (``lacks``)."""
        for t in texts:
            if t.open is None:
                t.open = [m for m in _longest(t.terms) if not self._excused(t, *m)]
            for _, _, term in t.open:
                if term.context and lacks is not None and lacks(term.context):
                    continue
                return False
        return True

    def _role(self, hit: TermHit, role_of: RoleOf | None) -> bool:
        """Ask the product analysis what the match does; False when it is not the product
        (a colour, a brand, a modifier of another product, a compatibility target)."""
        if role_of is None or hit.disguised or hit.term.id < 0:
            return True  # a pattern ("5000 puffs", "this recall involves") is no noun phrase
        answer = role_of(hit.field, hit.start, hit.end)
        if answer is None:
            return True
        found, product = answer
        head = product.head
        between = ""
        if hit.field == "title" and head is not None and head.start >= hit.end:
            between = hit.text[hit.end : head.start]
        j = judged(
            found,
            product,
            weak=hit.term.weak,
            substance=hit.term.category in self.vocab.substances,
            brand_term=hit.term.brand,
            between=between,
            category=hit.term.category,
            text=hit.text,
        )
        hit.role, hit.reason = j.role, j.reason
        hit.depiction = hit.depiction or j.depiction
        hit.tag = j.tag
        return j.keep

    def _subject_only(self, term: Term, field_name: str, title: str, products: set[str]) -> bool:
        """The title names another product (a poster, a camera, a jacket) and this term only
        appears further down: it describes the subject, not the item sold. A media title
        covers every category; a durable one only objects, and only weak words."""
        if field_name in PRIMARY_FIELDS or not products or in_words(term.text, title):
            return False
        if "media" in products:
            return True
        return term.weak and term.category not in self.vocab.substances

    def _names(self, texts: list[_Text]) -> set[str]:
        """Terms the title uses as a name or modifier of another product: a durable-goods
        noun follows them in the title's main phrase ("CoreFlex Crossbow 41in Longboard",
        "SlingShot 200 Camera Back Pack"). The same word elsewhere in the listing is that
        name too."""
        out: set[str] = set()
        for t in texts:
            if t.field != "title" or not t.terms:
                continue
            cut = TITLE_CUT.search(t.text)
            head_end = cut.start() if cut else len(t.text)
            products = [m for m in self.vocab.product_matcher.iter(t.text) if m.end <= head_end]
            for _, end, term in t.terms:
                # a fur coat is made of fur; a workout DVD is not made of fat burner
                kinds = (
                    ("media",) if term.category in self.vocab.substances else ("media", "durable")
                )
                if end <= head_end and any(m.start >= end and m.payload in kinds for m in products):
                    out.add(term.text)
        return out

    def _judge(
        self,
        t: _Text,
        start: int,
        end: int,
        term: Term,
        present: set[int],
        contexts: _Contexts,
        brand_words: tuple[str, ...],
        media: bool,
    ) -> TermHit | None:
        vocab = self.vocab
        if self._excused(t, start, end, term):
            return None
        allowed = vocab.term_benign.get(term.id)
        # a covering phrase must overlap this match (above); another phrase may be anywhere
        if allowed and any(bid in present and not vocab.benign[bid].covers for bid in allowed):
            return None
        if term.context and not contexts.found(term.context, t, start, end):
            return None  # the context word must be another word than the term itself
        prev, nxt = prev_words(t.text, start), next_words(t.text, end)
        prev1 = prev[-1] if prev else ""
        if negated(t.text, start, vocab.negated):
            return None
        if nxt and nxt[0] == "free":
            return None
        if term.text[-1:].isdigit() and nxt and nxt[0] in _UNITS:
            return None  # "Delta 8 inch faucet": the number belongs to a measure
        accessories = vocab.accessories.get(term.category, frozenset())
        if accessories and (
            (nxt and (nxt[0] in accessories or " ".join(nxt) in accessories)) or prev1 == "for"
        ):
            return None
        if term.weak and t.field != "brand" and contains_words(term.text, brand_words):
            return None  # "Grenade" protein bar, "Axe" body spray: the brand, not the item
        depiction = (
            media
            or prev1 in vocab.before
            or bool(nxt and (nxt[0] in vocab.after or " ".join(nxt) in vocab.after))
        )
        weight = t.weight * (WEAK_FACTOR if term.weak else 1.0)
        if start > DEEP_OFFSET:
            weight *= 0.5
        return TermHit(term, t.field, start, end, t.text, weight, depiction, t.disguised)

    def _pattern_matches(self, values: list[tuple[str, float, str]]) -> list[_PatternMatch]:
        """The first match of each pack pattern in each of ``values``, pattern by pattern."""
        found = []
        for p in self.patterns:
            rx = compile_pattern(p.pattern, p.where)
            for name, weight, text in values:
                m = rx.search(text)
                if m is not None:
                    found.append((p, name, weight, text, *_trim(text, m.start(), m.end())))
        return found

    def _pattern_hits(
        self,
        matches: list[_PatternMatch],
        brand_words: tuple[str, ...],
        media: bool,
        contexts: _Contexts,
    ) -> list[TermHit]:
        hits = []
        for p, name, weight, text, start, end in matches:
            # a pattern match is judged like a term (denials, accessories, depictions)
            term = Term(-1, text[start:end], p.category, p.weak, p.context, "sourced", p.where)
            t = _Text(name, weight, text, False, [], [])
            hit = self._judge(t, start, end, term, set(), contexts, brand_words, media)
            if hit is not None:
                hits.append(hit)
        return hits


class _Contexts:
    """A listing's context words (contexts.tsv) and signals (patterns.tsv), found on the
    first question: most matches are settled before their context matters (a benign
    phrase, a denial), and searching every field for every signal is costly."""

    def __init__(self, vocab: Vocabulary, texts: list[_Text], values: list[str]) -> None:
        self._vocab, self._texts, self._values = vocab, texts, values
        self._words: list[tuple[_Text, int, int, str]] | None = None
        self._signals: dict[str, bool] = {}

    def found(self, name: str, t: _Text, start: int, end: int) -> bool:
        """Does the listing have context ``name`` other than the match ``t[start:end]``
        itself (the context word must be another word than the term)?"""
        if self._words is None:
            self._words = [
                (w, m.start, m.end, m.payload)
                for w in self._texts
                for m in self._vocab.context_matcher.iter(w.text)
            ]
        if any(n == name and not (w is t and s < end and start < e) for w, s, e, n in self._words):
            return True
        if name not in self._signals:  # a trade pattern standing for the word ("0.4ohm": vape)
            self._signals[name] = any(
                compile_pattern(p.pattern, p.where).search(v)
                for p in self._vocab.trade
                if p.strength == "signal" and p.context == name
                for v in self._values
            )
        return self._signals[name]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """A pattern's match without the separators its boundaries consumed."""
    while start < end and not text[start].isalnum():
        start += 1
    while end > start and not text[end - 1].isalnum():
        end -= 1
    return start, end


def _accessory_listing(
    vocab: Vocabulary, category: str, head_words: str, t: _Text, start: int
) -> bool:
    """The title's main phrase names an accessory of the category ("gun safe", "knife
    block", "whisky decanter"): the category's words in this listing describe what the
    accessory is for. A term that opens the title itself ("Bourbon ... gift box") is
    still the product."""
    heads = vocab.accessory_heads.get(category)
    if not heads:
        return False
    if t.field == "title" and not t.text[:start].strip():
        return False
    return any(f" {h} " in head_words for h in heads)


def analyse(
    batch: Batch,
    vocab: Vocabulary,
    regex: str,
    patterns: list[CategoryPattern],
    products: ProductEvidence | None = None,
    product: Callable[[], ProductAnalysis] | None = None,
) -> dict[int, dict[str, CategoryEvidence]]:
    """Row index -> category -> evidence, for every listing with at least one counted match.

    With ``product`` (the batch's shared product analysis, asked for only when there are
    candidate rows), matches are judged by their role in the listing; with ``products``,
    listings also get evidence from what they are: a medicine, a recalled product, a
    prohibited group named by their own category."""
    fields = scanned_fields(batch)
    if not fields:
        return {}
    found = candidate_rows(batch, fields, regex, patterns, vocab.words)
    hot = found.hot
    medicine_rows, recall_rows = products.candidates(batch) if products else (set(), set())
    rows = sorted(set(hot) | medicine_rows | recall_rows)
    if not rows:
        return {}
    # only the candidate rows' cells leave polars
    taken = pl.Series(rows, dtype=pl.UInt32)
    folded = batch.folded_rows([name for name, _ in fields], taken)
    texts = [name for name, _ in fields if batch.frame[name].dtype == pl.Utf8]
    gtins = batch.frame["gtin"].cast(pl.Utf8).gather(taken).to_list() if batch.has("gtin") else None
    analysis = product() if product is not None else None
    # one frame pass for the rows whose product decides a hit (a medicine, their own
    # category's group); the few whose matches need a role read theirs when asked
    listings = {}
    own_rows: set[int] = set()
    if analysis is not None and products is not None:
        own_rows = medicine_rows | products.group_rows(analysis, rows)
        listings = analysis.products(sorted(own_rows))
    analyser = RowAnalyser(vocab, patterns)
    presence = ContextPresence(vocab, rows, folded, hot)
    # rows whose flagged matches all go nowhere ("ivory white", "Tank Top"), told
    # columnar; a row that may also be what it sells (a medicine, a recall, its own
    # category's group) is judged whole, as its own hits need the row analysis
    settled = _settled(vocab, found, rows, folded, presence) - (
        medicine_rows | recall_rows | own_rows
    )
    # a recall candidate's description is searched for models only when it may hold one
    coded = products.coded_cells(rows, folded, recall_rows) if products is not None else set()
    # the seller's own spelling (accents) serves the row analysis and the medicine check:
    # only rows still judged after settling get it, in one gather for every text column
    # (a wide catalogue has thousands)
    spelled = [i for i in rows if i not in settled and (i in hot or i in medicine_rows)]
    raws = (
        batch.frame.select(texts)[pl.Series(spelled, dtype=pl.UInt32)].to_dict(as_series=False)
        if spelled
        else {}
    )
    spelling = {i: k for k, i in enumerate(spelled)}
    out: dict[int, dict[str, CategoryEvidence]] = {}
    for k, i in enumerate(rows):
        if i in settled:
            continue
        recalled: TermHit | None = None  # found early when the row is only a recall's candidate
        if i not in hot and i not in own_rows:
            # only a recall's candidate (a recall's name word: "Maxi Dress"): its recall
            # is all it can show, so only the fields a recall reads are gathered first
            if products is None or analysis is None or i not in recall_rows:
                continue
            read = {
                name: v
                for name, _ in fields
                if (name in _RECALL_FIELDS or (name, i) in coded)
                and (v := folded[name][k])
                and not (name.startswith(ATTR_PREFIX) and _is_link(v))
            }
            with_code = {name for name in read if (name, i) in coded}
            recalled = products.recall(read, gtins[k] if gtins else None, with_code)
            if recalled is None:
                continue
        values = [
            (name, weight, v)
            for name, weight in fields
            if (v := folded[name][k]) and not (name.startswith(ATTR_PREFIX) and _is_link(v))
        ]
        # the seller's accents and the product's roles serve the row analysis and the
        # medicine check only: most other candidates are a recall's name word ("maxi")
        raw: dict[str, str] = {}
        if i in spelling:
            j = spelling[i]
            raw = {name: r for name in raws if (r := raws[name][j]) and not r.isascii()}
        role_of = None
        if analysis is not None and i in hot:
            role_of = _roles(analysis, i)
        # what the listing is (a medicine, a recalled product, its own category's group),
        # asked first: the row analysis must then keep every match these are checked against
        own: list[TermHit] = []
        if products is not None and analysis is not None:
            by_field = {name: v for name, _, v in values}
            classified = "category" in by_field or "product_type" in by_field
            listing = listings.get(i)
            if recalled is None and i in recall_rows:
                recalled = products.recall(
                    by_field,
                    gtins[k] if gtins else None,
                    {name for name in by_field if (name, i) in coded},
                )
            own = [
                hit
                for hit in (
                    products.medicine(by_field, listing, raw)
                    if listing is not None and i in medicine_rows
                    else None,
                    recalled,
                    products.group(listing, by_field)
                    if listing is not None and classified
                    else None,
                )
                if hit is not None
            ]
        evidence: dict[str, CategoryEvidence] = {}
        if i in hot:
            marked = frozenset(n for n in hot[i] if (n, i) in found.disguised)
            patterned = frozenset(n for n in hot[i] if (n, i) in found.patterned)
            # a context word in a de-obfuscated text is not in the folded cells searched
            lacks = None if marked else partial(presence.lacks, row=i)
            evidence = analyser.analyse(
                values, marked, hot[i], patterned, raw, role_of, lacks, complete=bool(own)
            )
        for hit in own:
            if not _covered(evidence, hit):
                evidence.setdefault(
                    hit.term.category, CategoryEvidence(hit.term.category)
                ).hits.append(hit)
        if evidence and "title" not in by_field_names(values):
            for ev in evidence.values():
                for h in ev.hits:
                    # a category or attribute cell of a row with no title (a feature
                    # table, a variant row) says nothing of what this row sells; the
                    # loader maps "Categorie"/"Kategorie" headers to the category too
                    h.untitled = h.field.startswith(ATTR_PREFIX) or h.field in _CLASS_FIELDS
        if evidence:
            out[i] = evidence
    return out


def _settled(
    vocab: Vocabulary,
    found: Candidates,
    rows: list[int],
    folded: dict[str, list[str | None]],
    presence: ContextPresence,
) -> set[int]:
    """Candidate rows the row analysis would settle on their flagged cells
    (:mod:`.settle`). Rows with a disguised or pack-patterned cell are left to it: their
    second reading and patterns are not plain term matches."""
    odd = {i for _, i in found.disguised} | {i for _, i in found.patterned}
    cells = []
    for k, i in enumerate(rows):
        names = found.hot.get(i)
        if names and i not in odd:
            cells += [(i, v) for n in names if (v := folded[n][k])]
    return vocab.settler.settled(cells, presence.lacks) if cells else set()


#: the fields a recall's name is read from (:meth:`RecallIndex.match`)
_RECALL_FIELDS = frozenset({"title", "brand", "product_type"})

#: fields that classify a listing rather than say what it is
_CLASS_FIELDS = frozenset({"category", "product_type"})


def by_field_names(values: list[tuple[str, float, str]]) -> set[str]:
    return {name for name, _, _ in values}


def _covered(evidence: dict[str, CategoryEvidence], hit: TermHit) -> bool:
    """Is ``hit``'s span already a match of a category's own term? "5% Nicotine" in a vape
    is the vape's nicotine, not the OTC medicine nicotine (gum, patches)."""
    return any(
        h.field == hit.field and h.start < hit.end and hit.start < h.end
        for ev in evidence.values()
        for h in ev.hits
        if ev.category != hit.term.category
    )


def _roles(analysis: ProductAnalysis, row: int) -> RoleOf:
    product: list[ListingProduct] = []

    def role_of(field_name: str, start: int, end: int) -> tuple[TermRole, ListingProduct]:
        if not product:
            product.append(analysis.product(row))
        return analysis.role(row, field_name, start, end), product[0]

    return role_of


def _is_link(value: str) -> bool:
    return value.startswith(("http://", "https://", "www.", "/")) and " " not in value.strip()
