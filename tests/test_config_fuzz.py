"""A fuzz target per config file kind (issue 21: "a fuzz target for each loader and
each config file kind, run in CI with a fixed budget"): the config file (listlint.toml
and pyproject.toml), the ignore file, the baseline and a policy pack. Each starts from a
valid file, breaks it at random places (noise spliced in, cut short, lines swapped) or
writes random text, and asserts the reader returns or raises listlint's own error (one
line naming the file), never anything else; the file is never modified. Same budget as
tests/test_loader_fuzz_formats.py: 100 fixed examples each, thousands with
LISTLINT_SLOW=1."""

from __future__ import annotations

import json
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from listlint.errors import ListlintError
from tests.test_loader_fuzz_formats import BUDGET

CONFIG = """\
policy = ["tiktok-shop-us"]
select = ["prohibited", "DT"]
ignore = ["SP105"]
fail-on = "warning"
jobs = 2
batch_size = 5000

[limits]
max_columns = 2000
max_cell_length = 20000

[columns]
gtin = "Barcode (EAN)"
"""

IGNORE = """\
ignore:
  - sku: A1
    rule: PR101
    reason: licensed seller
  - sku: "*"
    rule: claims
    reason: reviewed 2026-12
"""

BASELINE = json.dumps(
    {
        "version": 1,
        "entries": [
            {"sku": "A1", "rule": "PR101", "fingerprint": "0f3c", "count": 2},
            {"sku": "B2", "rule": "CL201", "fingerprint": "9a1b"},
        ],
    },
    indent=1,
)

PACK = """\
name: fuzz-pack
marketplace: "Fuzz market"
extends: [base]
last_checked: 2026-12-05
sources:
  - https://sellercentral.amazon.com/help/hub/reference/external/G200164330
links:
  domains: [sellercentral.amazon.com]
claims:
  policy_url: https://sellercentral.amazon.com/gp/help/external/202024200
specs:
  policy_url: https://sellercentral.amazon.com/gp/help/external/1641
  missing_severity: error
"""

noise = st.one_of(
    st.binary(min_size=1, max_size=12),
    st.sampled_from(
        [b"\x00", b"\xff\xfe", b'"', b"[", b"]]", b"{", b"&a *a", b"!!python/object", b"\n- ", b"="]
    ),
)
random_text = st.text(max_size=200).map(lambda t: t.encode("utf-8", "surrogatepass"))


@st.composite
def broken(draw: st.DrawFn, seed: str) -> bytes:
    """``seed`` spliced with noise, cut short, or two of its lines swapped."""
    data = seed.encode()
    how = draw(st.sampled_from(["splice", "cut", "swap"]))
    if how == "cut":
        return data[: draw(st.integers(0, len(data)))]
    if how == "swap":
        lines = data.split(b"\n")
        i = draw(st.integers(0, len(lines) - 1))
        j = draw(st.integers(0, len(lines) - 1))
        lines[i], lines[j] = lines[j], lines[i]
        return b"\n".join(lines)
    at = draw(st.integers(0, len(data)))
    return data[:at] + draw(noise) + data[at:]


def _read(data: bytes, name: str, reader: Callable[[Path], Any]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        path.write_bytes(data)
        try:
            reader(path)
        except ListlintError as exc:
            text = str(exc)
            assert "\n" not in text and name in text, text
        assert path.read_bytes() == data  # never modified


def _config(path: Path) -> None:
    from listlint.config import build_config

    build_config(config_path=path)


def _ignore(path: Path) -> None:
    from listlint.suppress import from_file

    from_file(path)


def _baseline(path: Path) -> None:
    from listlint.baseline import load

    load(path)


def _pack(path: Path) -> None:
    from listlint.policy.loader import load_pack
    from listlint.rules.registry import pack_sections

    load_pack(str(path), pack_sections())


def test_the_seeds_are_valid() -> None:
    # so the targets below start from files each reader accepts
    for data, name, reader in [
        (CONFIG, "listlint.toml", _config),
        (IGNORE, "ignore.yaml", _ignore),
        (BASELINE, "baseline.json", _baseline),
        (PACK, "pack.yaml", _pack),
    ]:
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / name
            path.write_text(data, encoding="utf-8")
            reader(path)


@BUDGET
@given(st.one_of(broken(CONFIG), random_text), st.sampled_from(["listlint.toml", "pyproject.toml"]))
def test_config_file(data: bytes, name: str) -> None:
    if name == "pyproject.toml":
        data = b"[tool.listlint]\n" + data
    _read(data, name, _config)


@BUDGET
@given(st.one_of(broken(IGNORE), random_text))
def test_ignore_file(data: bytes) -> None:
    _read(data, "ignore.yaml", _ignore)


@BUDGET
@given(st.one_of(broken(BASELINE), random_text))
def test_baseline(data: bytes) -> None:
    _read(data, "baseline.json", _baseline)


@BUDGET
@given(st.one_of(broken(PACK), random_text))
def test_policy_pack(data: bytes) -> None:
    _read(data, "pack.yaml", _pack)
