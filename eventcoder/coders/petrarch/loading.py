"""Loading dictionary files and folders (kind told by content or name); the --dictionaries value."""

from __future__ import annotations

import glob
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from eventcoder.coders.petrarch.actors import (
    _SUBST_LINE,
    _read_actors,
    _read_agents,
    _read_discards,
)
from eventcoder.coders.petrarch.dictionaries import Dictionaries
from eventcoder.coders.petrarch.records import (
    KINDS,
    ActorEntry,
    AgentEntry,
    DictionaryFile,
    Kind,
    Phrase,
    Problem,
    VerbEntry,
)
from eventcoder.coders.petrarch.text import _IDENT, _Lines
from eventcoder.coders.petrarch.verbs import _read_verbs
from eventcoder.errors import LexiconError

_KIND_BY_NAME: dict[str, Kind] = {kind: kind for kind in KINDS}
_KIND_SPLIT = re.compile(r"^(verbs|actors|agents|discards):(.+)$")
_NAME_HINTS: tuple[tuple[str, Kind], ...] = (
    ("verb", "verbs"),
    ("actor", "actors"),
    ("agent", "agents"),
    ("discard", "discards"),
)
_CLEAR_EVIDENCE = 5  # content outweighs a file name from this many telling lines on


_CACHED = (
    "actor_index",
    "agent_index",
    "verb_index",
    "verb_heads",
    "patterns_by_family",
    "discard_index",
    "max_actor_length",
    "max_agent_length",
)


_READERS = {
    "verbs": _read_verbs,
    "actors": _read_actors,
    "agents": _read_agents,
    "discards": _read_discards,
}


# --------------------------------------------------------------------------------------------
# Kinds and loading


def kind_from_name(path: Path) -> Kind | None:
    """The kind a file name suggests (``Phoenix.agents.txt`` -> agents), or None."""
    name = path.name.lower()
    hits = [kind for hint, kind in _NAME_HINTS if hint in name]
    return hits[0] if len(hits) == 1 else None


def kind_from_content(text: str) -> Kind | None:
    """The kind the first meaningful lines of a file show, or None when they show none.

    Verb files have ``---`` block headers, ``&`` synsets or ``- ... * ... [code]`` patterns;
    agent files have ``[~CODE]``/``[CODE~]`` codes or ``!SET! =`` lines; actor files have
    ``[CODE]`` codes; discard files have no brackets, which alone is not evidence enough
    (a README has none either), so discards are told by name or by a comment naming them.
    """
    return _best_kind(text, _content_scores(text))


def _content_scores(text: str, max_lines: int = 2000) -> dict[Kind, int]:
    scores: dict[Kind, int] = {"verbs": 0, "actors": 0, "agents": 0, "discards": 0}
    for seen, (_lineno, content, _comment) in enumerate(_Lines("", text, [])):
        if seen >= max_lines:
            break
        line = content.strip()
        if line.startswith("---") or (line.startswith("&") and _IDENT.match(line[1:])):
            scores["verbs"] += 5
        elif line.startswith("-") and "*" in line and "[" in line:
            scores["verbs"] += 1
        elif _SUBST_LINE.fullmatch(line) or re.search(r"\[\s*~|~\s*\]", line):
            scores["agents"] += 1
        elif "[" in line:
            scores["actors"] += 1
        else:
            scores["discards"] += 1
    return scores


def _best_kind(text: str, scores: dict[Kind, int]) -> Kind | None:
    coded: list[Kind] = ["verbs", "actors", "agents"]
    best = max(coded, key=lambda kind: scores[kind])
    if scores[best]:
        return best
    if scores["discards"] and "discard" in text[:4000].lower():
        return "discards"
    return None


def split_kind(spec: str | Path) -> tuple[Kind | None, Path]:
    """``"actors:my/file.txt"`` -> ("actors", Path("my/file.txt")); other paths: (None, path)."""
    if isinstance(spec, Path):
        return None, spec
    match = _KIND_SPLIT.match(spec)
    if match and not Path(spec).exists():
        return _KIND_BY_NAME[match.group(1)], Path(match.group(2))
    return None, Path(spec)


def load_dictionaries(paths: Iterable[str | Path] | str | Path) -> Dictionaries:
    """Read dictionary files and folders of them into one ``Dictionaries``.

    Each path is a file, whose kind is told from its content or name (or given with a
    ``kind:`` prefix, e.g. ``"actors:my.txt"``), or a folder whose ``*.txt`` files are read
    in name order (a file whose kind cannot be told is skipped with a warning); shell
    wildcards (``Phoenix.*``) stand for the files they match, in name order. Raises
    LexiconError when a path is missing, a file cannot be read, or a named file's kind
    cannot be told.
    """
    into = Dictionaries()
    for spec in [paths] if isinstance(paths, str | Path) else paths:
        kind, pattern = split_kind(spec)
        for path in _expand_wildcards(pattern):
            if path.is_dir():
                if kind is not None:
                    raise LexiconError(f"{path}: a 'kind:' prefix needs a file, not a folder")
                _load_folder(path, into)
            else:
                load_dictionary_file(path, kind=kind, into=into)
    _cross_check(into)
    return into


def _expand_wildcards(path: Path) -> list[Path]:
    """The files a path with shell wildcards matches (``Phoenix.*``), in name order; a path
    without wildcards, or one that exists as written, as it is."""
    text = str(path)
    if not any(ch in text for ch in "*?[") or path.exists():
        return [path]
    found = sorted(Path(p) for p in glob.glob(text))
    if not found:
        raise LexiconError(f"{path}: no dictionary file matches this pattern")
    return found


def _load_folder(folder: Path, into: Dictionaries) -> None:
    files = sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() == ".txt")
    if not files:
        raise LexiconError(f"{folder}: no *.txt dictionary files in this folder")
    for path in files:
        text, digest = _read_text(path, into.problems)
        kind = _tell_kind(path, text, into.problems)
        if kind is None:
            into.problems.append(
                Problem(str(path), 0, "skipped: not a verbs/actors/agents/discards file", "warning")
            )
            continue
        _load_text(path, text, digest, kind, into)


def load_dictionary_file(
    path: str | Path, *, kind: Kind | None = None, into: Dictionaries | None = None
) -> Dictionaries:
    """Read one dictionary file (of ``kind``, or told from its content/name) into ``into``."""
    into = Dictionaries() if into is None else into
    path = Path(path)
    text, digest = _read_text(path, into.problems)
    if kind is None:
        kind = _tell_kind(path, text, into.problems)
        if kind is None:
            raise LexiconError(
                f"{path}: cannot tell whether this is a verbs, actors, agents or discards "
                "dictionary; name it with a prefix, e.g. actors:PATH"
            )
    elif kind not in KINDS:
        raise LexiconError(f"{path}: unknown dictionary kind {kind!r}; use one of {KINDS}")
    _load_text(path, text, digest, kind, into)
    return into


def _read_text(path: Path, problems: list[Problem]) -> tuple[str, str]:
    """The text of a dictionary file and the SHA-256 of its bytes."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise LexiconError(f"{path}: cannot read this dictionary file ({exc.strerror})") from exc
    digest = hashlib.sha256(data).hexdigest()
    try:
        return data.decode("utf-8"), digest
    except UnicodeDecodeError as exc:
        problems.append(
            Problem(str(path), 0, f"not UTF-8 ({exc.reason}); read as Latin-1", "warning")
        )
        return data.decode("latin-1"), digest


def _tell_kind(path: Path, text: str, problems: list[Problem]) -> Kind | None:
    """The content's kind; the name's when the content shows little (or nothing) else."""
    scores = _content_scores(text)
    by_content = _best_kind(text, scores)
    by_name = kind_from_name(path)
    if by_content is None or by_name is None or by_content == by_name:
        return by_content or by_name
    if by_content != "discards" and scores[by_content] >= _CLEAR_EVIDENCE:
        problems.append(
            Problem(
                str(path),
                0,
                f"the name suggests {by_name} but the content is {by_content}; read as "
                f"{by_content}",
                "warning",
            )
        )
        return by_content
    return by_name


def _load_text(path: Path, text: str, digest: str, kind: Kind, into: Dictionaries) -> None:
    lines = _Lines(str(path), text, into.problems)
    entries = _READERS[kind](lines, into)
    into.files.append(DictionaryFile(str(path), kind, digest, entries))
    for cached in _CACHED:
        into.__dict__.pop(cached, None)
    into._synset_cache.clear()


def _cross_check(into: Dictionaries) -> None:
    """Warnings that need every file: unknown synsets, names coded two ways."""

    def warn(source: str, message: str) -> None:
        file, _, line = source.rpartition(":")
        into.problems.append(Problem(file, int(line), message, "warning"))

    known = into.synsets
    for synset in known.values():
        for member in synset.members:
            if member[0].startswith("&") and member[0][1:] not in known:
                warn(synset.source, f"synset {member[0]} is not defined")
    for pattern in into.patterns:
        for synset_name in pattern.synsets:
            if synset_name not in known:
                warn(pattern.source, f"synset &{synset_name} is not defined")
    first_actor: dict[Phrase, ActorEntry] = {}
    for actor in into.actors:
        for name in actor.names:
            other = first_actor.setdefault(name, actor)
            if other is not actor and other.codes != actor.codes:
                warn(
                    actor.source,
                    f"actor name {' '.join(name).upper()} is also at {other.source} with "
                    "other codes; that first entry is used",
                )
    first_agent: dict[Phrase, AgentEntry] = {}
    for agent in into.agents:
        for form in agent.forms:
            seen = first_agent.setdefault(form, agent)
            if seen is not agent and seen.code != agent.code:
                warn(
                    agent.source,
                    f"agent {' '.join(form).upper()} is also at {seen.source} as "
                    f"[{seen.code}]; that first entry is used",
                )
    first_verb: dict[str, VerbEntry] = {}
    for verb in into.verbs:
        met = first_verb.setdefault(verb.verb, verb)
        if met.family != verb.family:
            warn(
                verb.source,
                f"verb {verb.verb.upper()} is also in block {met.family} ({met.source}); "
                "a coder sees the patterns of both",
            )


# --------------------------------------------------------------------------------------------
# The --dictionaries option


@dataclass(frozen=True, slots=True)
class DictionaryOption:
    """A parsed ``--dictionaries`` value: the paths and whether they replace the built-ins."""

    format: str
    paths: tuple[str, ...]
    replace: bool = False


def parse_dictionaries_option(value: str) -> DictionaryOption:
    """Parse ``petrarch:PATH[,PATH...]`` (extend the built-in actors and agents) or
    ``petrarch-replace:PATH[,PATH...]`` (use only these actors and agents).

    Each PATH may carry a ``kind:`` prefix (``actors:my.txt``). Raises LexiconError with the
    expected form when ``value`` is not one of these.
    """
    head, colon, rest = value.partition(":")
    formats = {"petrarch": False, "petrarch-replace": True}
    paths = tuple(p.strip() for p in rest.split(",") if p.strip())
    if not colon or head not in formats or not paths:
        raise LexiconError(
            f"dictionaries {value!r}: expected petrarch:PATH[,PATH...] (adds to the built-in "
            "actors and agents) or petrarch-replace:PATH[,PATH...] (replaces them)"
        )
    return DictionaryOption("petrarch", paths, formats[head])
