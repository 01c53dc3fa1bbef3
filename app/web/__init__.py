"""The web layer: HTML pages and the JSON API over the same service functions."""
