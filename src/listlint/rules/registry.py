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
    "listlint.rules.data",
    "listlint.rules.prohibited",
    "listlint.rules.claims",
    "listlint.rules.trademarks",
    "listlint.rules.specs",
    "listlint.rules.measures",
    "listlint.rules.pricing",
    "listlint.rules.category",
    "listlint.rules.images",
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
    """Resolve selectors (see :mod:`listlint.selectors`) to rule classes. Empty
    ``select`` means the default-enabled rules."""
    from listlint.selectors import UnknownSelector, any_matches, parse_all

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
