"""Text normalisation, phrase matching and the spaCy pipeline shared by rule families."""
