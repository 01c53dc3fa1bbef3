"""Domain errors raised by services; the web layer maps them to 404 / 422 pages and JSON."""


class NotFound(LookupError):
    """The named thing does not exist (or is hidden)."""


class NotAllowed(PermissionError):
    """The user may not do this to this item (e.g. edit another analyst's note)."""


class InvalidInput(ValueError):
    """The request cannot be carried out as given; the message says what to change."""


class AmbiguousQuote(InvalidInput):
    """A quote found in more than one paragraph: `paragraphs` lists them, `contexts` their text."""

    def __init__(self, message: str, *, paragraphs: list[int], contexts: list[str]) -> None:
        super().__init__(message)
        self.paragraphs = paragraphs
        self.contexts = contexts
