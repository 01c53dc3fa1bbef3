from app.analysis.anchoring import context_of, locate_quote
from app.analysis.spans import split_by_spans
from app.analysis.tags import normalize_tags

PARAS = ["The minister said prices rose.", "Prices rose again, the minister said, and prices fell."]


def test_quote_found_in_hinted_paragraph_near_old_position():
    anchor = locate_quote(PARAS, "prices", paragraph=1, start=45)
    assert (anchor.paragraph, anchor.start) == (1, PARAS[1].index("prices fell"))


def test_context_beats_position():
    before, after = context_of(PARAS[0], 18, 24)
    anchor = locate_quote(["x " + PARAS[0], PARAS[1]], "prices", prefix=before, suffix=after)
    assert anchor.paragraph == 0 and anchor.start == 20


def test_missing_quote_gives_none():
    assert locate_quote(PARAS, "wages") is None
    assert locate_quote(PARAS, "") is None


def test_overlapping_spans_split_into_segments():
    segs = split_by_spans("abcdef", [(1, 4, "a"), (3, 5, "b"), (10, 12, "c")])
    assert [(s.text, sorted(s.marks)) for s in segs] == [("a", []), ("bc", ["a"]), ("d", ["a", "b"]), ("e", ["b"]), ("f", [])]


def test_tags_normalised_split_and_deduplicated():
    assert normalize_tags(["  Death  Toll, #death toll", "Framing", ""]) == ["death toll", "framing"]
