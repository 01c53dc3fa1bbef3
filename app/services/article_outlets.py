"""Which outlet each article names, worked out when read: by its outlet line (the distinct lines
are few, even for many articles), else by its web address; and the lines that name none."""

from __future__ import annotations

from collections import Counter, defaultdict

from sqlalchemy import bindparam, func, or_
from sqlmodel import Session, col, select

from app.analysis.outlets import OutletMatcher, OutletRef
from app.models import Article, Outlet
from app.outlet_schemas import UnknownOutlet


class ArticleOutlets:
    """Which outlet each article's outlet line names, by the distinct lines (few, even for many
    articles); an article whose line names none is matched by its web address instead."""

    def __init__(self, session: Session, outlets: dict[int, Outlet]) -> None:
        matcher = outlet_matcher(outlets)
        self.lines: dict[str | None, int | None] = {}  # outlet line -> outlet
        self.by_line: dict[str | None, tuple[int, set[str]]] = {}  # outlet line -> (articles, languages)
        counts: dict[str | None, int] = defaultdict(int)
        languages: dict[str | None, set[str]] = defaultdict(set)
        for line, language, n in session.exec(select(Article.outlet, Article.language, func.count()).group_by(Article.outlet, Article.language)).all():
            counts[line] += n
            languages[line].add(language)
        for line in counts:
            self.lines[line] = matcher.match(line) if line else None
        unmatched = [line for line, o in self.lines.items() if o is None]
        # The web address of articles whose line names no outlet: the fallback, article by article.
        self.by_url: dict[int, tuple[int, str | None, str]] = {}  # article -> (outlet, line, language)
        if unmatched:
            nulls = None in unmatched
            lines = [line for line in unmatched if line is not None]
            where = or_(col(Article.outlet).in_(lines), col(Article.outlet).is_(None)) if nulls else col(Article.outlet).in_(lines)
            for aid, line, url, language in session.exec(select(Article.id, Article.outlet, Article.url, Article.language)
                                                         .where(where, col(Article.url).is_not(None))).all():
                found = matcher.match(None, url)
                if found is not None:
                    self.by_url[aid] = (found, line, language)  # type: ignore[assignment]
        rescued: Counter = Counter(line for _, line, _ in self.by_url.values())
        self.totals: dict[int, int] = defaultdict(int)
        self.languages: dict[int, set[str]] = defaultdict(set)
        for line, o in self.lines.items():
            if o is not None:
                self.totals[o] += counts[line]
                self.languages[o] |= languages[line]
        for o, _, language in self.by_url.values():
            self.totals[o] += 1
            self.languages[o].add(language)
        self._unknown = [(line, counts[line] - rescued[line], languages[line]) for line, o in self.lines.items()
                         if o is None and line and counts[line] - rescued[line] > 0]

    def count(self, outlet: int) -> int:
        return self.totals.get(outlet, 0)

    def condition(self, outlet: int):  # type: ignore[no-untyped-def]
        """The articles of this outlet, as a WHERE clause."""
        lines = [line for line, o in self.lines.items() if o == outlet and line is not None]
        ids = [aid for aid, (o, _, _) in self.by_url.items() if o == outlet]
        # The ids written into the SQL, not bound: PostgreSQL takes at most 65,535 parameters.
        return or_(col(Article.outlet).in_(lines), col(Article.id).in_(bindparam("by_url", ids, expanding=True, literal_execute=True)))

    def outlet_of_line(self, line: str | None, article_id: int) -> int | None:
        if article_id in self.by_url:
            return self.by_url[article_id][0]
        return self.lines.get(line)

    def unknown(self) -> list[UnknownOutlet]:
        return [UnknownOutlet(text=line, article_count=n, languages=sorted(langs), example="")  # type: ignore[arg-type]
                for line, n, langs in sorted(self._unknown, key=lambda u: (-u[1], u[0] or ""))]


def all_outlets(session: Session) -> dict[int, Outlet]:
    return {o.id: o for o in session.exec(select(Outlet)).all()}  # type: ignore[misc]


def outlet_matcher(outlets: dict[int, Outlet]) -> OutletMatcher:
    return OutletMatcher(OutletRef(o.id, (o.name, *o.aliases), tuple(o.domains)) for o in outlets.values())  # type: ignore[arg-type]
