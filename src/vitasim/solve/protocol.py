"""The contract between ``simulate`` and any integrator: a :class:`Solver` turns a
:class:`~vitasim.solve.problem.Problem` (arrays only) into a :class:`~vitasim.solve.problem.RawSolution`.

Every backend (the scipy reference path, the compiled population path, libroadrunner, a future
GPU path) implements the same protocol and is registered by name, so ``simulate`` and the
planner never know which one ran.
"""
from __future__ import annotations

from enum import IntEnum
from typing import Callable, Protocol, runtime_checkable

from vitasim.solve.problem import Problem, RawSolution


class SolveStatus(IntEnum):
    """Per-person result code of a solve (``RawSolution.status``)."""

    OK = 0
    FAILED = 1          # step size underflow, a non-finite state or a backend error
    SINGULAR = 2        # the implicit method's matrix could not be factorised


#: Names of the columns of ``RawSolution.stats`` (per person counters).
STAT_NAMES = ("steps", "rejected", "rhs_evaluations", "jacobians", "failures")


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
    """A solver by registered name, with options such as ``rtol``; KeyError if unknown."""
    return _REGISTRY[name](**options)
