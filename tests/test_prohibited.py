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
from listlint.report import Severity
from listlint.resources import table
from listlint.rules.packs import load_pack
from listlint.rules.prohibited.policy import Status
from listlint.rules.prohibited.prefilter import candidate_rows, prefilter_regex, scanned_fields
from listlint.rules.prohibited.vocab import vocabulary
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
    missed = [t for i, (_, t) in enumerate(terms, start=2) if i not in flagged]  # header = row 1
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
    hot = candidate_rows(batch, scanned_fields(batch), prefilter_regex(vocab), []).hot
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


#: everyday products from every department: none may be flagged by the base pack
ORDINARY = """
Stainless Steel Water Bottle 32oz
Wireless Earbuds Bluetooth 5.3
Yoga Mat Non Slip 6mm
LED Desk Lamp with USB Charging Port
Cast Iron Skillet 12 inch
Memory Foam Pillow Queen
Electric Toothbrush Rechargeable
Phone Case for iPhone 15 Pro
Laptop Backpack Water Resistant
Air Fryer 5.8 QT
Coffee Maker 12 Cup Programmable
Resistance Bands Set
Dog Leash Reflective 6ft
Cat Litter Box Self Cleaning
Baby Monitor with Camera
Kids Tablet 7 inch
Scented Candles Gift Set
Throw Blanket Fleece
Shower Curtain Waterproof
Bath Towels 6 Piece Set
Hair Dryer Ionic 1875W
Makeup Brush Set 16pcs
Lipstick Matte Long Lasting
Sunscreen SPF 50 Lotion
Vitamin D3 5000 IU Softgels
Protein Powder Chocolate 2lb
Magnesium Glycinate 400mg
Collagen Peptides Powder
Fish Oil Omega 3
Multivitamin for Women
Garden Hose 50ft Expandable
Pruning Saw Folding
Lawn Mower Blade Replacement
Bird Feeder Hanging
Solar Garden Lights 8 Pack
Car Phone Holder Magnetic
Dash Cam Front and Rear
Tire Pressure Gauge Digital
Jump Starter 2000A
Car Vacuum Cordless
Men's Running Shoes
Women's Yoga Pants High Waist
Winter Jacket Puffer
Wool Socks Hiking 6 Pairs
Baseball Cap Adjustable
Sterling Silver Hoop Earrings
Gold Chain Necklace 18k Plated
Watch for Men Chronograph
Sunglasses Polarized UV400
Wallet RFID Blocking Leather
Board Game for Families
Jigsaw Puzzle 1000 Pieces
LEGO Classic Bricks Box
Remote Control Car 4WD
Plush Teddy Bear 16 inch
Art Supplies Drawing Kit
Acrylic Paint Set 24 Colors
Sketchbook 9x12
Fountain Pen Set
Desk Organizer Bamboo
Label Maker Bluetooth
Paper Shredder Cross Cut
Office Chair Ergonomic
Standing Desk Converter
Monitor Arm Dual
Mechanical Keyboard RGB
Gaming Mouse Wireless
USB C Hub 7 in 1
External SSD 1TB
Smart Plug WiFi 4 Pack
Robot Vacuum Cleaner
Cordless Stick Vacuum
Instant Pot Duo 6 Quart
Blender for Smoothies
Knife Sharpener 4 Stage
Cutting Board Set Bamboo
Food Storage Containers Glass
Spice Rack Organizer
Kitchen Scale Digital
Meat Thermometer Instant Read
Wine Aerator Pourer
Cocktail Shaker Set 24oz
Ice Cube Trays Silicone
French Press Coffee Maker
Tea Kettle Electric
Matcha Green Tea Powder
Honey Raw Organic 16oz
Olive Oil Extra Virgin
Dark Chocolate Bar 85%
Trail Mix 3 lb
Dog Food Grain Free 30lb
Cat Treats Salmon
Fish Tank Filter
Hamster Cage Large
Horse Grooming Kit
Fishing Rod and Reel Combo
Camping Tent 4 Person
Sleeping Bag Cold Weather
Hiking Backpack 50L
Headlamp Rechargeable
Hammock with Tree Straps
Bike Helmet Adult
Kayak Paddle Aluminum
Golf Balls 12 Pack
Tennis Racket Graphite
Basketball Official Size
Soccer Ball Size 5
Dumbbells Adjustable 52.5 lbs
Kettlebell 35 lb
Pull Up Bar Doorway
Jump Rope Speed
Foam Roller High Density
Massage Gun Deep Tissue
Heating Pad Electric
Humidifier Cool Mist
Air Purifier HEPA
Essential Oils Set 6
Diffuser Ultrasonic 500ml
Bed Sheets Queen Size
Duvet Cover Set
Mattress Topper 3 inch
Blackout Curtains 2 Panels
Rug 5x7 Washable
Wall Clock Modern
Picture Frames Set
Mirror Full Length
Bookshelf 5 Tier
Shoe Rack 4 Tier
Laundry Basket Collapsible
Clothes Hangers Velvet 50
Iron Steam 1700W
Sewing Machine Beginner
Yarn Acrylic 10 Skeins
Crochet Hook Set
Glue Gun Mini with Sticks
Tool Set 148 Piece
Cordless Drill Driver Kit
Tape Measure 25ft
Level 24 inch Magnetic
Screwdriver Set Precision
Work Gloves Leather
Safety Glasses Clear
Extension Cord 25ft
Flashlight Tactical LED
Smoke Detector Battery Operated
Carbon Monoxide Detector
Fire Blanket for Kitchen
First Aid Kit 300 Pieces
Thermometer Forehead Digital
Hand Warmers Rechargeable
Reading Glasses 3 Pack
Contact Lens Solution 12oz
Denture Cleaner Tablets
Dental Floss Mint
Mouthwash Alcohol Free
Deodorant Aluminum Free
Shampoo and Conditioner Set
Beard Trimmer Cordless
Nail Clippers Set
Tweezers Precision
Hair Straightener Ceramic
Curling Iron 1 inch
Perfume Travel Atomizer
Body Lotion Shea Butter
Face Moisturizer SPF 30
Eye Cream Anti Aging
Lip Balm 6 Pack
Bath Bombs Gift Set 12
Soap Bars Natural
Loofah Sponge
Toothpaste Whitening
Diapers Size 3 120 Count
Baby Wipes 800 Count
Baby Bottles Anti Colic
Pacifiers 0-6 Months
Stroller Lightweight
Car Seat Covers Neoprene
High Chair Convertible
Crib Mattress Firm
Baby Carrier Ergonomic
Teething Toys
Kids Water Bottle
Lunch Box Insulated
School Backpack Girls
Crayons 64 Count
Colored Pencils 72
Glue Sticks 30 Pack
Scissors for Kids Safety
Calculator Scientific
Notebook College Ruled 5 Pack
Printer Paper 500 Sheets
Ink Cartridges Combo
Envelopes #10 500
Stapler Heavy Duty
Whiteboard 36x24
Bulletin Board Cork
Desk Lamp Architect
Power Strip Surge Protector
HDMI Cable 10ft
Phone Charger Fast 20W
Power Bank 10000mAh
Smart Watch Fitness Tracker
Bluetooth Speaker Waterproof
Soundbar with Subwoofer
Streaming Stick 4K
TV Wall Mount
Projector 1080p
Webcam 1080p with Mic
Ring Light 10 inch
Tripod for Phone
Microphone USB Condenser
Headphones Noise Cancelling
Record Player Vintage
Guitar Strings Acoustic
Ukulele Beginner Kit
Piano Keyboard 61 Key
Drum Sticks 5A
Harmonica Key of C
Sheet Music Stand
Camera Lens Cap 52mm
SD Card 128GB
Drone with Camera 4K
Telescope for Kids
Microscope Student
Chemistry Set Kids
Science Kit Volcano
Magnetic Tiles 100 Pcs
Playdough Set
Slime Kit
Squishmallow 12 inch
Barbie Dreamhouse
Hot Wheels 20 Car Pack
Nerf Foam Darts Refill
Water Balloons 500
Bubble Machine
Kite for Kids
Sidewalk Chalk 48
Pool Float Giant
Beach Umbrella 7ft
Cooler 45 Quart
Grill Brush
Charcoal Briquettes 16 lb
Pizza Stone
Smoker Wood Chips Hickory
BBQ Tools Set
Patio Furniture Set
Fire Pit Outdoor
Garden Gnome Statue
Planter Pots Set
Potting Soil 8 qt
Fertilizer All Purpose
Tomato Cages 6 Pack
Hose Nozzle 10 Pattern
Sprinkler Oscillating
Leaf Blower Cordless
Hedge Trimmer Electric
Snow Shovel Ergonomic
Ice Scraper for Car
Windshield Wiper Blades 2 Pack
Engine Oil 5W-30
Car Wax Liquid
Microfiber Towels 24
Seat Cushion Memory Foam
Steering Wheel Cover
Floor Mats All Weather
Trunk Organizer
Bike Lock U-Lock
Bike Lights Set
Skateboard Complete
Roller Skates Women
Scooter for Kids 3 Wheel
Trampoline 12ft
Swing Set Outdoor
Sandbox with Cover
Dollhouse Wooden
Train Set Wooden
Puzzle Mat
Chess Set Wooden
Playing Cards 12 Decks
Poker Chips Set 500
Dart Board Bristle
Ping Pong Paddles Set
Cornhole Boards
Frisbee Ultimate
""".strip().splitlines()


def test_everyday_products_are_never_flagged():
    assert len(ORDINARY) > 250
    report = lint([{"title": t} for t in ORDINARY])
    assert [ORDINARY[f.row - 2] for f in report.findings] == []  # header = row 1


def test_tiktok_uk_flags_only_blades_and_power_tools_among_everyday_products():
    report = lint([{"title": t} for t in ORDINARY], ["tiktok-shop-uk"])
    errors = sorted(ORDINARY[f.row - 2] for f in report.findings if f.severity is Severity.ERROR)
    assert errors == ["Cordless Drill Driver Kit", "Hedge Trimmer Electric"]
