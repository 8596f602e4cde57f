"""The actor lexicon on crime and security news from the Americas: US and Latin
American security and justice bodies, regional criminal and armed groups, IGOs and NGOs of
the region, and the role nouns of crime reporting, resolved in sentences through the real
English model, and names matched case by case without one."""

from __future__ import annotations

import pytest
import spacy

from eventcoder.actors import ActorLexicon, find_names, load_actor_lexicon
from eventcoder.pipeline import Pipeline
from eventcoder.types import Actor, Document


@pytest.fixture(scope="module")
def lexicon() -> ActorLexicon:
    return load_actor_lexicon()


def coded_actors(pipeline: Pipeline, text: str) -> tuple[list[Actor], list[Actor]]:
    """The source and target actors of the events coded in a text."""
    parsed = pipeline.parse(Document(doc_id="crime", text=text))
    events = pipeline.coder.code(parsed)
    sources = [e.actor for e in events if e.actor is not None]
    targets = [e.target for e in events if e.target is not None]
    return sources, targets


def name_codes(lexicon: ActorLexicon, text: str) -> dict[str, str]:
    """Lexicon names found in a text (tokenised as the model does) and their codes."""
    doc = spacy.blank("en")(text)
    mentions = {m.start: m for m in find_names(doc[:], lexicon).values()}
    return {doc[m.start : m.end].text: m.entry.code for m in mentions.values()}


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("DEA agents arrested the suspect.", "USACOP"),
        ("US Attorney Laura E. Duffy accused the Sinaloa Cartel of murder.", "USAJUD"),
        ("The Treasury Department sanctioned the Cachiros.", "USAGOV"),
        ("Immigration and Customs Enforcement arrested 20 people in Texas.", "USACOP"),
        ("The Mexican Navy killed three gunmen.", "MEXMIL"),
        ("Mexican Navy personnel captured the drug lord.", "MEXMIL"),
        ("MS13 gang members killed a bus driver in San Salvador.", "SLVCRM"),
        ("FARC dissidents attacked the Colombian army.", "COLREB"),
        ("Law enforcement officials in Honduras arrested the Cachiros leaders.", "HNDCOP"),
        ("The CICIG accused the Guatemalan president of corruption.", "IGOUNO"),
        ("The EPP kidnapped a rancher in Paraguay.", "PRYREB"),
        ("Guatemala's Ministerio Publico arrested the mayor.", "GTMJUD"),
    ],
)
def test_security_bodies_and_groups_of_the_americas_are_coded_as_sources(
    pipeline: Pipeline, text: str, source: str
) -> None:
    sources, _ = coded_actors(pipeline, text)
    assert source in {a.code for a in sources}


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("The Treasury Department sanctioned the Cachiros.", "HNDCRM"),
        ("Colombian police arrested the hitman.", "COLCRM"),
        ("Honduran police arrested two sicarios.", "HNDCRM"),
        ("Guatemalan police arrested three suspects.", "GTMCRM"),
        ("MS13 gang members killed a bus driver in San Salvador.", "SLVLAB"),
        ("Guatemalan prosecutors accused the CICIG of bias.", "IGOUNO"),
    ],
)
def test_crime_news_targets_are_coded(pipeline: Pipeline, text: str, target: str) -> None:
    _, targets = coded_actors(pipeline, text)
    assert target in {a.code for a in targets}


@pytest.mark.parametrize(
    "text",
    [
        "The hitman shot the mayor.",
        "Kidnappers killed a businessman in Haiti.",
        "The criminal organization threatened journalists in Mexico.",
        "Colectivos attacked opposition protesters in Caracas.",
    ],
)
def test_crime_role_nouns_code_a_non_state_actor(pipeline: Pipeline, text: str) -> None:
    sources, _ = coded_actors(pipeline, text)
    assert sources and all(a.role in {"CRM", "PRM"} for a in sources)
    assert {a.role for a in sources} == ({"PRM"} if "Colectivos" in text else {"CRM"})


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("In El Salvador, the PNC arrested 30 gang members.", "SLVCOP"),
        ("Guatemala's PNC arrested the Texis Cartel leader.", "GTMCOP"),
    ],
)
def test_an_acronym_shared_by_countries_takes_the_story_country(
    pipeline: Pipeline, text: str, source: str
) -> None:
    sources, _ = coded_actors(pipeline, text)
    assert source in {a.code for a in sources}


def test_a_human_rights_group_is_an_ngo(pipeline: Pipeline) -> None:
    # the model lemmatises "rights" to "right": the role phrase must match that
    sources, _ = coded_actors(pipeline, "A human rights group condemned the Honduran police.")
    assert {a.role for a in sources} == {"NGO"}


@pytest.mark.parametrize(
    ("text", "name", "code"),
    [
        ("a raid by the Oficina de Envigado", "Oficina de Envigado", "COLCRM"),
        ("the Jalisco Cartel - New Generation", "Jalisco Cartel - New Generation", "MEXCRM"),
        ("the Jalisco Cartel-New Generation", "Jalisco Cartel-New Generation", "MEXCRM"),
        ("the Cartel of the Suns", "Cartel of the Suns", "VENCRM"),
        ("the Red Command", "Red Command", "BRACRM"),
        ("the AUC paramilitaries", "AUC", "COLPRM"),
        ("the Paraguayan People's Army", "Paraguayan People's Army", "PRYREB"),
        ("the 'Ndrangheta", "Ndrangheta", "ITACRM"),
        ("SEDENA said", "SEDENA", "MEXMIL"),
        ("the PGR said", "PGR", "MEXJUD"),
        ("UNODC said", "UNODC", "IGOUNO"),
        ("MACCIH said", "MACCIH", "IGOOAS"),
        ("WOLA said", "WOLA", "NGOWOL"),
        ("the Inter-American Development Bank", "Inter-American Development Bank", "IGOIDB"),
    ],
)
def test_regional_names_resolve_to_their_codes(
    lexicon: ActorLexicon, text: str, name: str, code: str
) -> None:
    assert name_codes(lexicon, text).get(name) == code


@pytest.mark.parametrize(
    "text",
    [
        "Peter Pan flew away",  # PAN, Mexico's party, only in capitals
        "a Dea in the story",
        "the Ice melted",
        "the PNC and the FGR said",  # shared by Guatemala and El Salvador: roles, not names
        "the MP and the National Guard",
    ],
)
def test_short_or_shared_acronyms_are_no_names(lexicon: ActorLexicon, text: str) -> None:
    assert name_codes(lexicon, text) == {}
