"""Read Q&A threads from plain text, Stack Exchange Posts.xml and JSONL into Thread/Post.

The reader is picked by content (the first bytes of the file), not by name, so
a JSONL file called ``.txt`` or a ``Posts.xml`` called ``.dat`` still reads.

Every reader is a generator: files are read a line or an XML row at a time and
threads are yielded as soon as they are complete, so memory does not grow with
the size of the input. Bad input never stops a run: each problem becomes an
``InputProblem`` (messages W101-W115 in errors.py) handed to ``on_problem``.
``fatal=True`` means the file contributed no thread at all; ``fatal=False`` is
a warning about a file that was still used (re-encoded, a line skipped, a post
cut or dropped).

Ids are deterministic: a plain-text thread is its file name without the
extension (posts ``{id}-q``, ``{id}-a1``, ...), a Stack Exchange thread is its
question's ``Id`` (posts keep their row ``Id``), a JSONL thread keeps its own
ids. Post text is normalised once here (Markdown and HTML made plain, NFC, ``\\n`` line ends, no trailing
spaces, at most one blank line in a row); downstream offsets index into
``Post.text`` as it leaves this module.

Typical use::

    for thread in iter_threads(["corpus/threads"], on_problem=problems.append):
        ...
"""

from __future__ import annotations

import codecs
import functools
import json
import logging
import os
import re
import stat
import unicodedata
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from .config import DATA_DIR
from .errors import CrossingsError, Errors, InputProblem
from .schema import Post, Thread

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

log = logging.getLogger(__name__)

FORMATS: tuple[str, ...] = ("text", "stackexchange", "jsonl", "json")
_HEAD_BYTES = 8192
_FALLBACK_ENCODING = "cp1252"
_LATIN1_ERRORS = "crossings.latin1"
# Signatures of common binary formats whose first bytes may hold no NUL.
_BINARY_MAGIC: tuple[bytes, ...] = (
    b"%PDF-",
    b"PK\x03\x04",
    b"\x1f\x8b",
    b"BZh",
    b"7z\xbc\xaf\x27\x1c",
    b"\x89PNG",
    b"GIF8",
    b"\xff\xd8\xff",
    b"\xfd7zXZ",
)
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufeff]")
_MANY_NEWLINES = re.compile(r"\n{3,}")
# A title taken from a first line that is really a whole paragraph stays readable.
_MAX_TITLE_CHARS = 300


def _latin1_fallback(err: UnicodeError) -> tuple[str, int]:
    # cp1252 leaves five bytes undefined; read those as Latin-1 so no byte is lost.
    assert isinstance(err, UnicodeDecodeError)
    return err.object[err.start : err.end].decode("latin-1"), err.end


codecs.register_error(_LATIN1_ERRORS, _latin1_fallback)


class InputRejected(CrossingsError):
    """A file that cannot be read at all; carries the problem to report."""

    def __init__(self, problem: InputProblem) -> None:
        super().__init__(problem.message)
        self.problem = problem


class _NotPostsXML(Exception):
    def __init__(self, tag: str) -> None:
        super().__init__(tag)
        self.tag = tag


# -- data tables ----------------------------------------------------------


def _load_patterns(name: str) -> re.Pattern[str]:
    lines = (DATA_DIR / name).read_text(encoding="utf-8").splitlines()
    alternatives = [f"(?:{line.strip()})" for line in lines if line.strip() and not line.lstrip().startswith("#")]
    return re.compile("|".join(alternatives), re.IGNORECASE)


_FURNITURE = _load_patterns("furniture.txt")
_ACCEPTED_MARKER = _load_patterns("accepted_markers.txt")


# -- text normalisation ----------------------------------------------------


def normalise_line(line: str) -> str:
    """One line as it will appear in Post.text: NFC, no control characters, no trailing spaces."""
    return _CONTROL_CHARS.sub("", unicodedata.normalize("NFC", line)).rstrip()


def normalise_text(text: str) -> str:
    """The final form of a post's text; Evidence offsets index into this string."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")
    text = "\n".join(normalise_line(line) for line in text.split("\n"))
    return _MANY_NEWLINES.sub("\n\n", text).strip()


def _normalise_title(title: str) -> str:
    return " ".join(normalise_line(title).split())


def _cut(text: str, limit: int) -> str:
    """Cut to at most ``limit`` characters, at a space when one is near the end."""
    if len(text) <= limit:
        return text
    head = text[:limit]
    floor = int(limit * 0.9)
    # A sentence end keeps the last sentence whole for the parser; else a space keeps the last word whole.
    sentence_end = max(head.rfind(". "), head.rfind("? "), head.rfind("! "), head.rfind("\n"))
    if sentence_end >= floor:
        return head[: sentence_end + 1].rstrip()
    space = head.rfind(" ")
    return (head[:space] if space >= floor else head).rstrip()


# -- finding and sniffing inputs ------------------------------------------


def _is_skipped_name(name: str) -> bool:
    # Gold annotations live beside their threads in corpus/dev/; they are not threads.
    return name.startswith(".") or name.endswith(".gold.jsonl")


def discover_inputs(paths: Sequence[Path | str]) -> list[Path]:
    """Expand folders (recursively) into files, sorted; skip hidden files and *.gold.jsonl.

    A file given explicitly is kept even when hidden or unreadable (the reader
    then says why); gold files are always left out. Raises CrossingsError(E004)
    when nothing is found.
    """
    found: set[Path] = set()
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for dirpath, dirnames, filenames in os.walk(path):
                dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
                found.update(Path(dirpath) / f for f in filenames if not _is_skipped_name(f))
        elif (path.exists() or path.is_symlink()) and not path.name.endswith(".gold.jsonl"):
            # Kept even when unreadable, so that the reader says why.
            found.add(path)
    if not found:
        raise CrossingsError(Errors.E004.format(paths=", ".join(str(p) for p in paths) or "(none)"))
    return sorted(found, key=str)


def _unreadable(path: Path, reason: str) -> InputRejected:
    return InputRejected(InputProblem(str(path), Errors.W101.format(source=path, reason=reason)))


def _read_head(path: Path) -> bytes:
    try:
        info = os.stat(path)
    except FileNotFoundError:
        reason = "a broken symbolic link" if path.is_symlink() else "no such file"
        raise _unreadable(path, reason) from None
    except OSError as err:
        raise _unreadable(path, err.strerror or str(err)) from None
    if stat.S_ISDIR(info.st_mode):
        raise _unreadable(path, "it is a folder")
    if not stat.S_ISREG(info.st_mode):
        # Opening a FIFO or device could block the run for ever.
        raise _unreadable(path, "not a regular file")
    try:
        with open(path, "rb") as fh:
            return fh.read(_HEAD_BYTES)
    except OSError as err:
        raise _unreadable(path, err.strerror or str(err)) from None


def _bom_encoding(head: bytes) -> str | None:
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    return None


def _looks_binary(head: bytes, bom: str | None) -> bool:
    if head.startswith(_BINARY_MAGIC):
        return True
    if bom == "utf-16":
        return False
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13)) + head.count(0x7F)
    return controls > 0.05 * len(head)


def _sniff(path: Path) -> tuple[str, str | None]:
    """(format, encoding given by a byte-order mark, if any); raises InputRejected."""
    head = _read_head(path)
    bom = _bom_encoding(head)
    if _looks_binary(head, bom):
        raise InputRejected(InputProblem(str(path), Errors.W103.format(source=path)))
    start = head.decode(bom or "utf-8", errors="replace").lstrip("\ufeff \t\r\n")
    if not start:
        raise InputRejected(InputProblem(str(path), Errors.W102.format(source=path)))
    if start.startswith("<"):
        return "stackexchange", bom
    # A JSON object opens with '{"'; a question title practically never does.
    if re.match(r'\{\s*["}]', start):
        return "jsonl", bom
    # Nor does prose open with '[{', '["', '[[' or '[]' ("[deleted]" and "[1]" stay text).
    if re.match(r'\[\s*[\[{"\]]', start):
        return "json", bom
    return "text", bom


def sniff_format(path: Path | str) -> str:
    """The format of a file, judged by its first bytes: "text", "stackexchange", "jsonl" or "json" (a list).

    Raises InputRejected (a CrossingsError carrying ``.problem``) for a file
    that is unreadable (W101), empty (W102) or binary (W103).
    """
    return _sniff(Path(path))[0]


def _detect_encoding(path: Path, bom: str | None) -> str:
    """UTF-8 unless some byte sequence is not UTF-8; then cp1252 (Latin-1 for its gaps)."""
    if bom:
        return bom
    decoder = codecs.getincrementaldecoder("utf-8")()
    with open(path, "rb") as fh:
        try:
            while chunk := fh.read(1 << 16):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return _FALLBACK_ENCODING
    return "utf-8"


def _open_text(path: Path, encoding: str) -> TextIO:
    # Universal newlines turn \r\n and \r into \n before any line is seen.
    return open(path, encoding=encoding, errors=_LATIN1_ERRORS if encoding == _FALLBACK_ENCODING else "strict")


# -- assembling threads ----------------------------------------------------


@dataclass
class _Draft:
    """A post before normalisation, cutting and numbering."""

    post_id: str
    kind: str
    text: str
    accepted: bool = False
    author: str | None = None
    score: int | None = None
    dropped_chars: int = 0  # characters a reader already left out to bound memory


def _assemble(
    thread_id: str, title: str, drafts: Iterable[_Draft], *, source: str, fmt: str, limit: int
) -> Iterator[Thread | InputProblem]:
    """Normalise, cut and number the posts; yield the problems met, then the thread (if any post is left)."""
    posts: list[Post] = []
    next_answer = 1  # answers are numbered from 1 even when the question itself was dropped
    for draft in drafts:
        # Stack Exchange bodies are HTML, already made plain; text and JSONL posts may be Markdown.
        text = normalise_text(draft.text if fmt == "stackexchange" else markdown_to_text(draft.text))
        if not text:
            yield InputProblem(source, Errors.W108.format(source=source, post_id=draft.post_id), fatal=False)
            continue
        total = len(text) + draft.dropped_chars
        if total > limit:
            text = _cut(text, limit)
            yield InputProblem(
                source, Errors.W109.format(source=source, post_id=draft.post_id, n=total, limit=limit), fatal=False
            )
        is_question = draft.kind == "question"
        position = 0 if is_question else next_answer
        next_answer += not is_question
        posts.append(
            Post(
                post_id=draft.post_id,
                thread_id=thread_id,
                position=position,
                kind="question" if is_question else "answer",
                text=text,
                accepted=bool(draft.accepted) and not is_question,
                title=title if is_question else None,
                author=draft.author,
                score=draft.score,
            )
        )
    if posts:
        yield Thread(thread_id=thread_id, title=title, posts=tuple(posts), source=source, format=fmt)


def _with_title(title: str, text: str) -> str:
    """The question's text starts with its title, so the title is analysed too."""
    if not title or text.lstrip().startswith(title):
        return text
    return f"{title}\n\n{text}" if text.strip() else title


# -- plain text --------------------------------------------------------------


@dataclass
class _TextPost:
    limit: int
    accepted: bool = False
    paragraphs: list[list[str]] = field(default_factory=list)
    chars: int = 0
    dropped: int = 0

    def add(self, line: str, new_paragraph: bool) -> None:
        if self.chars > self.limit:  # keep counting, stop storing: the post will be cut anyway
            self.dropped += len(line) + 1
            return
        if new_paragraph or not self.paragraphs:
            self.paragraphs.append([line])
        else:
            self.paragraphs[-1].append(line)
        self.chars += len(line) + 1

    @property
    def text(self) -> str:
        return "\n\n".join("\n".join(p) for p in self.paragraphs)


def _line_kind(line: str) -> str:
    stripped = line.strip()
    if not stripped:
        return "blank"
    if _ACCEPTED_MARKER.fullmatch(stripped):
        return "marker"
    if _FURNITURE.fullmatch(stripped):
        return "furniture"
    return "content"


def _classified_lines(path: Path, encoding: str) -> Iterator[tuple[str, str]]:
    with _open_text(path, encoding) as fh:
        for raw in fh:
            line = normalise_line(raw.rstrip("\n"))
            yield _line_kind(line), line


def _has_double_gaps(lines: Iterable[tuple[str, str]]) -> bool:
    """True when two non-blank lines have 2+ blank lines between them (furniture deleted first)."""
    run, seen_text = 0, False
    for kind, _ in lines:
        if kind == "furniture":
            continue
        if kind == "blank":
            run += 1
            continue
        if seen_text and run >= 2:
            return True
        run, seen_text = 0, True
    return False


def _read_text(path: Path, encoding: str, limit: int) -> Iterator[Thread | InputProblem]:
    """One thread per file: title line, question body, then answers.

    When the file has any gap of 2+ blank lines, such a gap separates posts and
    a single blank line separates paragraphs inside a post; otherwise every
    blank line starts a new post (and the question is the title plus the lines
    right under it). Furniture lines are deleted as if absent; an "Accepted
    answer" marker ends the current post and flags the next one.
    """
    threshold = 2 if _has_double_gaps(_classified_lines(path, encoding)) else 1
    posts: list[_TextPost] = []
    current: _TextPost | None = None
    run, pending_accept = 0, False
    for kind, line in _classified_lines(path, encoding):
        if kind == "furniture":
            continue
        if kind == "blank":
            run += 1
            continue
        if kind == "marker":
            current, pending_accept, run = None, True, 0
            continue
        if current is None or run >= threshold:
            is_question = not posts
            current = _TextPost(limit=limit, accepted=pending_accept and not is_question)
            if not is_question:
                pending_accept = False
            posts.append(current)
            current.add(line, new_paragraph=True)
        else:
            current.add(line, new_paragraph=run > 0)
        run = 0
    if not posts:
        return
    thread_id = path.stem
    title = _cut(_normalise_title(posts[0].paragraphs[0][0]), _MAX_TITLE_CHARS)
    drafts = [_Draft(f"{thread_id}-q", "question", posts[0].text, dropped_chars=posts[0].dropped)]
    drafts += [
        _Draft(f"{thread_id}-a{n}", "answer", p.text, accepted=p.accepted, dropped_chars=p.dropped)
        for n, p in enumerate(posts[1:], start=1)
    ]
    yield from _assemble(thread_id, title, drafts, source=str(path), fmt="text", limit=limit)


# -- Stack Exchange Posts.xml ------------------------------------------------


class _HTMLToText(HTMLParser):
    """Post bodies to plain text: blocks become paragraphs, list items "- " lines, <pre> stays verbatim."""

    BLOCKS = frozenset(
        "p div blockquote pre h1 h2 h3 h4 h5 h6 ul ol dl table hr figure section article aside details".split()
    )
    LINES = frozenset("li tr dt dd caption figcaption summary".split())
    HIDDEN = frozenset(("script", "style"))

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.pre = 0
        self.hidden = 0

    def _at_line_start(self) -> bool:
        return not self.parts or self.parts[-1].endswith("\n")

    def _break(self, newlines: str) -> None:
        # Consecutive breaks must not add up: "</li><li>" is one new line, not a blank line.
        if self.parts and self.parts[-1].endswith("\n") and len(newlines) == 1:
            return
        self.parts.append(newlines)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.HIDDEN:
            self.hidden += 1
        elif tag == "br":
            self.parts.append("\n")  # every <br> counts, even several in a row
        elif tag in self.BLOCKS:
            self.parts.append("\n\n")
            self.pre += tag == "pre"
        elif tag in self.LINES:
            self._break("\n")
            if tag == "li":
                # Kept as a Markdown list item: each item then starts a sentence of its own (entities.blocks_start_sentences).
                self.parts.append("- ")
        elif tag in ("td", "th") and not self._at_line_start():
            self.parts.append(" ")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in self.HIDDEN:
            self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in self.BLOCKS:
            self.parts.append("\n\n")
            if tag == "pre":
                self.pre = max(0, self.pre - 1)
        elif tag in self.LINES:
            self._break("\n")

    def handle_data(self, data: str) -> None:
        if self.hidden:
            return
        if self.pre:
            self.parts.append(data)
            return
        data = re.sub(r"\s+", " ", data)
        if self._at_line_start() or self.parts[-1] == "- ":
            data = data.lstrip()
        if data:
            self.parts.append(data)


def html_to_text(html: str) -> str:
    """Plain text of an HTML post body (entities unescaped, tags dropped, code kept as text)."""
    parser = _HTMLToText()
    parser.feed(html)
    parser.close()
    return normalise_text("".join(parser.parts))


@functools.cache
def _markdown() -> MarkdownIt:
    # No list rule: it would turn a line such as "1949. Field vanished." into list item 1949 and drop
    # the year. No indented code blocks: pasted prose is often indented. No link reference lines.
    from markdown_it import MarkdownIt  # only threads with markup pay for the import

    return MarkdownIt("commonmark", {"breaks": True, "html": True}).disable(["code", "list", "reference"])


def markdown_to_text(text: str) -> str:
    """Plain text of a post that may be Markdown (AskHistorians, copied sources) or HTML.

    Emphasis, links, headings, quotes and inline HTML lose their markup and keep
    their words; line breaks stay line breaks. Plain prose comes through as it was.
    """
    if not _MARKUP_HINT.search(text):
        return text  # most plain posts: no parse needed
    # "émigré stories.[1]", "in 1920[^2]": a footnote mark glued to a word would be read as part of it
    text = _FOOTNOTE_MARK.sub("", text)
    return html_to_text(_markdown().render(text))


_FOOTNOTE_MARK = re.compile(r"(?<=[^\s\[])\[\^?\d{1,3}\]")


# A character Markdown or HTML gives a meaning to; text without one renders to itself.
_MARKUP_HINT = re.compile(r"[*_`\\\[<>#&]|^\s*(?:=+|-{2,})\s*$", re.MULTILINE)


_PASS1_FIELDS = ("Id", "PostTypeId", "ParentId")
_PASS2_FIELDS = (
    "Id",
    "PostTypeId",
    "ParentId",
    "AcceptedAnswerId",
    "AnswerCount",
    "Body",
    "Title",
    "Score",
    "OwnerDisplayName",
    "OwnerUserId",
)
_QUESTION, _ANSWER = "1", "2"


def _key(value: str) -> int | str:
    # Ints keep the per-question map small; any other id still works as a string.
    value = value.strip()
    return int(value) if value.isdigit() else value


def _sort_key(value: str) -> tuple[int, int | str]:
    key = _key(value)
    return (0, key) if isinstance(key, int) else (1, key)


def _int_or_none(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def _iter_rows(path: Path, fields: tuple[str, ...]) -> Iterator[dict[str, str]]:
    """The <row> children of <posts>, one at a time, each element freed once read."""
    with open(path, "rb") as fh:
        depth = 0
        root: ET.Element | None = None
        for event, elem in ET.iterparse(fh, events=("start", "end")):
            if event == "start":
                depth += 1
                if root is None:
                    root = elem
                    if elem.tag.rpartition("}")[2] != "posts":
                        raise _NotPostsXML(elem.tag)
                continue
            depth -= 1
            if depth == 1 and root is not None:
                if elem.tag == "row":
                    yield {name: value for name in fields if (value := elem.get(name)) is not None}
                # Clearing the root drops every finished row, so memory stays flat.
                root.clear()


@dataclass
class _PendingThread:
    question: dict[str, str] | None = None
    answers: list[dict[str, str]] = field(default_factory=list)


def _count_answers(path: Path) -> tuple[set[int | str], dict[int | str, int], str | None]:
    """Pass 1: question ids and answers per question (ints only), and the XML error if any."""
    questions: set[int | str] = set()
    counts: dict[int | str, int] = {}
    try:
        for row in _iter_rows(path, _PASS1_FIELDS):
            kind = row.get("PostTypeId")
            if kind == _QUESTION and row.get("Id"):
                questions.add(_key(row["Id"]))
            elif kind == _ANSWER and row.get("ParentId"):
                parent = _key(row["ParentId"])
                counts[parent] = counts.get(parent, 0) + 1
    except ET.ParseError as err:
        return questions, counts, str(err)
    return questions, {q: counts.get(q, 0) for q in questions}, None


def _se_thread(pending: _PendingThread, *, source: str, limit: int) -> Iterator[Thread | InputProblem]:
    question = pending.question
    assert question is not None
    thread_id = question["Id"].strip()
    title = _normalise_title(question.get("Title", ""))
    accepted_id = (question.get("AcceptedAnswerId") or "").strip()

    def draft(row: dict[str, str], kind: str) -> _Draft:
        text = html_to_text(row.get("Body", ""))
        author = row.get("OwnerDisplayName") or row.get("OwnerUserId")
        return _Draft(
            post_id=row["Id"].strip(),
            kind=kind,
            text=_with_title(title, text) if kind == "question" else text,
            accepted=kind == "answer" and row["Id"].strip() == accepted_id,
            author=author.strip() if author else None,
            score=_int_or_none(row.get("Score")),
        )

    # Answers by score, best first, then by Id (older first): the order a reader of the site sees.
    answers = sorted(pending.answers, key=lambda r: (-(_int_or_none(r.get("Score")) or 0), _sort_key(r["Id"])))
    drafts = [draft(question, "question")] + [draft(a, "answer") for a in answers]
    yield from _assemble(thread_id, title, drafts, source=source, fmt="stackexchange", limit=limit)


def _read_stackexchange(path: Path, limit: int) -> Iterator[Thread | InputProblem]:
    """Two streaming passes over a Posts.xml.

    Pass 1 reads only Id/PostTypeId/ParentId and keeps a map question -> number
    of answers (ints). Pass 2 converts rows and yields each thread as soon as
    its question and all its answers have been seen, so only incomplete threads
    are held; dumps are ordered by Id, so threads complete soon after their
    posts. Other PostTypeIds (wikis, tag excerpts...) are ignored.

    On malformed XML (W105) the threads finished before the error are kept. A
    question whose ``AnswerCount`` is higher than the answers found before the
    error is incomplete and left out (W115); without ``AnswerCount`` a
    question is taken as complete with the answers that were read.
    """
    source = str(path)
    try:
        questions, expected, error = _count_answers(path)
    except _NotPostsXML as err:
        yield InputProblem(source, Errors.W111.format(source=source, tag=err.tag))
        return
    pending: dict[int | str, _PendingThread] = {}
    yielded = orphans = no_id = 0

    def complete(item: _PendingThread, key: int | str) -> bool:
        if item.question is None:
            return False
        need = expected.get(key, 0)
        if error is not None:
            need = max(need, _int_or_none(item.question.get("AnswerCount")) or 0)
        return len(item.answers) >= need

    try:
        for row in _iter_rows(path, _PASS2_FIELDS):
            kind = row.get("PostTypeId")
            if kind not in (_QUESTION, _ANSWER):
                continue
            if not (row.get("Id") or "").strip() or (kind == _ANSWER and not (row.get("ParentId") or "").strip()):
                no_id += 1
                continue
            if kind == _QUESTION:
                key = _key(row["Id"])
                item = pending.setdefault(key, _PendingThread())
                item.question = row
            else:
                key = _key(row["ParentId"])
                if key not in questions:
                    orphans += 1
                    continue
                item = pending.setdefault(key, _PendingThread())
                item.answers.append(row)
            if complete(item, key):
                del pending[key]
                for out in _se_thread(item, source=source, limit=limit):
                    yielded += isinstance(out, Thread)
                    yield out
    except ET.ParseError as err:
        error = error or str(err)
    if no_id:
        yield InputProblem(source, Errors.W114.format(source=source, n=no_id), fatal=False)
    if error is None:
        if orphans:
            yield InputProblem(source, Errors.W112.format(source=source, n=orphans), fatal=False)
        return
    # Answers whose question lies past the error are not orphans: they were cut off with it.
    cut = [item.question["Id"] for item in pending.values() if item.question is not None]
    if cut:
        shown = ", ".join(cut[:10]) + (", ..." if len(cut) > 10 else "")
        yield InputProblem(source, Errors.W115.format(source=source, n=len(cut), ids=shown), fatal=False)
    yield InputProblem(source, Errors.W105.format(source=source, reason=error, n=yielded), fatal=yielded == 0)


# -- JSONL -------------------------------------------------------------------


def _post_fields(item: object) -> tuple[str, dict[str, object]]:
    """(text, the rest) of a post given as a dict or as a bare string."""
    if isinstance(item, dict):
        # "body" (and "selftext" for a question) as the Stack Exchange and Reddit APIs name it.
        text = next((item[k] for k in ("text", "body", "selftext") if isinstance(item.get(k), str) and item[k]), "")
        return text, item
    return (item if isinstance(item, str) else ""), {}


def _optional_str(value: object) -> str | None:
    return None if value is None or value == "" else str(value)


def _optional_int(value: object) -> int | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int):
        return value
    return _int_or_none(str(value))


def _truthy(value: object) -> bool:
    # "false" as a string must not count as accepted.
    if isinstance(value, str):
        return value.strip().lower() in ("true", "yes", "1")
    return value is True or value == 1


def _json_drafts(thread_id: str, title: str, obj: dict[str, object]) -> list[_Draft]:
    """Drafts from the full form ("posts") or the compact form ("question" + "answers")."""
    if isinstance(obj.get("posts"), list):
        items = list(obj["posts"])  # type: ignore[arg-type]
        kinds = [it.get("kind") if isinstance(it, dict) else None for it in items]
        # The first post marked as the question (else the first post) leads; all others are answers.
        q_index = kinds.index("question") if "question" in kinds else 0
        ordered = [items[q_index]] + items[:q_index] + items[q_index + 1 :] if items else []
    else:
        answers = obj.get("answers")
        ordered = [obj.get("question")] + (list(answers) if isinstance(answers, list) else [])
    drafts: list[_Draft] = []
    for n, item in enumerate(ordered):
        text, extra = _post_fields(item)
        kind = "question" if n == 0 else "answer"
        default_id = f"{thread_id}-q" if n == 0 else f"{thread_id}-a{n}"
        drafts.append(
            _Draft(
                post_id=_optional_str(extra.get("post_id")) or _optional_str(extra.get("id")) or default_id,
                kind=kind,
                text=_with_title(title, text) if kind == "question" else text,
                accepted=_truthy(extra.get("accepted")) or _truthy(extra.get("is_accepted")),
                author=_optional_str(extra.get("author")),
                score=_optional_int(extra.get("score")),
            )
        )
    return drafts


def _is_json_thread(obj: object) -> bool:
    return (
        isinstance(obj, dict)
        and obj.get("thread_id") not in (None, "")
        and bool(obj.get("posts") and isinstance(obj["posts"], list) or "question" in obj)
    )


def _json_thread(obj: dict, source: str, fmt: str, limit: int) -> Iterator[Thread | InputProblem]:
    """One thread object of a JSON Lines file or a JSON list."""
    thread_id = str(obj["thread_id"]).strip()
    title = _normalise_title(str(obj.get("title") or ""))
    drafts = _json_drafts(thread_id, title, obj)
    if not title and drafts:  # no title given: the question's first line stands in
        title = _cut(_normalise_title(normalise_text(drafts[0].text).split("\n", 1)[0]), _MAX_TITLE_CHARS)
        drafts[0].text = _with_title(title, drafts[0].text)
    yield from _assemble(thread_id, title, drafts, source=source, fmt=fmt, limit=limit)


def _read_jsonl(path: Path, encoding: str, limit: int) -> Iterator[Thread | InputProblem]:
    """One thread per line; a bad line is reported (W106/W107) and skipped."""
    source = str(path)
    with _open_text(path, encoding) as fh:
        for number, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as err:
                yield InputProblem(source, Errors.W106.format(source=source, line=number, reason=err.msg), fatal=False)
                continue
            if not _is_json_thread(obj):
                yield InputProblem(source, Errors.W107.format(source=source, line=number), fatal=False)
                continue
            yield from _json_thread(obj, source, "jsonl", limit)


def _read_json_list(path: Path, encoding: str, limit: int) -> Iterator[Thread | InputProblem]:
    """A JSON list of thread objects (an export, read whole); a bad item is reported (W117) and skipped.

    A list that holds no thread object at all (say, a list of bare texts) is one
    W116 for the file, not a warning per item: it is not a thread file.
    """
    source = str(path)
    with _open_text(path, encoding) as fh:
        try:
            items = json.load(fh)
        except json.JSONDecodeError as err:
            raise InputRejected(InputProblem(source, Errors.W116.format(source=source, reason=f"not valid JSON ({err})")))
    if not isinstance(items, list) or not any(isinstance(item, dict) for item in items):
        reason = "a list with no thread object in it" if isinstance(items, list) else "not a list"
        raise InputRejected(InputProblem(source, Errors.W116.format(source=source, reason=reason)))
    for number, item in enumerate(items, start=1):
        if not _is_json_thread(item):
            yield InputProblem(source, Errors.W117.format(source=source, item=number), fatal=False)
            continue
        yield from _json_thread(item, source, "json", limit)


# -- entry points -----------------------------------------------------------


def read_threads(path: Path | str, *, max_post_chars: int = 100_000) -> Iterator[Thread | InputProblem]:
    """Threads of one file, interleaved with the problems met; never raises for bad input.

    A file that gives no thread at all always ends with a fatal problem.
    """
    path = Path(path)
    source = str(path)
    n_threads = 0
    fatal_seen = False
    try:
        fmt, bom = _sniff(path)
        if fmt == "stackexchange":
            items: Iterator[Thread | InputProblem] = _read_stackexchange(path, max_post_chars)
        else:
            encoding = _detect_encoding(path, bom)
            if encoding == _FALLBACK_ENCODING:
                yield InputProblem(source, Errors.W104.format(source=source, encoding=encoding), fatal=False)
            reader = {"jsonl": _read_jsonl, "json": _read_json_list}.get(fmt, _read_text)
            items = reader(path, encoding, max_post_chars)
        for item in items:
            if isinstance(item, Thread):
                n_threads += 1
            else:
                fatal_seen = fatal_seen or item.fatal
            yield item
    except InputRejected as err:
        fatal_seen = True
        yield err.problem
    except (OSError, UnicodeDecodeError) as err:
        # The file changed or failed under us mid-read; keep what was already yielded.
        reason = getattr(err, "strerror", None) or str(err)
        fatal_seen = n_threads == 0
        yield InputProblem(source, Errors.W101.format(source=source, reason=reason), fatal=fatal_seen)
    if n_threads == 0 and not fatal_seen:
        yield InputProblem(source, Errors.W110.format(source=source))


def _log_problem(problem: InputProblem) -> None:
    log.warning("%s", problem.message)


def iter_threads(
    paths: Sequence[Path | str],
    *,
    max_post_chars: int = 100_000,
    on_problem: Callable[[InputProblem], None] | None = None,
) -> Iterator[Thread]:
    """Every thread under ``paths`` (files or folders), in file order; problems go to ``on_problem``.

    A thread id seen before (the same thread in two files) is reported (W113)
    and only its first copy is yielded, so ids stay unique downstream. Raises
    CrossingsError(E004) when no input file is found at all.
    """
    report = on_problem or _log_problem
    files = discover_inputs(paths)
    first_file: dict[str, int] = {}  # thread id -> index into files; ints keep this small
    for index, path in enumerate(files):
        for item in read_threads(path, max_post_chars=max_post_chars):
            if isinstance(item, InputProblem):
                report(item)
                continue
            seen = first_file.get(item.thread_id)
            if seen is not None:
                message = Errors.W113.format(source=item.source, thread_id=item.thread_id, first=files[seen])
                report(InputProblem(item.source, message, fatal=False))
                continue
            first_file[item.thread_id] = index
            yield item
