"""Template training sentences made from TABARI/PETRARCH verb dictionaries."""

from __future__ import annotations

import random
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from eventcoder.coders.labels import generic_code
from eventcoder.coders.petrarch.loading import load_dictionaries
from eventcoder.errors import TrainError
from eventcoder.taxonomy import load_cameo_table, load_countries
from eventcoder.train.records import Labelled, Span, normal_text

PATTERN_SKIP = frozenset({"^", "%", "(", ")", "{", "}", "*"})
_TAILS: tuple[str, ...] = (
    "",
    " on Monday",
    " on Tuesday",
    " on Wednesday",
    " on Thursday",
    " on Friday",
    " last week",
    ", officials said",
    ", officials said on Sunday",
    ", the ministry said",
    ", state media reported",
    ", according to a statement",
    ", a spokesman said on Saturday",
)
_ACTOR_ROLES: tuple[str, ...] = (
    "government",
    "foreign minister",
    "president",
    "prime minister",
    "army",
    "police",
    "parliament",
    "opposition",
    "rebels",
    "military",
    "defence minister",
    "ambassador",
)


def dictionary_sentences(paths: Sequence[Path], seed: int) -> tuple[list[Labelled], dict[str, Any]]:
    """Template sentences from TABARI/PETRARCH verb dictionaries, labelled with their codes,
    and a record of the files.

    Each verb with an event code gives "SOURCE VERBED TARGET[, tail]."; each verb pattern
    gives one sentence with a verb of its block and the pattern's words (synsets replaced by
    a member, `$`/`+` by the source/target). Sources and targets are countries, roles of a
    country and organisations from the packaged lexicon; spans mark them and the verb.
    Nothing is held back: templates are not what the model is scored on.
    """
    dictionaries = load_dictionaries(list(paths))
    if not dictionaries.verbs:
        raise TrainError(
            f"{', '.join(map(str, paths))}: no verbs read; verb templates need a TABARI/PETRARCH "
            "verb dictionary (such as CAMEO.2.0.txt)"
        )
    rng = random.Random(seed)
    actors = _template_actors()
    by_family: dict[str, list[Any]] = {}
    for verb in dictionaries.verbs:
        by_family.setdefault(verb.family, []).append(verb)
    out: list[Labelled] = []
    seen: set[str] = set()

    def add(code: str | None, pre: Sequence[str], verb: Any, post: Sequence[str]) -> None:
        label = _event_code(code)
        if label is None:
            return
        made = _template(rng, actors, dictionaries, pre, verb, post)
        if made is None or normal_text(made[0]) in seen:
            return
        seen.add(normal_text(made[0]))
        key = f"dictionary:{len(out)}"
        out.append(Labelled(key, made[0], (label,), made[1], "dictionary", False))

    for verb in dictionaries.verbs:
        family = dictionaries.families.get(verb.family)
        add(verb.code or (family.code if family else None), (), verb, ())
    for pattern in dictionaries.patterns:
        members = by_family.get(pattern.verb)
        if members:
            add(pattern.code, pattern.pre, _pattern_verb(pattern, members, rng), pattern.post)
    record = {
        "files": [{"path": f.path, "sha256": f.sha256} for f in dictionaries.files],
        "sentences": len(out),
        "seed": seed,
    }
    return out, record


def _pattern_verb(pattern: Any, members: Sequence[Any], rng: random.Random) -> Any:
    """The verb a pattern was written for (named first in its comment) when it is one of
    its block's, else one of them at random."""
    named = next(iter(pattern.comment.lower().split()), "").replace("_", " ")
    return next((v for v in members if v.verb == named), None) or rng.choice(list(members))


def _event_code(code: str | None) -> str | None:
    """The CAMEO 1.1b3 code a dictionary code gives as a label: the first of a paired code
    (`042:043`), its root's generic code where CAMEO lacks it; None for `---` and the like."""
    if not code:
        return None
    first = code.split(":")[0].strip()
    cameo = load_cameo_table()
    for candidate in (first, generic_code(first)):
        if candidate and candidate.isdigit() and candidate in cameo:
            return candidate
    return None


def _template_actors() -> tuple[str, ...]:
    """Actor phrases for templates: country names, roles of countries, organisations."""
    countries = [c.name for c in load_countries() if c.sovereign and c.name.isascii()]
    roles = [f"{name}'s {role}" for name in countries[::7] for role in _ACTOR_ROLES]
    roles += [f"the {role} of {name}" for name in countries[3::11] for role in _ACTOR_ROLES]
    organisations = ("the United Nations", "NATO", "the European Union", "the African Union")
    return tuple(countries + roles + list(organisations))


def _template(
    rng: random.Random,
    actors: Sequence[str],
    dictionaries: Any,
    pre: Sequence[str],
    verb: Any,
    post: Sequence[str],
) -> tuple[str, tuple[Span, ...]] | None:
    """A sentence and its spans for a verb and a pattern's words before and after it."""
    source, target = rng.sample(list(actors), 2)
    forms = [f for f in verb.forms if not f.endswith("ing")] or [verb.verb]
    past = [f for f in forms if f.endswith("ed")]
    trigger = rng.choice(past or forms)
    pieces: list[tuple[str, str]] = [] if "$" in pre else [(source, "ACTOR")]
    before = _pattern_words(rng, dictionaries, pre, source, target)
    if before is None:
        return None
    pieces += before + [(trigger, "TRIGGER")]
    if "+" not in (*pre, *post) and not post:
        pieces.append((target, "TARGET"))
    after = _pattern_words(rng, dictionaries, post, source, target)
    if after is None:
        return None
    pieces += after
    text = ""
    spans: list[Span] = []
    for words, label in pieces:
        text += " " if text else ""
        if label:
            spans.append((len(text), len(text) + len(words), label))
        text += words
    text = text[0].upper() + text[1:] + rng.choice(_TAILS) + "."
    return text, tuple(sorted(spans))


def _pattern_words(
    rng: random.Random, dictionaries: Any, part: Sequence[str], source: str, target: str
) -> list[tuple[str, str]] | None:
    """A pattern part's words with their span labels: `$`/`+` the source/target, a synset one
    of its members; None when a synset has none."""
    out: list[tuple[str, str]] = []
    for element in part:
        if element == "$":
            out.append((source, "ACTOR"))
        elif element == "+":
            out.append((target, "TARGET"))
        elif element.startswith("&"):
            members = sorted(dictionaries.expand_synset(element, plurals=False))
            if not members:
                return None
            out.append((" ".join(rng.choice(members)), ""))
        elif element not in PATTERN_SKIP:
            out.append((element, ""))
    return out
