"""Draft a journey map from a brief: offline from the catalogues, or with an LLM.

The offline draft is deterministic: the same brief gives the same map. It takes the stages of
the map type's framework (the industry pack's own stages where it has them), the brief's named
channels as touchpoints, an emotion curve with a low point, pain points each paired with an
opportunity, KPIs and owners per stage, and cites the guide sections it drew on.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from pydantic import Field

from .brief import BriefReading, read_brief
from .config import Settings
from .errors import ModelError
from .knowledge.catalog import Catalog, FrameworkStage, IndustryStage, get_catalog, phase_of
from .knowledge.guidance import guide_source
from .llm.base import Provider
from .models import (
    KPI,
    BusinessContext,
    Critique,
    Emotion,
    JourneyMap,
    Level,
    MapType,
    Opportunity,
    PainPoint,
    Provenance,
    Source,
    Stage,
    Touchpoint,
    slugify,
)
from .personas import draft_personas_offline
from .vocab import CHANNEL_LABELS, Channel, Phase

INFERRED = Provenance.inferred
ORDER = list(Phase)


@dataclass
class DraftResult:
    """A drafted map, its critique, and how it was made."""

    map: JourneyMap
    critique: Critique
    engine: str
    usage: list[dict[str, int | str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    fallback_reason: str | None = None
    fallback_kind: str | None = None  # the error class behind the fallback, e.g. ModelUnavailable
    retrieved: list[str] = field(default_factory=list)  # snippet ids the model was shown
    cited: list[str] = field(default_factory=list)  # ids the model cited, before the guard


@dataclass
class _ModelDraft:
    map: JourneyMap
    warnings: list[str]
    retrieved: list[str]
    cited: list[str]


def _cite(sources: dict[str, Source], guide: str, heading: str) -> list[str]:
    found = guide_source(guide, heading)
    if found is None:
        return []
    sources.setdefault(found.id, found)
    return [found.id]


def _templates(
    reading: BriefReading, catalog: Catalog
) -> list[tuple[str, Phase | None, IndustryStage | None]]:
    """(stage name, phase, industry template) in order for the brief's map type."""
    framework = catalog.stages.frameworks[reading.map_type]
    pack = reading.industry
    if pack and reading.map_type in (
        pack.default_map_type,
        MapType.customer_journey,
        MapType.omnichannel,
    ):
        chosen: list[tuple[str, Phase | None, IndustryStage | None]] = [
            (s.name, s.phase, s) for s in pack.stages
        ]
        for fs in framework.stages:  # add what the pack lacks for this map type
            if not any(p in fs.phases for _, p, _ in chosen) and fs.phases:
                chosen.append((fs.name, fs.phases[0], None))
        chosen.sort(key=lambda c: ORDER.index(c[1]) if c[1] else len(ORDER))
        return chosen
    used: set[str] = set()
    out: list[tuple[str, Phase | None, IndustryStage | None]] = []
    for fs in framework.stages:
        template = _pack_stage(pack.stages if pack else [], fs, used)
        phase = template.phase if template else (fs.phases[0] if fs.phases else None)
        name = template.name if template and not fs.synonyms else fs.name
        out.append((name, phase, template))
    return out


def _pack_stage(
    stages: list[IndustryStage], fs: FrameworkStage, used: set[str]
) -> IndustryStage | None:
    for stage in stages:
        if stage.phase in fs.phases and stage.name not in used:
            used.add(stage.name)
            return stage
    return None


def build_stage(
    name: str,
    phase: Phase | None,
    template: IndustryStage | None,
    catalog: Catalog,
    sources: dict[str, Source] | None = None,
) -> Stage:
    """A complete stage: from an industry template, else the phase's generic catalogue entries,
    else (no phase: an email framework stage) one lifecycle message. Everything is inferred."""
    sources = {} if sources is None else sources
    slug = slugify(name)
    if template is not None:
        pains = [
            PainPoint(
                id=f"pp-{slug}-{n}",
                description=p.description,
                severity=p.severity,
                kind=p.kind.value,
                provenance=INFERRED,
            )
            for n, p in enumerate(template.pain_points, start=1)
        ]
        by_template = {p.id: f"pp-{slug}-{n}" for n, p in enumerate(template.pain_points, 1)}
        opps = [
            Opportunity(
                description=o.description,
                addresses=by_template[o.addresses],
                impact=o.impact,
                effort=o.effort,
                owner=o.owner,
                kpi=o.kpi,
                provenance=INFERRED,
            )
            for o in template.opportunities
        ]
        return Stage(
            name=name,
            customer_goal=template.customer_goal,
            actions=list(template.actions),
            thoughts=list(template.thoughts),
            touchpoints=[
                Touchpoint(
                    name=t.name, channel=t.channel, ownership=t.ownership, provenance=INFERRED
                )
                for t in template.touchpoints
            ],
            emotion=Emotion(score=template.emotion, provenance=INFERRED),
            pain_points=pains,
            opportunities=opps,
            kpis=[
                KPI(
                    name=k,
                    provenance=INFERRED,
                    citations=_cite(sources, "kpis-by-stage.md", f"{phase.value} stage")
                    if phase
                    else [],
                )
                for k in template.kpis
            ],
            owners=list(template.owners),
            moments_of_truth=list(template.moments_of_truth),
        )
    if phase is None:  # an email framework stage: one lifecycle message
        pain = PainPoint(
            id=f"pp-{slug}-1",
            description=f"The {name.lower()} message is generic and arrives at the wrong moment",
            severity=Level.medium,
            kind="personalisation",
            provenance=INFERRED,
        )
        pattern = catalog.improvements["personalisation"].patterns[0]  # type: ignore[index]
        return Stage(
            name=name,
            customer_goal=f"Get a useful {name.lower()} message at the right time",
            actions=[f"Receives the {name.lower()} email", "Opens it and clicks through"],
            touchpoints=[
                Touchpoint(name=f"{name} email", channel=Channel.email, provenance=INFERRED),
                Touchpoint(
                    name=f"{name} landing page", channel=Channel.website, provenance=INFERRED
                ),
            ],
            emotion=Emotion(score=3, provenance=INFERRED),
            pain_points=[pain],
            opportunities=[pattern.opportunity(pain.id, owner="CRM", kpi="Click-through rate")],
            kpis=[
                KPI(name="Open rate", provenance=INFERRED),
                KPI(name="Click-through rate", provenance=INFERRED),
            ],
            owners=["CRM"],
        )
    definition = catalog.stages.phases[phase]
    seen: set[Channel] = set()
    touchpoints: list[Touchpoint] = []
    for t in catalog.touchpoints[phase]:
        if t.channel not in seen and len(touchpoints) < 5:
            seen.add(t.channel)
            touchpoints.append(
                Touchpoint(
                    name=t.name, channel=t.channel, ownership=t.ownership, provenance=INFERRED
                )
            )
    pattern = catalog.improvements[definition.pain_kind].patterns[0]
    pain = PainPoint(
        id=f"pp-{slug}-1",
        description=definition.pain_point,
        kind=definition.pain_kind.value,
        provenance=INFERRED,
        citations=_cite(sources, "pain-points-and-improvements.md", ""),
    )
    return Stage(
        name=name,
        customer_goal=definition.goal,
        actions=list(definition.actions),
        thoughts=catalog.emotions[phase].thoughts[:2],
        touchpoints=touchpoints,
        emotion=Emotion(
            score=catalog.emotions[phase].typical_score,
            label=catalog.emotions[phase].positive[0]
            if catalog.emotions[phase].typical_score >= 4
            else catalog.emotions[phase].negative[0],
            provenance=INFERRED,
        ),
        pain_points=[pain],
        opportunities=[pattern.opportunity(pain.id)],
        kpis=[
            KPI(
                name=k.name,
                provenance=INFERRED,
                citations=_cite(sources, "kpis-by-stage.md", f"{phase.value} stage"),
            )
            for k in catalog.kpis[phase].kpis[:2]
        ],
        owners=catalog.kpis[phase].owners[:1],
    )


def _place_named_touchpoints(stages: list[Stage], reading: BriefReading, catalog: Catalog) -> None:
    """Put every channel the brief names on the stages where that channel is used: stages
    that already have it (closest names first), else stages whose phase typically has it."""
    industry = reading.industry.id if reading.industry else None
    phases = [phase_of(s.name, None, industry) for s in stages]
    for named in reading.touchpoints:
        words = set(named.name.lower().split())

        def overlap(i: int, words: set[str] = words) -> int:
            return max(
                (len(words & set(t.name.lower().split())) for t in stages[i].touchpoints), default=0
            )

        having = [
            i
            for i, s in enumerate(stages)
            if any(t.channel == named.channel for t in s.touchpoints)
        ]
        having.sort(key=lambda i: (-overlap(i), i))
        fitting = [
            i
            for i, p in enumerate(phases)
            if p is not None and any(t.channel == named.channel for t in catalog.touchpoints[p])
        ]
        targets = having[:2] or fitting[:1] or [0]
        for i in sorted(targets):
            stage = stages[i]
            same = [t for t in stage.touchpoints if t.name.lower() == named.name.lower()]
            for t in same:  # already there: the brief confirms it
                t.provenance = Provenance.user
            if same:
                continue
            stage.touchpoints.insert(
                0,
                Touchpoint(
                    name=named.name,
                    channel=named.channel,
                    provenance=Provenance.user,
                    description="Named in the brief",
                ),
            )


_LOW_POINT_PRIORITY = {Phase.support: 3, Phase.purchase: 2, Phase.onboarding: 1}


def _ensure_low_point(stages: list[Stage]) -> None:
    """Make sure the curve dips: where the catalogue has none, at the stage most likely to hurt
    (one with a high-severity pain point, else support, purchase or onboarding)."""
    scored = [(s, s.emotion.score) for s in stages if s.emotion]
    if not scored or min(score for _, score in scored) <= 2:
        return

    def risk(pair: tuple[Stage, int]) -> tuple[bool, int, int]:
        stage, score = pair
        high = any(p.severity == Level.high for p in stage.pain_points)
        phase = phase_of(stage.name)
        return high, _LOW_POINT_PRIORITY.get(phase, 0) if phase else 0, -score

    worst, _ = max(scored, key=risk)
    worst.emotion = Emotion(score=2, label="frustrated", provenance=INFERRED)


def _add_blueprint_lanes(stages: list[Stage], reading: BriefReading, catalog: Catalog) -> None:
    industry = reading.industry.id if reading.industry else None
    for stage in stages:
        phase = phase_of(stage.name, None, industry) or Phase.usage
        definition = catalog.stages.phases[phase]
        stage.backstage_actions = stage.backstage_actions or list(definition.backstage)
        stage.support_processes = stage.support_processes or list(definition.support_processes)


def draft_offline(
    brief: str, *, map_type: MapType | str | None = None, catalog: Catalog | None = None
) -> JourneyMap:
    """The offline engine's map for a brief. Deterministic."""
    cat = catalog or get_catalog()
    reading = read_brief(brief, map_type=map_type, catalog=cat)
    sources: dict[str, Source] = {}
    stages = [
        build_stage(name, phase, template, cat, sources)
        for name, phase, template in _templates(reading, cat)
    ]
    _place_named_touchpoints(stages, reading, cat)
    _ensure_low_point(stages)
    if reading.map_type == MapType.service_blueprint:
        _add_blueprint_lanes(stages, reading, cat)
    framework_cite = _cite(
        sources, "map-types.md", reading.map_type.label.split(" (")[0].replace(" map", "").lower()
    ) or _cite(sources, "stage-frameworks.md", "")
    personas, persona_sources = draft_personas_offline(brief, 2)
    for s in persona_sources:
        sources.setdefault(s.id, s)
    pack = reading.industry
    assumptions = list(reading.assumptions) + [
        "Stages, touchpoints, emotions, pain points and KPIs marked inferred come from "
        f"{'the ' + pack.name.lower() + ' pack' if pack else 'generic catalogues'}, not from "
        "research: validate them with customers and data.",
        "Personas are proto-personas (assumptions to validate).",
    ]
    named = ", ".join(f"{t.name} ({CHANNEL_LABELS[t.channel]})" for t in reading.touchpoints)
    return JourneyMap(
        title=_title(reading),
        map_type=reading.map_type,
        context=BusinessContext(
            industry=pack.id if pack else None,
            business_model=reading.business_model,
            audience=reading.audience,
            product=reading.text[:200],
            objective="First draft to critique and refine",
            scope="From first awareness to advocacy",
        ),
        personas=personas,
        stages=stages,
        sources=[sources[k] for k in sorted(sources)] if framework_cite else list(sources.values()),
        assumptions=assumptions,
        notes=[f"Channels named in the brief: {named}."] if named else [],
    )


def _title(reading: BriefReading) -> str:
    what = reading.industry.name if reading.industry else "Customer"
    return f"{what}: {reading.map_type.label.lower()} (draft)"


class DraftedMap(JourneyMap):
    """A journey map drafted for a brief: at least three stages, in customer order."""

    stages: list[Stage] = Field(
        min_length=3,
        description="Stages in customer order, at least three, each with "
        "touchpoints, actions, an emotion, pain points with opportunities, KPIs and owners.",
    )


Retriever = Callable[[str, int], list[Any]]  # (query, k) -> snippets with id/text/source/...


def _default_retriever(settings: Settings) -> Retriever:
    def search(query: str, k: int) -> list[Any]:
        from .knowledge.store import KnowledgeBase

        return KnowledgeBase(settings).search(query, k=k)

    return search


def draft_map(
    brief: str,
    *,
    map_type: MapType | str | None = None,
    model: str | None = None,
    settings: Settings | None = None,
    provider: Provider | None = None,
    retriever: Retriever | None = None,
) -> DraftResult:
    """Draft a map with the configured engine; the critique always runs on the result.

    With an LLM, a failure (timeout, rate limit, bad key, invalid output) returns the offline
    draft with ``fallback_reason`` saying why.
    """
    from .critique import critique_map
    from .llm import get_provider

    settings = settings or Settings.from_env()
    offline = draft_offline(brief, map_type=map_type)
    engine = provider or get_provider(model or settings.model)
    if engine.is_offline:
        return DraftResult(map=offline, critique=critique_map(offline), engine="offline")
    try:
        made = _draft_with_model(brief, offline, engine, retriever or _default_retriever(settings))
    except ModelError as exc:
        return DraftResult(
            map=offline,
            critique=critique_map(offline),
            engine="offline",
            usage=_usage(engine),
            fallback_reason=str(exc),
            fallback_kind=type(exc).__name__,
        )
    return DraftResult(
        map=made.map,
        critique=critique_map(made.map),
        engine=engine.name,
        usage=_usage(engine),
        warnings=made.warnings,
        retrieved=made.retrieved,
        cited=made.cited,
    )


def _usage(engine: Provider) -> list[dict[str, int | str]]:
    return [
        {
            "purpose": c.purpose,
            "method": c.method,
            "input_tokens": c.input_tokens,
            "output_tokens": c.output_tokens,
            "ok": str(c.ok),
            "cached": str(c.cached),
        }
        for c in engine.log.calls
    ]


def _draft_with_model(
    brief: str, offline: JourneyMap, engine: Provider, retriever: Retriever
) -> _ModelDraft:
    from langchain_core.messages import AIMessage, HumanMessage, SystemMessage

    from .critique import critique_map
    from .guard import all_citations, guard_map
    from .prompts import fence, render

    reading = read_brief(brief, map_type=offline.map_type)
    snippets = retriever(brief, 6)
    retrieved = {
        s.id: Source(
            id=s.id,
            title=s.title,
            location=f"{s.source} > {s.heading}",
            excerpt=s.text[:240],
            kind=s.kind,
        ).model_dump(mode="json")
        for s in snippets
    }
    user = render(
        "draft_map_user",
        brief=reading.text,
        map_type_label=offline.map_type.label.lower(),
        industry=reading.industry.name if reading.industry else "not recognised",
        business_model=reading.business_model,
        audience=reading.audience or "not stated",
        channels=", ".join(t.name for t in reading.touchpoints) or "none",
        stages=" → ".join(s.name for s in offline.stages),
        snippets="\n\n".join(fence(s.id, s.source, s.text) for s in snippets) or "(none)",
    )
    messages: list[Any] = [SystemMessage(render("draft_map_system")), HumanMessage(user)]
    texts = [s.text for s in snippets]
    draft = JourneyMap.model_validate(
        engine.structured(messages, DraftedMap, purpose="draft").model_dump()
    )
    cited = sorted(set(all_citations(draft.model_dump(mode="json"))))
    journey, warnings = guard_map(draft, retrieved=retrieved, snippet_texts=texts)
    critique = critique_map(journey)
    serious = [f for f in critique.findings if f.severity.rank >= 2]
    if any(f.severity.rank == 3 for f in serious):  # one repair round for critical findings
        listing = "\n".join(f"- {f.rule_id} {f.message} Fix: {f.suggestion}" for f in serious)
        repair = messages + [
            AIMessage(journey.model_dump_json()),
            HumanMessage(render("repair_map", findings=listing)),
        ]
        try:
            repaired = JourneyMap.model_validate(
                engine.structured(repair, DraftedMap, purpose="repair").model_dump()
            )
        except ModelError as exc:
            warnings.append(f"repair round failed ({exc}); kept the first draft")
        else:
            fixed, more = guard_map(repaired, retrieved=retrieved, snippet_texts=texts)
            if _critical(critique_map(fixed)) < _critical(critique):
                journey = fixed
                warnings += more
            else:
                warnings.append(
                    "repair round did not reduce critical findings; kept the first draft"
                )
    if not journey.personas:
        journey.personas = offline.personas
    return _ModelDraft(journey, warnings, list(retrieved), cited)


def _critical(critique: Critique) -> int:
    return sum(f.severity.rank == 3 for f in critique.findings)
