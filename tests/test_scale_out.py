"""The knowledge base on a Chroma server (`chroma run` on loopback), shared by two processes:
one ingests, the other searches, and the results match the embedded store's."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from tests.helpers import HASHING

pytestmark = pytest.mark.slow
QUERIES = ["queue at check-in", "wifi drops", "hidden resort fee", "parking information"]
DOCS = {
    "checkin.md": "# Check-in\n\nGuests queue at check-in for 20 minutes on Fridays.",
    "wifi.md": "# Rooms\n\nWi-Fi drops in rooms on the third floor every evening.",
    "fees.md": "# Booking\n\nThe resort fee is hidden until the last booking step.",
    "parking.md": "# Arrival\n\nParking information is missing from the confirmation email.",
}


@pytest.fixture(scope="module")
def chroma_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    path = tmp_path_factory.mktemp("chroma-server")
    log = (path / "server.log").open("wb")
    chroma = Path(sys.executable).with_name("chroma")
    proc = subprocess.Popen(
        [
            str(chroma),
            "run",
            "--path",
            str(path / "db"),
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"http://127.0.0.1:{port}/api/v2/heartbeat", timeout=1).is_success:
                    break
            except httpx.HTTPError:
                pass
            assert proc.poll() is None and time.monotonic() < deadline, "chroma did not start"
            time.sleep(0.3)
        yield f"127.0.0.1:{port}"
    finally:
        proc.terminate()
        proc.wait(timeout=20)
        log.close()


def _run(code: str, env: dict[str, str]) -> str:
    result = subprocess.run(
        [sys.executable, "-c", HASHING + code],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **env},
    )
    assert result.returncode == 0, result.stderr[-800:]
    return result.stdout


SEARCH = textwrap.dedent("""
    import json, sys
    from journey_assistant.config import Settings
    from journey_assistant.knowledge.store import KnowledgeBase
    kb = KnowledgeBase(Settings.from_env(), embedder=HashingEmbedder())
    print(json.dumps([[(s.id, s.score) for s in kb.search(q, k=2, kinds=("document",))]
                      for q in json.loads(sys.argv[1] if len(sys.argv) > 1 else "[]")]))
""")


def test_two_processes_share_a_chroma_server(chroma_server: str, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, text in DOCS.items():
        (corpus / name).write_text(text)
    ingest = textwrap.dedent(f"""
        from pathlib import Path
        from journey_assistant.config import Settings
        from journey_assistant.knowledge.store import KnowledgeBase
        kb = KnowledgeBase(Settings.from_env(), embedder=HashingEmbedder())
        print(len(kb.ingest([Path({str(corpus)!r})]).added))
    """)
    server_env = {"JOURNEY_CHROMA_HOST": chroma_server, "JOURNEY_DATA_DIR": str(tmp_path / "a")}
    assert _run(ingest, server_env).strip() == "4"
    # a second process with its own data directory sees the same server-side documents
    other_env = {"JOURNEY_CHROMA_HOST": chroma_server, "JOURNEY_DATA_DIR": str(tmp_path / "b")}
    query_code = SEARCH.replace(
        'sys.argv[1] if len(sys.argv) > 1 else "[]"', repr(json.dumps(QUERIES))
    )
    shared = json.loads(_run(query_code, other_env))
    embedded_env = {"JOURNEY_DATA_DIR": str(tmp_path / "embedded")}
    assert _run(ingest, embedded_env).strip() == "4"
    embedded = json.loads(_run(query_code, embedded_env))
    assert all(len(hits) == 2 for hits in shared)
    for got, want in zip(shared, embedded, strict=True):  # same results as embedded mode:
        assert got[0][0] == want[0][0]  # the same best snippet
        assert [round(s, 3) for _, s in got] == [round(s, 3) for _, s in want]  # same scores
