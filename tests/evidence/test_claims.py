"""The claim checker on the three seed articles and on hand-written articles in other words."""
from __future__ import annotations

from pathlib import Path

import pytest

from vitasim.evidence.claims import check_article, check_text
from vitasim.evidence.text import kind_of

SEEDS = Path(__file__).resolve().parents[2] / ".." / "shared" / "seeds"
ARTICLES = Path(__file__).resolve().parent / "articles"
VERDICTS = {"supported", "partly supported", "unsupported", "contradicted", "computed", "not assessed"}


def _check(path: Path):
    raw = path.read_text(encoding="utf-8")
    return check_article(raw, kind_of(str(path), raw))


def _seed(prefix: str):
    path = next(SEEDS.glob(f"{prefix}_*.txt"), None)
    if path is None:
        pytest.skip("seed articles not present (../shared/seeds)")
    return _check(path)


def _by_claim(check) -> dict[str, list]:
    out: dict[str, list] = {}
    for c in check.claims:
        out.setdefault(c.claim, []).append(c)
    return out


def test_every_verdict_prints_reasons_and_references():
    for path in [*ARTICLES.iterdir(), *SEEDS.glob("*.txt")]:
        for c in _check(path).claims:
            assert c.verdict in VERDICTS
            assert c.reasons and c.refs, (path.name, c.claim)


def test_seed_002_calcitonin_mistake_is_contradicted_with_high_certainty():
    claims = _by_claim(_seed("002"))["calcitonin_vkdp"]
    first = claims[0]
    assert first.sentence.startswith("Calcitonin is one of those vitamin K-dependent proteins")
    assert (first.verdict, first.certainty) == ("contradicted", "high")
    assert "osteocalcin" in first.evidence[0]["finding"]


def test_seed_001_alfacalcidol_indirectness_is_flagged():
    claim = next(c for c in _by_claim(_seed("001"))["k_bone_density"] if "two-year" in c.sentence)
    assert claim.verdict == "partly supported" and claim.certainty == "low"
    iwamoto = next(e for e in claim.evidence if e["record"].startswith("iwamoto2000"))
    reasons = " ".join(iwamoto["reasons"])
    assert "cholecalciferol" in reasons and "alfacalcidol" in reasons and "pharmacological" in reasons
    assert iwamoto["certainty"] == "very low"


def test_seed_001_fusion_p_value_is_recomputed_from_the_counts():
    claim = next(c for c in _by_claim(_seed("001"))["spinal_fusion"] if "91.67%" in c.sentence)
    assert claim.verdict == "unsupported"
    stat = claim.statistics[0]
    assert stat.quoted["p"] == 0.044 and not stat.consistent
    assert (stat.recomputed["k1"], stat.recomputed["k2"]) == (33, 26)
    assert round(stat.recomputed["p_fisher"], 3) == 0.063
    assert any("not reproduced" in r for r in claim.reasons)


def test_seed_000_magnesium_cramps_is_contradicted():
    claims = _by_claim(_seed("000"))["mg_cramps"]
    supplement = next(c for c in claims if "supplement" in c.sentence)
    assert (supplement.verdict, supplement.certainty) == ("contradicted", "moderate")
    assert "garrison2020" in supplement.refs


def test_seed_000_food_claims_are_answered_in_grams():
    found = _by_claim(_seed("000"))
    fish = next(c for c in found["food_vitamin_d"] if "fatty fish" in c.sentence)
    assert fish.verdict == "computed" and any("g/day of Fish" in r for r in fish.reasons)
    natto = found["food_k2"][0]
    assert natto.verdict == "computed" and any("of Natto" in r for r in natto.reasons)
    assert any("Liver" in r and "not assessed" in r for r in natto.reasons)


def test_seed_000_forms_claims():
    found = _by_claim(_seed("000"))
    assert found["d3_vs_d2"][0].verdict == "supported"
    assert found["mk7_vs_mk4"][0].verdict == "supported"
    assert found["b12_forms"][0].verdict == "unsupported"


def test_hand_written_markdown_article():
    found = _by_claim(_check(ARTICLES / "capsule.md"))
    assert found["d3_vs_d2"][0].verdict == "supported"
    assert found["mg_cramps"][0].verdict == "contradicted"
    assert found["mk7_vs_mk4"][0].verdict == "supported"
    assert found["vkdp_osteocalcin_mgp"][0].verdict == "supported"
    assert found["b12_medicines"][0].verdict == "supported"


def test_hand_written_markdown_lists_what_it_cannot_judge_with_statistics():
    check = _check(ARTICLES / "capsule.md")
    missed = {n.sentence: n for n in check.not_assessed}
    assert "Vitamin K2 also lowers cholesterol dramatically." in missed
    trial = next(n for s, n in missed.items() if "45% of 120" in s)
    assert trial.statistics and trial.statistics[0].recomputed["k1"] == 54


def test_hand_written_html_article():
    check = _check(ARTICLES / "k2facts.html")
    found = _by_claim(check)
    assert found["calcitonin_vkdp"][0].verdict == "contradicted"
    assert found["dk_diabetes"][0].verdict == "partly supported"
    assert {"k_ckd", "k_anticoagulants"} <= set(found)
    text = " ".join(c.sentence for c in check.claims) + " ".join(n.sentence for n in check.not_assessed)
    assert "cures everything" not in text and "cures cramps" not in text  # nav and script are not article
    ci = next(n for n in check.not_assessed if "odds ratio" in n.sentence)
    assert not ci.statistics[0].consistent


def test_hand_written_plain_text_article():
    found = _by_claim(_check(ARTICLES / "older_adults.txt"))
    assert found["b12_age_absorption"][0].verdict == "supported"
    assert found["b12_forms"][0].verdict == "unsupported"
    assert found["b12_neuropathy"][0].verdict == "supported"
    assert found["k_fracture"][0].verdict == "partly supported"
    assert found["k_bone_density"][0].verdict == "supported"
    assert found["d3_without_k2"][0].verdict == "unsupported"
    assert {"food_k2", "food_vitamin_d"} <= set(found)


def test_questions_are_not_claims_and_unrelated_text_is_silent():
    check = check_text("Does magnesium help with cramps? The weather was fine today. We walked to the shop.")
    assert not check.claims and not check.not_assessed


def test_a_checkable_sentence_is_never_dropped():
    check = check_text("Vitamin D3 improves hair growth in bald men.")
    assert not check.claims
    assert check.not_assessed[0].sentence == "Vitamin D3 improves hair growth in bald men."


def test_json_view_is_versioned():
    d = check_text("Cholecalciferol raises vitamin D status more than ergocalciferol does.").to_dict()
    assert d["schema"] == "vitasim.claims/1" and d["claims"][0]["verdict"] == "supported"


def test_other_wordings_for_vitamin_d_megadoses_and_b12_routes():
    check = check_text("A yearly megadose of vitamin D protects older women from falls and fractures. "
                       "Only B12 injections work; tablets are useless for deficiency.")
    found = _by_claim(check)
    assert (found["d_fracture"][0].verdict, found["d_fracture"][0].certainty) == ("contradicted", "moderate")
    assert found["b12_injections"][0].verdict == "contradicted"


def test_the_dose_class_of_a_claim_drives_indirectness():
    plain = _by_claim(check_text("Vitamin D supplements prevent fractures in older women."))["d_fracture"][0]
    assert plain.verdict == "unsupported" and any("pharmacological dose in the study" in r
                                                  for e in plain.evidence for r in e["reasons"])
