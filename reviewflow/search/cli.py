"""``flask --app reviewflow search-reindex``: rebuild the whole search index (a repair; safe to run again)."""

from __future__ import annotations

import click


@click.command("search-reindex")
def search_reindex_command():
    """Rebuild the search index of every draft, comment, provision, note, position and opinion (idempotent)."""
    from reviewflow.services.search import reindex

    made = reindex()
    click.echo(f"Search index rebuilt: {made} rows indexed.")
