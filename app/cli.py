"""The `readingroom` command: ingest files, serve the web app, manage accounts, export everything as JSON."""

from __future__ import annotations

import argparse
import getpass
import secrets
import signal
import json
import sys
from dataclasses import replace
from pathlib import Path

from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session
from tqdm import tqdm

from app.config import Settings, load_settings
from app.db import make_engine, migrate
from app.models import User
from app.services import accounts  # imported up front: its ROLES are the argparse choices
from app.services import jobs
from app.services.errors import InvalidInput, NotFound


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="readingroom", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    ingest = commands.add_parser("ingest", help="load article files (.txt, with optional NAME.meta.json) and folders")
    ingest.add_argument("paths", nargs="+", type=Path)
    ingest.add_argument("--strict", action="store_true", help="exit with status 1 when a file is rejected")
    ingest.add_argument("--no-analysis", action="store_true",
                        help="only queue the analysis jobs, for `readingroom worker` (or a server analysing inline)")
    analyse = commands.add_parser("analyse", help="find actors in articles that are new, changed, or analysed with an older registry")
    analyse.add_argument("--all", action="store_true", help="re-analyse every article")
    _add_worker_parser(commands)
    serve = commands.add_parser("serve", help="serve the reading room")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--workers", type=int, default=1, help="web processes (on PostgreSQL, several share the load)")
    move = commands.add_parser("migrate-db", help="copy everything into another, empty database (e.g. PostgreSQL) and check the counts")
    move.add_argument("--to", required=True, metavar="URL", help="e.g. postgresql+psycopg://user:password@host/readingroom")
    export = commands.add_parser("export", help="write every article, paragraph, note, tag and contradiction as JSON")
    export.add_argument("--out", type=Path, help="file to write (default: standard output)")
    export.add_argument("--base", default="http://127.0.0.1:8000", help="the address the room is served at: its annotations' IRIs")
    commands.add_parser("backup", help="copy the database into a new file, safely while serving, and check it").add_argument("path", type=Path)
    commands.add_parser("restore", help="replace the database by a backup (stop the server first)").add_argument("path", type=Path)
    _add_user_parser(commands)
    args = parser.parse_args(argv)
    handler = {"ingest": _ingest, "analyse": _analyse, "worker": _worker, "serve": _serve, "export": _export,
               "user": _user, "backup": _backup, "restore": _restore, "migrate-db": _migrate_db}[args.command]
    try:
        return handler(args)
    except (InvalidInput, NotFound) as error:  # the message says what to change; a traceback would bury it
        print(f"readingroom: {error}", file=sys.stderr)
        return 2


def _add_worker_parser(commands: argparse._SubParsersAction) -> None:
    from app.services.worker import BATCH, POLL

    worker = commands.add_parser("worker", help="take analysis jobs from the queue and analyse their articles; "
                                 "run as many as you like, on any machine that reaches the database")
    worker.add_argument("--drain", "--once", action="store_true", help="work until the queue is empty, then exit")
    worker.add_argument("--batch", type=_whole(1, 1000), default=BATCH, help=f"articles taken per claim (default {BATCH})")
    worker.add_argument("--lease", type=_whole(10, 86400), default=300,
                        help="seconds a job stays this worker's without a heartbeat; then another worker takes it (default 300)")
    worker.add_argument("--poll", type=_whole(1, 3600), default=int(POLL), help="seconds between looks at an empty queue")


def _whole(low: int, high: int):  # type: ignore[no-untyped-def]
    def parse(raw: str) -> int:
        try:
            value = int(raw)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{raw!r} is not a whole number") from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"{value} is not between {low} and {high}")
        return value
    return parse


def _add_user_parser(commands: argparse._SubParsersAction) -> None:
    user = commands.add_parser("user", help="manage accounts: add, password, list, disable, enable, role, token, tokens, revoke-token")
    actions = user.add_subparsers(dest="action", required=True)
    add = actions.add_parser("add", help="create an account (password typed twice, read from stdin, or generated)")
    add.add_argument("name")
    add.add_argument("--role", choices=accounts.ROLES, default="analyst")
    add.add_argument("--password-stdin", action="store_true", help="read the password from one line of standard input")
    password = actions.add_parser("password", help="set a new password (typed twice, from stdin, or generated); ends the account's sessions")
    password.add_argument("name")
    password.add_argument("--password-stdin", action="store_true", help="read the password from one line of standard input")
    actions.add_parser("list", help="show every account")
    actions.add_parser("disable", help="refuse an account and revoke its sessions and tokens").add_argument("name")
    actions.add_parser("enable", help="allow a disabled account again").add_argument("name")
    role = actions.add_parser("role", help="change an account's role")
    role.add_argument("name")
    role.add_argument("role", choices=accounts.ROLES)
    actions.add_parser("tokens", help="list an account's API tokens (id, label, last four characters, state)").add_argument("name")
    revoke = actions.add_parser("revoke-token", help="revoke one of an account's API tokens by its id (see `user tokens`)")
    revoke.add_argument("name")
    revoke.add_argument("token_id", type=int)
    token = actions.add_parser("token", help="print a new API token for an account (only the token, on stdout)")
    token.add_argument("name")
    token.add_argument("--label", default="", help="what the token is for")


def _engine(settings: Settings | None = None) -> Engine:
    """The configured database, migrated to the newest schema; says on stderr which one it is."""
    settings = settings or load_settings()
    print(f"readingroom: database {describe_database(settings)}", file=sys.stderr)
    engine = make_engine(settings)
    migrate(engine)
    return engine


def describe_database(settings: Settings) -> str:
    """The database file's absolute path (and whether it is new), or the URL without its password."""
    path = settings.sqlite_path
    if path is None:
        return make_url(settings.database_url).render_as_string(hide_password=True)
    return str(path.resolve()) + ("" if path.exists() else " (new: no database there yet)")


def _ingest(args: argparse.Namespace) -> int:
    from app.services import pipeline
    from app.services.ingest import ingest_paths

    settings = load_settings()
    with Session(engine := _engine(settings)) as session:
        summary = ingest_paths(
            session=session, paths=args.paths, max_bytes=settings.max_file_bytes,
            progress=lambda files: tqdm(files, desc="ingest", unit="file", disable=None, file=sys.stderr),
        )
        for line in summary.lines():
            print(line)
        # New and updated files, and any article whose text is still unanalysed (an earlier --no-analysis).
        changed = [o.slug for o in summary.outcomes if o.status in ("added", "updated") and o.slug]
        queued = jobs.enqueue(session=session, slugs=changed + pipeline.pending(session=session))
    if args.no_analysis:
        print(f"{queued} analysis job(s) queued; `readingroom worker` (or a server analysing inline) will do them")
    else:
        _drain(engine)
    return 1 if args.strict and summary.count("rejected") else 0


def _analyse(args: argparse.Namespace) -> int:
    with Session(engine := _engine()) as session:
        _run_analysis(session, everything=args.all)
    _drain(engine)  # jobs of articles just analysed are closed without analysing them again
    return 0


def _worker(args: argparse.Namespace) -> int:
    from datetime import timedelta

    from app.services.worker import run, worker_name

    engine, name = _engine(), worker_name()
    print(f"readingroom: worker {name}" + (", until the queue is empty" if args.drain else ""), file=sys.stderr)
    # `kill` stops it as Ctrl-C does: the batch in hand is handed back to the queue.
    previous = signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    try:
        summary = run(engine=engine, worker=name, batch=args.batch, lease=timedelta(seconds=args.lease),
                      drain=args.drain, poll=args.poll)
    except (KeyboardInterrupt, SystemExit):
        print("readingroom: worker stopped; its unfinished jobs are queued again", file=sys.stderr)
        return 130
    finally:
        signal.signal(signal.SIGTERM, previous)
    print(f"analysis jobs: {summary.done} done, {summary.errors} failed attempt(s)")
    return 0


def _drain(engine: Engine) -> None:
    """Work the queue in this process until it is empty, with a progress bar."""
    from app.services.worker import run

    with Session(engine) as session:
        waiting = jobs.claimable(session=session)
    if not waiting:
        return
    with tqdm(total=waiting, desc="analysis", unit="article", disable=None, file=sys.stderr) as bar:
        summary = run(engine=engine, drain=True, batch=64, on_batch=bar.update)  # one process: big batches share more
    print(f"actors, claims and contradictions: {summary.done} article(s) analysed"
          + (f", {summary.errors} failed attempt(s) (see /ingest)" if summary.errors else ""))


def _run_analysis(session: Session, *, everything: bool) -> None:
    """Actors, then claims and contradictions, with progress bars; the models load only if needed."""
    from app.services.pipeline import analyse_changed

    def bar(name: str):  # type: ignore[no-untyped-def]
        return lambda todo: tqdm(todo, desc=name, unit="article", disable=None, file=sys.stderr)

    done = analyse_changed(session=session, everything=everything, actor_progress=bar("actors"), claim_progress=bar("claims"))
    print(f"actors, claims and contradictions: {done} article(s) analysed")


def _serve(args: argparse.Namespace) -> int:
    import uvicorn

    from app.main import create_app

    settings = load_settings()
    url = f"http://{args.host}:{args.port}"
    with Session(_engine(settings)) as session:
        first = ensure_first_admin(session)
    print(f"Reading Room on {url} (database {describe_database(settings)})", flush=True)
    if first:
        name, password = first
        rule = "=" * 64
        print(f"{rule}\nNo accounts yet, so an administrator was created:\n"
              f"  open      {url}/login\n  name      {name}\n  password  {password}   (shown once: note it now)\n"
              f"Add more users with: readingroom user add NAME --role analyst\n{rule}", file=sys.stderr, flush=True)
    # Forwarded headers only from the proxies the admin named (uvicorn alone trusts 127.0.0.1).
    proxies = {"proxy_headers": bool(settings.trusted_proxies), "forwarded_allow_ips": settings.trusted_proxies or None}
    if args.workers > 1:  # each process builds its own app from the same environment
        uvicorn.run("app.main:create_app", factory=True, workers=args.workers, host=args.host, port=args.port, **proxies)
    else:
        uvicorn.run(create_app(settings), host=args.host, port=args.port, **proxies)
    return 0


def _migrate_db(args: argparse.Namespace) -> int:
    from app.services.move_database import copy_database

    source = _engine()
    target_settings = replace(load_settings(), database_url=args.to)
    print(f"readingroom: copying into {describe_database(target_settings)}", file=sys.stderr)
    bars: dict[str, tqdm] = {}

    def report(table: str, rows: int) -> None:
        bar = bars.setdefault(table, tqdm(desc=table, unit="row", disable=None, file=sys.stderr))
        bar.update(rows - bar.n)

    try:
        counts = copy_database(source, make_engine(target_settings), report=report)
    except SQLAlchemyError as error:
        raise InvalidInput(f"The target database refused the copy: {str(getattr(error, 'orig', None) or error).strip()}") from error
    finally:
        for bar in bars.values():
            bar.close()
    print(f"copied {sum(counts.values())} rows in {len(counts)} tables; every count matches the source")
    print(f"now set READINGROOM_DATABASE_URL={args.to.split('://')[0]}://… and restart the server and workers")
    return 0


def _backup(args: argparse.Namespace) -> int:
    from app.services.backup import backup

    counts = backup(_engine(), args.path)
    print(f"backed up to {args.path}: integrity ok; " + ", ".join(f"{n} {t}" for t, n in counts.items() if n))
    return 0


def _restore(args: argparse.Namespace) -> int:
    from app.services.backup import restore

    engine = _engine()
    counts, kept = restore(engine, args.path)
    migrate(engine)  # a backup from an older version is brought to this schema
    print(f"restored from {args.path}: " + ", ".join(f"{n} {t}" for t, n in counts.items() if n))
    print(f"the database it replaced is kept in {kept}")
    return 0


def ensure_first_admin(session: Session) -> tuple[str, str] | None:
    """On a fresh install, create `admin` with a generated password so someone can log in at all.
    Returns (name, password) when it created the account, None when accounts already exist."""
    if accounts.count_users(session=session):
        return None
    user, password = accounts.add_user(session=session, name="admin", role="admin")
    return user.name, password


def _export(args: argparse.Namespace) -> int:
    from app.services.export import export_all

    with Session(_engine()) as session:
        document = json.dumps(export_all(session=session, base=args.base), ensure_ascii=False, indent=2)
    if args.out:
        args.out.write_text(document, encoding="utf-8")
        print(f"wrote {args.out}", file=sys.stderr)
    else:
        print(document)
    return 0


def _user(args: argparse.Namespace) -> int:
    # Ask for the password before touching the database, so a mistyped one changes nothing.
    password = _read_password(args) if args.action in ("add", "password") else None
    with Session(_engine()) as session:
        if args.action == "add":
            user, password_used = accounts.add_user(session=session, name=args.name, role=args.role, password=password)
            print(f"added {user.name} ({user.role})")
            if password is None:  # generated: this is the only time anyone sees it
                print(f"Password for {user.name} (shown once): {password_used}")
        elif args.action == "password":  # e.g. the first admin's password was lost
            new = password if password is not None else secrets.token_urlsafe(12)
            accounts.set_password(session=session, name=args.name, password=new)
            print(f"new password for {args.name}" + ("" if password is not None else f" (shown once): {new}"))
        elif args.action == "list":
            _print_users(accounts.list_users(session=session))
        elif args.action == "disable":
            accounts.disable_user(session=session, name=args.name)
            print(f"disabled {args.name}; its sessions and API tokens are revoked")
        elif args.action == "enable":
            accounts.enable_user(session=session, name=args.name)
            print(f"enabled {args.name}")
        elif args.action == "role":
            user = accounts.set_role(session=session, name=args.name, role=args.role)
            print(f"{user.name} is now {user.role}")
        elif args.action == "tokens":
            _print_table(("ID", "LABEL", "ENDS", "CREATED", "STATE"), [
                (str(t.id), t.label or "-", t.hint, f"{t.created:%Y-%m-%d %H:%M}", "revoked" if t.revoked else "active")
                for t in accounts.list_tokens(session=session, name=args.name)])
        elif args.action == "revoke-token":
            accounts.revoke_token(session=session, name=args.name, token_id=args.token_id)
            print(f"revoked token {args.token_id} of {args.name}")
        elif args.action == "token":
            # Only the token on stdout, so `TOKEN=$(readingroom user token NAME)` captures just it.
            print(accounts.create_token(session=session, name=args.name, label=args.label))
            print("Shown once. Send it as the header `Authorization: Bearer <token>`.", file=sys.stderr)
    return 0


def _read_password(args: argparse.Namespace) -> str | None:
    """The new account's password: one line of stdin with --password-stdin, typed twice on a
    terminal, or None (add_user generates one) when stdin is neither, e.g. in a script."""
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    if not sys.stdin.isatty():
        return None
    password = getpass.getpass(f"Password for {args.name}: ")
    if getpass.getpass("Again: ") != password:
        raise InvalidInput("The two passwords differ; nothing was changed.")
    return password


def _print_users(users: list[User]) -> None:
    if not users:
        print("No accounts yet: readingroom user add NAME --role analyst", file=sys.stderr)
        return
    _print_table(("NAME", "ROLE", "STATUS", "CREATED"), [
        (u.name, u.role, "disabled" if u.disabled else "active", f"{u.created:%Y-%m-%d %H:%M}") for u in users])


def _print_table(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> None:
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    for row in [header, *rows]:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip())


if __name__ == "__main__":
    raise SystemExit(main())
