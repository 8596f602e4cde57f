"""The Coder contract, the optional methods a coder may offer, and the coder registry."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

from eventcoder.errors import UnknownCoderError
from eventcoder.taxonomy import CameoTable
from eventcoder.types import EventCandidate, ParsedDocument


class Coder(Protocol):
    """Turns a parsed document into event candidates.

    Coders see the whole document so they can resolve anaphora across sentences.
    """

    name: str
    version: str

    def code(self, parsed: ParsedDocument) -> list[EventCandidate]:
        """Event candidates for the document, in sentence order."""
        ...

    def provenance(self) -> dict[str, str]:
        """Versions and checksums of everything the coder's output depends on."""
        ...


class KeepsOwnCodes(Protocol):
    """Optional: a coder whose dictionaries may write codes outside CAMEO.

    Scoring a validation suite written in those codes asks the coder, when it has this
    method, for a variant that keeps them and a CAMEO table that knows them.
    """

    def with_own_codes(self, cameo: CameoTable) -> tuple[Coder, CameoTable]:
        """The coder keeping its dictionaries' codes, and the table extended with them."""
        ...


def own_codes_variant(coder: Coder) -> KeepsOwnCodes | None:
    """The coder as a KeepsOwnCodes when it offers that method, else None."""
    method = getattr(coder, "with_own_codes", None)
    return coder if callable(method) else None  # type: ignore[return-value]


Options = TypeVar("Options")
OptionParser = Callable[[str | None, str | None], Any]
"""Parses the argument after ``NAME:`` in a spec and the dictionaries value into options."""


@dataclass(frozen=True)
class Registration:
    """A registered coder: its name, its option parser and its factory."""

    name: str
    parse: OptionParser
    create: Callable[[Any], Coder]
    summary: str


_REGISTRY: dict[str, Registration] = {}


def register(
    name: str, parse: Callable[[str | None, str | None], Options]
) -> Callable[[Callable[[Options], Coder]], Callable[[Options], Coder]]:
    """Register a coder factory under `name`; `parse` turns a spec's argument and the
    dictionaries value into the factory's options record (raising on what it cannot use)."""

    def decorate(factory: Callable[[Options], Coder]) -> Callable[[Options], Coder]:
        if name in _REGISTRY:
            raise UnknownCoderError(f"a coder named {name!r} is registered already")
        summary = (factory.__doc__ or "").strip().splitlines()[0] if factory.__doc__ else ""
        _REGISTRY[name] = Registration(name, parse, factory, summary)
        return factory

    return decorate


def registered() -> list[str]:
    """Names of the registered coders, sorted."""
    return sorted(_REGISTRY)


def registration(name: str) -> Registration:
    """The registration of `name`; an unknown name raises an error listing the known ones."""
    found = _REGISTRY.get(name)
    if found is None:
        raise UnknownCoderError(f"unknown coder {name!r}; known coders: {', '.join(registered())}")
    return found
