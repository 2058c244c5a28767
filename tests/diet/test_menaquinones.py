"""The menaquinone food table: every row sourced, grams computed from it."""
from __future__ import annotations

import pytest

from vitasim.diet import menaquinones
from vitasim.refs import references


def test_every_row_has_a_known_source_and_quality():
    refs = references()
    for row in menaquinones.table():
        assert row.source in refs, row.food
        assert row.quality in menaquinones.QUALITIES
        assert row.note


def test_gaps_have_no_value_and_values_are_ordered():
    for row in menaquinones.table():
        if row.quality == "gap":
            assert row.high is None
        else:
            assert row.high is not None and (row.low is None or row.low <= row.high)


def test_grams_of_natto_for_an_mk7_dose():
    natto = next(r for r in menaquinones.table() if r.food.startswith("Natto"))
    fewest, most = menaquinones.grams_for(natto, 180.0)
    assert fewest == pytest.approx(100 * 180 / natto.high)
    assert most == pytest.approx(100 * 180 / natto.low)


def test_an_upper_bound_only_gives_a_minimum():
    cheese = next(r for r in menaquinones.table() if r.low is None and r.high is not None)
    fewest, most = menaquinones.grams_for(cheese, 100.0)
    assert most is None and fewest == pytest.approx(100 * 100 / cheese.high)


def test_answer_marks_gaps_not_assessed():
    ans = menaquinones.answer("mk7", 100.0)
    assert ans.assessed
    assert any("Natto" in line and "g of" in line for line in ans.lines)
    assert any("not assessed" in line for line in ans.lines)
