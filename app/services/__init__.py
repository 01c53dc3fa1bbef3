"""Keyword-only functions over a Session: the only place that queries the database."""
