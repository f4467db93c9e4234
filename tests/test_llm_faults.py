"""The openai provider against a misbehaving OpenAI-compatible server on loopback:
429 with Retry-After, 500s, a slow body, a dropped connection. Attempts and wall time stay
bounded, then the draft falls back to the offline engine."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from journey_assistant.drafting import draft_map, draft_offline
from journey_assistant.llm.openai import OpenAIProvider

BRIEF = "A boutique hotel by the sea; guests book on Booking.com"


class Stub:
    """Scripted HTTP behaviours, one per request: ('429', secs) ('500',) ('slow', secs)
    ('reset',) ('ok', body)."""

    def __init__(self) -> None:
        self.script: list[tuple[Any, ...]] = []
        self.requests = 0


@pytest.fixture
def stub() -> Iterator[tuple[Stub, str]]:
    state = Stub()

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:
            return

        def do_POST(self) -> None:  # noqa: N802 - the http.server API
            length = int(self.headers.get("content-length", 0))
            self.rfile.read(length)
            state.requests += 1
            step = state.script.pop(0) if state.script else ("500",)
            if step[0] == "reset":
                self.connection.close()
                return
            if step[0] == "slow":
                time.sleep(step[1])
                step = ("500",)
            if step[0] == "429":
                self._send(
                    429, {"error": {"message": "rate limited"}}, {"retry-after": str(step[1])}
                )
            elif step[0] == "500":
                self._send(500, {"error": {"message": "upstream exploded"}})
            else:
                self._send(200, step[1])

        def _send(self, status: int, body: Any, headers: dict[str, str] | None = None) -> None:
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("content-type", "application/json")
            self.send_header("content-length", str(len(data)))
            for key, value in (headers or {}).items():
                self.send_header(key, value)
            try:
                self.end_headers()
                self.wfile.write(data)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (its timeout): expected in the slow-body case

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield state, f"http://127.0.0.1:{server.server_address[1]}/v1"
    server.shutdown()


def completion(content: str) -> dict[str, Any]:
    return {
        "id": "x",
        "object": "chat.completion",
        "created": 0,
        "model": "stub",
        "choices": [
            {
                "index": 0,
                "finish_reason": "stop",
                "message": {"role": "assistant", "content": content},
            }
        ],
        "usage": {"prompt_tokens": 10, "completion_tokens": 20, "total_tokens": 30},
    }


def provider(url: str, **options: Any) -> OpenAIProvider:
    return OpenAIProvider(
        "stub", base_url=url, api_key="none", timeout=2.0, methods=("json_mode",), **options
    )


def test_429_with_retry_after_then_success(stub: tuple[Stub, str]) -> None:
    state, url = stub
    good = json.dumps(draft_offline(BRIEF).model_dump(mode="json"))
    state.script = [("429", 0.2), ("ok", completion(good))]
    start = time.monotonic()
    result = draft_map(BRIEF, provider=provider(url), retriever=lambda q, k: [])
    assert result.fallback_reason is None and state.requests == 2
    assert 0.2 <= time.monotonic() - start < 10
    assert result.usage[-1]["input_tokens"] == 10


@pytest.mark.parametrize(
    "script",
    [
        [("500",), ("500",), ("500",)],
        [("reset",), ("reset",), ("reset",)],
        [("slow", 3.0), ("slow", 3.0), ("slow", 3.0)],
        [("429", 0.1), ("429", 0.1), ("429", 0.1)],
    ],
    ids=["500s", "reset", "slow-body", "429s"],
)
def test_failures_are_bounded_then_offline(
    stub: tuple[Stub, str], script: list[tuple[Any, ...]]
) -> None:
    state, url = stub
    state.script = list(script)
    start = time.monotonic()
    result = draft_map(
        BRIEF, provider=provider(url, max_attempts=3, budget_seconds=20), retriever=lambda q, k: []
    )
    elapsed = time.monotonic() - start
    assert result.engine == "offline" and result.fallback_reason
    assert state.requests == 3  # bounded attempts
    assert elapsed < 20  # bounded wall time (timeouts 2 s each, backoff 1 s + 2 s)
    assert result.map == draft_offline(BRIEF)
