"""Score figure matching (one figure reported by several articles) against the corpus gold's
agreements: pairs of figures two articles of a story agree on.

python -m bench.claim_matches [--set corpus|heldout] [--db PATH] [--errors] [--timing]

The set is ingested and analysed as `readingroom ingest` does (into PATH when given and kept, so a
second run only scores). A gold agreement is found when the figures covering its passages are in
one matched claim; a stored figure pair is right when both figures cover the passages of one gold
agreement (gold lists agreements, not every figure two articles share: precision is a floor).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from bench.quality import CORPUS, HELDOUT, GoldSet, _line_map, _occurrences, load_corpus


def build(gold: GoldSet, db: Path) -> str:
    from sqlmodel import Session

    from app.config import Settings
    from app.db import make_engine, migrate
    from app.services.ingest import ingest_paths
    from app.services.pipeline import analyse_changed

    url = f"sqlite:///{db}"
    if not db.exists():
        settings = Settings(database_url=url, data_dir=db.parent, max_file_bytes=5_000_000, seeds_dir=Path("seeds"))
        engine = make_engine(settings)
        migrate(engine)
        with Session(engine) as session:
            ingest_paths(session=session, paths=[a.path for a in gold.articles.values()], max_bytes=5_000_000)
            analyse_changed(session=session, everything=True)
        engine.dispose()
    else:  # matching changed since: match again over the stored analysis
        from sqlmodel import create_engine, select

        from app.models import Article

        engine = create_engine(url)
        with Session(engine) as session:
            rematch(session, session.exec(select(Article)).all())
        engine.dispose()
    return url


def rematch(session: Any, articles: list[Any], warm: bool = False) -> float:
    """Match these articles again over their stored analysis; the seconds matching took (`warm`:
    their analysed forms read first, so only matching is timed)."""
    import time

    from app.services import claim_analysis
    from app.services.claim_matches import store_matches

    vocab = claim_analysis._vocabulary()
    form = lambda a: claim_analysis._analyse(session, a, vocab)
    for a in articles if warm else []:
        form(a)
    start = time.perf_counter()
    store_matches(session=session, articles=articles, neighbours=claim_analysis.NEIGHBOURS, form=form,
                  concepts=frozenset(vocab.figures.metrics()))
    return time.perf_counter() - start


def score(gold: GoldSet, url: str, errors: list[str]) -> dict[str, float | int]:
    from sqlmodel import Session, create_engine, select

    from app.models import Article, Claim, ClaimMatch, Paragraph
    from app.services.claim_groups import matched_groups

    engine = create_engine(url)
    with Session(engine) as session:
        names = {a.id: Path(a.source_file).stem for a in session.exec(select(Article)).all()}
        figures: dict[tuple[str, int], list[tuple[int, int, int]]] = {}  # (article, gold line) -> (claim, start, end)
        for a_id, name in names.items():
            paras = session.exec(select(Paragraph).where(Paragraph.article_id == a_id).order_by(Paragraph.index)).all()
            where = _line_map(gold.articles[name].lines, [p.text for p in paras])
            for c in session.exec(select(Claim).where(Claim.article_id == a_id, Claim.kind == "figure")).all():
                if c.paragraph in where:
                    line, off = where[c.paragraph]
                    figures.setdefault((name, line), []).append((c.id, c.start - off, c.end - off))  # type: ignore[arg-type]

        def covering(article: str, quote: str) -> set[int]:
            out = set()
            for i, text in enumerate(gold.articles[article].lines):
                for at in _occurrences(text, quote):
                    out |= {c for c, s, e in figures.get((article, i), []) if s < at + len(quote) and at < e}
            return out

        sides = [[covering(p["article"], p["quote"]) for p in a["passages"]] for a in gold.agreements]
        groups = matched_groups(session=session, claim_ids={c for s in sides for side in s for c in side})
        found = pair_gold = pair_found = 0
        for a, s in zip(gold.agreements, sides, strict=True):
            for k in range(len(s)):
                for m in range(k + 1, len(s)):
                    pair_gold += 1
                    pair_found += any(s[m] & {x.id for x, _ in groups.get(c, [])} for c in s[k])
            ok = all(s) and any(all(side & {x.id for x, _ in groups.get(c, [])} for side in s) for c in s[0])
            found += ok
            if not ok:
                errors.append(f"agreement missed {a.get('metric')}: {[p['article'] + ': ' + p['quote'] for p in a['passages']]}"
                              + ("" if all(s) else " (a passage holds no figure)"))
        gold_pairs = {frozenset((x, y)) for s in sides for k in range(len(s)) for m in range(k + 1, len(s))
                      for x in s[k] for y in s[m]}
        pairs = session.exec(select(ClaimMatch).where(ClaimMatch.how == "figure")).all()
        right = sum(frozenset((p.claim_id, p.other_id)) in gold_pairs for p in pairs)
        text = {c.id: (names[c.article_id], c.text, c.metric, c.value) for c in session.exec(select(Claim).where(Claim.kind == "figure")).all()}
        for p in pairs:
            if frozenset((p.claim_id, p.other_id)) not in gold_pairs:
                errors.append(f"pair not in gold: {text[p.claim_id]} = {text[p.other_id]}")
    engine.dispose()
    return {"agreements": len(gold.agreements), "found": found, "recall": round(found / max(len(gold.agreements), 1), 3),
            "passage_pairs": pair_gold, "pairs_found": pair_found, "pair_recall": round(pair_found / max(pair_gold, 1), 3),
            "pairs": len(pairs), "right": right, "precision": round(right / max(len(pairs), 1), 3)}


def timing(url: str) -> dict[str, float]:
    """Matching every article again (analysed forms already in memory) and reading a page of 100 claims' groups."""
    import time

    from sqlmodel import Session, create_engine, select

    from app.models import Article, Claim
    from app.services.claim_groups import matched_groups

    engine = create_engine(url)
    with Session(engine) as session:
        articles = list(session.exec(select(Article)).all())
        matching = rematch(session, articles, warm=True)
        t0 = time.perf_counter()
        matched_groups(session=session, claim_ids=list(session.exec(select(Claim.id).limit(100)).all()))
        reading = time.perf_counter() - t0
    engine.dispose()
    return {"match_ms_per_article": round(matching * 1000 / max(len(articles), 1), 1), "groups_ms_per_page": round(reading * 1000, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=("corpus", "heldout"), default="corpus")
    parser.add_argument("--db", type=Path, default=None)
    parser.add_argument("--errors", action="store_true")
    parser.add_argument("--timing", action="store_true", help="also time matching and reading groups")
    args = parser.parse_args()
    gold = load_corpus(CORPUS) if args.set == "corpus" else load_corpus(HELDOUT, "heldout")
    db = args.db or Path(f"/tmp/readingroom-matches-{args.set}.db")
    errors: list[str] = []
    url = build(gold, db)
    print(score(gold, url, errors))
    if args.timing:
        print(timing(url))
    for line in errors if args.errors else []:
        print("   ", line)


if __name__ == "__main__":
    main()
