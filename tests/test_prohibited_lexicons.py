"""Unit tests of the prohibited family's lexicon helpers (issue 19): accents the seller
wrote, medicines judged by presentation, recalls by model and name."""

from __future__ import annotations

import pytest

from listlint.rules.prohibited.accents import accent_ok, agrees, needs_agreement
from listlint.rules.prohibited.medicines import load_index as load_medicines
from listlint.rules.prohibited.recalls import load_index as load_recalls
from listlint.text.normalize import fold


def _span(raw: str, term: str) -> tuple[str, int, int]:
    folded = fold(raw)
    start = folded.find(fold(term))
    assert start >= 0
    return folded, start, start + len(fold(term))


@pytest.mark.parametrize(
    ("raw", "term", "ok"),
    [
        ("Bông tẩy trang 3 lớp", "bong", False),  # cotton pads
        ("Son bóng dưỡng môi", "bong", False),  # lip gloss
        ("Haljina Šarm", "sarm", False),  # Serbian "charm"
        ("Glass Bong 10 inch", "bong", True),
        ("BONG WATER PIPE", "bong", True),
        ("Codeína 30 mg", "codeina", True),  # a long term: accents dropped or kept
        ("ruou vang do", "rượu", True),  # the seller dropped the accents
        ("Rượu vang đỏ", "rượu", True),
    ],
)
def test_short_terms_keep_the_sellers_accents(raw: str, term: str, ok: bool) -> None:
    folded, start, end = _span(raw, term)
    assert accent_ok(raw, folded, start, end, term) is ok


def test_agreement_rules() -> None:
    assert (
        needs_agreement("bong")
        and not needs_agreement("codeine")
        and not needs_agreement("glass bong")
    )
    assert agrees("bong", "bông") and not agrees("bông", "bong") and agrees("bông", "bông")


@pytest.fixture(scope="module")
def medicines():  # type: ignore[no-untyped-def]
    return load_medicines()


@pytest.mark.parametrize(
    ("title", "group", "category"),
    [
        ("Amoxicilina 500mg c/21", None, "prescription_drugs"),
        ("Sildenafila 50mg c/4", None, "prescription_drugs"),  # Portuguese spelling
        ("Anlodipino 10mg", None, "prescription_drugs"),
        ("Amoksisilin 500 mg strip 10 kapsul", None, "prescription_drugs"),
        ("Dexametasona Elixir", None, "prescription_drugs"),  # a dose form, no strength
        ("Ibuprofen 200mg 100 tablets", None, "otc_medicines"),  # OTC: restricted
        ("Tranexamic Acid 3% Serum 30ml", "cosmetic", None),  # an ingredient of skin care
        ("Metformin: a patient's handbook", None, None),  # no dose, form or pack
    ],
)
def test_medicine_needs_presentation_and_product(medicines, title, group, category) -> None:  # type: ignore[no-untyped-def]
    found = medicines.judge({"title": fold(title)}, group)
    assert (found.category if found else None) == category


def test_medicine_in_description_only_is_not_the_product(medicines) -> None:  # type: ignore[no-untyped-def]
    fields = {
        "title": fold("Vitamin K2 drops 30ml"),
        "description": fold("Ask your doctor if you take warfarin 5mg tablets."),
    }
    assert medicines.judge(fields, None) is None


@pytest.fixture(scope="module")
def recalls():  # type: ignore[no-untyped-def]
    return load_recalls()


def test_recall_by_model_needs_a_word_of_the_product(recalls) -> None:  # type: ignore[no-untyped-def]
    hit = recalls.match(
        {"title": fold("Vive Health bed rail for seniors"), "description": fold("Item LVA2009SLV")}
    )
    assert hit is not None and hit.evidence == "model"
    assert "26-341" in hit.recall.cite() and "2026-03-26" in hit.recall.cite()
    assert recalls.match({"title": fold("Stainless steel water bottle LVA2009SLV")}) is None


def test_recall_by_name_only_when_the_recall_lists_no_models(recalls) -> None:  # type: ignore[no-untyped-def]
    assert recalls.match({"title": fold("MPINOI Adult Portable Bed Rail")}).evidence == "name"
    # Frigidaire recalled some gas ranges by model: a Frigidaire range without one is not recalled
    assert recalls.match({"title": fold("Frigidaire Gas Range 30 inch, stainless")}) is None
    assert recalls.match({"title": fold("Kids 12V Ride-On Truck with remote")}) is None


def test_a_noun_after_the_pack_count_is_no_other_product(medicines) -> None:  # type: ignore[no-untyped-def]
    # the product analysis reads the Brazilian maker "Globo" as a balloon (a print/decor
    # product); a pack count between the name and that noun closes the medicine's name
    title = fold("Azitromicina c3 Globo")
    found = medicines.judge({"title": title}, "print_decor", title.index("globo"))
    assert found is not None and found.category == "prescription_drugs"
    # with the pack count after the noun, the noun is what is sold (a printed balloon)
    title = fold("Azitromicina Globo c3")
    assert medicines.judge({"title": title}, "print_decor", title.index("globo")) is None


def test_a_medicine_name_before_a_purpose_word_is_what_a_supplement_is_for(medicines) -> None:  # type: ignore[no-untyped-def]
    assert medicines.judge({"title": fold("Testosterone Booster 120 Tablets")}, None) is None
    assert medicines.judge({"title": fold("Estrogen Balance 60 capsules")}, None) is None
    found = medicines.judge({"title": fold("Testosterone Cypionate 200mg/ml 10ml vial")}, None)
    assert found is not None and found.category == "prescription_drugs"


def test_a_brand_is_matched_as_written_not_inflected() -> None:
    from listlint.rules.prohibited.vocab import _term_forms, vocabulary

    bang = next(t for t in vocabulary().terms if t.text == "bang" and t.brand)
    assert "bangs" not in _term_forms(bang)  # a fringe, not the e-cigarette brand "Bang"
    kratom = next(t for t in vocabulary().terms if t.text == "kratom")
    assert "kratoms" in _term_forms(kratom)  # ordinary English terms keep their plurals


def test_longest_sweep_drops_exactly_the_contained_matches() -> None:
    import random

    from listlint.rules.prohibited.evidence import _longest

    def pairwise(ms):  # type: ignore[no-untyped-def]
        return [
            m
            for m in ms
            if not any(o[0] <= m[0] and m[1] <= o[1] and o[1] - o[0] > m[1] - m[0] for o in ms)
        ]

    rng = random.Random(19)
    for _ in range(2000):
        ms = [(a := rng.randint(0, 20), a + rng.randint(1, 8), i) for i in range(rng.randint(0, 9))]
        assert _longest(ms) == pairwise(ms)  # type: ignore[arg-type]
