"""Stand-ins for the French entity model and parser, so queue and worker tests run without spaCy:
the model finds no entity (the registry still finds actors) and the parser no token."""

from __future__ import annotations

from types import SimpleNamespace

from app.services.worker import Models


class NoEntities:
    def pipe(self, texts, batch_size=0):  # type: ignore[no-untyped-def]
        return (SimpleNamespace(ents=()) for _ in texts)


class NoParse:
    def pipe(self, texts, batch_size=0):  # type: ignore[no-untyped-def]
        return (() for _ in texts)  # a parse without tokens: no verb, so no subject


FAKE_MODELS = Models(nlp_factory=NoEntities, parser_factory=NoParse)
