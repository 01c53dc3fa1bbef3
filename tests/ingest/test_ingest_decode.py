"""Tests for app.ingest.decode: bytes to clean text, or a clear rejection."""

import codecs

import pytest

from app.ingest import RejectedFile, decode_bytes, decode_text

FRENCH = "Le président a déclaré que l’État était prêt à « tout faire » pour rétablir l’ordre.\nÉmeutes à Almaty : 164 morts – selon le ministère.\n"
ARABIC = "قال وزير الخارجية الصيني إن الصين تدعم كازاخستان.\nوأكد الرئيس أن الوضع تحت السيطرة في جميع أنحاء البلاد.\n"


def test_plain_utf8_is_kept_as_is() -> None:
    text = "Title\n\n  Indented  line with   spaces\u00a0and nbsp.\n"
    assert decode_bytes(text.encode()) == text


def test_utf8_bom_and_crlf_are_normalised() -> None:
    data = codecs.BOM_UTF8 + "Première ligne\r\nDeuxième ligne\rTroisième\r\n".encode()
    assert decode_bytes(data) == "Première ligne\nDeuxième ligne\nTroisième\n"


def test_nfc_and_zero_width_characters() -> None:
    decomposed = "Re\u0301sume\u0301 du pre\u0301sident\u200b.\ufeff Fin\u2060."
    assert decode_bytes(decomposed.encode()) == "Résumé du président. Fin."


def test_persian_zero_width_non_joiner_is_kept() -> None:
    text = "می\u200cخواهم این متن را نگه دارم."
    assert decode_bytes(text.encode()) == text


def test_cp1252_french() -> None:
    assert decode_bytes(FRENCH.encode("cp1252")) == FRENCH


def test_windows_1256_arabic() -> None:
    assert decode_bytes(ARABIC.encode("cp1256")) == ARABIC


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_and_without_bom(encoding: str) -> None:
    assert decode_bytes(FRENCH.encode(encoding)) == FRENCH


@pytest.mark.parametrize("data", [b"", b"   \n\t\r\n  ", codecs.BOM_UTF8 + b"\n \n", " \n".encode("utf-16")])
def test_empty_and_blank_files_are_rejected(data: bytes) -> None:
    with pytest.raises(RejectedFile) as caught:
        decode_bytes(data)
    assert "empty" in caught.value.reason or "blank" in caught.value.reason


def test_too_large_file_reason() -> None:
    with pytest.raises(RejectedFile) as caught:
        decode_bytes(b"a" * 7_200_000)
    assert caught.value.reason == (
        "file is 7.2 MB, larger than the 5.0 MB limit; raise READINGROOM_MAX_FILE_BYTES or split it"
    )
    assert str(caught.value) == caught.value.reason
    with pytest.raises(RejectedFile, match="larger than the 0.0 MB limit"):
        decode_bytes(b"abc", max_bytes=2)


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"GIF89a\x00\x01\x00\x02binary", "GIF"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "PDF"),
        (b"PK\x03\x04\x14\x00\x06\x00", "ZIP"),
        (b"text\x00with\x00\x00\x01\x02 stray NULs \x00 here", "NUL"),
        (bytes(range(1, 32)) * 20 + b"some text", "control characters"),
    ],
)
def test_binary_files_are_rejected(data: bytes, words: str) -> None:
    with pytest.raises(RejectedFile) as caught:
        decode_bytes(data)
    assert words in caught.value.reason
    assert "UTF-8" in caught.value.reason  # says what to do


def test_invalid_utf8_after_utf8_bom_is_rejected() -> None:
    with pytest.raises(RejectedFile, match="not valid UTF-8"):
        decode_bytes(codecs.BOM_UTF8 + b"caf\xe9 au lait, \xff\xfe\xfd")


def test_random_bytes_are_undecodable() -> None:
    noise = bytes((i * 7919 + 13) % 255 + 1 for i in range(3000))
    with pytest.raises(RejectedFile) as caught:
        decode_bytes(noise)
    assert caught.value.reason.startswith("file")
    assert "UTF-8" in caught.value.reason


def test_mostly_utf8_with_a_few_bad_bytes_stays_utf8_and_says_where():
    text = "Le ministre a annoncé une réforme.\nLes syndicats ont réagi.\nUne grève est prévue à Paris.\n"
    data = text.encode("utf-8").replace(b"ont r", b"ont \xff\xfe r", 1)
    decoded = decode_text(data)
    assert decoded.encoding == "utf-8" and "annoncé" in decoded.text and "prévue à" in decoded.text
    assert "\ufffd" in decoded.text.splitlines()[1]
    assert "line(s) 2" in decoded.warning and "invalid UTF-8" in decoded.warning


def test_a_legacy_file_is_read_in_its_encoding_and_the_report_says_which():
    text = "Le ministre a annoncé une réforme des retraites; les syndicats appellent à la grève générale.\n" * 3
    decoded = decode_text(text.encode("cp1252"))
    assert decoded.text.startswith("Le ministre a annoncé une réforme")
    assert decoded.warning.startswith("not UTF-8: read as ")


def test_clean_utf8_has_no_warning():
    assert decode_text("Plain café.\n".encode()).warning is None


def test_a_stray_nul_in_utf16_text_is_dropped():
    """A few NUL characters are below the binary threshold, but no database column should get them."""
    text = "Un article, assez long pour être du texte. " * 20 + "\x00 Fin."
    decoded = decode_text(text.encode("utf-16"), max_bytes=10_000)
    assert "\x00" not in decoded.text and decoded.text.endswith(" Fin.")
