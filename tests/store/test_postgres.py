"""The same record code on PostgreSQL: a throwaway server (initdb + pg_ctl in a temporary folder,
on a Unix socket only), migrations to head, a person round trip, runs, two writers.

Skipped, with the reason shown, where the PostgreSQL server programs or the psycopg driver are
missing (``pip install psycopg[binary]``; Debian: ``apt-get install postgresql``)."""
from __future__ import annotations

import os
import shutil
import subprocess
import threading
from pathlib import Path

import pytest

pytest.importorskip("psycopg", reason="the PostgreSQL driver psycopg is not installed")
BIN = next((Path(p) for p in (os.environ.get("VITASIM_PG_BIN", ""), "/usr/local/bin",
                              *sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True))
            if p and (Path(p) / "initdb").exists()), None)
if BIN is None:
    pytest.skip("PostgreSQL server programs (initdb, pg_ctl) are not installed", allow_module_level=True)


def _as_owner(cmd: list[str], owner: str | None) -> list[str]:
    return ["runuser", "-u", owner, "--", *cmd] if owner else cmd


def _run(cmd: list[str], owner: str | None, cwd: Path, check: bool = True) -> None:
    done = subprocess.run(_as_owner(cmd, owner), cwd=cwd, capture_output=True, text=True)   # cwd: readable by owner
    if check and done.returncode:
        raise RuntimeError(f"{' '.join(cmd[:1])} failed: {done.stderr.strip()[-500:]}")


@pytest.fixture(scope="module")
def pg_url():
    import tempfile
    root = Path(tempfile.mkdtemp(prefix="vitasim-pg-"))   # in /tmp: reachable by the server's own user
    owner = "nobody" if os.geteuid() == 0 else None      # PostgreSQL refuses to run as root
    if owner and shutil.which("runuser") is None:
        pytest.skip("running as root without runuser: cannot start a PostgreSQL server")
    data, sock = root / "data", root / "sock"
    sock.mkdir()
    if owner:
        shutil.chown(root, owner)
        shutil.chown(sock, owner)
    _run([str(BIN / "initdb"), "-D", str(data), "-U", "vitasim", "--auth=trust", "-E", "UTF8"], owner, root)
    try:
        _run([str(BIN / "pg_ctl"), "-D", str(data), "-w", "-l", str(root / "log"), "-o",
              f"-c listen_addresses='' -c unix_socket_directories='{sock}'", "start"], owner, root)
        yield f"postgresql+psycopg://vitasim@/postgres?host={sock}"   # initdb's own database: fresh and empty
    finally:
        _run([str(BIN / "pg_ctl"), "-D", str(data), "-w", "-m", "immediate", "stop"], owner, root, check=False)
    shutil.rmtree(root, ignore_errors=True)


def test_the_record_works_on_postgresql(pg_url):
    import yaml

    from vitasim.profile import profile_from_dict
    from vitasim.store import engine as eng
    from vitasim.store import get_person, list_people, open_store, profile_dict, record_run, save_profile

    store = open_store(pg_url)
    assert store.engine.dialect.name == "postgresql"
    assert eng.current_revision(store.engine) == eng.head_revision()
    data = yaml.safe_load((Path(__file__).resolve().parents[2] / "examples" / "dated_history.yaml").read_text())
    with store.session() as s:
        pid = save_profile(s, data).id
        record_run(s, pid, "check", {"population": 20}, {"contract": "vitasim.plan/1", "provenance": {"model": "m"}})
    with store.session() as s:
        person = get_person(s, pid)
        assert profile_from_dict(profile_dict(person)) == profile_from_dict(data)
        assert person.runs[0].outputs["contract"] == "vitasim.plan/1"

    def writer(tag: str) -> None:
        other = open_store(pg_url)
        for i in range(5):
            with other.session() as s:
                save_profile(s, {"name": f"{tag}{i}", "person": {"age": 70}})
        other.close()

    threads = [threading.Thread(target=writer, args=(t,)) for t in "ab"]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    with store.session() as s:
        assert len(list_people(s)) == 11
    store.close()
