"""The MUST assertions of the W3C web-annotation-tests (annotations/annotationMusts.test and
3.1-model-musts-v3.test, collections/collectionMusts.test, and the page's §5.2 requirements), written
again as plain functions: each takes a JSON document and returns what it breaks ("" when it holds).
The names are those of the W3C assertion files, so a failure says which one."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})")  # RFC 3339 date-time
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:\S+")  # an absolute IRI: a scheme, then no spaces
SELECTOR_TYPES = {"FragmentSelector", "CssSelector", "XPathSelector", "TextQuoteSelector", "TextPositionSelector",
                  "DataPositionSelector", "SvgSelector", "RangeSelector"}
SET_TYPES = {"Choice", "Composite", "List", "Independents"}

Assertion = Callable[[dict], str]


def is_uri(value: Any) -> bool:
    return isinstance(value, str) and _SCHEME.fullmatch(value) is not None


def _one_or_single_list(value: Any, test: Callable[[Any], bool]) -> bool:
    """A single value, or an array of exactly one: how the tests accept a functional property."""
    if isinstance(value, list):
        return len(value) == 1 and test(value[0])
    return test(value)


def _values(value: Any) -> list:
    return value if isinstance(value, list) else [value]


def _has_type(doc: dict, name: str) -> bool:
    return name in _values(doc.get("type"))


def _context(doc: dict) -> str:
    context = doc.get("@context")
    return "" if ANNO_CONTEXT in _values(context) else f"@context is {context!r}, without {ANNO_CONTEXT}"


def _date_if_present(key: str) -> Assertion:
    def check(doc: dict) -> str:
        if key in doc and not _one_or_single_list(doc[key], lambda v: isinstance(v, str) and _DATETIME.fullmatch(v)):
            return f"{key} {doc[key]!r} is not one xsd:dateTime (RFC 3339 date-time)"
        return ""
    return check


def _uris_if_present(key: str, *, single: bool) -> Assertion:
    def check(doc: dict) -> str:
        if key not in doc:
            return ""
        ok = _one_or_single_list(doc[key], is_uri) if single else all(is_uri(v) for v in _values(doc[key])) and doc[key] != []
        return "" if ok else f"{key} {doc[key]!r} is not {'one IRI' if single else 'IRIs'}"
    return check


# --- resources: bodies, targets, selectors (§3.2, §4) -------------------------------------------

def selector_problem(selector: Any) -> str:
    if is_uri(selector):
        return ""
    if not isinstance(selector, dict) or selector.get("type") not in SELECTOR_TYPES:
        return f"selector {selector!r} is not one of the model's selectors"
    kind = selector["type"]
    if kind == "TextQuoteSelector":
        if not isinstance(selector.get("exact"), str):
            return "a TextQuoteSelector needs an `exact` string"
        if any(k in selector and not isinstance(selector[k], str) for k in ("prefix", "suffix")):
            return "TextQuoteSelector prefix/suffix must be strings"
    elif kind in ("TextPositionSelector", "DataPositionSelector"):
        if not all(type(selector.get(k)) is int and selector[k] >= 0 for k in ("start", "end")):
            return f"a {kind} needs whole `start` and `end` >= 0"
    elif kind == "FragmentSelector":
        if not isinstance(selector.get("value"), str):
            return "a FragmentSelector needs a `value` string"
        if "conformsTo" in selector and not is_uri(selector["conformsTo"]):
            return "FragmentSelector conformsTo must be an IRI"
    elif kind == "RangeSelector":
        for end in ("startSelector", "endSelector"):
            if problem := selector_problem(selector.get(end)):
                return f"RangeSelector {end}: {problem}"
    elif not (isinstance(selector.get("value"), str) or is_uri(selector.get("id"))):
        return f"a {kind} needs a `value` (or an `id`)"
    if "refinedBy" in selector:  # the tests' refinedByDetected: one selector object
        refined = selector["refinedBy"]
        if not isinstance(refined, dict):
            return "refinedBy must be one selector object"
        if problem := selector_problem(refined):
            return f"refinedBy: {problem}"
    return ""


def _specific_resource_problem(resource: dict) -> str:
    source = resource.get("source")
    if not (is_uri(source) or (isinstance(source, dict) and _external_resource(source))):
        return f"a SpecificResource needs exactly one source IRI, not {source!r}"
    if not any(k in resource for k in ("purpose", "selector", "state", "styleClass", "renderedVia", "scope")):
        return "a SpecificResource needs one of purpose, selector, state, styleClass, renderedVia, scope"
    if "selector" in resource:
        selectors = _values(resource["selector"])
        if not selectors:
            return "selector is an empty array"
        for selector in selectors:
            if problem := selector_problem(selector):
                return problem
    return ""


def _external_resource(resource: dict) -> bool:
    return is_uri(resource.get("id")) and not any(k in resource for k in ("value", "source", "target"))


def resource_problem(resource: Any, *, body: bool) -> str:
    """A body or target: an IRI, an External Web Resource, a Choice/Set, a SpecificResource,
    or (bodies only) a TextualBody with one string value."""
    if is_uri(resource):
        return ""
    if not isinstance(resource, dict):
        return f"{'body' if body else 'target'} {resource!r} is neither an IRI nor an object"
    if "source" in resource:
        return _specific_resource_problem(resource)
    if any(t in SET_TYPES for t in _values(resource.get("type"))):
        items = resource.get("items")
        if not isinstance(items, list) or not items:
            return f"a {resource['type']} needs `items`"
        return next((p for p in (resource_problem(i, body=body) for i in items) if p), "")
    if body and "value" in resource:
        return "" if isinstance(resource["value"], str) else "a TextualBody's value must be one string"
    if _external_resource(resource):
        return ""
    return f"{'body' if body else 'target'} {resource!r} is not a resource the model recognises"


# --- the assertions ------------------------------------------------------------------------------

def annotation_id_validated(doc: dict) -> str:
    return "" if is_uri(doc.get("id")) else f"id {doc.get('id')!r} is not an IRI"


def _type_includes(name: str) -> Assertion:
    def check(doc: dict) -> str:
        return "" if _has_type(doc, name) else f"type {doc.get('type')!r} does not include {name}"
    return check


def _count_if_present(key: str) -> Assertion:
    def check(doc: dict) -> str:
        if key in doc and not _one_or_single_list(doc[key], lambda v: type(v) is int and v >= 0):
            return f"{key} {doc[key]!r} is not one whole number >= 0"
        return ""
    return check


def target_key_found(doc: dict) -> str:
    return "" if doc.get("target") not in (None, []) else "no target"


def target_objects_recognized(doc: dict) -> str:
    targets = _values(doc["target"]) if doc.get("target") is not None else []  # none: 3.1-targetKeyFound says so
    return next((p for p in (resource_problem(t, body=False) for t in targets) if p), "")


def body_objects_recognized(doc: dict) -> str:
    bodies = _values(doc["body"]) if "body" in doc else []
    return next((p for p in (resource_problem(b, body=True) for b in bodies) if p), "")


def not_body_and_body_value(doc: dict) -> str:
    if "body" in doc and "bodyValue" in doc:
        return "both body and bodyValue"
    if "bodyValue" in doc and not _one_or_single_list(doc["bodyValue"], lambda v: isinstance(v, str)):
        return "bodyValue must be one string"
    return ""


ANNOTATION_MUSTS: dict[str, Assertion] = {
    "3.1-annotationContextValidated": _context,
    "3.1-annotationIdValidated": annotation_id_validated,
    "3.1-annotationTypeValidated": _type_includes("Annotation"),
    "3.1-targetKeyFound": target_key_found,
    "3.2-targetObjectsRecognized": target_objects_recognized,
    "3.2-bodyObjectsRecognized": body_objects_recognized,
    "3.2.5-notBodyBodyValue": not_body_and_body_value,
    "3.3.1-annotationCreatedValidated": _date_if_present("created"),
    "3.3.1-annotationModifiedValidated": _date_if_present("modified"),
    "3.3.1-annotationGeneratedValidated": _date_if_present("generated"),
    "3.3.6-annotationRightsValidated": _uris_if_present("rights", single=False),
    "3.3.7-annotationCanonicalValidated": _uris_if_present("canonical", single=True),
    "3.3.7-annotationViaValidated": _uris_if_present("via", single=False),
}


def collection_label_validated(doc: dict) -> str:
    label = doc.get("label", "")
    ok = isinstance(label, str) or (isinstance(label, list) and label and all(isinstance(v, str) for v in label))
    return "" if ok else f"label {label!r} is not text"


def collection_first_validated(doc: dict) -> str:
    first = doc.get("first")
    total = doc.get("total", 0)
    if first is None:
        return f"total is {total} but there is no first page" if isinstance(total, int) and total > 0 else ""
    if not _one_or_single_list(first, lambda v: is_uri(v) or (isinstance(v, dict) and _has_type(v, "AnnotationPage"))):
        return "first is neither a page IRI nor an AnnotationPage"
    return ""


COLLECTION_MUSTS: dict[str, Assertion] = {
    "5.1-collectionContextValidated": _context,
    "5.1-collectionIdValidated": annotation_id_validated,
    "5.1-collectionTypeValidated": _type_includes("AnnotationCollection"),
    "5.1-collectionLabelValidated": collection_label_validated,
    "5.1-collectionTotalValidated": _count_if_present("total"),
    "5.1-collectionFirstValidated": collection_first_validated,
    "5.1-collectionLastValidated": _uris_if_present("last", single=True),
    "3.3.1-collectionCreatedValidated": _date_if_present("created"),
    "3.3.1-collectionModifiedValidated": _date_if_present("modified"),
    "3.3.6-collectionRightsValidated": _uris_if_present("rights", single=False),
}


def page_items_found(doc: dict) -> str:
    items = doc.get("items")
    if not isinstance(items, list):
        return "a page needs `items`, an array"
    bad = [i for i in items if not (is_uri(i) or (isinstance(i, dict) and _has_type(i, "Annotation")))]
    return f"items that are neither IRIs nor Annotations: {bad[:1]!r}" if bad else ""


def page_part_of_validated(doc: dict) -> str:
    part = doc.get("partOf")
    if part is None or _one_or_single_list(part, is_uri) or (isinstance(part, dict) and is_uri(part.get("id"))):
        return ""
    return f"partOf {part!r} is not the collection's IRI"


PAGE_MUSTS: dict[str, Assertion] = {
    "5.2-pageIdValidated": annotation_id_validated,
    "5.2-pageTypeValidated": _type_includes("AnnotationPage"),
    "5.2-pageItemsFound": page_items_found,
    "5.2-pagePartOfValidated": page_part_of_validated,
    "5.2-pageStartIndexValidated": _count_if_present("startIndex"),
    "5.2-pageNextValidated": _uris_if_present("next", single=True),
    "5.2-pagePrevValidated": _uris_if_present("prev", single=True),
}


def failures(doc: dict, musts: dict[str, Assertion]) -> list[str]:
    return [f"{name}: {problem}" for name, check in musts.items() if (problem := check(doc))]


def annotation_failures(doc: dict) -> list[str]:
    return failures(doc, ANNOTATION_MUSTS)


def page_failures(doc: dict, *, embedded: bool = False) -> list[str]:
    """A page, and every annotation it embeds (which inherit the page's @context)."""
    found = failures(doc, PAGE_MUSTS) + ([] if embedded else [f"5.2-pageContext: {p}" for p in [_context(doc)] if p])
    context = doc.get("@context", ANNO_CONTEXT)
    for item in doc.get("items") or []:
        if isinstance(item, dict):
            found += annotation_failures({"@context": context, **item})
    return found


def collection_failures(doc: dict) -> list[str]:
    found = failures(doc, COLLECTION_MUSTS)
    if isinstance(doc.get("first"), dict):
        found += page_failures({"@context": doc.get("@context"), **doc["first"]}, embedded=True)
    return found
