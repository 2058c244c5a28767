"""One name resolver for everything a person writes by name: supplements, medicines, conditions, labs.

People write "Vitamin-D3", "vitamin_d3" or "  VITAMIN   d3 "; labs come as "25(OH)D" or "25-OH-D".
A :class:`Resolver` is built from ``(key, aliases)`` pairs and matches names case-, spacing-, ``_``-
and ``-``-insensitively, so every kind of name follows the same rules and gives the same
"did you mean" hint.  Which names exist is not decided here: the tables come from the modules'
declarations (:func:`supplements`, :func:`medications`, :func:`conditions`) and the lab catalogue.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Generic, Iterable, TypeVar

from vitasim.errors import ModelDefinitionError, VitasimInputError, quote
from vitasim.model import Condition, Medication, Supplement

T = TypeVar("T")
_SEPARATORS = re.compile(r"[\s_\-]+")
MAX_COMPARED = 200   # characters: longer names get no "did you mean"


def readable(name: str) -> str:
    """Lower case, separators (spaces, ``_``, ``-``) collapsed to one space: how hints are shown."""
    return _SEPARATORS.sub(" ", name.strip().lower()).strip()


def compact(name: str) -> str:
    """The matching form: lower case with every separator removed ("Vitamin-D 3" -> "vitamind3")."""
    return _SEPARATORS.sub("", name.strip().lower())


@dataclass(frozen=True)
class Resolver(Generic[T]):
    """Finds an item by its key or any alias; immutable, built once per kind of name.

    ``kind`` names what is looked up ("supplement", "medication", "lab") for error messages.
    Two different items may not share an alias (a declaration bug, raised at construction).
    """

    kind: str
    _table: dict[str, T]
    _shown: dict[str, str]
    _keys: tuple[str, ...]

    @classmethod
    def build(cls, kind: str, entries: Iterable[tuple[str, Iterable[str], T]]) -> "Resolver[T]":
        """``entries``: ``(key, aliases, item)``; the key is always an alias of its item."""
        table: dict[str, T] = {}
        owner: dict[str, str] = {}
        shown: dict[str, str] = {}
        keys: list[str] = []
        for key, aliases, item in entries:
            keys.append(key)
            for alias in (key, *aliases):
                c = compact(alias)
                if c in owner and owner[c] != key:
                    raise ModelDefinitionError(f"{kind} name {alias!r} means both {owner[c]!r} and {key!r}")
                owner[c] = key
                table[c] = item
                shown.setdefault(c, readable(alias))
        return cls(kind, table, shown, tuple(dict.fromkeys(keys)))

    def get(self, name: str) -> T | None:
        """The item ``name`` means, or None."""
        return self._table.get(compact(name))

    def nearest(self, name: str) -> str | None:
        """The known name closest to ``name`` (as people write it), or None when nothing is close
        (or the name is too long to be a typing slip: the comparison is quadratic in length)."""
        if len(name) > MAX_COMPARED:
            return None
        close = difflib.get_close_matches(compact(name), list(self._table), n=1, cutoff=0.6)
        return self._shown[close[0]] if close else None

    def known(self) -> list[str]:
        """The keys, readable and sorted, for "known: ..." lists."""
        return sorted({readable(k) for k in self._keys})

    def resolve(self, name: object, field: str) -> T:
        """The item ``name`` means, or a :class:`VitasimInputError` on ``field`` with a hint."""
        if not isinstance(name, str) or not name.strip():
            raise VitasimInputError(field, f"a {self.kind} name is required")
        item = self.get(name)
        if item is not None:
            return item
        near = self.nearest(name)
        hint = f" (did you mean '{near}'?)" if near else ""
        raise VitasimInputError(field, f"unknown {self.kind} {quote(name)}{hint}; known: {', '.join(self.known())}")


def _declared(attribute: str) -> tuple:
    from vitasim import physiology
    return tuple(item for mod in physiology.modules() for item in getattr(mod, attribute))


def declared_supplements() -> tuple[Supplement, ...]:
    """Every supplement the registered modules declare, in module order."""
    return _declared("supplements")


def supplements() -> Resolver[Supplement]:
    """Every supplement the registered modules declare, by key and synonym."""
    return supplement_resolver(declared_supplements())


@lru_cache(maxsize=64)
def supplement_resolver(items: tuple[Supplement, ...]) -> Resolver[Supplement]:
    """A resolver over a given set of supplements (a subset of modules, or a test's own)."""
    return Resolver.build("supplement", ((s.key, s.synonyms, s) for s in items))


def merge_medications(items: Iterable[Medication]) -> tuple[Medication, ...]:
    """One entry per key: a medicine declared by several modules (a PPI matters to B12 and
    magnesium) gets the union of their classes and synonyms, and both sources."""
    merged: dict[str, Medication] = {}
    for med in items:
        old = merged.get(med.key)
        merged[med.key] = med if old is None else Medication(
            med.key, tuple(dict.fromkeys(old.classes + med.classes)),
            tuple(dict.fromkeys(old.synonyms + med.synonyms)), ";".join(filter(None, (old.source, med.source))))
    return tuple(merged.values())


def merge_conditions(items: Iterable[Condition]) -> tuple[Condition, ...]:
    """One entry per key, synonyms joined (the first description kept), both sources."""
    merged: dict[str, Condition] = {}
    for cond in items:
        old = merged.get(cond.key)
        merged[cond.key] = cond if old is None else Condition(
            cond.key, tuple(dict.fromkeys(old.synonyms + cond.synonyms)), old.description or cond.description,
            ";".join(filter(None, (old.source, cond.source))))
    return tuple(merged.values())


@lru_cache(maxsize=None)
def medications() -> Resolver[Medication]:
    """Every medicine the modules declare, merged by key as :func:`vitasim.model.assemble` does."""
    return Resolver.build("medication", ((m.key, m.synonyms, m) for m in merge_medications(_declared("medications"))))


@lru_cache(maxsize=None)
def conditions() -> Resolver[Condition]:
    """Every condition the modules declare (merged by key)."""
    return Resolver.build("condition", ((c.key, c.synonyms, c) for c in merge_conditions(_declared("conditions"))))
