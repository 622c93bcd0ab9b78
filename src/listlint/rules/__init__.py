"""The rules: one package per family, and the contract the engine drives them by.

::

    rules/
      base.py       Rule, CatalogRule, Hit, RuleContext: what every rule is (and a plugin writes)
      family.py     Family, FamilyRule, FamilyCatalogRule: what a family's rules share
      context.py    BatchContext: one batch and the analyses made of it
      registry.py   the families (FAMILIES), every rule by code, selectors, pack sections
      packs.py      policy packs loaded with every family's section
      data/ prohibited/ claims/ ip/ specs/ measures/   one family each

A family package holds its rules, its analysis, its base class and its policy-pack
section, and exposes ``FAMILY`` and ``RULES`` from its ``__init__``. Adding a family
(issue 23's pricing, category, images...) is one such package and one line in
:data:`listlint.rules.registry.FAMILIES`::

    rules/pricing/
      __init__.py   FAMILY = PricingFamily; RULES = [...]
      family.py     class PricingFamily(Family[Resources, Analysis]): name = "pricing",
                    section = ("pricing", PricingSection), build(), analyse(context)
                    class PricingRule(FamilyRule[PricingFamily, Analysis]): group, family_type
      rules.py      the rules: check(self, batch, analysis) -> Iterable[Hit]
      policy.py     PricingSection (pydantic, extra="forbid") and pricing_of(pack)

See :mod:`listlint.rules.family` for the contract and :mod:`listlint.rules.context` for
where a shared per-batch analysis (issue 16's product analysis) goes.
"""
