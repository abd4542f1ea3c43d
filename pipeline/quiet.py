"""Keep Prefect's temporary server off the user's screen.

Prefect 3 starts a temporary API server in a subprocess for the first flow
run (about 8 s) and stops it at exit. That subprocess writes straight to the
inherited stderr, and at shutdown it and Prefect's background clients can
spill tracebacks that mean nothing to a user. We start the server ourselves
with its stderr sent to a log file, and stop it ourselves, so a clean run
prints only what Crossings means to print.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
from collections.abc import Iterator
from pathlib import Path

# Loggers of Prefect's background services whose shutdown errors are noise for a CLI user.
_NOISY = (
    "prefect",
    "prefect.events",
    "prefect.events.clients",
    "prefect._internal",
    "prefect.client",
    "prefect.server",
    "prefect.task_runner",
    "prefect.task_engine",
    "prefect.flow_engine",
    "prefect.flow_runs",
    "prefect.task_runs",
    "distributed",
    "asyncio",
    "uvicorn",
)


@contextlib.contextmanager
def _stderr_to(path: Path) -> Iterator[None]:
    """Point file descriptor 2 at ``path`` (children spawned meanwhile inherit it), then restore it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    sys.stderr.flush()
    saved = os.dup(2)
    with open(path, "ab") as log:
        os.dup2(log.fileno(), 2)
        try:
            yield
        finally:
            sys.stderr.flush()
            os.dup2(saved, 2)
            os.close(saved)


def _uses_temporary_server() -> bool:
    from prefect.settings import PREFECT_API_URL

    return not PREFECT_API_URL.value()


@contextlib.contextmanager
def quiet_prefect(log_path: Path | None = None, verbose: bool = False) -> Iterator[None]:
    log_path = log_path or Path(os.environ.get("PREFECT_HOME", Path.home() / ".prefect")) / "crossings-server.log"
    levels = {name: logging.getLogger(name).level for name in _NOISY}
    if not verbose:
        for name in ("prefect.flow_runs", "prefect.task_runs", "prefect", "distributed", "prefect.task_runner"):
            logging.getLogger(name).setLevel(logging.WARNING)
    server = None
    if _uses_temporary_server():
        from prefect.server.api.server import SubprocessASGIServer

        server = SubprocessASGIServer()  # the same singleton Prefect's client would start
        with _stderr_to(log_path):
            server.start()
    try:
        yield
    finally:
        # From here on nothing Prefect's background threads say is for the user.
        for name in _NOISY:
            logging.getLogger(name).setLevel(logging.CRITICAL + 1)
        if server is not None:
            with _stderr_to(log_path):
                server.stop()
        for name, level in levels.items():
            logging.getLogger(name).setLevel(level)
