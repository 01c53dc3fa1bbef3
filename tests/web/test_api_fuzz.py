"""Property-based fuzzing of the JSON API from its own OpenAPI schema (schemathesis): whatever an
analyst's script sends to any operation, valid or not, the server never answers 5xx."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from sqlmodel import Session

from app.analysis.actors import load_french_model
from app.config import load_settings
from app.main import create_app
from app.services import accounts
from app.services.actor_analysis import analyse_articles
from app.services.claim_analysis import analyse_claims
from app.services.ingest import ingest_paths
from tests.conftest import SEEDS, make_user
from tests.databases import new_database

MAX_EXAMPLES = 20  # per operation: ~40 operations in about 20 seconds on two cores
ANALYST = "fuzzer"


@pytest.fixture(scope="module")
def fuzzed_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[object, str]]:
    """The app over the seeds, analysed (actors, claims, contradictions), and an analyst's API token."""
    folder: Path = tmp_path_factory.mktemp("fuzz")
    app = create_app(replace(load_settings(), database_url=new_database(folder, "fuzz"), data_dir=folder))
    with Session(app.state.engine) as session:
        ingest_paths(session=session, paths=[SEEDS], max_bytes=5_000_000)
        analyse_claims(session=session, articles=analyse_articles(session=session, nlp_factory=load_french_model))
        make_user(session, ANALYST, "analyst")
        token = accounts.create_token(session=session, name=ANALYST, label="fuzz")
    yield app, token
    app.state.engine.dispose()


@pytest.fixture(scope="module")
def auth_headers(fuzzed_app) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {"Authorization": f"Bearer {fuzzed_app[1]}"}


def _schema_only_app():  # type: ignore[no-untyped-def]
    """An app over an empty in-memory database, only to read /openapi.json at collection time (the schema
    holds no data). schemathesis' fixture-based loader does not work with this pytest, so the schema is
    loaded eagerly and each call is sent to the seeded app instead."""
    return create_app(replace(load_settings(), database_url="sqlite://", secret_key="schema only"))


schema = schemathesis.openapi.from_asgi("/openapi.json", _schema_only_app())


@schema.parametrize()
@settings(max_examples=MAX_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_operation_answers_a_server_error(case, fuzzed_app, auth_headers):  # type: ignore[no-untyped-def]
    """Every API operation, fuzzed as an analyst (writes included), answers below 500, as its schema
    says (every schemathesis check: status codes, content types, response schemas, Allow on 405…).
    Left out: "schema-valid data is accepted", since domain rules that JSON Schema cannot state (a
    quote must occur in the text; a compare set has 2 to 4 articles) answer 422 with a sentence."""
    response = case.call_and_validate(app=fuzzed_app[0], headers=auth_headers,
                                      excluded_checks=[schemathesis.checks.positive_data_acceptance])
    assert response.status_code < 500, f"{response.status_code} for:\n{case.as_curl_command(headers=auth_headers)}\n{response.text[:500]}"
    assert "Traceback" not in response.text


def test_the_schema_covers_the_api():
    """The fuzzed schema has the API's read and write operations (so the fuzzing is not vacuous)."""
    operations = {(op.method.upper(), op.path) for op in (result.ok() for result in schema.get_all_operations())}
    assert {("GET", "/api/articles"), ("POST", "/api/annotations"), ("PATCH", "/api/contradictions/{contradiction_id}")} <= operations
    assert len(operations) >= 25
