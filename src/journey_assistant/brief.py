"""Read a free-text business brief: industry, business model, audience, channels, map type.

Deterministic and dependency-free, so the offline engine and the LLM prompts share one reading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .errors import UserInputError
from .knowledge.catalog import Catalog, IndustryPack, detect_industry, get_catalog
from .models import MapType
from .vocab import NAMED_TOUCHPOINTS, Channel, infer_channel, lookup_map_type

MAX_BRIEF_CHARS = 5000

_TYPE_CUES: list[tuple[str, MapType]] = [
    (  # asked for by name: wins over cues such as "churn" elsewhere in the brief
        r"customer journey map|\bcjm\b|map (the|our|my|a) (whole |full |end[- ]to[- ]end )?"
        r"customer journey",
        MapType.customer_journey,
    ),
    (r"service blueprint|process map|back[- ]office|backstage", MapType.service_blueprint),
    (
        r"\bemail (journey|lifecycle|flows?|sequences?)|lifecycle emails?|email lifecycle",
        MapType.email,
    ),
    (r"customer success|renewals? and expansion|account health", MapType.customer_success),
    (r"\bretention\b|\bchurn\b|win[- ]back|keep (our )?customers", MapType.retention),
    (r"\bconversion\b|\bfunnel\b|drop[- ]off|checkout abandonment", MapType.conversion),
    (r"user journey|\bux\b|usability|one task", MapType.user_journey),
    (r"product experience|in[- ]app|onboarding flow|feature adoption", MapType.product_experience),
    (
        r"omni[- ]?channel|online and (in|at) (\w+ )?(stores?|shops?|branches|showrooms?)|"
        r"click and collect",
        MapType.omnichannel,
    ),
    (
        r"\bb2b\b|enterprise|procurement|buying committee|for (small )?businesses|smes?\b",
        MapType.b2b,
    ),
]
_PEOPLE = (
    r"professionals|families|parents|students|travell?ers|teams|managers|owners|buyers|"
    r"shoppers|patients|donors|drivers|gamers|millennials|seniors|retirees|smes|"
    r"businesses|companies|couples|commuters|freelancers|developers|marketers|renters|"
    r"homeowners|investors|members|guests|customers|users|teenagers|women|men|people|"
    r"clinics|schools|retailers|restaurants|brands|startups|agencies"
)
_AUDIENCE = [
    re.compile(
        rf"\b(?:for|targeting|aimed at|serving|sold to|selling to)\s+((?:[\w'-]+\s+){{0,4}}"
        rf"(?:{_PEOPLE}))\b",
        re.IGNORECASE,
    ),
    re.compile(
        rf"(?:,|;|\bmostly\b|\bmainly\b)\s*((?:[\w'-]+\s+){{0,3}}(?:{_PEOPLE}))\b", re.IGNORECASE
    ),
]


@dataclass
class NamedTouchpoint:
    name: str
    channel: Channel


@dataclass
class BriefReading:
    """What a brief says, and what was assumed where it says nothing."""

    text: str
    industry: IndustryPack | None
    business_model: str
    audience: str | None
    map_type: MapType
    touchpoints: list[NamedTouchpoint] = field(default_factory=list)
    assumptions: list[str] = field(default_factory=list)


def check_brief(brief: str) -> str:
    """The brief, stripped; a clear error if it is empty or too long to be a brief."""
    text = " ".join(brief.split())
    if len(text) < 8:
        raise UserInputError(
            "the brief is empty or too short; describe the business in a "
            "sentence, e.g. 'We sell refurbished laptops online and in 3 shops'."
        )
    if len(text) > MAX_BRIEF_CHARS:
        raise UserInputError(
            f"the brief is {len(text)} characters; keep it under "
            f"{MAX_BRIEF_CHARS} (put background material in company documents "
            "with `journey ingest`)."
        )
    return text


def read_brief(
    brief: str, *, map_type: MapType | str | None = None, catalog: Catalog | None = None
) -> BriefReading:
    """Read a brief deterministically."""
    text = check_brief(brief)
    cat = catalog or get_catalog()
    low = text.lower()
    assumptions: list[str] = []
    found = detect_industry(text, cat)
    industry = found[0] if found else None
    if industry is None:
        assumptions.append(
            "The brief matched no industry pack; the map uses generic stages and touchpoints."
        )
    b2b = bool(re.search(r"\bb2b\b|enterprise|for (small )?businesses|\bsmes?\b|procurement", low))
    business_model = "b2b" if b2b else (industry.business_model if industry else "b2c")
    audience = None
    for pattern in _AUDIENCE:
        match = pattern.search(text)
        if match:
            audience = match.group(1).strip()
            break
    if audience is None:
        audience = industry.audiences[0] if industry else None
        assumptions.append(
            f"The brief names no audience; assumed '{audience or 'general consumers'}'."
        )
    touchpoints: list[NamedTouchpoint] = []
    seen: set[str] = set()
    for regex, name in NAMED_TOUCHPOINTS:
        if re.search(regex, text, re.IGNORECASE) and name.lower() not in seen:
            channel = infer_channel(name)
            if channel is None or name in ("Reviews", "Invoice"):
                continue
            touchpoints.append(NamedTouchpoint(name, channel))
            seen.add(name.lower())
    chosen = _map_type(low, map_type, industry)
    return BriefReading(
        text=text,
        industry=industry,
        business_model=business_model,
        audience=audience,
        map_type=chosen,
        touchpoints=touchpoints,
        assumptions=assumptions,
    )


def _map_type(low: str, forced: MapType | str | None, industry: IndustryPack | None) -> MapType:
    if isinstance(forced, MapType):
        return forced
    if forced:
        found = lookup_map_type(forced)
        if found is None:
            raise UserInputError(
                f"unknown map type {forced!r}; use one of: {', '.join(t.value for t in MapType)}."
            )
        return MapType(found)
    for pattern, map_type in _TYPE_CUES:
        if re.search(pattern, low):
            return map_type
    return industry.default_map_type if industry else MapType.customer_journey
