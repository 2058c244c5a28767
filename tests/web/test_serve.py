"""``vitasim serve`` as a user starts it: a process on 127.0.0.1 that answers, and only there."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from vitasim.web.server import free_port

SRC = Path(__file__).resolve().parents[2] / "src"


def _other_address() -> str | None:
    """An address of this machine that is not loopback (None when there is none)."""
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            s.connect(("10.255.255.255", 1))     # no packet is sent: UDP connect only picks a route
            ip = s.getsockname()[0]
        return None if ip.startswith("127.") else ip
    except OSError:
        return None


def test_serve_answers_on_localhost_only_and_keeps_the_record(tmp_path):
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(SRC), "VITASIM_DATA": str(tmp_path / "data")}
    proc = subprocess.Popen([sys.executable, "-m", "vitasim", "serve", "--no-browser", "--port", str(port)],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.monotonic() + 120
        body = None
        while time.monotonic() < deadline and body is None:
            try:
                body = urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2).read().decode()
            except OSError:
                assert proc.poll() is None, proc.stdout.read()
                time.sleep(0.3)
        assert body is not None and "The people in your record" in body
        other = _other_address()
        if other is not None:
            with socket.socket() as s:
                s.settimeout(2)
                assert s.connect_ex((other, port)) != 0       # not listening on the network
    finally:
        proc.terminate()
        out, _ = proc.communicate(timeout=30)
    assert f"http://127.0.0.1:{port}/" in out
    assert (tmp_path / "data" / "vitasim.sqlite3").is_file()


def test_serve_opens_the_browser_once_it_listens(tmp_path, monkeypatch):
    from vitasim.web import server
    opened: list[str] = []

    class FakeServer:
        started = True

        def run(self) -> None:
            time.sleep(0.3)              # the browser thread sees started and opens the page

    monkeypatch.setenv("VITASIM_DATA", str(tmp_path))
    monkeypatch.setattr(server, "make_server", lambda app, host, port: FakeServer())
    monkeypatch.setattr(server.webbrowser, "open", opened.append)
    port = free_port()
    server.serve(db=None, host="127.0.0.1", port=port, allowed_hosts=[], open_browser=True)
    assert opened == [f"http://127.0.0.1:{port}/"]
    server.serve(db=None, host="127.0.0.1", port=port, allowed_hosts=[], open_browser=False)
    assert len(opened) == 1


def test_a_busy_port_is_one_line_naming_the_option(tmp_path, monkeypatch, capsys):
    from vitasim.cli import main
    monkeypatch.setenv("VITASIM_DATA", str(tmp_path))
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        assert main(["serve", "--no-browser", "--port", str(port)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("vitasim: error: --port: cannot listen on 127.0.0.1:")
