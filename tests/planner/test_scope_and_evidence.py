"""Who check and plan are for (adults, not pregnant), and the evidence links they print."""
from __future__ import annotations

import dataclasses

import pytest

import vitasim
from vitasim.errors import VitasimInputError
from vitasim.planner import check, plan
from vitasim.planner.evidence import links

ADULT = {"person": {"age": 40, "sex": "female", "weight": "60 kg"}}


@pytest.mark.parametrize("verb", [check, plan])
def test_under_18_is_refused_naming_the_age(verb):
    young = dataclasses.replace(vitasim.load_profile(ADULT), age=16.0)
    with pytest.raises(VitasimInputError) as exc:
        verb(young, population=20)
    assert exc.value.field == "person.age" and "\n" not in str(exc.value) and "adult" in str(exc.value)
    with pytest.raises(VitasimInputError) as exc:       # through the mapping, whoever refuses it
        verb({"person": {"age": 16}}, population=20)
    assert exc.value.field == "person.age"


@pytest.mark.parametrize("verb", [check, plan])
def test_pregnancy_is_refused_naming_the_field(verb):
    data = {"person": {**ADULT["person"], "pregnant": True}}
    with pytest.raises(VitasimInputError) as exc:
        verb(data, population=20)
    assert exc.value.field == "person.pregnant" and "\n" not in str(exc.value)


def test_links_point_to_existing_records_with_computed_certainty():
    from vitasim.evidence import grade, records
    found = links(("theuwissen2013", "garrison2020", "iom2011", "lam2013"))
    ids = {e["id"] for e in found}
    assert {"theuwissen2013.mk7_inr", "garrison2020.mg_cramps", "lam2013.ppi_b12"} <= ids
    for e in found:
        assert e["certainty"] == grade(records()[e["id"]]).certainty
    assert links(("no_such_key",)) == []
    # a record that only quotes a paper for a general fact is not linked to every message citing it
    assert not any(e["id"].startswith("vkdp.") for e in links(("schurgers2007",)))


def test_every_citation_in_the_planner_plugins_links_only_to_existing_records():
    from vitasim import physiology
    from vitasim.evidence import records
    parts = physiology.plan_parts()
    keys = {r for t in parts.targets for r in t.refs} | {r for f in parts.forms for r in f.refs}
    linked = links(tuple(sorted(keys)))
    assert linked, "the planner's targets and forms cite studies that have evidence records"
    assert {e["id"] for e in linked} <= set(records())
