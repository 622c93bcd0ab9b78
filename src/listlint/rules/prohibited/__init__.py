"""Prohibited and restricted products: vocabulary, per-batch evidence, per-marketplace verdicts.

* :mod:`~listlint.rules.prohibited.vocab` reads ``wordlists/prohibited/`` (terms per category, benign
  contexts, context words, accessory nouns) and pack additions into one automaton;
* :mod:`~listlint.rules.prohibited.evidence` scores each listing per category from the fields the
  terms were found in (category and title count more than a long description);
* :mod:`~listlint.rules.prohibited.verdict` asks every selected policy pack what it does with each
  category and merges the answers into one finding per listing and category.
"""
