"""Check the corpus gold against its articles: every figure text in its paragraph, every quote in its article."""
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
LANGS = {"fr", "en", "ar", "ru"}
ACTOR_KINDS = {"person", "organisation", "country", "media", "place", "group"}
UNITS = {"people", "count", "tonnes", "km", "km2", "hectares", "magnitude", "percent", "mm",
         "celsius", "barrels", "litres"}
KINDS = {"numeric", "framing", "translation", "stance"}
STRENGTHS = {"strong", "soft", "minor"}


def paragraphs(text):
    """Paragraphs are the non-empty lines, numbered from 0."""
    return [line for line in text.split("\n") if line.strip()]


def is_number(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def check_article(name, text, gold, errors):
    paras = paragraphs(text)
    where = f"{name}.json"
    if gold.get("language") not in LANGS:
        errors.append(f"{where}: bad language {gold.get('language')!r}")
    pub = gold.get("published")
    if pub is not None and not re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d", pub):
        errors.append(f"{where}: bad published {pub!r}")
    seen = set()
    for actor in gold.get("actors", []):
        t, k = actor.get("text"), actor.get("kind")
        if k not in ACTOR_KINDS:
            errors.append(f"{where}: actor {t!r} bad kind {k!r}")
        if not t or t not in text:
            errors.append(f"{where}: actor {t!r} not in article")
        if t in seen:
            errors.append(f"{where}: actor {t!r} listed twice")
        seen.add(t)
    for i, fig in enumerate(gold.get("figures", [])):
        tag = f"{where}: figure {i} {fig.get('text')!r}"
        p = fig.get("paragraph")
        if not isinstance(p, int) or not 0 <= p < len(paras):
            errors.append(f"{tag}: paragraph {p!r} out of range")
            continue
        if not fig.get("text") or fig["text"] not in paras[p]:
            errors.append(f"{tag}: not in paragraph {p}: {paras[p][:80]!r}")
        if not is_number(fig.get("value")):
            errors.append(f"{tag}: value {fig.get('value')!r} is not a number")
        high = fig.get("value_high")
        if high is not None and (not is_number(high) or (is_number(fig.get("value")) and high < fig["value"])):
            errors.append(f"{tag}: bad value_high {high!r}")
        if not isinstance(fig.get("approximate"), bool):
            errors.append(f"{tag}: approximate must be true/false")
        metric = fig.get("metric")
        if not isinstance(metric, str) or not metric or metric != metric.lower():
            errors.append(f"{tag}: bad metric {metric!r}")
        unit = fig.get("unit")
        if unit not in UNITS and not (isinstance(unit, str) and re.fullmatch(r"[A-Z]{3}", unit)):
            errors.append(f"{tag}: bad unit {unit!r}")
        src = fig.get("source")
        if src is not None and not isinstance(src, str):
            errors.append(f"{tag}: bad source {src!r}")


def check_passages(where, passages, texts, errors):
    if not isinstance(passages, list) or len(passages) < 2:
        errors.append(f"{where}: needs two or more passages")
        return
    for ps in passages:
        art, quote = ps.get("article"), ps.get("quote")
        if art not in texts:
            errors.append(f"{where}: unknown article {art!r}")
        elif not quote or quote not in texts[art]:
            errors.append(f"{where}: quote {quote!r} not in {art}")


def check_story(story_dir, errors):
    texts = {}
    for txt in sorted(story_dir.glob("*.txt")):
        texts[txt.stem] = txt.read_text(encoding="utf-8")
        gold_path = txt.with_suffix(".json")
        if not gold_path.exists():
            errors.append(f"{story_dir.name}/{txt.name}: no gold json")
            continue
        check_article(f"{story_dir.name}/{txt.stem}", texts[txt.stem],
                      json.loads(gold_path.read_text(encoding="utf-8")), errors)
    story_path = story_dir / "story.json"
    if not story_path.exists():
        errors.append(f"{story_dir.name}: no story.json")
        return len(texts)
    story = json.loads(story_path.read_text(encoding="utf-8"))
    if sorted(story.get("articles", [])) != sorted(texts):
        errors.append(f"{story_dir.name}/story.json: articles {story.get('articles')} != files {sorted(texts)}")
    for i, c in enumerate(story.get("contradictions", [])):
        where = f"{story_dir.name}/story.json: contradiction {i}"
        if c.get("kind") not in KINDS:
            errors.append(f"{where}: bad kind {c.get('kind')!r}")
        if c.get("strength") not in STRENGTHS:
            errors.append(f"{where}: bad strength {c.get('strength')!r}")
        if c.get("kind") == "numeric" and not c.get("metric"):
            errors.append(f"{where}: numeric without metric")
        check_passages(where, c.get("passages"), texts, errors)
    for i, a in enumerate(story.get("agreements", [])):
        check_passages(f"{story_dir.name}/story.json: agreement {i}", a.get("passages"), texts, errors)
    return len(texts)


def main():
    errors = []
    stories = [d for d in sorted(HERE.iterdir()) if d.is_dir() and not d.name.startswith((".", "_"))]
    n = sum(check_story(d, errors) for d in stories)
    for e in errors:
        print("ERROR", e)
    print(f"{len(stories)} stories, {n} articles, {len(errors)} errors")
    return 1 if errors or not stories else 0


if __name__ == "__main__":
    sys.exit(main())
