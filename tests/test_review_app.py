"""The review app through FastAPI's TestClient: queue, case page, decisions, undo, filters, overview, retraining.

The pages are plain HTML forms, so everything but the keyboard layer is
tested here; tests/test_review_browser.py drives the keys in Chromium.
"""

from __future__ import annotations

import collections
import json
import re
from html import unescape
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from pipeline.review.app import create_app
from pipeline.review.views import compare_result, decade_chart, highlight, motive_order, nice_ceiling
from pipeline.schema import Case
from pipeline.store import Overview, QueueFilter, Store
from tests.test_store import build_store, by_subject

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture()
def env(tmp_path, seed_path, seed_gold_path):
    """A store with the seed thread's 31 cases, and the app over it (no motive model yet)."""
    store, thread, cases = build_store(tmp_path / "crossings.db", seed_path, seed_gold_path)
    store.close()
    app = create_app(tmp_path / "crossings.db", tmp_path / "models", tmp_path / "labelled", "ada")
    with TestClient(app) as client, Store(tmp_path / "crossings.db") as check:
        yield client, check, thread, cases


def row_ids(html: str) -> list[str]:
    return re.findall(r'id="row-(c[0-9a-f]+)"', html)


def decide(client: TestClient, case: Case, decision: str, **fields: object) -> str:
    """Post the case page's form as a browser would: every field, the motive toggles, the filters."""
    page = client.get(f"/api/case/{case.case_id}").json()
    data: dict[str, object] = {f["name"]: f["value"] for f in page["fields"]}
    data["motive"] = [b["label"] for b in page["scores"] if b["chosen"]]
    data.update({"motive_present": "1", "f_status": "todo", "decision": decision, "revision": str(page["revision"])})
    data.update(fields)
    response = client.post(f"/case/{case.case_id}", data=data, follow_redirects=False)
    assert response.status_code == 303, response.text
    return response.headers["location"]


# -- pages ----------------------------------------------------------------------


def test_queue_lists_pending_cases_least_certain_first_with_progress(env):
    client, store, _, _ = env
    html = client.get("/").text
    assert row_ids(html) == store.queue_ids()
    assert "<b>0</b> / 31 reviewed" in html
    for hint in ("accept", "reject", "toggle motive", "undo last", "next / previous"):
        assert hint in html  # the shortcuts are listed on the page
    assert 'src="/static/app.js' in html and "http://" not in html and "https://" not in html
    assert client.get("/static/app.js").status_code == 200
    assert client.get("/static/app.css").status_code == 200


def test_queue_filters_by_thread_motive_and_status(env):
    client, store, thread, cases = env
    defection = row_ids(client.get("/?motive=defection").text)
    assert defection and set(defection) == {c.case_id for c in cases if "defection" in c.motive}
    assert row_ids(client.get(f"/?thread={thread.thread_id}").text) == store.queue_ids()
    assert row_ids(client.get("/?thread=another_thread").text) == []
    decide(client, by_subject(cases, "John Nash"), "accept")
    assert row_ids(client.get("/?status=accepted").text) == [by_subject(cases, "John Nash").case_id]
    assert by_subject(cases, "John Nash").case_id not in row_ids(client.get("/").text)
    # Unknown filter values fall back to no filter instead of an error page.
    assert row_ids(client.get("/?motive=greed&status=maybe").text) == store.queue_ids()


def test_case_page_shows_fields_highlighted_evidence_scores_and_post_link(env):
    client, _, _, cases = env
    oswald = by_subject(cases, "Lee Harvey Oswald")
    html = client.get(f"/case/{oswald.case_id}").text
    assert '<mark class="ent-person">Lee Harvey Oswald</mark>' in html
    assert '<mark class="ent-place">the USSR</mark>' in html
    assert 'name="destination" id="f-destination" value="the USSR"' in html
    assert re.search(r'value="ideological" data-key="1"\s+checked', html)
    assert not re.search(r'value="economic" data-key="2"\s+checked', html)
    assert f'{oswald.motive_scores["ideological"]:.2f}' in html
    post_url = f"/post/{oswald.evidence[0].post_id}?case={oswald.case_id}"
    assert post_url in unescape(html)
    assert "No motive model found" in html  # no model yet: the page says so instead of failing

    # A sentence like "He soon moved back." is shown between its neighbours in the post.
    back = by_subject(cases, "Lee Harvey Oswald", 1)
    html = client.get(f"/case/{back.case_id}").text
    before = re.search(r'<span class="around">(.*?)</span>\s*<span class="sentence">He soon moved back.</span>', html, re.S)
    assert before and "he found the USSR no more to his liking" in before.group(1)
    assert '<mark class="ent-person">Lee Harvey Oswald</mark>' in before.group(1)
    assert "There was a book" not in html  # the next paragraph is another matter

    post = client.get(post_url).text
    assert f'<mark class="evidence" id="ev0">{oswald.evidence[0].text}</mark>' in post
    assert "He soon moved back." in post  # the whole post, not just the sentence
    assert client.get("/case/cnosuchcase").status_code == 404
    assert "[E011]" in client.get("/case/cnosuchcase").text


def test_decisions_are_committed_and_lead_to_the_next_case(env):
    client, store, _, cases = env
    queue = store.queue_ids()
    first = next(c for c in cases if c.case_id == queue[0])
    location = decide(client, first, "accept")
    assert location.startswith(f"/case/{queue[1]}?") and "done=accept" in location
    assert store.review_state(first.case_id) == "accepted"
    assert store.history(first.case_id)[0].reviewer == "ada"
    assert "Accepted “" in client.get(location).text

    nash = by_subject(cases, "John Nash")
    decide(client, nash, "correct", destination="the GDR", motive=["ideological"])
    fixed = store.record(nash.case_id)
    assert fixed.review_state == "corrected"
    assert fixed.case.destination == "the GDR" and fixed.case.motive == ["ideological"]
    assert fixed.case.year_start is None and fixed.case.outcome == nash.outcome  # untouched fields kept

    adams = by_subject(cases, "Mr. Adams")
    decide(client, adams, "reject")
    assert store.review_state(adams.case_id) == "rejected"
    assert "<b>3</b> / 31 reviewed" in client.get("/").text

    # Posting the form unchanged is an accept, even though the toggles come back in label order.
    finns = by_subject(cases, "Finnish-Americans")
    assert finns.motive == ["economic", "unknown", "ideological"]
    decide(client, finns, "correct")
    assert store.review_state(finns.case_id) == "accepted"
    assert store.record(finns.case_id).case.motive == finns.motive


def test_a_bad_correction_is_shown_back_and_not_recorded(env):
    client, store, _, cases = env
    case = by_subject(cases, "Zara Witkin")
    page = client.get(f"/api/case/{case.case_id}").json()
    data = {f["name"]: f["value"] for f in page["fields"]}
    data.update({"year_start": "19x2", "destination": "Moscow", "motive": ["economic"], "motive_present": "1", "decision": "correct"})
    response = client.post(f"/case/{case.case_id}", data=data, follow_redirects=False)
    assert response.status_code == 400
    assert "[E012]" in response.text and "year_start" in response.text
    assert 'value="Moscow"' in response.text  # what was typed is kept
    assert store.history(case.case_id) == []


def test_a_second_post_of_the_same_page_is_refused(env):
    client, store, _, cases = env
    case = by_subject(cases, "John Scott")
    page = client.get(f"/api/case/{case.case_id}").json()
    form = {f["name"]: f["value"] for f in page["fields"]}
    form.update({"revision": str(page["revision"]), "decision": "accept", "motive": case.motive, "motive_present": "1"})
    assert client.post(f"/case/{case.case_id}", data=form, follow_redirects=False).status_code == 303
    again = client.post(f"/case/{case.case_id}", data={**form, "decision": "reject"}, follow_redirects=False)
    assert again.status_code == 409 and "[E054]" in again.text
    assert [r.decision for r in store.history(case.case_id)] == ["accept"]


def test_undo_and_skip_from_the_page(env):
    client, store, _, cases = env
    queue = store.queue_ids()
    first = next(c for c in cases if c.case_id == queue[0])
    decide(client, first, "skip")
    assert store.queue_ids()[-1] == first.case_id
    decide(client, first, "reject")
    response = client.post("/undo", data={"f_status": "todo"}, follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"].startswith(f"/case/{first.case_id}?")
    assert store.review_state(first.case_id) == "skipped"
    client.post("/undo", data={}, follow_redirects=False)
    assert store.review_state(first.case_id) == "pending"
    nothing = client.post("/undo", data={}, follow_redirects=True)
    assert "Nothing to undo." in nothing.text
    assert [r.decision for r in store.history(first.case_id)] == ["skip", "reject", "undo", "undo"]


def test_posts_from_other_sites_are_refused(env):
    client, store, _, cases = env
    case = cases[0]
    response = client.post(
        f"/case/{case.case_id}", data={"decision": "reject"}, headers={"origin": "http://evil.example"}
    )
    assert response.status_code == 403
    assert client.get("/", headers={"host": "evil.example"}).status_code == 400
    assert store.history(case.case_id) == []


def test_overview_chart_and_flows_match_the_store(env):
    client, store, _, cases = env
    decide(client, by_subject(cases, "Mr. Adams"), "reject")
    html = client.get("/overview").text
    overview = store.overview()
    rects = re.findall(r'<rect class="m-(\w+)" x="[\d.]+" y="[\d.]+" width="[\d.]+" height="([\d.]+)"><title>([^<]+)</title>', html)
    assert len(rects) == sum(len(c) for _, c in overview.by_decade)
    titled = collections.Counter()
    for motive, _, title in rects:
        titled[motive] += int(re.search(r": (\d+) ", title).group(1))
    assert sum(titled.values()) == overview.total == 30
    assert "1970s" in html  # empty decades between the first and the last keep the time line honest
    flows = client.get("/api/overview").json()["flows"]
    assert flows[0]["count"] == overview.flows[0][2]
    assert {"origin": "United States", "destination": "Soviet Union"}.items() <= flows[1].items() or any(
        f["origin"] == "United States" and f["destination"] == "Soviet Union" for f in flows
    )
    assert "<svg" in html and "<script" not in html.split("<svg", 1)[1].split("</svg>", 1)[0]


# -- retraining -----------------------------------------------------------------


def small_labelled(dest: Path, per_label: int = 6) -> Path:
    """A few corpus examples per label: enough to train, small enough to train in seconds."""
    seen: collections.Counter[str] = collections.Counter()
    lines = []
    for line in (ROOT / "corpus" / "labelled" / "motives.jsonl").read_text(encoding="utf-8").splitlines():
        first = json.loads(line)["labels"][0]
        if seen[first] < per_label:
            seen[first] += 1
            lines.append(line)
    dest.mkdir(parents=True, exist_ok=True)
    (dest / "motives.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return dest


def test_retrain_button_trains_rescored_and_explains(tmp_path, seed_path, seed_gold_path):
    pytest.importorskip("pipeline.motives", reason="pipeline.motives (the classifier) is not in this checkout")
    store, _, cases = build_store(tmp_path / "c.db", seed_path, seed_gold_path)
    oswald = by_subject(cases, "Lee Harvey Oswald")
    store.review(oswald.case_id, "correct", "ada", {"motive": ["ideological", "disillusionment"]})
    store.close()
    app = create_app(tmp_path / "c.db", tmp_path / "models", small_labelled(tmp_path / "labelled"), "ada")
    with TestClient(app) as client:
        response = client.post("/retrain", follow_redirects=False)
        assert response.status_code == 303 and response.headers["location"] == "/retrain"
        status = app.state.review.retrainer.wait(120)
        assert status.state == "done", status.error
        page = client.get("/retrain").text
        assert 'id="comparison"' in page and "heldout macro f1" in page
        assert re.search(r'id="retrain-reason">Model promoted: there was no current model', page)
        view = client.get("/api/retrain").json()
        assert view["n_examples"] == 1 and view["rescored"] == 31
        assert (tmp_path / "models" / "motive" / "CURRENT").is_file()
        case = client.get(f"/api/case/{oswald.case_id}").json()
        assert case["explanations"] and case["explain_note"] is None
    with Store(tmp_path / "c.db") as again:
        record = again.record(oswald.case_id)
        assert record.machine.motive_scores != oswald.motive_scores  # the new model's scores
        assert record.case.motive == ["ideological", "disillusionment"]  # the correction stays on top


def test_retrain_failure_is_reported_on_the_page(env, tmp_path):
    client, _, _, _ = env
    client.post("/retrain")
    status = client.app.state.review.retrainer.wait(60)
    assert status.state == "failed"
    page = client.get("/retrain").text
    assert "Failed" in page and re.search(r"\[E0(06|52)\]", page)


# -- the pieces the pages are built from --------------------------------------------


def test_highlight_prefers_longer_matches_and_never_overlaps():
    text = "Lee Harvey Oswald moved to the USSR in 1959; Oswald came back to the USA in the 1960s."
    segments = highlight(text, [("Lee Harvey Oswald", "person"), ("Oswald", "person"), ("the USSR", "place"), ("USSR", "place")])
    marked = [(s.text, s.kind) for s in segments if s.kind]
    assert marked == [
        ("Lee Harvey Oswald", "person"),
        ("the USSR", "place"),
        ("1959", "date"),
        ("Oswald", "person"),
        ("1960s", "date"),
    ]
    assert "".join(s.text for s in segments) == text


def test_motive_toggles_put_new_labels_first():
    scores = {"economic": 0.2, "persecution": 0.6, "forced": 0.3}
    assert motive_order(["unknown"], ["unknown", "persecution"], scores) == ["persecution", "unknown"]
    assert motive_order(["economic", "unknown"], ["unknown", "economic"], scores) == ["economic", "unknown"]
    assert motive_order(["economic"], ["forced", "persecution"], scores) == ["persecution", "forced"]


def test_decade_chart_geometry():
    overview = Overview(by_decade=[(1920, {"economic": 2}), (1950, {"defection": 4, "forced": 1}), (None, {"unknown": 1})], flows=[], states={}, total=8)
    chart = decade_chart(overview, width=600, height=300)
    assert [label.text for label in chart.x_labels] == ["1920s", "1930s", "1940s", "1950s", "no year"]
    heights = {(r.title): r.height for r in chart.rects}
    assert heights["1950s: 4 defection"] == pytest.approx(2 * heights["1920s: 2 economic"])
    assert [t.text for t in chart.totals] == ["2", "5", "1"]
    assert nice_ceiling(5) == 5 and nice_ceiling(7) == 10 and nice_ceiling(31) == 50


def test_compare_result_pairs_before_and_after():
    comparisons, details = compare_result(
        {"version": "v2", "promoted": True, "before": {"macro_f1": 0.5, "f1": {"family": 0.4}}, "after": {"macro_f1": 0.6, "f1": {"family": 0.3}}}
    )
    assert [(c.metric, c.before, c.after, c.delta) for c in comparisons] == [
        ("macro f1", 0.5, 0.6, 0.1),
        ("f1 · family", 0.4, 0.3, -0.1),
    ]
    assert details == [("version", "v2"), ("promoted", True)]
    first, _ = compare_result({"before": None, "after": {"macro_f1": 0.6}})
    assert [(c.before, c.after) for c in first] == [(None, 0.6)]


def test_missing_store_is_a_clear_error(tmp_path):
    from pipeline.errors import CrossingsError

    with pytest.raises(CrossingsError, match=r"\[E007\]"):
        create_app(tmp_path / "none.db", tmp_path, tmp_path, "ada")


def test_queue_filter_status_values_reach_the_store(env):
    client, store, _, cases = env
    decide(client, cases[3], "reject")
    assert row_ids(client.get("/?status=rejected").text) == [cases[3].case_id]
    assert row_ids(client.get("/?status=all").text) == store.queue_ids(QueueFilter(status="all"))
