"""The one rule-selector grammar, used wherever rules are named.

A selector is one of (case-insensitive, ruff's conventions):

* ``ALL`` — every rule;
* a code, ``PR101``;
* a code prefix, ``PR`` or ``PR1`` (letters and digits only);
* a group, ``claims`` (see :data:`listlint.rules.base.GROUPS`);
* a rule name, ``health-claim``.

``--select``, ``--ignore``, ``--extend-select``, ``per-file-ignores``, ``severity``,
the ``listlint`` column of a catalogue and ignore files all read selectors through
:func:`parse`, so a typo is an error (naming where it was written) everywhere, never a
selector that silently matches nothing.

Where several selectors give a rule a value (``severity = {HC = "info", HC101 =
"error"}``), the most specific one wins: a code or name, then the longest prefix, then a
group, then ``ALL`` (:attr:`Selector.specificity`).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, Protocol, TypeVar

if TYPE_CHECKING:
    from listlint.rules.base import Rule

Kind = Literal["all", "code", "prefix", "group", "name"]
V = TypeVar("V")


class RuleLike(Protocol):
    """What a selector matches against: a rule class, a rule, or a finding's identity."""

    @property
    def code(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def group(self) -> str: ...


@dataclass(frozen=True, slots=True)
class Selector:
    """A parsed, validated selector (``text`` is its canonical spelling)."""

    text: str
    kind: Kind

    def matches(self, code: str, name: str, group: str) -> bool:
        if self.kind == "all":
            return True
        if self.kind == "code":
            return code == self.text
        if self.kind == "prefix":
            return code.startswith(self.text)
        if self.kind == "group":
            return group == self.text
        return name == self.text

    def matches_rule(self, rule: RuleLike) -> bool:
        return self.matches(rule.code, rule.name, rule.group)

    @property
    def specificity(self) -> int:
        """Higher wins when several selectors name one rule."""
        if self.kind in ("code", "name"):
            return 1000
        if self.kind == "prefix":
            return 100 + len(self.text)
        return 10 if self.kind == "group" else 0


class UnknownSelector(ValueError):
    """A selector that names no registered rule (its text says which, and what is near)."""


def parse(text: str) -> Selector:
    """The selector ``text`` names; :class:`UnknownSelector` when it matches no rule."""
    from listlint.rules.registry import all_rules

    raw = str(text).strip()
    rules = all_rules()
    upper, lower = raw.upper(), raw.lower()
    if upper == "ALL":
        return Selector("ALL", "all")
    if upper in rules:
        return Selector(upper, "code")
    if any(cls.name == lower for cls in rules.values()):
        return Selector(lower, "name")
    if any(cls.group == lower for cls in rules.values()):
        return Selector(lower, "group")
    if raw.isalnum() and any(code.startswith(upper) for code in rules):
        return Selector(upper, "prefix")
    raise UnknownSelector(_unknown_message(raw, rules))


def _unknown_message(raw: str, rules: Mapping[str, type[Rule]]) -> str:
    vocabulary = [*rules, *(c.name for c in rules.values()), *{c.group for c in rules.values()}]
    near = difflib.get_close_matches(raw.upper() if raw.isalnum() else raw.lower(), vocabulary, 1)
    if not near and raw.isalnum():
        near = difflib.get_close_matches(raw.lower(), vocabulary, 1)
    hint = f"; did you mean {near[0]!r}?" if near else ""
    return f"unknown rule selector {raw!r} (see `listlint rules`){hint}"


def parse_all(texts: Iterable[str]) -> list[Selector]:
    return [parse(t) for t in texts]


def matches(selector: str | Selector, rule: RuleLike) -> bool:
    """Whether ``selector`` (text or parsed) names ``rule``."""
    sel = selector if isinstance(selector, Selector) else parse(selector)
    return sel.matches_rule(rule)


def any_matches(selectors: Iterable[str | Selector], rule: RuleLike) -> bool:
    return any(matches(s, rule) for s in selectors)


def by_code(values: Mapping[str, V], rules: Iterable[RuleLike]) -> dict[str, V]:
    """``{selector: value}`` resolved to ``{code: value}`` for ``rules``; where several
    selectors name a rule the most specific wins (ties: the one written last)."""
    parsed = [(parse(text), value) for text, value in values.items()]
    out: dict[str, V] = {}
    for rule in rules:
        best: tuple[int, V] | None = None
        for sel, value in parsed:
            if sel.matches_rule(rule) and (best is None or sel.specificity >= best[0]):
                best = (sel.specificity, value)
        if best is not None:
            out[rule.code] = best[1]
    return out
