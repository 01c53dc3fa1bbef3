"""Settings read from environment variables, with defaults that work out of the box."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Settings:
    database_url: str
    data_dir: Path
    max_file_bytes: int
    seeds_dir: Path

    @property
    def sqlite_path(self) -> Path | None:
        """The database file when the URL names a file-backed SQLite database."""
        prefix = "sqlite:///"
        if self.database_url.startswith(prefix) and ":memory:" not in self.database_url:
            return Path(self.database_url[len(prefix):])
        return None


def load_settings() -> Settings:
    data_dir = Path(os.environ.get("READINGROOM_DATA_DIR", "var"))
    return Settings(
        database_url=os.environ.get(
            "READINGROOM_DATABASE_URL", f"sqlite:///{data_dir / 'readingroom.db'}"
        ),
        data_dir=data_dir,
        max_file_bytes=_int_env("READINGROOM_MAX_FILE_BYTES", 5_000_000),
        seeds_dir=Path(os.environ.get("READINGROOM_SEEDS_DIR", PROJECT_ROOT / "seeds")),
    )


def _int_env(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise SystemExit(f"{name} must be a whole number of bytes, not {raw!r}") from exc
