"""Everything a check or plan assumed rather than read from the profile, in words.

Shown in the text and HTML outputs and as ``assumptions`` in the JSON: what the profile computed
(``Profile.assumptions``, e.g. eGFR from creatinine), what the planner assumed about the person
(age, pregnancy), and every model input left at its default in the final simulation (with the
default's value and unit).
"""
from __future__ import annotations

from vitasim.profile import Profile
from vitasim.solution import Solution


_PERSON_FIELD = {"age": "age", "weight": "weight", "egfr": "egfr", "sex_female": "sex"}


def _defaults(solution: Solution, said: tuple[str, ...] = ()) -> list[str]:
    covs = {c.name: c for c in solution.system.covariates}
    out = []
    for name in solution.defaulted:
        field = _PERSON_FIELD.get(name)
        if field and any(line.lower().startswith(field) for line in said):
            continue   # the profile already said what it assumed for this person field
        c = covs.get(name)
        if c is None:
            out.append(f"{name.replace('_', ' ')}: not given; the model's default is used")
        elif c.lab is not None:
            # A lab's default may be a marker for "derive the start from the model's steady state",
            # so its value is not quoted as if it were a measurement.
            out.append(f"no measured {c.lab}: the model's typical starting value is used")
        elif c.diet is not None:
            out.append(f"{c.diet.replace('_', ' ')} intake from food not listed: {c.default:g} {c.unit} assumed")
        else:
            unit = "" if c.unit == "1" else f" {c.unit}"
            out.append(f"{c.name.replace('_', ' ')} not given: {c.default:g}{unit} assumed")
    return out


def assumptions(profile: Profile, solution: Solution) -> tuple[str, ...]:
    """The assumptions behind a result, most consequential first."""
    out: list[str] = []
    if profile.age is None:
        out.append("age not given: the targets for people aged 65 and over are used (the stricter vitamin D "
                   "target; B12 risk from age 50)")
    if profile.sex != "male" and not profile.pregnant:
        out.append("not pregnant or breastfeeding (limits for non-pregnant adults are used)")
    if not profile.diet:
        out.append("no diet listed: calcium and other intakes from food are not counted")
    said = tuple(getattr(profile, "all_assumptions", ()) or getattr(profile, "assumptions", ()) or ())
    out.extend(said)
    out.extend(_defaults(solution, said))
    return tuple(dict.fromkeys(out))
