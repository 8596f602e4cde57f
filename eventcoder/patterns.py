"""Event patterns: loading the YAML lexicon into typed Pattern records and matching triggers."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from eventcoder.cache import cache_key, default_cache_dir, read_keyed, source_bytes, write_keyed
from eventcoder.errors import LexiconError
from eventcoder.taxonomy import load_cameo_table

PATTERN_FILE = "events.yaml"
CACHE_PREFIX = "patterns-"
CACHE_FORMAT = "1"  # the cache key also hashes this module's source
TARGET_SOURCES = frozenset({"dobj", "prep", "object_phrase", "event_reference", "governor_dobj"})
FIELDS = frozenset(
    {"id", "version", "code", "pos", "lemmas", "modifiers", "prep", "object", "xcomp"}
    | {"target", "confidence", "example", "negated_code", "frame", "standalone", "actor_roles"}
    | {"target_required", "reciprocal"}
)
_POS = {
    "verb": frozenset({"VERB", "AUX"}),
    "noun": frozenset({"NOUN", "PROPN"}),
    "adj": frozenset({"ADJ", "VERB"}),
}
# Frames: a governing trigger whose code depends on the act it governs (its complement):
# "agreed to hold talks" (intent: 036), "urged Iran to release" (appeal: 0253), "demanded the
# withdrawal" (demand: 1056), "refused to lift the curfew" (reject: 1241), "threatened to
# impose sanctions" (threaten: 1312), "failed to reach a deal" (negate: the complement
# negated), "said Iran must halt" (speech: a demand when the reported clause has must/should,
# else a statement, 010, kept only when nothing else is coded in the sentence).
FRAMES = frozenset(
    {"intent", "appeal", "demand", "reject", "threaten", "negate", "speech", "attribution"}
)


@dataclass(frozen=True)
class Pattern:
    """One event pattern: trigger lemmas, syntactic constraints, and the CAMEO code it gives."""

    id: str
    version: int
    code: str
    pos: str
    lemmas: frozenset[str]
    modifiers: frozenset[str] = frozenset()
    prep: frozenset[str] = frozenset()
    object: frozenset[str] = frozenset()
    xcomp: frozenset[str] = frozenset()
    target: tuple[str, ...] = ()
    confidence: float = 0.8
    example: str = ""
    negated_code: str | None = None
    frame: str | None = None
    standalone: bool = True
    # the code for an actor of this kind instead of `code`: a role/sector (CVL, GOV, ...),
    # IGO or NGO for organisations, STATE for a country as a whole ("Iran protested": 111,
    # "students protested": 141)
    actor_roles: tuple[tuple[str, str], ...] = ()
    # an act between two parties ("met", "restored ties"): without a target, coordinated
    # actors are each other's targets, and a lone actor codes nothing ("the cabinet met")
    target_required: bool = False
    # an act a plural group does among itself ("rival gangs clashed", "a shootout between
    # police units"): without a target, the group is its own target
    reciprocal: bool = False

    def code_for(self, kind: str | None) -> str:
        """The code for an actor of this kind (see `actor_roles`)."""
        return next((code for key, code in self.actor_roles if key == kind), self.code)

    @property
    def rule_id(self) -> str:
        """The versioned id recorded in each row's provenance."""
        return f"{self.id}.v{self.version}"

    @cached_property
    def specificity(self) -> int:
        """How many constraints the pattern has (more specific patterns are tried first)."""
        return sum(bool(c) for c in (self.modifiers, self.prep, self.object, self.xcomp))

    def accepts_pos(self, pos: str) -> bool:
        """Whether a token with this coarse POS can trigger the pattern."""
        return pos in _POS[self.pos]


@dataclass(frozen=True)
class PatternSet:
    """All patterns, indexed by trigger lemma, plus the checksum of their source."""

    patterns: tuple[Pattern, ...]
    checksum: str
    source: str
    index: dict[str, tuple[Pattern, ...]] = field(default_factory=dict, compare=False)
    # the coarse POS tags that can trigger some pattern of each lemma
    pos_index: dict[str, frozenset[str]] = field(default_factory=dict, compare=False)

    def __post_init__(self) -> None:
        if not self.index:
            index: dict[str, list[Pattern]] = {}
            for pattern in self.patterns:
                for lemma in pattern.lemmas:
                    index.setdefault(lemma, []).append(pattern)
            # Most specific first, sub-codes before their base code; the file order breaks
            # ties (sorted() is stable).
            for lemma, found in index.items():
                ranked = sorted(found, key=lambda p: (-p.specificity, -len(p.code)))
                self.index[lemma] = tuple(ranked)
                self.pos_index[lemma] = frozenset().union(*(_POS[p.pos] for p in ranked))

    def for_lemma(self, lemma: str) -> list[Pattern]:
        """Patterns triggered by this lemma, most specific first."""
        return list(self.index.get(lemma, ()))

    @property
    def lemmas(self) -> frozenset[str]:
        """Every trigger lemma of every pattern."""
        return frozenset(self.index)


def load_patterns(
    path: Path | None = None,
    *,
    cache_dir: Path | None = None,
    env: Mapping[str, str] | None = None,
) -> PatternSet:
    """Read and check an event pattern file (the package's own by default).

    The checked pattern set is pickled into a cache folder (the package's own file: in
    `cache_dir`, else the user cache folder found from `env`, default the process
    environment; a given file: only when `cache_dir` is given), keyed by the file's bytes,
    the CAMEO codes it was checked against, this module's source and the record layout; a
    stale, corrupt or unwritable cache only costs reading the YAML again.
    """
    if path is None:
        raw = resources.files("eventcoder").joinpath("lexicon", PATTERN_FILE).read_bytes()
        source = f"eventcoder/lexicon/{PATTERN_FILE}"
        if cache_dir is None:
            cache_dir = default_cache_dir(env if env is not None else os.environ)
    else:
        raw = path.read_bytes()
        source = str(path)
    if cache_dir is None:
        return _parse_patterns(raw, source)
    key = cache_key(
        f"format={CACHE_FORMAT}",
        source_bytes(__file__),
        _layout(Pattern) + _layout(PatternSet),
        ",".join(load_cameo_table().codes()),
        source,
        raw,
    )
    cache_file = cache_dir / f"{CACHE_PREFIX}{key[:20]}.pickle"
    cached = read_keyed(cache_file, key)
    if isinstance(cached, PatternSet):
        return cached
    patterns = _parse_patterns(raw, source)
    write_keyed(cache_file, key, patterns, stale=f"{CACHE_PREFIX}*.pickle")
    return patterns


def _layout(record: type) -> str:
    return ",".join(f.name for f in fields(record))


def _parse_patterns(raw: bytes, source: str) -> PatternSet:
    try:
        data = yaml.load(raw, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as err:
        raise LexiconError(f"{source}: not valid YAML: {err}") from err
    if not isinstance(data, dict) or not isinstance(data.get("patterns"), list):
        raise LexiconError(f"{source}: expected a mapping with a 'patterns' list")
    patterns = tuple(_pattern(entry, source, i) for i, entry in enumerate(data["patterns"]))
    ids = [p.id for p in patterns]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise LexiconError(f"{source}: duplicate pattern ids {duplicates}")
    return PatternSet(patterns, hashlib.sha256(raw).hexdigest(), source)


def _list(entry: dict[str, Any], key: str, default: list[str]) -> list[str]:
    value = entry.get(key, default)
    if not isinstance(value, list):
        raise TypeError(f"'{key}' must be a list")
    return [str(v) for v in value]


def _words(entry: dict[str, Any], key: str) -> frozenset[str]:
    return frozenset(v.lower() for v in _list(entry, key, []))


def _code(entry: dict[str, Any]) -> str:
    """The CAMEO code, which must be written as a string: YAML reads 011 as the integer 9."""
    value = entry["code"]
    if not isinstance(value, str):
        raise TypeError(
            f"'code' must be a quoted string such as \"011\" (YAML read {value!r}, "
            f"a {type(value).__name__})"
        )
    return value


def _optional_code(entry: dict[str, Any], key: str) -> str | None:
    value = entry.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise TypeError(f"'{key}' must be a quoted string such as \"120\" (YAML read {value!r})")
    return value


def _roles(entry: dict[str, Any]) -> tuple[tuple[str, str], ...]:
    value = entry.get("actor_roles", {})
    if not isinstance(value, dict):
        raise TypeError("'actor_roles' must be a mapping such as {CVL: \"141\"}")
    out = []
    for key, code in value.items():
        if not isinstance(code, str):
            raise TypeError(f"'actor_roles' codes must be quoted strings, got {code!r}")
        out.append((str(key), code))
    return tuple(out)


def _flag(entry: dict[str, Any], key: str, default: bool) -> bool:
    value = entry.get(key, default)
    if not isinstance(value, bool):
        raise TypeError(f"'{key}' must be true or false, got {value!r}")
    return value


def _version(entry: dict[str, Any]) -> int:
    value = entry["version"]
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise TypeError(f"'version' must be a positive integer, got {value!r}")
    return value


def _pattern(entry: Any, source: str, index: int) -> Pattern:
    where = f"{source}: pattern #{index + 1}"
    if not isinstance(entry, dict):
        raise LexiconError(f"{where} is not a mapping")
    unknown = sorted(str(k) for k in entry if k not in FIELDS)
    if unknown:
        raise LexiconError(f"{where} ({entry.get('id', '?')}): unknown fields {unknown}")
    try:
        pattern = Pattern(
            id=str(entry["id"]),
            version=_version(entry),
            code=_code(entry),
            pos=str(entry["pos"]),
            lemmas=_words(entry, "lemmas"),
            modifiers=_words(entry, "modifiers"),
            prep=_words(entry, "prep"),
            object=_words(entry, "object"),
            xcomp=_words(entry, "xcomp"),
            target=tuple(_list(entry, "target", ["dobj"])),
            confidence=float(entry.get("confidence", 0.8)),
            example=str(entry.get("example", "")),
            negated_code=_optional_code(entry, "negated_code"),
            frame=str(entry["frame"]) if entry.get("frame") is not None else None,
            standalone=_flag(entry, "standalone", True),
            actor_roles=_roles(entry),
            target_required=_flag(entry, "target_required", False),
            reciprocal=_flag(entry, "reciprocal", False),
        )
    except (KeyError, TypeError, ValueError) as err:
        raise LexiconError(
            f"{where} ({entry.get('id', '?')}): bad or missing field: {err}"
        ) from err
    _check(pattern, where)
    return pattern


def _check(pattern: Pattern, where: str) -> None:
    problems: list[str] = []
    if pattern.pos not in _POS:
        problems.append(f"pos must be one of {sorted(_POS)}")
    if not pattern.code.isdigit() or not 2 <= len(pattern.code) <= 4:
        problems.append("code must be a 2-4 digit CAMEO code string (quote it in YAML)")
    elif pattern.code not in load_cameo_table():
        problems.append(f"code {pattern.code!r} is not in the CAMEO table")
    if pattern.negated_code is not None and pattern.negated_code not in load_cameo_table():
        problems.append(f"negated_code {pattern.negated_code!r} is not in the CAMEO table")
    problems.extend(
        f"actor_roles code {code!r} is not in the CAMEO table"
        for _, code in pattern.actor_roles
        if code not in load_cameo_table()
    )
    if pattern.frame is not None and pattern.frame not in FRAMES:
        problems.append(f"frame must be one of {sorted(FRAMES)}")
    if not pattern.id.startswith(f"cameo.{pattern.code}."):
        problems.append(f"id must start with 'cameo.{pattern.code}.'")
    if not pattern.lemmas:
        problems.append("lemmas is empty")
    problems.extend(f"unknown target source {t!r}" for t in _bad_targets(pattern.target))
    if "prep" in pattern.target and not pattern.prep:
        problems.append("target 'prep' needs a 'prep' list")
    if not 0 < pattern.confidence <= 1:
        problems.append("confidence must be in (0, 1]")
    if problems:
        raise LexiconError(f"{where} ({pattern.id}): " + "; ".join(problems))


def _bad_targets(targets: Iterable[str]) -> list[str]:
    return [t for t in targets if t not in TARGET_SOURCES and not t.startswith("prep:")]


# --- frames: the code of a governing act from the code of the act it governs -----------------
#
# CAMEO's roots 02 (appeal), 03 (express intent), 10 (demand) and 12 (reject) share one
# structure: x0 generic, x1 material cooperation, x2 diplomatic cooperation, x3 aid, x4
# political reform, x5 yield, x6 meet or negotiate, x7 settle, x8 mediation; their sub-codes
# follow the acts of roots 04-08. A complement's code is first brought to the intent form
# (036 for "hold talks" 046), which the frame then rewrites (appeal 026, demand 106, reject
# 125). Threats take the conflictual acts of roots 14-20 (1312 for "impose sanctions" 163).

_INTENT_BY_PREFIX = {
    "04": "036",
    "045": "039",
    "05": "032",
    "057": "030",
    "06": "031",
    "061": "0311",
    "062": "0312",
    "063": "0313",
    "064": "0314",
    "07": "033",
    "071": "0331",
    "072": "0332",
    "073": "0333",
    "074": "0334",
    "08": "035",
    "081": "0351",
    "082": "0352",
    "083": "034",
    "0831": "0341",
    "0832": "0342",
    "0833": "0343",
    "0834": "0344",
    "084": "0353",
    "085": "0354",
    "086": "0355",
    "087": "0356",
    "09": "030",
}
_REJECT_BY_INTENT = {
    "030": "120",
    "031": "121",
    "0311": "1211",
    "0312": "1212",
    "0313": "1213",
    "0314": "121",
    "032": "120",
    "033": "122",
    "0331": "1221",
    "0332": "1222",
    "0333": "1223",
    "0334": "1224",
    "034": "123",
    "0341": "1231",
    "0342": "1232",
    "0343": "1233",
    "0344": "1234",
    "035": "124",
    "0351": "1241",
    "0352": "1242",
    "0353": "1243",
    "0354": "1244",
    "0355": "1245",
    "0356": "1246",
    "036": "125",
    "037": "127",
    "038": "126",
    "039": "126",
}
_THREAT_BY_PREFIX = {
    "14": "133",
    "15": "138",
    "16": "131",
    "161": "1313",
    "162": "1311",
    "163": "1312",
    "164": "134",
    "165": "135",
    "166": "136",
    "17": "130",
    "172": "132",
    "1721": "1321",
    "1722": "1322",
    "1723": "1323",
    "1724": "1324",
    "173": "137",
    "174": "137",
    "175": "137",
    "18": "1383",
    "19": "1384",
    "191": "1381",
    "192": "1382",
    "20": "1383",
    "204": "1385",
}
COOPERATIVE_ROOTS = frozenset({"03", "04", "05", "06", "07", "08", "09"})
# Acts whose statement is the act itself: "offered an apology" is an apology (055).
VERBAL_ACTS = frozenset({"052", "055", "056"})
CONFLICT_ROOTS = frozenset({"14", "15", "16", "17", "18", "19", "20"})


def _by_prefix(table: dict[str, str], code: str) -> str | None:
    for length in range(len(code), 1, -1):
        found = table.get(code[:length])
        if found is not None:
            return found
    return None


def intent_code(code: str) -> str | None:
    """The 03x form of a cooperative act (046 talks -> 036), itself for 03x; else None."""
    if code[:2] == "03":
        return code
    return _by_prefix(_INTENT_BY_PREFIX, code)


def threat_code(code: str) -> str | None:
    """The 13x threat of a conflictual act (163 sanctions -> 1312); 13x itself; else None."""
    if code[:2] == "13":
        return code
    return _by_prefix(_THREAT_BY_PREFIX, code)


def future_code(code: str) -> str:
    """What a statement of a future act is: intent (03) to cooperate, a threat (13) of
    conflict, and the act itself for statements, appeals, demands and rejections."""
    root = code[:2]
    if code[:3] in VERBAL_ACTS or root == "15":  # a planned deployment is a deployment
        return code
    if root in COOPERATIVE_ROOTS:
        return intent_code(code) or "030"
    if root in CONFLICT_ROOTS:
        return threat_code(code) or "130"
    return code


def frame_code(frame: str, code: str | None) -> str | None:
    """The code a frame gives for a complement coded `code` (None: the complement has no
    pattern); None when the frame has nothing to say about it (the pattern's own code)."""
    if code is None:
        return None
    if frame == "intent":
        return future_code(code)
    if frame == "threaten":
        if code[:2] in CONFLICT_ROOTS or code[:2] == "13":
            return threat_code(code) or "130"
        return None
    intent = intent_code(code) if code[:2] not in {"02", "10", "12"} else _intent_of_request(code)
    if intent is None:
        return None
    if frame == "appeal":
        return "028" if intent == "039" else "02" + intent[2:]
    if frame == "demand":
        return "108" if intent == "039" else "10" + intent[2:]
    if frame in {"reject", "negate"}:
        return _REJECT_BY_INTENT.get(intent, "120")
    return None


def _intent_of_request(code: str) -> str | None:
    """The act requested by an appeal (02x) or demand (10x): 0253 -> 0353 (release)."""
    if code[:2] in {"02", "10"}:
        return "03" + code[2:]
    return None


REFUSABLE_ROOTS = frozenset({"03", "04", "05", "06", "07", "08"})


def negated_code(pattern: Pattern) -> str | None:
    """What a negated trigger of this pattern gives: its negated_code; else, for a cooperative
    act (roots 03-08), its refusal ("will not accept refugees", "did not release the
    prisoners": 12x, as `frame_code("reject", ...)` maps it); else nothing."""
    if pattern.negated_code:
        return pattern.negated_code
    if pattern.code[:2] in REFUSABLE_ROOTS:
        return frame_code("reject", pattern.code)
    return None
