"""Analyses shared by the ``specs`` rule family (issue 6): attribute lookup across a
catalogue's columns, per-pack requirements, variant signatures and text measures."""
