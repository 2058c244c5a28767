"""The claim matcher: sentences -> claim types, from the rules shipped in ``data/claims.yaml``.

A rule matches a sentence when each of its ``all`` groups has a pattern in the sentence, each of its
``near`` groups has one in the sentence or a neighbouring sentence of the same paragraph, and none of
its ``none`` patterns is in the sentence.  The claim's context (forms, population, dose class) is
read from the sentence itself.  A sentence that names a nutrient and carries a claim marker but
matches no rule is "checkable" and is reported as not assessed, never dropped.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

from vitasim.evidence.grading import Context
from vitasim.evidence.text import Sentence


def _compile(patterns: list[str]) -> tuple[re.Pattern, ...]:
    return tuple(re.compile(p, re.I) for p in patterns)


@dataclass(frozen=True)
class Rule:
    id: str
    summary: str
    all: tuple[tuple[re.Pattern, ...], ...]
    near: tuple[tuple[re.Pattern, ...], ...]
    none: tuple[re.Pattern, ...]
    asserts: str | None
    records: tuple[str, ...]
    dose_class: str | None
    families: tuple[str, ...]
    food: dict | None  # nutrient, food pattern and targets for computed food answers


@dataclass(frozen=True)
class Rules:
    claims: tuple[Rule, ...]
    foods: tuple[Rule, ...]
    nutrients: tuple[re.Pattern, ...]
    markers: tuple[re.Pattern, ...]
    forms: dict[str, tuple[re.Pattern, ...]]
    families: dict[str, frozenset[str]]
    population: dict[str, tuple[re.Pattern, ...]]
    pharmacological: tuple[re.Pattern, ...]


def _rule(raw: dict, food: bool) -> Rule:
    extra = {k: raw[k] for k in ("nutrient", "foods", "targets") if k in raw} if food else None
    return Rule(raw["id"], raw["summary"], tuple(_compile(g) for g in raw.get("all", [])),
                tuple(_compile(g) for g in raw.get("near", [])), _compile(raw.get("none", [])),
                None if food else str(raw["asserts"]), tuple(raw.get("records", [])), raw.get("dose_class"),
                tuple(raw.get("families", [])), extra)


@lru_cache(maxsize=1)
def rules() -> Rules:
    """The shipped rules, compiled once."""
    raw = yaml.safe_load(resources.files("vitasim.evidence").joinpath("data").joinpath("claims.yaml")
                         .read_text("utf-8"))
    return Rules(tuple(_rule(r, False) for r in raw["claims"]), tuple(_rule(r, True) for r in raw["foods"]),
                 _compile(raw["nutrient_terms"]), _compile(raw["claim_markers"]),
                 {k: _compile(v) for k, v in raw["forms"].items()},
                 {k: frozenset(v) for k, v in raw["families"].items()},
                 {k: _compile(v) for k, v in raw["population"].items()}, _compile(raw["pharmacological_dose"]))


def _any(patterns, text: str) -> bool:
    return any(p.search(text) for p in patterns)


def matches(rule: Rule, sentence: Sentence, neighbours: str) -> bool:
    """Does ``rule`` match ``sentence`` (``neighbours``: the adjacent sentences' text)?

    Questions are not claims, and a sentence must carry a claim marker itself (food rules carry
    their own amount words instead).
    """
    text = sentence.text
    if text.rstrip().endswith("?") or _any(rule.none, text):
        return False
    if rule.food is None and not _any(rules().markers, text):
        return False
    if not all(_any(group, text) for group in rule.all):
        return False
    return all(_any(group, text) or _any(group, neighbours) for group in rule.near)


def context(rule: Rule, text: str, neighbours: str = "") -> Context:
    """Forms, population and dose class the sentence names (the rule's default dose if none).

    Forms are those of the rule's families (none when it lists none); when the sentence names none ("both vitamins"), the
    previous sentence's (``neighbours``) are used.
    """
    r = rules()
    allowed = set().union(*(r.families[f] for f in rule.families))
    forms = {name for name, pats in r.forms.items() if name in allowed and _any(pats, text)}
    if not forms and neighbours:
        forms = {name for name, pats in r.forms.items() if name in allowed and _any(pats, neighbours)}
    # a specific form named makes its generic family name redundant ("K2 (MK-7)" is about MK-7)
    if forms & {"mk4", "mk7"}:
        forms -= {"menaquinone", "vitamin_k"}
    if forms & {"menaquinone", "phylloquinone"}:
        forms.discard("vitamin_k")
    if forms & {"cholecalciferol", "ergocalciferol", "alfacalcidol"}:
        forms.discard("vitamin_d")
    if forms & {"methylcobalamin", "cyanocobalamin"}:
        forms.discard("b12")
    population = {name for name, pats in r.population.items() if _any(pats, text)}
    dose = "pharmacological" if _any(r.pharmacological, text) else rule.dose_class
    return Context(frozenset(forms), dose, frozenset(population))


def is_checkable(text: str) -> bool:
    """Names a nutrient and carries a claim marker (and is not a question): a sentence that could be checked."""
    r = rules()
    return not text.rstrip().endswith("?") and _any(r.nutrients, text) and _any(r.markers, text)


def previous_of(sentences: list[Sentence], i: int) -> str:
    """The previous sentence of the same paragraph (what "both vitamins" refers to)."""
    return sentences[i - 1].text if i > 0 and sentences[i - 1].paragraph == sentences[i].paragraph else ""


def neighbours_of(sentences: list[Sentence], i: int) -> str:
    s = sentences[i]
    return " ".join(o.text for o in sentences[max(0, i - 1):i + 2] if o is not s and o.paragraph == s.paragraph)
