"""The lab catalogue: coverage of the modules, units, conversions, baselines and eGFR."""
import pytest

from vitasim import labs, physiology, units
from vitasim.errors import VitasimInputError
from vitasim.labs import CATALOGUE, LabResult, baseline, egfr_ckd_epi_2021, measure
from vitasim.refs import references
from vitasim.timeline import When

LAB = {lab.key: lab for lab in CATALOGUE}


def _convertible(a: str, b: str, compound: str | None) -> bool:
    if a == b:
        return True
    try:
        units.convert_values(1.0, a, b, compound)
        return True
    except Exception:
        return False


def test_every_covariate_lab_is_in_the_catalogue_with_a_compatible_unit():
    for mod in physiology.modules():
        for cov in mod.covariates:
            if cov.lab is None:
                continue
            assert cov.lab in LAB, f"{mod.name}.{cov.name} reads lab {cov.lab!r}, missing from the catalogue"
            assert _convertible(LAB[cov.lab].unit, cov.unit, cov.compound), cov.name


def test_every_lab_names_the_output_that_predicts_it_with_a_compatible_unit():
    outputs = {o.name: o for mod in physiology.modules() for o in mod.outputs}
    for lab in CATALOGUE:
        if lab.output is not None:
            out = outputs[lab.output]
            assert _convertible(out.unit, lab.unit, lab.compound), lab.key


def test_every_lab_has_a_range_and_cited_sources():
    refs = references()
    for lab in CATALOGUE:
        low, high, source = labs.bounds(lab)
        assert low < high, lab.key
        for key in (*source.split(";"), *lab.source.split(";"), *(lab.range_source.split(";") if lab.low is not None else ())):
            assert key in refs, f"{lab.key}: {key!r} is not in the reference list"
        if lab.compound:
            compound = units.COMPOUNDS[lab.compound]
            assert all(k in refs for k in compound.source.split(";")), lab.compound
        assert lab.loinc or "no LOINC" in lab.note, lab.key


@pytest.mark.parametrize("key, written, expected", [
    ("serum_calcium", "10 mg/dL", 100 / 40.078),              # 1 mmol/L = 4.008 mg/dL
    ("phosphate", "3.1 mg/dL", 31 / 30.974),
    ("pth", "65 pg/mL", 65 / 9425 * 1000),                    # intact PTH(1-84), 9425 g/mol
    ("calcitriol", "40 pg/mL", 40 / 416.64 * 1000),
    ("creatinine", "1 mg/dL", 10_000 / 113.12),               # the usual 88.4 umol/L
    ("creatinine", "88 umol/L", 88.0),
    ("ucoc_fraction", "35 %", 35.0),
    ("ucoc_fraction", 35, 35.0),
    ("dp_ucmgp", "0.5 nmol/L", 500.0),
    ("inr", 2.6, 2.6),
])
def test_units_convert_to_the_lab_unit(key, written, expected):
    value, _ = measure(LAB[key], written, "labs.x")
    assert value == pytest.approx(expected, rel=1e-12)


def test_creatinine_factor_is_the_usual_one():
    assert measure(LAB["creatinine"], "1 mg/dL", "f")[0] == pytest.approx(88.4, abs=0.01)


@pytest.mark.parametrize("key, written", [
    ("serum_calcium", "28 mmol/L"), ("serum_calcium", "2.5 ng/mL"), ("serum_calcium", "2.5 kg"),
    ("pth", "65 pmol"), ("ucoc_fraction", "135 %"), ("ucoc_fraction", "35 ng/mL"), ("dp_ucmgp", "500 ng/mL"),
    ("inr", "2.6 s"), ("creatinine", "1 mg"),
])
def test_implausible_or_wrong_units_are_rejected(key, written):
    with pytest.raises(VitasimInputError) as info:
        measure(LAB[key], written, "labs.x")
    assert info.value.field == "labs.x"


def test_range_message_shows_mass_units():
    with pytest.raises(VitasimInputError) as info:
        measure(LAB["serum_calcium"], "40 mg/dL", "labs.calcium")
    assert "mg/dL" in info.value.message and "mmol/L" in info.value.message


def r(day, value=1.0):
    return LabResult(value, "1", value, When(day))


def test_baseline_is_the_latest_at_or_before_day_0():
    assert baseline((r(-30, 1), r(-2, 2), r(10, 3))).value == 2
    assert baseline((r(0, 1), r(-5, 2))).value == 1
    assert baseline((r(0, 1), r(0, 2))).value == 2          # a tie: the later-listed
    assert baseline((r(5, 1), r(9, 2))) is None             # all after day 0: no baseline


def test_egfr_ckd_epi_2021_matches_the_published_equation():
    # a published worked example (woman, 55 y, Scr 0.9 mg/dL; factors rounded to 3 digits) gives about
    # 76 mL/min/1.73m2; unrounded it is 75.5
    scr = 0.9 * 10_000 / 113.12
    assert egfr_ckd_epi_2021(scr, 55, True) == pytest.approx(76, abs=1)
    assert egfr_ckd_epi_2021(scr, 55, True) == pytest.approx(
        142 * (0.9 / 0.7) ** -1.2 * 0.9938 ** 55 * 1.012, rel=1e-9)
    # below the knot the alpha exponent applies: man, 40 y, Scr 0.7 mg/dL
    scr = 0.7 * 10_000 / 113.12
    assert egfr_ckd_epi_2021(scr, 40, False) == pytest.approx(142 * (0.7 / 0.9) ** -0.302 * 0.9938 ** 40, rel=1e-9)
