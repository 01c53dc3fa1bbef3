"""Where the bundled vocabularies (seeds/*.toml) live: every analysis loader's default."""

from __future__ import annotations

from pathlib import Path

SEEDS_DIR = Path(__file__).resolve().parents[2] / "seeds"
