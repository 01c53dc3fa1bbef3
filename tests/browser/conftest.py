"""A live server over a seeded database with two accounts (ana, analyst; vic, viewer), and headless
Debian Chromium driven by Playwright. `page` is logged in as ana through the real login form."""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

import pytest
from sqlmodel import Session

from app.config import PROJECT_ROOT, load_settings
from app.main import create_app
from app.analysis.actors import load_french_model
from app.services.actor_analysis import analyse_articles
from app.services.claim_analysis import analyse_claims
from app.services.ingest import ingest_paths
from tests.conftest import PASSWORD, make_user
from tests.databases import new_database

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = PROJECT_ROOT / "test-artifacts"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]

pytestmark = pytest.mark.browser


@pytest.fixture(scope="session")
def browser():  # type: ignore[no-untyped-def]
    if not Path(CHROMIUM).exists():
        if os.environ.get("READINGROOM_REQUIRE_BROWSER"):
            pytest.fail(f"{CHROMIUM} is missing but READINGROOM_REQUIRE_BROWSER is set (CI must run the browser tests)")
        pytest.skip("Debian's chromium is not installed (apt-get install chromium); .ci/run installs it")
    from playwright import sync_api as playwright_api
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def new_page(browser):  # type: ignore[no-untyped-def]
    """Fresh browser contexts (separate cookies, so separate people); JavaScript errors fail the test."""
    contexts, errors = [], []

    def make():  # type: ignore[no-untyped-def]
        context = browser.new_context(viewport={"width": 1400, "height": 900})
        contexts.append(context)
        page = context.new_page()
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        return page
    yield make
    for context in contexts:
        context.close()
    assert not errors, f"JavaScript errors: {errors}"


def log_in(page, server: str, name: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{server}/login")
    page.fill("input[name=name]", name)
    page.fill("input[name=password]", PASSWORD)
    page.click("form[action='/login'] button[type=submit]")
    page.wait_for_url(f"{server}/")


@pytest.fixture
def page(new_page, live_server):  # type: ignore[no-untyped-def]
    page = new_page()
    log_in(page, live_server, "ana")
    return page


def seeded_app(folder: Path, extra: list[Path] = ()):  # type: ignore[no-untyped-def,assignment]
    """The app over a new database in `folder`: the seeds (and `extra` files) ingested and analysed; ana and vic."""
    settings = replace(load_settings(), database_url=new_database(folder, "browser"), data_dir=folder)
    app = create_app(settings)
    with Session(app.state.engine) as session:
        ingest_paths(session=session, paths=[PROJECT_ROOT / "seeds", *extra], max_bytes=settings.max_file_bytes)
        analyse_claims(session=session, articles=analyse_articles(session=session, nlp_factory=load_french_model))
        make_user(session, "ana", "analyst")
        make_user(session, "vic", "viewer")
    return app


@contextmanager
def serving(app) -> Iterator[str]:  # type: ignore[no-untyped-def]
    """Run the app with uvicorn in a thread on a free port; yields its base URL."""
    import uvicorn

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    for _ in range(100):
        if server.started:
            break
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)
    app.state.engine.dispose()


@pytest.fixture
def live_server(tmp_path: Path) -> Iterator[str]:
    with serving(seeded_app(tmp_path)) as url:
        yield url


@pytest.fixture
def screenshot():  # type: ignore[no-untyped-def]
    """Save a full-page screenshot under test-artifacts/ for people to look at."""
    def take(page, name: str) -> None:  # type: ignore[no-untyped-def]
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
    return take




# Select a quote in the first paragraph of `scope` that holds it, as a reader would with the mouse:
# the text nodes holding its first and last characters (highlights nest spans), then a mouseup.
_SELECT = """([scope, quote]) => {
    const span = [...document.querySelectorAll(scope + ' .ptext')].find(s => s.textContent.includes(quote));
    const at = span.textContent.indexOf(quote);
    const walker = document.createTreeWalker(span, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    let seen = 0, node;
    while ((node = walker.nextNode())) {
        const len = node.textContent.length;
        if (seen <= at && at < seen + len) range.setStart(node, at - seen);
        if (seen < at + quote.length && at + quote.length <= seen + len) range.setEnd(node, at + quote.length - seen);
        seen += len;
    }
    (span.closest('.row, .cell') || span).scrollIntoView({block: 'center'});
    const sel = window.getSelection(); sel.removeAllRanges(); sel.addRange(range);
    span.dispatchEvent(new MouseEvent('mouseup', {bubbles: true}));
}"""


def select_text(page, scope: str, quote: str) -> None:  # type: ignore[no-untyped-def]
    page.evaluate(_SELECT, [scope, quote])
