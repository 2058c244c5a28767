"""`vitasim claims` and `vitasim evidence` driven in process, as a user would."""
from __future__ import annotations

import json
from pathlib import Path

from vitasim.cli import main

ARTICLES = Path(__file__).resolve().parent / "articles"


def run(capsys, *args):
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def test_claims_text(capsys):
    code, out, _ = run(capsys, "claims", ARTICLES / "capsule.md")
    assert code == 0
    assert "[CONTRADICTED, moderate certainty] magnesium relieves" in out
    assert "NOT ASSESSED" in out and "refs: garrison2020" in out


def test_claims_json(capsys):
    code, out, _ = run(capsys, "claims", ARTICLES / "k2facts.html", "--format", "json")
    data = json.loads(out)
    assert code == 0 and data["schema"] == "vitasim.claims/1"
    assert any(c["claim"] == "calcitonin_vkdp" and c["verdict"] == "contradicted" for c in data["claims"])


def test_claims_html_report(tmp_path, capsys):
    report = tmp_path / "r.html"
    code, out, _ = run(capsys, "claims", ARTICLES / "older_adults.txt", "--report", report)
    page = report.read_text()
    assert code == 0 and f"report written to {report}" in out
    assert page.startswith("<!doctype html>") and "References" in page and "iom1998" in page


def test_claims_bad_input_is_one_line_exit_2(tmp_path, capsys):
    code, _, err = run(capsys, "claims", tmp_path / "missing.txt")
    assert code == 2 and err.count("\n") == 1 and "article" in err
    code, _, err = run(capsys, "claims", ARTICLES / "capsule.md", "--report", tmp_path / "r.pdf")
    assert code == 2 and "--report" in err
    binary = tmp_path / "b.txt"
    binary.write_bytes(b"\xff\xfe\x00bad")
    assert run(capsys, "claims", binary)[0] == 2


def test_evidence_topic(capsys):
    code, out, _ = run(capsys, "evidence", "spinal fusion")
    assert code == 0 and "very low certainty" in out and "33/36 vs 26/35" in out and "MISMATCH" in out


def test_evidence_lists_topics_and_rejects_unknown(capsys):
    code, out, _ = run(capsys, "evidence")
    assert code == 0 and "cramps" in out
    code, _, err = run(capsys, "evidence", "crampz")
    assert code == 2 and "did you mean cramps" in err
