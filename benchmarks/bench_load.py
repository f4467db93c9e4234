"""Concurrent UI sessions through gradio_client for a bounded time: errors, leaks, latency.

    .venv/bin/python benchmarks/bench_load.py [--sessions 20] [--seconds 60]

Each session drafts a map of the same business (so every draft has the same title), then
repeats an edit/accept cycle until the time is up, checking that its map never shows another
session's stage. At the end every session tries to open every saved map: each may open its own
and no other. Prints completed requests, errors, leaks (a stage or a map of another session)
and p50/p95 latency per request.
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

    clients = [Client(url, verbose=False) for _ in range(args.sessions)]

    def session(n: int) -> tuple[list[float], int, int]:
        client = clients[n]
        latencies: list[float] = []
        errors = leaks = 0

        def send(message: str) -> str:
            start = time.perf_counter()
            result = client.submit(message, api_name="/chat").result()
            latencies.append(time.perf_counter() - start)
            return str(result[2])

        try:
            send(
                "Draft a map: we sell refurbished bikes to commuters online and in our shop; "
                "customers order on our website and collect in store"
            )
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

    from journey_assistant.workspace import Workspace

    workspace = Workspace(data)
    map_ids = [m.map_id for m in workspace.all_maps()]
    if len(map_ids) != args.sessions:  # one map per session, never one shared by title
        errors += 1

    def opens(client: Client) -> int:
        opened = 0
        for map_id in map_ids:
            history = client.predict(map_id, None, api_name="/open_map")[0]
            opened += "Opened" in str(history[-1]["content"])
        return opened

    with ThreadPoolExecutor(max_workers=args.sessions) as pool:
        opened = list(pool.map(opens, clients))
    leaks += sum(n - 1 for n in opened if n > 1)
    errors += sum(1 for n in opened if n < 1)
    p95 = latencies[int(0.95 * (len(latencies) - 1))] if latencies else float("nan")
    print(
        f"{args.sessions} sessions for {args.seconds:.0f} s: {len(latencies)} requests, "
        f"{errors} errors, {leaks} cross-session leaks; {len(map_ids)} maps, each opened only "
        f"by its own session: {all(n == 1 for n in opened)}; latency p50 "
        f"{statistics.median(latencies) * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms"
    )
    return 1 if errors or leaks else 0


if __name__ == "__main__":
    sys.exit(main())
