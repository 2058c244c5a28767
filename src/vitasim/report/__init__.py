"""Edges: a Solution or a PlanResult as JSON (contract.py), tables and CSV, plots, text and HTML."""
