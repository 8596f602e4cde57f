"""The Coder contract and the registry of coders by name."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from eventcoder.errors import UnknownCoderError
from eventcoder.types import Document, EventCandidate, Sentence


@dataclass(frozen=True)
class ParsedDocument:
    """A document with its sentences and their parsed spaCy spans, in order."""

    document: Document
    sentences: tuple[tuple[Sentence, Any], ...]


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


def _rules() -> Coder:
    from eventcoder.coders.rules import RuleCoder

    return RuleCoder.default()


_FACTORIES: dict[str, Callable[[], Coder]] = {"rules": _rules}


def known_coders() -> list[str]:
    """Names accepted by get_coder."""
    return sorted(_FACTORIES)


def get_coder(name: str) -> Coder:
    """A coder by name; an unknown name raises an error listing the known ones."""
    factory = _FACTORIES.get(name)
    if factory is None:
        raise UnknownCoderError(
            f"unknown coder {name!r}; known coders: {', '.join(known_coders())}"
        )
    return factory()
