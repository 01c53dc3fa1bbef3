"""Ingest: turn uploaded article files into decoded text, classified paragraphs and metadata."""

from app.ingest.decode import Decoded, RejectedFile, decode_bytes, decode_text
from app.ingest.parse import ParsedArticle, ParsedParagraph, parse_article

__all__ = ["Decoded", "ParsedArticle", "ParsedParagraph", "RejectedFile", "decode_bytes", "decode_text",
           "parse_article"]
