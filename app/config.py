"""Settings read from environment variables, with defaults that work out of the box."""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Settings:
    database_url: str
    data_dir: Path
    max_file_bytes: int
    seeds_dir: Path
    anonymous_read: bool = False  # read-only access without login, for a trusted network
    session_hours: int = 168  # a login lasts a week, then asks again
    secret_key: str | None = None  # signs cookies; None: read or made in data_dir/secret.key
    # Addresses of reverse proxies whose X-Forwarded-For/-Proto headers are believed ("" = none):
    # the login limit counts per client address, so a header from anyone else must not set it.
    trusted_proxies: str = ""
    # The web process works the analysis queue itself (a thread), so one process is a whole install;
    # off when `readingroom worker` processes do it. On by default for SQLite only.
    inline_analysis: bool = True

    def signing_key(self) -> str:
        """The secret that signs session cookies and CSRF tokens. Made once and kept in the
        data directory (readable by its owner only), so restarts keep everyone logged in."""
        if self.secret_key:
            return self.secret_key
        path = self.data_dir / "secret.key"
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            try:
                fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            except FileExistsError:  # another process made it first: use theirs
                return path.read_text().strip()
            with os.fdopen(fd, "w") as f:
                f.write(secrets.token_urlsafe(48))
        return path.read_text().strip()

    @property
    def sqlite_path(self) -> Path | None:
        """The database file when the URL names a file-backed SQLite database."""
        prefix = "sqlite:///"
        if self.database_url.startswith(prefix) and ":memory:" not in self.database_url:
            return Path(self.database_url[len(prefix):])
        return None


def load_settings() -> Settings:
    # The project's var/ by default, wherever the command runs from: a CLI started in another
    # folder must use the server's database, not create an empty one there.
    data_dir = Path(os.environ.get("READINGROOM_DATA_DIR") or PROJECT_ROOT / "var")
    database_url = os.environ.get("READINGROOM_DATABASE_URL", f"sqlite:///{data_dir / 'readingroom.db'}")
    return Settings(
        database_url=database_url,
        data_dir=data_dir,
        max_file_bytes=_int_env("READINGROOM_MAX_FILE_BYTES", 5_000_000),
        seeds_dir=Path(os.environ.get("READINGROOM_SEEDS_DIR", PROJECT_ROOT / "seeds")),
        anonymous_read=os.environ.get("READINGROOM_ANONYMOUS_READ", "").lower() in ("1", "true", "yes", "on"),
        session_hours=_int_env("READINGROOM_SESSION_HOURS", 168),
        secret_key=os.environ.get("READINGROOM_SECRET_KEY") or None,
        trusted_proxies=os.environ.get("READINGROOM_TRUSTED_PROXIES", "").strip(),
        inline_analysis=_bool_env("READINGROOM_INLINE_ANALYSIS", database_url.startswith("sqlite")),
    )


def _bool_env(name: str, default: bool) -> bool:
    raw = os.environ.get(name, "").strip().lower()
    if not raw:
        return default
    if raw in ("1", "true", "yes", "on"):
        return True
    if raw in ("0", "false", "no", "off"):
        return False
    raise SystemExit(f"{name} must be 1 or 0 (on or off), not {raw!r}")


def _int_env(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise SystemExit(f"{name} must be a whole number, not {raw!r}") from exc
