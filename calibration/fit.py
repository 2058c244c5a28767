"""Joint calibration engine: fit a module's population parameters to many published trial arms at once.

Why: fitting one trial at a time by hand breaks the next trial (issue 10).  Here every calibration
arm of ``calibration/data/<module>.yaml`` (arm schema: /work/briefs/arm_schema.md, the same records
as the trial registry) is simulated for its typical person (the population path, one person with
the arm's mean covariates and baselines) on its regimen, and the parameters named by the module's
fit specification (``calibration/<module>.py``: ``FIT``) are estimated by weighted least squares
(``scipy.optimize.least_squares``) on log scale.  Validation arms are simulated with the fitted values
and reported, never fitted.

Weights: each visit's residual is (model - observed) / sigma with
sigma = sqrt(SE_reported^2 + (floor * |observed effect|)^2).  SE_reported comes from the arm (``se``,
``sd``/sqrt(n) or a 95 % CI); the floor (``FLOOR``, 10 %) stands for model and between-trial error
(assays, seasons, adherence), so that one huge trial (VITAL, n = 1644) does not take all the weight
and arms without a reported spread still count.

Run: ``python calibration/fit.py vitamin_d`` writes ``calibration/fits/vitamin_d.json`` (values,
objective, per-arm residuals for calibration and validation arms) atomically.
``tests/calibration/`` checks the module's declared values against that file without refitting.
"""
from __future__ import annotations

import argparse
import importlib
import json
import math
import os
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import yaml

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"
FITS = HERE / "fits"
FLOOR = 0.10  # relative model/between-trial error added in quadrature to each arm's SE

_SUPPLEMENT_NAMES = {"vitamin d3": "D3", "vitamin d2": "D2"}


@dataclass
class Visit:
    """One observed mean at one day, with its standard error where the arm reports a spread."""
    day: float
    mean: float
    se: float | None


@dataclass
class Endpoint:
    quantity: str
    unit: str
    kind: str  # absolute | change | percent_change
    visits: list[Visit]


@dataclass
class Arm:
    """A trial arm as the calibration needs it (the record's fields that drive a simulation)."""
    id: str
    role: str
    nutrient: str
    reference: str
    person: dict
    labs: dict
    regimen: list[dict]
    medications: list
    conditions: list
    endpoints: list[Endpoint]
    raw: dict = field(repr=False, default_factory=dict)

    @property
    def days(self) -> float:
        return max(v.day for e in self.endpoints for v in e.visits)


def _mean_of(spec: dict | float | None, default: float | None = None) -> float | None:
    if spec is None:
        return default
    if isinstance(spec, (int, float)):
        return float(spec)
    if "mean" in spec:
        return float(spec["mean"])
    if "min" in spec and "max" in spec:
        return (float(spec["min"]) + float(spec["max"])) / 2.0
    return default


def _se(visit: dict, n: int | None) -> float | None:
    if visit.get("se") is not None:
        return float(visit["se"])
    if visit.get("ci") is not None:
        lo, hi = visit["ci"]
        return (float(hi) - float(lo)) / (2 * 1.96)
    if visit.get("sd") is not None and n:
        return float(visit["sd"]) / math.sqrt(n)
    return None


def parse_arm(rec: dict) -> Arm:
    """One arm record -> Arm (typical-person profile pieces and endpoints)."""
    pop = rec["population"]
    n = pop.get("n")
    person = {"age": _mean_of(pop.get("age"), 50.0),
              "sex": "female" if float(pop.get("female_fraction", 0.5)) >= 0.5 else "male"}
    if pop.get("weight") is not None:
        person["weight"] = f"{_mean_of(pop['weight'])} {pop['weight'].get('unit', 'kg')}"
    labs = {name: f"{spec['mean']} {spec['unit']}" for name, spec in (pop.get("baseline") or {}).items()}
    if pop.get("egfr") is not None:
        labs["egfr"] = f"{_mean_of(pop['egfr'])} {pop['egfr'].get('unit', 'mL/min/1.73m2')}"
    regimen = []
    for item in rec.get("regimen") or []:
        item = dict(item)
        item["supplement"] = _SUPPLEMENT_NAMES.get(str(item["supplement"]).lower(), item["supplement"])
        regimen.append(item)
    endpoints = [Endpoint(e["quantity"], e["unit"], e.get("kind", "absolute"),
                          [Visit(float(v["day"]), float(v["mean"]), _se(v, n)) for v in e["visits"]])
                 for e in rec["endpoints"]]
    return Arm(rec["id"], rec["role"], rec["nutrient"], rec["reference"], person, labs, regimen,
               list(pop.get("medications") or []), list(pop.get("conditions") or []), endpoints, rec)


def load_arms(module: str) -> list[Arm]:
    """All arms of ``calibration/data/<module>.yaml`` (roles as recorded)."""
    records = yaml.safe_load((DATA / f"{module}.yaml").read_text())
    arms = [parse_arm(r) for r in records]
    ids = [a.id for a in arms]
    if len(set(ids)) != len(ids):
        raise ValueError(f"duplicate arm ids in {module}.yaml")
    bad = [a.id for a in arms if a.role not in ("calibration", "validation")]
    if bad:
        raise ValueError(f"arms without a calibration/validation role: {bad}")
    return arms


def profile_for(arm: Arm):
    """The arm's typical person as a vitasim profile."""
    import vitasim
    spec = {"person": dict(arm.person), "labs": dict(arm.labs), "regimen": list(arm.regimen)}
    if arm.medications:
        spec["medications"] = arm.medications
    if arm.conditions:
        spec["conditions"] = arm.conditions
    return vitasim.load_profile(spec)


def simulate_arm(system, arm: Arm) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Typical-person trajectory of each endpoint quantity: {quantity: (days, values in the endpoint's unit)}."""
    from vitasim.simulate import simulate
    quantities = sorted({e.quantity for e in arm.endpoints})
    res = simulate(profile_for(arm), days=arm.days, solver="population", quantities=quantities,
                   output_every_days=1, system=system, rules=False, per_person=True)
    t = np.asarray(res.data["time"].values, dtype=float)
    out = {}
    for e in arm.endpoints:
        out[e.quantity + "|" + e.unit] = (t, np.asarray(res.values(e.quantity, e.unit))[0])
    return out


def _effect(kind: str, value: float, base: float) -> float:
    if kind == "percent_change":
        return 100.0 * (value / base - 1.0)
    if kind == "change":
        return value - base
    return value


def arm_residuals(systems: "_Systems", arm: Arm) -> list[dict]:
    """Per-visit model vs observed for one arm (model computed the way the endpoint is reported)."""
    traj = simulate_arm(systems.for_arm(arm), arm)
    rows = []
    for e in arm.endpoints:
        t, y = traj[e.quantity + "|" + e.unit]
        base = float(y[0])
        for v in e.visits:
            model = _effect(e.kind, float(np.interp(v.day, t, y)), base)
            # the size of the effect the floor scales with: the change (absolute endpoints: final - baseline)
            obs_base = base if e.kind == "absolute" else 0.0
            scale = abs(v.mean - obs_base) if e.kind == "absolute" else abs(v.mean)
            sigma = math.sqrt((v.se or 0.0) ** 2 + (FLOOR * max(scale, 1e-9)) ** 2)
            rows.append({"arm": arm.id, "role": arm.role, "quantity": e.quantity, "unit": e.unit, "kind": e.kind,
                         "day": v.day, "observed": v.mean, "model": model, "sigma": sigma,
                         "weighted_residual": (model - v.mean) / sigma,
                         "observed_change": v.mean - obs_base if e.kind == "absolute" else v.mean,
                         "model_change": model - obs_base if e.kind == "absolute" else model})
    return rows


@dataclass
class FitSpec:
    """What a module's calibration fits: parameter names, start values (None: declared), bounds."""
    module: str
    parameters: tuple[str, ...]
    bounds: dict[str, tuple[float, float]]
    quantities: tuple[str, ...]
    start: dict[str, float] = field(default_factory=dict)
    diff_step: float = 1e-2
    # a sequential step after the joint fit: (fitted values) -> {further parameter: value}, with its
    # own documented target (e.g. vitamin D2's relative potency); recorded in the summary
    post: object | None = None
    post_note: str = ""


class _Systems:
    """The smallest system for each arm's endpoints, with the given parameter values (built once per set)."""

    def __init__(self, values: dict[str, float]):
        self.values = values
        self._cache: dict[tuple[str, ...], object] = {}

    def for_arm(self, arm: Arm):
        from vitasim.model import with_parameters
        from vitasim.simulate import system_for
        key = tuple(sorted({e.quantity for e in arm.endpoints}))
        if key not in self._cache:
            base = system_for(list(key))
            known = {p.name for p in base.parameters}
            self._cache[key] = with_parameters(base, **{k: v for k, v in self.values.items() if k in known})
        return self._cache[key]


def declared_values(spec: FitSpec) -> dict[str, float]:
    from vitasim.simulate import system_for
    system = system_for(list(spec.quantities))
    return {p.name: float(p.value) for p in system.parameters if p.name in spec.parameters}


def run_fit(spec: FitSpec, arms: list[Arm], *, max_nfev: int = 200, log=print) -> dict:
    """Weighted least squares on the calibration arms; a summary dict (see module docstring)."""
    from scipy.optimize import least_squares
    cal = [a for a in arms if a.role == "calibration"]
    val = [a for a in arms if a.role == "validation"]
    start = {**declared_values(spec), **spec.start}
    names = list(spec.parameters)
    lo = np.log([spec.bounds[n][0] for n in names])
    hi = np.log([spec.bounds[n][1] for n in names])
    x0 = np.clip(np.log([start[n] for n in names]), lo + 1e-9, hi - 1e-9)

    def residuals(x: np.ndarray) -> np.ndarray:
        systems = _Systems(dict(zip(names, np.exp(x))))
        r = [row["weighted_residual"] for a in cal for row in arm_residuals(systems, a)]
        return np.asarray(r)

    r0 = residuals(x0)
    log(f"start {dict(zip(names, np.round(np.exp(x0), 5)))}: objective {float(r0 @ r0):.3f}")
    fit = least_squares(residuals, x0, bounds=(lo, hi), diff_step=spec.diff_step, max_nfev=max_nfev)
    values = dict(zip(names, (float(f"{v:.4g}") for v in np.exp(fit.x))))
    post = {}
    if spec.post is not None:
        post = spec.post(values)
        log(f"sequential step: {post} ({spec.post_note})")
        values = {**values, **post}
    systems = _Systems(values)
    rows = [row for a in cal + val for row in arm_residuals(systems, a)]
    cal_r = np.array([r["weighted_residual"] for r in rows if r["role"] == "calibration"])
    log(f"fit {values}: objective {float(cal_r @ cal_r):.3f} ({fit.message})")
    return {"module": spec.module, "parameters": values, "start": {n: start[n] for n in names},
            "bounds": {n: list(spec.bounds[n]) for n in names}, "objective": float(cal_r @ cal_r),
            "sequential_step": {"parameters": post, "note": spec.post_note} if post else None,
            "objective_start": float(r0 @ r0), "n_calibration_points": int(cal_r.size),
            "floor": FLOOR, "optimizer": {"nfev": int(fit.nfev), "status": int(fit.status), "message": fit.message},
            "arms": rows, "summary": summarise(rows)}


def fold_error(model_change: float, observed_change: float) -> float:
    """Fold error of the effect (both signed the same way; otherwise the ratio of magnitudes + 1)."""
    if observed_change == 0:
        return float("nan")
    if model_change * observed_change <= 0:
        return float("inf")
    r = model_change / observed_change
    return max(r, 1.0 / r)


def summarise(rows: list[dict]) -> dict:
    """Geometric mean fold error of the effect and share within 1.25-fold, per role."""
    out = {}
    for role in ("calibration", "validation"):
        folds = [fold_error(r["model_change"], r["observed_change"]) for r in rows if r["role"] == role]
        finite = [f for f in folds if math.isfinite(f)]
        if not folds:
            continue
        out[role] = {"points": len(folds),
                     "gmfe": float(np.exp(np.mean(np.log(finite)))) if finite else None,
                     "within_1.25": float(np.mean([f <= 1.25 for f in folds]))}
    return out


def write_json(path: Path, payload: dict) -> None:
    """Write ``payload`` atomically (temporary file in the same folder, then rename)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    try:
        with os.fdopen(fd, "w") as fh:
            json.dump(payload, fh, indent=2, sort_keys=False, default=float)
            fh.write("\n")
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def load_fit(module: str) -> dict:
    """The last fit written for ``module`` (calibration/fits/<module>.json)."""
    return json.loads((FITS / f"{module}.json").read_text())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("module", help="module whose fit to re-run (calibration/<module>.py defines FIT)")
    parser.add_argument("--max-nfev", type=int, default=200)
    parser.add_argument("--report", action="store_true",
                        help="only simulate every arm with the declared values and print residuals (no fit, nothing written)")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(HERE))
    mod = importlib.import_module(args.module)
    spec: FitSpec = getattr(mod, "JOINT_FIT", None) or mod.FIT  # JOINT_FIT where FIT names an older fit
    arms = load_arms(args.module)
    if args.report:
        systems = _Systems(declared_values(spec))
        rows = [row for a in arms for row in arm_residuals(systems, a)]
        print_rows(rows)
        print(json.dumps(summarise(rows), indent=2))
        return 0
    result = run_fit(spec, arms, max_nfev=args.max_nfev)
    print_rows(result["arms"])
    print(json.dumps(result["summary"], indent=2))
    write_json(FITS / f"{args.module}.json", result)
    print(f"wrote {FITS / (args.module + '.json')}")
    return 0


def print_rows(rows: list[dict]) -> None:
    for r in rows:
        print(f"{r['role'][:3]} {r['arm']:40s} {r['quantity']:6s} d{r['day']:>5.0f} {r['kind']:14s} "
              f"obs {r['observed']:8.2f} model {r['model']:8.2f} ({r['unit']}) w.res {r['weighted_residual']:+6.2f}")


if __name__ == "__main__":
    raise SystemExit(main())
