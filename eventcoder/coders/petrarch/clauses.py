"""A dictionary verb in its sentence: its clause, default source and target, clause rules."""

from __future__ import annotations

from dataclasses import dataclass, replace

from eventcoder.coders.petrarch.mentions import SUBJECT_DEPS, Member, _SentenceActors
from eventcoder.coders.petrarch.phrases import Token, Word
from eventcoder.coders.petrarch.records import VerbEntry

SAY_ROOTS = frozenset({"01", "02"})
NEGATIONS = frozenset({"not", "n't", "never", "’t"})
RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom"})
# Clauses whose missing (or pronoun) subject is the governing clause's subject.
INHERIT_DEPS = frozenset({"xcomp", "conj", "acomp", "ccomp", "pcomp", "prep", "aux", "auxpass"})
# Complements whose events are what the governing verb is about ("urged X to stop").
COMPLEMENT_DEPS = frozenset({"xcomp", "ccomp", "pcomp", "acomp"})
NOT_VERB_DEPS = frozenset({"amod", "compound", "prep", "case", "mark", "det"})
MISREAD_DEPS = frozenset({"advmod", "npadvmod", "dep", "nmod", "amod"})
CLAUSE_POS = frozenset({"VERB", "AUX", "ADP", "SCONJ", "ADJ", "PART"})
# CAMEO's intentions (03x) by the root of what is intended ("pledged to send aid": 033).
INTENT_CODES = {"04": "036", "05": "032", "06": "031", "07": "033", "08": "035", "03": None}
# Roots of verbs that, given a to-infinitive, state an intention ("agreed to ...": 03x).
INTENT_ROOTS = frozenset({"03", "05"})
# Roots of verbs that, given a to-infinitive, are what the sentence reports on its roles
# ("refused to meet X" a rejection of X, "threatened to expel X" a threat to X).
GOVERNING_ROOTS = frozenset({"12", "13"})
# Verbs of refusal, and the refusal (CAMEO 12x) of what their to-infinitive says by its root.
REFUSALS = frozenset({"refuse", "decline", "reject"})
REFUSAL_CODES = {"04": "125", "06": "121", "07": "122", "08": "124"}
# Adjectives of willingness: "willing to withdraw" is an intention (035).
WILLING = frozenset({"willing", "ready", "prepared"})
FUTURE_AUX = frozenset({"will", "would", "shall", "'ll", "to"})


@dataclass(frozen=True, slots=True)
class _Verb:
    """A dictionary verb found in a sentence: its words, token and dictionary entries."""

    start: int  # word index of the verb phrase
    end: int
    token: Token
    entries: tuple[VerbEntry, ...]


@dataclass(frozen=True, slots=True)
class _Coded:
    """An event found for a verb before the clause rules decide whether it stands."""

    verb: _Verb
    code: str
    rule_id: str
    confidence: float
    pairs: tuple[tuple[Member, Member | None], ...]


# --------------------------------------------------------------------------------------------
# Helpers: verbs and roles


def _verb_like(token: Token) -> bool:
    """Whether the parser reads a token as the head of a verb phrase: not a modal, not a
    modifier, not a preposition ("according to")."""
    if token.tag_ == "MD" or token.dep_ in NOT_VERB_DEPS:
        return False
    return bool(token.tag_.startswith("VB")) or token.pos_ == "VERB"


def _subordinate(child: Token) -> bool:
    """Whether a verb's dependent is a clause of its own that its patterns and target do not
    reach: one introduced by a conjunction ("after crowds burned ...", "while ...") or a
    parenthetical; an infinitive of purpose ("to supply Gondor") is reached."""
    if child.dep_ == "parataxis":
        return True
    return child.dep_ == "advcl" and any(c.dep_ == "mark" for c in child.children)


def _negated(token: Token) -> bool:
    return any(c.dep_ == "neg" or c.lower_ in NEGATIONS for c in token.children)


def _subtree_end(token: Token, words: list[Word]) -> int:
    """The word index where the words after a verb stop counting for its patterns: the end
    of its subtree, or the first adverbial clause or coordinated verb after it."""
    last = token.right_edge.i
    for child in token.rights:
        if _subordinate(child) or (child.dep_ == "conj" and child.pos_ in {"VERB", "AUX"}):
            last = min(last, child.left_edge.i - 1)
            for sibling in token.rights:  # the "and" / "," before a coordinated verb
                if sibling.dep_ in {"cc", "punct"} and sibling.i < child.i:
                    last = min(last, max(token.i, sibling.i - 1))
    end = 0
    for k, word in enumerate(words):
        if word.token <= last:
            end = k + 1
    return end


def _subjects(token: Token) -> list[Token]:
    """A verb's subjects, also those the parser hangs on its auxiliary ("X was heavily and
    unjustly criticized"), else a name compounded to it ("Ethiopia act on ...")."""
    found = [c for c in token.children if c.dep_ in SUBJECT_DEPS]
    for aux in token.children:
        if aux.dep_ in {"aux", "auxpass"}:
            found.extend(c for c in aux.children if c.dep_ in SUBJECT_DEPS)
    if not found:
        found = [c for c in token.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"]
    if not found and token.dep_ == "ROOT":
        # a name the parser misread as a modifier ("USAID provided ..." read as an adverb)
        found = [c for c in token.lefts if c.dep_ in MISREAD_DEPS and c.text[:1].isupper()]
    return found


def _passive(token: Token) -> bool:
    return any(c.dep_ in {"auxpass", "nsubjpass"} for c in token.children)


def _agent_phrase(token: Token) -> Token | None:
    for child in token.children:
        if child.dep_ == "agent":
            return child
    return None


def _first_phrase(
    tokens: set[int],
    actors: _SentenceActors,
    words: list[Word],
    skip: set[int],
    after: int = -1,
) -> int | None:
    """The first mention whose first word's token is in ``tokens`` (after word ``after``)."""
    for k, mention in enumerate(actors.mentions):
        if k in skip or mention.start <= after:
            continue
        if words[mention.start].token in tokens:
            return k
    return None


def _phrase_members(actors: _SentenceActors, mention: int) -> tuple[Member, ...]:
    return actors.phrases[actors.phrase_of[mention]]


def _default_source(
    verb: _Verb,
    actors: _SentenceActors,
    used: set[int | None],
    words: list[Word],
) -> tuple[Member, ...]:
    """The actors of the verb's subject: the ``by`` phrase of a passive, else the subject,
    else (no subject, a pronoun, or one a pattern took) the governing clause's subject."""
    token = verb.token
    skip = {m for m in used if m is not None}
    skip_phrases = {actors.phrase_of[m] for m in skip}
    if _passive(token):
        agent = _agent_phrase(token)
        if agent is not None:
            found = _first_phrase({t.i for t in agent.subtree}, actors, words, skip)
            if found is not None and actors.phrase_of[found] not in skip_phrases:
                return _phrase_members(actors, found)
    current = token
    for _ in range(8):
        subjects = _subjects(current)
        members: list[Member] = []
        for subject in subjects:
            if subject.lower_ in RELATIVE_PRONOUNS and current.dep_ == "relcl":
                noun = current.head
                tokens = {t.i for t in noun.subtree if t.i < current.i}
            else:
                tokens = {t.i for t in subject.subtree}
            found = _first_phrase(tokens, actors, words, skip)
            if found is not None and actors.phrase_of[found] not in skip_phrases:
                members.extend(m for m in _phrase_members(actors, found) if m not in members)
        if members:
            return tuple(members)
        if subjects and current is token and not skip and any(s.pos_ != "PRON" for s in subjects):
            return ()  # a subject that names no actor: nothing to inherit
        if current.dep_ in {"acl", "relcl"} and current.head.pos_ in {"NOUN", "PROPN"}:
            noun = current.head
            found = _first_phrase(
                {t.i for t in noun.subtree if t.i < current.i}, actors, words, skip
            )
            return () if found is None else _phrase_members(actors, found)
        if current.dep_ not in INHERIT_DEPS or current.head.i == current.i:
            return ()
        current = current.head
    return ()


def _default_target(
    verb: _Verb,
    actors: _SentenceActors,
    words: list[Word],
    sources: tuple[Member, ...],
    taken: set[int],
) -> tuple[Member, ...]:
    """The first actor phrase after the verb in its clause (not in a coordinated verb's)."""
    token = verb.token
    excluded: set[int] = set()
    for child in token.children:
        if (
            child.dep_ in SUBJECT_DEPS
            or _subordinate(child)
            or (child.dep_ == "conj" and child.pos_ in {"VERB", "AUX"})
        ):
            excluded.update(t.i for t in child.subtree)
    if _passive(token):
        agent = _agent_phrase(token)
        if agent is not None:
            excluded.update(t.i for t in agent.subtree)
    tokens = {t.i for t in token.subtree} - excluded
    source_words = {(m.start, m.end) for m in sources}
    skip = set(taken)
    for k, mention in enumerate(actors.mentions):
        if (mention.start, mention.end) in source_words:
            skip.add(k)
    if _passive(token) and _agent_phrase(token) is not None:
        subjects = {t.i for s in _subjects(token) for t in s.subtree}
        found = _first_phrase(subjects, actors, words, skip)
        if found is not None:
            return _phrase_members(actors, found)
    found = _first_phrase(tokens, actors, words, skip, after=verb.end - 1)
    if found is None:
        return ()
    members = _phrase_members(actors, found)
    return tuple(m for m in members if (m.start, m.end) not in source_words)


def _intentions(coded: list[_Coded], defaults: dict[int, str]) -> list[_Coded]:
    """CAMEO's intentions and refusals, and meetings.

    A to-infinitive that completes a noun ("the decision to recognise X", "an offer to
    mediate") is no event. A verb of intent or agreement (coded 03 or 05 by default:
    "pledged", "agreed") or an adjective of willingness ("willing", "ready") with a
    to-infinitive states an intention to do what the infinitive says ("agreed to send aid"
    033, "agreed to hold talks" 036, else 030), coded on the infinitive's roles where it has
    them; a refusal ("refused to meet X" 125) and a threat or rejection coded without roles
    of its own ("threatened to expel X") are coded on the infinitive's roles; a cooperative
    act in the future ("will send aid", "said it would free them") is the intention to do
    it, and a refusal when negated ("will not end the strike" 124); a meeting coded as an
    intention (036) by a pattern is a meeting (the verb's own code) unless it lies ahead
    ("will meet").
    """
    by_token = {c.verb.token.i: c for c in coded}
    out: list[_Coded] = []
    taken: set[int] = set()
    for item in coded:
        token = item.verb.token
        default = defaults.get(token.i, "")
        if token.dep_ == "acl" and _infinitive(token) and token.head.pos_ == "NOUN":
            continue  # "the decision to recognise X", "an offer to mediate": no act yet
        if item.code.startswith("036") and default[:2] == "04" and not _ahead(token):
            forward, colon, backward = item.code.partition(":")
            item = replace(item, code=default + (colon + default if backward else ""))
        if token.dep_ == "xcomp" and _infinitive(token):
            code = _governed_code(item.code, token.head, defaults, by_token)
            if code is not None:
                out.append(replace(item, code=code))
                taken.add(token.head.i)
                continue
        elif item.code[:2] in INTENT_CODES and (ahead := _future(token, default)) is not None:
            if _negated(ahead):  # "will not end the strike": a refusal
                item = replace(item, code=REFUSAL_CODES.get(item.code[:2], "120"))
            else:
                item = replace(item, code=INTENT_CODES[item.code[:2]] or item.code)
        out.append(item)
    result = []
    for item in out:
        token = item.verb.token
        if token.i in taken:
            continue
        if item.confidence < 0.8 and item.code[:2] in INTENT_ROOTS:
            infinitives = [c for c in token.children if c.dep_ == "xcomp" and _infinitive(c)]
            if infinitives and defaults.get(token.i, "")[:2] == "05":
                item = replace(item, code="030")
        result.append(item)
    return result


def _governed_code(
    lower: str, upper: Token, defaults: dict[int, str], by_token: dict[int, _Coded]
) -> str | None:
    """The code of an event in a to-infinitive under ``upper`` when ``upper`` says what it is
    (an intention, a refusal, a threat), else None (the clause rules decide)."""
    upper_coded = by_token.get(upper.i)
    if upper.lemma_ in REFUSALS and (upper_coded is None or upper_coded.confidence < 0.8):
        return REFUSAL_CODES.get(lower[:2], "120")
    if upper.pos_ == "ADJ" and upper.lemma_ in WILLING:
        return _intent_code("030", lower)
    if upper.i not in defaults:
        return None
    if defaults[upper.i][:2] in GOVERNING_ROOTS and upper_coded is None:
        return defaults[upper.i]
    return _intent_code(defaults[upper.i], lower)


def _intent_code(upper: str, lower: str) -> str | None:
    """The intention an intent verb coded ``upper`` gives to an event coded ``lower``."""
    if upper[:2] not in INTENT_ROOTS:
        return None
    root = lower[:2]
    if root not in INTENT_CODES:
        return None
    return INTENT_CODES[root] or lower


def _infinitive(token: Token) -> bool:
    return any(c.tag_ == "TO" for c in token.children)


def _future(token: Token, default: str = "") -> Token | None:
    """The verb in the future: the token ("will send", "would withdraw"), or the clause a
    statement verb (``default`` root 01) reports ("said it would free ..."); else None."""
    if any(c.dep_ == "aux" and c.lower_ in FUTURE_AUX - {"to"} for c in token.children):
        return token
    if default[:2] != "01":
        return None
    return next((c for c in token.children if c.dep_ == "ccomp" and _future(c) is not None), None)


def _ahead(token: Token) -> bool:
    """Whether a verb speaks of what lies ahead: "will meet", "to meet", "plans to meet"."""
    return any(c.lower_ in FUTURE_AUX for c in token.children if c.dep_ in {"aux", "mark"}) or (
        token.dep_ == "xcomp" and _infinitive(token)
    )


def _clause_rules(coded: list[_Coded]) -> list[_Coded]:
    """Events that stand: a statement whose clause holds another event gives way to it; an
    event in another event verb's complement gives way to that verb's."""
    by_token = {c.verb.token.i: c for c in coded}
    dropped: set[int] = set()
    for item in coded:
        upper = _governing_event(item.verb.token, by_token)
        if upper is None:
            continue
        upper_item, via = upper
        if upper_item.code[:2] in SAY_ROOTS:
            dropped.add(upper_item.verb.token.i)
        elif via in COMPLEMENT_DEPS:
            dropped.add(item.verb.token.i)
    return [c for c in coded if c.verb.token.i not in dropped]


def _governing_event(token: Token, by_token: dict[int, _Coded]) -> tuple[_Coded, str] | None:
    """The nearest coded verb above a verb through clauses (not through a noun or a
    coordination), and the dependency the path leaves the lower verb by."""
    current = token
    first_dep = token.dep_
    while current.head.i != current.i:
        if current.dep_ == "conj" and current is token:
            return None
        parent = current.head
        if parent.pos_ not in CLAUSE_POS:
            return None
        if parent.i in by_token:
            return by_token[parent.i], first_dep
        current = parent
    return None
