"""Safety rules of the calcium/bone module."""
from __future__ import annotations

import numpy as np

from vitasim.rules import Finding
from vitasim.solution import Solution

CA_LOW, CA_HIGH = 2.15, 2.60  # mmol/L = 8.6-10.4 mg/dL, adult reference interval (normal_calcium_range)


def hypercalcaemia(ctx: Solution) -> list[Finding]:
    """CA_HYPERCALCAEMIA (danger): predicted serum calcium above 2.60 mmol/L (10.4 mg/dL), the upper
    limit of the adult reference interval (Goltzman, Endotext; normal_calcium_range), for the typical
    person or any virtual person.  Too much vitamin D is the classic cause."""
    ca = ctx.per_person.get("serum_calcium")
    if ca is None or not np.isfinite(ca).any():
        return []
    peak = float(np.nanmax(ca))
    if peak <= CA_HIGH:
        return []
    return [Finding("CA_HYPERCALCAEMIA", "danger",
                    f"predicted serum calcium reaches {peak:.2f} mmol/L ({peak * 4.008:.1f} mg/dL), above the "
                    f"normal range {CA_LOW}-{CA_HIGH} mmol/L (8.6-10.4 mg/dL)", ["normal_calcium_range"])]


RULES = (hypercalcaemia,)
