"""The data that ships inside the package: ``knowledge/`` (guides and catalogues) and
``prompts/`` (the LLM prompt templates).

Both are read through :mod:`importlib.resources`, so an installed wheel finds them wherever it
lives; ``JOURNEY_KNOWLEDGE_DIR`` and ``JOURNEY_PROMPTS_DIR`` point at another copy instead.
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

__all__ = ["folder"]


def folder(name: str, override: str) -> Path:
    """The shipped folder ``name`` (``knowledge`` or ``prompts``), or the folder named by the
    environment variable ``override`` when it is set."""
    chosen = os.environ.get(override)
    if chosen:
        return Path(chosen)
    root = resources.files(__name__)
    if not isinstance(root, Path):  # a zipped install: the catalogues are read as files
        from ..errors import JourneyError

        raise JourneyError(
            f"Journey Assistant cannot read its {name} from {root}; install it unzipped "
            f"(pip does) or set {override} to a copy of the folder."
        )
    return root / name
