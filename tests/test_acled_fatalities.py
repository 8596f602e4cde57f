"""Fatalities: the number of people a sentence says were killed, and the words saying it."""

from __future__ import annotations

import pytest

from eventcoder.acled_fatalities import find_fatalities, number_value


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("The blast killed at least 12 people and wounded 30.", 12),
        ("Three soldiers were killed and two wounded.", 3),
        ("Gunmen killed five villagers.", 5),
        ("A soldier was killed when his patrol came under fire.", 1),
        ("The attack left three dead.", 3),
        ("Militants killed 5 soldiers and 3 civilians.", 8),
        ("The death toll rose to 30 on Sunday.", 30),
        ("Two people died and seven were injured.", 2),
        ("Four nurses were killed and their driver was badly hurt.", 4),
        ("Twenty-one people lost their lives in the attack.", 21),
        ("A grenade blast killed ten shoppers and injured 48 others.", 10),
        ("Six persons were killed on Wednesday night and 23 others injured.", 6),
        ("The clashes left one protester dead and dozens injured.", 1),
        ("A civilian was killed, and 65 others injured.", 1),
        ("Police shot dead a suspect.", 1),
        ("The militants killed a policeman and wounded two others.", 1),
        ("The shelling killed 6 civilians, including 2 women.", 6),
        ("The bombing on 14 December killed two.", 2),
        ("In 2019, 300 people were killed in the region.", 300),
        ("Two farmers were hacked to death in their fields.", 2),
        ("The fire claimed 14 lives.", 14),
        ("The fighting resulted in 23 deaths.", 23),
        ("Four men were gunned down outside a bar.", 4),
        ("Two dozen villagers were killed in the raid.", 24),
        ("The crash killed all 12 passengers.", 12),
        ("The raid killed between 3 and 5 people.", 3),
        ("A car bomb killed at least 7 and wounded 20.", 7),
        ("The death toll from the suicide attack rose to 40.", 40),
        ("Masked men beheaded three herders near the well.", 3),
        ("Gunmen gunned down four shopkeepers in the market.", 4),
        ("A mob lynched two suspected thieves on Saturday.", 2),
        ("The slayings of two judges shocked the capital.", 2),
        ("The blast at the gate caused the death of four guards.", 4),
        ("A bomber blew himself up at a checkpoint, killing himself and three soldiers.", 4),
        ("A sniper killed the driver of the bus.", 1),
        ("After her attackers killed her son, she fled.", 1),
        ("Four guards and a cook were killed in the night raid.", 5),
        ("Two officers and three drivers died when the convoy was hit.", 5),
        ("Police recovered the bodies of 8 herders near the river.", 8),
        ("The massacre of 30 villagers drew condemnation.", 30),
    ],
)
def test_stated_tolls_are_counted_exactly(text: str, count: int) -> None:
    found = find_fatalities(text)

    assert found is not None and found.count == count
    assert text[found.start : found.end] == found.text


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("The strike killed several fighters.", 10),
        ("Dozens of people were killed in the shelling.", 12),
        ("Hundreds of people were killed.", 100),
    ],
)
def test_vague_tolls_follow_the_acled_conventions(text: str, count: int) -> None:
    found = find_fatalities(text)

    assert found is not None and found.count == count


@pytest.mark.parametrize(
    "text",
    ["There were no casualties.", "No one was hurt in the attack.", "Nobody died in the fire."],
)
def test_a_text_saying_nobody_died_gives_zero(text: str) -> None:
    found = find_fatalities(text)

    assert found is not None and found.count == 0


@pytest.mark.parametrize(
    "text",
    [
        "Police dispersed the crowd.",
        "The fighting killed or wounded 20 people.",
        "Two days after the attack, officials spoke.",
        "Five people were wounded in the explosion.",
    ],
)
def test_no_count_when_the_text_states_no_toll(text: str) -> None:
    assert find_fatalities(text) is None


def test_offsets_index_the_document_when_given_the_sentence_offset() -> None:
    document = "Markets reopened. A bomb killed four people near the port."
    start = document.index("A bomb")

    found = find_fatalities(document[start:], start)

    assert found is not None and found.count == 4
    assert document[found.start : found.end] == found.text == "killed four"


def test_number_words_and_digits_are_read() -> None:
    assert [number_value(w) for w in ("seven", "forty-two", "1,250", "a dozen")] == [
        7,
        42,
        1250,
        12,
    ]
