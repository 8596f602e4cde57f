"""The dataset folder: a typed manifest valid against its JSON Schema, read back unchanged."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from eventcoder.build import ResumeError, build
from eventcoder.config import BuildConfig, ConfigError
from eventcoder.dataset import DatasetError, Manifest, read_manifest, read_rows
from eventcoder.pipeline import Pipeline, PipelineSpec
from eventcoder.schema import load_schema

TEXT = "Iran condemned the US airstrike on Monday. Israel warned Hezbollah on Tuesday."


@pytest.fixture(scope="module")
def built(pipeline: Pipeline, tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("dataset")
    (base / "a.txt").write_text(TEXT, encoding="utf-8")
    out = base / "out"
    build([base / "a.txt"], out, BuildConfig(profiles=("acled",)), pipeline=pipeline)
    return out


def test_manifest_is_valid_against_its_schema(built: Path) -> None:
    data = json.loads((built / "manifest.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, load_schema("manifest.schema.json"))


def test_manifest_reads_back_into_the_same_record(built: Path) -> None:
    manifest = read_manifest(built)
    assert Manifest.from_json(manifest.to_json()) == manifest
    assert manifest.config == BuildConfig(profiles=("acled",))
    assert manifest.counts.documents == 1 and manifest.documents[0].outcome == "coded"
    assert sum(p.rows for p in manifest.parts) == manifest.counts.events > 0


def test_rows_read_back_match_the_manifest_counts(built: Path) -> None:
    assert read_rows(built).num_rows == read_manifest(built).counts.events


def test_a_folder_without_manifest_is_not_a_dataset(tmp_path: Path) -> None:
    with pytest.raises(DatasetError, match="not a built dataset folder"):
        read_manifest(tmp_path)


def test_config_records_and_names_its_differences() -> None:
    old = BuildConfig()
    new = BuildConfig(pipeline=PipelineSpec(coder="ensemble:m"), shard_size=7)
    assert BuildConfig.from_json(new.to_json()) == new
    assert old.differences(new) == [
        "pipeline.coder: 'rules' != 'ensemble:m'",
        "shard_size: None != 7",
    ]


def test_config_refuses_unknown_profiles_and_bad_ratios() -> None:
    with pytest.raises(ConfigError, match="known profiles: acled"):
        BuildConfig(profiles=("gdelt",))
    with pytest.raises(ConfigError, match="summing to 1"):
        BuildConfig(split_ratios=(0.5, 0.5, 0.5))


def test_resume_with_another_config_names_the_difference(
    pipeline: Pipeline, tmp_path: Path
) -> None:
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    out = tmp_path / "out"

    def stop(_: object) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        build(
            [tmp_path / "a.txt"],
            out,
            BuildConfig(shard_size=1),
            pipeline=pipeline,
            on_document=stop,
        )
    with pytest.raises(ResumeError, match="shard_size: 1 != 2"):
        build([tmp_path / "a.txt"], out, BuildConfig(shard_size=2), pipeline=pipeline, resume=True)
