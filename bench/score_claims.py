"""Score figures, statements, suggestions and paragraph alignment against the hand-made gold.

python -m bench.score_claims [--model] [--errors]

Gold: tests/gold/claims_seeds.json (the seeds), tests/gold/claims_other/claims_other.json and
maravan.json (articles written for the tests about two invented events; the Maravan gold was
written before those articles were first analysed). A figure counts as found when a
predicted one is in the same paragraph, overlaps the gold span and has the same metric and value.
An expected suggestion is found when a suggestion of its kind involves one passage of every
must_involve group and its reason holds every reason_contains string; suggestion precision is the
share of suggestions that are expected ones. Alignment accuracy is the share of gold pairs (gaps
included) that the aligner returns. Actors come from the registry rules (with --model, French
articles also go through the spaCy model, as ingest does).
"""

from __future__ import annotations

import argparse
import itertools
import json
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from app.analysis.actors import extract_actors, load_french_model, load_registry
from app.analysis.align import align_paragraphs, version_score
from app.analysis.speakers import load_french_parser, parsed_subjects, with_parsed_speakers
from app.analysis.contradictions import (
    AnalysedArticle,
    Suggestion,
    Vocabulary,
    analyse_article,
    load_vocabulary,
    suggest_contradictions,
)

ROOT = Path(__file__).resolve().parents[1]
GOLD_FILES = (ROOT / "tests/gold/claims_seeds.json",
              ROOT / "tests/gold/claims_other/claims_other.json",
              ROOT / "tests/gold/claims_other/maravan.json")


PARSE = False  # set by --parse
# These gold files annotate counts of people under the eleven metrics the analysis had when they
# were written; figures of other metrics (money, votes, crowds the gold never listed) are out of
# their scope, so they are neither found nor false here (tests/corpus scores every figure).
GOLD_SCOPE = {"killed", "injured", "arrested", "detained", "missing", "displaced", "evacuated",
              "attacked", "troops_deployed", "affected", "rescued"}


def paragraphs(path: Path) -> list[str]:
    return [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def analyse_gold(gold: dict[str, Any], vocab: Vocabulary, registry: Any = None, nlp: Any = None
                 ) -> dict[str, AnalysedArticle]:
    registry = registry or load_registry()
    out = {}
    for art in gold["articles"]:
        paras = paragraphs(ROOT / art["file"])
        lang = art["language"]
        mentions = extract_actors(paras, language=lang, registry=registry,
                                  nlp=nlp if lang == "fr" else None)
        found = analyse_article(art["id"], paras, language=lang, mentions=mentions, vocab=vocab)
        if PARSE and lang == "fr" and found.statements:  # as ingest does: speakers from the parse
            subjects = parsed_subjects(found.paragraphs, found.statements, load_french_parser())
            found = replace(found, statements=tuple(with_parsed_speakers(found.statements, subjects, found.mentions)))
        out[art["id"]] = found
    return out


@dataclass
class FigureScore:
    gold: int = 0
    predicted: int = 0
    matched: int = 0
    population_ok: int = 0
    qualifier_ok: int = 0

    def pr(self) -> tuple[float, float]:
        return (self.matched / self.predicted if self.predicted else 1.0,
                self.matched / self.gold if self.gold else 1.0)


def score_figures(gold: dict[str, Any], arts: dict[str, AnalysedArticle],
                  errors: list[str] | None = None) -> FigureScore:
    s = FigureScore()
    for art in gold["articles"]:
        pred = [f for f in arts[art["id"]].figures if f.metric in GOLD_SCOPE]
        s.gold += len(art["figures"])
        s.predicted += len(pred)
        used: set[int] = set()
        for g in art["figures"]:
            hit = next((k for k, f in enumerate(pred) if k not in used
                        and f.paragraph == g["paragraph"] and f.start < g["end"]
                        and g["start"] < f.end and f.metric == g["metric"]
                        and float(f.value) == float(g["value"])), None)
            if hit is None:
                if errors is not None:
                    errors.append(f"missed  {art['id']} ¶{g['paragraph']} {g['text']!r} "
                                  f"{g['metric']}")
                continue
            used.add(hit)
            s.matched += 1
            s.population_ok += pred[hit].population == g["population"]
            s.qualifier_ok += pred[hit].qualifier == g["qualifier"]
        if errors is not None:
            errors += [f"false   {art['id']} ¶{f.paragraph} {f.text!r} {f.metric} {f.value}"
                       for k, f in enumerate(pred) if k not in used]
    return s


def expected_found(expected: dict[str, Any], suggestions: list[Suggestion]) -> Suggestion | None:
    for s in suggestions:
        where = {(p.article, p.paragraph) for p in s.passages}
        if s.kind == expected["kind"] \
                and all(any(tuple(x) in where for x in group)
                        for group in expected["must_involve"]) \
                and all(t in s.reason for t in expected.get("reason_contains", [])):
            return s
    return None


def score_statements(gold: dict[str, Any], arts: dict[str, AnalysedArticle]) -> tuple[int, int]:
    ok = 0
    for g in gold.get("statements", []):
        for s in arts[g["article"]].statements:
            if s.paragraph == g["paragraph"] and g["content_contains"] in s.content \
                    and s.speaker == g["speaker"] and s.origin.name == g["origin"] \
                    and ("reporter" not in g or any(x.name == g["reporter"] and x.role == "reporter"
                                                    for x in s.sources)):
                ok += 1
                break
    return ok, len(gold.get("statements", []))


def alignment_accuracy(gold: dict[str, Any], arts: dict[str, AnalysedArticle]) -> float | None:
    spec = gold["alignment"]
    if not spec:
        return None
    got = {(i, j) for i, j, _ in align_paragraphs(arts[spec["a"]].text, arts[spec["b"]].text)}
    want = {(i, j) for i, j in spec["pairs"]}
    return len(got & want) / len(want)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", action="store_true", help="French articles through spaCy too")
    parser.add_argument("--errors", action="store_true", help="list missed and false figures")
    parser.add_argument("--parse", action="store_true", help="French speakers from the dependency parse, as ingest does")
    args = parser.parse_args()
    global PARSE
    PARSE = args.parse
    vocab, registry = load_vocabulary(), load_registry()
    nlp = load_french_model() if args.model else None
    all_arts: dict[str, AnalysedArticle] = {}
    for path in GOLD_FILES:
        gold = json.loads(path.read_text(encoding="utf-8"))
        t0 = time.perf_counter()
        arts = analyse_gold(gold, vocab, registry, nlp)
        suggestions = suggest_contradictions(list(arts.values()), vocab=vocab)
        elapsed = time.perf_counter() - t0
        all_arts.update(arts)
        errors: list[str] | None = [] if args.errors else None
        fs = score_figures(gold, arts, errors)
        p, r = fs.pr()
        print(f"== {path.relative_to(ROOT)}  ({len(arts)} articles, {elapsed:.2f}s)")
        print(f"figures: {fs.matched}/{fs.gold} gold found, {fs.predicted} predicted -> "
              f"precision {100 * p:.1f}%  recall {100 * r:.1f}%  "
              f"(population right {fs.population_ok}/{fs.matched}, "
              f"qualifier right {fs.qualifier_ok}/{fs.matched})")
        for line in errors or []:
            print("   ", line)
        ok, n = score_statements(gold, arts)
        print(f"statements: {ok}/{n} gold statements with the right speaker, origin and reporter")
        matched: set[int] = set()
        for e in gold["expected_suggestions"]:
            s = expected_found(e, suggestions)
            print(f"  [{'x' if s else ' '}] {e['kind']:11} {e['name']}")
            if s:
                matched.add(id(s))
        print(f"suggestions: {len(suggestions)} made, {len(matched)} expected -> precision "
              f"{100 * len(matched) / len(suggestions) if suggestions else 100:.1f}%")
        for s in suggestions:
            print(f"    {'  ' if id(s) in matched else '? '}{s.kind}: {s.reason}")
        spec, accuracy = gold["alignment"], alignment_accuracy(gold, arts)
        if spec and accuracy is not None:
            print(f"alignment {spec['a']}/{spec['b']}: {100 * accuracy:.1f}% "
                  f"of {len(spec['pairs'])} gold pairs")
        versions = {tuple(x) for x in gold["versions"]["pairs"]}
        for a, b in itertools.combinations(arts, 2):
            v = version_score(arts[a].text, arts[b].text)
            mark = "  (versions)" if (a, b) in versions else ""
            print(f"    version_score {a} / {b}: {v:.3f}{mark}")
        print()
    t0 = time.perf_counter()
    mixed = suggest_contradictions(list(all_arts.values()), vocab=vocab)
    print(f"both sets together ({len(all_arts)} articles, {time.perf_counter() - t0:.2f}s): "
          f"{len(mixed)} suggestions, "
          f"{sum(len({_event(p.article) for p in s.passages}) > 1 for s in mixed)} "
          "mixing events")


def _event(article_id: str) -> str:
    """The seeds are one event; the written articles are named after theirs ("veldara_…")."""
    return "seeds" if article_id.isdigit() else article_id.split("_")[0]


if __name__ == "__main__":
    main()
