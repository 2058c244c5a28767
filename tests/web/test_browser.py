"""End to end in a real browser: Playwright (sync API) driving Debian's Chromium against the app
under uvicorn on a free port.  Two people, labs typed and imported (CSV and FHIR), a supplement,
check, plan and what-if, the charts and warnings, the PDF; every request the page makes must go to
this machine.  Marked ``browser``; skipped (with the reason shown) only when Chromium or
Playwright is missing.  Set VITASIM_SCREENSHOTS=DIR to keep screenshots of the pages."""
from __future__ import annotations

import os
import threading
import time
from pathlib import Path
from urllib.parse import urlparse

import pytest

CHROMIUM = "/usr/bin/chromium"
DATA = Path(__file__).resolve().parents[1] / "labimport" / "data"
RUN_TIMEOUT_MS = 900_000      # a cold start compiles the model (minutes); warm runs take seconds

pytestmark = pytest.mark.browser

sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install -e '.[test]')")
if not os.path.exists(CHROMIUM):
    pytest.skip(f"{CHROMIUM} is missing: install Debian's chromium (apt-get install chromium) to run the "
                "browser tests", allow_module_level=True)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    from vitasim.store import open_store
    from vitasim.web.app import create_app
    from vitasim.web.server import free_port, make_server
    store = open_store(f"sqlite:///{tmp_path_factory.mktemp('e2e') / 'e2e.sqlite3'}")
    port = free_port()
    srv = make_server(create_app(store, population=20), "127.0.0.1", port)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not srv.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert srv.started
    yield f"http://127.0.0.1:{port}", store
    srv.should_exit = True
    thread.join(10)
    store.close()


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        yield b
        b.close()


def _shot(page, name: str) -> None:
    folder = os.environ.get("VITASIM_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


def _add_person(page, base: str, name: str, age: str, sex: str, weight: str) -> None:
    page.goto(base + "/")
    page.get_by_label("Name or nickname").fill(name)
    page.get_by_label("Age").fill(age)
    page.get_by_label("Sex").select_option(sex)
    page.get_by_label("Weight").fill(weight)
    page.get_by_role("button", name="Add this person").click()
    page.wait_for_url("**/people/*")
    assert page.get_by_role("heading", level=1).inner_text() == name


def _wait_for_result(page) -> None:
    page.wait_for_url("**/runs/*", timeout=RUN_TIMEOUT_MS)
    page.get_by_role("heading", name="What to pay attention to").wait_for()


def test_two_people_labs_import_check_plan_whatif_pdf_all_on_localhost(server, browser, tmp_path):
    base, store = server
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    requested: list[str] = []
    page.on("request", lambda req: requested.append(req.url))

    _add_person(page, base, "Mum", "81", "female", "62")
    page.get_by_label("Test", exact=True).select_option("25ohd")
    page.get_by_label("Value").fill("14")
    page.get_by_label("Unit", exact=True).select_option("ng/mL")
    page.get_by_label("Date of the blood test").fill("2025-10-01")
    page.get_by_label("Where from (optional)").fill("GP")
    page.get_by_role("button", name="Add this result").click()
    page.wait_for_load_state()
    assert page.locator("svg.chart").count() == 1

    csv_file = tmp_path / "labs.csv"
    csv_file.write_text("date,loinc,name,value,unit,source\n2026-01-10,62292-8,,17,ng/mL,clinic\n"
                        "2026-01-10,2132-9,,190,pmol/L,clinic\n2026-01-10,2093-3,cholesterol,5,mmol/L,clinic\n")
    page.get_by_label("File from the clinic").set_input_files(str(csv_file))
    page.get_by_role("button", name="Import").click()
    page.get_by_text("2 results imported").wait_for()
    assert "line 4" in page.content()                       # cholesterol: skipped and said so
    page.get_by_label("File from the clinic").set_input_files(str(DATA / "bundle.json"))
    page.get_by_role("button", name="Import").click()
    page.get_by_text("3 results imported").wait_for()

    page.get_by_label("Supplement", exact=True).select_option("vitamin_d3")
    page.get_by_label("Dose", exact=True).fill("1000")
    page.get_by_label("Unit of the dose").select_option("IU")
    page.get_by_label("How often").select_option("1 day")
    page.get_by_role("button", name="Add this supplement").click()
    page.wait_for_load_state()
    assert "every day" in page.locator("#regimen").inner_text()
    assert page.locator("svg.chart").count() >= 3          # 25(OH)D, B12, INR, magnesium
    _shot(page, "1-person")

    page.get_by_role("button", name="Check the current supplements").click()
    page.get_by_role("status").wait_for()
    _shot(page, "2-progress")
    _wait_for_result(page)
    text = page.locator("main").inner_text()
    assert text.index("What to pay attention to") < text.index("Expected values")   # warnings first
    badges = page.locator(".warning-list li .badge").all_inner_texts()
    assert badges and set(b.upper() for b in badges) <= {"IMPORTANT", "TAKE CARE", "GOOD TO KNOW"}
    order = {"IMPORTANT": 0, "TAKE CARE": 1, "GOOD TO KNOW": 2}
    assert [order[b.upper()] for b in badges] == sorted(order[b.upper()] for b in badges)   # most serious first
    chart = page.locator("svg.chart").first
    assert chart.locator("polygon").count() == 1 and chart.locator("circle").count() >= 2   # band + measured
    page.get_by_text("Why, and the sources").first.click()                                  # references: one click
    _shot(page, "3-check")

    page.get_by_label("Supplement", exact=True).select_option("vitamin_d3")
    page.get_by_label("Dose", exact=True).fill("4000")
    page.get_by_role("button", name="Show what would happen").click()
    _wait_for_result(page)
    assert "What if: vitamin d3 4000 IU every day" in page.locator("main").inner_text()
    assert "Compared with the check" in page.locator("main").inner_text()
    _shot(page, "4-whatif")

    with page.expect_download() as download:
        page.get_by_role("link", name="Download the report as PDF").click()
    pdf = Path(download.value.path()).read_bytes()
    assert pdf.startswith(b"%PDF-") and len(pdf) > 5000
    page.get_by_role("link", name="Report for the doctor (to print)").click()
    page.get_by_role("heading", name="Vitamin report for Mum").wait_for()
    _shot(page, "5-report")

    _add_person(page, base, "Dad", "84", "male", "80")
    page.get_by_role("button", name="Make a plan").click()
    _wait_for_result(page)
    assert "Proposed supplements" in page.locator("main").inner_text()
    _shot(page, "6-plan")

    page.goto(base + "/")
    assert page.get_by_role("link", name="Mum").is_visible() and page.get_by_role("link", name="Dad").is_visible()
    page.keyboard.press("Tab")                               # keyboard: the skip link comes first
    assert page.evaluate("document.activeElement.textContent") == "Skip to the main content"

    hosts = {urlparse(u).netloc for u in requested}
    assert hosts == {urlparse(base).netloc}, hosts            # nothing went anywhere but this machine
    assert any(u.endswith("/static/htmx.min.js") for u in requested)
    assert any("/jobs/" in u for u in requested)             # the progress poll ran through htmx
    context.close()

    from vitasim.store import list_people
    with store.session() as s:
        people = {p.name: p for p in list_people(s)}
        assert [r.kind for r in people["Mum"].runs] == ["check", "what-if"]
        assert [r.kind for r in people["Dad"].runs] == ["plan"]
        assert people["Mum"].runs[0].outputs["contract"] == "vitasim.plan/1"


def test_a_person_can_be_added_and_a_lab_entered_with_the_keyboard_alone(server, browser):
    base, store = server
    page = browser.new_page()
    page.goto(base + "/")
    page.keyboard.press("Tab")                                # skip link
    page.keyboard.press("Enter")                              # to the main content
    for _ in range(12):                                       # on to the first field
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "f-name":
            break
    assert page.evaluate("document.activeElement.id") == "f-name"
    page.keyboard.type("Aunt Ann")
    page.keyboard.press("Tab")
    page.keyboard.type("77")
    page.keyboard.press("Enter")                              # submits the form
    page.wait_for_url("**/people/*")
    assert page.get_by_role("heading", level=1).inner_text() == "Aunt Ann"
    page.focus("#f-lab")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "f-value"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineWidth")
    assert outline == "4px"                                   # the focus can be seen
    page.close()
