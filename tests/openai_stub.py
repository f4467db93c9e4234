"""A local OpenAI-compatible chat server for tests and benchmarks (loopback only).

It answers ``/v1/chat/completions`` the way a perfect model would for this app: a drafted map
is the offline engine's draft of the brief in the prompt, personas are the offline personas,
and a judge verdict meets every rubric step. It can add latency, hold requests until several
are in flight (to observe concurrency), and answer the first requests with 429.

Run it alone with ``python tests/openai_stub.py --latency 0.5`` (prints its base URL).
"""

from __future__ import annotations

import argparse
import json
import re
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


def _brief(prompt: str) -> str:
    found = re.search(r"<brief>\s*(.*?)\s*</brief>", prompt, re.DOTALL)
    return found.group(1) if found else prompt[:2000]


def answer(schema: str, prompt: str) -> dict[str, Any]:
    """What a perfect model returns for a structured request."""
    from journey_assistant.drafting import draft_offline
    from journey_assistant.models import MapType
    from journey_assistant.personas import draft_personas_offline

    if schema == "PersonaSet":
        count = re.search(r"Draft (\d+) distinct", prompt)
        personas, _ = draft_personas_offline(_brief(prompt), int(count.group(1)) if count else 2)
        return {"personas": [p.model_dump(mode="json") for p in personas]}
    if schema == "JudgeVerdict":
        steps = re.findall(r"^(\d+)\. ", prompt, re.MULTILINE)
        return {"steps": [{"step": int(n), "met": True, "reason": "fine"} for n in steps]}
    label = re.search(r"Draft an? (.+?) for this brief", prompt)
    map_type = next(
        (t for t in MapType if label and t.label.lower() == label.group(1).strip()), None
    )
    drafted = draft_offline(_brief(prompt), map_type=map_type).model_dump(mode="json")
    shown = re.findall(r'<data id="([^"]+)"', prompt)
    careful = _cite_only(drafted, set(shown))
    guides = [s for s in shown if s.startswith("guide:")]
    if guides and careful["stages"] and careful["stages"][0]["touchpoints"]:
        careful["stages"][0]["touchpoints"][0]["citations"] = [guides[0]]  # cites what it read
    return careful


def _cite_only(node: Any, shown: set[str]) -> Any:
    """A careful model cites only the snippets it was shown."""
    if isinstance(node, dict):
        out = {k: _cite_only(v, shown) for k, v in node.items() if k != "sources"}
        if "citations" in node:
            out["citations"] = [c for c in node["citations"] if c in shown]
        if "sources" in node:
            out["sources"] = [s for s in node["sources"] if s.get("id") in shown]
        return out
    if isinstance(node, list):
        return [_cite_only(item, shown) for item in node]
    return node


class StubServer:
    """The server in a background thread; counts requests and the most seen in flight."""

    def __init__(
        self,
        latency: float = 0.0,
        *,
        hold_until: int = 0,
        hold_timeout: float = 3.0,
        rate_limit_first: int = 0,
        retry_after: float = 0.2,
        port: int = 0,
    ) -> None:
        self.latency = latency
        self.hold_until = hold_until
        self.hold_timeout = hold_timeout
        self.rate_limit_first = rate_limit_first
        self.retry_after = retry_after
        self.requests = 0
        self.rate_limited = 0
        self.inflight = 0
        self.max_inflight = 0
        self.arrivals: list[float] = []
        self.prompts: list[str] = []
        self._cond = threading.Condition()
        stub = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:
                return

            def do_POST(self) -> None:  # noqa: N802 - the http.server API
                body = json.loads(self.rfile.read(int(self.headers.get("content-length", 0))))
                status, payload, headers = stub.handle(body)
                data = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(data)))
                for key, value in headers.items():
                    self.send_header(key, value)
                self.end_headers()
                self.wfile.write(data)

        self.server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/v1"
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> StubServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()

    def handle(self, body: dict[str, Any]) -> tuple[int, dict[str, Any], dict[str, str]]:
        with self._cond:
            self.requests += 1
            self.arrivals.append(time.monotonic())
            if self.rate_limited < self.rate_limit_first:
                self.rate_limited += 1
                error = {"error": {"message": "rate limited", "type": "rate_limit"}}
                return 429, error, {"retry-after": str(self.retry_after)}
            self.inflight += 1
            self.max_inflight = max(self.max_inflight, self.inflight)
            self._cond.notify_all()
            if self.hold_until:
                self._cond.wait_for(lambda: self.inflight >= self.hold_until, self.hold_timeout)
        try:
            time.sleep(self.latency)
            return 200, self._completion(body), {}
        finally:
            with self._cond:
                self.inflight -= 1

    def _completion(self, body: dict[str, Any]) -> dict[str, Any]:
        messages = body.get("messages", [])
        prompt = "\n".join(str(m.get("content", "")) for m in messages)
        with self._cond:
            self.prompts.append(prompt)
        schema = ((body.get("response_format") or {}).get("json_schema") or {}).get("name")
        tools = body.get("tools") or []
        if schema is None and tools:
            schema = tools[0]["function"]["name"]
        content = json.dumps(answer(schema or "DraftedMap", prompt))
        message: dict[str, Any] = {"role": "assistant", "content": content}
        if tools and not body.get("response_format"):
            message = {
                "role": "assistant",
                "content": None,
                "tool_calls": [
                    {
                        "id": "call-1",
                        "type": "function",
                        "function": {"name": schema, "arguments": content},
                    }
                ],
            }
        return {
            "id": "stub",
            "object": "chat.completion",
            "created": 0,
            "model": body.get("model", "stub"),
            "choices": [{"index": 0, "finish_reason": "stop", "message": message}],
            "usage": {
                "prompt_tokens": len(prompt) // 4,
                "completion_tokens": len(content) // 4,
                "total_tokens": (len(prompt) + len(content)) // 4,
            },
        }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--latency", type=float, default=0.0)
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args()
    with StubServer(args.latency, port=args.port) as stub:
        print(stub.url, flush=True)
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()
