"""The safe expression language: what parse() accepts, names() and render()."""
import ast

import pytest

from vitasim.errors import ModelDefinitionError
from vitasim.model import expressions
from vitasim.model.expressions import names, parse, render


@pytest.mark.parametrize("text", [
    "1",
    "2.5e-3",
    "x",
    "a + b - c * d / e",
    "a ** 2",
    "-x + (+y)",
    "exp(-k * t) * log(2) / sqrt(v)",
    "min(a, b) + max(a, 0) + abs(-c)",
    "ka * d3_gut - cl / v * x",
])
def test_parse_accepts_arithmetic_and_whitelisted_functions(text):
    tree = parse(text)
    assert isinstance(tree, ast.Expression)


def test_whitelist_is_exactly_the_documented_functions():
    assert expressions.FUNCTIONS == {"exp", "log", "sqrt", "min", "max", "abs"}


@pytest.mark.parametrize("text", [
    "a.b",                      # attribute access
    "math.exp(x)",              # attribute call
    "os.system(1)",
    "__import__(1)",            # call to a non-whitelisted function
    "eval(x)",
    "sin(x)",
    "exp(x=1)",                 # keywords are not allowed
    "(lambda x: x)(1)",         # lambda
    "lambda x: x",
    "a < b",                    # comparisons
    "a == b",
    "0 <= a <= 1",
    "a and b",                  # boolean operators
    "not a",
    "x if y else z",
    "x[0]",
    "(x, y)",
    "'text'",
    "a // b",
    "a % b",
    "a @ b",
    "~a",
    "1j",
])
def test_parse_rejects_everything_outside_the_language(text):
    with pytest.raises(ModelDefinitionError):
        parse(text)


def test_parse_syntax_error_is_model_definition_error():
    with pytest.raises(ModelDefinitionError, match="cannot parse"):
        parse("a +")


def test_names_lists_free_symbols_without_function_names():
    assert names("exp(-k * t) * dose / v + max(a, 0)") == frozenset({"k", "t", "dose", "v", "a"})
    assert names("2 * 3") == frozenset()
    assert names("x") == frozenset({"x"})
    assert isinstance(names("x"), frozenset)


def test_names_rejects_bad_expression():
    with pytest.raises(ModelDefinitionError):
        names("a.b + c")


def test_render_default_is_fully_parenthesised_python():
    assert render("a ** 2 + exp(-b)") == "((a ** 2.0) + exp((-b)))"


def test_render_pow_op_caret():
    assert render("a ** 2 + exp(-b)", pow_op="^") == "((a ^ 2.0) + exp((-b)))"
    assert "**" not in render("(x / y) ** (1 / 3)", pow_op="^")
    assert render("(x / y) ** 0.5", pow_op="^") == "((x / y) ^ 0.5)"


def test_render_maps_names_and_functions():
    out = render("k * x - log(y)", name_map={"k": "p[0]", "x": "y[1]"}, func_map={"log": "math.log"})
    assert out == "((p[0] * y[1]) - math.log(y))"


def test_render_is_numerically_equivalent():
    import math
    text = "a ** 2 - exp(-b) / sqrt(c) + min(a, b) * max(b, c) - abs(-a) + log(c)"
    env = {"a": 1.7, "b": 0.3, "c": 2.5, "exp": math.exp, "sqrt": math.sqrt, "log": math.log,
           "min": min, "max": max, "abs": abs}
    assert eval(render(text), env) == pytest.approx(eval(text, env), rel=1e-15)
