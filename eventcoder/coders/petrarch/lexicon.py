"""Actor lexicons for the rule coder from dictionary actors and agents."""

from __future__ import annotations

import hashlib
import re

from eventcoder.actors.lexicon import ActorLexicon, NameEntry, RoleEntry
from eventcoder.coders.petrarch.dictionaries import Dictionaries
from eventcoder.coders.petrarch.records import actor_code_on
from eventcoder.taxonomy import load_countries

_ALIAS_TOKENS = re.compile(r"[^\s-]+|-")  # how the built-in lexicon splits names
_LETTERS = re.compile(r"[^A-Z]")


def dictionary_actor_lexicon(
    dictionaries: Dictionaries, base: ActorLexicon | None = None
) -> ActorLexicon:
    """An actor lexicon for the rule coder from dictionary actors (as names, their undated
    code) and agents (as role nouns, the first three letters of their code), taking
    precedence over ``base`` where both have a phrase; only the dictionaries' without one."""
    countries = frozenset(c.iso3[-3:] for c in load_countries())
    names: dict[tuple[str, ...], NameEntry] = dict(base.names) if base else {}
    for phrase, entry in dictionaries.actor_index.items():
        code = actor_code_on(entry, None)
        code = _schema_code(code.split("/")[0]) if code else None
        key = tuple(t for word in phrase for t in _ALIAS_TOKENS.findall(word))
        if code is None or not key:
            continue
        country = code[:3] if code[:3] in countries else None
        if country is not None and len(code) == 3:
            names[key] = NameEntry(code, country, "name")
        else:
            role = code[3:6] if country is not None and len(code) >= 6 else None
            names[key] = NameEntry(code, country, "group", True, role)
    roles: dict[tuple[str, ...], RoleEntry] = dict(base.roles) if base else {}
    for agent in dictionaries.agents:
        role = _schema_code(agent.code)
        if role is not None and not agent.before_actor:
            roles[agent.noun] = RoleEntry(role[:3], "role")
    lengths: dict[str, set[int]] = {}
    for key in names:
        lengths.setdefault(key[0], set()).add(len(key))
    digest = hashlib.sha256(f"{base.checksum if base else ''}\n{dictionaries.checksum}".encode())
    return ActorLexicon(
        names=names,
        exact_case=base.exact_case if base else frozenset(),
        roles=roles,
        checksum=digest.hexdigest(),
        max_name_len=max((len(k) for k in names), default=1),
        first_tokens={k: tuple(sorted(v, reverse=True)) for k, v in lengths.items()},
        role_heads=frozenset(k[-1] for k in roles),
    )


def _schema_code(code: str) -> str | None:
    """A code as the event schema wants it: upper-case letters in whole three-letter parts."""
    letters = _LETTERS.sub("", code.upper())
    letters = letters[: len(letters) - len(letters) % 3]
    return letters or None
