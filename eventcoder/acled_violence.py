"""ACLED typing rules for violence without its means: fighting between armed groups (Armed
clash) and violence against civilians (Attack), told by who is hit (the head of what is hit,
its modifier, else the words of the cue's clause without who acts or reports), how many armed
sides the clause names, and killings, harm and bodies found; and which of a sentence's
readings is its event when violence meets a strategic development or its own means."""

from __future__ import annotations

from dataclasses import replace
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
    hit_heads,
    hit_words,
    in_background,
    inter_of,
    lemma_of,
    live,
    phrase,
    prev_lemma,
    scene,
    side_of,
    subject_of,
    view_words,
    words_of,
)
from eventcoder.acled_scope import figurative_shot

_NOT_ARMED = frozenset(
    {"heart", "cyber", "panic", "verbal", "asthma", "raid", "fight", "combat"}
    | {"scathing", "blistering", "stinging", "withering", "personal", "political"}
)
_ARMED_ONLY = frozenset({"target", "strike", "pound", "invade"})
"""Verbs of attack only when an armed actor does them ("the tax targets the rich")."""
_FIRE = frozenset({"fire", "gunfire", "shot", "bullet", "round", "blow", "volley", "salvo"})
"""What is fired, not who is hit ("exchanged gunfire in the market")."""
_WEAK_CLASH = frozenset(
    {"clash", "fight", "battle", "confrontation", "combat", "offensive", "repel", "repulse"}
)
"""Words of fighting that need not be armed ("a clash of views", "battled cancer")."""
_VIOLENCE_WORDS = (
    (ARMED - {"opposition", "resistance", "position", "post", "station", "base", "camp"})
    | cues.VIOLENT_CONTEXT
    | cues.WEAPONS
    | cues.KILLING
    | cues.HARM
    | cues.CROWD
    | cues.FORCES
    | cues.STATE_VICTIMS
    | {"rebel", "troop", "front", "frontline", "town", "village", "city", "area"}
)
_ARMED_SIDES = cues.STATE_VICTIMS | cues.NONSTATE_WORDS | {"force", "forces"}


def _victims(view: SentenceView, t: Any, under_fire: bool = False) -> str | None:
    """Who an attack or killing hits: "civilians", "military" (armed actors), or None: told
    by the first head word that tells it ("the police chief", "a refugee camp"), else by
    any word of what is hit."""
    heads = [s for s in [subject_of(t)] if s is not None] if under_fire else hit_heads(t)
    if not heads and t.dep_ in {"compound", "amod"}:
        heads = hit_heads(t.head) or ([t.head] if t.dep_ == "amod" and t.pos_ == "VERB" else [])
    heads = [h for h in heads if lemma_of(h) not in _FIRE]
    for head in heads:
        kind = _victim_kind(head)
        if kind is not None:
            return kind
    hit = words_of(w for h in heads for w in h.subtree if w.dep_ not in {"relcl", "acl"})
    civ, mil = hit & cues.CIVILIAN_WORDS, hit & cues.MILITARY_TARGETS
    if civ:
        return "civilians"
    if mil:
        return "military"
    return None


def _victim_kind(head: Any) -> str | None:
    """A hit noun's own class, which its modifier may turn ("army vehicle", "refugee camp")."""
    own = {lemma_of(head), str(head.lower_)}
    mods = words_of(
        w
        for c in head.children
        if c.dep_ in {"compound", "amod", "nmod", "poss"}
        or (c.dep_ == "prep" and lemma_of(c) == "for")  # "a camp for displaced families"
        for w in c.subtree
    )
    if own & ARMED:
        if own & _CARRIERS and _carries_civilians(head):
            return "civilians"
        return "civilians" if mods & cues.CIVILIAN_WORDS and not mods & ARMED else "military"
    if own & cues.CIVILIAN_WORDS:
        kinds = words_of(  # whose relative a person is does not make them armed
            w for c in head.children if c.dep_ in {"compound", "amod", "nmod"} for w in c.subtree
        )
        armed = kinds & (ARMED - {"opposition"})  # "an opposition politician" is no fighter
        return "military" if armed and not mods & cues.CIVILIAN_WORDS else "civilians"
    return None


_CARRIERS = frozenset({"convoy", "vehicle", "truck", "car", "bus", "boat"})
_CARGO = cues.CIVILIAN_WORDS | {"aid", "humanitarian", "relief", "food", "displaced", "goods"}


def _carries_civilians(head: Any) -> bool:
    """A convoy or vehicle told to carry civilians or aid ("a convoy of displaced people",
    "trucks carrying food aid"), with no armed men aboard."""
    carried = words_of(
        w for c in head.children if c.dep_ in {"prep", "acl"} for w in c.subtree if w is not c
    )
    return bool(carried & _CARGO) and not carried & (ARMED - _CARRIERS)


def _armed_violence(view: SentenceView, lemma: str, perpetrator: str | None, generic: bool) -> bool:
    """Violence whose target the sentence does not tell, by an armed group or with weapons
    ("a heart attack", "the team's attack" are none)."""
    if perpetrator == NONSTATE or (generic and lemma in cues.KILLING):
        return True
    return view.has(cues.NONSTATE_WORDS | cues.WEAPONS) and lemma not in _NOT_ARMED


def clash_or_attack(
    view: SentenceView,
    generic: bool = False,
    entries: frozenset[str] | None = None,
    prefix: str | None = None,
) -> Finding | None:
    """Fighting between armed groups (Armed clash) or armed violence against civilians
    (Attack), told by who is hit; with `generic`, read from killing verbs alone (or from
    other `entries`, the rules named with `prefix`)."""
    out = []
    clashes = set() if generic else {m for m in live(view, cues.CLASH) if not _ended(view, m)}
    communal = view.has(_COMMUNITIES)
    words = entries or (cues.KILLING if generic else cues.ATTACK_VERBS | cues.CLASH)
    for m in live(view, words):
        t = view.token(m[0])
        lemma = lemma_of(t)
        if not generic and _ended(view, m):
            continue
        if lemma == "shoot" and figurative_shot(t):
            continue  # "demand has shot up", "the governor shot back, saying"
        noun_raid = lemma == "raid" and bool(hit_heads(t)) and view.has(cues.NONSTATE_WORDS)
        if (
            lemma in {"raid", "storm", "fight", "combat", "fire"}
            and t.pos_ != "VERB"
            and not noun_raid
        ):
            continue
        if lemma in _ARMED_ONLY and not _armed_subject(t):
            continue
        if t.dep_ in {"compound", "amod", "nmod"} and lemma_of(t.head) in cues.UNITS:
            continue  # "assault brigades", "strike teams": units named, no attack
        if lemma == "fire" and m[1] - m[0] == 1 and not _aimed(t):
            continue  # "fired the minister"; "shots were fired from a car at a bus" is aimed
        if lemma in _WEAK_CLASH and not _armed_context(view, lemma):
            continue
        if generic and (_mishap(view) or _accident_clause(t)):
            continue
        if lemma == "attack" and prev_lemma(view, t.i) in _NOT_ARMED:
            continue
        if not generic and _raid_to_arrest(view, t):
            continue
        hit = hit_words(t)
        if (
            not generic
            and lemma not in _SHOOTING  # gunfire at a tea house is an attack on who is inside
            and hit & cues.PROPERTY
            and not hit & (cues.MILITARY_TARGETS | cues.CIVILIAN_WORDS - cues.PROPERTY)
        ):
            sub = "Looting/property destruction"
            out.append(finding("looting.attack", "Strategic developments", sub, m, view))
            continue
        under_fire = lemma == "come"  # "officers came under fire": the subject is hit
        victims = _victims(view, t, under_fire)
        actor = subject_of(t) if t.pos_ == "VERB" and not under_fire else None
        perpetrator = side_of(actor, view.candidates)
        clause = scene(view, t, actor) if victims is None else []
        clause_words = view_words(view, clause)
        if communal and (m in clashes or _mutual(t)) and _communal(view, t):
            sub = "Mob violence"
            out.append(finding("mob.communal", "Riots", sub, m, view, background=in_background(t)))
            continue
        if m in clashes and _crowd_clash(view, t, clause):
            if view_words(view, scene(view, t)) & DEMONSTRATION_OR_STATE:
                sub = "Violent demonstration"
                rule = "protest.clash"
            else:  # "supporters of rival candidates fought": no demonstration, no police
                sub, rule = "Mob violence", "mob.crowd_clash"
            out.append(finding(rule, "Riots", sub, m, view, background=in_background(t)))
            continue
        if m in clashes and victims != "civilians":
            sub = "Armed clash"
        elif victims is not None:
            sub = "Armed clash" if victims == "military" else "Attack"
        elif clause_words & cues.STATE_VICTIMS:
            sub = "Armed clash"
        elif clause_words & (cues.CIVILIAN_WORDS - {"vehicle", "home", "house", "man"}):
            sub = "Attack"
        elif perpetrator == STATE or (perpetrator is None and _armed_sides(view, clause) > 1):
            sub = "Armed clash"
        elif _armed_violence(view, lemma, perpetrator, generic) or _torture(t):
            sub = "Attack"
        else:
            continue
        if sub == "Attack" and not generic and _repelled(t):
            sub = "Armed clash"  # "the attack on the village was beaten back": a fight
        if sub == "Attack" and not generic and _plunder_only(view, t):
            sub = "Looting/property destruction"
            out.append(finding("looting.attack", "Strategic developments", sub, m, view))
            continue
        event_type = "Battles" if sub == "Armed clash" else "Violence against civilians"
        name = (prefix or ("kill." if generic else "attack.")) + (
            "clash" if sub == "Armed clash" else "civilians"
        )
        out.append(
            finding(
                name,
                event_type,
                sub,
                m,
                view,
                background=True if generic else in_background(t) or _drives_out(t),
                actor_inter=inter_of(actor, view.candidates),
                target_inter=CIVILIANS if sub == "Attack" else None,
                civilian_victims=sub == "Attack",
            )
        )
    return best(out)


def _ended(view: SentenceView, match: tuple[int, int]) -> bool:
    """Fighting named as what a truce ends ("a cessation of hostilities")."""
    t = view.token(match[0])
    if t.dep_ == "compound":
        t = t.head  # "the cessation of hostilities agreement"
    return (
        t.dep_ == "pobj"
        and lemma_of(t.head) == "of"
        and lemma_of(t.head.head) in {"cessation", "end", "halt", "suspension"}
    )


def _plunder_only(view: SentenceView, t: Any) -> bool:
    """A raid on a place whose only told harm is looting or stealing ("raided the village,
    looting shops"): nobody hit, killed, hurt, taken or abused."""
    if lemma_of(t) not in {"raid", "attack", "storm", "invade"} or view.has(_HARMING):
        return False
    if hit_words(t) & (cues.CIVILIAN_WORDS - cues.PLACES_OF_PEOPLE - cues.PROPERTY):
        return False
    return any(
        lemma_of(w) in {"loot", "steal", "rustle", "plunder", "pillage", "ransack"}
        and w.pos_ == "VERB"
        and w.i != t.i
        for w in view.tokens_with(cues.LOOTING)
    )


_HARMING = cues.KILLING | cues.HARM | HARMED | cues.SEXUAL | cues.ABDUCTION


DEMONSTRATION_OR_STATE = (
    cues.PROTEST
    | (cues.PROTEST_PEOPLE - {"crowd"})
    | cues.STATE_WORDS
    | cues.STATE_VICTIMS
    | {"ban", "curfew", "defy"}
)
"""Words of a demonstration, of state forces or of defying them: a crowd clashing among them
demonstrates."""


def _crowd_clash(view: SentenceView, t: Any, clause: list[int]) -> bool:
    """Clashes whose sides are a crowd (protesters, supporters, youths) and perhaps the
    police, with no armed group: a violent demonstration."""
    whole = scene(view, t)
    words = view_words(view, whole)
    if not words & cues.CROWD or "armed" in words:
        return False  # "armed youths fought a gunbattle": armed men, no crowd
    base = view.span.start
    return not any(
        view.lemmas[i - base] in cues.NONSTATE_WORDS and not _names_crowd(view.doc[i])
        for i in sorted(set(whole) | set(clause))
    )


def communal_fight(view: SentenceView, t: Any) -> bool:
    """Communities, villagers or youths fighting each other, with no armed group, state
    force or protest in the clause (see `_communal`)."""
    return view.has(_COMMUNITIES) and _mutual(t) and _communal(view, t)


def _mutual(t: Any) -> bool:
    """Violence two sides do to each other ("attacked each other")."""
    return any(
        c.dep_ in {"dobj", "pobj", "prep"} and "other" in words_of(c.subtree) for c in t.children
    ) and any(str(w.lower_) == "each" for c in t.children for w in c.subtree)


def _communal(view: SentenceView, t: Any) -> bool:
    """Fighting between members of communities, villagers or youths with no armed group,
    state force or protest in the clause: unorganised communal violence (mob violence)."""
    words = view_words(view, scene(view, t))
    return bool(words & _COMMUNITIES) and not words & _ORGANISED


_COMMUNITIES = frozenset(
    {"community", "village", "villager", "youth", "resident", "neighbour", "neighbor"}
)
_ORGANISED = (
    cues.NONSTATE_WORDS
    | cues.STATE_WORDS
    | cues.FORCES
    | cues.PROTEST
    | cues.PROTEST_PEOPLE
    | {"armed", "gunman", "militia"}
)


def _names_crowd(token: Any) -> bool:
    """A group's name that tells whose crowd it is ("opposition supporters", "supporters
    of the movement")."""
    head = token.head
    if token.dep_ == "pobj" and lemma_of(head) == "of":
        head = head.head
    elif token.dep_ not in {"compound", "amod", "poss", "nmod"}:
        return False
    return lemma_of(head) in cues.CROWD


def _armed_sides(view: SentenceView, clause: list[int]) -> int:
    """How many armed sides a clause names ("troops and rebels", "two rival militias")."""
    base = view.span.start
    sides = [
        view.doc[i]
        for i in clause
        if view.lemmas[i - base] in _ARMED_SIDES and view.doc[i].pos_ in {"NOUN", "PROPN"}
    ]
    plural = sum(
        1 for t in sides for c in t.children if lemma_of(c) in {"two", "rival", "both", "warring"}
    )
    return len(sides) + plural


def _armed_context(view: SentenceView, lemma: str) -> bool:
    """Whether a sentence tells of armed actors, weapons, harm or a crowd beside a word that
    need not be violence ("ministers clashed over the budget")."""
    return bool(view.words & _VIOLENCE_WORDS - {lemma})


def _drives_out(t: Any) -> bool:
    """Attacks told as what drove people from their homes ("raids have driven 7,000 villagers
    out"): the displacement is the sentence's event."""
    return t.dep_ == "nsubj" and lemma_of(t.head) in {"drive", "displace", "uproot", "force"}


def _repelled(t: Any) -> bool:
    """An attack beaten back, repelled or fought off: the attacked fought."""
    verbs = [t.head] if t.dep_ in {"nsubjpass", "dobj"} else []
    verbs += [c for c in t.children if c.dep_ == "conj" and c.pos_ == "VERB"]
    for v in verbs:
        lemma = lemma_of(v)
        parts = {str(c.lower_) for c in v.children if c.dep_ in {"prt", "advmod"}}
        if lemma in {"repel", "repulse"} or (
            lemma in {"beat", "fight", "push", "drive"} and parts & {"back", "off"}
        ):
            return True
    return False


def _aimed(t: Any) -> bool:
    """Shots fired at something ("shots were fired from a car at a bus", "fired shots at")."""
    aimed = any(
        c.dep_ == "prep" and lemma_of(c) in {"at", "on", "upon", "into", "toward", "towards"}
        for c in t.children
    )
    shots = {lemma_of(c) for c in t.children if c.dep_ in {"dobj", "nsubjpass"}}
    return aimed and bool(shots & {"shot", "round", "bullet", "gunshot"})


_SHOOTING = frozenset({"fire", "shoot", "open", "spray", "gunfire", "shooting"})


def _armed_subject(t: Any) -> bool:
    """A verb done by armed men or forces ("insurgents targeted a convoy")."""
    subject = subject_of(t) if t.pos_ == "VERB" else None
    words = words_of(phrase(subject)) if subject is not None else set()
    return bool(words & (ARMED | cues.FORCES | cues.AIR_PLATFORMS) or "armed" in words)


def _torture(t: Any) -> bool:
    """Torture, which those holding the victim do ("died after torture"), unless a thing
    does it ("tortured by the heat")."""
    if lemma_of(t) != "torture":
        return False
    agents = [g for c in t.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
    return all(a.ent_type_ or words_of(phrase(a)) & _TORTURERS for a in agents)


_TORTURERS = cues.FORCES | cues.STATE_WORDS | cues.NONSTATE_WORDS | {"guard", "jailer", "captor"}


def _accident_clause(t: Any) -> bool:
    """A death told with a clause of its accident ("killed when their plane crashed")."""
    return any(
        c.dep_ in {"advcl", "prep"}
        and any(lemma_of(w) in cues.MISHAPS and _mishap_word(w) for w in c.subtree)
        for c in t.children
    )


def _mishap_word(w: Any) -> bool:
    """A word of a mishap as used ("the plane crashed"; "gunmen stormed" is no storm)."""
    return w.pos_ != "VERB" or lemma_of(w) in {"crash", "collapse", "drown"}


def _mishap(view: SentenceView) -> bool:
    """Deaths told of a disaster, accident or illness, with no word of armed violence."""
    return view.has(cues.MISHAPS) and not view.has(cues.VIOLENT_CONTEXT | cues.NONSTATE_WORDS)


def _raid_to_arrest(view: SentenceView, t: Any) -> bool:
    """State forces raiding or searching a place to arrest people, with nobody hurt: the
    event is the arrests."""
    if lemma_of(t) not in cues.SEARCHES or view.has(cues.KILLING | cues.HARM | HARMED):
        return False
    verb = t.head.head
    if verb.dep_ == "conj" and lemma_of(verb) not in cues.ARRESTS:
        verb = verb.head  # "arrested five men and seized weapons in a raid"
    if t.pos_ != "VERB" and t.dep_ == "pobj" and lemma_of(verb) in cues.ARRESTS:
        return happened(verb)  # "arrested the leader in a dawn raid on his home"
    return side_of(subject_of(t), view.candidates) == STATE and bool(live(view, cues.ARRESTS))


def killings(view: SentenceView) -> Finding | None:
    """Killings with no other cue: a clash or an attack on civilians, by who was killed."""
    return clash_or_attack(view, generic=True)


def harmed(view: SentenceView) -> Finding | None:
    """People dead or wounded in a sentence that tells of armed violence but names no act
    ("two soldiers were wounded in the unrest", "three villagers died of gunshot wounds"):
    a clash or an attack on civilians, by who was hit."""
    if not view.has(cues.VIOLENT_CONTEXT | cues.NONSTATE_WORDS):
        return None
    return clash_or_attack(view, generic=True, entries=cues.HARM, prefix="kill.harm.")


def bodies_found(view: SentenceView) -> Finding | None:
    """Bodies found bearing the marks of violence (shot, bound, mutilated): an attack on
    civilians whose perpetrator is unknown (a mass grave is another event)."""
    if not view.has(cues.VIOLENT_CONTEXT | cues.VIOLENCE_MARKS):
        return None
    for t in view.tokens_with(cues.BODIES):
        if t.pos_ not in {"NOUN", "PROPN"} or t.dep_ not in {"dobj", "nsubjpass"}:
            continue
        if lemma_of(t.head) in cues.FOUND and happened(t.head):
            return finding(
                "kill.bodies",
                "Violence against civilians",
                "Attack",
                (t.i, t.i + 1),
                view,
                background=True,
                target_inter=CIVILIANS,
                civilian_victims=True,
            )
    return None


def means_of(view: SentenceView, violence: Finding, found: list[Finding]) -> Finding | None:
    """The means an attack was carried out with, told in a phrase of its own clause ("the
    attacks, mostly using grenades, happened ..."), not in an earlier or later event."""
    act = view.token(violence.cue[0])
    clause = {act.i, act.head.i}
    for f in found:
        if f.kind.event_type != "Explosions/Remote violence" or f.rule.endswith(".blast"):
            continue
        current, steps = view.token(f.cue[0]), 0
        while current.head.i != current.i and steps < 8 and current.i not in clause:
            if lemma_of(current) in cues.BACKGROUND | cues.CLAUSE_MARKS:
                break
            if any(c.dep_ == "mark" for c in current.children):
                break
            current, steps = current.head, steps + 1
        if current.i in clause:
            return replace(f, background=False)
    return None


def killing_first(view: SentenceView, found: list[Finding]) -> Finding | None:
    """A killing told in the main clause, which makes the sentence's event violence rather
    than a strategic development ("set fire to homes and killed 15 people")."""
    for f in found:
        if f.rule.startswith("kill.") and not in_background(view.token(f.cue[0])):
            return f
    return None
