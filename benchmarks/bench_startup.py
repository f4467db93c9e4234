"""Offline draft latency and app cold start, each beside a baseline measured in the same run.

    .venv/bin/python benchmarks/bench_startup.py
    .venv/bin/python benchmarks/bench_startup.py --against REV   # critique and draft beside REV

Draft latency: median over several briefs, beside the critique of the same drafts (the ratio
says how much of a draft is drafting). Whole commands: `journey --help`, `journey critique` on a
map, `journey draft` on a long-tail brief and `journey ask` (guidance index already built), each
a fresh process, beside a bare `python -c pass` (median of 5); the first `journey ask` on a new
data folder (it indexes the guides); and whether draft and ask imported torch.

Cold start: `journey ui` from process start to the first HTTP 200, beside a bare `python -c
pass`; then, on a new data folder and after a restart: the answer to a message sent as soon as
the page is up, when the app says it is ready (its status line), and the slower of two answers
asked after that.
"""

from __future__ import annotations

import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

LONG_TAIL = (
    "We're a small vegan bakery with two shops in Leeds. Customers pre-order celebration cakes "
    "online through our Shopify site and collect them in the shop, but we lose customers when "
    "collections run late. We want repeat orders up from 9% to 15%."
)
HOTEL_GRID = str(Path(__file__).resolve().parents[1] / "tests" / "data" / "hotel_grid.csv")

BRIEFS = [
    "A boutique hotel by the sea; guests book on Booking.com or at the front desk",
    "B2B SaaS for procurement teams, sold through demos and a free trial",
    "Car dealership with test drives in the showroom and finance partners",
    "Meal kit subscription box for busy parents; churn after the third box",
    "We make hand-carved wooden chess sets and sell them at fairs",
]


def main() -> int:
    from journey_assistant.critique import critique_map
    from journey_assistant.drafting import draft_offline

    for brief in BRIEFS:  # warm the catalogue and caches
        critique_map(draft_offline(brief))
    draft_times, critique_times = [], []
    for _ in range(10):
        for brief in BRIEFS:
            start = time.perf_counter()
            journey = draft_offline(brief)
            draft_times.append(time.perf_counter() - start)
            start = time.perf_counter()
            critique_map(journey)
            critique_times.append(time.perf_counter() - start)
    d, c = statistics.median(draft_times), statistics.median(critique_times)
    print(
        f"offline draft: median {d * 1000:.1f} ms per brief ({len(draft_times)} drafts); "
        f"critique of the same drafts {c * 1000:.1f} ms; draft/critique {d / c:.1f}x"
    )

    journey_bin = str(Path(sys.executable).with_name("journey"))
    commands = {
        "bare python": [sys.executable, "-c", "pass"],
        "journey --help": [journey_bin, "--help"],
        "journey critique": [journey_bin, "critique", HOTEL_GRID],
        "journey draft": [journey_bin, "draft", LONG_TAIL],
        "journey ask": [journey_bin, "ask", "how do I map emotions?"],
    }
    # as after `pip install`, which compiles the bytecode: a shell that forbids writing it
    # (PYTHONDONTWRITEBYTECODE) would otherwise make every command compile the package first
    cached = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    for command in commands.values():
        subprocess.run(command, capture_output=True, env=cached)
    fresh = {**cached, "JOURNEY_DATA_DIR": tempfile.mkdtemp(prefix="journey-bench-")}
    start = time.perf_counter()  # the first question on a new data folder indexes the guides
    subprocess.run(commands["journey ask"], capture_output=True, env=fresh)
    first_ask = time.perf_counter() - start
    shutil.rmtree(fresh["JOURNEY_DATA_DIR"], ignore_errors=True)
    subprocess.run(commands["journey ask"], capture_output=True, env=cached)  # the index, once
    medians = {}
    for label, command in commands.items():
        times = []
        for _ in range(5):
            start = time.perf_counter()
            subprocess.run(command, capture_output=True, env=cached)
            times.append(time.perf_counter() - start)
        medians[label] = statistics.median(times)
    bare_cli = medians["bare python"]
    print(
        "whole commands (median of 5, bytecode cached): "
        + "; ".join(
            f"{label} {t * 1000:.0f} ms ({t / bare_cli:.1f}x bare python, "
            f"+{(t - bare_cli) * 1000:.0f} ms)"
            for label, t in medians.items()
            if label != "bare python"
        )
        + f"; bare python {bare_cli * 1000:.0f} ms"
    )
    print(
        f"first journey ask on a new data folder (indexes the guides): {first_ask:.1f} s "
        f"({first_ask / bare_cli:.0f}x bare python)"
    )
    for args in (["draft", LONG_TAIL], ["ask", "how do I map emotions?"]):
        traced = subprocess.run(
            [sys.executable, "-X", "importtime", "-m", "journey_assistant.cli", *args],
            capture_output=True,
            text=True,
        )
        torch = any(
            line.rstrip().endswith(("| torch", "| sentence_transformers"))
            for line in traced.stderr.splitlines()
        )
        print(f"journey {args[0]} imports torch: {'yes' if torch else 'no'}")

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {
        **os.environ,
        "JOURNEY_PORT": str(port),
        "JOURNEY_MODEL": "offline",
        "JOURNEY_DATA_DIR": str(Path("/tmp") / f"journey-coldstart-{port}"),
    }
    first = _first_answer(journey_bin, env, port)  # a new data folder: nothing cached
    if first is None:
        return 1
    again = _first_answer(journey_bin, env, port)  # a restart: the example vectors are cached
    if again is None:
        return 1
    cold = first[0]
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", "pass"], check=True)
    bare = time.perf_counter() - start
    print(
        f"app cold start: {cold:.2f} s to the first page; bare python {bare * 1000:.0f} ms; "
        f"{cold / bare:.0f}x"
    )
    for label, (ready, answer, said, later) in (("first start", first), ("after a restart", again)):
        print(
            f"app {label}: page after {ready:.1f} s; a message sent at once answered in "
            f"{answer:.2f} s; the app said it was ready {said:.1f} s after the process started; "
            f"after that the slower of two answers took {later:.2f} s"
        )
    return 0


def _first_answer(
    journey_bin: str, env: dict[str, str], port: int
) -> tuple[float, float, float, float] | None:
    """Start `journey ui`; seconds to the first page; to the first chat answer asked at once (a
    message read by meaning: it may wait for the warm-up); until the app says it is ready; and
    the slower of two answers asked after that (a how-to question and a message)."""
    from gradio_client import Client

    start = time.perf_counter()
    proc = subprocess.Popen(
        [journey_bin, "ui"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        while True:
            try:
                if httpx.get(f"http://127.0.0.1:{port}/", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.1)
            if time.perf_counter() - start > 120:
                print("app did not start within 120 s")
                return None
        ready = time.perf_counter() - start
        client = Client(f"http://127.0.0.1:{port}/", verbose=False)
        asked = time.perf_counter()
        client.predict("what can you do for me?", api_name="/chat")
        answer = time.perf_counter() - asked
        waited = time.perf_counter()
        while "Ready" not in str(client.predict(api_name="/status")[0]):
            if time.perf_counter() - waited > 180:
                print("app did not say it was ready within 180 s")
                return None
            time.sleep(0.5)
        said_ready = time.perf_counter() - start
        later = 0.0
        for message in ("how do I choose the stages of a map?", "which stage hurts the most?"):
            asked = time.perf_counter()
            client.predict(message, api_name="/chat")
            later = max(later, time.perf_counter() - asked)
        return ready, answer, said_ready, later
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def against(revision: str, rounds: int = 7) -> int:
    """`journey critique` and `journey draft` of this checkout beside the same commands at an
    earlier commit (a temporary git worktree), interleaved in one run, bytecode cached."""
    root = Path(__file__).resolve().parents[1]
    other = Path(tempfile.mkdtemp(prefix="journey-against-")) / "tree"
    subprocess.run(
        ["git", "-C", str(root), "worktree", "add", "--detach", str(other), revision],
        check=True,
        capture_output=True,
    )
    try:
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        trees = {"this checkout": root / "src", revision: other / "src"}
        runs = {
            "bare python": [sys.executable, "-c", "pass"],
            "critique": [sys.executable, "-m", "journey_assistant.cli", "critique", HOTEL_GRID],
            "draft": [sys.executable, "-m", "journey_assistant.cli", "draft", LONG_TAIL],
        }
        times: dict[tuple[str, str], list[float]] = {}
        for turn in range(rounds + 1):  # the first round only writes the bytecode
            for tree, src in trees.items():
                for label, command in runs.items():
                    start = time.perf_counter()
                    subprocess.run(
                        command, capture_output=True, env={**env, "PYTHONPATH": str(src)}
                    )
                    if turn:
                        times.setdefault((tree, label), []).append(time.perf_counter() - start)
        bare = statistics.median(times[("this checkout", "bare python")])
        for label in ("critique", "draft"):
            now = statistics.median(times[("this checkout", label)])
            then = statistics.median(times[(revision, label)])
            print(
                f"journey {label}: {now * 1000:.0f} ms here, {then * 1000:.0f} ms at {revision} "
                f"({now / then:.2f}x); bare python {bare * 1000:.0f} ms, "
                f"here +{(now - bare) * 1000:.0f} ms"
            )
    finally:
        subprocess.run(
            ["git", "-C", str(root), "worktree", "remove", "--force", str(other)],
            capture_output=True,
        )
    return 0


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--against":
        raise SystemExit(against(sys.argv[2]))
    sys.exit(main())
