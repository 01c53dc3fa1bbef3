"""Link mentions within an article: short names, role phrases, acronyms, capitals for countries."""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from app.analysis.actors.index import Indexes
from app.analysis.actors.matching import (
    Token,
    arabic_forms,
    arabic_prefixed,
    joined,
    name_tokens,
    skip_letters,
    token_index,
    tokenize,
)
from app.analysis.actors.mention import Mention
from app.analysis.actors.phrases import PhraseMatch
from app.analysis.actors.registry import LanguageRules, Registry
from app.analysis.normalize import fold

_recent_tokens = functools.lru_cache(maxsize=64)(tokenize)
_DATELINE = re.compile(r"[^-\u2013\u2014\n.!?]{1,60}?\s[-\u2013\u2014]\s")
_ACRONYM = re.compile(r"\s*\(([A-ZА-ЯЁ][A-ZА-ЯЁ0-9&]{1,9})\)")  # Latin or Cyrillic capitals
_APPOSITION_BEFORE = re.compile(r"\s*,\s*(?:(?:le|la|l|les|the|son|sa)\b['\u2019]?\s*)?", re.I)


@dataclass
class Para:
    """One paragraph while it is being worked on."""

    index: int
    text: str
    mentions: list[Mention] = field(default_factory=list)
    phrases: list[PhraseMatch] = field(default_factory=list)

    @property
    def tokens(self) -> tuple[Token, ...]:
        """Tokenized when asked, the last few paragraphs' kept: the linking passes read an
        article's paragraphs one after the other, and a long article's tokens are not all held."""
        return _recent_tokens(self.text)

    def covered(self) -> set[int]:
        out: set[int] = set()
        for m in self.mentions:
            first, end = token_index(self.tokens, m.start, m.end)
            out.update(range(first, end))
        for pm in self.phrases:
            out.update(range(pm.first, pm.end))
        return out

    def span(self, first: int, end: int, lead: int = 0) -> tuple[int, int, str]:
        """Characters of tokens [first, end), less `lead` attached Arabic prefix letters."""
        start = skip_letters(self.text, self.tokens[first].start, lead)
        stop = self.tokens[end - 1].end
        return start, stop, self.text[start:stop]


def link_short_names(
    paras: Sequence[Para], registry: Registry, idx: Indexes, rules: LanguageRules
) -> None:
    """"M. Dupont", "le ministre Dupont" -> the one person of the article named "… Dupont"."""
    by_word: dict[str, set[str]] = defaultdict(set)
    confirmed = {m.actor for p in paras for m in p.mentions if m.confirmed}
    for p in paras:
        for m in p.mentions:
            if m.kind != "person":
                continue
            names = [m.text]
            actor = registry.actors.get(m.actor)
            if actor is not None:
                names += actor.names()
            for name in names:
                words = name_tokens(name)
                if len(words) >= 2:
                    for t in words:
                        if _name_word(t, idx, rules):
                            by_word[t.key].add(m.actor)
    if not by_word:
        return

    def target(keys: Sequence[str]) -> str | None:
        for key in keys:
            actors = by_word.get(key, set())
            if len(actors) == 1:
                return next(iter(actors))
        return None

    for p in paras:
        for n, m in enumerate(p.mentions):
            words = [t for t in name_tokens(m.text) if _name_word(t, idx, rules)]
            if m.method in ("model", "candidate") and len(words) == 1:
                actor = target([words[0].key])
                if actor and actor != m.actor:
                    p.mentions[n] = replace(
                        m,
                        actor=actor,
                        kind="person",
                        method="coreference",
                        confirmed=actor in confirmed,
                    )
        covered = p.covered()
        titles = idx.titles | rules.honorifics
        for k, tok in enumerate(p.tokens):
            if k in covered or not _name_word(tok, idx, rules):
                continue
            lead = 0
            if tok.arabic:
                if not (k and titles.intersection(arabic_forms(fold(p.tokens[k - 1].text)))):
                    continue
                forms = arabic_prefixed(fold(tok.text))
                actor = target([core for core, _ in forms])
                lead = next((n for core, n in forms if by_word.get(core)), 0)
            else:
                if not tok.upper or _next_to_capital(p, k, titles):
                    continue
                actor = target([tok.key])
            if actor:
                start, stop, text = p.span(k, k + 1, lead)
                p.mentions.append(
                    Mention(
                        p.index,
                        start,
                        stop,
                        text,
                        actor,
                        "person",
                        "coreference",
                        actor in confirmed,
                    )
                )


def link_roles(paras: Sequence[Para], registry: Registry, rules: LanguageRules) -> None:
    """ "le président égyptien" -> the Egyptian president named in the article (by the registry's
    roles, or by an apposition such as "le président égyptien Abdel Fattah al-Sissi")."""
    mentioned = {m.actor for p in paras for m in p.mentions}
    holders: dict[tuple[str, str], set[str]] = defaultdict(set)
    for link, actor in registry.role_holders():
        if actor.name in mentioned:
            holders[(link.role, link.of)].add(actor.name)
    appositions: set[tuple[int, int]] = set()
    for p in paras:
        persons = [m for m in p.mentions if m.kind == "person"]
        for pm in p.phrases:
            if pm.phrase.category != "role" or pm.of is None:
                continue
            start, stop, _ = p.span(pm.first, pm.end)
            for m in persons:
                if _after_role(p.text, stop, m, rules.honorifics) or _before_role(p.text, start, m):
                    holders[(pm.phrase.key, pm.of)].add(m.actor)
                    appositions.add((p.index, pm.first))
    for p in paras:
        for pm in p.phrases:
            if pm.phrase.category != "role" or pm.of is None or (p.index, pm.first) in appositions:
                continue
            found = holders.get((pm.phrase.key, pm.of), set())
            if len(found) == 1:
                start, stop, text = p.span(pm.first, pm.end, pm.lead)
                p.mentions.append(
                    Mention(
                        p.index, start, stop, text, next(iter(found)), "person", "coreference", True
                    )
                )


def link_acronyms(paras: Sequence[Para]) -> None:
    """ "Institut pour l'étude de la guerre (ISW)": the acronym in brackets after a name is that
    actor, there and wherever else the article uses it."""
    known: dict[str, Mention] = {}
    brackets: list[tuple[Para, Mention]] = []
    for p in paras:
        for m in list(p.mentions):
            found = _ACRONYM.match(p.text, m.end)
            if not found or (m.kind == "person" and m.method != "candidate"):
                continue
            if m.kind == "person":  # a capitalised run with an acronym is no person's name
                m = replace(m, kind="organisation")
                p.mentions = [m if (o.start, o.end) == (m.start, m.end) else o for o in p.mentions]
            start, end = found.span(1)
            brackets.append((p, replace(m, start=start, end=end, text=found.group(1))))
            known.setdefault(found.group(1), m)
    if not known:
        return
    for p in paras:  # a bare abbreviation found by its capitals yields to the name it abbreviates
        p.mentions = [
            m for m in p.mentions if not (m.method == "head" and m.actor == m.text and m.text in known)
        ]
    for p, m in brackets:
        if not any(o.start == m.start for o in p.mentions):
            p.mentions.append(m)
    for p in paras:
        covered = p.covered()
        for k, tok in enumerate(p.tokens):
            m = known.get(tok.text)
            if m is not None and k not in covered:
                p.mentions.append(
                    replace(m, paragraph=p.index, start=tok.start, end=tok.end, text=tok.text)
                )


def link_capitals(paras: Sequence[Para], registry: Registry, rules: LanguageRules) -> None:
    """A capital stands for its country ("Paris a salué") unless it is a place: after a place
    preposition ("à Paris"), an attached Arabic preposition (بباريس), or a dateline."""
    for p in paras:
        slots = [(pm.slot_first, pm.slot_end) for pm in p.phrases if pm.slot == "name"]
        for n, m in enumerate(p.mentions):
            actor = registry.actors.get(m.actor)
            if m.method != "registry" or actor is None or not actor.capital_of:
                continue
            first, end = token_index(p.tokens, m.start, m.end)
            in_slot = any(a <= first and end <= b for a, b in slots)
            if in_slot or not _is_place(p, first, m, rules):
                country = registry.actors.get(actor.capital_of)
                kind = country.kind if country else "country"
                p.mentions[n] = replace(m, actor=actor.capital_of, kind=kind)


def _is_place(p: Para, first: int, m: Mention, rules: LanguageRules) -> bool:
    if m.end <= _dateline_end(p, rules):
        return True
    tok = p.tokens[first]
    if tok.arabic:
        bare = fold(tok.text).lstrip("وف")
        if bare[:1] in "بل" and not fold(m.text).startswith(bare[:1]):
            return True
    if first and not p.text[p.tokens[first - 1].end : tok.start].strip(" \u00a0'\u2019"):
        return p.tokens[first - 1].key in rules.place_prepositions
    return False


def _dateline_end(p: Para, rules: LanguageRules) -> int:
    """End of a dateline ("GAZA/CAIRO, Oct 2 (Reuters) -", "جاكرتا -"): a few name-like words
    before a dash at the start of the paragraph; 0 if there is none."""
    found = _DATELINE.match(p.text)
    if not found:
        return 0
    words = [t for t in p.tokens if t.end <= found.end()]
    if not words or len(words) > 8:
        return 0
    lowered = [
        t for t in words if not t.arabic and t.text[:1].islower() and t.key not in rules.stopwords
    ]
    return found.end() if not lowered else 0


def _name_word(tok: Token, idx: Indexes, rules: LanguageRules) -> bool:
    key = tok.key
    if key in idx.particles or key in rules.honorifics or key in idx.titles:
        return False
    return len(key) >= (3 if tok.arabic else 2) and not key.isdigit()


def _next_to_capital(p: Para, k: int, titles: frozenset[str] | set[str]) -> bool:
    """Token k is part of a longer capitalised name ("Pierre Dupont" is not "Dupont")."""
    toks = p.tokens
    left = (
        k > 0
        and toks[k - 1].upper
        and toks[k - 1].key not in titles
        and joined(p.text, toks[k - 1], toks[k])
    )
    right = k + 1 < len(toks) and toks[k + 1].upper and joined(p.text, toks[k], toks[k + 1])
    return bool(left or right)


def _after_role(text: str, stop: int, m: Mention, honorifics: frozenset[str]) -> bool:
    """The name follows the role: "le président égyptien Abdel Fattah al-Sissi", "…, M. X"."""
    gap = text[stop : m.start]
    if m.start < stop or len(gap) > 12 or any(w.key not in honorifics for w in tokenize(gap)):
        return False
    return set(re.sub(r"\w", "", gap)) <= set(" ,.\u00a0\u202f")


def _before_role(text: str, start: int, m: Mention) -> bool:
    return m.end <= start and bool(_APPOSITION_BEFORE.fullmatch(text[m.end : start]))
