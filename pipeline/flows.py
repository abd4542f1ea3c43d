"""Prefect wiring. Flows and tasks only call the plain functions of the other modules.

``crossings run`` is one flow, ``crossings-run``:

    process        a subflow that streams threads from the inputs (skipping
                   unchanged ones by content hash), groups them into batches of
                   a few hundred posts, and per batch runs
                     extract-batch   spaCy ``nlp.pipe`` + case assembly, on the task runner,
                       classify-batch  then the motive classifier, in the same task's process
                     store-batch     one transaction in the store, in this process:
                                     the restart point of a killed run
    write-outputs  cases.jsonl / .csv / .parquet from the store, streamed and
                   atomic; skipped when nothing was processed, reviewed or
                   re-classified since the last run wrote them

Everything streams: ingest reads one thread at a time, at most ``2 * slots + 1``
batches are in flight, and the outputs are written from the store a chunk at a
time, so memory stays flat however large the corpus. Batches hold a few hundred
posts, never one post: a task run costs Prefect 10-25 ms.

Where the tasks run: ``--workers N`` (N > 1) starts a local Dask cluster of N
single-threaded processes, each loading spaCy and the motive model once;
``--dask ADDRESS`` uses an existing cluster; both go through prefect-dask's
``DaskTaskRunner``. One worker
runs the tasks on a thread of this process. The default (``workers = 0``) uses
every core when the inputs hold a corpus, and one process for a handful of
threads or when nothing looks changed since the last run, since starting
workers costs seconds. ``run_pipeline`` starts Prefect's server, the workers
and the models side by side, and the last batches are cut finer so all workers finish together.

A killed run loses at most the batches in flight: the next run skips every
thread the store already holds with the same content hash and finishes the
rest; cases are keyed by id, so nothing is duplicated.

The workers of an existing cluster (``--dask``) must reach the Prefect API: the
temporary server only listens on 127.0.0.1, so for workers on other machines
set PREFECT_API_URL to a Prefect server they can reach. They must also be able
to import this package and read the spaCy model and the motive model.
"""

from __future__ import annotations

import contextlib
import ctypes
import logging
import queue
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.config import Settings
from pipeline.errors import CrossingsError, Errors, InputProblem
from pipeline.schema import Case, Post, Thread

from pipeline.runs import RunSummary, extractor_version, last_finished_counts, plan_run, plan_workers, standing_outputs, unchanged_run

__all__ = ["RunSummary", "crossings_run", "plan_run", "plan_workers", "run_pipeline"]


# ---------------------------------------------------------------------------
# Plain functions (what the tasks run; tests call these directly)


def batch_threads(threads: Iterator[Thread], max_posts: int) -> Iterator[list[Thread]]:
    """Group threads into batches of about ``max_posts`` posts (a long thread is never split)."""
    batch: list[Thread] = []
    n = 0
    for thread in threads:
        batch.append(thread)
        n += len(thread.posts)
        if n >= max_posts:
            yield batch
            batch, n = [], 0
    if batch:
        yield batch


class Batch:
    """The threads one task gets. A plain object on purpose: Prefect walks dataclasses and lists in
    task parameters looking for upstream futures, and Dask rebuilds the tuples it walks (losing
    Prefect's ``quote``); neither looks inside this, which keeps every post from being visited twice."""

    __slots__ = ("threads",)

    def __init__(self, threads: list[Thread]) -> None:
        self.threads = threads


def finer_tail(batches: Iterator[list[Thread]], slots: int, pieces_per_slot: int = 4) -> Iterator[list[Thread]]:
    """The batches, with the last ``slots`` of them re-cut into ``slots * pieces_per_slot`` pieces of
    about equal length (never splitting a thread).

    The workers finish their last full batches at different times; with whole batches at the end,
    one worker can run on alone for most of a batch (10-15 s on two cores) while the others idle.
    Small last pieces keep every worker busy until close to the end (in a 5,000-post run on two
    cores both finished within a second). One worker has no one to wait for, so its batches stay
    whole.
    """
    if slots <= 1:
        yield from batches
        return
    held: deque[list[Thread]] = deque()
    for batch in batches:
        if len(held) == slots:
            yield held.popleft()
        held.append(batch)
    tail = [thread for batch in held for thread in batch]
    # Longest first: a piece that is one huge thread (a 100,000-character post parses for seconds)
    # then runs beside the others instead of after them. Stable, so the order is deterministic.
    yield from sorted(cut_by_size(tail, slots * pieces_per_slot), key=lambda piece: -sum(t.n_chars for t in piece))


def cut_by_size(threads: list[Thread], parts: int) -> Iterator[list[Thread]]:
    """``threads`` in order, cut into at most ``parts`` runs of about equal text length (what parsing costs)."""
    if not threads:
        return
    parts = max(1, min(parts, len(threads)))
    sizes = [thread.n_chars for thread in threads]
    total = sum(sizes)
    piece: list[Thread] = []
    done = 0  # characters in the pieces already cut, and in this one
    n_cut = 0
    for i, (thread, size) in enumerate(zip(threads, sizes)):
        piece.append(thread)
        done += size
        left_threads = len(threads) - i - 1
        left_parts = parts - n_cut - 1
        # Cut where this piece reaches its share, but leave at least one thread for every piece still owed.
        if left_parts > 0 and left_threads >= left_parts and (done >= total * (n_cut + 1) / parts or left_threads == left_parts):
            yield piece
            piece, n_cut = [], n_cut + 1
    if piece:
        yield piece


@dataclass
class BatchResult:
    """What a batch's tasks hand back: its cases and how many tokens spaCy read."""

    cases: list[Case]
    n_tokens: int = 0


def extract_batch(threads: Sequence[Thread], settings: Settings) -> BatchResult:
    """Parse every post of the threads with spaCy (batched) and assemble their cases."""
    from pipeline.cases import extract_cases
    from pipeline.entities import annotate, load_nlp

    nlp = load_nlp(settings.model, settings.disable)
    texts = [post.text for thread in threads for post in thread.posts]
    docs = iter(annotate(nlp, texts, batch_size=settings.nlp_batch_size))
    cases: list[Case] = []
    n_tokens = 0
    for thread in threads:
        # One thread's docs at a time: a batch never holds all its parses at once.
        thread_docs = [next(docs) for _ in thread.posts]
        n_tokens += sum(len(doc) for doc in thread_docs)
        cases.extend(extract_cases(thread, thread_docs, min_confidence=settings.min_confidence))
    return BatchResult(cases, n_tokens)


def extract_threads(threads: Sequence[Thread], settings: Settings) -> list[Case]:
    return extract_batch(threads, settings).cases


def classify(cases: list[Case], settings: Settings) -> list[Case]:
    from pipeline.motives import classify_cases

    if not cases:
        return cases
    return classify_cases(cases, _motive_model(str(settings.motive_model_dir)), settings.motive_threshold)


def release_freed_memory() -> None:
    """Give the heap a finished batch freed back to the system (glibc only; elsewhere a no-op).

    Dask's nanny would do it on every free through MALLOC_TRIM_THRESHOLD_, which costs
    the parser about 15% more CPU (see ``local_cluster``); once per batch keeps a long
    run's workers as small for nearly nothing.
    """
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass


_MODELS: dict[str, object] = {}
_MODELS_LOCK = threading.Lock()  # a background warm-up and the first batch may ask at once


def _motive_model(model_dir: str):
    """One loaded model per process and model version."""
    from pipeline.motives import MotiveModel, current_version

    key = f"{model_dir}:{current_version(Path(model_dir))}"
    with _MODELS_LOCK:
        if key not in _MODELS:
            _MODELS.clear()
            _MODELS[key] = MotiveModel.load(Path(model_dir))
        return _MODELS[key]


# A made-up two-post thread: parsing it and assembling its case loads every table a batch needs.
_WARM_UP = Thread(
    thread_id="crossings-warm-up",
    title="Who moved abroad?",
    posts=(
        Post("warm-up-q", "crossings-warm-up", 0, "question", "Who moved abroad?", title="Who moved abroad?"),
        Post("warm-up-a1", "crossings-warm-up", 1, "answer", "Many families moved from Paris to London in 1950 to find work."),
    ),
    source="(warm-up)",
    format="text",
)


def warm_worker(settings: Settings) -> None:
    """Load spaCy, the case lexicons and gazetteers and the motive model before the first batch arrives.

    Run where a local cluster's workers are forked from (``pipeline.preload``), or on a
    thread of a one-process run, so the loading overlaps the Prefect server's start
    instead of delaying the first batch.
    """
    from pipeline.places import load_tables

    load_tables()  # the warm-up's text need not name a small town for the towns table to be ready
    classify(extract_batch([_WARM_UP], settings).cases, settings)


def warm_here(settings: Settings) -> threading.Thread:
    """``warm_worker`` on a background thread of this process, for runs whose tasks run here."""

    def warm() -> None:
        try:
            warm_worker(settings)
        except Exception:  # the first batch meets the same error and reports it properly
            pass

    thread = threading.Thread(target=warm, name="crossings-warm-up", daemon=True)
    thread.start()
    return thread


@dataclass
class _Ingest:
    """Streams the new or changed threads of the inputs and keeps the counts the summary needs."""

    files: list[Path]
    done: dict[str, str]  # thread id -> processed hash (content and extractor) already in the store
    settings: Settings
    note: Callable[[str], None]  # how problems reach the user (past the progress bar)
    problems: list[InputProblem] = field(default_factory=list)
    n_skipped: int = 0

    def report(self, problem: InputProblem) -> None:
        self.problems.append(problem)
        self.note(problem.message)  # bad inputs are named on stderr, whatever the log level

    def fresh(self, on_skip: Callable[[], None]) -> Iterator[Thread]:
        from pipeline.ingest import iter_threads

        extractor = extractor_version(self.settings)
        for thread in iter_threads(self.files, max_post_chars=self.settings.max_post_chars, on_problem=self.report):
            if self.done.get(thread.thread_id) == thread.processed_hash(extractor):
                self.n_skipped += 1
                on_skip()
                continue
            yield thread

    @property
    def n_inputs_ok(self) -> int:
        return len(self.files) - len({p.source for p in self.problems if p.fatal})


# ---------------------------------------------------------------------------
# Prefect tasks and flows

from prefect import flow, get_run_logger, task  # noqa: E402  (kept below the plain functions on purpose)
from prefect.cache_policies import NO_CACHE  # noqa: E402
from prefect.futures import PrefectFuture  # noqa: E402
from prefect.utilities.annotations import quote  # noqa: E402



@task(name="extract-batch", cache_policy=NO_CACHE)
def extract_task(batch: Batch, settings: Settings) -> BatchResult:
    """spaCy, case assembly and then motives for one batch, wherever the task runner puts it.

    Returns the batch's result, not a bare list: Prefect links every element of a returned list
    to its task run for the rest of the flow run, so a list of cases would grow with the corpus."""
    # quote(): Prefect would otherwise walk every post and case looking for upstream futures.
    result = classify_task(quote(extract_batch(batch.threads, settings)), settings)
    release_freed_memory()
    return result


@task(name="classify-batch", cache_policy=NO_CACHE)
def classify_task(result: BatchResult, settings: Settings) -> BatchResult:
    """Motives for one batch's cases, inside extract-batch on the same worker: the cases do not
    travel between processes to be classified, and this process keeps to the store, so on a
    small machine it takes no core away from the workers."""
    return BatchResult(classify(result.cases, settings), result.n_tokens)


@task(name="store-batch", retries=2, retry_delay_seconds=1, cache_policy=NO_CACHE)
def store_task(threads: list[Thread], cases: list[Case], settings: Settings, run_id: int) -> int:
    """Commit one batch's threads and cases in one transaction; the restart point of a killed run."""
    from pipeline.store import Store

    by_thread: dict[str, list[Case]] = {}
    for case in cases:
        by_thread.setdefault(case.thread_id, []).append(case)
    with Store(settings.store_path) as store:
        store.write_batch(threads, by_thread, run_id, extractor_version(settings))
    return len(cases)


@task(name="write-outputs", retries=2, retry_delay_seconds=1, cache_policy=NO_CACHE)
def write_task(settings: Settings) -> tuple[int, dict[str, str]]:
    """The store's current cases to the three output files, a chunk at a time."""
    from pipeline.store import Store
    from pipeline.writers import CaseWriter

    with Store(settings.store_path) as store, CaseWriter(settings.out_dir) as writer:
        for chunk in store.iter_current_case_dicts():
            writer.write_dicts(chunk)
    return len(writer), {k: str(v) for k, v in writer.paths.items()}


def task_runner(settings: Settings):
    """Dask for an existing cluster or N > 1 workers; otherwise one thread of this process."""
    if settings.dask_address:
        from prefect_dask import DaskTaskRunner

        return DaskTaskRunner(address=settings.dask_address)
    if settings.workers > 1:
        from prefect_dask import DaskTaskRunner

        return DaskTaskRunner(
            cluster_class="distributed.LocalCluster",
            cluster_kwargs={"n_workers": settings.workers, "threads_per_worker": 1, "processes": True, "dashboard_address": ":0"},
        )
    from prefect.task_runners import ThreadPoolTaskRunner

    return ThreadPoolTaskRunner(max_workers=1)


@dataclass
class ProcessResult:
    n_inputs: int
    n_inputs_ok: int
    n_threads: int
    n_skipped: int
    n_posts: int
    n_cases: int
    n_tokens: int
    run_id: int | None
    problems: list[str]


@flow(name="process", log_prints=False)
def process_flow(paths: list[str], settings: Settings, slots: int = 1) -> ProcessResult:
    """Stream, batch, extract, classify and commit; ``slots``: how many tasks the runner runs at once."""
    from pipeline.ingest import discover_inputs
    from pipeline.progress import Progress, estimate_threads
    from pipeline.store import Store

    files = discover_inputs(paths)
    done: dict[str, str] = {}
    if settings.incremental and settings.store_path.exists():
        with Store(settings.store_path) as store:
            done = store.processed_hashes()
    run_id: int | None = None
    n_threads = n_posts = n_cases = n_tokens = 0
    window = 2 * max(1, slots) + 1  # enough queued work that no worker waits, and no more in memory
    in_flight: dict[int, tuple[list[Thread], PrefectFuture]] = {}
    # Batches are committed as they finish, not in order: waiting for the oldest would leave the
    # others' results waiting and, once the window is full, the workers idle.
    finished: queue.SimpleQueue[int] = queue.SimpleQueue()

    with Progress("threads", total=estimate_threads(files), enabled=settings.progress) as bar:
        ingest = _Ingest(files, done, settings, note=bar.note)

        def commit() -> None:
            nonlocal run_id, n_threads, n_posts, n_cases, n_tokens
            threads, future = in_flight.pop(finished.get())
            result: BatchResult = future.result()
            cases = result.cases
            if run_id is None:
                with Store(settings.store_path) as store:
                    run_id = store.begin_run({"model": settings.model, "paths": paths, "workers": slots})
            store_task(quote(threads), quote(cases), settings, run_id)
            n_threads += len(threads)
            n_posts += sum(len(t.posts) for t in threads)
            n_cases += len(cases)
            n_tokens += result.n_tokens
            bar.advance(len(threads), cases=len(cases))

        fresh = ingest.fresh(on_skip=lambda: bar.advance(1, skipped=1))
        for number, batch in enumerate(finer_tail(batch_threads(fresh, settings.batch_posts), slots)):
            future = extract_task.submit(Batch(batch), settings)
            in_flight[number] = (batch, future)
            future.add_done_callback(lambda _, number=number: finished.put(number))
            while len(in_flight) >= window:
                commit()
        while in_flight:
            commit()

    get_run_logger().info(
        "process: %d inputs, %d threads processed, %d unchanged, %d posts, %d cases",
        len(files), n_threads, ingest.n_skipped, n_posts, n_cases,
    )
    return ProcessResult(
        len(files), ingest.n_inputs_ok, n_threads, ingest.n_skipped, n_posts, n_cases, n_tokens, run_id,
        [p.message for p in ingest.problems],
    )


@flow(name="crossings-run", log_prints=False)
def crossings_run(paths: list[str], settings: Settings, slots: int | None = None) -> RunSummary:
    from pipeline.store import Store

    started = time.perf_counter()
    slots = slots or max(1, settings.workers)
    processed = process_flow.with_options(task_runner=task_runner(settings))(paths, settings, slots)
    _release_workers(settings.dask_address)
    summary = RunSummary(
        n_inputs=processed.n_inputs,
        n_inputs_ok=processed.n_inputs_ok,
        n_threads=processed.n_threads,
        n_threads_skipped=processed.n_skipped,
        n_posts=processed.n_posts,
        n_tokens=processed.n_tokens,
        problems=processed.problems,
    )
    if processed.n_inputs_ok == 0:  # nothing readable: write nothing, not even the store
        summary.seconds = time.perf_counter() - started
        return summary
    run_id = processed.run_id
    with Store(settings.store_path) as store:
        if run_id is None:  # nothing new to process: the run is still recorded
            run_id = store.begin_run({"model": settings.model, "paths": paths, "workers": slots})
        fingerprint = store.cases_fingerprint()
        last = last_finished_counts(store)
    standing = standing_outputs(settings, fingerprint, last) if processed.n_threads == 0 else None
    if standing is not None:
        # Nothing processed, reviewed or re-classified since the outputs were written: they stand.
        n_cases = int(last.get("n_cases") or 0)
        outputs = standing
    else:
        n_cases, outputs = write_task(settings)
    with Store(settings.store_path) as store:
        counts = {"n_threads": processed.n_threads, "n_cases": n_cases, "n_skipped": processed.n_skipped}
        store.finish_run(run_id, {**counts, "fingerprint": fingerprint})
    summary.n_cases = n_cases
    summary.outputs = outputs
    summary.seconds = time.perf_counter() - started
    get_run_logger().info("run finished: %d threads, %d cases", processed.n_threads, n_cases)
    return summary


# ---------------------------------------------------------------------------
# Retraining and re-classification


@flow(name="retrain", log_prints=False)
def retrain_flow(settings: Settings, store_path: Path | None, force: bool = False):
    """Train on corpus/labelled/ plus the reviewed cases; promote only when not worse (or forced)."""
    from pipeline.retrain import retrain_with_reviews
    from pipeline.store import Store

    with contextlib.ExitStack() as stack:
        store = stack.enter_context(Store(store_path)) if store_path is not None and Path(store_path).exists() else None
        loop = retrain_with_reviews(store, settings.motive_model_dir, settings.labelled_dir, seed=settings.seed,
                                    threshold=settings.motive_threshold, force=force)
    get_run_logger().info("retrain: version %s from %d reviewed cases, promoted=%s",
                          loop.result.version, loop.n_reviewed, loop.result.promoted)
    return loop.result


@flow(name="reclassify", log_prints=False)
def reclassify_flow(settings: Settings, store_path: Path) -> int:
    """Re-run the current motive model over every stored case, then rewrite the outputs."""
    from pipeline.store import Store
    from pipeline.writers import CaseWriter

    with Store(store_path) as store:
        by_thread: dict[str, list[Case]] = {}
        for case in store.cases(include_stale=False, apply_reviews=False):
            by_thread.setdefault(case.thread_id, []).append(case)
        n = 0
        for thread_id, cases in sorted(by_thread.items()):
            store.update_cases(classify(cases, settings))
            n += len(cases)
        with CaseWriter(settings.out_dir) as writer:
            for chunk in store.iter_current_cases():
                writer.write(chunk)
    return n


# ---------------------------------------------------------------------------
# Entry point used by the CLI: where the tasks run


@contextlib.contextmanager
def local_cluster(settings: Settings, verbose: bool = False) -> Iterator[tuple[str | None, int]]:
    """(scheduler address, task slots): an existing cluster's, a fresh local one's, or (None, 1) for one process.

    A local cluster's workers are forked from a process that loads the models
    (``pipeline.preload``) while the caller waits for Prefect; the cluster is
    closed on the way out.
    """
    if settings.dask_address:
        yield settings.dask_address, _cluster_slots(settings.dask_address)
        return
    if settings.workers <= 1:
        yield None, 1
        return
    from distributed import Client, LocalCluster

    from pipeline.preload import fork_workers_from_loaded, forkserver_available, worker_env

    if not verbose:
        # distributed sets levels on its own loggers (scheduler, nanny...), so the parent's level is not enough.
        for name in [n for n in logging.root.manager.loggerDict if n.startswith("distributed")]:
            logging.getLogger(name).setLevel(logging.ERROR)
    import dask

    # Dask's statistical profiler samples every worker's stack 100 times a second: a few % of a batch run.
    # Its nanny also sets MALLOC_TRIM_THRESHOLD_, which turns off glibc's adaptive mmap threshold: every
    # large array the parser allocates is then a fresh mmap, and page faults cost about 15% more CPU.
    # The workers trim once per batch instead (release_freed_memory).
    # The workers are forked from one process that loaded the models once (pipeline.preload), not spawned bare.
    quiet_workers = {
        "distributed.worker.profile.enabled": False,
        "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,
        **({"distributed.worker.multiprocessing-method": "forkserver"} if forkserver_available() else {}),
    }
    # Set for the cluster's whole life: the workers start in the background, and read it when they do.
    with dask.config.set(quiet_workers):
        fork_workers_from_loaded(settings, worker_env(verbose))
        cluster = LocalCluster(
            n_workers=0,
            threads_per_worker=1,
            processes=True,
            dashboard_address=":0",  # a free port: the default 8787 clashes with any other cluster
            silence_logs=logging.ERROR,
            env=worker_env(verbose),
        )
        # Not waited for: the flow starts, reads the inputs and queues the first batches while the workers
        # are forked (after the models are loaded, seconds on a small machine); the batches wait for them.
        cluster.scale(settings.workers)
        client = Client(cluster.scheduler_address)  # not Client(cluster): that waits for the workers

        def close() -> None:
            client.close()
            cluster.close()

        closing = threading.Thread(target=close, name="crossings-cluster-close", daemon=True)
        # Once the last batch is committed the workers are closed while the outputs are written.
        _RELEASE[cluster.scheduler_address] = lambda: closing.ident is None and closing.start()
        try:
            yield cluster.scheduler_address, settings.workers
        finally:
            _RELEASE.pop(cluster.scheduler_address, None)
            if closing.ident is None:
                closing.start()
            closing.join()


_RELEASE: dict[str, Callable[[], object]] = {}


def _release_workers(address: str | None) -> None:
    """Start closing the local cluster this process started for ``address`` (no-op for any other)."""
    release = _RELEASE.get(address or "")
    if release is not None:
        release()


def _cluster_slots(address: str) -> int:
    """Threads of an existing cluster; E010 when it cannot be reached."""
    from distributed import Client

    try:
        with Client(address, timeout="15s") as client:
            return max(1, sum(client.nthreads().values()))
    except (OSError, TimeoutError) as exc:
        raise CrossingsError(Errors.E010.format(address=address, reason=exc)) from None


def run_pipeline(paths: Sequence[Path | str], settings: Settings, plan: tuple[int, bool] | None = None) -> RunSummary:
    """Run the whole flow; keep Prefect's server chatter and shutdown noise off the user's screen.

    Prefect's server, the workers and their models start side by side: on a
    small machine each takes seconds, and none needs the others to start.
    ``plan``: the (workers, expect work) that ``plan_run`` gave, when the caller made it already.
    """
    from pipeline.quiet import quiet_prefect, start_server_early

    started = time.perf_counter()
    nothing_new = unchanged_run(paths, settings)
    if nothing_new is not None:  # recorded in the store; no flow to orchestrate
        return nothing_new
    start_server_early()  # boots while the workers are planned and started
    workers, expect_work = plan or plan_run(paths, settings)
    settings = settings.with_overrides(workers=workers)
    with quiet_prefect() as prefect_ready, local_cluster(settings) as (address, slots):
        if expect_work and address is None:
            warm_here(settings)  # a local cluster's workers are forked with the models loaded
        prefect_ready()
        summary = crossings_run([str(p) for p in paths], settings.with_overrides(dask_address=address), slots)
    summary.wall_seconds = time.perf_counter() - started
    return summary
