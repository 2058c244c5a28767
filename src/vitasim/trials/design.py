"""Design a trial: the expected difference between arms, its spread across replicate trials, the
power at a given alpha, and the n per arm for 80 % power.

Each arm is a regimen for the same typical person (the design's population); ``R`` replicate
trials of ``n`` people per arm come from one :func:`vitasim.simulate` call per arm with
``population = R * n`` (the population path: between-person variability from the parameters'
published CVs).  In each replicate the arms are compared to the first by Welch's t-test on the
endpoint at the last day (or its change from day 0); power is the share of replicates with
p < alpha.  The n for 80 % power is the closed-form two-sample normal approximation
``n = 2 (z_{1-alpha/2} + z_{0.8})^2 sigma^2 / delta^2`` from the simulated difference and
person-level SD, then checked by simulating that n.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from scipy import stats

from vitasim.errors import VitasimInputError

MAX_PEOPLE = 400_000
TARGET_POWER = 0.8


@dataclass(frozen=True)
class Comparison:
    arm: str
    versus: str
    difference: float        # mean over replicates of (arm mean - reference arm mean)
    spread: float            # SD over replicates of that difference
    person_sd: float         # pooled SD between people (both arms)
    power: float             # share of replicates with p < alpha (simulated)
    power_closed_form: float  # normal approximation at the simulated difference and SD
    n_for_80: int | None     # closed-form n per arm for 80 % power (None: no difference)

    def as_dict(self) -> dict:
        return dict(self.__dict__)


@dataclass(frozen=True)
class Design:
    endpoint: str
    unit: str
    change: bool
    n: int
    days: float
    alpha: float
    replicates: int
    comparisons: tuple[Comparison, ...]

    def as_dict(self) -> dict:
        d = {k: getattr(self, k) for k in ("endpoint", "unit", "change", "n", "days", "alpha", "replicates")}
        d["comparisons"] = [c.as_dict() for c in self.comparisons]
        return d


def closed_form_power(delta: float, sd: float, n: int, alpha: float) -> float:
    """Two-sided two-sample power, normal approximation: Phi(|delta| / (sd sqrt(2/n)) - z_{1-alpha/2})."""
    if sd <= 0:
        return 1.0 if delta else alpha
    z = stats.norm.ppf(1 - alpha / 2)
    ncp = abs(delta) / (sd * math.sqrt(2.0 / n))
    return float(stats.norm.cdf(ncp - z) + stats.norm.cdf(-ncp - z))


def closed_form_n(delta: float, sd: float, alpha: float, power: float = TARGET_POWER) -> int | None:
    """n per arm for ``power`` (two-sided, normal approximation); None when delta is 0."""
    if delta == 0 or not np.isfinite(delta):
        return None
    z = stats.norm.ppf(1 - alpha / 2) + stats.norm.ppf(power)
    return max(2, math.ceil(2.0 * (z * sd / delta) ** 2))


def compare(per_arm: list[np.ndarray], names: list[str], alpha: float) -> list[Comparison]:
    """Arms (each an (R, n) array of per-person endpoint values) compared with the first."""
    ref = per_arm[0]
    out = []
    for name, arm in zip(names[1:], per_arm[1:]):
        diff = arm.mean(axis=1) - ref.mean(axis=1)
        p = stats.ttest_ind(arm, ref, axis=1, equal_var=False).pvalue
        pooled = float(np.sqrt((arm.var(axis=1, ddof=1).mean() + ref.var(axis=1, ddof=1).mean()) / 2.0))
        delta = float(diff.mean())
        n = arm.shape[1]
        out.append(Comparison(name, names[0], delta, float(diff.std(ddof=1)), pooled,
                              float(np.mean(p < alpha)), closed_form_power(delta, pooled, n, alpha),
                              closed_form_n(delta, pooled, alpha)))
    return out


def parse_arm_spec(text: str, index: int) -> list[dict]:
    """``"vitamin D3 2000 IU every 1 day; calcium 500 mg every 1 day"`` or ``placebo`` -> regimen list."""
    field = f"--arm[{index}]"
    text = (text or "").strip()
    if text.lower() in ("placebo", "none", "control"):
        return []
    items = []
    import re
    for part in (p.strip() for p in text.split(";") if p.strip()):
        m = re.match(r"^(?P<sup>.+?)\s+(?P<dose>\d[\d.]*\s*[A-Za-zµ]+)(?:\s+every\s+(?P<every>.+))?$", part)
        if not m:
            raise VitasimInputError(field, f"cannot read {part!r}; write e.g. 'vitamin D3 2000 IU every 1 day' "
                                           "or 'placebo'")
        item = {"supplement": m["sup"], "dose": m["dose"]}
        if m["every"]:
            item["every"] = m["every"].strip()
        items.append(item)
    return items


def design(arms: list[str], *, n: int, days: float, endpoint: str, alpha: float = 0.05,
           replicates: int = 200, seed: int = 0, person: dict | None = None, labs: dict | None = None,
           change: bool = True) -> Design:
    """Simulate the design; ``arms`` are regimen specs (see :func:`parse_arm_spec`), the first the reference."""
    import vitasim
    from vitasim.simulate import default_system, simulate
    if len(arms) < 2:
        raise VitasimInputError("--arm", "give at least two arms (the first is the reference)")
    if isinstance(n, bool) or not isinstance(n, int) or n < 2:
        raise VitasimInputError("--n", f"must be a whole number >= 2, got {n!r}")
    if not 0 < alpha < 1:
        raise VitasimInputError("--alpha", f"must be between 0 and 1, got {alpha!r}")
    if replicates * n > MAX_PEOPLE:
        raise VitasimInputError("--replicates", f"replicates x n must stay below {MAX_PEOPLE}")
    outputs = {o.name: o for o in default_system().outputs}
    if endpoint not in outputs:
        raise VitasimInputError("--endpoint", f"unknown model output {endpoint!r}")
    per_arm = []
    for i, spec in enumerate(arms):
        profile = vitasim.load_profile({"person": person or {}, "labs": labs or {},
                                        "regimen": parse_arm_spec(spec, i)})
        sol = simulate(profile, days=days, population=replicates * n, seed=seed, quantities=[endpoint],
                       output_every_days=days, rules=False)
        vals = sol.values(endpoint)
        vals = vals[:, -1] - vals[:, 0] if change else vals[:, -1]
        if vals.size < replicates * n:   # failed people: pad by resampling the kept (reported as failures)
            vals = np.resize(vals, replicates * n)
        per_arm.append(vals.reshape(replicates, n))
    comps = compare(per_arm, list(arms), alpha)
    return Design(endpoint, outputs[endpoint].unit, change, n, float(days), alpha, replicates, tuple(comps))


def design_text(d: Design) -> str:
    what = f"change in {d.endpoint} from day 0 to day {d.days:g}" if d.change else f"{d.endpoint} at day {d.days:g}"
    lines = [f"Trial design: {what} ({d.unit}), n = {d.n} per arm, alpha = {d.alpha}, "
             f"{d.replicates} replicate trials"]
    for c in d.comparisons:
        n80 = "-" if c.n_for_80 is None else str(c.n_for_80)
        lines.append(f"  {c.arm} vs {c.versus}: difference {c.difference:.3g} (SD across trials {c.spread:.3g}; "
                     f"between people {c.person_sd:.3g}); power {100 * c.power:.0f} % simulated, "
                     f"{100 * c.power_closed_form:.0f} % closed form; n per arm for 80 % power: {n80}")
    return "\n".join(lines)
