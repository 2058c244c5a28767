"""The ordinary install ships every data file the package reads (a wheel, not only `pip install -e`)."""
from __future__ import annotations

import fnmatch
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "vitasim"


def _patterns() -> list[str]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    return config["tool"]["setuptools"]["package-data"]["vitasim"]


def _shipped(relative: str, patterns: list[str]) -> bool:
    """setuptools' glob: ``**/`` matches zero or more folders."""
    for pattern in patterns:
        if fnmatch.fnmatch(relative, pattern):
            return True
        if pattern.startswith("**/") and fnmatch.fnmatch(Path(relative).name, pattern[3:]):
            return True
    return False


def test_every_data_file_in_the_package_is_declared_as_package_data():
    patterns = _patterns()
    data = [p.relative_to(PACKAGE).as_posix() for p in PACKAGE.rglob("*")
            if p.is_file() and p.suffix not in (".py", ".pyc") and "__pycache__" not in p.parts]
    assert data, "the package has data files (food table, references)"
    missing = [d for d in data if not _shipped(d, patterns)]
    assert not missing, f"not in tool.setuptools.package-data: {missing}"


def test_the_food_table_and_references_are_among_them():
    patterns = _patterns()
    assert _shipped("diet/data/usda_fdc_extract.csv", patterns)
    assert _shipped("refs/references.yaml", patterns)
    assert _shipped("physiology/vitamin_d/references.yaml", patterns)
