"""The Locator: the place each event candidate happened at."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace

from eventcoder.actors.lexicon import ActorLexicon, load_actor_lexicon
from eventcoder.places.gazetteer import (
    COUNTRY,
    KIND_PRECISION,
    KINDS,
    SITE_KINDS,
    Gazetteer,
    GazetteerEntry,
)
from eventcoder.places.mentions import (
    BORDER_WORDS,
    OTHER_NAMES,
    PLACE_ENTITIES,
    SKIP_ENTITIES,
    Span,
    Token,
    _actor_tokens,
    _heads,
    _hint,
    _locative,
    _make_border,
    _Mention,
    _name_part,
    _phrase,
    _span_head,
    _text,
    _token_key,
    _trigger_token,
)
from eventcoder.places.names import _HYPHENS, fold
from eventcoder.types import EventCandidate, ParsedDocument, Place, PlaceMention

# Links that make a country an actor rather than a place ("condemned Iraq", "a campaign
# against Iran"); a city or site so linked is a place ("hit the Shayrat air base").
ACTOR_LINKS = frozenset({"object", "against"})
ACTOR_RESOLUTIONS = frozenset({"name", "capital"})
# CAMEO roots of verbal events (statements, appeals, demands, criticism, threats): the only
# events placed in their actor's country when nothing else places them.
VERBAL_ROOTS = frozenset({"01", "02", "03", "04", "05", "10", "11", "12", "13"})
# "BAGHDAD (Reuters) -", "KABUL, Afghanistan —", "GAZA CITY, Dec 5 (Reuters) -".
DATELINE = re.compile(
    r"\s*(?P<place>[A-Z][A-Z'’.\-]+(?: [A-Z][A-Z'’.\-]+){0,3})"
    r"(?:,\s*(?P<qualifier>[A-Z][A-Za-z'’.\-]+(?: [A-Z][A-Za-z'’.\-]+){0,3}))?"
    r"(?:,?\s*(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8}\.?))?"
    r"\s*(?:\([^()\n]{1,40}\)\s*)?(?:-{1,2}|–|—)\s"
)
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
CONFIDENT_MARGIN = 2.0
# Alternate-name matches of small places, outside place phrases and place entities, are
# too often other words ("Taliban" is an alternate name of a Turkish village).
WEAK_POPULATION = 100_000


@dataclass
class _DocState:
    """The mentions of one document and what they tell about it."""

    by_sentence: dict[int, list[_Mention]]
    dateline: _Mention | None


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
        for cand in candidates:
            place = self._place_for(cand, spans.get(cand.sentence_index), state, dominant)
            out.append(replace(cand, place=place))
        return out

    def mentions(self, parsed: ParsedDocument) -> list[PlaceMention]:
        """The places the document names, resolved in its context, in text order (names
        taken as actors, such as a country outside a place phrase, are left out)."""
        state = self._document(parsed, [])
        spans = {s.index: span for s, span in parsed.sentences}
        out = []
        for index, found in sorted(state.by_sentence.items()):
            doc = spans[index].doc
            for m in found:
                if not m.resolved or not self._usable(m):
                    continue
                start, last = doc[m.start], doc[m.end - 1]
                place = self._place(m)
                end = last.idx + len(last.text)
                text = parsed.document.text[start.idx : end]
                out.append(PlaceMention(parsed.document.doc_id, index, start.idx, end, text, place))
        return out

    # -- the document -------------------------------------------------------------------

    def _document(self, parsed: ParsedDocument, candidates: list[EventCandidate]) -> _DocState:
        by_sentence: dict[int, list[_Mention]] = {}
        dateline: _Mention | None = None
        first = parsed.sentences[0] if parsed.sentences else None
        dateline_end = -1
        if first is not None:
            dateline, dateline_end = self._dateline(parsed.document.text, first[1])
        for sentence, span in parsed.sentences:
            found = self._find(span, sentence.index)
            by_sentence[sentence.index] = [
                m for m in found if span.doc[m.start].idx >= dateline_end
            ]
        everything = [m for ms in by_sentence.values() for m in ms]
        if dateline is not None:
            everything.append(dateline)
        for m in everything:
            self._resolve(m, {})
        context: dict[str, float] = {}

        def add(country: str | None, weight: float) -> None:
            if country:
                context[country] = max(context.get(country, 0.0), weight)

        for cand in candidates:
            weight = 0.5 if cand.cameo_code[:2] in VERBAL_ROOTS else 1.0
            for actor in (cand.actor, cand.target):
                if actor is not None:
                    add(actor.country, weight)
        for m in everything:
            if m.entry is not None and m.first_score >= CONFIDENT_MARGIN:
                add(self.gazetteer._countries[m.entry], 1.0 if self._usable(m) else 0.5)
            for country in m.border:
                add(country, 1.0)
        for country in list(context):
            for neighbour in self.gazetteer.neighbours.get(country, ()):
                add(neighbour, NEIGHBOUR_WEIGHT)
        for m in everything:
            self._resolve(m, context)
        return _DocState(by_sentence, dateline)

    def _dateline(self, text: str, span: Span) -> tuple[_Mention | None, int]:
        match = DATELINE.match(text)
        if match is None:
            return None, -1
        place = match.group("place")
        candidates = self.gazetteer._candidates(fold(place))
        if not candidates:
            return None, -1
        mention = _Mention(-1, -1, -1, place, candidates, dateline=True, phrase=place)
        qualifier = match.group("qualifier")
        if qualifier:
            q = self.gazetteer._candidates(fold(qualifier))
            if q:
                mention.qualifier = _Mention(-1, -1, -1, qualifier, q, is_qualifier=True)
                mention.phrase = f"{place}, {qualifier}"
        return mention, match.end()

    def _find(self, span: Span, sentence: int) -> list[_Mention]:
        tokens = list(span)
        keys = [_token_key(t.text) for t in tokens]
        gaz = self.gazetteer
        out: list[_Mention] = []
        n = len(tokens)
        i = 0
        while i < n:
            tok, key = tokens[i], keys[i]
            if (
                not key
                or not tok.text[:1].isupper()
                or tok.ent_type_ in SKIP_ENTITIES
                or (tok.pos_ != "PROPN" and tok.ent_type_ not in PLACE_ENTITIES)
            ):
                i += 1
                continue
            end, found = 0, tuple[int, ...]()
            j = i
            while True:
                cands = gaz._candidates(key)
                if cands:
                    end, found = j + 1, cands
                if key not in gaz._prefixes:
                    break
                j += 1
                while j < n and keys[j] == "":
                    j += 1
                nxt = keys[j] if j < n else None
                if not nxt:
                    break
                key = f"{key} {nxt}"
            if not end:
                i += 1
                continue
            mention = self._mention(tokens, i, end, found, sentence)
            if mention is not None:
                out.append(mention)
            i = end
        self._combine(out, span)
        out.extend(self._demonym_borders(tokens, out, sentence))
        out.sort(key=lambda m: m.start)
        return out

    def _mention(
        self, tokens: list[Token], i: int, end: int, found: tuple[int, ...], sentence: int
    ) -> _Mention | None:
        words = tokens[i:end]
        entity = any(t.ent_type_ in PLACE_ENTITIES for t in words)
        if any(t.ent_type_ in SKIP_ENTITIES for t in words):
            return None
        hint = _hint(tokens, i, end)
        if not hint and (_name_part(tokens, i - 1, -1) or _name_part(tokens, end, 1)):
            return None  # part of a longer name: "Sinaloa Cartel", "Fernando Quijano"
        gaz = self.gazetteer
        if len(words) == 1 and words[0].text.isupper() and len(words[0].text) <= 4:
            # acronyms: only countries ("US", "UAE") and own names, not GeoNames codes
            found = tuple(
                c
                for c in found
                if c & 1 or gaz._kinds[c >> 1] == COUNTRY or c >> 1 >= gaz._own_from
            )
            if not found:
                return None
        head = _span_head(words)
        located = _locative(head)
        owners: tuple[int, ...] = ()
        near, link = False, None
        if located is not None:
            owner, near, link = located
            chain = [owner.i]
            current = owner
            for _ in range(4):
                outer = _locative(current, objects=False)
                if outer is None:
                    break
                current = outer[0]
                chain.append(current.i)
            owners = tuple(chain)
        strong = any(
            (c & 1 and gaz._pop[c >> 1] >= 1000)
            or gaz._pop[c >> 1] >= WEAK_POPULATION
            or gaz._kinds[c >> 1] <= 1
            or (c >> 1) >= gaz._own_from
            for c in found
        )
        named_otherwise = all(t.ent_type_ in OTHER_NAMES - PLACE_ENTITIES for t in words)
        evident = entity or hint or (link not in {None, "object"} and strong)
        if not evident and (named_otherwise or not strong):
            return None
        return _Mention(
            sentence=sentence,
            start=words[0].i,
            end=words[-1].i + 1,
            text=" ".join(t.text for t in words) if len(words) == 1 else _text(words),
            candidates=found,
            hint=hint,
            entity=entity,
            link=link,
            near=near,
            owners=owners,
            phrase=_phrase(head, words),
        )

    def _combine(self, mentions: list[_Mention], span: Span) -> None:
        """Qualifiers ("Kabul, Afghanistan", "Syria's Idlib") and borders ("Iraq-Iran border")."""
        doc = span.doc
        gaz = self.gazetteer
        for a, b in zip(mentions, mentions[1:], strict=False):
            between = doc[a.end : b.start]
            top_b = b.candidates[0] >> 1
            if (
                len(between) == 1
                and between[0].text == ","
                and (gaz._kinds[top_b] <= 1 or any(gaz._kinds[c >> 1] <= 1 for c in b.candidates))
            ):
                a.qualifier, b.is_qualifier = b, True
                a.phrase = f"{a.phrase}, {b.text}"
            elif len(between) == 1 and between[0].lower_ in {"'s", "’s"} and _is_country(gaz, a):
                b.qualifier, a.is_qualifier = a, True
        for k, m in enumerate(mentions):
            if m.is_qualifier or not _is_country(gaz, m) or m.border:
                continue
            after = doc[m.end] if m.end < len(doc) else None
            names = [m]
            if (
                after is not None
                and after.text in _HYPHENS
                and k + 1 < len(mentions)
                and mentions[k + 1].start == m.end + 1
                and _is_country(gaz, mentions[k + 1])
            ):
                names.append(mentions[k + 1])
                last = mentions[k + 1].end
            else:
                last = m.end
            if last < len(doc) and doc[last].lower_ in BORDER_WORDS:
                codes = tuple(
                    gaz._countries[next(c >> 1 for c in x.candidates if gaz._kinds[c >> 1] == 0)]
                    for x in names
                )
                _make_border(m, doc, last, codes)
                for other in names[1:]:
                    other.is_qualifier = True

    def _demonym_borders(
        self, tokens: list[Token], found: list[_Mention], sentence: int
    ) -> Iterator[_Mention]:
        """ "The Lebanese border", "the Syria border": a border of one country."""
        taken = {i for m in found for i in range(m.start, m.end)}
        for k, t in enumerate(tokens):
            if k == 0 or t.lower_ not in BORDER_WORDS or t.i in taken:
                continue
            before = tokens[k - 1]
            country = self._country_words.get(before.lower_)
            if country is None or before.i in taken or not before.text[:1].isupper():
                continue
            m = _Mention(sentence, before.i, before.i + 1, before.text, ())
            _make_border(m, t.doc, t.i, (country,))
            yield m

    # -- resolution ---------------------------------------------------------------------

    def _resolve(self, m: _Mention, context: Mapping[str, float]) -> None:
        """Choose the mention's entry: population, kind, primary name, words around it,
        qualifier, and the weight of its country in the document's context."""
        if m.border:
            return
        gaz = self.gazetteer
        qualifier = None
        if m.qualifier is not None:
            if m.qualifier.entry is None:
                self._resolve(m.qualifier, context)
            qualifier = m.qualifier.entry
        scored: list[tuple[float, int]] = []
        for code in m.candidates:
            entry_id = code >> 1
            kind = gaz._kinds[entry_id]
            own = entry_id >= gaz._own_from
            score = OWN_BASE if own else math.log10(gaz._pop[entry_id] + 10)
            if kind == 0:
                score += COUNTRY_BONUS
            elif kind == 1:
                score -= ADMIN1_PENALTY
                if m.hint == "admin":
                    score += ADMIN_HINT_BONUS
            if code & 1:
                score += PRIMARY_BONUS
            if m.hint == "site" and KINDS[kind] in SITE_KINDS:
                score += SITE_HINT_BONUS
            elif m.hint == "city" and kind == 2:
                score += CITY_HINT_BONUS
            country = gaz._countries[entry_id]
            score += CONTEXT_BONUS * context.get(country, 0.0)
            if qualifier is not None and country == gaz._countries[qualifier]:
                score += QUALIFIER_BONUS
                if gaz._kinds[qualifier] == 1 and gaz._admin1[entry_id] == gaz._names[qualifier]:
                    score += QUALIFIER_BONUS
            scored.append((score, entry_id))
        if not scored:
            return
        scored.sort(key=lambda s: -s[0])
        m.entry = scored[0][1]
        rivals = [s for s, e in scored[1:] if gaz._countries[e] != gaz._countries[m.entry]]
        m.first_score = scored[0][0] - rivals[0] if rivals else CONFIDENT_MARGIN

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
        if trigger is not None:
            own = self._own_phrase(trigger, mentions)
            if own is not None:
                return self._place(own)
            taken = _actor_tokens(span, cand)
            others = [
                m for m in mentions if not (taken & set(range(m.start, m.end))) and self._usable(m)
            ]
            if others:
                others.sort(
                    key=lambda m: (
                        self._precision(m) >= 3,
                        not self._in_place_phrase(m),
                        abs(m.start - trigger.i),
                    )
                )
                return self._place(others[0])
        if state.dateline is not None and state.dateline.entry is not None:
            return self._place(state.dateline)
        if dominant is not None:
            return self._place(dominant)
        actor = cand.actor
        if (
            actor is not None
            and actor.country
            and actor.resolution in ACTOR_RESOLUTIONS
            and cand.cameo_code[:2] in VERBAL_ROOTS
        ):
            country = self.gazetteer.country(actor.country)
            if country is not None:
                return _to_place(country, actor.text, 3)
        return None

    def _own_phrase(self, trigger: Token, mentions: list[_Mention]) -> _Mention | None:
        for head in _heads(trigger):
            owned = [m for m in mentions if head.i in m.owners and self._usable(m)]
            if owned:
                return min(
                    owned,
                    key=lambda m: (m.owners.index(head.i), self._precision(m), m.start),
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
        return _to_place(gaz.entry(m.entry), m.phrase or m.text, self._precision(m))


def _to_place(entry: GazetteerEntry, text: str, precision: int) -> Place:
    return Place(
        text=text,
        name=entry.name,
        country=entry.country,
        admin1=entry.admin1 if entry.kind != "country" else None,
        latitude=entry.latitude,
        longitude=entry.longitude,
        geonames_id=entry.geonames_id,
        precision=precision,
    )


def _is_country(gaz: Gazetteer, m: _Mention) -> bool:
    return any(gaz._kinds[c >> 1] == 0 for c in m.candidates) and (
        m.entry is None or gaz._kinds[m.entry] == 0
    )
