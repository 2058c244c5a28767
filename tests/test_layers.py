"""Data flows one way: the import graph of the package keeps its layers apart.

Read from the syntax tree of every module (function-local imports included), so a shortcut taken
inside a function is caught as surely as one at the top of a file.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "vitasim"

# layer (a module or package below vitasim) -> what it must never import
FORBIDDEN = {
    "solve": ("physiology", "planner", "profile", "api", "simulate", "report", "rules", "regimen", "diet", "cli",
              "plugins", "population"),
    "model": ("physiology", "planner", "api", "simulate", "report", "solve", "cli", "profile"),
    "physiology": ("planner", "api", "simulate", "report", "solve", "cli"),
    "plugins": ("planner", "api", "simulate", "report", "solve", "cli", "physiology"),
    "rules": ("planner", "api", "simulate", "report", "solve", "cli", "physiology"),
    "solution": ("planner", "api", "simulate", "report", "solve", "cli", "physiology"),
    "profile": ("planner", "api", "simulate", "report", "solve", "cli"),
    "planner": ("solve", "cli"),
    "report": ("solve", "cli"),
}


def imported(path: Path) -> set[str]:
    """Top-level vitasim sub-packages/modules a file imports (``vitasim.solve.codegen`` -> ``solve``)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            mods = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            mods = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
        else:
            continue
        for mod in mods:
            parts = mod.split(".")
            if parts[0] == "vitasim" and len(parts) > 1:
                names.add(parts[1])
    return names


def files_of(layer: str) -> list[Path]:
    folder = PACKAGE / layer
    return sorted(folder.rglob("*.py")) if folder.is_dir() else [PACKAGE / f"{layer}.py"]


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_layer_does_not_reach_upwards(layer):
    bad = {f"{path.relative_to(PACKAGE)} imports vitasim.{name}"
           for path in files_of(layer) for name in imported(path) & set(FORBIDDEN[layer])}
    assert not bad, sorted(bad)


def test_the_scan_sees_function_local_imports(tmp_path):
    f = tmp_path / "m.py"
    f.write_text("def g():\n    from vitasim.planner import plan\n    import vitasim.solve.codegen\n")
    assert imported(f) == {"planner", "solve"}
