"""Render the HTML report in headless Chromium and take a screenshot (optional: skipped
when /usr/bin/chromium is absent). The screenshot is kept under the pytest tmp dir for a
person to look at; the test checks the page rendered (a non-trivial PNG) and that the
filter script did not break the DOM (via --dump-dom)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from listlint.formatters import FormatOptions, html
from tests.formatter_report import fixed_report

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = [
    pytest.mark.optional,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="Chromium is not installed (/usr/bin/chromium)"
    ),
]


def _chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            str(CHROMIUM),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--no-first-run",
            f"--user-data-dir={tmp_path / 'profile'}",
            *args,
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_html_report_renders(tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    with page.open("w", encoding="utf-8") as fh:
        html.write(fixed_report(), fh, FormatOptions())
    shot = tmp_path / "report.png"
    _chromium(tmp_path, f"--screenshot={shot}", "--window-size=1200,1400", page.as_uri())
    assert shot.exists() and shot.stat().st_size > 10_000
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    dom = _chromium(tmp_path, "--dump-dom", page.as_uri()).stdout
    assert dom.count('data-sev="') == 4
    assert "<b>html</b>" not in dom  # escaped text stayed text


def test_filter_from_link_hides_other_rows(tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    with page.open("w", encoding="utf-8") as fh:
        html.write(fixed_report(), fh, FormatOptions())
    dom = _chromium(tmp_path, "--dump-dom", page.as_uri() + "#q=SKU-1").stdout
    rows = [r for r in dom.split("<tr ") if r.startswith('data-sev="')]
    hidden = [r for r in rows if 'style="display: none;"' in r]
    shown = [r for r in rows if r not in hidden]
    assert len(rows) == 4 and len(shown) == 1 and "SKU-1" in shown[0], dom[-2000:]
