"""The whole `crossings run`: Prefect flows over real inputs, good and bad."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from pipeline.config import load_settings
from pipeline.flows import batch_threads, crossings_run, extract_threads
from pipeline.ingest import iter_threads

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def prefect_harness():
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=180):  # a busy two-core machine can take a minute
        yield


def write_bad_inputs(folder: Path, seed_path: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(seed_path, folder / "seed.txt")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.dat").write_bytes(bytes(range(256)) * 8)
    (folder / "latin1.txt").write_bytes(
        "Émigrés to Paris?\n\n\nJosé Martínez emigrated to France in 1939 to escape Franco.\n".encode("latin-1")
    )
    (folder / "Posts.xml").write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<posts>\n'
        '  <row Id="1" PostTypeId="1" Title="Who left?" Body="&lt;p&gt;Who left?&lt;/p&gt;" AnswerCount="1" />\n'
        '  <row Id="2" PostTypeId="2" ParentId="1" Body="&lt;p&gt;Ivan Petrov defec',
        encoding="utf-8",
    )
    (folder / "threads.jsonl").write_text('{"thread_id": "broken", "posts": [\n', encoding="utf-8")


def test_batches_hold_whole_threads(seed_path):
    threads = list(iter_threads([seed_path])) * 3
    batches = list(batch_threads(iter(threads), max_posts=10))
    assert [len(b) for b in batches] == [2, 1]
    assert sum(len(b) for b in batches) == 3


def test_extract_threads_matches_case_assembly(seed_path, settings):
    threads = list(iter_threads([seed_path]))
    cases = extract_threads(threads, settings)
    assert len(cases) >= 15
    assert all(c.thread_id == "westerners_soviet_bloc_thread" for c in cases)


@pytest.mark.slow
def test_run_flow_writes_three_outputs_with_the_same_rows(prefect_harness, tmp_path, seed_path):
    settings = load_settings(out_dir=tmp_path / "out", progress=False)
    summary = crossings_run([str(seed_path)], settings)
    out = tmp_path / "out"
    jsonl = [json.loads(line) for line in (out / "cases.jsonl").read_text(encoding="utf-8").splitlines()]
    csv = pd.read_csv(out / "cases.csv")
    parquet = pd.read_parquet(out / "cases.parquet")
    assert summary.n_cases == len(jsonl) == len(csv) == len(parquet) > 0
    assert list(csv["case_id"]) == list(parquet["case_id"]) == [c["case_id"] for c in jsonl]
    assert all(c["motive"] and set(c["motive_scores"]) >= {"economic", "unknown"} for c in jsonl)
    assert (out / "crossings.db").exists()

    # Same input, same cases and ids; an unchanged corpus is skipped on the second run.
    again = crossings_run([str(seed_path)], settings)
    assert again.n_threads == 0 and again.n_threads_skipped == 1
    assert [json.loads(line) for line in (out / "cases.jsonl").read_text(encoding="utf-8").splitlines()] == jsonl


def test_a_usage_error_prints_the_usage_and_no_traceback(tmp_path):
    exe = Path(sys.executable).with_name("crossings")
    proc = subprocess.run([str(exe), "evaluate", "--pred", str(tmp_path / "cases.jsonl")], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2
    assert "Missing option '--gold'" in proc.stderr
    assert "Traceback" not in proc.stderr + proc.stdout


@pytest.mark.slow
def test_bad_inputs_are_named_and_skipped_by_the_cli(tmp_path, seed_path):
    """The real console script, with Prefect's temporary server: names each bad input, keeps the seed's cases."""
    inputs = tmp_path / "inputs"
    write_bad_inputs(inputs, seed_path)
    env = {**os.environ, "PREFECT_HOME": str(tmp_path / "prefect")}
    env.pop("PREFECT_API_URL", None)
    exe = Path(sys.executable).with_name("crossings")
    proc = subprocess.run(
        [str(exe), "run", str(inputs), "--out", str(tmp_path / "out"), "--no-progress"],
        capture_output=True, text=True, env=env, timeout=600,
    )
    assert proc.returncode == 0, proc.stderr
    err = proc.stderr
    for name in ("empty.txt", "binary.dat", "latin1.txt", "Posts.xml", "threads.jsonl"):
        assert name in err, f"{name} not reported:\n{err}"
    assert "Traceback" not in err + proc.stdout
    cases = [json.loads(line) for line in (tmp_path / "out" / "cases.jsonl").read_text(encoding="utf-8").splitlines()]
    threads = {c["thread_id"] for c in cases}
    assert "seed" in threads
    # The Latin-1 file was still read (with a warning), so its case is there too.
    assert any(c["subject"] == "José Martínez" for c in cases)

    only_bad = tmp_path / "only_bad"
    only_bad.mkdir()
    (only_bad / "empty.txt").write_bytes(b"")
    (only_bad / "binary.dat").write_bytes(bytes(range(256)))
    proc = subprocess.run(
        [str(exe), "run", str(only_bad), "--out", str(tmp_path / "out2"), "--no-progress"],
        capture_output=True, text=True, env=env, timeout=600,
    )
    assert proc.returncode != 0
    assert "empty.txt" in proc.stderr and "binary.dat" in proc.stderr
    assert "E005" in proc.stderr
    assert "Traceback" not in proc.stderr
