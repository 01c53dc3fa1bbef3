"""Translation drift: versions of one text that swap a key term, number, actor or frame."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from app.analysis.align import align_paragraphs
from app.analysis.analysed_article import AnalysedArticle, Hit, Vocabulary
from app.analysis.lexicon import DIGITS, tokenize
from app.analysis.numerals import find_numbers
from app.analysis.suggestion import Passage, Suggestion, score

_ACTOR_KINDS = ("person", "organisation", "media")


def translation_suggestions(a: AnalysedArticle, b: AnalysedArticle, vocab: Vocabulary
                            ) -> list[Suggestion]:
    """Aligned passages of two versions that swap a key term for another of its group, a number
    for another, an actor for another of its kind, or a frame for one of another stance."""
    out = []
    for i, j, _ in align_paragraphs(a.text, b.text):
        if i is None or j is None:
            continue
        ha = [h for h in a.concepts if h.paragraph == i]
        hb = [h for h in b.concepts if h.paragraph == j]
        for group in sorted({g for h in ha + hb for k in h.keys if (g := vocab.concept(k).get(
                "group"))}):
            xa = [h for h in ha if _narrow(h, group, vocab)]
            xb = [h for h in hb if _narrow(h, group, vocab)]
            if xa and xb and not any(p.keys & q.keys for p in xa for q in xb):
                out.append(_pair(a, b, xa[0], xb[0], lambda h: "/".join(sorted(h.keys))))
        na, nb = _digit_numbers(a, i, vocab), _digit_numbers(b, j, vocab)
        if set(na) - set(nb) and set(nb) - set(na):
            p = next(h for v, h in na.items() if v not in nb)
            q = next(h for v, h in nb.items() if v not in na)
            out.append(_pair(a, b, p, q, lambda h: "a different number"))  # strong: one of them is wrong
        for kind in _ACTOR_KINDS:
            xa = {m.actor: m for m in a.mentions if m.paragraph == i and m.kind == kind}
            xb = {m.actor: m for m in b.mentions if m.paragraph == j and m.kind == kind}
            # Only actors the other version names elsewhere: one it never names is more often a
            # name not linked across scripts than a swap.
            named_a, named_b = {m.actor for m in a.mentions}, {m.actor for m in b.mentions}
            only_a = [v for k, v in xa.items() if not any(_same_name(k, o) for o in xb) and k in named_b]
            only_b = [v for k, v in xb.items() if not any(_same_name(k, o) for o in xa) and k in named_a]
            if only_a and only_b:  # "Interior Minister X Y" and "X Y" are one person
                out.append(_pair(a, b, _as_hit(a, only_a[0]), _as_hit(b, only_b[0]),
                                 lambda h: min(h.keys), "soft"))  # often a name left out
        fa = [h for h in a.frames if h.paragraph == i]
        fb = [h for h in b.frames if h.paragraph == j]
        sa, sb = (_stances(fs, vocab) - {"neutral"} for fs in (fa, fb))
        if sa and sb and not sa & sb:
            out.append(_pair(a, b, fa[0], fb[0], lambda h: "/".join(
                vocab.frame(k).get("label", k) for k in sorted(h.keys))))
    return out


def _same_name(x: str, y: str) -> bool:
    """One name shares a word with the other: possibly one actor, named two ways."""
    return bool({t.keys[0] for t in tokenize(x)} & {t.keys[0] for t in tokenize(y)})


def _stances(hits: list[Hit], vocab: Vocabulary) -> set[str]:
    return {vocab.frame(k).get("stance", "") for h in hits for k in h.keys}


def _narrow(h: Hit, group: str, vocab: Vocabulary) -> bool:
    return any(vocab.concept(k).get("group") == group and not vocab.concept(k).get("broader")
               for k in h.keys)


def _digit_numbers(art: AnalysedArticle, i: int, vocab: Vocabulary) -> dict[str, Hit]:
    """Numbers written in digits (words are read less surely across languages)."""
    text = art.text.paragraphs[i]
    return {_key(n.value): Hit(i, n.start, n.end, n.text, frozenset({_key(n.value)}))
            for n in find_numbers(text, language=art.language, vocab=vocab.figures)
            if n.text.translate(DIGITS)[:1].isdigit()}


def _key(value: float) -> str:
    """One key per value however written: 1200000, 1.2e6 and 1200000.0 are one number."""
    return repr(float(value))


def _as_hit(art: AnalysedArticle, m: Any) -> Hit:
    return Hit(m.paragraph, m.start, m.end, art.paragraphs[m.paragraph][m.start:m.end],
               frozenset({m.actor}))


def _pair(a: AnalysedArticle, b: AnalysedArticle, p: Hit, q: Hit, name: Callable[[Hit], str],
          strength: str = "strong") -> Suggestion:
    reason = (f"{a.id} ¶{p.paragraph} says “{p.text}” ({name(p)}) where {b.id} ¶{q.paragraph} "
              f"says “{q.text}” ({name(q)})")
    return Suggestion("translation", reason, (Passage(a.id, p.paragraph, p.start, p.end, p.text),
                                              Passage(b.id, q.paragraph, q.start, q.end, q.text)),
                      strength=strength, score=score(strength))
