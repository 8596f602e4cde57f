"""ACLED typing across a report's sentences: each sentence's typing, completed by the next
sentences (the means a next sentence names, a protest that turned, territory left and taken
without a fight), and the toll of each typed sentence, its own or one the next sentences
state."""

from __future__ import annotations

from dataclasses import dataclass, replace

from eventcoder.acled_clauses import SentenceView
from eventcoder.acled_fatalities import find_fatalities
from eventcoder.acled_protest import protest_turns
from eventcoder.acled_territory import WITHDRAWAL, peaceful_transfer, tells_taker
from eventcoder.types import AcledType, Fatalities, ParsedDocument

FOLLOWING_SENTENCES = 2
"""How many following sentences without an ACLED event of their own may give a toll."""


GENERIC_VIOLENCE = ("attack.", "kill.")
"""Rules that read violence without its means (a later sentence may tell the means)."""
VIOLENCE = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})


@dataclass(frozen=True)
class SentenceTyping:
    """A sentence's ACLED event: its type, the rule and the cue words (document offsets)."""

    sentence_index: int
    kind: AcledType
    rule: str
    cue_start: int
    cue_end: int
    cue_text: str
    actor_inter: int | None
    target_inter: int | None
    civilian_victims: bool
    background: bool = False
    trigger_background: dict[tuple[int, int], bool | None] | None = None
    unreported: str | None = None
    """Why the reading tells no event that happened (`acled_realis`; None: it tells one, and
    only such a reading makes an event of its own)."""

    @property
    def reported(self) -> bool:
        """Whether the reading tells one event that happened."""
        return self.unreported is None


def refined(
    parsed: ParsedDocument,
    typings: dict[int, SentenceTyping],
    words: tuple[list[str], list[str]] | None = None,
) -> dict[int, SentenceTyping]:
    """Typings completed by the next sentences of a report: violence whose means a next
    sentence tells ("... killed in an attack. The attackers threw grenades") takes those
    means (a chemical weapon over other means), territory taken is a non-violent
    transfer when the next sentence tells of a withdrawal or no resistance, and forces
    leaving a place transfer it when a next sentence tells someone took it."""
    order = [s.index for s, _ in parsed.sentences]
    spans = {s.index: span for s, span in parsed.sentences}
    doc = parsed.sentences[0][1].doc if parsed.sentences else None
    out = dict(typings)
    for k, index in enumerate(order):
        typing = typings.get(index)
        if typing is None or index not in out:
            continue
        following = order[k + 1 : k + 1 + FOLLOWING_SENTENCES]
        continued = out.get(following[0]) if following else None
        if (
            continued is not None
            and continued.rule.startswith("kill.")
            and not typing.rule.startswith("kill.")
        ):
            del out[following[0]]
        for nxt in following:
            later = typings.get(nxt)
            if later is not None and (
                _upgrades(typing, later) or protest_turns(typing.rule, later.rule)
            ):
                out[index] = replace(typing, kind=later.kind, rule=later.rule)
                break
        if typing.rule == WITHDRAWAL and any(
            (later := typings.get(nxt)) is not None
            and (
                later.rule.startswith("territory.")
                or tells_taker(
                    SentenceView(spans[nxt], (), words if spans[nxt].doc is doc else None)
                )
            )
            for nxt in following
        ):
            kind = AcledType("Strategic developments", "Non-violent transfer of territory")
            out[index] = replace(typing, kind=kind, rule="territory.left")
        if (
            typing.rule in {"territory.state", "territory.nonstate"}
            and following
            and peaceful_transfer(
                SentenceView(
                    spans[following[0]], (), words if spans[following[0]].doc is doc else None
                )
            )
        ):
            kind = AcledType("Strategic developments", "Non-violent transfer of territory")
            out[index] = replace(typing, kind=kind, rule="territory.nonviolent")
    return out


def _upgrades(typing: SentenceTyping, later: SentenceTyping) -> bool:
    means = "Explosions/Remote violence"
    if later.kind.event_type != means or later.rule.endswith(".blast"):
        return False
    if typing.rule.startswith(GENERIC_VIOLENCE) or typing.rule.endswith(".blast"):
        return True  # a killing or a bare blast whose means a next sentence names
    return (
        typing.kind.event_type == means
        and later.kind.sub_event_type == "Chemical weapon"
        and typing.kind.sub_event_type != "Chemical weapon"
    )


def _continues(own: SentenceTyping | None, other: SentenceTyping) -> bool:
    """Whether a next sentence's ACLED event is the same report's: the same type, or bare
    violence after violence ("Six people were killed in the attacks.")."""
    if own is None:
        return False
    if other.kind.event_type == own.kind.event_type:
        return True
    return own.kind.event_type in VIOLENCE and other.rule.startswith(GENERIC_VIOLENCE)


class Tolls:
    """Each sentence's toll, found once: its own, else one in the next sentences that have
    no ACLED event of another type (a report's toll often follows its first sentence)."""

    def __init__(self, parsed: ParsedDocument, typed: dict[int, SentenceTyping]) -> None:
        self.sentences = [s for s, _ in parsed.sentences]
        self.positions = {s.index: k for k, s in enumerate(self.sentences)}
        self.typed = typed
        self.cache: dict[int, Fatalities | None] = {}
        self.own: dict[int, Fatalities | None] = {}

    def get(self, index: int) -> Fatalities | None:
        if index not in self.cache:
            self.cache[index] = self._find(index)
        return self.cache[index]

    def _stated(self, k: int) -> Fatalities | None:
        """The toll the k-th sentence states itself (read once)."""
        if k not in self.own:
            sentence = self.sentences[k]
            self.own[k] = find_fatalities(sentence.text, sentence.start)
        return self.own[k]

    def _find(self, index: int) -> Fatalities | None:
        k = self.positions[index]
        toll = self._stated(k)
        own = self.typed.get(index)
        for j in range(k + 1, min(k + 1 + FOLLOWING_SENTENCES, len(self.sentences))):
            other = self.typed.get(self.sentences[j].index)
            if toll is not None or (other is not None and not _continues(own, other)):
                break
            toll = self._stated(j)
        return toll
