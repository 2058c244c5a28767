"""Links from evidence records to the virtual-trial registry (``vitasim.trials``).

A record links to a registry arm when the arm's ``reference`` is one of the record's citation
keys: the registry holds the arm's numbers (population, regimen, visits), so the record points to
it (``vitasim trial ARM``) instead of copying them.  Computed, never typed, so a new arm or record
is linked without editing either file.
"""
from __future__ import annotations

from functools import lru_cache

from vitasim.evidence.records import Record


@lru_cache(maxsize=1)
def _arms_by_reference() -> dict[str, tuple[str, ...]]:
    from vitasim.trials.registry import registry
    table: dict[str, list[str]] = {}
    for arm in registry():
        table.setdefault(arm.reference, []).append(arm.id)
    return {k: tuple(sorted(v)) for k, v in table.items()}


def arms_for(record: Record) -> tuple[str, ...]:
    """Registry arm ids that come from the study a record cites (empty when the registry has none)."""
    table = _arms_by_reference()
    return tuple(arm for key in record.refs for arm in table.get(key, ()))
