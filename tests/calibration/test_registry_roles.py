"""The arms the joint fit uses (calibration/data) and the same arms in the trial registry carry
the same role: an arm fitted on is never scored as validation in ``vitasim trial --all``.

The pairs are listed by hand (the two files name arms differently); a new fit arm without a
pair must be added here or to the registry.
"""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from vitasim.trials.registry import get_arm

DATA = Path(__file__).resolve().parents[2] / "calibration" / "data"

# fit arm id -> registry arm id (None: the registry has no arm for it yet)
PAIRS = {
    "knapen2015_mk7_180_3y": "knapen2015th_mk7_180ug",
    "dalmeijer2012_mk7_180_12wk": "dalmeijer2012_mk7_180ug",
    "dalmeijer2012_mk7_360_12wk": "dalmeijer2012_mk7_360ug",
    "scragg1995_d3_100000_single_pth": "scragg1995_d3_100000iu_single_pth",
    "scragg1995_d3_100000_single": "scragg1995_d3_100000iu_single",
    "chapuy1992_d3_800_ca_1200_pth": "chapuy1992_d3_800iu_calcium_pth",
    "chapuy1992_d3_800_ca_1200": "chapuy1992_d3_800iu_calcium_25ohd",
    "bargerlux1998_d3_25": "bargerlux1998_d3_25ug",
    "bargerlux1998_d3_250": "bargerlux1998_d3_250ug",
    "bargerlux1998_d3_1250": "bargerlux1998_d3_1250ug",
    "gallagher2012_d3_4400": "gallagher2012_d3_4000_4800iu_plateau",
    "manson2019vital_d3_2000": "manson2019vital_d3_2000iu",
    "tran2012dhealth_d3_60000_monthly": "tran2012dhealth_d3_60000iu_monthly",
    "tran2012dhealth_d3_30000_monthly": "tran2012dhealth_d3_30000iu_monthly",
    "ilahi2008_d3_100000_single": "ilahi2008_d3_100000iu_single",
    "vangroningen2010_d3_25000_weekly_x8": "vangroningen2010_d3_200000iu",
    "vangroningen2010_d3_25000_biweekly_x4": None,
    "vangroningen2010_d3_25000_weekly_x6": None,
}


def _fit_arms() -> dict[str, dict]:
    arms = {}
    for f in sorted(DATA.glob("*.yaml")):
        for arm in yaml.safe_load(f.read_text()) or []:
            arms[arm["id"]] = arm
    return arms


def test_every_fit_arm_is_paired():
    assert set(_fit_arms()) == set(PAIRS)


@pytest.mark.parametrize("fit_id", sorted(k for k, v in PAIRS.items() if v))
def test_fit_arm_and_registry_arm_share_role_and_study(fit_id):
    fit_arm = _fit_arms()[fit_id]
    reg = get_arm(PAIRS[fit_id])
    assert reg.role == fit_arm["role"], f"{fit_id} is {fit_arm['role']} in the fit, {reg.role} in the registry"
    assert reg.reference == fit_arm["reference"]
