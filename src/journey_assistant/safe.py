"""Making text from maps, documents and models safe where it is shown or used as a name.

One function per surface: Markdown (chat, the Markdown export, the summary), terminals,
spreadsheet cells and file names. HTML is escaped with :func:`html.escape` where it is built.
"""

from __future__ import annotations

import re
from pathlib import Path

from .errors import UserInputError

__all__ = [
    "SAFE_ID",
    "md",
    "md_model",
    "md_unescape",
    "inside",
    "safe_name",
    "spreadsheet_cell",
    "spreadsheet_uncell",
    "terminal",
]

# --- Markdown ----------------------------------------------------------------------------------

# Characters that start formatting, links, images, HTML or tables in CommonMark and GFM.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]#|])")
# Bare links that GFM and linkify plugins turn into live links: the colon (or the dot after
# www) is escaped, so the text shows as written but is no link.
_MD_AUTOLINK = re.compile(r"(?i)\b([a-z][a-z0-9+.-]{1,20}):(?=//)|\b(www)\.(?=\S)")
_MD_UNESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


def _defang(text: str) -> str:
    return _MD_AUTOLINK.sub(lambda m: f"{m.group(1)}\\:" if m.group(1) else "www\\.", text)


def md(text: str | None) -> str:
    """Text placed inside a line of Markdown: no HTML, links, images or formatting survive.

    Line breaks become spaces, so a value cannot start a heading, a list or a table row.
    """
    text = (text or "").replace("\r\n", " ").replace("\r", " ").replace("\n", " ")
    text = _controls(text).replace("<", "&lt;").replace(">", "&gt;")
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return _defang(text)


_MD_IMAGE_OR_LINK = re.compile(r"!?\[([^\]\n]*)\]\s*(?:\([^)\n]*\)|\[[^\]\n]*\])")
_MD_LINK_DEFINITION = re.compile(r"(?m)^ {0,3}\[[^\]\n]+\]:.*$")


def md_model(text: str | None) -> str:
    """A model's Markdown answer made safe to render: its formatting stays (bold, lists,
    tables), but images and links become their plain text, HTML is shown as text, and bare
    addresses are no longer links (a document cannot make the browser fetch anything)."""
    text = _controls(text or "")
    text = _MD_LINK_DEFINITION.sub("", text)
    text = _MD_IMAGE_OR_LINK.sub(lambda m: m.group(1), text)
    text = text.replace("<", "&lt;").replace(">", "&gt;")
    return _defang(text)


def md_unescape(text: str) -> str:
    """Undo :func:`md` (and any CommonMark backslash escape) when reading Markdown back."""
    text = _MD_UNESCAPE.sub(r"\1", text)
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


# --- terminals ---------------------------------------------------------------------------------

# C0 controls but tab and newline, DEL, C1 controls, and the bidirectional overrides that can
# make a line read differently from what it holds.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _controls(text: str) -> str:
    return _CONTROLS.sub("", text)


def terminal(text: str | None, *, one_line: bool = False) -> str:
    """Text for a terminal: escape sequences and other control characters removed."""
    text = _controls(text or "")
    return " ".join(text.split("\n")) if one_line else text


# --- spreadsheets ------------------------------------------------------------------------------

# A cell starting with one of these is run as a formula by Excel, LibreOffice or Sheets
# (OWASP, "CSV Injection").
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def spreadsheet_cell(value: str) -> str:
    """A cell value that a spreadsheet shows as text: a leading ``'`` before a formula start."""
    return "'" + value if value.startswith(_FORMULA_START) else value


def spreadsheet_uncell(value: str) -> str:
    """Undo :func:`spreadsheet_cell` when a sheet we wrote is read back."""
    if value.startswith("'") and value[1:].startswith(_FORMULA_START):
        return value[1:]
    return value


# --- names and paths ---------------------------------------------------------------------------

# A map id: lower-case letters, digits and hyphens, so it is safe as a file name anywhere.
SAFE_ID = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,78}[a-z0-9])?$")


def safe_name(text: str, *, fallback: str = "journey-map") -> str:
    """A file-name-safe slug of ``text`` (lower-case letters, digits and hyphens, at most 80)."""
    slug = re.sub(r"[^a-z0-9]+", "-", (text or "").lower()).strip("-")
    return slug[:80].strip("-") or fallback


def inside(folder: Path, name: str) -> Path:
    """``folder / name``, refused unless it stays inside ``folder`` (no separators, no ``..``)."""
    base = folder.resolve()
    target = (base / name).resolve()
    if name in ("", ".", "..") or "/" in name or "\\" in name or target.parent != base:
        raise UserInputError(f"{name!r} is not a safe file name; use letters, digits and '-'.")
    return target
