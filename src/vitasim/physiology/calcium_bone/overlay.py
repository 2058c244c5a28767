"""Apply named changes on top of the generated SBML declarations, checking what they replace.

Each :class:`Override` names a generated item (a parameter, an intermediate, or a species'
equation), quotes what the generator wrote there, and gives its replacement.  Applying it fails
if the generated text is no longer the quoted one, so a regenerated SBML that moved under a
deviation cannot silently drop or misapply it.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from vitasim.errors import ModelDefinitionError
from vitasim.model import Intermediate, Parameter


@dataclass(frozen=True)
class Override:
    """Replace generated item ``target``: its generated text must be ``generated``.

    ``generated`` is the expression of an intermediate, the equation of a species, or the
    ``repr`` of a parameter's value; ``replacement`` is the new item (parameter, intermediate)
    or the new equation text; ``label`` says which deviation or extension it is and why.
    """

    target: str
    generated: str
    replacement: Parameter | Intermediate | str
    label: str


def _generated_text(item: Parameter | Intermediate) -> str:
    return repr(item.value) if isinstance(item, Parameter) else item.expr


def _check_used(overrides: Iterable[Override], used: set[str], kind: type | None) -> None:
    for o in overrides:
        wants = str if kind is None else kind
        if isinstance(o.replacement, wants) and o.target not in used:
            raise ModelDefinitionError(f"calcium_bone: {o.label}: no generated item {o.target!r} to override")


def apply(items: tuple, overrides: Iterable[Override]) -> tuple:
    """``items`` with each item an override targets replaced in place (same position)."""
    overrides = tuple(overrides)
    kind = type(items[0])
    by_target = {o.target: o for o in overrides if isinstance(o.replacement, kind)}
    out = []
    for item in items:
        o = by_target.get(item.name)
        if o is not None:
            if _generated_text(item) != o.generated:
                raise ModelDefinitionError(f"calcium_bone: {o.label}: generated {item.name} is "
                                           f"{_generated_text(item)!r}, not {o.generated!r}")
            item = o.replacement
        out.append(item)
    _check_used(overrides, {i.name for i in items}, kind)
    return tuple(out)


def apply_equations(equations: dict[str, str], overrides: Iterable[Override]) -> dict[str, str]:
    """``equations`` with the equations overrides target replaced (same order)."""
    overrides = tuple(o for o in overrides if isinstance(o.replacement, str))
    out = dict(equations)
    for o in overrides:
        if o.target not in out:
            raise ModelDefinitionError(f"calcium_bone: {o.label}: no generated equation of {o.target!r}")
        if out[o.target] != o.generated:
            raise ModelDefinitionError(f"calcium_bone: {o.label}: generated equation of {o.target} is "
                                       f"{out[o.target]!r}, not {o.generated!r}")
        out[o.target] = o.replacement
    return out
