"""A compiled model is made once per system, and numba's disk cache spares a second process."""
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from vitasim.model import Module, Parameter, State, assemble
from vitasim.solve import codegen
from vitasim.solve.codegen import compile_system

ROOT = Path(__file__).resolve().parents[2]
DECAY = Module(name="decay_cg", description="x' = -k x (test only)",
               parameters=(Parameter("k", 0.1, "1/h", "vitasim_gap", "rate"),),
               states=(State("x", "1", "x"),), equations={"x": "-k * x"})


def test_second_call_is_a_lookup_without_source_text(monkeypatch):
    system = assemble(DECAY)
    first = compile_system(system)

    def no_text(*a, **k):
        raise AssertionError("the source text was rebuilt")
    monkeypatch.setattr(codegen, "full_source", no_text)
    t0 = time.perf_counter()
    assert compile_system(system) is first
    assert time.perf_counter() - t0 < 1e-3


def test_equal_systems_share_the_generated_module():
    assert compile_system(assemble(DECAY)).module is compile_system(assemble(DECAY)).module


def test_generated_source_holds_only_the_model():
    text = codegen.full_source(assemble(DECAY))
    for numerics in ("def integrate", "def simulate", "lu_factor", "prange", "def jacobian"):
        assert numerics not in text


SCRIPT = """
import numpy as np, vitasim
from vitasim.simulate import build_problem, default_system
from vitasim.solve import solve_population
from vitasim.solve.codegen import compile_system
P = {"person": {"age": 72, "sex": "female", "weight": "68 kg"}, "labs": {"25ohd": "16 ng/mL"},
     "regimen": [{"supplement": "vitamin D3", "dose": "1000 IU", "every": "1 day"}]}
prob = build_problem(default_system(), vitasim.load_profile(P), days=3, population=2, seed=1,
                     quantities=["25ohd"], output_every_days=1)[0]
raw = solve_population(prob, method="dopri5")
assert raw.ok
gen = compile_system(prob.system)
print("HITS", sum(gen.simulate_population.stats.cache_hits.values()),
      "MISSES", sum(gen.simulate_population.stats.cache_misses.values()))
"""


@pytest.mark.slow
def test_a_second_process_loads_the_solver_from_numbas_disk_cache(tmp_path):
    """The first process compiles (a miss), the second loads it (a hit, no miss)."""
    env = dict(os.environ, VITASIM_CACHE_DIR=str(tmp_path / "gen"), NUMBA_CACHE_DIR=str(tmp_path / "numba"),
               PYTHONPATH=os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")]))
    runs = [subprocess.run([sys.executable, "-c", SCRIPT], env=env, capture_output=True, text=True, cwd=ROOT,
                           timeout=900) for _ in range(2)]
    for r in runs:
        assert r.returncode == 0, r.stderr[-2000:]
    assert "HITS 0 MISSES 1" in runs[0].stdout
    assert "HITS 1 MISSES 0" in runs[1].stdout


def test_cache_key_of_the_entry_points_carries_the_numerics_digest():
    """Numba checks a cached function against its own file only; the entry points inline the
    methods of other files, so their cache key (the closure's modules, pickled by name) must
    change whenever any numerics file does."""
    from vitasim.solve.bind import numerics_digest

    compiled = compile_system(assemble(DECAY))
    for entry in (compiled.simulate_population, compiled.jacobian_at, compiled.prepare_population):
        names = [c.cell_contents.__name__ for c in entry.py_func.__closure__]
        assert names and all(f".n{numerics_digest()}." in n for n in names), names
    assert len(numerics_digest()) == 12
