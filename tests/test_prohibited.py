"""The prohibited family beyond the case file: marketplace merging, evidence weights,
disguises, the vectorised prefilter and the shipped example."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

import listlint
from listlint.batch import Batch
from listlint.cli import main
from listlint.policy import load_pack
from listlint.policy.prohibited import Status
from listlint.prohibited.prefilter import candidate_rows, prefilter_regex, scanned_fields
from listlint.prohibited.vocab import vocabulary
from listlint.report import Severity
from listlint.resources import table
from listlint.text.normalize import INVISIBLE

ROOT = Path(__file__).resolve().parent.parent


def lint(listings, policy=("base",), **kw):
    return listlint.lint(list(listings), policy=list(policy), select=["PR"], **kw)


def test_one_finding_names_every_marketplace_with_strictest_severity():
    report = lint([{"title": "Cabernet Sauvignon 2019 750ml"}], ["tiktok-shop-us", "amazon-us"])
    (f,) = report.findings
    assert f.rule == "PR101" and f.severity is Severity.ERROR
    assert f.marketplaces == ("TikTok Shop US", "Amazon US")
    assert "prohibited on TikTok Shop US" in f.message
    assert "restricted on Amazon US (needs approval)" in f.message
    assert "Remove this listing from TikTok Shop US" in f.suggestion
    assert "Apply for approval on Amazon US (https://sellercentral.amazon.com" in f.suggestion
    assert f.match == "Cabernet Sauvignon" and f.field == "title" and f.policy.startswith("http")


def test_restricted_only_is_a_warning_with_the_approval_link():
    (f,) = lint([{"title": "Cabernet Sauvignon 2019 750ml"}], ["amazon-us"]).findings
    assert (f.rule, f.severity, f.marketplaces) == ("PR102", Severity.WARNING, ("Amazon US",))


def test_dangerous_goods_are_info_on_tiktok_and_silent_elsewhere():
    listing = {"title": "Power bank 20000mAh lithium battery"}
    (f,) = lint([listing], ["tiktok-shop-us"]).findings
    assert f.severity is Severity.INFO and "safety data sheet" in f.message
    assert not lint([listing], ["amazon-us"]).findings


def test_config_severity_overrides_pack():
    report = lint([{"title": "Kratom capsules"}], severity={"PR101": "warning"})
    assert [f.severity for f in report.findings] == [Severity.WARNING]


def test_base_pack_names_the_marketplaces_that_ban_it():
    (f,) = lint([{"title": "Switchblade knife"}]).findings
    assert set(f.marketplaces) == {"TikTok Shop", "Amazon", "Google Shopping", "eBay"}


def test_listing_category_decides_per_marketplace():
    listing = {"title": "18 inch machete", "category": "Garden > Tools"}
    assert not lint([listing], ["amazon-us"]).findings  # allowed_in: garden
    (f,) = lint([listing], ["amazon-us", "tiktok-shop-uk"]).findings
    assert f.marketplaces == ("TikTok Shop UK",)
    (f,) = lint([{"title": "18 inch machete"}], ["amazon-us"]).findings
    assert f.rule == "PR102"


@pytest.mark.parametrize(
    ("listing", "flagged"),
    [
        ({"title": "Party bundle", "description": "A bottle of vodka inside."}, False),
        ({"title": "Vodka 1L"}, True),  # a weak word counts in the title
        ({"title": "Bundle", "category": "Spirits > Vodka"}, True),  # and in the category
        ({"title": "Herbal capsules", "description": "Made with kratom."}, True),
        ({"title": "Herbal capsules", "description": "x " * 1200 + "with kratom"}, False),
        ({"title": "Herbal capsules", "Notes": "kratom"}, True),  # attribute columns count
        ({"title": "Bed sheet", "Colour Name": "Ivory"}, False),  # colour columns do not
    ],
)
def test_field_weights(listing: dict, flagged: bool):
    assert bool(lint([listing]).findings) is flagged


@pytest.mark.parametrize(
    ("title", "quoted"),
    [
        ("Kr@tom powder", "Kr@tom powder"),
        ("k r a t o m powder", "k r a t o m powder"),
        ("sw1tchblade knife", "sw1tchblade"),
        ("KRA\u200bTOM leaf", "KRA\u200bTOM"),
    ],
)
def test_disguised_terms_are_quoted_as_written(title: str, quoted: str):
    (f,) = lint([{"title": title}]).findings
    assert f.match == quoted
    if "\u200b" not in title:
        assert "disguise" in f.message


def _base_terms() -> list[tuple[str, str]]:
    base = load_pack("base").prohibited.categories
    return [
        (r["category"], r["term"])
        for r in table("prohibited/terms")
        if base[r["category"]].status is not Status.ALLOWED and not r["context"]
    ]


def test_every_term_flags_alone_in_a_title():
    """Data integrity: no term is hidden by its own benign contexts or accessory lists."""
    terms = _base_terms()
    report = lint([{"title": t} for _, t in terms])
    flagged = {f.row for f in report.findings}
    missed = [t for i, (_, t) in enumerate(terms, start=1) if i not in flagged]
    assert not missed, missed


@settings(max_examples=60, deadline=None)
@given(
    term=st.sampled_from([t for _, t in _base_terms() if len(t) >= 5]),
    cut=st.integers(min_value=1, max_value=4),
    junk=st.sampled_from(list(INVISIBLE)),
)
def test_invisible_characters_never_hide_a_term(term: str, cut: int, junk: str):
    cut = min(cut, len(term) - 1)
    hidden = term[:cut] + junk + term[cut:]
    assert lint([{"title": hidden.title()}]).findings


@settings(max_examples=80, deadline=None)
@given(
    st.lists(
        st.text(alphabet="abcdefghijklmnopqrstuvwxyz 0123456789-@.'", max_size=60)
        | st.sampled_from(["kratom", "gin", "original", "hot glue gun", "k r a t o m", "relaxed"]),
        min_size=1,
        max_size=6,
    )
)
def test_prefilter_keeps_every_row_the_automaton_would_match(words: list[str]):
    """The vectorised prefilter may over-select, never drop a row with a whole-word term."""
    vocab = vocabulary()
    text = " ".join(words)
    batch = Batch(pl.DataFrame({"title": [text, "plain"]}))
    hot, _ = candidate_rows(batch, scanned_fields(batch), prefilter_regex(vocab), [])
    has_term = any(m.payload[0] == "t" for m in vocab.matcher.iter(text.lower()))
    if has_term:
        assert "title" in hot.get(0, set())


def test_shipped_example_flags_only_kratom():
    report = listlint.lint(ROOT / "examples" / "catalog.csv", select=["PR"])
    assert [(f.row, f.rule) for f in report.findings] == [(10, "PR101")]


def test_cli_checks_several_marketplaces_in_one_run(tmp_path: Path):
    path = tmp_path / "c.csv"
    path.write_text("sku,title\nA1,Kratom capsules\nA2,Wine glass set\n", encoding="utf-8")
    result = CliRunner().invoke(
        main,
        [str(path), "--policy", "tiktok-shop-us,amazon-us", "--select", "PR", "--format", "json"],
    )
    assert result.exit_code == 1, result.output
    assert '"TikTok Shop US"' in result.output and '"Amazon US"' in result.output
    assert "A2" not in result.output


def test_lower_confidence_rules_ask_the_seller_to_confirm():
    (f,) = lint([{"title": "Body armor vest level IIIA"}]).findings  # protective_armor: low
    assert "secondary source" in f.message
    (f,) = lint([{"title": "Switchblade knife"}]).findings
    assert "secondary source" not in f.message


def test_brand_column_is_evidence_both_ways():
    assert lint([{"title": "Cool mint pouches 6mg", "brand": "ZYN"}]).findings
    assert not lint([{"title": "Axe Black body spray 150ml", "brand": "Axe"}]).findings
