"""Policy packs: every shipped pack validates, states a sourced verdict per category, and
bad packs are refused with an error naming the file, the key and the line."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import listlint
from listlint.errors import ConfigError
from listlint.policy import shipped_packs
from listlint.resources import table
from listlint.rules.packs import load_pack, load_policy_set
from listlint.rules.prohibited.policy import Status

MARKETPLACE_PACKS = ["tiktok-shop-us", "tiktok-shop-uk", "amazon-us", "google-shopping", "ebay"]


def test_shipped_packs_present():
    assert set(shipped_packs()) >= {"base", *MARKETPLACE_PACKS}


@pytest.mark.parametrize("name", ["base", *MARKETPLACE_PACKS])
def test_every_category_has_verdict_source_and_date(name: str):
    pack = load_pack(name)
    cats = pack.prohibited.categories
    assert len(cats) >= 50
    for cid, verdict in cats.items():
        assert verdict.label and verdict.status in Status, cid
        assert verdict.source.startswith("http"), (cid, verdict.source)
        assert dt.date(2025, 1, 1) <= verdict.last_checked <= dt.date.today(), cid
        if verdict.status is not Status.ALLOWED:
            assert verdict.message, cid


def test_marketplace_packs_extend_base_and_differ_where_policy_differs():
    base = load_pack("base").prohibited.categories
    uk = load_pack("tiktok-shop-uk").prohibited.categories
    amazon = load_pack("amazon-us").prohibited.categories
    google = load_pack("google-shopping").prohibited.categories
    assert base["bladed_tools"].status is Status.ALLOWED
    assert uk["bladed_tools"].status is Status.PROHIBITED  # TikTok UK bans all blades
    assert base["alcohol"].status is Status.PROHIBITED  # strictest: TikTok Shop
    assert amazon["alcohol"].status is Status.RESTRICTED
    assert google["drugs_cannabis_cbd"].status is Status.RESTRICTED
    assert amazon["weapons_firearms"].status is Status.PROHIBITED  # inherited


def test_every_wordlist_category_is_known_to_base():
    base = load_pack("base").prohibited.categories
    used = {row["category"] for row in table("prohibited/terms")}
    assert used <= set(base), used - set(base)
    assert set(base) <= used, set(base) - used  # no category without terms


def test_terms_carry_sources_or_low_confidence():
    rows = table("prohibited/terms")
    assert len(rows) >= 1000
    for row in rows:
        assert row["strength"] in ("normal", "weak"), row
        assert row["confidence"] in ("sourced", "low"), row
        if row["confidence"] == "sourced":
            assert row["source"].startswith("http"), row


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_unknown_key_names_file_key_and_line(tmp_path: Path):
    path = _write(
        tmp_path,
        "mine.yaml",
        "name: mine\nextends: [base]\nprohibited:\n  categories:\n    alcohol:\n"
        "      status: restricted\n      sevrity: error\n",
    )
    with pytest.raises(ConfigError) as err:
        load_pack(str(path))
    text = str(err.value)
    assert "mine.yaml" in text and "prohibited.categories.alcohol.sevrity" in text
    assert "line 7" in text and "unknown key" in text


def test_bad_status_is_refused_with_line(tmp_path: Path):
    path = _write(
        tmp_path,
        "bad.yaml",
        "name: bad\nextends: [base]\nprohibited:\n  categories:\n    alcohol:\n      status: banned\n",
    )
    with pytest.raises(ConfigError, match=r"prohibited\.categories\.alcohol\.status.*line 6"):
        load_pack(str(path))


def test_new_category_needs_source_and_date(tmp_path: Path):
    path = _write(
        tmp_path,
        "new.yaml",
        "name: new\nprohibited:\n  categories:\n    fidget:\n      label: Fidget toys\n"
        "      status: prohibited\n",
    )
    with pytest.raises(ConfigError, match="source"):
        load_pack(str(path))


def test_backtracking_pattern_is_refused(tmp_path: Path):
    path = _write(
        tmp_path,
        "re.yaml",
        "name: re\nextends: [base]\nprohibited:\n  categories:\n    alcohol:\n"
        "      patterns: ['(a)\\1']\n",
    )
    with pytest.raises(ConfigError, match=r"patterns\[0\]"):
        listlint.lint([{"title": "x"}], policy=[str(path)], select=["PR"])


def test_user_pack_adds_terms_patterns_and_its_own_marketplace(tmp_path: Path):
    path = _write(
        tmp_path,
        "shop.yaml",
        "name: my-shop\nmarketplace: My Shop\nextends: [base]\nprohibited:\n  categories:\n"
        "    fidget:\n      label: Fidget spinners\n      status: prohibited\n"
        "      source: https://example.com/policy\n      last_checked: 2026-11-01\n"
        "      terms: [fidget spinner]\n"
        "    weapons_gun_parts_ammo:\n"
        "      patterns: ['\\b(?:[2-9]\\d|1[1-9])\\s*(?:rd|round)s?\\s+mag(?:azine)?s?\\b']\n",
    )
    report = listlint.lint(
        [
            {"title": "Metal fidget spinner"},
            {"title": "30 rd mag for AR platform"},
            {"title": "Plush bear"},
        ],
        policy=[str(path)],
        select=["PR"],
    )
    rows = {f.row: f for f in report.findings}
    assert set(rows) == {2, 3}  # records: header = row 1, as for a DataFrame
    assert rows[2].marketplaces == ("My Shop",) and "Fidget spinners" in rows[2].message
    assert rows[3].rule == "PR101" and rows[3].match == "30 rd mag"


def test_policy_set_splits_commas_and_dedupes():
    assert load_policy_set(["tiktok-shop-us,amazon-us", "amazon-us"]).names == [
        "tiktok-shop-us",
        "amazon-us",
    ]
