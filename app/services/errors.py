"""Domain errors raised by services; the web layer maps them to 404 / 422 pages and JSON."""


class NotFound(LookupError):
    """The named thing does not exist (or is hidden)."""


class InvalidInput(ValueError):
    """The request cannot be carried out as given; the message says what to change."""
