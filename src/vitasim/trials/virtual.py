"""Virtual trials: R replicate trials of an arm's n virtual people on the population path.

The arm's typical person goes through :func:`vitasim.simulate.build_problem` (the path
``simulate`` takes: the same parameter draws, dose events and time grid) for ``R * n`` people at
once; each person's covariates are then redrawn to the arm's population
(:func:`vitasim.trials.people.draw_covariates`), derived quantities and start states recomputed,
and everyone is integrated in one call of the population solver.  No Python loop over people:
only over chunks of whole replicates, so that ``R * n`` never exceeds :data:`MAX_PEOPLE_PER_CALL`
(memory).  Each replicate's arm mean per visit gives the predicted mean (median over replicates)
and the 90 % prediction interval (5th-95th percentile over replicates).
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from vitasim import units
from vitasim.errors import VitasimInputError
from vitasim.trials.people import arm_profile, draw_covariates
from vitasim.trials.registry import Arm, Endpoint, Visit

MAX_PEOPLE_PER_CALL = 40_000
MAX_PEOPLE_PER_ARM = 20_000   # beyond this, replicate trials draw their people from a simulated pool
MAX_REPLICATES = 10_000
Z95 = 1.959963984540054
MIN_POINTS = 60          # output times per arm at least (visits always on the grid)


@dataclass(frozen=True)
class VisitResult:
    """One endpoint at one visit: prediction across replicates beside the observation."""

    quantity: str
    unit: str
    kind: str
    day: float
    observed: float
    observed_lo: float | None
    observed_hi: float | None
    predicted: float            # median over replicates of the arm mean
    pi_lo: float                # 5th percentile over replicates
    pi_hi: float                # 95th percentile
    spread: float               # SD over replicates of the arm mean
    observed_change: float | None   # from the reported baseline (None when unknown)
    predicted_change: float | None

    @property
    def inside(self) -> bool:
        return self.pi_lo <= self.observed <= self.pi_hi

    def as_dict(self) -> dict:
        d = {k: getattr(self, k) for k in self.__dataclass_fields__}
        d["inside_pi"] = self.inside
        return d


@dataclass(frozen=True)
class ArmResult:
    arm: Arm
    replicates: int
    n: int
    seed: int
    visits: tuple[VisitResult, ...]
    failed: int
    people: int = 0             # virtual people simulated (R x n, or the pool size when pooled)
    curves: dict = field(default_factory=dict, compare=False, repr=False)  # quantity -> (t, p5, p50, p95)

    @property
    def pooled(self) -> bool:
        return self.people < self.replicates * self.n

    def as_dict(self) -> dict:
        return {"arm": self.arm.id, "reference": self.arm.reference, "role": self.arm.role,
                "nutrient": self.arm.nutrient, "n": self.n, "replicates": self.replicates, "seed": self.seed,
                "people_simulated": self.people, "pooled": self.pooled, "n_assumed": self.arm.population.n_assumed,
                "failed_people": self.failed, "visits": [v.as_dict() for v in self.visits]}


def _ci(v: Visit, n: int) -> tuple[float | None, float | None]:
    if v.ci is not None:
        return v.ci
    se = v.se if v.se is not None else (v.sd / math.sqrt(v.n or n) if v.sd is not None else None)
    return (None, None) if se is None else (v.mean - Z95 * se, v.mean + Z95 * se)


def _grid_hours(arm: Arm) -> tuple[float, float]:
    """(horizon in days, output spacing in days) so every visit falls on the grid."""
    hours = [int(round(v.day * 24)) for e in arm.endpoints for v in e.visits if v.day > 0]
    horizon_h = int(round(arm.horizon_days * 24))
    step = 0
    for h in hours + [horizon_h]:
        step = math.gcd(step, h)
    step = max(step, 1)
    if any(e.kind == "peak" for e in arm.endpoints):
        step = math.gcd(step, 24)   # a peak needs a daily grid
    # at least MIN_POINTS on the grid for the visual check: split the step into whole parts
    step = step / max(1, math.ceil(MIN_POINTS * step / horizon_h))
    return horizon_h / 24.0, step / 24.0


def _endpoint_values(ep: Endpoint, raw: np.ndarray, out_unit: str, compound: str | None) -> np.ndarray:
    """Per-person values of the endpoint in its own unit and kind (raw: people x times)."""
    if ep.kind == "percent_change":
        with np.errstate(divide="ignore", invalid="ignore"):
            return (raw / raw[:, :1] - 1.0) * 100.0
    vals = np.asarray(units.convert_values(raw, out_unit, ep.unit, compound), float)
    if ep.kind == "peak":   # each person's highest value up to the visit (a reported mean Cmax)
        return np.fmax.accumulate(vals, axis=1)
    return vals - vals[:, :1] if ep.kind == "change" else vals


def _solve_chunk(system, profile, arm, people: int, seed_seq, days, every, quantities):
    from vitasim.simulate import build_problem
    from vitasim.solve import get_solver
    from vitasim.solve.codegen import compile_system
    s_params, s_cov = seed_seq.spawn(2)
    problem, wanted, _ = build_problem(system, profile, days=days, population=people,
                                       seed=int(s_params.generate_state(1)[0]), quantities=quantities,
                                       output_every_days=every)
    rng = np.random.default_rng(s_cov)
    pnames = list(system.pnames)
    for name, vals in draw_covariates(system, arm, people, rng).items():
        problem.params[:, pnames.index(name)] = vals
    problem.y0[:] = 0.0
    compile_system(system).prepare_population(problem.params, problem.y0)
    ok_start = np.isfinite(problem.params).all(axis=1) & np.isfinite(problem.y0).all(axis=1)
    if not ok_start.all():  # a drawn person the model cannot start from: typical person's values instead
        problem.params[~ok_start] = problem.params[ok_start][0] if ok_start.any() else problem.params[~ok_start]
        problem.y0[~ok_start] = problem.y0[ok_start][0] if ok_start.any() else problem.y0[~ok_start]
    raw = get_solver("population").solve(problem)
    values = raw.values.copy()
    values[raw.status != 0] = np.nan
    return problem.t_out / 24.0, values, int(np.sum(raw.status != 0))


def _replicate_means(per: np.ndarray, replicates: int, n: int, rng: np.random.Generator) -> np.ndarray:
    """(R, T) arm means: exact groups of n when the pool holds R x n people, else each replicate
    resamples n people from the pool (with replacement: the pool stands for the population)."""
    if per.shape[0] == replicates * n:
        return np.nanmean(per.reshape(replicates, n, -1), axis=1)
    return np.stack([np.nanmean(per[rng.integers(0, per.shape[0], n)], axis=0) for _ in range(replicates)])


def run_arm(arm: Arm, *, replicates: int = 200, seed: int = 0, keep_curves: bool = False,
            max_people: int = MAX_PEOPLE_PER_ARM) -> ArmResult:
    """Simulate ``replicates`` trials of the arm's ``n`` people; compare each endpoint and visit.

    When ``replicates x n`` exceeds ``max_people``, a pool of ``max_people`` virtual people is
    simulated and each replicate trial draws its ``n`` people from the pool (``pooled`` in the
    result); otherwise every replicate has its own people."""
    if isinstance(replicates, bool) or not isinstance(replicates, int) or not 2 <= replicates <= MAX_REPLICATES:
        raise VitasimInputError("replicates", f"must be a whole number 2-{MAX_REPLICATES}, got {replicates!r}")
    from vitasim.simulate import default_system, system_for
    n = arm.population.n
    quantities = sorted({e.quantity for e in arm.endpoints})
    system = system_for(quantities)
    outputs = {o.name: o for o in default_system().outputs}
    profile = arm_profile(arm)
    days, every = _grid_hours(arm)
    pool = min(replicates * n, max(int(max_people), 2))
    per_call = max(n, (MAX_PEOPLE_PER_CALL // n) * n)      # whole replicates per call when exact
    root = np.random.SeedSequence(seed)
    calls = math.ceil(pool / per_call)
    seeds = root.spawn(calls + 1)
    people: dict[int, list[np.ndarray]] = {i: [] for i in range(len(arm.endpoints))}
    failed = 0
    t = None
    done = 0
    for chunk_seed in seeds[:calls]:
        m = min(per_call, pool - done)
        t, values, bad = _solve_chunk(system, profile, arm, m, chunk_seed, days, every, quantities)
        failed += bad
        for i, ep in enumerate(arm.endpoints):
            out = outputs[ep.quantity]
            people[i].append(_endpoint_values(ep, values[:, :, quantities.index(ep.quantity)], out.unit, out.compound))
        done += m
    rng = np.random.default_rng(seeds[-1])
    sums = {i: [_replicate_means(np.concatenate(people[i]), replicates, n, rng)] for i in people}
    visits = []
    curves = {}
    for i, ep in enumerate(arm.endpoints):
        means = np.concatenate(sums[i])                # (R, T)
        p5, p50, p95 = np.nanpercentile(means, [5, 50, 95], axis=0)
        if keep_curves:
            curves[f"{ep.quantity} ({ep.kind})"] = (t, p5, p50, p95, ep)
        base = arm.baseline_of(ep.quantity) if ep.kind in ("absolute", "peak") else None
        base_obs = None
        if base is not None and base.mean is not None:
            base_obs = float(units.convert_values(base.mean, base.unit, ep.unit, outputs[ep.quantity].compound))
        for v in ep.visits:
            k = int(np.argmin(np.abs(t - v.day)))
            lo, hi = _ci(v, n)
            if ep.kind in ("absolute", "peak"):
                obs_change = None if base_obs is None else v.mean - base_obs
                pred_change = None if base_obs is None else float(np.nanmedian(means[:, k] - means[:, 0]))
            else:
                obs_change, pred_change = v.mean, float(p50[k])
            visits.append(VisitResult(ep.quantity, ep.unit, ep.kind, float(v.day), float(v.mean), lo, hi,
                                      float(p50[k]), float(p5[k]), float(p95[k]), float(np.nanstd(means[:, k])),
                                      obs_change, pred_change))
    return ArmResult(arm, replicates, n, seed, tuple(visits), failed, pool, curves)
