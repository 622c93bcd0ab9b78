"""The one place rules are registered.

Built-in families are listed explicitly in :data:`FAMILIES`; each module exposes
``RULES``, a list of rule classes. Third-party packages register rule classes under
the ``listlint.rules`` entry-point group (flake8's model). Codes must be unique.
"""

from __future__ import annotations

import importlib
from functools import lru_cache

from listlint.errors import ConfigError
from listlint.rules.base import GROUPS, Rule

FAMILIES: tuple[str, ...] = (
    "listlint.rules.data.rules",
    "listlint.rules.prohibited.rules",
    "listlint.rules.claims.rules",
    "listlint.rules.ip.rules",
    "listlint.rules.specs.rules",
    "listlint.rules.measures.rules",
)

ENTRY_POINT_GROUP = "listlint.rules"


def _validate(cls: type[Rule], origin: str) -> None:
    import re

    if not re.fullmatch(r"[A-Z]{1,4}\d{3}", cls.code or ""):
        raise ConfigError(f"rule {cls.__name__} from {origin} has an invalid code {cls.code!r}")
    if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", cls.name or ""):
        raise ConfigError(f"rule {cls.code} from {origin} has a non-kebab-case name {cls.name!r}")
    if cls.group not in GROUPS:
        raise ConfigError(f"rule {cls.code} from {origin} has an unknown group {cls.group!r}")
    if not cls.summary:
        raise ConfigError(f"rule {cls.code} from {origin} has no summary")


@lru_cache(maxsize=1)
def all_rules() -> dict[str, type[Rule]]:
    """Every registered rule class by code, built-ins first, in code order."""
    found: dict[str, type[Rule]] = {}

    def add(cls: type[Rule], origin: str) -> None:
        _validate(cls, origin)
        if cls.code in found and found[cls.code] is not cls:
            raise ConfigError(f"rule code {cls.code} is registered twice ({origin})")
        found[cls.code] = cls

    for module_name in FAMILIES:
        module = importlib.import_module(module_name)
        for cls in module.RULES:
            add(cls, module_name)
    for cls, origin in _entry_point_rules():
        add(cls, origin)
    return dict(sorted(found.items()))


def _entry_point_rules() -> list[tuple[type[Rule], str]]:
    from importlib.metadata import entry_points

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
    """Resolve selectors (``ALL``, a code ``PR101``, a prefix ``PR``, a group ``claims``,
    or a rule name) to rule classes. Empty ``select`` means the default-enabled rules."""
    rules = all_rules()

    def matches(cls: type[Rule], selector: str) -> bool:
        s = selector.strip()
        return (
            s.upper() == "ALL"
            or cls.code == s.upper()
            or (s.isalnum() and cls.code.startswith(s.upper()))
            or cls.group == s.lower()
            or cls.name == s.lower()
        )

    for selector in [*select, *ignore, *(extend_select or [])]:
        if not any(matches(cls, selector) for cls in rules.values()):
            raise ConfigError(f"unknown rule selector {selector!r} (see `listlint rules`)")

    if select:
        chosen = [c for c in rules.values() if any(matches(c, s) for s in select)]
    else:
        chosen = [c for c in rules.values() if c.default_enabled]
    for s in extend_select or []:
        chosen.extend(c for c in rules.values() if matches(c, s) and c not in chosen)
    chosen = [c for c in chosen if not any(matches(c, s) for s in ignore)]
    return sorted(chosen, key=lambda c: c.code)
