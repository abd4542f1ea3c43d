"""Make docs/review.png and docs/overview.png from a store, with the real review app in headless Chromium.

    .venv/bin/python docs/screenshots.py [--db outputs/crossings.db] [--models models] [--out docs]

The store is copied first (SQLite's backup API), so the real one is never
touched. The review page shows the first case of the queue: the case the
pipeline is least sure of, which is where a reviewer starts.
"""

from __future__ import annotations

import argparse
import socket
import sqlite3
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def copy_store(src: Path, dest: Path) -> None:
    with sqlite3.connect(src) as source, sqlite3.connect(dest) as target:
        source.backup(target)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=ROOT / "outputs" / "crossings.db")
    parser.add_argument("--models", type=Path, default=ROOT / "models")
    parser.add_argument("--out", type=Path, default=ROOT / "docs")
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    args = parser.parse_args()

    import uvicorn
    from playwright.sync_api import sync_playwright

    from pipeline.review.app import create_app

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "crossings.db"
        copy_store(args.db, db)
        app = create_app(db, args.models, ROOT / "corpus" / "labelled", "reviewer")
        sock = socket.socket()
        sock.bind(("127.0.0.1", 0))
        server = uvicorn.Server(uvicorn.Config(app, log_level="warning"))
        thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
        thread.start()
        while not server.started:
            time.sleep(0.05)
        base = f"http://127.0.0.1:{sock.getsockname()[1]}"
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=args.chromium, args=CHROMIUM_ARGS)
                page = browser.new_page(viewport={"width": 1360, "height": 900}, device_scale_factor=1)
                page.goto(base + "/next")
                page.screenshot(path=str(args.out / "review.png"), full_page=True)
                page.goto(base + "/overview")
                page.screenshot(path=str(args.out / "overview.png"), full_page=True)
                browser.close()
        finally:
            server.should_exit = True
            thread.join(10)
    print(f"wrote {args.out / 'review.png'} and {args.out / 'overview.png'} from {args.db}")


if __name__ == "__main__":
    main()
