"""Consistency check of the held-out gold: every figure text and actor sits in the article, every quote too.
`python tests/heldout/check_gold.py [FOLDER]` checks another set in the same format (tests/heldout2)."""
import json
import sys
from pathlib import Path

HERE = Path(sys.argv[1]).resolve() if __name__ == "__main__" and len(sys.argv) > 1 else Path(__file__).resolve().parent
LANGS = {"fr", "en", "ar", "ru"}
KINDS = {"person", "organisation", "country", "media", "place", "group"}
CONTRA_KINDS = {"numeric", "framing", "translation", "stance"}
STRENGTHS = {"strong", "soft", "minor"}
FIG_KEYS = {"paragraph", "text", "value", "value_high", "approximate", "metric", "unit", "source"}


def paragraphs(txt: Path) -> list[str]:
    """Non-empty lines, numbered from 0, as the README defines paragraphs."""
    return [line for line in txt.read_text(encoding="utf-8").split("\n") if line.strip()]


def check_article(txt: Path, errors: list[str]) -> tuple[int, int]:
    gold = json.loads(txt.with_suffix(".json").read_text(encoding="utf-8"))
    paras = paragraphs(txt)
    where = txt.relative_to(HERE)
    if gold.get("language") not in LANGS:
        errors.append(f"{where}: bad language {gold.get('language')!r}")
    body = "\n".join(paras[1:])
    for actor in gold["actors"]:
        if actor["kind"] not in KINDS:
            errors.append(f"{where}: actor {actor['text']!r} has bad kind {actor['kind']!r}")
        if actor["text"] not in body:
            errors.append(f"{where}: actor {actor['text']!r} not in the article")
    texts = [a["text"] for a in gold["actors"]]
    if len(texts) != len(set(texts)):
        errors.append(f"{where}: an actor surface form is listed twice")
    for fig in gold["figures"]:
        if set(fig) != FIG_KEYS:
            errors.append(f"{where}: figure {fig.get('text')!r} keys {sorted(set(fig) ^ FIG_KEYS)}")
            continue
        p = fig["paragraph"]
        if not 1 <= p < len(paras):
            errors.append(f"{where}: figure {fig['text']!r} paragraph {p} out of range (headline is 0)")
            continue
        if fig["text"] not in paras[p]:
            errors.append(f"{where}: figure {fig['text']!r} not in paragraph {p}: {paras[p][:60]!r}")
        if fig["source"] is not None and fig["source"] not in paras[p] and fig["source"] not in body:
            errors.append(f"{where}: source {fig['source']!r} of {fig['text']!r} not in the article")
        high = fig["value_high"]
        if high is not None and high <= fig["value"]:
            errors.append(f"{where}: figure {fig['text']!r} value_high not above value")
        if fig["approximate"] and high is None:
            errors.append(f"{where}: vague figure {fig['text']!r} lacks value_high")
    return len(gold["actors"]), len(gold["figures"])


def check_story(story: Path, errors: list[str]) -> tuple[int, int]:
    gold = json.loads((story / "story.json").read_text(encoding="utf-8"))
    texts = {}
    for name in gold["articles"]:
        txt = story / f"{name}.txt"
        if not txt.exists():
            errors.append(f"{story.name}: article {name} missing")
            continue
        texts[name] = txt.read_text(encoding="utf-8")
    on_disk = {p.stem for p in story.glob("*.txt")}
    if on_disk != set(gold["articles"]):
        errors.append(f"{story.name}: articles listed {sorted(gold['articles'])} != on disk {sorted(on_disk)}")
    items = [("contradiction", c) for c in gold["contradictions"]] + [("agreement", a) for a in gold["agreements"]]
    for what, item in items:
        if what == "contradiction":
            if item["kind"] not in CONTRA_KINDS or item["strength"] not in STRENGTHS:
                errors.append(f"{story.name}: bad kind/strength {item['kind']}/{item['strength']}")
            if item["kind"] == "numeric" and not item.get("metric"):
                errors.append(f"{story.name}: numeric contradiction without metric")
        if len(item["passages"]) < 2:
            errors.append(f"{story.name}: {what} with fewer than two passages")
        for passage in item["passages"]:
            text = texts.get(passage["article"], "")
            if passage["quote"] not in text:
                errors.append(f"{story.name}: quote {passage['quote']!r} not in {passage['article']}")
    return len(gold["contradictions"]), len(gold["agreements"])


def main() -> int:
    errors: list[str] = []
    totals = [0, 0, 0, 0, 0]
    for story in sorted(p for p in HERE.iterdir() if p.is_dir() and (p / "story.json").exists()):
        for txt in sorted(story.glob("*.txt")):
            actors, figures = check_article(txt, errors)
            totals[0] += 1
            totals[1] += actors
            totals[2] += figures
        contradictions, agreements = check_story(story, errors)
        totals[3] += contradictions
        totals[4] += agreements
    for error in errors:
        print("ERROR", error)
    print(f"{totals[0]} articles, {totals[1]} actors, {totals[2]} figures, "
          f"{totals[3]} contradictions, {totals[4]} agreements; {len(errors)} errors")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
