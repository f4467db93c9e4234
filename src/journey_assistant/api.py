"""The Python API: load, save and convert journey maps in any supported format."""

from __future__ import annotations

from pathlib import Path

from .config import get_settings
from .errors import MapFormatError, UserInputError
from .files import write_atomic
from .formats import _too_big as _too_big_message
from .formats import dump, format_for_path, get_format, parse
from .models import Critique, JourneyMap, MapType


def load_map(
    path: str | Path, *, format: str | None = None, max_bytes: int | None = None
) -> JourneyMap:
    """Read a map file; the format comes from ``format``, the extension or the content.

    Files over the upload limit (``JOURNEY_MAX_UPLOAD_MB``, 10 MB by default) are refused
    before they are read.
    """
    file = Path(path)
    if not file.is_file():
        raise UserInputError(f"{file}: no such file; check the path.")
    limit = get_settings().max_upload_bytes if max_bytes is None else max_bytes
    size = file.stat().st_size
    if size > limit:
        raise MapFormatError(_too_big_message(size, limit), source=str(file))
    try:
        data = file.read_bytes()
    except OSError as exc:
        raise UserInputError(f"{file}: cannot read it ({exc.strerror}).") from None
    return parse(data, format=format, name=file.name, max_bytes=limit)


def parse_map(data: str | bytes, *, format: str | None = None) -> JourneyMap:
    """Read a map from text or bytes (pasted content); the format is detected if not given."""
    return parse(data, format=format, max_bytes=get_settings().max_upload_bytes)


def dump_map(
    journey: JourneyMap, format: str = "json", *, keep_formulas: bool = False
) -> str | bytes:
    """The map written in ``format`` (json, csv, tsv, xlsx, md, mermaid, html, text).

    In csv, tsv and xlsx, cells that a spreadsheet would run as formulas are written as text
    unless ``keep_formulas``.
    """
    return dump(journey, format, keep_formulas=keep_formulas)


def save_map(
    journey: JourneyMap,
    path: str | Path,
    *,
    format: str | None = None,
    keep_formulas: bool = False,
) -> Path:
    """Write a map to ``path`` atomically; the format comes from ``format`` or the extension.

    Only a regular file is replaced (never a device or a symbolic link)."""
    file = Path(path)
    fmt = get_format(format) if format else format_for_path(file)
    if fmt is None:
        raise UserInputError(
            f"{file}: cannot tell the format from the extension; pass format='json' (or csv, "
            "tsv, xlsx, md, mermaid, html, text)."
        )
    return write_atomic(file, dump(journey, fmt.name, keep_formulas=keep_formulas))


def convert_map(
    source: str | Path,
    target: str | Path,
    *,
    from_format: str | None = None,
    to_format: str | None = None,
) -> JourneyMap:
    """Read ``source`` and write it to ``target``; returns the map."""
    journey = load_map(source, format=from_format)
    save_map(journey, target, format=to_format)
    return journey


def critique_map(
    journey: JourneyMap, *, map_type: MapType | str | None = None, industry: str | None = None
) -> Critique:
    """Critique a map with the rule catalogue: score, findings, missing stages, improvements."""
    from .critique import critique_map as _critique

    return _critique(journey, map_type=map_type, industry=industry)


def improve_map(
    journey: JourneyMap, *, map_type: MapType | str | None = None, industry: str | None = None
) -> JourneyMap:
    """The future-state map with the offline fixes applied (added items marked inferred)."""
    from .critique.improve import improve_map as _improve

    return _improve(journey, map_type=map_type, industry=industry)[0]
