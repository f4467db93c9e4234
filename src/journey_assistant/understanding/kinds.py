"""What kind of business a brief's name for it says, when the brief says nothing else.

"We're a barber in Kumasi", "our allotment association", "a small sawmill": a CX reader knows
what such a business offers (haircuts, plots, sawn timber), how its customers commit (book,
join, order) and what its main moment is called, though the brief never says. The kinds are
listed in ``knowledge/catalog/business_kinds.yaml``; a name is matched by its last words, so
"family-run barber shop" is a barber shop and "small sawmill" a sawmill. A name the table
does not know still says what kind it is (``kind_of_name``): a group people join ("our
choir"), someone who does the work ("a taxidermist"), a place customers come to. Deterministic
and fast: one dictionary look-up per ending of the name.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Literal

from pydantic import BaseModel, ConfigDict

from ..knowledge.catalog import knowledge_dir
from ..resources import read_yaml
from .reading import BriefReading, BusinessKind, Read
from .shapes import goes_to_customers

Commit = Literal["order", "book", "buy", "join", "hire", "enrol", "visit", "apply", "register"]


class _Kind(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)
    names: list[str]
    kind: Literal["place", "visiting", "group", "office", "supplier"]
    offer: str
    commit: Commit
    moment: str


@cache
def _kinds() -> dict[str, _Kind]:
    data = read_yaml(knowledge_dir() / "catalog" / "business_kinds.yaml")
    table: dict[str, _Kind] = {}
    for item in data["kinds"]:
        kind = _Kind.model_validate(item)
        for name in kind.names:
            table.setdefault(_key(name), kind)
    return table


def _key(name: str) -> str:
    return re.sub(r"[’']", "'", " ".join(name.lower().split()))


# Words before a kind's name that only describe it: "small sawmill", "family-run barber",
# "Leeds bakery"; a noun before it makes another kind ("dog daycare", "Repair Café")
_DESCRIBES = re.compile(
    r"(?:small|little|tiny|local|independent|family|family-run|family-owned|owner-run|busy|"
    r"new|old|award-winning|one-man|one-woman|two-person|mobile|community|village|"
    r"neighbourhood|neighborhood|traditional|artisan|vegan|organic|friendly|cosy|cozy|"
    r"popular|historic|volunteer-run|not-for-profit|nonprofit|non-profit|"
    r"[a-z]+(?:al|ic|ous|ful|ive|ed|ish|ese|ian))",
)


def kind_of(business: Read | None) -> BusinessKind | None:
    """The kind of business a name says ("the small barber shop" -> barber shop): the name
    itself or its ending of two words or more, else one word when all before it only
    describe it; None when no kind is known for it."""
    if business is None:
        return None
    said = re.sub(r"\([^)]*\)", " ", business.text).split()
    words = _key(" ".join(said)).split()
    table = _kinds()
    for size in range(len(words), 0, -1):
        ending = " ".join(words[-size:])
        found = table.get(ending)
        before = said[: len(said) - size]
        described = all(
            _DESCRIBES.fullmatch(w.lower()) or (w[:1].isupper() and not said[-1][:1].isupper())
            for w in before
        )  # "Leeds bakery", not "Repair Café"
        if found is not None and (size > 1 or described):
            return BusinessKind(
                text=ending,
                source=business.source,
                confidence=0.6,
                kind=found.kind,
                offer=found.offer,
                commit=found.commit,
                moment=found.moment,
            )
    return None


# Words for a group people join and take part in, by its last word
_GROUP = re.compile(  # (not a co-op, a team or a network: many serve customers who never join)
    r"\b(?:(?<!supper )(?<!night )(?<!dinner )(?<!comedy )(?<!jazz )(?<!beach )club|choir|"
    r"(?<!housing )association|society|shed|league|chama|sacco|congregation|guild|circle|troop|"
    r"orchestra|ensemble)$",
    re.IGNORECASE,
)


# Names that say nothing of what kind of business it is, or a kind no stage is "at"
_NO_KIND = re.compile(
    r"\b(?:business|company|firm|brand|startup|start-up|agency|consultancy|app|platform|"
    r"software|site|website|marketplace|outfit|operation|enterprise|venture|project)$",
    re.IGNORECASE,
)
# Names of an organisation that is neither a place to come to nor a group all its customers
# join: "community energy co-op", "foster-dog network"
_NOT_A_PLACE = re.compile(
    r"\b(?:co-?op|cooperative|network|team|group|collective|union|trust|foundation|"
    r"partnership|scheme|initiative|programme|program)$",
    re.IGNORECASE,
)
# One who does the work, not a place: "graffiti artist", "taxidermist", "notary"
_PERSON = re.compile(
    r"(?:[^aeiou\s]er|or|ist|ian|man|woman|smith|wright|notary|dj|sweep|guide|operator)$",
    re.IGNORECASE,
)


def kind_of_name(biz: str, reading: BriefReading) -> str:
    """What kind of business a name says, for naming its stages when the brief does not say
    what it offers: a group people join ("choir"), one that goes to its customers, a public
    office, a supplier to firms, else a place customers come to."""
    name = biz.strip()
    if not name or _NO_KIND.search(name):
        return ""  # "a small business", "our app": nothing to name a stage by
    if reading.kind is not None:
        return reading.kind.kind  # a barber's customers come to it, a farrier goes to them
    if _GROUP.search(name):
        return "group"
    if goes_to_customers(reading.text):
        return "visiting"
    sector = {"public": "office", "b2b": "supplier", "nonprofit": "charity"}
    if reading.sector.text in sector:
        return sector[reading.sector.text]
    if _NOT_A_PLACE.search(name):
        return "other"  # a co-op or a network is joined by some and used by others
    return "person" if _PERSON.search(name) else "place"
