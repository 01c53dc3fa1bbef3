"""Measure py3langid against lingua-language-detector on article paragraphs: accuracy and speed.

Run from the project root:  .venv/bin/python bench/langid_compare.py
Texts: the body and title paragraphs (as parsed by app.ingest) of seeds/*.txt and of
tests/ingest/fixtures/*.txt; "short" is the first four words of each paragraph (a hard
case); "article" is each file's whole body, which is what app.ingest detects on.
"""

from __future__ import annotations

import resource
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.ingest import decode_bytes, parse_article  # noqa: E402

# The language each seed is written in (the seeds carry no sidecar to say so).
SEED_LANGUAGES = {"000": "fr", "001": "fr", "002": "fr", "003": "ar", "004": "fr"}
VARIETIES = {"arz": "ar", "ary": "ar", "uzs": "uz", "zxx": "und"}
REPEAT = 3


def _texts() -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(paragraph, language) and (whole body, language) pairs from seeds and fixtures."""
    files = [(p, SEED_LANGUAGES[p.name[:3]]) for p in sorted((ROOT / "seeds").glob("*.txt"))]
    files += [(p, p.name[:2]) for p in sorted((ROOT / "tests/ingest/fixtures").glob("*.txt"))]
    paragraphs, articles = [], []
    for path, language in files:
        article = parse_article(decode_bytes(path.read_bytes()))
        texts = [p.text for p in article.paragraphs if not p.furniture]
        paragraphs += [(t, language) for t in texts]
        articles.append(("\n".join(t for t in texts), language))
    return paragraphs, articles


def _py3langid(languages: list[str] | None = None) -> Callable[[str], str]:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    if languages:
        identifier.set_languages(languages)
    return lambda text: VARIETIES.get(label := identifier.classify(text)[0], label)


def _lingua(low_accuracy: bool) -> Callable[[str], str]:
    from lingua import LanguageDetectorBuilder

    builder = LanguageDetectorBuilder.from_all_languages().with_preloaded_language_models()
    detector = (builder.with_low_accuracy_mode() if low_accuracy else builder).build()

    def detect(text: str) -> str:
        found = detector.detect_language_of(text)
        return found.iso_code_639_1.name.lower() if found is not None else "und"

    return detect


def _accuracy(detect: Callable[[str], str], samples: list[tuple[str, str]]) -> float:
    return sum(detect(text) == language for text, language in samples) / len(samples)


DETECTORS: dict[str, Callable[[], Callable[[str], str]]] = {
    "py3langid (all 140 labels)": _py3langid,
    "py3langid (only en/fr/ar/pt)": lambda: _py3langid(["en", "fr", "ar", "pt"]),
    "lingua (75 langs, high acc.)": lambda: _lingua(False),
    "lingua (75 langs, low acc.)": lambda: _lingua(True),
}


def _row(name: str) -> str:
    """One table row, measured in this process (so model loading and memory are its own)."""
    paragraphs, articles = _texts()
    short = [(" ".join(t.split()[:4]), lang) for t, lang in paragraphs]
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    detect = DETECTORS[name]()
    detect("warm up")
    load = time.perf_counter() - started
    started = time.perf_counter()
    for _ in range(REPEAT):
        for text, _ in paragraphs:
            detect(text)
    speed = REPEAT * len(paragraphs) / (time.perf_counter() - started)
    memory = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    misses = sorted({f"{detect(t)}≠{lang}" for t, lang in short if detect(t) != lang})
    return (f"{name:30} {load:7.2f} {memory:7.0f} {_accuracy(detect, paragraphs):10.1%} "
            f"{_accuracy(detect, short):8.1%} {_accuracy(detect, articles):8.1%} {speed:8.0f}"
            f"   {' '.join(misses)}")


def main() -> None:
    if len(sys.argv) == 3 and sys.argv[1] == "--one":
        print(_row(sys.argv[2]))
        return
    paragraphs, articles = _texts()
    languages = sorted({lang for _, lang in paragraphs})
    print(f"{len(paragraphs)} paragraphs ({', '.join(languages)}) from {len(articles)} articles; "
          f"speed over {REPEAT} passes; each detector in its own process\n")
    header = (f"{'detector':30} {'load s':>7} {'+MB':>7} {'paragraphs':>10} {'4 words':>8} "
              f"{'articles':>8} {'para/s':>8}   4-word misses (got≠true)")
    print(header)
    print("-" * len(header))
    for name in DETECTORS:
        row = subprocess.run([sys.executable, __file__, "--one", name], capture_output=True,
                             text=True, check=True)
        print(row.stdout.rstrip())


if __name__ == "__main__":
    main()
