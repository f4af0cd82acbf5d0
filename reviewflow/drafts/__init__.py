"""The pages for drafts: lists, the draft page, and every role's forms on it."""

from flask import Flask


def register_pages(app: Flask) -> None:
    """Mount the draft pages' blueprints."""
