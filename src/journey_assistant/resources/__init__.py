"""The data that ships inside the package: ``knowledge/`` (guides and catalogues) and
``prompts/`` (the LLM prompt templates).

Both are read through :mod:`importlib.resources`, so an installed wheel finds them wherever it
lives; ``JOURNEY_KNOWLEDGE_DIR`` and ``JOURNEY_PROMPTS_DIR`` point at another copy instead.

:func:`read_yaml` parses a YAML file once: the result is kept as JSON under the data folder's
``cache/parsed/``, keyed by the file's bytes, so a changed file is parsed again and every other
call reads JSON (about 30x faster than YAML for the catalogue's 37 files).

:func:`built_once` keeps a whole validated object (the catalogue) the same way, pickled and keyed
by the bytes of every file it was built from, the code that defines it included: a command then
skips both parsing and validation. The pickle is only ever read from the data folder's own
cache, which only this program writes; anything unreadable there is rebuilt.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Iterable
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

__all__ = ["built_once", "folder", "read_yaml"]

T = TypeVar("T")

CACHE_VERSION = "1"


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


def read_yaml(path: Path) -> Any:
    """The parsed content of the YAML file ``path`` (``FileNotFoundError`` and ``yaml.YAMLError``
    pass through). Parsed data that JSON cannot hold exactly is simply not cached."""
    raw = path.read_bytes()
    key = hashlib.sha256(CACHE_VERSION.encode() + raw).hexdigest()[:24]
    cache = _cache_dir()
    cached = cache / f"{path.stem}-{key}.json" if cache else None
    if cached is not None:
        try:
            return json.loads(cached.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            pass
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when available
    data = yaml.load(raw.decode("utf-8"), Loader=loader)
    if cached is not None:
        _keep(cached, data)
    return data


def built_once(name: str, sources: Iterable[Path], build: Callable[[], T]) -> T:
    """``build()``, or the object an earlier call built from the same ``sources`` (their bytes
    are the key: list every data file and the modules whose classes the object holds).

    Errors from ``build`` pass through; a cache that cannot be read or written is ignored.
    """
    cache = _cache_dir()
    if cache is None:
        return build()
    import sys

    digest = hashlib.sha256(f"{CACHE_VERSION} {sys.version}".encode())  # pickles differ by Python
    try:
        for path in sources:
            digest.update(str(path.name).encode() + b"\0" + path.read_bytes() + b"\0")
    except OSError:
        return build()
    target = cache / f"{name}-{digest.hexdigest()[:24]}.pickle"
    import pickle

    try:
        with target.open("rb") as handle:
            return pickle.load(handle)
    except Exception:  # missing, partly written by an older version, or from other code
        pass
    built = build()
    try:
        from ..files import write_atomic

        write_atomic(target, pickle.dumps(built, protocol=pickle.HIGHEST_PROTOCOL))
        for old in cache.glob(f"{name}-*.pickle"):
            if old != target:
                old.unlink(missing_ok=True)
    except Exception:  # an object that cannot be pickled, or a read-only data folder
        pass
    return built


def _cache_dir() -> Path | None:
    try:
        from ..config import get_settings

        return get_settings().cache / "parsed"
    except Exception:  # no usable settings: parse every time
        return None


def _keep(target: Path, data: Any) -> None:
    try:
        text = json.dumps(data, ensure_ascii=False)
        if json.loads(text) != data:  # integer keys, dates, tuples: JSON would change them
            return
        from ..files import write_atomic

        write_atomic(target, text)
        for old in target.parent.glob(f"{target.stem.rsplit('-', 1)[0]}-*.json"):
            if old != target:  # the parse of an earlier version of the same file
                old.unlink(missing_ok=True)
    except (OSError, ValueError, TypeError):
        return
