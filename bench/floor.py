"""The floor for `/api/articles/{slug}`: a bare Starlette handler that reads the same article's
first 200 paragraphs from the same database (sqlite3, or psycopg for PostgreSQL) and returns them
as JSON, with no ORM, no auth and no middleware. `bench.run` serves it beside the app and compares
their throughput with wrk.

python -m bench.floor --database-url sqlite:///bench/out/bench.db --port 8001
"""

from __future__ import annotations

import argparse
import sqlite3
from typing import Any

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

ARTICLE = "SELECT id, slug, title, language FROM article WHERE slug = {p}"
PARAGRAPHS = 'SELECT "index", text, kind FROM paragraph WHERE article_id = {p} AND "index" < 200 ORDER BY "index"'


def connect(url: str) -> tuple[Any, str]:
    """One connection for the process (the handler is async: requests never share it at once)
    and the driver's placeholder."""
    if url.startswith("sqlite"):
        return sqlite3.connect(url.split(":///", 1)[1], check_same_thread=False), "?"
    import psycopg

    return psycopg.connect(url.replace("postgresql+psycopg://", "postgresql://"), autocommit=True), "%s"


def make_app(url: str) -> Starlette:
    connection, p = connect(url)
    article_sql, paragraphs_sql = ARTICLE.format(p=p), PARAGRAPHS.format(p=p)

    async def article(request: Request) -> JSONResponse:
        row = connection.execute(article_sql, (request.path_params["slug"],)).fetchone()
        if row is None:
            return JSONResponse({"detail": "not found"}, status_code=404)
        paragraphs = connection.execute(paragraphs_sql, (row[0],)).fetchall()
        return JSONResponse({"slug": row[1], "title": row[2], "language": row[3],
                             "paragraphs": [{"index": i, "text": t, "kind": k} for i, t, k in paragraphs]})

    return Starlette(routes=[Route("/api/articles/{slug}", article)])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--port", type=int, default=8001)
    args = parser.parse_args()
    uvicorn.run(make_app(args.database_url), host="127.0.0.1", port=args.port)


if __name__ == "__main__":
    main()
