"""The built-in coders, registered by name with their typed options; coders by spec."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from eventcoder.actors.lexicon import load_actor_lexicon
from eventcoder.coders import model
from eventcoder.coders.base import Coder, register, registered, registration
from eventcoder.coders.ensemble import EnsembleCoder
from eventcoder.coders.petrarch.coder import PetrarchCoder
from eventcoder.coders.petrarch.lexicon import dictionary_actor_lexicon
from eventcoder.coders.petrarch.loading import (
    DictionaryOption,
    load_dictionaries,
    parse_dictionaries_option,
)
from eventcoder.coders.rules.coder import RuleCoder
from eventcoder.errors import LexiconError, UnknownCoderError
from eventcoder.patterns import load_patterns


@dataclass(frozen=True)
class CoderSpec:
    """A coder spec parsed once: the coder's name and its own typed options."""

    name: str
    options: Any

    def create(self) -> Coder:
        """A new coder of this spec."""
        coder: Coder = registration(self.name).create(self.options)
        return coder


def split_spec(spec: str) -> tuple[str, str | None]:
    """A coder spec ``NAME`` or ``NAME:ARGUMENT`` split into its name and argument."""
    name, colon, argument = spec.partition(":")
    return name, (argument if colon else None)


def known_coders() -> list[str]:
    """Names accepted in a coder spec (``NAME`` or ``NAME:ARGUMENT``)."""
    return registered()


def parse_spec(spec: str, dictionaries: str | None = None) -> CoderSpec:
    """A spec (``rules``, ``ensemble:DIR,threshold=0.5``) and a dictionaries value, checked
    and parsed into the coder's options; an unknown name lists the known ones."""
    name, argument = split_spec(spec)
    if name not in registered():
        raise UnknownCoderError(
            f"unknown coder {spec!r}; known coders: {', '.join(known_coders())}"
        )
    return CoderSpec(name, registration(name).parse(argument, dictionaries))


def get_coder(spec: str, dictionaries: str | None = None) -> Coder:
    """A coder by spec (``rules``, ``model:DIR``, ...) and dictionaries value, if any."""
    return parse_spec(spec, dictionaries).create()


# --- rules ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class RulesOptions:
    """The rule coder's options: dictionaries whose actors and agents it adds (or uses alone)."""

    dictionaries: DictionaryOption | None = None


def _rules_options(argument: str | None, dictionaries: str | None) -> RulesOptions:
    if argument is not None:
        raise UnknownCoderError(f"the rules coder takes no argument (got rules:{argument})")
    return RulesOptions(parse_dictionaries_option(dictionaries) if dictionaries else None)


@register("rules", _rules_options)
def rules_coder(options: RulesOptions) -> Coder:
    """The rule coder (built-in lexicon; dictionary actors and agents where given)."""
    if options.dictionaries is None:
        return RuleCoder.default()
    loaded = load_dictionaries(options.dictionaries.paths)
    if "verbs" in loaded.kinds():
        raise LexiconError(
            "the dictionaries include a verbs dictionary, which the rules coder does not "
            "read; code with the petrarch coder to use it, or leave it out to give the rules "
            "coder the dictionaries' actors and agents"
        )
    if not loaded.kinds() & {"actors", "agents"}:
        raise LexiconError(
            "the dictionaries hold no actors or agents dictionary; the rules coder reads "
            "actors and agents, the petrarch coder verbs as well"
        )
    base = None if options.dictionaries.replace else load_actor_lexicon()
    return RuleCoder(load_patterns(), dictionary_actor_lexicon(loaded, base))


# --- petrarch -------------------------------------------------------------------------------


@dataclass(frozen=True)
class PetrarchOptions:
    """The petrarch coder's options: its dictionaries (a verbs dictionary among them)."""

    dictionaries: DictionaryOption


def _petrarch_options(argument: str | None, dictionaries: str | None) -> PetrarchOptions:
    if argument is not None:
        raise UnknownCoderError(f"the petrarch coder takes no argument (got petrarch:{argument})")
    if dictionaries is None:
        raise UnknownCoderError(
            "the petrarch coder needs dictionaries, petrarch:PATH[,PATH...], with a verbs "
            "dictionary (e.g. CAMEO.2.0.txt) and actor/agent dictionaries"
        )
    return PetrarchOptions(parse_dictionaries_option(dictionaries))


@register("petrarch", _petrarch_options)
def petrarch_coder(options: PetrarchOptions) -> Coder:
    """TABARI/PETRARCH-style coding with the user's dictionaries."""
    return PetrarchCoder.from_option(options.dictionaries)


# --- model and ensemble ---------------------------------------------------------------------


@dataclass(frozen=True)
class ModelOptions:
    """The model coder's options: a model folder (or a transformers checkpoint), a threshold."""

    path: str
    threshold: float | None = None
    transformers: bool = False


def _no_dictionaries(name: str, dictionaries: str | None) -> None:
    if dictionaries is not None:
        raise UnknownCoderError(f"the {name} coder does not read PETRARCH dictionaries")


def _model_options(argument: str | None, dictionaries: str | None) -> ModelOptions:
    _no_dictionaries("model", dictionaries)
    if not argument:
        raise UnknownCoderError(
            "the model coder needs a model: model:MODEL_DIR (from `eventcoder train` or "
            "`make model`) or model:transformers:PATH"
        )
    transformers = argument.startswith("transformers:")
    path, options = model.parse_options(argument.removeprefix("transformers:"), ("threshold",))
    return ModelOptions(path, model.float_option(options, "threshold"), transformers)


@register("model", _model_options)
def model_coder(options: ModelOptions) -> Coder:
    """A trained model (eventcoder train) or a local transformers checkpoint."""
    if options.transformers:
        return model.TransformersCoder(options.path, threshold=options.threshold)
    return model.ModelCoder(options.path, threshold=options.threshold)


@dataclass(frozen=True)
class EnsembleOptions:
    """The ensemble's options: the model folder and the model's threshold."""

    path: str
    threshold: float | None = None


def _ensemble_options(argument: str | None, dictionaries: str | None) -> EnsembleOptions:
    _no_dictionaries("ensemble", dictionaries)
    if not argument:
        raise UnknownCoderError("the ensemble coder needs a model: ensemble:MODEL_DIR")
    path, options = model.parse_options(argument, ("threshold",))
    return EnsembleOptions(path, model.float_option(options, "threshold"))


@register("ensemble", _ensemble_options)
def ensemble_coder(options: EnsembleOptions) -> Coder:
    """The rule coder, and the model where the rules find none."""
    rules = RuleCoder.default()
    coder = model.ModelCoder(options.path, lexicon=rules.lexicon)
    return EnsembleCoder(rules, coder, threshold=options.threshold)
