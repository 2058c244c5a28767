"""Solvers: compile a System and integrate a :class:`Problem` (knows nothing of vitamins).

Every backend implements :class:`~vitasim.solve.protocol.Solver` and is registered by name;
``get_solver(name, rtol=...)`` returns one: ``population`` (compiled, parallel over people),
``reference`` (scipy Radau per person), ``roadrunner`` (libroadrunner CVODE, optional).

Layout: :mod:`~vitasim.solve.codegen` writes a system's own functions as a module;
:mod:`~vitasim.solve.bind` binds them to the generic numerics, each its own module and tested
on its own: :mod:`~vitasim.solve.linalg` (dense and sparse LU), :mod:`~vitasim.solve.fdjac`
(coloured differences), :mod:`~vitasim.solve.dopri5`, :mod:`~vitasim.solve.rosenbrock`,
:mod:`~vitasim.solve.control` (error norm, first step), :mod:`~vitasim.solve.hermite` (step
record), :mod:`~vitasim.solve.events` (the rule for outputs and doses, and the loop),
:mod:`~vitasim.solve.passes` (the explicit, first-block and second-block passes).
"""
from dataclasses import dataclass

import numpy as np

from vitasim.solve.population_path import DEFAULT_RTOL as _POP_RTOL, solve_population
from vitasim.solve.problem import Problem, RawSolution
from vitasim.solve.protocol import STAT_NAMES, SolveStatus, Solver, get_solver, register, solver_names
from vitasim.solve.reference_path import DEFAULT_RTOL as _REF_RTOL, solve_reference
from vitasim.solve.roadrunner_path import RoadrunnerSolver


@dataclass(frozen=True)
class PopulationSolver:
    """The compiled population path (see :mod:`vitasim.solve.population_path`)."""

    rtol: float = _POP_RTOL
    dtype: type = np.float32
    method: str = "auto"
    split: bool = True
    name: str = "population"

    def solve(self, problem: Problem) -> RawSolution:
        return solve_population(problem, rtol=self.rtol, dtype=self.dtype, method=self.method, split=self.split)


@dataclass(frozen=True)
class ReferenceSolver:
    """scipy's Radau per person at a tight tolerance (see :mod:`vitasim.solve.reference_path`)."""

    rtol: float = _REF_RTOL
    method: str = "Radau"
    name: str = "reference"

    def solve(self, problem: Problem) -> RawSolution:
        return solve_reference(problem, rtol=self.rtol, method=self.method)


register("population", PopulationSolver)
register("reference", ReferenceSolver)
register("roadrunner", RoadrunnerSolver)  # needs the optional libroadrunner and antimony

__all__ = ["PopulationSolver", "Problem", "RawSolution", "ReferenceSolver", "RoadrunnerSolver", "STAT_NAMES",
           "SolveStatus", "Solver", "get_solver", "register", "solve_population", "solve_reference", "solver_names"]
