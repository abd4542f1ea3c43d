"""Build a realistic synthetic Stack Exchange dump (Posts.xml) from the real threads in corpus/.

The source threads (corpus/dev/*.txt and corpus/threads/*.txt) are read with
Crossings' own reader; their titles, question bodies, answer paragraphs and
sentences are then recombined into new threads with new ids. Nothing is
invented, so post length, vocabulary, names, places and dates keep the
distribution of real History Stack Exchange threads. The same seed gives the
same file, byte for byte.

Run it alone to keep a dump::

    python benchmarks/synth.py --posts 50000 --out /tmp/Posts.xml
"""

from __future__ import annotations

import argparse
import random
import re
from dataclasses import dataclass
from html import escape
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE_DIRS = (ROOT / "corpus" / "dev", ROOT / "corpus" / "threads")
# A sentence ends at . ? ! followed by a space and a capital (good enough for recombining prose).
_SENTENCE_END = re.compile(r"(?<=[.?!])\s+(?=[A-Z\"'(])")


@dataclass(frozen=True)
class Pools:
    """The real material new threads are made of, grouped by source thread."""

    titles: list[str]
    question_bodies: list[list[str]]  # per source thread: its question's paragraphs (title removed)
    paragraphs: list[list[str]]  # per source thread: its answers' paragraphs
    sentences: list[str]  # every answer sentence of every thread


def load_pools(dirs: tuple[Path, ...] = SOURCE_DIRS) -> Pools:
    from pipeline.ingest import iter_threads

    titles: list[str] = []
    bodies: list[list[str]] = []
    paragraphs: list[list[str]] = []
    sentences: list[str] = []
    # The seed thread sits in both folders; the reader keeps one copy and reports the other, which is fine here.
    for thread in iter_threads([d for d in dirs if d.exists()], on_problem=lambda problem: None):
        question, answers = thread.posts[0], thread.posts[1:]
        body = question.text[len(thread.title) :].strip() if question.text.startswith(thread.title) else question.text
        titles.append(thread.title)
        bodies.append([p for p in body.split("\n\n") if p.strip()])
        paras = [p for a in answers for p in a.text.split("\n\n") if p.strip()]
        paragraphs.append(paras)
        sentences.extend(s for p in paras for s in _SENTENCE_END.split(p) if len(s.split()) >= 4)
    if not titles:
        raise SystemExit(f"no source threads found under {', '.join(map(str, dirs))}")
    return Pools(titles, bodies, paragraphs, sentences)


def _answer(rng: random.Random, pools: Pools, topic: int) -> str:
    """One to four paragraphs, mostly from the topic thread; some re-mixed from sentences of any thread."""
    parts: list[str] = []
    for _ in range(rng.choice((1, 2, 2, 3, 3, 4, 5))):
        if rng.random() < 0.3:
            part = " ".join(rng.sample(pools.sentences, rng.randint(2, 5)))
        else:
            source = topic if rng.random() < 0.7 else rng.randrange(len(pools.paragraphs))
            part = rng.choice(pools.paragraphs[source] or pools.sentences)
        if part not in parts:  # a writer does not repeat a paragraph
            parts.append(part)
    return "\n\n".join(parts)


def _question(rng: random.Random, pools: Pools, topic: int) -> tuple[str, str]:
    title = pools.titles[topic]
    body = list(pools.question_bodies[topic]) or [rng.choice(pools.sentences)]
    if rng.random() < 0.5:  # a follow-up sentence from elsewhere, as askers add context
        body.append(rng.choice(pools.sentences))
    return title, "\n\n".join(body)


def _html(text: str) -> str:
    return "".join(f"<p>{escape(p, quote=False)}</p>\n" for p in text.split("\n\n"))


def _row(**attrs: object) -> str:
    fields = " ".join(f'{k}="{escape(str(v), quote=True)}"' for k, v in attrs.items() if v is not None)
    return f"  <row {fields} />\n"


def write_dump(path: Path, n_posts: int = 5000, seed: int = 13, pools: Pools | None = None) -> tuple[int, int]:
    """Write about ``n_posts`` posts (whole threads) to ``path``; return (threads, posts) written.

    Rows are ordered by Id as in a real dump, with each thread's answers
    written after the next thread's question, so a reader must hold a few
    threads open at once, as it must with a real dump.
    """
    pools = pools or load_pools()
    rng = random.Random(seed)
    path.parent.mkdir(parents=True, exist_ok=True)
    next_id = 1
    n_threads = written = 0
    held: list[str] = []  # the previous thread's answer rows, written after the next question
    with open(path, "w", encoding="utf-8") as fh:
        fh.write('<?xml version="1.0" encoding="utf-8"?>\n<posts>\n')
        while written < n_posts:
            topic = rng.randrange(len(pools.titles))
            n_answers = min(rng.choice((1, 1, 2, 2, 3, 3, 4, 5, 6)), max(0, n_posts - written - 1))
            qid = next_id
            answer_ids = list(range(qid + 1, qid + 1 + n_answers))
            next_id += 1 + n_answers
            title, body = _question(rng, pools, topic)
            accepted = rng.choice(answer_ids) if answer_ids and rng.random() < 0.6 else None
            day = f"20{10 + qid % 14:02d}-{1 + qid % 12:02d}-{1 + qid % 28:02d}T12:00:00.000"
            fh.write(
                _row(
                    Id=qid, PostTypeId=1, AcceptedAnswerId=accepted, CreationDate=day, Score=rng.randint(-1, 40),
                    Body=_html(body), OwnerUserId=rng.randint(1, 20000), Title=title,
                    Tags="<migration><20th-century>", AnswerCount=n_answers,
                )
            )
            fh.writelines(held)
            held = [
                _row(
                    Id=aid, PostTypeId=2, ParentId=qid, CreationDate=day, Score=rng.randint(-2, 60),
                    Body=_html(_answer(rng, pools, topic)), OwnerUserId=rng.randint(1, 20000),
                )
                for aid in answer_ids
            ]
            n_threads += 1
            written += 1 + n_answers
        fh.writelines(held)
        fh.write("</posts>\n")
    return n_threads, written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--posts", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--out", type=Path, default=Path("Posts.xml"))
    args = parser.parse_args()
    threads, posts = write_dump(args.out, args.posts, args.seed)
    print(f"{args.out}: {threads} threads, {posts} posts")


if __name__ == "__main__":
    import sys

    sys.path.insert(0, str(ROOT))
    main()
