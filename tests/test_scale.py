"""Scale: streaming, a Dask cluster, restarts, incremental runs, progress, and the benchmark's dump."""

from __future__ import annotations

import contextlib
import io
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

import pytest

from pipeline.config import load_settings
from pipeline.flows import batch_threads, crossings_run, cut_by_size, finer_tail, plan_workers
from pipeline.runs import extractor_version, unchanged_run
from pipeline.ingest import iter_threads
from pipeline.progress import Progress, estimate_threads
from pipeline.store import Store
from pipeline.quiet import ServerDatabase
from pipeline.schema import Post, Thread

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT / "corpus" / "dev"
sys.path.insert(0, str(ROOT / "benchmarks"))

from synth import load_pools, write_dump  # noqa: E402


@pytest.fixture(scope="module")
def prefect_harness():
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=180):  # a busy two-core machine can take a minute
        yield


@pytest.fixture(scope="module")
def pools():
    return load_pools()


@pytest.fixture(scope="module")
def small_corpus(tmp_path_factory, seed_path) -> Path:
    """The seed thread and two dev threads: three threads, about twenty posts."""
    folder = tmp_path_factory.mktemp("small")
    shutil.copy(seed_path, folder / seed_path.name)
    for name in ("americans_china_cuba_thread.txt", "jewish_refugees_shanghai_thread.txt"):
        shutil.copy(DEV / name, folder / name)
    return folder


def lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


@pytest.fixture(scope="module")
def plain_run(prefect_harness, small_corpus, tmp_path_factory):
    """One uninterrupted in-process run (one worker) of the small corpus: what every other run must match."""
    out = tmp_path_factory.mktemp("plain")
    settings = load_settings(out_dir=out, progress=False, workers=1, batch_posts=8)
    summary = crossings_run([str(small_corpus)], settings)
    assert summary.n_threads == 3 and summary.n_cases > 0
    return out, summary


# -- the synthetic dump and streaming ingest --------------------------------------------


def test_synthetic_dump_is_deterministic_and_reads_back(tmp_path, pools):
    first, second, other = tmp_path / "a.xml", tmp_path / "b.xml", tmp_path / "c.xml"
    n_threads, n_posts = write_dump(first, 300, seed=5, pools=pools)
    write_dump(second, 300, seed=5, pools=pools)
    write_dump(other, 300, seed=6, pools=pools)
    assert first.read_bytes() == second.read_bytes() != other.read_bytes()
    threads = list(iter_threads([first]))
    assert len(threads) == n_threads == estimate_threads([first])
    assert sum(len(t.posts) for t in threads) == n_posts == 300
    assert len({t.thread_id for t in threads}) == n_threads
    # Real sentences recombined: every answer is made of text that occurs in the source threads.
    words = sum(len(p.text.split()) for t in threads for p in t.posts) / n_posts
    assert 60 < words < 300


def _peak_while_reading(path: Path) -> tuple[int, int]:
    tracemalloc.start()
    try:
        n = sum(1 for _ in iter_threads([path]))
        return n, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_ingest_memory_does_not_grow_with_the_dump(tmp_path, pools):
    small, large = tmp_path / "small.xml", tmp_path / "large.xml"
    write_dump(small, 200, seed=1, pools=pools)
    write_dump(large, 2000, seed=1, pools=pools)
    n_small, peak_small = _peak_while_reading(small)
    n_large, peak_large = _peak_while_reading(large)
    assert n_large > 8 * n_small
    # Ten times the posts, not ten times the memory: only open threads and a per-question count are held.
    assert peak_large < 2 * peak_small, (peak_small, peak_large)


# -- progress ----------------------------------------------------------------------------------


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_prints_plain_lines_off_a_terminal():
    stream = io.StringIO()
    with Progress("threads", total=4, stream=stream, every_s=0) as bar:
        bar.advance(1, cases=3)
        bar.note("[W102] empty.txt: the file is empty; skipped.")
        bar.advance(2, skipped=2)
    out = stream.getvalue().splitlines()
    assert out[0].startswith("threads: 1/4 threads") and "3 cases" in out[0] and "ETA" in out[0]
    assert out[1].startswith("[W102]")
    assert "(2 unchanged)" in out[-1] and "threads/s" in out[-1] and " in " in out[-1]
    assert "\r" not in stream.getvalue()


def test_progress_draws_a_bar_on_a_terminal():
    stream = _Terminal()
    with Progress("threads", total=10, stream=stream) as bar:
        bar.advance(5, cases=7)
    text = stream.getvalue()
    assert text.startswith("\r[############------------] threads: 5/10 threads")
    assert text.endswith("\n") and "7 cases" in text


def test_progress_stays_silent_when_disabled():
    stream = _Terminal()
    with Progress("threads", total=10, stream=stream, enabled=False) as bar:
        bar.advance(10)
    assert stream.getvalue() == ""


def test_estimate_counts_threads_per_format(tmp_path, seed_path):
    jsonl = tmp_path / "t.jsonl"
    jsonl.write_text('{"thread_id": "a", "posts": ["x"]}\n\n{"thread_id": "b", "posts": ["y"]}\n', encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    files = [jsonl, seed_path, tmp_path / "empty.txt", tmp_path / "missing.txt"]
    assert estimate_threads(files) == 3


# -- batches and workers ---------------------------------------------------------------------------


def test_last_batches_are_cut_finer_for_several_workers(small_corpus):
    threads = list(iter_threads([small_corpus])) * 4  # posts per thread: 7, 7, 8, four times
    sizes = lambda pieces: [len(b) for b in pieces]  # noqa: E731
    assert sizes(batch_threads(iter(threads), max_posts=30)) == [5, 4, 3]
    # Two workers: the last two batches (7 threads, 52 posts) become up to eight pieces, longest first.
    pieces = list(finer_tail(batch_threads(iter(threads), max_posts=30), slots=2))
    assert sizes(pieces) == [5, 1, 1, 1, 1, 1, 1, 1]
    assert pieces[0] == threads[:5]
    chars = [sum(len(p.text) for t in piece for p in t.posts) for piece in pieces[1:]]
    assert chars == sorted(chars, reverse=True)
    assert sorted(t.thread_id for t in sum(pieces, [])) == sorted(t.thread_id for t in threads)  # every thread once
    # Fewer threads than pieces: one thread each, none empty.
    assert sizes(finer_tail(batch_threads(iter(threads[:3]), max_posts=40), slots=4)) == [1, 1, 1]
    # One worker waits for no one: its batches stay whole.
    assert sizes(finer_tail(batch_threads(iter(threads), max_posts=30), slots=1)) == [5, 4, 3]
    assert list(finer_tail(iter([]), slots=2)) == []


def test_cut_by_size_balances_text_not_threads():
    def thread(n: int, chars: int) -> Thread:
        posts = tuple(Post(f"t{n}-{i}", f"t{n}", i, "answer", "x" * chars) for i in range(2))
        return Thread(f"t{n}", "?", posts, "test", "text")

    many = [thread(n, 100) for n in range(6)] + [thread(6, 900), thread(7, 100)]  # 1,200 + 1,800 + 200 chars
    pieces = list(cut_by_size(many, 2))
    assert [len(p) for p in pieces] == [7, 1]  # the long thread closes the first half
    assert sum(pieces, []) == many
    assert [len(p) for p in cut_by_size(many, 3)] == [6, 1, 1]
    assert list(cut_by_size([], 3)) == []


def test_default_workers_use_all_cores_only_for_a_corpus(tmp_path, small_corpus, pools):
    auto = load_settings(out_dir=tmp_path / "out")
    assert auto.workers == 0
    assert plan_workers([small_corpus], auto) == 1
    assert plan_workers([small_corpus], auto.with_overrides(workers=3)) == 3
    dump = tmp_path / "Posts.xml"
    write_dump(dump, 800, pools=pools)
    cores = os.cpu_count() or 1
    assert plan_workers([dump], auto) == cores

    # After a finished run that read this dump, an unchanged dump needs no workers; a touched one does.
    with Store(auto.store_path) as store:
        run_id = store.begin_run({})
        store.write_batch(list(iter_threads([dump])), {}, run_id)
        store.finish_run(run_id, {})
    time.sleep(0.01)
    assert plan_workers([dump], auto) == 1
    os.utime(dump)
    assert plan_workers([dump], auto) == cores


# -- the Prefect flow on a Dask cluster --------------------------------------------------------


@pytest.mark.slow
def test_local_cluster_run_gives_exactly_the_plain_run_cases(prefect_harness, small_corpus, plain_run, tmp_path):
    from distributed import Client, LocalCluster

    plain_out, plain_summary = plain_run
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster:
        settings = load_settings(
            out_dir=tmp_path / "dask", progress=False, batch_posts=8, dask_address=cluster.scheduler_address
        )
        summary = crossings_run([str(small_corpus)], settings, slots=2)
        with Client(cluster) as client:
            # The batches really ran on the cluster: its workers, not this process, loaded the pipeline.
            loaded = client.run(lambda: "pipeline.cases" in sys.modules)
    assert any(loaded.values())
    assert (summary.n_threads, summary.n_cases, summary.n_tokens) == (3, plain_summary.n_cases, plain_summary.n_tokens)
    for name in ("cases.jsonl", "cases.csv"):
        assert lines(tmp_path / "dask" / name) == lines(plain_out / name)


def test_which_models_to_preload_travels_in_the_environment(monkeypatch, tmp_path):
    from pipeline.config import preload_environ, preload_settings

    settings = load_settings(model="some_model", models_dir=tmp_path / "models", disable=("lemmatizer",))
    (name, value), = preload_environ(settings).items()
    monkeypatch.setenv(name, value)
    got = preload_settings()
    assert got is not None and (got.model, got.disable, got.models_dir) == ("some_model", ("lemmatizer",), tmp_path / "models")
    monkeypatch.setenv(name, "not json")
    assert preload_settings() is None
    monkeypatch.delenv(name)
    assert preload_settings() is None


@pytest.mark.slow
def test_local_workers_start_with_the_models_loaded_and_give_the_plain_run_cases(prefect_harness, small_corpus, plain_run, tmp_path):
    from distributed import Client

    from pipeline.flows import local_cluster

    plain_out, plain_summary = plain_run
    settings = load_settings(out_dir=tmp_path / "local", progress=False, batch_posts=8, workers=2)
    with local_cluster(settings) as (address, slots):
        with Client(address) as client:
            client.wait_for_workers(2, timeout=120)
            # Forked from the process that loaded the models, before any batch reached them.
            loaded = client.run(lambda: (sys.modules["pipeline.preload"].loaded_in, os.getpid()))
        summary = crossings_run([str(small_corpus)], settings.with_overrides(dask_address=address), slots)
    assert slots == 2 and len(loaded) == 2
    assert all(parent is not None and parent != pid and parent != os.getpid() for parent, pid in loaded.values())
    assert (summary.n_threads, summary.n_cases, summary.n_tokens) == (3, plain_summary.n_cases, plain_summary.n_tokens)
    for name in ("cases.jsonl", "cases.csv"):
        assert lines(tmp_path / "local" / name) == lines(plain_out / name)


# -- incremental runs --------------------------------------------------------------------------------


@pytest.mark.slow
def test_second_run_skips_unchanged_threads_and_redoes_a_changed_one(prefect_harness, small_corpus, plain_run, tmp_path):
    plain_out, plain_summary = plain_run
    out = tmp_path / "out"
    out.mkdir()
    shutil.copy(plain_out / "crossings.db", out / "crossings.db")
    settings = load_settings(out_dir=out, progress=False, workers=1, batch_posts=8)

    first = crossings_run([str(small_corpus)], settings)  # outputs written beside the copied store
    written = (out / "cases.jsonl").stat().st_mtime_ns
    again = crossings_run([str(small_corpus)], settings)
    assert (again.n_threads, again.n_threads_skipped, again.n_posts, again.n_tokens) == (0, 3, 0, 0)
    assert again.n_cases == first.n_cases == plain_summary.n_cases
    assert lines(out / "cases.jsonl") == lines(plain_out / "cases.jsonl")
    # Nothing processed or reviewed since: the outputs were left as they were, not rewritten.
    assert (out / "cases.jsonl").stat().st_mtime_ns == written

    # With nothing new a run is settled before Prefect starts: hashes checked, run recorded, outputs kept.
    with Store(out / "crossings.db") as store:
        n_runs = len(store.runs())
    quick = unchanged_run([str(small_corpus)], settings)
    assert quick is not None and (quick.n_threads, quick.n_threads_skipped, quick.n_cases) == (0, 3, first.n_cases)
    assert (out / "cases.jsonl").stat().st_mtime_ns == written
    with Store(out / "crossings.db") as store:
        assert len(store.runs()) == n_runs + 1 and store.runs()[-1]["finished"]

    # A review since the last run does reach the outputs of a run that processes nothing.
    rejected = json.loads(lines(out / "cases.jsonl")[0])["case_id"]
    with Store(out / "crossings.db") as store:
        store.review(rejected, "reject", "tester")
    assert unchanged_run([str(small_corpus)], settings) is None  # the outputs are behind the store
    after_review = crossings_run([str(small_corpus)], settings)
    assert after_review.n_threads == 0 and after_review.n_cases == plain_summary.n_cases - 1
    assert rejected not in (out / "cases.jsonl").read_text(encoding="utf-8")

    changed = tmp_path / "changed"
    shutil.copytree(small_corpus, changed)
    edited = changed / "jewish_refugees_shanghai_thread.txt"
    edited.write_text(edited.read_text(encoding="utf-8") + "\n\nMy grandmother moved from Vienna to Shanghai in 1939.\n", encoding="utf-8")
    assert unchanged_run([str(changed)], settings) is None
    changed_run = crossings_run([str(changed)], settings)
    assert (changed_run.n_threads, changed_run.n_threads_skipped) == (1, 2)
    with Store(out / "crossings.db") as store:
        assert store.processed_hashes()["jewish_refugees_shanghai_thread"] == next(iter_threads([edited])).processed_hash(
            extractor_version(settings))

    # An extractor that would read the threads differently (here: another confidence cut; an upgrade of the
    # code, its data or the English pipeline alike) reads every thread again instead of keeping old cases.
    stricter = load_settings(out_dir=out, progress=False, workers=1, batch_posts=8, min_confidence=0.9)
    assert extractor_version(stricter) != extractor_version(settings)
    assert unchanged_run([str(changed)], stricter) is None
    reread = crossings_run([str(changed)], stricter)
    assert (reread.n_threads, reread.n_threads_skipped) == (3, 0)
    assert reread.n_cases < changed_run.n_cases  # the stricter cut kept fewer


# -- a killed run, restarted ---------------------------------------------------------------------------


def _committed_threads(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as conn:
            return conn.execute("SELECT COUNT(*) FROM threads").fetchone()[0]
    except sqlite3.Error:  # not created yet, or mid-transaction
        return 0


@pytest.mark.slow
def test_killed_run_restarts_without_duplicates(prefect_harness, tmp_path):
    from prefect.settings import PREFECT_API_URL

    corpus = tmp_path / "corpus"
    shutil.copytree(DEV, corpus, ignore=shutil.ignore_patterns("*.gold.jsonl"))
    n_threads = len(list(corpus.glob("*.txt")))
    killed_out, whole_out = tmp_path / "killed", tmp_path / "whole"
    # Four posts per batch: every thread is a batch of its own, so the kill lands between commits.
    cli_args = ["--batch-posts", "4", "--workers", "1", "--no-progress"]

    # The real console script, pointed at this module's Prefect server; killed once a batch is committed.
    env = {**os.environ, "PREFECT_API_URL": PREFECT_API_URL.value()}
    exe = Path(sys.executable).with_name("crossings")
    proc = subprocess.Popen(
        [str(exe), "run", str(corpus), "--out", str(killed_out), *cli_args],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )
    deadline = time.monotonic() + 300
    try:
        while _committed_threads(killed_out / "crossings.db") == 0 and proc.poll() is None:
            assert time.monotonic() < deadline, "the run committed nothing in 300 s"
            time.sleep(0.02)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    committed = _committed_threads(killed_out / "crossings.db")
    assert 0 < committed < n_threads, f"the kill came too late to test a restart ({committed} of {n_threads} committed)"
    assert not (killed_out / "cases.jsonl").exists()

    settings = load_settings(out_dir=killed_out, progress=False, workers=1, batch_posts=4)
    resumed = crossings_run([str(corpus)], settings)
    assert (resumed.n_threads_skipped, resumed.n_threads) == (committed, n_threads - committed)

    whole = crossings_run([str(corpus)], settings.with_overrides(out_dir=whole_out))
    assert whole.n_threads == n_threads
    resumed_cases, whole_cases = lines(killed_out / "cases.jsonl"), lines(whole_out / "cases.jsonl")
    assert resumed_cases == whole_cases
    ids = [json.loads(line)["case_id"] for line in resumed_cases]
    assert len(ids) == len(set(ids)) == resumed.n_cases
    with Store(killed_out / "crossings.db") as store:
        assert len(store.processed_hashes()) == n_threads
        runs = store.runs()
    assert [r["finished"] is not None for r in runs] == [False, True]  # the killed run never finished


def test_store_streams_current_cases_in_chunks(plain_run):
    plain_out, plain_summary = plain_run
    with Store(plain_out / "crossings.db") as store:
        chunks = list(store.iter_current_cases(chunk_size=7))
        whole = store.current_cases()
    assert all(len(c) <= 7 for c in chunks) and len(chunks) > 1
    assert sorted(c.case_id for chunk in chunks for c in chunk) == sorted(c.case_id for c in whole)
    assert sum(len(c) for c in chunks) == plain_summary.n_cases


# -- Prefect's temporary server ---------------------------------------------------------------------

_KILLED_PARENT = """
import os, sys
from pipeline.quiet import TemporaryServer
server = TemporaryServer()
server.wait()
print(server.process.pid, flush=True)
os.kill(os.getpid(), 9)
"""


@pytest.mark.slow
def test_temporary_server_does_not_outlive_a_killed_run(tmp_path):
    env = {**os.environ, "PREFECT_HOME": str(tmp_path / "prefect")}
    env.pop("PREFECT_API_URL", None)
    proc = subprocess.run([sys.executable, "-c", _KILLED_PARENT], capture_output=True, text=True, env=env, cwd=ROOT, timeout=300)
    assert proc.returncode == -signal.SIGKILL, proc.stderr
    server = int(proc.stdout.split()[0])
    deadline = time.monotonic() + 30
    while _alive(server):
        assert time.monotonic() < deadline, f"server {server} still running after its parent was killed"
        time.sleep(0.2)
    # Its database is the run's own, beside an empty template; Prefect's lasting one was never made.
    home = tmp_path / "prefect"
    assert not (home / "prefect.db").exists()
    left = sorted(p.name for p in (home / "crossings-server").glob("*.db"))
    assert len(left) == 2 and left[0].startswith("run-") and left[1].startswith("template-"), left
    ServerDatabase(home).remove_stale()  # what the next run does first
    assert [p.name for p in (home / "crossings-server").iterdir()] == [left[1]]


def test_only_a_throwaway_server_database_goes_without_recording(tmp_path):
    from pipeline.quiet import server_environ

    own = ServerDatabase(tmp_path)
    env = server_environ(own)
    assert env["PREFECT_API_DATABASE_CONNECTION_URL"] == own.url
    assert env["PREFECT_SERVER_SERVICES_TASK_RUN_RECORDER_ENABLED"] == "false"
    assert env["PREFECT_SERVER_SERVICES_EVENT_PERSISTER_ENABLED"] == "false"
    # A database the user named keeps Prefect's whole history.
    kept = server_environ(None)
    for key in ("PREFECT_SERVER_SERVICES_TASK_RUN_RECORDER_ENABLED", "PREFECT_SERVER_SERVICES_EVENT_PERSISTER_ENABLED"):
        assert kept.get(key) == os.environ.get(key)


def test_flows_on_a_throwaway_server_send_it_no_logs_nor_heartbeats():
    from prefect.settings import PREFECT_API_URL, temporary_settings

    from pipeline.quiet import client_settings

    url = "http://127.0.0.1:8123/api"
    with temporary_settings(updates=client_settings(url, throwaway=True)) as settings:
        assert settings.api.url == url
        assert settings.logging.to_api.enabled is False
        assert settings.flows.heartbeat_frequency is None  # the flow engine then starts no heartbeat thread
    kept = client_settings(url, throwaway=False)  # a database the user keeps: Prefect as it comes
    assert kept == {PREFECT_API_URL: url}


def test_server_database_is_copied_from_a_template_and_removed(tmp_path):
    first = ServerDatabase(tmp_path)
    first.prepare()
    assert first.fresh and not first.path.exists()  # the server creates and migrates it
    with contextlib.closing(sqlite3.connect(first.path)) as db:  # what a migrated database holds
        db.execute("create table alembic_version (version_num text)")
        db.execute("insert into alembic_version values ('x')")
        db.commit()
    first.keep_as_template()
    first.remove()
    assert [p.name for p in first.dir.iterdir()] == [first.template.name]

    second = ServerDatabase(tmp_path)
    second.prepare()
    assert not second.fresh
    with contextlib.closing(sqlite3.connect(second.path)) as db:
        assert db.execute("select version_num from alembic_version").fetchall() == [("x",)]
    # Files of runs that are gone are removed; a running process's are not.
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    dead = int(gone.stdout)
    for name in (f"run-{dead}.db", f"run-{dead}.db-wal", f"template.{dead}.partial"):
        (second.dir / name).write_bytes(b"")
    second.remove_stale()
    assert sorted(p.name for p in second.dir.iterdir()) == sorted([second.template.name, second.path.name])


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie is gone for every purpose but the process table.
    status = Path(f"/proc/{pid}/stat")
    return not (status.exists() and status.read_text().split(") ", 1)[1].startswith("Z"))
