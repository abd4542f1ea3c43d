"""Case assembly on short texts of our own, one construction each, with the real English pipeline."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc, Span

from pipeline import places
from pipeline.cases import extract_cases, merge_cases, person_key
from pipeline.config import MIN_CONFIDENCE
from pipeline.evaluate import evaluate, load_gold
from pipeline.ingest import iter_threads
from pipeline.schema import Case, Evidence, Post, Thread


def make_thread(question: str, *answers: str, thread_id: str = "t") -> Thread:
    posts = [Post(f"{thread_id}-q", thread_id, 0, "question", question)]
    posts += [Post(f"{thread_id}-a{i}", thread_id, i, "answer", text) for i, text in enumerate(answers, 1)]
    return Thread(thread_id, question, tuple(posts), "test", "text")


def cases_of(nlp, question: str, *answers: str, min_confidence: float = MIN_CONFIDENCE) -> list[Case]:
    thread = make_thread(question, *answers)
    docs = list(nlp.pipe([p.text for p in thread.posts]))
    return extract_cases(thread, docs, min_confidence)


def group_of(subject: str) -> str:
    """The whole group a share of it is named with ("6,000 (Ugandan Asians)": "Ugandan Asians")."""
    return subject[subject.index(" (") + 2 : -1] if subject.endswith(")") and " (" in subject else subject


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
    # a ruler's number is no surname: two Seconds are two people
    assert person_key("King Carol II") == person_key("Carol II") == "carol ii" != person_key("Simeon II")


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


def test_a_journey_in_legs_is_a_move_to_each_country_from_the_one_before(nlp):
    cases = cases_of(
        nlp,
        "Americans who went east?",
        "In 1960 two cryptologists, William Martin and Bernon Mitchell, flew to Mexico City, went on to Havana and ended up in Moscow.",
    )
    assert {c.subject for c in cases} == {"William Martin", "Bernon Mitchell"}
    assert sorted({(c.origin_country, c.destination_country, c.year_start) for c in cases}, key=str) == sorted(
        [(None, "Mexico", 1960), ("Mexico", "Cuba", 1960), ("Cuba", "Soviet Union", 1960)], key=str)
    # a departure with no place and the arrival after it are one move
    cases = cases_of(nlp, "Who fled to Cuba?", "Assata Shakur escaped from prison in New Jersey in 1979 and turned up in Cuba in 1984.")
    assert [(c.destination_country, c.year_start) for c in cases] == [("Cuba", 1984)]


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


# --- constructions added for the East/West, deportation and emigre threads (own wording) ---


def test_taking_up_a_post_moves_the_person_to_where_the_post_is(nlp):
    cases = cases_of(
        nlp,
        "Where did the chemists go?",
        "Karl Wendt stayed a while. After two years in Spain, Karl Wendt took up a lectureship at a college in Toronto in 1937.",
        "Marta Kessel accepted a position in Stockholm in 1936.",
    )
    subjects = by_subject(cases)
    assert [(c.destination_country, c.year_start) for c in subjects["Karl Wendt"]] == [("Canada", 1937)]
    assert [(c.destination_country, c.year_start) for c in subjects["Marta Kessel"]] == [("Sweden", 1936)]


def test_the_mistake_of_going_back_is_a_move_of_the_one_who_made_it(nlp):
    cases = cases_of(
        nlp,
        "Which painters left Austria?",
        "Hugo Brandt settled in Paris in 1931. He made the mistake of going back to Vienna in 1937.",
    )
    assert ("Hugo Brandt", "Austria", 1937) in [(c.subject, c.destination_country, c.year_start) for c in cases]


def test_a_kinship_noun_tells_the_gender_of_the_name_beside_it(nlp):
    cases = cases_of(
        nlp,
        "Which physicists left Germany?",
        "Greta Lorenz fled to Sweden in 1938. Her nephew Paul Wendel was in Oslo at the time. She moved to Edinburgh in 1955 to be near him.",
    )
    assert ("Greta Lorenz", "United Kingdom") in [(c.subject, c.destination_country) for c in cases]
    assert "Paul Wendel" not in {c.subject for c in cases}


def test_hyphenated_relatives_and_estimates_are_subjects(nlp):
    cases = cases_of(
        nlp,
        "How did people get out of East Germany?",
        "My brother-in-law got out in 1957 by taking the tram to the western sectors.",
        "Something like 300,000 Hungarians left in 1956.",
        min_confidence=0.0,  # a group's move with no destination is under the default cut; its subject is what is tested
    )
    subjects = {c.subject: c for c in cases}
    assert "My brother-in-law" in subjects
    assert subjects["My brother-in-law"].destination_country == "West Germany"
    assert any("Hungarians" in s for s in subjects)


def test_a_description_stands_for_the_person_it_describes(nlp):
    cases = cases_of(
        nlp,
        "Who crossed to the East?",
        "Hans Kroll was a young engineer who moved from Munich to Dresden in 1955.",
        "Anton Ruppert is the one everybody forgets: a teacher who had lost his job, sold his house and ended up in Leipzig in 1957.",
    )
    subjects = by_subject(cases)
    assert subjects["Hans Kroll"][0].destination_country == "East Germany"
    assert subjects["Anton Ruppert"][0].destination_country == "East Germany"
    assert not any(c.subject_type == "unnamed" for c in cases)


def test_peoples_named_as_groups_are_deported_together(nlp):
    cases = cases_of(
        nlp,
        "Which peoples did Stalin deport?",
        "In December 1943 the Kalmyks and Balkars were put on trains to Siberia.",
    )
    groups = {c.subject: c for c in cases}
    assert {"Kalmyks", "Balkars"} <= set(groups)
    assert all(c.destination_country == "Soviet Union" and c.year_start == 1943 for c in groups.values())


def test_a_vehicle_is_not_who_was_put_on_it_and_a_dateless_day_borrows_the_year(nlp):
    cases = cases_of(
        nlp,
        "Who was expelled from the USSR?",
        "Pavel Orlov was detained in March 1972, lost his passport and was put on a ship to Hamburg the following day.",
    )
    assert [(c.subject, c.destination_country, c.year_start) for c in cases] == [("Pavel Orlov", "West Germany", 1972)]


def test_crossing_a_region_to_a_city_goes_to_the_city(nlp):
    cases = cases_of(
        nlp,
        "Where did the refugees go?",
        "Czech and Slovak Jews crossed Manchuria to Harbin in 1939.",
    )
    assert [(c.subject, c.destination_country) for c in cases] == [("Czech and Slovak Jews", "China")]


def test_a_number_of_them_means_the_people_just_named(nlp):
    cases = cases_of(
        nlp,
        "Who went to Soviet Armenia?",
        "The government courted overseas Armenians, and about 50,000 of them moved to Yerevan in 1947.",
    )
    assert [group_of(c.subject) for c in cases] == ["overseas Armenians"]
    assert cases[0].destination_country == "Soviet Union"


def test_leaving_then_living_somewhere_gives_the_destination(nlp):
    cases = cases_of(
        nlp,
        "Which writers went back to the USSR?",
        "Ivan Sokolov is one. He had left in 1920, lived for years in Prague, and moved back to Moscow in 1935.",
    )
    assert [(c.destination_country, c.year_start) for c in cases] == [("Czechoslovakia", 1920), ("Soviet Union", 1935)]


def test_being_allowed_home_is_a_return_not_a_forced_one(nlp):
    cases = cases_of(
        nlp,
        "Which peoples did Stalin deport?",
        "In 1943 the Kalmyks were deported to Siberia. The Kalmyks were allowed home in 1957.",
    )
    assert [(c.subject, c.year_start) for c in cases] == [("Kalmyks", 1943), ("Kalmyks", 1957)]
    assert cases[1].destination_country == "Soviet Union"


def test_a_relative_named_as_possessor_is_the_next_she(nlp):
    cases = cases_of(
        nlp,
        "Who was deported from the Baltics?",
        "My aunt's family were deported from Latvia to Siberia in 1949. She came back to Riga in 1956.",
    )
    assert ("My aunt", "Soviet Union", 1956) in [(c.subject, c.destination_country, c.year_start) for c in cases]


def test_the_last_stop_of_an_escape_is_where_the_person_went(nlp):
    cases = cases_of(
        nlp,
        "Which spies reached Moscow?",
        "Arthur Webb was in jail. In 1969 he broke out of prison and was smuggled to Poland in a lorry, and from there on to Moscow.",
    )
    # each country a move of its own, in the order the stops were reached
    assert sorted(((c.origin_country, c.destination_country, c.year_start) for c in cases if c.subject == "Arthur Webb"), key=str) \
        == sorted([(None, "Poland", 1969), ("Poland", "Soviet Union", 1969)], key=str)


def test_leaving_that_way_goes_where_the_way_just_told_went(nlp):
    cases = cases_of(
        nlp,
        "How did people get out of East Germany?",
        "Until 1961 you just took the train to West Berlin. Hundreds of thousands of students left that way.",
        min_confidence=0.0,  # under the default cut; the construction is what is tested
    )
    assert [(c.subject, c.destination_country) for c in cases] == [("Hundreds of thousands of students", "West Germany")]


def test_joining_someone_in_a_place_goes_there(nlp):
    cases = cases_of(
        nlp,
        "How did people get out of East Germany?",
        "A neighbour's daughter was allowed to leave in 1960 to join her fiance in Munich.",
    )
    assert [c.destination_country for c in cases] == ["West Germany"]


def test_a_vehicle_leaving_is_not_a_mover(nlp):
    cases = cases_of(
        nlp,
        "Who hijacked planes to Cuba?",
        "Some of the hijackers were caught before the aircraft ever left Canadian airspace.",
    )
    assert not any("aircraft" in c.subject for c in cases)


def test_there_means_the_place_named_earlier_in_the_same_sentence(nlp):
    cases = cases_of(
        nlp,
        "Which Americans went to China?",
        "Several Americans settled in Beijing in 1950. As for Mexico, the best known are the draft resisters who fled there.",
    )
    resisters = [c for c in cases if "resisters" in c.subject]
    assert [c.destination_country for c in resisters] == ["Mexico"]


def test_escaping_a_person_without_a_place_is_not_a_move(nlp):
    cases = cases_of(
        nlp,
        "Who flew to Cuba?",
        "In 1969 some radicals flew to Havana to escape the FBI.",
    )
    assert [(c.destination_country, c.year_start) for c in cases] == [("Cuba", 1969)]


def test_a_departure_and_a_later_arrival_are_one_move(nlp):
    cases = cases_of(
        nlp,
        "Who ended up in Cuba?",
        "Robert Vance escaped from a jail in Ohio in 1975 and turned up in Havana in 1977.",
    )
    assert [(c.subject, c.destination_country, c.year_start) for c in cases] == [("Robert Vance", "Cuba", 1977)]


def test_going_back_to_a_village_goes_back_to_the_region_they_came_from(nlp):
    cases = cases_of(
        nlp,
        "Did emigrants ever go back?",
        "My great-uncle came over from Apulia in 1902 and worked in the mines of Ohio. He went back to his village in 1910.",
    )
    assert ("Italy", 1910) in [(c.destination_country, c.year_start) for c in cases]


def test_migrants_named_in_a_copula_are_a_case_with_the_sentence_date(nlp):
    cases = cases_of(
        nlp,
        "Who came to America?",
        "The Swedes after 1867 were mostly rural migrants fleeing hunger.",
    )
    assert [(c.subject, c.destination_country, c.year_start) for c in cases] == [("Swedes", "United States", 1867)]


def test_ending_up_in_a_job_is_not_a_move(nlp):
    cases = cases_of(
        nlp,
        "Who came to America?",
        "Franz Sigel came to the US in 1852 and ended up a general from Missouri.",
    )
    assert [(c.subject, c.destination_country) for c in cases] == [("Franz Sigel", "United States")]


def test_a_hypothetical_in_a_why_clause_is_not_a_move(nlp):
    cases = cases_of(
        nlp,
        "Which Americans went to China?",
        "The memoir explains why a young engineer would move to China for good.",
    )
    assert cases == []


def test_the_person_still_called_him_stays_the_next_he(nlp):
    cases = cases_of(
        nlp,
        "Which emigres went back?",
        "Pyotr Lebedev left Russia in 1920 and lived in Berlin. Molotov courted him for years with letters. He came back in 1934.",
    )
    assert ("Pyotr Lebedev", "Soviet Union", 1934) in [(c.subject, c.destination_country, c.year_start) for c in cases]
    assert "Molotov" not in {c.subject for c in cases}


def test_expelled_while_abroad_stays_abroad(nlp):
    cases = cases_of(
        nlp,
        "Who was thrown out of the USSR?",
        "Lev Kopelin moved to Moscow in 1950. He was exiled in 1980 while on a lecture trip in France.",
    )
    assert ("Lev Kopelin", "France", 1980) in [(c.subject, c.destination_country, c.year_start) for c in cases]


def test_people_leaving_a_country_are_named_for_it(nlp):
    cases = cases_of(
        nlp,
        "Who came to America?",
        "About 300,000 people left Norway in 1880-1890, most of them for Minnesota.",
    )
    assert [c.subject for c in cases] == ["Norwegians"]


def test_a_bare_many_means_the_group_just_named_and_home_is_their_country(nlp):
    cases = cases_of(
        nlp,
        "Did emigrants go back?",
        "Thousands of Greek sponge divers came to Florida in the 1900s, and later many went home.",
    )
    assert any(c.destination_country == "Greece" and "Greek" in c.subject for c in cases)


def test_a_people_with_no_country_is_a_group_not_a_person(nlp):
    cases = cases_of(
        nlp,
        "Which peoples did Stalin deport?",
        "In 1943 the Karachays were deported to Kazakhstan. The Karachays only got back to the Caucasus in 1957.",
    )
    assert cases and all(c.subject_type == "group" for c in cases)


def test_them_after_a_group_was_acted_on_means_that_group(nlp):
    cases = cases_of(
        nlp,
        "Where did the refugees go?",
        "The British interned the Czech refugees in a camp on the Isle of Man in 1940. Most of them emigrated to Canada after the war.",
    )
    assert [c.destination_country for c in cases if "refugees" in c.subject] == ["Canada"]


def test_making_it_over_and_jumping_the_fence_are_crossings(nlp):
    cases = cases_of(
        nlp,
        "How did people cross into Austria?",
        "Many Hungarians went to Austria in 1956. Ferenc Toth jumped over the fence near Sopron. His cousin Laszlo Toth made it across too.",
    )
    subjects = {c.subject for c in cases if c.destination_country == "Austria"}
    assert {"Ferenc Toth", "Laszlo Toth"} <= subjects


def test_an_institution_named_for_its_town_is_in_that_town(nlp):
    cases = cases_of(
        nlp,
        "Where did the physicists go?",
        "Erich Vogt took up a chair at the University of Chicago in 1936.",
        "Otto Lenz left for the Carnegie Institute in Pittsburgh in 1934.",
    )
    assert [(c.subject, c.destination_country) for c in cases] == [("Erich Vogt", "United States"), ("Otto Lenz", "United States")]


def test_getting_someone_a_job_is_not_a_move(nlp):
    cases = cases_of(
        nlp,
        "Who wanted to leave the USSR?",
        "Zhdanov phoned him personally and got him a job at the Leningrad Philharmonic instead.",
    )
    assert cases == []


def test_refuge_and_asylum_granted_in_a_place_are_moves_there(nlp):
    cases = cases_of(
        nlp,
        "Where did the exiles go?",
        "Karl Brenner took refuge in Switzerland in 1939.",
        "Ilse Marx found refuge in Turkey in 1934.",
        "Dolores Vega was granted asylum in Sweden in 1971.",
        "Walter Hartmann wrote poems in Vienna. In 1949 the Mexican government granted him asylum in Mexico.",
    )
    got = {(c.subject, c.destination_country) for c in cases}
    assert {("Karl Brenner", "Switzerland"), ("Ilse Marx", "Turkey"), ("Dolores Vega", "Sweden"), ("Walter Hartmann", "Mexico")} <= got
    assert not any("government" in c.subject for c in cases)


# --- constructions met in guest-worker and post-war resettlement threads -------------------------


def test_a_share_of_them_keeps_the_group_named_before(nlp):
    cases = cases_of(
        nlp,
        "Where did the Lithuanians go?",
        "The Lithuanians mostly avoided Brazil. Tens of thousands of them went to Canada in the 1950s, and after 1993 some of them returned to Lithuania.",
    )
    assert [(group_of(c.subject), c.destination_country) for c in cases] == [("Lithuanians", "Canada"), ("Lithuanians", "Lithuania")]


def test_a_relative_of_the_writer_is_the_antecedent_of_he_and_a_country_is_not(nlp):
    cases = cases_of(
        nlp,
        "Did the seasonal workers stay?",
        "Portugal was a country that exported labour. My uncle was one of those workers: he went from Porto to Paris in 1963.",
    )
    assert len(cases) == 1
    assert cases[0].subject == "My uncle" and cases[0].subject_type == "unnamed"
    assert cases[0].destination_country == "France" and cases[0].year_start == 1963


def test_a_group_named_by_its_nation_goes_home_to_that_nation(nlp):
    cases = cases_of(
        nlp,
        "Did the migrant workers go home?",
        "Lots of Greeks left for Belgium in the 1960s, and quite a few went back after 1974.",
        "Plenty of Poles returned in the early 1990s.",
    )
    home = {(c.subject, c.destination_country) for c in cases if c.destination_country in ("Greece", "Poland")}
    assert {c for _, c in home} == {"Greece", "Poland"}


def test_a_nationality_in_the_apposition_tells_where_home_is(nlp):
    cases = cases_of(
        nlp,
        "Did the workers go home?",
        "A colleague of mine, a Slovenian engineer, went to Munich in 1971 and went home when he retired.",
    )
    assert len(cases) == 2
    assert "Slovenian engineer" in cases[0].subject and cases[0].destination_country == "West Germany"
    assert cases[1].destination_country == "Yugoslavia"


def test_people_aboard_a_train_are_the_movers(nlp):
    cases = cases_of(
        nlp,
        "How did the miners come?",
        "The first trains of Moroccan miners arrived in Liege in 1964.",
    )
    assert [(c.subject, c.destination_country, c.year_start) for c in cases] == [("Moroccan miners", "Belgium", 1964)]


def test_a_city_tagged_as_a_person_is_no_name():
    from pipeline.cases import _plausible_name

    assert not _plausible_name("Buenos Aires")
    assert _plausible_name("Ludwig Brenner")


def test_him_acted_on_by_someone_else_is_the_person_the_sentence_is_about(nlp):
    cases = cases_of(
        nlp,
        "Where did the fugitives go?",
        "Juan Gomez wanted engineers. Karl Weber reached Montevideo in 1949 and lived there until agents seized him in 1958 and flew him to Israel.",
    )
    to_israel = [c for c in cases if c.destination_country == "Israel"]
    assert [(c.subject, c.year_start) for c in to_israel] == [("Karl Weber", 1958)]
    assert not any(c.subject == "Juan Gomez" for c in cases)


def test_a_date_in_a_relative_clause_about_the_place_is_not_the_move_date(nlp):
    cases = cases_of(
        nlp,
        "Where did he end up?",
        "Hans Adler later moved on to Paraguay, where he died in 1979.",
    )
    assert [(c.destination_country, c.year_start) for c in cases] == [("Paraguay", None)]


def test_a_place_in_a_there_were_sentence_of_the_question_is_not_the_topic(nlp):
    cases = cases_of(
        nlp,
        "Where did the refugees go? In 1946 there were thousands of refugees in camps in Austria.",
        "Peter Kalnins emigrated in 1949.",
        min_confidence=0.0,  # under the default cut; the construction is what is tested
    )
    assert [c.subject for c in cases] == ["Peter Kalnins"]
    assert cases[0].destination_country != "Austria"


def test_a_country_introduced_as_a_taker_is_where_admitted_people_went(nlp):
    cases = cases_of(
        nlp,
        "Where did the refugees go?",
        "Brazil took a lot of them too. Around 5,000 Latvian refugees were admitted in 1948. "
        "About 3,000 Estonian veterans were brought over in 1949 to work in forestry.",
    )
    assert [(c.destination_country, c.year_start) for c in cases] == [("Brazil", 1948), ("Brazil", 1949)]


def test_what_was_left_over_and_where_people_worked_are_not_moves(nlp):
    cases = cases_of(
        nlp,
        "Where did the refugees go?",
        "The ones left over were mostly elderly people. Many of them went to farms and factories in 1950. "
        "The new law made it impossible to bring relatives over.",
    )
    assert cases == []


def test_another_subject_after_and_does_not_inherit_an_attempt(nlp):
    cases = cases_of(
        nlp,
        "Who went to Canada?",
        "The government wanted doctors, and many Irish doctors went to Canada in the 1950s.",
    )
    assert [(c.destination_country, c.status) for c in cases] == [("Canada", "completed")]


def test_a_later_verb_left_loose_by_the_parser_and_a_move_after_before_keep_their_subject(nlp):
    cases = cases_of(
        nlp,
        "Did the workers go home?",
        "Marco Bellini worked in Liege for years, then fell ill and went back to Italy.",
        "My aunt came from Dublin to Boston in 1958 and worked as a nurse for ten years before going home for good.",
    )
    got = [(c.subject, c.destination_country) for c in cases]
    assert ("Marco Bellini", "Italy") in got
    assert ("My aunt", "United States") in got and ("My aunt", "Ireland") in got


def test_instead_of_going_home_is_no_move_and_a_household_is_one_group(nlp):
    cases = cases_of(
        nlp,
        "Did the miners go home?",
        "Instead of going home, the Moroccan miners brought their wives and children to Belgium.",
    )
    assert [(c.subject, c.destination_country) for c in cases] == [("their wives and children", "Belgium")]


def test_after_the_war_dates_a_move_in_a_thread_about_the_post_war_years(nlp):
    cases = cases_of(
        nlp,
        "Did the Spanish workers in France stay after 1960?",
        "Belgium was a big taker. Spaniards came in large numbers after the war, mostly from Galicia.",
    )
    assert [(c.destination_country, c.year_start, c.date_text) for c in cases] == [("Belgium", 1945, "after the war")]


def test_handing_people_back_is_a_forced_return_and_handing_back_a_thing_is_no_move(nlp):
    cases = cases_of(
        nlp,
        "What happened to the prisoners?",
        "In 1946 the Allies handed back Soviet prisoners whether they wanted it or not. The consul handed back the passports.",
    )
    assert [(c.destination_country, c.year_start) for c in cases] == [("Soviet Union", 1946)]
    assert "prisoners" in cases[0].subject


def test_one_group_named_twice_in_a_post_is_one_case(nlp):
    cases = cases_of(
        nlp,
        "Where did the Irish go?",
        "Then there are the Irish who went to Australia. After 1850 tens of thousands of Irish men went to the Australian goldfields.",
    )
    assert [(c.destination_country, c.year_start) for c in cases] == [("Australia", 1850)]


def test_a_people_counted_in_another_country_went_there(nlp):
    cases = cases_of(
        nlp,
        "Where did the guest workers go?",
        "By the late 1960s there were about 200,000 Greek workers in Sweden. There were many historians in Athens.",
    )
    assert [(c.subject, c.destination_country, c.year_start) for c in cases] == [("200,000 Greek workers", "Sweden", 1967)]


def test_the_place_a_mover_is_met_in_is_where_they_went(nlp):
    cases = cases_of(
        nlp,
        "Who fled in 1956?",
        "I met a woman in Chicago who had fled Hungary in 1956.",
    )
    assert [(c.origin_country, c.destination_country, c.year_start) for c in cases] == [("Hungary", "United States", 1956)]


def test_visitors_counted_abroad_are_not_migrants(nlp):
    cases = cases_of(
        nlp,
        "Where did people go?",
        "There were thousands of German tourists in Spain every summer. There were 30,000 American troops in Korea in 1960.",
    )
    assert cases == []


def test_so_did_repeats_the_move_just_told_and_nothing_else(nlp):
    cases = cases_of(
        nlp,
        "Where did people go?",
        "Lots of Irish went to Boston in 1850. But so did many Germans.",
        "He hated the cold, and so did his wife.",
    )
    assert [(c.subject, c.destination_country, c.year_start) for c in cases] == [
        ("Lots of Irish", "United States", 1850), ("many Germans", "United States", 1850)]


def test_a_way_back_joined_to_a_way_out_is_later_unless_it_starts_by_leaving(nlp):
    cases = cases_of(
        nlp,
        "Did the workers go home?",
        "Dragan Petrovic went to Munich in 1970 and only returned to Belgrade when he retired.",
        "Most of the refugees left Harbin in 1946, and a few hundred even went back to Poland.",
    )
    years = {(c.subject.split()[-1], c.destination_country): c.year_start for c in cases}
    assert years[("Petrovic", "West Germany")] == 1970 and years[("Petrovic", "Yugoslavia")] is None
    assert any(c.destination_country == "Poland" and c.year_start == 1946 for c in cases)


def test_a_country_that_takes_people_in_is_their_destination(nlp):
    cases = cases_of(
        nlp,
        "Which countries took the refugees?",
        "Canada took in about 37,000 Hungarians in 1956-57.",
        "Sweden accepted thousands of Chilean refugees after 1973.",
        "Paraguay let in something like 3,000 refugees in 1939-1940.",
        "He accepted the offer in 1950. She took in the view. They let in the light.",
    )
    assert [(c.destination_country, c.year_start) for c in cases] == [("Canada", 1956), ("Sweden", 1973), ("Paraguay", 1939)]


def test_a_place_joined_with_then_is_a_later_stop_of_its_own(nlp):
    cases = cases_of(
        nlp,
        "Where did he hide?",
        "Otto Kessler reached Argentina in 1948 and later moved on to Paraguay and then Brazil.",
    )
    assert [c.destination_country for c in cases] == ["Argentina", "Paraguay", "Brazil"]
    assert cases[-1].origin_country == "Paraguay"


def test_only_a_country_or_an_authority_takes_people_in(nlp):
    cases = cases_of(
        nlp,
        "Who was let in?",
        "Her family accepted him in 1950. Their claims were admitted in 1952. My aunt welcomed them warmly.",
    )
    assert cases == []


def test_a_never_in_a_later_clause_does_not_undo_the_move_before_it(nlp):
    cases = cases_of(
        nlp,
        "Who left for good?",
        "My father's cousin emigrated to Chile in '52 - she never came back.",
        "The consulate refused to help them emigrate back home.",
    )
    assert [(c.destination_country, c.year_start) for c in cases] == [("Chile", 1952)]


def test_most_after_a_semicolon_is_the_group_just_named(nlp):
    cases = cases_of(
        nlp,
        "Where did they go?",
        "In 1923 roughly 400,000 Bulgarian Turks fled or were driven out; most ended up in Turkey.",
    )
    assert [(c.destination_country, c.year_start) for c in cases] == [("Turkey", 1923)]
    assert "Turks" in cases[0].subject


def test_names_listed_with_to_a_place_and_a_year_in_brackets_are_moves(nlp):
    cases = cases_of(
        nlp,
        "Which politicians went into exile?",
        "A few examples: Otto Bauer (to Czechoslovakia, 1934), Rudolf Hilferding (to Switzerland, 1933). "
        "Karl Renner (born 1870) stayed.",
    )
    assert [(c.subject, c.destination_country, c.year_start) for c in cases] == [
        ("Otto Bauer", "Czechoslovakia", 1934), ("Rudolf Hilferding", "Switzerland", 1933)]


def test_a_following_sentence_about_someone_else_does_not_start_where_the_first_ended(nlp):
    cases = by_subject(cases_of(
        nlp,
        "Who crossed over?",
        "The chemist Otto Brandauer went to East Germany after the war. Henryk Lisowski escaped to Austria.",
    ))
    assert cases["Henryk Lisowski"][0].destination_country == "Austria"
    assert cases["Henryk Lisowski"][0].origin_country != "East Germany"


def test_the_name_after_a_descriptor_noun_is_the_mover(nlp):
    cases = cases_of(nlp, "Who defected?", "The poet Czeslaw Milosz defected to France in 1951.")
    assert [c.subject for c in cases] == ["Czeslaw Milosz"]


def test_a_heading_line_does_not_join_the_name_below_it(nlp):
    cases = cases_of(nlp, "Who left?", "Update\nStanislaw Ulam emigrated to America in 1939.")
    assert [(c.subject, c.year_start) for c in cases] == [("Stanislaw Ulam", 1939)]


def test_having_lived_somewhere_since_a_year_is_a_move_then(nlp):
    cases = cases_of(
        nlp,
        "Which writers stayed abroad?",
        "Mikhail Petrov was a painter from Kiev. He had lived in Berlin since 1923.",
    )
    assert [(c.subject, c.destination_country, c.year_start) for c in cases] == [("Mikhail Petrov", "Germany", 1923)]


def test_a_named_persons_return_or_flight_as_a_noun_is_a_move(nlp):
    cases = by_subject(cases_of(
        nlp,
        "Who came back?",
        "Anna Vesela left Prague for Paris in 1922. Vesela's return in 1939 ended badly. "
        "Bruno Weller's flight to Sweden in 1943 was daring. Many think Jonas Kalnin's return in 1946 was foolish.",
    ))
    assert ("Czechoslovakia", 1939) in [(c.destination_country, c.year_start) for c in cases["Anna Vesela"]]
    assert [(c.destination_country, c.year_start) for c in cases["Bruno Weller"]] == [("Sweden", 1943)]
    assert "Jonas Kalnin" not in cases  # nowhere written to go back to


def test_an_unplaced_move_does_not_borrow_another_posts_usual_destination(nlp):
    cases = by_subject(cases_of(
        nlp,
        "What became of them?",
        "Jan Novak emigrated to Australia in 1949. Petr Dvorak moved to Australia in 1951.",
        "In 1947 the Jewish survivors emigrated.",
        min_confidence=0.0,  # a case with no destination is under the default cut; here it is what is tested
    ))
    assert cases["Jan Novak"][0].destination_country == "Australia"
    assert [c.destination_country for c in cases["Jewish survivors"]] == [None]


def test_a_full_name_the_model_calls_a_place_still_moves(nlp):
    # The small model tags some Spanish and Basque names as GPE ("Dolores Ibarruri"); relabel one to be sure.
    thread = make_thread("Who went to Moscow?", "Aurora Arnaiz, the youth leader, also went to Moscow in 1939.")
    docs = list(nlp.pipe([p.text for p in thread.posts]))
    doc = docs[1]
    doc.ents = [Span(doc, 0, 2, label="GPE")] + [e for e in doc.ents if e.start >= 2]
    cases = extract_cases(thread, docs)
    assert [(c.subject, c.subject_type, c.destination_country, c.year_start) for c in cases] == [
        ("Aurora Arnaiz", "person", "Soviet Union", 1939)]


def test_a_generic_group_is_named_by_its_apposition(nlp):
    cases = cases_of(nlp, "Who left Algeria?", "In 1962 about 4,000 people, mostly Algerian Jews, went from Oran to France.")
    assert len(cases) == 1 and "Algerian Jews" in cases[0].subject
    assert cases[0].destination_country == "France" and cases[0].year_start == 1962


def test_what_a_route_verb_crosses_is_not_the_mover(nlp):
    cases = cases_of(nlp, "Who fled in 1945?", "In 1945 some 30,000 Slovenes crossed the Karawanks into Austria.")
    assert [(c.subject, c.destination_country) for c in cases] == [("some 30,000 Slovenes", "Austria")]


def test_a_stay_at_a_named_place_over_years_is_a_case_of_its_own(nlp):
    cases = cases_of(
        nlp,
        "Which chemists left Europe?",
        "The chemist Ilse Kraus had been in Vienna from 1931 to 1934 and went to the United States in 1936.",
    )
    assert [(c.subject, c.destination_country, c.year_start) for c in cases] == [
        ("Ilse Kraus", "Austria", 1931), ("Ilse Kraus", "United States", 1936)]
    # A stay with one year only, or with no place named, is not a case.
    assert cases_of(nlp, "Q?", "Ilse Kraus was in Vienna in 1931.") == []


def test_a_relative_clause_on_a_description_of_him_is_his_move(nlp):
    cases = cases_of(nlp, "Who went to Canada?", "Paul Novak is another example. He was a watchmaker who settled in Toronto in 1951.")
    assert [(c.subject, c.destination_country, c.year_start) for c in cases] == [("Paul Novak", "Canada", 1951)]


def test_an_event_in_a_time_clause_is_not_the_mover(nlp):
    cases = cases_of(nlp, "Q?", "My cousin Ivo stayed in Riga until the factory closed in 1991 and then moved to Dublin.")
    assert [(c.subject, c.destination_country) for c in cases] == [("Ivo", "Ireland")]


def test_a_when_clause_takes_the_year_it_hangs_on(nlp):
    cases = by_subject(cases_of(
        nlp, "Who came back?", "Enzo Ferri went to Argentina in 1949. He lived there until 1961, when he came back to Italy."))
    assert [(c.destination_country, c.year_start) for c in cases["Enzo Ferri"]] == [("Argentina", 1949), ("Italy", 1961)]


def test_a_familys_move_in_someones_childhood_is_their_move_too(nlp):
    cases = by_subject(cases_of(
        nlp,
        "Who grew up in Canada?",
        "Oleh Kulyk was born in Lviv in 1938, and his family moved to Canada in 1949 when he was eleven.",
        "Ines Bauer was born in Graz. Her family moved to Chile in 1952, long after she had left home.",
    ))
    assert [(c.destination_country, c.year_start) for c in cases["Oleh Kulyk"]] == [("Canada", 1949)]
    assert "Ines Bauer" not in cases  # no word of her age: the family moved, she need not have


def test_a_host_country_taking_a_number_takes_the_group_just_named(nlp):
    cases = cases_of(nlp, "Where did refugees go?", "Some 20,000 German Jews fled in 1938. Bolivia admitted about 20,000 in 1939.")
    assert ("Bolivia", 1939) in [(c.destination_country, c.year_start) for c in cases if "German Jews" in c.subject]


def test_they_after_two_people_named_together_is_both(nlp):
    cases = by_subject(cases_of(
        nlp,
        "Who was exchanged?",
        "Eduard Kuznetsov and Mark Dymshits were arrested in 1970. In 1979 they were put on a plane to New York.",
    ))
    assert [(c.destination_country, c.year_start) for c in cases["Eduard Kuznetsov"]] == [("United States", 1979)]
    assert [(c.destination_country, c.year_start) for c in cases["Mark Dymshits"]] == [("United States", 1979)]


def test_a_second_name_with_the_verb_left_out_makes_the_same_move(nlp):
    cases = by_subject(cases_of(
        nlp,
        "Which physicists left Germany?",
        "Hans Bethe went to England in 1933 and Rudolf Peierls to Manchester in 1934. Otto Stern and Felix Bloch went to the US.",
    ))
    assert [(c.destination_country, c.year_start) for c in cases["Hans Bethe"]] == [("United Kingdom", 1933)]
    assert [(c.destination, c.year_start) for c in cases["Rudolf Peierls"]] == [("Manchester", 1934)]
    # Two names sharing one verb are the parser's conjuncts, not a gapped clause: each moves once.
    assert len(cases["Otto Stern"]) == 1 and len(cases["Felix Bloch"]) == 1


def test_a_place_named_by_an_adjective_and_a_name_is_one_place(nlp):
    cases = cases_of(nlp, "Who went to the Caucasus?", "Anahit Sarkisian moved from Beirut to Soviet Armenia in 1947.")
    assert [(c.destination, c.destination_country) for c in cases] == [("Soviet Armenia", "Soviet Union")]


def test_the_larger_place_after_a_town_says_which_country_it_is_in(nlp):
    # geonames' "Altai" is a town in Mongolia; "in Siberia" says which Altai is meant.
    cases = cases_of(nlp, "Who was deported?", "In 1949 the Volga Germans were deported to the Altai region in Siberia.")
    assert [c.destination_country for c in cases] == ["Soviet Union"]


def test_what_happened_after_arriving_and_a_birth_do_not_date_the_move(nlp):
    cases = by_subject(cases_of(
        nlp,
        "Who was kidnapped?",
        "General Pavel Kutep was kidnapped in Paris by Soviet agents in 1930, smuggled to Moscow on a ship and shot in 1932.",
        "Anna Weiss, born in Vienna in 1921, emigrated to Chile.",
    ))
    # Kidnapped and smuggled on: one journey, dated by the kidnapping, not by the shooting.
    assert [(c.destination_country, c.year_start) for c in cases["Pavel Kutep"]] == [("Soviet Union", 1930)]
    assert [(c.destination_country, c.year_start) for c in cases["Anna Weiss"]] == [("Chile", None)]


def test_a_counter_example_is_no_example_of_the_move(nlp):
    cases = cases_of(nlp, "Where did Russian writers go?",
                     "Ivan Bunin left for France in 1920. Anna Akhmatova is the famous counter-example: she refused to leave.")
    assert [c.subject for c in cases] == ["Ivan Bunin"]


def test_a_named_ship_brings_the_people_aboard(nlp):
    cases = cases_of(nlp, "When did the first ones come?",
                     "The Tosa Maru docked at Santos in June 1910 with about 900 emigrants. Otto Kahn arrived in New York in 1893 with his brothers.")
    # a person is no ship: Kahn arrived, and his brothers with him
    assert sorted((c.subject, c.destination_country, c.year_start) for c in cases) == [
        ("900 emigrants", "Brazil", 1910), ("Kahn's brothers", "United States", 1893), ("Otto Kahn", "United States", 1893)]


def test_a_return_goes_back_from_the_last_place_not_to_it(nlp):
    cases = by_subject(cases_of(
        nlp, "Why did Chinese scientists go home?",
        "Li Weiming had been sent to Michigan in 1946 to study engines; he went back in 1950 as well."))
    # Back from the United States: to the thread's country where the question names one, or the country of the
    # one people it asks about ("Chinese scientists"), else to nowhere known.
    assert [(c.destination_country, c.year_start) for c in cases["Li Weiming"]] == [("United States", 1946), ("China", 1950)]
    cases = by_subject(cases_of(
        nlp, "Why did scientists go home?",
        "Li Weiming had been sent to Michigan in 1946 to study engines; he went back in 1950 as well.",
        min_confidence=0.0))  # a way back to nowhere known is under the default cut; here it is what is tested
    assert [(c.destination_country, c.year_start) for c in cases["Li Weiming"]] == [("United States", 1946), (None, 1950)]
    cases = by_subject(cases_of(
        nlp, "Why did scientists go back to China?",
        "Li Weiming had been sent to Michigan in 1946 to study engines; he went back in 1950 as well."))
    assert [(c.destination_country, c.year_start) for c in cases["Li Weiming"]] == [("United States", 1946), ("China", 1950)]


def test_an_apposition_the_parser_makes_a_second_subject_is_not_the_mover(nlp):
    cases = cases_of(nlp, "Who fled west?",
                     "Marion Gräfin Dönhoff, later the publisher of Die Zeit, fled in January 1945 and rode all the way to Westphalia.")
    assert [(c.subject, c.destination_country) for c in cases] == [("Marion Gräfin Dönhoff", "Germany")]


def test_a_name_the_model_missed_is_who_he_means_next(nlp):
    cases = by_subject(cases_of(
        nlp, "What became of the expellees?",
        "- Otfried Preußler, the author of The Little Witch, was a Sudeten German from Reichenberg. "
        "He was a prisoner of war until 1949. On his release in 1949 he went straight to Rosenheim to join his family.",
    ))
    assert [(c.destination_country, c.year_start) for c in cases.get("Otfried Preußler", [])] == [("West Germany", 1949)]


def test_people_left_behind_did_not_leave(nlp):
    cases = cases_of(nlp, "Who stayed?", "Within a few months the town had almost no Jews left. There were few Germans left in Breslau by 1947.")
    assert cases == []


def test_a_bare_number_of_hundreds_is_part_of_the_group_just_named(nlp):
    cases = cases_of(nlp, "What happened to them?",
                     "In 1944 about 2,000 Japanese Peruvians were shipped to camps in Texas. Hundreds were sent to Japan in 1946.")
    assert ("Japan", 1946) in [(c.destination_country, c.year_start) for c in cases if "Japanese Peruvians" in c.subject]


def test_each_country_of_a_list_of_destinations_is_a_move(nlp):
    cases = cases_of(nlp, "Where did they go?",
                     "In 1950 many Harbin Russians left China for Australia, Brazil and the US. Karl Frisch fled to Austria and then to the United States.")
    harbin = sorted(c.destination_country for c in cases if "Harbin" in c.subject)
    assert harbin == ["Australia", "Brazil", "United States"]
    # "and then" is a later stop of one journey, not a second destination from the same start: the next leg starts in Austria
    assert [(c.origin_country, c.destination_country) for c in cases if c.subject == "Karl Frisch"] == [
        (None, "Austria"), ("Austria", "United States")]


def test_a_place_the_model_calls_a_person_is_not_who_he_means(nlp):
    cases = cases_of(nlp, "Who left Lahore?",
                     "Khushwant Singh wrote the novel. Refugees poured in from West Bengal. He had been practising law in Lahore and moved to Delhi in 1947.")
    assert [(c.subject, c.destination_country, c.year_start) for c in cases if c.subject_type == "person"] == [("Khushwant Singh", "India", 1947)]


def test_born_and_then_the_family_moved_is_the_childs_move(nlp):
    cases = by_subject(cases_of(nlp, "Who came to India?", "Harjit Bedi was born in Gujrat, and his family moved to Delhi in 1947."))
    assert [(c.destination_country, c.year_start) for c in cases["Harjit Bedi"]] == [("India", 1947)]


def test_a_relative_as_subject_is_whom_the_next_he_means(nlp):
    cases = cases_of(nlp, "Who went to Uganda?",
                     "My grandfather ran a shop in Lahore. His younger brother went much further: he was in Kampala from 1956 to 1972.")
    assert [(c.subject, c.destination_country, c.year_start) for c in cases] == [("His younger brother", "Uganda", 1956)]


def test_a_surname_the_model_calls_a_place_after_it_named_the_person(nlp):
    cases = cases_of(
        nlp, "Where did the generals go?",
        "In November 1920 General Wrangel put his army on 126 ships.",
        "Wrangel himself lived at Sremski Karlovci until 1927, then moved to Brussels and died there in 1928.",
    )
    assert [(c.subject, c.destination_country, c.year_start) for c in cases] == [("Wrangel", "Belgium", 1927)]


def test_a_persons_home_is_the_country_the_thread_is_about(nlp):
    cases = cases_of(nlp, "Why did Chinese scientists go back to China in the 1950s?",
                     "Qian Mingde worked at Caltech from 1936 on. He tried to go home in 1950, but customs seized his crates.")
    # working at Caltech from 1936 on is a stay in the United States (Caltech names its town), from then on
    assert [(c.subject, c.destination_country, c.year_start, c.status) for c in cases] == [
        ("Qian Mingde", "United States", 1936, "completed"), ("Qian Mingde", "China", 1950, "attempted")]
    # Going home from the thread's country is not going to it.
    cases = cases_of(nlp, "Did Americans move to the USSR?", "Tom Bell moved to the Soviet Union in 1931. He went home in 1934.")
    assert ("Soviet Union", 1934) not in [(c.destination_country, c.year_start) for c in cases]


def test_people_carried_or_removed_somewhere_moved(nlp):
    cases = cases_of(
        nlp, "Who was moved?",
        "In 1876 an American whaling ship took six Fenian prisoners off the coast and carried them to New York.",
        "In 1942 about 110,000 Japanese Americans were removed to inland camps in Wyoming and Arkansas. "
        "The surgeon removed the bullet in Boston in 1950.",
    )
    assert sorted((c.subject, c.destination_country, c.year_start) for c in cases) == [
        ("110,000 Japanese Americans", "United States", 1942), ("six Fenian prisoners", "United States", 1876)]


def test_a_capitalised_plural_names_a_people_and_a_comma_ends_its_name(nlp):
    cases = by_subject(cases_of(
        nlp, "Who went back?",
        "In 1921 a few thousand Cossacks, tired of the camps, accepted a Soviet amnesty and went back to Russia. "
        "In 1874 the Mennonites left for Kansas.",
    ))
    # The way back takes its year from what led to it, which is no move of its own.
    assert [(c.destination_country, c.year_start) for c in cases["a few thousand Cossacks"]] == [("Soviet Union", 1921)]
    assert [(c.destination_country, c.year_start) for c in cases["Mennonites"]] == [("United States", 1874)]


def test_stripped_of_citizenship_while_abroad_stays_abroad(nlp):
    cases = by_subject(cases_of(
        nlp, "Who was expelled from the GDR?",
        "Karl Hahn moved from Hamburg to East Germany in 1953. Hahn was stripped of his GDR citizenship in 1976 "
        "while on a concert tour in Cologne and was not allowed back. The party stripped Otto Lenz of his medals in 1960.",
    ))
    assert [(c.destination_country, c.year_start) for c in cases["Karl Hahn"]] == [("East Germany", 1953), ("West Germany", 1976)]
    assert "Otto Lenz" not in cases


def test_a_peoples_adjective_on_a_thing_is_no_destination(nlp):
    cases = cases_of(nlp, "Where were they sent?",
                     "In 1946 most Silesians were expelled into the British and Soviet zones. "
                     "In 1945 the Germans of Brno were driven on foot towards the Austrian border.",
        min_confidence=0.0,  # under the default cut; the construction is what is tested
    )
    assert [c.destination_country for c in cases if "Silesians" in c.subject] == [None]
    assert [c.destination_country for c in cases if "Brno" in c.subject] == ["Austria"]


def test_going_the_other_way_is_no_move_of_its_own(nlp):
    cases = cases_of(nlp, "Who moved to India in 1947?",
                     "Many Hindus moved from Lahore to Delhi in 1947. Pervez Rana went the other way: born in Delhi in 1943, "
                     "he moved to Karachi with his family in 1947.")
    assert [(c.destination_country, c.year_start) for c in cases if c.subject == "Pervez Rana"] == [("Pakistan", 1947)]


def test_a_lot_of_people_is_as_generic_as_many_people(nlp):
    cases = cases_of(nlp, "Why did they go?",
                     "A lot of people simply wanted to go back to the homeland in 1946. Lots of people left Ireland in the 1950s. "
                     "A lot of the ordinary soldiers in the camps went back to Spain in 1939.",
        min_confidence=0.0,  # under the default cut; the construction is what is tested
    )
    # Unnamed crowds are named for the country they left, or dropped; a lot of soldiers are still soldiers.
    assert sorted(c.subject for c in cases) == ["Irish", "lot of the ordinary soldiers in the camps"]


def test_others_after_a_named_group_are_more_of_that_group(nlp):
    cases = cases_of(nlp, "Where did they go?",
                     "In the 1950s many Volga Germans in Kyrgyzstan took Soviet papers and went to the Altai. "
                     "Others left the USSR for Argentina and Canada.")
    # "Soviet papers" is a thing taken, not a group or the one who went; "Others" are other Volga Germans, not "Soviets".
    assert not any("papers" in c.subject for c in cases)
    assert [c.destination_country for c in cases if "Volga Germans" in c.subject] == ["Soviet Union", "Argentina", "Canada"]


def test_going_on_to_a_next_country_starts_where_the_last_leg_ended(nlp):
    cases = cases_of(nlp, "Where did the camp end up?",
                     "In 1951 the refugees in Tianjin were shipped to a camp near Manila, and in 1952 most of them went on to Canada.")
    onward = [c for c in cases if c.destination_country == "Canada"]
    assert [c.origin_country for c in onward] == ["Philippines"]


def test_a_country_taking_a_number_is_where_they_went(nlp):
    cases = cases_of(nlp, "Where did the Hungarians go in 1956?",
                     "About 200,000 Hungarian refugees fled to Austria in 1956. Canada took roughly 37,000, and "
                     "Britain took 20,000 students in 1956-57. Germany took Austria in 1938.")
    assert {c.destination_country for c in cases if "students" not in c.subject} == {"Austria", "Canada"}
    assert [c.destination_country for c in cases if "students" in c.subject] == ["United Kingdom"]
    assert len(cases) == 3


def test_a_place_the_ner_calls_a_person_is_no_antecedent_for_he(nlp):
    cases = cases_of(nlp, "Any family stories?",
                     "My grandfather served in the Crimea with the Dardanelles lot. Silesia was different. "
                     "He ended up in Lisbon in 1947.")
    assert [(c.subject_type, c.destination_country) for c in cases] == [("unnamed", "Portugal")]


def test_the_owner_of_a_book_is_the_next_he(nlp):
    cases = cases_of(nlp, "Novels about Partition?",
                     "Read Krishna Sobti's memoir first. She had been living in Lahore and moved to Delhi in 1947.",
                     "Rahul Verma's book is good. He had been teaching in Rawalpindi and moved to Bombay in 1947.")
    assert [(c.subject, c.destination_country, c.year_start) for c in cases] == [
        ("Krishna Sobti", "India", 1947), ("Rahul Verma", "India", 1947)]


def test_a_later_stop_after_then_is_a_move_even_when_the_parser_drops_it(nlp):
    cases = cases_of(nlp, "Family history?",
                     "My grandmother was a nurse. She ended up in Lisbon, then Rio de Janeiro, and nobody knows why.")
    assert [(c.origin_country, c.destination_country) for c in cases] == [(None, "Portugal"), ("Portugal", "Brazil")]


def test_coming_back_with_no_place_goes_to_the_country_of_the_people_asked_about(nlp):
    cases = cases_of(nlp, "Did any Hungarian exiles go back after 1956?",
                     "Tibor Dery's cousin Pal Kovacs came back from Vienna in 1963 and died in Budapest.",
                     "The Soviet bloc never let anyone back. Gyula Balogh came back from London in 1964.")
    assert sorted((c.subject, c.destination_country) for c in cases) == [("Gyula Balogh", "Hungary"), ("Pal Kovacs", "Hungary")]


def test_a_return_after_two_stops_goes_back_past_both(nlp):
    cases = cases_of(nlp, "Where did the painter go?",
                     "Pavel Orlov, the painter, had gone from Kiev to Egypt in 1920 and later to Paris; he returned in 1936.")
    assert [(c.origin_country, c.destination_country, c.year_start) for c in cases] == [
        ("Soviet Union", "Egypt", 1920), ("Egypt", "France", None), ("France", "Soviet Union", 1936)]


def test_a_small_town_is_where_they_went(nlp):
    cases = cases_of(nlp, "Where did they go?",
                     "The writer Pavel Orlov left Russia in 1922 and lived in Lienz until his death.",
                     "Anna Berg left Vienna in 1938 and settled in Fremantle.")
    assert [(c.destination_country, c.year_start) for c in cases] == [("Austria", 1922), ("Australia", 1938)]


def test_a_city_named_like_a_word_is_a_place_where_the_sentence_makes_it_one(nlp):
    cases = cases_of(nlp, "Who left Algeria for France, and who went on to the United States?",
                     "Olga Petrova left Algiers in 1962 and settled in Nice.",
                     "Reading the thread, I saw that the surgeon Sam Jackson moved to Austin in 1960.",
        min_confidence=0.0,  # under the default cut; the construction is what is tested
    )
    assert [(c.destination, c.destination_country) for c in cases] == [("Nice", "France"), ("Austin", "United States")]
    # Only in a country the thread names: the largest Salem is in India, not where a New Englander went.
    cases = cases_of(nlp, "Where did the Loyalists go?", "The judge Samuel Curwen went back to Salem in 1784.", min_confidence=0.0)
    assert [c.destination_country for c in cases] == [None]
    assert places.resolve_place("Nice") is None  # the word alone, as in "Nice answer", is still no place


def test_being_allowed_back_is_a_return(nlp):
    cases = cases_of(nlp, "Did any Hungarian exiles go back?",
                     "The poet Gyula Balogh fled to Vienna in 1956. He was allowed back in 1963 and taught in Szeged.")
    assert [(c.destination_country, c.year_start) for c in cases] == [("Austria", 1956), ("Hungary", 1963)]


def test_a_stay_told_first_but_dated_later_is_not_where_a_departure_started(nlp):
    cases = cases_of(nlp, "Where did the Whites go?",
                     "The painter Boris Lenz left with the army in 1920 and was in Harbin from 1931 to 1945.")
    assert [(c.origin_country, c.destination_country, c.year_start) for c in cases if c.year_start == 1920] == [(None, None, 1920)]


def test_a_move_after_a_reason_clause_belongs_to_the_one_who_moved(nlp):
    cases = cases_of(nlp, "Who went on to America?",
                     "The chemist Ernst Kohn taught in Prague until 1938, left for Paris in 1938 because his wife Hanna was Jewish, "
                     "and got to New York in June 1940.")
    assert [(c.subject, c.destination_country, c.year_start) for c in cases] == [
        ("Ernst Kohn", "France", 1938), ("Ernst Kohn", "United States", 1940)]


def test_a_surname_the_ner_misses_is_the_next_he_when_the_thread_knows_the_full_name(nlp):
    cases = cases_of(nlp, "Where did he end up?",
                     "Vladislav Khodasevich left Russia in 1922.",
                     "Khodasevich summed up his own route nicely. He left out the end: in 1958 he moved to Lausanne and stayed there.")
    assert [(c.subject, c.destination_country, c.year_start) for c in cases if c.year_start == 1958] == [
        ("Vladislav Khodasevich", "Switzerland", 1958)]


def test_kinds_of_people_named_together_are_one_group_but_peoples_stay_apart(nlp):
    cases = cases_of(nlp, "Who left?",
                     "In 1949 about 3,000 doctors and nurses sailed from Marseille to Haifa. "
                     "In 1944 the Chechens and Ingush were deported to Kazakhstan.")
    assert sorted(c.subject for c in cases) == ["3,000 doctors and nurses", "Chechens", "Ingush"]


def test_an_agency_moving_people_on_is_not_itself_a_mover(nlp):
    cases = cases_of(nlp, "How did they get to America?",
                     "In 1977 the JDC moved the dropouts on to Rome, where they waited for visas.")
    assert not any("JDC" in c.subject for c in cases)


def test_the_writers_relative_as_passive_subject_or_owner_of_a_story_is_the_next_he(nlp):
    cases = cases_of(nlp, "Family stories?",
                     "My grandmother was born in Danzig. In 1950 she tried to go back to Danzig and was turned away.",
                     "My uncle's story is a sad one. He was a teacher in Breslau and left for Dresden in 1946.",
                     "My aunt's husband, a miner, moved to Essen in 1955.")
    assert sorted((c.subject, c.destination_country) for c in cases) == [
        ("My aunt's husband, a miner", "West Germany"), ("My grandmother", "Poland"), ("My uncle", "Germany")]


def test_a_surname_tagged_alone_keeps_its_first_name_apart_from_a_namesake(nlp):
    cases = cases_of(nlp, "Who crossed at Partition?",
                     "Two of them:\n"
                     "1. Raj Kumar, the actor, fled from Quetta to Bombay in 1947.\n"
                     "2. Inder Kumar was born in Jhelum, and his family moved to Delhi at Partition.")
    assert ("Inder Kumar", "India") in [(c.subject, c.destination_country) for c in cases]


def test_a_people_expelled_from_another_country_goes_to_its_own(nlp):
    cases = cases_of(nlp, "Who was expelled?",
                     "In 1970 about 20,000 Italians were expelled from Libya. The Chechens were deported from Chechnya in 1944.")
    assert [(c.subject, c.destination_country) for c in cases if "Italians" in c.subject] == [("20,000 Italians", "Italy")]
    assert all(c.destination_country != "Russia" for c in cases if "Chechens" in c.subject)


def test_a_share_of_the_group_with_the_verb_left_out_makes_its_own_move(nlp):
    cases = cases_of(nlp, "Where did they go?",
                     "In the 1960s a lot of former exiles and their wives got passports and went to Canada, "
                     "mostly to Toronto, and a smaller number back to Italy.")
    assert sorted((c.subject, c.destination_country) for c in cases) == [
        ("a lot of former exiles and their wives", "Canada"), ("a lot of former exiles and their wives", "Italy")]


def test_a_question_place_the_model_leaves_untagged_is_still_the_topic(nlp):
    cases = cases_of(nlp, 'Why did diaspora Greeks "return" to Soviet Armenia after the war?',
                     "To add the Cypriot side: around 900 Cypriot Greeks went, mostly from Limassol in 1947.")
    assert [(c.destination_country, c.year_start) for c in cases] == [("Soviet Union", 1947)]


def test_a_peoples_adjective_makes_a_noun_a_mover(nlp):
    cases = cases_of(nlp, "Who was sent back?",
                     "In 1946 thousands of Soviet POWs were sent back to the USSR. Italian POWs were shipped to Canada in 1941.")
    assert sorted(c.destination_country for c in cases) == ["Canada", "Soviet Union"]


def test_groups_from_a_list_of_countries_are_one_case_each_named_for_the_people_asked_about(nlp):
    cases = cases_of(nlp, "Why did so many Greeks go back to Greece after the war?",
                     "The largest groups came from Egypt and Turkey, and a few from Romania.")
    assert sorted((c.subject, c.origin_country, c.destination_country) for c in cases) == [
        ("Greeks from Egypt", "Egypt", "Greece"), ("Greeks from Turkey", "Turkey", "Greece")]


# -- constructions added on 2026-11-27 (second session) -------------------------------------------------------


def test_a_name_conjoined_with_a_tagged_person_keeps_to_its_own_words(nlp):
    cases = cases_of(nlp, "Who went to America?", "- Enzo Ferri and Bruno Castellani both came to the US in 1911.")
    subjects = {c.subject for c in cases}
    assert "Bruno Castellani" in subjects
    assert not any("Bruno" in s and "Castellani" not in s for s in subjects)
    assert not any(s.endswith(" Bruno") for s in subjects)


def test_a_descriptor_with_a_relative_clause_is_about_the_name_before_it(nlp):
    cases = cases_of(
        nlp,
        "Who was taken to North Korea?",
        "Jenkins later married Keiko Arai, a Japanese student who had been abducted from Niigata in 1977.",
    )
    assert any(c.subject == "Keiko Arai" and c.year_start == 1977 for c in cases)
    assert not any("student" in c.subject for c in cases)


def test_one_of_the_group_allowed_back_is_the_person_named(nlp):
    cases = cases_of(
        nlp,
        "Who came home?",
        "Keiko Arai was taken to North Korea in 1977. She was one of the few abductees allowed to go back to Japan in 2002.",
    )
    assert any(c.subject == "Keiko Arai" and c.destination_country == "Japan" and c.year_start == 2002 for c in cases)


def test_exile_in_a_city_and_a_return_to_do_something_in_a_city_are_destinations(nlp):
    cases = cases_of(
        nlp,
        "Where did the singers go?",
        "Ana Ruiz was arrested after a concert in 1976 and went into exile in Madrid. "
        "She came back to perform in Santiago in 1984.",
    )
    dests = {(c.destination_country, c.year_start) for c in cases if c.subject == "Ana Ruiz"}
    assert ("Spain", 1976) in dests
    assert ("Chile", 1984) in dests


def test_a_person_in_apposition_leads_a_relative_clause_after_an_of_phrase(nlp):
    cases = cases_of(
        nlp,
        "Who left Algeria?",
        "The best known is Ahmed Benali, a deputy of the National Assembly, who left for Marseille in 1962 with his family.",
    )
    assert any(c.subject == "Ahmed Benali" and c.destination_country == "France" for c in cases)
    assert not any("Assembly" in c.subject for c in cases)


def test_them_after_a_group_subject_is_the_group_named_before(nlp):
    cases = cases_of(
        nlp,
        "What happened to the deserters?",
        "Three British sailors deserted in Odessa in 1951. In 1952 they asked for asylum at the embassy, "
        "but the Romanians handed them straight back to the Soviets.",
    )
    assert not any(c.subject.startswith("Romanian") for c in cases)


def test_a_move_the_writer_says_never_happened_is_no_case(nlp):
    cases = cases_of(
        nlp,
        "Who moved to Moscow?",
        "Harry Lane is often said to have moved to Moscow, but he never did.",
    )
    assert not any(c.subject == "Harry Lane" for c in cases)


def test_leaving_a_place_the_model_calls_a_person_for_a_city_is_a_move(nlp):
    cases = cases_of(nlp, "Who left Algeria?", "Pierre Morel had already left El Biar for Paris in 1950 to study law.")
    assert any(c.subject == "Pierre Morel" and c.destination_country == "France" and c.year_start == 1950 for c in cases)


def test_running_from_one_city_to_another_is_a_move(nlp):
    cases = cases_of(nlp, "Which spies fled?", "The spy Harold Finch ran from Beirut to Moscow in 1963.")
    assert any(c.subject == "Harold Finch" and c.destination_country == "Soviet Union" and c.year_start == 1963 for c in cases)


def test_them_after_a_share_of_a_kind_of_people_is_that_people(nlp):
    cases = cases_of(
        nlp,
        "Where did the refugees go?",
        "Many of the Hmong people were farmers. Something like 100,000 of them went to Thailand in 1975.",
    )
    assert any("Hmong" in c.subject and c.destination_country == "Thailand" for c in cases)


def test_a_name_labelling_a_list_item_is_whom_the_pronoun_means(nlp):
    cases = cases_of(
        nlp,
        "Who went into exile?",
        "Tomas Berg was a sailor.\n\n- Carmen Vidal: she and her sister were held in prison in 1974 and then went into exile, "
        "first to Sweden and then to France.",
    )
    assert any(c.subject == "Carmen Vidal" and c.destination_country == "Sweden" for c in cases)
    assert not any(c.subject == "Tomas Berg" for c in cases)


def test_a_relative_named_in_a_clause_about_a_place_does_not_take_the_pronoun(nlp):
    cases = cases_of(
        nlp,
        "Who fled Smyrna?",
        "Nikos Pappas was born in Smyrna. In 1922 the British evacuated his family to Cyprus, where his uncle died, "
        "and the next year he and his mother moved on to England.",
    )
    assert any(c.subject == "Nikos Pappas" and c.destination_country == "United Kingdom" for c in cases)


def test_asking_to_be_allowed_back_is_an_attempted_return(nlp):
    cases = cases_of(
        nlp,
        "Did any Loyalists come back?",
        "Jonathan Sewell was a Loyalist judge. He asked to be allowed to return to Massachusetts in 1788.",
    )
    attempts = [c for c in cases if c.subject == "Jonathan Sewell" and c.status == "attempted"]
    assert attempts and attempts[0].destination_country == "United States"


def test_a_country_taking_an_estimate_of_people_is_their_move(nlp):
    cases = cases_of(
        nlp,
        "Where did the refugees go?",
        "About 100,000 Czechs crossed into Austria in 1968. From there the US took something like 12,000 of them.",
    )
    assert any("Czechs" in c.subject and c.destination_country == "United States" for c in cases)


def test_an_answer_opening_on_a_surname_means_the_full_name_read_before(nlp):
    cases = cases_of(
        nlp,
        "Which Italians went back?",
        "- Carlo Bellini arrived in Boston in 1905.",
        "A note on Bellini: after his trial he was deported to Italy in 1931.",
    )
    assert any(c.subject == "Carlo Bellini" and c.destination_country == "Italy" and c.year_start == 1931 for c in cases)


def test_a_ship_that_left_with_people_brings_them_where_it_arrived(nlp):
    cases = cases_of(
        nlp,
        "How did the children travel?",
        "The Stella left Bilbao on 3 June 1937 with about 2,000 Basque children, plus nurses and teachers, "
        "and arrived in Plymouth two days later.",
    )
    assert any("children" in c.subject and c.destination_country == "United Kingdom" for c in cases)
    assert not any(c.subject == "Stella" for c in cases)


def test_making_it_to_a_place_is_a_move(nlp):
    cases = cases_of(nlp, "Who escaped?", "Pavel Novak was a teacher in Brno. In 1968 he made it to Vienna.")
    assert any(c.subject == "Pavel Novak" and c.destination_country == "Austria" for c in cases)


def test_an_authority_is_never_the_group_a_later_them_means(nlp):
    cases = cases_of(
        nlp,
        "Were the children sent back?",
        "Some 3,000 Basque children were evacuated to Belgium in 1937. The Spanish authorities wanted every one of them home. "
        "The regime was very determined about getting them back.",
    )
    assert not any("authorit" in c.subject for c in cases)


def test_a_nationality_on_people_is_not_a_destination(nlp):
    cases = cases_of(nlp, "Who defected?", "Boris Lenkov was a dancer. At the airport he ran up to two French policemen.")
    assert not any(c.destination_country == "France" for c in cases)


def test_a_named_place_that_cannot_be_placed_is_not_replaced_by_a_guess(nlp):
    cases = cases_of(
        nlp,
        "Did the Loyalists go to Canada?",
        "Ezra Mott, a merchant from Salem, spent the war in London and came home to Salem in 1784.",
        min_confidence=0.0,  # under the default cut; the construction is what is tested
    )
    back = [c for c in cases if c.subject == "Ezra Mott" and c.year_start == 1784]
    assert back and back[0].destination_country != "Canada"


def test_a_country_reached_after_another_is_a_move_of_its_own_but_a_journey_on_is_one(nlp):
    cases = cases_of(
        nlp,
        "Where did the refugees of 1956 go?",
        "Tibor Nagy was a student in Budapest. In November 1956 he crossed into Austria and reached Toronto in January 1957.",
        "Gyula Kovacs flew to Vienna in 1956, went on to Zurich and ended up in New York.",
    )
    nagy = {c.destination_country for c in cases if c.subject == "Tibor Nagy"}
    assert {"Austria", "Canada"} <= nagy
    # a journey on through other countries is a move to each (CASES.md: one movement from one place to another)
    assert [c.destination_country for c in cases if c.subject == "Gyula Kovacs"] == ["Austria", "Switzerland", "United States"]


def test_who_after_a_list_of_cities_means_the_people_from_them(nlp):
    cases = cases_of(
        nlp,
        "Who went to Mexico?",
        "They were 300 orphans, mostly from poor families in Madrid, Valencia and Barcelona, who sailed from Bordeaux "
        "in May 1937 and landed at Veracruz in June.",
    )
    assert cases and not any(c.subject in ("Valencia", "Barcelona", "Madrid") for c in cases)


def test_none_of_them_going_back_is_no_move(nlp):
    cases = cases_of(
        nlp,
        "Did the children go home?",
        "About 450 children were taken to Mexico in 1937. Since Mexico never recognised Franco, almost none of them went back.",
    )
    assert not any(c.subject.startswith("none") for c in cases)


def test_there_after_a_place_no_gazetteer_knows_is_that_place(nlp):
    cases = cases_of(
        nlp,
        "Where did the Loyalists settle?",
        "Some went to Jamaica. The Oneidas under their chief were granted land on the Thames River in 1785 and moved there the next year.",
    )
    assert not any("Oneida" in c.subject and c.destination_country == "Jamaica" for c in cases)


def test_a_surname_the_parser_takes_for_a_noun_is_the_person_named_in_full(nlp):
    cases = cases_of(
        nlp,
        "Who came to Japan?",
        "Charles Jenkins crossed into North Korea in 1965. Larry Abshier had crossed in 1962.",
        "Jenkins later married a Japanese woman there. He followed her to Japan in 2004 with their two daughters.",
    )
    assert any(c.subject == "Charles Jenkins" and c.destination_country == "Japan" and c.year_start == 2004 for c in cases)
    assert not any(c.subject == "Larry Abshier" and c.destination_country == "Japan" for c in cases)


def test_countries_taking_the_most_or_thousands_take_the_group_named_before(nlp):
    cases = cases_of(
        nlp,
        "Where did the refugees go?",
        "Many of the Hmong people fled to Thailand. In the end the US took by far the most, "
        "and Australia and France took thousands each.",
    )
    hosts = {c.destination_country for c in cases if "Hmong" in c.subject}
    assert {"United States", "Australia", "France"} <= hosts


def test_those_who_handle_the_boats_are_not_the_group_aboard(nlp):
    cases = cases_of(
        nlp,
        "Where did the refugees go?",
        "Many of the Hmong people fled to Thailand. In 1979 the Thais started pushing the boats back out. "
        "Canada took around 5,000 in 1980.",
    )
    assert any("Hmong" in c.subject and c.destination_country == "Canada" for c in cases)
    assert not any("Thai" in c.subject for c in cases)


def test_family_words_of_everyday_speech_are_people(nlp):
    cases = cases_of(
        nlp,
        "How did your family come over?",
        "My grandad came from Mirpur to Bradford in 1961. My in-laws went to France in 1980.",
    )
    assert any(c.subject == "My grandad" and c.destination_country == "United Kingdom" for c in cases)
    assert any(c.subject == "My in-laws" and c.destination_country == "France" for c in cases)


def test_a_titled_name_that_is_also_a_town_is_a_person_and_a_decade_no_subject(nlp):
    cases = cases_of(
        nlp,
        "Who came over?",
        "Sam King came back in 1948.\n\nThe singer Lord Kitchener was on the same ship. "
        "He moved up to Manchester in the fifties and went back to Trinidad in 1962.",
    )
    kitchener = {(c.destination_country, c.year_start) for c in cases if c.subject.endswith("Kitchener")}
    assert ("Trinidad and Tobago", 1962) in kitchener
    assert not any(c.subject == "Sam King" and c.destination_country == "Trinidad and Tobago" for c in cases)


def test_counted_people_the_parser_hangs_on_a_time_clause_are_the_subject(nlp):
    cases = cases_of(
        nlp,
        "Where did the Republicans go?",
        "When the front broke in early 1939 something like 400,000 Spanish Republicans, soldiers and civilians, "
        "crossed the Pyrenees into France within weeks.",
    )
    groups = [c for c in cases if "Republicans" in c.subject]
    assert groups and groups[0].destination_country == "France"
    assert not any(c.subject in ("soldiers", "civilians") for c in cases)


def test_talking_about_a_move_is_no_move(nlp):
    cases = cases_of(
        nlp,
        "Who went to Palestine?",
        "Gershom Scholem went to Palestine in 1923. His friend Walter Benjamin talked about following him for years and never did.",
    )
    assert not any(c.subject == "Walter Benjamin" for c in cases)


def test_made_it_impossible_is_no_move_and_keeps_no_date_from_the_real_one(nlp):
    cases = cases_of(
        nlp,
        "Did emigrants go home?",
        "Thousands of Chinese laborers came to California in the 1850s, and later many went home, "
        "especially after the Exclusion Act of 1882 made it almost impossible to bring families over.",
    )
    home = [c for c in cases if c.destination_country == "China"]
    assert home and home[0].year_start == 1882


def test_a_year_counted_from_the_one_told_before(nlp):
    cases = cases_of(
        nlp,
        "Where did he go?",
        "Nikos Pappas left Smyrna for Malta in 1922. The next year he moved on to England.",
        "Eva Lind fled to Sweden in 1943. She went on to Canada two years later.",
    )
    years = {(c.subject, c.destination_country): c.year_start for c in cases}
    assert years[("Nikos Pappas", "United Kingdom")] == 1923
    assert years[("Eva Lind", "Canada")] == 1945


def test_a_move_hedged_with_i_think_is_told_and_the_next_verb_keeps_its_subject(nlp):
    cases = cases_of(
        nlp,
        "Who went back and forth?",
        "Marta Kovacs went to Vienna in 1956, I think with her cousins, went back to Budapest for a year "
        "and moved to Vienna for good in 1958.",
    )
    moves = {(c.destination_country, c.year_start) for c in cases if c.subject == "Marta Kovacs"}
    assert {("Austria", 1956), ("Austria", 1958)} <= moves
    assert any(d == "Hungary" for d, _ in moves)


def test_a_name_before_a_colon_is_whom_the_pronoun_after_it_means(nlp):
    cases = cases_of(
        nlp,
        "Who left Poland?",
        "Same story with Tomasz Wierzbicki: he left for Italy in 1963 and came back to Poznań in 1996.",
    )
    moves = {(c.subject, c.destination_country, c.year_start) for c in cases}
    assert ("Tomasz Wierzbicki", "Italy", 1963) in moves and ("Tomasz Wierzbicki", "Poland", 1996) in moves


def test_she_keeps_meaning_whom_she_meant_when_a_relative_is_named_after_her(nlp):
    cases = cases_of(
        nlp,
        "Who left Cuba?",
        "Ana Duarte left Cuba in 1960. She moved to Mexico the next year, and when her sister died in 1965 the government would not let her back.",
    )
    assert any(c.subject == "Ana Duarte" and c.destination_country == "Mexico" for c in cases)
    assert not any("sister" in c.subject for c in cases)


def test_a_first_name_before_and_a_full_name_shares_the_surname_and_they_means_both(nlp):
    cases = cases_of(
        nlp,
        "Who moved to Paris?",
        "Pierre and Marie Curie moved to Warsaw in 1920. They went back to Paris in 1921.",
    )
    subjects = {c.subject for c in cases}
    assert "Pierre Curie" in subjects and "Pierre" not in subjects
    assert {c.subject for c in cases if c.destination_country == "France"} == {"Pierre Curie", "Marie Curie"}


def test_moving_ones_family_is_ones_own_move(nlp):
    cases = cases_of(nlp, "Who emigrated?", "Karl Weber moved his family from Hamburg to Chicago in 1882.")
    assert [(c.subject, c.destination_country) for c in cases] == [("Karl Weber", "United States")]


def test_he_and_a_named_partner_both_go_and_he_keeps_meaning_whom_he_meant(nlp):
    cases = cases_of(
        nlp,
        "Who left Russia?",
        "Ivan Petrov is the clearest case. He and Olga left for Berlin in 1921. They went back to Moscow in 1923. He left again for Paris in 1925.",
    )
    moves = {(c.subject, c.destination_country) for c in cases}
    assert {("Ivan Petrov", "Germany"), ("Olga", "Germany"), ("Ivan Petrov", "Soviet Union"), ("Olga", "Soviet Union")} <= moves
    assert ("Ivan Petrov", "France") in moves and ("Olga", "France") not in moves


def test_an_office_only_one_holds_is_a_person_and_one_met_on_the_way_is_not_he(nlp):
    cases = cases_of(
        nlp,
        "Where did the Shah go?",
        "The Shah's route is worth going through. He flew to Egypt in January 1979, where Sadat received him. "
        "Later he flew to Panama. In March 1980 he went back to Egypt.",
    )
    moves = [(c.subject, c.destination_country, c.year_start) for c in cases]
    assert all(s == "the Shah" for s, _, _ in moves)
    # the second stay in Egypt is a case of its own, not the first one told again
    assert ("the Shah", "Egypt", 1979) in moves and ("the Shah", "Egypt", 1980) in moves and any(d == "Panama" for _, d, _ in moves)


def test_a_list_item_naming_someone_with_an_apposition_is_whom_he_means(nlp):
    cases = cases_of(
        nlp,
        "Who escaped?",
        "Some names:\n- Tran Van Minh, a teacher who hid his past. He escaped to Thailand in 1979 and was resettled in Canada in 1980.",
    )
    assert {(c.subject, c.destination_country) for c in cases} >= {("Tran Van Minh", "Thailand"), ("Tran Van Minh", "Canada")}


def test_being_somewhere_since_a_year_and_a_bare_span_of_years_are_stays(nlp):
    cases = cases_of(
        nlp,
        "Who lived in Paris?",
        "Pablo Ruiz had been in Paris since 1904.",
        "Ezra Pound lived in Paris 1921-1924 and then moved to Rapallo.",
    )
    moves = {(c.subject, c.destination_country, c.year_start) for c in cases}
    assert ("Pablo Ruiz", "France", 1904) in moves
    assert ("Ezra Pound", "France", 1921) in moves and ("Ezra Pound", "Italy", 1924) in moves


def test_being_back_in_a_place_is_a_return_and_back_then_is_not(nlp):
    cases = cases_of(
        nlp,
        "Who came back?",
        "Henry Miller came to Paris in 1930. Back then he was a nobody. "
        "He left for Greece in 1939 to stay with Lawrence Durrell and was back in New York in 1940.",
    )
    moves = {(c.subject, c.destination_country, c.year_start) for c in cases}
    assert ("Henry Miller", "United States", 1940) in moves
    assert all(s == "Henry Miller" for s, _, _ in moves) and len(moves) == 3


def test_a_first_name_before_a_surname_the_ner_takes_for_a_town_makes_a_person(nlp):
    # the small model tags only "Newton", a town's name, and as a place
    cases = cases_of(nlp, "Who fled to Cuba?", "In 1974 Huey Newton fled to Cuba to avoid a murder trial.")
    assert [(c.subject, c.subject_type, c.destination_country) for c in cases] == [("Huey Newton", "person", "Cuba")]


def test_a_name_qualifying_a_noun_a_role_and_a_border_are_no_movers(nlp):
    cases = cases_of(
        nlp,
        "Who deserted?",
        "Jack Todd, the Montreal Gazette sportswriter, deserted in 1969 and crossed into Canada.",
        "Alfred Weiss grew up in Saratov. He spent 1946-48 in Vienna as a boy, where his father was working, and moved to Hamburg in 1990.",
        "Martial law was declared, the borders were closed, and from Austria they were resettled in Canada.",
    )
    subjects = {c.subject for c in cases}
    assert "Jack Todd" in subjects and not any("Gazette" in s for s in subjects)
    assert any(c.subject == "Alfred Weiss" and c.destination_country == "West Germany" for c in cases)
    assert not any(s in ("boy", "borders") for s in subjects)


def test_a_first_name_alone_means_the_one_full_name_it_begins(nlp):
    cases = cases_of(
        nlp,
        "Who lived in Paris?",
        "Scott and Zelda Fitzgerald came over to Paris in 1924. Scott went back to New York in 1927.",
    )
    assert {c.subject for c in cases} == {"Scott Fitzgerald", "Zelda Fitzgerald"}


def test_whose_exile_it_was_and_a_one_word_name_given_as_the_exception_are_whom_the_pronoun_means(nlp):
    cases = cases_of(
        nlp,
        "Who left Iran?",
        "Reza Pahlavi went to Texas in 1978. Khomeini's exile ran the other way. In November 1964 he was exiled to Turkey.",
        "Most singers stayed in LA. Googoosh is the famous exception. She went home to Tehran in 1979.",
    )
    moves = {(c.subject, c.destination_country) for c in cases}
    assert ("Khomeini", "Turkey") in moves and ("Reza Pahlavi", "Turkey") not in moves
    assert ("Googoosh", "Iran") in moves


def test_a_stop_told_before_going_on_soon_after_is_a_move_of_its_own(nlp):
    cases = cases_of(
        nlp,
        "Where did refugees go?",
        "Sok Chea survived the camps, escaped to Thailand in 1979 and went to Canada soon after.",
    )
    assert {c.destination_country for c in cases if c.subject == "Sok Chea"} == {"Thailand", "Canada"}


def test_a_name_before_a_colon_and_his_is_whom_the_later_he_means(nlp):
    cases = cases_of(
        nlp,
        "Who went back?",
        "Bill Clinton changed the policy. And then there is Pedro Alvarez: his father drowned at sea in 1999, "
        "and after months of fighting he went back to Cuba in June 2000.",
    )
    assert [(c.subject, c.destination_country) for c in cases if c.destination_country == "Cuba"] == [("Pedro Alvarez", "Cuba")]


def test_that_year_with_no_dated_move_before_is_the_year_the_sentence_before_told(nlp):
    cases = cases_of(
        nlp,
        "Who left Cuba?",
        "When Machado fell in 1933 the family lost everything. Rosa Vidal and her mother got out to Miami that year.",
    )
    assert [(c.subject, c.year_start) for c in cases if c.subject == "Rosa Vidal"] == [("Rosa Vidal", 1933)]


def test_retiring_to_a_place_and_making_ones_way_to_it_are_moves(nlp):
    cases = cases_of(
        nlp,
        "Who moved?",
        "Lee Ka-wing retired to Vancouver in 1990. He had retired from the army in 1985.",
        "Franz Huber escaped from an Austrian prison in 1948 and made his way to Rome.",
    )
    moves = {(c.subject, c.destination_country) for c in cases}
    assert ("Lee Ka-wing", "Canada") in moves and ("Franz Huber", "Italy") in moves
    assert len([c for c in cases if c.subject == "Lee Ka-wing"]) == 1


def test_where_one_who_left_died_or_was_executed_is_where_they_went(nlp):
    cases = cases_of(
        nlp, "Who left Sweden?", "Olof Lund left Gävle in 1902 and was executed by firing squad in Salt Lake City in 1915."
    )
    assert [(c.subject, c.destination_country, c.year_start) for c in cases] == [("Olof Lund", "United States", 1902)]


def test_sent_to_school_in_a_place_is_a_move_there_and_to_the_farms_is_none(nlp):
    cases = cases_of(
        nlp,
        "Who went abroad?",
        "Nadia Karimi was sent to school in Vienna in 1984.",
        "Ali Hassan went to the farms and the mines.",
    )
    assert [(c.subject, c.destination_country) for c in cases] == [("Nadia Karimi", "Austria")]


def test_the_subject_of_a_when_clause_and_a_relative_acting_on_him_do_not_take_he_away(nlp):
    cases = cases_of(
        nlp,
        "Where did they flee?",
        "Walter Rauff worked for the Syrian government. When Za'im was overthrown he left for Ecuador, and in 1958 he settled in Chile.",
        "Franz Stangl went to Brazil. Klaus Barbie was helped out by the Counter Intelligence Corps, who had been using him as an informant. "
        "He left via Genoa for Bolivia in 1951.",
    )
    moves = {(c.subject, c.destination_country) for c in cases}
    assert {("Walter Rauff", "Ecuador"), ("Walter Rauff", "Chile"), ("Klaus Barbie", "Bolivia")} <= moves
    assert not any(s in ("Za'im", "Franz Stangl") and d in ("Chile", "Ecuador", "Bolivia") for s, d in moves)


def test_a_list_of_shares_each_with_its_place_and_being_both_back(nlp):
    cases = cases_of(
        nlp,
        "Where did the Boers go?",
        "The Boers lost the war in 1902. Some went to German South West Africa, some to Kenya, a small party to Mexico, "
        "and several hundred to Argentina.",
        "Sterling Price and Jo Shelby went to Mexico in 1865. Price and Shelby were both back in Missouri by 1867.",
    )
    assert {c.destination_country for c in cases if group_of(c.subject) == "Boers"} == {"Namibia", "Kenya", "Mexico", "Argentina"}
    back = {c.subject for c in cases if c.destination_country == "United States"}
    assert back == {"Sterling Price", "Jo Shelby"}


def test_drifting_back_and_a_forced_return_told_with_place_and_year(nlp):
    cases = cases_of(
        nlp,
        "Who came back?",
        "About sixty farmers landed at Saltpond in January 1915, and most of them drifted back to the States.",
        "Robert Lang had gone north to Canada in 2005. He was deported back to the US in 2008 and court-martialled.",
    )
    assert any(c.destination_country == "United States" and "farmers" in c.subject for c in cases)
    lang = {(c.destination_country, c.year_start) for c in cases if c.subject == "Robert Lang"}
    assert lang == {("Canada", 2005), ("United States", 2008)}


def test_we_in_a_post_about_the_writers_family_is_that_family(nlp):
    cases = cases_of(
        nlp,
        "Who left Iran?",
        "My parents left Tehran in 1984 and we ended up in Los Angeles. We moved to Irvine in 1995.",
        "We know that many went to Canada.",
    )
    assert {(c.subject, c.year_start) for c in cases if c.subject == "my family"} == {("my family", 1984), ("my family", 1995)}
    assert not any(c.destination_country == "Canada" and c.subject == "my family" for c in cases)


def test_a_departure_and_the_arrival_told_after_it_are_one_move(nlp):
    cases = cases_of(
        nlp,
        "Who came to Britain?",
        "Hanna Weil grew up in Baden. She left Kippenheim in May 1939. Her train reached the coast and she got to London two days later.",
        "The Mimosa left Liverpool on 28 May 1865 with about 150 emigrants and landed at what is now Puerto Madryn on 28 July.",
    )
    weil = [(c.origin_country, c.destination_country, c.year_start) for c in cases if c.subject == "Hanna Weil"]
    assert weil == [("Germany", "United Kingdom", 1939)]
    assert any(c.destination_country == "Argentina" and "emigrants" in c.subject for c in cases)


def test_settling_among_the_ruins_of_a_town_and_a_name_on_a_thing_is_no_one(nlp):
    cases = cases_of(
        nlp,
        "Where did the Circassians go?",
        "The Circassians were expelled by Russia in 1864. The first Circassians settled among the Roman ruins of Amman in 1878.",
        "My grandfather worked in the Congo. After independence the Force Publique mutinied within a week, "
        "and he flew out on the Sabena airlift to Brussels in July 1960.",
    )
    assert any(c.destination == "Amman" and c.destination_country == "Ottoman Empire" for c in cases)
    assert not any(c.destination_country == "Romania" for c in cases)  # not the Romanian town of Roman
    assert [c.subject for c in cases if c.destination_country == "Belgium"] == ["My grandfather"]


def test_spending_a_span_of_years_in_a_place_is_a_stay_there(nlp):
    cases = cases_of(
        nlp, "Who came back?", "Knut Hamsun spent 1882-1884 in the Midwest and went back to Norway.",
    )
    assert [(c.destination_country, c.year_start) for c in cases] == [("United States", 1882), ("Norway", 1884)]


def test_a_faith_written_with_an_apostrophe_is_a_people_a_later_many_means(nlp):
    cases = cases_of(
        nlp,
        "Who left Iran?",
        "Religious minorities left in large numbers. The Baha'is had it worse. Thousands were smuggled over the mountains into Pakistan.",
    )
    assert [group_of(c.subject) for c in cases if c.destination_country == "Pakistan"] == ["Baha'is"]


def test_a_share_of_a_group_named_by_its_kind_sets_whom_they_and_some_mean(nlp):
    cases = cases_of(
        nlp,
        "Where did they go?",
        "After 1902 a number of the bittereinders could not stomach British rule, and they scattered. Some went to Kenya, and several hundred to Argentina.",
        "Perhaps 30,000 Scandinavian converts went to Utah. Not all of them stayed in the faith, and a number of disappointed converts went back to Scandinavia.",
    )
    assert {c.destination_country for c in cases if group_of(c.subject) == "bittereinders"} == {"Kenya", "Argentina"}
    assert any("converts" in c.subject and c.destination == "Scandinavia" for c in cases)


def test_a_count_of_people_then_mostly_who_they_were_is_named_by_them(nlp):
    cases = cases_of(
        nlp,
        "Who sailed?",
        "The sloop Restauration left Stavanger in July 1825 with 52 people on board, mostly Quakers and Haugeans, and landed in New York in October.",
    )
    assert [(c.subject, c.destination_country) for c in cases] == [("52 people, mostly Quakers and Haugeans", "United States")]


def test_an_arrival_placed_by_the_work_after_it_and_a_departure_to_go_back(nlp):
    cases = cases_of(
        nlp,
        "Who went to Ghana?",
        "Maya Angelou arrived in 1962, worked at the University of Ghana, and left in 1965 to go back to the US.",
        "Alexander Crummell spent twenty years in Liberia. Politics turned against him after President Roye was overthrown, "
        "and he came back to the United States in 1872.",
    )
    moves = [(c.subject, c.destination_country, c.year_start) for c in cases]
    assert ("Maya Angelou", "Ghana", 1962) in moves and ("Maya Angelou", "United States", 1965) in moves
    assert not any(s == "Maya Angelou" and d is None for s, d, _ in moves)
    assert ("Alexander Crummell", "United States", 1872) in moves and not any("Roye" in s for s, _, _ in moves)


def test_a_stay_in_two_places_over_a_decade_is_a_stay_in_each(nlp):
    cases = cases_of(
        nlp,
        "Who travelled?",
        "Ismail Gasprinski was born in Crimea. He spent a few years in Paris and Istanbul in the 1870s, then went home to Crimea.",
    )
    assert {c.destination_country for c in cases if c.year_start == 1870} >= {"France", "Ottoman Empire"}


def test_a_group_told_by_its_size_is_part_of_the_group_just_named(nlp):
    cases = cases_of(
        nlp,
        "Where did they go?",
        "In 1968 about 13,000 Polish Jews were pushed out. A big group went to Sweden.",
        "The biggest groups came from Syria and Lebanon.",
    )
    assert [(group_of(c.subject), c.destination_country) for c in cases if c.destination_country == "Sweden"] == [("13,000 Polish Jews", "Sweden")]


def test_a_name_the_model_runs_into_a_dash_and_a_pronoun_is_the_name_alone(nlp):
    # "* Victor Herman - his family moved ...": the small model tags "Victor Herman - his" as one person
    assert person_key("Victor Herman - his") == person_key("Victor Herman") == "herman"
    assert person_key("Anna Seghers — her") == person_key("Anna Seghers")


def test_a_name_given_as_born_so_is_the_same_person_not_a_second_mover(nlp):
    cases = cases_of(
        nlp,
        "Who worked in the USSR?",
        "Some cases:\n\n* John Scott (born John Scott Nearing) worked at Magnitogorsk from 1932 to 1937 and wrote Behind the Urals.",
    )
    assert [(c.subject, c.destination_country) for c in cases] == [("John Scott", "Soviet Union")]


def test_those_who_went_along_moved_too(nlp):
    cases = cases_of(
        nlp,
        "Who went to Canada?",
        "Emil Klein emigrated to Canada with his wife and two sons in 1951. "
        "Tom Hale drove up to Winnipeg in 1970 with his girlfriend and his best friend. "
        "Anna Berg sailed for New York in 1905 together with her sister Maria.",
    )
    assert sorted((c.subject, c.subject_type, c.destination_country, c.year_start) for c in cases) == [
        ("Anna Berg", "person", "United States", 1905),
        ("Emil Klein", "person", "Canada", 1951),
        ("Hale's best friend", "unnamed", "Canada", 1970),
        ("Hale's girlfriend", "unnamed", "Canada", 1970),
        ("Klein's wife and two sons", "group", "Canada", 1951),
        ("Maria", "person", "United States", 1905),
        ("Tom Hale", "person", "Canada", 1970),
    ]


def test_a_companion_named_beside_the_kin_word_is_that_person_and_not_the_next_he(nlp):
    cases = by_subject(cases_of(
        nlp,
        "Who went back to China?",
        "Qian Wen sailed from Los Angeles to China in 1955 with his wife, the singer Jiang Ying. He came back to the US in 1980.",
    ))
    assert [c.destination_country for c in cases["Jiang Ying"]] == ["China"]
    # "He" is still Qian Wen: the companion is not the person the next sentence means
    assert [c.destination_country for c in cases["Qian Wen"]] == ["China", "United States"]


def test_with_names_nobody_who_went_along_unless_a_person_moved(nlp):
    cases = cases_of(
        nlp,
        "Q?",
        "Paul Klee left Germany for Switzerland in 1933 with the help of friends. Marc Stein lived with his uncle in Paris.",
    )
    assert [(c.subject, c.destination_country) for c in cases] == [("Paul Klee", "Switzerland")]


def test_moving_on_from_a_country_flown_to_makes_that_country_a_stop_of_its_own(nlp):
    cases = cases_of(nlp, "Where did Batista go?",
                     "Fulgencio Batista flew to the Dominican Republic in 1959, moved on to Madeira and later to Spain.")
    assert [(c.destination_country, c.origin) for c in cases] == [
        ("Dominican Republic", None), ("Portugal", "the Dominican Republic"), ("Spain", "Madeira")]


def test_being_at_a_named_place_from_a_year_on_is_a_stay(nlp):
    cases = cases_of(nlp, "Q?", "Karl Weber worked in London from 1950 and came back to Germany in 1955.")
    assert [(c.destination_country, c.year_start, c.year_end) for c in cases] == [
        ("United Kingdom", 1950, None), ("West Germany", 1955, None)]


def test_an_undated_move_is_placed_in_the_state_of_the_year_the_story_has_reached(nlp):
    question = "Why did so many Lebanese emigrate to the Americas in the 1890s?"
    answer = ("In 1890 Yusuf Haddad went to Brazil. In 1895 Elias Khoury left for New York. "
              "Carlos Ghosn was born in Brazil in 1954 and was taken to Beirut at six.\n\n"
              "Sami Haddad moved to Beirut when the war ended.")
    cases = {c.subject: c for c in cases_of(nlp, question, answer)}
    # the year the sentence tells places Beirut in Lebanon, not in the Ottoman province of the thread's usual years
    assert cases["Carlos Ghosn"].destination_country == "Lebanon"
    # a new paragraph with no year of its own leans on the thread's years again
    assert cases["Sami Haddad"].destination_country == "Ottoman Empire"


def test_the_year_of_what_followed_a_move_does_not_place_it(nlp):
    cases = cases_of(nlp, "Spies who went east?",
                     "George Blake escaped from prison in October 1966. He was smuggled to East Berlin and went on to Moscow, "
                     "where he lived until he died in 2020.")
    # "lived until he died in 2020" dates neither stop
    assert [(c.destination_country, c.year_start) for c in cases if c.subject == "George Blake"] == [("East Germany", 1966), ("Soviet Union", None)]


def test_he_never_means_a_person_named_after_it_in_the_same_sentence(nlp):
    cases = cases_of(
        nlp,
        "Which kings went into exile?",
        "1. Carol II of Romania went into exile twice. In 1925 he renounced his rights and went off to Paris with his mistress "
        "Magda Lupescu; in June 1930 he flew back to Bucharest.",
    )
    assert sorted((c.subject, c.destination_country, c.year_start) for c in cases) == [
        ("Carol II", "France", 1925), ("Carol II", "Romania", 1930), ("Magda Lupescu", "France", 1925)]
    # a companion of a ruler is written with the whole name the number belongs to
    cases = cases_of(nlp, "Q?", "Carol II of Romania went to Paris in 1925 with his mother.")
    assert sorted(c.subject for c in cases) == ["Carol II", "Carol II's mother"]


def test_kinds_of_people_named_before_the_word_a_clause_hangs_on_are_one_named_group(nlp):
    # the parser hangs "that moved" on "peasants": the group starts at "workers", and is never an empty name
    cases = cases_of(nlp, "Who went back to Mexico?",
                     "In 1932 Diego Rivera, who was in Detroit painting murals, helped set up a league of Mexican workers and peasants "
                     "that moved home to farming colonies in Mexico.")
    assert all(c.subject.strip() for c in cases)
    assert ("Mexican workers and peasants", "Mexico") in [(c.subject, c.destination_country) for c in cases]
    # a league that "encouraged people to go home" did not go: the people encouraged did, and "people" names no one
    cases = cases_of(nlp, "Who went back to Mexico?",
                     "In 1932 Diego Rivera, who was in Detroit painting murals, helped set up a league of Mexican workers and peasants "
                     "that encouraged people to go home to farming colonies in Mexico.")
    assert not cases


def test_every_share_of_a_list_with_the_verb_left_out_is_a_move(nlp):
    cases = cases_of(nlp, "Where did the Indians go?",
                     "Over the next seventy years something like 240,000 Indians went to British Guiana and about 143,000 to Trinidad, "
                     "with smaller numbers to Jamaica.")
    assert [c.destination_country for c in cases] == ["Guyana", "Trinidad and Tobago", "Jamaica"]
    cases = cases_of(nlp, "Where did the Asians go?",
                     "Idi Amin expelled the Asians in 1972. About 28,000 went to Britain, several thousand to India and smaller numbers to Canada.")
    assert {"United Kingdom", "India", "Canada"} <= {c.destination_country for c in cases}


def test_a_year_the_ner_calls_a_number_still_dates_the_move(nlp):
    cases = cases_of(nlp, "Why did Italians go to America?", "Southern Italians went overwhelmingly to the United States after about 1890.")
    assert [(c.destination_country, c.year_start) for c in cases] == [("United States", 1890)]
    # a distance that looks like a year counts something else
    cases = cases_of(nlp, "Q?", "After about 1900 kilometres on foot, Karl Weber reached Vienna.")
    assert [(c.destination_country, c.year_start) for c in cases] == [("Austria", None)]


def test_a_work_an_operation_or_a_route_is_never_the_mover(nlp):
    cases = cases_of(nlp, "Q?", "The film follows a boy called Eero who is sent to a farm in Sweden in 1943. "
                                "Then there's the German route, which is often left out.")
    assert all(c.subject not in ("film", "German route") for c in cases)
    assert ("Sweden", 1943) in [(c.destination_country, c.year_start) for c in cases]


def test_a_name_the_ner_calls_an_organisation_is_a_person_and_the_next_he(nlp):
    cases = cases_of(nlp, "Which German scientists went to America?",
                     "Wernher von Braun was a rocket engineer. He was flown to the US in 1945.")
    assert [(c.subject, c.destination_country) for c in cases] == [("Wernher von Braun", "United States")]
    cases = cases_of(nlp, "Q?", "Wernher von Braun went to the United States in 1945.")
    assert [(c.subject, c.destination_country) for c in cases] == [("Wernher von Braun", "United States")]
    # an organisation stays one: the Bank of England moves no one
    cases = cases_of(nlp, "Q?", "The Bank of England sent gold to Canada in 1940.")
    assert cases == []


def test_a_counted_plural_name_is_a_group_not_a_person(nlp):
    cases = cases_of(nlp, "Where did the Old Believers go?",
                     "Some 300 Old Believers settled in Harbin in the 1920s. In 1958 most of them left for Brazil.")
    assert [(group_of(c.subject), c.subject_type, c.destination_country) for c in cases] == [
        ("Some 300 Old Believers", "group", "China"), ("Some 300 Old Believers", "group", "Brazil")]


def test_sent_to_a_camp_in_a_named_place_after_a_trial_is_a_completed_forced_move(nlp):
    cases = cases_of(nlp, "Q?", "Karl Weber was tried in 1937 and sent to a camp in Kazakhstan.")
    assert [(c.destination_country, c.year_start, c.status) for c in cases] == [("Soviet Union", 1937, "completed")]
    # trying to go is still an attempt
    cases = cases_of(nlp, "Q?", "Karl Weber tried to get to Canada in 1950 and was caught.")
    assert [(c.destination_country, c.status) for c in cases] == [("Canada", "attempted")]


def test_an_origin_named_but_not_placed_gets_no_guessed_country(nlp):
    cases = cases_of(nlp, "Why did people go to North Korea?",
                     "Karl Weber deserted to North Korea in 1965. He later married Hitomi Soga, a nurse who had been abducted "
                     "from Kuroshima Island in 1978.")
    soga = [c for c in cases if c.subject == "Hitomi Soga"]
    assert soga and all(c.origin == "Kuroshima Island" and c.origin_country is None for c in soga)


def test_shares_of_a_group_told_in_one_sentence_are_moves_of_their_own(nlp):
    cases = cases_of(nlp, "Where did the Russians of Harbin go?",
                     "In the 1950s thousands of Russian refugees in Harbin had to leave China again. "
                     "Most went to Brazil, to Parana; some went to Argentina and Australia.")
    assert {"Brazil", "Argentina", "Australia"} <= {c.destination_country for c in cases}


def test_a_hedged_count_is_who_moved_and_a_set_off_description_is_no_object(nlp):
    cases = cases_of(nlp, "How many Britons went to Australia?",
                     "Between 1947 and 1972 something over a million Britons emigrated to Australia, mostly working families from "
                     "industrial towns.")
    assert [(c.subject, c.subject_type, c.destination_country, c.year_start) for c in cases] == [
        ("a million Britons", "group", "Australia", 1947)]


def test_who_after_an_apposition_with_its_own_phrase_means_the_person_named(nlp):
    cases = cases_of(nlp, "Did Estonian politicians escape to Sweden?",
                     "The big name is Jaan Tamm, the last mayor before the occupation, who escaped to Sweden in September 1944.")
    assert [(c.subject, c.destination_country, c.year_start) for c in cases] == [("Jaan Tamm", "Sweden", 1944)]


def test_the_north_and_the_south_name_the_halves_of_a_divided_country_the_thread_names(nlp):
    question = "Who crossed between North Korea and South Korea?"
    cases = cases_of(nlp, question, "Kim Pyong-ho went to the South in 2019 with his wife. A year later he went back north.", min_confidence=0.0)
    assert [(c.subject, c.destination_country) for c in cases if c.subject.endswith("Pyong-ho")] == [
        ("Kim Pyong-ho", "South Korea"), ("Kim Pyong-ho", "North Korea")]
    # No divided country in view, or a year before the division: the words name no country.
    for text in ("Kim Pyong-ho went to the South in 2019.", "Kim Pyong-ho went to the South in 1900."):
        found = cases_of(nlp, "Who went to Korea?" if "1900" in text else "Who moved around?", text, min_confidence=0.0)
        assert [c.destination_country for c in found if c.subject == "Kim Pyong-ho"] == [None]


def test_a_crossing_with_no_place_goes_where_they_then_lived(nlp):
    cases = cases_of(nlp, "Did Estonian writers flee to Sweden?",
                     "Marie Under and her husband Artur Adson crossed in 1944 and lived in Stockholm for the rest of their lives.")
    assert {(c.subject, c.destination_country, c.year_start) for c in cases} == {
        ("Marie Under", "Sweden", 1944), ("Artur Adson", "Sweden", 1944)}
    # A thing taken is no crossing: "took citizenship and died in Accra" moves nobody.
    assert cases_of(nlp, "Who went to Ghana?", "Julian Mayfield took Ghanaian citizenship and died in Accra in 1984.") == []


def test_a_city_and_its_state_after_a_comma_are_one_place(nlp):
    cases = cases_of(nlp, "Where did they retire?", "In 1968 the Kerouacs left for St. Petersburg, Florida, where he died the next year.")
    assert [(c.destination, c.destination_country) for c in cases] == [("St. Petersburg, Florida", "United States")]
    # Two cities of a list stay two places.
    cases = cases_of(nlp, "Where did Quebecers go?", "In 1880 Pierre Roy went to Lowell, Manchester and Fall River.")
    assert "Lowell, Manchester" not in {c.destination for c in cases}


def test_a_surname_named_in_full_before_is_not_a_first_name_to_share(nlp):
    cases = cases_of(nlp, "Did Mexican artists go home?",
                     "Diego Rivera painted murals in Detroit. Rivera and Frida Kahlo themselves went back to Mexico at the end of 1933.")
    assert sorted((c.subject, c.destination_country) for c in cases) == [("Diego Rivera", "Mexico"), ("Frida Kahlo", "Mexico")]
    cases = cases_of(nlp, "Did the Gibbs go back?", "Hugh and Barbara Gibb went back to England in 1967.")
    assert sorted(c.subject for c in cases) == ["Barbara Gibb", "Hugh Gibb"]


def test_a_country_named_without_a_date_is_the_state_of_the_year_just_told(nlp):
    cases = cases_of(nlp, "What happened to the Estonian government in 1944?",
                     "In September 1944 Otto Tief formed a government in Tallinn. He was arrested and sent to the camps in Russia.")
    assert [(c.subject, c.destination_country) for c in cases] == [("Otto Tief", "Soviet Union")]


def test_a_kin_word_then_a_name_is_the_person_named(nlp):
    cases = cases_of(nlp, "Did any Doukhobors go back?", "Her brother Vasily went back to Russia in the 1920s to help build the new life.")
    assert [(c.subject, c.subject_type, c.destination_country) for c in cases] == [("Vasily", "person", "Soviet Union")]


def test_both_after_two_people_moved_means_those_two(nlp):
    cases = cases_of(nlp, "Who helped the Doukhobors settle in Canada?",
                     "Leopold Sulerzhitsky went to Canada with the first ship in 1899, and Sergei Tolstoy went with a later one. "
                     "Both went back to Russia once the settlers were on the land.")
    back = sorted(c.subject for c in cases if c.destination == "Russia")
    assert back == ["Leopold Sulerzhitsky", "Sergei Tolstoy"]


@pytest.mark.parametrize("together", ["The couple", "The two of them", "They"])
def test_the_couple_or_the_two_of_them_are_the_two_just_named_together(nlp, together):
    cases = cases_of(nlp, "Did any blacklisted Americans go east?",
                     "Martha Dodd and her husband Alfred Stern were indicted as Soviet agents. "
                     f"{together} slipped out of Mexico to Prague in 1957.")
    assert sorted((c.subject, c.destination_country) for c in cases) == [
        ("Alfred Stern", "Czechoslovakia"), ("Martha Dodd", "Czechoslovakia")]


def test_a_couple_of_hundred_of_them_is_no_couple(nlp):
    cases = cases_of(nlp, "Did any blacklisted Americans go to Europe?",
                     "Hugo Butler and Jean Rouverol went to Mexico in 1950. A couple of hundred of them moved on to Paris in 1952.")
    assert [(c.subject_type, c.destination_country) for c in cases if c.year_start == 1952] == [("group", "France")]


def test_a_list_item_naming_someone_with_who_is_the_he_that_follows(nlp):
    cases = cases_of(nlp, "Did French Canadians go back and forth?",
                     "A few well-known people went back and forth:\n\n- Calixa Lavallée, who wrote the music of O Canada. "
                     "He left for the States as a teenager, around 1857.")
    assert [(c.subject, c.destination_country, c.year_start) for c in cases] == [("Calixa Lavallée", "United States", 1857)]


def test_a_town_the_thread_puts_people_in_is_no_he(nlp):
    # the small model tags the town a person; the thread only ever uses it as a place
    cases = cases_of(nlp, "Did French Canadians go back?",
                     "The Lavallée family came from Verchères. He left Verchères for the States as a teenager. "
                     "He came back to Quebec in the 1870s.")
    assert "Verchères" not in {c.subject for c in cases}


def test_the_first_verb_of_a_list_keeps_its_subject_for_the_last(nlp):
    # the parser makes "came back" the complement of "wrote", which it leaves with no subject
    cases = cases_of(nlp, "Did French Canadians go back?",
                     "Calixa Lavallée went to Boston in 1857. He came back to Quebec in the 1870s, wrote O Canada in 1880, "
                     "and left for Boston that same year because he couldn't make a living as a musician at home.")
    assert [(c.subject, c.destination_country, c.year_start) for c in cases if c.year_start == 1880] == [
        ("Calixa Lavallée", "United States", 1880)]


def test_after_an_event_his_family_is_the_subject_not_the_event(nlp):
    # the parser makes "Suez" the subject and "his family" its apposition
    cases = cases_of(nlp, "Who left Egypt?",
                     "The singer Demis Roussos is the famous example: he was born in Alexandria, and after Suez his family "
                     "lost pretty much everything and moved to Athens.")
    assert ("Demis Roussos", "Greece") in [(c.subject, c.destination_country) for c in cases]
    assert "Suez" not in {c.subject for c in cases}


def test_coming_back_after_a_move_with_no_origin_goes_to_the_country_the_thread_asks_about(nlp):
    cases = cases_of(nlp, "Did Spanish Republican exiles ever go back to Spain?",
                     "My great-uncle went to the Soviet Union in 1937 as a child. He came back in 1957 and never talked about it.")
    assert [(c.origin_country, c.destination_country) for c in cases if c.year_start == 1957] == [("Soviet Union", "Spain")]


def test_an_estimate_and_a_second_group_both_moved(nlp):
    # the parser makes "something" the subject and the second group a second subject
    cases = cases_of(nlp, "Who fled to Sweden?",
                     "In autumn 1944 something like 25,000-30,000 Estonians and about 4,000-5,000 Latvians crossed to Sweden.")
    assert sorted(c.subject for c in cases) == ["25,000-30,000 Estonians", "4,000-5,000 Latvians"]


def test_one_who_accompanied_a_ship_went_too_and_a_son_named_alone_bears_the_family_name(nlp):
    cases = cases_of(nlp, "Who helped the Doukhobors settle in Canada?",
                     "Tolstoy's follower Leopold Sulerzhitsky went along with the first ship to Canada in 1899, and Tolstoy's son "
                     "Sergei accompanied a later one. Both went back to Russia once the settlers were on the land.")
    moves = sorted((c.subject, c.destination_country) for c in cases)
    assert moves == [("Leopold Sulerzhitsky", "Canada"), ("Leopold Sulerzhitsky", "Russia"),
                     ("Sergei Tolstoy", "Canada"), ("Sergei Tolstoy", "Russia")]


def test_the_people_the_title_asks_about_is_where_a_return_goes_whatever_others_the_body_names(nlp):
    cases = cases_of(nlp, "Did any African Americans actually emigrate to the Soviet Union in the 1930s?\n\n"
                          "I've read that the Soviets made a big deal of racial equality as propaganda against the US.",
                     "Harry Haywood went to Moscow to study in 1926, but he came back in 1930, so he's not really an emigrant.")
    assert [(c.origin_country, c.destination_country) for c in cases if c.year_start == 1930] == [("Soviet Union", "United States")]


def test_one_of_the_children_sent_abroad_is_the_writers_own_relative(nlp):
    cases = cases_of(nlp, "Were Finnish children evacuated?",
                     "My grandmother was one of the Finnish kids sent to Sweden during the war and she never really talked about it.")
    assert [(c.subject, c.subject_type, c.destination_country) for c in cases] == [("My grandmother", "unnamed", "Sweden")]


def test_what_would_have_happened_is_no_move(nlp):
    cases = cases_of(nlp, "Why did American writers move to Paris?",
                     "James Baldwin went to Paris in November 1948 with about forty dollars in his pocket; he said later that "
                     "if he'd stayed in Harlem he would have ended up dead or in prison.")
    assert [(c.subject, c.destination_country) for c in cases] == [("James Baldwin", "France")]


def test_an_agreement_that_left_people_somewhere_is_no_mover(nlp):
    cases = cases_of(nlp, "What happened to the Italians of Libya?",
                     "Libya became independent at the end of 1951, and a 1956 agreement with Italy left the Italians in possession of their property.")
    assert cases == []


def test_an_estimate_the_parser_hides_in_the_time_phrase_is_who_moved(nlp):
    cases = cases_of(nlp, "What happened in Cyrenaica?",
                     "Resistance in Cyrenaica went on for twenty years, and in 1930-1931 something like 100,000 people from the "
                     "Jebel Akhdar were forcibly moved to camps near Benghazi.")
    assert [(c.subject, c.destination_country, c.year_start) for c in cases] == [("100,000 people from the Jebel Akhdar", "Libya", 1930)]


def test_people_of_an_ancestry_with_an_aside_on_them_are_the_subject_and_not_sent_to_that_country(nlp):
    cases = cases_of(nlp, "What happened to Japanese Americans?",
                     "After Executive Order 9066 in February 1942, about 120,000 people of Japanese ancestry, two thirds of them "
                     "US citizens, were removed from the West Coast to camps inland.", min_confidence=0.0)
    assert [(c.subject, c.destination_country) for c in cases] == [("120,000 people of Japanese ancestry", None)]


def test_a_stay_of_years_told_with_an_object_between_is_a_move_there(nlp):
    # the parser hangs "in Leningrad" and the years on "engineering"
    cases = cases_of(nlp, "Did Vietnamese students go to the USSR?",
                     "My grandfather studied engineering in Leningrad from 1962 to 1967 and then came back to Hanoi to work on the railways.")
    assert [(c.destination_country, c.year_start, c.year_end) for c in cases][0] == ("Soviet Union", 1962, 1967)


def test_a_town_of_two_words_the_thread_only_puts_people_in_is_no_she(nlp):
    cases = cases_of(nlp, "What happened to the Mormon colonies in Mexico?",
                     "My great-grandmother was on one of those trains. She was twenty, from Colonia Dublán, with a baby on her hip. "
                     "She tried to go back to Dublán that autumn, but got no further than the border.", min_confidence=0.0)
    assert "Colonia Dublán" not in {c.subject for c in cases}


def test_them_after_a_first_verb_that_took_people_is_those_people(nlp):
    cases = cases_of(nlp, "What happened to the Chinese of Sonora?",
                     "So between 1931 and 1934 the Immigration Service arrested the Chinese refugees and shipped them from "
                     "San Francisco to China, at the American taxpayer's expense.")
    assert [(c.subject, c.destination_country) for c in cases] == [("Chinese refugees", "China")]


def test_where_the_movers_were_living_is_not_where_they_went(nlp):
    cases = cases_of(nlp, "What happened to the Chinese of Sonora?",
                     "In 1960 families living in Macau and Hong Kong were flown back to Mexico.")
    assert [(c.subject, c.destination_country) for c in cases] == [("families", "Mexico")]


def test_an_abstract_noun_opening_a_paragraph_is_no_person(nlp):
    cases = cases_of(nlp, "What happened to the Chinese of Sonora?",
                     "The Chinese came to Sonora from the 1890s.\n\nHostility went back a long way (the Torreón massacre of 1911, "
                     "where over 300 Chinese were killed, is the worst single episode), and in the 1920s Sonora passed laws.",
                     min_confidence=0.0)
    assert "Hostility" not in {c.subject for c in cases}


def test_a_name_a_who_clause_tells_about_is_the_next_he(nlp):
    cases = cases_of(nlp, "Did Mormons go to Mexico?",
                     "Miles Park Romney moved from St. George to St. Johns, Arizona, around 1881.\n\nAlso worth adding Anthony W. Ivins, "
                     "who presided over the colonies as president of the Juárez Stake. He returned to Utah in 1907, when he was "
                     "called as an apostle.")
    assert [c.subject for c in cases if c.year_start == 1907] == ["Anthony W. Ivins"]


def test_the_town_someone_reached_is_no_mover_whatever_the_ner_calls_it(nlp):
    cases = cases_of(nlp, "Where did the Old Believers go?", "The Old Believers reached Harbin in 1920.")
    assert "Harbin" not in {c.subject for c in cases}


def test_the_people_a_boat_is_said_to_be_are_who_moved(nlp):
    cases = cases_of(nlp, "Did Vietnamese boat people reach Australia?",
                     "For Australia specifically: the first boat reached Darwin in April 1976, five young men led by Lam Binh.")
    # named with the people the title asks about, too
    assert ("five young men (Vietnamese boat people)", "Australia", 1976) in {(c.subject, c.destination_country, c.year_start) for c in cases}


def test_one_who_followed_a_few_days_later_went_the_same_year_and_a_few_years_later_did_not(nlp):
    cases = cases_of(nlp, "Did Mormons leave Mexico?",
                     "Gaskell Romney married Anna Amelia Pratt in 1895. George, then five, went out on one of the July 1912 trains "
                     "to El Paso with his mother Anna and his siblings, and Gaskell followed with the men a few days later.",
                     "His father, José Cenarrusa, came over around 1907 and herded sheep, and his mother Ramona Gardoqui "
                     "followed a few years later.", min_confidence=0.0)
    years = {c.subject: c.year_start for c in cases}
    assert years["Gaskell Romney"] == 1912 and years["Ramona Gardoqui"] is None


def test_a_kind_of_person_with_an_article_is_no_name_and_no_he(nlp):
    cases = cases_of(nlp, "Did Japanese Americans go to Japan?",
                     "My grandfather was at Tule Lake. He was a Kibei: born in Sacramento, sent to his grandparents in Hiroshima "
                     "at eight, and back in California in 1937 at seventeen.\n\nHe renounced in early 1945. In December 1945 he "
                     "sailed for Japan with his parents and sisters.")
    assert ("My grandfather", "Japan", 1945) in {(c.subject, c.destination_country, c.year_start) for c in cases}
    assert "Kibei" not in {c.subject for c in cases}


def test_followed_him_means_the_writers_relative_the_post_calls_he(nlp):
    cases = cases_of(nlp, "Did Japanese Americans go to Japan?",
                     "Seiichi Higashide had emigrated from Japan to Peru in the 1930s.",
                     "My grandfather sailed for Japan in 1945. He came back to California in 1956, alone at first. "
                     "My grandmother and the kids followed him in 1958.")
    assert [(c.subject, c.destination_country) for c in cases if c.year_start == 1958] == [
        ("My grandmother", "United States"), ("kids (Japanese Americans)", "United States")]


def test_came_over_with_no_place_is_a_move_to_where_the_thread_goes(nlp):
    cases = cases_of(nlp, "Did the Doukhobors go to Canada?",
                     "About 7,500 Doukhobors sailed to Canada in 1899. My great-grandmother came over on the Lake Huron as a little girl.")
    assert ("My great-grandmother", "Canada") in [(c.subject, c.destination_country) for c in cases]


def test_a_case_with_no_destination_is_less_sure_and_a_vague_groups_falls_under_the_cut(nlp):
    thread = make_thread("Who left Sweden?", "Quite a lot of the Estonians left Sweden again. Eduard Tamm left Sweden in 1949.")
    docs = list(nlp.pipe([p.text for p in thread.posts]))
    everything = extract_cases(thread, docs, min_confidence=0.0)
    by_type = {c.subject_type: c for c in everything}
    assert by_type["group"].destination_country is None and by_type["group"].confidence < 0.35
    assert by_type["person"].destination_country is None and 0.35 <= by_type["person"].confidence < 0.5
    # The default cut keeps the named person's departure and drops the vague group's.
    assert [c.subject for c in extract_cases(thread, docs)] == ["Eduard Tamm"]


def test_a_country_arrived_in_then_left_for_another_is_a_stop_of_its_own(nlp):
    cases = cases_of(nlp, "Where did the German rocket men go?",
                     "Werner Albring reached East Germany in November 1953 and crossed to West Germany almost immediately.")
    assert [(c.origin_country, c.destination_country) for c in cases] == [(None, "East Germany"), ("East Germany", "West Germany")]


def test_a_count_of_a_named_people_shipped_by_a_government_is_who_moved(nlp):
    cases = cases_of(nlp, "Who was sent to Sierra Leone?",
                     "In 1787 the British government shipped about 400 of the Black Poor of London to Sierra Leone.")
    assert [(c.subject, c.subject_type, c.destination_country) for c in cases] == [
        ("400 of the Black Poor of London", "group", "Sierra Leone")]


def test_them_after_a_group_that_acts_on_them_in_a_conjoined_verb_is_not_that_group(nlp):
    cases = cases_of(nlp, "Were Chinese miners driven out?",
                     "Thousands of Chinese miners came to Victoria in the 1850s. In 1857 the colonists attacked the camps, "
                     "robbed them and drove them to New South Wales.")
    assert "colonists" not in {c.subject for c in cases if c.destination_country == "Australia" and c.year_start == 1857}


def test_a_group_acting_in_a_side_clause_is_not_whom_they_means(nlp):
    cases = cases_of(nlp, "Where did the Old Believers go?",
                     "In the 1930s a lot of Old Believer families fled across the Amur into Manchuria. When the Communists won in "
                     "China they were squeezed again, and in 1958 most of them left for Brazil.")
    assert "Communists" not in {c.subject for c in cases}
    assert any("Old Believer" in c.subject and c.destination_country == "Brazil" for c in cases)


def test_coming_back_from_the_place_just_told_goes_home_not_to_it(nlp):
    cases = cases_of(nlp, "Did Black Americans move to the Soviet Union in the 1930s?",
                     "In 1932 a group of 22 young African Americans went to Moscow to make a film. "
                     "Dorothy West stayed on in Moscow until 1933 and only came back because her father died.")
    assert [(c.destination_country, c.year_start) for c in cases if c.subject == "Dorothy West"] == [("United States", 1933)]


def test_hijacking_a_plane_to_a_place_is_going_there(nlp):
    cases = cases_of(nlp, "Did American radicals flee to Cuba?", "Tom Greer, a Panther, hijacked a plane to Havana in 1969 and stayed there.")
    assert [(c.subject, c.destination_country, c.year_start) for c in cases] == [("Tom Greer", "Cuba", 1969)]


@pytest.mark.parametrize("text, expected", [
    ("The Khmer Rouge emptied the city and the foreigners were trucked out to Thailand in May 1975.", ("foreigners", "Thailand")),
    ("In 1956 some 180,000 Hungarians poured into Austria.", ("some 180,000 Hungarians", "Austria")),
    ("Georg Weiss departed for Lisbon in 1940.", ("Georg Weiss", "Portugal")),
    ("In 1895 the government scattered about 4,000 Doukhobors into villages in Georgia.", ("4,000 Doukhobors", "Russia")),
])
def test_more_words_of_moving_people(nlp, text, expected):
    cases = cases_of(nlp, "Where did they go?", text)
    assert [(c.subject, c.destination_country) for c in cases] == [expected]


def test_the_one_who_led_people_to_a_place_went_with_them(nlp):
    cases = cases_of(nlp, "Did Confederates go to Brazil?", "In 1867 Frank McMullan led about 150 Texans to Brazil.")
    assert sorted((c.subject, c.destination_country) for c in cases) == [("150 Texans", "Brazil"), ("Frank McMullan", "Brazil")]
    assert cases_of(nlp, "Where did roads go?", "The old road led to Vienna.") == []


def test_a_name_set_off_by_commas_beside_a_descriptor_is_the_mover(nlp):
    # The small model calls this name an organisation and leaves the descriptor as the subject
    cases = cases_of(nlp, "Did any Tibetans go to Europe early?",
                     "Her second son, Tenzin Choegyal Wangdu, had already left for Switzerland in the early sixties.")
    assert [(c.subject, c.subject_type) for c in cases] == [("Tenzin Choegyal Wangdu", "person")]


def test_a_name_before_a_descriptor_subject_is_the_one_it_describes(nlp):
    from pipeline.cases import _name_set_off

    # The parse the small model gives "Henrietta Szold, the founder of Hadassah, settled ...": the name an
    # interjection, the descriptor the subject
    words = ["Miriam", "Adler", ",", "the", "founder", "of", "Hadassah", ",", "settled", "in", "Haifa", "."]
    heads = [1, 8, 8, 4, 8, 4, 5, 4, 8, 8, 9, 8]
    deps = ["compound", "intj", "punct", "det", "nsubj", "prep", "pobj", "punct", "ROOT", "prep", "pobj", "punct"]
    pos = ["PROPN", "PROPN", "PUNCT", "DET", "NOUN", "ADP", "PROPN", "PUNCT", "VERB", "ADP", "PROPN", "PUNCT"]
    tags = ["NNP", "NNP", ",", "DT", "NN", "IN", "NNP", ",", "VBD", "IN", "NNP", "."]
    doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps, pos=pos, tags=tags, sent_starts=[True] + [False] * 11)
    assert _name_set_off(doc[4]) == "Miriam Adler"
    doc = Doc(nlp.vocab, words=["The", "founder", "of", "Hadassah", "settled", "in", "Haifa", "."], heads=[1, 4, 1, 2, 4, 4, 5, 4],
              deps=["det", "nsubj", "prep", "pobj", "ROOT", "prep", "pobj", "punct"],
              pos=["DET", "NOUN", "ADP", "PROPN", "VERB", "ADP", "PROPN", "PUNCT"], tags=["DT", "NN", "IN", "NNP", "VBD", "IN", "NNP", "."])
    assert _name_set_off(doc[1]) is None


def test_them_after_a_vague_group_means_the_people_named_before(nlp):
    cases = cases_of(nlp, "Did the Swedes in Minnesota stay?",
                     "About 300,000 Swedes came to Minnesota between 1870 and 1900. The ones who stayed and their kids ended up "
                     "speaking English. A lot of them went back to Sweden, though.")
    back = [c for c in cases if c.destination_country == "Sweden"]
    assert [group_of(c.subject) for c in back] == ["300,000 Swedes"]


def test_kin_beside_he_or_she_as_subject_go_too(nlp):
    cases = cases_of(nlp, "Who left Austria after the Anschluss?",
                     "Karl Weber lost his job at the university in 1938. He and his mother went to London in 1939.")
    assert sorted((c.subject, c.subject_type, c.destination_country) for c in cases) == [
        ("Karl Weber", "person", "United Kingdom"), ("Weber's mother", "unnamed", "United Kingdom")]


def test_made_his_way_to_a_place_is_a_move(nlp):
    # The parser hangs "to Palestine" on "way", not on "made"
    cases = cases_of(nlp, "How did survivors reach Palestine?", "In 1946 David Cohen made his way to Palestine via Cyprus.")
    assert [(c.subject, c.destination_country, c.year_start) for c in cases] == [("David Cohen", "Palestine", 1946)]


def test_a_name_swallowed_by_the_phrase_before_a_passive_verb_is_its_subject(nlp):
    # The parser reads "12 Kurt Fuchs" as the object of "of" and leaves "was sent" with no subject
    for text in ("At the age of 12 Kurt Fuchs was sent to England.", "At the age of 12 Kurt Fuchs had already gone to England."):
        cases = cases_of(nlp, "Who came to Britain on the Kindertransport?", text)
        assert [(c.subject, c.destination_country) for c in cases] == [("Kurt Fuchs", "United Kingdom")], text


def test_left_a_place_most_of_them_for_another_goes_there(nlp):
    cases = cases_of(nlp, "Where did the Loyalists go?", "About 40,000 Loyalists left New York in 1783, most of them for Nova Scotia.")
    assert [(c.subject, c.origin_country, c.destination_country, c.year_start) for c in cases] == [
        ("40,000 Loyalists", "United States", "Canada", 1783)]


def test_a_share_of_a_group_named_in_an_opening_of_phrase_or_before(nlp):
    cases = cases_of(nlp, "Did the Karelian Finns come back?", "Of the 5,000 Finns who went to Karelia in the 1930s, about half came back.")
    assert [(c.subject, c.destination_country) for c in cases if c.destination_country != "Soviet Union"] == [("5,000 Finns", "Finland")]
    cases = cases_of(nlp, "Where did the Finns go?", "About 10,000 Finns went to Karelia in 1931. The rest went to Canada.")
    assert [(group_of(c.subject), c.destination_country) for c in cases] == [("10,000 Finns", "Soviet Union"), ("10,000 Finns", "Canada")]


def test_kin_described_by_a_predicate_noun_with_a_relative_clause_moved(nlp):
    cases = cases_of(nlp, "Where did the poet's family come from?",
                     "Isaac Rosenberg's parents were Russian Jews who had come to London in the 1890s.")
    assert [(c.subject, c.subject_type, c.destination_country) for c in cases] == [
        ("Isaac Rosenberg's parents", "group", "United Kingdom")]
    assert cases_of(nlp, "Who rode to Lexington?", "His son, the silversmith, is the one who rode to Lexington.") == []


def test_a_counted_people_the_ner_mislabels_is_a_group(nlp):
    # The small model tags "Balts to" as a work of art
    cases = cases_of(nlp, "Who was deported from the Baltic states?", "The Soviets deported 40,000 Balts to Siberia in 1949.")
    assert [(c.subject, c.subject_type, c.destination_country) for c in cases] == [("40,000 Balts", "group", "Soviet Union")]


def test_coming_back_from_a_place_named_in_the_same_sentence_is_not_going_there(nlp):
    cases = cases_of(nlp, "Did any Americans settle in the Soviet Union in the 1930s?",
                     "Mabel Grant stayed on in Moscow until 1934 and only came back when her mother fell ill.")
    assert [(c.subject, c.destination_country) for c in cases if c.year_start == 1934] == [("Mabel Grant", "United States")]


def test_a_span_of_time_after_went_is_not_who_went(nlp):
    cases = cases_of(nlp, "Which Australians moved to London?",
                     "Peter Lowe left Perth for London in 1958, and John Rudd had gone a couple of years before him.")
    assert sorted(c.subject for c in cases) == ["John Rudd", "Peter Lowe"]


def test_they_after_someones_family_is_that_family_and_the_child_moved_with_it(nlp):
    cases = cases_of(nlp, "Which Volga Germans went to America?",
                     "Anna Roth's family were Volga Germans: they left Russia for Kansas in 1876, when she was two.")
    assert sorted((c.subject, c.subject_type, c.destination_country) for c in cases) == [
        ("Anna Roth", "person", "United States"), ("Anna Roth's family", "group", "United States")]


def test_hoped_to_reach_is_an_attempt_whatever_the_lemma(nlp):
    # The small model lemmatises "hoped" as "hop"
    cases = cases_of(nlp, "Where did refugees get stuck?", "The Weber family hoped to reach America, but they got stuck in Lisbon.")
    assert [(c.destination_country, c.status) for c in cases] == [("United States", "attempted")]


def test_came_along_is_the_journey_just_told(nlp):
    cases = cases_of(nlp, "Did African Americans go to the Soviet Union?",
                     "In June 1932 a group of Americans sailed from New York to Moscow. Mary Green and Tom Parker came along too.")
    along = sorted((c.subject, c.destination_country, c.year_start) for c in cases if c.subject_type == "person")
    assert along == [("Mary Green", "Soviet Union", 1932), ("Tom Parker", "Soviet Union", 1932)]


def test_taking_someone_with_him_takes_them_along(nlp):
    cases = cases_of(nlp, "Where did the Jacobites go?",
                     "James Stuart sailed from Calais back to Scotland in 1715, taking the Earl of Mar with him.")
    assert sorted((c.subject, c.subject_type, c.destination_country) for c in cases) == [
        ("Earl of Mar", "person", "United Kingdom"), ("James Stuart", "person", "United Kingdom")]


def test_a_title_of_nobility_and_its_place_name_one_person(nlp):
    cases = cases_of(nlp, "Where did the abdicated king live?", "In 1937 the Duke of Windsor moved to Paris.")
    assert [(c.subject, c.subject_type, c.destination_country) for c in cases] == [("Duke of Windsor", "person", "France")]


def test_a_known_surname_after_a_comma_with_its_own_place_makes_the_same_move(nlp):
    # The parser hangs "Steenbeck" on "Leipzig" as an apposition; the NER calls it a place
    cases = cases_of(nlp, "Where did the German scientists go after the Soviet Union?",
                     "Otto Brandt and Max Steenbeck worked in Sukhumi. In 1955 Brandt went to Leipzig, Steenbeck to Jena.")
    assert sorted((c.subject, c.destination_country) for c in cases if c.year_start == 1955) == [
        ("Max Steenbeck", "East Germany"), ("Otto Brandt", "East Germany")]


def test_leaving_for_a_university_is_a_move_to_its_country(nlp):
    cases = cases_of(nlp, "Which physicists left Germany?", "Hans Bethe left for Cornell in 1935.")
    assert [(c.subject, c.destination, c.destination_country) for c in cases] == [("Hans Bethe", "Cornell", "United States")]


def test_a_country_took_over_a_number_takes_people_in(nlp):
    # "took over 4,000" parses "over" as the particle of "take over"
    cases = cases_of(nlp, "Where were Finnish children sent?",
                     "About 70,000 Finnish children were sent abroad during the war. Denmark took over 4,000 in 1942.")
    assert [(group_of(c.subject), c.destination_country) for c in cases] == [("70,000 Finnish children", "Denmark")]
    assert cases_of(nlp, "Who ruled China?", "In 1949 the communists took over the country.") == []


def test_bound_for_a_place_is_where_a_departure_went(nlp):
    # The small model lemmatises "bound" as "bind"
    cases = cases_of(nlp, "Where did deposed kings go?", "King Farouk left Egypt in 1952 bound for Italy.")
    assert [(c.subject, c.origin_country, c.destination_country) for c in cases] == [("King Farouk", "Egypt", "Italy")]


def test_a_stay_at_a_town_the_ner_calls_an_organisation_counts(nlp):
    # The small model tags "Hamamatsu" as an organisation
    cases = cases_of(nlp, "Did Brazilians of Japanese descent go to Japan?", "My cousin lived in Hamamatsu from 1991 to 2009.")
    assert [(c.subject, c.destination_country, c.year_start, c.year_end) for c in cases] == [("My cousin", "Japan", 1991, 2009)]


def test_handed_over_is_a_forced_move_to_the_one_receiving(nlp):
    cases = cases_of(nlp, "What happened to German POWs in Sweden?", "The Germans were handed over to the Soviet Union in late 1945.")
    assert [(c.subject, c.destination_country, c.year_start) for c in cases] == [("Germans", "Soviet Union", 1945)]
    assert cases_of(nlp, "Who ran the firm?", "He handed over the keys to his son in 1950.") == []


def test_taken_in_by_a_country_is_a_move_there(nlp):
    cases = cases_of(nlp, "Where did the Ugandan Asians go?",
                     "The Ugandan Asians were expelled in 1972. 6,000 were taken in by Canada.")
    assert ("Ugandan Asians", "Canada") in {(group_of(c.subject), c.destination_country) for c in cases}


def test_a_person_among_those_who_moved_made_the_move(nlp):
    cases = cases_of(nlp, "Did refugees go to Shanghai?", "Hans Weber was among the 2,000 refugees who went to Shanghai in 1939.")
    assert sorted((c.subject, c.destination_country, c.year_start) for c in cases) == [
        ("2,000 refugees", "China", 1939), ("Hans Weber", "China", 1939)]


def test_a_lone_name_the_ner_left_untagged_is_a_person(nlp):
    cases = cases_of(nlp, "Who visited the Indians of Natal?", "Gokhale had come out to South Africa on a tour in 1912 too.")
    assert [(c.subject, c.subject_type, c.destination_country) for c in cases] == [("Gokhale", "person", "South Africa")]
    # an article or a modifier makes it a thing, as before: no person called "Mimosa"
    assert all(c.subject_type != "person" for c in cases_of(nlp, "How did the Welsh get there?", "The Mimosa sailed to Patagonia in 1865."))


def test_later_stops_in_one_sentence_chain_from_the_one_before(nlp):
    cases = cases_of(nlp, "Where did German exiles go?", "Hans Weber fled to Prague in 1933, then to Paris, and finally to New York in 1941.")
    assert [(c.origin_country, c.destination_country, c.year_start) for c in cases] == [
        (None, "Czechoslovakia", 1933), ("Czechoslovakia", "France", None), ("France", "United States", 1941)]
    cases = cases_of(nlp, "Where were the hostages taken?", "The 52 hostages were flown out to Algeria on 20 January 1981, and from there to West Germany.")
    assert [(c.origin_country, c.destination_country) for c in cases] == [(None, "Algeria"), ("Algeria", "West Germany")]


def test_one_to_after_another_on_the_verb_names_more_destinations(nlp):
    cases = cases_of(nlp, "Where did the Loyalists go?", "By the 1790s most of the settlers had moved on, to Halifax or to Boston.")
    assert {c.destination_country for c in cases} == {"Canada", "United States"}


def test_a_peoples_adjective_before_the_verb_is_who_moved(nlp):
    # The parser hangs "Irish" on "left" as an adjective and leaves the verb without a subject
    cases = cases_of(nlp, "Where did the Irish go?", "In the 1950s about 400,000 Irish left, mostly for Britain.")
    assert [(c.subject, c.destination_country, c.year_start) for c in cases] == [("Irish", "United Kingdom", 1950)]


def test_then_living_somewhere_else_is_a_later_stop(nlp):
    cases = cases_of(nlp, "Did French Canadians go south?",
                     "Honoré Beaugrand went to Mexico in 1865 as a volunteer, then lived for a while in New Orleans.")
    assert [(c.origin_country, c.destination_country) for c in cases] == [(None, "Mexico"), ("Mexico", "United States")]
    # living somewhere told with no "then" is no later stop
    cases = cases_of(nlp, "Did Germans go to France?", "Hans Weber went to Paris in 1920 and lived in Berlin.")
    assert [c.destination_country for c in cases] == ["France"]


def test_a_city_named_with_its_region_after_it_is_in_that_region(nlp):
    # The parser hangs "in South Australia" on the verb, not on "Elizabeth"
    cases = cases_of(nlp, "Did Scots go to Australia?", "The Barnes family came out from Glasgow to Elizabeth in South Australia in 1961.")
    assert [(c.destination, c.destination_country) for c in cases] == [("Elizabeth", "Australia")]


def test_one_person_of_a_nation_is_no_place(nlp):
    cases = cases_of(nlp, "Did Swedes go west?", "And for a Swede who wasn't a Mormon at all: Joe Hill left Gävle in 1902.")
    assert all(c.destination != "Swede" for c in cases)
    assert [(c.subject, c.origin_country) for c in cases] == [("Joe Hill", "Sweden")]


def test_a_trip_told_as_the_time_of_a_move_is_not_its_destination(nlp):
    cases = cases_of(nlp, "Who defected from North Korea?",
                     "In February 1997, on the way back from a trip to Tokyo, Hwang Jang-yop walked into the South Korean embassy in Beijing.")
    assert [(c.subject, c.destination_country) for c in cases] == [("Hwang Jang-yop", "China")]
    # leaving on a tour and never going back is the move
    cases = cases_of(nlp, "Who left Cuba?", "Celia Cruz left Cuba in 1960 on a tour to Mexico and never went back.")
    assert [(c.subject, c.destination_country) for c in cases][:1] == [("Celia Cruz", "Mexico")]


def test_a_fronted_for_phrase_is_a_topic_not_where_they_left_for(nlp):
    cases = cases_of(nlp, "Who left the bloc in 1968?",
                     "For Czechoslovakia, something like 70,000 Czechs left immediately after the invasion in August 1968.",
                     min_confidence=0)
    assert [(c.subject, c.destination_country, c.year_start) for c in cases] == [("70,000 Czechs", None, 1968)]


def test_most_of_the_group_is_the_group_just_named(nlp):
    cases = cases_of(nlp, "Did Black Americans go to the USSR?",
                     "A group of 22 young African Americans went to Moscow in 1932 to make a film. "
                     "The film was cancelled, and most of the group went home by the end of the year.")
    assert [(group_of(c.subject), c.destination_country) for c in cases] == [
        ("group of 22 young African Americans", "Soviet Union"), ("group of 22 young African Americans", "United States")]


def test_a_country_taking_a_lot_of_people_or_taking_them_in_the_passive_is_where_they_went(nlp):
    cases = cases_of(nlp, "Where did Chileans go after the coup?",
                     "Many Chileans fled after the coup in 1973. Venezuela, rich from oil, took a lot of ordinary Chileans looking for work.")
    assert ("Venezuela") in {c.destination_country for c in cases}
    cases = cases_of(nlp, "Where did the Greek communists go?",
                     "Greek communists fled north in 1949. Several thousand each were taken by Czechoslovakia, Poland and Hungary.")
    assert {c.destination_country for c in cases} == {"Czechoslovakia", "Poland", "Hungary"}
    assert cases_of(nlp, "Who ruled the city?", "The city was taken by Germany in 1940. Britain took a lot of criticism.") == []


def test_a_group_that_says_neither_who_nor_how_many_is_no_subject(nlp):
    assert cases_of(nlp, "Did the Acadians go back?", "Some of the ones who had been sent to Massachusetts walked back to Nova Scotia in 1764.") == []
    assert cases_of(nlp, "Did the Chinese move on?", "A number of them later moved on to the United States or Mexico.") == []
    cases = cases_of(nlp, "Did the Acadians go back?", "Some of the Acadians who had been sent to Massachusetts walked back to Nova Scotia in 1764.")
    assert ("Some of the Acadians", "Canada") in {(c.subject, c.destination_country) for c in cases}


def test_people_described_by_the_phrase_after_them_are_a_group(nlp):
    cases = cases_of(nlp, "Did the Cambodian refugees go home?", "In 1992 some 360,000 people from the border camps moved back to Cambodia.")
    assert [(c.subject, c.subject_type, c.destination_country) for c in cases] == [
        ("some 360,000 people from the border camps (Cambodian refugees)", "group", "Cambodia")]
    cases = cases_of(nlp, "Who left Iran?", "People with money and connections moved to London in 1978.")
    assert [c.subject for c in cases] == ["People with money and connections"]
    # "people" with nothing to say who stays no subject
    assert cases_of(nlp, "Who left Cuba?", "About 35,000 people left for Florida in 1994.") == []


def test_a_counted_group_along_with_the_mover_went_too(nlp):
    cases = cases_of(nlp, "Were German specialists taken to the USSR?",
                     "My grandfather was taken to the Soviet Union in October 1946 with a couple of hundred of his colleagues.")
    assert [(c.subject, c.subject_type, c.destination_country, c.year_start) for c in cases] == [
        ("My grandfather", "unnamed", "Soviet Union", 1946),
        ("couple of hundred of his colleagues (German specialists)", "group", "Soviet Union", 1946)]


def test_two_towns_of_one_country_in_one_post_are_two_stops(nlp):
    cases = cases_of(nlp, "Where did the Armenian orphans go?",
                     "Missak Manouchian landed in Marseille in 1925 and later moved to Paris.")
    assert [(c.destination, c.destination_country) for c in cases] == [("Marseille", "France"), ("Paris", "France")]
    # the same town told twice is one case
    cases = cases_of(nlp, "Where did the Armenian orphans go?", "Missak Manouchian went to Paris in 1925. He arrived in Paris in 1925.")
    assert len(cases) == 1


def test_a_later_stop_may_tell_its_own_date_first(nlp):
    cases = cases_of(nlp, "Where did the Shah go?", "In 1979 the Shah went to the Bahamas, then in June to Cuernavaca in Mexico.")
    assert [c.destination_country for c in cases] == ["Bahamas", "Mexico"]


def test_a_birthplace_is_where_a_first_move_set_out_and_where_coming_back_leads(nlp):
    cases = cases_of(nlp, "Did Latvian refugees go back?", "My grandmother was born in Riga. She left for Sweden in 1944 and came back in 1992.")
    assert [(c.origin_country, c.destination_country, c.year_start) for c in cases] == [
        ("Soviet Union", "Sweden", 1944), ("Sweden", "Latvia", 1992)]
    cases = cases_of(nlp, "Who moved at Partition?", "Born in Delhi in 1943, Anwar Khan moved to Karachi in 1947.")
    assert [(c.origin_country, c.destination_country) for c in cases] == [("India", "Pakistan")]


def test_each_country_of_a_stay_after_a_departure_is_a_stop(nlp):
    cases = cases_of(nlp, "Where did Trotsky go?",
                     "Trotsky was expelled from the Soviet Union in 1929 and spent the next years in Turkey, France and Norway.")
    assert [(c.destination_country, c.year_start) for c in cases] == [("Turkey", 1929), ("France", None), ("Norway", None)]


def test_a_chain_of_stops_goes_on_after_a_later_stop(nlp):
    cases = cases_of(nlp, "Where did Brecht go?", "Brecht fled in 1933, first to Denmark, then Sweden and Finland, and reached California in 1941.")
    assert [(c.origin_country, c.destination_country) for c in cases] == [
        (None, "Denmark"), ("Denmark", "Sweden"), ("Sweden", "Finland"), ("Finland", "United States")]
    cases = cases_of(nlp, "Where did Zweig go?",
                     "Stefan Zweig left Austria in 1934 for England, moved from London to Oxford, then to Bath, and in 1940 to New York and finally Brazil.")
    assert [c.destination for c in cases] == ["Oxford", "Bath", "New York", "Brazil"]
    # a province is a stop too
    cases = cases_of(nlp, "Where did the Loyalists go?", "Benedict Arnold himself went to London in 1781 and later to New Brunswick.")
    assert [c.destination for c in cases] == ["London", "New Brunswick"]


def test_names_side_by_side_the_ner_left_untagged_are_each_a_person(nlp):
    cases = cases_of(nlp, "Did the Frankfurt School go back?", "Both Adorno and Horkheimer returned to Frankfurt after the war.")
    assert [(c.subject, c.subject_type) for c in cases] == [("Adorno", "person"), ("Horkheimer", "person")]


def test_a_peoples_word_on_a_movement_noun_names_who_moved(nlp):
    cases = cases_of(nlp, "Where did Japanese emigrants go?", "Japanese immigration to Hawaii began in earnest in 1885.")
    assert [(c.subject, c.destination_country, c.year_start) for c in cases] == [("Japanese", "United States", 1885)]


def test_a_list_items_name_set_off_by_a_dash_is_who_moved(nlp):
    cases = cases_of(nlp, "Which physicists left Germany?", "Some examples:\n\n- Lise Meitner - fled to Sweden in 1938.\n- Max Born: went to Edinburgh in 1936.")
    assert [(c.subject, c.destination_country) for c in cases] == [("Lise Meitner", "Sweden"), ("Max Born", "United Kingdom")]


def test_the_town_of_the_institution_someone_worked_at_is_where_they_went(nlp):
    cases = cases_of(nlp, "Which physicists left Germany?", "Otto Stern emigrated in 1933 and taught at Carnegie Tech in Pittsburgh.")
    assert [(c.subject, c.destination, c.destination_country) for c in cases] == [("Otto Stern", "Pittsburgh", "United States")]


def test_an_estimated_share_as_the_subject_is_who_moved(nlp):
    cases = cases_of(nlp, "Did Italian emigrants go back?", "Something like 40% of southern Italians in the US went home.")
    assert [(c.subject, c.destination_country) for c in cases] == [("40% of southern Italians", "Italy")]


def test_an_embassy_in_a_town_is_in_that_towns_country(nlp):
    cases = cases_of(nlp, "Famous Soviet defectors?", "Svetlana Alliluyeva walked into the US embassy in New Delhi in 1967.")
    assert [(c.destination, c.destination_country) for c in cases] == [("New Delhi", "India")]


def test_asylum_given_after_a_flight_is_a_move_of_its_own(nlp):
    cases = cases_of(nlp, "Famous Soviet defectors?", "Viktor Belenko flew to Japan in 1976 and was given asylum in the US.")
    assert [(c.origin_country, c.destination_country) for c in cases] == [(None, "Japan"), ("Japan", "United States")]


def test_going_with_someone_just_told_is_following_them(nlp):
    cases = cases_of(nlp, "Where did the Windsors go?", "Hans Weber moved to Paris in 1933. His wife went with him.", min_confidence=0.0)
    assert [(c.subject, c.destination_country) for c in cases] == [("Hans Weber", "France"), ("His wife", "France")]
    assert cases_of(nlp, "How did he cope?", "He went with the flow.", min_confidence=0.0) == []


def test_one_of_them_named_in_apposition_is_that_person_and_a_way_back_ends_where_the_sentence_says(nlp):
    cases = cases_of(nlp, "Did the German scientists come back?",
                     "Many German engineers worked in the USSR after the war. One of them, Brunolf Baade, came back in 1954 and went to Dresden.")
    assert [(c.subject, c.destination, c.destination_country, c.year_start) for c in cases] == [
        ("Brunolf Baade", "Dresden", "East Germany", 1954)]


def test_ships_that_carried_the_movers_are_not_movers(nlp):
    cases = cases_of(nlp, "How did Norwegians get to America?",
                     "Most Norwegian emigrants sailed from Bergen to Hull, crossed England by train to Liverpool "
                     "and took the Cunard or White Star steamers to New York.")
    assert {c.subject for c in cases} == {"Most Norwegian emigrants"}
    assert [c.destination_country for c in cases][-1] == "United States"


def test_a_town_left_that_the_ner_left_untagged_is_the_origin(nlp):
    cases = cases_of(nlp, "How did Norwegians get to America?",
                     "My great-great-grandfather left Stavanger in 1882, homesteaded in North Dakota, and went back to Norway in 1901.")
    assert [(c.origin_country, c.destination_country, c.year_start) for c in cases] == [
        ("Norway", "United States", 1882), ("United States", "Norway", 1901)]


def test_family_stories_of_the_writers_own_people(nlp):
    q = "Did your family emigrate?"
    cases = cases_of(nlp, q, "My grandfather came over from Sicily in 1913 and worked on the railroads in Pennsylvania.")
    assert [(c.subject, c.origin_country, c.destination_country) for c in cases] == [("My grandfather", "Italy", "United States")]
    cases = cases_of(nlp, q, "A friend of my grandmother's was one of the children on the Kindertransport; she went to Leeds in 1939.")
    assert [(c.subject, c.destination_country, c.year_start) for c in cases] == [("friend of my grandmother's", "United Kingdom", 1939)]
    cases = cases_of(nlp, q, "My mother's family were Volksdeutsche from the Banat; they were expelled in 1945 and ended up near Stuttgart.")
    assert [(c.subject, c.destination) for c in cases] == [("My mother's family", "Stuttgart")]
    cases = cases_of(nlp, q, "My great-grandparents on my father's side left Cork for Boston in 1848.")
    assert [(c.origin, c.destination_country) for c in cases] == [("Cork", "United States")]


def test_the_one_expelled_is_the_mover_even_when_the_ner_takes_the_name_for_a_place(nlp):
    # The small model tags "Solzhenitsyn" as a place; the Soviets who expelled him did not move
    cases = cases_of(nlp, "Cold War exiles?", "The Soviets expelled Solzhenitsyn to West Germany in February 1974.", min_confidence=0)
    assert [(c.subject, c.destination_country) for c in cases] == [("Solzhenitsyn", "West Germany")]


def test_a_peoples_community_is_what_them_means_and_a_for_after_the_departure_is_where_they_went(nlp):
    cases = cases_of(nlp, "Did Greeks leave Egypt?",
                     "The Greek community of Alexandria was about 100,000 strong in the 1940s, but after Nasser's nationalisations "
                     "most of them left, for Greece, Australia or South Africa.")
    assert [(group_of(c.subject), c.destination_country) for c in cases] == [
        ("Greek community of Alexandria", "Greece"), ("Greek community of Alexandria", "Australia"),
        ("Greek community of Alexandria", "South Africa")]
    # a community in a clause on the side says nothing of who moved
    assert cases_of(nlp, "Did pieds-noirs go to Canada?",
                    "Quebec took a few thousand in the 1960s, though the big Sephardic community in Montreal is more Moroccan.") == []


def test_a_visa_asked_for_or_entry_denied_is_an_attempted_move(nlp):
    q = "Who tried to emigrate and failed?"
    cases = cases_of(nlp, q, "Osip Mandelstam applied for a visa to France in 1933 but was refused.")
    assert [(c.subject, c.destination_country, c.status) for c in cases] == [("Osip Mandelstam", "France", "attempted")]
    cases = cases_of(nlp, q, "Anna Weber was denied entry to Britain in 1938.")
    assert [(c.subject, c.destination_country, c.status) for c in cases] == [("Anna Weber", "United Kingdom", "attempted")]
    # asking for asylum somewhere is still the move it was
    cases = cases_of(nlp, q, "Hans Weber applied for asylum in Sweden in 1950.")
    assert [(c.destination_country, c.status) for c in cases] == [("Sweden", "completed")]


def test_a_town_left_for_that_the_ner_left_untagged_is_the_destination(nlp):
    cases = cases_of(nlp, "Where did the Mennonites go?", "In the 1920s about 8,000 Old Colony Mennonites left Manitoba and Saskatchewan for Chihuahua.")
    assert [(c.origin_country, c.destination_country) for c in cases] == [("Canada", "Mexico")]


def test_an_estimate_with_no_people_word_is_part_of_the_group_just_named(nlp):
    cases = cases_of(nlp, "Did the Chinese students go back?",
                     "The Chinese students in America were courted by Beijing. Something like 1,000 to 1,500 went back in 1955.")
    assert [(group_of(c.subject), c.destination_country, c.year_start) for c in cases] == [("Chinese students", "China", 1955)]
    cases = cases_of(nlp, "Did refugees go home?", "In 1993 India sent back something like 54,000 refugees to Sri Lanka.")
    assert [(c.subject, c.destination_country) for c in cases] == [("54,000 refugees", "Sri Lanka")]


def test_a_subject_the_parser_swallowed_into_a_time_phrase_still_moved(nlp):
    cases = cases_of(nlp, "Why did French Canadians go to New England?",
                     "Short version: between about 1840 and 1930 something like 900,000 French Canadians left Quebec for the United States.")
    assert [(c.subject, c.origin_country, c.destination_country) for c in cases] == [
        ("900,000 French Canadians", "Canada", "United States")]


def test_people_described_by_what_they_did_are_a_group(nlp):
    cases = cases_of(nlp, "Who fled Laos?", "In 1975 a lot of people who had worked with the Americans fled to Thailand.")
    assert [(c.subject_type, c.destination_country) for c in cases] == [("group", "Thailand")]
    assert "worked with the Americans" in cases[0].subject


def test_a_persons_family_moving_takes_the_person_along(nlp):
    q = "Famous children of emigrant families?"
    cases = cases_of(nlp, q, "Lidia Bastianich was born in Pola. Her family got out to Trieste in 1956, spent two years in a camp, "
                             "and then went to New York in 1958.")
    assert [(c.subject, c.destination_country) for c in cases if c.subject_type == "person"] == [
        ("Lidia Bastianich", "Italy"), ("Lidia Bastianich", "United States")]
    cases = cases_of(nlp, q, "Maya Arulpragasam was born in London. The family moved back to Jaffna when she was a baby.")
    assert [(c.subject, c.origin_country, c.destination_country) for c in cases if c.subject_type == "person"] == [
        ("Maya Arulpragasam", "United Kingdom", "Sri Lanka")]
    # parents who leave may leave a grown son behind
    cases = cases_of(nlp, q, "Jacques Derrida moved to Paris in 1949. His parents only left Algeria in 1962 and settled in Nice.")
    assert [c.subject for c in cases if c.subject_type == "person"] == ["Jacques Derrida"]


def test_an_example_whose_move_the_sentence_tells_is_read_from_the_move(nlp):
    cases = cases_of(nlp, "Did Greeks leave Egypt for Australia?",
                     "The singer Demis Roussos is the famous example: he was born in Alexandria, and in 1961 he moved to Athens.")
    assert [(c.subject, c.destination_country) for c in cases] == [("Demis Roussos", "Greece")]


def test_a_stay_after_a_semicolon_says_where_the_one_who_left_went(nlp):
    cases = cases_of(nlp, "Italian exiles in South America?",
                     "Rodolfo Mondolfo was Jewish and left after the 1938 racial laws; he taught in Córdoba and later in Tucumán.")
    assert [(c.subject, c.origin, c.destination, c.destination_country) for c in cases] == [
        ("Rodolfo Mondolfo", None, "Córdoba", "Argentina")]


def test_exile_in_a_town_is_where_they_went(nlp):
    cases = cases_of(nlp, "Portuguese exiles?", "Manuel Alegre went into exile in Algiers in 1964.")
    assert [(c.destination, c.destination_country, c.year_start) for c in cases] == [("Algiers", "Algeria", 1964)]


def test_making_it_back_and_retiring_somewhere_are_moves(nlp):
    cases = cases_of(nlp, "Did Italians leave Egypt?", "His uncle, stubborn man, stayed on in Egypt until the 1980s and then retired to Cyprus.")
    assert [(c.subject, c.destination_country) for c in cases] == [("His uncle", "Cyprus")]


def test_parts_of_one_group_going_different_ways_each_start_where_the_group_was(nlp):
    cases = cases_of(nlp, "Where did the Kenya settlers go?",
                     "After independence the settlers scattered: a large number went south to South Africa; "
                     "a smaller number went to Australia.")
    assert [(group_of(c.subject), c.origin_country, c.destination_country) for c in cases] == [
        ("settlers", None, "South Africa"), ("settlers", None, "Australia")]


def test_a_law_coming_into_force_is_no_move(nlp):
    assert cases_of(nlp, "Who came to Japan?", "The revised Immigration Control Act, which came into force in June 1990, "
                                               "gave the descendants of emigrants a visa.") == []


def test_whom_a_guide_walked_or_a_rival_drove_out_is_who_moved(nlp):
    cases = cases_of(nlp, "How did Portuguese get to France?",
                     "The Portuguese emigrants paid a passador, often a smuggler from the border country, who walked them into Spain.")
    assert [(c.subject, c.destination_country) for c in cases] == [("Portuguese emigrants", "Spain")]
    cases = cases_of(nlp, "Italian exiles?", "Filippo Turati was a socialist leader. In 1926 Mussolini drove Turati out of Milan.",
                     min_confidence=0)
    assert [(c.subject, c.origin_country) for c in cases] == [("Filippo Turati", "Italy")]


def test_a_named_example_is_read_from_the_story_the_post_then_tells(nlp):
    cases = cases_of(nlp, "Afghans who went to America?",
                     "Khaled Hosseini is the classic example. His family moved to Paris in 1976, and in 1980 they moved to San Jose.")
    assert ("Khaled Hosseini", "France") in [(c.subject, c.destination_country) for c in cases]
    assert all(c.destination_country is not None for c in cases)


def test_a_place_after_the_people_someone_was_sent_to_is_where_they_went(nlp):
    cases = cases_of(nlp, "Irish leaders born abroad?",
                     "Eamon de Valera was born in New York and was sent to his mother's family in County Limerick in 1885, aged two.")
    assert [(c.origin_country, c.destination, c.year_start) for c in cases] == [("United States", "County Limerick", 1885)]


def test_he_means_a_name_just_read_once_the_earlier_one_is_two_sentences_back(nlp):
    cases = cases_of(nlp, "Greek communists in exile?",
                     "Zachariadis himself ended badly. He was removed from the leadership in 1956 and died in 1973.\n\n"
                     "Hungary did something different: they built a village for the Greeks, later renamed after Nikos Beloyannis. "
                     "He had gone back into Greece illegally in 1950 to rebuild the party underground.")
    assert [(c.subject, c.destination_country, c.year_start) for c in cases] == [("Nikos Beloyannis", "Greece", 1950)]


def test_a_companion_named_after_with_does_not_become_he(nlp):
    cases = cases_of(nlp, "North Korean defectors?",
                     "The highest-ranking defector is still Hwang Jang-yop. In February 1997 he walked into the South Korean embassy "
                     "in Beijing with his aide Kim Duk-hong and asked for asylum. After a standoff of several weeks he was flown "
                     "to the Philippines, and reached Seoul in April 1997.")
    assert [(c.subject, c.destination_country) for c in cases if c.destination_country != "China"] == [
        ("Hwang Jang-yop", "Philippines"), ("Hwang Jang-yop", "South Korea")]


def test_a_lone_surname_the_ner_missed_as_a_subject_is_whom_he_means(nlp):
    cases = cases_of(nlp, "Polish emigres?", "Mrozek left in 1963 and lived in Italy. Polanski doesn't really belong to this wave, "
                                             "he left in the early sixties and worked in Paris.")
    assert ("Polanski", "France") in [(c.subject, c.destination_country) for c in cases]


def test_people_from_a_place_keep_the_words_the_text_names_them_by(nlp):
    cases = cases_of(nlp, "Who went to Liberia?", "About 11,000 people from the United States went to Liberia under ACS auspices.")
    assert [(c.subject, c.origin_country, c.destination_country) for c in cases] == [
        ("11,000 people from the United States", "United States", "Liberia")]
    # a place the verb left is no part of their name: they are named for it
    cases = cases_of(nlp, "Did the Irish go to Australia?", "In 1853 a million people left Ireland for Australia.")
    assert [(c.subject, c.destination_country) for c in cases] == [("Irish", "Australia")]


def test_the_family_of_the_one_the_story_is_about_takes_them_along_and_they_stays_that_family(nlp):
    q = "Famous children of emigrant families?"
    cases = cases_of(nlp, q, "Mario Andretti was born in Montona in 1940. The family left in 1948 and spent seven years in a refugee "
                             "camp in Lucca. In 1955 they emigrated to Nazareth, Pennsylvania.")
    assert [(c.destination, c.destination_country) for c in cases if c.subject == "Mario Andretti"] == [
        ("Lucca", "Italy"), ("Nazareth, Pennsylvania", "United States")]
    cases = cases_of(nlp, q, "Khaled Hosseini is the classic example. His family moved to Paris in 1976. "
                             "When the Soviets invaded, they asked for asylum and in 1980 they moved to San Jose, California.")
    assert [c.destination_country for c in cases if c.subject == "Khaled Hosseini"] == ["France", "United States"]
    # families in general are no one's own family
    cases = cases_of(nlp, q, "Sami Michael left Baghdad in 1949. The wealthier families often went to Britain.")
    assert "United Kingdom" not in [c.destination_country for c in cases if c.subject == "Sami Michael"]


def test_a_way_back_with_no_place_in_a_thread_on_one_people_goes_to_their_country(nlp):
    cases = cases_of(nlp, "Where did the Russian émigrés of Harbin go: Australia, America or home?",
                     "Alexander Vertinsky, the singer, had already gone back from Shanghai in 1943, in the middle of the war.")
    assert [(c.subject, c.origin_country, c.destination_country) for c in cases] == [
        ("Alexander Vertinsky", "China", "Soviet Union")]


def test_a_full_name_whose_first_name_the_ner_took_for_a_place_is_who_the_relative_clause_means(nlp):
    cases = cases_of(nlp, "Who went back to the USSR?",
                     "- the writer Natalia Ilyina, who came back to Russia in 1947 and later wrote a novel about it.")
    assert [(c.subject, c.destination_country) for c in cases] == [("Natalia Ilyina", "Soviet Union")]


def test_they_after_a_move_with_a_companion_means_the_two_of_them(nlp):
    cases = cases_of(nlp, "Who left Istria?", "- Sergio Endrigo left Pola with his mother in 1947 and they ended up in Venice.")
    assert [(c.subject, c.destination) for c in cases] == [("Sergio Endrigo", "Venice"), ("Endrigo's mother", "Venice")]


def test_what_someone_came_to_do_or_did_next_says_where_they_went(nlp):
    q = "Forty-Eighters and Punjabis in America?"
    cases = cases_of(nlp, q, "Kartar Singh Sarabha, a teenager who had arrived in 1912 to study at Berkeley, ran the party's press.")
    assert [(c.destination, c.destination_country) for c in cases] == [("Berkeley", "United States")]
    cases = cases_of(nlp, q, "Sohan Singh Bhakna, who had come over in 1909 and was working in the lumber mills around Astoria, Oregon, "
                             "became its president.")
    assert [(c.destination, c.destination_country) for c in cases] == [("Astoria, Oregon", "United States")]
    cases = cases_of(nlp, q, "Friedrich Hecker emigrated in 1848 and farmed near Belleville, Illinois.")
    assert [(c.destination, c.destination_country) for c in cases] == [("Belleville, Illinois", "United States")]


def test_one_of_the_writers_own_goes_with_her_family_and_one_released_back_returns(nlp):
    cases = cases_of(nlp, "Who left Istria?", "My nonna was born in Pola in 1935 and her family ended up in Melbourne in the early fifties.")
    assert ("My nonna", "Australia") in [(c.subject, c.destination_country) for c in cases]
    cases = cases_of(nlp, "Romanian Germans deported to the USSR?",
                     "The poet Oskar Pastior was one of them, at seventeen, and he was released back to Romania in 1949.")
    assert [(c.subject, c.destination_country, c.year_start) for c in cases] == [("Oskar Pastior", "Romania", 1949)]


def test_a_village_near_a_town_is_where_the_journey_began_and_where_the_way_back_leads(nlp):
    cases = cases_of(nlp, "Did Italians go back?", "My great-grandfather went from a village near Udine to Buenos Aires around 1905 "
                                                   "and came back in the late 1920s with enough money to buy some land.")
    assert [(c.origin_country, c.destination_country) for c in cases] == [("Italy", "Argentina"), ("Argentina", "Italy")]


def test_a_colony_going_back_to_a_year_and_a_ship_docking_are_no_moves_of_a_person(nlp):
    assert cases_of(nlp, "Welsh in Patagonia?", "The Welsh colony, Y Wladfa, goes back to 1865.", min_confidence=0) == []
    cases = cases_of(nlp, "Windrush?", "The Empire Windrush docked at Tilbury on 21 June 1948.", min_confidence=0)
    assert [c.subject for c in cases] == []


def test_a_city_name_several_countries_share_is_the_one_in_the_country_of_the_places_listed_with_it(nlp):
    cases = cases_of(nlp, "Punjabis on the Pacific coast?", "Between 1904 and 1908 about 5,000 Sikhs landed at Vancouver and Victoria.")
    assert {c.destination_country for c in cases} == {"Canada"}
    # a country told elsewhere in the sentence is no such clue: Cambridge stays the English one
    cases = cases_of(nlp, "Chinese scientists?", "Hua Luogeng had been in Cambridge from 1936 to 1938 and went to the US in 1946.")
    assert "United Kingdom" in {c.destination_country for c in cases}


def test_who_moved_when_the_parse_offers_a_town_or_an_object_instead(nlp):
    q = "Italian and Cornish emigrants?"
    cases = cases_of(nlp, q, "The best known of the later arrivals is Francis Rule from Camborne, who sailed from Penzance "
                             "as a teenager and reached Veracruz in 1854.")
    assert {c.subject for c in cases} == {"Francis Rule"}
    cases = cases_of(nlp, q, "Ottavio Missoni was taken prisoner at El Alamein, and after four years in a POW camp in Egypt "
                             "he never went back to Zara but settled in Trieste instead.")
    assert [(c.subject, c.destination_country) for c in cases] == [("Ottavio Missoni", "Italy")]
    cases = cases_of(nlp, q, "- Gino Germani, who had been picked up as a student for anti-fascist activity, emigrated to "
                             "Argentina in 1934 and more or less founded Argentine sociology.")
    assert [(c.subject, c.destination_country) for c in cases] == [("Gino Germani", "Argentina")]


def test_two_first_names_before_a_surname_with_a_particle_share_it(nlp):
    cases = cases_of(nlp, "Dutch-Indonesians?", "Eddie and Alex Van Halen left Nijmegen for Pasadena in 1962.")
    assert [c.subject for c in cases] == ["Eddie Van Halen", "Alex Van Halen"]


def test_them_as_an_object_is_never_the_clauses_own_subject(nlp):
    cases = cases_of(nlp, "Black Sea Germans?", "The Black Sea Germans were resettled in the Warthegau in 1944. "
                                                "After 1945 the Soviets repatriated more than 200,000 of them.")
    assert "Soviets" not in {c.subject for c in cases}
    assert [group_of(c.subject) for c in cases if c.year_start == 1945] == ["Black Sea Germans"]


def test_a_movement_noun_with_no_one_named_is_no_case(nlp):
    q = "Japanese emigration to Brazil?"
    assert cases_of(nlp, q, "The planters needed labour after Italy restricted subsidised emigration to Brazil in 1902.") == []
    # the people the noun names, or the country they left, say who moved
    cases = cases_of(nlp, q, "Japanese immigration to Brazil began in 1908.")
    assert [(c.subject, c.destination_country) for c in cases] == [("Japanese", "Brazil")]


def test_a_later_stop_with_its_verb_left_out_is_a_move_on_from_the_first(nlp):
    cases = cases_of(nlp, "Who fled the Nazis?", "Karl Brandt moved to Lisbon in 1940 when France fell, and on to New York "
                                                 "the following year.")
    assert [(c.origin_country, c.destination_country, c.year_start) for c in cases] == [
        (None, "Portugal", 1940), ("Portugal", "United States", 1941)]


def test_an_estimated_share_with_its_verb_left_out_goes_to_its_own_country(nlp):
    cases = cases_of(nlp, "Hungarians after 1956?", "About 30,000 Hungarians went to Austria in 1957, and something like 5,000 "
                                                    "to Switzerland.")
    assert {c.destination_country for c in cases} == {"Austria", "Switzerland"}


def test_they_after_one_named_with_his_household_is_that_one(nlp):
    cases = cases_of(nlp, "Austrian socialists in exile?", "Otto Leichter lived in Graz with his wife until 1938. "
                                                           "In 1939 they sailed to Chile.")
    assert [(c.subject, c.destination_country, c.year_start) for c in cases] == [("Otto Leichter", "Chile", 1939)]


def test_a_name_heading_a_sentence_as_its_topic_is_the_next_he(nlp):
    cases = cases_of(nlp, "Germans in Texas?", "Ferdinand Lindheimer was a botanist.",
                     "Carl Roemer reached Galveston in 1845 and wrote a book about Texas. On Lindheimer: yes, he is a good "
                     "example. He went back to Frankfurt in 1852.")
    assert [(c.subject, c.year_start) for c in cases if c.year_start == 1852] == [("Ferdinand Lindheimer", 1852)]


def test_a_title_the_ner_takes_for_a_person_is_no_he_or_she(nlp):
    cases = cases_of(nlp, "Chinese in Hawaii?", "Read Mary Chen's memoir Quiet Harbour. Her family left Canton for Hawaii in 1905.")
    assert {c.subject for c in cases if c.subject_type == "person"} <= {"Mary Chen"}


def test_a_ship_named_after_its_kind_brings_the_people_aboard(nlp):
    cases = cases_of(nlp, "Jewish gauchos?", "In 1889 the steamer Weser docked in Buenos Aires with some 820 Jews from Podolia aboard.")
    assert [(c.subject, c.destination_country) for c in cases] == [("some 820 Jews from Podolia", "Argentina")]
    cases = cases_of(nlp, "Indians in Fiji?", "The Leonidas arrived at Levuka in May 1879 with about 460 Indians.")
    assert [(c.subject_type, c.destination_country) for c in cases] == [("group", "Fiji")]


def test_a_double_surname_said_by_its_first_half_is_the_same_person(nlp):
    cases = cases_of(nlp, "Polish exiles?", "Gustaw Herling-Grudziński was a writer. Herling went to London in 1945.")
    assert [(c.subject, c.destination_country) for c in cases] == [("Gustaw Herling-Grudziński", "United Kingdom")]


def test_the_askers_own_relative_moving_in_the_question_is_a_case_and_a_framing_group_is_not(nlp):
    q = ("What happened to the volunteers who went to Spain?\n\nMy great-uncle left Toronto for Spain in 1937 to fight Franco. "
         "Why did so many Canadians go to Spain?")
    cases = cases_of(nlp, q, "Nobody really knows.")
    assert [(c.subject, c.origin_country, c.destination_country, c.year_start) for c in cases] == [
        ("My great-uncle", "Canada", "Spain", 1937)]


def test_groups_each_told_with_a_count_are_a_group_each(nlp):
    cases = cases_of(nlp, "International Brigades?", "Roughly 2,800 Americans, something like 1,500 Canadians and about 2,400 "
                                                     "volunteers from Britain went to Spain in 1937.")
    assert sorted(c.subject for c in cases) == ["1,500 Canadians", "2,400 volunteers", "2,800 Americans"]


def test_a_group_with_one_named_among_them_moves_and_so_does_the_one(nlp):
    cases = cases_of(nlp, "Lincoln Brigade?", "The Americans came home to New York in batches in 1938, Milton Wolff, the last "
                                              "commander of the Lincolns, among them.")
    assert sorted((c.subject_type, c.destination_country) for c in cases) == [("group", "United States"), ("person", "United States")]


def test_a_first_name_between_a_title_of_nobility_and_its_house_is_named_in_full(nlp):
    cases = cases_of(nlp, "Germans in Texas?", "Prince Carl of Solms-Braunfels reached Texas in the summer of 1844. "
                                               "Carl went back to Germany in 1845.")
    assert [(c.subject, c.destination_country) for c in cases] == [
        ("Prince Carl of Solms-Braunfels", "United States"), ("Prince Carl of Solms-Braunfels", "Germany")]


def test_west_indians_going_home_are_not_sent_to_india(nlp):
    cases = cases_of(nlp, "What happened to the West Indians who built the Panama Canal?",
                     "The ICC offered free repatriation in 1914, and a lot of the canal men took it and went home.")
    assert "India" not in {c.destination_country for c in cases}


def test_summoned_or_recalled_to_a_place_is_a_move_and_recalling_a_memory_is_not(nlp):
    cases = cases_of(nlp, "Chinese communists in Moscow?", "After his fall Li Lisan was summoned to Moscow in 1930.",
                     "The ambassador was recalled to Moscow in 1937.", "I recall that he liked Paris.")
    assert sorted((c.subject_type, c.destination_country, c.year_start) for c in cases) == [
        ("person", "Soviet Union", 1930), ("unnamed", "Soviet Union", 1937)]


def test_a_share_told_by_who_its_people_mostly_were_is_named_by_them(nlp):
    cases = cases_of(nlp, "Polish refugees?", "About 1,400 Poles went to Mexico in 1943. A smaller group, mostly older "
                                              "schoolchildren, went to Lebanon.")
    assert [c.subject for c in cases if c.destination_country == "Lebanon"] == ["smaller group, mostly older schoolchildren (Polish refugees)"]


def test_an_item_headed_with_a_country_goes_there_when_its_place_is_unknown(nlp):
    cases = cases_of(nlp, "Polish refugees in Iran?", "About 115,000 Poles reached Iran in 1942.\n- India: first about 1,000 "
                                                      "children went to Balachadi near Jamnagar in 1942.")
    assert [c.destination_country for c in cases if "children" in c.subject] == ["India"]


def test_one_of_the_writers_own_said_to_be_someone_who_moved_is_the_mover(nlp):
    cases = cases_of(nlp, "Blacklisted Hollywood people in Mexico?", "A cousin of mine was a studio carpenter who followed "
                                                                     "the Hollywood people down to Cuernavaca in the fifties.")
    assert [(c.subject, c.destination_country) for c in cases] == [("cousin of mine", "Mexico")]


def test_one_arriving_is_not_where_another_just_went_back_to(nlp):
    cases = cases_of(nlp, "How did so many Germans end up in Texas?",
                     "Ernst Kapp farmed near Sisterdale; he went back to Germany in 1865. Adolf Douai, who had been jailed in "
                     "Altenburg, arrived in 1852.")
    assert [c.destination_country for c in cases if c.subject == "Adolf Douai"] == ["United States"]


def test_an_elopement_is_a_move_and_the_pair_that_eloped_moves_on_together(nlp):
    cases = cases_of(nlp, "British volunteers in Spain?", "Esmond Romilly went out to Spain in late 1936. He was back in England "
                     "by January 1937, eloped to Bilbao with Jessica Mitford a few weeks later, and the pair emigrated to the "
                     "United States in 1939.")
    got = {(c.subject, c.destination_country, c.year_start) for c in cases}
    assert {("Esmond Romilly", "Spain", 1937), ("Jessica Mitford", "Spain", 1937),
            ("Esmond Romilly", "United States", 1939), ("Jessica Mitford", "United States", 1939)} <= got


def test_a_group_the_question_says_went_somewhere_is_a_case_and_one_it_asks_about_is_not(nlp):
    q = ("Chinese students in the Soviet Union?\n\nIn the 1950s the PRC sent thousands of students to the USSR to learn "
         "engineering. Did any of them stay?")
    cases = cases_of(nlp, q, "A few did.")
    assert [(c.subject, c.destination_country, c.year_start) for c in cases] == [("thousands of students", "Soviet Union", 1950)]
    assert cases_of(nlp, "Why did so many Chinese students go to the USSR?", "Nobody knows.") == []


def test_not_until_a_date_is_a_move_at_that_date_and_could_not_until_is_none(nlp):
    cases = cases_of(nlp, "Mexican repatriation?", "Emilia Castaneda did not return to Los Angeles until 1944.")
    assert [(c.destination_country, c.year_start) for c in cases] == [("United States", 1944)]
    assert cases_of(nlp, "Settlers in Rhodesia?", "Doris Lessing was declared a prohibited immigrant and couldn't go back to "
                                                  "Salisbury until after independence.") == []


def test_kin_told_in_a_clause_before_he_is_not_whom_he_means(nlp):
    cases = cases_of(nlp, "Chinese students in Moscow?", "Chiang Ching-kuo left Shanghai for Moscow in 1925. After his father "
                     "turned on the communists in April 1927 he was effectively a hostage. He asked to go home in 1931 and was "
                     "refused.")
    assert "his father" not in {c.subject.lower() for c in cases}


def test_a_lone_surname_the_ner_calls_an_organisation_is_a_person_who_moves(nlp):
    # the small model tags "Kossuth" ORG; a one-word organisation does not flee or go to London, a person does
    cases = cases_of(nlp, "What became of the Hungarian exiles?", "Kossuth fled to the Ottoman Empire in 1849. He later went to London.")
    assert [(c.subject, c.subject_type, c.destination_country) for c in cases] == [
        ("Kossuth", "person", "Ottoman Empire"),
        ("Kossuth", "person", "United Kingdom"),
    ]


def test_a_second_to_with_then_is_a_later_stop_and_takes_the_year_told_after_it(nlp):
    cases = cases_of(nlp, "Where did they go?", "The family moved to Canada after the war, then to California in the 1960s.")
    assert [(c.origin_country, c.destination_country, c.year_start) for c in cases] == [
        (None, "Canada", None),
        ("Canada", "United States", 1960),
    ]


def test_a_name_said_with_himself_is_a_person_whatever_the_ner_called_it(nlp):
    cases = cases_of(
        nlp,
        "What became of the Hungarian exiles?",
        "Richard Guyon, an Englishman born in Bath, served at Kars. He died in Constantinople in 1856.\n\n"
        "Kossuth himself refused to convert. He was finally released in September 1851 under American and British pressure. "
        "He went to England in October 1851 on a British steamer.",
    )
    assert [(c.subject, c.destination_country, c.year_start) for c in cases] == [("Kossuth", "United Kingdom", 1851)]


def test_a_surname_two_people_bear_in_full_is_neither_of_them(nlp):
    cases = cases_of(
        nlp,
        "What became of the Hungarian exiles?",
        "Kossuth sailed for New York in 1851.",
        "His sister Zsuzsanna Kossuth emigrated to America in 1852. His son Ferenc Kossuth moved to Hungary in 1894.",
    )
    got = sorted((c.subject, c.destination_country, c.year_start) for c in cases)
    assert got == [
        ("Ferenc Kossuth", "Hungary", 1894),
        ("Kossuth", "United States", 1851),
        ("Zsuzsanna Kossuth", "United States", 1852),
    ]


def test_those_who_followed_to_a_small_town_go_to_the_country_the_one_followed_reached(nlp):
    cases = cases_of(
        nlp,
        "What happened to the Japanese Peruvians?",
        "Seiichi Higashide was arrested in 1944 and shipped to Panama and then to New Orleans. "
        "His wife Angélica and the children followed him to Crystal City later that year.",
    )
    followed = {c.subject: (c.destination, c.destination_country, c.year_start) for c in cases if c.subject != "Seiichi Higashide"}
    assert followed == {"Angélica": ("Crystal City", "United States", 1944), "children": ("Crystal City", "United States", 1944)}


def test_a_count_of_people_told_with_of_beside_a_mover_is_a_group_of_its_own(nlp):
    cases = cases_of(nlp, "Did anyone go back to Japan?", "In 1990 my mother and two of my uncles went to Japan.")
    assert sorted((c.subject, c.subject_type, c.destination_country) for c in cases) == [
        ("my mother", "unnamed", "Japan"),
        ("two of my uncles", "group", "Japan"),
    ]


def test_who_after_the_places_a_person_comes_from_means_the_person(nlp):
    cases = cases_of(
        nlp,
        "How did Greeks first come to Australia?",
        "The usual founding story is Athanasios Kominos, from Karavas in the north of Kythera, who arrived in Sydney in the 1870s.",
    )
    assert [(c.subject, c.destination_country, c.year_start) for c in cases] == [("Athanasios Kominos", "Australia", 1870)]


def test_a_count_of_them_without_the_is_a_share_of_the_group(nlp):
    cases = cases_of(
        nlp,
        "How did Greeks first come to Australia?",
        "Seven Greek sailors were sent to New South Wales as convicts in 1829. They were pardoned in 1836 and five of them went home to Greece.",
    )
    assert [(group_of(c.subject), c.destination_country, c.year_start) for c in cases] == [
        ("Seven Greek sailors", "Australia", 1829),
        ("Seven Greek sailors", "Greece", 1836),
    ]


def test_where_one_who_left_then_worked_says_where_they_went(nlp):
    cases = cases_of(
        nlp,
        "Why did Greeks go to Australia?",
        "Dimitris Tsaloumas left Greece in 1952 and taught in Melbourne schools for decades.",
        "Andreas Kalvos left Greece in 1826, and he taught in Geneva for years.",
    )
    assert sorted((c.subject, c.destination_country) for c in cases) == [
        ("Andreas Kalvos", "Switzerland"),
        ("Dimitris Tsaloumas", "Australia"),
    ]


def test_a_place_the_asker_was_told_of_is_not_where_the_thread_goes(nlp):
    question = "Where did the exiles of 1849 end up? Somebody even told me Portugal, which sounds unlikely."
    cases = cases_of(nlp, question, "Imre Szabo left Hungary in 1849.")
    assert [(c.subject, c.destination_country) for c in cases if c.subject == "Imre Szabo"] in ([], [("Imre Szabo", None)])


def test_the_people_a_question_names_untagged_say_where_they_came_home_to(nlp):
    cases = cases_of(
        nlp,
        "Where were the Boer prisoners of war sent, and what became of them?",
        "Koos was one of the ones who would not sign, so he stayed in India until 1903 and then came back.",
    )
    assert [(c.subject, c.destination_country, c.year_start) for c in cases] == [("Koos", "South Africa", 1903)]


def test_three_quarters_of_them_is_a_share_of_the_group_just_named(nlp):
    cases = cases_of(
        nlp,
        "Where did the Jews of the Russian Empire go?",
        "Between 1881 and 1914 something like two million Jews left the Russian Empire, and about three quarters of them went to the United States.",
    )
    assert [(c.subject, c.destination_country, c.year_start) for c in cases] == [("two million Jews", "United States", 1881)]


def test_a_hyphenated_name_moves_whole_and_where_the_war_was_spent_is_where_the_expelled_went(nlp):
    cases = cases_of(
        nlp,
        "Where did the Zionist pioneers come from?",
        "Ben-Gurion went to Palestine in 1906. The Ottomans expelled him in 1915 and he spent most of the war in New York.",
    )
    assert [(c.subject, c.destination_country, c.year_start) for c in cases] == [
        ("Ben-Gurion", "Ottoman Empire", 1906),
        ("Ben-Gurion", "United States", 1915),
    ]


def test_a_nickname_in_quotes_later_means_the_one_so_called(nlp):
    cases = cases_of(
        nlp,
        "Why did Black American entertainers go to Paris?",
        '- Ada "Bricktop" Smith came over from New York in 1924 to sing at Le Grand Duc and ended up with her own place, '
        "Chez Bricktop, where Cole Porter and the Fitzgeralds were regulars.",
        "Bricktop closed up and sailed for New York in October 1939.",
    )
    assert {c.subject for c in cases} == {'Ada "Bricktop" Smith'}
    assert ('Ada "Bricktop" Smith', "United States", 1939) in [(c.subject, c.destination_country, c.year_start) for c in cases]


def test_kin_who_went_along_each_told_by_name_are_each_a_person(nlp):
    cases = cases_of(
        nlp,
        "Why did Black American writers go to Paris?",
        "Richard Wright moved to Paris with his wife Ellen and daughter Julia in 1947 and died there in 1960.",
    )
    assert sorted((c.subject, c.destination_country, c.year_start) for c in cases) == [
        ("Ellen", "France", 1947),
        ("Julia", "France", 1947),
        ("Richard Wright", "France", 1947),
    ]


def test_one_said_to_be_an_emigre_with_no_place_is_no_move_to_the_threads_place(nlp):
    cases = cases_of(
        nlp,
        "Were Soviet citizens forcibly returned to the USSR after 1945?",
        "Krasnov and Shkuro were handed over at Judenburg in 1945. Sultan Kelech-Girey, the Circassian general, was another émigré from the Civil War.",
    )
    assert [c.subject for c in cases if "Girey" in c.subject] == []


def test_a_named_ship_with_a_count_of_them_on_board_moves_the_group_just_named(nlp):
    cases = cases_of(
        nlp,
        "Were Soviet prisoners sent back from Britain?",
        "About 30,000 Soviet citizens taken prisoner in German uniform were held in Britain. On 31 October 1944 the Scythia and "
        "the Duchess of Bedford left Liverpool for Murmansk with about 10,000 of them on board.",
    )
    assert [(group_of(c.subject), c.destination_country, c.year_start) for c in cases] == [("30,000 Soviet citizens", "Soviet Union", 1944)]


def test_going_into_politics_and_bringing_remains_home_are_no_moves(nlp):
    cases = cases_of(
        nlp,
        "What became of the Hungarian revolutionaries after 1849?",
        "Ferenc Kossuth was a railway engineer in Turin and only moved to Hungary after the funeral in 1894; "
        "he went into politics and was minister of commerce from 1906 to 1910.",
        "Bem died in Aleppo in 1850. In 1929 the Poles brought his remains home to Tarnów.",
    )
    assert [(c.subject, c.destination_country, c.year_start) for c in cases] == [("Ferenc Kossuth", "Hungary", 1894)]


def test_a_country_said_to_have_moved_on_is_no_mover_the_one_who_found_it_so_is(nlp):
    cases = cases_of(
        nlp,
        "Did Greek migrants in Australia go home?",
        "About a quarter of the Greek migrants went back to Greece after 1974. "
        "Plenty of them found Greece had moved on without them and came back to Australia a few years later.",
    )
    assert {group_of(c.subject) for c in cases} == {"quarter of the Greek migrants"}
    assert [c.destination_country for c in cases] == ["Greece", "Australia"]


def test_a_heading_sentence_names_the_country_of_a_town_no_gazetteer_knows(nlp):
    cases = cases_of(
        nlp,
        "Where were the Boer prisoners of war sent?",
        "The prisoners went to several places.\n\n"
        "- Ceylon. From August 1900 prisoners were sent to Diyatalawa in the hill country, a camp built for the purpose.",
    )
    assert [(c.destination, c.destination_country, c.year_start) for c in cases] == [("Diyatalawa", "Sri Lanka", 1900)]


def test_people_who_came_out_in_a_year_moved_and_a_memoir_that_came_out_did_not(nlp):
    cases = cases_of(
        nlp,
        "Why did so many Greeks go to Australia?",
        "Pappou Giannis Lekkas came out in 1954 on assisted passage.",
        "Her memoir came out in 1968.",
        "Noé Yarcho, who had studied medicine in Kiev, came out in the early 1890s and spent the rest of his life as a doctor.",
    )
    assert [(c.subject, c.destination_country, c.year_start) for c in cases] == [
        ("Pappou Giannis Lekkas", "Australia", 1954),
        ("Noé Yarcho", "Australia", 1890),
    ]


def test_a_body_of_people_is_a_group_and_a_body_carried_home_is_not(nlp):
    cases = cases_of(
        nlp,
        "Where did the Boers go?",
        "A large body of Boers fled to Portuguese East Africa in 1900.",
        "In 1904 his body was taken to Pretoria.",
    )
    assert [(c.subject, c.subject_type, c.destination_country) for c in cases] == [("large body of Boers", "group", "Mozambique")]


def test_a_list_of_three_subjects_moves_each(nlp):
    cases = cases_of(
        nlp,
        "Where were the Boer prisoners of war sent?",
        "Cronje, his wife Hester and a few of his staff were taken to St Helena and landed there in April 1900.",
    )
    assert sorted(c.subject for c in cases) == ["Cronje", "Hester", "a few of his staff"]
    assert {c.destination_country for c in cases} == {"Saint Helena"}


def test_a_month_or_season_with_no_year_is_in_the_year_the_story_has_reached(nlp):
    cases = cases_of(
        nlp,
        "Why did Black American writers go to Paris?",
        "Langston Hughes came to Paris in February 1924. He left for Italy that summer and was back in the US by November.",
    )
    assert ("United States", 1924) in [(c.destination_country, c.year_start) for c in cases]


def test_relative_month_and_season_phrases_count_from_the_year_told():
    from pipeline.dates import relative_years

    assert [relative_years(t) for t in ("that summer", "November", "29 May", "late August", "May")] == [0, 0, 0, 0, None]


def test_he_first_in_a_list_of_movers_is_a_mover_too(nlp):
    cases = cases_of(nlp, "Who left Germany?", "Karl Frank was a Berlin lawyer. In 1938 he, his wife and his sons left for London.")
    assert "Karl Frank" in {c.subject for c in cases}
    assert {c.destination_country for c in cases} == {"United Kingdom"}


def test_going_home_is_to_the_country_of_the_question_s_people_not_the_place_it_asks_about(nlp):
    cases = cases_of(
        nlp,
        "Why did so many American writers move to Paris in the 1920s?",
        "Ada Smith came over in 1924 to sing at a club where Langston Hughes happened to be washing dishes. Hughes went home the same year.",
    )
    assert [c.destination_country for c in cases if c.subject == "Langston Hughes"] == ["United States"]


def test_the_country_a_title_says_people_left_is_their_home(nlp):
    cases = cases_of(
        nlp,
        "Who left Iran around the 1979 revolution, and where did they all go?",
        "My parents left Tehran in 1984 and ended up in Los Angeles.",
        "Googoosh is the famous exception. She was in Los Angeles when the revolution happened and went home anyway.",
    )
    assert [c.destination_country for c in cases if c.subject == "Googoosh"] == ["Iran"]


def test_a_share_of_a_group_is_named_by_its_size_and_the_group(nlp):
    cases = cases_of(
        nlp,
        "What happened to the Japanese Peruvians after the war?",
        "About 1,800 Japanese Peruvians were shipped to camps in Texas in 1942. Only a handful ever got back to Peru.",
    )
    back = [c for c in cases if c.destination_country == "Peru"]
    assert [c.subject for c in back] == ["handful (1,800 Japanese Peruvians)"]


def test_a_share_told_after_a_share_names_the_whole_group_once(nlp):
    cases = cases_of(
        nlp,
        "Where did the Old Believers go?",
        "In the 1930s a lot of Old Believer families fled into Manchuria. Most went on to Brazil in 1958, and some went to Australia.",
    )
    assert "some (lot of Old Believer families)" in {c.subject for c in cases}


def test_a_year_is_no_share_of_a_group(nlp):
    cases = cases_of(nlp, "Where did the Spanish children go?", "About 2,900 children were sent to the Soviet Union in 1937. Then came 1941.")
    assert [c.year_start for c in cases] == [1937]


def test_a_people_expelled_with_no_place_told_goes_to_its_own_country(nlp):
    cases = cases_of(
        nlp,
        "Who left Indonesia after independence?",
        "In December 1957 Sukarno expelled Dutch nationals during the New Guinea dispute.",
        "About 7,000 Spanish Republicans who had stayed in France were deported to Mauthausen after the German invasion in 1940.",
        "In 1968 the government expelled thousands of Polish Jews.",
        min_confidence=0.0,
    )
    assert {c.subject: c.destination_country for c in cases} == {
        "Dutch nationals": "Netherlands", "7,000 Spanish Republicans": None, "thousands of Polish Jews": None}


def test_a_thing_named_like_an_agent_is_no_they(nlp):
    cases = cases_of(
        nlp,
        "Did any regicides flee to New England?",
        "Edward Whalley and William Goffe reached Boston in 1660. When the warrants came in 1661 they moved to New Haven.",
    )
    assert {c.subject for c in cases} == {"Edward Whalley", "William Goffe"}


def test_an_epithet_is_part_of_the_name_and_tells_a_son_from_his_father(nlp):
    cases = cases_of(
        nlp,
        "Did any Puritans go back to England?",
        "John Winthrop stayed in Boston all his life. John Winthrop the Younger went to England in 1641.",
    )
    assert [(c.subject, c.destination_country) for c in cases] == [("John Winthrop the Younger", "United Kingdom")]


def test_a_companion_named_after_what_he_was_goes_along(nlp):
    cases = cases_of(
        nlp,
        "Did New Englanders go back to England?",
        "Hugh Peter was sent to London in 1641 with Thomas Welde of Roxbury and the merchant William Hibbins as agents for the colony.",
    )
    # the longest form the thread uses (CASES.md): "of Roxbury" is read like a laird's estate
    assert {c.subject for c in cases} == {"Hugh Peter", "Thomas Welde of Roxbury", "William Hibbins"}


def test_together_with_hung_on_the_subject_is_a_companion(nlp):
    cases = cases_of(
        nlp,
        "Did Icelanders go to Utah?",
        "In 1855 Samúel Bjarnason and his wife Margrét Gísladóttir, together with Helga Jónsdóttir, left the islands for Utah.",
    )
    assert "Helga Jónsdóttir" in {c.subject for c in cases}


def test_a_town_no_gazetteer_knows_is_in_the_country_named_after_it(nlp):
    cases = cases_of(nlp, "Where did the Puritans of Bermuda go?",
                     "In 1648 William Sayle took about seventy Puritans from Bermuda to Eleuthera in the Bahamas.")
    assert {(c.destination, c.destination_country) for c in cases} == {("Eleuthera", "Bahamas")}


def test_whose_kin_are_named_for_the_one_the_clause_is_about(nlp):
    cases = cases_of(nlp, "Who went to Peru?", "And of course Alberto Fujimori, whose parents came from Kumamoto to Peru in 1934.")
    assert [(c.subject, c.destination_country) for c in cases] == [("Alberto Fujimori's parents", "Peru")]


def test_a_name_after_a_kin_word_is_a_person_whatever_the_ner_called_it(nlp):
    cases = cases_of(
        nlp,
        "Why did the Indos leave Indonesia?",
        "In the US, Senator John Pastore pushed through the Pastore-Walter Act in 1958.",
        "My great-uncle Frits Lammers was one of them. He had come to Holland in 1958 and went to Los Angeles in 1960.",
    )
    assert {c.subject for c in cases} == {"Frits Lammers"}


def test_a_name_after_their_pupil_is_the_next_she_whatever_the_ner_called_it(nlp):
    cases = cases_of(
        nlp,
        "How common were defections on tour?",
        "Béla and Márta Károlyi stayed in New York during a tour of the US in 1981. Their star pupil Nadia Comăneci got out much "
        "later: in late November 1989 she walked across the border into Hungary at night.",
    )
    assert ("Nadia Comăneci", "Hungary") in {(c.subject, c.destination_country) for c in cases}


def test_a_place_before_and_is_no_subject_of_the_verb_after_it(nlp):
    cases = cases_of(
        nlp,
        "Why did my ancestor end up in Gimli?",
        "My great-great-grandmother Guðrún Jónsdóttir came from a farm near Vopnafjörður and ended up in Gimli, Manitoba.",
        "The big years for Vopnafjörður were the late 1880s. Vopnafjörður said goodbye to a third of its people.",
    )
    assert [(c.subject, c.destination_country) for c in cases] == [("Guðrún Jónsdóttir", "Canada")]


def test_posted_to_a_place_is_a_move(nlp):
    cases = cases_of(nlp, "Did any Puritans go back?", "George Downing was a Puritan. In 1657 he was posted to The Hague as resident.")
    assert [(c.subject, c.destination_country, c.year_start) for c in cases] == [("George Downing", "Netherlands", 1657)]


def test_being_somewhere_by_a_date_is_having_got_there(nlp):
    cases = cases_of(
        nlp,
        "Did the Forty-Eighters go to America?",
        "Fritz Anneke was in Milwaukee by the end of 1849.",
        "By the early 70s there were several hundred of them in Sweden.",
    )
    assert [(c.subject, c.destination_country, c.year_start) for c in cases] == [("Fritz Anneke", "United States", 1849)]


def test_back_hung_on_the_adverb_after_the_verb_is_still_a_return(nlp):
    cases = cases_of(
        nlp,
        "How did Chinese immigrants get into the US during Exclusion?",
        "My great-grandfather Louie Wing Gee landed at Angel Island in 1922. He went back to China in 1930 to get married and "
        "came back alone the next year.",
    )
    assert [(c.destination_country, c.year_start) for c in cases] == [("United States", 1922), ("China", 1930), ("United States", 1931)]


def test_a_place_before_a_surname_is_no_first_name(nlp):
    cases = cases_of(
        nlp,
        "Did any New Englanders go back to England?",
        "Roger Williams sailed for England in 1643. In London Williams stayed with Vane for a while. He got home in 1644.",
    )
    assert {c.subject for c in cases} == {"Roger Williams"}


def test_smaller_numbers_are_a_share_of_the_group_named_without_its_quantifier(nlp):
    cases = cases_of(
        nlp,
        "Where did Dutch emigrants go after the war?",
        "Most Dutch emigrants went to Canada and Australia. Smaller numbers went to the United States.",
    )
    assert ("Smaller numbers (Dutch emigrants)", "United States") in {(c.subject, c.destination_country) for c in cases}


def test_one_who_takes_a_group_to_a_place_goes_with_them(nlp):
    cases = cases_of(
        nlp,
        "Where did the Bermuda Puritans go?",
        "In 1648 William Sayle took about seventy Puritans from Bermuda to Eleuthera in the Bahamas.",
        "William King had inherited enslaved people in Louisiana, and in 1849 he brought about fifteen of them to Canada West.",
        "In 1899 the Sakura Maru brought 790 contract labourers to Callao.",
    )
    people = {c.subject for c in cases if c.subject_type == "person"}
    assert people == {"William Sayle", "William King"}


def test_an_aside_in_brackets_before_the_verb_does_not_hide_its_subject(nlp):
    cases = cases_of(
        nlp,
        "Why did Koreans go to Hawaii and Mexico?",
        "Between 1903 and 1905 something like 7,000 Koreans (the figure usually quoted is about 7,200) went to Hawaii.",
    )
    assert [(c.subject, c.destination_country) for c in cases] == [("7,000 Koreans", "United States")]


def test_a_law_with_a_capitalised_name_is_no_one_who_moved(nlp):
    cases = cases_of(
        nlp,
        "Where did Russian Jews actually go after the 1881 pogroms and the May Laws?",
        "Most went to America. The pogroms started in Elisavetgrad in April and spread through the southern provinces over the next "
        "year, and in May 1882 Alexander III's interior minister Nikolai Ignatiev issued the \"Temporary Regulations\", the May Laws, "
        "which barred Jews from settling anew outside the towns and shtetls and from buying land.",
    )
    assert "Temporary Regulations" not in {c.subject for c in cases}



def test_a_return_is_not_to_a_stop_on_the_way(nlp):
    cases = cases_of(
        nlp,
        "What happened to the exiled monarchs?",
        "Simeon II of Bulgaria was nine when the 1946 referendum ended the monarchy. He and his mother went to Alexandria and "
        "later to Madrid, where he grew up. He came back in 1996.",
    )
    assert ("Simeon II", "Egypt", 1996) not in {(c.subject, c.destination_country, c.year_start) for c in cases}


def test_a_where_clause_on_a_place_says_where_they_settled(nlp):
    cases = cases_of(
        nlp,
        "Where did Cornish miners go?",
        "- Mineral Point, Wisconsin, where Cornish lead miners settled from the 1830s.",
        "After a winter in a refugee camp the family moved to Norrköping, where her father got work in a textile mill.",
    )
    assert ("Cornish lead miners", "United States", 1830) in {(c.subject, c.destination_country, c.year_start) for c in cases}
    assert not [c for c in cases if "father" in c.subject]


def test_home_to_a_village_near_a_town_the_ner_calls_an_organisation(nlp):
    cases = cases_of(
        nlp,
        "What happened to Soviet prisoners of war?",
        "My great-grandfather was captured in 1942. He came home to his village near Poltava in 1951.",
    )
    assert [(c.subject, c.destination_country, c.year_start) for c in cases] == [("My great-grandfather", "Soviet Union", 1951)]


def test_being_aboard_a_ship_to_a_place_is_going_there(nlp):
    cases = cases_of(
        nlp,
        "Who was evacuated from Hungnam in 1950?",
        "In December 1950 my grandmother was on one of the ships from Hungnam to Busan with two of her brothers.",
        "She was on the ship that later took the refugees to Haifa.",
    )
    moves = {(c.subject, c.origin_country, c.destination_country) for c in cases}
    assert ("my grandmother", "North Korea", "South Korea") in moves
    assert not any(c.subject == "She" or c.destination_country == "Israel" and c.subject_type != "group" for c in cases)


def test_a_she_of_a_later_move_is_not_one_the_post_told_had_died(nlp):
    cases = cases_of(
        nlp,
        "What happened to Mexican Americans in the 1930s?",
        "Emilia Castañeda was born in Los Angeles in 1926. Her mother died of TB in 1934, her father was a bricklayer nobody "
        "would hire, and in 1935 he took her and her brother to Mexico on one of the county trains. She came back to Los "
        "Angeles in 1944, at seventeen.",
        "My grandfather died in 1990. He had come to Canada in 1950.",
    )
    moves = {(c.subject, c.destination_country, c.year_start) for c in cases}
    assert {("Emilia Castañeda", "Mexico", 1935), ("Emilia Castañeda", "United States", 1944), ("My grandfather", "Canada", 1950)} <= moves
    assert not any(c.subject == "Her mother" for c in cases)
    assert ("her father", "Mexico", 1935) in moves  # the one who took her went too


def test_a_group_named_after_they_is_not_whom_they_means(nlp):
    cases = cases_of(
        nlp,
        "Where did white Rhodesians go?",
        "My dad's family left Salisbury in 1980 and went to Johannesburg. Then in the 90s they went to Perth, which is where "
        "half of my relatives still are.",
    )
    assert ("My dad's family (Rhodesians)", "Australia") in {(c.subject, c.destination_country) for c in cases}


def test_staying_on_where_a_tour_took_them_is_a_move_there(nlp):
    cases = cases_of(
        nlp,
        "How common was it for Soviet bloc performers to defect while on tour?",
        "Natalia Makarova stayed behind in London during the company's 1970 season there.",
        "My grandmother's older sister stayed in Semarang and married. He himself stayed in Wales and only visited the colony in 1882.",
    )
    assert [(c.subject, c.destination_country, c.year_start) for c in cases] == [("Natalia Makarova", "United Kingdom", 1970)]


def test_asking_to_stay_where_one_is_is_a_move_there(nlp):
    cases = cases_of(
        nlp,
        "How common was it for Soviet bloc performers to defect while on tour?",
        "Rudolf Nureyev was dancing with the Kirov in Paris in 1961. With the help of a French friend, he got to the two police "
        "inspectors in the airport bar and asked to stay in France.",
    )
    assert ("Rudolf Nureyev", "France") in {(c.subject, c.destination_country) for c in cases}


def test_her_kin_in_a_question_that_tells_of_my_own_is_the_askers_story(nlp):
    cases = cases_of(
        nlp,
        "Why did my Oma's family have to leave Indonesia?\n\nMy Oma came to the Netherlands on a ship in 1958 with her mother "
        "and three younger brothers. Her father had already gone ahead to Holland the year before to look for work.",
    )
    assert ("Her father", "Netherlands") in {(c.subject, c.destination_country) for c in cases}


def test_one_of_the_family_and_the_kids_are_each_a_subject(nlp):
    cases = cases_of(
        nlp,
        "Why did Japanese Americans renounce their citizenship?",
        "My grandfather went to Chicago in 1956. My grandmother and the kids followed him in 1958. His wife and daughters stayed.",
    )
    assert {c.subject for c in cases if c.year_start == 1958} == {"My grandmother", "kids (Japanese Americans)"}


def test_one_who_takes_the_family_back_goes_too(nlp):
    cases = cases_of(
        nlp,
        "Who went back to Canada from New England?",
        "My grandfather was killed at the mill in 1899, and my grandmother took the younger children back to a farm near Quebec City.",
        "In 1869 Jacob Schumacher brought the whole family from Ohio to Haifa.",
    )
    assert "Jacob Schumacher" in {c.subject for c in cases}


def test_visits_offices_and_boundaries_are_no_moves(nlp):
    cases = cases_of(
        nlp,
        "Why did Icelanders go to Manitoba?",
        "Lord Dufferin, the Governor General, came to Gimli on a visit in September 1877 and made a speech.",
        "The reserve lay in the District of Keewatin until the boundary was moved in 1881.",
        "The first organised trip home was in 2006, when the Foreign Office paid for about a hundred Chagossians to go.",
    )
    assert not {c.subject for c in cases} & {"Lord Dufferin", "boundary", "Foreign Office"}


def test_a_swiss_canton_is_no_he(nlp):
    cases = cases_of(
        nlp,
        "Did many German revolutionaries of 1848 end up in America?",
        "My great-great-grandfather was a private in a Baden infantry regiment. He crossed into Switzerland with everyone else "
        "in July 1849. He spent the winter in a camp in Canton Thurgau, and in the spring of 1850 he walked home to his village. "
        "But he and two of his brothers emigrated to Missouri anyway in 1854.",
    )
    assert "Canton Thurgau" not in {c.subject for c in cases}


def test_where_two_people_knew_each_other_is_no_origin_and_going_back_after_leaving_is_home(nlp):
    cases = cases_of(
        nlp,
        "Why did Chinese scientists go back to China in the 1950s?",
        "Zhao Zhongyao, Millikan's student from Caltech, left Princeton and went back in 1950.",
    )
    assert [(c.subject, c.origin_country, c.destination_country, c.year_start) for c in cases] == [
        ("Zhao Zhongyao", "United States", "China", 1950)]


def test_the_first_verbs_object_is_no_subject_of_the_second(nlp):
    cases = cases_of(
        nlp,
        "Were US citizens deported to Mexico in the 1930s?",
        "Juan Ramos was deported to Mexico as a child. He spent ten years there before he got hold of his birth papers and came back to the US.",
    )
    assert ("Juan Ramos", "United States") in {(c.subject, c.destination_country) for c in cases}


def test_ended_up_doing_something_in_a_place_is_ending_up_there(nlp):
    cases = cases_of(
        nlp,
        "Where did the exiles end up?",
        "In 1958 John Hardy ended up running a hotel in Havana.",
        "Imre Nagy fled Hungary in 1956; he ended up teaching chemistry in Ohio.",
    )
    assert {(c.subject, c.destination_country) for c in cases} == {("John Hardy", "Cuba"), ("Imre Nagy", "United States")}


def test_most_hung_on_the_second_verb_is_a_share_of_those_the_first_moved(nlp):
    cases = cases_of(
        nlp,
        "What happened to the Templers?",
        "The Templers were arrested in Palestine in 1941. In April 1948, weeks before the Mandate ended, the British evacuated them to "
        "Cyprus, and most went on from there to Australia in 1949.",
    )
    to_australia = [c.subject for c in cases if c.destination_country == "Australia"]
    assert to_australia == ["most (Templers)"]


def test_one_named_beside_the_word_for_who_they_were_leads_or_takes_them(nlp):
    cases = cases_of(
        nlp,
        "Who led settlers to the Cape?",
        "In 1820 a Scottish poet, Thomas Pringle, brought a party of settlers from London to the Cape.",
        "Anna Smit was born in Utrecht. In 1931 her father Jan Smit took her to Amsterdam.",
    )
    assert {"Thomas Pringle", "Jan Smit", "Anna Smit"} <= {c.subject for c in cases}


def test_a_name_the_ner_took_for_a_building_beside_a_person_is_a_person_too(nlp):
    cases = cases_of(
        nlp,
        "Who went to Peru from Japan?",
        "His parents, Hideo Fujimori and Mutsue Inomoto, emigrated from Kumamoto to Peru in 1934.",
    )
    assert {c.subject for c in cases} == {"Hideo Fujimori", "Mutsue Inomoto"}


def test_a_clause_on_a_date_is_nobodys_move(nlp):
    cases = cases_of(
        nlp,
        "Who left Portugal for England?",
        "Maria Alves was a widow. She left Porto for London in 1821, the year the war ended, to join her uncle Pedro Souza.",
    )
    assert [(c.subject, c.destination_country) for c in cases] == [("Maria Alves", "United Kingdom")]


def test_people_named_among_those_who_went_go_too(nlp):
    cases = cases_of(
        nlp,
        "How did the Mensheviks get back to Russia?",
        "In 1918 forty of them left Geneva, among them Martov, Axelrod and Dan, and they reached Petrograd in May.",
    )
    assert {"Martov", "Axelrod", "Dan"} <= {c.subject for c in cases if c.destination == "Petrograd"}


def test_a_list_item_opening_on_a_name_is_whom_the_next_he_means(nlp):
    cases = cases_of(
        nlp,
        "Who went to the Caribbean?",
        "- Marie Curie left Warsaw in 1891.\n- Paul Gauguin, of all people, dug on the canal. He sailed from Le Havre in April 1887 "
        "and went on to Martinique in June.",
        "Isaac Aboab the rabbi went from Lisbon to Amsterdam in 1626. He left in 1642 and reached Recife.",
    )
    assert ("Paul Gauguin", "Martinique") in {(c.subject, c.destination_country) for c in cases}
    assert {("Isaac Aboab", "Netherlands"), ("Isaac Aboab", "Brazil")} <= {(c.subject, c.destination_country) for c in cases}


def test_home_with_no_people_named_is_where_the_threads_moves_set_out_from(nlp):
    cases = cases_of(
        nlp,
        "What became of the Communard exiles after the amnesty?",
        "Jules Guesde fled from Paris to Geneva in 1871. Paul Brousse fled from Paris to Barcelona in 1872. "
        "Élisée Reclus was banished from France in 1872.",
        "Gustave Lefrançais went to Switzerland. He came home from Switzerland in 1880.",
    )
    assert ("Gustave Lefrançais", "France", 1880) in {(c.subject, c.destination_country, c.year_start) for c in cases}


def test_over_a_countrys_border_is_into_that_country(nlp):
    cases = cases_of(
        nlp,
        "Where did the exiles go?",
        "Leon Trotsky lived in Paris. The French expelled him in 1916 and pushed him over the Spanish border.",
        "In 1944 Anna Weiss slipped over the Swiss border at night.",
        "Ruhollah Khomeini lived in Najaf until the Iraqis pushed him out.",
    )
    assert {(c.subject, c.destination_country) for c in cases} >= {("Leon Trotsky", "Spain"), ("Anna Weiss", "Switzerland")}
    assert "Ruhollah Khomeini" not in {c.subject for c in cases if c.destination_country == "Iraq"}


def test_as_far_as_a_place_and_to_somewhere_around_it_are_where_they_went(nlp):
    cases = cases_of(
        nlp,
        "Where did the refugees end up?",
        "In 1943 about 1,400 Polish refugees were taken as far as Santa Rosa in Mexico.",
        "Many laid-off men drifted to the banana farms around Limón.",
    )
    assert {(c.subject, c.destination_country) for c in cases} == {
        ("1,400 Polish refugees", "Mexico"), ("Many laid-off men", "Costa Rica")}


def test_there_is_the_town_taken_before_not_where_the_movers_came_from(nlp):
    cases = cases_of(
        nlp,
        "Where did the Sephardim go?",
        "After the Dutch West India Company took Recife in 1630, Jews from Amsterdam went out there in some numbers.",
        min_confidence=0.0,  # under the default cut; the construction is what is tested
    )
    assert [(c.subject, c.origin_country, c.destination_country) for c in cases] == [("Jews", "Netherlands", "Brazil")]


def test_home_is_where_the_person_last_went_back_to(nlp):
    cases = cases_of(
        nlp,
        "Who worked on the Panama Canal?",
        "Marcus Garvey went to Costa Rica in 1910. He went back to Jamaica in 1911, sailed for London in 1912, came home in 1914 "
        "to found the UNIA, and went to New York in 1916.",
    )
    assert ("Marcus Garvey", "Jamaica", 1914) in {(c.subject, c.destination_country, c.year_start) for c in cases}


def test_georgia_listed_with_us_states_is_the_state(nlp):
    cases = cases_of(
        nlp,
        "Where did the Great Migration go?",
        "In 1916 the Pennsylvania Railroad brought several thousand Black men up from Florida and Georgia to work on its tracks "
        "in Pennsylvania. My great-grandfather left Georgia and Alabama behind and went to Detroit in 1923.",
    )
    assert all(c.origin_country in (None, "United States") for c in cases)


def test_where_the_question_says_people_did_not_go_back_is_their_home_not_where_they_went(nlp):
    cases = cases_of(
        nlp,
        "What happened to the soldiers who didn't go back to Poland after the war? My grandfather came over to England in 1946.",
        "Stefan Nowak arrived in 1947 and worked in a mill for thirty years. His brother Józef Nowak went home in 1948.",
    )
    got = {(c.subject, c.destination_country) for c in cases}
    assert {("Stefan Nowak", "United Kingdom"), ("Józef Nowak", "Poland")} <= got


def test_a_ship_named_after_its_kind_is_no_one_who_moved(nlp):
    cases = cases_of(
        nlp,
        "Where did the Boer leaders go?",
        "Paul Kruger crossed into Mozambique in 1900, and Queen Wilhelmina sent the Dutch cruiser Gelderland to fetch him from "
        "Lourenço Marques; it landed him at Marseille in November. He lived in Utrecht and went to Clarens in Switzerland in 1904.",
        "In 1962 the Van Halens moved to Pasadena.",
    )
    assert {c.subject for c in cases} == {"Paul Kruger", "Van Halens"}


def test_a_guessed_country_other_than_the_questions_needs_more_confidence(nlp):
    cases = cases_of(
        nlp,
        "Why did Latin Americans of Japanese descent go to Japan?",
        "I have read that several thousand Peruvians got into Japan on false papers, and a number of them were deported once "
        "they were found out.",
    )
    assert [(c.subject, c.destination_country) for c in cases] == [("several thousand Peruvians", "Japan")]
    # the guess of Peru is still read, with less confidence
    everything = cases_of(nlp, "Why did Latin Americans of Japanese descent go to Japan?",
                          "I have read that several thousand Peruvians got into Japan on false papers, and a number of them "
                          "were deported once they were found out.", min_confidence=0.0)
    assert any(c.destination_country == "Peru" and c.confidence < 0.35 for c in everything)


def test_people_counted_after_a_colon_are_the_people_named_before_it(nlp):
    cases = cases_of(
        nlp,
        "What happened to the Germans of the Volga?",
        "In August 1941 Moscow ordered the deportation of the Volga Germans: well over 400,000 people were put on trains to Kazakhstan.",
    )
    assert [(c.subject, c.destination_country) for c in cases] == [("400,000 people (Volga Germans)", "Soviet Union")]


def test_where_one_who_came_back_died_or_was_by_a_date_is_where_they_went(nlp):
    cases = cases_of(
        nlp,
        "Where did the exiles end up?",
        "Boris Smyslovsky went to Argentina in 1948. He eventually came back and died in Vaduz in 1988.",
        "Ahn Chang-ho went back to Korea in 1907, had to flee again in 1910, and was in California by 1911.",
    )
    got = {(c.subject, c.destination_country) for c in cases}
    assert {("Boris Smyslovsky", "Liechtenstein"), ("Ahn Chang-ho", "United States")} <= got


def test_a_family_told_before_a_colon_is_the_they_after_it(nlp):
    cases = cases_of(
        nlp,
        "Where did the Anatolian Greeks go?",
        "After 1922 about 150,000 Black Sea Greeks went to the Soviet Union. Slightly off topic, but Elia Kazan's family were "
        "Anatolian Greeks too: they left Constantinople for New York in 1913, when he was four.",
    )
    assert {c.subject for c in cases if c.destination_country == "United States"} == {"Elia Kazan's family", "Elia Kazan"}


def test_one_asked_or_invited_to_come_is_who_moved(nlp):
    cases = cases_of(
        nlp,
        "Who went north?",
        "King Oliver left New Orleans for Chicago in 1918, and in 1922 he wired Louis Armstrong to come up and play second cornet in his band.",
        "In 1927 her brother persuaded Anna Weiss to move to Palestine.",
    )
    got = {(c.subject, c.year_start) for c in cases}
    assert {("Louis Armstrong", 1922), ("Anna Weiss", 1927)} <= got
    assert ("King Oliver", 1922) not in got and "her brother" not in {c.subject for c in cases}


def test_a_named_companion_after_a_possessive_word_that_is_no_kin_goes_too(nlp):
    cases = cases_of(
        nlp,
        "Who defected from North Korea?",
        "In February 1997 Hwang Jang-yop walked into the South Korean embassy in Beijing with his aide Kim Duk-hong and asked for asylum.",
    )
    assert {c.subject for c in cases} == {"Hwang Jang-yop", "Kim Duk-hong"}


def test_where_one_went_or_was_sent_to_do_something_is_where_they_went(nlp):
    cases = cases_of(
        nlp,
        "Where did they go?",
        "In 1925 Anna Weiss went to study in Paris.",
        "In 1945 Hans Weber was sent to work in a coal mine near Karaganda.",
    )
    assert {(c.subject, c.destination_country) for c in cases} == {("Anna Weiss", "France"), ("Hans Weber", "Soviet Union")}


def test_there_is_where_the_sentence_before_took_people_not_where_they_came_from(nlp):
    cases = cases_of(
        nlp,
        "Where did the Spanish Republicans go?",
        "After 1939 the Spanish Republicans went to Mexico from France in their thousands. Max Aub got there too, after being "
        "interned in France and in North Africa.",
    )
    assert ("Max Aub", "Mexico") in {(c.subject, c.destination_country) for c in cases}


def test_there_is_a_town_named_before_in_the_sentence_whatever_the_ner_called_it(nlp):
    cases = cases_of(
        nlp,
        "Did Polish emigres go back after 1989?",
        "Czesław Miłosz taught at Berkeley from 1960. After 1989 he started spending his summers in Kraków and in the end "
        "settled there for good, dying in Kraków in 2004.",
    )
    assert ("Czesław Miłosz", "Poland") in {(c.subject, c.destination_country) for c in cases}


def test_one_who_did_not_go_back_from_a_tour_stayed_where_it_took_them(nlp):
    cases = cases_of(
        nlp,
        "Who defected on tour?",
        "My great-uncle was a cellist in a Prague chamber orchestra that happened to be playing in Vienna in August 1968, a week "
        "after the invasion. He and two other players didn't go back.",
        "Jan Novak lived in Brno. He never went back to the university.",
    )
    # the two players counted beside him stayed too
    assert [(c.subject, c.destination_country) for c in cases] == [("My great-uncle", "Austria"), ("two other players", "Austria")]


def test_the_writers_relatives_relative_is_whom_the_next_he_means(nlp):
    cases = cases_of(
        nlp,
        "Where did the Bundists go?",
        "My grandmother's uncle was a tannery worker from Vilna. He was definitely in Philadelphia by 1906.",
    )
    assert [(c.subject, c.destination_country, c.year_start) for c in cases] == [("My grandmother's uncle", "United States", 1906)]


def test_boarding_a_ship_for_a_place_and_being_put_ashore_there(nlp):
    cases = cases_of(
        nlp,
        "Where did the sailors go?",
        "In 1952 Paolo Rossi boarded a ship at Genoa for Buenos Aires.",
        "In 1953 Marco Bianchi got on a ship at Genoa for Buenos Aires.",
        "Luigi Verdi was a sailor. He was put ashore in the Seychelles in 1972 and never left.",
        "In 1948 Carlo Neri boarded the train in Rome.",
    )
    assert {(c.subject, c.destination_country) for c in cases} == {
        ("Paolo Rossi", "Argentina"), ("Marco Bianchi", "Argentina"), ("Luigi Verdi", "Seychelles")}


def test_going_over_in_a_country_is_defecting_there(nlp):
    cases = cases_of(
        nlp,
        "Which Soviet artists defected?",
        "Maxim Shostakovich, the composer's son, went over in West Germany in April 1981 in the middle of a tour.",
    )
    assert [(c.subject, c.destination_country) for c in cases] == [("Maxim Shostakovich", "West Germany")]


def test_families_that_go_back_to_people_are_descended_from_them(nlp):
    cases = cases_of(
        nlp,
        "Why did people go from North to South Korea?",
        "A lot of South Korean families go back to people who came south during the war.",
        "Kim Young-sam's family went back to Geoje in 1953.",
    )
    assert "lot of South Korean families" not in {c.subject for c in cases}


def test_going_back_again_and_again_is_no_move_but_leaving_again_and_again_is(nlp):
    cases = cases_of(
        nlp,
        "Did Black Americans go to the USSR?",
        "Paul Robeson visited Moscow in 1934. He kept going back (1937, 1949) and defended the Soviet Union to the end.",
        "Hindus kept leaving East Pakistan for West Bengal in waves for decades.",
    )
    assert "Paul Robeson" not in {c.subject for c in cases if c.year_start in (1937, 1949)}
    assert "Hindus" in {c.subject for c in cases}


def test_a_surname_before_a_given_name_and_a_surname_is_someone_else(nlp):
    cases = cases_of(
        nlp,
        "How did the Bolsheviks get back?",
        "In 1917 Lenin and Grigory Zinoviev left Zurich for Petrograd.",
        "In 1924 Scott and Zelda Fitzgerald went to France.",
    )
    assert {c.subject for c in cases} == {"Lenin", "Grigory Zinoviev", "Scott Fitzgerald", "Zelda Fitzgerald"}


def test_each_share_with_the_verb_left_out_is_named_by_its_own_words(nlp):
    cases = cases_of(
        nlp,
        "Where did the Boers go?",
        "After the war a number of the bittereinders couldn't stomach British rule. Some went to German South West Africa, "
        "some to Kenya, a small party to Mexico, and several hundred to Argentina in 1902.",
    )
    named = {c.destination_country: c.subject for c in cases}
    assert named["Mexico"] == "a small party (bittereinders, Boers)"
    assert named["Argentina"] == "several hundred (bittereinders, Boers)"


def test_coming_home_after_several_legs_goes_where_the_first_set_out(nlp):
    cases = cases_of(
        nlp,
        "What became of the Polish officers after 1831?",
        "In 1831 Józef Bem left Warsaw for Dresden, and after a year he went on to Paris and London. "
        "He came home in 1848.",
    )
    home = [c for c in cases if c.year_start == 1848]
    assert [c.destination_country for c in home] == ["Poland"]


def test_a_verb_after_the_writers_hedge_keeps_the_clause_subject(nlp):
    cases = cases_of(
        nlp,
        "What became of the Hungarian revolutionaries?",
        "Mihály Horváth spent the 1850s in Paris, I think, and came back after the 1867 amnesty.",
    )
    assert ("Mihály Horváth", 1867) in {(c.subject, c.year_start) for c in cases}


def test_people_counted_beside_a_pronoun_went_too(nlp):
    cases = cases_of(
        nlp,
        "Who left Baden after 1849?",
        "My great-grandfather Anton Weber was a cooper. He and three of his cousins emigrated to Ohio in 1852.",
        "Henri Brissac was a deportee on the island. In 1874 he and four other prisoners escaped to Sydney in a whaleboat.",
    )
    subjects = {c.subject for c in cases}
    assert {"three of his cousins", "four other prisoners"} <= subjects


def test_home_is_the_country_a_persons_description_names(nlp):
    cases = cases_of(
        nlp,
        "Which performers defected on tour?",
        "The Soviet violinist Mikhail Petrov asked for asylum in Canada in 1979. He changed his mind after a month and went home.",
        "Simeon II of Bulgaria left in 1946 and grew up in Egypt and then in Spain. He came back in 1996.",
    )
    assert ("Mikhail Petrov", "Soviet Union") in {(c.subject, c.destination_country) for c in cases}
    assert ("Simeon II", "Bulgaria") in {(c.subject, c.destination_country) for c in cases}


def test_a_name_with_initials_before_the_surname_is_a_person(nlp):
    cases = cases_of(
        nlp,
        "Which Indians lived in Burma?",
        "- V. K. Krishnan went to Rangoon in 1906 to practise as a pleader.",
    )
    assert [(c.subject, c.destination_country) for c in cases] == [("V. K. Krishnan", "Myanmar")]


def test_him_after_a_kin_subject_is_the_one_whose_kin_it_is(nlp):
    cases = cases_of(
        nlp,
        "Which Germans grew up in Moscow?",
        "Ruth Fischer was sent to Paris in 1933.",
        "Markus Wolf's mother Else took him from Switzerland to Moscow in 1934.",
    )
    assert ("Markus Wolf", "Soviet Union") in {(c.subject, c.destination_country) for c in cases}
    assert "Ruth Fischer" not in {c.subject for c in cases if c.year_start == 1934}


def test_setting_out_retreating_parole_bus_and_truck_are_moves(nlp):
    cases = cases_of(
        nlp,
        "Who moved where?",
        "Karl Muller set out from Hamburg for Paris in 1781.",
        "In 1945 General Kimura retreated to Bangkok with his staff.",
        "Colonel Hartmann was paroled to New York in 1779.",
        "In 1985 about 800 refugees were bussed from the camps to Khartoum.",
        "In 1982 small groups of refugees were trucked from the camps to Port Sudan.",
    )
    assert {c.destination_country for c in cases} >= {"France", "Thailand", "United States", "Sudan"}
    assert len(cases) >= 5


def test_a_known_town_before_jail_or_camp_is_a_place_whatever_the_ner_called_it(nlp):
    cases = cases_of(nlp, "Who was exiled to Burma?", "Bal Gangadhar Tilak was sentenced in 1908 and shipped off to Mandalay jail.")
    assert [c.destination_country for c in cases] == ["Myanmar"]


def test_those_who_left_the_country_a_title_names_come_back_to_it(nlp):
    cases = cases_of(
        nlp,
        "How many of the Turks who left Bulgaria in 1989 came back?",
        "My grandmother's family went to Turkey in the summer of 1989 and came back a year later.",
    )
    back = [c for c in cases if c.year_start == 1990]
    assert [c.destination_country for c in back] == ["Bulgaria"]


def test_counted_people_before_an_aside_are_the_subject(nlp):
    cases = cases_of(
        nlp,
        "Where did the Swiss go?",
        "In 1855 around 1,500 men, mostly from the Valle Maggia, went to the goldfields in Australia.",
    )
    assert [(c.subject, c.destination_country) for c in cases] == [("1,500 men", "Australia")]


def test_an_apposition_the_parser_makes_a_subject_leaves_the_verbs_to_the_first_subject(nlp):
    cases = cases_of(
        nlp,
        "Who left Poland after 1968?",
        "The best-known returnee is Adam Kowalik. He was one of the student leaders, the \"commandos\" around Michnik, "
        "spent some time in prison, and emigrated in 1970, first to Italy and then to Paris.",
    )
    assert {c.subject for c in cases if c.destination_country in ("Italy", "France")} == {"Adam Kowalik"}


def test_a_college_by_name_then_a_city_is_the_city(nlp):
    cases = cases_of(nlp, "Who left Poland?", "Leszek Kołakowski lost his chair in 1968. He went to McGill in Montreal at the end of 1968.")
    assert [(c.subject, c.destination_country) for c in cases] == [("Leszek Kołakowski", "Canada")]


def test_a_name_people_in_general_talk_about_opening_a_paragraph_is_the_next_he(nlp):
    cases = cases_of(
        nlp,
        "Who left Poland?",
        "Zygmunt Bauman left for Israel in 1968. He did not go straight to Britain.\n\n"
        "People also lump Leszek Kołakowski in with the emigrants. He went to Canada at the end of 1968.",
    )
    assert ("Leszek Kołakowski", "Canada") in {(c.subject, c.destination_country) for c in cases}
    assert ("Zygmunt Bauman", "Canada") not in {(c.subject, c.destination_country) for c in cases}


def test_counted_kin_and_a_share_of_kin_taken_along_go_too(nlp):
    cases = cases_of(
        nlp,
        "Who was exiled?",
        "Bahadur Shah Zafar was exiled to Rangoon in 1858 with his wife Zeenat Mahal and two of his sons.",
        "My grandfather walked across to Austria in November 1956 with two friends.",
    )
    subjects = {c.subject for c in cases}
    assert {"two of his sons", "two friends"} <= subjects


def test_verbs_after_as_far_as_i_know_keep_the_subject_of_the_first_clause(nlp):
    cases = cases_of(
        nlp,
        "What became of the Communards?",
        "As far as I know Jules Vallès was in London for years, wrote a lot for the English papers, and came back to Paris after the amnesty.",
    )
    assert ("Jules Vallès", "France") in {(c.subject, c.destination_country) for c in cases}


def test_people_on_the_boat_too_went_on_the_journey_just_told(nlp):
    cases = cases_of(
        nlp,
        "Who escaped from the islands?",
        "In 1929 Emilio Lussu escaped from Lipari by motorboat to Corsica. Francesco Nitti and Gioacchino Dolci were on the boat too.",
    )
    assert {(c.subject, c.destination_country) for c in cases} >= {("Francesco Nitti", "France"), ("Gioacchino Dolci", "France")}


def test_a_trip_the_writer_calls_a_visit_is_no_move(nlp):
    cases = cases_of(
        nlp,
        "Who left Poland in 1968?",
        "Jan Kott went back to Poland in 1990, but only to film a documentary.",
        "Adam Ważyk did come back to Poland to lecture in 1985, but that was a visit, not a return.",
        "Marek Hłasko only came back to Warsaw in 1969 to live near his mother.",
    )
    assert {c.subject for c in cases} == {"Marek Hłasko"}


def test_a_small_town_the_ner_calls_a_nationality_is_a_place(nlp):
    cases = cases_of(nlp, "Who went to Turkey?", "My grandfather went to Turkey in 1989. He came back to Isperih in April 1990.")
    assert ("Isperih", "Bulgaria") in {(c.destination, c.destination_country) for c in cases}


def test_she_never_means_one_named_by_a_male_kin_word(nlp):
    cases = cases_of(
        nlp,
        "Which Japanese Peruvians were interned?",
        "Libia Yamamoto was born in Lima in 1931. Her father was taken to Texas in 1942. In 1943 she and her mother followed him to Crystal City.",
    )
    assert ("Libia Yamamoto", 1943) in {(c.subject, c.year_start) for c in cases}
    assert "Her father" not in {c.subject for c in cases if c.year_start == 1943}


def test_a_regiment_or_a_battalion_moves_as_a_group_and_is_no_he(nlp):
    cases = cases_of(
        nlp,
        "Which Hessians stayed in America?",
        "The Waldeck regiment was sent to Pensacola in 1778.",
        "My great-great-grandfather served in a Baden infantry regiment that mutinied in 1849. He crossed into Switzerland in July.",
    )
    assert ("Waldeck regiment", "group", "United States") in {(c.subject, c.subject_type, c.destination_country) for c in cases}
    assert ("My great-great-grandfather", "Switzerland") in {(c.subject, c.destination_country) for c in cases}


def test_they_after_a_relative_and_those_who_went_with_him_is_all_of_them(nlp):
    cases = cases_of(
        nlp,
        "Who left Bulgaria in 1951?",
        "My great-grandfather was a shepherd. He left a village near Shumen with his two brothers in early 1951 and they ended up in Çorlu.",
    )
    assert {(c.subject, c.origin_country, c.destination_country) for c in cases} == {
        ("My great-grandfather", "Bulgaria", "Turkey"), ("his two brothers", "Bulgaria", "Turkey")}


def test_a_small_town_the_ner_calls_a_location_is_a_place_but_the_atlantic_is_no_town(nlp):
    cases = cases_of(
        nlp,
        "Which Japanese Peruvians were interned?",
        "My great-grandmother and the four kids went up to Crystal City a few months later because they had lost the shop.",
        "John Winthrop crossed the Atlantic so often I lose count.",
    )
    assert {(c.subject, c.destination_country) for c in cases} == {("My great-grandmother", "United States"), ("four kids", "United States")}


def test_kin_beside_the_writer_move_though_the_writer_tells_no_case(nlp):
    cases = cases_of(nlp, "Who came to Britain?", "My mother moved to Leeds in 2004. Me and my little brother came over to join her in 2007.")
    assert ("my little brother", "United Kingdom") in {(c.subject, c.destination_country) for c in cases}


def test_a_name_in_the_year_phrase_or_before_a_who_clause_on_him_and_his_band_moved(nlp):
    cases = cases_of(
        nlp,
        "Which Harbin Russians went to the USSR?",
        "In 1947 Oleg Lundstrem and his jazz band went to the USSR.",
        "- Boris Ivanov and his orchestra, who went in 1946 and were settled in Kazan;",
    )
    assert {(c.subject, c.destination_country) for c in cases} >= {("Oleg Lundstrem", "Soviet Union"), ("Boris Ivanov", "Soviet Union")}


def test_a_known_place_right_after_to_counts_where_the_parse_garbles_it(nlp):
    cases = cases_of(
        nlp,
        "Where did the interned Templers go?",
        "My grandmother's family were interned. They were in Tatura until 1947 and then moved to Bayswater outside Melbourne.",
        "More came to Wadi al-Sir in 1880.",
    )
    assert ("Bayswater", "Australia") in {(c.destination, c.destination_country) for c in cases}
    assert "India" not in {c.destination_country for c in cases}


def test_most_the_parser_hangs_on_a_main_verb_is_a_share_of_the_group_just_named(nlp):
    cases = cases_of(
        nlp,
        "Where did the Mormon colonists go?",
        "In 1912 the refugees from the colonies reached El Paso. From there most scattered to Utah and Idaho, wherever they had relatives.",
    )
    assert any(c.subject.startswith("most") and c.destination_country == "United States" for c in cases)


def test_people_forced_back_across_a_border_are_moved_back(nlp):
    cases = cases_of(
        nlp,
        "Where did the Cambodian refugees go?",
        "Thousands of starving Cambodians fled to Thailand in 1979. In June 1979 the Thai army forced about 40,000 of them back into Cambodia.",
    )
    assert ("Cambodia", 1979) in {(c.destination_country, c.year_start) for c in cases}


def test_one_first_told_as_getting_out_got_out_to_where_the_thread_is_about(nlp):
    cases = cases_of(
        nlp,
        "How did Soviet Jews get to the United States?",
        "By the mid-1980s only about a thousand Jews a year got out.",
        "Thousands of kids had come through without their parents, and there was no way to get the rest out.",
    )
    assert [(c.subject, c.destination_country) for c in cases] == [("a thousand Jews", "United States")]


def test_a_group_named_by_a_generic_word_is_of_the_people_the_title_names(nlp):
    cases = cases_of(
        nlp,
        "How many Tibetans followed the Dalai Lama into exile?",
        "In 1960 many families went on from India to Nepal, and some Indian traders went to Lhasa.",
    )
    assert {c.subject for c in cases} == {"many families (Tibetans)", "Indian traders"}


def test_a_dated_stop_and_to_another_place_is_a_later_stop_in_the_same_country(nlp):
    cases = cases_of(
        nlp,
        "Who went to Canada West?",
        "Mary Ann Shadd went to Windsor in 1851, then moved to Toronto in 1854 and to Chatham a year or so later.",
    )
    assert ("Chatham", "Canada") in {(c.destination, c.destination_country) for c in cases}


def test_a_town_left_that_the_ner_calls_a_person_and_a_year_spent_in_an_untagged_town(nlp):
    cases = cases_of(
        nlp,
        "Where did the pieds-noirs go?",
        "My grandfather's brother left Oran with him in June 1962, spent a year in a Toulouse HLM that he hated, "
        "and went to Montreal in 1963.",
    )
    assert {(c.origin, c.destination, c.year_start) for c in cases} >= {("Oran", "Toulouse", 1962)}
    assert "Canada" in {c.destination_country for c in cases}


def test_they_after_a_departure_with_companions_spent_time_where_they_all_went(nlp):
    cases = cases_of(
        nlp,
        "Where did the Istrian Italians go?",
        "My grandfather left in 1948 with my grandmother and their two kids and they spent four years in the camp at Laterina near Arezzo.",
    )
    assert ("My grandfather", "Italy") in {(c.subject, c.destination_country) for c in cases}


def test_a_move_avoided_or_dodged_is_no_move(nlp):
    cases = cases_of(
        nlp,
        "Who defected to North Korea?",
        "Charles Jenkins walked across the DMZ into the North in 1965 to avoid being sent to Vietnam.",
        "Seiichi Higashide was interned in Texas. He also avoided being sent to Japan.",
    )
    assert {c.destination_country for c in cases} == {"North Korea"}


def test_landing_on_an_island_is_reaching_it(nlp):
    cases = cases_of(nlp, "Who built the base?", "The first US Navy Seabees landed on Diego Garcia in March 1971 to start building the runway.")
    assert [(c.destination, c.year_start) for c in cases] == [("Diego Garcia", 1971)]


def test_a_later_verb_hung_on_the_writers_if_i_remember_right_keeps_the_clauses_subject(nlp):
    cases = cases_of(
        nlp,
        "Why are there so many Palestinians in Chile?",
        "Juan Yarur Lolas went first to Bolivia, around 1915 if I remember right, and only moved on to Chile in the 1930s.",
    )
    assert ("Juan Yarur Lolas", "Chile", 1930) in {(c.subject, c.destination_country, c.year_start) for c in cases}


def test_a_time_phrase_the_parser_takes_for_a_subject_moves_no_one(nlp):
    cases = cases_of(
        nlp,
        "Where did Kurdish refugees go?",
        "My uncle Sherzad tried to reach Germany in 1994. He tried again the next year and that time made it to Sweden, "
        "he's been in Malmö ever since.",
    )
    assert ("Sherzad", "Sweden") in {(c.subject.split()[-1], c.destination_country) for c in cases}


def test_rushing_home_and_being_called_back_are_moves(nlp):
    cases = cases_of(
        nlp,
        "Did the Cubans in Angola stay?",
        "Arnaldo Ochoa commanded the Cuban troops in Angola. He was called back to Havana after the 1988 ceasefire.",
        "John Smith went to London in 1863 to study. Smith rushed back to Canada in 1864.",
    )
    assert {(c.subject, c.destination_country) for c in cases} >= {("Arnaldo Ochoa", "Cuba"), ("John Smith", "Canada")}


def test_a_particle_on_the_adverb_after_the_verb_counts(nlp):
    cases = cases_of(
        nlp,
        "Did the Puerto Ricans go back?",
        "In 1974, with the Bronx literally burning, my grandparents retired back to Aguadilla and built a house.",
        "John Smith went to Canada in 1950. He brought his wife over in 1955.",
    )
    assert {(c.subject, c.destination_country) for c in cases} >= {("my grandparents", "Puerto Rico"), ("his wife", "Canada")}


def test_they_after_he_married_someone_is_the_couple(nlp):
    cases = cases_of(
        nlp,
        "Did the foreign teachers stay in Japan?",
        "Lafcadio Hearn took a job teaching English at the middle school in Matsue. There he married Koizumi Setsu, the daughter "
        "of an impoverished samurai family, and in 1891 they moved to Kumamoto. In 1896 he moved to Tokyo.",
    )
    got = {(c.subject, c.destination) for c in cases}
    assert {("Lafcadio Hearn", "Kumamoto"), ("Koizumi Setsu", "Kumamoto"), ("Lafcadio Hearn", "Tokyo")} <= got
    assert ("Koizumi Setsu", "Tokyo") not in got


def test_a_name_set_beside_a_kin_word_is_who_moved(nlp):
    cases = cases_of(
        nlp,
        "Why are there so many Palestinians in Honduras?",
        "My great-grandfather Jiries left Beit Sahour in 1912. The youngest brother, Hanna, tried to get into the United "
        "States in 1921, got turned back at Ellis Island, and ended up in San Pedro Sula.",
    )
    assert ("Hanna", "Honduras") in {(c.subject, c.destination_country) for c in cases}


def test_a_place_after_back_is_where_they_arrived(nlp):
    cases = cases_of(
        nlp,
        "Where did the Kurdish fighters go?",
        "Mustafa Barzani fled to the Soviet Union in 1947. Qasim invited the exiles home, and Barzani arrived back in Baghdad "
        "in October 1958 to a huge welcome.",
    )
    assert ("Mustafa Barzani", "Baghdad", 1958) in {(c.subject, c.destination, c.year_start) for c in cases}


def test_one_arriving_from_where_another_went_back_came_where_the_thread_is_about(nlp):
    cases = cases_of(
        nlp,
        "Did the foreign experts hired by Meiji Japan stay in Japan?",
        "- Henry Dyer came out from Glasgow in 1873 to run the new college in Tokyo. He went back to Glasgow in 1882.\n"
        "- Josiah Conder arrived from London in 1877 to teach architecture at the same college and never left.",
    )
    assert ("Josiah Conder", "Japan") in {(c.subject, c.destination_country) for c in cases}


def test_the_country_whose_upheaval_the_title_says_people_fled_is_their_home(nlp):
    cases = cases_of(
        nlp,
        "Where did people fleeing the Mexican Revolution go?",
        "Nemesio García Naranjo ran the Revista Mexicana in San Antonio from 1915 to 1920 and was allowed back in 1923.",
    )
    assert ("Nemesio García Naranjo", "Mexico", 1923) in {(c.subject, c.destination_country, c.year_start) for c in cases}


def test_a_name_with_an_apposition_swallowed_into_the_year_phrase_is_the_subject(nlp):
    cases = cases_of(
        nlp,
        "Why did the Komagata Maru go to Vancouver?",
        "In 1914 Gurdit Singh, a businessman in Singapore, chartered the ship and sailed from Hong Kong with 376 Punjabis, "
        "mostly Sikhs, arriving at Vancouver in May.",
    )
    assert ("Singh", "Canada") in {(c.subject.split()[-1], c.destination_country) for c in cases}


def test_the_particle_nearest_after_the_verb_counts(nlp):
    cases = cases_of(nlp, "Where did Palestinian refugees go?", "In 2008 Chile took in 117 Palestinian refugees.")
    assert [(c.destination_country, c.year_start) for c in cases] == [("Chile", 2008)]


def test_going_home_in_a_thread_on_hessians_is_going_to_germany(nlp):
    cases = cases_of(
        nlp,
        "How many of the Hessians stayed in America after the Revolution?",
        "Johann Conrad Döhla, whose diary is the main source for them, went home in 1784.",
    )
    assert [(c.subject, c.destination_country) for c in cases] == [("Johann Conrad Döhla", "Germany")]


def test_a_title_listing_places_of_several_countries_asks_about_none(nlp):
    cases = cases_of(
        nlp,
        "What happened to the Polish exiles of 1831 in Paris, London and Istanbul?",
        "Henryk Kamieński kept a diary. He arrived in 1834 with nothing.",
        min_confidence=0.0,
    )
    assert [(c.subject, c.destination_country) for c in cases] == [("Henryk Kamieński", None)]


def test_surnames_the_thread_named_in_full_are_persons_whatever_the_ner_says_later(nlp):
    cases = cases_of(
        nlp,
        "Where did the Russian revolutionaries live in exile?",
        "Alexander Herzen left Russia for Paris with his family in January 1847. From 1857 he and Nikolai Ogarev put out "
        "Kolokol in London. In 1865 Herzen and Ogarev moved the paper to Geneva, because that was where the younger émigrés were.",
    )
    assert {("Alexander Herzen", "Geneva"), ("Nikolai Ogarev", "Geneva")} <= {(c.subject, c.destination) for c in cases}


def test_a_way_back_others_sent_someone_on_with_its_place_is_a_move(nlp):
    cases = cases_of(
        nlp,
        "Did the Scandinavian Mormons stay in Utah?",
        "Canute Peterson came to Utah in 1849. Later he was sent back to Norway as a missionary.",
    )
    assert ("Canute Peterson", "Norway") in {(c.subject, c.destination_country) for c in cases}


def test_a_name_the_parser_made_the_root_of_its_sentence_is_the_next_he(nlp):
    cases = cases_of(
        nlp,
        "Why did so many Black Southerners go north?",
        "Marcus Garvey went to New York in 1916. George Swanson Starling picked oranges around Eustis, Florida and tried to "
        "get the pickers to hold out for better wages. In 1945 he heard the grove owners were planning to lynch him, and "
        "within days he was on a train to New York.",
    )
    assert ("George Swanson Starling", "New York", 1945) in {(c.subject, c.destination, c.year_start) for c in cases}


def test_those_sent_for_came_where_the_one_who_sent_for_them_was(nlp):
    cases = cases_of(
        nlp,
        "Why did West Indians come to Britain?",
        "John Smith came to London from Jamaica in 1955 and sent for his wife and children in 1957.",
    )
    assert ("his wife and children", "United Kingdom", 1957) in {(c.subject.split(" (")[0], c.destination_country, c.year_start) for c in cases}


def test_being_somewhere_by_a_date_after_a_move_elsewhere_is_having_gone_there(nlp):
    cases = cases_of(
        nlp,
        "Where did the American writers in Paris go?",
        "Ernest Hemingway moved to Paris in 1921. He went back to Toronto in 1923 so the baby could be born there, and was "
        "in Paris again by early 1924.",
    )
    assert [(c.destination, c.year_start) for c in cases] == [("Paris", 1921), ("Toronto", 1923), ("Paris", 1924)]


def test_plenty_opening_a_sentence_is_a_share_of_the_group_not_a_name(nlp):
    cases = cases_of(
        nlp,
        "Why are there so many Palestinians in Chile?",
        "Many Palestinians went to Chile in the 1900s. Plenty did go back for good, though.",
        min_confidence=0.0,
    )
    assert "Plenty" not in {c.subject for c in cases}
    assert any(c.subject.startswith("Plenty (") and c.subject_type == "group" for c in cases)


def test_the_name_of_another_time_set_off_by_then_is_not_who_moved(nlp):
    cases = cases_of(
        nlp,
        "Who went to Palestine in the Second Aliyah?",
        "- David Ben-Gurion, then David Grün, from Płońsk in Russian Poland, went to Palestine in 1906.",
    )
    assert [c.subject for c in cases] == ["David Ben-Gurion"]


def test_a_kin_word_with_in_law_as_possessor_is_the_next_she(nlp):
    cases = cases_of(
        nlp,
        "Did the Finnish war children stay in Sweden?",
        "My mother-in-law's story is pretty typical of the ones that came back. She was sent from Viipuri in 1942. "
        "She went back to Sweden in the late sixties to work at Volvo in Gothenburg.",
    )
    assert ("My mother-in-law", "Sweden") in {(c.subject, c.destination_country) for c in cases}


def test_not_to_one_place_but_to_another_is_the_other(nlp):
    cases = cases_of(
        nlp,
        "Where were the Danube Swabians sent?",
        "About 2,000 Swabians were deported not to Germany but to Austria in 1946. "
        "About 3,000 Swabians were sent not to Romania but to the Soviet zone of Germany in 1947.",
    )
    assert sorted((c.destination_country, c.year_start) for c in cases) == [("Austria", 1946), ("Germany", 1947)]


def test_being_on_a_boat_the_parser_hangs_to_on_the_verb(nlp):
    cases = cases_of(
        nlp,
        "Where did the pieds-noirs go in 1962?",
        "My grandparents were on one of those boats to Alicante and went on to Marseille a few months later.",
    )
    assert [c.destination for c in cases] == ["Alicante", "Marseille"]


def test_a_share_of_a_team_taken_along_moved_with_the_one_who_took_it(nlp):
    cases = cases_of(
        nlp,
        "Which German engineers went to Argentina after the war?",
        "Kurt Tank took a large part of his Focke-Wulf team to Argentina in 1947 and built the Pulqui II there.",
    )
    assert {("Kurt Tank", "Argentina"), ("large part of his Focke-Wulf team", "Argentina")} <= {
        (c.subject.split(" (")[0], c.destination_country) for c in cases}


def test_a_stop_from_there_is_no_second_destination_of_the_first_leg(nlp):
    cases = cases_of(
        nlp,
        "Why are there so many Palestinians in Latin America?",
        "Jiries Qumsieh left Beit Sahour in 1912. He took a boat from Jaffa to Marseille and from there to Buenos Aires.",
    )
    assert [(c.origin, c.destination) for c in cases if c.destination in ("Marseille", "Buenos Aires")] == [
        ("Jaffa", "Marseille"), ("Marseille", "Buenos Aires")]


def test_where_the_movers_lived_is_where_they_left_not_where_they_went(nlp):
    cases = cases_of(
        nlp,
        "Why did so many Armenians go to Soviet Armenia?",
        "In 1947 thousands of Armenians living in Beirut sailed to Batumi on Soviet ships.",
    )
    assert [(c.origin_country, c.destination_country) for c in cases] == [("Lebanon", "Soviet Union")]


def test_there_were_no_such_people_in_a_country_is_no_case(nlp):
    cases = cases_of(
        nlp,
        "Were there Turks in Bulgaria?",
        "The official line in Sofia was that there were no Turks in Bulgaria, only Bulgarians who had forgotten their roots.",
        min_confidence=0.0,
    )
    assert cases == []


def test_a_move_after_a_birth_takes_the_move_s_date_not_the_birth_s(nlp):
    cases = cases_of(
        nlp,
        "Why did Norwegians settle in the Midwest?",
        "Knute Nelson was born near Voss in 1843 and came over with his mother in 1849, and they settled in Wisconsin.",
    )
    assert {(c.destination, c.year_start) for c in cases if c.subject == "Knute Nelson"} == {("Wisconsin", 1849)}


def test_going_back_home_in_the_question_is_no_topic(nlp):
    cases = cases_of(
        nlp,
        "What happened to the Pacific Islander labourers in Queensland?\n\nDid most of them go back to Fiji or Samoa?",
        "Tommy Tanna came in 1885 and cut cane near Mackay for twenty years.",
    )
    assert [(c.subject, c.destination_country) for c in cases] == [("Tommy Tanna", "Australia")]


def test_a_name_said_first_word_first_is_the_one_so_begun_read_last(nlp):
    cases = cases_of(
        nlp,
        "Which Chinese students stayed in America?",
        "Liang Shao was one of them. Liang Dunyan, his cousin, studied in Boston. "
        "Liang went back to China in 1882.",
    )
    assert ("Liang Dunyan", "China") in {(c.subject, c.destination_country) for c in cases}


def test_a_verb_whose_object_the_parser_made_its_subject_keeps_the_list_s_subject(nlp):
    cases = cases_of(
        nlp,
        "What became of the Chinese students?",
        "Jiang Menglin went to Berkeley to study education, switched to Columbia, did his doctoral work under Dewey, "
        "and went back to China in 1917 to work in Shanghai.",
    )
    assert ("Jiang Menglin", "China", 1917) in {(c.subject, c.destination_country, c.year_start) for c in cases}


def test_coming_home_after_a_way_back_inside_the_country_abroad_is_home(nlp):
    cases = cases_of(
        nlp,
        "What became of the Chinese students in Japan?",
        "Zhou Zuoren went to Japan in 1906 and moved to Kyoto in 1908. He went back to Tokyo in 1909 to translate novels. "
        "He came home in 1911.",
    )
    assert [c.destination_country for c in cases if c.year_start == 1911] == ["China"]


def test_only_coming_back_to_build_something_is_a_move_not_a_visit(nlp):
    cases = cases_of(
        nlp,
        "What happened to the German communists in Moscow?",
        "Anton Ackermann only came back to Germany in 1945, to help build the party in the Soviet zone.",
    )
    assert [(c.subject, c.destination_country) for c in cases] == [("Anton Ackermann", "Germany")]


def test_a_people_the_model_tags_an_organisation_in_the_title_is_whose_home(nlp):
    cases = cases_of(
        nlp,
        "What happened to the colonists, and where else were Scots emigrating around 1700?",
        "Robert Drummond sailed to New York in 1699. He went home in 1702.",
    )
    assert [c.destination_country for c in cases if c.year_start == 1702] == ["United Kingdom"]


def test_items_of_a_list_under_a_move_are_shares_of_it(nlp):
    cases = cases_of(
        nlp,
        "Where did all the Azoreans go?",
        "Smaller numbers went to the other islands of the Caribbean in the 1850s, for example:\n\n"
        "- a few hundred to Trinidad, mostly as shop assistants\n"
        "- some families to Antigua, where they opened rum shops",
    )
    assert sorted((c.destination_country, c.year_start) for c in cases) == [
        ("Antigua and Barbuda", 1850), ("Trinidad and Tobago", 1850)]


def test_a_town_set_off_after_a_place_s_comma_says_where_that_place_is(nlp):
    cases = cases_of(
        nlp,
        "Why did Indian women study in England?",
        "Rukhmabai, a doctor from Bombay, got to Somerville, Oxford in 1894.",
    )
    assert [(c.destination, c.destination_country) for c in cases] == [("Somerville, Oxford", "United Kingdom")]


def test_those_left_behind_before_a_move_did_not_make_it(nlp):
    cases = cases_of(
        nlp,
        "Which Chinese women studied in Japan?",
        "Tang Qunying left her parents and sisters and went to Tokyo in 1904.",
    )
    assert [(c.subject, c.destination) for c in cases] == [("Tang Qunying", "Tokyo")]


def test_him_taken_by_the_clause_s_subject_is_someone_else(nlp):
    cases = cases_of(
        nlp,
        "Why did Indian families send sons to England?",
        "Sarojini Chattopadhyay's cousin Mohit Ghosh was born in Dacca in 1869. His uncle, a rich lawyer, took him to England in 1879.",
    )
    assert [(c.subject, c.destination_country) for c in cases] == [("Mohit Ghosh", "United Kingdom")]


def test_a_surname_the_ner_left_untagged_is_who_the_copula_s_noun_describes(nlp):
    cases = cases_of(
        nlp,
        "Who financed the camel trade in Australia?",
        "James Young put up the money. Young was a Scot from Lanark who had come out to Adelaide in 1854.",
    )
    assert [(c.subject, c.destination) for c in cases] == [("James Young", "Adelaide")]


def test_a_group_named_after_a_pair_is_what_they_means(nlp):
    cases = cases_of(
        nlp,
        "What happened to the Chinese boys in New England?",
        "Noah Porter and Joseph Hawley wrote to Washington on their behalf. About ninety boys were still at school in Connecticut. "
        "They sailed from San Francisco in 1881.",
        min_confidence=0.0,
    )
    assert not {"Noah Porter", "Joseph Hawley"} & {c.subject for c in cases}


def test_going_into_the_navy_is_no_move(nlp):
    cases = cases_of(
        nlp,
        "What became of the Chinese students?",
        "- Shen Shou went into the navy, was wounded at the Yalu in 1894, and ended up a commodore.",
        min_confidence=0.0,
    )
    assert cases == []


def test_peoples_listed_side_by_side_each_go_home(nlp):
    cases = cases_of(
        nlp,
        "Who went to fight in Spain?",
        "The Canadians, the French and the Belgians went home in 1938.",
    )
    assert sorted((c.subject, c.destination_country) for c in cases) == [
        ("Belgians", "Belgium"), ("Canadians", "Canada"), ("French", "France")]


def test_the_way_out_through_a_country_is_where_they_got_to(nlp):
    cases = cases_of(
        nlp,
        "What happened to the Poles deported to the Soviet Union?",
        "My great-aunt was deported from Lwów to Siberia in 1940 and came out through Iran in 1942. "
        "Her cousin got out through Hong Kong in 1949 and came to Sydney.",
    )
    assert ("My great-aunt", "Iran") in {(c.subject, c.destination_country) for c in cases}
    assert "Hong Kong" not in {c.destination_country for c in cases}


def test_a_laird_s_estate_is_part_of_his_name_and_his_surname_still_finds_him(nlp):
    cases = cases_of(
        nlp,
        "Where did Scots emigrate around 1700?",
        "John Gordon of Glenbucket sailed to Jamaica in 1701. Gordon came home to Scotland in 1712. "
        "Alexander Campbell of Fonab came over from Barbados in 1700.",
        min_confidence=0.0,
    )
    assert {c.subject for c in cases} == {"John Gordon of Glenbucket", "Alexander Campbell of Fonab"}


def test_a_ship_named_beside_the_word_ship_is_no_person_those_aboard_moved(nlp):
    cases = cases_of(
        nlp,
        "Where did the Azoreans go?",
        "The second ship, the Thomas Bell, left Ponta Delgada in 1882 and reached Honolulu in May with about 300 Azoreans on board. "
        "The last ship, the Kaala, reached Honolulu in 1888 with about 400 people.",
    )
    assert sorted(c.subject for c in cases) == ["300 Azoreans", "400 people aboard the Kaala"]


def test_a_name_in_brackets_or_quotes_beside_a_name_is_the_same_person(nlp):
    cases = cases_of(
        nlp,
        "What happened to the foreign volunteers in Spain?",
        "Manfred Stern, \"General Kléber\" of the XI Brigade, was recalled to Moscow in 1937. "
        "- Liang Cheng (Liang Chentung), one of the older boys, was sent off to the naval college at Tianjin in 1881.",
    )
    assert sorted(c.subject for c in cases) == ["Liang Cheng", "Manfred Stern"]


def test_the_one_talked_into_going_back_went(nlp):
    cases = cases_of(
        nlp,
        "Did the Indian barristers go home?",
        "Motilal Ghosh had settled in London by 1925. His brothers talked him into returning to India in 1930.",
    )
    assert ("Motilal Ghosh", "India", 1930) in {(c.subject, c.destination_country, c.year_start) for c in cases}


def test_a_count_of_more_described_by_its_apposition_moved(nlp):
    cases = cases_of(
        nlp,
        "What happened to the Poles who left the USSR?",
        "Some two thousand more, mostly orphans, went overland from Ashgabat to Mashhad.",
    )
    assert [c.destination_country for c in cases if "orphans" in c.subject] == ["Iran"]


def test_a_people_counted_beside_a_named_mover_is_a_group_that_went_with_him(nlp):
    cases = cases_of(
        nlp,
        "Where did the Acadians go after 1755?",
        "In 1764 Joseph Broussard and several hundred Acadians sailed to Saint-Domingue.",
    )
    assert {(c.subject, c.subject_type, c.destination_country) for c in cases} == {
        ("Joseph Broussard", "person", "Haiti"), ("several hundred Acadians", "group", "Haiti")}


def test_a_place_told_as_what_it_is_now_is_where_they_went(nlp):
    # the parser makes "Poland" a second subject of "is", not its attribute
    cases = cases_of(
        nlp,
        "What happened to the Poles of Lwów?",
        "Anna Nowak was born in Lwów. In the 1940s she moved to what is now Poland.",
    )
    assert [(c.subject, c.destination_country) for c in cases] == [("Anna Nowak", "Poland")]


def test_an_influx_of_a_people_into_a_country_is_their_move(nlp):
    cases = cases_of(
        nlp,
        "What is the history of the overseas Chinese?",
        "In the 2000s there was an influx of Chinese from China into Singapore.",
    )
    assert [(c.subject, c.origin_country, c.destination_country, c.year_start) for c in cases] == [
        ("Chinese", "China", "Singapore", 2000)]


def test_flocking_or_rowing_to_a_place_is_a_move(nlp):
    cases = cases_of(
        nlp,
        "Did convicts escape from Australia?",
        "Thousands of Americans flocked to Paris in the 1920s. In 1791 Mary Bryant rowed 5,000 kilometres to Kupang.",
    )
    assert {(c.subject, c.destination_country) for c in cases} == {("Thousands of Americans", "France"), ("Mary Bryant", "Indonesia")}


def test_countries_the_ner_ran_together_are_each_a_destination(nlp):
    cases = cases_of(
        nlp,
        "What happened to the Franks of the crusader states?",
        "After the fall of Acre the Franks fled to Armenia, Cyprus or Italy. In 1880 Heinrich Vogel emigrated to Sydney, Nova Scotia.",
    )
    assert sorted(c.destination_country for c in cases) == ["Armenia", "Canada", "Cyprus", "Italy"]


def test_the_year_of_a_source_is_not_the_year_of_a_move(nlp):
    cases = cases_of(
        nlp,
        "Why did so many Italians emigrate?",
        "According to a 1931 paper, 8.9 million Italians emigrated to Brazil. In her 1995 memoir she says that 3,000 Poles emigrated to Canada.",
    )
    assert {(c.destination_country, c.year_start) for c in cases} == {("Brazil", None), ("Canada", None)}


def test_a_move_owned_by_a_pronoun_is_the_named_teller_s_not_the_origin_people_s(nlp):
    cases = cases_of(
        nlp,
        "How easy was it to leave the Soviet Union?",
        "Ayn Rand described her 1926 emigration from the USSR during testimony in 1947. Kim Philby wrote about his flight to Moscow in 1963.",
        min_confidence=0.0,
    )
    assert [(c.subject, c.destination_country, c.year_start) for c in cases] == [("Kim Philby", "Soviet Union", 1963)]


def test_the_craft_one_flies_as_one_s_own_is_no_mover(nlp):
    cases = cases_of(nlp, "How easy was it to leave the Soviet Union?", "Viktor Belenko flew his Foxbat to Japan in 1976.")
    assert [(c.subject, c.destination_country) for c in cases] == [("Viktor Belenko", "Japan")]


def test_one_who_left_one_half_of_a_divided_country_went_to_the_other(nlp):
    cases = cases_of(nlp, "Stories of escapes from the DDR?", "My parents fled the GDR in 1964. Werner Krause escaped from East Berlin in 1961.")
    assert {(c.subject, c.destination_country) for c in cases} == {("My parents", "West Germany"), ("Werner Krause", "West Germany")}


def test_the_other_half_is_no_guess_for_a_people_of_a_third_country(nlp):
    cases = cases_of(
        nlp,
        "Why did people flee during the Partition?",
        "Many Hindu families left Lahore in 1947. The British left India in 1947.",
        min_confidence=0.0,
    )
    assert {(c.subject, c.destination_country) for c in cases} == {("Many Hindu families", "India"), ("British", None)}


def test_a_destination_told_by_a_copula_is_where_its_owner_went(nlp):
    cases = cases_of(
        nlp,
        "What happened to them?",
        "In 1922 Mehmed Vahdeddin left Turkey aboard a British warship. His first stop was Malta. "
        "In 1939 the Weiss family left Vienna. Their destination was Shanghai. Argentina was a popular destination for Italians.",
    )
    assert {(c.subject, c.destination_country) for c in cases} == {("Mehmed Vahdeddin", "Malta"), ("Weiss family", "China")}


def test_a_move_owned_by_his_or_her_is_the_move_of_the_one_meant(nlp):
    cases = cases_of(nlp, "Who defected?", "Bruno Pontecorvo was a physicist. His defection to the Soviet Union in 1950 shocked Britain.")
    assert [(c.subject, c.destination_country, c.year_start) for c in cases] == [("Bruno Pontecorvo", "Soviet Union", 1950)]


def test_the_country_a_copula_names_takes_in_those_it_accepted(nlp):
    cases = cases_of(nlp, "Japanese in Peru and Brazil?", "Peru was the first South American country to accept Japanese immigrants.")
    assert [(c.subject, c.destination_country) for c in cases] == [("Japanese immigrants", "Peru")]


def test_a_country_that_imported_workers_is_where_they_went(nlp):
    cases = cases_of(nlp, "Where did the Nazis go?", "In 1945 the U.S. imported a crowd of Nazi rocket scientists during Operation Paperclip.")
    assert [(c.subject, c.destination_country, c.year_start) for c in cases] == [("crowd of Nazi rocket scientists", "United States", 1945)]


def test_so_did_after_a_way_back_is_a_way_back_to_the_people_s_own_home(nlp):
    cases = cases_of(nlp, "Guest workers in Germany?", "Most Italians went back to Italy in the 1970s, and so did most of the Greeks.")
    assert [(c.subject, c.destination_country) for c in cases] == [("Most Italians", "Italy"), ("most of the Greeks", "Greece")]


def test_a_failed_attempt_told_before_the_move_is_an_attempted_move_of_its_own(nlp):
    cases = cases_of(nlp, "Composers who fled the Nazis?", "After a failed attempt to move to Britain, Schoenberg moved to New York on October 31, 1933.")
    assert {(c.subject, c.destination_country, c.status) for c in cases} == {
        ("Schoenberg", "United Kingdom", "attempted"), ("Schoenberg", "United States", "completed")}


def test_who_after_a_thing_a_person_is_noted_for_means_the_person(nlp):
    cases = cases_of(
        nlp,
        "Composers who fled the Nazis?",
        "Other such composers included Erich Korngold, noted for his Hollywood film scores, who emigrated to America in 1934.",
    )
    assert [(c.subject, c.destination_country) for c in cases] == [("Erich Korngold", "United States")]
