"""Split document sections into chunks that keep their heading path as context."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from .loaders import LoadedDocument

MAX_CHARS = 900


@dataclass(frozen=True)
class Chunk:
    heading: str
    text: str

    def embedding_text(self, title: str) -> str:
        """What is embedded: the document title and heading path, then the text."""
        head = " > ".join(p for p in (title, self.heading) if p)
        return f"{head}\n{self.text}" if head else self.text


def content_hash(*parts: str | bytes) -> str:
    """SHA-256 of the parts, each ended by a NUL so that ("ab", "c") and ("a", "bc") differ."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part if isinstance(part, bytes) else part.encode("utf-8"))
        digest.update(b"\x00")
    return digest.hexdigest()


def guide_chunk_id(stem: str, chunk: Chunk) -> str:
    """The stable id of a guide chunk: the knowledge base stores it and offline drafts cite it."""
    return f"guide:{stem}:{content_hash(chunk.heading, chunk.text)[:10]}"


def chunk_document(doc: LoadedDocument, max_chars: int = MAX_CHARS) -> list[Chunk]:
    """Chunks of at most ``max_chars``, split at paragraphs, then sentences, then words."""
    chunks: list[Chunk] = []
    for section in doc.sections:
        for piece in _pack(_paragraphs(section.text, max_chars), max_chars):
            chunks.append(Chunk(section.heading, piece))
    return chunks


def _paragraphs(text: str, max_chars: int) -> list[str]:
    out: list[str] = []
    for para in re.split(r"\n\s*\n", text.strip()):
        para = para.strip()
        if not para:
            continue
        if len(para) <= max_chars:
            out.append(para)
            continue
        for sentence in re.split(r"(?<=[.!?])\s+|\n", para):
            while len(sentence) > max_chars:
                cut = sentence.rfind(" ", 0, max_chars)
                cut = cut if cut > max_chars // 2 else max_chars
                out.append(sentence[:cut].strip())
                sentence = sentence[cut:]
            if sentence.strip():
                out.append(sentence.strip())
    return out


def _pack(parts: list[str], max_chars: int) -> list[str]:
    packed: list[str] = []
    current = ""
    for part in parts:
        if current and len(current) + 2 + len(part) > max_chars:
            packed.append(current)
            current = part
        else:
            current = f"{current}\n\n{part}" if current else part
    if current:
        packed.append(current)
    return packed
