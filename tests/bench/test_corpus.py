"""The generated benchmark corpus tells stories: groups of 3-12 articles about one event in
French, English and Arabic, with disagreeing figures, reported speech and furniture."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from bench.corpus import write_corpus


def test_generated_articles_form_stories_in_three_languages(tmp_path: Path) -> None:
    events = write_corpus(tmp_path / "c", 120, seed=3)
    assert json.loads((tmp_path / "c.events.json").read_text(encoding="utf-8")) == events
    files = sorted((tmp_path / "c").glob("*.txt"))
    assert len(files) == len(events) == 120
    sizes = Counter(e for e in events.values() if e.startswith("event-"))
    assert all(3 <= n <= 12 for n in list(sizes.values())[:-1])  # the last story may be cut by the total
    assert len(sizes) >= 10 and any(e.startswith("filler-") for e in events.values())
    assert {f.stem.rsplit("_", 1)[1] for f in files} == {"fr", "en", "ar"}
    texts = "\n".join(f.read_text(encoding="utf-8") for f in files)
    for words in ("a déclaré", "Croissant-Rouge", "Police put", "وقال", "Partager sur Facebook", "Published"):
        assert words in texts


def test_the_same_seed_writes_the_same_corpus(tmp_path: Path) -> None:
    one, two = write_corpus(tmp_path / "a", 40, seed=5), write_corpus(tmp_path / "b", 40, seed=5)
    assert one == two
    texts = [[p.read_text(encoding="utf-8") for p in sorted((tmp_path / d).glob("*.txt"))] for d in "ab"]
    assert texts[0] == texts[1]
