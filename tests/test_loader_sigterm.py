"""SIGTERM during a run: exit 143 and no ``listlint-*`` temporary folder left behind.

(Kept with the loader tests: the fix came with the loader fixes of issue 2.) The run is
a real ``listlint`` process; a small wrapper makes it spill findings or partials to
disk at once and then wait, so the signal lands while the temporary folder exists.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from .conftest import FIXTURES, ROOT

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")

_WRAPPER = textwrap.dedent(
    """
    import sys, time
    from listlint import partials, spill

    def pause_after(cls):
        spill_to_disk = cls._spill
        def slow(self, *args):
            spill_to_disk(self, *args)
            print("spilled", flush=True)
            time.sleep(60)
        cls._spill = slow

    if sys.argv[1] == "findings":
        spill.MEMORY_FINDINGS = 1
        pause_after(spill.FindingSpill)
    else:
        partials.BUDGET_BYTES = 0
        pause_after(partials.PartialStore)
    from listlint.cli import main
    sys.argv = ["listlint", *sys.argv[2:]]
    main()
    """
)


@pytest.mark.parametrize(
    ("what", "prefix"), [("findings", "listlint-findings-"), ("partials", "listlint-partials-")]
)
def test_sigterm_exits_143_and_removes_temporary_folders(tmp_path: Path, what: str, prefix: str):
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    script = tmp_path / "run.py"
    script.write_text(_WRAPPER, encoding="utf-8")
    env = {**os.environ, "TMPDIR": str(tmp)}
    args = [str(FIXTURES / "shopify_blank_handle.csv"), "--isolated", "--format", "json"]
    proc = subprocess.Popen(
        [sys.executable, str(script), what, *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "spilled"
        # inside the run's own folder (listlint-run-*, see listlint.runtemp)
        assert [p.name for p in tmp.rglob(prefix + "*")]
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == 143
    assert err.strip().splitlines() == [
        "listlint: error: terminated (SIGTERM): the run was stopped"
    ]
    assert not [p.name for p in tmp.iterdir() if p.name.startswith("listlint-")]


def test_handler_is_removed_after_the_run(tmp_path: Path):
    from click.testing import CliRunner

    from listlint.cli import main

    before = signal.getsignal(signal.SIGTERM)
    path = tmp_path / "ok.csv"
    path.write_text("sku,title\nA1,Ceramic mug\n", encoding="utf-8")
    result = CliRunner().invoke(main, [str(path), "--isolated", "--select", "DT"])
    assert result.exit_code == 0
    assert signal.getsignal(signal.SIGTERM) == before
