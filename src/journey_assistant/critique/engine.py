"""Run the rules, score the map and rank what to improve. Pure and deterministic."""

from __future__ import annotations

from ..knowledge.catalog import Catalog
from ..models import (
    Critique,
    Finding,
    Improvement,
    JourneyMap,
    Level,
    MapType,
    MissingTouchpoint,
    Origin,
    Severity,
    StageReading,
)
from . import meaning as _meaning  # noqa: F401  (registers the meaning rules)
from . import rules as _rules  # noqa: F401  (registers the rules)
from .context import Context
from .registry import RULES
from .rules import missing_touchpoints_by_stage
from .score import score

IMPACT = {
    Severity.critical: Level.high,
    Severity.major: Level.high,
    Severity.minor: Level.medium,
    Severity.info: Level.low,
}
_LEVEL_VALUE = {Level.low: 1, Level.medium: 2, Level.high: 3}


def run_rules(ctx: Context) -> list[Finding]:
    """Every rule's findings, in rule-id order then map order."""
    findings: list[Finding] = []
    for rule_id in sorted(RULES):
        rule = RULES[rule_id]
        for hit in rule.check(ctx):
            findings.append(
                Finding(
                    rule_id=rule.id,
                    severity=hit.severity or rule.severity,
                    category=rule.category,
                    stage=hit.stage,
                    touchpoint=hit.touchpoint,
                    message=hit.message,
                    rationale=rule.rationale,
                    suggestion=hit.suggestion,
                    citations=[rule.guide],
                    origin=Origin.rule,
                )
            )
    return findings


def rank_improvements(findings: list[Finding], limit: int = 15) -> list[Improvement]:
    """One improvement per distinct suggestion, highest impact per effort first."""
    seen: set[str] = set()
    ranked: list[tuple[float, int, Improvement]] = []
    for order, f in enumerate(findings):
        if not f.suggestion or f.suggestion in seen:
            continue
        seen.add(f.suggestion)
        impact = IMPACT[f.severity]
        effort = RULES[f.rule_id].effort if f.rule_id in RULES else Level.medium
        value = _LEVEL_VALUE[impact] ** 2 / _LEVEL_VALUE[effort]
        priority = round(value + f.severity.rank / 10, 2)
        ranked.append(
            (
                priority,
                order,
                Improvement(
                    action=f.suggestion,
                    stage=f.stage,
                    impact=impact,
                    effort=effort,
                    priority=priority,
                    rule_ids=[f.rule_id],
                ),
            )
        )
    ranked.sort(key=lambda r: (-r[0], r[1]))
    return [imp for _, _, imp in ranked[:limit]]


def critique_map(
    journey: JourneyMap,
    *,
    map_type: MapType | str | None = None,
    industry: str | None = None,
    catalog: Catalog | None = None,
) -> Critique:
    """Critique a map: findings, score, missing stages and touchpoints, ranked improvements."""
    from ..knowledge.catalog import missing_framework_stages

    ctx = Context.build(journey, map_type, industry, catalog)
    findings = run_rules(ctx)
    industry_id = ctx.industry.id if ctx.industry else None
    missing = missing_framework_stages(
        ctx.map_type, [s.name for s in journey.stages], ctx.catalog, industry_id, ctx.phases
    )
    framework = ctx.catalog.stages.frameworks[ctx.map_type].stages
    overall, subscores = score(ctx, findings, len(missing), len(framework))
    return Critique(
        score=overall,
        subscores=subscores,
        map_type=ctx.map_type,
        industry=industry_id,
        findings=findings,
        missing_stages=[fs.name for fs in missing]
        if ctx.map_type != MapType.email
        else [
            f.message.split(" no ")[1].split(" message")[0]
            for f in findings
            if f.rule_id == "JA901"
        ],
        missing_touchpoints=[
            MissingTouchpoint(stage=stage.name, name=t.name, channel=t.channel)
            for stage, tps in missing_touchpoints_by_stage(ctx)
            for t in tps
        ],
        improvements=rank_improvements(findings),
        stages=[StageReading(stage=r.stage, phase=r.phase, why=r.why) for r in ctx.readings],
    )
