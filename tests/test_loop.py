"""The review loop end to end: run, review with changed motives, retrain, and the promotion rule."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from pipeline.config import load_settings
from pipeline.flows import classify, extract_threads
from pipeline.ingest import iter_threads
from pipeline.motives import current_version, list_versions
from pipeline.retrain import retrain_with_reviews
from pipeline.store import Store

ROOT = Path(__file__).resolve().parent.parent


def test_run_review_retrain(tmp_path, seed_path):
    models = tmp_path / "models"
    shutil.copytree(ROOT / "models" / "motive", models / "motive")
    settings = load_settings(models_dir=models, out_dir=tmp_path / "out")

    # Run: the seed thread through extraction and classification into the store.
    threads = list(iter_threads([seed_path]))
    cases = classify(extract_threads(threads, settings), settings)
    store = Store(settings.store_path)
    run_id = store.begin_run({"test": True})
    store.write_batch(threads, {threads[0].thread_id: cases}, run_id)
    assert len(store.current_cases()) == len(cases) >= 15

    # Review a handful, changing the motive of each.
    reviewed = store.cases()[:5]
    for case in reviewed:
        new = "forced" if case.motive[0] != "forced" else "family"
        store.review(case.case_id, "correct", "tester", {"motive": [new]})
    assert [c.motive[0] for c in store.current_cases(reviewed_only=True)] == [
        "forced" if c.motive[0] != "forced" else "family" for c in reviewed
    ]

    before = current_version(models / "motive")
    loop = retrain_with_reviews(store, models / "motive", settings.labelled_dir, seed=settings.seed,
                                threshold=settings.motive_threshold)
    result = loop.result

    # A new version exists, and its report counts the reviewed examples.
    assert loop.n_reviewed == 5
    assert result.version in list_versions(models / "motive") and result.version != before
    report = json.loads((result.path / "report.json").read_text(encoding="utf-8"))
    assert report["n_examples_reviewed"] == 5
    assert (result.path / "MODEL_CARD.md").exists()

    # The promotion rule: promoted exactly when the new model is not worse on the same held-out split.
    assert result.before is not None and result.before["version"] == before
    not_worse = result.after["heldout_macro_f1"] >= result.before["heldout_macro_f1"]
    assert result.promoted == not_worse
    assert current_version(models / "motive") == (result.version if not_worse else before)
    if result.promoted:
        assert loop.rescored == len(cases)
    store.close()
