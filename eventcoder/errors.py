"""The exceptions eventcoder raises; each message says what the user can do about it."""

from __future__ import annotations


class EventcoderError(Exception):
    """Base class for every error eventcoder raises on purpose."""


class InputError(EventcoderError):
    """An input path or document cannot be read as eventcoder input."""


class ModelNotFoundError(EventcoderError):
    """No usable spaCy English pipeline is installed."""


class UnknownCoderError(EventcoderError):
    """A coder name that is not registered."""


class OutputExistsError(EventcoderError):
    """The output folder already holds data and overwriting was not asked for."""


class UnsafeOutputError(EventcoderError):
    """The output folder would hold, lie inside or replace something that must be kept."""


class SchemaValidationError(EventcoderError):
    """Rows do not conform to the event schema."""


class LexiconError(EventcoderError):
    """A lexicon data file is malformed."""


class TrainError(EventcoderError):
    """The model cannot be trained as asked (missing data, inputs that do not match, ...)."""


class PipelineSaveError(EventcoderError):
    """eventcoder's parsing pipeline was asked to save itself (it holds stand-ins for spaCy
    components that are not meant to be saved)."""
