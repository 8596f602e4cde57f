"""Readers for actor, agent and discard dictionaries."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from eventcoder.coders.petrarch.dictionaries import Dictionaries
from eventcoder.coders.petrarch.records import ActorEntry, AgentEntry, DatedCode, Discard, Phrase
from eventcoder.coders.petrarch.text import (
    _BRACKETS,
    _Lines,
    _name,
    _parse_date,
    _phrase,
    _plural_phrase,
)

_ACTOR_CODE = re.compile(
    r"(?P<code>[^\s<>]+)(?:\s*(?P<op>[<>])\s*(?P<date>\d+)|\s+(?P<start>\d+)\s*-\s*(?P<end>\d+))?"
)
_DATE_LIKE = re.compile(r"\d{6}")
_AGENT_LINE = re.compile(
    r"(?P<noun>[^\[\]{}]+?)\s*(?:\{(?P<plurals>[^{}\[\]]*)\})?\s*\[\s*(?P<code>[^\[\]]*?)\s*\]"
)
_SUBST_LINE = re.compile(r"!(?P<name>[A-Za-z0-9_]+)!\s*=\s*(?P<members>.*)")
_SUBST_REF = re.compile(r"!([A-Za-z0-9_]+)!")


# --------------------------------------------------------------------------------------------
# Actors


@dataclass
class _PendingActor:
    name: Phrase
    line: int
    codes: list[DatedCode] = field(default_factory=list)
    synonyms: list[Phrase] = field(default_factory=list)


def _read_actors(lines: _Lines, into: Dictionaries) -> int:
    before = len(into.actors)
    pending: _PendingActor | None = None
    for lineno, content, _comment in lines:
        text = content.strip()
        if text.startswith("["):
            if pending is None:
                lines.problem(lineno, "actor code line without an actor name above it")
            else:
                pending.codes.extend(_actor_codes(lines, lineno, text))
            continue
        is_synonym = text.startswith("+")
        name_text, bracket, rest = text.lstrip("+").partition("[")
        named = _name(lines, lineno, name_text, "actor name")
        if named is None:
            continue
        name = named[0]
        codes = _actor_codes(lines, lineno, bracket + rest) if bracket else []
        if is_synonym:
            if pending is None:
                lines.problem(lineno, "'+' synonym without an actor entry above it")
                continue
            pending.synonyms.append(name)
            pending.codes.extend(codes)
            continue
        _finish_actor(lines, pending, into)
        pending = _PendingActor(name, lineno, codes)
    _finish_actor(lines, pending, into)
    return len(into.actors) - before


def _finish_actor(lines: _Lines, pending: _PendingActor | None, into: Dictionaries) -> None:
    if pending is None:
        return
    if not pending.codes:
        lines.problem(
            pending.line,
            f"actor {' '.join(pending.name).upper()} has no [CODE] (if the names below it "
            "share their codes, mark them as '+' synonyms)",
        )
        return
    into.actors.append(
        ActorEntry(
            pending.name, tuple(pending.codes), tuple(pending.synonyms), lines.where(pending.line)
        )
    )


def _actor_codes(lines: _Lines, lineno: int, text: str) -> list[DatedCode]:
    """The ``[CODE ...]`` blocks of ``text``; bad blocks are reported and skipped."""
    leftover = _BRACKETS.sub(" ", text).strip()
    if leftover:
        lines.problem(lineno, f"text {leftover!r} around the actor codes is ignored")
    out: list[DatedCode] = []
    for inner in _BRACKETS.findall(text):
        parsed = _dated_code(inner.strip())
        if isinstance(parsed, str):
            lines.problem(lineno, f"bad actor code [{inner.strip()}]: {parsed}")
            continue
        if parsed.code != parsed.code.upper():
            lines.problem(lineno, f"lower-case actor code [{parsed.code}] kept as given", "warning")
        out.append(parsed)
    return out


def _dated_code(inner: str) -> DatedCode | str:
    """A DatedCode, or why ``inner`` is not one."""
    match = _ACTOR_CODE.fullmatch(inner)
    if not match:
        return "expected CODE, CODE <DATE, CODE >DATE or CODE DATE-DATE"
    code = match.group("code")
    if _DATE_LIKE.search(code):
        return f"{code!r} looks like a date, not a code"
    try:
        if match.group("op") == "<":
            return DatedCode(code, None, _parse_date(match.group("date")) - dt.timedelta(days=1))
        if match.group("op") == ">":
            return DatedCode(code, _parse_date(match.group("date")), None)
        if match.group("start"):
            start = _parse_date(match.group("start"))
            end = _parse_date(match.group("end"))
            if end < start:
                return f"the range ends ({end}) before it starts ({start})"
            return DatedCode(code, start, end)
    except ValueError as exc:
        return str(exc)
    return DatedCode(code)


# --------------------------------------------------------------------------------------------
# Agents


def _read_agents(lines: _Lines, into: Dictionaries) -> int:
    before = len(into.agents)
    sets: dict[str, tuple[str, ...]] = {}
    for lineno, content, _comment in lines:
        text = content.strip()
        subst = _SUBST_LINE.fullmatch(text)
        if subst:
            members = tuple(m.strip() for m in subst.group("members").split(",") if m.strip())
            if not members:
                lines.problem(lineno, f"substitution set !{subst.group('name')}! is empty")
            else:
                sets[subst.group("name").upper()] = members
            continue
        match = _AGENT_LINE.fullmatch(text)
        if not match:
            lines.problem(lineno, f"bad agent line {text!r}: expected 'NOUN {{PLURALS}} [~CODE]'")
            continue
        code = match.group("code").replace(" ", "")
        if code.startswith("~") and len(code) > 1 and "~" not in code[1:]:
            before_actor = False
        elif code.endswith("~") and len(code) > 1 and "~" not in code[:-1]:
            before_actor = True
        else:
            lines.problem(lineno, f"agent code [{code}] needs '~' before (or after) the code")
            continue
        _agent_entries(lines, lineno, match, code.strip("~"), before_actor, sets, into)
    return len(into.agents) - before


def _agent_entries(
    lines: _Lines,
    lineno: int,
    match: re.Match[str],
    code: str,
    before_actor: bool,
    sets: dict[str, tuple[str, ...]],
    into: Dictionaries,
) -> None:
    noun_text = match.group("noun")
    plural_text = match.group("plurals")
    refs = _SUBST_REF.findall(noun_text + (plural_text or ""))
    missing = [n for n in refs if n.upper() not in sets]
    if missing:
        lines.problem(lineno, f"unknown substitution set !{missing[0]}!")
        return
    substituted = bool(_SUBST_REF.search(noun_text))
    for noun_variant in _substitute(noun_text, sets):
        named = _name(lines, lineno, noun_variant, "agent noun")
        if named is None:
            return
        noun = named[0]
        plurals: tuple[Phrase | None, ...]
        if plural_text is not None:
            plurals = tuple(
                _phrase(p)[0] for variant in _substitute(plural_text, sets) for p in variant.split()
            )
        elif substituted:
            plurals = ()  # the substitution sets list their plural forms themselves
        else:
            plurals = (_plural_phrase(noun),)
        into.agents.append(
            AgentEntry(
                noun=noun,
                code=code,
                plurals=tuple(p for p in dict.fromkeys(plurals) if p is not None and p != noun),
                source=lines.where(lineno),
                before_actor=before_actor,
            )
        )


def _substitute(text: str, sets: dict[str, tuple[str, ...]]) -> list[str]:
    """Every expansion of the ``!SET!`` markers in ``text``."""
    match = _SUBST_REF.search(text)
    if match is None:
        return [text]
    out: list[str] = []
    for member in sets[match.group(1).upper()]:
        out.extend(_substitute(text[: match.start()] + member + text[match.end() :], sets))
    return out


# --------------------------------------------------------------------------------------------
# Discards


def _read_discards(lines: _Lines, into: Dictionaries) -> int:
    before = len(into.discards)
    for lineno, content, _comment in lines:
        text = content.strip()
        story = text.startswith("+")
        named = _name(lines, lineno, text[1:] if story else text, "discard phrase")
        if named is not None:
            into.discards.append(Discard(named[0], story, lines.where(lineno)))
    return len(into.discards) - before
