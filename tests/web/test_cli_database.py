"""The command line finds the server's database wherever it is run from, and says which it uses."""

from __future__ import annotations

from app.cli import main
from app.config import PROJECT_ROOT, load_settings


def test_default_database_is_the_projects_wherever_the_command_runs(tmp_path, monkeypatch):
    monkeypatch.delenv("READINGROOM_DATABASE_URL", raising=False)
    monkeypatch.delenv("READINGROOM_DATA_DIR", raising=False)
    monkeypatch.chdir(tmp_path)
    settings = load_settings()
    assert settings.sqlite_path == PROJECT_ROOT / "var" / "readingroom.db"
    assert settings.data_dir == PROJECT_ROOT / "var"


def test_commands_say_which_database_they_use(tmp_path, monkeypatch, capsys):
    db = tmp_path / "team.db"
    monkeypatch.setenv("READINGROOM_DATABASE_URL", f"sqlite:///{db}")
    monkeypatch.setenv("READINGROOM_DATA_DIR", str(tmp_path))
    monkeypatch.chdir(tmp_path)
    assert main(["user", "list"]) == 0
    err = capsys.readouterr().err
    assert f"database {db}" in err and "new: no database there yet" in err
    main(["user", "list"])
    err = capsys.readouterr().err
    assert f"database {db}" in err and "new" not in err
