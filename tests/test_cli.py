"""The command line, driven in process: the JSON contract, exit codes, files written."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from vitasim.cli import main

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "older_woman_loading.yaml"


def run_cli(capsys, *args):
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def test_simulate_json_contract_for_one_person(capsys):
    code, out, err = run_cli(capsys, "simulate", EXAMPLE, "--days", "60", "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    q = data["quantities"]["25ohd"]
    assert q["unit"] == "ng/mL"
    assert len(q["t_days"]) == len(q["value"]) == 61
    assert q["value"][0] == pytest.approx(16.0, rel=1e-6)   # starts at the measured baseline
    assert data["contract"] == "vitasim.simulate/1" and "not a medical device" in data["disclaimer"]
    codes = {w["code"]: w for w in data["warnings"]}
    assert codes["VITD_ABOVE_UL"]["severity"] == "danger" and codes["VITD_ABOVE_UL"]["refs"] == ["iom2011"]
    for w in data["warnings"]:
        assert set(w) == {"code", "severity", "message", "refs"}


def test_simulate_json_contract_for_a_population(capsys):
    code, out, _ = run_cli(capsys, "simulate", EXAMPLE, "--days", "30", "--population", "50", "--seed", "3",
                           "--format", "json")
    data = json.loads(out)
    q = data["quantities"]["25ohd"]
    assert code == 0 and data["population"] == 50 and data["seed"] == 3
    assert "value" not in q
    assert all(lo <= med <= hi for lo, med, hi in zip(q["p5"], q["median"], q["p95"]))
    assert q["p95"][-1] > q["p5"][-1]   # people differ


def test_table_and_plot(tmp_path, capsys):
    png = tmp_path / "plot.png"
    code, out, _ = run_cli(capsys, "simulate", EXAMPLE, "--days", "20", "--plot", png)
    assert code == 0
    assert "25ohd" in out and "DANGER" in out and "not a medical device" in out
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    html = tmp_path / "plot.html"
    assert run_cli(capsys, "simulate", EXAMPLE, "--days", "20", "--plot", html)[0] == 0
    text = html.read_text()
    assert "<img" in text and "Warnings" in text and "not a medical device" in text.lower()


def test_csv_has_every_day(capsys):
    code, out, _ = run_cli(capsys, "simulate", EXAMPLE, "--days", "10", "--format", "csv")
    lines = out.strip().splitlines()
    assert code == 0 and lines[0].startswith("day,25ohd (ng/mL)") and len(lines) == 12


def test_csv_of_a_population_is_rectangular_with_named_statistics(capsys):
    import csv
    import io
    code, out, _ = run_cli(capsys, "simulate", EXAMPLE, "--days", "6", "--population", "25", "--format", "csv")
    rows = list(csv.reader(io.StringIO(out)))
    assert code == 0 and len(rows) == 8
    header = rows[0]
    assert header[:4] == ["day", "25ohd median (ng/mL)", "25ohd p5 (ng/mL)", "25ohd p95 (ng/mL)"]
    assert {len(r) for r in rows} == {len(header)}                 # rectangular
    assert (len(header) - 1) % 3 == 0
    for row in rows[1:]:
        med, lo, hi = (float(x) for x in row[1:4])
        assert lo <= med <= hi


@pytest.mark.parametrize("content, field", [
    ("regimen:\n  - {supplement: D3, dose: -5 IU, every: 1 day}\n", "regimen[0].dose"),
    ("regimen:\n  - {supplement: D3, dose: 1000 IU, every: 0 day}\n", "regimen[0].every"),
    ("regimen:\n  - {supplement: D3, dose: 90000000 IU}\n", "regimen[0].dose"),
    ("regimen:\n  - {supplement: vitamin Q, dose: 1000 IU}\n", "regimen[0].supplement"),
    ("regimen:\n  - {supplement: D3, dose: 1000 furlongs}\n", "regimen[0].dose"),
    ("labs: {25ohd: 900 ng/mL}\n", "labs.25ohd"),
    ("person: {weight: 68 kg\n", "profile"),
])
def test_bad_input_is_one_line_and_exit_2(tmp_path, capsys, content, field):
    path = tmp_path / "p.yaml"
    path.write_text(content)
    code, out, err = run_cli(capsys, "simulate", path)
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and field in err and "Traceback" not in err


def test_bad_arguments_exit_2(capsys):
    code, _, err = run_cli(capsys, "simulate", EXAMPLE, "--population", "0")
    assert code == 2 and "population" in err
    code, _, err = run_cli(capsys, "simulate", EXAMPLE, "--plot", "x.pdf")
    assert code == 2 and "--plot" in err
    code, _, err = run_cli(capsys, "simulate", EXAMPLE, "--format", "xml")
    assert code == 2 and len(err.strip().splitlines()) == 1


def test_refs(capsys):
    code, out, _ = run_cli(capsys, "refs", "ocampo2016")
    assert code == 0 and "Ocampo-Pelland" in out and "10.1007/s10928-016-9465-1" in out
    code, _, err = run_cli(capsys, "refs", "ocampo2061")
    assert code == 2 and "ocampo2016" in err


def test_params_lists_every_parameter_with_its_source(capsys):
    from vitasim.simulate import default_system
    code, out, _ = run_cli(capsys, "params")
    assert code == 0
    for p in default_system().parameters:
        assert re.search(rf"^{p.name}\s", out, re.M)


def test_readme_documents_every_command_and_warning_code():
    readme = (ROOT / "README.md").read_text()
    for command in ("vitasim simulate", "vitasim check", "vitasim plan", "vitasim refs", "vitasim params"):
        assert command in readme



def test_plan_json_and_report(tmp_path, capsys):
    report = tmp_path / "plan.html"
    code, out, err = run_cli(capsys, "plan", EXAMPLE, "--format", "json", "--population", "40", "--report", report)
    assert code == 0, err
    data = json.loads(out)
    assert set(data) >= {"regimen", "warnings", "targets", "monitoring", "explanations", "disclaimer"}
    assert data["contract"] == "vitasim.plan/1"
    assert any(t["status"] == "met" for t in data["targets"])
    text = report.read_text()
    assert "data:image/png;base64" in text and "not a medical device" in text


def test_check_text_shows_danger_first(capsys):
    code, out, _ = run_cli(capsys, "check", EXAMPLE, "--population", "30")
    assert code == 0
    assert out.index("DANGER") < out.index("Regimen")


def test_plan_bad_input_exit_2(tmp_path, capsys):
    path = tmp_path / "p.yaml"
    path.write_text("person: {age: 80, sex: male, pregnant: true}\n")
    code, _, err = run_cli(capsys, "plan", path)
    assert code == 2 and "person.pregnant" in err and len(err.strip().splitlines()) == 1
    code, _, err = run_cli(capsys, "check", EXAMPLE, "--report", "x.pdf")
    assert code == 2 and "--report" in err
