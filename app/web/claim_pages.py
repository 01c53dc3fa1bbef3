"""HTML pages for claims, figure charts and contradictions, with the decision and creation forms."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from app.deps import SessionDep
from app.schemas import ContradictionDraft, DecisionDraft, PassageRef
from app.services import claims as claims_service
from app.services import contradictions as contradictions_service
from app.services.articles import list_articles
from app.services.errors import InvalidInput
from app.web.auth import Analyst
from app.web.charts import figure_chart
from app.web.params import ClaimKind, ContradictionKind, ContradictionStatus, Offset, Text
from app.web.templating import redirect, render, same_query

router = APIRouter(include_in_schema=False)
Quote = Annotated[str | None, Query(max_length=2000)]  # as the creation form's quote fields
PAGE_SIZE = 100


@router.get("/claims", response_class=HTMLResponse)
def claims(request: Request, session: SessionDep, kind: ClaimKind = None,
           speaker: Text = None, metric: Text = None, article: Text = None, language: Text = None, offset: Offset = 0) -> HTMLResponse:
    page = claims_service.list_claims(session=session, kind=kind, speaker=speaker, metric=metric, article=article, language=language, limit=PAGE_SIZE, offset=offset)
    chart = None
    if metric:
        figures = claims_service.list_claims(session=session, kind="figure", metric=metric, article=article, language=language, limit=200).items
        chart = figure_chart(figures)
    context = {"page": page, "chart": chart, "metrics": claims_service.metrics(session=session),
               "articles": list_articles(session=session, limit=300).items,
               "filters": {"kind": kind, "speaker": speaker, "metric": metric, "article": article, "language": language}}
    return render(request, "claims/list.html", context, json_twin=same_query(request, "/api/claims"))


@router.get("/claims/{claim_id}", response_class=HTMLResponse)
def claim(request: Request, session: SessionDep, claim_id: int) -> HTMLResponse:
    """One claim and every other article's report of its statement or figure."""
    detail = claims_service.get_claim(session=session, claim_id=claim_id)
    return render(request, "claims/claim.html", {"claim": detail}, json_twin=f"/api/claims/{claim_id}")


@router.get("/contradictions", response_class=HTMLResponse)
def board(request: Request, session: SessionDep, kind: ContradictionKind = None,
          status: ContradictionStatus = None, article: Text = None,
          offset: Offset = 0) -> HTMLResponse:
    page = contradictions_service.list_contradictions(session=session, kind=kind, status=status, article=article, limit=PAGE_SIZE, offset=offset)
    counts = contradictions_service.board_counts(session=session, article=article)
    return render(request, "contradictions/board.html", {"page": page, "counts": counts, "filters": {"kind": kind, "status": status, "article": article}},
                  json_twin=same_query(request, "/api/contradictions"))


@router.get("/contradictions/new", response_class=HTMLResponse)
def new_contradiction(request: Request, session: SessionDep, claims: Annotated[list[int], Query(max_length=20)] = [],  # noqa: B006
                      article_a: Text = None, paragraph_a: Text = None, exact_a: Quote = None,
                      article_b: Text = None, paragraph_b: Text = None, exact_b: Quote = None) -> HTMLResponse:
    """The form, with claims ticked on /claims or passages picked from selections in the reader."""
    return _new_form(request, session, {"claims": claims, "article_a": article_a, "paragraph_a": paragraph_a, "exact_a": exact_a,
                                        "article_b": article_b, "paragraph_b": paragraph_b, "exact_b": exact_b})


@router.post("/contradictions")
def create(request: Request, session: SessionDep, who: Analyst, kind: Annotated[str, Form(max_length=20)] = "",
           reason: Annotated[str, Form(max_length=400)] = "", claims: Annotated[list[int], Form(max_length=20)] = [],  # noqa: B006
           article_a: Annotated[str, Form(max_length=200)] = "", paragraph_a: Annotated[str, Form(max_length=10)] = "",
           exact_a: Annotated[str, Form(max_length=2000)] = "", article_b: Annotated[str, Form(max_length=200)] = "",
           paragraph_b: Annotated[str, Form(max_length=10)] = "", exact_b: Annotated[str, Form(max_length=2000)] = "",
           note: Annotated[str, Form()] = "") -> Response:
    form = {"kind": kind, "reason": reason, "claims": claims, "article_a": article_a, "paragraph_a": paragraph_a, "exact_a": exact_a,
            "article_b": article_b, "paragraph_b": paragraph_b, "exact_b": exact_b, "note": note}
    try:
        passages = [PassageRef(article=a, paragraph=_index(p), exact=e or None) for a, p, e in
                    ((article_a, paragraph_a, exact_a), (article_b, paragraph_b, exact_b)) if a]
        made = contradictions_service.create_contradiction(session=session, draft=ContradictionDraft(
            kind=kind, reason=reason, claims=claims, passages=passages, note=note), author=who.name)
    except InvalidInput as exc:
        return _new_form(request, session, form, error=str(exc), status_code=422)
    return redirect(f"/contradictions/{made.id}", message="Contradiction created.")


@router.get("/contradictions/{contradiction_id}", response_class=HTMLResponse)
def contradiction(request: Request, session: SessionDep, contradiction_id: int) -> HTMLResponse:
    item = contradictions_service.get_contradiction(session=session, contradiction_id=contradiction_id)
    return render(request, "contradictions/detail.html", {"item": item},
                  json_twin=f"/api/contradictions/{contradiction_id}")


@router.post("/contradictions/{contradiction_id}/decision")
def decision(session: SessionDep, who: Analyst, contradiction_id: int, status: Annotated[str, Form(max_length=20)] = "",
             note: Annotated[str, Form()] = "") -> RedirectResponse:
    contradictions_service.decide(session=session, contradiction_id=contradiction_id,
                                  decision=DecisionDraft(status=status, note=note), author=who.name)
    return redirect(f"/contradictions/{contradiction_id}", message=f"Marked {status}.")


def _new_form(request: Request, session: SessionDep, form: dict, *, error: str | None = None, status_code: int = 200) -> HTMLResponse:
    chosen = [c for c in claims_service.list_claims(session=session, limit=500).items if c.id in set(form.get("claims") or [])]
    return render(request, "contradictions/new.html", {"form": form, "error": error, "chosen": chosen,
                  "articles": list_articles(session=session, limit=300).items}, status_code=status_code)


def _index(value: str) -> int:
    try:
        return int(value.strip())
    except ValueError as exc:
        raise InvalidInput(f"The paragraph number must be a whole number, not {value[:20]!r}.") from exc

