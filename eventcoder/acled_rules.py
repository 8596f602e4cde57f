"""ACLED typing rules over one parsed sentence: disrupted weapons use, the means of remote
violence, sexual violence, territory, abductions, clashes and attacks, and the strategic
developments (the protest rules are in `eventcoder.acled_protest`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from eventcoder import acled_cues as cues
from eventcoder.acled import CIVILIANS
from eventcoder.acled_clauses import (
    NONSTATE,
    STATE,
    Finding,
    SentenceView,
    best,
    finding,
    happened,
    hit_words,
    in_background,
    inter_of,
    lemma_of,
    live,
    objects_of,
    phrase,
    prev_lemma,
    side_of,
    subject_of,
    words_of,
)

# --- The rules ------------------------------------------------------------------------------


def disrupted(view: SentenceView) -> Finding | None:
    """A weapon found, seized, defused, intercepted or destroyed (not by a non-state group)."""
    out = []
    for t in view.tokens_with(cues.DISRUPT_VERBS):
        lemma = lemma_of(t)
        if lemma not in cues.DISRUPT_VERBS or t.pos_ not in {"VERB", "AUX"}:
            continue
        if lemma == "shoot" and not any(c.lower_ == "down" for c in t.children):
            continue
        weapons = cues.DESTROYABLE_WEAPONS if lemma == "destroy" else cues.WEAPONS
        objects = [c for c in t.children if c.dep_ in {"dobj", "nsubjpass", "attr"}]
        for clause in (c for c in t.children if c.dep_ == "ccomp"):
            objects += [c for c in clause.children if c.dep_ in {"nsubj", "nsubjpass"}]
        if t.dep_ in {"acl", "amod"}:
            objects.append(t.head)
        objects += [
            c
            for o in list(objects)
            for a in o.children
            if a.dep_ == "acl" and lemma_of(a) in _CARRYING
            for c in a.children
            if c.dep_ in {"dobj", "prep"}
        ]
        if not any(words_of(phrase(o)) & weapons for o in objects):
            continue
        if side_of(subject_of(t), view.candidates) == NONSTATE or not happened(t):
            continue
        if t.dep_ == "conj" and lemma_of(t.head) in cues.ARRESTS:
            continue
        out.append(
            finding(
                "disrupted", "Strategic developments", "Disrupted weapons use", (t.i, t.i + 1), view
            )
        )
    arrests = bool(live(view, cues.ARRESTS))  # a plot foiled by arrests is the arrests
    for t in view.tokens_with(cues.FOIL):
        if not arrests and t.pos_ == "VERB" and side_of(subject_of(t), view.candidates) != NONSTATE:
            foiled = words_of(w for o in objects_of(t) for w in phrase(o))
            if foiled & cues.FOILED and not any(c.dep_ == "neg" for c in t.children):
                sub = "Disrupted weapons use"
                out.append(
                    finding("disrupted.foiled", "Strategic developments", sub, (t.i, t.i + 1), view)
                )
    if not view.has(_HARMED):
        for m in live(view, cues.DISRUPTED_DIRECT):
            sub = "Disrupted weapons use"
            out.append(finding("disrupted", "Strategic developments", sub, m, view))
    return best(out)


_HARMED = frozenset({"kill", "killed", "wound", "injure", "die", "dead", "hurt"})
_CARRYING = frozenset({"carry", "contain", "load", "fill", "hold", "pack", "transport"})
_NOT_ARMED = frozenset({"heart", "cyber", "panic", "verbal", "asthma", "raid", "fight", "combat"})
HANDOVER = frozenset({"hand over", "handover", "hand control", "cede"})


def means_rule(
    name: str, sub: str, entries: frozenset[str]
) -> Callable[[SentenceView], Finding | None]:
    def rule(view: SentenceView) -> Finding | None:
        found = [m for m in live(view, entries) if _means_ok(view, name, m)]
        return best(
            [
                finding(
                    f"{name}.blast" if _weak_blast(view, m) else name,
                    "Explosions/Remote violence",
                    sub,
                    m,
                    view,
                    civilian_victims=_civ(view),
                    background=_weak_blast(view, m) or in_background(view.token(m[0])),
                )
                for m in found
            ]
        )

    rule.__name__ = name
    return rule


def _weak_blast(view: SentenceView, match: tuple[int, int]) -> bool:
    """A bare blast ("an explosion", "detonated") names no means: any other reading of the
    sentence in its main clause comes first."""
    return match[1] - match[0] == 1 and lemma_of(view.token(match[0])) in cues.BLASTS


def _civ(view: SentenceView) -> bool:
    return view.has(cues.CIVILIAN_WORDS - {"village", "vehicle", "home", "house"}) and not view.has(
        {"soldier", "troop", "militant", "fighter", "police", "policeman", "base", "position"}
    )


def _means_ok(view: SentenceView, name: str, match: tuple[int, int]) -> bool:
    i = match[0]
    token = view.token(i)
    first = lemma_of(token)
    last = view.doc[match[1] - 1]
    if last.dep_ in {"compound", "amod", "nmod", "npadvmod"} and _modifies_place(last):
        return False
    if name == "chemical" and first == "gas" and prev_lemma(view, i) in {"tear", "teargas"}:
        return False
    if name == "chemical" and first == "gas":
        return prev_lemma(view, i) not in {"tear", "-"}
    final = lemma_of(last)
    if name == "air" and final in cues.AIR_PLATFORMS | {"warplane", "jet", "force"}:
        return _attacking_platform(last)
    if name == "grenade":
        before = prev_lemma(view, i, 2) if prev_lemma(view, i) == "-" else prev_lemma(view, i)
        return before not in {"propel", "propelled", "stun", "smoke", "gas", "tear", "sound"}
    if name == "shelling":
        if prev_lemma(view, i) in {"unexploded", "unexplode"}:
            return False
        if first == "shell":
            return prev_lemma(view, i) not in {"gas", "teargas", "tear"} and token.pos_ in {
                "NOUN",
                "VERB",
            }
        if first == "tank" and match[1] - i == 1:
            return bool(token.dep_ == "nsubj")
    if name == "remote_explosive":
        if first == "bomb" and prev_lemma(view, i) in {
            "petrol",
            "gasoline",
            "fire",
            "smoke",
            "stink",
        }:
            return False
        if first == "mine" and view.has(cues.MINING):
            return False
        if first in {"mine", "explosive"}:
            return token.pos_ == "NOUN" and prev_lemma(view, i) not in {"coal", "gold", "diamond"}
        if first == "bomb" and token.pos_ == "VERB":
            return side_of(subject_of(token), view.candidates) != STATE
    return True


def _modifies_place(token: Any) -> bool:
    """A means word naming a place or thing ("a missile base", "a rocket-launching site")."""
    current = token
    for _ in range(3):
        current = current.head
        if lemma_of(current) in cues.TERRITORY | cues.NOT_EVENTS:
            return True
        if current.dep_ not in {"compound", "amod", "nmod", "npadvmod"}:
            return False
    return False


def _attacking_platform(token: Any) -> bool:
    """An aircraft as the attacker: subject of an attacking verb, 'by' an aircraft, or the
    modifier of a strike ('drone attack'); a helicopter shot down is no air strike."""
    if token.dep_ in {"nsubj", "conj"} and lemma_of(token.head) in cues.ATTACKING:
        return True
    if token.dep_ in {"compound", "amod", "nmod"} and lemma_of(token.head) in cues.ATTACKING:
        return True
    if token.dep_ == "pobj" and lemma_of(token.head) in {"by", "from"}:
        return True
    return token.dep_ == "nsubj" and lemma_of(token.head) in {"carry", "conduct", "launch"}


def air(view: SentenceView) -> Finding | None:
    """Air or drone strikes; a state's bombing is from the air."""
    found = means_rule("air", "Air/drone strike", cues.AIR)(view)
    if found is not None:
        return found
    for t in view.tokens_with({"bomb"}):
        if (
            lemma_of(t) == "bomb"
            and t.pos_ == "VERB"
            and happened(t)
            and side_of(subject_of(t), view.candidates) == STATE
        ):
            return finding(
                "air", "Explosions/Remote violence", "Air/drone strike", (t.i, t.i + 1), view
            )
    return None


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
    """Abductions, kidnappings, hostage-taking, forced disappearances."""
    found = [m for m in live(view, cues.ABDUCTION) if not _released(view.token(m[0]))]
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


def _released(token: Any) -> bool:
    """Hostages or prisoners set free (or killed), not taken."""
    return token.dep_ in {"dobj", "nsubjpass"} and lemma_of(token.head) in (
        cues.RELEASE | cues.KILLING
    )


def territory(view: SentenceView) -> Finding | None:
    """Territory taken: by state forces, by a non-state group, or without a fight (a place
    left, handed over, or entered without resistance)."""
    out = []
    transfer = any(
        lemma_of(view.token(m[1] - 1)) == "resistance" or happened(view.token(m[0]))
        for m in view.matches(cues.NONVIOLENT_TRANSFER)
    )
    for t in view.tokens_with(cues.TAKE_TERRITORY):
        if not _takes_territory(view, t) or not happened(t):
            continue
        taker = _falls_to(view, t) if lemma_of(t) == "fall" else subject_of(t)
        side = side_of(taker, view.candidates)
        if transfer:
            sub = "Non-violent transfer of territory"
            name, event_type = "territory.nonviolent", "Strategic developments"
        elif side == STATE or (side is None and not view.has(cues.NONSTATE_WORDS)):
            name, event_type, sub = "territory.state", "Battles", "Government regains territory"
        else:
            sub = "Non-state actor overtakes territory"
            name, event_type = "territory.nonstate", "Battles"
        out.append(finding(name, event_type, sub, (t.i, t.i + 1), view))
    sub = "Non-violent transfer of territory"
    for t in view.tokens_with(cues.LEAVE):
        if _leaves_place(view, t) and happened(t):
            cue = (t.i, t.i + 1)
            out.append(finding("territory.left", "Strategic developments", sub, cue, view))
    for m in live(view, HANDOVER):
        t = view.token(m[0])
        if t.pos_ != "VERB" or any(_is_place(view, o) for o in objects_of(t)):
            out.append(finding("territory.handover", "Strategic developments", sub, m, view))
    return best(out)


def _is_place(view: SentenceView, obj: Any) -> bool:
    lemma = lemma_of(obj)
    if lemma == "control":
        return any(
            _is_place(view, c)
            for prep in obj.children
            if lemma_of(prep) in {"of", "over"}
            for c in prep.children
            if c.dep_ == "pobj"
        )
    lower = str(obj.lower_)
    if {lemma, lower, lower.removesuffix("s")} & (cues.TERRITORY - {"control"}):
        return lemma not in {"airspace", "zone", "water"}
    if obj.ent_type_ in {"GPE", "LOC", "FAC"} and lemma not in cues.HUMAN_TAKEN:
        return True
    if obj.pos_ == "PRON" and lemma in {"it", "them"}:
        return view.has(cues.TERRITORY - {"control", "position"})
    return False


def _leaves_place(view: SentenceView, t: Any) -> bool:
    """Forces leaving a place: "withdrew from the crossing", "pulled out of the city"."""
    if lemma_of(t) not in cues.LEAVE or t.pos_ not in {"VERB", "AUX"}:
        return False
    if lemma_of(t) == "pull" and not any(c.lower_ == "out" for c in t.children):
        return False
    return any(_is_place(view, o) and lemma_of(o) != "position" for o in objects_of(t))


def _falls_to(view: SentenceView, t: Any) -> Any | None:
    """The taker when a place "fell to" someone or "into the hands of" someone."""
    subjects = [c for c in t.children if c.dep_ == "nsubj"]
    if not subjects or not _is_place(view, subjects[0]):
        return None
    for prep in (c for c in t.children if c.dep_ == "prep"):
        pobj = [c for c in prep.children if c.dep_ == "pobj"]
        if not pobj:
            continue
        if lemma_of(prep) == "to":
            return pobj[0]
        if lemma_of(prep) == "into" and lemma_of(pobj[0]) == "hand":
            inner = [c for p in pobj[0].children if lemma_of(p) == "of" for c in p.children]
            return inner[0] if inner else pobj[0]
    return None


def _takes_territory(view: SentenceView, t: Any) -> bool:
    lemma = lemma_of(t)
    if t.pos_ not in {"VERB", "AUX"}:
        return False
    if lemma not in cues.TAKE_TERRITORY and t.lower_ not in cues.TAKE_TERRITORY:
        return False
    if any(c.dep_ == "aux" and c.lower_ == "to" for c in t.children) and t.dep_ in {"acl", "advcl"}:
        return False
    particles = {str(c.lower_) for c in t.children if c.dep_ in {"prt", "prep"}}
    objects = objects_of(t)
    if lemma in {"take", "gain", "wrest", "seize", "regain", "retake", "restore", "assume"} and any(
        lemma_of(o) == "control" for o in objects
    ):
        return True
    if (
        lemma == "take"
        and "over" not in particles
        and not any(o.dep_ == "dobj" and _is_place(view, o) for o in objects)
    ):
        return False
    if lemma in {"push", "drive"} and "out" not in particles:
        return False
    if lemma == "fall":
        return _falls_to(view, t) is not None
    if lemma == "control":
        return False
    if lemma in cues.EXPEL and not any(
        words_of(phrase(o)) & (cues.NONSTATE_WORDS | cues.STATE_WORDS)
        for o in t.children
        if o.dep_ == "dobj"
    ):
        return False
    if lemma in cues.STRONG_TAKE and any(
        o.dep_ == "dobj"
        and o.pos_ == "PROPN"
        and o.ent_type_ not in {"PERSON", "NORP"}
        and not words_of(phrase(o)) & cues.HUMAN_TAKEN
        for o in objects
    ):
        return True
    if lemma == "advance" and not particles & {"in", "into"}:
        return False
    if lemma == "take" and any(o.dep_ == "nsubjpass" for o in objects):
        return False
    return any(_is_place(view, o) for o in objects)


def _victims(view: SentenceView, t: Any) -> str | None:
    """Who an attack or killing hits: "civilians", "military" (armed actors), or None."""
    hit = hit_words(t)
    if not hit and t.dep_ in {"compound", "amod"}:
        hit = hit_words(t.head)
    civ, mil = hit & cues.CIVILIAN_WORDS, hit & cues.MILITARY_TARGETS
    if civ:
        return "civilians"
    if mil:
        return "military"
    return None


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
    clashes = set() if generic else set(live(view, cues.CLASH))
    words = entries or (cues.KILLING if generic else cues.ATTACK_VERBS | cues.CLASH)
    for m in live(view, words):
        t = view.token(m[0])
        lemma = lemma_of(t)
        if lemma in {"raid", "storm", "fight", "combat", "fire"} and t.pos_ != "VERB":
            continue
        if lemma == "attack" and prev_lemma(view, t.i) in _NOT_ARMED:
            continue
        if not generic and _raid_to_arrest(view, t):
            continue
        hit = hit_words(t)
        if (
            not generic
            and hit & cues.PROPERTY
            and not hit & (cues.MILITARY_TARGETS | cues.CIVILIAN_WORDS - cues.PROPERTY)
        ):
            sub = "Looting/property destruction"
            out.append(finding("looting.attack", "Strategic developments", sub, m, view))
            continue
        victims = _victims(view, t)
        perpetrator = side_of(subject_of(t), view.candidates) if t.pos_ == "VERB" else None
        if m in clashes and victims != "civilians":
            sub = "Armed clash"
        elif victims is not None:
            sub = "Armed clash" if victims == "military" else "Attack"
        elif view.has(cues.STATE_VICTIMS):
            sub = "Armed clash"
        elif view.has(cues.CIVILIAN_WORDS - {"vehicle", "home", "house", "man"}):
            sub = "Attack"
        elif perpetrator == STATE:
            sub = "Armed clash"
        elif _armed_violence(view, lemma, perpetrator, generic):
            sub = "Attack"
        else:
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
                background=True if generic else in_background(t),
                actor_inter=inter_of(subject_of(t), view.candidates) if t.pos_ == "VERB" else None,
                target_inter=CIVILIANS if sub == "Attack" else None,
                civilian_victims=sub == "Attack",
            )
        )
    return best(out)


def _raid_to_arrest(view: SentenceView, t: Any) -> bool:
    """State forces raiding or searching a place to arrest people, with nobody hurt: the
    event is the arrests."""
    return (
        lemma_of(t) in cues.SEARCHES
        and side_of(subject_of(t), view.candidates) == STATE
        and bool(live(view, cues.ARRESTS))
        and not view.has(cues.KILLING | cues.HARM | _HARMED)
    )


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
    men", "an arrest warrant")."""
    return t.dep_ not in {"amod", "compound"}


def has_base_object(view: SentenceView, t: Any) -> bool:
    objects = [c for c in t.children if c.dep_ in {"dobj", "nsubjpass"}]
    return any(words_of(o.subtree) & cues.BASES for o in objects)


def changes_group(view: SentenceView, t: Any) -> bool:
    lemma = lemma_of(t)
    if lemma == "form":
        return bool(
            words_of(c for c in t.children if c.dep_ in {"dobj", "nsubjpass"}) & cues.GROUPS
        )
    if lemma == "enter":
        return bool(words_of(t.subtree) & {"airspace", "zone", "identification"})
    if lemma in cues.MOVE_FORCES:
        parties = [c for c in t.children if c.dep_ in {"dobj", "nsubjpass", "nsubj"}]
        return bool(words_of(w for o in parties for w in phrase(o)) & cues.FORCES)
    return True


def _signs_agreement(t: Any) -> bool:
    return bool(words_of(w for o in objects_of(t) for w in phrase(o)) & cues.AGREEMENTS)


def group_led(view: SentenceView, t: Any) -> bool:
    """A change of an armed group's leadership or shape (the sentence names a group)."""
    return view.has(cues.NONSTATE_WORDS | {"group", "movement", "faction"})


def civilians_flee(view: SentenceView, t: Any) -> bool:
    """Civilians fleeing or displaced (forces falling back are no displacement)."""
    subject = subject_of(t)
    return subject is None or not words_of(phrase(subject)) & (cues.FORCES | cues.STATE_WORDS)


def agreement(view: SentenceView) -> Finding | None:
    """Agreements between armed actors: ceasefires, peace deals, prisoner exchanges,
    surrenders; a bare agreement only in the context of armed conflict."""
    found = live(view, cues.AGREEMENT_STRONG) + [
        (t.i, t.i + 1)
        for t in view.tokens_with({"release", "free"})
        if lemma_of(t) in {"release", "free"}
        and happened(t)
        and (
            words_of(w for o in objects_of(t) for w in phrase(o)) & cues.CAPTIVES
            or words_of(phrase(subject_of(t) or t)) & cues.CAPTORS
        )
    ]
    if not found and view.has(cues.CONFLICT_CONTEXT):
        found = [
            m
            for m in live(view, cues.AGREEMENT_WEAK)
            if view.token(m[0]).lower_ not in {"according", "accordance"}
            and (lemma_of(view.token(m[0])) != "sign" or _signs_agreement(view.token(m[0])))
        ]
    return best(
        [finding("agreement", "Strategic developments", "Agreement", m, view) for m in found]
    )
