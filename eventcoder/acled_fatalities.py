"""Fatalities: how many people a text says were killed in an event, and the words that say it.

Read from phrases such as "killing at least 12", "three dead", "a soldier was killed",
"killed five", "the death toll rose to 30"; 0 when the text says nobody died ("no
casualties", "no one was killed"); None when it says nothing. Conventions of the ACLED
codebook: the lowest figure of a range or estimate ("at least 12" -> 12, "between 3 and 5"
-> 3); "several", "many" or "a number of" -> 10, "dozens" -> 12, "hundreds" -> 100 (and
"scores" -> 20); killed and wounded counted together ("killed or wounded 20") give no count.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from eventcoder.types import Fatalities

FATALITIES_VERSION = 3

_UNITS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_VAGUE = {
    "several": 10,
    "many": 10,
    "scores": 20,
    "scores of": 20,
    "a number of": 10,
    "a few": 10,
    "some": 10,
    "dozens": 12,
    "dozens of": 12,
    "a dozen": 12,
    "hundreds": 100,
    "hundreds of": 100,
    "tens": 10,
    "tens of": 10,
}
_WORD_NUMBER = (
    r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|"
    r"five|six|seven|eight|nine))?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|"
    r"twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)"
    r"(?:\s+hundred)?"
)
_NUM = (
    rf"(?:(?:\d+|{_WORD_NUMBER})\s+dozen|\d{{1,3}}(?:,\d{{3}})+|\d+|{_WORD_NUMBER}|a dozen|"
    rf"dozens(?: of)?|hundreds(?: of)?|"
    r"several|many|scores(?: of)?|tens(?: of)?|a number of)"
)
_QUANT = (
    r"(?:(?:at least|more than|over|about|around|some|nearly|almost|up to|as many as|all|between|"
    r"approximately|roughly|an estimated|a total of|the|another|a further|further)\s+)?"
)
_NOUN = r"(?:[\w'-]+,?\s+){0,5}?(?:including\s+[^,.;]{1,40},\s+)?"
_KILL_WORDS = (
    r"(?:killed|dead|died|slain|murdered|executed|perished|massacred|shot dead|lost their lives|"
    r"lost his life|lost her life|lifeless|were beheaded|gunned down|(?:hacked|beaten|burned|"
    r"burnt|stabbed|shot|tortured|stoned) to death)"
)
_AUX = (
    r"(?:(?:were|was|have|has|had|been|are|is|being|got|reportedly|also|all|later|allegedly|"
    r"confirmed|reported|said|believed|feared|thought|to)\s+)*"
)
_WOUNDED_TOO = re.compile(
    r"^\s*(?:or|and|and/or)\s+(?:wounded|injured|wounding|injuring|hurt)", re.I
)
_NOT_PEOPLE = re.compile(
    r"^\s*(?:days?|weeks?|months?|years?|hours?|minutes?|km|kilometres?|kilometers?|miles?|"
    r"times|percent|per cent|%|am|pm|a\.m\.|p\.m\.|o'clock|meters?|metres?|january|february|"
    r"march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|"
    r"jun|jul|aug|sep|sept|oct|nov|dec)\b",
    re.I,
)

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "kill_n",
        re.compile(
            rf"\b(?:killing|killed|kills|kill|claimed the lives of|claiming the lives of|"
            rf"left|leaving|massacred|executed|shot dead|shooting dead|murdering|murdered|"
            rf"beheaded|beheading|gunned down|gunning down|lynched|lynching|slaughtered|"
            rf"slaughtering|shot and killed)\s+"
            rf"(?P<q>{_QUANT})(?P<n>{_NUM})\b(?P<rest>\s+{_NOUN}(?:dead\b)?)?",
            re.I,
        ),
    ),
    (
        "n_killed",
        re.compile(
            rf"(?<![\w.,])(?P<q>{_QUANT})(?P<n>{_NUM})\s+(?P<noun>{_NOUN}){_AUX}{_KILL_WORDS}\b",
            re.I,
        ),
    ),
    (
        "n_deaths",
        re.compile(
            rf"(?<![\w.,])(?P<q>{_QUANT})(?P<n>{_NUM})\s+(?:deaths|fatalities|lives)\b",
            re.I,
        ),
    ),
    (
        "deaths_of",
        re.compile(
            rf"\b(?:deaths?|bodies|killings?|slayings?|murders?|massacre|corpses) of\s+"
            rf"(?P<q>{_QUANT})(?P<n>{_NUM})\b",
            re.I,
        ),
    ),
    (
        "toll",
        re.compile(
            rf"\b(?:death toll|toll|number of (?:the )?dead|number of deaths|fatalities)\b"
            rf"(?:\s+\w+){{0,6}}?\s+(?:to|of|at|reached|is|was|stood at|stands at|climbed to)\s+"
            rf"(?P<q>{_QUANT})(?P<n>{_NUM})\b",
            re.I,
        ),
    ),
)
_PEOPLE = (
    r"(?:"
    r"soldier|civilian|man|woman|boy|girl|child|policeman|policewoman|police officer|"
    r"officer|protester|student|journalist|teenager|person|farmer|worker|driver|"
    r"resident|villager|militant|fighter|rebel|guard|commander|leader|son|daughter|"
    r"trader|teacher|doctor|nurse|priest|cleric|imam|official|member|youth|passer-by|"
    r"pedestrian|suspect|gunman|attacker|bomber|mayor|judge|lawyer|activist|chief|"
    r"elder|herder|fisherman|miner|trooper|gendarme|militiaman|jihadist|insurgent|"
    r"demonstrator|worshipper|pilgrim|tourist|motorist|passenger|infant|baby"
    r")"
)
_ONE_KILLED = re.compile(
    r"\b(?P<n>a|an|one|the)\s+(?:[\w'-]+\s+){0,3}?(?P<noun>" + _PEOPLE + r")\s+"
    r"(?:was|has been|had been|is|got)\s+(?:\w+ly\s+)?(?:killed|shot dead|shot and killed|"
    r"murdered|stabbed to death|beaten to death|hacked to death|executed|slain|beheaded|lynched)\b",
    re.I,
)
_KILLING_ONE = re.compile(
    r"\b(?:killing|killed|kills|shot dead|shooting dead|murdered|beheaded|lynched)\s+"
    r"(?P<n>a|an|the|his|her|their|its)"
    r"\s+(?:[\w'-]+\s+){0,2}?" + _PEOPLE + r"\b",
    re.I,
)
_SELF_KILLED = re.compile(
    rf"(?<![\w.,])(?P<n>{_NUM})\s+(?:[\w'-]+\s+){{0,3}}?(?:bombers?|attackers?|militants?|"
    r"assailants?|men|women)\s+(?:[\w'-]+,?\s+){0,4}?(?:blew|blow|blowing|killing|killed)\s+"
    r"(?:themselves|himself|herself)\b",
    re.I,
)
_SELF_AND_OTHERS = re.compile(
    rf"\b(?:killing|killed)\s+(?P<self>himself|herself)\s+(?:and|along with)\s+"
    rf"(?P<q>{_QUANT})(?P<n>{_NUM})\b",
    re.I,
)
_ZERO = re.compile(
    r"\b(?:no (?:one|body|casualties|casualty|deaths?|fatalities|lives|loss of life|"
    r"reports? of (?:any )?(?:casualties|casualty|deaths?|fatalities))|nobody|none|without "
    r"(?:casualties|any casualties|loss of life)|no immediate reports? of (?:casualties|deaths?)|"
    r"no (?:immediate )?casualties)\b(?:[^.;]{0,40}?\b(?:killed|died|dead|hurt|injured|harmed|"
    r"reported|casualt\w*|fatalit\w*|deaths?|lives)\b)?",
    re.I,
)
# Words every toll pattern above needs (a text without any states no toll): a fast gate.
_ANY_TOLL_WORD = re.compile(
    r"kill|dead|died|sla[iy]|slaughter|murder|execut|perish|massacr|lives|life|behead|gunned|death|"
    r"fatalit|toll|lynch|blew|blow|left|leaving|bodies|corpses|\bno\b|nobody|none|without",
    re.I,
)
_INCLUDING = re.compile(r"\b(?:including|among them|among whom|of whom|of them)\s+$", re.I)


def number_value(words: str) -> int | None:
    """The value of a number written in digits or words ("12", "twenty-one", "dozens").

    >>> number_value("twenty-one"), number_value("1,200"), number_value("dozens of")
    (21, 1200, 12)
    """
    text = " ".join(words.lower().replace("-", " ").split())
    if not text:
        return None
    if text.replace(",", "").isdecimal():
        return int(text.replace(",", ""))
    if text in _VAGUE:
        return _VAGUE[text]
    parts = text.split()
    value = 0
    for part in parts:
        if part in _UNITS:
            value += _UNITS[part]
        elif part in _TENS:
            value += _TENS[part]
        elif part == "hundred":
            value = max(value, 1) * 100
        elif part == "dozen":
            value = max(value, 1) * 12
        elif part.isdecimal():
            value += int(part)
        else:
            return None
    return value


def find_fatalities(text: str, offset: int = 0) -> Fatalities | None:
    """The number of people a text (a sentence at `offset` in its document) says were killed.

    >>> find_fatalities("The blast killed at least 12 people and wounded 30.").count
    12
    >>> find_fatalities("Three soldiers were killed and two wounded.").count
    3
    >>> find_fatalities("There were no casualties.").count
    0
    >>> find_fatalities("Police dispersed the crowd.") is None
    True
    """
    if _ANY_TOLL_WORD.search(text) is None:
        return None
    found: list[tuple[int, int, int]] = []
    for _, pattern in _PATTERNS:
        for match in pattern.finditer(text):
            value = _match_value(text, match)
            if value is not None:
                found.append((match.start(), _end(text, match), value))
    for match in _SELF_AND_OTHERS.finditer(text):
        value = number_value(match.group("n"))
        if value is not None:
            found.append((match.start(), match.end(), value + 1))
    for match in _SELF_KILLED.finditer(text):
        value = number_value(match.group("n"))
        if value is not None and not _overlaps(found, match.start(), match.end()):
            found.append((match.start(), match.end(), value))
    for pattern in (_ONE_KILLED, _KILLING_ONE):
        for match in pattern.finditer(text):
            if not _overlaps(found, match.start(), match.end()):
                found.append((match.start(), match.end(), 1))
    if found:
        start, end, value = max(found, key=lambda f: (f[2], -f[0]))
        return Fatalities(value, text[start:end], offset + start, offset + end)
    zero = _ZERO.search(text)
    if zero is not None:
        return Fatalities(0, zero.group(0), offset + zero.start(), offset + zero.end())
    return None


def _end(text: str, match: re.Match[str]) -> int:
    """Where the toll's words end: after "dead" when it closes them, else after the number
    (or the whole match), without trailing space."""
    rest = match.groupdict().get("rest")
    if "rest" in match.groupdict() and not (rest and rest.rstrip().lower().endswith("dead")):
        end = match.end("n")
    else:
        end = match.end()
    while end > match.start() and text[end - 1].isspace():
        end -= 1
    return end


def _overlaps(found: Iterable[tuple[int, int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e, _ in found)


def _match_value(text: str, match: re.Match[str]) -> int | None:
    number = match.group("n")
    after = text[match.end("n") :]
    if _NOT_PEOPLE.match(after) or _INCLUDING.search(text[: match.start("n")]):
        return None
    if (
        "rest" not in match.groupdict()
        and _WOUNDED_TOO.match(text[match.end() :])
        and "dead" not in match.group(0).lower()
    ):
        return None
    if re.fullmatch(r"(?:19|20)\d\d", number):
        return None
    groups = match.groupdict()
    if groups.get("noun") and re.search(
        r"\b(?:and|or)\s+(?:wounded|injured)\b|\b(?:injured|wounded)\b", groups["noun"], re.I
    ):
        return None
    opening = match.group(0).split(maxsplit=1)[0].lower()
    if opening in {"left", "leaving"} and not re.search(r"\bdead\b", match.group(0), re.I):
        return None
    value = number_value(number)
    if value is None:
        return None
    return value + _coordinated(text, match) + _also_killed(groups.get("noun"))


_ALSO = re.compile(rf"\b(?:and|as well as)\s+(?:(?P<one>a|an|one)|(?P<n>{_NUM}))\s+[a-z]", re.I)


def _also_killed(noun: str | None) -> int:
    """A second group named before the verb ("six militants and a soldier were killed")."""
    if not noun:
        return 0
    more = _ALSO.search(noun)
    if more is None:
        return 0
    if more.group("one"):
        return 1
    return number_value(more.group("n")) or 0


def _coordinated(text: str, match: re.Match[str]) -> int:
    """A second group killed in the same phrase ("killing 5 soldiers and 3 civilians")."""
    if "rest" not in match.groupdict():
        return 0
    tail = text[match.end("n") :]
    more = re.match(
        rf"\s+(?:(?!and\b|or\b|wounding\b|injuring\b)[\w'-]+\s+){{1,3}}?(?:and|as well as)\s+"
        rf"(?P<q>{_QUANT})(?P<n>{_NUM})\s+(?!(?:others?\s+)?(?:wounded|injured|hurt))[a-z]",
        tail,
        re.I,
    )
    if more is None:
        return 0
    return number_value(more.group("n")) or 0
