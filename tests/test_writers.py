"""cases.jsonl, cases.csv and cases.parquet: same rows, same order, exact round trips, atomic publication."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from pipeline.errors import CrossingsError
from pipeline.schema import ROW_COLUMNS, Case, Evidence
from pipeline.writers import (
    CaseWriter,
    read_cases_csv,
    read_cases_jsonl,
    read_cases_parquet,
    write_outputs,
)

READERS = {"jsonl": read_cases_jsonl, "csv": read_cases_csv, "parquet": read_cases_parquet}


def make_cases() -> list[Case]:
    rich_text = 'Zoë said: "we left, finally;\nfor Kharkov" — 北京 too'
    return [
        Case(
            thread_id="t2",
            post_ids=["10"],
            subject="Zoë Łukasiewicz",
            subject_type="person",
            origin="NA",  # a place written "NA" must stay text, not become null
            origin_country="Poland",
            destination="Kharkov",
            destination_country="Soviet Union",
            year_start=1932,
            year_end=1938,
            date_text="in 1932-1938",
            motive=["economic", "ideological"],
            motive_scores={"economic": 0.61, "ideological": 0.3712, "unknown": 0.0188},
            outcome="returned",
            evidence=[
                Evidence(post_id="10", text=rich_text, start=5, end=5 + len(rich_text)),
                Evidence(post_id="10", text="She came back.", start=80, end=94),
            ],
            confidence=0.1 + 0.2,
            destination_lat=49.9935,
            destination_lon=36.2304,
        ),
        Case(thread_id="t2", post_ids=["9"], subject="engineers", subject_type="group",
             evidence=[Evidence(post_id="9", text="engineers came", start=40, end=54)]),
        Case(thread_id="t2", post_ids=["9"], subject="a mathematician", subject_type="unnamed",
             evidence=[Evidence(post_id="9", text="a mathematician moved", start=3, end=24)]),
        Case(thread_id="t1", post_ids=[], subject="Nobody", subject_type="person", status="attempted"),
    ]


def expected_order(cases: list[Case]) -> list[str]:
    # t1 before t2; in t2 post 9 (start 3, then 40) before post 10 although "10" < "9" as text
    by_subject = {c.subject: c.case_id for c in cases}
    return [by_subject[s] for s in ("Nobody", "a mathematician", "engineers", "Zoë Łukasiewicz")]


def test_round_trip_all_formats_same_rows_same_order(tmp_path: Path) -> None:
    cases = make_cases()
    paths = write_outputs(cases, tmp_path)
    assert set(paths) == {"jsonl", "csv", "parquet"}
    by_id = {c.case_id: c for c in cases}
    for kind, read in READERS.items():
        back = read(paths[kind])
        assert [c.case_id for c in back] == expected_order(cases), kind
        assert back == [by_id[c.case_id] for c in back], kind
    assert "Zoë" in paths["jsonl"].read_text(encoding="utf-8")  # ensure_ascii=False
    assert paths["csv"].read_text(encoding="utf-8").splitlines()[0].split(",") == list(ROW_COLUMNS)


def test_parquet_types_are_stable_even_when_all_null(tmp_path: Path) -> None:
    cases = [Case(thread_id="t", post_ids=[], subject="X Y", subject_type="person")]
    schema = pq.read_schema(write_outputs(cases, tmp_path)["parquet"])
    assert schema.names == list(ROW_COLUMNS)
    assert schema.field("year_start").type == pa.int64()
    assert schema.field("origin").type == pa.string()
    assert schema.field("motive_score_economic").type == pa.float64()
    assert schema.field("confidence").type == pa.float64()
    empty = write_outputs([], tmp_path / "empty")
    assert pq.read_schema(empty["parquet"]) == schema.remove_metadata()
    assert all(read(empty[kind]) == [] for kind, read in READERS.items())


def test_same_cases_give_identical_files(tmp_path: Path) -> None:
    cases = make_cases()
    a = write_outputs(cases, tmp_path / "a")
    b = write_outputs(list(reversed(cases)), tmp_path / "b")
    for kind in ("jsonl", "csv", "parquet"):
        assert a[kind].read_bytes() == b[kind].read_bytes(), kind


def test_case_writer_in_batches_matches_write_outputs(tmp_path: Path) -> None:
    cases = make_cases()
    whole = write_outputs(cases, tmp_path / "whole")
    with CaseWriter(tmp_path / "batched", chunk_rows=2) as writer:
        writer.write(cases[2:])
        writer.write(cases[:2])
        assert len(writer) == 4
    for kind in ("jsonl", "csv"):
        assert writer.paths[kind].read_bytes() == whole[kind].read_bytes(), kind
    assert read_cases_parquet(writer.paths["parquet"]) == read_cases_parquet(whole["parquet"])
    assert sorted(p.name for p in (tmp_path / "batched").iterdir()) == ["cases.csv", "cases.jsonl", "cases.parquet"]


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_failure_mid_write_keeps_previous_files(tmp_path: Path) -> None:
    write_outputs(make_cases(), tmp_path)
    before = _snapshot(tmp_path)
    # JSONL accepts this case; the typed CSV/Parquet frame does not: the failure comes after writing started
    bad = Case(thread_id="t9", post_ids=[], subject="Bad", subject_type="person", confidence="high")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        write_outputs([*make_cases(), bad], tmp_path)
    assert _snapshot(tmp_path) == before  # same files, same bytes, no temporary files left


def test_exception_inside_case_writer_publishes_nothing(tmp_path: Path) -> None:
    write_outputs(make_cases()[:1], tmp_path)
    before = _snapshot(tmp_path)
    with pytest.raises(RuntimeError, match="boom"):
        with CaseWriter(tmp_path) as writer:
            writer.write(make_cases())
            raise RuntimeError("boom")
    assert _snapshot(tmp_path) == before


def test_unreadable_files_raise_coded_errors(tmp_path: Path) -> None:
    bad_jsonl = tmp_path / "cases.jsonl"
    bad_jsonl.write_text('{"thread_id": "t"\n', encoding="utf-8")
    with pytest.raises(CrossingsError, match=r"\[E030\].*line 1"):
        read_cases_jsonl(bad_jsonl)
    bad_csv = tmp_path / "cases.csv"
    bad_csv.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(CrossingsError, match=r"\[E032\].*missing columns"):
        read_cases_csv(bad_csv)
    with pytest.raises(CrossingsError, match=r"\[E032\]"):
        read_cases_parquet(bad_csv)
