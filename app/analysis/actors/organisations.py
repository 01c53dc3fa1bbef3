"""Organisations by their head nouns and complements: "وزارة الصحة", "the health ministry",
"Ministry of Health", "Министерство по чрезвычайным ситуациям", "Госдума"."""

from __future__ import annotations

from app.analysis.actors.context import Ctx, Hit
from app.analysis.actors.matching import sentence_start
from app.analysis.actors.russian import cases, known, nominative, parse
from app.analysis.normalize import fold

_RU_COMPLEMENT = ("NOUN", "ADJF", "PRTF", "NUMR")


def organisations(c: Ctx, taken: set[int]) -> list[Hit]:
    """Organisation mentions outside `taken`, left to right, not overlapping."""
    out: list[Hit] = []
    k = 0
    while k < len(c.tokens):
        head = [] if k in taken else c.vocab.org_heads.match(c.text, c.lemmas, k)
        if not head or (c.language == "en" and c.capital(k)):
            k += 1
            continue
        found = org_at(c, k, taken)
        first = k
        if c.language == "en":
            first = _premodifiers(c, k, taken)
        elif c.language == "ru":
            first = _ru_adjectives(c, k, taken)
        if found is None and first == k:
            k += 1
            continue
        end, kind, lead = found or (head[0].end, head[0].entry.payload, head[0].lead)
        actor = None
        if c.language == "ru":
            actor = nominative(c.text[c.tokens[first].start : c.tokens[end - 1].end], True)
        out.append(Hit(first, end, kind, "head", actor, lead if first == k else 0))
        k = end
    return out


def org_at(c: Ctx, k: int, taken: set[int]) -> tuple[int, str, int] | None:
    """(end, kind, Arabic prefix letters) of an organisation whose head noun is token k: the
    head with its complement, or a head alone that is a proper name ("Госдума", "МЧС")."""
    if k >= len(c.tokens):
        return None
    found = c.vocab.org_heads.match(c.text, c.lemmas, k)
    if not found or (c.language == "en" and c.capital(k)):
        return None  # English capitalised names ("Libyan National Army") are whole-run candidates
    head_end, kind, lead = found[0].end, found[0].entry.payload, found[0].lead
    end = head_end
    if head_end < len(c.tokens) and c.joined(head_end) and head_end not in taken:
        connector = c.vocab.org_of.match(c.text, c.tokens, head_end)
        if connector and c.language in ("en", "fr"):
            k2 = connector[0].end
            stop = c.name_run(k2, 4) if k2 < len(c.tokens) and c.capital(k2) else (
                complement_words(c, k2, limit=1))
            indefinite = k > 0 and c.tokens[k - 1].key in ("a", "an", "un", "une")
            gerund = stop == k2 + 1 and not c.capital(k2) and c.tokens[k2].key.endswith("ing")
            if k2 < len(c.tokens) and c.joined(k2) and stop > k2 and not indefinite and not gerund:
                end = stop  # not "a group of medics", "accused the ministry of hiding"
        elif c.language == "ru" and c.tokens[head_end].key == "по":
            stop = complement_words(c, head_end + 1, case="datv")
            end = stop if stop > head_end + 1 else end
        elif c.language == "ar":
            # a head with the article takes only adjectives: "الجيش الوطني", not "الحكومة اللجوء"
            definite = c.definite(head_end - 1)
            end = complement_words(c, head_end, adjectives_only=definite)
            if end == head_end and not definite:
                end = idafa_end(c, head_end)  # "مركز [رصد الزلازل]"
            end = _arabic_li_complement(c, end) if end > head_end else end
        elif c.language == "ru":
            end = complement_words(c, head_end)
    if any(t in taken for t in range(k, end)):
        return None
    alone = end - k == 1 and len(c.tokens[k].text) > 1 and (c.tokens[k].text.isupper() or (
        c.language == "ru" and c.capital(k) and not sentence_start(c.text, c.tokens, k)))
    if end == head_end and head_end - k < 2 and not alone:
        return None
    return end, kind, lead


def complement_words(
    c: Ctx, k: int, case: str = "gent", limit: int | None = None, adjectives_only: bool = False
) -> int:
    """End of the words completing a head noun from token k: Arabic words with the article
    (الصحة، العدالة والتنمية), Russian words in the genitive (обороны) or the dative after
    "по", English or French lower-case words; places stop it."""
    limit = c.vocab.org_max if limit is None else limit
    end = k
    while end < len(c.tokens) and end - k < limit and (end == k or c.joined(end)):
        if end > k and not c.joined(end) or c.is_stop(end) or c.titled(end):
            break
        t = c.tokens[end]
        if c.language == "ar":
            if end > k and not adjectives_only:
                head = c.vocab.org_heads.match(c.text, c.tokens, end)
                if head and len(head[0].entry.keys) > 1 and c.definite(end):
                    end = head[0].end  # "جمعية [الهلال الأحمر]": a name inside the name
                    continue
            if not (t.arabic and c.definite(end)):
                break
            if (end > k or adjectives_only) and not _arabic_modifier(t.text, adjectives_only):
                break  # after the first noun only adjectives and "و..." go on: العدالة والتنمية
        elif c.language == "ru":
            pos, _, named = parse(t.text)
            place = c.place(end)
            foreign = c.capital(end) and not t.text.isupper() and not known(t.text)
            if pos not in _RU_COMPLEMENT or case not in cases(t.text) or named or foreign or (
                place is not None and place[2].kind == "country"
            ):
                break
        elif t.text[:1].isupper() or t.text.isdigit():
            break
        end += 1
    return end


def idafa_end(c: Ctx, k: int) -> int:
    """End of an Arabic noun chain through one noun without the article, then words with it
    ("رصد الزلازل", "خدمات الطوارئ"); k when there is none."""
    if k + 1 >= len(c.tokens) or not c.tokens[k].arabic or c.definite(k) or c.is_stop(k):
        return k
    if not c.joined(k + 1) or not c.definite(k + 1):
        return k
    end = complement_words(c, k + 1)
    return end if end > k + 1 else k


def _ru_adjectives(c: Ctx, k: int, taken: set[int]) -> int:
    """Russian adjectives opening an organisation's name, the first capitalised:
    "[Федеральное] агентство", "[Центральная избирательная] комиссия"."""
    first = k
    while first > 0 and k - first < 2 and c.joined(first) and first - 1 not in taken:
        pos, _, _ = parse(c.tokens[first - 1].text)
        if pos not in ("ADJF", "PRTF") or c.is_stop(first - 1):
            break
        first -= 1
    while first < k and not c.capital(first):
        first += 1  # a lower-case adjective only describes: "российское министерство"
    return first


def _premodifiers(c: Ctx, k: int, taken: set[int]) -> int:
    """English nouns before the head: "the [health] ministry", "the [teachers'] union"; only
    after "the" or a possessive, so "a government agency" is no actor."""
    first = k
    while first > 0 and k - first < c.vocab.org_max - 1 and c.joined(first):
        prev = first - 1
        t = c.tokens[prev]
        if prev in taken or c.is_stop(prev) or c.titled(prev) or t.key in c.rules.possessive:
            break
        if c.vocab.modifiers.match(c.text, c.tokens, prev):
            break  # "the [outgoing] parliament", "the [main] union": not part of the name
        if c.idx.adjectives.match(c.text, c.tokens, prev) or t.text.isdigit():
            break
        first = prev
    before = c.tokens[first - 1].key if first > 0 else ""
    if first < k and (before in ("the",) or before in c.rules.possessive or (
        first > 0 and c.idx.adjectives.match(c.text, c.tokens, first - 1)
    )):
        return first
    return k


def _arabic_modifier(word: str, strict: bool = False) -> bool:
    """An Arabic adjective of relation (الوطنية، الليبي، المحلية), a feminine adjective
    (العامة) or a word joined by و; `strict`: adjectives of relation and العامة-like only."""
    w = fold(word)  # folded: ة is ه
    if strict:
        return w.endswith(("ي", "يه", "يين", "يون", "يا")) or (len(w) <= 6 and w.endswith("امه"))
    return w[:1] in "وف" and w[1:3] == "ال" or w.endswith(("ي", "يه", "يين", "يون", "ين", "ه"))


def _arabic_li_complement(c: Ctx, end: int) -> int:
    """"الكونفدرالية العامة [للشغل]", "الهيئة العليا [للانتخابات]": after an adjective, one word
    with لل attached belongs to the name."""
    if end >= len(c.tokens) or not c.joined(end) or not _arabic_modifier(c.tokens[end - 1].text, True):
        return end
    if fold(c.tokens[end].text).startswith("لل") and not c.is_stop(end):
        return end + 1
    return end


def abbreviations(c: Ctx, taken: set[int]) -> list[Hit]:
    """Words in capitals ("EFFIS", "ISIE", "МЧС"; Latin ones inside Arabic text): organisations'
    abbreviations, unless the whole paragraph shouts."""
    caps = [k for k, t in enumerate(c.tokens) if not t.arabic and t.text.isupper() and t.text.isalpha()
            and 2 <= len(t.text) <= 8 and t.key not in c.stop]
    if len(caps) * 2 > len(c.tokens):
        return []
    return [Hit(k, k + 1, "organisation", "head") for k in caps if k not in taken]
