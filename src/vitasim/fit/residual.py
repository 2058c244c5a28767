"""Residual error of each lab: how far a measured value may lie from the person's true level.

A measured lab differs from the model's prediction by the laboratory's imprecision (analytical
CV, ``CVA``) and by the person's own day-to-day fluctuation (within-subject biological variation,
``CVI``); both are proportional to the level, so the residual standard deviation is

    sigma = sqrt((cv * prediction)**2 + additive**2),   cv = sqrt(CVA**2 + CVI**2)

with a small additive part for values near the assay's lower limit.  Every number carries its
source; those marked ``uncertain`` are placeholders documented as gaps.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from vitasim.errors import VitasimInputError


@dataclass(frozen=True)
class ResidualModel:
    """Proportional + additive residual error of one lab (values in the lab's catalogue unit)."""

    lab: str
    cva: float              # analytical CV (fraction)
    cvi: float              # within-subject biological CV (fraction)
    additive: float         # additive SD, lab unit
    unit: str
    source: str
    uncertain: bool = False
    note: str = ""

    @property
    def cv(self) -> float:
        """Total proportional CV: analytical and biological variation add in quadrature."""
        return math.sqrt(self.cva ** 2 + self.cvi ** 2)

    def sigma(self, predicted: np.ndarray) -> np.ndarray:
        """Residual SD at ``predicted`` (same unit)."""
        predicted = np.asarray(predicted, dtype=np.float64)
        return np.sqrt((self.cv * np.abs(predicted)) ** 2 + self.additive ** 2)


RESIDUALS: dict[str, ResidualModel] = {m.lab: m for m in (
    ResidualModel("25ohd", 0.10, 0.071, 2.0, "nmol/L", "cavalier2021;vitasim_gap",
                  note="CVA 10 %: the Vitamin D Standardization Program imprecision criterion quoted by Cavalier 2021; "
                       "CVI 7.1 %: the upper within-subject estimate of Cavalier 2021 (5.8-7.1 %, 91 adults weekly). "
                       "Additive 2 nmol/L near the lower limit of quantification: a gap."),
    ResidualModel("b12", 0.06, 0.15, 10.0, "pmol/L", "ricos1999;vitasim_gap", uncertain=True,
                  note="CVI 15 % as listed for serum vitamin B12 in the Ricos biological variation database; CVA 6 % "
                       "and the additive 10 pmol/L are gaps (typical immunoassay imprecision)."),
    ResidualModel("holotc", 0.035, 0.10, 3.0, "pmol/L", "vitasim_gap", uncertain=True,
                  note="CVA < 3.5 % for the AxSYM holoTC assay; CVI 10 % assumed: no biological-variation estimate found."),
    ResidualModel("mma", 0.08, 0.20, 20.0, "nmol/L", "vitasim_gap", uncertain=True,
                  note="no short-term biological variation found (34 % over 1-4 years is too long-term); 20 % assumed."),
    ResidualModel("mg", 0.025, 0.036, 0.02, "mmol/L", "ricos1999;vitasim_gap", uncertain=True,
                  note="CVI 3.6 % as listed for serum magnesium in the Ricos database; CVA 2.5 % a gap."),
    ResidualModel("inr", 0.04, 0.10, 0.05, "1", "vitasim_gap", uncertain=True,
                  note="INR within-patient variation on a stable warfarin dose: no source recorded, 10 % assumed."),
    ResidualModel("serum_calcium", 0.015, 0.019, 0.02, "mmol/L", "ricos1999;vitasim_gap", uncertain=True,
                  note="CVI 1.9 % as listed for total calcium in the Ricos database; CVA 1.5 % a gap."),
    ResidualModel("pth", 0.06, 0.259, 0.3, "pmol/L", "ricos1999;vitasim_gap", uncertain=True,
                  note="CVI 25.9 % as listed for intact PTH in the Ricos database; CVA 6 % a gap."),
)}


def residual_for(lab: str) -> ResidualModel:
    """The residual model of ``lab``; a lab without one cannot be fitted."""
    try:
        return RESIDUALS[lab]
    except KeyError:
        raise VitasimInputError(f"labs.{lab}", f"no residual error model for this lab; fitted labs: "
                                               f"{', '.join(sorted(RESIDUALS))}") from None
