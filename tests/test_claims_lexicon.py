"""The claims family's generated vocabularies (issue 18): the disease lexicon matched on
words, medicines told by name, strength and label, languages told by function words, and
the explanation every finding carries. The grammar itself is tested by the case files
(tests/cases/claims*.yaml)."""

from __future__ import annotations

import polars as pl
import pytest

import listlint
from listlint.resources import table
from listlint.rules.claims import lexicon as lexicon_module
from listlint.rules.claims.language import language_vocabulary
from listlint.rules.claims.lexicon import ConditionLexicon, condition_lexicon, medicine_lexicon
from listlint.rules.claims.medicine import is_medicine, prints_label, registered
from listlint.rules.claims.monograph import drug_facts, monographs, sells_otc_medicine
from listlint.rules.claims.vocab import vocabulary
from listlint.text.normalize import fold


def _lexicon(*rows: tuple[str, str, str, str]) -> ConditionLexicon:
    """A lexicon of (term, lang, code, ambiguous) rows."""
    return ConditionLexicon(
        pl.DataFrame(
            {
                "term": [r[0] for r in rows],
                "kind": ["disease"] * len(rows),
                "topic": ["general"] * len(rows),
                "code": [r[2] for r in rows],
                "ambiguous": [r[3] for r in rows],
                "lang": [r[1] for r in rows],
            }
        )
    )


def _names(lex: ConditionLexicon, text: str) -> list[str]:
    return [text[h.start : h.end] for h in lex.find(text)]


@pytest.mark.parametrize(
    ("rows", "text", "names"),
    [
        pytest.param(
            [("kidney stone", "en", "N20", ""), ("kidney", "en", "Q60", ""),
             ("crohn's disease", "en", "K50", ""), ("varicose veins", "en", "I83", ""),
             ("infecção urinária", "pt", "N39", ""), ("cálculo renal", "es", "N20", "")],
            "kidney stones, crohn s disease, a varicose vein, infeccoes urinarias, calculos renales",
            [
                "kidney stones",  # plural of the last word
                "crohn s disease",  # punctuation is not part of a name
                "varicose vein",  # singular of a plural name
                "infeccoes urinarias",  # Portuguese -ção/-ções
                "calculos renales",  # every word of a Spanish name takes the plural
            ],
            id="longest-first-with-plurals",
        ),
        pytest.param([("kidney", "en", "Q60", "")], "kidneys", ["kidneys"], id="plural"),
        pytest.param([("kidney stone", "en", "N20", "")], "kidneyx stone", [], id="words-only"),
        pytest.param(  # ICD-10-CM spells the American way; sellers in the UK or India do not
            [("leukoderma", "en", "L81", ""), ("hemorrhoids", "en", "K64", ""),
             ("esophagitis", "en", "K20", ""), ("tumor", "en", "D49", ""),
             ("leucemia", "es", "C95", ""), ("shoe", "en", "", "")],
            "leucoderma, haemorrhoids, oesophagitis, tumours, leucemia, shoes",
            ["leucoderma", "haemorrhoids", "oesophagitis", "tumours", "leucemia", "shoes"],
            id="british-spellings",
        ),
        pytest.param([("leukoderma", "en", "L81", "")], "aerobic leucite", [], id="not-a-spelling"),
    ],
)  # fmt: skip
def test_names_match_on_words(
    rows: list[tuple[str, str, str, str]], text: str, names: list[str]
) -> None:
    assert _names(_lexicon(*rows), text) == names


def test_a_name_as_written_comes_before_a_respelling() -> None:
    lex = _lexicon(("leukemia", "en", "C95", ""), ("leucemia", "es", "C95", ""))
    assert [h.entry.lang for h in lex.find("leucemia")] == ["es"]


def test_ambiguity_marks_languages_and_chapters() -> None:
    lex = _lexicon(
        ("cold", "en", "J00", "rare-sense:noun.attribute"),
        ("cancer", "en", "C80", "other-senses:noun.person"),
        ("IGF-1", "en", "E34", ""),
        ("diabete", "pt", "E14", ""),
        ("diabete", "fr", "E14", "other-senses:noun.food"),
        ("recién nacidos", "es", "P081", ""),
    )
    found = {h.entry.term: h for h in lex.find("cold cancer igf 1 diabete recien nacidos")}
    assert found["cold"].entry.ambiguity == "rare"
    assert found["cancer"].entry.ambiguity == "other"
    assert found["IGF-1"].entry.ambiguity == "abbr"  # written in capitals in the source
    assert "recién nacidos" not in found  # perinatal (P) titles name no claimable disease
    diabete = found["diabete"]
    assert diabete.in_language(frozenset({"en", "fr"})).lang == "fr"
    assert diabete.in_language(frozenset({"en", "de"})) is None
    assert diabete.in_language(None).lang == "pt"


def test_shipped_lexicon_loads_every_language() -> None:
    lex = condition_lexicon()
    assert len(lex) > 30_000
    langs = {
        h.entry.lang for h in lex.find("arthritis artrite arthrite hipertensi schuppenflechte")
    }
    assert {"en", "pt", "fr", "id", "de"} <= langs


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("tylenol extra strength caplets", True),  # a brand is that medicine
        ("ibuprofen 200 mg tablets", True),
        ("adapalene gel 0.1%", True),
        ("loratadina 10 mg tabletas", True),  # the INN's Spanish ending
        ("ibuprofene 200 mg comprimes", True),
        ("amoksisilin 500 mg kapsul", True),  # Indonesian spelling of amoxicillin
        ("siprofloksasin 500 mg tablet", True),
        ("ekstrak daun sirsak kapsul", False),
        ("tranexamic acid serum 5%", False),  # an oral medicine's name on a serum
        ("turmeric curcumin capsules", False),
        ("vitamin c 500mg", False),
    ],
)
def test_medicines_are_told_by_name_strength_and_route(title: str, expected: bool) -> None:
    assert is_medicine(title) is expected


def test_medicine_labels_and_registrations() -> None:
    voc = vocabulary()
    label = "active ingredient: ibuprofen 200 mg. uses: headache. warnings: do not use."
    assert prints_label(label, voc.leaflet)
    assert not prints_label("uses: headache, fever. directions: take daily.", voc.leaflet)
    assert registered("reg. bpom dkl1234567890a1") and registered("ndc 0573-0150-20")
    assert not registered("model 1234-567-89")


@pytest.mark.parametrize(
    ("title", "description", "expected"),
    [
        ("docusate sodium 100 mg softgels", "", True),  # a strength
        ("calamine lotion 6 oz", "", True),  # a dose form of its route
        ("simethicone anti-gas", "", True),  # the monograph's purpose
        ("calcium carbonate antacid chewable tablets", "", True),
        ("calcium carbonate 600 mg tablets", "supports strong bones.", False),  # supplement
        ("zinc oxide cream 4 oz", "soothes dry skin.", False),  # a cosmetic's ingredient
        ("menthol lip balm", "", False),
        ("docusate tablets", "", True),
        (
            "chest rub",
            "drug facts. active ingredient: camphor 5%. purpose: cough suppressant.",
            True,
        ),
        (
            "clear skin drops",
            "drug facts. active ingredient: sulfur 12x hpus. purpose: acne.",
            False,
        ),
        ("turmeric 500 mg capsules", "uses: joint pain. directions: 2 daily.", False),
        ("chewable antacid tablets", "relief with calcium carbonate.", True),  # a brand's
        ("calcium chews", "made with calcium carbonate.", False),
        ("clarifying serum", "with azelaic acid 10%.", False),  # an Rx substance, cosmetic
        ("scalp shampoo", "ketoconazole 1%: sold without a prescription.", True),  # OTC
    ],
)
def test_otc_monograph_medicines_are_told_by_ingredient_and_label(
    title: str, description: str, expected: bool
) -> None:
    assert sells_otc_medicine(title, description) is expected


def test_drug_facts_needs_the_layout_and_a_monograph_ingredient() -> None:
    assert drug_facts("active ingredients: zinc oxide 40%. purpose: skin protectant.")
    assert not drug_facts("purpose: skin protectant. active ingredient: zinc oxide 40%.")
    assert not drug_facts("drug facts. active ingredient: arnica 30c. purpose: bruises.")
    assert not drug_facts("ingredients: zinc oxide, shea butter. uses: dry skin.")
    rows = table("claims/otc_monograph")
    assert all(r["route"] and r["ambiguous"] in ("yes", "no") and r["source"] for r in rows)
    assert set(monographs().ingredients) == {r["ingredient"] for r in rows}


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Cura la artritis en 2 semanas y es para la gota", "es"),
        ("Cura a artrite em 2 semanas para o seu corpo", "pt"),
        ("Heilt Arthritis in 2 Wochen und ist gut für die Gelenke", "de"),
        ("Guérit l'arthrite en 2 semaines pour les articulations", "fr"),
        ("Menyembuhkan rematik dalam 2 minggu untuk tubuh dan sendi", "id"),
        ("Cures arthritis in 2 weeks for the joints", "en"),
        ("Moringa 500mg", None),
    ],
)
def test_language_is_told_by_function_words(text: str, lang: str | None) -> None:
    from listlint.text.normalize import fold

    assert language_vocabulary().detect(fold(text)) == lang


def test_a_predicate_counts_only_in_its_own_language() -> None:
    """Spanish "mata" (kills) is Indonesian "mata" (eye)."""
    es = {"title": "Aceite de Orégano", "description": "Mata el virus de la gripe y las bacterias.",
          "category": "Salud > Suplementos"}  # fmt: skip
    idn = {"title": "Obat Tetes Mata", "description": "Tetes mata untuk mata lelah dan kering dan virus.",
           "category": "Kesehatan > Suplemen"}  # fmt: skip
    report = listlint.lint([dict(es, sku="es"), dict(idn, sku="id")], select=["claims"])
    flagged = {f.sku for f in report.findings if f.severity.value != "info"}
    assert flagged == {"es"}


def test_lexicon_is_built_only_for_health_text() -> None:
    """A run whose text has no cue and no health title never builds the 43,000 names."""
    condition_lexicon.cache_clear()
    medicine_lexicon.cache_clear()
    rows = [{"sku": f"S{i}", "title": "Cotton tee", "description": "Soft and breathable.",
             "category": "Apparel > Shirts"} for i in range(20)]  # fmt: skip
    assert not listlint.lint(rows, select=["claims"]).findings
    assert condition_lexicon.cache_info().currsize == 0
    assert medicine_lexicon.cache_info().currsize == 0
    rows[3]["description"] = "This tea cures nephrolithiasis."  # a lexicon-only name
    rows[3]["category"] = "Grocery > Tea"
    found = listlint.lint(rows, select=["claims"]).findings
    assert [f.match for f in found] == ["cures nephrolithiasis"]
    assert lexicon_module.condition_lexicon.cache_info().currsize == 1


def test_every_finding_explains_field_role_and_severity() -> None:
    report = listlint.lint(
        [
            {"sku": "a", "title": "Gout Relief Tea", "category": "Grocery > Tea"},
            {
                "sku": "b",
                "title": "TENS Unit",
                "description": "Cures sciatica.",
                "category": "Health > Medical Devices",
            },
        ],
        select=["claims"],
    )
    by_sku = {f.sku: f for f in report.findings}
    assert "Found in the title (the product's name)" in by_sku["a"].message
    assert "the listing sells a food or drink; error:" in by_sku["a"].message
    assert "Found in the description as the seller's own statement" in by_sku["b"].message
    assert "warning: a medical device may make the claims it is cleared for" in by_sku["b"].message


def test_language_detection_counts_each_languages_markers() -> None:
    from listlint.rules.claims.language import LanguageVocabulary

    voc = LanguageVocabulary(markers={"es": frozenset({"el", "de", "y"}), "en": frozenset({"the"})})
    assert voc.detect("el gel de aloe y menta") == "es"
    assert voc.detect("the gel de aloe") is None  # one marker each: a tie
    # a word marking two languages counts for both: still a tie
    voc.markers = {"es": frozenset({"de", "la"}), "fr": frozenset({"de", "la", "le"})}
    assert voc.detect("de la creme") is None
    assert voc.detect("de la creme le") == "fr"
    assert language_vocabulary().detect(fold("la crema de aloe para la piel")) == "es"
