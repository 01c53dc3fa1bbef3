"""Turn article files into rows: add new ones, skip unchanged ones, update changed ones
(re-anchoring notes), and reject bad ones with a reason. A folder is read and parsed by a pool of
processes and stored BATCH files per transaction; a file that fails in the database alone is
stored again on its own, so one bad file never takes the others' rows with it."""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import func, insert
from sqlmodel import Session, col, select

from app.analysis.normalize import index_keys
from app.ingest import ParsedArticle, RejectedFile, decode_text, parse_article
from app.ingest.language import preload_detector
from app.ingest.metadata import parse_iso_date
from app.ingest.parse import WEB_ADDRESS
from app.models import CORRECTABLE_FIELDS, Article, IngestEvent, Paragraph, utcnow
from app.schemas import IngestEventOut, Page
from app.services import fulltext
from app.services.actor_counts import actors_of_article, refresh_actor_counts
from app.services.annotations import reanchor_annotations
from app.services.naming import slug_base, unique_slug
from app.services.search import unindex_paragraphs

SIDECAR_SUFFIX = ".meta.json"
ARTICLE_SUFFIXES = (".txt",)
# Files that belong beside articles and are not reported as skipped: sidecars, vocabularies.
_DATA_SUFFIXES = (SIDECAR_SUFFIX, ".toml")
BATCH = 200  # files per transaction: commits stop dominating, and a batch's rows stay few
PARALLEL_FROM = 100  # fewer files are parsed in this process: starting workers would cost more
WINDOW = 1000  # files handed to the pool at once


@dataclass(frozen=True)
class FileOutcome:
    source_file: str
    status: str  # added, unchanged, updated, rejected, skipped
    reason: str | None = None
    slug: str | None = None


@dataclass(frozen=True)
class Prepared:
    """A file read, hashed and parsed (in a worker process): what storing it needs, or why not."""

    name: str
    source_path: str | None
    digest: str = ""
    parsed: ParsedArticle | None = None
    warnings: tuple[str, ...] = ()
    rejected: str | None = None
    keys: tuple[str | None, ...] = ()  # each paragraph's full-text keys; None for furniture, which is never found
    raw: tuple[bytes, bytes | None, int] | None = None  # data, sidecar, max_bytes: kept when parsing was skipped


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
    # A file whose text is the one stored from its path is not parsed again (it is unchanged).
    known = dict(session.exec(select(Article.source_path, Article.content_hash).where(col(Article.source_path).is_not(None))).all())
    jobs = [(path, max_bytes, known.get(str(path.resolve()))) for path in files]
    with _prepared(jobs) as prepared:
        batch: list[Prepared] = []
        for _, item in zip(progress(files), prepared, strict=True):
            batch.append(item)
            if len(batch) == BATCH:
                summary.outcomes += _store_batch(session, batch)
                batch = []
        summary.outcomes += _store_batch(session, batch)
    return summary


@contextmanager
def _prepared(jobs: list[tuple[Path, int, str | None]]) -> Iterator[Iterator[Prepared]]:
    """The jobs' files prepared, in order: by a pool of processes when there are many, a window
    of them at a time so that parsed files waiting to be stored stay few."""
    workers = os.cpu_count() or 1
    if len(jobs) < PARALLEL_FROM or workers < 2:
        yield (read_file(*job) for job in jobs)
        return
    preload_detector()  # before the fork: the workers share the loaded model
    with ProcessPoolExecutor(max_workers=workers) as pool:
        yield (item for start in range(0, len(jobs), WINDOW)
               for item in pool.map(_read_job, jobs[start:start + WINDOW], chunksize=16))


def _read_job(job: tuple[Path, int, str | None]) -> Prepared:
    return read_file(*job)


def read_file(path: Path, max_bytes: int, known_digest: str | None = None) -> Prepared:
    """Read a file and its sidecar, then prepare them; unreadable or too large: rejected."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise RejectedFile(f"the file is {size / 1e6:.1f} MB, larger than the {max_bytes / 1e6:.1f} MB limit; raise READINGROOM_MAX_FILE_BYTES or split it")
        data = path.read_bytes()
        sidecar = path.with_name(path.name.removesuffix(path.suffix) + SIDECAR_SUFFIX)
        meta = sidecar.read_bytes() if sidecar.is_file() else None
    except OSError as exc:
        return Prepared(path.name, None, rejected=f"cannot read the file ({exc.strerror}); check its permissions")
    except RejectedFile as exc:
        return Prepared(path.name, None, rejected=exc.reason)
    return prepare(name=path.name, data=data, meta=meta, max_bytes=max_bytes, source_path=str(path.resolve()),
                   known_digest=known_digest)


def prepare(*, name: str, data: bytes, meta: bytes | None, max_bytes: int, source_path: str | None,
            known_digest: str | None = None) -> Prepared:
    """Hash, decode and parse a file (no database): the part of ingest that runs in parallel.
    Parsing is skipped when the digest is `known_digest` (the stored text of that path)."""
    digest = hashlib.sha256(data + b"\0" + (meta or b"")).hexdigest()
    if digest == known_digest:
        return Prepared(name, source_path, digest, raw=(data, meta, max_bytes))
    try:
        decoded = decode_text(data, max_bytes=max_bytes)
        sidecar = _sidecar(name, meta)
        parsed = parse_article(decoded.text, meta=sidecar)
    except RejectedFile as exc:
        return Prepared(name, source_path, digest, rejected=exc.reason)
    except Exception as exc:  # a bug must not stop the other files of the run
        return Prepared(name, source_path, digest, rejected=_internal_error(exc))
    warnings = tuple(w for w in (decoded.warning, _sidecar_warning(sidecar)) if w)
    keys = tuple(None if p.furniture else index_keys(p.text) for p in parsed.paragraphs)
    return Prepared(name, source_path, digest, parsed, warnings, keys=keys)


def ingest_file(*, session: Session, path: Path, max_bytes: int) -> FileOutcome:
    return _store_alone(session, read_file(path, max_bytes))


def ingest_bytes(*, session: Session, name: str, data: bytes, meta: bytes | None = None, max_bytes: int,
                 source_path: str | None = None) -> FileOutcome:
    """One file in one transaction: a failure leaves every stored row as it was. `source_path`
    (where a file was read from) is its identity; an upload, without one, is known by its name."""
    return _store_alone(session, prepare(name=name, data=data, meta=meta, max_bytes=max_bytes, source_path=source_path))


def _store_batch(session: Session, batch: list[Prepared]) -> list[FileOutcome]:
    """The files in one transaction; if the database refuses one, each again in its own."""
    try:
        known = _Known.prefetch(session, batch)
        outcomes = [_store_or_reject(session, item, known) for item in batch]
        _record(session, outcomes)
        session.commit()
        return outcomes
    except Exception:  # the database refused a row (a constraint, a full disk): find out whose
        session.rollback()
    return [_store_alone(session, item) for item in batch]


def _store_alone(session: Session, item: Prepared) -> FileOutcome:
    try:
        outcome = _store_or_reject(session, item)
        session.commit()
    except Exception as exc:  # its rows are rolled back; the other files go on
        session.rollback()
        outcome = FileOutcome(item.name, "rejected", _internal_error(exc))
    _record(session, [outcome])
    session.commit()
    return outcome


def _store_or_reject(session: Session, item: Prepared, known: _Known | None = None) -> FileOutcome:
    """The file's outcome, its rows added to the session (not committed). A rejection is found
    before anything of the file is written."""
    try:
        return _store(session, item, known or _Known())
    except RejectedFile as exc:
        return FileOutcome(item.name, "rejected", exc.reason)


@dataclass
class _Known:
    """The paths, names, text hashes and slugs a batch's files could share with stored articles,
    and which of them stored articles hold, read in one query: looking up a value asked about and
    not found needs no query of its own (most files of a new folder). Values never asked about
    are looked up in the database as usual."""

    asked: set[str] = field(default_factory=set)
    found: set[str] = field(default_factory=set)

    @classmethod
    def prefetch(cls, session: Session, batch: list[Prepared]) -> _Known:
        paths = {i.source_path for i in batch if i.source_path}
        names, digests = {i.name for i in batch}, {i.digest for i in batch if i.digest}
        slugs = {_slug_base(i.name) for i in batch}
        rows = session.exec(select(Article.source_path, Article.source_file, Article.content_hash, Article.slug).where(
            col(Article.source_path).in_(paths) | col(Article.source_file).in_(names)
            | col(Article.content_hash).in_(digests) | col(Article.slug).in_(slugs))).all()
        return cls(asked=paths | names | digests | slugs, found={v for row in rows for v in row if v})

    def may_exist(self, value: str) -> bool:
        return value not in self.asked or value in self.found

    def add(self, article: Article) -> None:
        self.found.update(v for v in (article.source_path, article.source_file, article.content_hash, article.slug) if v)


def _internal_error(exc: Exception) -> str:
    return f"internal error while reading it ({type(exc).__name__}); please report it"


def ingest_events(*, session: Session, status: str | None = None, limit: int = 100, offset: int = 0) -> Page[IngestEventOut]:
    query = select(IngestEvent)
    if status:
        query = query.where(IngestEvent.status == status)
    total = session.exec(select(func.count()).select_from(query.subquery())).one()
    events = session.exec(query.order_by(col(IngestEvent.id).desc()).offset(offset).limit(limit)).all()
    items = [IngestEventOut(at=e.at, source_file=e.source_file, status=e.status, reason=e.reason, article=e.article_slug) for e in events]
    return Page(items=items, total=total, limit=limit, offset=offset)


def _store(session: Session, item: Prepared, known: _Known) -> FileOutcome:
    existing, name, why = _identify(session, item.name, item.source_path, item.digest, known)
    if existing is not None and existing.content_hash == item.digest:
        if item.source_path and (existing.source_path is None or not Path(existing.source_path).exists()):
            existing.source_path = item.source_path  # a file stored before paths were kept, or moved
        return FileOutcome(name, "unchanged", why, slug=existing.slug)
    if item.raw is not None:  # skipped as unchanged, yet the stored text is not this one any more
        data, meta, max_bytes = item.raw
        item = prepare(name=item.name, data=data, meta=meta, max_bytes=max_bytes, source_path=item.source_path)
    if item.rejected is not None or item.parsed is None:
        raise RejectedFile(item.rejected or "")
    twin = session.exec(select(Article).where(Article.content_hash == item.digest)).first() if known.may_exist(item.digest) else None
    if twin is not None and existing is None:
        raise RejectedFile(f"same content as {twin.source_file} (article {twin.slug}); remove the duplicate")
    # Every field given: a default factory costs SQLModel a signature inspection per article.
    article = existing or Article(slug=_free_slug(session, name, known), source_file=name, content_hash=item.digest, title="",
                                  parsed={}, corrected=[], created=utcnow(), updated=utcnow())
    article.source_path = item.source_path or article.source_path
    language = article.language
    _apply(article, item.parsed, item.digest)
    session.add(article)
    session.flush()
    if existing is not None and article.language != language:  # its actors' counts by language move with it
        refresh_actor_counts(session, actors_of_article(session, article.id))
    known.add(article)
    _replace_paragraphs(session, article, item, replacing=existing is not None)
    orphaned = 0
    if existing is not None:
        orphaned = reanchor_annotations(session=session, article_id=article.id, texts=[p.text for p in item.parsed.paragraphs])
    notes = [n for n in (why, *item.warnings) if n]
    notes += [f"{orphaned} note(s) orphaned: their quoted text is gone"] if orphaned else []
    return FileOutcome(name, "updated" if existing else "added", "; ".join(notes) or None, article.slug)


def _identify(session: Session, name: str, source_path: str | None, digest: str, known: _Known
              ) -> tuple[Article | None, str, str | None]:
    """Which stored article this file is, the name to store it under, and why, when not plain.
    The file read from the same path is the same article. By name: an upload, an article stored
    before paths were kept, or one whose file moved (its old path is gone, or the text is the same).
    Another file of the same name with another text is another article, named "folder/name"."""
    if source_path and known.may_exist(source_path):
        same = session.exec(select(Article).where(Article.source_path == source_path)).first()
        if same is not None:
            return same, same.source_file, None
    named = session.exec(select(Article).where(Article.source_file == name)).first() if known.may_exist(name) else None
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


def _replace_paragraphs(session: Session, article: Article, item: Prepared, replacing: bool) -> None:
    """The file's paragraphs and their search keys in place of the article's old ones (if any),
    inserted in one statement each: a folder of new files is mostly this."""
    if replacing:
        old = session.exec(select(Paragraph).where(Paragraph.article_id == article.id)).all()
        unindex_paragraphs(session, [p.id for p in old if p.id is not None])
        for p in old:
            session.delete(p)
        session.flush()
    paragraphs = item.parsed.paragraphs if item.parsed else []
    if not paragraphs:
        return
    rows = [{"article_id": article.id, "index": p.index, "text": p.text, "kind": p.kind} for p in paragraphs]
    ids = session.scalars(insert(Paragraph).returning(col(Paragraph.id), sort_by_parameter_order=True), rows).all()
    fulltext.index(session, [(pid, keys) for pid, keys in zip(ids, item.keys, strict=True) if keys is not None])


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


def _free_slug(session: Session, name: str, known: _Known) -> str:
    base = _slug_base(name)
    return base if not known.may_exist(base) else unique_slug(session, Article.slug, _slug_text(name), fallback="article", limit=80)


def _slug_base(name: str) -> str:
    return slug_base(_slug_text(name), fallback="article", limit=80)


def _slug_text(name: str) -> str:
    return (name.rsplit(".", 1)[0] if "." in name else name).casefold()


def _is_article_file(path: Path) -> bool:
    return path.suffix.lower() in ARTICLE_SUFFIXES and not path.name.startswith(".")


def _record(session: Session, outcomes: list[FileOutcome]) -> None:
    """Note the outcomes in the ingest log (/ingest), in one statement; the caller commits."""
    if outcomes:
        at = utcnow()
        session.execute(insert(IngestEvent), [{"source_file": o.source_file, "status": o.status, "reason": o.reason,
                                               "article_slug": o.slug, "at": at} for o in outcomes])
