"""The event pattern lexicon (eventcoder/lexicon/events.yaml) and its loader."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest
import yaml

from eventcoder.coders.rules import RuleCoder
from eventcoder.errors import LexiconError
from eventcoder.patterns import (
    FRAMES,
    TARGET_SOURCES,
    Pattern,
    PatternSet,
    frame_code,
    future_code,
    load_patterns,
)
from eventcoder.pipeline import Pipeline
from eventcoder.taxonomy import load_cameo_table
from eventcoder.types import Document

PATTERNS = load_patterns()


def raw_entries() -> list[dict[str, object]]:
    text = resources.files("eventcoder").joinpath("lexicon", "events.yaml").read_text()
    data = yaml.safe_load(text)
    assert isinstance(data, dict)
    entries = data["patterns"]
    assert isinstance(entries, list)
    return entries


# --- the built-in lexicon -------------------------------------------------------------


def test_every_pattern_in_the_file_loads() -> None:
    assert isinstance(PATTERNS, PatternSet)
    assert len(PATTERNS.patterns) == len(raw_entries()) > 0
    assert PATTERNS.source == "eventcoder/lexicon/events.yaml"
    assert len(PATTERNS.checksum) == 64


def test_pattern_ids_are_unique() -> None:
    ids = [p.id for p in PATTERNS.patterns]
    assert len(ids) == len(set(ids))
    rule_ids = [p.rule_id for p in PATTERNS.patterns]
    assert len(rule_ids) == len(set(rule_ids))


@pytest.mark.parametrize("pattern", PATTERNS.patterns, ids=lambda p: p.rule_id)
def test_pattern_is_well_formed(pattern: Pattern) -> None:
    assert pattern.id.startswith(f"cameo.{pattern.code}.")
    assert pattern.rule_id == f"{pattern.id}.v{pattern.version}"
    assert isinstance(pattern.code, str) and pattern.code.isdigit()
    assert pattern.code in load_cameo_table()
    assert pattern.pos in {"verb", "noun", "adj"}
    assert pattern.lemmas and all(lemma == lemma.lower() for lemma in pattern.lemmas)
    assert pattern.negated_code is None or pattern.negated_code in load_cameo_table()
    assert pattern.frame is None or pattern.frame in FRAMES
    for source in pattern.target:
        assert source in TARGET_SOURCES or source.startswith("prep:")
    assert 0 < pattern.confidence <= 1
    assert pattern.example.strip(), "every pattern needs an example sentence"


def test_codes_in_the_raw_file_are_strings() -> None:
    # An unquoted 011 in YAML is the integer 9; the loader rejects it, this checks the file.
    for entry in raw_entries():
        assert isinstance(entry["code"], str), entry["id"]


@pytest.mark.parametrize("pattern", PATTERNS.patterns, ids=lambda p: p.rule_id)
def test_example_is_coded_by_its_pattern(pipeline: Pipeline, pattern: Pattern) -> None:
    result = pipeline.code_document(Document("example", pattern.example))
    assert result.invalid == []
    fired = [(row["rule_id"], row["cameo_code"]) for row in result.rows]
    if not pattern.standalone and pattern.frame is None:
        # An act named as a frame's complement ("demanded elections"): the example has an
        # event, and the complement is recognised by this pattern.
        coder = pipeline.coder
        assert isinstance(coder, RuleCoder)
        doc = pipeline.nlp.parse(pattern.example)
        matched = [m.id for t in doc if (m := coder.match(t)) is not None]
        assert pattern.id in matched, f"{pattern.example!r} matched {matched}"
        assert result.rows, f"{pattern.example!r} gave no event"
        return
    assert pattern.rule_id in [r for r, _ in fired], f"{pattern.example!r} gave {fired}"
    row = next(r for r in result.rows if r["rule_id"] == pattern.rule_id)
    if pattern.standalone:
        # A frame that needs a coded complement gives the complement's code; others their own.
        assert row["cameo_code"] == pattern.code, f"{pattern.example!r} gave {fired}"
    assert row["actor_code"], "the example's actor should be coded"
    assert pattern.example[row["trigger_start"] : row["trigger_end"]] == row["trigger_text"]


def test_more_specific_patterns_are_tried_first() -> None:
    call = [p.id for p in PATTERNS.for_lemma("call")]
    assert call.index("cameo.100.call_on") < call.index("cameo.020.call_for")
    assert call.index("cameo.020.call_for") < call.index("cameo.020.appeal")
    # sub-codes before their base code among equally constrained patterns
    pledge = [p.id for p in PATTERNS.for_lemma("pledge")]
    assert pledge.index("cameo.0331.pledge_economic_aid") < pledge.index("cameo.033.pledge_aid")
    attack = [p.id for p in PATTERNS.for_lemma("attack")]
    assert attack.index("cameo.195.air_strike") < attack.index("cameo.190.attack_event")
    assert PATTERNS.for_lemma("no-such-lemma") == []
    assert {"condemn", "clash", "airstrike"} <= PATTERNS.lemmas
    for lemma in PATTERNS.lemmas:
        ranks = [p.specificity for p in PATTERNS.for_lemma(lemma)]
        assert ranks == sorted(ranks, reverse=True), lemma


def test_pattern_accepts_only_its_part_of_speech() -> None:
    by_id = {p.id: p for p in PATTERNS.patterns}
    verb, noun = by_id["cameo.190.clash_verb"], by_id["cameo.190.clash"]
    assert verb.accepts_pos("VERB") and not verb.accepts_pos("NOUN")
    assert noun.accepts_pos("NOUN") and noun.accepts_pos("PROPN")
    assert not noun.accepts_pos("VERB")
    ready = by_id["cameo.030.ready"]  # "is ready to", "is prepared to"
    assert ready.accepts_pos("ADJ") and ready.accepts_pos("VERB") and not ready.accepts_pos("NOUN")


# --- frames: the code of a governing act from the act it governs -------------------------


@pytest.mark.parametrize(
    ("frame", "complement", "expected"),
    [
        ("intent", "046", "036"),  # agreed to hold talks
        ("intent", "0874", "0356"),  # pledged to withdraw
        ("intent", "071", "0331"),  # promised loans
        ("intent", "0831", "0341"),  # agreed to resign
        ("intent", "163", "1312"),  # vowed to impose sanctions: a threat
        ("intent", "190", "1384"),  # vowed to attack
        ("appeal", "0841", "0253"),  # urged ... to release prisoners
        ("appeal", "045", "028"),  # asked for mediation
        ("demand", "0874", "1056"),  # demanded the withdrawal
        ("demand", "0834", "1044"),  # demanded elections
        ("reject", "040", "125"),  # refused to meet
        ("reject", "0813", "1241"),  # refused to lift the curfew
        ("reject", "0253", "1243"),  # rejected calls for the release
        ("reject", "036", "125"),  # rejected an offer of talks
        ("threaten", "162", "1311"),  # threatened to cut aid
        ("threaten", "161", "1313"),  # threatened to break off relations
        ("threaten", "1723", "1323"),  # threatened to impose a curfew
        ("threaten", "143", "133"),  # threatened to strike
        ("threaten", "192", "1382"),  # threatened to occupy
        ("threaten", "2041", "1385"),  # threatened to use chemical weapons
    ],
)
def test_frame_codes(frame: str, complement: str, expected: str) -> None:
    assert frame_code(frame, complement) == expected
    assert expected in load_cameo_table()


def test_frames_leave_unrelated_complements_alone() -> None:
    assert frame_code("threaten", "046") is None  # "threatened to hold talks": no threat code
    assert frame_code("appeal", "190") is None
    assert frame_code("demand", None) is None
    # a statement of a future act: intent to cooperate, a threat of conflict, else the act
    assert future_code("0841") == "0353"
    assert future_code("1723") == "1323"
    assert future_code("111") == "111"
    assert future_code("055") == "055"  # "will apologise" is an apology


def test_every_frame_code_is_a_cameo_code() -> None:
    table = load_cameo_table()
    for frame in FRAMES - {"speech", "negate"}:
        for code in table.codes():
            mapped = frame_code(frame, code)
            assert mapped is None or mapped in table, (frame, code, mapped)


def test_specificity_counts_constraints() -> None:
    by_id = {p.id: p for p in PATTERNS.patterns}
    assert by_id["cameo.111.criticize"].specificity == 0
    assert by_id["cameo.100.call_on"].specificity == 2
    assert by_id["cameo.130.warn_consequences"].specificity == 2


# --- malformed pattern files ----------------------------------------------------------

VALID = """\
  - id: cameo.111.test
    version: 1
    code: "111"
    pos: verb
    lemmas: [condemn]
    target: [dobj]
"""


def write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "patterns.yaml"
    path.write_text("patterns:\n" + body, encoding="utf-8")
    return path


def load_error(tmp_path: Path, body: str) -> str:
    path = write(tmp_path, body)
    with pytest.raises(LexiconError) as info:
        load_patterns(path)
    message = str(info.value)
    assert str(path) in message, "the error names the file"
    return message


def test_a_valid_custom_file_loads(tmp_path: Path) -> None:
    path = write(tmp_path, VALID)
    patterns = load_patterns(path)
    assert [p.rule_id for p in patterns.patterns] == ["cameo.111.test.v1"]
    assert patterns.source == str(path)
    assert patterns.patterns[0].lemmas == frozenset({"condemn"})


def test_missing_code_is_rejected(tmp_path: Path) -> None:
    message = load_error(tmp_path, VALID.replace('    code: "111"\n', ""))
    assert "cameo.111.test" in message
    assert "code" in message
    assert "pattern #1" in message


@pytest.mark.parametrize(
    ("written", "read_as"),
    [("111", "111"), ("11", "11"), ("011", "9"), ("020", "16")],
    ids=["111", "11", "octal-011", "octal-020"],
)
def test_unquoted_integer_code_is_rejected(tmp_path: Path, written: str, read_as: str) -> None:
    # YAML reads unquoted 011 as the octal integer 9 and 020 as 16 (a different, valid
    # CAMEO root), so integer codes cannot be normalised: they must be quoted.
    body = VALID.replace('code: "111"', f"code: {written}").replace(
        "cameo.111.test", f"cameo.{written}.test"
    )
    message = load_error(tmp_path, body)
    assert f"cameo.{written}.test" in message
    assert "quoted" in message
    assert read_as in message


def test_unknown_target_source_is_rejected(tmp_path: Path) -> None:
    message = load_error(tmp_path, VALID.replace("target: [dobj]", "target: [dobj, subject]"))
    assert "cameo.111.test" in message
    assert "unknown target source 'subject'" in message


def test_target_must_be_a_list(tmp_path: Path) -> None:
    message = load_error(tmp_path, VALID.replace("target: [dobj]", "target: dobj"))
    assert "cameo.111.test" in message and "'target' must be a list" in message


def test_target_prep_needs_a_prep_constraint(tmp_path: Path) -> None:
    message = load_error(tmp_path, VALID.replace("target: [dobj]", "target: [prep]"))
    assert "cameo.111.test" in message and "prep" in message


def test_code_not_in_cameo_is_rejected(tmp_path: Path) -> None:
    body = VALID.replace('code: "111"', 'code: "099"').replace("cameo.111.", "cameo.099.")
    message = load_error(tmp_path, body)
    assert "cameo.099.test" in message and "'099' is not in the CAMEO table" in message


def test_id_must_match_code(tmp_path: Path) -> None:
    message = load_error(tmp_path, VALID.replace('code: "111"', 'code: "112"'))
    assert "cameo.111.test" in message and "cameo.112." in message


def test_duplicate_ids_are_rejected(tmp_path: Path) -> None:
    message = load_error(tmp_path, VALID + VALID)
    assert "duplicate" in message and "cameo.111.test" in message


def test_unknown_field_is_rejected(tmp_path: Path) -> None:
    # A misspelt constraint would otherwise be ignored and the pattern would fire too often.
    message = load_error(tmp_path, VALID + "    modifers: [air]\n")
    assert "cameo.111.test" in message and "modifers" in message


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("pos: verb", "pos: adjective", "pos must be one of"),
        ("lemmas: [condemn]", "lemmas: []", "lemmas is empty"),
        ("lemmas: [condemn]", "lemmas: condemn", "'lemmas' must be a list"),
        ("version: 1", "version: one", "version"),
        ("version: 1", "version: 1.5", "version"),
        ("target: [dobj]", "target: [dobj]\n    confidence: 1.5", "confidence"),
    ],
    ids=["pos", "empty-lemmas", "lemmas-string", "version-word", "version-float", "confidence"],
)
def test_bad_fields_are_rejected(tmp_path: Path, old: str, new: str, expected: str) -> None:
    message = load_error(tmp_path, VALID.replace(old, new))
    assert "cameo.111.test" in message and expected in message


def test_optional_fields_load(tmp_path: Path) -> None:
    body = VALID.replace(
        "    target: [dobj]\n",
        '    target: [dobj]\n    negated_code: "120"\n    frame: reject\n    standalone: false\n',
    )
    (pattern,) = load_patterns(write(tmp_path, body)).patterns
    assert (pattern.negated_code, pattern.frame, pattern.standalone) == ("120", "reject", False)


def test_actor_roles_and_target_required_load(tmp_path: Path) -> None:
    body = VALID + '    actor_roles: {CVL: "141", STATE: "111"}\n    target_required: true\n'
    (pattern,) = load_patterns(write(tmp_path, body)).patterns
    assert pattern.actor_roles == (("CVL", "141"), ("STATE", "111"))
    assert (pattern.code_for("CVL"), pattern.code_for("GOV"), pattern.code_for(None)) == (
        "141",
        "111",
        "111",
    )
    assert pattern.target_required


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        ('    actor_roles: {CVL: "099"}\n', "actor_roles code '099' is not in the CAMEO table"),
        ("    actor_roles: [CVL]\n", "'actor_roles' must be a mapping"),
        ('    negated_code: "099"\n', "negated_code '099' is not in the CAMEO table"),
        ("    negated_code: 120\n", "quoted"),
        ("    frame: wish\n", "frame must be one of"),
        ("    standalone: no-thanks\n", "'standalone' must be true or false"),
    ],
    ids=[
        "actor-roles-unknown",
        "actor-roles-list",
        "negated-code-unknown",
        "negated-code-int",
        "frame",
        "standalone",
    ],
)
def test_bad_optional_fields_are_rejected(tmp_path: Path, extra: str, expected: str) -> None:
    message = load_error(tmp_path, VALID + extra)
    assert "cameo.111.test" in message and expected in message


def test_pattern_that_is_not_a_mapping_is_rejected(tmp_path: Path) -> None:
    message = load_error(tmp_path, VALID + "  - just a string\n")
    assert "pattern #2" in message


@pytest.mark.parametrize("text", ["", "patterns: 3\n", "- id: x\n"], ids=["empty", "int", "list"])
def test_file_without_a_patterns_list_is_rejected(tmp_path: Path, text: str) -> None:
    path = tmp_path / "patterns.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(LexiconError, match="'patterns' list") as info:
        load_patterns(path)
    assert str(path) in str(info.value)


def test_invalid_yaml_is_a_lexicon_error(tmp_path: Path) -> None:
    path = tmp_path / "patterns.yaml"
    path.write_text("patterns:\n  - id: [unclosed\n", encoding="utf-8")
    with pytest.raises(LexiconError, match="not valid YAML") as info:
        load_patterns(path)
    assert str(path) in str(info.value)
