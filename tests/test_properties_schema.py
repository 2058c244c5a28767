"""Property test over the whole profile schema and the API (issue 14).

Any mixture of valid, odd and hostile values in every field of a profile, and in the arguments of
``simulate``, ends in a clean result or a :class:`VitasimInputError` naming a field: never another
exception, never a message longer than a line, never more than a few seconds.
"""
from __future__ import annotations

import math
import time

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import vitasim
from vitasim.errors import MESSAGE_LIMIT, QUOTE_LIMIT, VitasimInputError
from vitasim.solution import Solution

SECONDS = 5.0

# Values that any field might receive: right ones for some fields, wrong for others.
ODD = st.one_of(
    st.none(), st.booleans(), st.integers(-10**6, 10**6), st.integers(10**20, 10**40),
    st.floats(allow_nan=True, allow_infinity=True), st.just(np.int64(70)), st.just(np.float32(2.5)),
    st.text(max_size=12), st.just("x" * 5000), st.just("\x1b[2J"), st.just("[bold]x[/]"), st.just("foo[/]"),
    st.lists(st.integers(0, 3), max_size=3), st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
    st.sampled_from(["2,5 mg", "2.5.5 mg", "1000 IU * 0 + 5000 IU", "9 ** 9 ** 9 IU", "2 ** 10000 IU", "60 banana",
                     "1 ns", "1e-300 day", "1e999 IU", "-5 IU", "0 IU", "nan kg", "60 kg", "170", "heavy",
                     "2026-13-45", "2026-01-10", "-3 week", "1 minute"]),
)
QUANTITY = st.one_of(
    st.builds(lambda n, u: f"{n:g} {u}", st.floats(-1e6, 1e6, allow_nan=False),
              st.sampled_from(["IU", "ug", "mcg", "mg", "g", "kg", "lb", "cm", "m", "ng/mL", "nmol/L", "pmol/L",
                               "pg/mL", "mmol/L", "mg/dL", "umol/L", "day", "week", "h", "year", "%",
                               "mL/min/1.73m2", "furlong"])),
    ODD)
LAB_KEYS = st.sampled_from(["25ohd", "vitamin D", "b12", "holotc", "mma", "inr", "mg", "magnesium", "serum_calcium",
                            "phosphate", "pth", "calcitriol", "creatinine", "ucoc_fraction", "dp_ucmgp", "nonsense"])
LAB_VALUE = st.one_of(QUANTITY, st.lists(st.fixed_dictionaries({"value": QUANTITY},
                                                                optional={"day": ODD, "date": ODD, "source": ODD}),
                                         max_size=2))
REGIMEN_ITEM = st.fixed_dictionaries(
    {"supplement": st.one_of(st.sampled_from(["D3", "vitamin D2", "B12", "magnesium citrate", "K2", "Q"]), ODD)},
    optional={"dose": QUANTITY, "every": QUANTITY, "start": QUANTITY, "stop": QUANTITY, "doses": ODD,
              "missed": st.one_of(st.lists(st.integers(-2, 200), max_size=3), ODD), "route": ODD, "extra": ODD})
DIET_ITEM = st.fixed_dictionaries(
    {"food": st.one_of(st.sampled_from(["Egg, whole, boiled or poached", "Fish, salmon, sockeye, cooked, dry heat"]),
                       ODD)},
    optional={"amount": QUANTITY, "per": QUANTITY})
PERSON = st.fixed_dictionaries({}, optional={
    "age": st.one_of(st.integers(0, 130), QUANTITY), "sex": st.one_of(st.sampled_from(["female", "m", "x"]), ODD),
    "weight": QUANTITY, "height": QUANTITY, "egfr": st.one_of(st.floats(0, 250), QUANTITY),
    "pregnant": ODD, "breastfeeding": ODD, "shoe_size": ODD})
PROFILE = st.fixed_dictionaries({}, optional={
    "version": st.one_of(st.sampled_from(["vitasim.profile/1", "vitasim.profile/2"]), ODD),
    "start": st.one_of(st.just("2026-01-10"), ODD), "name": ODD, "notes": ODD,
    "person": st.one_of(PERSON, ODD),
    "labs": st.one_of(st.dictionaries(LAB_KEYS, LAB_VALUE, max_size=3), ODD),
    "medications": st.one_of(st.lists(st.one_of(st.sampled_from(["warfarin", "omeprazole", "made-up"]), ODD,
                                                st.fixed_dictionaries({"name": ODD}, optional={"since": ODD})),
                                      max_size=3), ODD),
    "conditions": st.one_of(st.lists(st.one_of(st.sampled_from(["ckd", "sarcoidosis"]), ODD), max_size=2), ODD),
    "regimen": st.one_of(st.lists(REGIMEN_ITEM, max_size=3), ODD),
    "diet": st.one_of(st.lists(DIET_ITEM, max_size=2), ODD),
    "extra_section": ODD})


def _clean_error(exc: VitasimInputError) -> None:
    assert exc.field and isinstance(exc.field, str) and len(exc.field) <= QUOTE_LIMIT
    line = str(exc)
    assert "\n" not in line and "\x1b" not in line and len(line) <= QUOTE_LIMIT + 2 + MESSAGE_LIMIT


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(PROFILE)
def test_any_profile_is_read_or_refused_naming_a_field(data):
    start = time.perf_counter()
    try:
        profile = vitasim.load_profile(data)
    except VitasimInputError as exc:
        _clean_error(exc)
    else:
        assert vitasim.load_profile(profile.to_dict()) == profile
    assert time.perf_counter() - start < SECONDS


# Small valid runs (a long horizon or a large population is valid and legitimately takes longer) and
# every kind of invalid argument.
BAD_NUMBERS = [0, -1, 1e9, float("nan"), float("inf"), "30", None, True, [1], {"a": 1}, "x" * 5000]
DAYS = st.sampled_from([1, 2, 3.5, np.int64(2), np.float64(2.0), 36501, *BAD_NUMBERS])
EVERY = st.sampled_from([None, 0.5, 1, 1 / 48, 1e-6, 5.0, *BAD_NUMBERS])
SEED = st.sampled_from([0, 1, None, np.int64(3), 2**63, 2**64, -1, 1.5, "1", True])
POPULATION = st.sampled_from([1, 3, np.int64(2), 10**7, *BAD_NUMBERS])
QUANTITIES = st.one_of(st.sampled_from([["25ohd"], ("25ohd",), "25ohd", ["nope"], [1]]))


@pytest.fixture(scope="module", autouse=True)
def _warm():
    """Compile the vitamin D system once, so examples time the work and not numba."""
    vitasim.simulate({"labs": {"25ohd": "20 ng/mL"}}, 1, quantities=["25ohd"])


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(PROFILE, DAYS, EVERY, SEED, POPULATION, QUANTITIES)
def test_simulate_returns_a_solution_or_refuses_naming_a_field(data, days, every, seed, population, quantities):
    start = time.perf_counter()
    try:
        result = vitasim.simulate(data, days, output_every_days=every, seed=seed, population=population,
                                  quantities=quantities)
    except VitasimInputError as exc:
        _clean_error(exc)
    else:
        assert isinstance(result, Solution)
        values = np.asarray(result.data["25ohd"])
        assert values.size and np.isfinite(values).all()
        assert math.isclose(float(result.t_days[-1]), float(days))
    assert time.perf_counter() - start < SECONDS
