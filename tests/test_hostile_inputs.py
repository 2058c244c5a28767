"""Input that cannot hurt it (issue 14): one row per case, through the command line and the API.

A refused case ends in one line on stderr naming the field as the user wrote it (``--every``,
``regimen[0].dose``), exit code 2, nothing on stdout, no traceback, nothing written, within
seconds; through the API the same input raises :class:`VitasimInputError` with that ``.field``.
A valid case is used as written and what it leaves out is said (findings of severity info).
"""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pytest

import vitasim
from vitasim import units
from vitasim.cli import main
from vitasim.errors import VitasimInputError, cut

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src"
REFUSED_WITHIN_S = 3.0       # in process, the profile already imported: refusals are instant
D3 = "regimen:\n  - {supplement: D3, dose: 1000 IU, every: 1 day}\n"


@dataclass(frozen=True)
class Case:
    """A refused input: the profile file (text or bytes, or a special path), extra arguments, the field."""

    name: str
    content: str | bytes | None
    field: str
    args: tuple[str, ...] = ()
    suffix: str = ".yaml"
    path: str | None = None                   # a special path instead of a written file
    says: tuple[str, ...] = ()                # words the message must hold
    api: bool = True                          # also through vitasim.load_profile / simulate
    command: str = "simulate"
    extra: dict = field(default_factory=dict)


def _deep(n: int, json_: bool = False) -> str:
    return ('{"person": ' if json_ else "person: ") + "[" * n + "]" * n + ("}" if json_ else "\n")


BOMB = ('a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n'
        'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n'
        'person: {age: *e}\n')

CASES = [
    # -- silently wrong before: a lab at the model's "not measured" marker, impossible labs
    Case("mg 10 mmol/L (the old not-measured marker, lethal)", "labs: {mg: 10 mmol/L}\n", "labs.mg",
         says=("0.2-7.5",)),
    Case("b12 0", "labs: {b12: 0 pg/mL}\n", "labs.b12"),
    Case("b12 bare 0", "labs: {b12: 0}\n", "labs.b12"),
    Case("mma 0", "labs: {mma: 0 nmol/L}\n", "labs.mma"),
    Case("holotc 0", "labs: {holotc: 0 pmol/L}\n", "labs.holotc"),
    Case("b12 1 pg/mL", "labs: {b12: 1 pg/mL}\n", "labs.b12", says=("pg/mL",)),
    # -- numbers are a number and a unit, never an expression
    Case("comma decimal 2,5 mg", "regimen:\n  - {supplement: B12, dose: '2,5 mg', every: 1 day}\n",
         "regimen[0].dose", says=("2.5 mg",)),
    Case("comma decimal 1,5 mg of D3", "regimen:\n  - {supplement: D3, dose: '1,5 mg', every: 1 day}\n",
         "regimen[0].dose", says=("1.5 mg",)),
    Case("thousands separator", "regimen:\n  - {supplement: D3, dose: '1,000 IU', every: 1 day}\n",
         "regimen[0].dose", says=("1000 IU",)),
    Case("2.5.5 mg", "regimen:\n  - {supplement: D3, dose: 2.5.5 mg, every: 1 day}\n", "regimen[0].dose"),
    Case("expression", "regimen:\n  - {supplement: D3, dose: 1000 IU * 0 + 5000 IU, every: 1 day}\n",
         "regimen[0].dose"),
    Case("9 ** 9 ** 9 IU (hung)", "regimen:\n  - {supplement: D3, dose: 9 ** 9 ** 9 IU, every: 1 day}\n",
         "regimen[0].dose"),
    Case("2 ** 10000 IU (crashed)", "regimen:\n  - {supplement: D3, dose: 2 ** 10000 IU, every: 1 day}\n",
         "regimen[0].dose"),
    # -- duplicate keys
    Case("two dose lines", "regimen:\n  - supplement: D3\n    dose: 1000 IU\n    dose: 50000 IU\n    every: 1 day\n",
         "regimen[0].dose", says=("twice",)),
    Case("mg and magnesium both", "labs: {mg: 0.8 mmol/L, magnesium: 0.9 mmol/L}\n", "labs.magnesium",
         says=("same lab",)),
    Case("two dose keys in JSON", '{"regimen": [{"supplement": "D3", "dose": "1000 IU", "dose": "50000 IU"}]}',
         "regimen[0].dose", suffix=".json", says=("twice",)),
    # -- units checked against the field's dimension, each hint in the field's own unit
    Case("egfr 60 kg", "person: {egfr: 60 kg}\n", "person.egfr", says=("mL/min",)),
    Case("egfr 60 banana", "person: {egfr: 60 banana}\n", "person.egfr", says=("mL/min",)),
    Case("weight heavy", "person: {weight: heavy}\n", "person.weight", says=("68 kg",)),
    Case("height 170", "person: {height: 170}\n", "person.height", says=("170 cm",)),
    Case("age in kg", "person: {age: 70 kg}\n", "person.age"),
    Case("child", "person: {age: 10}\n", "person.age", says=("adults",)),
    # -- diet bounds
    Case("diet per 1 ns", "diet:\n  - {food: 'Egg, whole, boiled or poached', amount: 50 g, per: 1 ns}\n",
         "diet[0].per"),
    Case("diet 30 kg a day", "diet:\n" + "".join(f"  - {{food: 'Egg, whole, boiled or poached', amount: 5000 g}}\n"
                                                 for _ in range(3)), "diet", says=("10,000 g",)),
    # -- regimen contradictions are errors, not silence
    Case("missed beyond doses", "regimen:\n  - {supplement: D3, dose: 1000 IU, every: 1 day, doses: 3, missed: [5]}\n",
         "regimen[0].missed"),
    Case("pregnant man", "person: {sex: male, pregnant: true}\n", "person.pregnant"),
    Case("breastfeeding not a flag", "person: {sex: female, breastfeeding: maybe}\n", "person.breastfeeding"),
    Case("terminal escape in a name", "medications: [\"\\e[2Jwarfarin\"]\n", "medications[0]", says=("control",)),
    # -- dosing intervals and output grids below what the model supports
    Case("every 1 second", "regimen:\n  - {supplement: D3, dose: 1000 IU, every: 1 second}\n", "regimen[0].every",
         says=("30 minutes",)),
    Case("every 1 ns", "regimen:\n  - {supplement: D3, dose: 1000 IU, every: 1 ns}\n", "regimen[0].every"),
    Case("every 1e-300 day", "regimen:\n  - {supplement: D3, dose: 1000 IU, every: 1e-300 day}\n",
         "regimen[0].every"),
    Case("every 1 minute", "regimen:\n  - {supplement: D3, dose: 1000 IU, every: 1 minute}\n", "regimen[0].every"),
    Case("--every 1e-6", D3, "--every", args=("--every", "1e-6"), api=False, says=("30 minutes",)),
    Case("--every 0", D3, "--every", args=("--every", "0"), api=False),
    Case("--every nan", D3, "--every", args=("--every", "nan"), api=False),
    Case("--days 1e999", D3, "--days", args=("--days", "1e999"), api=False),
    # -- hostile files
    Case("YAML alias bomb", BOMB, "profile", says=("aliases",)),
    Case("100 000 levels (YAML)", _deep(100_000), "profile", says=("nested",)),
    Case("100 000 levels (JSON)", _deep(100_000, json_=True), "profile", suffix=".json", says=("nested",)),
    Case("40 levels of block mappings", "".join("  " * i + f"k{i}:\n" for i in range(40)) + "  " * 40 + "x: 1\n",
         cut(".".join(f"k{i}" for i in range(32))), says=("nested",)),   # the path, cut at 80 characters
    Case("5000-digit integer (YAML)", "person: {age: " + "9" * 5000 + "}\n", "person.age", says=("5000 digits",)),
    Case("5000-digit integer (JSON)", '{"person": {"age": ' + "9" * 5000 + "}}", "profile", suffix=".json",
         says=("5000 digits",)),
    Case("50 MB file", None, "profile", path="<50MB>", says=("MiB",)),
    Case("/dev/zero", None, "profile", path="/dev/zero", says=("regular file",)),
    Case("a directory as profile", None, "profile", path="<dir>"),
    Case("not UTF-8", b"person: {age: \xff}\n", "profile", says=("UTF-8",)),
    # -- output paths checked before simulating
    Case("--plot ''", D3, "--plot", args=("--plot", ""), api=False, says=("empty",)),
    Case("--plot into a missing directory", D3, "--plot", args=("--plot", "<tmp>/missing/p.png"), api=False,
         says=("does not exist",)),
    Case("--plot under a file", D3, "--plot", args=("--plot", "<tmp>/p.yaml/p.png"), api=False,
         says=("not a directory",)),
    Case("--plot is a directory", D3, "--plot", args=("--plot", "<tmp>/d.png"), api=False, says=("directory",)),
    Case("--plot wrong suffix", D3, "--plot", args=("--plot", "<tmp>/p.pdf"), api=False),
    Case("--report into a missing directory", D3, "--report", args=("--report", "<tmp>/missing/r.html"),
         api=False, command="plan"),
    Case("--report is a directory", D3, "--report", args=("--report", "<tmp>/d.png"), api=False, command="check"),
    # -- seeds and populations
    Case("--seed -1", D3, "--seed", args=("--seed", "-1"), api=False),
    Case("--seed 1.5", D3, "--seed", args=("--seed", "1.5"), api=False),
    Case("--seed abc", D3, "--seed", args=("--seed", "abc"), api=False),
    Case("plan --seed -1", D3, "--seed", args=("--seed", "-1"), api=False, command="plan"),
    Case("--population 5000000 (memory)", D3, "--population", args=("--population", "5000000"), api=False,
         says=("GiB", "at most")),
    Case("--population 0", D3, "--population", args=("--population", "0"), api=False),
    # -- unbounded input echoed
    Case("200 kB supplement name", "regimen:\n  - {supplement: '" + "x" * 200_000 + "', dose: 1000 IU}\n",
         "regimen[0].supplement"),
    Case("200 kB medicine name", "medications: ['" + "y" * 200_000 + "']\n", "medications[0]"),
]


@pytest.fixture(scope="module", autouse=True)
def _loaded():
    """Load the modules' declarations, the food table and the command line's imports once: the cases
    time the refusal, not the first import."""
    import importlib
    from vitasim.cli import EXTENSIONS, _parser
    for name in ("vitasim.report.contract", "vitasim.report.table", *EXTENSIONS):
        importlib.import_module(name)
    _parser()
    vitasim.load_profile({"labs": {"mg": "0.8 mmol/L"}, "medications": ["warfarin"],
                          "diet": [{"food": "Egg, whole, boiled or poached", "amount": "50 g"}]})


def _materialise(case: Case, tmp: Path) -> tuple[Path, list[str]]:
    (tmp / "d.png").mkdir(exist_ok=True)
    if case.path == "<50MB>":
        path = tmp / "big.yaml"
        with open(path, "wb") as fh:
            fh.truncate(50 * 1024 * 1024)
    elif case.path == "<dir>":
        path = tmp / "d.png"
    elif case.path is not None:
        path = Path(case.path)
    else:
        path = tmp / f"p{case.suffix}"
        if isinstance(case.content, bytes):
            path.write_bytes(case.content)
        else:
            path.write_text(case.content, encoding="utf-8")
    args = [a.replace("<tmp>", str(tmp)) for a in case.args]
    return path, args


def _listing(tmp: Path) -> set[str]:
    return {str(p.relative_to(tmp)) for p in tmp.rglob("*")}


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_refused_through_the_command_line(case, tmp_path, capsys):
    path, args = _materialise(case, tmp_path)
    before = _listing(tmp_path)
    start = time.perf_counter()
    code = main([case.command, str(path), *args])
    took = time.perf_counter() - start
    out, err = capsys.readouterr()
    assert code == 2 and out == "", (code, out[:200], err[:200])
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"vitasim: error: {case.field}: "), err[:300]
    assert len(lines[0]) <= 520 and "Traceback" not in err and "\x1b" not in err
    for word in case.says:
        assert word in lines[0], (word, lines[0])
    assert _listing(tmp_path) == before            # nothing written
    assert took < REFUSED_WITHIN_S, took


@pytest.mark.parametrize("case", [c for c in CASES if c.api], ids=[c.name for c in CASES if c.api])
def test_refused_through_the_api(case, tmp_path):
    path, _ = _materialise(case, tmp_path)
    with pytest.raises(VitasimInputError) as info:
        vitasim.load_profile(path)
    assert info.value.field == case.field


# -- the Python API's own arguments -----------------------------------------------------------------

GOOD = {"person": {"age": 70}, "labs": {"25ohd": "20 ng/mL"},
        "regimen": [{"supplement": "D3", "dose": "1000 IU", "every": "1 day"}]}
API_CASES = [
    ("simulate(None)", lambda: vitasim.simulate(None), "profile"),
    ("simulate([])", lambda: vitasim.simulate([]), "profile"),
    ("simulate(3)", lambda: vitasim.simulate(3), "profile"),
    ("output_every_days='1'", lambda: vitasim.simulate(GOOD, 30, output_every_days="1"), "output_every_days"),
    ("days='30'", lambda: vitasim.simulate(GOOD, "30"), "days"),
    ("days=nan", lambda: vitasim.simulate(GOOD, float("nan")), "days"),
    ("quantities='25ohd'", lambda: vitasim.simulate(GOOD, 30, quantities="25ohd"), "quantities"),
    ("quantities=['nope']", lambda: vitasim.simulate(GOOD, 3, quantities=["nope"]), "quantities"),
    ("seed=-1", lambda: vitasim.simulate(GOOD, 30, population=5, seed=-1), "seed"),
    ("seed=1.5", lambda: vitasim.simulate(GOOD, 30, population=5, seed=1.5), "seed"),
    ("population=True", lambda: vitasim.simulate(GOOD, 30, population=True), "population"),
    ("population=5e6 (memory)", lambda: vitasim.simulate(GOOD, 36500, population=5_000_000), "population"),
    ("solver=3", lambda: vitasim.simulate(GOOD, 3, solver=3), "solver"),
    ("check(dict) validates the mapping", lambda: vitasim.check({"person": {"age": 10}}), "person.age"),
    ("plan(dict) validates the mapping", lambda: vitasim.plan({"labs": {"mg": "10 mmol/L"}}), "labs.mg"),
    ("plan seed=-1", lambda: vitasim.plan(GOOD, seed=-1, population=20), "seed"),
    ("check(None)", lambda: vitasim.check(None), "profile"),
]


@pytest.mark.parametrize("call, field_", [(c, f) for _, c, f in API_CASES], ids=[n for n, _, _ in API_CASES])
def test_api_arguments_raise_naming_the_field(call, field_):
    start = time.perf_counter()
    with pytest.raises(VitasimInputError) as info:
        call()
    assert info.value.field == field_
    assert time.perf_counter() - start < REFUSED_WITHIN_S


def test_memory_refusal_gives_the_figure_and_what_fits(monkeypatch):
    sim_module = sys.modules["vitasim.simulate"]
    monkeypatch.setattr(sim_module, "available_memory", lambda: 2 * 2**30)
    with pytest.raises(VitasimInputError) as info:
        vitasim.simulate(GOOD, 180, population=1_000_000, quantities=["25ohd"])
    assert info.value.field == "population"
    assert "GiB" in info.value.message and "at most" in info.value.message
    fits = int(info.value.message.split("at most ")[1].split()[0].replace(",", ""))
    system = sim_module.system_for(["25ohd"])
    each = sim_module.bytes_per_person(system, 181, 1)
    assert fits == int(0.8 * 2 * 2**30 // each)


# -- valid inputs are used as written, and what they leave out is said ------------------------------

def _codes(sol) -> dict[str, str]:
    return {f.code: f.message for f in sol.findings}


def test_a_json_file_with_a_byte_order_mark_is_read(tmp_path):
    path = tmp_path / "p.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(GOOD).encode())
    assert vitasim.load_profile(path) == vitasim.load_profile(GOOD)
    assert vitasim.load_profile(os.fsencode(path)) == vitasim.load_profile(GOOD)     # a bytes path works


def test_numpy_numbers_are_numbers():
    p = vitasim.load_profile({"person": {"age": np.int64(70), "egfr": np.float32(55.0)}})
    assert p.age == 70.0 and p.egfr == 55.0


def test_pregnancy_and_age_are_carried_and_every_assumption_is_listed():
    p = vitasim.load_profile({"person": {"sex": "female", "age": 30, "pregnant": True, "breastfeeding": False}})
    assert p.pregnant and not p.breastfeeding and p.age == 30.0
    assert any("pregnancy" in a for a in p.all_assumptions)
    assert vitasim.load_profile(p.to_dict()) == p
    bare = vitasim.load_profile({"labs": {"25ohd": "20 ng/mL"}})     # no person at all
    said = " ".join(bare.all_assumptions)
    for words in ("age not given: 70 years", "sex not given", "weight not given: 70 kg", "eGFR not given"):
        assert words in said


def test_what_a_run_leaves_out_is_said():
    profile = {"person": {"age": 70}, "labs": {"25ohd": "20 ng/mL", "inr": 2.5},
               "regimen": [{"supplement": "D3", "dose": "1000 IU", "every": "1 day", "missed": [99]},
                           {"supplement": "D3", "dose": "50000 IU", "start": "30 day"}]}
    sol = vitasim.simulate(profile, 3, quantities=["25ohd"])
    ignored = _codes(sol)["PROFILE_IGNORED"]
    assert "regimen[0].missed: dose 99 is beyond the 3 doses" in ignored
    assert "regimen[1] (vitamin_d3 50000 IU) has no dose inside the 3 days" in ignored
    assert "labs.inr: given without a vitamin K antagonist" in ignored
    assert "Assumed: sex not given" in _codes(sol)["PROFILE_DEFAULTS_ASSUMED"]
    with_vka = dict(profile, medications=["warfarin"], regimen=[])
    assert "PROFILE_IGNORED" not in _codes(vitasim.simulate(with_vka, 3, quantities=["25ohd"]))


def test_markup_and_brackets_in_names_print_literally(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "1000")      # one finding per line
    path = tmp_path / "p.yaml"
    path.write_text("medications: ['[bold red blink]DANGER[/]', 'foo[/]']\n" + D3)
    code = main(["simulate", str(path), "--days", "2"])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "[bold red blink]DANGER[/]" in out and "foo[/]" in out


def test_an_extreme_accepted_lab_is_used_and_said_loudly():
    p = vitasim.load_profile({"labs": {"mg": "3 mmol/L"}})
    assert p.labs["mg"] == 3.0 and p.lab_alerts and "emergency" in p.lab_alerts[0]
    from vitasim.simulate import input_findings
    found = {f.code: f for f in input_findings(p, 10)}
    assert found["PROFILE_LAB_EMERGENCY"].severity == "danger"
    assert found["PROFILE_LAB_EMERGENCY"].refs == ("swaminathan2003",)


def test_a_failed_write_is_one_line_and_leaves_nothing(tmp_path, capsys, monkeypatch):
    from vitasim.report import plot

    def full_disk(result, target):
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(plot, "write", full_disk)
    path = tmp_path / "p.yaml"
    path.write_text(D3)
    code = main(["simulate", str(path), "--days", "2", "--plot", str(tmp_path / "out.png")])
    out, err = capsys.readouterr()
    assert code == 2 and err.strip() == f"vitasim: error: --plot: cannot write {tmp_path / 'out.png'}: No space left on device"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.yaml"]


@pytest.mark.parametrize("flag, fs_flag, free", [("read-only", os.ST_RDONLY, 10**9), ("full", 0, 0)])
def test_read_only_and_full_file_systems_are_refused_before_the_run(tmp_path, capsys, monkeypatch, flag, fs_flag, free):
    class FakeStat:
        f_flag, f_bavail, f_frsize = fs_flag, free, 1
    monkeypatch.setattr(os, "statvfs", lambda _p: FakeStat())
    path = tmp_path / "p.yaml"
    path.write_text(D3)
    code = main(["simulate", str(path), "--plot", str(tmp_path / "o.png")])
    _, err = capsys.readouterr()
    assert code == 2 and err.startswith("vitasim: error: --plot: ") and flag in err


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes anywhere")
def test_an_unwritable_directory_is_refused_before_the_run(tmp_path, capsys):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    path = tmp_path / "p.yaml"
    path.write_text(D3)
    try:
        code = main(["simulate", str(path), "--plot", str(locked / "o.png")])
    finally:
        locked.chmod(0o700)
    _, err = capsys.readouterr()
    assert code == 2 and "--plot: cannot write in" in err


def _run(args: list[str], **kw) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    return subprocess.Popen([sys.executable, "-m", "vitasim", *args], env=env, stdout=kw.pop("stdout", subprocess.PIPE),
                            stderr=subprocess.PIPE, text=True, **kw)


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_stdout_that_cannot_be_written_is_one_line(tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text(D3)
    with open("/dev/full", "w") as full:
        proc = _run(["refs"], stdout=full)
        _, err = proc.communicate(timeout=120)
    assert proc.returncode == 2 and err.strip().splitlines() == ["vitasim: error: stdout: cannot write: No space left on device"]


def test_ctrl_c_stops_a_population_run_within_seconds_and_writes_nothing(tmp_path):
    """The kernel runs in blocks of people; SIGINT is seen when the running block ends."""
    profile = ROOT / "examples" / "older_woman_loading.yaml"
    out = tmp_path / "out"
    out.mkdir()
    # a shell's background job starts with SIGINT ignored; a user's Ctrl-C reaches a foreground one
    proc = _run(["simulate", str(profile), "--population", "20000", "--every", "30", "--plot", str(out / "p.png")],
                preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    time.sleep(40)                           # imports, model load, and well into the blocks
    assert proc.poll() is None, "the run ended before it could be interrupted"
    sent = time.perf_counter()
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    stopped = time.perf_counter() - sent
    assert proc.returncode == 130 and err.strip().splitlines()[-1] == "vitasim: interrupted", err[-500:]
    assert "Traceback" not in err
    assert stopped < 5.0, stopped           # a block is ~1 s on a loaded 2-core machine
    assert list(out.iterdir()) == []


def test_blocks_are_small_and_depend_only_on_the_inputs():
    from vitasim.simulate import PERSON_DAYS_PER_BLOCK, block_size
    assert block_size(20_000, 180) == PERSON_DAYS_PER_BLOCK // 180
    assert block_size(5, 180) >= 5 and block_size(20_000, 36500) == 16


def test_a_keyboard_interrupt_between_blocks_propagates():
    calls = []

    def progress(done, total):
        calls.append(done)
        if len(calls) == 1:
            raise KeyboardInterrupt
    with pytest.raises(KeyboardInterrupt):
        vitasim.simulate(GOOD, 180, population=300, quantities=["25ohd"], progress=progress)
    assert calls == [111]


LAB_OUTPUTS = [("25ohd", "25ohd"), ("b12", "b12_serum"), ("holotc", "holotc"), ("mma", "mma"), ("mg", "mg_serum"),
               ("inr", "inr")]


@pytest.mark.parametrize("key, output", LAB_OUTPUTS)
def test_a_lab_at_either_end_of_its_accepted_range_is_used_or_the_difference_is_said(key, output):
    """No value doubles as 'not measured': at both bounds the lab counts as given (not defaulted), and the
    simulation starts from it, or a caution says where the model started instead."""
    from vitasim import labs
    from vitasim.simulate import default_system
    from vitasim.simulate import simulate as simulate_profile
    lab = labs.resolver().get(key)
    low, high, _ = labs.bounds(lab)
    cov = labs.lab_covariates()[key]
    for value in (low, high):
        raw = value if lab.unit == "1" else f"{value!r} {lab.unit}"
        profile = vitasim.load_profile({"labs": {key: raw}, "medications": ["warfarin"] if key == "inr" else []})
        assert profile.covariate(cov)[1] is True
        sol = simulate_profile(profile, days=1, system=default_system())
        assert cov.name not in sol.defaulted
        start = float(units.convert_values(sol.per_person[output][0, 0], sol.system.output(output).unit,
                                                   lab.unit, lab.compound))
        said = _codes(sol).get("PROFILE_LAB_NOT_AS_GIVEN", "")
        if abs(start - value) > 0.02 * value:
            assert f"labs.{key}: given {value:.4g}" in said, (key, value, start)
        else:
            assert f"labs.{key}:" not in said


def test_the_sentinels_of_the_models_are_outside_the_accepted_ranges():
    """The magnesium model reads 10 mmol/L as 'not measured', the B12 model reads values below 1 so:
    neither can be given."""
    from vitasim import labs
    from vitasim.physiology.magnesium.module import MG_NOT_MEASURED
    assert labs.bounds(labs.resolver().get("mg"))[1] < MG_NOT_MEASURED
    for key in ("b12", "holotc", "mma"):
        assert labs.bounds(labs.resolver().get(key))[0] >= 1.0
