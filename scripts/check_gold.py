"""Check the hand-written gold files beside the dev and held-out threads.

Usage: .venv/bin/python scripts/check_gold.py [DIR ...]   (default: corpus/dev corpus/heldout)

Each <stem>.gold.jsonl must sit beside <stem>.txt; every line must be one JSON
object whose fields follow CASES.md and pipeline/schema.py, whose thread_id is
the stem, and whose evidence is copied verbatim from the thread. Exits 1 on any
error, so it can guard edits to the corpora.
"""

from __future__ import annotations

import functools
import json
import sys
from collections import Counter
from pathlib import Path

import pycountry

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.dates import read_table  # noqa: E402
from pipeline.places import POLITIES_PATH, resolve_place  # noqa: E402
from pipeline.schema import MOTIVE_LABELS, OUTCOMES, STATUSES, SUBJECT_TYPES, Case  # noqa: E402

REQUIRED = (
    "thread_id",
    "subject",
    "subject_type",
    "origin",
    "origin_country",
    "destination",
    "destination_country",
    "year_start",
    "year_end",
    "date_text",
    "status",
    "motive",
    "outcome",
    "evidence",
)
ALLOWED = set(REQUIRED) | {"optional"}
# States that existed at the time of a move but are gone now, and short names
# pycountry spells differently; CASES.md asks for these short forms.
EXTRA_COUNTRIES = {
    "Soviet Union",
    "East Germany",
    "West Germany",
    "Czechoslovakia",
    "Yugoslavia",
    "North Korea",
    "South Korea",
    "Russia",
    "Iran",
    "Syria",
    "Turkey",
}


@functools.cache
def _polities() -> frozenset[str]:
    """The states of their time the pipeline itself writes ("Ottoman Empire", "Palestine"): pipeline/data/polities.csv."""
    return frozenset(row["polity"] for _, row in read_table(POLITIES_PATH, ("polity",)) if row["polity"])


def known_country(name: str) -> bool:
    if name in EXTRA_COUNTRIES or name in _polities():
        return True
    place = resolve_place(name)
    if place is not None and place.country == name:
        return True  # a short name the pipeline itself writes ("Saint Helena", "Hong Kong")
    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            if getattr(country, attr, None) == name:
                return True
    return False


def check_line(obj: object, stem: str, text: str) -> list[str]:
    if not isinstance(obj, dict):
        return ["not a JSON object"]
    errors: list[str] = []
    missing = [k for k in REQUIRED if k not in obj]
    extra = [k for k in obj if k not in ALLOWED]
    if missing:
        errors.append(f"missing keys {missing}")
    if extra:
        errors.append(f"unknown keys {extra}")
    if missing:
        return errors
    if obj["thread_id"] != stem:
        errors.append(f"thread_id {obj['thread_id']!r} != file stem {stem!r}")
    if not isinstance(obj["subject"], str) or not obj["subject"].strip():
        errors.append("empty subject")
    if obj["subject_type"] not in SUBJECT_TYPES:
        errors.append(f"bad subject_type {obj['subject_type']!r}")
    if obj["status"] not in STATUSES:
        errors.append(f"bad status {obj['status']!r}")
    motive = obj["motive"]
    if not isinstance(motive, list) or not motive:
        errors.append("motive must be a non-empty list")
    else:
        bad = [m for m in motive if m not in MOTIVE_LABELS]
        if bad:
            errors.append(f"bad motive labels {bad}")
        if len(set(motive)) != len(motive):
            errors.append("repeated motive label")
    if obj["outcome"] is not None and obj["outcome"] not in OUTCOMES:
        errors.append(f"bad outcome {obj['outcome']!r}")
    for key in ("year_start", "year_end"):
        value = obj[key]
        if value is not None and (not isinstance(value, int) or isinstance(value, bool) or not 1500 <= value <= 2100):
            errors.append(f"bad {key} {value!r}")
    ys, ye = obj["year_start"], obj["year_end"]
    if isinstance(ys, int) and isinstance(ye, int) and ye < ys:
        errors.append(f"year_end {ye} before year_start {ys}")
    for key in ("origin", "origin_country", "destination", "destination_country", "date_text"):
        if obj[key] is not None and (not isinstance(obj[key], str) or not obj[key].strip()):
            errors.append(f"{key} must be a non-empty string or null")
    for key in ("origin_country", "destination_country"):
        if isinstance(obj[key], str) and not known_country(obj[key]):
            errors.append(f"{key} {obj[key]!r} is not a known short country name")
    for key in ("origin", "destination", "date_text"):
        # "as written": the phrase must occur in the thread.
        if isinstance(obj[key], str) and obj[key] not in text:
            errors.append(f"{key} {obj[key]!r} does not occur in the thread")
    evidence = obj["evidence"]
    if not isinstance(evidence, str) or not evidence.strip():
        errors.append("evidence must be a non-empty string")
    elif evidence not in text:
        errors.append(f"evidence not found verbatim: {evidence[:70]!r}")
    if "optional" in obj and not isinstance(obj["optional"], bool):
        errors.append("optional must be true or false")
    if not errors:
        try:
            Case.from_dict(obj)
        except (TypeError, ValueError) as exc:
            errors.append(f"Case.from_dict failed: {exc}")
    return errors


def check_dir(folder: Path) -> tuple[int, list[str]]:
    problems: list[str] = []
    total = 0
    for gold in sorted(folder.glob("*.gold.jsonl")):
        stem = gold.name[: -len(".gold.jsonl")]
        thread = folder / f"{stem}.txt"
        if not thread.exists():
            problems.append(f"{gold}: no thread file {thread.name}")
            continue
        text = thread.read_text(encoding="utf-8")
        n = n_optional = 0
        keys: Counter[tuple[object, ...]] = Counter()
        for lineno, line in enumerate(gold.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                problems.append(f"{gold.name}:{lineno}: blank line")
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                problems.append(f"{gold.name}:{lineno}: invalid JSON: {exc}")
                continue
            for err in check_line(obj, stem, text):
                problems.append(f"{gold.name}:{lineno}: {err}")
            if isinstance(obj, dict):
                n += 1
                n_optional += bool(obj.get("optional"))
                keys[(obj.get("subject"), obj.get("origin_country"), obj.get("destination_country"),
                      obj.get("year_start"), obj.get("status"))] += 1
        for key, count in keys.items():
            if count > 1:
                problems.append(f"{gold.name}: {count} cases share subject/route/year/status {key}")
        words = len(text.split())
        shown = gold.relative_to(ROOT) if gold.is_relative_to(ROOT) else gold
        print(f"{shown}: {n} cases ({n_optional} optional), thread {words} words")
        total += n
    for thread in sorted(folder.glob("*.txt")):
        if not (folder / f"{thread.stem}.gold.jsonl").exists():
            problems.append(f"{thread}: no gold file")
    return total, problems


def main(argv: list[str]) -> int:
    folders = [Path(a).resolve() for a in argv] or [ROOT / "corpus" / "dev", ROOT / "corpus" / "heldout"]
    grand = 0
    problems: list[str] = []
    for folder in folders:
        total, found = check_dir(folder)
        grand += total
        problems.extend(found)
    print(f"{grand} gold cases in all")
    for problem in problems:
        print("ERROR", problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
