"""Safe arithmetic expressions: the language module equations are written in.

An equation is a Python-syntax string such as ``"ka * d3_gut - cl / v * x"``.  We parse it
with :mod:`ast` and accept only numbers, names, ``+ - * / **``, unary minus and a short list
of functions, so that the same text can be turned into numba code, numpy code, sympy and
Antimony (for libroadrunner) without surprises.
"""
from __future__ import annotations

import ast
from functools import lru_cache

from vitasim.errors import ModelDefinitionError

FUNCTIONS: frozenset[str] = frozenset({"exp", "log", "sqrt", "min", "max", "abs"})
_BINOPS = (ast.Add, ast.Sub, ast.Mult, ast.Div, ast.Pow)
_UNARY = (ast.USub, ast.UAdd)


@lru_cache(maxsize=None)
def parse(text: str) -> ast.Expression:
    """Parse and validate one expression; raise ModelDefinitionError if it leaves the language."""
    try:
        tree = ast.parse(text, mode="eval")
    except SyntaxError as exc:
        raise ModelDefinitionError(f"cannot parse expression {text!r}: {exc.msg}") from None
    for node in ast.walk(tree):
        if isinstance(node, (ast.Expression, ast.Load, *_BINOPS, *_UNARY)):
            continue
        if isinstance(node, ast.BinOp) and isinstance(node.op, _BINOPS):
            continue
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, _UNARY):
            continue
        if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)) and not isinstance(node.value, bool):
            continue
        if isinstance(node, ast.Name):
            continue
        if isinstance(node, ast.Call):
            if not isinstance(node.func, ast.Name) or node.func.id not in FUNCTIONS or node.keywords:
                raise ModelDefinitionError(f"only {sorted(FUNCTIONS)} may be called, in {text!r}")
            continue
        raise ModelDefinitionError(f"{type(node).__name__} is not allowed in expression {text!r}")
    return tree


def names(text: str) -> frozenset[str]:
    """The free symbol names an expression reads (function names excluded)."""
    tree = parse(text)
    called = {n.func.id for n in ast.walk(tree) if isinstance(n, ast.Call)}
    return frozenset(n.id for n in ast.walk(tree) if isinstance(n, ast.Name)) - called


class _Renderer(ast.NodeVisitor):
    """Render an expression with a caller-chosen spelling of names, functions and powers."""

    def __init__(self, name_map: dict[str, str], func_map: dict[str, str], pow_op: str) -> None:
        self.name_map, self.func_map, self.pow_op = name_map, func_map, pow_op

    def visit_Expression(self, node: ast.Expression) -> str:
        return self.visit(node.body)

    def visit_Constant(self, node: ast.Constant) -> str:
        return repr(float(node.value))

    def visit_Name(self, node: ast.Name) -> str:
        return self.name_map.get(node.id, node.id)

    def visit_UnaryOp(self, node: ast.UnaryOp) -> str:
        sign = "-" if isinstance(node.op, ast.USub) else "+"
        return f"({sign}{self.visit(node.operand)})"

    def visit_BinOp(self, node: ast.BinOp) -> str:
        op = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/", ast.Pow: self.pow_op}[type(node.op)]
        return f"({self.visit(node.left)} {op} {self.visit(node.right)})"

    def visit_Call(self, node: ast.Call) -> str:
        fname = self.func_map.get(node.func.id, node.func.id)
        return f"{fname}({', '.join(self.visit(a) for a in node.args)})"


def render(text: str, *, name_map: dict[str, str] | None = None,
           func_map: dict[str, str] | None = None, pow_op: str = "**") -> str:
    """Re-spell an expression for a target language (numba, numpy, Antimony)."""
    return _Renderer(name_map or {}, func_map or {}, pow_op).visit(parse(text))
