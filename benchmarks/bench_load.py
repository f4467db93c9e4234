"""Concurrent UI sessions through gradio_client for a bounded time: errors, leaks, latency.

    .venv/bin/python benchmarks/bench_load.py [--sessions 20] [--seconds 60]

Each session drafts a map for its own business, then repeats an edit/accept cycle until the
time is up, checking that its map never shows another session's stage. Prints completed
requests, errors, leaks and p50/p95 latency per request.
"""

from __future__ import annotations

import argparse
import socket
import statistics
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60.0)
    args = parser.parse_args(argv)

    from gradio_client import Client

    from journey_assistant.config import Settings
    from journey_assistant.ui.app import launch

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    data = Path(tempfile.mkdtemp(prefix="journey-load-"))
    _, url, _ = launch(Settings(data_dir=data, port=port, model="offline"), block=False)
    deadline = time.monotonic() + args.seconds

    def session(n: int) -> tuple[list[float], int, int]:
        client = Client(url, verbose=False)
        latencies: list[float] = []
        errors = leaks = 0

        def send(message: str) -> str:
            start = time.perf_counter()
            result = client.submit(message, api_name="/chat").result()
            latencies.append(time.perf_counter() - start)
            return str(result[2])

        try:
            send(f"Draft a map for shop number {n} selling bikes online and in a store")
            cycle = 0
            while time.monotonic() < deadline:
                send(f"add stage Visit {n}-{cycle}")
                html = send("accept")
                if f"Visit {n}-{cycle}<" not in html:
                    errors += 1
                others = [f"Visit {m}-" for m in range(args.sessions) if m != n]
                leaks += sum(1 for o in others if o in html)
                cycle += 1
        except Exception:  # noqa: BLE001 - counted, the run goes on
            errors += 1
        return latencies, errors, leaks

    with ThreadPoolExecutor(max_workers=args.sessions) as pool:
        results = list(pool.map(session, range(args.sessions)))
    latencies = sorted(t for r in results for t in r[0])
    errors = sum(r[1] for r in results)
    leaks = sum(r[2] for r in results)
    p95 = latencies[int(0.95 * (len(latencies) - 1))] if latencies else float("nan")
    print(
        f"{args.sessions} sessions for {args.seconds:.0f} s: {len(latencies)} requests, "
        f"{errors} errors, {leaks} cross-session leaks; latency p50 "
        f"{statistics.median(latencies) * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms"
    )
    return 1 if errors or leaks else 0


if __name__ == "__main__":
    sys.exit(main())
