"""The shipped example fits from the command line, and a fit with three labs stays cheap: under 2 s
of CPU (process time, all threads, so the check holds on a loaded machine) once compiled."""
from __future__ import annotations

import time
from pathlib import Path

from vitasim.cli import main
from vitasim.fit.core import fit

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "fit_low_responder.yaml"


def test_example_fits(capsys):
    assert main(["fit", str(EXAMPLE)]) == 0
    out = capsys.readouterr().out
    assert "vmax_ref" in out and "25ohd day 84" in out


def test_three_labs_fit_under_two_cpu_seconds():
    fit(EXAMPLE)                                   # compiled solver loaded
    start = time.process_time()
    result = fit(EXAMPLE)
    assert time.process_time() - start < 2.0
    assert result.converged and len([f for f in result.labs if f.used]) == 2
