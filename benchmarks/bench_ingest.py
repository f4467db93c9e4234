"""Ingest rate beside the embedding runtime's own rate on the same chunks, in one run.

`journey ingest` reads, chunks, embeds and writes to Chroma. Here the same chunks are first
embedded alone (the runtime's own rate), then ingested into a new store; the ratio says how much
of the embedding rate an ingest keeps (writes overlap with embedding the next batch).

    .venv/bin/python benchmarks/bench_ingest.py [--chunks 800]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from bench_retrieval import make_corpus  # noqa: E402  (the same synthetic company documents)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chunks", type=int, default=800)
    args = parser.parse_args(argv)

    from journey_assistant.config import Settings
    from journey_assistant.knowledge.chunking import chunk_document
    from journey_assistant.knowledge.loaders import load_document
    from journey_assistant.knowledge.store import KnowledgeBase

    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        make_corpus(corpus, args.chunks)
        kb = KnowledgeBase(Settings(data_dir=Path(tmp) / "data"))
        kb.embedder.embed(["warm-up"])  # the model loads before either clock starts

        texts = []
        for path in sorted(corpus.glob("*.md")):
            doc = load_document(path, max_bytes=10_000_000)
            texts += [c.embedding_text(doc.title) for c in chunk_document(doc)]
        start = time.perf_counter()
        for i in range(0, len(texts), 256):
            kb.embedder.embed(texts[i : i + 256])
        embed_only = len(texts) / (time.perf_counter() - start)

        start = time.perf_counter()
        report = kb.ingest([corpus])
        ingest = report.chunks_written / (time.perf_counter() - start)

    print(
        f"{report.chunks_written} chunks: embedding alone {embed_only:.1f} chunks/s, "
        f"ingest {ingest:.1f} chunks/s, ingest/embedding {ingest / embed_only:.2f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
