"""Suppressions: accept a finding on purpose, with a reason someone can read later.

Two sources:

* an optional ``listlint`` column in the catalogue, e.g.
  ``ignore HC201: dosage wording approved by legal`` (several directives separated by
  ``;``; codes by ``,``; a code may be a prefix such as ``HC`` or ``ALL``);
* an ignore file (YAML), a list of ``{sku, rule, reason}`` entries; ``reason`` is required.

A suppression that matched nothing is reported back (``Suppressions.unused``) so stale
ones get cleaned up.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from listlint.errors import ConfigError
from listlint.report import Finding

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

    def matches(self, f: Finding) -> bool:
        if not any(c == "ALL" or f.rule.startswith(c) for c in self.codes):
            return False
        if self.row is not None:
            return (f.path, f.sheet, f.row) == (self.path, self.sheet, self.row)
        return self.sku is not None and f.sku == self.sku


@dataclass
class Suppressions:
    items: list[Suppression] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def apply(self, findings: Iterable[Finding]) -> tuple[list[Finding], list[Finding]]:
        """``(kept, suppressed)``."""
        kept, dropped = [], []
        for f in findings:
            hit = next((s for s in self.items if s.matches(f)), None)
            if hit is None:
                kept.append(f)
            else:
                hit.used += 1
                dropped.append(f)
        return kept, dropped

    def unused(self) -> list[Suppression]:
        return [s for s in self.items if not s.used]


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
        found.append((codes, reason))
    return found, problems


def from_catalog(catalog: object) -> Suppressions:
    """Directives from a loaded catalogue's ``listlint`` column (none when absent)."""
    out = Suppressions()
    # a streamed catalogue gathers its `listlint` cells while it is linted (its whole
    # frame would not fit in memory); harvest after linting for those
    if getattr(catalog, "streaming", False):
        frame = getattr(catalog, "suppression_frame", None)
    else:
        frame = getattr(catalog, "frame", None)
    if frame is None or "listlint" not in frame.columns:
        return out
    path = getattr(catalog, "path", None)
    cols = [c for c in ("listlint", "_row", "_sheet", "sku") if c in frame.columns]
    for rec in frame.select(cols).iter_rows(named=True):
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


def from_file(path: str | Path) -> Suppressions:
    """An ignore file: a YAML list of ``{sku, rule, reason}``."""
    import yaml

    from listlint import yamlsafe

    path = Path(path)
    try:
        data = yamlsafe.load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"cannot read ignore file {path}: {exc.strerror}") from None
    except yaml.YAMLError as exc:
        raise ConfigError(f"{path}: not valid YAML: {exc}") from None
    if isinstance(data, dict):
        data = data.get("ignore", data)
    if data is None:
        data = []
    if not isinstance(data, list):
        raise ConfigError(f"{path}: expected a list of {{sku, rule, reason}} entries")
    out = Suppressions()
    for i, entry in enumerate(data, 1):
        if not isinstance(entry, dict):
            raise ConfigError(f"{path}: entry {i} is not a mapping")
        unknown = set(entry) - {"sku", "rule", "rules", "reason"}
        if unknown:
            raise ConfigError(f"{path}: entry {i}: unknown key {sorted(unknown)[0]!r}")
        sku, reason = entry.get("sku"), str(entry.get("reason") or "").strip()
        rules = entry.get("rules") or entry.get("rule")
        if sku is None or not rules:
            raise ConfigError(f"{path}: entry {i} needs 'sku' and 'rule'")
        if not reason:
            raise ConfigError(f"{path}: entry {i} (SKU {sku}) needs a 'reason'")
        if isinstance(rules, str):
            rules = rules.split(",")
        codes = tuple(str(c).strip().upper() for c in rules if str(c).strip())
        out.items.append(Suppression(codes, reason, f"{path} entry {i}", sku=str(sku)))
    return out


def merge(*parts: Suppressions) -> Suppressions:
    out = Suppressions()
    for p in parts:
        out.items += p.items
        out.problems += p.problems
    return out
