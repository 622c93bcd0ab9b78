"""Baselines: accept today's findings, report only new or changed ones.

An entry is keyed by SKU + rule + a fingerprint of the offending value (the matched
text, or the field and message when there is none) — never by row number, because
rows move when a catalogue is sorted or edited. Entries are counted, so a second
identical problem on the same SKU is still reported as new.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

from listlint.errors import ConfigError
from listlint.report import Finding

BASELINE_VERSION = 1


def fingerprint(f: Finding) -> str:
    value = f.match if f.match is not None else f"{f.field}|{f.message}"
    value = " ".join(str(value).casefold().split())
    return hashlib.sha256(f"{f.field or ''}\x1f{value}".encode()).hexdigest()[:16]


def key(f: Finding) -> tuple[str, str, str]:
    # without a SKU the file is the best stable identity we have
    return (f.sku if f.sku is not None else f"path:{f.path or ''}", f.rule, fingerprint(f))


def dump(findings: Iterable[Finding], path: str | Path) -> int:
    from listlint.output import atomic_text_writer

    counts = Counter(key(f) for f in findings)
    entries = [
        {"sku": sku, "rule": rule, "fingerprint": fp, "count": n}
        for (sku, rule, fp), n in sorted(counts.items())
    ]
    with atomic_text_writer(Path(path)) as fh:
        json.dump(
            {"version": BASELINE_VERSION, "entries": entries}, fh, ensure_ascii=False, indent=2
        )
        fh.write("\n")
    return sum(counts.values())


def load(path: str | Path) -> Counter[tuple[str, str, str]]:
    from listlint.userfiles import BASELINE_LIMIT, load_json, read_text

    path = Path(path)
    text = read_text(path, "baseline", BASELINE_LIMIT)
    try:
        data = load_json(text)
    except ValueError as exc:
        raise ConfigError(f"not a listlint baseline ({exc})", path=str(path)) from None
    if not isinstance(data, dict) or data.get("version") != BASELINE_VERSION:
        raise ConfigError(f"not a listlint baseline (version {BASELINE_VERSION})", path=str(path))
    out: Counter[tuple[str, str, str]] = Counter()
    try:
        for e in data["entries"]:
            count = int(e.get("count", 1))
            if count < 1:
                raise ValueError(f"count {count} is not positive")
            out[(str(e["sku"]), str(e["rule"]), str(e["fingerprint"]))] += count
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise ConfigError(f"broken baseline entry ({exc})", path=str(path)) from None
    return out


def filter_new(findings: Iterable[Finding], known: Counter[tuple[str, str, str]]) -> list[Finding]:
    """Findings not covered by the baseline (each baseline entry absorbs ``count`` findings)."""
    return list(new_findings(findings, known))


def new_findings(
    findings: Iterable[Finding], known: Counter[tuple[str, str, str]]
) -> Iterator[Finding]:
    """The findings the baseline does not absorb, lazily, in their order.

    ``findings`` come in report order (:meth:`Finding.sort_key`); an entry absorbs the
    first ``count`` findings of its key. Findings that tie on the sort key are taken by
    their full content, so every engine (whatever order its workers returned the ties
    in) absorbs the same ones."""
    left = Counter(known)
    run: list[Finding] = []
    run_key: tuple[object, ...] | None = None
    for f in findings:
        k = f.sort_key()
        if run and k != run_key:
            yield from _settle(run, left)
            run = []
        run.append(f)
        run_key = k
    yield from _settle(run, left)


def _settle(run: list[Finding], left: Counter[tuple[str, str, str]]) -> Iterator[Finding]:
    if len(run) == 1:
        k = key(run[0])
        if left[k] > 0:
            left[k] -= 1
        else:
            yield run[0]
        return
    absorbed = set()
    for i in sorted(range(len(run)), key=lambda i: _content(run[i])):
        k = key(run[i])
        if left[k] > 0:
            left[k] -= 1
            absorbed.add(i)
    yield from (f for i, f in enumerate(run) if i not in absorbed)


def _content(f: Finding) -> tuple[str, ...]:
    return tuple("" if v is None else str(v) for v in f.__dict__.values())
