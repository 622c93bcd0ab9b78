"""Seeded generator of a text-heavy synthetic catalogue (issue 17's speed target).

``generate.py``'s catalogues repeat a handful of category words; real seller listings
are prose: a title stuffed with keywords, a 40-120-word description written in
sentences, five bullet points, brand, category, price and weight. This generator writes
such listings from ``generate.py``'s categories, products, brands and weight ranges, so
the text families (prohibited, claims, ip) see the vocabulary and length they meet on
real exports, and plants problems in 3% of the rows, spread over the families:

* prohibited products (title), disease claims (description or bullet), counterfeit
  wording and lookalike brands (title, brand or description);
* weights in the wrong unit or implausible for the product, weights missing;
* missing attributes (brand, category, price, description, GTIN, gender of apparel).

    python benchmarks/generate_text.py 200000 benchmarks/data/text-200000.csv
    from generate_text import generate_text; df = generate_text(10_000, seed=1)
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

import polars as pl

from generate import BRANDS, CATEGORIES, COLORS, SIZES, _gtin, _weight_kg, _weight_text

#: share of listings carrying one planted problem
PLANTED_SHARE = 0.03

# Seller prose: sentence frames filled with the category's words ({w}), the product
# ({name}), the brand ({brand}) and a number ({n}). Written after the way marketplace
# descriptions read (opening pitch, features, use, care, shipping), not copied from any.
OPENERS = [
    "Meet the {brand} {name}, made for people who want {w} without the fuss.",
    "Upgrade your routine with our {name}: {w} and {w2} in one.",
    "Looking for a {name} that is {w} and still easy on the budget?",
    "The {brand} {name} is back in a new colour, and it is as {w} as ever.",
    "Our best-selling {name} combines {w} with {w2} for everyday use.",
    "Thoughtfully designed in our studio, this {name} is {w} from the first day.",
]
MIDDLES = [
    "Each piece is {w}, {w2} and checked by hand before it leaves our warehouse.",
    "Customers love how {w} it feels, and many come back for a second one.",
    "It is {w} and {w2}, so it works at home, at the office or on the road.",
    "We tested {n} prototypes before settling on this design.",
    "The finish is {w}, the details are {w2}, and the price is fair.",
    "Pair it with the rest of the {brand} range for a matching look.",
    "Whether you are a beginner or a pro, you will notice the difference.",
    "Thanks to its {w} build it stays in shape after months of use.",
    "Available in {colour} and several other shades this season.",
    "Every order includes a printed care card and a {n}-day return window.",
]
CLOSERS = [
    "Wipe clean or follow the care label; store in a cool, dry place.",
    "Ships within {n} business days in recyclable packaging.",
    "Questions? Our support team answers within one business day.",
    "Makes a thoughtful gift for birthdays, holidays or just because.",
    "Backed by our {n}-month warranty against manufacturing defects.",
]
BULLETS = [
    "{W}: {w2} for lasting comfort",
    "Easy care: {w}",
    "What you get: 1 x {name}, care card",
    "Size and fit: see the size chart before ordering",
    "{W} and {w2}",
    "Gift ready: arrives in a {colour} box",
    "Warranty: {n} months",
]
#: title tails sellers add (promotional ones, "Bestseller", are SP305 findings: left out)
TITLE_EXTRAS = ["for Men Women", "for Home", "for Travel", "Everyday", "Classic", "Set"]

# Planted problems: (family, field, text). Text fields are appended or replace the
# field, as a careless or dishonest seller writes them.
PLANTED_TEXT = [
    ("prohibited", "title", "Kratom Capsules 500mg Premium Maeng Da"),
    ("prohibited", "title", "Switchblade Pocket Knife Automatic Spring Assisted"),
    ("prohibited", "title", "Brass Knuckles Self Defense Keychain"),
    ("prohibited", "title", "Raw Ivory Carving Antique Figurine"),
    ("claims", "description", "This herbal tea cures arthritis and reverses diabetes in weeks."),
    ("claims", "description", "Clinically proven to make you lose 30 lbs in 30 days."),
    ("claims", "bullet_points", "Treats anxiety and depression naturally, no prescription needed"),
    ("claims", "description", "Doctors recommend it to prevent cancer and heal infections."),
    ("ip", "title", "Nlke Air Running Shoe 1:1 replica"),
    ("ip", "description", "AAA quality mirror copy of the original Rolex design."),
    ("ip", "brand", "Adidaas"),
    ("ip", "title", "Louis Vuiton Inspired Monogram Bag Dupe"),
]
PLANTED_KINDS = (
    ["text"] * 6
    + ["weight_unit", "weight_implausible", "weight_missing"]
    + [
        "no_brand",
        "no_category",
        "no_price",
        "no_description",
    ]
)
COLUMNS = (
    "sku",
    "title",
    "description",
    "bullet_points",
    "brand",
    "category",
    "price",
    "weight",
    "size",
    "color",
    "gender",
    "battery_type",
    "gtin",
)
#: categories whose words mention batteries ("rechargeable", "40 hour battery"): a clean
#: listing there names its battery type (Amazon US requires it)
BATTERY_CATEGORIES = ("Electronics", "Toys")


def _fill(frame: str, rng: random.Random, words: list[str], **known: str) -> str:
    w, w2 = rng.sample(words, 2)
    return frame.format(
        w=w, w2=w2, W=w.capitalize(), n=rng.randint(2, 90), colour=rng.choice(COLORS), **known
    )


def _description(rng: random.Random, words: list[str], name: str, brand: str) -> str:
    """40-120 words of seller prose: an opener, middle sentences, one or two closers."""
    target = rng.randint(40, 120)
    sentences = [_fill(rng.choice(OPENERS), rng, words, name=name, brand=brand)]
    count = len(sentences[0].split())
    while count < target:
        pool = MIDDLES if count < target - 15 else CLOSERS
        s = _fill(rng.choice(pool), rng, words, name=name, brand=brand)
        sentences.append(s)
        count += len(s.split())
    return " ".join(sentences)


def _plant(row: dict[str, str | None], rng: random.Random, kg: float) -> None:
    kind = rng.choice(PLANTED_KINDS)
    if kind == "text":
        _family, fld, text = rng.choice(PLANTED_TEXT)
        if fld == "title" or fld == "brand":
            row[fld] = text
        else:
            row[fld] = f"{row[fld]} {text}" if fld == "description" else f"{row[fld]} | {text}"
    elif kind == "weight_unit":
        row["weight"] = f"{kg * 1000:.0f} kg"  # grams typed into a kg field
    elif kind == "weight_implausible":
        row["weight"] = f"{kg * rng.choice([200, 500]):.0f} kg"
    elif kind == "weight_missing":
        row["weight"] = None
    else:
        row[kind.removeprefix("no_")] = None


def generate_text(n: int, seed: int = 0) -> pl.DataFrame:
    rng = random.Random(seed)
    cats = list(CATEGORIES)
    cols: dict[str, list[str | None]] = {k: [] for k in COLUMNS}
    for i in range(n):
        cat = rng.choice(cats)
        names, words, wrange = CATEGORIES[cat]
        brand = rng.choice(BRANDS)
        name = rng.choice(names)
        colour = rng.choice(COLORS)
        apparel = cat.startswith(("Apparel", "Shoes"))
        size = rng.choice(SIZES) if apparel else None
        kw = " ".join(rng.sample(words, 2)).title()
        extra = rng.choice(TITLE_EXTRAS)
        kg = _weight_kg(name, wrange, rng.random())
        bullets = " | ".join(
            _fill(b, rng, words, name=name) for b in rng.sample(BULLETS, rng.randint(3, 5))
        )
        row: dict[str, str | None] = {
            "sku": f"TXT-{i:08d}",
            "title": f"{brand} {name} {kw} - {colour}"
            + (f" / {size}" if size else "")
            + f" {extra}",
            "description": _description(rng, words, name, brand),
            "bullet_points": bullets,
            "brand": brand,
            "category": cat,
            "price": f"{rng.uniform(5, 250):.2f}",
            "weight": _weight_text(kg, rng),
            "size": size,
            "color": colour,
            "gender": rng.choice(["Women", "Men", "Unisex"]) if apparel else None,
            "battery_type": "Lithium Ion" if cat.startswith(BATTERY_CATEGORIES) else None,
            "gtin": _gtin(rng),
        }
        if rng.random() < PLANTED_SHARE:
            _plant(row, rng, kg)
        for k in COLUMNS:
            cols[k].append(row[k])
    return pl.DataFrame(cols, schema={k: pl.Utf8 for k in COLUMNS})


def write_csv(n: int, path: Path, seed: int = 0, chunk: int = 200_000) -> Path:
    """Write ``n`` listings to ``path`` in chunks of ``chunk`` (bounded memory)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as fh:
        for part, start in enumerate(range(0, n, chunk)):
            size = min(chunk, n - start)
            df = generate_text(size, seed=seed + part)
            if part:  # each chunk numbers its SKUs from 0: keep them unique
                df = df.with_columns(
                    (
                        pl.lit("TXT-")
                        + pl.int_range(start, start + size).cast(pl.Utf8).str.zfill(8)
                    ).alias("sku")
                )
            df.write_csv(fh, include_header=(part == 0))
    return path


if __name__ == "__main__":
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 200_000
    out = Path(sys.argv[2]) if len(sys.argv) > 2 else Path(f"benchmarks/data/text-{count}.csv")
    write_csv(count, out)
    print(f"wrote {count:,} listings to {out} ({out.stat().st_size / 1e6:.1f} MB)")
