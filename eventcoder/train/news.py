"""Training sentences from annotated news sentence files: PLOVER-typed pairs and quad classes.

Both formats are read as `eventcoder.eval_news` scores them ("plv": `pairs` with a
`plover_type`, source and target words; "quad": a quad class with source, target and
reciprocal words), and only from one part of the file by the committed split rule
(`gold_part(sentence_key(text))`, "train" by default): the "dev" part is what the model is
scored on, never what it learns from.

The model learns CAMEO codes, so each annotated sentence gets codes the scorer maps back:

- plv: one code per gold PLOVER type, in pair order: the rule coder's code for the sentence
  where its type is that one (the rules found the event and know its finer code), else the
  type's generic code (`TYPE_CODES`);
- quad: the rule coder's first code of the gold quad class (statements and appeals, roots
  01-02, for class 0; none for a class-0 sentence without them); a sentence the rules code
  in another class is left out, since its class does not tell which code to learn.

Source and target words become ACTOR and TARGET spans (reciprocal words: the first an actor,
the others targets). Trigger words are not annotated, so no tag says "not a trigger" there.
One sentence in five of the part (by the sentence key) is held back to choose the epoch
and the threshold.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from eventcoder.coders.rules.coder import RuleCoder
from eventcoder.errors import TrainError
from eventcoder.eval_news import event_quad, news_type, read_news
from eventcoder.gold import gold_format, sentence_key
from eventcoder.ingest import document_from_text, sha256_file
from eventcoder.nlp import load_nlp, sentences
from eventcoder.taxonomy import CameoTable, load_cameo_table
from eventcoder.train.records import Labelled, Span, normal_text, stable_fraction
from eventcoder.types import ParsedDocument

NEWS_FORMATS: tuple[str, ...] = ("plv", "quad")
NEWS_PARTS: tuple[str, ...] = ("train", "all")

TYPE_CODES: dict[str, str] = {
    "AGREE": "030",
    "CONSULT": "040",
    "SUPPORT": "050",
    "COOPERATE": "060",
    "AID": "070",
    "YIELD": "080",
    "ACCUSE": "110",
    "REQUEST": "100",
    "REJECT": "120",
    "THREATEN": "130",
    "PROTEST": "140",
    "MOBILIZE": "150",
    "SANCTION": "160",
    "COERCE": "170",
    "ASSAULT": "190",
}
"""The generic CAMEO code learnt for a PLOVER type where the rules give no code of it."""

_NEUTRAL_ROOTS = frozenset({"01", "02"})


def news_sentences(
    paths: Sequence[Path], part: str = "train"
) -> tuple[list[Labelled], list[dict[str, Any]]]:
    """Labelled sentences of news sentence files (plv and quad formats, the `part` of each),
    a sentence in several files taken once (from the first file giving it a label), and a
    record of each file."""
    if part not in NEWS_PARTS:
        raise TrainError(
            f"unknown part {part!r} of a news file: use one of {', '.join(NEWS_PARTS)}"
        )
    cameo = load_cameo_table()
    coder = RuleCoder.default()
    nlp = load_nlp()
    out: list[Labelled] = []
    seen: set[str] = set()
    files = []
    for path in paths:
        kind = gold_format(path)
        if kind not in NEWS_FORMATS:
            raise TrainError(f"{path} is not a news sentence file (plv or quad format)")
        records = read_news(path, part)
        texts = [" ".join(str(r["text"]).split()) for r in records]
        coded = [_rule_codes(coder, nlp, text, parsed) for text, parsed in _parsed(nlp, texts)]
        taken = left_out = 0
        for record, text, codes in zip(records, texts, coded, strict=True):
            if normal_text(text) in seen:
                continue
            if kind == "plv":
                made = _plv_sentence(record, text, codes, cameo)
            else:
                made = _quad_sentence(record, text, codes, cameo)
            if made is None:
                left_out += 1
                continue
            seen.add(normal_text(text))
            out.append(made)
            taken += 1
        files.append(
            {
                "path": str(path),
                "sha256": sha256_file(path),
                "format": kind,
                "part": part,
                "sentences": len(records),
                "taken": taken,
                "left_out_unknown_code": left_out,
            }
        )
    return out, files


def _parsed(nlp: Any, texts: list[str]) -> list[tuple[str, Any]]:
    return list(zip(texts, nlp.parse_many(texts), strict=True))


def _rule_codes(coder: RuleCoder, nlp: Any, text: str, parsed: Any) -> list[str]:
    """The rule coder's codes for a sentence, in text order."""
    document = document_from_text(text, doc_id="news")
    found = coder.code(ParsedDocument(document, tuple(sentences(document, parsed))))
    ordered = sorted(found, key=lambda c: (c.sentence_index, c.trigger.start))
    return list(dict.fromkeys(c.cameo_code for c in ordered))


def _labelled(
    kind: str, text: str, codes: tuple[str, ...], spans: list[Span], rules: list[str]
) -> Labelled:
    """A news sentence; its key is `FORMAT:sentence key` (`plv:...`, `quad:...`)."""
    key = sentence_key(text)
    return Labelled(
        key=f"{kind}:{key}",
        text=text,
        codes=codes,
        spans=tuple(sorted(set(spans))),
        source="gold",
        held_back=stable_fraction(key) < 0.2,
        triggers_known=False,
        rule_codes=tuple(rules),
    )


def _plv_sentence(
    record: dict[str, Any], text: str, rules: list[str], cameo: CameoTable
) -> Labelled | None:
    codes: list[str] = []
    spans: list[Span] = []
    for pair in record.get("pairs") or []:
        kind = str(pair.get("plover_type", ""))
        if kind not in TYPE_CODES:
            continue
        agreeing = [c for c in rules if c in cameo and news_type(cameo.get(c)) == kind]
        codes.append(agreeing[0] if agreeing else TYPE_CODES[kind])
        for words, label in ((pair.get("source"), "ACTOR"), (pair.get("target"), "TARGET")):
            spans.extend(_spans(text, words, label))
    if not codes:
        return None
    return _labelled("plv", text, tuple(dict.fromkeys(codes)), spans, rules)


def _quad_sentence(
    record: dict[str, Any], text: str, rules: list[str], cameo: CameoTable
) -> Labelled | None:
    quad = int(record["quad"])
    known = [c for c in rules if c in cameo]
    if quad == 0:
        codes = tuple(c for c in known if c[:2] in _NEUTRAL_ROOTS)
    else:
        same = [
            c for c in known if c[:2] not in _NEUTRAL_ROOTS and event_quad(cameo.get(c)) == quad
        ]
        if not same:
            return None
        codes = (same[0],)
    spans: list[Span] = []
    for words in record.get("sources") or []:
        spans.extend(_spans(text, words, "ACTOR"))
    for words in record.get("targets") or []:
        spans.extend(_spans(text, words, "TARGET"))
    for n, words in enumerate(record.get("reciprocal") or []):
        spans.extend(_spans(text, words, "ACTOR" if n == 0 else "TARGET"))
    return _labelled("quad", text, codes, spans, rules)


def _spans(text: str, words: Any, label: str) -> list[Span]:
    """The span of gold words in the sentence (the first place, then case aside), if there."""
    if not isinstance(words, str) or not words.strip():
        return []
    words = " ".join(words.split())
    at = text.find(words)
    if at < 0 and len(text.lower()) == len(text) and len(words.lower()) == len(words):
        at = text.lower().find(words.lower())
    return [] if at < 0 else [(at, at + len(words), label)]
