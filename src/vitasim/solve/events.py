"""The one rule for dose events and output times, and the one loop that follows it.

The rule: integrate to each distinct time that is an output time or a dose time (up to the last
output time); at that time record the outputs *first*, then give the doses due then.  So an
output at a dose time is the trough, before that dose.

:func:`event_plan` writes the rule down once as data (the same for every person of a problem);
every solver walks it: the compiled loop of :func:`make_event_loop`, the scipy reference path,
libroadrunner.
"""
from __future__ import annotations

from typing import NamedTuple

import numpy as np

from vitasim.solve.namespace import jit_for


class EventPlan(NamedTuple):
    """Stops in time order; at stop k, outputs ``[out_end[k-1], out_end[k])`` are recorded, then
    doses ``[ev_end[k-1], ev_end[k])`` are given (indices into the sorted t_out and ev_t)."""

    t: np.ndarray        # (S,) float64, strictly increasing
    out_end: np.ndarray  # (S,) int64
    ev_end: np.ndarray   # (S,) int64

    @property
    def start(self) -> float:
        """Where integration starts: the first output or dose time."""
        return float(self.t[0]) if self.t.size else 0.0

    def steps(self):
        """(time, output indices, dose indices) per stop, for loops written in Python."""
        lo_o = lo_e = 0
        for k, t in enumerate(self.t):
            yield float(t), range(lo_o, int(self.out_end[k])), range(lo_e, int(self.ev_end[k]))
            lo_o, lo_e = int(self.out_end[k]), int(self.ev_end[k])


def event_plan(t_out: np.ndarray, ev_t: np.ndarray) -> EventPlan:
    """The stops for outputs at ``t_out`` and doses at ``ev_t`` (both sorted, hours).

    Doses after the last output time change nothing that is recorded and are left out.
    """
    t_out = np.asarray(t_out, dtype=np.float64)
    ev_t = np.asarray(ev_t, dtype=np.float64)
    if t_out.size == 0:
        empty = np.zeros(0, dtype=np.int64)
        return EventPlan(np.zeros(0), empty, empty)
    times = np.union1d(t_out, ev_t[ev_t <= t_out[-1]])
    return EventPlan(times, np.searchsorted(t_out, times, side="right").astype(np.int64),
                     np.searchsorted(ev_t, times, side="right").astype(np.int64))


def make_event_loop(actions):
    """The compiled loop over an :class:`EventPlan` for one kind of pass.

    ``actions`` is a namespace module (see :mod:`vitasim.solve.namespace`) with three compiled
    functions over a context tuple ``ctx``: ``advance(t, t_next, ctx) -> int`` (0, or a
    :class:`~vitasim.solve.protocol.SolveStatus` code on failure), ``observe(t, io, ctx)`` (record
    output ``io``) and ``dose(t, lo, hi, ctx)`` (give doses lo..hi-1).  ``run(plan, t0, ctx)``
    returns (status, number of outputs recorded).
    """
    @jit_for(actions)
    def run(plan_t, out_end, ev_end, t0, ctx):
        t = t0
        io = 0
        ie = 0
        for k in range(plan_t.shape[0]):
            tk = plan_t[k]
            if tk > t:
                code = actions.advance(t, tk, ctx)
                if code != 0:
                    return code, io
                t = tk
            while io < out_end[k]:
                actions.observe(t, io, ctx)
                io += 1
            if ev_end[k] > ie:
                actions.dose(t, ie, ev_end[k], ctx)
                ie = ev_end[k]
        return 0, io

    return run
