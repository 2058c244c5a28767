"""Evidence records point to the trial registry's arms instead of copying them."""
from __future__ import annotations

from vitasim.evidence import records
from vitasim.evidence.arms import arms_for
from vitasim.evidence.render import topic_text
from vitasim.trials.registry import get_arm, registry


def test_every_link_is_a_registry_arm_from_a_study_the_record_cites():
    linked = 0
    for rec in records().values():
        for arm_id in arms_for(rec):
            assert get_arm(arm_id).reference in rec.refs
            linked += 1
    assert linked > 0, "no evidence record shares a study with the registry"


def test_a_record_whose_study_has_arms_lists_them_all():
    refs_with_arms = {arm.reference for arm in registry()}
    rec = next(r for r in records().values() if set(r.refs) & refs_with_arms)
    expected = {a.id for a in registry() if a.reference in rec.refs}
    assert set(arms_for(rec)) == expected


def test_topic_listing_names_the_linked_arms():
    rec = next(r for r in records().values() if arms_for(r))
    text = topic_text(rec.topics[0], [rec])
    assert "trial arms (vitasim trial ARM): " + ", ".join(arms_for(rec)) in text
