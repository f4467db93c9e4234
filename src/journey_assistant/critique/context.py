"""What every rule needs to know about a map, computed once: its type, industry and stage phases.

Map type and industry come from the caller when given, else from the map's own content.
Everything here is deterministic and reads only the map and the catalogue.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from ..knowledge.catalog import Catalog, IndustryPack, detect_industry, get_catalog
from ..models import JourneyMap, MapType, Stage
from ..understanding.stages import StagePhase, read_phases
from ..vocab import Channel, Phase, lookup_map_type, normalize_term

ONLINE = {
    Channel.website,
    Channel.mobile_app,
    Channel.email,
    Channel.social,
    Channel.search,
    Channel.paid_ads,
    Channel.chat,
    Channel.review_sites,
    Channel.marketplace,
    Channel.sms,
    Channel.in_product,
    Channel.community,
}
OFFLINE = {
    Channel.physical,
    Channel.phone,
    Channel.events,
    Channel.direct_mail,
    Channel.word_of_mouth,
    Channel.sales,
    Channel.partner,
    Channel.broadcast,
}

_TYPE_WORDS: list[tuple[str, MapType]] = [
    ("service blueprint", MapType.service_blueprint),
    ("process map", MapType.service_blueprint),
    ("blueprint", MapType.service_blueprint),
    ("email journey", MapType.email),
    ("email lifecycle", MapType.email),
    ("lifecycle email", MapType.email),
    ("customer success", MapType.customer_success),
    ("omnichannel", MapType.omnichannel),
    ("omni channel", MapType.omnichannel),
    ("retention journey", MapType.retention),
    ("conversion", MapType.conversion),
    ("product experience", MapType.product_experience),
    ("user journey", MapType.user_journey),
    ("b2b", MapType.b2b),
]


def all_text(journey: JourneyMap) -> str:
    """Every piece of text on the map, for detection."""
    parts: list[str] = [journey.title, *journey.notes, *journey.assumptions]
    parts += [v for v in journey.context.model_dump().values() if v]
    for stage in journey.stages:
        parts += [stage.name, stage.customer_goal or "", *stage.actions, *stage.thoughts]
        parts += [t.name for t in stage.touchpoints]
        parts += [p.description for p in stage.pain_points]
        parts += [o.description for o in stage.opportunities]
    return " ".join(parts)


def detect_map_type(journey: JourneyMap) -> MapType:
    """The map's stated type, or one its content points to when it says 'customer journey'."""
    if journey.map_type != MapType.customer_journey:
        return journey.map_type
    heading = normalize_term(
        " ".join([journey.title, journey.context.scope or "", journey.context.objective or ""])
    )
    for words, map_type in _TYPE_WORDS:
        if re.search(rf"\b{words}\b", heading):
            return map_type
    if any(s.backstage_actions or s.support_processes for s in journey.stages):
        return MapType.service_blueprint
    channels = [t.channel for s in journey.stages for t in s.touchpoints]
    if len(channels) >= 4 and Counter(channels)[Channel.email] / len(channels) >= 0.7:
        return MapType.email
    if (journey.context.business_model or "").lower().startswith("b2b"):
        return MapType.b2b
    return MapType.customer_journey


def industry_by_name(name: str, catalog: Catalog) -> IndustryPack | None:
    """The pack an industry name stands for: its id, its name, a keyword, or a brief."""
    key = normalize_term(name)
    if key.replace(" ", "_") in catalog.industries:
        return catalog.industries[key.replace(" ", "_")]
    for pack in catalog.industries.values():
        if key in (normalize_term(pack.name), *map(normalize_term, pack.keywords)):
            return pack
    found = detect_industry(name, catalog)
    return found[0] if found else None


CONFIDENT_HITS = 3  # keywords a map's text must use for a detected pack to be trusted


def match_industry(
    journey: JourneyMap, catalog: Catalog, override: str | None = None
) -> tuple[IndustryPack | None, bool]:
    """The industry pack, and whether the match is confident enough to lend its content: named
    exactly (by id, name or keyword) by ``override`` or the map's context, or detected from
    at least three of its keywords in the map."""
    for name in (override, journey.context.industry):
        if not name:
            continue
        key = normalize_term(name)
        for pack in catalog.industries.values():
            names = (pack.id, normalize_term(pack.name), *map(normalize_term, pack.keywords))
            if key.replace(" ", "_") == pack.id or key in names:
                return pack, True
        named = industry_by_name(name, catalog)
        if named is not None:
            return named, _hits(journey, catalog, named) >= CONFIDENT_HITS
    found = detect_industry(all_text(journey), catalog)
    if found and found[1] >= 2:
        return found[0], found[1] >= CONFIDENT_HITS
    return None, False


def _hits(journey: JourneyMap, catalog: Catalog, pack: IndustryPack) -> int:
    found = detect_industry(all_text(journey), catalog)
    return found[1] if found and found[0].id == pack.id else 0


@lru_cache(maxsize=4096)
def _foreign_terms(
    text: str, home: str | None, regions: frozenset[str], small: bool
) -> tuple[str, ...]:
    from ..understanding import content

    return (
        *(content.foreign_to_industry(text, home) if home is not None else []),
        *content.foreign_to_region(text, set(regions)),
        *content.foreign_to_size(text, small),
    )


@dataclass
class Context:
    """A map plus what the rules infer about it."""

    journey: JourneyMap
    map_type: MapType
    industry: IndustryPack | None
    catalog: Catalog = field(repr=False)
    confident: bool = True  # the industry pack may lend its content to suggestions
    _foreign: dict[str, list[str]] = field(default_factory=dict, repr=False)

    @classmethod
    def build(
        cls,
        journey: JourneyMap,
        map_type: MapType | str | None = None,
        industry: str | None = None,
        catalog: Catalog | None = None,
    ) -> Context:
        cat = catalog or get_catalog()
        if isinstance(map_type, str):
            found = lookup_map_type(map_type)
            if found is None:
                from ..errors import UserInputError

                raise UserInputError(
                    f"unknown map type {map_type!r}; use one of: "
                    f"{', '.join(t.value for t in MapType)}."
                )
            map_type = MapType(found)
        if industry and industry_by_name(industry, cat) is None:
            from ..errors import UserInputError

            raise UserInputError(
                f"unknown industry {industry!r}; use one of: {', '.join(sorted(cat.industries))}."
            )
        pack, confident = match_industry(journey, cat, industry)
        return cls(
            journey=journey,
            map_type=map_type or detect_map_type(journey),
            industry=pack,
            catalog=cat,
            confident=confident,
        )

    @cached_property
    def readings(self) -> list[StagePhase]:
        """The phase each stage was read as (from its name, content and place), with why."""
        industry = self.industry.id if self.industry else None
        return read_phases(self.journey.stages, industry)

    @cached_property
    def phases(self) -> list[Phase | None]:
        """The phase of each stage, in map order."""
        return [r.phase for r in self.readings]

    @cached_property
    def text(self) -> str:
        """Every piece of text on the map."""
        return all_text(self.journey)

    @cached_property
    def home(self) -> str:
        """What the map says its business is: title, context and the matched pack's names."""
        c = self.journey.context
        parts = [self.journey.title, c.company, c.product, c.industry, c.audience, c.objective]
        if self.industry is not None:
            parts += [self.industry.name, *self.industry.keywords]
        return " ".join(p for p in parts if p)

    @cached_property
    def regions(self) -> set[str]:
        """The region the map's text places it in (empty when it gives no clue)."""
        from ..understanding.brief import region_of

        found = region_of(self.text)
        return {found} if found else set()

    @cached_property
    def small(self) -> bool:
        """True when the map is about small organisations (no enterprise procurement)."""
        from ..understanding.content import small_organisation

        return small_organisation(self.text)

    @cached_property
    def other_kinds(self) -> list[str]:
        """Words of the other kinds of business the matched pack covers (a bakery's map and
        the food pack's coffee words): content naming them does not fit this map."""
        if self.industry is None or not self.industry.kinds:
            return []
        return self.industry.other_kinds_words(self.home_text)

    @cached_property
    def home_text(self) -> str:
        """The map's own words about its business: title, context and stage names."""
        c = self.journey.context
        parts = [self.journey.title, c.company, c.product, c.audience, c.objective]
        return " ".join([*(p for p in parts if p), *(s.name for s in self.journey.stages)])

    def foreign(self, text: str) -> list[str]:
        """Terms in ``text`` foreign to this map's business, region or size."""
        if text not in self._foreign:
            self._foreign[text] = self._find_foreign(text)
        return self._foreign[text]

    def _find_foreign(self, text: str) -> list[str]:
        c = self.journey.context
        said = bool(c.industry or c.product or c.company)  # the map says what business it is
        return list(
            _foreign_terms(text, self.home if said else None, frozenset(self.regions), self.small)
        )

    @property
    def stages(self) -> list[Stage]:
        return self.journey.stages

    @cached_property
    def channels(self) -> set[Channel]:
        return {t.channel for s in self.stages for t in s.touchpoints}

    @cached_property
    def pain_ids(self) -> set[str]:
        return {p.id for s in self.stages for p in s.pain_points}

    def scored(self) -> list[tuple[int, Stage, int]]:
        """(index, stage, overall emotion score) for stages with an emotion."""
        return [(i, s, s.emotion.score) for i, s in enumerate(self.stages) if s.emotion]
