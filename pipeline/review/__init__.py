"""The review web app: `crossings review` (see app.py)."""

from pipeline.review.app import create_app, serve

__all__ = ["create_app", "serve"]
