"""Rule family ``prohibited``: products a marketplace bans (PR101) or restricts (PR102).

Both rules report the family's per-batch analysis (:mod:`listlint.rules.prohibited.family`),
each with its own code.
"""

from __future__ import annotations

from listlint.report import Severity
from listlint.rules.base import Rule
from listlint.rules.prohibited.family import ProhibitedRule


class ProhibitedProduct(ProhibitedRule):
    """A product that a selected marketplace prohibits outright: weapons, drugs and
    psychoactive plants, nicotine and vapes, recalled or banned-unsafe goods, wildlife
    products, counterfeit money, jammers, hate symbols... (61 categories, ~1,250 terms in
    ``wordlists/prohibited/terms.tsv``; each pack in ``policies/`` says per category whether
    its marketplace prohibits, restricts or allows it).

    Why:
        Listing a prohibited item gets the listing removed and the account suspended. One
        finding per listing and category names every selected marketplace that bans it, with
        the strictest severity. Policy pages: TikTok Shop
        https://seller-us.tiktok.com/university/essay?knowledge_id=1399532709988097 ,
        Amazon https://sellercentral.amazon.com/help/hub/reference/external/G200164330 ,
        Google https://support.google.com/merchants/answer/6150004 , eBay
        https://www.ebay.com/help/policies/prohibited-restricted-items/prohibited-restricted-items?id=4207

    Fails:
        title: "Kratom Capsules Maeng Da 500mg"
        title: "Sw1tchblade automatic pocket knife"      (disguised spelling)
        title: "Chef Knife 8 inch", category: "Kitchen"  (only with --policy tiktok-shop-uk)

    Passes:
        title: "Hot Glue Gun 60W with 20 Glue Sticks"
        title: "Ivory White Percale Sheet Set"
        title: "Lavender Bath Bomb Gift Set"
        title: "Chef Knife 8 inch", category: "Kitchen"  (base, amazon-us)

    Options:
        Severity and verdicts come from the policy packs (``prohibited.categories.<id>``:
        status, severity, message, source, last_checked, allowed_in, terms, patterns);
        ``--severity PR101=warning`` overrides them.
    """

    code = "PR101"
    name = "prohibited-product"
    severity = Severity.ERROR
    summary = "Product a selected marketplace prohibits (weapons, drugs, nicotine, recalled...)"


class RestrictedProduct(ProhibitedRule):
    """A product that the selected marketplaces allow only with approval, documents or
    conditions: alcohol on Amazon, medical devices, pesticides, restricted supplement
    ingredients, hidden cameras, mystery boxes, dangerous goods on TikTok Shop (info).

    Why:
        Restricted products are removed unless the seller is approved (TikTok Shop
        qualification, Amazon category approval, Google certification). Listing them before
        approval risks the account. Restricted products policy:
        https://seller-us.tiktok.com/university/essay?knowledge_id=3238037484275457

    Fails:
        title: "Digital Blood Pressure Monitor"
        title: "Cabernet Sauvignon 2019 750ml", with --policy amazon-us

    Passes:
        title: "Wine Glass Set of 4"
        title: "Arm Cuff Cover for Blood Pressure Monitor"

    Options:
        When any selected marketplace prohibits the category the finding is PR101 instead,
        naming the marketplaces that only restrict it in the same message.
    """

    code = "PR102"
    name = "restricted-product"
    severity = Severity.WARNING
    summary = "Product a selected marketplace allows only with approval or documents"


RULES: list[type[Rule]] = [ProhibitedProduct, RestrictedProduct]
