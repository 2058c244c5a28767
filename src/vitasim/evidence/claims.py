"""The claim checker: an article in, each checkable sentence out with a verdict, certainty, reasons,
references and recomputed statistics; sentences it cannot judge are listed as not assessed."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from vitasim.evidence import foodclaims, matcher, quoted, stats
from vitasim.evidence.grading import Verdict, grade, judge
from vitasim.evidence.records import records
from vitasim.evidence.text import read_article, sentences

# MK-7 dose used for food answers when the article names none: the 3-year trial dose (knapen2013bmd)
DEFAULT_MK7_UG = 180.0
_MK7_DOSE = re.compile(r"(?:mk-?7\D{0,40}?(\d+)(?:\s*[-–]\s*(\d+))?\s*(?:µg|ug|mcg|micrograms))|"
                       r"(?:(\d+)(?:\s*[-–]\s*(\d+))?\s*(?:µg|ug|mcg|micrograms)\D{0,30}?mk-?7)", re.I)


@dataclass(frozen=True)
class ClaimResult:
    """One claim found in a sentence: its verdict (or a computed food answer) and why."""

    sentence: str
    claim: str
    summary: str
    verdict: str  # supported | partly supported | unsupported | contradicted | computed | not assessed
    certainty: str | None
    reasons: tuple[str, ...]
    evidence: tuple[dict, ...]
    refs: tuple[str, ...]
    statistics: tuple[stats.Recomputation, ...] = field(default_factory=tuple)

    def to_dict(self) -> dict:
        return {"sentence": self.sentence, "claim": self.claim, "summary": self.summary, "verdict": self.verdict,
                "certainty": self.certainty, "reasons": list(self.reasons), "evidence": list(self.evidence),
                "refs": list(self.refs), "statistics": [s.to_dict() for s in self.statistics]}


@dataclass(frozen=True)
class NotAssessed:
    """A sentence listed but not judged, with why (and any statistic it quotes, recomputed)."""

    sentence: str
    reason: str
    statistics: tuple[stats.Recomputation, ...] = ()

    def to_dict(self) -> dict:
        return {"sentence": self.sentence, "verdict": "not assessed", "reason": self.reason,
                "statistics": [s.to_dict() for s in self.statistics]}


@dataclass(frozen=True)
class ArticleCheck:
    claims: tuple[ClaimResult, ...]
    not_assessed: tuple[NotAssessed, ...]
    sentences: int

    def to_dict(self) -> dict:
        return {"schema": "vitasim.claims/1", "sentences": self.sentences,
                "claims": [c.to_dict() for c in self.claims], "not_assessed": [n.to_dict() for n in self.not_assessed]}


def _evidence_result(sentence: str, rule: matcher.Rule, neighbours: str = "") -> ClaimResult:
    ctx = matcher.context(rule, sentence, neighbours)
    recs = [records()[rid] for rid in rule.records]
    grades = [grade(r, ctx) for r in recs]
    verdict: Verdict = judge(rule.asserts or "benefit", grades)
    evidence = tuple({"record": g.record.id, "design": g.record.design, "intervention": g.record.intervention,
                      "outcome": g.record.outcome, "finding": finding(g.record),
                      "direction": g.direction, "certainty": g.certainty,
                      "reasons": list(g.reasons), "refs": list(g.record.refs)} for g in verdict.grades)
    recomputed = [g.recomputed for g in grades if g.recomputed is not None]
    for r in recs:
        recomputed.extend(quoted.recompute(sentence, r))
    unique = tuple({s.summary(): s for s in recomputed}.values())
    reasons = list(verdict.reasons)
    reasons.extend(f"a quoted statistic is not reproduced: {'; '.join(s.notes) or s.summary()}"
                   for s in unique if not s.consistent)
    refs = tuple(dict.fromkeys(k for g in verdict.grades for k in g.record.refs))
    return ClaimResult(sentence, rule.id, rule.summary, verdict.verdict, verdict.certainty, tuple(reasons),
                       evidence, refs, unique)


def finding(r) -> str:
    """What the record found, in one line: the effect with its CI, the counts, or the reported basis."""
    if r.effect:
        e = r.effect
        return f"{e.measure} {e.value:g} (95% CI {e.ci[0]:g} to {e.ci[1]:g}) {e.unit}"
    if r.counts:
        (k1, n1), (k2, n2) = r.counts.treated, r.counts.control
        p = f", quoted P={r.counts.quoted_p}" if r.counts.quoted_p else ""
        return f"{k1}/{n1} vs {k2}/{n2}{p}"
    return r.reported_basis


def _mk7_dose(article: str) -> tuple[float, str]:
    m = _MK7_DOSE.search(article)
    if m:
        lo, hi = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
        return float(hi or lo), "the MK-7 dose the article names"
    return DEFAULT_MK7_UG, "MK-7 180 ug/d, the dose of the 3-year trial (knapen2013bmd)"


def _food_result(sentence: str, rule: matcher.Rule, article: str) -> ClaimResult:
    spec = rule.food or {}
    if spec.get("nutrient") == "vitamin_d":
        ans = foodclaims.vitamin_d(spec["foods"], spec["targets"])
        reasons = ("computed from the USDA FoodData Central extract: grams per day of fatty fish for the RDA",)
    else:
        dose, why = _mk7_dose(article)
        ans = foodclaims.menaquinone("mk7", dose)
        reasons = (f"computed from the menaquinone food table for {dose:g} ug/d ({why}); values marked secondary "
                   "were not read in a primary analysis",)
        ans = type(ans)(ans.lines, ans.refs + (("knapen2013bmd",) if "knapen" in why else ()), ans.assessed)
    verdict = "computed" if ans.assessed else "not assessed"
    return ClaimResult(sentence, rule.id, rule.summary, verdict, None, reasons + ans.lines, (), ans.refs)


def check_text(text: str) -> ArticleCheck:
    """Check every sentence of plain text."""
    sents = sentences(text)
    r = matcher.rules()
    found: list[ClaimResult] = []
    missed: list[NotAssessed] = []
    for i, s in enumerate(sents):
        near = matcher.neighbours_of(sents, i)
        hits = [_evidence_result(s.text, rule, matcher.previous_of(sents, i)) for rule in r.claims if matcher.matches(rule, s, near)]
        hits += [_food_result(s.text, rule, text) for rule in r.foods if matcher.matches(rule, s, near)]
        if hits:
            found.extend(hits)
        else:
            numbers = quoted.recompute(s.text)
            if numbers or matcher.is_checkable(s.text):
                reason = ("checkable-looking (names a nutrient and makes a claim) but no claim rule matched"
                          if matcher.is_checkable(s.text) else "quotes statistics but names no nutrient")
                if numbers:
                    reason += "; statistics: " + "; ".join(
                        n.summary() + (f" ({'; '.join(n.notes)})" if n.notes else "") for n in numbers)
                missed.append(NotAssessed(s.text, reason, tuple(numbers)))
    return ArticleCheck(tuple(found), tuple(missed), len(sents))


def check_article(text: str, kind: str = "text") -> ArticleCheck:
    """Check an article given as ``text`` (``kind``: text, markdown or html)."""
    return check_text(read_article(text, kind))
