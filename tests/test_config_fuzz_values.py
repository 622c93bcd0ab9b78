"""Fuzz targets per config file kind, by value (issue 21): listlint.toml, pyproject.toml,
the ignore file, the baseline and a policy pack, each written from generated values of
the shapes these files hold (known keys with numbers, NaN, infinities, huge integers,
strings, lists and tables in the wrong places), with random bytes spliced in. Branch
loader's tests/test_config_fuzz.py mutates valid seed files; this one reaches the
validation behind the parser. Fixed budget in the normal run (100 derandomized examples
each; thousands with LISTLINT_SLOW=1). Each reads the file through the function the
command line uses: a value, or listlint's own one-line error naming the file."""

from __future__ import annotations

import json
import math
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from listlint import baseline, suppress
from listlint.config import build_config
from listlint.errors import ListlintError
from listlint.rules.packs import load_pack

_DEEP = bool(os.environ.get("LISTLINT_SLOW"))
BUDGET = settings(
    max_examples=3000 if _DEEP else 100,
    deadline=None,
    derandomize=not _DEEP,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def _read(name: str, data: bytes, read: Callable[[Path], Any]) -> None:
    """``read`` the file ``name`` holding ``data``: a value or one line naming the file."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        path.write_bytes(data)
        try:
            read(path)
        except ListlintError as exc:
            message = str(exc)
            assert "\n" not in message and name in message, message
        assert path.read_bytes() == data


# --- values of the shapes these files hold ------------------------------------------------
scalar = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=12),
    st.sampled_from(["error", "warning", "info", "PR101", "claims", "amazon-us", "*", "-1"]),
)
value = st.recursive(
    scalar,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)

CONFIG_KEYS = [
    "policy", "select", "ignore", "fail_on", "format", "jobs", "batch_size", "limits",
    "rules", "per_file_ignores", "sheet", "ignore_file", "baseline", "map", "extend_select",
]  # fmt: skip
LIMIT_KEYS = ["max_file_mb", "max_rows", "max_columns", "max_cell_chars", "max_compression_ratio"]


def _toml_value(v: Any) -> str:
    """``v`` written as TOML (tables inline); floats such as nan and inf as TOML spells them."""
    if v is None:
        return '""'
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float):
        return (
            "nan" if math.isnan(v) else ("inf" if v > 0 else "-inf") if math.isinf(v) else repr(v)
        )
    if isinstance(v, int):
        return str(v)
    if isinstance(v, str):
        return json.dumps(v)
    if isinstance(v, list):
        return "[" + ", ".join(_toml_value(x) for x in v) + "]"
    return "{" + ", ".join(f"{json.dumps(k)} = {_toml_value(x)}" for k, x in v.items()) + "}"


config_table = st.dictionaries(
    st.one_of(st.sampled_from(CONFIG_KEYS), st.text(min_size=1, max_size=6)),
    st.one_of(value, st.dictionaries(st.sampled_from(LIMIT_KEYS), scalar, max_size=3)),
    max_size=6,
)
noise = st.tuples(st.binary(max_size=40), st.integers(min_value=0, max_value=10_000))


def _toml(table: dict[str, Any], prefix: str = "") -> str:
    return prefix + "".join(f"{json.dumps(k)} = {_toml_value(v)}\n" for k, v in table.items())


def _spliced(text: str, extra: tuple[bytes, int]) -> bytes:
    data = text.encode("utf-8")
    junk, at = extra
    at %= len(data) + 1
    return data[:at] + junk + data[at:]


# --- listlint.toml and pyproject.toml ---------------------------------------------------------
@BUDGET
@given(config_table, st.one_of(st.none(), noise))
def test_fuzz_listlint_toml(table: dict[str, Any], extra: tuple[bytes, int] | None) -> None:
    text = _toml(table)
    data = _spliced(text, extra) if extra else text.encode("utf-8")
    _read("listlint.toml", data, lambda p: build_config(config_path=p))


@BUDGET
@given(config_table, st.one_of(st.none(), noise))
def test_fuzz_pyproject(table: dict[str, Any], extra: tuple[bytes, int] | None) -> None:
    text = _toml(table, '[project]\nname = "shop"\n\n[tool.listlint]\n')
    data = _spliced(text, extra) if extra else text.encode("utf-8")
    _read("pyproject.toml", data, lambda p: build_config(config_path=p))


# --- the ignore file (YAML) -------------------------------------------------------------------
ignore_entry = st.one_of(
    value,
    st.fixed_dictionaries(
        {"sku": scalar, "rule": scalar}, optional={"reason": scalar, "row": scalar}
    ),
)


@BUDGET
@given(
    st.one_of(st.lists(ignore_entry, max_size=5), st.dictionaries(st.just("ignore"), value)),
    st.one_of(st.none(), noise),
)
def test_fuzz_ignore_file(doc: Any, extra: tuple[bytes, int] | None) -> None:
    text = yaml.safe_dump(doc, allow_unicode=True)
    data = _spliced(text, extra) if extra else text.encode("utf-8")
    _read(".listlint-ignore.yaml", data, suppress.from_file)


# --- the baseline (JSON) ----------------------------------------------------------------------
baseline_entry = st.one_of(
    value,
    st.fixed_dictionaries(
        {"sku": scalar, "rule": scalar, "fingerprint": scalar}, optional={"count": scalar}
    ),
)


@BUDGET
@given(
    st.fixed_dictionaries(
        {"version": st.one_of(st.just(baseline.BASELINE_VERSION), scalar)},
        optional={"entries": st.one_of(st.lists(baseline_entry, max_size=5), value)},
    ),
    st.one_of(st.none(), noise),
)
def test_fuzz_baseline(doc: dict[str, Any], extra: tuple[bytes, int] | None) -> None:
    text = json.dumps(doc, allow_nan=True)
    data = _spliced(text, extra) if extra else text.encode("utf-8")
    _read("baseline.json", data, baseline.load)


# --- a policy pack (YAML) ---------------------------------------------------------------------
PACK_KEYS = ["name", "extends", "label", "rules", "prohibited", "claims", "specs", "measures",
             "trademarks", "pricing", "category", "images", "policy_url"]  # fmt: skip


@BUDGET
@given(
    st.dictionaries(st.one_of(st.sampled_from(PACK_KEYS), st.text(max_size=6)), value, max_size=6),
    st.one_of(st.none(), noise),
)
def test_fuzz_policy_pack(doc: dict[str, Any], extra: tuple[bytes, int] | None) -> None:
    text = yaml.safe_dump(doc, allow_unicode=True)
    data = _spliced(text, extra) if extra else text.encode("utf-8")
    _read("pack.yaml", data, lambda p: load_pack(str(p)))


def test_a_missing_parent_pack_names_the_pack_that_extends_it(tmp_path: Path) -> None:
    """Found by test_fuzz_policy_pack: ``extends: ''``, ``[null]`` or a missing file gave
    an error that named no file, so the user could not tell which pack to fix."""
    for extends in ("''", "[null]", "[./gone.yaml]", "[no-such-pack]"):
        pack = tmp_path / "mine.yaml"
        pack.write_text(f"name: mine\nextends: {extends}\n", encoding="utf-8")
        try:
            load_pack(str(pack))
        except ListlintError as exc:
            assert str(exc).startswith(f"{pack}: "), str(exc)
        else:
            raise AssertionError(f"extends: {extends} was accepted")
