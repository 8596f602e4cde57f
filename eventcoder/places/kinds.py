"""The kinds of gazetteer entries and the ACLED geo-precision a bare mention of each gets."""

from __future__ import annotations

# Entry kinds, with the ACLED geo-precision a bare mention of one gets.
KINDS: tuple[str, ...] = ("country", "admin1", "city", "crossing", "base", "camp", "site")
KINDS += ("airport", "region", "admin2")
KIND_PRECISION: dict[str, int] = dict(zip(KINDS, (3, 3, 1, 1, 1, 1, 1, 1, 2, 2), strict=True))
OWN_KINDS = frozenset(KINDS) - {"admin1", "admin2", "city"} | {"town"}
SITE_KINDS = frozenset({"crossing", "base", "camp", "site", "airport"})
COUNTRY, ADMIN1, CITY, REGION, ADMIN2 = (
    KINDS.index(k) for k in ("country", "admin1", "city", "region", "admin2")
)
