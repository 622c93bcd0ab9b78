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
from collections.abc import Iterable
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
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"cannot read baseline {path}: {exc.strerror}") from None
    except ValueError as exc:
        raise ConfigError(f"{path}: not a listlint baseline ({exc})") from None
    if not isinstance(data, dict) or data.get("version") != BASELINE_VERSION:
        raise ConfigError(f"{path}: not a listlint baseline (version {BASELINE_VERSION})")
    out: Counter[tuple[str, str, str]] = Counter()
    try:
        for e in data["entries"]:
            out[(str(e["sku"]), str(e["rule"]), str(e["fingerprint"]))] += int(e.get("count", 1))
    except (KeyError, TypeError, ValueError) as exc:
        raise ConfigError(f"{path}: broken baseline entry ({exc})") from None
    return out


def filter_new(findings: Iterable[Finding], known: Counter[tuple[str, str, str]]) -> list[Finding]:
    """Findings not covered by the baseline (each baseline entry absorbs ``count`` findings)."""
    left = Counter(known)
    out = []
    for f in findings:
        k = key(f)
        if left[k] > 0:
            left[k] -= 1
        else:
            out.append(f)
    return out
