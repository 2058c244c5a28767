"""The one name resolver: the same matching and hints for supplements, medicines, conditions, labs."""
import pytest

from vitasim import labs, names
from vitasim.errors import ModelDefinitionError, VitasimInputError
from vitasim.names import Resolver


def small():
    return Resolver.build("fruit", [("green_apple", ("granny smith",), 1), ("pear", (), 2)])


@pytest.mark.parametrize("written", ["green_apple", "Green Apple", "green-apple", "  GREEN   apple ", "greenapple",
                                     "Granny-Smith"])
def test_spelling_variants_resolve(written):
    assert small().get(written) == 1


def test_unknown_name_gives_nearest_and_known_list():
    with pytest.raises(VitasimInputError) as info:
        small().resolve("green appel", "basket[0]")
    assert info.value.field == "basket[0]"
    assert "did you mean 'green apple'" in info.value.message
    assert "known: green apple, pear" in info.value.message
    assert small().nearest("zzzz") is None


@pytest.mark.parametrize("name", [None, "", "  ", 3])
def test_missing_name(name):
    with pytest.raises(VitasimInputError) as info:
        small().resolve(name, "f")
    assert info.value.field == "f"


def test_an_alias_meaning_two_things_is_a_declaration_bug():
    with pytest.raises(ModelDefinitionError, match="both"):
        Resolver.build("fruit", [("apple", ("pome",), 1), ("pear", ("Pome",), 2)])


def test_every_declared_table_builds_without_clashes():
    # building checks that no alias means two different items
    assert names.supplements().get("D3").key == "vitamin_d3"
    assert names.medications().get("Coumadin").key == "warfarin"
    assert names.conditions().get("CKD 4").key == "ckd_stage_4_5"
    assert labs.resolver().get("25(OH)D").key == "25ohd"


def test_medicines_declared_by_two_modules_are_merged():
    # omeprazole is declared by the B12 and the magnesium modules; one entry, classes joined
    med = names.medications().get("losec")
    assert med.key == "omeprazole" and "ppi" in med.classes
    assert names.medications().get("pantoloc").key == "pantoprazole"   # a synonym only magnesium gives


def test_merged_declarations_match_the_assembled_system():
    from vitasim import physiology
    from vitasim.model import assemble
    system = assemble(*physiology.modules())
    assert {m.key: (set(m.classes), set(m.synonyms)) for m in system.medications} == \
        {m.key: (set(m.classes), set(m.synonyms)) for m in names.merge_medications(names._declared("medications"))}
    assert {c.key: set(c.synonyms) for c in system.conditions} == \
        {c.key: set(c.synonyms) for c in names.merge_conditions(names._declared("conditions"))}
    assert [s.key for s in system.supplements] == [s.key for s in names.declared_supplements()]
