"""An analysed seed database shared by the tests of one module: actors and claims found once
(the French model takes seconds), for read-mostly tests of the reading pages."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from app.analysis.actors import load_french_model
from app.config import PROJECT_ROOT, load_settings
from app.main import create_app
from app.services.actor_analysis import analyse_articles
from app.services.claim_analysis import analyse_claims
from app.services.ingest import ingest_paths
from tests.conftest import log_in
from tests.databases import new_database


@pytest.fixture(scope="module")
def analysed_client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """Logged in as an analyst over the seeds with actors, claims and contradiction suggestions."""
    folder = tmp_path_factory.mktemp("analysed")
    settings = replace(load_settings(), database_url=new_database(folder), data_dir=folder)
    app = create_app(settings)
    with Session(app.state.engine) as session:
        ingest_paths(session=session, paths=[PROJECT_ROOT / "seeds"], max_bytes=settings.max_file_bytes)
        analyse_claims(session=session, articles=analyse_articles(session=session, nlp_factory=load_french_model))
    with TestClient(app) as client:
        yield log_in(client, "reader", "analyst")
    app.state.engine.dispose()
