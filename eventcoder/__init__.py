"""eventcoder: news text in, schema-valid event datasets out.

The public API (the command line wraps it): build a dataset, code a text, list its places,
validate rows, evaluate a coder, export for training, push to the Hub, read the schema.

    >>> import eventcoder
    >>> rows = eventcoder.code("Iran condemned the US airstrike.")
    >>> rows[0]["cameo_code"], rows[0]["actor_code"], rows[0]["target_code"]
    ('111', 'IRN', 'USA')

Modules are imported by their full names (`from eventcoder.build import BuildReport`); the
names below are the API functions, which share some of those names.
"""

from __future__ import annotations

from eventcoder.about import __version__
from eventcoder.api import (
    build,
    code,
    evaluate,
    export,
    places,
    push,
    report,
    schema,
    show,
    stats,
    validate,
)
from eventcoder.config import BuildConfig
from eventcoder.dataset import read_manifest, read_rows
from eventcoder.pipeline import Pipeline, PipelineSpec

__all__ = [
    "BuildConfig",
    "Pipeline",
    "PipelineSpec",
    "__version__",
    "build",
    "code",
    "evaluate",
    "export",
    "places",
    "push",
    "read_manifest",
    "read_rows",
    "report",
    "schema",
    "show",
    "stats",
    "validate",
]
