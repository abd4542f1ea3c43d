"""Prefect wiring. Flows and tasks only call the plain functions of the other modules.

``crossings run`` is one flow, ``crossings-run``, with a subflow per stage:

    ingest   stream threads from the inputs, skip unchanged ones, spill batches to disk
    extract  one task per batch of posts: spaCy ``nlp.pipe`` + case assembly
    classify one task per batch: the motive classifier; each batch is then
             committed to the store in one transaction (the restart point)
    write    cases.jsonl / .csv / .parquet from the store, atomically

Batches hold a few hundred posts, never one post: a task run costs Prefect
10-25 ms. Only paths and small records travel between the flow and its tasks,
and at most a few batches are in flight, so memory stays flat however large the
corpus. ``--workers N`` runs the heavy tasks on a local Dask cluster of N
processes, ``--dask ADDRESS`` on an existing cluster (prefect-dask's
``DaskTaskRunner``); the plain run uses one thread.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from pipeline.config import Settings
from pipeline.errors import InputProblem
from pipeline.schema import Case, Post, Thread, stable_hash


# ---------------------------------------------------------------------------
# Plain functions (what the tasks run; tests call these directly)


def thread_to_dict(thread: Thread) -> dict:
    return {**asdict(thread), "posts": [asdict(p) for p in thread.posts]}


def thread_from_dict(d: dict) -> Thread:
    return Thread(**{**d, "posts": tuple(Post(**p) for p in d["posts"])})


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


def extract_threads(threads: Sequence[Thread], settings: Settings) -> list[Case]:
    """Parse every post of the threads with spaCy (batched) and assemble their cases."""
    from pipeline.cases import extract_cases
    from pipeline.entities import annotate, load_nlp

    nlp = load_nlp(settings.model, settings.disable)
    texts = [post.text for thread in threads for post in thread.posts]
    docs = iter(annotate(nlp, texts, batch_size=settings.nlp_batch_size))
    cases: list[Case] = []
    for thread in threads:
        thread_docs = [next(docs) for _ in thread.posts]
        cases.extend(extract_cases(thread, thread_docs, min_confidence=settings.min_confidence))
    return cases


def classify(cases: list[Case], settings: Settings) -> list[Case]:
    from pipeline.motives import classify_cases

    if not cases:
        return cases
    return classify_cases(cases, _motive_model(str(settings.motive_model_dir)), settings.motive_threshold)


_MODELS: dict[str, object] = {}


def _motive_model(model_dir: str):
    """One loaded model per worker process and model version."""
    from pipeline.motives import MotiveModel, current_version

    key = f"{model_dir}:{current_version(Path(model_dir))}"
    if key not in _MODELS:
        _MODELS.clear()
        _MODELS[key] = MotiveModel.load(Path(model_dir))
    return _MODELS[key]


def _write_jsonl(path: Path, rows: Sequence[dict]) -> None:
    from pipeline.fileio import atomic_path

    with atomic_path(path) as tmp, open(tmp, "w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")


def _count_lines(path: Path) -> int:
    with open(path, "rb") as fh:
        return sum(1 for line in fh if line.strip())


def _read_jsonl(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _case_to_spill(case: Case) -> dict:
    return {**case.to_dict(), "context": case.context}


def _case_from_spill(d: dict) -> Case:
    return Case.from_dict(d)


# ---------------------------------------------------------------------------
# Run summary


@dataclass
class RunSummary:
    n_inputs: int = 0
    n_inputs_ok: int = 0
    n_threads: int = 0
    n_threads_skipped: int = 0
    n_posts: int = 0
    n_cases: int = 0
    n_tokens: int = 0
    seconds: float = 0.0
    problems: list[str] = field(default_factory=list)
    outputs: dict[str, str] = field(default_factory=dict)

    def format(self) -> str:
        lines = [
            "Crossings run summary",
            f"  inputs   {self.n_inputs_ok} of {self.n_inputs} read" + (f" ({len(self.problems)} problems reported above)" if self.problems else ""),
            f"  threads  {self.n_threads} processed, {self.n_threads_skipped} unchanged and skipped",
            f"  posts    {self.n_posts}",
            f"  cases    {self.n_cases} in the outputs",
            f"  time     {self.seconds:.1f} s",
        ]
        lines += [f"  {kind:<8} {path}" for kind, path in self.outputs.items()]
        return "\n".join(lines)


@dataclass
class IngestResult:
    batch_files: list[str]
    n_inputs: int
    n_inputs_ok: int
    n_threads: int
    n_skipped: int
    n_posts: int
    problems: list[str]


# ---------------------------------------------------------------------------
# Prefect tasks and flows

from prefect import flow, get_run_logger, task  # noqa: E402  (kept below the plain functions on purpose)
from prefect.cache_policies import NO_CACHE  # noqa: E402


@task(name="ingest-inputs", retries=2, retry_delay_seconds=1, cache_policy=NO_CACHE)
def ingest_task(paths: list[str], work_dir: str, settings: Settings) -> IngestResult:
    """Stream every input, report bad ones, and spill batches of new or changed threads to ``work_dir``."""
    from pipeline.ingest import discover_inputs, iter_threads
    from pipeline.store import Store

    logger = get_run_logger()
    files = discover_inputs(paths)
    problems: list[InputProblem] = []

    def report(problem: InputProblem) -> None:
        problems.append(problem)
        # Bad inputs are named on stderr, whatever the log level.
        print(problem.message, file=sys.stderr, flush=True)

    done: dict[str, str] = {}
    if settings.incremental and settings.store_path.exists():
        with Store(settings.store_path) as store:
            done = store.processed_hashes()
    work = Path(work_dir)
    work.mkdir(parents=True, exist_ok=True)
    batch_files: list[str] = []
    n_threads = n_skipped = n_posts = 0

    def fresh() -> Iterator[Thread]:
        nonlocal n_skipped
        for thread in iter_threads(files, max_post_chars=settings.max_post_chars, on_problem=report):
            if done.get(thread.thread_id) == thread.content_hash:
                n_skipped += 1
                continue
            yield thread

    for batch in batch_threads(fresh(), settings.batch_posts):
        key = stable_hash(*(t.content_hash for t in batch))
        path = work / f"batch-{len(batch_files):05d}-{key}.threads.jsonl"
        _write_jsonl(path, [thread_to_dict(t) for t in batch])
        batch_files.append(str(path))
        n_threads += len(batch)
        n_posts += sum(len(t.posts) for t in batch)
    failed = {p.source for p in problems if p.fatal}
    logger.info("ingest: %d inputs, %d threads to process, %d unchanged, %d posts", len(files), n_threads, n_skipped, n_posts)
    return IngestResult(batch_files, len(files), len(files) - len(failed), n_threads, n_skipped, n_posts, [p.message for p in problems])


@task(name="extract-batch", cache_policy=NO_CACHE)
def extract_task(threads: list[Thread], settings: Settings) -> list[Case]:
    return extract_threads(threads, settings)


@task(name="classify-batch", cache_policy=NO_CACHE)
def classify_task(cases: list[Case], settings: Settings) -> list[Case]:
    return classify(cases, settings)


@task(name="store-batch", retries=2, retry_delay_seconds=1, cache_policy=NO_CACHE)
def store_task(batch_file: str, cases: list[Case], settings: Settings, run_id: int) -> int:
    """Commit one batch's threads and cases in one transaction; the restart point of a killed run."""
    from pipeline.store import Store

    threads = [thread_from_dict(d) for d in _read_jsonl(Path(batch_file))]
    by_thread: dict[str, list[Case]] = {}
    for case in cases:
        by_thread.setdefault(case.thread_id, []).append(case)
    with Store(settings.store_path) as store:
        store.write_batch(threads, by_thread, run_id)
    return len(cases)


@task(name="write-outputs", retries=2, retry_delay_seconds=1, cache_policy=NO_CACHE)
def write_task(settings: Settings) -> tuple[int, dict[str, str]]:
    from pipeline.store import Store
    from pipeline.writers import write_outputs

    with Store(settings.store_path) as store:
        cases = store.current_cases()
    written = write_outputs(cases, settings.out_dir)
    return len(cases), {k: str(v) for k, v in written.items()}


def _task_runner(settings: Settings):
    if settings.dask_address:
        from prefect_dask import DaskTaskRunner

        return DaskTaskRunner(address=settings.dask_address)
    if settings.workers and settings.workers > 1:
        from prefect_dask import DaskTaskRunner

        return DaskTaskRunner(
            cluster_class="distributed.LocalCluster",
            cluster_kwargs={"n_workers": settings.workers, "threads_per_worker": 1, "processes": True, "dashboard_address": None},
        )
    from prefect.task_runners import ThreadPoolTaskRunner

    return ThreadPoolTaskRunner(max_workers=1)


@flow(name="ingest", log_prints=False)
def ingest_flow(paths: list[str], settings: Settings) -> IngestResult:
    return ingest_task(paths, str(settings.out_dir / ".work"), settings)


@flow(name="extract", log_prints=False)
def extract_flow(batch_files: list[str], n_threads: int, settings: Settings) -> list[str]:
    """Parse and assemble cases batch by batch; spill each batch's cases beside its threads."""
    from pipeline.progress import Progress

    window = max(2, 2 * max(1, settings.workers))
    out: list[str] = []
    todo: list[tuple[str, Path]] = []
    for bf in batch_files:
        spill = Path(bf.replace(".threads.jsonl", ".cases.jsonl"))
        out.append(str(spill))
        if not spill.exists():  # a restarted run reuses what a killed one already extracted
            todo.append((bf, spill))
    with Progress("extract", total=n_threads, enabled=settings.progress) as bar:
        bar.advance(n_threads - sum(_count_lines(Path(bf)) for bf, _ in todo))
        for i in range(0, len(todo), window):
            chunk = todo[i : i + window]
            futures = []
            for bf, spill in chunk:
                threads = [thread_from_dict(d) for d in _read_jsonl(Path(bf))]
                futures.append((spill, len(threads), extract_task.submit(threads, settings)))
            for spill, n_threads, fut in futures:
                cases = fut.result()
                _write_jsonl(spill, [_case_to_spill(c) for c in cases])
                bar.advance(n_threads, cases=len(cases))
    return out


@flow(name="classify", log_prints=False)
def classify_flow(batch_files: list[str], case_files: list[str], n_threads: int, settings: Settings, run_id: int) -> int:
    """Classify each batch's motives and commit the batch to the store."""
    from pipeline.progress import Progress

    n = 0
    with Progress("classify", total=n_threads, enabled=settings.progress) as bar:
        for bf, cf in zip(batch_files, case_files):
            cases = [_case_from_spill(d) for d in _read_jsonl(Path(cf))]
            classified = classify_task(cases, settings)
            n += store_task(bf, classified, settings, run_id)
            bar.advance(_count_lines(Path(bf)), cases=len(cases))
    return n


@flow(name="write", log_prints=False)
def write_flow(settings: Settings) -> tuple[int, dict[str, str]]:
    return write_task(settings)


@flow(name="crossings-run", log_prints=False)
def crossings_run(paths: list[str], settings: Settings) -> RunSummary:
    from pipeline.store import Store

    started = time.perf_counter()
    logger = get_run_logger()
    ingested = ingest_flow(paths, settings)
    summary = RunSummary(
        n_inputs=ingested.n_inputs,
        n_inputs_ok=ingested.n_inputs_ok,
        n_threads=ingested.n_threads,
        n_threads_skipped=ingested.n_skipped,
        n_posts=ingested.n_posts,
        problems=ingested.problems,
    )
    if ingested.n_inputs_ok == 0:
        return summary
    with Store(settings.store_path) as store:
        run_id = store.begin_run({"model": settings.model, "paths": paths, "workers": settings.workers})
    if ingested.batch_files:
        runner_flow = extract_flow.with_options(task_runner=_task_runner(settings))
        case_files = runner_flow(ingested.batch_files, ingested.n_threads, settings)
        classify_flow(ingested.batch_files, case_files, ingested.n_threads, settings, run_id)
    n_cases, outputs = write_flow(settings)
    with Store(settings.store_path) as store:
        store.finish_run(run_id, {"n_threads": ingested.n_threads, "n_cases": n_cases, "n_skipped": ingested.n_skipped})
    shutil.rmtree(settings.out_dir / ".work", ignore_errors=True)
    summary.n_cases = n_cases
    summary.outputs = outputs
    summary.seconds = time.perf_counter() - started
    logger.info("run finished: %d threads, %d cases", ingested.n_threads, n_cases)
    return summary


# ---------------------------------------------------------------------------
# Retraining and re-classification


@flow(name="retrain", log_prints=False)
def retrain_flow(settings: Settings, store_path: Path | None, force: bool = False):
    """Train on corpus/labelled/ plus the reviewed cases; promote only when not worse (or forced)."""
    from pipeline.motives import Example, retrain
    from pipeline.store import Store

    extra: list[Example] = []
    if store_path is not None and Path(store_path).exists():
        with Store(store_path) as store:
            extra = [Example(text, labels, source="review") for text, labels in store.reviewed_examples()]
    result = retrain(settings.motive_model_dir, settings.labelled_dir, extra_examples=extra, seed=settings.seed, force=force)
    get_run_logger().info("retrain: version %s, promoted=%s", result.version, result.promoted)
    return result


@flow(name="reclassify", log_prints=False)
def reclassify_flow(settings: Settings, store_path: Path) -> int:
    """Re-run the current motive model over every stored case, then rewrite the outputs."""
    from pipeline.store import Store

    with Store(store_path) as store:
        by_thread: dict[str, list[Case]] = {}
        for case in store.cases(include_stale=False, apply_reviews=False):
            by_thread.setdefault(case.thread_id, []).append(case)
        n = 0
        for thread_id, cases in sorted(by_thread.items()):
            store.update_cases(classify(cases, settings))
            n += len(cases)
    write_task.fn(settings.with_overrides(out_dir=Path(store_path).parent))
    return n


# ---------------------------------------------------------------------------
# Entry point used by the CLI


def run_pipeline(paths: Sequence[Path | str], settings: Settings) -> RunSummary:
    """Run the whole flow; keep Prefect's server chatter and shutdown noise off the user's screen."""
    from pipeline.quiet import quiet_prefect

    with quiet_prefect():
        return crossings_run([str(p) for p in paths], settings)
