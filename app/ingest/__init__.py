"""Ingest: turn uploaded article files into decoded text, classified paragraphs and metadata."""

from app.ingest.decode import RejectedFile, decode_bytes
from app.ingest.parse import ParsedArticle, ParsedParagraph, parse_article

__all__ = ["ParsedArticle", "ParsedParagraph", "RejectedFile", "decode_bytes", "parse_article"]
