"""Rule family ``specs``: required attributes, identifiers and listing text (issue 6).

This module holds the category and variant rules (SP1xx); identifiers (SP2xx) live in
:mod:`listlint.rules.specs.identifiers`, text limits in :mod:`listlint.rules.specs.text_rules`
and wording (promotions, placeholders, HTML, symbols) in
:mod:`listlint.rules.specs.wording`. What each marketplace requires is data: the ``specs:``
section of the policy packs (:mod:`listlint.rules.specs.policy`); a listing's category is
mapped onto the packs' category paths by :mod:`listlint.taxonomy`.
"""

from __future__ import annotations

import functools
import operator
from collections.abc import Iterable, Iterator
from dataclasses import fields
from typing import TYPE_CHECKING, Any

import polars as pl

from listlint.fields import GROUP, REC, ROW, SHEET
from listlint.report import Severity
from listlint.rules.base import Hit, Rule
from listlint.rules.specs import textcheck as tc
from listlint.rules.specs.attributes import EXAMPLES, suggestion_for
from listlint.rules.specs.family import (
    SPEC_POLICY,
    SpecsAnalysis,
    SpecsCatalogRule,
    located_rows,
)
from listlint.rules.specs.identifiers import RULES as IDENTIFIER_RULES
from listlint.rules.specs.policy import specs_of
from listlint.rules.specs.text_rules import RULES as TEXT_RULES
from listlint.rules.specs.variants import duplicate_variants, missing_variant_values
from listlint.rules.specs.wording import RULES as WORDING_RULES
from listlint.text.matcher import Match, PhraseMatcher, inflections
from listlint.text.normalize import fold
from listlint.text.steps import non_ascii

if TYPE_CHECKING:
    from listlint.batch import Batch
    from listlint.policy.pack import PolicyPack
    from listlint.rules.context import BatchContext
    from listlint.rules.specs.attributes import AttributeColumns
    from listlint.taxonomy import CategoryMatch


class _CategoryAttributes(SpecsCatalogRule):
    """Shared walk: for each listing, the attributes its category asks for, per pack.

    A blank cell is a finding on its listing (per batch, :meth:`check`). An attribute the
    file has no column for is one finding for the whole file (issue 22: the fix is one
    column, not 5,000 cells), on its first listing, naming every marketplace and counting
    the listings that need it: each batch counts its own (:meth:`partial`, one row per
    attribute and category) and :meth:`merge` adds them up."""

    fields = ("category", "product_type")
    kind = "required"  # or "recommended"
    #: one finding per attribute: each attribute's partial rows merge on their own
    merge_key = ("__attr",)

    def _needs(self, path: str | None) -> dict[str, list[tuple[PolicyPack, str]]]:
        """attribute -> [(pack asking for it, the category path whose rule asks)]."""
        out: dict[str, list[tuple[PolicyPack, str]]] = {}
        for pack in self.packs:
            required, recommended = specs_of(pack).requirements(path)
            for attr, where in (required if self.kind == "required" else recommended).items():
                out.setdefault(attr, []).append((pack, where))
        return out

    def _rules_text(self, asks: list[tuple[PolicyPack, str]]) -> str:
        """ "for Apparel listings on Google Shopping and for Apparel > Clothing listings on
        Amazon US": each marketplace with the category rule that asks."""
        by_where: dict[str, list[PolicyPack]] = {}
        for pack, where in asks:
            by_where.setdefault(where, []).append(pack)
        return " and ".join(f"for {w} listings on {self.names(p)}" for w, p in by_where.items())

    def _asked(
        self, analysis: SpecsAnalysis
    ) -> tuple[list[dict[str, list[tuple[PolicyPack, str]]]], list[str]]:
        """What each distinct category asks for, and every attribute asked (in order)."""
        memo: dict[str | None, dict[str, list[tuple[PolicyPack, str]]]] = {}
        for m in analysis.categories.unique:
            if m.path not in memo:
                memo[m.path] = self._needs(m.path)
        needs = [memo[m.path] for m in analysis.categories.unique]
        return needs, list(dict.fromkeys(a for asks in needs for a in asks))

    def hits(self, context: BatchContext) -> Iterable[Hit]:
        # per listing, in each batch (the catalogue part is partial/merge)
        return self.check(context.batch, context.analysis(self.family))

    def check(self, batch: Batch, analysis: SpecsAnalysis) -> Iterator[Hit]:
        attrs = analysis.attributes
        cats = analysis.categories
        needs, names = self._asked(analysis)
        names = [a for a in names if attrs.column(a) is not None]
        if not names:
            return
        # columnar: the listings whose category asks for an attribute they lack (a
        # parent/grouped row is not sold; its variants carry the values)
        candidate = pl.repeat(False, len(batch), eager=True)
        for attr in names:
            asking = [k for k, asks in enumerate(needs) if attr in asks]
            candidate = candidate | (cats.codes.is_in(asking) & attrs.missing_mask(attr))
        rows = (candidate & ~analysis.parent_mask).arg_true()
        codes = cats.codes.gather(rows).to_list()
        missing = {a: attrs.missing_mask(a).gather(rows).to_list() for a in names}
        # the finding of one category text and attribute, built once (as keywords)
        made: dict[tuple[int, str], dict] = {}
        for j, (i, k) in enumerate(zip(rows.to_list(), codes)):
            for attr, asks in needs[k].items():
                if attr not in missing or not missing[attr][j]:
                    continue
                if (k, attr) not in made:
                    hit = self._hit(attrs, attr, cats.unique[k], asks)
                    made[k, attr] = {f.name: getattr(hit, f.name) for f in fields(Hit)}
                yield Hit(**{**made[k, attr], "index": i})

    def _hit(self, attrs: AttributeColumns, attr: str, cat: CategoryMatch, asks: list) -> Hit:
        packs = [p for p, _ in asks]
        return self.missing_hit(
            attrs,
            attr,
            0,
            "{label} is missing{absent}; it is "
            + f"{self.kind} {self._rules_text(asks)} (category {cat.text!r})",
            packs,
            match=cat.text,
            policy=self._link(asks),
            severity=self.severity_of(packs) if self.kind == "required" else None,
        )

    def _link(self, asks: list[tuple[PolicyPack, str]]) -> str | None:
        return self.pack_link(asks[0][0], *specs_of(asks[0][0]).category_links(asks[0][1]))

    def partial(self, batch: Batch, analysis: SpecsAnalysis) -> pl.DataFrame | None:
        """Per attribute the file has no column for, and per category asking for it: the
        first listing, how many listings, and the finding's parts. An attribute whose
        column this batch has gets a marker row (``__n`` 0), so the merge never says the
        file lacks a column one of its batches has (options routed per batch)."""
        attrs = analysis.attributes
        needs, names = self._asked(analysis)
        if not names:
            return None
        cats = analysis.categories
        sellable = pl.DataFrame({"k": cats.codes, "i": range(len(batch))}).filter(
            ~analysis.parent_mask
        )
        parts: dict[str, list] = {c: [] for c in _PARTIAL}
        at: list[int] = []
        for attr in names:
            if attrs.column(attr) is not None:
                at.append(0)
                for c, v in zip(_PARTIAL, (attr, attrs.label(attr), None, "0", "", "", None, None)):
                    parts[c].append(v)
                continue
            asking = [k for k, asks in enumerate(needs) if attr in asks]
            counted = (
                sellable.filter(pl.col("k").is_in(asking))
                .group_by("k", maintain_order=True)
                .agg(pl.col("i").first(), pl.len().alias("n"))
            )
            for k, i, n in counted.iter_rows():
                asks = needs[k][attr]
                packs = [p for p, _ in asks]
                severity = self.severity_of(packs) if self.kind == "required" else None
                at.append(i)
                values = (
                    attr,
                    attrs.label(attr),
                    cats.unique[k].text,
                    str(n),
                    self._rules_text(asks),
                    "\x1f".join(p.label for p in packs),
                    severity.value if severity is not None else None,
                    self._link(asks),
                )
                for c, v in zip(_PARTIAL, values):
                    parts[c].append(v)
        return located_rows(batch, at, **parts) if at else None

    def merge(self, partials: pl.DataFrame) -> Iterable[Hit]:
        partials = partials.with_columns(pl.col("__n").cast(pl.Int64))
        for _, rows in partials.sort(REC).group_by("__attr", maintain_order=True):
            counted = rows.filter(pl.col("__n") > 0)
            if counted.height:
                yield self._file_hit(counted, has_column=counted.height < rows.height)

    def _file_hit(self, rows: pl.DataFrame, has_column: bool) -> Hit:
        first = rows.row(0, named=True)
        label = first["__label"]
        n = int(rows["__n"].sum())
        per_category = (
            rows.group_by("__cat", maintain_order=True)
            .agg(pl.col("__n").sum())
            .sort("__n", descending=True, maintain_order=True)
        )
        shown = [f"{c!r} ({k})" for c, k in per_category.head(_SHOWN).iter_rows()]
        if per_category.height > _SHOWN:
            shown.append(f"and {per_category.height - _SHOWN} more")
        rules = list(dict.fromkeys(rows["__rules"].to_list()))
        rules_text = " and ".join(rules[:_SHOWN]) + (" and others" if len(rules) > _SHOWN else "")
        labels = {x for m in rows["__markets"].to_list() for x in m.split("\x1f")}
        markets = tuple(p.label for p in self.packs if p.label in labels)
        levels = [Severity(v) for v in rows["__severity"].drop_nulls().to_list()]
        where = (
            f"{n} listing{'s' if n != 1 else ''} of "
            + ("category " if per_category.height == 1 else "categories ")
            + ", ".join(shown)
        )
        why = (
            f"rows of this file that carry no {label} value"
            if has_column
            else f"this file has no {label} column"
        )
        return Hit(
            message=f"{label} is missing on {where} ({why}; reported once for the file); "
            f"it is {self.kind} {rules_text}",
            match=first["__cat"],
            column=label,
            **_at_first(first),
            suggestion=f"add a column with each listing's {label}"
            + (
                f" (for example {EXAMPLES[first['__attr']]})" if first["__attr"] in EXAMPLES else ""
            ),
            policy=first["__policy"],
            severity=max(levels, key=lambda s: s.rank) if levels else None,
            marketplaces=markets,
        )


def _at_first(first: dict[str, Any]) -> dict[str, Any]:
    """The location of a file-level finding: the first listing it counts."""
    return {"rec": first[REC], "row": first[ROW], "sku": first["sku"], "sheet": first[SHEET]}


#: the columns of the attribute rules' partial frames (besides the listing's location)
_PARTIAL = ("__attr", "__label", "__cat", "__n", "__rules", "__markets", "__severity", "__policy")
#: categories and marketplace rules named in a file-level finding
_SHOWN = 3


class MissingRequiredAttribute(_CategoryAttributes):
    """A listing lacks an attribute its category requires on the selected marketplace(s).

    Why:
        Marketplaces disapprove listings without their category's required attributes:
        Google Merchant Center needs colour, gender and age group for Apparel &
        Accessories and size for clothing and shoes; Amazon needs size, colour and
        department for clothing and shoes. Requirements are per category path in the
        policy packs (``specs.categories``); children inherit from parents.
        https://support.google.com/merchants/answer/7052112

    Fails:
        category "Apparel > Shirts", size "" (clothing needs a size)
        category "Herrkläder", colour "" (Swedish "men's clothing")

    Passes:
        category "Apparel > Shirts", size "M", colour "Black"
        a parent or grouped row (Amazon "parent", WooCommerce "variable"/"grouped")
        category "Home > Kitchen", no size (kitchenware needs none)
        category "Clothing > Accessories", no size (accessories are exempt)

    Options:
        Requirements come from the selected packs (``--policy google-shopping``); on
        the baseline the finding is a warning, on a marketplace pack an error.
    """

    code = "SP101"
    name = "missing-required-attribute"
    severity = Severity.WARNING
    summary = "Attribute required for the listing's category is missing"


class MissingRecommendedAttribute(_CategoryAttributes):
    """A listing lacks an attribute its category recommends (off by default).

    Why:
        Recommended attributes (material for clothing, gender and age group on the
        baseline) improve matching and filters on every marketplace; not having them
        does not block a listing, so this rule is opt-in (``--select SP102``).
        https://support.google.com/merchants/answer/7052112

    Fails:
        category "Clothing > T-shirts", no material

    Passes:
        category "Clothing > T-shirts", material "Cotton"
    """

    code = "SP102"
    name = "missing-recommended-attribute"
    severity = Severity.INFO
    summary = "Attribute recommended for the listing's category is missing"
    default_enabled = False
    kind = "recommended"


_MENTION_FIELDS = ("title", "description", "bullets", "category")


class MissingConditionalAttribute(SpecsCatalogRule):
    """The listing's text mentions something that brings its own required attribute,
    such as a battery (battery type), and that attribute is missing.

    Why:
        Products with batteries need their battery type (cell composition) declared:
        Amazon's templates ask for it as a safety attribute and carriers treat lithium
        cells as dangerous goods. Conditions are data (``specs.conditions``: trigger
        words, cancelling phrases, required attributes); the Amazon pack has one. A
        blank cell is a finding on its listing; when the file has no column for the
        attribute, one finding for the file counts the listings that need it (issue 22).
        https://sellercentral.amazon.sa/gp/help/external/201576650

    Fails:
        --policy amazon-us: title "Wireless earbuds, 30 h battery life", no battery type
        --policy amazon-us: description "Rechargeable LED torch", battery type ""

    Passes:
        title "Wireless earbuds", battery type "Lithium-ion"
        title "Solar garden light, battery-free"
        title "Wooden puzzle" (no battery mentioned)
        --policy base: any listing (the baseline has no conditional requirements)
    """

    code = "SP103"
    name = "missing-conditional-attribute"
    severity = Severity.WARNING
    summary = "Text mentions a feature (battery) whose required attribute is missing"
    fields = _MENTION_FIELDS

    def _matcher(self) -> PhraseMatcher:
        if not hasattr(self, "_phrases"):
            terms = []
            for p, pack in enumerate(self.packs):
                for c, cond in enumerate(specs_of(pack).conditions):
                    for word in cond.mentions:
                        terms += [(f, (p, c, "mention")) for f in inflections(word)]
                    terms += [(w, (p, c, "unless")) for w in cond.unless]
            self._phrases = PhraseMatcher(terms)
            self._mention_keys = tc.folded_keys(t for t, (_, _, kind) in terms if kind == "mention")
            self._unless_keys = tc.folded_keys(t for t, (_, _, kind) in terms if kind == "unless")
            self._first_mention = _first_mention(terms)
        return self._phrases

    def _triggered(
        self, texts: list[str | None], memo: dict[str, list[Match[Any]]]
    ) -> dict[tuple[int, int], str]:
        """``memo``: each text's matches, kept for the batch (titles repeat across
        variants, a category path across thousands of listings)."""
        mentions: dict[tuple[int, int], str] = {}
        cancelled: set[tuple[int, int]] = set()
        matcher = self._matcher()
        for text in texts:
            if not text:
                continue
            found = memo.get(text)
            if found is None:
                found = memo[text] = matcher.longest(text)
            for m in found:
                p, c, kind = m.payload
                if kind == "unless":
                    cancelled.add((p, c))
                else:
                    mentions.setdefault((p, c), m.term)
        return {k: v for k, v in mentions.items() if k not in cancelled}

    def _needs(
        self, batch: Batch, analysis: SpecsAnalysis, *, with_column: bool
    ) -> Iterator[tuple[int, str, str, list[PolicyPack], str, str | None]]:
        """(listing, attribute, condition, packs asking, trigger word, policy link) for
        each attribute a listing's text makes required and the listing lacks, among the
        attributes the file has a column for (``with_column``) or has none for: per
        listing findings and the file-level partial each match only the texts they need
        (in a file either way, only one of them reads any text)."""
        if not len(self._matcher()):
            return
        attrs = analysis.attributes
        required = {
            attr
            for pack in self.packs
            for cond in specs_of(pack).conditions
            for attr in cond.required
            if (attrs.column(attr) is not None) is with_column
        }
        if not required:
            return
        # only listings whose text holds a trigger word somewhere can need anything, and
        # a finding needs a required attribute left blank: listings that fill every
        # attribute any condition requires are spared the phrase matching (in a clean
        # catalogue that is nearly every listing that mentions a battery); a parent row
        # is not sold (its variants are)
        fields = [f for f in _MENTION_FIELDS if batch.has(f)]
        if not fields or not self._mention_keys:
            return
        mentioned = _any(
            [tc.containing(batch.folded_series(f), self._mention_keys) for f in fields]
        )
        blank = _any([attrs.missing_mask(a) for a in sorted(required)])
        at = (mentioned & blank & ~analysis.parent_mask).arg_true()
        if not len(at):
            return
        texts = [batch.folded_series(f).gather(at) for f in _MENTION_FIELDS]
        rows = at.to_list()
        # the first mention, found in polars (:func:`_first_mention`) for listings whose
        # text is ASCII and holds no cancelling phrase; the matcher reads the others
        first, exact = self._first_mentions(texts)
        exact_at = [j for j, e in enumerate(exact) if e]
        exact_texts = [t.gather(exact_at).to_list() for t in texts] if exact_at else []
        # a listing's needs follow from what its text triggers (a word per condition):
        # worked out once per distinct trigger, then each attribute tested for a blank
        blanks = {a: attrs.missing_mask(a).gather(at).to_list() for a in required}
        needed: dict[tuple, list[tuple[str, str, list[PolicyPack], str, str | None]]] = {}
        by_word: dict[str, tuple] = {}
        pairs = self._first_mention[1] if self._first_mention is not None else ()
        memo: dict[str, list[Match[Any]]] = {}
        k = 0
        for j, i in enumerate(rows):
            key: tuple | None
            if exact[j]:
                key = tuple(self._triggered([t[k] for t in exact_texts], memo).items())
                k += 1
            elif (word := first[j]) is not None:
                key = by_word.get(word)
                if key is None:
                    key = by_word[word] = tuple((pc, word) for pc in pairs)
            else:
                continue
            needs = needed.get(key)
            if needs is None:
                needs = needed[key] = [
                    (attr, cond_name, packs, term, source)
                    for (attr, cond_name), (packs, term, source) in self._needs_of(
                        dict(key)
                    ).items()
                    if attr in required
                ]
            for attr, cond_name, packs, term, source in needs:
                if blanks[attr][j]:
                    yield i, attr, cond_name, packs, term, source

    def _first_mentions(self, texts: list[pl.Series]) -> tuple[list[str | None], list[bool]]:
        """Per listing (the cells of each field in ``texts``): its first mention found
        in polars, and whether the matcher must read it instead (text not ASCII, or a
        cancelling phrase somewhere in it)."""
        n = len(texts[0])
        if self._first_mention is None:
            return [None] * n, [True] * n
        pattern = self._first_mention[0]
        exact = _any(
            [non_ascii(t).fill_null(False) for t in texts]
            + [tc.containing(t, self._unless_keys) for t in texts if self._unless_keys]
        )
        # field by field, in the matcher's order: a later field only where none before
        # mentions anything
        first = texts[0].str.extract(pattern, 1)
        for t in texts[1:]:
            open_ = first.is_null()
            if not open_.any():
                break
            if t.null_count() == n:
                continue
            later = t.set(~open_, None).str.extract(pattern, 1)
            first = first.fill_null(later)
        return first.to_list(), exact.to_list()

    def _needs_of(
        self, triggered: dict[tuple[int, int], str]
    ) -> dict[tuple[str, str], tuple[list[PolicyPack], str, str | None]]:
        """(attribute, condition) -> (packs asking, trigger word, policy link) of a
        listing whose text triggers ``triggered`` (pack, condition) -> word."""
        needs: dict[tuple[str, str], tuple[list[PolicyPack], str, str | None]] = {}
        for (p, c), term in triggered.items():
            pack = self.packs[p]
            cond = specs_of(pack).conditions[c]
            link = self.pack_link(pack, cond.policy_url, cond.source)
            for attr in cond.required:
                entry = needs.setdefault((attr, cond.name), ([], term, link))
                entry[0].append(pack)
        return needs

    def hits(self, context: BatchContext) -> Iterable[Hit]:
        # per listing where the file has the attribute's column (the rest: partial/merge)
        analysis = context.analysis(self.family)
        attrs = analysis.attributes
        needs = self._needs(context.batch, analysis, with_column=True)
        for i, attr, cond_name, packs, term, source in needs:
            yield self.missing_hit(
                attrs,
                attr,
                i,
                f"the listing mentions {term!r}, so its "
                + "{label} is required on "
                + f"{self.names(packs)}, and it is missing",
                packs,
                match=term,
                suggestion=suggestion_for(attr, attrs.label(attr))
                + f"; if the product has no {cond_name}, say so (e.g. '{cond_name}-free')",
                policy=source,
            )

    def partial(self, batch: Batch, analysis: SpecsAnalysis) -> pl.DataFrame | None:
        """One row per listing and attribute the file has no column for: the merge makes
        one finding per attribute for the whole file."""
        attrs = analysis.attributes
        at: list[int] = []
        rows: list[tuple] = []
        # (markets, severity) per set of packs asking: a handful of sets in a batch
        asking: dict[tuple[int, ...], tuple[str, str | None]] = {}
        # a row's values per need: the same few needs on every listing of a batch
        made: dict[tuple, tuple] = {}
        for i, attr, cond_name, packs, term, source in self._needs(
            batch, analysis, with_column=False
        ):
            need = (attr, cond_name, term, source, tuple(map(id, packs)))
            values = made.get(need)
            if values is None:
                key = need[-1]
                if key not in asking:
                    severity = self.severity_of(packs)
                    asking[key] = (
                        "\x1f".join(p.label for p in packs),
                        severity.value if severity is not None else None,
                    )
                markets, level = asking[key]
                values = made[need] = (
                    attr,
                    attrs.label(attr),
                    cond_name,
                    term,
                    markets,
                    level,
                    source,
                )
            at.append(i)
            rows.append(values)
        if not at:
            return None
        parts = dict(zip(_CONDITION_PARTIAL, map(list, zip(*rows))))
        return located_rows(batch, at, **parts)

    def merge(self, partials: pl.DataFrame) -> Iterable[Hit]:
        for _, rows in partials.sort(REC).group_by("__attr", maintain_order=True):
            first = rows.row(0, named=True)
            label = first["__label"]
            n = rows.height
            terms = list(dict.fromkeys(rows["__term"].to_list()))
            said = ", ".join(repr(t) for t in terms[:_SHOWN]) + (
                f" and {len(terms) - _SHOWN} more" if len(terms) > _SHOWN else ""
            )
            labels = {x for m in rows["__markets"].to_list() for x in m.split("\x1f")}
            packs = [p for p in self.packs if p.label in labels]
            levels = [Severity(v) for v in rows["__severity"].drop_nulls().to_list()]
            cond_name = first["__cond"]
            yield Hit(
                message=f"{label} is missing on {n} listing{'s' if n != 1 else ''} that "
                f"mention {said} (this file has no {label} column; reported once for the "
                f"file); it is required on {self.names(packs)}",
                match=first["__term"],
                column=label,
                **_at_first(first),
                suggestion=f"add a column with each listing's {label}; where a product "
                f"has no {cond_name}, say so (e.g. '{cond_name}-free')",
                policy=first["__policy"],
                severity=max(levels, key=lambda s: s.rank) if levels else None,
                marketplaces=tuple(p.label for p in packs),
            )


def _any(masks: list[pl.Series]) -> pl.Series:
    return functools.reduce(operator.or_, masks)


def _first_mention(terms: list[tuple[str, tuple[int, int, str]]]) -> tuple[str, tuple] | None:
    """SP103's first mention in polars: (:func:`~.textcheck.first_word_pattern` of the
    mention words, the (pack, condition) pairs a mention triggers), or None when the
    matcher must read every listing. A listing whose ASCII text holds no cancelling
    phrase triggers, with its first mention's word, every condition that word belongs
    to; polars can say which only when every mention word belongs to the same
    conditions (one pack's battery condition, or packs sharing its words)."""
    store: dict[str, list[tuple[int, int, str]]] = {}
    for term, payload in terms:  # as PhraseMatcher keys them
        key = fold(term).strip()
        if key:
            store.setdefault(key, []).append(payload)
    mentions = {k: v for k, v in store.items() if any(kind == "mention" for _, _, kind in v)}
    # a word's payloads in order, once each ("batteries" is a word and battery's plural)
    owners = {tuple(dict.fromkeys(v)) for v in mentions.values()}
    if len(owners) != 1:
        return None
    (payloads,) = owners
    if any(kind != "mention" for _, _, kind in payloads):
        return None  # a word both triggers and cancels: the matcher decides
    pattern = tc.first_word_pattern(sorted(mentions))
    if pattern is None:
        return None
    return pattern, tuple((p, c) for p, c, _ in payloads)


#: the columns of SP103's partial frames (besides the listing's location)
_CONDITION_PARTIAL = (
    "__attr",
    "__label",
    "__cond",
    "__term",
    "__markets",
    "__severity",
    "__policy",
)


class UnmappedCategory(SpecsCatalogRule):
    """The catalogue's category text matches none of listlint's categories, so category
    requirements (size for clothing...) were not checked for those listings.

    Why:
        Requirements are keyed by category; a category listlint cannot place is said
        out loud rather than passed silently. One finding per distinct category text,
        at its first row, with the number of listings using it.

    Fails:
        category "Indoor" (a shop's own grouping)
        category "Sem categoria" (WooCommerce's "uncategorised")

    Passes:
        category "Clothing > T-shirts", "Herrkläder", "电子产品 > 耳机", "Home > Kitchen"
        no category column at all (nothing to map; not reported)
    """

    code = "SP104"
    name = "unmapped-category"
    severity = Severity.INFO
    summary = "Category text matches no known category; category requirements not checked"
    fields = ("category", "product_type")

    def partial(self, batch: Batch, analysis: SpecsAnalysis) -> pl.DataFrame | None:
        rows = [
            (i, m.field, m.text)
            for i, m in enumerate(analysis.categories)
            if m.path is None and m.text
        ]
        if not rows:
            return None
        return located_rows(
            batch,
            [r[0] for r in rows],
            __field=[r[1] for r in rows],
            __text=[r[2] for r in rows],
        )

    def merge(self, partials: pl.DataFrame) -> Iterable[Hit]:
        firsts = (
            partials.sort(REC)
            .group_by("__text", maintain_order=True)
            .agg(pl.all().first(), pl.len().alias("__n"))
        )
        for row in firsts.iter_rows(named=True):
            n = row["__n"]
            more = f" ({n} listings use it)" if n > 1 else ""
            yield Hit(
                message=f"category {row['__text']!r}{more} matches none of listlint's "
                "categories, so category requirements were not checked",
                field=row["__field"],
                match=row["__text"],
                rec=row[REC],
                row=row[ROW],
                sku=row["sku"],
                sheet=row[SHEET],
                suggestion="use a marketplace category path such as 'Apparel & Accessories > "
                "Clothing' or 'Home & Garden > Kitchen'",
            )


class _VariantRule(SpecsCatalogRule):
    fields = ("variant_group", "handle")
    #: both merges look only within one product's variants (sheet + group)
    merge_key = (SHEET, GROUP)

    def applies(self, batch: Batch) -> bool:
        return batch.has(GROUP)

    def partial(self, batch: Batch, analysis: SpecsAnalysis) -> pl.DataFrame | None:
        return analysis.variants  # one phase-one frame for both variant rules


class DuplicateVariant(_VariantRule):
    """Two variants of one product do not differ by any variation attribute.

    Why:
        Variants of a product (Google ``item_group_id``, Amazon parent/child, Shopify
        handle) must differ by size, colour, material, pattern... Identical variants
        cannot be chosen by a buyer and are rejected as duplicates.
        https://support.google.com/merchants/answer/7052112

    Fails:
        group TEE: SKU TEE-1 size M colour Black, SKU TEE-2 size M colour Black

    Passes:
        group TEE: TEE-1 size M, TEE-2 size L
        group MUG: MUG-1 and MUG-2 differing only in a "Finish" option column
    """

    code = "SP105"
    name = "duplicate-variant"
    severity = Severity.ERROR
    summary = "Variants of one product do not differ by any variation attribute"
    policy_url = SPEC_POLICY

    def merge(self, partials: pl.DataFrame) -> Iterable[Hit]:
        for rec, row, sheet, sku, group, first_row, first_sku in duplicate_variants(partials):
            yield Hit(
                message=f"variant {sku!r} of product {group!r} has the same variation "
                f"attributes as row {first_row} ({first_sku!r}); buyers cannot tell them apart",
                field="sku",
                match=sku,
                rec=rec,
                row=row,
                sku=sku,
                sheet=sheet,
                suggestion="give each variant its own size, colour or other option value, "
                "or merge the duplicates",
            )


class VariantMissingAttribute(_VariantRule):
    """A variant lacks the attribute its sibling variants vary by.

    Why:
        When the variants of a product differ by size, every variant must carry a size;
        a variant without one cannot be selected and is disapproved.
        https://support.google.com/merchants/answer/7052112

    Fails:
        group TEE: TEE-S size S, TEE-M size M, TEE-L size ""

    Passes:
        group TEE: TEE-S size S, TEE-M size M, TEE-L size L
        a product without variants and without size
    """

    code = "SP106"
    name = "variant-missing-attribute"
    severity = Severity.WARNING
    summary = "Variant lacks the attribute its sibling variants differ by"
    policy_url = SPEC_POLICY

    def merge(self, partials: pl.DataFrame) -> Iterable[Hit]:
        for rec, row, sheet, sku, group, attr, label, header, seen in missing_variant_values(
            partials
        ):
            yield Hit(
                message=f"variant of product {group!r} has no {label}, while its other "
                f"variants do ({seen})",
                field=attr if attr.isidentifier() else None,
                column=header or label,
                rec=rec,
                row=row,
                sku=sku,
                sheet=sheet,
                suggestion=f"add this variant's {label}",
            )


RULES: list[type[Rule]] = [
    MissingRequiredAttribute,
    MissingRecommendedAttribute,
    MissingConditionalAttribute,
    UnmappedCategory,
    DuplicateVariant,
    VariantMissingAttribute,
    *IDENTIFIER_RULES,
    *TEXT_RULES,
    *WORDING_RULES,
]
