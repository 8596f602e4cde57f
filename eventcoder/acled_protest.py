"""ACLED typing rules for demonstrations: protests by their character (peaceful, with
intervention, met with excessive force, violent) and mob violence."""

from __future__ import annotations

from typing import Any

from eventcoder import acled_cues as cues
from eventcoder.acled import CIVILIANS
from eventcoder.acled_clauses import (
    STATE,
    Finding,
    SentenceView,
    finding,
    governing_verb,
    happened,
    hit_words,
    in_background,
    lemma_of,
    live,
    objects_of,
    phrase,
    side_of,
    subject_of,
    words_of,
)
from eventcoder.acled_rules import held_by_state
from eventcoder.acled_scope import display_of
from eventcoder.acled_violence import DEMONSTRATION_OR_STATE, communal_fight


def mob(view: SentenceView) -> Finding | None:
    """Mob violence: a mob, vigilantes or a lynching doing violence (not "mob bosses"; a "mob"
    at a demonstration is its rioters)."""
    found = [
        m
        for m in live(view, cues.MOB)
        if (
            lemma_of(view.token(m[0])) != "vigilante"
            or (_lone_vigilante(view.token(m[0])) and view.has(_MOB_HARM))
        )
        and not _names_crime_family(view.token(m[0]))
        and not (lemma_of(view.token(m[0])) == "mob" and view.has(_DEMONSTRATING))
    ]
    if view.has(cues.MOB_CROWD) and view.has(cues.MOB_VICTIMS):
        found += [
            (t.i, t.i + 1) for t in view.tokens_with(cues.MOB_VIOLENCE) if _rough_justice(view, t)
        ]
    if not found and view.has(cues.MOB_CROWD) and not view.has(_DEMONSTRATING):
        found += [  # "the beating of a suspected thief by a mob"
            (t.i, t.i + 1)
            for t in view.tokens_with({"assault", "attack", "beating", "lynching"})
            if t.pos_ == "NOUN" and _by_crowd(t)
        ]
        rioting = [t for t in view.tokens_with(RIOTING) if _crowd_riots(view, t)]
        if any(_hits_the_state(t) for t in rioting):  # a riot against the state
            cue = (rioting[0].i, rioting[0].i + 1)
            return finding("protest.crowd_violence", "Riots", "Violent demonstration", cue, view)
        found += [(t.i, t.i + 1) for t in rioting]
    if not found:
        return None
    return finding("mob", "Riots", "Mob violence", found[0], view, target_inter=CIVILIANS)


_MOB_HARM = cues.MOB_VIOLENCE | cues.HARM | cues.KILLING
"""Words of harm done: vigilantes named with none of them did no violence ("accused
vigilantes of cartel ties")."""


def _by_crowd(t: Any) -> bool:
    """An act done "by a crowd" or "by a mob" of people."""
    return any(
        lemma_of(p) == "by" and lemma_of(c) in {"crowd", "mob"}
        for p in t.children
        for c in p.children
        if c.dep_ == "pobj"
    )


def _names_crime_family(t: Any) -> bool:
    """ "Mob" naming organised crime ("mob bosses", "mob members"), not a crowd."""
    return t.dep_ == "compound" and lemma_of(t.head) in _MOB_NAMES


_MOB_NAMES = frozenset({"boss", "member", "family", "figure", "leader", "tie", "chief", "lawyer"})


def _lone_vigilante(t: Any) -> bool:
    """Vigilantes acting as a crowd, not named as an organised group ("the vigilante group",
    "vigilante forces" fight as a militia) nor as the object of a preposition."""
    if t.dep_ == "pobj":
        return False
    if t.dep_ == "nsubj" and lemma_of(t.head) in cues.REPORTING:
        return False  # "a vigilante said": a witness
    return not (t.dep_ in {"compound", "amod"} and lemma_of(t.head) in cues.GROUPS | cues.FORCES)


def _rough_justice(view: SentenceView, t: Any) -> bool:
    """Residents or a crowd beating, burning or killing people they suspect of a crime."""
    subject = subject_of(t)
    if subject is None or not happened(t) or side_of(subject, view.candidates) is not None:
        return False
    verbs = [t, t.head] if t.dep_ == "conj" else [t]
    told = {w.i for w in subject.subtree}  # what the crowd did and why, without who they are
    victims = words_of(w for v in verbs for w in v.subtree if w.i not in told)
    return bool(words_of(phrase(subject)) & cues.MOB_CROWD and victims & cues.MOB_VICTIMS)


def _crowd_riots(view: SentenceView, t: Any) -> bool:
    """Residents, villagers, youths or a crowd attacking, burning or storming, with no protest
    told: rioters acting as a mob ("hundreds of residents attacked a police post")."""
    if t.pos_ != "VERB" or not happened(t):
        return False
    subject = subject_of(t)
    if subject is None or side_of(subject, view.candidates) is not None:
        return False
    if words_of(w for o in objects_of(t) for w in phrase(o)) & _PROTEST_TACTICS:
        return False  # burning tyres, blocking roads: a demonstration's tactics
    return bool({lemma_of(subject), str(subject.lower_)} & _RIOTERS) or (
        lemma_of(subject) in {"hundred", "thousand", "dozen", "group"}
        and bool(words_of(phrase(subject)) & _RIOTERS)
    )


def _hits_the_state(t: Any) -> bool:
    """Violence whose target is the state (police, its stations and offices)."""
    hit = hit_words(t) | words_of(w for o in objects_of(t) for w in phrase(o))
    return bool(hit & (cues.STATE_VICTIMS | cues.STATE_WORDS | _OFFICES))


_OFFICES = frozenset({"office", "headquarters", "courthouse", "court", "prison", "jail"})
RIOTING = frozenset({"attack", "burn", "torch", "storm", "ransack", "set", "beat", "stone"})
"""Verbs of a crowd rioting as a mob."""
_RIOTERS = frozenset({"resident", "villager", "youth", "crowd", "mob", "people"})
_PROTEST_TACTICS = cues.ROADS | {"tyre", "tire", "barricade"}
_DEMONSTRATING = cues.PROTEST | (cues.PROTEST_PEOPLE - {"crowd"}) | cues.CROWD_CONTROL | {"demand"}
"""Words of a demonstration ("a crowd" alone may be a mob)."""


def protest(view: SentenceView) -> Finding | None:
    """Protests and violent demonstrations: the protest's character decides the type (crowd
    control alone, "fired tear gas to disperse", tells of a demonstration too)."""
    found = [
        m
        for m in view.matches(cues.PROTEST)
        if (view.happened_at(m[0]) or _dispersed(view.token(m[0]))) and _is_protest(view, m)
    ]
    found += [
        m
        for m in live(view, cues.GATHER)
        if _crowd_acts(view, view.token(m[0]))
        or (view.has(_PROTEST_PURPOSE) and _crowd_acts(view, view.token(m[0]), _CIVILIANS))
    ]
    found.sort(key=lambda m: view.token(m[0]).dep_ in {"compound", "amod"})  # "protest movement"
    control = live(view, cues.CROWD_CONTROL)
    if not found and not control:
        stopped = [m for m in view.matches(cues.PROTEST) if _stopped_by_state(view, m[0])]
        if stopped:  # "police prevented supporters from holding a rally"
            sub = "Protest with intervention"
            return finding("protest.intervention", "Protests", sub, stopped[0], view)
        rioting = [
            m
            for m in view.matches(cues.PROTESTER_VIOLENCE)
            if lemma_of(view.token(m[0])) not in {"attack", "injure", "destroy", "violent"}
            and (_crowd_acts(view, view.token(m[0]), cues.CROWD) or _violent_crowd(view, m))
            and _protester_violence(view, view.token(m[0]))
        ]
        if not view.has(DEMONSTRATION_OR_STATE):
            rioting = [m for m in rioting if lemma_of(view.token(m[0])) not in _FIGHTING]
        if rioting and not any(communal_fight(view, t) for t in view.tokens_with(_FIGHTING)):
            return finding(
                "protest.crowd_violence", "Riots", "Violent demonstration", rioting[0], view
            )
        burning = _burning_barricades(view)
        if burning is not None and _unarmed_doers(view, burning):
            cue = (burning.i, burning.i + 1)
            return finding("protest.barricades", "Riots", "Violent demonstration", cue, view)
        return None
    cue = (found or control)[0]
    background = in_background(view.token(cue[0]))

    def typed(name: str, event_type: str, sub: str, by: tuple[int, int] | None) -> Finding:
        behind = background and (by is None or in_background(view.token(by[0])))
        dispersed = not view.happened_at(cue[0]) and _dispersed(view.token(cue[0]))
        told = by if by is not None and dispersed else cue  # the force tells it happened
        return finding(name, event_type, sub, told, view, background=behind)

    def earlier(m: tuple[int, int], relative: bool = False) -> bool:
        """A cue of what was done before the protest the sentence tells ("marched a day after
        police shot two protesters"): no character of it. The crowd's own violence before
        ("protests after demonstrators clashed with police") is the same unrest, unless a
        relative clause tells it of others ("those who had infiltrated the protests")."""
        return not background and _before(view.token(m[0]), relative)

    burning = _burning_barricades(view)
    if burning is not None and not earlier((burning.i, burning.i + 1), relative=True):
        return typed(
            "protest.barricades", "Riots", "Violent demonstration", (burning.i, burning.i + 1)
        )
    for m in view.matches(cues.PROTESTER_VIOLENCE):
        if _protester_violence(view, view.token(m[0])) and not earlier(m, relative=True):
            if _rival_crowds(view):
                return typed("mob.rival_crowds", "Riots", "Mob violence", m)
            return typed("protest.violent", "Riots", "Violent demonstration", m)
    for m in view.matches(cues.EXCESSIVE_FORCE):
        t = view.token(m[0])
        if earlier(m):
            continue
        if (
            lemma_of(t) in {"hit", "strike"}
            and not words_of(w for o in objects_of(t) for w in phrase(o)) & cues.PROTEST_PEOPLE
            and not any(_dispersed(view.token(f[0])) for f in found)
        ):
            continue  # only a blow at protesters, or as a protest is dispersed
        fired = [c for c in t.children if c.dep_ in {"dobj", "nsubjpass"}]
        if lemma_of(t) == "fire" and words_of(w for f in fired for w in phrase(f)) & _NON_LETHAL:
            continue  # "tear gas was fired at the crowd": crowd control
        passive = any(c.dep_ in {"auxpass", "nsubjpass"} for c in t.children)
        if lemma_of(t) not in SUFFERED and not passive and _crowd_of_people(view, subject_of(t)):
            continue  # "traders attacked tax officials during a protest": the crowd's violence
        near = _near_protesters(view, m[0]) or t in view.token(cue[0]).ancestors
        if happened(t) and not _reason(t) and not _topic(t) and near:
            sub = "Excessive force against protesters"
            return typed("protest.excessive_force", "Protests", sub, m)
    for m in live(view, cues.INTERVENTION):
        t = view.token(m[0])
        if earlier(m):
            continue
        if t.dep_ in {"amod", "compound"} and t.pos_ == "VERB":
            continue  # "families of detained activists": who they are, not what was done
        if lemma_of(t) in {"hold", "pick"} and not held_by_state(view, t):
            continue  # "held a rally"
        if _reason(t) or (lemma_of(t) in {"block", "stop", "prevent"} and not _state_subject(t)):
            continue
        return typed("protest.intervention", "Protests", "Protest with intervention", m)
    return typed("protest.peaceful", "Protests", "Peaceful protest", None)


def _burning_barricades(view: SentenceView) -> Any | None:
    """Burning tyres or barricades that happened ("blocked roads with burning tyres", "set
    tyres ablaze", "charred barricades"): the tactics that make a demonstration violent."""
    for t in view.tokens_with(BARRICADES):
        burnt = any(c.dep_ in {"amod", "compound"} and lemma_of(c) in _BURNING for c in t.children)
        if t.dep_ == "compound" and lemma_of(t.head) in _BURNING:
            t, burnt = t.head, True  # "set tyres alight", parsed as "tyres alight"
        verb = t.head if t.dep_ in {"dobj", "nsubjpass", "pobj"} else None
        if verb is not None and verb.dep_ == "prep":
            verb = verb.head  # "blocked roads with burning tyres"
        if verb is not None and lemma_of(verb) in _BURNING | {"set"}:
            burnt = (
                burnt
                or lemma_of(verb) != "set"
                or any(lemma_of(c) in _BURNING for c in verb.children)
            )
        if burnt and (verb is None or happened(verb)):
            return t
    return None


def _unarmed_doers(view: SentenceView, t: Any) -> bool:
    """Whoever did what a token tells is no armed side or state force (or is not told)."""
    verb = governing_verb(t)
    return verb is None or side_of(subject_of(verb), view.candidates) is None


BARRICADES = frozenset({"tyre", "tire", "barricade"})
"""Words of burning tyres and barricades, a demonstration's violent tactics."""
_BURNING = frozenset({"burn", "burning", "ablaze", "alight", "fire", "torch", "charred", "blaze"})


SUFFERED = frozenset({"die", "dead", "death", "injury", "lose"})
"""Force told by what protesters suffered: its subject is the victim, not who used it."""
_FIGHTING = frozenset({"attack", "fight", "clash", "battle"})
"""Verbs of a crowd fighting, which communities fighting each other use too (mob violence);
with no state force told, the crowd fought others, not the state."""
_GATHERING = cues.CROWD | {"people", "resident", "worker", "farmer", "hundred", "thousand"}
_CIVILIANS = _GATHERING | cues.CIVILIAN_WORDS | {"relative", "family", "parent", "mother", "widow"}
_PROTEST_PURPOSE = cues.STANCE | {
    "demand",
    "against",
    "chant",
    "slogan",
    "placard",
    "banner",
    "justice",
    "solidarity",
    "petition",
    "oppose",
    "grievance",
    "missing",
    "candle",
}
"""Words that tell people gathered to make a claim (not to welcome a team)."""


def _before(token: Any, relative: bool = False) -> bool:
    """A token in a clause or phrase of what came before: "after"/"following"/"since" ...,
    "a day after", or a relative clause in the past perfect ("who had infiltrated"); when
    `relative`, only a relative clause telling of others than the crowd ("those who")."""
    current = token
    for _ in range(12):
        if current.head.i == current.i:
            return False
        if relative and current.dep_ == "relcl":
            if current.head.ent_type_ in {"DATE", "TIME"}:
                return False  # "on Monday, when demonstrators barricaded the avenues"
            return lemma_of(current.head) not in cues.PROTEST_PEOPLE | cues.CROWD  # "those who"
        if current.dep_ == "relcl" and any(c.lower_ == "had" for c in current.children):
            return True
        if relative:
            current = current.head
            continue
        if current.dep_ == "advcl" and any(
            c.dep_ == "mark" and lemma_of(c) in _EARLIER for c in current.children
        ):
            return True
        if current.dep_ in {"pobj", "pcomp"} and lemma_of(current.head) in _EARLIER:
            return True
        current = current.head
        if lemma_of(current) in {"undaunted", "undeterred"}:
            return True  # "undeterred by the shooting of a marcher last week"
    return False


_EARLIER = frozenset({"after", "following", "since", "undaunted"})


def _rival_crowds(view: SentenceView) -> bool:
    """Rival crowds fighting each other (rival rallies, counter-demonstrators): mob violence."""
    return (
        view.has({"rival", "counter", "counterprotester"})
        or bool(view.matches(_EACH_OTHER))
        and view.has({"demonstrator", "protester", "rally", "supporter"})
    )


_EACH_OTHER = frozenset({"each other", "one another"})


def _dispersed(token: Any) -> bool:
    """A protest that force was used "to disperse" or "to break up": it took place."""
    return token.dep_ == "dobj" and lemma_of(token.head) in _DISPERSING


_DISPERSING = frozenset({"disperse", "break", "scatter", "clear", "quell", "suppress"})


def _violent_crowd(view: SentenceView, match: tuple[int, int]) -> bool:
    """A crowd named by its violence ("stone-throwing youths", "rioting students")."""
    last = view.token(match[1] - 1)
    return last.dep_ in {"amod", "compound"} and lemma_of(last.head) in cues.CROWD


def _stopped_by_state(view: SentenceView, i: int) -> bool:
    """A protest that state forces prevented, stopped or banned as it was to happen."""
    current = view.token(i)
    for _ in range(4):
        if current.head.i == current.i:
            return False
        current = current.head
        if lemma_of(current) in _STOPPING and current.pos_ == "VERB":
            return happened(current) and side_of(subject_of(current), view.candidates) == STATE
    return False


_STOPPING = frozenset({"prevent", "stop", "block", "bar", "thwart", "foil", "forbid"})


def _crowd_acts(view: SentenceView, t: Any, crowd: frozenset[str] = _GATHERING) -> bool:
    """A crowd (protesters, youths, hundreds of supporters) as the subject (of the verb
    whose object the cue is: "supporters threw firecrackers")."""
    cue = t
    for _ in range(3):
        if t.pos_ in {"VERB", "AUX"} or t.dep_ not in {"dobj", "pobj", "prep", "compound"}:
            break
        t = t.head
    subject = subject_of(t)
    if subject is not None and t.dep_ == "relcl" and lemma_of(subject) in {"who", "that"}:
        subject = t.head  # "activists who had gathered"
    if subject is None:
        return _crowd_before(cue, crowd)
    if lemma_of(subject) in crowd and "armed" not in words_of(phrase(subject)):
        return True  # "backers of the party hurled firecrackers": a crowd, whoever it backs
    if side_of(subject, view.candidates) is not None:
        return False
    return bool(words_of(phrase(subject)) & crowd)


def _crowd_before(t: Any, crowd: frozenset[str]) -> bool:
    """A verb the parser folded into the noun phrase of the crowd before it ("Supporters of
    the party hurled stones", read as "hurled stones" of the party): the crowd acts."""
    if t.dep_ not in {"amod", "compound"} or (
        t.pos_ != "VERB" and lemma_of(t) not in cues.CROWD_ACTS
    ):
        return False
    current = t
    for _ in range(5):
        if current.dep_ not in {"amod", "compound", "pobj", "prep"} or current.head.i == current.i:
            return False
        current = current.head
        if current.i < t.i and lemma_of(current) in crowd:
            return True
    return False


def _crowd_of_people(view: SentenceView, subject: Any | None) -> bool:
    """A subject that is people of no armed side ("angry traders", "residents"), who at a
    protest are its crowd."""
    if subject is None or side_of(subject, view.candidates) is not None:
        return False
    return bool(words_of(phrase(subject)) & _CIVILIANS)


def _reason(token: Any) -> bool:
    """A phrase giving a reason or an earlier event ("following the arrest of", "over")."""
    current = token
    for _ in range(8):
        if current.dep_ in {"pobj", "pcomp"} and lemma_of(current.head) in cues.BACKGROUND:
            return True
        if current.head.i == current.i:
            return False
        current = current.head
    return False


def _topic(token: Any) -> bool:
    """A word naming what a protest is about ("protest the killing of", "demanding
    justice for those shot"), not what happened at it."""
    current = token
    for _ in range(6):
        if current.head.i == current.i:
            return False
        current = current.head
        if lemma_of(current) in cues.TOPIC_HEADS:
            return True
    return False


_MARCH_CLAIMS = frozenset(
    {"against", "defence", "defense", "support", "calm", "peaceful", "silent"}
)
"""Words that make a march a protest ("a march against the fees", "a silent march")."""


def _is_protest(view: SentenceView, match: tuple[int, int]) -> bool:
    t = view.token(match[0])
    lemma = lemma_of(t)
    if lemma == "demonstration" and display_of(t):
        return False  # "a demonstration of force", "a demonstration of the balloon effect"
    if lemma == "march" and t.pos_ == "NOUN" and t.dep_ == "nsubj":  # "the march went ahead"
        return lemma_of(t.head) in {"go", "proceed", "pass", "begin", "start", "end", "take"}
    if lemma == "march" and t.pos_ == "NOUN" and _dispersed(t):
        return True  # "fired live rounds to break up the marches"
    if lemma == "march" and t.pos_ == "NOUN":  # "a march by opposition supporters"
        marchers = words_of(
            w for c in t.children if c.dep_ in {"prep", "compound", "amod"} for w in c.subtree
        )
        claim = marchers & (_PROTEST_PURPOSE | _MARCH_CLAIMS)  # "a march against the fees"
        return bool(
            claim or marchers & (cues.CROWD | cues.PROTEST_PEOPLE | {"protest", "opposition"})
        )
    if lemma == "march":
        subject = subject_of(t)
        verb = t.pos_ == "VERB" or (t.dep_ == "ROOT" and subject is not None)  # mistagged
        return (
            verb
            and subject is not None
            and side_of(subject, view.candidates) is None
            and not words_of(phrase(subject)) & cues.FORCES
        )
    if (
        lemma in {"riot"}
        and match[1] < view.span.end
        and lemma_of(view.doc[match[1]]) in cues.NOT_RIOT
    ):
        return False
    if lemma == "demonstrate" and any(c.dep_ in {"dobj", "ccomp"} for c in t.children):
        return False  # "demonstrating its reach", "demonstrated that": to show
    if lemma == "protest" and view.has(cues.DIPLOMATIC):
        return view.has({"protester", "demonstrator", "demonstration", "rally"})
    return not (lemma == "rally" and t.pos_ == "NOUN" and any(c.dep_ == "poss" for c in t.children))


def _protester_violence(view: SentenceView, t: Any) -> bool:
    lemma = lemma_of(t)
    if not happened(t):
        return False
    if lemma == "riot" and t.i + 1 < view.span.end and lemma_of(view.doc[t.i + 1]) in cues.NOT_RIOT:
        return False
    subjects = [c for c in t.children if c.dep_ == "nsubj"]
    crowd_subject = any(words_of(phrase(c)) & cues.CROWD for c in subjects)
    if lemma in cues.CROWD_ACTS | cues.CROWD_HARM and crowd_subject:
        return True  # also "HONG KONG - Protesters torched ...": the parser's first subject
    if lemma in cues.CROWD_ACTS and _state_subject(t):
        return False
    if lemma in _ROAD_BLOCKING and not (lemma == "barricade" and t.pos_ == "VERB"):
        if _state_subject(t):
            return False  # police closing a road
        if lemma == "shut" and not crowd_subject:
            return False  # "shops shut down": only a crowd shutting roads blocks them
        doers = subject_of(t)
        if doers is not None and words_of(phrase(doers)) & (cues.NONSTATE_WORDS - {"opposition"}):
            return False  # "fighters retook the town, cutting a highway"
        if t.dep_ == "advcl" and lemma_of(t.head) in cues.REPORTING:
            return False  # "..., activists said, cutting a highway": not the speakers' act
        return bool(words_of(c for c in t.subtree if c.i > t.i) & cues.ROADS)
    if lemma == "fight":  # "marchers fought with police", not "to fight corruption"
        foes = words_of(w for o in objects_of(t) for w in phrase(o))
        return bool(foes & (cues.STATE_WORDS | cues.STATE_VICTIMS | {"other", "rival"}))
    if lemma in {"clash", "scuffle", "skirmish", "confrontation"} and t.pos_ == "NOUN":
        return True  # "clashes broke out", "scuffles erupted" at a protest
    if lemma in cues.CROWD_HARM:
        subject = subject_of(t)
        if subject is None:
            objects = words_of(w for o in objects_of(t) for w in phrase(o))
            return lemma in {"burn", "smash", "damage", "destroy"} and bool(objects & cues.DAMAGED)
        return bool(words_of(phrase(subject)) & cues.CROWD)
    if lemma == "violent":
        head = lemma_of(t.head)
        return head in {"turn", "become", "grow", "get"} or head in cues.PROTEST_PEOPLE | {
            "demonstration",
            "clash",
            "riot",
        }
    return True


def _state_subject(t: Any) -> bool:
    """Police or other state forces as who did it, named by the subject's own word (not
    "opponents of the government")."""
    subject = subject_of(t)
    return subject is not None and lemma_of(subject) in cues.STATE_WORDS | cues.STATE_VICTIMS


_ROAD_BLOCKING = frozenset({"block", "blockade", "barricade", "obstruct", "shut", "cut"})
"""Verbs of road-blocking, which makes a demonstration violent when roads are blocked."""


def _near_protesters(view: SentenceView, i: int) -> bool:
    lo, hi = max(view.span.start, i - 7), min(view.span.end, i + 8)
    if lemma_of(view.doc[i]) in _STRONG_FORCE:
        return True
    protest = {j for m in view.matches(cues.PROTEST | cues.PROTEST_PEOPLE) for j in range(*m)}
    for verb in [view.doc[i], *list(view.doc[i].ancestors)[:3]]:
        if verb.pos_ == "VERB" and any(w.i in protest for o in objects_of(verb) for w in phrase(o)):
            return True  # "charged a sit-in, leaving a dozen with head wounds"
    return any(lemma_of(view.doc[j]) in cues.PROTEST_PEOPLE for j in range(lo, hi) if j != i)


_NON_LETHAL = frozenset(
    {"tear", "teargas", "gas", "water", "pepper", "canister", "smoke", "warning"}
)
"""What police fire to control a crowd, not to harm it."""
_STRONG_FORCE = frozenset(
    {"crackdown", "suppress", "suppression", "brutally", "brutal", "excessive", "live", "beat"}
    | {"rubber", "crack", "violently", "disproportionate"}
)
"""Words of force that tell force on protesters wherever they stand in a protest sentence."""


PROTEST_CHARACTER = (
    "protest.violent",
    "protest.crowd_violence",
    "protest.clash",
    "protest.barricades",
    "protest.excessive_force",
    "protest.intervention",
)


def protest_turns(rule: str, later: str) -> bool:
    """Whether a protest read as peaceful or met by an intervention (its rule) takes the type
    a next sentence reads (protesters' violence, force against them, an intervention): what
    it turned into."""
    if rule == "protest.intervention":  # "police broke up the march. Dozens were hurt"
        return later.startswith(PROTEST_CHARACTER) and later != "protest.intervention"
    return rule == "protest.peaceful" and later.startswith(PROTEST_CHARACTER)
