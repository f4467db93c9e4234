"""Feed generated messy input to every importer: count inputs, clean errors, maps, crashes.

    .venv/bin/python benchmarks/fuzz_importers.py [--examples 2000]

Runs ``--examples`` generated texts per text format and for auto-detection, plus random bytes;
a crash is any exception other than the clear JourneyError path. Exits 1 if any crashed.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).parents[1] / "tests"))

from journey_assistant.errors import JourneyError  # noqa: E402
from journey_assistant.formats import parse  # noqa: E402
from test_fuzz_importers import MESSY, TEXT_FORMATS  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=2000)
    args = parser.parse_args(argv)
    counts: Counter[str] = Counter()
    crashes: list[str] = []
    start = time.perf_counter()
    targets: list[str | None] = [*TEXT_FORMATS, None]
    for target in targets:
        fuzz_format(target, args.examples, counts, crashes)
    bytes_run(args.examples, counts, crashes)
    seconds = time.perf_counter() - start
    print(
        f"{counts['inputs']} generated inputs in {seconds:.1f} s: {counts['maps']} read as "
        f"maps, {counts['clear errors']} clear errors, {counts['crashes']} crashes"
    )
    for line in crashes[:20]:
        print("  crash:", line)
    return 1 if crashes else 0


def fuzz_format(fmt: str | None, examples: int, counts: Counter[str], crashes: list[str]) -> None:
    @settings(
        max_examples=examples, deadline=None, database=None, suppress_health_check=list(HealthCheck)
    )
    @given(text=MESSY)
    def run(text: str) -> None:
        counts["inputs"] += 1
        try:
            parse(text, format=fmt, max_bytes=1_000_000)
            counts["maps"] += 1
        except JourneyError:
            counts["clear errors"] += 1
        except Exception as exc:  # noqa: BLE001 - counting crashes is the point
            counts["crashes"] += 1
            crashes.append(f"{fmt}: {type(exc).__name__}: {text[:80]!r}")

    run()


def bytes_run(examples: int, counts: Counter[str], crashes: list[str]) -> None:
    @settings(
        max_examples=examples, deadline=None, database=None, suppress_health_check=list(HealthCheck)
    )
    @given(data=st.binary(max_size=400))
    def run_bytes(data: bytes) -> None:
        counts["inputs"] += 1
        try:
            parse(data, max_bytes=1_000_000)
            counts["maps"] += 1
        except JourneyError:
            counts["clear errors"] += 1
        except Exception as exc:  # noqa: BLE001
            counts["crashes"] += 1
            crashes.append(f"bytes: {type(exc).__name__}")

    run_bytes()


if __name__ == "__main__":
    sys.exit(main())
