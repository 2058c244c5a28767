"""Evidence and claims: study records, computed grading, statistics recomputed, the claim checker.

``records()`` and ``on_topic()`` give the records; ``grade()`` and ``judge()`` the computed
certainty and verdicts; ``vitasim.evidence.stats`` recomputes quoted statistics;
``check_article()`` checks the claims of a health article.
"""
from vitasim.evidence.grading import Context, Grade, Verdict, grade, judge
from vitasim.evidence.records import Record, on_topic, records, topics

__all__ = ["Context", "Grade", "Record", "Verdict", "grade", "judge", "on_topic", "records", "topics"]
