"""Configuration: one pydantic model, read from ``[tool.listlint]`` in ``pyproject.toml``
or from ``listlint.toml`` (the nearest file wins, searching upward from the working
directory), then overridden by CLI flags. Unknown keys are errors naming file and key.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
)
from pydantic_core import PydanticCustomError

from listlint.errors import ConfigError
from listlint.report import Severity

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


def _selector(text: str) -> str:
    """A rule selector, validated and in its canonical spelling (see listlint.rules.selectors)."""
    from listlint.rules.selectors import UnknownSelector, parse

    try:
        return parse(text).text
    except UnknownSelector as exc:
        raise PydanticCustomError("unknown_selector", str(exc)) from None


def _rule_code(text: str) -> str:
    """A registered rule's code (a code or a rule name may be written)."""
    from listlint.rules.registry import all_rules

    raw = str(text).strip()
    rules = all_rules()
    if raw.upper() in rules:
        return raw.upper()
    for code, cls in rules.items():
        if cls.name == raw.lower():
            return code
    raise PydanticCustomError(
        "unknown_rule",
        f"unknown rule {raw!r}: options are set per rule code (see `listlint rules`)",
    )


#: a rule selector: ALL, a code, a prefix, a group or a name (typos are errors)
RuleSelector = Annotated[str, AfterValidator(_selector)]
RuleCode = Annotated[str, AfterValidator(_rule_code)]

#: the most worker processes any config may ask for; a run also never starts more than
#: four per core (:func:`listlint.parallel.workers_for`): a ``pyproject.toml`` in a pull
#: request must not be able to start a thousand processes on a CI runner
MAX_JOBS = 64


class Limits(BaseModel):
    """Guards against hostile or runaway inputs; each can be raised in config. Every
    limit is a positive, finite number: 0, a negative value or NaN would switch a guard
    off (NaN compares false with everything) and is refused."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)

    #: bytes; larger files are refused before reading
    max_file_size: int = Field(default=20 * 1024**3, gt=0)
    #: characters in one cell; longer cells are truncated for checking (a finding says so)
    max_cell_length: int = Field(default=1_000_000, gt=0)
    #: columns in one sheet or file
    max_columns: int = Field(default=16_384, gt=0)
    #: bytes an XLSX may decompress to, and the largest compression ratio allowed
    max_decompressed_size: int = Field(default=2 * 1024**3, gt=0)
    max_compression_ratio: float = Field(default=200.0, ge=1.0)
    #: nesting depth of JSON input
    max_json_depth: int = Field(default=64, ge=1)


class Config(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    #: policy packs (names in policies/ or paths); several = several marketplaces at once
    policy: list[str] = Field(default_factory=lambda: ["base"])
    select: list[RuleSelector] = Field(default_factory=list)
    extend_select: list[RuleSelector] = Field(default_factory=list, alias="extend-select")
    ignore: list[RuleSelector] = Field(default_factory=list)
    #: selector -> severity (the most specific selector naming a rule wins)
    severity: dict[RuleSelector, Severity] = Field(default_factory=dict)
    fail_on: Severity = Field(default=Severity.ERROR, alias="fail-on")
    #: canonical field -> the catalogue's header ("title" = "Product Name")
    columns: dict[str, str] = Field(default_factory=dict)
    #: brands the seller is authorised to sell: never flagged as unauthorised use
    authorized_brands: list[str] = Field(default_factory=list, alias="authorized-brands")
    #: glob -> selectors to ignore for matching files
    per_file_ignores: dict[str, list[RuleSelector]] = Field(
        default_factory=dict, alias="per-file-ignores"
    )
    #: CODE -> options for that rule (each rule declares the options it takes)
    rules: dict[RuleCode, dict[str, Any]] = Field(default_factory=dict)
    #: workbook sheet to read (None = every sheet that looks like a catalogue)
    sheet: str | None = None
    limits: Limits = Field(default_factory=Limits)
    #: worker processes for large catalogues (0 = automatic; at most MAX_JOBS, and never
    #: more than four per core on the machine that runs)
    jobs: int = Field(default=0, ge=0)
    #: listings per batch (the unit of work of the rules and of worker processes)
    batch_size: int = Field(default=50_000, ge=1)
    #: file of suppressions keyed by SKU + rule (with reasons)
    ignore_file: str | None = Field(default=None, alias="ignore-file")
    baseline: str | None = None

    @field_validator("policy", "select", "ignore", "extend_select", mode="before")
    @classmethod
    def _split(cls, value: Any) -> Any:
        if isinstance(value, str):
            return [v.strip() for v in value.split(",") if v.strip()]
        return value

    @field_validator("jobs")
    @classmethod
    def _few_jobs(cls, value: int) -> int:
        if value > MAX_JOBS:
            raise PydanticCustomError(
                "too_many_jobs",
                f"{value} worker processes asked for; at most {MAX_JOBS} "
                "(and never more than four per core of the machine)",
            )
        return value

    @field_validator("rules")
    @classmethod
    def _typed_options(cls, value: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
        from listlint.rule_options import validate_options

        return {code: validate_options(code, options) for code, options in value.items()}


def find_config_file(start: Path | None = None) -> tuple[Path, dict[str, Any]] | None:
    """The nearest ``listlint.toml`` or ``pyproject.toml`` with ``[tool.listlint]``."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        own = folder / "listlint.toml"
        if own.is_file():
            return own, _read_toml(own)
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file():
            data = _read_toml(pyproject)
            section = data.get("tool", {}).get("listlint")
            if section is not None:
                return pyproject, section
    return None


def _read_toml(path: Path) -> dict[str, Any]:
    from listlint.userfiles import CONFIG_LIMIT, read_text

    text = read_text(path, "config file", CONFIG_LIMIT)
    try:
        # TOML itself refuses a key written twice ("Cannot overwrite a value")
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"cannot read config: {exc}", path=str(path)) from None
    if path.name == "listlint.toml" and "tool" in data and "listlint" in data["tool"]:
        data = data["tool"]["listlint"]
    return data


def build_config(
    overrides: dict[str, Any] | None = None,
    *,
    config_path: Path | None = None,
    search_from: Path | None = None,
    isolated: bool = False,
) -> tuple[Config, Path | None]:
    """File values, then ``overrides`` (CLI flags) on top. Returns the config and its file."""
    data: dict[str, Any] = {}
    source: Path | None = None
    if config_path is not None:
        source = config_path
        data = _read_toml(config_path)
        if config_path.name == "pyproject.toml":
            data = data.get("tool", {}).get("listlint", {})
    elif not isolated:
        found = find_config_file(search_from)
        if found:
            source, data = found
    try:
        base = Config.model_validate(data)
    except ValidationError as exc:
        raise _config_error(exc, source) from exc
    if not overrides:
        return base, source
    merged = base.model_dump(by_alias=False)
    for key, value in overrides.items():
        if value is None:
            continue
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = {**merged[key], **value}
        else:
            merged[key] = value
    try:
        return Config.model_validate(merged), source
    except ValidationError as exc:
        raise _config_error(exc, None) from exc


def _config_error(exc: ValidationError, source: Path | None) -> ConfigError:
    err = exc.errors()[0]
    key = _key_of(err["loc"], (err.get("ctx") or {}).get("at"))
    msg = "unknown key" if err["type"] == "extra_forbidden" else err["msg"]
    if source is None:
        # the values came from flags (or library keywords): name the flag
        head = str(err["loc"][0]) if err["loc"] else ""
        name = next((n for n, f in Config.model_fields.items() if head in (n, f.alias)), head)
        flag = f" ({FLAGS[name]})" if name in FLAGS else ""
        return ConfigError(f"invalid option `{key}`{flag}: {msg}")
    prefix = "[tool.listlint] " if source.name == "pyproject.toml" else ""
    return ConfigError(f"invalid config, {prefix}key `{key}`: {msg}", path=str(source))


def _key_of(loc: tuple[Any, ...], at: str | None = None) -> str:
    """A config key as the user writes it: ``per-file-ignores."tests/*.csv"``, list
    positions and pydantic's ``[key]`` markers left out."""
    parts = []
    for part in loc:
        if isinstance(part, int) or part == "[key]":
            continue
        text = str(part)
        plain = text.replace("-", "").replace("_", "").isalnum()
        parts.append(text if plain else f'"{text}"')
    if at:
        parts.append(at)
    return ".".join(parts)


#: CLI flag for each config key a flag can override (for ``listlint config``)
FLAGS = {
    "policy": "--policy",
    "select": "--select",
    "extend_select": "--extend-select",
    "ignore": "--ignore",
    "severity": "--severity",
    "fail_on": "--fail-on",
    "columns": "--map",
    "sheet": "--sheet",
    "jobs": "--jobs",
    "ignore_file": "--ignore-file",
    "baseline": "--baseline",
}


def file_values(source: Path | None) -> dict[str, Any]:
    """The raw ``[tool.listlint]`` / ``listlint.toml`` table of ``source`` ({} for none)."""
    if source is None:
        return {}
    data = _read_toml(source)
    if source.name == "pyproject.toml":
        data = data.get("tool", {}).get("listlint", {})
    return data


def resolved(
    overrides: dict[str, Any] | None = None,
    *,
    config_path: Path | None = None,
    search_from: Path | None = None,
    isolated: bool = False,
) -> tuple[Config, Path | None, list[tuple[str, Any, str]]]:
    """The config plus one ``(key, value, origin)`` row per setting, nested tables
    (``limits``, ``severity``, ``columns``...) one row per entry. ``origin`` is the
    flag that set it, the config file, or ``default``."""
    cfg, source = build_config(
        overrides, config_path=config_path, search_from=search_from, isolated=isolated
    )
    raw = file_values(source) if not isolated or config_path is not None else {}
    given = {k: v for k, v in (overrides or {}).items() if v is not None}
    rows: list[tuple[str, Any, str]] = []
    for name, info in Config.model_fields.items():
        key = info.alias or name
        value = getattr(cfg, name)
        in_file = raw.get(key, raw.get(name))
        if isinstance(value, BaseModel) or isinstance(value, dict):
            items = value.model_dump(mode="json") if isinstance(value, BaseModel) else value
            from_flag = given.get(name) if isinstance(given.get(name), dict) else {}
            from_file = in_file if isinstance(in_file, dict) else {}
            if name in ("severity", "rules"):  # selectors and codes are canonical on load
                from_file = {_canonical(name, k): v for k, v in from_file.items()}
            if not items:
                rows.append((key, {}, _origin(name, name in given, bool(from_file), source)))
            for sub, subvalue in items.items():
                origin = _origin(name, sub in from_flag, sub in from_file, source)
                rows.append((f"{key}.{sub}", _plain(subvalue), origin))
            continue
        rows.append((key, _plain(value), _origin(name, name in given, in_file is not None, source)))
    return cfg, source, rows


def _canonical(name: str, key: Any) -> str:
    try:
        return _selector(str(key)) if name == "severity" else _rule_code(str(key))
    except PydanticCustomError:
        return str(key)


def _origin(name: str, by_flag: bool, in_file: bool, source: Path | None) -> str:
    if by_flag:
        return f"command line ({FLAGS.get(name, name)})"
    if in_file and source is not None:
        return str(source)
    return "default"


def _plain(value: Any) -> Any:
    if isinstance(value, Severity):
        return value.value
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    return value
