"""The OpenAPI description made true to what the API answers: string or list `detail` in 422s, the
400/401/403/404 every route may give, JSON-LD where it is served, and ids bounded to 64 bits."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

MAX_INT = 2**63 - 1  # SQLite's and PostgreSQL's largest integer: larger ids are refused with a 422
_ERROR = {"type": "object", "required": ["detail"], "title": "Error",
          "properties": {"detail": {"type": "string", "title": "Detail"}}}
_REFUSALS = {"400": "The body could not be read (not JSON, or not the declared encoding)",
             "401": "Not logged in: send `Authorization: Bearer rr_…`",
             "403": "Logged in, but this role or user may not do this",
             "404": "No such item (or path)"}


CONVENTIONS = """One JSON style across the API:

- **Numbers**: a whole value is an integer (`457`, never `457.0`); scores are fractions.
- **Vague amounts** are marked `"approximate": true` and never passed off as counts: `value`..`value_high`
  is the honest range the words give (`"des milliers"` → `1000`..`10000`, the order of magnitude;
  `"entre 10 et 20"` → `10`..`20`), and `"about 300"` is `300` with `value_high: null`.
  Example: `{"value": 1000, "value_high": 10000, "qualifier": "thousands_of", "approximate": true}`.
- **Lists** are pages: `{"items": […], "total", "limit", "offset"}`; every list takes `limit` (100 by
  default, 500 at most) and `offset`. The W3C container `/annotations/` pages the same way (`?limit=`,
  `?page=`).
- **Links, not copies**: a contradiction's passages carry their article, paragraph, offsets, the
  quoted words and their sentence, and `paragraph_url` (the paragraph as JSON); `?expand=paragraphs`
  embeds each whole paragraph for those who want it.
- **Errors** are `{"detail": "…"}` with a 4xx status; 422s say what to change.
- **Notes** are also W3C Web Annotations: `/annotations/` is a Web Annotation Protocol container
  (JSON-LD, `Prefer`, `ETag`/`If-Match`), and each note's IRI `/annotations/{id}` answers JSON-LD to
  clients and the passage to browsers. A note is `team` or `private` (`visibility`: only its author
  sees it; to anyone else it is 404, as a note that does not exist); replies (`POST
  /api/annotations/{id}/replies`) are listed in their note's `replies` and are Annotations of their
  own with motivation `replying`.
"""


def install(app: FastAPI) -> None:
    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = describe(get_openapi(title=app.title, version=app.version,
                                                      summary=app.summary, routes=app.routes))
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


def describe(schema: dict[str, Any]) -> dict[str, Any]:
    schema.setdefault("info", {})["description"] = CONVENTIONS
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    components["Error"] = _ERROR
    if "HTTPValidationError" in components:  # a domain 422 says what to change in one sentence
        detail = components["HTTPValidationError"]["properties"]["detail"]
        components["HTTPValidationError"]["properties"]["detail"] = {
            "title": "Detail", "anyOf": [{"type": "string"}, {k: v for k, v in detail.items() if k != "title"}]}
        components["HTTPValidationError"]["properties"]["paragraphs"] = {
            "type": "array", "items": {"type": "integer"},
            "description": "for an ambiguous quote: the paragraphs it occurs in"}
    for path, operations in schema.get("paths", {}).items():
        for method, op in operations.items():
            responses = op.setdefault("responses", {})
            for code, text in _REFUSALS.items():
                responses.setdefault(code, {"description": text, "content": {
                    "application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}})
            responses.setdefault("422", {"description": "The request cannot be carried out as given",
                                         "content": {"application/json": {"schema": {
                                             "$ref": "#/components/schemas/HTTPValidationError"}}}})
            if path.endswith(".jsonld") and method == "get":
                ok = responses.setdefault("200", {"description": "Successful Response"})
                ok["content"] = {"application/ld+json": {"schema": {"type": "object"}}}
    _bound_integers(schema)
    return schema


def _bound_integers(node: Any) -> None:
    if isinstance(node, dict):
        if node.get("type") == "integer":
            if "maximum" not in node and "exclusiveMaximum" not in node:
                node["maximum"] = MAX_INT
            if "minimum" not in node and "exclusiveMinimum" not in node:
                node["minimum"] = -MAX_INT - 1
        for value in node.values():
            _bound_integers(value)
    elif isinstance(node, list):
        for value in node:
            _bound_integers(value)
