"""The review app in headless Chromium, by keyboard: accept, correct, reject, undo, then reload and check.

Runs the real server (uvicorn in a background thread on a free 127.0.0.1
port) and Debian's chromium at /usr/bin/chromium. Install it with
`apt-get install -y chromium`.
"""

from __future__ import annotations

import re
import socket
import threading
import time
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium (apt-get install -y chromium)"),
]

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture()
def server(tmp_path, seed_path, seed_gold_path):
    import uvicorn

    from pipeline.review.app import create_app
    from tests.test_store import build_store

    store, _, cases = build_store(tmp_path / "crossings.db", seed_path, seed_gold_path)
    store.close()
    app = create_app(tmp_path / "crossings.db", tmp_path / "models", tmp_path / "labelled", "ada")
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "the review server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}", tmp_path / "crossings.db", cases
    server.should_exit = True
    thread.join(10)
    sock.close()


@pytest.fixture()
def page():
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        tab = context.new_page()
        tab.set_default_timeout(15_000)
        yield tab
        browser.close()


def case_on_screen(page) -> str:
    return page.get_attribute("form#decide", "data-case")


def press_and_wait(page, key: str) -> None:
    """Press a shortcut that submits or navigates; wait until the next page's shortcuts are live."""
    page.evaluate("window.__leaving = true")  # gone once the browser shows a new document
    page.keyboard.press(key)
    page.wait_for_function("!window.__leaving && document.documentElement.dataset.keys === 'ready'")


def test_review_by_keyboard_persists(server, page):
    from pipeline.store import Store

    base, db, cases = server
    by_id = {c.case_id: c for c in cases}
    page.goto(base + "/")
    page.wait_for_function("document.documentElement.dataset.keys === 'ready'")
    assert page.inner_text("#progress") == "0 / 31 reviewed"

    # Open the queue's first (least certain) case and accept it with "a".
    press_and_wait(page, "Enter")
    accepted = case_on_screen(page)
    with Store(db) as store:
        assert accepted == store.queue_ids()[0]
    press_and_wait(page, "a")
    assert "Accepted" in page.inner_text(".flash")
    corrected = case_on_screen(page)
    assert corrected != accepted

    # Correct the next one: destination typed after "e", motive toggled by number keys, saved with Enter.
    original = by_id[corrected]
    page.keyboard.press("e")
    assert page.evaluate("document.activeElement.id") == "f-subject"
    page.fill("#f-destination", "Moscow")
    page.keyboard.press("Escape")
    for label in original.motive:  # switch the run's labels off ...
        page.keyboard.press(str(["ideological", "economic", "persecution", "defection", "family", "disillusionment", "forced", "unknown"].index(label) + 1))
    page.keyboard.press("7")  # ... and "forced" on
    assert page.is_checked('input[name="motive"][value="forced"]')
    press_and_wait(page, "Enter")
    rejected = case_on_screen(page)
    with Store(db) as store:  # each key press made exactly one decision
        assert [r.decision for r in store.history(accepted)] == ["accept"]
        assert [r.decision for r in store.history(corrected)] == ["correct"]

    # Reject the third with "r"; undo it with "u" (back on the same case), then reject it again.
    press_and_wait(page, "r")
    press_and_wait(page, "u")
    assert case_on_screen(page) == rejected
    assert page.inner_text("#state") == "pending"
    press_and_wait(page, "r")

    # Reload everything: the pages and the store agree on all three decisions.
    page.goto(base + "/?status=all")
    page.reload()
    assert page.inner_text("#progress") == "3 / 31 reviewed"
    assert page.inner_text(f"#row-{accepted} .state") == "accepted"
    assert page.inner_text(f"#row-{corrected} .state") == "corrected"
    assert page.inner_text(f"#row-{rejected} .state") == "rejected"
    page.goto(f"{base}/case/{corrected}")
    assert page.input_value("#f-destination") == "Moscow"
    assert page.is_checked('input[name="motive"][value="forced"]')
    assert not any(page.is_checked(f'input[name="motive"][value="{m}"]') for m in original.motive)
    with Store(db) as store:
        assert store.review_state(accepted) == "accepted"
        assert store.review_state(rejected) == "rejected"
        fixed = store.record(corrected).case
        assert fixed.destination == "Moscow" and fixed.motive == ["forced"]
        assert {r.reviewer for c in (accepted, corrected, rejected) for r in store.history(c)} == {"ada"}


def test_help_queue_keys_and_overview(server, page):
    base, _, _ = server
    page.goto(base + "/")
    page.wait_for_function("document.documentElement.dataset.keys === 'ready'")
    page.keyboard.press("?")
    assert page.is_visible("dialog#help")
    page.keyboard.press("Escape")
    assert not page.is_visible("dialog#help")
    page.keyboard.press("j")
    page.keyboard.press("j")
    second = page.get_attribute("#queue tbody tr.sel", "id")
    assert second == page.get_attribute("#queue tbody tr:nth-child(2)", "id")
    press_and_wait(page, "Enter")
    assert case_on_screen(page) == second.removeprefix("row-")
    press_and_wait(page, "o")
    assert re.search(r"/overview$", page.url)
    assert page.locator("svg.chart rect").count() > 5
    assert page.locator("#flows tbody tr").count() > 5
