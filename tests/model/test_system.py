"""assemble(): consistency checks, intermediate ordering, and the provenance of every parameter."""
import pytest

from vitasim import physiology
from vitasim.errors import ModelDefinitionError
from vitasim.model import Covariate, Input, Intermediate, Module, Output, Parameter, State, Supplement, assemble
from vitasim.refs import references, split_keys


def P(name, value=1.0, unit="1/h", source="vitasim_gap", **kw):
    return Parameter(name, value, unit, source, f"test parameter {name}", **kw)


def mod(name="m", parameters=None, states=None, equations=None, **kw):
    return Module(
        name=name, description="test module",
        parameters=(P("k"),) if parameters is None else parameters,
        states=(State("x", "nmol", "x"),) if states is None else states,
        equations={"x": "-k * x"} if equations is None else equations,
        **kw)


def test_minimal_module_assembles():
    system = assemble(mod())
    assert system.pnames == ["k"]
    assert system.snames == ["x"]
    assert system.equations == {"x": "-k * x"}
    assert system.name == "m"


def test_assemble_needs_a_module():
    with pytest.raises(ModelDefinitionError):
        assemble()


def test_duplicate_name_within_a_module():
    with pytest.raises(ModelDefinitionError, match="defined twice"):
        assemble(mod(parameters=(P("k"), P("k"))))


def test_duplicate_name_across_kinds():
    # a state named like a parameter
    with pytest.raises(ModelDefinitionError, match="defined twice"):
        assemble(mod(parameters=(P("k"), P("x"))))


def test_duplicate_name_across_modules():
    a = mod("a")
    b = mod("b", parameters=(P("k2"),), states=(State("x", "nmol", "x again"),), equations={"x": "-k2 * x"})
    with pytest.raises(ModelDefinitionError):
        assemble(a, b)


def test_two_equations_for_one_state_across_modules():
    a = mod("a")
    b = mod("b", parameters=(P("k2"),), states=(), equations={"x": "-k2 * x"})
    with pytest.raises(ModelDefinitionError, match="two equations"):
        assemble(a, b)


def test_state_without_equation():
    with pytest.raises(ModelDefinitionError, match="no equation"):
        assemble(mod(states=(State("x", "nmol", "x"), State("y", "nmol", "y")), equations={"x": "-k * x"}))


def test_equation_for_unknown_state():
    with pytest.raises(ModelDefinitionError, match="unknown states"):
        assemble(mod(equations={"x": "-k * x", "z": "1"}))


def test_equation_reads_undefined_name():
    with pytest.raises(ModelDefinitionError, match="undefined"):
        assemble(mod(equations={"x": "-k * x + ghost"}))


def test_initial_value_reads_undefined_name():
    with pytest.raises(ModelDefinitionError, match="initial value"):
        assemble(mod(states=(State("x", "nmol", "x", "ghost * 2"),)))


def test_output_reads_undefined_name():
    with pytest.raises(ModelDefinitionError, match="output"):
        assemble(mod(outputs=(Output("o", "x / ghost", "nmol/L", "o"),)))


def test_supplement_doses_unknown_state():
    sup = Supplement("s", "cholecalciferol", "nowhere", "nmol", ("s",))
    with pytest.raises(ModelDefinitionError, match="unknown state"):
        assemble(mod(supplements=(sup,)))


@pytest.mark.parametrize("param", [
    P("k", unit=""),
    P("k", source=""),
])
def test_parameter_without_unit_or_source(param):
    with pytest.raises(ModelDefinitionError, match="unit or a source"):
        assemble(mod(parameters=(param,)))


@pytest.mark.parametrize("bad", ["exp", "lambda", "_k", "1k", "k-1"])
def test_unusable_names(bad):
    with pytest.raises(ModelDefinitionError):
        assemble(mod(parameters=(P("k"), P(bad))))


def test_time_unit_must_be_hours():
    with pytest.raises(ModelDefinitionError, match="hours"):
        assemble(mod(time_unit="d"))


def test_cyclic_intermediates():
    inters = (Intermediate("a", "b + x", "1", "a"), Intermediate("b", "a * k", "1", "b"))
    with pytest.raises(ModelDefinitionError, match="circular"):
        assemble(mod(intermediates=inters, equations={"x": "-a"}))


def test_self_referencing_intermediate():
    with pytest.raises(ModelDefinitionError, match="circular"):
        assemble(mod(intermediates=(Intermediate("a", "a + x", "1", "a"),), equations={"x": "-a"}))


def test_intermediate_reads_undefined_name():
    with pytest.raises(ModelDefinitionError, match="undefined"):
        assemble(mod(intermediates=(Intermediate("a", "ghost + x", "1", "a"),), equations={"x": "-a"}))


def test_intermediates_ordered_across_modules():
    # module a declares c2 = c1 * 2 reading c1, which module b defines from b's own state
    a = Module("a", "a", parameters=(P("ka"),), states=(State("x", "nmol", "x"),),
               intermediates=(Intermediate("c3", "c2 + c1", "nmol/h", "c3"),
                              Intermediate("c2", "c1 * 2", "nmol/h", "c2")),
               equations={"x": "-ka * x + c3"}, inputs=(Input("c1", "nmol/h", "0", "from b"),))
    b = Module("b", "b", parameters=(P("kb"),), states=(State("y", "nmol", "y"),),
               intermediates=(Intermediate("c1", "(y + x) * kb", "nmol/h", "c1"),),
               equations={"y": "-kb * y"}, inputs=(Input("x", "nmol", "0", "from a"),))
    for order in ((a, b), (b, a)):
        system = assemble(*order)
        names = [i.name for i in system.intermediates]
        assert sorted(names) == ["c1", "c2", "c3"]
        assert names.index("c1") < names.index("c2") < names.index("c3")


def test_derived_ordered_and_parameter_vector_layout():
    from vitasim.model import Derived
    m = mod(covariates=(Covariate("weight", "kg", 70.0, 25.0, 300.0, "anderson2008", "w"),),
            derived=(Derived("v2", "v1 * 2", "L", "v2"), Derived("v1", "weight * k", "L", "v1")),
            equations={"x": "-k * x * v1 / v2"})
    system = assemble(m)
    assert system.pnames == ["k", "weight", "v1", "v2"]
    assert system.pindex("v2") == 3


def test_shared_covariate_declared_once_and_unit_checked():
    w = Covariate("weight", "kg", 70.0, 25.0, 300.0, "anderson2008", "w")
    a = mod("a", covariates=(w,))
    b = Module("b", "b", parameters=(P("kb", unit="1/h/kg"),), states=(State("y", "nmol", "y"),),
               equations={"y": "-kb * y * weight"}, covariates=(w,))
    system = assemble(a, b)
    assert [c.name for c in system.covariates] == ["weight"]
    w_lb = Covariate("weight", "lb", 150.0, 50.0, 600.0, "anderson2008", "w")
    b_lb = Module("b", "b", parameters=(P("kb"),), states=(State("y", "nmol", "y"),),
                  equations={"y": "-kb * y"}, covariates=(w_lb,))
    with pytest.raises(ModelDefinitionError, match="two units"):
        assemble(a, b_lb)


# ---- provenance of the registered physiology -------------------------------------------------

MODULES = physiology.modules()
ALL_PARAMS = [(m.name, p) for m in MODULES for p in m.parameters]


def test_registry_finds_vitamin_d():
    assert "vitamin_d" in [m.name for m in MODULES]


def test_registered_modules_assemble():
    system = assemble(*MODULES)
    assert len(system.states) == len(system.equations)


@pytest.mark.parametrize("module_name,param", ALL_PARAMS, ids=[f"{m}.{p.name}" for m, p in ALL_PARAMS])
def test_every_parameter_has_unit_and_known_source(module_name, param):
    refs = references()
    assert param.unit.strip(), f"{module_name}.{param.name} has no unit"
    keys = split_keys(param.source)
    assert keys, f"{module_name}.{param.name} has no source"
    missing = [k for k in keys if k not in refs]
    assert not missing, f"{module_name}.{param.name} cites unknown {missing}"
    if param.cv is not None:
        assert param.cv > 0
        assert param.cv_source, f"{module_name}.{param.name} has a cv without cv_source"
    if param.cv_source:
        missing = [k for k in split_keys(param.cv_source) if k not in refs]
        assert not missing, f"{module_name}.{param.name} cv_source cites unknown {missing}"


def test_every_covariate_source_and_module_reference_is_known():
    refs = references()
    for m in MODULES:
        for c in m.covariates:
            keys = split_keys(c.source)
            assert keys and all(k in refs for k in keys), f"{m.name} covariate {c.name}: {c.source!r}"
            assert c.low <= c.default <= c.high
        for s in m.supplements:
            if s.max_single_dose_source:
                assert all(k in refs for k in split_keys(s.max_single_dose_source))
        for item in (*m.medications, *m.conditions):
            assert all(k in refs for k in split_keys(item.source)), f"{m.name} {item.key}: {item.source!r}"


def test_split_keys():
    assert split_keys("a; b ;;c ") == ["a", "b", "c"]
    assert split_keys("") == []


# ---- declared names and inputs ------------------------------------------------------------------

def test_reading_an_undeclared_name_of_another_module_fails():
    a = mod("a")
    b = Module("b", "b", parameters=(P("kb"),), states=(State("y", "nmol", "y"),), equations={"y": "-kb * y + k * x"})
    with pytest.raises(ModelDefinitionError, match=r"module b: equation of y reads undefined \['k', 'x'\]"):
        assemble(a, b)


def test_reading_another_module_through_an_input_assembles():
    a = mod("a")
    b = Module("b", "b", parameters=(P("kb"),), states=(State("y", "nmol", "y"),), equations={"y": "kb * (x - y)"},
               inputs=(Input("x", "nmol", "0", "a's amount"),))
    system = assemble(a, b)
    assert system.equations["y"] == "kb * (x - y)"
    alone = assemble(b)  # without a: the default
    assert [(i.name, i.expr, i.unit) for i in alone.intermediates] == [("x", "0", "nmol")]


def test_a_misspelt_input_is_rejected():
    b = Module("b", "b", parameters=(P("kb"),), states=(State("y", "nmol", "y"),), equations={"y": "kb * (x - y)"},
               inputs=(Input("x", "nmol", "0", "a's amount"), Input("xx", "nmol", "0", "misspelt")))
    with pytest.raises(ModelDefinitionError, match=r"input \['xx'\] is never read"):
        assemble(mod("a"), b)


def test_an_input_in_another_unit_than_its_provider_is_rejected():
    b = Module("b", "b", parameters=(P("kb"),), states=(State("y", "ug", "y"),), equations={"y": "kb * (x - y)"},
               inputs=(Input("x", "ug", "0", "a's amount"),))
    with pytest.raises(ModelDefinitionError, match="input 'x' is expected in 'ug'.* is in 'nmol'"):
        assemble(mod("a"), b)


def test_an_input_the_module_defines_itself_is_rejected():
    with pytest.raises(ModelDefinitionError, match="also defined by the module"):
        assemble(mod(inputs=(Input("k", "1/h", "1", "own"),)))


def test_a_covariate_declared_twice_differently_is_rejected():
    w = Covariate("weight", "kg", 70.0, 25.0, 300.0, "anderson2008", "w")
    w80 = Covariate("weight", "kg", 80.0, 25.0, 300.0, "anderson2008", "w")
    b = Module("b", "b", parameters=(P("kb"),), states=(State("y", "nmol", "y"),), equations={"y": "-kb * y"},
               covariates=(w80,))
    with pytest.raises(ModelDefinitionError, match="declare it once"):
        assemble(mod("a", covariates=(w,)), b)


def test_every_registered_input_is_provided_by_a_registered_module_in_its_unit():
    """A misspelt input would silently take its default in the full system: none may be unprovided."""
    provided = {x.name: x.unit for m in MODULES
                for x in (*m.parameters, *m.covariates, *m.derived, *m.states, *m.intermediates)}
    for m in MODULES:
        for inp in m.inputs:
            assert inp.name in provided, f"{m.name} input {inp.name} is defined by no registered module"
            assert provided[inp.name] == inp.unit, f"{m.name} input {inp.name}: {inp.unit} vs {provided[inp.name]}"


def test_shared_covariates_are_declared_once():
    from vitasim.model import covariates
    shared = {c.name: c for c in covariates.SHARED}
    for m in MODULES:
        for c in m.covariates:
            if c.name in shared:
                assert c is shared[c.name], f"{m.name} re-declares {c.name}"
    system = assemble(*MODULES)
    for c in system.covariates:
        if c.name in shared:
            assert c is shared[c.name]


def test_every_registered_module_assembles_alone():
    for m in MODULES:
        assemble(m)


def test_intermediate_order_does_not_depend_on_the_hash_seed():
    """The order of intermediates is part of the generated model (and its hash): set iteration
    order, which varies with PYTHONHASHSEED, must not leak into it."""
    import os
    import subprocess
    import sys
    code = ("from vitasim import physiology; from vitasim.model import assemble; "
            "print([i.name for i in assemble(*physiology.modules()).intermediates]); "
            "print([i.name for i in assemble(physiology.modules()[1]).intermediates])")
    outs = {subprocess.run([sys.executable, "-c", code], env={**os.environ, "PYTHONHASHSEED": seed},
                           capture_output=True, text=True, check=True).stdout for seed in ("1", "2", "3")}
    assert len(outs) == 1
