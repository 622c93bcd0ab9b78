"""Lint big catalogues on every core: batches go to worker processes, findings come back
in batch order, so the report is identical to a serial run.

Processes, not threads: spaCy and most rule code are Python and hold the GIL. Workers
are started with ``spawn`` (polars' thread pool does not survive ``fork``), so they
import listlint and build their :class:`~listlint.engine.RuleSet` once, in the pool
initialiser, from the pickled :class:`~listlint.config.Config`; automata, brand indexes
and spaCy pipelines are then reused for every batch the worker receives.

Frames (a streamed file's raw records going out, catalogue-rule partials and kept rows
coming back) travel as Arrow IPC files in a folder in shared memory (``/dev/shm``),
so only their names cross the pipe; see :class:`Shipped`.

Starting a worker costs about 3 s of CPU (imports plus rule resources), so
:class:`Runner` uses processes only when a catalogue is big enough to repay that
(:data:`MIN_PARALLEL_ROWS`) or when ``jobs`` asks for them explicitly. With automatic
jobs this process is one of the linters: it starts one worker fewer than there are
cores and lints a batch itself whenever every worker already has its window of
batches (``Runner.lints_too``), which saves a worker's start-up on every big run.
"""

from __future__ import annotations

import gc
import os
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import TYPE_CHECKING, Any

from listlint.batch import Batch
from listlint.engine import BatchResult, RuleSet, batch_result, lint_catalog
from listlint.gcpolicy import GC_THRESHOLDS
from listlint.loader.stream import ChunkInfo, ChunkSpec, StreamingCatalog, build_chunk
from listlint.report import FINDING_FIELDS, make_finding

if TYPE_CHECKING:
    # imported where a pool starts: ~4 ms of imports a one-batch run never uses
    from concurrent.futures import Future, ProcessPoolExecutor

    import polars as pl

    from listlint.catalog import Catalog
    from listlint.config import Config
    from listlint.engine import Deferred
    from listlint.policy import PolicySet
    from listlint.report import Finding
    from listlint.runtemp import HeldFolder

#: ``jobs = 0`` (automatic) uses processes from this many listings on; below it the
#: worker start-up (~1 s each, on both cores at once) costs more than it saves.
MIN_PARALLEL_ROWS = 150_000

#: the most worker processes per core an explicit ``jobs`` may start: more only adds
#: memory (100-350 MB each) and start-up time, never speed
JOBS_PER_CORE = 4

#: where frames travel between processes as files: memory (tmpfs), not disk, on Linux
SHARED_MEMORY = Path("/dev/shm")

#: batches in flight per worker: enough to keep workers busy while the parent loads
#: the next batch, few enough that memory stays bounded on huge files
IN_FLIGHT_PER_WORKER = 2


def available_cores() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - macOS, Windows
        return max(1, os.cpu_count() or 1)


def workers_for(jobs: int, rows: int | None) -> int:
    """How many worker processes to use (0 = lint in this process).

    ``jobs`` is the config value: 1 forces serial, ``n > 1`` asks for ``n`` workers
    (at most :data:`JOBS_PER_CORE` per core: the config caps ``jobs`` at 64 whatever the
    machine, this caps it by the machine), 0 picks the number of cores when the
    catalogue has at least :data:`MIN_PARALLEL_ROWS` listings (``rows=None``: size
    unknown but large, as for a streamed file)."""
    if jobs == 1:
        return 0
    if jobs > 1:
        return min(jobs, available_cores() * JOBS_PER_CORE)
    cores = available_cores()
    if cores < 2:
        return 0
    if rows is not None and rows < MIN_PARALLEL_ROWS:
        return 0
    return cores


# -- worker side ---------------------------------------------------------------------
_WORKER_RULESET: RuleSet | None = None
#: the run's shared-memory folder the worker writes the frames it sends back into
_WORKER_FOLDER: str | None = None


def _init_worker(config: Config, policies: PolicySet, folder: str | None = None) -> None:
    """Pool initialiser: build the rules once per worker process."""
    global _WORKER_RULESET, _WORKER_FOLDER
    from listlint import allocators

    allocators.tune()  # a worker is listlint's own process (jemalloc's part is inherited)
    _leave_signals_to_parent()
    _exit_with_parent()
    _WORKER_RULESET = RuleSet.build(config, policies)
    _WORKER_FOLDER = folder
    # a worker only lints: the parent's reasoning in runner.fewer_collections holds for
    # its whole life; the rules' own long-lived objects need no more scans at all
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLDS)


#: signals the parent alone handles: Ctrl-C and a SIGTERM sent to the process group
#: reach the workers too, which printed tracebacks (KeyboardInterrupt, EOFError) or died
#: under the parent's queue feeder thread, whose join then hung the exit for ever
_PARENT_SIGNALS = ("SIGINT", "SIGTERM")


def _leave_signals_to_parent() -> None:
    """Worker side: ignore SIGINT/SIGTERM; the parent stops the workers (SIGKILL)
    when the run is stopped. They were blocked while the worker started (see
    :func:`_signals_blocked`), so none was lost to the default action in between."""
    import signal

    wanted = [getattr(signal, name) for name in _PARENT_SIGNALS if hasattr(signal, name)]
    for sig in wanted:
        signal.signal(sig, signal.SIG_IGN)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, wanted)


@contextmanager
def _signals_blocked() -> Iterator[None]:
    """SIGINT/SIGTERM blocked in this thread while it may start worker processes: a
    started process inherits the mask, so a Ctrl-C during its imports stays pending
    until it ignores the signal. (This process still gets them: the kernel hands them
    to another thread, and Python runs the handler in the main thread as usual.)"""
    import signal

    if not hasattr(signal, "pthread_sigmask"):  # pragma: no cover - Windows
        yield
        return
    wanted = {getattr(signal, name) for name in _PARENT_SIGNALS if hasattr(signal, name)}
    old = signal.pthread_sigmask(signal.SIG_BLOCK, wanted)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def _exit_with_parent() -> None:
    """A worker whose parent was killed (SIGTERM, OOM killer) would wait on its queue
    for ever; this watcher ends it within a second instead."""
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(1)

    threading.Thread(target=watch, name="listlint-parent-watch", daemon=True).start()


#: a batch's result as it travels from a worker: findings as tuples of their values
#: (FINDING_FIELDS order). Pickling a pydantic model costs ~4 µs to write and ~7 µs to
#: read per finding, a tuple ~0.4 and ~1.5 (measured), and the parent, which reads them,
#: is the busiest process of a parallel run.
PackedResult = tuple[list[tuple[Any, ...]], "dict[str, pl.DataFrame]", "Deferred | None"]


class Shipped:
    """A polars frame as it travels between processes: an Arrow IPC file in ``folder``
    (the run's folder in shared memory), which the receiver reads and deletes; without
    a folder, or when writing there fails (a full or tiny ``/dev/shm``), Arrow IPC
    bytes inside the pickle.

    A frame pickles through ``DataFrame.serialize``, which cost about twice the CPU of
    ``write_ipc`` to write and three times that of ``read_ipc`` to read (measured on
    a 50k-row batch of raw cells, 43 MB either way); a 1M-listing run sends every raw
    record to a worker. As bytes in the pickle, a 34 MB batch of raw records cost
    0.13 s of CPU to send (IPC into a buffer, the buffer copied into the pickle, the
    pickle through the pipe) and 0.06 s to receive; as a file 0.04 and 0.04 (measured
    on 1M generate.py, 2026-12-06). (``Object`` columns travel neither way.)"""

    __slots__ = ("folder", "frame")

    def __init__(self, frame: pl.DataFrame, folder: str | None = None) -> None:
        self.frame = frame
        self.folder = folder

    def __reduce__(self) -> tuple[Any, ...]:
        if self.folder is not None:
            path = _write_file(self.frame, self.folder)
            if path is not None:
                return (_from_file, (path,))
        import io

        buffer = io.BytesIO()
        self.frame.write_ipc(buffer, compression="uncompressed")
        return (_from_ipc, (buffer.getvalue(),))


def _write_file(frame: pl.DataFrame, folder: str) -> str | None:
    """``frame`` as an Arrow IPC file of its own in ``folder``; None when that fails
    (the folder full or gone: the caller sends the bytes instead)."""
    import tempfile

    path = None
    try:
        fd, path = tempfile.mkstemp(suffix=".arrow", dir=folder)
        os.close(fd)
        frame.write_ipc(path, compression="uncompressed")
    except Exception:  # OSError, or polars' own error for a failed write
        if path is not None:
            with suppress(OSError):
                os.unlink(path)
        return None
    return path


def _from_file(path: str) -> Shipped:
    import polars as pl

    try:
        return Shipped(pl.read_ipc(path))
    finally:
        with suppress(OSError):
            os.unlink(path)


def _from_ipc(data: bytes) -> Shipped:
    import io

    import polars as pl

    return Shipped(pl.read_ipc(io.BytesIO(data)))


def _packed(result: BatchResult) -> PackedResult:
    findings, partials, deferred = result
    if deferred is not None:
        deferred.findings = [tuple(f.__dict__.values()) for f in deferred.findings]  # type: ignore[misc]
        deferred.rows = Shipped(deferred.rows, _WORKER_FOLDER)  # type: ignore[assignment]
    shipped = {code: Shipped(frame, _WORKER_FOLDER) for code, frame in partials.items()}
    return [tuple(f.__dict__.values()) for f in findings], shipped, deferred  # type: ignore[return-value]


def _unpacked(packed: PackedResult) -> BatchResult:
    rows, partials, deferred = packed
    if deferred is not None:
        deferred.findings = [_finding(row) for row in deferred.findings]  # type: ignore[arg-type]
        deferred.rows = deferred.rows.frame  # type: ignore[attr-defined]
    frames = {code: part.frame for code, part in partials.items()}  # type: ignore[attr-defined]
    return [_finding(row) for row in rows], frames, deferred


def _finding(row: tuple[Any, ...]) -> Finding:
    return make_finding(dict(zip(FINDING_FIELDS, row, strict=True)))


def _lint_batch(
    ruleset: RuleSet, frame: Shipped, path: str | None, columns: dict[str, str]
) -> BatchResult:
    """One batch of a catalogue already loaded, with ``ruleset``."""
    return batch_result(ruleset, Batch(frame.frame, path=path, columns=columns))


def _lint_chunk(
    ruleset: RuleSet, spec: ChunkSpec, body: Shipped, offset: int
) -> tuple[BatchResult, ChunkInfo]:
    """Raw records of a streamed file: normalise them, then check with ``ruleset``. The
    parent only scans the file, so loading scales with the workers too."""
    batch, info = build_chunk(spec, body.frame, offset)
    return batch_result(ruleset, batch), info


def _worker_ruleset() -> RuleSet:
    assert _WORKER_RULESET is not None, "worker used before its initialiser ran"
    return _WORKER_RULESET


def _check(frame: Shipped, path: str | None, columns: dict[str, str]) -> PackedResult:
    """One batch, in a worker."""
    return _packed(_lint_batch(_worker_ruleset(), frame, path, columns))


def _check_chunk(spec: ChunkSpec, body: Shipped, offset: int) -> tuple[PackedResult, ChunkInfo]:
    """One chunk of a streamed file, in a worker."""
    result, info = _lint_chunk(_worker_ruleset(), spec, body, offset)
    return _packed(result), info


#: what a worker's job runs, as the parent runs it itself (:meth:`Runner._here`)
_HERE: dict[Callable[..., Any], Callable[..., Any]] = {
    _check: _lint_batch,
    _check_chunk: _lint_chunk,
}


class _Here:
    """A job the parent ran itself (every worker was busy): its result, as a finished
    future would give it, already unpacked."""

    __slots__ = ("value",)

    def __init__(self, value: Any) -> None:
        self.value = value

    def done(self) -> bool:
        return True


# -- parent side ---------------------------------------------------------------------
class Runner:
    """Lints catalogues serially or on a process pool that lives as long as the runner.

    ``with Runner(ruleset) as runner: findings = list(runner.lint(catalog))``.
    The pool starts on the first catalogue that needs it and is reused for the next."""

    def __init__(self, ruleset: RuleSet, jobs: int | None = None) -> None:
        self.ruleset = ruleset
        self.jobs = ruleset.config.jobs if jobs is None else jobs
        self._pool: ProcessPoolExecutor | None = None
        self._workers = 0
        #: the pool's folder in shared memory, where frames travel (None: in the pipe)
        self._folder: HeldFolder | None = None
        #: batches sent to worker processes so far (0: everything ran in this process)
        self.dispatched = 0
        #: this process lints batches too while every worker is busy (automatic jobs)
        self.lints_too = False
        #: batches this process linted itself while the workers were busy
        self.linted_here = 0

    def __enter__(self) -> Runner:
        return self

    def __exit__(self, exc_type: object, *exc: object) -> None:
        if exc_type is None:
            self.close()
        else:
            self.abort()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
        self._drop_folder()

    def _drop_folder(self) -> None:
        """Remove the shared-memory folder with any frame nobody read (a stopped run)."""
        folder, self._folder = self._folder, None
        if folder is not None:
            folder.remove()

    def abort(self) -> None:
        """Stop the workers now, without waiting for them (the run was stopped: a
        signal, an error). Workers ignore SIGTERM, so they are killed; the queue's
        feeder thread may be blocked writing to them, so it is not joined at exit."""
        pool, self._pool = self._pool, None
        if pool is None:
            return
        # ProcessPoolExecutor has no public handle on its processes or its call queue
        workers = dict(getattr(pool, "_processes", None) or {})
        pool.shutdown(wait=False, cancel_futures=True)
        for process in workers.values():
            with suppress(Exception):
                process.kill()
        queue = getattr(pool, "_call_queue", None)
        if queue is not None:
            with suppress(Exception):
                queue.cancel_join_thread()
        self._drop_folder()

    def lint(self, catalog: Catalog) -> Iterator[Finding]:
        """All findings for one catalogue; same findings, same order, whatever ``jobs``."""
        rows = None if getattr(catalog, "streaming", False) else catalog.listings_count
        workers = workers_for(self.jobs, rows)
        if rows is not None and rows <= self.ruleset.config.batch_size:
            workers = 0  # one batch: nothing to share out
        if workers == 0:
            yield from lint_catalog(self.ruleset, catalog)
            return
        # automatic jobs: this process is one of the linters, so one worker fewer
        self.lints_too = self.jobs == 0 and workers > 1
        if self.lints_too:
            workers -= 1
        yield from lint_catalog(self.ruleset, catalog, self._results(catalog, workers))

    def _pool_for(self, workers: int) -> ProcessPoolExecutor:
        if self._pool is None or self._workers != workers:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            self.close()
            self._folder = _shared_folder()
            self._pool = ProcessPoolExecutor(
                max_workers=workers,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_init_worker,
                initargs=(self.ruleset.config, self.ruleset.policies, self._folder_path),
            )
            self._workers = workers
        return self._pool

    def _results(self, catalog: Catalog, workers: int) -> Iterator[BatchResult]:
        """Per-batch results from the pool, strictly in submission order: the output
        is the serial order whichever worker finishes first."""
        if isinstance(catalog, StreamingCatalog):
            yield from self._streamed_results(catalog, workers)
            return
        size = self.ruleset.config.batch_size
        folder = self._folder_for(workers)
        jobs = (
            (_check, Shipped(b.frame, folder), b.path, b.columns) for b in catalog.batches(size)
        )
        for result in self._in_order(jobs, workers):
            yield result.value if isinstance(result, _Here) else _unpacked(result)

    def _streamed_results(self, catalog: StreamingCatalog, workers: int) -> Iterator[BatchResult]:
        size = self.ruleset.config.batch_size
        folder = self._folder_for(workers)
        jobs = (
            (_check_chunk, catalog.spec, Shipped(body, folder), at)
            for body, at in catalog.chunks(size)
        )
        for result in self._in_order(jobs, workers):
            if isinstance(result, _Here):
                found, info = result.value
            else:
                packed, info = result
                found = _unpacked(packed)
            catalog.absorb(info)  # in file order, as a serial run books them
            yield found
        catalog.finish()
        # a file this big is the run: free the workers' memory before the merges
        self.close()

    def _folder_for(self, workers: int) -> str | None:
        """The folder frames travel through; the pool (which makes it) starts now."""
        self._pool_for(workers)
        return self._folder_path

    @property
    def _folder_path(self) -> str | None:
        return str(self._folder.path) if self._folder is not None else None

    def _in_order(self, jobs: Iterator[tuple[Any, ...]], workers: int) -> Iterator[Any]:
        """Submit ``(fn, *args)`` jobs with a bounded window; results in job order.

        With :attr:`lints_too`, a job that arrives while the window is full and the
        oldest batch is not back yet runs here instead of waiting (a :class:`_Here`):
        every worker has work queued, so this process's core would otherwise sit idle,
        and a whole worker process (its start-up, ~3 s of CPU) is saved."""
        pool = self._pool_for(workers)
        window = max(2, workers * IN_FLIGHT_PER_WORKER)
        # results leave in order; what ran here waits behind the workers' batches, at
        # most one more window of them (memory stays bounded)
        held = 2 * window if self.lints_too else window
        pending: deque[Future[Any] | _Here] = deque()
        for fn, *args in jobs:
            if self.lints_too and len(pending) >= window and not pending[0].done():
                pending.append(_Here(self._here(fn, *args)))
                self.linted_here += 1
            else:
                with _signals_blocked():  # submit may start a worker process
                    pending.append(pool.submit(fn, *args))
                self.dispatched += 1
            while pending and (len(pending) >= held or pending[0].done()):
                yield _value(pending.popleft())
        while pending:
            yield _value(pending.popleft())

    def _here(self, fn: Any, *args: Any) -> Any:
        """Run a worker's job in this process, with this process's rules (unpacked)."""
        return _HERE[fn](self.ruleset, *args)


def _value(item: Future[Any] | _Here) -> Any:
    return item if isinstance(item, _Here) else item.result()


def _shared_folder() -> HeldFolder | None:
    """A run folder in shared memory for the frames a pool's processes exchange, or None
    where there is none (not Linux, not writable): they go through the pipe then."""
    from listlint.runtemp import HeldFolder

    if not SHARED_MEMORY.is_dir() or not os.access(SHARED_MEMORY, os.W_OK | os.X_OK):
        return None
    try:
        return HeldFolder(SHARED_MEMORY)
    except OSError:
        return None


def lint_all(ruleset: RuleSet, catalog: Catalog, jobs: int | None = None) -> list[Finding]:
    """One catalogue's findings with a throw-away :class:`Runner` (library convenience)."""
    with Runner(ruleset, jobs) as runner:
        return list(runner.lint(catalog))


__all__ = ["MIN_PARALLEL_ROWS", "Runner", "available_cores", "lint_all", "workers_for"]
