"""Admission: the one step every raw record passes to become a Document or a Quarantine.

The same rules for every reader: unsafe ids, binary content, encoding (replaced and flagged,
or quarantined), lone surrogates, empty text, HTML stripped to its text, the size limit and
the language check; metadata fields must be strings and dates are normalised to ISO days.
"""

from __future__ import annotations

import datetime as dt
import re
from html.parser import HTMLParser

from eventcoder.ingest_tables import META_FIELDS, ReadOptions, _Raw
from eventcoder.types import Document, Quarantine

Item = Document | Quarantine
MAX_ID_CHARS = 255


_TAG = re.compile(r"<(?:[a-zA-Z][a-zA-Z0-9]*|/[a-zA-Z][a-zA-Z0-9]*|!--|!doctype)[^>]*>", re.I)

_HTML_START = re.compile(r"^\s*<(?:!doctype|html|head|body|div|p|article|span|meta)\b", re.I)

_WORD = re.compile(r"[^\W\d_]+")

_UNSAFE_ID = re.compile(r"[/\\\x00-\x1f\x7f]")

_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13))

ENGLISH_FUNCTION_WORDS = frozenset(
    ("the", "of", "and", "to", "in", "is", "that", "for", "on", "with", "as", "was", "by", "it")
    + ("at", "from", "his", "her", "have", "has", "are", "were", "be", "this", "which", "said")
    + ("had", "not", "but", "they", "their", "its", "an", "or", "been", "after", "who", "will")
    + ("would", "also", "than", "into", "over", "about")
)


def _admit(raw: _Raw, opts: ReadOptions) -> Item:
    """The raw record as a Document, or a Quarantine saying why it cannot be one."""

    def reject(reason: str) -> Quarantine:
        return Quarantine(raw.source, reason, doc_id=raw.doc_id, line=raw.line)

    problem = _unsafe_id(raw.doc_id) or _bad_unicode(raw)
    if problem:
        return reject(problem)
    flags: list[str] = list(raw.flags)
    if isinstance(raw.body, bytes):
        if _looks_binary(raw.body):
            return reject("binary content (NUL or control bytes), not text; remove the file")
        text, bad = _decode(raw.body)
        if bad is not None:
            if opts.on_bad_encoding == "quarantine":
                return reject(
                    f"not valid UTF-8 ({bad}); re-encode it as UTF-8, or read with "
                    "on_bad_encoding 'replace' to decode with replacement characters"
                )
            flags.append("bad_encoding_replaced")
    else:
        text = raw.body
        if "\x00" in text:
            return reject("binary content (NUL characters) in the text field")
    if not text.strip():
        return reject("empty document (no text)")
    if _looks_like_html(text):
        text = html_to_text(text)
        flags.append("html_stripped")
        if not text.strip():
            return reject("HTML with no text content")
    if len(text) > opts.max_chars:
        return reject(
            f"document has {len(text):,} characters, over the limit of {opts.max_chars:,}; "
            "split it, or raise the limit (max_chars)"
        )
    if opts.check_language:
        language = _non_english(text)
        if language:
            return reject(f"not English ({language}); eventcoder codes English text only")
    return _document(raw, text, tuple(flags), opts.date_column)


_SURROGATE = re.compile("[\ud800-\udfff]")


def _bad_unicode(raw: _Raw) -> str | None:
    """Why the record's strings cannot be written as UTF-8 (lone surrogates), or None."""
    fields = {"id": raw.doc_id, "text": raw.body if isinstance(raw.body, str) else ""}
    fields |= {k: v for k in META_FIELDS if isinstance(v := raw.meta.get(k), str)}
    for name, value in fields.items():
        found = _SURROGATE.search(value)
        if found is not None:
            return (
                f"field {name!r} holds a lone surrogate (U+{ord(found.group()):04X}) at "
                f"character {found.start()}, which is not valid Unicode; fix the producer"
            )
    return None


def _unsafe_id(doc_id: str) -> str | None:
    if not doc_id:
        return "missing or empty document id"
    if len(doc_id) > MAX_ID_CHARS:
        return f"document id is {len(doc_id)} characters long (limit {MAX_ID_CHARS})"
    if _UNSAFE_ID.search(doc_id) or doc_id in {".", ".."}:
        return (
            f"document id {doc_id!r} is unsafe as a file name (path separators, control "
            "characters or dots only); use letters, digits, '-', '_' and '.'"
        )
    return None


def _looks_binary(raw: bytes) -> bool:
    head = raw[:8192]
    if b"\x00" in head:
        return True
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    return len(head) > 0 and controls / len(head) > 0.1


def _decode(raw: bytes) -> tuple[str, str | None]:
    """Text from UTF-8 bytes (BOM dropped) and, when they are not valid UTF-8, where not."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError as err:
        return raw.decode("utf-8", errors="replace"), f"byte {err.start}"


def _looks_like_html(text: str) -> bool:
    head = text[:4096]
    return bool(_HTML_START.match(head)) or len(_TAG.findall(head)) >= 5


class _TextExtractor(HTMLParser):
    """Collects the text of an HTML page, without scripts and styles, a line per block."""

    BLOCKS = frozenset({"p", "div", "br", "li", "h1", "h2", "h3", "h4", "tr", "article", "section"})
    SKIP = frozenset({"script", "style", "noscript", "head", "title"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.SKIP:
            self.skipping += 1
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP and self.skipping:
            self.skipping -= 1
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def html_to_text(html: str) -> str:
    """The visible text of an HTML document, one paragraph per line."""
    parser = _TextExtractor()
    parser.feed(html)
    parser.close()
    lines = (
        re.sub(r"[ \t\r\f\v]+", " ", line).strip() for line in "".join(parser.parts).split("\n")
    )
    return "\n".join(line for line in lines if line)


def _non_english(text: str) -> str | None:
    """Why the text does not look like English, or None when it does (or is too short)."""
    sample = text[:5000]
    words = _WORD.findall(sample)
    if len(words) < 12:
        return None
    letters = "".join(words)
    latin = len(letters.encode("ascii", "ignore")) / len(letters)  # ASCII letters kept
    if latin < 0.5:
        return f"only {latin:.0%} of letters are Latin"
    share = sum(1 for w in words if w.lower() in ENGLISH_FUNCTION_WORDS) / len(words)
    if share < 0.08:
        return f"only {share:.0%} of words are English function words"
    return None


def _document(raw: _Raw, text: str, flags: tuple[str, ...], date_column: str) -> Item:
    values: dict[str, str | None] = {}
    for key in (*META_FIELDS, date_column):
        value = raw.meta.get(key)
        if value is not None and not isinstance(value, str):
            return Quarantine(raw.source, f"field {key!r} must be a string", raw.doc_id, raw.line)
        values[key] = value or None
    date, date_flags = _normalise_date(values[date_column])
    if values[date_column] is None:
        date_flags = ("no_date",)
    return Document(
        doc_id=raw.doc_id,
        text=text,
        date=date,
        url=values["url"],
        publisher=values["publisher"],
        title=values["title"],
        source=raw.source,
        flags=flags + date_flags,
    )


def _normalise_date(value: str | None) -> tuple[str | None, tuple[str, ...]]:
    """An ISO date string (YYYY-MM-DD) from an ISO date or datetime; flags what fails."""
    if value is None:
        return None, ()
    try:
        return dt.date.fromisoformat(value).isoformat(), ()
    except ValueError:
        pass
    try:
        return dt.datetime.fromisoformat(value.replace("Z", "+00:00")).date().isoformat(), ()
    except ValueError:
        return None, ("unparseable_date",)
