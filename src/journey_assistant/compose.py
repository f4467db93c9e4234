"""Compose a journey map from a :class:`BriefReading` (the offline engine's drafting).

The map is about the business the brief describes:

* **Stages** come from the steps the brief narrates; otherwise from the map type's framework,
  named in the business's own words ("Pre-order a celebration cake", not "Purchase"). A one-off
  statutory or free service gets no loyalty or advocacy stage it does not have.
* An **industry pack** lends its content only when the match is confident; otherwise generic
  stage content is phrased with the business's nouns (``knowledge/catalog/phrasing.yaml``).
* The brief's **steps** become actions, its **named channels and platforms** touchpoints under
  their own names, its **problems** user pain points in the stage where they happen, each with
  an opportunity that answers it, and its **goal** the map's objective and a KPI carrying the
  baseline and target. Channels the business does not have are not invented.

Everything the brief said is marked ``user``; everything added is ``inferred``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from .knowledge.catalog import Catalog, IndustryPack, IndustryStage, knowledge_dir
from .models import (
    KPI,
    BusinessContext,
    Emotion,
    JourneyMap,
    Level,
    MapType,
    Opportunity,
    PainPoint,
    Provenance,
    Stage,
    Touchpoint,
    slugify,
)
from .resources import read_yaml
from .understanding.brief import (
    BAD_REVIEWS,
    CAUSE_SAID,
    OF_THEM,
    PLAIN_BUSINESS,
    REASONS_ARE,
    base_form,
    gerund,
    names_a_business,
    opens_with_a_step_verb,
    problem_phase_cue,
    sentences,
    speaks_of,
    without_intro,
)
from .understanding.content import (
    akin,
    answers,
    base_verb,
    broken_phrase,
    content_words,
    generic_stems,
    mentions,
    singular,
    stem,
)
from .understanding.content import (
    words as words_of,
)
from .understanding.customers import plural_kind
from .understanding.kinds import kind_of_name
from .understanding.lexicon import lexicon
from .understanding.moments import Moment, moment_of, stands_for
from .understanding.reading import BriefReading, Goal, Problem, Step
from .understanding.remedies import Remedy, problem_remedy, remedies
from .understanding.shapes import (
    fetched_back,
    goes_to_customers,
    handed_over,
    unit_of,
    work_done,
)
from .vocab import Channel, PainKind, Phase

USER, INFERRED = Provenance.user, Provenance.inferred
ORDER = list(Phase)
MAX_NAME_WORDS = 6
# How big or how run a business is, which says nothing of what it does: left out of its name
# before a word of what it does would be ("a small pool care business": the pool care business)
_SIZE_WORDS = frozenset({"small", "little", "tiny", "family", "local", "independent", "busy"})

# Channels a business is met on without running them (people search, talk and review): they
# may be inferred whatever the brief says.
_MET_ANYWAY = {Channel.word_of_mouth, Channel.search, Channel.review_sites}
# Channels nearly every business has: inferred only when the brief names none it runs. A
# brief that says "they book by WhatsApp or ring me" has told us how people reach it.
_UNIVERSAL = {Channel.website, Channel.email}
# An order taken online sends its confirmation by email.
_ORDERS_ONLINE = {Channel.website, Channel.mobile_app, Channel.marketplace}
# A business seen online, whose customers may be pointed to its reviews.
_ONLINE = _ORDERS_ONLINE | {Channel.social, Channel.search, Channel.review_sites}
# Where a channel is typically met when the brief does not say.
_CHANNEL_PHASE: dict[Channel, Phase] = {
    Channel.social: Phase.awareness,
    Channel.search: Phase.awareness,
    Channel.paid_ads: Phase.awareness,
    Channel.word_of_mouth: Phase.awareness,
    Channel.broadcast: Phase.awareness,
    Channel.community: Phase.awareness,
    Channel.events: Phase.awareness,
    Channel.direct_mail: Phase.awareness,
    Channel.review_sites: Phase.consideration,
    Channel.marketplace: Phase.consideration,
    Channel.partner: Phase.consideration,
    Channel.sales: Phase.consideration,
    Channel.website: Phase.purchase,
    Channel.phone: Phase.purchase,
    Channel.chat: Phase.consideration,
    Channel.other: Phase.purchase,
    Channel.physical: Phase.onboarding,
    Channel.email: Phase.onboarding,
    Channel.sms: Phase.onboarding,
    Channel.mobile_app: Phase.usage,
    Channel.in_product: Phase.usage,
}


# --- the phrasing catalogue ------------------------------------------------------------------


class _Pain(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)
    text: str
    kind: PainKind
    severity: Level


class _Fix(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)
    text: str
    impact: Level
    effort: Level
    owner: str
    kpi: str


class _GenericStage(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)
    goal: str
    actions: list[str]
    thoughts: list[str]
    emotion: int = Field(ge=1, le=5)
    pain: _Pain
    fix: _Fix
    kpis: list[str]
    owners: list[str]


class _UnpaidStage(BaseModel):
    """A phase's pain and fix where nothing is paid, for a stock pair that spoke of paying."""

    model_config = ConfigDict(extra="forbid", defer_build=True)
    pain: _Pain
    fix: _Fix


class _Name(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)
    name: str
    when: str | None = None


class _ProblemFix(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)
    id: str  # the family's name, which evaluation labels use (evals/devsets/fixes)
    cues: list[str] = []
    # or a pattern whose group `x` is the problem's own words the fix reuses ("only 8% of
    # groups return" -> "Make it easy to return: ...")
    pattern: str | None = None
    plain_verb: bool = False  # {x} starts with a verb, put in its plain form ("returns")
    kind: PainKind
    fix: str
    free_fix: str | None = None  # the fix for a free service, where the usual one charges
    kpi: str
    owner: str
    phase: Phase | None = None
    counts: bool = False  # its pattern only counts how many do something ("only 1 in 5 …")
    # a cause behind the complaint ("the renewal letter goes to a manager who has left the
    # company"): named anywhere, it wins over a family the symptom's words name ("renewal")
    root: bool = False


class _SectorStage(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)
    goal: str | None = None
    actions: list[str] | None = None
    thoughts: list[str] | None = None
    pain: _Pain | None = None
    fix: _Fix | None = None
    kpis: list[str] | None = None


class _Touch(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)
    channel: Channel
    name: str


class Phrasing(BaseModel):
    """``knowledge/catalog/phrasing.yaml``: generic stage content with the business's nouns."""

    model_config = ConfigDict(extra="forbid", defer_build=True)
    stages: dict[Phase, _GenericStage]
    touchpoints: dict[Phase, list[_Touch]]
    names: dict[Phase, list[_Name]]
    conversion: dict[str, str]
    fixes: list[_ProblemFix]
    unpaid: dict[Phase, _UnpaidStage] = {}
    # what a sector's customers think and do at a phase, in place of the general lines (a firm
    # buying for itself does not ask "Is there anyone near me who does X?")
    sectors: dict[str, dict[Phase, _SectorStage]] = {}
    # a business that says what it is but not what it offers ("a barber", "our village hall"):
    # a name that would say "the service" says the business instead, by the kind of business
    unnamed: dict[str, dict[str, str]] = {}
    unnamed_conversion: dict[str, str] = {}
    # what such a stage holds, by the name's template or the conversion's key ("kind_buy"):
    # arriving at a place people walk into, paying at its till
    unnamed_stages: dict[str, _ShapeStage] = {}


@cache
def phrasing() -> Phrasing:
    return Phrasing.model_validate(read_yaml(knowledge_dir() / "catalog" / "phrasing.yaml"))


class _ShapeStage(BaseModel):
    """A stage of a journey shape; what it leaves out comes from the phase's generic content."""

    model_config = ConfigDict(extra="forbid", defer_build=True)
    phase: Phase
    name: str
    when: str | list[str] | None = None
    unless: str | list[str] | None = None
    said: list[str] | None = None  # kept only for a brief that says one of these words
    unsaid: list[str] | None = None  # kept only for a brief that says none of them
    # not renamed for the brief's conversion: an inspection is booked first, whatever quote
    # is accepted after its report
    keeps_name: bool = False
    # told steps this stage stands for, by their opening words ("pick up", "claim"): such a
    # step names this stage rather than the phase's first
    steps: list[str] | None = None
    goal: str | None = None
    actions: list[str] | None = None
    thoughts: list[str] | None = None
    emotion: int | None = Field(default=None, ge=1, le=5)
    touchpoints: list[_Touch] | None = None
    pain: _Pain | None = None
    fix: _Fix | None = None
    kpis: list[str] | None = None
    owners: list[str] | None = None


class _Shape(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)
    label: str
    # what a customer of this shape of journey wants most, for a persona's first goal
    persona_goal: str | None = None
    stages: list[_ShapeStage]


@cache
def shapes() -> dict[str, _Shape]:
    """``knowledge/catalog/shapes.yaml``: the stages of each journey shape."""
    data = read_yaml(knowledge_dir() / "catalog" / "shapes.yaml")["shapes"]
    return {name: _Shape.model_validate(spec) for name, spec in data.items()}


# --- the business's nouns --------------------------------------------------------------------

_NOMINAL = {
    "order": "orders",
    "pre-order": "pre-orders",
    "preorder": "pre-orders",
    "book": "bookings",
    "apply": "applications",
    "sign": "sign-ups",
    "join": "sign-ups",
    "register": "registrations",
    "pay": "payments",
    "subscribe": "subscriptions",
    "enrol": "enrolments",
    "enroll": "enrolments",
    "hire": "bookings",
    "buy": "purchases",
    "purchase": "purchases",
    "donate": "donations",
    "reserve": "reservations",
    "tender": "tender bids",
    "bid": "bids",
    "request": "requests",
    "accept": "accepted quotes",
    "commission": "commissions",
    "adopt": "adoptions",
    "renew": "renewals",
    "rent": "rentals",
    "lease": "leases",
    "win": "wins",
    "place": "orders",
}


def _head(text: str, words: int = 3) -> str:
    parts = [w for w in re.split(r"\s+", text.strip()) if w]
    return " ".join(parts[-words:])


_JOINING = ("and", "or", "&", "of", "for", "with", "to", "in")


# A four-word name that is one name, not a list or a phrase: "surf life saving club", not
# "saving club"
_ONE_NAME = re.compile(
    r"(?!.*\b(?:and|or|of|for|with|to|in|at|on|by|from)\b)(?:[\w'’-]+\s+){3}"
    r"(?:club|association|society|trust|choir|co-?op|cooperative|league|union|shed)",
    re.IGNORECASE,
)


def _short_noun(text: str) -> str:
    """A business or an offer in two words, its last ones ("hand-carved wooden chess sets"
    -> "chess sets"), or the first of a list when the last two would start with a joining
    word ("lab equipment and consumables" -> "lab equipment", not "and consumables")."""
    text = re.sub(  # "shepherd's huts by hand": how they are made is no name
        r"\s+(?:by hand|to order|from scratch|in[- ]house|on site|online|locally)$", "", text
    )
    # "pet relocation out of the UAE": where from is no name either
    text = re.split(r"\s+(?:out of|from|across|around|near|throughout)\s+", text)[0]
    head = _head(text, 2)
    if head and head.split()[0].lower() in _JOINING:
        first = re.split(r"\s(?:and|or|&|of|for|with|to|in)\s", text)[0]
        head = first if len(first.split()) <= 3 else _head(first, 2)
    return head


# The last word of a business's name that says it is one ("… repair service", "… business")
_BUSINESS_WORDS = frozenset(
    {"business", "company", "firm", "service", "services", "shop", "studio", "agency",
     "outfit", "centre", "center", "clinic", "workshop", "practice", "co"}
)  # fmt: skip


_BOOKED = re.compile(
    r"\b(?:lessons?|class(?:es)?|courses?|sessions?|treatments?|appointments?|tours?|tastings?|"
    r"consultations?|workshops?|inductions?|retreats?|experiences?|stays?|rooms?|visits?|"
    r"parties|party|rides?|trips?|games?|inspections?|surveys?|cleans?|cleaning|repairs?|"
    r"servicing|tuning|sweeps?|sweeping|grooming|pest control|removals?|check-?ups?|"
    r"(?:farm|house|home|site) (?:calls?|visits?)|call-?outs?)\b",
    re.IGNORECASE,
)


# A name ending in one of something, not goods or an activity ("choir", "graffiti artist",
# not "kayak trips", "house moving")
_SINGULAR_HEAD = re.compile(r"\b[^\W\d_]+(?<!s)(?<!ing)$")


def nouns(reading: BriefReading) -> dict[str, str]:
    """The slots that phrase generic content: business, offering, conversion, customers."""
    text = reading.text.lower()
    biz = reading.business_text
    if biz and broken_phrase(biz):
        biz = ""  # "We've built an app …": no name for the business
    if reading.sector.text == "public" and "council" in text and not biz:
        biz = "council"  # not for "a small ecology consultancy" whose clients answer to one
    if (
        biz
        and biz.lower() == reading.offering_text.lower()
        and not names_a_business(biz)
        and (reading.offering[0].confidence >= 0.5 or not _SINGULAR_HEAD.search(biz))
        and reading.kind is None  # "Little Hadham village hall" is a village hall
    ):  # "we sell refurbished laptops": the laptops are what is sold, not who sells; but a
        biz = ""  # business that only says what it is ("a barber", "our choir") is called that
    # "We're a small firm … doing …" with an offer too long to name it by in the reading
    plain = re.fullmatch(PLAIN_BUSINESS, biz, re.I)
    if plain and reading.offering_text:  # the door inspections firm, not "the small firm"
        biz = f"{_short_noun(reading.offering[0].text)} {plain.group(1).lower()}"
    named_for_offer = not biz and bool(reading.offering_text)
    if not biz:  # "the chess sets business", from "hand-carved wooden chess sets"
        biz = (
            f"{_short_noun(reading.offering_text)} business" if named_for_offer else "the business"
        )
    first_kind = re.split(r"\s+(?:and|&)\s+", biz)[0]
    last = biz.split()[-1].lower() if biz else ""
    if (
        last in _BUSINESS_WORDS or (names_a_business(last) and len(first_kind.split()) > 1)
    ) and not (
        first_kind.split()[-1].lower() in _BUSINESS_WORDS or names_a_business(first_kind)
    ):  # ("family-run moose and bear outfitter": the moose outfitter)
        first_kind = f"{first_kind} {last}"  # "aircon cleaning and repair service": the
        # aircon cleaning service, a business, not "the aircon cleaning"
    if (
        len(biz.split()) > 3
        and first_kind != biz
        and len(first_kind.split()) <= 3
        and (len(first_kind.split()) >= 2 or names_a_business(first_kind))
    ):  # (not "fish" of "fish and chip shop")
        biz = first_kind  # "chimney sweep and wood stove service business": the chimney sweep
        # business
    if len(biz.split()) > 3:  # "small pool care business": the pool care business, not "the
        words = biz.split()  # care business"
        while (  # but "Little Hadham village hall" is a place's name
            len(words) > 3 and words[0].lower() in _SIZE_WORDS and not words[1][:1].isupper()
        ):
            words = words[1:]
        biz = " ".join(words)
    if len(biz.split()) > 3 and not _ONE_NAME.fullmatch(biz):
        biz = _short_noun(biz)
        if biz.lower() == reading.offering_text.lower() and not names_a_business(biz):
            biz, named_for_offer = f"{biz} business", True  # "pet relocation out of the UAE"
    biz = re.sub(r"^(?:an?)\s+", "", biz, flags=re.I)  # never "the an app business"
    first, *rest = biz.split() or [""]
    if (
        first[:1].isupper()
        and not first.isupper()
        and not any(w[:1].isupper() for w in rest)
        and re.search(rf"(?:^|[.!?]\s+){re.escape(first)}\b", reading.text)
    ):  # "Commercial laundry in Faro …": capital only as the brief's first word
        biz = first[:1].lower() + biz[1:]
    the_biz = biz if biz.lower().startswith(("the ", "our ", "my ")) else f"the {biz}"
    kind = kind_of_name(biz, reading)
    trusted = [o for o in reading.offering if o.confidence >= 0.5]
    offer = _COUNT.sub("", trusted[0].text) if trusted else "the service"
    if volunteering(reading) and not any(o.confidence >= 0.6 for o in reading.offering):
        offer = "volunteering"  # "Search results for volunteering", not "for shift"
    if len(offer.split()) > 5:  # "estate cleanout and senior move management": the first
        first = re.split(r"\s+(?:and|or|&)\s+", offer)[0]  # of a list, not "and senior …"
        offer = _head(offer, 4)
        if offer.split()[0].lower() in _JOINING:
            offer = first if len(first.split()) <= 4 else _head(first, 4)
    conv_key = ""  # the key of a conversion said in the business's own name ("kind_buy")
    if reading.conversions:
        conv = main_conversion(reading)
        conv = conv[0].lower() + conv[1:]
    else:
        table = phrasing().conversion
        key = "free" if reading.has("free_service") else reading.sector.text
        on_site = reading.fulfilment is not None and reading.fulfilment.text == "on_site"
        booked = _BOOKED.search(offer) or (offer == "the service" and _BOOKED.search(text))
        if key == "b2c" and (on_site or booked):
            key = "booked"  # a lesson, a tasting or a visit is booked, not ordered
        course = reading.shape is not None and reading.shape.text == "course"
        if key in ("b2c", "booked") and offer == "the service" and course:
            key = "enrol"  # a place in a class the brief does not name is enrolled in
        if volunteering(reading):
            key = "volunteer"  # time is given, nothing is ordered
        conv = table.get(key, table["b2c"]).format(offer=offer)
        bare = phrasing().unnamed_conversion
        if (offer == "the service" and kind) or kind == "group":  # "book the taxidermist",
            # "join the choir", "join the GAA club" (not "order GAA")
            key = (
                {"group": "group", "person": "booked"}.get(kind, key) if key != "volunteer" else key
            )
            if reading.kind is not None and key != "volunteer":  # a barber is booked, a café
                key = f"kind_{reading.kind.commit}"  # ordered at, a village hall hired
            conv = _fill(bare[key], {"biz": the_biz}) if key in bare else conv
            conv_key = key
    first = re.split(r"[\s-]+", conv.lower())[0] if conv else ""
    if conv.lower().startswith(("pre-order", "preorder")):
        first = "pre-order"
    conv_noun = _NOMINAL.get(first, "conversions")
    people = reading.audience[0].text if reading.audience else "customers"
    # "the refurbished laptops business" sells refurbished laptops: a line that names the
    # offer does not name the business again
    named_for_offer = named_for_offer or offer.lower() in the_biz.lower()
    unsaid = offer == "the service"
    if unsaid and reading.kind is not None:  # what such a business offers, in the lines
        offer = reading.kind.offer  # about it; its stages keep its own name (`_unnamed`)
    return {
        "biz": the_biz,
        "biz_cap": the_biz[:1].upper() + the_biz[1:],
        "seller": "the business" if named_for_offer else the_biz,
        "from_biz": "" if named_for_offer else f" from {the_biz}",
        "to_biz": "" if named_for_offer else f" to {the_biz}",
        "offer": offer,
        "conv": conv,
        "conv_cap": conv[:1].upper() + conv[1:],
        "conv_noun": conv_noun,
        "conv_noun_cap": conv_noun[:1].upper() + conv_noun[1:],
        "people": people,
        "unit": (unit := unit_of(reading.text, reading.shape.text if reading.shape else None)),
        "units": plural_kind(unit),  # "classes", "sessions"
        "item": _one(offer),
        "thing": handed_over(text),
        "work": (work := work_done("" if unsaid else offer, text)),
        "work_cap": work[:1].upper() + work[1:],
        "sector": reading.sector.text,
        "kind": kind if unsaid or kind == "group" else "",
        "joined": the_biz if unsaid else offer,  # what a group's people take part in: "surf
        # life saving" of the surf life saving club, else the club
        "conv_key": conv_key,
        "moment": reading.kind.moment
        if reading.kind is not None and (unsaid or kind == "group")
        else "",
        "on_chat": _platform_said(reading, Channel.chat, "on {}", "by message"),
        "social": _platform_said(reading, Channel.social, "{}", "social media"),
    }


def _platform_said(reading: BriefReading, channel: Channel, said: str, otherwise: str) -> str:
    """The brief's platform for a channel, as a touchpoint says it ("on WhatsApp")."""
    named = next((c for c in reading.channels if c.channel == channel and c.platform), None)
    return said.format(named.text) if named else otherwise


# "six narrowboats", "2 vans", "a dozen bikes": how many is not what is offered
_COUNT = re.compile(
    r"^(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|a dozen|"
    r"dozens of|several|a few|a couple of|a handful of)"
    r"(?:[\s-]+(?:hour|day|week|month|year)s?(?=\s))?\s+(?=\w)",  # "3 month short courses"
    re.IGNORECASE,
)


def _one(offer: str) -> str:
    """One of what is offered, for a line about a single hire: "narrowboats" -> "the
    narrowboat"; "forklifts, telehandlers and scissor lifts" -> "the forklift"."""
    first = re.split(r",|&|\band\b|\bor\b", offer)[0].strip()
    words = re.sub(r"^(?:the|a|an|our|their)\s+", "", first, flags=re.I).split()
    if not words:
        return "the service"
    return "the " + " ".join([*words[:-1], singular(words[-1])])


def _fill(template: str, slots: dict[str, str]) -> str:
    text = template.format(**slots)
    text = re.sub(r"\b([Tt]he) the\b", r"\1", text)  # "The {offer} page" of "the service"
    return re.sub(r"\s+", " ", text).strip()


_OF_WHAT = {"for", "of", "with", "from", "about"}


# When, said after a step, is no part of its name: "pick up a couple days later"
_LATER = re.compile(
    r"\s+(?:(?:a\s+(?:couple|few)(?:\s+of)?|\d+|one|two|three|four|five|six|several|some)\s+"
    r"(?:days?|weeks?|hours?|months?)\s+later|later(?:\s+on)?|afterwards)\s*$",
    re.IGNORECASE,
)


def _stage_name(text: str) -> str:
    # the owner's "me" is the business, named as it names itself elsewhere ("Find us on
    # Google"): "pay me first" -> "Pay us first"
    words = [_OWNER_WORDS.get(w, w) for w in _LATER.sub("", text.strip()).split()]
    if len(words) > MAX_NAME_WORDS:  # cut at a joint, not mid-phrase ("sign the contract and
        words = words[:MAX_NAME_WORDS]  # put down a deposit" -> "Sign the contract")
        if "and" in [w.lower() for w in words[1:]]:
            words = words[: [w.lower() for w in words].index("and", 1)]
        else:  # "Sign the order for fire extinguisher servicing": "Sign the order", not a
            cut = [n for n, w in enumerate(words) if n > 1 and w.lower() in _OF_WHAT]  # name
            # "Come to the showroom to pick fabric": "Come to the showroom", not "… to pick"
            cut += [n for n, w in enumerate(words) if n > 2 and w.lower() == "to"]
            if cut:  # cut short in the middle of what it is for
                words = words[: max(cut)]
    low = [w.lower() for w in words]
    if "and" in low[1:] and low[-1] in {"down", "up", "out", "off", "on", "in", "their", "a"}:
        words = words[: low.index("and", 1)]  # "sign the contract and put down" (cut short)
    while words and words[-1].lower() in {"a", "an", "the", "and", "or", "of", "to", "for", "on"}:
        words = words[:-1]
    name = " ".join(words)
    return name[:1].upper() + name[1:]


_OWNER_WORDS = {"me": "us", "my": "our", "Me": "Us", "My": "Our"}


# --- the skeleton ------------------------------------------------------------------------------


class _Slot:
    """A stage to be: its name, phase and where its content comes from."""

    def __init__(
        self,
        name: str,
        phase: Phase | None,
        template: IndustryStage | None = None,
        spec: _ShapeStage | None = None,
    ) -> None:
        self.name = name
        self.phase = phase
        self.template = template
        self.spec = spec  # the journey shape's stage, when no pack lends one
        self.told = False  # named for a step the brief narrates: its words are kept


def _facts(reading: BriefReading) -> set[str]:
    """What a phrasing's or a shape's `when` may name: sector, fulfilment, constraints."""
    facts = {reading.sector.text}
    if reading.fulfilment is not None:
        facts.add(reading.fulfilment.text)
    if goes_to_customers(reading.text):
        facts.add("at_customer")  # the business does the work where its customers are
    return facts | {c.text for c in reading.constraints}


def _holds(said: str | list[str], facts: set[str]) -> bool:
    return bool(facts & ({said} if isinstance(said, str) else set(said)))


def _says_any(text: str, words: list[str]) -> bool:
    return any(re.search(rf"\b{re.escape(word)}\b", text, re.IGNORECASE) for word in words)


def _shape_stages(reading: BriefReading, wanted: list[Phase]) -> list[_ShapeStage]:
    """The stages of the brief's journey shape that fit this reading and map, or none."""
    if reading.shape is None or reading.shape.text not in shapes():
        return []
    facts = _facts(reading)
    always = (Phase.onboarding, Phase.usage)
    return [
        stage
        for stage in shapes()[reading.shape.text].stages
        if (stage.when is None or _holds(stage.when, facts))
        and (stage.unless is None or not _holds(stage.unless, facts))
        and (stage.said is None or _says_any(reading.text, stage.said))
        and (stage.unsaid is None or not _says_any(reading.text, stage.unsaid))
        # (a stage kept only for words the brief says is wanted when it says them: "fall
        # behind" asks for the catching up)
        and (stage.phase in wanted or stage.phase in always or stage.said is not None)
    ]


def _wanted_phases(reading: BriefReading, catalog: Catalog) -> list[Phase]:
    framework = catalog.stages.frameworks[reading.map_type]
    phases: list[Phase] = []
    for stage in framework.stages:
        own = stage.phases[:1] or [p for p in [_PHASELESS.get(stage.name.lower())] if p]
        for phase in own:
            if phase not in phases:
                phases.append(phase)
    if reading.map_type in (MapType.customer_journey, MapType.omnichannel):
        supported = any(  # said in words that only ever mean support ("refund", "broken")
            p.phase == Phase.support and problem_phase_cue(p.text) == Phase.support
            for p in reading.problems
        )
        phases = [
            p
            for p in ORDER
            if p in phases
            or p in (Phase.onboarding, Phase.usage)
            or (supported and p == Phase.support)
        ]  # a support stage only where a stated problem needs one, and always then
        if Phase.support in phases and not any(p.phase == Phase.support for p in reading.problems):
            phases.remove(Phase.support)
    again = re.search(r"\brenew|\brenewal|\bannual|\bevery year|\bexpir", reading.text, re.I)
    one_off_public = reading.sector.text == "public" and not again and not volunteering(reading)
    if (  # a charity's one act with no shape of coming back (registering to vote, joining a
        reading.sector.text == "nonprofit"  # donor register): no "Come back" stage
        and (reading.shape is None or reading.shape.text == "application")
        and not again
        and not _COMES_AGAIN.search(reading.text)
    ):  # (word of mouth still brings the next adopter or voter: advocacy stays)
        phases = [p for p in phases if p != Phase.retention]
    if reading.sector.text == "public" and not _SPOKEN_OF.search(reading.text):
        # a council service has no "Recommend the council" stage with review links unless
        # the brief speaks of reviews or word of mouth
        phases = [p for p in phases if p != Phase.advocacy]
    if one_off_public or reading.has("one_off"):
        phases = [p for p in phases if p not in (Phase.retention, Phase.advocacy)]
        if one_off_public and Phase.usage not in phases:
            phases.append(Phase.usage)
    if (  # nothing in the brief says anyone comes back: no "Come back to …" stage pasted on
        reading.map_type in (MapType.customer_journey, MapType.omnichannel)  # (a one-off
        and not reading.industry.used  # bootcamp, screening or exhibition stand; a journey
        and reading.shape is None  # shape knows its own way back)
        and not speaks_of(Phase.retention, reading.text)
        and not _COMES_AGAIN.search(reading.text)
        and not any(p.phase == Phase.retention for p in reading.problems)
    ):
        phases = [p for p in phases if p != Phase.retention]
    for goal in reading.goals:  # the stage a goal is measured at is never left out (a help
        # stage only where a stated problem needs one, as above), save a come-back stage for
        # what is bought once (a pet's cremation is never "needed again")
        one_off = reading.has("one_off") and goal.phase in (Phase.retention, Phase.advocacy)
        if goal.phase not in (None, Phase.support) and goal.phase not in phases and not one_off:
            phases.append(goal.phase)
    return sorted(phases, key=ORDER.index)


# Words of people telling others: a public service that says them keeps an advocacy stage
_SPOKEN_OF = re.compile(
    r"\b(?:reviews?|recommend\w*|word of mouth|referr\w*|tell (?:their |other )?(?:friends|"
    r"neighbours|neighbors|others)|rating|ratings|satisfaction|nps)\b",
    re.IGNORECASE,
)
# Words of people coming back or keeping on: a charity that says them has a retention stage
_COMES_AGAIN = re.compile(
    r"\b(?:again|regular\w*|monthly|weekly|every (?:week|month)|keep (?:coming|going|giving)|"
    r"returning|retain\w*|retention|drop out|stay(?:s|ing)? on)\b",
    re.IGNORECASE,
)


def _first_name(phase: Phase, reading: BriefReading) -> _Name | None:
    """The phrasing's name for a phase that fits this reading (the first whose `when` holds)."""
    facts = _facts(reading)
    return next((o for o in phrasing().names[phase] if o.when is None or o.when in facts), None)


def _named(phase: Phase, reading: BriefReading, slots: dict[str, str]) -> str:
    option = _first_name(phase, reading)
    if option is None:
        return phase.value.capitalize()
    # "Choose the barber", not "Choose the service"
    template = _unnamed(option.name, slots) or option.name
    if template == "Use {offer}":
        return _stage_name(_using(slots["offer"]))
    name = _fill(template, slots)
    by_name = "{biz}" in template or (
        "{joined}" in template and slots.get("joined") == slots["biz"]
    )
    if len(name.split()) > MAX_NAME_WORDS and by_name:
        # "Come back to the community rugby club", cut short, would end "… rugby":
        # the business by its last word ("Come back to the club")
        words = slots["biz"].split()
        plain = words[:-1] if words[-1].lower() in _BUSINESS_WORDS else words
        for short in (" ".join(plain), "the " + plain[-1]):  # "the chimney sweep"
            name = _fill(template, {**slots, "biz": short, "joined": short})
            if len(name.split()) <= MAX_NAME_WORDS:
                break
    return _stage_name(name)


# What is done for people, not a thing they use ("drone spraying", "pet cremation", "a
# baptism", "fire door inspections"), by the last word of what is offered; a word as vague as
# "support" or "services" stays "Use …" (a reviewer found "The support" empty)
_DONE_FOR_THEM = re.compile(
    r"^(?:\w{3,}(?:ing|tion|tions|sion|sions|ment|ments|ism|isms)|\w{4,}(?:ance|ence)|"
    r"repair|repairs|\w*therapy|sweep|survey|surveys|upholstery|joinery|photography|tuition|"
    r"check|checks|test|tests|visit|visits|trip|trips|workshop|workshops|camp|camps|course|"
    r"courses|lesson|lessons|class|classes|session|sessions|tour|tours|treatment|treatments)$"
)
# … but these are things: "clothing", "packaging", "decking", "a fashion collection"
_THINGS_ALL_THE_SAME = {
    "clothing", "bedding", "packaging", "flooring", "decking", "lighting", "shelving", "seating",
    "racking", "tubing", "piping", "icing", "housing", "bunting", "netting", "cladding",
    "pudding", "stuffing", "collection", "equipment", "garment", "garments", "ornament",
    "ornaments", "instrument", "instruments", "supplement", "supplements", "pavement",
    "documentation", "solution", "solutions", "information", "publication", "publications",
    "medication", "decoration", "decorations", "nutrition", "station", "stations",
}  # fmt: skip
# Things people eat or drink: enjoyed, not used
_EATEN = {
    "milk", "cheese", "cheeses", "eggs", "cake", "cakes", "bread", "breads", "coffee", "honey",
    "meals", "lunch", "lunches", "tiffin", "chocolate", "chocolates", "wine", "wines", "beer",
    "beers", "mezcal", "gin", "tea", "teas", "pies", "pastries", "jam", "jams", "chutney",
    "chutneys", "sauces", "fruit", "veg", "vegetables", "meat", "sausages", "biscuits", "cookies",
    "brownies", "doughnuts", "donuts", "ice cream", "gelato", "cider", "kombucha", "juice",
    "juices", "smoothies", "dinners", "food", "snacks", "sweets", "fudge", "olive oil", "oysters",
}  # fmt: skip


def _unnamed(template: str, slots: dict[str, str]) -> str | None:
    """A name's template in the business's own noun where the offering is unknown ("Choose
    {biz}" for "Choose {offer}"), by the kind of business; None where there is none."""
    kind = slots.get("kind", "")
    if kind and template == "Use {offer}" and slots.get("moment"):
        return slots["moment"].replace("{", "(").replace("}", ")")  # "The haircut"
    ways = phrasing().unnamed.get(template) if kind else None
    return (ways.get(kind) or ways.get("default")) if ways else None


# A goal that says nothing without what it refers to: "Its a morning" (of "Its maybe 10 a
# morning, Id like it under 2"), "comes back", "keep my regulars"
_POINTS_ELSEWHERE = re.compile(r"^(?:it|its|it's|they|them|that|this|these|those)\b", re.I)
# A goal's words that say what is measured ("repeat bookings", "rate", "deposits in")
_MEASURE_WORD = re.compile(
    r"\b(?:rate|share|percent|per\s*cent|%|time|times|days?|weeks?|hours?|bookings?|orders?|"
    r"sales|customers|members|sign-?ups|visits|enquir\w+|inquir\w+|leads|reviews|deposits?|"
    r"returns?|renewals?|score|nps|revenue|spend|wait\w*|no-?shows?|complaints?|calls?|emails?)\b",
    re.IGNORECASE,
)
_CAUSE_SAID = re.compile(r"\s(?:because|cause|coz|cos|since)\s", re.IGNORECASE)
_DURATION = re.compile(  # "3 weeks", "2-3 days", not "10 a week"
    r"\b\d+(?:[.,]\d+)?(?:\s*(?:-|to)\s*\d+)?\s*(?:minutes?|mins?|hours?|hrs?|days?|weeks?|"
    r"wks?|months?)\b",
    re.IGNORECASE,
)
_BARE_DOING = re.compile(r"^(?:comes?\s+back|goes?\s+back|returns?|stays?|renews?)\b", re.I)


# The people a problem opens with: "the tourists come once …", "people see the line …", by the
# lexicon's words for people and a few said of anyone
@cache
def _people_first() -> re.Pattern[str]:
    words = {*lexicon()["people"], *lexicon()["customer_people"], *_ANYONE}
    return re.compile(
        r"^(?:the\s+|our\s+|my\s+|most\s+|some\s+|a lot of\s+|lots of\s+)?("
        + "|".join(sorted(map(re.escape, words), key=len, reverse=True))
        + r")\b",
        re.IGNORECASE,
    )


# Words of a goal that say nothing of what is measured: "Its a morning", "it under 2"
_NOTHING_SAID = {"its", "it's", "they", "them", "that", "this", "these", "those", "the", "and",
                 "morning", "night", "day", "week", "month", "year", "under", "over", "about",
                 "around", "maybe", "now", "moment"}  # fmt: skip
_ANYONE = ("people", "folks", "folk", "kids", "regulars", "tourists", "visitors", "players",
           "riders", "newcomers", "locals", "walkers", "diners")  # fmt: skip


def _goal_named(goal: Goal, reading: BriefReading) -> str:
    """A goal's name as a measure a reader can follow alone: the problem's people for a bare
    doing ("comes back" -> "Tourists who come back"), how often the problem happens for a
    figure said of "it" ("Its maybe 10 a morning, Id like it under 2"), else as read."""
    baseline = goal.baseline or ""
    said_of = [  # the problems told where the goal's baseline was, the complaint first (not
        p  # "about 1 in 6 visits" cut from it), else the first problem
        for p in reading.problems
        if baseline and baseline in (p.source or p.text)
    ]
    problem = next(
        (p for p in said_of if baseline not in p.text),
        said_of[0] if said_of else reading.problems[0] if reading.problems else None,
    )
    at = reading.problems.index(problem) if problem in reading.problems else 0
    if (
        problem is not None
        and at
        and baseline
        and baseline in problem.text
        and len(problem.text.split()) <= 6
    ):
        problem = reading.problems[at - 1]  # "…, about 1 in 6 visits": the complaint before it
    if problem is None:
        return goal.text
    text = _problem_text(problem)
    said_in = next((t for t in sentences(reading.text) if problem.text.lower() in t.lower()), text)
    who = _people_first().match(text) or _people_first().match(without_intro(said_in))  # "The
    # visitors come once, love it and never come back": the problem read is the last clause
    if who and _BARE_DOING.match(goal.text) and len(goal.text.split()) <= 4:
        doing = re.sub(r"^(comes|goes|stays|returns|renews)\b", lambda m: m.group(1)[:-1],
                       goal.text, flags=re.I)  # fmt: skip
        return f"{who.group(1).capitalize()} who {doing.lower()}"
    said = [w for w in re.findall(r"[a-z]{3,}", goal.text.lower()) if w not in _NOTHING_SAID]
    figures = f"{goal.baseline or ''} {goal.target or ''}"
    if (goal.baseline or goal.target) and (
        (_POINTS_ELSEWHERE.match(goal.text) and len(said) <= 1)
        # ("it booked 3 weekdays a week by next summer" says what it wants: kept as said)
        or (len(said) <= 2 and not _MEASURE_WORD.search(goal.text))  # "Jobs lor", "happens
        # in jobs": what is left of a figure said of the problem ("about 1 in 8 jobs lor")
        or (len(said) <= 3 and set(said) <= set(re.findall(r"[a-z]{3,}", said_in.lower())))
        or _CAUSE_SAID.search(goal.text)  # a complaint with its cause, not a measure
    ):
        if _DURATION.search(figures):  # "3 weeks → 3 days": how long it takes
            return f"Time taken when “{_short(text.lower(), 10)}”"
        return f"How often “{_short(text.lower(), 10)}” happens"
    return goal.text


def _unnamed_stage(phase: Phase, reading: BriefReading, slots: dict[str, str]) -> Any:
    """What a stage named for a business that does not say what it offers holds, where the
    phrasing has it ("Arrive at {biz}": opening hours and busy times), else None."""
    if not slots.get("kind"):
        return None
    if phase == Phase.purchase:
        return phrasing().unnamed_stages.get(slots.get("conv_key", ""))
    if phase == Phase.usage and slots.get("moment"):  # "The haircut": had, not "used";
        key = "Take part in {joined}" if slots.get("kind") == "group" else "{moment}"
        return phrasing().unnamed_stages.get(key)  # "Shed days": taken part in
    option = _first_name(phase, reading)
    template = _unnamed(option.name, slots) if option is not None else None
    stages = phrasing().unnamed_stages
    if slots.get("conv_key") in _BOOKED_FIRST and f"{template}@booked" in stages:
        return stages[f"{template}@booked"]  # arriving for a booking, not walking in
    return stages.get(template or "")


# Conversions that book a time first ("book the barber", "hire the hall"), not walk in
_BOOKED_FIRST = {"booked", "kind_book", "kind_hire", "kind_enrol", "kind_register", "kind_apply"}


def _using(offer: str) -> str:
    """The stage where people get what they came for, in the words that fit what it is: a
    thing is used ("Use hearing aids"), a service had ("The drone spraying", "The baptism"),
    food enjoyed ("Enjoy the cakes")."""
    words = offer.lower().split()
    last = words[-1] if words else ""
    if last in _EATEN or " ".join(words[-2:]) in _EATEN:
        return f"Enjoy {offer}"
    if _DONE_FOR_THEM.match(last) and last not in _THINGS_ALL_THE_SAME and offer != "the service":
        bare = re.sub(r"^(?:the|a|an)\s+", "", offer, flags=re.IGNORECASE)
        return f"The {bare}"
    return f"Use {offer}"


# The work itself, told as a step: "clean the unit", "we move them on the day", "fix it"
_WORK_VERBS = ("clean", "fix", "repair", "service", "install", "fit", "tune", "groom", "treat",
               "move", "inspect", "spray", "paint", "diagnose")  # fmt: skip
_THE_WORK = re.compile(
    r"^(?:"
    # the verb, said of the customer's job or of the business's ("fixes", "fix"), or the work
    # named as it goes on ("Fixing", "Installation", "The job", "The visit to their unit")
    + "|".join(f"{v}|{v}e?s|{gerund(v)}" for v in _WORK_VERBS)
    + r"|installation|do the (?:job|work|clean|repair|move)|carry out|the (?:job|work|visit to)|"
    r"see the (?:doctor|"
    r"dentist|vet)|(?:go|goes|come|comes)\s+(?:round\s+|out\s+)?to\s+(?:the|their)\s+"
    r"(?:house|home|flat|site))\b",
    re.IGNORECASE,
)


def _served_before_paying(steps: list[Step], phases: list[Phase]) -> bool:
    """Whether the narration tells the work being done and, after it, the customer paying (a
    cleaner, a repairer, a mover paid at the end): the work stands for the usage stage."""
    paid = [
        n
        for n, (step, phase) in enumerate(zip(steps, phases, strict=True))
        if phase == Phase.purchase and re.match(r"(?:pay|pays)\b", step.text, re.I)
    ]
    return bool(paid) and any(_THE_WORK.match(step.text) for step in steps[: paid[-1]])


def _first(by_phase: dict[Phase, list[IndustryStage]], phase: Phase | None) -> IndustryStage | None:
    """The pack's first stage for a phase, if it has one."""
    found = by_phase.get(phase) if phase is not None else None
    return found[0] if found else None


def skeleton(reading: BriefReading, catalog: Catalog, pack: IndustryPack | None) -> list[_Slot]:
    """The stages, in order, before any content: from narrated steps, a confident pack, or the
    framework named in the business's words."""
    slots = nouns(reading)
    wanted = _wanted_phases(reading, catalog)
    kept = [s for s in pack.stages if pack.stage_name_for(s.name, reading.text)] if pack else []
    by_phase = {p: [s for s in kept if s.phase == p] for p in Phase}  # this kind's stages
    steps = [s for s in reading.steps if s.text]
    lifecycle = reading.map_type in (MapType.email, MapType.retention, MapType.customer_success)
    if len(steps) >= 3 and not lifecycle:  # lifecycle maps keep their framework's moments
        out: list[_Slot] = []
        said = [s.phase for s in steps]
        if said[0] is None:  # "brewers send artwork": no finding cue (those read as awareness),
            said[0] = Phase.consideration  # a first contact, after they have found the business
        phases = _fill_phases(
            said,
            [_UNSURE_STEP.match(s.text) is None and opens_with_a_step_verb(s.text) for s in steps],
        )
        taken: dict[Phase, int] = {}
        specs = [] if pack else _shape_stages(reading, wanted)
        shaped = {s.phase: s for s in reversed(specs)}
        lender = _spec_takers(steps, phases, shaped)
        lent: list[_ShapeStage] = []
        for at_step, (step, phase) in enumerate(zip(steps, phases, strict=True)):
            n = taken.get(phase, 0)  # each pack stage lends its content to one step only
            taken[phase] = n + 1
            options = by_phase.get(phase) or []
            template = options[n] if n < len(options) else None
            # with no pack, the journey shape's stage for the phase lends its content to the
            # step of the phase it speaks of ("Get vetted" of volunteers: the wait for the
            # checks; "Send the knives in" to "pack your knives", not to "order a box")
            spec = shaped.get(phase) if template is None and lender.get(phase) == at_step else None
            meant = _meant_spec(specs, phase, step.text) if template is None else None
            if meant is not None:  # "pay when they collect": the collection, not the work
                spec = meant
                before = specs[: specs.index(meant)]  # the shape's stages of the phase before
                for earlier in [e for e in before if e.phase == phase and e not in lent]:
                    lent.append(earlier)  # it ("The repair" before "Collect the watch")
                    name = _stage_name(_fill(earlier.name, slots))
                    if any(_same_stage(name, s.name) for s in out if s.told):
                        continue  # told already: "Sharpening" is "The sharpening"
                    out.append(_Slot(name, phase, None, earlier))
            if spec is not None and _WAITING.match(step.text):
                spec = None  # "wait for a spot": a wait, not the shape's first weeks
            if spec is not None:
                lent.append(spec)
            name = _stage_name(step.text)
            if meant is not None:  # "pick them up", "pay" of "they collect and pay"
                name = _told_of_thing(name, _stage_name(_fill(meant.name, slots)), slots["thing"])
            out.append(_Slot(name, phase, template, spec))
            out[-1].told = True
        covered = set(phases)
        told_at = [ORDER.index(p) for p in phases]
        served = _served_before_paying(steps, phases)
        bites = {  # the phases a stated problem needs a stage of: not one whose act not
            p.phase  # taken is a told step ("never send it back", "drop it at Canada Post")
            for p in reading.problems
            if not any(
                _does_act(_stage_name(s.text), a) for s in steps for a in [_undone_act(p.text)] if a
            )
        }
        for phase in wanted:  # phases the narration skips, put in where they happen
            if phase in covered:
                continue
            if (
                served
                and phase in (Phase.onboarding, Phase.usage)
                and phase not in bites
                and phase not in {g.phase for g in reading.goals}
            ):  # "we clean on the last day, they pay by Swish": the work is told, and done
                continue  # before paying; no "Get started" or "Use …" after it
            if (
                min(told_at) < ORDER.index(phase) < max(told_at)
                and phase == Phase.onboarding
                and phase not in shaped  # a shape's or a pack's own moment ("Run-up to the
                and not by_phase.get(phase)  # appointment") stays
                and phase not in bites
                and phase not in {g.phase for g in reading.goals}
            ):
                # "fill our enquiry form, then we do a call, then vet visit …": the telling
                continue  # goes on through the middle of the journey; no "Get started" in it
            spec = shaped.get(phase)
            template = _first(by_phase, phase)
            if spec:  # (a business that does not say what it offers: its own name)
                name = _stage_name(_fill(_unnamed(spec.name, slots) or spec.name, slots))
            elif pack is not None and template is not None:  # a sure pack names the moments
                name = pack.stage_name_for(template.name, reading.text) or template.name  # the
            else:  # narration leaves out ("Run-up to the appointment")
                name = _named(phase, reading, slots)
                spec = _unnamed_stage(phase, reading, slots)  # "Arrive at the dairy"
            slot = _Slot(name, phase, template, spec)
            own = set(re.findall(r"[a-z]+", slot.name.lower())) - {"the", "a", "an"}
            if slot.name.lower() in {s.name.lower() for s in out} or any(
                own <= set(re.findall(r"[a-z]+", s.name.lower())) for s in out
            ):  # the narration has this stage already, in another phase ("Do the first
                continue  # session" for "The first session")
            if _FETCHING.match(slot.name) and any(
                s.told and _FETCHING.match(s.name) for s in out
            ):  # "Pick up the table" told: no "Collect oak dining tables" after it
                continue
            at = next(
                (
                    n
                    for n, s in enumerate(out)
                    if s.phase and ORDER.index(s.phase) > ORDER.index(phase)
                ),
                len(out),
            )
            out.insert(at, slot)
        return out
    visited = goes_to_customers(reading.text)  # a groomer who comes to the house: nobody
    # picks the dog up from the salon
    if pack is not None and reading.map_type in (
        pack.default_map_type,
        MapType.customer_journey,
        MapType.omnichannel,
    ):
        markers = sibling_markers(pack, reading)
        chosen = [
            _Slot(
                _named(s.phase, reading, slots) if mentions(name, markers) else name,
                s.phase,
                s,
            )
            for s in pack.stages
            if s.phase in wanted or s.phase not in (Phase.retention, Phase.advocacy)
            for name in [pack.stage_name_for(s.name, reading.text)]  # this kind's name
            if name is not None and not (visited and _FETCHED.match(name))
        ]
        for phase in wanted:  # what the pack lacks for this map, in the business's words
            if not any(c.phase == phase for c in chosen):
                at = next(
                    (
                        n
                        for n, c in enumerate(chosen)
                        if c.phase and ORDER.index(c.phase) > ORDER.index(phase)
                    ),
                    len(chosen),
                )
                chosen.insert(
                    at,
                    _Slot(
                        _named(phase, reading, slots),
                        phase,
                        None,
                        _unnamed_stage(phase, reading, slots),
                    ),
                )
        return chosen
    out = []
    shape = _shape_stages(reading, wanted)
    if shape and reading.map_type in (MapType.customer_journey, MapType.omnichannel):
        out = [
            _Slot(_stage_name(_fill(_unnamed(s.name, slots) or s.name, slots)), s.phase, None, s)
            for s in shape
        ]
        _named_by_steps(out, steps, slots["thing"])
        if Phase.support in wanted and not any(s.phase == Phase.support for s in out):
            at = next(  # a support problem in a shape with no support stage gets one
                (
                    n
                    for n, s in enumerate(out)
                    if s.phase and ORDER.index(s.phase) > ORDER.index(Phase.support)
                ),
                len(out),
            )
            out.insert(at, _Slot(_named(Phase.support, reading, slots), Phase.support))
        return out
    if reading.map_type in (MapType.customer_journey, MapType.omnichannel):
        for phase in wanted:  # a stage per phase, named in the business's words
            template = _first(by_phase, phase)
            spec = None if template else _unnamed_stage(phase, reading, slots)  # "Arrive at …"
            out.append(_Slot(_named(phase, reading, slots), phase, template, spec))
        if pack is None:
            _named_by_steps(out, steps)
        return out
    named: set[Phase] = set()
    for fs in catalog.stages.frameworks[reading.map_type].stages:
        moment: Phase | None = fs.phases[0] if fs.phases else _PHASELESS.get(fs.name.lower())
        if fs.phases and moment not in wanted:
            continue
        if fs.phases and moment is not None and moment not in named:
            name = _named(moment, reading, slots)
            named.add(moment)
        else:  # a moment of the framework ("Evaluation", "Renewal", "Welcome")
            name = fs.name
        out.append(_Slot(name, moment, _first(by_phase, moment)))
    if reading.map_type == MapType.conversion:  # a funnel told in the brief's own steps
        _named_by_steps(out, steps)
    return out


_WAITING = re.compile(r"wait(?:s|ing)?\b", re.IGNORECASE)


# The stage of an item service where the thing is fetched or sent back
_FETCHING = re.compile(r"(?:collect|pick\s+up|claim|get\s+(?:\w+\s+){1,3}back)\b", re.I)
# A told step of fetching it back said with a pronoun: "pick them up", "collect it"
_THEM_BACK = re.compile(r"(\w+)\s+(?:them|it)\s+(up|back|in|off)", re.IGNORECASE)


def _same_stage(one: str, other: str) -> bool:
    """Two stage names saying the same words, articles aside ("The sharpening", "Sharpening")."""
    return content_words(one) == content_words(other) != frozenset()


def _spec_words(spec: _ShapeStage) -> tuple[frozenset[str], frozenset[str]]:
    """The meaningful words of what a shape's stage says of itself, slots left out: those of
    its name, goal and actions, and those of its touchpoints, pain and idea."""

    def said(texts: list[str]) -> frozenset[str]:
        return content_words(re.sub(r"\{[a-z_]+\}", " ", " ".join(texts)))

    core = said([spec.name, spec.goal or "", *(spec.actions or [])])
    rest = [*(spec.thoughts or []), *(t.name for t in spec.touchpoints or [])]
    rest += [spec.pain.text if spec.pain else "", spec.fix.text if spec.fix else ""]
    return core, said(rest)


def _step_said_by(step: str, core: frozenset[str], rest: frozenset[str]) -> int:
    """How much of a told step a shape's stage says: each word of the step twice when the
    stage's name, goal or actions say it, once when the rest of it does; twice more for the
    step's own verb ("pack the box"), one less for what the business does for them ("Get it
    in the post")."""

    def said(word: str) -> int:
        return 2 if any(akin(word, w) for w in core) else int(any(akin(word, w) for w in rest))

    score = sum(said(w) for w in content_words(step))
    verb = content_words(step.split()[0]) if step.split() else frozenset()
    score += 2 if any(akin(w, c) for w in verb for c in core) else 0
    return score - int(bool(re.match(r"get\b", step, re.IGNORECASE)))


def _spec_takers(
    steps: list[Step], phases: list[Phase], shaped: dict[Phase, _ShapeStage]
) -> dict[Phase, int]:
    """For each phase of the told steps, the step its shape stage lends its content to: the
    phase's step the stage says most of (:func:`_step_said_by`): "pack your knives" of "Send
    the knife in … packs it and posts it", not "order a prepaid box" before it; on a tie the
    phase's first."""
    takers: dict[Phase, int] = {}
    for phase in dict.fromkeys(phases):
        at = [n for n, p in enumerate(phases) if p == phase]
        spec = shaped.get(phase)
        if spec is None:
            continue
        core, rest = _spec_words(spec)
        shared = [_step_said_by(steps[n].text, core, rest) for n in at]
        takers[phase] = at[shared.index(max(shared))]
    return takers


def _stands_for(spec: _ShapeStage | None, step: str) -> bool:
    """Whether a told step stands for a shape's stage by its opening words (the stage's
    ``steps``: "pick up", "claim", "pay")."""
    return bool(
        spec is not None
        and spec.steps
        and re.match(rf"(?:{'|'.join(map(re.escape, spec.steps))})\b", step, re.I)
    )


def _meant_spec(specs: list[_ShapeStage], phase: Phase, step: str) -> _ShapeStage | None:
    """The shape's stage of this phase a told step stands for, when it is not the phase's
    first."""
    of_phase = [s for s in specs if s.phase == phase]
    return next((spec for spec in of_phase[1:] if _stands_for(spec, step)), None)


def _told_of_thing(name: str, shape_name: str, thing: str) -> str:
    """A short told step that stands for a shape's stage, named for what was handed over:
    "Pick them up" -> "Pick up the suits and dresses", "Pick up" -> "Pick up the shirts",
    "Pay" (of "they collect and pay") -> "Collect the watches and pay"."""
    named = thing not in ("", "it")
    them = _THEM_BACK.fullmatch(name)
    if them and named:
        return _stage_name(f"{them[1]} {them[2]} {thing}")
    if len(name.split()) >= 3:
        return name
    if _FETCHING.match(name):
        return _stage_name(f"{name} {thing}") if named else shape_name
    return _stage_name(f"{shape_name} and {name[:1].lower()}{name[1:]}")


# A pack's stage of fetching the thing from the business's premises
_FETCHED = re.compile(r"(?:pick\s+up|collect|drop\s+off|arrive|check\s+in)\b", re.IGNORECASE)


def _alike_stages(plan: list[_Slot], free: list[int], step: str) -> list[int]:
    """The stages of ``free`` whose name says what a told step says in other words ("pick up
    the board" and "Collect custom surfboards", not "While it is made")."""
    from .understanding.described import same_words

    said = same_words(step)
    return [n for n in free if said & same_words(plan[n].name)] if said else []


def _named_by_steps(plan: list[_Slot], steps: list[Step], thing: str = "") -> None:
    """One or two narrated steps ("find us on Google and book a term"): each names the first
    stage of its phase still named from the framework, in the brief's words (or the stage
    a shape says the step stands for; a bare "pick up" of ``thing``, what was handed over)."""
    renamed: set[int] = set()
    names = {s.name.lower() for s in plan}
    before: Phase | None = None
    for n_step, step in enumerate(steps):
        name = _stage_name(step.text)
        # a first step with no phase cue ("people send us photos for a rough price") is a
        # first contact, after they have found the business; a later one comes next after
        # the step before it ("ring the office to book, then come to a preparation evening")
        phase = step.phase or (
            Phase.consideration
            if n_step == 0
            else ORDER[min(ORDER.index(before) + 1, len(ORDER) - 1)]
            if before is not None and before in ORDER
            else None
        )
        before = phase
        if phase is None or len(name.split()) < 2 or name.lower() in names:
            continue
        free = [n for n, s in enumerate(plan) if s.phase == phase and n not in renamed]
        meant = [n for n in free if _stands_for(plan[n].spec, step.text)]
        # "pick up a couple days later": the collection, not the work before it
        near = [  # its phase or the one next to it: "pick up the board" (got after it is
            n  # made) names "Collect custom surfboards"
            for n, s in enumerate(plan)
            if n not in renamed
            and s.phase is not None
            and abs(ORDER.index(s.phase) - ORDER.index(phase)) <= 1
        ]
        alike = [] if meant else _alike_stages(plan, near, step.text)
        at = (meant or alike or free)[0] if meant or alike or free else None
        if meant:  # "Pick up the shirts and suits"
            name = _told_of_thing(name, plan[meant[0]].name, thing)
        if at is not None:
            plan[at].name = name
            if _WAITING.match(step.text):  # "wait for a spot": a wait, not what the shape
                plan[at].spec = None  # says of the phase ("the first weeks")
            renamed.add(at)
            names.add(name.lower())


# The phases an act the customers take may name: finding out and committing are named by the
# brief's channels and its conversion, support by the shape's own moments
_ACTS_NAME = (Phase.consideration, Phase.onboarding, Phase.usage)


def _named_by_acts(plan: list[_Slot], reading: BriefReading) -> None:
    """Where the brief tells fewer than three steps, an act it says its customers take on
    the way ("they need to come to the showroom to pick fabric") names the first stage of
    its phase still named from the framework, as a told step would: the map then has the
    business's own moment there, not "Evaluation". Finding out and committing are named
    elsewhere (the brief's channels, the conversion); an act whose verb a stage already
    opens with is there."""
    if len(reading.steps) >= 3:
        return
    told = {s.name.lower() for s in plan if s.told}
    told |= {_stage_name(s.text).lower() for s in reading.steps}  # renamed by a step
    for detail in reading.details:
        if not detail.by_customer or detail.phase not in _ACTS_NAME:
            continue
        act = re.sub(r"^(?:need|needs|have|has)\s+to\s+", "", detail.text, flags=re.I)
        if not opens_with_a_step_verb(act):
            continue  # "Tenants report repairs by phone": who, then what, is no stage name
        name = _stage_name(act)
        verb = name.split()[0].lower() if name else ""
        if len(name.split()) < 3 or any(s.name.lower().split()[:1] == [verb] for s in plan):
            continue
        at = next(
            (n for n, s in enumerate(plan)
             if s.phase == detail.phase and not s.told and s.template is None
             and s.name.lower() not in told),
            None,
        )  # fmt: skip
        if at is not None:
            plan[at].name = _cap(name)
            plan[at].told = True
            if plan[at].spec is not None and _WAITING.match(act):
                plan[at].spec = None
            continue
        same = [n for n, s in enumerate(plan) if s.phase == detail.phase]
        if same and len(plan) < 8:  # the phase's stage is a told step already: the act comes
            plan.insert(same[-1] + 1, _Slot(_cap(name), detail.phase))  # after it ("Send us
            plan[same[-1] + 1].told = True  # photos", then "Come to the showroom")


# Framework stages named for a moment rather than a phase, and the phase their content plays
# (None: a lifecycle email, composed as one message).
_PHASELESS: dict[str, Phase] = {
    "renewal": Phase.retention,
    "win-back": Phase.retention,
    "expansion": Phase.retention,
    "value realisation": Phase.usage,
    "upgrade": Phase.purchase,
    "evaluation": Phase.consideration,
}


def _nearest_phase(plan: list[_Slot], n: int) -> Phase:
    """For a stage with no phase of its own (a lifecycle email), the phase of the stage
    before it, else retention."""
    before = [s.phase for s in plan[:n] if s.phase is not None]
    return before[-1] if before else Phase.retention


def main_conversion(reading: BriefReading) -> str:
    """The brief's commitment: the first conversion read, unless it is a weak one and a later
    one is read with confidence ("parents rent through a form" over "counts towards buying
    it")."""
    said = [  # "members pay an annual sub": what members do, not how people become one
        c for c in reading.conversions if not _ALREADY.match(c.source or "")
    ] or reading.conversions
    first = said[0]
    # "only 35% book again": coming back is no first commitment to name a stage for
    sure = [c for c in said if c.confidence >= 0.7 and not _AGAIN.search(c.text)]
    return sure[0].text if first.confidence < 0.7 and sure else first.text


_AGAIN = re.compile(r"\b(?:again|re-?book\w*|renew\w*|re-?order\w*|re-?enrol\w*)\b", re.I)


_ALREADY = re.compile(
    r"^(?:our\s+|existing\s+|current\s+)?(?:members|subscribers|regulars|existing customers|"
    r"renewing customers)\b",
    re.IGNORECASE,
)


def _ensure_conversion(plan: list[_Slot], reading: BriefReading) -> None:
    """A stage is named for the conversion the brief names: the purchase stage is renamed, or
    one is put in where the purchase happens."""
    if not reading.conversions:
        return
    conversion = main_conversion(reading)
    verb = re.split(r"[\s-]+", conversion.lower())[0]
    if any(verb in re.split(r"[\s-]+", slot.name.lower()) for slot in plan):
        return
    nouns_ = {w for w in re.findall(r"[a-z]{4,}", conversion.lower())} - {verb}
    early = (Phase.awareness, Phase.consideration, Phase.purchase)
    if any(  # "Test drive" for "book a test drive"; not "Check collections" for "book
        # bulky waste collections": most of the conversion's nouns must be in the name
        slot.phase in early
        and bool(nouns_)
        and len(nouns_ & set(re.findall(r"[a-z]{4,}", slot.name.lower()))) >= min(2, len(nouns_))
        for slot in plan
    ):
        return  # the stage is there under its own name ("Test drive" for "book a test drive")
    name = _stage_name(conversion)
    for slot in plan:
        if slot.phase == Phase.purchase and not slot.told:  # a narrated step keeps its words
            if slot.spec is not None and slot.spec.keeps_name:
                return
            slot.name = name
            return
    if any(s.phase == Phase.purchase for s in plan):  # the brief narrates the commitment in
        return  # its own words ("Submit a pre-app"): no second stage for it
    at = next((n for n, s in enumerate(plan) if s.phase and ORDER.index(s.phase) > 2), len(plan))
    plan.insert(at, _Slot(name, Phase.purchase))


# The step before people commit, where many drop off: a trial, a taster, a tour, a test.
_TRY_STEP = re.compile(
    r"\b((?:(?:free|paid|initial|first|short|[\w-]+-(?:day|week|month)|"
    r"(?:\d+|one|two|three|four|five|six|seven|ten|fourteen|thirty)\s(?:day|week|month)s?)"
    r"\s+)?(?:[\w-]+\s+)?"
    r"(?:trial|taster|tour|viewing|consultation|placement test|test drive|tasting|demo|"
    r"discovery call|site survey|survey|assessment|hearing check|quote visit|test area|test plot|"
    r"trial plot|demo plot|pilot project|pilot scheme|pilot run))s?\b",
    re.IGNORECASE,
)


_AFTER_BUYING = re.compile(
    r"\bafter\s+(?:the\s+)?(?:fitting|install\w*|delivery|purchase|buying|they\s+buy|"
    r"they\s+sign|signing|setup|set-up)\b[^.;]*$",
    re.IGNORECASE,
)


def _ensure_try_step(plan: list[_Slot], reading: BriefReading) -> None:
    """The step the brief names before people commit ("a two-week trial", "a free placement
    test", "book a tour") gets a stage of its own before the conversion, where it is missing."""
    found = next(  # "a buyer's survey flags the ridge": someone else's, not a step of ours
        (
            f
            for f in _TRY_STEP.finditer(reading.text)
            if not re.search(r"['’]s?\s*$", reading.text[: f.start()])
        ),
        None,
    )
    if found is None:
        return
    phrase = re.sub(r"^(?:a|an|the|our|their|my)\s+", "", found.group(1).strip(), flags=re.I)
    key = found.group(0).split()[-1].lower().rstrip("s")
    if any(key in slot.name.lower() for slot in plan):
        return
    if _AFTER_BUYING.search(reading.text[max(0, found.start() - 60) : found.start()]):
        # "After fitting there's a 45 day trial": a trial of what was bought, after it: the
        # first stage after the commitment is that trial
        after = next((s for s in plan if s.phase == Phase.onboarding and not s.told), None)
        if after is not None:
            after.name = "The " + re.sub(r"^(\d+)\s(day|week|month)s?\b", r"\1-\2", phrase)
        return
    at = next((n for n, s in enumerate(plan) if s.phase == Phase.purchase), None)
    if at is None:
        return
    plan.insert(at, _Slot(_stage_name(phrase), Phase.consideration))


def _ensure_moments(plan: list[_Slot], reading: BriefReading, slots: dict[str, str]) -> None:
    """The moment a stated problem happens at gets a stage named for it, where no stage names
    it yet: the phase's general stage is renamed ("Get started" -> "Delivery by courier", "Use
    the service" -> "On the day of the visit"), or, where the phase has none, one is put in
    where the phase comes. A step before people commit ("Get the referral") is put in before
    the commitment. Two moments at most, one per phase."""
    done: set[Phase] = set()
    for problem in reading.problems:
        moment = _moment_told(problem, reading)
        if moment is None or moment.phase in done or len(done) == 2:
            continue
        if problem.phase is not None and problem.phase != moment.phase:
            continue  # the brief says where it bites ("the problem is at checkout: ...")
        if any(stands_for(slot.name, moment) for slot in plan):
            done.add(moment.phase)
            for slot in plan:  # a told step names it ("Come to a preparation evening"): the
                if stands_for(slot.name, moment) and slot.spec is None and slot.template is None:
                    slot.spec = _moment_slot(moment).spec  # moment's lines, not the phase's
                    break
            continue
        done.add(moment.phase)
        before = moment.phase in (Phase.consideration, Phase.purchase)  # the commitment
        if not before:
            general = _named(moment.phase, reading, slots).lower()
            same = [s for s in plan if s.phase == moment.phase and not s.told]
            renamed = next((s for s in same if s.name.lower() == general), None)
            if renamed is not None:  # the general stage, now the moment's, says its lines
                renamed.name = moment.name
                if renamed.spec is None and renamed.template is None:
                    renamed.spec = _moment_slot(moment).spec
                continue
            own = [n for n, s in enumerate(plan) if s.phase == moment.phase]
            if own and moment.own:  # a moment of its own after the phase's stages ("The
                # shoot or wedding day", then "Get the photos")
                plan.insert(own[-1] + 1, _moment_slot(moment))
                continue
            if same:  # the phase's stage has a name of its own ("Book the next appointment")
                continue
        at = next(
            (
                n
                for n, s in enumerate(plan)
                if s.phase
                and (
                    ORDER.index(s.phase) >= ORDER.index(Phase.purchase)
                    if before
                    else ORDER.index(s.phase) > ORDER.index(moment.phase)
                )
            ),
            len(plan),
        )
        plan.insert(at, _moment_slot(moment))


def _moment_told(problem: Problem, reading: BriefReading) -> Moment | None:
    """The moment a problem names, or else the one its sentence names where that is the
    problem's own phase ("When something breaks, customers send the laptop to us and it takes
    around 3 weeks": the repair)."""
    moment = moment_of(problem.text)
    if moment is not None or problem.phase is None:
        return moment
    source = problem.source or problem.text
    told = next((t for t in sentences(reading.text) if source in t), "")
    around = moment_of(told) if told else None
    return around if around is not None and around.phase == problem.phase else None


def _moment_slot(moment: Moment) -> _Slot:
    """A stage for a moment, with what people need, ask and do then ("Get the photos":
    "When will we finally see our photos?"), not the phase's general lines."""
    spec = _ShapeStage(
        phase=moment.phase,
        name=moment.name,
        goal=moment.need or None,
        thoughts=[moment.worry] if moment.worry else None,
        actions=list(moment.actions) or None,
    )
    return _Slot(moment.name, moment.phase, None, spec)


# A step the stated problem says people never take after committing: "loads of them never
# send the swab back", "they never do a first shift"
_UNDONE = re.compile(
    r"\b(?:never|don'?t|do\s+not|doesn'?t|didn'?t|won'?t)\s+(?:actually\s+|even\s+|ever\s+)?"
    r"(?P<act>(?:(?:send|post|return|bring|do|finish|complete|attempt|pick\s+up|collect)\s+"
    r"(?:the|a|an|their|back|in)|(?:show|turn)(?:\s+up)?\s+(?:for|to|at|on)\s+(?:the|a|an|their)"
    r"|report\s+(?:for|to|at|on)\s+(?:the|a|an|their)|make\s+it\s+to\s+(?:the|a|an|their))"
    r"\b[^,.;:()]{2,40}"
    r"|(?:send|post|return|bring)\s+(?:it|them)\s+(?:back|in)\b[^,.;:()]{0,40})",  # "send it back"
    re.IGNORECASE,
)


# … or that only some take: "only about a third of referred patients actually come for surgery"
_ONLY_SOME_DO = re.compile(
    r"\b(?:only|just|barely|hardly)\b[^,.;:()]{0,50}?\s(?:actually\s+|ever\s+|then\s+)?"
    r"(?P<act>(?:(?:come|comes|turn\s+up|turns\s+up|show\s+up|shows\s+up|go|goes)\s+"
    r"(?:in\s+|back\s+)?for|(?:report|reports|turn\s+up|turns\s+up|show\s+up|shows\s+up)\s+"
    r"(?:on|at|to)|make\s+it\s+to)\s+(?:the\s+|their\s+|a\s+|an\s+)?[a-z]+(?:\s+[a-z]+)?)",
    re.IGNORECASE,
)


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _undone_act(problem: str) -> str | None:
    """The step a problem says people never take, or only some take ("send the swab back",
    "come for surgery"), in two to six words; ``None`` when it names none."""
    found = _UNDONE.search(problem) or _ONLY_SOME_DO.search(problem)
    if found is None:
        return None
    if re.search(
        r"\b(?:i|we)(?:\s+(?:just|still|also|often|usually|\w+ly))?\s*$",
        problem[: found.start()],
        re.I,
    ):
        return None  # "mostly since I never send a reminder": the owner's own, not a step
    verb, _, rest = found["act"].partition(" ")  # "send it back - it just sits there"
    rest = re.split(r"\s+(?:(?:and|but|so|because|it|they|which|or)\b|[-–—])", rest)[0]
    act = f"{verb} {rest}"
    act = re.sub(r"\s+(?:in\s+(?:time|their|the)\b.*)$", "", act).strip()
    act = re.sub(r"^(come|turn|show|go|report)e?s\b", r"\1", act, flags=re.I)  # "comes for"
    if not 2 <= len(act.split()) <= 6:
        return None
    return re.sub(r"^(show|turn)\s+(?!up\b)", r"\1 up ", act, flags=re.I)  # "show for a shift"


# A told step of sending something back by post or courier: "drop it at Canada Post", "post
# the kit back", "send it back USPS", "hand it in at the post office" (not "Send a WhatsApp")
_SENDS = re.compile(
    r"(?:send|sends|post|posts|mail|mails|ship|ships|courier|return|returns|lodge)\s+"
    r"(?:\S+\s+){0,3}?(?:back|in|off|to\s+us)\b"
    r"|(?:drop|drops|hand|hands|take|takes|post|posts|send|sends)\s+(?:\S+\s+){0,3}?(?:at|to|in\s+at|"
    r"off\s+at|into|via|by)\s+(?:the\s+|a\s+)?(?:\w+\s+)?(?:post|post\s+office|courier|depot|locker|"
    r"parcel\s+shop|pick-?up\s+point)\b",
    re.IGNORECASE,
)


def _does_act(name: str, act: str) -> bool:
    """Whether a stage's name is the step an act names: itself ("Send the swab back"), or
    for sending it back, a told step of posting it ("Drop it at Canada Post")."""
    low = name.lower()
    if low in (_stage_name(act).lower(), act.lower()) or low.startswith(f"{act.lower()} "):
        return True  # "Bring the child for measuring" of "never bring the child"
    return bool(re.match(r"(?:send|post|return)\b", act, re.I) and _SENDS.match(low))


def _ensure_undone_step(plan: list[_Slot], reading: BriefReading) -> None:
    """The step a stated problem says people never take ("never send the swab back"), or that
    only some take ("only a third … come for surgery"), gets a stage of its own after the
    moment before it, where no stage names it: the problem then sits where it happens, not at
    the step before."""
    for problem in reading.problems[:1]:
        act = _undone_act(problem.text)
        if act is None or problem.phase not in (Phase.onboarding, Phase.usage, None):
            if act is None or problem.phase != Phase.purchase:
                continue
            # "only half report on the opening day", read as lost at the commitment: the act
            # (never the commitment itself, see _UNDONE) is the first step after it
            problem = problem.model_copy(update={"phase": Phase.onboarding})
        words = act.lower().split()
        nouns = {w for w in words[1:] if len(w) > 3 and w not in ("back", "their", "first")}
        if any(
            nouns & set(re.findall(r"[a-z]+", slot.name.lower()))
            and re.search(rf"\b{re.escape(words[0])}", slot.name.lower())
            or slot.told
            and _does_act(slot.name, act)
            for slot in plan
        ):
            continue  # "Send the swab back" is there already, or "Drop it at Canada Post"
        phase = problem.phase or Phase.onboarding
        told = [n for n, slot in enumerate(plan) if slot.told and slot.phase is not None
                and ORDER.index(slot.phase) <= ORDER.index(phase)]  # fmt: skip
        name = _cap(act)  # "Show up for a first work day", whole
        if told:
            at = told[-1] + 1
            plan.insert(at, _Slot(name, plan[told[-1]].phase or phase))
            continue
        # no step told before it ("people sign up through the form …; most never show for a
        # first shift"): the act follows the commitment, in the first stage after it
        committed = [n for n, slot in enumerate(plan) if slot.phase == Phase.purchase]
        if not committed or phase == Phase.usage:
            continue
        at = committed[-1] + 1
        after = plan[at] if at < len(plan) else None
        if after is not None and after.name.lower() in {
            _stage_name(s.text).lower() for s in reading.steps
        }:
            continue  # the brief's own step stands there ("Come to a preparation evening")
        if after is not None and after.phase == Phase.onboarding and after.template is None:
            after.name = name  # "The first weeks" is this step
        else:
            plan.insert(at, _Slot(name, Phase.onboarding))


# Two moments a problem happens between: "between design approval and build", "drop out
# between registering and their first shift" (not "between April and September")
_BETWEEN = re.compile(
    r"\bbetween\s+(?:the\s+|their\s+|our\s+|my\s+|a\s+|an\s+)?"
    r"(?P<a>[a-z][\w'-]*(?:\s+[a-z][\w'-]*){0,2}?)"
    r"\s+and\s+(?:the\s+|their\s+|our\s+|my\s+|a\s+|an\s+)?(?P<b>[a-z][\w'-]*(?:\s+[a-z][\w'-]*){0,2}?)"
    r"(?=\s*(?:[:,.;()]|[-–]\s|$)|\s+(?:is|are|was|were|we|they|nearly|most|half|about|maybe|"
    r"lots|many|takes?|can|often|usually)\b)",
    re.IGNORECASE,
)
_NO_MOMENT = re.compile(
    r"^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*$|^(?:mon|tues|wednes|thurs|"
    r"fri|satur|sun)days?$|^\d",
    re.IGNORECASE,
)


def _ensure_between(plan: list[_Slot], reading: BriefReading) -> None:
    """The two moments a stated problem happens between ("between design approval and build")
    get stages of their own where none names them, in journey order: the problem then sits
    at the first, where people are lost."""
    for problem in reading.problems[:1]:
        found = _BETWEEN.search(problem.text)
        if found is None:
            continue
        said = [found["a"].strip(), found["b"].strip()]
        if any(_NO_MOMENT.match(m) or not content_words(m) for m in said):
            continue
        first = problem.phase or Phase.purchase
        phases = [first, ORDER[min(ORDER.index(first) + 1, len(ORDER) - 1)]]
        at = 0
        for moment, phase in zip(said, phases, strict=True):
            name = _stage_name(base_form(moment))
            name = name[:1].upper() + name[1:]
            own = content_words(moment)
            named = next(
                (n for n, s in enumerate(plan) if own <= content_words(s.name.replace("-", " "))),
                None,
            )
            if named is not None:
                at = named + 1
                continue
            where = next(
                (
                    n
                    for n, s in enumerate(plan)
                    if n >= at and s.phase and ORDER.index(s.phase) > ORDER.index(phase)
                ),
                len(plan),
            )
            plan.insert(where, _Slot(name, phase))
            at = where + 1


# A step the business does for them, said from their side ("Get a reminder email"): its
# moment is no surer than a noun's
# moment is no surer than a noun's; nor is paying, which may come after the work
_UNSURE_STEP = re.compile(r"(?:get|pay|pays|paying)\b", re.IGNORECASE)


def _fill_phases(phases: list[Phase | None], sure: list[bool] | None = None) -> list[Phase]:
    """Phases for narrated steps: each step's own, else the one between its neighbours, kept
    in journey order (a step never goes back to an earlier phase). A step whose moment is
    later than that of a step told after it which the customers do (``sure``: "pick up in the
    afternoon", not "Airline booking") has it wrong, and is placed between its neighbours."""
    phases = list(phases)
    sure = sure if sure is not None else [True] * len(phases)
    first, second = (phases + [None, None])[:2]
    if first is not None and second is not None and ORDER.index(first) > ORDER.index(second):
        phases[0] = None  # "families ring us, we arrange collection": a first contact
    out: list[Phase] = []
    for n, phase in enumerate(phases):
        previous = out[-1] if out else None
        ahead = [  # the moments said for the steps after it, not before this one's
            ORDER.index(p)
            for p, certain in zip(phases[n + 1 :], sure[n + 1 :], strict=True)
            if p is not None
            and certain
            and (previous is None or ORDER.index(p) >= ORDER.index(previous))
        ]
        if phase is not None and previous is not None and ahead and ORDER.index(phase) > min(ahead):
            phase = None  # a step said later is earlier in the journey: this one's cue is wrong
            # ("book, get a reminder email (usage?), bring the car, pick up (onboarding)")
        if phase is None or (previous and ORDER.index(phase) < ORDER.index(previous)):
            later = next((p for p in phases[n + 1 :] if p is not None), None)
            if previous is None:
                phase = Phase.awareness if later != Phase.awareness else Phase.awareness
            elif (later is not None and ORDER.index(later) > ORDER.index(previous) + 1) or (
                # the narration goes on past the last step it gives a moment for
                later is None and phase is None and ORDER.index(previous) < ORDER.index(Phase.usage)
            ):
                phase = ORDER[ORDER.index(previous) + 1]
            else:
                phase = previous
        out.append(phase)
    return out


# --- stage content ---------------------------------------------------------------------------


def sibling_markers(pack: IndustryPack, reading: BriefReading) -> list[str]:
    """Words of the kinds of business the pack covers that this brief is not: content naming
    them is left out of the map (see :meth:`IndustryPack.other_kinds_words`)."""
    here = reading.region.text if reading.region else None
    other_countries = [
        term
        for region, terms in lexicon()["region_terms"].items()
        if here is not None and region != here
        for term in terms
    ]  # "GOV.UK 'Find your local council'" is no line for an Irish county council
    return [*pack.other_kinds_words(reading.text), *other_countries, *unpaid_words(reading)]


# What a free service asks no one for: lines about it are left out of its map and personas
# (a free camp's patients show no insurance card and check no prices)
_UNPAID = ["price", "prices", "pricing", "pay", "pays", "paid", "paying", "payment", "deposit",
           "fee", "fees", "checkout", "invoice", "billing", "bill", "bills", "billed", "refund",
           "discount", "insurance", "statement", "statements",
           "insurer", "in-network", "network", "copay", "deductible", "self-payer",
           "out of pocket"]  # fmt: skip


def shape_persona_goal(reading: BriefReading) -> str | None:
    """What a customer of the brief's journey shape wants most ("Get someone there fast when
    something goes wrong …"), in the business's nouns, when no industry pack speaks for it."""
    if reading.industry.used or reading.shape is None:
        return None
    shape = shapes().get(reading.shape.text)
    if shape is None or not shape.persona_goal:
        return None
    said = _fill(shape.persona_goal, nouns(reading))
    return said[:1].upper() + said[1:]


def unpaid_words(reading: BriefReading) -> list[str]:
    """The words of paying, for a free service or for volunteers giving their time (lines
    about them are dropped); none else."""
    unpaid = reading.has("free_service") or volunteering(reading)
    # a charity's brief that never speaks of money (a donor register, voter registration):
    # no bill, price or deposit is made up for it
    unsaid = reading.sector.text == "nonprofit" and not _MONEY.search(reading.text)
    return _UNPAID if unpaid or unsaid else []


# Any word of money changing hands: a brief that says one is not taken as free
_MONEY = re.compile(
    r"\b(?:pay|pays|paid|paying|payment|price|prices|priced|fee|fees|charge|charges|cost|costs|"
    r"sell|sells|selling|sold|buy|buys|bought|subs|subscription|membership fee|donat\w*|"
    r"gift aid|fundrais\w*|sponsor\w*|ticket\w*|per (?:hour|session|month|year|week))\b"
    r"|[£$€₹₦]\s?\d|\d\s?(?:k|m)?\s?(?:euros?|dollars?|pounds?|rand|naira|rupees?)\b",
    re.IGNORECASE,
)


def volunteering(reading: BriefReading) -> bool:
    """Whether the journey is of people giving their time (volunteers signing up), in which
    nothing is bought."""
    return reading.shape is not None and reading.shape.text == "volunteering"


def stage_from_template(
    name: str,
    template: IndustryStage,
    markers: list[str] | None = None,
    kind: str | None = None,
    kinds: bool = False,
) -> Stage:
    """A stage from an industry pack's template, leaving out what names another kind of
    business (``markers``) and, in a pack of several kinds (``kinds``), what the pack marks as
    fitting only kinds other than ``kind``. Everything is inferred."""
    markers = markers or []

    def ok(text: str, key: str | None = None) -> bool:
        return not mentions(text, markers) and (not kinds or template.fits(key or text, kind))

    slug = slugify(name)
    kept_pains = [p for p in template.pain_points if ok(p.description, p.id)]
    kept_opps = [
        o
        for o in template.opportunities
        if o.addresses in {p.id for p in kept_pains} and ok(o.description)
    ]
    kept_pains = [p for p in kept_pains if p.id in {o.addresses for o in kept_opps}]
    ids = {p.id: f"pp-{slug}-{n}" for n, p in enumerate(kept_pains, 1)}
    touchpoints = [t for t in template.touchpoints if ok(t.name)]
    actions = [a for a in template.actions if ok(a)]
    thoughts = [t for t in template.thoughts if ok(t)]
    return Stage(
        name=name,
        customer_goal=(
            template.customer_goal
            if template.customer_goal and ok(template.customer_goal)
            else None
        ),
        actions=actions,  # none rather than another kind's (the critique then asks for them)
        thoughts=thoughts,
        touchpoints=[
            Touchpoint(name=t.name, channel=t.channel, ownership=t.ownership, provenance=INFERRED)
            for t in touchpoints
        ],
        emotion=Emotion(score=template.emotion, provenance=INFERRED),
        pain_points=[
            PainPoint(
                id=ids[p.id],
                description=p.description,
                severity=p.severity,
                kind=p.kind.value,
                provenance=INFERRED,
            )
            for p in kept_pains
        ],
        opportunities=[
            Opportunity(
                description=o.description,
                addresses=ids[o.addresses],
                impact=o.impact,
                effort=o.effort,
                owner=o.owner if o.owner and ok(o.owner) else None,
                kpi=o.kpi if o.kpi and ok(o.kpi) else None,
                provenance=INFERRED,
            )
            for o in kept_opps
        ],
        kpis=[KPI(name=k, provenance=INFERRED) for k in template.kpis if ok(k)],
        owners=[o for o in template.owners if ok(o)],
        moments_of_truth=[m for m in template.moments_of_truth if ok(m)],
    )


# A conversion that says how it is done already ("order on WhatsApp", "apply through a
# form") makes no touchpoint of "<it> online" or "Phone call to <it>"
_SAYS_HOW = re.compile(
    r"\b(?:online|on|through|via|by|using|form|website|app|dm|message|call|ring|phone|email)\b",
    re.IGNORECASE,
)


def _stock_pair(
    pain_id: str, pain: _Pain, fix: _Fix, slots: dict[str, str]
) -> tuple[PainPoint, Opportunity]:
    """A catalogue pain and the idea that answers it, in the business's words, inferred."""
    said = PainPoint(
        id=pain_id,
        description=_fill(pain.text, slots),
        severity=pain.severity,
        kind=pain.kind.value,
        provenance=INFERRED,
    )
    return said, Opportunity(
        description=_fill(fix.text, slots),
        addresses=said.id,
        impact=fix.impact,
        effort=fix.effort,
        owner=fix.owner,
        kpi=_fill(fix.kpi, slots),
        provenance=INFERRED,
    )


def _generic(
    name: str, phase: Phase, slots: dict[str, str], allowed: set[Channel] | None = None
) -> Stage:
    spec = phrasing().stages[phase]
    slug = slugify(name)
    touchpoints = [
        Touchpoint(name=_fill(t.name, slots), channel=t.channel, provenance=INFERRED)
        for t in phrasing().touchpoints[phase]
        if (allowed is None or t.channel in allowed)
        and not ("{conv" in t.name and _SAYS_HOW.search(slots.get("conv", "")))
    ][:2]
    pain, fix = _stock_pair(f"pp-{slug}-1", spec.pain, spec.fix, slots)
    return Stage(
        name=name,
        customer_goal=_fill(spec.goal, slots),
        actions=[_fill(a, slots) for a in spec.actions],
        thoughts=[_fill(t, slots) for t in spec.thoughts],
        emotion=Emotion(score=spec.emotion, provenance=INFERRED),
        touchpoints=touchpoints,
        pain_points=[pain],
        opportunities=[fix],
        kpis=[KPI(name=_fill(k, slots), provenance=INFERRED) for k in spec.kpis],
        owners=list(spec.owners),
    )


def _shaped(
    stage: Stage, spec: _ShapeStage, slots: dict[str, str], allowed: set[Channel] | None
) -> Stage:
    """A generic stage with what the journey shape says of it in its place."""
    if spec.goal:
        stage.customer_goal = _fill(spec.goal, slots)
    if spec.actions:
        stage.actions = [_fill(a, slots) for a in spec.actions]
    if spec.thoughts:
        stage.thoughts = [_fill(t, slots) for t in spec.thoughts]
    if spec.emotion:
        stage.emotion = Emotion(score=spec.emotion, provenance=INFERRED)
    if spec.touchpoints:
        own = [
            Touchpoint(name=_fill(t.name, slots), channel=t.channel, provenance=INFERRED)
            for t in spec.touchpoints
            if allowed is None or t.channel in allowed
        ]
        if own:
            stage.touchpoints = own
    if spec.pain and spec.fix:
        pain = stage.pain_points[0]
        pain.description = _fill(spec.pain.text, slots)
        pain.kind, pain.severity = spec.pain.kind.value, spec.pain.severity
        fix = stage.opportunities[0]
        fix.description = _fill(spec.fix.text, slots)
        fix.impact, fix.effort = spec.fix.impact, spec.fix.effort
        fix.owner, fix.kpi = spec.fix.owner, _fill(spec.fix.kpi, slots)
    if spec.kpis:
        stage.kpis = [KPI(name=_fill(k, slots), provenance=INFERRED) for k in spec.kpis]
    if spec.owners:
        stage.owners = list(spec.owners)
    return stage


def lifecycle_email(name: str, slots: dict[str, str]) -> Stage:
    """An email-journey stage (Welcome, Nurture, Abandonment...): one lifecycle message."""
    slug = slugify(name)
    pain = PainPoint(
        id=f"pp-{slug}-1",
        description=f"The {name.lower()} email from {slots['biz']} is generic and arrives at "
        "the wrong moment",
        severity=Level.medium,
        kind=PainKind.personalisation.value,
        provenance=INFERRED,
    )
    return Stage(
        name=name,
        customer_goal=f"Get a useful {name.lower()} email from {slots['biz']} at the right time",
        actions=[f"Receives the {name.lower()} email", "Opens it and clicks through"],
        touchpoints=[
            Touchpoint(name=f"{name} email", channel=Channel.email, provenance=INFERRED),
            Touchpoint(name=f"{name} landing page", channel=Channel.website, provenance=INFERRED),
        ],
        emotion=Emotion(score=3, provenance=INFERRED),
        pain_points=[pain],
        opportunities=[
            Opportunity(
                description=f"Send the {name.lower()} email when it is triggered by what the "
                "person just did, with content for that moment",
                addresses=pain.id,
                impact=Level.medium,
                effort=Level.low,
                owner="CRM",
                kpi="Click-through rate (%)",
                provenance=INFERRED,
            )
        ],
        kpis=[
            KPI(name="Open rate (%)", provenance=INFERRED),
            KPI(name="Click-through rate (%)", provenance=INFERRED),
        ],
        owners=["CRM"],
    )


def _build(
    slot: _Slot,
    slots: dict[str, str],
    markers: list[str],
    allowed: set[Channel],
    kind: tuple[str | None, bool] = (None, False),
) -> Stage:
    """A stage's content: the pack's (without other kinds of business; ``kind``: the brief's
    kind, and whether the pack has kinds), topped up with generic content in the business's
    words where the pack has nothing left for it."""
    if slot.phase is None:
        return lifecycle_email(slot.name, slots)
    phase = slot.phase
    generic = _generic(slot.name, phase, slots, allowed)
    own = phrasing().sectors.get(slots.get("sector", ""), {}).get(phase)
    if own is not None:  # a firm, a public service or a charity, in its own words
        spec = _ShapeStage(phase=phase, name=slot.name, **own.model_dump(exclude_none=True))
        generic = _shaped(generic, spec, slots, None)
    if slot.template is None:
        return _shaped(generic, slot.spec, slots, allowed) if slot.spec else generic
    stage = stage_from_template(slot.name, slot.template, markers, *kind)
    if not stage.pain_points:
        stage.pain_points, stage.opportunities = generic.pain_points, generic.opportunities
    if not stage.touchpoints:
        stage.touchpoints = generic.touchpoints
    if not stage.kpis:
        stage.kpis = generic.kpis
    return stage


# --- what the brief said, placed -------------------------------------------------------------


def _words(text: str) -> set[str]:
    stop = {"the", "and", "for", "with", "our", "they", "them", "their", "from", "that", "this"}
    return {w for w in re.findall(r"[a-z]{3,}", text.lower()) if w not in stop}


def _own_words(name: str) -> str:
    """A stage's name without the business it names: "Discover the hospital trust business"
    says nothing of where a problem about the hospital happens."""
    return re.sub(r"\bthe\s+[\w' -]+?\s+business\b", "", name, flags=re.I)


# Words that place a moment at the end of its phase ("off-hire", "the final invoice")
_AT_THE_END = re.compile(
    r"\b(?:end of (?:the|their|a) (?:job|hire|stay|contract|project|work|course|visit)|"
    r"off[- ]hire|dismantl\w*|strik(?:e|ing) (?:the|it)|final invoices?|at the end)\b",
    re.IGNORECASE,
)


def _best_stage(
    stages: list[Stage],
    phases: list[Phase],
    phase: Phase | None,
    text: str,
    unplaced: Phase | None = None,
) -> int:
    """The stage for something the brief said: the one stage whose name holds the noun it
    opens with, when a verb follows ("permits can take 6+ weeks" -> "County permits"); else
    the one with that phase (the closest name first), else the one whose name it shares words
    with, else the stage nearest its phase.
    With no phase: the stage whose name or actions share most of its words, else the one
    nearest ``unplaced`` (else the first stage). A stage's stock actions ("Hear about ...")
    never outweigh a phase the brief's words gave."""
    from .understanding.content import content_words

    words = content_words(text)
    # a word in two or more stage names says nothing about which one ("the term business" of
    # "Discover the term business" and "Come back to the term business")
    counts: dict[str, int] = {}
    for stage in stages:
        for word in content_words(_own_words(stage.name)):
            counts[word] = counts.get(word, 0) + 1
    words -= {w for w, n in counts.items() if n > 1}

    def overlap(i: int) -> tuple[int, int]:  # the stage's name first, then what people do there
        stage = stages[i]
        named = len(words & content_words(_own_words(stage.name)))
        return named, len(words & content_words(" ".join(stage.actions[:2])))

    subject = re.match(
        r"\s*(?:(?:the|our|their|most|many|some|all)\s+)?([a-z][\w-]+)\b", text.lower()
    )
    head = content_words(subject.group(1)) & words if subject else set()
    said_of = [  # "permits can take 6+ weeks": the problem is said of the "County permits" stage
        i
        for i, stage in enumerate(stages)
        if head and head <= content_words(_own_words(stage.name))
    ]
    if (
        len(said_of) == 1
        and subject
        and re.match(
            rf"\s*(?:\w+\s+)?{re.escape(subject.group(1))}(?:\s+\w+)?\s+"
            r"(?:can|could|often|always|usually|sometimes|take|takes|took|are|is|were|was|keep|"
            r"keeps|get|gets|run|runs|come|comes)\b",
            text.lower(),
        )
    ):
        return said_of[0]
    if phase is not None:
        same = [i for i, p in enumerate(phases) if p == phase]
        if same and not any(any(overlap(i)) for i in same) and _AT_THE_END.search(text):
            return same[-1]  # "the end of the job - off-hire": the last stage of its phase
        if same:
            return max(same, key=lambda i: (overlap(i), -i))
        named = max(range(len(stages)), key=lambda i: (overlap(i)[0], -i))
        if overlap(named)[0]:
            return named
    else:
        shared = max(range(len(stages)), key=lambda i: (overlap(i), -i))
        if any(overlap(shared)):
            return shared
    phase = phase or unplaced
    if phase is not None:
        return min(
            range(len(stages)), key=lambda i: abs(ORDER.index(phases[i]) - ORDER.index(phase))
        )
    return 0


def _step_stage(stages: list[Stage], phases: list[Phase], step: Step) -> int:
    """The stage a told step is placed in: its own stage where it has one, else the best."""
    named = _stage_name(step.text).lower()
    own = next((n for n, s in enumerate(stages) if s.name.lower() == named), None)
    if own is not None:
        return own
    # a step told with no phase goes by all its words ("send a message on our KakaoTalk
    # Channel to ask prices": at "Check the spec and price", not the first stage)
    said = step.text if step.phase is not None else f"{step.text} {step.action}"
    return _best_stage(stages, phases, step.phase, said)


def _place_steps(stages: list[Stage], phases: list[Phase], reading: BriefReading) -> None:
    for step in reading.steps:
        i = _step_stage(stages, phases, step)
        action = step.action or step.text
        if action.lower() not in {a.lower() for a in stages[i].actions}:
            stages[i].actions.insert(0, action)


def _place_where(
    stages: list[Stage], phases: list[Phase], reading: BriefReading, slots: dict[str, str]
) -> None:
    """Where the business is goes where people look for it ("Look for dry stone walling in
    the Dales"), unless it only sells online."""
    if reading.place is None or reading.has("online_only"):
        return
    i = next((n for n, p in enumerate(phases) if p == Phase.awareness), 0)
    thing = slots["offer"] if slots["offer"] != "the service" else slots["biz"]
    on = re.match(r"(?:on|along)\b", reading.place.source, re.I)  # as the brief said it
    action = f"Look for {thing} {'on' if on else 'in'} {reading.place.text}"  # on a canal
    if reading.place.text.lower() not in " ".join(stages[i].actions).lower():
        stages[i].actions.insert(0, action)


def _place_details(stages: list[Stage], phases: list[Phase], reading: BriefReading) -> None:
    """What else the brief says about a moment goes on its stage (two per stage at most): the
    customer's doings as actions, the business's in the backstage lane."""
    added = [0] * len(stages)
    for detail in reading.details:
        i = _best_stage(stages, phases, detail.phase, detail.source)
        if added[i] >= 2:
            continue
        added[i] += 1
        lane = stages[i].backstage_actions if detail.by_business else stages[i].actions
        if detail.text.lower() not in {a.lower() for a in lane}:
            lane.append(detail.text)


def _place_channels(stages: list[Stage], phases: list[Phase], reading: BriefReading) -> None:
    for named in reading.channels:
        phase = named.phase or _CHANNEL_PHASE.get(named.channel)
        i = _best_stage(stages, phases, phase, named.source if named.phase else "")
        said = content_words(named.source) if named.source else set()
        told = [  # "they pay thru GCash": on the "Pay" stage the brief told
            n for n, stage in enumerate(stages) if said and content_words(stage.name) <= said
            and content_words(stage.name)
        ]  # fmt: skip
        if len(told) == 1:
            i = told[0]
        name = named.text[:1].upper() + named.text[1:]  # under the brief's own name,
        if named.platform:  # and a platform as it is written ("canalholidays.com", "eBay")
            name = named.text
        stage = stages[i]
        same = [t for t in stage.touchpoints if t.name.lower() == name.lower()]
        for t in same:
            t.provenance = USER
        if not same:
            stage.touchpoints.insert(
                0,
                Touchpoint(
                    name=name,
                    channel=named.channel,
                    provenance=USER,
                    description=f"From the brief: “{named.source[:120]}”",
                ),
            )


def _drop_stock_where_told(stages: list[Stage], phases: list[Phase], slots: dict[str, str]) -> None:
    """The catalogue's stock touchpoints give way to the brief's own: where people hear of the
    business, all of them ("Leads come from GreenTech Amsterdam and our dealers" leaves no
    room for "Search results for …"); elsewhere, one on a channel the brief named there
    ("Word of mouth" is not also "Recommendations from people who used …")."""
    for stage, phase in zip(stages, phases, strict=True):
        told = [t for t in stage.touchpoints if t.provenance == USER]
        if not told:
            continue
        stock = {_fill(t.name, slots).lower() for t in phrasing().touchpoints[phase]}
        told_on = {t.channel for t in told}
        stage.touchpoints = [
            t
            for t in stage.touchpoints
            if t.provenance == USER
            or t.name.lower() not in stock
            or (phase != Phase.awareness and t.channel not in told_on)
        ]


_MET_IN_PERSON = {"hire", "appointment", "quote", "ticket", "inspection", "service_contract"}


def _runs(reading: BriefReading) -> set[Channel]:
    """The channels the brief says the business runs (not search, word of mouth or reviews)."""
    return reading.channel_set - _MET_ANYWAY - {Channel.other}


def _allowed_channels(reading: BriefReading) -> set[Channel]:
    """The channels a touchpoint may be drafted on: the brief's, those the business is met on
    anyway, and website and email when the brief names no channel it runs; never one the
    brief says it does without."""
    named = reading.channel_set
    allowed = named | _MET_ANYWAY
    if not _runs(reading):
        allowed |= _UNIVERSAL
    elif named & _ORDERS_ONLINE:
        allowed.add(Channel.email)
    if _runs(reading) and not named & _ONLINE:
        allowed.discard(Channel.review_sites)  # a stall with a phone sends nobody to reviews
    if reading.fulfilment and reading.fulfilment.text in ("collection", "on_site", "mixed"):
        allowed.add(Channel.physical)
    if reading.shape and reading.shape.text in _MET_IN_PERSON and not reading.industry.used:
        allowed.add(Channel.physical)  # a hire is picked up, an appointment kept in person
    if reading.shape and reading.shape.text == "callout":  # rung in a hurry, met on the spot
        allowed |= {Channel.phone, Channel.physical}
    if reading.shape and reading.shape.text == "item_service":  # handed in over the counter,
        posted = reading.fulfilment is not None and reading.fulfilment.text == "delivery"
        if posted:  # or sent in by post: nobody comes to the workshop
            allowed.discard(Channel.physical)
        else:
            allowed.add(Channel.physical)
    if reading.has("online_only"):
        allowed.discard(Channel.physical)
    if reading.sector.text == "public" and not _runs(reading):
        allowed |= {Channel.phone, Channel.website}
    if reading.sector.text == "b2b":
        allowed |= {Channel.sales, Channel.phone}
    return allowed - set(reading.lacks)


# A touchpoint whose name says its channel ("Confirmation email", "Customer account") cannot
# be moved to another; one that names only what is sent ("The written quote") can.
_SAYS_CHANNEL = re.compile(
    r"\b(?:e-?mails?|website|web|site|online|app|page|portal|account|landing|newsletter|inbox|"
    r"link|log\s?in|dashboard|chatbot|chat|sms|texts?|calls?|phone|letter|post|in person|"
    r"store|shop|till|counter|social|ads?|video|whatsapp|slack|messenger|telegram|instagram|"
    r"facebook|linkedin|tiktok|youtube|twitter)\b",
    re.IGNORECASE,
)
# The ways a drafted message may go, first the one the brief names first in this order.
_MESSAGING = (Channel.chat, Channel.sms, Channel.email, Channel.phone)
# What a drafted message or page may have been on before it goes the brief's way.
_SENT_ON = {Channel.email, Channel.sms, Channel.chat, Channel.website, Channel.social}


def _messaging(reading: BriefReading, allowed: set[Channel]) -> tuple[Channel, str] | None:
    """The channel a drafted message goes by, and how to say it ("on WhatsApp", "by text")."""
    for channel in _MESSAGING:
        if channel not in allowed:
            continue
        plain = {Channel.chat: "message", Channel.sms: "text"}.get(channel, channel.value)
        return channel, _platform_said(reading, channel, "on {}", f"by {plain}")
    return None


def _prune_channels(
    stages: list[Stage], phases: list[Phase], reading: BriefReading, slots: dict[str, str]
) -> None:
    """Keep the touchpoints on channels the business has. A drafted message on another
    ("The written quote" by email) goes the brief's way ("The written quote on WhatsApp"), and
    a touchpoint that is its channel ("Customer account") goes; every stage keeps one, from the
    phrasing catalogue or the brief's own first channel. A confident pack's people and places
    (cabin crew, check-in desks) stand unless the brief rules them out ("no shop"; an
    online-only brand has no till); only its messages and pages keep to the brief's channels."""
    allowed = _allowed_channels(reading)
    if reading.industry.used:  # the pack's people and places stand; its messages go the
        allowed |= set(Channel) - _SENT_ON - set(reading.lacks)  # brief's way; an app only
        if Channel.mobile_app not in reading.channel_set:  # where the brief has one
            allowed.discard(Channel.mobile_app)
    if reading.has("online_only"):
        allowed.discard(Channel.physical)
    way = _messaging(reading, allowed)
    for stage, phase in zip(stages, phases, strict=True):
        kept: list[Touchpoint] = []
        for t in stage.touchpoints:
            if t.channel in reading.lacks:
                continue  # "Website" from "I don't have a website"
            if t.provenance == USER or t.channel in allowed:
                kept.append(t)
            elif way is not None and t.channel in _SENT_ON and not _SAYS_CHANNEL.search(t.name):
                moved = t.model_copy(update={"channel": way[0], "name": f"{t.name} {way[1]}"})
                if moved.name.lower() not in {k.name.lower() for k in kept}:
                    kept.append(moved)
        if not kept:
            kept = [
                Touchpoint(name=_fill(t.name, slots), channel=t.channel, provenance=INFERRED)
                for t in phrasing().touchpoints[phase]
                if t.channel in allowed
            ][:1]
        if not kept:
            first = next((c for c in reading.channels if c.channel not in reading.lacks), None)
            if first is not None:
                name = first.text if first.platform else first.text[:1].upper() + first.text[1:]
                kept = [Touchpoint(name=name, channel=first.channel, provenance=INFERRED)]
        stage.touchpoints = kept


# A business of one or a few, by its own words: no department owns anything there.
_FEW = re.compile(
    r"\b(?:just me|only me|sole trader|one[- ]man(?: band)?|one[- ]woman|by myself|on my own|"
    r"i run it alone|me and my (?:husband|wife|partner|son|daughter|brother|sister|dad|mum)|"
    r"(?:two|2) of us|husband and wife|two sisters|two brothers|two man|two-man|just us)\b",
    re.IGNORECASE,
)
_I_RUN = re.compile(
    r"(?:^|[.!?;]\s+|\b(?:and|so|but)\s+)i(?:'m| am|m| run| own| make| do| fix| sell| teach| go|"
    r" have| work| tune| cut| clean)\b",
    re.IGNORECASE,
)
_A_TEAM = re.compile(
    r"\b(?:we|we're|we've|our team|staff|employees|colleagues|instructors|stylists|"
    r"volunteers|drivers|lads)\b|\bi(?:'m| am) (?:the|a|an) [\w -]*?(?:manager|director|head|"
    r"lead|officer|coordinator|marketer)\b",
    re.IGNORECASE,
)


def _one_person(reading: BriefReading) -> bool:
    """Whether the business is its owner (and a helper or two): "just me and the van", "me and
    my husband", a small family business, or told throughout as "I run…" with no "we" and no
    staff."""
    text = reading.text
    small = any(  # "mostly for solo travellers" says who the customers are
        c.text == "small_team" and c.source.lower() != "solo" for c in reading.constraints
    )
    if small or _FEW.search(text):
        return True
    return bool(_I_RUN.search(text)) and not _A_TEAM.search(text)


def _owned_by_the_owner(stages: list[Stage]) -> None:
    """A one-person business has no Marketing or Operations: the owner owns every stage and
    idea."""
    for stage in stages:
        if stage.owners:
            stage.owners = ["Owner"]
        for opp in stage.opportunities:
            if opp.owner:
                opp.owner = "Owner"


# Who owns a stage in a council or a charity: no sales team there, and fundraising only where
# the journey is a donor's
_SECTOR_OWNERS = {
    "public": {
        "Sales": "Service team",
        "Marketing": "Communications",
        "Fundraising": "Service team",
    },
    "nonprofit": {"Sales": "Programme team", "Marketing": "Communications"},
}


def _owned_in_the_sectors_words(stages: list[Stage], reading: BriefReading) -> None:
    """Owners named as a public service or a charity names its teams (a parish office or a
    health centre has no Sales; blood donors are not a fundraising journey)."""
    renamed = dict(_SECTOR_OWNERS.get(reading.sector.text, {}))
    if reading.sector.text == "nonprofit" and not re.search(
        r"\b(?:donat\w*|fundrais\w*|gift|gifts|giving|appeal|supporters?)\b", reading.text, re.I
    ):
        renamed["Fundraising"] = "Programme team"
    if re.search(r"\bblood\b", reading.text, re.I):
        renamed["Fundraising"] = "Donor services"  # a blood donor gives no money
    if not renamed:
        return
    for stage in stages:
        stage.owners = list(dict.fromkeys(renamed.get(o, o) for o in stage.owners))
        for opp in stage.opportunities:
            if opp.owner:
                opp.owner = renamed.get(opp.owner, opp.owner)


_MANY = re.compile(r"\b(?:a\s+good\s+few|quite\s+a\s+few|a\s+fair\s+few|not\s+a\s+few)\b")
_A_FEW_TIMES = re.compile(
    r"\ba\s+few\s+(?=(?:days|weeks|months|years|hours|minutes|times|visits|sessions|lessons)\b)"
)


def _fix_for(problem: Problem) -> Any:
    """The fix family for a stated problem: what is told after where it happens ("on
    delivery, *1 in 6 orders arrives sour*"), else where ("the waiting list, ..."); in what
    is told, its cause first ("we lose customers *when collections run late*"), else the
    first complaint it names."""
    said = problem.text.lower()
    where = (problem.where or "").lower()
    if where and said.startswith(where):
        told = _fix_told(said[len(where) :].lstrip(" :,-"))
        named = _fix_match(f" {where} ")  # "the waiting list, people wait 3-5 weeks": the
        if named is not None and (told is None or named[1] > told[1]):  # longer cue says more
            return named[0]
        if told is not None:
            return told[0]
    found = _fix_told(said) or (_fix_told(where) if where else None)  # "the problem is X
    # lapsing when their card expires - we lost 80 that way": the place says what to fix
    return found[0] if found else None


# What a problem does to the business, told after it: no cause to answer ("…, which is killing
# our reviews" asks for no review request)
_WHAT_IT_COSTS = re.compile(
    r",?\s+which\s+(?:is|are|was|has|have|costs?|means|kills?|hurts?|leaves?|makes?)\b"
    r"|,?\s+and\s+(?:it'?s|that'?s)\s+(?:killing|hurting|costing)\b",
    re.IGNORECASE,
)


# Who reports a complaint, before it: what they say is the complaint, not the reviews
_SAID_BY = re.compile(
    r"^\s*(?:(?:our|the|their|most|many|some|a lot of|lots of)\s+)?(?:google\s+|online\s+|"
    r"recent\s+|bad\s+)?(?:reviews?|customers|clients|people|couples|patients|parents|guests|"
    r"members|residents)\s+(?:say|says|said|mention|mentions|complain|complains|tell us|keep "
    r"saying)\s+(?:that\s+|about\s+)?",
    re.IGNORECASE,
)


# A cause word, or "during" (what goes on then: "enquiries go cold during the back-and-forth"),
# but not "if" after a verb of knowing ("don't understand if they need X or Y" asks which; it
# gives no cause)
_CAUSE_WORD = re.compile(
    rf"\b(?:when|because|cos|coz|cuz|as|since|due to|owing to|during|down to|{CAUSE_SAID})\b"
    r"|(?<!understand )(?<!know )(?<!sure )(?<!tell )(?<!ask )(?<!wonder )\bif\b"
)


def _fix_told(told: str) -> tuple[Any, int] | None:
    """The fix family for what a problem tells, with the length of the cue that chose it."""
    told = _WHAT_IT_COSTS.split(told, maxsplit=1)[0]  # ", which is killing our reviews"
    told = _SAID_BY.sub("", told)  # "our google reviews say the wait is too long": the wait
    told = re.sub(  # "a truck arrives late": the business runs late, the customer is on time;
        # "our engineers turn up without the right parts": theirs is no forgotten kit
        r"\b(trucks?|vans?|lorr(?:y|ies)|drivers?|couriers?|engineers?|technicians?|crews?|"
        r"fitters?|operatives?|deliver(?:y|ies))\s+(?:arrives?|arrive|turns? up|shows? up|comes?|"
        r"come)\s+(late|without)\b",
        lambda m: f"{m[1]} {'runs late' if m[2].lower() == 'late' else 'comes unready, without'}",
        told,
        flags=re.IGNORECASE,
    )
    told = BAD_REVIEWS.sub(" ", told)  # "getting 1 star reviews": no review to ask for
    said = told.split(";")[0]  # "...; that's a wasted hour": its cost, no cause
    said = re.sub(r"\s*\([^()]*\d[^()]*\)\s*$", "", said)  # its size: "(about 1 in 6 visits)"
    said = _MANY.sub("many", said)  # "a good few families give up": many, not too few
    said = _A_FEW_TIMES.sub("some ", said)  # "after a few months many fall behind": a time
    # "when business is slow they fall behind": the customer's trade is slack; nothing of
    # ours is slow
    said = _QUIET_TRADE.sub(lambda m: f"{m['said'] or ''}slack", said)
    # ("after" says when, not why: "12% cancel in the middle even after paying deposit")
    cause = _CAUSE_WORD.split(said, maxsplit=1)
    behind = _OF_THEM_SAID.split(said, maxsplit=1)
    if len(behind) == 2:  # "barely 1 in 10 return, many of them were deferred … and nobody
        found = _fix_match(f" {behind[1]} ")  # explained": what lies behind it says the fix
        if found is not None:
            return found
    if len(cause) == 2:
        found = _fix_match(f" {cause[1]} ")
        # "people don't understand if they need X, many order Y because it's cheaper": a
        # cause told clauses later, after a complaint named first, is that clause's own
        own = "," in cause[0] and not _WHY_OPENS.search(cause[0])
        first = _fix_match(f" {cause[0]} ") if own else None
        # a cause that opens its clause ("30% never come back for the second phase, usually
        # cos they're nervous") is why the complaint before it happens; a count said first
        # ("1 in 4 return the aids") only says how often
        if found is not None and (first is None or first[0].counts):
            return found
    return _fix_match(f" {said} ") or _fix_match(f" {told} ")


# Some of the people a complaint is about, told next: what lies behind it
_OF_THEM_SAID = re.compile(rf"[,.;]\s*{OF_THEM}", re.IGNORECASE)


# A cause that opens the clause after a complaint, and so explains it: ", usually because"
_WHY_OPENS = re.compile(
    r"[,-]\s*(?:(?:usually|mostly|mainly|often|probably|largely|partly|normally|generally|"
    r"i think|we think|i reckon|we reckon|i guess|i suspect|we suspect|apparently|"
    r"and that'?s|which is)\s+)?$",
    re.IGNORECASE,
)


# Slow trade is no slow service: "when business is slow", "on slow days", "the slow season"
_QUIET_TRADE = re.compile(
    r"\b(?P<said>(?:business|trade|sales|work|things)\s+(?:is|are|gets?|was|goes)\s+)slow\b"
    r"|\bslow(?=\s+(?:days?|weeks?|months?|seasons?|periods?|spells?|times)\b)",
    re.IGNORECASE,
)


def _fix_in(low: str) -> Any:
    found = _fix_match(low)
    return found[0] if found else None


# "every few days", "a few even cancel": how often or how many, not too few people
_SOME_FEW = re.compile(r"\b(?:every|a|the|these|those|last|next|first)\s+few\b", re.I)


# "people keep coming back up to the counter asking where their food is": back to ask, not a
# job that comes back
_BACK_TO_ASK = re.compile(
    r"\b(?:come|comes|coming|came)\s+back(?:\s+up)?(?:\s+to\s+the)?(?:\s+(?:counter|till|desk|"
    r"bar|reception|front|hatch|window))?(?=\s+(?:asking|to\s+ask|and\s+ask))",
    re.I,
)


# "I dont show up till you scroll miles down": the business is not seen, nobody fails to come
_NOT_SEEN = re.compile(
    r"\b(?:i|we)\s+(?:don'?t|dont|do\s+not|never)\s+(?:show|turn)\s+up\s+(?=till|until|in|on|"
    r"anywhere)",
    re.I,
)


def _fix_match(low: str) -> tuple[Any, int] | None:
    """The fix family whose cue comes first in the text (the longer on a tie), with the
    length of that cue. A family that only counts how many do something ("only 1 in 5
    turn up") yields to a complaint named in what it counts ("1 in 5 don't turn up" is a
    no-show)."""
    hits: list[tuple[tuple[int, int], int, Any]] = []  # (where, -length), end, family
    low = _SOME_FEW.sub(" ", low)  # "people message every few days", "a few even cancel"
    low = _BACK_TO_ASK.sub(" return to ask at the counter ", low)  # no rework
    low = _NOT_SEEN.sub("we are not seen ", low)  # "I dont show up till you scroll": no no-show
    for fix in phrasing().fixes:
        if fix.pattern:
            said = _pattern_of(fix.pattern).search(low)
            if said:
                x = re.sub(r"\s*\(.*$|\s+(?:through|via|on|thru)\s.*$", "", said["x"])
                x = re.split(r"\s+(?:and|but|so|because|when|while|which|[-–—])\s", x)[0]
                x = " ".join(x.split()[:8])
                x = re.sub(
                    r"(?:\s+(?:the|a|an|at|to|of|with|and|or|for|on|in|their|our|any))+$", "", x
                )
                if fix.plain_verb and _TWO_VERBS.search(x):
                    continue  # "visit is only partly done", "come back or needs new struts":
                    # no one thing to make easy
                x = (base_verb(x) if fix.plain_verb else x).replace("{", "(").replace("}", ")")
                key = (said.start(), -len(said.group(0)))
                hits.append((key, said.end(), _with_x(fix, x)))
            continue
        for cue in fix.cues:
            if cue not in low:  # the regex (compiled on first use) only where it can match
                continue
            found = re.search(rf"(?<!\w){re.escape(cue)}(?!\w)", low)
            if found:
                hits.append(((found.start(), -len(cue)), found.end(), fix))
    if not hits:
        return None
    hits = [h for h in hits if h[2].root] or hits  # what lies behind it, where it is named
    key, end, best = min(hits, key=lambda h: h[0])  # the first complaint named is the main one
    if best.counts:
        named = [h for h in hits if not h[2].counts and key[0] <= h[0][0] < end]
        if named:
            key, end, best = min(named, key=lambda h: h[0])
    return best, -key[1]


# A second verb after the one a fix would make easy: the words are a clause, not an action
_TWO_VERBS = re.compile(
    r"\s(?:is|are|was|were|needs?|came|comes|goes|went|gets|got|has|have|or)\b", re.IGNORECASE
)


@cache
def _pattern_of(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


def _with_x(fix: _ProblemFix, x: str) -> _ProblemFix:
    """A pattern family's fix and KPI with the problem's own words in them."""
    return fix.model_copy(
        update={"fix": fix.fix.replace("{x}", x), "kpi": fix.kpi.replace("{x}", x)}
    )


def _problem_text(problem: Problem) -> str:
    text = without_intro(problem.text).strip(" ,.")  # "Our biggest problem is that …"
    return text[:1].upper() + text[1:]


def _short(text: str, most: int = 8) -> str:
    words = text.split()
    return " ".join(words[:most]) + ("…" if len(words) > most else "")


def _how_often(problem: Problem) -> str:
    """A KPI that counts the problem itself, when no known fix says what to measure."""
    return f"How often “{_short(_problem_text(problem).lower())}” happens (count per month)"


_CAUSES = re.compile(
    rf"\b(?:because(?:\s+of)?|cos|coz|due to|owing to|down to|{REASONS_ARE}|{CAUSE_SAID}|"
    r"(?<=mostly |mainly |partly )since|"
    # "… come back for exchange as parents dont measure the kids"
    r"as(?= (?:people|parents|customers|clients|they|owners|users|members|students|families) "
    r"(?:dont|don'?t|do not|never|forget|can'?t|cant|won'?t)\b))\s+"
    r"(?P<why>[^.;]{3,})",
    re.I,
)


# "... so ..." gives its cause before it ("they put off the fabric visit for weeks so pickup
# to finish is 6-8 weeks"), unless "so" only says how much ("so many", "so slow")
_SO = re.compile(
    r"^(?P<why>(?:\S+\s+){2,}?\S+?),?\s+so\s+(?!(?:many|much|far|slow|fast|long|quick|quickly|"
    r"often|bad|good|hard|busy|little|few|late|early|expensive|cheap|that|to|on)\b)",
    re.IGNORECASE,
)


def _said_cause(said: str) -> str | None:
    """The cause a problem is said with ("as" and "since" say when as often as why): after
    "because" or "due to", else before "so"."""
    found = _CAUSES.search(said)
    if found and len(found["why"]) >= 6:
        return found["why"]
    found = _SO.search(said) or _DASH_WHY.search(said) or _BY_THEN.search(said)
    return found["why"] if found else None


# A cause said after a dash or with "by then": "where we lose people is between the
# walkthrough and signing - siblings can't agree"; "the wait can be 3-4 months and by then
# lots of them have taken a survival job and never start"
_DASH_WHY = re.compile(
    r"\s[-–—]\s+(?P<why>(?:[\w'-]+\s+){0,3}?[\w'-]+\s+(?:can'?t|cannot|won'?t|don'?t|doesn'?t|"
    r"aren'?t|isn'?t|never)\b[^.;]{2,})$",
    re.IGNORECASE,
)
_BY_THEN = re.compile(
    r"\bby then\s+(?P<why>[^.;]{6,}?)(?=\s+and\s+(?:never|don'?t|do not|they|so)\b|\s*[.;]|$)",
    re.IGNORECASE,
)


def _causes(said: str) -> list[str]:
    """The causes a problem is said with, one by one: "..., due to fear, no escort or loss
    of wages" -> fear; no escort; loss of wages. One cause said as a clause stays whole."""
    found = _CAUSES.search(said)
    if not found:
        return []
    why = found["why"].strip(" ,")
    items = [i.strip(" ,") for i in re.split(r",\s*(?:or\s+|and\s+)?|\s+(?:or|and)\s+", why)]
    if len(items) < 2 or any(len(i.split()) > 4 or not i for i in items):
        return [why]
    return items


def _take_on(cause: str, stage: Stage) -> str:
    """The idea for a cause the brief gives that no catalogue fix answers."""
    return (
        f"Take on the cause the brief gives, “{_short(cause.lower(), 14)}”, at "
        f"{stage.name.lower()}, and check with five customers it happened to that it is the "
        f"main one"
    )


# What the owner says they fail to do, as the cause of a problem: "I only confirm the week
# before and never tell them what I need", "we don't send a reminder"
_OWN_FAULT = re.compile(
    r"^(?:(?:i|we)\s+)?(?:never|don'?t|dont|do\s+not|didn'?t|no\s+longer|forget\s+to|"
    r"rarely|hardly\s+ever)\s+(?P<act>(?:tell|send|confirm|explain|remind|follow\s+up|call|"
    r"ring|text|check|ask|give|show|share|update|answer|reply|chase|warn|say)\b"
    r"(?!\s+(?:this|that|it|them)\s*$)(?![^;]*\b(?:till|until)\b)[^;]{4,})$",
    re.IGNORECASE,
)
_TO_OWNER = {"i": "you", "me": "you", "my": "your", "we": "you", "us": "you", "our": "your",
             "i'm": "you're", "we're": "you're", "i've": "you've", "we've": "you've"}  # fmt: skip


def _own_fault_undone(cause: str) -> str | None:
    """The owner's own acts a stated cause says they fail to do, as the idea to do them ("…
    never tell them what I need (a space for the van)" -> "Tell them what you need (a space
    for the van)"), or None when the cause is no such act."""
    shielded = re.sub(r"\([^)]*\)", lambda m: m.group(0).replace(",", "\0"), cause)
    acts = []
    mine = False  # whose clause it is: the owner's ("I only confirm …, and never tell them")
    for clause in re.split(r"\s*,\s*(?:and\s+)?|\s+and\s+|\s+but\s+", shielded):
        clause = clause.strip().replace("\0", ",")
        if re.match(r"(?:i|we)\b", clause, re.I):
            mine = True
        elif not re.match(
            r"(?:never|don'?t|dont|do\s+not|didn'?t|no\s+longer|forget|rarely|"
            r"hardly|only|always|also|just)\b",
            clause,
            re.I,
        ):
            mine = False  # "they book and don't show up": the customers' act
        found = _OWN_FAULT.match(clause) if mine else None
        if found:
            words = [_TO_OWNER.get(w.lower(), w) for w in found["act"].rstrip(" .").split()]
            acts.append(" ".join(words))
    if not acts:
        return None
    said = "; ".join(acts)
    return said[:1].upper() + said[1:]


# Shapes of a stated cause that say what to do about it: something left unsaid ("the portal
# only tells them 'incomplete' without saying which document is missing"), something customers
# leave out ("people dont tell us at the survey about the loft"), something a thing of the
# business lacks ("the quote is a long list of technical items with no priority"), and a
# delay ("I email the quote days later")
_LEFT_UNSAID = re.compile(
    r"\bwithout\s+(?P<verb>saying|telling\s+(?:them|people|you|customers|clients)|showing|"
    r"explaining|giving|listing|naming)\s+(?P<what>[^,;]{3,}?)\s*(?=[,;]|\band\b|$)",
    re.I,
)
_LEFT_OUT = re.compile(
    r"\b(?:people|customers|clients|they|owners|families|tenants|homeowners|buyers)\s+"
    r"(?:often\s+|usually\s+)?(?:dont|don'?t|do\s+not|never|rarely|forget\s+to)\s+"
    r"(?:tell|mention|say|give)\s+(?:us|me)\s+(?P<when>(?:at|in|on|during|before)\s+(?:the\s+)?"
    r"[a-z]+\s+)?(?:about\s+)?(?P<what>[^;]{3,}?)(?=,\s*so\b|\s+so\s|;|$)",
    re.I,
)
_LACKS = re.compile(
    r"\b(?:the|our|my)\s+(?P<thing>[a-z]+(?:\s+[a-z]+)?)\s+(?:is|are)\b[^,;]*?\b(?:with|and|"
    r"but)\s+no\s+(?P<what>[a-z][\w-]*(?:\s+(?!so\b|and\b|or\b)[a-z][\w-]*)?)",
    re.I,
)
_LATE = re.compile(
    r"\b(?:i|we)\s+(?:only\s+)?(?P<act>[a-z]+\s+(?:the|our|a|an|their)\s+[a-z]+)\s+"
    r"(?:\w+\s+)?(?:days|weeks|a\s+week|a\s+few\s+days)\s+later\b",
    re.I,
)
# "the SMS only says the date and time, it never says what papers to bring", "our app never
# asks anyone to take photos": the thing of the business's that leaves it out
_THING_LEAVES_OUT = re.compile(
    r"\b(?:the|our|my)\s+(?:[\w-]+\s+)?(?P<thing>sms|text(?:\s+message)?|email|message|letter|reminder|"
    r"confirmation|form|app|portal|website|site|invoice|quote|booking\s+form|page)s?\b[^.;]*?"
    r"\b(?:never|doesn'?t|does\s+not|dont|don'?t)\s+(?P<verb>say|tell|show|ask|list|mention|"
    r"explain|remind)s?\s+(?P<what>[^,.;]{4,})",
    re.I,
)
_UNSAID_VERB = {"saying": "Say", "showing": "Show", "explaining": "Explain", "giving": "Give",
                "listing": "List", "naming": "Name"}  # fmt: skip


def _to_owner(said: str) -> str:
    return " ".join(_TO_OWNER.get(w.lower(), w) for w in said.rstrip(" .").split())


def _cause_undone(cause: str) -> str | None:
    """What to do about a stated cause, read from its shape, or None: the owner's own act
    undone (:func:`_own_fault_undone`), the thing left unsaid said ("without saying which
    document is missing" -> "Say which document is missing"), what customers leave out asked
    for ("people dont tell us at the survey about the loft" -> "Ask about the loft at the
    survey"), what a thing lacks given it ("the quote is … with no priority" -> "Give the
    quote a priority"), and a delay taken out ("I email the quote days later" -> "Email the
    quote the same day")."""
    acts = [a for a in [_own_fault_undone(cause)] if a]
    for found in _LEFT_UNSAID.finditer(cause):
        verb = found["verb"].split()[0].lower()
        said = _UNSAID_VERB.get(verb, "Tell them") if verb != "telling" else "Tell them"
        acts.append(f"{said} {_to_owner(found['what'])}")
    for found in _LEFT_OUT.finditer(cause):
        when = found["when"].strip() if found["when"] else ""
        acts.append(f"Ask about {_to_owner(found['what'])} {_to_owner(when)}".strip())
    acts = [re.sub(r"\b(?:anything|nothing)\b", "how it is going", a) for a in acts]
    for found in _THING_LEAVES_OUT.finditer(cause):
        thing = found["thing"] if found["thing"].isupper() else found["thing"].lower()
        thing = "SMS" if thing.lower() == "sms" else thing
        what = re.sub(r"\banyone\b", "everyone", _to_owner(found["what"]))
        acts.append(f"Have the {thing} {found['verb'].lower()} {what}")
    for found in _LACKS.finditer(cause):
        what = found["what"]
        article = "" if what.endswith("s") else ("an " if what[0] in "aeiou" else "a ")
        acts.append(f"Give the {found['thing']} {article}{what}")
    for found in _LATE.finditer(cause):
        acts.append(f"{found['act'][:1].upper()}{_to_owner(found['act'])[1:]} the same day")
    if not acts:
        return None
    said = "; ".join(dict.fromkeys(a[:1].upper() + a[1:] for a in acts))
    return said


def _inferred_idea(pain: PainPoint, description: str, owner: str, kpi: str | None) -> Opportunity:
    """An idea the engine adds for a stated problem: high impact, some effort, to check."""
    return Opportunity(
        description=description,
        addresses=pain.id,
        impact=Level.high,
        effort=Level.medium,
        owner=owner,
        kpi=kpi,
        provenance=INFERRED,
    )


def _cause_ideas(
    problem: Problem, pain: PainPoint, stage: Stage, slots: dict[str, str]
) -> list[Opportunity]:
    """An idea for each cause the brief gives with a problem: the known fix for it, else the
    cause itself to take on ("due to fear, no escort or loss of wages": three ideas)."""
    known: list[Opportunity] = []
    unknown: list[Opportunity] = []
    for cause in _causes(_problem_text(problem))[:3]:
        fix = _fix_in(f" {cause.lower()} ")
        if fix is not None:
            idea = _inferred_idea(pain, _fill(fix.fix, slots), fix.owner, _fill(fix.kpi, slots))
        else:
            owner = (stage.owners or ["Operations"])[0]
            idea = _inferred_idea(pain, _take_on(cause, stage), owner, _how_often(problem))
        ideas = known if fix is not None else unknown
        if not any(i.description == idea.description for i in ideas):
            ideas.append(idea)
    # a known fix for one of the causes beats a note to look into another ("hard water or
    # no mordant and we never explain this": showing how to use it answers all three)
    return known or unknown


def _names_it(stages: list[Stage], i: int, said: str) -> bool:
    """Whether a stage's own name shares a word with what was said that no other stage's
    name has ("only 20% continue on the monthly plan" and "Go on to the monthly plan")."""
    names = [content_words(_own_words(stage.name)) for stage in stages]
    others = set().union(*(n for k, n in enumerate(names) if k != i))
    return bool((names[i] - others) & content_words(said))


# Words of when, not of what: "every other day" names no "Dig day", "per term" no renewal
_WHEN_WORDS = frozenset({"day", "days", "week", "weeks", "month", "months", "year", "years",
                         "morning", "night", "time", "first", "next", "last", "term", "terms",
                         "season", "semester", "summer", "winter"})  # fmt: skip
# The act a complaint says people do not take: "many placed students never report"
_NOT_DONE = re.compile(
    r"\b(?:never|not|don'?t|do\s+not|doesn'?t|didn'?t|won'?t|no\s+longer|stop|stops|stopped|"
    r"fail\s+to|say\s+no\s+to(?:\s+the)?)\s+(?:(?:trust|want|bother|manage|dare|remember|"
    r"like|get\s+round)\s+(?:us\s+)?to\s+)?"
    # a state of mind is no act: "the families don't understand the online platform"
    r"(?!(?:understand|know|realise|realize|care|feel|have|get\s+it)\b)(?P<act>[a-z][\w'-]*)",
    re.IGNORECASE,
)


# Words of how many and of who, which name no moment: "site managers forget to tell us"
_NO_PLACE = content_words(
    "only about around many most some lots few manager managers owner owners director "
    "directors parent parents staff clients customers member members tenant tenants patient "
    "patients student students family families"
)
_COMMIT_WORDS = content_words(
    "book booking booked buy bought order ordered sign signs signed signing enrol enrolled "
    "enroll register registered subscribe subscribed pay paid apply applied fill purchase "
    "reserve join joined"
)
_BEFORE_IT = re.compile(r"^\s*(?:once|after|when|while)\b[^,;:]*[,;:]\s*", re.I)
_SO_THEN = re.compile(r",?\s+so\s+(?!(?:many|much|far|few|little|long|often|that)\b)", re.I)
_ONCE_MORE = re.compile(
    r"\b(?:never|not|don'?t|doesn'?t|didn'?t|won'?t)\s+\w+\s+(?:a|an|the|their)?\s*"
    r"(?:second|another|next|again)\b|\b(?:re-?book|come back|return)\w*\b"
    # "maybe 30% call back within a year": they come back (not "if we call back")
    r"|(?<!we )(?<!i )\b(?:call|ring|phone|book|order|buy)s?\s+(?:us\s+|me\s+)?(?:back|again)\b",
    re.I,
)
_BECOMES = re.compile(
    r"\b(?:become|becomes|became|turn\s+into|turns\s+into|convert\s+(?:in)?to|converts\s+"
    r"(?:in)?to|end\s+up\s+as)\b",
    re.I,
)
_MEANWHILE = re.compile(r"\bwhile\b[^,.;]*", re.I)


_THE_WAIT = re.compile(r"(?:the\s+|all\s+the\s+)?(?:wait|waiting|wait\s+times?)", re.IGNORECASE)


def _told_step_of(problem: Problem, reading: BriefReading) -> tuple[Step | None, bool]:
    """The told step a stated problem names, by the words they share, and whether a word of
    the step's own short form is one of them. Where the problem was said to happen counts
    first ("the very first call" -> "Call them back"), then the complaint; its cause alone
    names no place ("because clients send their logo as a WhatsApp photo"). A word of a step's
    short form counts twice, one only of its full telling once, a word two steps share not at
    all, nor one the brief says twice more elsewhere: that is what the business is about
    ("hire", "kit", "subscribers"), not a moment. The act the complaint says people do not
    take counts most ("never report", "say no to the presupuesto"). On a tie, the step named
    last in the complaint. None where the complaint names a step not taken in so many words
    ("only 20% continue on the monthly plan"): that step is the place, a stage of its own."""
    said = problem.text
    if _undone_act(said) is not None:
        return None, False
    cut = _CAUSES.search(said)
    where = problem.where or ""
    if re.search(r"\b(?:between|gap)\b", where, re.I) or _BEFORE_IT.match(f"{where},"):
        where = ""  # a span names no one step, nor does what came before it
    # what happened before or meanwhile is no place: "once the demo is done, parents keep
    # asking to pay monthly", "sit on the deposit while we're holding the date"
    plain = _MEANWHILE.sub(" ", _BEFORE_IT.sub("", said[: cut.start()] if cut else said))
    # what it leads to names no place either: "1 in 6 visits the customer isn't in, …, so
    # the van sits there and we lose the slot"
    so = _SO_THEN.search(plain)
    head, then = (plain[: so.start()], plain[so.end() :]) if so else (plain, "")
    into = _BECOMES.search(head)  # "only 1 devis in 3 becomes a chantier": lost at the devis,
    if into:  # not at the works that follow it
        head, then = head[: into.start()], f"{head[into.end() :]} {then}"
    parts = [where, head, f"{then} {cut.group() if cut else ''}"]
    rest = reading.text
    for told in {said, problem.source or said}:  # the problem's own sentence aside
        rest = re.sub(re.escape(told), " ", rest, flags=re.I)
    if where:  # and where it was said to happen ("the bit that kills us is the approving")
        rest = re.sub(re.escape(where), " ", rest, count=1, flags=re.I)
    elsewhere = [stem(w) for w in words_of(rest)]
    common = {w for w in set(elsewhere) if elsewhere.count(w) >= 2} | {stem(w) for w in _WHEN_WORDS}
    common |= generic_stems() | _NO_PLACE
    undone = {stem(m["act"]) for m in _NOT_DONE.finditer(parts[1])}
    if _ONCE_MORE.search(parts[1]):  # "40% don't book a second one": a later moment, not the
        return None, False  # step they took the first time
    # the commitment is when most complaints start ("they book, then a third don't turn up"):
    # it is the place only where it is named as such, or as the act not taken
    common |= _COMMIT_WORDS - undone
    place = [stem(w) for w in words_of(where) if stem(w) in content_words(where)][:1]
    common -= set(place)  # the place the brief names is the place, however often it says its
    # word ("Main problem is confirming proof … We want confirmation in 2 days"); only its
    # first word: "first use of the kit" names no step by "kit"
    steps = reading.steps
    short = [content_words(s.text) - common | (content_words(s.text) & undone) for s in steps]
    full = [content_words(s.action) - common - own for s, own in zip(steps, short, strict=True)]
    # a word of one step's short form is that step's, though another's telling has it too
    # ("pay fees to our M-Pesa Paybill and report in September" tells two steps)
    all_short = [w for own in short for w in own]
    mine = [
        ({w for w in own if all_short.count(w) == 1},
         {w for w in more if sum(1 for s, f in zip(short, full, strict=True) if w in s | f) == 1})
        for own, more in zip(short, full, strict=True)
    ]  # fmt: skip
    order = [stem(w) for w in words_of(" ".join(parts))]
    best: tuple[tuple[int, ...], int] | None = None
    found: tuple[Step | None, bool] = (None, False)
    for step, (own, more) in zip(steps, mine, strict=True):
        key = [len(undone & own)] + [
            2 * len(own & content_words(p)) + len(more & content_words(p)) for p in parts
        ]
        last = max((k for k, w in enumerate(order) if w in own | more), default=-1)
        if undone and not key[0] and key[1] < 2:  # the act not taken is the place: "who
            continue  # take the placement test never enrol" is not at the test (unless the
            # brief says where: "the bit that kills us is the approving - people don't reply")
        if any(key[:3]) and (best is None or (tuple(key), last) > best):
            best = (tuple(key), last)
            found = (step, bool(own & content_words(" ".join(parts[:2]))))
    if found[0] is None and (_RATIO.search(said) or _TURN_INTO.search(said)):
        # "only about 1 in 4 quotes turn into a job": a word two steps share ("Get the quote",
        # "Accept the quote") names the one where people decide
        wanted = content_words(head) - generic_stems() - _NO_PLACE - _WHEN_WORDS
        named = [s for s in steps if content_words(s.text) & wanted]
        deciding = [s for s in named if _DECIDES.match(s.text)]
        if len(deciding) == 1:
            return deciding[0], True
        if len(named) == 1:  # "… quotes turn into a job" with "Get the quote" told: lost there,
            return named[0], True  # though the brief says "quote" all through
    return found


_TURN_INTO = re.compile(
    r"(?:turns?|turned|go|goes|went)\s+(?:into|ahead|cold)|never\s+(?:approved|accepted|"
    r"signed|go\s+ahead)",
    re.I,
)
_DECIDES = re.compile(r"(?:accept|approve|sign|agree|go\s+ahead|confirm|say\s+yes)\b", re.I)


def _place_problems(
    stages: list[Stage], phases: list[Phase], reading: BriefReading, slots: dict[str, str]
) -> None:
    told = sentences(reading.text)
    placed: dict[tuple[int, int, str], PainPoint] = {}  # (stage, sentence, fix) -> its pain
    # the last stated problem placed, with the sentence it was told in, when a known fix or
    # the owner's own idea answers it
    placed_last: tuple[PainPoint, int] | None = None
    given = _remedies_given(reading, told)
    for problem in reading.problems:
        fix = _fix_for(problem)
        phase = problem.phase or (fix.phase if fix else None)
        # a problem that says nowhere where it bites: most stated problems lose people at
        # the commitment, not before anyone has heard of the business
        said = _problem_text(problem)
        if problem.where and problem.where.lower() not in said.lower():  # where it was said to
            said = f"{said} ({problem.where})"  # happen, in a sentence before
        i = _best_stage(stages, phases, phase, said, unplaced=Phase.purchase)
        if problem.where and _THE_WAIT.fullmatch(problem.where.strip()) and phase in phases:
            i = phases.index(phase)  # "the bit that goes wrong is the waiting": while the work
            # goes on, the phase's first stage (not "Get the shoes back" for a word it shares)
        moment = _moment_told(problem, reading)
        if moment is not None and not moment.weak and problem.phase in (None, moment.phase):
            i = next(  # "asking where is the box": at "Wait for the box", its moment's stage
                (n for n, s in enumerate(stages) if stands_for(s.name, moment)), i
            )
        step, by_name = _told_step_of(problem, reading)
        if step is not None and (by_name or not _names_it(stages, i, said)):
            i = _step_stage(stages, phases, step)  # the told step it names: where it happens
        act = _undone_act(problem.text) if problem is reading.problems[0] else None
        i = next(
            (n for n, s in enumerate(stages) if act and s.name in (_stage_name(act), _cap(act))),
            next((n for n, s in enumerate(stages) if act and _does_act(s.name, act)), i),
        )
        if reading.shape is not None and fetched_back(reading.shape, problem.text):
            i = next(  # "loads never come back for their clothes": at the collection, not the
                (n for n, s in enumerate(stages) if _FETCHING.match(s.name)),
                i,  # cleaning
            )
        stage = stages[i]  # "only a third … come for surgery": at "Come for surgery"
        at = next((k for k, sentence in enumerate(told) if problem.source in sentence), -1)
        same = placed.get((i, at, fix.fix)) if fix is not None and at >= 0 else None
        if same is not None and problem.fix is None:
            # "I can't answer, it goes to voicemail and they ring the next bloke": one
            # complaint told in turns, with one idea
            same.description = (
                f"{same.description}; {_problem_text(problem)[:1].lower()}"
                + (_problem_text(problem)[1:])
            )
            continue
        before = placed_last  # the complaint told just before, if answered
        if (
            fix is None
            and problem.fix is None
            and _said_cause(_problem_text(problem)) is None
            and before is not None
            and before[1] == at >= 0
            and before[0] in stage.pain_points
        ):  # "couriers sit on the nucs over a weekend and we get photos of dead bees": what
            # the complaint before leads to, told in its sentence, has that complaint's idea
            said = _problem_text(problem)
            before[0].description = f"{before[0].description}; {said[:1].lower()}{said[1:]}"
            continue
        if (
            fix is None
            and problem.fix is None
            and _said_cause(_problem_text(problem)) is None
            and _COUNTED.search(_problem_text(problem))
            and before is not None
            and before[1] == at - 1
            and at >= 1
            and not _ANOTHER.search(told[at])
            and (  # it counts the same thing, or the complaint before says why
                bool(content_words(_problem_text(problem)) & content_words(before[0].description))
                or _GIVES_WHY.search(before[0].description) is not None
            )
        ):  # "That call goes badly, we think people feel sold to. Only 40% pick private
            # cremation": the count measures the complaint told just before, whose idea
            # answers both (no note to learn a cause the brief has just given)
            said = _problem_text(problem)
            before[0].description = f"{before[0].description}; {said[:1].lower()}{said[1:]}"
            continue
        if fix is not None:  # the stage's stock pain says the same as the brief: the brief's
            _drop_stock_like(stage, fix)  # own words stand for it
        taken, n = {p.id for p in stage.pain_points}, len(stage.pain_points) + 1
        while f"pp-{slugify(stage.name)}-b{n}" in taken:  # a stock pain left out above
            n += 1  # frees no number: the brief's pain before it may have it
        pain = PainPoint(
            id=f"pp-{slugify(stage.name)}-b{n}",
            description=_problem_text(problem),
            severity=Level.high,
            kind=fix.kind.value if fix else None,
            provenance=USER,
        )
        stage.pain_points.insert(0, pain)
        if fix is not None and at >= 0:
            placed[(i, at, fix.fix)] = pain
        placed_last = (pain, at) if fix is not None or problem.fix else None
        stage_slots = {**slots, "stage": stage.name.lower()}
        if problem.fix:  # the user's own idea for it comes first, in their words
            stage.opportunities.insert(
                0,
                Opportunity(
                    description=problem.fix[:1].upper() + problem.fix[1:],
                    addresses=pain.id,
                    impact=Level.high,
                    effort=Level.medium,
                    owner=fix.owner if fix else (stage.owners or ["Operations"])[0],
                    kpi=_fill(fix.kpi, stage_slots) if fix else _how_often(problem),
                    provenance=USER,
                ),
            )
            continue
        undone = _cause_undone(_said_cause(_problem_text(problem)) or "")
        if undone is not None:  # "it's because I … never tell them what I need": do it
            owner = fix.owner if fix is not None else (stage.owners or ["Operations"])[0]
            kpi = _fill(fix.kpi, stage_slots) if fix is not None else _how_often(problem)
            stage.opportunities.insert(
                0,
                _inferred_idea(pain, f"{undone}: the brief gives this as the cause", owner, kpi),
            )
            _feels_it(stage)
            continue
        remedy = given.get(id(problem))
        if remedy is not None and not remedy.generic:  # the cause told with it has a shape
            # that says what to do, in the brief's own nouns
            owner = fix.owner if fix is not None else (stage.owners or ["Operations"])[0]
            kpi = _fill(fix.kpi, stage_slots) if fix is not None else _how_often(problem)
            ideas = [_inferred_idea(pain, _for_pain(remedy.idea, pain, problem), owner, kpi)]
            if fix is not None and not unpaid_words(reading):  # the known fix for the
                ideas.append(  # problem itself comes second (not for a free service, whose
                    _inferred_idea(pain, _fill(fix.fix, stage_slots), fix.owner, kpi)
                )  # usual fixes may charge a deposit)
            stage.opportunities[0:0] = ideas
            _feels_it(stage)
            continue
        ideas = _cause_ideas(problem, pain, stage, stage_slots)
        if remedy is not None and ideas and all(_RESEARCH.match(i.description) for i in ideas):
            ideas[0] = _inferred_idea(  # a cause of a known shape, said in other words: the
                pain,
                _for_pain(remedy.idea, pain, problem),
                ideas[0].owner or "Operations",
                ideas[0].kpi,
            )  # shape's idea beats a note to take it on
        if len(ideas) > 1:  # several causes given: an idea for each
            stage.opportunities[0:0] = ideas
            _feels_it(stage)
            continue
        if fix is not None:
            free = bool(unpaid_words(reading)) and fix.free_fix  # no deposit for a free clinic
            # (nor for volunteers)
            description = _fill(fix.free_fix if free else fix.fix, stage_slots)
            if not answers(pain.description, description):  # say which pain the idea is for
                description += f", so that “{_short(_problem_text(problem).lower())}” stops"
            owner, kpi = fix.owner, _fill(fix.kpi, stage_slots)
        else:
            said = _problem_text(problem)
            why = _said_cause(said)
            elsewhere = _cause_elsewhere(problem, reading) if why is None else None
            known = _fix_in(f" {elsewhere.lower()} ") if elsewhere else None
            stated = elsewhere is not None and any(  # the cause is a problem of its own
                p is not problem and p.source and (p.source in elsewhere or elsewhere in p.source)
                for p in reading.problems
            )
            if stated and elsewhere is not None:  # with an idea of its own on the map
                description = (
                    f"Tackle first what the brief gives as the cause of “"
                    f"{_short(_problem_text(problem).lower(), 10)}”: “"
                    f"{_short(elsewhere.lower(), 12)}” (its own idea is on this map), then "
                    f"watch this move with it"
                )
            elif known is not None and elsewhere is not None:  # told beside it, a known fix
                description = _fill(known.fix, stage_slots)
                description += f", since “{_short(elsewhere.lower(), 12)}”"
            elif elsewhere is not None:  # told beside it: "… nervous about the locks, so
                description = _take_on(elsewhere, stage)  # they book through the agents"
            elif why is not None and _third_party(why, reading) is None:  # the brief says why
                description = _take_on(why, stage)
            elif (nearby := _cause_nearby(problem, reading)) is not None:  # told with it
                description = (
                    f"Tackle first what the brief gives as the cause of “"
                    f"{_short(said.lower(), 10)}”: “{_short(nearby.lower(), 12)}” (its own idea "
                    f"is on this map), then watch this move with it"
                )
            elif _cause_of_another(problem, reading):  # "Problem is the other gangs quote
                description = _take_on(said, stage)  # the shearers only": a cause itself
            else:  # no known fix, and no cause given or one others cause: say so, and how to
                description = _how_to_learn_why(why or said, stage, reading, phase)  # learn it
            owner, kpi = (stage.owners or ["Operations"])[0], _how_often(problem)
            if remedy is not None and _RESEARCH.match(description):  # the shape's idea, not
                description = _for_pain(remedy.idea, pain, problem)  # a note to learn why
            learn = _LEARN_WHY.match(description)  # no cause given: not one to take on
            kind = problem_remedy(said, stage.name.lower()) if learn else None
            if kind is not None:  # what to try first for the kind of trouble it is, over a
                description = _for_pain(kind, pain, problem)  # note to go and learn why
        stage.opportunities.insert(0, _inferred_idea(pain, description, owner, kpi))
        _feels_it(stage)


_POINTS_AT_CAUSE = re.compile(
    r"^Tackle first what the brief gives as the cause of “[^”]*”: “(?P<cause>[^”]*)”"
)


def _cause_idea_shared(stages: list[Stage]) -> None:
    """A stated problem whose cause is another stated problem with a concrete idea of its own
    gets that idea too, said for it, in place of a note pointing at the other ("Tackle first
    what the brief gives as the cause of …")."""
    pains = [(s, p) for s in stages for p in s.pain_points if p.provenance == USER]
    for stage, pain in pains:
        ideas = [o for o in stage.opportunities if o.addresses == pain.id]
        pointed = _POINTS_AT_CAUSE.match(ideas[0].description) if ideas else None
        if pointed is None:
            continue
        cause = pointed["cause"].rstrip("…").strip().lower()
        for other_stage, other in pains:
            if other is pain or not cause or cause[:40] not in other.description.lower():
                continue
            theirs = [o for o in other_stage.opportunities if o.addresses == other.id]
            if (
                theirs
                and not _RESEARCH.match(theirs[0].description)
                and not _POINTS_AT_CAUSE.match(theirs[0].description)
            ):
                idea = re.sub(r",\s+so\s+that\s+“[^”]*”\s+stops$", "", theirs[0].description)
                ideas[0].description = (  # said for this pain, with the cause it deals with
                    f"{idea}: “{_short(other.description.lower(), 12)}” is the reason the "
                    f"brief gives for “{_short(pain.description.lower(), 12)}”"
                )
                break


def _for_pain(idea: str, pain: PainPoint, problem: Problem) -> str:
    """An idea with the pain it is for said after it, unless it already answers it."""
    if answers(pain.description, idea):
        return idea
    return f"{idea}, so that “{_short(_problem_text(problem).lower())}” stops"


def _remedies_given(reading: BriefReading, told: list[str]) -> dict[int, Remedy]:
    """Each cause of a known shape the brief tells (understanding/remedies.py), given as the
    idea for the stated problem it explains, told in the same sentence, the one after or the
    one before: the problem whose words hold the cause first, then one that counts something,
    then the nearest and the earlier; never a problem that is only the cause's own words ("We
    only hand the form over on arrival", read as a problem of its own)."""
    at = {
        id(p): next((k for k, sentence in enumerate(told) if p.source and p.source in sentence), -1)
        for p in reading.problems
    }
    given: dict[int, Remedy] = {}
    for k, sentence in enumerate(told):
        for remedy in remedies(sentence):
            said = content_words(remedy.said)
            takers = [
                p
                for p in reading.problems
                if id(p) not in given
                and at[id(p)] >= 0
                and abs(at[id(p)] - k) <= 1
                and not content_words(p.text) <= said  # the cause read as a problem
            ]
            if takers:  # the problem told with its cause, else one that counts, else nearest
                given[
                    id(
                        min(
                            takers,
                            key=lambda p: (
                                not said <= content_words(p.source or p.text),
                                not _FIGURE.search(p.text),
                                abs(at[id(p)] - k),
                                at[id(p)],
                            ),
                        )
                    )
                ] = remedy
    return given


_FIGURE = re.compile(r"\d|\b(?:half|third|quarter|most|hardly|nobody|few)\b", re.IGNORECASE)


# A cause told in a sentence of its own beside the problem: "First-time hirers are nervous
# about steering and locks so they tend to book through the agents" (beside "Only 30% of
# bookings are direct"); "The reason is the deposit: …"; "Complaints are mostly the smell"
_SO_THEY = re.compile(
    r"^(?P<why>[^.;]{8,}?),?\s+so\s+(?:they|people|customers|clients|most|many|lots|guests|"
    r"families|patients|parents|buyers|owners|members)\b(?P<effect>[^.;]+)$",
    re.IGNORECASE,
)
_THEY_SAY = re.compile(
    r"^(?:the\s+reason\s+is|(?:the\s+)?(?:problem|trouble|issue|thing|catch)\s+is|"
    r"(?:most\s+)?complaints\s+are(?:\s+mostly|\s+usually|\s+all)?|"
    r"(?:they|people|customers|clients)\s+(?:tell\s+us|say|keep\s+saying)|"
    r"what\s+(?:they|people)\s+(?:tell\s+us|say)\s+is)\b[\s:,]*(?:that\s+)?(?P<why>[^.;]{6,})$",
    re.IGNORECASE,
)


_LOSS = re.compile(r"\b(?:lose|loses|lost|losing|cancel\w*|leave|leaves|drop\s+out)\b", re.I)
_RATIO = re.compile(r"\b\d+\s+(?:in|of|out\s+of)\s+(?:every\s+)?\d+\b", re.I)  # "1 in 4"


def _akin_words(one: frozenset[str], other: frozenset[str]) -> bool:
    """Two sets of stems share a word, in one form or another ("bookin" and "book")."""
    return any(akin(a, b) for a in one for b in other)


def _cause_nearby(problem: Problem, reading: BriefReading) -> str | None:
    """The cause the brief gives for another problem told in the same sentence or the next or
    last one ("After the visit I email the quote and then nothing, only 1 in 4 quotes turn
    into a job. Its because the quote goes as a PDF …"): one complaint told in pieces, whose
    cause the brief does say; ``None`` when none is said near it."""
    told = sentences(reading.text)

    def at(p: Problem) -> int:
        return next((k for k, s in enumerate(told) if p.source and p.source in s), -9)

    here = at(problem)
    if here < 0:
        return None
    for other in reading.problems:
        if other is problem or abs(at(other) - here) > 1:
            continue
        why = _said_cause(_problem_text(other))
        if why and len(why.split()) >= 3:
            return why
    return None


def _cause_elsewhere(problem: Problem, reading: BriefReading) -> str | None:
    """The cause of a problem the brief tells in a sentence of its own, next to it or one
    away: what makes people do what the problem counts ("… nervous about steering and
    locks, so they tend to book through the agents" for "Only 30% of bookings are direct"),
    or the reason given just before or after ("The reason is …"). ``None`` when none."""
    told = sentences(reading.text)
    at = next(
        (k for k, s in enumerate(told) if problem.source and problem.source in s),
        None,
    )
    if at is None:
        return None
    if _RATIO.search(problem.text) or _LOSS.search(problem.text):  # "… nobody knows who
        before = [  # to ring, and we lose about 1 in 6 before the 3 month review": what goes
            p  # wrong, said first in the same sentence, is why they are lost
            for p in reading.problems
            if p is not problem
            and p.source
            and p.source in told[at]
            and told[at].find(p.source) < told[at].find(problem.source or problem.text)
        ]
        if before:
            return before[-1].text
    if at and _LEFT_UNDONE.search(problem.text) and _OUR_THING_IS.match(told[at - 1]):
        return told[at - 1].strip(" .!")  # "Our sign up form is 4 pages long …. About half
        # … never finish it": the thing said just before is what they leave undone, and why
    own = content_words(problem.text) - generic_stems() - _NO_PLACE - _WHEN_WORDS
    for k in sorted(range(len(told)), key=lambda k: (abs(k - at), k)):
        if k == at or abs(k - at) > 2:
            continue
        sentence = told[k].strip(" .!")
        so = _SO_THEY.match(sentence)
        if so and _akin_words(own, content_words(so["effect"])):
            return so["why"].strip(" ,")
        said = _THEY_SAY.match(sentence)
        if said and abs(k - at) == 1:
            return said["why"].strip(" ,")
    after = told[at + 1].strip(" .!") if at + 1 < len(told) else ""
    then = [p for p in reading.problems if p is not problem and p.source and p.source in after]
    if (
        then
        and problem.phase is not None
        and all(p.phase in (None, problem.phase) for p in then)
        and not _COUNTED.search(after)
        and not _ANOTHER.search(after)
        and not _COUNTED.search(then[0].text)
    ):  # "new folk just cant seem to find me. When you search sweep near me its all
        # national outfits … and I dont show up till you scroll miles down": the sentence
        # after, a complaint of the same moment with no count of its own, says how it happens
        return after
    return None


def _cause_of_another(problem: Problem, reading: BriefReading) -> bool:
    """Whether the problem is what the brief gives as the cause of another problem (told as
    one in the sentence next to it): its idea takes it on, it is no mystery to look into."""
    told = sentences(reading.text)

    def at(p: Problem) -> int:
        return next((k for k, s in enumerate(told) if p.source and p.source in s), -1)

    own = _problem_text(problem).lower()
    return any(
        other is not problem
        and 0 <= at(other) < at(problem)  # told in a sentence after it
        and (why := _cause_elsewhere(other, reading)) is not None
        and (own in why.lower() or bool(problem.source and problem.source in why))
        for other in reading.problems
    )


# What people leave undone with a thing named just before: "never finish it", "don't read it"
_LEFT_UNDONE = re.compile(
    r"\b(?:never|don'?t|dont|do\s+not|rarely|won'?t|can'?t|cant)\s+(?:\w+\s+)?(?:finish|complete|"
    r"fill\s+(?:in|out)|read|open|use|return|send\s+back)\s+(?:it|them)\b",
    re.I,
)
# A thing of the business's described: "Our sign up form is 4 pages long", "The quote has …"
_OUR_THING_IS = re.compile(
    r"^\s*(?:our|the|my)\s+(?:[\w-]+\s+){0,3}?(?:form|quote|app|portal|website|site|email|"
    r"letter|pack|process|application|checkout|booking|page|sheet|contract)s?\s+"
    r"(?:is|are|has|have|asks|needs|takes|runs)\b",
    re.I,
)
_GIVES_WHY = re.compile(
    r"\b(?:because|cos|due to|since|(?:i|we)\s+(?:think|reckon|suspect|believe|guess))\b", re.I
)
# A sentence that says it tells another problem ("Also the website converts at 0.9%")
_ANOTHER = re.compile(
    r"\b(?:also|another|other|plus|as well|on top of that|separately|besides)\b", re.I
)
# A problem told as a count of those who do or do not ("only 40% pick private cremation",
# "1 in 4 come back")
_COUNTED = re.compile(
    r"\b\d+(?:\.\d+)?\s*%|\b\d+\s+(?:in|of|out of)\s+(?:every\s+)?\d+\b|"
    r"\b(?:a|one)\s+(?:third|quarter|fifth)\b|\bhalf\b",
    re.I,
)


def _drop_stock_like(stage: Stage, fix: Any) -> None:
    """Take out a stage's inferred pain (and the ideas for it) that the same fix family
    answers as a problem the brief states there: "Calls go unanswered while everyone is out"
    beside the brief's own "I can't answer when I'm up in a roof"."""
    for pain in list(stage.pain_points):
        if pain.provenance == USER or _fix_in(f" {pain.description.lower()} ") is not fix:
            continue
        stage.pain_points.remove(pain)
        stage.opportunities = [o for o in stage.opportunities if o.addresses != pain.id]


# Who a stated problem is about, from its first words: the business ("we can't tell who's
# coming"), or others who are no customers ("most funeral homes default to their in-house
# celebrant", "the big tour desks take 20%")
_WE_SAID = re.compile(r"^(?:and\s+|but\s+|so\s+)?(?:we|we'?re|we'?ve|i|i'?m|i'?ve|our|us)\b", re.I)
_THEY_SAID = re.compile(
    r"^(?:(?:most|many|some|all|the|a\s+lot\s+of|lots\s+of|loads\s+of|several|a\s+few|"
    r"(?:around|about|roughly|nearly)?\s*half\s+(?:of\s+)?(?:the|our)?)\s+)*"
    r"(?P<who>(?:[\w-]+\s+){0,2}?[a-z][\w-]*s)\s+(?:just\s+|usually\s+|always\s+|often\s+)?"
    r"(?:default|defaults|take|send|say|charge|keep|push|steer|refer|recommend|insist|"
    r"won'?t|don'?t|never|prefer|want|use|go|tell|book|sell)\b",
    re.IGNORECASE,
)


_CUSTOMERS = {"customers", "clients", "people", "ppl", "patients", "guests", "parents",
              "kids", "children", "families", "students", "users", "members", "visitors",
              "buyers", "shoppers", "renters", "tenants", "owners", "learners", "couples",
              "donors", "volunteers", "subscribers", "players", "riders", "diners", "folks",
              "travellers", "travelers", "tourists", "attendees", "leads", "prospects"}  # fmt: skip


def _third_party(said: str, reading: BriefReading) -> str | None:
    """Who a clause is about when they are neither the business nor its customers ("most
    funeral homes default to their in-house celebrant": funeral homes)."""
    them = _THEY_SAID.match(said)
    who = them["who"].lower() if them else ""
    last = who.split()[-1] if who else ""
    customers = " ".join(a.text.lower() for a in reading.audience)
    if (
        who
        and last not in _CUSTOMERS
        and not re.search(rf"\b{re.escape(last)}\b", customers)
        and (last in _actors() or re.search(r"(?:ers|ists|ors|ians|ants|ents)$", last))
    ):  # someone who acts ("funeral homes", "dealers"), not what happens ("babies don't
        # follow the due date")
        return who
    return None


@cache
def _actors() -> frozenset[str]:
    """Words for people and organisations that act in a customer's journey."""
    lex = lexicon()
    words = [*lex["party_words"], *lex["customer_orgs"], *lex["customer_people"], *lex["people"]]
    return frozenset(w.split()[-1].lower() for w in words)


# Words a brief gives a reason with, for any of its problems
_GIVES_A_REASON = re.compile(
    r"\b(?:because|cos|coz|cuz|due\s+to|the\s+reason|thing\s+is|"
    r"i\s+think\s+it'?s|i\s+reckon|that'?s\s+why|thats\s+why|since\s+(?:the|our|their|they|"
    r"it|we|most|people))\b",
    re.IGNORECASE,
)


def _how_to_learn_why(
    said: str, stage: Stage, reading: BriefReading, phase: Phase | None = None
) -> str:
    """An idea for a stated problem no catalogue fix answers and whose cause the brief does
    not give: how to learn it, from whoever can tell. Customers explain what they did; they
    cannot explain what the business cannot see, nor why a referrer or an agent does what it
    does ("most funeral homes default to their in-house celebrant"). ``phase``, where the
    problem bites, says who else can tell."""
    short, where = _short(said.lower(), 14), stage.name.lower()
    untold = "" if _GIVES_A_REASON.search(reading.text) else " (the brief does not say why)"
    # (a brief that gives a reason somewhere, one not tied to this problem, is not said to
    # give none)
    said = re.sub(  # "I think what the coach says isn't reaching them": no "I" doing it
        r"^(?:i\s+(?:think|guess|reckon|feel\s+like|suspect|believe)|i'?d\s+say|honestly|tbh|"
        r"basically)"
        r"\b[\s,]*(?:that\s+)?",
        "",
        said,
        flags=re.IGNORECASE,
    )
    if _WE_SAID.match(said):
        return (
            f"Work out what stands behind “{short}”: look at the last ten times it happened "
            f"(who, when, which channel), pick the one change at {where} most likely to help, "
            f"and measure how often it happens after{untold}"
        )
    who = _third_party(said, reading)
    if who is not None:
        return (
            f"Talk to three {who} about “{short}”: what would make it worth their while to "
            f"do otherwise, then agree one change with those who say yes{untold}"
        )
    if phase is Phase.awareness:  # nobody can be asked why they never heard of it
        return (
            f"Find out where “{short}” starts: ask the last ten customers how they first heard "
            f"of it and ask people who could need it where they would look, then be found "
            f"there{untold}"
        )
    if phase in (Phase.consideration, Phase.purchase):  # those who did not go ahead know
        return (
            f"Find out why “{short}” happens: ask five people who asked but did not go ahead "
            f"what stopped them, then fix that at {where}{untold}"
        )
    if phase in (Phase.retention, Phase.advocacy):  # those who did not come back know
        return (
            f"Find out why “{short}” happens: ask five past customers who did not come back "
            f"what they did instead, then fix that at {where}{untold}"
        )
    return (
        f"Find out why “{short}” happens: ask five customers it happened to what led to it, "
        f"then fix that cause at {where}{untold}"
    )


def _feels_it(stage: Stage) -> None:
    """A stage where a stated problem bites feels it."""
    if stage.emotion and stage.emotion.score > 2:
        stage.emotion = Emotion(score=2, label="frustrated", provenance=INFERRED)


_WANTED_THING = re.compile(  # not "a lot more trained volunteers": how many, not a thing
    r"^(?:a|an|the|our|my|some)\s(?!(?:lot|lots|bit|few|couple|good deal|great deal|third|"
    r"quarter|half|fifth)\b)",
    re.IGNORECASE,
)


# A goal that is a way of working the owner wants to try, not a result to measure
_WANTED_MEANS = re.compile(
    r"^(?:try|trial|test|pilot|keep (?:\w+ )?(?:informed|updated|posted|in the loop)|give|send|"
    r"offer|set up|launch|introduce|start (?:offering|sending|using|taking)|let|build|add|use|"
    r"switch to|move to|put in|bring in|create|get an? |run an? |make sure|"
    r"(?:every|each|all)\s+\w+\s+to\s+(?:get|have|receive|hear|know))\b",
    re.IGNORECASE,
)


def _wanted_as_idea(stages: list[Stage], wanted: str) -> None:
    """What the user wants put in place ("an express lane for punctures") is their own idea
    for the stated problem it shares most words with (else the first one)."""
    from .understanding.content import content_words

    pains = [(s, p) for s in stages for p in s.pain_points if p.provenance == USER]
    if not pains:
        return
    words = content_words(wanted)
    stage, pain = max(pains, key=lambda sp: len(words & content_words(sp[1].description)))
    if any(o.addresses == pain.id and o.provenance == USER for o in stage.opportunities):
        return  # the user already said how to fix it ("want X so that …")
    kpi = next((o.kpi for o in stage.opportunities if o.addresses == pain.id), None)
    stage.opportunities.insert(
        0,
        Opportunity(
            description=wanted[:1].upper() + wanted[1:],
            addresses=pain.id,
            impact=Level.high,
            effort=Level.medium,
            owner=(stage.owners or ["Operations"])[0],
            kpi=kpi,
            provenance=USER,
        ),
    )
    # the owner's own way to fix it makes a note to go and learn why redundant
    stage.opportunities = [
        o
        for o in stage.opportunities
        if not (o.addresses == pain.id and o.provenance != USER and _RESEARCH.match(o.description))
    ]


# The ideas the engine writes when the brief gives no cause: how to learn it
_LEARN_WHY = re.compile(
    r"(?:Find out why|Find out where|Work out what stands behind|Talk to three)\b"
)


# The ideas the engine writes when it knows no fix: learn the cause, or take on the one given
_RESEARCH = re.compile(
    r"(?:Find out why|Find out where|Work out what stands behind|Talk to three|"
    r"Take on the cause)\b"
)


# How the owner means to reach a goal, said with it: "... up to 70% by sending owners a
# checklist before I come out", "... and have a proper way for people to book a slot"
_BY_MEANS = re.compile(
    r"\s+by\s+(?P<means>(?!(?:spring|morning|evening|thing|something|nothing|anything|"
    r"everything|during|king|ring|wedding|opening|closing|christmas)\b)\w{3,}ing\b.{8,})$",
    re.IGNORECASE,
)  # not "by spring", "by opening night"
_WAY_MEANS = re.compile(
    r"\s+(?:and|&)\s+(?:to\s+)?(?P<verb>have|get|set up|build|make|put in|add)\s+"
    r"(?P<means>an?\s+(?:proper\s+|simple\s+|better\s+|easy\s+|online\s+|new\s+)?"
    r"(?:way|system|process|tool|form|portal|app)\b.{4,})$",
    re.IGNORECASE,
)
_ASIDE = re.compile(r"\s+(?:while|whilst|when|because|as|cos|lol|haha)\b.*$", re.IGNORECASE)
_E_DROPPED = {
    "make", "give", "take", "use", "write", "share", "save", "chase", "move", "drive",
    "provide", "create", "arrange", "schedule", "invite", "change", "replace", "introduce",
    "reduce", "improve", "remove", "automate", "update", "prepare", "include", "require",
    "produce", "price", "quote", "issue", "rate", "tune", "hire", "serve", "have", "welcome",
    "promote", "combine", "guarantee", "encourage", "manage", "continue", "refine",
}  # fmt: skip


def _means_of(goal: str) -> tuple[str, str] | None:
    """The way the owner means to reach a goal, as an idea in the plain form ("Send owners a
    checklist before I come out"), and the goal without it, or None."""
    found = _BY_MEANS.search(goal)
    if found:
        first, _, rest = found.group("means").partition(" ")
        stem = first[:-3]
        if len(stem) > 2 and stem[-1] == stem[-2] and stem[-1] not in "lsz":
            stem = stem[:-1]  # "getting" -> "get"
        elif f"{stem}e".lower() in _E_DROPPED:
            stem += "e"  # "making" -> "make"
        idea = f"{stem} {rest}"
    else:
        found = _WAY_MEANS.search(goal)
        if not found:
            return _means_first(goal)
        verb = "Set up" if found.group("verb").lower() in ("have", "get") else found.group("verb")
        idea = f"{verb} {found.group('means')}"
    idea = _ASIDE.sub("", idea).strip(" ,.")
    return idea[:1].upper() + idea[1:], goal[: found.start()].strip(" ,.")


# The way said first, then the measure: "a deposit system and to get container returns up to
# 90%", "the two biggest funeral homes to give out my card … and get to 8 ceremonies a month"
_THEN_MEASURE = re.compile(
    r"^(?P<means>[^%]{6,}?)\s+(?:and|&)\s+(?:to\s+)?(?:(?P<verb>get|bring|cut|reduce|keep|grow|"
    r"raise|lift|increase|halve|double)\s+|(?=\d))(?P<measure>(?:\S+\s+){1,}\S+)$",
    re.IGNORECASE,
)  # also "24/7 pickup lockers and 90% same-day collection"


_MEASURE_FIRST = re.compile(
    r"(?:cut|reduce|lower|halve|double|increase|grow|raise|lift|boost|improve|more|fewer|less|"
    r"get|keep|bring|win|fill|stop|hit|reach|sell|serve|sign|take|have|zero|no|none|all|every|"
    r"half)\b",
    re.IGNORECASE,
)


def _means_first(goal: str) -> tuple[str, str] | None:
    """The owner's way and the measure when the way comes first (see ``_THEN_MEASURE``):
    the measure carries the figure, the way none."""
    found = _THEN_MEASURE.match(goal.strip(" ,."))
    if found is None or not re.search(r"\d|\bhalf\b|\bdouble\b", found.group("measure")):
        return None
    means, verb = found.group("means").strip(" ,."), (found.group("verb") or "get").lower()
    measure = found.group("measure")
    if re.search(r"\d", re.sub(r"\b24\s*/\s*7\b|\b24[- ]?(?:hours?|hrs?)\b", "", means)):
        return None  # "250 live removals and 3 pest control companies referring": two measures
    if _MEASURE_FIRST.match(means):
        return None  # "cut no-shows and 20% more bookings": two measures, no way
    if verb == "get":  # "get uncollected knives down under 10": the knives, not the getting
        measure = re.sub(r"^(?:to|up to|down to)\s+", "", measure, flags=re.IGNORECASE)
    else:
        measure = f"{verb} {measure}"
    return means[:1].upper() + means[1:], measure


def _place_goals(stages: list[Stage], phases: list[Phase], reading: BriefReading) -> None:
    for goal in reading.goals:
        if (_WANTED_THING.match(goal.text) or _WANTED_MEANS.match(goal.text)) and not (
            goal.baseline or goal.target
        ):  # a thing to put in place or a way to work ("try orders through a simple google
            _wanted_as_idea(stages, goal.text)  # form", "keep patients informed directly"):
            continue  # the owner's own idea, not a measure
        means = _means_of(goal.text)
        if means:  # "... by sending owners a checklist": the owner's own idea, and the
            _wanted_as_idea(stages, means[0])  # measure without it
        phase = goal.phase or next(  # a goal's KPI measures the stage where its problem is
            (p.phase for p in reading.problems if p.phase), Phase.retention
        )
        i = _problem_stage_of(stages, goal.text)  # "late arrivals under 5%": at the arrival
        if i is None and goal.baseline and reading.problems:  # "like 45% accept, we want
            i = _main_problem_stage(stages, reading)  # 65%": the main problem's measure
        if i is None:
            i = _best_stage(stages, phases, phase, goal.text)
        said = means[1] if means else _goal_named(goal, reading)
        name = said[:1].upper() + said[1:]
        if len(name) > 90:
            name = name[:90].rsplit(" ", 1)[0]
        stages[i].kpis.insert(
            0,
            KPI(
                name=name,
                current=goal.baseline,
                target=goal.target,
                provenance=USER,
            ),
        )


def _main_problem_stage(stages: list[Stage], reading: BriefReading) -> int | None:
    """The stage of the brief's first stated problem, as placed (its pain point is the
    user's and opens with the problem's words)."""
    said = _problem_text(reading.problems[0])[:40].lower()
    return next(
        (
            i
            for i, stage in enumerate(stages)
            for pain in stage.pain_points
            if pain.provenance == USER and pain.description.lower().startswith(said)
        ),
        None,
    )


def _problem_stage_of(stages: list[Stage], goal: str) -> int | None:
    """The stage of the stated problem a goal is about ("late arrivals under 5%" and "groups
    arriving late"): the user's pain point sharing most of the goal's words, not counting
    words any goal or problem might use ("customers", "more", "bookings"), if any."""
    from .understanding.content import content_words, generic_stems

    common = generic_stems() | content_words("want get book booking order")
    words = content_words(goal) - common
    best: tuple[int, int] | None = None
    for i, stage in enumerate(stages):
        for pain in stage.pain_points:
            if pain.provenance != USER:
                continue
            shared = len(words & content_words(pain.description))
            if shared and (best is None or shared > best[0]):
                best = (shared, i)
    return best[1] if best else None


_LOW = {Phase.support: 3, Phase.purchase: 2, Phase.onboarding: 1}


def _ensure_low_point(stages: list[Stage], phases: list[Phase]) -> None:
    scored = [(i, s.emotion.score) for i, s in enumerate(stages) if s.emotion]
    if not scored or min(score for _, score in scored) <= 2:
        return

    def risk(pair: tuple[int, int]) -> tuple[bool, int, int]:
        i, score = pair
        high = any(p.severity == Level.high for p in stages[i].pain_points)
        return high, _LOW.get(phases[i], 0), -score

    worst, _ = max(scored, key=risk)
    stages[worst].emotion = Emotion(score=2, label="frustrated", provenance=INFERRED)


def _blueprint_lanes(stages: list[Stage], phases: list[Phase], catalog: Catalog) -> None:
    for stage, phase in zip(stages, phases, strict=True):
        definition = catalog.stages.phases[phase]
        stage.backstage_actions = stage.backstage_actions or list(definition.backstage)
        stage.support_processes = stage.support_processes or list(definition.support_processes)


def _unique_names(stages: list[Stage]) -> None:
    seen: dict[str, int] = {}
    for stage in stages:
        key = stage.name.lower()
        if key in seen:
            seen[key] += 1
            stage.name = f"{stage.name} ({seen[key]})"
        else:
            seen[key] = 1


# --- the map ---------------------------------------------------------------------------------


def title_for(reading: BriefReading) -> str:
    what = reading.business_text or reading.offering_text or "Customer"
    what = what[:1].upper() + what[1:]
    return f"{what}: {reading.map_type.label.lower()} (draft)"


def _drop_repeats(stages: list[Stage]) -> None:
    """Catalogue pains said once: a generic pain that an earlier stage already has is left out
    (with its idea), so one complaint is not pasted across the map."""
    from .understanding.content import near_duplicate

    said: list[str] = []
    for stage in stages:
        gone = set()
        for pain in stage.pain_points:
            if pain.provenance == INFERRED and any(
                near_duplicate(pain.description, s) for s in said
            ):
                gone.add(pain.id)
            else:
                said.append(pain.description)
        _leave_out(stage, gone)


# Told steps no "… without a hitch" goal reads well for: finding the business, and what the
# business does ("Our driver picks up")
_NO_HITCH = re.compile(
    r"(?:find|finds|look|looks|search|hear|hears|discover|see|our|we|my|i)\b", re.IGNORECASE
)
# A told step named for the business's work going on ("Storing the other set")
_DOING = re.compile(r"(?!(?:bring|ring|sing|string|spring)\b)[a-z]{2,}ing\b", re.IGNORECASE)
_SECOND_GOALS = {
    Phase.awareness: "Find someone they can trust for this, without a long search",
    Phase.consideration: "Get a straight answer on what it takes and what it costs",
    Phase.purchase: "Commit knowing exactly what happens next",
    Phase.onboarding: "Know what happens next, and when",
    Phase.usage: "Have it done as promised, with nothing to chase",
    Phase.support: "Get a problem put right quickly",
    Phase.retention: "Come back without starting over",
    Phase.advocacy: "Tell others who did a good job",
}


def _told_steps_said_once(stages: list[Stage], plan: list[_Slot]) -> None:
    """Told steps of one phase share the phase's stock lines; each says them once: a later
    step loses a goal, action or thought an earlier stage has, and gets a goal of its own
    ("Blood test": "Get the blood test done without a hitch")."""
    goals: set[str] = set()
    said: set[str] = set()
    for stage, slot in zip(stages, plan, strict=True):
        if slot.told:
            stage.actions = [a for a in stage.actions if a.lower() not in said] or stage.actions
            stage.thoughts = [t for t in stage.thoughts if t.lower() not in said]
            if stage.customer_goal and stage.customer_goal.lower() in goals:
                name = stage.name
                if _DOING.match(name):  # "Translating and stamping": the business's work,
                    stage.customer_goal = _SECOND_GOALS[Phase.usage]  # whatever its phase
                elif opens_with_a_step_verb(name) and not _NO_HITCH.match(name):
                    stage.customer_goal = f"{name} without a hitch"
                elif not _NO_HITCH.match(name):  # "Blood test"
                    stage.customer_goal = (
                        f"Get the {name[:1].lower()}{name[1:]} done without a hitch"
                    )
                elif slot.phase in _SECOND_GOALS:  # "Find us on Google Maps", "Our driver
                    stage.customer_goal = _SECOND_GOALS[slot.phase]  # picks up"
        goals.add((stage.customer_goal or "").lower())
        said |= {line.lower() for line in [*stage.actions, *stage.thoughts]}


# A told step met face to face ("vet visit", "blood test", "drop the pet at DXB cargo"), or
# on the phone ("then we do a call").
_IN_PERSON_STEP = re.compile(
    r"\b(?:visits?|tests?|screening|surgery|fitting|inspection|drop|drops|dropping|collect\w*|"
    r"pick(?:s|ing)?\s+up|meeting|evening|night|day|session|class|lesson|appointment|"
    r"consultation|viewing|tour|handover|hand-over|check-?up|exam|donat\w*)\b",
    re.IGNORECASE,
)
_CALL_STEP = re.compile(r"\b(?:call|calls|ring|phone)\b", re.IGNORECASE)


def _touchpoints_once(
    stages: list[Stage], plan: list[_Slot], reading: BriefReading, slots: dict[str, str]
) -> None:
    """A stock touchpoint is said once: a later stage that would repeat it ("Follow-up
    email" on every step of a told journey) loses it, and a told step left with none is met
    where the step says ("Vet visit": in person; "we do a call": by phone)."""
    seen: set[str] = set()
    allowed = _allowed_channels(reading)
    for stage, slot in zip(stages, plan, strict=True):
        fresh = [
            t for t in stage.touchpoints if t.provenance != INFERRED or t.name.lower() not in seen
        ]
        if not fresh and slot.told:
            if _CALL_STEP.search(stage.name) and Channel.phone in allowed:
                fresh = [Touchpoint(name=stage.name, channel=Channel.phone, provenance=INFERRED)]
            elif _IN_PERSON_STEP.search(stage.name) and Channel.physical in allowed:
                fresh = [Touchpoint(name=stage.name, channel=Channel.physical, provenance=INFERRED)]
        if not fresh and slot.told:  # another of the phase's stock ways, not yet used
            fresh = [
                Touchpoint(name=name, channel=t.channel, provenance=INFERRED)
                for t in phrasing().touchpoints[slot.phase or Phase.usage]
                for name in [_fill(t.name, slots)]
                if t.channel in allowed and name.lower() not in seen
            ][:1]
        stage.touchpoints = fresh or stage.touchpoints[:1]
        seen |= {t.name.lower() for t in stage.touchpoints if t.provenance == INFERRED}


def _leave_out(stage: Stage, gone: set[str]) -> None:
    """Leave out these stock pains with their ideas. A stage left with none loses the low
    inferred emotion they gave it; the user's own low point keeps its reason, stock or not."""
    emotion = stage.emotion
    if gone and len(gone) == len(stage.pain_points) and emotion and emotion.score <= 2:
        if emotion.provenance != INFERRED:
            return
        stage.emotion = Emotion(score=3, label="neutral", provenance=INFERRED)
    stage.pain_points = [p for p in stage.pain_points if p.id not in gone]
    stage.opportunities = [o for o in stage.opportunities if o.addresses not in gone]


# The brief says people find the business by word of mouth or referral, most of them: a stock
# "people do not come across it" is then no pain of theirs.
_FOUND_BY_WORD = re.compile(
    r"(?:\b(?:most(?:ly)?|mainly|nearly all|almost all|all|majority)\b|\b\d{2}\s?%)[^.;!?]{0,60}"
    r"\b(?:word of mouth|word-of-mouth|referr\w*|recommend\w*|passed on)"
    r"|\b(?:word of mouth|referrals?|recommendations?)\b[^.;!?]{0,30}\b(?:mostly|mainly|"
    r"nearly all|almost all|all)\b"
    r"|\b(?:it's|its|it is)\s+(?:all\s+)?word of mouth\b",
    re.IGNORECASE,
)
# The brief says the business already tells people when it is ready: "i text them when done".
_TELLS_WHEN_READY = re.compile(
    r"\b(?:i|we)\s+(?:then\s+|always\s+|just\s+)?(?:text|txt|message|whatsapp|call|ring|"
    r"email|phone|tell|update|let)\b[^.;!?]{0,40}\b(?:when|once|as soon as)\b[^.;!?]{0,30}"
    r"\b(?:ready|done|finished|fixed|repaired|back|on (?:the|my|our) way)\b",
    re.IGNORECASE,
)
_NOT_FOUND = re.compile(r"\b(?:do not|don't) come across\b", re.IGNORECASE)
_NOT_TOLD = re.compile(r"\bnot told (?:when|what happens next)\b", re.IGNORECASE)


# A place on the business's own premises, or the customer getting there: no line for a
# business that comes to them (a mobile groomer has no reception desk or shopfront)
_ON_PREMISES = re.compile(
    r"\b(?:(?:reception|front|service|cash|check-?in)\s+desks?|reception(?:ist)?|"
    r"front\s+of\s+house|shop\s?fronts?|shop\s+floor|showrooms?|waiting\s+(?:rooms?|areas?)|"
    r"passing\s+trade|walk-?\s?ins?|in-?\s?store|tills?|the\s+desk|in\s+person\s+at)\b",
    re.IGNORECASE,
)
_GETTING_THERE = re.compile(r"^(?:arrive|arrives|get\s+there|come\s+in|walk\s+in)\b", re.I)


def _drop_premises(stages: list[Stage], reading: BriefReading) -> None:
    """Where the business goes to its customers ("we come to you and groom in the van on your
    drive"), leave out the drafted touchpoints and acts on its premises (a reception desk, the
    shopfront, paying at the desk) and a goal of getting there ("Arrive prepared"); the
    brief's own words stay."""
    if not goes_to_customers(reading.text):
        return
    for stage in stages:
        kept = [
            t
            for t in stage.touchpoints
            if t.provenance == USER or not _ON_PREMISES.search(f"{t.name} {t.description or ''}")
        ]
        if stage.touchpoints and not kept:  # the visit itself, where it happens
            place = "site" if reading.sector.text == "b2b" else "home"
            kept = [
                Touchpoint(
                    name=f"The visit, at the customer's {place}",
                    channel=Channel.physical,
                    provenance=INFERRED,
                )
            ]
        stage.touchpoints = kept
        told = {a.lower() for a in stage.actions[:1]}  # a told step is put first
        stage.actions = [
            a for a in stage.actions if a.lower() in told or not _ON_PREMISES.search(a)
        ]
        if stage.customer_goal and _GETTING_THERE.match(stage.customer_goal):
            stage.customer_goal = "Be ready for the visit, with nothing forgotten"


def _drop_said_otherwise(stages: list[Stage], reading: BriefReading) -> None:
    """Leave out a stock pain the brief says is not so: "nobody comes across the business"
    where most come by word of mouth or referral (unless the brief's own problem is being
    found), "people are not told when it is ready" where the owner texts them when it is."""
    found_well = bool(_FOUND_BY_WORD.search(reading.text)) and not any(
        p.phase == Phase.awareness for p in reading.problems
    )
    told = bool(_TELLS_WHEN_READY.search(reading.text))
    for stage in stages:
        gone = {
            p.id
            for p in stage.pain_points
            if p.provenance == INFERRED
            and (
                (found_well and _NOT_FOUND.search(p.description))
                or (told and _NOT_TOLD.search(p.description))
            )
        }
        _leave_out(stage, gone)


# A price in one country's money is no line for a business in another ("£200 to switch -
# what's the catch?" for a Wisconsin credit union)
_MONEY_OF = {"£": {"UK"}, "₹": {"IN"}, "€": {"EU", "IE"}}


def _priced_elsewhere(text: str, region: str | None, brief: str) -> bool:
    """A line priced in money the brief never uses, of another country than the brief's."""
    return region is not None and any(
        sign in text and sign not in brief and region not in regions
        for sign, regions in _MONEY_OF.items()
    )


def _drop_foreign(
    stages: list[Stage],
    reading: BriefReading,
    phases: list[Phase] | None = None,
    slots: dict[str, str] | None = None,
) -> None:
    """Remove catalogue content that does not fit the business: at home in another kind of
    business or only in another region (a UK physio is not told about Zocdoc or co-pays, an
    audiology clinic about readmissions), with the ideas that answered a removed pain. The
    user's own words are never removed."""
    from .understanding.content import foreign_to_brief, mentions

    region = reading.region.text if reading.region else None
    unpaid = unpaid_words(reading)

    def foreign(text: str) -> bool:
        return (
            bool(foreign_to_brief(text, reading.text, region))
            or mentions(text, unpaid)
            or _priced_elsewhere(text, region, reading.text)
        )

    for stage in stages:
        keep = [t for t in stage.touchpoints if t.provenance == Provenance.user]
        for t in stage.touchpoints:
            if t not in keep and foreign(t.name) and (pruned := _pruned(t.name, foreign)):
                t.name = pruned  # "Tender portals (Find a Tender, Contracts Finder)" in the UK
        stage.touchpoints = [t for t in stage.touchpoints if t in keep or not foreign(t.name)]
        gone = {
            p.id
            for p in stage.pain_points
            if p.provenance != Provenance.user and foreign(p.description)
        }
        stage.pain_points = [p for p in stage.pain_points if p.id not in gone]
        stage.opportunities = [
            o for o in stage.opportunities if o.addresses not in gone and not foreign(o.description)
        ]
        for o in stage.opportunities:  # "Checkout completion rate" of a free service: the
            if o.kpi and foreign(o.kpi) and o.provenance != Provenance.user:  # idea stays,
                o.kpi = None  # without a measure from another kind of business
        answered = {o.addresses for o in stage.opportunities}
        stage.pain_points = [  # a catalogue pain whose only idea was dropped goes with it
            p for p in stage.pain_points if p.provenance == Provenance.user or p.id in answered
        ]
        stage.kpis = [k for k in stage.kpis if not foreign(k.name)]
        stage.actions = [a for a in stage.actions if not foreign(a)]
        stage.thoughts = [t for t in stage.thoughts if not foreign(t)]
        if stage.customer_goal and foreign(stage.customer_goal):
            stage.customer_goal = None
    if unpaid and phases is not None and slots is not None:
        for stage, phase in zip(stages, phases, strict=True):
            spec = phrasing().unpaid.get(phase)
            if spec is not None and not stage.pain_points:  # "Price, availability … unclear"
                _add_pair(stage, spec, slots)  # was dropped: what is unclear where none pays


def _pruned(text: str, foreign: Callable[[str], bool]) -> str | None:
    """The text without the items of its bracketed list that do not fit ("Tender portals (Find
    a Tender, Contracts Finder, TED, SAM.gov)" for a UK firm loses SAM.gov), or None when
    no such list makes it fit."""
    listed = re.search(r"\(([^()]*,[^()]*)\)", text)
    if listed is None:
        return None
    items = [item.strip() for item in listed.group(1).split(",")]
    kept = [item for item in items if item and not foreign(item)]
    if not kept or len(kept) == len(items):
        return None
    out = f"{text[: listed.start()]}({', '.join(kept)}){text[listed.end() :]}"
    return None if foreign(out) else out


def _add_pair(stage: Stage, spec: _UnpaidStage, slots: dict[str, str]) -> None:
    """A catalogue pain and the idea that answers it, put in a stage that has none."""
    pain, fix = _stock_pair(f"pp-{slugify(stage.name)}-u1", spec.pain, spec.fix, slots)
    stage.pain_points.append(pain)
    stage.opportunities.append(fix)


def compose_map(reading: BriefReading, catalog: Catalog) -> tuple[JourneyMap, list[Phase]]:
    """The offline engine's map for a reading, and the phase each stage was composed for."""
    pack = catalog.industries.get(reading.industry.pack or "") if reading.industry.used else None
    slots = nouns(reading)
    plan = skeleton(reading, catalog, pack)
    if pack is None:
        _named_by_acts(plan, reading)
    _ensure_conversion(plan, reading)
    _ensure_try_step(plan, reading)
    _ensure_moments(plan, reading, slots)
    _ensure_undone_step(plan, reading)
    _ensure_between(plan, reading)
    if pack is not None:  # the pack's stage for the conversion lends its content (not to a
        for slot in plan:  # moment's stage of its own: "Get the photos" is no wedding day)
            if slot.template is None and slot.spec is None and slot.phase is not None:
                slot.template = next(
                    (
                        s
                        for s in pack.stages
                        if s.phase == slot.phase and pack.stage_name_for(s.name, reading.text)
                    ),
                    None,
                )
    markers = sibling_markers(pack, reading) if pack else []
    allowed = _allowed_channels(reading)
    kind = (pack.kind_of(reading.text), bool(pack.kinds)) if pack else (None, False)
    stages = [_build(slot, slots, markers, allowed, kind) for slot in plan]
    phases = [slot.phase or _nearest_phase(plan, n) for n, slot in enumerate(plan)]
    _drop_foreign(stages, reading, phases, slots)
    _place_steps(stages, phases, reading)
    _place_where(stages, phases, reading, slots)
    _place_details(stages, phases, reading)
    _place_channels(stages, phases, reading)
    _drop_stock_where_told(stages, phases, slots)
    _prune_channels(stages, phases, reading, slots)
    _place_problems(stages, phases, reading, slots)
    _cause_idea_shared(stages)
    _place_goals(stages, phases, reading)
    _drop_repeats(stages)
    _touchpoints_once(stages, plan, reading, slots)
    _told_steps_said_once(stages, plan)
    _drop_said_otherwise(stages, reading)
    _drop_premises(stages, reading)
    _ensure_low_point(stages, phases)
    if _one_person(reading):
        _owned_by_the_owner(stages)
    else:
        _owned_in_the_sectors_words(stages, reading)
    if reading.map_type == MapType.service_blueprint:
        _blueprint_lanes(stages, phases, catalog)
    for stage, phase in zip(stages, phases, strict=True):
        stage.phase = phase  # what the stage was composed for: the critique reads it
        if not stage.actions:  # every catalogue action was another kind's: the phase's own
            stage.actions = catalog.stages.phases[phase].actions[:1]
    _unique_names(stages)
    goal = reading.goals[0] if reading.goals else None
    objective = None
    if goal is not None:
        objective = goal.text
        named = _goal_named(goal, reading)
        if named != goal.text:  # "Id like it under 2": what "it" is, the problem says
            objective = named
        if _WANTED_THING.match(objective) and not (goal.baseline or goal.target):
            objective = f"Put in place {objective}"
        if goal.baseline or goal.target:
            objective += f" ({goal.baseline or 'now'} → {goal.target or 'target'})"
    elif reading.problems:
        objective = f"Fix: {_problem_text(reading.problems[0]).lower()}"
    journey = JourneyMap(
        title=title_for(reading),
        map_type=reading.map_type,
        context=BusinessContext(
            company=None,
            product=", ".join(o.text for o in reading.offering[:3]) or None,
            industry=pack.id if pack else (reading.business_text or None),
            business_model=reading.sector.text,
            audience=reading.audience_text,
            objective=objective or "First draft to critique and refine",
            scope=f"From first hearing of {slots['biz']} to {plan[-1].name.lower()}",
        ),
        stages=stages,
    )
    return journey, phases
