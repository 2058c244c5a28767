"""The fit package sits beside simulate: it never reaches the planner or the command line (its own
cli.py is the edge), and every citation key it uses is in the reference list."""
from __future__ import annotations

from pathlib import Path

import importlib.util
from vitasim.fit.core import MISFIT_SOURCE
from vitasim.fit.residual import RESIDUALS
from vitasim.refs import references

FIT = Path(__file__).resolve().parents[2] / "src" / "vitasim" / "fit"


def _layers():
    """tests/test_layers.py, loaded by path (it may not be importable yet when this file is collected)."""
    spec = importlib.util.spec_from_file_location("vitasim_test_layers", Path(__file__).resolve().parents[1]
                                                  / "test_layers.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


imported = _layers().imported


def test_fit_does_not_import_planner_or_cli():
    bad = {f"{p.name} imports vitasim.{name}" for p in FIT.glob("*.py") if p.name != "cli.py"
           for name in imported(p) & {"planner", "cli", "web", "storage"}}
    assert not bad, sorted(bad)


def test_every_residual_model_is_sourced():
    refs = references()
    for model in RESIDUALS.values():
        assert model.source and all(k in refs for k in model.source.split(";")), model.lab
        assert 0 < model.cv < 1 and model.additive >= 0 and model.unit
        if "vitasim_gap" in model.source:
            assert model.note, model.lab          # a gap says what is missing
    assert MISFIT_SOURCE in refs
