"""The motive classifier: why a subject moved, as the labels in CASES.md.

A scikit-learn Pipeline (word and character tf-idf, one calibrated logistic
regression per label) gives every label a probability; a case is scored from
its evidence sentence and its context, blended (see ``classify_cases``). Models live in versioned folders under ``models/motive/``; the
file ``CURRENT`` names the one in use. ``retrain`` builds a new version,
scores it, and promotes it only when it does at least as well as the current
one on the same held-out examples.

Models are stored with skops, never pickle: loading checks every type in the
file against the allow-list in ``pipeline/data/skops_trusted.txt``.
"""

from __future__ import annotations

import hashlib
import json
import os
import platform
import re
import shutil
import subprocess
import zipfile
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import numpy as np
import sklearn
import skops
import skops.io as sio
from skops.io.exceptions import UntrustedTypesFoundException
from sklearn.calibration import CalibratedClassifierCV
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import precision_recall_fscore_support
from sklearn.model_selection import StratifiedKFold
from sklearn.multiclass import OneVsRestClassifier
from sklearn.pipeline import FeatureUnion, Pipeline
from sklearn.preprocessing import MultiLabelBinarizer
from threadpoolctl import threadpool_limits

from pipeline.config import DATA_DIR, PROJECT_DIR, Settings
from pipeline.errors import CrossingsError, Errors
from pipeline.fileio import atomic_path, atomic_write_text
from pipeline.schema import MOTIVE_LABELS, Case

TRUSTED_TYPES_PATH = DATA_DIR / "skops_trusted.txt"
CURRENT_FILE = "CURRENT"
MODEL_FILE = "model.skops"
REPORT_FILE = "report.json"
CARD_FILE = "MODEL_CARD.md"
VERSION_RE = re.compile(r"^v(\d{3,})-[0-9a-f]{8}$")
UNKNOWN = "unknown"

DEFAULT_THRESHOLD = Settings.motive_threshold
DEFAULT_SEED = Settings.seed
CV_FOLDS = 5
HELDOUT_SHARE = 0.2
# Each label's classifier is calibrated on this many folds, so a label needs at
# least this many positive and negative examples to be trained at all.
CALIBRATION_FOLDS = 3
# Chosen by 5-fold CV on corpus/labelled (word min_df=2 drops one-off names,
# which carry no motive; character n-grams carry "deport-", "defect-" across
# word forms). C barely matters between 3 and 30.
LOGREG_C = 10.0
# classify_cases: how much the move's own sentence counts against its context (see there).
EVIDENCE_WEIGHT = 0.7


@dataclass
class Example:
    text: str
    labels: list[str]
    source: str = "corpus"  # anything else (e.g. "review") counts as reviewed data in report.json


# -- labelled data --------------------------------------------------------------


def training_labels(labels: Iterable[str]) -> list[str]:
    """Labels as the model learns them: unique, in order, and no "unknown" beside a real motive.

    The decision rule never outputs "unknown" together with another label, so
    a gold-style ["family", "unknown"] is learned as ["family"].
    """
    unique = list(dict.fromkeys(labels))
    real = [label for label in unique if label != UNKNOWN]
    return real or unique


def check_example(raw: object, where: str) -> Example:
    """One labelled example from parsed JSON (or an Example), validated; CrossingsError E006 names `where`."""
    if isinstance(raw, Example):
        text, labels, source = raw.text, raw.labels, raw.source
    elif isinstance(raw, dict):
        text, labels, source = raw.get("text"), raw.get("labels"), "corpus"
    else:
        raise CrossingsError(Errors.E006.format(path=where, reason='expected a JSON object {"text": ..., "labels": [...]}'))
    if not isinstance(text, str) or not text.strip():
        raise CrossingsError(Errors.E006.format(path=where, reason='"text" must be a non-empty string'))
    if isinstance(labels, (str, tuple)):
        labels = [labels] if isinstance(labels, str) else list(labels)
    if not isinstance(labels, list) or not labels or not all(isinstance(label, str) for label in labels):
        raise CrossingsError(Errors.E006.format(path=where, reason='"labels" must be a non-empty list of label names'))
    bad = [label for label in labels if label not in MOTIVE_LABELS]
    if bad:
        reason = f"unknown label(s) {', '.join(map(repr, bad))}; the labels are {', '.join(MOTIVE_LABELS)}"
        raise CrossingsError(Errors.E006.format(path=where, reason=reason))
    return Example(text=text.strip(), labels=training_labels(labels), source=source)


def load_examples(labelled_dir: Path) -> list[Example]:
    """Every example in labelled_dir/*.jsonl (files in name order, lines in file order)."""
    labelled_dir = Path(labelled_dir)
    files = sorted(labelled_dir.glob("*.jsonl"))
    if not files:
        raise CrossingsError(Errors.E006.format(path=labelled_dir, reason="no *.jsonl files in the folder"))
    examples: list[Example] = []
    for path in files:
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise CrossingsError(Errors.E006.format(path=path, reason=f"cannot be read as UTF-8 text ({exc})")) from exc
        for lineno, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            where = f"{path} line {lineno}"
            try:
                raw = json.loads(line)
            except json.JSONDecodeError as exc:
                raise CrossingsError(Errors.E006.format(path=where, reason=f"not valid JSON ({exc.msg})")) from exc
            examples.append(check_example(raw, where))
    if not examples:
        raise CrossingsError(Errors.E006.format(path=labelled_dir, reason="the *.jsonl files hold no examples"))
    return examples


def _text_key(text: str) -> str:
    return " ".join(text.split()).casefold()


def merge_examples(corpus: Sequence[Example], extra: Sequence[Example]) -> list[Example]:
    """Corpus then extra examples, one per text: a reviewed label overrides the corpus label for the same text.

    One example per text also keeps a sentence from sitting on both sides of the held-out split.
    """
    by_key: dict[str, Example] = {}
    for example in [*corpus, *extra]:
        key = _text_key(example.text)
        by_key.pop(key, None)  # re-insert so the order follows the last occurrence
        by_key[key] = example
    return list(by_key.values())


def data_hash(examples: Sequence[Example]) -> str:
    """sha256 of the examples, independent of their order."""
    lines = sorted(
        json.dumps({"text": e.text, "labels": e.labels, "source": e.source}, ensure_ascii=False, sort_keys=True)
        for e in examples
    )
    return hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()


# -- the model ---------------------------------------------------------------------


def build_pipeline(*, seed: int) -> Pipeline:
    """An unfitted pipeline. Only stock scikit-learn parts, so skops can store it without custom code."""
    features = FeatureUnion(
        [
            ("word", TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, strip_accents="unicode", min_df=2)),
            (
                "char",
                TfidfVectorizer(
                    analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, strip_accents="unicode", min_df=2
                ),
            ),
        ]
    )
    base = LogisticRegression(C=LOGREG_C, class_weight="balanced", solver="liblinear", random_state=seed)
    # Sigmoid calibration per label: a probability that means the same across labels, so one threshold fits all.
    calibrated = CalibratedClassifierCV(base, method="sigmoid", cv=CALIBRATION_FOLDS)
    return Pipeline([("features", features), ("clf", OneVsRestClassifier(calibrated))])


def binarize(label_lists: Sequence[Sequence[str]]) -> np.ndarray:
    """An (n, len(MOTIVE_LABELS)) 0/1 matrix; column i is MOTIVE_LABELS[i]."""
    return MultiLabelBinarizer(classes=list(MOTIVE_LABELS)).fit_transform(label_lists)


def train_model(examples: Sequence[Example], *, seed: int) -> Pipeline:
    """Fit a pipeline on the examples; its outputs are MOTIVE_LABELS in order."""
    y = binarize([e.labels for e in examples])
    for i, label in enumerate(MOTIVE_LABELS):
        positives = int(y[:, i].sum())
        negatives = len(examples) - positives
        if min(positives, negatives) < CALIBRATION_FOLDS:
            raise CrossingsError(
                Errors.E060.format(label=label, positives=positives, negatives=negatives, minimum=CALIBRATION_FOLDS)
            )
    # One BLAS thread: the per-label calibration solves hundreds of tiny problems, and
    # multi-threaded OpenBLAS spends more time waking threads than solving (3-4x slower).
    with threadpool_limits(limits=1):
        return build_pipeline(seed=seed).fit([e.text for e in examples], y)


def decide(scores: dict[str, float], threshold: float) -> list[str]:
    """Labels at or above the threshold, most likely first; else the single most likely label.

    "unknown" is dropped whenever a real motive also reaches the threshold.
    """
    ranked = sorted(scores, key=lambda label: (-scores[label], MOTIVE_LABELS.index(label)))
    chosen = [label for label in ranked if scores[label] >= threshold] or ranked[:1]
    return training_labels(chosen)


def trusted_types(path: Path = TRUSTED_TYPES_PATH) -> list[str]:
    """The skops allow-list: one fully qualified type name a line; '#' starts a comment."""
    lines = (line.split("#", 1)[0].strip() for line in Path(path).read_text(encoding="utf-8").splitlines())
    return [line for line in lines if line]


def save_pipeline(pipeline: Pipeline, path: Path) -> None:
    """Write the pipeline with skops, refusing (E061) to write what load_pipeline would refuse to read."""
    data = sio.dumps(pipeline, compression=zipfile.ZIP_DEFLATED, compresslevel=9)
    outside = sorted(set(sio.get_untrusted_types(data=data)) - set(trusted_types()))
    if outside:
        raise CrossingsError(Errors.E061.format(path=TRUSTED_TYPES_PATH, types=", ".join(outside)))
    with atomic_path(path) as tmp:
        tmp.write_bytes(data)


def load_pipeline(path: Path) -> Pipeline:
    """Load a skops file, trusting only the allow-list; CrossingsError E002 when that fails."""
    trusted = trusted_types()
    try:
        # skops audits every type against the allow-list before it builds anything (one pass over the file,
        # not two: loading is on the critical path of every run's start).
        pipeline = sio.load(path, trusted=trusted)
    except UntrustedTypesFoundException:
        outside = sorted(set(sio.get_untrusted_types(file=path)) - set(trusted))
        reason = f"it holds types outside the allow-list {TRUSTED_TYPES_PATH}: {', '.join(outside)}"
        raise CrossingsError(Errors.E002.format(path=path, reason=reason)) from None
    except Exception as exc:  # a damaged zip, a skops format from another version, ...
        raise CrossingsError(Errors.E002.format(path=path, reason=f"{type(exc).__name__}: {exc}")) from exc
    if not isinstance(pipeline, Pipeline):
        raise CrossingsError(Errors.E002.format(path=path, reason=f"it holds a {type(pipeline).__name__}, not a Pipeline"))
    return pipeline


def current_version(model_dir: Path) -> str | None:
    """The version named in model_dir/CURRENT, or None when there is none."""
    path = Path(model_dir) / CURRENT_FILE
    if not path.is_file():
        return None
    return path.read_text(encoding="utf-8").strip() or None


def _display_feature(name: str) -> str:
    """'word__to make' -> 'to make'; 'char__ depor' -> 'depor…' (a word start), ' war ' -> 'war'."""
    kind, _, gram = name.partition("__")
    if kind != "char":
        return gram
    core = gram.strip()
    if not core:
        return ""
    return f"{'' if gram.startswith(' ') else '…'}{core}{'' if gram.endswith(' ') else '…'}"


class MotiveModel:
    """A fitted pipeline plus the label order of its outputs and the version it came from."""

    def __init__(self, pipeline: Pipeline, version: str = "unsaved", labels: Sequence[str] = MOTIVE_LABELS) -> None:
        self.pipeline = pipeline
        self.version = version
        self.labels = tuple(labels)
        n_outputs = len(pipeline.named_steps["clf"].estimators_)
        if n_outputs != len(self.labels):
            raise ValueError(f"the pipeline predicts {n_outputs} labels but {len(self.labels)} label names were given")
        self._feature_names: np.ndarray | None = None

    @classmethod
    def load(cls, model_dir: Path) -> "MotiveModel":
        """The version model_dir/CURRENT names. E003 when there is none, E002 when it cannot be loaded."""
        model_dir = Path(model_dir)
        version = current_version(model_dir)
        if version is None:
            raise CrossingsError(Errors.E003.format(path=model_dir))
        path = model_dir / version / MODEL_FILE
        if not path.is_file():
            raise CrossingsError(Errors.E003.format(path=path))
        pipeline = load_pipeline(path)
        labels: Sequence[str] = MOTIVE_LABELS
        report = model_dir / version / REPORT_FILE
        if report.is_file():
            try:
                labels = json.loads(report.read_text(encoding="utf-8")).get("labels") or MOTIVE_LABELS
            except (OSError, json.JSONDecodeError) as exc:
                raise CrossingsError(Errors.E002.format(path=report, reason=f"unreadable report ({exc})")) from exc
        try:
            return cls(pipeline, version=version, labels=labels)
        except (ValueError, KeyError, AttributeError) as exc:
            raise CrossingsError(Errors.E002.format(path=path, reason=exc)) from exc

    def scores(self, texts: Sequence[str]) -> list[dict[str, float]]:
        """A probability for every label in MOTIVE_LABELS (0.0 for any label this model never learned)."""
        if not texts:
            return []
        proba = self.pipeline.predict_proba(list(texts))
        out = []
        for row in proba:
            known = dict(zip(self.labels, (float(p) for p in row)))
            out.append({label: known.get(label, 0.0) for label in MOTIVE_LABELS})
        return out

    def predict(self, texts: list[str], threshold: float = DEFAULT_THRESHOLD) -> list[tuple[list[str], dict[str, float]]]:
        """(labels most likely first, probability of every label) for each text."""
        return [(decide(label_scores, threshold), label_scores) for label_scores in self.scores(texts)]

    def explain(self, text: str, label: str, k: int = 8) -> list[tuple[str, float]]:
        """The k n-grams of `text` that push hardest towards `label`: tf-idf value times the label's weight.

        The weight is the logistic regression coefficient averaged over the
        calibration folds. Word and character n-grams that show the same text
        are summed; only features that raise the label's probability are kept.
        """
        if label not in self.labels:
            raise CrossingsError(Errors.E012.format(field="label", value=label, hint=f"Use one of: {', '.join(self.labels)}."))
        features = self.pipeline.named_steps["features"]
        estimator = self.pipeline.named_steps["clf"].estimators_[self.labels.index(label)]
        if isinstance(estimator, CalibratedClassifierCV):
            coef = np.mean([c.estimator.coef_.ravel() for c in estimator.calibrated_classifiers_], axis=0)
        else:
            coef = np.ravel(estimator.coef_)
        if self._feature_names is None:
            self._feature_names = features.get_feature_names_out()
        row = features.transform([text]).tocsr()
        totals: dict[str, float] = {}
        for index, value in zip(row.indices, row.data):
            name = _display_feature(str(self._feature_names[index]))
            if not name:
                continue
            totals[name] = totals.get(name, 0.0) + float(value * coef[index])
        ranked = sorted(((n, w) for n, w in totals.items() if w > 0), key=lambda t: (-t[1], t[0]))
        return [(name, round(weight, 4)) for name, weight in ranked[:k]]


def blend(evidence: dict[str, float], context: dict[str, float], evidence_weight: float) -> dict[str, float]:
    """Per-label weighted mean of the scores from the move's own sentence and from its context."""
    return {label: evidence_weight * evidence[label] + (1 - evidence_weight) * context[label] for label in evidence}


def classify_cases(
    cases: list[Case], model: MotiveModel, threshold: float, evidence_weight: float = EVIDENCE_WEIGHT
) -> list[Case]:
    """Set motive and motive_scores on every case, in one batch.

    A case's context (its sentence and the neighbours) often carries the
    motives of other moves nearby ("He soon moved back." after "...for
    political reasons"), while the evidence sentence alone misses a motive
    stated next door. Scoring both and blending them beats either alone: on
    the 10 dev threads, first-label motive accuracy of matched cases was 0.55
    from the context, 0.63 from the evidence, 0.68 blended 0.7/0.3 (and above
    both for any weight from 0.5 to 0.85). Without one of the two texts, the
    other is used alone.
    """
    evidence = [" ".join(e.text for e in c.evidence).strip() for c in cases]
    context = [c.context.strip() for c in cases]
    # Moves in one sentence share their texts, and the character n-grams cost most of the time:
    # each distinct text is scored once.
    unique = list(dict.fromkeys(evidence + context))
    scored = dict(zip(unique, model.scores(unique)))
    for i, case in enumerate(cases):
        from_evidence, from_context = scored[evidence[i]], scored[context[i]]
        if evidence[i] and context[i]:
            case_scores = blend(from_evidence, from_context, evidence_weight)
        else:
            case_scores = from_evidence if evidence[i] else from_context
        case.motive = decide(case_scores, threshold)
        case.motive_scores = case_scores
    return cases


# -- evaluation --------------------------------------------------------------------


def score_predictions(gold: Sequence[Sequence[str]], predicted: Sequence[Sequence[str]]) -> dict[str, Any]:
    """Macro-F1, per-label precision/recall/F1/support, and how often the first prediction is a gold label.

    Macro-F1 averages over the labels that occur in the gold or the predictions,
    so a small sample missing a label is not scored as a zero for it.
    """
    y_true, y_pred = binarize(gold), binarize(predicted)
    precision, recall, f1, support = precision_recall_fscore_support(y_true, y_pred, average=None, zero_division=0)
    active = [i for i in range(len(MOTIVE_LABELS)) if y_true[:, i].any() or y_pred[:, i].any()]
    per_label = {
        label: {
            "precision": round(float(precision[i]), 4),
            "recall": round(float(recall[i]), 4),
            "f1": round(float(f1[i]), 4),
            "support": int(support[i]),
        }
        for i, label in enumerate(MOTIVE_LABELS)
    }
    first_ok = [bool(p) and p[0] in g for g, p in zip(gold, predicted)]
    return {
        "n": len(gold),
        "macro_f1": round(float(np.mean(f1[active])) if active else 0.0, 4),
        "first_label_accuracy": round(float(np.mean(first_ok)) if first_ok else 0.0, 4),
        "per_label": per_label,
    }


def score_model(model: MotiveModel, examples: Sequence[Example], threshold: float = DEFAULT_THRESHOLD) -> dict[str, Any]:
    predicted = [labels for labels, _ in model.predict([e.text for e in examples], threshold=threshold)]
    return score_predictions([e.labels for e in examples], predicted)


def _unit_hash(seed: int, text: str) -> float:
    digest = hashlib.sha256(f"{seed}\x1f{_text_key(text)}".encode("utf-8")).hexdigest()
    return int(digest[:15], 16) / 16**15


def split_heldout(
    examples: Sequence[Example], *, seed: int, share: float = HELDOUT_SHARE
) -> tuple[list[Example], list[Example]]:
    """(train, held-out), stratified by first label: in each label's group the round(share * n)
    examples with the lowest seeded hash of their text are held out.

    Ranking by a hash of the text, rather than shuffling, keeps the split
    nearly stable when reviewed examples are added: an example only changes
    side when its group's quota or a new example's hash moves the boundary
    past it. An earlier model re-scored on a later split has therefore (almost)
    never trained on those examples, so the before/after comparison is fair.
    """
    groups: dict[str, list[int]] = {}
    for i, example in enumerate(examples):
        groups.setdefault(example.labels[0], []).append(i)
    held: set[int] = set()
    for members in groups.values():
        ranked = sorted(members, key=lambda i: (_unit_hash(seed, examples[i].text), _text_key(examples[i].text)))
        held.update(ranked[: round(share * len(members))])
    train = [e for i, e in enumerate(examples) if i not in held]
    heldout = [e for i, e in enumerate(examples) if i in held]
    return train, heldout


def cross_validate(
    examples: Sequence[Example], *, seed: int, folds: int = CV_FOLDS, threshold: float = DEFAULT_THRESHOLD
) -> dict[str, Any]:
    """Stratified (by first label), seeded k-fold CV: mean macro-F1 over folds; per-label scores from all folds pooled."""
    examples = list(examples)
    first = [e.labels[0] for e in examples]
    splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=seed)
    predicted: list[list[str]] = [[] for _ in examples]
    fold_f1: list[float] = []
    for train_idx, test_idx in splitter.split(np.zeros(len(examples)), first):
        model = MotiveModel(train_model([examples[i] for i in train_idx], seed=seed))
        fold_pred = [labels for labels, _ in model.predict([examples[i].text for i in test_idx], threshold=threshold)]
        fold_f1.append(score_predictions([examples[i].labels for i in test_idx], fold_pred)["macro_f1"])
        for i, labels in zip(test_idx, fold_pred):
            predicted[i] = labels
    pooled = score_predictions([e.labels for e in examples], predicted)
    return {
        "folds": folds,
        "macro_f1": round(float(np.mean(fold_f1)), 4),
        "macro_f1_std": round(float(np.std(fold_f1)), 4),
        "macro_f1_folds": fold_f1,
        "pooled_macro_f1": pooled["macro_f1"],
        "first_label_accuracy": pooled["first_label_accuracy"],
        "per_label": pooled["per_label"],
    }


@dataclass
class Evaluation:
    cv: dict[str, Any]
    heldout: dict[str, Any]
    model: MotiveModel  # trained on the training split: the model the held-out scores describe
    train_examples: list[Example]
    heldout_examples: list[Example]


def evaluate_model(
    examples: Sequence[Example],
    *,
    seed: int = DEFAULT_SEED,
    threshold: float = DEFAULT_THRESHOLD,
    folds: int = CV_FOLDS,
    heldout_share: float = HELDOUT_SHARE,
) -> Evaluation:
    """Cross-validate on all examples, then train on the training split and score the held-out split."""
    cv = cross_validate(examples, seed=seed, folds=folds, threshold=threshold)
    train, heldout = split_heldout(examples, seed=seed, share=heldout_share)
    if not heldout:
        raise CrossingsError(Errors.E006.format(path="the training examples", reason="too few to hold any out for testing"))
    model = MotiveModel(train_model(train, seed=seed))
    return Evaluation(cv, score_model(model, heldout, threshold), model, train, heldout)


# -- versions, retraining, promotion ------------------------------------------------


@dataclass
class RetrainResult:
    version: str
    path: Path
    promoted: bool
    reason: str
    before: dict[str, Any] | None  # the current model on the new held-out split; None when there was none
    after: dict[str, Any]


def _version_number(name: str) -> int | None:
    match = VERSION_RE.match(name)
    return int(match.group(1)) if match else None


def list_versions(model_dir: Path) -> list[str]:
    """Version folders in model_dir, oldest first."""
    if not Path(model_dir).is_dir():
        return []
    found = [p.name for p in Path(model_dir).iterdir() if p.is_dir() and _version_number(p.name) is not None]
    return sorted(found, key=lambda name: _version_number(name) or 0)


def next_version(model_dir: Path, digest: str) -> str:
    """v{N:03d}-{hash8}: N is one more than the highest existing number (the count, unless one was deleted)."""
    numbers = [_version_number(name) or 0 for name in list_versions(model_dir)]
    return f"v{max(numbers, default=0) + 1:03d}-{digest[:8]}"


def git_revision(cwd: Path = PROJECT_DIR) -> str | None:
    try:
        done = subprocess.run(["git", "rev-parse", "HEAD"], cwd=cwd, capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return None
    if done.returncode != 0:
        return None
    return done.stdout.strip() or None


def _summary(version: str, heldout: dict[str, Any], cv_macro_f1: float | None) -> dict[str, Any]:
    """The numbers a before/after comparison shows; before and after have the same keys."""
    return {
        "version": version,
        "heldout_macro_f1": heldout["macro_f1"],
        "cv_macro_f1": cv_macro_f1,
        "heldout_first_label_accuracy": heldout["first_label_accuracy"],
        "f1": {label: scores["f1"] for label, scores in heldout["per_label"].items()},
    }


def _current_summary(model_dir: Path, heldout: Sequence[Example], threshold: float) -> tuple[dict[str, Any] | None, str]:
    """The current model re-scored on the new held-out split, or (None, why)."""
    version = current_version(model_dir)
    if version is None:
        return None, "there was no current model"
    try:
        model = MotiveModel.load(model_dir)
    except CrossingsError as exc:
        return None, f"the current model could not be loaded ({exc})"
    cv_macro_f1 = None
    report = model_dir / version / REPORT_FILE
    if report.is_file():
        try:
            cv_macro_f1 = json.loads(report.read_text(encoding="utf-8")).get("cv", {}).get("macro_f1")
        except (OSError, json.JSONDecodeError):
            cv_macro_f1 = None
    return _summary(version, score_model(model, heldout, threshold), cv_macro_f1), ""


def _promotion(before: dict[str, Any] | None, after: dict[str, Any], why_none: str, force: bool) -> tuple[bool, str]:
    if before is None:
        return True, f"promoted: {why_none}"
    new, old = after["heldout_macro_f1"], before["heldout_macro_f1"]
    if new >= old:
        return True, f"promoted: held-out macro-F1 {new:.3f} >= {old:.3f} of {before['version']}"
    if force:
        return True, f"promoted (forced): held-out macro-F1 {new:.3f} < {old:.3f} of {before['version']}"
    return False, f"not promoted: held-out macro-F1 {new:.3f} < {old:.3f} of {before['version']}; use force to promote anyway"


def _report(
    version: str,
    examples: Sequence[Example],
    evaluation: Evaluation,
    digest: str,
    seed: int,
    threshold: float,
    promotion: dict[str, Any],
) -> dict[str, Any]:
    counts = Counter(label for e in examples for label in e.labels)
    return {
        "version": version,
        "created": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "labels": list(MOTIVE_LABELS),
        "threshold": threshold,
        "seed": seed,
        "data_sha256": digest,
        "n_examples": len(examples),
        "n_examples_reviewed": sum(e.source != "corpus" for e in examples),
        "n_train": len(evaluation.train_examples),
        "n_heldout": len(evaluation.heldout_examples),
        "n_train_reviewed": sum(e.source != "corpus" for e in evaluation.train_examples),
        "label_counts": {label: counts.get(label, 0) for label in MOTIVE_LABELS},
        "n_multi_label": sum(len(e.labels) > 1 for e in examples),
        "cv": evaluation.cv,
        "heldout": evaluation.heldout,
        "promotion": promotion,
        "libraries": {
            "python": platform.python_version(),
            "scikit-learn": sklearn.__version__,
            "skops": skops.__version__,
            "numpy": np.__version__,
        },
        "git_revision": git_revision(),
        "model": {
            "features": "tf-idf word 1-2 grams (min_df 2) + char_wb 2-5 grams (min_df 2), sublinear tf",
            "classifier": f"one-vs-rest LogisticRegression(C={LOGREG_C}, balanced, liblinear), "
            f"sigmoid-calibrated with {CALIBRATION_FOLDS}-fold CalibratedClassifierCV",
            "trained_on": "the training split only, so a later version can be compared with this one on its held-out split",
        },
    }


def model_card(report: dict[str, Any]) -> str:
    """A short MODEL_CARD.md from a report."""
    rows = "\n".join(
        f"| {label} | {report['label_counts'][label]} | {report['cv']['per_label'][label]['f1']:.3f} "
        f"| {report['heldout']['per_label'][label]['f1']:.3f} |"
        for label in report["labels"]
    )
    return f"""# Motive classifier {report['version']}

## Intended use
Labels why a subject in a migration case moved (CASES.md motive labels), read from
the sentence of the move and its neighbours in the same post of a History Stack
Exchange / AskHistorians-style thread. Every label gets a calibrated probability;
labels at or above {report['threshold']} are output, most likely first (else the single
most likely), and "unknown" is dropped when a real motive reaches the threshold.
Meant to pre-fill motives for human review, not as a final judgement.

## Data
{report['n_examples']} labelled examples ({report['n_examples_reviewed']} from reviewed cases, the rest from
corpus/labelled/), {report['n_multi_label']} of them with more than one label; sha256 `{report['data_sha256'][:16]}…`.
Trained on the {report['n_train']}-example training split; {report['n_heldout']} examples held out (seed {report['seed']}).

## Scores
{report['cv']['folds']}-fold cross-validated macro-F1 {report['cv']['macro_f1']:.3f} (± {report['cv']['macro_f1_std']:.3f});
held-out macro-F1 {report['heldout']['macro_f1']:.3f}, first label correct on {report['heldout']['first_label_accuracy']:.1%} of held-out examples.

| label | examples | CV F1 | held-out F1 |
| --- | ---: | ---: | ---: |
{rows}

## Limitations
- A bag of n-grams: it sees motive words, not who they belong to. A motive stated
  for another person in the same context, negation ("not for the money") and irony
  can mislead it.
- The corpus examples were written for training in a forum style; accuracy on real
  threads is lower than these scores, and rare phrasings of a motive are missed.
- "defection" and "ideological", "disillusionment" and "family" (going home) overlap
  by definition; expect confusion between them.
- English only. Scores are probabilities per label, not a distribution: they need not sum to 1.

Built with scikit-learn {report['libraries']['scikit-learn']}, skops {report['libraries']['skops']}, numpy {report['libraries']['numpy']},
Python {report['libraries']['python']}; git revision {report['git_revision'] or 'unknown'}.
"""


def retrain(
    models_dir: Path,
    labelled_dir: Path,
    *,
    extra_examples: Sequence[Example] = (),
    seed: int = DEFAULT_SEED,
    force: bool = False,
    threshold: float = DEFAULT_THRESHOLD,
    folds: int = CV_FOLDS,
) -> RetrainResult:
    """Train a new version in models_dir (the motive model folder, e.g. models/motive) and promote it if not worse.

    Trains on corpus/labelled plus `extra_examples` (reviewed cases), writes
    <version>/model.skops, report.json and MODEL_CARD.md, then rewrites CURRENT
    when the new held-out macro-F1 is at least the current model's on the same
    held-out examples, or when forced, or when there is no usable current model.
    `folds` is the number of cross-validation folds (5; fewer only for quick checks).
    """
    model_dir = Path(models_dir)
    if (model_dir / "motive").is_dir():
        # Given the folder above (models/ instead of models/motive): versions written here would never be loaded.
        hint = f"Pass the motive model folder itself ({model_dir / 'motive'}), the one MotiveModel.load reads."
        raise CrossingsError(Errors.E012.format(field="models_dir", value=str(model_dir), hint=hint))
    extra = [check_example(e, "the reviewed examples") for e in extra_examples]
    examples = merge_examples(load_examples(labelled_dir), extra)
    digest = data_hash(examples)
    evaluation = evaluate_model(examples, seed=seed, threshold=threshold, folds=folds)

    version = next_version(model_dir, digest)
    after = _summary(version, evaluation.heldout, evaluation.cv["macro_f1"])
    before, why_none = _current_summary(model_dir, evaluation.heldout_examples, threshold)
    promoted, reason = _promotion(before, after, why_none, force)
    report = _report(
        version, examples, evaluation, digest, seed, threshold,
        {"promoted": promoted, "reason": reason, "forced": force, "before": before},
    )

    # Build the folder under a hidden name and rename it into place: a crash leaves no half version.
    final = model_dir / version
    staging = model_dir / f".staging-{version}-{os.getpid()}"
    if staging.exists():
        shutil.rmtree(staging)
    staging.mkdir(parents=True)
    try:
        save_pipeline(evaluation.model.pipeline, staging / MODEL_FILE)
        atomic_write_text(staging / REPORT_FILE, json.dumps(report, indent=2, ensure_ascii=False) + "\n")
        atomic_write_text(staging / CARD_FILE, model_card(report))
        os.replace(staging, final)
    finally:
        if staging.exists():
            shutil.rmtree(staging)
    if promoted:
        atomic_write_text(model_dir / CURRENT_FILE, version + "\n")
    return RetrainResult(version=version, path=final, promoted=promoted, reason=reason, before=before, after=after)


def format_before_after(result: RetrainResult) -> str:
    """A small table of the current model (before) against the new one (after), for the CLI."""

    def cell(value: float | None) -> str:
        return "-" if value is None else f"{value:.3f}"

    before = result.before or {}
    rows: list[tuple[str, float | None, float | None]] = [
        ("macro-F1 (held-out)", before.get("heldout_macro_f1"), result.after["heldout_macro_f1"]),
        ("macro-F1 (CV)", before.get("cv_macro_f1"), result.after["cv_macro_f1"]),
        ("first label right (held-out)", before.get("heldout_first_label_accuracy"), result.after["heldout_first_label_accuracy"]),
    ]
    rows += [
        (f"F1 {label} (held-out)", before.get("f1", {}).get(label), result.after["f1"][label]) for label in MOTIVE_LABELS
    ]
    width = max(len(name) for name, _, _ in rows)
    head_before = before.get("version", "before")
    lines = [
        f"Motive model {result.version}: {result.reason}",
        f"{'':<{width}}  {head_before:>14}  {result.version:>14}  {'change':>7}",
    ]
    for name, old, new in rows:
        change = "" if old is None or new is None else f"{new - old:+.3f}"
        lines.append(f"{name:<{width}}  {cell(old):>14}  {cell(new):>14}  {change:>7}")
    lines.append(f"Written to {result.path}")
    return "\n".join(lines)
