"""Reader for verb dictionaries: synsets, verb blocks, verbs, patterns and transformations."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from eventcoder.coders.petrarch.dictionaries import Dictionaries
from eventcoder.coders.petrarch.records import (
    NULL_CODE,
    Phrase,
    Synset,
    Transformation,
    VerbEntry,
    VerbFamily,
    VerbPattern,
)
from eventcoder.coders.petrarch.text import (
    _BRACKETS,
    _IDENT,
    _SPLIT,
    _ident,
    _Lines,
    _name,
    regular_verb_forms,
)
from eventcoder.taxonomy import load_cameo_table

PATTERN_MARKERS = frozenset({"*", "$", "+", "^", "%"})
PATTERN_GROUPS = frozenset({"(", ")", "{", "}"})
_CLOSER = {"(": ")", "{": "}"}
_WORD = re.compile(r"\+?[\w'.\-/&]+")
_VERB_LINE = re.compile(
    r"(?P<words>[^\[\]{}]+?)\s*(?:\{(?P<forms>[^{}\[\]]*)\})?\s*(?:\[(?P<code>[^\[\]]*)\])?"
)
_HEADER = re.compile(
    r"---+\s*(?P<name>[^\[\]]*?)\s*(?P<codes>(?:\[[^\[\]]*\]\s*)*)(?P<rest>[-\s]*)"
)


# --------------------------------------------------------------------------------------------
# Event codes


@functools.cache
def _cameo_codes() -> frozenset[str]:
    return frozenset(load_cameo_table().codes())


def _event_code_warning(code: str) -> str | None:
    """Why an event code is not a CAMEO code (or code pair), or None when it is."""
    parts = code.split(":")
    if len(parts) > 2 or not any(parts):
        return f"event code [{code}] is not a CAMEO code or code pair"
    known = _cameo_codes()
    bad = [p for p in parts if p and p != NULL_CODE and p not in known]
    if bad:
        return f"event code [{code}]: {', '.join(bad)} is not a CAMEO 1.1b3 code; kept as given"
    return None


# --------------------------------------------------------------------------------------------
# Verbs


@dataclass
class _VerbState:
    family: VerbFamily | None = None
    synset_name: str | None = None
    synset_line: int = 0
    synset_plurals: bool = True
    members: list[Phrase] = field(default_factory=list)
    no_plural: list[bool] = field(default_factory=list)


def _read_verbs(lines: _Lines, into: Dictionaries) -> int:
    state = _VerbState()
    before = len(into.patterns) + len(into.verbs) + len(into.synsets) + len(into.families)
    for lineno, content, comment in lines:
        text = content.strip()
        if text.startswith("---"):
            _close_synset(lines, state, into)
            state.family = _verb_header(lines, lineno, text, into)
        elif text.startswith("&"):
            _close_synset(lines, state, into)
            state.family = None
            _open_synset(lines, lineno, text, state)
        elif text.startswith("~"):
            _transformation(lines, lineno, text, into)
        elif text.startswith("-"):
            _pattern_line(lines, lineno, text, comment, state, into)
        elif state.synset_name is not None:
            if text.startswith("+"):
                _synset_member(lines, lineno, text[1:], state)
            else:
                lines.problem(
                    lineno,
                    f"verb line after synset &{state.synset_name}: "
                    "start a '--- NAME [code] ---' block first",
                )
        elif state.family is None:
            lines.problem(lineno, "verb line outside a '--- NAME [code] ---' block")
        else:
            _verb_line(lines, lineno, text, state.family, into)
    _close_synset(lines, state, into)
    return len(into.patterns) + len(into.verbs) + len(into.synsets) + len(into.families) - before


def _open_synset(lines: _Lines, lineno: int, text: str, state: _VerbState) -> None:
    name = text[1:].strip()
    if not _IDENT.fullmatch(name):
        lines.problem(lineno, f"bad synset name {text!r}")
        state.synset_name = None
        return
    state.synset_name = _ident(name)
    state.synset_line = lineno
    state.synset_plurals = not name.endswith("_")  # "&AUXVERB1_": no plurals for any member
    state.members = []
    state.no_plural = []


def _synset_member(lines: _Lines, lineno: int, text: str, state: _VerbState) -> None:
    stripped = text.strip()
    if stripped.startswith("&"):
        if not _IDENT.fullmatch(stripped[1:]):
            lines.problem(lineno, f"bad synset reference {stripped!r}")
            return
        state.members.append(("&" + _ident(stripped[1:]),))
        state.no_plural.append(True)
        return
    named = _name(lines, lineno, stripped, "synset member")
    if named is None:
        return
    state.members.append(named[0])
    state.no_plural.append(named[1] or not state.synset_plurals)


def _close_synset(lines: _Lines, state: _VerbState, into: Dictionaries) -> None:
    name = state.synset_name
    if name is None:
        return
    state.synset_name = None
    if not state.members:
        lines.problem(state.synset_line, f"synset &{name} has no '+' members")
        return
    if name in into.synsets:
        lines.problem(
            state.synset_line,
            f"synset &{name} is defined again (first at {into.synsets[name].source}); "
            "the later definition is used",
            "warning",
        )
    into.synsets[name] = Synset(
        name, tuple(state.members), tuple(state.no_plural), lines.where(state.synset_line)
    )


def _verb_header(lines: _Lines, lineno: int, text: str, into: Dictionaries) -> VerbFamily | None:
    match = _HEADER.fullmatch(text)
    name = _ident(match.group("name").replace("_", " ")) if match else ""
    codes = _BRACKETS.findall(match.group("codes")) if match else []
    if not match or not name:
        lines.problem(lineno, f"bad verb block header {text!r}: expected '--- NAME [code] ---'")
        return None
    if len(codes) > 1:
        lines.problem(lineno, f"verb block {name} has {len(codes)} codes; the first is used")
    code = codes[0].strip() if codes else None
    if code is not None and code != NULL_CODE:
        _check_event_code(lines, lineno, code)
    key = name
    number = 2
    while key in into.families:
        key = f"{name}#{number}"
        number += 1
    if key != name:
        lines.problem(
            lineno,
            f"verb block {name} appears again (first at {into.families[name].source}); "
            f"kept apart as {key}",
            "warning",
        )
    family = VerbFamily(key, code or None, lines.where(lineno))
    into.families[key] = family
    return family


def _check_event_code(lines: _Lines, lineno: int, code: str) -> None:
    warning = _event_code_warning(code)
    if warning:
        lines.problem(lineno, warning, "warning")


def _verb_line(
    lines: _Lines, lineno: int, text: str, family: VerbFamily, into: Dictionaries
) -> None:
    match = _VERB_LINE.fullmatch(text)
    if not match:
        lines.problem(lineno, f"bad verb line {text!r}: expected 'VERB {{FORMS}} [code]'")
        return
    words = [w for w in _SPLIT.split(match.group("words").strip()) if w]
    heads = [i for i, w in enumerate(words) if w.startswith("+")]
    if not words or len(heads) > 1 or not all(_WORD.fullmatch(w) for w in words):
        lines.problem(lineno, f"bad verb {match.group('words').strip()!r}")
        return
    head_at = heads[0] if heads else 0
    base = [w.lstrip("+").lower() for w in words]
    code = match.group("code")
    code = code.strip() if code is not None else None
    if code == "":
        lines.problem(lineno, "empty verb code '[]'")
        return
    if code is not None and code != NULL_CODE:
        _check_event_code(lines, lineno, code)
    if match.group("forms") is not None:
        forms = tuple(
            " ".join(w.lstrip("+").lower() for w in _SPLIT.split(f) if w)
            for f in match.group("forms").split()
        )
    else:
        forms = tuple(
            " ".join((*base[:head_at], inflected, *base[head_at + 1 :]))
            for inflected in regular_verb_forms(base[head_at])
        )
    verb = " ".join(base)
    into.verbs.append(
        VerbEntry(
            verb=verb,
            forms=tuple(f for f in dict.fromkeys(forms) if f and f != verb),
            code=code,
            family=family.name,
            head=base[head_at],
            source=lines.where(lineno),
            head_at=head_at,
        )
    )


def _pattern_line(
    lines: _Lines,
    lineno: int,
    text: str,
    comment: str,
    state: _VerbState,
    into: Dictionaries,
) -> None:
    family = state.family
    if family is None:
        where = f"after synset &{state.synset_name}" if state.synset_name else "outside a block"
        lines.problem(lineno, f"pattern line {where}: patterns belong under '--- NAME [code] ---'")
        return
    body, bracket, rest = text[1:].partition("[")
    code, closing, trailing = rest.partition("]")
    if not bracket or not closing:
        lines.problem(lineno, f"pattern without a [code]: {text!r}")
        return
    code = code.strip()
    if not code or "[" in code:
        lines.problem(lineno, f"bad pattern code [{code}]")
        return
    if trailing.strip():
        lines.problem(lineno, f"text after the pattern code: {trailing.strip()!r}")
        return
    tokens, error = _pattern_tokens(body)
    if error:
        lines.problem(lineno, f"{error}: {text.strip()!r}")
        return
    _check_event_code(lines, lineno, code)
    star = tokens.index("*")
    into.patterns.append(
        VerbPattern(
            verb=family.name,
            pre=tokens[:star],
            post=tokens[star + 1 :],
            code=code,
            source=lines.where(lineno),
            comment=comment,
            raw=" ".join(body.split()),
        )
    )


def _pattern_tokens(body: str) -> tuple[Phrase, str | None]:
    """The tokens of a pattern body, or an error message."""
    tokens: list[str] = []
    for chunk in _SPLIT.split(body.strip()):
        piece = chunk
        while piece and piece[0] in "({":
            tokens.append(piece[0])
            piece = piece[1:]
        closing: list[str] = []
        while piece and piece[-1] in ")}":
            closing.append(piece[-1])
            piece = piece[:-1]
        if piece:
            error = _pattern_word(piece, tokens)
            if error:
                return (), error
        tokens.extend(reversed(closing))
    if tokens.count("*") != 1:
        return (), f"a pattern needs exactly one '*' (has {tokens.count('*')})"
    depth: list[str] = []
    for token in tokens:
        if token in ("(", "{"):
            depth.append(token)
        elif token in (")", "}") and (not depth or _CLOSER[depth.pop()] != token):
            return (), "unbalanced brackets in pattern"
    if depth:
        return (), "unbalanced brackets in pattern"
    return tuple(tokens), None


def _pattern_word(piece: str, tokens: list[str]) -> str | None:
    if piece in PATTERN_MARKERS:
        tokens.append(piece)
    elif piece.startswith("&"):
        if not _IDENT.fullmatch(piece[1:]):
            return f"bad synset reference {piece!r}"
        tokens.append("&" + _ident(piece[1:]))
    elif "*" in piece:
        if piece.strip("*") and piece.count("*") == 1:
            before, _, after = piece.partition("*")
            tokens.extend(t for t in (before.lower(), "*", after.lower()) if t)
        else:
            return f"bad verb marker in {piece!r}"
    elif piece[0] in "$+^%" and _WORD.fullmatch(piece[1:]):
        tokens.extend((piece[0], piece[1:].lower()))
    elif _WORD.fullmatch(piece) and "+" not in piece:
        tokens.append(piece.lower())
    else:
        return f"bad pattern word {piece!r}"
    return None


def _transformation(lines: _Lines, lineno: int, text: str, into: Dictionaries) -> None:
    pattern, equals, result = text[1:].partition("=")
    if not equals or not pattern.strip() or not result.strip():
        lines.problem(lineno, f"bad transformation {text!r}: expected '~ PATTERN = RESULT'")
        return
    into.transformations.append(
        Transformation(" ".join(pattern.split()), " ".join(result.split()), lines.where(lineno))
    )
