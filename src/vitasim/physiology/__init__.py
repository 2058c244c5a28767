"""Physiological modules, one folder each; :func:`registry` finds them.

A nutrient folder exposes ``MODULE`` (a :class:`~vitasim.model.Module`) in ``module.py`` and,
optionally, ``RULES`` in ``rules.py`` and planner plug-ins in ``plan.py`` (the vocabulary is
:mod:`vitasim.plugins`).  Nothing outside a folder lists nutrients by hand: the
registry discovers the folders, so adding a nutrient is adding a folder.
"""
from __future__ import annotations

import importlib
import pkgutil
from functools import lru_cache
from types import ModuleType

from vitasim.model import Module
from vitasim.plugins import PLAN_EXPORTS, RULE_EXPORTS, PlanParts, Rule, checked_exports


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


def _optional(pkg: ModuleType, name: str) -> ModuleType | None:
    """``pkg.name`` if the folder has that file, else None (an error inside the file propagates)."""
    try:
        return importlib.import_module(f"{pkg.__name__}.{name}")
    except ModuleNotFoundError as exc:
        if exc.name != f"{pkg.__name__}.{name}":
            raise
        return None


@lru_cache(maxsize=None)
def rule_sets() -> tuple[Rule, ...]:
    """Every module's rules (callables ``(Solution) -> list[Finding]``), checked."""
    rules: list[Rule] = []
    for pkg in _packages():
        mod = _optional(pkg, "rules")
        if mod is not None:
            rules.extend(checked_exports(mod, RULE_EXPORTS)["RULES"])
    return tuple(rules)


@lru_cache(maxsize=None)
def plan_parts() -> PlanParts:
    """Every module's planner plug-ins (``plan.py``: TARGETS, FORMS, MONITORING, DIET), checked and merged."""
    merged: dict[str, list] = {name: [] for name in PLAN_EXPORTS}
    for pkg in _packages():
        mod = _optional(pkg, "plan")
        if mod is not None:
            for name, items in checked_exports(mod, PLAN_EXPORTS).items():
                merged[name].extend(items)
    return PlanParts(**{name.lower(): tuple(items) for name, items in merged.items()})
