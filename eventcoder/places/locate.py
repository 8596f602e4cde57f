"""The Locator: the place each event candidate happened at."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Container, Iterator, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from eventcoder.actors.lexicon import ActorLexicon, load_actor_lexicon
from eventcoder.places.gazetteer import Gazetteer
from eventcoder.places.kinds import (
    ADMIN1,
    ADMIN2,
    CITY,
    COUNTRY,
    KIND_PRECISION,
    KINDS,
    REGION,
    SITE_KINDS,
)
from eventcoder.places.mentions import (
    Span,
    _actor_tokens,
    _heads,
    _Mention,
    _trigger_token,
    copy_mentions,
    dateline_mention,
    to_place,
    word_ids,
)
from eventcoder.places.names import fold
from eventcoder.places.toponyms import (
    CONTEXT_EVIDENCE,
    WEAK_POPULATION,
    NameLookup,
    find_names,
    holds,
)
from eventcoder.places.words import DocWords, WordIds, country_word_positions
from eventcoder.types import EventCandidate, ParsedDocument, Place, PlaceMention

# Links that make a country an actor rather than a place ("condemned Iraq", "a campaign
# against Iran"); a city or site so linked is a place ("hit the Shayrat air base").
ACTOR_LINKS = frozenset({"object", "against"})
ACTOR_RESOLUTIONS = frozenset({"name", "capital"})
# CAMEO roots of verbal events (statements, appeals, demands, criticism, threats): the only
# events placed in their actor's country when nothing else places them.
VERBAL_ROOTS = frozenset({"01", "02", "03", "04", "05", "10", "11", "12", "13"})
# Scoring of a name's candidate entries (log10 population plus these).
OWN_BASE = 7.0
COUNTRY_BONUS = 1.0
ADMIN1_PENALTY = 1.0
PRIMARY_BONUS = 1.0
ADMIN_HINT_BONUS = 3.0
SITE_HINT_BONUS = 2.0
CITY_HINT_BONUS = 1.0
# The document's countries: places named unambiguously and the actors of material events
# count 1, actors of verbal events 0.5 ("The US condemned the clashes in Alexandria" is
# about Egypt), neighbours of those 0.4.
CONTEXT_BONUS = 2.5
NEIGHBOUR_WEIGHT = 0.4
QUALIFIER_BONUS = 6.0
# Places in a first-level division the document names ("Ohio" ... "Springfield").
ADMIN_CONTEXT_BONUS = 1.5
CONFIDENT_MARGIN = 2.0
# Cities this large, under their own name, are what a bare mention means almost anywhere.
PROMINENT_POPULATION = 2_000_000
PROMINENT_BONUS = 1.5


@dataclass(frozen=True)
class _Found:
    """A document's mentions as found and first resolved without context, kept for the
    document's next look-up (never changed: each look-up works on copies)."""

    parsed: ParsedDocument
    by_sentence: dict[int, list[_Mention]]
    dateline: _Mention | None
    words: dict[int, tuple[Any, DocWords]]  # what the arrays of its spaCy Docs tell, by id


@dataclass
class _DocState:
    """The mentions of one document resolved in a context, and what they tell about it; kept
    for the document's next look-up in the same context (the mentions are not changed after),
    with the places found for its candidates."""

    by_sentence: dict[int, list[_Mention]]
    dateline: _Mention | None
    countries: dict[int, tuple[int, ...]]  # doc indices of country words, when listing
    found: _Found
    context: dict[str, float]
    listing: bool
    places: dict[int, tuple[EventCandidate, Place | None]] = field(default_factory=dict)
    placed: dict[int, Place] = field(default_factory=dict)  # by id of the mention


class Locator:
    """Gives event candidates the place they happened at.

    The Locator gives each event a Place, trying in order: (1) a place phrase attached to the
    event's trigger, its governing verb or that verb's subject ("airstrike on the Shalamcheh
    border crossing", "clashes erupted in Basra province"); (2) another place in the sentence
    (in a place phrase, or a non-country place name outside the actors); (3) the document's
    dateline ("BAGHDAD (Reuters) -"); (4) the document's most mentioned place; (5) the event's
    actor when it is a country or capital name ("Iraq condemned ..."), at country level
    (precision 3). Country and capital names are places only inside place phrases ("clashes in
    Iraq"); elsewhere they are actors. Ambiguous names are resolved by population, by the
    countries the document is about (actors and unambiguous places, and their neighbours), by
    "Town, Country" and "Country's Town" qualifiers, and by words such as "province" or "camp".
    A capitalised name found outside a place phrase, a place entity or a place word is taken
    only if it is a country, a division, an own entry or a sizeable place under its own name.
    Precision follows ACLED: 1 for a town or site, 2 for "near X", "north of X", "the outskirts
    of X", a district or a border, 3 for a province or country.
    """

    def __init__(self, gazetteer: Gazetteer, lexicon: ActorLexicon | None = None) -> None:
        self.gazetteer = gazetteer
        names = (lexicon or load_actor_lexicon()).names
        # demonyms and country names of one word, for "the Lebanese border"
        self._country_words = {
            key[0]: entry.country
            for key, entry in names.items()
            if len(key) == 1 and entry.kind == "name" and entry.country and entry.sovereign
        }
        # the last document looked at (events are located twice in some documents), and the
        # ids of the words looked for in the last spaCy vocabulary seen
        self._last: _Found | None = None
        self._state: _DocState | None = None
        self._ids: tuple[Any, WordIds] | None = None

    def locate(
        self, parsed: ParsedDocument, candidates: list[EventCandidate]
    ) -> list[EventCandidate]:
        """The candidates with `place` set (None where no place is found)."""
        if not candidates:
            return []
        state = self._document(parsed, candidates)
        spans = {s.index: span for s, span in parsed.sentences}
        dominant = self._dominant(state)
        out = []
        known = state.places  # by id of the candidate, as placed in this state before
        for cand in candidates:
            hit = known.get(id(cand))
            if hit is not None and hit[0] is cand:
                place = hit[1]
            else:
                place = self._place_for(cand, spans.get(cand.sentence_index), state, dominant)
                known[id(cand)] = (cand, place)
            out.append(replace(cand, place=place))
        return out

    def mentions(self, parsed: ParsedDocument, *, demonyms: bool = True) -> list[PlaceMention]:
        """Every place the document names, resolved in its context, in text order: names in
        place phrases and names that are actors ("Iraq condemned") alike, the dateline, and
        (unless `demonyms` is false) demonyms as mentions of their country ("Turkish")."""
        state = self._document(parsed, [], listing=True)
        doc_id, text = parsed.document.doc_id, parsed.document.text
        out: list[PlaceMention] = []
        if state.dateline is not None and state.dateline.resolved:
            out.extend(self._dateline_mentions(doc_id, text, state.dateline))
        for sentence, span in parsed.sentences:
            found = state.by_sentence.get(sentence.index, [])
            for m in found:
                if m.resolved:
                    out.append(self._record(doc_id, text, sentence.index, span.doc, m))
            if demonyms:
                at = state.countries.get(sentence.index, ())
                out.extend(self._demonyms(doc_id, text, sentence.index, span, found, at))
        out.sort(key=lambda p: (p.start, p.end))
        return out

    def _record(self, doc_id: str, text: str, index: int, doc: Any, m: _Mention) -> PlaceMention:
        if m.chars is not None:
            start, end = m.chars
        else:
            last = doc[m.end - 1]
            start, end = doc[m.start].idx, last.idx + len(last.text)
        reason = "; ".join(r for r in (m.evidence, m.why) if r)
        return PlaceMention(doc_id, index, start, end, text[start:end], self._named(m), reason)

    def _dateline_mentions(self, doc_id: str, text: str, m: _Mention) -> list[PlaceMention]:
        out = [self._record(doc_id, text, 0, None, m)]
        q = m.qualifier
        if q is not None and q.entry is not None and q.chars is not None:
            out.append(self._record(doc_id, text, 0, None, q))
        return out

    def _demonyms(
        self,
        doc_id: str,
        text: str,
        index: int,
        span: Span,
        found: list[_Mention],
        at: tuple[int, ...],
    ) -> Iterator[PlaceMention]:
        """Demonyms and adjectives of countries ("Turkish", "Kenyan") as country mentions
        (`at`: the doc indices of the sentence's country words)."""
        taken = {i for m in found for i in range(m.start, m.end)}
        gaz = self.gazetteer
        doc = span.doc
        for k in at:
            t = doc[k]
            code = self._country_words.get(t.lower_)
            if code is None or t.i in taken or not t.text[:1].isupper():
                continue
            if self._country_name(t.text):
                continue  # a country's name, not its demonym
            entry = gaz.country(code)
            if entry is None:
                continue
            place = to_place(entry, t.text, 3, centre=True)
            yield PlaceMention(doc_id, index, t.idx, t.idx + len(t.text), t.text, place, "demonym")

    def _country_name(self, word: str) -> bool:
        gaz = self.gazetteer
        return any(gaz._kinds[c >> 1] == COUNTRY for c in gaz.candidates(fold(word)))

    def _named(self, m: _Mention) -> Place:
        """The place a mention names, placed as the feature itself (a country or division at
        its centre, not its capital)."""
        if m.border:
            return replace(self._place(m), feature="border")
        assert m.entry is not None
        return to_place(
            self.gazetteer.entry(m.entry), m.phrase or m.text, self._precision(m), centre=True
        )

    # -- the document -------------------------------------------------------------------

    def _document(
        self, parsed: ParsedDocument, candidates: list[EventCandidate], listing: bool = False
    ) -> _DocState:
        """The document's mentions, resolved in its context: the countries its actors, its
        unambiguous places (and, when `listing` every mention, its demonyms and countries named
        as actors, in full) point to, their neighbours, and the divisions it names."""
        cached = self._found(parsed)
        everything = [m for ms in cached.by_sentence.values() for m in ms]
        if cached.dateline is not None:
            everything.append(cached.dateline)
        context: dict[str, float] = {}

        def add(country: str | None, weight: float) -> None:
            if country:
                context[country] = max(context.get(country, 0.0), weight)

        for cand in candidates:
            weight = 0.5 if cand.cameo_code[:2] in VERBAL_ROOTS else 1.0
            for actor in (cand.actor, cand.target):
                if actor is not None:
                    add(actor.country, weight)
        gaz = self.gazetteer
        admins: dict[str, set[str]] = {}  # divisions named, by the words naming them
        for m in everything:
            if m.entry is not None and m.first_score >= CONFIDENT_MARGIN:
                add(gaz._countries[m.entry], 1.0 if listing or self._usable(m) else 0.5)
                if gaz._kinds[m.entry] == ADMIN1:
                    admins.setdefault(gaz._names[m.entry], set()).add(fold(m.text))
            for country in m.border:
                add(country, 1.0)
        countries: dict[int, tuple[int, ...]] = {}
        if listing:
            countries = self._countries(parsed)
            for sentence, span in parsed.sentences:
                for k in countries[sentence.index]:
                    t = span.doc[k]
                    if t.text[:1].isupper() and not self._country_name(t.text):
                        add(self._country_words.get(t.lower_), 1.0)
        for country in list(context):
            for neighbour in gaz.neighbours.get(country, ()):
                add(neighbour, NEIGHBOUR_WEIGHT)
        last = self._state
        if (
            last is not None
            and last.found is cached
            and last.listing == listing
            and last.context == context
        ):
            return last  # the same document in the same context
        by_sentence, dateline = copy_mentions(cached.by_sentence, cached.dateline)
        everything = [m for ms in by_sentence.values() for m in ms]
        if dateline is not None:
            everything.append(dateline)
        chosen: dict[tuple[Any, ...], tuple[int, float, str] | None] = {}
        for m in everything:
            self._resolve(m, context, admins=admins, chosen=chosen)
        for index, found in by_sentence.items():
            by_sentence[index] = [m for m in found if self._kept(m, context)]
        self._state = _DocState(by_sentence, dateline, countries, cached, context, listing)
        return self._state

    def _found(self, parsed: ParsedDocument) -> _Found:
        """The document's mentions, found once per document: the Locator keeps the last."""
        last = self._last
        if last is not None and last.parsed is parsed:
            return last
        by_sentence: dict[int, list[_Mention]] = {}
        dateline: _Mention | None = None
        first = parsed.sentences[0] if parsed.sentences else None
        dateline_end = -1
        if first is not None:
            dateline, dateline_end = dateline_mention(self.gazetteer, parsed.document.text)
        words: dict[int, tuple[Any, DocWords]] = {}  # by id of the spaCy Doc
        lowers: Container[str] = frozenset()
        if first is not None:
            lowers = self._words(first[1].doc, words).lowers
        names = NameLookup(self.gazetteer)
        for sentence, span in parsed.sentences:
            doc_words = self._words(span.doc, words)
            named = find_names(names, self._country_words, span, sentence.index, lowers, doc_words)
            if dateline_end >= 0:  # the names after the dateline
                named = [m for m in named if span.doc[m.start].idx >= dateline_end]
            by_sentence[sentence.index] = named
        everything = [m for ms in by_sentence.values() for m in ms]
        if dateline is not None:
            everything.append(dateline)
        chosen: dict[tuple[Any, ...], tuple[int, float, str] | None] = {}
        for m in everything:
            self._resolve(m, {}, fame=False, chosen=chosen)
        self._last = _Found(parsed, by_sentence, dateline, words)
        return self._last

    def _countries(self, parsed: ParsedDocument) -> dict[int, tuple[int, ...]]:
        """The doc indices of each sentence's words that stand for a country."""
        out: dict[int, tuple[int, ...]] = {}
        positions: dict[int, tuple[Any, tuple[int, ...]]] = {}  # by id of the spaCy Doc
        for sentence, span in parsed.sentences:
            doc = span.doc
            if id(doc) not in positions:
                positions[id(doc)] = (doc, country_word_positions(doc, self._ids_of(doc)))
            out[sentence.index] = DocWords.within(positions[id(doc)][1], span)
        return out

    def _ids_of(self, doc: Any) -> WordIds:
        ids = self._ids
        if ids is None or ids[0] is not doc.vocab.strings:
            ids = self._ids = (doc.vocab.strings, word_ids(doc.vocab.strings, self._country_words))
        return ids[1]

    def _words(self, doc: Any, seen: dict[int, tuple[Any, DocWords]]) -> DocWords:
        """What a Doc's arrays tell about its words (`seen`: those of Docs read already)."""
        known = seen.get(id(doc))
        if known is not None:
            return known[1]
        words = DocWords.of(doc, self._ids_of(doc))
        seen[id(doc)] = (doc, words)
        return words

    def _kept(self, m: _Mention, context: Mapping[str, float]) -> bool:
        """Whether a name kept only on the document's countries lies in one of them, or is a
        sizeable city under its own name."""
        if not m.evidence.startswith(CONTEXT_EVIDENCE) or m.entry is None:
            return True
        gaz = self.gazetteer
        if gaz._pop[m.entry] >= WEAK_POPULATION and any(
            c >> 1 == m.entry for c in m.candidates if c & 1
        ):
            return True  # a sizeable city under its own name
        return context.get(gaz._countries[m.entry], 0.0) >= 1.0

    # -- resolution ---------------------------------------------------------------------

    def _resolve(
        self,
        m: _Mention,
        context: Mapping[str, float],
        fame: bool = True,
        admins: Mapping[str, set[str]] | None = None,
        chosen: dict[tuple[Any, ...], tuple[int, float, str] | None] | None = None,
    ) -> None:
        """Choose the mention's entry: population, kind, primary name, words around it,
        qualifier, and the weight of its country in the document's context; with `fame`, a
        very large city under its own name gets a bonus unless the document's countries or a
        qualifier steer the choice (not while the context is being gathered). `chosen`: the
        choices made so far in this context, by what they depend on."""
        if m.border:
            return
        qualifier = None
        if m.qualifier is not None:
            if m.qualifier.entry is None:
                self._resolve(m.qualifier, context)
            qualifier = m.qualifier.entry
        if chosen is None:
            choice = self._choose(m, qualifier, context, fame, admins)
        else:
            qualifies = m.qualifies.candidates if m.qualifies is not None else None
            key = (m.candidates, m.hint, qualifier, qualifies, m.text if admins else None)
            if key in chosen:
                choice = chosen[key]
            else:
                choice = chosen[key] = self._choose(m, qualifier, context, fame, admins)
        if choice is not None:
            m.entry, m.first_score, m.why = choice

    def _choose(
        self,
        m: _Mention,
        qualifier: int | None,
        context: Mapping[str, float],
        fame: bool,
        admins: Mapping[str, set[str]] | None,
    ) -> tuple[int, float, str] | None:
        """The entry, first score and reason of _resolve (None without candidates)."""
        gaz = self.gazetteer
        kinds, pop, countries, admin1 = gaz._kinds, gaz._pop, gaz._countries, gaz._admin1
        own_from, hint, get = gaz._own_from, m.hint, context.get
        scored: list[tuple[float, int]] = []
        # the document's countries, or a qualifier, decide rather than a big city's fame
        steered = (
            not fame
            or qualifier is not None
            or any(get(countries[c >> 1], 0.0) >= 1.0 for c in m.candidates)
        )
        folded: str | None = None  # the mention's words as the index keys them
        for code in m.candidates:
            entry_id = code >> 1
            kind = kinds[entry_id]
            own = entry_id >= own_from or kind == REGION
            score = OWN_BASE if own else math.log10(pop[entry_id] + 10)
            if kind == 0:
                score += COUNTRY_BONUS
            elif kind in (ADMIN1, ADMIN2):
                score -= ADMIN1_PENALTY
                if hint == "admin" or (kind == ADMIN2 and hint == "district"):
                    score += ADMIN_HINT_BONUS
            if admins and kind != ADMIN1:
                named_by = admins.get(admin1[entry_id])
                if named_by:
                    if folded is None:
                        folded = fold(m.text)
                    if named_by - {folded}:  # the division is named by other words
                        score += ADMIN_CONTEXT_BONUS
            if code & 1:
                score += PRIMARY_BONUS
                if kind == CITY and pop[entry_id] >= PROMINENT_POPULATION and not steered:
                    score += PROMINENT_BONUS
            if hint == "site" and KINDS[kind] in SITE_KINDS:
                score += SITE_HINT_BONUS
            elif hint == "city" and kind == 2:
                score += CITY_HINT_BONUS
            country = countries[entry_id]
            score += CONTEXT_BONUS * get(country, 0.0)
            if qualifier is not None and country == countries[qualifier]:
                score += QUALIFIER_BONUS
                if kinds[qualifier] == 1 and admin1[entry_id] == gaz._names[qualifier]:
                    score += QUALIFIER_BONUS
            if m.qualifies is not None and holds(gaz, entry_id, m.qualifies):
                score += QUALIFIER_BONUS
            scored.append((score, entry_id))
        if not scored:
            return None
        scored.sort(key=lambda s: -s[0])
        entry = scored[0][1]
        country = gaz._countries[entry]
        rivals = [s for s, e in scored[1:] if gaz._countries[e] != country]
        first_score = scored[0][0] - rivals[0] if rivals else CONFIDENT_MARGIN
        if len(scored) == 1:
            why = "the only candidate"
        elif qualifier is not None and country == gaz._countries[qualifier]:
            why = f"named with {gaz._names[qualifier]}"
        elif (
            rivals and context.get(country, 0.0) and first_score < CONTEXT_BONUS * context[country]
        ):
            why = "in a country the document is about"
        else:
            why = "most populous of its kind"
        return entry, first_score, why

    # -- choosing an event's place ------------------------------------------------------

    def _place_for(
        self,
        cand: EventCandidate,
        span: Span | None,
        state: _DocState,
        dominant: _Mention | None,
    ) -> Place | None:
        mentions = [
            m
            for m in state.by_sentence.get(cand.sentence_index, [])
            if m.resolved and not m.is_qualifier
        ]
        trigger = _trigger_token(span, cand) if span is not None else None
        if span is not None and trigger is not None:
            words = self._words(span.doc, state.found.words)
            own = self._own_phrase(words, trigger, mentions)
            if own is not None:
                return self._placed(state, own)
            taken = _actor_tokens(span, cand)
            others = [
                m for m in mentions if not (taken & set(range(m.start, m.end))) and self._usable(m)
            ]
            if others:
                others.sort(
                    key=lambda m: (
                        self._precision(m) >= 3,
                        not self._in_place_phrase(m),
                        abs(m.start - trigger),
                    )
                )
                return self._placed(state, others[0])
        if state.dateline is not None and state.dateline.entry is not None:
            return self._placed(state, state.dateline)
        if dominant is not None:
            return self._placed(state, dominant)
        actor = cand.actor
        if (
            actor is not None
            and actor.country
            and actor.resolution in ACTOR_RESOLUTIONS
            and cand.cameo_code[:2] in VERBAL_ROOTS
        ):
            country = self.gazetteer.country(actor.country)
            if country is not None:
                return to_place(country, actor.text, 3)
        return None

    def _own_phrase(
        self, words: DocWords, trigger: int, mentions: list[_Mention]
    ) -> _Mention | None:
        for head in _heads(words, trigger):
            owned = [m for m in mentions if head in m.owners and self._usable(m)]
            if owned:
                return min(
                    owned,
                    key=lambda m: (m.owners.index(head), self._precision(m), m.start),
                )
        return None

    def _in_place_phrase(self, m: _Mention) -> bool:
        return m.link is not None and m.link not in ACTOR_LINKS

    def _usable(self, m: _Mention) -> bool:
        """Whether a mention can be an event's place: not when it names a country or capital
        outside a place phrase ("Iraq condemned", "condemned Iraq", "strike against Iraq":
        actors), nor a country that is a verb's object or "against" phrase."""
        if m.border:
            return True
        assert m.entry is not None
        kind = self.gazetteer._kinds[m.entry]
        if m.link is not None and (m.link not in ACTOR_LINKS or kind != COUNTRY):
            return True
        return kind != COUNTRY and not self.gazetteer.is_capital(m.entry)

    def _dominant(self, state: _DocState) -> _Mention | None:
        counts: Counter[object] = Counter()
        first: dict[object, _Mention] = {}
        for ms in state.by_sentence.values():
            for m in ms:
                if m.resolved and not m.is_qualifier and self._usable(m):
                    key: object = m.border or m.entry
                    counts[key] += 1
                    first.setdefault(key, m)
        if not counts:
            return None
        best = max(counts.values())
        return next(m for key, m in first.items() if counts[key] == best)

    def _precision(self, m: _Mention) -> int:
        if m.border:
            return 2
        assert m.entry is not None
        kind = KINDS[self.gazetteer._kinds[m.entry]]
        precision = KIND_PRECISION[kind]
        if kind == "city" and m.hint == "admin":
            return 3
        if m.near or m.hint == "district":
            return max(precision, 2)
        return precision

    def _placed(self, state: _DocState, m: _Mention) -> Place:
        """The place of a mention of the document (as _place), made once."""
        place = state.placed.get(id(m))
        if place is None:
            place = state.placed[id(m)] = self._place(m)
        return place

    def _place(self, m: _Mention) -> Place:
        gaz = self.gazetteer
        if m.border:
            names = []
            for code in m.border:
                country = gaz.country(code)
                names.append(country.name if country else code)
            return Place(
                text=m.phrase or m.text,
                name="–".join(names) + " border",
                country=m.border[0],
                precision=2,
            )
        assert m.entry is not None
        return to_place(gaz.entry(m.entry), m.phrase or m.text, self._precision(m))
