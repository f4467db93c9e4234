"""Read documents into titled sections: Markdown, text, PDF, Word, HTML and CSV.

Each loader returns the document's title and its sections (heading path + text), so chunks can
keep their headings as context. Documents are data: nothing in them is run or followed.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import UserInputError

SUPPORTED = {".md", ".markdown", ".txt", ".text", ".pdf", ".docx", ".html", ".htm", ".csv"}


class SkipFile(UserInputError):
    """A file that cannot be ingested; the message is the one-line reason."""


@dataclass
class Section:
    heading: str
    text: str


@dataclass
class LoadedDocument:
    title: str
    sections: list[Section] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n\n".join(s.text for s in self.sections)


def load_document(path: Path, *, max_bytes: int) -> LoadedDocument:
    """Read one file; raise :class:`SkipFile` with a reason when it cannot be used."""
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        raise SkipFile(f"unsupported type {suffix or '(none)'}; use md, txt, pdf, docx, html, csv")
    size = path.stat().st_size
    if size > max_bytes:
        raise SkipFile(f"{size / 1_048_576:.1f} MB is over the {max_bytes / 1_048_576:g} MB limit")
    if size == 0:
        raise SkipFile("the file is empty")
    data = path.read_bytes()
    if suffix == ".pdf":
        doc = _pdf(data, path.stem)
    elif suffix == ".docx":
        doc = _docx(data, path.stem)
    else:
        text = _decode(data)
        if suffix in (".html", ".htm"):
            doc = _html(text, path.stem)
        elif suffix == ".csv":
            doc = _csv(text, path.stem)
        elif suffix in (".md", ".markdown"):
            doc = markdown_sections(text, path.stem)
        else:
            doc = LoadedDocument(path.stem, [Section("", text)])
    doc.sections = [s for s in doc.sections if s.text.strip()]
    if not doc.sections:
        raise SkipFile("no text found in it")
    return doc


def _decode(data: bytes) -> str:
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise SkipFile("binary content, not text")
    for encoding in (
        ("utf-8-sig", "utf-16")
        if data[:2] in (b"\xff\xfe", b"\xfe\xff")
        else ("utf-8-sig", "cp1252")
    ):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise SkipFile("not readable text (save it as UTF-8)")


def markdown_sections(text: str, fallback_title: str) -> LoadedDocument:
    """Split Markdown on headings; each section's heading is its path ("Guide > Section")."""
    title = fallback_title
    sections: list[Section] = []
    stack: list[str] = []
    body: list[str] = []

    def flush() -> None:
        if body and "".join(body).strip():
            sections.append(Section(" > ".join(stack), "\n".join(body).strip()))
        body.clear()

    for line in text.splitlines():
        match = re.match(r"^(#{1,6})\s+(.+?)\s*#*\s*$", line)
        if match:
            flush()
            level, heading = len(match.group(1)), match.group(2).strip()
            if level == 1 and title == fallback_title:
                title = heading
            stack[:] = stack[: level - 1] + [heading]
            continue
        body.append(line)
    flush()
    return LoadedDocument(title, sections)


def _pdf(data: bytes, stem: str) -> LoadedDocument:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise SkipFile("the PDF is encrypted; save an unprotected copy")
        pages = [page.extract_text() or "" for page in reader.pages]
    except SkipFile:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise SkipFile(f"the PDF is damaged ({type(exc).__name__})") from None
    title = stem
    meta = reader.metadata
    if meta is not None and meta.title:
        title = str(meta.title)
    return LoadedDocument(title, [Section(f"page {n}", t) for n, t in enumerate(pages, 1)])


def _docx(data: bytes, stem: str) -> LoadedDocument:
    import zipfile

    from docx import Document

    try:
        document = Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise SkipFile(f"the Word file is damaged ({type(exc).__name__})") from None
    lines = []
    for para in document.paragraphs:
        style = (para.style.name if para.style is not None else "") or ""
        level = re.match(r"Heading (\d)", style)
        if level:
            lines.append("#" * int(level.group(1)) + " " + para.text)
        elif style == "Title":
            lines.append("# " + para.text)
        else:
            lines.append(para.text)
    for table in document.tables:
        for row in table.rows:
            lines.append(" | ".join(cell.text.strip() for cell in row.cells))
    return markdown_sections("\n".join(lines), stem)


def _html(text: str, stem: str) -> LoadedDocument:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(text, "html.parser")
    for tag in soup(["script", "style", "noscript", "template"]):
        tag.decompose()
    title = soup.title.get_text(strip=True) if soup.title else stem
    lines = []
    for element in soup.find_all(
        ["h1", "h2", "h3", "h4", "p", "li", "td", "th", "pre", "blockquote"]
    ):
        content = element.get_text(" ", strip=True)
        if not content:
            continue
        if element.name in ("h1", "h2", "h3", "h4"):
            lines.append("#" * int(element.name[1]) + " " + content)
        else:
            lines.append(content)
    comments = re.findall(r"<!--(.*?)-->", text, re.DOTALL)  # kept as data, like any text
    lines.extend(c.strip() for c in comments if c.strip())
    doc = markdown_sections("\n".join(lines), title)
    doc.title = title or doc.title
    return doc


def _csv(text: str, stem: str) -> LoadedDocument:
    rows = list(csv.reader(io.StringIO(text)))
    if not rows:
        return LoadedDocument(stem, [])
    header = rows[0]
    lines = []
    for row in rows[1:]:
        pairs = [f"{h}: {v}" for h, v in zip(header, row, strict=False) if v.strip()]
        if pairs:
            lines.append("; ".join(pairs))
    return LoadedDocument(stem, [Section(stem, "\n".join(lines))])
