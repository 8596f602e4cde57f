"""Where events happened: the offline gazetteer and the Locator."""

from __future__ import annotations

from eventcoder.places.distance import distance_km
from eventcoder.places.gazetteer import (
    CACHE_PREFIX,
    OWN_COLUMNS,
    Gazetteer,
    GazetteerEntry,
    default_cache_dir,
)
from eventcoder.places.locate import Locator
from eventcoder.places.names import fold

__all__ = [
    "CACHE_PREFIX",
    "OWN_COLUMNS",
    "Gazetteer",
    "GazetteerEntry",
    "Locator",
    "default_cache_dir",
    "distance_km",
    "fold",
]
