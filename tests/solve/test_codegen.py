"""A compiled model is made once per system, and numba's disk cache spares a second process."""
import os
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
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


TWO_MODELS = """
import sys, numpy as np
from vitasim.model import Module, Output, Parameter, State, assemble
from vitasim.solve import Problem, solve_population
from vitasim.solve.codegen import compile_system
def module(name, eq):
    return Module(name=name, description="test only", parameters=(Parameter("k", 0.1, "1/h", "vitasim_gap", "rate"),),
                  states=(State("x", "1", "x"),), equations={"x": eq},
                  outputs=(Output("xo", "x", "1", "x"),))
for name, eq in [("grow_cg", "k * x"), ("decay_cg", "-k * x")]:
    if name[0] not in sys.argv[1]:
        continue
    system = assemble(module(name, eq))
    P, Y0 = np.full((1, 1), 0.1), np.zeros((1, 1))
    compile_system(system).prepare_population(P, Y0)
    prob = Problem(system, P, Y0 + 1.0, np.zeros(0), np.zeros(0, dtype=np.int64), np.zeros(0),
                   np.array([0.0, 10.0]), np.zeros(1, dtype=np.int64))
    raw = solve_population(prob, method="dopri5")
    print(name, float(raw.values[0, 1, 0]))  # x(10 h) = exp(+-0.1/h * 10 h): e or 1/e
"""


@pytest.mark.slow
def test_two_models_compiled_in_two_processes_stay_apart_when_both_load_from_cache(tmp_path):
    """Closures of one factory compiled for two models in two processes must not share a
    compiled name: loaded together from the disk cache, the linker would keep one for both (it
    did: the coupled model ran the vitamin-only model's event loop)."""
    env = dict(os.environ, VITASIM_CACHE_DIR=str(tmp_path / "gen"), NUMBA_CACHE_DIR=str(tmp_path / "numba"),
               PYTHONPATH=os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")]))

    def run(which):
        r = subprocess.run([sys.executable, "-c", TWO_MODELS, which], env=env, capture_output=True, text=True,
                           cwd=ROOT, timeout=900)
        assert r.returncode == 0, r.stderr[-2000:]
        return sorted(r.stdout.split("\n"))

    alone = run("g") + run("d")
    together = run("gd")
    assert [line for line in together if line] == sorted(line for line in alone if line)
    values = dict(line.split() for line in together if line)
    assert abs(float(values["grow_cg"]) - np.e) < 2e-3 and abs(float(values["decay_cg"]) - 1 / np.e) < 2e-3
