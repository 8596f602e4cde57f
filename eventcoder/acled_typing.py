"""ACLED typing: the ACLED event of each sentence, by the rules of ACLED's codebook.

A sentence's ACLED sub-event type comes from what the sentence says, read from its lemmas and
dependency parse (`eventcoder.acled_cues`): the means (air/drone strike, shelling, remote
explosive, grenade, suicide bomb, chemical weapon), who acts and who is hit (state forces,
non-state groups, civilians), the character of a protest, who takes territory, and the
strategic developments. Rules are tried in codebook order; a cue in the sentence's main
clause beats one in a background clause ("after", "despite", a relative clause), and cues
in a clause that did not happen ("threatened to", "will", negated) are not read. A killing
in the main clause makes the event violence rather than a strategic development, and an
attack takes the means its own clause tells ("attacks, mostly using grenades"); a protest
read as peaceful takes what the next sentences say it turned into.

The CAMEO events of the sentence whose codes can be ACLED events (roots 14, 15, 17-20, and
agreements) share the sentence's ACLED event; statements, diplomacy and the rest get none.
A sentence plainly describing an ACLED event that the CAMEO coder did not code (an agentless
blast, a protest without a named organiser, "three soldiers were killed") gets an event of
its own. Without any cue, a coded event keeps the CAMEO table's type (`eventcoder.acled`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from eventcoder import acled_cues as cues
from eventcoder.acled import (
    CAMEO_FOR_RULE,
    CAMEO_FOR_SUBTYPE,
    CIVILIANS,
    NO_FATALITIES,
    NO_FATALITY_SUBTYPES,
    PROTESTERS,
    RIOTERS,
    AcledLabeler,
    AcledLabels,
    acled_compatible,
    actor_inter,
    disorder_type,
    fill_sides,
)
from eventcoder.acled_agreement import FREEING, agreed_to, agreement
from eventcoder.acled_clauses import (
    Finding,
    SentenceView,
    document_words,
    gate_words,
    in_background,
    text_inter,
    token_at,
)
from eventcoder.acled_means import MEANS_WORDS, air, chemical, grenade, means_rule, suicide
from eventcoder.acled_protest import BARRICADES, RIOTING, mob, protest
from eventcoder.acled_realis import unreported, unreported_triggers
from eventcoder.acled_report import (
    GENERIC_VIOLENCE,
    VIOLENCE,
    SentenceTyping,
    Tolls,
    refined,
)
from eventcoder.acled_rules import (
    DISAPPEARING,
    abduction,
    arrest_event,
    changes_group,
    civilians_flee,
    disrupted,
    group_led,
    has_base_object,
    looting_act,
    sexual,
    simple_rule,
)
from eventcoder.acled_territory import (
    HANDOVER,
    HELD,
    MOVING_IN,
    territory,
)
from eventcoder.acled_violence import (
    bodies_found,
    clash_or_attack,
    harmed,
    killing_first,
    killings,
    means_of,
)
from eventcoder.types import (
    AcledType,
    EventCandidate,
    Fatalities,
    ParsedDocument,
    Trigger,
)

ACLED_RULE_PREFIX = "acled"
ACLED_CODER = "acled"
"""The coder name of the rows of events only the ACLED typer found."""
Rule = Callable[[SentenceView], Finding | None]
MEANS: tuple[Rule, ...] = (
    chemical,
    suicide,
    air,
    grenade,
    means_rule("shelling", "Shelling/artillery/missile attack", cues.SHELLING),
    means_rule("remote_explosive", "Remote explosive/landmine/IED", cues.REMOTE_EXPLOSIVE),
)
RULES: tuple[tuple[Rule, ...], ...] = (
    (disrupted,),
    MEANS,
    (mob,),
    (protest,),
    (sexual,),
    (territory,),
    (abduction,),
    (clash_or_attack,),
    (killings,),
    (simple_rule("arrests", "Strategic developments", "Arrests", cues.ARRESTS, arrest_event),),
    (
        simple_rule(
            "base_established",
            "Strategic developments",
            "Headquarters or base established",
            cues.BASE_ESTABLISHED,
            has_base_object,
        ),
    ),
    (agreement,),
    (
        simple_rule(
            "looting",
            "Strategic developments",
            "Looting/property destruction",
            cues.LOOTING,
            looting_act,
        ),
    ),
    (
        simple_rule(
            "change_to_group",
            "Strategic developments",
            "Change to group/activity",
            cues.CHANGE_GROUP,
            changes_group,
        ),
    ),
    (
        simple_rule(
            "change_to_group.leadership",
            "Strategic developments",
            "Change to group/activity",
            cues.LEADERSHIP,
            group_led,
        ),
    ),
    (simple_rule("other.expulsion", "Strategic developments", "Other", cues.EXPULSION),),
    (simple_rule("other.mass_grave", "Strategic developments", "Other", cues.MASS_GRAVE),),
    (
        simple_rule(
            "other.displacement",
            "Strategic developments",
            "Other",
            cues.DISPLACEMENT,
            civilians_flee,
        ),
    ),
    (harmed, bodies_found),
)
"""Rule families in codebook order. Within a family the first rule that reads the sentence
wins wherever its cue is (the means: a chemical weapon before an air strike before a bomb);
across families the first in the main clause wins, else the first at all."""


FAMILY_TRIGGERS: tuple[tuple[frozenset[str], ...], ...] = (
    (cues.DISRUPT_VERBS, cues.DISRUPTED_DIRECT, cues.FOIL),
    (
        cues.CHEMICAL,
        cues.SUICIDE,
        cues.AIR,
        MEANS_WORDS,
        cues.GRENADE,
        cues.SHELLING,
        cues.REMOTE_EXPLOSIVE,
    ),
    (cues.MOB, cues.MOB_VIOLENCE, RIOTING),
    (cues.PROTEST, cues.GATHER, cues.CROWD_CONTROL, cues.PROTESTER_VIOLENCE, BARRICADES),
    (cues.SEXUAL,),
    (cues.TAKE_TERRITORY, cues.LEAVE, HANDOVER, MOVING_IN, HELD),
    (cues.ABDUCTION, cues.TAKE_PEOPLE, DISAPPEARING),
    (cues.ATTACK_VERBS, cues.CLASH),
    (cues.KILLING,),
    (cues.ARRESTS,),
    (cues.BASE_ESTABLISHED,),
    (cues.AGREEMENT_STRONG, FREEING, cues.AGREEMENT_WEAK),
    (cues.LOOTING,),
    (cues.CHANGE_GROUP,),
    (cues.LEADERSHIP,),
    (cues.EXPULSION,),
    (cues.MASS_GRAVE,),
    (cues.DISPLACEMENT,),
    (cues.HARM, cues.BODIES),
)
"""For each family of RULES (in order), every cue set whose match one of its rules needs
before it reads a sentence: a family is not tried on a sentence without any of their words."""
FAMILY_GATES = tuple(gate_words(sets) for sets in FAMILY_TRIGGERS)
GATE = frozenset().union(*FAMILY_GATES)
"""Words of which a sentence must hold one to have an ACLED event."""


def family_finding(view: SentenceView, family: Sequence[Rule]) -> Finding | None:
    """The family's reading: its first rule's finding, in the main clause if any rule of
    the family has one there."""
    first = None
    for rule in family:
        found = rule(view)
        if found is None:
            continue
        if first is None:
            first = found
            if not first.background:
                return first  # the later rules cannot change the reading
        elif not found.background:
            return replace(first, background=False)
    return first


def find_type(view: SentenceView, gated: bool = True) -> Finding | None:
    """The sentence's ACLED event by the first family that reads one (main clause first;
    `gated`: families skip sentences without any of their words, which changes no reading)."""
    if gated and view.words.isdisjoint(GATE):
        return None
    found: list[Finding] = []
    for family, gate in zip(RULES, FAMILY_GATES, strict=True):
        if gated and view.words.isdisjoint(gate):
            continue
        finding = family_finding(view, family)
        if finding is not None:
            if not finding.background and agreed_to(view.token(finding.cue[0])):
                finding = replace(finding, background=True)
            if not finding.background:
                if finding.kind.event_type == "Strategic developments":
                    graves = finding.rule == "other.mass_grave"  # the killings are the past
                    return (None if graves else killing_first(view, found)) or finding
                if finding.rule.startswith(GENERIC_VIOLENCE):
                    return means_of(view, finding, found) or finding
                return finding
            found.append(finding)
    return found[0] if found else None


@dataclass(frozen=True)
class AcledDocument:
    """ACLED labels for a document's coded events, and the events only the typer found."""

    labels: tuple[AcledLabels, ...]
    extra: tuple[tuple[EventCandidate, AcledLabels], ...]


def acled_rule_id(rule: str) -> str:
    """The versioned id of an ACLED typing rule, as rows record it."""
    return f"{ACLED_RULE_PREFIX}.{rule}.v{cues.ACLED_TYPER_VERSION}"


class AcledTyper:
    """Types the ACLED events of parsed documents (see the module docstring)."""

    version = str(cues.ACLED_TYPER_VERSION)

    def __init__(self, table: AcledLabeler) -> None:
        self.table = table

    @classmethod
    def default(cls) -> AcledTyper:
        """The typer with the package's CAMEO -> ACLED table as fallback."""
        return cls(AcledLabeler.default())

    def type_sentence(
        self,
        span: Any,
        sentence_index: int,
        candidates: Sequence[EventCandidate] = (),
        doc_words: tuple[list[str], list[str]] | None = None,
    ) -> SentenceTyping | None:
        """The ACLED event a parsed sentence describes, or None (`doc_words`: the
        document's `document_words`, when several of its sentences are typed)."""
        view = SentenceView(span, tuple(candidates), doc_words)
        found = find_type(view)
        if found is None:
            return None
        why = unreported(view, found)
        typing = replace(_typing(sentence_index, span, found), unreported=why)
        clauses = {
            (c.trigger.start, c.trigger.end): trigger_in_background(span, c.trigger.start)
            for c in candidates
        }
        return replace(typing, trigger_background=clauses)

    def type_document(
        self, parsed: ParsedDocument, candidates: Sequence[EventCandidate]
    ) -> AcledDocument:
        """ACLED labels for each candidate (in order) and the typer's own events."""
        by_sentence: dict[int, list[EventCandidate]] = {}
        for cand in candidates:
            by_sentence.setdefault(cand.sentence_index, []).append(cand)
        typings = {}
        doc = parsed.sentences[0][1].doc if parsed.sentences else None
        words = document_words(doc) if doc is not None else None
        for sentence, span in parsed.sentences:
            typing = self.type_sentence(
                span,
                sentence.index,
                by_sentence.get(sentence.index, ()),
                words if span.doc is doc else None,
            )
            if typing is not None:
                typings[sentence.index] = typing
        typings = refined(parsed, typings, words)
        tolls = Tolls(parsed, typings)
        unreal = unreported_triggers(parsed, candidates)
        labels = tuple(
            self._label(c, typings.get(c.sentence_index), tolls, k not in unreal)
            for k, c in enumerate(candidates)
        )
        extra = []
        for index, typing in sorted(typings.items()):
            sentence_labels = [
                lab for c, lab in zip(candidates, labels, strict=True) if c.sentence_index == index
            ]
            if not typing.reported or any(lab.event_type is not None for lab in sentence_labels):
                continue
            code = CAMEO_FOR_RULE.get(typing.rule) or CAMEO_FOR_SUBTYPE.get(
                typing.kind.sub_event_type
            )
            if code is None:
                continue
            cand = EventCandidate(
                index,
                None,
                None,
                code,
                Trigger(typing.cue_text, typing.cue_start, typing.cue_end),
                acled_rule_id(typing.rule),
                0.5,
            )
            extra.append((cand, self._from_typing(typing, None, None, tolls.get(index))))
        return AcledDocument(labels, tuple(extra))

    def _label(
        self,
        cand: EventCandidate,
        typing: SentenceTyping | None,
        tolls: Tolls,
        reported: bool = True,
    ) -> AcledLabels:
        inter1 = actor_inter(cand.actor, cand.cameo_code)
        inter2 = actor_inter(cand.target, cand.cameo_code)
        if not reported or not acled_compatible(cand.cameo_code):
            return AcledLabels(None, inter1, inter2)
        kind = self.table.event_type(cand.cameo_code, inter1)
        if (
            typing is not None
            and typing.unreported not in UNTOLD
            and (typing.unreported is None or kind is not None)
            and _shares_event(typing, cand, kind)
        ):
            inter1 = (
                inter1 if inter1 is not None or cand.actor is None else text_inter(cand.actor.text)
            )
            inter2 = (
                inter2
                if inter2 is not None or cand.target is None
                else text_inter(cand.target.text)
            )
            return self._from_typing(typing, inter1, inter2, tolls.get(cand.sentence_index))
        if kind is None:
            return AcledLabels(None, inter1, inter2)
        if kind.event_type == "Battles" and inter2 == CIVILIANS:
            kind = AcledType("Violence against civilians", "Attack")
        rule = f"table.{cand.cameo_code}"
        typing = SentenceTyping(
            cand.sentence_index, kind, rule, 0, 0, "", inter1, inter2, inter2 == CIVILIANS
        )
        return self._from_typing(typing, inter1, inter2, tolls.get(cand.sentence_index))

    def _from_typing(
        self,
        typing: SentenceTyping,
        inter1: int | None,
        inter2: int | None,
        toll: Fatalities | None,
    ) -> AcledLabels:
        kind = typing.kind
        inter1 = inter1 if inter1 is not None else typing.actor_inter
        inter2 = inter2 if inter2 is not None else typing.target_inter
        if inter1 == CIVILIANS and kind.event_type in {"Protests", "Riots"}:
            inter1 = PROTESTERS if kind.event_type == "Protests" else RIOTERS
        inter1, inter2 = fill_sides(kind.sub_event_type, inter1, inter2)
        if kind.event_type == "Violence against civilians" and inter2 is None:
            inter2 = CIVILIANS
        civilian = (
            kind.event_type == "Violence against civilians"
            or (
                kind.event_type == "Explosions/Remote violence"
                or kind.sub_event_type == "Mob violence"
            )
            and (inter2 == CIVILIANS or typing.civilian_victims)
        )
        no_toll = kind.event_type in NO_FATALITIES or kind.sub_event_type in NO_FATALITY_SUBTYPES
        full = AcledType(
            kind.event_type,
            kind.sub_event_type,
            disorder_type(kind),
            civilian,
            None if no_toll else toll,
            acled_rule_id(typing.rule),
            f"s{typing.sentence_index}.{typing.rule}",
        )
        return AcledLabels(full, inter1, inter2)


def trigger_in_background(span: Any, start: int) -> bool | None:
    """Whether the token at a character offset lies in a background clause (None: no token
    starts there)."""
    token = token_at(span, start)
    return None if token is None else in_background(token)


def _typing(sentence_index: int, span: Any, found: Finding) -> SentenceTyping:
    doc = span.doc
    first, last = doc[found.cue[0]], doc[found.cue[1] - 1]
    start, end = first.idx, last.idx + len(last.text)
    return SentenceTyping(
        sentence_index,
        found.kind,
        found.rule,
        start,
        end,
        "".join(t.text_with_ws for t in doc[found.cue[0] : found.cue[1] - 1]) + last.text,
        found.actor_inter,
        found.target_inter,
        found.civilian_victims,
        in_background(first) if found.rule.startswith(GENERIC_VIOLENCE) else found.background,
    )


UNTOLD = frozenset({"attribution", "cyber", "hypothetical", "individual", "reference", "trade"})
"""Why a reading tells no event that also keeps it from typing the sentence's coded events:
an act told only as a suspicion or a verdict, done online, or that might happen; an
agreement only named ("the 2012 truce", "ceasefire monitors") or about trade; a diplomat
expelled. A reading that tells no event for another reason types only coded events the CAMEO
table would type too ("police held a number of protesters" is still a protest)."""


def _shares_event(typing: SentenceTyping, cand: EventCandidate, kind: AcledType | None) -> bool:
    """Whether a coded event is the sentence's ACLED event: not when the cue lies in a
    background clause, the event in the main clause and its code names another kind of
    event, nor when the sentence reads violence without its means and the event's own code
    names them (195 air strike, 194 shelling); always when it is the event the reading tells
    (`_same_event`)."""
    if kind is None:
        return True
    if _same_event(typing.kind, kind):
        return True
    if typing.trigger_background is not None and typing.background:
        mine = typing.trigger_background.get((cand.trigger.start, cand.trigger.end))
        if mine is False and kind.event_type != typing.kind.event_type:
            return False
    return not (
        kind.event_type == "Explosions/Remote violence" and typing.rule.startswith(GENERIC_VIOLENCE)
    )


def _same_event(reading: AcledType, coded: AcledType) -> bool:
    """Whether a coded event of the table's kind `coded` is the one the sentence's reading
    tells, whichever clause tells it: a protest's character and the repression or rioting
    coded in it, force on protesters and the violence coded, or a means ("killed as jets
    bombed their positions") and the killings."""
    crowds = {"Protests", "Riots"}
    if reading.event_type in crowds and coded.event_type in crowds:
        return True
    if reading.sub_event_type == "Excessive force against protesters":
        return coded.event_type in VIOLENCE
    if reading.event_type == "Explosions/Remote violence":
        return coded.event_type in {"Battles", "Violence against civilians"}
    return False
