"""What a source's articles say about the source: which outlet an article's outlet line or web
address names, how its figures stand against the other sources' in one story, and which frame
labels it uses. Pure functions: names, numbers and text in, frozen dataclasses out."""

from __future__ import annotations

import re
import tomllib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from app.analysis.analysed_article import Vocabulary, label_hits, quoted_spans
from app.analysis.framing_conflicts import label_refused
from app.analysis.normalize import fold

_HOST = re.compile(r"(?:[a-z][a-z0-9+.-]*://)?(?:[\w-]+\.)+[a-z]{2,24}(?::\d+)?(?:[/?#]\S*)?", re.IGNORECASE)
_NOT_WORD = re.compile(r"[\W_]+")
SEED_FIELDS = ("name", "aliases", "domains", "country", "state_media", "state_media_note", "ownership")


def name_key(text: str) -> str:
    """An outlet name as compared: case, accents, punctuation and spacing folded
    ("Agence France-Presse" = "agence france presse")."""
    return " ".join(_NOT_WORD.sub(" ", fold(text)).split())


def host_of(text: str | None) -> str | None:
    """The web host a name or address gives ("https://www.Example.com/a" -> "example.com"), else None."""
    text = (text or "").strip()
    if not text or " " in text or not _HOST.fullmatch(text):
        return None
    try:
        host = urlsplit(text if "://" in text else f"//{text}").hostname
    except ValueError:  # a malformed port or bracket
        return None
    return host.lower().removeprefix("www.") if host else None


@dataclass(frozen=True)
class OutletRef:
    id: int
    names: tuple[str, ...]  # its name and aliases
    domains: tuple[str, ...]


class OutletMatcher:
    """Finds the outlet an article names: its outlet line by name or alias, else the domain of its
    outlet line or of its web address (the longest listed domain that the host ends with)."""

    def __init__(self, outlets: Iterable[OutletRef]) -> None:
        self._names: dict[str, int] = {}
        self._domains: dict[str, int] = {}
        for o in sorted(outlets, key=lambda o: o.id):  # the oldest outlet keeps a name two share
            for n in o.names:
                if key := name_key(n):
                    self._names.setdefault(key, o.id)
            for d in o.domains:
                if key := host_of(d):
                    self._domains.setdefault(key, o.id)

    def match(self, outlet: str | None, url: str | None = None) -> int | None:
        if outlet and (found := self._names.get(name_key(outlet))) is not None:
            return found
        for text in (outlet, url):
            host = host_of(text)
            while host:
                if host in self._domains:
                    return self._domains[host]
                host = host.partition(".")[2] if host.count(".") > 1 else ""
        return None


@dataclass(frozen=True)
class SeedOutlet:
    key: str
    fields: dict[str, Any]  # SEED_FIELDS, checked


def read_outlet_seeds(path: Path) -> list[SeedOutlet]:
    """The outlets of a registry file (vocab/registry/outlets.toml); a malformed entry is an error
    naming it, so a typo is found when the file is loaded, not when a page is read."""
    if not path.exists():
        return []
    with open(path, "rb") as fh:
        data = tomllib.load(fh)
    out = []
    for key, entry in data.items():
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str) or not entry["name"].strip():
            raise ValueError(f"{path.name}: [{key}] needs a name")
        unknown = set(entry) - set(SEED_FIELDS)
        if unknown:
            raise ValueError(f"{path.name}: [{key}] has unknown fields {sorted(unknown)}")
        lists = {f: entry.get(f, []) for f in ("aliases", "domains")}
        if any(not isinstance(v, list) or not all(isinstance(x, str) for x in v) for v in lists.values()):
            raise ValueError(f"{path.name}: [{key}] aliases and domains are lists of strings")
        country = entry.get("country")
        if country is not None and not (isinstance(country, str) and re.fullmatch(r"[A-Z]{2}", country)):
            raise ValueError(f"{path.name}: [{key}] country is a two-letter ISO code in capitals")
        out.append(SeedOutlet(key, {
            "name": entry["name"].strip(), "aliases": lists["aliases"],
            "domains": [d for d in (host_of(x) for x in lists["domains"]) if d],
            "country": country, "state_media": bool(entry.get("state_media", False)),
            "state_media_note": str(entry.get("state_media_note", "")), "ownership": str(entry.get("ownership", "")),
        }))
    return out


@dataclass(frozen=True)
class ReportedFigure:
    """A figure one source reported in one story (the largest, when its articles gave several)."""

    story: int
    metric: str
    unit: str | None
    source: str  # one key per outlet, so an outlet's several articles count once
    value: float


@dataclass(frozen=True)
class FigureComparison:
    """One metric of one story as two or more sources reported it."""

    story: int
    metric: str
    unit: str | None
    values: dict[str, float]  # source -> its value
    low: float
    high: float

    def verdict(self, source: str) -> str:
        """'highest', 'lowest' or 'between' for a source that reported it."""
        v = self.values[source]
        return "highest" if v == self.high else "lowest" if v == self.low else "between"


def compare_figures(figures: Iterable[ReportedFigure]) -> list[FigureComparison]:
    """Per story, metric and unit, each source's value, where at least two sources reported it and
    they do not all agree (when they agree, no one is highest or lowest)."""
    groups: dict[tuple[int, str, str | None], dict[str, float]] = defaultdict(dict)
    for f in figures:
        values = groups[(f.story, f.metric, f.unit)]
        values[f.source] = max(values.get(f.source, f.value), f.value)
    out = []
    for (story, metric, unit), values in sorted(groups.items(), key=lambda kv: (kv[0][0], kv[0][1], kv[0][2] or "")):
        if len(values) >= 2 and len(set(values.values())) >= 2:
            out.append(FigureComparison(story, metric, unit, values, min(values.values()), max(values.values())))
    return out


@dataclass(frozen=True)
class LabelUse:
    label: str  # the frame's label, as the board shows it
    stance: str
    text: str  # as written
    quoted: bool  # inside quotation marks: someone else's words the article carries


def frame_labels(paragraphs: Sequence[str], *, language: str, vocab: Vocabulary) -> list[LabelUse]:
    """Every frame label of the framing vocabulary these paragraphs use (furniture left out by the
    caller as empty strings); a refused label ("pas des émeutiers") is not a use."""
    negations = vocab.stance.words(language).negations
    out = []
    for h in label_hits(paragraphs, "frames", language, vocab):
        text = paragraphs[h.paragraph]
        if label_refused(text, h.start, negations):
            continue
        quoted = any(a <= h.start < b for a, b in quoted_spans(text))
        for key in sorted(h.keys):
            frame = vocab.frame(key)
            out.append(LabelUse(frame.get("label", key), frame.get("stance", ""), h.text, quoted))
    return out
