"""The one place rules are registered.

Built-in families are listed explicitly in :data:`FAMILIES`: each is a package under
``listlint/rules/`` exposing ``FAMILY`` (its :class:`~listlint.rules.family.Family`) and
``RULES`` (its rule classes). Third-party packages register rule classes under the
``listlint.rules`` entry-point group (flake8's model); their ``group`` must be one of
the families' names. Codes must be unique.
"""

from __future__ import annotations

import importlib
import re
from functools import cache
from importlib.metadata import entry_points
from typing import TYPE_CHECKING, Any

from listlint.errors import ConfigError
from listlint.rules.base import Rule
from listlint.rules.family import Family, FamilyRule

if TYPE_CHECKING:
    from listlint.policy.pack import Sections

FAMILIES: tuple[str, ...] = (
    "listlint.rules.data",
    "listlint.rules.prohibited",
    "listlint.rules.claims",
    "listlint.rules.ip",
    "listlint.rules.specs",
    "listlint.rules.measures",
    "listlint.rules.pricing",
    "listlint.rules.category",
    "listlint.rules.images",
    "listlint.rules.offplatform",
    "listlint.rules.advertising",
    "listlint.rules.origin",
)

ENTRY_POINT_GROUP = "listlint.rules"

_CODE = re.compile(r"[A-Z]{1,4}\d{3}")
_NAME = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


@cache
def _packages() -> tuple[tuple[type[Family[Any, Any]], tuple[type[Rule], ...]], ...]:
    """(family, its rules) of every built-in family package, in :data:`FAMILIES` order."""
    out = []
    for module_name in FAMILIES:
        module = importlib.import_module(module_name)
        out.append((module.FAMILY, tuple(module.RULES)))
    return tuple(out)


def families() -> tuple[type[Family[Any, Any]], ...]:
    return tuple(family for family, _ in _packages())


def groups() -> tuple[str, ...]:
    """The rule groups: one per family (``prohibited``, ``claims``, ``ip``...)."""
    return tuple(family.name for family in families())


def pack_sections() -> Sections:
    """``(key, schema)`` of the policy-pack section each family owns."""
    return tuple(family.section for family in families() if family.section is not None)


def _validate(cls: type[Rule], origin: str) -> None:
    if not _CODE.fullmatch(cls.code or ""):
        raise ConfigError(f"rule {cls.__name__} from {origin} has an invalid code {cls.code!r}")
    if not _NAME.fullmatch(cls.name or ""):
        raise ConfigError(f"rule {cls.code} from {origin} has a non-kebab-case name {cls.name!r}")
    if cls.group not in groups():
        raise ConfigError(f"rule {cls.code} from {origin} has an unknown group {cls.group!r}")
    if not cls.summary:
        raise ConfigError(f"rule {cls.code} from {origin} has no summary")
    if issubclass(cls, FamilyRule) and cls.family_type.name != cls.group:
        raise ConfigError(
            f"rule {cls.code} from {origin} is in group {cls.group!r} but its family is "
            f"{cls.family_type.name!r}"
        )


@cache
def all_rules() -> dict[str, type[Rule]]:
    """Every registered rule class by code, built-ins first, in code order."""
    found: dict[str, type[Rule]] = {}

    def add(cls: type[Rule], origin: str) -> None:
        _validate(cls, origin)
        if cls.code in found and found[cls.code] is not cls:
            raise ConfigError(f"rule code {cls.code} is registered twice ({origin})")
        found[cls.code] = cls

    for family, rules in _packages():
        for cls in rules:
            add(cls, family.__module__)
    for cls, origin in _entry_point_rules():
        add(cls, origin)
    return dict(sorted(found.items()))


def _entry_point_rules() -> list[tuple[type[Rule], str]]:
    out: list[tuple[type[Rule], str]] = []
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        try:
            obj = ep.load()
        except Exception as exc:  # a broken plugin is a config problem, not a crash
            raise ConfigError(f"cannot load rule plugin {ep.name!r} ({ep.value}): {exc}") from exc
        classes = obj if isinstance(obj, (list, tuple)) else [obj]
        for cls in classes:
            if not (isinstance(cls, type) and issubclass(cls, Rule)):
                raise ConfigError(f"rule plugin {ep.name!r} ({ep.value}) is not a Rule class")
            out.append((cls, f"plugin {ep.value}"))
    return out


def select_rules(
    select: list[str], ignore: list[str], extend_select: list[str] | None = None
) -> list[type[Rule]]:
    """Resolve selectors (see :mod:`listlint.rules.selectors`) to rule classes. Empty
    ``select`` means the default-enabled rules."""
    from listlint.rules.selectors import UnknownSelector, any_matches, parse_all

    rules = all_rules()
    try:
        chosen_by, ignored, extended = (
            parse_all(select),
            parse_all(ignore),
            parse_all(extend_select or []),
        )
    except UnknownSelector as exc:
        raise ConfigError(str(exc)) from None
    if chosen_by:
        chosen = [c for c in rules.values() if any_matches(chosen_by, c)]
    else:
        chosen = [c for c in rules.values() if c.default_enabled]
    chosen.extend(c for c in rules.values() if any_matches(extended, c) and c not in chosen)
    chosen = [c for c in chosen if not any_matches(ignored, c)]
    return sorted(chosen, key=lambda c: c.code)
