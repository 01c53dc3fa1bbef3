"""An article's analysed form as stored bytes: pickled a slice at a time into zlib.

A pickler keeps every object it has written until it is done (and, for slotted dataclasses, the
state list it made for each), so one pickle of a long article's form held several times the form
while it was written. Here each slice of a long tuple is its own pickle: objects shared across
slices (an actor's name, a frame's keys) are written once per slice, and read back as one copy
per slice."""

from __future__ import annotations

import dataclasses
import io
import pickle
import zlib
from types import SimpleNamespace
from typing import Any

from app.analysis.align import ArticleText
from app.analysis.analysed_article import AnalysedArticle

SLICE = 2000  # items of a tuple field per pickle
_TUPLES = ("paragraphs", "mentions", "figures", "statements", "frames", "concepts", "positions")


def pack(form: AnalysedArticle) -> bytes:
    parts: list[bytes] = []
    packer = zlib.compressobj()
    pickler = pickle.Pickler(SimpleNamespace(write=lambda chunk: parts.append(packer.compress(chunk))),
                             protocol=pickle.HIGHEST_PROTOCOL)

    def dump(value: Any) -> None:
        pickler.dump(value)
        pickler.clear_memo()

    text = form.text
    # The text's paragraphs are the form's, but for furniture (left out as ""): only those are written.
    own = [(i, p) for i, (p, q) in enumerate(zip(text.paragraphs, form.paragraphs)) if p is not q]
    scalars = {f.name: getattr(form, f.name) for f in dataclasses.fields(form) if f.name not in (*_TUPLES, "text")}
    tuples = {name: getattr(form, name) for name in _TUPLES}
    dump(("form", 1, scalars, {name: len(v) for name, v in tuples.items()},
          (text.id, text.language, len(text.paragraphs), own, len(text.anchors))))
    for values in (*tuples.values(), text.anchors):
        for k in range(0, len(values), SLICE):
            dump(values[k:k + SLICE])
    parts.append(packer.flush())
    return b"".join(parts)


def unpack(data: bytes) -> AnalysedArticle | None:
    """The stored form (also as an earlier version wrote it: one pickle); None when unreadable."""
    stream = io.BytesIO(zlib.decompress(data))
    head = pickle.load(stream)
    if isinstance(head, AnalysedArticle):
        return head
    _, _, scalars, lengths, (text_id, text_language, n_text, own, n_anchors) = head

    def read(n: int) -> tuple[Any, ...]:
        out: list[Any] = []
        while len(out) < n:
            out.extend(pickle.load(stream))
        return tuple(out)

    tuples = {name: read(lengths[name]) for name in _TUPLES}
    anchors = read(n_anchors)
    body = list(tuples["paragraphs"][:n_text])
    for i, p in own:
        body[i] = p
    text = ArticleText(text_id, text_language, tuple(body), anchors)
    return AnalysedArticle(**scalars, **tuples, text=text)
