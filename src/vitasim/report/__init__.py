"""Edges: turning a SimulationResult into JSON, tables, CSV and plots."""
