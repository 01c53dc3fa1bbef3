"""Actors no registry lists: names after titles, organisations by head noun, places (the
"title", "attribution", "head" and "place" mention methods; all unconfirmed until an analyst confirms)."""

from __future__ import annotations

from app.analysis.actors.candidates import is_headline
from app.analysis.actors.context import Ctx, Hit
from app.analysis.actors.index import Indexes
from app.analysis.actors.linking import Para
from app.analysis.actors.matching import token_index
from app.analysis.actors.mention import Mention
from app.analysis.actors.organisations import abbreviations, organisations
from app.analysis.actors.places import places
from app.analysis.actors.registry import LanguageRules
from app.analysis.actors.titles import attributed_names, titled_names

LANGUAGES = frozenset({"ar", "en", "fr", "ru"})


def beyond_registry(p: Para, language: str, rules: LanguageRules, idx: Indexes) -> set[int]:
    """Add the paragraph's title, head-noun and place mentions to `p.mentions`, outside what the
    registry found; returns the tokens the mentions and titles take, for the name proposers."""
    if language not in LANGUAGES or not p.tokens or is_headline(p.text, p.tokens, rules):
        return set()  # in Title Case, capitals say nothing about names
    c = Ctx.make(p.text, p.tokens, language, rules, idx)
    taken = p.covered()
    persons = frozenset(
        k for m in p.mentions if m.kind == "person" for k in range(*token_index(p.tokens, m.start, m.end))
    )
    hits, title_tokens = titled_names(c, p.phrases, taken, persons)
    taken |= _tokens(hits)
    if language == "ar":
        hits += attributed_names(c, taken | title_tokens)
        taken |= _tokens(hits)
    hits += organisations(c, taken | title_tokens)
    taken |= _tokens(hits)
    hits += places(c, taken)
    blocking = _tokens(hits) | title_tokens
    hits += abbreviations(c, taken | blocking)  # they do not block a model's longer name
    for h in hits:
        start, stop, text = p.span(h.first, h.end, h.lead)
        p.mentions.append(
            Mention(p.index, start, stop, text, h.actor or text, h.kind, h.method, False)
        )
    return blocking


def _tokens(hits: list[Hit]) -> set[int]:
    return {k for h in hits for k in range(h.first, h.end)}
