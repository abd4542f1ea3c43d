"""The scorer follows the rules at the end of CASES.md."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.errors import CrossingsError
from pipeline.evaluate import (
    GoldCase,
    content_words,
    country_key,
    evaluate,
    evaluate_files,
    format_report,
    format_scores,
    gold_files_in,
    load_cases,
    load_gold,
    subjects_agree,
)
from pipeline.schema import Case, Evidence


def case(
    subject: str,
    subject_type: str = "group",
    dest: str | None = "Soviet Union",
    year: int | None = 1930,
    motive: tuple[str, ...] = ("economic",),
    thread: str = "t1",
    text: str = "",
    post: str = "1",
) -> Case:
    text = text or f"{subject} moved."
    return Case(
        thread_id=thread,
        post_ids=[post],
        subject=subject,
        subject_type=subject_type,
        destination_country=dest,
        year_start=year,
        motive=list(motive),
        evidence=[Evidence(post_id=post, text=text, start=0, end=len(text))],
    )


def gold(c: Case, optional: bool = False) -> GoldCase:
    return GoldCase(case=c, optional=optional)


@pytest.fixture(scope="module")
def seed_gold(seed_gold_path: Path) -> list[GoldCase]:
    return load_gold(seed_gold_path)


def test_gold_against_itself_scores_one(seed_gold: list[GoldCase]) -> None:
    result = evaluate(seed_gold, [g.case for g in seed_gold])
    s = result.scores
    n_optional = sum(g.optional for g in seed_gold)
    assert n_optional > 0 and s.n_gold == len(seed_gold) - n_optional
    assert (s.precision, s.recall, s.f1) == (1.0, 1.0, 1.0)
    assert (s.year_accuracy, s.motive_accuracy, s.motive_macro_f1) == (1.0, 1.0, 1.0)
    assert s.matched == s.n_gold and s.matched_optional == n_optional
    assert result.missed == [] and result.unmatched == []
    # each gold case matched to its own copy, not to a look-alike
    assert all(m.gold is m.pred for m in result.matches)


def test_dropping_one_gold_case_lowers_recall_exactly(seed_gold: list[GoldCase]) -> None:
    dropped = next(g for g in seed_gold if not g.optional and g.case.subject_type == "person")
    preds = [g.case for g in seed_gold if g is not dropped]
    s = evaluate(seed_gold, preds).scores
    assert s.recall == pytest.approx((s.n_gold - 1) / s.n_gold)
    assert s.precision == 1.0
    result = evaluate(seed_gold, preds)
    assert result.missed == [dropped.case]


def test_optional_gold_neither_rewards_nor_punishes() -> None:
    gold_cases = [gold(case("Zara Witkin", "person")), gold(case("Mr. Adams", "person", dest="China"), optional=True)]
    only_required = evaluate(gold_cases, [case("Witkin", "person")]).scores
    with_optional = evaluate(gold_cases, [case("Witkin", "person"), case("Adams", "person", dest="China")]).scores
    assert only_required.precision == with_optional.precision == 1.0
    assert only_required.recall == with_optional.recall == 1.0
    assert (with_optional.matched, with_optional.matched_optional, with_optional.n_pred) == (1, 1, 2)
    # a prediction that matches nothing does count against precision
    with_wrong = evaluate(gold_cases, [case("Witkin", "person"), case("Scott", "person")]).scores
    assert with_wrong.precision == 0.5


@pytest.mark.parametrize(
    ("gold_subject", "gold_type", "pred_subject", "agree"),
    [
        ("Lee Harvey Oswald", "person", "Oswald", True),
        ("Lee Harvey Oswald", "person", "Lee Harvey", False),
        ("Fritz Houtermans", "person", "Houterman's", True),
        ("Fritz Houtermans", "person", "Houtermans'", True),
        ("Mr. Adams", "person", "adams", True),
        ("Mr. Adams", "person", "Adamson", False),
        ("Finnish-Americans", "group", "Finnish Americans", True),
        ("Jews", "group", "Jewish refugees", True),
        ("Finns", "group", "several thousand Finnish workers", True),
        ("Poles", "group", "the Polish population", True),
        ("Frenchmen", "group", "French communists", True),
        ("people from the USA", "group", "people from Europe", False),
        ("many people", "group", "people", False),
        ("21 Americans", "group", "21 Germans", False),
        ("mathematician who moved from France", "unnamed", "a man who moved to Kharkov", False),
        ("mathematician who moved from France", "unnamed", "a French mathematician", True),
    ],
)
def test_subject_rules(gold_subject: str, gold_type: str, pred_subject: str, agree: bool) -> None:
    assert subjects_agree(case(gold_subject, gold_type), case(pred_subject, "group")) is agree


def test_gold_subject_type_picks_the_rule() -> None:
    # a person predicted as a group still matches by surname; a group predicted as a person by content words
    assert subjects_agree(case("John Scott", "person"), case("Scott", "group"))
    assert not subjects_agree(case("John Scott", "person"), case("John", "person"))
    assert subjects_agree(case("American engineers", "group"), case("Engineer Smith", "person"))


def test_stop_words_and_numbers_are_not_content_words() -> None:
    assert content_words("several thousands of Finnish-Americans") == {"fin", "american"}
    assert content_words("such people after WWII") == {"wwii"}
    assert content_words("the 21 people who left") == set()


def test_destination_aliases() -> None:
    g = [gold(case("John Nash", "person", dest="Soviet Union", year=1935))]
    assert evaluate(g, [case("Nash", "person", dest="USSR", year=1935)]).scores.matched == 1
    assert evaluate(g, [case("Nash", "person", dest="Russia", year=1935)]).scores.matched == 1
    assert evaluate(g, [case("Nash", "person", dest="East Germany", year=1935)]).scores.matched == 0
    assert country_key("the GDR", 1960) == country_key("East Germany", 1960)
    assert country_key("USA", None) == country_key("United States", None) == country_key("America", None)
    # both null agree; one null does not
    assert evaluate([gold(case("Placzek", "person", dest=None))], [case("Placzek", "person", dest=None)]).scores.matched == 1
    assert evaluate([gold(case("Placzek", "person", dest=None))], [case("Placzek", "person")]).scores.matched == 0


def test_other_threads_never_match_and_are_ignored() -> None:
    g = [gold(case("Zara Witkin", "person", thread="a"))]
    result = evaluate(g, [case("Witkin", "person", thread="b"), case("Witkin", "person", thread="a")])
    assert result.scores.matched == 1 and result.scores.n_pred == 1 and result.ignored == 1
    assert evaluate(g, [case("Witkin", "person", thread="b")]).scores.recall == 0.0


def test_matching_is_one_to_one() -> None:
    g = [gold(case("Zara Witkin", "person"))]
    result = evaluate(g, [case("Witkin", "person"), case("Zara Witkin", "person")])
    assert len(result.matches) == 1 and len(result.unmatched) == 1
    assert result.scores.precision == 0.5 and result.scores.recall == 1.0


def test_best_candidate_by_year_then_motive() -> None:
    g = [gold(case("John Scott", "person", year=1932, motive=("economic",)))]
    wrong_year = case("Scott", "person", year=1940, motive=("economic",))
    right_year_wrong_motive = case("Scott", "person", year=1933, motive=("family",))
    right_both = case("Scott", "person", year=1931, motive=("economic",))
    result = evaluate(g, [wrong_year, right_year_wrong_motive])
    assert result.matches[0].pred is right_year_wrong_motive
    result = evaluate(g, [wrong_year, right_year_wrong_motive, right_both])
    assert result.matches[0].pred is right_both
    assert (result.scores.year_accuracy, result.scores.motive_accuracy) == (1.0, 1.0)


def test_assignment_maximises_matches() -> None:
    # "Americans" could take either gold case, and by year prefers the engineers; "engineers" can only take the
    # engineers. A greedy pass would strand one prediction; the assignment matches both.
    engineers = case("American engineers", year=1930)
    communists = case("American communists", year=1920)
    americans = case("Americans", year=1930)
    late_engineers = case("engineers", year=1950)
    result = evaluate([gold(engineers), gold(communists)], [americans, late_engineers])
    assert result.scores.matched == 2 and result.scores.recall == 1.0
    assert {(m.gold.subject, m.pred.subject) for m in result.matches} == {
        ("American engineers", "engineers"),
        ("American communists", "Americans"),
    }


def test_year_and_motive_accuracy_and_macro_f1() -> None:
    g = [
        gold(case("Witkin", "person", year=1932, motive=("economic",))),
        gold(case("Scott", "person", year=None, motive=("economic", "ideological"))),
        gold(case("Weisskopf", "person", year=1936, motive=("persecution",))),
    ]
    p = [
        case("Witkin", "person", year=1933, motive=("economic",)),
        case("Scott", "person", year=None, motive=("ideological", "economic")),
        case("Weisskopf", "person", year=None, motive=("economic",)),
    ]
    s = evaluate(g, p).scores
    assert s.year_accuracy == pytest.approx(2 / 3)
    assert s.motive_accuracy == pytest.approx(2 / 3)
    # truth per pair: economic, ideological (predicted and in gold), persecution; F1 = (2/3 + 1 + 0) / 3
    assert s.motive_macro_f1 == pytest.approx((2 / 3 + 1 + 0) / 3)


def test_report_lists_missed_unmatched_and_wrong_pairs() -> None:
    g = [
        gold(case("Zara Witkin", "person", year=1932, text="He left for the Soviet Union in 1932.")),
        gold(case("John Scott", "person", year=1932)),
    ]
    p = [
        case("Witkin", "person", year=1940),
        case("Placzek", "person", dest=None, text="Placzek was smart enough to leave.", post="p7"),
    ]
    result = evaluate(g, p)
    report = format_report(result)
    assert "Missed gold cases (1)" in report and "John Scott" in report
    assert "Predictions that matched no gold case (1)" in report
    assert "post p7: \"Placzek was smart enough to leave.\"" in report
    assert "wrong year" in report and "Witkin" in report
    assert "recall" in format_scores(result)
    json.dumps(result.to_json())  # plain JSON all the way down


def test_per_thread_scores_and_table() -> None:
    g = [gold(case("Witkin", "person", thread="a")), gold(case("Scott", "person", thread="b"))]
    result = evaluate(g, [case("Witkin", "person", thread="a")])
    assert result.per_thread["a"].f1 == 1.0 and result.per_thread["b"].recall == 0.0
    table = format_scores(result)
    assert "thread" in table and "\na " in table and "\nb " in table


def test_load_gold_reports_bad_lines(tmp_path: Path) -> None:
    path = tmp_path / "x.gold.jsonl"
    good = {"thread_id": "t", "subject": "A B", "subject_type": "person", "motive": ["economic"], "evidence": "A B left."}
    path.write_text(json.dumps(good) + "\n\n" + "{not json\n", encoding="utf-8")
    with pytest.raises(CrossingsError, match=r"\[E008\].*line 3"):
        load_gold(path)
    path.write_text(json.dumps({**good, "subject_type": "crowd"}) + "\n", encoding="utf-8")
    with pytest.raises(CrossingsError, match=r"\[E008\].*line 1.*subject_type"):
        load_gold(path)
    path.write_text(json.dumps({**good, "optional": True}) + "\n", encoding="utf-8")
    (loaded,) = load_gold(path)
    assert loaded.optional and loaded.case.evidence[0].text == "A B left."


def test_evaluate_files_with_folders(tmp_path: Path, seed_gold_path: Path) -> None:
    gold_dir = tmp_path / "gold"
    gold_dir.mkdir()
    (gold_dir / seed_gold_path.name).write_bytes(seed_gold_path.read_bytes())
    out = tmp_path / "out"
    out.mkdir()
    preds = [g.case for g in load_gold(seed_gold_path)][:5]
    (out / "cases.jsonl").write_text("".join(json.dumps(c.to_dict()) + "\n" for c in preds), encoding="utf-8")
    assert gold_files_in(gold_dir) == [gold_dir / seed_gold_path.name]
    assert len(load_cases(out / "cases.jsonl")) == 5
    result = evaluate_files([gold_dir], out)
    assert result.scores.n_pred == 5 and result.scores.precision == 1.0
    with pytest.raises(CrossingsError, match=r"\[E009\]"):
        evaluate_files([gold_dir], tmp_path / "missing.jsonl")
    with pytest.raises(CrossingsError, match=r"\[E031\]"):
        evaluate_files([tmp_path / "out"], out)
