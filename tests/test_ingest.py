"""Ingest: the three readers, content sniffing, bad input, stable ids, streaming."""

from __future__ import annotations

import json
import tracemalloc
from pathlib import Path

import pytest

from pipeline.errors import CrossingsError, InputProblem
from pipeline.ingest import (
    InputRejected,
    discover_inputs,
    html_to_text,
    iter_threads,
    markdown_to_text,
    normalise_text,
    read_threads,
    sniff_format,
)
from pipeline.progress import estimate_threads
from pipeline.schema import Thread


def read_all(path: Path, **kwargs: int) -> tuple[list[Thread], list[InputProblem]]:
    threads: list[Thread] = []
    problems: list[InputProblem] = []
    for item in read_threads(path, **kwargs):
        (threads if isinstance(item, Thread) else problems).append(item)
    return threads, problems


def codes(problems: list[InputProblem]) -> list[str]:
    return [p.message[1:5] for p in problems]


# -- plain text ------------------------------------------------------------------


def test_seed_thread_posts(seed_path: Path) -> None:
    threads, problems = read_all(seed_path)
    assert problems == []
    assert len(threads) == 1
    thread = threads[0]
    assert thread.thread_id == "westerners_soviet_bloc_thread"
    assert thread.format == "text"
    assert thread.title == "Were there any westerners who entered the soviet bloc to escape capitalism?"
    question, *answers = thread.posts
    assert (question.post_id, question.kind, question.position) == ("westerners_soviet_bloc_thread-q", "question", 0)
    assert question.text == thread.title  # the seed's question has no body
    assert question.title == thread.title
    assert len(answers) == 7
    assert [a.post_id for a in answers] == [f"westerners_soviet_bloc_thread-a{n}" for n in range(1, 8)]
    assert [a.position for a in answers] == list(range(1, 8))
    assert [a.accepted for a in answers] == [True] + [False] * 6

    first = answers[0]
    assert first.text.startswith("There was direct migration from Finland")
    assert len(first.text.split("\n\n")) == 2
    assert "Accepted answer" not in first.text

    witkin = [a for a in answers if "Zara Witkin" in a.text]
    assert len(witkin) == 1
    paragraphs = witkin[0].text.split("\n\n")
    assert len(paragraphs) == 3
    assert paragraphs[0].startswith("Some people did move there in the 1930s.")
    assert paragraphs[2].endswith("was arrested and quickly executed like many others.")

    assert any("Svetlana Alliluyeva" in a.text for a in answers)
    all_text = "\n".join(p.text for p in thread.posts)
    for furniture in ("More post", "Search Posts", "Related post"):
        assert furniture not in all_text


def test_text_single_blank_lines_separate_posts(tmp_path: Path) -> None:
    path = tmp_path / "single.txt"
    path.write_text(
        "Did anyone move east?\nI read about engineers.\n\nYes, many did in 1932.\n\nAccepted answer\n"
        "Some went to Kharkov.\n\nShare\nImprove this answer\nFollow\n\nanswered Mar 3, 2019 at 14:05\n",
        encoding="utf-8",
    )
    [thread], problems = read_all(path)
    assert problems == []
    question, *answers = thread.posts
    assert thread.title == "Did anyone move east?"
    assert question.text == "Did anyone move east?\nI read about engineers."
    assert [a.text for a in answers] == ["Yes, many did in 1932.", "Some went to Kharkov."]
    assert [a.accepted for a in answers] == [False, True]


def test_text_drops_answer_headings(tmp_path: Path) -> None:
    # Pages copied from a Q&A site put an "Answer" or "3 Answers" line above the answers.
    path = tmp_path / "headed.txt"
    path.write_text(
        "Who went west?\n\nAny names?\n\n\n2 Answers\n\nAnswer\n\nZygmunt Bauman left Warsaw in 1968.\n\n\n"
        "Answer\n\nOthers stayed.\n",
        encoding="utf-8",
    )
    [thread], _ = read_all(path)
    assert [p.text for p in thread.posts[1:]] == ["Zygmunt Bauman left Warsaw in 1968.", "Others stayed."]


def test_text_keeps_a_year_on_its_own_line_and_normalises(tmp_path: Path) -> None:
    path = tmp_path / "norm.txt"
    # CRLF, a decomposed "é", trailing spaces, and a lone year (not a vote count).
    path.write_bytes(
        "Who left Caf\u0065\u0301 society?   \r\n\r\n\r\nAnswer one.  \r\n\r\n1936\r\n\r\nStill answer one.\r\n".encode()
    )
    [thread], _ = read_all(path)
    assert thread.title == "Who left Café society?"
    assert len(thread.posts) == 2
    assert thread.posts[1].text == "Answer one.\n\n1936\n\nStill answer one."
    assert all("\r" not in p.text and " \n" not in p.text for p in thread.posts)


def test_normalise_text() -> None:
    assert normalise_text("  a \r\nb\t \r\n\r\n\r\n\r\nc\x00 ") == "a\nb\n\nc"
    assert normalise_text("e\u0301") == "\u00e9"


# -- Stack Exchange Posts.xml -------------------------------------------------

# Real dumps write newlines inside attribute values as &#xA; (XML turns a raw newline there into a space).
POSTS_XML = """<?xml version="1.0" encoding="utf-8"?>
<posts>
  <row Id="10" PostTypeId="1" AcceptedAnswerId="12" Score="7" AnswerCount="2" Title="Who moved to the USSR &amp; why?"
       Body="&lt;p&gt;Engineers went &lt;em&gt;east&lt;/em&gt; in the 1930s.&lt;/p&gt;&lt;p&gt;Which ones?&lt;/p&gt;"
       OwnerUserId="5" CreationDate="2019-01-01T00:00:00.000" />
  <row Id="11" PostTypeId="2" ParentId="10" Score="2" OwnerDisplayName="ann"
       Body="&lt;p&gt;Some examples:&lt;/p&gt;&lt;ul&gt;&lt;li&gt;John Scott&lt;/li&gt;&lt;li&gt;Zara Witkin&lt;/li&gt;&lt;/ul&gt;" />
  <row Id="21" PostTypeId="2" ParentId="20" Score="1"
       Body="&lt;p&gt;Fish &amp;amp; chips &lt;code&gt;x &amp;lt; y&lt;/code&gt;&lt;/p&gt;&lt;pre&gt;&lt;code&gt;a&#xA;  b&lt;/code&gt;&lt;/pre&gt;" />
  <row Id="12" PostTypeId="2" ParentId="10" Score="5" Body="&lt;p&gt;Fritz Houtermans went to Kharkov.&lt;br&gt;He was arrested.&lt;/p&gt;" />
  <row Id="13" PostTypeId="5" Body="&lt;p&gt;tag wiki, not a thread&lt;/p&gt;" />
  <row Id="20" PostTypeId="1" Score="0" Title="Second question" Body="&lt;p&gt;Body two.&lt;/p&gt;" />
  <row Id="22" PostTypeId="2" ParentId="20" Score="1" Body="&lt;p&gt;Another answer.&lt;/p&gt;" />
  <row Id="31" PostTypeId="2" ParentId="99" Score="1" Body="&lt;p&gt;Its question is not here.&lt;/p&gt;" />
</posts>
"""


def test_stackexchange_posts_xml(tmp_path: Path) -> None:
    path = tmp_path / "Posts.xml"
    path.write_text(POSTS_XML, encoding="utf-8")
    threads, problems = read_all(path)
    assert codes(problems) == ["W112"]  # the answer to question 99
    assert not problems[0].fatal
    assert [t.thread_id for t in threads] == ["10", "20"]
    first, second = threads
    assert first.format == "stackexchange"
    assert first.title == "Who moved to the USSR & why?"
    # Question first, then answers by score (best first), then by Id.
    assert [p.post_id for p in first.posts] == ["10", "12", "11"]
    assert [p.position for p in first.posts] == [0, 1, 2]
    assert [p.accepted for p in first.posts] == [False, True, False]
    assert first.posts[0].text == "Who moved to the USSR & why?\n\nEngineers went east in the 1930s.\n\nWhich ones?"
    assert first.posts[1].text == "Fritz Houtermans went to Kharkov.\nHe was arrested."
    assert first.posts[2].text == "Some examples:\n\n- John Scott\n- Zara Witkin"
    assert first.posts[2].author == "ann" and first.posts[2].score == 2
    assert first.posts[0].author == "5"
    # The answer that came before its question is in its thread; ties on score go by Id.
    assert [p.post_id for p in second.posts] == ["20", "21", "22"]
    assert second.posts[1].text == "Fish & chips x < y\n\na\n  b"


def test_truncated_posts_xml_keeps_complete_threads(tmp_path: Path) -> None:
    # Cut inside question 20's row: thread 10 is complete, answer 21 lost its question.
    cut_at = POSTS_XML.index('<row Id="20"')
    path = tmp_path / "Posts.xml"
    path.write_text(POSTS_XML[: cut_at + 30], encoding="utf-8")
    threads, problems = read_all(path)
    assert [t.thread_id for t in threads] == ["10"]
    assert [p.post_id for p in threads[0].posts] == ["10", "12", "11"]
    w105 = [p for p in problems if p.message.startswith("[W105]")]
    assert len(w105) == 1 and not w105[0].fatal
    assert str(path) in w105[0].message and "kept the 1 complete threads" in w105[0].message


def test_truncated_posts_xml_with_declared_answer_count(tmp_path: Path) -> None:
    # Question 20 declares two answers but only one arrives before the cut: left out (W115).
    xml = POSTS_XML.replace('Title="Second question"', 'AnswerCount="2" Title="Second question"')
    path = tmp_path / "Posts.xml"
    path.write_text(xml[: xml.index('<row Id="22"') + 30], encoding="utf-8")
    threads, problems = read_all(path)
    assert [t.thread_id for t in threads] == ["10"]
    assert set(codes(problems)) == {"W105", "W115"}


def test_xml_broken_before_any_thread_is_fatal(tmp_path: Path) -> None:
    path = tmp_path / "Posts.xml"
    path.write_text('<posts>\n  <row Id="1" PostTypeId="1" Title="x" Body="y"', encoding="utf-8")
    threads, problems = read_all(path)
    assert threads == []
    assert codes(problems) == ["W105"] and problems[0].fatal


def test_xml_that_is_not_posts(tmp_path: Path) -> None:
    path = tmp_path / "Users.xml"
    path.write_text('<users><row Id="1" DisplayName="x" /></users>', encoding="utf-8")
    threads, problems = read_all(path)
    assert threads == [] and codes(problems) == ["W111"] and problems[0].fatal


def test_posts_xml_streams_in_bounded_memory(tmp_path: Path) -> None:
    path = tmp_path / "Posts.xml"
    body = "&lt;p&gt;" + "He moved to Minsk in 1959 with his family. " * 120 + "&lt;/p&gt;"
    with path.open("w", encoding="utf-8") as fh:
        fh.write("<posts>\n")
        for q in range(1, 301):
            qid = q * 10
            fh.write(f'<row Id="{qid}" PostTypeId="1" Title="Q{q}" Body="{body}" />\n')
            for a in (1, 2):
                fh.write(f'<row Id="{qid + a}" PostTypeId="2" ParentId="{qid}" Score="{a}" Body="{body}" />\n')
        fh.write("</posts>\n")
    size = path.stat().st_size
    assert size > 4_000_000
    tracemalloc.start()
    try:
        n = sum(1 for item in read_threads(path) if isinstance(item, Thread))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert n == 300
    # Holding the parsed file (no element clearing) peaks above its size; streaming stays near one row.
    assert peak < size / 5


def test_html_to_text() -> None:
    html = "<h2>Title</h2><blockquote><p>Quoted &quot;text&quot;</p></blockquote><ol><li>one</li><li>two</li></ol>"
    assert html_to_text(html) == 'Title\n\nQuoted "text"\n\n- one\n- two'
    assert html_to_text("<p>a<script>alert(1)</script> b</p>") == "a b"


def test_markdown_to_text_keeps_the_words_and_drops_the_markup() -> None:
    md = (
        "**Jane Doe** left for [Lisbon](https://example.org/lisbon) in 1941.\n"
        "> She wrote *from there*.\n\n"
        "## Later\n\n"
        "* her brother followed &amp; stayed\n"
        "1946. The family went home.\n"
        "    An indented line of prose.\n"
        "A <b>tagged</b> word and an escaped \\* star."
    )
    assert markdown_to_text(md) == (
        "Jane Doe left for Lisbon in 1941.\n\nShe wrote from there.\n\nLater\n\n"
        "* her brother followed & stayed\n"  # bullets stay text: no list rule, so...
        "1946. The family went home.\n"  # ...a year opening a line is not taken for a list number
        "An indented line of prose.\n"
        "A tagged word and an escaped * star."
    )
    plain = "He moved to Riga in 1920-21, then on to Paris.\nA second line."
    assert markdown_to_text(plain) == plain


def test_markdown_posts_are_plain_text_in_text_and_jsonl_inputs(tmp_path: Path) -> None:
    (tmp_path / "md.txt").write_text(
        "Who left?\n\nAny names?\n\n\nAnswer\n\n**Joel Barr** went to [Prague](https://example.org) in 1950.\n",
        encoding="utf-8",
    )
    record = {"thread_id": "r1", "title": "Who left?", "question": "Any names?", "answers": ["_Anna Seghers_ went back to Berlin."]}
    (tmp_path / "md.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    text_thread = read_all(tmp_path / "md.txt")[0][0]
    jsonl_thread = read_all(tmp_path / "md.jsonl")[0][0]
    assert text_thread.posts[-1].text == "Joel Barr went to Prague in 1950."
    assert jsonl_thread.posts[-1].text == "Anna Seghers went back to Berlin."


# -- JSONL ---------------------------------------------------------------------


def test_jsonl_full_and_compact_forms_with_bad_lines(tmp_path: Path) -> None:
    lines = [
        json.dumps(
            {
                "thread_id": "t1",
                "title": "Who went to Cuba?",
                "posts": [
                    {"post_id": "p1", "text": "Who went to Cuba?\n\nDetails.", "kind": "question"},
                    {"post_id": "p2", "text": "Some Americans did.", "kind": "answer", "accepted": True, "score": 3},
                ],
            }
        ),
        "{not json",
        json.dumps({"title": "no id"}),
        "",
        json.dumps({"thread_id": 7, "title": "Compact", "question": "Any defectors?", "answers": ["Yes.", {"text": "No.", "accepted": True}]}),
    ]
    path = tmp_path / "threads.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    threads, problems = read_all(path)
    assert codes(problems) == ["W106", "W107"]
    assert "line 2" in problems[0].message and "line 3" in problems[1].message
    assert all(str(path) in p.message and not p.fatal for p in problems)
    full, compact = threads
    assert [p.post_id for p in full.posts] == ["p1", "p2"]
    assert full.posts[0].text == "Who went to Cuba?\n\nDetails."  # already starts with the title
    assert full.posts[1].accepted and full.posts[1].score == 3
    assert compact.thread_id == "7"
    assert [p.post_id for p in compact.posts] == ["7-q", "7-a1", "7-a2"]
    assert compact.posts[0].text == "Compact\n\nAny defectors?"
    assert [p.accepted for p in compact.posts] == [False, False, True]


def test_a_json_list_of_threads_reads_like_jsonl(tmp_path: Path) -> None:
    records = [
        {"thread_id": "t1", "title": "Who went to Cuba?", "question": "Who went?", "answers": ["Some Americans did."]},
        "a bare text",
        {"thread_id": "t2", "posts": [{"post_id": "q", "text": "Any defectors?", "kind": "question"}]},
    ]
    path = tmp_path / "export.json"
    path.write_text(json.dumps(records, indent=2), encoding="utf-8")
    assert sniff_format(path) == "json"
    threads, problems = read_all(path)
    assert [t.thread_id for t in threads] == ["t1", "t2"] and {t.format for t in threads} == {"json"}
    assert [p.post_id for p in threads[0].posts] == ["t1-q", "t1-a1"]
    assert codes(problems) == ["W117"] and "item 2" in problems[0].message and not problems[0].fatal
    assert estimate_threads([path]) == 2
    # The same threads as JSON Lines give the same posts.
    lines = tmp_path / "export.jsonl"
    lines.write_text("\n".join(json.dumps(r) for r in records if isinstance(r, dict)) + "\n", encoding="utf-8")
    assert [t.posts for t in read_all(lines)[0]] == [t.posts for t in threads]


@pytest.mark.parametrize(
    "content, reason",
    [
        (json.dumps(["Who moved abroad?", "Many families moved from Paris to London."]), "no thread object"),
        ('[{"thread_id": "t1", "question": "Who?"', "not valid JSON"),
    ],
)
def test_json_that_holds_no_threads_is_skipped_not_read_as_prose(tmp_path: Path, content: str, reason: str) -> None:
    path = tmp_path / "texts.json"
    path.write_text(content, encoding="utf-8")
    threads, problems = read_all(path)
    assert threads == []
    assert codes(problems) == ["W116"] and problems[0].fatal
    assert reason in problems[0].message and str(path) in problems[0].message


def test_prose_opening_with_a_bracket_is_still_text(tmp_path: Path) -> None:
    path = tmp_path / "thread.txt"
    path.write_text("[deleted] Who left Berlin in 1933?\n\n\nMany scientists did.\n", encoding="utf-8")
    assert sniff_format(path) == "text"
    assert len(read_all(path)[0]) == 1


def test_jsonl_posts_may_use_the_api_field_names(tmp_path: Path) -> None:
    # Stack Exchange's API gives HTML in "body", ids in "id" and "is_accepted"; Reddit's, Markdown.
    record = {
        "thread_id": "t9",
        "title": "Who left?",
        "posts": [
            {"id": 11, "kind": "question", "body": "<p>Who <em>left</em>?</p>"},
            {"id": 12, "body": "**Anna** went to Mexico in 1941.", "is_accepted": True},
        ],
    }
    path = tmp_path / "api.jsonl"
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    [thread], problems = read_all(path)
    assert problems == []
    assert [p.post_id for p in thread.posts] == ["11", "12"]
    assert thread.posts[0].text.endswith("Who left?") and "<" not in thread.posts[0].text
    assert thread.posts[1].text == "Anna went to Mexico in 1941." and thread.posts[1].accepted


# -- sniffing and bad files ----------------------------------------------------


def test_sniff_by_content_not_name(tmp_path: Path, seed_path: Path) -> None:
    jsonl_as_txt = tmp_path / "threads.txt"
    jsonl_as_txt.write_text(json.dumps({"thread_id": "j", "question": "Q?", "answers": ["A."]}) + "\n", encoding="utf-8")
    xml_as_dat = tmp_path / "dump.dat"
    xml_as_dat.write_text(POSTS_XML, encoding="utf-8")
    assert sniff_format(jsonl_as_txt) == "jsonl"
    assert sniff_format(xml_as_dat) == "stackexchange"
    assert sniff_format(seed_path) == "text"
    assert [t.thread_id for t in read_all(jsonl_as_txt)[0]] == ["j"]
    assert [t.format for t in read_all(xml_as_dat)[0]] == ["stackexchange", "stackexchange"]


def test_binary_and_empty_files_are_reported(tmp_path: Path) -> None:
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    blank = tmp_path / "blank.txt"
    blank.write_text("\n   \n\n", encoding="utf-8")
    only_furniture = tmp_path / "furniture.txt"
    only_furniture.write_text("Share\nFollow\n\nMore post\n", encoding="utf-8")
    for path, code in ((binary, "W103"), (empty, "W102"), (blank, "W102"), (only_furniture, "W110")):
        threads, problems = read_all(path)
        assert threads == []
        assert codes(problems) == [code] and problems[0].fatal and str(path) in problems[0].message
    with pytest.raises(InputRejected):
        sniff_format(binary)


def test_latin1_file_is_used_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "latin.txt"
    path.write_bytes("Who left M\u00fcnchen?\n\n\nA caf\u00e9 owner moved to Paris \u2013 in 1936.\n".encode("cp1252"))
    threads, problems = read_all(path)
    assert codes(problems) == ["W104"] and not problems[0].fatal
    assert threads[0].title == "Who left M\u00fcnchen?"
    assert threads[0].posts[1].text == "A caf\u00e9 owner moved to Paris \u2013 in 1936."


def test_unreadable_inputs(tmp_path: Path) -> None:
    folder = tmp_path / "a_folder"
    folder.mkdir()
    dangling = tmp_path / "gone.txt"
    dangling.symlink_to(tmp_path / "does_not_exist.txt")
    for path, why in ((folder, "folder"), (dangling, "broken symbolic link")):
        threads, problems = read_all(path)
        assert threads == []
        assert codes(problems) == ["W101"] and problems[0].fatal and why in problems[0].message


def test_huge_post_is_cut(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    path.write_text("A question?\n\n\n" + "He moved to Riga in 1940. " * 400 + "\n", encoding="utf-8")
    [thread], problems = read_all(path, max_post_chars=500)
    assert codes(problems) == ["W109"] and not problems[0].fatal
    assert "-a1" in problems[0].message
    answer = thread.posts[1].text
    assert 450 <= len(answer) <= 500
    assert answer.endswith("1940.")


def test_empty_post_is_dropped(tmp_path: Path) -> None:
    path = tmp_path / "e.jsonl"
    path.write_text(json.dumps({"thread_id": "e", "title": "T", "question": "Q?", "answers": ["  ", "Real."]}) + "\n")
    [thread], problems = read_all(path)
    assert codes(problems) == ["W108"] and not problems[0].fatal
    assert [(p.post_id, p.position) for p in thread.posts] == [("e-q", 0), ("e-a2", 1)]


# -- discovery, the main entry point, stable ids ------------------------------------


def test_discover_inputs(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / ".hidden_dir").mkdir()
    for name in ("b/z.txt", "a.txt", ".hidden.txt", "a.gold.jsonl", ".hidden_dir/x.txt", "b/y.jsonl"):
        (tmp_path / name).write_text("Q?\n", encoding="utf-8")
    assert discover_inputs([tmp_path]) == [tmp_path / "a.txt", tmp_path / "b" / "y.jsonl", tmp_path / "b" / "z.txt"]
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(CrossingsError, match="E004"):
        discover_inputs([empty, tmp_path / "missing"])


def test_iter_threads_reports_and_goes_on(tmp_path: Path, seed_path: Path) -> None:
    corpus = tmp_path / "corpus"
    (corpus / "dev").mkdir(parents=True)
    (corpus / "threads").mkdir()
    for folder in ("dev", "threads"):
        (corpus / folder / seed_path.name).write_bytes(seed_path.read_bytes())
    (corpus / "dev" / "bad.txt").write_bytes(b"\x00\x01\x02binary")
    (corpus / "threads" / "posts.dat").write_text(POSTS_XML, encoding="utf-8")
    problems: list[InputProblem] = []
    threads = list(iter_threads([corpus], on_problem=problems.append))
    assert [t.thread_id for t in threads] == ["westerners_soviet_bloc_thread", "10", "20"]
    assert sorted(codes(problems)) == ["W103", "W112", "W113"]
    duplicate = next(p for p in problems if p.message.startswith("[W113]"))
    assert "corpus/dev" in duplicate.message and not duplicate.fatal


def test_ids_are_stable_across_reads(tmp_path: Path, seed_path: Path) -> None:
    xml = tmp_path / "Posts.xml"
    xml.write_text(POSTS_XML, encoding="utf-8")

    def snapshot() -> list[tuple[str, str, tuple[str, ...]]]:
        return [
            (t.thread_id, t.content_hash, tuple(p.post_id for p in t.posts))
            for t in iter_threads([seed_path, xml], on_problem=lambda p: None)
        ]

    first = snapshot()
    assert len(first) == 3
    assert snapshot() == first


def test_a_footnote_mark_glued_to_a_word_is_dropped_and_a_footnote_line_kept() -> None:
    assert markdown_to_text("Harbin is one of the more fascinating émigré stories.[1]") == (
        "Harbin is one of the more fascinating émigré stories."
    )
    assert markdown_to_text("In 1920[^2] they *left*.") == "In 1920 they left."
    assert markdown_to_text("[1]: Olga Bakich, *Harbin Russian Imprints* (2002).") == "[1]: Olga Bakich, Harbin Russian Imprints (2002)."
