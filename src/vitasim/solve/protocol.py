"""The contract between ``simulate`` and any integrator: a :class:`Solver` turns a
:class:`~vitasim.solve.problem.Problem` (arrays only) into a :class:`~vitasim.solve.problem.RawSolution`.

Every backend (the scipy reference path, the compiled population path, libroadrunner, a future
GPU path) implements the same protocol and is registered by name, so ``simulate`` and the
planner never know which one ran.
"""
from __future__ import annotations

from typing import Callable, Protocol, runtime_checkable

from vitasim.solve.problem import Problem, RawSolution
from vitasim.solve.status import STAT_NAMES, SolveStatus

__all__ = ["STAT_NAMES", "SolveStatus", "Solver", "get_solver", "register", "solver_names"]


@runtime_checkable
class Solver(Protocol):
    """Integrates every person of a Problem; knows nothing about vitamins."""

    name: str
    rtol: float

    def solve(self, problem: Problem) -> RawSolution:
        """Values at ``problem.t_out`` of the kept outputs, in model units, for every person."""
        ...


_REGISTRY: dict[str, Callable[..., Solver]] = {}


def register(name: str, factory: Callable[..., Solver]) -> None:
    """Make a solver available to ``simulate(..., solver=name)``."""
    _REGISTRY[name] = factory


def solver_names() -> tuple[str, ...]:
    return tuple(_REGISTRY)


def get_solver(name: str, **options) -> Solver:
    """A solver by registered name, with options such as ``rtol``; KeyError (naming the known
    solvers) if unknown."""
    if name not in _REGISTRY:
        raise KeyError(f"unknown solver {name!r}; known: {', '.join(_REGISTRY)}")
    return _REGISTRY[name](**options)
