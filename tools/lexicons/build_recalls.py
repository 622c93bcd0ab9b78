"""Build wordlists/prohibited/recalls.tsv: recalled products by product name, model and
brand, dated, from public recall lists.

Sources (pinned; see tools/lexicons/README.md):
  CPSC     recall exports of cpsc.gov/Recalls (one CSV per product category, recalls of
           2023-12-01 .. 2026-04-01) as committed in a public repository
  FDA/USDA food safety recalls (FDA recalls page RSS + USDA FSIS recall API) as compiled in
           a public repository (clean_data/food_safety_recalls.json)
  EU       Safety Gate (RAPEX) alerts, 2019-2024 sample, as imported into a public repository

The product's own name is kept as the recall gives it ("FUNTOK 24V 2-Seater Ride-On
Trucks"), with model numbers taken from the description ("model number DLS-K03"), so a
listing that names the product (not the recall wording) can be matched.
Run: python tools/lexicons/build_recalls.py [--mirrors DIR]
"""

from __future__ import annotations

import argparse
import csv
import html
import io
import json
import re
import sys
from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from pinned import DEFAULT_MIRRORS, WORDLISTS, GitFile, write_tsv

OUT = WORDLISTS / "prohibited" / "recalls.tsv"
COLUMNS = ("product", "model", "brand", "recall_date", "hazard", "agency", "url", "recall_id")

CPSC_REPO = "xxTarekxx/recallsatlas"
CPSC_COMMIT = "3ae84f79d5b040909153e98c7285d854f6592af9"  # 2026-05-03
CPSC_DIR = "generalRecallsBackup/"
FOOD_REPO = "anesta95/food_safety_recalls"
FOOD_COMMIT = "03962d8e22f9ed683f4a1cd633fcf13a46422153"  # 2025-11-13
FOOD_PATH = "clean_data/food_safety_recalls.json"
EU_REPO = "TIS2024-FMFI/inspection"
EU_COMMIT = "42f2ca7ac30e4f5788d636f85bca6fc3d4cd83ab"  # 2025-01-18
EU_PATH = "src/resources/db/seed.sql"

#: a model/item number: letters and digits with at least one digit ("DLS-K03", "B08XYZ1234")
MODEL_TOKEN = re.compile(
    r"\b(?=[A-Z0-9./-]*\d)(?=[A-Z0-9./-]*[A-Z]|\d{4,})[A-Z0-9][A-Z0-9./-]{2,}\b"
)
MODEL_CUE = re.compile(
    r"\b(?:model|item|style|sku|part|catalog|product)\s*(?:numbers?|nos?\.?|#|codes?)?s?", re.I
)
HEADING_HAZARD = re.compile(r"\bDue to (.+?)(?:;|$)", re.I)
NOT_MODEL = re.compile(
    r"^(?:\d{1,3}|\d+(?:MM|CM|IN|OZ|LB|V|W|MAH|ML|G|KG|FT|PCS?)|[12][0-9]{3}(?:-[12][0-9]{3})?|.{21,})$"
)  # sizes, years and year ranges, and run-together tokens of a flattened table


@dataclass
class Recall:
    product: str
    model: str
    brand: str
    recall_date: str
    hazard: str
    agency: str
    url: str
    recall_id: str


def _text(value: str | None) -> str:
    value = html.unescape(value or "").replace("\u00a0", " ")
    return re.sub(r"\s+", " ", value).strip()


def models_in(description: str) -> list[str]:
    """Model numbers the description names after a cue word ("model number DLS-K03",
    "item numbers 123456 and 123457"), in order, without sizes or years."""
    found: list[str] = []
    for cue in MODEL_CUE.finditer(description):
        window = description[cue.end() : cue.end() + 240]
        window = re.split(r"(?<=[a-z])\.\s", window)[0]  # stay in the sentence
        for token in MODEL_TOKEN.findall(window):
            token = token.rstrip(".-/")
            if not NOT_MODEL.match(token) and token not in found:
                found.append(token)
    return found[:20]


def brand_in(product: str, companies: str) -> str:
    """The leading words of the product name that also name the recalling company
    ("GLMZZ Fidget Magnet Ball Toys", "... dba GLMZZ"): the brand as sold."""
    words = product.split()
    low = companies.lower()
    brand: list[str] = []
    for word in words[:3]:
        bare = re.sub(r"[^\w'&-]", "", word).lower()
        if (
            len(bare) > 1
            and re.search(r"[a-z]", bare)
            and re.search(rf"\b{re.escape(bare)}\b", low)
        ):
            brand.append(word.replace("®", "").replace("™", ""))
        else:
            break
    return " ".join(brand)


def companies_of(row: dict[str, str], heading: str) -> str:
    """The recalling companies: manufacturer, importer, distributor fields, the company
    a heading names ("... Imported by Shenzhen Luobei Trading", "Honda Recalls ...")."""
    parts = [_text(row.get(k)) for k in ("Manufacturers", "Importers", "Distributors")]
    parts += re.findall(r"\b(?:by|from|dba|exclusively at)\s+([^;]+)", heading, re.I)
    lead = re.match(r"(.+?)\s+Recalls\b", heading)
    if lead:
        parts.append(lead.group(1))
    return " ".join(parts)


def cpsc(mirrors: Path) -> list[Recall]:
    import subprocess

    git_dir = mirrors / CPSC_REPO.replace("/", "+") / "repo"
    cmd = ["git", f"--git-dir={git_dir}", "ls-tree", "-r", "--name-only", CPSC_COMMIT, CPSC_DIR]
    names = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout.split()
    seen: dict[str, Recall] = {}
    for name in sorted(n for n in names if n.endswith(".csv")):
        raw = GitFile(CPSC_REPO, CPSC_COMMIT, name).read(mirrors).decode("utf-8-sig")
        for row in csv.DictReader(io.StringIO(raw)):
            number = _text(row.get("Recall Number"))
            product = _text(row.get("Name of product"))
            if not number or not product or number in seen:
                continue
            heading = _text(row.get("Recall Heading"))
            hazard = HEADING_HAZARD.search(heading)
            try:
                when = datetime.strptime(_text(row.get("Date")), "%B %d, %Y").date().isoformat()
            except ValueError:
                when = ""
            seen[number] = Recall(
                product,
                "|".join(models_in(_text(row.get("Description")))),
                brand_in(product, companies_of(row, heading)),
                when,
                hazard.group(1) if hazard else _text(row.get("Hazard Description"))[:160],
                "CPSC",
                "https://www.cpsc.gov/Recalls",
                number,
            )
    return list(seen.values())


def food(mirrors: Path) -> list[Recall]:
    data = json.loads(GitFile(FOOD_REPO, FOOD_COMMIT, FOOD_PATH).read(mirrors))
    out = []
    for item in data:
        product = _text(item.get("product_description")) or _text(item.get("title"))
        when = (item.get("company_announce_dttm") or item.get("notification_dttm") or "")[:10]
        out.append(
            Recall(
                product,
                "",
                _text(item.get("brand_name")),
                when,
                _text(item.get("recall_reason")),
                item.get("agency") or "FDA",
                _text(item.get("recall_url")),
                _text(item.get("notice_id_number") or item.get("uid")),
            )
        )
    return out


def safety_gate(mirrors: Path) -> list[Recall]:
    sql = GitFile(EU_REPO, EU_COMMIT, EU_PATH).read(mirrors).decode("utf-8")
    out = []
    for m in re.finditer(r"INSERT INTO defective_products \((.*?)\) VALUES \((.*?)\);", sql, re.S):
        cols = [c.strip() for c in m.group(1).split(",")]
        vals = [v.replace("''", "'") for v in re.findall(r"'((?:[^']|'')*)'", m.group(2))]
        row = {k: ("" if v == "None" else _text(v)) for k, v in zip(cols, vals)}
        if row.get("product_category") == "Motor vehicles" or not row.get("product_name"):
            continue  # vehicles are recalled by VIN range, not sold as marketplace listings
        alert = row.get("alert_number", "")
        year = re.search(r"/(\d{2})$", alert)
        published = re.match(r"\d{4}-\d{2}-\d{2}", row.get("published_on", ""))
        product = " ".join(
            x for x in (row.get("product_name"), row.get("product_description")) if x
        )
        models = [x for x in (row.get("model_type_number"), row.get("barcode")) if x]
        out.append(
            Recall(
                product,
                "|".join(models),
                row.get("brand", ""),
                published.group(0) if published else (f"20{year.group(1)}" if year else ""),
                row.get("risk_type", ""),
                "EU Safety Gate",
                "https://ec.europa.eu/safety-gate-alerts/screen/search",
                alert,
            )
        )
    return out


HEADER = [
    "Recalled products for the prohibited family (sale of recalled items), by product name and model.",
    "Sources (column `agency`):",
    "  CPSC: US Consumer Product Safety Commission recall exports (cpsc.gov/Recalls, public domain),",
    f"    recalls dated 2023-12-01..2026-04-01, as committed at github:{CPSC_REPO}@{CPSC_COMMIT}",
    f"    ({CPSC_DIR}*.csv); url is the CPSC recall list: search it for recall_id",
    "  FDA, USDA: food safety recalls (FDA recalls page feed, USDA FSIS recall API; public domain),",
    f"    as compiled at github:{FOOD_REPO}@{FOOD_COMMIT} ({FOOD_PATH})",
    "  EU Safety Gate: RAPEX alerts (European Commission; reuse allowed with attribution), a",
    f"    sample of 2019-2024 alerts imported at github:{EU_REPO}@{EU_COMMIT} ({EU_PATH});",
    "    motor vehicles left out; recall_date is the alert's year",
    "Columns:",
    "  product      the product's own name as the recall gives it",
    "  model        model/item numbers named in the recall description ('|'-separated), barcode (EU)",
    "  brand        brand as sold: the leading product-name words that name the recalling company",
    "               (CPSC), the brand field (FDA, EU); empty when not stated",
    "  recall_date  ISO date of the recall (YYYY for EU alerts)",
    "  hazard       the hazard as the recall heading states it",
    "  agency       CPSC | FDA | USDA | EU Safety Gate",
    "  url          recall page (FDA, USDA) or the agency's recall search",
    "  recall_id    CPSC recall number, FDA/USDA notice id, EU alert number",
    "Coverage caveat: not every recall ever issued; see tools/lexicons/README.md.",
]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mirrors", type=Path, default=DEFAULT_MIRRORS)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    rows = cpsc(args.mirrors) + food(args.mirrors) + safety_gate(args.mirrors)
    rows.sort(key=lambda r: (r.recall_date, r.agency, r.recall_id), reverse=True)
    n = write_tsv(
        args.out,
        HEADER,
        COLUMNS,
        (
            (r.product, r.model, r.brand, r.recall_date, r.hazard, r.agency, r.url, r.recall_id)
            for r in rows
        ),
        "tools/lexicons/build_recalls.py",
    )
    print(f"{args.out}: {n} rows")
    print("  agency:", dict(Counter(r.agency for r in rows)))
    print(
        "  with model:",
        sum(1 for r in rows if r.model),
        " with brand:",
        sum(1 for r in rows if r.brand),
    )
    years = Counter(r.recall_date[:4] for r in rows)
    print("  years:", dict(sorted(years.items())))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
