"""Date expressions as written ("1920-s", "after WWII", "the depression era") turned into years.

Four parts:
- ``parse_date(text)``: the years of one expression, modifier included;
- ``relative_years(text)``: the offset of a phrase that counts from the year
  told before it ("the next year" 1, "two years later" 2); the caller adds it;
- ``date_patterns()``: EntityRuler patterns (label DATE) for the decade forms,
  year ranges and period names the small English model misses;
- ``expand_date_modifier(doc, span)`` / ``date_with_modifier(span)``: the
  modifier before a DATE entity ("after", "at the end of"), which the entity
  leaves out, so the caller keeps "after WWII" as ``date_text`` and parses it.

Period names and their years are data (``data/periods.csv``), as are the
modifiers and what each does to a span (``data/dates_modifiers.csv``) and the
phrases that count from an earlier year (``data/dates_relative.csv``).

The rules, as CASES.md scores them (year_start is the year of the move):
- one year gives ``(year, None)``: "in 1967" says when the move began, not how
  long a stay lasted; a one-year period ("Kristallnacht", 1938) likewise;
- a decade, century, range or period gives its first and last year:
  "1930-s" (1930, 1939), "1932–38" (1932, 1938), "during WWII" (1939, 1945);
- "early"/"mid"/"late" take the first, middle or last part of a decade
  (0-3, 4-6, 7-9) or century (thirds: 0-33, 34-66, 67-99);
- "before X" gives ``(None, X.start)``: "before WW2" (None, 1939),
  "before 1936" (None, 1936). The named year itself is the bound, because
  texts are loose about "before" and CASES.md's gold keeps it;
- "after X", "at the end of X", "past X" give ``(X.end, None)``:
  "after WWII" (1945, None), "after 1936" (1936, None), "at the end of the
  Korean Conflict" (1953, None);
- "since X", "from X", "at the start of X" give ``(X.start, None)``;
- "by the end of X" gives ``(None, X.end)``;
- "during X", "in X", "around X" keep X as it is;
- a two-digit decade ("the '30s") is in the 1900s; "the 1800s" is the
  century, not its first decade.
"""

from __future__ import annotations

import csv
import functools
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.config import DATA_DIR
from pipeline.errors import CrossingsError, Errors

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

PERIODS_PATH = DATA_DIR / "periods.csv"
MODIFIERS_PATH = DATA_DIR / "dates_modifiers.csv"
RELATIVE_PATH = DATA_DIR / "dates_relative.csv"

YEAR_MIN, YEAR_MAX = 1500, 2099
MODIFIER_KINDS = ("after", "before", "before_end", "from", "during")
MATCH_MODES = ("lower", "exact", "none")


@dataclass(frozen=True)
class DateSpan:
    year_start: int | None
    year_end: int | None
    text: str


@dataclass(frozen=True)
class Period:
    name: str
    aliases: tuple[str, ...]  # the name first
    year_start: int
    year_end: int
    match: str  # "lower": case-blind pattern; "exact": case-sensitive pattern; "none": parse only


# ---------------------------------------------------------------------------
# Data tables


def read_lines(path: Path) -> list[str]:
    """The stripped lines of a word-list data file; blank lines and lines starting with '#' are skipped."""
    if not path.exists():
        raise CrossingsError(Errors.E071.format(path=path))
    return [ln.strip() for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip() and not ln.startswith("#")]


def read_table(path: Path, required: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    """Rows of a CSV data table with their line numbers; lines starting with '#' are comments."""
    if not path.exists():
        raise CrossingsError(Errors.E071.format(path=path))
    with path.open(encoding="utf-8", newline="") as fh:
        numbered = [(i, line) for i, line in enumerate(fh, start=1) if line.strip() and not line.startswith("#")]
    if not numbered:
        raise CrossingsError(Errors.E070.format(path=path, line=1, reason="no header line"))
    reader = csv.DictReader(line for _, line in numbered)
    missing = [c for c in required if c not in (reader.fieldnames or [])]
    if missing:
        raise CrossingsError(Errors.E070.format(path=path, line=numbered[0][0], reason=f"no column {missing[0]!r}"))
    rows: list[tuple[int, dict[str, str]]] = []
    for (line_no, _), row in zip(numbered[1:], reader):
        rows.append((line_no, {k: (v or "").strip() for k, v in row.items() if k is not None}))
    return rows


def table_number(value: str, path: Path, line: int, column: str, cast: type = int) -> int | float | None:
    """A number cell of a data table (None when empty); a bad cell names the table, line and column."""
    if not value:
        return None
    try:
        return cast(value)
    except ValueError:
        what = "a year" if cast is int else "a number"
        raise CrossingsError(Errors.E070.format(path=path, line=line, reason=f"{column} {value!r} is not {what}")) from None


@functools.cache
def periods() -> tuple[Period, ...]:
    out: list[Period] = []
    for line, row in read_table(PERIODS_PATH, ("name", "aliases", "year_start", "year_end", "match")):
        start = table_number(row["year_start"], PERIODS_PATH, line, "year_start")
        end = table_number(row["year_end"], PERIODS_PATH, line, "year_end")
        if start is None or end is None or end < start:
            raise CrossingsError(Errors.E070.format(path=PERIODS_PATH, line=line, reason="needs year_start <= year_end"))
        match = row["match"] or "lower"
        if match not in MATCH_MODES:
            raise CrossingsError(Errors.E070.format(path=PERIODS_PATH, line=line, reason=f"match must be one of {MATCH_MODES}"))
        aliases = [row["name"], *(a.strip() for a in row["aliases"].split("|") if a.strip())]
        out.append(Period(row["name"], tuple(dict.fromkeys(aliases)), start, end, match))
    return tuple(out)


@functools.cache
def modifiers() -> tuple[tuple[str, str], ...]:
    """(phrase, kind), longest phrase first so "at the end of" wins over "end of"."""
    out: list[tuple[str, str]] = []
    for line, row in read_table(MODIFIERS_PATH, ("phrase", "kind")):
        if row["kind"] not in MODIFIER_KINDS:
            raise CrossingsError(Errors.E070.format(path=MODIFIERS_PATH, line=line, reason=f"kind must be one of {MODIFIER_KINDS}"))
        out.append((row["phrase"].lower(), row["kind"]))
    return tuple(sorted(out, key=lambda pk: len(pk[0]), reverse=True))


_NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}


@functools.cache
def _relative_patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    out = []
    for line, row in read_table(RELATIVE_PATH, ("phrase", "years")):
        years = row["years"].strip()
        if years not in ("N", "-N"):
            table_number(years, RELATIVE_PATH, line, "years")  # a clear error for a bad row
        number = r"(\d{1,2}|" + "|".join(_NUMBER_WORDS) + ")"
        phrase = " ".join(number if word == "N" else re.escape(word.lower()) for word in row["phrase"].split())
        out.append((re.compile(rf"^{phrase}$"), years))
    return tuple(out)


def relative_years(text: str) -> int | None:
    """The offset in years a phrase like "the next year" or "two years later" counts from the year told before it."""
    clean = " ".join(text.lower().split())
    for pattern, years in _relative_patterns():
        m = pattern.match(clean)
        if m is None:
            continue
        if years in ("N", "-N"):
            n = m.group(1)
            value = int(n) if n.isdigit() else _NUMBER_WORDS[n]
            return value if years == "N" else -value
        return int(years)
    return None


def _period_key(text: str) -> str:
    """The lookup form of a period name: lower case, no leading article, dots, apostrophes or dashes."""
    t = _normalize(text)
    t = t.replace(".", "").replace("'", "")
    t = re.sub(r"[-\s]+", " ", t).strip()
    return re.sub(r"^the ", "", t)


@functools.cache
def _period_index() -> dict[str, Period]:
    index: dict[str, Period] = {}
    for period in periods():
        for alias in period.aliases:
            index.setdefault(_period_key(alias), period)
    return index


# ---------------------------------------------------------------------------
# Parsing

_DASHES = re.compile(r"[\u2010-\u2015\u2212]")
_YEAR = r"(?:1[5-9]\d{2}|20\d{2})"
_ISO_DATE = re.compile(rf"\b({_YEAR})-\d{{1,2}}-\d{{1,2}}\b")
_YEAR_RANGE = re.compile(
    rf"(?<!\d)({_YEAR})(?:'?s)?\s*(?:-|/|to|until|till|through|thru|and)\s*({_YEAR}|\d{{1,2}})(?!\d|'?s\b)"
)
_DECADE = r"(?:(1[5-9]|20)(\d)0|'(\d)0|(?<![\d'])(\d)0(?=\s*-\s*s\b))"
_DECADE_SUFFIX = r"\s*(?:-\s*(?:s|ies|ths)|'\s*s|s)\b"
_QUALIFIER = r"(?:(early|mid|middle|late)\s*-?\s*(?:the\s+)?)?"
_DECADE_RE = re.compile(rf"{_QUALIFIER}{_DECADE}{_DECADE_SUFFIX}")
_DECADE_THE = re.compile(rf"(?:^|\bthe\s+){_QUALIFIER}(\d)0s\b")  # "the 30s": two digits only after "the"
_CENTURY_RE = re.compile(
    r"(?:(early|mid|middle|late|first half of|second half of)\s*-?\s*(?:the\s+)?)?"
    r"(\d{1,2})(?:st|nd|rd|th)?\s*-?\s*century\b"
)
_WORD_ORDINALS = {
    "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20, "twenty-first": 21,
    "twenty first": 21,
}
_WORD_DECADES = {
    "twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7, "eighties": 8, "nineties": 9,
}
_WORD_DECADE_RE = re.compile(
    rf"{_QUALIFIER}(?:nineteen[-\s]?)?({'|'.join(_WORD_DECADES)})\b"
)
_SHORT_YEAR = re.compile(r"(?<![\w'])'(\d{2})(?![\ds])")
_SINGLE_YEAR = re.compile(rf"(?<![\d$£€.,])({_YEAR})(?!\d)")
_YEAR_TO_LATER = re.compile(rf"^(?:between\s+|from\s+)?({_YEAR})\s*(?:-|to|and|until|till|through|thru)\s+(.*\D.*)$")  # the end is no bare year


def _normalize(text: str) -> str:
    t = unicodedata.normalize("NFKC", text)
    t = t.replace("\u2019", "'").replace("\u2018", "'").replace("`", "'").replace("\u00b4", "'")
    t = _DASHES.sub("-", t)
    t = re.sub(r"\s+", " ", t.lower()).strip()
    return t.strip(" \t.,;:!?()[]{}\"")


def _part(start: int, end: int, qualifier: str | None) -> tuple[int, int]:
    """The early, middle or late part of [start, end], in thirds of its length."""
    if not qualifier:
        return start, end
    length = end - start + 1
    if qualifier.startswith("first half"):
        return start, start + length // 2 - 1
    if qualifier.startswith("second half"):
        return start + length // 2, end
    if length == 10:  # decades: 0-3, 4-6, 7-9, as texts use them
        bounds = {"early": (0, 3), "mid": (4, 6), "middle": (4, 6), "late": (7, 9)}[qualifier]
    else:
        third = length // 3
        bounds = {
            "early": (0, third),
            "mid": (third + 1, 2 * third),
            "middle": (third + 1, 2 * third),
            "late": (2 * third + 1, length - 1),
        }[qualifier]
    return start + bounds[0], start + bounds[1]


def _expand_end(start: int, end_text: str) -> int:
    """The full year of a range's end: "1932-38" ends in 1938, "1998-02" in 2002."""
    if len(end_text) == 4:
        return int(end_text)
    width = 10 ** len(end_text)
    end = start - start % width + int(end_text)
    return end + width if end < start else end


def _decade_match(m: re.Match[str]) -> tuple[int, int]:
    qualifier, century, decade, short, dash_short = m.group(1), m.group(2), m.group(3), m.group(4), m.group(5)
    if century is not None:
        first = int(century) * 100 + int(decade) * 10
        if decade == "0" and int(century) <= 19:
            # "the 1800s" is the century, not its first ten years
            return _part(first, first + 99, qualifier)
    else:
        first = 1900 + int(short if short is not None else dash_short) * 10
    return _part(first, first + 9, qualifier)


def _core_years(core: str) -> tuple[int, int] | None:
    """First and last year of a date without its modifier, or None when it names no time."""
    period = _period_index().get(_period_key(core))  # before the article goes: "An Gorta Mór" is a name
    core = re.sub(r"^(?:the|a|an)\s+", "", core)
    period = period or _period_index().get(_period_key(core))
    if period is None:
        base = re.sub(r"\s+(?:era|years|period|times|days|age)$", "", core)
        period = _period_index().get(_period_key(base)) if base != core else None
    if period is not None:
        return period.year_start, period.year_end
    if m := _ISO_DATE.search(core):
        year = int(m.group(1))
        return year, year
    decades = list(_DECADE_RE.finditer(core))
    between = core[decades[0].end() : decades[1].start()] if len(decades) >= 2 else ""
    if len(decades) >= 2 and re.fullmatch(r"\s*(?:-|to|and|through|until)\s*(?:the\s+)?", between):
        return _decade_match(decades[0])[0], _decade_match(decades[1])[1]
    if m := _YEAR_RANGE.search(core):
        start = int(m.group(1))
        end = _expand_end(start, m.group(2))
        if end >= start:
            return start, end
    if m := _CENTURY_RE.search(core):
        century = int(m.group(2))
        first = (century - 1) * 100
        return _part(first, first + 99, m.group(1))
    for word, number in _WORD_ORDINALS.items():
        if re.search(rf"\b{word}\s*-?\s*century\b", core):
            q = re.search(rf"\b(early|mid|middle|late)\s*-?\s*(?:the\s+)?{word}", core)
            first = (number - 1) * 100
            return _part(first, first + 99, q.group(1) if q else None)
    if m := _YEAR_TO_LATER.match(core):
        # "1947 and the early fifties", "1947 to the 1950s": a year, then a decade or period that ends the range
        later = _core_years(m.group(2))
        start = int(m.group(1))
        if later is not None and later[1] >= start:
            return start, later[1]
    if decades:
        return _decade_match(decades[0])
    if m := _DECADE_THE.search(core):
        first = 1900 + int(m.group(2)) * 10
        return _part(first, first + 9, m.group(1))
    if m := _WORD_DECADE_RE.search(core):
        first = 1900 + _WORD_DECADES[m.group(2)] * 10
        return _part(first, first + 9, m.group(1))
    if m := _SINGLE_YEAR.search(core):
        year = int(m.group(1))
        return year, year
    if m := _SHORT_YEAR.search(core):
        year = 1900 + int(m.group(1))
        return year, year
    return _period_inside(core)


def _period_inside(core: str) -> tuple[int, int] | None:
    """A period named inside a longer phrase ("the early Cold War"): the longest alias found wins."""
    key = f" {_period_key(core)} "
    best: Period | None = None
    best_len = 0
    for alias, period in _period_index().items():
        if len(alias) > best_len and f" {alias} " in key:
            best, best_len = period, len(alias)
    return (best.year_start, best.year_end) if best is not None else None


def _peel_modifiers(text: str) -> tuple[str | None, str]:
    """Split "at the end of the Korean Conflict" into ("after", "the korean conflict"); the outer modifier decides."""
    kind: str | None = None
    rest = text
    for _ in range(3):
        for phrase, phrase_kind in modifiers():
            if phrase.endswith("-"):
                hit = rest.startswith(phrase) and len(rest) > len(phrase)
            else:
                hit = rest.startswith(phrase + " ")
            if hit:
                rest = rest[len(phrase) :].lstrip()
                if kind is None or kind == "during":
                    kind = phrase_kind
                break
        else:
            break
    return kind, rest


@functools.lru_cache(maxsize=65536)
def parse_date(text: str) -> DateSpan | None:
    """The years a date expression names, or None when it names none ("yesterday", "the time").

    >>> parse_date("after WWII")
    DateSpan(year_start=1945, year_end=None, text='after WWII')
    """
    norm = _normalize(text)
    if not norm:
        return None
    kind, core = _peel_modifiers(norm)
    years = _core_years(core) if core else None
    if years is None and kind is not None:
        # "in" etc. can also begin a period name ("In the Great Depression"); the whole text may be the name
        years = _core_years(norm)
        kind = None if years is not None else kind
    if years is None:
        return None
    start, end = years
    if kind == "from" and start != end and re.search(r"\d\s*(?:-|to|until|till|through|thru)\s*(?:the\s+)?(?:(?:early|mid|middle|late)\s*-?\s*)?'?\d", core):
        kind = None  # "from 1932 to 1938" is a range, not an open start
    if kind == "after":
        return DateSpan(end, None, text)
    if kind == "from":
        return DateSpan(start, None, text)
    if kind == "before":
        return DateSpan(None, start, text)
    if kind == "before_end":
        return DateSpan(None, end, text)
    return DateSpan(start, None if start == end else end, text)


def years_in(text: str) -> list[int]:
    """Every four-digit number from 1500 to 2099 in the text, in order (money and decimals left out)."""
    return [int(m.group(1)) for m in _SINGLE_YEAR.finditer(_DASHES.sub("-", text))]


# ---------------------------------------------------------------------------
# The modifier before a DATE entity


@functools.cache
def _modifier_tokens() -> tuple[tuple[tuple[str, ...], str], ...]:
    """Modifier phrases as lower-case token sequences, longest first (dash prefixes like "post-" left out)."""
    out = [(tuple(phrase.split()), kind) for phrase, kind in modifiers() if not phrase.endswith("-")]
    return tuple(sorted(out, key=lambda tk: len(tk[0]), reverse=True))


@functools.cache
def _modifiers_by_length() -> dict[int, dict[tuple[str, ...], int]]:
    """Modifier phrases grouped by length, each with its place in the table (earlier rows win)."""
    out: dict[int, dict[tuple[str, ...], int]] = {}
    for order, (phrase, _) in enumerate(_modifier_tokens()):
        out.setdefault(len(phrase), {}).setdefault(phrase, order)
    return out


def expand_date_modifier(doc: Doc, span: Span) -> tuple[str, int, int]:
    """The entity with the modifier that precedes it: ("after WWII", start_char, end_char).

    The entity itself when no modifier precedes it. A "the" between the
    modifier and the entity is taken along ("at the end of the Korean
    Conflict" when the entity is "Korean Conflict").
    """
    starts = [span.start]
    if span.start > 0 and doc[span.start - 1].lower_ == "the" and span[0].lower_ != "the":
        starts.append(span.start - 1)
    by_length = _modifiers_by_length()
    longest = max(by_length, default=0)
    # The words before each start, read once; then, longest phrases first, the table's first phrase
    # that ends right before any start wins (a dict lookup per length, not a scan of the table).
    before = {first: tuple(t.lower_ for t in doc[max(0, first - longest) : first]) for first in starts}
    for n in sorted(by_length, reverse=True):
        found = [
            (by_length[n][words[-n:]], k, first)
            for k, first in enumerate(starts)
            if len(words := before[first]) >= n and words[-n:] in by_length[n]
        ]
        if found:
            first = min(found)[2]
            wide = doc[first - n : span.end]
            return wide.text, wide.start_char, span.end_char
    return span.text, span.start_char, span.end_char


def date_with_modifier(span: Span) -> str:
    """The date text as the caller keeps it: "after WWII", "in 1930-s", or the entity alone."""
    return expand_date_modifier(span.doc, span)[0]


# ---------------------------------------------------------------------------
# EntityRuler patterns

_THE = {"LOWER": "the", "OP": "?"}
_QUAL = {"LOWER": {"IN": ["early", "mid", "middle", "late"]}, "OP": "?"}
_DASH = {"ORTH": {"IN": ["-", "\u2013", "\u2014"]}}
_DASH_OPT = {"ORTH": {"IN": ["-", "\u2013", "\u2014"]}, "OP": "?"}
_YEAR_TOKEN = {"TEXT": {"REGEX": rf"^{_YEAR}$"}}
_DECADE_YEAR_TOKEN = {"TEXT": {"REGEX": r"^(1[5-9]|20)\d0$"}}
_APOSTROPHE = {"ORTH": {"IN": ["'", "\u2019", "\u2018"]}}
_RANGE_WORD = {"LOWER": {"IN": ["to", "until", "till", "through", "thru"]}}


@functools.cache
def pattern_tokenizer():  # type: ignore[no-untyped-def]
    """The English tokenizer alone: patterns must split text the way the model's pipeline does."""
    import spacy

    return spacy.blank("en").tokenizer


def _alias_pattern(alias: str, attr: str) -> list[dict]:
    words = [t.text for t in pattern_tokenizer()(alias)]
    if words and words[0].lower() == "the":
        words = words[1:]
    if not words:
        return []
    return [dict(_THE), *({attr: w.lower() if attr == "LOWER" else w} for w in words)]


def _shape_patterns() -> list[list[dict]]:
    """Decades, ranges and centuries as the tokenizer splits them (checked against the real model in the tests)."""
    lead = [dict(_THE), dict(_QUAL), dict(_DASH_OPT)]
    return [
        # "1920-s", "1930-ies": the tokenizer splits off the dash and the suffix
        [*lead, _DECADE_YEAR_TOKEN, _DASH, {"LOWER": {"IN": ["s", "ies", "ths"]}}],
        # "1930's", "1930’s"
        [*lead, _DECADE_YEAR_TOKEN, {"LOWER": {"IN": ["'s", "\u2019s"]}}],
        # "1930s", "mid-1950s", "early-1950s" (one token each)
        [*lead, {"TEXT": {"REGEX": r"^((early|mid|late)-)?(1[5-9]|20)\d0s$"}}],
        # "the '30s", "’30s"
        [*lead, _APOSTROPHE, {"TEXT": {"REGEX": r"^\d0s$"}}],
        # "30-s"
        [*lead, {"TEXT": {"REGEX": r"^\d0$"}}, _DASH, {"LOWER": "s"}],
        # "1932-1938", "1932 - 38", "1932-8"
        [_YEAR_TOKEN, _DASH, {"TEXT": {"REGEX": r"^(\d{1,2}|(1[5-9]|20)\d{2})$"}}],
        # "1932–38", "1932—1938", "1930s-1940s" (one token each)
        [{"TEXT": {"REGEX": rf"^{_YEAR}s?[-\u2013\u2014](\d{{1,2}}|{_YEAR})s?$"}}],
        # "from 1932 to 1938", "1932 until 1938"
        [{"LOWER": "from", "OP": "?"}, _YEAR_TOKEN, _RANGE_WORD, _YEAR_TOKEN],
        # "between 1945 and 1950"
        [{"LOWER": "between"}, _YEAR_TOKEN, {"LOWER": "and"}, _YEAR_TOKEN],
        # "the 19th century", "the late 19th century", "18th-century"
        [*lead, {"TEXT": {"REGEX": r"^\d{1,2}(st|nd|rd|th)$"}}, _DASH_OPT, {"LOWER": "century"}],
        [dict(_THE), {"LOWER": {"IN": ["first", "second"]}}, {"LOWER": "half"}, {"LOWER": "of"}, dict(_THE),
         {"TEXT": {"REGEX": r"^\d{1,2}(st|nd|rd|th)$"}}, _DASH_OPT, {"LOWER": "century"}],
    ]


def date_patterns() -> list[dict]:
    """EntityRuler patterns, label DATE: decade forms, year ranges and every period name in periods.csv.

    A modifier ("after", "at the end of") stays outside the entity; see
    ``expand_date_modifier``. Parse-only periods (match "none", like "the
    war") get no pattern: they would tag every war a text mentions.
    """
    patterns: list[dict] = [{"label": "DATE", "pattern": p, "id": "date-shape"} for p in _shape_patterns()]
    for period in periods():
        if period.match == "none":
            continue
        attr = "LOWER" if period.match == "lower" else "ORTH"
        seen: set[str] = set()
        for alias in period.aliases:
            tokens = _alias_pattern(alias, attr)
            key = repr(tokens)
            if tokens and key not in seen:
                seen.add(key)
                patterns.append({"label": "DATE", "pattern": tokens, "id": f"period:{period.name}"})
    return patterns
