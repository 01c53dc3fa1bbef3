"""Matching outlet lines and web addresses to outlets, comparing figures across sources, counting
frame labels, and reading the registry file: pure functions, no database."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.analysis.analysed_article import load_vocabulary
from app.analysis.outlets import (
    FigureComparison,
    OutletMatcher,
    OutletRef,
    ReportedFigure,
    compare_figures,
    frame_labels,
    host_of,
    name_key,
    read_outlet_seeds,
)
from app.config import PROJECT_ROOT

REGISTRY_FILE = PROJECT_ROOT / "vocab" / "registry" / "outlets.toml"

MATCHER = OutletMatcher([
    OutletRef(1, ("Agence France-Presse", "AFP"), ("afp.com",)),
    OutletRef(2, ("Example Daily", "مثال اليوم"), ("example.com", "news.example.org")),
    OutletRef(3, ("Example Daily",), ("other.net",)),  # a name two outlets give: the older one keeps it
])


@pytest.mark.parametrize("line, url, expected", [
    ("Agence France Presse", None, 1),  # punctuation and case folded
    ("agence france-presse", None, 1),
    ("AFP", None, 1),
    ("مثال اليوم", None, 2),  # any script
    ("Example Daily", None, 2),
    ("www.AFP.com", None, 1),  # an outlet line that is a host
    ("fr.afp.com", None, 1),  # a subdomain of a listed domain
    (None, "https://www.example.com/2024/01/story.html", 2),  # no line: the article's address
    ("Someone Unknown", "https://fr.news.example.org/a", 2),  # an unknown line falls back to the address
    ("example.org", None, None),  # the parent of a listed subdomain is not it
    ("notafp.com", None, None),  # a suffix that is not a subdomain
    ("Someone Unknown", None, None),
    (None, None, None),
])
def test_an_outlet_line_or_address_finds_its_outlet(line, url, expected):
    assert MATCHER.match(line, url) == expected


def test_names_and_hosts_are_folded():
    assert name_key("  Le  Monde ") == name_key("le monde") == name_key("Le-Monde")
    assert host_of("HTTPS://WWW.Example.COM:443/a?b") == "example.com"
    assert host_of("Le Monde") is None and host_of("") is None and host_of("http://[::1") is None


def test_figures_highest_and_lowest_in_a_story():
    figures = [
        ReportedFigure(1, "dead", "people", "A", 10), ReportedFigure(1, "dead", "people", "A", 12),  # A's largest: 12
        ReportedFigure(1, "dead", "people", "B", 30),
        ReportedFigure(1, "dead", "people", "C", 20),
        ReportedFigure(1, "injured", "people", "A", 5), ReportedFigure(1, "injured", "people", "B", 5),  # they agree
        ReportedFigure(1, "arrested", "people", "A", 7),  # one source: nothing to compare
        ReportedFigure(2, "dead", "people", "A", 40), ReportedFigure(2, "dead", "people", "B", 30),  # another story
        ReportedFigure(2, "dead", "km", "B", 3),
    ]
    found = compare_figures(figures)
    assert [(c.story, c.metric) for c in found] == [(1, "dead"), (2, "dead")]
    dead = found[0]
    assert dead == FigureComparison(1, "dead", "people", {"A": 12, "B": 30, "C": 20}, 12, 30)
    assert [dead.verdict(s) for s in "ABC"] == ["lowest", "highest", "between"]
    assert found[1].verdict("A") == "highest" and found[1].verdict("B") == "lowest"


def test_frame_labels_counted_with_quoted_and_refused_uses():
    vocab = load_vocabulary()
    frame = vocab.frame("criminality")
    assert "criminals" in frame["en"]  # the vocabulary this test reads
    paragraphs = ["Police spoke of criminals in the capital.", "“They are criminals,” a minister said.", "",
                  "These were not criminals.", "Nothing here."]
    uses = frame_labels(paragraphs, language="en", vocab=vocab)
    assert [(u.label, u.stance, u.quoted) for u in uses] == [(frame["label"], frame["stance"], False),
                                                              (frame["label"], frame["stance"], True)]  # "not criminals" refused
    assert {u.text for u in uses} == {"criminals"}


def test_the_registry_file_reads_and_its_mistakes_are_named(tmp_path: Path):
    seeds = read_outlet_seeds(REGISTRY_FILE)
    assert len(seeds) >= 15 and len({s.key for s in seeds}) == len(seeds)
    assert all(s.fields["country"] and len(s.fields["country"]) == 2 for s in seeds)
    assert any(s.fields["state_media"] for s in seeds) and any(not s.fields["state_media"] for s in seeds)
    assert all(s.fields["state_media_note"] for s in seeds if s.fields["state_media"])  # a flag says why
    bad = tmp_path / "outlets.toml"
    bad.write_text('[x]\nname = "X"\ncountry = "France"\n')
    with pytest.raises(ValueError, match=r"\[x\] country"):
        read_outlet_seeds(bad)
    bad.write_text('[y]\nname = "Y"\nowner = "z"\n')
    with pytest.raises(ValueError, match="unknown fields"):
        read_outlet_seeds(bad)
    assert read_outlet_seeds(tmp_path / "missing.toml") == []
