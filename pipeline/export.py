"""`crossings export`: cases from the store as JSONL, CSV and Parquet; `--reviewed`: only those a person vouched for."""

from __future__ import annotations

from pathlib import Path

from pipeline.store import Store
from pipeline.writers import write_outputs

REVIEWED_STEM = "reviewed_cases"


def export_reviewed(store_path: Path, out_dir: Path) -> dict[str, Path]:
    """Write accepted and corrected cases (corrections applied) to out_dir/reviewed_cases.{jsonl,csv,parquet}.

    Rejected, unreviewed and stale cases are left out, and so are flagged
    ones: their evidence changed after the review, so they wait for a second
    look. Returns {"jsonl" | "csv" | "parquet": path}. Raises CrossingsError
    (E007) when the store does not exist.
    """
    with Store.open_existing(store_path) as store:
        cases = store.current_cases(reviewed_only=True)
    return write_outputs(cases, out_dir, stem=REVIEWED_STEM)


def export_cases(store_path: Path, out_dir: Path, reviewed_only: bool = False) -> dict[str, Path]:
    """All current cases (not stale, not rejected, corrections applied) as out_dir/cases.*; or, with
    ``reviewed_only``, what export_reviewed writes."""
    if reviewed_only:
        return export_reviewed(store_path, out_dir)
    with Store.open_existing(store_path) as store:
        cases = store.current_cases()
    return write_outputs(cases, out_dir)
