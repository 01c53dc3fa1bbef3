"""Reading Room: an annotated reading room for one story told by many sources."""
