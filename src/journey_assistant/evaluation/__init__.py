"""Batch evaluation: suites of cases, deterministic scorers, a resumable runner, reports and
baselines. ``journey eval`` is :func:`evaluate` with its output printed."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import UserInputError
from ..files import write_atomic
from .compare import DEFAULT_MARGIN, Comparison, compare, load_baseline
from .results import RunResult, TrialResult
from .runner import RunOptions, run
from .suite import Suite, load_suite

__all__ = [
    "Comparison",
    "EvalOutcome",
    "RunOptions",
    "RunResult",
    "Suite",
    "TrialResult",
    "compare",
    "default_baseline",
    "evaluate",
    "load_suite",
    "run",
]


@dataclass
class EvalOutcome:
    run: RunResult
    trials: list[TrialResult]
    comparison: Comparison | None
    blessed: Path | None
    files: dict[str, Path]

    @property
    def regressed(self) -> bool:
        return bool(self.comparison and self.comparison.regressions)


def _shown(path: Path) -> str:
    """The path relative to the working directory when it is below it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def default_baseline(suites: list[Suite]) -> Path:
    """``evals/baselines/<name>.json`` beside the suites folder of the first suite."""
    first = Path(suites[0].path or "evals/suites/x.yaml")
    name = "+".join(s.name for s in suites)
    return first.resolve().parent.parent / "baselines" / f"{name}.json"


def evaluate(
    paths: list[Path],
    options: RunOptions,
    *,
    baseline: Path | None = None,
    bless: bool = False,
    margin: float = DEFAULT_MARGIN,
    require_baseline: bool = False,
) -> EvalOutcome:
    """Run the suites, write every report into ``options.out``, compare with the baseline
    (the given one, else the suite's default if it exists) and bless if asked."""
    from .html import report
    from .report import junit

    suites = [load_suite(p) for p in paths]
    chosen = baseline or default_baseline(suites)
    if require_baseline and not chosen.exists() and not bless:
        raise UserInputError(
            f"--fail-on-regression needs a baseline and {chosen} does not exist; "
            "make one with --bless or pass --baseline FILE."
        )
    summary, trials = run(suites, options)
    comparison = None
    if chosen.exists():
        comparison = compare(summary, load_baseline(chosen), margin=margin, source=_shown(chosen))
    out = options.out
    files = {
        "summary": out / "summary.json",
        "html": out / "report.html",
        "junit": out / "junit.xml",
        "trials": out / "trials",
    }
    write_atomic(files["html"], report(summary, trials, comparison))
    write_atomic(files["junit"], junit(summary, trials))
    if comparison is not None:
        files["comparison"] = out / "comparison.json"
        write_atomic(files["comparison"], comparison.model_dump_json(indent=1))
    blessed = None
    if bless:
        if summary.totals.not_measured:
            raise UserInputError(
                f"{summary.totals.not_measured} case(s) were not measured (the engine could not "
                "be used); fix that and run again before blessing."
            )
        write_atomic(chosen, summary.model_dump_json(indent=1) + "\n")
        blessed = Path(_shown(chosen))
    return EvalOutcome(summary, trials, comparison, blessed, files)
