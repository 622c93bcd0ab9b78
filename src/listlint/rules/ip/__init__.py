"""Brand index, counterfeit signal phrases and the per-batch brand analysis (issue 5)."""
