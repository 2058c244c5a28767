"""Dimensional analysis of expressions, and the dimension check at assembly.

Every d(state)/dt must have the dimension of its state per hour; a unit broken on purpose in a
registered module fails assembly with a message naming the module, the state and both dimensions.
"""
import re
from dataclasses import replace

import pytest

from vitasim import physiology
from vitasim.errors import ModelDefinitionError
from vitasim.model import LiteralUnit, Module, Parameter, State, assemble
from vitasim.model.dimensions import DIMENSIONLESS, DimensionError, dimension, show
from vitasim.units import dimensionality as dim

DIMS = {"k": dim("1/h"), "x": dim("nmol"), "v": dim("L"), "g": dim("1"), "c": dim("nmol/L")}


@pytest.mark.parametrize("expr,unit", [
    ("-k * x", "nmol/h"),
    ("x / v", "nmol/L"),
    ("x / v - c", "nmol/L"),
    ("max(x / v, 0)", "nmol/L"),            # 0 has every dimension
    ("min(c, x / v, c)", "nmol/L"),
    ("(x / v) ** 2", "nmol**2/L**2"),
    ("c ** -1", "L/nmol"),
    ("sqrt(c * c)", "nmol/L"),
    ("exp(-k * v / v * 0) * x", "nmol"),
    ("log(c / c) + g ** g", "1"),
    ("x * 24 / 1000", "nmol"),              # numbers are scale factors
    ("abs(-c)", "nmol/L"),
])
def test_dimension_of_consistent_expressions(expr, unit):
    assert dimension(expr, DIMS) == dim(unit)


@pytest.mark.parametrize("expr,message", [
    ("x + k", "'x + k' mixes [substance] and 1 / [time]"),
    ("exp(x)", "exp() of 'x'"),
    ("log(c)", "log() of 'c'"),
    ("x ** g", "non-constant power"),
    ("g ** k", "exponent 'k' has dimension 1 / [time]"),
    ("min(c, 1)", "mixes"),
    ("max(x, c)", "mixes"),
    ("c - x / v * k", "mixes"),
])
def test_dimension_errors_say_where(expr, message):
    with pytest.raises(DimensionError, match=re.escape(message)):
        dimension(expr, DIMS)


def test_literal_with_declared_unit():
    assert dimension("0.693 * x", DIMS, {0.693: dim("1/h")}) == dim("nmol/h")
    assert dimension("0.693 * x", DIMS) == dim("nmol")


def test_show():
    assert show(DIMENSIONLESS) == "dimensionless"
    assert show(dim("nmol/h")) == "[substance] / [time]"
    assert show(dim("L/pmol")) == "[length] ** 3 / [substance]"


# ---- at assembly -------------------------------------------------------------------------------

def _one(equation: str, unit: str = "nmol", k_unit: str = "1/h", initial: str = "0", **kw) -> Module:
    return Module("m", "test", (Parameter("k", 0.1, k_unit, "vitasim_gap", "rate"),),
                  (State("x", unit, "amount", initial),), {"x": equation}, **kw)


def test_equation_with_the_state_per_hour_assembles():
    assemble(_one("-k * x"))


def test_equation_with_a_wrong_dimension_fails_naming_module_state_and_dimensions():
    with pytest.raises(ModelDefinitionError) as err:
        assemble(_one("-k * x", k_unit="1/L"))
    text = str(err.value)
    assert "module m" in text and "d(x)/dt" in text
    assert "[substance] / [length] ** 3" in text       # what the equation has
    assert "[substance] / [time]" in text              # what it must have


def test_inconsistent_sum_in_an_equation_fails():
    with pytest.raises(ModelDefinitionError, match=r"module m: d\(x\)/dt .* mixes"):
        assemble(_one("-k * x + k"))


def test_initial_value_dimension_is_checked():
    with pytest.raises(ModelDefinitionError, match="initial value of x"):
        assemble(_one("-k * x", initial="k"))
    assemble(_one("-k * x", initial="5"))  # a number is a value in the state's unit


def test_literal_units_are_applied_and_must_exist():
    assemble(_one("-0.693 * x", literal_units=(LiteralUnit("x", 0.693, "1/h", "ln 2 per hour"),)))
    with pytest.raises(ModelDefinitionError, match="mixes|dimension"):
        assemble(_one("-0.693 * x - k * x"))
    with pytest.raises(ModelDefinitionError, match="no such number"):
        assemble(_one("-k * x", literal_units=(LiteralUnit("x", 0.693, "1/h", "ln 2 per hour"),)))


def test_every_declared_unit_must_parse():
    with pytest.raises(ModelDefinitionError, match="module m: parameter k: unit 'furlong/fortnite'"):
        assemble(_one("-k * x", k_unit="furlong/fortnite"))
    with pytest.raises(ModelDefinitionError, match="state x"):
        assemble(_one("-k * x", unit="nmol per per L"))


def _broken(module_name: str, param: str, unit: str) -> tuple[Module, ...]:
    mods = []
    for m in physiology.modules():
        if m.name == module_name:
            params = tuple(replace(p, unit=unit) if p.name == param else p for p in m.parameters)
            assert params != m.parameters
            m = replace(m, parameters=params)
        mods.append(m)
    return tuple(mods)


@pytest.mark.parametrize("module_name,param,unit,state", [
    ("calcium_bone", "cb_T69", "1/d/L", "cb_B"),       # calcitriol degradation rate made per litre
    ("vitamin_d", "ka_d", "L/h", "d3_gut"),             # absorption rate made a clearance
    ("vitamin_k", "k_ka", "1", "k1_gut"),               # a rate made dimensionless
])
def test_breaking_a_unit_in_a_registered_module_fails_assembly(module_name, param, unit, state):
    with pytest.raises(ModelDefinitionError) as err:
        assemble(*_broken(module_name, param, unit))
    text = str(err.value)
    assert f"module {module_name}" in text and f"d({state})/dt" in text, text
    assert "must have dimension" in text or "mixes" in text, text


def test_registered_modules_pass_the_dimension_check_alone_and_together():
    for m in physiology.modules():
        assemble(m)
    assemble(*physiology.modules())


def test_output_dimension_and_display_unit_are_checked():
    from vitasim.model import Output
    ok = Output("conc", "x / v", "nmol/L", "concentration", "cholecalciferol", "ng/mL")
    v = Parameter("v", 10.0, "L", "vitasim_gap", "volume")
    base = _one("-k * x")
    assemble(replace(base, parameters=base.parameters + (v,), outputs=(ok,)))
    wrong = replace(ok, unit="nmol")
    with pytest.raises(ModelDefinitionError, match="output conc = 'x / v' has dimension"):
        assemble(replace(base, parameters=base.parameters + (v,), outputs=(wrong,)))
    no_compound = replace(ok, compound=None)
    with pytest.raises(ModelDefinitionError, match="cannot be shown in 'ng/mL'"):
        assemble(replace(base, parameters=base.parameters + (v,), outputs=(no_compound,)))


def test_calcium_absorbed_reads_its_molar_mass_literal_in_g_per_mol():
    from vitasim.physiology.calcium_bone import module
    lits = {(lit.where, lit.value): lit.unit for lit in module.MODULE.literal_units}
    assert lits[("calcium_absorbed", 40.078)] == "g/mol"
    assert lits[("cb_SC", 0.693)] == "1/h"
    without = replace(module.MODULE, literal_units=tuple(
        lit for lit in module.MODULE.literal_units if lit.where != "calcium_absorbed"))
    with pytest.raises(ModelDefinitionError, match="output calcium_absorbed"):
        assemble(without)
