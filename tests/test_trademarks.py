"""Trademark family (issue 5): confusable skeletons, brand index, config, real exports, dev set."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

import listlint
from listlint.config import Config
from listlint.report import Severity
from listlint.text.confusables import disguise_kind, is_mixed_script, skeleton
from listlint.text.normalize import fold

TM = ["TM101", "TM102", "TM103", "TM104", "TM105"]


def _lint(listing: dict, **kw) -> list:
    return [f for f in listlint.lint([listing], select=TM, **kw).findings if f.rule in TM]


@pytest.mark.parametrize(
    ("disguised", "brand"),
    [
        ("nlke", "nike"),
        ("n1ke", "nike"),
        ("guccl", "gucci"),
        ("r0lex", "rolex"),
        ("louls", "louis"),
        ("rnoncler", "moncler"),
        ("vvoolrich", "woolrich"),
        ("pr@da", "prada"),
        ("5upreme", "supreme"),
        (fold("Сhanel"), "chanel"),
        (fold("ＮＩＫＥ"), "nike"),
    ],
)
def test_skeleton_equates_disguises(disguised: str, brand: str) -> None:
    assert skeleton(disguised) == skeleton(brand)


@pytest.mark.parametrize(
    ("word", "brand"), [("like", "nike"), ("nice", "nike"), ("coach", "couch"), ("polo", "pole")]
)
def test_skeleton_keeps_different_words_apart(word: str, brand: str) -> None:
    assert skeleton(word) != skeleton(brand)


def test_mixed_script_and_disguise_kinds() -> None:
    assert is_mixed_script("Сhanel")  # Cyrillic С
    assert not is_mixed_script("Chanel")
    assert not is_mixed_script("on昂跑cloud")  # Latin + Han is ordinary Chinese copy
    assert disguise_kind("r0lex") == "digits or symbols for letters"
    assert disguise_kind("rolex") is None


def test_message_names_brand_evidence_and_risk() -> None:
    (f,) = _lint({"title": "Nlke Air Max 90", "brand": "Generic"})
    assert f.rule == "TM101" and f.severity == Severity.ERROR
    # the evidence with the field and role of each piece, and why this severity (issue 16)
    assert "Nike" in f.message and "brand column" in f.message and "[brand, seller]" in f.message
    assert "Severity error" in f.message
    assert f.match == "Nlke" and f.policy and f.suggestion


def test_nominative_lookalike_is_info() -> None:
    (f,) = _lint(
        {"title": "Screen protector compatible with Samsnug Galaxy S24", "brand": "ShieldCo"}
    )
    assert f.rule == "TM101" and f.severity == Severity.INFO


def test_authorized_brands_are_never_flagged() -> None:
    listing = {"title": "Rolex Submariner COPY 1", "brand": "Emirates Gifts"}
    assert {f.rule for f in _lint(listing)} == {"TM102"}
    assert not any(
        "Rolex" in f.message for f in _lint(listing, config=Config(authorized_brands=["Rolex"]))
    )
    plain = {"title": "Rolex Submariner 41mm", "brand": "Emirates Gifts"}
    assert [f.rule for f in _lint(plain)] == ["TM103"]
    assert _lint(plain, config=Config(authorized_brands=["Rolex"])) == []


def test_blank_brand_cell_in_a_file_with_brands() -> None:
    rows = [{"title": "Rolex Daytona", "brand": ""}, {"title": "Ceramic mug", "brand": "MugCo"}]
    found = [f for f in listlint.lint(rows, select=TM).findings]
    assert [f.rule for f in found] == ["TM103"] and "empty" in found[0].message


def test_batch_vocabulary_joins_back_to_every_row() -> None:
    rows = [
        {"title": f"Item {i} Guccl belt" if i % 50 == 0 else f"Item {i} leather belt", "brand": "B"}
        for i in range(500)
    ]
    found = listlint.lint(rows, select=["TM101"]).findings
    assert len(found) == 10


def test_real_exports(catalogs_dir: Path) -> None:
    watches = listlint.lint(catalogs_dir / "m5zoon_watches.json", select=TM)
    copies = [f for f in watches.findings if f.rule == "TM102" and "1" in (f.match or "")]
    assert len(copies) >= 5  # self-declared "copy 1" / "كوبي 1" replicas
    assert {f.rule for f in watches.findings} <= {"TM102", "TM103"}
    # all reviewed by hand (corpus/catalog_review.tsv): 39 copy wording, 99 luxury watches
    # at a clone price from a store without a brand column (the 11 Burberry and Versace
    # watches at 570 and 325 in an unnamed currency carry no evidence but the name and
    # are no longer reported); pinned so a new mechanism cannot add findings unseen.
    # "+ original box" is an assurance weighed with the clone price when the file has no
    # brand column; 3 of the 24 name no product type ("Rolex GMT Golden Silver + box"),
    # so no floor applies and they stay info (reviewed true: a known miss)
    by_rule = [f.rule for f in watches.findings if f.severity != Severity.INFO]
    assert (by_rule.count("TM102"), by_rule.count("TM103")) == (36, 99)
    # brand column Chanel/Rolex/... matches the title, but the GTINs are sequential
    # 10-digit placeholders (8500000001...) on luxury perfume and watches
    feed = listlint.lint(catalogs_dir / "m5zoon_google_merchant_feed_en.tsv", select=TM)
    assert {f.rule for f in feed.findings} == {"TM105"} and len(feed.findings) >= 20
    # placeholder EANs on a demo shop's genuine Apple electronics are not counterfeit evidence
    demo = listlint.lint(catalogs_dir / "prestashop8_products_import.csv", select=TM)
    assert demo.findings == []


def test_no_ip_findings_on_ordinary_real_exports(catalogs_dir: Path) -> None:
    """Every ip finding on the real exports was reviewed by hand (docs/rules.md, ip section): all
    sit in the m5zoon replica store's files; the other shops' listings (Shopify, Magento,
    WooCommerce, PrestaShop demos, 1,081 Abt electronics with "for iPod", "Genuine
    Microsoft Windows", Sony/Bose/Samsung titles) must stay clean. An info note (a
    retailer's typo "Sennheisser" of a brand it spells right on other listings) is no
    finding a seller must act on.

    Known false alarms: the two "Sennheisser" listings of the Abt file. A typo is told
    from a disguise only by the listing's own text (a brand spelled right elsewhere in
    the listing), never by other listings of the file, so findings do not depend on how
    a catalogue is split into batches or partitions (tests/test_batchapi.py); reviewed
    false in corpus/catalog_review.tsv."""
    from listlint.errors import ListlintError

    flagged = {}
    for path in sorted(catalogs_dir.iterdir()):
        if path.suffix not in (".csv", ".tsv", ".json", ".xlsx") or path.name.startswith("m5zoon"):
            continue
        try:
            report = listlint.lint(path, select=TM)
        except ListlintError:
            continue  # not a catalogue at all (the loader's business)
        flagged.update(
            {
                f"{path.name}:{f.row}": f.message
                for f in report.findings
                if f.severity != Severity.INFO
            }
        )
    assert set(flagged) == KNOWN_FALSE


KNOWN_FALSE = {"leipzig_abt_products.csv:114", "leipzig_abt_products.csv:764"}


def _eval_module():
    path = Path(__file__).resolve().parents[1] / "benchmarks" / "eval_lookalikes.py"
    spec = importlib.util.spec_from_file_location("eval_lookalikes", path)
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def test_dev_set(shared_dir: Path) -> None:
    path = shared_dir / "data" / "lookalikes_dev.jsonl"
    if not path.exists():
        pytest.skip(f"{path} not present")
    mod = _eval_module()
    stats = mod.evaluate(path)
    assert stats["legit_brand_reference"]["flagged"] == 0
    pos = [stats[label] for label in mod.POSITIVE]
    detection = sum(s["flagged"] for s in pos) / sum(s["n"] for s in pos)
    # measured 31/35 = 0.89 (target 0.9): the misses are garbled copy without a brand,
    # "genuine" alone (never a signal on its own: "Genuine leather"), a 1688 title that
    # splits "Off-White" across scripts in reverse order ("whi白鞋…off箭头"), and a lone
    # "8500000001" GTIN that reads as a UPC with lost leading zeros (in its file, a
    # column of such numbers is caught); this guards against regressions
    assert detection >= 31 / 35 - 1e-9


def test_made_up_gtin_numbering_on_a_luxury_brand() -> None:
    """A lone 8500000001 may be a UPC that lost its zeros; a column of them is numbering."""
    rows = [
        {"title": f"Chanel Eau de Parfum {n} 100ML", "brand": "Chanel", "gtin": f"85000000{n:02d}"}
        for n in range(1, 8)
    ]
    found = listlint.lint(rows, select=TM).findings
    assert [f.rule for f in found] == ["TM105"] * 7
    assert "has 10 digits" in found[0].message and found[0].match == "8500000001"
    single = listlint.lint(rows[:1], select=TM).findings
    assert single == []


def test_users_own_brands_serve_the_whole_family() -> None:
    cfg = Config(rules={"TM101": {"brands": ["Zorvex"]}})
    disguised = _lint({"title": "Z0rvex chronograph watch", "brand": "Generic"}, config=cfg)
    assert [f.rule for f in disguised] == ["TM101"] and "Zorvex" in disguised[0].message
    plain = _lint({"title": "Zorvex chronograph watch", "brand": "Generic"}, config=cfg)
    assert [f.rule for f in plain] == ["TM103"]
    assert _lint({"title": "Zorvex chronograph watch", "brand": "Generic"}) == []
    mine = Config(rules={"TM101": {"brands": ["Zorvex"]}}, authorized_brands=["Zorvex"])
    assert _lint({"title": "Zorvex chronograph watch", "brand": "Generic"}, config=mine) == []


def test_word_swap_guards() -> None:
    from listlint.rules.ip.substitution import generic_words, same_shape, slips

    assert "rid" in slips("red") and "rud" in slips("red")
    assert "bed" not in slips("red")  # another consonant makes another word
    assert same_shape("hatchet", "hammer") and same_shape("showers", "shoulders")
    assert same_shape("banana", "gabbana")
    assert not same_shape("hand", "hammer") and not same_shape("arm", "arm")
    assert "red" in generic_words() and "bull" not in generic_words()
    from listlint.rules.ip.substitution import _sound_alike

    assert _sound_alike("rid", "red") and _sound_alike("fake", "face")
    assert not _sound_alike("art", "mart")  # a swap keeps the first letter
    assert not _sound_alike("in", "on")


def test_mirror_flips_and_split_scripts() -> None:
    from listlint.text.confusables import latin_through_cjk, mirrored

    assert skeleton("abibas") == skeleton("adidas") and mirrored("abibas", "adidas")
    assert mirrored("qepsi", "pepsi") and not mirrored("adidas", "adidas")
    assert not mirrored("abidas", "adidos")  # a vowel is not a mirror image
    assert latin_through_cjk(fold("跨境nik耐e鞋")) == ["nike"]
    assert latin_through_cjk(fold("耐克nike运动鞋")) == []  # glued, not split
    assert latin_through_cjk("nike") == []


def test_word_swap_needs_the_brands_context_or_the_name_alone() -> None:
    assert [f.rule for f in _lint({"title": "Rid Bull energy drink", "brand": "Generic"})] == [
        "TM101"
    ]
    (f,) = _lint({"title": "Rid Bull"})
    assert "Red Bull" in f.message and '"red" swapped for the sound-alike word "rid"' in f.message
    # the same phrase in a title about something else is left alone
    assert _lint({"title": "Rid bull thistles from your garden", "brand": "GardenCo"}) == []


def test_genuine_counts_only_before_a_brand_the_column_contradicts() -> None:
    (f,) = _lint({"title": "Genuine Rolex Daytona", "brand": "Emirates Gifts"})
    assert f.rule == "TM102" and f.severity == Severity.WARNING and f.match == "Genuine"
    assert _lint({"title": "Genuine Rolex Daytona", "brand": "Rolex"}) == []
    assert _lint({"title": "Rolex Daytona genuine leather strap", "brand": "Rolex"}) == []
    assert _lint({"title": "genuine"}) == []


def test_a_shared_model_name_belongs_to_the_brand_the_title_imitates() -> None:
    """ "Superstar" is a model of adidas and of Golden Goose: next to "Adidaz" it is the
    adidas model, so the knock-off is reported once, as an adidas lookalike (issue 20)."""
    import listlint

    rows = [{"sku": "A1", "title": "Adidaz Superstar sneakers white", "price": "25"},
            {"sku": "A2", "title": "Adidas Superstar shoes", "brand": "Adidas", "price": "100"}]  # fmt: skip
    found = listlint.lint(rows, select=["ip"]).findings
    assert [(f.sku, f.rule) for f in found] == [("A1", "TM101")]
    assert "Adidas" in found[0].message and "Golden Goose" not in found[0].message
