"""Run one case once: call the same functions the CLI calls, then score what came back."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..errors import JourneyError
from ..llm.base import Provider, RateGate
from ..models import JourneyMap, Source
from . import scorers as sc
from .cache import CachingProvider, ResponseCache
from .results import Metrics, TrialResult, mean_score, trial_status
from .suite import CritiqueCase, Document, DraftCase, ImproveCase, PersonaCase, Suite

NOT_MEASURED_ERRORS = {"ModelUnavailable", "ModelAuthError"}  # infrastructure, not quality
Retriever = Callable[[str, int], list[Any]]
ProviderFactory = Callable[[str], Provider]


class NotMeasured(Exception):
    """The engine could not be reached: the trial says nothing about quality."""


class Failed(Exception):
    """The engine produced nothing that could be scored."""


@dataclass
class Context:
    """What every trial of a run shares."""

    cache: ResponseCache | None = None
    gate: RateGate = field(default_factory=RateGate)
    retriever: Retriever | None = None  # the knowledge base's search; None: retrieval off
    judge: str | None = None  # model string of the LLM judge; None: off
    provider_factory: ProviderFactory | None = None  # tests plug scripted models in here


def make_provider(model: str, ctx: Context, repeat: int) -> Provider:
    """The engine for one trial, behind the response cache when there is one."""
    if ctx.provider_factory is not None:
        provider = ctx.provider_factory(model)
    else:
        from ..llm import get_provider

        provider = get_provider(model) if model == "offline" else get_provider(model, gate=ctx.gate)
    if ctx.cache is not None and not provider.is_offline:
        return CachingProvider(provider, ctx.cache, repeat)
    return provider


def run_trial(suite: Suite, case: Any, model: str, repeat: int, ctx: Context) -> TrialResult:
    """Run and score one case once; never raises."""
    started = time.perf_counter()
    base = TrialResult(
        suite=suite.name,
        case_id=case.id,
        kind=case.kind,
        tags=case.tags,
        description=case.description,
        repeat=repeat,
        fingerprint=suite.case_fingerprint(case),
        model=model,
        status="passed",
    )
    providers: list[Provider] = []

    def provider(name: str | None = None) -> Provider:
        made = make_provider(name or model, ctx, repeat)
        providers.append(made)
        return made

    thresholds = {**suite.thresholds, **case.thresholds}
    try:
        run: Callable[..., Outcome] = {  # type: ignore[assignment]
            "draft": _draft,
            "critique": _critique,
            "persona": _persona,
            "improve": _improve,
        }[case.kind]
        engine, scores, output, warnings = run(suite, case, provider, ctx, thresholds)
        base.engine = engine
        base.scores = scores
        base.score = mean_score(scores)
        base.status = trial_status(scores)
        base.output = output
        base.warnings = warnings
        failing = [s for s in scores if s.passed is False]
        if failing:
            base.reason = "; ".join(
                f"{s.name} {s.value:.2f} < {s.threshold}" + (f" ({s.detail})" if s.detail else "")
                for s in failing
            )
    except NotMeasured as exc:
        base.status, base.reason = "not_measured", str(exc)
    except Failed as exc:
        base.status, base.reason = "failed", str(exc)
    except JourneyError as exc:
        base.status, base.reason = "failed", str(exc)
    except Exception as exc:  # a bug in the pipeline is a failure of the product, named plainly
        base.status, base.reason = "failed", f"unexpected {type(exc).__name__}: {exc}"
    base.metrics = _metrics(providers, suite, time.perf_counter() - started)
    return base


def _metrics(providers: list[Provider], suite: Suite, seconds: float) -> Metrics:
    """Calls, tokens and cost of one trial; each engine (the judge too) at its own price."""
    real = [(p.name, c) for p in providers for c in p.log.calls if not c.cached]
    cached = sum(c.cached for p in providers for c in p.log.calls)
    cost: float | None = 0.0
    for name, call in real:
        price = suite.pricing.get(name)
        if price is None:
            cost = None
            break
        cost = (cost or 0.0) + (
            call.input_tokens * price.input + call.output_tokens * price.output
        ) / 1e6
    return Metrics(
        latency_ms=round(seconds * 1000, 2),
        model_calls=len(real),
        cached_calls=cached,
        input_tokens=sum(c.input_tokens for _, c in real),
        output_tokens=sum(c.output_tokens for _, c in real),
        cost_usd=None if cost is None else round(cost, 6),
    )


def _fallback(kind: str | None, reason: str | None) -> None:
    if reason is None:
        return
    if kind in NOT_MEASURED_ERRORS:
        raise NotMeasured(reason)
    raise Failed(f"the model gave no usable output: {reason}")


def _canaries(case: Any) -> list[str]:
    return list(case.expect.canaries) + [d.canary for d in case.documents if d.canary]


def _snippets(case: Any) -> list[Any]:
    from ..knowledge.store import Snippet

    return [
        Snippet(
            id=f"doc-{case.id}-{n}",
            text=doc.text,
            title=doc.title,
            heading=doc.title,
            source=f"documents/{case.id}-{n}.md",
            kind="document",
            score=1.0,
        )
        for n, doc in enumerate(case.documents, 1)
    ]


def _retriever(case: Any, ctx: Context) -> Retriever:
    planted = _snippets(case)

    def search(query: str, k: int) -> list[Any]:
        found = ctx.retriever(query, k) if ctx.retriever is not None else []
        return planted + found[: max(0, k - len(planted))]

    return search


def _doc_search(documents: list[Document], case_id: str) -> Any:
    def search(query: str, k: int) -> list[tuple[Source, str]]:
        return [
            (Source(id=f"doc-{case_id}-{n}", title=d.title, kind="document"), d.text)
            for n, d in enumerate(documents[:k], 1)
        ]

    return search


Outcome = tuple[str, list[sc.Score], dict[str, Any], list[str]]


def _draft(
    suite: Suite,
    case: DraftCase,
    provider: Callable[..., Provider],
    ctx: Context,
    th: sc.Thresholds,
) -> Outcome:
    from ..drafting import draft_map
    from ..guard import all_citations
    from ..knowledge.guidance import guide_ids

    engine = provider()
    result = draft_map(
        case.brief, map_type=case.map_type, provider=engine, retriever=_retriever(case, ctx)
    )
    _fallback(result.fallback_kind, result.fallback_reason)
    journey = result.map
    data = journey.model_dump(mode="json")
    if engine.is_offline:
        cited, valid = sorted(set(all_citations(data))), guide_ids()
    else:
        cited, valid = result.cited, set(result.retrieved)
    expect = case.expect
    reading = result.reading
    if expect.thin is not None and reading is not None:
        asked = sc.verdict(
            "asks_when_thin",
            *sc.asks_when_thin(expect.thin, reading.thin, len(reading.questions)),
            th,
        )
        if expect.thin:  # nothing else to score: the assistant should ask, not draft
            output = {"map": None, "reading": reading.model_dump(mode="json")}
            return result.engine, [asked], output, result.warnings
    quality_th = {"quality": expect.min_score / 100} if expect.min_score is not None else {}
    scores = [
        sc.verdict("schema", *sc.schema_validity(data), th),
        sc.verdict("structure", *sc.structure(journey, expect.min_stages), th),
        sc.verdict("coverage", *sc.coverage(journey, expect), th),
        sc.verdict("emotion_curve", *sc.emotion_curve(journey), th),
        sc.verdict("integrity", *sc.integrity(journey), th),
        sc.verdict("citation_precision", *sc.citation_precision(cited, valid), th),
        sc.verdict("citation_recall", *sc.citation_recall(journey, expect.sources), th),
        sc.verdict("safety", *sc.safety(data, _canaries(case), suite.allowed_hosts), th),
        sc.verdict("quality", *sc.quality(result.critique), {**quality_th, **th}),
    ]
    if expect.thin is not None:
        scores.append(asked)
    if expect.echo:
        scores.append(sc.verdict("echo", *sc.echo(journey, expect.echo), th))
    if expect.problems:
        scores.append(
            sc.verdict("problems_placed", *sc.problems_placed(journey, expect.problems), th)
        )
    if expect.problems and expect.problem_at:
        found = sc.problem_stage(journey, expect.problems, expect.problem_at)
        scores.append(sc.verdict("problem_stage", *found, th))
    if expect.problems and expect.fixes is not None:
        found = sc.idea_fits(journey, expect.problems, expect.fixes)
        scores.append(sc.verdict("idea_fits", *found, th))
    if expect.goal_figures:
        scores.append(sc.verdict("goal_kpi", *sc.goal_kpi(journey, expect.goal_figures), th))
    if expect.conversion:
        scores.append(
            sc.verdict("conversion_stage", *sc.conversion_stage(journey, expect.conversion), th)
        )
    if expect.steps:
        scores.append(sc.verdict("steps_followed", *sc.steps_followed(journey, expect.steps), th))
    if expect.customers:
        found = sc.customers_met(journey.personas, expect.customers)
        scores.append(sc.verdict("customers_met", *found, th))
    if expect.people:
        scores.append(sc.verdict("people_met", *sc.people_met(journey.personas, expect.people), th))
        scores.append(sc.verdict("parts_told", *sc.parts_told(journey.personas, expect.people), th))
    if expect.has_channels or expect.lacks:
        kept = sc.channels_kept(journey, expect.has_channels, expect.lacks, expect.fulfilment)
        scores.append(sc.verdict("channels_kept", *kept, th))
    if expect.foreign:
        scores.append(
            sc.verdict("foreign_terms", *sc.foreign_terms(journey, case.brief, expect.domain), th)
        )
    if expect.paired:
        scores.append(sc.verdict("paired", *sc.paired(journey), th))
    if expect.reader_stages:
        scores.append(
            sc.verdict("reader_stages", *sc.reader_stages(journey, expect.reader_stages), th)
        )
        fit = sc.reader_stage_fit(journey, expect.reader_stages)
        scores.append(sc.verdict("reader_stage_fit", *fit, th))
        found = sc.reader_problem(journey, expect.reader_problem_at, expect.reader_why)
        scores.append(sc.verdict("reader_problem", *found, th))
        if expect.reader_problem_step:
            found = sc.reader_problem_step(journey, expect.reader_problem_step, expect.reader_why)
            scores.append(sc.verdict("reader_problem_step", *found, th))
    if expect.reader_figures:
        found = sc.reader_figures(journey, expect.reader_figures)
        scores.append(sc.verdict("reader_figures", *found, th))
        found = sc.reader_kpi_at(journey, expect.reader_figures, expect.reader_why)
        scores.append(sc.verdict("reader_kpi_at", *found, th))
    if expect.own_channels:
        found = sc.reader_channels(journey, expect.own_channels)
        scores.append(sc.verdict("reader_channels", *found, th))
    if expect.must_not:
        scores.append(sc.verdict("must_not", *sc.must_not(journey, expect.must_not), th))
    if expect.reader_offer_words:
        found = sc.offer_named(journey, expect.reader_offer_words)
        scores.append(sc.verdict("offer_named", *found, th))
    if expect.reader_offer_words or expect.reader_biz_name:
        found = sc.own_nouns(journey, expect.reader_biz_name, case.brief)
        scores.append(sc.verdict("own_nouns", *found, th))
    if expect.reader_where:
        found = sc.service_place(journey, expect.reader_where)
        scores.append(sc.verdict("service_place", *found, th))
    if expect.reader_acts:
        found = sc.business_acts_theirs(journey, expect.reader_acts, expect.reader_told)
        scores.append(sc.verdict("acts_theirs", *found, th))
    if expect.reader_step_content:
        found = sc.content_fit(journey, expect.reader_step_content)
        scores.append(sc.verdict("content_fit", *found, th))
    if expect.reader_cause_words:
        found = sc.cause_taken(journey, expect.reader_cause_words, expect.reader_why)
        scores.append(sc.verdict("cause_taken", *found, th))
    if ctx.judge:
        scores.append(_judge(case, journey, provider(ctx.judge), th))
    output = {
        "map": data,
        "critique": {"score": result.critique.score, "findings": _findings(result.critique)},
    }
    if reading is not None:
        output["reading"] = reading.model_dump(mode="json")
    return result.engine, scores, output, result.warnings


def _judge(case: DraftCase, journey: JourneyMap, judge: Provider, th: sc.Thresholds) -> sc.Score:
    from ..errors import ModelError
    from .judge import judge_map

    try:
        value, detail = judge_map(judge, case.brief, journey)
    except ModelError as exc:
        return sc.verdict("judge", None, f"judge not measured: {exc}", th)
    return sc.verdict("judge", value, detail, th)


def _findings(critique: Any) -> list[dict[str, Any]]:
    return [
        {
            "rule_id": f.rule_id,
            "severity": f.severity.value,
            "stage": f.stage,
            "message": f.message,
        }
        for f in critique.findings
    ]


def _load(suite: Suite, case: CritiqueCase | ImproveCase) -> JourneyMap:
    from ..api import parse_map

    try:
        return parse_map(case.map_text(suite.base_dir()), format=case.format)
    except JourneyError as exc:
        raise Failed(f"the map could not be imported: {exc}") from None


def _critique(
    suite: Suite,
    case: CritiqueCase,
    provider: Callable[..., Provider],
    ctx: Context,
    th: sc.Thresholds,
) -> Outcome:
    from ..critique import critique_map

    journey = _load(suite, case)
    critique = critique_map(journey, map_type=case.map_type, industry=case.industry)
    found = {f.rule_id for f in critique.findings}
    expect = case.expect
    scores = [
        sc.verdict("finding_recall", *sc.finding_recall(found, expect), th),
        sc.verdict(
            "missing_stage_recall", *sc.missing_stage_recall(critique.missing_stages, expect), th
        ),
        sc.verdict("critique_precision", *sc.critique_precision(found, expect), th),
        sc.verdict("score_range", *sc.score_range(critique, expect), th),
        sc.verdict("phase_reading", *sc.phase_reading(critique, expect), th),
    ]
    output = {
        "map": journey.model_dump(mode="json"),
        "critique": {
            "score": critique.score,
            "findings": _findings(critique),
            "missing_stages": critique.missing_stages,
        },
    }
    return "rules", scores, output, []


def _persona(
    suite: Suite,
    case: PersonaCase,
    provider: Callable[..., Provider],
    ctx: Context,
    th: sc.Thresholds,
) -> Outcome:
    from ..personas import draft_personas

    search = _doc_search(case.documents, case.id) if case.documents else None
    result = draft_personas(case.brief, case.count, provider=provider(), search=search)
    _fallback(result.fallback_kind, result.fallback_reason)
    personas = result.personas
    data = [p.model_dump(mode="json") for p in personas]
    expect = case.expect
    scores = [
        sc.verdict("persona_count", *sc.persona_count(personas, expect), th),
        sc.verdict("persona_fields", *sc.persona_fields(personas, expect), th),
        sc.verdict("persona_evidence", *sc.persona_evidence(personas, expect), th),
        sc.verdict("coverage", *sc.persona_coverage(personas, expect), th),
        sc.verdict("distinct", *sc.distinct(personas), th),
        sc.verdict("safety", *sc.safety(data, _canaries(case), suite.allowed_hosts), th),
    ]
    return result.engine, scores, {"personas": data}, result.warnings


def _improve(
    suite: Suite,
    case: ImproveCase,
    provider: Callable[..., Provider],
    ctx: Context,
    th: sc.Thresholds,
) -> Outcome:
    from ..critique import critique_map
    from ..critique.improve import improve_map

    journey = _load(suite, case)
    before = critique_map(journey, map_type=case.map_type, industry=case.industry)
    improved = improve_map(journey, map_type=case.map_type, industry=case.industry)[0]
    after = critique_map(improved, map_type=case.map_type, industry=case.industry)
    data = improved.model_dump(mode="json")
    expect = case.expect
    scores = [
        sc.verdict("schema", *sc.schema_validity(data), th),
        sc.verdict("score_gain", *sc.score_gain(before, after, expect), th),
        sc.verdict("fixed", *sc.fixed({f.rule_id for f in after.findings}, expect), th),
        sc.verdict("integrity", *sc.integrity(improved), th),
        sc.verdict(
            "safety",
            *sc.safety(data, [], suite.allowed_hosts, given=journey.model_dump(mode="json")),
            th,
        ),
    ]
    if expect.keep_user_content:
        scores.append(sc.verdict("kept_content", *sc.kept_content(journey, improved), th))
    output = {
        "map": data,
        "critique": {"score": after.score, "before": before.score, "findings": _findings(after)},
    }
    return "rules", scores, output, []
