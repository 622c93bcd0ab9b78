"""The offplatform rules (OP101-OP104): contact details and links that take buyers off
the marketplace, one rule per kind so a shop can relax one (``--ignore OP102``)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from listlint.report import Severity
from listlint.rules.base import Hit, Rule
from listlint.rules.offplatform.family import OffplatformAnalysis, OffplatformRule

if TYPE_CHECKING:
    from listlint.batch import Batch
    from listlint.rules.offplatform.detect import Found


class ContactDetails(OffplatformRule):
    """A title, description or bullet point gives a phone number or an e-mail address.

    Why:
        Every covered marketplace keeps buyer and seller talking through its own
        messages: Amazon's detail-page rules forbid phone numbers and e-mail addresses,
        eBay removes contact details before a sale, TikTok Shop treats them as
        redirecting traffic. Numbers are read after a cue in the markets' languages
        ("call", "tel", "HP", "SĐT", "โทร", "电话", "☎"), in the international ``+CC``
        form, or in the North American ``(415) 555-0132`` form; addresses also when
        spelled out (``name [at] gmail [dot] com``). A number next to a messenger's
        name is OP103's. https://sellercentral.amazon.com/gp/help/external/200390640

    Fails:
        description: "Questions? Call us at (415) 555-0132"
        description: "Send your photos to portraits123@ gmail.com"
        description: "Info lebih lanjut no HP 0812-3456-7890"

    Passes:
        "Bosch 0-986-494-524 Brake Pad Set"   (a part number)
        "Pull-Up Bar 146-222 cm", "ISBN 978-0-306-40615-7", "2 @ $5 or 5 @ $10"
        manufacturer address "service@hoseco.de, +49 30 1234567" (not scanned: the EU
        GPSR requires contact details there)
    """

    code = "OP101"
    name = "contact-details"
    severity = Severity.ERROR
    summary = "Phone number or e-mail address in a title, description or bullet point"
    kinds = ("phone", "email")

    def describe(self, f: Found, what: str) -> str:
        return "a phone number" if f.kind == "phone" else "an e-mail address"

    def check(self, batch: Batch, analysis: OffplatformAnalysis) -> Iterable[Hit]:
        return self.hits_for(
            analysis, "", "remove it; buyers contact you through the marketplace's messages"
        )


class WebAddress(OffplatformRule):
    """A title, description or bullet point gives a web address (``https://...``,
    ``www...``, ``shopname.com``, a short link).

    Why:
        Links take buyers to pages the marketplace cannot check and to sales it does not
        handle: Amazon forbids website URLs on detail pages, eBay allows only links to
        its own pages, product videos and legally required information, Google's
        description must not link to a store, TikTok Shop calls it redirecting traffic.
        A bare ``name.com`` counts with a known ending; a link to another marketplace is
        OP104's, to a messenger OP103's; the listing's own brand ("Booking.com") is not a
        link. https://www.ebay.com/help/policies/listing-policies/links-policy?id=4248

    Fails:
        description: "See all colours at https://www.myshop.com/collections/mugs"
        description: "Always buy from petpalace.com to get the genuine product."
        description: "Size chart: bit.ly/3xYzAbc"

    Passes:
        "USB 3.0 Hub", "Learning ASP.NET and Node.js", "nuances.Top notes: ylang"
        brand "Booking.com", title "Booking.com Gift Card"
        --policy ebay: "See my other items: https://www.ebay.com/str/vintagefinds"
    """

    code = "OP102"
    name = "web-address"
    severity = Severity.WARNING
    summary = "Web address or link in a title, description or bullet point"
    kinds = ("link",)

    def describe(self, f: Found, what: str) -> str:
        return "a link to a social network" if f.platform else "a web address"

    def check(self, batch: Batch, analysis: OffplatformAnalysis) -> Iterable[Hit]:
        return self.hits_for(
            analysis, "", "remove it; put what the page says in the listing itself"
        )


class MessengerContact(OffplatformRule):
    """A listing asks buyers to contact the seller on a messenger or social network
    ("WhatsApp me", "DM on Instagram", "Line ID: shop99", "WeChat: abc_88", "Zalo
    0987 654 321", "Telegram @shop", ``wa.me/...``).

    Why:
        TikTok Shop's redirecting-traffic policy names exactly these ("Add me on XYZ
        Messenger to order", social media handles); Amazon and eBay forbid diverting
        buyers. A messenger's name counts with a handle or number next to it, after a
        call to contact ("message us on", "nhắn tin", "hubungi", "加我"), or used as a
        verb ("WhatsApp me"); a product that merely names it does not
        ("WhatsApp notifications", "Instagram-worthy", "Messenger Bag").
        https://seller-us.tiktok.com/university/essay?knowledge_id=7073362639816491

    Fails:
        description: "Add me on WhatsApp to order in bulk"
        description: "IG: @sweetcrumbs.bakery"
        description: "Liên hệ Zalo 0987 654 321"

    Passes:
        "Smartwatch with WhatsApp Notifications", "Line 6 Helix Footswitch Cap"
        "Canvas Messenger Bag", "This cake is as Instagrammable as it is tasty"
        --policy tiktok-shop-us: "Follow us on TikTok" (the marketplace itself)
    """

    code = "OP103"
    name = "messenger-contact"
    severity = Severity.WARNING
    summary = "Messenger or social-network handle, or a call to contact there"
    kinds = ("messenger",)

    def describe(self, f: Found, what: str) -> str:
        return f"a {f.platform} contact" if f.platform else "a messenger contact"

    def check(self, batch: Batch, analysis: OffplatformAnalysis) -> Iterable[Hit]:
        return self.hits_for(analysis, "", "remove it; buyers message you through the marketplace")


class OtherMarketplace(OffplatformRule):
    """A listing sends buyers to another marketplace ("Also available on Amazon", "Find us
    on Etsy", "Beli di Tokopedia", ``shopee.vn/...``, ``amzn.to/...``).

    Why:
        Amazon forbids calls to action that lead buyers to leave Amazon, eBay forbids
        mentioning or linking identical items for sale elsewhere, TikTok Shop forbids
        announcing that a product is available on another website. A marketplace's name
        counts after a redirect ("available on", "buy at", "visit our ... store", "beli
        di", "mua tại") or in a link; a compatible product does not ("Remote for Amazon
        Fire TV"), nor the marketplace the pack is for.
        https://sellercentral.amazon.com/gp/help/external/200386250

    Fails:
        description: "Also available on Amazon with Prime shipping."
        description: "Mua tại shopee.vn/myphamxinh"
        --policy amazon-us: "Also see my other items at ebay.com/usr/vintagefinds"

    Passes:
        "Amazon Rainforest Puzzle 1000 pcs", "Remote for Amazon Fire TV Stick"
        "Please contact us through Etsy Messages" (no redirect to buy)
    """

    code = "OP104"
    name = "other-marketplace"
    severity = Severity.WARNING
    summary = "Redirect or link to another marketplace"
    kinds = ("marketplace",)

    def describe(self, f: Found, what: str) -> str:
        return f"a redirect to {f.platform}" if f.platform else "a redirect to another marketplace"

    def check(self, batch: Batch, analysis: OffplatformAnalysis) -> Iterable[Hit]:
        return self.hits_for(
            analysis, "", "remove it; sell this listing here, without pointing elsewhere"
        )


RULES: list[type[Rule]] = [ContactDetails, WebAddress, MessengerContact, OtherMarketplace]
