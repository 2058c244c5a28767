"""The project's single reference list: citation key -> bibliographic entry.

The list is ``refs/references.yaml`` plus each physiology module's own ``references.yaml``
(so a nutrient brings its sources with it), merged into one mapping; a key defined twice is an
error.  Parameters, rules and validation tests cite keys from it; a test fails if any cited key
is missing.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

from vitasim.errors import VitasimInputError


@dataclass(frozen=True)
class Reference:
    key: str
    authors: str
    year: int | str
    title: str
    journal: str
    doi: str | None
    url: str | None
    verified: bool
    note: str

    def format(self) -> str:
        """One-line citation: authors (year). title. journal. doi/url."""
        link = f"doi:{self.doi}" if self.doi else (self.url or "")
        text = f"{self.authors} ({self.year}). {self.title}. {self.journal}. {link}".strip()
        if not self.verified:
            text += " [details not verified]"
        return text


def _files():
    """The main list, then every ``references.yaml`` a package folder keeps for its own sources
    (``physiology/<nutrient>/``, ``evidence/``, ``trials/``...), in a stable order."""
    yield resources.files("vitasim.refs").joinpath("references.yaml")
    root = resources.files("vitasim")

    def walk(folder, depth):
        for sub in sorted((f for f in folder.iterdir() if f.is_dir() and f.name not in ("refs", "__pycache__")),
                          key=lambda f: f.name):
            candidate = sub.joinpath("references.yaml")
            if candidate.is_file():
                yield candidate
            if depth > 1:
                yield from walk(sub, depth - 1)
    yield from walk(root, 2)


@lru_cache(maxsize=1)
def references() -> dict[str, Reference]:
    """All references, keyed by citation key."""
    merged: dict[str, Reference] = {}
    for path in _files():
        raw = yaml.safe_load(path.read_text()) or {}
        for key, e in raw.items():
            if key in merged:
                raise ValueError(f"citation key {key!r} is defined twice (again in {path})")
            merged[key] = Reference(key=key, authors=str(e["authors"]), year=e["year"], title=str(e["title"]),
                                    journal=str(e["journal"]), doi=e.get("doi"), url=e.get("url"),
                                    verified=bool(e.get("verified", False)), note=str(e.get("note") or ""))
    return merged


def cite(key: str) -> Reference:
    """The reference for ``key``; raises VitasimInputError naming the closest keys if unknown."""
    refs = references()
    if key in refs:
        return refs[key]
    import difflib
    close = difflib.get_close_matches(key, refs, n=3)
    hint = f"; did you mean {', '.join(close)}?" if close else "; `vitasim refs` lists them"
    raise VitasimInputError("refs", f"unknown citation key {key!r}{hint}")


def split_keys(source: str) -> list[str]:
    """A source field may hold several keys separated by ';'."""
    return [k.strip() for k in source.split(";") if k.strip()]
