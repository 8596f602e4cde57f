"""Behaviour of the petrarch coder (eventcoder/coders/petrarch/) with small dictionaries.

The dictionaries are written to a temporary folder; sentences are parsed with the installed
spaCy model, since the coder reads subjects, passives and clauses from the parse.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from eventcoder.cli import main
from eventcoder.coders.petrarch.coder import PetrarchCoder
from eventcoder.coders.petrarch.loading import DictionaryOption, load_dictionaries
from eventcoder.coders.petrarch.patterns import compile_pattern
from eventcoder.coders.petrarch.phrases import match_phrase, sentence_words
from eventcoder.coders.petrarch.records import VerbPattern
from eventcoder.coders.registry import get_coder
from eventcoder.coders.rules import RuleCoder
from eventcoder.errors import LexiconError, UnknownCoderError
from eventcoder.nlp import NLP, sentences
from eventcoder.pipeline import Pipeline
from eventcoder.types import Document, ParsedDocument

VERBS = """\
&CURRENCY
+DOLLARS
+SWISS FRANCS

&NEGAUX
+DID N'T
+WILL NOT

--- CONDEMN [122] ---
CONDEMN

--- CONTRIBUTE [070] ---
CONTRIBUTE
- * &CURRENCY [071]
- * RUPEES [073]

--- CLASH [190] ---
CLASH
- &NEGAUX * OVER EFFORTS [191]
- * OVER EFFORTS [121]
- * OVER_GOATS [111]

--- FREE [066] ---
FREE
- + * FROM $ [0841]

--- BREAK [171] ---
BREAK {BROKE BROKEN}
+BREAK_DOWN {+BROKE_DOWN +BROKEN_DOWN +BREAKS_DOWN}
- * TREATY [161]

--- CELEBRATE [042] ---
CELEBRATE
- * EID AT ^ WITH + [043]

--- DELAY [191] ---
DELAY
- % HAVE * [192]

--- VISIT [042:043] ---
VISIT

--- ATTACK [190] ---
ATTACK

--- BOYCOTT [1917] ---
BOYCOTT

--- SAID [010] ---
SAID
"""

ACTORS = """\
ARNOR [ARN]
GONDOR [GON]
+MINAS_TIRITH
OSGILIATH [OSG]
MORDOR [MOR]
+BARAD-DUR
THE_SHIRE [FRO/BIL/SAM]
GOLLUM
+SMEAGOL
    [HOB <950601]
    [HOBGOV 19950601-19990815]
    [HOBREB >19990816]
"""

AGENTS = """\
GOVERNMENT [~GOV]
OFFICIAL [~GOV]
SOLDIER [~MIL]
LAWMAKER [~LEG]
MSF {} [NGO~]
"""

DISCARDS = """\
# discards
BASEBALL
+TYPHOON
"""


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("dictionaries")
    for name, text in (
        ("test.verbs.txt", VERBS),
        ("test.actors.txt", ACTORS),
        ("test.agents.txt", AGENTS),
        ("test.discards.txt", DISCARDS),
    ):
        (path / name).write_text(text, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def coder(folder: Path) -> PetrarchCoder:
    """Only the test dictionaries (petrarch-replace:)."""
    return PetrarchCoder.from_option(DictionaryOption("petrarch", (str(folder),), replace=True))


@pytest.fixture(scope="module")
def extending(folder: Path) -> PetrarchCoder:
    """The test dictionaries, then the built-in actors (petrarch:)."""
    return PetrarchCoder.from_option(DictionaryOption("petrarch", (str(folder),)))


def code(
    nlp: NLP, coder: PetrarchCoder, text: str, date: str | None = None
) -> set[tuple[str | None, str | None, str]]:
    """The (source, target, event code) triples the coder gives for a text."""
    return {
        (c.actor.code if c.actor else None, c.target.code if c.target else None, c.cameo_code)
        for c in candidates(nlp, coder, text, date)
    }


def candidates(nlp: NLP, coder: PetrarchCoder, text: str, date: str | None = None) -> list:  # type: ignore[type-arg]
    document = Document("d", text, date=date)
    parsed = ParsedDocument(document, tuple(sentences(document, nlp.parse(text))))
    return coder.code(parsed)


# --- verbs, patterns and codes -----------------------------------------------------------------


def test_a_dictionary_verb_codes_its_subject_against_its_object(
    nlp: NLP, coder: PetrarchCoder, folder: Path
) -> None:
    found = candidates(nlp, coder, "Arnor condemned Gondor.")
    assert [(c.actor.code, c.target.code, c.cameo_code) for c in found] == [("ARN", "GON", "122")]
    event = found[0]
    assert (event.actor.text, event.target.text, event.trigger.text) == (
        "Arnor",
        "Gondor",
        "condemned",
    )
    line = VERBS.splitlines().index("CONDEMN") + 1
    assert event.rule_id == f"petrarch.test.verbs.{line}"


def test_a_pattern_after_the_verb_overrides_the_verb_code(nlp: NLP, coder: PetrarchCoder) -> None:
    assert code(nlp, coder, "Arnor broke a treaty with Gondor.") == {("ARN", "GON", "161")}
    assert code(nlp, coder, "Arnor broke relations with Gondor.") == {("ARN", "GON", "171")}


def test_a_multi_word_verb_is_matched_as_a_whole(nlp: NLP, coder: PetrarchCoder) -> None:
    found = candidates(nlp, coder, "Arnor broke down relations with Gondor.")
    assert [(c.cameo_code, c.trigger.text) for c in found] == [("171", "broke down")]


def test_a_synset_matches_any_of_its_members_including_multi_word_ones(
    nlp: NLP, coder: PetrarchCoder
) -> None:
    for money in ("dollars", "swiss francs"):
        text = f"Arnor contributed a million {money} to Gondor."
        assert code(nlp, coder, text) == {("ARN", "GON", "071")}
    text = "Arnor contributed a million rupees to Gondor."
    assert code(nlp, coder, text) == {("ARN", "GON", "073")}
    text = "Arnor contributed a million goats to Gondor."
    assert code(nlp, coder, text) == {("ARN", "GON", "070")}


def test_words_joined_by_an_underscore_must_follow_each_other(
    nlp: NLP, coder: PetrarchCoder
) -> None:
    text = "Arnor clashed over goats with Gondor."
    assert code(nlp, coder, text) == {("ARN", "GON", "111")}
    text = "Arnor clashed over the goats of Gondor."
    assert code(nlp, coder, text) == {("ARN", "GON", "190")}


def test_words_before_the_verb_select_a_pattern_and_allow_words_between(
    nlp: NLP, coder: PetrarchCoder
) -> None:
    text = "Arnor didn't clash over the efforts of Gondor."
    assert code(nlp, coder, text) == {("ARN", "GON", "191")}
    text = "Arnor will not ever clash over the efforts of Gondor."
    assert code(nlp, coder, text) == {("ARN", "GON", "191")}
    text = "Arnor clashed over the efforts of Gondor."
    assert code(nlp, coder, text) == {("ARN", "GON", "121")}


def test_a_negated_verb_without_a_pattern_gives_no_event(nlp: NLP, coder: PetrarchCoder) -> None:
    assert code(nlp, coder, "Arnor did not attack Gondor.") == set()
    assert code(nlp, coder, "Arnor attacked Gondor.") == {("ARN", "GON", "190")}


def test_source_and_target_markers_in_a_pattern_assign_the_roles(
    nlp: NLP, coder: PetrarchCoder
) -> None:
    # "+ * FROM $": the actor before the verb is the target, the one after FROM the source
    assert code(nlp, coder, "Gondor was freed from Barad-dur.") == {("MOR", "GON", "0841")}


def test_a_skip_marker_passes_over_an_actor(nlp: NLP, coder: PetrarchCoder) -> None:
    text = "Arnor has celebrated Eid at Osgiliath with Gondor."
    assert code(nlp, coder, text) == {("ARN", "GON", "043")}


def test_a_compound_marker_codes_the_members_against_each_other(
    nlp: NLP, coder: PetrarchCoder
) -> None:
    text = "Gondor and Osgiliath have delayed their meeting."
    assert code(nlp, coder, text) == {("GON", "OSG", "192"), ("OSG", "GON", "192")}


def test_a_paired_code_adds_the_reverse_event(nlp: NLP, coder: PetrarchCoder) -> None:
    assert code(nlp, coder, "Arnor visited Gondor.") == {
        ("ARN", "GON", "042"),
        ("GON", "ARN", "043"),
    }


def test_the_by_phrase_of_a_passive_is_the_source(nlp: NLP, coder: PetrarchCoder) -> None:
    assert code(nlp, coder, "Gondor was attacked by Arnor.") == {("ARN", "GON", "190")}


def test_a_statement_gives_way_to_the_event_in_its_clause(nlp: NLP, coder: PetrarchCoder) -> None:
    text = "Arnor condemned Gondor, a senior Osgiliath official said."
    assert code(nlp, coder, text) == {("ARN", "GON", "122")}


def test_a_pronoun_subject_takes_the_subject_of_the_governing_clause(
    nlp: NLP, coder: PetrarchCoder
) -> None:
    assert code(nlp, coder, "Arnor said it would attack Gondor.") == {("ARN", "GON", "190")}


def test_codes_outside_cameo_become_their_cameo_parent_or_are_kept_for_validation(
    nlp: NLP, coder: PetrarchCoder
) -> None:
    assert code(nlp, coder, "Arnor boycotted Gondor.") == {("ARN", "GON", "191")}
    keeping = coder.with_dictionary_codes()
    assert code(nlp, keeping, "Arnor boycotted Gondor.") == {("ARN", "GON", "1917")}
    table = keeping.cameo_table()
    assert "1917" in table and table.get("1917").quad_class == table.get("191").quad_class


def test_patterns_read_connectors_and_glued_markers() -> None:
    dictionaries = load_dictionaries([])
    pattern = VerbPattern("X", (), (), "010", "f:1", raw="NOW_+ HAVE * $ IN_SOUTH")
    compiled = compile_pattern(pattern, dictionaries, 0)
    assert compiled is not None
    # before the verb, nearest first: HAVE, +, NOW (NOW_+: NOW touches the actor)
    assert [(e.kind, e.closed) for e in compiled.before] == [
        ("word", False),
        ("+", False),
        ("word", True),
    ]
    assert [(e.kind, e.closed) for e in compiled.after] == [
        ("$", False),
        ("word", False),
        ("word", True),
    ]


# --- actors and agents -------------------------------------------------------------------------


def test_agents_combine_with_the_actor_next_to_them(nlp: NLP, coder: PetrarchCoder) -> None:
    text = "The Arnor government condemned Osgiliath soldiers."
    assert code(nlp, coder, text) == {("ARNGOV", "OSGMIL", "122")}
    assert code(nlp, coder, "MSF Arnor condemned Gondor.") == {("NGOARN", "GON", "122")}
    assert code(nlp, coder, "Gondor's government condemned Arnor.") == {("GONGOV", "ARN", "122")}


def test_an_agent_without_an_actor_gives_its_bare_code(nlp: NLP, coder: PetrarchCoder) -> None:
    found = candidates(nlp, coder, "Lawmakers condemned Gondor.")
    assert [(c.actor.code, c.actor.country, c.actor.role) for c in found] == [("LEG", None, "LEG")]
    keeping = coder.with_dictionary_codes()
    assert code(nlp, keeping, "Lawmakers condemned Gondor.") == {("---LEG", "GON", "122")}


def test_an_agent_governing_actors_takes_each_of_them(nlp: NLP, coder: PetrarchCoder) -> None:
    text = "Lawmakers in Arnor and Gondor condemned Osgiliath."
    assert code(nlp, coder, text) == {("ARNLEG", "OSG", "122"), ("GONLEG", "OSG", "122")}


def test_compound_actors_give_one_event_each_in_one_group(nlp: NLP, coder: PetrarchCoder) -> None:
    found = candidates(nlp, coder, "Arnor, Gondor and Osgiliath condemned Mordor.")
    assert {(c.actor.code, c.target.code) for c in found} == {
        ("ARN", "MOR"),
        ("GON", "MOR"),
        ("OSG", "MOR"),
    }
    assert len({c.group_id for c in found}) == 1 and found[0].group_id is not None


def test_an_actor_with_several_codes_gives_an_event_for_each(
    nlp: NLP, coder: PetrarchCoder
) -> None:
    assert code(nlp, coder, "The Shire condemned Gondor.") == {
        ("FRO", "GON", "122"),
        ("BIL", "GON", "122"),
        ("SAM", "GON", "122"),
    }


def test_a_date_restricted_actor_is_coded_for_the_document_date(
    nlp: NLP, coder: PetrarchCoder
) -> None:
    text = "Smeagol condemned Gondor."
    assert code(nlp, coder, text, "1995-01-01") == {("HOB", "GON", "122")}
    assert code(nlp, coder, text, "1996-01-01") == {("HOBGOV", "GON", "122")}
    assert code(nlp, coder, text, "2001-01-01") == {("HOBREB", "GON", "122")}


def test_extend_falls_back_to_the_built_in_actors_and_replace_does_not(
    nlp: NLP, coder: PetrarchCoder, extending: PetrarchCoder
) -> None:
    text = "Arnor condemned France."
    assert code(nlp, extending, text) == {("ARN", "FRA", "122")}
    assert code(nlp, coder, text) == set()


def test_words_written_without_a_space_match_one_dictionary_word(nlp: NLP) -> None:
    words = sentence_words(nlp.parse("They left Barad-dur and Dol_Amroth.")[:])
    texts = [w.text for w in words]
    at = texts.index("barad")
    assert match_phrase(words, ("barad-dur",), at) == at + 3
    assert match_phrase(words, ("barad",), at) == at + 1
    assert texts[-3:-1] == ["dol", "amroth"]


# --- discards ---------------------------------------------------------------------------------


def test_a_sentence_discard_drops_its_sentence_and_a_story_discard_the_document(
    nlp: NLP, coder: PetrarchCoder
) -> None:
    assert code(nlp, coder, "Arnor condemned Gondor over baseball.") == set()
    text = "Arnor condemned Gondor. Osgiliath condemned Mordor over baseball."
    assert code(nlp, coder, text) == {("ARN", "GON", "122")}
    text = "Arnor condemned Gondor. The typhoon hit Osgiliath."
    assert code(nlp, coder, text) == set()


# --- rows, provenance and the registry ----------------------------------------------------------


def test_rows_are_valid_and_carry_the_dictionary_checksum(nlp: NLP, coder: PetrarchCoder) -> None:
    pipeline = Pipeline(nlp, coder)
    text = "Lawmakers in Arnor and Gondor condemned Osgiliath. Arnor boycotted Gondor."
    result = pipeline.code_document(Document("d", text, date="2020-01-02"))
    assert result.invalid == [] and len(result.rows) == 3
    assert {r["coder"] for r in result.rows} == {"petrarch"}
    assert result.rows[0]["coder_version"] == "2+" + coder.dictionaries.checksum[:12]
    provenance = coder.provenance()
    assert provenance["dictionaries_sha256"] == coder.dictionaries.checksum
    assert provenance["actors"] == "dictionaries only"
    assert sum(k.startswith("dictionary_") and k[-1].isdigit() for k in provenance) == 4


def test_the_registry_builds_the_petrarch_coder_from_the_option(folder: Path) -> None:
    coder = get_coder("petrarch", f"petrarch-replace:{folder}")
    assert isinstance(coder, PetrarchCoder) and coder.builtin is None
    assert isinstance(get_coder("petrarch", f"petrarch:{folder}"), PetrarchCoder)
    with pytest.raises(UnknownCoderError, match="needs dictionaries"):
        get_coder("petrarch")


def test_a_wildcard_in_the_option_stands_for_the_files_it_matches(folder: Path) -> None:
    coder = get_coder("petrarch", f"petrarch-replace:{folder / 'test.verbs.txt'},{folder}/*.a*")
    assert isinstance(coder, PetrarchCoder)
    assert sorted(f.kind for f in coder.dictionaries.files) == ["actors", "agents", "verbs"]
    with pytest.raises(LexiconError, match="no dictionary file matches"):
        get_coder("petrarch", f"petrarch:{folder}/*.nothing")


def test_the_rules_coder_refuses_a_verbs_dictionary_and_names_the_petrarch_coder(
    folder: Path,
) -> None:
    with pytest.raises(LexiconError, match="petrarch coder"):
        get_coder("rules", f"petrarch:{folder}")


def test_the_rules_coder_with_actors_only_uses_them_as_extra_actors(nlp: NLP, folder: Path) -> None:
    chosen = get_coder("rules", f"petrarch:actors:{folder / 'test.actors.txt'}")
    assert isinstance(chosen, RuleCoder)
    result = Pipeline(nlp, chosen).code_document(Document("d", "Arnor condemned Mordor."))
    assert [(r["actor_code"], r["target_code"]) for r in result.rows] == [("ARN", "MOR")]
    assert chosen.provenance()["actors_sha256"] != RuleCoder.default().provenance()["actors_sha256"]


def test_the_petrarch_coder_without_a_verbs_dictionary_says_what_to_add(folder: Path) -> None:
    with pytest.raises(LexiconError, match="verbs dictionary"):
        get_coder("petrarch", f"petrarch:{folder / 'test.actors.txt'}")


# --- the command line -------------------------------------------------------------------------


def test_code_on_the_command_line_uses_the_dictionaries(folder: Path) -> None:
    result = CliRunner().invoke(
        main,
        [
            "code",
            "Arnor condemned Gondor.",
            "--coder",
            "petrarch",
            "--dictionaries",
            f"petrarch-replace:{folder}",
            "--format",
            "jsonl",
        ],
    )
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert [(r["actor_code"], r["target_code"], r["cameo_code"]) for r in rows] == [
        ("ARN", "GON", "122")
    ]
    assert rows[0]["rule_id"].startswith("petrarch.test.verbs.")


VALIDATION = """\
<Validation><Sentences>
<Sentence date="19950101" id="T-1" category="DEMO" sentence="true">
<EventCoding sourcecode="ARN" targetcode="GON" eventcode="1917"></EventCoding>
<Text>Arnor boycotted Gondor.</Text>
</Sentence>
<Sentence date="19950101" id="T-2" category="AGENT" sentence="true">
<EventCoding sourcecode="---LEG" targetcode="GON" eventcode="122"></EventCoding>
<Text>Lawmakers condemned Gondor.</Text>
</Sentence>
<Sentence date="19950101" id="T-3" category="AGENT" sentence="true">
<EventCoding noevents="True"></EventCoding>
<Text>Arnor condemned Gondor over baseball.</Text>
</Sentence>
</Sentences></Validation>
"""


def test_eval_scores_validation_records_in_the_dictionaries_own_codes(
    folder: Path, tmp_path: Path
) -> None:
    gold = tmp_path / "records.xml"
    gold.write_text(VALIDATION, encoding="utf-8")
    result = CliRunner().invoke(
        main,
        [
            "eval",
            "--gold",
            str(gold),
            "--coder",
            "petrarch",
            "--dictionaries",
            f"petrarch-replace:{folder}",
            "--report",
            str(tmp_path / "report.json"),
        ],
    )
    assert result.exit_code == 0, result.output
    assert "sentences coded exactly: 100.0%" in result.output
    report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert report["exact"]["AGENT"] == {"exact": 2, "sentences": 2}
