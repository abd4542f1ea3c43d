"""The motive classifier: labelled data, training, the decision rule, persistence, retraining."""

from __future__ import annotations

import json
import os
import random
from collections import Counter
from pathlib import Path

import pytest
import skops.io as sio
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import FunctionTransformer

from pipeline import motives
from pipeline.errors import CrossingsError
from pipeline.motives import Example, MotiveModel
from pipeline.schema import MOTIVE_LABELS, Case, Evidence

ROOT = Path(__file__).resolve().parent.parent
LABELLED = ROOT / "corpus" / "labelled"
COMMITTED = ROOT / "models" / "motive"
GOLD = ROOT / "corpus" / "dev" / "westerners_soviet_bloc_thread.gold.jsonl"  # the project's copy of the seed gold


@pytest.fixture(scope="module")
def corpus() -> list[Example]:
    return motives.load_examples(LABELLED)


def per_label(examples: list[Example], n: int, skip: int = 0) -> list[Example]:
    """n single-label examples of each label, after skipping the first `skip` of each."""
    out: list[Example] = []
    for label in MOTIVE_LABELS:
        pool = [e for e in examples if e.labels == [label]]
        out.extend(pool[skip : skip + n])
    return out


@pytest.fixture(scope="module")
def tiny_model(corpus) -> MotiveModel:
    return MotiveModel(motives.train_model(per_label(corpus, 6), seed=13), version="tiny")


@pytest.fixture(scope="module")
def committed() -> MotiveModel:
    return MotiveModel.load(COMMITTED)


def write_jsonl(path: Path, rows: list[dict]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


# -- labelled data ----------------------------------------------------------------


def test_corpus_covers_every_label(corpus):
    counts = Counter(label for e in corpus for label in e.labels)
    assert len(corpus) >= 450
    assert all(counts[label] >= 40 for label in MOTIVE_LABELS), counts
    multi = sum(len(e.labels) > 1 for e in corpus) / len(corpus)
    assert 0.10 <= multi <= 0.25
    assert len({" ".join(e.text.split()).casefold() for e in corpus}) == len(corpus)  # no duplicates
    assert {e.source for e in corpus} == {"corpus"}


def test_corpus_copies_no_seed_thread_sentence(corpus):
    # The seed thread's gold is evaluation data: none of its evidence may appear in the training set.
    evidence = [json.loads(line)["evidence"] for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    texts = [" ".join(e.text.split()).casefold() for e in corpus]
    for sentence in evidence:
        key = " ".join(sentence.split()).casefold()
        assert not any(key in text for text in texts), sentence


def test_load_examples_names_file_and_line_of_a_bad_label(tmp_path):
    write_jsonl(
        tmp_path / "a.jsonl",
        [{"text": "He moved to Paris in 1924.", "labels": ["unknown"]}, {"text": "He fled.", "labels": ["greed"]}],
    )
    with pytest.raises(CrossingsError) as err:
        motives.load_examples(tmp_path)
    message = str(err.value)
    assert "[E006]" in message and "a.jsonl line 2" in message and "'greed'" in message


@pytest.mark.parametrize(
    "line, reason",
    [
        ("{not json", "not valid JSON"),
        (json.dumps({"text": "", "labels": ["economic"]}), '"text"'),
        (json.dumps({"text": "He left for work.", "labels": []}), '"labels"'),
        (json.dumps(["He left", "economic"]), "JSON object"),
    ],
)
def test_load_examples_rejects_malformed_lines(tmp_path, line, reason):
    (tmp_path / "b.jsonl").write_text("\n" + line + "\n", encoding="utf-8")
    with pytest.raises(CrossingsError, match=r"\[E006\].*b\.jsonl line 2") as err:
        motives.load_examples(tmp_path)
    assert reason in str(err.value)


def test_load_examples_refuses_a_file_that_is_not_utf8(tmp_path):
    (tmp_path / "d.jsonl").write_bytes('{"text": "Él se fue", "labels": ["unknown"]}\n'.encode("latin-1"))
    with pytest.raises(CrossingsError, match=r"\[E006\].*d\.jsonl.*UTF-8"):
        motives.load_examples(tmp_path)


def test_load_examples_needs_files(tmp_path):
    with pytest.raises(CrossingsError, match=r"\[E006\].*no \*\.jsonl"):
        motives.load_examples(tmp_path)


def test_unknown_beside_a_real_motive_is_learned_as_the_motive(tmp_path):
    write_jsonl(tmp_path / "c.jsonl", [{"text": "He went home to his mother.", "labels": ["family", "unknown", "family"]}])
    assert motives.load_examples(tmp_path)[0].labels == ["family"]


def test_split_is_stratified_and_independent_of_input_order(corpus):
    train, heldout = motives.split_heldout(corpus, seed=13)
    assert len(train) + len(heldout) == len(corpus)
    first = Counter(e.labels[0] for e in corpus)
    held = Counter(e.labels[0] for e in heldout)
    assert all(held[label] == round(0.2 * n) for label, n in first.items())
    shuffled = list(corpus)
    random.Random(1).shuffle(shuffled)
    assert {e.text for e in motives.split_heldout(shuffled, seed=13)[1]} == {e.text for e in heldout}
    assert {e.text for e in motives.split_heldout(corpus, seed=14)[1]} != {e.text for e in heldout}


# -- the decision rule ------------------------------------------------------------


def scores(**given: float) -> dict[str, float]:
    return {label: given.get(label, 0.01) for label in MOTIVE_LABELS}


def test_decide_keeps_labels_over_threshold_most_likely_first():
    assert motives.decide(scores(economic=0.5, ideological=0.8), 0.35) == ["ideological", "economic"]


def test_decide_falls_back_to_the_single_most_likely_label():
    assert motives.decide(scores(family=0.2, forced=0.3), 0.35) == ["forced"]


def test_decide_drops_unknown_when_a_motive_also_passes():
    assert motives.decide(scores(unknown=0.9, defection=0.4), 0.35) == ["defection"]
    assert motives.decide(scores(unknown=0.9, defection=0.2), 0.35) == ["unknown"]


# -- training and prediction ------------------------------------------------------


def test_tiny_model_scores_every_label_most_likely_first(tiny_model):
    texts = ["He was deported to Siberia in 1941.", "She moved to Lyon in 1950."]
    for labels, label_scores in tiny_model.predict(texts):
        assert list(label_scores) == list(MOTIVE_LABELS)
        assert all(0.0 <= p <= 1.0 for p in label_scores.values())
        ranked = sorted(label_scores, key=label_scores.get, reverse=True)
        assert labels[0] == ranked[0]
        assert [label_scores[l] for l in labels] == sorted((label_scores[l] for l in labels), reverse=True)


def test_training_needs_enough_examples_of_every_label(corpus):
    few = per_label(corpus, 6)
    few = [e for e in few if e.labels != ["forced"]] + [e for e in few if e.labels == ["forced"]][:2]
    with pytest.raises(CrossingsError, match=r"\[E060\].*'forced' has 2 positive"):
        motives.train_model(few, seed=13)


def test_committed_model_gives_two_motives_for_a_two_motive_sentence(committed):
    text = (
        "In 1931 the machinist left Cleveland for Kharkov, partly because he had lost his job in the Depression "
        "and partly because he was a convinced communist who wanted to help build socialism."
    )
    (labels, label_scores), = committed.predict([text], threshold=0.35)
    assert set(labels[:2]) == {"economic", "ideological"}, label_scores
    assert committed.version == (COMMITTED / "CURRENT").read_text().strip()


def test_committed_model_separates_clear_cases(committed):
    texts = {
        "forced": "The whole village was deported to Kazakhstan by the NKVD in 1944.",
        "defection": "The Soviet diplomat defected in Ottawa and asked the Canadians for political asylum.",
        "unknown": "In 1926 he moved to Lyon.",
    }
    predicted = committed.predict(list(texts.values()))
    assert [labels[0] for labels, _ in predicted] == list(texts)


def test_explain_shows_the_ngrams_behind_a_label(committed):
    features = committed.explain("He was deported to Siberia with his whole family in 1941.", "forced", k=5)
    assert 0 < len(features) <= 5
    assert all(weight > 0 for _, weight in features)
    assert [w for _, w in features] == sorted((w for _, w in features), reverse=True)
    assert any("deport" in name for name, _ in features)
    with pytest.raises(CrossingsError, match=r"\[E012\]"):
        committed.explain("text", "greed")


# -- persistence ------------------------------------------------------------------


def test_committed_model_needs_only_allow_listed_types():
    path = COMMITTED / (COMMITTED / "CURRENT").read_text().strip() / "model.skops"
    assert path.stat().st_size < 5_000_000
    assert set(sio.get_untrusted_types(file=path)) <= set(motives.trusted_types())


def test_save_load_round_trip(tmp_path, tiny_model):
    motives.save_pipeline(tiny_model.pipeline, tmp_path / "v001-0000abcd" / "model.skops")
    (tmp_path / "CURRENT").write_text("v001-0000abcd\n")
    loaded = MotiveModel.load(tmp_path)
    texts = ["He fled the pogroms in 1905.", "She married an American airman and moved to Texas."]
    assert loaded.version == "v001-0000abcd"
    assert loaded.predict(texts) == tiny_model.predict(texts)


def test_untrusted_types_are_refused(tmp_path):
    # A reference to os.system is harmless in itself, but nothing in a model file may name it.
    odd = Pipeline([("f", FunctionTransformer(os.system))])
    with pytest.raises(CrossingsError, match=r"\[E061\].*system"):
        motives.save_pipeline(odd, tmp_path / "x.skops")
    # A file written some other way is refused on load, before anything in it runs.
    (tmp_path / "v001-0000abcd").mkdir()
    sio.dump(odd, tmp_path / "v001-0000abcd" / "model.skops")
    (tmp_path / "CURRENT").write_text("v001-0000abcd\n")
    with pytest.raises(CrossingsError, match=r"\[E002\].*allow-list.*system"):
        MotiveModel.load(tmp_path)


def test_missing_and_broken_models_have_clear_errors(tmp_path):
    with pytest.raises(CrossingsError, match=r"\[E003\]"):
        MotiveModel.load(tmp_path)
    (tmp_path / "CURRENT").write_text("v002-0000abcd\n")
    with pytest.raises(CrossingsError, match=r"\[E003\].*v002-0000abcd"):
        MotiveModel.load(tmp_path)
    (tmp_path / "v002-0000abcd").mkdir()
    (tmp_path / "v002-0000abcd" / "model.skops").write_bytes(b"not a zip file")
    with pytest.raises(CrossingsError, match=r"\[E002\]"):
        MotiveModel.load(tmp_path)


# -- classifying cases ------------------------------------------------------------


class CountingModel(MotiveModel):
    """The real model, counting scoring calls: cases must go in one batch."""

    calls = 0

    def scores(self, texts):
        self.calls += 1
        return super().scores(texts)


def case(subject: str, evidence: str = "", context: str = "") -> Case:
    ev = [Evidence(post_id="p1", text=evidence, start=0, end=len(evidence))] if evidence else []
    made = Case(thread_id="t", post_ids=["p1"], subject=subject, subject_type="person", evidence=ev)
    made.context = context
    return made


def test_classify_cases_fills_motives_in_one_batch(committed):
    model = CountingModel(committed.pipeline, version=committed.version)
    only_context = case("Anna", context="Anna married a Soviet engineer and moved to Leningrad to live with him.")
    only_evidence = case("Boris", evidence="Boris defected to the United States in 1971.")
    both = case(
        "Vera",
        evidence="She was deported to Kazakhstan in 1941.",
        context="Her brother had gone to Moscow in 1932 out of conviction, to build socialism. "
        "She was deported to Kazakhstan in 1941.",
    )
    cases = [only_context, only_evidence, both]
    assert motives.classify_cases(cases, model, threshold=0.35) is cases
    assert model.calls == 1
    assert [c.motive[0] for c in cases] == ["family", "defection", "forced"]
    # The neighbour's motive still counts, but less than the move's own sentence.
    assert committed.predict([both.context])[0][0][0] == "ideological"
    assert 0.1 < both.motive_scores["ideological"] < both.motive_scores["forced"]
    for c in cases:
        assert set(c.motive_scores) == set(MOTIVE_LABELS)
        assert c.motive_scores[c.motive[0]] == max(c.motive_scores.values())


# -- retraining and promotion -----------------------------------------------------


def labelled_dir(tmp_path: Path, name: str, examples: list[Example]) -> Path:
    return write_jsonl(tmp_path / name / "motives.jsonl", [{"text": e.text, "labels": e.labels} for e in examples]).parent


def test_retrain_promotes_only_when_not_worse(tmp_path, corpus):
    model_dir = tmp_path / "models" / "motive"
    good = labelled_dir(tmp_path, "good", per_label(corpus, 20))
    first = motives.retrain(model_dir, good, seed=13, folds=2)
    assert first.promoted and first.before is None
    assert first.version.startswith("v001-") and motives.current_version(model_dir) == first.version
    report = json.loads((first.path / "report.json").read_text())
    assert report["n_examples"] == 160 and report["n_examples_reviewed"] == 0
    assert report["data_sha256"].startswith(first.version.split("-")[1])
    assert report["cv"]["folds"] == 2 and set(report["cv"]["per_label"]) == set(MOTIVE_LABELS)
    assert report["seed"] == 13 and report["n_heldout"] == 32
    assert {"scikit-learn", "skops", "numpy", "python"} <= set(report["libraries"])
    assert "Limitations" in (first.path / "MODEL_CARD.md").read_text()

    # Less of the same data plus two reviewed cases: a weaker model, kept but not promoted.
    reviewed = [Example("He was kidnapped by agents in Tokyo and taken to Seoul.", ["forced"], source="review"),
                Example("She went back to Riga in 1960 to look after her parents.", ["family"], source="review")]
    worse = labelled_dir(tmp_path, "worse", per_label(corpus, 8))
    second = motives.retrain(model_dir, worse, extra_examples=reviewed, seed=13, folds=2)
    assert second.version.startswith("v002-") and second.path.is_dir()
    assert not second.promoted and "not promoted" in second.reason
    assert second.before["version"] == first.version
    assert second.after["heldout_macro_f1"] < second.before["heldout_macro_f1"]
    assert motives.current_version(model_dir) == first.version
    assert json.loads((second.path / "report.json").read_text())["n_examples_reviewed"] == 2

    table = motives.format_before_after(second)
    assert "macro-F1 (held-out)" in table and "F1 unknown (held-out)" in table and first.version in table

    forced = motives.retrain(model_dir, worse, extra_examples=reviewed, seed=13, force=True, folds=2)
    assert forced.promoted and forced.version.startswith("v003-")
    assert motives.current_version(model_dir) == forced.version
    assert MotiveModel.load(model_dir).version == forced.version
    assert not [p for p in model_dir.iterdir() if p.name.startswith(".")]  # no staging folders left behind


def test_retrain_refuses_the_folder_above_the_motive_models(tmp_path):
    (tmp_path / "motive").mkdir()
    with pytest.raises(CrossingsError, match=r"\[E012\].*models_dir.*motive"):
        motives.retrain(tmp_path, LABELLED)
    assert list(tmp_path.iterdir()) == [tmp_path / "motive"]
