"""What a run will do before it starts, and what it did: planning, the no-op check, the summary.

Kept apart from ``pipeline.flows`` so that deciding costs no Prefect import:
an incremental run over inputs that have not changed since the last run
checks their content hashes against the store and, when every thread is
already there and the outputs are current, records the run and stops,
without starting Prefect's server or any worker (seconds, not tens).
"""

from __future__ import annotations

import functools
import json
import os
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.config import DATA_DIR, PACKAGE_DIR, Settings
from pipeline.errors import CrossingsError, InputProblem
from pipeline.fileio import sources_digest

# The modules that turn a thread into cases: a change to any of them, to their data files or to the English
# pipeline makes an unchanged thread one to read again.
_EXTRACTOR_MODULES = ("ingest.py", "entities.py", "cases.py", "places.py", "dates.py", "motives.py", "schema.py")

# Below this many threads (estimated) the default run stays in one process.
AUTO_WORKERS_MIN_THREADS = 100
OUTPUT_KINDS = ("jsonl", "csv", "parquet")


@dataclass
class RunSummary:
    n_inputs: int = 0
    n_inputs_ok: int = 0
    n_threads: int = 0
    n_threads_skipped: int = 0
    n_posts: int = 0
    n_cases: int = 0
    n_tokens: int = 0
    seconds: float = 0.0  # the flow
    wall_seconds: float = 0.0  # the whole run, with Prefect's and the workers' start-up (run_pipeline)
    problems: list[str] = field(default_factory=list)
    outputs: dict[str, str] = field(default_factory=dict)

    def format(self) -> str:
        took = self.wall_seconds or self.seconds
        rate = f" ({self.n_tokens / took:,.0f} tokens/s)" if self.n_tokens and took else ""
        wall = f" ({self.wall_seconds:.1f} s with start-up)" if self.wall_seconds else ""
        lines = [
            "Crossings run summary",
            f"  inputs   {self.n_inputs_ok} of {self.n_inputs} read" + (f" ({len(self.problems)} problems reported above)" if self.problems else ""),
            f"  threads  {self.n_threads} processed, {self.n_threads_skipped} unchanged and skipped",
            f"  posts    {self.n_posts}",
            f"  tokens   {self.n_tokens}{rate}",
            f"  cases    {self.n_cases} in the outputs",
            f"  time     {self.seconds:.1f} s{wall}",
        ]
        lines += [f"  {kind:<8} {path}" for kind, path in self.outputs.items()]
        return "\n".join(lines)


def extractor_version(settings: Settings) -> str:
    """A digest of what makes a thread's cases: the extraction modules and their data files, the English
    pipeline (name and version), the spaCy version and the settings that change the cases.

    An incremental run skips a thread only when its text and this digest are both the ones stored, so
    after an upgrade a plain ``crossings run`` reads every thread again instead of keeping old cases.
    The motive model is not in it: ``crossings reclassify`` re-labels stored cases after a retrain.
    """
    return _extractor_version(settings.model, tuple(settings.disable), settings.min_confidence, settings.max_post_chars)


@functools.lru_cache(maxsize=8)
def _extractor_version(model: str, disable: tuple[str, ...], min_confidence: float, max_post_chars: int) -> str:
    # A model that is not installed counts as "?": loading it will say what is missing.
    paths = [*(PACKAGE_DIR / name for name in _EXTRACTOR_MODULES), *(p for p in sorted(DATA_DIR.iterdir()) if p.is_file())]
    return sources_digest(f"{model} {disable} {min_confidence} {max_post_chars}", ("spacy", model), paths)


def looks_unchanged(files: Sequence[Path], settings: Settings) -> bool:
    """True when an incremental run will most likely find nothing to do.

    Every input was read by an earlier run and none was modified since the
    last finished run began. Only decides whether to start workers: the
    content hashes still decide what is processed.
    """
    from pipeline.store import Store

    if not settings.incremental or not settings.store_path.exists():
        return False
    try:
        with Store(settings.store_path) as store:
            finished = [r for r in store.runs() if r.get("finished")]
            known = store.sources()
    except CrossingsError:
        return False  # an unusable store: the flow reports it
    if not finished:
        return False
    from datetime import datetime

    since = datetime.fromisoformat(finished[-1]["started"]).timestamp()
    try:
        return all(str(f) in known and f.stat().st_mtime < since for f in files)
    except OSError:
        return False


def plan_run(paths: Sequence[Path | str], settings: Settings) -> tuple[int, bool]:
    """(worker processes, whether to load the models ahead of the first batch) for this run.

    Workers as asked, or (workers = 0) every core when the inputs hold a
    corpus and look changed since the last run. A run that will most likely
    find nothing new loads nothing ahead: it may never need a model.
    """
    from pipeline.ingest import discover_inputs
    from pipeline.progress import estimate_threads

    try:
        files = discover_inputs(paths)
    except CrossingsError:
        return max(1, settings.workers), False  # the flow reports E004 itself
    unchanged = looks_unchanged(files, settings)
    if settings.workers >= 1:
        return settings.workers, not unchanged
    cores = os.cpu_count() or 1
    if cores < 2 or unchanged or estimate_threads(files) < AUTO_WORKERS_MIN_THREADS:
        return 1, not unchanged
    return cores, True


def plan_workers(paths: Sequence[Path | str], settings: Settings) -> int:
    """Worker processes for this run: as asked, or (workers = 0) all cores when there is a corpus to parse."""
    return plan_run(paths, settings)[0]


def last_finished_counts(store) -> dict:
    """The counts the last finished run recorded ({} when there is none)."""
    for run in reversed(store.runs()):
        if run.get("finished") and run.get("counts"):
            try:
                counts = json.loads(run["counts"])
            except (TypeError, ValueError):
                return {}
            return counts if isinstance(counts, dict) else {}
    return {}


def standing_outputs(settings: Settings, fingerprint: str, last: dict) -> dict[str, str] | None:
    """The output files by kind when they can stand: all on disk, and the last finished run wrote
    them from the store's current cases (same fingerprint); None when they must be written."""
    outputs = {kind: settings.out_dir / f"cases.{kind}" for kind in OUTPUT_KINDS}
    if last.get("fingerprint") != fingerprint or not all(p.exists() for p in outputs.values()):
        return None
    return {kind: str(path) for kind, path in outputs.items()}


def inputs_look_unchanged(paths: Sequence[Path | str], settings: Settings) -> bool:
    """``looks_unchanged`` for paths as the user gave them (False when they cannot be listed)."""
    from pipeline.ingest import discover_inputs

    try:
        return looks_unchanged(discover_inputs(paths), settings)
    except CrossingsError:
        return False


def unchanged_run(paths: Sequence[Path | str], settings: Settings) -> RunSummary | None:
    """The run, recorded in the store, when there is nothing to do; None when there is.

    Nothing to do: every input looks unchanged since the last finished run,
    every thread's content hash is the one in the store, no input has a
    problem to report, and the outputs on disk hold the store's current cases.
    Anything else (a changed thread, a review since the outputs were written,
    a missing output, an unreadable input) is left to the full flow.
    """
    from pipeline.ingest import discover_inputs, iter_threads
    from pipeline.store import Store

    started = time.perf_counter()
    try:
        files = discover_inputs(paths)
        if not looks_unchanged(files, settings):
            return None
        with Store(settings.store_path) as store:
            done = store.processed_hashes()
            fingerprint = store.cases_fingerprint()
            last = last_finished_counts(store)
    except CrossingsError:
        return None
    outputs = standing_outputs(settings, fingerprint, last)
    if outputs is None:
        return None
    problems: list[InputProblem] = []
    n_threads = 0
    extractor = extractor_version(settings)
    for thread in iter_threads(files, max_post_chars=settings.max_post_chars, on_problem=problems.append):
        if problems or done.get(thread.thread_id) != thread.processed_hash(extractor):
            return None
        n_threads += 1
    if problems:
        return None
    n_cases = int(last.get("n_cases") or 0)
    with Store(settings.store_path) as store:
        run_id = store.begin_run({"model": settings.model, "paths": [str(p) for p in paths], "workers": 0})
        store.finish_run(run_id, {"n_threads": 0, "n_cases": n_cases, "n_skipped": n_threads, "fingerprint": fingerprint})
    seconds = time.perf_counter() - started
    return RunSummary(
        n_inputs=len(files),
        n_inputs_ok=len(files),
        n_threads_skipped=n_threads,
        n_cases=n_cases,
        seconds=seconds,
        wall_seconds=seconds,
        outputs=outputs,
    )
