"""Turn article files into rows: add new ones, skip unchanged ones, update changed ones
(re-anchoring notes), and reject bad ones with a reason, one file at a time."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import func
from sqlmodel import Session, col, select

from app.ingest import ParsedArticle, RejectedFile, decode_text, parse_article
from app.ingest.metadata import parse_iso_date
from app.ingest.parse import WEB_ADDRESS
from app.models import CORRECTABLE_FIELDS, Article, IngestEvent, Paragraph, utcnow
from app.schemas import IngestEventOut, Page
from app.services.annotations import reanchor_annotations
from app.services.naming import unique_slug
from app.services.search import index_paragraphs, unindex_paragraphs

SIDECAR_SUFFIX = ".meta.json"
ARTICLE_SUFFIXES = (".txt",)
# Files that belong beside articles and are not reported as skipped: sidecars, vocabularies.
_DATA_SUFFIXES = (SIDECAR_SUFFIX, ".toml")


@dataclass(frozen=True)
class FileOutcome:
    source_file: str
    status: str  # added, unchanged, updated, rejected, skipped
    reason: str | None = None
    slug: str | None = None


@dataclass
class IngestSummary:
    outcomes: list[FileOutcome] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(o.status == status for o in self.outcomes)

    def lines(self) -> list[str]:
        shown = ("added", "unchanged", "updated", "rejected") + (("skipped",) if self.count("skipped") else ())
        counts = ", ".join(f"{self.count(s)} {s}" for s in shown)
        said = [f"  {o.status} {o.source_file}: {o.reason}" for o in self.outcomes if o.reason]
        return [counts, *said]


def collect_files(paths: Iterable[Path]) -> tuple[list[Path], list[FileOutcome]]:
    """Article files under the given files and folders, and outcomes for paths that are not:
    missing paths, other kinds of file (skipped, with the reason), links leading out of a folder."""
    files: list[Path] = []
    said: list[FileOutcome] = []
    for path in paths:
        if path.is_dir():
            root = path.resolve()
            for found in sorted(p for p in path.rglob("*") if not p.name.startswith(".")):
                shown = str(found.relative_to(path))
                if found.is_symlink() and not found.resolve().is_relative_to(root):
                    said.append(FileOutcome(shown, "skipped", "a symbolic link to a place outside "
                                            f"{path}; not followed (copy the file in to ingest it)"))
                elif found.is_file() and _is_article_file(found):
                    files.append(found)
                elif found.is_file() and not found.name.endswith(_DATA_SUFFIXES):
                    said.append(FileOutcome(shown, "skipped", "not a .txt file; save the "
                                            "article's text as plain text (.txt) to ingest it"))
        elif path.is_file():
            files.append(path)
        else:
            said.append(FileOutcome(str(path), "rejected", "no such file or folder; check the path"))
    return files, said


def ingest_paths(
    *, session: Session, paths: Iterable[Path], max_bytes: int,
    progress: Callable[[Iterable[Path]], Iterable[Path]] = lambda files: files,
) -> IngestSummary:
    files, missing = collect_files(paths)
    summary = IngestSummary(outcomes=list(missing))
    for path in progress(files):
        summary.outcomes.append(ingest_file(session=session, path=path, max_bytes=max_bytes))
    return summary


def ingest_file(*, session: Session, path: Path, max_bytes: int) -> FileOutcome:
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise RejectedFile(f"the file is {size / 1e6:.1f} MB, larger than the {max_bytes / 1e6:.1f} MB limit; raise READINGROOM_MAX_FILE_BYTES or split it")
        data = path.read_bytes()
        sidecar = path.with_name(path.name.removesuffix(path.suffix) + SIDECAR_SUFFIX)
        meta = sidecar.read_bytes() if sidecar.is_file() else None
    except OSError as exc:
        return _record(session, FileOutcome(path.name, "rejected", f"cannot read the file ({exc.strerror}); check its permissions"))
    except RejectedFile as exc:
        return _record(session, FileOutcome(path.name, "rejected", exc.reason))
    return ingest_bytes(session=session, name=path.name, data=data, meta=meta, max_bytes=max_bytes,
                        source_path=str(path.resolve()))


def ingest_bytes(*, session: Session, name: str, data: bytes, meta: bytes | None = None, max_bytes: int,
                 source_path: str | None = None) -> FileOutcome:
    """One file in one transaction: a failure leaves every stored row as it was. `source_path`
    (where a file was read from) is its identity; an upload, without one, is known by its name."""
    try:
        outcome = _store(session, name, data, meta, max_bytes, source_path)
    except RejectedFile as exc:
        session.rollback()
        outcome = FileOutcome(name, "rejected", exc.reason)
    except Exception as exc:  # a bug must not stop the other files of the run
        session.rollback()
        outcome = FileOutcome(name, "rejected", f"internal error while reading it ({type(exc).__name__}); please report it")
    return _record(session, outcome)


def ingest_events(*, session: Session, status: str | None = None, limit: int = 100, offset: int = 0) -> Page[IngestEventOut]:
    query = select(IngestEvent)
    if status:
        query = query.where(IngestEvent.status == status)
    total = session.exec(select(func.count()).select_from(query.subquery())).one()
    events = session.exec(query.order_by(col(IngestEvent.id).desc()).offset(offset).limit(limit)).all()
    items = [IngestEventOut(at=e.at, source_file=e.source_file, status=e.status, reason=e.reason, article=e.article_slug) for e in events]
    return Page(items=items, total=total, limit=limit, offset=offset)


def _store(session: Session, name: str, data: bytes, meta: bytes | None, max_bytes: int,
           source_path: str | None) -> FileOutcome:
    digest = hashlib.sha256(data + b"\0" + (meta or b"")).hexdigest()
    existing, name, why = _identify(session, name, source_path, digest)
    if existing is not None and existing.content_hash == digest:
        if source_path and (existing.source_path is None or not Path(existing.source_path).exists()):
            existing.source_path = source_path  # a file stored before paths were kept, or moved
            session.commit()
        return FileOutcome(name, "unchanged", why, slug=existing.slug)
    decoded = decode_text(data, max_bytes=max_bytes)
    sidecar = _sidecar(name, meta)
    parsed = parse_article(decoded.text, meta=sidecar)
    twin = session.exec(select(Article).where(Article.content_hash == digest)).first()
    if twin is not None and existing is None:
        raise RejectedFile(f"same content as {twin.source_file} (article {twin.slug}); remove the duplicate")
    article = existing or Article(slug=_free_slug(session, name), source_file=name, content_hash=digest, title="")
    article.source_path = source_path or article.source_path
    _apply(article, parsed, digest)
    session.add(article)
    session.flush()
    _replace_paragraphs(session, article, parsed)
    orphaned = 0
    if existing is not None:
        orphaned = reanchor_annotations(session=session, article_id=article.id, texts=[p.text for p in parsed.paragraphs])
    session.commit()
    notes = [n for n in (why, decoded.warning, _sidecar_warning(sidecar)) if n]
    notes += [f"{orphaned} note(s) orphaned: their quoted text is gone"] if orphaned else []
    return FileOutcome(name, "updated" if existing else "added", "; ".join(notes) or None, article.slug)


def _identify(session: Session, name: str, source_path: str | None, digest: str
              ) -> tuple[Article | None, str, str | None]:
    """Which stored article this file is, the name to store it under, and why, when not plain.
    The file read from the same path is the same article. By name: an upload, an article stored
    before paths were kept, or one whose file moved (its old path is gone, or the text is the same).
    Another file of the same name with another text is another article, named "folder/name"."""
    if source_path:
        same = session.exec(select(Article).where(Article.source_path == source_path)).first()
        if same is not None:
            return same, same.source_file, None
    named = session.exec(select(Article).where(Article.source_file == name)).first()
    if named is None or source_path is None or named.source_path is None:
        return named, name, None
    if not Path(named.source_path).exists():
        return named, name, f"moved from {named.source_path}"
    if named.content_hash == digest:
        return named, name, f"the same text as {named.source_path}, already stored"
    folder = Path(source_path).parent.name or "file"
    stored = unique_slug(session, Article.source_file, f"{folder}/{name}", fallback=name, limit=200,
                         pattern=r"[^\w./-]+")
    return None, stored, (f"another file named {name} ({named.source_path}) holds a different text: "
                          "stored as a separate article")


def _apply(article: Article, parsed: ParsedArticle, digest: str) -> None:
    found = {field: getattr(parsed, field) for field in CORRECTABLE_FIELDS}
    article.parsed = found
    for field, value in found.items():
        if field not in article.corrected:
            setattr(article, field, value)
    article.direction = parsed.direction if "language" not in article.corrected else article.direction
    article.url = parsed.url
    article.content_hash = digest
    article.updated = utcnow()


def _replace_paragraphs(session: Session, article: Article, parsed: ParsedArticle) -> None:
    old = session.exec(select(Paragraph).where(Paragraph.article_id == article.id)).all()
    unindex_paragraphs(session, [p.id for p in old if p.id is not None])
    for p in old:
        session.delete(p)
    session.flush()
    new = [Paragraph(article_id=article.id, index=p.index, text=p.text, kind=p.kind) for p in parsed.paragraphs]
    session.add_all(new)
    session.flush()
    index_paragraphs(session, new)


def _sidecar(name: str, meta: bytes | None) -> dict | None:
    """The sidecar's metadata, or a rejection naming what is wrong: bad JSON, too deep, a field of
    the wrong type, a date or address that is not one."""
    if meta is None:
        return None
    where = f"its sidecar {name.rsplit('.', 1)[0]}{SIDECAR_SUFFIX}"
    try:
        value = json.loads(meta.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise RejectedFile(f"{where} is not valid UTF-8 JSON ({exc}); fix or remove it") from exc
    except RecursionError:
        raise RejectedFile(f"{where} is nested too deeply to be metadata; it must be one flat "
                           "JSON object with title, outlet, url, published, language") from None
    if not isinstance(value, dict):
        raise RejectedFile(f"{where} must hold a JSON object with title, outlet, url, published, language")
    for key in ("title", "outlet", "url", "published", "language"):
        field = value.get(key)
        if field is not None and not isinstance(field, str):
            raise RejectedFile(f"{where}: \"{key}\" must be a string, not {type(field).__name__}; fix or remove it")
    if value.get("published") and parse_iso_date(value["published"]) is None:
        raise RejectedFile(f"{where}: \"published\" is not a date ({value['published'][:40]!r}); "
                           "write it as YYYY-MM-DD")
    return value


def _sidecar_warning(meta: dict | None) -> str | None:
    """A sidecar url that is not an http(s) address is left out (never shown as a link): say so."""
    url = (meta or {}).get("url")
    if url and not WEB_ADDRESS.match(" ".join(url.split())):
        return "the sidecar's url was left out: it is not an http(s) address"
    return None


def _free_slug(session: Session, name: str) -> str:
    stem = name.rsplit(".", 1)[0] if "." in name else name
    return unique_slug(session, Article.slug, stem.casefold(), fallback="article", limit=80)


def _is_article_file(path: Path) -> bool:
    return path.suffix.lower() in ARTICLE_SUFFIXES and not path.name.startswith(".")


def _record(session: Session, outcome: FileOutcome) -> FileOutcome:
    session.add(IngestEvent(source_file=outcome.source_file, status=outcome.status, reason=outcome.reason, article_slug=outcome.slug, at=utcnow()))
    session.commit()
    return outcome
