"""The one definition of Crossings' records: threads, posts and migration cases.

Every reader and writer (JSONL, CSV, Parquet, SQLite, the review app, the
evaluator) goes through these classes, so the contract in CASES.md lives here
and nowhere else.
"""

from __future__ import annotations

import functools
import hashlib
import json
from dataclasses import dataclass, field, fields
from typing import Any

MOTIVE_LABELS: tuple[str, ...] = (
    "ideological",
    "economic",
    "persecution",
    "defection",
    "family",
    "disillusionment",
    "forced",
    "unknown",
)
OUTCOMES: tuple[str, ...] = (
    "returned",
    "left_again",
    "arrested",
    "imprisoned",
    "executed",
    "died",
    "forcibly_returned",
    "stayed",
    "deported",
)
SUBJECT_TYPES: tuple[str, ...] = ("person", "unnamed", "group")
STATUSES: tuple[str, ...] = ("completed", "attempted")


def stable_hash(*parts: object, length: int = 16) -> str:
    """A short hex digest of the parts; the basis of every id Crossings makes."""
    h = hashlib.sha1()
    for part in parts:
        h.update(str(part).encode("utf-8"))
        h.update(b"\x1f")
    return h.hexdigest()[:length]


@functools.cache
def _field_names(cls: type, exported: bool = False) -> tuple[str, ...]:
    """A dataclass's field names in order; ``exported``: only those written out (metadata export=True)."""
    return tuple(f.name for f in fields(cls) if not exported or f.metadata.get("export", True))


@dataclass(frozen=True)
class Post:
    post_id: str
    thread_id: str
    position: int  # 0 is the question; answers follow in reading order
    kind: str  # "question" or "answer"
    text: str
    accepted: bool = False
    title: str | None = None
    author: str | None = None
    score: int | None = None


@dataclass(frozen=True)
class Thread:
    thread_id: str
    title: str
    posts: tuple[Post, ...]
    source: str  # the file it was read from
    format: str  # "text", "stackexchange", "jsonl" or "json"

    @property
    def content_hash(self) -> str:
        """Changes whenever any post's text or the title changes; drives incremental runs."""
        return stable_hash(self.thread_id, self.title, *(p.post_id + "\x1e" + p.text for p in self.posts), length=40)

    def processed_hash(self, extractor: str = "") -> str:
        """What the store keeps for a processed thread: its content and the extractor that read it, so a
        newer extractor reads an unchanged thread again (``extractor`` empty: the content alone)."""
        return stable_hash(self.content_hash, extractor, length=40) if extractor else self.content_hash

    @property
    def n_chars(self) -> int:
        return sum(len(p.text) for p in self.posts)


@dataclass
class Evidence:
    post_id: str
    text: str
    start: int
    end: int


@dataclass
class Case:
    """One movement (or attempted movement) of one subject, as CASES.md defines it."""

    thread_id: str
    post_ids: list[str]
    subject: str
    subject_type: str
    origin: str | None = None
    origin_country: str | None = None
    destination: str | None = None
    destination_country: str | None = None
    year_start: int | None = None
    year_end: int | None = None
    date_text: str | None = None
    status: str = "completed"
    motive: list[str] = field(default_factory=lambda: ["unknown"])
    motive_scores: dict[str, float] = field(default_factory=dict)
    outcome: str | None = None
    evidence: list[Evidence] = field(default_factory=list)
    confidence: float = 0.5
    origin_lat: float | None = None
    origin_lon: float | None = None
    destination_lat: float | None = None
    destination_lon: float | None = None
    case_id: str = ""
    # The move's sentence and its neighbours in the same post: what the motive
    # classifier reads. Not part of the output contract.
    context: str = field(default="", repr=False, compare=False, metadata={"export": False})

    def __post_init__(self) -> None:
        if not self.case_id:
            self.case_id = self.make_id()

    def make_id(self) -> str:
        """Stable across runs and across edits elsewhere in the thread.

        Built from what identifies the movement (thread, subject, where it
        starts in the text, direction, status), not from the evidence text, so a
        re-run keeps reviews attached and can flag changed evidence instead.
        """
        first_post = self.evidence[0].post_id if self.evidence else (self.post_ids[0] if self.post_ids else "")
        return "c" + stable_hash(
            self.thread_id,
            first_post,
            self.subject.lower(),
            self.origin_country or self.origin or "",
            self.destination_country or self.destination or "",
            self.status,
            self.year_start if self.year_start is not None else "",
        )

    @property
    def evidence_hash(self) -> str:
        return stable_hash(*(f"{e.post_id}:{e.text}" for e in self.evidence))

    # -- serialisation -------------------------------------------------
    @classmethod
    def exported_field_names(cls) -> tuple[str, ...]:
        """The keys of ``to_dict()``, in its order."""
        names = _field_names(cls, exported=True)
        return ("case_id", *(n for n in names if n != "case_id"))

    def to_dict(self) -> dict[str, Any]:
        # Field names are looked up once per class, not per case: every writer calls this per case.
        d = {name: getattr(self, name) for name in _field_names(type(self), exported=True)}
        d["evidence"] = [{name: getattr(e, name) for name in _field_names(Evidence)} for e in self.evidence]
        d["post_ids"] = list(self.post_ids)
        d["motive"] = list(self.motive)
        d["motive_scores"] = {k: round(float(v), 4) for k, v in self.motive_scores.items()}
        # Field order: id first, as the contract lists it.
        return {"case_id": d.pop("case_id"), **d}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Case":
        names = {f.name for f in fields(cls)}
        kwargs = {k: v for k, v in d.items() if k in names}
        ev = kwargs.get("evidence") or []
        if isinstance(ev, str):  # gold files give the plain sentence
            ev = [{"post_id": "", "text": ev, "start": 0, "end": len(ev)}]
        kwargs["evidence"] = [e if isinstance(e, Evidence) else Evidence(**e) for e in ev]
        kwargs.setdefault("post_ids", [e.post_id for e in kwargs["evidence"] if e.post_id])
        motive = kwargs.get("motive")
        if isinstance(motive, str):
            kwargs["motive"] = [motive]
        return cls(**kwargs)

    def to_row(self) -> dict[str, Any]:
        """A flat row for CSV and Parquet: lists joined by ';', one column per motive score."""
        return self.row_from_dict(self.to_dict())

    @staticmethod
    def row_from_dict(d: dict[str, Any]) -> dict[str, Any]:
        """``to_row`` of the case whose ``to_dict()`` is d (writers that have the dict already skip a second one)."""
        row: dict[str, Any] = {}
        for key, value in d.items():
            if key in ("post_ids", "motive"):
                row[key] = ";".join(value)
            elif key == "motive_scores":
                for label in MOTIVE_LABELS:
                    row[f"motive_score_{label}"] = value.get(label)
            elif key == "evidence":
                row["evidence_text"] = " … ".join(e["text"] for e in value)
                row["evidence_json"] = json.dumps(value, ensure_ascii=False)
            else:
                row[key] = value
        return row

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> "Case":
        d = dict(row)
        d["post_ids"] = [p for p in (d.get("post_ids") or "").split(";") if p]
        d["motive"] = [m for m in (d.get("motive") or "").split(";") if m] or ["unknown"]
        d["motive_scores"] = {
            label: float(d.pop(f"motive_score_{label}"))
            for label in MOTIVE_LABELS
            if d.get(f"motive_score_{label}") is not None and d.get(f"motive_score_{label}") == d.get(f"motive_score_{label}")
        }
        d["evidence"] = json.loads(d.pop("evidence_json") or "[]")
        d.pop("evidence_text", None)
        for key in ("year_start", "year_end"):
            if d.get(key) is not None and d[key] == d[key]:
                d[key] = int(d[key])
            else:
                d[key] = None
        for key, value in list(d.items()):
            if isinstance(value, float) and value != value:  # NaN from pandas means "no value"
                d[key] = None
        return cls.from_dict(d)


ROW_COLUMNS: tuple[str, ...] = tuple(
    Case(thread_id="", post_ids=[], subject="", subject_type="person").to_row().keys()
)
