"""Keep Prefect's temporary server off the user's screen, and off the critical path.

Without PREFECT_API_URL, Prefect 3 starts a temporary API server in a
subprocess for the first flow run (4-8 s on a small machine, most of it
importing the server) and stops it at exit. That subprocess writes straight to
the inherited stderr, and at shutdown it and Prefect's background clients can
spill tracebacks that mean nothing to a user. We start the same server
ourselves (uvicorn over ``prefect.server.api.server:create_app``, as
``prefect.server.api.server.SubprocessASGIServer`` does) with its output sent
to a log file, and stop it ourselves, so a clean run prints only what
Crossings means to print.

Starting it needs no Prefect import, so it can begin first thing and boot
while this process imports Prefect and spaCy and starts its workers; only the
first flow run waits for it (``wait``).

The server keeps its runs in a database of its own for this run only (``ServerDatabase``),
copied from an empty template, and deleted when it stops. Prefect's default,
~/.prefect/prefect.db, keeps every flow and task run for ever: it had grown to 120 MB
here, and each start paid for it (5.8 CPU-s instead of 4.6). Crossings records its own
runs in its store; set PREFECT_API_URL (a server you run) or
PREFECT_API_DATABASE_CONNECTION_URL (a database you keep) to keep Prefect's history too.

Inside ``quiet_prefect`` this process's
Prefect settings point at the server, so the settings that travel with every
task to Dask workers point there too (without that, each worker process would
start a temporary server of its own).
"""

from __future__ import annotations

import atexit
import contextlib
import importlib.metadata
import logging
import os
import random
import re
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

from pipeline.errors import CrossingsError, Errors

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
# Loggers that report every flow and task run at INFO: a batch run has hundreds.
_CHATTY = ("prefect.flow_runs", "prefect.task_runs", "prefect", "distributed", "prefect.task_runner")
_PORTS = range(8000, 9000)  # where Prefect's own temporary server looks too
_PORT_IN_USE = 3  # uvicorn's exit status when the port was taken after we checked it
_START_TIMEOUT_S = 180.0  # a loaded two-core machine can take a minute on the first start (database creation)
# uvicorn under a watchdog: the server exits when the process that started it is gone, even when
# that process was killed (a killed run must not leave a server behind for ever).
_WATCHED = (
    "import os, runpy, sys, threading, time\n"
    "parent = int(sys.argv[1])\n"
    "def watch():\n"
    "    while os.getppid() == parent:\n"
    "        time.sleep(1)\n"
    "    os._exit(0)\n"
    "threading.Thread(target=watch, daemon=True).start()\n"
    "sys.argv = ['uvicorn', *sys.argv[2:]]\n"
    "runpy.run_module('uvicorn', run_name='__main__', alter_sys=True)\n"
)
_DATABASE_SETTING = "PREFECT_API_DATABASE_CONNECTION_URL"
# The environment Prefect gives its temporary server: no UI, ephemeral services only.
_SERVER_ENV = {
    "PREFECT_UI_ENABLED": "0",
    "PREFECT__SERVER_EPHEMERAL": "1",
    "PREFECT__SERVER_FINAL": "1",
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",  # no telemetry calls from a machine that may be offline
    # Crossings uses no blocks; registering Prefect's block types at every start costs 1-1.5 CPU-s.
    "PREFECT_SERVER_REGISTER_BLOCKS_ON_START": "false",
}
# And when its database is this run's own, thrown away when the run ends (not one the user keeps): nothing
# it would record is ever read, so the services that write every event and task run into it, and that
# watch events for automations, stay off.
_THROWAWAY_ENV = {
    "PREFECT_SERVER_SERVICES_EVENT_PERSISTER_ENABLED": "false",
    "PREFECT_SERVER_SERVICES_TASK_RUN_RECORDER_ENABLED": "false",
    "PREFECT_SERVER_SERVICES_TRIGGERS_ENABLED": "false",
    "PREFECT_SERVER_SERVICES_EVENT_LOGGER_ENABLED": "false",
}


def _prefect_home() -> Path:
    return Path(os.environ.get("PREFECT_HOME", Path.home() / ".prefect"))


def default_log_path() -> Path:
    return _prefect_home() / "crossings-server.log"


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process
        return True
    return True


# A run's database ("run-PID.db", with its -wal, -shm, -journal files) or a template it is still writing
# ("template.PID.partial"): either is named by the run's pid.
_RUN_FILE = re.compile(r"(?:run-|template\.)(?P<pid>\d+)(?:\..*)?")


class ServerDatabase:
    """The temporary server's SQLite database for one run: a copy of an empty, migrated template.

    The first run of a Prefect version lets the server create and migrate its database (a few
    CPU-seconds), then keeps that empty database as the template; later runs copy it, which
    costs nothing. The copy is deleted when the server stops; a killed run's copy is deleted by
    the next run.
    """

    def __init__(self, home: Path | None = None) -> None:
        self.dir = (home or _prefect_home()) / "crossings-server"
        version = importlib.metadata.version("prefect")  # migrations differ between versions
        self.template = self.dir / f"template-{version}.db"
        self.path = self.dir / f"run-{os.getpid()}.db"
        self.fresh = False  # True until the server has migrated a new database we may keep

    @property
    def url(self) -> str:
        return f"sqlite+aiosqlite:///{self.path}"

    def prepare(self) -> None:
        self.dir.mkdir(parents=True, exist_ok=True)
        self.remove_stale()
        self.remove()
        if self.template.exists():
            shutil.copyfile(self.template, self.path)
        else:
            self.fresh = True

    def keep_as_template(self) -> None:
        """Once the server is up (migrated, no run in it yet), keep its database as the template."""
        if not self.fresh:
            return
        self.fresh = False
        partial = self.dir / f"template.{os.getpid()}.partial"
        # The backup API copies a consistent database even while the server holds it open.
        with contextlib.closing(sqlite3.connect(self.path)) as source, contextlib.closing(sqlite3.connect(partial)) as copy:
            source.backup(copy)
        os.replace(partial, self.template)  # a concurrent first run may do the same: either copy is good

    def remove(self) -> None:
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{self.path}{suffix}").unlink(missing_ok=True)

    def remove_stale(self) -> None:
        """Delete the databases (and half-written templates) of runs that are no longer running."""
        for path in self.dir.glob("*"):
            owner = _RUN_FILE.fullmatch(path.name)
            if owner is not None and not _pid_alive(int(owner["pid"])):
                path.unlink(missing_ok=True)


@contextlib.contextmanager
def _stderr_to(path: Path) -> Iterator[None]:
    """Point file descriptor 2 at ``path``, then restore it."""
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


def _free_port() -> int:
    for _ in range(50):
        port = random.choice(_PORTS)
        with contextlib.closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as sock:
            try:
                sock.bind(("127.0.0.1", port))
                return port
            except OSError:
                continue
    raise CrossingsError(Errors.E013.format(reason="no free port between 8000 and 8999", log=default_log_path()))


def server_environ(database: "ServerDatabase | None") -> dict[str, str]:
    """The temporary server's environment: on this run's own database (None: one the user named) it records nothing."""
    if database is None:
        return {**os.environ, **_SERVER_ENV}
    return {**os.environ, **_SERVER_ENV, _DATABASE_SETTING: database.url, **_THROWAWAY_ENV}


class TemporaryServer:
    """Prefect's temporary API server in a subprocess, started now and waited for later."""

    def __init__(self, log_path: Path | None = None) -> None:
        self.log_path = log_path or default_log_path()
        self.port = 0
        self.process: subprocess.Popen[bytes] | None = None
        self.ready = False
        # A database the user named (Prefect's setting) is theirs to keep; otherwise one for this run.
        self.database: ServerDatabase | None = None
        if not os.environ.get(_DATABASE_SETTING):
            self.database = ServerDatabase()
            self.database.prepare()
        self._spawn()
        atexit.register(self.stop)  # an exception before quiet_prefect's cleanup must not leave it running

    def _spawn(self) -> None:
        self.port = _free_port()
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        with open(self.log_path, "ab") as log:
            self.process = subprocess.Popen(
                [
                    sys.executable, "-c", _WATCHED, str(os.getpid()),
                    "--factory", "prefect.server.api.server:create_app",
                    "--host", "127.0.0.1", "--port", str(self.port), "--log-level", "error", "--lifespan", "on",
                ],
                env=server_environ(self.database),
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=log,
            )

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api"

    def wait(self, timeout: float = _START_TIMEOUT_S) -> str:
        """The API URL once the server answers its health check; E013 if it never does."""
        deadline = time.monotonic() + timeout
        while not self.ready:
            assert self.process is not None
            status = self.process.poll()
            if status == _PORT_IN_USE:
                self._spawn()
                continue
            if status is not None:
                raise CrossingsError(Errors.E013.format(reason=f"it exited with status {status}", log=self.log_path))
            if time.monotonic() > deadline:
                self.stop()
                raise CrossingsError(Errors.E013.format(reason=f"no answer after {timeout:.0f} s", log=self.log_path))
            try:
                with urllib.request.urlopen(f"{self.api_url}/health", timeout=2) as response:
                    self.ready = response.status == 200
            except (urllib.error.URLError, OSError):
                pass
            if not self.ready:
                time.sleep(0.05)
        if self.database is not None:
            self.database.keep_as_template()
        return self.api_url

    def stop(self) -> None:
        if self.process is None:
            return
        with _stderr_to(self.log_path):
            self.process.terminate()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None
        self.ready = False
        if self.database is not None:
            self.database.remove()


_early: TemporaryServer | None = None


def start_server_early(log_path: Path | None = None) -> None:
    """Start the temporary server before Prefect is even imported (a CLI calls this first thing).

    ``quiet_prefect`` then adopts it. Skipped when PREFECT_API_URL names a server.
    """
    global _early
    if _early is None and not os.environ.get("PREFECT_API_URL"):
        _early = TemporaryServer(log_path)


def _uses_temporary_server() -> bool:
    from prefect.settings import PREFECT_API_URL

    return not PREFECT_API_URL.value()


def client_settings(api_url: str, throwaway: bool) -> dict:
    """Prefect's settings for this process's flows on the temporary server at ``api_url``.

    ``throwaway``: the server's database is this run's own, deleted at the end, so nothing
    it would keep is ever read. No log lines are sent to it (they still reach the log
    handlers here and, with the settings, on every worker), and the flows send no
    heartbeats, which only tell a lasting server that a flow run crashed: each flow's
    heartbeat thread sleeps in one-second steps, and ending the flow waited for it.
    """
    from prefect.settings import PREFECT_API_URL, PREFECT_FLOWS_HEARTBEAT_FREQUENCY, PREFECT_LOGGING_TO_API_ENABLED

    updates: dict = {PREFECT_API_URL: api_url}
    if throwaway:
        updates[PREFECT_LOGGING_TO_API_ENABLED] = False
        updates[PREFECT_FLOWS_HEARTBEAT_FREQUENCY] = None
    return updates


@contextlib.contextmanager
def quiet_prefect(log_path: Path | None = None, verbose: bool = False) -> Iterator[Callable[[], None]]:
    """Start Prefect's temporary server in the background (unless Prefect's settings name a server).

    Yields ``wait()``: call it before the first flow run. On the way out the
    server is stopped and Prefect's shutdown chatter is silenced.
    """
    global _early
    from prefect.settings import temporary_settings

    levels = {name: logging.getLogger(name).level for name in _NOISY}
    if not verbose:
        for name in _CHATTY:
            logging.getLogger(name).setLevel(logging.WARNING)
    server, _early = _early, None
    if not _uses_temporary_server():
        if server is not None:  # a Prefect profile names a server after all
            server.stop()
        server = None
    elif server is None:
        server = TemporaryServer(log_path)
    try:
        with contextlib.ExitStack() as stack:
            ready = server is None

            def wait() -> None:
                nonlocal ready
                if not ready:
                    assert server is not None
                    updates = client_settings(server.wait(), throwaway=server.database is not None)
                    stack.enter_context(temporary_settings(updates=updates))
                    ready = True

            yield wait
    finally:
        # From here on nothing Prefect's background threads say is for the user.
        for name in _NOISY:
            logging.getLogger(name).setLevel(logging.CRITICAL + 1)
        if server is not None:
            server.stop()
        for name, level in levels.items():
            logging.getLogger(name).setLevel(level)
