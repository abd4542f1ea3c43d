"""`crossings review`: a local web app to review cases by keyboard, see why the model decided, and retrain.

Server-rendered pages (Jinja2), forms that POST and redirect to the next case
(Post/Redirect/Get), and one small vanilla JS file that only adds keyboard
shortcuts. Nothing is fetched from the internet. Every decision is committed
to the store before the response goes out, so a killed server loses nothing
already answered.
"""

from __future__ import annotations

import getpass
import logging
import threading
import time
from collections.abc import Mapping
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse, PlainTextResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from starlette.concurrency import run_in_threadpool
from starlette.middleware.trustedhost import TrustedHostMiddleware

from pipeline.errors import CrossingsError
from pipeline.review.model import ModelHolder, Retrainer
from pipeline.review.views import (
    COUNTRY_FIELDS,
    CaseView,
    Filters,
    OverviewView,
    Page,
    PostView,
    Progress,
    QueueView,
    RetrainView,
    compare_result,
    decade_chart,
    decade_table,
    evidence_views,
    field_views,
    flow_rows,
    highlight,
    history_items,
    motive_order,
    post_segments,
    queue_row,
    score_bars,
    thread_options,
)
from pipeline.config import Settings
from pipeline.schema import MOTIVE_LABELS, Case, Post, stable_hash
from pipeline.store import EDITABLE_FIELDS, Store

log = logging.getLogger(__name__)

HERE = Path(__file__).resolve().parent
TEMPLATES = HERE / "templates"
STATIC = HERE / "static"
PAGE_SIZE = 50
LOOPBACK_HOSTS = ["127.0.0.1", "localhost", "::1", "testserver"]

DONE_MESSAGES = {
    "accept": "Accepted “{subject}”.",
    "correct": "Saved your correction to “{subject}”.",
    "reject": "Rejected “{subject}”.",
    "skip": "Skipped “{subject}”; it waits at the end of the queue.",
    "undo": "Undid your last decision on “{subject}”.",
}


def default_reviewer() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name in some containers
        return "reviewer"


class ReviewApp:
    """The app's state and the functions that turn requests into views (kept apart from routing)."""

    def __init__(self, store: Store, models: ModelHolder, retrainer: Retrainer, reviewer: str) -> None:
        self.store = store
        self.models = models
        self.retrainer = retrainer
        self.reviewer = reviewer
        self._countries: tuple[float, list[str]] | None = None

    def countries(self) -> list[str]:
        """Country names in use, as suggestions for the edit form; recomputed at most once a minute."""
        now = time.monotonic()
        if self._countries is None or now - self._countries[0] > 60:
            names = sorted(set().union(*(self.store.field_values(f) for f in COUNTRY_FIELDS)))
            self._countries = (now, names)
        return self._countries[1]

    def page(self, filters: Filters, message: str | None = None, error: str | None = None) -> dict[str, Any]:
        reviewed, total = self.store.progress()
        return {
            "reviewer": self.reviewer,
            "progress": Progress(reviewed=reviewed, total=total),
            "filters": filters,
            "retrain_state": self.retrainer.status().state,
            "message": message,
            "error": error,
        }

    def done_message(self, done: str | None, last: str | None) -> str | None:
        if done == "nothing":
            return "Nothing to undo."
        if done == "empty":
            return "Nothing left in this queue. Change the filters, or see the overview."
        if done not in DONE_MESSAGES or not last:
            return None
        try:
            subject = self.store.record(last).case.subject
        except CrossingsError:
            return None
        return DONE_MESSAGES[done].format(subject=subject) + (" Press u to undo." if done != "undo" else "")

    # -- views ----------------------------------------------------------
    def queue_view(self, filters: Filters, offset: int = 0, message: str | None = None) -> QueueView:
        offset = max(0, offset)
        records = self.store.queue(filters.store_filter(), limit=PAGE_SIZE, offset=offset)
        matching = self.store.count(filters.store_filter())
        first = self.store.queue(filters.store_filter(), limit=1)
        return QueueView(
            **self.page(filters, message),
            rows=[queue_row(r, filters) for r in records],
            matching=matching,
            offset=offset,
            limit=PAGE_SIZE,
            threads=thread_options(self.store.threads()),
            first_url=f"/case/{first[0].case_id}{filters.query()}" if first else None,
            prev_page=f"/{filters.query(offset=max(0, offset - PAGE_SIZE))}" if offset > 0 else None,
            next_page=f"/{filters.query(offset=offset + PAGE_SIZE)}" if offset + PAGE_SIZE < matching else None,
        )

    def case_view(
        self,
        case_id: str,
        filters: Filters,
        message: str | None = None,
        error: str | None = None,
        submitted: Mapping[str, Any] | None = None,
    ) -> CaseView:
        record = self.store.record(case_id)  # E011 for an unknown case
        case, machine = record.case, record.machine
        ids = self.store.queue_ids(filters.store_filter())
        position = ids.index(case_id) if case_id in ids else None
        if position is None:
            prev_id, next_id = None, (ids[0] if ids else None)
        else:
            prev_id = ids[position - 1] if position > 0 else None
            next_id = ids[position + 1] if position + 1 < len(ids) else None
        history = self.store.history(case_id)
        decision = self.store.last_decision(case_id) if record.flagged else None
        text = case.context or " ".join(e.text for e in case.evidence)
        explanations, note = self.models.explain(text, list(case.motive))
        features = [(f.text, "feature") for x in explanations for f in x.features if f.weight > 0]
        chosen = submitted.get("motive") if submitted else None
        return CaseView(
            **self.page(filters, message, error),
            case_id=case.case_id,
            revision=self.store.revision(case_id),
            thread_id=case.thread_id,
            thread_title=self.store.thread_title(case.thread_id),
            subject=case.subject,
            review_state=record.review_state,
            flagged=record.flagged,
            stale=record.stale,
            confidence=round(case.confidence, 3),
            certainty=round(record.certainty, 3),
            fields=field_views(case, machine, dict(submitted) if submitted else None),
            scores=score_bars(case, chosen),
            evidence=evidence_views(case, self._posts(case)),
            previous_evidence=[e["text"] for e in (decision.before or {}).get("evidence", [])] if decision else [],
            previous_decision=f"{decision.decision} by {decision.reviewer}, {decision.at[:10]}" if decision else None,
            context=highlight(text, features, years=False) if features else [],
            explanations=explanations,
            explain_note=note,
            history=history_items(history),
            datalists={"countries": self.countries()},
            position=None if position is None else position + 1,
            queue_size=len(ids),
            prev_url=f"/case/{prev_id}{filters.query()}" if prev_id else None,
            next_url=f"/case/{next_id}{filters.query()}" if next_id else None,
        )

    def _posts(self, case: Case) -> dict[str, Post]:
        posts = {}
        for ev in case.evidence:
            post = self.store.post(ev.post_id, case.thread_id)
            if post is not None:
                posts[ev.post_id] = post
        return posts

    def post_view(self, post_id: str, case_id: str | None, thread_id: str | None) -> PostView | None:
        record = self.store.record(case_id) if case_id else None
        if record is not None:
            thread_id = record.case.thread_id
        post = self.store.post(post_id, thread_id)
        if post is None:
            return None
        return PostView(
            **self.page(Filters()),
            post_id=post.post_id,
            thread_id=post.thread_id,
            thread_title=self.store.thread_title(post.thread_id),
            kind=post.kind,
            position=post.position,
            accepted=post.accepted,
            segments=post_segments(post, record.case if record else None),
            case_id=record.case_id if record else None,
            case_subject=record.case.subject if record else None,
            case_url=f"/case/{record.case_id}" if record else None,
        )

    def overview_view(self) -> OverviewView:
        overview = self.store.overview()
        return OverviewView(
            **self.page(Filters()),
            chart=decade_chart(overview),
            flows=flow_rows(overview),
            states=overview.states,
            total=overview.total,
            table=decade_table(overview),
        )

    def retrain_view(self) -> RetrainView:
        status = self.retrainer.status()
        comparisons, details = compare_result(status.result) if status.result else ([], [])
        return RetrainView(
            **self.page(Filters()),
            state=status.state,
            started=status.started,
            finished=status.finished,
            n_examples=status.n_examples,
            comparisons=comparisons,
            details=details,
            failure=status.error,
            rescored=status.rescored,
            reason=str(status.result.get("reason")) if status.result and status.result.get("reason") else None,
            reviewed_available=len(self.store.reviewed_examples()),
        )

    # -- decisions --------------------------------------------------------
    def decide(self, case_id: str, decision: str, form: Mapping[str, Any], filters: Filters) -> str:
        """Record the decision (committed on return) and give the URL of the case to show next."""
        record = self.store.record(case_id)
        before = self.store.queue_ids(filters.store_filter())
        changes: dict[str, Any] | None = None
        if decision in ("accept", "correct"):
            changes = {name: form[name] for name in EDITABLE_FIELDS if name != "motive" and name in form}
            if "motive_present" in form:  # the toggles were on the page: an empty set is an answer too
                changes["motive"] = motive_order(record.case.motive, form["motive"], record.case.motive_scores)
        seen = str(form.get("revision") or "")
        expected = int(seen) if seen.isdigit() else None
        review = self.store.review(case_id, decision, self.reviewer, changes, expected_revision=expected)
        after = set(self.store.queue_ids(filters.store_filter()))
        # Next: the case after this one in the queue as it was, wrapping round; else the queue page.
        if case_id in before:
            i = before.index(case_id)
            candidates = before[i + 1 :] + before[:i]
        else:
            candidates = before
        next_id = next((c for c in candidates if c in after and c != case_id), None)
        query = filters.query(done=review.decision, last=case_id)
        return f"/case/{next_id}{query}" if next_id else f"/{query}"

    def undo(self, filters: Filters) -> str:
        case_id = self.store.undo(self.reviewer)
        if case_id is None:
            return f"/{filters.query(done='nothing')}"
        return f"/case/{case_id}{filters.query(done='undo', last=case_id)}"


def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(["html"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    # Static URLs carry a digest of the files, so a browser never runs yesterday's app.js against today's pages.
    digest = stable_hash(*(p.read_bytes() for p in sorted(STATIC.iterdir()) if p.is_file()), length=10)
    env.globals.update(motive_labels=MOTIVE_LABELS, version=digest)
    return env


def _form_dict(form: Any) -> dict[str, Any]:
    data: dict[str, Any] = {k: form.get(k) for k in form if k != "motive"}
    data["motive"] = form.getlist("motive")
    return data


def _filters_from_form(form: Mapping[str, Any]) -> Filters:
    return Filters.parse(form.get("f_thread"), form.get("f_motive"), form.get("f_status"))


def create_app(
    store_path: Path,
    models_dir: Path,
    labelled_dir: Path,
    reviewer: str,
    *,
    seed: int | None = None,
    threshold: float | None = None,
    allowed_hosts: list[str] | None = None,
) -> FastAPI:
    """The review app over an existing store (E007 if there is none).

    ``models_dir`` holds the motive model in models_dir/motive; ``seed`` and
    ``threshold`` (motive labels kept from this probability) default to Settings.
    """
    defaults = Settings()
    store = Store.open_existing(store_path)
    models = ModelHolder(models_dir)
    retrainer = Retrainer(
        store,
        models_dir,
        labelled_dir,
        seed=defaults.seed if seed is None else seed,
        threshold=defaults.motive_threshold if threshold is None else threshold,
        on_done=models.reset,
    )
    review = ReviewApp(store, models, retrainer, (reviewer or "").strip() or default_reviewer())
    env = _environment()

    @asynccontextmanager
    async def lifespan(app: FastAPI):  # noqa: ANN202 - FastAPI's lifespan protocol
        # Load the motive model while the reviewer opens the queue: it takes seconds.
        threading.Thread(target=models.get, name="crossings-model-load", daemon=True).start()
        yield
        store.close()

    # No /docs or /redoc: their pages load scripts from a CDN.
    app = FastAPI(title="Crossings review", docs_url=None, redoc_url=None, lifespan=lifespan)
    app.state.review = review
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts or LOOPBACK_HOSTS)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.middleware("http")
    async def same_origin_posts(request: Request, call_next):  # noqa: ANN001, ANN202
        # A web page elsewhere must not be able to post decisions to this local server.
        if request.method == "POST":
            origin = request.headers.get("origin")
            if origin is not None and urlsplit(origin).netloc != request.headers.get("host"):
                return PlainTextResponse("Cross-site request refused.", status_code=403)
        return await call_next(request)

    def render(name: str, view: Page, status_code: int = 200) -> HTMLResponse:
        return HTMLResponse(env.get_template(name).render(view=view), status_code=status_code)

    def not_found(message: str) -> HTMLResponse:
        return render("error.html", Page(**review.page(Filters(), error=message)), 404)

    # -- pages ------------------------------------------------------------
    @app.get("/", response_class=HTMLResponse)
    def queue_page(
        thread: str | None = None,
        motive: str | None = None,
        status: str | None = None,
        offset: int = 0,
        done: str | None = None,
        last: str | None = None,
    ) -> HTMLResponse:
        filters = Filters.parse(thread, motive, status)
        return render("queue.html", review.queue_view(filters, offset, review.done_message(done, last)))

    @app.get("/next")
    def next_case(thread: str | None = None, motive: str | None = None, status: str | None = None) -> Response:
        filters = Filters.parse(thread, motive, status)
        ids = store.queue_ids(filters.store_filter())
        target = f"/case/{ids[0]}{filters.query()}" if ids else f"/{filters.query(done='empty')}"
        return RedirectResponse(target, status_code=303)

    @app.get("/case/{case_id}", response_class=HTMLResponse)
    def case_page(
        case_id: str,
        thread: str | None = None,
        motive: str | None = None,
        status: str | None = None,
        done: str | None = None,
        last: str | None = None,
    ) -> HTMLResponse:
        filters = Filters.parse(thread, motive, status)
        try:
            view = review.case_view(case_id, filters, review.done_message(done, last))
        except CrossingsError as exc:
            return not_found(str(exc))
        return render("case.html", view)

    @app.post("/case/{case_id}")
    async def decide(request: Request, case_id: str) -> Response:
        form = _form_dict(await request.form())
        filters = _filters_from_form(form)
        decision = str(form.get("decision") or "")
        try:
            target = await run_in_threadpool(review.decide, case_id, decision, form, filters)
        except CrossingsError as exc:
            if "[E011]" in str(exc):
                return not_found(str(exc))
            if "[E054]" in str(exc):  # show the case as it is now, not what this form held
                view = await run_in_threadpool(review.case_view, case_id, filters, None, str(exc))
                return render("case.html", view, 409)
            view = await run_in_threadpool(review.case_view, case_id, filters, None, str(exc), form)
            return render("case.html", view, 400)
        return RedirectResponse(target, status_code=303)

    @app.post("/undo")
    async def undo(request: Request) -> Response:
        filters = _filters_from_form(_form_dict(await request.form()))
        return RedirectResponse(await run_in_threadpool(review.undo, filters), status_code=303)

    @app.get("/post/{post_id}", response_class=HTMLResponse)
    def post_page(post_id: str, case: str | None = None, thread: str | None = None) -> HTMLResponse:
        try:
            view = review.post_view(post_id, case, thread)
        except CrossingsError as exc:
            return not_found(str(exc))
        if view is None:
            return not_found(f"No post {post_id} in the store.")
        return render("post.html", view)

    @app.get("/overview", response_class=HTMLResponse)
    def overview_page() -> HTMLResponse:
        return render("overview.html", review.overview_view())

    @app.post("/retrain")
    async def retrain(request: Request) -> Response:
        force = (await request.form()).get("force") == "1"
        retrainer.start(force=force)  # a second press while one runs just shows the running one
        return RedirectResponse("/retrain", status_code=303)

    @app.get("/retrain", response_class=HTMLResponse)
    def retrain_page() -> HTMLResponse:
        return render("retrain.html", review.retrain_view())

    # -- the same views as JSON -------------------------------------------
    @app.get("/api/queue", response_model=QueueView)
    def api_queue(
        thread: str | None = None, motive: str | None = None, status: str | None = None, offset: int = 0
    ) -> QueueView:
        return review.queue_view(Filters.parse(thread, motive, status), offset)

    @app.get("/api/case/{case_id}", response_model=CaseView)
    def api_case(case_id: str) -> Any:
        try:
            return review.case_view(case_id, Filters())
        except CrossingsError as exc:
            return JSONResponse({"error": str(exc)}, status_code=404)

    @app.get("/api/overview", response_model=OverviewView)
    def api_overview() -> OverviewView:
        return review.overview_view()

    @app.get("/api/retrain", response_model=RetrainView)
    def api_retrain() -> RetrainView:
        return review.retrain_view()

    return app


def serve(
    store_path: Path,
    host: str = "127.0.0.1",
    port: int = 8765,
    reviewer: str | None = None,
    models_dir: Path | None = None,
    labelled_dir: Path | None = None,
    seed: int | None = None,
    log_level: str = "warning",
) -> None:
    """Run the review app with uvicorn until Ctrl+C. Binds to 127.0.0.1 unless told otherwise.

    Prints nothing itself (the CLI says where the app is); uvicorn logs at ``log_level``.
    """
    import uvicorn

    from pipeline.config import load_settings

    settings = load_settings()
    reviewer = (reviewer or "").strip() or default_reviewer()
    # Loopback binding: only loopback names may reach it (guards against DNS rebinding).
    # Any other binding was asked for explicitly, to be reached by other names.
    hosts = LOOPBACK_HOSTS if host in ("127.0.0.1", "localhost", "::1") else ["*"]
    app = create_app(
        Path(store_path),
        Path(models_dir or settings.models_dir),
        Path(labelled_dir or settings.labelled_dir),
        reviewer,
        seed=settings.seed if seed is None else seed,
        threshold=settings.motive_threshold,
        allowed_hosts=hosts,
    )
    uvicorn.run(app, host=host, port=port, log_level=log_level)


__all__ = ["create_app", "serve", "default_reviewer"]
