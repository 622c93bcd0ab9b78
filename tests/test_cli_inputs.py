"""What the command line lints (issue 22, issue 21 M7): standard input, folders, a
mistyped command, file names that look like options, and the pre-commit hook's choice
of files by content."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from listlint.cli import main

ROOT = Path(__file__).resolve().parents[1]
BAD = "sku,title\nK1,Kratom capsules\nB2,Plain mug\n"


def _json(args: list[str], **kw: object) -> tuple[int, dict, str]:
    r = CliRunner().invoke(main, [*args, "--isolated", "-f", "json"], **kw)  # type: ignore[arg-type]
    return r.exit_code, (json.loads(r.stdout) if r.stdout.strip() else {}), r.stderr


def test_dash_reads_standard_input_and_sniffs_the_format(tmp_path: Path) -> None:
    code, report, err = _json(["-"], input=BAD.encode())
    assert code == 1, err
    assert report["summary"]["files"] == 1 and report["summary"]["records"] == 2
    assert {f["path"] for f in report["findings"]} == {"<stdin>"}
    rows = [{"sku": "K1", "title": "Kratom capsules"}]
    code, report, err = _json(["-"], input=json.dumps(rows).encode())
    assert code == 1 and report["findings"][0]["rule"] == "PR101", err


def test_standard_input_errors_name_it(tmp_path: Path) -> None:
    r = CliRunner().invoke(main, ["-", "--isolated"], input=b"\x89PNG\r\n")
    assert r.exit_code == 2
    assert r.stderr.startswith("listlint: error: <stdin>:"), r.stderr
    assert "stdin-" not in r.stderr  # never the temporary copy's name


def test_standard_input_into_an_annotated_copy(tmp_path: Path) -> None:
    import openpyxl

    out = tmp_path / "checked.xlsx"
    r = CliRunner().invoke(main, ["-", "--isolated", "-o", str(out)], input=BAD.encode())
    assert r.exit_code == 1, r.stderr
    sheet = openpyxl.load_workbook(out).worksheets[0]
    assert sheet["B2"].value == "Kratom capsules" and sheet["B2"].comment is not None


def _tree(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    (root / "shop" / "eu").mkdir(parents=True)
    (root / ".git").mkdir()
    (root / ".vscode").mkdir()
    (root / "node_modules" / "x").mkdir(parents=True)
    (root / "shop" / "catalog.csv").write_text(BAD)
    (root / "shop" / "eu" / "EXPORT.CSV").write_text("sku,title\nV1,Disposable vape pen\n")
    (root / ".git" / "old.csv").write_text(BAD)
    (root / "node_modules" / "x" / "data.csv").write_text(BAD)
    (root / "package.json").write_text(
        json.dumps({"name": "shop", "version": "1.0.0", "description": "x", "scripts": {}})
    )
    (root / ".vscode" / "settings.json").write_text(json.dumps({"editor.fontSize": 14}))
    (root / "notes.txt").write_text("not a catalogue extension")
    return root


def test_a_folder_lints_its_catalogue_files_recursively(tmp_path: Path) -> None:
    root = _tree(tmp_path)
    code, report, err = _json([str(root)])
    assert code == 1, err
    paths = {Path(f["path"]).relative_to(root).as_posix() for f in report["findings"]}
    assert paths == {"shop/catalog.csv", "shop/eu/EXPORT.CSV"}
    assert report["summary"]["files"] == 2


def test_a_folder_skips_listlints_own_outputs(tmp_path: Path) -> None:
    root = _tree(tmp_path)
    for ext in ("xlsx", "json", "sarif", "csv"):
        out = root / "shop" / f"report.{ext}"
        r = CliRunner().invoke(
            main, [str(root / "shop" / "catalog.csv"), "--isolated", "-o", str(out)]
        )
        assert r.exit_code == 1, r.stderr
    (root / "shop" / "report.sarif").rename(root / "shop" / "report.sarif.json")
    _, report, _ = _json([str(root)])
    assert report["summary"]["files"] == 2, sorted({f["path"] for f in report["findings"]})


def test_an_empty_folder_is_not_an_error(tmp_path: Path) -> None:
    r = CliRunner().invoke(main, [str(tmp_path), "--isolated"])
    assert r.exit_code == 0 and "no catalogue files" in r.stderr


@pytest.mark.parametrize(
    ("typo", "meant"), [("expalin", "explain"), ("rule", "rules"), ("polices", "policies")]
)
def test_a_mistyped_command_gets_did_you_mean(typo: str, meant: str) -> None:
    r = CliRunner().invoke(main, [typo, "PR101"])
    assert r.exit_code == 2
    assert f"did you mean '{meant}'" in r.stderr and "file not found" not in r.stderr


def test_a_missing_file_is_still_a_missing_file(tmp_path: Path) -> None:
    r = CliRunner().invoke(main, [str(tmp_path / "catalgo.csv"), "--isolated"])
    assert r.exit_code == 2 and "file not found" in r.stderr


def test_file_names_that_read_as_options_are_refused(tmp_path: Path) -> None:
    (tmp_path / "--write-baseline=zz.json").write_text("{}")
    (tmp_path / "c.csv").write_text(BAD)
    r = CliRunner().invoke(
        main, ["--isolated", "--", str(tmp_path / "c.csv"), "--write-baseline=zz.json"]
    )
    assert r.exit_code == 2 and "starts with '-'" in r.stderr
    assert not (tmp_path / "zz.json").exists()


def test_pre_commit_run_without_the_separator_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "c.csv").write_text(BAD)
    monkeypatch.setenv("PRE_COMMIT", "1")
    monkeypatch.setattr(sys, "argv", ["listlint", "check", str(tmp_path / "c.csv")])
    r = CliRunner().invoke(main, ["check", str(tmp_path / "c.csv"), "--isolated"])
    assert r.exit_code == 2 and "end `args` with '--'" in r.stderr
    monkeypatch.setattr(sys, "argv", ["listlint", "check", "--", str(tmp_path / "c.csv")])
    r = CliRunner().invoke(main, ["check", "--isolated", "--", str(tmp_path / "c.csv")])
    assert r.exit_code == 1, r.stderr


def _hook() -> dict:
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    return hook


def test_hook_picks_catalogue_extensions_in_any_case_and_ends_options() -> None:
    hook = _hook()
    pattern = re.compile(hook["files"])
    for name in ("EXPORT.CSV", "a.Xlsx", "b.JSONL", "c.csv"):
        assert pattern.search(name), name
    assert hook["args"][-1] == "--"
    assert "--skip-non-catalogues" in hook["entry"].split()


def test_hook_command_skips_what_is_not_a_catalogue(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The hook's own command line, as pre-commit builds it: entry + args + files."""
    root = _tree(tmp_path)
    monkeypatch.chdir(root)
    names = ["package.json", ".vscode/settings.json", "shop/catalog.csv", "shop/eu/EXPORT.CSV"]
    hook = _hook()
    argv = [*hook["entry"].split()[1:], *hook["args"], *names]
    monkeypatch.setenv("PRE_COMMIT", "1")
    monkeypatch.setattr(sys, "argv", ["listlint", *argv])
    r = CliRunner().invoke(
        main,
        [
            *argv[:1],
            "--isolated",
            *argv[1:],
        ],
        env={"PRE_COMMIT": "1"},
    )
    assert r.exit_code == 1, r.stderr
    assert "PR101" in r.stdout and "vape" in r.stdout.lower()
    assert "package.json" not in r.stdout and "settings.json" not in r.stdout
    assert "skipped package.json: not a product catalogue" in r.stderr
    only_config = [*argv[:-2]]
    r = CliRunner().invoke(main, [only_config[0], "--isolated", *only_config[1:]])
    assert r.exit_code == 0 and "no catalogue files" in r.stderr


def test_readme_snippet_rev_names_this_version() -> None:
    """The README's pre-commit `rev` is the release tag of this version (v + version);
    the tag must exist in the repository for the snippet to work as written."""
    from listlint import __version__

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    revs = re.findall(r"^\s*rev:\s*(\S+)", readme, re.M)
    assert revs == [f"v{__version__}"], revs


@pytest.mark.skipif(not (ROOT / ".git").exists(), reason="not a git checkout")
def test_readme_rev_tag_exists() -> None:
    from listlint import __version__

    tag = f"v{__version__}"
    tags = subprocess.run(["git", "tag", "-l"], cwd=ROOT, capture_output=True, text=True)
    if tags.returncode != 0 or not tags.stdout.strip():
        pytest.skip(f"no tags in this clone; the release tag {tag} is created at release")
    found = subprocess.run(
        ["git", "rev-parse", "--verify", "--quiet", f"refs/tags/{tag}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert found.returncode == 0, (
        f"create the release tag: git tag -a {tag} -m 'listlint {__version__}'"
    )


ESC_TITLE = "\x1b]0;PWNED\x07"


def test_terminal_escapes_never_reach_stderr(tmp_path: Path) -> None:
    """Sheet names and ignore-file values are echoed in errors and notices: raw ESC/BEL
    there retitled (or rewrote) the user's terminal (issue 21 L3)."""
    from tests.hostile_files import inline_row, sheet, xlsx_with

    book = tmp_path / "esc.xlsx"
    book.write_bytes(
        xlsx_with(
            {
                "xl/workbook.xml": '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
                '<sheet name="P&#27;]0;PWNED&#7;" sheetId="1" r:id="rId1"/></sheets></workbook>',
                "xl/worksheets/sheet1.xml": sheet(inline_row(1, ["sku", "title"])),
            }
        )
    )
    r = CliRunner().invoke(main, [str(book), "--isolated", "--sheet", "nope"])
    assert r.exit_code == 2 and "no sheet named" in r.stderr, r.stderr
    assert "\x1b" not in r.stderr and "\x07" not in r.stderr
    src = tmp_path / "c.csv"
    src.write_text(BAD)
    ignore = tmp_path / "ignore.yaml"
    ignore.write_text('- sku: A\n  rule: "\\e]0;PWNED\\aPR999"\n  reason: x\n', encoding="utf-8")
    r = CliRunner().invoke(main, [str(src), "--isolated", "-q", "--ignore-file", str(ignore)])
    assert "\x1b" not in r.stderr and "\x07" not in r.stderr, repr(r.stderr)


def test_progress_bar_shows_no_escapes(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import io

    from listlint.progress import Progress

    err = io.StringIO()
    monkeypatch.setattr("sys.stderr", err)
    bar = Progress({"x": 1}, True)
    bar.start(Path(f"cat{ESC_TITLE}.csv"))
    assert "PWNED" in err.getvalue() and "\x07" not in err.getvalue()
    assert "\x1b]" not in err.getvalue()


def test_an_unexpected_error_names_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 21 L1: whatever goes wrong, the one line says which file it was about."""
    src = tmp_path / "c.csv"
    src.write_text(BAD)

    def broken(*args: object, **kw: object) -> None:
        raise ValueError("Exceeds the limit (4300 digits)")

    monkeypatch.setattr("listlint.api.load", broken)
    r = CliRunner().invoke(main, [str(src), "--isolated"])
    assert r.exit_code == 2
    assert r.stderr.startswith(f"listlint: error: {src}: internal error"), r.stderr
