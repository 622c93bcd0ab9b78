"""Severity, Finding and Report: the values every front end and formatter reads.

The JSON form of a Report (``Report.to_dict``) is a public contract (version 1):
later formats, baselines and other tools read it, so fields are only ever added.
"""

from __future__ import annotations

from enum import Enum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

REPORT_VERSION = 1


class Severity(str, Enum):
    """How bad a finding is. Ordered: info < warning < error."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return _RANK[self]

    def __ge__(self, other: object) -> bool:  # type: ignore[override]
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank >= other.rank

    def __gt__(self, other: object) -> bool:  # type: ignore[override]
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank > other.rank

    def __le__(self, other: object) -> bool:  # type: ignore[override]
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank <= other.rank

    def __lt__(self, other: object) -> bool:  # type: ignore[override]
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank < other.rank


_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}

#: The fields of a finding in the JSON contract, in order. Formatters and the
#: Arrow schema of :mod:`listlint.batchapi` use this list.
FINDING_FIELDS: tuple[str, ...] = (
    "rule",
    "name",
    "group",
    "severity",
    "path",
    "sheet",
    "row",
    "column",
    "field",
    "sku",
    "message",
    "match",
    "suggestion",
    "policy",
    "marketplaces",
)


class Finding(BaseModel):
    """One problem in one place. Frozen: rules find, the engine stamps, nobody edits."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    rule: str
    name: str
    group: str
    severity: Severity
    path: str | None = None
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    field: str | None = None
    sku: str | None = None
    message: str
    match: str | None = None
    suggestion: str | None = None
    policy: str | None = None
    marketplaces: tuple[str, ...] = ()

    def sort_key(self) -> tuple[Any, ...]:
        return (
            self.path or "",
            self.sheet or "",
            self.row if self.row is not None else -1,
            self.field or "",
            self.rule,
            self.match or "",
        )

    def to_dict(self) -> dict[str, Any]:
        d = self.model_dump(mode="json")
        d["marketplaces"] = list(self.marketplaces)
        return d


def _holds_model_types(signature: tuple[type, ...]) -> bool:
    """Whether values of these exact types (one per field, FINDING_FIELDS order) are
    what validation would return unchanged."""
    nothing = type(None)
    expected: dict[str, tuple[type, ...]] = {
        "rule": (str,),
        "name": (str,),
        "group": (str,),
        "message": (str,),
        "severity": (Severity,),
        "row": (int, nothing),
        "marketplaces": (tuple,),
    }
    return len(signature) == len(FINDING_FIELDS) and all(
        t in expected.get(name, (str, nothing))
        for name, t in zip(FINDING_FIELDS, signature, strict=True)
    )


#: type signature of a finding's values -> whether they need no validation
_EXACT_SIGNATURES: dict[tuple[type, ...], bool] = {}


def make_finding(values: dict[str, Any]) -> Finding:
    """``Finding(**values)`` for the engine's hot path (hundreds of thousands per run).

    When every value already has exactly the type the model holds (``str``, ``int``,
    :class:`Severity`, a tuple of ``str``; subclasses such as ``bool`` excluded), pydantic's
    validation would return the values unchanged, so the model is filled as
    ``model_construct`` fills it: about 1 µs where validating takes 3-5 µs (measured).
    Anything else is validated as usual, coercions and errors included. ``values`` is
    kept by the finding."""
    signature = tuple(map(type, values.values()))
    exact = _EXACT_SIGNATURES.get(signature)
    if exact is None:
        exact = _EXACT_SIGNATURES[signature] = _holds_model_types(signature)
    if (
        exact
        and tuple(values) == FINDING_FIELDS
        and (not values["marketplaces"] or all(type(m) is str for m in values["marketplaces"]))
    ):
        finding = _new_model(Finding)
        _set_attribute(finding, "__dict__", values)
        _set_attribute(finding, "__pydantic_fields_set__", set(FINDING_FIELDS))
        _set_attribute(finding, "__pydantic_extra__", None)
        _set_attribute(finding, "__pydantic_private__", None)
        return finding
    return Finding(**values)


_new_model = object.__new__
_set_attribute = object.__setattr__


class Summary(BaseModel):
    model_config = ConfigDict(extra="forbid")

    files: int = 0
    records: int = 0
    listings: int = 0
    findings: int = 0
    errors: int = 0
    warnings: int = 0
    info: int = 0


class RuleInfo(BaseModel):
    """What a formatter may say about a rule (SARIF rule descriptors): carried in the
    Report so formatters never consult the rule registry."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    code: str
    name: str
    group: str
    severity: Severity
    summary: str
    help: str = ""
    policy_url: str | None = None


class SourceLayout(BaseModel):
    """Where one table's columns sit in its file: ``columns[0]`` (a header as findings
    name it) is sheet column ``first_column`` (1-based). Formats that point at cells
    (the annotated xlsx copy) read this instead of re-reading the header rows."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    path: str | None
    sheet: str | None = None
    first_column: int = 1
    columns: tuple[str, ...] = ()


class Report(BaseModel):
    """The result of a run: counts plus findings sorted by path, row, field, code.

    ``rules`` (rule metadata by code) and ``sources`` (column layouts) are for
    formatters; neither is part of the JSON contract (``to_dict``)."""

    model_config = ConfigDict(extra="forbid")

    version: int = REPORT_VERSION
    summary: Summary = Field(default_factory=Summary)
    findings: list[Finding] = Field(default_factory=list)
    rules: dict[str, RuleInfo] = Field(default_factory=dict)
    sources: list[SourceLayout] = Field(default_factory=list)

    @classmethod
    def build(cls, findings: list[Finding], *, files: int, records: int, listings: int) -> Report:
        findings = sorted(findings, key=Finding.sort_key)
        counts = {s: 0 for s in Severity}
        for f in findings:
            counts[f.severity] += 1
        return cls(
            summary=Summary(
                files=files,
                records=records,
                listings=listings,
                findings=len(findings),
                errors=counts[Severity.ERROR],
                warnings=counts[Severity.WARNING],
                info=counts[Severity.INFO],
            ),
            findings=findings,
        )

    def worst(self) -> Severity | None:
        if self.summary.errors:
            return Severity.ERROR
        if self.summary.warnings:
            return Severity.WARNING
        if self.summary.info:
            return Severity.INFO
        return None

    def exit_code(self, fail_on: Severity = Severity.ERROR) -> int:
        """0 when nothing is at or above ``fail_on``, else 1 (2 is for unusable input)."""
        worst = self.worst()
        return 1 if worst is not None and worst >= fail_on else 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "version": self.version,
            "summary": self.summary.model_dump(),
            "findings": [f.to_dict() for f in self.findings],
        }
