"""Write cases to out_dir as cases.jsonl, cases.csv and cases.parquet, and read them back.

The three files hold the same rows in the same order: sorted by thread, then
the first evidence post (numbers in post ids compare as numbers), then where
the evidence starts, then case_id, so the same cases give byte-identical files
on every run. Each file is written to a temporary file first and all three are
renamed into place only after all three are complete: a failure leaves the
previous outputs as they were.

``CaseWriter`` takes cases batch by batch for large corpora: each batch is
spooled to a temporary JSONL file at once, and only the sort keys and file
offsets stay in memory; on close the spool is read back in sorted order, a
chunk at a time, into the three outputs. ``write_outputs`` is that writer
given one batch, so both paths produce the same files.
"""

from __future__ import annotations

import json
import os
import pickle
import re
import tempfile
import types
import typing
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import IO, Any, TypeVar

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.errors import CrossingsError, Errors
from pipeline.fileio import atomic_path
from pipeline.schema import ROW_COLUMNS, Case

JSONL_NAME = "cases.jsonl"
CSV_NAME = "cases.csv"
PARQUET_NAME = "cases.parquet"
CHUNK_ROWS = 5000  # rows per CSV chunk and Parquet row group when publishing
T = TypeVar("T")


def _column_types() -> dict[str, str]:
    """pandas dtype per row column, from Case's annotations: an all-null column still gets a stable type."""
    hints = typing.get_type_hints(Case)
    out: dict[str, str] = {}
    for column in ROW_COLUMNS:
        hint = hints.get(column)
        members = typing.get_args(hint) if isinstance(hint, types.UnionType) else (hint,)
        if column.startswith("motive_score_") or float in members:
            out[column] = "float64"
        elif int in members:
            out[column] = "Int64"
        else:
            out[column] = "string"
    return out


COLUMN_TYPES: dict[str, str] = _column_types()
_ARROW_TYPES = {"float64": pa.float64(), "Int64": pa.int64(), "string": pa.string()}
ARROW_SCHEMA = pa.schema([(c, _ARROW_TYPES[t]) for c, t in COLUMN_TYPES.items()])


def _natural(text: str) -> tuple[tuple[int, int | str], ...]:
    """Sort key in which digit runs compare as numbers: post "9" before post "10"."""
    return tuple((0, int(part)) if part.isdigit() else (1, part) for part in re.findall(r"\d+|\D+", text))


def dict_sort_key(d: dict[str, Any]) -> tuple[Any, ...]:
    """Thread, then first evidence's post (naturally: "9" before "10") and offset, then id."""
    first = d["evidence"][0] if d["evidence"] else None
    post = first["post_id"] if first else (d["post_ids"][0] if d["post_ids"] else "")
    return (d["thread_id"], _natural(post), first["start"] if first else -1, d["case_id"])


def cases_frame(cases: Iterable[Case]) -> pd.DataFrame:
    """Rows of Case.to_row() in ROW_COLUMNS order with the explicit column types."""
    return _rows_frame([c.to_row() for c in cases])


def _rows_frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=list(ROW_COLUMNS)).astype(COLUMN_TYPES)


def _publish(chunks: Iterable[tuple[list[str], list[dict[str, Any]]]], out_dir: Path, stem: str = "cases") -> dict[str, Path]:
    """Write the sorted chunks (JSONL lines and the same cases as CSV/Parquet rows) to all three files;
    rename them into place only once all three are complete."""
    paths = {kind: out_dir / f"{stem}.{kind}" for kind in ("jsonl", "csv", "parquet")}
    with ExitStack() as stack:
        tmp = {kind: stack.enter_context(atomic_path(path)) for kind, path in paths.items()}
        with (
            open(tmp["jsonl"], "w", encoding="utf-8", newline="\n") as jsonl,
            open(tmp["csv"], "w", encoding="utf-8", newline="") as csv,
            pq.ParquetWriter(tmp["parquet"], ARROW_SCHEMA) as parquet,
        ):
            header = True
            for lines, rows in chunks:
                jsonl.writelines(lines)
                frame = _rows_frame(rows)
                frame.to_csv(csv, header=header, index=False, lineterminator="\n")
                parquet.write_table(pa.Table.from_pandas(frame, schema=ARROW_SCHEMA, preserve_index=False))
                header = False
            if header:  # no cases: still a CSV header and a typed, empty Parquet table
                cases_frame([]).to_csv(csv, index=False, lineterminator="\n")
                parquet.write_table(ARROW_SCHEMA.empty_table())
    return paths


class CaseWriter:
    """Collect cases batch by batch, then publish the three output files, sorted, on close.

    ``with CaseWriter(out_dir) as w: w.write(batch)``. If the block raises,
    nothing is published and the previous files stay.
    """

    def __init__(self, out_dir: Path | str, chunk_rows: int = CHUNK_ROWS, stem: str = "cases") -> None:
        self.out_dir = Path(out_dir)
        self.stem = stem
        self.chunk_rows = chunk_rows
        self.paths: dict[str, Path] = {}
        # (sort key, offset, JSONL line length, row length) into the spool
        self._index: list[tuple[tuple[Any, ...], int, int, int]] = []
        self._spool: IO[bytes] | None = None
        self._spool_path: Path | None = None

    def __enter__(self) -> "CaseWriter":
        self.out_dir.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=".cases.", suffix=".spool", dir=self.out_dir)
        self._spool = os.fdopen(fd, "w+b")
        self._spool_path = Path(name)
        return self

    def write(self, cases: Iterable[Case]) -> None:
        self.write_dicts((case.to_dict(), None) for case in cases)

    def write_dicts(self, items: Iterable[tuple[dict[str, Any], str | None]]) -> None:
        """Cases as ``Case.to_dict()`` gives them, each with its JSON text when the caller has it
        (the store keeps it): the JSONL line is then that text, not a second encoding."""
        if self._spool is None:
            raise RuntimeError("CaseWriter.write() outside its `with` block")
        for d, text in items:
            # The JSONL line and the CSV/Parquet row are made now, once: publishing only reads them back.
            line = ((text if text is not None else json.dumps(d, ensure_ascii=False)) + "\n").encode("utf-8")
            row = pickle.dumps(Case.row_from_dict(d), protocol=pickle.HIGHEST_PROTOCOL)  # our own spool: fast to read back
            self._index.append((dict_sort_key(d), self._spool.tell(), len(line), len(row)))
            self._spool.write(line + row)

    def __len__(self) -> int:
        return len(self._index)

    def _sorted_chunks(self) -> Iterator[tuple[list[str], list[dict[str, Any]]]]:
        assert self._spool is not None
        self._spool.flush()
        order = sorted(self._index, key=lambda item: item[0])
        for start in range(0, len(order), self.chunk_rows):
            lines, rows = [], []
            for _, offset, line_length, row_length in order[start : start + self.chunk_rows]:
                self._spool.seek(offset)
                lines.append(self._spool.read(line_length).decode("utf-8"))
                rows.append(pickle.loads(self._spool.read(row_length)))
            yield lines, rows

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        try:
            if exc_type is None:
                self.paths = _publish(self._sorted_chunks(), self.out_dir, self.stem)
        finally:
            if self._spool is not None:
                self._spool.close()
                self._spool = None
            if self._spool_path is not None:
                self._spool_path.unlink(missing_ok=True)


def write_outputs(cases: Iterable[Case], out_dir: Path | str, stem: str = "cases") -> dict[str, Path]:
    """Write <stem>.jsonl, .csv and .parquet under out_dir; returns {"jsonl"|"csv"|"parquet": path}."""
    with CaseWriter(out_dir, stem=stem) as writer:
        writer.write(cases)
    return writer.paths


# -- readers ------------------------------------------------------------------


def read_jsonl(path: Path | str, parse: Callable[[dict[str, Any]], T], error: str = Errors.E030) -> list[T]:
    """parse() of each non-blank line's JSON object; ``error`` (with path, line, reason) names the first bad line."""
    path = Path(path)
    out = []
    with open(path, encoding="utf-8") as fh:
        for number, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
                if not isinstance(obj, dict):
                    raise ValueError("not a JSON object")
                out.append(parse(obj))
            except (ValueError, TypeError, AttributeError) as exc:  # JSONDecodeError is a ValueError
                raise CrossingsError(error.format(path=path, line=number, reason=exc)) from None
    return out


def read_cases_jsonl(path: Path | str) -> list[Case]:
    return read_jsonl(path, Case.from_dict)


def _cases_from_rows(rows: list[dict[str, Any]], columns: Iterable[str], path: Path) -> list[Case]:
    missing = [c for c in ("case_id", "thread_id", "subject", "subject_type", "evidence_json") if c not in columns]
    if missing:
        raise CrossingsError(Errors.E032.format(path=path, reason=f"missing columns {', '.join(missing)}"))
    try:
        return [Case.from_row(row) for row in rows]
    except (ValueError, TypeError, AttributeError) as exc:
        raise CrossingsError(Errors.E032.format(path=path, reason=exc)) from None


def _plain(value: Any) -> Any:
    """A Python scalar for a numpy one, None for a missing value."""
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return None
    return value.item() if hasattr(value, "item") else value


def read_cases_csv(path: Path | str) -> list[Case]:
    """Cases from cases.csv. Only an empty field is null: "NA" or "None" written as a place name stay text."""
    path = Path(path)
    try:
        frame = pd.read_csv(
            path,
            dtype=COLUMN_TYPES,
            keep_default_na=False,
            na_values=[""],
            encoding="utf-8",
        )
    except (OSError, ValueError, pd.errors.ParserError) as exc:
        raise CrossingsError(Errors.E032.format(path=path, reason=exc)) from None
    rows = [{k: _plain(v) for k, v in row.items()} for row in frame.to_dict("records")]
    return _cases_from_rows(rows, frame.columns, path)


def read_cases_parquet(path: Path | str) -> list[Case]:
    path = Path(path)
    try:
        table = pq.read_table(path)
    except (OSError, pa.ArrowException) as exc:
        raise CrossingsError(Errors.E032.format(path=path, reason=exc)) from None
    return _cases_from_rows(table.to_pylist(), table.schema.names, path)
