"""``vitasim serve`` (the local web page) and ``vitasim db export|import|backup|list|where``.

Registered by ``vitasim.cli`` through EXTENSIONS.  ``--db URL`` picks the record (default: SQLite
under ``$VITASIM_DATA`` or the user data directory).  Bad input raises VitasimInputError, printed
by the CLI as one line with exit code 2.
"""
from __future__ import annotations

from vitasim.errors import VitasimInputError

COMMANDS = ("serve", "db")


def add_parsers(subparsers) -> None:
    s = subparsers.add_parser("serve", help="open the local web page (people, labs, check, plan, reports)")
    s.add_argument("--db", metavar="URL", help="SQLAlchemy URL of the record (default: SQLite in the data dir)")
    s.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1: this machine only)")
    s.add_argument("--port", type=int, default=8765, help="port (default 8765; 0 picks a free one)")
    s.add_argument("--allow-host", action="append", default=[], metavar="NAME",
                   help="also accept requests addressed to this host name (default: localhost, 127.0.0.1)")
    s.add_argument("--no-browser", action="store_true", help="do not open the web browser on start")
    d = subparsers.add_parser("db", help="the stored record: export, import, backup, list, where")
    d.add_argument("--db", metavar="URL", help="SQLAlchemy URL of the record (default: SQLite in the data dir)")
    sub = d.add_subparsers(dest="db_command", required=True)
    e = sub.add_parser("export", help="write every person as a profile file, a labs CSV and their runs")
    e.add_argument("directory")
    i = sub.add_parser("import", help="add the people in a profile file or an exported directory")
    i.add_argument("path")
    b = sub.add_parser("backup", help="a consistent copy of the SQLite record")
    b.add_argument("file")
    sub.add_parser("list", help="list the people in the record")
    sub.add_parser("where", help="print where the record is")


def _db(args) -> int:
    from vitasim.store import list_people, open_store
    from vitasim.store import transfer

    store = open_store(args.db)
    try:
        if args.db_command == "export":
            files = transfer.export_all(store, args.directory)
            print(f"{len(files)} files written to {args.directory}")
        elif args.db_command == "import":
            ids = transfer.import_path(store, args.path)
            print(f"{len(ids)} people added (numbers {', '.join(map(str, ids))})")
        elif args.db_command == "backup":
            print(f"backup written to {transfer.backup(store, args.file)}")
        elif args.db_command == "list":
            with store.session() as s:
                for p in list_people(s):
                    print(f"{p.id:4d}  {p.name or '(no name)'}  {len(p.labs)} labs, {len(p.runs)} runs")
        else:
            print(store.url)
    finally:
        store.close()
    return 0


def _serve(args) -> int:
    if not 0 <= args.port <= 65535:
        raise VitasimInputError("--port", "must be between 0 and 65535")
    from vitasim.web.server import serve
    serve(db=args.db, host=args.host, port=args.port, allowed_hosts=args.allow_host, open_browser=not args.no_browser)
    return 0


def run(args) -> int:
    return _serve(args) if args.command == "serve" else _db(args)
