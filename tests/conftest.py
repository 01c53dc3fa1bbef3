"""Shared fixtures: a fresh SQLite database per test, the app over it, the seeds loaded."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from app.config import PROJECT_ROOT, Settings, load_settings
from app.db import make_engine, migrate
from app.main import create_app
from app.services.ingest import ingest_paths

SEEDS = PROJECT_ROOT / "seeds"


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return replace(load_settings(), database_url=f"sqlite:///{tmp_path / 'test.db'}", data_dir=tmp_path)


@pytest.fixture
def session(settings: Settings) -> Iterator[Session]:
    engine = make_engine(settings)
    migrate(engine)
    with Session(engine) as session:
        yield session
    engine.dispose()


@pytest.fixture
def seeded(session: Session, settings: Settings) -> Session:
    ingest_paths(session=session, paths=[SEEDS], max_bytes=settings.max_file_bytes)
    return session


@pytest.fixture
def client(settings: Settings) -> Iterator[TestClient]:
    app = create_app(settings)
    with TestClient(app) as client:
        yield client
    app.state.engine.dispose()


@pytest.fixture
def seeded_client(client: TestClient, settings: Settings) -> TestClient:
    with Session(client.app.state.engine) as session:
        ingest_paths(session=session, paths=[SEEDS], max_bytes=settings.max_file_bytes)
    return client
