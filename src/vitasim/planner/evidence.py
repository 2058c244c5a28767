"""Links from the planner's explanations and warnings to graded evidence records.

A record bears on a message when the study it records is one the message cites: the record's
primary reference (its first ``refs`` key, the study itself) is among the message's citation
keys, and the record is named after that study (``theuwissen2013.mk7_inr`` for
``theuwissen2013``).  Records that merely quote a source for a general fact under another name
(``vkdp.calcitonin`` cites Schurgers 2007 for a list of proteins) are not linked to every message
that cites the same paper.  Each link carries the record id and its computed GRADE certainty
(:func:`vitasim.evidence.grade`), so a person can follow "why" to the study and its strength.
"""
from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def _by_primary_ref() -> dict[str, tuple[tuple[str, str], ...]]:
    from vitasim.evidence import grade, records
    table: dict[str, list[tuple[str, str]]] = {}
    for rec in records().values():
        if rec.id.split(".")[0] not in rec.refs[0]:
            continue
        table.setdefault(rec.refs[0], []).append((rec.id, grade(rec).certainty))
    return {k: tuple(v) for k, v in table.items()}


def links(refs) -> list[dict]:
    """``[{"id": record id, "certainty": high|moderate|low|very low}, ...]`` for citation keys ``refs``."""
    table = _by_primary_ref()
    out: list[dict] = []
    for ref in dict.fromkeys(refs):
        out.extend({"id": rid, "certainty": cert} for rid, cert in table.get(ref, ()))
    return out
