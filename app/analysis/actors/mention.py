"""One actor mention with its exact character span in a paragraph: what the extractor returns."""

from __future__ import annotations

from dataclasses import dataclass

METHODS = ("registry", "model", "coreference", "candidate")


@dataclass(frozen=True, slots=True)  # slots: a long article holds tens of thousands
class Mention:
    paragraph: int
    start: int
    end: int
    text: str
    actor: str  # canonical name (registry key), or the surface name of an unlisted actor
    kind: str  # person | organisation | country | media | place | group
    method: str  # registry | model | coreference | candidate
    confirmed: bool  # False for name-shaped candidates neither in the registry nor from the model
