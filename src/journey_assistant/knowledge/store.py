"""The knowledge base: built-in guidance and company documents in Chroma, searched together.

Chroma runs embedded (``PersistentClient`` under the data directory) unless
``JOURNEY_CHROMA_HOST`` names a Chroma server (``host:port``). Chunk ids are content hashes,
so re-ingesting an unchanged file embeds nothing and a changed file replaces its old chunks.
A small registry (JSON, written atomically) records the documents and where they came from.
Retrieved text is data for citation; nothing here interprets it.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from ..config import Settings
from ..errors import JourneyError, UserInputError
from ..files import write_atomic
from ..models import slugify
from .catalog import knowledge_dir
from .chunking import Chunk, chunk_document, guide_chunk_id
from .chunking import content_hash as _hash
from .embeddings import Embedder, get_embedder
from .loaders import SUPPORTED, SkipFile, load_document, markdown_sections

CHUNKING_VERSION = "1"
Progress = Callable[[int, int, str], None]


@dataclass(frozen=True)
class Snippet:
    """A retrieved chunk with what a citation needs."""

    id: str
    text: str
    title: str
    heading: str
    source: str
    kind: str  # "guide" or "document"
    score: float


@dataclass
class IngestReport:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    chunks_written: int = 0
    texts_embedded: int = 0


@dataclass
class DocumentRecord:
    id: str
    name: str
    path: str
    title: str
    content_hash: str
    chunks: int
    ingested_at: float


@dataclass(frozen=True)
class _Entry:
    id: str
    chunk: Chunk
    title: str
    metadata: dict[str, Any]


BATCH = 256  # chunks embedded per call: large batches keep the model busy


class KnowledgeBase:
    """Guidance and company documents in two Chroma collections."""

    lock_wait_seconds = 30.0  # how long a second writer waits before a clear error

    def __init__(
        self, settings: Settings, embedder: Embedder | None = None, guides_dir: Path | None = None
    ) -> None:
        self.settings = settings
        self.embedder = embedder or get_embedder()
        self.guides_dir = guides_dir or knowledge_dir() / "guides"
        self.root = settings.data_dir / "knowledge"
        self._client: Any = None

    # --- plumbing ----------------------------------------------------------------------------

    @property
    def client(self) -> Any:
        if self._client is None:
            import chromadb
            from chromadb.config import Settings as ChromaSettings

            chroma_settings = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
            if self.settings.chroma_host:
                host, _, port = self.settings.chroma_host.partition(":")
                self._client = chromadb.HttpClient(
                    host=host, port=int(port or 8000), settings=chroma_settings
                )
            else:
                self.root.mkdir(parents=True, exist_ok=True)
                self._client = chromadb.PersistentClient(
                    path=str(self.root / "chroma"), settings=chroma_settings
                )
        return self._client

    @contextmanager
    def _write_lock(self, wait_seconds: float | None = None) -> Iterator[None]:
        """One writing process per embedded store (Chroma's rule); others wait, then get a
        clear message instead of a hang or a corrupted index."""
        if self.settings.chroma_host:  # a Chroma server serialises writes itself
            yield
            return
        import fcntl

        self.root.mkdir(parents=True, exist_ok=True)
        with open(self.root / ".write.lock", "a+") as handle:
            deadline = time.monotonic() + (
                self.lock_wait_seconds if wait_seconds is None else wait_seconds
            )
            while True:
                try:
                    fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() > deadline:
                        handle.seek(0)
                        holder = handle.read().strip() or "another process"
                        raise JourneyError(
                            f"the knowledge base in {self.root} is being written by {holder}; "
                            "wait for it to finish, or share one Chroma server between "
                            "processes with JOURNEY_CHROMA_HOST."
                        ) from None
                    time.sleep(0.2)
            handle.seek(0)
            handle.truncate()
            handle.write(f"process {os.getpid()}")
            handle.flush()
            try:
                yield
            finally:
                fcntl.flock(handle.fileno(), fcntl.LOCK_UN)

    def _collection(self, kind: str) -> Any:
        name = f"journey-{kind}-{slugify(self.embedder.name)}"
        return self.client.get_or_create_collection(
            name, embedding_function=None, metadata={"hnsw:space": "cosine"}
        )

    @property
    def _registry_path(self) -> Path:
        return self.root / "registry.json"

    def _registry(self) -> dict[str, Any]:
        try:
            data = json.loads(self._registry_path.read_text(encoding="utf-8"))
            return data if isinstance(data, dict) else {}
        except (FileNotFoundError, json.JSONDecodeError):
            return {}

    def _save_registry(self, registry: dict[str, Any]) -> None:
        write_atomic(self._registry_path, json.dumps(registry, indent=1))

    def _write_chunks(
        self, collection: Any, entries: list[_Entry], known: dict[str, Any] | None = None
    ) -> int:
        """Embed and add the entries whose ids the collection lacks; returns how many. Vectors
        in ``known`` (by id) are used as they are; the others are embedded and added to it."""
        ids = [e.id for e in entries]
        existing = set(collection.get(ids=ids, include=[])["ids"]) if ids else set()
        new = [e for e in dict((e.id, e) for e in entries).values() if e.id not in existing]
        if not new:
            return 0
        known = {} if known is None else known
        missing = [e for e in new if e.id not in known]
        if missing:
            embedded = self.embedder.embed([e.chunk.embedding_text(e.title) for e in missing])
            known.update((e.id, v) for e, v in zip(missing, embedded, strict=True))
        vectors = [known[e.id] for e in new]
        collection.add(
            ids=[e.id for e in new],
            embeddings=vectors,
            documents=[e.chunk.text for e in new],
            metadatas=[{**e.metadata, "title": e.title, "heading": e.chunk.heading} for e in new],
        )
        return len(new)

    # --- guidance ----------------------------------------------------------------------------

    def guidance_current(self) -> bool:
        """Whether the guidance index matches the shipped guides (no indexing needed)."""
        return self._guidance_current(self._guides()[1])

    def ensure_guidance(self, progress: Progress | None = None) -> int:
        """Index ``knowledge/guides`` if it changed since last time; returns chunks embedded.
        ``progress(done, total, name)`` is told after every batch of chunks."""
        contents, fingerprint = self._guides()
        if self._guidance_current(fingerprint):
            return 0
        with self._write_lock():
            return self._index_guidance(contents, fingerprint, progress)

    def _guides(self) -> tuple[list[tuple[str, str]], str]:
        """(file name, text) of every guide, and their fingerprint."""
        files = sorted(self.guides_dir.glob("*.md"))
        if not files:
            raise JourneyError(f"no guides found in {self.guides_dir}; restore knowledge/guides.")
        contents = [(f.name, f.read_text(encoding="utf-8")) for f in files]
        fingerprint = _hash(
            CHUNKING_VERSION, self.embedder.name, *[part for pair in contents for part in pair]
        )
        return contents, fingerprint

    def _guidance_current(self, fingerprint: str) -> bool:
        recorded = self._registry().get("guidance", {}).get("fingerprint")
        return recorded == fingerprint and bool(self._collection("guidance").count())

    def _index_guidance(
        self, contents: list[tuple[str, str]], fingerprint: str, progress: Progress | None = None
    ) -> int:
        if self._guidance_current(fingerprint):  # another process indexed it while we waited
            return 0
        registry = self._registry()
        collection = self._collection("guidance")
        entries: list[_Entry] = []
        for name, text in contents:
            doc = markdown_sections(text, Path(name).stem)
            stem = Path(name).stem
            meta = {"kind": "guide", "source": name, "doc_id": stem}
            entries.extend(
                _Entry(guide_chunk_id(stem, c), c, doc.title, meta) for c in chunk_document(doc)
            )
        ids = [e.id for e in entries]
        # The guides' vectors depend only on the guides and the model (both in the fingerprint),
        # so a new data folder takes them from the cache folder instead of embedding again.
        cached = self.settings.cache / f"guidance-{fingerprint[:24]}.npz"
        known = _read_vectors(cached)
        before = len(known)
        written = 0
        step = 64  # small enough for the progress bar to move every few seconds
        for i in range(0, len(entries), step):
            written += self._write_chunks(collection, entries[i : i + step], known)
            if progress:
                progress(min(i + step, len(entries)), len(entries), "guides")
        if len(known) > before and set(ids) <= set(known):
            _write_vectors(cached, {i: known[i] for i in ids})
            for old in cached.parent.glob("guidance-*.npz"):
                if old != cached:  # the vectors of earlier guides or another model
                    old.unlink(missing_ok=True)
        stale = set(collection.get(include=[])["ids"]) - set(ids)
        if stale:
            collection.delete(ids=sorted(stale))
        registry["guidance"] = {"fingerprint": fingerprint, "chunks": len(ids)}
        self._save_registry(registry)
        return written

    # --- company documents -------------------------------------------------------------------

    def ingest(self, paths: Iterable[Path], progress: Progress | None = None) -> IngestReport:
        """Ingest files and folders; unusable files are skipped with a reason each."""
        with self._write_lock():
            return self._ingest(paths, progress)

    def _ingest(self, paths: Iterable[Path], progress: Progress | None) -> IngestReport:
        files = list(_expand(paths))
        report = IngestReport()
        registry = self._registry()
        documents: dict[str, Any] = registry.setdefault("documents", {})
        collection = self._collection("documents")
        before = self.embedder.texts_embedded
        pending: list[_Entry] = []
        records: list[tuple[DocumentRecord, bool]] = []

        def flush() -> None:
            report.chunks_written += self._write_chunks(collection, pending)
            for record, was_known in records:  # recorded only once its chunks are stored
                documents[record.id] = asdict(record)
                (report.updated if was_known else report.added).append(record.path)
            if records:
                self._save_registry(registry)
            pending.clear()
            records.clear()

        for n, (path, refused) in enumerate(files, start=1):
            if progress:
                progress(n, len(files), path.name)
            if refused:
                report.skipped.append((str(path), refused))
                continue
            try:
                doc = load_document(path, max_bytes=self.settings.max_upload_bytes)
            except SkipFile as exc:
                report.skipped.append((str(path), str(exc)))
                continue
            except OSError as exc:
                report.skipped.append((str(path), f"cannot read it ({exc.strerror})"))
                continue
            doc_id = _hash(str(path.resolve()))[:12]
            content_hash = _hash(
                CHUNKING_VERSION, doc.title, *[p for s in doc.sections for p in (s.heading, s.text)]
            )
            previous = documents.get(doc_id)
            if previous and previous["content_hash"] == content_hash:
                report.unchanged.append(str(path))
                continue
            if previous:
                collection.delete(where={"doc_id": doc_id})
            meta = {"kind": "document", "source": path.name, "doc_id": doc_id}
            entries = {
                f"doc:{doc_id}:{_hash(c.heading, c.text)[:10]}": c for c in chunk_document(doc)
            }
            pending.extend(_Entry(i, c, doc.title, meta) for i, c in entries.items())
            record = DocumentRecord(
                id=doc_id,
                name=path.name,
                path=str(path.resolve()),
                title=doc.title,
                content_hash=content_hash,
                chunks=len(entries),
                ingested_at=time.time(),
            )
            records.append((record, previous is not None))
            if len(pending) >= BATCH:
                flush()
        flush()
        report.texts_embedded = self.embedder.texts_embedded - before
        return report

    def documents(self) -> list[DocumentRecord]:
        """Ingested company documents, most recent first."""
        records = [DocumentRecord(**r) for r in self._registry().get("documents", {}).values()]
        return sorted(records, key=lambda r: r.ingested_at, reverse=True)

    def remove(self, doc_id: str) -> DocumentRecord:
        """Delete a document and its chunks."""
        with self._write_lock():
            return self._remove(doc_id)

    def _remove(self, doc_id: str) -> DocumentRecord:
        registry = self._registry()
        documents = registry.get("documents", {})
        matches = [k for k in documents if k.startswith(doc_id)] if doc_id else []
        if len(matches) != 1:
            raise UserInputError(
                f"no single document with id {doc_id!r}; `journey docs list` shows the ids."
            )
        record = DocumentRecord(**documents.pop(matches[0]))
        self._collection("documents").delete(where={"doc_id": record.id})
        self._save_registry(registry)
        return record

    # --- search ------------------------------------------------------------------------------

    def search(
        self,
        query: str,
        k: int = 5,
        *,
        kinds: tuple[str, ...] = ("guide", "document"),
    ) -> list[Snippet]:
        """The ``k`` chunks closest to ``query`` across guidance and company documents."""
        if not query.strip():
            raise UserInputError(
                "the question is empty; ask something like 'how do I map emotions?'."
            )
        if "guide" in kinds:
            self.ensure_guidance()
        vector = self.embedder.embed([query])[0]
        found: list[Snippet] = []
        for kind, name in (("guide", "guidance"), ("document", "documents")):
            if kind not in kinds:
                continue
            collection = self._collection(name)
            count = collection.count()
            if not count:
                continue
            result = collection.query(
                query_embeddings=[vector],
                n_results=min(k, count),
                include=["documents", "metadatas", "distances"],
            )
            for sid, text, meta, dist in zip(
                result["ids"][0],
                result["documents"][0],
                result["metadatas"][0],
                result["distances"][0],
                strict=True,
            ):
                found.append(
                    Snippet(
                        id=sid,
                        text=text,
                        title=str(meta.get("title", "")),
                        heading=str(meta.get("heading", "")),
                        source=str(meta.get("source", "")),
                        kind=kind,
                        score=round(1.0 - float(dist), 4),
                    )
                )
        found.sort(key=lambda s: (-s.score, s.id))
        return found[:k]


def _read_vectors(path: Path) -> dict[str, Any]:
    """The vectors kept in ``path`` by id; empty when it is missing or unreadable."""
    import numpy as np

    try:
        with np.load(path, allow_pickle=False) as kept:
            return dict(zip(kept["ids"].tolist(), kept["vectors"].tolist(), strict=True))
    except (OSError, KeyError, ValueError):
        return {}


def _write_vectors(path: Path, vectors: dict[str, Any]) -> None:
    """Keep ``vectors`` (id -> vector) in ``path``; a folder that cannot be written is no error."""
    import io

    import numpy as np

    buffer = io.BytesIO()
    np.savez(
        buffer, ids=np.array(list(vectors)), vectors=np.array(list(vectors.values()), "float64")
    )
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, buffer.getvalue(), private=True)
    except OSError:
        return


def _expand(paths: Iterable[Path]) -> Iterable[tuple[Path, str | None]]:
    """The files to read, each with the reason it is skipped (None: read it). Inside a folder,
    a link that leads out of the folder is skipped: ingesting a folder reads that folder."""
    for path in paths:
        if path.is_dir():
            root = path.resolve()
            for child in sorted(path.rglob("*")):
                if child.name.startswith(".") or not child.is_file():
                    continue
                if not child.resolve().is_relative_to(root):
                    yield child, f"a link to a file outside {path}; not followed"
                    continue
                yield child, None
        elif path.exists():
            yield path, None
        else:
            raise UserInputError(f"{path}: no such file or folder.")


__all__ = ["SUPPORTED", "IngestReport", "KnowledgeBase", "Snippet"]
