"""Apply the improvements the offline engine can make itself, producing a future-state map.

It adds missing framework stages (from the industry pack, else the generic catalogues), fills
empty lanes (touchpoints, actions, emotions, KPIs, owners), adds the touchpoints a stage
normally has, and pairs pain points with opportunities from the improvement patterns.
Everything it adds is marked ``inferred``; the user's own content is never removed.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from ..drafting import fitting_pattern
from ..knowledge.catalog import (
    FrameworkStage,
    IndustryStage,
    PainKindDef,
    TouchpointTemplate,
    missing_framework_stages,
    phase_of,
)
from ..models import (
    KPI,
    Emotion,
    JourneyMap,
    MapState,
    MapType,
    PainPoint,
    Provenance,
    Source,
    Stage,
    Touchpoint,
)
from ..understanding.content import is_measurable, is_vague, mentions
from ..vocab import PainKind, Phase, normalize_term
from .context import Context
from .meaning import measured_goal, misses_its_pain
from .rules import expected_touchpoints, industry_stage

INFERRED = Provenance.inferred
ORDER = list(Phase)
NOTE = (
    "Elements marked inferred were added by Journey Assistant's offline engine from its "
    "catalogues; check them against research before acting on them."
)


def _touchpoint(t: TouchpointTemplate) -> Touchpoint:
    return Touchpoint(name=t.name, channel=t.channel, ownership=t.ownership, provenance=INFERRED)


def _new_stage(ctx: Context, fs: FrameworkStage, sources: dict[str, Source]) -> Stage:
    from ..drafting import build_stage

    phase = fs.phases[0] if fs.phases else None
    template: IndustryStage | None = None
    for p in fs.phases:
        found = industry_stage(ctx, p)
        if found:
            template, phase = found[0], p
            break
    if ctx.map_type == MapType.email:
        phase = None
    name = template.name if template else fs.name
    return build_stage(name, phase, template, ctx.catalog, sources)


def _insert_at(
    stages: list[Stage], new_phase: Phase | None, phases: dict[int, Phase | None]
) -> int:
    if new_phase is None:
        return len(stages)
    position = 0
    current: Phase | None = None
    for i, stage in enumerate(stages):
        current = phases.get(id(stage)) or current  # unknown: as the one before
        if current is not None and ORDER.index(current) <= ORDER.index(new_phase):
            position = i + 1
    return position


@dataclass(frozen=True)
class Fix:
    """One improvement the offline engine can make: a stable key (to apply it alone), the rule
    whose finding it answers, the stage it touches ('' for the map) and what it does."""

    key: str
    rule: str
    stage: str
    description: str


def pain_kind(pain: PainPoint, kinds: dict[PainKind, PainKindDef]) -> PainKind:
    """The pain point's kind: as stated, else the first kind whose keywords it uses."""
    if pain.kind and pain.kind in PainKind._value2member_map_:
        return PainKind(pain.kind)
    text = f" {normalize_term(pain.description)} "
    best, best_hits = PainKind.friction, 0
    for kind, definition in kinds.items():
        hits = sum(f" {normalize_term(k)} " in text for k in definition.keywords)
        if hits > best_hits:
            best, best_hits = kind, hits
    return best


def improve_map(
    journey: JourneyMap, *, map_type: MapType | str | None = None, industry: str | None = None
) -> tuple[JourneyMap, list[str]]:
    """A future-state copy of ``journey`` with the offline fixes applied, and what was done."""
    improved, fixes = _improve(journey, map_type, industry, only=None)
    return improved, [f.description for f in fixes]


def improvement_plan(
    journey: JourneyMap, *, map_type: MapType | str | None = None, industry: str | None = None
) -> list[Fix]:
    """Every fix :func:`improve_map` would make, each with its key, rule and stage."""
    return _improve(journey, map_type, industry, only=None)[1]


def apply_fixes(
    journey: JourneyMap, keys: Collection[str] | None, *, map_type: MapType | str | None = None
) -> JourneyMap:
    """``journey`` with the fixes whose keys are given (``None``: all of them); the map keeps
    its id, version and state: a chat proposal changes the content, never what the map is."""
    improved, _ = _improve(journey, map_type, None, only=None if keys is None else set(keys))
    improved.id, improved.parent_id = journey.id, journey.parent_id
    improved.version, improved.state = journey.version, journey.state
    if map_type is not None:
        improved.map_type = MapType(map_type)
    return improved


def _improve(
    journey: JourneyMap,
    map_type: MapType | str | None,
    industry: str | None,
    only: set[str] | None,
) -> tuple[JourneyMap, list[Fix]]:
    ctx = Context.build(journey, map_type, industry)
    new = journey.model_copy(deep=True)
    done: list[Fix] = []

    def wanted(key: str, rule: str, stage: str, description: str) -> bool:
        """Whether to make this fix (all, or the keys asked for); records it when made."""
        if only is not None and key not in only:
            return False
        done.append(Fix(key, rule, stage, description))
        return True

    cat = ctx.catalog
    industry_id = ctx.industry.id if ctx.industry else None

    sources: dict[str, Source] = {}
    phase_by_stage: dict[int, Phase | None] = {
        id(s): p for s, p in zip(new.stages, ctx.phases, strict=True)
    }  # as the critique read them, from names and content
    for fs in missing_framework_stages(
        ctx.map_type, [s.name for s in new.stages], cat, industry_id, ctx.phases
    ):
        stage = _new_stage(ctx, fs, sources)
        if not wanted(
            f"stage:{fs.name}", "JA101", stage.name, f"added stage '{stage.name}' for {fs.name}"
        ):
            continue
        phase = phase_of(stage.name, None, industry_id) or (fs.phases[0] if fs.phases else None)
        new.stages.insert(_insert_at(new.stages, phase, phase_by_stage), stage)
        phase_by_stage[id(stage)] = phase

    for stage in new.stages:
        phase = phase_by_stage.get(id(stage))
        if phase is None:
            continue
        expected = expected_touchpoints(ctx, phase)
        have = {t.channel for t in stage.touchpoints}
        names = {normalize_term(t.name) for t in stage.touchpoints}
        had_none = not stage.touchpoints
        added = 0
        for template in expected:
            fresh = template.channel not in have and normalize_term(template.name) not in names
            if (
                fresh
                and added < (3 if had_none else 2)
                and wanted(
                    f"touchpoint:{stage.name}:{template.name}",
                    "JA102" if had_none else "JA104",
                    stage.name,
                    f"added touchpoint '{template.name}' to '{stage.name}'",
                )
            ):
                stage.touchpoints.append(_touchpoint(template))
                have.add(template.channel)
                added += 1
        if not stage.actions and wanted(
            f"actions:{stage.name}", "JA103", stage.name, f"added actions to '{stage.name}'"
        ):
            stage.actions = list(cat.stages.phases[phase].actions[:2])
        if stage.emotion is None and not stage.persona_emotions:
            score = next(
                (s.emotion for s in industry_stage(ctx, phase)), cat.emotions[phase].typical_score
            )
            if wanted(
                f"emotion:{stage.name}",
                "JA302",
                stage.name,
                f"added an emotion ({score}) to '{stage.name}'",
            ):
                stage.emotion = Emotion(score=score, provenance=INFERRED)
        if not stage.kpis:
            kpi_names = [
                k
                for s in industry_stage(ctx, phase)
                for k in s.kpis
                if not mentions(k, ctx.other_kinds)
            ][:2] or [k.name for k in cat.kpis[phase].kpis[:2]]
            if wanted(
                f"kpis:{stage.name}",
                "JA502",
                stage.name,
                f"added KPIs to '{stage.name}': {', '.join(kpi_names)}",
            ):
                stage.kpis = [KPI(name=n, provenance=INFERRED) for n in kpi_names]
        if ctx.map_type == MapType.service_blueprint:  # the lanes that make it a blueprint
            defs = cat.stages.phases[phase]
            if (
                not stage.backstage_actions
                and defs.backstage
                and wanted(
                    f"backstage:{stage.name}",
                    "JA903",
                    stage.name,
                    f"added backstage actions to '{stage.name}'",
                )
            ):
                stage.backstage_actions = list(defs.backstage)
            if (
                not stage.support_processes
                and defs.support_processes
                and wanted(
                    f"support:{stage.name}",
                    "JA903",
                    stage.name,
                    f"added support processes to '{stage.name}'",
                )
            ):
                stage.support_processes = list(defs.support_processes)
        if not stage.owners and not any(t.owner for t in stage.touchpoints):
            owner = (
                [o for s in industry_stage(ctx, phase) for o in s.owners] or cat.kpis[phase].owners
            )[0]
            if wanted(
                f"owner:{stage.name}",
                "JA704",
                stage.name,
                f"named an owner for '{stage.name}': {owner}",
            ):
                stage.owners = [owner]

    addressed = {o.addresses for s in new.stages for o in s.opportunities if o.addresses}
    for stage in new.stages:
        for pain in stage.pain_points:
            if is_vague(pain.description) or pain.id in addressed:
                continue  # a fix for "Too slow" would only look like one: ask instead
            kind = pain_kind(pain, cat.improvements)
            used = {o.description for s in new.stages for o in s.opportunities}
            pattern = fitting_pattern(pain.description, kind, cat.improvements, used)
            if pattern is not None and wanted(
                f"pair:{pain.id}",
                "JA701",
                stage.name,
                f"paired '{pain.description[:40]}' with '{pattern.action}'",
            ):
                stage.opportunities.append(pattern.opportunity(pain.id))
                addressed.add(pain.id)
        for opp in stage.opportunities:
            linked = new.pain_point(opp.addresses) if opp.addresses else None
            kind = pain_kind(linked, cat.improvements) if linked else PainKind.friction
            pattern = cat.improvements[kind].patterns[0]
            if not opp.owner:
                owner = stage.owners[0] if stage.owners else pattern.owner
                if wanted(
                    f"opportunity-owner:{stage.name}:{opp.description}",
                    "JA702",
                    stage.name,
                    f"named owner '{owner}' for '{opp.description[:40]}'",
                ):
                    opp.owner = owner
            if not opp.kpi:
                kpi = stage.kpis[0].name if stage.kpis else pattern.kpi
                if wanted(
                    f"opportunity-kpi:{stage.name}:{opp.description}",
                    "JA504",
                    stage.name,
                    f"named KPI '{kpi}' for '{opp.description[:40]}'",
                ):
                    opp.kpi = kpi

    known = {s.id for s in new.sources}
    new.sources.extend(src for sid, src in sorted(sources.items()) if sid not in known)
    new.state = MapState.future
    new.parent_id = journey.id
    new.id = f"{journey.id}-future" if not journey.id.endswith("-future") else journey.id
    new.version = journey.version + 1
    if NOTE not in new.assumptions and done:
        new.assumptions.append(NOTE)
    return JourneyMap.model_validate(new.model_dump()), done


def open_questions(journey: JourneyMap, limit: int = 10) -> list[str]:
    """What only the user can answer before the map can get better: vague pains and ideas,
    KPIs with nothing to count, a goal no KPI measures, ideas that miss their pain. The
    offline engine cannot rewrite these without inventing facts, so it asks (one question per
    distinct text, naming the stages where it appears)."""
    ctx = Context.build(journey)
    asked: dict[tuple[str, str], list[str]] = {}

    def ask(kind: str, text: str, stage: str) -> None:
        where = asked.setdefault((kind, text), [])
        if stage not in where:
            where.append(stage)

    for stage in journey.stages:
        for pain in stage.pain_points:
            if is_vague(pain.description):
                ask("pain", pain.description, stage.name)
        for opp in stage.opportunities:
            if is_vague(opp.description):
                ask("idea", opp.description, stage.name)
            elif (missed := misses_its_pain(ctx, stage, opp)) is not None:
                ask("missed", f"{opp.description}\n{missed.description}", stage.name)
        for kpi in stage.kpis:
            if not is_measurable(kpi.name, kpi.target, kpi.current):
                ask("kpi", kpi.name, stage.name)
    questions = []
    for (kind, text), stages in asked.items():
        where = ", ".join(stages[:3]) + (" …" if len(stages) > 3 else "")
        if kind == "pain":
            q = f"What exactly goes wrong when you say '{text}'? (what happens, to whom, how often)"
        elif kind == "idea":
            q = f"What would change for customers with '{text}'? (what you add, remove or change)"
        elif kind == "kpi":
            q = f"How would you count '{text}'? (a rate, number or time, today's value, a target)"
        else:
            idea, paired = text.split("\n")
            q = f"Which pain does '{idea}' fix? It is paired with '{paired}'."
        questions.append(f"{q} [{where}]")
    if measured_goal(ctx) is False:
        questions.append(
            f"Which KPI tracks the goal '{journey.context.objective}', and at which stage?"
        )
    return questions[:limit]
