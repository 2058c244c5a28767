"""The shipped evidence base: loads, cites known keys, and grades as its facts imply."""
from __future__ import annotations

from vitasim.evidence import grade, on_topic, records, topics
from vitasim.refs import references


def test_every_record_cites_known_references():
    refs = references()
    missing = {(r.id, k) for r in records().values() for k in r.refs if k not in refs}
    assert not missing


def test_required_topics_are_covered():
    have = set(topics())
    for topic in ("bone", "fracture", "vascular", "ckd", "diabetes", "spinal_fusion", "cramps", "forms",
                  "absorption", "medicines", "neuropathy", "anticoagulants", "mechanism"):
        assert topic in have, topic


def test_interventions_keep_the_exact_form():
    iwamoto = records()["iwamoto2000.alfacalcidol_mk4_bmd"]
    assert "alfacalcidol" in iwamoto.forms and "cholecalciferol" not in iwamoto.forms
    assert iwamoto.dose_class == "pharmacological" and "45 mg" in iwamoto.intervention


def test_magnesium_cramps_is_moderate_certainty_of_no_effect():
    g = grade(records()["garrison2020.mg_cramps"])
    assert (g.direction, g.certainty) == ("none", "moderate")


def test_fusion_counts_do_not_reach_significance():
    g = grade(records()["fusion_endoscopic.k2_d3_fusion"])
    assert g.direction == "none" and g.recomputed is not None and not g.recomputed.consistent


def test_on_topic_accepts_spaces_and_dashes():
    assert on_topic("spinal fusion") == on_topic("spinal-fusion") != []


def test_a_record_must_carry_exactly_one_kind_of_result():
    import pytest

    from vitasim.evidence.records import _record

    raw = {"id": "x", "topics": ["t"], "design": "rct", "population": {"description": "d"},
           "intervention": {"text": "i", "forms": ["mk7"], "dose_class": "supplement"}, "comparator": "c",
           "outcome": "o", "risk_of_bias": {"level": "low"}, "refs": ["k"]}
    with pytest.raises(ValueError, match="exactly one"):
        _record(raw)
    with pytest.raises(ValueError, match="design"):
        _record({**raw, "design": "anecdote", "reported": {"direction": "benefit", "basis": "b"}})
    assert _record({**raw, "reported": {"direction": True, "basis": "b"}}).reported_direction == "true"
