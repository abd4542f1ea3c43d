"""What the review pages show, as data: pydantic view models and the plain functions that build them.

Handlers in app.py build a view and hand it to a template (or return it as
JSON under /api/), so every page can be tested without a browser.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any
from urllib.parse import urlencode

from pydantic import BaseModel, computed_field

from pipeline.schema import MOTIVE_LABELS, OUTCOMES, STATUSES, SUBJECT_TYPES, Case, Post
from pipeline.store import EDITABLE_FIELDS, QUEUE_STATUSES, CaseRecord, Overview, QueueFilter, Review, ThreadSummary

# -- shared pieces ----------------------------------------------------------


class Progress(BaseModel):
    reviewed: int
    total: int

    @computed_field  # type: ignore[prop-decorator]
    @property
    def percent(self) -> float:
        return round(100.0 * self.reviewed / self.total, 1) if self.total else 0.0


class Filters(BaseModel):
    thread: str | None = None
    motive: str | None = None
    status: str = "todo"

    @classmethod
    def parse(cls, thread: str | None, motive: str | None, status: str | None) -> "Filters":
        """Query-string values to filters; unknown values fall back to "no filter" rather than an error page."""
        return cls(
            thread=thread or None,
            motive=motive if motive in MOTIVE_LABELS else None,
            status=status if status in QUEUE_STATUSES else "todo",
        )

    def store_filter(self) -> QueueFilter:
        return QueueFilter(thread=self.thread, motive=self.motive, status=self.status)

    def params(self, **extra: object) -> dict[str, str]:
        values: dict[str, object] = {"thread": self.thread, "motive": self.motive}
        if self.status != "todo":
            values["status"] = self.status
        values.update(extra)
        return {k: str(v) for k, v in values.items() if v not in (None, "")}

    def query(self, **extra: object) -> str:
        """'?thread=..&motive=..' (empty string when there is nothing to say)."""
        params = self.params(**extra)
        return "?" + urlencode(params) if params else ""


class Option(BaseModel):
    value: str
    label: str


class Page(BaseModel):
    """What every page's header needs."""

    reviewer: str
    progress: Progress
    filters: Filters
    retrain_state: str = "idle"
    message: str | None = None
    error: str | None = None


# -- highlights ---------------------------------------------------------------


class Segment(BaseModel):
    text: str
    kind: str | None = None  # person, place, date, feature, evidence; None for plain text


# Years and decades as threads write them: 1932, 1920s, 1930-s, '30s is left to date_text.
_YEAR = re.compile(r"(?<![\w-])(?:1[0-9]{3}|20[0-9]{2})(?:-?s)?(?!\w)")
_TITLES = frozenset({"mr", "mrs", "ms", "dr", "sir", "the", "of", "von", "van", "de"})


def case_terms(case: Case) -> list[tuple[str, str]]:
    """(phrase, kind) pairs worth marking in a case's evidence, taken from the case's own fields.

    No NLP at review time: the subject (and, for a person, each name part),
    the places as written and normalised, and the date expression.
    """
    terms: list[tuple[str, str]] = []
    if case.subject:
        terms.append((case.subject, "person"))
        if case.subject_type == "person":
            for part in re.findall(r"[A-Z][\w'’-]+", case.subject):
                if len(part) > 2 and part.lower().rstrip(".") not in _TITLES:
                    terms.append((part, "person"))
    for place in (case.origin, case.destination, case.origin_country, case.destination_country):
        if place:
            terms.append((place, "place"))
            bare = re.sub(r"^the\s+", "", place, flags=re.I)
            if bare != place:
                terms.append((bare, "place"))
    if case.date_text:
        terms.append((case.date_text, "date"))
    return terms


def highlight(text: str, terms: Iterable[tuple[str, str]], years: bool = True) -> list[Segment]:
    """Split text into plain and marked segments; longer matches win, matches never overlap."""
    spans: list[tuple[int, int, str]] = []
    for phrase, kind in terms:
        phrase = phrase.strip()
        if len(phrase) < 2:
            continue
        pattern = r"(?<!\w)" + re.escape(phrase) + r"(?!\w)"
        spans.extend((m.start(), m.end(), kind) for m in re.finditer(pattern, text, flags=re.IGNORECASE))
    if years:
        spans.extend((m.start(), m.end(), "date") for m in _YEAR.finditer(text))
    spans.sort(key=lambda s: (s[0], -(s[1] - s[0])))
    chosen: list[tuple[int, int, str]] = []
    for span in sorted(spans, key=lambda s: (-(s[1] - s[0]), s[0])):
        if all(span[1] <= c[0] or span[0] >= c[1] for c in chosen):
            chosen.append(span)
    chosen.sort()
    segments: list[Segment] = []
    pos = 0
    for start, end, kind in chosen:
        if start > pos:
            segments.append(Segment(text=text[pos:start]))
        segments.append(Segment(text=text[start:end], kind=kind))
        pos = end
    if pos < len(text):
        segments.append(Segment(text=text[pos:]))
    return segments


def evidence_spans(post_text: str, case: Case, post_id: str) -> list[tuple[int, int]]:
    """Where the case's evidence sits in a post: the stored offsets if they still fit, else a text search."""
    spans = []
    for ev in case.evidence:
        if ev.post_id != post_id:
            continue
        if 0 <= ev.start < ev.end <= len(post_text) and post_text[ev.start : ev.end] == ev.text:
            spans.append((ev.start, ev.end))
        elif ev.text and ev.text in post_text:
            start = post_text.index(ev.text)
            spans.append((start, start + len(ev.text)))
    return sorted(set(spans))


# -- queue ------------------------------------------------------------------


class QueueRow(BaseModel):
    case_id: str
    thread_id: str
    subject: str
    subject_type: str
    origin: str | None
    destination: str | None
    years: str
    motive: list[str]
    confidence: float
    certainty: float
    review_state: str
    flagged: bool
    snippet: str
    url: str


class QueueView(Page):
    rows: list[QueueRow]
    matching: int  # cases that match the filters
    offset: int
    limit: int
    threads: list[Option]
    motives: list[str] = list(MOTIVE_LABELS)
    statuses: list[str] = list(QUEUE_STATUSES)
    first_url: str | None = None  # the case to start reviewing at
    prev_page: str | None = None
    next_page: str | None = None


def years_text(case: Case) -> str:
    if case.year_start is None:
        return case.date_text or ""
    if case.year_end is not None and case.year_end != case.year_start:
        return f"{case.year_start}–{case.year_end}"
    return str(case.year_start)


def place_text(written: str | None, country: str | None) -> str | None:
    if written and country and country.lower() not in written.lower():
        return f"{written} ({country})"
    return written or country


def queue_row(record: CaseRecord, filters: Filters) -> QueueRow:
    case = record.case
    snippet = " … ".join(e.text for e in case.evidence)
    return QueueRow(
        case_id=case.case_id,
        thread_id=case.thread_id,
        subject=case.subject,
        subject_type=case.subject_type,
        origin=place_text(case.origin, case.origin_country),
        destination=place_text(case.destination, case.destination_country),
        years=years_text(case),
        motive=list(case.motive),
        confidence=round(case.confidence, 2),
        certainty=round(record.certainty, 3),
        review_state=record.review_state,
        flagged=record.flagged,
        snippet=snippet if len(snippet) <= 160 else snippet[:157] + "…",
        url=f"/case/{case.case_id}{filters.query()}",
    )


def thread_options(threads: Sequence[ThreadSummary]) -> list[Option]:
    return [Option(value=t.thread_id, label=f"{t.title[:70]} ({t.n_cases})") for t in threads]


# -- case ---------------------------------------------------------------------


class FieldView(BaseModel):
    name: str
    label: str
    kind: str  # text, number, select
    value: str
    options: list[str] = []
    machine_value: str = ""  # what the run said, shown when a correction differs
    changed: bool = False
    suggestions: str | None = None  # id of a <datalist>


class ScoreBar(BaseModel):
    label: str
    key: str  # the keyboard key that toggles it
    score: float | None
    percent: float
    chosen: bool


class Feature(BaseModel):
    text: str
    weight: float


class Explanation(BaseModel):
    label: str
    features: list[Feature]


class EvidenceView(BaseModel):
    post_id: str
    before: list[Segment] = []  # the sentences just before, from the post: "He" needs its antecedent
    segments: list[Segment]
    after: list[Segment] = []
    post_url: str


class HistoryItem(BaseModel):
    decision: str
    reviewer: str
    at: str
    undone: bool
    changes: dict[str, Any]


class CaseView(Page):
    case_id: str
    revision: int  # the history row the page was built on; a decision on a changed case is refused
    thread_id: str
    thread_title: str | None
    subject: str
    review_state: str
    flagged: bool
    stale: bool
    confidence: float
    certainty: float
    fields: list[FieldView]
    scores: list[ScoreBar]
    evidence: list[EvidenceView]
    previous_evidence: list[str] = []  # for a flagged case: the evidence the last decision saw
    previous_decision: str | None = None
    context: list[Segment] = []
    explanations: list[Explanation] = []
    explain_note: str | None = None
    history: list[HistoryItem] = []
    datalists: dict[str, list[str]] = {}
    position: int | None = None  # 1-based place in the filtered queue
    queue_size: int = 0
    prev_url: str | None = None
    next_url: str | None = None


FIELD_LABELS = {
    "subject": "Subject",
    "subject_type": "Subject type",
    "origin": "Origin",
    "origin_country": "Origin country",
    "destination": "Destination",
    "destination_country": "Destination country",
    "year_start": "Year from",
    "year_end": "Year to",
    "date_text": "Date as written",
    "status": "Status",
    "outcome": "Outcome",
}
_SELECTS = {"subject_type": list(SUBJECT_TYPES), "status": list(STATUSES), "outcome": ["", *OUTCOMES]}
COUNTRY_FIELDS = ("origin_country", "destination_country")


def _text(value: object) -> str:
    return "" if value is None else str(value)


def field_views(case: Case, machine: Case, submitted: dict[str, str] | None = None) -> list[FieldView]:
    views = []
    for name in EDITABLE_FIELDS:
        if name == "motive":
            continue  # the score bars double as the motive toggles
        value = _text(getattr(case, name))
        machine_value = _text(getattr(machine, name))
        if submitted is not None and name in submitted:
            value = submitted[name]
        kind = "select" if name in _SELECTS else "number" if name.startswith("year_") else "text"
        views.append(
            FieldView(
                name=name,
                label=FIELD_LABELS[name],
                kind=kind,
                value=value,
                options=_SELECTS.get(name, []),
                machine_value=machine_value,
                changed=value != machine_value,
                suggestions="countries" if name in COUNTRY_FIELDS else None,
            )
        )
    return views


def score_bars(case: Case, chosen: Sequence[str] | None = None) -> list[ScoreBar]:
    labels = set(case.motive if chosen is None else chosen)
    bars = []
    for i, label in enumerate(MOTIVE_LABELS, start=1):
        score = case.motive_scores.get(label)
        bars.append(
            ScoreBar(
                label=label,
                key=str(i),
                score=None if score is None else round(float(score), 3),
                percent=0.0 if score is None else round(100 * max(0.0, min(1.0, float(score))), 1),
                chosen=label in labels,
            )
        )
    return bars


_SENTENCE_END = re.compile(r"(?<=[.!?])[\"')\]]*\s+")


def surrounding(post_text: str, start: int, end: int, width: int = 280) -> tuple[str, str]:
    """Whole sentences of the post within ``width`` characters before and after [start, end)."""
    lo = max(0, start - width)
    before = post_text[lo:start]
    if "\n" in before:  # the paragraph is the unit a writer meant together
        before = before[before.rindex("\n") + 1 :]
    elif lo > 0:
        cut = _SENTENCE_END.search(before)
        before = before[cut.end() :] if cut else ""
    hi = min(len(post_text), end + width)
    after = post_text[end:hi]
    if "\n" in after:
        after = after[: after.index("\n")]
    elif hi < len(post_text):
        cuts = list(_SENTENCE_END.finditer(after))
        after = after[: cuts[-1].start()] if cuts else ""
    return before, after


def evidence_views(case: Case, posts: Mapping[str, Post] | None = None) -> list[EvidenceView]:
    """Each evidence sentence with its entities marked, between its neighbours in the post (when known)."""
    terms = case_terms(case)
    views = []
    for ev in case.evidence:
        before = after = ""
        post = (posts or {}).get(ev.post_id)
        if post is not None:
            spans = [s for s in evidence_spans(post.text, case, ev.post_id)]
            span = next(((a, b) for a, b in spans if post.text[a:b] == ev.text), None)
            if span:
                before, after = surrounding(post.text, *span)
        views.append(
            EvidenceView(
                post_id=ev.post_id,
                before=highlight(before, terms) if before else [],
                segments=highlight(ev.text, terms),
                after=highlight(after, terms) if after else [],
                post_url=f"/post/{ev.post_id}?case={case.case_id}#ev0",
            )
        )
    return views


def history_items(history: Sequence[Review]) -> list[HistoryItem]:
    undone = {r.undoes for r in history if r.decision == "undo"}
    return [
        HistoryItem(
            decision=r.decision,
            reviewer=r.reviewer,
            at=r.at[:19].replace("T", " ") + " UTC",
            undone=r.review_id in undone,
            changes=r.changes,
        )
        for r in reversed(history)
    ]


def motive_order(current: Sequence[str], checked: Sequence[str], scores: dict[str, float]) -> list[str]:
    """The motive list after the reviewer's toggles.

    Labels the reviewer newly switched on go first (by model score): adding a
    label is usually the fix. Labels kept keep their order after them.
    """
    checked_set = set(checked)
    kept = [m for m in current if m in checked_set]
    added = sorted((m for m in checked_set if m not in current), key=lambda m: (-scores.get(m, 0.0), MOTIVE_LABELS.index(m) if m in MOTIVE_LABELS else 99))
    return added + kept


def normalise_explanation(raw: object, limit: int = 8) -> list[Feature]:
    """Accept what a model's explain() gives (pairs, dicts or a mapping) and keep the strongest features."""
    items: list[tuple[str, float]] = []
    if isinstance(raw, dict):
        items = [(str(k), float(v)) for k, v in raw.items()]
    elif isinstance(raw, Iterable) and not isinstance(raw, (str, bytes)):
        for item in raw:
            if isinstance(item, dict):
                text = item.get("ngram") or item.get("feature") or item.get("term") or item.get("text")
                weight = item.get("weight", item.get("score", 0.0))
                if text is not None:
                    items.append((str(text), float(weight)))
            elif isinstance(item, (tuple, list)) and len(item) >= 2:
                items.append((str(item[0]), float(item[1])))
            else:
                text, weight = getattr(item, "ngram", getattr(item, "feature", None)), getattr(item, "weight", None)
                if text is not None and weight is not None:
                    items.append((str(text), float(weight)))
    items.sort(key=lambda t: -abs(t[1]))
    return [Feature(text=t, weight=round(w, 3)) for t, w in items[:limit]]


# -- post ---------------------------------------------------------------------


class PostView(Page):
    post_id: str
    thread_id: str
    thread_title: str | None
    kind: str
    position: int
    accepted: bool
    segments: list[Segment]
    case_id: str | None = None
    case_subject: str | None = None
    case_url: str | None = None


def post_segments(post: Post, case: Case | None) -> list[Segment]:
    if case is None:
        return [Segment(text=post.text)]
    segments: list[Segment] = []
    pos = 0
    for start, end in evidence_spans(post.text, case, post.post_id):
        if start < pos:
            continue
        if start > pos:
            segments.append(Segment(text=post.text[pos:start]))
        segments.append(Segment(text=post.text[start:end], kind="evidence"))
        pos = end
    segments.append(Segment(text=post.text[pos:]))
    return [s for s in segments if s.text]


# -- overview -----------------------------------------------------------------


class Rect(BaseModel):
    x: float
    y: float
    width: float
    height: float
    motive: str
    title: str


class AxisLabel(BaseModel):
    x: float
    y: float
    text: str


class Chart(BaseModel):
    width: int
    height: int
    plot_left: float
    plot_bottom: float
    plot_right: float
    rects: list[Rect]
    x_labels: list[AxisLabel]
    totals: list[AxisLabel]  # the count above each bar
    y_ticks: list[AxisLabel]
    legend: list[str]
    summary: str  # the chart in words, for screen readers


class FlowRow(BaseModel):
    origin: str
    destination: str
    count: int
    percent: float


class OverviewView(Page):
    chart: Chart
    flows: list[FlowRow]
    states: dict[str, int]
    total: int
    table: list[dict[str, Any]]  # decade -> motive counts, the chart as a table


def nice_ceiling(value: int) -> int:
    """The smallest 1, 2 or 5 times a power of ten at or above value (an axis maximum)."""
    if value <= 1:
        return 1
    exponent = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 5, 10):
        if step * exponent >= value:
            return step * exponent
    return 10 * exponent


def decade_label(decade: int | None) -> str:
    return "no year" if decade is None else f"{decade}s"


def with_empty_decades(columns: list[tuple[int | None, dict[str, int]]]) -> list[tuple[int | None, dict[str, int]]]:
    """Fill the gaps between the first and last decade, so the axis is a time line."""
    known = dict((d, c) for d, c in columns if d is not None)
    filled: list[tuple[int | None, dict[str, int]]] = []
    if known:
        filled = [(d, known.get(d, {})) for d in range(min(known), max(known) + 10, 10)]
    return filled + [(d, c) for d, c in columns if d is None]


def decade_chart(overview: Overview, width: int = 1000, height: int = 300) -> Chart:
    """A stacked bar per decade, one colour per first motive label; all geometry computed here."""
    left, right, top, bottom = 44.0, width - 12.0, 20.0, height - 34.0
    columns = with_empty_decades(overview.by_decade)
    top_value = nice_ceiling(max((sum(c.values()) for _, c in columns), default=1))
    scale = (bottom - top) / top_value
    slot = (right - left) / max(len(columns), 1)
    bar = min(56.0, slot * 0.7)
    rects: list[Rect] = []
    x_labels: list[AxisLabel] = []
    totals: list[AxisLabel] = []
    for i, (decade, counts) in enumerate(columns):
        x = left + i * slot + (slot - bar) / 2
        y = bottom
        for motive in MOTIVE_LABELS:
            n = counts.get(motive, 0)
            if not n:
                continue
            h = n * scale
            y -= h
            rects.append(
                Rect(
                    x=round(x, 1),
                    y=round(y, 1),
                    width=round(bar, 1),
                    height=round(h, 1),
                    motive=motive,
                    title=f"{decade_label(decade)}: {n} {motive}",
                )
            )
        x_labels.append(AxisLabel(x=round(x + bar / 2, 1), y=bottom + 18, text=decade_label(decade)))
        if counts:
            totals.append(AxisLabel(x=round(x + bar / 2, 1), y=round(y - 5, 1), text=str(sum(counts.values()))))
    step = max(1, top_value // 5)
    y_ticks = [
        AxisLabel(x=left - 6, y=round(bottom - v * scale, 1), text=str(v)) for v in range(0, top_value + 1, step)
    ]
    present = {r.motive for r in rects}
    summary = "; ".join(
        f"{decade_label(d)}: " + ", ".join(f"{n} {m}" for m, n in sorted(c.items(), key=lambda t: -t[1]))
        for d, c in columns
    )
    return Chart(
        width=width,
        height=height,
        plot_left=left,
        plot_bottom=bottom,
        plot_right=right,
        rects=rects,
        x_labels=x_labels,
        totals=totals,
        y_ticks=y_ticks,
        legend=[m for m in MOTIVE_LABELS if m in present],
        summary=summary or "No cases yet.",
    )


def flow_rows(overview: Overview, limit: int = 40) -> list[FlowRow]:
    top = max((n for _, _, n in overview.flows), default=1)
    return [
        FlowRow(origin=o or "—", destination=d or "—", count=n, percent=round(100 * n / top, 1))
        for o, d, n in overview.flows[:limit]
    ]


def decade_table(overview: Overview) -> list[dict[str, Any]]:
    return [
        {"decade": decade_label(d), **{m: c.get(m, 0) for m in MOTIVE_LABELS}, "total": sum(c.values())}
        for d, c in overview.by_decade
    ]


# -- retraining -----------------------------------------------------------------


class Comparison(BaseModel):
    metric: str
    before: Any
    after: Any
    delta: float | None = None


class RetrainView(Page):
    state: str  # idle, running, done, failed
    started: str | None = None
    finished: str | None = None
    n_examples: int | None = None
    comparisons: list[Comparison] = []
    details: list[tuple[str, Any]] = []
    failure: str | None = None
    rescored: int | None = None
    reason: str | None = None  # why the new model was (not) promoted
    reviewed_available: int = 0


def flatten(value: Any, prefix: str = "") -> dict[str, Any]:
    """Nested dicts to dotted keys: {"before": {"f1": 0.5}} -> {"before.f1": 0.5}."""
    if isinstance(value, dict):
        out: dict[str, Any] = {}
        for k, v in value.items():
            out.update(flatten(v, f"{prefix}.{k}" if prefix else str(k)))
        return out
    return {prefix or "value": value}


def compare_result(result: dict[str, Any]) -> tuple[list[Comparison], list[tuple[str, Any]]]:
    """Pair each 'after' value of a retrain result with its 'before' twin (None when there was no model before)."""
    flat = flatten(result)
    comparisons: list[Comparison] = []
    used: set[str] = set()
    for key, after in flat.items():
        if "after" not in key.split("."):
            continue
        twin = ".".join("before" if part == "after" else part for part in key.split("."))
        before = flat.get(twin)
        delta = None
        numeric = (int, float)
        if isinstance(before, numeric) and isinstance(after, numeric) and not isinstance(before, bool):
            delta = round(float(after) - float(before), 4)
        metric = ".".join(part for part in key.split(".") if part != "after")
        comparisons.append(Comparison(metric=metric.replace("_", " ").replace(".", " · "), before=before, after=after, delta=delta))
        used.update((key, twin))
    # A missing "before" (no model yet) is said by the empty column, not as a detail row.
    details = [(k, v) for k, v in flat.items() if k not in used and not (v is None and "before" in k.split("."))]
    return comparisons, details
