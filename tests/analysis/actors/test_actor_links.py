"""The actor page's cross-language suggestions, on articles written for this test: one story
in English, Arabic and Russian names the same unlisted mayor; merging accepts a suggestion.
The articles are analysed as a job does (actors, then claims, which group them into a story)."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

from sqlmodel import Session, select

from app.models import Actor
from app.services.pipeline import analyse_listed
from app.services.actor_links import same_actor_suggestions
from app.services.curation import merge_actors
from app.services.ingest import ingest_paths
from tests.fake_models import FAKE_MODELS

STORY = {
    "flood_en.txt": "Floods in Kalush\n\nMayor Olena Marchuk said the river rose overnight in Kalush, in western Ukraine, "
    "while the interior ministry sent rescuers from Lviv.\n\nThe water reached the old town by morning and "
    "schools were closed for the rest of the week, the mayor added.\n",
    "flood_ar.txt": "فيضانات في كالوش\n\nقالت العمدة أولينا مارتشوك إن النهر ارتفع ليلا في كالوش غربي أوكرانيا، "
    "فيما أرسلت وزارة الداخلية فرق إنقاذ من لفيف.\n\nووصلت المياه إلى البلدة القديمة صباحا وأغلقت المدارس "
    "حتى نهاية الأسبوع، بحسب ما أضافت العمدة، فيما يتوقع خبراء الأرصاد استمرار الأمطار.\n",
    "flood_ru.txt": "Наводнение в Калуше\n\nМэр Олена Марчук заявила, что ночью река поднялась в Калуше на западе Украины, "
    "а МВД направило спасателей из Львова.\n\nК утру вода дошла до старого города, школы закрыты до конца "
    "недели, добавила мэр. Синоптики ожидают, что дожди продолжатся ещё несколько дней.\n",
}


def test_the_same_unlisted_person_is_suggested_across_languages(session: Session, tmp_path: Path):
    for name, text in STORY.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    ingest_paths(session=session, paths=[tmp_path / n for n in STORY], max_bytes=1_000_000)
    analyse_listed(session=session, articles=None, parser_factory=FAKE_MODELS.parser_factory)
    english = session.exec(select(Actor).where(Actor.name == "Olena Marchuk")).one()
    assert not english.confirmed and english.origin in ("title", "candidate")
    suggested = same_actor_suggestions(session=session, actor_id=english.id)
    assert {s.name for s in suggested} >= {"أولينا مارتشوك", "Олена Марчук"}
    assert all(s.kind == "person" for s in suggested)
    arabic = next(s for s in suggested if s.language == "ar")
    merge_actors(session=session, slug=arabic.slug, into=english.slug, author="analyst")
    session.commit()
    again = {s.name for s in same_actor_suggestions(session=session, actor_id=english.id)}
    assert "أولينا مارتشوك" not in again


def test_no_suggestion_for_an_unknown_actor(session: Session):
    assert same_actor_suggestions(session=session, actor_id=None) == []
    assert same_actor_suggestions(session=session, actor_id=10**9) == []


def test_the_actor_page_offers_the_merge(client, tmp_path: Path):
    """The suggestion on the page, and its one-click merge (the existing merge action)."""
    with Session(client.app.state.engine) as session:
        for name, text in STORY.items():
            (tmp_path / name).write_text(text, encoding="utf-8")
        ingest_paths(session=session, paths=[tmp_path / n for n in STORY], max_bytes=1_000_000)
        analyse_listed(session=session, articles=None, parser_factory=FAKE_MODELS.parser_factory)
        english = session.exec(select(Actor).where(Actor.name == "Olena Marchuk")).one()
        russian = session.exec(select(Actor).where(Actor.name == "Олена Марчук")).one()
        slugs = english.slug, russian.slug
    page = client.get(f"/actors/{slugs[0]}")
    assert page.status_code == 200 and "The same actor in another language?" in page.text
    assert "Олена Марчук" in page.text and f"/actors/{quote(slugs[1])}/merge" in page.text
    done = client.post(f"/actors/{quote(slugs[1])}/merge", data={"into": slugs[0]}, follow_redirects=False)
    assert done.status_code == 303
    assert "Олена Марчук" not in client.get(f"/actors/{slugs[0]}").text.split("The same actor")[1][:400]


def test_articles_of_other_stories_are_not_looked_at(session: Session, tmp_path: Path):
    """The same three articles, each in a story of its own (as an analyst may split them): the
    mayor's other spellings are in no story of hers, so nothing is suggested."""
    from app.models import Story, StoryArticle

    for name, text in STORY.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    ingest_paths(session=session, paths=[tmp_path / n for n in STORY], max_bytes=1_000_000)
    analyse_listed(session=session, articles=None, parser_factory=FAKE_MODELS.parser_factory)
    for k, placed in enumerate(session.exec(select(StoryArticle)).all()):
        story = Story(slug=f"apart-{k}", title=f"apart {k}", article_count=1)
        session.add(story)
        session.flush()
        placed.story_id = story.id
        session.add(placed)
    session.commit()
    english = session.exec(select(Actor).where(Actor.name == "Olena Marchuk")).one()
    assert same_actor_suggestions(session=session, actor_id=english.id) == []
