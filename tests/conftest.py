"""Shared fixtures: a fresh database per test (SQLite, or PostgreSQL: see tests/databases.py), the app over it, the seeds loaded, and
clients logged in with a given role (an analyst by default)."""

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
from app.models import User
from app.services import accounts
from app.services.ingest import ingest_paths
from app.web.auth import CSRF_HEADER, SESSION_COOKIE, csrf_for, sign_session
from tests import databases

SEEDS = PROJECT_ROOT / "seeds"
PASSWORD = "correct horse battery"
_HASH: list[str] = []  # argon2 is slow on purpose: hash the shared test password once per run


def make_user(session: Session, name: str, role: str) -> User:
    if not _HASH:
        _HASH.append(accounts.hash_password(PASSWORD))
    user = User(name=name, role=role, password_hash=_HASH[0])
    session.add(user)
    session.commit()
    session.refresh(user)
    return user


def log_in(client: TestClient, name: str, role: str) -> TestClient:
    """Make the user and give the client their session cookie and CSRF header, as a login would."""
    app = client.app
    with Session(app.state.engine) as session:
        user = make_user(session, name, role)
        raw = accounts.open_session(session=session, user=user, hours=1)
    client.cookies.set(SESSION_COOKIE, sign_session(app.state.signing_key, raw))
    client.headers[CSRF_HEADER] = csrf_for(app.state.signing_key, raw)
    return client


@pytest.fixture(autouse=True)
def _drop_test_databases() -> Iterator[None]:
    """On PostgreSQL, drop the databases a test made (module fixtures' ones are made before)."""
    mark = databases.created()
    yield
    databases.drop_since(mark)


@pytest.fixture(scope="module", autouse=True)
def _drop_module_databases() -> Iterator[None]:
    mark = databases.created()
    yield
    databases.drop_since(mark)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return replace(load_settings(), database_url=databases.new_database(tmp_path), data_dir=tmp_path)


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
def anonymous(settings: Settings) -> Iterator[TestClient]:
    app = create_app(settings)
    with TestClient(app) as client:
        yield client
    app.state.engine.dispose()


@pytest.fixture
def client(anonymous: TestClient) -> TestClient:
    """Logged in as "ana", an analyst: reads and writes notes, tags, curation and decisions."""
    return log_in(anonymous, "ana", "analyst")


@pytest.fixture
def seeded_client(client: TestClient, settings: Settings) -> TestClient:
    with Session(client.app.state.engine) as session:
        ingest_paths(session=session, paths=[SEEDS], max_bytes=settings.max_file_bytes)
    return client
