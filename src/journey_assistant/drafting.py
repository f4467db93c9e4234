"""Draft a journey map from a brief: offline from the catalogues, or with an LLM.

The offline draft is deterministic: the same brief gives the same map. It takes the stages of
the map type's framework (the industry pack's own stages where it has them), the brief's named
channels as touchpoints, an emotion curve with a low point, pain points each paired with an
opportunity, KPIs and owners per stage, and cites the guide sections it drew on.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from pydantic import Field

from .compose import compose_map, lifecycle_email, stage_from_template
from .config import Settings
from .errors import ModelError
from .knowledge.catalog import (
    Catalog,
    ImprovementPattern,
    IndustryStage,
    PainKindDef,
    get_catalog,
)
from .knowledge.guidance import guide_source
from .models import (
    KPI,
    Critique,
    Emotion,
    JourneyMap,
    MapType,
    PainPoint,
    Provenance,
    Source,
    Stage,
    Touchpoint,
    slugify,
)
from .personas import draft_personas_offline, persona_count
from .understanding import BriefReading, read_brief
from .understanding.content import answers
from .vocab import CHANNEL_LABELS, Channel, PainKind, Phase

if TYPE_CHECKING:  # the offline draft never loads the model layer
    from .llm.base import Provider

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
    reading: BriefReading | None = None  # what was understood from the brief


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


def fitting_pattern(
    pain: str,
    kind: PainKind,
    kinds: dict[PainKind, PainKindDef],
    used: set[str] | None = None,
) -> ImprovementPattern | None:
    """The first improvement pattern that answers the pain (its own kind's first) and is not
    already on the map, or ``None``: a fix that misses its pain, or the same fix pasted into
    another stage, is worse than an open question."""
    ordered = [*kinds[kind].patterns] + [
        p for k, d in kinds.items() if k != kind for p in d.patterns
    ]
    return next(
        (p for p in ordered if p.action not in (used or set()) and answers(pain, p.action)),
        None,
    )


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
        stage = stage_from_template(name, template)
        if phase is not None:
            for kpi in stage.kpis:
                kpi.citations = _cite(sources, "kpis-by-stage.md", f"{phase.value} stage")
        return stage
    if phase is None:  # an email framework stage: one lifecycle message
        return lifecycle_email(name, {"biz": "the business"})
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
    pain = PainPoint(
        id=f"pp-{slug}-1",
        description=definition.pain_point,
        kind=definition.pain_kind.value,
        provenance=INFERRED,
        citations=_cite(sources, "pain-points-and-improvements.md", ""),
    )
    # the catalogue's first fix for the pain's kind, if it speaks to this pain
    pattern = fitting_pattern(pain.description, definition.pain_kind, catalog.improvements)
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
        opportunities=[pattern.opportunity(pain.id)] if pattern else [],
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


def draft_offline(
    brief: str,
    *,
    map_type: MapType | str | None = None,
    catalog: Catalog | None = None,
    reading: BriefReading | None = None,
) -> JourneyMap:
    """The offline engine's map for a brief, composed from its reading. Deterministic."""
    cat = catalog or get_catalog()
    reading = reading or read_brief(brief, map_type=map_type, catalog=cat)
    journey, phases = compose_map(reading, cat)
    sources: dict[str, Source] = {}
    for stage, phase in zip(journey.stages, phases, strict=True):
        for kpi in stage.kpis:
            if kpi.provenance == INFERRED:
                kpi.citations = _cite(sources, "kpis-by-stage.md", f"{phase.value} stage")
        for pain in stage.pain_points:
            if pain.provenance == INFERRED and not pain.citations:
                pain.citations = _cite(sources, "pain-points-and-improvements.md", "")
    _cite(
        sources, "map-types.md", reading.map_type.label.split(" (")[0].replace(" map", "").lower()
    ) or _cite(sources, "stage-frameworks.md", "")
    personas, persona_sources = draft_personas_offline(
        brief, persona_count(reading), reading=reading
    )
    for s in persona_sources:
        sources.setdefault(s.id, s)
    pack = cat.industries.get(reading.industry.pack or "") if reading.industry.used else None
    assumptions = list(reading.assumptions) + [
        "Stages, touchpoints, emotions, pain points and KPIs marked inferred come from "
        f"{'the ' + pack.name.lower() + ' pack' if pack else 'general journey knowledge'}, "
        "not from research: validate them with customers and data.",
        "Personas are proto-personas (assumptions to validate).",
    ]
    named = ", ".join(
        f"{c.text} ({CHANNEL_LABELS[c.channel]})" for c in reading.channels if c.platform
    )
    return journey.model_copy(
        update={
            "personas": personas,
            "sources": [sources[k] for k in sorted(sources)],
            "assumptions": assumptions,
            "notes": [f"Platforms named in the brief: {named}."] if named else [],
        }
    )


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
    reading: BriefReading | None = None,
) -> DraftResult:
    """Draft a map with the configured engine; the critique always runs on the result.

    With an LLM, a failure (timeout, rate limit, bad key, invalid output) returns the offline
    draft with ``fallback_reason`` saying why.
    """
    from .critique import critique_map
    from .llm import get_provider

    settings = settings or Settings.from_env()
    reading = reading or read_brief(brief, map_type=map_type)  # callers that showed it pass it
    offline = draft_offline(brief, reading=reading)
    engine = provider or get_provider(model or settings.model)
    if engine.is_offline:
        return DraftResult(
            map=offline, critique=critique_map(offline), engine="offline", reading=reading
        )
    try:
        made = _draft_with_model(
            reading, offline, engine, retriever or _default_retriever(settings)
        )
    except ModelError as exc:
        return DraftResult(
            map=offline,
            critique=critique_map(offline),
            engine="offline",
            usage=_usage(engine),
            fallback_reason=str(exc),
            fallback_kind=type(exc).__name__,
            reading=reading,
        )
    return DraftResult(
        map=made.map,
        critique=critique_map(made.map),
        engine=engine.name,
        usage=_usage(engine),
        warnings=made.warnings,
        retrieved=made.retrieved,
        cited=made.cited,
        reading=reading,
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
    reading: BriefReading, offline: JourneyMap, engine: Provider, retriever: Retriever
) -> _ModelDraft:
    from langchain_core.messages import AIMessage, HumanMessage, SystemMessage

    from .critique import critique_map
    from .guard import all_citations, guard_map
    from .prompts import fence, render

    snippets = retriever(reading.text, 6)
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
        understood="\n".join(f"- {line}" for line in reading.summary()),
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
    warnings += _without_lacked(journey, reading)
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
            more += _without_lacked(fixed, reading)
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


def _without_lacked(journey: JourneyMap, reading: BriefReading) -> list[str]:
    """A model's touchpoints on a channel the brief says the business does not have ("no
    website") are left out, as the offline draft leaves them out; says what went."""
    lacked = set(reading.lacks)
    gone = [t.name for s in journey.stages for t in s.touchpoints if t.channel in lacked]
    for stage in journey.stages:
        stage.touchpoints = [t for t in stage.touchpoints if t.channel not in lacked]
    if not gone:
        return []
    said = ", ".join(c.value for c in reading.lacks)
    return [f"left out {len(gone)} touchpoint(s) on {said}, which the brief says it does not have"]


def _critical(critique: Critique) -> int:
    return sum(f.severity.rank == 3 for f in critique.findings)
