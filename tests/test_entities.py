"""The domain EntityRuler: where it sits, and that its fast phrase patterns find what the token patterns find."""

from __future__ import annotations

import spacy
from spacy.symbols import ORTH

from spacy.matcher import Matcher
from spacy.pipeline.entityruler import EntityRuler

from pipeline.entities import (
    BLOCKS_NAME,
    LINES_NAME,
    RULER_NAME,
    _TEXT_ATTRS,
    AnchoredMatcher,
    AnchoredRulerMatch,
    IndexedAttributeMatch,
    as_phrase_patterns,
    domain_patterns,
    entities,
)


def _ruler_only(nlp, patterns: list[dict]):
    """A pipeline of the real tokenizer and one EntityRuler with these patterns."""
    bare = spacy.blank("en")
    bare.tokenizer = nlp.tokenizer
    ruler = bare.add_pipe("entity_ruler", config={"overwrite_ents": True, "phrase_matcher_attr": "LOWER"})
    ruler.add_patterns(patterns)
    return bare


def _alias_texts(patterns: list[dict]) -> list[str]:
    """A sentence per simple token pattern, written as a user would: capitals, with and without "the"."""
    texts = []
    for entry in patterns:
        tokens = entry["pattern"]
        if isinstance(tokens, str) or not all(isinstance(t.get("LOWER"), str) for t in tokens):
            continue
        words = [t["LOWER"] for t in tokens if t.get("OP") != "?"]
        name = " ".join(w.capitalize() if w not in ("of", "the", "-") else w for w in words)
        texts.append(f"In 1950 she went to {name}, then to the {name} and back.")
    return texts


def test_phrase_patterns_find_the_same_entities_as_the_token_patterns(nlp):
    patterns = domain_patterns()
    fast = as_phrase_patterns(patterns, nlp.make_doc)
    assert sum(isinstance(p["pattern"], str) for p in fast) > len(patterns)  # most became phrases
    slow_nlp, fast_nlp = _ruler_only(nlp, patterns), _ruler_only(nlp, fast)
    texts = _alias_texts(patterns) + [
        "He left the USSR for the GDR in the late 1950s, after WWII, and came back in 1932-1938.",
        "Born in Königsberg, she moved to East Berlin in the 1920-s and to Czecho-Slovakia in '48.",
        "They reached the States via the Soviet bloc during the Depression, before the Thaw.",
    ]
    for slow_doc, fast_doc in zip(slow_nlp.pipe(texts), fast_nlp.pipe(texts)):
        assert entities(fast_doc) == entities(slow_doc), slow_doc.text
        assert [e.ent_id_ for e in fast_doc.ents] == [e.ent_id_ for e in slow_doc.ents]


def test_words_the_tokenizer_splits_otherwise_stay_token_patterns(nlp):
    # "st." is one token in a pattern but the tokenizer may split it: such a pattern is kept as it was.
    pattern = {"label": "GPE", "pattern": [{"LOWER": "the", "OP": "?"}, {"LOWER": "soviet"}, {"LOWER": "union"}], "id": "x"}
    regex = {"label": "DATE", "pattern": [{"TEXT": {"REGEX": "^19\\d\\d$"}}]}
    out = as_phrase_patterns([pattern, regex], nlp.make_doc)
    assert [p["pattern"] for p in out] == ["the soviet union", "soviet union", regex["pattern"]]
    assert all(p.get("id") == "x" for p in out[:2])

    def split_everything(text: str):
        return spacy.blank("en").make_doc(text.replace("o", " o "))

    assert as_phrase_patterns([pattern], split_everything) == [pattern]


def test_the_ruler_runs_first_and_reads_token_text_only(nlp):
    # It needs no tag or parse, so it runs before them and its entities reach the statistical NER.
    assert nlp.pipe_names[0] == RULER_NAME
    for entry in domain_patterns():
        if not isinstance(entry["pattern"], str):
            assert all(set(token) <= _TEXT_ATTRS for token in entry["pattern"]), entry
    doc = nlp("My grandparents left the GDR for West Germany in the late 1950s.")
    assert ("the GDR", "GPE") in [(e.text, e.label_) for e in doc.ents]


def test_no_entity_runs_across_a_line_break(nlp):
    # The model alone joins a list of names, one per line, into two entities, one with a trailing break.
    text = "The emigrants included:\nNoel Field\nHerta Field\nHermann Field"
    assert LINES_NAME in nlp.pipe_names[nlp.pipe_names.index("ner") :]
    with nlp.select_pipes(disable=[LINES_NAME]):
        joined = [e.text for e in nlp(text).ents]
    assert any("\n" in e for e in joined)
    doc = nlp(text)
    assert [e.text for e in doc.ents] == ["Noel Field", "Herta Field", "Hermann Field"]
    assert len({e.label_ for e in doc.ents}) == 1


def test_source_citations_give_no_dates_or_people(nlp):
    def ents(text: str) -> list[tuple[str, str]]:
        return [(e.text, e.label_) for e in nlp(text).ents]

    # The year a source appeared is not the year of a move, nor is its author a mover.
    assert ents("Noel Field fled to Hungary (Marton 2016).") == [("Noel Field", "PERSON"), ("Hungary", "GPE")]
    assert "1986" not in str(ents("They left in the 1930s (Conquest et al., 1986)."))
    assert "1998" not in str(ents("He moved to Kiev (see Smith and Jones 1998: 45)."))
    # Bracketed dates stay dates.
    assert ("1946", "DATE") in ents("She went back (1946) to Riga.")
    assert ("May 1934", "DATE") in ents("He moved to Kiev (in May 1934).")
    assert ("1934", "DATE") in ents("He stayed in Moscow (Moscow, 1934) for good.")


def test_life_spans_after_a_name_are_not_dates_of_a_move(nlp):
    def dates(text: str) -> list[str]:
        return [e.text for e in nlp(text).ents if e.label_ == "DATE"]

    assert dates("Bruno Pontecorvo (1913-1993) defected to the Soviet Union.") == []
    assert dates("The physicist Klaus Fuchs (1911–1988) moved to East Germany in 1959.") == ["1959"]
    assert dates("Noel Field (b. 1904) fled to Czechoslovakia.") == []
    assert dates("Noel Field (1904-70) fled.") == []
    # A lone year after a name may be the year of the move; a span after no name is a stay.
    assert dates("Kim Philby (1963) and Burgess (1951) went to Moscow.") == ["1963", "1951"]
    assert dates("They stayed there (1932-38) and left.") == ["1932-38"]


def test_indexed_attribute_rules_give_the_same_tokens_as_spacys_matcher(nlp, settings, seed_path):
    # The model's own attribute ruler against the indexed lookup, on a real thread and on the
    # rules' odd cases: contractions, multi-token lemmas, whitespace tokens, "but" as an adverb.
    plain = spacy.load(settings.model)
    plain.tokenizer.add_special_case("s.", [{ORTH: "s"}, {ORTH: "."}])  # as load_nlp does
    plain.add_pipe(BLOCKS_NAME, first=True)  # as load_nlp does: paragraphs start sentences, so the parse is the same
    assert not isinstance(plain.get_pipe("attribute_ruler").match, IndexedAttributeMatch)
    assert isinstance(nlp.get_pipe("attribute_ruler").match, IndexedAttributeMatch)
    # The lemmatizer reads and writes whole columns; the plain one visits every token.
    assert hasattr(nlp.get_pipe("lemmatizer"), "crossings_memo") and not hasattr(plain.get_pipe("lemmatizer"), "crossings_memo")
    texts = seed_path.read_text(encoding="utf-8").split("\n\n")[:40] + [
        "Y'all ain't gonna believe it, c'mon, let's go.  Two  spaces\n\nand I did it, you know it.",
        "There were many who left. But he stayed; it is what it is, and I gotta say they did too.",
    ]
    for ours, theirs in zip(nlp.pipe(texts), plain.pipe(texts)):
        assert [(t.pos_, str(t.morph), t.lemma_, t.dep_, t.tag_) for t in ours] == [
            (t.pos_, str(t.morph), t.lemma_, t.dep_, t.tag_) for t in theirs
        ], theirs.text


def test_a_paragraph_and_a_list_item_start_a_sentence(nlp):
    doc = nlp("Two cases come to mind:\n\n- Karl Marx left Prussia in 1849 and went to London.\n"
              "- Engels followed him the same year.\n* Bakunin escaped from Siberia in 1861.")
    starts = [s[0].text for s in doc.sents]
    assert "-" in starts and "*" in starts and "Two" in starts
    assert not any("Marx" in s.text and "Two cases" in s.text for s in doc.sents)
    assert not any("Marx" in s.text and "Engels" in s.text for s in doc.sents)
    # Hard-wrapped lines inside a paragraph are left to the parser.
    wrapped = nlp("Karl Marx left Prussia in 1849\nand went to London.")
    assert len(list(wrapped.sents)) == 1


def test_a_year_in_brackets_after_an_author_cited_in_the_text_is_no_date(nlp):
    def dates(text):
        return [e.text for e in nlp(text).ents if e.label_ == "DATE"]

    assert dates("For the numbers see Horner (1960), who counted them.") == []
    assert dates("Edward Horner (1960) estimates that 3,000 went to Moscow.") == []
    assert dates("Horner (1960, p. 45) puts the number at 3,000.") == []
    # A year in brackets after a mover is the year of the move.
    assert dates("Zara Witkin (1932) went to Moscow.") == ["1932"]


def test_a_name_does_not_end_on_a_preposition(nlp):
    text = "The lyricist was born in Gah, and his family moved to Amritsar at Partition."
    with nlp.select_pipes(disable=[LINES_NAME]):
        assert "Amritsar at" in [e.text for e in nlp(text).ents]  # what the model alone gives
    assert "Amritsar" in [e.text for e in nlp(text).ents]


def test_a_name_does_not_start_on_an_adverb(nlp):
    text = "Eventually Juan Peron settled in Madrid."
    with nlp.select_pipes(disable=[LINES_NAME]):
        assert "Eventually Juan Peron" in [e.text for e in nlp(text).ents]  # what the model alone gives
    assert ("Juan Peron", "PERSON") in [(e.text, e.label_) for e in nlp(text).ents]


def test_a_surname_the_model_leaves_out_is_taken_back_into_the_name(nlp):
    text = "The classic example is Pedro Altube from Oñati."
    with nlp.select_pipes(disable=[LINES_NAME]):
        assert ("Pedro", "PERSON") in [(e.text, e.label_) for e in nlp(text).ents]  # what the model alone gives
    assert ("Pedro Altube", "PERSON") in [(e.text, e.label_) for e in nlp(text).ents]
    # A name the model labelled whole, or a labelled thing after a name, is left as it was.
    assert [(e.text, e.label_) for e in nlp("He won the Stalin Prize in 1950.").ents][0] == ("the Stalin Prize", "WORK_OF_ART")


_ODD_TEXTS = [
    "1932 was the year. In the 1920-s and the '30s, from 1946 to 1949 and between 1950 and 1953, in 1932-1938.",
    "He went back to the States in the 19th century, the first half of the 20th century, during the Depression.",
    "St. Petersburg in the late 1950s; the PRC and the DPRK after the Thaw, the Partition of 1947. 1960",
    "No years here at all, only words about people who moved from one place to another.",
    "",
]


def test_anchored_matcher_finds_what_the_matcher_finds(nlp, seed_path):
    patterns = [
        [{"LOWER": "the", "OP": "?"}, {"ORTH": "States"}],
        [{"LOWER": "from", "OP": "?"}, {"TEXT": {"REGEX": "^19\\d\\d$"}}, {"LOWER": "to"}, {"TEXT": {"REGEX": "^19\\d\\d$"}}],
        [{"LOWER": {"IN": ["gon", "got"]}}, {"LOWER": {"IN": ["na", "ta"]}}],
        [{"LOWER": "the"}, {"IS_TITLE": True}, {"LOWER": "century"}],  # a non-text test beside the text ones
    ]
    matcher = Matcher(nlp.vocab)
    for i, pattern in enumerate(patterns):
        matcher.add(f"p{i}", [pattern])
    anchored = AnchoredMatcher(matcher, patterns)
    assert not anchored.everywhere
    texts = seed_path.read_text(encoding="utf-8").split("\n\n")[:30] + _ODD_TEXTS + [
        "States", "from 1946 to 1949", "I'm gon na go, we got ta go to the States, the Nineteenth century"]
    for doc in map(nlp.make_doc, texts):
        assert sorted(anchored(doc)) == sorted(matcher(doc, allow_missing=True, as_spans=False)), doc.text
    # Words far from any anchor are never tried.
    doc = nlp.make_doc("Many words here and there. " * 5 + "the States")
    assert anchored.windows(doc) == [(len(doc) - 2, len(doc))]


def test_a_pattern_without_an_anchor_puts_the_matcher_over_the_whole_text(nlp):
    for pattern in ([{"IS_DIGIT": True}], [{"LOWER": "the"}, {"ORTH": "old", "OP": "+"}], [{"LOWER": "x", "OP": "?"}]):
        matcher = Matcher(nlp.vocab)
        matcher.add("p", [pattern])
        anchored = AnchoredMatcher(matcher, [pattern])
        assert anchored.everywhere
        doc = nlp.make_doc("the old old house of 1932")
        assert anchored.windows(doc) == [(0, len(doc))]
        assert sorted(anchored(doc)) == sorted(matcher(doc, allow_missing=True, as_spans=False))


def test_the_domain_ruler_tries_its_token_patterns_only_near_anchors_and_finds_the_same(nlp, seed_path):
    ruler = nlp.get_pipe(RULER_NAME)
    assert isinstance(ruler.match, AnchoredRulerMatch)
    texts = seed_path.read_text(encoding="utf-8").split("\n\n") + _ODD_TEXTS
    for doc in map(nlp.make_doc, texts):
        assert ruler.match(doc) == EntityRuler.match(ruler, doc), doc.text


def test_a_paragraph_lead_in_label_is_a_sentence_of_its_own(nlp):
    doc = nlp("Short version: most of the French Canadians left Quebec for the United States.\n\nKurt Weill: left in 1933.")
    sents = [s.text.strip() for s in doc.sents]
    assert sents[0] == "Short version:"
    assert sents[1].startswith("most of the French Canadians")
    # a name before the colon stays in its clause
    assert any(s.startswith("Kurt Weill: left") for s in sents)


def test_two_places_the_ner_ran_into_one_entity_are_two(nlp):
    doc = nlp("My great-grandparents on my father's side left Cork for Boston in 1848.")
    assert [(e.text, e.label_) for e in doc.ents if e.label_ != "DATE"] == [("Cork", "GPE"), ("Boston", "GPE")]


def test_a_known_place_the_ner_took_for_a_date_or_a_thing_is_a_place(nlp):
    doc = nlp("A cousin of my grandfather left Colonia Clara for Winnipeg around 1912. His uncle retired to Cyprus.")
    assert {(e.text, e.label_) for e in doc.ents} >= {("Winnipeg", "GPE"), ("Cyprus", "GPE")}
    # a month stays a date
    doc = nlp("They left in May 1912 for Canada.")
    assert all(e.label_ != "GPE" or e.text == "Canada" for e in doc.ents)


def test_the_two_ends_of_a_date_range_are_one_date(nlp):
    doc = nlp("Between December 1960 and October 1962 about 14,000 children were flown out from Havana to Miami.")
    assert [e.text for e in doc.ents if e.label_ == "DATE"] == ["Between December 1960 and October 1962"]


def test_an_epithet_after_a_name_is_part_of_it(nlp):
    doc = nlp("Henry Vane the Younger sailed for England in 1637.")
    assert "Henry Vane the Younger" in [e.text for e in doc.ents if e.label_ == "PERSON"]
    assert "Younger" not in [e.text for e in doc.ents]


def test_a_place_opening_a_sentence_is_no_first_name_of_the_person_after_it(nlp):
    doc = nlp("The second trip was in 1651. In London Williams stayed with Vane for a while.")
    assert ("London", "GPE") in [(e.text, e.label_) for e in doc.ents]
    assert ("Williams", "PERSON") in [(e.text, e.label_) for e in doc.ents]


def test_a_given_name_and_a_surname_the_ner_took_for_a_place_or_missed_are_a_person(nlp):
    doc = nlp("She was shipped out of France in August 1873 with Nathalie Lemel and Henri Rochefort among others.")
    assert ("Henri Rochefort", "PERSON") in [(e.text, e.label_) for e in doc.ents]
    doc = nlp("- Moïse Tshombe himself. He fled to Spain.")
    assert ("Moïse Tshombe", "PERSON") in [(e.text, e.label_) for e in doc.ents]
    # a place, a bridge or a falls named after someone stays what the NER made it
    doc = nlp("They crossed the George Washington Bridge and went on to San Francisco.")
    assert all(e.label_ != "PERSON" for e in doc.ents)


def test_a_given_name_the_ner_tagged_alone_takes_the_surname_after_it(nlp):
    doc = nlp("The gymnast Ágnes Keleti stayed in Australia, moved to Israel in 1957, and went back to Budapest in 2015.")
    assert ("Ágnes Keleti", "PERSON") in [(e.text, e.label_) for e in doc.ents]


def test_a_name_listed_with_a_person_is_a_person_unless_a_place_or_a_people(nlp):
    doc = nlp("Savary and Charles Lallemand were on the Bellerophon.")
    assert ("Savary", "PERSON") in [(e.text, e.label_) for e in doc.ents]
    doc = nlp("Boston and Charles Dickens were both in the papers that year.")
    assert ("Boston", "PERSON") not in [(e.text, e.label_) for e in doc.ents]


def test_a_country_the_ner_ran_into_the_words_after_for_is_a_place(nlp):
    doc = nlp("In October 2014 Cuba sent 165 health workers to Sierra Leone for Ebola.")
    assert ("Sierra Leone", "GPE") in [(e.text, e.label_) for e in doc.ents]


def test_a_town_no_gazetteer_knows_run_into_a_known_one_by_for_are_two_places(nlp):
    doc = nlp("Fulvio Tomizza left his village near Umago for Trieste in 1955.")
    assert {("Umago", "GPE"), ("Trieste", "GPE")} <= {(e.text, e.label_) for e in doc.ents}


def test_a_spanish_second_surname_joined_by_y_is_part_of_the_name(nlp):
    doc = nlp("Archbishop José Mora y del Río of Mexico was expelled to the United States in 1927.")
    assert "Archbishop José Mora y del Río" in [e.text for e in doc.ents if e.label_ == "PERSON"]
