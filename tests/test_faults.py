"""Crashes and contention: kill -9 during a save and during an ingest, two writers at once."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from tests.helpers import HASHING, HashingEmbedder

from journey_assistant.config import Settings
from journey_assistant.errors import JourneyError
from journey_assistant.knowledge.store import KnowledgeBase
from journey_assistant.workspace import Workspace


def _spawn(code: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-c", code], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )


def _wait_for(path: Path, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while not path.exists():
        assert time.monotonic() < deadline, f"{path} never appeared"
        time.sleep(0.05)


def test_kill_9_during_saves_leaves_a_consistent_workspace(tmp_path: Path, data: Path) -> None:
    started = tmp_path / "started"
    proc = _spawn(
        textwrap.dedent(f"""
        from pathlib import Path
        from journey_assistant import load_map
        from journey_assistant.workspace import Workspace
        ws = Workspace(Path({str(tmp_path / "ws")!r}))
        journey = load_map({str(data / "hotel_grid.csv")!r})
        for n in range(100000):
            journey.title = f"Hotel v{{n}}"
            ws.save_map(journey, message=f"save {{n}}")
            if n == 5:
                Path({str(started)!r}).touch()
    """)
    )
    _wait_for(started)
    time.sleep(0.3)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    ws = Workspace(tmp_path / "ws")
    versions = ws.versions("seaside-hotel-guest-journey")
    assert len(versions) >= 6
    assert [v.version for v in versions] == list(range(1, len(versions) + 1))
    latest = ws.open_map("seaside-hotel-guest-journey")
    assert latest.title == f"Hotel v{len(versions) - 1}" and len(latest.stages) == 5
    assert ws.save_map(latest).version == len(versions) + 1  # and it keeps working


def test_kill_9_during_ingest_then_reingest_is_consistent(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for n in range(120):
        (corpus / f"doc{n:03d}.md").write_text(f"# Doc {n}\n\nCheck-in note {n} about queues.")
    data_dir = tmp_path / "data"
    proc = _spawn(
        HASHING
        + textwrap.dedent(f"""
        from pathlib import Path
        from journey_assistant.config import Settings
        from journey_assistant.knowledge import store
        store.BATCH = 8  # flush often, so the kill lands between flushes
        kb = store.KnowledgeBase(Settings(data_dir=Path({str(data_dir)!r})),
                                 embedder=HashingEmbedder(delay=0.15))
        kb.ingest([Path({str(corpus)!r})])
    """)
    )
    registry = data_dir / "knowledge" / "registry.json"
    _wait_for(registry)
    time.sleep(0.5)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    kb = KnowledgeBase(Settings(data_dir=data_dir), embedder=HashingEmbedder())  # as the child
    recorded = kb.documents()
    assert 0 < len(recorded) < 120  # the kill landed part-way
    collection = kb._collection("documents")
    for record in recorded:  # everything the registry lists is fully in the store
        assert len(collection.get(where={"doc_id": record.id}, include=[])["ids"]) == record.chunks
    report = kb.ingest([corpus])
    assert len(report.unchanged) == len(recorded) and len(report.added) == 120 - len(recorded)
    assert len(kb.documents()) == 120
    assert collection.count() == 120  # no duplicates from the interrupted run


def test_second_writer_gets_a_clear_message(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    holding = tmp_path / "holding"
    proc = _spawn(
        textwrap.dedent(f"""
        import fcntl, os, time
        from pathlib import Path
        root = Path({str(data_dir / "knowledge")!r}); root.mkdir(parents=True)
        handle = open(root / ".write.lock", "a+")
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        handle.write(f"process {{os.getpid()}}"); handle.flush()
        Path({str(holding)!r}).touch()
        time.sleep(30)
    """)
    )
    try:
        _wait_for(holding)
        kb = KnowledgeBase(Settings(data_dir=data_dir), embedder=object())  # type: ignore[arg-type]
        kb.lock_wait_seconds = 0.5
        start = time.monotonic()
        with pytest.raises(JourneyError, match=f"being written by process {proc.pid}"):
            kb.ingest([tmp_path])
        assert time.monotonic() - start < 5  # a clear message, not a hang
    finally:
        proc.kill()
        proc.wait()
