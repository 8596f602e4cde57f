"""Codes one document: parse, code, date and label, validate; shared by build, code and eval."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from eventcoder.acled_typing import ACLED_CODER, AcledTyper
from eventcoder.coders.base import Coder
from eventcoder.coders.registry import CoderSpec, parse_spec
from eventcoder.dates import DateResolver
from eventcoder.nlp import NLP, load_nlp, sentences
from eventcoder.places.gazetteer import Gazetteer
from eventcoder.places.locate import Locator
from eventcoder.places.roles import place_role_actors
from eventcoder.rows import event_row, link_acled_events
from eventcoder.schema import RowValidator, Violation
from eventcoder.taxonomy import CameoTable, load_cameo_table
from eventcoder.types import CoderInfo, Document, Event, EventDate, ParsedDocument


@dataclass(frozen=True)
class DocumentResult:
    """The rows coded from one document, the rows that failed validation, and counts."""

    doc_id: str
    sentences: int
    rows: list[dict[str, Any]]
    invalid: list[tuple[dict[str, Any], list[Violation]]] = field(default_factory=list)


class Pipeline:
    """A loaded spaCy model, a coder, the CAMEO table and a validator: everything to code text."""

    def __init__(
        self, nlp: NLP, coder: Coder, cameo: CameoTable | None = None, validate: bool = True
    ) -> None:
        self.nlp = nlp
        self.coder = coder
        self.cameo = cameo or load_cameo_table()
        self.acled = AcledTyper.default()
        self.validator = RowValidator() if validate else None
        self._coder_info = CoderInfo(coder.name, coder.version)
        self._acled_info = CoderInfo(ACLED_CODER, self.acled.version)
        self.dates = DateResolver()
        self.locator = Locator(Gazetteer.load())

    def parse(self, document: Document, parsed_doc: Any | None = None) -> ParsedDocument:
        """The document split into sentences with parses (parsing it unless a parse is given)."""
        spacy_doc = parsed_doc if parsed_doc is not None else self.nlp.parse(document.text)
        return ParsedDocument(document, tuple(sentences(document, spacy_doc)))

    def events(self, parsed: ParsedDocument) -> list[Event]:
        """Labelled events for a parsed document (the coder's events, with ACLED labels)."""
        return self.all_events(parsed)[0]

    def all_events(self, parsed: ParsedDocument) -> tuple[list[Event], list[Event]]:
        """The coder's labelled events, and the ACLED events only the ACLED typer found."""
        by_index = {s.index: (s, span) for s, span in parsed.sentences}
        dates: dict[int, EventDate] = {}
        candidates = place_role_actors(self.locator.gazetteer, parsed, self.coder.code(parsed))
        acled = self.acled.type_document(parsed, candidates)
        located = self.locator.locate(parsed, candidates)
        extra = [cand for cand, _ in acled.extra]
        if extra:
            located_extra = self.locator.locate(parsed, candidates + extra)[len(candidates) :]
        else:
            located_extra = []
        out: tuple[list[Event], list[Event]] = ([], [])
        labelled = (
            (0, zip(located, acled.labels, strict=True)),
            (1, zip(located_extra, (lab for _, lab in acled.extra), strict=True)),
        )
        for which, pairs in labelled:
            for cand, labels in pairs:
                sentence, span = by_index[cand.sentence_index]
                if sentence.index not in dates:
                    dates[sentence.index] = self.dates.resolve(parsed.document, sentence, span)
                out[which].append(
                    Event(
                        document=parsed.document,
                        sentence=sentence,
                        candidate=cand,
                        coder=self._acled_info if which else self._coder_info,
                        date=dates[sentence.index],
                        cameo=self.cameo.get(cand.cameo_code),
                        acled=labels.event_type,
                        actor_inter=labels.actor_inter,
                        target_inter=labels.target_inter,
                    )
                )
        return out

    def code_document(self, document: Document, parsed_doc: Any | None = None) -> DocumentResult:
        """Rows for one document; rows that break the schema are set aside with the reasons."""
        parsed = self.parse(document, parsed_doc)
        rows: list[dict[str, Any]] = []
        invalid: list[tuple[dict[str, Any], list[Violation]]] = []
        coded, acled_only = self.all_events(parsed)
        events = sorted(coded + acled_only, key=lambda e: e.sentence.index)
        for row in link_acled_events([event_row(event) for event in events]):
            problems = self.validator.violations(row) if self.validator else []
            if problems:
                invalid.append((row, problems))
            else:
                rows.append(row)
        return DocumentResult(document.doc_id, len(parsed.sentences), rows, invalid)


@dataclass(frozen=True)
class PipelineSpec:
    """What a pipeline is loaded from: the spaCy model, the coder spec and its dictionaries.

    >>> PipelineSpec(coder="rules").coder_spec().name
    'rules'
    """

    model: str | None = None
    coder: str = "rules"
    dictionaries: str | None = None

    def coder_spec(self) -> CoderSpec:
        """The coder spec checked and parsed into the coder's options (errors name the fix)."""
        return parse_spec(self.coder, self.dictionaries)

    def load(self, *, validate: bool = True) -> Pipeline:
        """The loaded pipeline: spaCy model, coder, tables and validator."""
        coder = self.coder_spec().create()
        return Pipeline(load_nlp(self.model), coder, validate=validate)
