"""How well and how fast the offline chat reads people: intent accuracy and turn latency.

    .venv/bin/python benchmarks/bench_chat.py

For the labelled messages (tests/data/messages.yaml, the tuning set; evals/devsets/messages/
holdout.yaml, never tuned on): the classifier's own accuracy, then the whole offline router's
(the intent each message was acted on, in its state; a clarifying question is a miss), the
canned help shown on messages that did not ask for it, and the commonest confusions. Then the
time of a chat turn after start-up (median and p95 over every labelled message), beside a
critique of the same map measured in the same run, and the first turn of a new process (the
sentence model loaded, the bank's vectors and weights read from the cache) beside bare
`python -c pass`.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
SETS = {
    "tuning": ROOT / "tests" / "data" / "messages.yaml",
    "held out": ROOT / "evals" / "devsets" / "messages" / "holdout.yaml",
}
MAPS = ROOT / "tests" / "data" / "context_maps"


def main() -> int:
    data = tempfile.mkdtemp(prefix="journey-bench-chat-")
    os.environ["JOURNEY_DATA_DIR"] = data
    os.environ["JOURNEY_MODEL"] = "offline"
    from journey_assistant.agent.assistant import _intent_reader, warm_intents
    from journey_assistant.api import load_map
    from journey_assistant.critique import critique_map
    from journey_assistant.evaluation.messages import score_messages

    start = time.perf_counter()
    warm_intents()
    print(
        "start-up (model loaded, bank embedded, classifier trained): "
        f"{time.perf_counter() - start:.1f} s"
    )
    reader = _intent_reader()
    if reader is None:
        print("the sentence model is not installed: nothing to measure")
        return 1
    turns: list[float] = []
    for name, path in SETS.items():
        messages = yaml.safe_load(path.read_text(encoding="utf-8"))
        readings = reader.read_many(
            [
                (m["text"], m.get("context", "none") != "none", bool(m.get("pending")))
                for m in messages
            ]
        )
        right = sum(r.intent == m["intent"] for r, m in zip(readings, messages, strict=True))
        score = score_messages(path, MAPS)
        turns += score.seconds
        print(
            f"{name}: {len(messages)} messages; classifier {right / len(messages):.3f}; "
            f"assistant acted right {score.accuracy:.3f} "
            f"({score.acted.count('clarify')} clarifying questions); "
            f"help text on {score.help_shown} not asking for help"
        )
        for (gold, acted), n in score.confusions().most_common(12):
            print(f"    {n} x {gold} -> {acted}")
    bakery = load_map(MAPS / "bakery.json")
    critique = []
    for _ in range(20):
        begin = time.perf_counter()
        critique_map(bakery)
        critique.append(time.perf_counter() - begin)
    ordered = sorted(turns)
    p95 = ordered[int(0.95 * len(ordered))]
    c = statistics.median(critique)
    print(
        f"chat turn after start-up: median {statistics.median(turns) * 1000:.0f} ms, "
        f"p95 {p95 * 1000:.0f} ms over {len(turns)} turns (target < 300 ms); a critique of the "
        f"bakery map {c * 1000:.0f} ms; p95/critique {p95 / c:.1f}x"
    )

    bare = _median_run([sys.executable, "-c", "pass"])
    script = Path(data) / "one.txt"
    script.write_text("what's missing?\n", encoding="utf-8")
    journey = str(Path(sys.executable).with_name("journey"))
    first = _median_run(
        [journey, "chat", "--script", str(script), "--json", "--map", str(MAPS / "bakery.json")],
        repeat=3,
    )
    print(
        f"first turn of a new process (cache warm): {first:.2f} s; "
        f"bare python {bare * 1000:.0f} ms; ratio {first / bare:.0f}x"
    )
    return 0 if p95 < 0.3 else 1


def _median_run(command: list[str], repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(command, capture_output=True, check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


if __name__ == "__main__":
    raise SystemExit(main())
