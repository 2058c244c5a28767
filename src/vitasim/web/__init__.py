"""``vitasim serve``: the local web page for people, their labs, checks, plans and reports.

FastAPI + Jinja2, server-rendered, htmx (shipped in the package) for the progress poll; bound to
127.0.0.1.  :func:`vitasim.web.app.create_app` builds the app on an open record
(:mod:`vitasim.store`); :mod:`vitasim.web.cli` adds ``vitasim serve`` and ``vitasim db``.
"""
