"""Vitamin B12 (cobalamin): absorption, body store, serum B12, holoTC, MMA and deficiency risk."""
