"""The cue words the readers share, read once from the package's ``lexicon.yaml``."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from ..resources import read_yaml


@cache
def lexicon() -> dict[str, Any]:
    """The cue words, read once from the package's ``lexicon.yaml``."""
    data: dict[str, Any] = read_yaml(Path(__file__).with_name("lexicon.yaml"))
    return data
