"""Vitamin B12 module against published numbers NOT used for calibration.

Calibration (calibration/b12.py) used: ODS/IOM absorption of single oral doses, Glass 1961 IM
retention, Gilsing 2010 omnivore serum B12, Kuzminski 1998's ORAL arm (serum B12 and MMA),
de Jager 2010 and Lam 2013 (medicine factors).  Validated here: Kuzminski 1998's IM arm and the
oral-vs-IM contrast, Sharabi 2003 (4-week rise; sublingual = oral), Eussen 2005 (dose finding).
Each test names its source and tolerance; known misses are strict expected failures.
"""
from __future__ import annotations

import numpy as np
import pytest

import vitasim
from vitasim.simulate import simulate

pytestmark = pytest.mark.validation

PG_PER_PMOL = 1.35537  # cyanocobalamin, 1355.37 g/mol
KUZ_IM_DAYS = (1, 3, 7, 10, 14, 21, 30, 60, 90)


def _sim(labs: dict, regimen: list[dict], days: float, *, conditions=(), age: float = 70,
         quantities=("b12_serum", "mma")) -> np.ndarray:
    """(T, Q) trajectory of the typical person in model units (pmol/L, nmol/L), daily output."""
    profile = vitasim.load_profile({"person": {"age": age}, "labs": labs, "conditions": list(conditions),
                                    "regimen": regimen})
    return simulate(profile, days=days, solver="population", quantities=list(quantities), output_every_days=1).array()[0]


def _oral(dose_ug: float, route: str = "oral") -> list[dict]:
    return [{"supplement": "cyanocobalamin", "dose": f"{dose_ug} ug", "every": "1 day", "route": route}]


def _kuzminski_im() -> list[dict]:
    return [{"supplement": "cyanocobalamin", "dose": "1000 ug", "route": "intramuscular", "start": f"{d - 1} day",
             "doses": 1} for d in KUZ_IM_DAYS]


@pytest.fixture(scope="module")
def kuzminski():
    """Both arms, all patients assumed to lack intrinsic factor (assumption: the abstract does not say how
    many had pernicious anaemia; with IF the oral arm would absorb ~2 ug/d more)."""
    oral = _sim({"b12": "93 pg/mL"}, _oral(2000), 120, conditions=["pernicious anaemia"])
    im = _sim({"b12": "95 pg/mL"}, _kuzminski_im(), 120, conditions=["pernicious anaemia"])
    return oral, im


def test_kuzminski1998_oral_beats_im_at_four_months(kuzminski):
    """Kuzminski 1998 (Blood 92:1191): at 4 months serum B12 was higher with oral 2000 ug/d (1005 pg/mL)
    than with IM 1000 ug x9 (325 pg/mL; P<.0005).  The IM arm was not calibrated on: the model must
    reproduce the direction with oral/IM ratio above 1.5 (observed 3.1)."""
    oral, im = kuzminski
    assert oral[-1, 0] / im[-1, 0] > 1.5


@pytest.mark.xfail(strict=True, reason="model 469 pg/mL vs observed 325 pg/mL for the IM arm at 4 months")
def test_kuzminski1998_im_arm_serum_b12():
    """Kuzminski 1998: IM arm serum B12 95 -> 325 pg/mL at 4 months.  Tolerance +-30 %."""
    im = _sim({"b12": "95 pg/mL"}, _kuzminski_im(), 120, conditions=["pernicious anaemia"])
    assert im[-1, 0] * PG_PER_PMOL == pytest.approx(325.0, rel=0.30)


def test_kuzminski1998_im_arm_mma(kuzminski):
    """Kuzminski 1998: IM arm MMA 3630 -> 265 nmol/L at 4 months.  Tolerance: +-40 % at 4 months (group mean
    of a skewed marker; within-person MMA CV is 34 %, Hvas 2001) and +-15 % at baseline (3630)."""
    _, im = kuzminski
    assert im[0, 1] == pytest.approx(3630.0, rel=0.15)
    assert im[-1, 1] == pytest.approx(265.0, rel=0.40)


def test_sharabi2003_four_week_rise_with_500ug_oral():
    """Sharabi 2003 (Br J Clin Pharmacol 56:635): 500 ug/d oral cobalamin raised serum B12 from 108 to
    286 pmol/L in 4 weeks (95 % CI of the rise 104-252).  Validates the circulating-pool half-life.
    Tolerance: the rise within the published 95 % CI."""
    y = _sim({"b12": "108 pmol/L"}, _oral(500), 28)
    assert 104.2 <= y[-1, 0] - y[0, 0] <= 252.4


def test_sharabi2003_sublingual_equals_oral():
    """Sharabi 2003: sublingual 500 ug/d gave the same 4-week serum B12 as oral (288 vs 286 pmol/L, no
    significant difference).  The two routes must agree within 5 %."""
    oral = _sim({"b12": "100 pmol/L"}, _oral(500), 28)[-1, 0]
    sl = _sim({"b12": "100 pmol/L"}, _oral(500, "sublingual"), 28)[-1, 0]
    assert sl == pytest.approx(oral, rel=0.05)


def _eussen_reductions() -> dict[float, float]:
    """MMA fall (fraction) after 16 weeks of each daily dose, older adults (age 82) with mild deficiency.
    Baseline serum B12 assumed 180 pmol/L (entry: 100-300 pmol/L with MMA >= 0.26 umol/L; at 180 the model's
    MMA is 0.28 umol/L)."""
    out = {}
    for dose in (2.5, 100, 250, 500, 1000):
        y = _sim({"b12": "180 pmol/L"}, _oral(dose), 112, age=82)
        out[dose] = 1 - y[-1, 1] / y[0, 1]
    return out


@pytest.fixture(scope="module")
def eussen():
    return _eussen_reductions()


def test_eussen2005_mma_fall_with_1000ug(eussen):
    """Eussen 2005 (Arch Intern Med 165:1167): 1000 ug/d cyanocobalamin for 16 weeks lowered MMA by 33 %.
    Tolerance +-10 percentage points."""
    assert eussen[1000] == pytest.approx(0.33, abs=0.10)


def test_eussen2005_low_dose_gives_less_than_high_dose(eussen):
    """Eussen 2005: 2.5 ug/d lowered MMA by 16 % vs 33 % with 500-1000 ug/d: the lowest dose must give at most
    two thirds of the 1000 ug/d effect (observed 0.48)."""
    assert eussen[2.5] <= (2 / 3) * eussen[1000]


@pytest.mark.xfail(strict=True, reason="model's 100 ug/d MMA fall is 0.79 of its 1000 ug/d fall vs 0.48 "
                                       "observed: the model saturates at lower doses than 647-1032 ug/d")
def test_eussen2005_dose_for_80_percent_of_max_effect(eussen):
    """Eussen 2005: daily doses of 647-1032 ug gave 80-90 % of the estimated maximal MMA reduction, and
    100 ug/d gave 16 % vs 33 % at 1000 ug/d (ratio 0.48).  Tolerance: the model's ratio within 0.48 +- 0.2."""
    assert eussen[100] / eussen[1000] == pytest.approx(0.48, abs=0.2)


def test_untreated_pernicious_anaemia_declines_slowly():
    """IOM 1998: the store is lost at 0.1-0.2 %/d (plus, without intrinsic factor, the biliary B12 normally
    reabsorbed), so untreated deficiency develops over years: from 300 pmol/L serum B12 must keep
    exp(-0.002*365) = 48 % to exp(-0.001*365) = 69 % after one year (tolerance: 45-75 %) and stay above
    the 148 pmol/L cut-off for at least 6 months."""
    y = _sim({"b12": "300 pmol/L"}, [], 365, conditions=["pernicious anaemia"], quantities=("b12_serum",))
    assert 0.45 <= y[-1, 0] / y[0, 0] <= 0.75
    assert y[182, 0] > 148.0


def test_hydroxocobalamin_injection_retained_better_than_cyanocobalamin():
    """Glass 1961 (Blood 18:511): serum B12 2-4 weeks after 1000 ug IM was 2.4 times higher with
    hydroxocobalamin than with cyanocobalamin.  The calibration used only the 72-h urine losses; the
    serum ratio 28 days after one injection must lie between 1.3 and 4."""
    def after(form):
        reg = [{"supplement": form, "dose": "1000 ug", "route": "intramuscular"}]
        return _sim({"b12": "150 pmol/L"}, reg, 28, quantities=("b12_serum",))[-1, 0] - 150.0
    assert 1.3 <= after("hydroxocobalamin") / after("cyanocobalamin") <= 4.0
