"""A model-unit value of an output quantity as text in its display unit ("38.1 ng/mL")."""
from __future__ import annotations

import math

from vitasim import units


def output_declaration(quantity: str):
    """The declared :class:`~vitasim.model.Output` named ``quantity`` (from the modules, no assembly)."""
    from vitasim import physiology
    for module in physiology.modules():
        for out in module.outputs:
            if out.name == quantity:
                return out
    raise KeyError(quantity)


def display(quantity: str, value: float) -> str:
    """``value`` (model unit of ``quantity``) converted to its display unit, 3 significant digits."""
    out = output_declaration(quantity)
    unit = out.display_unit or out.unit
    if not math.isfinite(value):
        return "no limit" if value > 0 else "n/a"
    shown = float(units.convert_values(value, out.unit, unit, out.compound))
    return f"{shown:.3g} {unit}"
