"""Severity, Finding and Report: the values every front end and formatter reads.

The JSON form of a Report (``Report.to_dict``) is a public contract (version 1):
later formats, baselines and other tools read it, so fields are only ever added.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from enum import Enum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

REPORT_VERSION = 1


class Severity(str, Enum):
    """How bad a finding is. Ordered: info < warning < error.

    A plain string compares like its severity (``Severity.ERROR >= "warning"`` is True;
    any case): as a ``str`` subclass, Python would otherwise fall back to comparing the
    strings alphabetically, which puts "error" below "warning". A string that names no
    severity raises ValueError rather than compare at all."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @classmethod
    def _missing_(cls, value: object) -> Severity | None:
        if isinstance(value, str):
            return cls.__members__.get(value.strip().upper())
        return None

    @property
    def rank(self) -> int:
        return _RANK[self]

    @classmethod
    def coerce(cls, value: Severity | str) -> Severity:
        """``value`` as a Severity (a member, or its name in any case)."""
        try:
            return cls(value)
        except ValueError:
            names = ", ".join(repr(s.value) for s in cls)
            raise ValueError(f"unknown severity {value!r} (expected one of {names})") from None

    def _other_rank(self, other: object) -> int | None:
        if isinstance(other, Severity):
            return other.rank
        if isinstance(other, str):
            return Severity.coerce(other).rank
        return None

    def __ge__(self, other: object) -> bool:
        rank = self._other_rank(other)
        return NotImplemented if rank is None else self.rank >= rank

    def __gt__(self, other: object) -> bool:
        rank = self._other_rank(other)
        return NotImplemented if rank is None else self.rank > rank

    def __le__(self, other: object) -> bool:
        rank = self._other_rank(other)
        return NotImplemented if rank is None else self.rank <= rank

    def __lt__(self, other: object) -> bool:
        rank = self._other_rank(other)
        return NotImplemented if rank is None else self.rank < rank

    # equality and hashing stay str's: Severity.ERROR == "error", and both hash alike


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


class _OwnDocs(type(BaseModel)):  # type: ignore[misc]
    """The metaclass of the public models: ``help(Report)`` shows the model's own docs.

    pydoc documents every name ``dir(cls)`` lists, and for a pydantic model that is some
    60 inherited ``BaseModel`` members: ~500 lines of pydantic's API around a dozen of
    listlint's. ``dir()`` of the class (not of its instances, which editors complete
    from) lists only what listlint's own classes define; every BaseModel method still
    works and is documented by pydantic."""

    def __dir__(cls) -> list[str]:
        own: set[str] = set()
        for klass in cls.__mro__:
            if klass.__module__.startswith("listlint"):
                own.update(name for name in vars(klass) if not name.startswith("_"))
        return sorted(own - {"model_config"})


class Finding(BaseModel, metaclass=_OwnDocs):
    """One problem in one place. Frozen: rules find, the engine stamps, nobody edits.

    Fields (the JSON report's, in its order):

    - ``rule``, ``name``, ``group``: the rule's code (``PR101``), kebab-case name
      (``prohibited-product``) and group (``prohibited``, ``claims``, ``ip``, ``specs``,
      ``measures``, ``data``).
    - ``severity``: :class:`Severity` (``error``, ``warning``, ``info``).
    - ``path``, ``sheet``, ``row``: where: the file, the workbook sheet, and the row the
      user sees (the header is row 1, so record *i* is row *i* + 1, for files, lists of
      dicts and DataFrames alike).
    - ``column``: the header as written in the file; ``field``: the canonical field
      (``title``, ``weight``...).
    - ``sku``: the listing's SKU, when it has one.
    - ``message``: what is wrong, for a seller; ``match``: the offending text as written;
      ``suggestion``: what to do.
    - ``policy``: a link to the marketplace policy; ``marketplaces``: the ones it applies to.

    ``to_dict()`` gives the JSON form. Findings sort by path, sheet, row, field, rule.
    """

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
        """Report order: path, sheet, row, field, rule, matched text."""
        return (
            self.path or "",
            self.sheet or "",
            self.row if self.row is not None else -1,
            self.field or "",
            self.rule,
            self.match or "",
        )

    def to_dict(self) -> dict[str, Any]:
        """The finding in the JSON report (plain strings, lists and numbers)."""
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
    if exact and tuple(values) == FINDING_FIELDS:
        markets = values["marketplaces"]
        if not markets or set(map(type, markets)) == _STR_ONLY:
            finding = _new_model(Finding)
            _set_attribute(finding, "__dict__", values)
            # every field set, in every such finding: one shared set (pydantic copies
            # it on model_copy, and a frozen model never adds to it): a set of 15 names
            # is ~1 KB, per finding of a 700k-finding run
            _set_attribute(finding, "__pydantic_fields_set__", _ALL_FIELDS_SET)
            _set_attribute(finding, "__pydantic_extra__", None)
            _set_attribute(finding, "__pydantic_private__", None)
            return finding
    return Finding(**values)


def finding_rows(findings: Iterable[Finding]) -> Iterator[tuple[Any, ...]]:
    """Each finding's values in FINDING_FIELDS order, for formatters that write every
    field: a report kept on disk (:class:`listlint.spill.SpilledFindings`, through its
    own ``finding_rows``) hands over its stored rows without making a model of each."""
    rows = getattr(findings, "finding_rows", None)
    if rows is not None:
        return rows()
    # a Finding's __dict__ is in field order (make_finding and pydantic both fill it so)
    return (tuple(f.__dict__.values()) for f in findings)


_new_model = object.__new__
_ALL_FIELDS_SET = set(FINDING_FIELDS)
_STR_ONLY = {str}
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


class Report(BaseModel, metaclass=_OwnDocs):
    """The result of a run: counts plus findings sorted by path, sheet, row, field, code.

    Fields:

    - ``summary``: counts: ``files``, ``records`` (every non-empty data record read),
      ``listings`` (after variant folding), ``findings``, ``errors``, ``warnings``,
      ``info``.
    - ``findings``: the :class:`Finding` values, in report order. Findings suppressed on
      purpose (a ``listlint`` column, an ignore file) or already in the baseline are not
      here and not counted.
    - ``version``: of the JSON contract (``to_dict()``), which only ever adds fields.
    - ``fail_on``: the level at or above which a finding fails the run (the config's
      ``fail-on``, or ``lint(..., fail_on=...)``); :meth:`exit_code` uses it by default.
    - ``notices``: things the user should know that are not findings: suppressions
      without a reason or naming no rule, and suppressions that matched nothing (stale).

    - ``rules``: metadata of the rules that ran (:class:`RuleInfo` by code) and
      ``sources``: the column layout of each table read (:class:`SourceLayout`), for
      formatters, which read nothing but the Report.

    ``fail_on``, ``notices``, ``rules`` and ``sources`` are not part of the JSON contract.
    """

    model_config = ConfigDict(extra="forbid")

    version: int = REPORT_VERSION
    summary: Summary = Field(default_factory=Summary)
    findings: list[Finding] = Field(default_factory=list)
    fail_on: Severity = Field(default=Severity.ERROR, exclude=True)
    notices: list[str] = Field(default_factory=list, exclude=True)
    rules: dict[str, RuleInfo] = Field(default_factory=dict, exclude=True)
    sources: list[SourceLayout] = Field(default_factory=list, exclude=True)

    @classmethod
    def build(cls, findings: list[Finding], *, files: int, records: int, listings: int) -> Report:
        """A report of ``findings`` (sorted here) with the counts of the run."""
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
        """The highest severity among the findings (None when there are none)."""
        if self.summary.errors:
            return Severity.ERROR
        if self.summary.warnings:
            return Severity.WARNING
        if self.summary.info:
            return Severity.INFO
        return None

    def exit_code(self, fail_on: Severity | str | None = None) -> int:
        """0 when no finding is at or above ``fail_on`` (a :class:`Severity` or its name,
        e.g. ``"warning"``; default: the report's own ``fail_on``), else 1. (The command
        line's 2 is for unusable input, which raises instead.)"""
        level = self.fail_on if fail_on is None else Severity.coerce(fail_on)
        worst = self.worst()
        return 1 if worst is not None and worst >= level else 0

    def to_dict(self) -> dict[str, Any]:
        """The JSON report (version 1): ``version``, ``summary``, ``findings``."""
        return {
            "version": self.version,
            "summary": self.summary.model_dump(),
            "findings": [f.to_dict() for f in self.findings],
        }
