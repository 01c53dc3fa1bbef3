"""Articles per CPU second of the claim analysis (figures alone, and the whole analysed article) on
the seeds and the tests/gold articles: python -m bench.figures_speed [--rounds N]."""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from app.analysis.actors import extract_actors, load_registry
from app.analysis.contradictions import analyse_article, load_vocabulary
from app.analysis.figures import find_figures
from app.analysis.lexicon import _tokenize
from app.ingest.language import detect_language

ROOT = Path(__file__).resolve().parents[1]


def articles() -> list[tuple[str, list[str], str]]:
    files = sorted((ROOT / "seeds").glob("*.txt")) + sorted((ROOT / "tests/gold").rglob("*.txt"))
    out = []
    for path in files:
        paras = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        out.append((path.stem, paras, detect_language("\n".join(paras))))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    vocab, registry, arts = load_vocabulary(), load_registry(), articles()
    mentions = {a: extract_actors(p, language=lang, registry=registry) for a, p, lang in arts}
    for name, run in (
        ("figures", lambda a, p, lang: [find_figures(i, t, language=lang, vocab=vocab.figures)
                                        for i, t in enumerate(p)]),
        ("analysed article", lambda a, p, lang: analyse_article(a, p, language=lang,
                                                                mentions=mentions[a], vocab=vocab)),
    ):
        for art in arts:  # compile every language's vocabularies and load its data first
            run(*art)
        t0 = time.process_time()  # CPU time: other processes on the machine do not count
        for _ in range(args.rounds):
            _tokenize.cache_clear()  # every round reads the text anew
            for lists in vocab.figures._compiled.values():
                getattr(lists, "numbers_read", {}).clear()
            for art in arts:
                run(*art)
        rate = args.rounds * len(arts) / (time.process_time() - t0)
        print(f"{name}: {rate:.1f} articles/s ({len(arts)} articles x {args.rounds} rounds)")


if __name__ == "__main__":
    main()
