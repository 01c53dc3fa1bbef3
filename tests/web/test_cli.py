"""The readingroom command: ingest with a summary, export as JSON, against READINGROOM_DATABASE_URL."""

import json

from app.cli import main


def test_ingest_then_export(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("READINGROOM_DATABASE_URL", f"sqlite:///{tmp_path / 'cli.db'}")
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
