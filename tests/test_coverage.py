"""How much of the CAMEO codebook the rule coder's pattern lexicon covers.

Run with `-s` to see the figures: the share of CAMEO base codes (three digits) that some
pattern gives directly, the share the coder can reach (patterns, negated codes, codes by actor
kind, and the codes frames derive from them: "threatened to impose sanctions" 1312, "refused
to meet" 125), and the same for the four-digit sub-codes.
"""

from __future__ import annotations

from collections.abc import Iterable

from eventcoder.coders.rules import PROTEST_AIMS, PROTEST_CODES
from eventcoder.patterns import FRAMES, PatternSet, frame_code, future_code, load_patterns
from eventcoder.taxonomy import load_cameo_table

PATTERNS = load_patterns()
TABLE = load_cameo_table()
BASE_CODES = frozenset(c for c in TABLE.codes() if len(c) == 3)
SUB_CODES = frozenset(c for c in TABLE.codes() if len(c) == 4)
# Floors the lexicon has reached; raise them when it grows, never lower them silently.
DIRECT_BASE_FLOOR = 0.95
REACHABLE_BASE_FLOOR = 1.0
REACHABLE_SUB_FLOOR = 0.95


def own_codes(patterns: PatternSet) -> set[str]:
    """Every code a pattern can give by itself."""
    out: set[str] = set()
    for pattern in patterns.patterns:
        out.add(pattern.code)
        if pattern.negated_code:
            out.add(pattern.negated_code)
        out.update(code for _, code in pattern.actor_roles)
    return out


def reachable_codes(patterns: PatternSet) -> set[str]:
    """Own codes, their statements in the future tense, what the frames make of them (also
    of each other's results: "rejected calls for talks" is reject(appeal(046)) = 125), and
    protests with a stated aim (1411-1454)."""
    codes = own_codes(patterns)
    frames = sorted(FRAMES - {"speech", "negate"})
    for _ in range(3):
        derived = {future_code(c) for c in codes}
        derived |= {m for f in frames for c in codes if (m := frame_code(f, c)) is not None}
        if derived <= codes:
            break
        codes |= derived
    codes |= {p + aim for p in PROTEST_CODES for aim in set(PROTEST_AIMS.values())}
    return codes & set(TABLE.codes())


def share(found: Iterable[str], universe: frozenset[str]) -> float:
    return len(set(found) & universe) / len(universe)


def test_every_code_a_pattern_gives_is_a_cameo_code() -> None:
    for pattern in PATTERNS.patterns:
        assert pattern.code in TABLE, pattern.id
        assert pattern.negated_code is None or pattern.negated_code in TABLE, pattern.id
        for _, code in pattern.actor_roles:
            assert code in TABLE, pattern.id


def test_every_reachable_code_is_a_cameo_code() -> None:
    codes = own_codes(PATTERNS)
    for frame in FRAMES - {"speech", "negate"}:
        for code in codes:
            mapped = frame_code(frame, code)
            assert mapped is None or mapped in TABLE, (frame, code, mapped)
        assert all(future_code(code) in TABLE for code in codes)


def test_codebook_coverage() -> None:
    direct = {code[:3] for code in own_codes(PATTERNS)}
    reachable = reachable_codes(PATTERNS)
    direct_share = share(direct, BASE_CODES)
    reachable_share = share({c[:3] for c in reachable}, BASE_CODES)
    sub_share = share(reachable, SUB_CODES)
    print(
        f"\n{len(PATTERNS.patterns)} patterns, {len(PATTERNS.lemmas)} trigger lemmas; "
        f"CAMEO base codes given directly {direct_share:.3f} "
        f"({len(direct & BASE_CODES)}/{len(BASE_CODES)}), reachable {reachable_share:.3f}; "
        f"four-digit sub-codes given directly {share(own_codes(PATTERNS), SUB_CODES):.3f}, "
        f"reachable {sub_share:.3f} ({len(reachable & SUB_CODES)}/{len(SUB_CODES)})"
    )
    print("base codes without a pattern of their own:", sorted(BASE_CODES - direct))
    print("sub-codes out of reach:", sorted(SUB_CODES - reachable))
    assert direct_share >= DIRECT_BASE_FLOOR
    assert reachable_share >= REACHABLE_BASE_FLOOR
    assert sub_share >= REACHABLE_SUB_FLOOR


def test_every_root_that_text_reports_has_patterns() -> None:
    roots = {code[:2] for code in own_codes(PATTERNS)}
    assert roots == {f"{r:02d}" for r in range(1, 21)}
