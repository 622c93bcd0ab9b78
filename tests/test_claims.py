"""Health-claims analyser: pipeline paths, laziness, quoting, categories, policy packs and
the dev-set targets. Listing-level behaviour is in tests/cases/claims.yaml."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import listlint
from listlint.batch import Batch
from listlint.resources import table
from listlint.rules.claims import pipeline
from listlint.rules.claims.analysis import analyse
from listlint.rules.claims.textmap import matching_form
from listlint.rules.claims.vocab import CONDITION_KINDS, PHRASE_CLAIMS, PREDICATE_KINDS

from .conftest import ROOT

HC = ["HC101", "HC102", "HC103", "HC104", "HC105", "HC106"]


def _lint(policy: str = "base", **listing: str) -> list:
    return listlint.lint([listing], policy=policy, select=HC).findings


def _frame(*descriptions: str, category: str | None = None) -> Batch:
    return Batch(
        pl.DataFrame(
            {"description": list(descriptions), "category": [category] * len(descriptions)},
            schema={"description": pl.Utf8, "category": pl.Utf8},
        )
    )


# -- laziness and the pipeline built once -------------------------------------------------
def test_catalogue_without_claim_vocabulary_never_imports_spacy(tmp_path: Path) -> None:
    rows = ["sku,title,description,category"] + [
        f"S{i},Cotton tee {i},Soft organic cotton; machine washable.,Apparel" for i in range(20)
    ]
    path = tmp_path / "plain.csv"
    path.write_text("\n".join(rows), encoding="utf-8")
    code = (
        "import sys, listlint\n"
        f"r = listlint.lint({str(path)!r}, select=['claims'])\n"
        "assert not r.findings, r.findings\n"
        "print('spacy' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_pipeline_is_built_once_per_process(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []
    real = pipeline.build_nlp

    def counting(name: str | None = None):  # type: ignore[no-untyped-def]
        calls.append(name)
        return real(name)

    monkeypatch.setattr(pipeline, "build_nlp", counting)
    monkeypatch.setattr(pipeline, "_SHARED", {})
    for _ in range(3):
        assert analyse(_frame("Cures arthritis.", category="Health > Supplements"))
    assert len(calls) == 1


def test_blank_pipeline_when_no_model_is_installed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LISTLINT_SPACY_MODEL", "listlint_no_such_model_pkg")
    nlp = pipeline.build_nlp()
    assert nlp.pipe_names == ["sentencizer", "lemmatizer"]
    assert [t.lemma_ for t in nlp("it cures tumors")] == ["it", "cure", "tumor"]


# -- the statistical-model path, with a tiny locally built pipeline -----------------------
def _fake_parser_factory():  # type: ignore[no-untyped-def]
    """Register a deterministic stand-in for a trained tagger+parser: claim verbs are VERBs
    (unless a pet word precedes them: "dog treats"), every later token hangs from the
    nearest verb before it, "not"/"n't" attach to it as ``neg``."""
    from spacy.language import Language

    verbs = {"cures", "cure", "treats", "treat", "reverses", "prevents", "prevent", "does"}

    @Language.component("listlint_test_parser")
    def fake_parser(doc):  # type: ignore[no-untyped-def]
        heads, deps, pos = [], [], []
        verb = None
        for tok in doc:
            is_verb = tok.lower_ in verbs and not (tok.i and doc[tok.i - 1].lower_ == "dog")
            pos.append("VERB" if is_verb else "NOUN")
            if is_verb and verb is None:
                heads.append(tok.i)
                deps.append("ROOT")
                verb = tok.i
            else:
                heads.append(verb if verb is not None else tok.i)
                deps.append("neg" if tok.lower_ in ("not", "n't") else "dep")
                if is_verb:
                    verb = tok.i
        for tok, h, d, p in zip(doc, heads, deps, pos, strict=True):
            tok.head = doc[h]
            tok.dep_ = d
            tok.pos_ = p
        return doc

    return fake_parser


@pytest.fixture
def tiny_model(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    import spacy
    from spacy.language import Language

    if "listlint_test_parser" not in Language.factories:
        _fake_parser_factory()
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.add_pipe("listlint_test_parser", name="parser")
    nlp.initialize()
    path = tmp_path / "tiny_en"
    nlp.to_disk(path)
    monkeypatch.setenv("LISTLINT_SPACY_MODEL", str(path))
    monkeypatch.setattr(pipeline, "_SHARED", {})
    return path


def test_statistical_model_is_used_when_installed(tiny_model: Path) -> None:
    cm = pipeline.claim_matchers()
    assert cm.parsed and "parser" in cm.nlp.pipe_names
    supplements = "Health > Supplements"
    # the parse links a verb to a condition far away, where the clause window would not
    far = "This tea cures, according to many happy customers who wrote to us, arthritis."
    assert [h.claim.rule for h in analyse(_frame(far, category=supplements))] == ["disease"]
    # part-of-speech and negation come from the parse
    assert not analyse(_frame("Dog treats arthritis dogs love.", category="Pet > Dog"))
    assert not analyse(_frame("It does not cure arthritis.", category=supplements))


def test_blank_path_keeps_the_clause_window(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LISTLINT_SPACY_MODEL", "listlint_no_such_model_pkg")
    monkeypatch.setattr(pipeline, "_SHARED", {})
    far = "This tea cures, according to many happy customers who wrote to us, arthritis."
    assert not analyse(_frame(far, category="Health > Supplements"))
    assert analyse(_frame("This tea cures arthritis.", category="Health > Supplements"))


# -- findings for sellers ------------------------------------------------------------------
def test_shipped_example_row_11_is_flagged_and_its_traps_are_clean() -> None:
    report = listlint.lint(ROOT / "examples" / "catalog.csv", select=HC)
    by_row: dict[int, set[str]] = {}
    for f in report.findings:
        by_row.setdefault(f.row, set()).add(f.rule)
    assert {"HC101", "HC103"} <= by_row[11]  # TURM-01: cures arthritis ... FDA approved
    assert set(by_row) == {11}  # dog treats (row 6), UV cure gel (row 9) stay clean


def test_finding_quotes_the_sellers_words_and_sentence() -> None:
    (f,) = _lint(
        title="Herbal drops",
        description="Great taste. Our tea CUR3S C@NCER in weeks! Buy now.",
        category="Health > Supplements",
    )
    assert f.rule == "HC101" and f.match == "CUR3S C@NCER"
    assert '"Our tea CUR3S C@NCER in weeks!"' in f.message and "cancer" in f.message
    assert f.column == "description" and f.policy and f.suggestion


@pytest.mark.parametrize(
    "text",
    [
        "ｃｕｒｅｓ ａｒｔｈｒｉｔｉｓ",  # full-width
        "cu\u200bres arth\u200britis",  # zero-width space
        "c u r e s arthritis",  # spaced letters
        "cur3s arthr1tis",  # leet
    ],
)
def test_obfuscated_claims_are_found_and_quoted_verbatim(text: str) -> None:
    (f,) = _lint(title="Drops", description=text, category="Health > Supplements")
    assert f.rule == "HC101" and f.match == text


def test_suggestion_offers_compliant_wording() -> None:
    (f,) = _lint(title="Joint caps", description="Cures arthritis.", category="Supplements")
    assert "supports joint comfort" in f.suggestion
    (g,) = _lint(title="Tea", description="Cures cancer.", category="Supplements")
    assert "no wording" in g.suggestion


def test_category_weighs_the_same_words() -> None:
    text = "Helps with diabetes and high blood pressure."
    assert _lint(title="Tea blend", description=text, category="Health > Supplements")
    assert not _lint(title="Cookbook", description=text, category="Books > Cooking")
    device = _lint(title="Red light", description="Cures eczema.", category="Medical Devices")
    assert [f.severity.value for f in device] == ["warning"]
    drug = _lint(title="Ibuprofen 200mg", description="Pain relief and fever reducer.")
    assert not drug  # an approved drug's indications are not a non-drug's claims


def test_marketplace_packs_set_links_and_severity() -> None:
    (tiktok,) = _lint("tiktok-shop-us", title="Fat burner pills", category="Supplements")
    assert tiktok.rule == "HC106" and tiktok.severity.value == "error"
    assert "tiktok" in tiktok.policy and tiktok.marketplaces == ("TikTok Shop US",)
    (base,) = _lint(title="Fat burner pills", category="Supplements")
    assert base.severity.value == "warning"
    (amazon,) = _lint("amazon-us", title="Tea", description="Cures gout.", category="Food")
    assert amazon.policy == "https://sellercentral.amazon.com/gp/help/external/202024200"


# -- wordlists -----------------------------------------------------------------------------
def test_wordlist_rows_are_valid_and_sourced() -> None:
    sources = {r["id"] for r in table("claims/sources")}
    for name, column, kinds in (
        ("claims/conditions", "kind", CONDITION_KINDS),
        ("claims/predicates", "kind", PREDICATE_KINDS),
        ("claims/phrases", "claim", PHRASE_CLAIMS),
    ):
        for row in table(name):
            assert row[column] in kinds, (name, row)
            assert row["source"] in sources, (name, row)
    topics = {r["topic"] for r in table("claims/rewordings")}
    assert {r["topic"] for r in table("claims/conditions")} <= topics


# -- properties ----------------------------------------------------------------------------
@settings(max_examples=60, deadline=None)
@given(st.text(max_size=120))
def test_matching_form_maps_every_character_back(text: str) -> None:
    mapped = matching_form(text)
    assert len(mapped.index) == len(mapped.text)
    assert all(0 <= i < len(text) for i in mapped.index)
    assert list(mapped.index) == sorted(mapped.index)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.text(max_size=80), min_size=1, max_size=4), st.sampled_from(["cures", "x"]))
def test_analysis_never_raises_and_quotes_input_text(texts: list[str], verb: str) -> None:
    rows = [f"{t} {verb} arthritis {t}" for t in texts]
    for hit in analyse(_frame(*rows, category="Health > Supplements")):
        assert hit.match and hit.match in rows[hit.index]


# -- dev set (issue 4 targets) -------------------------------------------------------------
def test_dev_set_recall_and_false_alarms(shared_dir: Path) -> None:
    path = shared_dir / "data" / "claims_dev.jsonl"
    if not path.is_file():
        pytest.skip(f"dev set not present at {path}")
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    listings = [{"sku": str(i), "description": r["text"]} for i, r in enumerate(rows)]
    flagged = {int(f.sku) for f in listlint.lint(listings, select=HC).findings}
    claims = [i for i, r in enumerate(rows) if r["label"] == "disease_claim"]
    allowed = [i for i, r in enumerate(rows) if r["label"] in ("structure_function", "disclaimer")]
    assert sum(i in flagged for i in claims) / len(claims) >= 0.95
    assert sum(i in flagged for i in allowed) / len(allowed) <= 0.05


# -- real exports: every claims finding was reviewed by hand (see docs/rules.md, claims section) --
REVIEWED: dict[str, dict[str, int]] = {
    # none: the ten "BioShield Anti-Bacterial Seal" warnings on LG refrigerators (leipzig)
    # were re-reviewed as false alarms (a part of an appliance, protecting itself: EPA's
    # treated-article exemption) and a part's antimicrobial word is no longer a claim
}


def test_real_exports_claims_findings_are_the_reviewed_ones(catalogs_dir: Path) -> None:
    found: dict[str, dict[str, int]] = {}
    for path in sorted(catalogs_dir.iterdir()):
        if path.suffix == ".md" or "NOT_A_ZIP" in path.name:
            continue
        for f in listlint.lint(path, select=HC).findings:
            per = found.setdefault(path.name, {})
            per[f.rule] = per.get(f.rule, 0) + 1
    assert found == REVIEWED


def _old_words_regex(terms: list[str], after: str = r"\b") -> str:
    """The gate's regex before the (?-u) change: Unicode case folding for every term."""
    import re

    forms = {f for t in terms for f in (t, t.replace("-", ""))}
    alternation = "|".join(re.escape(t) for t in sorted(forms, key=len, reverse=True))
    return rf"(?i)\b(?:{alternation}){after}"


_GATE_TEXT = st.lists(
    st.sampled_from(
        [
            "cures",
            "CURES",
            "Cure\u017f",
            "\u212aills",
            "kills",
            "cancer",
            "CANCER",
            "tumor",
            "prevents",
            "sei-zures",
            "Ｃｕｒｅｓ",
            "dog",
            "treats",
            "é",
            "治愈",
            "-",
            " ",
            "\u200b",
        ]
    ),
    max_size=8,
).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(st.lists(_GATE_TEXT, min_size=1, max_size=6))
def test_gate_regex_matches_as_before_the_ascii_case_folding_change(texts: list[str]) -> None:
    """The gate is case-sensitive (several times faster in polars) with (?-u) for the
    ASCII terms; on gated text (the batch's folded, lower-case columns) it finds exactly
    what the case-insensitive Unicode regex found."""
    from listlint.rules.claims.candidates import _words_regex
    from listlint.rules.claims.vocab import vocabulary
    from listlint.text.normalize import fold_series

    terms = sorted(vocabulary().gate_terms())
    text = fold_series(pl.Series(texts))
    for new, old in (
        (_words_regex(terms), _old_words_regex(terms)),
        (_words_regex(terms, after=r"\s+\w+"), _old_words_regex(terms, after=r"\s+\w+")),
    ):
        assert text.str.contains(new).to_list() == text.str.contains(old).to_list()


def test_a_cell_of_thousands_of_claims_is_read_to_a_bound() -> None:
    """Each candidate sentence is parsed and each claim looked at across its window:
    a cell of thousands of claims is read up to MOST_SENTENCES candidates and
    MOST_CLAIMS claims (issue 21: a 1 MB cell of 'Cures gout. ' took 33 s), and is
    still flagged."""
    from listlint.rules.claims.candidates import MOST_SENTENCES, candidates
    from listlint.rules.claims.grammar import MOST_CLAIMS

    _, found = candidates("Cures gout. " * 1000, "description")
    assert len(found) == MOST_SENTENCES
    record = {
        "sku": "C1",
        "title": "Herbal capsules",
        "description": "cures gout and arthritis " * 2000,
        "category": "Health > Supplements",
    }
    report = listlint.lint([record], select=["HC101"], limits={"max_cell_length": 2_000_000})
    assert 1 <= len(report.findings) <= MOST_CLAIMS
