"""One selector grammar (codes, prefixes, groups, names, ALL), validated wherever rules are
named; typed options per rule."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import listlint
from listlint.cli import main
from listlint.config import Config
from listlint.errors import ConfigError
from listlint.rules.selectors import UnknownSelector, by_code, parse
from listlint.suppress import parse_cell

COUNTERFEIT = "Nlke Air Max 1:1 Replica shoes"


def _cli(tmp_path: Path, *args: str) -> tuple[int, dict, str]:
    r = CliRunner().invoke(main, [*args, "-f", "json"])
    doc = json.loads(r.stdout) if r.stdout.strip().startswith("{") else {}
    return r.exit_code, doc, r.stderr


@pytest.mark.parametrize(
    "text, kind, canonical",
    [
        ("all", "all", "ALL"),
        ("pr101", "code", "PR101"),
        ("PR", "prefix", "PR"),
        ("ms2", "prefix", "MS2"),
        ("Claims", "group", "claims"),
        ("duplicate-sku", "name", "duplicate-sku"),
    ],
)
def test_grammar(text: str, kind: str, canonical: str) -> None:
    sel = parse(text)
    assert (sel.kind, sel.text) == (kind, canonical)


@pytest.mark.parametrize("text", ["PR999", "claimz", "XX", "dupe-sku", "P-R"])
def test_unknown_selectors_are_errors_with_a_hint(text: str) -> None:
    with pytest.raises(UnknownSelector, match="unknown rule selector"):
        parse(text)
    with pytest.raises(UnknownSelector, match="did you mean 'claims'"):
        parse("claimz")


def test_most_specific_selector_wins() -> None:
    from listlint.rules.registry import all_rules

    rules = list(all_rules().values())
    got = by_code({"HC101": "a", "claims": "b", "HC": "c", "ALL": "d", "HC1": "e"}, rules)
    assert got["HC101"] == "a"  # code beats prefixes and group
    assert got["HC102"] == "e"  # the longer prefix beats the shorter and the group
    assert got["PR101"] == "d"


@pytest.mark.parametrize("flag", ["--select", "--ignore", "--extend-select"])
def test_cli_selectors_are_validated(tmp_path: Path, flag: str) -> None:
    src = tmp_path / "c.csv"
    src.write_text("sku,title\nA,mug\n")
    code, _, err = _cli(tmp_path, str(src), flag, "PR10x")
    assert code == 2 and len(err.strip().splitlines()) == 1
    assert "unknown rule selector 'PR10x'" in err and flag in err


def test_per_file_ignores_typo_names_file_and_key(tmp_path: Path, monkeypatch) -> None:
    """Was accepted silently: the glob's rules were simply never ignored."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "c.csv").write_text("sku,title\nA,mug\n")
    (tmp_path / "pyproject.toml").write_text(
        '[tool.listlint.per-file-ignores]\n"supplier/*.csv" = ["measures", "PR10x"]\n'
    )
    code, _, err = _cli(tmp_path, "c.csv")
    assert code == 2
    assert "pyproject.toml" in err and 'per-file-ignores."supplier/*.csv"' in err
    assert "'PR10x'" in err


def test_per_file_ignores_take_groups_and_names(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "c.csv").write_text(f"sku,title\nA,{COUNTERFEIT}\nA,mug\n")
    (tmp_path / "listlint.toml").write_text(
        '[per-file-ignores]\n"c.csv" = ["ip", "duplicate-sku"]\n'
    )
    code, doc, err = _cli(tmp_path, "c.csv")
    assert code == 0, err
    assert doc["findings"] == []


def test_severity_takes_selectors(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "c.csv").write_text(f"sku,title\nA,{COUNTERFEIT}\n")
    (tmp_path / "listlint.toml").write_text('[severity]\nip = "info"\nTM102 = "warning"\n')
    code, doc, _ = _cli(tmp_path, "c.csv", "--select", "ip")
    levels = {f["rule"]: f["severity"] for f in doc["findings"]}
    assert levels.get("TM102") == "warning"
    assert levels and all(v == "info" for k, v in levels.items() if k != "TM102")
    assert code == 0


def test_severity_typo_names_file_and_key(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "c.csv").write_text("sku,title\nA,mug\n")
    (tmp_path / "listlint.toml").write_text('[severity]\nclaimz = "info"\n')
    code, _, err = _cli(tmp_path, "c.csv")
    assert code == 2 and "listlint.toml" in err and "severity.claimz" in err


def test_suppression_column_takes_groups_and_reports_unknown(tmp_path: Path) -> None:
    src = tmp_path / "c.csv"
    src.write_text(
        "sku,title,listlint\n"
        f"A,{COUNTERFEIT},ignore ip: genuine stock\n"
        f"B,{COUNTERFEIT},ignore TMX: typo\n"
    )
    _code, doc, err = _cli(tmp_path, str(src))
    assert {f["sku"] for f in doc["findings"] if f["group"] == "ip"} == {"B"}
    assert "unknown rule selector 'TMX'" in err and f"{src}:3" in err
    found, problems = parse_cell("ignore duplicate-sku, HC1: ok")
    assert found == [(("DUPLICATE-SKU", "HC1"), "ok")] and not problems


def test_ignore_file_selector_typo_is_a_config_error(tmp_path: Path) -> None:
    src = tmp_path / "c.csv"
    src.write_text("sku,title\nA,mug\n")
    ign = tmp_path / "ignore.yaml"
    ign.write_text("- sku: A\n  rule: HC105\n  reason: ok\n- sku: B\n  rule: TMX\n  reason: x\n")
    code, _, err = _cli(tmp_path, str(src), "--ignore-file", str(ign))
    assert code == 2 and str(ign) in err and "entry 2" in err and "'TMX'" in err


# -- typed rule options -----------------------------------------------------------------
@pytest.mark.parametrize(
    "table, message",
    [
        ("[rules.PR101]\nx = 1\n", "key `rules.PR101.x`: unknown option (PR101 takes no options)"),
        ('[rules.TM101]\nbrandz = ["Zorvex"]\n', "key `rules.TM101.brandz`: unknown option"),
        (
            '[rules.TM101]\nbrands = "Zorvex"\n',
            "key `rules.TM101.brands`: Input should be a valid list",
        ),
        ('[rules.TM999]\nbrands = ["Zorvex"]\n', "key `rules.TM999`: unknown rule 'TM999'"),
    ],
)
def test_rule_options_are_typed(tmp_path: Path, monkeypatch, table: str, message: str) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "c.csv").write_text("sku,title\nA,mug\n")
    (tmp_path / "listlint.toml").write_text(table)
    code, _, err = _cli(tmp_path, "c.csv")
    assert code == 2 and "listlint.toml" in err and message in err, err


def test_rule_options_by_name_and_in_the_library() -> None:
    cfg = Config(rules={"brand-lookalike": {"brands": ["Zorvex"]}})
    assert cfg.rules == {"TM101": {"brands": ["Zorvex"]}}
    with pytest.raises(ConfigError, match=r"rules\.PR101\.x"):
        listlint.lint([{"sku": "A", "title": "mug"}], rules={"PR101": {"x": 1}})
