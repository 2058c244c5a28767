"""Unit parsing and compound-aware conversions."""
import pytest

from vitasim import units
from vitasim.errors import VitasimInputError
from vitasim.refs import references, split_keys


def test_compound_facts():
    assert units.COMPOUNDS["cholecalciferol"].molar_mass == 384.64
    assert units.COMPOUNDS["cholecalciferol"].iu_per_ug == 40.0
    assert units.COMPOUNDS["25ohd"].iu_per_ug is None
    refs = references()
    for c in units.COMPOUNDS.values():
        assert all(k in refs for k in split_keys(c.source)), c.name


def test_2000_iu_d3_is_50_ug_and_130_nmol():
    q = units.parse("2000 IU", "dose")
    assert units.amount(q, "cholecalciferol", "ug") == pytest.approx(50.0, rel=1e-12)
    assert units.amount(q, "cholecalciferol", "mg") == pytest.approx(0.05, rel=1e-12)
    assert units.amount(q, "cholecalciferol", "nmol") == pytest.approx(50_000 / 384.64, rel=1e-12)
    assert units.amount(q, "cholecalciferol", "nmol") == pytest.approx(129.99, abs=0.005)


def test_mass_and_molar_doses_round_trip():
    assert units.amount(units.parse("50 ug", "d"), "cholecalciferol", "nmol") == pytest.approx(129.9917, rel=1e-6)
    assert units.amount(units.parse("50 mcg", "d"), "cholecalciferol", "nmol") == pytest.approx(129.9917, rel=1e-6)
    assert units.amount(units.parse("50 µg", "d"), "cholecalciferol", "nmol") == pytest.approx(129.9917, rel=1e-6)
    assert units.amount(units.parse("1.25 mg", "d"), "cholecalciferol", "ug") == pytest.approx(1250.0)
    assert units.amount(units.parse("129.9917 nmol", "d"), "cholecalciferol", "ug") == pytest.approx(50.0, rel=1e-6)
    # D2 uses its own molar mass
    assert units.amount(units.parse("2000 IU", "d"), "ergocalciferol", "nmol") == pytest.approx(50_000 / 396.65)


def test_concentration_25ohd():
    q = units.parse("30 ng/mL", "labs.25ohd")
    assert units.concentration(q, "25ohd", "nmol/L") == pytest.approx(74.88, abs=0.005)
    assert units.concentration(q, "25ohd", "nmol/L") == pytest.approx(30 * 1000 / 400.64, rel=1e-12)
    back = units.concentration(units.parse("74.88 nmol/L", "x"), "25ohd", "ng/mL")
    assert back == pytest.approx(30.0, abs=1e-3)
    assert units.concentration(units.parse("30 ug/L", "x"), "25ohd", "nmol/L") == pytest.approx(74.88, abs=0.005)


def test_convert_values():
    import numpy as np
    out = units.convert_values(np.array([74.88, 250.0]), "nmol/L", "ng/mL", "25ohd")
    assert out == pytest.approx([30.0, 100.16], abs=0.005)
    assert units.convert_values(5.0, "nmol/L", "nmol/L") == 5.0


def test_iu_for_compound_without_iu_factor_raises():
    with pytest.raises(VitasimInputError) as info:
        units.amount(units.parse("1000 IU", "dose"), "25ohd", "nmol", "regimen[0].dose")
    assert info.value.field == "regimen[0].dose"
    assert "IU" in info.value.message


def test_amount_rejects_non_amount():
    with pytest.raises(VitasimInputError) as info:
        units.amount(units.parse("5 ng/mL", "dose"), "cholecalciferol", "nmol", "regimen[1].dose")
    assert info.value.field == "regimen[1].dose"


def test_concentration_rejects_non_concentration():
    with pytest.raises(VitasimInputError) as info:
        units.concentration(units.parse("30 kg", "labs.25ohd"), "25ohd", "nmol/L", "labs.25ohd")
    assert info.value.field == "labs.25ohd"


@pytest.mark.parametrize("raw", [2000, 2000.0, "2000", "  2000 "])
def test_bare_numbers_raise_naming_the_field(raw):
    with pytest.raises(VitasimInputError) as info:
        units.parse(raw, "regimen[0].dose")
    assert info.value.field == "regimen[0].dose"
    assert "unit" in info.value.message


@pytest.mark.parametrize("raw", ["5 foo", "abc", "", "2 + kg", "nan kg", "1e999 kg", None, True, [1]])
def test_nonsense_raises_naming_the_field(raw):
    with pytest.raises(VitasimInputError) as info:
        units.parse(raw, "person.weight")
    assert info.value.field == "person.weight"
    assert str(info.value).startswith("person.weight: ")


def test_input_error_is_a_value_error():
    with pytest.raises(ValueError):
        units.parse("5 foo", "x")


def test_hours_and_kilograms():
    assert units.hours(units.parse("1 week", "every"), "every") == 168.0
    assert units.hours(units.parse("2 day", "every"), "every") == 48.0
    assert units.kilograms(units.parse("154 lb", "w"), "w") == pytest.approx(154 * 0.45359237)
    with pytest.raises(VitasimInputError) as info:
        units.hours(units.parse("5 kg", "regimen[0].every"), "regimen[0].every")
    assert info.value.field == "regimen[0].every"
    with pytest.raises(VitasimInputError) as info:
        units.kilograms(units.parse("5 day", "person.weight"), "person.weight")
    assert info.value.field == "person.weight"


def test_iu_is_not_a_mass():
    q = units.parse("1000 IU", "d")
    assert q.check("[vitamin_activity]")
    assert not q.check("[mass]")


def test_display():
    assert units.display("ug") == "µg"


# ---- model unit strings ---------------------------------------------------------------------------

def test_per_divides_by_everything_after_it():
    # pint alone reads 'per' as '/', which made (nmol/h)/(ug/d) a [substance]/[time]**2/[mass]
    assert units.dimensionality("nmol/h per ug/d") == units.dimensionality("nmol/ug")
    assert units.Quantity(1, "nmol/h per ug/d").to("nmol/ug").magnitude == pytest.approx(24.0)
    assert units.Quantity(1, "1/h per pmol/L").to("L/pmol/h").magnitude == pytest.approx(1.0)
    assert units.dimensionality("pmol/h per h") == units.dimensionality("pmol/h**2")
    with pytest.raises(ValueError, match="at most one 'per'"):
        units.dimensionality("L/h per mL per min")


def test_egfr_unit_is_the_filtration_of_a_standard_adult():
    assert units.Quantity(100, "mL/min/1.73m2").to("L/h").magnitude == pytest.approx(6.0)
    assert units.dimensionality("mL/min/1.73 m2") == units.dimensionality("L/h")
    assert units.Quantity(1, "L/h per mL/min/1.73m2").to("").magnitude == pytest.approx(1000 / 60)
    assert units.parse("90 mL/min/1.73m2", "person.egfr").to("mL/min").magnitude == pytest.approx(90)


def test_years_and_percent_per_year():
    assert units.Quantity(1, "y").to("h").magnitude == pytest.approx(8766.0)
    assert units.Quantity(1, "%/y").to("1/h").magnitude == pytest.approx(0.01 / 8766)
    assert units.parse("72 y", "person.age").to("year").magnitude == 72


def test_unknown_unit_raises_naming_it():
    with pytest.raises(ValueError, match="'nmoles per'"):
        units.dimensionality("nmoles per")


def _declared_units():
    from vitasim import physiology
    for m in physiology.modules():
        for item in (*m.parameters, *m.covariates, *m.derived, *m.states, *m.intermediates, *m.inputs):
            yield f"{m.name}.{item.name}", item.unit
        for out in m.outputs:
            yield f"{m.name}.{out.name}", out.unit
            if out.display_unit:
                yield f"{m.name}.{out.name} (display)", out.display_unit
        for sup in m.supplements:
            yield f"{m.name}.{sup.key}", sup.amount_unit


def test_every_declared_unit_of_every_module_parses():
    bad = []
    for where, unit in _declared_units():
        try:
            units.dimensionality(unit)
        except ValueError:
            bad.append((where, unit))
    assert not bad
