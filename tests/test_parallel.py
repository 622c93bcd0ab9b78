"""Worker processes change speed, never findings: serial and parallel runs, and runs cut
into different batch sizes, give the same report, finding for finding, in the same order.

The parallel runs use ``spawn`` workers (what the CLI uses), so these tests also prove
the engine is spawn-safe. One pool serves the whole module to keep the suite fast.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

import listlint
from listlint.api import make_config, to_catalogs
from listlint.engine import RuleSet, lint_catalog
from listlint.parallel import MIN_PARALLEL_ROWS, Runner, workers_for
from listlint.report import Report
from tests.synthetic import generator

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SELECT = ["ALL"]


@pytest.fixture(scope="module")
def synthetic() -> pl.DataFrame:
    """3,000 listings with planted problems, variant groups and a duplicate SKU or two."""
    return generator().generate(3_000, seed=7)


def _runner(batch_size: int):
    cfg = make_config(select=SELECT, jobs=2, batch_size=batch_size)
    with Runner(RuleSet.build(cfg)) as runner:
        yield runner


@pytest.fixture(scope="module")
def pool_runner():
    """Two workers, batches of 400 listings."""
    yield from _runner(400)


@pytest.fixture(scope="module")
def tiny_runner():
    """Two workers, batches of 2 listings: even the small fixture files are split."""
    yield from _runner(2)


def _dicts(findings) -> list[dict]:
    return [f.to_dict() for f in findings]


def _serial(source, batch_size: int) -> list[dict]:
    cfg = make_config(select=SELECT, jobs=1, batch_size=batch_size)
    ruleset = RuleSet.build(cfg)
    out = []
    for catalog in to_catalogs(source, cfg):
        out.extend(lint_catalog(ruleset, catalog))
    return _dicts(out)


def _parallel(runner: Runner, source) -> list[dict]:
    out = []
    for catalog in to_catalogs(source, runner.ruleset.config):
        out.extend(runner.lint(catalog))
    return _dicts(out)


def _sorted(findings: list[dict]) -> list[dict]:
    """The report's order (path, sheet, row, field, rule, match), as Report.build sorts."""
    key = ("path", "sheet", "row", "field", "rule", "match")
    return sorted(findings, key=lambda f: tuple((f[k] is not None, f[k] or 0) for k in key))


def test_synthetic_catalogue_same_findings_in_same_order(synthetic, pool_runner) -> None:
    # same batch size: the raw stream of findings is identical, not just the sorted report
    serial = _serial(synthetic, batch_size=400)
    parallel = _parallel(pool_runner, synthetic)
    assert pool_runner._pool is not None, "the parallel path was not taken"
    assert len(serial) > 5, "the synthetic catalogue should have planted problems"
    assert parallel == serial
    assert _sorted(parallel) == _sorted(_serial(synthetic, batch_size=50_000))


def test_catalogue_rules_see_every_batch(synthetic, pool_runner) -> None:
    """Duplicate SKUs planted in different batches are found by the two-phase merge."""
    frame = pl.concat([synthetic.head(500), synthetic.head(500)])  # every SKU twice, far apart
    serial = _serial(frame, batch_size=400)
    parallel = _parallel(pool_runner, frame)
    assert parallel == serial
    assert sum(1 for f in serial if f["name"] == "duplicate-sku") >= 500


@pytest.mark.parametrize("name", sorted(p.name for p in FIXTURES.iterdir() if p.is_file()))
def test_fixture_files_same_report(name: str, tiny_runner) -> None:
    path = str(FIXTURES / name)
    try:
        serial = _serial(path, batch_size=2)
    except listlint.InputError:
        pytest.skip(f"{name} is refused by the loader (covered by the loader tests)")
    assert _parallel(tiny_runner, path) == serial
    rows = to_catalogs(path, tiny_runner.ruleset.config)[0].listings_count
    assert rows <= 2 or tiny_runner._pool is not None, "the parallel path was not taken"


def test_batch_size_does_not_change_findings(synthetic) -> None:
    """Rules are stateless per batch (the contract parallel runs rely on)."""
    small = _serial(synthetic, batch_size=333)
    assert _sorted(small) == _sorted(_serial(synthetic, batch_size=50_000))


def test_lint_report_identical_through_public_api(synthetic) -> None:
    serial = listlint.lint(synthetic, select=SELECT, jobs=1)
    parallel = listlint.lint(synthetic, select=SELECT, jobs=2, batch_size=1_000)
    assert isinstance(parallel, Report)
    assert parallel.model_dump() == serial.model_dump()


def test_small_catalogues_stay_in_process() -> None:
    assert workers_for(0, 20) == 0
    assert workers_for(1, 10_000_000) == 0
    assert workers_for(3, 20) == 3
    cfg = make_config(select=SELECT)  # jobs = 0: automatic
    with Runner(RuleSet.build(cfg)) as runner:
        catalog = to_catalogs([{"sku": "A", "title": "Plain cotton T-shirt"}], cfg)[0]
        list(runner.lint(catalog))
        assert runner._pool is None
    assert MIN_PARALLEL_ROWS > cfg.batch_size


def test_automatic_jobs_lint_here_too_with_the_same_findings(synthetic, monkeypatch) -> None:
    """Automatic jobs: one worker fewer than cores, and this process lints the batches
    that arrive while every worker is busy; the findings and their order do not change."""
    import listlint.parallel as parallel

    if workers_for(0, None) < 2:
        pytest.skip("one core: automatic jobs lint in process")
    monkeypatch.setattr(parallel, "MIN_PARALLEL_ROWS", 0)
    serial = _serial(synthetic, batch_size=200)
    cfg = make_config(select=SELECT, jobs=0, batch_size=200)
    with Runner(RuleSet.build(cfg)) as runner:
        here = _parallel(runner, synthetic)
        assert runner.lints_too and runner._workers == workers_for(0, None) - 1
        # 15 batches: a spawned worker needs seconds to start, so this process takes some
        assert runner.dispatched > 0 and runner.linted_here > 0
    assert here == serial


def test_workers_end_when_the_parent_is_killed(tmp_path) -> None:
    """SIGTERM or the OOM killer on the parent must not leave workers behind."""
    import os
    import signal
    import subprocess
    import sys
    import time

    script = tmp_path / "parent.py"
    script.write_text(
        "import time\n"
        "from listlint.api import make_config\n"
        "from listlint.engine import RuleSet\n"
        "from listlint.parallel import Runner\n"
        "if __name__ == '__main__':  # spawn re-imports this file in the workers\n"
        "    runner = Runner(RuleSet.build(make_config(select=['data'], jobs=2)))\n"
        "    pool = runner._pool_for(2)\n"
        "    pool.submit(int).result()\n"
        "    print(*[p.pid for p in pool._processes.values()], flush=True)\n"
        "    time.sleep(60)\n",
        encoding="utf-8",
    )
    parent = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True)
    assert parent.stdout is not None
    workers = [int(p) for p in parent.stdout.readline().split()]
    assert workers
    parent.send_signal(signal.SIGTERM)
    parent.wait(10)
    deadline = time.monotonic() + 15
    alive = workers
    while alive and time.monotonic() < deadline:
        time.sleep(0.2)
        alive = [p for p in workers if _running(p)]
    for pid in alive:  # do not leave them behind even when the test fails
        os.kill(pid, signal.SIGKILL)
    assert not alive, "workers outlived their parent"


def _running(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().split(")")[-1].split()[0] != "Z"
    except OSError:
        return False


def test_frames_travel_as_arrow_ipc_and_back_unchanged() -> None:
    import pickle

    from listlint.parallel import Shipped

    frame = pl.DataFrame(
        {
            "__n": [0, 1, 2],
            "c0": ["Tee", None, "Mug \u00e9"],
            "tags": [["a"], [], None],
            "kind": pl.Series(["x", "y", "x"], dtype=pl.Categorical),
        }
    )
    data = pickle.dumps(Shipped(frame))
    # Arrow IPC's magic bytes: written by write_ipc, not by DataFrame.serialize
    assert b"ARROW1" in data
    back = pickle.loads(data).frame
    assert back.equals(frame) and back.schema == frame.schema


def test_frames_travel_as_files_in_the_folder_and_are_deleted_once_read(tmp_path) -> None:
    import pickle

    from listlint.parallel import Shipped

    frame = pl.DataFrame({"__n": [1, 2], "c0": ["Tee " * 1000, None]})
    data = pickle.dumps(Shipped(frame, str(tmp_path)))
    files = list(tmp_path.iterdir())
    assert len(files) == 1 and files[0].suffix == ".arrow"
    # the pickle names the file; the cells stay out of the pipe
    assert len(data) < 1000 and str(files[0]).encode() in data
    back = pickle.loads(data).frame
    assert back.equals(frame) and back.schema == frame.schema
    assert not list(tmp_path.iterdir()), "the receiver deletes the file it read"


def test_frames_go_in_the_pickle_when_the_folder_cannot_take_them(tmp_path) -> None:
    import pickle

    from listlint.parallel import Shipped

    frame = pl.DataFrame({"c0": ["Mug", "Tee"]})
    gone = tmp_path / "gone"  # a folder removed under the run (or a full /dev/shm)
    data = pickle.dumps(Shipped(frame, str(gone)))
    assert b"ARROW1" in data
    assert pickle.loads(data).frame.equals(frame)


def test_the_pools_shared_memory_folder_is_removed_with_the_pool(synthetic) -> None:
    from listlint.parallel import SHARED_MEMORY

    if not SHARED_MEMORY.is_dir():
        pytest.skip("no /dev/shm here: frames travel in the pipe")
    cfg = make_config(select=["data"], jobs=2, batch_size=1_000)
    runner = Runner(RuleSet.build(cfg))
    catalog = to_catalogs(synthetic, cfg)[0]
    list(runner.lint(catalog))
    assert runner._folder is not None
    folder = runner._folder.path
    assert folder.parent == SHARED_MEMORY and folder.is_dir()
    assert [p.name for p in folder.iterdir()] == [".lock"], "every frame sent was read"
    runner.close()
    assert not folder.exists()
    # a stopped run removes it too, with any frame still in it
    list(runner.lint(catalog))
    assert runner._folder is not None
    folder = runner._folder.path
    runner.abort()
    assert not folder.exists()
