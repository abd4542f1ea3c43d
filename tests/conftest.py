"""Shared fixtures. The real English pipeline is loaded once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "corpus" / "threads" / "westerners_soviet_bloc_thread.txt"
SEED_GOLD = ROOT / "corpus" / "dev" / "westerners_soviet_bloc_thread.gold.jsonl"


@pytest.fixture(scope="session")
def settings():
    from pipeline.config import load_settings

    return load_settings()


@pytest.fixture(scope="session")
def nlp(settings):
    from pipeline.entities import load_nlp

    return load_nlp(settings.model)


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return SEED


@pytest.fixture(scope="session")
def seed_gold_path() -> Path:
    return SEED_GOLD
