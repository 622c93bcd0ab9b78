"""Load, merge (``extends:``) and validate policy packs; errors name file, key and line."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from listlint import yamlsafe
from listlint.errors import ConfigError
from listlint.policy.pack import PolicyPack, Sections, pack_model
from listlint.resources import policies_dir
from listlint.yamlsafe import SAFE_LOADER

_MAX_EXTENDS_DEPTH = 16


class _LineLoader(SAFE_LOADER):  # type: ignore[misc,valid-type]
    """Safe YAML loader (libyaml when available, see :mod:`listlint.yamlsafe`) that
    remembers the line of every mapping key (1-based)."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode, deep: bool = False) -> Any:
    mapping = yaml.SafeLoader.construct_mapping(loader, node, deep=True)
    lines = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=True)
        try:
            lines[key] = key_node.start_mark.line + 1
        except TypeError:  # unhashable key; pydantic will reject it anyway
            pass
    return _LinedDict(mapping, lines)


class _LinedDict(dict):
    __slots__ = ("lines",)

    def __init__(self, data: dict, lines: dict) -> None:
        super().__init__(data)
        self.lines = lines


_LineLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG,
    _construct_mapping,
)


def read_yaml(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read policy pack: {exc}", path=str(path)) from exc
    try:
        return yamlsafe.load(text, _LineLoader)  # refuses alias bombs and repeated keys
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f" at line {mark.line + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise ConfigError(f"invalid YAML{line}: {problem}", path=str(path)) from exc


def _line_of(data: Any, loc: tuple[Any, ...]) -> int | None:
    line = None
    node = data
    for part in loc:
        if isinstance(node, _LinedDict) and part in node:
            line = node.lines.get(part, line)
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and part < len(node):
            node = node[part]
        else:
            break
    return line


def _deep_merge(base: dict, child: dict) -> dict:
    """Child keys override base keys; mappings merge recursively; lists are replaced."""
    out = dict(base)
    for key, value in child.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _deep_merge(out[key], value)
        else:
            out[key] = value
    return out


def resolve_pack_path(ref: str, relative_to: Path | None = None) -> Path:
    """A shipped pack name (``amazon-us``) or a path to a user's YAML file."""
    candidate = Path(ref)
    if candidate.suffix in (".yaml", ".yml") or "/" in ref or "\\" in ref:
        if not candidate.is_absolute() and relative_to is not None:
            candidate = relative_to / candidate
        if not candidate.is_file():
            raise ConfigError(f"policy pack file not found: {ref}")
        return candidate
    shipped = policies_dir() / f"{ref}.yaml"
    if not shipped.is_file():
        names = ", ".join(shipped_packs())
        raise ConfigError(f"unknown policy pack {ref!r} (shipped packs: {names})")
    return shipped


def _raw_pack(path: Path, depth: int = 0, seen: tuple[Path, ...] = ()) -> tuple[dict, Any]:
    if depth > _MAX_EXTENDS_DEPTH or path in seen:
        raise ConfigError("policy pack `extends` forms a cycle or is too deep", path=str(path))
    data = read_yaml(path)
    if not isinstance(data, dict):
        raise ConfigError("a policy pack must be a YAML mapping", path=str(path))
    parents = data.get("extends", [])
    if isinstance(parents, str):
        parents = [parents]
    if not isinstance(parents, list) or not all(isinstance(p, str) and p for p in parents):
        raise ConfigError("`extends` must be a pack name or a list of names", path=str(path))
    merged: dict = {}
    for parent in parents:
        try:
            parent_path = resolve_pack_path(parent, relative_to=path.parent)
        except ConfigError as exc:
            # the pack that names the missing parent is the file to fix
            raise ConfigError(f"extends: {exc.detail}", path=str(path)) from None
        parent_data, _ = _raw_pack(parent_path, depth + 1, (*seen, path))
        merged = _deep_merge(merged, parent_data)
    # identity fields are never inherited
    for key in ("name", "marketplace", "description", "extends"):
        merged.pop(key, None)
    merged = _deep_merge(merged, {k: v for k, v in data.items() if k != "extends"})
    merged["extends"] = [str(p) for p in parents]
    return merged, data


@lru_cache(maxsize=64)
def _load_pack_cached(path: Path, sections: Sections) -> PolicyPack:
    merged, own = _raw_pack(path)
    merged.setdefault("name", path.stem)
    try:
        return pack_model(sections).model_validate(merged)
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = tuple(err["loc"])
        key = ".".join(str(p) for p in loc)
        line = _line_of(own, loc)
        where = f"key `{key}`" + (f" (line {line})" if line else " (inherited)")
        msg = err["msg"]
        if err["type"] == "extra_forbidden":
            msg = "unknown key"
        more = f" (+{len(exc.errors()) - 1} more)" if len(exc.errors()) > 1 else ""
        raise ConfigError(f"invalid policy pack, {where}: {msg}{more}", path=str(path)) from exc


def load_pack(ref: str, sections: Sections = ()) -> PolicyPack:
    """The pack ``ref`` (a shipped name or a path), validated with the family
    ``sections`` it may hold (:func:`listlint.rules.registry.pack_sections` gives them
    all; without them a pack with any family section is refused as unknown keys)."""
    return _load_pack_cached(resolve_pack_path(ref).resolve(), sections)


def shipped_packs() -> list[str]:
    return sorted(p.stem for p in policies_dir().glob("*.yaml"))


@dataclass
class PolicySet:
    """The packs one run checks against (one per marketplace asked for)."""

    packs: list[PolicyPack] = field(default_factory=list)

    @property
    def names(self) -> list[str]:
        return [p.name for p in self.packs]

    def __iter__(self) -> Iterator[PolicyPack]:
        return iter(self.packs)

    def __len__(self) -> int:
        return len(self.packs)


def load_policy_set(refs: list[str], sections: Sections = ()) -> PolicySet:
    """The packs named by ``refs`` (comma-separated names or paths; repeats dropped)."""
    seen: set[str] = set()
    packs = []
    for ref in refs:
        for part in str(ref).split(","):
            part = part.strip()
            if part and part not in seen:
                seen.add(part)
                packs.append(load_pack(part, sections))
    return PolicySet(packs)
