"""Suppressions: accept a finding on purpose, with a reason someone can read later.

Two sources:

* an optional ``listlint`` column in the catalogue, e.g.
  ``ignore HC105: efficacy wording approved by legal`` (several directives separated by
  ``;``; selectors by ``,``: a code, a prefix such as ``HC``, a group, a rule name or
  ``ALL``, see :mod:`listlint.rules.selectors`). A directive applies to its own row;
* an ignore file (YAML), a list of ``{sku, rule, reason}`` entries; ``reason`` is required.
  An entry applies to every finding of its SKU.

A directive without a reason or naming no rule is reported (``Suppressions.problems``)
and not applied; a broken ignore file is a config error. A suppression that matched
nothing is reported back (``Suppressions.unused``) so stale ones get cleaned up. Where
they are applied: :mod:`listlint.acceptance`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from listlint.errors import ConfigError
from listlint.report import Finding
from listlint.rules.selectors import Selector, UnknownSelector, parse

_DIRECTIVE = re.compile(r"^\s*ignore\s+([A-Za-z0-9_,\s-]+?)\s*(?::\s*(.*))?$", re.IGNORECASE)


@dataclass
class Suppression:
    codes: tuple[str, ...]
    reason: str
    source: str
    sku: str | None = None
    path: str | None = None
    sheet: str | None = None
    row: int | None = None
    used: int = 0
    selectors: tuple[Selector, ...] = ()

    def __post_init__(self) -> None:
        if not self.selectors:
            # raises UnknownSelector for a code that names no rule: callers report it
            self.selectors = tuple(parse(c) for c in self.codes)

    def names(self, f: Finding) -> bool:
        """Whether one of the selectors names ``f``'s rule."""
        return any(s.matches(f.rule, f.name, f.group) for s in self.selectors)

    def matches(self, f: Finding) -> bool:
        if not self.names(f):
            return False
        if self.row is not None:
            return (f.path, f.sheet, f.row) == (self.path, self.sheet, self.row)
        return self.sku is not None and f.sku == self.sku


@dataclass
class Suppressions:
    """Suppressions in priority order: a finding is booked to the first that matches."""

    items: list[Suppression] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def apply(self, findings: Iterable[Finding]) -> tuple[list[Finding], list[Finding]]:
        """``(kept, suppressed)``."""
        dropped: list[Finding] = []
        kept = list(self.kept(findings, dropped))
        return kept, dropped

    def kept(
        self, findings: Iterable[Finding], dropped: list[Finding] | None = None
    ) -> Iterator[Finding]:
        """The findings no suppression matches, lazily; counts each suppression's use.

        Each finding is looked up by its row and by its SKU (two dict look-ups), not
        tested against every suppression: a catalogue may carry thousands of directives."""
        if not self.items:
            yield from findings
            return
        by_row: dict[tuple[Any, ...], list[int]] = {}
        by_sku: dict[str, list[int]] = {}
        for i, s in enumerate(self.items):
            if s.row is not None:
                by_row.setdefault((s.path, s.sheet, s.row), []).append(i)
            elif s.sku is not None:
                by_sku.setdefault(s.sku, []).append(i)
        for f in findings:
            candidates = by_row.get((f.path, f.sheet, f.row), [])
            if f.sku is not None and f.sku in by_sku:
                candidates = sorted(candidates + by_sku[f.sku])
            hit = next((self.items[i] for i in candidates if self.items[i].names(f)), None)
            if hit is None:
                yield f
            else:
                hit.used += 1
                if dropped is not None:
                    dropped.append(f)

    def unused(self) -> list[Suppression]:
        return [s for s in self.items if not s.used]

    def notices(self) -> list[str]:
        """What the user should hear: problems, then suppressions that matched nothing
        (meaningful once ``kept`` has seen every finding)."""
        stale = [
            f"unused suppression {','.join(s.codes)} ({s.source}): nothing matched"
            for s in self.unused()
        ]
        return [*self.problems, *stale]


def parse_cell(text: str) -> tuple[list[tuple[tuple[str, ...], str]], list[str]]:
    """Directives in one ``listlint`` cell: ``([(codes, reason)], [problems])``."""
    found, problems = [], []
    for part in str(text).split(";"):
        if not part.strip():
            continue
        m = _DIRECTIVE.match(part)
        if not m:
            problems.append(f"not a directive {part.strip()!r} (expected 'ignore CODE: reason')")
            continue
        codes = tuple(c.strip().upper() for c in m.group(1).split(",") if c.strip())
        reason = (m.group(2) or "").strip()
        if not reason:
            problems.append(f"'ignore {', '.join(codes)}' has no reason (write 'ignore CODE: why')")
            continue
        try:
            for c in codes:
                parse(c)
        except UnknownSelector as exc:
            problems.append(f"'ignore {', '.join(codes)}': {exc}")
            continue
        found.append((codes, reason))
    return found, problems


#: columns of a directive frame: the ``listlint`` cell and where it was written
DIRECTIVE_COLUMNS = ("listlint", "_row", "_sheet", "sku")


def directive_frame(catalog: object) -> Any:
    """The rows of a loaded catalogue that carry a ``listlint`` cell, as a polars frame
    of :data:`DIRECTIVE_COLUMNS` (None when the catalogue has no such column)."""
    import polars as pl

    # a streamed catalogue gathers its `listlint` cells while it is linted (its whole
    # frame would not fit in memory); harvest after linting for those
    if getattr(catalog, "streaming", False):
        frame = getattr(catalog, "suppression_frame", None)
    else:
        frame = getattr(catalog, "frame", None)
    if frame is None or "listlint" not in frame.columns:
        return None
    cols = [c for c in DIRECTIVE_COLUMNS if c in frame.columns]
    cell = pl.col("listlint")
    return frame.select(cols).filter(cell.is_not_null() & (cell.str.strip_chars() != ""))


def from_rows(path: str | None, rows: Iterable[dict[str, Any]]) -> Suppressions:
    """Directives from rows of a directive frame of the catalogue at ``path``."""
    out = Suppressions()
    for rec in rows:
        cell = rec.get("listlint")
        if cell is None or not str(cell).strip():
            continue
        where = f"{path}:{rec.get('_row')}"
        directives, problems = parse_cell(cell)
        out.problems += [f"{where}: listlint column: {p}" for p in problems]
        for codes, reason in directives:
            out.items.append(
                Suppression(
                    codes,
                    reason,
                    f"{where} (listlint column)",
                    sku=rec.get("sku"),
                    path=path,
                    sheet=rec.get("_sheet"),
                    row=rec.get("_row"),
                )
            )
    return out


def from_catalog(catalog: object) -> Suppressions:
    """Directives from a loaded catalogue's ``listlint`` column (none when absent)."""
    frame = directive_frame(catalog)
    if frame is None:
        return Suppressions()
    return from_rows(getattr(catalog, "path", None), frame.iter_rows(named=True))


def from_file(path: str | Path) -> Suppressions:
    """An ignore file: a YAML list of ``{sku, rule, reason}``."""
    import yaml

    from listlint import yamlsafe
    from listlint.userfiles import IGNORE_LIMIT, read_text

    path = Path(path)
    text = read_text(path, "ignore file", IGNORE_LIMIT)
    try:
        data = yamlsafe.load(text)
    except yaml.YAMLError as exc:
        raise ConfigError(f"not valid YAML: {exc}", path=str(path)) from None
    if isinstance(data, dict):
        data = data.get("ignore", data)
    if data is None:
        data = []
    if not isinstance(data, list):
        raise ConfigError("expected a list of {sku, rule, reason} entries", path=str(path))
    out = Suppressions()
    for i, entry in enumerate(data, 1):
        out.items.append(_entry(path, i, entry))
    return out


def _entry(path: Path, i: int, entry: object) -> Suppression:
    def fail(message: str) -> ConfigError:
        return ConfigError(f"entry {i}: {message}", path=str(path))

    if not isinstance(entry, dict):
        raise fail("not a mapping")
    unknown = set(entry) - {"sku", "rule", "rules", "reason"}
    if unknown:
        raise fail(f"unknown key {sorted(map(str, unknown))[0]!r}")
    sku, reason, rules = (
        entry.get("sku"),
        entry.get("reason"),
        entry.get("rules", entry.get("rule")),
    )
    if sku is None or not rules:
        raise fail("needs 'sku' and 'rule'")
    if not isinstance(sku, (str, int)) or isinstance(sku, bool):
        raise fail("'sku' must be text")
    if not isinstance(reason, str) or not reason.strip():
        raise fail(f"(SKU {sku}) needs a 'reason' (text)")
    if isinstance(rules, str):
        rules = rules.split(",")
    if not isinstance(rules, list) or not all(isinstance(r, str) for r in rules):
        raise fail("'rule' must be a selector or a list of selectors")
    codes = tuple(r.strip().upper() for r in rules if r.strip())
    try:
        return Suppression(codes, reason.strip(), f"{path} entry {i}", sku=str(sku))
    except UnknownSelector as exc:
        raise fail(str(exc)) from None


def merge(*parts: Suppressions) -> Suppressions:
    out = Suppressions()
    for p in parts:
        out.items += p.items
        out.problems += p.problems
    return out
