"""Security across every route the app has: who may call what, CSRF, login hardening, headers, and
hostile input. Routes are enumerated from the app itself (never a hand-kept list), so a new route is
held to the same policy the moment it is mounted."""

from __future__ import annotations

import re
import time
from xml.etree import ElementTree
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import timedelta
from pathlib import Path
from urllib.parse import quote, urljoin, urlsplit

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import update
from sqlmodel import Session, select

from app.analysis.actors import load_french_model
from app.config import Settings, load_settings
from app.db import make_engine, migrate
from app.main import create_app
from app.models import ApiToken, User, UserSession, utcnow
from app.services import accounts
from app.services.actor_analysis import analyse_articles
from app.services.claim_analysis import analyse_claims
from app.services.ingest import ingest_paths
from app.web import auth
from app.web.auth import CSRF_HEADER, SESSION_COOKIE, sign_session
from tests.databases import new_database
from tests.conftest import PASSWORD, SEEDS, log_in, make_user

FR = "000_4a82fcdd0388497e"
SEED_ARTICLES = 5

# The policy, as small explicit lists; everything not named here needs a logged-in user.
OPEN_GETS = {"/login", "/favicon.ico"}  # the login form itself; the site icon browsers ask for first
# FastAPI's API docs and schema describe the API but hold no data: open on purpose, so scripts can read them.
OPEN_DOCS = {"/openapi.json", "/docs", "/docs/oauth2-redirect", "/redoc"}
OPEN_WRITES = {("POST", "/login")}
# A viewer may manage their own account: log out, tokens, sessions, password. Every other write needs an analyst.
SELF_SERVICE = {("POST", "/logout"), ("POST", "/account/tokens"), ("POST", "/account/tokens/{token_id}/revoke"),
                ("POST", "/account/sessions/{session_id}/revoke"), ("POST", "/account/password")}
# Pages that are about the logged-in person: anonymous read access does not open them.
PERSONAL_GETS = {"/account"}


def needs_admin(path: str) -> bool:
    """User administration and adding articles are the admin's (any method)."""
    return path.startswith("/admin") or "/upload" in path


# --- a seeded, analysed database, built once per module and copied for each test -----------------


@dataclass
class Seed:
    article: str
    actor: str
    tag: str
    note: int
    revision: int
    contradiction: int
    mention: int
    curation: int


@pytest.fixture(scope="module")
def seed_db(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Seed]:
    """Seeds ingested and analysed (actors, claims, contradictions), plus a note with a revision and a curation."""
    folder = tmp_path_factory.mktemp("security-seed")
    settings = replace(load_settings(), database_url=new_database(folder, "seed"), data_dir=folder)
    engine = make_engine(settings)
    migrate(engine)
    with Session(engine) as session:
        ingest_paths(session=session, paths=[SEEDS], max_bytes=settings.max_file_bytes)
        analyse_claims(session=session, articles=analyse_articles(session=session, nlp_factory=load_french_model))
        make_user(session, "seeder", "analyst")
        token = accounts.create_token(session=session, name="seeder")
    engine.dispose()
    app = create_app(settings)
    with TestClient(app, headers={"Authorization": f"Bearer {token}"}) as api:
        note = api.post("/api/annotations", json={"article": FR, "body": "seed note", "tags": ["figures"]}).json()["id"]
        api.patch(f"/api/annotations/{note}", json={"body": "seed note, edited"}).raise_for_status()
        history = api.get(f"/api/annotations/{note}/history")
        revision = history.json()["items"][0]["id"] if history.status_code == 200 and history.json()["items"] else 1
        actor = api.get("/api/actors", params={"limit": 1}).json()["items"][0]["slug"]
        curation = api.post(f"/api/actors/{actor}/add_alias", json={"alias": "Seed alias", "language": "fr"}).json()["history"][0]["id"]
        mention = api.get(f"/api/actors/{actor}/mentions", params={"limit": 1}).json()["items"][0]["id"]
        contradiction = api.get("/api/contradictions", params={"limit": 1}).json()["items"][0]["id"]
    app.state.engine.dispose()
    return settings.database_url, Seed(FR, actor, "figures", note, revision, contradiction, mention, curation)


@pytest.fixture
def settings(settings: Settings, seed_db: tuple[str, Seed]) -> Settings:
    """The conftest settings, over a copy of the analysed seed database."""
    return replace(settings, database_url=new_database(settings.data_dir, "copy", like=seed_db[0]))


@pytest.fixture
def seed(seed_db: tuple[str, Seed]) -> Seed:
    return seed_db[1]


# --- helpers -----------------------------------------------------------------------------------------


def endpoints(app) -> list[tuple[str, str, object]]:  # type: ignore[no-untyped-def]
    """(method, path, route) for every route that answers requests, however its router was included."""
    try:  # newer FastAPI keeps included routers unflattened in app.routes
        from fastapi.routing import iter_route_contexts
        routes = list(iter_route_contexts(app.routes))
    except ImportError:
        routes = list(app.routes)
    found = [(method, route.path, route) for route in routes for method in sorted((getattr(route, "methods", None) or set()) - {"HEAD"})]
    paths = {path for _, path, _ in found}
    assert len(found) > 40 and {"/", "/api/articles", "/articles/{slug}", "/login"} <= paths, "route enumeration broke"
    return found


def parameters(route: object, kind: str) -> list:
    dependant = getattr(route, "dependant", None)
    return list(getattr(dependant, kind, [])) if dependant is not None else []


def fill(path: str, seed: Seed, **override: object) -> str:
    """The path with plausible values: existing slugs and ids from the seed database."""
    def value(match: re.Match) -> str:
        name = match.group(1)
        if name in override:
            return quote(str(override[name]), safe="")
        if name == "action":
            return "enable" if path.startswith("/admin") else "confirm"
        if name == "slug":
            return seed.actor if "/actors/" in path else seed.article
        return quote(str({"tag": seed.tag, "annotation_id": seed.note, "annotation": seed.note, "revision_id": seed.revision, "contradiction_id": seed.contradiction,
                          "mention_id": seed.mention, "action_id": seed.curation, "name": "someone", "token_id": 999999,
                          "session_id": 999999}.get(name, 1)), safe="")
    return re.sub(r"\{(\w+)(?::\w+)?\}", value, path)


def send(client: TestClient, method: str, url: str, **kwargs: object):  # type: ignore[no-untyped-def]
    """A request as the app's own clients send it: JSON to the API, forms to the pages."""
    if method != "GET" and not kwargs:
        kwargs = {"json": {}} if url.startswith("/api") else {"data": {"x": ""}}
    return client.request(method, url, follow_redirects=False, **kwargs)


def user_client(app, name: str, role: str, *, raise_errors: bool = True) -> TestClient:  # type: ignore[no-untyped-def]
    """A new browser for a new user of this role: session cookie and CSRF header, as after a login."""
    return log_in(TestClient(app, raise_server_exceptions=raise_errors), name, role)


def token_for(app, name: str, role: str) -> str:  # type: ignore[no-untyped-def]
    with Session(app.state.engine) as session:
        make_user(session, name, role)
        return accounts.create_token(session=session, name=name)


PROTOCOL = {"/annotations/", "/annotations/{annotation}", "/contradictions/annotations/",  # the W3C protocol: JSON to
            "/contradictions/annotations/{contradiction_id}"}  # clients, like the API


def sent_to_login(path: str, response) -> bool:  # type: ignore[no-untyped-def]
    """Refused for want of a login: 401 JSON from the API, a 303 to the login form from pages."""
    if path.startswith("/api") or path in PROTOCOL:
        return response.status_code == 401 and response.headers["content-type"].startswith("application/json")
    return response.status_code == 303 and response.headers["location"].startswith("/login?next=")


def article_count(client: TestClient) -> int:
    return client.get("/api/articles", params={"limit": 1}).json()["total"]


def note_count(client: TestClient) -> int:
    return client.get("/api/annotations", params={"limit": 1}).json()["total"]


# --- who may call what ------------------------------------------------------------------------------


def test_every_write_refuses_the_anonymous(anonymous, seed):
    """Without a login, every non-GET route (but the login form's POST) is refused: 401 for the API, 303 to /login for pages."""
    wrong = []
    for method, path, _ in endpoints(anonymous.app):
        if method == "GET" or (method, path) in OPEN_WRITES:
            continue
        url = fill(path, seed)
        r = send(anonymous, method, url)
        if not sent_to_login(path, r):
            wrong.append(f"{method} {url} -> {r.status_code}")
    assert not wrong, wrong


def test_every_get_refuses_the_anonymous(anonymous, seed):
    """Without a login (and no anonymous reading), every GET is refused except the login form and the API docs."""
    wrong = []
    for method, path, _ in endpoints(anonymous.app):
        if method != "GET" or path in OPEN_GETS | OPEN_DOCS:
            continue
        url = fill(path, seed)
        r = send(anonymous, method, url)
        if not sent_to_login(path, r):
            wrong.append(f"GET {url} -> {r.status_code}")
    assert not wrong, wrong
    for path in OPEN_GETS | OPEN_DOCS:  # the conscious exceptions do answer, and carry no data
        r = anonymous.get(path)
        assert r.status_code == 200, path
        assert seed.article not in r.text and "seed note" not in r.text


def test_login_redirect_remembers_where_the_visitor_was_going(anonymous, seed):
    """A page refused for want of a login sends to /login with the page (and its query) as `next`."""
    r = anonymous.get(f"/articles/{seed.article}?actor=x", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/login?next=" + quote(f"/articles/{seed.article}?actor=x", safe="")
    assert anonymous.get("/api/articles").headers.get("www-authenticate") == "Bearer"


def test_viewer_is_refused_every_write_but_their_own_account(anonymous, seed):
    """A viewer gets 403 on every analyst/admin write; only the self-service account routes are open to them."""
    app = anonymous.app
    viewer = user_client(app, "vic", "viewer")
    wrong, self_service_seen = [], set()
    for method, path, _ in endpoints(app):
        if method in ("GET", "OPTIONS") or (method, path) in OPEN_WRITES | SELF_SERVICE:  # OPTIONS reads, as GET
            self_service_seen.add((method, path))
            continue
        url = fill(path, seed)
        r = send(viewer, method, url)
        if r.status_code != 403:
            wrong.append(f"{method} {url} -> {r.status_code}")
    assert not wrong, wrong
    assert SELF_SERVICE <= self_service_seen, f"self-service routes gone: {SELF_SERVICE - self_service_seen}"
    assert note_count(viewer) == 1 and article_count(viewer) == SEED_ARTICLES  # nothing changed


def test_self_service_routes_are_open_to_a_viewer_for_their_own_things(anonymous, seed):
    """Each self-service route works for a viewer (own token, own other session, own password, logout)."""
    app = anonymous.app
    for i, (method, path) in enumerate(sorted(SELF_SERVICE)):
        viewer = user_client(app, f"vic{i}", "viewer")
        with Session(app.state.engine) as session:
            user = session.exec(select(User).where(User.name == f"vic{i}")).one()
            accounts.create_token(session=session, name=user.name)
            token_id = accounts.list_tokens(session=session, name=user.name)[0].id
            accounts.open_session(session=session, user=user, hours=1)  # another browser of theirs
            other_session = max(s.id for s in accounts.list_sessions(session=session, name=user.name))
        data = {"current": PASSWORD, "new": "a brand new passphrase", "label": "script"}
        r = viewer.request(method, fill(path, seed, token_id=token_id, session_id=other_session), data=data, follow_redirects=False)
        assert r.status_code in (200, 303), f"{method} {path} -> {r.status_code}"
        assert not r.headers.get("location", "").startswith("/login?next=")


def test_a_user_cannot_revoke_another_users_token_or_session(anonymous, seed):
    """The account routes act on the requester's own tokens and sessions only (no revoking by guessing ids)."""
    app = anonymous.app
    victim_token = token_for(app, "victim", "analyst")
    with Session(app.state.engine) as session:
        victim = session.exec(select(User).where(User.name == "victim")).one()
        accounts.open_session(session=session, user=victim, hours=1)
        token_id = accounts.list_tokens(session=session, name="victim")[0].id
        session_id = accounts.list_sessions(session=session, name="victim")[0].id
    viewer = user_client(app, "vic", "viewer")
    assert viewer.post(f"/account/tokens/{token_id}/revoke", follow_redirects=False).status_code == 404
    assert viewer.post(f"/account/sessions/{session_id}/revoke", follow_redirects=False).status_code == 404
    assert anonymous.get("/api/tags", headers={"Authorization": f"Bearer {victim_token}"}).status_code == 200
    with Session(app.state.engine) as session:
        assert session.get(UserSession, session_id).revoked is None


def test_analyst_is_refused_admin_routes_but_allowed_the_rest(anonymous, seed):
    """An analyst gets 403 on /admin/* and the upload routes (any method), and is not refused any other route."""
    app = anonymous.app
    refused, allowed = [], []
    for i, (method, path, _) in enumerate(endpoints(app)):
        if (method, path) in OPEN_WRITES or path in OPEN_GETS | OPEN_DOCS:
            continue
        analyst = user_client(app, f"ana{i}", "analyst")  # fresh each time: a route may log this one out
        r = send(analyst, method, fill(path, seed))
        if needs_admin(path):
            refused.append(path)
            assert r.status_code == 403, f"{method} {path} -> {r.status_code}"
        else:
            allowed.append(path)
            # Another analyst's note may be refused for being theirs (ownership), never for the role.
            theirs = r.status_code == 403 and "who wrote note" in r.text
            assert (r.status_code not in (401, 403) or theirs) and not sent_to_login(path, r), f"{method} {path} -> {r.status_code}"
    assert "/admin/users" in refused and allowed


def test_admin_may_use_the_admin_routes(anonymous, seed):
    """The admin is let through everything the analyst is refused (positive control for the role check)."""
    app = anonymous.app
    for i, (method, path, _) in enumerate(endpoints(app)):
        if needs_admin(path):
            admin = user_client(app, f"root{i}", "admin")
            r = send(admin, method, fill(path, seed))
            assert r.status_code not in (401, 403), f"{method} {path} -> {r.status_code}"


def test_anonymous_read_opens_reading_only(settings, seed):
    """With anonymous_read on, every GET works without a login, but personal/admin pages and every write are still refused."""
    app = create_app(replace(settings, anonymous_read=True))
    try:
        client = TestClient(app)
        for method, path, _ in endpoints(app):
            url = fill(path, seed)
            r = send(client, method, url)
            if (method, path) in OPEN_WRITES:
                continue
            if method not in ("GET", "OPTIONS") or path in PERSONAL_GETS:  # OPTIONS only reads, as GET
                assert sent_to_login(path, r), f"{method} {url} -> {r.status_code}"
            elif needs_admin(path):
                assert r.status_code == 403, f"GET {url} -> {r.status_code}"
            else:
                assert r.status_code < 500 and r.status_code not in (401, 403), f"GET {url} -> {r.status_code}"
                assert not r.headers.get("location", "").startswith("/login"), f"GET {url} sent to login"
        assert client.get("/").status_code == 200 and article_count(client) == SEED_ARTICLES
        assert "csrftoken" not in client.get(f"/articles/{seed.article}").text  # no write forms for the anonymous
    finally:
        app.state.engine.dispose()


# --- CSRF, tokens, disabled accounts -------------------------------------------------------------


def test_session_form_post_without_or_with_a_wrong_csrf_token_is_refused(client, seed):
    """A cookie-authenticated write needs the CSRF token; without it, or with another one, it is 403 and nothing changes."""
    client.headers.pop(CSRF_HEADER)
    before = note_count(client)
    form = {"body": "forged", "tags": "forged"}
    assert client.post(f"/articles/{seed.article}/annotations", data=form).status_code == 403
    assert client.post(f"/articles/{seed.article}/annotations", data={**form, "csrftoken": "0" * 64}).status_code == 403
    assert client.post(f"/articles/{seed.article}/annotations", data=form, headers={CSRF_HEADER: "nope"}).status_code == 403
    assert client.post("/api/annotations", json={"article": seed.article, "body": "forged"}).status_code == 403
    assert client.post("/api/annotations", content=b"article=x", headers={"content-type": "text/plain"}).status_code == 403
    assert client.post("/logout", follow_redirects=False).status_code == 403  # no logging people out from other sites
    assert note_count(client) == before
    # The token from the page itself is accepted (so the refusals above are about the token).
    token = re.search(r'name="csrftoken" value="([0-9a-f]+)"', client.get(f"/articles/{seed.article}").text).group(1)
    r = client.post(f"/articles/{seed.article}/annotations", data={**form, "csrftoken": token}, follow_redirects=False)
    assert r.status_code == 303 and note_count(client) == before + 1


def test_csrf_token_of_one_session_does_not_work_for_another(anonymous, seed):
    """The CSRF token is bound to the session: a token from another user's session is refused."""
    app = anonymous.app
    mallory, alice = user_client(app, "mallory", "analyst"), user_client(app, "alice", "analyst")
    alice.headers[CSRF_HEADER] = mallory.headers[CSRF_HEADER]
    assert alice.post(f"/annotations/{seed.note}/delete", follow_redirects=False).status_code == 403
    assert note_count(alice) == 1


def test_bearer_token_needs_no_csrf_token(anonymous, seed):
    """An API token authenticates writes by itself: no CSRF token, no cookie."""
    token = token_for(anonymous.app, "script", "analyst")
    r = anonymous.post("/api/annotations", json={"article": seed.article, "body": "by script"}, headers={"Authorization": f"Bearer {token}"})
    assert r.status_code == 201 and r.json()["author"] == "script"


def test_revoked_unknown_or_malformed_tokens_are_401(anonymous, seed):
    """A revoked token, an unknown one, or a non-bearer Authorization header is refused with 401, reads and writes alike."""
    app = anonymous.app
    token = token_for(app, "script", "analyst")
    with Session(app.state.engine) as session:
        accounts.revoke_token(session=session, name="script", token_id=accounts.list_tokens(session=session, name="script")[0].id)
    for auth in (f"Bearer {token}", "Bearer rr_unknown", f"Basic {token}", "Bearer "):
        assert anonymous.get("/api/articles", headers={"Authorization": auth}).status_code == 401, auth
        r = anonymous.post("/api/annotations", json={"article": seed.article, "body": "x"}, headers={"Authorization": auth})
        assert r.status_code == 401, auth
    assert note_count(user_client(app, "vic", "viewer")) == 1


def test_a_checked_login_is_believed_for_seconds_unless_this_process_revokes_it(anonymous, seed, monkeypatch):
    """A token once checked is not looked up again for PRINCIPAL_SECONDS. A revocation made through
    this process counts at once; one made elsewhere (another web process, here straight in the
    database) counts once that time is over."""
    monkeypatch.setattr(auth, "PRINCIPAL_SECONDS", 0.5)
    app = anonymous.app
    here, elsewhere = token_for(app, "script", "analyst"), token_for(app, "robot", "analyst")
    def status(token: str) -> int:
        return anonymous.get("/api/articles", headers={"Authorization": f"Bearer {token}"}).status_code
    assert status(here) == status(elsewhere) == 200
    with Session(app.state.engine) as session:
        session.execute(update(ApiToken).where(ApiToken.hint == elsewhere[-4:]).values(revoked=utcnow()))
        session.commit()
    assert status(elsewhere) == 200  # still believed: nothing in this process said otherwise
    time.sleep(0.6)
    assert status(elsewhere) == 401
    assert status(here) == 200
    with Session(app.state.engine) as session:
        accounts.revoke_token(session=session, name="script", token_id=accounts.list_tokens(session=session, name="script")[0].id)
    assert status(here) == 401


def test_a_bad_token_is_refused_even_with_a_valid_session(client, seed):
    """A wrong Authorization header is not silently ignored in favour of the session cookie."""
    assert client.get("/api/articles", headers={"Authorization": "Bearer rr_wrong"}).status_code == 401


def test_disabled_or_expired_sessions_and_tokens_are_refused(anonymous, seed):
    """A disabled account's sessions and tokens stop working at once (even if not revoked); so does an expired session."""
    app = anonymous.app
    viewer, analyst = user_client(app, "vic", "viewer"), user_client(app, "ana", "analyst")
    token = token_for(app, "bot", "analyst")
    assert viewer.get("/").status_code == 200
    with Session(app.state.engine) as session:
        accounts.disable_user(session=session, name="vic")
        bot = session.exec(select(User).where(User.name == "bot")).one()
        bot.disabled = utcnow()  # the flag alone, tokens not revoked: still refused
        session.add(bot)
        for row in session.exec(select(UserSession).join(User).where(User.name == "ana")).all():
            row.expires = utcnow() - timedelta(minutes=1)
            session.add(row)
        session.commit()
    assert sent_to_login("/", viewer.get("/", follow_redirects=False))
    assert viewer.get("/api/articles").status_code == 401
    assert sent_to_login("/", analyst.get("/", follow_redirects=False))
    assert sent_to_login("/annotations", analyst.post(f"/annotations/{seed.note}/delete", follow_redirects=False))
    assert anonymous.get("/api/articles", headers={"Authorization": f"Bearer {token}"}).status_code == 401
    with Session(app.state.engine) as session:
        vic = session.exec(select(User).where(User.name == "vic")).one()
        assert accounts.check_password(session=session, name="vic", password=PASSWORD) is None and vic.disabled


def test_a_forged_session_cookie_is_refused(anonymous, seed):
    """A session cookie not signed with the app's key (or signed with another) is no login."""
    for value in ("anything", sign_session("another key", "raw"), sign_session(anonymous.app.state.signing_key, "not a session")):
        anonymous.cookies.set(SESSION_COOKIE, value)
        assert anonymous.get("/api/articles").status_code == 401
        assert sent_to_login("/", anonymous.get("/", follow_redirects=False))


# --- login -------------------------------------------------------------------------------------------


def login_form(client: TestClient, next_: str = "/") -> str:
    """GET the login page (which sets the pre-login cookie) and return its CSRF token."""
    page = client.get("/login", params={"next": next_})
    assert page.status_code == 200
    return re.search(r'name="csrftoken" value="([^"]+)"', page.text).group(1)


def post_login(client: TestClient, name: str, password: str, next_: str = "/"):  # type: ignore[no-untyped-def]
    token = login_form(client, next_)
    return client.post("/login", data={"name": name, "password": password, "csrftoken": token, "next": next_}, follow_redirects=False)


def test_login_sets_a_httponly_samesite_session_cookie(anonymous):
    """Logging in through the real form gives a session cookie that scripts cannot read and other sites do not send."""
    with Session(anonymous.app.state.engine) as session:
        make_user(session, "ana", "analyst")
    r = post_login(anonymous, "ana", PASSWORD)
    assert r.status_code == 303 and r.headers["location"] == "/"
    cookies = {c.split("=", 1)[0]: c for c in r.headers.get_list("set-cookie")}
    session_cookie = cookies[SESSION_COOKIE].lower()
    assert "httponly" in session_cookie and "samesite=lax" in session_cookie and "path=/" in session_cookie
    assert anonymous.get("/").status_code == 200


def test_login_without_the_form_token_is_refused(anonymous):
    """The login form has its own CSRF token (login CSRF): a post without the pre-login cookie's token is 403."""
    with Session(anonymous.app.state.engine) as session:
        make_user(session, "ana", "analyst")
    assert anonymous.post("/login", data={"name": "ana", "password": PASSWORD}).status_code == 403
    login_form(anonymous)
    assert anonymous.post("/login", data={"name": "ana", "password": PASSWORD, "csrftoken": "x"}).status_code == 403
    assert SESSION_COOKIE not in anonymous.cookies


def test_wrong_password_is_401_and_the_sixth_try_is_429(anonymous):
    """Failed logins answer 401; the 6th attempt on one name within a minute is 429, even with the right password."""
    with Session(anonymous.app.state.engine) as session:
        make_user(session, "ana", "analyst")
        make_user(session, "vic", "viewer")
    for attempt in range(5):
        r = post_login(anonymous, "ana", f"wrong {attempt}")
        assert r.status_code == 401 and "Wrong name or password" in r.text
        assert SESSION_COOKIE not in anonymous.cookies
    r = post_login(anonymous, "ana", PASSWORD)
    assert r.status_code == 429 and SESSION_COOKIE not in anonymous.cookies
    assert post_login(anonymous, "ANA", PASSWORD).status_code == 429  # the name's case does not reset the count
    assert post_login(anonymous, "vic", PASSWORD).status_code == 303  # another name is not locked out


def test_the_login_limit_is_shared_by_every_process_of_one_database(anonymous, settings):
    """A second server over the same database (another process) sees the same count."""
    with Session(anonymous.app.state.engine) as session:
        make_user(session, "ana", "analyst")
    other = create_app(settings)
    with TestClient(other) as second:
        for attempt in range(5):
            client = anonymous if attempt % 2 else second
            assert post_login(client, "ana", f"wrong {attempt}").status_code == 401
        assert post_login(second, "ana", PASSWORD).status_code == 429
        assert post_login(anonymous, "ana", PASSWORD).status_code == 429
    other.state.engine.dispose()


def test_parallel_attempts_are_counted_atomically(settings):
    """40 attempts at once on one name: exactly 5 get through (increment, then check)."""
    from concurrent.futures import ThreadPoolExecutor

    from app.db import make_engine as engine_for
    from app.services.login_limits import login_allowed

    engine = engine_for(settings)
    migrate(engine)

    def attempt(i: int) -> bool:
        with Session(engine) as session:
            return login_allowed(session=session, name="ana", address=f"10.0.0.{i}", now=120.0)

    with ThreadPoolExecutor(max_workers=16) as pool:
        allowed = list(pool.map(attempt, range(40)))
    engine.dispose()
    assert sum(allowed) == 5


def test_unknown_and_disabled_names_fail_like_a_wrong_password(anonymous):
    """No account enumeration: an unknown or disabled name gets the same 401 as a wrong password."""
    with Session(anonymous.app.state.engine) as session:
        make_user(session, "ana", "analyst")
        make_user(session, "gone", "analyst")
        accounts.disable_user(session=session, name="gone")
    texts = set()
    for name, password in (("ana", "wrong password"), ("nobody", PASSWORD), ("gone", PASSWORD)):
        r = post_login(anonymous, name, password)
        assert r.status_code == 401
        texts.add(re.search(r'class="error"[^>]*>([^<]*)<', r.text).group(1) if 'class="error"' in r.text else "")
    assert len(texts) == 1


@pytest.mark.parametrize("target", ["//evil.com", "https://evil.com", "/\\evil.com", "\\\\evil.com", "/\t/evil.com",
                                    "http:/evil.com", "javascript:alert(1)", "///evil.com", " //evil.com"])
def test_login_next_never_leaves_the_site(anonymous, target):
    """`next` after login, and the login form's hidden `next`, only ever name a path on this site."""
    with Session(anonymous.app.state.engine) as session:
        make_user(session, "ana", "analyst")
    page = anonymous.get("/login", params={"next": target})
    hidden = re.search(r'name="next" value="([^"]*)"', page.text)
    assert hidden is None or hidden.group(1) == "/" or "evil" not in hidden.group(1)
    r = post_login(anonymous, "ana", PASSWORD, next_=target)
    assert r.status_code == 303
    location = r.headers["location"]
    landed = urlsplit(urljoin("http://testserver/login", location))  # resolved as a browser would (tabs stripped)
    assert landed.scheme == "http" and landed.netloc == "testserver", location
    assert location.startswith("/") and not location.startswith("//") and "\\" not in location


def test_mention_reject_back_link_stays_on_the_site(client, seed):
    """The reject form's `back` field cannot redirect to another site."""
    for i, target in enumerate(("//evil.com", "/\\evil.com", "https://evil.com", "/\t/evil.com")):
        mention = client.get(f"/api/actors/{seed.actor}/mentions", params={"limit": 1, "offset": i}).json()["items"][0]["id"]
        r = client.post(f"/mentions/{mention}/reject", data={"back": target}, follow_redirects=False)
        assert r.status_code == 303
        landed = urlsplit(urljoin("http://testserver/", r.headers["location"]))
        assert landed.netloc == "testserver", r.headers["location"]


# --- headers ---------------------------------------------------------------------------------------


def csp(response) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    policy = response.headers.get("content-security-policy", "")
    return {parts[0].lower(): parts[1:] for d in policy.split(";") if (parts := d.split())}


def test_security_headers_on_pages_api_errors_and_redirects(client, anonymous, seed):
    """Every kind of response carries CSP (no inline script), nosniff, no framing and a strict Referrer-Policy."""
    responses = {
        "page": client.get("/"), "reader": client.get(f"/articles/{seed.article}"), "api": client.get("/api/articles"),
        "csv": client.get("/api/annotations.csv"), "404 page": client.get("/articles/missing"), "404 api": client.get("/api/articles/missing"),
        "static": client.get("/static/app.js"), "login": anonymous.get("/login"),
        "redirect": anonymous.get("/", follow_redirects=False), "401": anonymous.get("/api/articles"),
    }
    for what, r in responses.items():
        policy = csp(r)
        script = policy.get("script-src", policy.get("default-src"))
        assert script is not None, f"{what}: no script-src"
        assert "'unsafe-inline'" not in script and "'unsafe-eval'" not in script and "*" not in script, f"{what}: {script}"
        assert "'unsafe-inline'" not in policy.get("style-src", policy.get("default-src", [])), what
        assert policy.get("frame-ancestors") in (["'none'"], ["'self'"]), what
        assert policy.get("object-src") == ["'none'"] and policy.get("base-uri") in (["'none'"], ["'self'"]), what
        assert r.headers.get("x-content-type-options") == "nosniff", what
        assert r.headers.get("x-frame-options", "").upper() in ("DENY", "SAMEORIGIN"), what
        assert r.headers.get("referrer-policy") in ("no-referrer", "same-origin", "strict-origin", "strict-origin-when-cross-origin"), what


def test_user_text_is_escaped_in_pages_and_feeds(client, seed):
    """A note body and tag with markup are escaped on every page that shows them, and the Atom feed stays well-formed XML."""
    payload = '<script>alert(1)</script><img src=x onerror=alert(2)>]]>&'
    tag_payload = '<img src=x onerror=alert(2)>"&'  # no "/": /tags/{tag} cannot show a tag with a slash (reported)
    note = client.post("/api/annotations", json={"article": seed.article, "body": payload, "tags": [tag_payload]}).json()["id"]
    client.patch(f"/api/annotations/{note}", json={"body": payload + " again"})
    tag = next(t["tag"] for t in client.get("/api/tags").json()["items"] if "<img" in t["tag"])
    pages = [f"/articles/{seed.article}", "/tags", f"/tags/{quote(tag, safe='')}", f"/annotations/{note}/history", "/activity"]
    for url in pages:
        r = client.get(url)
        assert r.status_code == 200, url
        assert "<script>alert(1)" not in r.text and "<img src=x" not in r.text, url
        assert "&lt;img src=x onerror=alert(2)&gt;" in r.text or url == "/activity", url  # shown, escaped
    for url in ("/activity.atom", "/activity.atom?author=" + quote(payload)):
        feed = client.get(url)
        assert feed.status_code == 200 and "<script>alert(1)" not in feed.text, url
        ElementTree.fromstring(feed.content)  # raises if user text broke the XML


# --- hostile input ---------------------------------------------------------------------------------

PAYLOADS = ["' OR 1=1 --", "1; DROP TABLE article", "../../etc/passwd", "%00", "\x00", "<script>alert(1)</script>",
            '"*) NEAR(^', "A" * 5000, "x'" * 99, "9" * 30, "ﷺ\u202e𝕏"]
LEAKS = ("Traceback", 'File "', "sqlalchemy", "sqlite3.", "OperationalError", "IntegrityError")


def check(response, label: str, problems: list[str]) -> None:  # type: ignore[no-untyped-def]
    """No server error, no internals in the body, no reflected markup in HTML."""
    body = response.text
    if response.status_code >= 500:
        problems.append(f"{label} -> {response.status_code}")
    elif leak := next((word for word in LEAKS if word in body), None):
        problems.append(f"{label} leaks {leak!r}")
    elif response.headers.get("content-type", "").startswith("text/html") and "<script>alert(1)" in body:
        problems.append(f"{label} reflects markup unescaped")


def assert_seed_intact(app, seed: Seed) -> None:  # type: ignore[no-untyped-def]
    reader = user_client(app, "auditor", "viewer")
    assert article_count(reader) == SEED_ARTICLES
    assert reader.get(f"/api/articles/{seed.article}").json()["paragraph_count"] > 5
    assert reader.get("/api/search", params={"q": "Kazakhstan"}).json()["total"] > 0
    assert reader.get("/api/actors", params={"limit": 1}).json()["total"] > 0


def test_hostile_path_and_query_values_never_break_a_get(anonymous, seed):
    """SQL injection, traversal, NUL, markup and huge values in every GET parameter: no 500, no leaked internals."""
    app = anonymous.app
    client = user_client(app, "ana", "analyst", raise_errors=False)
    problems: list[str] = []
    for method, path, route in endpoints(app):
        if method != "GET":
            continue
        for field in parameters(route, "path_params"):
            for payload in PAYLOADS:
                url = fill(path, seed, **{field.name: payload})
                check(client.get(url, follow_redirects=False), f"GET {url[:80]!r}", problems)
        base = fill(path, seed)
        for field in parameters(route, "query_params"):
            for payload in PAYLOADS:
                check(client.get(base, params={field.alias: payload}, follow_redirects=False), f"GET {base}?{field.alias}={payload[:30]!r}", problems)
    for url in ("/static/..%2F..%2Fapp%2Fmain.py", "/static/%2e%2e/app/main.py", "/static/..%5c..%5capp%5cmain.py", "/articles/%00"):
        r = client.get(url)
        check(r, url, problems)
        assert r.status_code in (400, 404) and "create_app" not in r.text, url
    assert not problems, "\n".join(problems)
    assert_seed_intact(app, seed)


def form_value(annotation: object, payload: str) -> object:
    return [payload] if "list" in str(annotation) else payload


def json_body(model: type, field: str, payload: object, seed: Seed) -> dict:
    """A body that is valid but for one field: required fields get plausible values."""
    plausible = {"article": seed.article, "kind": "numeric", "reason": "a reason", "status": "confirmed", "body": "b"}
    body = {name: plausible.get(name, "x") for name, info in model.model_fields.items() if info.is_required()}
    annotation = str(model.model_fields[field].annotation)
    if "list[str]" in annotation:
        payload = [payload]
    elif "int" in annotation and "str" not in annotation:
        payload = [int(payload)] if "list" in annotation else int(payload)
    body[field] = payload
    return body


def test_hostile_values_in_write_routes_never_break_them(anonymous, seed):
    """The same hostile values in every path parameter, form field and JSON field of every write route (as an admin, who may call them all)."""
    app = anonymous.app
    token = token_for(app, "root", "admin")
    client = TestClient(app, raise_server_exceptions=False, headers={"Authorization": f"Bearer {token}"})
    problems: list[str] = []
    numbers = ["9" * 30, "-" + "9" * 30, "-1", "0"]
    for method, path, route in endpoints(app):
        if method == "GET" or (method, path) in OPEN_WRITES | {("POST", "/logout")}:
            continue
        for field in parameters(route, "path_params"):
            for payload in PAYLOADS:
                url = fill(path, seed, **{field.name: payload})
                check(send(client, method, url), f"{method} {url[:80]!r}", problems)
        url = fill(path, seed)
        for field in parameters(route, "body_params"):
            kind = type(field.field_info).__name__
            model = field.field_info.annotation
            if kind == "File":
                for payload in PAYLOADS[:7]:
                    check(client.request(method, url, files={field.alias: (payload, b"Title\n\nSome text.\n")}), f"{method} {url} file {payload!r}", problems)
            elif kind == "Form":
                for payload in PAYLOADS:
                    data = {field.alias: form_value(model, payload)}
                    check(client.request(method, url, data=data, follow_redirects=False), f"{method} {url} {field.alias}={payload[:30]!r}", problems)
            elif hasattr(model, "model_fields"):
                for name, info in model.model_fields.items():
                    is_number = "int" in str(info.annotation) and "str" not in str(info.annotation)
                    for payload in (numbers if is_number else PAYLOADS):
                        body = json_body(model, name, payload, seed)
                        check(client.request(method, url, json=body), f"{method} {url} {name}={str(payload)[:30]!r}", problems)
    assert not problems, "\n".join(problems)
    assert_seed_intact(app, seed)
