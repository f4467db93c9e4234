"""Run the rules, score the map and rank what to improve. Pure and deterministic."""

from __future__ import annotations

from ..knowledge.catalog import Catalog
from ..models import (
    Category,
    Critique,
    Finding,
    Improvement,
    JourneyMap,
    Level,
    MapType,
    MissingTouchpoint,
    Origin,
    Severity,
)
from . import rules as _rules  # noqa: F401  (registers the rules)
from .context import Context
from .registry import RULES
from .rules import missing_touchpoints_by_stage

WEIGHT = {Severity.critical: 30, Severity.major: 12, Severity.minor: 4, Severity.info: 1}
CATEGORY_WEIGHT = {
    Category.coverage: 4.0,
    Category.actionability: 2.0,
    Category.emotion: 2.0,
    Category.measurement: 1.5,
    Category.structure: 1.5,
    Category.evidence: 1.0,
    Category.omnichannel: 1.0,
    Category.persona: 1.0,
    Category.type_specific: 1.0,
}
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


def score(findings: list[Finding]) -> tuple[int, dict[Category, int]]:
    """Per category, 100 minus the findings' weights (each rule capped at a few findings);
    overall, the categories' weighted mean (coverage counts most), at most 60 if any finding
    is critical."""
    per_rule: dict[str, int] = {}
    caps: dict[str, int] = {}
    categories: dict[str, Category] = {}
    for f in findings:
        rule = RULES.get(f.rule_id)
        weight = (rule.weight if rule and rule.weight else None) or WEIGHT[f.severity]
        per_rule[f.rule_id] = per_rule.get(f.rule_id, 0) + weight
        caps[f.rule_id] = max(caps.get(f.rule_id, 0), (rule.cap if rule else 3) * weight)
        categories[f.rule_id] = f.category
    deductions = {c: 0 for c in Category}
    for rule_id, total in per_rule.items():
        deductions[categories[rule_id]] += min(total, caps[rule_id])
    subscores = {c: max(0, 100 - d) for c, d in deductions.items()}
    weight_sum = float(sum(CATEGORY_WEIGHT[c] for c in Category))
    overall = round(sum(subscores[c] * CATEGORY_WEIGHT[c] for c in Category) / weight_sum)
    if any(f.severity == Severity.critical for f in findings):
        overall = min(overall, 60)
    return overall, subscores


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
    overall, subscores = score(findings)
    industry_id = ctx.industry.id if ctx.industry else None
    missing = missing_framework_stages(
        ctx.map_type, [s.name for s in journey.stages], ctx.catalog, industry_id, ctx.phases
    )
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
    )
