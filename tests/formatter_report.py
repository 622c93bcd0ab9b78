"""One fixed Report for the formatter golden tests, with hostile values on purpose."""

from __future__ import annotations

from listlint.report import Finding, Report, Severity

HOSTILE = '=HYPERLINK("http://evil.example","click")'


def fixed_report(path: str = "shop/catalog.csv") -> Report:
    findings = [
        Finding(
            rule="ZZ901",
            name="health-claim",
            group="claims",
            severity=Severity.ERROR,
            path=path,
            row=2,
            column="Title",
            field="title",
            sku="SKU-1",
            message='"cures arthritis" is a disease claim',
            match="cures arthritis",
            suggestion="Describe what the product is, not what it treats.",
            policy="https://example.com/policy/claims",
            marketplaces=("TikTok Shop US", "Amazon US"),
        ),
        Finding(
            rule="ZZ902",
            name="hostile-values",
            group="data",
            severity=Severity.WARNING,
            path=path,
            row=3,
            column="Description",
            field="description",
            sku="+SKU-2",
            message='control\x07chars & <b>html</b> "quotes"',
            match=HOSTILE,
            suggestion="@SUM(A1:A9)\tand a tab",
        ),
        Finding(
            rule="ZZ903",
            name="missing-weight",
            group="measures",
            severity=Severity.INFO,
            path=path,
            row=3,
            column="Weight",
            field="weight",
            sku="+SKU-2",
            message="no weight given",
            match=None,
            suggestion="Add the shipping weight.",
        ),
        Finding(
            rule="ZZ901",
            name="health-claim",
            group="claims",
            severity=Severity.ERROR,
            path=path,
            row=4,
            column="Title",
            field="title",
            sku="-SKU-3",
            message="long " + "x" * 300,
            match="heals, cures",
        ),
    ]
    return Report.build(findings, files=1, records=4, listings=4)
