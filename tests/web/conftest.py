"""A web app on a fresh record, and a test client addressed to 127.0.0.1."""
from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from vitasim.store import open_store
from vitasim.web.app import create_app

POPULATION = 20


@pytest.fixture
def store(tmp_path):
    s = open_store(f"sqlite:///{tmp_path / 'web.sqlite3'}")
    yield s
    s.close()


@pytest.fixture
def client(store):
    app = create_app(store, population=POPULATION)
    with TestClient(app, base_url="http://127.0.0.1") as c:
        yield c


def token(client) -> str:
    """The CSRF token the pages put in their forms."""
    page = client.get("/").text
    return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)


def post(client, url: str, data: dict | None = None, **kw):
    return client.post(url, data={"csrf_token": token(client), **(data or {})}, follow_redirects=False, **kw)


def add_person(client, name: str = "Mum", **fields) -> int:
    r = post(client, "/people", {"name": name, "age": "81", "sex": "female", "weight": "62", **fields})
    assert r.status_code == 303, r.text
    return int(r.headers["location"].rsplit("/", 1)[1])
