"""Every finding links the policy page of the marketplace it names (listlint.policy.links).

The official hosts below are written out here, independently of the packs' own
``links:`` data, so a pack that starts linking a third party's copy, another
marketplace's page or another country's Seller Central fails this test.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

import listlint
from listlint.errors import ConfigError
from listlint.policy.links import LinkSettings, official_link, on_hosts
from listlint.rules.packs import load_pack
from listlint.rules.registry import all_rules

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "tests" / "cases"
EXAMPLE = ROOT / "examples" / "catalog.csv"

#: each shipped marketplace pack's own hosts (a host matches its subdomains)
OWN = {
    "amazon-us": ("sellercentral.amazon.com",),
    "tiktok-shop-us": ("tiktok.com", "tiktokshop.com"),
    "tiktok-shop-uk": ("tiktok.com", "tiktokshop.com"),
    "google-shopping": ("support.google.com",),
    "ebay": ("www.ebay.com", "pages.ebay.com"),
}
LABELS = {
    "Amazon US": "amazon-us",
    "TikTok Shop US": "tiktok-shop-us",
    "TikTok Shop UK": "tiktok-shop-uk",
    "Google Shopping": "google-shopping",
    "eBay": "ebay",
}
#: regulators, the GS1 standard and carriers: linked where a rule applies the law or a
#: carrier's limit rather than a marketplace's rule
AUTHORITIES = (
    "ecfr.gov",
    "fda.gov",
    "ftc.gov",
    "epa.gov",
    "gs1.org",
    "ups.com",
    "usps.com",
    "royalmail.com",
)
#: seller-us.tiktok.com, not seller-th/seller-vn; Seller Central US, not .sa/.co.jp/-europe
NOT_OWN = (
    "seller-th.tiktok.com",
    "seller-vn.tiktok.com",
    "sellercentral.amazon.sa",
    "sellercentral.amazon.co.jp",
    "sellercentral-europe.amazon.com",
    "www.ebay.com.sg",
    "www.ebay.co.uk",
)


def _listings() -> list[dict]:
    out = []
    for path in sorted(CASES.glob("*.yaml")):
        for case in yaml.safe_load(path.read_text(encoding="utf-8"))["cases"]:
            out.extend(case["listings"] if "listings" in case else [case["listing"]])
    return out


@pytest.fixture(scope="module")
def listings() -> list[dict]:
    return _listings()


def _findings(source, packs: list[str]) -> list:
    return listlint.lint(source, policy=packs, select=list(all_rules())).findings


def _pack_of(finding, packs: list[str]) -> str:
    """The pack the finding's link must belong to: the first marketplace it names."""
    named = finding.marketplaces[0] if finding.marketplaces else None
    return LABELS.get(named, packs[0]) if named else packs[0]


def _wrong_links(findings, packs: list[str]) -> list[str]:
    wrong = []
    for f in findings:
        if f.group == "data" and f.policy is None:
            continue  # file problems (duplicate SKU, ragged row) concern no policy
        pack = _pack_of(f, packs)
        if not on_hosts(f.policy, (*OWN[pack], *AUTHORITIES)) or on_hosts(f.policy, NOT_OWN):
            wrong.append(f"{f.rule} {'|'.join(f.marketplaces)}: {f.policy}")
    return sorted(set(wrong))


@pytest.mark.parametrize("pack", sorted(OWN))
def test_every_finding_links_its_marketplace(pack: str, listings: list[dict]) -> None:
    findings = _findings(listings, [pack]) + _findings(str(EXAMPLE), [pack])
    assert {f.group for f in findings} >= {"prohibited", "claims", "ip", "specs", "measures"}
    assert _wrong_links(findings, [pack]) == []


@pytest.mark.parametrize(
    "packs", [["tiktok-shop-us", "amazon-us"], ["google-shopping", "ebay", "tiktok-shop-uk"]]
)
def test_several_marketplaces_link_the_first_one_named(packs: list[str], listings) -> None:
    findings = _findings(listings, packs)
    assert _wrong_links(findings, packs) == []
    # findings that name only the second marketplace link its page, not the first's
    second = [f for f in findings if f.marketplaces and LABELS[f.marketplaces[0]] == packs[1]]
    assert second and all(on_hosts(f.policy, (*OWN[packs[1]], *AUTHORITIES)) for f in second)


def test_kratom_for_tiktok_and_amazon_links_both_marketplaces_not_etsy() -> None:
    report = listlint.lint(
        [{"title": "Kratom Capsules Maeng Da 500mg", "category": "Health > Supplements"}],
        policy=["tiktok-shop-us", "amazon-us"],
        select=["PR101"],
    )
    (f,) = report.findings
    assert f.marketplaces == ("TikTok Shop US", "Amazon US")
    assert urlsplit(f.policy).hostname == "seller-us.tiktok.com"
    assert "etsy" not in f.policy and "etsy" not in (f.suggestion or "")
    # the other marketplace's own page is listed for the seller
    assert "See also: Amazon US https://sellercentral.amazon.com/" in f.suggestion


def test_amazon_size_requirement_links_seller_central_us() -> None:
    report = listlint.lint(
        [{"title": "Cotton crew t-shirt", "category": "Apparel > Shirts", "sku": "T1"}],
        policy=["tiktok-shop-us", "amazon-us"],
        select=["SP101"],
    )
    amazon = [f for f in report.findings if f.marketplaces[0] == "Amazon US"]
    assert amazon
    assert {urlsplit(f.policy).hostname for f in amazon} == {"sellercentral.amazon.com"}


def test_base_links_a_page_of_a_marketplace_the_category_names() -> None:
    hosts = {
        "TikTok Shop": OWN["tiktok-shop-us"],
        "Amazon": OWN["amazon-us"],
        "Google Shopping": OWN["google-shopping"],
        "eBay": OWN["ebay"],
        "Etsy": (),
    }
    base = load_pack("base")
    wrong = []
    for cid, v in base.prohibited.categories.items():
        if v.status.value == "allowed":
            continue
        link = official_link(base, v.policy_url, v.source, base.prohibited.policy_url)
        allowed = tuple(h for m in v.marketplaces for h in hosts[m])
        if not on_hosts(link, allowed):
            wrong.append(f"{cid}: {link} (names {v.marketplaces})")
    assert wrong == []


def test_inherited_page_of_another_marketplace_is_skipped(tmp_path: Path) -> None:
    """A user's pack extending amazon-us with an Etsy-sourced category still links Amazon."""
    pack = tmp_path / "mine.yaml"
    pack.write_text(
        "name: mine\nmarketplace: My Amazon\nextends: [amazon-us]\nprohibited:\n  categories:\n"
        "    kombucha:\n      label: Kombucha\n      status: restricted\n"
        "      source: https://www.etsy.com/help/article/5085\n      last_checked: 2026-11-25\n"
        "      terms: [hard kombucha]\n",
        encoding="utf-8",
    )
    report = listlint.lint(
        [{"title": "Hard kombucha 6 pack"}], policy=[str(pack)], select=["PR102"]
    )
    (f,) = report.findings
    assert f.policy == "https://sellercentral.amazon.com/help/hub/reference/external/G200164330"


def test_official_link_order() -> None:
    pack = load_pack("amazon-us")
    etsy, sa = "https://www.etsy.com/x", "https://sellercentral.amazon.sa/gp/help/external/1"
    ours, law = "https://sellercentral.amazon.com/gp/help/external/2", "https://www.ftc.gov/y"
    assert official_link(pack, etsy, sa, law, ours) == ours  # own page beats the law
    assert official_link(pack, etsy, law) == law
    assert official_link(pack, etsy, sa) == pack.sources[0]  # the pack's own main page
    assert not on_hosts(
        "https://sellercentral.amazon.com.evil.example/x", ["sellercentral.amazon.com"]
    )
    assert not on_hosts(
        "javascript:alert(1)//sellercentral.amazon.com", ["sellercentral.amazon.com"]
    )


def test_links_section_rejects_urls_as_hosts(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="host name"):
        LinkSettings(domains=["https://sellercentral.amazon.com/x"])
    pack = tmp_path / "bad.yaml"
    pack.write_text("name: bad\nextends: [base]\nlinks:\n  domain: [a.com]\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"links\.domain"):
        listlint.lint([{"title": "x"}], policy=[str(pack)])


SLIM_TEA = {"title": "Slim tea", "description": "Burns fat fast and melts belly fat."}
SPRAY = {"title": "Kitchen spray", "description": "Kills 99.9% of germs and viruses."}


@pytest.mark.parametrize(
    ("rule", "listing", "pack", "named", "host"),
    [
        # weight-loss claims: TikTok Shop's ban is cited only where TikTok Shop applies
        ("HC106", SLIM_TEA, "amazon-us", None, "sellercentral.amazon.com"),
        ("HC106", SLIM_TEA, "ebay", None, "www.ftc.gov"),
        ("HC106", SLIM_TEA, "tiktok-shop-us", "TikTok", "seller-us.tiktok.com"),
        ("HC106", SLIM_TEA, "base", "TikTok", "www.ftc.gov"),
        # pesticidal claims: Amazon's removals are cited only where Amazon applies
        ("HC104", SPRAY, "ebay", None, "www.ecfr.gov"),
        ("HC104", SPRAY, "amazon-us", "Amazon", "sellercentral.amazon.com"),
    ],
)
def test_claim_message_names_a_marketplace_only_when_it_applies(
    rule: str, listing: dict, pack: str, named: str | None, host: str
) -> None:
    findings = listlint.lint([listing], policy=[pack], select=[rule]).findings
    assert findings
    for f in findings:
        for market in ("TikTok", "Amazon", "Google", "eBay"):
            assert (market in f.message) is (market == named), f.message
        assert urlsplit(f.policy).hostname == host


def test_baseline_message_inherited_by_a_marketplace_keeps_what_concerns_it() -> None:
    report = listlint.lint(
        [{"title": "CBD gummies 1500mg"}, {"title": "Scratch tickets lottery pack of 10"}],
        policy=["ebay"],
        select=["PR101", "PR102"],
    )
    assert len(report.findings) == 2
    for f in report.findings:
        text = f.message + " " + (f.suggestion or "")
        assert "TikTok" not in text and "Google" not in text, text
    cbd = next(f for f in report.findings if f.rule == "PR101")
    assert "hemp seed oil without cannabinoids is allowed" in cbd.message
    # the baseline itself still compares marketplaces
    (base,) = listlint.lint([{"title": "CBD gummies 1500mg"}], select=["PR101"]).findings
    assert "TikTok Shop" in base.message and "Google" in base.message


def test_concerning_drops_clauses_about_other_marketplaces_only() -> None:
    from listlint.rules.prohibited.verdict import concerning

    text = (
        "TikTok Shop bans lottery tickets; other marketplaces restrict them. "
        "Remove the listing from TikTok Shop. Keep the odds visible."
    )
    assert concerning(text, ("eBay",)) == "Keep the odds visible."
    assert concerning(text, ("TikTok Shop US",)) == text
    assert concerning("Amazon and eBay restrict them.", ("Amazon US",)) == (
        "Amazon and eBay restrict them."
    )


def test_carrier_limit_without_weight_quotes_the_size_not_zero_kg() -> None:
    report = listlint.lint(
        [{"title": "Garden shed panel", "dimensions": "300 x 200 x 50 cm", "sku": "S1"}],
        policy=["tiktok-shop-us"],
        select=["MS301"],
    )
    (f,) = report.findings
    assert "0 kg" not in f.message and "300 x 200 x 50 cm" in f.message
    assert f.match == "300 x 200 x 50 cm"
    assert on_hosts(f.policy, ("ups.com", "tiktokshop.com"))


def test_a_limit_inherited_from_the_baseline_is_not_called_the_marketplaces_own() -> None:
    title = "Stainless steel water bottle " * 6
    (ebay,) = listlint.lint([{"title": title}], policy=["ebay"], select=["SP301"]).findings
    assert "the limit on eBay is 150 (listlint's baseline" in ebay.message
    (google,) = listlint.lint(
        [{"title": title}], policy=["google-shopping"], select=["SP301"]
    ).findings
    assert google.message.endswith("the limit on Google Shopping is 150")
