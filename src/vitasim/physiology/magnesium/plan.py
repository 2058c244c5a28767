"""Magnesium in the planner: which salt and why, and monitoring.

No magnesium target is set: serum magnesium is homeostatically held in range, and the evidence
for magnesium against night-time leg cramps in older adults is weak (Garrison 2020), so the
planner does not add magnesium on its own; it reviews what the person takes.
"""
from __future__ import annotations

from vitasim.plugins import Advice, FormAdvice
from vitasim.profile import Profile

_SALTS = ("magnesium_oxide", "magnesium_citrate", "magnesium_glycinate", "magnesium_chloride")

FORMS = (
    FormAdvice("magnesium_oxide", "magnesium_citrate",
               "Magnesium oxide is poorly soluble and little of it is absorbed; it acts as a laxative at higher doses. "
               "Soluble salts (citrate, chloride, glycinate) are absorbed somewhat better; the difference between them "
               "is modest.", ("firoz2001", "kappeler2017", "schuchardt2017")),
    FormAdvice("magnesium_glycinate", "magnesium_glycinate",
               "Magnesium glycinate is a soluble salt; claims that it is clearly better than citrate are not backed by "
               "head-to-head trials.", ("schuchardt2017",)),
)


def monitoring(profile: Profile, items: tuple) -> list[Advice]:
    takes = any(it.supplement.key in _SALTS for it in items)
    out = []
    if takes and profile.egfr is not None and profile.egfr < 60:
        out.append(Advice("MG_CHECK_SERUM", "With reduced kidney function, have serum magnesium checked after starting "
                          "a magnesium supplement.", ("iom1997mg",), when="within 1-3 months",
                          summary="Have serum magnesium checked within 1-3 months."))
    if profile.takes("ppi") or profile.takes("loop_diuretic") or profile.takes("thiazide"):
        out.append(Advice("MG_PERIODIC_CHECK", "Long-term PPIs or diuretics can lower magnesium: a periodic serum "
                          "magnesium check is reasonable.", ("fda2011ppi",), when="yearly"))
    return out


MONITORING = (monitoring,)
