"""How the business is bought and delivered: the journey *shape* of a brief.

Businesses no industry pack covers still share a handful of shapes: a narrowboat, a forklift
and a church hall are hired; a piano tuner and a dog groomer work by appointment; a harp
teacher runs a course of lessons over terms; a scaffolder works to a quote; a county permit
is applied for. The shape decides a draft's stages when no pack fits and the brief narrates
no steps (``knowledge/catalog/shapes.yaml`` holds them).

The reading counts the cue words of each shape in the brief (``lexicon.yaml``, ``shapes``;
words any business uses, such as "bookings" or "sell", count half) and adds what the rest of
the reading says: a public service is applied for, a charity's supporters give, a conversion
verb ("hire", "join", "apply") points at its shape, and so does what is bought or booked
("book a tasting"). Pure functions, no model: a few hundred microseconds.
"""

from __future__ import annotations

import re
from functools import cache

from ..vocab import Phase
from .phrases import Phrases
from .reading import Read

# Each shape and what else in the reading points at it: the sector, the first word of a
# conversion, the way it is delivered.
_BY_SECTOR = {"public": "application", "nonprofit": "giving", "b2b": "trade_supply"}
# a council runs ferries and libraries too, not only permits; a firm selling to firms may
# hire out scaffolding or quote for a stand as well as supply parts
_SECTOR_WEIGHT = {"public": 0.75, "b2b": 0.75}
_BY_VERB = {
    "experience": "experience",
    "hire": "hire", "rent": "hire", "lease": "hire",
    "book": "appointment", "apply": "application", "register": "membership",
    "enrol": "course", "enroll": "course",
    "join": "membership", "subscribe": "membership",
    "donate": "giving", "give": "giving", "volunteer": "volunteering", "sponsor": "giving",
    "order": "made_to_order", "pre-order": "made_to_order", "preorder": "made_to_order",
    "commission": "made_to_order", "buy": "shop", "purchase": "shop",
    "accept": "quote", "request": "quote", "tender": "quote", "bid": "quote",
    "ticket": "ticket", "inspect": "inspection", "drop": "item_service",
}  # fmt: skip
# A cue said of something else the customers do, not of what this business sells
_SOMEONE_ELSES = re.compile(
    r"\b(?:hospital|doctors?'?|gp|medical|clinic|dentist'?s?|school|work|job|court)\s+$",
    re.IGNORECASE,
)
# Where the business goes to be found, not what it sells: "our stands at the Hay Festival and
# county show" (a hut maker sells no tickets)
_WHERE_FOUND = re.compile(
    r"\b(?:stands?|stalls?|pitch|exhibit(?:ing)?|we\s+(?:go|trade)|trade|(?:find|finds|found|"
    r"meet|meets|met|see|sees|saw)\s+(?:us|me))\s+(?:at|to)\s+"
    r"(?:the\s+|a\s+|local\s+)?(?:[\w'-]+\s+){0,3}(?:and\s+(?:the\s+)?(?:[\w'-]+\s+){0,2})?$",
    re.IGNORECASE,
)
_BOATS_SAIL = re.compile(r"\b(?:morning|evening|night|next|boat'?s?|their|before|after)\s+$", re.I)
_LET_HOMES = re.compile(
    r"\s+(?:flats?|propert(?:y|ies)|homes?|houses?|units?|apartments?|market|portfolio|"
    r"income|sector)\b",
    re.IGNORECASE,
)
# A fleet the customers own, not one hired out: "a garage that services motorbike fleets",
# "fleet managers find us", "the fleet pays at month end"
_SERVICES_FLEETS = re.compile(
    r"\b(?:services?|servicing|repairs?|repairing|maintains?|maintaining|for)\s+(?:[\w-]+\s+)?$",
    re.IGNORECASE,
)
_FLEET_PEOPLE = re.compile(
    r"s?\s+(?:managers?|owners?|operators?|drivers|riders|customers|clients|pays?|paid|loses?|lost)\b",
    re.IGNORECASE,
)
# A rented home people live in or leave: "students and people leaving rentals"
_LIVED_IN = re.compile(
    r"\b(?:leaving|leave|leaves|left|moving\s+out\s+of|move\s+out\s+of|living\s+in|live\s+in|"
    r"lives\s+in|from\s+their|in\s+their|private|student)\s+$",
    re.IGNORECASE,
)
# Volunteers as the ones the journey is about: "we need more volunteers", "recruit fixers"
_RECRUITING = re.compile(
    r"\b(?:recruit\w*|sign\s+up\s+(?:as\s+|to\s+)?(?:a\s+)?volunteers?|become\s+(?:a\s+)?volunteers?|"
    r"(?:more|new|enough)\s+(?:\w+\s+)?volunteers|(?:more|new|enough)\s+volunteer\s+\w+s\b|"
    r"need\s+(?:\d+\s+|a\s+lot\s+|lots\s+|many\s+)?more\s+(?:drivers|helpers|fixers|mentors|"
    r"befrienders|carers|visitors|stewards)|volunteers?\s+(?:drop|leave|quit|sign)|retain\w*\s+volunteers)",
    re.IGNORECASE,
)
# Giving words that only say what kind of organisation it is
_WHAT_IT_IS = {"charity", "charities", "nonprofit", "non-profit", "cause"}
# Volunteers who do the work, not people giving to it: "a volunteer-run tax clinic"
_WORKFORCE = re.compile(r"^[\s-]*(?:run|led|staffed|powered)\b", re.IGNORECASE)
_STAFFED_BY = re.compile(r"\b(?:run|staffed|led)\s+by\s+(?:\w+\s+)?$", re.IGNORECASE)
# Cue words of a hire are rarely said of anything else ("hire out", "the deposit", "hirers").
_WEIGHT = {
    "hire": 2.0, "callout": 1.5, "savings": 1.5, "repairs": 1.5, "service_contract": 2.0,
    "item_service": 1.5,
}  # fmt: skip
# Words that say little about the shape count half: who the customers are ("we supply
# builders" and "builders hire our scaffolding" both name builders), and buying, selling or
# booking of any kind ("day tickets are bought", "most bookings come through Viator")
_WEAK = {"builders", "contractors", "restaurants", "chefs", "kitchens", "merchants", "sell",
         "sells", "selling", "buy", "buying", "bought", "bookings", "booked out", "booked in",
         "book in", "deposit", "the deposit", "deposits", "tenants"}  # fmt: skip
# ("pays the deposit" is said of bookings and orders as much as of things hired)
# A verb that says little of the shape on its own: what is booked or bought says more ("book
# a tasting" is an experience, "buy a ticket" a ticket)
_PLAIN_VERBS = {"book", "buy", "purchase", "order", "register", "join"}
# A first look before the real thing, whatever the shape: "book a free trial class", "book a
# tour" of a venue
_FIRST_LOOK = re.compile(
    r"\b(?:free|trial|taster|tour|tours|viewing|viewings|visit|consultation|chat|call|demo|"
    r"look round|look around)\b",
    re.IGNORECASE,
)
_BY_FULFILMENT = {"collection": "made_to_order", "delivery": "shop", "on_site": "appointment"}
# "boat hire", "hall hire", "van rental": a thing hired out, not a person taken on
_NOUN_HIRE = re.compile(
    r"\b(?!(?:to|we|i|they|you|and|or|will|can|then|who|would|staff)\b)[a-z]{3,}\s+"
    r"(?:hire|rental)s?\b",
    re.IGNORECASE,
)
# Words of applying that name no decision of their own
_APPLYING = re.compile(
    r"(?:apply|applies|applying|application|applications|applicant|applicants|admission|"
    r"admissions|public)",
    re.IGNORECASE,
)
# What a laundry hires out and washes on a round ("linen hire", "towel rental")
_LAUNDERED = re.compile(r"(?:linen|towel|towels|workwear|uniform|mat|mats)\s", re.I)
# A shop things are brought to, to be mended or altered
_REPAIR_SHOP = re.compile(
    r"\b(?:repair|repairs|alterations?|mending)\s+(?:(?:and|&)\s+[\w-]+\s+)?(?:shop|workshop|"
    r"studio|centre|center|counter)s?\b",
    re.IGNORECASE,
)
# A person taken on is not a hire: "hire a photographer", "hire me"
_HIRE_PERSON = re.compile(
    r"\b(?:hire|hiring|hires)\s+(?:me\b|us\b|(?:a|an|our|the)?\s*(?:[a-z]+\s+)?"
    r"(?:photographers?|interpreters?|tutors?|coach(?:es)?|planners?|cleaners?|staff|"
    r"builders?|designers?|consultants?|translators?|caterers?|band|dj|celebrant))\b",
    re.IGNORECASE,
)

LABELS = {
    "hire": "hire: choose and book, pick up, use, return",
    "appointment": "appointments: ask, book, the first {unit}, the next one",
    "course": "a course: try a first {unit}, enrol, the first weeks, practise, next term",
    "quote": "quoted work: ask for a quote, decide, plan the job, the work",
    "callout": "urgent call-outs: something goes wrong, get through, wait for help, sorted",
    "made_to_order": "made to order: choose, order, while it is made, receive",
    "shop": "goods: browse, buy, receive, use",
    "membership": "membership: try, join, settle in, stay or leave",
    "application": "an application: find out, gather what is needed, apply, wait, decision",
    "ticket": "tickets: decide to go, buy, before the day, on the day",
    "experience": "an experience: choose it or a voucher, book a date, before the day, the day",
    "giving": "giving: find out how to help, give, thank-you, impact",
    "volunteering": "volunteering: hear of it, find out what's involved, sign up, checks and "
    "training, the first shift, keep coming",
    "trade_supply": "trade supply: check the spec, order, delivery, reorder",
    "service_contract": "a service contract: site visit and quote, contract, the first month, "
    "regular service, review and renewal",
    "inspection": "inspections: book the {unit}, the visit, the report, put right what it "
    "found, the next {unit}",
    "savings": "savings and loans: join, the first contributions, save regularly, borrow",
    "repairs": "a repairs service: report it, get a date, wait for the visit, the repair",
    "item_service": "an item serviced: ask the price, bring it in or send it, checked and "
    "priced, the work, collect it or get it back",
}


@cache
def _cues() -> dict[str, Phrases]:
    from .lexicon import lexicon

    return {shape: Phrases(words) for shape, words in lexicon()["shapes"].items()}


def recruits(text: str) -> bool:
    """Whether the brief is out to recruit volunteers or helpers ("need 10 more drivers")."""
    return bool(_RECRUITING.search(text))


# Who pays for a service is not what it is: "a charity … funded by the council and a
# Scottish Government grant" is no council application
FUNDED_BY = re.compile(
    r"\b(?:funded|paid\s+for|backed|sponsored|part[\s-]funded|grant[\s-]funded)\s+"
    r"(?:by|through|from|with)\s+[^.;]{0,80}",
    re.IGNORECASE,
)


# Help a customer seeks to pay a business: "the family applies for MaPrimeAdapt' grant with
# the Anah", "they apply on the NCS site to get the subsidy", "waiting for HELB loan"
_FUNDING_SOUGHT = re.compile(
    r"\b(?:appl(?:y|ies|ied|ying)|claim(?:s|ed|ing)?|get|gets|waiting)\s+(?:on\s+|for\s+|to\s+)?"
    r"(?:[\w'’()-]+\s+){0,8}?(?:grants?|subsid(?:y|ies)|loans?|funding|bursar(?:y|ies)|aid|"
    r"allowances?|vouchers?)\b(?:\s+(?:with|from|through|via)\s+(?:the\s+)?[\w'’-]+)?",
    re.IGNORECASE,
)


def journey_shape(
    text: str,
    sector: str,
    conversions: list[Read],
    fulfilment: str | None,
) -> Read | None:
    """The shape that fits the brief best, with the words that point at it and a confidence,
    or None when nothing does (the draft then uses the general framework)."""
    score: dict[str, float] = {}
    said: dict[str, list[str]] = {}

    def add(shape: str, weight: float, words: str) -> None:
        score[shape] = score.get(shape, 0.0) + weight
        said.setdefault(shape, []).append(words)

    text = FUNDED_BY.sub(" ", text)
    if sector not in ("public", "nonprofit"):  # a business's customers may apply for a
        text = _FUNDING_SOUGHT.sub(" ", text)  # grant to pay it: no application journey
    for shape, phrases in _cues().items():
        seen: set[str] = set()
        for found in phrases.finditer(text):
            word = found.group(0).lower()
            before = text[max(0, found.start() - 60) : found.start()]
            if _SOMEONE_ELSES.search(before[-20:]):
                continue  # "islanders can't get off for hospital appointments"
            if shape == "hire" and (
                _LET_HOMES.match(text, found.end())
                or _LIVED_IN.search(before[-30:])
                or (
                    word.startswith("fleet")
                    and (
                        _SERVICES_FLEETS.search(before[-30:])
                        or _FLEET_PEOPLE.match(text, found.start() + 5)
                    )
                )
            ):
                continue  # "landlords fitting them in rental flats", "people leaving rentals":
                # homes let, nothing hired
            if shape in ("ticket", "experience") and (
                _WHERE_FOUND.search(before)
                or re.match(r"\s+up\b", text[found.end() :])
                or (word.startswith("sailing") and _BOATS_SAIL.search(before))
            ):
                continue  # "our stands at the Hay Festival": where they are found; "a few
                # show up without the right paperwork": no show; "ice for next morning
                # sailing": the fishing boats sail, nobody buys a crossing
            if shape in ("giving", "volunteering") and (
                _WORKFORCE.match(text[found.end() : found.end() + 10]) or _STAFFED_BY.search(before)
            ):
                continue  # "volunteer-run", "staffed by volunteers": who does the work
            if word not in seen:
                seen.add(word)
                weight = 0.5 if word in _WEAK else _WEIGHT.get(shape, 1.0)
                add(shape, weight, found.group(0))
    if "service_contract" in score and sector != "b2b":  # a household's cleaner or pest
        score.pop("service_contract")  # control is booked visit by visit, not contracted
        said.pop("service_contract")
    for shop in _REPAIR_SHOP.finditer(text):  # "guitar repair and setup shop": things are
        add("item_service", 1.5, shop.group(0))  # brought to it to be mended
        break
    for hired in _NOUN_HIRE.finditer(text):
        if "service_contract" in score and _LAUNDERED.match(hired.group(0)):
            continue  # "linen hire" for hotels: a laundry's service, not a thing hired out
        add("hire", 1.5, hired.group(0))
    if _HIRE_PERSON.search(text):
        score["hire"] = score.get("hire", 0.0) - 2.0
    giving = said.get("giving", [])
    helpers = bool(giving) and all(w.lower() in _WHAT_IT_IS for w in giving)
    volunteers = said.get("volunteering", [])
    recruiting = bool(_RECRUITING.search(text))
    told = {w.lower() for w in volunteers if not w.lower().startswith("volunteer")}
    # Volunteers' own journey only when it is told (checks, induction, first shift) or they
    # are recruited: "volunteers fix lamps, toasters, bikes" says who does the work, "we
    # struggle to get parents on the canteen roster" is an aside, and a recruitment agency's
    # candidates (a first shift, no "volunteer" said) are no volunteers
    if volunteers and (
        (not recruiting and len(told) < 2)
        or not any(w.lower().startswith("volunteer") for w in volunteers)
    ):
        score.pop("volunteering")
        said.pop("volunteering")
    if volunteers and recruiting and "volunteering" in score:  # "we need more volunteer
        add("volunteering", 1.5, "recruiting")  # firefighters": the journey is theirs
    if helpers and not recruiting:  # "a free debt advice charity": what the
        # business is, and its clients are the journey
        score.pop("giving", None)
        said.pop("giving", None)
    elif sector in _BY_SECTOR and not (recruiting and "volunteering" in score):
        # (a charity out to recruit volunteers asks for their time, not their money)
        add(_BY_SECTOR[sector], _SECTOR_WEIGHT.get(sector, 1.5), sector)
    for read in conversions[:2]:
        verb = re.split(r"[\s-]+", read.text.lower())[0] if read.text else ""
        verb = "pre-order" if read.text.lower().startswith(("pre-order", "preorder")) else verb
        if verb == "sign" and not re.match(r"sign[\s-]*up\b", read.text, re.I):
            continue  # "sign the contract": a commitment, not joining
        verb = "join" if verb == "sign" else verb
        if "ticket" in read.text.lower():
            verb = "ticket"
        if re.search(r"\bvouchers?\b|\bexperience", read.text, re.I):
            verb = "experience"  # "buy a voucher": a present of a day, not goods
        meant = _BY_VERB.get(verb)
        if verb in _PLAIN_VERBS:
            what = read.text.split(None, 1)[1] if " " in read.text else ""
            if _FIRST_LOOK.search(what) and verb == "book":
                continue  # "book a tour": a look before deciding, no shape of its own
            what = _FIRST_LOOK.sub(" ", what)
            named = {shape for shape, cue in _cues().items() if what and cue.search(what)}
            meant = named.pop() if len(named) == 1 else meant  # "book a tasting"
        if meant is not None and (verb != "hire" or not _HIRE_PERSON.search(read.text)):
            add(meant, 1.5 * read.confidence, read.text)
    if fulfilment in _BY_FULFILMENT:
        add(_BY_FULFILMENT[fulfilment], 0.5, fulfilment.replace("_", " "))
    if (
        "course" in score
        and "application" in score
        and all(_APPLYING.fullmatch(w.strip()) for w in said["application"])
    ):  # "applicants pay the admission fee" to a TVET's short courses: applying to a course is
        # enrolling on it, no decision on a permit or a grant
        add("course", score.pop("application"), "; ".join(said.pop("application")))
    if "item_service" in score and goes_to_customers(text):  # "we go to the house and
        score.pop("item_service")  # diagnose": mended where it stands, nothing handed over
        said.pop("item_service")
    if not score:
        return None
    ranked = sorted(score.items(), key=lambda kv: -kv[1])
    best, top = ranked[0]
    runner = ranked[1][1] if len(ranked) > 1 else 0.0
    if top < 2.0:
        return None
    confidence = min(0.95, 0.3 + 0.08 * top + 0.1 * (top - runner))
    words = list(dict.fromkeys(said[best]))[:4]
    return Read(text=best, source="; ".join(words), confidence=round(confidence, 2))


# What the customer hands over to an item service: "drop off their shirts and suits", "bring
# the unit to the shop", "post the shoes to us", "the riders bring the bikes in"
_HANDED = re.compile(
    r"\b(?:drop(?:s|ped|ping)?(?:\s+off)?|bring(?:s|ing)?|brought|post(?:s|ed|ing)?|send(?:s|ing)?|"
    r"sent|mail(?:s|ed)?|ship(?:s|ped)?)\s+(?:in\s+)?(?:their|the|your|his|her|my|our)\s+"
    r"((?:[a-z]+\s+){0,2}?[a-z]+(?:\s+and\s+[a-z]+)?)"
    r"(?=\s+(?:off|in|to\s+(?:us|me|the)|back|with|for|at|on|and\s+(?:then|we|i))\b|\s*[,;.])",
    re.IGNORECASE,
)
_NOT_HANDED = {
    "documents", "document", "details", "form", "forms", "photos", "photo", "money", "payment",
    "deposit", "invoice", "kids", "children", "way", "order", "orders",
}  # fmt: skip
# What the work on it is called, by the brief's words: "resoles", "dry cleaning", "we fix"
_WORKS = (
    (re.compile(r"\bresol", re.I), "the resole"),
    (re.compile(r"\balteration", re.I), "the alterations"),
    (  # (a washing machine is mended, not washed)
        re.compile(r"\b(?:dry[\s-]?clean|clean|launder|wash(?!ing\s+machines?|ers?\b))", re.I),
        "the cleaning",
    ),
    (re.compile(r"\b(?:repair|fix|mend)", re.I), "the repair"),
    (re.compile(r"\b(?:servic(?!es\b)|mot\b|mots\b|tune[\s-]?up)", re.I), "the service"),
    (re.compile(r"\b(?:develop|scan)", re.I), "developing and scanning"),
    (re.compile(r"\bsharpen", re.I), "the sharpening"),
    (re.compile(r"\brestor(?:e|es|ed|ing|ation)\b", re.I), "the restoration"),
    (re.compile(r"\bre-?string", re.I), "the restringing"),
    (re.compile(r"\bengrav", re.I), "the engraving"),
    (re.compile(r"\bre-?upholster|\bupholster", re.I), "the upholstery"),
)


# The business goes to its customers: "we come to you", "I go round to theirs", "a mobile
# grooming van", "our technicians come to the customer's flat"
_GOES_TO_THEM = re.compile(
    r"\b(?:(?:we|i|they|technicians?|techs?|engineers?|fitters?|therapists?|groomers?|staff|"
    r"the\s+(?:tech|technician|engineer|van|team))\s+(?:\w+\s+)?(?:come|comes|go|goes|travel|"
    r"travels|drive|drives)\s+(?:out\s+|round\s+|over\s+)?to\s+(?:you|them|theirs|yours|"
    r"(?:the\s+)?(?:customer|client|patient)s?'?s?|their|your|people'?s|the\s+(?:house|home|"
    r"flat|farm|site))|"
    r"come\s+to\s+you|mobile\s+(?:\w+\s+){0,2}(?:van|service|unit|mechanic|groomer|"
    r"grooming|physio|massage|hairdresser|valet\w*|vet)|on\s+(?:your|their)\s+drive|"
    r"home\s+visits?|house\s+calls?|hausbes\w+|at\s+(?:their|your)\s+(?:home|house|place|"
    r"door|flat|site))\b",
    re.IGNORECASE,
)


def goes_to_customers(text: str) -> bool:
    """Whether the business does its work where its customers are (their home, their drive,
    their site) rather than having them come in."""
    return bool(_GOES_TO_THEM.search(text))


# What a repair or cleaning business mends, by its name: "guitar repair", "knife sharpening"
_MENDED = re.compile(
    r"\b([a-z]{3,})\s+(?:repair|repairs|resoling|alterations?|servicing|sharpening)\b", re.I
)
_NOT_A_THING = {"the", "and", "our", "quick", "express", "general", "home", "mobile", "same",
                "local", "expert", "fast", "cheap", "emergency", "mail", "in"}  # fmt: skip


def handed_over(text: str) -> str:
    """What the customer hands over to an item service, as the brief calls it ("the shirts and
    suits", "the unit", "the shoes"), else "it"."""
    for found in _HANDED.finditer(text):
        thing = found.group(1).lower()
        if thing.split()[-1] not in _NOT_HANDED and thing.split()[0] not in _NOT_HANDED:
            return f"the {thing}"
    mended = _MENDED.search(text)  # "Guitar repair and setup shop": the guitar
    if mended and mended.group(1).lower() not in _NOT_A_THING:
        return f"the {mended.group(1).lower()}"
    return "it"


def work_done(*texts: str) -> str:
    """What the work on a handed-over item is called ("the resole", "the repair"), by the
    first of the texts that says (the offer, then the brief: an appliance repair shop's
    "washing machines" are no cleaning), else "the work"."""
    for text in texts:
        for pattern, name in _WORKS:
            if pattern.search(text):
                return name
    return "the work"


# What one visit of an appointment is called, by the brief's word for it.
_UNITS = {
    "lesson": "lesson", "lessons": "lesson", "session": "session", "sessions": "session",
    "class": "class", "classes": "class", "treatment": "treatment", "treatments": "treatment",
    "groom": "groom", "grooms": "groom", "grooming": "groom", "tuning": "tuning",
    "tunings": "tuning", "check-up": "check-up", "checkup": "check-up",
    "consultation": "consultation", "consultations": "consultation", "fitting": "fitting",
    "fittings": "fitting", "massage": "massage", "haircut": "haircut", "clean": "clean",
    "cleaning": "clean", "service": "service", "servicing": "service", "walk": "walk",
    "walks": "walk", "hearing test": "hearing test", "eye test": "eye test",
    "appointment": "appointment", "appointments": "appointment", "visit": "visit",
}  # fmt: skip
_UNIT = re.compile(
    r"\b(" + "|".join(sorted(map(re.escape, _UNITS), key=len, reverse=True)) + r")\b",
    re.IGNORECASE,
)


def unit_of(text: str, shape: str | None = None) -> str:
    """What the brief calls one appointment ("lesson", "groom"), else "appointment" (for a
    course, "lesson"; for volunteers, "shift" unless they give sessions or visits; for an
    inspection firm, what it inspects by: "inspection", "risk assessment", "audit")."""
    found = _UNIT.search(text)
    if shape == "volunteering":  # a mentor's "session", a befriender's "visit", else a shift
        said = re.search(r"\b(session|visit)s?\b", text, re.IGNORECASE)
        return said.group(1).lower() if said else "shift"
    if shape == "inspection":  # "fire risk assessments", "gas safety checks", else inspection
        said = _INSPECTED.search(text)
        return said.group(1).lower() if said else "inspection"
    if found:
        return _UNITS[found.group(1).lower()]
    return "lesson" if shape == "course" else "appointment"


_INSPECTED = re.compile(r"\b(inspection|risk assessment|audit|survey|safety check)s?\b", re.I)


# A cancellation before the day is a worry between booking and the day, not leaving for good,
# when what is booked is a date: a hire, an appointment, an event.
_DATED = {"hire", "appointment", "ticket"}
_CANCEL = re.compile(r"\bcancel", re.IGNORECASE)
_LEAVING = re.compile(r"\b(?:renew|subscri|member|plan|contract|account)", re.IGNORECASE)


# What happens when a hired thing comes back: late, damaged, the deposit argued over (not
# "38% of rentals come back within three months": people giving up, a leaving)
_BROUGHT_BACK = re.compile(
    r"\b(?:late|overdue|damaged|damage|broken|dirty|deposits?)\b", re.IGNORECASE
)


# The first weeks of a service, said as a time ("the first month", "the first 90 days") …
_FIRST_TIMES = r"week|weeks|month|months|fortnight|few\s+weeks|30\s+days|90\s+days"
_FIRST_MONTH = re.compile(rf"\bfirst\s+(?:{_FIRST_TIMES})\b", re.IGNORECASE)
# … or by what starts then: "new clients", "the first collection", "onboarding"
_FIRST_WEEKS = re.compile(
    rf"\b(?:first\s+(?:{_FIRST_TIMES}|collection|delivery|visit|clean|invoice)|"
    r"new\s+(?:clients?|accounts?|customers?|homes|sites?|hotels?)|onboard\w*|"
    r"set[\s-]?up|start[\s-]?up|switch\w*\s+over|handover)\b",
    re.IGNORECASE,
)
# What happens again and again: "every week", "changeover Saturdays", "keep ringing"
_RECURS = re.compile(
    r"\b(?:every|each|weekly|daily|monthly|(?:mon|tues|wednes|thurs|fri|satur|sun)days|"
    r"changeovers?|in\s+(?:summer|winter|peak|season)|keeps?|always|again|regularly|often|"
    r"most\s+weeks)\b",
    re.IGNORECASE,
)


# The regular service of a contract, at work: the visits, the reports, the rounds
_THE_SERVICE_DONE = re.compile(
    r"\b(?:(?:service|visit|job)\s+reports?|(?:paper|written)\s+reports?|the\s+tech(?:nician)?s?|"
    r"the\s+(?:engineer|cleaner|crew|driver)s?|rounds?|records)\b",
    re.IGNORECASE,
)


# Getting through to an urgent service: the call, the phone, the voicemail
_CALLING = re.compile(
    r"\b(?:calls?|phones?|voicemail|answer|answered|answering|ring|rings|pick up|"
    r"get through|gets through)\b",
    re.IGNORECASE,
)


# An item service's hand-over, its wait and its return: "drop off their shirts", "post the
# shoes to us"; "the waiting, turnaround is 3 to 4 weeks"; "pick up", "claim", "uncollected"
_HANDING_IN = re.compile(
    r"\b(?:drop(?:s|ped|ping)?[\s-]*off|drop-offs?|check[\s-]?in|bring(?:s|ing)?\s+(?:\w+\s+){0,3}"
    r"in\b|bring(?:s|ing)?\s+(?:\w+\s+){0,3}to\s+(?:us|the\s+shop)|post(?:s|ing)?\s+(?:\w+\s+)"
    r"{0,3}to\s+us|send(?:s|ing)?\s+(?:\w+\s+){0,3}(?:in|to\s+us))\b",
    re.IGNORECASE,
)
_HANDED_BACK = re.compile(
    r"\b(?:pick(?:s|ing)?[\s-]*up|pickups?|collect(?:s|ing|ion|ed)?|claim(?:s|ed|ing)?|"
    r"uncollected|unclaimed|on the rack|on the rails|posted back|sent back|"
    r"get\s+(?:it|them|(?:their|the|my|our)\s+(?:\w+\s+)?\w+)\s+back|"
    r"come\s+back\s+for\s+(?:their|the|it|them))\b",
    re.IGNORECASE,
)
_WORK_WAIT = re.compile(
    r"\b(?:wait\w*|turnaround|takes?\s+(?:\w+\s+)?(?:weeks|days|ages)|where\s+(?:their|my|the)\s+"
    r"\w+\s+(?:is|are)|is it (?:done|ready)|on the bench|backlog|queue\w*)\b",
    re.IGNORECASE,
)


# Sending it in: "sends the shoes", "prints the Correos label", "packs it"
_SENDING = re.compile(
    r"(?:send|sends|post|posts|ship|ships|mail|mails|print|prints|pack|packs|bring|brings|drop|"
    r"drops)\s+(?:the|their|it|them|a|an|your|his|her)\b",
    re.IGNORECASE,
)
_LOOKED_AT = re.compile(
    r"(?:check|checks|inspect|inspects|assess|assesses|diagnose|diagnoses|test|tests|quote|"
    r"quotes|open\s+(?:it|them)\s+up|look\s+(?:it|them)\s+over|take\s+a\s+look|(?:message|send|text|give|call)s?\s+(?:them\s+)?(?:the|an?)\s+(?:estimate|quote|"
    r"price))\b",
    re.IGNORECASE,
)


def fetched_back(shape: Read, problem: str) -> bool:
    """Whether a stated problem of an item service is about getting the thing back: it is
    not collected, not claimed, left on the rack ("loads never come back for their clothes")."""
    return shape.text == "item_service" and bool(_HANDED_BACK.search(problem))


def step_in_shape(shape: Read | None, step: str, source: str, phase: Phase | None) -> Phase | None:
    """The phase a told step takes in the journey shape: in an item service, handing the
    thing over is the commitment ("drop off their shirts and suits", "post the shoes to us"),
    the business's check and estimate its first days, and fetching it back (paying "when they
    claim") its use."""
    if shape is None or shape.text != "item_service":
        return phase
    if _HANDING_IN.match(step) or _SENDING.match(step):
        return Phase.purchase
    if _HANDED_BACK.match(step) or (
        re.match(r"pays?\b", step, re.I) and _HANDED_BACK.search(source)
    ):
        return Phase.usage
    if _LOOKED_AT.match(step):
        return Phase.onboarding
    if any(pattern.match(step) for pattern, _ in _WORKS):  # "resole", "fix it": the work
        return Phase.usage
    return phase


def phase_in_shape(shape: Read | None, problem: str, phase: Phase | None) -> Phase | None:
    """The phase a stated problem bites in, given the journey shape: "lots cancel after
    reading the lock guidance" is read as leaving (retention) or a support matter by its
    words, but for a hire it happens before the day (onboarding); "costumes coming back late
    or damaged" is the hire's return (usage), not people coming back (retention)."""
    if (
        shape is not None
        and shape.text == "hire"
        and phase in (Phase.retention, Phase.support, None)
        and _BROUGHT_BACK.search(problem)
        and not re.search(
            r"\b(?:customers|people|they|clients|hirers)\s+(?:never\s+)?"
            r"(?:come|coming)\s+back\b",
            problem,
            re.I,
        )
    ):
        return Phase.usage
    if (
        shape is not None
        and shape.text == "callout"
        and phase in (Phase.support, Phase.usage, None)
        and _CALLING.search(problem)
    ):
        return Phase.consideration  # "I can't answer when I'm up in a roof": getting through
    if shape is not None and shape.text == "service_contract":
        if _FIRST_MONTH.search(problem) and phase != Phase.onboarding:
            return Phase.onboarding  # "the first month is where it goes wrong": its start
        if _FIRST_WEEKS.search(problem) and phase in (Phase.retention, Phase.usage, None):
            return Phase.onboarding  # "the first month after that, new homes complain …"
        if phase == Phase.onboarding and _RECURS.search(problem):
            return Phase.usage  # "changeover Saturdays, when deliveries arrive short": the
            # regular service, not its start
        if phase in (Phase.purchase, Phase.retention, None) and _THE_SERVICE_DONE.search(problem):
            return Phase.usage  # "the tech leaves a paper report on site … and we lose the
            # contract": the regular service goes wrong, losing the contract is what follows
    if shape is not None and shape.text == "item_service":
        if _HANDING_IN.search(problem) and not _HANDED_BACK.search(problem):
            return Phase.purchase  # "the drop-off: riders all come at once and queue"
        if _HANDED_BACK.search(problem) or _WORK_WAIT.search(problem):
            return Phase.usage  # "tickets sit on the rack", "the waiting, turnaround is 3
            # to 4 weeks": the work and getting it back, not the first weeks of a service
    if (
        shape is not None
        and shape.text in _DATED
        and phase in (Phase.retention, Phase.support, None)
        and _CANCEL.search(problem)
        and not _LEAVING.search(problem)
    ):
        return Phase.onboarding
    return phase
