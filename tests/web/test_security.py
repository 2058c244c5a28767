"""Safe by construction: CSRF on every form, hosts, upload size, escaping, no file-system paths."""
from __future__ import annotations

import re

import pytest
from conftest import add_person, post, token
from fastapi.testclient import TestClient

from vitasim.web import security
from vitasim.web.app import create_app


def _post_routes(app) -> list[str]:
    return [r.path for r in app.routes if "POST" in getattr(r, "methods", set())]


def test_every_post_route_refuses_a_request_without_the_token(client):
    pid = add_person(client)
    paths = _post_routes(client.app)
    assert len(paths) >= 14
    for path in paths:
        url = path.replace("{pid}", str(pid)).replace("{row_id}", "1").replace("{run_id}", "1")
        r = client.post(url, data={"name": "x", "kind": "check"}, follow_redirects=False)
        assert r.status_code == 403, (path, r.status_code)
        assert "did not come from this page" in r.text
        r = client.post(url, data={"csrf_token": "forged", "name": "x"}, follow_redirects=False)
        assert r.status_code == 403, path


def test_every_form_on_the_pages_carries_the_token(client):
    pid = add_person(client)
    for url in ("/", f"/people/{pid}"):
        page = client.get(url).text
        forms = re.findall(r"<form[^>]*method=\"post\".*?</form>", page, flags=re.S)
        assert forms
        assert all('name="csrf_token"' in f for f in forms), url


def test_the_token_cookie_is_strict_and_http_only(client):
    client.cookies.clear()
    r = client.get("/")
    cookie = r.headers["set-cookie"].lower()
    assert "samesite=strict" in cookie and "httponly" in cookie


def test_the_htmx_header_token_is_accepted(client):
    tok = token(client)
    r = client.post("/people", data={"name": "Via header"}, headers={"X-CSRF-Token": tok}, follow_redirects=False)
    assert r.status_code == 303


def test_a_script_as_a_name_is_shown_as_text(client):
    pid = add_person(client, "<script>alert(1)</script>")
    for url in ("/", f"/people/{pid}"):
        page = client.get(url).text
        assert "<script>alert(1)</script>" not in page
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_other_hosts_are_refused_unless_allowed(store):
    app = create_app(store, population=20)
    with TestClient(app, base_url="http://evil.example") as c:
        assert c.get("/").status_code == 400
    with TestClient(app, base_url="http://localhost:8765") as c:
        assert c.get("/").status_code == 200
    allowed = create_app(store, population=20, allowed_hosts=["vitasim.lan"])
    with TestClient(allowed, base_url="http://vitasim.lan") as c:
        assert c.get("/").status_code == 200


def test_an_upload_over_the_limit_is_refused(client):
    pid = add_person(client)
    big = b"date,loinc,value,unit\n" + b"2026-01-01,62292-8,16,ng/mL\n" * (security.MAX_BODY // 20)
    r = post(client, f"/people/{pid}/labs/import", files={"file": ("big.csv", big, "text/csv")})
    assert r.status_code == 413


@pytest.mark.parametrize("path", ["/static/../app.py", "/static/..%2fapp.py", "/static/%2e%2e/store/engine.py",
                                  "/static/style.css/../../cli.py", "/static/__init__.py", "/static/VENDORED.txt"])
def test_no_request_path_reaches_the_file_system(client, path):
    r = client.get(path)
    assert r.status_code == 404
    assert "import" not in r.text


def test_static_files_come_from_memory_with_a_strict_policy(client):
    r = client.get("/static/htmx.min.js")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/javascript")
    csp = client.get("/").headers["content-security-policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp and "unsafe-inline" not in csp


def test_pages_load_nothing_from_another_host(client):
    pid = add_person(client)
    for url in ("/", f"/people/{pid}"):
        page = client.get(url).text
        assert not re.search(r'(src|href)="(https?:)?//', page), url


def test_serve_binds_to_localhost_by_default():
    from vitasim.cli import _parser
    args = _parser().parse_args(["serve", "--no-browser"])
    assert args.host == "127.0.0.1" and args.no_browser
