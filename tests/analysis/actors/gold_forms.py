"""Score actor mentions against gold surface forms of one paragraph (overlap of spans)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from app.analysis.actors import Mention


def spans_of(text: str, forms: Sequence[str]) -> list[tuple[int, int]]:
    out = []
    for form in forms:
        for m in re.finditer(re.escape(form), text):
            out.append((m.start(), m.end()))
    return out


def score(text: str, found: Sequence[Mention], gold: Sequence[str], optional: Sequence[str] = ()
          ) -> tuple[int, int, int, list[str], list[str]]:
    """(gold forms found, mentions predicted that count, of them correct, missed, false)."""
    gold_spans = {form: spans_of(text, [form]) for form in gold}
    loose = spans_of(text, optional)

    def hits(m: Mention, spans: Sequence[tuple[int, int]]) -> bool:
        return any(min(m.end, e) > max(m.start, s) for s, e in spans)

    found_forms = [f for f, spans in gold_spans.items() if any(hits(m, spans) for m in found)]
    missed = [f for f in gold if f not in found_forms]
    counted = [m for m in found if not hits(m, loose) or any(hits(m, s) for s in gold_spans.values())]
    correct = [m for m in counted if any(hits(m, s) for s in gold_spans.values())]
    false = [m.text for m in counted if m not in correct]
    return len(found_forms), len(counted), len(correct), missed, false
