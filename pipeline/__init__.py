"""Crossings: migration cases mined from Q&A threads."""

__version__ = "0.1.0"
