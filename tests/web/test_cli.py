"""The readingroom command: ingest with a summary, export as JSON, manage accounts, against READINGROOM_DATABASE_URL."""

import io
import json

import pytest
from sqlmodel import Session

from app.cli import ensure_first_admin, main
from app.config import load_settings
from app.db import make_engine, migrate
from app.services import accounts
from tests.databases import new_database


def test_ingest_then_export(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("READINGROOM_DATABASE_URL", new_database(tmp_path, "cli"))
    (tmp_path / "empty.txt").write_bytes(b"")
    assert main(["ingest", "seeds", str(tmp_path / "empty.txt")]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == "5 added, 0 unchanged, 0 updated, 1 rejected"
    assert "rejected empty.txt:" in out
    assert main(["ingest", "--strict", str(tmp_path / "empty.txt")]) == 1
    capsys.readouterr()
    assert main(["ingest", "seeds"]) == 0
    assert capsys.readouterr().out.splitlines()[0] == "0 added, 5 unchanged, 0 updated, 0 rejected"
    target = tmp_path / "export.json"
    assert main(["export", "--out", str(target)]) == 0
    data = json.loads(target.read_text())
    assert len(data["articles"]) == 5 and data["articles"][0]["paragraphs"]


@pytest.fixture
def db(tmp_path, monkeypatch):
    """A fresh database for the CLI (via the environment) and a session on it for the checks."""
    monkeypatch.setenv("READINGROOM_DATABASE_URL", new_database(tmp_path, "accounts"))
    engine = make_engine(load_settings())
    migrate(engine)
    with Session(engine) as session:
        yield session


def test_user_add_generates_password_and_list_shows_it(db, monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.StringIO(""))  # not a terminal, no flag: generate
    assert main(["user", "add", "alice"]) == 0
    out = capsys.readouterr().out
    password = out.split("Password for alice (shown once): ")[1].strip()
    assert accounts.check_password(session=db, name="alice", password=password).role == "analyst"
    assert main(["user", "list"]) == 0
    header, row = capsys.readouterr().out.splitlines()
    assert header.split() == ["NAME", "ROLE", "STATUS", "CREATED"]
    assert row.split()[:3] == ["alice", "analyst", "active"]


def test_user_add_password_stdin_then_disable(db, monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.StringIO("correct horse battery\n"))
    assert main(["user", "add", "bob", "--role", "viewer", "--password-stdin"]) == 0
    assert "shown once" not in capsys.readouterr().out
    assert accounts.check_password(session=db, name="bob", password="correct horse battery").role == "viewer"
    assert main(["user", "disable", "bob"]) == 0
    db.expire_all()
    assert accounts.check_password(session=db, name="bob", password="correct horse battery") is None
    assert main(["user", "list"]) == 0
    assert "disabled" in capsys.readouterr().out


def test_user_add_errors_exit_2_without_traceback(db, monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert main(["user", "add", "carol"]) == 0
    capsys.readouterr()
    assert main(["user", "add", "Carol"]) == 2
    err = capsys.readouterr().err
    assert "already a user" in err and "Traceback" not in err
    assert main(["user", "disable", "nobody"]) == 2
    assert "No user 'nobody'" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exit_info:  # argparse refuses unknown roles itself
        main(["user", "add", "dave", "--role", "root"])
    assert exit_info.value.code == 2 and "invalid choice" in capsys.readouterr().err


def test_user_add_on_a_terminal_asks_twice(db, monkeypatch, capsys):
    terminal = io.StringIO()
    terminal.isatty = lambda: True
    monkeypatch.setattr("sys.stdin", terminal)
    typed = iter(["first password", "second password"])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(typed))
    assert main(["user", "add", "frank"]) == 2
    assert "differ" in capsys.readouterr().err
    assert accounts.count_users(session=db) == 0


def test_user_token_is_accepted_with_the_users_role(db, monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert main(["user", "add", "erin", "--role", "admin"]) == 0
    assert main(["user", "role", "erin", "viewer"]) == 0
    capsys.readouterr()
    assert main(["user", "token", "erin", "--label", "scripts"]) == 0
    captured = capsys.readouterr()
    token = captured.out.strip()
    assert captured.out == token + "\n" and "Authorization: Bearer" in captured.err
    principal = accounts.token_principal(session=db, raw=token)
    assert (principal.name, principal.role, principal.via) == ("erin", "viewer", "token")
    assert main(["user", "tokens", "erin"]) == 0
    header, row = capsys.readouterr().out.splitlines()
    assert header.split() == ["ID", "LABEL", "ENDS", "CREATED", "STATE"] and row.split()[1:3] == ["scripts", token[-4:]]
    assert main(["user", "revoke-token", "erin", row.split()[0]]) == 0
    assert accounts.token_principal(session=db, raw=token) is None
    assert main(["user", "revoke-token", "erin", "999"]) == 2


def test_ensure_first_admin_only_once(db):
    name, password = ensure_first_admin(db)
    assert accounts.check_password(session=db, name=name, password=password).role == "admin"
    assert ensure_first_admin(db) is None
    assert accounts.count_users(session=db) == 1


def test_user_password_resets_a_lost_password(db, monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert main(["user", "add", "lost", "--role", "admin"]) == 0
    monkeypatch.setattr("sys.stdin", io.StringIO("a brand new secret\n"))
    assert main(["user", "password", "lost", "--password-stdin"]) == 0
    assert accounts.check_password(session=db, name="lost", password="a brand new secret") is not None
    assert main(["user", "password", "nobody", "--password-stdin"]) == 2


@pytest.mark.parametrize("proxies, trusted", [("", False), ("10.0.0.5", True)])
def test_serve_believes_forwarded_headers_only_from_configured_proxies(db, monkeypatch, capsys, proxies, trusted):
    import uvicorn

    seen = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: seen.update(kw))
    monkeypatch.setenv("READINGROOM_TRUSTED_PROXIES", proxies)
    assert main(["serve", "--port", "8765"]) == 0
    assert seen["proxy_headers"] is trusted and seen["forwarded_allow_ips"] == (proxies or None)
