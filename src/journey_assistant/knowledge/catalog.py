"""Domain catalogues from ``knowledge/catalog/``: stage frameworks, industry packs, touchpoints,
emotions, KPIs and improvement patterns, validated on load.

The lookups here (phase of a stage name, framework coverage, industry detection) are pure
functions over the loaded catalogue; the offline engine and the critique rules build on them.
"""

from __future__ import annotations

import re
from functools import cache, cached_property
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from ..errors import JourneyError
from ..models import Level, MapType, Opportunity, Ownership, Provenance
from ..resources import built_once, folder, read_yaml
from ..vocab import Channel, PainKind, Phase, normalize_term

_STRICT = ConfigDict(extra="forbid", defer_build=True)


def knowledge_dir() -> Path:
    """The ``knowledge/`` folder shipped in the package, or ``JOURNEY_KNOWLEDGE_DIR``."""
    return folder("knowledge", "JOURNEY_KNOWLEDGE_DIR")


# --- models ----------------------------------------------------------------------------------


class PhaseDef(BaseModel):
    model_config = _STRICT
    backstage: list[str] = Field(min_length=1)
    support_processes: list[str] = Field(min_length=1)
    pain_point: str
    pain_kind: PainKind
    goal: str
    actions: list[str] = Field(min_length=1)
    label: str
    synonyms: list[str] = Field(min_length=1)


class FrameworkStage(BaseModel):
    model_config = _STRICT
    name: str
    phases: list[Phase] = Field(default=[])
    synonyms: list[str] = Field(default=[])

    @cached_property
    def normalized_synonyms(self) -> list[str]:
        return [normalize_term(s) for s in self.synonyms]

    @model_validator(mode="after")
    def _needs_a_match(self) -> FrameworkStage:
        if not self.phases and not self.synonyms:
            raise ValueError(f"framework stage {self.name!r} has neither phases nor synonyms")
        return self


class Framework(BaseModel):
    model_config = _STRICT
    description: str
    stages: list[FrameworkStage] = Field(min_length=3)


class StageCatalog(BaseModel):
    model_config = _STRICT
    phases: dict[Phase, PhaseDef]
    inside_out_terms: list[str]
    frameworks: dict[MapType, Framework]

    @cached_property
    def normalized_inside_out(self) -> list[tuple[str, str]]:
        """(normalized, original) company-side terms, longest first."""
        terms = sorted(self.inside_out_terms, key=len, reverse=True)
        return [(normalize_term(t), t) for t in terms]

    @model_validator(mode="after")
    def _complete(self) -> StageCatalog:
        missing = set(Phase) - set(self.phases)
        if missing:
            raise ValueError(f"phases missing: {sorted(missing)}")
        missing_types = set(MapType) - set(self.frameworks)
        if missing_types:
            raise ValueError(f"frameworks missing for map types: {sorted(missing_types)}")
        return self


class TouchpointTemplate(BaseModel):
    model_config = _STRICT
    name: str
    channel: Channel
    ownership: Ownership | None = None


class PainTemplate(BaseModel):
    model_config = _STRICT
    id: str
    description: str
    kind: PainKind
    severity: Level


class OpportunityTemplate(BaseModel):
    model_config = _STRICT
    description: str
    addresses: str
    impact: Level
    effort: Level
    owner: str
    kpi: str


class IndustryStage(BaseModel):
    model_config = _STRICT
    name: str
    phase: Phase
    synonyms: list[str] = Field(default=[])
    customer_goal: str
    actions: list[str] = Field(min_length=1)
    thoughts: list[str] = Field(min_length=1)
    emotion: int = Field(ge=1, le=5)
    touchpoints: list[TouchpointTemplate] = Field(min_length=1)
    pain_points: list[PainTemplate] = Field(min_length=1)
    opportunities: list[OpportunityTemplate] = Field(min_length=1)
    kpis: list[str] = Field(min_length=1)
    owners: list[str] = Field(min_length=1)
    moments_of_truth: list[str] = Field(default=[])
    # In a pack covering several kinds of business: content that fits only some of them, by
    # its text (an action, thought, touchpoint name, pain point id, idea, KPI, owner, moment of
    # truth or the goal) -> those kinds. A map for another kind, or for a business whose kind
    # is not clear, leaves it out.
    only: dict[str, list[str]] = Field(default={})

    def texts(self) -> set[str]:
        """Every text of the stage an ``only`` entry can name."""
        return {
            self.customer_goal,
            *self.actions,
            *self.thoughts,
            *(t.name for t in self.touchpoints),
            *(p.id for p in self.pain_points),
            *(o.description for o in self.opportunities),
            *self.kpis,
            *self.owners,
            *self.moments_of_truth,
        }

    def fits(self, text: str, kind: str | None) -> bool:
        """Whether content of this stage suits a business of ``kind`` (``None``: not known)."""
        kinds = self.only.get(text)
        return not kinds or kind in kinds

    @cached_property
    def normalized_names(self) -> set[str]:
        return {normalize_term(t) for t in (self.name, *self.synonyms)}

    @model_validator(mode="after")
    def _pairs(self) -> IndustryStage:
        pain_ids = {p.id for p in self.pain_points}
        for opp in self.opportunities:
            if opp.addresses not in pain_ids:
                raise ValueError(
                    f"stage {self.name!r}: opportunity addresses unknown "
                    f"pain point {opp.addresses!r}"
                )
        unpaired = pain_ids - {o.addresses for o in self.opportunities}
        if unpaired:
            raise ValueError(f"stage {self.name!r}: pain points without opportunity: {unpaired}")
        return self


class PersonaArchetype(BaseModel):
    model_config = _STRICT
    name: str
    role: str
    segment: str
    goals: list[str] = Field(min_length=1)
    needs: list[str] = Field(min_length=1)
    frustrations: list[str] = Field(min_length=1)
    behaviours: list[str] = Field(min_length=1)
    channels: list[Channel] = Field(min_length=1)
    objections: list[str] = Field(min_length=1)
    motivations: list[str] = Field(min_length=1)
    quote: str
    # generic archetypes only: the sectors they fit (b2c, b2b, public, nonprofit); empty: b2c
    sectors: list[str] = Field(default=[])
    # generic archetypes only: the name for the customers a brief names ("The Careful {who}")
    named: str | None = None
    # generic archetypes only: whom of a sector's customers it stands for: supporters (give or
    # volunteer) or served (the people a charity is for); a buying team (an organisation buys)
    # or owner (buys for their own small business or farm)
    stands_for: Literal["supporters", "served", "buying_team", "owner"] | None = None


class IndustryPack(BaseModel):
    model_config = _STRICT
    id: str
    name: str
    keywords: list[str] = Field(min_length=3)
    business_model: str
    default_map_type: MapType
    audiences: list[str] = Field(min_length=1)
    stages: list[IndustryStage] = Field(min_length=4)
    personas: list[PersonaArchetype] = Field(min_length=2)
    # Kinds of business the pack covers (a bakery and a coffee roaster), with their words:
    # a map for one kind leaves out content that names only another kind's words.
    kinds: dict[str, list[str]] = Field(default={})
    # For a kind of business whose journey differs: a pack stage's name in that business's
    # words, or "" to leave the stage out ("Enquire and check the date" is a wedding
    # photographer's step; a dog groomer's customers "Ask about a slot").
    kind_stages: dict[str, dict[str, str]] = Field(default={})

    @model_validator(mode="after")
    def _kind_stages_known(self) -> IndustryPack:
        names = {s.name for s in self.stages}
        for kind, renames in self.kind_stages.items():
            if kind not in self.kinds:
                raise ValueError(f"kind_stages names an unknown kind {kind!r}")
            unknown = sorted(set(renames) - names)
            if unknown:
                raise ValueError(f"kind_stages[{kind!r}] names no stage of the pack: {unknown}")
        for stage in self.stages:
            for text, kinds in stage.only.items():
                if text not in stage.texts():
                    raise ValueError(f"stage {stage.name!r}: 'only' names no content: {text!r}")
                strangers = sorted(set(kinds) - set(self.kinds))
                if strangers or not kinds:
                    raise ValueError(
                        f"stage {stage.name!r}: 'only' for {text!r} needs kinds of the pack "
                        f"({', '.join(self.kinds) or 'the pack has none'}), not {strangers}"
                    )
        return self

    def kind_of(self, text: str) -> str | None:
        """The one kind of business of the pack that ``text`` is about: the only kind whose
        words it uses, or the kind it names at least twice as often as any other (a piano
        teacher's "grade exam" does not make them a tutor)."""
        padded = f" {normalize_term(text)} "
        hits = {
            kind: sum(f" {w} " in padded for w in words)
            for kind, words in self.normalized_kinds.items()
        }
        ranked = sorted((n, kind) for kind, n in hits.items() if n)
        if not ranked:
            return None
        if len(ranked) == 1 or ranked[-1][0] >= 2 * ranked[-2][0]:
            return ranked[-1][1]
        return None

    def stage_name_for(self, stage: str, text: str) -> str | None:
        """A pack stage's name for the one kind of business ``text`` is about: renamed, the
        same, or ``None`` when that kind has no such stage."""
        kind = self.kind_of(text)
        if kind is None or stage not in self.kind_stages.get(kind, {}):
            return stage
        return self.kind_stages[kind][stage] or None

    @cached_property
    def normalized_kinds(self) -> dict[str, list[str]]:
        """The kinds' words, normalized once."""
        return {kind: [normalize_term(w) for w in words] for kind, words in self.kinds.items()}

    def other_kinds_words(self, text: str) -> list[str]:
        """Words of the kinds of business the pack covers that ``text`` is not about (a bakery
        and the food pack's coffee-roaster words), normalized. When the text names no kind,
        none: nothing can be told apart."""
        padded = f" {normalize_term(text)} "
        kinds = self.normalized_kinds
        chosen = {kind for kind, words in kinds.items() if any(f" {w} " in padded for w in words)}
        if not chosen:
            return []
        keep = {w for kind in chosen for w in kinds[kind]}
        return sorted(
            {
                w
                for kind, words in kinds.items()
                if kind not in chosen
                for w in words
                if w not in keep
            }
        )

    @cached_property
    def normalized_keywords(self) -> list[tuple[str, str]]:
        """(normalized, original) for each keyword."""
        return [(normalize_term(k), k) for k in self.keywords]


class EmotionVocab(BaseModel):
    model_config = _STRICT
    typical_score: int = Field(ge=1, le=5)
    positive: list[str] = Field(min_length=1)
    negative: list[str] = Field(min_length=1)
    thoughts: list[str] = Field(min_length=1)


class ImprovementPattern(BaseModel):
    model_config = _STRICT
    action: str
    example: str
    impact: Level
    effort: Level
    owner: str
    kpi: str

    def opportunity(self, addresses: str, **overrides: Any) -> Opportunity:
        """This pattern as an inferred opportunity for pain point ``addresses``."""
        fields: dict[str, Any] = {
            "description": self.action,
            "addresses": addresses,
            "impact": self.impact,
            "effort": self.effort,
            "owner": self.owner,
            "kpi": self.kpi,
            "provenance": Provenance.inferred,
        }
        return Opportunity(**{**fields, **overrides})


class PainKindDef(BaseModel):
    model_config = _STRICT
    label: str
    keywords: list[str] = Field(min_length=1)
    patterns: list[ImprovementPattern] = Field(min_length=1)


class KpiDef(BaseModel):
    model_config = _STRICT
    name: str
    definition: str
    digital: bool = False  # measured in a product people log in to (an app, software)


class PhaseKpis(BaseModel):
    model_config = _STRICT
    kpis: list[KpiDef] = Field(min_length=1)
    owners: list[str] = Field(min_length=1)


class Catalog(BaseModel):
    """Everything in ``knowledge/catalog/``."""

    model_config = _STRICT
    stages: StageCatalog
    industries: dict[str, IndustryPack]
    touchpoints: dict[Phase, list[TouchpointTemplate]]
    emotions: dict[Phase, EmotionVocab]
    improvements: dict[PainKind, PainKindDef]
    kpis: dict[Phase, PhaseKpis]
    personas: list[PersonaArchetype] = Field(min_length=2)


# --- loading ---------------------------------------------------------------------------------


class CatalogError(JourneyError):
    """A catalogue file is missing or invalid (a packaging or editing mistake)."""


def _read_yaml(path: Path) -> Any:
    try:
        return read_yaml(path)
    except FileNotFoundError:
        raise CatalogError(f"{path} is missing; reinstall or restore knowledge/catalog.") from None
    except Exception as exc:
        import yaml  # only to name a parse error: a cached parse never imports the YAML reader

        if isinstance(exc, yaml.YAMLError):
            raise CatalogError(f"{path} is not valid YAML: {exc}") from None
        raise


_FILES = ("stage_frameworks", "touchpoints", "emotions", "improvements", "kpis", "personas")


def load_catalog(root: Path | None = None) -> Catalog:
    """Read and validate every catalogue file; raise :class:`CatalogError` naming the file.

    The validated catalogue is kept (see :func:`~journey_assistant.resources.built_once`), so
    a command validates it only when a file, or the code of its models, has changed.
    """
    folder = (root or knowledge_dir()) / "catalog"
    packs = sorted((folder / "industries").glob("*.yaml"))
    files = [folder / f"{name}.yaml" for name in _FILES]
    if not all(path.is_file() for path in files):
        return _validate(folder, packs)  # names the missing file
    import pydantic.version

    from .. import models, vocab

    code = [Path(__file__), Path(models.__file__ or ""), Path(vocab.__file__ or "")]
    code.append(Path(pydantic.version.__file__))  # its version: how a model is pickled
    return built_once("catalog", [*code, *files, *packs], lambda: _validate(folder, packs))


def _validate(folder: Path, packs: list[Path]) -> Catalog:
    raw: dict[str, Any] = {"stages": _read_yaml(folder / "stage_frameworks.yaml")}
    for name in _FILES[1:]:
        raw[name] = _read_yaml(folder / f"{name}.yaml")
    raw["industries"] = {}
    for path in packs:
        raw["industries"][path.stem] = _read_yaml(path)
    broken = _cut_in_two(raw)
    if broken:
        raise CatalogError(
            f"knowledge/catalog: {broken}: an item is cut in two; quote an item with a comma "
            'inside a [list] ("Complaints (per 1,000 orders)").'
        )
    try:
        return Catalog.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise CatalogError(f"knowledge/catalog: {where}: {first['msg']}") from None


def _cut_in_two(data: Any, where: str = "") -> str | None:
    """Where a text's brackets do not pair up, or a figure is split over two list items, else
    ``None``. In a YAML flow list an unquoted comma ends the item, so "Complaints (per 1,000
    orders)" or "Reports per 100,000 collections" silently becomes two."""
    if isinstance(data, dict):
        items: Any = data.items()
    elif isinstance(data, list):
        items = enumerate(data)
        for n in range(1, len(data)):  # "per 100" then "000 collections": one figure, cut
            before, after = data[n - 1], data[n]
            both = isinstance(before, str) and isinstance(after, str)
            if both and re.search(r"\d$", before) and re.match(r"\d{3}\b", after):
                return f"{where}.{n - 1}: {before!r}, {after!r}"
    else:
        pairs = (("(", ")"), ("[", "]"))
        if isinstance(data, str) and any(data.count(a) != data.count(b) for a, b in pairs):
            return f"{where}: {data!r}"
        return None
    for key, value in items:
        found = _cut_in_two(value, f"{where}.{key}" if where else str(key))
        if found:
            return found
    return None


@cache
def get_catalog() -> Catalog:
    """The catalogue, loaded once per process."""
    return load_catalog()


# --- lookups ---------------------------------------------------------------------------------


def _phase_index(catalog: Catalog) -> dict[str, Phase]:
    """Phase synonyms, then every industry pack's stage names and synonyms (shared terms win)."""
    index: dict[str, Phase] = {}
    for phase, definition in catalog.stages.phases.items():
        for term in definition.synonyms:
            index.setdefault(normalize_term(term), phase)
    for pack in catalog.industries.values():
        for stage in pack.stages:
            for term in (stage.name, *stage.synonyms):
                index.setdefault(normalize_term(term), stage.phase)
    return index


@cache
def _default_index() -> dict[str, Phase]:
    return _phase_index(get_catalog())


def _contains(name: str, term: str) -> bool:
    """Whether a normalized name holds a normalized term as whole words (a plain substring
    test: a regex per term cost a compile per synonym in every new process)."""
    return f" {term} " in f" {name} "


def _last_match(name: str, index: dict[str, Phase]) -> Phase | None:
    """The phase of the synonym that ends last in the name (then the longest).

    "Contract renewal" is about renewal, "Install and sign-up" about signing up.
    """
    best: tuple[int, int] | None = None
    found: Phase | None = None
    padded = f" {name} "
    for term, phase in index.items():
        pos = padded.rfind(f" {term} ")
        if pos < 0:
            continue
        key = (pos + len(term), len(term))
        if best is None or key > best:
            best, found = key, phase
    return found


def phase_of(
    stage_name: str, catalog: Catalog | None = None, industry: str | None = None
) -> Phase | None:
    """The phase a stage name stands for ("Research" -> consideration), or ``None``.

    With ``industry``, that pack's own stage names are tried first (a hotel's "Check-out").
    """
    if catalog is None or catalog is get_catalog():
        return _cached_phase(stage_name, industry)
    return _resolve(stage_name, catalog, _phase_index(catalog), industry)


def exact_phase(stage_name: str, industry: str | None = None) -> Phase | None:
    """The phase of a stage name the catalogue knows as a whole (a pack's stage name or a
    synonym), without guessing from words inside it."""
    catalog = get_catalog()
    name = normalize_term(stage_name)
    pack = catalog.industries.get(industry) if industry else None
    if pack is not None:
        for stage in pack.stages:
            if name in stage.normalized_names:
                return stage.phase
    return _default_index().get(name)


@cache
def _cached_phase(stage_name: str, industry: str | None) -> Phase | None:
    return _resolve(stage_name, get_catalog(), _default_index(), industry)


def _resolve(
    stage_name: str, catalog: Catalog, index: dict[str, Phase], industry: str | None
) -> Phase | None:
    name = normalize_term(stage_name)
    if not name:
        return None
    pack = catalog.industries.get(industry) if industry else None
    if pack is not None:
        for stage in pack.stages:
            if name in stage.normalized_names:
                return stage.phase
    if name in index:
        return index[name]
    return _last_match(name, index)


def stage_matches(
    framework_stage: FrameworkStage,
    stage_name: str,
    catalog: Catalog | None = None,
    industry: str | None = None,
) -> bool:
    """Whether a map stage covers a framework stage (by its own synonyms or its phase)."""
    name = normalize_term(stage_name)
    if any(_contains(name, s) for s in framework_stage.normalized_synonyms):
        return True
    return phase_of(stage_name, catalog, industry) in framework_stage.phases


def missing_framework_stages(
    map_type: MapType,
    stage_names: list[str],
    catalog: Catalog | None = None,
    industry: str | None = None,
    phases: list[Phase | None] | None = None,
) -> list[FrameworkStage]:
    """Framework stages of ``map_type`` that no stage of the map covers, by its name or by
    the phase it was read as (``phases``, one per stage, from its name and content)."""
    cat = catalog or get_catalog()
    framework = cat.stages.frameworks[map_type]
    played = {p for p in phases or [] if p is not None}
    return [
        fs
        for fs in framework.stages
        if not played & set(fs.phases)
        and not any(stage_matches(fs, name, catalog, industry) for name in stage_names)
    ]


def inside_out_term(stage_name: str, catalog: Catalog | None = None) -> str | None:
    """The company-side term a stage name uses ("MQL", "fulfilment"), if any."""
    cat = catalog or get_catalog()
    name = normalize_term(stage_name)
    for normalized, term in cat.stages.normalized_inside_out:
        if _contains(name, normalized):
            return term
    return None


def _phrases(text: str, longest: int = 4) -> set[str]:
    """Every run of 1-4 words in the text, also with a plural last word made singular."""
    words = normalize_term(text).split()
    out: set[str] = set()
    for n in range(1, longest + 1):
        for i in range(len(words) - n + 1):
            phrase = " ".join(words[i : i + n])
            out.add(phrase)
            for suffix in ("es", "s"):
                if phrase.endswith(suffix) and len(words[i + n - 1]) > len(suffix) + 2:
                    out.add(phrase[: -len(suffix)])
    return out


def detect_industry(text: str, catalog: Catalog | None = None) -> tuple[IndustryPack, int] | None:
    """The industry pack whose keywords appear most in ``text`` (ties: most specific), or None."""
    cat = catalog or get_catalog()
    phrases = _phrases(text)
    best: tuple[int, int, str] | None = None
    for pack in cat.industries.values():
        found = [norm for norm, _ in pack.normalized_keywords if norm in phrases]
        # "insurance" inside a found "insurance claim" is the same mention: count it once
        hits = [k for k in found if not any(k != o and f" {k} " in f" {o} " for o in found)]
        if hits:
            score = (len(hits), sum(len(k) for k in hits), pack.id)
            if best is None or score[:2] > best[:2]:
                best = score
    if best is None:
        return None
    return cat.industries[best[2]], best[0]
