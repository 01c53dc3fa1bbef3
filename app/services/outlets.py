"""Outlets as analysts read and edit them: the list (with the outlet lines that name no outlet
yet), one outlet's articles, the actors it quotes most, the frame labels it uses and how its
figures stand in its stories; creating and editing one, each edit a revision. Articles are matched
to outlets when read (app.analysis.outlets), so an edit applies to every article at once and
re-ingesting an article changes nothing an analyst decided."""

from __future__ import annotations

import functools
from collections import defaultdict
from pathlib import Path
from urllib.parse import quote

from babel import Locale
from sqlalchemy import func
from sqlmodel import Session, col, select
from unidecode import unidecode

from app.analysis.analysed_article import Vocabulary, load_vocabulary
from app.analysis.outlets import (
    ReportedFigure,
    compare_figures,
    frame_labels,
    host_of,
    name_key,
    read_outlet_seeds,
)
from app.analysis.seeds import SEEDS_DIR
from app.config import PROJECT_ROOT
from app.db import insert_on_conflict
from app.models import (
    Actor,
    ActorAlias,
    Article,
    Claim,
    Outlet,
    Paragraph,
    Story,
    StoryArticle,
    utcnow,
)
from app.outlet_schemas import (
    FigureRecord,
    FigureStanding,
    LabelCount,
    OutletArticle,
    OutletCreate,
    OutletDetail,
    OutletEdit,
    OutletSummary,
    QuotedActor,
    UnknownOutlet,
)
from app.schemas import Page
from app.services import history
from app.services.article_outlets import ArticleOutlets, all_outlets, outlet_matcher
from app.services.errors import InvalidInput, NotFound
from app.services.naming import unique_slug

REGISTRY_FILE = PROJECT_ROOT / "vocab" / "registry" / "outlets.toml"
LABEL_ARTICLES = 200  # the latest articles whose frame labels an outlet's page counts,
LABEL_PARAGRAPHS = 100  # in their first paragraphs: a page's cost stays bounded however long they are
FIGURES_MAX = 20_000  # figures read for an outlet's standings
QUOTED_MAX = 10
NOT_COUNTRIES = {"ZZ", "QO", "EU", "EZ", "UN", "XA", "XB"}  # CLDR regions that are no country


# --- the registry file -------------------------------------------------------------------------

def load_outlet_registry(session: Session, path: Path = REGISTRY_FILE) -> int:
    """Add the file's outlets that are not in the database yet, and bring the others up to the
    file, except the fields an analyst edited. Safe to run at every start, by several processes at
    once. Returns how many outlets it added or changed."""
    changed = 0
    existing = {o.seed_key: o for o in session.exec(select(Outlet).where(col(Outlet.seed_key).is_not(None))).all()}
    for seed in read_outlet_seeds(path):
        outlet = existing.get(seed.key)
        if outlet is None:
            slug = unique_slug(session, Outlet.slug, _slug_words(seed.fields["name"]), fallback="outlet", limit=60)
            result = session.execute(insert_on_conflict(session, Outlet).values(
                slug=slug, seed_key=seed.key, edited=[], created=utcnow(), modified=utcnow(), **seed.fields)
                .on_conflict_do_nothing())
            changed += result.rowcount or 0  # type: ignore[attr-defined]
            continue
        updates = {f: v for f, v in seed.fields.items() if f not in outlet.edited and getattr(outlet, f) != v}
        if updates:
            for f, v in updates.items():
                setattr(outlet, f, v)
            outlet.modified = utcnow()
            session.add(outlet)
            changed += 1
    session.commit()
    return changed


# --- reading -----------------------------------------------------------------------------------

def list_outlets(*, session: Session, limit: int | None = 100, offset: int = 0) -> Page[OutletSummary]:
    """Every outlet with its article count and languages, those with the most articles first."""
    outlets = all_outlets(session)
    matched = ArticleOutlets(session, outlets)
    rows = sorted(outlets.values(), key=lambda o: (-matched.count(o.id), name_key(o.name)))  # type: ignore[arg-type]
    items = [_summary(o, matched) for o in rows]
    return Page.of(items, limit, offset)


def unknown_outlets(*, session: Session, limit: int | None = 100, offset: int = 0) -> Page[UnknownOutlet]:
    """The outlet lines of articles that no outlet's name, alias or domain matches, most used first."""
    matched = ArticleOutlets(session, all_outlets(session))
    page = Page.of(matched.unknown(), limit, offset)
    examples = dict(session.exec(select(Article.outlet, func.min(Article.slug))
                                 .where(col(Article.outlet).in_([u.text for u in page.items])).group_by(Article.outlet)).all())
    for u in page.items:
        u.example = examples.get(u.text, "")
    return page


def get_outlet(*, session: Session, slug: str, limit: int | None = 50, offset: int = 0) -> OutletDetail:
    outlets = all_outlets(session)
    outlet = next((o for o in outlets.values() if o.slug == slug), None)
    if outlet is None:
        raise NotFound(f"No outlet '{slug}'. The list of outlets is at /outlets.")
    matched = ArticleOutlets(session, outlets)
    mine = matched.condition(outlet.id)  # type: ignore[arg-type]
    total = session.exec(select(func.count()).select_from(Article).where(mine)).one()
    rows = session.exec(select(Article).where(mine).order_by(col(Article.published).desc().nulls_last(), col(Article.id).desc())
                        .offset(offset).limit(limit)).all()
    articles = Page(items=[OutletArticle(slug=a.slug, title=a.title, language=a.language, published=a.published,
                                         outlet_line=a.outlet) for a in rows], total=total, limit=limit, offset=offset)
    label_rows, counted = _labels(session, mine)
    return OutletDetail(**_summary(outlet, matched).model_dump(), aliases=list(outlet.aliases), domains=list(outlet.domains),
                        state_media_note=outlet.state_media_note, ownership=outlet.ownership, seeded=outlet.seed_key is not None,
                        edited=list(outlet.edited), articles=articles, quoted=_quoted(session, mine), labels=label_rows,
                        labels_from=counted, figures=_figures(session, outlet.id, matched),  # type: ignore[arg-type]
                        history=history.item_history(session=session, kind="outlet", item_id=outlet.id))  # type: ignore[arg-type]


def outlet_choices(*, session: Session) -> list[tuple[str, str]]:
    """(slug, name) of every outlet by name, for the forms that pick one."""
    return sorted(session.exec(select(Outlet.slug, Outlet.name)).all(), key=lambda o: o[1].casefold())


def outlet_of(*, session: Session, outlet: str | None, url: str | None) -> OutletSummary | None:
    """The outlet an article's outlet line or web address names (for the reader's outlet line)."""
    if not outlet and not url:
        return None
    outlets = all_outlets(session)
    found = outlet_matcher(outlets).match(outlet, url)
    if found is None:
        return None
    o = outlets[found]
    return OutletSummary(id=o.id, slug=o.slug, name=o.name, country=o.country, country_name=country_name(o.country),  # type: ignore[arg-type]
                         state_media=o.state_media, article_count=0, languages=[], url=_url(o))


def country_name(code: str | None) -> str | None:
    return _territories().get(code) if code else None


# --- writing -----------------------------------------------------------------------------------

def create_outlet(*, session: Session, new: OutletCreate, author: str) -> Outlet:
    """An outlet an analyst names (often from an unknown outlet line, given as an alias)."""
    fields = _checked(session, new.model_dump(exclude_none=True), None)
    outlet = Outlet(slug=unique_slug(session, Outlet.slug, _slug_words(fields["name"]), fallback="outlet", limit=60),
                    edited=sorted(fields), **fields)
    session.add(outlet)
    session.flush()
    history.record(session, author=author, kind="outlet", item_id=outlet.id, action="create",
                   summary=f"created the outlet “{outlet.name}”", before=None, after=fields)
    session.commit()
    return outlet


def edit_outlet(*, session: Session, slug: str, changes: OutletEdit, author: str) -> Outlet:
    """Change the fields sent; each is marked as the analyst's, so the registry file leaves it."""
    outlet = session.exec(select(Outlet).where(Outlet.slug == slug)).first()
    if outlet is None:
        raise NotFound(f"No outlet '{slug}'. The list of outlets is at /outlets.")
    fields = _checked(session, changes.model_dump(exclude_unset=True), outlet)
    changed = {f: v for f, v in fields.items() if getattr(outlet, f) != v}
    if not changed:
        return outlet
    before = {f: getattr(outlet, f) for f in changed}
    for f, v in changed.items():
        setattr(outlet, f, v)
    outlet.edited = sorted(set(outlet.edited) | set(changed))
    outlet.modified = utcnow()
    session.add(outlet)
    history.record(session, author=author, kind="outlet", item_id=outlet.id, action="edit",
                   summary=_edit_summary(before, changed), before=before, after=changed)
    session.commit()
    return outlet


def add_name(*, session: Session, slug: str, text: str, author: str) -> Outlet:
    """Say that an outlet line names this outlet: a web address becomes one of its domains, any
    other text one of its aliases."""
    outlet = session.exec(select(Outlet).where(Outlet.slug == slug)).first()
    if outlet is None:
        raise NotFound(f"No outlet '{slug}'. The list of outlets is at /outlets.")
    text = " ".join(text.split())
    if not text:
        raise InvalidInput("Give the name (or web address) to add.")
    host = host_of(text)
    if host:
        return edit_outlet(session=session, slug=slug, changes=OutletEdit(domains=[*outlet.domains, host]), author=author)
    return edit_outlet(session=session, slug=slug, changes=OutletEdit(aliases=[*outlet.aliases, text]), author=author)


def _checked(session: Session, fields: dict, outlet: Outlet | None) -> dict:
    """The fields tidied and checked; a name, alias or domain another outlet has is refused."""
    out = dict(fields)
    if "name" in out:
        out["name"] = " ".join((out["name"] or "").split())
        if not out["name"]:
            raise InvalidInput("An outlet needs a name: type one.")
    if "aliases" in out:
        out["aliases"] = list(dict.fromkeys(a for a in (" ".join(x.split()) for x in out["aliases"] or []) if a))
    if "domains" in out:
        domains = []
        for d in out["domains"] or []:
            host = host_of(d.strip())
            if d.strip() and host is None:
                raise InvalidInput(f"“{d[:80]}” is not a web domain: write it as example.com.")
            if host:
                domains.append(host)
        out["domains"] = list(dict.fromkeys(domains))
    if "country" in out:
        code = (out["country"] or "").strip().upper()
        if code and (code not in _territories() or code in NOT_COUNTRIES or len(code) != 2):
            raise InvalidInput(f"“{code[:10]}” is not a country code: use the two letters of ISO 3166-1 (FR, RU, QA…).")
        out["country"] = code or None
    for f in ("state_media_note", "ownership"):
        if f in out:
            out[f] = (out[f] or "").strip()
    if "state_media" in out:
        out["state_media"] = bool(out["state_media"])
    others = [o for o in all_outlets(session).values() if outlet is None or o.id != outlet.id]
    taken = {name_key(n): o.name for o in others for n in (o.name, *o.aliases)}
    for n in [out.get("name"), *out.get("aliases", [])]:
        if n and name_key(n) in taken:
            raise InvalidInput(f"“{n}” already names the outlet {taken[name_key(n)]}: add to that one instead.")
    domains = {d: o.name for o in others for d in o.domains}
    for d in out.get("domains", []):
        if d in domains:
            raise InvalidInput(f"{d} is already a domain of {domains[d]}.")
    return out


def _edit_summary(before: dict, after: dict) -> str:
    parts = []
    for f, v in after.items():
        if f == "state_media":
            parts.append("marked as state media" if v else "marked as not state media")
        elif f in ("aliases", "domains"):
            added, removed = set(v) - set(before[f]), set(before[f]) - set(v)
            parts.append(f"{f}: " + ", ".join([*(f"+{x}" for x in sorted(added)), *(f"−{x}" for x in sorted(removed))]))
        elif f in ("name", "country"):
            parts.append(f"{f} “{before[f] or ''}” → “{v or ''}”")
        else:
            parts.append(f"{f.replace('_', ' ')} edited")
    return "; ".join(parts)


def _summary(o: Outlet, matched: ArticleOutlets) -> OutletSummary:
    return OutletSummary(id=o.id, slug=o.slug, name=o.name, country=o.country, country_name=country_name(o.country),  # type: ignore[arg-type]
                         state_media=o.state_media, article_count=matched.count(o.id),  # type: ignore[arg-type]
                         languages=sorted(matched.languages.get(o.id, set())), url=_url(o))  # type: ignore[arg-type]


def _url(o: Outlet) -> str:
    return f"/outlets/{quote(o.slug)}"


def _slug_words(name: str) -> str:
    return " ".join(unidecode(name).lower().split()[:6])


@functools.cache
def _territories() -> dict[str, str]:
    return {code: name for code, name in Locale("en").territories.items() if len(code) == 2 and code.isalpha()}


# --- what an outlet's articles say -------------------------------------------------------------

def _quoted(session: Session, mine) -> list[QuotedActor]:  # type: ignore[no-untyped-def]
    """The speakers of its statements, most quoted first; linked to their actor when one has the name."""
    rows = session.exec(select(Claim.speaker, func.count(), func.count(func.distinct(Claim.article_id)))
                        .join(Article, col(Article.id) == Claim.article_id)
                        .where(mine, Claim.kind == "statement", col(Claim.speaker).is_not(None))
                        .group_by(Claim.speaker).order_by(func.count().desc(), Claim.speaker).limit(QUOTED_MAX)).all()
    speakers = [s for s, _, _ in rows]
    actors = dict(session.exec(select(Actor.name, Actor.slug).where(col(Actor.name).in_(speakers), col(Actor.merged_into).is_(None))).all())
    for text, slug in session.exec(select(ActorAlias.text, Actor.slug).join(Actor, col(Actor.id) == ActorAlias.actor_id)
                                   .where(col(ActorAlias.text).in_(speakers), ActorAlias.removed == False,
                                          col(Actor.merged_into).is_(None))).all():
        actors.setdefault(text, slug)
    return [QuotedActor(speaker=s, statements=n, articles=k, actor=actors.get(s)) for s, n, k in rows]  # type: ignore[arg-type]


def _labels(session: Session, mine) -> tuple[list[LabelCount], int]:  # type: ignore[no-untyped-def]
    """The frame labels its latest articles use (their text, furniture left out), most used first;
    and how many articles were read."""
    articles = session.exec(select(Article.id, Article.language).where(mine)
                            .order_by(col(Article.published).desc().nulls_last(), col(Article.id).desc()).limit(LABEL_ARTICLES)).all()
    if not articles:
        return [], 0
    texts: dict[int, dict[int, str]] = defaultdict(dict)
    for aid, index, text in session.exec(select(Paragraph.article_id, Paragraph.index, Paragraph.text)
                                         .where(col(Paragraph.article_id).in_([a for a, _ in articles]),
                                                col(Paragraph.kind).in_(("body", "title")), Paragraph.index < LABEL_PARAGRAPHS)).all():
        texts[aid][index] = text
    vocab = _vocabulary()
    uses: dict[tuple[str, str], list] = defaultdict(list)
    for aid, language in articles:
        paragraphs = texts.get(aid, {})
        body = [paragraphs.get(i, "") for i in range(max(paragraphs, default=-1) + 1)]
        for use in frame_labels(body, language=language, vocab=vocab):
            uses[(use.label, use.stance)].append((aid, use))
    out = [LabelCount(label=label, stance=stance, uses=len(us), quoted=sum(u.quoted for _, u in us),
                      articles=len({a for a, _ in us}), words=list(dict.fromkeys(u.text.lower() for _, u in us))[:5])
           for (label, stance), us in uses.items()]
    return sorted(out, key=lambda c: (-c.uses, c.label)), len(articles)


def _vocabulary() -> Vocabulary:
    files = tuple(sorted(SEEDS_DIR.glob("*.toml")))
    return _vocabulary_of(tuple((p, p.stat().st_mtime_ns) for p in files))


@functools.lru_cache(maxsize=1)
def _vocabulary_of(stamp: tuple) -> Vocabulary:  # read again when a file changes
    return load_vocabulary(SEEDS_DIR)


def _figures(session: Session, outlet: int, matched: ArticleOutlets) -> FigureRecord:
    """Its figures against the other sources' of each story it is in: how often they are the
    highest or the lowest reported (where sources differ)."""
    mine = matched.condition(outlet)
    stories = select(StoryArticle.story_id).join(Article, col(Article.id) == StoryArticle.article_id).where(mine)
    rows = session.exec(select(StoryArticle.story_id, Claim.metric, Claim.unit, Claim.value, Article.id, Article.outlet)
                        .join(Article, col(Article.id) == Claim.article_id)
                        .join(StoryArticle, col(StoryArticle.article_id) == Article.id)
                        .where(col(StoryArticle.story_id).in_(stories), Claim.kind == "figure",
                               col(Claim.metric).is_not(None), col(Claim.value).is_not(None))
                        .limit(FIGURES_MAX)).all()
    me = f"outlet:{outlet}"

    def source(article_id: int, line: str | None) -> str:
        found = matched.outlet_of_line(line, article_id)
        return f"outlet:{found}" if found is not None else f"line:{line}" if line else f"article:{article_id}"

    figures = [ReportedFigure(story, metric, unit, source(aid, line), value) for story, metric, unit, value, aid, line in rows]
    comparisons = [c for c in compare_figures(figures) if me in c.values]
    stories_by_id = {s.id: s for s in session.exec(select(Story).where(col(Story.id).in_({c.story for c in comparisons}))).all()}
    standings = [FigureStanding(story=stories_by_id[c.story].slug, story_title=stories_by_id[c.story].title, metric=c.metric, unit=c.unit,
                                value=_number(c.values[me]), low=_number(c.low), high=_number(c.high), sources=len(c.values),
                                verdict=c.verdict(me)) for c in comparisons]
    return FigureRecord(compared=len(standings), highest=sum(s.verdict == "highest" for s in standings),
                        lowest=sum(s.verdict == "lowest" for s in standings), standings=standings)


def _number(v: float) -> int | float:
    return int(v) if float(v).is_integer() else v
