"""Shipped YAML is parsed once and kept as JSON under the data folder, keyed by its bytes."""

from __future__ import annotations

from pathlib import Path

import pytest

from journey_assistant.config import get_settings
from journey_assistant.resources import read_yaml


def _cached(stem: str) -> list[Path]:
    return sorted((get_settings().cache / "parsed").glob(f"{stem}-*.json"))


def test_a_file_is_parsed_once_and_again_when_it_changes(tmp_path: Path) -> None:
    source = tmp_path / "cues.yaml"
    source.write_text("words: [late, slow]\n", encoding="utf-8")
    assert read_yaml(source) == {"words": ["late", "slow"]}
    (first,) = _cached("cues")
    first.write_text('{"words": ["from the cache"]}', encoding="utf-8")
    assert read_yaml(source) == {"words": ["from the cache"]}  # the second read is the JSON

    source.write_text("words: [late, slow, lost]\n", encoding="utf-8")
    assert read_yaml(source) == {"words": ["late", "slow", "lost"]}
    assert _cached("cues") != [first] and len(_cached("cues")) == 1  # the old parse is gone


def test_data_json_would_change_is_parsed_every_time(tmp_path: Path) -> None:
    source = tmp_path / "scale.yaml"
    source.write_text("1: very negative\n5: very positive\n", encoding="utf-8")
    assert read_yaml(source) == {1: "very negative", 5: "very positive"}
    assert _cached("scale") == []  # integer keys would come back as strings
    assert read_yaml(source) == {1: "very negative", 5: "very positive"}


def test_a_damaged_cache_file_is_parsed_again(tmp_path: Path) -> None:
    source = tmp_path / "list.yaml"
    source.write_text("- a\n- b\n", encoding="utf-8")
    read_yaml(source)
    (cached,) = _cached("list")
    cached.write_text("{not json", encoding="utf-8")
    assert read_yaml(source) == ["a", "b"]


def test_invalid_yaml_still_says_so(tmp_path: Path) -> None:
    import yaml

    source = tmp_path / "bad.yaml"
    source.write_text("a: [unclosed\n", encoding="utf-8")
    with pytest.raises(yaml.YAMLError):
        read_yaml(source)
