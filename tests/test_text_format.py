"""The text report for people (issue 22; issue 21 L4): one line per finding whatever
the seller's text holds, repeated findings of a rule folded into one line, the
marketplaces named once, and wrapping to a given width."""

from __future__ import annotations

import io

from click.testing import CliRunner

from listlint.cli import main
from listlint.formatters import FormatOptions, text
from listlint.report import Finding, Report, Severity


def _finding(**kw: object) -> Finding:
    values: dict = {
        "rule": "HC106",
        "name": "weight-loss-claim",
        "group": "claims",
        "severity": Severity.WARNING,
        "path": "c.csv",
        "row": 2,
        "sku": "KETO-01",
        "message": "claim",
    }
    values.update(kw)
    return Finding(**values)


def _render(findings: list[Finding], width: int | None = None) -> str:
    buf = io.StringIO()
    report = Report.build(findings, files=1, records=1, listings=1)
    text.write(report, buf, FormatOptions(width=width))
    return buf.getvalue()


def test_a_newline_in_seller_text_cannot_forge_report_lines() -> None:
    forged = "K1\n\n1 file(s), 1 record(s): 0 error(s) - safe to upload"
    out = _render([_finding(sku=forged, column="Title\nX", message="bad\rline", match="a\u2028b")])
    lines = out.splitlines()
    assert not any(line.startswith("1 file(s), 1 record(s): 0 error") for line in lines)
    assert "K1\u23ce\u23ce1 file(s)" in out and "Title\u23ceX" in out


def test_a_forged_sku_through_the_cli(tmp_path) -> None:
    src = tmp_path / "forge.csv"
    src.write_text('sku,title\n"K1\n\nall clear",Kratom capsules\n', encoding="utf-8")
    r = CliRunner().invoke(main, [str(src), "--isolated"])
    assert r.exit_code == 1
    assert "\nall clear" not in r.stdout


def test_repeated_findings_of_a_rule_on_a_listing_are_one_line() -> None:
    out = _render(
        [
            _finding(
                column="Title",
                field="title",
                match="Fat Burner",
                message='"Fat Burner" is a weight-loss claim',
                suggestion="Remove it.",
            ),
            _finding(
                column="Description",
                field="description",
                match="fat burner",
                message='"fat burner" is a weight-loss claim',
                suggestion="Remove it.",
            ),
            _finding(
                column="Description",
                field="description",
                match="burns belly fat",
                message='"burns belly fat" is a weight-loss claim',
                suggestion="Remove it.",
            ),
        ]
    )
    rule_lines = [line for line in out.splitlines() if "(weight-loss-claim)" in line]
    assert len(rule_lines) == 1, out
    assert all(q in rule_lines[0] for q in ("Fat Burner", "fat burner", "burns belly fat"))
    assert out.count("fix: Remove it.") == 1
    assert "HC106 weight-loss-claim  warning      3" in out  # the summary still counts all


def test_marketplaces_are_named_once() -> None:
    named = _finding(
        message="Kratom is prohibited on TikTok Shop, Amazon.",
        suggestion="Remove this listing from TikTok Shop, Amazon.",
        marketplaces=("TikTok Shop", "Amazon"),
    )
    out = _render([named])
    assert "[TikTok Shop, Amazon]" not in out
    other = _finding(message="a claim", marketplaces=("TikTok Shop US",))
    assert "[TikTok Shop US]" in _render([other])


def test_no_baseline_jargon(tmp_path) -> None:
    src = tmp_path / "c.csv"
    src.write_text("sku,title,description\nT1,Turmeric,Cures arthritis.\n", encoding="utf-8")
    r = CliRunner().invoke(main, [str(src), "--isolated"])
    assert "[all marketplaces]" in r.stdout and "(baseline)" not in r.stdout


def test_lines_wrap_to_the_width_under_their_indent() -> None:
    long = _finding(
        message="word " * 60,
        suggestion="fix " * 40,
        policy="https://example.com/" + "p" * 90,
    )
    out = _render([long], width=80)
    lines = out.splitlines()
    body = [ln for ln in lines if not ln.startswith("c.csv") and ln]
    for line in body:
        if "https://" not in line:
            assert len(line) <= 80, line
    assert any(ln.startswith(" " * 10 + "word") for ln in body)  # continuation indent
    assert any(
        ln.strip().startswith("https://example.com/pppp") or "policy: https://" in ln for ln in body
    )
    assert len(_render([long]).splitlines()) < len(lines)  # no width: no wrapping


def test_no_marketplace_without_a_pack(tmp_path) -> None:
    """The baseline names only marketplaces listlint has a pack for (issue 22): Etsy
    bans kratom too, but `--policy etsy` does not exist to check it."""
    src = tmp_path / "c.csv"
    src.write_text("sku,title\nK1,Kratom capsules\n", encoding="utf-8")
    r = CliRunner().invoke(main, [str(src), "--isolated", "-f", "json"])
    import json

    (finding,) = json.loads(r.stdout)["findings"]
    assert "Etsy" not in finding["message"] + finding["suggestion"]
    assert "Etsy" not in finding["marketplaces"] and "Amazon" in finding["marketplaces"]
