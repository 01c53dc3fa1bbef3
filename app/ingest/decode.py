"""Turn an uploaded file's bytes into clean text, or reject it with a reason a person can act on."""

from __future__ import annotations

import codecs
import unicodedata
from dataclasses import dataclass

# Checked before any decoding: formats people upload by mistake.
_MAGIC = (
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (a .docx/.odt document is one)"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office document"),
    (b"{\\rtf", "an RTF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x1f\x8b", "a gzip archive"),
)
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# When the detector finds several equally good encodings, prefer the common ones.
_PREFERRED = ("cp1252", "cp1256", "cp1251", "latin_1", "iso8859_15", "cp1250", "gb18030", "big5",
              "shift_jis", "euc_kr", "iso8859_6", "cp1253", "cp1254", "cp1255")
# Zero-width space, word joiner, BOM; and NUL, which no text needs and PostgreSQL cannot store.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u2060\ufeff\x00"))
_MAX_CONTROL_SHARE = 0.02
_FIX = "save it as plain text (UTF-8) and upload it again"


class RejectedFile(Exception):
    """A file that cannot be taken in; `reason` says what is wrong and what to do."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"


def _guess_utf16(data: bytes) -> str | None:
    """utf-16-le/be for BOM-less UTF-16 text, where every other byte is mostly NUL."""
    if len(data) < 4 or len(data) % 2:
        return None
    even, odd = data[0::2].count(0), data[1::2].count(0)
    half = len(data) // 2
    if odd > 0.4 * half and even < 0.05 * half:
        return "utf-16-le"
    if even > 0.4 * half and odd < 0.05 * half:
        return "utf-16-be"
    return None


def _detect(data: bytes) -> tuple[str, str]:
    """The encoding and text of non-UTF-8 bytes: charset_normalizer's best guess (common
    encodings win ties)."""
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data))
    if not matches:
        raise RejectedFile(f"file's text encoding could not be recognised; {_FIX}")
    best = matches[0]  # the detector's own ranking; only exact ties are re-ordered
    ties = [m for m in matches if abs(m.chaos - best.chaos) < 1e-3
            and abs(m.coherence - best.coherence) < 5e-3]
    rank = {name: i for i, name in enumerate(_PREFERRED)}
    chosen = min(ties, key=lambda m: rank.get(m.encoding, len(rank)))
    return chosen.encoding, str(chosen)


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    warning: str | None = None  # bad bytes replaced, or a legacy encoding chosen: for the report


def decode_bytes(data: bytes, *, max_bytes: int = 5_000_000) -> str:
    """The text of an uploaded file (see decode_text)."""
    return decode_text(data, max_bytes=max_bytes).text


def _utf8_share(data: bytes) -> tuple[int, int]:
    """(valid multi-byte characters, invalid byte runs) when the bytes are read as UTF-8."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.decode("utf-8", errors="ignore").count("\ufffd")
    return sum(1 for c in text if ord(c) > 127 and c != "\ufffd"), bad


def _bad_lines(text: str) -> str:
    lines = [str(i) for i, line in enumerate(text.split("\n"), 1) if "\ufffd" in line]
    return ", ".join(lines[:10]) + (f" and {len(lines) - 10} more" if len(lines) > 10 else "")


def decode_text(data: bytes, *, max_bytes: int = 5_000_000) -> Decoded:
    """Decode an uploaded text file: UTF-8 (BOM or not) first, else the best-guessed encoding.

    Text that is mostly valid UTF-8 stays UTF-8 (its few bad bytes become U+FFFD, and the warning
    names their lines): a legacy encoding is chosen only when UTF-8 clearly fails, so a stray byte
    never turns "annoncé" into "annoncÃ©". Line endings become LF, text is NFC-normalised and
    zero-width/BOM characters are removed; nothing else is changed. Raises RejectedFile for empty,
    oversized, binary or undecodable data.
    """
    data = bytes(data)
    if len(data) > max_bytes:
        raise RejectedFile(
            f"file is {_megabytes(len(data))}, larger than the {_megabytes(max_bytes)} limit; "
            "raise READINGROOM_MAX_FILE_BYTES or split it"
        )
    if not data.strip():
        raise RejectedFile("file is empty; upload a plain-text file that holds the article's text")
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise RejectedFile(f"file is {what}, not plain text; copy the article into a text "
                               "file, save it as UTF-8 and upload that")
    bom, encoding = next(((b, name) for b, name in _BOMS if data.startswith(b)), (b"", None))
    data = data[len(bom):]
    if encoding is None and b"\x00" in data:
        encoding = _guess_utf16(data)
        if encoding is None:
            raise RejectedFile("file looks binary (it contains NUL bytes), not like text; "
                               f"{_FIX}")
    warning = None
    try:
        text = data.decode(encoding or "utf-8", errors="strict")
    except UnicodeDecodeError:
        if encoding is not None:
            name = encoding.upper()
            reason = f"file claims to be {name} but is not valid {name}; {_FIX}"
            raise RejectedFile(reason) from None
        valid, bad = _utf8_share(data)
        if valid >= 2 * bad:  # mostly UTF-8: a few damaged bytes, not another encoding
            encoding, text = "utf-8", data.decode("utf-8", errors="replace")
            warning = (f"{bad} invalid UTF-8 byte sequence(s) replaced by \ufffd on line(s) "
                       f"{_bad_lines(text)}; check the source file")
        else:
            encoding, text = _detect(data)
            warning = f"not UTF-8: read as {encoding}"
    controls = sum(1 for c in text if unicodedata.category(c) == "Cc" and c not in "\t\n\r\f\v")
    if controls > _MAX_CONTROL_SHARE * len(text):
        raise RejectedFile(
            f"file looks binary ({controls} control characters), not like text; {_FIX}"
        )
    text = text.replace("\r\n", "\n").replace("\r", "\n").translate(_INVISIBLE)
    text = unicodedata.normalize("NFC", text)
    if not text.strip():
        raise RejectedFile("file holds only blank space; upload a plain-text file that holds the "
                           "article's text")
    return Decoded(text, encoding or "utf-8", warning)
