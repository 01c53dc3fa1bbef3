"""The `readingroom` command: ingest files, serve the web app, export everything as JSON."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from sqlmodel import Session
from tqdm import tqdm

from app.config import load_settings
from app.db import make_engine, migrate


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="readingroom", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    ingest = commands.add_parser("ingest", help="load article files (.txt, with optional NAME.meta.json) and folders")
    ingest.add_argument("paths", nargs="+", type=Path)
    ingest.add_argument("--strict", action="store_true", help="exit with status 1 when a file is rejected")
    ingest.add_argument("--no-analysis", action="store_true", help="skip the actor analysis (run `readingroom analyse` later)")
    analyse = commands.add_parser("analyse", help="find actors in articles that are new, changed, or analysed with an older registry")
    analyse.add_argument("--all", action="store_true", help="re-analyse every article")
    serve = commands.add_parser("serve", help="serve the reading room")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    export = commands.add_parser("export", help="write every article, paragraph, note and tag as JSON")
    export.add_argument("--out", type=Path, help="file to write (default: standard output)")
    args = parser.parse_args(argv)
    return {"ingest": _ingest, "analyse": _analyse, "serve": _serve, "export": _export}[args.command](args)


def _ingest(args: argparse.Namespace) -> int:
    from app.services.ingest import ingest_paths

    settings = load_settings()
    engine = make_engine(settings)
    migrate(engine)
    with Session(engine) as session:
        summary = ingest_paths(
            session=session, paths=args.paths, max_bytes=settings.max_file_bytes,
            progress=lambda files: tqdm(files, desc="ingest", unit="file", disable=None, file=sys.stderr),
        )
        for line in summary.lines():
            print(line)
        if not args.no_analysis:
            _run_analysis(session, everything=False)
    return 1 if args.strict and summary.count("rejected") else 0


def _analyse(args: argparse.Namespace) -> int:
    engine = make_engine(load_settings())
    migrate(engine)
    with Session(engine) as session:
        _run_analysis(session, everything=args.all)
    return 0


def _run_analysis(session: Session, *, everything: bool) -> None:
    """Actor analysis in batches with a progress bar; the NER model loads only if needed."""
    from sqlmodel import select

    from app.analysis.actors import load_french_model
    from app.models import Article
    from app.services.actor_analysis import analyse_articles

    from app.analysis.speakers import load_french_parser
    from app.services.claim_analysis import analyse_claims

    articles = session.exec(select(Article)).all() if everything else None
    done = analyse_articles(
        session=session, nlp_factory=load_french_model, articles=articles,
        progress=lambda todo: tqdm(todo, desc="actors", unit="article", disable=None, file=sys.stderr),
    )
    print(f"actors: {len(done)} article(s) analysed")
    if done:
        analyse_claims(session=session, articles=done, parser_factory=load_french_parser,
                       progress=lambda todo: tqdm(todo, desc="claims", unit="article", disable=None, file=sys.stderr))
        print(f"claims and contradictions: {len(done)} article(s) analysed")


def _serve(args: argparse.Namespace) -> int:
    import uvicorn

    from app.main import create_app

    settings = load_settings()
    print(f"Reading Room on http://{args.host}:{args.port} (database {settings.database_url})", flush=True)
    uvicorn.run(create_app(settings), host=args.host, port=args.port)
    return 0


def _export(args: argparse.Namespace) -> int:
    from app.services.export import export_all

    engine = make_engine(load_settings())
    migrate(engine)
    with Session(engine) as session:
        document = json.dumps(export_all(session=session), ensure_ascii=False, indent=2)
    if args.out:
        args.out.write_text(document, encoding="utf-8")
        print(f"wrote {args.out}", file=sys.stderr)
    else:
        print(document)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
