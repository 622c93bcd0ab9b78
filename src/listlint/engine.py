"""Run the selected rules over catalogues and stamp their hits into findings.

Rules find (:class:`~listlint.rules.base.Hit`); the engine stamps identity, severity
and location. Severity comes, in order, from: the config/CLI (``--severity CODE=...``),
the hit itself (a policy pack's per-category verdict), the packs' ``rules:`` settings,
the rule's default.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import polars as pl

from listlint.batch import Batch
from listlint.catalog import Catalog, LoadIssue
from listlint.config import Config
from listlint.gcpolicy import settle
from listlint.partials import PartialStore
from listlint.policy import PolicySet
from listlint.report import Finding, Severity, make_finding
from listlint.rules import selectors
from listlint.rules.base import CatalogRule, Hit, Rule, RuleContext
from listlint.rules.context import BatchContext
from listlint.rules.facts import CatalogFacts, combine, gather, gatherers
from listlint.rules.family import Family, FamilyRule
from listlint.rules.packs import load_policy_set
from listlint.rules.registry import select_rules


@dataclass
class RuleSet:
    """Instantiated rules for one configuration (built once per process), with one
    :class:`~listlint.rules.family.Family` per family among them: their resources are
    built once for the rule set and shared by the family's rules."""

    rules: list[Rule]
    config: Config
    policies: PolicySet
    families: list[Family[Any, Any]] = field(default_factory=list)
    #: the config's ``severity`` selectors resolved to codes (most specific selector wins)
    severities: dict[str, Severity] = field(default_factory=dict)

    @classmethod
    def build(cls, config: Config, policies: PolicySet | None = None) -> RuleSet:
        policies = policies if policies is not None else load_policy_set(config.policy)
        classes = select_rules(config.select, config.ignore, config.extend_select)
        disabled = {
            code
            for pack in policies
            for code, setting in pack.rules.items()
            if setting.enabled is False
        }
        explicit = set(config.select) | set(config.extend_select)
        rules = []
        families: dict[type[Family[Any, Any]], Family[Any, Any]] = {}
        for rule_cls in classes:
            if rule_cls.code in disabled and rule_cls.code not in explicit:
                continue
            family = None
            if issubclass(rule_cls, FamilyRule):
                kind = rule_cls.family_type
                family = families.get(kind) or families.setdefault(kind, kind(config, policies))
            options = dict(config.rules.get(rule_cls.code, {}))
            rules.append(rule_cls(RuleContext(config, policies, options, family)))
        severities = selectors.by_code(config.severity, rules)
        return cls(rules, config, policies, list(families.values()), severities)

    def context(self, batch: Batch, facts: CatalogFacts | None = None) -> BatchContext:
        """The context the families' analyses of ``batch`` hang off, with the catalogue's
        ``facts`` (phase one, :func:`catalog_facts`; None: the batch's own)."""
        return BatchContext(batch, facts)

    def gatherers(self, rules: list[Rule] | None = None) -> list[Family[Any, Any]]:
        """The families of ``rules`` (default: all) that read catalogue facts."""
        rules = self.rules if rules is None else rules
        used = {id(getattr(r, "family", None)) for r in rules}
        return [f for f in gatherers(self.families) if id(f) in used]

    def severity_for(self, rule: Rule, hit: Hit) -> Severity:
        if rule.code in self.severities:
            return self.severities[rule.code]
        if hit.severity is not None:
            return hit.severity
        for pack in self.policies:
            setting = pack.rules.get(rule.code)
            if setting is not None and setting.severity is not None:
                return setting.severity
        return rule.severity

    def for_path(self, path: str | None) -> list[Rule]:
        """Rules minus the config's per-file ignores matching ``path``."""
        if not path or not self.config.per_file_ignores:
            return self.rules
        ignored: list[str] = []
        for pattern, names in self.config.per_file_ignores.items():
            if fnmatch.fnmatch(path, pattern) or fnmatch.fnmatch(path.split("/")[-1], pattern):
                ignored.extend(names)
        if not ignored:
            return self.rules
        return [r for r in self.rules if not selectors.any_matches(ignored, r)]


class _Stamper:
    """Stamps hits into findings for one batch (or one catalogue-level merge).

    A run makes hundreds of thousands of findings, so what is the same for every hit is
    looked up once: the batch's row/SKU/sheet columns, and per rule its severity when
    neither the config nor the hit decides it (the packs and the rule default do)."""

    def __init__(
        self,
        ruleset: RuleSet,
        batch: Batch | None,
        path: str | None,
        columns: dict[str, str] | None = None,
    ) -> None:
        self.ruleset = ruleset
        self.batch = batch
        self.path = path
        self.columns = columns
        if batch is not None:
            self.rows, self.skus, self.sheets = batch.rows(), batch.skus(), batch.sheets()
        self._severity: dict[str, Severity] = {}
        self._column: dict[str, str | None] = {}

    def __call__(self, rule: Rule, hit: Hit) -> Finding:
        i = hit.index
        if i is not None and self.batch is not None:
            row, sku, sheet = self.rows[i], self.skus[i], self.sheets[i]
        else:
            row, sku, sheet = hit.row, hit.sku, hit.sheet
        column = hit.column
        if column is None and hit.field is not None:
            column = self._column_of(hit.field)
        severity = hit.severity
        if severity is None or rule.code in self.ruleset.severities:
            severity = self._severity.get(rule.code)
            if severity is None:
                severity = self._severity[rule.code] = self.ruleset.severity_for(rule, hit)
        return make_finding(
            {
                "rule": rule.code,
                "name": rule.name,
                "group": rule.group,
                "severity": severity,
                "path": hit.path or self.path,
                "sheet": sheet,
                "row": row,
                "column": column,
                "field": hit.field,
                "sku": sku,
                "message": hit.message,
                "match": hit.match,
                "suggestion": hit.suggestion,
                "policy": hit.policy or rule.default_policy(hit),
                "marketplaces": hit.marketplaces,
            }
        )

    def _column_of(self, name: str) -> str | None:
        if name not in self._column:
            if self.batch is not None:
                self._column[name] = self.batch.column_name(name)
            else:
                self._column[name] = self.columns.get(name) if self.columns else None
        return self._column[name]


def batch_evidence(
    ruleset: RuleSet, batch: Batch, rules: list[Rule] | None = None
) -> dict[str, pl.DataFrame]:
    """Phase one on one batch: each gathering family's evidence frame."""
    return gather(ruleset.gatherers(rules), batch)


def combine_evidence(
    ruleset: RuleSet, parts: Iterable[dict[str, pl.DataFrame]], rules: list[Rule] | None = None
) -> CatalogFacts:
    """The catalogue's facts from its batches' evidence (:func:`batch_evidence`)."""
    return combine(ruleset.gatherers(rules), parts)


def catalog_facts(ruleset: RuleSet, catalog: Catalog) -> CatalogFacts | None:
    """Phase one over a catalogue held in memory (a Spark/Dask partition, a library
    frame): None when no selected family gathers. Local runs defer instead
    (:class:`Deferred`): a streamed file is not read twice."""
    rules = ruleset.for_path(catalog.path)
    if not ruleset.gatherers(rules):
        return None
    parts = [batch_evidence(ruleset, b, rules) for b in catalog.batches(ruleset.config.batch_size)]
    return combine_evidence(ruleset, parts, rules)


def check_batch(
    ruleset: RuleSet,
    batch: Batch,
    rules: list[Rule] | None = None,
    context: BatchContext | None = None,
) -> list[Finding]:
    """Findings of every per-batch rule on one batch (stateless: any partition works).
    Pass the batch's ``context`` when :func:`catalog_partials` runs on it too, so the
    families analyse it once, and with the catalogue's facts (:func:`catalog_facts`)."""
    context = context if context is not None else ruleset.context(batch)
    out: list[Finding] = []
    stamp = _Stamper(ruleset, batch, batch.path)
    for rule in rules if rules is not None else ruleset.rules:
        # a catalogue rule yields nothing here unless it also reports per listing (the
        # category attribute rules: blank cells per batch, absent columns per file)
        if not rule.applies(batch):
            continue
        out.extend(stamp(rule, hit) for hit in rule.hits(context))
    return out


def catalog_partials(
    ruleset: RuleSet,
    batch: Batch,
    rules: list[Rule] | None = None,
    context: BatchContext | None = None,
) -> dict[str, pl.DataFrame]:
    """Phase one of catalogue-level rules on one batch: ``{code: partial frame}``."""
    context = context if context is not None else ruleset.context(batch)
    out: dict[str, pl.DataFrame] = {}
    for rule in rules if rules is not None else ruleset.rules:
        if isinstance(rule, CatalogRule) and rule.applies(batch):
            part = rule.partial_of(context)
            if part is not None and part.height:
                out[rule.code] = part
    return out


def merge_partials(
    ruleset: RuleSet,
    partials: dict[str, list[pl.DataFrame]],
    path: str | None,
    columns: dict[str, str] | None = None,
) -> list[Finding]:
    """Phase two: each catalogue rule sees all its partials at once."""
    out: list[Finding] = []
    for code, frames in partials.items():
        out.extend(iter_merged(ruleset, code, frames, path, columns))
    return out


def iter_merged(
    ruleset: RuleSet,
    code: str,
    frames: list[pl.DataFrame],
    path: str | None,
    columns: dict[str, str] | None = None,
    *,
    consume: bool = False,
) -> Iterator[Finding]:
    """One catalogue rule's findings from ``frames`` (all its partials, or one merge-key
    bucket of them), as the merge yields them. ``consume`` empties ``frames`` once they
    are concatenated, so the pieces are not held beside the whole during the merge."""
    rule = next(r for r in ruleset.rules if r.code == code)
    assert isinstance(rule, CatalogRule)
    frame = pl.concat(frames, how="diagonal_relaxed") if len(frames) > 1 else frames[0]
    if consume:
        frames.clear()
    stamp = _Stamper(ruleset, None, path, columns)
    for hit in rule.merge(frame):
        yield stamp(rule, hit)


def loader_findings(ruleset: RuleSet, catalog: Catalog, rules: list[Rule]) -> list[Finding]:
    """Turn the loader's issues into findings of the data rules that own their kind."""
    owners = {getattr(r, "loader_kind", None): r for r in rules}
    out = []
    stamp = _Stamper(ruleset, None, catalog.path, catalog.columns)
    for issue in catalog.issues:
        rule = owners.get(issue.kind)
        if rule is None:
            continue
        out.append(stamp(rule, _issue_hit(issue)))
    return out


def _issue_hit(issue: LoadIssue) -> Hit:
    return Hit(
        message=issue.message,
        field=issue.field,
        match=issue.match,
        row=issue.row,
        sku=issue.sku,
        sheet=issue.sheet,
        column=issue.column,
        suggestion=issue.suggestion,
    )


@dataclass
class Deferred:
    """One batch's findings by the families that read catalogue facts, judged on the
    batch's own facts, and what it takes to judge them again on the whole catalogue's:
    the batch's evidence and the rows those families kept (the only rows they find
    anything in). A local run reads the file once; at its end, a batch whose own facts
    agree with the catalogue's, for the rows it kept, keeps its findings, and any other
    is judged again on its kept rows (:meth:`settle`). Same findings as phase one first,
    without reading a streamed file twice."""

    evidence: dict[str, pl.DataFrame]
    findings: list[Finding]
    rows: pl.DataFrame
    path: str | None
    columns: dict[str, str]

    def settle(self, ruleset: RuleSet, facts: CatalogFacts) -> list[Finding]:
        if not self.rows.height:
            return self.findings  # no kept row: nothing the facts could change
        rules = [r for r in ruleset.for_path(self.path) if _gathered(ruleset, r)]
        own = combine(ruleset.gatherers(rules), [self.evidence])
        batch = Batch(self.rows, path=self.path, columns=self.columns)
        if all(
            fam.same_judgement(own.of(fam), facts.of(fam), batch)
            for fam in ruleset.gatherers(rules)
        ):
            return self.findings
        return check_batch(ruleset, batch, rules, ruleset.context(batch, facts))


def _gathered(ruleset: RuleSet, rule: Rule) -> bool:
    family = getattr(rule, "family", None)
    return family is not None and family.gathers and not isinstance(rule, CatalogRule)


BatchResult = tuple[list[Finding], dict[str, pl.DataFrame], Deferred | None]


def batch_result(ruleset: RuleSet, batch: Batch, facts: CatalogFacts | None = None) -> BatchResult:
    """One batch's findings, catalogue-rule partials and deferred findings (the unit of
    parallel work). Without the catalogue's ``facts`` (a local run, which reads the file
    once), the families that read facts judge on the batch's own and are
    :class:`Deferred`."""
    rules = ruleset.for_path(batch.path)
    families = ruleset.gatherers(rules)
    defer = facts is None and bool(families)
    # without the catalogue's facts the context reads the batch's own, when a family asks
    context = ruleset.context(batch, facts)
    deferred = None
    try:
        found = check_batch(ruleset, batch, rules, context)
        partials = catalog_partials(ruleset, batch, rules, context)
        if defer:
            evidence = {
                fam.name: ev for fam in families if (ev := context.evidence(fam)) is not None
            }
            held = {r.code for r in rules if _gathered(ruleset, r)}
            kept = sorted({i for fam in families for i in fam.kept_rows(context)})
            deferred = Deferred(
                evidence,
                [f for f in found if f.rule in held],
                batch.frame[kept] if kept else batch.frame.clear(),
                batch.path,
                batch.columns,
            )
            found = [f for f in found if f.rule not in held]
        return found, partials, deferred
    finally:
        context.release()
        batch.release()


def check_batches(ruleset: RuleSet, catalog: Catalog) -> Iterator[BatchResult]:
    """Per batch, in order: its findings, its catalogue-rule partials and its deferred
    findings."""
    for batch in catalog.batches(ruleset.config.batch_size):
        yield batch_result(ruleset, batch)


def lint_catalog(
    ruleset: RuleSet, catalog: Catalog, results: Iterable[BatchResult] | None = None
) -> Iterator[Finding]:
    """All findings for one catalogue. ``results`` are the per-batch results in batch
    order (default: computed here, serially; :mod:`listlint.parallel` passes results
    computed by worker processes)."""
    rules = ruleset.for_path(catalog.path)
    partials = PartialStore(
        keys={r.code: r.merge_key for r in rules if isinstance(r, CatalogRule) and r.merge_key}
    )
    # loader issues first, as always; a streamed file knows them only once read through
    streamed = getattr(catalog, "streaming", False)
    if not streamed:
        yield from loader_findings(ruleset, catalog, rules)
    deferred: list[Deferred] = []
    for batch_found, batch_partials, batch_deferred in (
        results if results is not None else check_batches(ruleset, catalog)
    ):
        settle()  # the rules' resources are built now: see listlint.gcpolicy
        yield from batch_found
        for code, frame in batch_partials.items():
            partials.add(code, frame)
        if batch_deferred is not None:
            deferred.append(batch_deferred)
    if deferred:  # the catalogue's facts are known now: settle what needed them
        facts = combine_evidence(ruleset, (d.evidence for d in deferred), rules)
        for d in deferred:
            yield from d.settle(ruleset, facts)
    if streamed:
        yield from loader_findings(ruleset, catalog, rules)
    # one rule's partials (or one bucket of them) in memory at a time, and its findings
    # passed on as they come: SP106 found 566,830 at 10M listings, 0.7 GB as a list
    for code, frames in partials.items():
        yield from iter_merged(ruleset, code, frames, catalog.path, catalog.columns, consume=True)
