"""Actor mentions (people, organisations, countries, media, places, groups) linked to a registry."""

from app.analysis.actors.extract import extract_actors
from app.analysis.actors.mention import Mention
from app.analysis.actors.ner import load_french_model
from app.analysis.actors.registry import DEFAULT_PATH, Actor, Registry, RoleLink, load_registry

__all__ = [
    "DEFAULT_PATH",
    "Actor",
    "Mention",
    "Registry",
    "RoleLink",
    "extract_actors",
    "load_french_model",
    "load_registry",
]
