"""Plans on the person's own posterior: when a profile carries labs taken on its regimen,
``check`` and ``plan`` judge candidates on draws of the person's learnt parameters (Laplace
posterior of :func:`vitasim.fit.fit`) instead of on the population around the profile, and say
how much the person's data changed the answer.

The posterior reaches the simulations through :func:`vitasim.population.individuals_in_use`;
parameters the labs do not inform keep their population draws.  Plans still start at day 0 of
the profile: the posterior answers "how does this person respond to a regimen".
"""
from __future__ import annotations

from dataclasses import replace
from typing import Callable

from vitasim.errors import VitasimInputError
from vitasim.planner.results import Explanation, PlanResult
from vitasim.planner.search import Candidate, evaluate
from vitasim.population import individuals_in_use
from vitasim.profile import Profile

CODE = "FIT_PERSONAL"


def posterior(profile: Profile):
    """The person's fit, or None when the profile has no lab after day 0 that a model can learn from."""
    if not any(r.when.day > 0 for history in profile.lab_history.values() for r in history):
        return None
    import numpy as np
    from vitasim.fit import fit
    try:
        return fit(profile)
    except (VitasimInputError, np.linalg.LinAlgError):   # nothing to learn, or a degenerate posterior
        return None


def _population_fraction(profile: Profile, outcome, population: int, seed: int) -> float | None:
    """The regimen an outcome was judged on, judged again on the population around the profile."""
    if outcome.solution is None or outcome.fraction_in is None:
        return None
    regimen = outcome.solution.profile.regimen
    return evaluate(profile, regimen, Candidate(outcome.label or "regimen", ()), outcome.target,
                    population=population, seed=seed).fraction_in


def personalise(profile: Profile, run: Callable[[], PlanResult], *, population: int, seed: int) -> PlanResult:
    """``run()`` on the person's posterior when the profile has a usable lab history, with one
    explanation per informed target comparing the personal and population-based probabilities."""
    fitted = posterior(profile)
    if fitted is None:
        return run()
    with individuals_in_use(fitted.individuals(population, seed)):
        result = run()
    learnt = {e.module for e in fitted.model.estimated}
    outputs = set(fitted.model.outputs)
    labs = ", ".join(f"{f.lab} day {f.day:g}" for f in fitted.labs if f.used)
    notes = []
    for outcome in result.targets:
        if outcome.fraction_in is None or outcome.target.quantity not in outputs:
            continue
        pop = _population_fraction(profile, outcome, population, seed)
        shift = "" if pop is None else (f"; for the same regimen the population around the profile gives {pop:.0%}, "
                                        f"so the person's labs {'raised' if outcome.fraction_in > pop else 'lowered' if outcome.fraction_in < pop else 'did not change'} "
                                        f"it by {abs(outcome.fraction_in - pop):.0%}")
        notes.append(Explanation(CODE, f"{outcome.target.code}: planned on this person's posterior (learnt from {labs}; "
                                       f"{', '.join(sorted(learnt))}): {outcome.label or 'the regimen'} reaches the "
                                       f"target with probability {outcome.fraction_in:.0%} and stays below the danger threshold with "
                                       f"probability {outcome.fraction_safe:.0%}{shift}. "
                                       + " ".join(fitted.notes), tuple(fitted.refs)))
    return replace(result, explanations=result.explanations + tuple(notes))
