"""Certainty of evidence computed from recorded facts, in the spirit of GRADE (guyatt2008grade).

Per record: start from the design (randomised trials and their meta-analyses high; observational
and non-randomised low; case series and mechanistic studies very low; ``reference_fact``, an
established statement of a reference body or biochemistry review, high: a documented departure,
since GRADE rates effects, not facts).  Rate down one level for serious and two for very serious
risk of bias; for imprecision one level when the 95 % CI includes no effect, two when it also
includes appreciable benefit and harm (ratio beyond 0.75 and 1.25, guyatt2011imprecision), and one
when no CI or counts are reported (precision cannot be judged); for indirectness one level for each
of form, dose class and population where the claim differs from the record (at most two).  Rate up
(observational designs only, with nothing rated down) one level for a ratio beyond 2 or 0.5 and two
beyond 5 or 0.2.  Across records: one more level down for inconsistency when the records at
low certainty or above point in different directions.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from vitasim.evidence import stats
from vitasim.evidence.records import Record

LEVELS = {4: "high", 3: "moderate", 2: "low", 1: "very low"}
START = {"meta_analysis_rct": 4, "rct": 4, "reference_fact": 4, "nonrandomised": 2, "cohort": 2,
         "case_control": 2, "case_series": 1, "mechanistic": 1}
APPRECIABLE = (0.75, 1.25)  # ratio bounds of appreciable benefit/harm (guyatt2011imprecision)


@dataclass(frozen=True)
class Context:
    """What a claim is about: the forms it names, its dose class and population tags (empty = unstated)."""

    forms: frozenset[str] = frozenset()
    dose_class: str | None = None
    population: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Grade:
    record: Record
    direction: str  # benefit | none | harm | true | false
    level: int
    reasons: tuple[str, ...] = field(default_factory=tuple)
    recomputed: stats.Recomputation | None = None

    @property
    def certainty(self) -> str:
        return LEVELS[self.level]


def direction_of(record: Record) -> tuple[str, stats.Recomputation | None]:
    """The direction the record's own numbers give (computed where numbers exist)."""
    if record.effect is not None:
        e = record.effect
        lo, hi = e.ci
        if lo <= e.null <= hi:
            return "none", None
        above = lo > e.null
        return ("benefit" if above == (e.better == "higher") else "harm"), None
    if record.counts is not None:
        c = record.counts
        (k1, n1), (k2, n2) = c.treated, c.control
        res = stats.two_proportions(k1, n1, k2, n2)
        pct = c.quoted_percent or (f"{100 * k1 / n1:.2f}", f"{100 * k2 / n2:.2f}")
        check = stats.check_two_proportions(pct[0], n1, pct[1], n2, c.quoted_p)
        if min(res["p_chi2"], res["p_yates"], res["p_fisher"]) >= stats.ALPHA:
            return "none", check
        return ("benefit" if k1 / n1 > k2 / n2 else "harm"), check
    return str(record.reported_direction), None


def _imprecision(record: Record, direction: str) -> tuple[int, str | None]:
    if record.effect is not None:
        e = record.effect
        lo, hi = e.ci
        if not lo <= e.null <= hi:
            return 0, None
        if e.scale == "ratio" and lo < APPRECIABLE[0] and hi > APPRECIABLE[1]:
            return 2, "imprecision: the 95 % CI includes appreciable benefit and appreciable harm"
        return 1, f"imprecision: the 95 % CI ({lo:g} to {hi:g} {e.unit}) includes no effect"
    if record.counts is not None:
        return (1, "imprecision: on the counts no standard test reaches p < 0.05") if direction == "none" else (0, None)
    if record.design == "reference_fact":
        return 0, None
    return 1, "imprecision: no CI or counts reported, precision cannot be judged"


def _indirectness(record: Record, claim: Context) -> list[str]:
    reasons = []
    missing = sorted(f for f in claim.forms if f not in record.forms and not _covers(record.forms, f))
    if missing:
        reasons.append(f"indirectness: the claim is about {', '.join(missing)}; the study gave "
                       f"{record.intervention}")
    if claim.dose_class and record.dose_class not in ("mixed", claim.dose_class, "dietary"):
        reasons.append(f"indirectness: {record.dose_class} dose in the study, {claim.dose_class} dose in the claim")
    absent = sorted(claim.population - set(record.population_tags))
    if absent:
        reasons.append(f"indirectness: the claim concerns {', '.join(absent)}; the study population was "
                       f"{record.population}")
    return reasons[:2]


# generic names a claim may use that a specific form in a record satisfies
_FAMILIES = {"menaquinone": {"mk4", "mk7"}, "vitamin_k": {"mk4", "mk7", "phylloquinone", "menaquinone"},
             "b12": {"cyanocobalamin", "methylcobalamin", "food_b12"},
             "vitamin_d": {"cholecalciferol", "ergocalciferol", "alfacalcidol"}}


def _covers(record_forms: tuple[str, ...], claimed: str) -> bool:
    """A claimed form is covered by the same form, by a more specific one of its family (claim "K2",
    study MK-7) or by the family name itself (a statement about vitamin K in general)."""
    return any(f == claimed or f in _FAMILIES.get(claimed, set()) or claimed in _FAMILIES.get(f, set())
               for f in record_forms)


def grade(record: Record, claim: Context | None = None) -> Grade:
    """Certainty of one record, for a claim's context when given."""
    claim = claim or Context()
    direction, check = direction_of(record)
    level = START[record.design]
    reasons = [f"start {LEVELS[level]}: design {record.design.replace('_', ' ')}"]
    down = 0
    if record.bias == "serious":
        down += 1
        reasons.append(f"risk of bias (serious): {record.bias_notes}")
    elif record.bias == "very_serious":
        down += 2
        reasons.append(f"risk of bias (very serious): {record.bias_notes}")
    steps, why = _imprecision(record, direction)
    if steps:
        down += steps
        reasons.append(why)
    indirect = _indirectness(record, claim)
    down += len(indirect)
    reasons.extend(indirect)
    up = 0
    if down == 0 and START[record.design] == 2 and record.effect and record.effect.scale == "ratio":
        v = record.effect.value
        if v >= 5 or v <= 0.2:
            up = 2
        elif v >= 2 or v <= 0.5:
            up = 1
        if up:
            reasons.append(f"rated up {up}: large effect (ratio {v:g})")
    level = max(1, min(4, level - down + up))
    return Grade(record, direction, level, tuple(reasons), check)


VERDICTS = ("supported", "partly supported", "unsupported", "contradicted")


@dataclass(frozen=True)
class Verdict:
    verdict: str
    certainty: str
    reasons: tuple[str, ...]
    grades: tuple[Grade, ...]


def judge(asserts: str, grades: list[Grade]) -> Verdict:
    """A claim's verdict from the records bearing on it.

    Body certainty is the highest record certainty, one level lower when records at low certainty
    or above disagree in direction (inconsistency).  The body's direction is that of its
    highest-certainty records (mixed when they disagree).  Agreeing: supported at moderate or high,
    partly supported at low, unsupported at very low.  Disagreeing: contradicted at moderate or
    high, unsupported below.  Mixed: partly supported, or unsupported at very low certainty.
    """
    if not grades:
        raise ValueError("no evidence to judge")
    top = max(g.level for g in grades)
    leading = {g.direction for g in grades if g.level == top}
    directions = {g.direction for g in grades if g.level >= 2}
    reasons = []
    level = top
    if len(directions) > 1:
        level = max(1, top - 1)
        reasons.append("inconsistency: records point in different directions (" + ", ".join(sorted(directions)) + ")")
    if len(leading) > 1:
        verdict = "partly supported" if level >= 2 else "unsupported"
        reasons.append("the strongest records disagree")
    elif leading == {asserts}:
        verdict = "supported" if level >= 3 else "partly supported" if level == 2 else "unsupported"
        reasons.append(f"the strongest evidence agrees with the claim at {LEVELS[level]} certainty")
    else:
        verdict = "contradicted" if level >= 3 else "unsupported"
        reasons.append(f"the strongest evidence finds {next(iter(leading))!s} where the claim says {asserts}, "
                       f"at {LEVELS[level]} certainty")
    return Verdict(verdict, LEVELS[level], tuple(reasons), tuple(sorted(grades, key=lambda g: -g.level)))
