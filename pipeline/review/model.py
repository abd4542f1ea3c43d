"""The motive model as the review app uses it: explanations when a model exists, retraining in the background.

pipeline.motives is imported lazily: the review app works (without the "why"
panel) when the module or the trained model is missing.
"""

from __future__ import annotations

import dataclasses
import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pipeline.errors import CrossingsError, Errors
from pipeline.review.views import Explanation, normalise_explanation
from pipeline.store import Store, utc_now

log = logging.getLogger(__name__)


class ModelHolder:
    """Loads models_dir/motive once, on first use; ``reset()`` after retraining loads the new one."""

    def __init__(self, models_dir: Path) -> None:
        self.path = Path(models_dir) / "motive"
        self._lock = threading.Lock()
        self._model: Any = None
        self._note: str | None = None
        self._loaded = False

    def reset(self) -> None:
        with self._lock:
            self._model, self._note, self._loaded = None, None, False

    def get(self) -> tuple[Any, str | None]:
        """(model or None, why there is none)."""
        with self._lock:
            if not self._loaded:
                self._loaded = True
                self._model, self._note = self._load()
            return self._model, self._note

    def _load(self) -> tuple[Any, str | None]:
        if not self.path.exists():  # checked first: importing the classifier costs seconds
            return None, Errors.E003.format(path=self.path)
        try:
            from pipeline.motives import MotiveModel
        except ImportError as exc:
            return None, Errors.E052.format(reason=f"pipeline.motives cannot be imported ({exc})")
        try:
            return MotiveModel.load(self.path), None
        except CrossingsError as exc:
            return None, str(exc)
        except Exception as exc:  # a broken model file must not take the review page down
            return None, Errors.E002.format(path=self.path, reason=exc)

    def explain(self, text: str, labels: list[str], k: int = 8) -> tuple[list[Explanation], str | None]:
        """Top n-gram features behind each label; ([], note) when there is no model or nothing to explain."""
        model, note = self.get()
        if model is None:
            return [], note
        if not text.strip():
            return [], "This case has no classifier text to explain."
        out = []
        for label in labels[:3]:
            try:
                features = normalise_explanation(model.explain(text, label, k), limit=k)
            except Exception as exc:  # e.g. a label the model was not trained on
                log.warning("explain(%s) failed: %s", label, exc)
                continue
            if features:
                out.append(Explanation(label=label, features=features))
        return out, None


def plain(value: Any) -> Any:
    """A retrain result (dataclass, pydantic model, mapping...) as plain JSON-able data."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if hasattr(value, "model_dump"):
        return plain(value.model_dump())
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    if isinstance(value, Path):
        return str(value)
    return str(value)


@dataclasses.dataclass
class RetrainStatus:
    state: str = "idle"  # idle, running, done, failed
    started: str | None = None
    finished: str | None = None
    n_examples: int | None = None
    result: dict[str, Any] | None = None
    error: str | None = None
    rescored: int | None = None  # live cases re-scored with the new model (when it was promoted)


class Retrainer:
    """Runs motives.retrain with the reviewed cases as extra examples, one run at a time, in a thread.

    When the new model is promoted, every live case is re-scored with it, so
    the queue order and the motive bars follow the new model at once
    (corrections stay on top; the output files change on the next run).
    """

    def __init__(
        self,
        store: Store,
        models_dir: Path,
        labelled_dir: Path,
        seed: int,
        threshold: float,
        on_done: Callable[[], None] | None = None,
    ) -> None:
        self.store = store
        self.model_dir = Path(models_dir) / "motive"
        self.labelled_dir = Path(labelled_dir)
        self.seed = seed
        self.threshold = threshold
        self.on_done = on_done
        self._lock = threading.Lock()
        self._status = RetrainStatus()
        self._thread: threading.Thread | None = None

    def status(self) -> RetrainStatus:
        with self._lock:
            return dataclasses.replace(self._status)

    def start(self, force: bool = False) -> bool:
        """Start a retraining run; False when one is already running.

        ``force`` promotes the new model even if it scores lower than the current one.
        """
        with self._lock:
            if self._status.state == "running":
                return False
            self._status = RetrainStatus(state="running", started=utc_now())
            self._thread = threading.Thread(target=self._run, args=(force,), name="crossings-retrain", daemon=True)
            self._thread.start()
            return True

    def wait(self, timeout: float | None = None) -> RetrainStatus:
        thread = self._thread
        if thread is not None:
            thread.join(timeout)
        return self.status()

    def _run(self, force: bool) -> None:
        started = self._status.started
        n_examples: int | None = None
        try:
            try:
                from pipeline.retrain import retrain_with_reviews
            except ImportError as exc:
                raise CrossingsError(Errors.E052.format(reason=f"pipeline.motives cannot be imported ({exc})")) from exc
            loop = retrain_with_reviews(
                self.store, self.model_dir, self.labelled_dir, seed=self.seed, threshold=self.threshold, force=force
            )
            n_examples = loop.n_reviewed
            outcome = RetrainStatus("done", started, utc_now(), n_examples, plain(loop.result), None, loop.rescored)
        except CrossingsError as exc:
            outcome = RetrainStatus("failed", started, utc_now(), n_examples, None, str(exc))
        except Exception as exc:  # reported on the page; the server keeps running
            log.exception("retraining failed")
            message = Errors.E053.format(reason=f"{type(exc).__name__}: {exc}")
            outcome = RetrainStatus("failed", started, utc_now(), n_examples, None, message)
        if self.on_done is not None:
            self.on_done()  # the "why" panel loads whichever model is current now
        with self._lock:
            self._status = outcome
