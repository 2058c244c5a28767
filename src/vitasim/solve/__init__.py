"""Solvers: compile a System and integrate a :class:`Problem` (knows nothing of vitamins)."""
from vitasim.solve.population_path import solve_population
from vitasim.solve.problem import Problem, RawSolution
from vitasim.solve.reference_path import solve_reference

SOLVERS = {"population": solve_population, "reference": solve_reference}

__all__ = ["Problem", "RawSolution", "SOLVERS", "solve_population", "solve_reference"]
