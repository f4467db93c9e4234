"""Run every benchmark in this folder and write benchmarks/RESULTS.md with their output.

    .venv/bin/python benchmarks/run_all.py        (what `make bench` runs)
    .venv/bin/python benchmarks/run_all.py --only bench_startup.py    (re-run one section)

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
    ("Chat: intent accuracy and turn latency", ["bench_chat.py"]),
    ("Importers under generated bad input", ["fuzz_importers.py"]),
    ("20 concurrent app sessions", ["bench_load.py", "--seconds", "60"]),
    ("Evaluation runs: concurrency 8 beside 1", ["bench_eval_concurrency.py"]),
    ("Ingest beside the embedding runtime alone", ["bench_ingest.py"]),
    ("Ingest and retrieval beside a plain LangChain pipeline", ["bench_retrieval.py"]),
]


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--only",
        nargs="+",
        metavar="SCRIPT",
        help="run only these scripts (e.g. bench_startup.py) and replace their sections in "
        "RESULTS.md, keeping the others",
    )
    args = parser.parse_args(argv)
    if args.only:
        return _rerun(args.only)
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
        block, code = _run(title, command)
        status |= code
        sections.append(block)
    (HERE / "RESULTS.md").write_text("\n".join(sections), encoding="utf-8")
    print(f"wrote {HERE / 'RESULTS.md'}")
    return status


def _run(title: str, command: list[str]) -> tuple[str, int]:
    start = time.perf_counter()
    run = subprocess.run(
        [sys.executable, str(HERE / command[0]), *command[1:]], capture_output=True, text=True
    )
    block = "\n".join(
        [
            f"## {title}",
            "",
            f"`{' '.join(command)}` ({time.perf_counter() - start:.0f} s, exit {run.returncode}; "
            f"run {time.strftime('%Y-%m-%d %H:%M')})",
            "",
            run.stdout.strip() or "(no output)",
            "",
        ]
    )
    return block, run.returncode


def _rerun(names: list[str]) -> int:
    """Re-run some scripts and put their new sections in place of the old ones."""
    target = HERE / "RESULTS.md"
    text = target.read_text(encoding="utf-8")
    status = 0
    for title, command in SCRIPTS:
        if command[0] not in names:
            continue
        block, code = _run(title, command)
        status |= code
        head = f"## {title}\n"
        if head in text:
            start = text.index(head)
            end = text.find("\n## ", start + len(head))
            text = text[:start] + block + ("\n" + text[end + 1 :] if end != -1 else "")
        else:
            text += "\n" + block
    target.write_text(text, encoding="utf-8")
    print(f"updated {target}")
    return status


if __name__ == "__main__":
    sys.exit(main())
