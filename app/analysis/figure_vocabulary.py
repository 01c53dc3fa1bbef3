"""The figure vocabularies (seeds/figures.toml, vocab/metrics.toml, vocab/units.toml) as lexicons."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.analysis.lemmas import LANGUAGES as LEMMA_LANGUAGES
from app.analysis.lemmas import lemma_phrase
from app.analysis.lexicon import Lexicon
from app.analysis.normalize import fold
from app.analysis.number_words import LANGUAGES
from app.analysis.seeds import SEEDS_DIR

VOCAB_DIR = SEEDS_DIR.parent / "vocab"


@dataclass(frozen=True)
class FigureVocabulary:
    """The figure vocabularies; `lang(code)` compiles one language's lists when first asked."""

    data: dict[str, Any]
    _compiled: dict[str, LanguageLists] = field(default_factory=dict, compare=False, repr=False)

    def lang(self, code: str) -> LanguageLists:
        code = (code or "").split("-")[0].split("_")[0].lower()
        if code not in self._compiled:
            known = self.data.get("numbers", {})
            codes = [code] if code in known else sorted(known)
            self._compiled[code] = LanguageLists(self.data, codes)
        return self._compiled[code]

    def metrics(self) -> dict[str, dict[str, Any]]:
        return self.data.get("metrics", {})


def load_figure_vocabulary(path: Path | None = None, vocab_dir: Path | None = None
                           ) -> FigureVocabulary:
    """seeds/figures.toml (or `path`), its metrics added to the concepts of vocab/metrics.toml,
    and the units of vocab/units.toml."""
    with open(path or SEEDS_DIR / "figures.toml", "rb") as fh:
        data = tomllib.load(fh)
    folder = vocab_dir or VOCAB_DIR
    with open(folder / "metrics.toml", "rb") as fh:
        data["metrics"] = {**tomllib.load(fh), **data.get("metrics", {})}
    with open(folder / "units.toml", "rb") as fh:
        data["units"] = tomllib.load(fh)
    return FigureVocabulary(data)


class LanguageLists:
    """One language's lists as lexicons (every language merged for one without lists)."""

    def __init__(self, data: dict[str, Any], codes: list[str]) -> None:
        nums = [data["numbers"][c] for c in codes]
        ctx = [data.get("context", {}).get(c, {}) for c in codes]

        def listed(tables: list[dict[str, Any]], key: str) -> list[str]:
            return [w for t in tables for w in t.get(key, [])]

        def per_lang(table: dict[str, Any], part: str) -> list[tuple[str, str]]:
            return [(w, k) for k, t in table.items() for c in codes
                    for w in t.get(part, {}).get(c, [])]

        def flag(key: str) -> Lexicon:
            return Lexicon((w, 1) for w in listed(ctx, key))

        def entries(kind: str, key: str) -> list[tuple[str, Any]]:
            return [(w, (kind, v)) for n in nums for w, v in n.get(key, {}).items()]

        self.scales = Lexicon(entries("scale", "scales"))
        self.numbers = Lexicon(entries("coll", "collectives") + entries("word", "words")
                               + entries("scale", "scales"))
        self.weak = {fold(w) for w in listed(nums, "weak")}
        self.between, self.between_and, self.range = (
            Lexicon((w, 1) for w in listed(nums, k)) for k in ("between", "between_and", "range"))
        self.thousands = set(listed(nums, "thousands"))
        seps = self.thousands | set(listed(nums, "decimal"))
        marks = "".join(re.escape(s) for s in seps if not s.isspace())
        spaces = "".join(re.escape(s) for s in seps if s.isspace())
        alt = [f"[{marks}]"] if marks else []
        alt += [rf"[{spaces}](?=\d{{3}}(?!\d))"] if spaces else []  # "4 400", not "18 36"
        self.digits = re.compile(r"\d+" + (f"(?:(?:{'|'.join(alt)})\\d+)*" if alt else ""))
        quals = data.get("qualifiers", {})
        self.qual_before = Lexicon((w, q) for w, q in per_lang(quals, "before"))
        self.qual_after = Lexicon((w, q) for w, q in per_lang(quals, "after"))
        def with_lemmas(entries: list[tuple[str, str]]) -> list[tuple[str, str]]:
            """Each phrase also in its lemmas ("évacuées" → "évacué"), for tokens that carry
            theirs (lemmas.with_lemmas): other forms of a listed word then match too."""
            if len(codes) != 1 or codes[0] not in LEMMA_LANGUAGES:
                return entries
            return entries + [(lp, k) for w, k in entries if (lp := lemma_phrase(w, codes[0]))]

        def verb_last(entries: list[tuple[str, str]]) -> list[tuple[str, str]]:
            """Russian puts the verb first or last ("остались без крова" / "без крова
            остались"): a phrase opening with its verb is also listed with the verb last."""
            if codes != ["ru"]:
                return []
            return [(" ".join(w.split()[1:] + w.split()[:1]), k) for w, k in entries
                    if len(w.split()) > 1 and not w.endswith("*")]

        metrics = data.get("metrics", {})
        verbs = per_lang(metrics, "verbs")
        self.nouns = Lexicon(with_lemmas(per_lang(metrics, "nouns")))
        self.verbs = Lexicon(with_lemmas(verbs))
        self.lead = Lexicon(with_lemmas(per_lang(metrics, "lead") + verb_last(verbs)))
        self.populations = Lexicon((w, t.get("label", key))
                                   for key, t in data.get("populations", {}).items()
                                   for c in codes for w in t.get(c, []))
        self.months = Lexicon((w, i) for c in ctx for i, ws in enumerate(c.get("months", []))
                              for w in ws)
        self.periods = Lexicon([(w, f"day:{i}") for c in ctx
                                for i, w in enumerate(c.get("weekdays", []))]
                               + [(w, "span") for w in listed(ctx, "periods")])
        self.topics = Lexicon(with_lemmas(per_lang(metrics, "topics")))
        flags = ("fillers", "auxiliaries", "coordinators", "updates", "since", "parts", "sources",
                 "determiners", "clitics", "identifiers", "out_of", "source_verbs", "not_counts",
                 "negative", "subordinators", "restates", "per", "long_spans")
        (self.fillers, self.auxiliaries, self.coordinators, self.updates, self.since, self.parts,
         self.sources, self.determiners, self.clitics, self.identifiers, self.out_of,
         self.source_verbs, self.not_counts, self.negative, self.subordinators,
         self.restates, self.per, self.long_spans) = (
            flag(k) for k in flags)
        units = data.get("units", {})
        words = [(w, (key, u["kind"])) for key, u in units.items() for c in codes
                 for w in u.get(c, [])]
        self.units = Lexicon((w, p) for w, p in words if re.search(r"\w", w))
        # signs are no words: "$", "€", "°C" are found in the characters around the number
        self.signs_after = sorted(((w, p) for w, p in words if not re.search(r"\w", w)),
                                  key=lambda e: -len(e[0]))
        self.signs_before = sorted(((w, (key, u["kind"])) for key, u in units.items()
                                    for w in u.get("before", [])), key=lambda e: -len(e[0]))
        self.unit_metric = {key: u["metric"] for key, u in units.items() if "metric" in u}
        self.metric_unit = {key: t.get("unit", "people") for key, t in metrics.items()}
        self.metric_units = {key: {t.get("unit", "people"), *t.get("measured_in", [])}
                             for key, t in metrics.items()}
        self.metric_percent = {key: t["percent"] for key, t in metrics.items() if "percent" in t}
        self.metric_bounds = {key: t["bounds"] for key, t in metrics.items() if "bounds" in t}
        self.verbs_count_things = {key for key, t in metrics.items() if t.get("verbs_count_things")}
        self.who = {key for key, t in metrics.items() if t.get("who")}
        self.generic = Lexicon(per_lang(metrics, "generic"))
        self.contexts = Lexicon(per_lang(metrics, "context"))
        self.context_nouns = Lexicon(with_lemmas(per_lang(metrics, "context_nouns")))
        self.source_markers = Lexicon([(w, False) for w in listed(ctx, "sources")]
                                      + [(w, True) for w in listed(ctx, "source_verbs")])
        self.codes = codes
        self.numbers_read: dict[str, tuple[Any, ...]] = {}  # numerals' memo: text -> numbers
        # the language whose number words a parser reads (none for a mix of languages)
        self.word_language = codes[0] if len(codes) == 1 and codes[0] in LANGUAGES else None
