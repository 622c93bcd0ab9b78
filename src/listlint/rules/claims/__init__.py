"""Health-claims analysis (rule family ``claims``, codes HC1xx).

Modules: :mod:`vocab` (wordlists/claims), :mod:`textmap` (matching form with a map back to
the seller's text), :mod:`category` (product groups), :mod:`analysis` (gate, prefilter,
batching), :mod:`pipeline` (spaCy, loaded lazily), :mod:`grammar` (claim patterns), :mod:`clause` (verbs, negation, government),
:mod:`verdicts` (which words count for which product group and rule),
:mod:`messages` (wording of findings). Importing this package does not import spaCy.
"""
