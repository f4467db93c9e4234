"""Cite built-in guide sections without embedding anything.

Guide chunk ids are content hashes (see :mod:`.chunking`), so the offline engine can compute the
same ids the knowledge base returns and cite a section by file and heading.
"""

from __future__ import annotations

from functools import cache

from ..models import Source
from .catalog import knowledge_dir
from .chunking import chunk_document, guide_chunk_id
from .loaders import markdown_sections


@cache
def _guide_chunks(name: str) -> list[tuple[str, str, str, str]]:
    """(id, title, heading, text) for each chunk of one guide."""
    path = knowledge_dir() / "guides" / name
    if not path.exists():
        return []
    doc = markdown_sections(path.read_text(encoding="utf-8"), path.stem)
    return [
        (guide_chunk_id(path.stem, c), doc.title, c.heading, c.text) for c in chunk_document(doc)
    ]


def guide_source(name: str, heading_contains: str = "") -> Source | None:
    """The first chunk of guide ``name`` whose heading contains the text, as a citable source."""
    wanted = heading_contains.lower()
    for chunk_id, title, heading, text in _guide_chunks(name):
        if wanted in heading.lower():
            excerpt = " ".join(text.split())
            excerpt = excerpt if len(excerpt) <= 240 else excerpt[:240].rsplit(" ", 1)[0] + "…"
            return Source(
                id=chunk_id,
                title=title,
                location=f"knowledge/guides/{name} > {heading}",
                excerpt=excerpt,
                kind="guide",
            )
    return None


def guide_ids() -> set[str]:
    """Ids of every built-in guide chunk: what the offline engine may cite."""
    folder = knowledge_dir() / "guides"
    return {chunk[0] for path in sorted(folder.glob("*.md")) for chunk in _guide_chunks(path.name)}
