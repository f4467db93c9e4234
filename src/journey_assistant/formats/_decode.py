"""Turn file bytes into text, refusing empty, binary and unreadable input with a clear message."""

from __future__ import annotations

import codecs

from ..errors import MapFormatError


def decode(data: bytes, *, source: str | None = None) -> str:
    """Decode UTF-8 (with or without BOM), UTF-16 with BOM, or Windows-1252 text."""
    if not data.strip():
        raise MapFormatError(
            "the file is empty; export the map again or paste it as text.", source=source
        )
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[3:], "utf-8", source)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(data, "utf-16", source)
    if b"\x00" in data[:8192]:
        raise MapFormatError(
            "this looks like a binary file, not a map; use JSON, CSV, TSV, XLSX, Markdown, "
            "Mermaid, HTML or plain text.",
            source=source,
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    text = data.decode("cp1252", errors="replace")
    readable = sum(ch.isprintable() or ch in "\r\n\t" for ch in text)
    if "\ufffd" in text or readable < 0.97 * len(text):
        raise MapFormatError(
            "the file is not UTF-8 text and does not read as another common encoding; "
            "save it as UTF-8 (in Excel: Save As > CSV UTF-8).",
            source=source,
        )
    return text


def _strict(data: bytes, encoding: str, source: str | None) -> str:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        raise MapFormatError(
            f"the file says it is {encoding.upper()} but is not valid {encoding.upper()}; "
            "save it again as UTF-8.",
            source=source,
        ) from None
    text = text.lstrip("\ufeff")
    if not text.strip():
        raise MapFormatError(
            "the file is empty; export the map again or paste it as text.", source=source
        )
    return text
