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


Factory = Callable[[str | None, str | None], Coder]
"""Builds a coder from the argument after ``NAME:`` in a spec and the --dictionaries option."""


def _rules(argument: str | None, dictionaries: str | None) -> Coder:
    from eventcoder.coders.rules import RuleCoder

    if argument is not None:
        raise UnknownCoderError(f"the rules coder takes no argument (got rules:{argument})")
    if dictionaries is not None:
        from eventcoder.coders.petrarch_coder import coder_for_dictionaries
        from eventcoder.petrarch import parse_dictionaries_option

        # verbs among them: the petrarch coder; actors/agents only: the rules with them
        coder: Coder = coder_for_dictionaries(parse_dictionaries_option(dictionaries))
        return coder
    return RuleCoder.default()


def _petrarch(argument: str | None, dictionaries: str | None) -> Coder:
    """petrarch, with --dictionaries petrarch[-replace]:PATH[,PATH...] (verbs among them)."""
    from eventcoder.coders.petrarch_coder import PetrarchCoder
    from eventcoder.petrarch import parse_dictionaries_option

    if argument is not None:
        raise UnknownCoderError(f"the petrarch coder takes no argument (got petrarch:{argument})")
    if dictionaries is None:
        raise UnknownCoderError(
            "the petrarch coder needs --dictionaries petrarch:PATH[,PATH...] with a verbs "
            "dictionary (e.g. CAMEO.2.0.txt) and actor/agent dictionaries"
        )
    return PetrarchCoder.from_option(parse_dictionaries_option(dictionaries))


def _model(argument: str | None, dictionaries: str | None) -> Coder:
    """model:MODEL_DIR[,threshold=X] (eventcoder train) or model:transformers:PATH."""
    from eventcoder.coders import model

    if dictionaries is not None:
        raise UnknownCoderError("the model coder does not read PETRARCH dictionaries")
    if not argument:
        raise UnknownCoderError(
            "the model coder needs a model: model:MODEL_DIR (from `eventcoder train` or "
            "`make model`) or model:transformers:PATH"
        )
    if argument.startswith("transformers:"):
        path, options = model.parse_options(argument.removeprefix("transformers:"), ("threshold",))
        return model.TransformersCoder(path, threshold=model.float_option(options, "threshold"))
    path, options = model.parse_options(argument, ("threshold",))
    return model.ModelCoder(path, threshold=model.float_option(options, "threshold"))


def _ensemble(argument: str | None, dictionaries: str | None) -> Coder:
    """ensemble:MODEL_DIR[,threshold=X]: the rule coder, and the model where rules find none."""
    from eventcoder.coders import model
    from eventcoder.coders.ensemble import EnsembleCoder
    from eventcoder.coders.rules import RuleCoder

    if dictionaries is not None:
        raise UnknownCoderError("the ensemble coder does not read PETRARCH dictionaries")
    if not argument:
        raise UnknownCoderError("the ensemble coder needs a model: ensemble:MODEL_DIR")
    path, options = model.parse_options(argument, ("threshold",))
    rules = RuleCoder.default()
    coder = model.ModelCoder(path, lexicon=rules.lexicon)
    return EnsembleCoder(rules, coder, threshold=model.float_option(options, "threshold"))


_FACTORIES: dict[str, Factory] = {
    "rules": _rules,
    "model": _model,
    "ensemble": _ensemble,
    "petrarch": _petrarch,
}


def known_coders() -> list[str]:
    """Names accepted by get_coder (a spec is NAME or NAME:ARGUMENT)."""
    return sorted(_FACTORIES)


def split_spec(spec: str) -> tuple[str, str | None]:
    """A coder spec ``NAME`` or ``NAME:ARGUMENT`` split into its name and argument."""
    name, colon, argument = spec.partition(":")
    return name, (argument if colon else None)


def get_coder(spec: str, dictionaries: str | None = None) -> Coder:
    """A coder by spec (``rules``, ``model:DIR``, ...) and the --dictionaries option, if any.

    An unknown name raises an error listing the known ones.
    """
    name, argument = split_spec(spec)
    factory = _FACTORIES.get(name)
    if factory is None:
        raise UnknownCoderError(
            f"unknown coder {spec!r}; known coders: {', '.join(known_coders())}"
        )
    return factory(argument, dictionaries)
