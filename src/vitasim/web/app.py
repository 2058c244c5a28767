"""The local web page: FastAPI routes rendering Jinja2 templates, htmx for the progress poll.

``create_app(store)`` builds the application around an open record.  Every page is rendered on
the server; the only script is htmx, shipped in the package and served from memory (no request
path reaches the file system, nothing is fetched from another host).  Every POST carries the CSRF
token; bad input re-renders the form with what was typed and one line naming the field.
"""
from __future__ import annotations

import datetime as dt
from contextlib import asynccontextmanager
from importlib import resources
from typing import Any

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.middleware.trustedhost import TrustedHostMiddleware

from vitasim import __version__
from vitasim import labs as catalogue
from vitasim import names
from vitasim.api import DISCLAIMER
from vitasim.errors import VitasimInputError
from vitasim.store import repository as repo
from vitasim.store.engine import Store
from vitasim.web import security, views
from vitasim.web.charts import DATE_ORDER, date_order_for, long_date, svg
from vitasim.web.jobs import Jobs

STATIC = {"htmx.min.js": "text/javascript", "style.css": "text/css", "htmx.LICENSE.txt": "text/plain"}
EVERY = {"1 day": "every day", "1 week": "every week", "4 week": "every 4 weeks", "once": "once"}
DOSE_UNITS = ("IU", "ug", "mg")


def _static_files() -> dict[str, bytes]:
    folder = resources.files("vitasim.web") / "static"
    return {name: (folder / name).read_bytes() for name in STATIC}


def _environment() -> Environment:
    env = Environment(loader=PackageLoader("vitasim.web", "templates"),
                      autoescape=select_autoescape(["html"], default_for_string=True, default=True))
    env.filters["longdate"] = lambda d: long_date(d) if d else ""
    env.filters["num"] = repo.number_text
    env.filters["local"] = _local_time
    env.globals.update(disclaimer=DISCLAIMER, version=__version__, every_words=EVERY)
    return env


def create_app(store: Store, *, population: int = 300, seed: int = 0, allowed_hosts: list[str] | tuple = ()) -> FastAPI:
    """The application for an open record; ``population`` virtual people per check/plan run."""
    @asynccontextmanager
    async def lifespan(_app):
        yield
        jobs.shutdown()

    app = FastAPI(title="vitasim", docs_url=None, redoc_url=None, openapi_url=None, lifespan=lifespan)
    templates = Jinja2Templates(env=_environment())
    jobs = Jobs(store, population, seed)
    static = _static_files()
    app.state.store, app.state.jobs = store, jobs
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=[*security.LOCAL_HOSTS, *allowed_hosts])
    app.add_middleware(security.BodyLimit)
    app.add_middleware(security.SecurityHeaders)


    @app.middleware("http")
    async def csrf_cookie(request: Request, call_next):
        DATE_ORDER.set(date_order_for(request.headers.get("accept-language")))
        token = request.cookies.get(security.CSRF_COOKIE) or security.new_token()
        request.state.csrf = token
        response = await call_next(request)
        if request.cookies.get(security.CSRF_COOKIE) != token:
            response.set_cookie(security.CSRF_COOKIE, token, httponly=True, samesite="strict", path="/")
        return response

    def page(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
        return templates.TemplateResponse(request, name, {"csrf": request.state.csrf, **context}, status_code=status)

    async def form_of(request: Request) -> dict[str, Any]:
        form = await request.form(max_files=1, max_fields=60)
        sent = form.get(security.CSRF_FIELD) or request.headers.get(security.CSRF_HEADER)
        if not security.token_ok(request.cookies.get(security.CSRF_COOKIE), sent if isinstance(sent, str) else None):
            raise HTTPException(403, "This form has expired or did not come from this page. Go back, reload "
                                     "the page and try again.")
        return {k: (v.strip() if isinstance(v, str) else v) for k, v in form.multi_items()}

    def see(url: str) -> RedirectResponse:
        return RedirectResponse(url, status_code=303)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException):
        if not hasattr(request.state, "csrf"):
            request.state.csrf = ""
        return page(request, "error.html", exc.status_code, message=exc.detail)

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception):   # a bug: a plain page, the detail in the log
        import traceback
        traceback.print_exception(exc)
        if not hasattr(request.state, "csrf"):
            request.state.csrf = ""
        return page(request, "error.html", 500, message="vitasim hit an unexpected problem and did not save this "
                                                        "step. What was saved before is safe. Please go back and try "
                                                        "again; if it happens again, report it with the terminal's text.")

    # ---- static (from memory) -------------------------------------------------------------------
    @app.get("/static/{name}")
    def static_file(name: str) -> Response:
        if name not in STATIC:
            raise HTTPException(404, "No such file.")
        return Response(static[name], media_type=STATIC[name], headers={"cache-control": "max-age=3600"})

    # ---- people ---------------------------------------------------------------------------------
    @app.get("/", response_class=HTMLResponse)
    def people(request: Request):
        with store.session() as s:
            listed = [{"id": p.id, "name": p.name, "age": p.age, "labs": len(p.labs), "runs": len(p.runs)}
                      for p in repo.list_people(s)]
        return page(request, "people.html", people=listed, typed={}, error=None)

    @app.post("/people")
    async def add_person(request: Request):
        form = await form_of(request)
        try:
            data = _person_data(form, {"version": "vitasim.profile/2"})
            with store.session() as s:
                pid = repo.save_profile(s, data).id
        except VitasimInputError as exc:
            with store.session() as s:
                listed = [{"id": p.id, "name": p.name, "age": p.age, "labs": len(p.labs), "runs": len(p.runs)}
                          for p in repo.list_people(s)]
            return page(request, "people.html", 422, people=listed, typed=form, error=_error(exc))
        return see(f"/people/{pid}")

    def person_page(request: Request, pid: int, status: int = 200, **extra: Any) -> HTMLResponse:
        with store.session() as s:
            person = _person_or_404(s, pid)
            data = repo.profile_dict(person)
            try:
                profile = repo.validate(repo.profile_for_run(person)[0])
            except VitasimInputError:
                profile = None
            charts = [(key, svg(series, f"lab-{key}")) for key, series in views.lab_charts(person, profile)]
            context = dict(person=person, data=data, charts=charts, labs=_labs_view(person),
                           regimen=list(person.regimen), medicines=list(person.medicines),
                           conditions=list(person.conditions),
                           runs=[{"id": r.id, "kind": r.kind, "at": r.created_at,
                                  "warnings": sum(w["severity"] != "info" for w in r.outputs.get("warnings", []))}
                                 for r in reversed(person.runs)],
                           choices=_choices(), typed={}, error=None, section=None, today=dt.date.today().isoformat())
        context.update(extra)
        return page(request, "person.html", status, **context)

    @app.get("/people/{pid}", response_class=HTMLResponse)
    def person(request: Request, pid: int):
        return person_page(request, pid)

    def edit(request: Request, pid: int, form: dict, section: str, change) -> Response:
        """Apply ``change(session, person)`` in one transaction after validating the whole profile;
        on bad input show the page again with what was typed."""
        try:
            with store.session() as s:
                person = _person_or_404(s, pid)
                change(s, person)
                s.flush()
                repo.validate(repo.profile_dict(person))
        except VitasimInputError as exc:
            return person_page(request, pid, 422, typed=form, error=_error(exc), section=section)
        return see(f"/people/{pid}#{section}")

    @app.post("/people/{pid}/profile")
    async def update_profile(request: Request, pid: int):
        form = await form_of(request)

        def change(s, person):
            data = _person_data(form, repo.profile_dict(person))
            repo.save_profile(s, data, person.id)
        return edit(request, pid, form, "profile", change)

    @app.post("/people/{pid}/delete")
    async def delete_person(request: Request, pid: int):
        form = await form_of(request)
        if form.get("confirm") != "yes":
            return person_page(request, pid, 422, typed=form, section="delete",
                               error={"field": "confirm", "message": "tick the box to confirm"})
        with store.session() as s:
            _person_or_404(s, pid)
            repo.delete_person(s, pid)
        return see("/")

    @app.post("/people/{pid}/labs")
    async def add_lab(request: Request, pid: int):
        form = await form_of(request)

        def change(s, person):
            unit = form.get("unit", "")
            value = form.get("value", "")
            try:
                number = float(value)
            except ValueError:
                raise VitasimInputError("value", f"expected a number, got {value!r}") from None
            date = _date(form.get("date", ""), "date", required=True)
            repo.add_lab(s, person.id, form.get("lab", ""), repo.value_text(number, "" if unit == "none" else unit),
                         date=date, source=form.get("source", ""))
        return edit(request, pid, form, "labs", change)

    @app.post("/people/{pid}/labs/{row_id}/delete")
    async def delete_lab(request: Request, pid: int, row_id: int):
        form = await form_of(request)
        return edit(request, pid, form, "labs", lambda s, p: _remove(s, p.labs, row_id, "lab result"))

    @app.post("/people/{pid}/labs/import")
    async def import_labs(request: Request, pid: int):
        from vitasim.labimport import read_csv, read_fhir, save
        form = await form_of(request)
        upload = form.get("file")
        if upload is None or isinstance(upload, str) or not upload.filename:
            return person_page(request, pid, 422, section="import", typed={},
                               error={"field": "file", "message": "choose a CSV or FHIR JSON file"})
        raw = await upload.read(security.MAX_BODY + 1)
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            return person_page(request, pid, 422, section="import", typed={},
                               error={"field": "file", "message": "the file is not UTF-8 text"})
        is_json = upload.filename.lower().endswith(".json") or text.lstrip().startswith("{")
        report = read_fhir(text) if is_json else read_csv(text)
        if not report.ok:
            return person_page(request, pid, 422, section="import", import_report=report, typed={},
                               error={"field": "file", "message": f"nothing was imported: {len(report.errors)} "
                                                                  "line(s) need fixing (listed below)"})
        try:
            with store.session() as s:
                _person_or_404(s, pid)
                save(s, pid, report)
        except VitasimInputError as exc:
            return person_page(request, pid, 422, section="import", import_report=report, typed={},
                               error=_error(exc))
        return person_page(request, pid, 200, section="import", import_report=report, imported=len(report.results))

    @app.post("/people/{pid}/regimen")
    async def add_regimen(request: Request, pid: int):
        form = await form_of(request)

        def change(s, person):
            data = repo.profile_dict(person)
            item = _regimen_item(form)
            for key in ("start", "stop"):
                if key in item:
                    repo.ensure_start(data, dt.date.fromisoformat(item[key]))
            data["regimen"].append(item)
            repo.save_profile(s, data, person.id)
        return edit(request, pid, form, "regimen", change)

    @app.post("/people/{pid}/regimen/{row_id}/delete")
    async def delete_regimen(request: Request, pid: int, row_id: int):
        form = await form_of(request)
        return edit(request, pid, form, "regimen", lambda s, p: _remove(s, p.regimen, row_id, "regimen line"))

    @app.post("/people/{pid}/medicines")
    async def add_medicine(request: Request, pid: int):
        form = await form_of(request)

        def change(s, person):
            data = repo.profile_dict(person)
            name = form.get("name", "")
            if not name:
                raise VitasimInputError("medicine", "write the medicine's name")
            since = _date(form.get("since", ""), "since")
            if since is not None:
                repo.ensure_start(data, since)
            data["medications"].append({"name": name, "since": since.isoformat()} if since else name)
            repo.save_profile(s, data, person.id)
        return edit(request, pid, form, "medicines", change)

    @app.post("/people/{pid}/medicines/{row_id}/delete")
    async def delete_medicine(request: Request, pid: int, row_id: int):
        form = await form_of(request)
        return edit(request, pid, form, "medicines", lambda s, p: _remove(s, p.medicines, row_id, "medicine"))

    @app.post("/people/{pid}/conditions")
    async def add_condition(request: Request, pid: int):
        form = await form_of(request)

        def change(s, person):
            data = repo.profile_dict(person)
            if not form.get("name"):
                raise VitasimInputError("condition", "write the condition's name")
            data["conditions"].append(form["name"])
            repo.save_profile(s, data, person.id)
        return edit(request, pid, form, "conditions", change)

    @app.post("/people/{pid}/conditions/{row_id}/delete")
    async def delete_condition(request: Request, pid: int, row_id: int):
        form = await form_of(request)
        return edit(request, pid, form, "conditions", lambda s, p: _remove(s, p.conditions, row_id, "condition"))

    # ---- runs ---------------------------------------------------------------------------------------
    @app.post("/people/{pid}/runs")
    async def start_run(request: Request, pid: int):
        form = await form_of(request)
        kind = form.get("kind")
        if kind not in ("check", "plan"):
            raise HTTPException(400, "Choose check or plan.")
        with store.session() as s:
            person = _person_or_404(s, pid)
            try:
                repo.validate(repo.profile_for_run(person)[0])
            except VitasimInputError as exc:
                return person_page(request, pid, 422, section="runs", error=_error(exc), typed={})
        job = jobs.submit(pid, kind)
        return see(f"/jobs/{job.id}")

    @app.post("/people/{pid}/runs/{run_id}/whatif")
    async def what_if(request: Request, pid: int, run_id: int):
        form = await form_of(request)
        with store.session() as s:
            _person_or_404(s, pid)
            base = _run_or_404(s, pid, run_id)
            inputs, outputs = base.inputs, base.outputs
        try:
            item = _regimen_item(form, allow_stop=True)
            sup = names.supplements().resolve(item["supplement"], "supplement")
            regimen = [r for r in inputs["profile"]["regimen"]
                       if names.supplements().resolve(r["supplement"], "supplement").key != sup.key]
            if item.get("dose") is not None:
                regimen.append({k: v for k, v in item.items() if k not in ("start", "stop")})
                what = f"{sup.key.replace('_', ' ')} {item['dose']} {EVERY.get(item.get('every', 'once'), '')}"
            else:
                what = f"no {sup.key.replace('_', ' ')}"
            repo.validate({**inputs["profile"], "regimen": regimen})
        except VitasimInputError as exc:
            return _run_page(request, pid, run_id, 422, typed=form, error=_error(exc))
        job = jobs.submit(pid, "check", {"regimen": regimen, "description": what.strip(), "compared_with": run_id})
        return see(f"/jobs/{job.id}")

    @app.get("/jobs/{job_id}", response_class=HTMLResponse)
    def job_status(request: Request, job_id: str):
        job = jobs.get(job_id)
        if job is None:
            raise HTTPException(404, "This run is not known (the program may have been restarted); start it again.")
        if job.state == "done":
            url = f"/people/{job.person_id}/runs/{job.run_id}"
            if request.headers.get("hx-request"):
                return HTMLResponse("", headers={"HX-Redirect": url})
            return see(url)
        name = "job_fragment.html" if request.headers.get("hx-request") else "job.html"
        return page(request, name, job=job)

    def _run_page(request: Request, pid: int, run_id: int, status: int = 200, **extra: Any) -> HTMLResponse:
        with store.session() as s:
            person = _person_or_404(s, pid)
            run = _run_or_404(s, pid, run_id)
            charts = [(q, svg(series, f"run-{q}")) for q, series in views.run_charts(person, run.inputs, run.outputs)]
            compared = None
            whatif = run.inputs.get("whatif")
            if whatif and whatif.get("compared_with"):
                other = s.get(type(run), whatif["compared_with"])
                if other is not None and other.person_id == pid:
                    before = {w["code"] for w in other.outputs.get("warnings", [])}
                    after = {w["code"] for w in run.outputs.get("warnings", [])}
                    compared = {"id": other.id, "kind": other.kind,
                                "new": [w for w in views.warnings_first(run.outputs) if w["code"] not in before],
                                "gone": [w for w in views.warnings_first(other.outputs) if w["code"] not in after]}
            context = dict(person=person, run=run, out=run.outputs, warnings=views.warnings_first(run.outputs),
                           refs=views.references(run.outputs), charts=charts, compared=compared,
                           choices=_choices(), typed={}, error=None)
        context.update(extra)
        return page(request, "run.html", status, **context)

    @app.get("/people/{pid}/runs/{run_id}", response_class=HTMLResponse)
    def run_page(request: Request, pid: int, run_id: int):
        return _run_page(request, pid, run_id)

    def report_html(request: Request, pid: int, run_id: int, for_pdf: bool) -> str:
        with store.session() as s:
            person = _person_or_404(s, pid)
            run = _run_or_404(s, pid, run_id)
            charts = [(q, svg(series, f"rep-{q}")) for q, series in views.run_charts(person, run.inputs, run.outputs)]
            context = dict(person=person, run=run, out=run.outputs, warnings=views.warnings_first(run.outputs),
                           refs=views.references(run.outputs), charts=charts, labs=_labs_view(person),
                           current=run.inputs["profile"].get("regimen", []), for_pdf=for_pdf,
                           css=static["style.css"].decode("utf-8"), printed=dt.date.today())
            return templates.get_template("report.html").render(context)

    @app.get("/people/{pid}/runs/{run_id}/report", response_class=HTMLResponse)
    def report(request: Request, pid: int, run_id: int):
        return HTMLResponse(report_html(request, pid, run_id, for_pdf=False))

    @app.get("/people/{pid}/runs/{run_id}/report.pdf")
    def report_pdf(request: Request, pid: int, run_id: int):
        from vitasim.web.pdf import html_to_pdf
        pdf = html_to_pdf(report_html(request, pid, run_id, for_pdf=True))
        return Response(pdf, media_type="application/pdf",
                        headers={"content-disposition": f'attachment; filename="vitasim-report-{pid}-{run_id}.pdf"'})

    return app


# ---- helpers --------------------------------------------------------------------------------------

def _local_time(stamp: dt.datetime) -> dt.datetime:
    """A stored time (UTC, naive) in this computer's time zone."""
    return stamp.replace(tzinfo=dt.timezone.utc).astimezone()


def _error(exc: VitasimInputError) -> dict[str, str]:
    field = exc.field.split(".")[-1].split("[")[0]
    return {"field": field, "message": str(exc)}


def _person_or_404(session, pid: int):
    try:
        return repo.get_person(session, pid)
    except VitasimInputError:
        raise HTTPException(404, f"There is no person number {pid} in the record.") from None


def _run_or_404(session, pid: int, run_id: int):
    try:
        return repo.get_run(session, pid, run_id)
    except VitasimInputError:
        raise HTTPException(404, f"There is no run number {run_id} for this person.") from None


def _remove(session, rows: list, row_id: int, what: str) -> None:
    for row in rows:
        if row.id == row_id:
            rows.remove(row)
            session.flush()
            return
    raise VitasimInputError(what, f"this {what} is no longer in the record (another window may have removed it)")


def _date(raw: str, field: str, required: bool = False) -> dt.date | None:
    if not raw:
        if required:
            raise VitasimInputError(field, "give the date (YYYY-MM-DD)")
        return None
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        raise VitasimInputError(field, f"expected a date as YYYY-MM-DD, got {raw!r}") from None


def _number(form: dict, key: str, field: str) -> float | None:
    raw = form.get(key, "")
    if raw == "":
        return None
    try:
        return float(raw.replace(",", "."))
    except ValueError:
        raise VitasimInputError(field, f"expected a number, got {raw!r}") from None


def _person_data(form: dict, data: dict) -> dict:
    """The profile with the form's person fields (name, notes, age, sex, weight, height, eGFR); the
    record's calendar start is kept (it is set from the first date entered)."""
    data = dict(data)
    name = form.get("name", "")
    if not name:
        raise VitasimInputError("name", "write a name (or a nickname) so you can find this person again")
    data["name"] = name
    data["notes"] = form.get("notes", "")
    who: dict[str, Any] = {}
    for key, field, unit in (("age", "person.age", ""), ("weight", "person.weight", " kg"),
                             ("height", "person.height", " cm"), ("egfr", "person.egfr", "")):
        value = _number(form, key, field)
        if value is not None:
            who[key] = f"{repo.number_text(value)}{unit}" if unit else value
    if form.get("sex"):
        who["sex"] = form["sex"]
    data["person"] = who
    return data


def _regimen_item(form: dict, allow_stop: bool = False) -> dict:
    supplement = form.get("supplement", "")
    if not supplement:
        raise VitasimInputError("supplement", "choose a supplement")
    amount = _number(form, "amount", "dose")
    if amount is None or (amount == 0 and allow_stop):
        if allow_stop:
            return {"supplement": supplement, "dose": None}
        raise VitasimInputError("dose", "write the dose, e.g. 1000")
    unit = form.get("unit", "")
    if unit not in DOSE_UNITS:
        raise VitasimInputError("dose", f"choose the unit of the dose: {', '.join(DOSE_UNITS)}")
    item: dict[str, Any] = {"supplement": supplement, "dose": f"{repo.number_text(amount)} {unit}"}
    every = form.get("every", "1 day")
    if every not in EVERY:
        raise VitasimInputError("every", "choose how often")
    if every != "once":
        item["every"] = every
    for key in ("start", "stop"):
        d = _date(form.get(key, ""), key)
        if d is not None:
            item[key] = d.isoformat()
    return item


def _choices() -> dict[str, Any]:
    labs = []
    for lab in catalogue.CATALOGUE:
        shown = views.display_unit(lab)
        units_ = [u for u in dict.fromkeys([shown, lab.unit]) if u and u != "1"] or ["none"]
        labs.append({"key": lab.key, "name": lab.name, "units": units_})
    return {"labs": labs,
            "supplements": [(s.key, s.key.replace("_", " ")) for s in names.declared_supplements()],
            "medicines": names.medications().known(), "conditions": names.conditions().known(),
            "every": EVERY, "dose_units": DOSE_UNITS}


def _labs_view(person) -> list[dict]:
    out = []
    for row in person.labs:
        lab = catalogue.resolver().get(row.lab)
        when = row.taken_on or (person.start + dt.timedelta(days=row.day or 0.0) if person.start else None)
        out.append({"id": row.id, "name": lab.name if lab else row.lab, "value": repo.number_text(row.value),
                    "unit": row.unit, "date": when, "source": row.source})
    out.sort(key=lambda r: (r["name"], r["date"] or dt.date.min))
    return out
