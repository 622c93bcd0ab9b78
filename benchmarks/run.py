"""Benchmark table for listlint: seconds per stage, rows/s, peak memory, against polars.

    python benchmarks/run.py                    # 10k, 100k, 1M listings (CSV)
    python benchmarks/run.py --large            # ... and 10M (about 7 GB of CSV)
    python benchmarks/run.py --sizes 10k,100k   # some sizes only
    python benchmarks/run.py --startup --xlsx   # + 20-row start-up and 100k-row XLSX
    python benchmarks/run.py --markdown         # the table as Markdown (for the README)
    python benchmarks/run.py --text             # 200k text-heavy listings (generate_text.py)
    python benchmarks/run.py --text --sizes 10k --policy tiktok-shop-us,amazon-us
    python benchmarks/run.py --stages FILE --policy P --last pricing,images  # one stage
        # run as JSON; the --last groups run after the others in each batch, so their
        # columns show what they add, not the analyses they share and ask for first

For each size the seeded generator (``generate.py``) writes ``benchmarks/data/<n>.csv``
once (git-ignored); with ``--text``, ``generate_text.py`` writes a text-heavy catalogue
(sentences of seller prose, bullets, 3% planted problems: issue 17's speed target) to
``benchmarks/data/text-<n>.csv`` instead, and the sizes default to 200k. ``--policy``
lints with those marketplace packs on top of ``base`` (stages and CLI alike).
Then, each in a fresh process so memory figures do not mix:

* ``polars``: a bare ``polars.read_csv`` of the file (the floor any CSV tool pays);
* stages, in one process, serially: ``load`` (reading and splitting the file),
  ``normalise`` (column mapping, text clean-up, unit and price parsing), one column per
  rule family (its rules' ``check``/``partial``/``merge`` calls; per-batch analyses a
  family shares are charged to the first family that asks for them), ``report``
  (sorting findings, JSON written to /dev/null);
* ``cli``: ``listlint FILE -f json -o ...`` end to end, as a user runs it (worker
  processes where the engine chooses them), with peak RSS of the main process and of
  the whole process tree (sampled from /proc every 50 ms).

Timings are wall-clock on whatever machine runs this; on a shared machine treat them
as noisy upper bounds.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"
PY = sys.executable
LISTLINT = [PY, "-m", "listlint"]
SIZES = {"10k": 10_000, "100k": 100_000, "200k": 200_000, "1M": 1_000_000, "10M": 10_000_000}


# -- measuring processes --------------------------------------------------------------
def _tree(pid: int) -> list[int]:
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        try:
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as fh:
                    todo.extend(int(c) for c in fh.read().split())
        except OSError:
            continue
    return out


def _rss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _bytecode_env() -> dict[str, str]:
    """The environment with byte-code caching on, kept under benchmarks/data/: an
    installed listlint has its .pyc files, so a measured process must not recompile
    every module (PYTHONDONTWRITEBYTECODE=1, set on some CI and sandbox machines, made
    the 20-row run ~0.1 s CPU slower)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(DATA / "pycache")
    return env


def measure(cmd: list[str], env: dict[str, str] | None = None) -> dict[str, Any]:
    """Wall seconds, peak RSS of the process (MB) and peak summed RSS of its tree (MB)."""
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.Popen(
        cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=_bytecode_env() | (env or {})
    )
    peak_tree = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak_tree
        while not done.is_set():
            peak_tree = max(peak_tree, sum(_rss_kb(p) for p in _tree(proc.pid)))
            done.wait(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = proc.communicate()
    wall = time.perf_counter() - start
    done.set()
    sampler.join()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    # CPU of the process and its reaped workers: steadier than wall on a busy machine
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if proc.returncode not in (0, 1):
        raise RuntimeError(f"{' '.join(cmd)} exited {proc.returncode}: {err.decode()[-2000:]}")
    return {
        "wall": wall,
        "cpu": cpu,
        "tree_mb": peak_tree / 1024,
        "stdout": out.decode(),
    }


# -- in-process stage profile (run in a child: python run.py --stages FILE) ---------------
def stages(path: str, policy: str | None = None, last: str | None = None) -> dict[str, object]:
    """Serial stage timings for one file, printed as JSON by the child process.

    Stages are timed in CPU seconds of this process (all its threads): on a shared
    machine that is what a stage costs, where wall time also counts the neighbours.
    ``last`` (comma-separated groups) runs those families after all others in each
    batch, so the analyses they share with others (folded text, the product analysis
    and its lexicon) are charged to the others and their columns show what they add."""
    import resource

    clock = time.process_time
    wall0 = time.perf_counter()
    t0 = clock()
    # the allocators as the CLI tunes them (listlint.allocators), before polars loads
    from listlint import allocators

    allocators.tune()
    import listlint.loader.normalize as normalize
    from listlint.api import load, make_config
    from listlint.engine import (
        Deferred,
        RuleSet,
        combine_evidence,
        lint_catalog,
        loader_findings,
        merge_partials,
    )
    from listlint.formatters import FormatOptions, get
    from listlint.loader import from_records
    from listlint.report import Report
    from listlint.rules.base import CatalogRule

    cfg = make_config(jobs=1, policy=policy)
    ruleset = RuleSet.build(cfg)
    # rules build automata, brand indexes and spaCy on first use: pay that here, once,
    # so the per-stage columns show the cost that grows with the catalogue
    warm = from_records([{"sku": "W-1", "title": "Warm-up cotton tee", "description": "Soft."}])
    list(lint_catalog(ruleset, warm))
    setup = clock() - t0
    # the collector as the CLI runs it (listlint.gcpolicy, runner.fewer_collections): the
    # long-lived state frozen out of its view, collections less often; otherwise each full
    # collection (0.2-0.25 s on 1M) lands in whichever family happens to run
    import gc

    from listlint.gcpolicy import GC_THRESHOLDS

    gc.freeze()
    gc.set_threshold(*GC_THRESHOLDS)
    spent = {"normalise": 0.0}
    real_build = normalize.build_frame

    def timed_build(*args, **kwargs):  # type: ignore[no-untyped-def]
        t = clock()
        try:
            return real_build(*args, **kwargs)
        finally:
            spent["normalise"] += clock() - t

    normalize.build_frame = timed_build  # type: ignore[assignment]
    t = clock()
    catalog = load(path, config=cfg)
    load_s = clock() - t
    family: dict[str, float] = {}
    findings = []
    partials: dict[str, list] = {}
    rules = ruleset.for_path(catalog.path)
    if last:
        tail = set(last.split(","))
        rules = [r for r in rules if r.group not in tail] + [r for r in rules if r.group in tail]
    batches = iter(catalog.batches(cfg.batch_size))
    from listlint.engine import _Stamper

    gathering = ruleset.gatherers(rules)
    deferred: list[Deferred] = []
    while True:
        t = clock()
        batch = next(batches, None)
        load_s += clock() - t  # a streamed file is read as batches are taken
        if batch is None:
            break
        stamp = _Stamper(ruleset, batch, batch.path)
        # judged on the batch's own facts (read when the family first asks, inside its
        # rules' time) and settled at the end, as the engine does (engine.Deferred)
        context = ruleset.context(batch)  # one analysis per family, as the engine does
        held: dict[str, list] = {}
        for rule in rules:
            fam = rule.group
            t = clock()
            if isinstance(rule, CatalogRule):
                if rule.applies(batch):
                    part = rule.partial_of(context)
                    if part is not None and part.height:
                        partials.setdefault(rule.code, []).append(part)
            elif rule.applies(batch):
                found = [stamp(rule, h) for h in rule.hits(context)]
                if getattr(getattr(rule, "family", None), "gathers", False):
                    held.setdefault(fam, []).extend(found)
                else:
                    findings.extend(found)
            family[fam] = family.get(fam, 0.0) + clock() - t
        evidence = {f.name: ev for f in gathering if (ev := context.evidence(f)) is not None}
        for fam_ in gathering:
            t = clock()
            kept = fam_.kept_rows(context)
            frame = batch.frame[kept] if kept else batch.frame.clear()
            deferred.append(
                Deferred(evidence, held.get(fam_.name, []), frame, batch.path, batch.columns)
            )
            family[fam_.name] = family.get(fam_.name, 0.0) + clock() - t
        context.release()
    if deferred:
        t = clock()
        whole = combine_evidence(ruleset, (d.evidence for d in deferred), rules)
        for d in deferred:
            findings.extend(d.settle(ruleset, whole))
        family[gathering[0].name] = family.get(gathering[0].name, 0.0) + clock() - t
    merged = []
    groups = {r.code: r.group for r in rules}
    for code, parts in partials.items():  # catalogue-level rules: phase two, per rule
        t = clock()
        merged += merge_partials(ruleset, {code: parts}, catalog.path, catalog.columns)
        family[groups[code]] = family.get(groups[code], 0.0) + clock() - t
    findings = loader_findings(ruleset, catalog, rules) + findings + merged
    t = clock()
    report = Report.build(
        findings, files=1, records=catalog.records, listings=catalog.listings_count
    )
    with open(os.devnull, "w") as sink:
        get("json")(report, sink, FormatOptions())
    report_s = clock() - t
    normalise = spent["normalise"]
    return {
        "rows": catalog.listings_count,
        "records": catalog.records,
        "findings": len(findings),
        "setup": setup,
        "load": load_s - normalise,
        "normalise": normalise,
        "families": family,
        "report": report_s,
        "total": clock() - t0,
        "wall": time.perf_counter() - wall0,
        "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


# -- the table -----------------------------------------------------------------------
def ensure_csv(n: int, text: bool = False) -> Path:
    path = DATA / (f"text-{n}.csv" if text else f"{n}.csv")
    if not path.exists():
        script = "generate_text.py" if text else "generate.py"
        print(f"generating {n:,} listings -> {path}", file=sys.stderr)
        subprocess.run([PY, str(HERE / script), str(n), str(path)], check=True)
    return path


POLARS_READ = (
    "import sys, time, polars as pl; t = time.perf_counter(); pl.read_csv(sys.argv[1]); "
    "print(time.perf_counter() - t)"
)


def bench_size(
    label: str, n: int, skip_stages: bool, text: bool = False, policy: str | None = None
) -> dict[str, object]:
    path = ensure_csv(n, text)
    packs = ["--policy", policy] if policy else []
    row: dict[str, object] = {"size": label, "rows": n, "mb": path.stat().st_size / 1e6}
    polars = measure([PY, "-c", POLARS_READ, str(path)])
    row["polars_s"] = float(str(polars["stdout"]).strip())
    row["polars_cpu"] = polars["cpu"]  # includes the interpreter's start-up
    row["polars_mb"] = polars["tree_mb"]
    if not skip_stages:
        st = measure([PY, str(HERE / "run.py"), "--stages", str(path), *packs])
        row["stages"] = json.loads(str(st["stdout"]))
        row["stages"]["tree_mb"] = st["tree_mb"]  # type: ignore[index]
    out = DATA / f"{n}.findings.json"
    cli = measure([*LISTLINT, str(path), "-f", "json", "-o", str(out), *packs])
    row["cli_s"] = cli["wall"]
    row["cli_cpu"] = cli["cpu"]
    row["cli_mb"] = cli["tree_mb"]
    row["rows_per_s"] = n / cli["wall"]
    row["us_per_row"] = 1e6 * cli["cpu"] / n  # CPU: the cost curve, free of neighbours
    row["ratio"] = cli["wall"] / float(row["polars_s"])  # type: ignore[arg-type]
    with out.open() as fh:
        row["findings"] = json.load(fh)["summary"]["findings"]
    out.unlink()
    print(json.dumps(row), file=sys.stderr)
    return row


def startup() -> dict[str, float]:
    from generate import generate

    small = DATA / "20.csv"
    if not small.exists():
        DATA.mkdir(parents=True, exist_ok=True)
        generate(20, seed=3).write_csv(small)
    measure([*LISTLINT, str(small)])  # warm-up: writes the byte-code cache
    base = [measure([PY, "-c", "import polars, pydantic, click"]) for _ in range(5)]
    lint = [measure([*LISTLINT, str(small)]) for _ in range(5)]
    out = {}
    for key in ("wall", "cpu"):
        b = statistics.median(r[key] for r in base)
        s = statistics.median(r[key] for r in lint)
        out |= {f"imports_{key}": b, f"listlint_{key}": s, f"ratio_{key}": s / b}
    return out


def ensure_xlsx(n: int) -> Path:
    path = DATA / f"{n}.xlsx"
    if path.exists():
        return path
    from generate import generate, write_xlsx

    print(f"writing {n:,}-row XLSX -> {path} (once; slow)", file=sys.stderr)
    return write_xlsx(generate(n, seed=5), path)


def xlsx(n: int = 100_000) -> dict[str, float]:
    path = ensure_xlsx(n)
    out = DATA / "xlsx.findings.json"
    r = measure([*LISTLINT, str(path), "-f", "json", "-o", str(out)])
    out.unlink(missing_ok=True)
    return {
        "rows": n,
        "mb": path.stat().st_size / 1e6,
        "cli_s": r["wall"],
        "cli_cpu": r["cpu"],
        "cli_mb": r["tree_mb"],
    }


def markdown(rows: list[dict[str, object]], families: list[str]) -> str:
    head = (
        ["rows", "CSV MB", "polars read s", "setup s", "load s", "normalise s"]
        + [f"{f} s" for f in families]
        + ["report s", "serial CPU s", "serial wall s", "CLI CPU s", "CLI wall s"]
        + ["rows/s (wall)", "CPU µs/row", "peak RSS MB", "x polars (wall)"]
    )
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for r in rows:
        st: dict = r.get("stages") or {}  # type: ignore[assignment]
        fam = st.get("families", {})
        cells = [
            f"{r['rows']:,}",
            f"{r['mb']:.0f}",
            f"{r['polars_s']:.2f}",
            f"{st['setup']:.2f}" if st else "-",
            f"{st['load']:.2f}" if st else "-",
            f"{st['normalise']:.2f}" if st else "-",
            *[f"{fam.get(f, 0.0):.2f}" if st else "-" for f in families],
            f"{st['report']:.2f}" if st else "-",
            f"{st['total']:.2f}" if st else "-",
            f"{st['wall']:.2f}" if st else "-",
            f"{r['cli_cpu']:.2f}",
            f"{r['cli_s']:.2f}",
            f"{r['rows_per_s']:,.0f}",
            f"{r['us_per_row']:.1f}",
            f"{r['cli_mb']:,.0f}",
            f"{r['ratio']:.1f}",
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _load(avg: tuple[float, float, float]) -> str:
    return "/".join(f"{x:.1f}" for x in avg)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument(
        "--sizes",
        help="comma-separated: 10k,100k,200k,1M,10M (default 10k,100k,1M; 200k with --text)",
    )
    ap.add_argument("--text", action="store_true", help="text-heavy catalogues (generate_text.py)")
    ap.add_argument("--policy", help="marketplace packs on top of base, comma-separated")
    ap.add_argument("--large", action="store_true", help="add 10M listings")
    ap.add_argument("--startup", action="store_true", help="20-row start-up comparison")
    ap.add_argument("--xlsx", action="store_true", help="100k-row XLSX end to end")
    ap.add_argument("--no-stages", action="store_true", help="skip the in-process stage run")
    ap.add_argument("--markdown", action="store_true", help="print Markdown tables")
    ap.add_argument("--stages", metavar="FILE", help=argparse.SUPPRESS)
    ap.add_argument("--last", help=argparse.SUPPRESS)  # with --stages: these groups last
    args = ap.parse_args()
    if args.stages:
        print(json.dumps(stages(args.stages, args.policy, args.last)))
        return
    load_before = os.getloadavg()
    sizes = args.sizes or ("200k" if args.text else "10k,100k,1M")
    labels = [s.strip() for s in sizes.split(",") if s.strip()]
    if args.large and "10M" not in labels:
        labels.append("10M")
    # 10M rows do not fit the serial in-memory stage run's budget: CLI only
    rows = [
        bench_size(lb, SIZES[lb], args.no_stages or lb == "10M", args.text, args.policy)
        for lb in labels
    ]
    families = sorted({f for r in rows for f in (r.get("stages") or {}).get("families", {})})  # type: ignore[union-attr]
    print(
        f"# listlint benchmark, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, "
        f"{os.cpu_count()} cores, python {sys.version.split()[0]}, load average (1/5/15 min) "
        f"{_load(load_before)} before the table, {_load(os.getloadavg())} after"
    )
    print(markdown(rows, families))
    if args.startup:
        s = startup()
        print(
            f"\n20-row catalogue end to end: {s['listlint_wall']:.2f} s wall, "
            f"{s['listlint_cpu']:.2f} s CPU; `python -c 'import polars, pydantic, click'`: "
            f"{s['imports_wall']:.2f} s wall, {s['imports_cpu']:.2f} s CPU "
            f"(ratio {s['ratio_wall']:.1f}x wall, {s['ratio_cpu']:.1f}x CPU; medians of 5)"
        )
    if args.xlsx:
        x = xlsx()
        print(
            f"\n{x['rows']:,}-row XLSX ({x['mb']:.0f} MB) end to end: {x['cli_s']:.2f} s wall, "
            f"{x['cli_cpu']:.2f} s CPU, peak RSS {x['cli_mb']:,.0f} MB"
        )


if __name__ == "__main__":
    main()
