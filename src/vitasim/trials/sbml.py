"""Export the coupled model, with one profile's parameters and dose events, as SBML.

The translation is the solver package's own (:mod:`vitasim.solve.antimony`, used for the
libroadrunner cross-check): the typical person's constants (parameters, covariates, derived
quantities) and start states come from :func:`vitasim.simulate.build_problem`, the equations as
rate rules, intermediates and outputs as assignment rules (``out_<name>``), and the profile's
doses as SBML events (periodic streams as one counting event each) -- so the file carries the
whole scenario and any SBML tool reproduces vitasim's path.  Time is in hours.
"""
from __future__ import annotations

from pathlib import Path

from vitasim.errors import VitasimInputError
from vitasim.report.files import write_atomic

DEFAULT_DAYS = 365.0


def scenario_problem(profile, *, days: float = DEFAULT_DAYS, quantities=None, output_every_days: float | None = None):
    """The one-person Problem of ``profile`` on the full (or smallest sufficient) system."""
    from vitasim.simulate import build_problem, system_for
    system = system_for(quantities)
    problem, _, _ = build_problem(system, profile, days=days, population=1, seed=None,
                                  quantities=list(quantities) if quantities else [o.name for o in system.outputs],
                                  output_every_days=output_every_days)
    return problem


def sbml_text(problem, *, name: str = "vitasim") -> str:
    """SBML of one person of ``problem`` with its dose events."""
    try:
        from vitasim.solve.antimony import event_lines, to_antimony, to_sbml
        text = to_antimony(problem.system, problem.params[0], problem.y0[0], name=name)
        body = text.rsplit("end", 1)[0]
        text = body + "\n".join(event_lines(problem.system, problem.ev_t, problem.ev_s, problem.ev_a)) + "\nend\n"
        return to_sbml(text)
    except ImportError:
        raise VitasimInputError("--sbml", "SBML export needs the optional package antimony "
                                          "(pip install antimony libroadrunner)") from None


def export(profile, path: str | Path, *, days: float = DEFAULT_DAYS) -> Path:
    """Write ``profile``'s coupled model and its doses up to ``days`` as SBML, atomically."""
    path = Path(path)
    if path.suffix.lower() not in (".xml", ".sbml"):
        raise VitasimInputError("--sbml", "the SBML file must end in .xml or .sbml")
    name = "".join(ch if ch.isalnum() else "_" for ch in (profile.name or "vitasim")) or "vitasim"
    if not name[0].isalpha():
        name = "m_" + name
    return write_atomic(path, sbml_text(scenario_problem(profile, days=days), name=name).encode())
