"""The SQLite store: reviews persist, undo, re-runs keep reviews attached, flags, stale cases, atomic batches.

Stores are built from hand-made Case objects (the seed thread's gold cases,
placed in a hand-split copy of the seed thread), not from the extraction
pipeline, so these tests pin the store alone. The helpers are shared with the
review app tests.
"""

from __future__ import annotations

import dataclasses
import json
import re
import sqlite3
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from pipeline.errors import CrossingsError
from pipeline.schema import MOTIVE_LABELS, Case, Post, Thread, stable_hash
from pipeline.store import SCHEMA_VERSION, QueueFilter, Store, certainty

ROOT = Path(__file__).resolve().parent.parent


# -- shared fixtures: a real thread and realistic cases ---------------------


def seed_thread(seed_path: Path, thread_id: str | None = None) -> Thread:
    """The seed thread split into posts by its blank-line gaps (a test stand-in for the reader)."""
    thread_id = thread_id or seed_path.stem
    parts = [p.strip() for p in re.split(r"\n\s*\n\s*\n", seed_path.read_text(encoding="utf-8")) if p.strip()]
    posts = []
    for i, part in enumerate(parts):
        accepted = part.startswith("Accepted answer")
        text = part.removeprefix("Accepted answer").strip()
        posts.append(
            Post(
                post_id=f"{thread_id}-{i}",
                thread_id=thread_id,
                position=i,
                kind="question" if i == 0 else "answer",
                text=text,
                accepted=accepted,
            )
        )
    return Thread(thread_id=thread_id, title=parts[0], posts=tuple(posts), source=str(seed_path), format="text")


def _scores(labels: list[str], salt: str) -> dict[str, float]:
    """Plausible classifier output: the gold labels on top, the rest low, varied per case."""
    jitter = int(stable_hash(salt, length=4), 16) / 0xFFFF
    scores = {label: round(0.02 + 0.1 * jitter * (i % 3) / 2, 4) for i, label in enumerate(MOTIVE_LABELS)}
    for rank, label in enumerate(labels):
        scores[label] = round(0.9 - 0.25 * rank - 0.35 * jitter, 4)
    return scores


def gold_cases(gold_path: Path, thread: Thread, limit: int | None = None) -> list[Case]:
    """The gold cases as a run would store them: evidence located in its post, scores, confidence, context."""
    cases: list[Case] = []
    for line in gold_path.read_text(encoding="utf-8").splitlines()[:limit]:
        d = json.loads(line)
        optional = d.pop("optional", False)
        sentence = d.pop("evidence")
        post = next(p for p in thread.posts if sentence in p.text)
        start = post.text.index(sentence)
        d["thread_id"] = thread.thread_id
        d["evidence"] = [{"post_id": post.post_id, "text": sentence, "start": start, "end": start + len(sentence)}]
        d["post_ids"] = [post.post_id]
        d["motive_scores"] = _scores(d["motive"], d["subject"] + str(d.get("year_start")))
        d["confidence"] = 0.55 if optional else 0.9
        case = Case.from_dict(d)
        case.context = post.text[max(0, start - 120) : start + len(sentence) + 120]
        cases.append(case)
    return cases


def build_store(path: Path, seed_path: Path, gold_path: Path, limit: int | None = None) -> tuple[Store, Thread, list[Case]]:
    store = Store(path)
    thread = seed_thread(seed_path)
    cases = gold_cases(gold_path, thread, limit)
    run_id = store.begin_run({"seed": 13})
    store.write_batch([thread], {thread.thread_id: cases}, run_id)
    store.finish_run(run_id, {"n_threads": 1, "n_cases": len(cases)})
    return store, thread, cases


def rerun(store: Store, thread: Thread, cases: list[Case]) -> int:
    run_id = store.begin_run({"seed": 13})
    store.write_batch([thread], {thread.thread_id: cases}, run_id)
    store.finish_run(run_id, {"n_threads": 1, "n_cases": len(cases)})
    return run_id


def by_subject(cases: list[Case], subject: str, index: int = 0) -> Case:
    return [c for c in cases if c.subject == subject][index]


@pytest.fixture()
def seeded(tmp_path, seed_path, seed_gold_path):
    store, thread, cases = build_store(tmp_path / "crossings.db", seed_path, seed_gold_path)
    yield store, thread, cases
    store.close()


# -- schema and set-up ------------------------------------------------------


def test_new_store_is_versioned_wal_with_foreign_keys(tmp_path):
    with Store(tmp_path / "c.db") as store:
        assert store.schema_version == SCHEMA_VERSION
        assert store._read("PRAGMA journal_mode")[0][0] == "wal"
        assert store._read("PRAGMA foreign_keys")[0][0] == 1
        with pytest.raises(sqlite3.IntegrityError), store._write() as conn:  # a case needs its thread
            conn.execute(
                "INSERT INTO cases (case_id, thread_id, data, evidence_hash, confidence, motive_top, certainty, status)"
                " VALUES ('c1', 'nowhere', '{}', '', 0.5, 'unknown', 0, 'completed')"
            )


def test_newer_schema_and_foreign_files_are_refused(tmp_path):
    with Store(tmp_path / "c.db") as store, store._write() as conn:
        conn.execute("UPDATE meta SET value='99' WHERE key='schema_version'")
    with pytest.raises(CrossingsError, match=r"\[E051\].*99"):
        Store(tmp_path / "c.db")
    (tmp_path / "junk.db").write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(CrossingsError, match=r"\[E050\]"):
        Store(tmp_path / "junk.db")
    with pytest.raises(CrossingsError, match=r"\[E007\]"):
        Store.open_existing(tmp_path / "missing.db")


def test_cases_round_trip_with_context(seeded):
    store, thread, cases = seeded
    assert len({c.case_id for c in cases}) == len(cases) == 31
    stored = {c.case_id: c for c in store.cases()}
    for case in cases:
        assert stored[case.case_id].to_dict() == case.to_dict()
        assert stored[case.case_id].context == case.context and case.context
    assert store.processed_hashes() == {thread.thread_id: thread.content_hash}
    assert store.thread_hash(thread.thread_id) == thread.content_hash
    assert store.thread_hash("other") is None
    post = store.post(thread.posts[3].post_id)
    assert post == thread.posts[3]
    run = store.runs()[-1]
    assert run["n_cases"] == 31 and run["finished"] and run["settings"] == {"seed": 13}


def test_case_dicts_for_the_writers_are_the_current_cases(seeded):
    # Stored cases are written out from their stored JSON; corrected ones and rows of an older
    # schema (a field missing) go through Case. All give what iter_current_cases gives.
    store, _, cases = seeded
    store.review(by_subject(cases, "John Nash").case_id, "correct", "ada", {"destination": "the GDR"})
    store.review(by_subject(cases, "Mr. Adams").case_id, "reject", "ada")
    old_row = by_subject(cases, "Lee Harvey Oswald").case_id
    with store._write() as conn:
        data = json.loads(conn.execute("SELECT data FROM cases WHERE case_id=?", (old_row,)).fetchone()[0])
        del data["destination_lat"]
        conn.execute("UPDATE cases SET data=? WHERE case_id=?", (json.dumps(data), old_row))
    expected = [c.to_dict() for chunk in store.iter_current_cases(chunk_size=7) for c in chunk]
    pairs = [pair for chunk in store.iter_current_case_dicts(chunk_size=7) for pair in chunk]
    assert [d for d, _ in pairs] == expected and len(expected) == 30
    for d, text in pairs:
        assert text is None or text == json.dumps(d, ensure_ascii=False)
    texts = {d["case_id"]: text for d, text in pairs}
    assert texts[old_row] is None and texts[by_subject(cases, "John Nash").case_id] is None
    assert sum(t is not None for t in texts.values()) == 28


# -- reviews ------------------------------------------------------------------


def test_decisions_persist_with_time_and_reviewer(tmp_path, seed_path, seed_gold_path):
    store, _, cases = build_store(tmp_path / "c.db", seed_path, seed_gold_path)
    oswald = by_subject(cases, "Lee Harvey Oswald")
    nash = by_subject(cases, "John Nash")
    adams = by_subject(cases, "Mr. Adams")
    store.review(oswald.case_id, "accept", "ada")
    store.review(nash.case_id, "correct", "ada", {"destination": "the GDR", "motive": ["ideological", "defection"]})
    store.review(adams.case_id, "reject", "ada")
    store.close()

    with Store(tmp_path / "c.db") as again:
        assert again.review_state(oswald.case_id) == "accepted"
        assert again.review_state(nash.case_id) == "corrected"
        assert again.review_state(adams.case_id) == "rejected"
        fixed = again.record(nash.case_id)
        assert fixed.case.destination == "the GDR" and fixed.case.motive == ["ideological", "defection"]
        assert fixed.machine.destination == nash.destination  # the run's version is kept beside it
        history = again.history(nash.case_id)
        assert [r.decision for r in history] == ["correct"]
        assert history[0].reviewer == "ada"
        assert datetime.fromisoformat(history[0].at).utcoffset().total_seconds() == 0
        assert history[0].changes == {"destination": "the GDR", "motive": ["ideological", "defection"]}
        current = {c.case_id: c for c in again.current_cases()}
        assert adams.case_id not in current and current[nash.case_id].destination == "the GDR"
        assert {c.case_id for c in again.current_cases(reviewed_only=True)} == {oswald.case_id, nash.case_id}
        assert again.progress() == (3, 31)


def test_corrections_are_validated_and_bad_ones_write_nothing(seeded):
    store, _, cases = seeded
    case = cases[0]
    for changes, message in [
        ({"motive": ["greed"]}, r"\[E012\].*motive.*greed"),
        ({"year_start": "19x0"}, r"\[E012\].*year_start"),
        ({"subject_type": "crowd"}, r"\[E012\].*subject_type"),
        ({"outcome": "vanished"}, r"\[E012\].*outcome"),
        ({"case_id": "c0"}, r"\[E012\].*case_id"),
        ({"subject": "  "}, r"\[E012\].*subject"),
        ({"year_start": 1940, "year_end": 1930}, r"\[E012\].*year_end"),
    ]:
        with pytest.raises(CrossingsError, match=message):
            store.review(case.case_id, "correct", "ada", changes)
    with pytest.raises(CrossingsError, match=r"\[E011\]"):
        store.review("c-no-such-case", "accept", "ada")
    with pytest.raises(CrossingsError, match=r"\[E012\].*decision"):
        store.review(case.case_id, "approve", "ada")
    assert store.history(case.case_id) == []

    store.review(case.case_id, "correct", "ada", {"year_start": " 1931 ", "origin": "", "motive": []})
    fixed = store.record(case.case_id).case
    assert fixed.year_start == 1931 and fixed.origin is None and fixed.motive == ["unknown"]


def test_accept_with_edits_is_a_correction_and_an_empty_correction_an_accept(seeded):
    store, _, cases = seeded
    a, b = cases[4], cases[5]
    assert store.review(a.case_id, "accept", "ada", {"year_start": 1921}).decision == "correct"
    assert store.review(b.case_id, "correct", "ada", {"subject": b.subject}).decision == "accept"
    assert store.review_state(a.case_id) == "corrected" and store.review_state(b.case_id) == "accepted"
    # Correcting a field back to the run's value makes the case plainly accepted again.
    store.review(a.case_id, "correct", "ada", {"year_start": a.year_start})
    assert store.review_state(a.case_id) == "accepted"


def test_undo_appends_and_steps_back_one_decision_per_reviewer(seeded):
    store, _, cases = seeded
    a, b, c = cases[0], cases[1], cases[2]
    store.review(a.case_id, "accept", "ada")
    store.review(c.case_id, "reject", "bo")  # another reviewer's work is not touched
    store.review(b.case_id, "correct", "ada", {"destination_country": "Finland"})
    store.review(b.case_id, "correct", "ada", {"destination_country": "Estonia"})

    assert store.undo("ada") == b.case_id
    assert store.record(b.case_id).case.destination_country == "Finland"
    assert store.undo("ada") == b.case_id
    assert store.review_state(b.case_id) == "pending"
    assert store.record(b.case_id).case.destination_country == b.destination_country
    assert store.undo("ada") == a.case_id
    assert store.review_state(a.case_id) == "pending"
    assert store.undo("ada") is None
    assert store.review_state(c.case_id) == "rejected"

    decisions = [r.decision for r in store.history(b.case_id)]
    assert decisions == ["correct", "correct", "undo", "undo"]
    undo_row = store.history(b.case_id)[2]
    assert undo_row.undoes == store.history(b.case_id)[1].review_id
    assert undo_row.after["destination_country"] == "Finland"
    with pytest.raises(sqlite3.IntegrityError, match="append-only"), store._write() as conn:
        conn.execute("DELETE FROM reviews")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"), store._write() as conn:
        conn.execute("UPDATE reviews SET decision='accept'")


def test_a_decision_on_a_changed_case_is_refused(seeded):
    store, _, cases = seeded
    case = cases[2]
    assert store.revision(case.case_id) == 0
    first = store.review(case.case_id, "accept", "ada", expected_revision=0)
    assert store.revision(case.case_id) == first.review_id
    with pytest.raises(CrossingsError, match=r"\[E054\].*accept by ada"):
        store.review(case.case_id, "reject", "bo", expected_revision=0)  # bo's page predates ada's accept
    assert store.review_state(case.case_id) == "accepted"
    store.review(case.case_id, "reject", "bo", expected_revision=first.review_id)
    assert store.review_state(case.case_id) == "rejected"


def test_skip_moves_a_case_to_the_back_without_deciding_it(seeded):
    store, _, _ = seeded
    first = store.queue_ids()[0]
    store.review(first, "skip", "ada")
    assert store.review_state(first) == "skipped"
    assert store.queue_ids()[-1] == first
    assert store.progress()[0] == 0
    store.review(first, "accept", "ada")
    store.review(first, "skip", "ada")  # a skip never overrides a decision
    assert store.review_state(first) == "accepted"


def test_killed_process_loses_no_committed_review(tmp_path, seed_path, seed_gold_path):
    store, _, cases = build_store(tmp_path / "c.db", seed_path, seed_gold_path, limit=3)
    store.close()
    script = (
        "import os, sys; from pipeline.store import Store\n"
        "s = Store(sys.argv[1]); s.review(sys.argv[2], 'accept', 'ada')\n"
        "os.kill(os.getpid(), 9)\n"  # no close, no atexit: as if the server were killed
    )
    proc = subprocess.run([sys.executable, "-c", script, str(tmp_path / "c.db"), cases[1].case_id], cwd=ROOT)
    assert proc.returncode == -9
    with Store(tmp_path / "c.db") as again:
        assert again.review_state(cases[1].case_id) == "accepted"


# -- re-runs ------------------------------------------------------------------


def test_rerun_keeps_reviews_attached(seeded, seed_gold_path):
    store, thread, cases = seeded
    oswald = by_subject(cases, "Lee Harvey Oswald")
    scott = by_subject(cases, "John Scott")
    store.review(oswald.case_id, "accept", "ada")
    store.review(scott.case_id, "correct", "ada", {"year_end": 1937})

    again = gold_cases(seed_gold_path, thread)  # fresh objects, as a new run makes them
    for case in again:  # the classifier changed its mind a little; the evidence did not change
        case.confidence = 0.8
    rerun(store, thread, again)
    assert store.review_state(oswald.case_id) == "accepted"
    record = store.record(scott.case_id)
    assert record.review_state == "corrected" and not record.flagged
    assert record.case.year_end == 1937 and record.case.confidence == 0.8  # correction over the new run
    assert record.first_seen_run == 1 and record.last_seen_run == 2
    assert store.progress() == (2, 31)


def test_changed_evidence_flags_a_reviewed_case_for_a_second_look(seeded, seed_gold_path):
    store, thread, cases = seeded
    oswald = by_subject(cases, "Lee Harvey Oswald")
    nash = by_subject(cases, "John Nash")
    store.review(oswald.case_id, "correct", "ada", {"motive": ["ideological", "disillusionment"]})

    again = gold_cases(seed_gold_path, thread)
    for case in again:
        if case.case_id in (oswald.case_id, nash.case_id):
            case.evidence[0].text += " He was watched."
    rerun(store, thread, again)

    record = store.record(oswald.case_id)
    assert record.flagged and record.review_state == "corrected"
    assert record.case.motive == ["ideological", "disillusionment"]  # the review stays attached
    assert not store.record(nash.case_id).flagged  # never reviewed: nothing to look at again
    assert store.queue_ids()[0] == oswald.case_id  # second looks come first
    assert store.progress() == (0, 31)
    assert oswald.case_id not in {c.case_id for c in store.current_cases(reviewed_only=True)}

    store.review(oswald.case_id, "accept", "ada")
    assert not store.record(oswald.case_id).flagged and store.progress() == (1, 31)


def test_cases_a_rerun_drops_are_stale_if_reviewed_else_deleted(seeded, seed_gold_path):
    store, thread, cases = seeded
    kept, dropped = by_subject(cases, "Fritz Houtermans"), by_subject(cases, "Heinrich Kurella")
    store.review(kept.case_id, "accept", "ada")
    rest = [c for c in gold_cases(seed_gold_path, thread) if c.case_id not in (kept.case_id, dropped.case_id)]
    rerun(store, thread, rest)

    with pytest.raises(CrossingsError, match=r"\[E011\]"):
        store.record(dropped.case_id)
    record = store.record(kept.case_id)
    assert record.stale and record.review_state == "accepted"
    assert kept.case_id not in {c.case_id for c in store.current_cases()}
    assert kept.case_id not in store.queue_ids(QueueFilter(status="all"))
    assert kept.case_id in {c.case_id for c in store.cases(include_stale=True)}
    assert store.progress() == (0, 29)

    rerun(store, thread, gold_cases(seed_gold_path, thread))  # it comes back: live again, review intact
    record = store.record(kept.case_id)
    assert not record.stale and record.review_state == "accepted"
    assert store.progress() == (1, 31)


def test_update_cases_rescores_and_keeps_corrections_on_top(seeded):
    store, _, cases = seeded
    nash = by_subject(cases, "John Nash")
    store.review(nash.case_id, "correct", "ada", {"motive": ["ideological"]})
    machine = store.cases(apply_reviews=False)
    assert {c.case_id: c.motive for c in machine}[nash.case_id] == nash.motive
    assert all(c.context for c in machine)
    for case in machine:  # a new model: everything is "forced" now
        case.motive, case.motive_scores = ["forced"], {"forced": 0.9, "unknown": 0.1}
    ghost = dataclasses.replace(machine[0], case_id="c-not-stored")
    assert store.update_cases([*machine, ghost]) == 31
    record = store.record(nash.case_id)
    assert record.machine.motive == ["forced"] and record.case.motive == ["ideological"]
    assert not record.flagged and record.review_state == "corrected"
    other = store.record(cases[0].case_id)
    assert other.case.motive == ["forced"] and other.certainty == pytest.approx(cases[0].confidence * 0.8)


def test_a_failing_batch_writes_nothing(tmp_path, seed_path, seed_gold_path):
    store, thread, cases = build_store(tmp_path / "c.db", seed_path, seed_gold_path, limit=5)
    before = {c.case_id: c.to_dict() for c in store.cases()}
    edited = dataclasses.replace(thread, title="Edited title")
    second = seed_thread(seed_path, thread_id="second_thread")
    wrong = gold_cases(seed_gold_path, thread, limit=2)  # cases of the first thread filed under the second
    new_cases = gold_cases(seed_gold_path, edited, limit=7)
    run_id = store.begin_run({})
    with pytest.raises(ValueError, match="belongs to thread"):
        store.write_batch([edited, second], {edited.thread_id: new_cases, second.thread_id: wrong}, run_id)
    assert {c.case_id: c.to_dict() for c in store.cases()} == before
    assert store.processed_hashes() == {thread.thread_id: thread.content_hash}
    assert store.thread_title(thread.thread_id) == thread.title
    assert store.post(second.posts[0].post_id) is None


# -- queue, retraining data, overview ------------------------------------------


def test_queue_is_least_certain_first_and_filters(seeded):
    store, thread, cases = seeded
    queue = store.queue(limit=100)
    assert len(queue) == 31
    values = [r.certainty for r in queue]
    assert values == sorted(values)
    assert values[0] == min(certainty(c) for c in cases)
    assert [r.case_id for r in store.queue(limit=5, offset=5)] == [r.case_id for r in queue[5:10]]

    defection = store.queue(QueueFilter(motive="defection"), limit=100)
    assert defection and all("defection" in r.case.motive for r in defection)
    assert store.count(QueueFilter(motive="defection")) == len(defection)
    assert store.count(QueueFilter(thread="no_such_thread")) == 0
    assert store.count(QueueFilter(thread=thread.thread_id)) == 31

    store.review(defection[0].case_id, "correct", "ada", {"motive": ["forced"]})
    assert defection[0].case_id not in store.queue_ids(QueueFilter(motive="defection", status="all"))
    assert store.queue_ids(QueueFilter(motive="forced", status="corrected")) == [defection[0].case_id]
    assert store.count(QueueFilter(status="todo")) == 30
    with pytest.raises(CrossingsError, match=r"\[E012\]"):
        store.queue(QueueFilter(status="maybe"))


def test_reviewed_examples_carry_context_and_final_labels(seeded):
    store, _, cases = seeded
    a, b, c = cases[0], cases[5], cases[8]
    store.review(a.case_id, "accept", "ada")
    store.review(b.case_id, "correct", "ada", {"motive": ["family"]})
    store.review(c.case_id, "reject", "ada")
    examples = dict(store.reviewed_examples())
    assert examples == {a.context: a.motive, b.context: ["family"]}


def test_overview_counts_decades_motives_and_flows(seeded):
    store, _, cases = seeded
    overview = store.overview()
    assert overview.total == 31
    decades = dict(overview.by_decade)
    assert decades[1930]["economic"] == sum(
        1 for c in cases if c.year_start and 1930 <= c.year_start < 1940 and c.motive[0] == "economic"
    )
    assert overview.by_decade[-1][0] is None  # cases without a year come last
    flows = {(o, d): n for o, d, n in overview.flows}
    to_soviet_from_us = sum(1 for c in cases if (c.origin_country, c.destination_country) == ("United States", "Soviet Union"))
    assert flows[("United States", "Soviet Union")] == to_soviet_from_us
    assert overview.flows[0][2] == max(flows.values())

    scott = by_subject(cases, "John Scott")
    store.review(scott.case_id, "correct", "ada", {"origin_country": "Canada"})
    store.review(by_subject(cases, "Mr. Adams").case_id, "reject", "ada")
    after = store.overview()
    assert after.total == 30 and after.states["rejected"] == 1 and after.states["corrected"] == 1
    assert {(o, d): n for o, d, n in after.flows}[("Canada", "Soviet Union")] == 1


# -- export ---------------------------------------------------------------------


def test_export_reviewed_writes_accepted_and_corrected_cases(tmp_path, seed_path, seed_gold_path):
    from pipeline.export import export_reviewed
    from pipeline.writers import read_cases_csv, read_cases_jsonl, read_cases_parquet

    store, thread, cases = build_store(tmp_path / "c.db", seed_path, seed_gold_path)
    oswald, nash, adams, scott = (by_subject(cases, s) for s in ("Lee Harvey Oswald", "John Nash", "Mr. Adams", "John Scott"))
    store.review(oswald.case_id, "accept", "ada")
    store.review(nash.case_id, "correct", "ada", {"destination": "the GDR", "motive": ["ideological"]})
    store.review(adams.case_id, "reject", "ada")
    store.review(scott.case_id, "accept", "ada")
    again = gold_cases(seed_gold_path, thread)
    by_subject(again, "John Scott").evidence[0].text += " (edited)"  # flagged: waits for a second look
    rerun(store, thread, again)
    store.close()

    paths = export_reviewed(tmp_path / "c.db", tmp_path / "out")
    assert {k: p.name for k, p in paths.items()} == {
        "jsonl": "reviewed_cases.jsonl",
        "csv": "reviewed_cases.csv",
        "parquet": "reviewed_cases.parquet",
    }
    for read in (read_cases_jsonl, read_cases_csv, read_cases_parquet):
        got = {c.case_id: c for c in read(paths[read.__name__.rsplit("_", 1)[1]])}
        assert set(got) == {oswald.case_id, nash.case_id}
        assert got[nash.case_id].destination == "the GDR" and got[nash.case_id].motive == ["ideological"]
        assert got[oswald.case_id].to_dict() == oswald.to_dict()
    with pytest.raises(CrossingsError, match=r"\[E007\]"):
        export_reviewed(tmp_path / "missing.db", tmp_path / "out")
