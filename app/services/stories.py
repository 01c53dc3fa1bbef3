"""Stories as analysts read and edit them: the list, one story's timeline, sources, figures and
contradictions, and the edits (move an article, merge, split, rename), each a revision. An
analyst's edit is kept by every later analysis: placed articles stay, names stay."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from urllib.parse import quote

from sqlalchemy import func
from sqlmodel import Session, col, select
from unidecode import unidecode

from app.models import (
    Article,
    Claim,
    Contradiction,
    ContradictionPassage,
    Story,
    StoryArticle,
    utcnow,
)
from app.schemas import (
    ArticleSummary,
    ClaimOut,
    Page,
    StoryArticleOut,
    StoryContradiction,
    StoryDetail,
    StoryMetric,
    StorySource,
    StorySummary,
)
from app.services import history
from app.services.claims import claims_out
from app.services.errors import InvalidInput, NotFound
from app.services.labels import article_labels, readable
from app.services.naming import unique_slug

COMPARE_MAX = 4  # the compare view takes two to four articles
FIGURES_MAX = 500  # figures read for one story's page


def list_stories(*, session: Session, limit: int | None = 50, offset: int = 0) -> Page[StorySummary]:
    """Stories with articles, the most recent first (by their latest article)."""
    query = select(Story.id).where(Story.article_count > 0)
    total = session.exec(select(func.count()).select_from(query.subquery())).one()
    ids = session.exec(query.order_by(col(Story.last_published).desc().nulls_last(), col(Story.id).desc())
                       .offset(offset).limit(limit)).all()
    summaries = _summaries(session, list(ids))
    return Page(items=[summaries[i] for i in ids], total=total, limit=limit, offset=offset)


def refresh_counts(session: Session, story_ids: Iterable[int | None]) -> None:
    """Count the articles of these stories again, and their latest date (after articles moved)."""
    ids = [i for i in set(story_ids) if i is not None]
    if not ids:
        return
    rows = {sid: (n, last) for sid, n, last in session.exec(
        select(StoryArticle.story_id, func.count(), func.max(Article.published))
        .join(Article, col(Article.id) == StoryArticle.article_id)
        .where(col(StoryArticle.story_id).in_(ids)).group_by(StoryArticle.story_id)).all()}
    for story in session.exec(select(Story).where(col(Story.id).in_(ids))).all():
        story.article_count, story.last_published = rows.get(story.id, (0, None))  # type: ignore[arg-type]
        session.add(story)


def get_story(*, session: Session, slug: str) -> StoryDetail:
    story = _story(session, slug)
    summary = _summaries(session, [story.id])[story.id]  # type: ignore[index]
    members = session.exec(select(Article, StoryArticle).join(StoryArticle, col(StoryArticle.article_id) == Article.id)
                           .where(StoryArticle.story_id == story.id)).all()
    timeline = sorted(members, key=lambda m: (m[0].published is None, m[0].published or "", m[0].id))
    articles = [StoryArticleOut(slug=a.slug, title=a.title, outlet=a.outlet, language=a.language, direction=a.direction,
                                published=a.published, placed_by=link.placed_by) for a, link in timeline]
    by_outlet: dict[str, list[Article]] = defaultdict(list)
    for a, _ in timeline:
        by_outlet[a.outlet or "outlet unknown"].append(a)
    sources = [StorySource(outlet=o, languages=sorted({a.language for a in arts}), articles=[a.slug for a in arts])
               for o, arts in sorted(by_outlet.items(), key=lambda kv: (-len(kv[1]), kv[0]))]
    ids = [a.id for a, _ in members]
    slugs = [a.slug for a in articles]
    compare = "/compare?articles=" + ",".join(quote(s) for s in slugs[:COMPARE_MAX]) if len(slugs) >= 2 else None
    return StoryDetail(**summary.model_dump(), articles=articles, sources=sources, metrics=_metrics(session, ids),
                       contradictions=_contradictions(session, ids), compare=compare,
                       history=history.item_history(session=session, kind="story", item_id=story.id))  # type: ignore[arg-type]


def stories_of(*, session: Session, article_ids: Iterable[int]) -> dict[int, StorySummary]:
    """The story of each of these articles (those in one), for grouping a list of articles."""
    links = dict(session.exec(select(StoryArticle.article_id, StoryArticle.story_id)
                              .where(col(StoryArticle.article_id).in_(list(article_ids)))).all())
    summaries = _summaries(session, list(set(links.values())))
    return {a: summaries[s] for a, s in links.items() if s in summaries}


def group_by_story(*, session: Session, articles: list[ArticleSummary]) -> list[tuple[StorySummary | None, list[ArticleSummary]]]:
    """A list of articles (one page of the library) grouped by story, in the order stories first
    appear; articles in no story yet come last."""
    of = stories_of(session=session, article_ids=[a.id for a in articles])
    groups: dict[int | None, tuple[StorySummary | None, list[ArticleSummary]]] = {}
    for a in sorted(articles, key=lambda a: a.id not in of):
        story = of.get(a.id)
        groups.setdefault(story.id if story else None, (story, []))[1].append(a)
    return list(groups.values())


def rename_story(*, session: Session, slug: str, title: str, author: str) -> Story:
    story = _story(session, slug)
    title = " ".join(title.split())
    if not title:
        raise InvalidInput("A story needs a title: type one.")
    before = {"title": story.title, "title_by": story.title_by}
    story.title, story.title_by, story.modified = title, author, utcnow()
    session.add(story)
    history.record(session, author=author, kind="story", item_id=story.id, action="rename",
                   summary=f"renamed “{before['title']}” to “{title}”", before=before, after={"title": title, "title_by": author})
    session.commit()
    return story


def move_article(*, session: Session, article: str, to: str, author: str) -> Story:
    """Put an article in another story (`to`: its slug, or "new" for a story of its own); the
    machine leaves it there from now on."""
    art = session.exec(select(Article).where(Article.slug == article)).first()
    if art is None:
        raise NotFound(f"No article '{article}'.")
    link = session.get(StoryArticle, art.id)
    source = session.get(Story, link.story_id) if link else None
    target = new_story(session, art.title, author) if to == "new" else _story(session, to)
    if link is None:  # not analysed yet: it starts where the analyst puts it
        link = StoryArticle(article_id=art.id, story_id=target.id)  # type: ignore[arg-type]
    link.story_id, link.placed_by, link.at = target.id, author, utcnow()  # type: ignore[assignment]
    session.add(link)
    session.flush()
    refresh_counts(session, [target.id, source.id if source else None])
    for story, action, words in ((target, "move_in", f"{art.title} moved in"), (source, "move_out", f"{art.title} moved out")):
        if story is not None and not (story is source and source.id == target.id):
            history.record(session, author=author, kind="story", item_id=story.id, action=action, summary=words[:300],
                           before={"story": source.slug if source else None}, after={"story": target.slug, "article": art.slug})
    session.commit()
    return target


def merge_stories(*, session: Session, slug: str, into: str, author: str) -> Story:
    """Move every article of one story into another; the emptied story is hidden, not deleted."""
    story, target = _story(session, slug), _story(session, into)
    if story.id == target.id:
        raise InvalidInput("A story cannot be merged into itself: choose another one.")
    links = session.exec(select(StoryArticle).where(StoryArticle.story_id == story.id)).all()
    story.merged_into, story.modified = target.id, utcnow()
    _place(session, links, story, target, author, ("merge_out", "merge_in"),
           summary=f"“{story.title}” merged into “{target.title}”",
           before={"story": story.slug, "articles": [link.article_id for link in links]}, after={"story": target.slug})
    return target


def split_story(*, session: Session, slug: str, articles: list[str], title: str, author: str) -> Story:
    """Take some of a story's articles into a new story of their own."""
    story = _story(session, slug)
    if not articles:
        raise InvalidInput("Tick the articles that make a story of their own.")
    chosen = session.exec(select(Article, StoryArticle).join(StoryArticle, col(StoryArticle.article_id) == Article.id)
                          .where(col(Article.slug).in_(articles), StoryArticle.story_id == story.id)).all()
    missing = sorted(set(articles) - {a.slug for a, _ in chosen})
    if missing:
        raise InvalidInput(f"Not articles of this story: {', '.join(missing[:5])}. Tick articles listed on its page.")
    total = session.exec(select(func.count()).select_from(StoryArticle).where(StoryArticle.story_id == story.id)).one()
    if len(chosen) >= total:
        raise InvalidInput("Splitting takes some of the articles, not all: leave at least one in this story (or rename it).")
    first = min(chosen, key=lambda m: (m[0].published or "9999", m[0].id))[0]
    new = new_story(session, " ".join(title.split()) or first.title, author if title.strip() else None)
    _place(session, [link for _, link in chosen], story, new, author, ("split_out", "split_in"),
           summary=f"{len(chosen)} article(s) split from “{story.title}” into “{new.title}”",
           before={"story": story.slug}, after={"story": new.slug, "articles": sorted(a.slug for a, _ in chosen)})
    return new


def _place(session: Session, links: Iterable[StoryArticle], source: Story, target: Story, author: str,
           actions: tuple[str, str], *, summary: str, before: dict, after: dict) -> None:
    """Put these articles in `target` as the analyst's choice (the machine leaves them there),
    count both stories again and record the edit in the history of both."""
    for link in links:
        link.story_id, link.placed_by, link.at = target.id, author, utcnow()  # type: ignore[assignment]
        session.add(link)
    session.add(source)
    session.flush()
    refresh_counts(session, [source.id, target.id])
    for story, action in zip((source, target), actions, strict=True):
        history.record(session, author=author, kind="story", item_id=story.id, action=action, summary=summary,
                       before=before, after=after)
    session.commit()


def story_article(*, session: Session, slug: str, article: str) -> Article:
    """An article of this story (a form on the story's page names one of its articles)."""
    story = _story(session, slug)
    art = session.exec(select(Article).join(StoryArticle, col(StoryArticle.article_id) == Article.id)
                       .where(Article.slug == article, StoryArticle.story_id == story.id)).first()
    if art is None:
        raise InvalidInput(f"'{article}' is not an article of this story: pick one listed on its page.")
    return art


def choices(*, session: Session, limit: int = 300) -> list[StorySummary]:
    """Stories to pick from in the move and merge forms (the most recent)."""
    return list_stories(session=session, limit=limit).items


def _story(session: Session, slug: str) -> Story:
    story = session.exec(select(Story).where(Story.slug == slug)).first()
    if story is None:
        raise NotFound(f"No story '{slug}'. The list of stories is at /stories.")
    while story.merged_into is not None:  # a merged story's address leads to where its articles went
        story = session.get(Story, story.merged_into)  # type: ignore[assignment]
    return story


def new_story(session: Session, title: str, author: str | None = None) -> Story:
    """A story named `title`: by an analyst (`author`), or after its first article."""
    words = " ".join(unidecode(title).lower().split()[:8])  # an ASCII address, whole words, in any script
    story = Story(slug=unique_slug(session, Story.slug, words, fallback="story", limit=80), title=title, title_by=author)
    session.add(story)
    session.flush()
    return story


def _summaries(session: Session, story_ids: list[int]) -> dict[int, StorySummary]:
    if not story_ids:
        return {}
    stories = {s.id: s for s in session.exec(select(Story).where(col(Story.id).in_(story_ids))).all()}
    rows = session.exec(select(StoryArticle.story_id, Article.published, Article.language, Article.outlet)
                        .join(Article, col(Article.id) == StoryArticle.article_id)
                        .where(col(StoryArticle.story_id).in_(story_ids))).all()
    members: dict[int, list] = defaultdict(list)
    for story_id, *rest in rows:
        members[story_id].append(rest)
    open_counts = dict(session.exec(
        select(StoryArticle.story_id, func.count(func.distinct(Contradiction.id)))
        .join(ContradictionPassage, col(ContradictionPassage.article_id) == StoryArticle.article_id)
        .join(Contradiction, col(Contradiction.id) == ContradictionPassage.contradiction_id)
        .where(col(StoryArticle.story_id).in_(story_ids), Contradiction.status != "dismissed", Contradiction.current == True)
        .group_by(StoryArticle.story_id)).all())
    out = {}
    for sid, story in stories.items():
        m = members.get(sid, [])
        dates = sorted(p for p, _, _ in m if p)
        out[sid] = StorySummary(id=sid, slug=story.slug, title=story.title, renamed_by=story.title_by,
                                first=dates[0] if dates else None, last=dates[-1] if dates else None,
                                languages=sorted({lang for _, lang, _ in m}), outlets=sorted({o for _, _, o in m if o}),
                                article_count=len(m), open_contradictions=open_counts.get(sid, 0))
    return out  # type: ignore[return-value]


def _metrics(session: Session, article_ids: list[int | None]) -> list[StoryMetric]:
    """The story's figures per metric and unit, the most reported first."""
    rows = session.exec(select(Claim, Article).join(Article).where(col(Claim.article_id).in_(article_ids), Claim.kind == "figure",
                                                                   col(Claim.metric).is_not(None))
                        .order_by(Claim.metric, Article.published, Claim.paragraph).limit(FIGURES_MAX)).all()
    groups: dict[tuple[str, str | None], list[ClaimOut]] = defaultdict(list)
    for claim in claims_out(session, rows):  # each with how many of the story's articles report it
        groups[(claim.metric, claim.unit)].append(claim)  # type: ignore[index]
    return [StoryMetric(metric=m, unit=u, figures=fs)
            for (m, u), fs in sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0][0]))]


def _contradictions(session: Session, article_ids: list[int | None]) -> list[StoryContradiction]:
    ids = select(ContradictionPassage.contradiction_id).where(col(ContradictionPassage.article_id).in_(article_ids))
    rows = session.exec(select(Contradiction).where(col(Contradiction.id).in_(ids), Contradiction.current == True)
                        .order_by(col(Contradiction.score).desc(), Contradiction.id)).all()
    slugs = session.exec(select(Article.slug).where(col(Article.id).in_(article_ids))).all()
    labels = article_labels(session=session, slugs=list(slugs))  # reasons name sources as people read them
    return [StoryContradiction(id=c.id, kind=c.kind, status=c.status, strength=c.strength,  # type: ignore[arg-type]
                               reason=readable(c.reason, labels)) for c in rows]
