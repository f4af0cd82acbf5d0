"""The Celery entry point for worker and beat: ``celery -A worker worker`` / ``celery -A worker beat``."""

from reviewflow import create_app

flask_app = create_app()
celery_app = flask_app.extensions["celery"]
