"""The user cache folder's pickle files, and the pattern set cached in it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from eventcoder.actors import lexicon as actor_lexicon
from eventcoder.cache import (
    cache_key,
    read_keyed,
    read_pickle,
    source_bytes,
    write_keyed,
    write_pickle,
)
from eventcoder.patterns import CACHE_PREFIX, load_patterns

PATTERN_TEXT = """\
patterns:
  - id: cameo.111.criticise
    version: 1
    code: "111"
    pos: verb
    lemmas: [criticise]
"""


def _write(folder: Path, text: str) -> Path:
    path = folder / "events.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _cache_files(folder: Path) -> list[Path]:
    return sorted(folder.glob(f"{CACHE_PREFIX}*.pickle"))


def test_keyed_value_round_trips_and_other_keys_miss(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "thing.pickle"
    write_keyed(path, "k1", {"a": (1, 2)})
    assert read_keyed(path, "k1") == {"a": (1, 2)}
    assert read_keyed(path, "k2") is None
    assert read_keyed(tmp_path / "missing.pickle", "k1") is None


def test_write_drops_stale_files_of_the_same_kind_only(tmp_path: Path) -> None:
    (tmp_path / "thing-old.pickle").write_bytes(b"x")
    (tmp_path / "other-old.pickle").write_bytes(b"x")
    write_pickle(tmp_path / "thing-new.pickle", 1, stale="thing-*.pickle")
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["other-old.pickle", "thing-new.pickle"]


def test_corrupt_or_truncated_file_reads_as_a_miss(tmp_path: Path) -> None:
    path = tmp_path / "thing.pickle"
    path.write_bytes(b"\x80\x05not a pickle")
    assert read_pickle(path) is None
    write_keyed(path, "k", list(range(100)))
    path.write_bytes(path.read_bytes()[:20])
    assert read_keyed(path, "k") is None


def test_cache_key_separates_parts() -> None:
    assert cache_key("ab", "c") != cache_key("a", "bc")
    assert cache_key("a", b"b") == cache_key("a", "b")


def test_patterns_are_cached_and_read_back_equal(tmp_path: Path) -> None:
    source = _write(tmp_path, PATTERN_TEXT)
    folder = tmp_path / "cache"
    built = load_patterns(source, cache_dir=folder)
    (cached_file,) = _cache_files(folder)
    again = load_patterns(source, cache_dir=folder)
    assert again == built
    assert again.index == built.index and again.pos_index == built.pos_index
    assert _cache_files(folder) == [cached_file]


def test_changed_pattern_file_misses_the_cache_and_replaces_it(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    first = load_patterns(_write(tmp_path, PATTERN_TEXT), cache_dir=folder)
    (old_file,) = _cache_files(folder)
    changed = PATTERN_TEXT.replace("[criticise]", "[criticise, denounce]")
    second = load_patterns(_write(tmp_path, changed), cache_dir=folder)
    assert first.lemmas == {"criticise"}
    assert second.lemmas == {"criticise", "denounce"}
    assert second.checksum != first.checksum
    (new_file,) = _cache_files(folder)
    assert new_file != old_file


def test_corrupt_pattern_cache_is_rebuilt(tmp_path: Path) -> None:
    source = _write(tmp_path, PATTERN_TEXT)
    folder = tmp_path / "cache"
    built = load_patterns(source, cache_dir=folder)
    (cached_file,) = _cache_files(folder)
    cached_file.write_bytes(b"garbage")
    assert load_patterns(source, cache_dir=folder) == built
    assert load_patterns(source, cache_dir=folder) == built  # rewritten, readable again


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write to read-only folders")
def test_unwritable_cache_folder_still_loads_patterns(tmp_path: Path) -> None:
    source = _write(tmp_path, PATTERN_TEXT)
    folder = tmp_path / "cache"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        assert load_patterns(source, cache_dir=folder).lemmas == {"criticise"}
        assert _cache_files(folder) == []
    finally:
        folder.chmod(0o700)


def test_cache_folder_that_is_a_file_still_loads_patterns(tmp_path: Path) -> None:
    source = _write(tmp_path, PATTERN_TEXT)
    blocker = tmp_path / "cache"
    blocker.write_text("not a folder", encoding="utf-8")
    assert load_patterns(source, cache_dir=blocker).lemmas == {"criticise"}
    assert load_patterns(source, cache_dir=blocker / "deeper").lemmas == {"criticise"}


def test_package_patterns_use_the_user_cache_folder(tmp_path: Path) -> None:
    env = {"XDG_CACHE_HOME": str(tmp_path)}
    fresh = load_patterns(env=env)
    assert len(_cache_files(tmp_path / "eventcoder")) == 1
    assert load_patterns(env=env) == fresh
    assert fresh.source == "eventcoder/lexicon/events.yaml"


def test_a_given_pattern_file_is_not_cached_without_a_folder(tmp_path: Path) -> None:
    source = _write(tmp_path, PATTERN_TEXT)
    load_patterns(source)
    assert list(tmp_path.iterdir()) == [source]


def _actor_cache_files(folder: Path) -> list[Path]:
    return sorted(folder.glob(f"{actor_lexicon.CACHE_PREFIX}*.pickle"))


def test_actor_lexicon_is_cached_and_read_back_equal(tmp_path: Path) -> None:
    built = actor_lexicon.cached_actor_lexicon(None)
    first = actor_lexicon.cached_actor_lexicon(tmp_path)
    (cached_file,) = _actor_cache_files(tmp_path)
    again = actor_lexicon.cached_actor_lexicon(tmp_path)
    assert again == first == built
    assert again.checksum == built.checksum
    assert list(again.names) == list(built.names)
    assert _actor_cache_files(tmp_path) == [cached_file]


def test_changed_actor_source_misses_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = actor_lexicon.cached_actor_lexicon(tmp_path)
    (old_file,) = _actor_cache_files(tmp_path)
    read_text = actor_lexicon._lexicon_text

    def with_new_role(name: str) -> str:
        text = read_text(name)
        return text + "harbour master\tGOV\trole\n" if name == "roles.tsv" else text

    monkeypatch.setattr(actor_lexicon, "_lexicon_text", with_new_role)
    after = actor_lexicon.cached_actor_lexicon(tmp_path)
    assert ("harbour", "master") in after.roles
    assert ("harbour", "master") not in before.roles
    assert after.checksum != before.checksum
    (new_file,) = _actor_cache_files(tmp_path)
    assert new_file != old_file


def test_corrupt_or_unwritable_actor_cache_still_gives_the_lexicon(tmp_path: Path) -> None:
    built = actor_lexicon.cached_actor_lexicon(tmp_path)
    (cached_file,) = _actor_cache_files(tmp_path)
    cached_file.write_bytes(b"\x80\x05garbage")
    assert actor_lexicon.cached_actor_lexicon(tmp_path) == built
    blocker = tmp_path / "blocker"
    blocker.write_text("not a folder", encoding="utf-8")
    assert actor_lexicon.cached_actor_lexicon(blocker) == built


def test_source_bytes_of_an_unreadable_file_are_empty(tmp_path: Path) -> None:
    code = tmp_path / "module.py"
    code.write_bytes(b"x = 1\n")
    assert source_bytes(str(code)) == b"x = 1\n"
    assert source_bytes(str(code), str(tmp_path / "gone.py")) == b"x = 1\n\0"
    assert cache_key(source_bytes(str(code))) != cache_key(source_bytes(str(tmp_path)))
