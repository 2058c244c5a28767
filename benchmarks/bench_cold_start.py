"""Start-up cost of a small simulation in a new process: first with empty caches (compile),
then again with the caches the first run left (the numba on-disk cache must make it fast).

Run:  python benchmarks/bench_cold_start.py

Each run is a fresh ``python -c`` process; the generated model modules and numba's cache are put
in a temporary directory (``VITASIM_CACHE_DIR``, ``NUMBA_CACHE_DIR``) so that the first run
really compiles.  Two workloads: the vitamin D example (non-stiff, Dormand-Prince 5(4)) for 30 days
and the coupled model with calcium/bone (two blocks: Dormand-Prince + Rosenbrock-W) for 30 days,
three people each.  The wall time printed is the whole process (imports included).
"""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "older_woman_loading.yaml"
COUPLED = {"person": {"age": 72, "sex": "female", "weight": "68 kg"}, "labs": {"25ohd": "16 ng/mL"},
           "regimen": [{"supplement": "vitamin D3", "dose": "1000 IU", "every": "1 day"},
                       {"supplement": "calcium carbonate", "dose": "500 mg", "every": "1 day"}]}
SCRIPTS = {
    "vitamin D example (dopri5)": (
        f"import vitasim; r = vitasim.simulate(vitasim.load_profile({str(EXAMPLE)!r}), days=30, population=3,"
        " seed=1, quantities=['25ohd']); assert r.failed == 0"),
    "coupled with bone (two blocks)": (
        f"import vitasim; r = vitasim.simulate(vitasim.load_profile({COUPLED!r}), days=30, population=3,"
        " seed=1, quantities=['25ohd', 'pth']); assert r.failed == 0"),
}


def run(code: str, env: dict[str, str]) -> float:
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True, env=env, cwd=ROOT, capture_output=True)
    return time.perf_counter() - t0


def main() -> None:
    print(f"python {sys.version.split()[0]}, cpu_count={os.cpu_count()}")
    for label, code in SCRIPTS.items():
        with tempfile.TemporaryDirectory() as tmp:
            env = dict(os.environ, VITASIM_CACHE_DIR=str(Path(tmp) / "gen"), NUMBA_CACHE_DIR=str(Path(tmp) / "numba"))
            cold = run(code, env)
            warm = [run(code, env) for _ in range(2)]
        print(f"{label:<32} empty caches {cold:7.2f} s   warm on-disk cache {min(warm):6.2f} s "
              f"(runs {', '.join(f'{w:.2f}' for w in warm)})")


if __name__ == "__main__":
    main()
