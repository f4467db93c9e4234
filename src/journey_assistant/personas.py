"""Draft proto-personas from a brief: distinct archetypes, marked as assumptions to validate.

Offline, personas come from the industry pack's archetypes (or generic ones), tied to the
audience the brief names. With company documents ingested, snippets about customers are added
as cited evidence. Every persona lists what must be validated and how.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from .knowledge.catalog import PersonaArchetype, get_catalog
from .models import EvidenceLevel, Persona, PersonaItem, Provenance, Source
from .understanding import BriefReading, read_brief
from .understanding.brief import lexicon, served_in_trouble
from .understanding.content import broken_phrase, singular
from .understanding.customers import plural_kind
from .understanding.moments import moment_of
from .understanding.parts import (
    BUYING,
    STEERING,
    USING,
    Part,
    kind_key,
    part_of_role,
    parts_said,
    same_people,
)
from .understanding.phrases import Phrases
from .understanding.reading import Read, Role
from .vocab import Channel

INFERRED = Provenance.inferred
Search = Callable[[str, int], list[tuple[Source, str]]]  # query, k -> (source, text)

RESEARCH = [
    "Interview 5-8 customers who match this persona about their last purchase",
    "Check web and app analytics for the channels and devices this persona is assumed to use",
    "Read the last 3 months of support tickets and reviews for these frustrations",
    "Run a short survey to size this segment and test the goals",
]


def archetypes_for(reading: BriefReading) -> list[PersonaArchetype]:
    """The industry's persona archetypes when the match is confident, else the generic ones
    for the brief's sector."""
    catalog = get_catalog()
    pack = catalog.industries.get(reading.industry.pack or "") if reading.industry.used else None
    if pack:
        return list(pack.personas)
    sector = reading.sector.text or "b2c"  # a volunteer or a permit applicant is no shopper
    whom = _stands_for(reading)  # and a charity's clients are no donors
    fitting = [
        a
        for a in catalog.personas
        if sector in (a.sectors or ["b2c"]) and (whom is None or a.stands_for != whom[1])
    ]
    return fitting or [a for a in catalog.personas if not a.sectors]


def rank_archetypes(archetypes: list[PersonaArchetype], brief: str) -> list[PersonaArchetype]:
    """Archetypes that share the most words with the brief first (stable for ties)."""
    import re

    words = {w for w in re.findall(r"[a-z]{4,}", brief.lower())}

    def overlap(a: PersonaArchetype) -> int:
        text = " ".join([a.name, a.role, a.segment, *a.goals, *a.needs, *a.behaviours]).lower()
        return sum(1 for w in words if w in text)

    return sorted(archetypes, key=lambda a: -overlap(a))


_REPEAT = re.compile(r"\b(?:loyal|regular|repeat|returning)\b", re.IGNORECASE)

# Whom of a sector's customers a brief serves, from the customers it names
_SUPPORTERS = re.compile(
    r"\b(?:donors?|donat\w+|volunteers?|supporters?|sponsors?|fundrais\w+|pledg\w+|givers?|"
    r"benefactors?|funders?)\b",
    re.IGNORECASE,
)
_SERVED = re.compile(
    r"\b(?:clients?|famil(?:y|ies)|participants?|refugees?|newcomers?|immigrants?|migrants?|"
    r"asylum seekers?|residents?|patients?|seniors?|older (?:people|adults|residents)|"
    r"pensioners?|elderly|readers?|patrons?|learners?|students?|pupils?|children|kids|"
    r"young people|youth|teens?|carers?|caregivers?|users?|visitors?|tenants?|renters?|"
    r"mothers?|mums?|moms?|parents?|members?|homeless|survivors?|veterans?|people with|"
    r"people who|women|men|girls|boys|job ?seekers?)\b",
    re.IGNORECASE,
)
_BUYING_TEAM = re.compile(
    r"\b(?:procurement|purchasing|buying (?:team|committee)|tenders?|finance (?:director|team)|"
    r"sign[- ]?off|purchase orders?|budget holders?|(?:it|facilities|office|operations|practice|"
    r"site|category|plant) managers?|head of|companies|corporates?|firms|councils?|schools?|"
    r"hospitals?|universit\w+|labs?|laborator\w+|distributors?|wholesalers?|retailers?|"
    r"chains?|hotels?|developers?|manufacturers?|agencies)\b",
    re.IGNORECASE,
)
_OWNERS = re.compile(
    r"\b(?:farmers?|smallholders?|growers?|breeders?|landlords?|sole traders?|"
    r"owner[- ]operators?|small business(?:es)?|[\w-]+ owners?|shops|caf[eé]s|restaurants|"
    r"pubs|salons|builders|"
    r"contractors|tradespeople|tradesmen|plumbers|electricians|livery yards?|b&bs?|"
    r"guest ?houses|market traders?)\b",
    re.IGNORECASE,
)


def _stands_for(reading: BriefReading) -> tuple[str, str] | None:
    """Whom of its sector's customers the brief serves, and whom that rules out: a charity
    whose customers are refugees or low-income families serves them, not donors; a farmer
    buying for the farm is no buying team."""
    customers = " ".join(a.text for a in reading.audience)
    if reading.sector.text == "nonprofit":  # who gives, unless it names whom it is for, or
        trouble = served_in_trouble(reading.text, reading.problems, reading.goals)  # has
        if _SERVED.search(customers) and (trouble or not _SUPPORTERS.search(customers)):
            return "served", "supporters"  # its trouble with them
        return "supporters", "served"
    if reading.sector.text == "b2b":  # an organisation buys, unless owners buy for their own
        said = customers or reading.text
        if _OWNERS.search(said) and not (
            reading.has("buying_committee") or _BUYING_TEAM.search(said)
        ):
            return "owner", "buying_team"
        return "buying_team", "owner"
    return None


# Occasions a pack's archetype can be about: where the brief names occasions, an archetype
# about another one is left out (a brief that names none rules none out)
_OCCASION = re.compile(
    r"\b(wedding|funeral|birthday|christening|prom|graduation|anniversary)", re.I
)


def _fits(archetype: PersonaArchetype, reading: BriefReading) -> bool:
    """Whether an archetype is about this kind of business: a vegan bakery gets no coffee
    subscriber and a dog groomer no salon regular, though each pack covers both kinds."""
    from .compose import sibling_markers
    from .understanding.content import mentions

    pack = get_catalog().industries.get(reading.industry.pack or "")
    if pack is None or not reading.industry.used:
        return True
    core = " ".join([archetype.name, archetype.role, archetype.segment])
    named = {o.lower() for o in _OCCASION.findall(reading.text)}
    for occasion in _OCCASION.findall(core.lower()):  # a couple planning their wedding is
        if named and occasion not in named:  # no customer of a florist who does funeral work
            return False
    others = sibling_markers(pack, reading)
    mine = [w for words in pack.kinds.values() for w in words if w not in others]
    said = f"{archetype.name} {archetype.role}"  # not "regulars" of a segment's label
    unsaid = [  # "Wholesale customers" for a bakery whose brief says nothing of wholesale
        kind
        for kind, words in pack.kinds.items()
        if mentions(core, [kind]) and not mentions(reading.text, words)
    ]
    if unsaid:
        return False
    return not mentions(core, others) or mentions(said, mine)  # a couple booking a
    # photographer and a florist suits both; a salon regular suits no dog groomer, a coffee
    # subscriber no café


# What customers live through ("the reception line is engaged all morning", "they wait 8-13
# weeks"), as against what the business sees them do or counts ("hardly anyone leaves a
# review", "1 in 5 dont turn up", "the shipping costs eat the margin").
_FELT = re.compile(
    r"\b(?:wait\w*|slow|late|takes?|taking|took|forever|weeks?|stuck|confus\w*|can'?t|cannot|"
    r"don'?t know|no idea|scared|panic\w*|nervous|worried|stress\w*|upset|anxious|expensive|"
    r"prices?|fees?|engaged|queue\w*|hard to|complicated|have to|has to|forms?|upload\w*|"
    r"wrong|damaged|broken|missing|not told|never told|nobody told|hear from|intrusive)\b",
    re.IGNORECASE,
)
_COUNTED = re.compile(
    r"\b(?:reviews?|referr\w*|refers?|followers|win rate|close rate|conversion|convert\w*|"
    r"registers?|sign[- ]?ups?|enrol\w*|renewals?|churn\w*|no[- ]shows?|turn up|ghost\w*|"
    r"margins?|profit|revenue|sell|sales|tickets|lose track|our (?:own )?(?:site|website)|"
    r"turn\w* away|enquir\w*|inquir\w*|leads|"
    r"barely anyone|hardly anyone|almost no one|nobody|reply to everyone)\b|^we'?ve no idea"
    # the owner's side of it: "I never hear from them again"
    r"|\b(?:i|we) (?:never|don'?t|rarely|hardly ever|seldom) (?:hear|see)\b|\bfrom them again\b",
    re.IGNORECASE,
)


def felt_by_customers(problem: str) -> bool:
    """Whether a stated problem is something customers live through, so that a persona may
    carry it as a frustration."""
    return bool(_FELT.search(problem)) and not _COUNTED.search(problem)


def customer_title(audience: str) -> str:
    """One of the customers a brief names, as a persona calls them: "funeral directors" ->
    "Funeral Director", "law firms" -> "Law Firm Buyer", "private homes" -> "Homeowner" (a
    persona is a person)."""
    audience = re.sub(r"['’]s?\b", "", audience)  # "the vet's front desk": "Vet Front Desk"
    if re.fullmatch(r"(?:(?:private|local)\s+)?(?:homes|households)", audience, re.I):
        return "Homeowner"
    if re.search(r"\b(?:procurement|purchasing|hr|finance|ops|operations|it)$", audience, re.I):
        audience += " lead"  # a department: the person there who deals with us
    audience = re.sub(r"\bpeople$", "person", audience, flags=re.I)
    words = audience.split()
    if not words[-1].isupper():  # "QS" is a quantity surveyor, not a plural of Q
        words[-1] = singular(words[-1])
    title = " ".join(
        w if w.isupper() else "-".join(p[:1].upper() + p[1:] for p in w.split("-")) for w in words
    )
    return f"{title} Buyer" if _BODY.search(audience) else title


# Customers that are places or bodies, not people: their persona is the buyer there.
_BODY = re.compile(
    r"\b(?:firms|shops|restaurants|cafes|cafés|bars|pubs|hotels|warehouses|sites|companies|"
    r"businesses|practices|surgeries|trusts|schools|universities|colleges|nurseries|estates|"
    r"farms|associations|committees|labs|councils|clinics|offices|venues|hospitals|charities|"
    r"homes|garages|dealerships|agencies|kitchens|breweries|wineries|factories|studios|gyms|"
    r"salons|start-ups|startups|organisations|organizations|lets|churches|temples|mosques|"
    r"parishes|hostels|theatres|museums|libraries|yards|stables|exporters|smes|"
    r"units|potteries|departments|groups|takeaways|b&bs|households|boards|centres|centers)$",
    re.IGNORECASE,
)


def _customer_of(reading: BriefReading) -> str:
    """A customer named by what they buy, for a brief that names none ("tool sharpening
    customer", "translation app user"); "" when the offering is not read with confidence."""
    from .compose import _short_noun

    sure = [o.text for o in reading.offering if o.confidence >= 0.4 and not broken_phrase(o.text)]
    if not sure:
        return ""
    words = _short_noun(sure[0]).split()
    short = " ".join([*words[:-1], singular(words[-1])]) if words else ""  # "seed packet"
    user = re.search(r"\bapps?\b", short, re.I)
    return f"{short} {'user' if user else 'customer'}"


def persona_from(
    archetype: PersonaArchetype,
    reading: BriefReading,
    who: str | None = None,
    *,
    first: bool = True,
    again: bool = False,
) -> Persona:
    """A proto-persona built from an archetype, framed by the brief's audience; ``who``, one
    kind of customer the brief names, names it ("The Careful Family Historian"); ``first``:
    whether it is the first persona, who carries a problem that names no kind; ``again``:
    the part ``who`` plays has a persona already, so this one is another kind of them (a
    time-pressed tortoise owner besides the one who books and pays)."""

    from .compose import shape_persona_goal, sibling_markers, unpaid_words
    from .understanding.content import foreign_to_brief, mentions

    catalog = get_catalog()
    pack = catalog.industries.get(reading.industry.pack or "") if reading.industry.used else None
    # "Know the full cost before paying" is no line for a free camp's persona, pack or not
    markers = sibling_markers(pack, reading) if pack is not None else unpaid_words(reading)

    region = reading.region.text if reading.region else None

    said = f" {reading.text.lower()} "
    needs = lexicon()["persona_line_needs"]

    def fits(text: str) -> bool:
        """Not about another kind of business in the pack (a library's member is not told
        about parking permits or missed bins), nor another business or region altogether, nor
        about a part of buying this business has not got ("Prices that change at checkout"
        for a doorstep knife sharpener)."""
        low = text.lower()
        unsaid = any(
            key in low and not any(re.search(rf"\b{re.escape(w)}\b", said) for w in words)
            for key, words in needs.items()
        )
        return (
            not unsaid
            and not mentions(text, markers)
            and not foreign_to_brief(text, reading.text, region)
        )

    def items(values: list[str]) -> list[PersonaItem]:
        return [PersonaItem(text=v, provenance=INFERRED) for v in values if fits(v)]

    segment = archetype.segment
    if reading.audience:
        segment = f"{archetype.segment} ({who or reading.audience_text})"
    places = [a.text for a in reading.audience if _BODY.search(a.text)]
    if who and places and reading.sector.text == "b2b" and not _BODY.search(who):
        # someone at the organisations the brief names: "head chef at restaurants, takeaways"
        segment = f"{archetype.segment} ({who} at {', '.join(places)})"
    name = archetype.name
    # "I don't want to bother my daughter every time" is no employer's or buyer's line
    family_quote = bool(who) and bool(
        re.search(
            r"\b(?:daughter|son|kids|wife|husband|mum|dad|family)\b", archetype.quote or "", re.I
        )
    )
    fresh = bool(who) and re.match(r"(?:first[- ]time|new|prospective)\b", who or "", re.I)
    if who and archetype.named and not (fresh and "loyal" in archetype.name.lower()):
        title = customer_title(who)  # no "Loyal First-Time Boater"; and whoever uses what a
        if archetype.role.startswith("Uses what"):  # brewery bought is on its team, no buyer
            title = re.sub(r" Buyer$", " Team Member", title)
        name = archetype.named.format(who=title)
    elif (  # a brief that names no customers: "The Careful Tool Sharpening Customer", not
        not who  # "The Careful Comparer" of every such draft (a council's or a charity's
        and not reading.audience  # archetypes have role names of their own: "The
        and archetype.named  # First-Time Applicant")
        and reading.sector.text not in ("public", "nonprofit")
    ):
        kind = _customer_of(reading)
        if kind:
            name = archetype.named.format(who=customer_title(kind))
    goals = items(archetype.goals)
    wanted = shape_persona_goal(reading) if first else None
    if wanted and fits(wanted):  # what the main customer came for, in the business's nouns,
        goals = [PersonaItem(text=wanted, provenance=INFERRED), *goals][:3]  # before stock
    frustrations = items(archetype.frustrations)
    felt = None
    for problem in reading.problems[:1]:  # the brief's own problem, in the customer's life
        if felt_by_customers(problem.text) and _about(problem.text, who, reading, first):
            felt = PersonaItem(text=problem.text, provenance=Provenance.user)
            frustrations.insert(0, felt)
    moment = next(  # the moment the brief's problem happens at, when it is this persona's:
        (  # what they need and ask then
            m
            for problem in reading.problems[:1]
            if (first or who) and _about(problem.text, who, reading, first)
            for m in [moment_of(problem.text)]
            if m is not None
        ),
        None,
    )
    lived = [moment.need, moment.worry] if moment else []
    wanted_then = [PersonaItem(text=lived[0], provenance=INFERRED)] if lived else []
    asked = [PersonaItem(text=lived[1], provenance=INFERRED)] if lived else []
    told = _told_of(who, reading)
    named = [c for c in reading.channels if c.platform or c.confidence >= 0.7]
    channels = list(dict.fromkeys(c.channel for c in named)) or list(archetype.channels)
    assumptions = [
        f"{name} wants: {(goals[0].text if goals else archetype.goals[0]).lower()}",
        f"{name} is put off by: "
        f"{_clipped(frustrations[0].text if frustrations else archetype.frustrations[0]).lower()}",
        f"{name} prefers: {', '.join(c.value for c in channels[:3])}",
    ]
    if who:
        assumptions.insert(0, f"{name} stands for the {who} the brief names")
    behaviours = items(archetype.behaviours)
    commits = _commits(reading, told) if first else ""
    if commits:  # how the main customer books, orders or pays, as the brief tells it
        behaviours.insert(
            0, PersonaItem(text=f"In the brief: “{commits}”", provenance=Provenance.user)
        )
    if told:  # what the brief says they do is the user's, not a guess
        behaviours.insert(
            0, PersonaItem(text=f"In the brief: “{told}”", provenance=Provenance.user)
        )
    does = told if len(told) <= 120 else ""  # their part in the journey, as the brief says it
    said_how = dict.fromkeys(  # "Instagram" by its name; "ring" as the phone
        c.text if c.platform else _SAID.get(c.channel.value, c.channel.value) for c in named
    )
    reaches = (
        [
            PersonaItem(
                text=f"Reaches the business: {', '.join(said_how)} (named in the brief)",
                provenance=Provenance.user,
            )
        ]
        if named
        else []
    )
    part = _part_of(who, reading)
    if part is not None and again:  # the same part, played another way
        does = f"{part.segment}; {_lower_first(archetype.role)}"
        part = None
    if part is not None:  # or as it says what they do for the customer ("steered by …"): the
        # part is who they are
        return _part_persona(
            part,
            who or "",
            reading,
            channels,
            does=does,
            felt=felt,
            reaches=reaches,
            lived=lived if part in (*BUYING, *USING) else [],
        )
    behaviours += reaches
    role = does or archetype.role
    paid = not (
        reading.has("free_service") or reading.sector.text in ("public", "nonprofit")
    )  # a stock shopper who stands for the brief's customers says their part first: they book
    alone = not reading.roles and len(reading.audience) <= 1  # and pay themselves, where the
    plays = tuple(parts_said(told)) if told and not archetype.sectors else ()  # brief names no
    if plays and not again:  # one else (a barn manager books the farrier, the owners pay), or
        # what the brief says they do ("the estate manager will call us": books)
        role = f"{_PART_SAID.get(plays, plays[0].capitalize())}; {_lower_first(archetype.role)}"
    elif who and not again and not archetype.sectors and paid and (alone or first):
        role = f"Books and pays; {_lower_first(archetype.role)}"  # the main customer's part
    return Persona(
        name=name,
        role=role,
        segment=segment,
        goals=goals,
        needs=[*wanted_then, *items(archetype.needs)][:3],
        frustrations=frustrations,
        behaviours=behaviours,
        motivations=items(archetype.motivations),
        objections=[*asked, *items(archetype.objections)][:2],
        preferred_channels=channels,
        # a stock quote is nobody's words once the persona is one of the brief's customers
        quote=archetype.quote
        if fits(archetype.quote or "") and not (family_quote or who)
        else None,
        evidence_level=EvidenceLevel.assumption,
        assumptions_to_validate=assumptions,
        validation_research=RESEARCH[:3],
        provenance=INFERRED,
    )


# What someone does, as a persona's role opens with it
_PART_SAID = {
    ("books", "pays"): "Books and pays", ("books", "uses"): "Books and uses it",
    ("pays", "uses"): "Pays and uses it", ("books", "pays", "uses"): "Books, pays and uses it",
    ("uses",): "Uses it",
}  # fmt: skip

# A channel as a persona line says it ("in person", not "physical")
_SAID = {
    "physical": "in person", "partner": "partners", "word_of_mouth": "word of mouth",
    "review_sites": "review sites", "social": "social media", "sms": "text messages",
    "paid_ads": "ads", "direct_mail": "post", "in_product": "the product",
    "tv_radio": "TV or radio", "mobile_app": "the app", "marketplace": "a marketplace",
    "community": "community groups",
}  # fmt: skip


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _clipped(text: str, size: int = 90) -> str:
    """A long line cut at a word, for a one-line assumption."""
    return text if len(text) <= size else text[:size].rsplit(" ", 1)[0].rstrip(",;:") + " …"


def persona_kinds(reading: BriefReading) -> list[str]:
    """The kinds of customer in the order personas stand for them: people before places and
    bodies ("parents" before "middle schools"), one of each group first (kinds named
    together, "the homeowner or landlord", or alike, "agencies" and "real estate agents"),
    then the rest, each in the brief's order."""
    people = [a for a in reading.audience if not _BODY.search(a.text)]
    bodies = [a for a in reading.audience if _BODY.search(a.text)]
    first: list[str] = []
    seen: list[tuple[str, str]] = []
    for read in [*people, *bodies]:
        head = singular(read.text.split()[-1].lower())[:4]
        if not any(read.source == src or head == h for src, h in seen):
            first.append(read.text)
        seen.append((read.source, head))
    return first + [a.text for a in [*people, *bodies] if a.text not in first]


def cast(reading: BriefReading) -> list[str]:
    """The people personas stand for, in order: those who choose, pay or book (one for each
    part: the kitchen manager who books and head office that pays), the one who uses it, one
    who refers or steers people to the business, then the other kinds of customer the brief
    names; with no one who buys or uses, the customers first and the referrer after them (the
    couples, then their wedding planner). A kind named in the sentence that gives someone
    there a part is that someone ("on a vet referral (the practice emails a form)": the vet,
    no practice)."""

    def picked(parts: list[Part]) -> list[Role]:
        out: list[Role] = []
        for role in reading.roles:
            part = part_of_role(role)
            if part in parts and not any(part_of_role(r) == part for r in out):
                out.append(role)
        return out

    buyers, users = picked(BUYING), picked(USING)[:1]
    others = [r for r in reading.roles if part_of_role(r) not in {*BUYING, *USING}][:1]
    played = {kind_key(r.text).split()[-1] for r in reading.roles}
    rest = [
        kind
        for kind in persona_kinds(reading)
        if kind_key(kind).split()[-1] not in played  # "planner": the wedding planner who refers
        and not any(a.text == kind and _said_with(a, reading.roles) for a in reading.audience)
        and not (users and same_people(kind, users[0].text))
    ]
    steering = [r.source for r in reading.roles if part_of_role(r) in STEERING]
    sent = [  # "an e-referral from a partner agency, mostly GPs, schools …": those who refer
        k
        for k in rest
        if any(a.text == k and a.source in s for a in reading.audience for s in steering)
    ]
    rest = [k for k in rest if k not in sent] + sent
    if buyers or users:  # then the customers the brief names
        return [r.text for r in [*buyers, *users, *others]] + rest
    return [*rest[:1], *(r.text for r in others), *rest[1:]]  # the couples, then the planner
    # who refers them, then other kinds of customer


def _said_with(kind: Read, roles: list[Role]) -> bool:
    """Whether a kind is a place or body read from the sentence that gives someone there a
    part ("on a vet referral (the practice emails a form)": the practice is the vet's)."""
    body = _BODY.search(plural_kind(kind.text))
    return bool(body and kind.source) and any(kind.source in r.source for r in roles)


def persona_count(reading: BriefReading) -> int:
    """How many personas a draft gets: three when three people play parts (head office that
    pays, the kitchen manager who books, the broker who refers), or two do and neither uses
    it, so that one of the customers the brief names stands for those who do (the daughter
    who fills in the form, the OT who refers, and the residents); else two."""
    people = cast(reading)
    played = set(people) & {r.text for r in reading.roles}
    users = {r.text for r in reading.roles if part_of_role(r) in USING} & played
    return 3 if len(played) >= 3 or (len(played) == 2 and not users and len(people) > 2) else 2


def _paired(
    archetypes: list[PersonaArchetype], kinds: list[str]
) -> list[tuple[PersonaArchetype, str | None]]:
    """Each archetype with the kind of customer it stands for: for a pack's archetype, the
    one its own words name ("Juggling Parent" and "parents"), else the next kind not yet
    taken, in the brief's order (a generic archetype is named for it: "The Careful {who}")."""
    from .understanding.content import content_words

    free = list(kinds)
    out: list[tuple[PersonaArchetype, str | None]] = []
    for n, archetype in enumerate(archetypes):
        own = content_words(" ".join([archetype.name, archetype.role, archetype.segment]))
        mine = [k for k in free if not archetype.named and content_words(k.split()[-1]) & own]
        again = [kinds[n % len(kinds)]] if kinds else []  # more personas than kinds
        choices: list[str] = mine or free or again
        who = choices[0] if choices else None
        if who is not None and who in free:
            free.remove(who)
        out.append((archetype, who))
    return out


def _part_persona(
    part: Part,
    who: str,
    reading: BriefReading,
    channels: list[Any],
    *,
    does: str = "",
    felt: PersonaItem | None = None,
    reaches: list[PersonaItem] | None = None,
    lived: list[str] | None = None,
) -> Persona:
    """A persona for someone the brief names by the part they play for the customer (the
    funeral director who steers the family, a partner who gives the course as a present):
    what they do, want and fear in that part, not a shopper's wants; ``does``: what the brief
    says they do, ``felt``: the brief's problem, when it is theirs, ``lived``: what they need
    and ask at the moment it happens."""
    title = re.sub(r" Buyer$", " Contact", customer_title(who))  # a surgery that refers buys
    name = f"The {title} {part.named}"  # nothing: "The GP Surgery Contact Who Refers"
    source = next((r.source for r in reading.roles if r.text == who), "")

    def one(text: str) -> list[PersonaItem]:
        return [PersonaItem(text=text, provenance=INFERRED)]

    return Persona(
        name=name,
        role=does or next((r.part for r in reading.roles if r.text == who), part.role),
        segment=f"{part.segment} ({who})",
        goals=one(part.goal),
        needs=[*one(lived[0]), *one(part.need)] if lived else one(part.need),
        objections=one(lived[1]) if lived else [],
        frustrations=([felt] if felt else []) + one(part.worry),
        behaviours=[
            PersonaItem(
                text=f"In the brief: “{_clipped(_around(source, who), 120)}”",
                provenance=Provenance.user,
            ),
            *((reaches or []) if part in BUYING else []),  # the son books on Square, not Mom
        ],
        # who refers reaches the business as a partner, not by the customers' own channels
        preferred_channels=[Channel.partner] if part in STEERING else channels,
        evidence_level=EvidenceLevel.assumption,
        assumptions_to_validate=[
            f"{name} stands for the {who} the brief names",
            f"{name} wants: {part.goal[:1].lower()}{part.goal[1:]}",
            f"{name} is put off by: {part.worry[:1].lower()}{part.worry[1:]}",
        ],
        validation_research=[part.research.format(who=plural_kind(who))],
        provenance=INFERRED,
    )


def _around(sentence: str, who: str) -> str:
    """The part of a sentence that tells of one kind: from the clause that names them, when
    it comes late ("… while Mom or Dad is the one I actually sit with")."""
    at = sentence.lower().find(who.lower())
    if at <= 60:
        return sentence
    starts = [m.end() for m in re.finditer(r",\s+|\s(?:while|but|whereas|and)\s", sentence[:at])]
    return "… " + sentence[starts[-1] :] if starts else sentence


def _part_of(who: str | None, reading: BriefReading) -> Part | None:
    """The part one kind of person plays for the customer, as the brief says it, or None."""
    role = next((r for r in reading.roles if r.text == who), None) if who else None
    return part_of_role(role) if role is not None else None


def _customers_said(reading: BriefReading) -> str:
    """The brief's own word for its customers, when it names only those who refer them
    ("clients usually hear about me from oncology nurses": clients)."""
    low = reading.text.lower()
    return next((w for w in _CUSTOMER_WORDS if re.search(rf"\b{w}\b", low)), "customers")


_CUSTOMER_WORDS = ("clients", "customers", "patients", "families", "members", "guests", "people")


def _commits(reading: BriefReading, told: str) -> str:
    """The clause that tells how customers book, order, apply or pay ("they order on our
    website after measuring their dog at home with our guide"), when the brief tells it in
    four words or more and it is not what the persona is already told to do."""
    from .understanding.content import content_words

    said = set(content_words(told))
    for conversion in sorted(reading.conversions, key=lambda c: -c.confidence):
        source = conversion.source or ""
        words = set(content_words(source))
        if conversion.confidence < 0.5 or len(source.split()) < 4 or len(source) > 160:
            continue
        if said and (len(words & said) >= len(words) / 2 or len(words & said) >= 0.8 * len(said)):
            continue  # "Boat owners or their agents phone us night time (…) to book ice"
        if any(p.source and source in p.source for p in reading.problems):
            continue  # the trouble, not the habit
        return source[:1].upper() + source[1:]
    return ""


def _told_of(who: str | None, reading: BriefReading) -> str:
    """What the brief says one kind of customer does, in its words ("The yard owner usually
    books us in for the day"), or an empty string when it only names them."""
    from .understanding.customers import doing

    source = next((a.source for a in reading.audience if a.text == who), "") if who else ""
    told = doing(who, source) if who and len(source.split()) >= 4 else ""
    return told[:1].upper() + told[1:]


def _about(problem: str, who: str | None, reading: BriefReading, first: bool) -> bool:
    """Whether the brief's problem belongs to this persona: this kind is the last it names
    ("the yard owner books us in, but each horse owner pays separately and half of them don't
    know" is the horse owner's), or it names none and this is the first persona."""
    low = problem.lower()

    def last_said(kind: str) -> int:
        words = kind.lower().split()
        one = " ".join([*words[:-1], singular(words[-1])])  # "horse owners" or "horse owner"
        return max(low.rfind(kind.lower()), low.rfind(one))

    named = [(last_said(a.text), a.text) for a in reading.audience if a.text.strip()]
    named = [(at, kind) for at, kind in named if at >= 0]
    if not who:
        return True
    return max(named)[1] == who if named else first  # no kind named: the main customer's


_HURRIED = "The Time-Pressed Pragmatist"
_GRIEF = re.compile(
    r"\b(?:funerals?|cremat\w+|bereave\w+|grie(?:f|ving)|memorials?|headstones?|ashes|"
    r"passed away|died|death|loss of (?:a|their) (?:pet|loved one|baby))\b",
    re.IGNORECASE,
)


def _no_regular(archetype: PersonaArchetype, reading: BriefReading, no_loyal: bool) -> bool:
    """Whether a regular is out of place: a loyal shopper where the service is free, public,
    a charity's or bought once (``no_loyal``), and any regular where the brief tells of no
    one coming back (no "Loyal Dog Owner" for a wheelchair made once); a charity's regular
    who might drift away stays where people do come back."""
    if not _REPEAT.search(archetype.name):
        return False
    if not (reading.industry.used or comes_back(reading.text)):
        return True
    return no_loyal and not (archetype.stands_for == "served" and not reading.has("one_off"))


@cache
def _come_back_words() -> Phrases:
    return Phrases(lexicon()["come_back"])


def comes_back(text: str) -> bool:
    """Whether a brief tells of customers coming back ("regulars", "rebook", "renewals",
    "next year"): only then is one persona a loyal regular."""
    return _come_back_words().search(text) is not None


def draft_personas_offline(
    brief: str,
    count: int = 2,
    *,
    search: Search | None = None,
    reading: BriefReading | None = None,
) -> tuple[list[Persona], list[Source]]:
    """``count`` distinct proto-personas for a brief, and the sources they cite."""
    if not 1 <= count <= 6:
        from .errors import UserInputError

        raise UserInputError("ask for between 1 and 6 personas.")
    reading = reading or read_brief(brief)
    # no "Loyal Homeowner" buying a once-in-decades restoration again, and no loyal regular
    # weighing a cheaper competitor for a free permit, a council service or a charity's help
    no_regulars = (
        reading.has("one_off")
        or reading.has("free_service")
        or reading.sector.text in ("public", "nonprofit")
    )
    grieving = bool(_GRIEF.search(reading.text))  # a bereaved family is never "convenience

    def hurried(a: PersonaArchetype) -> bool:  # first" and "picks the first option that is
        return grieving and a.name == _HURRIED  # good enough"

    pool = [
        a
        for a in rank_archetypes(archetypes_for(reading), reading.text)
        if _fits(a, reading) and not _no_regular(a, reading, no_regulars) and not hurried(a)
    ]
    whom = _stands_for(reading)
    if count > len(pool):  # top up from the generic archetypes of the brief's sector (a
        sector = reading.sector.text or "b2c"  # council's applicant, never a homeowner asked
        generic = get_catalog().personas  # "a clear answer on eligibility" by a chimney sweep)
        ranked = rank_archetypes(generic, reading.text)
        sectors = {sector, "b2c"} if whom is not None and whom[0] == "owner" else {sector}
        fitting = [a for a in ranked if sectors & set(a.sectors or ["b2c"])]  # a farmer buying
        taken = {a.name for a in pool}  # for the farm weighs it up like any careful buyer
        pool += [
            a
            for a in fitting
            if a.name not in taken
            and (whom is None or a.stands_for != whom[1])
            and not _no_regular(a, reading, no_regulars)
            and not hurried(a)
        ]
    if count > len(pool):  # asked for more than fit the sector: the b2c shoppers, a loyal one
        taken = {a.name for a in pool}  # only where the brief is no free, public or one-off
        pool += [  # service (`journey persona -n 3` for a laptop shop's young professionals)
            a
            for a in rank_archetypes(get_catalog().personas, reading.text)
            if a.name not in taken
            and not a.sectors
            and not (no_regulars and _REPEAT.search(a.name))
            and not hurried(a)
        ]
    if whom is not None:  # the customers it serves before other generic archetypes
        generic_names = {a.name for a in get_catalog().personas}
        pool.sort(key=lambda a: a.name in generic_names and a.stands_for != whom[0])
    named = cast(reading)  # who is who around the purchase, then the brief's own customers
    if named and all(_part_of(who, reading) in STEERING for who in named):
        named = [_customers_said(reading), *named]  # the clients the nurses refer come first
    parted = [who for who in named[:count] if _part_of(who, reading) is not None]
    while pool and len(pool) < min(count, len(named)) and parted:  # the vet who refers needs
        pool.append(pool[-1])  # no archetype of its own: its part makes its persona
        parted.pop()
    pairs, seen = [], set()
    for archetype, who in _paired(pool[:count], named):
        again = who in seen and _part_of(who, reading) is not None
        if again and _part_of(who, reading) in STEERING:
            who = None  # one persona for the GP surgery that refers, not two of it
        seen.add(who)
        pairs.append((archetype, who, again))
    personas = [  # a second tortoise owner who books and pays is another kind of owner
        persona_from(a, reading, who, first=n == 0, again=again)
        for n, (a, who, again) in enumerate(pairs)
    ]
    personas = [p for n, p in enumerate(personas) if p.name not in {q.name for q in personas[:n]}]
    for n, persona in enumerate(personas):  # two personas of one kind: one says what it does
        if any(p.role == persona.role for p in personas[:n]):
            persona.role = pool[n].role
    sources: list[Source] = []
    if search is not None:
        for persona in personas:
            query = f"{reading.audience_text or ''} customers {persona.frustrations[0].text}"
            for source, text in search(query, 2):
                first = _first_clean_sentence(text)
                if not first:
                    continue
                persona.frustrations.append(
                    PersonaItem(
                        text=f"From company documents: “{first}”",
                        provenance=Provenance.evidence,
                        citations=[source.id],
                    )
                )
                if source.id not in {s.id for s in sources}:  # cited by the fact it gave
                    sources.append(source.model_copy(update={"excerpt": first}))
    return personas, sources


def _first_clean_sentence(text: str) -> str:
    """The first sentence of a document that is plain fact (see :func:`.guard.plain_fact`)."""
    import re

    from .guard import injection_payloads, plain_fact

    payloads = {p.lower() for p in injection_payloads([text])}
    for sentence in re.split(r"(?<=[.!?])\s+|\n+", text):
        sentence = sentence.strip()
        if sentence and plain_fact(sentence, payloads):
            return sentence.rstrip(".")[:200]
    return ""


class PersonaSet(BaseModel):
    """Personas drafted for one brief."""

    model_config = ConfigDict(extra="forbid", defer_build=True)

    personas: list[Persona] = Field(
        description="Distinct personas, each with goals, needs, "
        "frustrations, behaviours, channels, objections and a quote."
    )


@dataclass
class PersonaResult:
    personas: list[Persona]
    sources: list[Source]
    engine: str
    warnings: list[str] = field(default_factory=list)
    fallback_reason: str | None = None
    fallback_kind: str | None = None  # the error class behind the fallback


def draft_personas(
    brief: str,
    count: int = 2,
    *,
    model: str | None = None,
    provider: Any = None,
    search: Search | None = None,
) -> PersonaResult:
    """Proto-personas from the configured engine; the offline ones if the model fails."""
    from .errors import ModelError
    from .llm import get_provider

    reading = read_brief(brief)
    personas, sources = draft_personas_offline(brief, count, search=search, reading=reading)
    engine = provider or get_provider(model)
    if engine.is_offline:
        return PersonaResult(personas, sources, "offline")
    from langchain_core.messages import HumanMessage, SystemMessage

    from .prompts import render

    parts = "; ".join(  # who pays, books, uses or refers, as the offline personas stand for them
        line.split(": ", 1)[1] for line in reading.summary() if line.startswith("Who plays which")
    )
    messages = [
        SystemMessage(render("draft_map_system")),
        HumanMessage(
            render(
                "draft_personas",
                brief=reading.text,
                count=str(count),
                audience=reading.audience_text or "not stated",
                parts=parts or "not stated",
                archetypes="; ".join(p.name for p in archetypes_for(reading)),
            )
        ),
    ]
    try:
        drafted = engine.structured(messages, PersonaSet, purpose="personas").personas[:count]
    except ModelError as exc:
        return PersonaResult(
            personas,
            sources,
            "offline",
            fallback_reason=str(exc),
            fallback_kind=type(exc).__name__,
        )
    cleaned = []
    for persona in drafted:
        if not (persona.goals and persona.frustrations and persona.behaviours):
            continue  # a persona without goals, frustrations and behaviours is not kept
        persona.evidence_level = EvidenceLevel.assumption
        persona.provenance = INFERRED
        persona.validation_research = persona.validation_research or RESEARCH[:3]
        cleaned.append(persona)
    warnings = (
        []
        if len(cleaned) == len(drafted)
        else ["dropped personas without goals, frustrations or behaviours"]
    )
    return PersonaResult(cleaned or personas, sources, engine.name, warnings)
