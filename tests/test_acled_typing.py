"""ACLED typing: each sentence's ACLED event by the codebook's rules, on hand-written news
sentences of every sub-event type; events ACLED does not record get no type."""

from __future__ import annotations

import pytest
from helpers import first_acled_typed

from eventcoder.acled_typing import ACLED_CODER, AcledTyper, acled_compatible, acled_rule_id
from eventcoder.ingest import document_from_text
from eventcoder.pipeline import Pipeline

SENTENCES: list[tuple[str, str | None]] = [
    (
        "Government troops recaptured the town of Marlo from insurgents on Tuesday.",
        "Government regains territory",
    ),
    (
        "The army regained control of three villages near the border after a week of fighting.",
        "Government regains territory",
    ),
    (
        "Security forces liberated the district from the militants on Friday.",
        "Government regains territory",
    ),
    (
        "Rebels took control of the provincial capital on Sunday.",
        "Non-state actor overtakes territory",
    ),
    (
        "The town of Sarno fell to the insurgents after a two-day siege.",
        "Non-state actor overtakes territory",
    ),
    (
        "Militants overran an army outpost in the north, the ministry said.",
        "Non-state actor overtakes territory",
    ),
    (
        "Insurgents captured the strategic town of Pello in a dawn offensive.",
        "Non-state actor overtakes territory",
    ),
    (
        "The militia seized two oil fields without a fight after the guards fled.",
        "Non-violent transfer of territory",
    ),
    (
        "Government forces withdrew from the town, handing it over to local militias.",
        "Non-violent transfer of territory",
    ),
    ("The two warring parties signed a ceasefire agreement in the capital on Monday.", "Agreement"),
    (
        "The government and the rebel movement reached a peace deal after months of talks.",
        "Agreement",
    ),
    ("Both sides exchanged prisoners under the deal brokered by the United Nations.", "Agreement"),
    ("Fifty fighters surrendered to the army along with their weapons.", "Agreement"),
    (
        "The army deployed additional troops to the border region on Wednesday.",
        "Change to group/activity",
    ),
    (
        "Two armed groups announced that they had merged into a single alliance.",
        "Change to group/activity",
    ),
    ("Dozens of militiamen defected to the government side.", "Change to group/activity"),
    ("Reinforcements arrived in the city as tensions rose.", "Change to group/activity"),
    (
        "The rebels set up a new headquarters in the mountain village.",
        "Headquarters or base established",
    ),
    ("Troops established a military base near the airport.", "Headquarters or base established"),
    ("Police defused a bomb planted near the market.", "Disrupted weapons use"),
    (
        "Soldiers found a cache of weapons and explosives in an abandoned house.",
        "Disrupted weapons use",
    ),
    ("Air defences shot down two drones over the city.", "Disrupted weapons use"),
    (
        "Police seized 20 rifles and 3,000 rounds of ammunition at a checkpoint.",
        "Disrupted weapons use",
    ),
    ("Police arrested 15 people suspected of links to the group.", "Arrests"),
    ("Security forces detained a prominent opposition leader at his home.", "Arrests"),
    ("Gunmen looted shops and set fire to houses in the village.", "Looting/property destruction"),
    (
        "Unidentified assailants torched a school building overnight.",
        "Looting/property destruction",
    ),
    ("Thousands of people marched through the capital to demand higher wages.", "Peaceful protest"),
    ("Teachers staged a sit-in outside the ministry of education.", "Peaceful protest"),
    ("Students rallied peacefully on campus against the new fees.", "Peaceful protest"),
    (
        "Police fired tear gas to disperse hundreds of demonstrators in the city centre.",
        "Protest with intervention",
    ),
    (
        "Police arrested dozens of protesters who gathered outside parliament.",
        "Protest with intervention",
    ),
    (
        "Security forces opened fire on protesters, killing three.",
        "Excessive force against protesters",
    ),
    (
        "Soldiers shot dead two demonstrators during a march in the capital.",
        "Excessive force against protesters",
    ),
    (
        "Protesters threw stones at police and burned tyres on the main road.",
        "Violent demonstration",
    ),
    ("Rioters torched cars and looted shops after the verdict.", "Violent demonstration"),
    ("Demonstrators clashed with police outside the governor's office.", "Violent demonstration"),
    ("An angry mob beat a suspected thief to death in the market.", "Mob violence"),
    ("Villagers lynched two men accused of stealing cattle.", "Mob violence"),
    (
        "Government forces and rebels clashed near the border, leaving ten fighters dead.",
        "Armed clash",
    ),
    ("Militants attacked an army checkpoint, killing four soldiers.", "Armed clash"),
    ("Troops ambushed a rebel convoy in the forest.", "Armed clash"),
    ("Gunmen killed five villagers in an attack on a remote settlement.", "Attack"),
    ("Unidentified gunmen shot dead a journalist outside his house.", "Attack"),
    ("Bandits attacked a bus, killing seven passengers.", "Attack"),
    ("Armed men kidnapped 12 students from a boarding school.", "Abduction/forced disappearance"),
    (
        "Militants abducted an aid worker on the road to the airport.",
        "Abduction/forced disappearance",
    ),
    ("Soldiers raped several women during the raid on the village.", "Sexual violence"),
    (
        "Warplanes struck rebel positions near the city, killing at least 12 fighters.",
        "Air/drone strike",
    ),
    ("A drone strike hit a car carrying two militant commanders.", "Air/drone strike"),
    (
        "The army shelled residential areas of the town overnight.",
        "Shelling/artillery/missile attack",
    ),
    ("Rebels fired mortar rounds at the military base.", "Shelling/artillery/missile attack"),
    (
        "A rocket hit a residential building, wounding four people.",
        "Shelling/artillery/missile attack",
    ),
    (
        "A roadside bomb exploded near a police patrol, killing two officers.",
        "Remote explosive/landmine/IED",
    ),
    ("A landmine killed three children who were herding goats.", "Remote explosive/landmine/IED"),
    ("A car bomb went off outside a hotel in the capital.", "Remote explosive/landmine/IED"),
    ("An explosion ripped through a crowded market on Sunday.", "Remote explosive/landmine/IED"),
    ("A suicide bomber blew himself up at a mosque, killing 30 worshippers.", "Suicide bomb"),
    ("Attackers hurled a grenade into a bar, injuring nine people.", "Grenade"),
    (
        "Government forces used chlorine gas against the besieged district, witnesses said.",
        "Chemical weapon",
    ),
    ("Three soldiers were killed in the north on Monday.", "Armed clash"),
    ("Two civilians were killed by unknown gunmen.", "Attack"),
    ("Iran condemned the attack and called for restraint.", None),
    ("The foreign minister met his counterpart to discuss trade.", None),
    ("The president said the country would not negotiate with terrorists.", None),
    ("Rebels threatened to attack the city if their demands were not met.", None),
    (
        "The army took the town of Bera after three days of heavy fighting.",
        "Government regains territory",
    ),
    (
        "Rebel fighters have taken full control of the border crossing, residents said.",
        "Non-state actor overtakes territory",
    ),
    (
        "Jihadists captured Mabor on Friday after government troops fled.",
        "Non-state actor overtakes territory",
    ),
    (
        "The military said it had cleared the last pockets of resistance in the city.",
        "Government regains territory",
    ),
    (
        "Government forces advanced into the rebel-held district of Tarn on Monday.",
        "Government regains territory",
    ),
    (
        "The insurgents seized a police station and an army camp in the east.",
        "Non-state actor overtakes territory",
    ),
    ("The rebels agreed to hand over their weapons under the accord.", "Agreement"),
    ("The government and the armed group signed a peace accord in the capital.", "Agreement"),
    ("A truce between the two militias took effect on Monday.", "Agreement"),
    ("The militants released ten hostages in exchange for a ransom.", "Agreement"),
    ("The army and the rebels agreed to a 72-hour humanitarian pause.", "Agreement"),
    ("Police arrested three suspects and seized two pistols.", "Arrests"),
    (
        "Customs officers intercepted a truck carrying 200 rifles at the border.",
        "Disrupted weapons use",
    ),
    (
        "Bomb disposal experts detonated an unexploded shell found in a field.",
        "Disrupted weapons use",
    ),
    ("Militants shot down an army helicopter, killing its crew.", "Armed clash"),
    ("Two soldiers were wounded when militants hurled a grenade at their post.", "Grenade"),
    ("A grenade blast at a bus stop injured six people.", "Grenade"),
    ("Unknown attackers lobbed a grenade into a police station on Friday.", "Grenade"),
    (
        "An improvised explosive device went off near a convoy, wounding three soldiers.",
        "Remote explosive/landmine/IED",
    ),
    ("Heavy fighting broke out between the army and rebels in the north.", "Armed clash"),
    (
        "Soldiers killed 15 militants during an operation in the forest, the army said.",
        "Armed clash",
    ),
    ("Rebels attacked a military base overnight, the army said.", "Armed clash"),
    ("The two factions fought for control of the market, leaving six dead.", "Armed clash"),
    ("Insurgents ambushed a police patrol, killing four officers.", "Armed clash"),
    ("Gunmen opened fire on worshippers at a church, killing eight.", "Attack"),
    ("Armed men stormed the village and killed 11 farmers.", "Attack"),
    ("Hundreds of workers went on strike over unpaid wages.", "Peaceful protest"),
    (
        "Residents blocked a highway with burning tyres to protest power cuts.",
        "Violent demonstration",
    ),
    (
        "Riot police used tear gas and water cannon against thousands of demonstrators.",
        "Protest with intervention",
    ),
    (
        "Police detained 40 activists during an opposition rally in the city.",
        "Protest with intervention",
    ),
    (
        "Hundreds of supporters of the opposition leader gathered outside the court.",
        "Peaceful protest",
    ),
    (
        "Angry youths set fire to a police station after a man died in custody.",
        "Violent demonstration",
    ),
    ("Troops were deployed to the capital ahead of the election.", "Change to group/activity"),
    (
        "The armed group announced a new leader after the death of its founder.",
        "Change to group/activity",
    ),
    ("Looters ransacked shops in the city centre overnight.", "Looting/property destruction"),
    ("Militants burned down a school in the village.", "Looting/property destruction"),
    ("Police discovered a mass grave containing 30 bodies.", "Other"),
    ("Militants kidnapped a local chief and his two sons.", "Abduction/forced disappearance"),
    ("Israeli jets struck targets in southern Lebanon on Tuesday.", "Air/drone strike"),
    (
        "Artillery fire hit a residential district, killing two civilians.",
        "Shelling/artillery/missile attack",
    ),
    (
        "A missile struck an apartment block in the city, killing nine.",
        "Shelling/artillery/missile attack",
    ),
    ("Government helicopters bombed rebel positions in the hills.", "Air/drone strike"),
    (
        "Three policemen were killed when their vehicle hit a landmine.",
        "Remote explosive/landmine/IED",
    ),
    ("The army said it repelled an attack on its positions near the border.", "Armed clash"),
    (
        "The militia set up checkpoints on the main road into the city.",
        "Headquarters or base established",
    ),
    ("The president said the election would be held in May.", None),
    ("The two countries agreed to expand trade and investment.", None),
    ("The UN called for an investigation into the killings.", None),
    ("Officials said the bridge will reopen next week.", None),
    (
        "Clashes between troops and militants in the north left 14 people dead, officials said.",
        "Armed clash",
    ),
    (
        "The army said its troops killed six insurgents in a gunfight near the border on Sunday.",
        "Armed clash",
    ),
    (
        "Militants stormed a military outpost overnight, sparking a firefight that lasted hours.",
        "Armed clash",
    ),
    ("Two policemen were shot dead by suspected rebels at a checkpoint.", "Armed clash"),
    (
        "Gunmen on motorbikes killed 12 people at a weekly market in the north of the country.",
        "Attack",
    ),
    (
        "Suspected herders attacked a farming community, killing 23 residents and burning homes.",
        "Attack",
    ),
    (
        "A journalist was found dead days after he was abducted by armed men.",
        "Abduction/forced disappearance",
    ),
    (
        "Soldiers arrested a local official and two aides on suspicion of aiding the rebels.",
        "Arrests",
    ),
    (
        "Security forces rounded up dozens of young men in a night-time sweep of the district.",
        "Arrests",
    ),
    (
        "The navy intercepted a boat carrying weapons and ammunition off the coast.",
        "Disrupted weapons use",
    ),
    (
        "An army bomb squad defused an explosive device planted under a bridge.",
        "Disrupted weapons use",
    ),
    (
        "Police recovered a large cache of arms during a search of the suspect's house.",
        "Disrupted weapons use",
    ),
    (
        "The government and rebel leaders signed a ceasefire deal in the capital on Friday.",
        "Agreement",
    ),
    ("The warring sides agreed to a prisoner exchange brokered by the Red Cross.", "Agreement"),
    (
        "Hundreds of rebel fighters laid down their arms and surrendered to the authorities.",
        "Agreement",
    ),
    (
        "The ministry said additional troops had been sent to the restive region to restore order.",
        "Change to group/activity",
    ),
    (
        "Several commanders of the group defected to a rival faction last week.",
        "Change to group/activity",
    ),
    (
        "The rebels withdrew their fighters from the frontline positions on Tuesday.",
        "Change to group/activity",
    ),
    (
        "Government troops recaptured the strategic hilltop after a fierce battle with rebels.",
        "Government regains territory",
    ),
    (
        "The army said it had retaken control of the town, a month after it fell to militants.",
        "Government regains territory",
    ),
    (
        "Security forces regained the area after pushing the insurgents out.",
        "Government regains territory",
    ),
    (
        "A bomb planted on a motorcycle exploded near a police station, killing a passer-by.",
        "Remote explosive/landmine/IED",
    ),
    (
        "A vehicle hit a roadside mine on the highway, killing its four passengers.",
        "Remote explosive/landmine/IED",
    ),
    (
        "Police used batons and tear gas to break up a demonstration by students.",
        "Protest with intervention",
    ),
    (
        "Police briefly detained several protesters during a march against the new law.",
        "Protest with intervention",
    ),
    (
        "Troops fired live rounds at demonstrators, wounding at least 20.",
        "Excessive force against protesters",
    ),
    (
        "Police beat protesters with batons, leaving several seriously injured.",
        "Excessive force against protesters",
    ),
    (
        "Thousands rallied in the capital on Saturday to demand the release of jailed activists.",
        "Peaceful protest",
    ),
    ("Traders shut their shops and staged a protest over new taxes.", "Peaceful protest"),
    (
        "Protesters set fire to the ruling party's office and clashed with riot police.",
        "Violent demonstration",
    ),
    (
        "Youths burned tyres and pelted police with stones after the death of a student.",
        "Violent demonstration",
    ),
    (
        "Gunmen looted livestock and burned down several houses in the village.",
        "Looting/property destruction",
    ),
    (
        "Unknown people vandalised a church and destroyed statues overnight.",
        "Looting/property destruction",
    ),
    (
        "Militants blew up a gas pipeline in the desert, cutting supplies to the region.",
        "Remote explosive/landmine/IED",
    ),
    (
        "The insurgents set up a base in the forest near the border.",
        "Headquarters or base established",
    ),
    ("The foreign minister said the talks had been productive.", None),
    ("The prime minister visited the wounded in hospital.", None),
    ("Parliament passed a law on elections.", None),
    ("The company reported a rise in profits.", None),
    (
        "Locals said gunmen ambushed a military convoy near the town, killing seven soldiers.",
        "Armed clash",
    ),
    (
        "Heavy exchanges of fire were reported between rival armed groups in the south.",
        "Armed clash",
    ),
    (
        "The rebels said they had shot down a government fighter jet over the province.",
        "Armed clash",
    ),
    (
        "Police said three people were stabbed to death by unknown assailants in the market.",
        "Attack",
    ),
    ("A mob set fire to the house of a man accused of blasphemy.", "Mob violence"),
    (
        "Residents beat to death two suspected kidnappers after catching them in the village.",
        "Mob violence",
    ),
    (
        "An airstrike by the coalition hit a wedding party, killing 20 civilians.",
        "Air/drone strike",
    ),
    ("Drones struck a weapons depot near the airport overnight.", "Air/drone strike"),
    (
        "The city came under heavy shelling on Monday, residents said.",
        "Shelling/artillery/missile attack",
    ),
    (
        "Several mortar shells landed near the presidential palace.",
        "Shelling/artillery/missile attack",
    ),
    (
        "A bomb exploded inside a crowded bus, killing 14 passengers.",
        "Remote explosive/landmine/IED",
    ),
    (
        "Two children were killed when an unexploded shell they were playing with detonated.",
        "Remote explosive/landmine/IED",
    ),
    ("A female suicide bomber detonated her explosives at a checkpoint.", "Suicide bomb"),
    ("Unidentified men threw a hand grenade at a police vehicle.", "Grenade"),
    (
        "Witnesses reported a strong smell of chlorine after the attack on the district.",
        "Chemical weapon",
    ),
    (
        "Thousands of farmers marched to parliament to protest against the new land law.",
        "Peaceful protest",
    ),
    ("Students boycotted classes and held a sit-in at the university.", "Peaceful protest"),
    (
        "Police used water cannon to disperse protesters outside the election commission.",
        "Protest with intervention",
    ),
    (
        "Security forces killed at least 12 demonstrators during protests in the capital.",
        "Excessive force against protesters",
    ),
    ("Demonstrators torched tyres and blocked roads across the city.", "Violent demonstration"),
    ("Clashes erupted between protesters and police after the verdict.", "Violent demonstration"),
    (
        "Soldiers abducted three farmers from their homes at night.",
        "Abduction/forced disappearance",
    ),
    ("A girl was raped by two men in the village, police said.", "Sexual violence"),
    (
        "Rebels captured the airport after government forces withdrew.",
        "Non-violent transfer of territory",
    ),
    (
        "The army took back control of the district from the militants.",
        "Government regains territory",
    ),
    ("The rebels and the government signed a deal to end the fighting.", "Agreement"),
    ("The kidnappers freed the two aid workers after negotiations.", "Agreement"),
    ("Police detained the mayor on charges of supporting the insurgents.", "Arrests"),
    ("Troops seized a cache of explosives in a raid on a house.", "Disrupted weapons use"),
    ("The military set up a new command centre in the region.", "Headquarters or base established"),
    (
        "The armed group announced that it would dissolve and join the national army.",
        "Change to group/activity",
    ),
    ("Rioters looted a supermarket and set cars on fire.", "Violent demonstration"),
    ("Armed men burned down a mosque in the village.", "Looting/property destruction"),
    ("The minister said the army would take all necessary measures.", None),
    ("The two leaders discussed the security situation by telephone.", None),
    ("Officials warned that militants could attack the capital.", None),
    (
        "Local media reported that at least nine people were killed when armed men opened fire "
        "on a village. The attackers fled into the forest.",
        "Attack",
    ),
    (
        "The interior ministry said security forces had foiled a plot to bomb a shopping mall, "
        "arresting four suspects.",
        "Arrests",
    ),
    (
        "Fighting resumed on Tuesday around the city. Government troops regained two villages, a "
        "military source said.",
        "Armed clash",
    ),
    (
        "Tension remains high in the region. Yesterday, rebels shelled a government position "
        "with mortars.",
        "Shelling/artillery/missile attack",
    ),
    (
        "A police officer was injured when protesters hurled stones at a patrol during a "
        "demonstration against fuel prices.",
        "Violent demonstration",
    ),
    (
        "An explosion at a military checkpoint killed two soldiers, the army said. No group has "
        "claimed responsibility.",
        "Remote explosive/landmine/IED",
    ),
    (
        "Opposition supporters took to the streets of the capital on Friday, chanting slogans "
        "against the president.",
        "Peaceful protest",
    ),
    (
        "Dozens of women held a vigil outside the prison to demand the release of their sons.",
        "Peaceful protest",
    ),
    (
        "Militia fighters raided the town and abducted at least 30 people, residents said.",
        "Abduction/forced disappearance",
    ),
    (
        "The rebels overran two army bases in the north and seized weapons and vehicles.",
        "Non-state actor overtakes territory",
    ),
    (
        "A roadside bomb struck an army vehicle, wounding four soldiers.",
        "Remote explosive/landmine/IED",
    ),
    (
        "Israeli aircraft bombed a building in the city, the health ministry said.",
        "Air/drone strike",
    ),
    (
        "Security forces fired tear gas and rubber bullets at stone-throwing youths.",
        "Violent demonstration",
    ),
    (
        "Insurgents attacked a police post with rocket-propelled grenades.",
        "Shelling/artillery/missile attack",
    ),
    ("The militants executed three hostages in a video released on Sunday.", "Attack"),
]


@pytest.mark.parametrize(("text", "sub_event_type"), SENTENCES)
def test_sentences_get_the_sub_event_type_the_codebook_gives(
    pipeline: Pipeline, text: str, sub_event_type: str | None
) -> None:
    row = first_acled_typed(pipeline, text)

    assert (row["acled_sub_event_type"] if row else None) == sub_event_type


def test_statements_and_diplomacy_get_no_acled_type(pipeline: Pipeline) -> None:
    text = "Iran condemned the sanctions. The two ministers agreed to meet again in May."

    rows = pipeline.code_document(document_from_text(text)).rows

    assert rows and all(r["acled_event_type"] is None for r in rows)
    assert all(r["disorder_type"] is None and r["fatalities"] is None for r in rows)


@pytest.mark.parametrize(
    "text",
    [
        "He died of a heart attack on Monday.",
        "The minister launched a verbal attack on the opposition.",
        "The team captured the title after beating their rivals.",
        "Hackers claimed a cyber attack on the bank.",
        "Shares fell after the company cut jobs.",
    ],
)
def test_words_of_violence_outside_political_violence_get_no_type(
    pipeline: Pipeline, text: str
) -> None:
    assert first_acled_typed(pipeline, text) is None


def test_an_event_the_cameo_coder_missed_gets_a_row_of_its_own(pipeline: Pipeline) -> None:
    row = first_acled_typed(pipeline, "An explosion ripped through a crowded market on Sunday.")

    assert row is not None
    assert row["coder"] == ACLED_CODER and row["coder_version"] == AcledTyper.version
    assert row["acled_rule_id"] == acled_rule_id("remote_explosive.blast")
    assert row["trigger_text"] == "explosion" and row["cameo_code"] == "183"


def test_a_coded_event_takes_the_sentence_type_and_keeps_its_dyad(pipeline: Pipeline) -> None:
    text = "Turkish warplanes struck Kurdish militant positions in northern Iraq."

    row = first_acled_typed(pipeline, text)

    assert row is not None and row["coder"] == "rules"
    assert row["acled_sub_event_type"] == "Air/drone strike"
    assert row["acled_rule_id"].startswith("acled.air.")


def test_acled_columns_follow_the_codebook(pipeline: Pipeline) -> None:
    text = "Gunmen killed five villagers in an attack on a remote settlement."

    row = first_acled_typed(pipeline, text)

    assert row is not None
    assert row["disorder_type"] == "Political violence"
    assert row["civilian_targeting"] == "Civilian targeting"
    assert row["target_inter"] == 7 and row["interaction"] % 10 == 7
    assert row["fatalities"] == 5 and row["fatalities_text"] == "killed five"
    assert text[row["fatalities_start"] : row["fatalities_end"]] == "killed five"


def test_a_protest_without_an_organiser_is_coded_with_protesters(pipeline: Pipeline) -> None:
    row = first_acled_typed(
        pipeline, "Thousands marched through the capital to demand higher wages."
    )

    assert row is not None
    assert (row["disorder_type"], row["actor_inter"], row["interaction"]) == (
        "Demonstrations",
        6,
        60,
    )
    assert row["fatalities"] is None


def test_the_toll_may_come_from_the_next_sentence(pipeline: Pipeline) -> None:
    text = "A car bomb went off outside a hotel. Four people were killed, police said."

    row = first_acled_typed(pipeline, text)

    assert row is not None and row["fatalities"] == 4
    assert text[row["fatalities_start"] : row["fatalities_end"]] == row["fatalities_text"]


def test_a_report_that_nobody_died_gives_zero(pipeline: Pipeline) -> None:
    row = first_acled_typed(pipeline, "A roadside bomb exploded near a convoy. No one was hurt.")

    assert row is not None and row["fatalities"] == 0


def test_violence_takes_the_means_a_following_sentence_tells(pipeline: Pipeline) -> None:
    text = "Two soldiers were killed in an attack on a checkpoint. Attackers threw a grenade."

    row = first_acled_typed(pipeline, text)

    assert row is not None and row["acled_sub_event_type"] == "Grenade"


def test_rows_of_one_acled_event_share_its_id(pipeline: Pipeline) -> None:
    text = "US and Israeli warplanes struck the base on Monday."

    rows = [r for r in pipeline.code_document(document_from_text(text)).rows if r["acled_event_id"]]

    assert len(rows) >= 2
    assert {r["acled_event_id"] for r in rows} == {rows[0]["event_id"]}


@pytest.mark.parametrize(
    ("code", "compatible"),
    [("195", True), ("141", True), ("173", True), ("0871", True), ("010", False), ("111", False)],
)
def test_only_codes_of_violence_protest_coercion_and_truces_carry_acled_events(
    code: str, compatible: bool
) -> None:
    assert acled_compatible(code) is compatible
