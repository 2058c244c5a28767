"""Long runs (check, plan, what-if) in a background thread, so the page never waits on them.

One worker thread: runs queue rather than compete for the CPU (a simulation uses all it gets).
A job's state is polled by the page (htmx, every second) until it is done; the finished run is
stored in the record, so a restart loses only a run in progress.
"""
from __future__ import annotations

import datetime as dt
import threading
import time
import traceback
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from vitasim.errors import VitasimInputError


@dataclass
class Job:
    """A queued, running or finished run."""

    id: str
    person_id: int
    kind: str
    state: str = "waiting"          # waiting, running, done, failed
    message: str = "waiting for the previous run to finish"
    started: float = field(default_factory=time.monotonic)
    run_id: int | None = None
    error: str = ""

    @property
    def seconds(self) -> int:
        return int(time.monotonic() - self.started)


class Jobs:
    """The background runner of one app."""

    def __init__(self, store, population: int, seed: int = 0) -> None:
        self.store = store
        self.population = population
        self.seed = seed
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="vitasim-run")
        self._jobs: dict[str, Job] = {}
        self._lock = threading.Lock()

    def get(self, job_id: str) -> Job | None:
        with self._lock:
            return self._jobs.get(job_id)

    def submit(self, person_id: int, kind: str, whatif: dict[str, Any] | None = None) -> Job:
        job = Job(uuid.uuid4().hex, person_id, kind)
        with self._lock:
            self._jobs[job.id] = job
        self._pool.submit(self._run, job, whatif)
        return job

    def _run(self, job: Job, whatif: dict[str, Any] | None) -> None:
        from vitasim.planner import check, plan
        from vitasim.report.contract import plan_view
        from vitasim.store import repository as repo
        from vitasim.web.views import trajectories
        job.state, job.message, job.started = "running", "preparing the profile", time.monotonic()
        try:
            with self.store.session() as s:
                person = repo.get_person(s, job.person_id)
                data, notes = repo.profile_for_run(person, dt.date.today())
            if whatif:
                data = {**data, "regimen": whatif["regimen"]}
                notes.append("what if: " + whatif["description"])
            profile = repo.validate(data)
            job.message = (f"simulating {self.population} virtual people like this person "
                           "(the first run after a start also compiles the model: a few minutes)")
            func = plan if job.kind == "plan" else check
            result = func(profile, population=self.population, seed=self.seed)
            job.message = "saving the result"
            outputs = {**plan_view(result), "trajectories": trajectories(result)}
            inputs = {"profile": data, "population": self.population, "seed": self.seed, "notes": notes,
                      "whatif": whatif}
            with self.store.session() as s:
                job.run_id = repo.record_run(s, job.person_id, "what-if" if whatif else job.kind, inputs, outputs).id
            job.state, job.message = "done", "finished"
        except VitasimInputError as exc:
            job.state, job.error = "failed", str(exc)
        except Exception as exc:  # noqa: BLE001 - shown on the page, with the detail in the log
            traceback.print_exc()
            job.state, job.error = "failed", f"the run failed: {exc.__class__.__name__}: {exc}"

    def shutdown(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)
