"""eventcoder: news text in, schema-valid event datasets out.

The public API: build a dataset, code a text, validate output, read the schema.
"""

from __future__ import annotations

from eventcoder.about import __version__

__all__ = ["__version__"]
