"""`journey eval` concurrency: the same LLM suite at concurrency 1 and 8, in one run.

    .venv/bin/python benchmarks/bench_eval_concurrency.py [--cases 32] [--latency 0.5]

The model is tests/openai_stub.py, a local OpenAI-compatible server in its own process that
answers after a fixed latency (like a hosted model would), so the ratio shows what bounded
concurrency buys when calls dominate. The cache is off. Exits 1 below a 5x speed-up.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
BRIEFS = [
    "A boutique hotel by the sea; guests book on Booking.com and we email them before arrival",
    "B2B SaaS for payroll teams; buyers compare us on G2 and book a demo on the website",
    "A neighbourhood bakery with a loyalty card; customers order cakes by phone",
    "An online bicycle shop for commuters; we sell through our website and Instagram",
    "Meal kit subscription box for busy parents; churn after the third box",
    "A regional bank; customers open accounts in the app and visit branches for mortgages",
    "A language school with evening classes; students find us on Google and Instagram",
    "A car dealership with test drives in the showroom and finance partners",
]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=32)
    parser.add_argument("--latency", type=float, default=0.5, help="Seconds per model answer.")
    parser.add_argument("--concurrency", type=int, default=8)
    args = parser.parse_args()

    stub = subprocess.Popen(
        [sys.executable, str(ROOT / "tests" / "openai_stub.py"), "--latency", str(args.latency)],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert stub.stdout is not None
        url = stub.stdout.readline().strip()
        os.environ.update({"OPENAI_BASE_URL": url, "OPENAI_API_KEY": "bench"})
        from journey_assistant.evaluation import RunOptions, evaluate

        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            cases = [
                {"id": f"draft-{n}", "kind": "draft", "brief": f"{BRIEFS[n % len(BRIEFS)]} ({n})"}
                for n in range(args.cases)
            ]
            suite = folder / "bench.yaml"
            suite.write_text(
                yaml.safe_dump({"name": "bench", "retrieval": "none", "cases": cases}),
                encoding="utf-8",
            )
            quiet = open(os.devnull, "w")  # noqa: SIM115 - closed with the process
            warm = RunOptions(out=folder / "warm", model="openai:stub", stream=quiet)
            evaluate([suite], warm)  # imports and first connections, not measured
            seconds = {}
            for concurrency in (1, args.concurrency):
                options = RunOptions(
                    out=folder / f"c{concurrency}",
                    model="openai:stub",
                    concurrency=concurrency,
                    stream=quiet,
                )
                start = time.perf_counter()
                result = evaluate([suite], options)
                seconds[concurrency] = time.perf_counter() - start
                totals = result.run.totals
                if totals.passed != args.cases:
                    print(f"concurrency {concurrency}: only {totals.passed} cases passed")
                    return 1
                print(
                    f"concurrency {concurrency:>2}: {args.cases} draft cases in "
                    f"{seconds[concurrency]:6.2f} s ({totals.model_calls} model calls, "
                    f"p50 {totals.latency_p50_ms:.0f} ms per case)"
                )
    finally:
        stub.terminate()
        stub.wait()
    ratio = seconds[1] / seconds[args.concurrency]
    print(
        f"speed-up at concurrency {args.concurrency}: {ratio:.1f}x "
        f"(model latency {args.latency} s per call, cache off)"
    )
    return 0 if ratio >= 5 else 1


if __name__ == "__main__":
    sys.exit(main())
