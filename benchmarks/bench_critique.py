"""Critique throughput for maps of 5, 10 and 30 stages, and `journey critique` start-up.

Prints milliseconds per critique and critiques per second (one process, one core busy), and
the CLI's wall time beside a bare `python -c pass`, measured in the same run, as a ratio.

    .venv/bin/python benchmarks/bench_critique.py [--repeat 200]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def make_map(stages: int):  # type: ignore[no-untyped-def]
    from journey_assistant.knowledge.catalog import get_catalog
    from journey_assistant.models import (
        KPI,
        Emotion,
        JourneyMap,
        Opportunity,
        PainPoint,
        Stage,
        Touchpoint,
    )

    pack = get_catalog().industries["hospitality"]
    out = []
    for n in range(stages):
        t = pack.stages[n % len(pack.stages)]
        name = t.name if n < len(pack.stages) else f"{t.name} {n}"
        out.append(
            Stage(
                name=name,
                actions=list(t.actions),
                thoughts=list(t.thoughts),
                touchpoints=[Touchpoint(name=x.name, channel=x.channel) for x in t.touchpoints],
                emotion=Emotion(score=t.emotion),
                pain_points=[
                    PainPoint(id=f"{p.id}-{n}", description=p.description) for p in t.pain_points
                ],
                opportunities=[
                    Opportunity(
                        description=o.description, addresses=f"{o.addresses}-{n}", owner=o.owner
                    )
                    for o in t.opportunities
                ],
                kpis=[KPI(name=k) for k in t.kpis],
                owners=list(t.owners),
            )
        )
    return JourneyMap(title=f"{stages}-stage hotel map", stages=out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=200)
    args = parser.parse_args(argv)
    from journey_assistant.critique import critique_map

    print("| stages | ms per critique (median) | p95 ms | critiques/s |")
    print("|---|---|---|---|")
    for size in (5, 10, 30):
        journey = make_map(size)
        critique_map(journey)  # warm caches (catalogue load, phase lookups)
        times = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            critique_map(journey)
            times.append(time.perf_counter() - start)
        med = statistics.median(times)
        p95 = sorted(times)[int(0.95 * (len(times) - 1))]
        print(f"| {size} | {med * 1000:.2f} | {p95 * 1000:.2f} | {1 / med:.0f} |")

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "map.json"
        from journey_assistant import save_map

        save_map(make_map(10), path)
        journey_bin = str(Path(sys.executable).with_name("journey"))
        # the command ends its process itself (no interpreter teardown), so whether it
        # imported torch is read from its import trace
        probe = subprocess.run(
            [sys.executable, "-X", "importtime", "-m", "journey_assistant.cli", "critique"]
            + [str(path), "--json"],
            capture_output=True,
            text=True,
        )
        torch = any(
            line.rstrip().endswith(("| torch", "| sentence_transformers"))
            for line in probe.stderr.splitlines()
        )
        bare, cli = [], []
        for _ in range(5):
            start = time.perf_counter()
            subprocess.run([sys.executable, "-c", "pass"], check=True)
            bare.append(time.perf_counter() - start)
            start = time.perf_counter()
            subprocess.run([journey_bin, "critique", str(path), "--json"], capture_output=True)
            cli.append(time.perf_counter() - start)
        b, c = statistics.median(bare), statistics.median(cli)
        print(
            f"\n`journey critique` (10 stages): {c * 1000:.0f} ms; bare python: "
            f"{b * 1000:.0f} ms; ratio {c / b:.1f}x; torch imported: {torch}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
