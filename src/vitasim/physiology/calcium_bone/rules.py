"""Safety rules of the calcium/bone module."""
from __future__ import annotations

import numpy as np

from vitasim import units
from vitasim.rules import Finding
from vitasim.solution import Solution

CA_LOW, CA_HIGH = 2.15, 2.60  # mmol/L = 8.6-10.4 mg/dL, adult reference interval (normal_calcium_range)


def _mg_dl(mmol_l: float) -> float:
    """mmol/L of calcium in mg/dL (through its molar mass in vitasim.units)."""
    return float(units.convert_values(mmol_l, "mmol/L", "mg/dL", "calcium"))


def hypercalcaemia(ctx: Solution) -> list[Finding]:
    """CA_HYPERCALCAEMIA (danger): serum calcium above 2.60 mmol/L (10.4 mg/dL), the upper limit of
    the adult reference interval (Goltzman, Endotext; normal_calcium_range), either measured (the
    profile's baseline ``serum_calcium`` lab, the latest result at or before day 0) or predicted for
    the typical person or any virtual person.  Too much vitamin D is the classic cause; a measured
    value this high is a reason to stop vitamin D and calcium and see a clinician whatever the model says."""
    parts: list[str] = []
    measured = ctx.profile.labs.get("serum_calcium")
    if measured is not None and measured > CA_HIGH:
        parts.append(f"measured serum calcium is {measured:.2f} mmol/L ({_mg_dl(measured):.1f} mg/dL)")
    ca = ctx.per_person.get("serum_calcium")
    if ca is not None and np.isfinite(ca).any():
        peak = float(np.nanmax(ca))
        if peak > CA_HIGH:
            parts.append(f"predicted serum calcium reaches {peak:.2f} mmol/L ({_mg_dl(peak):.1f} mg/dL)")
    if not parts:
        return []
    return [Finding("CA_HYPERCALCAEMIA", "danger",
                    f"{'; '.join(parts)}, above the normal range {CA_LOW}-{CA_HIGH} mmol/L (8.6-10.4 mg/dL)",
                    ["normal_calcium_range"])]


RULES = (hypercalcaemia,)
