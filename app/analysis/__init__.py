"""Pure text analysis: text in, plain values out; no web, no database."""
