"""Result codes and counter names of a solve, shared by every backend."""
from __future__ import annotations

from enum import IntEnum


class SolveStatus(IntEnum):
    """Per-person result code of a solve (``RawSolution.status``)."""

    OK = 0
    FAILED = 1          # step size underflow, a non-finite state or a backend error
    SINGULAR = 2        # the implicit method's matrix could not be factorised


#: Names of the columns of ``RawSolution.stats`` (per person counters).
STAT_NAMES = ("steps", "rejected", "rhs_evaluations", "jacobians", "failures")
