"""Place names as the gazetteer indexes them: folded keys and the variants a name is found under."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator


def _words(*lines: str) -> frozenset[str]:
    return frozenset(" ".join(lines).split())


_TRANSLATE = str.maketrans(
    {"ı": "i", "ł": "l", "Ł": "l", "ø": "o", "Ø": "o", "đ": "d", "Đ": "d", "ß": "ss", "æ": "ae"}
    | {"Æ": "ae", "œ": "oe", "Œ": "oe", "ð": "d", "þ": "th", "ħ": "h", "ŧ": "t", "ə": "e", "Ə": "e"}
)
_DROP = re.compile(r"['`.]")
_SPACE = re.compile(r"[\s\-‐‑‒–—_/]+")
_VALID_KEY = re.compile(r"[a-z0-9]+(?: [a-z0-9]+)*")
_HYPHENS = frozenset({"-", "‐", "‑", "‒", "–", "—"})
ARTICLE_WORDS = frozenset({"al", "el", "ad", "an", "ar", "as", "ash", "at", "az", "adh", "ath"})
# Letters of scripts other than Latin: names written in them are not indexed.
_OTHER_SCRIPT = re.compile(r"[^\x00-\u024f\u1e00-\u1eff\u02b0-\u02ff\u2010-\u2027]")
ADMIN_WORDS = _words(
    "province governorate state region oblast prefecture department county wilaya",
    "wilayah emirate territory krai kray republic muhafazat ostan velayat district",
    "division autonomous federal capital of",
)


def fold(text: str) -> str:
    """A name as the index keys it: lower case, ASCII letters (accents and letters of other
    scripts dropped), no apostrophes or dots, hyphens and runs of spaces as one space."""
    if not text.isascii():
        text = _SPACE.sub(" ", text.translate(_TRANSLATE))
        text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return _SPACE.sub(" ", _DROP.sub("", text.lower())).strip()


def _valid(key: str) -> bool:
    return len(key) >= 2 and _VALID_KEY.fullmatch(key) is not None and not key.isdigit()


def _variants(name: str, admin: bool = False) -> Iterator[str]:
    """The keys a name is found under: folded, and without an Arabic article or, for a
    division, without generic words ("Basra Governorate" -> "basra")."""
    if not name.isascii() and _OTHER_SCRIPT.search(name):
        return
    key = fold(name)
    if not _valid(key):
        return
    yield key
    first, _, rest = key.partition(" ")
    if first in ARTICLE_WORDS and _valid(rest):
        yield rest
    if admin:
        stripped = " ".join(w for w in key.split(" ") if w not in ADMIN_WORDS)
        if stripped != key and _valid(stripped):
            yield stripped
