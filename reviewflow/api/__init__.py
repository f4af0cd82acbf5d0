"""The JSON API v1."""

from flask import Flask


def register_api(app: Flask) -> None:
    """Mount the API blueprint."""
