"""What formatters need besides findings, attached to a :class:`~listlint.report.Report`
by the front ends (CLI, :func:`listlint.lint`): the metadata of the rules that ran and
the column layout of each table read. Formatters then read only the Report."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from listlint.report import Report, RuleInfo, SourceLayout

if TYPE_CHECKING:
    from listlint.catalog import Catalog
    from listlint.engine import RuleSet


def rule_infos(ruleset: RuleSet) -> dict[str, RuleInfo]:
    out = {}
    for rule in ruleset.rules:
        cls = type(rule)
        out[cls.code] = RuleInfo(
            code=cls.code,
            name=cls.name,
            group=cls.group,
            severity=cls.severity,
            summary=cls.summary,
            help=cls.doc(),
            policy_url=cls.policy_url,
        )
    return out


def layouts(catalogs: Iterable[Catalog]) -> list[SourceLayout]:
    return [
        SourceLayout(
            path=c.path,
            sheet=layout.sheet,
            first_column=layout.first_column,
            columns=layout.columns,
        )
        for c in catalogs
        for layout in getattr(c, "layouts", [])
    ]


def describe(report: Report, ruleset: RuleSet, catalogs: Iterable[Catalog]) -> Report:
    """``report`` with ``rules`` and ``sources`` filled in (a shallow copy)."""
    return report.model_copy(update={"rules": rule_infos(ruleset), "sources": layouts(catalogs)})
