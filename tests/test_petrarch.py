"""Readers for TABARI/PETRARCH dictionaries and validation XML (eventcoder.coders.petrarch)."""

from __future__ import annotations

import datetime as dt
import re
import time
from collections import Counter
from pathlib import Path

import pytest

from eventcoder.coders.petrarch.dictionaries import Dictionaries
from eventcoder.coders.petrarch.loading import (
    kind_from_content,
    kind_from_name,
    load_dictionaries,
    load_dictionary_file,
    parse_dictionaries_option,
)
from eventcoder.coders.petrarch.records import ActorEntry, DatedCode, Problem, actor_code_on
from eventcoder.coders.petrarch.text import plural_of, regular_verb_forms
from eventcoder.coders.petrarch.validation import read_validation_environment, read_validation_xml
from eventcoder.errors import EventcoderError, InputError, LexiconError

PEER = Path(__file__).resolve().parents[2] / "shared" / "peer" / "petrarch2"
PHOENIX = (
    "CAMEO.2.0.txt",
    "Phoenix.Countries.actors.txt",
    "Phoenix.International.actors.txt",
    "Phoenix.MilNonState.actors.txt",
    "Phoenix.agents.txt",
    "Phoenix.discards.txt",
)
VALIDATION = tuple(
    f"PETR.Validate.{kind}.txt" for kind in ("verbs", "actors", "agents", "discards")
)
ERROR_KINDS = (
    "has no [CODE]",
    "bad actor code [",
    "around the actor codes is ignored",
    "unbalanced brackets in pattern",
    "bad agent line",
    "write one '+' synonym a line",
    "']' inside actor name",
)
needs_peer = pytest.mark.skipif(
    not (PEER / "CAMEO.2.0.txt").is_file(),
    reason=f"the PETRARCH2 peer dictionaries are not at {PEER} (../shared/peer/petrarch2)",
)


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def load(folder: Path, name: str, text: str) -> Dictionaries:
    return load_dictionaries([write(folder, name, text)])


def lines_of(problems: list[Problem], severity: str = "error") -> list[int]:
    return [p.line for p in problems if p.severity == severity]


# --- verbs --------------------------------------------------------------------------------

VERBS = """\
<!-- a verbs dictionary
     in the PETRARCH format -->
&CURRENCY
+DOLLAR
+SWISS_FRANCS_   # no plural: ends in _
+&HYPERCURR

&HYPERCURR
+BITCOIN
+&CURRENCY        # a cycle: cut when expanding

&AUXVERB_
+WAS
+WERE

--- FIGHT  [190] ---
FIGHT {FIGHTS FOUGHT FIGHTING }
ACCUSE [112]
+BREAK_DOWN {+BREAKS_DOWN +BROKE_DOWN}
KLM_NOP_+RST [020]
- SAID + * (TO &CURRENCY) {AID PACKAGE} $ [073]  # pas 2014
- IN_*  [075A]
- % * [013:012]
- * (AT HEARING) [:173]
- * DOWN [---]
- * &UNKNOWN [190]
~ a (a b ATTACK) SAY = a b 015
"""


def test_synsets_expand_nested_members_with_plurals_and_cut_cycles(tmp_path: Path) -> None:
    d = load(tmp_path, "my.verbs.txt", VERBS)
    assert d.synsets["CURRENCY"].members == (("dollar",), ("swiss", "francs"), ("&HYPERCURR",))
    expanded = d.expand_synset("&CURRENCY")
    assert expanded == {
        ("dollar",),
        ("dollars",),
        ("swiss", "francs"),  # trailing _: no plural
        ("bitcoin",),
        ("bitcoins",),
    }
    assert d.expand_synset("CURRENCY", plurals=False) == {
        ("dollar",),
        ("swiss", "francs"),
        ("bitcoin",),
    }
    # A synset named with a trailing _ takes no plurals for any member.
    assert d.expand_synset("AUXVERB") == {("was",), ("were",)}
    assert d.expand_synset("NOPE") == frozenset()


def test_verb_block_gives_each_verb_its_forms_code_and_family(tmp_path: Path) -> None:
    d = load(tmp_path, "my.verbs.txt", VERBS)
    assert d.families["FIGHT"].code == "190"
    fight, accuse, break_down, rst = d.verbs
    assert (fight.verb, fight.forms, fight.code) == (
        "fight",
        ("fights", "fought", "fighting"),
        None,
    )
    assert accuse.forms == ("accuses", "accused", "accusing")  # regular forms generated
    assert d.verb_code(fight) == "190" and d.verb_code(accuse) == "112"
    assert break_down.verb == "break down" and break_down.head == "break"
    assert break_down.forms == ("breaks down", "broke down")
    assert (rst.verb, rst.head, rst.head_at, rst.code) == ("klm nop rst", "rst", 2, "020")
    assert rst.forms[0] == "klm nop rsts"
    assert d.verb_entries(["Fought"]) == (fight,)
    assert d.verb_entries(["broke", "down"]) == (break_down,)
    assert d.verb_heads["broke"] == (break_down,)
    assert d.verb_heads["rsted"] == (rst,)
    assert {p.code for p in d.patterns_for(["fighting"])} == {
        "073",
        "075A",
        "013:012",
        ":173",
        "---",
        "190",
    }
    assert d.transformations[0].pattern == "a (a b ATTACK) SAY"
    assert d.transformations[0].result == "a b 015"


def test_patterns_keep_pre_and_post_tokens_with_synsets_markers_and_groups(
    tmp_path: Path,
) -> None:
    d = load(tmp_path, "my.verbs.txt", VERBS)
    said, in_, compound, hearing, _down, unknown = d.patterns
    assert said.verb == "FIGHT"
    assert said.pre == ("said", "+")
    assert said.post == ("(", "to", "&CURRENCY", ")", "{", "aid", "package", "}", "$")
    assert said.code == "073" and said.comment == "pas 2014"
    assert said.synsets == ("CURRENCY",)
    assert said.raw == "SAID + * (TO &CURRENCY) {AID PACKAGE} $"
    assert said.source.endswith("my.verbs.txt:21")
    assert (in_.pre, in_.post) == (("in",), ())  # the _ connector is dropped
    assert (compound.pre, compound.code) == (("%",), "013:012")
    assert hearing.post == ("(", "at", "hearing", ")")
    assert unknown.synsets == ("UNKNOWN",)


def test_paired_null_and_odd_codes_are_kept_as_given_and_odd_ones_flagged(
    tmp_path: Path,
) -> None:
    d = load(tmp_path, "my.verbs.txt", VERBS)
    flagged = {p.line: p.message for p in d.warnings}
    assert set(flagged) == {22, 26}  # [075A] is not CAMEO; &UNKNOWN is not defined
    assert "075A" in flagged[22] and "kept as given" in flagged[22]
    assert "&UNKNOWN is not defined" in flagged[26]
    assert not d.errors


def test_malformed_verb_lines_are_reported_with_file_and_line_and_the_rest_loads(
    tmp_path: Path,
) -> None:
    text = """\
SPEAK
- * TALKS [031]
--- MEET [031] ---
MEET
- * TALKS
- TALKS [031]
- * (WITH ^ [031]
- * * [031]
- * TALKS [031] AGAIN
- * {TALKS) [031]
MEET WITH { [031]
--- [031] ---
&GOODSET
+FINE
FINE_VERB
- * FINE [031]
--- SIT ---
SIT
- * DOWN [042]
"""
    path = write(tmp_path, "bad.verbs.txt", text)
    d = load_dictionaries([path])
    assert lines_of(d.problems) == [1, 2, 5, 6, 7, 8, 9, 10, 11, 12, 15, 16]
    assert all(p.file == str(path) for p in d.problems)
    assert "bad.verbs.txt:5: error: pattern without a [code]" in str(d.problems[2])
    assert [v.verb for v in d.verbs] == ["meet", "sit"]
    assert [p.code for p in d.patterns] == ["042"]
    assert d.families["SIT"].code is None
    assert d.synsets["GOODSET"].members == (("fine",),)


def test_regular_forms_and_plurals() -> None:
    assert regular_verb_forms("accuse") == ("accuses", "accused", "accusing")
    assert regular_verb_forms("deny") == ("denies", "denied", "denying")
    assert regular_verb_forms("deploy") == ("deploys", "deployed", "deploying")
    assert regular_verb_forms("reach") == ("reaches", "reached", "reaching")
    assert [plural_of(w) for w in ("ministry", "day", "bus", "MINISTER")] == [
        "ministries",
        "days",
        "buses",
        "MINISTERS",
    ]


# --- actors -------------------------------------------------------------------------------

ACTORS = """\
# actors
GONDOR [GON]
+MINAS_TIRITH
+ANORIEN

GOLLUM  # pas 27 Apr 03
+SMEAGOL
	[HOB < 950601]
	[HOBGOV 19950601 - 19990815]
#	[950601-990815]  commented out
	[HOBREB > 990816]

SAM_GAMGEE [HOB]  # the default
	[HOBCIV <20080120]
	[ORCHOB 20100109-20100112] # first match wins over the next one
	[HOBMIL 20080120-20121109]
	[HOBELI >20130119]
ZAHIR_SHAH_	[AFGELI 320101-331108] [AFGGOV 331108-730717][AFGELI 730717-070723]
PALESTINIAN [pse]
B+H_OCEAN_CARRIERS_ [MNCBMU]
CONGO_(BRAZZAVILLE)_ [COG]
"""


def test_actors_have_synonyms_and_dated_codes(tmp_path: Path) -> None:
    d = load(tmp_path, "my.actors.txt", ACTORS)
    assert not d.errors
    gondor = d.actor(["Minas", "Tirith"])
    assert isinstance(gondor, ActorEntry)
    assert gondor.name == ("gondor",) and gondor.synonyms == (("minas", "tirith"), ("anorien",))
    assert d.actor(["smeagol"]) is d.actor(["GOLLUM"])
    gollum = d.actor(["gollum"])
    assert gollum is not None and gollum.codes == (
        DatedCode("HOB", None, dt.date(1995, 5, 31)),
        DatedCode("HOBGOV", dt.date(1995, 6, 1), dt.date(1999, 8, 15)),
        DatedCode("HOBREB", dt.date(1999, 8, 16), None),
    )
    assert d.actor(["b+h", "ocean", "carriers"]) is not None
    assert d.actor(["congo", "(", "brazzaville", ")"]) is not None
    assert [p.message for p in d.warnings] == ["lower-case actor code [pse] kept as given"]
    assert d.max_actor_length == 4


@pytest.mark.parametrize(
    ("name", "day", "code"),
    [
        ("smeagol", "19950531", "HOB"),  # <D: before D
        ("smeagol", "19950601", "HOBGOV"),  # D1-D2: D1 included
        ("smeagol", "19990815", "HOBGOV"),  # ... and D2 too
        ("smeagol", "19990816", "HOBREB"),  # >D: from D on
        ("sam gamgee", "20080119", "HOBCIV"),
        ("sam gamgee", "20100112", "ORCHOB"),  # the earlier-listed code wins
        ("sam gamgee", "20100113", "HOBMIL"),
        ("sam gamgee", "20130101", "HOB"),  # no dated code holds: the undated default
        ("sam gamgee", "20140101", "HOBELI"),
        ("zahir shah", "19400101", "AFGGOV"),  # six-digit dates: 33 -> 1933
        ("zahir shah", "20050101", "AFGELI"),  # 07 -> 2007
        ("zahir shah", "20100101", None),
    ],
)
def test_actor_codes_resolve_by_date(tmp_path: Path, name: str, day: str, code: str) -> None:
    d = load(tmp_path, "my.actors.txt", ACTORS)
    when = dt.date(int(day[:4]), int(day[4:6]), int(day[6:]))
    assert d.actor_code(name.split(), when) == code


def test_actor_code_without_a_date_is_the_default_else_the_latest() -> None:
    def entry(*codes: DatedCode) -> ActorEntry:
        return ActorEntry(("x",), codes, (), "t:1")

    old = DatedCode("OLD", None, dt.date(2000, 1, 1))
    new = DatedCode("NEW", dt.date(2000, 1, 2), None)
    mid = DatedCode("MID", dt.date(1990, 1, 1), dt.date(2005, 1, 1))
    assert actor_code_on(entry(old, DatedCode("DEF"), new), None) == "DEF"
    assert actor_code_on(entry(old, new), None) == "NEW"
    assert actor_code_on(entry(old, mid), None) == "MID"
    assert actor_code_on(entry(), None) is None


def test_malformed_actor_lines_are_reported_and_the_rest_loads(tmp_path: Path) -> None:
    text = """\
+ORPHAN_SYNONYM
[ABC]
IVO_JOSIPOVIC_
JOSIPOVIC_
	[HRVGOV >20120219]
ARMEN [ARMUNR 9008223-911221] [ARM]
EGYPT [EGYGOV 20121207-20120802]
BADDATE [XYZ 20120231-20130101]
NODATE_OP [MNEGOV 20121204]
DATELIKE [950601-990815]
FAEROYENE]_ [FRO]
TAIOAN_ +TAWIAN_ [TWN]
ORTHOFIX_ [MNCNLD] Antilles	Medical
"""
    d = load(tmp_path, "bad.actors.txt", text)
    assert sorted(lines_of(d.problems)) == [1, 2, 3, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 12, 13]
    messages = "\n".join(str(p) for p in d.problems)
    assert "bad.actors.txt:3: error: actor IVO JOSIPOVIC has no [CODE]" in messages
    assert "date '9008223' is neither YYMMDD nor YYYYMMDD" in messages
    assert "the range ends (2012-08-02) before it starts (2012-12-07)" in messages
    assert "20120231 is not a calendar date" in messages
    assert "'950601-990815' looks like a date" in messages
    assert "write one '+' synonym a line" in messages
    assert [a.name for a in d.actors] == [("josipovic",), ("armen",), ("orthofix",)]
    armen = d.actor(["armen"])
    assert armen is not None and armen.codes == (DatedCode("ARM"),)


# --- agents and discards ------------------------------------------------------------------

AGENTS = """\
<!-- agents -->
!PERSON! = MAN, MEN, WOMAN, WOMEN
!MINST! = MINISTER, MINISTRY

POLICE {} [ ~COP]
MINISTRY [~GOV]
GOLDEN_GOOSE {GOLDEN_GEESE} [~GGS]
CONGRESS!PERSON! [~LEG]
!MINST!_OF_SILLY_WALKS [~GOV]
HUMAN_RIGHTS_BODY  [  NGO~]
FOREIGN_MINISTER [~GOVFRM]
DEPARMENT_OF_ENVIRONMENT [~ENV}
ISLAMIC_EXTREMIST
BAD_TILDE [GOV]
!NOPE!_CHIEF [~GOV]
"""


def test_agents_have_plurals_substitutions_and_code_placement(tmp_path: Path) -> None:
    d = load(tmp_path, "my.agents.txt", AGENTS)
    police = d.agent(["police"])
    assert police is not None and (police.code, police.plurals) == ("COP", ())
    assert d.agent(["ministries"]) is d.agent(["ministry"])
    assert d.agent(["golden", "geese"]) is d.agent(["golden", "goose"])
    assert d.agent(["golden", "gooses"]) is None
    women = d.agent(["congresswomen"])
    assert women is not None and women.code == "LEG" and women.plurals == ()
    assert d.agent(["ministry", "of", "silly", "walks"]) is not None
    body = d.agent(["human", "rights", "bodies"])
    assert body is not None and (body.code, body.before_actor) == ("NGO", True)
    minister = d.agent(["foreign", "ministers"])
    assert minister is not None and (minister.code, minister.before_actor) == ("GOVFRM", False)
    assert lines_of(d.problems) == [12, 13, 14, 15]
    assert "unknown substitution set !NOPE!" in d.problems[-1].message


def test_discards_are_story_level_with_plus_and_sentence_level_without(tmp_path: Path) -> None:
    text = "# discards\nMONTHS LATER\n+ World_Golf Championships  # pas\n+TYPHOON\nBAD [X]\n"
    d = load(tmp_path, "my.discards.txt", text)
    assert [(x.tokens, x.story_level) for x in d.discards] == [
        (("months", "later"), False),
        (("world", "golf", "championships"), True),
        (("typhoon",), True),
    ]
    story = d.discard(["Typhoon"])
    assert story is not None and story.story_level
    assert lines_of(d.problems) == [5]


# --- comments, kinds, folders, checksums --------------------------------------------------


def test_comments_keep_codes_with_hashes_and_flag_tabari_semicolons(tmp_path: Path) -> None:
    text = """\
<!-- a block comment
--- NOT [000] --- this is inside the comment
-->
<! -- a malformed opener is still a comment line -->
--- RESTORE [064] ---
RESTORE {RESTORES RESTORED};shan 7/11/93
- * DIPLXMATIC  [###]  # -PAS 95.12.18
#- * DISABLED [031]
"""
    d = load(tmp_path, "c.verbs.txt", text)
    assert list(d.families) == ["RESTORE"]
    assert d.verbs[0].forms == ("restores", "restored")
    assert [p.code for p in d.patterns] == ["###"]
    assert [(p.line, p.severity) for p in d.problems] == [(6, "warning"), (7, "warning")]


def test_unclosed_block_comment_is_reported(tmp_path: Path) -> None:
    d = load(tmp_path, "c.actors.txt", "GONDOR [GON]\n<!-- never closed\nROHAN [ROH]\n")
    assert [a.name for a in d.actors] == [("gondor",)]
    assert lines_of(d.problems) == [2]


def test_kind_is_told_from_content_then_name_then_prefix(tmp_path: Path) -> None:
    assert kind_from_content(VERBS) == "verbs"
    assert kind_from_content(ACTORS) == "actors"
    assert kind_from_content(AGENTS) == "agents"
    assert kind_from_content("# Story-level discards are marked '+'\nMONTHS LATER\n") == (
        "discards"
    )
    assert kind_from_content("Just some prose.\n") is None
    assert kind_from_name(Path("Phoenix.agents.txt")) == "agents"
    assert kind_from_name(Path("CAMEO.2.0.txt")) is None
    plain = write(tmp_path, "list.txt", "MONTHS LATER\n")
    with pytest.raises(LexiconError, match="cannot tell whether"):
        load_dictionaries([plain])
    assert load_dictionaries([f"discards:{plain}"]).discards[0].tokens == ("months", "later")
    assert load_dictionary_file(plain, kind="discards").files[0].kind == "discards"
    # Clear content wins over a misleading name, with a warning; a line or two does not.
    assert load(tmp_path, "x.discards.txt", "TYPHOON\nBAD [X]\n").files[0].kind == "discards"
    misnamed = write(tmp_path, "old.agents.txt", "GONDOR [GON]\nROHAN [ROH]\n" * 3)
    d = load_dictionaries([misnamed])
    assert d.files[0].kind == "actors" and "the name suggests agents" in d.warnings[0].message


def test_unreadable_paths_raise_lexicon_errors(tmp_path: Path) -> None:
    with pytest.raises(LexiconError, match="cannot read"):
        load_dictionaries([tmp_path / "missing.verbs.txt"])
    with pytest.raises(LexiconError, match=r"no \*.txt dictionary files"):
        load_dictionaries([tmp_path])
    assert issubclass(LexiconError, EventcoderError)


def test_folder_loads_every_dictionary_file_in_name_order(tmp_path: Path) -> None:
    write(tmp_path, "a.verbs.txt", VERBS)
    write(tmp_path, "b.actors.txt", ACTORS)
    write(tmp_path, "c.agents.txt", AGENTS)
    write(tmp_path, "d.discards.txt", "+TYPHOON\n")
    write(tmp_path, "README.txt", "These are my dictionaries.\n")
    write(tmp_path, "records.xml", "<Validation/>")
    d = load_dictionaries([tmp_path])
    assert [(Path(f.path).name, f.kind) for f in d.files] == [
        ("a.verbs.txt", "verbs"),
        ("b.actors.txt", "actors"),
        ("c.agents.txt", "agents"),
        ("d.discards.txt", "discards"),
    ]
    assert d.kinds() == {"verbs", "actors", "agents", "discards"}
    skipped = [p for p in d.warnings if p.message.startswith("skipped")]
    assert [Path(p.file).name for p in skipped] == ["README.txt"]
    assert d.counts()["actors"] == 7 and d.counts()["discards"] == 1


def test_checksums_identify_the_files_read(tmp_path: Path) -> None:
    path = write(tmp_path, "a.actors.txt", "GONDOR [GON]\n")
    first = load_dictionaries([path])
    assert list(first.checksums) == [str(path)] and len(first.checksum) == 64
    assert load_dictionaries([path]).checksum == first.checksum
    path.write_text("GONDOR [GNR]\n", encoding="utf-8")
    assert load_dictionaries([path]).checksum != first.checksum


def test_dictionaries_option_says_whether_to_extend_or_replace() -> None:
    extend = parse_dictionaries_option("petrarch:a/verbs.txt, b/")
    assert (extend.paths, extend.replace) == (("a/verbs.txt", "b/"), False)
    assert parse_dictionaries_option("petrarch-replace:dicts").replace is True
    assert parse_dictionaries_option("petrarch:actors:my.txt").paths == ("actors:my.txt",)
    for bad in ("dicts/", "tabari:x", "petrarch:"):
        with pytest.raises(LexiconError, match=r"petrarch:PATH\[,PATH...\]"):
            parse_dictionaries_option(bad)


# --- validation XML -----------------------------------------------------------------------

XML = """\
<Validation>
<Environment><Verbfile>v.txt</Verbfile><Actorfile>a.txt</Actorfile></Environment>
<Sentences>
<!-- a comment -->
<Sentence date = "19950101" id ="DEMO-00" category="DEMO" sentence="true">
<EventCoding sourcecode="ARN" targetcode="GON" eventcode="064"></EventCoding>
<EventCoding sourcecode="GON" targetcode="ARN" eventcode="033"></EventCoding>
<Text>
Arnor is about to restore full diplomatic ties
with Gondor.
</Text>
<Parse>(ROOT (S (NP (NNP Arnor))))</Parse>
</Sentence>
<Sentence date="20080801" id="NONE-01" category="VERB" sentence="false">
<EventCoding noevents = "True"></EventCoding>
<Text>Nothing happened.</Text>
</Sentence>
<Sentence date="2008" id="ERR-01" category="ERROR">
<EventCoding error="storydiscard"></EventCoding>
<Text>A typhoon.</Text>
</Sentence>
</Sentences>
</Validation>
"""


def test_validation_xml_records_have_text_date_and_codings(tmp_path: Path) -> None:
    path = write(tmp_path, "records.xml", XML)
    demo, none, err = read_validation_xml(path)
    assert demo.id == "DEMO-00" and demo.category == "DEMO"
    assert demo.date == dt.date(1995, 1, 1)
    assert demo.text == "Arnor is about to restore full diplomatic ties with Gondor."
    assert [(c.source, c.target, c.event) for c in demo.codings] == [
        ("ARN", "GON", "064"),
        ("GON", "ARN", "033"),
    ]
    assert not demo.noevents and demo.error is None and demo.sentence
    assert none.noevents and none.codings == () and not none.sentence
    assert err.error == "storydiscard" and err.date is None
    assert read_validation_environment(path) == {"Verbfile": "v.txt", "Actorfile": "a.txt"}


def test_validation_xml_that_is_not_xml_raises_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="not well-formed XML"):
        read_validation_xml(write(tmp_path, "bad.xml", "<Validation><Sentence>"))
    with pytest.raises(InputError, match="cannot read"):
        read_validation_xml(tmp_path / "missing.xml")


# --- the PETRARCH2 dictionaries in ../shared ----------------------------------------------


@pytest.fixture(scope="module")
def phoenix() -> tuple[Dictionaries, float]:
    if not (PEER / "CAMEO.2.0.txt").is_file():
        pytest.skip(f"the PETRARCH2 peer dictionaries are not at {PEER}")
    start = time.perf_counter()
    d = load_dictionaries([PEER / name for name in PHOENIX])
    d.counts()  # builds the indexes
    return d, time.perf_counter() - start


def meaningful_lines(path: Path) -> list[tuple[int, str]]:
    """Line numbers and text of non-comment lines, read independently of the reader."""
    out: list[tuple[int, str]] = []
    in_block = False
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if in_block:
            in_block = "-->" not in line
        elif line.startswith("<!--") and "-->" not in line[4:]:
            in_block = True
        elif line and not line.startswith(("#", "<!")) and line.split("#")[0].strip():
            out.append((number, line))
    return out


def unaccounted_lines(d: Dictionaries, path: Path) -> list[tuple[int, str]]:
    """Lines of ``path`` that neither gave a record nor were reported.

    ``+`` lines (synonyms, synset members), ``[`` code lines and ``!SET! = ...`` lines belong
    to the record above (or below) them, which must itself have loaded or been reported.
    """
    sources = [
        *(r.source for r in d.actors),
        *(r.source for r in d.agents),
        *(r.source for r in d.discards),
        *(r.source for r in d.verbs),
        *(r.source for r in d.patterns),
        *(r.source for r in d.synsets.values()),
        *(r.source for r in d.families.values()),
        *(r.source for r in d.transformations),
    ]
    covered = {int(s.rpartition(":")[2]) for s in sources if s.startswith(f"{path}:")}
    covered |= {p.line for p in d.problems if p.file == str(path)}
    missing: list[tuple[int, str]] = []
    head_ok = True
    for number, line in meaningful_lines(path):
        if line.startswith(("+", "[")) or re.match(r"!\w+!\s*=", line):
            if not (head_ok or number in covered):
                missing.append((number, line))
            continue
        head_ok = number in covered
        if not head_ok:
            missing.append((number, line))
    return missing


@needs_peer
def test_phoenix_dictionaries_load_in_seconds(phoenix: tuple[Dictionaries, float]) -> None:
    d, seconds = phoenix
    counts = d.counts()
    assert counts["patterns"] >= 4_500, counts
    assert counts["actor_names"] >= 30_000, counts
    # The counts these files give today (update them when the files change).
    assert counts["patterns"] == 4_666 and counts["verb_families"] == 397
    assert counts["verbs"] == 1_817 and counts["synsets"] == 40
    assert counts["transformations"] == 8
    assert counts["actors"] == 27_211 and counts["actor_names"] == 35_541
    assert counts["agents"] == 3_373 and counts["discards"] == 506
    assert seconds < 60, f"loading the Phoenix dictionaries took {seconds:.1f} s"


@needs_peer
@pytest.mark.parametrize("name", PHOENIX + VALIDATION)
def test_every_peer_dictionary_line_loads_or_is_reported(
    phoenix: tuple[Dictionaries, float], name: str
) -> None:
    d = phoenix[0] if name in PHOENIX else load_dictionaries([PEER / n for n in VALIDATION])
    assert unaccounted_lines(d, PEER / name) == []


@needs_peer
def test_the_problems_in_the_phoenix_files_are_real_malformed_lines(
    phoenix: tuple[Dictionaries, float],
) -> None:
    d = phoenix[0]
    errors = Counter(Path(p.file).name for p in d.errors)
    assert errors == {
        "CAMEO.2.0.txt": 2,  # stray "VISIT)" and "^)" before the code
        "Phoenix.Countries.actors.txt": 48,
        "Phoenix.International.actors.txt": 7,  # U.N._ without a code, ...
        "Phoenix.MilNonState.actors.txt": 1,
        "Phoenix.agents.txt": 2,  # "[~ENV}" and a noun without a code
    }
    kinds = Counter(next((k for k in ERROR_KINDS if k in p.message), p.message) for p in d.errors)
    assert kinds == {
        # A name line without codes: a '+' is missing before the names under it, e.g.
        # IVO_JOSIPOVIC_ / PRESIDENT_JOSIPOVIC_ / JOSIPOVIC_ / [HRVGOV >20120219].
        "has no [CODE]": 41,
        # [ARMUNR 9008223-911221], [GBRGOV >201005011], [EGYGOV 20121207-20120802] ...
        "bad actor code [": 9,
        # ORTHOFIX_INTERNATIONAL_ [MNCNLD] Antilles<TAB>Medical/Dental Instruments ...
        "around the actor codes is ignored": 3,
        # - * VENTURE (WITH VISIT)   VISIT)[042:043]
        "unbalanced brackets in pattern": 2,
        # DEPARMENT_OF_ENVIRONMENT [~ENV} and ISLAMIC_EXTREMIST without a code
        "bad agent line": 2,
        # TAIOAN_ +TAWIAN_
        "write one '+' synonym a line": 2,
        # FAEROYENE]_
        "']' inside actor name": 1,
    }


@needs_peer
def test_validation_dictionaries_resolve_the_date_records_as_petrarch_does() -> None:
    d = load_dictionaries([PEER / name for name in VALIDATION])
    assert [str(p) for p in d.errors] == [
        f"{PEER / 'PETR.Validate.verbs.txt'}:447: error: verb block DELAY has 2 codes; "
        "the first is used"
    ]
    assert d.counts()["patterns"] == 474 and d.counts()["actors"] == 128
    records = [r for r in read_validation_xml(PEER / "PETR.UnitTest.records.xml")]
    dated = [r for r in records if r.category == "DATE"]
    assert len(dated) == 21
    for record in dated:
        words = re.findall(r"[a-z]+", record.text.lower())
        found = set()
        for i in range(len(words)):
            for size in range(d.max_actor_length, 0, -1):
                entry = d.actor(words[i : i + size])
                if entry is not None:
                    found.add(actor_code_on(entry, record.date))
                    break
        expected = record.codings[0]
        assert {expected.source, expected.target} <= found, record.id


@needs_peer
def test_the_petrarch_unit_test_records_read_as_284_sentences() -> None:
    records = read_validation_xml(PEER / "PETR.UnitTest.records.xml")
    assert len(records) == 284
    assert Counter(r.category for r in records) == {
        "SYNSET": 52,
        "COMPOUND": 42,
        "DEMO": 36,
        "PATTERN": 29,
        "AGENT": 24,
        "VERB": 23,
        "DATE": 21,
        "MODIFY": 20,
        "ACTOR": 15,
        "PARSING": 12,
        "ERROR": 7,
        "AGENTS": 2,
        "COMPOUNDx": 1,
    }
    assert sum(r.noevents for r in records) == 19
    assert sum(len(r.codings) for r in records) == 359
    assert Counter(r.error for r in records if r.error) == {
        "bad_input_parse": 2,
        "storydiscard": 2,
        "sentencediscard": 2,
        "dateline": 1,
    }
    assert [r.id for r in records if not (r.codings or r.noevents or r.error)] == ["PATTERN-06"]
    assert all(r.date is not None and r.text and "(ROOT" not in r.text for r in records)
    ids = Counter(r.id for r in records)
    assert [i for i, n in ids.items() if n > 1] == ["AGENTS-18", "AGENTS-19"]
