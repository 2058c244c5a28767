"""The public functions: load a profile, simulate it, and get findings with the result."""
from __future__ import annotations

from pathlib import Path
from typing import Any



from vitasim import physiology
from vitasim.profile import Profile, profile_from_dict, read_profile_file
from vitasim.rules import Finding, RuleContext, run_rules
from vitasim.simulate import SimulationResult, default_system, run

DISCLAIMER = ("vitasim is a research and education tool, not a medical device and not medical advice. "
              "Discuss any change of supplements or medicines with a clinician.")


def load_profile(source: str | Path | dict[str, Any]) -> Profile:
    """Read and validate a profile from a YAML/JSON file path or a mapping.

    Raises :class:`~vitasim.errors.VitasimInputError` naming the bad field.
    """
    system = default_system()
    data = source if isinstance(source, dict) else read_profile_file(source)
    return profile_from_dict(data, system)


def unknown_name_findings(profile: Profile) -> list[Finding]:
    """Unknown medicines and conditions are reported, never silently ignored."""
    found = []
    for kind, items in (("medication", profile.unknown_medications), ("condition", profile.unknown_conditions)):
        if not items:
            continue
        names = "; ".join(f"'{name}'" + (f" (did you mean '{near}'?)" if near else "") for name, near in items)
        found.append(Finding(f"PROFILE_UNKNOWN_{kind.upper()}", "caution",
                             f"Unknown {kind}{'s' if len(items) > 1 else ''} {names}: not checked for interactions.",
                             ()))
    return found


def simulate(profile: Profile | str | Path | dict[str, Any], days: float = 180, *, population: int = 1,
             seed: int | None = 0, solver: str = "auto", quantities: list[str] | None = None,
             output_every_days: float | None = None, progress=None) -> SimulationResult:
    """Simulate one person (``population=1``, the typical person) or a seeded virtual population.

    Parameters
    ----------
    profile : a Profile, a path to a YAML/JSON profile, or a mapping.
    days : horizon in days (1-36500).
    population : number of virtual people; above 1 the result holds median, p5 and p95.
    seed : random seed of the virtual population (reproducible bit for bit).
    solver : ``"auto"`` (the compiled population path; for one person at rtol 1e-7),
        ``"population"`` or ``"reference"`` (scipy Radau at rtol 1e-9, for validation).
    quantities : output names to keep (default: all).
    output_every_days : spacing of the output grid (default: 1 day up to 3 years, else 7).
    progress : optional callback ``(done, total)`` called as blocks of people finish.

    Returns
    -------
    SimulationResult with ``.data`` (xarray Dataset with units) and ``.findings``.

    Examples
    --------
    >>> res = simulate({"person": {"age": 70, "weight": "70 kg"}, "labs": {"25ohd": "20 ng/mL"},
    ...                 "regimen": [{"supplement": "D3", "dose": "1000 IU", "every": "1 day"}]}, days=30)
    >>> round(float(res.data["25ohd"][-1]), 0) > 20
    True
    """
    if not isinstance(profile, Profile):
        profile = load_profile(profile)
    result, raw, problem = run(profile, days=days, population=population, seed=seed, solver=solver,
                               quantities=quantities, output_every_days=output_every_days,
                               progress=progress)
    system = problem.system
    per_person = {}
    for k, idx in enumerate(problem.keep):
        per_person[system.outputs[idx].name] = raw.values[raw.status == 0, :, k]
    ctx = RuleContext(profile, system, float(days), problem.t_out / 24.0, per_person, result.defaulted)
    findings = list(run_rules(physiology.rule_sets(), ctx))  # merged: one finding per code
    findings.extend(unknown_name_findings(profile))
    if result.failed:
        findings.append(Finding("SOLVER_FAILED", "caution",
                                f"The solver failed for {result.failed} of {result.population} virtual people; "
                                "their trajectories are left out of the summary.", ("hairer1996",)))
    from dataclasses import replace
    return replace(result, findings=tuple(findings))


__all__ = ["DISCLAIMER", "load_profile", "simulate"]
