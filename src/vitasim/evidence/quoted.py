"""Statistics quoted in a sentence, found by pattern and recomputed with :mod:`vitasim.evidence.stats`.

Recognised: two percentages with their group sizes (from the text, ``n = 36`` or ``36 patients``,
or from the evidence record the sentence is matched to); a ratio with its 95 % CI and p-value;
two means with SDs and group sizes and a p-value; a mean score of integer answers with its n (GRIM).
"""
from __future__ import annotations

import re

from vitasim.evidence import stats
from vitasim.evidence.records import Record

_NUM = r"(\d+(?:\.\d+)?)"
PERCENT = re.compile(_NUM + r"\s*%")
P_VALUE = re.compile(r"\bp\s*(?:value\s*)?(=|<|≤|of)\s*(0?\.\d+)", re.I)
GROUP_N = re.compile(r"\b(?:n\s*=\s*(\d+)|(\d+)\s+(?:patients|participants|people|women|men|subjects|adults))", re.I)
RATIO_CI = re.compile(r"\b(?:OR|RR|HR|odds ratio|risk ratio|relative risk|hazard ratio)\s*(?:was|is|of|=|:)?\s*" + _NUM +
                      r"\s*[(\[,;]\s*(?:95\s*%\s*(?:CI|confidence interval)\s*[:,=]?\s*)?" + _NUM +
                      r"\s*(?:-|–|to)\s*" + _NUM, re.I)
SCALE_MEAN = re.compile(r"\b(?:scored?|averaged?|mean(?: score)? of|rated)\s+(\d+\.\d{2,})\b[^.]*?\b(?:scale|score|rating|points?)\b",
                        re.I)
MEAN_SD = re.compile(_NUM + r"\s*(?:±|\+/-|\+-)\s*" + _NUM)


def _p(text: str) -> tuple[str | None, str | None]:
    m = P_VALUE.search(text)
    return (m.group(2), m.group(1)) if m else (None, None)


def recompute(text: str, record: Record | None = None) -> list[stats.Recomputation]:
    """Every statistic in ``text`` that can be recomputed (a matched record supplies group sizes)."""
    out: list[stats.Recomputation] = []
    p_text, p_op = _p(text)
    quoted_p = p_text if p_op in ("=", "of") else None
    percents = PERCENT.findall(text)
    sizes = [int(a or b) for a, b in GROUP_N.findall(text)]
    if len(percents) >= 2:
        if len(sizes) >= 2:
            out.append(stats.check_two_proportions(percents[0], sizes[0], percents[1], sizes[1], quoted_p))
        elif record is not None and record.counts is not None:
            c = record.counts
            out.append(stats.check_two_proportions(percents[0], c.treated[1], percents[1], c.control[1],
                                                   quoted_p or c.quoted_p))
    for m in RATIO_CI.finditer(text):
        if quoted_p:
            out.append(stats.check_ci_p(float(m.group(1)), float(m.group(2)), float(m.group(3)), quoted_p,
                                        ratio=True))
    scale = SCALE_MEAN.search(text)
    if scale and len(sizes) == 1:
        out.append(stats.check_grim(scale.group(1), sizes[0]))
    means = MEAN_SD.findall(text)
    if len(means) >= 2 and len(sizes) >= 2:
        (m1, s1), (m2, s2) = means[:2]
        out.append(stats.check_mean_difference(float(m1), float(s1), sizes[0], float(m2), float(s2), sizes[1],
                                               quoted_p))
    return out
