"""ACLED records only some of what news tells with its words: an arrest of a political actor,
not of a shoplifter; the expulsion of a population, not of a diplomat; a truce, not a trade
deal; an attack that happened, not one a man is held on suspicion of, one waged online or
one troops stand ready for in case it comes. Each case has a counterpart that keeps its type."""

from __future__ import annotations

import pytest
from helpers import first_acled_typed

from eventcoder.pipeline import Pipeline

RECORDED: list[tuple[str, str]] = [
    ("Police arrested two opposition leaders in Kelso on Monday.", "Arrests"),
    ("Police arrested the town's mayor on fraud charges.", "Arrests"),
    ("Police arrested three men who were carrying rifles near the border.", "Arrests"),
    ("Militants released twelve hostages they had held for a month.", "Agreement"),
    ("The authorities freed a jailed blogger and two student activists.", "Agreement"),
    ("Two aid workers were released from captivity on Friday.", "Agreement"),
    ("The rebels and the army signed a ceasefire agreement in Varno.", "Agreement"),
    ("Soldiers expelled hundreds of villagers from the valley.", "Other"),
    ("The cabinet declared a state of emergency across the northern provinces.", "Change to group"),
    ("Authorities imposed a curfew on the port city after a night of looting.", "Change to group"),
    ("Martial law was declared in the capital on Sunday.", "Change to group"),
    ("Rebels seized control of the town of Lasso on Monday.", "Non-state actor"),
    ("Dock workers began a strike for higher pay at the port on Monday.", "Peaceful protest"),
    ("Jets carried out two air strikes on the town of Marel on Monday.", "Air/drone strike"),
    ("The prisoner died because of torture in the jail at Koba, his family said.", "Attack"),
    ("A union organiser died in a cell at Tarn after torture.", "Attack"),
    ("Hundreds held a demonstration of solidarity with the strikers in Lome.", "Peaceful protest"),
    ("Police shot back at the gunmen, killing two of them.", "Armed clash"),
    ("Gunmen shot up a bar in the town of Vila, killing four.", "Attack"),
    ("Soldiers seized a lorry loaded with rifles at the Tamo checkpoint.", "Disrupted"),
]


@pytest.mark.parametrize(("text", "sub_event_type"), RECORDED)
def test_events_acled_records_keep_their_type(
    pipeline: Pipeline, text: str, sub_event_type: str
) -> None:
    row = first_acled_typed(pipeline, text)

    assert row is not None and row["acled_sub_event_type"].startswith(sub_event_type)


NOT_RECORDED: list[str] = [
    # routine arrests, arrests asked for, people leaving jail
    "Police detained a man for shoplifting at the mall.",
    "Officers arrested twenty members of a credit card fraud ring.",
    "A judge issued an arrest warrant for the singer.",
    "A judge ordered the release of the former governor from jail.",
    "The activist's brother died in custody last year, the report said.",
    # acts told as suspicions, verdicts, denials
    "Police arrested a man on suspicion of assaulting his neighbour.",
    "A court convicted the officer of beating a detainee in 2015.",
    "The ministry denied that its troops shelled the village.",
    # online, in case, in a count
    "The state launched cyber attacks on the ministry websites.",
    "Troops stayed on alert in case fighting breaks out again.",
    "The air force has carried out more than thirty air strikes this year.",
    "Bandits have killed at least forty people in the state since 2019.",
    # diplomacy, trade and firms
    "The ministry expelled two diplomats over the spying row.",
    "The two countries signed a trade agreement on Tuesday.",
    "The court released the reporter but barred him from leaving the country.",
    "Police released the suspect on bail.",
    "The smuggler was freed from jail in May after serving his sentence.",
    "The army released a video of the raid.",
    "Customs officers seized a lorry loaded with cocaine at the port.",
    "The army seized control of two charities owned by the sect.",
    "A father fighting for justice for his son met the minister.",
    "The team was tortured by the heat in the final.",
    "A pilot was killed when his plane crashed near the airfield.",
    "The premier resigned after weeks of protests.",
    "Two air forces agreed to hold a joint exercise next spring.",
    # habits, conditions, counts and what follows an event
    "Each time a bus driver is killed, the company sends flowers.",
    "If you do not pay them, they kill you.",
    "Gangs in the port have been known to set fire to lorries.",
    "Guards shot one inmate dead for every 300 escapes, the study found.",
    "Police held 510 suspects in 2019, up from 401 in 2018.",
    "The square honours the mayor who was murdered in 1994 by gunmen.",
    "The feud between the clans has led to hundreds of killings across the valley.",
    "Detectives are seeking a third man in connection with the murder.",
    "Little is known about the circumstances of the killing.",
    "Officials voiced concern about the escalation of the fighting in the valley.",
    "Prosecutors indicted the commander for the attacks on the villages.",
    "Investigators asked whether the stolen rifles had been fired in an ambush near Kolo.",
    "Rebels will free the hostages as long as the army withdraws.",
    # words of events used for other things
    "The growers gave a striking demonstration of the balloon effect.",
    "Demand for rifles has shot up in the region.",
    "The governor shot back at his rival, saying he had links to militias.",
    "Women occupy important positions in the cartel.",
    "The weekly released details of a statement by a driver of the boss.",
]


@pytest.mark.parametrize("text", NOT_RECORDED)
def test_what_acled_does_not_record_gets_no_type(pipeline: Pipeline, text: str) -> None:
    row = first_acled_typed(pipeline, text)

    assert row is None, row and (row["acled_sub_event_type"], row["acled_rule_id"])


def test_superscript_and_other_digits_beside_events_are_read_without_error(
    pipeline: Pipeline,
) -> None:
    for text in ("Clashes ¹ in the north.", "Police arrested ² people.", "Rebels made ³ raids."):
        first_acled_typed(pipeline, text)  # no error on digits int() cannot read
