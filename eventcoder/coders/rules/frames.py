"""Frames that change a trigger's code: complements, negation, future, speech, allegations."""

from __future__ import annotations

from dataclasses import dataclass, field

from eventcoder.actors.lexicon import CRIME_WORDS
from eventcoder.actors.mentions import children_of
from eventcoder.coders.rules.syntax import (
    Token,
    direct_object,
    lemma_of,
    light_verb,
    pobj_of,
)
from eventcoder.coders.rules.triggers import Matcher, constraint_object
from eventcoder.nlp import HEADLINE_END
from eventcoder.patterns import CONFLICT_ROOTS, Pattern, frame_code, future_code, negated_code

FUTURE_AUX = frozenset({"will", "shall", "'ll", "may", "might"})
REPORTED_FUTURE_AUX = frozenset({"would", "could", "'d"})
OBLIGATION_AUX = frozenset({"must", "should", "ought"})
NEGATORS = frozenset({"not", "n't", "never", "no"})
# Prepositions that introduce a frame's complement: "called for talks", "agreed to/on a
# ceasefire", "threatened with sanctions", "insisted on its demands", "opposed to mediation".
COMPLEMENT_PREPS = frozenset({"for", "to", "on", "with", "of", "upon", "against", "in"})
ALLEGING_FRAMES = frozenset({"speech", "attribution"})
# Speech verbs that state something only with a clause: "maintained that ..." is a
# statement, "maintained its power" is not.
ASSERTING = frozenset({"maintain", "note", "stress", "underline", "emphasize", "emphasise"})
# A reported clause with one of these words charges its subject with a crime (1121).
ALLEGATION_CODE = "1121"
DENIALS = NEGATORS | {"nothing", "none", "neither", "nor", "innocent", "deny"}
# Frames whose complement may be a finite clause: "demanded that China drop barriers".
CLAUSE_FRAMES = frozenset({"demand", "appeal", "speech", "intent", "threaten"})
MAX_FRAME_DEPTH = 3
# Protests (141-145) and their sub-code by aim: leadership change (1), policy change (2),
# rights (3), institutions or regime (4), from the accession (083x) the protest demands.
PROTEST_CODES = frozenset({"141", "142", "143", "144", "145"})
PROTEST_AIMS = {"0831": "1", "0832": "2", "0833": "3", "0834": "4", "083": "4"}
AIM_PREPS = frozenset({"for", "against", "over"})
# Objects that make an appeal or statement verb no event: "an official who requested anonymity".
NOT_ACTS = frozenset({"anonymity", "confidentiality"})
# The generic code of each frame, which a coded complement refines.
GENERIC_FRAME_CODES = frozenset({"010", "020", "030", "100", "120", "130"})


@dataclass(frozen=True)
class Coded:
    """What a trigger codes as, once frames, negation and future tense are applied."""

    code: str
    complement: Token | None  # the act a frame governs, if any


NO_CODE = Coded("", None)


@dataclass
class Scan:
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


# Denying responsibility (CAMEO 016): the act denied is no event of the sentence.
DENIAL_CODE = "016"


class FrameCoder:
    """Codes matched triggers: frames from their complements, negation, future tense."""

    def __init__(self, matcher: Matcher) -> None:
        self.matcher = matcher

    def coded(
        self,
        token: Token,
        pattern: Pattern,
        cache: dict[int, Pattern | None],
        scan: Scan,
        depth: int,
    ) -> Coded | None:
        """The code a matched trigger gives (None: no event), marking complements consumed.

        A frame's code comes from its complement (see eventcoder.patterns.frame_code); a
        negated trigger gives its pattern's negated_code (a negated intent frame, the
        rejection of its complement: "did not agree to hold talks" 125); a verb in the future
        ("will allow", "would impose") states an intent (03) or a threat (13)."""
        verb = token if pattern.pos != "noun" else light_verb(token)
        negated = _negated(token) or (verb is not None and verb.i != token.i and _negated(verb))
        if pattern.object and pattern.pos != "noun":
            # "imposed sanctions", "lifted the curfew": the object is the act, not another event,
            # and what it says is not either ("defied orders to demobilize")
            obj = constraint_object(pattern, token)
            if obj is not None:
                scan.consumed.add(obj.i)
                scan.roots.append(obj)
        if pattern.code == DENIAL_CODE and pattern.pos != "noun" and not negated:
            # "denied sending weapons", "denied that its troops crossed": what is denied is not
            # reported as done
            for child in children_of(token):
                if child.dep_ in {"xcomp", "ccomp"}:
                    scan.consumed.add(child.i)
        if pattern.frame is None or depth >= MAX_FRAME_DEPTH:
            if negated:
                refused = negated_code(pattern)
                return Coded(refused, None) if refused else None
            if not pattern.standalone and depth == 0:
                return None
            code = pattern.code
            if verb is not None and _future(verb):
                code = future_code(code)
            return Coded(code, None)
        if pattern.frame == "attribution":  # "according to X, the FARC earns billions ..."
            clause = token.head if token.dep_ in {"prep", "advcl"} else None
            if (
                clause is not None
                and clause.pos_ in {"VERB", "AUX"}
                and self._allegation(clause, cache)
            ):
                return Coded(ALLEGATION_CODE, clause)
            return None  # an attribution alone is the source of what is said, not an event
        complement = self.complement(pattern, token, cache)
        comp_pattern = self.matcher.match(complement, cache) if complement is not None else None
        if complement is not None and lemma_of(complement) in NOT_ACTS:
            return None  # "requested anonymity"
        if pattern.frame == "speech":
            if negated:
                return None
            if complement is None and lemma_of(token) in ASSERTING and direct_object(token):
                return None  # "maintain power", "noted the increase": no statement made
            if complement is not None and self._allegation(complement, cache):
                return Coded(ALLEGATION_CODE, complement)  # "said the Zetas run the mines"
            if complement is None or not _obliged(complement):
                return Coded(pattern.code, None)  # the reported clause is coded on its own
        inner: Coded | None = None
        if complement is not None:
            scan.consumed.add(complement.i)
            scan.complements.add(complement.i)
            scan.roots.append(complement)
            if comp_pattern is not None:
                inner = self.coded(complement, comp_pattern, cache, scan, depth + 1)
        return _frame_result(pattern, token, complement, comp_pattern, inner, negated)

    def _allegation(self, clause: Token, cache: dict[int, Pattern | None]) -> bool:
        """Whether a reported clause charges its subject with a crime and codes no event of
        its own: "said the FARC makes billions from the drug trade" (an accusation, 1121)."""
        if clause.pos_ not in {"VERB", "AUX"} or not any(
            c.dep_ in {"nsubj", "nsubjpass"} for c in children_of(clause)
        ):
            return False
        words = list(clause.subtree)
        if any(t.lower_ in DENIALS for t in words):
            return False  # "said they had nothing to do with drug trafficking" denies
        for t in words:  # a clause that codes an act of its own is coded as that act
            found = self.matcher.match(t, cache) if t.pos_ == "VERB" else None
            if found is not None and found.frame not in ALLEGING_FRAMES:
                return False
        return any(lemma_of(t) in CRIME_WORDS for t in words)

    def protest_purpose(
        self, token: Token, coded: Coded, cache: dict[int, Pattern | None]
    ) -> Coded:
        """A protest with a stated aim: "demonstrated demanding the president's resignation"
        (1411), "struck against the new tax law" (1432), "for more rights" (1443 ...): the aim
        is an accession (083x) named in the protest's clause."""
        verb = light_verb(token) if token.pos_ == "NOUN" else None
        scope: list[Token] = []
        for head in (token, verb):
            for child in children_of(head) if head is not None else ():
                if (child.dep_ == "prep" and child.lower_ in AIM_PREPS) or child.dep_ in {
                    "acl",
                    "advcl",
                    "xcomp",
                }:
                    scope.extend(child.subtree)
        for tok in scope:
            if tok.i == token.i or tok.pos_ not in {"NOUN", "VERB"}:
                continue
            found = self.matcher.match(tok, cache)
            if found is not None and found.code[:3] == "083":
                aim = PROTEST_AIMS.get(found.code, "4")
                return Coded(coded.code + aim, coded.complement)
        return coded

    def complement(
        self, pattern: Pattern, token: Token, cache: dict[int, Pattern | None]
    ) -> Token | None:
        """The act a frame trigger governs: a to-infinitive or that-clause, the object of a
        complement preposition, or a direct object naming an act."""
        frame = pattern.frame
        clause = None
        options: list[Token] = []
        for child in children_of(token):
            dep = child.dep_
            if dep == "xcomp" or (dep == "acl" and pattern.pos == "noun"):
                if frame != "speech" and clause is None:
                    clause = child
            elif dep == "ccomp" and frame in CLAUSE_FRAMES and clause is None:
                clause = child
            elif dep in {"prep", "dative"} and child.lower_ in COMPLEMENT_PREPS:
                options.extend(c for c in children_of(child) if c.dep_ in {"pobj", "pcomp"})
            elif dep in {"dobj", "attr", "nsubjpass"}:
                options.append(child)
        if clause is not None and clause.lemma_ == "be":  # "must be ready to mediate"
            clause = (
                next((c for c in children_of(clause) if c.dep_ in {"acomp", "attr"}), None)
                or clause
            )
        if frame == "speech":
            return clause
        if clause is not None and self.matcher.match(clause, cache) is not None:
            return clause
        if clause is not None:  # "threatened to resume attacks": the light verb's object
            for child in children_of(clause):
                noun = pobj_of(child) if child.dep_ == "prep" else child
                if child.dep_ not in {"dobj", "prep"} or noun is None:
                    continue
                if self.matcher.match(noun, cache) is not None:
                    return noun
        for option in options:
            if self.matcher.match(option, cache) is not None:
                return option
        return clause


def _frame_result(
    pattern: Pattern,
    token: Token,
    complement: Token | None,
    comp_pattern: Pattern | None,
    inner: Coded | None,
    negated: bool,
) -> Coded | None:
    """The code of a frame trigger, given what its complement codes as."""
    frame = pattern.frame or ""
    inner_code = inner.code if inner is not None else None
    if frame == "speech":  # an obliged reported clause: "said Iran must halt" is a demand
        return Coded(frame_code("demand", inner_code) or "100", complement)
    if frame == "negate":  # "failed to reach a deal": the complement, negated
        refused = negated_code(comp_pattern) if comp_pattern is not None else None
        return Coded(refused, complement) if refused else None
    if negated:
        if frame == "intent":
            code = frame_code("reject", inner_code) or pattern.negated_code
            return Coded(code, complement) if code else None
        return Coded(pattern.negated_code, complement) if pattern.negated_code else None
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
    return Coded(mapped, complement)


def _negated(token: Token) -> bool:
    """'did not agree', 'never met', 'will no longer tolerate', 'pleaded not guilty'."""
    for child in children_of(token):
        if child.dep_ == "neg" or (child.dep_ == "advmod" and child.lower_ in NEGATORS):
            return True
        if child.dep_ in {"acomp", "oprd"} and any(c.dep_ == "neg" for c in children_of(child)):
            return True
        if (
            child.dep_ == "advmod"
            and child.lower_ == "longer"
            and any(c.lower_ == "no" for c in children_of(child))
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
    for child in children_of(token):
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
    children = list(children_of(verb))
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in children) and any(
        c.dep_ == "nsubj" for c in children
    )


def _reported(token: Token) -> bool:
    current = token
    for _ in range(4):
        if current.dep_ == "ccomp":
            return True
        if current.dep_ not in {"conj", "xcomp"} or current.head.i == current.i:
            return False
        current = current.head
    return False


def _obliged(token: Token) -> bool:
    """Whether a reported clause says what someone must do: 'Iran must halt', 'should', 'the
    US must be ready to mediate'."""
    if token.dep_ in {"acomp", "attr"} and token.head.lemma_ == "be":
        token = token.head
    for child in children_of(token):
        if child.dep_ == "aux" and child.lower_ in OBLIGATION_AUX:
            return True
    if token.lemma_ in {"have", "need"}:
        return any(c.dep_ == "xcomp" for c in children_of(token))
    return False
