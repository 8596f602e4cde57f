"""ACLED typing rules over one parsed sentence: disrupted weapons use, sexual violence,
abductions, and the strategic developments (the means of remote violence are in
`eventcoder.acled_means`, the protest rules in `eventcoder.acled_protest`, clashes and attacks
in `eventcoder.acled_violence`, territory in `eventcoder.acled_territory`, agreements in
`eventcoder.acled_agreement`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from eventcoder import acled_cues as cues
from eventcoder.acled import CIVILIANS
from eventcoder.acled_clauses import (
    ARMED,
    HARMED,
    NONSTATE,
    STATE,
    Finding,
    SentenceView,
    best,
    finding,
    happened,
    lemma_of,
    live,
    objects_of,
    phrase,
    side_of,
    subject_of,
    words_of,
)
from eventcoder.acled_territory import FORCES_MOVING

# --- The rules ------------------------------------------------------------------------------


def disrupted(view: SentenceView) -> Finding | None:
    """A weapon found, seized, defused, intercepted or destroyed (not by a non-state group)."""
    out = []
    for t in view.tokens_with(cues.DISRUPT_VERBS) if view.has(_ANY_WEAPON) else ():
        lemma = lemma_of(t)
        if lemma in _FINDING_NOUNS and t.pos_ == "NOUN" and happened(t):
            if any(_weapons_found(o) for o in objects_of(t)):  # "the discovery of two bombs"
                cue = (t.i, t.i + 1)
                out.append(finding("disrupted", "Strategic developments", _DWU, cue, view))
            continue
        if lemma not in cues.DISRUPT_VERBS or t.pos_ not in {"VERB", "AUX"}:
            continue
        if lemma == "shoot" and not any(c.lower_ == "down" for c in t.children):
            continue
        if lemma == "locate" and (
            t.dep_ in {"amod", "acl", "advcl", "relcl"}
            or any(c.lower_ in {"is", "are"} for c in t.children if c.dep_ in {"aux", "auxpass"})
        ):
            continue  # "a site located near the border", "is located": where it is
        if lemma == "down" and not words_of(t.children) & (cues.AIR_PLATFORMS | _FLYING):
            continue
        if lemma == "take" and not any(
            lemma_of(c) == "off" and words_of(c.subtree) & cues.ROADS for c in t.children
        ):
            continue  # only "taken off the streets": "took up arms" is no seizure
        if lemma == "pull" and any(c.lower_ == "out" and not list(c.children) for c in t.children):
            continue  # "pulled out a gun": drawn, not found
        if lemma in _NEEDS_PARTICLE and not any(
            lemma_of(c) in _NEEDS_PARTICLE[lemma] for c in t.children
        ):
            continue  # "dug up a shell", "pulled mines out of a canal"; not "dug trenches"
        weapons = (
            cues.DESTROYABLE_WEAPONS
            if lemma in {"destroy", "clear", "remove", "disarm"}
            else cues.WEAPONS
        )
        if lemma == "find" and any(c.dep_ == "xcomp" for c in t.children):
            continue  # "the rifles were found to be stolen": a finding, no find
        if lemma in {"come", "stumble"}:  # "came upon a cache", "stumbled on packages"
            objects = [
                c
                for p in t.children
                if p.dep_ == "prep" and lemma_of(p) in {"upon", "across", "on"}
                for c in p.children
                if c.dep_ == "pobj"
            ]
        else:
            objects = [c for c in t.children if c.dep_ in {"dobj", "nsubjpass", "attr", "npadvmod"}]
            objects += _passive_subjects(view, t)
            if lemma == "turn":  # "three rifles turned up in a house"
                objects += [c for c in t.children if c.dep_ == "nsubj"]
        for clause in (c for c in t.children if c.dep_ == "ccomp"):
            objects += [c for c in clause.children if c.dep_ in {"nsubj", "nsubjpass"}]
        if t.dep_ in {"acl", "amod"} and lemma not in {"come", "stumble"}:
            objects.append(t.head)
        elif t.dep_ == "conj" and t.head.dep_ in {"acl", "amod"}:
            objects.append(t.head.head)  # "a cache left behind and discovered in the city"
        objects += [
            c
            for o in list(objects)
            for a in o.children
            if a.dep_ == "acl" and (lemma_of(a) in _CARRYING or a.tag_ == "VBN")
            for c in a.children
            if c.dep_ == "dobj" or (c.dep_ == "prep" and lemma_of(a) in _CARRYING)
        ]
        if not any(words_of(phrase(o)) & weapons for o in objects):
            continue
        listed = t.dep_ == "conj" and t.head.dep_ in {"acl", "amod"}  # its own agent only
        finder = (
            next((g for c in t.children if c.dep_ == "agent" for g in c.children), None)
            if listed
            else subject_of(t)
        )
        if side_of(finder, view.candidates) == NONSTATE or not happened(t):
            continue
        if t.dep_ == "conj" and lemma_of(t.head) in cues.ARRESTS:
            continue
        out.append(finding("disrupted", "Strategic developments", _DWU, (t.i, t.i + 1), view))
    arrests = bool(live(view, cues.ARRESTS))  # a plot foiled by arrests is the arrests
    for t in view.tokens_with(cues.FOIL):
        if not arrests and t.pos_ == "VERB" and side_of(subject_of(t), view.candidates) != NONSTATE:
            foiled = words_of(w for o in objects_of(t) for w in phrase(o))
            assault = foiled & {"attack", "assault", "raid"} and foiled & (
                cues.MILITARY_TARGETS | cues.STATE_VICTIMS
            )
            fought = view.has(cues.KILLING | cues.CLASH | HARMED)
            if (
                assault
                and fought
                and not foiled & {"bomb", "bombing", "blast", "explosion", "plot"}
            ):
                continue  # "thwarted an attack on a post, killing four": a clash
            if foiled & cues.FOILED and not any(c.dep_ == "neg" for c in t.children):
                sub = _DWU
                out.append(
                    finding("disrupted.foiled", "Strategic developments", sub, (t.i, t.i + 1), view)
                )
    if not view.has(HARMED):
        for m in live(view, cues.DISRUPTED_DIRECT):
            sub = _DWU
            out.append(finding("disrupted", "Strategic developments", sub, m, view))
    return best(out)


_FLYING = frozenset({"uav", "missile", "rocket", "projectile", "warplane", "quadcopter"})
_ANY_WEAPON = cues.WEAPONS | cues.DESTROYABLE_WEAPONS


def _passive_subjects(view: SentenceView, t: Any) -> list[Any]:
    """What a passive verb the parser left without a subject tells of: its conjunct head's
    subject, else the nouns just before it ("grenades and rounds were found")."""
    children = {c.dep_ for c in t.children}
    if "auxpass" not in children or children & {"nsubjpass", "nsubj"}:
        return []
    out = (
        [c for c in t.head.children if c.dep_ in {"nsubj", "nsubjpass"}] if t.dep_ == "conj" else []
    )
    start = max(view.span.start, t.i - 6)
    return out + [view.token(i) for i in range(start, t.i) if view.token(i).pos_ == "NOUN"]


def _weapons_found(thing: Any) -> bool:
    """Weapons, a cache of them, or a place or vehicle filled with them ("two guns", "a
    stockpile of ammunition", "a hideout stocked with grenades"), not a trade ("a
    gun-running network") nor drugs ("these substances")."""
    lemma = lemma_of(thing)
    if lemma in cues.WEAPONS - {"substance", "package", "device"}:
        return True
    if lemma in {"device", "package"}:
        return bool(words_of(thing.children) & {"explosive", "improvised", "suspicious"})
    if any(  # "a hideout stocked with grenades", "a truck loaded with rifles"
        c.dep_ == "acl"
        and lemma_of(c) in _CARRYING | {"stock"}
        and words_of(c.subtree) & (cues.WEAPONS - {"substance", "package", "device"})
        for c in thing.children
    ):
        return True
    return lemma in CACHES and bool(words_of(phrase(thing)) & (cues.WEAPONS - {"substance"}))


CACHES = frozenset({"cache", "stockpile", "stash", "store", "haul", "arsenal", "consignment"})
"""Words of weapons kept together ("a cache of rifles")."""
_DWU = "Disrupted weapons use"
_FINDING_NOUNS = frozenset({"discovery", "seizure", "recovery", "confiscation"})
_CARRYING = frozenset({"carry", "contain", "load", "fill", "hold", "pack", "transport"})


def sexual(view: SentenceView) -> Finding | None:
    """Sexual violence."""
    found = live(view, cues.SEXUAL)
    if not found:
        return None
    return finding(
        "sexual",
        "Violence against civilians",
        "Sexual violence",
        found[0],
        view,
        target_inter=CIVILIANS,
    )


def abduction(view: SentenceView) -> Finding | None:
    """Abductions, kidnappings, hostage-taking, forced disappearances; armed men carrying
    people off ("gunmen seized two engineers", "soldiers took away five men")."""
    found = [m for m in live(view, cues.ABDUCTION) if not _released(view.token(m[0]))]
    found += [  # "three men vanished once soldiers took them away"
        (t.i, t.i + 1)
        for t in view.tokens_with(DISAPPEARING)
        if t.pos_ == "VERB"
        and happened(t)
        and words_of(phrase(subject_of(t)) if subject_of(t) is not None else ()) & PEOPLE
        and view.has(cues.TAKE_PEOPLE | cues.ARRESTS | cues.STATE_WORDS | ARMED)
    ]
    found += [  # "took two engineers captive"
        (t.i, t.i + 1)
        for t in view.tokens_with({"captive"})
        if lemma_of(t.head) in {"take", "hold", "keep"} and t.head.i != t.i and happened(t.head)
    ]
    arrested = [m for m in live(view, cues.ARRESTS) if lemma_of(view.token(m[0])) not in _HOLDING]
    people = view.has(PEOPLE | cues.STATE_VICTIMS)
    if not found and people and not arrested and not view.has(_LEGAL):
        found = [
            (t.i, t.i + 1) for t in view.tokens_with(cues.TAKE_PEOPLE) if _carries_off(view, t)
        ]
    if not found:
        return None
    return finding(
        "abduction",
        "Violence against civilians",
        "Abduction/forced disappearance",
        found[0],
        view,
        target_inter=CIVILIANS,
    )


DISAPPEARING = frozenset({"disappear", "vanish"})
"""Verbs of people gone after being taken ("disappeared after soldiers took them")."""
_LEGAL = frozenset({"charge", "custody", "court", "questioning", "trial", "warrant", "prosecutor"})
"""Words of a legal process: people taken away under them were arrested, not abducted."""
_NEEDS_PARTICLE = {"dig": {"up"}, "pull": {"out", "from"}, "turn": {"up"}}
_POLICE = frozenset({"police", "policeman", "officer", "gendarme", "constable", "detective"})
_HOLDING = frozenset({"hold", "pick"})
"""Verbs of arrests that also tell people carried off ("picked up by soldiers")."""
_PARTICLE = {"pick": {"up"}, "drag": {"away", "off"}, "carry": {"away", "off"}, "lead": {"away"}}
PEOPLE = (
    cues.CIVILIAN_WORDS | cues.HUMAN_TAKEN | (cues.SIGNIFICANT_PEOPLE - {"member"})
) - cues.PLACES_OF_PEOPLE
PERSONAL = frozenset({"he", "she", "they", "him", "her", "them"})
"""Pronouns of people carried off ("soldiers whisked him away")."""


def _carries_off(view: SentenceView, t: Any) -> bool:
    """An armed actor (or an armed man) taking people away, not suspects."""
    if t.pos_ != "VERB" or not happened(t):
        return False
    needed = _PARTICLE.get(lemma_of(t))
    particles = {str(c.lower_) for c in t.children if c.dep_ in {"prt", "advmod"}}
    if (needed and not needed & particles) or "over" in particles:
        return False  # "picked up" people; "took over" a place
    taken = [c for c in t.children if c.dep_ in {"dobj", "nsubjpass"}]
    taken += [c for o in list(taken) for c in o.children if c.dep_ == "conj"]
    if not any(
        {lemma_of(o), str(o.lower_)} & (PEOPLE | PERSONAL | cues.STATE_VICTIMS)
        or o.ent_type_ == "PERSON"
        for o in taken
    ):
        return False  # people, or a person named ("seized the journalist Ali Musa")
    taker = subject_of(t)  # the agent of a passive too
    if taker is not None and lemma_of(taker) in _POLICE:
        return False  # "officers picked up twelve party members": an arrest
    taken_words = words_of(w for o in taken for w in phrase(o))
    if taken_words & cues.MOB_VICTIMS:
        return False  # suspects taken away
    if taken_words & (ARMED - {"opposition"}) and not (
        taken_words & cues.STATE_VICTIMS and side_of(taker, view.candidates) == NONSTATE
    ):
        return False  # armed men taken, unless soldiers captured by a rebel group
    return side_of(taker, view.candidates) is not None


def _released(token: Any) -> bool:
    """Hostages or prisoners set free (or killed), not taken ("released a kidnapped
    engineer")."""
    if token.dep_ in {"amod", "compound"}:
        token = token.head
    return token.dep_ in {"dobj", "nsubjpass"} and lemma_of(token.head) in (
        cues.RELEASE | cues.KILLING
    )


def simple_rule(
    name: str,
    event_type: str,
    sub: str,
    entries: frozenset[str],
    check: Callable[[SentenceView, Any], bool] | None = None,
) -> Callable[[SentenceView], Finding | None]:
    def rule(view: SentenceView) -> Finding | None:
        found = [m for m in live(view, entries) if check is None or check(view, view.token(m[0]))]
        return best([finding(name, event_type, sub, m, view) for m in found])

    rule.__name__ = name
    return rule


def arrest_event(view: SentenceView, t: Any) -> bool:
    """An arrest that happened, not a word describing people or things ("the detained
    men", "an arrest warrant", "the man, who was arrested last year,"), nor a state ("is in
    jail", "remains in custody", "freed from prison")."""
    if t.dep_ in {"amod", "compound"}:
        return False
    if lemma_of(t) in {"hold", "pick"}:
        return held_by_state(view, t)
    if t.dep_ == "relcl" and t.head.pos_ in {"NOUN", "PROPN"}:
        return False
    if t.dep_ == "pobj" and lemma_of(t.head) == "in":
        return lemma_of(t.head.head) not in STATES
    if t.dep_ == "prep" and lemma_of(t) == "in":
        return lemma_of(t.head) != "die"  # "died in custody": a death, not an arrest
    if t.dep_ == "pobj" and lemma_of(t.head) == "from":
        return False  # "released from jail", "escaped from prison"
    if lemma_of(t) == "behind":  # "put behind bars", not "has been behind bars"
        return lemma_of(t.head) in {"put", "throw", "send", "land", "place"}
    return True


def held_by_state(view: SentenceView, t: Any) -> bool:
    """People held or picked up by police or security forces ("were held by police", "officers
    picked up 30 suspects"), not a meeting held nor hostages held by a group."""
    if lemma_of(t) == "pick" and not any(c.lower_ == "up" for c in t.children):
        return False
    doer = subject_of(t)  # the agent of a passive too
    if doer is None or side_of(doer, view.candidates) != STATE:
        return False
    held = [c for c in t.children if c.dep_ in {"dobj", "nsubjpass"}]
    held += [g for h in held for c in h.children if lemma_of(c) == "of" for g in c.children]
    words = {lemma_of(h) for h in held} | {  # who is held, not what ("held talks with a chief")
        lemma_of(c) for h in held for c in h.children if c.dep_ in {"compound", "amod"}
    }
    people = _HELD_PEOPLE | cues.HUMAN_TAKEN | cues.PROTEST_PEOPLE
    if any(h.pos_ == "NOUN" and lemma_of(h) not in people for h in held if h.dep_ == "dobj"):
        return False  # "held talks", "held a meeting with the president"
    named = any(h.ent_type_ == "PERSON" for h in held)
    return happened(t) and (named or bool(words & people))


_HELD_PEOPLE = frozenset(
    {"suspect", "member", "supporter", "activist", "leader", "journalist", "student", "they"}
    | {"dozen", "hundred", "people", "youth", "opponent", "official", "worker", "man", "woman"}
)
STATES = frozenset({"be", "remain", "stay", "sit", "languish", "spend", "die"})
"""Verbs of being somewhere: who "is in jail" was not arrested by the sentence."""


def looting_act(view: SentenceView, t: Any) -> bool:
    """A looting or burning act, not the name of its doers ("rustlers", "arsonists"); a
    theft only by armed men or amid violence (a car stolen from a car park is a crime)."""
    if t.pos_ == "PROPN" and t.is_title:
        return False  # a name: "the case was dubbed Public Looting"
    if t.dep_ == "amod" and lemma_of(t.head) in _BODY:
        return False  # "burning eyes": a symptom
    if t.pos_ in {"NOUN", "PROPN"} and lemma_of(t).endswith(("er", "ist")):
        verb = t.head  # "looters broke into a shop": the doers acting
        return t.dep_ == "nsubj" and verb.pos_ == "VERB" and happened(verb)
    if lemma_of(t) in _CARRYING_OFF:
        taken = words_of(w for o in objects_of(t) for w in phrase(o))
        if taken & (cues.HUMAN_TAKEN | cues.CIVILIAN_WORDS | cues.CAPTIVES):
            return False  # people carried off: an abduction
        return happened(t) and view.has(_ARMED_CONTEXT)
    return lemma_of(t) != "steal" or view.has(_ARMED_CONTEXT)


_BODY = frozenset({"eye", "skin", "throat", "lung", "sensation", "smell", "pain"})
_CARRYING_OFF = frozenset({"carry", "cart", "haul"})
"""Verbs of taking property away: looting by armed men, not by anyone."""
_ARMED_CONTEXT = (ARMED - {"opposition"}) | cues.VIOLENT_CONTEXT | {"armed", "loot", "raid"}


def has_base_object(view: SentenceView, t: Any) -> bool:
    """A base, camp or post set up by armed men or forces (or by whoever the sentence does
    not tell), or one named military ("the ministry built an army base"); a company's
    headquarters or a charity's camp is none."""
    objects = [c for c in t.children if c.dep_ in {"dobj", "nsubjpass"}]
    based = words_of(w for o in objects for w in o.subtree)
    if "point" in based and based & _POINTS:  # "an observation point"
        based.add("post")
    if "position" in based and based & (_POINTS | {"new"}):  # "set up a new position"
        based.add("post")
    if not based & cues.BASES:
        return False
    subject = subject_of(t)
    if subject is None:
        return True
    builder = words_of(phrase(subject))
    if builder & (ARMED | cues.FORCES) or "armed" in builder:
        return True
    if subject.ent_type_ == "GPE" and based & _OUTPOSTS:  # a country's army posts
        return not based & cues.CIVILIAN_WORDS
    return bool(based & _MILITARY_NAMES) and not based & cues.CIVILIAN_WORDS


_MILITARY_NAMES = (ARMED | {"military"}) - cues.BASES - {"station", "position"}
_POINTS = frozenset({"observation", "monitoring", "military", "control", "surveillance"})
"""Words that make a point a post ("a monitoring point"), not a moment or a spot."""
_OUTPOSTS = frozenset({"post", "outpost", "base", "garrison", "checkpoint"})


def changes_group(view: SentenceView, t: Any) -> bool:
    lemma = lemma_of(t)
    if lemma in _EMERGENCY:  # "declared a state of emergency", "the curfew was lifted"
        rule = t.head if t.dep_ in {"amod", "compound"} else t  # "martial law"
        imposed = rule.dep_ in {"dobj", "nsubjpass"} and lemma_of(rule.head) in _IMPOSING
        return imposed and not view.has(_DISASTERS)  # not a health or storm emergency
    if lemma == "deployment":  # "the deployment of the army", "police intensified their deployment"
        deployed = objects_of(t) + [c for c in t.children if c.dep_ == "poss"]
        if any(c.dep_ == "poss" for c in t.children) and t.dep_ == "dobj":
            deployed.append(subject_of(t.head))
        return bool(
            words_of(w for o in deployed if o is not None for w in phrase(o)) & FORCES_MOVING
        )
    if lemma in {"creation", "formation"}:  # "the creation of a new brigade"
        created = words_of(w for o in objects_of(t) for w in phrase(o))
        return bool(created & _UNITS) and view.has(_ARMED_CONTEXT - {"unit", "group"})
    if lemma in {"create", "set"}:  # "created special troop units"
        made = [c for c in t.children if c.dep_ in {"dobj", "nsubjpass"}]
        created = words_of(w for o in made for w in phrase(o))
        units = created & (_UNITS | {"unit", "grouping"}) and created & _MILITARY_UNITS
        return bool(units) and not created & {"police", "task"}
    if lemma == "merge":  # groups merging: armed ones
        return view.has(_ARMED_GROUPS)
    if lemma == "form":
        formed = words_of(c for c in t.children if c.dep_ in {"dobj", "nsubjpass"})
        return bool(formed & cues.GROUPS) and view.has(_ARMED_CONTEXT - {"unit", "group"})
    if lemma in {"enter", "intrude", "fly"}:  # military aircraft entering an air defence zone
        return bool(words_of(t.subtree) & {"airspace", "zone", "identification"})
    if lemma in {"step", "tighten", "beef", "heighten", "increase"}:  # "police stepped up security"
        return bool(words_of(phrase(subject_of(t))) & FORCES_MOVING) if subject_of(t) else False
    if lemma == "alliance":  # armed groups forming an alliance
        forged = lemma_of(t.head) in {"announce", "form", "forge", "create", "establish", "seal"}
        return forged and view.has(cues.NONSTATE_WORDS)
    if lemma in {"hand", "handover"}:  # weapons handed over
        return bool(words_of(w for o in objects_of(t) for w in o.subtree) & cues.WEAPONS)
    if lemma == "suspend":  # an armed group suspending its operations
        halted = words_of(w for o in objects_of(t) for w in phrase(o))
        return bool(halted & _OPERATIONS) and side_of(subject_of(t), view.candidates) is not None
    if lemma == "join":  # forces joining a fight or an armed group, not an inquiry
        heads = [o for o in t.children if o.dep_ == "dobj"]
        joined = words_of(
            [*heads, *(c for o in heads for c in o.children if c.dep_ in {"compound", "amod"})]
        )
        if not joined & (FORCES_MOVING | _JOINED):
            return False
    if lemma == "reinforce":  # forces reinforced, not a commitment
        parties = [c for c in t.children if c.dep_ in {"dobj", "nsubjpass"}]
        doer = subject_of(t) or (subject_of(t.head) if t.dep_ == "xcomp" else None)
        parties += [doer] if doer is not None else []  # "groups continue to reinforce"
        return bool(words_of(w for o in parties for w in phrase(o)) & FORCES_MOVING)
    if lemma in cues.MOVE_FORCES | _PULLING:
        parties = [c for c in t.children if c.dep_ in {"dobj", "nsubjpass", "nsubj"}]
        return bool(words_of(w for o in parties for w in phrase(o)) & FORCES_MOVING)
    return True


_PULLING = frozenset({"withdraw", "pull"})
_JOINED = frozenset({"battle", "coalition", "fight", "fighting", "offensive", "operation", "rank"})
_MILITARY_UNITS = frozenset(
    {"troop", "army", "military", "brigade", "battalion", "regiment", "militia", "rebel", "armed"}
    | {"force"}
)
"""Words that make units created armed ones (not a police task force or a cyber-crime unit)."""
_OPERATIONS = frozenset({"operation", "activity", "attack", "campaign", "offensive", "patrol"})
"""Leaving verbs that tell a change of an armed group's activity only when forces leave
("the minister pulled out of the race" is none)."""


def group_led(view: SentenceView, t: Any) -> bool:
    """A change of an armed group's leadership or shape (the sentence names an armed group,
    not a party of the opposition), not a word describing someone ("an elected official")."""
    described = t.pos_ == "VERB" and t.dep_ in {"amod", "compound"}
    return not described and view.has(_ARMED_GROUPS)


_ARMED_GROUPS = (cues.NONSTATE_WORDS - {"opposition"}) | {"armed", "army", "military", "commander"}
_UNITS = cues.GROUPS | {"wing", "front", "coalition", "movement", "brigade", "battalion", "militia"}


_EMERGENCY = frozenset({"curfew", "state", "martial", "emergency"})
"""First words of the measures of emergency rule: curfews, states of emergency or siege,
martial law, emergency rule (as CHANGE_GROUP lists them)."""
_DISASTERS = cues.MISHAPS | {"coronavirus", "covid-19", "overdose", "snow"}
"""Disasters and epidemics, for which an emergency declared is no measure of conflict."""
_IMPOSING = frozenset(
    {"declare", "ease", "enforce", "extend", "impose", "introduce", "lift", "proclaim", "relax"}
)


def civilians_flee(view: SentenceView, t: Any) -> bool:
    """Civilians fleeing or displaced (forces falling back are no displacement): also homes
    or villages abandoned, and people driven out of them."""
    lemma = lemma_of(t)
    if lemma == "abandon":
        left = words_of(w for o in objects_of(t) for w in phrase(o))
        if not left & _HOMES:
            return False
    if lemma in {"drive", "uproot"}:
        if lemma == "drive" and not any(c.lower_ == "out" for c in t.subtree):
            return False
        driven = words_of(
            w for c in t.children if c.dep_ in {"dobj", "nsubjpass"} for w in phrase(c)
        )
        return bool(driven & (cues.CIVILIAN_WORDS | _HOMES | {"people", "resident", "villager"}))
    subject = subject_of(t)
    return subject is None or not words_of(phrase(subject)) & (cues.FORCES | cues.STATE_WORDS)


_HOMES = frozenset({"home", "house", "village", "town", "settlement", "land", "farm", "camp"})
"""Places people live in, whose abandonment is displacement (not a plan or a position)."""
