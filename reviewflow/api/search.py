"""Search over the API: ``GET /search?q=…&cursor=…``, the same matching and visibility as the search page."""

from __future__ import annotations

from reviewflow.api import bp
from reviewflow.api.auth import api_user
from reviewflow.api.body import MAX_ID, query_int, query_text
from reviewflow.services import search as search_service


def hit_json(hit: search_service.Hit) -> dict:
    """One hit: its kind, the excerpt as plain text and the highlighted ranges as [start, end) offsets."""
    body = {"kind": hit.kind, "excerpt": hit.excerpt.text, "highlights": [list(m) for m in hit.excerpt.marks]}
    if hit.comment_id is not None:
        body["comment_id"] = hit.comment_id
    return body


@bp.get("/search")
def search():
    """Drafts matching ``q`` that the caller may see, newest first, each with its hits; ``next`` pages on."""
    results = search_service.search(
        api_user(), query_text("q"), query_int("cursor", 0, low=1, high=MAX_ID) or None,
        query_int("per_page", search_service.PER_PAGE, low=1, high=search_service.MAX_PER_PAGE),
    )
    return {
        "items": [{"id": item.draft.id, "number": item.draft.number_raw, "title": item.draft.title,
                   "state": item.draft.state.value, "hit_count": item.count,
                   "hits": [hit_json(h) for h in item.hits]} for item in results.items],
        "next": results.next_cursor,
    }


def search_schemas() -> dict:
    """The OpenAPI schemas of the search answer."""
    integer = {"type": "integer"}
    hit = {"type": "object", "required": ["kind", "excerpt", "highlights"], "properties": {
        "kind": {"type": "string", "enum": list(search_service.KIND_NAMES.values())},
        "excerpt": {"type": "string", "description": "Plain text (not HTML) around the match, at most ~230 "
                                                     "characters; … where it was cut"},
        "highlights": {"type": "array", "description": "What matched: [start, end) offsets into `excerpt`, "
                                                       "counted in Unicode code points",
                       "items": {"type": "array", "items": integer, "minItems": 2, "maxItems": 2}},
        "comment_id": {**integer, "description": "For comment and proposal hits"}}}
    item = {"type": "object", "properties": {
        "id": integer, "number": {"type": "string"}, "title": {"type": "string"}, "state": {"type": "string"},
        "hit_count": {**integer, "description": "Matches in this draft; at most 5 are in `hits`"},
        "hits": {"type": "array", "items": {"$ref": "#/components/schemas/SearchHit"}}}}
    return {"SearchHit": hit, "SearchResult": {"type": "object", "properties": {
        "items": {"type": "array", "items": item},
        "next": {**integer, "nullable": True,
                 "description": "Pass as `cursor` for the next page (older drafts); null on the last page"}}}}


def search_paths() -> dict:
    """The OpenAPI path of the search (the document's ``_name_operations`` names it)."""
    def param(name: str, schema: dict, description: str, required: bool = False) -> dict:
        return {"name": name, "in": "query", "required": required, "schema": schema, "description": description}

    return {"/search": {"get": {
        "summary": "Search drafts, comments, LSA's proposals, positions and committee opinions the caller may see",
        "description": (
            "Words match by their beginning (savivald finds savivaldybių), case and Lithuanian diacritics aside "
            "(istatymo = ĮSTATYMO = įstatymo); \"quoted words\" match as a phrase; a number matches with or "
            "without its revision (XIVP-3120 finds XIVP-3120(2) and (3)). Every word must match. Results are "
            "grouped by draft, newest registered first; page with `cursor` = the previous answer's `next`."),
        "operationId": None,
        "parameters": [
            param("q", {"type": "string", "minLength": 1, "maxLength": 200}, "What to search for", True),
            param("cursor", {"type": "integer", "minimum": 1, "maximum": MAX_ID}, "The `next` of the previous page"),
            param("per_page", {"type": "integer", "minimum": 1, "maximum": search_service.MAX_PER_PAGE},
                  f"Drafts per page (default {search_service.PER_PAGE})"),
        ],
        "responses": {
            "200": {"description": "OK", "content": {"application/json": {
                "schema": {"$ref": "#/components/schemas/SearchResult"}}}},
            "401": {"$ref": "#/components/responses/Unauthorized"},
            "422": {"$ref": "#/components/responses/Invalid"},
        },
    }}}
