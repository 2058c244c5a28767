"""``vitasim serve``: the app under uvicorn on 127.0.0.1, the browser opened once it listens."""
from __future__ import annotations

import socket
import threading
import webbrowser

from vitasim.errors import VitasimInputError


def free_port(host: str = "127.0.0.1") -> int:
    """A port nobody listens on now (for tests and ``--port 0``)."""
    with socket.socket() as s:
        s.bind((host, 0))
        return s.getsockname()[1]


def _check_free(host: str, port: int) -> None:
    """One line naming --port when something already listens there (uvicorn would exit with a log)."""
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as s:
        try:
            s.bind((host, port))
        except OSError as exc:
            raise VitasimInputError("--port", f"cannot listen on {host}:{port} ({exc.strerror}); another program "
                                              "may use it: try another --port, or --port 0 for any free one") from None


def make_server(app, host: str, port: int):
    """A uvicorn server for ``app`` (not started)."""
    import uvicorn
    config = uvicorn.Config(app, host=host, port=port, log_level="warning", access_log=False, lifespan="on")
    return uvicorn.Server(config)


def serve(*, db: str | None, host: str, port: int, allowed_hosts: list[str], open_browser: bool,
          population: int = 300) -> None:
    """Open the record, serve the page until interrupted, and open the browser at it."""
    from vitasim.store import open_store
    from vitasim.web.app import create_app
    store = open_store(db)
    if host not in ("127.0.0.1", "localhost", "::1"):
        allowed_hosts = [*allowed_hosts, host]
        print(f"vitasim: listening on {host}: other machines on the network may reach this page")
    port = port or free_port(host if host != "localhost" else "127.0.0.1")
    _check_free(host, port)
    app = create_app(store, population=population, allowed_hosts=allowed_hosts)
    server = make_server(app, host, port)
    url = f"http://{'127.0.0.1' if host in ('127.0.0.1', '0.0.0.0') else host}:{port}/"
    print(f"vitasim: the record is {store.url}")
    print(f"vitasim: open {url} in your browser (Ctrl+C stops)")
    if open_browser:
        def _open() -> None:
            import time
            while not server.started:
                time.sleep(0.1)
            webbrowser.open(url)
        threading.Thread(target=_open, daemon=True).start()
    try:
        server.run()
    finally:
        store.close()
