"""Detect the language of an article's body text and the writing direction of a language."""

from __future__ import annotations

import re
import threading
from typing import Any

# Languages written right to left (ISO 639-1 and 639-3 codes, and the
# Arabic-script dialect/variety codes the detector may return).
RTL_LANGUAGES = frozenset({
    "ar", "ara", "arz", "ary", "arb", "acm", "apc", "ajp", "aeb", "arq",
    "fa", "fas", "per", "pes", "prs", "he", "heb", "iw", "hbo", "ur", "urd",
    "ps", "pus", "sd", "snd", "ug", "uig", "yi", "yid", "ji", "dv", "div",
    "ckb", "sdh", "ks", "kas", "syr", "arc", "nqo", "sam", "azb", "bal", "glk", "mzn", "lrc",
})

# Detector labels that name a variety of a language with an ISO 639-1 code.
_MACROLANGUAGE = {"arz": "ar", "ary": "ar", "uzs": "uz", "zxx": "und"}
_MIN_LETTERS = 20
_MIN_CONFIDENCE = 0.5
_MAX_CHARS = 20_000

_lock = threading.Lock()
_identifier: Any = None


def _load() -> Any:
    """The py3langid identifier over all its languages, loaded once on first use."""
    global _identifier
    with _lock:
        if _identifier is None:
            from py3langid.langid import MODEL_FILE, LanguageIdentifier

            _identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    return _identifier


def preload_detector() -> None:
    """Load the identifier now: processes forked afterwards share it instead of each loading it."""
    _load()


def detect_language(text: str) -> str:
    """ISO 639-1 code (639-3 when there is none) of the text's language, or "und" when unsure."""
    sample = text[:_MAX_CHARS]
    if len(re.findall(r"[^\W\d_]", sample)) < _MIN_LETTERS:
        return "und"
    label, confidence = _load().classify(sample)
    if confidence < _MIN_CONFIDENCE:
        return "und"
    return _MACROLANGUAGE.get(label, label)


def direction_for(language: str) -> str:
    """"rtl" for languages written right to left (ar, fa, he, ur, ...), else "ltr"."""
    primary = (language or "").strip().lower().replace("_", "-").split("-")[0]
    if primary in RTL_LANGUAGES:
        return "rtl"
    # a script subtag can say more than the language ("ku-Arab", "pa-Arab", "az-Arab")
    subtags = language.lower().replace("_", "-").split("-")[1:]
    return "rtl" if any(s in {"arab", "hebr", "thaa", "syrc", "nkoo"} for s in subtags) else "ltr"
