"""Line reading, phrases, names, regular word forms and dates shared by the dictionary readers."""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterator

from eventcoder.coders.petrarch.records import Phrase, Problem, Severity

_SPLIT = re.compile(r"[\s_]+")
_PUNCT = re.compile(r'[(),"]|[^(),"]+')
_BAD_NAME = re.compile(r"[\[\]{}]|(?:^|[\s_])\+|\+(?=$|[\s_])")  # "B+H" is a name
_DAMAGED = re.compile("[\x00-\x08\x0b-\x1f\x7f\ufffd]")
_IDENT = re.compile(r"[A-Za-z0-9][A-Za-z0-9_'\-]*")
_BRACKETS = re.compile(r"\[([^\[\]]*)\]")


# --------------------------------------------------------------------------------------------
# Word forms


def plural_of(word: str) -> str:
    """The regular English plural of a (lower- or upper-case) noun."""
    lower = word.lower()
    upper = word.isupper()
    if lower.endswith("y") and len(lower) > 1 and lower[-2] not in "aeiou":
        out = lower[:-1] + "ies"
    elif lower.endswith(("s", "x", "z", "ch", "sh")):
        out = lower + "es"
    else:
        out = lower + "s"
    return out.upper() if upper else out


def regular_verb_forms(verb: str) -> tuple[str, str, str]:
    """The -s, -ed and -ing forms of a regular (lower-case) verb, PETRARCH-style: no doubling."""
    if verb.endswith("e"):
        return verb + "s", verb + "d", verb[:-1] + "ing"
    if verb.endswith("y") and len(verb) > 1 and verb[-2] not in "aeiou":
        return verb[:-1] + "ies", verb[:-1] + "ied", verb + "ing"
    if verb.endswith(("s", "x", "z", "ch", "sh")):
        return verb + "es", verb + "ed", verb + "ing"
    return verb + "s", verb + "ed", verb + "ing"


# --------------------------------------------------------------------------------------------
# Line reading


class _Lines:
    """The meaningful lines of one file, comments removed, with problems recorded."""

    def __init__(self, label: str, text: str, problems: list[Problem]) -> None:
        self.label = label
        self.text = text
        self.problems = problems

    def problem(self, line: int, message: str, severity: Severity = "error") -> None:
        self.problems.append(Problem(self.label, line, message, severity))

    def where(self, line: int) -> str:
        return f"{self.label}:{line}"

    def __iter__(self) -> Iterator[tuple[int, str, str]]:
        """(line number, content without comment, comment text) for each meaningful line."""
        block_start = 0
        for lineno, raw in enumerate(self.text.splitlines(), start=1):
            stripped = raw.strip()
            if block_start:
                if "-->" in stripped:
                    block_start = 0
                continue
            if not stripped or stripped.startswith("#"):
                continue
            if stripped.startswith("<!"):
                if stripped.startswith("<!--") and "-->" not in stripped[4:]:
                    block_start = lineno
                continue
            content, comment, tabari = _split_comment(raw)
            if tabari:
                self.problem(lineno, "';' starts a TABARI-style comment", "warning")
            if content.strip():
                yield lineno, content.rstrip(), comment
        if block_start:
            self.problem(block_start, "'<!--' comment is never closed with '-->'")


def _split_comment(line: str) -> tuple[str, str, bool]:
    """(content, comment, whether the comment began with ';') for one line."""
    if "#" not in line and ";" not in line:
        return line, "", False
    depth = 0
    for i, ch in enumerate(line):
        if ch == "[":
            depth += 1
        elif ch == "]":
            depth = max(depth - 1, 0)
        elif depth == 0 and ch in "#;":
            return line[:i], line[i + 1 :].strip(), ch == ";"
    return line, "", False


def _phrase(text: str) -> tuple[Phrase, bool]:
    """Lower-case tokens of a phrase written with spaces/underscores; and whether it ended in _.

    Parentheses, commas and double quotes become tokens of their own, as a tokenizer would
    make them (``CONGO_(BRAZZAVILLE)_`` is congo ( brazzaville )).
    """
    stripped = text.strip()
    tokens = tuple(
        token.lower() for word in _SPLIT.split(stripped) if word for token in _PUNCT.findall(word)
    )
    return tokens, stripped.endswith("_")


def _name(lines: _Lines, lineno: int, text: str, what: str) -> tuple[Phrase, bool] | None:
    """The tokens of an actor/agent/discard phrase, or None (reported) when it is unusable."""
    stripped = text.strip()
    bad = _BAD_NAME.search(stripped)
    if bad or not stripped:
        hint = "; write one '+' synonym a line" if bad and "+" in bad.group() else ""
        found = f"{bad.group().strip(' _')!r} inside " if bad else "empty "
        lines.problem(lineno, f"{found}{what} {stripped!r}{hint}")
        return None
    if _DAMAGED.search(stripped):
        lines.problem(
            lineno, f"{what} {stripped!r} has a control or replacement character", "warning"
        )
    return _phrase(stripped)


def _plural_phrase(phrase: Phrase) -> Phrase | None:
    """The phrase with its last word made plural; None when it does not end in a word."""
    if not phrase or not any(ch.isalnum() for ch in phrase[-1]):
        return None
    return (*phrase[:-1], plural_of(phrase[-1]))


def _ident(text: str) -> str:
    """A synset or block name: upper-case, underscores as written, trailing ``_`` dropped."""
    return " ".join(text.split()).upper().rstrip("_")


# --------------------------------------------------------------------------------------------
# Dates


@functools.lru_cache(maxsize=1 << 16)
def _parse_date(text: str) -> dt.date:
    """A TABARI date: YYMMDD (00-30 read as 20YY, else 19YY) or YYYYMMDD."""
    if len(text) == 6:
        year = int(text[:2])
        text = f"{2000 + year if year <= 30 else 1900 + year}{text[2:]}"
    if len(text) != 8:
        raise ValueError(f"date {text!r} is neither YYMMDD nor YYYYMMDD")
    try:
        return dt.date(int(text[:4]), int(text[4:6]), int(text[6:]))
    except ValueError:
        raise ValueError(f"{text} is not a calendar date") from None
