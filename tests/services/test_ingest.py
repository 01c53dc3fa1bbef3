"""Ingest as a service: idempotent, updates re-anchor notes, bad files rejected, data kept."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlmodel import select

from app.models import Annotation, Article, Paragraph
from app.schemas import AnnotationDraft, MetadataCorrection, Selector
from app.services.annotations import create_annotation
from app.services.articles import correct_metadata, get_article
from app.services.ingest import ingest_paths

BODY = (
    "The river rose overnight and flooded the lower town, the mayor said on Tuesday, "
    "while rescue teams moved families to the school on the hill.\n\n"
    "About 40 homes were damaged, according to the regional fire service, which said "
    "no one had been hurt so far.\n\n"
    "Forecasters expect more rain on Thursday, and the mayor asked residents to stay away from the banks.\n"
)


def write(folder: Path, name: str, text: str | bytes) -> Path:
    path = folder / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return path


def statuses(summary):
    """What happened to each article file (the test database beside them is skipped)."""
    return {o.source_file: o.status for o in summary.outcomes if o.status != "skipped"}


def test_same_file_twice_changes_nothing(session, tmp_path):
    write(tmp_path, "flood.txt", "River floods the lower town\n\n" + BODY)
    first = ingest_paths(session=session, paths=[tmp_path], max_bytes=10**6)
    before = [(p.id, p.text) for p in session.exec(select(Paragraph)).all()]
    second = ingest_paths(session=session, paths=[tmp_path], max_bytes=10**6)
    assert statuses(first) == {"flood.txt": "added"} and statuses(second) == {"flood.txt": "unchanged"}
    assert [(p.id, p.text) for p in session.exec(select(Paragraph)).all()] == before


def test_changed_file_reanchors_notes_and_orphans_vanished_quotes(session, tmp_path):
    path = write(tmp_path, "flood.txt", "River floods the lower town\n\n" + BODY)
    ingest_paths(session=session, paths=[path], max_bytes=10**6)
    slug = session.exec(select(Article.slug)).one()
    kept = create_annotation(session=session, draft=AnnotationDraft(article=slug, selector=Selector(exact="About 40 homes"), body="figure"), author="ana")
    lost = create_annotation(session=session, draft=AnnotationDraft(article=slug, selector=Selector(exact="stay away from the banks"), body="advice"), author="ana")
    correct_metadata(session=session, slug=slug, correction=MetadataCorrection(title="Flood in the lower town", published="2024-05-07"))

    # The outlet inserts a paragraph before the figure and rewrites the last sentence.
    new_body = BODY.replace("About 40 homes", "Power was cut in two districts for the night.\n\nAbout 40 homes").replace(
        "stay away from the banks", "keep clear of the river")
    write(tmp_path, "flood.txt", "River floods the lower town\n\n" + new_body)
    summary = ingest_paths(session=session, paths=[path], max_bytes=10**6)
    assert statuses(summary) == {"flood.txt": "updated"} and "1 note(s) orphaned" in summary.outcomes[0].reason

    article = get_article(session=session, slug=slug)
    notes = {n.id: n for n in session.exec(select(Annotation)).all()}
    moved = notes[kept.id]
    assert article.paragraphs[moved.paragraph].text[moved.start:moved.end] == "About 40 homes"
    assert moved.paragraph == kept.paragraph + 1 and not moved.orphaned
    assert notes[lost.id].orphaned and notes[lost.id].body == "advice"  # kept, flagged, not deleted
    assert article.title == "Flood in the lower town" and article.published == "2024-05-07"  # corrections survive


def test_bad_files_rejected_with_reasons_and_the_run_goes_on(session, tmp_path):
    write(tmp_path, "good.txt", "River floods the lower town\n\n" + BODY)
    write(tmp_path, "empty.txt", b"")
    write(tmp_path, "binary.txt", bytes(range(256)) * 20)
    write(tmp_path, "oneline.txt", "Just one line of text.")
    write(tmp_path, "copy.txt", "River floods the lower town\n\n" + BODY)
    write(tmp_path, "huge.txt", "word " * 400_000)
    write(tmp_path, "badmeta.txt", "Another headline here\n\n" + BODY.replace("river", "canal"))
    write(tmp_path, "badmeta.meta.json", "{not json")
    summary = ingest_paths(session=session, paths=[tmp_path, tmp_path / "missing.txt"], max_bytes=1_000_000)
    outcome = {o.source_file: o for o in summary.outcomes}
    assert outcome["good.txt"].status == "added" or outcome["copy.txt"].status == "added"
    rejected = {name for name, o in outcome.items() if o.status == "rejected"}
    assert {"empty.txt", "binary.txt", "oneline.txt", "huge.txt", "badmeta.txt"} <= rejected
    assert ("copy.txt" in rejected) != ("good.txt" in rejected)  # one of the twins is the duplicate
    assert any("missing.txt" in name for name in rejected)
    for name in rejected:
        assert outcome[name].reason and len(outcome[name].reason) > 10
    assert "MB" in outcome["huge.txt"].reason
    assert session.exec(select(Article)).all().__len__() == 1


def test_rejected_new_version_leaves_the_stored_article_alone(session, tmp_path):
    path = write(tmp_path, "flood.txt", "River floods the lower town\n\n" + BODY)
    ingest_paths(session=session, paths=[path], max_bytes=10**6)
    before = [p.text for p in session.exec(select(Paragraph)).all()]
    write(tmp_path, "flood.txt", b"\x00\x01\x02 binary now")
    summary = ingest_paths(session=session, paths=[path], max_bytes=10**6)
    assert statuses(summary) == {"flood.txt": "rejected"}
    assert [p.text for p in session.exec(select(Paragraph)).all()] == before


def test_sidecar_metadata_wins(session, tmp_path):
    write(tmp_path, "flood.txt", "River floods the lower town\n\n" + BODY)
    write(tmp_path, "flood.meta.json", json.dumps({"title": "Sidecar title", "outlet": "Example Gazette",
                                                   "published": "2024-05-07", "language": "en", "url": "https://example.org/a"}))
    ingest_paths(session=session, paths=[tmp_path], max_bytes=10**6)
    article = session.exec(select(Article)).one()
    assert (article.title, article.outlet, article.published, article.url) == ("Sidecar title", "Example Gazette", "2024-05-07", "https://example.org/a")


def test_seeds_titles_outlets_dates_languages(seeded):
    articles = {a.source_file[:3]: a for a in seeded.exec(select(Article)).all()}
    assert len(articles) == 5
    assert articles["001"].published == "2022-01-08" and "china.org.cn" in articles["001"].outlet.lower()
    assert articles["002"].title and not articles["002"].title.startswith("Dernière mise à jour")
    assert articles["003"].language == "ar" and articles["003"].direction == "rtl"
    assert {a.language for k, a in articles.items() if k != "003"} == {"fr"}
    furniture = {k: [p.kind for p in seeded.exec(select(Paragraph).where(Paragraph.article_id == a.id)).all() if p.kind not in ("body", "title")] for k, a in articles.items()}
    assert furniture["001"] and furniture["002"] and furniture["004"]


def test_same_named_files_with_different_texts_are_two_articles(session, tmp_path):
    """An article's identity is where its file was read from, not its bare name."""
    (tmp_path / "dupA").mkdir()
    (tmp_path / "dupB").mkdir()
    a = write(tmp_path / "dupA", "story.txt", "River floods the lower town\n\n" + BODY)
    b = write(tmp_path / "dupB", "story.txt", "Storm closes the harbour\n\n" + BODY.replace("river", "sea"))
    first = ingest_paths(session=session, paths=[a, b], max_bytes=10**6)
    assert [o.status for o in first.outcomes] == ["added", "added"]  # (given as files)
    assert "different text" in first.outcomes[1].reason and "separate article" in first.outcomes[1].reason
    assert sorted(session.exec(select(Article.source_file)).all()) == ["dupB/story.txt", "story.txt"]
    # Re-ingesting each path finds its own article: nothing replaced, nothing added.
    again = ingest_paths(session=session, paths=[b, a], max_bytes=10**6)
    assert [o.status for o in again.outcomes] == ["unchanged", "unchanged"]
    write(tmp_path / "dupB", "story.txt", "Storm closes the harbour again\n\n" + BODY.replace("river", "sea"))
    changed = ingest_paths(session=session, paths=[b], max_bytes=10**6)
    assert statuses(changed) == {"dupB/story.txt": "updated"}
    titles = dict(session.exec(select(Article.source_file, Article.title)).all())
    assert titles["story.txt"] == "River floods the lower town"
    assert any(line.startswith("  added dupB/story.txt: another file") for line in first.lines())


def test_articles_stored_before_paths_were_kept_are_found_by_name(session, tmp_path):
    path = write(tmp_path, "flood.txt", "River floods the lower town\n\n" + BODY)
    ingest_paths(session=session, paths=[path], max_bytes=10**6)
    article = session.exec(select(Article)).one()
    article.source_path = None  # as a database upgraded from before 0006
    session.add(article)
    session.commit()
    again = ingest_paths(session=session, paths=[path], max_bytes=10**6)
    assert statuses(again) == {"flood.txt": "unchanged"}
    assert session.exec(select(Article.source_path)).one() == str(path.resolve())


def test_a_moved_file_is_the_same_article(session, tmp_path):
    old = write(tmp_path, "flood.txt", "River floods the lower town\n\n" + BODY)
    ingest_paths(session=session, paths=[old], max_bytes=10**6)
    (tmp_path / "archive").mkdir()
    new = old.rename(tmp_path / "archive" / "flood.txt")
    moved = ingest_paths(session=session, paths=[new], max_bytes=10**6)
    assert statuses(moved) == {"flood.txt": "unchanged"} and "moved from" in moved.outcomes[0].reason
    assert len(session.exec(select(Article)).all()) == 1


def test_links_out_of_the_folder_and_other_files_are_reported_not_followed(session, tmp_path):
    inbox, outside = tmp_path / "inbox", tmp_path / "outside"
    inbox.mkdir()
    outside.mkdir()
    write(outside, "secret.txt", "Private notes\n\n" + BODY)
    (inbox / "link.txt").symlink_to(outside / "secret.txt")
    write(inbox, "page.html", "<html></html>")
    write(inbox, "bundle.zip", b"PK\x03\x04")
    write(inbox, "flood.txt", "River floods the lower town\n\n" + BODY)
    summary = ingest_paths(session=session, paths=[inbox], max_bytes=10**6)
    got = {Path(o.source_file).name: (o.status, o.reason) for o in summary.outcomes}
    assert got["flood.txt"][0] == "added"
    assert got["link.txt"][0] == "skipped" and "outside" in got["link.txt"][1]
    assert got["page.html"][0] == got["bundle.zip"][0] == "skipped"
    assert "not a .txt file" in got["page.html"][1]
    assert session.exec(select(Article.title)).all() == ["River floods the lower town"]
    assert summary.lines()[0].startswith("1 added, 0 unchanged, 0 updated, 0 rejected, ")


@pytest.mark.parametrize("sidecar, says", [
    ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
    ('{"title": 123}', '"title" must be a string'),
    ('{"published": "not a date"}', '"published" is not a date'),
])
def test_invalid_sidecars_are_rejected_with_the_reason(session, tmp_path, sidecar, says):
    write(tmp_path, "flood.txt", "River floods the lower town\n\n" + BODY)
    write(tmp_path, "flood.meta.json", sidecar)
    summary = ingest_paths(session=session, paths=[tmp_path], max_bytes=10**6)
    assert list(statuses(summary).values()) == ["rejected"]
    assert says in next(o.reason for o in summary.outcomes if o.status == "rejected")
    assert session.exec(select(Article)).all() == []


def test_a_sidecar_url_that_is_not_http_is_left_out_and_said(session, tmp_path):
    write(tmp_path, "flood.txt", "River floods the lower town\n\n" + BODY)
    write(tmp_path, "flood.meta.json", '{"url": "javascript:alert(1)", "outlet": "Valmer Post"}')
    outcome = next(o for o in ingest_paths(session=session, paths=[tmp_path], max_bytes=10**6).outcomes
                   if o.status != "skipped")
    assert outcome.status == "added" and "url was left out" in outcome.reason
    article = session.exec(select(Article)).one()
    assert article.url is None and article.outlet == "Valmer Post"


def _folder_of_files(folder: Path) -> None:
    for n in range(9):
        write(folder, f"town{n}.txt", f"Floods in town number {n}\n\n" + BODY.replace("lower town", f"lower town {n}"))
    write(folder, "empty.txt", b"")
    write(folder, "twin.txt", "Floods in town number 3\n\n" + BODY.replace("lower town", "lower town 3"))


def test_a_pool_of_parsers_and_batched_commits_keep_every_outcome(session, tmp_path, monkeypatch):
    from app.models import IngestEvent
    from app.services import ingest
    from app.services.search import search

    monkeypatch.setattr(ingest, "PARALLEL_FROM", 1)  # even a few files go through the process pool
    monkeypatch.setattr(ingest, "BATCH", 4)
    _folder_of_files(tmp_path)
    summary = ingest_paths(session=session, paths=[tmp_path], max_bytes=10**6)
    assert statuses(summary) == {**{f"town{n}.txt": "added" for n in range(9)}, "empty.txt": "rejected", "twin.txt": "rejected"}
    assert "same content as town3.txt" in {o.source_file: o.reason for o in summary.outcomes}["twin.txt"]
    assert len(session.exec(select(IngestEvent)).all()) == 11
    assert {hit.article for hit in search(session=session, q="town 7").items} == {"town7"}
    again = ingest_paths(session=session, paths=[tmp_path], max_bytes=10**6)
    assert statuses(again) == {**{f"town{n}.txt": "unchanged" for n in range(9)}, "empty.txt": "rejected", "twin.txt": "rejected"}
    # slugs stay unique within a batch and against stored articles
    write(tmp_path, "Town1.txt", "Another town entirely\n\n" + BODY.replace("river", "stream"))
    write(tmp_path, "TOWN1.txt", "Yet another town\n\n" + BODY.replace("river", "brook"))
    third = {o.source_file: o for o in ingest_paths(session=session, paths=[tmp_path], max_bytes=10**6).outcomes}
    assert {third["Town1.txt"].slug, third["TOWN1.txt"].slug} == {"town1-2", "town1-3"}


def test_a_file_the_database_refuses_is_rolled_back_alone(session, tmp_path, monkeypatch):
    from app.services import fulltext, ingest

    index = fulltext.index

    def failing(session_, rows):  # type: ignore[no-untyped-def]
        if any("5" in keys.split() for _, keys in rows):
            raise RuntimeError("refused")
        index(session_, rows)

    monkeypatch.setattr(ingest, "BATCH", 4)
    monkeypatch.setattr(ingest.fulltext, "index", failing)
    _folder_of_files(tmp_path)
    summary = ingest_paths(session=session, paths=[tmp_path], max_bytes=10**6)
    outcome = {o.source_file: o for o in summary.outcomes}
    assert outcome["town5.txt"].status == "rejected" and "internal error" in outcome["town5.txt"].reason
    assert {n for n in range(9) if outcome[f"town{n}.txt"].status == "added"} == {0, 1, 2, 3, 4, 6, 7, 8}
    stored = set(session.exec(select(Article.source_file)).all())
    assert stored == {f"town{n}.txt" for n in range(9)} - {"town5.txt"}
    assert len(session.exec(select(Paragraph)).all()) == 8 * 4
