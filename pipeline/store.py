"""The SQLite store (outputs/crossings.db): threads, cases and every review decision.

Why SQLite: one file the review app and ``crossings run`` can share, with
transactions, so a killed process never leaves half of a batch or loses a
committed review.

Rules the rest of Crossings can rely on:

- Every write runs in one ``BEGIN IMMEDIATE`` transaction; a batch of threads
  (``write_batch``) is all-or-nothing.
- Review history is append-only (triggers refuse UPDATE and DELETE on
  ``reviews``); undo appends an ``undo`` row that points at the decision it
  cancels. The per-case review columns in ``cases`` are a cache rebuilt from
  that history by ``derive_review``.
- A correction is kept as the fields the reviewer changed, and applied on top
  of the latest run's case, so a re-run can refresh everything else.
- Case ids are stable (``Case.make_id``), so a re-run keeps reviews attached.
  A reviewed case whose evidence changed since its review is *flagged* for a
  second look; a case the latest run of its thread no longer produces is
  deleted if nobody reviewed it and marked *stale* otherwise.

Queue order ("least certain first"): ``certainty = confidence * margin``,
where ``margin`` is the gap between the two highest motive scores (the top
score when there is only one, 0 when the classifier gave none). A case the
extractor doubts, or whose motive is a toss-up, comes first. Flagged cases
come before everything else; skipped ones go to the back, the most recently
skipped last.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
import threading
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from pipeline.errors import CrossingsError, Errors
from pipeline.schema import MOTIVE_LABELS, OUTCOMES, STATUSES, SUBJECT_TYPES, Case, Post, Thread

SCHEMA_VERSION = 1

DECISIONS: tuple[str, ...] = ("accept", "reject", "correct", "skip", "undo")
REVIEW_STATES: tuple[str, ...] = ("pending", "skipped", "accepted", "corrected", "rejected")
# Queue filters: the review states plus "todo" (what still needs a person) and "flagged".
QUEUE_STATUSES: tuple[str, ...] = ("todo", "flagged", *REVIEW_STATES, "all")
EDITABLE_FIELDS: tuple[str, ...] = (
    "subject",
    "subject_type",
    "origin",
    "origin_country",
    "destination",
    "destination_country",
    "year_start",
    "year_end",
    "date_text",
    "status",
    "motive",
    "outcome",
)
_NULLABLE_TEXT = ("origin", "origin_country", "destination", "destination_country", "date_text")

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE runs (
    run_id INTEGER PRIMARY KEY AUTOINCREMENT,
    started TEXT NOT NULL,
    finished TEXT,
    n_threads INTEGER,
    n_cases INTEGER,
    settings TEXT NOT NULL DEFAULT '{}',
    counts TEXT
);
CREATE TABLE threads (
    thread_id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    source TEXT NOT NULL,
    format TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    n_posts INTEGER NOT NULL,
    processed_at TEXT NOT NULL,
    run_id INTEGER REFERENCES runs(run_id)
);
-- Post ids are only unique inside a thread for some sources, hence the pair.
CREATE TABLE posts (
    thread_id TEXT NOT NULL REFERENCES threads(thread_id) ON DELETE CASCADE,
    post_id TEXT NOT NULL,
    position INTEGER NOT NULL,
    kind TEXT NOT NULL,
    accepted INTEGER NOT NULL DEFAULT 0,
    text TEXT NOT NULL,
    title TEXT,
    author TEXT,
    score INTEGER,
    PRIMARY KEY (thread_id, post_id)
);
CREATE TABLE cases (
    case_id TEXT PRIMARY KEY,
    thread_id TEXT NOT NULL REFERENCES threads(thread_id),
    data TEXT NOT NULL,                -- Case.to_dict() as the latest run produced it
    context TEXT NOT NULL DEFAULT '',  -- Case.context: the classifier's input, kept for retraining
    evidence_hash TEXT NOT NULL,
    confidence REAL NOT NULL,
    motive_top TEXT NOT NULL,          -- first motive label, corrections applied
    certainty REAL NOT NULL,           -- queue order, see the module docstring
    status TEXT NOT NULL,              -- completed / attempted, corrections applied
    first_seen_run INTEGER REFERENCES runs(run_id),
    last_seen_run INTEGER REFERENCES runs(run_id),
    flagged INTEGER NOT NULL DEFAULT 0,
    stale INTEGER NOT NULL DEFAULT 0,
    -- Cache of the review history (derive_review rebuilds it):
    review_state TEXT NOT NULL DEFAULT 'pending',
    reviewed TEXT,                     -- data with corrections applied; NULL when nothing was corrected
    last_review_id INTEGER
);
CREATE INDEX cases_thread ON cases (thread_id);
CREATE INDEX cases_queue ON cases (stale, review_state, certainty);
CREATE TABLE reviews (
    review_id INTEGER PRIMARY KEY AUTOINCREMENT,
    case_id TEXT NOT NULL REFERENCES cases(case_id),
    decision TEXT NOT NULL CHECK (decision IN ('accept', 'reject', 'correct', 'skip', 'undo')),
    before TEXT,
    after TEXT,
    reviewer TEXT NOT NULL,
    at TEXT NOT NULL,
    evidence_hash_at_review TEXT NOT NULL,
    undoes INTEGER REFERENCES reviews(review_id)
);
CREATE INDEX reviews_case ON reviews (case_id);
CREATE INDEX reviews_reviewer ON reviews (reviewer, review_id);
CREATE TRIGGER reviews_no_update BEFORE UPDATE ON reviews
BEGIN SELECT RAISE(ABORT, 'reviews are append-only'); END;
CREATE TRIGGER reviews_no_delete BEFORE DELETE ON reviews
BEGIN SELECT RAISE(ABORT, 'reviews are append-only'); END;
"""

# Later schema versions add their upgrade script here: {from_version: sql}.
_MIGRATIONS: dict[int, str] = {}


def utc_now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds")


def certainty(case: Case) -> float:
    """How sure the pipeline is of a case; the queue shows the lowest first (see module docstring)."""
    scores = sorted((float(v) for v in case.motive_scores.values()), reverse=True)
    if not scores:
        margin = 0.0
    elif len(scores) == 1:
        margin = scores[0]
    else:
        margin = scores[0] - scores[1]
    return round(float(case.confidence) * margin, 6)


# -- validation -----------------------------------------------------------


def _invalid(field: str, value: object, hint: str) -> CrossingsError:
    return CrossingsError(Errors.E012.format(field=field, value=value, hint=hint))


def _year(field: str, value: object) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise _invalid(field, value, "A year is a whole number such as 1932.")
    try:
        year = int(str(value).strip()) if not isinstance(value, int) else value
    except ValueError:
        raise _invalid(field, value, "A year is a whole number such as 1932.") from None
    if not -3000 <= year <= 2100:
        raise _invalid(field, value, "Give a year between -3000 and 2100.")
    return year


def validate_changes(changes: Mapping[str, object]) -> dict[str, Any]:
    """Check and normalise a reviewer's corrections; raise CrossingsError (E012) on the first bad field.

    Text fields are stripped and "" means null; years become ints; motive
    labels must come from MOTIVE_LABELS (none given means ["unknown"]).
    """
    clean: dict[str, Any] = {}
    for field, value in changes.items():
        if field not in EDITABLE_FIELDS:
            raise _invalid("field", field, "Editable fields: " + ", ".join(EDITABLE_FIELDS) + ".")
        if field in ("year_start", "year_end"):
            clean[field] = _year(field, value)
        elif field == "motive":
            labels = [value] if isinstance(value, str) else list(value or [])  # type: ignore[arg-type]
            labels = [str(x).strip() for x in labels if str(x).strip()]
            for label in labels:
                if label not in MOTIVE_LABELS:
                    raise _invalid("motive", label, "Motive labels: " + ", ".join(MOTIVE_LABELS) + ".")
            clean[field] = list(dict.fromkeys(labels)) or ["unknown"]
        else:
            text = None if value is None else str(value).strip()
            if field == "subject":
                if not text:
                    raise _invalid("subject", value, "A case needs a subject.")
                clean[field] = text
            elif field == "subject_type":
                if text not in SUBJECT_TYPES:
                    raise _invalid(field, value, "Use one of: " + ", ".join(SUBJECT_TYPES) + ".")
                clean[field] = text
            elif field == "status":
                if text not in STATUSES:
                    raise _invalid(field, value, "Use one of: " + ", ".join(STATUSES) + ".")
                clean[field] = text
            elif field == "outcome":
                if text and text not in OUTCOMES:
                    raise _invalid(field, value, "Use one of: " + ", ".join(OUTCOMES) + ", or leave it empty.")
                clean[field] = text or None
            else:  # _NULLABLE_TEXT
                clean[field] = text or None
    start, end = clean.get("year_start"), clean.get("year_end")
    if start is not None and end is not None and end < start:
        raise _invalid("year_end", end, f"The last year cannot come before the first ({start}).")
    return clean


# -- review history -> state ----------------------------------------------


@dataclass(frozen=True)
class Review:
    """One row of the append-only review history."""

    review_id: int
    case_id: str
    decision: str
    reviewer: str
    at: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    evidence_hash_at_review: str
    undoes: int | None = None

    @property
    def changes(self) -> dict[str, Any]:
        """The fields a correction changed (empty for other decisions)."""
        if self.decision != "correct" or self.before is None or self.after is None:
            return {}
        return {k: self.after.get(k) for k in EDITABLE_FIELDS if self.after.get(k) != self.before.get(k)}


@dataclass(frozen=True)
class Derived:
    """What a case's review history amounts to."""

    state: str  # one of REVIEW_STATES
    effective: dict[str, Any]  # the case dict with corrections applied
    corrected: bool  # effective differs from the machine's case in an editable field
    flagged: bool  # decided on evidence that has changed since
    last_review_id: int | None
    decision: Review | None  # the decision in force (accept / correct / reject)


def derive_review(machine: dict[str, Any], evidence_hash: str, reviews: Iterable[Review]) -> Derived:
    """Replay a case's history (oldest first) over the machine's current case.

    Undone rows are ignored; corrections accumulate as changed fields; the
    last accept / correct / reject decides; a skip only counts while nothing
    else has been decided.
    """
    history = list(reviews)
    undone = {r.undoes for r in history if r.decision == "undo"}
    changes: dict[str, Any] = {}
    decision: Review | None = None
    skipped = False
    last_id: int | None = None
    for r in history:
        if r.decision == "undo" or r.review_id in undone:
            continue
        last_id = r.review_id
        if r.decision == "skip":
            skipped = True
            continue
        changes.update(r.changes)
        decision = r
    effective = {**machine, **changes}
    corrected = any(effective.get(k) != machine.get(k) for k in changes)
    if decision is None:
        state = "skipped" if skipped else "pending"
    elif decision.decision == "reject":
        state = "rejected"
    else:
        state = "corrected" if corrected else "accepted"
    flagged = decision is not None and decision.evidence_hash_at_review != evidence_hash
    return Derived(state, effective, corrected, flagged, last_id, decision)


# -- records the store hands out ------------------------------------------


@dataclass(frozen=True)
class CaseRecord:
    """A case as the review app sees it."""

    case: Case  # corrections applied
    machine: Case  # as the latest run produced it
    review_state: str
    flagged: bool
    stale: bool
    certainty: float
    first_seen_run: int | None
    last_seen_run: int | None

    @property
    def case_id(self) -> str:
        return self.case.case_id


@dataclass(frozen=True)
class QueueFilter:
    thread: str | None = None
    motive: str | None = None
    status: str = "todo"  # one of QUEUE_STATUSES


@dataclass(frozen=True)
class Overview:
    by_decade: list[tuple[int | None, dict[str, int]]]  # decade (None: no year) -> first motive -> count
    flows: list[tuple[str | None, str | None, int]]  # origin country -> destination country, most cases first
    states: dict[str, int]  # review state -> cases
    total: int  # current cases (not stale, not rejected)


@dataclass(frozen=True)
class ThreadSummary:
    thread_id: str
    title: str
    n_cases: int


def _case_from(data: str | dict[str, Any], context: str = "") -> Case:
    d = json.loads(data) if isinstance(data, str) else data
    case = Case.from_dict(d)
    case.context = context or ""
    return case


def _review_from(row: sqlite3.Row) -> Review:
    return Review(
        review_id=row["review_id"],
        case_id=row["case_id"],
        decision=row["decision"],
        reviewer=row["reviewer"],
        at=row["at"],
        before=json.loads(row["before"]) if row["before"] else None,
        after=json.loads(row["after"]) if row["after"] else None,
        evidence_hash_at_review=row["evidence_hash_at_review"],
        undoes=row["undoes"],
    )


def _machine_columns(case: Case) -> tuple[object, ...]:
    """data, context, evidence_hash, confidence, motive_top, certainty, status: what a run writes for a case."""
    return (
        _dumps(case.to_dict()),
        case.context or "",
        case.evidence_hash,
        float(case.confidence),
        (case.motive or ["unknown"])[0],
        certainty(case),
        case.status,
    )


def _dumps(obj: object) -> str:
    return json.dumps(obj, ensure_ascii=False, default=str)


_EFFECTIVE = "coalesce(reviewed, data)"


def _execute_script(conn: sqlite3.Connection, script: str) -> None:
    """Run SQL statements one by one: executescript() would COMMIT the open transaction first."""
    buffer = ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            conn.execute(buffer)
            buffer = ""
    if buffer.strip():
        raise ValueError(f"incomplete SQL statement: {buffer[:80]!r}")


class Store:
    """The one gateway to crossings.db. Safe to share between threads (calls are serialised)."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.RLock()
        self._depth = 0  # nesting of _write(): inner blocks join the outer transaction
        try:
            # isolation_level=None: transactions are opened explicitly (BEGIN IMMEDIATE) in _write.
            self._conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False, timeout=30)
            self._conn.row_factory = sqlite3.Row
            self._conn.execute("PRAGMA journal_mode=WAL")
            self._conn.execute("PRAGMA foreign_keys=ON")
            # FULL: a committed review survives even a power cut, not just a killed process.
            self._conn.execute("PRAGMA synchronous=FULL")
            self._init_schema()
        except sqlite3.DatabaseError as exc:
            raise CrossingsError(Errors.E050.format(path=self.path, reason=exc)) from exc

    @classmethod
    def open_existing(cls, path: Path | str) -> "Store":
        """Open a store that a run has created; E007 when there is none (review, export)."""
        if not Path(path).is_file():
            raise CrossingsError(Errors.E007.format(path=path))
        return cls(path)

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- plumbing ---------------------------------------------------------
    @contextlib.contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One transaction: committed when the block ends, rolled back if it raises."""
        with self._lock:
            if self._depth:
                self._depth += 1
                try:
                    yield self._conn
                finally:
                    self._depth -= 1
                return
            # IMMEDIATE takes the write lock now, so a concurrent `crossings run`
            # waits (busy timeout) instead of failing halfway through.
            self._conn.execute("BEGIN IMMEDIATE")
            self._depth = 1
            try:
                with self._conn:  # commits on success, rolls back on an exception
                    yield self._conn
            finally:
                self._depth = 0

    def _read(self, sql: str, params: Iterable[object] = ()) -> list[sqlite3.Row]:
        with self._lock:
            return self._conn.execute(sql, tuple(params)).fetchall()

    def _init_schema(self) -> None:
        # Fast path without the write lock, so opening a store never waits for a running writer.
        if self._read("SELECT 1 FROM sqlite_master WHERE type='table' AND name='meta'"):
            row = self._read("SELECT value FROM meta WHERE key='schema_version'")
            if row and int(row[0]["value"]) == SCHEMA_VERSION:
                return
        with self._write() as conn:
            has_meta = conn.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name='meta'").fetchone()
            if not has_meta:
                if conn.execute("SELECT 1 FROM sqlite_master WHERE type='table'").fetchone():
                    raise CrossingsError(Errors.E050.format(path=self.path, reason="it holds tables of another program"))
                _execute_script(conn, _SCHEMA)
                conn.execute("INSERT INTO meta (key, value) VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))
                conn.execute("INSERT INTO meta (key, value) VALUES ('created', ?)", (utc_now(),))
                return
            row = conn.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
            version = int(row["value"]) if row else 0
            if version > SCHEMA_VERSION:
                raise CrossingsError(Errors.E051.format(path=self.path, found=version, expected=SCHEMA_VERSION))
            while version < SCHEMA_VERSION:
                if version not in _MIGRATIONS:
                    raise CrossingsError(Errors.E050.format(path=self.path, reason=f"unknown schema version {version}"))
                _execute_script(conn, _MIGRATIONS[version])
                version += 1
                conn.execute("UPDATE meta SET value=? WHERE key='schema_version'", (str(version),))

    @property
    def schema_version(self) -> int:
        return int(self._read("SELECT value FROM meta WHERE key='schema_version'")[0]["value"])

    # -- runs and threads -------------------------------------------------
    def begin_run(self, settings: Mapping[str, object]) -> int:
        with self._write() as conn:
            cur = conn.execute("INSERT INTO runs (started, settings) VALUES (?, ?)", (utc_now(), _dumps(dict(settings))))
            return int(cur.lastrowid)

    def finish_run(self, run_id: int, counts: Mapping[str, object]) -> None:
        """Close a run; ``counts`` may carry n_threads and n_cases and anything else worth keeping."""
        with self._write() as conn:
            conn.execute(
                "UPDATE runs SET finished=?, n_threads=?, n_cases=?, counts=? WHERE run_id=?",
                (utc_now(), counts.get("n_threads"), counts.get("n_cases"), _dumps(dict(counts)), run_id),
            )

    def runs(self) -> list[dict[str, Any]]:
        rows = self._read("SELECT * FROM runs ORDER BY run_id")
        return [{**dict(r), "settings": json.loads(r["settings"] or "{}")} for r in rows]

    def upsert_thread(self, thread: Thread, run_id: int | None, extractor: str = "") -> None:
        with self._write() as conn:
            conn.execute(
                """INSERT INTO threads (thread_id, title, source, format, content_hash, n_posts, processed_at, run_id)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                   ON CONFLICT (thread_id) DO UPDATE SET title=excluded.title, source=excluded.source,
                       format=excluded.format, content_hash=excluded.content_hash, n_posts=excluded.n_posts,
                       processed_at=excluded.processed_at, run_id=excluded.run_id""",
                (
                    thread.thread_id,
                    thread.title,
                    thread.source,
                    thread.format,
                    thread.processed_hash(extractor),
                    len(thread.posts),
                    utc_now(),
                    run_id,
                ),
            )
            conn.execute("DELETE FROM posts WHERE thread_id=?", (thread.thread_id,))
            conn.executemany(
                """INSERT OR REPLACE INTO posts (thread_id, post_id, position, kind, accepted, text, title, author, score)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                [
                    (thread.thread_id, p.post_id, p.position, p.kind, int(p.accepted), p.text, p.title, p.author, p.score)
                    for p in thread.posts
                ],
            )

    def thread_hash(self, thread_id: str) -> str | None:
        rows = self._read("SELECT content_hash FROM threads WHERE thread_id=?", (thread_id,))
        return rows[0]["content_hash"] if rows else None

    def processed_hashes(self) -> dict[str, str]:
        """thread_id -> content hash of every thread already in the store (incremental runs skip unchanged ones)."""
        return {r["thread_id"]: r["content_hash"] for r in self._read("SELECT thread_id, content_hash FROM threads")}

    def sources(self) -> set[str]:
        """The input files the stored threads were read from (a run checks them for new inputs)."""
        return {r["source"] for r in self._read("SELECT DISTINCT source FROM threads")}

    def threads(self) -> list[ThreadSummary]:
        # Two plain queries: a correlated count lets SQLite pick the wrong index (seconds at 10k cases).
        counts = {
            r["thread_id"]: r["n"]
            for r in self._read("SELECT thread_id, count(*) AS n FROM cases WHERE stale = 0 GROUP BY thread_id")
        }
        rows = self._read("SELECT thread_id, title FROM threads ORDER BY title, thread_id")
        return [ThreadSummary(r["thread_id"], r["title"], counts.get(r["thread_id"], 0)) for r in rows]

    def post(self, post_id: str, thread_id: str | None = None) -> Post | None:
        if thread_id is None:
            rows = self._read("SELECT * FROM posts WHERE post_id=? ORDER BY thread_id LIMIT 1", (post_id,))
        else:
            rows = self._read("SELECT * FROM posts WHERE post_id=? AND thread_id=?", (post_id, thread_id))
        if not rows:
            return None
        r = rows[0]
        return Post(
            post_id=r["post_id"],
            thread_id=r["thread_id"],
            position=r["position"],
            kind=r["kind"],
            text=r["text"],
            accepted=bool(r["accepted"]),
            title=r["title"],
            author=r["author"],
            score=r["score"],
        )

    def thread_title(self, thread_id: str) -> str | None:
        rows = self._read("SELECT title FROM threads WHERE thread_id=?", (thread_id,))
        return rows[0]["title"] if rows else None

    # -- cases from a run -------------------------------------------------
    def replace_thread_cases(self, thread_id: str, cases: list[Case], run_id: int | None) -> None:
        """Make the store hold what this run found in the thread, without losing a review.

        New and returning cases are upserted by case_id (a stale case that
        comes back is live again). Cases the run no longer produces are
        deleted if never reviewed, else marked stale. A reviewed case whose
        evidence changed gets flagged; its review stays attached.
        """
        with self._write() as conn:
            existing = {
                r["case_id"]: bool(r["reviewed"])
                for r in conn.execute(
                    """SELECT case_id, EXISTS (SELECT 1 FROM reviews r WHERE r.case_id = c.case_id) AS reviewed
                       FROM cases c WHERE thread_id=?""",
                    (thread_id,),
                )
            }
            produced: set[str] = set()
            for case in cases:
                if case.thread_id != thread_id:
                    raise ValueError(f"case {case.case_id} belongs to thread {case.thread_id!r}, not {thread_id!r}")
                produced.add(case.case_id)
                conn.execute(
                    """INSERT INTO cases (case_id, thread_id, data, context, evidence_hash, confidence, motive_top,
                                          certainty, status, first_seen_run, last_seen_run, flagged, stale)
                       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0)
                       ON CONFLICT (case_id) DO UPDATE SET data=excluded.data, context=excluded.context,
                           evidence_hash=excluded.evidence_hash, confidence=excluded.confidence,
                           motive_top=excluded.motive_top, certainty=excluded.certainty, status=excluded.status,
                           last_seen_run=excluded.last_seen_run, stale=0""",
                    (case.case_id, thread_id, *_machine_columns(case), run_id, run_id),
                )
                if existing.get(case.case_id):
                    self._refresh(conn, case.case_id)
            gone = [cid for cid in existing if cid not in produced]
            conn.executemany("DELETE FROM cases WHERE case_id=?", [(c,) for c in gone if not existing[c]])
            conn.executemany("UPDATE cases SET stale=1 WHERE case_id=?", [(c,) for c in gone if existing[c]])

    def update_cases(self, cases: Iterable[Case]) -> int:
        """Replace stored cases' machine data (e.g. new motive scores), keyed by case_id; one transaction.

        Run bookkeeping (first/last seen, stale) is kept, corrections are
        re-applied on top, and changed evidence flags a reviewed case as in a
        run. Unknown case ids are ignored; returns how many cases were updated.
        """
        n = 0
        with self._write() as conn:
            for case in cases:
                cur = conn.execute(
                    """UPDATE cases SET data=?, context=?, evidence_hash=?, confidence=?, motive_top=?, certainty=?,
                           status=? WHERE case_id=?""",
                    (*_machine_columns(case), case.case_id),
                )
                if cur.rowcount:
                    n += 1
                    if conn.execute("SELECT 1 FROM reviews WHERE case_id=? LIMIT 1", (case.case_id,)).fetchone():
                        self._refresh(conn, case.case_id)
        return n

    def write_batch(self, threads: Iterable[Thread], cases_by_thread: Mapping[str, list[Case]], run_id: int | None,
                    extractor: str = "") -> None:
        """Write a batch of threads, their posts and their cases in ONE transaction: all of it or none.

        ``extractor`` names the code and models that made the cases (``runs.extractor_version``); it is kept
        with each thread's content hash."""
        with self._write():
            for thread in threads:
                self.upsert_thread(thread, run_id, extractor)
                self.replace_thread_cases(thread.thread_id, list(cases_by_thread.get(thread.thread_id, [])), run_id)

    # -- reading cases ----------------------------------------------------
    def _record(self, row: sqlite3.Row) -> CaseRecord:
        machine = _case_from(row["data"], row["context"])
        case = _case_from(row["reviewed"], row["context"]) if row["reviewed"] else machine
        return CaseRecord(
            case=case,
            machine=machine,
            review_state=row["review_state"],
            flagged=bool(row["flagged"]),
            stale=bool(row["stale"]),
            certainty=row["certainty"],
            first_seen_run=row["first_seen_run"],
            last_seen_run=row["last_seen_run"],
        )

    def record(self, case_id: str) -> CaseRecord:
        rows = self._read("SELECT * FROM cases WHERE case_id=?", (case_id,))
        if not rows:
            raise CrossingsError(Errors.E011.format(case_id=case_id))
        return self._record(rows[0])

    def cases(
        self,
        thread: str | None = None,
        motive: str | None = None,
        status: str | None = None,
        review_state: str | None = None,
        include_stale: bool = False,
        apply_reviews: bool = True,
    ) -> list[Case]:
        """Cases filtered by thread, motive label, move status and review state (filters see corrections).

        ``apply_reviews=False`` gives each case as the latest run produced it
        (what re-classification starts from).
        """
        where, params = self._where(thread=thread, motive=motive, review_state=review_state, include_stale=include_stale)
        if status is not None:
            where.append("status = ?")
            params.append(status)
        sql = f"SELECT * FROM cases WHERE {' AND '.join(where) or '1'} ORDER BY thread_id, case_id"
        records = [self._record(r) for r in self._read(sql, params)]
        return [r.case if apply_reviews else r.machine for r in records]

    @staticmethod
    def _current_where(reviewed_only: bool) -> str:
        if reviewed_only:
            return "stale = 0 AND flagged = 0 AND review_state IN ('accepted', 'corrected')"
        return "stale = 0 AND review_state != 'rejected'"

    def current_cases(self, reviewed_only: bool = False) -> list[Case]:
        """The cases Crossings stands behind now: not stale, not rejected, corrections applied.

        ``reviewed_only``: just the accepted and corrected ones whose evidence
        has not changed since (flagged cases wait for their second look).
        """
        rows = self._read(f"SELECT * FROM cases WHERE {self._current_where(reviewed_only)} ORDER BY thread_id, case_id")
        return [self._record(r).case for r in rows]

    def _iter_current_rows(self, chunk_size: int, reviewed_only: bool) -> Iterator[list[sqlite3.Row]]:
        """The rows of ``current_cases()`` a chunk at a time, in storage order."""
        where = self._current_where(reviewed_only)
        last = 0
        while True:
            # Keyset paging on the rowid, NOT INDEXED: through the queue index every chunk would
            # re-read and re-sort the whole table.
            rows = self._read(
                f"SELECT rowid AS row_number, * FROM cases NOT INDEXED WHERE {where} AND rowid > ? ORDER BY rowid LIMIT ?",
                (last, chunk_size),
            )
            if not rows:
                return
            yield rows
            last = rows[-1]["row_number"]

    def iter_current_cases(self, chunk_size: int = 2000, reviewed_only: bool = False) -> Iterator[list[Case]]:
        """``current_cases()`` a chunk at a time, in storage order: writing a large store's outputs
        never holds every case in memory at once."""
        for rows in self._iter_current_rows(chunk_size, reviewed_only):
            yield [self._record(r).case for r in rows]

    def iter_current_case_dicts(self, chunk_size: int = 2000) -> Iterator[list[tuple[dict[str, Any], str | None]]]:
        """``iter_current_cases()`` as (``Case.to_dict()``, its JSON text or None), for the writers.

        A case as the run stored it (no correction, stored by this schema) is its
        own canonical JSON: it is decoded once and no Case is built. Corrected
        cases and rows of an older schema go through Case, as ``iter_current_cases``.
        """
        names = Case.exported_field_names()
        for rows in self._iter_current_rows(chunk_size, reviewed_only=False):
            chunk: list[tuple[dict[str, Any], str | None]] = []
            for row in rows:
                d = json.loads(row["reviewed"] or row["data"])
                if row["reviewed"] is None and tuple(d) == names:
                    chunk.append((d, row["data"]))
                else:
                    chunk.append((Case.from_dict(d).to_dict(), None))
            yield chunk

    def cases_fingerprint(self) -> str:
        """A digest of everything the outputs are made of: equal digests, equal cases.jsonl/.csv/.parquet.

        A run that finds nothing new compares it with the last run's and, when
        nothing changed (no review, no re-classification), leaves the outputs be.
        """
        import hashlib

        digest = hashlib.sha1()
        with self._lock:
            rows = self._conn.execute(
                "SELECT case_id, data, reviewed, stale, review_state FROM cases NOT INDEXED ORDER BY rowid"
            )
            for row in rows:
                for value in row:
                    digest.update(str(value).encode("utf-8"))
                    digest.update(b"\x1f")
        return digest.hexdigest()

    @staticmethod
    def _where(
        thread: str | None = None,
        motive: str | None = None,
        review_state: str | None = None,
        include_stale: bool = False,
    ) -> tuple[list[str], list[object]]:
        where: list[str] = [] if include_stale else ["stale = 0"]
        params: list[object] = []
        if thread:
            where.append("thread_id = ?")
            params.append(thread)
        if motive:
            where.append(f"EXISTS (SELECT 1 FROM json_each({_EFFECTIVE}, '$.motive') WHERE value = ?)")
            params.append(motive)
        if review_state and review_state != "all":
            if review_state == "todo":
                where.append("(review_state IN ('pending', 'skipped') OR flagged = 1)")
            elif review_state == "flagged":
                where.append("flagged = 1")
            elif review_state in REVIEW_STATES:
                where.append("review_state = ?")
                params.append(review_state)
            else:
                raise _invalid("status", review_state, "Use one of: " + ", ".join(QUEUE_STATUSES) + ".")
        return where, params

    _QUEUE_ORDER = (
        "ORDER BY flagged DESC, CASE WHEN review_state = 'skipped' THEN last_review_id ELSE 0 END, "
        "certainty, thread_id, case_id"
    )

    def queue(self, filters: QueueFilter | None = None, limit: int = 50, offset: int = 0) -> list[CaseRecord]:
        """Cases to review, least certain first (see the module docstring for the order)."""
        f = filters or QueueFilter()
        where, params = self._where(thread=f.thread, motive=f.motive, review_state=f.status)
        sql = f"SELECT * FROM cases WHERE {' AND '.join(where)} {self._QUEUE_ORDER} LIMIT ? OFFSET ?"
        return [self._record(r) for r in self._read(sql, [*params, int(limit), int(offset)])]

    def queue_ids(self, filters: QueueFilter | None = None) -> list[str]:
        f = filters or QueueFilter()
        where, params = self._where(thread=f.thread, motive=f.motive, review_state=f.status)
        return [r[0] for r in self._read(f"SELECT case_id FROM cases WHERE {' AND '.join(where)} {self._QUEUE_ORDER}", params)]

    def count(self, filters: QueueFilter | None = None) -> int:
        f = filters or QueueFilter()
        where, params = self._where(thread=f.thread, motive=f.motive, review_state=f.status)
        return int(self._read(f"SELECT count(*) FROM cases WHERE {' AND '.join(where)}", params)[0][0])

    def progress(self) -> tuple[int, int]:
        """(reviewed, total) over live cases; a flagged case is not reviewed until its second look."""
        row = self._read(
            """SELECT sum(review_state IN ('accepted', 'corrected', 'rejected') AND flagged = 0), count(*)
               FROM cases WHERE stale = 0"""
        )[0]
        return int(row[0] or 0), int(row[1])

    # -- reviews ----------------------------------------------------------
    def _history(self, conn: sqlite3.Connection, case_id: str) -> list[Review]:
        rows = conn.execute("SELECT * FROM reviews WHERE case_id=? ORDER BY review_id", (case_id,)).fetchall()
        return [_review_from(r) for r in rows]

    def _refresh(self, conn: sqlite3.Connection, case_id: str) -> Derived:
        """Rebuild the case's cached review columns from its history."""
        row = conn.execute("SELECT data, evidence_hash FROM cases WHERE case_id=?", (case_id,)).fetchone()
        derived = derive_review(json.loads(row["data"]), row["evidence_hash"], self._history(conn, case_id))
        conn.execute(
            """UPDATE cases SET review_state=?, reviewed=?, flagged=?, last_review_id=?, motive_top=?, status=?
               WHERE case_id=?""",
            (
                derived.state,
                _dumps(derived.effective) if derived.corrected else None,
                int(derived.flagged),
                derived.last_review_id,
                (derived.effective.get("motive") or ["unknown"])[0],
                derived.effective.get("status") or "completed",
                case_id,
            ),
        )
        return derived

    def _append(
        self,
        conn: sqlite3.Connection,
        case_id: str,
        decision: str,
        reviewer: str,
        before: dict[str, Any] | None,
        after: dict[str, Any] | None,
        evidence_hash: str,
        undoes: int | None = None,
    ) -> Review:
        at = utc_now()
        cur = conn.execute(
            """INSERT INTO reviews (case_id, decision, before, after, reviewer, at, evidence_hash_at_review, undoes)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
            (
                case_id,
                decision,
                _dumps(before) if before is not None else None,
                _dumps(after) if after is not None else None,
                reviewer,
                at,
                evidence_hash,
                undoes,
            ),
        )
        return Review(int(cur.lastrowid), case_id, decision, reviewer, at, before, after, evidence_hash, undoes)

    def revision(self, case_id: str) -> int:
        """The id of the case's latest history row (0: none); it changes with every decision and undo."""
        return int(self._read("SELECT coalesce(max(review_id), 0) FROM reviews WHERE case_id=?", (case_id,))[0][0])

    def review(
        self,
        case_id: str,
        decision: str,
        reviewer: str,
        changes: Mapping[str, object] | None = None,
        expected_revision: int | None = None,
    ) -> Review:
        """Record one decision, committed before this returns.

        ``accept`` with changes that alter the case is stored as ``correct``;
        a ``correct`` that changes nothing is stored as ``accept``. Reject and
        skip ignore ``changes``. With ``expected_revision`` (what the page
        showed), a case decided meanwhile (another tab, a double submit) is
        refused with E054 instead of decided twice.
        """
        if decision not in ("accept", "reject", "correct", "skip"):
            raise _invalid("decision", decision, "Use one of: accept, reject, correct, skip (undo has its own call).")
        reviewer = (reviewer or "").strip()
        if not reviewer:
            raise _invalid("reviewer", reviewer, "Give a reviewer name (--reviewer NAME).")
        clean = validate_changes(changes or {}) if decision in ("accept", "correct") else {}
        with self._write() as conn:
            row = conn.execute("SELECT data, reviewed, evidence_hash FROM cases WHERE case_id=?", (case_id,)).fetchone()
            if row is None:
                raise CrossingsError(Errors.E011.format(case_id=case_id))
            if expected_revision is not None:
                latest = conn.execute(
                    "SELECT * FROM reviews WHERE case_id=? ORDER BY review_id DESC LIMIT 1", (case_id,)
                ).fetchone()
                if (latest["review_id"] if latest else 0) != expected_revision:
                    raise CrossingsError(
                        Errors.E054.format(
                            case_id=case_id,
                            decision=latest["decision"] if latest else "none",
                            reviewer=latest["reviewer"] if latest else "nobody",
                        )
                    )
            before = json.loads(row["reviewed"] or row["data"])
            after: dict[str, Any] | None = {**before, **clean}
            if decision in ("accept", "correct"):
                decision = "correct" if after != before else "accept"
            else:  # reject and skip leave no case to show for it
                after = None
            review = self._append(conn, case_id, decision, reviewer, before, after, row["evidence_hash"])
            self._refresh(conn, case_id)
            return review

    def undo(self, reviewer: str) -> str | None:
        """Cancel this reviewer's latest decision not yet undone; return its case id (None: nothing to undo).

        History stays append-only: the undo is a row of its own.
        """
        with self._write() as conn:
            target = conn.execute(
                """SELECT * FROM reviews r WHERE reviewer=? AND decision != 'undo'
                   AND NOT EXISTS (SELECT 1 FROM reviews u WHERE u.undoes = r.review_id)
                   ORDER BY review_id DESC LIMIT 1""",
                (reviewer,),
            ).fetchone()
            if target is None:
                return None
            case_id = target["case_id"]
            row = conn.execute("SELECT data, reviewed, evidence_hash FROM cases WHERE case_id=?", (case_id,)).fetchone()
            before = json.loads(row["reviewed"] or row["data"])
            pending = Review(-1, case_id, "undo", reviewer, "", None, None, row["evidence_hash"], target["review_id"])
            history = self._history(conn, case_id) + [pending]
            after = derive_review(json.loads(row["data"]), row["evidence_hash"], history).effective
            self._append(conn, case_id, "undo", reviewer, before, after, row["evidence_hash"], undoes=target["review_id"])
            self._refresh(conn, case_id)
            return case_id

    def review_state(self, case_id: str) -> str:
        """pending, skipped, accepted, corrected or rejected (see ``record(...).flagged`` for a second look)."""
        rows = self._read("SELECT review_state FROM cases WHERE case_id=?", (case_id,))
        if not rows:
            raise CrossingsError(Errors.E011.format(case_id=case_id))
        return rows[0]["review_state"]

    def history(self, case_id: str) -> list[Review]:
        with self._lock:
            return self._history(self._conn, case_id)

    def last_decision(self, case_id: str) -> Review | None:
        """The decision in force for the case (after undos), if any."""
        with self._lock:
            row = self._conn.execute("SELECT data, evidence_hash FROM cases WHERE case_id=?", (case_id,)).fetchone()
            if row is None:
                return None
            return derive_review(json.loads(row["data"]), row["evidence_hash"], self._history(self._conn, case_id)).decision

    def field_values(self, field: str) -> list[str]:
        """Distinct values of a text field over live cases (corrections applied): suggestions for the edit form."""
        if field not in EDITABLE_FIELDS or field in ("motive", "year_start", "year_end"):
            raise _invalid("field", field, "Give a text field: " + ", ".join(_NULLABLE_TEXT) + ".")
        rows = self._read(
            f"""SELECT DISTINCT json_extract({_EFFECTIVE}, '$.{field}') AS v FROM cases
                WHERE stale = 0 AND v IS NOT NULL ORDER BY v"""
        )
        return [r["v"] for r in rows]

    # -- for retraining and the overview ----------------------------------
    def reviewed_examples(self) -> list[tuple[str, list[str]]]:
        """(classifier text, final motive labels) of accepted and corrected cases, for retraining.

        The text is the case's context (its sentence and neighbours), or its
        evidence when the run kept no context. Flagged cases are left out: their
        labels were given for evidence that has since changed.
        """
        rows = self._read(
            f"""SELECT context, {_EFFECTIVE} AS d FROM cases
                WHERE stale = 0 AND flagged = 0 AND review_state IN ('accepted', 'corrected')
                ORDER BY case_id"""
        )
        examples: list[tuple[str, list[str]]] = []
        for r in rows:
            d = json.loads(r["d"])
            text = r["context"] or " ".join(e["text"] for e in d.get("evidence", []))
            if text.strip():
                examples.append((text, list(d.get("motive") or ["unknown"])))
        return examples

    def overview(self) -> Overview:
        """Current cases by decade and first motive, origin -> destination country flows, review states."""
        rows = self._read(
            f"""SELECT json_extract({_EFFECTIVE}, '$.year_start') AS y,
                       json_extract({_EFFECTIVE}, '$.motive[0]') AS m,
                       json_extract({_EFFECTIVE}, '$.origin_country') AS o,
                       json_extract({_EFFECTIVE}, '$.destination_country') AS d
                FROM cases WHERE stale = 0 AND review_state != 'rejected'"""
        )
        decades: dict[int | None, Counter[str]] = {}
        flows: Counter[tuple[str | None, str | None]] = Counter()
        for r in rows:
            decade = None if r["y"] is None else (int(r["y"]) // 10) * 10
            decades.setdefault(decade, Counter())[r["m"] or "unknown"] += 1
            flows[(r["o"], r["d"])] += 1
        order = sorted(d for d in decades if d is not None) + ([None] if None in decades else [])
        by_decade = [(d, dict(decades[d])) for d in order]
        flow_list = sorted(((o, d, n) for (o, d), n in flows.items()), key=lambda t: (-t[2], t[0] or "~", t[1] or "~"))
        states = {s: 0 for s in REVIEW_STATES}
        for r in self._read("SELECT review_state, count(*) AS n FROM cases WHERE stale = 0 GROUP BY review_state"):
            states[r["review_state"]] = r["n"]
        states["flagged"] = int(self._read("SELECT count(*) FROM cases WHERE stale = 0 AND flagged = 1")[0][0])
        return Overview(by_decade=by_decade, flows=flow_list, states=states, total=len(rows))
