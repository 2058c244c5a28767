#!/usr/bin/env bash
# The ordinary install: build a wheel, install it (not editable) into a fresh environment, and run
# simulate, check and plan on the bundled examples from outside the source tree.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
python3 -m venv "$work/venv"
"$work/venv/bin/pip" install -q --upgrade pip wheel build >/dev/null
"$work/venv/bin/pip" wheel -q --no-deps -w "$work/dist" "$root"
"$work/venv/bin/pip" install -q "$work"/dist/vitasim-*.whl
cp "$root"/examples/*.yaml "$work/"
cd "$work"   # away from src/: only the installed wheel can be imported
"$work/venv/bin/python" -c "import vitasim, sys; assert 'site-packages' in vitasim.__file__, vitasim.__file__"
bin="$work/venv/bin/vitasim"
"$bin" simulate older_woman_loading.yaml --days 60 --format csv > sim.csv
"$bin" simulate older_woman_loading.yaml --days 30 --population 50 --format json > sim.json
for ex in *.yaml; do
  "$bin" check "$ex" --format json --population 40 > "check_${ex%.yaml}.json"
  "$bin" plan "$ex" --population 40 --report "plan_${ex%.yaml}.html" > "plan_${ex%.yaml}.txt"
done
"$work/venv/bin/python" - <<'PY'
import csv, glob, json
rows = list(csv.reader(open("sim.csv")))
assert len(rows) == 62 and len({len(r) for r in rows}) == 1, "simulate csv"
assert json.load(open("sim.json"))["contract"] == "vitasim.simulate/1"
for f in glob.glob("check_*.json"):
    assert json.load(open(f))["contract"] == "vitasim.plan/1", f
for f in glob.glob("plan_*.html"):
    assert "<img" in open(f).read(), f
print(f"wheel smoke: simulate, check and plan ran from the installed wheel on {len(glob.glob('check_*.json'))} examples")
PY
