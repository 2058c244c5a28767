"""Physiological modules, one folder each; :func:`registry` finds them.

A nutrient folder exposes ``MODULE`` (a :class:`~vitasim.model.Module`) in ``module.py`` and,
optionally, ``RULES`` in ``rules.py``.  Nothing outside a folder lists nutrients by hand: the
registry discovers the folders, so adding a nutrient is adding a folder.
"""
from __future__ import annotations

import importlib
import pkgutil
from functools import lru_cache
from types import ModuleType

from vitasim.model import Module


@lru_cache(maxsize=None)
def _packages() -> tuple[ModuleType, ...]:
    found = []
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
        if info.ispkg:
            found.append(importlib.import_module(f"{__name__}.{info.name}"))
    return tuple(found)


@lru_cache(maxsize=None)
def modules() -> tuple[Module, ...]:
    """Every registered physiological module, in a stable order."""
    return tuple(importlib.import_module(f"{pkg.__name__}.module").MODULE for pkg in _packages())


@lru_cache(maxsize=None)
def rule_sets() -> tuple:
    """Every module's rules (callables ``(context) -> list[Finding]``)."""
    rules = []
    for pkg in _packages():
        try:
            mod = importlib.import_module(f"{pkg.__name__}.rules")
        except ModuleNotFoundError as exc:
            if exc.name != f"{pkg.__name__}.rules":
                raise
            continue
        rules.extend(getattr(mod, "RULES", ()))
    return tuple(rules)


@lru_cache(maxsize=None)
def plan_parts():
    """Every module's planner plug-ins (``plan.py``: TARGETS, FORMS, MONITORING), merged."""
    from vitasim.planner.parts import PlanParts
    targets, forms, monitoring, diet = [], [], [], []
    for pkg in _packages():
        try:
            mod = importlib.import_module(f"{pkg.__name__}.plan")
        except ModuleNotFoundError as exc:
            if exc.name != f"{pkg.__name__}.plan":
                raise
            continue
        targets.extend(getattr(mod, "TARGETS", ()))
        forms.extend(getattr(mod, "FORMS", ()))
        monitoring.extend(getattr(mod, "MONITORING", ()))
        diet.extend(getattr(mod, "DIET", ()))
    return PlanParts(tuple(targets), tuple(forms), tuple(monitoring), tuple(diet))
