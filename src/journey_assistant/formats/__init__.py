"""Import and export of journey maps: format registry and format detection.

Every format reads text (XLSX reads bytes) into a :class:`JourneyMap` and writes one back.
Importers only parse: they never execute, fetch or follow anything in the input.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from pathlib import Path
from types import ModuleType

from ..errors import MapFormatError, UserInputError
from ..models import JourneyMap
from . import limits
from ._decode import decode

__all__ = ["FORMATS", "Format", "detect_format", "dump", "format_for_path", "parse"]


@dataclass(frozen=True)
class Format:
    """One import/export format. Its module (``module``, in this package) is imported the first
    time the format reads or writes, so a command loads only the formats it uses."""

    name: str
    extensions: tuple[str, ...]
    module: str
    binary: bool = False
    description: str = ""
    spreadsheet: bool = False  # cells a spreadsheet may run as formulas: neutralised on write
    read_name: str = "read"
    write_name: str = "write"

    @property
    def reader(self) -> Callable[..., JourneyMap]:
        reader: Callable[..., JourneyMap] = getattr(self._module(), self.read_name)
        return reader

    @property
    def writer(self) -> Callable[..., str | bytes]:
        writer: Callable[..., str | bytes] = getattr(self._module(), self.write_name)
        return writer

    def _module(self) -> ModuleType:
        return import_module(f"{__name__}.{self.module}")


FORMATS: dict[str, Format] = {
    "json": Format(
        "json",
        (".json",),
        "json",
        description="Journey Assistant JSON (lenient with other tools' JSON)",
    ),
    "csv": Format(
        "csv",
        (".csv",),
        "csv",
        description="Spreadsheet grid, comma-separated",
        spreadsheet=True,
    ),
    "tsv": Format(
        "tsv",
        (".tsv", ".tab"),
        "csv",
        read_name="read_tsv",
        write_name="write_tsv",
        description="Spreadsheet grid, tab-separated",
        spreadsheet=True,
    ),
    "xlsx": Format(
        "xlsx",
        (".xlsx", ".xlsm"),
        "xlsx",
        binary=True,
        description="Excel workbook",
        spreadsheet=True,
    ),
    "md": Format(
        "md",
        (".md", ".markdown"),
        "markdown",
        description="Markdown report (reads Markdown tables too)",
    ),
    "mermaid": Format(
        "mermaid",
        (".mmd", ".mermaid"),
        "mermaid",
        description="Mermaid journey diagram",
    ),
    "html": Format(
        "html",
        (".html", ".htm"),
        "html",
        description="Self-contained HTML page with grid and emotion curve",
    ),
    "text": Format(
        "text",
        (".txt", ".text"),
        "text",
        description="Plain-text outline (reads free text)",
    ),
}
ALIASES = {"markdown": "md", "mmd": "mermaid", "txt": "text", "htm": "html", "excel": "xlsx"}


def get_format(name: str) -> Format:
    """The format with this name or alias; a clear error otherwise."""
    key = ALIASES.get(name.lower(), name.lower())
    if key not in FORMATS:
        raise UserInputError(f"unknown format {name!r}; use one of: {', '.join(FORMATS)}.")
    return FORMATS[key]


def format_for_path(path: str | Path) -> Format | None:
    """The format a file name's extension stands for, if any."""
    suffix = Path(path).suffix.lower()
    return next((f for f in FORMATS.values() if suffix in f.extensions), None)


def detect_format(text: str) -> str:
    """Guess the format of text from its content."""
    stripped = text.lstrip("\ufeff \t\r\n")
    if stripped[:1] in "{[":
        return "json"
    head = stripped[:2000].lower()
    if head.startswith(("<!doctype", "<html", "<table", "<body", "<div", "<?xml")) or re.search(
        r"<table[\s>]", head
    ):
        return "html"
    first = next(
        (
            ln.strip()
            for ln in stripped.splitlines()
            if ln.strip() and not ln.strip().startswith("%%")
        ),
        "",
    )
    if first.lower() == "journey" or re.search(r"```\s*mermaid\s*\n\s*journey", head):
        return "mermaid"
    lines = [ln for ln in stripped.splitlines() if ln.strip()][:40]
    if any(re.match(r"^\s*\|.*\|", ln) for ln in lines) and any(
        re.match(r"^\s*\|?\s*:?-{3,}", ln) for ln in lines
    ):
        return "md"
    if re.search(r"^##\s+Stages\s*$", stripped, re.MULTILINE):
        return "md"
    if lines and sum("\t" in ln for ln in lines) >= max(2, len(lines) // 2):
        return "tsv"
    if _looks_like_csv(lines):
        return "csv"
    return "text"


def _looks_like_csv(lines: list[str]) -> bool:
    from .grid import lane_of

    if len(lines) < 2:
        return False
    for delim in (",", ";"):
        first_cells = [ln.split(delim)[0].strip().strip('"') for ln in lines]
        labelled = sum(lane_of(c) is not None for c in first_cells)
        header_cells = [c.strip().strip('"') for c in lines[0].split(delim)]
        if labelled >= 2 and all(delim in ln for ln in lines[:3]):
            return True
        if (
            any(lane_of(c) == "stage" for c in header_cells)
            and len(header_cells) >= 2
            and sum(delim in ln for ln in lines) >= len(lines) * 0.8
        ):
            return True
    return False


def parse(
    data: bytes | str,
    *,
    format: str | None = None,
    name: str | None = None,
    max_bytes: int | None = None,
) -> JourneyMap:
    """Read a map from bytes or text; the format is forced, taken from ``name``, or detected."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    if max_bytes is not None and len(raw) > max_bytes:
        raise MapFormatError(_too_big(len(raw), max_bytes), source=name)
    fmt = get_format(format) if format else None
    if fmt is None and raw[:4] == b"PK\x03\x04":
        fmt = FORMATS["xlsx"]
    if fmt is None and name:
        by_ext = format_for_path(name)
        if by_ext is not None and by_ext.name != "text":
            fmt = by_ext
    if fmt is not None and fmt.binary:
        if not raw.strip():
            raise MapFormatError("the file is empty; export the map again.", source=name)
        return _require_stages(fmt.reader(raw, source=name), name)
    text = decode(raw, source=name)
    limits.check_lines(text, name)
    if fmt is None:
        fmt = FORMATS[detect_format(text)]
    try:
        journey = fmt.reader(text, source=name)
    except RecursionError:
        raise MapFormatError("the input is nested too deeply to be a map.", source=name) from None
    return _require_stages(journey, name)


def _require_stages(journey: JourneyMap, name: str | None) -> JourneyMap:
    if not journey.stages:
        raise MapFormatError("the map has no stages; add at least one stage.", source=name)
    limits.check_stages(len(journey.stages), name)
    return journey


def dump(journey: JourneyMap, format: str, *, keep_formulas: bool = False) -> str | bytes:
    """Write a map in the named format. Spreadsheet cells that would run as formulas are
    written as text unless ``keep_formulas``."""
    fmt = get_format(format)
    if fmt.spreadsheet:
        return fmt.writer(journey, keep_formulas=keep_formulas)
    return fmt.writer(journey)


def _too_big(size: int, limit: int) -> str:
    return (
        f"the file is {size / 1_048_576:.1f} MB, over the {limit / 1_048_576:g} MB limit; "
        "split the map or raise JOURNEY_MAX_UPLOAD_MB."
    )
