"""ACLED typing reads events by the tactics and means that tell their type when no type word
is used: burning barricades and blocked roads, bombs thrown, worn or driven in, gas released
on people, weapons dug up or shown, posts set up, places walked into without a shot, people
held or carried off; and it keeps words that only name units, symptoms or speakers apart."""

from __future__ import annotations

import pytest
from helpers import first_acled_typed

from eventcoder.pipeline import Pipeline

TACTICS: list[tuple[str, str]] = [
    # a demonstration's violent tactics
    ("Taxi drivers angry at a new toll blocked the ring road with burning tyres.", "Violent"),
    ("Hooded students set tyres alight outside the law faculty in Marno.", "Violent"),
    ("Thousands joined a countrywide strike, cutting highways and rail lines at dawn.", "Violent"),
    ("Backers of the mayor hurled bottles at riot police outside the town hall.", "Violent"),
    ("Pensioners marched peacefully to the treasury to demand their arrears.", "Peaceful"),
    # crowds fighting others, with no demonstration and no state force
    ("Crowds torched shops and burned homes of the minority in Varlo overnight.", "Mob violence"),
    ("Supporters of two rival candidates fought with clubs at the market in Teso.", "Mob"),
    ("Youths clashed with riot police near the stadium after the match was called off.", "Viol"),
    # force on protesters
    ("Soldiers fired on villagers protesting a land grab near Oyo, killing two.", "Excessive"),
    (
        "Police charged a sit-in of nurses at the clinic, leaving six nurses badly injured.",
        "Excess",
    ),
    ("Tear gas was fired at shopkeepers who had gathered to protest a new tax.", "Protest with"),
    ("Police held dozens of people at a banned rally in the capital on Sunday.", "Protest with"),
    # means told by how the bomb came
    ("A man on a scooter tossed an explosive into a crowded bar in Lunde.", "Grenade"),
    ("A fighter steered a van loaded with explosives into the barracks wall at Duro.", "Suicide"),
    ("Two young women wearing explosives blew up a bus queue in Kamsa.", "Suicide bomb"),
    ("Villagers choked and vomited after troops fired shells that released a green gas.", "Chem"),
    ("The militia sent a swarm of drones against the oil terminal at Brest Point.", "Air"),
    ("Army helicopters made bombing runs over the hills east of Tarno.", "Air/drone"),
    # weapons taken out of use
    ("Workers dug up an old artillery shell at a building site, and it was made safe.", "Disrupt"),
    ("Soldiers displayed mortar bombs and rockets recovered from a rebel camp.", "Disrupted"),
    ("Engineers pulled forty mines out of a dry canal near Sela.", "Disrupted weapons"),
    # posts, places and people
    ("A foreign contingent established a fresh military position on the ridge above Kiri.", "Head"),
    (
        "Rebel fighters drove into Masso hours after the garrison left, and no shots were fired.",
        "Non-violent",
    ),
    ("The departing contingent handed the airbase over to the national army.", "Non-violent"),
    ("Gunmen seized reporter Tomas Varga from his car outside his office.", "Abduction"),
    ("Three soldiers on patrol were seized by rebels near the border.", "Abduction"),
    ("Police officers picked up twelve members of the banned party on Friday.", "Arrests"),
    ("The ceasefire between the army and the rebels will take effect at dawn.", "Agreement"),
    ("Forensic teams exhumed thirty bodies from a secret grave on a ranch.", "Other"),
    # places told as held now, people gone after being taken
    ("Two rebel camps in the delta are now in army hands, the navy said.", "Government regains"),
    ("Separatist fighters now hold a bridge town on the northern highway.", "Non-state actor"),
    ("Four students have disappeared after soldiers picked them up at a checkpoint.", "Abduction"),
    # arms finds, marches, a protest that turned
    ("A raid on a farmhouse netted four rifles, ten magazines and two grenades.", "Disrupted"),
    ("Thousands joined a silent march in the capital on Sunday.", "Peaceful"),
    (
        "Riot police broke up a sit-in at the ministry. Nine of the protesters were"
        " hospitalised with wounds.",
        "Excessive",
    ),
    (
        "Passengers ran from the station after a blast. Police said a bomber blew himself up.",
        "Suicide",
    ),
    ("Soldiers thwarted an attack on their post near Kalo, killing four gunmen.", "Armed clash"),
]


@pytest.mark.parametrize(("text", "sub_event_type"), TACTICS)
def test_the_tactic_or_means_tells_the_type(
    pipeline: Pipeline, text: str, sub_event_type: str
) -> None:
    row = first_acled_typed(pipeline, text)

    assert row is not None and row["acled_sub_event_type"].startswith(sub_event_type)


@pytest.mark.parametrize(
    "text",
    [
        "The ministry said two new assault brigades had been formed with artillery battalions.",
        "The firm dismantled its old factory and sold the land.",
        "Police dismantled a drug ring that ran cocaine through the port.",
        "A truck with new tyres was parked near the market.",
        "The party established a new position on tax reform.",
        "Police held a press conference on Monday.",
        "The two armies have been fighting along the river since the spring.",
        "A march against the new tax is set to take place on Friday.",
        "The prime minister held talks with the visiting defence chief on Monday.",
    ],
)
def test_words_that_only_name_things_give_no_event(pipeline: Pipeline, text: str) -> None:
    row = first_acled_typed(pipeline, text)

    assert row is None, row and row["acled_sub_event_type"]


def test_rockets_recovered_and_then_fired_are_an_attack(pipeline: Pipeline) -> None:
    text = "Rebels fired rockets taken from an army depot at the town, killing three."

    row = first_acled_typed(pipeline, text)

    assert row is not None and row["acled_sub_event_type"].startswith("Shelling")


def test_a_gun_pulled_out_to_kill_is_no_weapon_seized(pipeline: Pipeline) -> None:
    row = first_acled_typed(pipeline, "A gunman pulled out a pistol and shot the driver dead.")

    assert row is not None and row["acled_sub_event_type"] == "Attack"


def test_a_ceasefire_set_to_take_effect_was_agreed(pipeline: Pipeline) -> None:
    text = "The truce between the army and the rebels is set to take effect at midnight."

    row = first_acled_typed(pipeline, text)

    assert row is not None and row["acled_sub_event_type"] == "Agreement"


def test_a_gang_blamed_for_kidnappings_is_no_kidnapping(pipeline: Pipeline) -> None:
    text = "Police said the gang blamed for the kidnappings was based in the hills."

    row = first_acled_typed(pipeline, text)

    assert row is None or not row["acled_sub_event_type"].startswith("Abduction")
