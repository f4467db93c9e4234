"""Run every benchmark in this folder and write benchmarks/RESULTS.md with their output.

    .venv/bin/python benchmarks/run_all.py        (what `make bench` runs)

Each script prints ratios measured side by side in its own run; this only collects them.
"""

from __future__ import annotations

import os
import platform
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).parent
SCRIPTS = [
    ("Critique throughput and CLI start-up", ["bench_critique.py"]),
    ("Offline draft latency and app cold start", ["bench_startup.py"]),
    ("Importers under generated bad input", ["fuzz_importers.py"]),
    ("20 concurrent app sessions", ["bench_load.py", "--seconds", "60"]),
    ("Evaluation runs: concurrency 8 beside 1", ["bench_eval_concurrency.py"]),
    ("Ingest beside the embedding runtime alone", ["bench_ingest.py"]),
    ("Ingest and retrieval beside a plain LangChain pipeline", ["bench_retrieval.py"]),
]


def main() -> int:
    sections = [
        "# Benchmark results",
        "",
        f"Written by `benchmarks/run_all.py` on {time.strftime('%Y-%m-%d %H:%M')} "
        f"({platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}). "
        "Ratios compare runs measured in the same process and run.",
        "",
    ]
    status = 0
    for title, command in SCRIPTS:
        start = time.perf_counter()
        run = subprocess.run(
            [sys.executable, str(HERE / command[0]), *command[1:]], capture_output=True, text=True
        )
        status |= run.returncode
        sections += [
            f"## {title}",
            "",
            f"`{' '.join(command)}` ({time.perf_counter() - start:.0f} s, exit {run.returncode})",
            "",
            run.stdout.strip() or "(no output)",
            "",
        ]
    (HERE / "RESULTS.md").write_text("\n".join(sections), encoding="utf-8")
    print(f"wrote {HERE / 'RESULTS.md'}")
    return status


if __name__ == "__main__":
    sys.exit(main())
