"""Crime and justice news with the rule coder and the real English model: accusations in
reported speech, arrests and captures, seizures, killings, former officials, group members,
and names that only look like places."""

from __future__ import annotations

import pytest

from eventcoder.ingest import document_from_text
from eventcoder.pipeline import Pipeline
from eventcoder.types import Document

Dyad = tuple[str | None, str | None, str]


def dyads(pipeline: Pipeline, text: str) -> set[Dyad]:
    parsed = pipeline.parse(Document(doc_id="crime", text=text))
    return {
        (
            c.actor.code if c.actor else None,
            c.target.code if c.target else None,
            c.cameo_code,
        )
        for c in pipeline.coder.code(parsed)
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Mexican authorities said the Sinaloa Cartel controls drug trafficking routes.",
            ("MEXGOV", "MEXCRM", "1121"),
        ),
        (
            "A former governor in Mexico has claimed that the Zetas run illegal coal mines.",
            ("MEXELI", "MEXCRM", "1121"),
        ),
    ],
)
def test_a_reported_crime_charge_is_an_accusation_of_the_accused(
    pipeline: Pipeline, text: str, expected: Dyad
) -> None:
    assert expected in dyads(pipeline, text)


@pytest.mark.parametrize(
    "text",
    [
        # a denial, not a charge
        "Lawyers for the two Mexicans said their clients had no part in the cocaine shipments.",
        # the clause codes its own act: the killing, not an accusation
        "Colombian police said gang members killed a bus driver.",
        # no crime in the reported clause: a statement
        "Iran said on Monday that the meeting had been useful.",
    ],
)
def test_reported_clauses_without_a_charge_are_no_accusation(pipeline: Pipeline, text: str) -> None:
    assert all(code != "1121" for _, _, code in dyads(pipeline, text))


def test_a_reported_killing_is_coded_as_the_killing_by_the_story_country_gang(
    pipeline: Pipeline,
) -> None:
    found = dyads(pipeline, "Colombian police said gang members killed a bus driver.")
    assert {(actor, code) for actor, _, code in found} == {("COLCRM", "1823")}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Mexican marines captured the leader of the Gulf Cartel in Matamoros.",
            ("MEXMIL", "MEXCRM", "173"),
        ),
        (
            "A US federal court indicted the Honduran congressman on drug trafficking charges.",
            ("USAJUD", "HNDLEG", "173"),
        ),
        (
            "Honduran police arrested former President Manuel Zelaya.",
            ("HNDCOP", "HNDELI", "173"),
        ),
        (
            "Colombian police seized two tons of cocaine from a fishing boat in Tumaco.",
            ("COLCOP", None, "1711"),
        ),
        ("Gang members killed a journalist in San Salvador.", ("SLVCRM", "SLVJRN", "1823")),
        (
            "Salvadoran soldiers killed three gang members in a shootout.",
            ("SLVMIL", "SLVCRM", "190"),
        ),
        (
            "Honduran police arrested the leader of the gang.",
            ("HNDCOP", "HNDCRM", "173"),
        ),
        (
            "Peruvian police dismantled a Colombian money laundering network in Lima.",
            ("PERCOP", "COLCRM", "170"),
        ),
    ],
)
def test_crime_and_justice_events(pipeline: Pipeline, text: str, expected: Dyad) -> None:
    assert expected in dyads(pipeline, text)


def test_capturing_a_town_is_still_an_occupation(pipeline: Pipeline) -> None:
    assert ("MEXMIL", None, "192") in dyads(pipeline, "Mexican troops captured the town.")


def test_a_passive_relative_clause_targets_the_noun_it_modifies(pipeline: Pipeline) -> None:
    text = "The Honduran congressman, who was arrested last week by Mexican police, is in jail."
    assert ("MEXCOP", "HNDLEG", "173") in dyads(pipeline, text)


def test_a_surname_that_is_a_capital_names_no_government(pipeline: Pipeline) -> None:
    text = "Customs Director Ana Lucia Lima told reporters that the smuggling routes had moved."
    assert all(actor != "PERGOV" for actor, _, _ in dyads(pipeline, text))


def test_a_capital_inside_an_organisation_name_locates_but_is_no_government(
    pipeline: Pipeline,
) -> None:
    found = dyads(pipeline, "Students hurled stones at riot police outside Tehran University.")
    assert found and all(actor != "IRNGOV" for actor, _, _ in found)


def test_a_person_known_by_an_alias_is_a_criminal_of_the_story_country(
    pipeline: Pipeline,
) -> None:
    text = 'Colombian police arrested Daniel Rendon Herrera, alias "Don Mario," in Uraba.'
    assert ("COLCOP", "COLCRM", "173") in dyads(pipeline, text)


def test_the_word_alias_parsed_as_subject_stands_for_the_name_before_it(
    pipeline: Pipeline,
) -> None:
    text = (
        "The Sinaloa Cartel is in Mexico. In a Chicago courtroom, Jose Luis Mendez "
        'Gamboa, alias "El Chato," pled not guilty to federal charges.'
    )
    assert ("MEXCRM", None, "016") in dyads(pipeline, text)


def test_pleading_guilty_admits_and_pleading_not_guilty_denies(pipeline: Pipeline) -> None:
    guilty = "The former Guatemalan vice president pleaded guilty to fraud charges."
    assert ("GTMELI", None, "015") in dyads(pipeline, guilty)
    assert ("HNDGOV", None, "020") in dyads(pipeline, "The Honduran minister pleaded for calm.")


def test_title_case_headlines_are_coded_as_sentences(pipeline: Pipeline) -> None:
    text = (
        "Peru Breaks Up Colombian Laundering Ring. Police in Peru broke up a ring run "
        "from Colombia, officials in Peru said."
    )
    parsed = pipeline.parse(Document(doc_id="headline", text=text))
    headline = [c for c in pipeline.coder.code(parsed) if c.sentence_index == 0]
    assert [(c.actor.code if c.actor else None, c.cameo_code) for c in headline] == [("PER", "170")]


def test_a_headline_past_participle_is_a_passive_without_agent(pipeline: Pipeline) -> None:
    text = "Guatemala Ex-VP Arrested. Police in Guatemala arrested the former vice president."
    parsed = pipeline.parse(Document(doc_id="headline", text=text))
    found = [
        (c.sentence_index, c.actor.code if c.actor else None, c.cameo_code)
        for c in pipeline.coder.code(parsed)
    ]
    assert found == [(1, "GTMCOP", "173")]  # Guatemala arrested no one


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Colombian authorities linked the car bomb to the ELN guerrillas.",
            ("COLGOV", "COLREB", "112"),
        ),
        (
            "The Honduran president blames criminal gangs for the recent killings.",
            ("HNDGOV", "HNDCRM", "112"),
        ),
    ],
)
def test_linking_or_blaming_names_the_accused(
    pipeline: Pipeline, text: str, expected: Dyad
) -> None:
    assert expected in dyads(pipeline, text)


def test_a_headline_to_infinitive_states_an_intent(pipeline: Pipeline) -> None:
    text = (
        "Honduras to Sign Security Agreement with US. Officials in Honduras said the "
        "agreement with the US is ready."
    )
    parsed = pipeline.parse(Document(doc_id="intent", text=text))
    headline = {
        (c.actor.code if c.actor else None, c.target.code if c.target else None, c.cameo_code)
        for c in pipeline.coder.code(parsed)
        if c.sentence_index == 0
    }
    assert headline == {("HND", "USA", "030")}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Bolivian police detained three men in La Paz suspected of kidnapping.",
            ("BOLCOP", "BOLCRM", "173"),
        ),
        ("Police in Mexico arrested a man wanted for murder.", ("MEXCOP", "MEXCRM", "173")),
        (
            "Colombian troops killed civilians accused of collaborating with rebels.",
            ("COLMIL", "COLCVL", "190"),  # a charge that names no crime makes no criminal
        ),
        (
            "The FARC attacked a base. Colombian troops later bombed the group.",
            ("COLMIL", "COLREB", "195"),
        ),
    ],
)
def test_suspects_and_groups_referred_back_to(
    pipeline: Pipeline, text: str, expected: Dyad
) -> None:
    assert expected in dyads(pipeline, text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Rival gangs clashed in Honduras.", {("HNDCRM", "HNDCRM", "190")}),
        ("Iraq and Iran clashed.", {("IRQ", "IRN", "190"), ("IRN", "IRQ", "190")}),
        ("Syrian troops clashed with Turkish forces.", {("SYRMIL", "TURMIL", "190")}),
        # another party named, though not coded, or parties joined: not a group among itself
        ("Iraqi troops clashed with Kurdish Peshmerga fighters.", {("IRQMIL", None, "190")}),
        (
            "Indian and Chinese troops clashed in the valley.",
            {("INDMIL", "CHNMIL", "190"), ("CHNMIL", "INDMIL", "190")},
        ),
    ],
)
def test_clashes_without_a_target_are_among_the_actors(
    pipeline: Pipeline, text: str, expected: set[Dyad]
) -> None:
    assert dyads(pipeline, text) == expected


def test_a_speech_verb_with_an_object_and_no_clause_is_no_statement(pipeline: Pipeline) -> None:
    text = "The Mexican capo can maintain the criminal organization's power."
    assert all(code != "010" for _, _, code in dyads(pipeline, text))
    said = "Mexican officials maintained that the cartel was weakened."
    assert ("MEXGOV", None, "010") in dyads(pipeline, said)


def test_two_named_groups_with_one_code_are_actor_and_target(pipeline: Pipeline) -> None:
    text = "The Zetas attacked the Gulf Cartel in Tamaulipas."
    assert dyads(pipeline, text) == {("MEXCRM", "MEXCRM", "190")}
    same = "The Honduran government criticized the Honduran government."
    assert dyads(pipeline, same) == {("HNDGOV", None, "111")}


def test_the_news_media_investigating_or_reporting_is_no_event(pipeline: Pipeline) -> None:
    text = "An investigation by the Honduran newspaper La Prensa found that police had stolen."
    assert all(code[:2] not in {"01", "09"} for _, _, code in dyads(pipeline, text))


def test_a_pronoun_subject_of_a_reported_clause_is_the_speaker(pipeline: Pipeline) -> None:
    text = "Mexican police said they arrested two gang members."
    assert dyads(pipeline, text) == {("MEXCOP", "MEXCRM", "173")}


def test_a_titled_name_is_remembered_for_later_mentions_and_he(pipeline: Pipeline) -> None:
    text = (
        "Speaking at a forum in Miami, Colombian Defense Minister Juan Carlos Pinzon gave new "
        "figures. According to Pinzon, the FARC earns billions from drug trafficking. He said "
        "the figures were reliable."
    )
    parsed = pipeline.parse(Document(doc_id="pinzon", text=text))
    found = {
        (c.sentence_index, c.actor.code if c.actor else None, c.cameo_code)
        for c in pipeline.coder.code(parsed)
    }
    assert (1, "COLGOV", "1121") in found
    assert (2, "COLGOV", "010") in found


def test_coordinated_owners_of_a_role_are_one_actor_each(pipeline: Pipeline) -> None:
    text = "US and Israeli forces struck the base. Israeli and Hezbollah forces clashed."
    events = pipeline.events(pipeline.parse(document_from_text(text, "d1")))
    struck = [e.candidate for e in events if e.sentence.index == 0]
    assert {c.actor.code for c in struck if c.actor} == {"USAMIL", "ISRMIL"}
    assert len({c.group_id for c in struck}) == 1 and struck[0].group_id is not None
    clashed = {(e.candidate.actor, e.candidate.target) for e in events if e.sentence.index == 1}
    codes = {(a.code if a else None, t.code if t else None) for a, t in clashed}
    assert ("ISRMIL", "LBNREB") in codes and ("LBNREB", "ISRMIL") in codes
