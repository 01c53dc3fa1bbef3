"""Country names in the languages we read, from CLDR's locale data (through Babel), so the
registry lists a country's ISO 3166 code instead of hand-writing its name in every language."""

from __future__ import annotations

import functools
import re

NAME_LANGUAGES = ("ar", "de", "en", "es", "fr", "ru")
_QUALIFIED = re.compile(r"^(.+?)\s*\((.+)\)$")  # "Myanmar (Burma)": the name and its other name


@functools.cache
def country_names(iso: str) -> dict[str, tuple[str, ...]]:
    """The names CLDR gives the territory `iso` ("DE"), per language: {"de": ("Deutschland",), …}.

    CLDR's display forms are made usable in running text: "Myanmar (Burma)" gives both names;
    "Congo - Kinshasa" (a list label, never written in prose) is left out."""
    from babel import Locale

    out: dict[str, tuple[str, ...]] = {}
    for language in NAME_LANGUAGES:
        name = Locale(language).territories.get(iso.upper())
        if name is None:
            continue
        if (qualified := _QUALIFIED.match(name)) is not None:
            forms = qualified.groups()
        elif " - " in name:
            forms = ()
        else:
            forms = (name,)
        if forms:
            out[language] = tuple(forms)
    if not out:
        raise ValueError(f"{iso!r} is not an ISO 3166 territory code CLDR names")
    return out
