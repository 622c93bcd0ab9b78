"""The measures family's analyses: columnar parsing of weights and dimensions, product
types with their plausible weights, unit mix-up explanations and robust outliers."""
