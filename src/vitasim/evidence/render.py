"""Text, JSON and HTML views of a checked article and of the evidence on a topic (one view each)."""
from __future__ import annotations

import html
import json

from vitasim.evidence.claims import ArticleCheck, ClaimResult, finding
from vitasim.evidence.grading import grade
from vitasim.evidence.records import Record
from vitasim.evidence.arms import arms_for
from vitasim.refs import cite

DISCLAIMER = ("vitasim grades evidence with a documented rule set; it is not medical advice. "
              "A verdict says how well the recorded evidence bears on the sentence, not whether the author meant it.")


def _claim_lines(c: ClaimResult) -> list[str]:
    head = f"[{c.verdict.upper()}" + (f", {c.certainty} certainty]" if c.certainty else "]")
    lines = [f"{head} {c.summary}", f'    "{c.sentence}"']
    lines += [f"    - {r}" for r in c.reasons]
    for e in c.evidence[:4]:
        lines.append(f"    evidence {e['record']} ({e['design'].replace('_', ' ')}; {e['direction']}; "
                     f"{e['certainty']}): {e['intervention']} -> {e['outcome']}")
        lines.append(f"        found: {e['finding']}")
        lines += [f"        {r}" for r in e["reasons"][1:]]
    for s in c.statistics:
        lines.append(f"    statistics: {s.summary()}" + (f" ({'; '.join(s.notes)})" if s.notes else ""))
    lines.append(f"    refs: {', '.join(c.refs)}")
    return lines


def text(check: ArticleCheck) -> str:
    """Plain text: each claim with verdict, certainty, reasons, key evidence, statistics and refs."""
    out = [f"vitasim claims: {len(check.claims)} claims in {check.sentences} sentences, "
           f"{len(check.not_assessed)} checkable sentences not assessed", ""]
    for c in check.claims:
        out += _claim_lines(c) + [""]
    if check.not_assessed:
        out.append("NOT ASSESSED (checkable-looking, no rule or evidence to judge them):")
        out += [f"  - \"{n.sentence}\": {n.reason}" for n in check.not_assessed]
        out.append("")
    out.append(DISCLAIMER)
    return "\n".join(out)


def as_json(check: ArticleCheck) -> str:
    return json.dumps(check.to_dict(), ensure_ascii=False)


_CSS = ("body{font-family:sans-serif;max-width:60em;margin:2em auto}.claim{border-left:4px solid #999;"
        "padding:.3em 1em;margin:1em 0}.supported{border-color:#2a2}.partly{border-color:#aa2}"
        ".unsupported{border-color:#c72}.contradicted{border-color:#c22}.computed{border-color:#27c}"
        "q{font-style:italic}small{color:#555}")


def html_report(check: ArticleCheck, title: str = "vitasim claims") -> str:
    """A self-contained HTML page of the same view."""
    e = html.escape
    parts = [f"<!doctype html><html><head><meta charset='utf-8'><title>{e(title)}</title>"
             f"<style>{_CSS}</style></head><body><h1>{e(title)}</h1>",
             f"<p>{len(check.claims)} claims in {check.sentences} sentences; {len(check.not_assessed)} "
             "checkable sentences not assessed.</p>"]
    keys: dict[str, None] = {}
    for c in check.claims:
        cls = c.verdict.split()[0]
        cert = f", {e(c.certainty)} certainty" if c.certainty else ""
        parts.append(f"<div class='claim {cls}'><b>{e(c.verdict)}{cert}</b>: {e(c.summary)}<br><q>{e(c.sentence)}</q>"
                     "<ul>" + "".join(f"<li>{e(r)}</li>" for r in c.reasons) + "</ul>")
        for s in c.statistics:
            parts.append(f"<p><small>statistics: {e(s.summary())}</small></p>")
        parts.append(f"<small>refs: {e(', '.join(c.refs))}</small></div>")
        keys.update(dict.fromkeys(c.refs))
    if check.not_assessed:
        parts.append("<h2>Not assessed</h2><ul>" + "".join(
            f"<li><q>{e(n.sentence)}</q> <small>{e(n.reason)}</small></li>" for n in check.not_assessed) + "</ul>")
    parts.append("<h2>References</h2><ol>" + "".join(f"<li>{e(k)}: {e(cite(k).format())}</li>" for k in keys) +
                 f"</ol><p><small>{e(DISCLAIMER)}</small></p></body></html>")
    return "".join(parts)


def topic_text(topic: str, recs: list[Record]) -> str:
    """The graded evidence on a topic, strongest first."""
    grades = sorted((grade(r) for r in recs), key=lambda g: (-g.level, g.record.id))
    out = [f"vitasim evidence: {topic} ({len(grades)} records)", ""]
    for g in grades:
        r = g.record
        n = f"n={r.n}; " if r.n else ""
        out.append(f"{r.id}: {g.certainty} certainty; {r.design.replace('_', ' ')}; {n}{r.population}")
        out.append(f"    intervention: {r.intervention}; comparator: {r.comparator}")
        out.append(f"    outcome: {r.outcome}; direction {g.direction}: {finding(r)}")
        out += [f"    - {x}" for x in g.reasons]
        if g.recomputed is not None:
            out.append(f"    statistics: {g.recomputed.summary()}")
        out.append(f"    refs: {', '.join(r.refs)}")
        arms = arms_for(r)
        if arms:
            out.append(f"    trial arms (vitasim trial ARM): {', '.join(arms)}")
    return "\n".join(out)
