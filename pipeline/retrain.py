"""The review loop's last step: retrain the motive model on the labelled corpus plus reviewed cases.

Shared by `crossings retrain` (a Prefect flow) and the review app's Retrain
button, so both count the same examples and apply the same promotion rule.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pipeline import motives
from pipeline.store import Store


@dataclass
class LoopResult:
    result: motives.RetrainResult
    n_reviewed: int  # reviewed cases that became training examples
    rescored: int | None  # stored cases re-labelled by the promoted model (None: not promoted)


def retrain_with_reviews(
    store: Store | None,
    model_dir: Path,
    labelled_dir: Path,
    *,
    seed: int,
    threshold: float,
    force: bool = False,
) -> LoopResult:
    """Train on corpus + accepted/corrected cases; if the new model is promoted, re-label the store's cases."""
    examples = (
        [motives.Example(text=text, labels=labels, source="review") for text, labels in store.reviewed_examples()]
        if store is not None
        else []
    )
    result = motives.retrain(model_dir, labelled_dir, extra_examples=examples, seed=seed, force=force)
    rescored = None
    if result.promoted and store is not None:
        model = motives.MotiveModel.load(model_dir)
        rescored = store.update_cases(motives.classify_cases(store.cases(apply_reviews=False), model, threshold))
    return LoopResult(result, len(examples), rescored)
