"""Domain models: journey maps, personas and critiques.

Every model forbids unknown keys and describes every field: the descriptions are the schema a
language model sees. Every element a user might question (touchpoint, emotion, pain point,
opportunity, KPI, persona attribute) records its provenance and citations.

Empty lists and dicts are plain defaults (``default=[]``): pydantic copies them for each
instance, and a ``default_factory=list`` would cost an ``inspect.signature`` of a builtin per
field when the class is built (about 0.3 ms each, 20 ms a command).
"""

from __future__ import annotations

import re
from datetime import datetime
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from .safe import SAFE_ID
from .vocab import EMOTION_LABELS, Channel, Phase, infer_channel

__all__ = [
    "KPI",
    "BusinessContext",
    "Category",
    "Channel",
    "Critique",
    "Emotion",
    "EvidenceLevel",
    "Finding",
    "Improvement",
    "JourneyMap",
    "Level",
    "MapState",
    "MapType",
    "MissingTouchpoint",
    "Opportunity",
    "Origin",
    "Ownership",
    "PainPoint",
    "Persona",
    "PersonaItem",
    "Provenance",
    "Severity",
    "Source",
    "Stage",
    "Touchpoint",
    "slugify",
]


class Provenance(StrEnum):
    """Where an element came from."""

    user = "user"
    evidence = "evidence"
    inferred = "inferred"


class MapType(StrEnum):
    """The kinds of map the assistant knows, each with its own stages and checks."""

    customer_journey = "customer_journey"
    omnichannel = "omnichannel"
    customer_success = "customer_success"
    retention = "retention"
    conversion = "conversion"
    email = "email"
    product_experience = "product_experience"
    service_blueprint = "service_blueprint"
    b2b = "b2b"
    user_journey = "user_journey"

    @property
    def label(self) -> str:
        return MAP_TYPE_LABELS[self]


MAP_TYPE_LABELS: dict[MapType, str] = {
    MapType.customer_journey: "Customer journey map",
    MapType.omnichannel: "Omnichannel journey",
    MapType.customer_success: "Customer success journey",
    MapType.retention: "Retention journey",
    MapType.conversion: "Conversion-focused journey",
    MapType.email: "Email journey",
    MapType.product_experience: "Product experience map",
    MapType.service_blueprint: "Customer experience process map (service blueprint)",
    MapType.b2b: "B2B client journey",
    MapType.user_journey: "User journey",
}


class MapState(StrEnum):
    """Whether a map describes today's experience or the one we want."""

    current = "current"
    future = "future"


class Level(StrEnum):
    """A three-step scale for severity, impact and effort."""

    low = "low"
    medium = "medium"
    high = "high"


class Ownership(StrEnum):
    """Who controls a touchpoint's channel."""

    owned = "owned"
    paid = "paid"
    earned = "earned"


class EvidenceLevel(StrEnum):
    """How well a persona is backed by research."""

    assumption = "assumption"
    researched = "researched"


class Severity(StrEnum):
    """How much a finding matters, most severe first."""

    critical = "critical"
    major = "major"
    minor = "minor"
    info = "info"

    @property
    def rank(self) -> int:
        return ["info", "minor", "major", "critical"].index(self.value)


class Category(StrEnum):
    """What aspect of a map a finding concerns."""

    coverage = "coverage"
    structure = "structure"
    emotion = "emotion"
    evidence = "evidence"
    measurement = "measurement"
    omnichannel = "omnichannel"
    actionability = "actionability"
    persona = "persona"
    type_specific = "type-specific"
    specificity = "specificity"
    fit = "fit"


class Origin(StrEnum):
    """Who produced a finding."""

    rule = "rule"
    llm = "llm"


_MODEL_CONFIG = ConfigDict(
    extra="forbid", use_enum_values=False, validate_assignment=True, defer_build=True
)


def slugify(text: str, *, fallback: str = "item") -> str:
    """Lower-case, hyphenated id from text ("Buy & Pay" -> "buy-pay")."""
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return slug[:60].strip("-") or fallback


class Sourced(BaseModel):
    """Base for elements that carry provenance and citations."""

    model_config = _MODEL_CONFIG

    provenance: Provenance = Field(
        default=Provenance.user,
        description="Where this element came from: 'user' (stated by the user or their file), "
        "'evidence' (backed by a cited document snippet) or 'inferred' (added by the assistant "
        "from general knowledge).",
    )
    citations: list[str] = Field(
        default=[],
        description="Ids of the sources (see JourneyMap.sources) that back this element.",
    )


class Source(BaseModel):
    """A document snippet or guide section that elements of the map cite."""

    model_config = _MODEL_CONFIG

    id: str = Field(description="Stable id of the snippet, used in citations.")
    title: str = Field(default="", description="Title of the document or guide.")
    location: str = Field(
        default="", description="File name, path or guide section the snippet comes from."
    )
    excerpt: str = Field(default="", description="The cited text, short.")
    kind: str = Field(
        default="document",
        description="'guide' for built-in guidance, 'document' for company documents, "
        "'user' for the user's own input.",
    )


class Touchpoint(Sourced):
    """A point where the customer meets the brand, on one channel."""

    name: str = Field(
        min_length=1, description="What the customer meets, e.g. 'Booking.com listing'."
    )
    channel: Channel = Field(
        default=Channel.other, description="Channel from the closed vocabulary."
    )
    ownership: Ownership | None = Field(
        default=None, description="Owned, paid or earned; empty when unknown."
    )
    owner: str | None = Field(default=None, description="Team responsible for this touchpoint.")
    description: str | None = Field(default=None, description="One-line detail, optional.")

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, data: Any) -> Any:
        if isinstance(data, str):
            return {"name": data, "channel": infer_channel(data) or Channel.other}
        return data


class Emotion(Sourced):
    """How the customer feels at a stage, on the 1-5 scale Mermaid journey diagrams use."""

    score: int = Field(ge=1, le=5, description="1 = very negative, 3 = neutral, 5 = very positive.")
    label: str | None = Field(
        default=None, description="The feeling in words, e.g. 'anxious' or 'relieved'."
    )
    persona: str | None = Field(
        default=None,
        description="Persona this emotion belongs to; empty for the stage's overall emotion.",
    )

    @model_validator(mode="before")
    @classmethod
    def _from_number(cls, data: Any) -> Any:
        if isinstance(data, int) and not isinstance(data, bool):
            return {"score": data}
        return data

    @property
    def display_label(self) -> str:
        return self.label or EMOTION_LABELS[self.score]


class PainPoint(Sourced):
    """Something that hurts the customer at a stage."""

    id: str = Field(default="", description="Stable id, e.g. 'pp-checkout-1'; filled in if empty.")
    description: str = Field(min_length=1, description="The problem in the customer's terms.")
    severity: Level = Field(default=Level.medium, description="How much it hurts.")
    touchpoint: str | None = Field(
        default=None, description="Name of the touchpoint where it happens, if one."
    )
    persona: str | None = Field(
        default=None, description="Persona it affects; empty when it affects everyone."
    )
    kind: str | None = Field(
        default=None,
        description="Pain-point kind, e.g. information_gap, friction, waiting, price_surprise, "
        "trust, handoff, personalisation, accessibility, communication, reliability.",
    )


class Opportunity(Sourced):
    """An improvement, ideally tied to a pain point, with an owner and a KPI to move."""

    id: str = Field(default="", description="Stable id, e.g. 'op-checkout-1'; filled in if empty.")
    description: str = Field(min_length=1, description="The change to make: a verb and an object.")
    addresses: str | None = Field(
        default=None, description="Id of the pain point this opportunity addresses."
    )
    impact: Level | None = Field(default=None, description="Expected impact on the customer.")
    effort: Level | None = Field(default=None, description="Effort to deliver.")
    owner: str | None = Field(default=None, description="Team that owns the change.")
    kpi: str | None = Field(default=None, description="KPI the change should move.")


class KPI(Sourced):
    """A metric that tells how a stage performs."""

    name: str = Field(min_length=1, description="Metric name, e.g. 'Cart abandonment rate'.")
    target: str | None = Field(default=None, description="Target value, e.g. '< 60%'.")
    current: str | None = Field(default=None, description="Current value, if known.")

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, data: Any) -> Any:
        return {"name": data} if isinstance(data, str) else data


class PersonaItem(Sourced):
    """One attribute of a persona (a goal, a need, a frustration...)."""

    text: str = Field(min_length=1, description="The attribute in one sentence.")

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, data: Any) -> Any:
        return {"text": data} if isinstance(data, str) else data


class Persona(BaseModel):
    """An archetypal customer, defined by goals and behaviour rather than demographics."""

    model_config = _MODEL_CONFIG

    id: str = Field(default="", description="Stable id; filled in from the name if empty.")
    name: str = Field(min_length=1, description="Memorable name, e.g. 'Budget-conscious Bea'.")
    role: str | None = Field(default=None, description="Role or situation, e.g. 'IT manager'.")
    segment: str | None = Field(default=None, description="Market segment this persona stands for.")
    demographics: str | None = Field(
        default=None, description="Short demographic context; never the whole persona."
    )
    goals: list[PersonaItem] = Field(default=[], description="What they want to achieve.")
    needs: list[PersonaItem] = Field(default=[], description="What they need from us.")
    frustrations: list[PersonaItem] = Field(default=[], description="What annoys or blocks them.")
    behaviours: list[PersonaItem] = Field(default=[], description="How they research, buy and use.")
    motivations: list[PersonaItem] = Field(default=[], description="Why they act.")
    objections: list[PersonaItem] = Field(default=[], description="What stops them from buying.")
    preferred_channels: list[Channel] = Field(
        default=[], description="Channels they prefer, from the channel vocabulary."
    )
    quote: str | None = Field(default=None, description="A line in their own voice.")
    evidence_level: EvidenceLevel = Field(
        default=EvidenceLevel.assumption,
        description="'assumption' (a proto-persona to validate) or 'researched'.",
    )
    assumptions_to_validate: list[str] = Field(
        default=[], description="Statements about this persona that need research."
    )
    validation_research: list[str] = Field(
        default=[], description="Research that would confirm or refute the assumptions."
    )
    provenance: Provenance = Field(
        default=Provenance.user, description="Where the persona as a whole came from."
    )
    citations: list[str] = Field(default=[], description="Source ids backing the persona.")

    @field_validator("preferred_channels", mode="before")
    @classmethod
    def _channels(cls, value: Any) -> Any:
        if not isinstance(value, list):
            return value
        known = Channel._value2member_map_
        return [
            (infer_channel(v) or Channel.other) if isinstance(v, str) and v not in known else v
            for v in value
        ]

    @model_validator(mode="after")
    def _fill_id(self) -> Persona:
        if not self.id:
            object.__setattr__(self, "id", slugify(self.name, fallback="persona"))
        return self


class Stage(BaseModel):
    """One phase of the journey, as the customer experiences it."""

    model_config = _MODEL_CONFIG

    name: str = Field(
        min_length=1, description="Stage name from the customer's side, e.g. 'Compare'."
    )
    phase: Phase | None = Field(
        default=None,
        description="The journey phase this stage plays (awareness, consideration, purchase, "
        "onboarding, usage, support, retention or advocacy), when known; otherwise it is read "
        "from the stage's name and content.",
    )
    customer_goal: str | None = Field(default=None, description="What the customer wants here.")
    actions: list[str] = Field(default=[], description="What the customer does.")
    touchpoints: list[Touchpoint] = Field(default=[], description="Where they meet us.")
    thoughts: list[str] = Field(
        default=[], description="What they think, ideally in their own words."
    )
    emotion: Emotion | None = Field(default=None, description="Overall emotion at this stage.")
    persona_emotions: list[Emotion] = Field(
        default=[],
        description="Emotion per persona (each with 'persona' set), to compare personas.",
    )
    pain_points: list[PainPoint] = Field(default=[], description="What hurts here.")
    opportunities: list[Opportunity] = Field(default=[], description="What to improve.")
    kpis: list[KPI] = Field(default=[], description="Metrics for this stage.")
    owners: list[str] = Field(default=[], description="Teams responsible for the stage.")
    moments_of_truth: list[str] = Field(
        default=[], description="Moments that decide whether the customer stays."
    )
    backstage_actions: list[str] = Field(
        default=[], description="Process maps: what staff do out of the customer's sight."
    )
    support_processes: list[str] = Field(
        default=[], description="Process maps: systems and processes that support it."
    )
    notes: list[str] = Field(default=[], description="Anything else about the stage.")

    def emotion_for(self, persona: str | None) -> Emotion | None:
        """The stage's emotion for one persona, or the overall one."""
        if persona is None:
            return self.emotion
        for emotion in self.persona_emotions:
            if emotion.persona == persona:
                return emotion
        return None


class BusinessContext(BaseModel):
    """The business the map is about."""

    model_config = _MODEL_CONFIG

    company: str | None = Field(default=None, description="Company or brand name.")
    product: str | None = Field(default=None, description="Product or service mapped.")
    industry: str | None = Field(default=None, description="Industry, e.g. 'hospitality'.")
    business_model: str | None = Field(default=None, description="B2C, B2B, marketplace...")
    audience: str | None = Field(default=None, description="Who the customers are.")
    objective: str | None = Field(default=None, description="What the map should help decide.")
    scope: str | None = Field(default=None, description="Where the journey starts and ends.")


CONTEXT_FIELDS: tuple[str, ...] = tuple(BusinessContext.model_fields)


class JourneyMap(BaseModel):
    """A customer journey map: ordered stages with lanes, for one or more personas."""

    model_config = _MODEL_CONFIG

    id: str = Field(
        default="",
        description="Stable id (lower-case letters, digits, hyphens); filled in from the title "
        "if empty.",
    )
    title: str = Field(min_length=1, description="Title of the map.")
    map_type: MapType = Field(default=MapType.customer_journey, description="Kind of map.")
    state: MapState = Field(default=MapState.current, description="Current or future state.")
    context: BusinessContext = Field(
        default_factory=BusinessContext, description="The business the map is about."
    )
    personas: list[Persona] = Field(default=[], description="Personas on this map.")
    stages: list[Stage] = Field(default=[], description="Stages in customer order.")
    sources: list[Source] = Field(default=[], description="Snippets cited by elements of the map.")
    assumptions: list[str] = Field(
        default=[], description="What the map assumes and should be checked."
    )
    notes: list[str] = Field(
        default=[], description="Other information, e.g. fields an importer kept."
    )
    version: int = Field(default=1, ge=1, description="Version number, 1 for the first.")
    parent_id: str | None = Field(
        default=None, description="Id of the version this one was derived from."
    )
    created_at: datetime | None = Field(default=None, description="When the map was created.")
    updated_at: datetime | None = Field(default=None, description="When it last changed.")

    @model_validator(mode="after")
    def _fill_ids(self) -> JourneyMap:
        if not self.id:
            object.__setattr__(self, "id", slugify(self.title, fallback="journey-map"))
        elif not SAFE_ID.match(self.id):  # ids name files and rows: only a safe slug passes
            safe = slugify(self.id, fallback="") or slugify(self.title, fallback="journey-map")
            object.__setattr__(
                self,
                "notes",
                [
                    *self.notes,
                    f"The map id {self.id[:80]!r} was not a safe name; it is now {safe!r}.",
                ],
            )
            object.__setattr__(self, "id", safe)
        seen: set[str] = set()
        for stage in self.stages:
            slug = slugify(stage.name, fallback="stage")
            items: list[PainPoint | Opportunity] = [*stage.pain_points, *stage.opportunities]
            counters = {"pp": 0, "op": 0}
            renamed: dict[str, str] = {}  # a pain point's clashing id -> its new one
            for item in items:
                prefix = "pp" if isinstance(item, PainPoint) else "op"
                counters[prefix] += 1
                if not item.id or item.id in seen:
                    k = counters[prefix]
                    candidate = f"{prefix}-{slug}-{k}"
                    while candidate in seen:
                        k += 1
                        candidate = f"{prefix}-{slug}-{k}"
                    if item.id and prefix == "pp":
                        renamed[item.id] = candidate
                    object.__setattr__(item, "id", candidate)
                seen.add(item.id)
            for opp in stage.opportunities:  # the stage's own pain point was meant
                if opp.addresses in renamed:
                    object.__setattr__(opp, "addresses", renamed[opp.addresses])
        return self

    def stage(self, name: str) -> Stage | None:
        """The stage with this name (case-insensitive), if any."""
        wanted = name.strip().lower()
        return next((s for s in self.stages if s.name.strip().lower() == wanted), None)

    def persona_names(self) -> list[str]:
        """Names of personas on the map, including ones only named in per-persona emotions."""
        names = [p.name for p in self.personas]
        for stage in self.stages:
            for emotion in stage.persona_emotions:
                if emotion.persona and emotion.persona not in names:
                    names.append(emotion.persona)
        return names

    def pain_point(self, pain_id: str) -> PainPoint | None:
        """The pain point with this id, anywhere on the map."""
        for stage in self.stages:
            for pain in stage.pain_points:
                if pain.id == pain_id:
                    return pain
        return None


class Finding(BaseModel):
    """One problem the critique found, like a linter message."""

    model_config = _MODEL_CONFIG

    rule_id: str = Field(description="Stable rule id, e.g. 'JA101'.")
    severity: Severity = Field(description="critical, major, minor or info.")
    category: Category = Field(description="Aspect of the map the finding concerns.")
    stage: str | None = Field(default=None, description="Stage the finding points at, if one.")
    touchpoint: str | None = Field(default=None, description="Touchpoint it points at, if one.")
    message: str = Field(description="What is wrong, in one sentence.")
    rationale: str | None = Field(default=None, description="Why it matters, in one sentence.")
    suggestion: str | None = Field(default=None, description="What to do about it.")
    citations: list[str] = Field(default=[], description="Guidance backing the finding.")
    origin: Origin = Field(default=Origin.rule, description="'rule' or 'llm'.")


class MissingTouchpoint(BaseModel):
    """A touchpoint the industry and stage normally have but the map lacks."""

    model_config = _MODEL_CONFIG

    stage: str = Field(description="Stage of the map where it belongs.")
    name: str = Field(description="The touchpoint.")
    channel: Channel = Field(description="Its channel.")


class Improvement(BaseModel):
    """A concrete change, ranked by impact over effort."""

    model_config = _MODEL_CONFIG

    action: str = Field(description="What to add or change, concretely.")
    stage: str | None = Field(default=None, description="Stage it applies to, if one.")
    impact: Level = Field(description="Expected impact.")
    effort: Level = Field(description="Expected effort.")
    priority: float = Field(description="Ranking score; higher first.")
    rule_ids: list[str] = Field(default=[], description="Findings it resolves.")


class StageReading(BaseModel):
    """The phase the critique read a stage as, and why, so a user can check and override it
    (set the stage's ``phase``)."""

    model_config = _MODEL_CONFIG

    stage: str = Field(description="The stage's name.")
    phase: Phase | None = Field(default=None, description="The phase it was read as.")
    why: str = Field(description="The words (or the place) that decided it.")


class Critique(BaseModel):
    """The result of critiquing a map."""

    model_config = _MODEL_CONFIG

    score: int = Field(ge=0, le=100, description="Overall quality, 0-100.")
    subscores: dict[Category, int] = Field(default={}, description="Score 0-100 per category.")
    map_type: MapType = Field(description="Map type the critique assumed.")
    industry: str | None = Field(default=None, description="Industry the critique assumed.")
    findings: list[Finding] = Field(default=[], description="Problems found.")
    missing_stages: list[str] = Field(
        default=[], description="Framework stages absent, by canonical name."
    )
    missing_touchpoints: list[MissingTouchpoint] = Field(
        default=[], description="Expected touchpoints absent, by stage."
    )
    improvements: list[Improvement] = Field(
        default=[], description="Changes ranked by impact and effort."
    )
    stages: list[StageReading] = Field(
        default=[], description="The phase each stage was read as, and why."
    )
