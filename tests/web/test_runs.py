"""Check, plan and what-if through the pages: background run, progress poll, stored run, charts
of the prediction with the measured labs, the clinician report as HTML and PDF."""
from __future__ import annotations

import time

from conftest import POPULATION, add_person, post

from vitasim.store import get_person


def _finish(client, location: str, timeout: float = 900.0) -> str:
    """Poll the job as htmx does until it redirects to the stored run; returns the run's URL."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        r = client.get(location, headers={"HX-Request": "true"})
        assert r.status_code == 200
        if "HX-Redirect" in r.headers:
            return r.headers["HX-Redirect"]
        assert "could not finish" not in r.text, r.text
        assert 'hx-trigger="every 1s"' in r.text and "seconds so far" in r.text
        time.sleep(0.5)
    raise AssertionError("the run did not finish")


def _mum(client) -> int:
    pid = add_person(client, "Mum")
    for value, date in (("12", "2025-09-01"), ("15", "2026-01-05")):
        post(client, f"/people/{pid}/labs", {"lab": "25ohd", "value": value, "unit": "ng/mL", "date": date})
    post(client, f"/people/{pid}/regimen", {"supplement": "vitamin_d3", "amount": "800", "unit": "IU",
                                            "every": "1 day"})
    return pid


def test_check_runs_in_the_background_and_is_stored_with_its_model_version(client, store):
    pid = _mum(client)
    r = post(client, f"/people/{pid}/runs", {"kind": "check"})
    assert r.status_code == 303 and r.headers["location"].startswith("/jobs/")
    page = client.get(r.headers["location"])            # the full page, before htmx takes over
    assert page.status_code in (200, 303)
    url = _finish(client, r.headers["location"])
    html = client.get(url).text
    assert html.index("What to pay attention to") < html.index("Expected values")
    assert "serum total 25-hydroxyvitamin D: predicted" in html and "<polygon" in html
    assert "target: 30 ng/mL or more" in html
    assert "15 ng/mL" in html                          # the measured lab on the prediction chart
    with store.session() as s:
        run = get_person(s, pid).runs[0]
        assert run.kind == "check" and run.inputs["population"] == POPULATION
        assert run.outputs["contract"] == "vitasim.plan/1" and run.model_version == run.outputs["provenance"]["model"]
        traj = run.outputs["trajectories"]["25ohd"]
        assert traj["unit"] == "ng/mL" and len(traj["median"]) == len(traj["t_days"]) == len(traj["p95"])
        assert run.inputs["profile"]["regimen"][0]["dose"] == "800 IU"


def test_plan_whatif_and_the_clinician_report(client, store):
    pid = _mum(client)
    url = _finish(client, post(client, f"/people/{pid}/runs", {"kind": "plan"}).headers["location"])
    html = client.get(url).text
    assert "Proposed supplements" in html and "Sources" in html
    r = post(client, url + "/whatif", {"supplement": "vitamin_d3", "amount": "0", "unit": "IU", "every": "1 day"})
    whatif = _finish(client, r.headers["location"])
    html = client.get(whatif).text
    assert "What if: <strong>no vitamin d3</strong>" in html and "Compared with the plan this started from" in html
    with store.session() as s:
        runs = get_person(s, pid).runs
        assert [r.kind for r in runs] == ["plan", "what-if"] and runs[1].inputs["profile"]["regimen"] == \
            [x for x in runs[0].inputs["profile"]["regimen"] if x["supplement"] != "vitamin_d3"]
    report = client.get(url + "/report")
    assert report.status_code == 200 and "Vitamin report for Mum" in report.text
    assert "vitamin d3 800 IU every day" in report.text and "not a medical device" in report.text
    assert '<link rel="stylesheet" href="/static/style.css">' in report.text   # inline style: blocked by the CSP
    pdf = client.get(url + "/report.pdf")
    assert pdf.status_code == 200 and pdf.headers["content-type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF-") and len(pdf.content) > 5000


def test_a_bad_whatif_keeps_what_was_typed(client, store):
    pid = _mum(client)
    url = _finish(client, post(client, f"/people/{pid}/runs", {"kind": "check"}).headers["location"])
    r = post(client, url + "/whatif", {"supplement": "vitamin_d3", "amount": "abc", "unit": "IU", "every": "1 day"})
    assert r.status_code == 422 and "expected a number" in r.text and 'value="abc"' in r.text


def test_a_check_of_a_person_whose_record_cannot_run_says_why(client):
    pid = add_person(client, "Nobody")
    r = post(client, f"/people/{pid}/runs", {"kind": "nonsense"})
    assert r.status_code == 400 and "Choose check or plan" in r.text
