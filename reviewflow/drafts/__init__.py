"""The pages for drafts: lists, the draft page, and every role's forms on it."""

from flask import Flask


def register_pages(app: Flask) -> None:
    """Mount the draft pages' blueprints (importing the view modules attaches their routes)."""
    from reviewflow.drafts import (  # noqa: F401
        views_answers,
        views_consolidation,
        views_consultation,
        views_draft,
        views_list,
        views_review,
        views_revisions,
        views_tables,
    )
    from reviewflow.drafts.blueprint import bp
    from reviewflow.drafts.home import bp as home_bp
    from reviewflow.drafts.views_notifications import bp as notifications_bp

    app.register_blueprint(bp)
    app.register_blueprint(home_bp)
    app.register_blueprint(notifications_bp)
