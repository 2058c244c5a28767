"""Evidence records: one study (or review) and one outcome, read from ``data/records.yaml``."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

DESIGNS = ("meta_analysis_rct", "rct", "nonrandomised", "cohort", "case_control", "case_series", "mechanistic",
           "reference_fact")
BIAS_LEVELS = ("low", "serious", "very_serious")
DOSE_CLASSES = ("supplement", "pharmacological", "dietary", "mixed")


@dataclass(frozen=True)
class Effect:
    """An effect estimate with its 95 % CI; ``better`` says which way is good for the outcome."""

    measure: str
    value: float
    ci: tuple[float, float]
    scale: str  # "difference" (null 0) or "ratio" (null 1)
    better: str  # "higher" or "lower"
    unit: str

    @property
    def null(self) -> float:
        return 1.0 if self.scale == "ratio" else 0.0


@dataclass(frozen=True)
class Counts:
    """Events out of n per group, and the percentages and p-value the source printed."""

    treated: tuple[int, int]
    control: tuple[int, int]
    quoted_percent: tuple[str, str] | None
    quoted_p: str | None


@dataclass(frozen=True)
class Record:
    """One study (or review) and one outcome, with the intervention exactly as given."""

    id: str
    topics: tuple[str, ...]
    design: str
    n: int | None
    population: str
    population_tags: tuple[str, ...]
    intervention: str
    forms: tuple[str, ...]
    dose_class: str
    comparator: str
    outcome: str
    effect: Effect | None
    counts: Counts | None
    reported_direction: str | None  # benefit | none | harm | true | false, when no numbers carry it
    reported_basis: str
    follow_up: str
    bias: str
    bias_notes: str
    refs: tuple[str, ...]


def _direction(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _record(raw: dict) -> Record:
    pop, inter, rob = raw["population"], raw["intervention"], raw["risk_of_bias"]
    effect = None
    if "effect" in raw:
        e = raw["effect"]
        effect = Effect(e["measure"], float(e["value"]), (float(e["ci"][0]), float(e["ci"][1])), e["scale"],
                        e["better"], str(e["unit"]))
    counts = None
    if "counts" in raw:
        c = raw["counts"]
        counts = Counts(tuple(c["treated"]), tuple(c["control"]),
                        tuple(c["quoted_percent"]) if c.get("quoted_percent") else None, c.get("quoted_p"))
    reported = raw.get("reported") or {}
    record = Record(raw["id"], tuple(raw["topics"]), raw["design"], pop.get("n"), pop["description"],
                    tuple(pop.get("tags") or ()), inter["text"], tuple(inter["forms"]), inter["dose_class"],
                    str(raw["comparator"]), raw["outcome"], effect, counts, _direction(reported.get("direction")),
                    reported.get("basis", ""), raw.get("follow_up", ""), rob["level"], rob.get("notes", ""),
                    tuple(raw["refs"]))
    _validate(record)
    return record


def _validate(r: Record) -> None:
    if r.design not in DESIGNS:
        raise ValueError(f"record {r.id}: unknown design {r.design!r}")
    if r.bias not in BIAS_LEVELS:
        raise ValueError(f"record {r.id}: unknown risk-of-bias level {r.bias!r}")
    if r.dose_class not in DOSE_CLASSES:
        raise ValueError(f"record {r.id}: unknown dose class {r.dose_class!r}")
    if sum(x is not None for x in (r.effect, r.counts, r.reported_direction)) != 1:
        raise ValueError(f"record {r.id}: give exactly one of effect, counts or reported direction")
    if not r.refs:
        raise ValueError(f"record {r.id}: no reference")


@lru_cache(maxsize=1)
def records() -> dict[str, Record]:
    """Every shipped record, keyed by id."""
    raw = yaml.safe_load(resources.files("vitasim.evidence").joinpath("data").joinpath("records.yaml").read_text("utf-8"))
    out: dict[str, Record] = {}
    for item in raw:
        rec = _record(item)
        if rec.id in out:
            raise ValueError(f"record id {rec.id!r} is defined twice")
        out[rec.id] = rec
    return out


def on_topic(topic: str) -> list[Record]:
    """Records whose topics include ``topic`` (case-insensitive)."""
    key = topic.strip().lower().replace("-", "_").replace(" ", "_")
    return [r for r in records().values() if key in r.topics]


def topics() -> list[str]:
    return sorted({t for r in records().values() for t in r.topics})
