"""Compare a run with a baseline run, case by case.

A case regresses when it passed in the baseline and fails now, when a scorer that passed now
fails, or when its score drops by more than the margin. Cases the baseline lacks are "new";
cases this run skipped are "missing"; neither is a regression.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, Field, ValidationError

from ..errors import UserInputError
from .results import CaseResult, RunResult

DEFAULT_MARGIN = 0.02


class CaseDiff(BaseModel):
    key: str
    baseline_status: str
    status: str
    baseline_score: float | None = None
    score: float | None = None
    delta: float | None = None
    regression: bool = False
    improvement: bool = False
    reasons: list[str] = Field(default=[])
    scorer_deltas: dict[str, float] = Field(default={})


class Comparison(BaseModel):
    baseline: str = Field(description="Where the baseline was read from.")
    baseline_model: str
    model: str
    margin: float
    diffs: list[CaseDiff] = Field(default=[])
    new: list[str] = Field(default=[])
    missing: list[str] = Field(default=[])
    notes: list[str] = Field(default=[])

    @property
    def regressions(self) -> list[CaseDiff]:
        return [d for d in self.diffs if d.regression]

    @property
    def improvements(self) -> list[CaseDiff]:
        return [d for d in self.diffs if d.improvement]


def load_baseline(path: Path) -> RunResult:
    try:
        return RunResult.model_validate_json(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise UserInputError(
            f"cannot read baseline {path}: {exc.strerror}; make one with --bless."
        ) from None
    except (ValidationError, ValueError):
        raise UserInputError(
            f"{path} is not a baseline written by `journey eval --bless`; bless a run again."
        ) from None


def _diff(before: CaseResult, now: CaseResult, margin: float) -> CaseDiff:
    diff = CaseDiff(
        key=now.key,
        baseline_status=before.status,
        status=now.status,
        baseline_score=before.score,
        score=now.score,
    )
    if now.status == "not_measured" or before.status == "not_measured":
        return diff
    if before.score is not None and now.score is not None:
        diff.delta = round(now.score - before.score, 4)
    if before.score is not None and now.score is None:  # a case that crashes now is worse,
        diff.regression = True  # whether or not it passed before
        diff.reasons.append(f"no score now ({now.reason or now.status})")
    if before.status == "passed" and now.status == "failed":
        diff.regression = True
        diff.reasons.append("passed in the baseline, fails now")
    newly_failing = sorted(set(now.failed_scorers) - set(before.failed_scorers))
    if newly_failing:
        diff.regression = True
        diff.reasons.append(f"now failing: {', '.join(newly_failing)}")
    if diff.delta is not None and diff.delta < -margin:
        diff.regression = True
        diff.reasons.append(f"score {before.score:.3f} -> {now.score:.3f}")
    for name, value in now.scorers.items():
        old = before.scorers.get(name)
        if value is not None and old is not None and abs(value - old) > 1e-9:
            diff.scorer_deltas[name] = round(value - old, 4)
    if not diff.regression and (
        (before.status == "failed" and now.status == "passed")
        or (diff.delta is not None and diff.delta > margin)
    ):
        diff.improvement = True
    return diff


def compare(
    run: RunResult, baseline: RunResult, *, margin: float = DEFAULT_MARGIN, source: str = ""
) -> Comparison:
    old = {c.key: c for c in baseline.cases}
    new = {c.key: c for c in run.cases}
    result = Comparison(
        baseline=source, baseline_model=baseline.model, model=run.model, margin=margin
    )
    if baseline.model != run.model:
        result.notes.append(
            f"the baseline was made with {baseline.model} and this run used {run.model}: "
            "differences may come from the engine"
        )
    for key, case in new.items():
        if key in old:
            result.diffs.append(_diff(old[key], case, margin))
        else:
            result.new.append(key)
    result.missing = [key for key in old if key not in new]
    return result
