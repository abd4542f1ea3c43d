"""Score predicted cases against gold cases, by the rules at the end of CASES.md.

A prediction matches a gold case when (1) the thread is the same, (2) the
subjects agree and (3) the destination countries agree (or both are null).
Choices the rules leave open, made here once:

- Subject rule: the GOLD case's ``subject_type`` picks it (surname for
  ``person``, a shared content word for ``group``/``unnamed``), whatever type
  the prediction gives, so a mistyped subject can still match and its type is
  visible in the report instead of silently costing a case.
- Surnames: the last word of the name, case, accents, punctuation and a
  possessive ('s or ') ignored. A name whose own final "s" was elided before
  the apostrophe ("Houterman's" for Houtermans) still agrees: one trailing "s"
  of difference is tolerated.
- Content words: words of the subject, hyphens split, minus the stop words in
  ``data/eval_stopwords.txt`` and numbers, folded: plurals ("Jews" -> jew),
  "-men" compounds ("Frenchmen" -> french), "-ish" demonyms ("Jewish" -> jew,
  "Finnish" and "Finns" -> fin). "-ian" and "-ese" demonyms need no folding:
  their noun and adjective are the same word ("Russian", "Chinese").
- Destinations go through ``pipeline.places.canonical_country`` with the gold
  case's year (the state that existed then), so "USSR", "Russia" (1930s) and
  "Soviet Union" agree.
- One-to-one assignment per thread, maximising first the number of matches,
  then pairs whose year is right, then pairs with a non-optional gold case,
  then pairs whose motive is right, then evidence word overlap: a
  lexicographic maximum-weight matching (scipy's linear_sum_assignment).
- Only predictions from threads that have gold are scored; the rest are
  counted in ``EvaluationResult.ignored`` and reported.
- Year and motive accuracy are over matched pairs with a non-optional gold
  case. Motive macro-F1 takes, for each such pair, the predicted first label
  as truth when it is among the gold labels (the same test as motive
  accuracy) and the gold's first label otherwise.
- A ratio with nothing to divide (no predictions, no gold) is 0.0.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from pipeline.config import DATA_DIR
from pipeline.errors import CrossingsError, Errors
from pipeline.schema import MOTIVE_LABELS, SUBJECT_TYPES, Case
from pipeline.writers import read_jsonl

STOPWORDS_PATH = DATA_DIR / "eval_stopwords.txt"
GOLD_SUFFIX = ".gold.jsonl"

# Used only while pipeline.places is not importable: the aliases CASES.md names, nothing more.
_FALLBACK_COUNTRY_ALIASES: dict[str, str] = {
    "ussr": "Soviet Union",
    "gdr": "East Germany",
    "ddr": "East Germany",
    "usa": "United States",
    "us": "United States",
    "america": "United States",
    "united states of america": "United States",
    "uk": "United Kingdom",
    "britain": "United Kingdom",
}


# -- loading -----------------------------------------------------------------


@dataclass(frozen=True)
class GoldCase:
    """A gold case and what the Case record cannot carry: whether it is optional, and which file it came from."""

    case: Case
    optional: bool = False
    source: str = ""


def case_from_json(obj: dict[str, Any]) -> Case:
    """A Case from one JSON line (gold or predicted), checked against the contract; ValueError says what is wrong."""
    for key in ("thread_id", "subject"):
        if not isinstance(obj.get(key), str) or not obj[key].strip():
            raise ValueError(f"'{key}' must be a non-empty string")
    if obj.get("subject_type") not in SUBJECT_TYPES:
        raise ValueError(f"'subject_type' must be one of {', '.join(SUBJECT_TYPES)}, not {obj.get('subject_type')!r}")
    for key in ("year_start", "year_end"):
        value = obj.get(key)
        if value is not None and (not isinstance(value, int) or isinstance(value, bool)):
            raise ValueError(f"'{key}' must be a whole number or null, not {value!r}")
    motive = obj.get("motive", ["unknown"])
    labels = [motive] if isinstance(motive, str) else motive
    if not isinstance(labels, list) or not labels or any(m not in MOTIVE_LABELS for m in labels):
        raise ValueError(f"'motive' must be a non-empty list of {', '.join(MOTIVE_LABELS)}, not {motive!r}")
    return Case.from_dict(obj)


def load_gold(path: Path) -> list[GoldCase]:
    """Gold cases from one JSONL file, each with its ``optional`` flag; E008 names the first bad line."""
    return read_jsonl(
        path,
        lambda obj: GoldCase(case=case_from_json(obj), optional=bool(obj.get("optional", False)), source=str(path)),
        Errors.E008,
    )


def load_cases(path: Path) -> list[Case]:
    """Predicted cases from a JSONL file (``cases.jsonl``), checked like gold; E030 names the first bad line."""
    return read_jsonl(path, case_from_json)


def gold_files_in(directory: Path) -> list[Path]:
    """Every ``*.gold.jsonl`` under a folder, in a stable order."""
    return sorted(Path(directory).rglob(f"*{GOLD_SUFFIX}"))


# -- subject and destination agreement ----------------------------------------


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    lines = STOPWORDS_PATH.read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip().lower() for w in lines if w.strip() and not w.startswith("#"))


def _strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def words(text: str) -> list[str]:
    """Lower-case words with possessives and punctuation removed; hyphens and slashes split words."""
    out = []
    for raw in re.split(r"[\s\-\u2010-\u2015/]+", _strip_accents(text).casefold()):
        raw = raw.strip(".,;:!?()[]{}\"“”«»")
        raw = re.sub(r"['’](s)?$", "", raw)  # possessive: "Houterman's", "Houtermans'"
        word = re.sub(r"[^\w]|_", "", raw)  # "Mr." -> "mr", "O'Brien" -> "obrien"
        if word:
            out.append(word)
    return out


@lru_cache(maxsize=4096)
def surname(subject: str) -> str:
    """The last word of a name that has a letter in it ("Mr. Adams" -> "adams")."""
    named = [w for w in words(subject) if any(c.isalpha() for c in w)]
    return named[-1] if named else ""


def surnames_agree(a: str, b: str) -> bool:
    x, y = surname(a), surname(b)
    if not x or not y:
        return False
    # One trailing "s" of difference: "Houterman's" is how writers spell Houtermans's possessive.
    return x == y or x + "s" == y or y + "s" == x


def _singular(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith("men"):
        return word[:-3] + "man"
    if len(word) > 3 and word.endswith("es") and word[:-2].endswith(("s", "x", "z", "ch", "sh")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def fold(word: str) -> str:
    """One key for the forms of a word: plural, "-men" compound and "-ish" demonym ("Finns", "Finnish" -> "fin")."""
    while (single := _singular(word)) != word:  # to a fixed point, so "specimens" and "specimen" meet
        word = single
    if len(word) > 6 and word.endswith("man") and word[:-3].endswith(("ch", "sh")):
        word = word[:-3]  # Frenchman -> french, Englishman -> english
    if len(word) >= 5 and word.endswith("ish"):
        word = word[:-3]  # Jewish -> jew, Finnish -> finn, Polish -> pol
    if len(word) > 3 and word.endswith("e"):
        word = word[:-1]  # Poles/Polish, Danes/Danish, Swedes/Swedish meet once the e goes
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "aeiou":
        word = word[:-1]  # Finn/Finnish -> fin, Scott/Scots -> scot
    return word


def _is_number(word: str) -> bool:
    from spacy.lang.en.lex_attrs import like_num

    return any(c.isdigit() for c in word) or like_num(word)


@lru_cache(maxsize=4096)  # the same subjects are compared with every candidate
def content_words(subject: str) -> frozenset[str]:
    """Folded content words of a group or unnamed subject: no stop words, numbers or "people"."""
    stop = stop_words()
    out = set()
    for word in words(subject):
        single = _singular(word)
        if word in stop or single in stop or _is_number(word) or _is_number(single):
            continue
        out.add(fold(word))
    return frozenset(out)


def subjects_agree(gold: Case, pred: Case) -> bool:
    """Rule 2; the gold case's subject_type picks the test."""
    if gold.subject_type == "person":
        return surnames_agree(gold.subject, pred.subject)
    return bool(content_words(gold.subject) & content_words(pred.subject))


def _canonical_country(name: str, year: int | None) -> str | None:
    try:
        from pipeline.places import canonical_country
    except ImportError:
        return _fallback_country(name, year)
    return canonical_country(name, year=year)


def _fallback_country(name: str, year: int | None) -> str | None:
    key = re.sub(r"^the\s+", "", name.strip().casefold())
    if key == "russia":
        return "Russia" if year is not None and year >= 1992 else "Soviet Union"
    return _FALLBACK_COUNTRY_ALIASES.get(key)


def country_key(name: str | None, year: int | None) -> str | None:
    """The comparable form of a country: canonical name when known, else the name itself, case-folded."""
    if name is None or not name.strip():
        return None
    canonical = _canonical_country(name, year) or re.sub(r"^the\s+", "", name.strip(), flags=re.IGNORECASE)
    return canonical.casefold()


def destinations_agree(gold: Case, pred: Case) -> bool:
    """Rule 3. Both sides use the gold's year (else the prediction's): the state that existed at the move."""
    year = gold.year_start if gold.year_start is not None else pred.year_start
    return country_key(gold.destination_country, year) == country_key(pred.destination_country, year)


def is_candidate(gold: Case, pred: Case) -> bool:
    return gold.thread_id == pred.thread_id and subjects_agree(gold, pred) and destinations_agree(gold, pred)


def year_ok(gold: Case, pred: Case) -> bool:
    if gold.year_start is None or pred.year_start is None:
        return gold.year_start is None and pred.year_start is None
    return abs(gold.year_start - pred.year_start) <= 1


def first_motive(case: Case) -> str:
    return case.motive[0] if case.motive else "unknown"


def motive_ok(gold: Case, pred: Case) -> bool:
    return first_motive(pred) in gold.motive


def evidence_overlap(gold: Case, pred: Case) -> float:
    """Jaccard overlap of the evidence words: the last tie-breaker, so equal candidates go to the same sentence."""
    a = set(words(" ".join(e.text for e in gold.evidence)))
    b = set(words(" ".join(e.text for e in pred.evidence)))
    return len(a & b) / len(a | b) if a | b else 0.0


# -- assignment ----------------------------------------------------------------


def _assign(golds: list[GoldCase], preds: list[Case]) -> list[tuple[int, int]]:
    """Index pairs (gold, pred) of a one-to-one matching, best first by (count, year, non-optional, motive, overlap)."""
    levels: dict[tuple[int, int], tuple[int, ...]] = {}
    for i, g in enumerate(golds):
        for j, p in enumerate(preds):
            if is_candidate(g.case, p):
                overlap = round(evidence_overlap(g.case, p) * 10)
                # lowest level first; the final 1 is the match itself, the top level
                levels[(i, j)] = (overlap, int(motive_ok(g.case, p)), int(not g.optional), int(year_ok(g.case, p)), 1)
    if not levels:
        return []
    import numpy as np
    from scipy.optimize import linear_sum_assignment

    n = min(len(golds), len(preds))
    maxima = [10, 1, 1, 1, 1]
    weights = _lexicographic_weights(maxima, n)
    # Floats are exact only below 2**53: with a huge thread, drop the lowest tie-breakers first.
    while n * sum(m * w for m, w in zip(maxima, weights)) >= 2**52 and len(weights) > 2:
        maxima, weights = maxima[1:], _lexicographic_weights(maxima[1:], n)
    skip = 5 - len(weights)
    score = np.zeros((len(golds), len(preds)))
    for (i, j), values in levels.items():
        score[i, j] = sum(v * w for v, w in zip(values[skip:], weights))
    rows, cols = linear_sum_assignment(score, maximize=True)
    return [(int(i), int(j)) for i, j in zip(rows, cols) if (int(i), int(j)) in levels]


def _lexicographic_weights(maxima: list[int], n: int) -> list[int]:
    """Weights that make one unit of a level outweigh every lower level summed over n pairs."""
    weights: list[int] = []
    for _ in maxima:
        weights.append(n * sum(m * w for m, w in zip(maxima, weights)) + 1)
    return weights


# -- scores ----------------------------------------------------------------------


@dataclass
class Scores:
    n_gold: int  # non-optional gold cases
    n_gold_optional: int
    n_pred: int  # predictions scored (from threads with gold), including those matched to optional gold
    matched: int  # matches with a non-optional gold case
    precision: float
    recall: float
    f1: float
    year_accuracy: float
    motive_accuracy: float
    motive_macro_f1: float
    matched_optional: int = 0  # predictions matched to optional gold: in neither precision's numerator nor its denominator

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Match:
    gold: Case
    pred: Case
    optional: bool
    year_ok: bool
    motive_ok: bool

    def to_dict(self) -> dict[str, Any]:
        return {
            "gold": {**self.gold.to_dict(), "optional": self.optional},
            "pred": self.pred.to_dict(),
            "year_ok": self.year_ok,
            "motive_ok": self.motive_ok,
        }


@dataclass
class EvaluationResult:
    scores: Scores
    matches: list[Match]  # every matched pair, optional gold included
    missed: list[Case]  # non-optional gold cases no prediction matched
    unmatched: list[Case]  # predictions that matched no gold case
    per_thread: dict[str, Scores]
    ignored: int = 0  # predictions from threads without gold: not scored
    unmatched_optional: list[Case] = field(default_factory=list)  # optional gold nobody found: no penalty

    def to_json(self) -> dict[str, Any]:
        return {
            "scores": self.scores.to_dict(),
            "per_thread": {t: s.to_dict() for t, s in self.per_thread.items()},
            "ignored_predictions": self.ignored,
            "matches": [m.to_dict() for m in self.matches],
            "missed": [c.to_dict() for c in self.missed],
            "unmatched": [c.to_dict() for c in self.unmatched],
            "unmatched_optional": [c.to_dict() for c in self.unmatched_optional],
        }


def _ratio(a: int | float, b: int | float) -> float:
    return a / b if b else 0.0


def _motive_macro_f1(pairs: list[Match]) -> float:
    if not pairs:
        return 0.0
    from sklearn.metrics import f1_score

    y_pred = [first_motive(m.pred) for m in pairs]
    y_true = [p if m.motive_ok else first_motive(m.gold) for m, p in zip(pairs, y_pred)]
    labels = sorted(set(y_true) | set(y_pred))
    return float(f1_score(y_true, y_pred, labels=labels, average="macro", zero_division=0))


def _scores(golds: list[GoldCase], n_pred: int, matches: list[Match]) -> Scores:
    scored = [m for m in matches if not m.optional]
    n_gold = sum(not g.optional for g in golds)
    matched_optional = len(matches) - len(scored)
    precision = _ratio(len(scored), n_pred - matched_optional)
    recall = _ratio(len(scored), n_gold)
    return Scores(
        n_gold=n_gold,
        n_gold_optional=len(golds) - n_gold,
        n_pred=n_pred,
        matched=len(scored),
        precision=precision,
        recall=recall,
        f1=_ratio(2 * precision * recall, precision + recall),
        year_accuracy=_ratio(sum(m.year_ok for m in scored), len(scored)),
        motive_accuracy=_ratio(sum(m.motive_ok for m in scored), len(scored)),
        motive_macro_f1=_motive_macro_f1(scored),
        matched_optional=matched_optional,
    )


def evaluate(gold: list[GoldCase], pred: list[Case]) -> EvaluationResult:
    """Match predictions to gold thread by thread and score them; predictions from threads without gold are ignored."""
    gold_by_thread: dict[str, list[GoldCase]] = {}
    for g in gold:
        gold_by_thread.setdefault(g.case.thread_id, []).append(g)
    pred_by_thread: dict[str, list[Case]] = {t: [] for t in gold_by_thread}
    ignored = 0
    for p in pred:
        if p.thread_id in pred_by_thread:
            pred_by_thread[p.thread_id].append(p)
        else:
            ignored += 1

    matches: list[Match] = []
    missed: list[Case] = []
    unmatched: list[Case] = []
    unmatched_optional: list[Case] = []
    per_thread: dict[str, Scores] = {}
    for thread_id in sorted(gold_by_thread):
        golds, preds = gold_by_thread[thread_id], pred_by_thread[thread_id]
        pairs = sorted(_assign(golds, preds))
        thread_matches = [
            Match(
                gold=golds[i].case,
                pred=preds[j],
                optional=golds[i].optional,
                year_ok=year_ok(golds[i].case, preds[j]),
                motive_ok=motive_ok(golds[i].case, preds[j]),
            )
            for i, j in pairs
        ]
        matched_gold = {i for i, _ in pairs}
        matched_pred = {j for _, j in pairs}
        for i, g in enumerate(golds):
            if i not in matched_gold:
                (unmatched_optional if g.optional else missed).append(g.case)
        unmatched.extend(p for j, p in enumerate(preds) if j not in matched_pred)
        matches.extend(thread_matches)
        per_thread[thread_id] = _scores(golds, len(preds), thread_matches)

    n_pred = sum(len(p) for p in pred_by_thread.values())
    return EvaluationResult(
        scores=_scores(gold, n_pred, matches),
        matches=matches,
        missed=missed,
        unmatched=unmatched,
        per_thread=per_thread,
        ignored=ignored,
        unmatched_optional=unmatched_optional,
    )


def _expand_gold(paths: Iterable[Path]) -> list[Path]:
    files: list[Path] = []
    for path in map(Path, paths):
        files.extend(gold_files_in(path) if path.is_dir() else [path] if path.is_file() else [])
    return files


def evaluate_files(gold_paths: list[Path], pred_path: Path) -> EvaluationResult:
    """Score a predictions file (or an output folder holding cases.jsonl) against gold files or folders of them."""
    files = _expand_gold(gold_paths)
    if not files:
        raise CrossingsError(Errors.E031.format(paths=", ".join(str(p) for p in gold_paths)))
    pred_path = Path(pred_path)
    if pred_path.is_dir():
        pred_path = pred_path / "cases.jsonl"
    if not pred_path.is_file():
        raise CrossingsError(Errors.E009.format(path=pred_path))
    gold = [g for f in files for g in load_gold(f)]
    return evaluate(gold, load_cases(pred_path))


# -- text output -------------------------------------------------------------------


def format_scores(result: EvaluationResult) -> str:
    """A small aligned table of the scores, with per-thread F1 when there is more than one thread."""
    s = result.scores
    scored = s.matched
    rows = [
        ("precision", f"{s.precision:.3f}", f"{s.matched}/{s.n_pred - s.matched_optional} predictions"),
        ("recall", f"{s.recall:.3f}", f"{s.matched}/{s.n_gold} gold cases"),
        ("F1", f"{s.f1:.3f}", ""),
        ("year accuracy", f"{s.year_accuracy:.3f}", f"{sum(m.year_ok for m in result.matches if not m.optional)}/{scored} matched"),
        ("motive accuracy", f"{s.motive_accuracy:.3f}", f"{sum(m.motive_ok for m in result.matches if not m.optional)}/{scored} matched"),
        ("motive macro-F1", f"{s.motive_macro_f1:.3f}", "over first labels"),
        ("gold cases", str(s.n_gold), f"+ {s.n_gold_optional} optional"),
        ("predictions", str(s.n_pred), f"{s.matched_optional} matched optional gold (not scored)"),
    ]
    if result.ignored:
        rows.append(("ignored", str(result.ignored), "predictions from threads without gold"))
    lines = _table(("metric", "value", ""), rows)
    if len(result.per_thread) > 1:
        thread_rows = [
            (t, str(ts.n_gold), str(ts.n_pred), str(ts.matched), f"{ts.precision:.3f}", f"{ts.recall:.3f}", f"{ts.f1:.3f}")
            for t, ts in result.per_thread.items()
        ]
        lines += ["", *_table(("thread", "gold", "pred", "matched", "P", "R", "F1"), thread_rows)]
    return "\n".join(lines)


def _table(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> list[str]:
    widths = [max(len(r[k]) for r in (header, *rows)) for k in range(len(header))]
    return ["  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip() for row in (header, *rows)]


def _describe(case: Case) -> str:
    return (
        f"[{case.thread_id}] {case.subject} ({case.subject_type}) -> {case.destination_country or '?'}, "
        f"{case.year_start if case.year_start is not None else 'no year'}, motive {', '.join(case.motive)}"
    )


def _evidence_lines(case: Case, with_posts: bool) -> list[str]:
    out = []
    for e in case.evidence:
        where = f"post {e.post_id or '?'}: " if with_posts else ""
        out.append(f"      {where}\"{e.text.strip()}\"")
    return out or ["      (no evidence)"]


def format_report(result: EvaluationResult) -> str:
    """Why each number is what it is: missed gold, unmatched predictions, matched pairs with a wrong year or motive.

    Print it after format_scores(); it does not repeat the scores.
    """
    lines = [f"Missed gold cases ({len(result.missed)})"]
    for case in result.missed:
        lines += [f"  - {_describe(case)}", *_evidence_lines(case, with_posts=False)]
    lines += ["", f"Predictions that matched no gold case ({len(result.unmatched)})"]
    for case in result.unmatched:
        lines += [f"  - {_describe(case)}  case {case.case_id}", *_evidence_lines(case, with_posts=True)]
    wrong = [m for m in result.matches if not (m.year_ok and m.motive_ok)]
    lines += ["", f"Matched pairs with a wrong year or motive ({len(wrong)})"]
    for m in wrong:
        what = " and ".join(k for k, ok in (("year", m.year_ok), ("motive", m.motive_ok)) if not ok)
        tag = " (optional gold, not scored)" if m.optional else ""
        lines += [
            f"  - wrong {what}{tag}",
            f"      gold: {_describe(m.gold)}",
            f"      pred: {_describe(m.pred)}  case {m.pred.case_id}",
            *_evidence_lines(m.pred, with_posts=True),
        ]
    if result.unmatched_optional:
        lines += ["", f"Optional gold cases not found, no penalty ({len(result.unmatched_optional)})"]
        lines += [f"  - {_describe(c)}" for c in result.unmatched_optional]
    return "\n".join(lines)
