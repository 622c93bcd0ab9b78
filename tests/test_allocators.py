"""The command's allocator tuning (listlint.allocators): set before polars starts, never
over a caller's own setting, inherited by workers, findings unchanged."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from listlint import allocators

_PROBE = """
import json, os, sys
from listlint import allocators
allocators.tune()
import polars
print(json.dumps({"conf": os.environ.get("_RJEM_MALLOC_CONF"),
                  "polars_first": "polars" in sys.modules}))
"""


def _probe(env: dict[str, str]) -> dict[str, object]:
    out = subprocess.run(
        [sys.executable, "-c", _PROBE], env=env, capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout)


def _env_without_conf() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("_RJEM_MALLOC_CONF", None)
    return env


def test_batch_decay_is_appended_after_polars_defaults() -> None:
    conf = str(_probe(_env_without_conf())["conf"])
    # polars puts its own defaults first; the last value of a key wins in jemalloc
    assert conf.endswith(allocators.JEMALLOC_CONF)
    assert conf.index("dirty_decay_ms:500") < conf.rindex("dirty_decay_ms:10000")


def test_a_callers_own_setting_is_left_alone() -> None:
    env = _env_without_conf() | {"_RJEM_MALLOC_CONF": "dirty_decay_ms:0"}
    conf = str(_probe(env)["conf"])
    assert conf.endswith("dirty_decay_ms:0")
    assert allocators.JEMALLOC_CONF not in conf


def test_not_applied_once_polars_is_loaded() -> None:
    probe = "import polars\n" + _PROBE
    env = _env_without_conf()
    out = subprocess.run(
        [sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=True
    )
    assert allocators.JEMALLOC_CONF not in json.loads(out.stdout)["conf"]


def test_the_command_runs_tuned_with_the_same_findings(tmp_path) -> None:
    csv = tmp_path / "c.csv"
    csv.write_text(
        "sku,title,price\nA1,Kratom capsules 60 ct,9.99\nA2,Dog treats chicken,4.50\n",
        encoding="utf-8",
    )
    outs = []
    for env in (
        _env_without_conf(),
        _env_without_conf() | {"_RJEM_MALLOC_CONF": "dirty_decay_ms:500"},
    ):
        run = subprocess.run(
            [sys.executable, "-m", "listlint", str(csv), "-f", "json"],
            env=env,
            capture_output=True,
            text=True,
        )
        assert run.returncode == 1, run.stderr
        outs.append(json.loads(run.stdout)["findings"])
    assert outs[0] == outs[1]
    assert any(f["rule"].startswith("PR") for f in outs[0])
