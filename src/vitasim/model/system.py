"""Assemble modules into one :class:`System`: checked names, fixed orderings, no solver logic.

The per-person parameter vector is laid out as ``parameters + covariates + derived``; the state
vector follows module order.  Intermediates are sorted so that each is computed after what it
reads, across module boundaries (this is how modules couple: one reads a name another defines).
"""
from __future__ import annotations

import keyword
from dataclasses import dataclass
from graphlib import CycleError, TopologicalSorter

from vitasim import units
from vitasim.errors import ModelDefinitionError
from vitasim.model import checks, expressions
from vitasim.model.parts import (Condition, Covariate, Derived, Intermediate, Medication, Module, Output,
                                 Parameter, State, Supplement)


@dataclass(frozen=True)
class System:
    """Several modules joined into one ODE system; immutable and solver-agnostic."""

    modules: tuple[Module, ...]
    parameters: tuple[Parameter, ...]
    covariates: tuple[Covariate, ...]
    derived: tuple[Derived, ...]
    states: tuple[State, ...]
    intermediates: tuple[Intermediate, ...]
    equations: dict[str, str]
    outputs: tuple[Output, ...]
    supplements: tuple[Supplement, ...]
    medications: tuple[Medication, ...] = ()
    conditions: tuple[Condition, ...] = ()

    @property
    def name(self) -> str:
        return "+".join(m.name for m in self.modules)

    @property
    def pnames(self) -> list[str]:
        """Names of the per-person vector, in order."""
        return ([p.name for p in self.parameters] + [c.name for c in self.covariates]
                + [d.name for d in self.derived])

    @property
    def snames(self) -> list[str]:
        return [s.name for s in self.states]

    def pindex(self, name: str) -> int:
        return self.pnames.index(name)

    def sindex(self, name: str) -> int:
        return self.snames.index(name)

    def output(self, name: str) -> Output:
        for out in self.outputs:
            if out.name == name:
                return out
        raise KeyError(name)


def _check_identifier(name: str, where: str) -> None:
    if not name.isidentifier() or keyword.iskeyword(name) or name in expressions.FUNCTIONS:
        raise ModelDefinitionError(f"{where}: {name!r} is not a usable name")
    if name.startswith("_"):
        raise ModelDefinitionError(f"{where}: names starting with '_' are reserved ({name!r})")


def _ordered(items: list, defined_before: set[str], what: str) -> list:
    """Topologically sort named expressions by what they read."""
    by_name = {i.name: i for i in items}
    # predecessors sorted: set order varies with the hash seed, and the order must not (model hash)
    graph = {i.name: sorted(n for n in expressions.names(i.expr) if n in by_name) for i in items}
    try:
        order = list(TopologicalSorter(graph).static_order())
    except CycleError as exc:
        raise ModelDefinitionError(f"circular {what}: {exc.args[1]}") from None
    known = set(defined_before) | set(by_name)
    for item in items:
        missing = expressions.names(item.expr) - known
        if missing:
            raise ModelDefinitionError(f"{what} {item.name!r} reads undefined {sorted(missing)}")
    return [by_name[n] for n in order]


def assemble(*modules: Module) -> System:
    """Join modules into one checked System (raises ModelDefinitionError on any inconsistency).

    Checked: names (unique, usable, every name read is declared, inputs read and of the unit
    their provider declares), every unit parses, every d(state)/dt has the dimension of its state
    per time, and initial values and outputs that of their unit (:mod:`vitasim.model.dimensions`;
    names are taken at their declared units, so intermediates and derived quantities are trusted
    to be declared right: many are SBML expressions with hidden-unit numbers).
    """
    if not modules:
        raise ModelDefinitionError("assemble() needs at least one module")
    params: list[Parameter] = []
    covs: dict[str, Covariate] = {}
    cov_owner: dict[str, str] = {}
    derived: list[Derived] = []
    states: list[State] = []
    inters: list[Intermediate] = []
    equations: dict[str, str] = {}
    outputs: list[Output] = []
    supplements: list[Supplement] = []
    meds: dict[str, Medication] = {}
    conds: dict[str, Condition] = {}
    seen: dict[str, str] = {}
    unit_of: dict[str, str] = {}

    def claim(name: str, owner: str) -> None:
        _check_identifier(name, owner)
        if name in seen:
            raise ModelDefinitionError(f"{name!r} is defined twice ({seen[name]} and {owner})")
        seen[name] = owner

    for mod in modules:
        if mod.time_unit != "h":
            raise ModelDefinitionError(f"module {mod.name}: the engine's time unit is hours")
        for p in mod.parameters:
            if not p.unit or not p.source:
                raise ModelDefinitionError(f"{mod.name}.{p.name} lacks a unit or a source")
        checks.units_parse(mod)
        for p in mod.parameters:
            claim(p.name, f"{mod.name} parameter")
            params.append(p)
        for c in mod.covariates:
            if c.name in covs:  # covariates are shared (weight is everybody's weight): one declaration
                old = covs[c.name]
                if old.unit != c.unit:
                    raise ModelDefinitionError(f"covariate {c.name} declared with two units ({old.unit!r} in "
                                               f"{cov_owner[c.name]}, {c.unit!r} in {mod.name})")
                if old != c:
                    raise ModelDefinitionError(
                        f"covariate {c.name} declared differently in {cov_owner[c.name]} and {mod.name}: "
                        f"declare it once (vitasim.model.covariates) and refer to that")
                continue
            claim(c.name, f"{mod.name} covariate")
            covs[c.name], cov_owner[c.name] = c, mod.name
        for d in mod.derived:
            claim(d.name, f"{mod.name} derived")
            derived.append(d)
        for s in mod.states:
            claim(s.name, f"{mod.name} state")
            states.append(s)
        for i in mod.intermediates:
            claim(i.name, f"{mod.name} intermediate")
            inters.append(i)
        for item in (*mod.parameters, *mod.covariates, *mod.derived, *mod.states, *mod.intermediates):
            unit_of[item.name] = item.unit
        for sname, eq in mod.equations.items():
            if sname in equations:
                raise ModelDefinitionError(f"two equations for state {sname!r}")
            equations[sname] = eq
        outputs.extend(mod.outputs)
        supplements.extend(mod.supplements)
        for med in mod.medications:
            old = meds.get(med.key)
            meds[med.key] = med if old is None else Medication(
                med.key, tuple(dict.fromkeys(old.classes + med.classes)),
                tuple(dict.fromkeys(old.synonyms + med.synonyms)), ";".join(filter(None, (old.source, med.source))))
        for cond in mod.conditions:
            old_c = conds.get(cond.key)
            conds[cond.key] = cond if old_c is None else Condition(
                cond.key, tuple(dict.fromkeys(old_c.synonyms + cond.synonyms)), old_c.description or cond.description,
                ";".join(filter(None, (old_c.source, cond.source))))

    for mod in modules:
        checks.declared_reads(mod)
    # Loose coupling: an input another module defines must be in the unit the reader expects; an
    # input no assembled module defines takes its default: a per-person derived quantity when
    # derived quantities read it, else an intermediate.
    read_by_derived = set().union(*(expressions.names(d.expr) for d in derived)) if derived else set()
    for mod in modules:
        for inp in mod.inputs:
            if inp.name in seen:
                if not seen[inp.name].startswith(f"{mod.name} ") and inp.name in unit_of \
                        and not checks.same_unit(unit_of[inp.name], inp.unit):
                    raise ModelDefinitionError(
                        f"module {mod.name}: input {inp.name!r} is expected in {inp.unit!r}, but "
                        f"{seen[inp.name]} {inp.name} is in {unit_of[inp.name]!r}")
                continue
            claim(inp.name, f"{mod.name} input default")
            unit_of[inp.name] = inp.unit
            note = f"default of input {inp.name} (no module defines it)"
            if inp.name in read_by_derived:
                derived.append(Derived(inp.name, inp.default, inp.unit, note))
            else:
                inters.append(Intermediate(inp.name, inp.default, inp.unit, note))

    per_person = {p.name for p in params} | set(covs)
    derived = _ordered(derived, per_person, "derived quantity")
    per_person |= {d.name for d in derived}
    snames = {s.name for s in states}
    for s in states:
        if s.name not in equations:
            raise ModelDefinitionError(f"state {s.name!r} has no equation")
        missing = expressions.names(s.initial) - per_person
        if missing:
            raise ModelDefinitionError(f"initial value of {s.name!r} reads undefined {sorted(missing)}")
    extra = set(equations) - snames
    if extra:
        raise ModelDefinitionError(f"equations for unknown states {sorted(extra)}")
    inters = _ordered(inters, per_person | snames, "intermediate")
    known = per_person | snames | {i.name for i in inters}  # autonomous: no explicit t
    for sname, eq in equations.items():
        missing = expressions.names(eq) - known
        if missing:
            raise ModelDefinitionError(f"equation of {sname!r} reads undefined {sorted(missing)}")
    out_names: set[str] = set()
    for out in outputs:
        if out.name in out_names:
            raise ModelDefinitionError(f"output {out.name!r} declared twice")
        out_names.add(out.name)
        missing = expressions.names(out.expr) - known
        if missing:
            raise ModelDefinitionError(f"output {out.name!r} reads undefined {sorted(missing)}")
    for sup in supplements:
        for state in (sup.state, *(st for _, st in sup.route_states)):
            if state not in snames:
                raise ModelDefinitionError(f"supplement {sup.key!r} doses unknown state {state!r}")
    dims = {name: units.dimensionality(unit) for name, unit in unit_of.items()}
    for mod in modules:
        checks.dimensions_agree(mod, dims, units.dimensionality(mod.time_unit))
    return System(tuple(modules), tuple(params), tuple(covs.values()), tuple(derived), tuple(states),
                  tuple(inters), {s.name: equations[s.name] for s in states}, tuple(outputs),
                  tuple(supplements), tuple(meds.values()), tuple(conds.values()))


def with_parameters(system: System, **values: float) -> System:
    """A copy of ``system`` with some parameter values replaced (for calibration and what-ifs)."""
    from dataclasses import replace
    known = {p.name for p in system.parameters}
    unknown = set(values) - known
    if unknown:
        raise ModelDefinitionError(f"unknown parameters {sorted(unknown)}")
    params = tuple(replace(p, value=float(values[p.name])) if p.name in values else p for p in system.parameters)
    return replace(system, parameters=params)


def module_dependencies(modules: tuple[Module, ...]) -> dict[str, set[str]]:
    """For each module, the modules whose names it reads (shared covariates excluded)."""
    owner: dict[str, str] = {}
    for mod in modules:
        for item in (*mod.parameters, *mod.derived, *mod.states, *mod.intermediates):
            owner[item.name] = mod.name
    deps: dict[str, set[str]] = {}
    for mod in modules:
        texts = [d.expr for d in mod.derived] + [s.initial for s in mod.states] + \
                [i.expr for i in mod.intermediates] + list(mod.equations.values()) + [o.expr for o in mod.outputs]
        read = set().union(*(expressions.names(t) for t in texts)) if texts else set()
        deps[mod.name] = {owner[n] for n in read if n in owner and owner[n] != mod.name}
    return deps


def needed_modules(modules: tuple[Module, ...], outputs: list[str]) -> tuple[Module, ...]:
    """The modules that compute ``outputs``, with everything they read, in their original order."""
    deps = module_dependencies(modules)
    by_output = {o.name: m.name for m in modules for o in m.outputs}
    todo = [by_output[o] for o in outputs if o in by_output]
    keep: set[str] = set()
    while todo:
        name = todo.pop()
        if name not in keep:
            keep.add(name)
            todo.extend(deps[name])
    return tuple(m for m in modules if m.name in keep)
