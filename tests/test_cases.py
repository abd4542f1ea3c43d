"""Case assembly on short texts of our own, one construction each, with the real English pipeline."""

from __future__ import annotations

import pytest

from pipeline.cases import extract_cases, merge_cases, person_key
from pipeline.evaluate import evaluate, load_gold
from pipeline.ingest import iter_threads
from pipeline.schema import Case, Evidence, Post, Thread


def make_thread(question: str, *answers: str, thread_id: str = "t") -> Thread:
    posts = [Post(f"{thread_id}-q", thread_id, 0, "question", question)]
    posts += [Post(f"{thread_id}-a{i}", thread_id, i, "answer", text) for i, text in enumerate(answers, 1)]
    return Thread(thread_id, question, tuple(posts), "test", "text")


def cases_of(nlp, question: str, *answers: str) -> list[Case]:
    thread = make_thread(question, *answers)
    docs = list(nlp.pipe([p.text for p in thread.posts]))
    return extract_cases(thread, docs)


def by_subject(cases: list[Case]) -> dict[str, list[Case]]:
    out: dict[str, list[Case]] = {}
    for c in cases:
        out.setdefault(c.subject, []).append(c)
    return out


def test_several_people_in_one_sentence_leave_the_place_just_named(nlp):
    cases = cases_of(
        nlp,
        "Who left Soviet physics institutes?",
        "Many foreign physicists worked in Kharkov. When the purges began in 1937 Weisskopf and Placzek were smart enough to leave.",
    )
    subjects = {c.subject for c in cases}
    assert {"Weisskopf", "Placzek"} <= subjects
    for c in cases:
        if c.subject in ("Weisskopf", "Placzek"):
            assert c.origin_country == "Soviet Union"
            assert c.destination_country is None
            assert c.year_start == 1937


def test_pronoun_subject_resolves_to_the_full_name_used_earlier(nlp):
    cases = cases_of(
        nlp,
        "Did American engineers work in Stalin's USSR?",
        "Walter Rautenstrauch was a professor of engineering. Rautenstrauch consulted for Soviet planners. He left for the Soviet Union in 1931.",
    )
    assert [c.subject for c in cases] == ["Walter Rautenstrauch"]
    assert cases[0].destination_country == "Soviet Union"
    assert cases[0].year_start == 1931


def test_return_trip_is_its_own_case_and_the_outcome_of_the_first(nlp):
    cases = cases_of(
        nlp,
        "Defectors who came back?",
        "Pavel Kovalenko defected to France in 1962, and later returned to the USSR in 1975.",
    )
    assert len(cases) == 2
    first, back = cases
    assert first.destination_country == "France" and first.year_start == 1962
    assert back.destination_country == "Soviet Union" and back.year_start == 1975
    assert back.origin_country == "France"
    assert first.outcome == "returned"


def test_attempted_move_and_its_forced_return_are_one_case(nlp):
    cases = cases_of(
        nlp,
        "Failed defections?",
        "The chess player Anton Berg tried to defect to West Germany in 1958. He was forcibly returned.",
    )
    assert len(cases) == 1
    assert cases[0].status == "attempted"
    assert cases[0].destination_country == "West Germany"
    assert cases[0].outcome == "forcibly_returned"


def test_a_stay_with_a_date_is_a_case(nlp):
    cases = cases_of(
        nlp,
        "Who worked in the USSR during the first five-year plan?",
        "Americans went there for jobs. A good example is Tom Larkin, a welder who was there in 1930-1935.",
    )
    larkin = by_subject(cases)["Tom Larkin"][0]
    assert larkin.destination_country == "Soviet Union"
    assert (larkin.year_start, larkin.year_end) == (1930, 1935)


def test_city_only_destination_maps_to_the_country_of_the_time(nlp):
    cases = cases_of(
        nlp,
        "Where did refugees go?",
        "In 1939 the Berliner doctor Hans Mayer fled to Shanghai with his family.",
        "Paul Rossi moved to Minsk in 1960 and worked in a radio factory.",
    )
    subjects = by_subject(cases)
    assert subjects["Hans Mayer"][0].destination_country == "China"
    assert subjects["Hans Mayer"][0].destination == "Shanghai"
    assert subjects["Paul Rossi"][0].destination_country == "Soviet Union"
    assert subjects["Paul Rossi"][0].destination_lat is not None


def test_groups_named_by_nationality(nlp):
    cases = cases_of(
        nlp,
        "Did Americans emigrate to the USSR?",
        "Yes, several thousands of Finnish-Americans went to Soviet Karelia in the 1930s.",
    )
    assert len(cases) == 1
    assert cases[0].subject_type == "group"
    assert "Finnish-Americans" in cases[0].subject
    assert cases[0].destination_country == "Soviet Union"
    assert (cases[0].year_start, cases[0].year_end) == (1930, 1939)


def test_unnamed_person_gets_the_thread_destination(nlp):
    cases = cases_of(
        nlp,
        "Did anyone move to the Soviet Union from the West?",
        "I knew a mathematician who moved from France in 1960-s.",
    )
    assert len(cases) == 1
    assert cases[0].subject_type == "unnamed"
    assert cases[0].origin_country == "France"
    assert cases[0].destination_country == "Soviet Union"
    assert cases[0].year_start == 1960


def test_people_mentioned_without_a_move_yield_no_case(nlp):
    cases = cases_of(
        nlp,
        "Who moved to the USSR?",
        "Stalin's regime was brutal. Lenin died in 1924. I work with the daughter of Mr. Adams and he was a remarkable person.",
    )
    assert cases == []


def test_questions_and_negated_moves_are_not_cases(nlp):
    cases = cases_of(
        nlp,
        "Did Anna Kowal move to Canada?",
        "Anna Kowal never moved to Canada. Her brother refused to help them emigrate.",
    )
    assert cases == []


def test_same_move_in_two_answers_is_merged_with_both_posts(nlp):
    cases = cases_of(
        nlp,
        "Famous failed defections?",
        "The economist Karl Brenner once made an attempt to move to the GDR.",
        "Karl Brenner tried to defect to East Germany several times.",
    )
    assert len(cases) == 1
    assert cases[0].post_ids == ["t-a1", "t-a2"]
    assert len(cases[0].evidence) == 2
    assert cases[0].status == "attempted"


def test_evidence_offsets_point_into_the_post(nlp):
    thread = make_thread("Q?", "Some text first. Maria Lopez emigrated to Mexico in 1939.")
    docs = list(nlp.pipe([p.text for p in thread.posts]))
    (case,) = extract_cases(thread, docs)
    ev = case.evidence[0]
    assert thread.posts[1].text[ev.start : ev.end] == ev.text == "Maria Lopez emigrated to Mexico in 1939."


def test_extraction_is_deterministic(nlp, seed_path):
    (thread,) = list(iter_threads([seed_path]))
    docs1 = list(nlp.pipe([p.text for p in thread.posts]))
    docs2 = list(nlp.pipe([p.text for p in thread.posts]))
    a = [c.to_dict() for c in extract_cases(thread, docs1)]
    b = [c.to_dict() for c in extract_cases(thread, docs2)]
    assert a == b
    assert len({c["case_id"] for c in a}) == len(a)


def test_merge_keeps_the_longest_name_and_fills_gaps():
    ev = Evidence("p1", "x", 0, 1)
    a = Case("t", ["p1"], "Oswald", "person", destination_country="Soviet Union", evidence=[ev])
    b = Case("t", ["p2"], "Lee Harvey Oswald", "person", destination_country="Soviet Union", year_start=1959,
             evidence=[Evidence("p2", "y", 0, 1)])
    (merged,) = merge_cases([a, b])
    assert merged.subject == "Lee Harvey Oswald"
    assert merged.year_start == 1959
    assert merged.post_ids == ["p1", "p2"]


def test_person_key_folds_possessive_and_plural():
    assert person_key("Houterman's") == person_key("Fritz Houtermans") == "houterman"
    assert person_key("Mr. Adams") == "adam"


@pytest.fixture(scope="module")
def seed_cases(nlp, seed_path):
    (thread,) = list(iter_threads([seed_path]))
    docs = list(nlp.pipe([p.text for p in thread.posts]))
    return extract_cases(thread, docs)


def test_seed_thread_scores_well(seed_cases, seed_gold_path):
    result = evaluate(load_gold(seed_gold_path), seed_cases)
    assert result.scores.f1 >= 0.85
    assert result.scores.year_accuracy >= 0.85


@pytest.mark.parametrize(
    ("name", "country", "year", "status"),
    [
        ("Svetlana Alliluyeva", "United States", 1967, "completed"),
        ("Zara Witkin", "Soviet Union", 1932, "completed"),
        ("Lee Harvey Oswald", "Soviet Union", None, "completed"),
        ("John Nash", "East Germany", None, "attempted"),
    ],
)
def test_seed_named_cases(seed_cases, name, country, year, status):
    found = [c for c in seed_cases if c.subject == name and c.destination_country == country]
    assert found, f"no case for {name} -> {country}"
    assert found[0].status == status
    if year is not None:
        assert found[0].year_start == year


def test_the_question_sets_where_unstated_moves_go(nlp):
    cases = cases_of(
        nlp,
        "Why did so many of the Cambridge spies end up in Moscow?",
        "Guy Burgess and Donald Maclean fled Britain in May 1951.",
    )
    assert {c.subject for c in cases} == {"Guy Burgess", "Donald Maclean"}
    assert all(c.origin_country == "United Kingdom" and c.destination_country == "Soviet Union" for c in cases)


def test_a_journey_in_legs_is_one_move_to_its_end(nlp):
    cases = cases_of(
        nlp,
        "Americans who went east?",
        "In 1960 two cryptologists, William Martin and Bernon Mitchell, flew to Mexico City, went on to Havana and ended up in Moscow.",
    )
    assert {c.subject for c in cases} == {"William Martin", "Bernon Mitchell"}
    assert all(c.destination_country == "Soviet Union" and c.year_start == 1960 for c in cases)


def test_later_legs_with_their_own_dates_are_separate_moves(nlp):
    cases = cases_of(
        nlp,
        "Writers in exile?",
        "Stefan Zweig is the famous example: he had left Salzburg for London in 1934, and in 1940 he moved on to Brazil.",
    )
    assert [(c.subject, c.destination_country, c.year_start) for c in cases] == [
        ("Stefan Zweig", "United Kingdom", 1934),
        ("Stefan Zweig", "Brazil", 1940),
    ]


def test_relatives_sharing_a_surname_stay_apart(nlp):
    cases = cases_of(
        nlp,
        "Spies in Moscow?",
        "Donald Maclean defected to the Soviet Union in 1951. His wife, Melinda Maclean, followed him in 1953.",
    )
    subjects = by_subject(cases)
    assert subjects["Donald Maclean"][0].year_start == 1951
    assert subjects["Melinda Maclean"][0].year_start == 1953
    assert subjects["Melinda Maclean"][0].destination_country == "Soviet Union"


def test_forced_moves_and_going_home(nlp):
    cases = cases_of(
        nlp,
        "Who was expelled from the USSR?",
        "In February 1974 Alexander Petrenko was put on a plane to Frankfurt.",
        "Something like 4 million Italians came to America in 1880-1914, and about half of them eventually went home.",
    )
    subjects = by_subject(cases)
    petrenko = subjects["Alexander Petrenko"][0]
    assert (petrenko.destination_country, petrenko.year_start) == ("West Germany", 1974)
    assert any(c.destination_country == "Italy" for c in cases if "Italians" in c.subject or "them" in c.subject)
