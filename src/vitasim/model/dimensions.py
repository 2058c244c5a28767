"""Dimensional analysis of model expressions: a wrong unit is a safety bug, so it fails assembly.

The dimension of an expression is propagated symbolically over its syntax tree (the same safe
language as :mod:`vitasim.model.expressions`): each name has the dimension of its declared unit,
``* / **`` combine dimensions, ``+ -`` and ``min``/``max``/``abs`` need equal dimensions,
``exp``/``log`` need a dimensionless argument, ``sqrt`` halves the exponents.  A dimensional
base may only be raised to a constant power.  Only dimensions are compared, not scale: ``h``
and ``d`` are both ``[time]``, so ``t_half_d * 24`` is a time, whatever the factor.

A number written in an expression is dimensionless (a scale factor), except ``0``, which has
every dimension (``max(x, 0)``), and the literals a module declares in ``literal_units``: the
SBML-derived calcium model writes some constants with hidden units (``0.693`` for ln 2 per
hour), and declaring them keeps the rest of the expression checked.
"""
from __future__ import annotations

import ast
from collections.abc import Mapping

from pint.util import UnitsContainer

from vitasim.model import expressions

DIMENSIONLESS = UnitsContainer()
ANY = None  # the dimension of a literal 0: compatible with every dimension


class DimensionError(ValueError):
    """An expression whose dimensions do not combine; the message says where and which."""


def show(dim: UnitsContainer | None) -> str:
    """A dimension as text: ``[substance] / [time]``, ``dimensionless``."""
    if dim is None:
        return "any"
    if not dim:
        return "dimensionless"
    up = [f"{k}" + (f" ** {v:g}" if v != 1 else "") for k, v in dim.items() if v > 0]
    down = [f"{k}" + (f" ** {-v:g}" if v != -1 else "") for k, v in dim.items() if v < 0]
    text = " * ".join(up) or "1"
    return text + "".join(f" / {d}" for d in down)


class _Evaluator:
    def __init__(self, dims: Mapping[str, UnitsContainer], literals: Mapping[float, UnitsContainer]) -> None:
        self.dims, self.literals = dims, literals

    def __call__(self, node: ast.AST) -> UnitsContainer | None:
        method = getattr(self, f"_{type(node).__name__}")
        return method(node)

    def _Expression(self, node: ast.Expression) -> UnitsContainer | None:
        return self(node.body)

    def _Constant(self, node: ast.Constant) -> UnitsContainer | None:
        if node.value == 0:
            return ANY
        return self.literals.get(float(node.value), DIMENSIONLESS)

    def _Name(self, node: ast.Name) -> UnitsContainer:
        return self.dims[node.id]

    def _UnaryOp(self, node: ast.UnaryOp) -> UnitsContainer | None:
        return self(node.operand)

    def _same(self, a: UnitsContainer | None, b: UnitsContainer | None, what: str) -> UnitsContainer | None:
        if a is ANY:
            return b
        if b is ANY or a == b:
            return a
        raise DimensionError(f"{what} mixes {show(a)} and {show(b)}")

    def _BinOp(self, node: ast.BinOp) -> UnitsContainer | None:
        left, right = self(node.left), self(node.right)
        if isinstance(node.op, (ast.Add, ast.Sub)):
            op = "+" if isinstance(node.op, ast.Add) else "-"
            return self._same(left, right, f"'{ast.unparse(node.left)} {op} {ast.unparse(node.right)}'")
        if left is ANY or right is ANY:
            return ANY if not isinstance(node.op, ast.Pow) else left
        if isinstance(node.op, ast.Mult):
            return left * right
        if isinstance(node.op, ast.Div):
            return left / right
        if right != DIMENSIONLESS:
            raise DimensionError(f"exponent '{ast.unparse(node.right)}' has dimension {show(right)}")
        if left == DIMENSIONLESS:
            return DIMENSIONLESS
        exponent = _constant(node.right)
        if exponent is None:
            raise DimensionError(f"'{ast.unparse(node.left)}' ({show(left)}) is raised to the non-constant "
                                 f"power '{ast.unparse(node.right)}'")
        return left ** exponent

    def _Call(self, node: ast.Call) -> UnitsContainer | None:
        name = node.func.id  # type: ignore[attr-defined]
        args = [self(a) for a in node.args]
        if name in ("exp", "log"):
            if args[0] not in (ANY, DIMENSIONLESS):
                raise DimensionError(f"{name}() of '{ast.unparse(node.args[0])}', which has dimension {show(args[0])}")
            return DIMENSIONLESS
        if name == "sqrt":
            return ANY if args[0] is ANY else args[0] ** 0.5
        out = args[0]
        for arg in args[1:]:
            out = self._same(out, arg, f"'{ast.unparse(node)}'")
        return out


def _constant(node: ast.AST) -> float | None:
    """The value of a (signed) numeric literal, else None."""
    if isinstance(node, ast.Constant):
        return float(node.value)
    if isinstance(node, ast.UnaryOp) and isinstance(node.operand, ast.Constant):
        return -float(node.operand.value) if isinstance(node.op, ast.USub) else float(node.operand.value)
    return None


def dimension(text: str, dims: Mapping[str, UnitsContainer],
              literals: Mapping[float, UnitsContainer] | None = None) -> UnitsContainer | None:
    """The dimension of expression ``text`` given each name's dimension (None: a bare 0, any).

    ``literals`` gives the dimension of numbers written with a hidden unit.  Raises
    DimensionError when the dimensions do not combine.
    """
    return _Evaluator(dims, literals or {})(expressions.parse(text))
