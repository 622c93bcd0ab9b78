"""Start-up stays cheap: importing listlint (or its CLI) loads no third-party library,
and linting a small CSV loads only what that lint needs — never spaCy, the workbook
readers, Arrow or numpy when no rule or input asks for them (pre-commit runs
listlint on every commit; these imports cost 0.1-1 s each)."""

from __future__ import annotations

import json
import subprocess
import sys

HEAVY = ("spacy", "openpyxl", "python_calamine", "pyarrow", "rapidfuzz", "numpy")


def _modules_after(code: str) -> list[str]:
    probe = (
        f"{code}\nimport json, sys\n"
        "print(json.dumps(sorted(m for m in sys.modules if '.' not in m)))"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def test_import_loads_no_third_party_library() -> None:
    for code in ("import listlint", "import listlint.cli"):
        loaded = set(_modules_after(code))
        assert not loaded & {"polars", "pydantic", "yaml", *HEAVY}, (code, sorted(loaded))


def test_small_csv_with_data_rules_loads_nothing_heavy(tmp_path) -> None:
    path = tmp_path / "small.csv"
    path.write_text("sku,title,price\nA1,Cotton tee,9.99\nA1,Linen shirt,x\n", encoding="utf-8")
    code = (
        "from listlint.cli import main\n"
        "try:\n"
        f"    main([{str(path)!r}, '--select', 'data', '-q', '--isolated'])\n"
        "except SystemExit as exc:\n"
        "    assert exc.code == 1, exc.code  # the duplicate SKU is an error\n"
    )
    loaded = set(_modules_after(code))
    assert "polars" in loaded  # the probe really linted
    assert not loaded & set(HEAVY), sorted(loaded & set(HEAVY))


def test_shipped_common_words_equal_the_lexeme_table() -> None:
    """wordlists/brands/common_words.txt is spacy-lookups-data's words above the threshold
    (regenerate with .ci/update_common_words.py), so trademark results do not change."""
    import pytest

    pytest.importorskip("spacy_lookups_data", reason="spacy-lookups-data not installed")
    from listlint.rules.ip.index import common_words, common_words_from_lexemes

    derived = common_words_from_lexemes()
    assert len(derived) > 30_000
    assert common_words() == frozenset(derived)


def test_small_trademark_lint_does_not_read_the_lexeme_table(tmp_path) -> None:
    path = tmp_path / "small.csv"
    path.write_text(
        "sku,title\nT1,Adidos running shoes\nT2,Cotton tee in navy blue\n", encoding="utf-8"
    )
    code = (
        "from listlint import lint\n"
        "import listlint.rules.ip.index as index\n"
        f"report = lint({str(path)!r}, select=['ip'])\n"
        "assert report.findings, 'the lookalike should be flagged'\n"
        "assert index.common_words.cache_info().currsize == 1  # the check really ran\n"
        "assert index.word_log_prob.cache_info().currsize == 0\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)


def _gc_probe(tmp_path, call: str) -> dict:
    path = tmp_path / "small.csv"
    path.write_text("sku,title,price\nA1,Cotton tee,9.99\nA2,Linen shirt,12\n", encoding="utf-8")
    code = (
        "import gc, json, sys\n"
        "from listlint import gcpolicy\n"
        "from listlint.cli import entry, main\n"
        "seen = []\n"
        "settle = gcpolicy.settle\n"
        "def spy():\n"
        "    seen.append(gc.isenabled())\n"
        "    settle()\n"
        "gcpolicy.settle = spy\n"
        f"sys.argv = ['listlint', {str(path)!r}, '-q', '--isolated']\n"
        "try:\n"
        f"    {call}\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(json.dumps({'enabled_at_first_settle': seen[0], 'enabled': gc.isenabled(),"
        " 'frozen': gc.get_freeze_count()}))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def test_command_defers_collection_until_the_first_batch_then_freezes(tmp_path) -> None:
    """The ``listlint`` command owns its process: no cyclic collection while imports and
    rule resources are built, then that state is frozen and collection resumes."""
    probe = _gc_probe(tmp_path, "entry()")
    assert probe == {"enabled_at_first_settle": False, "enabled": True, "frozen": probe["frozen"]}
    assert probe["frozen"] > 10_000


def test_in_process_command_leaves_the_collector_alone(tmp_path) -> None:
    """Called in someone else's process (tests, a merchant's script), nothing is frozen."""
    probe = _gc_probe(tmp_path, "main()")
    assert probe == {"enabled_at_first_settle": True, "enabled": True, "frozen": 0}


def test_common_words_file_is_a_header_then_one_word_a_line() -> None:
    """brands.index.common_words() reads the file as exactly that (no per-line filter)."""
    from listlint.resources import wordlists_dir
    from listlint.rules.ip.index import common_words

    lines = (wordlists_dir() / "brands" / "common_words.txt").read_text("utf-8").splitlines()
    body = [w for w in lines if w and not w.startswith("#")]
    assert lines == [w for w in lines if w.startswith("#")] + body  # header first
    assert all(w.strip() == w and " " not in w for w in body)
    assert common_words() == frozenset(body)
