"""Find the states a solver can integrate exactly: linear first-order decay, fed by nothing.

A state ``x`` whose equation is ``dx/dt = -k * x``, with ``k`` built from per-person
parameters only (no state, no time), changes between two dose events as
``x(t) = x(t_s) * exp(-k (t - t_s))``: a first-order absorption depot (gut, subcutaneous
depot) is the typical case; doses only make it jump.  The explicit pass then writes the exact
value at every stage instead of integrating it, and leaves it out of the error norm, so its
steps follow what the other states need (Rowland & Tozer, *Clinical Pharmacokinetics*, ch. 4:
first-order absorption).

The test is on the equations' text (through the intermediates they use), never on names: the
expression must be homogeneous linear in the state itself (a sum of terms each linear in ``x``,
with coefficients from parameters and numbers only).  The rate ``k`` is not computed here:
the compiled solver reads it per person as ``-f(x = 1)``.
"""
from __future__ import annotations

import ast

from vitasim.model import System
from vitasim.model.expressions import parse

_CONST, _LIN, _ZERO = "const", "lin", "zero"


class _NotLinear(Exception):
    """The expression is not homogeneous linear in the state."""


def _kind(node: ast.AST, state: str, inter: dict[str, str], states: set[str]) -> str:
    """_ZERO (the number 0), _CONST (no state), _LIN (c * state) or raise _NotLinear."""
    if isinstance(node, ast.Expression):
        return _kind(node.body, state, inter, states)
    if isinstance(node, ast.Constant):
        return _ZERO if node.value == 0 else _CONST
    if isinstance(node, ast.Name):
        if node.id == state:
            return _LIN
        if node.id in states:
            raise _NotLinear(node.id)
        if node.id in inter:
            return _kind(parse(inter[node.id]), state, inter, states)
        return _CONST
    if isinstance(node, ast.UnaryOp):
        return _kind(node.operand, state, inter, states)
    if isinstance(node, ast.Call):
        if any(_kind(a, state, inter, states) != _CONST for a in node.args):
            raise _NotLinear("a function of the state")
        return _CONST
    if isinstance(node, ast.BinOp):
        a = _kind(node.left, state, inter, states)
        b = _kind(node.right, state, inter, states)
        if isinstance(node.op, (ast.Add, ast.Sub)):
            kinds = {a, b} - {_ZERO}
            if kinds == {_LIN}:
                return _LIN
            if kinds <= {_CONST}:
                return _CONST if kinds else _ZERO
            raise _NotLinear("an offset")  # c * x + d: not fed by doses only
        if isinstance(node.op, ast.Mult):
            if _ZERO in (a, b):
                return _ZERO
            if a == _LIN and b == _LIN:
                raise _NotLinear("a product of the state")
            return _LIN if _LIN in (a, b) else _CONST
        if isinstance(node.op, ast.Div):
            if b != _CONST:
                raise _NotLinear("a division by the state")
            return a
        if isinstance(node.op, ast.Pow):
            if a == _CONST and b == _CONST:
                return _CONST
            raise _NotLinear("a power of the state")
    raise _NotLinear(type(node).__name__)


def is_linear_decay(system: System, state: str) -> bool:
    """True if ``d state/dt`` is ``-k * state`` with ``k`` from parameters only."""
    inter = {x.name: x.expr for x in system.intermediates}
    try:
        return _kind(parse(system.equations[state]), state, inter, set(system.snames)) == _LIN
    except _NotLinear:
        return False


def exact_states(system: System, among: tuple[int, ...] | list[int] | None = None) -> tuple[int, ...]:
    """Indices (sorted) of the states, among ``among`` (default all), that decay linearly on
    their own (see :func:`is_linear_decay`)."""
    pool = range(len(system.states)) if among is None else among
    return tuple(sorted(i for i in pool if is_linear_decay(system, system.snames[i])))
