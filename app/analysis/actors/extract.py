"""Find an article's actor mentions: registry names, then model or name proposals, then linking."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from app.analysis.actors.beyond import beyond_registry
from app.analysis.actors.candidates import capitalised_runs, domains, is_headline
from app.analysis.actors.index import AliasHit, Indexes, indexes
from app.analysis.actors.linking import (
    Para,
    link_acronyms,
    link_capitals,
    link_roles,
    link_short_names,
)
from app.analysis.actors.matching import scan, sentence_start
from app.analysis.actors.mention import Mention
from app.analysis.actors.ner import Proposal, clean, model_spans
from app.analysis.actors.phrases import find_phrases
from app.analysis.actors.registry import LanguageRules, Registry
from app.analysis.actors.russian import nominative, russian_spans

RUSSIAN_MODEL = True  # run natasha on Russian articles (bench.russian_actors compares without)


def extract_actors(
    paragraphs: Sequence[str],
    *,
    language: str,
    registry: Registry,
    nlp: Any = None,
    spans: Sequence[Sequence[tuple[int, int, str]]] | None = None,
) -> list[Mention]:
    """Actor mentions of one article, sorted by paragraph and position.

    `nlp` is a spaCy pipeline with NER (see `load_french_model`); `spans` are its entities stored
    from an earlier run (`model_spans`), used instead of running it. Without either, unlisted
    names are proposed from capitalisation (Latin scripts) as unconfirmed candidates.
    """
    code = (language or "").split("-")[0].split("_")[0].lower()
    rules = registry.rules(code)
    idx = indexes(registry, code)
    paras = [Para(i, text) for i, text in enumerate(paragraphs)]
    if spans is None and nlp is not None:
        spans = model_spans(paragraphs, nlp)  # or the caller passes spans it stored earlier
    if spans is None and code == "ru" and RUSSIAN_MODEL:
        spans = russian_spans(paragraphs)  # natasha: small, offline, fast enough to run here
    inside_caps = (
        frozenset(
            t.key
            for p in paras
            for k, t in enumerate(p.tokens)
            if t.upper and not sentence_start(p.text, p.tokens, k)
        )
        if spans is not None
        else frozenset()
    )
    for p in paras:
        registry_starts = _registry_pass(p, registry, idx, rules)
        # French with its model finds these itself; elsewhere titles, head nouns and places
        beyond = beyond_registry(p, code, rules, idx) if code != "fr" or spans is None else set()
        blocked = p.covered() | beyond
        if spans is not None:
            headline = is_headline(p.text, p.tokens, rules)
            found = [
                clean(
                    p.text,
                    p.tokens,
                    s,
                    idx,
                    rules,
                    headline=headline,
                    registry_starts=registry_starts,
                    inside_caps=inside_caps,
                )
                for s in spans[p.index]
            ]
            proposals = [f for f in found if f is not None]
            method = "model"
        else:
            proposals = capitalised_runs(p.text, p.tokens, idx, rules, blocked)
            method = "candidate"
        for prop in proposals:
            if _free(prop, p, blocked, registry_starts, rules):
                start, stop, text = p.span(prop.first, prop.end)
                name = nominative(text, prop.kind == "organisation") if code == "ru" else text
                p.mentions.append(
                    Mention(p.index, start, stop, text, name, prop.kind, method, method == "model")
                )
    for p in paras:  # an abbreviation inside a name a model found is part of that name
        names = [m for m in p.mentions if m.method in ("model", "candidate")]
        p.mentions = [
            m for m in p.mentions
            if m.method != "head" or m.end - m.start > 8 or not any(
                n.start <= m.start and m.end <= n.end for n in names)
        ]
    link_acronyms(paras)
    link_short_names(paras, registry, idx, rules)
    link_roles(paras, registry, rules)
    link_capitals(paras, registry, rules)
    _harmonise_kinds(paras)
    unique = {(m.paragraph, m.start, m.end, m.actor): m for p in paras for m in p.mentions}
    return sorted(unique.values(), key=lambda m: (m.paragraph, m.start, -m.end, m.actor))


def _registry_pass(
    p: Para, registry: Registry, idx: Indexes, rules: LanguageRules
) -> dict[int, int]:
    """Add registry-name and institution mentions and keep the role phrases; returns the token
    ranges of registry names (first -> end)."""
    starts: dict[int, int] = {}
    sites = domains(p.text, p.tokens)
    for prop in sites:
        start, stop, text = p.span(prop.first, prop.end)
        p.mentions.append(Mention(p.index, start, stop, text, text, "media", "candidate", False))
    in_sites = {k for prop in sites for k in range(prop.first, prop.end)}
    for first, found in scan(p.text, p.tokens, idx.aliases):
        if in_sites & set(range(first, found.end)):
            continue
        hit: AliasHit = found.entry.payload
        start, stop, text = p.span(first, found.end, found.lead)
        if p.text[stop : stop + 1] == "." and all(
            len(t.text) <= 2 for t in p.tokens[first : found.end]
        ):
            stop, text = stop + 1, text + "."  # "U.S."
        p.mentions.append(
            Mention(p.index, start, stop, text, hit.actor, hit.kind, "registry", True)
        )
        starts[first] = found.end
    for pm in find_phrases(p.text, p.tokens, idx, rules):
        phrase = pm.phrase
        if phrase.category == "role":
            p.phrases.append(pm)
            continue
        if pm.of is None or (phrase.adjective_only and pm.slot != "adjective"):
            continue  # a bare "ministère de l'Intérieur" is left to the model
        p.phrases.append(pm)
        name = phrase.template.format(of=pm.of)
        canonical = registry.resolve(name)
        actor = registry.actors.get(canonical) if canonical else None
        start, stop, text = p.span(pm.first, pm.end, pm.lead)
        if actor is not None and any(
            m.start == start and m.actor == actor.name for m in p.mentions
        ):
            continue
        p.mentions.append(
            Mention(
                p.index,
                start,
                stop,
                text,
                actor.name if actor else name,
                actor.kind if actor else phrase.kind,
                "registry",
                True,
            )
        )
    return starts


def _free(
    prop: Proposal,
    p: Para,
    blocked: set[int],
    registry_starts: dict[int, int],
    rules: LanguageRules,
) -> bool:
    """A proposal survives unless it overlaps registry names or phrases; a registry name may sit
    inside it as a complement ("Banque centrale du Nigeria")."""
    inside = [k for k in range(prop.first, prop.end) if k in blocked]
    if not inside:
        return True
    if prop.first in blocked or prop.label == "CAND":
        return False
    k = prop.first
    while k < prop.end:
        if k in registry_starts and k - 1 > prop.first and _connector(p.tokens[k - 1].key, rules):
            k = registry_starts[k]
            continue
        if k in blocked:
            return False
        k += 1
    return True


def _connector(key: str, rules: LanguageRules) -> bool:
    return key in rules.determiners or key in rules.connector_words


def _harmonise_kinds(paras: Sequence[Para]) -> None:
    """One kind per unlisted actor in an article: the model's most frequent label for it."""
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for p in paras:
        for m in p.mentions:
            if m.method in ("model", "candidate"):
                votes[m.actor][m.kind] += 1
    for p in paras:
        for n, m in enumerate(p.mentions):
            if m.actor in votes:
                kind = votes[m.actor].most_common(1)[0][0]
                if kind != m.kind:
                    p.mentions[n] = replace(m, kind=kind)
