"""Search over the API: ``GET /search?q=…&cursor=…`` (or ``before=…``), the same matching and visibility as the
search page."""

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
    if hit.provision_id is not None:
        body.update(provision=hit.provision, provision_id=hit.provision_id)
    return body


@bp.get("/search")
def search():
    """Drafts matching ``q`` that the caller may see, newest first, each with its hits; ``next`` pages on to
    older drafts (as ``cursor``), ``previous`` back to newer ones (as ``before``)."""
    results = search_service.search(
        api_user(), query_text("q"), query_int("cursor", 0, low=1, high=MAX_ID) or None,
        query_int("per_page", search_service.PER_PAGE, low=1, high=search_service.MAX_PER_PAGE),
        before=query_int("before", 0, low=1, high=MAX_ID) or None,
    )
    return {
        "items": [{"id": item.draft.id, "number": item.draft.number_raw, "title": item.draft.title,
                   "state": item.draft.state.value, "hit_count": item.count,
                   "hits": [hit_json(h) for h in item.hits]} for item in results.items],
        "next": results.next_cursor,
        "previous": results.previous_cursor,
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
        "comment_id": {**integer, "description": "For comment, proposal, reasons and note hits"},
        "provision": {"type": "string", "description": "For provision hits: the provision cited, e.g. 3 str. 2 d."},
        "provision_id": {**integer, "description": "For provision hits"}}}
    item = {"type": "object", "properties": {
        "id": integer, "number": {"type": "string"}, "title": {"type": "string"}, "state": {"type": "string"},
        "hit_count": {**integer, "description": "Matches in this draft; at most 5 are in `hits`"},
        "hits": {"type": "array", "items": {"$ref": "#/components/schemas/SearchHit"}}}}
    return {"SearchHit": hit, "SearchResult": {"type": "object", "properties": {
        "items": {"type": "array", "items": item},
        "next": {**integer, "nullable": True,
                 "description": "Pass as `cursor` for the next page (older drafts); null on the last page"},
        "previous": {**integer, "nullable": True,
                     "description": "Pass as `before` for the previous page (newer drafts); null on the first page"},
    }}}


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
            "grouped by draft, newest registered first; page on with `cursor` = the answer's `next`, back with "
            "`before` = its `previous` (keyset paging both ways; not both at once). Drafts' provisions are found "
            "by whoever sees the draft; LSA's reasons by LSA, its committee and board, and by a municipality on its "
            "own comments once the letter is sent; internal notes by LSA staff, the board and the draft's committee."),
        "operationId": None,
        "parameters": [
            param("q", {"type": "string", "minLength": 1, "maxLength": 200}, "What to search for", True),
            param("cursor", {"type": "integer", "minimum": 1, "maximum": MAX_ID},
                  "The `next` of the page before: the drafts older than that one"),
            param("before", {"type": "integer", "minimum": 1, "maximum": MAX_ID},
                  "The `previous` of the page after: the drafts newer than that one"),
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
