"""Who the planner is for: adults who are not pregnant or breastfeeding.

Every target, upper limit and danger threshold in the physiology folders is an adult value (IOM
2011 for vitamin D and calcium, IOM 1997 for magnesium, IOM 1998 for B12), and the model is
calibrated on non-pregnant adults.  Children have lower upper limits (vitamin D 1000-3000 IU/day
below 9 years, IOM 2011) and pregnancy changes vitamin D and calcium metabolism (calcitriol
roughly doubles; IOM 2011), so applying adult limits there would be wrong without saying so.
``check`` and ``plan`` therefore refuse them with one line naming the field, rather than apply
adult limits silently.
"""
from __future__ import annotations

from vitasim.errors import VitasimInputError
from vitasim.profile import Profile

ADULT_AGE = 18.0    # iom2011: the adult (19+) and 14-18 y reference values differ; vitasim covers 18+


def require_supported(profile: Profile) -> None:
    """Raise :class:`VitasimInputError` for a person under 18, pregnant or breastfeeding."""
    if profile.age is not None and profile.age < ADULT_AGE:
        raise VitasimInputError("person.age", f"{profile.age:g} years: check and plan use adult targets and upper "
                                              "limits (18 and over) only; for a child ask a paediatrician")
    if profile.pregnant:
        raise VitasimInputError("person.pregnant", "check and plan use limits for adults who are not pregnant; in "
                                                   "pregnancy ask a midwife or doctor about supplements")
    if getattr(profile, "breastfeeding", False):
        raise VitasimInputError("person.breastfeeding", "check and plan use limits for adults who are not "
                                                        "breastfeeding; ask a midwife or doctor about supplements")
