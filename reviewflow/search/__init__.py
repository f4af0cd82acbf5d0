"""The search page, and the one step that switches search on: index listeners, schema hooks, the page."""

from __future__ import annotations

from flask import Flask


def register_search(app: Flask) -> None:
    """Keep the search index current on every flush, let ``create_all()`` make its structures, mount the page."""
    from reviewflow.search.views import bp
    from reviewflow.services.search.index import install_index_listener
    from reviewflow.services.search.schema import install_schema_hooks

    install_schema_hooks()
    install_index_listener()
    app.register_blueprint(bp)
