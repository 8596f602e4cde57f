"""The build's one frozen configuration: everything the rows of a dataset depend on."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any

from eventcoder import acled
from eventcoder.errors import EventcoderError
from eventcoder.ingest import ReadOptions
from eventcoder.pipeline import PipelineSpec

ProfileWriter = tuple[tuple[str, ...], Callable[[dict[str, Any]], dict[str, Any] | None]]
PROFILES: dict[str, ProfileWriter] = {
    "acled": (acled.PROFILE_COLUMNS, acled.acled_row),
}
"""Extra tables a build can write beside the Parquet parts: their columns and row converter."""


class ConfigError(EventcoderError):
    """A build configuration value that cannot be used."""


@dataclass(frozen=True)
class BuildConfig:
    """Everything a build's output depends on (how many workers run it is not among them).

    `shard_size` is the number of documents per shard; None (the default) cuts shards by
    the size of their text instead, from the size of the inputs (eventcoder.shards).

    Recorded in the manifest; a resumed build must have the same. Checked when made:

    >>> BuildConfig(profiles=("acled",)).pipeline.coder
    'rules'
    >>> BuildConfig(shard_size=0)
    Traceback (most recent call last):
    ...
    eventcoder.config.ConfigError: shard_size must be at least 1, got 0
    """

    pipeline: PipelineSpec = field(default_factory=PipelineSpec)
    read: ReadOptions = field(default_factory=ReadOptions)
    shard_size: int | None = None
    rows_per_part: int = 100_000
    batch_size: int = 16
    profiles: tuple[str, ...] = ()
    split_ratios: tuple[float, float, float] = (0.8, 0.1, 0.1)
    dedupe: bool = True
    one_a_day: bool = False

    def __post_init__(self) -> None:
        for name in ("shard_size", "rows_per_part", "batch_size"):
            if getattr(self, name) is not None and int(getattr(self, name)) < 1:
                raise ConfigError(f"{name} must be at least 1, got {getattr(self, name)}")
        object.__setattr__(self, "profiles", _check_profiles(self.profiles))
        object.__setattr__(self, "split_ratios", _check_ratios(self.split_ratios))

    def to_json(self) -> dict[str, Any]:
        """The config as JSON-ready data (as the manifest records it)."""
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> BuildConfig:
        """A config read back from its JSON form."""
        values = dict(data)
        values["pipeline"] = PipelineSpec(**values.get("pipeline", {}))
        values["read"] = ReadOptions(**values.get("read", {}))
        values["profiles"] = tuple(values.get("profiles", ()))
        ratios = values.get("split_ratios", (0.8, 0.1, 0.1))
        values["split_ratios"] = tuple(ratios)
        return cls(**values)

    def differences(self, other: BuildConfig) -> list[str]:
        """The settings that differ from `other`'s, as 'name: this != other'."""
        mine, theirs = _flat(self.to_json()), _flat(other.to_json())
        return [
            f"{key}: {mine.get(key)!r} != {theirs.get(key)!r}"
            for key in sorted(set(mine) | set(theirs))
            if mine.get(key) != theirs.get(key)
        ]


def _flat(data: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in data.items():
        if isinstance(value, dict):
            out.update(_flat(value, f"{prefix}{key}."))
        else:
            out[f"{prefix}{key}"] = tuple(value) if isinstance(value, list) else value
    return out


def _check_profiles(profiles: tuple[str, ...]) -> tuple[str, ...]:
    chosen = tuple(dict.fromkeys(profiles))
    unknown = [p for p in chosen if p not in PROFILES]
    if unknown:
        known = ", ".join(sorted(PROFILES))
        raise ConfigError(f"unknown profile(s) {', '.join(unknown)}; known profiles: {known}")
    return chosen


def _check_ratios(ratios: tuple[float, ...]) -> tuple[float, float, float]:
    try:
        values = tuple(float(r) for r in ratios)
    except (TypeError, ValueError):
        values = ()
    if len(values) != 3 or any(r < 0 for r in values) or abs(sum(values) - 1) > 1e-6:
        raise ConfigError(
            f"split ratios must be three non-negative numbers summing to 1 (train, validation, "
            f"test), got {ratios}"
        )
    return (values[0], values[1], values[2])
