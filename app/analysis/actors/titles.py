"""Names after titles and roles ("العميد X", "Interior Minister X", "министр обороны X"), and the
institution a title names ("وزير الصحة" -> the organisation "وزارة الصحة")."""

from __future__ import annotations

from collections.abc import Sequence

from app.analysis.actors.context import Ctx, Hit
from app.analysis.actors.organisations import complement_words, idafa_end, org_at
from app.analysis.actors.phrases import PhraseMatch
from app.analysis.normalize import fold


def title_spans(c: Ctx, roles: Sequence[PhraseMatch]) -> list[tuple[int, int, str, str]]:
    """(first, end, "title"|"head", head word) of every title: the vocabulary's, and the
    registry's role phrases ("foreign minister", "وزير الخارجية")."""
    out = [(pm.first, pm.end, "title", "") for pm in roles if pm.phrase.category == "role"]
    busy = {k for f, e, _, _ in out for k in range(f, e)}
    i = 0
    while i < len(c.tokens):
        found = c.vocab.titles.match(c.text, c.tokens, i) if i not in busy else []
        if not found:
            i += 1
            continue
        end = found[0].end
        heads = [f for f in found if f.entry.payload == "head"]
        if heads:
            best = heads[0]
            out.append((i, best.end, "head", " ".join(best.entry.keys)))
            i = best.end
        else:
            out.append((i, end, "title", ""))
            i = end
    return sorted(out)


def titled_names(
    c: Ctx, roles: Sequence[PhraseMatch], taken: set[int], persons: frozenset[int] = frozenset()
) -> tuple[list[Hit], set[int]]:
    """Person names after titles, organisations in the titles' complements; and the title
    tokens, which a capitalised-name run must not swallow ("Health Minister John Smith").
    `persons`: tokens of people already found, whose title needs nothing more."""
    hits: list[Hit] = []
    title_tokens: set[int] = set()
    for first, end, kind, head in title_spans(c, roles):
        title_tokens.update(range(first, end))
        j = end
        if j in persons:
            continue  # "الرئيس [قاسم جومارت توكاييف] حالة الطوارئ": the name is known
        quoted = _quoted(c, j) if kind == "head" else None
        if quoted is not None:  # "лидер [«Нового Туниса»] Сами бен Рамдан"
            qf, qe = quoted
            title_tokens.update(range(qf, qe))
            if not taken & set(range(qf, qe)):
                hits.append(Hit(qf, qe, "organisation", "title", _org_name(c, "", qf, qe, "organisation")))
            j = qe
            if j < len(c.tokens) and c.text[c.tokens[j - 1].end : c.tokens[j].start].strip(" ") in _CLOSE:
                stop = c.name_run(j) if not c.tokens[j].arabic else c.arabic_name(j)
                if stop > j and not taken & set(range(j, stop)) and not _not_person(c, j, stop):
                    hits.append(Hit(j, stop, "person", "title"))
            continue
        arabic = j < len(c.tokens) and c.tokens[j].arabic
        comp = _complement(c, j, taken, head) if kind == "head" or arabic else None
        if comp is not None and kind != "head" and c.arabic_name(comp[1]) == comp[1]:
            comp = None  # after a plain title, a complement counts only if a name follows it
        if comp is not None:
            cf, ce, what = comp
            title_tokens.update(range(j, ce))
            if what and not taken & set(range(cf, ce)):
                hits.append(Hit(cf, ce, what, "title", _org_name(c, head, cf, ce, what)))
            j = ce
        else:
            org = org_at(c, j, taken) if j < len(c.tokens) and c.joined(j) else None
            if org is not None:  # "المتحدث باسم [وزارة الداخلية] X": the organisations pass has it
                j = org[0]
        j = _skip_modifiers(c, j)
        if j >= len(c.tokens) or not c.joined(j) or j in taken:
            continue
        stop = c.arabic_name(j) if c.tokens[j].arabic else c.name_run(j)
        if stop - j == 1 and not c.tokens[j].arabic:
            continue  # "le ministre Durand": a surname alone is left to linking with the full name
        if stop > j and not taken & set(range(j, stop)) and not _not_person(c, j, stop):
            hits.append(Hit(j, stop, "person", "title"))
    return hits, title_tokens


def attributed_names(c: Ctx, taken: set[int]) -> list[Hit]:
    """Arabic names right after a verb of saying and before "إن"/"أن" or a comma:
    "قال أحمد بنسعيد، ..." (Arabic has no capitals to find them by)."""
    out: list[Hit] = []
    for k in range(len(c.tokens) - 1):
        found = c.vocab.reporting_verbs.match(c.text, c.tokens, k)
        if not found or found[0].end in taken or not c.joined(found[0].end):
            continue
        j = found[0].end
        stop = c.arabic_name(j, limit=3)
        if stop == j or any(t in taken for t in range(j, stop)):
            continue
        after = c.text[c.tokens[stop - 1].end : c.tokens[stop].start if stop < len(c.tokens) else None]
        closes = stop < len(c.tokens) and c.tokens[stop].key in _COMPLEMENTISERS and c.joined(stop)
        if closes or after.strip()[:1] in ("،", ",", ":", "؛"):
            out.append(Hit(j, stop, "person", "attribution"))
    return out


_OPEN, _CLOSE = ("«", "“", "„", '"'), ("»", "”", "“", '"')


def _quoted(c: Ctx, j: int) -> tuple[int, int] | None:
    """The token range of a quoted name right after a title: «Нового Туниса», “Tunisia Now”."""
    if j >= len(c.tokens) or j == 0:
        return None
    gap = c.text[c.tokens[j - 1].end : c.tokens[j].start].strip()
    if gap not in _OPEN:
        return None
    end = j
    while end < len(c.tokens) and end - j < 6:
        after = c.text[c.tokens[end].end : c.tokens[end + 1].start if end + 1 < len(c.tokens) else None]
        end += 1
        if any(q in after for q in _CLOSE):
            return j, end
        if not c.joined(end):
            break
    return None


_COMPLEMENTISERS = frozenset(fold(w) for w in ("إن", "أن", "ان", "إنه", "أنه", "إنها", "أنها"))


def _complement(c: Ctx, j: int, taken: set[int], head: str) -> tuple[int, int, str] | None:
    """(first, end, kind or "" when it names no actor) of a head title's complement: "وزير [الصحة]",
    "spokesman for [the army]", "пресс-секретарь [Кремля]", "министр [по чрезвычайным ситуациям]"."""
    if j >= len(c.tokens) or not c.joined(j):
        return None
    k = j
    connector = c.vocab.title_of.match(c.text, c.tokens, k)
    if connector:
        k = connector[0].end
        if k >= len(c.tokens) or not c.joined(k):
            return None
        while k < len(c.tokens) and c.tokens[k].key in c.rules.determiners and c.joined(k + 1):
            k += 1
    if k in taken:  # a registry name: skip over it, it is already a mention
        end = k
        while end in taken and (end == k or c.joined(end)):
            end += 1
        return k, end, ""
    latin = not c.tokens[k].arabic and c.language != "ru"
    if head in c.vocab.place_heads and (connector or not latin):
        # "mayor of [Lyon]", "عمدة [ماراثون]", "мэр [Новосибирска]"; "Mayor Smith" is a name
        place = _place_complement(c, k)
        if place is not None:
            return k, place, "place"
    org = org_at(c, k, taken)
    if org is not None:
        return k, org[0], org[1]
    if c.language == "ru" and c.tokens[k].key == "по" and not connector:
        end = complement_words(c, k + 1, case="datv")
        return (k, end, "organisation") if end > k + 1 else None
    end = complement_words(c, k)
    if end == k:
        end = idafa_end(c, k)  # "باسم [خدمات الطوارئ]"
    if end == k:
        return None
    if any(c.lemmas[n].key in c.vocab.regions for n in range(k, end)):
        return k, end, "place"  # "губернатор [Тульской области]"
    proper = c.capital(k) and not c.tokens[k].arabic
    return k, end, "organisation" if proper or head in c.vocab.org_from_title else ""


def _place_complement(c: Ctx, k: int) -> int | None:
    """End of the place a "mayor"-like title governs: a known place, a place noun and its
    name ("إقليم كراسنودار"), a capitalised run, an Arabic word before a name."""
    found = c.place(k)
    if found is not None:
        return found[0]
    noun = c.vocab.place_nouns.match(c.text, c.lemmas, k)
    if noun and noun[0].end < len(c.tokens) and c.joined(noun[0].end):
        return noun[0].end + 1
    if c.tokens[k].arabic:
        if not c.definite(k) and not c.is_stop(k) and c.arabic_name(k + 1) > k + 1:
            return k + 1
        return None
    if c.language == "ru":
        end = complement_words(c, k)
        return end if end > k else None
    end = c.name_run(k, 3)
    return end if end > k else None


def _org_name(c: Ctx, head: str, first: int, end: int, kind: str) -> str | None:
    """The institution a title names: "وزير" + "الصحة" -> "وزارة الصحة"; None: as written."""
    institution = c.vocab.org_from_title.get(head) if kind == "organisation" else None
    text = c.text[c.tokens[first].start : c.tokens[end - 1].end]
    if institution is None:
        if c.language == "ru":
            from app.analysis.actors.russian import nominative

            return nominative(text, head_only=kind == "organisation")
        return None
    if c.language == "en":
        return f"{institution} of {text}"
    return f"{institution} {text}"


def _skip_modifiers(c: Ctx, j: int) -> int:
    """Skip "former", "السابق", nationality adjectives and a country in Russian
    ("министр обороны России Андрей Белоусов") between a title and the name."""
    while j < len(c.tokens) and c.joined(j):
        found = c.vocab.modifiers.match(c.text, c.tokens, j) or c.idx.adjectives.match(
            c.text, c.tokens, j
        )
        if found:
            j = found[0].end
            continue
        if c.tokens[j].arabic and _nisba(c, j):
            j += 1  # "المبعوث [الأممي] X": an adjective of relation, then the name
            continue
        place = c.place(j) if c.language == "ru" else None
        if place is not None and place[2].kind == "country" and place[0] < len(c.tokens):
            j = place[0]
            continue
        break
    return j


def _not_person(c: Ctx, first: int, end: int) -> bool:
    """A run that is a place, an organisation or the rest of the title is no person."""
    if c.place(first) is not None and c.place(first)[0] >= end:
        return True
    return org_at(c, first, set()) is not None or any(
        c.tokens[k].key in c.rules.not_names for k in range(first, end)
    )


def _nisba(c: Ctx, j: int) -> bool:
    """An Arabic adjective of relation with the article (الأممي، الليبية) before a word
    without it, as a name starts."""
    word = fold(c.tokens[j].text)
    return (
        c.definite(j)
        and word.endswith(("ي", "يه"))
        and j + 1 < len(c.tokens)
        and c.joined(j + 1)
        and not c.definite(j + 1)
    )
