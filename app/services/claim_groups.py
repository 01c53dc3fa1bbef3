"""Matched claims as read: one statement or figure with every article's report of it, the claims
the stored pairs connect, counted only while their articles share a story."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import or_
from sqlmodel import Session, col, select

from app.models import Article, Claim, ClaimMatch, StoryArticle

MAX_READ = 5000  # claims read for one page's matched claims at most: a bound far above a story's reports


def matched_groups(*, session: Session, claim_ids: Iterable[int]) -> dict[int, list[tuple[Claim, Article]]]:
    """For each claim, every claim of its matched claim (itself included) with its article, in
    reading order: the pairs connecting them, followed while both articles share a story. Claims
    no stored pair touches are left out (each is its only report)."""
    start = set(claim_ids)
    seen, frontier = set(start), set(start)
    edges: list[tuple[int, int]] = []
    while frontier and len(seen) < MAX_READ:
        rows = session.exec(select(ClaimMatch.claim_id, ClaimMatch.other_id).where(
            or_(col(ClaimMatch.claim_id).in_(frontier), col(ClaimMatch.other_id).in_(frontier)))).all()
        edges += [(int(a), int(b)) for a, b in rows]
        frontier = {x for pair in rows for x in pair} - seen
        seen |= frontier
    if not edges:  # most claims are reported once: nothing more to read
        return {}
    found = {c.id: (c, a) for c, a in session.exec(select(Claim, Article).join(Article).where(col(Claim.id).in_(seen))).all()}
    story = dict(session.exec(select(StoryArticle.article_id, StoryArticle.story_id)
                              .where(col(StoryArticle.article_id).in_({a.id for _, a in found.values()}))).all())
    linked: dict[int, set[int]] = {x: {x} for x in found}
    for a, b in set(edges):
        if a in found and b in found and story.get(found[a][0].article_id) is not None \
                and story.get(found[a][0].article_id) == story.get(found[b][0].article_id):
            linked[a].add(b)
            linked[b].add(a)
    out = {}
    for x in start & set(found):
        group, todo = {x}, [x]
        while todo:
            for y in linked[todo.pop()] - group:
                group.add(y)
                todo.append(y)
        out[x] = sorted((found[y] for y in group), key=lambda ca: (ca[1].published or "", ca[1].id, ca[0].paragraph, ca[0].start))
    return out


def reported_by(groups: dict[int, list[tuple[Claim, Article]]]) -> dict[int, int]:
    """How many articles report each claim's statement or figure (translations count)."""
    return {x: len({a.id for _, a in group}) for x, group in groups.items()}


def how_matched(*, session: Session, claim_ids: Iterable[int]) -> dict[frozenset[int], tuple[str, float]]:
    """How each stored pair among these claims was matched, and how closely."""
    ids = list(claim_ids)
    rows = session.exec(select(ClaimMatch).where(col(ClaimMatch.claim_id).in_(ids), col(ClaimMatch.other_id).in_(ids))).all()
    return {frozenset((r.claim_id, r.other_id)): (r.how, r.score) for r in rows}
