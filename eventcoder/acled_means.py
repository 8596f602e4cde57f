"""ACLED typing rules for the means of remote violence: chemical weapons, suicide bombs, air
and drone strikes, grenades, shelling and remote explosives, each read only where the weapon
is used (not stored, thrown by hand, or named as a place), and aircraft told as attackers."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from eventcoder import acled_cues as cues
from eventcoder.acled_clauses import (
    STATE,
    Finding,
    SentenceView,
    best,
    finding,
    happened,
    in_background,
    lemma_of,
    live,
    objects_of,
    prev_lemma,
    side_of,
    subject_of,
)
from eventcoder.acled_rules import CACHES

_MEANS_USED = (
    cues.MEANS_CONTEXT
    | cues.HARM
    | cues.KILLING
    | cues.VIOLENT_CONTEXT
    - {
        "gun",
        "rifle",
        "weapon",
        "armed",
    }
)
"""Words of a weapon used: a means named without any is no attack ("a parade of missiles")."""


def means_rule(
    name: str, sub: str, entries: frozenset[str]
) -> Callable[[SentenceView], Finding | None]:
    def rule(view: SentenceView) -> Finding | None:
        if not view.has(_MEANS_USED):
            return None
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
    if last.dep_ in {"compound", "amod", "nmod", "npadvmod", "conj"} and _modifies_place(last):
        return False
    if _stored(last):
        return False  # "a cache of shells", "a pile of rockets": weapons kept, not used
    if name != "suicide" and (_taken_weapon(last) or _inventory(last)):
        return False  # "mortar bombs recovered from a camp", "dug up a shell"
    if name == "chemical" and first == "gas" and prev_lemma(view, i) in {"tear", "teargas"}:
        return False
    if name == "chemical" and first == "gas":
        return prev_lemma(view, i) not in {"tear", "-"}
    final = lemma_of(last)
    if name == "air" and final in cues.AIR_PLATFORMS | {"warplane", "jet", "force", "bomber"}:
        return _attacking_platform(last)
    if name == "grenade":
        before = prev_lemma(view, i, 2) if prev_lemma(view, i) == "-" else prev_lemma(view, i)
        if i + 1 < view.span.end and lemma_of(view.doc[i + 1]) == "launcher":
            return False  # a grenade launcher is a gun, not a grenade
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
        if first == "missile" and _thrown(token):
            return False  # "threw rocks, bottles and other missiles"
    if name == "remote_explosive":
        if first == "bomb" and prev_lemma(view, i) in {
            "petrol",
            "gasoline",
            "fire",
            "smoke",
            "stink",
        }:
            return False
        if first == "mine" and (view.has(cues.MINING) or _at_place(token)):
            return False
        if first in {"mine", "explosive"}:  # "explosive device" names the weapon with an adjective
            named = token.pos_ == "NOUN" or match[1] - i > 1
            return named and prev_lemma(view, i) not in {"coal", "gold", "diamond"}
        if first == "bomb" and token.pos_ == "VERB":
            return side_of(subject_of(token), view.candidates) != STATE
    return True


def _attacks(verb: Any) -> bool:
    """A verb, or a verb of its clause ("said to have violated the airspace to strike"), of
    attacking or wrecking, or flying bombing missions."""
    subject = subject_of(verb)
    told = {w.i for w in subject.subtree} if subject is not None else set()
    if any(w.i not in told and lemma_of(w) in _STRIKES and w.pos_ == "NOUN" for w in verb.subtree):
        return True  # "jets made bombing runs", "drones carried out strikes"
    verbs = [verb] + [c for c in verb.children if c.dep_ in {"xcomp", "conj"}]
    verbs += [g for c in verbs[1:] for g in c.children if g.dep_ in {"xcomp", "conj"}]
    for v in verbs:
        lemma = lemma_of(v)
        if lemma in cues.ATTACKING | _WRECKING:
            return True
        if lemma in {"fly", "make", "conduct"} and any(
            lemma_of(o) in _MISSIONS for o in objects_of(v)
        ):
            return True
    return False


_RAISING = frozenset({"say", "report", "believe", "think", "allege", "understand"})
_WRECKING = frozenset({"wreck", "demolish", "flatten", "obliterate", "wipe"})
_MISSIONS = frozenset({"mission", "sortie", "raid", "strike", "run"})
_STRIKES = frozenset({"bombing", "strike", "airstrike", "raid", "sortie", "bombardment"})
_BACKING = frozenset({"back", "support", "cover", "assist", "accompany", "escort", "aid"})


def _stored(token: Any) -> bool:
    """A weapon named as the content of a cache or pile."""
    while token.dep_ in {"conj", "compound", "amod"} and token.head.i != token.i:
        token = token.head  # "a stash of mortar bombs and rifle rounds"
    return (
        token.dep_ == "pobj"
        and lemma_of(token.head) == "of"
        and lemma_of(token.head.head) in CACHES | {"pile", "crate", "box", "stock"}
    )


def _taken_weapon(token: Any) -> bool:
    """A weapon that was found, seized, recovered, dug up, stocked or shown: the object of
    such a verb, or the noun such a participle describes."""
    if token.dep_ in {"dobj", "nsubj"} and lemma_of(token.head) in cues.ATTACKING | _THROWING:
        return False  # "fired rockets recovered from a depot": used
    if any(c.dep_ in {"acl", "relcl"} and lemma_of(c) in _TAKING for c in token.children):
        return True  # "grenades recovered from the camp"
    current = token
    for _ in range(4):
        if current.dep_ not in _WEAPON_LINKS:
            return False
        current = current.head
        if current.pos_ in {"VERB", "AUX"} and current.dep_ not in {"amod", "compound"}:
            return lemma_of(current) in _TAKING
    return False


_WEAPON_LINKS = frozenset(
    {"dobj", "nsubjpass", "pobj", "prep", "conj", "appos", "compound", "npadvmod", "amod", "nmod"}
)
_TAKING = cues.DISRUPT_VERBS - {"shoot", "down", "destroy", "come", "take"} | {
    "display",
    "show",
    "parade",
    "stock",
    "dig",
    "pull",
    "hand",
    "surrender",
    "examine",
}
"""Verbs of weapons taken out of use or shown (not fired): no attack with them."""


def _inventory(token: Any) -> bool:
    """A weapon listed with the kit of an arms find ("rifles, magazines, a grenade and
    uniforms"): seized or stored, not used."""
    while token.dep_ in {"compound", "amod"} and token.head.i != token.i:
        token = token.head
    head = token
    while head.dep_ == "conj" and head.head.i != head.i:
        head = head.head
    listed = [head, *head.conjuncts]
    user = head.head.head if head.dep_ == "pobj" else head.head  # "pounded it with rockets"
    if head.dep_ in {"dobj", "pobj"} and lemma_of(user) in cues.ATTACKING | _THROWING:
        return False  # fired, launched or thrown: used
    return len(listed) > 1 and bool({lemma_of(w) for t in listed for w in t.subtree} & _KIT)


_KIT = frozenset({"magazine", "cartridge", "ammunition", "uniform", "radio", "pistol", "rifle"})
"""What an arms find lists besides its bombs and grenades."""


def _thrown(token: Any) -> bool:
    """A missile listed with stones or bottles: thrown by hand."""
    group = [token, token.head] if token.dep_ == "conj" else [token]
    group += [c for g in group for c in g.children if c.dep_ == "conj"]
    return any(lemma_of(g) in _THROWN for g in group)


_THROWN = frozenset({"stone", "rock", "brick", "bottle", "egg", "object", "projectile"})


def _at_place(token: Any) -> bool:
    """A word naming where something is ("workers at the mine"), not what hit."""
    return token.dep_ == "pobj" and lemma_of(token.head) in {"at", "in", "inside", "near"}


def _modifies_place(token: Any) -> bool:
    """A means word naming a place, thing or unit ("a missile base", "a rocket-launching site",
    "artillery battalions")."""
    current = token
    while current.dep_ == "conj" and current.head.i != current.i:
        current = current.head  # "artillery and drone battalions"
    for _ in range(3):
        current = current.head
        if lemma_of(current) in cues.TERRITORY | cues.NOT_EVENTS:
            return True
        if lemma_of(current) in cues.UNITS:  # "artillery units pounded the village" attack
            return not (current.dep_ == "nsubj" and _attacks(current.head))
        if current.dep_ not in {"compound", "amod", "nmod", "npadvmod"}:
            return False
    return False


def _attacking_platform(token: Any) -> bool:
    """An aircraft as the attacker: subject of an attacking verb, 'by' an aircraft, or the
    modifier of a strike ('drone attack'); a helicopter shot down is no air strike."""
    if token.dep_ in {"nsubj", "conj"} and lemma_of(token.head) in cues.ATTACKING:
        return True
    if token.dep_ == "nsubj" and _attacks(token.head):
        return True  # "jets wrecked the vehicles"
    if token.dep_ == "nsubjpass" and lemma_of(token.head) in _RAISING and _attacks(token.head):
        return True  # "warplanes are said to have struck"
    if token.dep_ in {"compound", "amod", "nmod"} and lemma_of(token.head) in cues.ATTACKING:
        return True
    if token.dep_ == "pobj" and lemma_of(token.head) in {"by", "from"}:
        return lemma_of(token.head.head) not in _BACKING  # not "an operation backed by jets"
    if token.dep_ == "nsubj" and lemma_of(token.head) in {"carry", "conduct", "launch"}:
        return True
    if any(_active_attack(c) for c in token.children if c.dep_ == "acl"):
        return True  # "an aircraft bombed ...", parsed as a reduced relative
    for clause in (c for c in token.children if c.dep_ == "relcl"):
        said = [clause, *(c for c in clause.children if c.dep_ == "ccomp")]
        if any(lemma_of(v) in cues.ATTACKING for v in said):
            return True  # "a drone, which residents said hit the wedding party"
    root = token.sent.root
    if (
        token.i < root.i
        and lemma_of(root) in cues.ATTACKING
        and not any(c.dep_ in {"nsubj", "nsubjpass"} for c in root.children)
    ):
        return True  # "..., Alpha Jets and a gunship struck": a subject the parser lost
    if token.dep_ == "pobj" and lemma_of(token.head) == "of":
        token = token.head.head  # "launched dozens of drones"
    return token.dep_ == "dobj" and lemma_of(token.head) in {"launch", "fire", "send"}


def grenade(view: SentenceView) -> Finding | None:
    """Grenades, also an explosive told thrown or tossed by hand ("a bomb was hurled into
    the bar")."""
    found = means_rule("grenade", "Grenade", cues.GRENADE)(view)
    if found is not None:
        return found
    for t in view.tokens_with(_THROWN_BOMBS):
        verb = t.head
        thrown = [c for c in t.children if c.dep_ == "acl" and lemma_of(c) in _THROWING]
        if thrown:
            verb = thrown[0]  # "an explosive thrown from a motorbike went off"
        elif t.dep_ not in {"dobj", "nsubjpass"} or lemma_of(verb) not in _THROWING:
            continue
        if prev_lemma(view, t.i) in _NOT_GRENADES or not happened(verb):
            continue
        return finding(
            "grenade.thrown", "Explosions/Remote violence", "Grenade", (t.i, t.i + 1), view
        )
    return None


_THROWN_BOMBS = frozenset({"explosive", "bomb", "device"})
"""Explosives told thrown (grenades) or worn or driven in (suicide bombs)."""
_THROWING = frozenset({"throw", "toss", "lob", "hurl", "fling"})
_NOT_GRENADES = frozenset({"petrol", "gasoline", "fire", "smoke", "stink", "incendiary", "molotov"})


def suicide(view: SentenceView) -> Finding | None:
    """Suicide bombs, also told by the bomber's body or vehicle: explosives worn, or a vehicle
    packed with explosives driven into its target."""
    found = means_rule("suicide", "Suicide bomb", cues.SUICIDE)(view)
    if found is not None:
        return found
    for t in view.tokens_with(_THROWN_BOMBS):
        holder = t.head.head if t.dep_ == "pobj" and lemma_of(t.head) == "with" else t.head
        if t.dep_ == "dobj" and lemma_of(t.head) in {"wear", "strap"}:
            verb = t.head  # "girls wearing explosives"
        elif lemma_of(holder) in _LADEN and (
            lemma_of(holder.head) in _VEHICLES or holder.head.dep_ == "dobj"
        ):
            verb = holder.head.head  # "rammed a lorry loaded with explosives into a checkpoint"
            into = [c for h in (verb, holder) for c in h.children if lemma_of(c) == "into"]
            if lemma_of(verb) not in _DRIVING or not into:
                continue
        else:
            continue
        if happened(verb) or verb.dep_ == "acl":
            return finding(
                "suicide.body", "Explosions/Remote violence", "Suicide bomb", (t.i, t.i + 1), view
            )
    return None


_LADEN = frozenset({"pack", "packed", "laden", "load", "loaded", "rig", "rigged", "fill", "filled"})
_VEHICLES = frozenset(
    {
        "truck",
        "car",
        "vehicle",
        "lorry",
        "van",
        "motorcycle",
        "motorbike",
        "tanker",
        "minibus",
        "boat",
    }
)
_DRIVING = frozenset({"drive", "ram", "crash", "plough", "plow", "steer", "smash"})


def chemical(view: SentenceView) -> Finding | None:
    """Chemical weapons, also gas (not tear gas) dropped, fired or released where people
    choked, suffocated or died."""
    found = means_rule("chemical", "Chemical weapon", cues.CHEMICAL)(view)
    if found is not None:
        return found
    if not view.has(_GASSED):
        return None
    for t in view.tokens_with(_AGENTS):
        if prev_lemma(view, t.i) in _HARMLESS_GAS or lemma_of(t.head) in _HARMLESS_GAS:
            continue
        used = _agent_used(t)
        if used is not None and happened(used):
            return finding(
                "chemical.gas",
                "Explosions/Remote violence",
                "Chemical weapon",
                (t.i, t.i + 1),
                view,
            )
    return None


def _agent_used(t: Any) -> Any | None:
    """The verb that used a gas, smoke or chemical: its object ("released a gas"), what
    carried it ("dropped a gas canister", "bombs that gave off smoke", "munitions filled
    with gas", "bombs laden with chemicals")."""
    current = t
    for _ in range(4):
        if current.head.i == current.i:
            return None
        head = current.head
        if current.dep_ in {"dobj", "nsubjpass", "nsubj"} and lemma_of(head) in _GAS_USE:
            return head
        if current.dep_ in {"dobj", "nsubjpass"} and lemma_of(head) in _GIVING_OFF:
            current = head.head if head.dep_ == "relcl" else head  # "bombs that gave off"
            continue
        if current.dep_ not in {"compound", "pobj", "prep", "acl", "relcl", "amod"}:
            return None
        current = head
    return None


_AGENTS = frozenset({"gas", "smoke", "chemical", "agent", "substance", "chlorine"})
_GIVING_OFF = frozenset({"give", "emit", "release", "leave", "produce", "fill", "lace", "contain"})
_GASSED = frozenset(
    {
        "die",
        "dead",
        "death",
        "kill",
        "choke",
        "choking",
        "suffocate",
        "suffocation",
        "breathe",
        "breathing",
        "asphyxiate",
        "asphyxiation",
        "poison",
        "poisoning",
        "blister",
        "blistering",
        "vomit",
        "vomiting",
        "convulsion",
        "respiratory",
        "sicken",
        "sickening",
        "suffocating",
    }
)
_HARMLESS_GAS = frozenset(
    {
        "tear",
        "teargas",
        "natural",
        "cooking",
        "greenhouse",
        "-",
        "oil",
        "pepper",
        "station",
        "price",
        "pipeline",
        "field",
        "cylinder",
        "leak",
    }
)
_GAS_USE = frozenset(
    {"drop", "fire", "release", "use", "spread", "launch", "lob", "spray", "deploy"}
)


def _active_attack(verb: Any) -> bool:
    """A verb of attacking with an object and no agent ("bombed positions", not "hit by")."""
    children = {c.dep_ for c in verb.children}
    return lemma_of(verb) in cues.ATTACKING and "dobj" in children and "agent" not in children


def _sent_against(view: SentenceView) -> Finding | None:
    """Aircraft or drones sent or launched against a target ("sent drones against the
    airport"), which names the attack without a word of its harm."""
    for t in view.tokens_with(cues.AIR_PLATFORMS):
        sent = t.head.head if t.dep_ == "pobj" and lemma_of(t.head) == "of" else t
        verb = sent.head if sent.dep_ == "dobj" else None
        if verb is None or lemma_of(verb) not in {"send", "launch", "fly"} or not happened(verb):
            continue
        heads = (verb, sent, t)
        if any(c.dep_ == "prep" and lemma_of(c) in _AGAINST for h in heads for c in h.children):
            cue = (verb.i, verb.i + 1)  # the sending tells it happened
            return finding("air", "Explosions/Remote violence", "Air/drone strike", cue, view)
    return None


_AGAINST = frozenset({"against", "at", "toward", "towards"})


def air(view: SentenceView) -> Finding | None:
    """Air or drone strikes; a state's bombing is from the air."""
    found = means_rule("air", "Air/drone strike", cues.AIR)(view) or _sent_against(view)
    if found is not None:
        return found
    for t in view.tokens_with({"bomb"}):
        if (
            lemma_of(t) == "bomb"
            and t.pos_ == "VERB"
            and happened(t)
            and not any(c.dep_ == "aux" and c.lower_ == "to" for c in t.children)  # "to bomb"
            and side_of(subject_of(t), view.candidates) == STATE
        ):
            return finding(
                "air", "Explosions/Remote violence", "Air/drone strike", (t.i, t.i + 1), view
            )
    return None


MEANS_WORDS = _THROWN_BOMBS | _AGENTS | {"bomb"}
"""Words the means rules read beyond their cue lists (bombs thrown, worn or dropped, gas
released): a sentence without any of them or of the cues gives no means."""
