"""Load Prefect, spaCy, scikit-learn and the models once for all the workers of a local Dask cluster.

A local cluster's workers used to start as fresh Python processes (spawn),
each importing Prefect, spaCy and scikit-learn and loading the English
pipeline, the case tables and the motive model: about 8 CPU-s per worker,
on a small machine the cores the parse needs. Instead ``fork_workers_from_loaded``
makes Dask fork its workers from one forkserver process that imported this
module: it loaded everything once, and each worker starts with it already in
memory (pages shared until written). Any failure here only costs the saving:
a worker that finds nothing loaded loads for itself, and reports what is wrong.
"""

from __future__ import annotations

import contextlib
import gc
import os
from collections.abc import Sequence
from pathlib import Path

from pipeline.config import Settings, preload_environ, preload_settings


def worker_env(verbose: bool = False) -> dict[str, str]:
    """The environment of a local cluster's workers."""
    # Worker processes log through their own handlers: keep per-task INFO lines off the user's screen.
    return {} if verbose else {"PREFECT_LOGGING_LEVEL": "WARNING"}


def preload_workers(paths: Sequence[Path | str], settings: Settings) -> tuple[int, bool]:
    """Plan the run (``runs.plan_run``) and start loading the models for a local cluster's workers now, when
    the run will start one; the plan goes on to ``flows.run_pipeline``, which need not make it again.

    The CLI calls it next to starting Prefect's server, before Prefect is
    even imported in this process: the loading takes seconds, and nothing else needs it.
    """
    from pipeline.runs import plan_run

    plan = plan_run(paths, settings)
    if not settings.dask_address and plan[0] > 1:
        fork_workers_from_loaded(settings, worker_env())
    return plan


def forkserver_available() -> bool:
    """Whether this platform can fork workers from a forkserver (not on Windows: there they start bare)."""
    import multiprocessing

    return "forkserver" in multiprocessing.get_all_start_methods()


def fork_workers_from_loaded(settings: Settings, env: dict[str, str]) -> None:
    """Start the forkserver that Dask forks a local cluster's workers from, loading this run's models in it.

    Dask uses it when ``distributed.worker.multiprocessing-method`` is
    "forkserver" (``flows.local_cluster``). Called as early as a run knows it
    will start workers, so the loading overlaps Prefect's start. ``env``: the
    workers' environment, which must be the forkserver's too (Prefect reads its
    settings when it is imported there). A forkserver already running (an
    earlier cluster of this process) is kept: its workers load what differs
    for themselves.
    """
    import multiprocessing
    import multiprocessing.forkserver

    if not forkserver_available():
        return
    context = multiprocessing.get_context("forkserver")
    # Replaces the preload list distributed would give it (distributed, numpy, pandas...): the models import those.
    context.set_forkserver_preload(["distributed", __name__])
    with _environ({**env, **preload_environ(settings)}):
        multiprocessing.forkserver.ensure_running()


@contextlib.contextmanager
def _environ(extra: dict[str, str]):
    """os.environ with ``extra`` while the forkserver starts (it copies the environment), then as before."""
    before = {key: os.environ.get(key) for key in extra}
    os.environ.update(extra)
    try:
        yield
    finally:
        for key, value in before.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


# The process that loaded the models, when this module loaded them (a worker forked from it inherits the value).
loaded_in: int | None = None


def _load_for_workers() -> None:
    global loaded_in
    settings = preload_settings()
    if settings is None:  # imported anywhere but in the forkserver: nothing to do
        return
    from pipeline.flows import warm_worker

    try:
        warm_worker(settings)
    except Exception:  # a worker then loads at its first batch, which reports the error properly
        return
    loaded_in = os.getpid()
    # What is loaded now stays for the life of every worker: keep the collector from walking it again and
    # again (a full collection over it costs about 0.4 s), and from writing to the pages the workers share.
    gc.freeze()


_load_for_workers()
