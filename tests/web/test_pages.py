"""Route and form tests with FastAPI's test client: people, labs, supplements, medicines, import."""
from __future__ import annotations

from pathlib import Path

from conftest import add_person, post

from vitasim.store import get_person, list_people, profile_dict
from vitasim.profile import profile_from_dict

DATA = Path(__file__).resolve().parents[1] / "labimport" / "data"


def test_two_people_are_listed_with_their_counts(client):
    a = add_person(client, "Mum")
    b = add_person(client, "Dad", sex="male", age="84")
    page = client.get("/").text
    assert f'href="/people/{a}"' in page and f'href="/people/{b}"' in page
    assert page.index(">Dad<") < page.index(">Mum<")


def test_a_person_page_shows_labs_as_a_chart_with_the_target_band_and_units(client, store):
    pid = add_person(client)
    for value, date in (("14", "2025-10-01"), ("19", "2026-01-05")):
        r = post(client, f"/people/{pid}/labs", {"lab": "25ohd", "value": value, "unit": "ng/mL", "date": date,
                                                  "source": "GP"})
        assert r.status_code == 303
    page = client.get(f"/people/{pid}").text
    assert '<svg class="chart"' in page and "target: 30 ng/mL or more" in page   # 81 years: AGS 2014
    assert "19 ng/mL" in page and "5 Jan 2026" in page                         # unit beside the number
    with store.session() as s:
        p = profile_from_dict(profile_dict(get_person(s, pid)))
        assert [r.source for r in p.lab_history["25ohd"]] == ["GP", "GP"]


def test_supplements_medicines_and_conditions_are_added_and_removed(client, store):
    pid = add_person(client)
    assert post(client, f"/people/{pid}/regimen", {"supplement": "vitamin_d3", "amount": "1000", "unit": "IU",
                                                   "every": "1 day", "start": "2026-01-01"}).status_code == 303
    assert post(client, f"/people/{pid}/medicines", {"name": "warfarin", "since": "2023-05-01"}).status_code == 303
    assert post(client, f"/people/{pid}/conditions", {"name": "chronic kidney disease"}).status_code == 303
    with store.session() as s:
        p = get_person(s, pid)
        data = profile_dict(p)
        assert data["regimen"] == [{"supplement": "vitamin_d3", "dose": "1000 IU", "every": "1 day",
                                    "start": "2026-01-01"}]
        assert data["medications"] == [{"name": "warfarin", "since": "2023-05-01"}]
        med_id, cond_id = p.medicines[0].id, p.conditions[0].id
    page = client.get(f"/people/{pid}").text
    assert "every day" in page and "warfarin" in page
    assert post(client, f"/people/{pid}/medicines/{med_id}/delete").status_code == 303
    assert post(client, f"/people/{pid}/conditions/{cond_id}/delete").status_code == 303
    with store.session() as s:
        assert get_person(s, pid).medicines == [] and get_person(s, pid).conditions == []


def test_bad_input_shows_the_form_again_with_what_was_typed(client):
    pid = add_person(client)
    r = post(client, f"/people/{pid}/labs", {"lab": "25ohd", "value": "1600", "unit": "ng/mL", "date": "2026-01-05",
                                              "source": "my <b>clinic</b>"})
    assert r.status_code == 422
    assert "not a plausible value" in r.text and 'value="1600"' in r.text
    assert 'value="my &lt;b&gt;clinic&lt;/b&gt;"' in r.text          # kept, and escaped
    r = post(client, f"/people/{pid}/profile", {"name": "Mum", "age": "7"})
    assert r.status_code == 422 and "person.age" in r.text and 'value="7"' in r.text
    r = post(client, "/people", {"name": "", "age": "80"})
    assert r.status_code == 422 and "write a name" in r.text and 'value="80"' in r.text


def test_csv_and_fhir_import_through_the_page(client, store):
    pid = add_person(client)
    csv_text = "date,loinc,value,unit,source\n2026-01-02,62292-8,16,ng/mL,GP\n2026-01-02,2093-3,5,mmol/L,GP\n"
    r = post(client, f"/people/{pid}/labs/import", files={"file": ("labs.csv", csv_text, "text/csv")})
    assert r.status_code == 200 and "1 result imported" in r.text and "line 3" in r.text
    r = post(client, f"/people/{pid}/labs/import",
             files={"file": ("bundle.json", (DATA / "bundle.json").read_bytes(), "application/json")})
    assert r.status_code == 200 and "3 results imported" in r.text
    bad = "date,loinc,value,unit\n2026-01-02,2132-9,300,zorkmids\n"
    r = post(client, f"/people/{pid}/labs/import", files={"file": ("bad.csv", bad, "text/csv")})
    assert r.status_code == 422 and "nothing was imported" in r.text and "line 2" in r.text
    with store.session() as s:
        assert len(get_person(s, pid).labs) == 4


def test_deleting_a_person_needs_the_confirmation(client, store):
    pid = add_person(client)
    assert post(client, f"/people/{pid}/delete").status_code == 422
    assert post(client, f"/people/{pid}/delete", {"confirm": "yes"}).status_code == 303
    with store.session() as s:
        assert list_people(s) == []


def test_unknown_pages_and_people_get_a_plain_error_page(client):
    r = client.get("/people/99")
    assert r.status_code == 404 and "no person number 99" in r.text
    assert client.get("/people/1/runs/5").status_code == 404
    assert client.get("/jobs/nope").status_code == 404


def test_a_new_app_on_the_same_file_sees_everything(tmp_path):
    from fastapi.testclient import TestClient
    from vitasim.store import open_store
    from vitasim.web.app import create_app
    url = f"sqlite:///{tmp_path / 'persist.sqlite3'}"
    first = open_store(url)
    with TestClient(create_app(first, population=20), base_url="http://127.0.0.1") as c:
        pid = add_person(c, "Mum")
        post(c, f"/people/{pid}/labs", {"lab": "b12", "value": "180", "unit": "pmol/L", "date": "2026-01-05"})
    first.close()
    second = open_store(url)                 # a restart: new engine, new app
    with TestClient(create_app(second, population=20), base_url="http://127.0.0.1") as c:
        page = c.get(f"/people/{pid}").text
        assert "Mum" in page and "180 pmol/L" in page
    second.close()


def test_an_unexpected_error_gives_a_plain_page_and_keeps_the_record(store, monkeypatch):
    from fastapi.testclient import TestClient
    from vitasim.web import views
    from vitasim.web.app import create_app
    with TestClient(create_app(store, population=20), base_url="http://127.0.0.1",
                    raise_server_exceptions=False) as c:
        pid = add_person(c, "Mum")

        def broken(*_a, **_k):
            raise RuntimeError("a bug")
        monkeypatch.setattr(views, "lab_charts", broken)
        r = c.get(f"/people/{pid}")
        assert r.status_code == 500 and "What was saved before is safe" in r.text and "a bug" not in r.text
    with store.session() as s:
        assert [p.name for p in list_people(s)] == ["Mum"]


def test_dates_follow_the_browser_s_language(client):
    pid = add_person(client)
    post(client, f"/people/{pid}/labs", {"lab": "25ohd", "value": "14", "unit": "ng/mL", "date": "2026-01-05"})
    assert "Jan 5, 2026" in client.get(f"/people/{pid}", headers={"Accept-Language": "en-US,en;q=0.8"}).text
    assert "5 Jan 2026" in client.get(f"/people/{pid}", headers={"Accept-Language": "de-DE,de"}).text
