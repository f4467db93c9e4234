"""Who the customers are: the kinds of people and organisations a brief names, in its words.

A brief names its customers in many ways besides "for young professionals": as the ones
doing something ("anglers can buy a licence online", "a facilities manager normally finds
us", "their QS or site manager sends drawings"), as what the customers are ("our customers
are main contractors and housebuilders"), inside another noun ("most of our homeowner leads
come off Nextdoor", "corporate and healthcare clients book"), or as whom the business
serves ("we supply florists", "mostly private homes plus a few schools and churches"). Each
kind is kept with the words it came from, in the order the brief names them, so a persona
can stand for it. The business's own people ("the technician", "our drivers") are no
customers.
"""

from __future__ import annotations

import re
from functools import cache

from .lexicon import lexicon
from .phrases import Phrases
from .reading import Read

# Things named like people ("orders", "vouchers", "reminders"): never someone doing something
NOT_PEOPLE = (
    "orders", "numbers", "letters", "papers", "vouchers", "flyers", "posters", "trailers",
    "containers", "computers", "printers", "offers", "answers", "covers", "filters", "meters",
    "centres", "centers", "chargers", "folders", "stickers", "hampers", "burgers", "ciders",
    "beers", "timers", "layers", "spiders", "registers", "reminders", "headers", "sliders",
    "others", "matters", "markets", "tickets", "parents'", "events", "assessments", "payments",
    "agreements", "appointments", "documents", "equipments", "supplements", "comments",
    "departments", "investments", "segments", "treatments", "elements", "statements", "rents",
    "plants", "variants", "restaurants", "grants", "warrants", "servants", "quarters",
    "waters", "hours", "doors", "floors", "colours", "colors", "errors", "sectors", "motors",
    "monitors", "mirrors", "rumours", "flavours", "favours", "visitors'", "aligners",
    "containers", "stretchers", "trainers", "speakers", "headphones", "blenders", "heaters",
    "boilers", "radiators", "scooters", "tractors", "trackers", "sensors", "processors",
    "flowers", "towers", "showers", "tenders", "renders", "binders", "powders", "ladders",
    "waivers", "fors", "stickers",
)  # fmt: skip
# A plural noun of people: "folk", "mums", "tenants", or a doer ("anglers", "florists")
PERSON_PLURAL = (
    r"(?:folks?|mums|moms|dads|kids|locals|tenants|families|couples|liveries|homeowners|"
    rf"landlords|(?!(?:{'|'.join(re.escape(w) for w in NOT_PEOPLE)})\b)"
    r"[a-z]+(?:er|or|ist|ian|ee|ant)s)"
)
_PERSON_PLURAL = re.compile(rf"^{PERSON_PLURAL}$", re.IGNORECASE)

# Someone at a customer who takes a part (the buyer, the user, the one who signs off)
_ROLE = (
    r"(?:(?:manager|owner|buyer|director|officer|qs|pi|hr|procurement|purchasing|head chef|chef|"
    r"front desk|receptionist|coordinator|co-ordinator|organi[sz]er|planner|administrator|"
    r"admin|clerk|secretary|committee|parent|grandparent|teacher|landlord|tenant|patient|"
    r"student|bride|groom|couple|family|gp|vet|doctor|nurse|dentist|housekeeper|caretaker|"
    r"principal|headteacher|head teacher|partner|founder|ceo|cfo|fd|md|practice|surveyor|"
    r"agent|architect|engineer|foreman|supervisor|adopter|applicant|donor|volunteer|carer|"
    r"caregiver|guardian|rider|hunter|angler|member|homeowner|householder|resident|landowner|"
    r"renter|leaseholder|son|daughter|child|kid|warden|tech|staff member|receptionist|"
    r"pto|pta|governor|bursar|staff|mother|father|husband|mother-in-law|father-in-law|"
    r"grandmother|grandfather|sister|brother|aunt|uncle|mum|mom|dad)s?|wife|wives|children)"
)
# The business's own people, and those who carry its goods ("carriers drop the boxes"): no
# customers
_STAFF = re.compile(
    r"(?:technicians?|dispatchers?|handlers?|drivers?|instructors?|tutors?|staff|team|crew|"
    r"carriers?|couriers?|conductors?|"
    r"fitters?|installers?|operatives?|stylists?|groomers?|therapists?|receptionists?|"
    r"coaches|coach|trainers?|guides?|sales ?(?:reps?|people|team)|reps?|engineers?|"
    r"apprentices?|assistants?|admins?|volunteer team|fixers?|techs?|secretary|secretaries|"
    r"treasurers?|caretakers?|wardens?|committee)$",
    re.IGNORECASE,
)
# Said of anyone, they name no kind of customer
_ANYONE = {
    "customers", "clients", "users", "people", "ppl", "folk", "folks", "buyers", "owners",
    "someone", "everyone", "others", "customer", "client", "user", "person", "buyer", "owner",
    "we", "they", "you", "i", "it", "he", "she", "who",
}  # fmt: skip
# Words that open a clause before its subject
_LEAD_IN = re.compile(
    r"^(?:(?:and|then|so|but|now|usually|mostly|mainly|normally|typically|generally|often|"
    r"sometimes|first|next|finally|once|also|plus|or|after that|these days|nowadays|"
    r"since covid|in practice|honestly|basically|where|whereupon|as|and now|at which point|"
    r"(?:the )?(?:thing|problem|trouble|issue|catch|worry) is(?: that)?|"
    r"it'?s(?:\s+(?:nearly|almost|usually|mostly|always|generally|normally|mainly))*)"
    r"\b[\s,]*)*",
    re.IGNORECASE,
)
_DETERMINER = re.compile(
    r"^(?:(?:most|many|some|a lot of|lots of|loads of|plenty of|the|our|new|all|a|an|their|"
    r"heaps of|tons of|a bunch of|a good few|a handful of|quite a few|a couple of|both|"
    r"other|existing|local|few|a few|each|every|any|half of|half|most of|some of|many of|odd|"
    r"(?:a|one|two)\s+(?:third|quarter|fifth)s?\s+of|"
    r"most of the|some of the|about|around|roughly|over|under|nearly|almost|maybe|like|"
    r"\d[\d,.]*[km+]?)\s+)*",
    re.IGNORECASE,
)
# What a customer is said to do after being named (with "can", "have to", "usually" before)
_DOES = re.compile(
    r"^(?:(?:usually|normally|mostly|mainly|often|always|just|still|typically|generally|then|"
    r"nearly|almost|"
    r"also|all|only|first|now|either|sometimes|rarely|never|really|actually|already|tend to|"
    r"can|can't|cannot|could|have to|has to|had to|need to|needs to|must|will|would|won't|"
    r"don'?t|dont|doesn'?t|do|did|didn'?t|are|is|were|was|get|gets|keep|keeps)\s+)*"
    r"(?:book|order|ring|call|come|find|apply|buy|email|message|text|hire|rent|pay|sign|"
    r"join|leave|drop|bring|phone|enquire|inquire|refer|send|cancel|stop|quit|forget|"
    r"complain|struggle|rebook|return|miss|wait|ghost|arrive|show|turn|visit|use|go|fill|"
    r"submit|choose|pick|collect|request|ask|want|need|love|like|hate|expect|say|tell|start|"
    r"try|renew|subscribe|register|enrol|enroll|donate|give|sponsor|adopt|borrow|pledge|"
    r"download|upload|drive|travel|plan|decide|approve|specify|compare|read|see|hear|search|"
    r"look|reach|contact|reply|respond|rate|review|recommend|chase|check|raise|report|log|"
    r"lodge|take|walk|queue|stay|spend|think|assume|realise|realize|know|seem|sit|"
    r"agree|accept|confirm|decline|reject|sort|arrange|organi[sz]e|manage|handle|deal|"
    r"upgrade|switch|move|live|work|bid|tender|issue|commission|place|top|make|"
    r"fall|drift|disappear|vanish|panic|worry|moan|grumble|argue|end|hold|lease|skip|"
    r"become|attract|win|grow|pre-qualify|qualify|convert|post|get|land|"
    r"dm|whatsapp|ping|hang|reserve|rsvp|claim|settle|fund)"
    r"(?:s|es|ed|d|ing|[bdgklmnprt]ed|[bdgklmnprt]ing)?\b"
    r"|^(?:is|are)\s+(?:really\s+|actually\s+|usually\s+|always\s+)?the ones?\b"
    r"|^(?:found|came|paid|sent|left|brought|took|told|said|thought|bought|went|got|gave|"
    r"kept|held|made|ran|rang|sat|chose|drove|saw|heard|knew|worries|tries|tried|applies|"
    r"applied|buys|pays)\b",
    re.IGNORECASE,
)
# What the customers are said to be: "our customers are main contractors and housebuilders"
_ARE = re.compile(
    r"(?:\b(?:our|my|the)\s+|(?:^|(?<=[.!?]\s))(?=(?:buyers|customers|clients|users|members|"
    r"guests|visitors|patients|students)\s))"  # "Buyers are warehouse managers and …"
    r"(?P<all>[a-z]+|customer base)\s+"
    r"(?:are|is|tend to be|include|includes|range from)\s+"
    r"(?:(?:mostly|mainly|largely|usually|generally|all|typically|basically|a mix of)"
    r"\s+)*(?P<list>[^.;:!?()]+)",
    re.IGNORECASE,
)
# A kind said inside another noun: "most of our homeowner leads", "our dog owner bookings"
_INSIDE = re.compile(
    r"\b(?:our|my)\s+(?P<kind>(?:[a-z][\w'-]*\s+){0,2}?[a-z][\w'-]*?)\s+"
    r"(?:leads|enquiries|inquiries|bookings|business|jobs|referrals|accounts|contracts|"
    r"customers|clients)\b",
    re.IGNORECASE,
)
# Where things are sent is not whom the business serves: "delivered to vacation homes and
# hotels" (brief.py reads those places as the customers only when no one else is named)
SENT_VERBS = ("delivered", "shipped", "posted", "sent", "taken", "driven")
NOT_SENT_BEFORE = "".join(rf"(?<!{verb}\s)" for verb in SENT_VERBS)
# Whom the business serves: "we supply florists", "mostly private homes plus a few schools"
_SERVES = re.compile(
    r"\b(?:sell(?:s|ing)? to|supply|supplies|supplying|serve|serves|serving|work(?:s|ing)? "
    r"with|cater(?:s|ing)? (?:to|for)|look(?:s|ing)? after|teach|teaches|teaching|train|"
    r"trains|help|helps|helping|support|supports|advise|advises|represent|represents|insure|"
    r"insures|deliver(?:s|ing)? to|install(?:s|ing)? for|(?:do|does) work for|mostly|mainly|"
    r"largely|for|between|clients include|customers include|from|(?:done|made|paid|"
    r"booked|ordered|arranged|bought|placed|steered|guided|referred|recommended|sent|"
    r"brought|bought\s+as\s+(?:gifts?|presents?|(?:gift\s+)?vouchers?)) by|"
    # "to" someone, not to do something ("I want to reduce abandoned generators")
    rf"{NOT_SENT_BEFORE}"
    r"to(?!\s+(?:reduce|cut|increase|grow|get|double|halve|lower|raise|improve|boost|lift|"
    r"bring|keep|make|stop|fill|reach|hit|have|be|see|find|know|go|come|do|take|give|help|"
    r"choose|book|pay|buy|sell|turn|start|try|learn|build|add|run|move|use|put|set|avoid)\b))\s+"
    r"(?=(?P<list>[^.;:!?()]+))",
    re.IGNORECASE,
)
LIST_SPLIT = re.compile(r"\s*(?:,|\band\b|&|\bor\b|\+|\bplus\b|/)\s*", re.IGNORECASE)
_LIST_END = re.compile(
    r"\s+(?:who|which|that|across|in|at|on|around|near|through|via|from|with|by|to|into|"
    r"within|when|where|because|but|so|since|after|before|while|until|if|as|than|over|"
    r"under|mostly|mainly|usually|every|each|per|is|are|was|were|have|has|had|"
    r"can|will|would|do|does|did|get|gets)\b|\s+[-–—]\s",
    re.IGNORECASE,
)
_CLAUSE_SPLIT = re.compile(
    r"(?:[.!?;:\n]+|\s[-–—]\s|,|\(|\)|\bbut\b|\bso\b|\bbecause\b|\bwhile\b|\bwhen\b|"
    r"\bwhereas\b|\bthough\b|\balthough\b|\bafter\b|\bbefore\b|\bonce\b|\bif\b|\buntil\b)\s*",
    re.IGNORECASE,
)
_NOT_A_MODIFIER = re.compile(
    r"^(?:we|i|they|you|it|he|she|this|that|these|those|there|here|is|are|was|were|be|"
    r"have|has|had|do|does|did|not|no|to|of|in|on|at|by|for|with|from|as|if|then|than|"
    r"just|only|also|very|really|so|too|about|around|what|which|who|whose|how|why|where|thru|"
    r"sometimes|often|usually|always|never|still|even|mostly|mainly|actually|nothing|"
    r"when|my|me|us|them|its|it's|i'm|we're|they're|can|will|would|should|could|may|might|"
    r"must|get|got|make|made|take|took|say|said|one|two|three|\d+\w*|via|through|into|"
    r"top|favourite|favorite|own|more|fewer|less|most|best|worst|i'd|i've|"
    r"onto|across|per|plus|like|coordinate|manage|recruit|train|support|supervise|lead|"
    r"look after|serve|help|run|organise|organize|january|february|march|april|may|"
    r"june|july|august|"
    r"september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)$",
    re.IGNORECASE,
)


@cache
def _kind_words() -> Phrases:
    lex = lexicon()
    return Phrases([*lex["customer_orgs"], *lex["customer_people"], *lex["people"]])


def is_kind(phrase: str) -> bool:
    """Whether a phrase ends with a word for a kind of customer: a known one ("schools",
    "horse owners"), a plural doer ("anglers", "podcasters") or a role ("site manager")."""
    phrase = phrase.strip()
    if not phrase:
        return False
    last = phrase.split()[-1].lower()
    if any(hit.end() == len(phrase) for hit in _kind_words().finditer(phrase)):
        return True
    if _PERSON_PLURAL.search(last) and last not in NOT_PEOPLE:
        return True
    return bool(re.search(rf"\b{_ROLE}$", phrase, re.IGNORECASE))


# Verbs that, before a kind, show it is what is done to them ("become members", "help people")
_VERB_FIRST = {
    "become", "becomes", "want", "wants", "get", "gets", "keep", "keeps", "reach", "attract",
    "help", "helps", "serve", "serves", "support", "supports", "pre-qualify", "qualify",
    "convert", "grow", "win", "find", "bring", "turn", "encourage", "persuade", "retain",
    "helping", "serving", "supporting", "teaching", "training", "coaching", "advising",
    "move", "moving", "let", "lets", "letting", "allow", "switch", "shift", "push", "nudge",
    "migrate", "upgrade",
}  # fmt: skip


def not_a_modifier(word: str) -> bool:
    """Whether a word before a kind shows the words are no kind ("become members", "help
    people", "top 500 customers")."""
    return bool(
        _NOT_A_MODIFIER.match(word)
        or word.lower() in _VERB_FIRST
        or not re.search(r"[a-z]", word, re.I)
    )


def _trimmed(phrase: str) -> list[str]:
    """The words of a kind without what leads into it ("about 120 small businesses" ->
    "small businesses"; "the vet's front desk" keeps "vet's")."""
    lead = _DETERMINER.match(phrase)
    return phrase[lead.end() if lead else 0 :].split()


def _kind(phrase: str, *, singular_ok: bool, roles: bool = True) -> str | None:
    """A kind of customer from a phrase, or None: at most four words, ending with a kind,
    not the business's own people, not anyone at all."""
    words = _trimmed(phrase.strip(" -–—*•·'\""))
    words = [w.strip(",") for w in words if w.strip(",")]
    if not words or len(words) > 4 or any(not_a_modifier(w) for w in words[:-1]):
        return None
    said = " ".join(words)
    last = words[-1].lower()
    if (_STAFF.search(said) and len(words) == 1) or (len(words) == 1 and last in _ANYONE):
        return None  # "technicians": the business's; "animal care technicians": the customer's
    if not is_kind(said):
        return None
    # one person in a role, said as one ("from procurement or the facility manager")
    role = (
        roles
        and re.search(rf"\b{_ROLE}$", said, re.IGNORECASE)
        and re.match(
            r"(?:the|a|an|their|each|every|your)\s|[A-Z]{2,}\b|procurement|purchasing",
            phrase.strip(),
        )
    )
    if not (singular_ok or role) and not last.endswith("s") and last not in ("staff", "people"):
        return None
    return said


def doing(kind: str, said: str) -> str:
    """The clause a kind of customer was read from, when it tells what they do ("The yard
    owner usually books us in for the day"), else an empty string ("for schools")."""
    found = re.search(re.escape(kind), said, re.IGNORECASE)
    if (
        found is None
        or found.start() > 30
        or _MAY_HAPPEN.match(said)  # "if a horse owner moves yards": no habit
        or not _does_next(said[found.end() :])
        or _NOT_DONE.match(said[found.end() :].strip())  # "many parents never see the flyer"
    ):
        return ""
    before = re.sub(r"^(?:but|so|and|then)\s+", "", said[: found.start()], flags=re.I)
    told = said if _DETERMINER.fullmatch(before) or not before.strip() else said[found.start() :]
    told = re.split(r",\s+(?:but|so|and)\b|;|\s[-–—]\s", told)[0]  # its own clause
    return re.sub(r"^(?:but|so|and|then)\s+", "", told.strip(" ,;-"), flags=re.IGNORECASE)


def plural_kind(kind: str) -> str:
    """ "funeral director" -> "funeral directors", "class" -> "classes" (a kind is said either
    way in a brief: one already plural stays as it is)."""
    if re.search(r"(?:ss|ch|sh|x)$", kind.lower()):
        return f"{kind}es"
    if kind.lower().endswith("s"):
        return kind
    return f"{kind[:-1]}ies" if re.search(r"[^aeiou]y$", kind) else f"{kind}s"


_NOT_DONE = re.compile(
    r"^(?:\w+\s+)?(?:never|don'?t|dont|doesn'?t|didn'?t|can'?t|cannot|won'?t|rarely|hardly|"
    r"seldom|forget|forgot|fail|stop|give up|drop out|ghost|no longer|aren'?t|isn'?t)\b",
    re.IGNORECASE,
)
_MAY_HAPPEN = re.compile(
    r"^(?:if|when|once|until|before|after|because|while|though|although|whereas)\b", re.I
)


def _does_next(rest: str) -> bool:
    """Whether what follows a kind tells what it does, past other kinds named with it and a
    "who" ("… or landlord is the one paying me", "… and property managers who ring me")."""
    for _ in range(3):
        rest = re.sub(r"^\s*(?:who|that)\s+", "", rest, flags=re.I).strip()
        if _DOES.match(rest):
            return True
        for size in range(3):  # "and property managers", "or landlord"
            joined = re.match(
                rf"^(?:,|and|or|&|/)\s+(?:the\s+|a\s+|an\s+|their\s+)?"
                rf"((?:[\w'-]+\s+){{{size}}}[\w'-]+)\b",
                rest,
                re.I,
            )
            if joined is not None and is_kind(joined.group(1)):
                rest = rest[joined.end() :]
                break
        else:
            return False
    return False


def staff(phrase: str, said: str) -> bool:
    """Whether a kind is the business's own people, as it says them ("our drivers"), or
    counts them in saying what it is ("a cleaning firm, about 25 cleaners, …")."""
    if re.match(r"(?:our|my)\b", said, re.I):
        return bool(_STAFF.search(phrase))
    if re.match(r"the\s+(?:tech|technician|engineer|fitter|installer|crew|rep)\b", said, re.I):
        return True  # "so the tech can't get in": the one the business sends
    counted = re.fullmatch(
        r"[\s,]*(?:with\s+)?(?:about|around|roughly|some|over|nearly|almost|just)?\s*\d+\s+"
        r"(?:full[\s-]time\s+|part[\s-]time\s+)?[a-z]+s[\s,.]*",
        said,
        re.I,
    )
    return bool(counted) and bool(_STAFF.search(phrase) or _HEADCOUNT.search(phrase))


# Workers a business counts when it says what it is ("about 60 cleaners", "3 pilots")
_HEADCOUNT = re.compile(
    r"(?:cleaners|pilots|painters|gardeners|mechanics|nurses|chefs|carers|teachers|doctors|"
    r"physios|dentists|vets|electricians|plumbers|joiners|roofers|labourers|employees|people)$",
    re.IGNORECASE,
)


def tidy_kind(phrase: str) -> str | None:
    """A kind of customer as a persona can stand for it, or None when the words name none:
    "14 schools" -> "schools"; "top 500 customers", "become members", "lunch - I think
    people", "000 people" -> None."""
    words = _trimmed(
        re.sub(r"^(?:to|for|from|with)\s+", "", phrase.strip(" -–—*•·'\""), flags=re.I)
    )
    if (
        not words
        or any(not_a_modifier(w) for w in words[:-1])
        or not re.search(r"[a-z]{2}", words[-1], re.I)
    ):
        return None
    said = " ".join(words)
    return said if is_kind(said) and not (len(words) == 1 and said.lower() in _ANYONE) else None


def _listed(text: str, *, singular_ok: bool = False, roles: bool = True) -> list[str]:
    """The kinds named in a list that starts a text ("main contractors and housebuilders -
    their QS ..." -> ["main contractors", "housebuilders"])."""
    end = _LIST_END.search(text)
    head = text[: end.start()] if end else text
    pieces = LIST_SPLIT.split(head)
    last = _kind(pieces[-1], singular_ok=singular_ok, roles=roles) if len(pieces) > 1 else None
    if (  # "wheat and paddy farmers": one kind, told by what they grow
        last
        and len(last.split()) >= 2
        and all(len(p.split()) == 1 and not _kind(p, singular_ok=True) for p in pieces[:-1])
        and not any(not_a_modifier(p) for p in pieces[:-1])
    ):
        return [" and ".join([*pieces[:-1], last])]
    kinds = []
    for part in pieces:
        kind = _kind(part, singular_ok=singular_ok, roles=roles)
        if kind is None:
            break  # a list of kinds ends where something else begins
        kinds.append(kind)
    return kinds


def kinds_listed(text: str) -> list[str]:
    """The kinds of customer a list names ("offices and PG hostels near Koramangala")."""
    return _listed(text, singular_ok=False)


def _subjects(text: str) -> list[tuple[int, str, str]]:
    """Kinds named as the ones doing something at the start of a clause: "anglers can buy",
    "corporate and healthcare clients book", "their QS or site manager sends drawings"."""
    found: list[tuple[int, str, str]] = []
    start, opened = 0, ""
    listed: list[tuple[int, str]] = []  # "Developers, consultants and the odd homeowner
    for cut in [*_CLAUSE_SPLIT.finditer(text), None]:  # request": kinds listed before
        end = cut.start() if cut else len(text)
        clause = text[start:end].lstrip()
        at = start
        start = cut.end() if cut else len(text)
        said = f"{opened} {clause}".strip()  # "if a horse owner moves yards": no habit
        opened = cut.group(0).strip(" ,.;:!?()\n-–—") if cut else ""
        lead = _LEAD_IN.match(clause)
        body = clause[lead.end() if lead else 0 :]
        own = re.match(r"(?:our|my)\s+", body, re.IGNORECASE)
        det = _DETERMINER.match(body)
        rest = body[det.end() if det else 0 :]
        kinds = _subject_kinds(rest, own is not None, bool(det and det.group(0).strip()))
        if kinds:
            found += [(n, k, k) for n, k in listed] + [(at, k, said) for k in kinds]
        bare = _kind(body, singular_ok=False) if len(body.split()) <= 3 else None
        listed = (
            [*listed, (at, bare)] if bare and cut is not None and cut.group(0)[:1] == "," else []
        )
    return found


def _subject_kinds(rest: str, own: bool, determined: bool) -> list[str]:
    """The kinds a clause opens with, when a verb follows them ("corporate and healthcare
    clients book"), or a relative clause tells of them ("parents who find me")."""
    for size in range(1, 7):  # the subject: the shortest run of words a verb follows
        words = re.match(rf"(?:[\w'’&.+/-]+\s+){{{size}}}", rest + " ")
        if words is None:
            return []
        after = rest[words.end() :]
        subject = words.group(0).strip()
        last_word = subject.split()[-1]
        plural = last_word.lower().endswith("s")
        if not (_DOES.match(after) or (plural and re.match(r"(?:who|that)\b", after, re.I))):
            continue
        pieces = [p for p in re.split(r"\s+(?:and|or|&|/|\+)\s+", subject) if p]
        pieces = [p for p in pieces if p.lower() not in _ANYONE]  # "the owner or head
        heads = [_kind(p, singular_ok=True) for p in pieces]  # chef": the head chef
        if heads and heads[-1] and plural and all(len(p.split()) == 1 for p in pieces[:-1]):
            heads = [
                h or _kind(f"{p} {last_word}", singular_ok=True)
                for p, h in zip(pieces, heads, strict=True)
            ]  # "corporate and healthcare clients": two kinds of client
        if not (pieces and all(heads)):
            continue  # "Office" of "Office managers sign up": read on
        if own and (not plural or not any(_kind_words().finditer(last_word))):
            return []  # "our driver", "our technicians": the business's own people
        lead = _DETERMINER.match(pieces[-1]) if len(pieces) > 1 else None
        if not plural and not (determined or (lead and lead.group(0).strip())):
            return []  # "manager says" with nothing before: no subject of a clause
        return [h for h in heads if h]
    return []


def described(text: str) -> set[str]:
    """The words for all the customers that the brief then tells the kinds of ("our patients
    are mostly nervous adults and parents" -> {"patients"}), when it names any kind."""
    return {
        m.group("all").lower()
        for m in _ARE.finditer(text)
        if _listed(m.group("list"), singular_ok=False)
    }


def customers_in(text: str) -> list[Read]:
    """The kinds of customer a brief names, in the order it names them, each with its words."""
    found: list[tuple[int, str, str]] = []
    found += _subjects(text)
    for match in _ARE.finditer(text):
        if not (is_kind(match.group("all")) or match.group("all").lower() in _ANYONE):
            continue  # "our prices are mostly ..."
        for kind in _listed(match.group("list"), singular_ok=False):
            found.append((match.start(), kind, match.group(0)))
    for match in _INSIDE.finditer(text):
        inner = match.group("kind")
        plural = inner if inner.lower().endswith("s") else f"{inner}s"
        inside = _kind(plural, singular_ok=False)
        if inside and not _STAFF.search(inside):
            found.append((match.start(), inside, match.group(0)))
    for match in _SERVES.finditer(text):
        said = match.group(0).strip().lower()
        roles = said.startswith(("from", "for")) or said.endswith(" by")  # "comes from
        agent = said.endswith(" by")  # procurement or the facility manager", "is done by son
        for kind in _listed(match.group("list"), singular_ok=agent, roles=roles):  # or daughter"
            found.append((match.start(), kind, match.group(0) + match.group("list")))
    found += _owners_of(text, [k for _, k, _ in found])
    out: list[Read] = []
    for _, kind, source in sorted(found, key=lambda f: f[0]):
        low = kind.lower()
        if any(low == r.text.lower() or low in r.text.lower() for r in out):
            continue
        out = [r for r in out if r.text.lower() not in low]  # "managers" < "office managers"
        out.append(Read(text=kind, source=source.strip(), confidence=0.6))
    return out


_OWNER = re.compile(
    r"(?:^|(?<=[.!?,;]\s)|\b(?:the|every|each|an?|most|many|some|all|their|those|these|"
    r"other|had|have|get|the odd|and|or|but|so|then|\d+)\s+)owners?\b",
    re.IGNORECASE,
)


def _owners_of(text: str, kinds: list[str]) -> list[tuple[int, str, str]]:
    """Owners a brief names by the word alone, told by what they own when the brief says it
    most ("the owner measured wrong" of dog wheelchairs: dog owners), unless a kind of owner
    is named already ("horse owners")."""
    if any(re.search(r"\bowners?$", k, re.I) for k in kinds):
        return []
    said = _OWNER.search(text)
    if said is None:
        return []
    counts = {
        thing: len(re.findall(rf"\b{thing}", text, re.IGNORECASE))  # "boatyard": boats
        for thing in lexicon()["owned_things"]
    }
    thing = max(counts, key=lambda t: counts[t])
    if not counts[thing]:
        return []
    start = text.rfind(".", 0, said.start()) + 1
    end = text.find(".", said.end())
    return [(said.start(), f"{thing} owners", text[start : end if end >= 0 else None].strip())]


# Before a kind, words that make it the business's own ("our drivers", "we're the band of
# ringers"), or someone else's ("competitors", "other")
_OWN_BEFORE = re.compile(
    r"(?:\b(?:we(?:'re|’re| are)|i(?:'m|’m| am)|our|my)\s+(?:[\w'’-]+\s+){0,3}|"
    r"\b(?:competitors?|rivals?|other)\s+)$",
    re.IGNORECASE,
)
_SWEPT_DETERMINER = re.compile(r"\b(?:the|a|an|their|his|her|each|every)\s+$", re.IGNORECASE)
_TOKEN = re.compile(r"[A-Za-z][\w'’&-]*")
# Words that end like people and are none, or lead into a kind without describing it
_NOT_SWEPT = {
    "borders", "counters", "extinguishers", "exists", "bees", "members'", "and", "or", "but",
    "nor", "the", "a", "an", "need", "needs", "needed", "want", "wants", "losing", "lose",
    "lost", "move", "moves", "between", "with", "without", "get", "gets", "got", "keep",
    "keeps", "find", "finds", "reach", "attract", "some", "any", "no", "more", "most", "all",
    "their", "his", "her", "its", "your", "our", "my", "odd", "fees", "employees", "payees",
    "teams", "crews", "hrs", "yrs", "mins", "secs", "hours", "years", "others", "numbers",
    "orders", "letters", "papers", "posters", "stickers",
}  # fmt: skip


# Words in -ing that describe people ("wedding planners"), unlike a verb ("recruiting donors")
_NOUNS_IN_ING = {
    "wedding", "boarding", "nursing", "riding", "fishing", "hunting", "walking", "driving",
    "sailing", "climbing", "swimming", "running", "cycling", "shooting", "housing", "training",
    "building", "farming", "catering", "teaching", "visiting", "working", "aspiring", "grieving",
    "expecting", "returning", "existing", "sporting", "racing", "shopping", "booking",
}  # fmt: skip


def _person_word(word: str) -> bool:
    """Whether a word on its own names people, not places or bodies ("learners", "exporters",
    "office manager"'s "manager"; not "stables", "offices")."""
    low = word.lower()
    if low in _NOT_SWEPT or low in NOT_PEOPLE or low in _ANYONE:
        return False
    lex = lexicon()
    return (
        low in lex["customer_people"]
        or low in lex["people"]
        or bool(re.fullmatch(_ROLE, low, re.IGNORECASE))
    ) and low not in lex["customer_orgs"]


def _doers(word: str) -> bool:
    """Whether a word ends like people doing something ("exporters", "operators"), which a
    product may too ("cake toppers"): people only where the words around them say so."""
    low = word.lower()
    return (
        low not in _NOT_SWEPT
        and low not in NOT_PEOPLE
        and bool(_PERSON_PLURAL.search(low))
        and low not in lexicon()["customer_orgs"]
    )


# Before a doer, words that make it people: "for", "from", "some", "the", a number
_PEOPLE_BEFORE = re.compile(
    r"\b(?:for|from|by|with|to|some|many|most|few|the|our|their|local|\d+)\s+(?:[\w'’-]+\s+){0,2}$",
    re.IGNORECASE,
)


def swept(text: str, known: list[str]) -> list[Read]:
    """People a brief names anywhere by the words for them, not only as the ones doing
    something or whom it serves ("most people drift away … we desperately need new
    learners", "the office manager pays", "fish exporters and some traders"), in the order
    named: the customers when the ways above find few. Not the business's own ("our drivers",
    "we're the band of ringers"), nor anyone at all ("people", "customers"), nor one person said
    without an article ("farmer just calls"), nor a capitalised word inside a sentence (a
    place or a name: "the Welsh borders")."""
    taken = [k.lower() for k in known]
    out: list[Read] = []
    for clause in (c for c in _CLAUSE_SPLIT.split(text) if c and c.strip()):
        tokens = list(_TOKEN.finditer(clause))
        for n, token in enumerate(tokens):
            head = token.group(0)
            doer = not _person_word(head) and _doers(head)
            if not (_person_word(head) or doer) or (head[:1].isupper() and n > 0):
                continue
            if known and head.lower() in ("regulars", "regular"):
                continue  # "some of them regulars": the customers named already
            if re.match(r"\s+of\b", clause[token.end() :]):
                continue  # "a couple of", "a family of four": how many, not who
            first = n  # extend to the left over the words that describe them
            while first > 0 and n - first < 2:
                word = tokens[first - 1].group(0)
                if (
                    word[:1].isupper()
                    or word.lower() in _NOT_SWEPT
                    or not_a_modifier(word)
                    or word.lower().endswith("ly")
                    or (word.lower().endswith("ing") and word.lower() not in _NOUNS_IN_ING)
                    or clause[tokens[first - 1].end() : tokens[first].start()].strip()
                ):
                    break
                first -= 1
            start = tokens[first].start()
            kind = " ".join(t.group(0) for t in tokens[first : n + 1])
            before = clause[:start]
            if doer and not (
                _PEOPLE_BEFORE.search(clause[: token.start()])
                or _DOES.match(clause[token.end() :].strip())
            ):
                continue  # "Cake toppers on Etsy": a product
            single = not head.lower().endswith("s")
            if re.fullmatch(  # "we run the village hall in Llanfair, all volunteers":
                r"\s*(?:(?:we(?:'re|’re| are)|we're)\s+)?(?:all|mostly|entirely|all of us|"
                r"run by|staffed by)\s+",  # who "we" are, not whom "we" serve
                before,
                re.IGNORECASE,
            ):
                continue
            if (
                _OWN_BEFORE.search(before)
                or _STAFF.search(kind)
                or (single and not _SWEPT_DETERMINER.search(before))
            ):
                continue
            low = kind.lower()
            if any(low in t or t in low or low.rstrip("s") == t.rstrip("s") for t in taken):
                continue
            taken.append(low)
            out.append(Read(text=kind, source=clause.strip(), confidence=0.4))
    return out
