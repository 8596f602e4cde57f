"""eventcoder: news text in, schema-valid event datasets out.

The public API: build a dataset, code a text, validate output, read the schema.
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__"]
