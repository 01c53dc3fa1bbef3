"""Score actor extraction against the hand-made gold: precision, recall, twins, speed.

python -m bench.score_actors [--general-only] [--errors] [--copies 40]

A predicted mention counts as correct when it is in a scored paragraph, its span overlaps a gold
mention's span in the same paragraph (lenient) or equals it (strict), and it names the same actor
(the registry canonical name, or an alias of it, or the same surface name for unlisted actors).
Each gold mention is matched at most once.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Sequence
from pathlib import Path

from app.analysis.actors import Mention, Registry, extract_actors, load_french_model, load_registry
from app.analysis.normalize import fold

ROOT = Path(__file__).resolve().parents[1]
GOLD_FILES = (
    ROOT / "tests/gold/actors_seeds.json",
    ROOT / "tests/gold/other_event/actors_other_event.json",
)
FRENCH_SEEDS = ("000", "001", "002", "004")


def paragraphs(path: Path) -> list[str]:
    return [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def same_actor(predicted: str, gold: str, registry: Registry) -> bool:
    if fold(predicted) == fold(gold):
        return True
    return (
        registry.resolve(predicted) == gold
        or registry.resolve(gold) == registry.resolve(predicted) is not None
    )


def match(
    pred: Sequence[Mention], gold: Sequence[dict], registry: Registry, *, strict: bool
) -> list[tuple[int, int]]:
    """Greedy one-to-one pairs (pred index, gold index), largest overlap first."""
    pairs = []
    for i, m in enumerate(pred):
        for j, g in enumerate(gold):
            if m.paragraph != g["paragraph"] or not same_actor(m.actor, g["actor"], registry):
                continue
            if strict and (m.start, m.end) != (g["start"], g["end"]):
                continue
            overlap = min(m.end, g["end"]) - max(m.start, g["start"])
            if overlap > 0:
                pairs.append((overlap, i, j))
    used_p, used_g, out = set(), set(), []
    for _, i, j in sorted(pairs, reverse=True):
        if i not in used_p and j not in used_g:
            used_p.add(i), used_g.add(j), out.append((i, j))
    return out


class Tally:
    def __init__(self) -> None:
        self.gold = self.pred = self.strict = self.lenient = 0

    def add(self, other: Tally) -> None:
        for k in ("gold", "pred", "strict", "lenient"):
            setattr(self, k, getattr(self, k) + getattr(other, k))

    def row(self, name: str) -> str:
        def pct(a: int, b: int) -> str:
            return f"{100 * a / b:5.1f}" if b else "  -  "

        return (
            f"{name:34} {self.gold:5} {self.pred:5}   "
            f"{pct(self.strict, self.pred)} {pct(self.strict, self.gold)}"
            f"    {pct(self.lenient, self.pred)} {pct(self.lenient, self.gold)}"
        )


def run_article(
    art: dict, registry: Registry, full: Registry, nlp, show_errors: bool
) -> tuple[Tally, list[Mention]]:
    path = ROOT / art["file"]
    scored = set(art["scored_paragraphs"])
    found = extract_actors(
        paragraphs(path),
        language=art["language"],
        registry=registry,
        nlp=nlp if art["language"] == "fr" else None,
    )
    pred = [m for m in found if m.paragraph in scored]
    gold = art["mentions"]
    t = Tally()
    t.gold, t.pred = len(gold), len(pred)
    t.strict = len(match(pred, gold, full, strict=True))
    pairs = match(pred, gold, full, strict=False)
    t.lenient = len(pairs)
    if show_errors:
        hit_p = {i for i, _ in pairs}
        hit_g = {j for _, j in pairs}
        for j, g in enumerate(gold):
            if j not in hit_g:
                print(f"    missed  p{g['paragraph']:<3} {g['text']!r} -> {g['actor']}")
        for i, m in enumerate(pred):
            if i not in hit_p:
                print(f"    false   p{m.paragraph:<3} {m.text!r} -> {m.actor} ({m.method})")
    return t, pred


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--general-only",
        action="store_true",
        help="drop registry entries curated for one story (source = event:...)",
    )
    parser.add_argument("--errors", action="store_true", help="list missed and false mentions")
    parser.add_argument(
        "--copies", type=int, default=40, help="seed copies for the speed test (0: skip)"
    )
    args = parser.parse_args()

    full = load_registry()  # scoring accepts any alias of the gold actor as its name
    registry = load_registry(sources=["general"]) if args.general_only else full
    t0 = time.perf_counter()
    nlp = load_french_model()
    load_s = time.perf_counter() - t0
    print(
        f"registry: {len(registry.actors)} actors{' (general only)' if args.general_only else ''}; "
        f"French model loaded in {load_s:.1f}s ({', '.join(nlp.pipe_names)})\n"
    )
    print(f"{'article':34} {'gold':>5} {'pred':>5}   strict P     R    lenient P     R")
    groups = {
        "French seeds (000 001 002 004)": Tally(),
        "all seeds": Tally(),
        "other-event articles": Tally(),
    }
    predicted: dict[str, list[Mention]] = {}
    golds: dict[str, dict] = {}
    for gold_file in GOLD_FILES:
        data = json.loads(gold_file.read_text(encoding="utf-8"))
        for art in data["articles"]:
            name = Path(art["file"]).name
            if args.errors:
                print(f"  {name}")
            tally, pred = run_article(art, registry, full, nlp, args.errors)
            print(tally.row(f"{name[:30]} [{art['language']}]"))
            predicted[name[:3]], golds[name[:3]] = pred, art
            if art["file"].startswith("seeds/"):
                groups["all seeds"].add(tally)
                if name[:3] in FRENCH_SEEDS:
                    groups["French seeds (000 001 002 004)"].add(tally)
            else:
                groups["other-event articles"].add(tally)
    print()
    for name, tally in groups.items():
        print(tally.row(name))
    twins(predicted, golds, full)
    if args.copies:
        speed(registry, nlp, args.copies)


def twins(predicted: dict[str, list[Mention]], golds: dict[str, dict], registry: Registry) -> None:
    if "000" not in golds or "003" not in golds:
        return
    canon = lambda a: registry.resolve(a) or a  # noqa: E731
    gold_000 = {canon(g["actor"]) for g in golds["000"]["mentions"]}
    gold_003 = {canon(g["actor"]) for g in golds["003"]["mentions"]}
    pred_000 = {canon(m.actor) for m in predicted["000"]}
    pred_003 = {canon(m.actor) for m in predicted["003"]}
    target = gold_000 & gold_003
    found = target & pred_003
    print(
        f"\ntwins 000 (fr) -> 003 (ar): {len(found)}/{len(target)} actors of 000 "
        "that occur in 003 are found there"
        f"; {len(pred_000 & pred_003)}/{len(pred_000)} actors found in 000 are also found in 003"
    )
    if target - found:
        print("  not found in 003:", ", ".join(sorted(target - found)))


def speed(registry: Registry, nlp, copies: int) -> None:
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    articles = [(paragraphs(p), "ar" if p.name.startswith("003") else "fr") for p in seeds] * copies
    french = [a for a in articles if a[1] == "fr"]
    t0 = time.perf_counter()
    for paras, lang in articles:
        extract_actors(paras, language=lang, registry=registry, nlp=nlp if lang == "fr" else None)
    total = time.perf_counter() - t0
    t0 = time.perf_counter()
    for paras, _ in french:
        extract_actors(paras, language="fr", registry=registry, nlp=None)
    rules_only = time.perf_counter() - t0
    print(
        f"\nspeed, seeds x{copies} ({len(articles)} articles, one process): "
        f"{len(articles) / total:.1f} articles/s with the model for French; "
        f"registry rules alone {len(french) / rules_only:.0f} French articles/s"
    )


if __name__ == "__main__":
    main()
