"""Title-case headlines are parsed in sentence case, with the document's own text kept."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from eventcoder.nlp import NLP, headline_case

STORY = (
    "Chile Breaks Up Gun Smuggling Network Bringing US Rifles. Authorities in Chile "
    "say a gun smuggling network brought rifles from the United States."
)


def test_title_case_headline_words_the_body_writes_in_lower_case_are_lowered() -> None:
    assert headline_case(STORY).startswith(
        "Chile breaks up gun smuggling network bringing US rifles. Authorities in Chile"
    )


def test_names_the_body_capitalizes_mid_sentence_and_acronyms_keep_their_case() -> None:
    text = "Peru Breaks Up Colombia Laundering Ring. Police in Peru broke up a ring from Colombia."
    assert headline_case(text).startswith("Peru breaks up Colombia laundering ring.")


def test_sentence_case_text_and_texts_without_a_headline_are_unchanged() -> None:
    prose = "A joint operation by the US and Israel hit the crossing. The strike killed two."
    single = "Iraq Condemns Israeli Strike On Syria."
    assert headline_case(prose) == prose
    assert headline_case(single) == single


def test_an_abbreviation_is_no_headline_end() -> None:
    text = "Mexico Sends U.S. Weapons Back To Texas. The weapons went from Mexico to Texas."
    assert headline_case(text).startswith("Mexico sends U.S. weapons back to Texas.")


@given(st.text(alphabet=st.characters(codec="ascii"), max_size=300))
def test_the_cased_text_has_the_same_length_and_letters(text: str) -> None:
    cased = headline_case(text)
    assert len(cased) == len(text)
    assert cased.lower() == text.lower()


def test_a_parse_keeps_the_original_text_and_parses_the_headline_as_a_sentence(
    nlp: NLP,
) -> None:
    doc = nlp.parse(STORY)
    assert doc.text == STORY
    verb = next(t for t in doc if t.text == "Breaks")
    assert (verb.pos_, verb.lemma_) == ("VERB", "break")
    assert next(t for t in doc if t.text == "Chile").dep_ == "nsubj"
    many = next(iter(nlp.parse_many([STORY])))
    assert [(t.text, t.dep_, t.head.i) for t in many] == [(t.text, t.dep_, t.head.i) for t in doc]


def test_a_name_the_body_writes_capitalized_only_at_sentence_starts_keeps_its_capital() -> None:
    text = "Mexico to Extradite Drug Lord. Mexico said it would extradite the drug lord."
    assert headline_case(text).startswith("Mexico to extradite drug lord.")
