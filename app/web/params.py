"""Query parameters shared by the pages and their JSON twins, so a filter means the same in both."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query
from starlette.convertors import StringConvertor, register_url_convertor

Text = Annotated[str | None, Query(max_length=200)]
Offset = Annotated[int, Query(ge=0, le=10**9)]
DEFAULT_LIMIT, MAX_LIMIT = 100, 500  # every list: 100 items unless `limit` says otherwise, 500 at most
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"items per page: {DEFAULT_LIMIT} by default, {MAX_LIMIT} at most")]
Expand = Annotated[str | None, Query(pattern="^paragraphs$", description="`paragraphs`: embed each passage's whole paragraph text")]
ActorSort = Annotated[str, Query(pattern="^(mentions|articles|name|kind)$")]
ClaimKind = Annotated[str | None, Query(pattern="^(statement|figure)$")]
ContradictionKind = Annotated[str | None, Query(pattern="^(numeric|framing|translation|stance)$")]
ContradictionStatus = Annotated[str | None, Query(pattern="^(suggested|confirmed|dismissed)$")]
RevisionKind = Annotated[str | None, Query(pattern="^(annotation|actor|contradiction|story|outlet)$")]

CURATION_ACTIONS = ("rename", "kind", "add_alias", "remove_alias", "merge", "split", "confirm", "wikidata")


class _CurationAction(StringConvertor):
    """Only curation actions match `/actors/{slug}/{action:curation}`: another word there (such as
    `mentions`) is another resource, answered 404 or 405, not a validation error."""

    regex = "|".join(CURATION_ACTIONS)


register_url_convertor("curation", _CurationAction())
