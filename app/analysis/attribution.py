"""Statements, their chains of Sources and the attribution word lists all claims code shares."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from app.analysis.lexicon import Lexicon
from app.analysis.seeds import SEEDS_DIR


class MentionLike(Protocol):
    paragraph: int
    start: int
    end: int
    actor: str
    kind: str


@dataclass(frozen=True, slots=True)  # slots: a long article holds tens of thousands
class Source:
    name: str  # the actor's name when `actor`, else the words of the text
    start: int
    end: int
    role: str  # reporter | speaker | cited
    actor: bool


@dataclass(frozen=True, slots=True)  # slots: a long article holds tens of thousands
class Statement:
    paragraph: int
    start: int  # the sentence holding the statement
    end: int
    speaker: str
    speaker_start: int
    speaker_end: int
    verb: str  # the reporting verb or marker ("déclaré", "selon", "said", "قال")
    verb_start: int
    verb_end: int
    content_start: int
    content_end: int
    content: str
    sources: tuple[Source, ...]  # outermost reporter first, then the speaker, then whom it cites
    form: str = "indirect"  # direct (quoted) | indirect ("que …", "selon X") | paraphrase

    @property
    def origin(self) -> Source:
        """The deepest source: whom the speaker cites, else the speaker."""
        return self.sources[-1]


@dataclass(frozen=True)
class AttributionRules:
    """The [attribution] word lists of seeds/framing.toml, compiled per language when first used."""

    data: dict[str, Any]
    _compiled: dict[str, dict[str, Any]] = field(default_factory=dict, compare=False, repr=False)

    def lang(self, code: str) -> dict[str, Any]:
        code = (code or "").split("-")[0].split("_")[0].lower()
        if code not in self._compiled:
            tables = [self.data[code]] if code in self.data else list(self.data.values())
            keys = {k for t in tables for k in t}
            out: dict[str, Any] = {k: Lexicon((w, k) for t in tables for w in t.get(k, []))
                                   for k in keys}
            out["abbr"] = {w for t in tables for w in t.get("abbreviations", [])}
            self._compiled[code] = out
        return self._compiled[code]


_DEFAULT: list[AttributionRules] = []


def load_attribution(path: Path | None = None) -> AttributionRules:
    """The attribution rules of a framing vocabulary (the seeds' one, loaded once, by default)."""
    if path is None and _DEFAULT:
        return _DEFAULT[0]
    with open(path or SEEDS_DIR / "framing.toml", "rb") as fh:
        rules = AttributionRules(tomllib.load(fh).get("attribution", {}))
    if path is None:
        _DEFAULT.append(rules)
    return rules
