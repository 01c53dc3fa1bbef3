"""CSV exports through the API (header row, same filters as the JSON lists) and the printable briefing."""

from __future__ import annotations

import csv
import io

FR, AR = "000_4a82fcdd0388497e", "003_68131c3598d7dd27"


def _csv(response):  # type: ignore[no-untyped-def]
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    reader = csv.DictReader(io.StringIO(response.text, newline=""))
    return reader.fieldnames, list(reader)


def test_csv_exports_open_with_a_header_row_and_follow_the_filters(seeded_client):
    seeded_client.post("/api/annotations", json={"article": FR, "paragraph": 1, "body": "=HYPERLINK(\"x\")", "tags": ["a", "b"]})
    seeded_client.post("/api/annotations", json={"article": AR, "paragraph": 1, "body": "other"})
    header, rows = _csv(seeded_client.get(f"/api/annotations.csv?article={FR}"))
    assert "body" in header and len(rows) == 1 and rows[0]["author"] == "ana"
    assert not rows[0]["body"].startswith("=")  # a spreadsheet must not run it as a formula
    for path in ("/api/claims.csv", "/api/contradictions.csv"):
        header, rows = _csv(seeded_client.get(path))
        assert header and "id" in header
    assert seeded_client.get("/api/claims.csv?kind=bogus").status_code == 422


def test_briefing_page_and_json(seeded_client):
    page = seeded_client.get(f"/briefing?articles={FR},{AR}")
    assert page.status_code == 200 and 'media="print"' in page.text
    data = seeded_client.get(f"/api/briefing?articles={FR},{AR}").json()
    assert [a["slug"] for a in data["articles"]] == [FR, AR]
    assert seeded_client.get(f"/briefing?articles={FR}").status_code == 422
