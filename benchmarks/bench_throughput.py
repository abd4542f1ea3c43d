"""Throughput and memory of a whole ``crossings run`` against bare spaCy, in one sitting.

    python benchmarks/bench_throughput.py --posts 5000
    python benchmarks/bench_throughput.py --posts 50000 --no-bare   # memory at 50,000 posts

Builds (or reuses) a synthetic Stack Exchange dump of N posts with
``benchmarks/synth.py``, then runs, each as its own process tree:

- bare spaCy: ``nlp.pipe`` over the same post texts with the plain model, on
  all cores (``n_process=<cores>``) and on one;
- ``crossings run DUMP --out DIR --no-progress`` as a user runs it, start-up
  and shutdown included, with the default workers (all cores) and with
  ``--workers 1``;
- ``crossings run`` again over the same output folder: the incremental re-run.

Tokens per second divide the same token count (the bare model's tokens of the
post texts) by wall time: for bare spaCy the time of ``nlp.pipe`` alone (model
loaded, processes started inside it), for Crossings the whole process
(``python -m pipeline.cli run``, what the ``crossings`` script runs, from this
checkout). "process s" is each process's whole wall time, "CPU s" the user and
system time of its whole process tree (a check that does not depend on what
else the machine is doing). Peak memory is the largest sum of resident set
sizes over the process and all its children, sampled every 0.2 s. What the first run of a new
install sets up (the gazetteer's cache, Prefect's server template) is set up first, untimed.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

CACHE = ROOT / "benchmarks" / "out"  # ignored by git
PYTHON = sys.executable
# What the `crossings` console script runs, from this checkout (so a copy of the repository benchmarks itself).
CROSSINGS = [PYTHON, "-m", "pipeline.cli"]


@dataclass
class Measure:
    name: str
    seconds: float
    tokens: int
    peak_rss_mb: float
    cpu_seconds: float = 0.0  # user + system time of the whole process tree
    process_seconds: float = 0.0  # wall time of the whole process, start-up included

    @property
    def tokens_per_s(self) -> float:
        return self.tokens / self.seconds if self.seconds else 0.0


def _tree_sample(proc: psutil.Process, cpu: dict[int, float]) -> int:
    """Resident memory summed over the process and its descendants; each one's CPU time so far goes into ``cpu``."""
    total = 0
    try:
        members = [proc, *proc.children(recursive=True)]
    except psutil.Error:
        return 0
    for p in members:
        try:
            with p.oneshot():
                total += p.memory_info().rss
                times = p.cpu_times()
                cpu[p.pid] = times.user + times.system
        except psutil.Error:
            continue
    return total


@dataclass
class Tree:
    seconds: float
    peak_rss: int  # bytes
    cpu_seconds: float
    stdout: str
    stderr: str
    returncode: int


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_tree(cmd: list[str], env: dict[str, str] | None = None) -> Tree:
    """Run cmd; wall time, peak RSS summed over its process tree, and the tree's CPU time.

    CPU time: the larger of what the OS counts for descendants that were waited
    for and the sum of every descendant's last sampled CPU time. A local
    cluster's workers are forked from a forkserver that is never waited for, so
    the OS count alone would leave them out; the samples miss at most the last
    0.2 s of each process.
    """
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        cpu_before = _children_cpu()
        started = time.perf_counter()
        popen = subprocess.Popen(cmd, stdout=out, stderr=err, env=env, cwd=ROOT)
        proc = psutil.Process(popen.pid)
        peak = 0
        sampled: dict[int, float] = {}
        while popen.poll() is None:
            peak = max(peak, _tree_sample(proc, sampled))
            time.sleep(0.2)
        seconds = time.perf_counter() - started
        out.seek(0)
        err.seek(0)
        cpu = max(_children_cpu() - cpu_before, sum(sampled.values()))
        return Tree(seconds, peak, cpu, out.read(), err.read(), popen.returncode)


# -- bare spaCy, run in a child process by this same script -------------------


def bare_main(texts_path: Path, n_process: int, batch_size: int, model: str) -> None:
    import spacy

    texts = json.loads(texts_path.read_text(encoding="utf-8"))
    nlp = spacy.load(model)
    started = time.perf_counter()
    tokens = sum(len(doc) for doc in nlp.pipe(texts, batch_size=batch_size, n_process=n_process))
    seconds = time.perf_counter() - started
    print(json.dumps({"tokens": tokens, "seconds": seconds}))


def bare(texts_path: Path, n_process: int, batch_size: int, model: str) -> Measure:
    cmd = [PYTHON, __file__, "--bare-texts", str(texts_path), "--n-process", str(n_process),
           "--batch-size", str(batch_size), "--model", model]
    tree = run_tree(cmd)
    if tree.returncode != 0:
        raise SystemExit(f"bare spaCy failed:\n{tree.stderr}")
    result = json.loads(tree.stdout.strip().splitlines()[-1])
    return Measure(f"bare spaCy, n_process={n_process}", result["seconds"], result["tokens"], tree.peak_rss / 2**20,
                   tree.cpu_seconds, tree.seconds)


def crossings(dump: Path, out_dir: Path, tokens: int, extra: list[str], name: str) -> tuple[Measure, str]:
    cmd = [*CROSSINGS, "run", str(dump), "--out", str(out_dir), "--no-progress", *extra]
    tree = run_tree(cmd)
    if tree.returncode != 0:
        raise SystemExit(f"crossings run failed ({tree.returncode}):\n{tree.stderr}\n{tree.stdout}")
    return Measure(name, tree.seconds, tokens, tree.peak_rss / 2**20, tree.cpu_seconds, tree.seconds), tree.stdout


# -- the benchmark ---------------------------------------------------------------


def machine() -> dict[str, object]:
    model = platform.processor() or "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "cores": os.cpu_count(),
        "cpu": model,
        "ram_gb": round(psutil.virtual_memory().total / 2**30, 1),
        "python": platform.python_version(),
        "load_avg_1m_at_start": round(os.getloadavg()[0], 2),
    }


def prepare(posts: int, seed: int) -> tuple[Path, Path, int, int]:
    """The dump and a JSON list of its post texts as Crossings reads them (cached under benchmarks/out/)."""
    from synth import write_dump

    from pipeline.ingest import iter_threads

    folder = CACHE / f"posts-{posts}-seed-{seed}"
    dump = folder / "Posts.xml"
    texts_path = folder / "texts.json"
    if not dump.exists() or not texts_path.exists():
        folder.mkdir(parents=True, exist_ok=True)
        write_dump(dump, posts, seed)
        texts = [post.text for thread in iter_threads([dump]) for post in thread.posts]
        texts_path.write_text(json.dumps(texts), encoding="utf-8")
    texts = json.loads(texts_path.read_text(encoding="utf-8"))
    words = sum(len(t.split()) for t in texts)
    return dump, texts_path, len(texts), words


def first_install_setup() -> None:
    """What only the first run of a new install does, done here untimed (like bare spaCy's model load):
    the gazetteer's cache (about 2 CPU-s) and the empty, migrated database Prefect's temporary server
    starts from (a few CPU-s). Without it, a benchmark on a fresh machine would time its first run's set-up."""
    from pipeline.places import load_tables
    from pipeline.quiet import ServerDatabase, TemporaryServer

    load_tables()
    if not os.environ.get("PREFECT_API_URL") and not ServerDatabase().template.exists():
        server = TemporaryServer()
        try:
            server.wait()
        finally:
            server.stop()


def table(rows: list[Measure]) -> str:
    head = f"{'run':<46} {'seconds':>8} {'process s':>9} {'CPU s':>7} {'tokens':>8} {'tokens/s':>9} {'peak RSS MB':>11}"
    lines = [head]
    for m in rows:
        lines.append(
            f"{m.name:<46} {m.seconds:8.1f} {m.process_seconds:9.1f} {m.cpu_seconds:7.1f} {m.tokens:8d} "
            f"{m.tokens_per_s:9.0f} {m.peak_rss_mb:11.0f}"
        )
    return "\n".join(lines)


def _summary_tokens(summary: str) -> int:
    for line in summary.splitlines():
        if line.strip().startswith("tokens"):
            return int(line.split()[1].replace(",", ""))
    return 0


def crossings_only(dump: Path) -> None:
    """The whole run and the incremental re-run, with their peak memory; tokens from Crossings' own count."""
    with tempfile.TemporaryDirectory(prefix="crossings-bench-") as tmp:
        out_dir = Path(tmp) / "all"
        first, summary = crossings(dump, out_dir, 0, [], f"crossings run (workers: all {os.cpu_count()} cores)")
        first.tokens = _summary_tokens(summary)
        print(summary, flush=True)
        rerun, _ = crossings(dump, out_dir, first.tokens, [], "crossings run again (incremental, no change)")
    print(table([first, rerun]))
    print(f"incremental re-run: {rerun.seconds:.1f} s = {rerun.seconds / first.seconds:.1%} of the first run")


def main() -> None:
    parser = argparse.ArgumentParser(description="Crossings vs bare spaCy: tokens per second and peak memory.")
    parser.add_argument("--posts", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--repeat", type=int, default=1, help="Repeat the all-cores pair; medians are reported.")
    parser.add_argument("--no-one-process", action="store_true", help="Skip the one-process figures.")
    parser.add_argument(
        "--no-bare",
        action="store_true",
        help="Only the crossings runs (for the memory check at 50,000 posts; no ratio is printed).",
    )
    parser.add_argument("--json", type=Path, help="Also write the results here.")
    parser.add_argument("--bare-texts", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--n-process", type=int, default=1, help=argparse.SUPPRESS)
    parser.add_argument("--batch-size", type=int, default=64, help=argparse.SUPPRESS)
    parser.add_argument("--model", default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()

    from pipeline.config import load_settings

    settings = load_settings()
    if args.bare_texts:
        bare_main(args.bare_texts, args.n_process, args.batch_size, args.model or settings.model)
        return

    cores = os.cpu_count() or 1
    info = machine()
    dump, texts_path, n_posts, n_words = prepare(args.posts, args.seed)
    first_install_setup()
    print(f"machine: {info}")
    print(f"dump: {dump} ({n_posts} posts, {n_words} words)", flush=True)
    batch = settings.nlp_batch_size

    rows: list[Measure] = []
    pairs: list[tuple[Measure, Measure]] = []
    rerun: Measure | None = None
    if args.no_bare:
        crossings_only(dump)
        return
    with tempfile.TemporaryDirectory(prefix="crossings-bench-") as tmp:
        for i in range(args.repeat):
            b = bare(texts_path, cores, batch, settings.model)
            out_dir = Path(tmp) / f"all-{i}"
            c, summary = crossings(dump, out_dir, b.tokens, [], f"crossings run (workers: all {cores} cores)")
            print(table([b, c]), flush=True)
            pairs.append((b, c))
            if i == 0:
                print(summary, flush=True)
                rerun, _ = crossings(dump, out_dir, b.tokens, [], "crossings run again (incremental, no change)")
        # The pair with the median ratio stands for the repeats.
        rows += list(sorted(pairs, key=lambda p: p[1].tokens_per_s / p[0].tokens_per_s)[len(pairs) // 2])
        if not args.no_one_process:
            b1 = bare(texts_path, 1, batch, settings.model)
            c1, _ = crossings(dump, Path(tmp) / "one", b1.tokens, ["--workers", "1"], "crossings run --workers 1")
            rows += [b1, c1]
    assert rerun is not None
    rows.append(rerun)

    ratios = [c.tokens_per_s / b.tokens_per_s for b, c in pairs]
    ratio = statistics.median(ratios)
    first = statistics.median(c.seconds for _, c in pairs)
    print()
    print(table(rows))
    print()
    print(f"ratio crossings/bare tokens per second, all cores: {ratio:.3f}" + (f"  (runs: {', '.join(f'{r:.3f}' for r in ratios)})" if len(ratios) > 1 else ""))
    b, c = rows[0], rows[1]
    print(f"CPU time crossings/bare, all cores: {c.cpu_seconds / b.cpu_seconds:.2f} (bare's includes its model load)")
    if not args.no_one_process:
        print(f"ratio crossings/bare, one process: {rows[3].tokens_per_s / rows[2].tokens_per_s:.3f}")
    print(f"incremental re-run: {rerun.seconds:.1f} s = {rerun.seconds / first:.1%} of the first run")
    if args.json:
        args.json.write_text(
            json.dumps(
                {"machine": info, "posts": n_posts, "words": n_words, "rows": [asdict(r) | {"tokens_per_s": r.tokens_per_s} for r in rows],
                 "ratio_all_cores": ratio, "ratios": ratios, "rerun_fraction": rerun.seconds / first},
                indent=2,
            ),
            encoding="utf-8",
        )


if __name__ == "__main__":
    main()
