"""Per-module checks run by :func:`vitasim.model.system.assemble`: units, declared names, dimensions.

A wrong unit is a safety bug, so every declared unit must parse with the package's one pint
registry, every name a module reads must be declared by it (own items, covariates, inputs), and
every d(state)/dt must have the dimension of its state per time (:mod:`vitasim.model.dimensions`).
Each check raises ModelDefinitionError naming the module and the item.
"""
from __future__ import annotations

import ast

from vitasim import units
from vitasim.errors import ModelDefinitionError
from vitasim.model import dimensions, expressions
from vitasim.model.parts import Module, Output

def _declared_units(mod: Module) -> list[tuple[str, str]]:
    """(what, unit) for every unit string the module declares."""
    items: list[tuple[str, str]] = [("time unit", mod.time_unit)]
    for kind, group in (("parameter", mod.parameters), ("covariate", mod.covariates), ("derived", mod.derived),
                        ("state", mod.states), ("intermediate", mod.intermediates), ("input", mod.inputs)):
        items += [(f"{kind} {x.name}", x.unit) for x in group]
    for out in mod.outputs:
        items.append((f"output {out.name}", out.unit))
        if out.display_unit:
            items.append((f"output {out.name} (display)", out.display_unit))
    items += [(f"supplement {s.key}", s.amount_unit) for s in mod.supplements]
    items += [(f"literal {lit.value:g} in {lit.where}", lit.unit) for lit in mod.literal_units]
    return items


def units_parse(mod: Module) -> None:
    for what, unit in _declared_units(mod):
        try:
            units.dimensionality(unit)
        except ValueError as exc:
            raise ModelDefinitionError(f"module {mod.name}: {what}: {exc}") from None


def _module_texts(mod: Module) -> list[tuple[str, str]]:
    """(where, expression) for every expression the module writes."""
    return ([(f"derived {d.name}", d.expr) for d in mod.derived]
            + [(f"initial value of {s.name}", s.initial) for s in mod.states]
            + [(f"intermediate {i.name}", i.expr) for i in mod.intermediates]
            + [(f"equation of {n}", e) for n, e in mod.equations.items()]
            + [(f"output {o.name}", o.expr) for o in mod.outputs])


def declared_reads(mod: Module) -> None:
    """A module reads only what it declares: its own items, its covariates and its inputs."""
    own = {x.name for x in (*mod.parameters, *mod.covariates, *mod.derived, *mod.states, *mod.intermediates)}
    input_names = [i.name for i in mod.inputs]
    for name in input_names:
        if input_names.count(name) > 1:
            raise ModelDefinitionError(f"module {mod.name}: input {name!r} declared twice")
        if name in own:
            raise ModelDefinitionError(f"module {mod.name}: input {name!r} is also defined by the module itself")
    read: set[str] = set()
    for where, text in _module_texts(mod):
        names = expressions.names(text)
        undeclared = names - own - set(input_names)
        if undeclared:
            raise ModelDefinitionError(
                f"module {mod.name}: {where} reads undefined {sorted(undeclared)}: the module does not declare "
                f"it (a name another module defines is read through an Input, with its unit and a default)")
        read |= names
    unread = [n for n in input_names if n not in read]
    if unread:
        raise ModelDefinitionError(f"module {mod.name}: input {unread} is never read (misspelt?)")
    initial = {s.name: s.initial for s in mod.states}
    output = {o.name: o.expr for o in mod.outputs}
    for lit in mod.literal_units:
        texts = [t for t in (mod.equations.get(lit.where), initial.get(lit.where), output.get(lit.where))
                 if t is not None]
        if not any(float(lit.value) in _literals(t) for t in texts):
            raise ModelDefinitionError(f"module {mod.name}: literal unit for {lit.value:g} in {lit.where!r}, "
                                       f"whose equation, initial value or output has no such number")


def _literals(text: str) -> set[float]:
    return {float(n.value) for n in ast.walk(expressions.parse(text)) if isinstance(n, ast.Constant)}


def same_unit(a: str, b: str) -> bool:
    """True when a number in unit ``a`` means the same in unit ``b`` (same dimension, factor 1)."""
    if units.dimensionality(a) != units.dimensionality(b):
        return False
    return abs(units.Quantity(1.0, a).to(b).magnitude - 1.0) < 1e-12


_MOLAR_MASS = units.dimensionality("g/mol")


def _check_output(mod: Module, out: Output, dims: dict, literals: dict | None) -> None:
    """An output has the dimension of its declared unit; its display unit is the same quantity."""
    try:
        got = dimensions.dimension(out.expr, dims, literals)
    except dimensions.DimensionError as exc:
        raise ModelDefinitionError(f"module {mod.name}: output {out.name} = {out.expr!r}: {exc}") from None
    want = units.dimensionality(out.unit)
    if got is not None and got != want:
        raise ModelDefinitionError(
            f"module {mod.name}: output {out.name} = {out.expr!r} has dimension {dimensions.show(got)}, but is "
            f"declared in {out.unit!r} ({dimensions.show(want)})")
    if out.display_unit:
        shown = units.dimensionality(out.display_unit)
        via_compound = out.compound is not None and shown in (want * _MOLAR_MASS, want / _MOLAR_MASS)
        if shown != want and not via_compound:
            raise ModelDefinitionError(f"module {mod.name}: output {out.name} in {out.unit!r} cannot be shown "
                                       f"in {out.display_unit!r}")


def dimensions_agree(mod: Module, dims: dict, time_dim) -> None:
    """Each d(state)/dt has the dimension of its state per time; initial values that of the state;
    outputs that of their declared unit."""
    literals: dict[str, dict[float, object]] = {}
    for lit in mod.literal_units:
        literals.setdefault(lit.where, {})[float(lit.value)] = units.dimensionality(lit.unit)
    for state in mod.states:
        want = units.dimensionality(state.unit) / time_dim
        eq = mod.equations[state.name]
        try:
            got = dimensions.dimension(eq, dims, literals.get(state.name))
        except dimensions.DimensionError as exc:
            raise ModelDefinitionError(f"module {mod.name}: d({state.name})/dt = {eq!r}: {exc}") from None
        if got is not None and got != want:
            raise ModelDefinitionError(
                f"module {mod.name}: d({state.name})/dt = {eq!r} has dimension {dimensions.show(got)}, but "
                f"{state.name} is in {state.unit!r}, so its rate must have dimension {dimensions.show(want)} "
                f"({state.unit} per {mod.time_unit})")
        if _is_number(state.initial):
            continue  # a number is a value in the state's own unit
        try:
            got = dimensions.dimension(state.initial, dims, literals.get(state.name))
        except dimensions.DimensionError as exc:
            raise ModelDefinitionError(f"module {mod.name}: initial value of {state.name}: {exc}") from None
        if got is not None and got != units.dimensionality(state.unit):
            raise ModelDefinitionError(
                f"module {mod.name}: initial value of {state.name} = {state.initial!r} has dimension "
                f"{dimensions.show(got)}, but {state.name} is in {state.unit!r} "
                f"({dimensions.show(units.dimensionality(state.unit))})")
    for out in mod.outputs:
        _check_output(mod, out, dims, literals.get(out.name))


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True
