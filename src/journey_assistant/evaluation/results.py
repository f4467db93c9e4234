"""What a run produces: one result per trial (a case at one repeat), rolled up per case and run.

Three outcomes, kept apart: ``passed``, ``failed`` (the engine's output missed a threshold, or the
engine could not produce valid output) and ``not_measured`` (the model could not be reached or
refused the key: the run says nothing about quality).
"""

from __future__ import annotations

import statistics
from typing import Any, Literal

from pydantic import BaseModel, Field

from .scorers import Score

Status = Literal["passed", "failed", "not_measured"]


class Metrics(BaseModel):
    latency_ms: float = Field(default=0.0, description="Wall time of the trial.")
    model_calls: int = Field(default=0, description="Requests that reached a model.")
    cached_calls: int = Field(default=0, description="Requests answered from the cache.")
    input_tokens: int = Field(default=0, description="Prompt tokens of real model calls.")
    output_tokens: int = Field(default=0, description="Completion tokens of real model calls.")
    cost_usd: float | None = Field(default=None, description="None when the price is unknown.")


class _CaseLabel(BaseModel):
    """Which case a result is about."""

    suite: str
    case_id: str
    kind: str
    tags: list[str] = Field(default=[])
    description: str | None = None

    @property
    def key(self) -> str:
        return f"{self.suite}/{self.case_id}"


class TrialResult(_CaseLabel):
    """One case run once."""

    repeat: int = 0
    fingerprint: str = ""
    model: str = Field(description="Engine asked for.")
    engine: str = Field(default="", description="Engine that produced the output.")
    status: Status
    reason: str | None = Field(default=None, description="Why it failed or was not measured.")
    scores: list[Score] = Field(default=[])
    score: float | None = Field(default=None, description="Mean of the measured scorer values.")
    metrics: Metrics = Field(default_factory=Metrics)
    warnings: list[str] = Field(default=[])
    output: dict[str, Any] = Field(default={}, description="Map, personas, critique.")


class CaseResult(_CaseLabel):
    """One case over all its repeats."""

    model: str = ""
    status: Status
    reason: str | None = None
    trials: int
    measured: int
    passed: int
    pass_all: bool = Field(description="pass^k: every measured repeat passed.")
    score: float | None = Field(default=None, description="Mean case score over the repeats.")
    score_min: float | None = None
    score_max: float | None = None
    score_std: float | None = None
    scorers: dict[str, float | None] = Field(
        default={}, description="Mean value per scorer; None if never measured."
    )
    failed_scorers: list[str] = Field(default=[])
    latency_ms: float = 0.0
    model_calls: int = 0
    cached_calls: int = 0
    input_tokens: int = 0
    output_tokens: int = 0
    cost_usd: float | None = None


class Totals(BaseModel):
    cases: int = 0
    passed: int = 0
    failed: int = 0
    not_measured: int = 0
    trials: int = 0
    pass_at_1: float | None = Field(default=None, description="Share of measured trials passed.")
    pass_hat_k: float | None = Field(
        default=None, description="Share of measured cases whose every repeat passed."
    )
    mean_score: float | None = None
    model_calls: int = 0
    cached_calls: int = 0
    input_tokens: int = 0
    output_tokens: int = 0
    cost_usd: float | None = None
    latency_p50_ms: float | None = None
    latency_p95_ms: float | None = None


class RunResult(BaseModel):
    """A whole run: the summary written as ``summary.json`` and stored as a baseline."""

    suites: list[str]
    model: str = Field(description="Engine of the run (cases may override it).")
    repeat: int = 1
    concurrency: int = 1
    judge: str | None = None
    version: str = ""
    started: str = ""
    seconds: float = 0.0
    totals: Totals = Field(default_factory=Totals)
    scorer_means: dict[str, float | None] = Field(default={})
    cases: list[CaseResult] = Field(default=[])


def mean_score(scores: list[Score]) -> float | None:
    values = [s.value for s in scores if s.value is not None]
    return round(sum(values) / len(values), 4) if values else None


def trial_status(scores: list[Score]) -> Status:
    return "failed" if any(s.passed is False for s in scores) else "passed"


def roll_up(trials: list[TrialResult]) -> CaseResult:
    """A case's result from its trials (one per repeat)."""
    first = trials[0]
    measured = [t for t in trials if t.status != "not_measured"]
    passed = [t for t in measured if t.status == "passed"]
    values = [t.score for t in measured if t.score is not None]
    names = sorted({s.name for t in trials for s in t.scores})
    scorers: dict[str, float | None] = {}
    for name in names:
        got = [
            s.value for t in measured for s in t.scores if s.name == name and s.value is not None
        ]
        scorers[name] = round(sum(got) / len(got), 4) if got else None
    failing = sorted({s.name for t in measured for s in t.scores if s.passed is False})
    status: Status
    if not measured:
        status = "not_measured"
    elif len(passed) == len(measured):
        status = "passed"
    else:
        status = "failed"
    reasons = [t.reason for t in trials if t.reason]
    costs = [t.metrics.cost_usd for t in trials]
    return CaseResult(
        suite=first.suite,
        case_id=first.case_id,
        kind=first.kind,
        tags=first.tags,
        description=first.description,
        model=first.model,
        status=status,
        reason=reasons[0] if reasons else None,
        trials=len(trials),
        measured=len(measured),
        passed=len(passed),
        pass_all=bool(measured) and len(passed) == len(measured),
        score=round(sum(values) / len(values), 4) if values else None,
        score_min=min(values) if values else None,
        score_max=max(values) if values else None,
        score_std=round(statistics.pstdev(values), 4)
        if len(values) > 1
        else 0.0
        if values
        else None,
        scorers=scorers,
        failed_scorers=failing,
        latency_ms=round(sum(t.metrics.latency_ms for t in trials) / len(trials), 2),
        model_calls=sum(t.metrics.model_calls for t in trials),
        cached_calls=sum(t.metrics.cached_calls for t in trials),
        input_tokens=sum(t.metrics.input_tokens for t in trials),
        output_tokens=sum(t.metrics.output_tokens for t in trials),
        cost_usd=None if any(c is None for c in costs) else round(sum(c or 0 for c in costs), 6),
    )


def _percentile(values: list[float], q: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return round(ordered[index], 2)


def totals(
    cases: list[CaseResult], trials: list[TrialResult]
) -> tuple[Totals, dict[str, float | None]]:
    measured_trials = [t for t in trials if t.status != "not_measured"]
    measured_cases = [c for c in cases if c.status != "not_measured"]
    scores = [c.score for c in measured_cases if c.score is not None]
    costs = [c.cost_usd for c in cases]
    latencies = [t.metrics.latency_ms for t in measured_trials]
    names = sorted({n for c in cases for n in c.scorers})
    means: dict[str, float | None] = {}
    for name in names:
        got = [c.scorers[name] for c in cases if c.scorers.get(name) is not None]
        means[name] = round(sum(got) / len(got), 4) if got else None  # type: ignore[arg-type]
    result = Totals(
        cases=len(cases),
        passed=sum(c.status == "passed" for c in cases),
        failed=sum(c.status == "failed" for c in cases),
        not_measured=sum(c.status == "not_measured" for c in cases),
        trials=len(trials),
        pass_at_1=round(
            sum(t.status == "passed" for t in measured_trials) / len(measured_trials), 4
        )
        if measured_trials
        else None,
        pass_hat_k=round(sum(c.pass_all for c in measured_cases) / len(measured_cases), 4)
        if measured_cases
        else None,
        mean_score=round(sum(scores) / len(scores), 4) if scores else None,
        model_calls=sum(c.model_calls for c in cases),
        cached_calls=sum(c.cached_calls for c in cases),
        input_tokens=sum(c.input_tokens for c in cases),
        output_tokens=sum(c.output_tokens for c in cases),
        cost_usd=None if any(c is None for c in costs) else round(sum(c or 0 for c in costs), 6),
        latency_p50_ms=_percentile(latencies, 0.5),
        latency_p95_ms=_percentile(latencies, 0.95),
    )
    return result, means
