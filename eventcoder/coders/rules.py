"""The built-in rule coder: dependency-parse patterns from the event lexicon, actors resolved."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from spacy.strings import hash_string  # type: ignore[attr-defined]

from eventcoder.actors import (
    CRIME_WORDS,
    ActorLexicon,
    ActorResolver,
    DocArrays,
    DocumentContext,
    NameMention,
    PastAttack,
    find_names,
    load_actor_lexicon,
)
from eventcoder.nlp import HEADLINE_END
from eventcoder.patterns import (
    CONFLICT_ROOTS,
    Pattern,
    PatternSet,
    frame_code,
    future_code,
    load_patterns,
)
from eventcoder.types import Actor, EventCandidate, ParsedDocument, Trigger

Token = Any
NAME = "rules"
VERSION = "1"
# Verbs whose subject is the actor of the event noun they take as object: "launched a strike",
# "carried out an attack", "issued a condemnation", "held talks", "began a hunger strike".
LIGHT_VERBS = frozenset(
    {"launch", "carry", "conduct", "stage", "mount", "result", "undertake", "execute", "order"}
    | {"issue", "express", "voice", "hold", "begin", "start", "resume", "renew", "continue"}
    | {"open", "complete", "conclude", "organize", "organise", "declare", "announce", "make"}
    | {"give", "reach", "engage", "go", "lodge", "file", "pay", "perform", "step", "intensify"}
    | {"escalate", "unleash", "resort", "join", "extend", "deliver", "lead", "wage", "use"}
    | {"initiate", "sign", "set", "host", "accept", "agree", "impose", "reimpose", "tighten"}
    | {"commit", "perpetrate", "employ", "send", "convey", "observe", "take", "have", "fight"}
    | {"speed", "accelerate", "expedite", "finish", "carry"}
)
INHERIT_SUBJECT_DEPS = frozenset({"xcomp", "advcl", "conj", "pcomp", "acomp"})
MATERIAL_CONFLICT_ROOTS = frozenset({"18", "19", "20"})
ANAPHORIC = frozenset({"anaphora", "event_reference"})
RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom"})
FUTURE_AUX = frozenset({"will", "shall", "'ll", "may", "might"})
REPORTED_FUTURE_AUX = frozenset({"would", "could", "'d"})
OBLIGATION_AUX = frozenset({"must", "should", "ought"})
NEGATORS = frozenset({"not", "n't", "never", "no"})
# Prepositions that introduce a frame's complement: "called for talks", "agreed to/on a
# ceasefire", "threatened with sanctions", "insisted on its demands", "opposed to mediation".
COMPLEMENT_PREPS = frozenset({"for", "to", "on", "with", "of", "upon", "against", "in"})
# Frames whose complement may be a finite clause: "demanded that China drop barriers".
# Words that carry an allegation, and the prepositions naming the crime alleged.
ALLEGATION_LEMMAS = frozenset({"accuse", "suspect", "charge", "allege", "convict", "want"})
ALLEGATION_PREPS = frozenset({"of", "with", "for", "in"})
ALLEGING_FRAMES = frozenset({"speech", "attribution"})
SPEAKER_PRONOUNS = frozenset({"they", "it"})
STATEMENT_CODE = "010"
# Speech verbs that state something only with a clause: "maintained that ..." is a
# statement, "maintained its power" is not.
ASSERTING = frozenset({"maintain", "note", "stress", "underline", "emphasize", "emphasise"})
MEDIA_ROLE = "JRN"
# A reported clause with one of these words charges its subject with a crime (1121).
ALLEGATION_CODE = "1121"
DENIALS = NEGATORS | {"nothing", "none", "neither", "nor", "innocent", "deny"}
CLAUSE_FRAMES = frozenset({"demand", "appeal", "speech", "intent", "threaten"})
# Frames whose target is whoever is asked to act ("urged Iran to", "demanded that China").
ASKING_FRAMES = frozenset({"demand", "appeal", "speech"})
MAX_FRAME_DEPTH = 3
# Nouns that measure what follows "of": "700 kg of medicine", "$50,000 worth of goods".
QUANTITY_NOUNS = frozenset(
    {"kg", "kilogram", "ton", "tonne", "litre", "liter", "worth", "amount", "quantity", "load"}
    | {"consignment", "batch", "shipment", "cargo", "number", "lot", "supply", "series", "pair"}
    | {"dozen", "hundred", "thousand", "million", "billion", "part", "set", "package"}
)
# Protests (141-145) and their sub-code by aim: leadership change (1), policy change (2),
# rights (3), institutions or regime (4), from the accession (083x) the protest demands.
PROTEST_CODES = frozenset({"141", "142", "143", "144", "145"})
PROTEST_AIMS = {"0831": "1", "0832": "2", "0833": "3", "0834": "4", "083": "4"}
AIM_PREPS = frozenset({"for", "against", "over"})
# Event nouns whose possessor undergoes the act: "his arrest", "their release".
PATIENT_NOUNS = frozenset(
    {"arrest", "detention", "imprisonment", "release", "kidnapping", "abduction", "killing"}
    | {"assassination", "murder", "execution", "expulsion", "deportation", "extradition"}
    | {"torture", "capture", "removal", "ouster", "dismissal", "trial", "conviction", "exile"}
    | {"indictment", "prosecution", "repatriation", "freeing", "pardon", "rescue", "evacuation"}
)
# Participles and past forms whose clause modifies its subject ("troops attacking the
# village"; "a rights group protested" read as a clause on its noun); a past participle
# ("militants killed by troops") modifies its object.
ACTIVE_TAGS = frozenset({"VBG", "VBD", "VBZ", "VBP"})
# Roots of triggers whose event-noun topic is coded too when it names its own actor.
CRITICISM_ROOTS = frozenset({"11"})
# Heads of a crowd: "thousands of Kenyans protested" are Kenyan civilians, not Kenya.
CROWD_NOUNS = frozenset({"thousand", "hundred", "dozen", "million", "score", "ten", "crowd"})
# Second parts of compound modifiers that name a model or a place, not an actor.
NOT_AN_ACTOR = frozenset({"style", "like", "type", "based", "born", "era", "made"})
# Prepositions whose event nouns are background, not events of the sentence.
BACKGROUND_PREPS = frozenset(
    {"since", "after", "following", "during", "before", "amid", "amidst", "despite", "until"}
)
# Objects that make an appeal or statement verb no event: "an official who requested anonymity".
NOT_ACTS = frozenset({"anonymity", "confidentiality"})
UNREAL_MODIFIERS = frozenset(
    {"previous", "past", "earlier", "impending", "possible", "potential", "planned", "future"}
    | {"proposed", "rumoured", "rumored", "expected", "eventual", "alleged", "hypothetical"}
)
CONDITION_MARKS = frozenset(
    {"if", "unless", "until", "lest", "whether", "after", "before", "since"}
)
# Verbs that carry an event noun through a preposition: "engaged in talks", "went on strike".
PREP_LIGHT_VERBS = frozenset(
    {"engage", "resort", "go", "participate", "take", "join", "embark", "result", "involve"}
)
# The generic code of each frame, which a coded complement refines.
GENERIC_FRAME_CODES = frozenset({"010", "020", "030", "100", "120", "130"})
# Frames whose trigger in a passive without agent states its subject's stance ("Israel is
# opposed to mediation", "Syria is committed to the talks").
STATIVE_FRAMES = frozenset({"intent", "reject"})
# Lemmas the statistical lemmatizer gets wrong, mapped to the right ones ("staged" -> "stag").
LEMMA_FIXES = {
    "stag": "stage",
    "airstrik": "airstrike",
    "hostilitie": "hostility",
    "forgave": "forgive",
    "rap": "rape",
}
# Modifiers a `modifiers` constraint looks at: "air strike", "Israeli attack", "sexually abused",
# and a verb's predicative complement: "pleaded guilty".
MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "advmod", "acomp", "oprd"})


@dataclass(frozen=True)
class _Sentence:
    """What argument extraction needs about the sentence being coded."""

    index: int
    names: dict[int, NameMention]
    ctx: DocumentContext


@dataclass(frozen=True)
class _Coded:
    """What a trigger codes as, once frames, negation and future tense are applied."""

    code: str
    complement: Token | None  # the act a frame governs, if any


_NO_CODE = _Coded("", None)


@dataclass
class _Scan:
    """What coding a sentence's triggers marks: tokens consumed by another trigger (a frame's
    complement, a pattern's object), and the complements, whose clauses are hypothetical."""

    consumed: set[int] = field(default_factory=set)
    complements: set[int] = field(default_factory=set)
    roots: list[Token] = field(default_factory=list)

    def hypothetical(self, matched: set[int]) -> set[int]:
        """Triggers inside a complement's clause: "urged Israel to stop its attacks"."""
        out: set[int] = set()
        for root in self.roots:
            out.update(t.i for t in root.subtree if t.i in matched and t.i != root.i)
        return out


class RuleCoder:
    """Codes events from dependency parses with the project's own pattern and actor lexicons."""

    name = NAME
    version = VERSION

    def __init__(self, patterns: PatternSet, lexicon: ActorLexicon) -> None:
        self.patterns = patterns
        self.lexicon = lexicon
        self.resolver = ActorResolver(lexicon)
        self._index = patterns.index
        self._pos_index = patterns.pos_index
        self._trigger_hashes = frozenset(hash_string(k) for k in (*self._index, *LEMMA_FIXES))

    @classmethod
    def default(cls) -> RuleCoder:
        """The rule coder with the built-in lexicons."""
        return cls(load_patterns(), load_actor_lexicon())

    def provenance(self) -> dict[str, str]:
        """Coder version and lexicon checksums."""
        return {
            "coder": self.name,
            "coder_version": self.version,
            "patterns": self.patterns.source,
            "patterns_sha256": self.patterns.checksum,
            "actors_sha256": self.lexicon.checksum,
        }

    def code(self, parsed: ParsedDocument) -> list[EventCandidate]:
        """Event candidates for every sentence, resolving anaphora across the document."""
        ctx = DocumentContext()
        out: list[EventCandidate] = []
        if not parsed.sentences:
            return out
        doc = parsed.sentences[0][1].doc
        arrays = DocArrays.of(doc)
        triggers = self._trigger_hashes  # lemma hashes: no Token objects for most tokens
        for sentence, span in parsed.sentences:
            names = find_names(span, self.lexicon, arrays=arrays)
            self.resolver.observe(span, names, ctx, arrays=arrays)
            state = _Sentence(sentence.index, names, ctx)
            lemmas = arrays.lemma
            tokens = [doc[k] for k in range(span.start, span.end) if lemmas[k] in triggers]
            found = _dedupe(self._code_span(tokens, state))
            out.extend(found)
            _remember_attacks(found, span, ctx)
        return out

    # --- triggers ------------------------------------------------------------------------

    def match(self, token: Token) -> Pattern | None:
        """The pattern this token triggers, if any (what the coder would use)."""
        return self._match(token, {})

    def _match(self, token: Token, cache: dict[int, Pattern | None]) -> Pattern | None:
        """The most specific pattern whose trigger and constraints this token meets: most
        constraints first, then the closest object match ("food aid" before "aid"), then the
        longer (sub-)code, then file order. A compound modifier ("aid workers", "protest
        leaders") is not a trigger."""
        if token.i in cache:
            return cache[token.i]
        found = None
        lemma = _lemma(token)
        pos = token.pos_
        dep = token.dep_
        if (
            pos in self._pos_index.get(lemma, ())
            and dep != "compound"
            and (
                dep != "amod" or pos != "VERB"  # "threatening phone calls", "protesting students"
            )
        ):
            best: tuple[int, int, int] | None = None
            children: list[Token] | None = None
            for pattern in self._index[lemma]:
                if best is not None and pattern.specificity < best[0]:
                    break
                if not pattern.accepts_pos(pos):
                    continue
                if pattern.specificity == 0:
                    strength = 0
                else:
                    if children is None:
                        children = list(token.children)
                    strength = _constraint_strength(pattern, token, children)
                if strength < 0:
                    continue
                rank = (pattern.specificity, strength, len(pattern.code))
                if best is None or rank > best:
                    best, found = rank, pattern
        cache[token.i] = found
        return found

    def _code_span(self, tokens: list[Token], state: _Sentence) -> Iterator[EventCandidate]:
        cache: dict[int, Pattern | None] = {}
        matches = [
            (token, pattern)
            for token in tokens
            if (pattern := self._match(token, cache)) is not None
        ]
        if not matches:
            return
        matched = {token.i for token, _ in matches}
        scan = _Scan()
        coded: dict[int, _Coded | None] = {}
        for token, pattern in matches:
            if token.i not in scan.consumed:
                coded[token.i] = self._coded(token, pattern, cache, scan, 0)
        hypothetical = scan.hypothetical(matched)
        events: list[tuple[Token, EventCandidate]] = []
        for token, pattern in matches:
            result = coded.get(token.i)
            if result is None or token.i in scan.consumed or token.i in hypothetical:
                continue
            if result.code in PROTEST_CODES:
                result = self._protest_purpose(token, result, cache)
            if (
                pattern.pos == "noun"
                and (
                    _background(token)
                    # what another trigger is about is coded only when it names its own actor and
                    # is criticised as something done: "condemned the attack" no, "condemned the
                    # Turkish air strike on Sinjar" yes, "negotiations on an Israeli pullback" no
                    or (
                        (topic := _topic(token, matched)) is not None
                        and not (
                            (coded.get(topic.i) or _NO_CODE).code[:2] in CRITICISM_ROOTS
                            and self._noun_actors(token, state, pattern)
                        )
                    )
                )
            ):
                continue
            if _conditional(token) or _alleged(token):
                continue
            for cand in self._candidates(pattern, token, result, state):
                events.append((token, cand))
        yield from _filter_sentence(events, scan.complements)

    def _coded(
        self,
        token: Token,
        pattern: Pattern,
        cache: dict[int, Pattern | None],
        scan: _Scan,
        depth: int,
    ) -> _Coded | None:
        """The code a matched trigger gives (None: no event), marking complements consumed.

        A frame's code comes from its complement (see eventcoder.patterns.frame_code); a
        negated trigger gives its pattern's negated_code (a negated intent frame, the
        rejection of its complement: "did not agree to hold talks" 125); a verb in the future
        ("will allow", "would impose") states an intent (03) or a threat (13)."""
        verb = token if pattern.pos != "noun" else _light_verb(token)
        negated = _negated(token) or (verb is not None and verb is not token and _negated(verb))
        if pattern.object and pattern.pos != "noun":
            # "imposed sanctions", "lifted the curfew": the object is the act, not another event,
            # and what it says is not either ("defied orders to demobilize")
            obj = _constraint_object(pattern, token)
            if obj is not None:
                scan.consumed.add(obj.i)
                scan.roots.append(obj)
        if pattern.frame is None or depth >= MAX_FRAME_DEPTH:
            if negated:
                return _Coded(pattern.negated_code, None) if pattern.negated_code else None
            if not pattern.standalone and depth == 0:
                return None
            code = pattern.code
            if verb is not None and _future(verb):
                code = future_code(code)
            return _Coded(code, None)
        if pattern.frame == "attribution":  # "according to X, the FARC earns billions ..."
            clause = token.head if token.dep_ in {"prep", "advcl"} else None
            if (
                clause is not None
                and clause.pos_ in {"VERB", "AUX"}
                and self._allegation(clause, cache)
            ):
                return _Coded(ALLEGATION_CODE, clause)
            return None  # an attribution alone is the source of what is said, not an event
        complement = self._complement(pattern, token, cache)
        comp_pattern = self._match(complement, cache) if complement is not None else None
        if complement is not None and _lemma(complement) in NOT_ACTS:
            return None  # "requested anonymity"
        if pattern.frame == "speech":
            if negated:
                return None
            if complement is None and _lemma(token) in ASSERTING and _direct_object(token):
                return None  # "maintain power", "noted the increase": no statement made
            if complement is not None and self._allegation(complement, cache):
                return _Coded(ALLEGATION_CODE, complement)  # "said the Zetas run the mines"
            if complement is None or not _obliged(complement):
                return _Coded(pattern.code, None)  # the reported clause is coded on its own
        inner: _Coded | None = None
        if complement is not None:
            scan.consumed.add(complement.i)
            scan.complements.add(complement.i)
            scan.roots.append(complement)
            if comp_pattern is not None:
                inner = self._coded(complement, comp_pattern, cache, scan, depth + 1)
        return _frame_result(pattern, token, complement, comp_pattern, inner, negated)

    def _allegation(self, clause: Token, cache: dict[int, Pattern | None]) -> bool:
        """Whether a reported clause charges its subject with a crime and codes no event of
        its own: "said the FARC makes billions from the drug trade" (an accusation, 1121)."""
        if clause.pos_ not in {"VERB", "AUX"} or not any(
            c.dep_ in {"nsubj", "nsubjpass"} for c in clause.children
        ):
            return False
        words = list(clause.subtree)
        if any(t.lower_ in DENIALS for t in words):
            return False  # "said they had nothing to do with drug trafficking" denies
        for t in words:  # a clause that codes an act of its own is coded as that act
            found = self._match(t, cache) if t.pos_ == "VERB" else None
            if found is not None and found.frame not in ALLEGING_FRAMES:
                return False
        return any(_lemma(t) in CRIME_WORDS for t in words)

    def _protest_purpose(
        self, token: Token, coded: _Coded, cache: dict[int, Pattern | None]
    ) -> _Coded:
        """A protest with a stated aim: "demonstrated demanding the president's resignation"
        (1411), "struck against the new tax law" (1432), "for more rights" (1443 ...): the aim
        is an accession (083x) named in the protest's clause."""
        verb = _light_verb(token) if token.pos_ == "NOUN" else None
        scope: list[Token] = []
        for head in (token, verb):
            for child in head.children if head is not None else ():
                if (child.dep_ == "prep" and child.lower_ in AIM_PREPS) or child.dep_ in {
                    "acl",
                    "advcl",
                    "xcomp",
                }:
                    scope.extend(child.subtree)
        for tok in scope:
            if tok.i == token.i or tok.pos_ not in {"NOUN", "VERB"}:
                continue
            found = self._match(tok, cache)
            if found is not None and found.code[:3] == "083":
                aim = PROTEST_AIMS.get(found.code, "4")
                return _Coded(coded.code + aim, coded.complement)
        return coded

    def _complement(
        self, pattern: Pattern, token: Token, cache: dict[int, Pattern | None]
    ) -> Token | None:
        """The act a frame trigger governs: a to-infinitive or that-clause, the object of a
        complement preposition, or a direct object naming an act."""
        frame = pattern.frame
        clause = None
        options: list[Token] = []
        for child in token.children:
            dep = child.dep_
            if dep == "xcomp" or (dep == "acl" and pattern.pos == "noun"):
                if frame != "speech" and clause is None:
                    clause = child
            elif dep == "ccomp" and frame in CLAUSE_FRAMES and clause is None:
                clause = child
            elif dep in {"prep", "dative"} and child.lower_ in COMPLEMENT_PREPS:
                options.extend(c for c in child.children if c.dep_ in {"pobj", "pcomp"})
            elif dep in {"dobj", "attr", "nsubjpass"}:
                options.append(child)
        if clause is not None and clause.lemma_ == "be":  # "must be ready to mediate"
            clause = (
                next((c for c in clause.children if c.dep_ in {"acomp", "attr"}), None) or clause
            )
        if frame == "speech":
            return clause
        if clause is not None and self._match(clause, cache) is not None:
            return clause
        if clause is not None:  # "threatened to resume attacks": the light verb's object
            for child in clause.children:
                noun = _pobj(child) if child.dep_ == "prep" else child
                if child.dep_ not in {"dobj", "prep"} or noun is None:
                    continue
                if self._match(noun, cache) is not None:
                    return noun
        for option in options:
            if self._match(option, cache) is not None:
                return option
        return clause

    # --- arguments -----------------------------------------------------------------------

    def _candidates(
        self, pattern: Pattern, token: Token, coded: _Coded, state: _Sentence
    ) -> Iterator[EventCandidate]:
        if pattern.pos == "noun":
            actors, targets = self._noun_arguments(pattern, token, state)
        else:
            actors, targets = self._verb_arguments(pattern, token, state)
        if pattern.frame == "attribution":  # a named source that is not the news media
            source = _prep_object(token, "to")
            found = self._phrase(source, state) if source is not None else []
            actors = [a for a in found if a.code and a.role != MEDIA_ROLE]
        if coded.code == ALLEGATION_CODE and pattern.frame in ALLEGING_FRAMES and coded.complement:
            subject = next(
                (c for c in coded.complement.children if c.dep_ in {"nsubj", "nsubjpass"}), None
            )
            accused = (
                self._phrase(subject, state)
                if subject is not None and subject.pos_ in {"NOUN", "PROPN"}
                else []
            )
            speakers = {a.code for a in actors}
            targets = [a for a in accused if a.code and a.code not in speakers]
            if not targets and pattern.frame == "attribution":
                return
            if not targets:  # a charge against no one named (or the speaker) is a statement
                coded = _Coded(pattern.code, None)
        elif coded.complement is not None and pattern.frame is not None:
            targets = self._frame_targets(pattern, token, coded.complement, state) or targets
        if any(_unplaced(a) for a in [*actors, *targets]):
            place = self._event_country(token, state)
            if place is not None:
                actors = [_placed(a, place) for a in actors]
                targets = [_placed(a, place) for a in targets]
        actors = [a for a in actors if a.code or a.resolution == "entity"]
        if not actors:
            return
        if pattern.target_required and not any(t.code for t in targets):
            if len({a.code for a in actors if a.code}) < 2:
                return  # "the cabinet met", "officers meeting the requirements"
            targets = actors  # "Iraq and Iran restored ties": each is the other's target
        among: Actor | None = None  # "rival gangs clashed": the group among itself
        if pattern.reciprocal and not any(t.code for t in targets):
            if len({a.code for a in actors if a.code}) >= 2:
                targets = actors  # "Iraq and Iran clashed": each the other's target
            elif (
                not targets
                and not _other_party(token)
                and len(actors) == 1
                and actors[0].role
                and _plural_phrase(actors[0], token)
                and not _coordinated(actors[0], token)
            ):
                among = actors[0]
                targets = [among]
        target_options: list[Actor | None] = list(targets) or [None]
        trigger = Trigger(token.text, token.idx, token.idx + len(token))
        group = None
        if len(actors) * len(target_options) > 1:
            key = f"{state.index}:{trigger.start}:{coded.code}"
            group = hashlib.blake2b(key.encode(), digest_size=6).hexdigest()
        for actor in actors:
            # A target that is the actor itself ("Kenya deployed police in Nairobi") is none.
            options = [
                t
                for t in target_options
                if t is None
                or not t.code
                or t.code != actor.code
                or t is among
                or _two_names(actor, t)  # "the Zetas allied with the Gulf Cartel"
            ]
            code = coded.code
            if pattern.actor_roles and code == pattern.code:
                code = pattern.code_for(_actor_kind(actor))
            if actor.role == MEDIA_ROLE and (code == STATEMENT_CODE or code[:2] == "09"):
                continue  # "the newspaper added", "a media investigation": the story's source
            for target in options or [None]:
                yield EventCandidate(
                    sentence_index=state.index,
                    actor=actor,
                    target=target,
                    cameo_code=code,
                    trigger=trigger,
                    rule_id=pattern.rule_id,
                    confidence=_confidence(pattern, actor, target, coded),
                    group_id=group,
                )

    def _event_country(self, token: Token, state: _Sentence) -> str | None:
        """The country where an event happens, from an 'in'/'at' phrase on the trigger or its
        object ("blocked streets in Hong Kong", "declared a state of siege in Haiti"): the
        country of a role actor named without one ("people", "the military government")."""
        heads = [token, *(c for c in token.children if c.dep_ in {"dobj", "xcomp"})]
        for head in heads:
            for prep in head.children:
                if prep.dep_ != "prep" or prep.lower_ not in {"in", "at"}:
                    continue
                for tok in prep.subtree:
                    mention = state.names.get(tok.i)
                    if mention is not None and mention.entry.kind in {"name", "capital"}:
                        return mention.entry.country
        return None

    def _verb_arguments(
        self, pattern: Pattern, token: Token, state: _Sentence
    ) -> tuple[list[Actor], list[Actor]]:
        passive = next((c for c in token.children if c.dep_ == "nsubjpass"), None) or (
            _headline_passive(token)
        )
        if passive is not None and pattern.pos == "adj":  # "Israel is opposed to"
            return self._phrase(passive, state, search=True), self._targets(pattern, token, state)
        if passive is not None:
            agent = _agent(token)
            if agent is None and pattern.frame in STATIVE_FRAMES:
                return self._phrase(passive, state, search=True), self._targets(
                    pattern, token, state
                )
            actors = self._phrase(agent, state) if agent is not None else []
            if passive.lower_ in RELATIVE_PRONOUNS and token.dep_ == "relcl":
                passive = token.head  # "Valdez, who was captured by police": Valdez
            return actors, self._phrase(passive, state)
        actors = self._actors_of(token, state)
        targets = self._targets(pattern, token, state)
        if all(t.resolution == "event_reference" for t in targets):
            addressee = self._purpose_addressee(token, state)
            if addressee:
                return actors, addressee
        return actors, targets

    def _actors_of(self, token: Token, state: _Sentence) -> list[Actor]:
        """The actor of a verb: its subject, inherited through open clauses and coordination
        ("has been indicted and will resign": the passive subject of the first verb), or the
        noun a relative or participial clause modifies ("troops who attacked") or, when that
        noun is no actor, the subject of the verb that noun depends on ("issued a statement
        condemning", "approved a plan that will not allow")."""
        if any(c.dep_ == "auxpass" for c in token.children):
            return []  # "likely to be killed": the inherited subject is the victim
        current = token
        for _ in range(5):
            subject = next((c for c in current.children if c.dep_ in {"nsubj", "csubj"}), None)
            if subject is None and current is not token and _active(token):
                subject = next((c for c in current.children if c.dep_ == "nsubjpass"), None)
            if subject is not None:
                if subject.lower_ in RELATIVE_PRONOUNS and current.dep_ == "relcl":
                    found = self._phrase(current.head, state)
                    if any(a.code for a in found):
                        return found
                    current = _governor(current.head)
                    if current is None:
                        return []
                    continue
                event = self.match(subject) if subject.pos_ == "NOUN" else None
                if current is token and event is not None and event.standalone:
                    return []  # "an airstrike by Israel hit Syria": the noun is the event
                speaker = self._speaker_of(subject, current, state)
                if speaker:
                    return speaker  # "security forces announced they had killed": the forces
                found = self._phrase(subject, state, search=True)
                if _lemma(subject) in CROWD_NOUNS:  # "thousands of Kenyans": civilians
                    found = [_as_civilians(a) for a in found]
                return found
            if current.dep_ == "relcl" or (current.dep_ == "acl" and current.tag_ in ACTIVE_TAGS):
                found = self._phrase(current.head, state)
                if any(a.code for a in found):
                    return found
                governor = _governor(current.head)
                if governor is None:
                    return []
                current = governor
                continue
            if current.dep_ == "pcomp" and current.head.dep_ == "prep":
                current = current.head.head  # "resorted to throwing stones"
                continue
            if current.dep_ not in INHERIT_SUBJECT_DEPS or current.head is current:
                return []
            current = current.head
        return []

    def _speaker_of(self, pronoun: Token, clause: Token, state: _Sentence) -> list[Actor]:
        """For a pronoun subject of a reported clause that agrees with the speaker ("they"
        after plural, "it" after singular speakers), the speaker: "the police said they ..."."""
        if pronoun.pos_ != "PRON" or pronoun.lower_ not in SPEAKER_PRONOUNS:
            return []
        if clause.dep_ != "ccomp" or self.match(clause.head) is None:
            return []
        speaker = next((c for c in clause.head.children if c.dep_ == "nsubj"), None)
        if speaker is None or speaker.pos_ not in {"NOUN", "PROPN"}:
            return []
        if (pronoun.lower_ == "they") != _plural(speaker):
            return []
        found = [a for a in self._phrase(speaker, state) if a.code]
        return [
            Actor(
                pronoun.text,
                pronoun.idx,
                pronoun.idx + len(pronoun),
                a.code,
                a.country,
                a.role,
                a.sponsor,
                "anaphora",
            )
            for a in found
        ]

    def _purpose_addressee(self, token: Token, state: _Sentence) -> list[Actor]:
        """For 'X summoned Y to protest Z': Y, the one the purpose clause's act is made to."""
        is_purpose = token.dep_ in {"advcl", "xcomp"} and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in token.children
        )
        if not is_purpose:
            return []
        obj = next((c for c in token.head.children if c.dep_ == "dobj"), None)
        found = self._phrase(obj, state) if obj is not None else []
        return [a for a in found if a.code]

    def _noun_arguments(
        self, pattern: Pattern, token: Token, state: _Sentence
    ) -> tuple[list[Actor], list[Actor]]:
        between = _prep_object(token, "between") or _prep_object(token, "among")
        if between is not None:
            parties = self.resolver.resolve_group(between, state.names, state.ctx)
            parties = [p for p in parties if p.code]
            if len(parties) >= 2:
                return parties[:1], parties[1:]
            if len(parties) == 1 and pattern.reciprocal and _plural(between):
                return parties, []  # "a clash between rival gangs": see _candidates
        actors = self._noun_actors(token, state, pattern)
        if not actors:
            verb = _light_verb(token)
            if verb is not None:
                passive = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
                agent = _prep_object(verb, "agent") or _prep_object(verb, "by")
                if token.dep_ == "nsubjpass":  # "a ceasefire was declared by the rebels"
                    actors = self._phrase(agent, state) if agent is not None else []
                elif passive is not None and agent is None:  # "were engaged in cleansing"
                    actors = self._phrase(passive, state, search=True)
                else:
                    actors = self._actors_of(verb, state)
        return actors, self._targets(pattern, token, state)

    def _noun_actors(
        self, token: Token, state: _Sentence, pattern: Pattern | None = None
    ) -> list[Actor]:
        """Who an event noun is by: 'by'/'from' phrases, possessors, modifiers ('from' is a
        place for a pattern whose target comes from it: "withdrawal from Lebanon")."""
        place = pattern is not None and "prep:from" in pattern.target
        for prep in ("by",) if place else ("by", "from"):
            obj = _prep_object(token, prep)
            if obj is not None:
                found = self._phrase(obj, state)
                if found:
                    return found
        return self._modifier_actors(token, state)

    def _modifier_actors(self, token: Token, state: _Sentence) -> list[Actor]:
        out: list[Actor] = []
        patient = _lemma(token) in PATIENT_NOUNS  # "his arrest": he is arrested
        for child in token.lefts:
            if child.dep_ == "poss" and patient:
                continue
            if child.dep_ in {"poss", "compound", "amod", "nmod", "npadvmod"}:
                subtree = list(child.subtree)
                if any(t.lower_ in NOT_AN_ACTOR for t in subtree):
                    continue  # "a Bosnia-style war", "a US-based group"
                whole = [a for a in self.resolver.resolve(child, state.names, state.ctx) if a.code]
                if whole:  # "the Iraqi opposition's boycott": the opposition, not also Iraq
                    out.extend(whole)
                    covered = [(a.start, a.end) for a in whole]
                    subtree = [  # but "US-Israeli": both names
                        t
                        for t in subtree
                        if t.i in state.names and not any(a <= t.idx < b for a, b in covered)
                    ]
                for tok in subtree:
                    if tok.pos_ == "PRON" and child.dep_ != "poss":
                        continue
                    out.extend(self.resolver.resolve(tok, state.names, state.ctx))
        return [a for a in out if a.code]

    def _frame_targets(
        self, pattern: Pattern, token: Token, complement: Token, state: _Sentence
    ) -> list[Actor]:
        """The target of a frame: who is asked to act (demand, appeal), whose request is
        rejected (reject), or the target of the act promised or threatened (intent, threaten)."""
        frame = pattern.frame
        own: list[Actor] = []
        for child in token.children:
            if child is complement:
                continue
            if child.dep_ == "dobj" or (
                child.dep_ == "prep" and child.lower_ in {"on", "upon", "to", "from", "against"}
            ):
                head = child if child.dep_ == "dobj" else _pobj(child)
                if head is not None and head is not complement:
                    own = [a for a in self._phrase(head, state) if a.code]
                    if own:
                        break
        if frame in ASKING_FRAMES:
            subject = next(
                (c for c in complement.children if c.dep_ in {"nsubj", "nsubjpass"}), None
            )
            candidates = [
                own,
                self._phrase(subject, state) if subject is not None else [],
                self._noun_actors(complement, state) if complement.pos_ == "NOUN" else [],
                self._of_actors(complement, state),
            ]
        elif frame == "reject":
            candidates = [
                self._noun_actors(complement, state) if complement.pos_ == "NOUN" else [],
                own,
                self._complement_targets(complement, state),
            ]
        else:
            candidates = [self._complement_targets(complement, state), own]
        for found in candidates:
            found = [a for a in found if a.code]
            if found:
                return found
        return []

    def _of_actors(self, token: Token, state: _Sentence) -> list[Actor]:
        obj = _prep_object(token, "of")
        return self._phrase(obj, state, search=True) if obj is not None else []

    def _complement_targets(self, complement: Token, state: _Sentence) -> list[Actor]:
        cache: dict[int, Pattern | None] = {}
        pattern = self._match(complement, cache)
        if pattern is None:
            obj = next((c for c in complement.children if c.dep_ == "dobj"), None)
            if obj is None:
                obj = _prep_object(complement, "to") or _prep_object(complement, "against")
            return self._phrase(obj, state) if obj is not None else []
        if pattern.frame is not None:
            inner = self._complement(pattern, complement, cache)
            if inner is not None:
                found = self._frame_targets(pattern, complement, inner, state)
                if found:
                    return found
        return self._targets(pattern, complement, state)

    def _targets(self, pattern: Pattern, token: Token, state: _Sentence) -> list[Actor]:
        for source in pattern.target:
            found = self._target_from(source, pattern, token, state)
            if found:
                return found
        return []

    def _target_from(
        self, source: str, pattern: Pattern, token: Token, state: _Sentence
    ) -> list[Actor]:
        if source == "dobj":
            obj = _direct_object(token)
            return self._phrase(obj, state, reference=True) if obj is not None else []
        if source == "prep" or source.startswith("prep:"):
            preps = pattern.prep if source == "prep" else frozenset({source[5:]})
            obj = next((o for p in preps if (o := _prep_object(token, p)) is not None), None)
            if obj is None and pattern.object and pattern.pos == "verb":
                # "severed ties with Iran": the preposition hangs on the object
                act = _constraint_object(pattern, token)
                if act is not None and act.dep_ == "dobj":
                    obj = next((o for p in preps if (o := _prep_object(act, p)) is not None), None)
            return self._phrase(obj, state, reference=True) if obj is not None else []
        if source == "object_phrase":  # the object itself ("a Colombian laundering ring"),
            obj = _constraint_object(pattern, token)  # else an actor named inside it
            if obj is None:
                return []
            whole = [a for a in self.resolver.resolve(obj, state.names, state.ctx) if a.code]
            return whole or self.resolver.search(obj, state.names, state.ctx)
        if source == "governor_dobj":
            if token.dep_ not in {"nsubj", "nsubjpass"}:
                return []
            obj = next((c for c in token.head.children if c.dep_ == "dobj"), None)
            return self._phrase(obj, state) if obj is not None else []
        if source == "event_reference":
            for other in token.head.children:
                if other is not token and other.dep_ in {"nsubj", "dobj"}:
                    found = self.resolver.event_reference(other, state.ctx)
                    if found:
                        return found
        return []

    def _phrase(
        self, head: Token | None, state: _Sentence, search: bool = False, reference: bool = False
    ) -> list[Actor]:
        if head is None:
            return []
        found = self.resolver.resolve_group(head, state.names, state.ctx)
        if any(a.code for a in found) or (found and not search):
            return found
        if reference:
            agent = _prep_object(head, "by")
            if agent is not None:
                return self.resolver.resolve_group(agent, state.names, state.ctx)
            event = self.match(head) if head.pos_ == "NOUN" else None
            if event is not None and event.pos == "noun":  # "condemned the Israeli attack"
                perpetrators = [a for a in self._noun_actors(head, state, event) if a.code]
                if perpetrators:
                    return perpetrators
            referred = self.resolver.event_reference(head, state.ctx)
            if referred:
                return referred
        if search and head.pos_ != "PRON":
            searched = self.resolver.search(head, state.names, state.ctx, depth=3)
            if any(a.code for a in searched) or (searched and not found):
                return searched
        return found


def _frame_result(
    pattern: Pattern,
    token: Token,
    complement: Token | None,
    comp_pattern: Pattern | None,
    inner: _Coded | None,
    negated: bool,
) -> _Coded | None:
    """The code of a frame trigger, given what its complement codes as."""
    frame = pattern.frame or ""
    inner_code = inner.code if inner is not None else None
    if frame == "speech":  # an obliged reported clause: "said Iran must halt" is a demand
        return _Coded(frame_code("demand", inner_code) or "100", complement)
    if frame == "negate":  # "failed to reach a deal": the complement, negated
        if comp_pattern is None or comp_pattern.negated_code is None:
            return None
        return _Coded(comp_pattern.negated_code, complement)
    if negated:
        if frame == "intent":
            code = frame_code("reject", inner_code) or pattern.negated_code
            return _Coded(code, complement) if code else None
        return _Coded(pattern.negated_code, complement) if pattern.negated_code else None
    mapped = frame_code(frame, inner_code)
    if pattern.specificity > 0 and pattern.code not in GENERIC_FRAME_CODES:
        mapped = pattern.code  # a constrained pattern names its act itself ("demanded aid")
    elif mapped is None:
        if inner_code is not None and frame == "reject" and inner_code[:2] in CONFLICT_ROOTS:
            return None  # "refused to attack" rejects nothing cooperative
        if not pattern.standalone:
            return None
        mapped = pattern.code
    if frame in {"intent", "threaten"} and pattern.pos != "noun" and _future(token):
        mapped = future_code(mapped)
    return _Coded(mapped, complement)


def _filter_sentence(
    events: list[tuple[Token, EventCandidate]], complements: set[int]
) -> Iterator[EventCandidate]:
    """Drop what a sentence's other events make redundant: a purpose clause of a coded act
    ("began a hunger strike to protest", "blocked a road to show their disapproval"), and
    statements (010) when anything else is coded."""
    owners: set[int] = set(complements)
    for token, _ in events:
        owners.add(token.i)
        if token.dep_ in {"dobj", "pobj"}:
            verb = token.head.head if token.dep_ == "pobj" else token.head
            owners.add(verb.i)
    substantive = any(e.cameo_code != "010" for _, e in events)
    for token, event in events:
        if event.cameo_code == "010" and substantive:
            continue
        if _in_purpose_of(token, owners):
            continue
        yield event


def _in_purpose_of(token: Token, owners: set[int]) -> bool:
    """Whether the trigger is (in) a to-clause giving the purpose of a coded act."""
    current = token
    for _ in range(4):
        if _purpose_clause(current) and current.head.i in owners and current.head is not token:
            return True
        if current.head is current:
            return False
        current = current.head
    return False


def _purpose_clause(token: Token) -> bool:
    return token.dep_ == "advcl" and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in token.children
    )


def _topic(token: Token, matched: set[int]) -> Token | None:
    """The trigger an event noun is the topic of, if any: "condemned the attack", "talks on a
    troop pullback", "investigation into the killing" (not the object of a light verb:
    "announced its rejection", "declared a ceasefire")."""
    head = token.head
    if token.dep_ == "dobj":
        if head.i in matched and head is not token and _lemma(head) not in LIGHT_VERBS:
            return head
        return None
    if token.dep_ == "pobj" and head.dep_ in {"prep", "agent"}:
        governor = head.head
        if (
            governor.i in matched
            and governor is not token
            and _lemma(governor) not in PREP_LIGHT_VERBS
        ):
            return governor
    return None


def _background(token: Token) -> bool:
    """Whether an event noun sets the scene or is not (yet) real: "since last month's
    invasion", "despite warnings", "following the launch of the war on drugs", "the previous
    attack", "his impending surrender"."""
    if any(c.dep_ == "amod" and c.lower_ in UNREAL_MODIFIERS for c in token.lefts):
        return True
    current = token
    for _ in range(3):
        if current.dep_ != "pobj" or current.head.dep_ not in {"prep", "agent"}:
            return False
        if current.head.lower_ in BACKGROUND_PREPS:
            return True
        current = current.head.head  # "the launch of [the war]" -> launch
        if current.pos_ not in {"NOUN", "PROPN"}:
            return False
    return False


def _alleged(token: Token) -> bool:
    """Whether the trigger is an allegation carried by an attribute ("four people accused of
    kidnapping", "a man wanted for murder") or the crime alleged ("charged with killing"):
    neither is an event the sentence reports."""
    if _alleging_attribute(token):
        return True
    current = token
    for _ in range(6):
        head = current.head
        if head is current:
            return False
        if (
            current.dep_ == "prep"
            and current.lower_ in ALLEGATION_PREPS
            and _lemma(head) in ALLEGATION_LEMMAS
            and (_alleging_attribute(head) or not _active(head))
        ):
            return True  # "accused of kidnapping", "was charged with killing": not the act
        current = head
    return False


def _alleging_attribute(token: Token) -> bool:
    """A participle carrying an allegation about the noun it modifies ("people accused of")."""
    return (
        token.dep_ in {"acl", "advcl"}
        and token.tag_ == "VBN"
        and _lemma(token) in ALLEGATION_LEMMAS
        and not any(c.dep_ in {"nsubj", "nsubjpass", "aux", "auxpass"} for c in token.children)
    )


def _conditional(token: Token) -> bool:
    """Whether the trigger lies in a condition ("unless Israel rescinded", "if attacked") or a
    clause that dates the sentence's event by an earlier one ("after Calderon launched")."""
    current = token
    for _ in range(6):
        if current.dep_ == "advcl" and any(
            c.dep_ == "mark" and c.lower_ in CONDITION_MARKS for c in current.children
        ):
            return True
        if current.head is current:
            return False
        current = current.head
    return False


def _remember_attacks(found: list[EventCandidate], span: Any, ctx: DocumentContext) -> None:
    """Add the sentence's violent events, with their coded actors, to the document context."""
    by_trigger: dict[Trigger, list[EventCandidate]] = {}
    for cand in found:
        if cand.cameo_code[:2] in MATERIAL_CONFLICT_ROOTS and cand.actor and cand.actor.code:
            by_trigger.setdefault(cand.trigger, []).append(cand)
    for trigger, cands in by_trigger.items():
        token = span.doc.char_span(trigger.start, trigger.end)
        lemma = token.root.lemma_.lower() if token is not None else trigger.text.lower()
        actors = tuple(dict.fromkeys(c.actor for c in cands if c.actor))
        ctx.attacks.append(PastAttack(lemma, cands[0].cameo_code, actors))


def _negated(token: Token) -> bool:
    """'did not agree', 'never met', 'will no longer tolerate', 'pleaded not guilty'."""
    for child in token.children:
        if child.dep_ == "neg" or (child.dep_ == "advmod" and child.lower_ in NEGATORS):
            return True
        if child.dep_ in {"acomp", "oprd"} and any(c.dep_ == "neg" for c in child.children):
            return True
        if (
            child.dep_ == "advmod"
            and child.lower_ == "longer"
            and any(c.lower_ == "no" for c in child.children)
        ):
            return True
    return False


def _future(token: Token) -> bool:
    """Whether a verb states a future or possible act: 'will allow', 'may halt', and 'would
    impose' in a reported clause ("said it would allow"; elsewhere 'would' is mostly habitual
    or conditional: "kidnappers would surround a house"), and a headline's 'X to do'
    ("Guatemala to Sign Weapons Agreement")."""
    if token.dep_ == "ROOT" and _headline_infinitive(token):
        return True
    for child in token.children:
        if child.dep_ != "aux":
            continue
        word = child.lower_
        if word in FUTURE_AUX:
            return True
        if word in REPORTED_FUTURE_AUX and _reported(token):
            return True
    return False


def _headline_infinitive(verb: Token) -> bool:
    """A headline's main verb in the to-infinitive with a subject: "Mexico to Extradite"."""
    if verb.idx >= verb.doc.user_data.get(HEADLINE_END, 0):
        return False
    children = list(verb.children)
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in children) and any(
        c.dep_ == "nsubj" for c in children
    )


def _reported(token: Token) -> bool:
    current = token
    for _ in range(4):
        if current.dep_ == "ccomp":
            return True
        if current.dep_ not in {"conj", "xcomp"} or current.head is current:
            return False
        current = current.head
    return False


def _obliged(token: Token) -> bool:
    """Whether a reported clause says what someone must do: 'Iran must halt', 'should', 'the
    US must be ready to mediate'."""
    if token.dep_ in {"acomp", "attr"} and token.head.lemma_ == "be":
        token = token.head
    for child in token.children:
        if child.dep_ == "aux" and child.lower_ in OBLIGATION_AUX:
            return True
    if token.lemma_ in {"have", "need"}:
        return any(c.dep_ == "xcomp" for c in token.children)
    return False


def _two_names(actor: Actor, target: Actor) -> bool:
    """Whether two actors with one code are two named groups, not one actor twice."""
    named = actor.resolution == "name" and target.resolution == "name"
    return named and actor.text.lower() != target.text.lower()


def _plural(token: Token) -> bool:
    return token.tag_ in {"NNS", "NNPS"}


def _plural_phrase(actor: Actor, trigger: Token) -> bool:
    """Whether an actor's phrase ends in a plural noun ("rival gangs", "Colombian Gangs")."""
    span = trigger.doc.char_span(actor.start, actor.end, alignment_mode="expand")
    return span is not None and len(span) > 0 and _plural(span[-1])


def _other_party(trigger: Token) -> bool:
    """Whether a clash names another party, coded or not: an object or a with/against
    phrase ("clashed with Kurdish Peshmerga fighters")."""
    return any(
        c.dep_ == "dobj" or (c.dep_ == "prep" and c.lower_ in {"with", "against"})
        for c in trigger.children
    )


def _coordinated(actor: Actor, trigger: Token) -> bool:
    """Whether an actor's phrase joins parties ("Indian and Chinese troops", "Israeli and
    Hezbollah forces"): not one group among itself."""
    span = trigger.doc.char_span(actor.start, actor.end, alignment_mode="expand")
    return span is not None and any(t.dep_ == "cc" for t in span)


def _unplaced(actor: Actor) -> bool:
    """A role actor without a country: "police" (no code) or "gang members" (the role alone)."""
    return bool(actor.role) and actor.country is None and actor.code in {None, actor.role}


def _placed(actor: Actor, country: str) -> Actor:
    """A role actor without a country, given the country where the event happens."""
    if not _unplaced(actor) or actor.role is None:
        return actor
    return Actor(
        actor.text,
        actor.start,
        actor.end,
        country + actor.role,
        country,
        actor.role,
        actor.sponsor,
        "anaphora",
    )


def _as_civilians(actor: Actor) -> Actor:
    if actor.role is not None or not actor.country:
        return actor
    return Actor(
        actor.text,
        actor.start,
        actor.end,
        actor.country + "CVL",
        actor.country,
        "CVL",
        actor.sponsor,
        actor.resolution,
    )


def _actor_kind(actor: Actor) -> str | None:
    """The key an actor has in a pattern's `actor_roles`."""
    if actor.code and actor.code[:3] in {"IGO", "NGO"}:
        return actor.code[:3]
    if actor.role:
        return actor.role
    return "STATE" if actor.country else None


def _governor(noun: Token) -> Token | None:
    """The verb a noun is the object of ("issued a statement": issued)."""
    if noun.dep_ == "dobj":
        return noun.head
    if noun.dep_ == "pobj" and noun.head.dep_ == "prep":
        return noun.head.head
    return None


def _active(verb: Token) -> bool:
    """Whether a verb is in the active voice (no passive auxiliary, not a bare participle)."""
    if any(c.dep_ == "auxpass" for c in verb.children):
        return False
    return verb.tag_ != "VBN" or any(c.dep_ == "aux" for c in verb.children)


def _pobj(prep: Token) -> Token | None:
    return next((c for c in prep.children if c.dep_ == "pobj"), None)


def _direct_object(token: Token, children: list[Token] | None = None) -> Token | None:
    """The direct object, shared with a coordinated verb ('condemned and denounced Israel')."""
    if children is None:
        children = list(token.children)
    obj = next((c for c in children if c.dep_ == "dobj"), None)
    if obj is not None:
        return obj
    for conj in children:
        if (
            conj.dep_ == "conj"
            and conj.pos_ == "VERB"
            and not any(c.dep_ in {"nsubj", "nsubjpass"} for c in conj.children)
        ):
            return next((c for c in conj.children if c.dep_ == "dobj"), None)
    if (
        token.dep_ == "conj"
        and token.head.pos_ == "VERB"
        and not any(c.dep_ in {"nsubj", "nsubjpass"} for c in children)
    ):
        return next((c for c in token.head.children if c.dep_ == "dobj"), None)
    return None


def _prep_object(token: Token, prep: str) -> Token | None:
    for child in token.children:
        if child.dep_ in {"prep", "agent", "dative"} and (
            child.lower_ == prep or child.dep_ == prep
        ):
            for obj in child.children:
                if obj.dep_ == "pobj":
                    return obj
    return None


def _headline_passive(verb: Token) -> Token | None:
    """The subject of a headline's bare past participle, the patient: "Ex-President
    Arrested", "Zetas Linked to Mining" (headlines report acts in the present: "Mexico
    Arrests ...")."""
    if verb.dep_ != "ROOT" or verb.tag_ not in {"VBN", "VBD"}:
        return None
    if verb.idx >= verb.doc.user_data.get(HEADLINE_END, 0):
        return None  # outside a headline a bare past tense is active ("Kenyans protested")
    if any(c.dep_ in {"aux", "auxpass", "dobj"} for c in verb.children):
        return None
    return next((c for c in verb.children if c.dep_ == "nsubj"), None)


def _agent(verb: Token) -> Token | None:
    """The agent of a passive verb: its by-phrase, or one the parser hung on the verb's
    adverbial phrase ("were seized en route by Argentine authorities")."""
    found = _prep_object(verb, "agent") or _prep_object(verb, "by")
    if found is not None:
        return found
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ not in {"by", "of"}:
            for obj in child.children:
                if obj.dep_ == "pobj" and obj.pos_ == "NOUN":
                    inner = _prep_object(obj, "by")
                    if inner is not None:
                        return inner
    return None


def _light_verb(token: Token) -> Token | None:
    """The verb carrying a nominal event as its object (launch, carry out), if a light verb."""
    head = token.head
    if token.dep_ == "pobj" and head.dep_ == "prep":
        head = head.head
        return head if _lemma(head) in PREP_LIGHT_VERBS else None
    if token.dep_ not in {"dobj", "nsubjpass"}:
        return None
    return head if _lemma(head) in LIGHT_VERBS else None


def _constraint_object(
    pattern: Pattern, token: Token, children: list[Token] | None = None
) -> Token | None:
    if children is None:
        children = list(token.children)
    if pattern.prep:
        for prep in _preps(token, children):
            if prep.lower_ in pattern.prep:
                if prep.dep_ in {"prt", "advmod"}:  # "called off a strike": the verb's object
                    obj = _direct_object(token, children) or next(
                        (c for c in children if c.dep_ in {"oprd", "attr"}), None
                    )
                else:
                    obj = next((c for c in prep.children if c.dep_ in {"pobj", "pcomp"}), None)
                if obj is not None:
                    return obj
        return None
    return _direct_object(token, children) or next(
        (c for c in children if c.dep_ in {"nsubjpass", "attr"}), None
    )


def _lemma(token: Token) -> str:
    lemma: str = token.lemma_.lower()
    return LEMMA_FIXES.get(lemma, lemma)


def _measured(obj: Token) -> Token:
    """What a quantity noun measures: "700 kg of medicine" -> medicine."""
    if _lemma(obj) in QUANTITY_NOUNS:
        of = _prep_object(obj, "of")
        if of is not None:
            return of
    return obj


def _object_strength(words: frozenset[str], obj: Token) -> int:
    """How an object meets an `object` constraint: 3 for 'modifier lemma' ("food aid",
    "joint exercise") or 'lemma preposition lemma' ("state of emergency", "ban on
    demonstration"), 2 for the lemma, 1 for '*', -1 when it does not."""
    lemma = _lemma(obj)
    for child in obj.children:
        dep = child.dep_
        if dep in {"compound", "amod", "nmod"}:
            if f"{_lemma(child)} {lemma}" in words:
                return 3
        elif dep == "prep":
            pobj = _pobj(child)
            if pobj is not None and f"{lemma} {child.lower_} {_lemma(pobj)}" in words:
                return 3
    if lemma in words:
        return 2
    return 1 if "*" in words else -1


def _preps(token: Token, children: list[Token] | None = None) -> Iterator[Token]:
    """The trigger's prepositions and particles, and for a verb those attached to its
    object ("accused the president of corruption")."""
    for child in token.children if children is None else children:
        dep = child.dep_
        if dep in {"prep", "prt", "agent", "advmod", "dative"}:
            yield child
        elif dep == "dobj" and token.pos_ == "VERB":
            yield from (c for c in child.children if c.dep_ == "prep")


def _constraint_strength(pattern: Pattern, token: Token, children: list[Token]) -> int:
    """-1 when a constraint fails, else how closely the object matched (0: no object)."""
    if pattern.modifiers and not any(
        c.dep_ in MODIFIER_DEPS and _lemma(c) in pattern.modifiers for c in children
    ):
        return -1
    if pattern.prep and not any(c.lower_ in pattern.prep for c in _preps(token, children)):
        return -1
    strength = 0
    if pattern.object:
        obj = _constraint_object(pattern, token, children)
        if obj is None:
            return -1
        strength = _object_strength(pattern.object, obj)
        if strength < 2 and _lemma(obj) in QUANTITY_NOUNS:
            strength = max(strength, _object_strength(pattern.object, _measured(obj)))
        if strength < 0:
            return -1
    if pattern.xcomp:
        xcomp = next((c for c in children if c.dep_ in {"xcomp", "acl"}), None)
        if xcomp is None and "that" in pattern.xcomp:  # "denied that ...": a that-clause
            xcomp = next((c for c in children if c.dep_ == "ccomp"), None)
            if xcomp is not None:
                return strength
        if xcomp is None or ("*" not in pattern.xcomp and _lemma(xcomp) not in pattern.xcomp):
            return -1
    return strength


def _constraints_hold(pattern: Pattern, token: Token) -> bool:
    return _constraint_strength(pattern, token, list(token.children)) >= 0


def _confidence(pattern: Pattern, actor: Actor, target: Actor | None, coded: _Coded) -> float:
    score = pattern.confidence
    if actor.resolution in ANAPHORIC or (target is not None and target.resolution in ANAPHORIC):
        score *= 0.85
    if actor.code is None:
        score *= 0.7
    if coded.code != pattern.code:
        score *= 0.9
    return round(score, 3)


def _dedupe(candidates: Iterator[EventCandidate]) -> list[EventCandidate]:
    """One event per (actor, target, code) within a sentence; the first mention wins. An event
    without target is dropped when the same actor's same act has one ("fired tear gas to
    disperse the protesters")."""
    seen: set[tuple[str | None, str | None, str]] = set()
    out: list[EventCandidate] = []
    for cand in candidates:
        actor = cand.actor.code or cand.actor.text if cand.actor else None
        target = cand.target.code or cand.target.text if cand.target else None
        key = (actor, target, cand.cameo_code)
        if key not in seen:
            seen.add(key)
            out.append(cand)
    targeted = {(actor, code) for actor, target, code in seen if target is not None}
    return [
        c
        for c in out
        if c.target is not None
        or ((c.actor.code or c.actor.text) if c.actor else None, c.cameo_code) not in targeted
    ]
