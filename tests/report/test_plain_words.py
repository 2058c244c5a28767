"""check and plan in plain words: a short summary first (shared by text, HTML and JSON), no 'inf'
or 'nan', no false precision in doses, supplement descriptions said once, assumptions printed."""
from __future__ import annotations

import json
import re

import pytest

import vitasim
from vitasim.planner.summary import MAX_LINES
from vitasim.report import plan_html, plan_text

FOUR = {"person": {"age": 75, "sex": "female", "weight": "62 kg"}, "labs": {"25ohd": "18 ng/mL"},
        "medications": ["warfarin", "omeprazole"],
        "regimen": [{"supplement": "vitamin D3", "dose": "1000 IU", "every": "1 day"},
                    {"supplement": "MK-7", "dose": "100 ug", "every": "1 day"},
                    {"supplement": "vitamin B12", "dose": "500 ug", "every": "1 day"},
                    {"supplement": "magnesium citrate", "dose": "200 mg", "every": "1 day"}]}
HEAVY = {"person": {"age": 70, "sex": "female", "weight": "140 kg"}, "labs": {"25ohd": "6 ng/mL"}}
NO_AGE = {"labs": {"25ohd": "25 ng/mL"}, "regimen": [{"supplement": "cyanocobalamin", "dose": "100 ug", "every": "1 day"}]}
CASES = [("check", FOUR), ("plan", FOUR), ("plan", HEAVY), ("check", NO_AGE)]
DOSE = re.compile(r"(\d[\d,]*(?:\.\d+)?)\s*(?:IU|ug|µg|mg)\b")


@pytest.fixture(scope="module")
def rendered():
    out = {}
    for i, (verb, data) in enumerate(CASES):
        result = getattr(vitasim, verb)(data, population=30, seed=1)
        out[i] = (result, result.to_dict(), plan_html.render(result, title="t"))
    return out


def _text(result, capsys) -> str:
    plan_text.show(result, title="t")
    return capsys.readouterr().out


def _significant(number: str) -> int:
    digits = number.replace(",", "").replace(".", "").lstrip("0")
    return len(digits.rstrip("0")) or 1


@pytest.mark.parametrize("case", range(len(CASES)), ids=[f"{v}-{i}" for i, (v, _) in enumerate(CASES)])
def test_summary_first_short_and_shared(case, rendered, capsys):
    result, view, html = rendered[case]
    summary = view["summary"]
    assert 1 <= len(summary) <= MAX_LINES
    text = _text(result, capsys)
    assert text.index("What to do now") < text.index("Details") < text.index("Warnings" if view["warnings"] else "Regimen")
    flat = " ".join(text.split())
    for line in summary:
        assert " ".join(line.split()) in flat
        assert line.replace("&", "&amp;").replace("'", "&#x27;").replace("<", "&lt;") in html
    assert html.index("What to do now") < html.index("<h2>Warnings")
    dangers = [w for w in view["warnings"] if w["severity"] == "danger"]
    for i, _ in enumerate(dangers[:MAX_LINES - 1]):       # worst first
        assert summary[i].startswith("Danger:")


@pytest.mark.parametrize("case", range(len(CASES)), ids=[f"{v}-{i}" for i, (v, _) in enumerate(CASES)])
def test_no_inf_nan_or_false_precision(case, rendered, capsys):
    result, view, html = rendered[case]
    text = _text(result, capsys)
    dumped = json.dumps(view, allow_nan=False)
    for out in (text, dumped, html.split("<img")[0]):
        assert not re.search(r"\binf\b|\bnan\b|Infinity", out, re.IGNORECASE), out
    said = " ".join(view["summary"] + [e["message"] for e in view["explanations"] + view["monitoring"]]
                    + [w["message"] for w in view["warnings"]] + [c["item"] for c in view["changes"]])
    for number in DOSE.findall(said):
        assert _significant(number) <= 3, f"{number} claims more precision than the model has"


@pytest.mark.parametrize("case", range(len(CASES)), ids=[f"{v}-{i}" for i, (v, _) in enumerate(CASES)])
def test_descriptions_are_not_repeated(case, rendered, capsys):
    result, view, _ = rendered[case]
    text = " ".join(_text(result, capsys).split())
    for item in view["regimen"]:
        long_part = item["description"][len(item["description"].split(";")[0]):].strip("; ")
        if len(long_part) > 30:
            assert " ".join(long_part.split()) not in text, "a supplement's long description is repeated"


def test_assumptions_are_printed_and_in_the_json(rendered, capsys):
    result, view, html = rendered[3]                    # no age, no weight, no diet
    assert any(a.startswith("age not given") for a in view["assumptions"])
    assert any("weight not given" in a for a in view["assumptions"])
    text = " ".join(_text(result, capsys).split())
    assert "Assumptions" in text and "age not given" in text and "age not given" in html


def test_warnings_and_explanations_carry_existing_evidence_records(rendered, capsys):
    from vitasim.evidence import records
    result, view, html = rendered[0]
    linked = [e for w in view["warnings"] + view["explanations"] + view["forms"] + view["monitoring"]
              for e in w["evidence"]]
    assert linked and {e["id"] for e in linked} <= set(records())
    vka = next(w for w in view["warnings"] if w["code"] == "VITK_VKA_INTERACTION")
    assert {"id": "theuwissen2013.mk7_inr", "certainty": vka["evidence"][0]["certainty"]} in vka["evidence"]
    assert "theuwissen2013.mk7_inr" in html and "theuwissen2013.mk7_inr" in _text(result, capsys)


def test_a_dose_change_reads_as_one_line():
    from vitasim.planner.results import Change
    from vitasim.planner.summary import _change_lines
    lines = _change_lines([Change("stop", "vitamin D3 (cholecalciferol) 1000 IU daily", "replaced by the proposed regimen"),
                           Change("start", "vitamin D3 (cholecalciferol) 2000 IU daily", "target"),
                           Change("start", "cyanocobalamin 100 ug daily", "target")])
    assert lines == ["Change vitamin D3 (cholecalciferol) from 1000 IU daily to 2000 IU daily.",
                     "Start cyanocobalamin 100 ug daily."]
