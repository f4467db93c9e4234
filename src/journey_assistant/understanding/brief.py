"""Read a free-text brief into a :class:`BriefReading`.

Deterministic and fast (no model): the brief is cut into sentences and clauses, and each is
read with the cue words in ``lexicon.yaml``: named platforms and channel words, what the
business is and sells, who buys, the customer's steps and conversion event, how it is
delivered, the stated problem and goal (with baseline and target), the sector, the region and
constraints such as a free or statutory service. The closest industry pack gets a calibrated
confidence; below it no pack lends content. A thin brief gets questions instead of guesses.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache, reduce
from typing import Any

from ..errors import UserInputError
from ..knowledge.catalog import Catalog, get_catalog
from ..models import MapType
from ..vocab import Channel, Phase, lookup_map_type
from .content import base_verb, broken_phrase, singular
from .customers import (
    NOT_SENT_BEFORE,
    SENT_VERBS,
    customers_in,
    described,
    kinds_listed,
    plural_kind,
    staff,
    swept,
    tidy_kind,
)
from .figures import figure_pair, goal_figures, quantities
from .kinds import kind_of
from .lexicon import lexicon
from .moments import moment_of
from .parts import REFERS, roles_of
from .phrases import Phrases
from .reading import (
    NAMED_CONFIDENCE,
    BriefReading,
    Detail,
    Goal,
    IndustryGuess,
    NamedChannel,
    Problem,
    Read,
    Role,
    Step,
)
from .shapes import FUNDED_BY, journey_shape, phase_in_shape, recruits, step_in_shape
from .typed import plain

MAX_BRIEF_CHARS = 5000
PACK_CONFIDENCE = 0.6  # a pack lends its content only at or above this confidence

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
    (  # people dropping off a funnel, not things dropped off ("drop off their shirts", "the
        # drop-off: riders all come at once")
        r"\bconversion\b|\bfunnel\b|checkout abandonment|(?<!\bthe )drop[- ]offs?\b(?!\s+(?:their|"
        r"the|your|his|her|my|our|a|an|it|them|point|points|day|days|time|times|slot|slots|"
        r"desk|box|counter)\b)|\bthe drop[- ]offs?\s+(?:rate|between|from|at|after|before|in)\b",
        MapType.conversion,
    ),
    (r"user journey|\bux\b|usability|one task", MapType.user_journey),
    (r"product experience|in[- ]app|onboarding flow|feature adoption", MapType.product_experience),
    (
        r"omni[- ]?channel|online and (in|at) (\w+ )?(stores?|shops?|branches|showrooms?)|"
        r"click and collect",
        MapType.omnichannel,
    ),
    (r"\bb2b\b|enterprise|buying committee", MapType.b2b),
]

# Who the customer is, as a clause's subject: such clauses narrate the customer's steps.
_CUSTOMER_SUBJECT = re.compile(
    r"^(?:(?:and|then|so|but|after that|afterwards|next|finally|first|once)\s+)*"
    r"(?:to\s+[a-z]+(?:\s+[a-z]+)?,?\s+(?=(?:they|people|you)\s))?"  # "To patrol they fill a form"
    r"(?:(?:(?:most|many|some|all|our|new|local|the|other|existing|regular|an?|typical|usual)\s+)"
    r"{1,2}"
    r"(?=(?:people|ppl|customers|clients|guests|"
    r"residents|users|members|buyers|shoppers|patients|learners|students|parents|owners|"
    r"visitors|applicants|donors|families|couples)\b))?"
    r"(?:they(?:['’]?re|\s+are)(?=\s+(?:meant|supposed|expected|asked|required)\b)|they|people|"
    r"ppl|customers?|clients?|guests?|residents?|users?|members?|buyers?|"
    r"shoppers?|patients?|learners?|students?|pupils?|couples?|parents?|owners?|visitors?|"
    r"applicants?|donors?|families|brides?|drivers?|attendees|fans|households?|hirers?|tenants?|"
    r"homeowners?|most|many|some|everyone|"
    r"(?:the\s+|their\s+)?(?:child|children|kids?)|"
    r"someone|he|she|you|(?:the|a|our|the typical|a typical|typical)\s+(?:customer|client)|"
    r"our (?:customers|clients|regulars|members|"
    r"guests|users|students|patients)|(?:most|many|some|half) of (?:them|our \w+)|"
    r"(?:those|the ones|anyone|people) (?:with|who need|needing) (?:an? |the )?[a-z]+)\b"
    r"(?:\s+(?:or|and|&)\s+their\s+\w+)?\s*",  # "applicants or their agents submit"
    re.IGNORECASE,
)
# Who the customers are, said with a plural noun of people before a step verb: "folk send
# me photos", "mums find me", "tenants report repairs" (not "orders come in": no person)
# Things named like people ("orders", "vouchers", "reminders"): never someone taking a step
_NOT_PEOPLE = (
    "orders", "numbers", "letters", "papers", "vouchers", "flyers", "posters", "trailers",
    "containers", "computers", "printers", "offers", "answers", "covers", "filters", "meters",
    "centres", "centers", "chargers", "folders", "stickers", "hampers", "burgers", "ciders",
    "beers", "timers", "layers", "spiders", "registers", "reminders", "headers", "sliders",
)  # fmt: skip
_PERSON_PLURAL = (
    r"(?:folks?|mums|moms|dads|kids|locals|tenants|families|couples|liveries|homeowners|"
    rf"landlords|(?!(?:{'|'.join(_NOT_PEOPLE)})\b)[a-z]+(?:er|or|ist|ian|ee|ant)s)"
)
# The business's own people or kit doing something: "our designer does a mock-up", "our rig
# comes and drills", "our delivery boy drops it", "the project manager sends" (never "our
# customers", "our newsletter")
_STAFF_ROLE = (
    r"(?:[a-z-]+\s+)?(?:[a-z]+(?:ist|ician|man|men)s?|crews?|teams?|staff|rigs?|vans?|reps?|"
    r"boys?|lads|guys|techs?|nurses?|vets?|doctors?|chefs?|coach(?:es)?|couriers?|mechanics?|"
    r"workshops?|labs?|factory|kitchen|warehouse|depot|office|studio|"
    r"(?:design|install|fitt|engine|build|paint|plumb|work|driv|manag|plann|train|groom|clean|"
    r"photograph|bak|cater|teach|review|translat|develop|writ|print|fabricat|estimat|inspect|"
    r"assess|operat|coordinat|direct|tut|instruct|survey|contract|advis|counsell|consult|assist|"
    r"ag|volunte|offic|car|help|join|roof|labour|drill)(?:er|or|ant|ent)s?)"
)
_STAFF = (
    rf"(?:our|my)\s+{_STAFF_ROLE}(?:\s+(?:and|&)\s+(?:an?|the|our|my)\s+{_STAFF_ROLE})?"
    r"|the\s+(?:project|account|site|office|practice|store|shop|yard|sales)\s+"
    r"(?:manager|coordinator|team|lead|owner)s?"
)
_COMPANY_SUBJECT = re.compile(
    r"^(?:(?:and|then|so|but)\s+)*(?:we|i|our team|our staff|one of us|one of (?:our|the) team|"
    rf"someone from (?:our|the) team|{_STAFF})\b(?!['’])",
    re.I,
)
_NUMBER = r"(?:[£$€]\s?)?\d[\d,.]*\s?(?:%|k|m|percent|per cent)?|half|a third|a quarter|double"
_STOP = {
    "a", "an", "the", "and", "or", "of", "to", "for", "in", "on", "at", "by", "with", "our",
    "we", "they", "their", "is", "are", "be", "it", "its", "from", "via", "as", "so", "but",
}  # fmt: skip


# --- the lexicon ---------------------------------------------------------------------------


def _pattern(words: list[str]) -> Phrases:
    """The words or phrases of a list, found longest first on word boundaries, case-blind."""
    return Phrases(words)


@cache
def _group(name: str) -> Any:
    """The compiled cue patterns of one lexicon group, built the first time the group is used
    (a critique needs only the phase cues; compiling every group costs about 0.1 s)."""
    lex = lexicon()
    if name == "platforms":
        return [
            (platform, Channel(channel), _pattern([platform]))
            for platform, channel in sorted(lex["platforms"].items(), key=lambda kv: -len(kv[0]))
        ]
    if name == "channel_words":
        return {Channel(k): _pattern(v) for k, v in lex["channel_words"].items()}
    if name in ("phases", "problem_phases", "problem_locators"):
        return {Phase(k): _pattern(v) for k, v in lex[name].items()}
    single = {
        "conversion": "conversion_verbs", "problem": "problem_cues",
        "weak_problem": "weak_problem_cues", "goal": "goal_cues", "people": "people",
        "look_alikes": "look_alikes",
    }  # fmt: skip
    if name in single:
        return _pattern(lex[single[name]])
    return {k: _pattern(v) for k, v in lex[name].items()}  # fulfilment, sectors, regions, ...


# --- cutting the brief ---------------------------------------------------------------------


_BULLET = re.compile(r"^\s*(?:[-*•·▪◦–]|\d{1,2}[.)])\s+")


def _listed(brief: str) -> str:
    """A brief written as a list ("- dogs referred by vets", "• counters get 300 a day"): each
    item a sentence of its own, so no item runs into the next one's problem or goal. A line
    without a marker goes on the item above it, unless a blank line came between."""
    lines = brief.splitlines()
    if sum(1 for line in lines if _BULLET.match(line)) < 2:
        return brief
    items: list[str] = []
    apart = True
    for line in lines:
        marked = _BULLET.match(line)
        new_paragraph = bool(re.match(r"\s*[A-Z]", line)) and not marked  # "Clients seem…"
        if marked or apart or not items or new_paragraph:
            if line.strip():
                items.append(line[marked.end() :] if marked else line)
        else:
            items[-1] += " " + line
        apart = not line.strip()
    return " ".join(i.strip() + ("" if i.strip()[-1] in ".!?:;" else ".") for i in items)


def check_brief(brief: str) -> str:
    """The brief, whitespace tidied and a list cut into sentences; a clear error if it is
    empty or too long to be a brief."""
    text = plain(_listed(brief))
    if len(text) < 3:
        raise UserInputError(
            "the brief is empty; describe the business in a sentence, e.g. 'We sell "
            "refurbished laptops online and in 3 shops'."
        )
    if len(text) > MAX_BRIEF_CHARS:
        raise UserInputError(
            f"the brief is {len(text)} characters; keep it under "
            f"{MAX_BRIEF_CHARS} (put background material in company documents "
            "with `journey ingest`)."
        )
    return text


def sentences(text: str, *, questions: bool = False) -> list[str]:
    """The text cut into sentences, without their end marks (``questions``: a question keeps
    one question mark)."""
    if re.search(r"(?:^|\s)1[.)]\s+\S", text) and re.search(r"(?:^|\s)2[.)]\s+\S", text):
        # "1. rider contacts me 2. I visit the yard": a numbered list, each item a sentence
        text = re.sub(r"(?:^|(?<=\s))(\d{1,2})[.)]\s+(?=\S)", "\n\\1) ", text)
    # a dash sets off an aside, but not the rest of the same thought ("180 came - but only 27
    # registered", "issue is weather - if it's -40 people cancel")
    parts = re.split(
        # "send the contract... and then crickets": an ellipsis before a small letter goes on
        r"(?<=[.!?])(?<!\.\.\.)(?<!…)\s+(?=[A-Za-z0-9£$€\"'(])|(?:\.\.\.|…)\s+(?=[A-Z0-9£$€\"'(])"
        r"|\s*[;\n]\s*|\s+[-–]\s+(?!" + _GOES_ON_WORDS + r"\b)",
        text,
    )
    if not questions:
        return [p.strip(" .!?") for p in parts if p.strip(" .!?")]
    return [re.sub(r"\?+$", "?", p.strip(" .!")) for p in parts if p.strip(" .!?")]


_GOES_ON_WORDS = r"(?:but|yet|though|although|if|unless)"


def clauses(sentence: str) -> list[str]:
    """A sentence cut where the narration moves on: commas, 'then', 'and then', 'but', '+'
    ("by then" and "until then" say when, and go on). What is in brackets stays whole
    ("(parking, breakfast times, how to find us)")."""
    held = _BRACKETED.sub(lambda m: m.group(0).replace(",", "\x00"), sentence)
    parts = re.split(
        r",(?!\d)\s*(?:and\s+)?(?:then\s+)?|(?<!\bby)(?<!\buntil)(?<!\btill)(?<!\bsince)"
        r"\s+(?:and\s+)?then\s+|\s+but\s+|\s+\+\s+|\s*->\s*|\s*→\s*"
        rf"|\s+(?:and|so)\s+(?=(?:they|we|i|people|ppl|customers|most|many|some|{_STAFF})\b)",
        held,
        flags=re.IGNORECASE,
    )
    return [p.replace("\x00", ",").strip(" ,.-–") for p in parts if p and p.strip(" ,.-–")]


_BRACKETED = re.compile(r"\([^()]*\)")


def _span_overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(start < e and s < end for s, e in spans)


# --- reading the parts -----------------------------------------------------------------------


def phase_of_clause(clause: str) -> Phase | None:
    """The phase a clause's cue words point to (the most specific cue wins)."""
    return _strongest_cue("phases", _mask_platforms(clause))


def _said_phase(clause: str) -> Phase | None:
    """The phase of a clause, where one that starts with committing is the purchase rather
    than a later moment it names ("you book by phone or through the app the day before": the
    booking, not the day)."""
    return _step_phase(_strip_subject(clause.strip()), clause)


def _step_phase(step: str, clause: str) -> Phase | None:
    """The phase of a step: its clause's cue, unless the step starts by committing and the cue
    says a later moment ("book bulky waste collections": the booking, not the collection;
    "book a free consultation" stays a consideration). An aside in brackets says no moment
    ("pick a package (pre-wedding shoot + actual day)" is choosing, not the shoot)."""
    aside = re.sub(r"\([^)]*$", "", _BRACKETED.sub("", clause))  # an aside cut off at "+" too
    phase = phase_of_clause(aside) if aside.strip() else phase_of_clause(clause)
    later = phase is not None and list(Phase).index(phase) > list(Phase).index(Phase.purchase)
    if _COMMITS.match(step.strip()) and (later or phase is None):
        return Phase.purchase  # "fill in an online form": with no other moment said, the commitment
    return phase


def _strongest_cue(group: str, text: str) -> Phase | None:
    """The phase of the longest cue of a lexicon group in the text (the earliest on a tie)."""
    best: tuple[int, int, Phase] | None = None
    for phase, pattern in _group(group).items():
        for match in pattern.finditer(text):
            key = (len(match.group(0)), -match.start(), phase)
            if best is None or key[:2] > best[:2]:
                best = key
    return best[2] if best else None


# The words that say "this is a problem" ("the biggest problem is", "our headache is")
_PROBLEM_WORD = (
    r"(?:problem|prob|issue|trouble|wahala|headache|challenge|gripe|pain\s*point|pain|difficulty|"
    r"barrier|sticking\s+point|weak\s+(?:spot|point)|bottleneck|snag)"
)
_PROBLEM_META = (
    re.compile(  # "the biggest problem is", "our issue:", "trouble is": not the support phase
        r"\b(?:(?:the|our|my)\s+)?(?:(?:biggest|big|main|real|other|only)\s+)?"
        rf"(?:{_PROBLEM_WORD}|thing)s?\b(?:\s+is\b|\s*:)?",
        re.IGNORECASE,
    )
)


def speaks_of(phase: Phase, text: str) -> bool:
    """Whether the text has any cue of the phase, told as a step or as a complaint ("renew",
    "next year", "never come back")."""
    masked = _mask_platforms(text)
    return bool(
        _group("phases")[phase].search(masked) or _group("problem_phases")[phase].search(masked)
    )


def problem_phase_cue(text: str) -> Phase | None:
    """The phase of the way a problem is complained of, when it is one ("refund", "never
    come back"), without the general phase cues."""
    return _before_the_sale(text, _strongest_cue("problem_phases", _mask_platforms(text)))


def problem_phase(text: str) -> Phase | None:
    """The phase where a stated problem bites: the moment it names first (a courier, a
    waiting list, the day of the visit), then the way people complain ("never come
    back", "ghosting", "no-shows"), then the phase cues of what is left once words that only
    say "this is a problem" are taken out."""
    # ("The problem is …" names no support moment)
    text = BAD_REVIEWS.sub(" ", _mask_platforms(without_intro(text)))
    moment = moment_of(text)  # "couriers leave them in the sun": while it is delivered
    if moment is not None and not moment.weak:
        return moment.phase
    return (
        _before_the_sale(text, _strongest_cue("problem_phases", text))
        or phase_of_clause(_REPORTED.sub(" ", _PROBLEM_META.sub(" ", text)))
        or (moment.phase if moment is not None else None)
    )


# A quote in the words people use for it abroad: "send the devis", "give the presupuesto"
_QUOTE_ABROAD = (
    r"devis|presupuestos?|or[çc]amentos?|preventivos?|mitsumori|wycen[ay]|cotizaci[oó]n|"
    r"cota[çc][ãa]o|kostenvoranschlag|offerte"
)
_AFTER_AN_OFFER = re.compile(
    rf"\b(?:offers?|quotes?|quoted|estimates?|proposals?|enquir\w*|inquir\w*|{_QUOTE_ABROAD})\b",
    re.I,
)


def _before_the_sale(text: str, phase: Phase | None) -> Phase | None:
    """ "I never hear from them again" after the service is a repeat lost; after a quote or an
    offer ("get a verbal offer from us … then we never hear from them again"), a sale."""
    if phase is Phase.retention and re.search(r"\bhear from them again\b", text, re.I):
        return Phase.consideration if _AFTER_AN_OFFER.search(text) else phase
    return phase


# Bad reviews told as what a problem leads to ("getting 1 star reviews for 'rip off'", "which
# is killing our reviews"): they say nothing of where it bites, and ask for no more reviews
BAD_REVIEWS = re.compile(
    r"\b(?:(?:\d|one|two)[- ]?stars?|bad|negative|poor|angry|nasty|terrible|awful)\s+"
    r"(?:google\s+|online\s+|tripadvisor\s+|facebook\s+)?reviews?\b|\b(?:killing|hurting|ruining)"
    r"\s+(?:our|my|the)\s+(?:google\s+)?(?:reviews|rating|ratings)\b",
    re.IGNORECASE,
)


# How customers report a problem ("growers keep telling us ...") says nothing of where it
# bites: telling is no recommendation here
_REPORTED = re.compile(
    r"\b(?:keeps?\s+)?(?:telling|tell|told|tells)\s+(?:us|me)\b|\b(?:say|says|said)\s+(?:that\s+)?",
    re.IGNORECASE,
)


@lru_cache(maxsize=4096)
def phase_cues(text: str) -> tuple[tuple[Phase, str], ...]:
    """Every phase cue in a text, longest first and never overlapping ("pick up" is one
    onboarding cue, not also the consideration cue "pick")."""
    text = _mask_platforms(text)
    matches = sorted(
        (
            (m.start(), m.end(), phase, m.group(0).lower())
            for phase, pattern in _group("phases").items()
            for m in pattern.finditer(text)
        ),
        key=lambda m: (-(m[1] - m[0]), m[0]),
    )
    taken: list[tuple[int, int]] = []
    found: list[tuple[int, Phase, str]] = []
    for start, end, phase, words in matches:
        if not _span_overlaps(taken, start, end):
            taken.append((start, end))
            found.append((start, phase, words))
    return tuple((phase, words) for _, phase, words in sorted(found, key=lambda f: f[0]))


def _channels(text: str, clause_list: list[str]) -> list[NamedChannel]:
    found: list[NamedChannel] = []
    spans: list[tuple[int, int]] = []
    low_seen: set[str] = set()

    def clause_for(start: int) -> str:
        position = 0
        for clause in clause_list:
            at = text.find(clause, position)
            if at <= start < at + len(clause) + 1:
                return clause
            if at >= 0:
                position = at
        return ""

    def add(name: str, start: int, channel: Channel | None, confidence: float) -> None:
        """A platform named at ``start``, its channel guessed from its clause when None."""
        spans.append((start, start + len(name)))
        low_seen.add(name.lower())
        where = clause_for(start)
        found.append(
            NamedChannel(
                text=name,
                source=where or name,
                channel=channel or _guess_channel(where),
                platform=True,
                phase=_said_phase(where) if where else None,
                confidence=confidence,
            )
        )

    for name, channel, pattern in _group("platforms"):
        for match in pattern.finditer(text):
            if _span_overlaps(spans, match.start(), match.end()):
                continue
            if name.lower() in _WORD_PLATFORMS and (
                not match.group(0)[:1].isupper()
                or re.search(r"(?:^|[.!?]\s+|\n)$", text[: match.start()])
            ):  # "the dog not standing square", "water reed", "Indeed, …": plain words
                continue
            if name in _CASED_PLATFORMS and match.group(0) != name:
                continue
            if _said_lacking(text, match.start()):
                spans.append((match.start(), match.end()))  # "not on Facebook"
                continue
            tail = _PLATFORM_TAIL.match(text, match.end())  # "our Shopify store" is Shopify
            advert = _PLATFORM_AD.match(text, match.end())  # "the Google search ad" is an ad
            tail = tail or advert
            spans.append((match.start(), tail.end() if tail else match.end()))
            written = match.group(0)
            if tail and _NAMING_TAIL.match(tail.group(0)):  # "our KakaoTalk Channel", "our
                written = f"{written}{tail.group(0)}"  # Facebook page": the one they run
            if name.lower() in low_seen:
                continue
            low_seen.add(name.lower())
            where = clause_for(match.start())
            found.append(
                NamedChannel(
                    text=written if written[:1].isupper() else name,
                    source=where or written,
                    channel=Channel.paid_ads if advert else channel,
                    platform=True,
                    phase=_said_phase(where) if where else None,
                    confidence=0.9,
                )
            )
    for match in _UNKNOWN_PLATFORM.finditer(text):
        group = 1 if match.group(1) else 2
        name = match.group(group).rstrip(".")
        start = match.start(group)
        if _span_overlaps(spans, start, start + len(name)) or not _looks_like_brand(name):
            continue
        if match.group(0).startswith("(") and not _TOOL_BEFORE.search(
            text[max(0, match.start() - 40) : match.start()]
        ):
            continue  # "in Nairobi (Ruaka, Kitengela side)": a name in brackets is a place
        if re.match(r"into\b", match.group(0), re.I) and _GOING.search(
            text[max(0, match.start() - 20) : match.start()]
        ):
            continue  # "to get into Lethbridge": a town people travel to
        if _GEOGRAPHY.match(text, start + len(name)) or _GEOGRAPHY.search(f" {name}"):
            continue  # "on the Llangollen canal", "on the Severn River": a place
        if _BODY_AFTER.match(text, start + len(name)):
            continue  # "together with the Lagos State Blood Transfusion Service": a body
        station = _STATION_AFTER.match(text, start + len(name))
        if station:  # "a slot on Wazobia FM": a radio station, named whole
            name = f"{name}{station.group(0)}"
        if name.lower() in low_seen:
            spans.append((start, start + len(name)))
            continue
        add(name, start, Channel.broadcast if station else None, 0.5)
    for match in _AFTER_PLATFORM.finditer(text):  # "on Nextdoor and Rover"
        name = match.group(2)
        start = match.start(2)
        known = any(c.platform and c.text.lower() == match.group(1).lower() for c in found)
        if not known or _span_overlaps(spans, start, start + len(name)):
            continue
        if not _looks_like_brand(name) or name.lower() in low_seen:
            continue
        first = next(c for c in found if c.text.lower() == match.group(1).lower())
        add(name, start, first.channel if first.channel != Channel.other else None, 0.5)
    for start, name in _named_events(text):  # "find us at Milano Unica", "Instalacje fair"
        if _span_overlaps(spans, start, start + len(name)) or name.lower() in low_seen:
            continue
        add(name, start, Channel.events, 0.6)
    # the longest channel words first, whichever channel they name: "call centre" is a phone
    # line, not a centre; "on the door" is in person
    words = [
        (match.start(), match.end(), channel)
        for channel, pattern in _group("channel_words").items()
        for match in pattern.finditer(text)
    ]
    chosen: set[tuple[int, int, Channel]] = set()
    for start, end, channel in sorted(words, key=lambda w: (w[0] - w[1], w[0])):
        if not _span_overlaps(spans, start, end):
            spans.append((start, end))
            chosen.add((start, end, channel))
    for channel, pattern in _group("channel_words").items():
        for match in pattern.finditer(text):
            if (match.start(), match.end(), channel) not in chosen:
                continue
            if _said_lacking(text, match.start()):
                continue  # "no shop", "not in store": a channel the business does not have
            where = clause_for(match.start())
            if any(c.platform and c.channel == channel and c.source == where for c in found):
                continue  # "online through our Shopify site": Shopify says it
            same = [c for c in found if c.channel == channel and not c.platform]
            if len(same) >= 3 or any(
                c.text.lower().rstrip("s") == match.group(0).lower().rstrip("s") for c in same
            ):
                continue
            where = clause_for(match.start())
            found.append(
                NamedChannel(
                    text=match.group(0),
                    source=where or match.group(0),
                    channel=channel,
                    platform=False,
                    phase=_said_phase(where) if where else None,
                    confidence=0.7,
                )
            )
    if re.search(r"\b(?:saas|software|platform|tool|dashboard|b2b)\b", text, re.IGNORECASE):
        for item in found:  # in a software product, "in-app" is the product itself
            if item.channel == Channel.mobile_app and re.search(
                r"in[- ]?(?:the )?app", item.text, re.IGNORECASE
            ):
                item.channel = Channel.in_product
    return found


# What comes before a channel the business says it lacks: a negation, then a verb of having
# or using and a list going on ("we've no website or email", "I don't have site or
# Instagram", "not on Facebook", "haven't got a website", "don't take online bookings").
_LACKING = re.compile(
    r"(?:\b(?:no|without|nor)\s+(?:(?:an?|any|our|my|own|proper|real)\s+){0,2}"
    r"|(?:\b(?:not|never|dont|doesnt|havent|hasnt|isnt|arent|aint|wont|cant)|n[’']t)\s+"
    r"(?:have|has|got|do|does|use|uses|using|take|takes|run|runs|want|bother\s+with|on|in)\s+"
    r"(?:(?:an?|any|our|my|own|proper|real|got)\s+){0,2})"
    r"(?:[\w.-]+\s*(?:,|\bor\b|\bnor\b)\s*){0,2}$",
    re.IGNORECASE,
)


# Any word that may deny: a text without one says no channel is lacking.
_NEGATOR = re.compile(
    r"\b(?:no|not|without|never|nor|dont|doesnt|havent|hasnt|isnt|arent|aint|wont|cant)\b"
    r"|n[’']t\b",
    re.IGNORECASE,
)


def _lacking_from(text: str, start: int) -> int | None:
    """Where the denial begins when the channel word at ``start`` is one the brief says the
    business does not have ("without calling them all" is a way of doing, not a channel it
    lacks); None when it is not."""
    if re.match(r"\w+ing\b", text[start:]):
        return None
    before = max(0, start - 60)
    negation = _LACKING.search(text[before:start])
    return before + negation.start() if negation else None


def _said_lacking(text: str, start: int) -> bool:
    """Whether the channel word at ``start`` is one the brief says the business does not have."""
    return _lacking_from(text, start) is not None


def _channel_patterns() -> list[tuple[Channel, re.Pattern[str]]]:
    """Every named platform and channel word, with its channel."""
    named = [(channel, pattern) for _, channel, pattern in _group("platforms")]
    return named + list(_group("channel_words").items())


def _lacks(text: str) -> list[Channel]:
    """The channels the brief says the business does not have or use, in the order said. "No
    shop" or "no salon" is no lack of meeting people: a business without premises still comes
    to them (only an online-only business meets nobody, and that is a constraint)."""
    found: list[tuple[int, Channel]] = []
    if not _NEGATOR.search(text):
        return []
    for channel, pattern in _channel_patterns():
        for match in pattern.finditer(text):
            if channel != Channel.physical and _said_lacking(text, match.start()):
                found.append((match.start(), channel))
    out: list[Channel] = []
    for _, channel in sorted(found, key=lambda f: f[0]):
        if channel not in out:
            out.append(channel)
    return out


# A name the lexicon does not know, written like a brand: CamelCase (VetStoria), a domain
# (Coworker.com), or a capitalised word after "on", "via", "through", "using"... (on Rezdy).
_UNKNOWN_PLATFORM = re.compile(
    r"\b([A-Z][a-z]+[A-Z][A-Za-z]+|[A-Za-z][A-Za-z0-9-]+\.(?:com|io|co\.uk|com\.au|app|net|"
    r"org|ie))\b"
    r"|(?:\b(?:on|via|through|thru|using|use|uses|with|like|into)\s+(?:our\s+own\s+|our\s+|"
    r"their\s+|a\s+|the\s+|an\s+)?|\()([A-Z][a-z]{2,}(?:\s[A-Z][a-z]{2,}){0,2})\b"
)
# After a name: a public body or an organisation ("… State Blood Transfusion Service"), or a
# station ("Wazobia FM", "Radio Kerry" aside)
_BODY_AFTER = re.compile(
    r"(?:\s+[A-Z][a-z]+)*\s+(?:Service|Services|Council|Ministry|Hospital|Trust|Authority|"
    r"Agency|Department|Association|Board|Foundation|University|Commission|Society)\b"
)
_STATION_AFTER = re.compile(r"\s+(?:FM|AM|Radio|TV)\b")
_GOING = re.compile(
    r"\b(?:get|gets|getting|go|goes|going|come|comes|coming|drive|drives|travel|travels|head|"
    r"heads|move|moves|pop|pops|walk|walks|ride|rides)\s+$",
    re.IGNORECASE,
)
# What makes a bracketed name a tool: "our booking system (Rezdy)", "the app (Glofox)".
_TOOL_BEFORE = re.compile(
    r"\b(?:system|app|platform|site|website|software|tool|booking|bookings|page|marketplace|"
    r"shop|store|listing|checkout|form|crm|portal)\s*$",
    re.IGNORECASE,
)
_GEOGRAPHY = re.compile(
    r"\s+(?:canal|river|coast|valley|vale|hills?|road|street|estate|island|islands|isles|lake|"
    r"loch|bay|peninsula|moors?|dales|downs|forest|park|mountains?|county|district|borough|"
    r"city|town|village|harbou?r|marina|beach|sound|firth|estuary)\b",
    re.IGNORECASE,
)
_NOT_BRANDS = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "monday", "tuesday", "wednesday", "thursday",
    "friday", "saturday", "sunday", "mondays", "tuesdays", "wednesdays", "thursdays",
    "fridays", "saturdays", "sundays", "weekends", "christmas", "easter", "english", "maths",
    "french", "spanish", "german", "the", "our", "we", "they", "i", "it", "this", "that", "my",
}  # fmt: skip


_PLATFORM_TAIL = re.compile(
    r"\s+(?:online\s+)?(?:store|shop|site|page|app|account|profile|listing|channel|group|"
    r"official\s+account|business\s+account|paybill|till\s+number)s?\b",
    re.IGNORECASE,
)
# The tails that say which of a platform's things is the business's own, kept in its name
_NAMING_TAIL = re.compile(
    r"\s+(?:page|channel|official\s+account|business\s+account|account|profile|store|shop|"
    r"paybill|till\s+number)\b",
    re.IGNORECASE,
)
_PLATFORM_AD = re.compile(r"\s+(?:search\s+|video\s+|story\s+)?(?:ads?|adverts?)\b", re.I)
_AFTER_PLATFORM = re.compile(r"\b([A-Z][\w.]+)\s*(?:,|and|or|&|\+)\s*([A-Z][a-z]{2,})\b")


_CAPITAL_WORD = r"[A-ZÀ-ÖØ-Þ][^\W_]*(?:[-'’.][^\W_]+)*"
_EVENT_NAME = rf"{_CAPITAL_WORD}(?:\s+{_CAPITAL_WORD}){{0,3}}"
_EVENT_WORD = r"(?:trade\s+)?(?:fair|fairs|expo|show|messe|exhibition|congress|convention)"
# A fair or show named as where people meet the business: "find us at Milano Unica and
# Première Vision Paris", "a stand at Instalacje fair", "stands for Hannover Messe, EMO"
_NAMED_EVENT = re.compile(rf"\b(?:at|for)\s+(?:the\s+)?({_EVENT_NAME})(\s+{_EVENT_WORD})?\b")
_MET_AT = re.compile(
    r"\b(?:find|finds|found|meet|meets|met|see|sees|saw)\s+(?:us|them|our\s+\w+)\s+at\s+$"
)
_EVENT_LIST = re.compile(rf"\s*(?:,|and|&|or)\s*(?:at\s+)?({_EVENT_NAME})")


def _named_events(text: str) -> list[tuple[int, str]]:
    """The fairs and shows a brief names as where people meet the business, as (where it
    starts, its name): named with a fair's word ("Instalacje fair", "Hannover Messe") or
    after "find us at" ("Milano Unica and Première Vision Paris"), never a place."""
    out: list[tuple[int, str]] = []
    for match in _NAMED_EVENT.finditer(text):
        name, word = match.group(1), match.group(2)
        met = _MET_AT.search(text[max(0, match.start() - 40) : match.start() + 3])
        if not (word or re.search(r"\b(?:Messe|Expo|Fair|Show)$", name) or met):
            continue
        if not _looks_like_brand(name):
            continue  # "at Poznań", "at Glasgow Fort"
        out.append((match.start(1), f"{name}{word or ''}"))
        if met:  # "at Milano Unica and Première Vision Paris or on our Instagram"
            at = match.end(1)
            while (more := _EVENT_LIST.match(text, at)) and _looks_like_brand(more.group(1)):
                out.append((more.start(1), more.group(1)))
                at = more.end(1)
    return out


def _looks_like_brand(name: str) -> bool:
    low = name.lower()
    if low in _NOT_BRANDS or any(w in _NOT_BRANDS for w in low.split()):
        return False
    return plain_letters(low) not in _places()


@cache
def _places() -> frozenset[str]:
    """Every place, currency and institution the region table knows, in lower case and
    without accents ("québec" as "quebec")."""
    return frozenset(
        plain_letters(w.lower()) for words in lexicon()["regions"].values() for w in words
    )


def _guess_channel(clause: str) -> Channel:
    low = clause.lower()
    if re.search(r"\b(book|booking|bookings|ticket|tickets|listing|listed|marketplace)\b", low):
        return Channel.marketplace
    if re.search(r"\b(app)\b", low):
        return Channel.mobile_app
    if re.search(r"\b(review|reviews|rating)\b", low):
        return Channel.review_sites
    if re.search(r"\b(groups?|forums?|community)\b", low):  # "expat FB groups like Dubai Dog
        return Channel.community  # Owners": a group, not a website
    return Channel.website


_SURELY_PUBLIC = {"statutory", "gov.uk", "local authority", "public service", "public sector",
                  "ministry", "municipal", "government", "library service"}  # fmt: skip


def _sector(text: str) -> Read:
    pats = _group("sectors")
    for sector in ("public", "nonprofit", "b2b"):
        # who pays for it is not what it is: "a charity … funded by the council and a
        # Scottish Government grant"
        said = FUNDED_BY.sub(" ", text) if sector == "public" else text
        hits = [m.group(0) for m in pats[sector].finditer(said)]
        strong = {h.lower() for h in hits}
        if sector == "b2b" and not (
            strong
            & {
                "b2b",
                "procurement",
                "wholesale",
                "wholesaler",
                "tender",
                "tenders",
                "distributors",
                "commercial cleaning",
                "commercial laundry",
                "contract cleaning",
                "managed it",
                "managed service provider",
            }
            or len(strong) >= 2
        ):
            continue
        if (
            sector == "public"
            and len(strong) < 2
            and not strong & _SURELY_PUBLIC
            and not pats[sector].search(sentences(text)[0] if text else "")
        ):
            continue  # "a few come through the council's list": a council named, not the sector
        if hits:
            return Read(text=sector, source=", ".join(dict.fromkeys(hits)), confidence=0.8)
    return Read(text="b2c", source="", confidence=0.5)


@lru_cache(maxsize=256)
def region_of(text: str) -> str | None:
    """The region a text's places, currencies and institutions point to ('UK', 'US'...)."""
    found = _region(text)
    return found.text if found else None


@cache
def _region_words() -> dict[tuple[str, ...], str]:
    """Each region's words and phrases, as tuples of tokens, to the region they point to."""
    return {
        tuple(_region_tokens(phrase)): region
        for region, phrases in lexicon()["regions"].items()
        for phrase in phrases
    }


@cache
def _region_firsts() -> frozenset[str]:
    return frozenset(words[0] for words in _region_words() if words)


def _region_tokens(text: str) -> list[str]:
    return re.findall(r"[£$€₹]|[a-z0-9][a-z0-9.]*[a-z0-9]|[a-z0-9]", plain_letters(text.lower()))


def plain_letters(text: str) -> str:
    """The text with its letters' accents taken off ("Łódź" → "Lodz", "Umeå" → "Umea"), so a
    place is known however it is spelt."""
    bare = unicodedata.normalize("NFKD", text.translate(_UNDECOMPOSED))
    return "".join(c for c in bare if not unicodedata.combining(c))


_UNDECOMPOSED = str.maketrans({"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "ß": "ss", "đ": "d"})
# Currencies several countries use, and platforms people use abroad too (a Kuala Lumpur
# agency posts on Xiaohongshu): a place named outright outweighs them
_SHARED_SIGNS = frozenset(
    {"$", "rupees", "naver", "kakaotalk", "kakao", "taobao", "tmall", "alipay", "douyin",
     "xiaohongshu", "jazzcash", "easypaisa", "bkash", "pix"}
)  # fmt: skip


# A US state's postal code after a place name: "Eau Claire, WI", "St. Paul, MN", "Sarasota FL"
_US_STATE = re.compile(
    r"(?<=[a-z]),?\s(AL|AK|AZ|AR|CA|CO|CT|DE|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|"
    r"MT|NE|NV|NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|DC)\b(?=\s*[,.;:)!?]|\s*$|\s+[-–(]|\s+[A-Z0-9])"
)


def _region(text: str) -> Read | None:
    words = _region_words()
    firsts = _region_firsts()
    tokens = _region_tokens(text)
    hits_by: dict[str, list[str]] = {}
    first_at: dict[str, int] = {}
    for i in range(len(tokens)):
        if tokens[i] not in firsts:
            continue
        for n in (3, 2, 1):
            region = words.get(tuple(tokens[i : i + n]))
            if region is not None:
                hits_by.setdefault(region, []).append(" ".join(tokens[i : i + n]))
                first_at.setdefault(region, i)
                break
    for state in _US_STATE.finditer(text):  # "Eau Claire, WI", "Sarasota FL"
        hits_by.setdefault("US", []).append(state.group(1))
        first_at.setdefault("US", len(tokens))
    # a place named outright outweighs a currency sign several countries share ("$180" in a
    # brief about Brisbane is Australian dollars); each place counts once ("back to the UK …
    # the UK/EU waiting period" is one place, "the UAE … Dubai" two), and on a tie the place
    # named first is where the business is ("in Tijuana … patients from Arizona")
    counts = [
        (sum(0.5 if h in _SHARED_SIGNS else 1 for h in set(hits)), -first_at[region], region, hits)
        for region, hits in hits_by.items()
    ]
    if not counts:
        return None
    counts.sort(reverse=True)
    weight, _, region, hits = counts[0]
    return Read(
        text=region, source=", ".join(dict.fromkeys(hits)), confidence=min(0.9, 0.5 + weight / 5)
    )


# Said of a service its users never pay for: "it costs the resident nothing", "fully funded",
# "fully sponsored, no fees at all"
_COSTS_NOTHING = (
    r"\bcosts?\s+(?:(?:the|them|you|our|their)\s+)?(?:\w+\s+)?nothing\b|"
    r"\bfully[- ](?:funded|sponsored|subsidi[sz]ed)\b|\bno\s+fees?\s+at\s+all\b"
)
_FREE = re.compile(
    r"\b(?:is|are|it's|its|everything's|everything is)\s+free\b"
    r"(?!\s+(?:on|at|in|next|this|that)\b)|"
    r"\bfree\s+(?:to|of charge|for|membership|service|card|entry|admission)\b|"
    r"\bfor\s+free\b|\bfree\s+(?!(?:[\w-]+\s+){0,2}?(?:taster|trial|first|intro\w*|demo|"
    r"sample|initial)\b)(?:[\w-]+\s+){0,4}?(?:services?|bootcamps?|training|mentoring|pickups?|pick-ups?|collections?|"
    r"makerspace|advice|groups?|camps?|clinics?|screenings?|sessions|classes|workshops?|help|"
    r"support|surgery|surgeries|treatment|repairs?|meals?|lunches|rides?|transport|delivery|"
    r"(?:home\s+)?visits|checks|assessments|circles|lessons|courses|tuition|programmes?|"
    r"programs?|activities|clubs?|drop-ins?|loans?)\b|"
    r"\bno charge\b|" + _COSTS_NOTHING + r"|"
    r"\b(?:completely|totally|entirely|always|100%|all)\s+free\b|\bfree\s+and\s+confidential\b",
    re.IGNORECASE,
)
# Free, but not the service: a first consultation, or a date that is not booked yet
_FREE_ONLY = re.compile(
    r"(?:(?:initial|first|intro|introductory)\s+(?:consultation|call|session|lesson|chat|visit)|"
    r"\b(?:day|date|slot|room|hall|saturday|sunday|weekend|evening))\s+(?:is|are)\s+free$",
    re.IGNORECASE,
)


_SELLS = re.compile(
    r"\b(?:sell|sells|selling|resell|resells|sold|price|prices|priced|fees?|charge|charges|"
    r"per\s+(?:hour|session|month|year|head|person))\b|[£$€₹]\s?\d",
    re.IGNORECASE,
)
_ALL_FREE = re.compile(
    r"\b(?:is|are|it's|its|everything's|everything is)\s+free\b|free\s+(?:of charge|service)|"
    r"no charge|" + _COSTS_NOTHING + r"|\b(?:completely|totally|entirely|always|100%|all)\s+free\b|"
    r"free\s+and\s+confidential",
    re.IGNORECASE,
)


# A cost the business absorbs when something goes wrong ("we end up doing a second trip for
# free", "we have to redo it for free"), not a service that is free
_MADE_TO = r"end(?:s|ed|ing)?\s+up|ha(?:ve|s|d|ving)\s+to"  # "we end up", "we have to"
_FREE_LOSS = re.compile(rf"\b(?:{_MADE_TO}|re-?do|again|second|another)\b[^.;]*$", re.I)


# What a business has to do again or for nothing when something goes wrong
_ABSORBED = re.compile(rf"\b(?:{_MADE_TO}|keep|keeps|kept)\s+$", re.IGNORECASE)


def _said_free(text: str) -> bool:
    """Whether the brief says its service is free ("free cataract screening camps", "people
    borrow seeds for free"), not only a first consultation or a date ("the initial
    consultation is free", "the same Saturday is free")."""
    hits = [
        m.group(0)
        for m in _FREE.finditer(text)
        if not _FREE_ONLY.search(text[max(0, m.start() - 40) : m.end()])
        and not _FREE_LOSS.search(text[max(0, m.start() - 60) : m.start()])
    ]
    if hits and _SELLS.search(text):  # a pallet firm that collects broken ones for free
        return any(_ALL_FREE.search(h) for h in hits)  # still sells: only "it's free" says so
    return bool(hits)


# A committee or board the speaker belongs to
_SPEAKERS_GROUP = re.compile(
    r"\b(?:we(?:'re|\s+are)|i(?:'m|\s+am)(?:\s+(?:on|part\s+of|chair\s+of))?|our)\s+(?:the\s+|a\s+)?"
    r"(?:[\w'-]+\s+){0,2}(?:committee|board)\b",
    re.IGNORECASE,
)


def _constraints(text: str, sector: str) -> list[Read]:
    out: list[Read] = []
    for name, pattern in _group("constraints").items():
        match = pattern.search(text)
        if not match:
            continue
        if name == "free_service" and not _said_free(text):
            continue
        if name == "statutory" and sector != "public":
            continue
        if name == "buying_committee" and not any(
            not _SPEAKERS_GROUP.search(text[max(0, m.start() - 40) : m.end()])
            for m in pattern.finditer(text)
        ):  # "We're the volunteer committee that runs the hall": who speaks, not who buys
            continue
        out.append(Read(text=name, source=match.group(0), confidence=0.7))
    return out


# Journey shapes whose service is had where it is given, so no one asks how it is received
# (unless what is sold is software: an app's "membership" is had on a screen).
_SERVED_THERE = {"appointment", "course", "experience", "ticket", "membership", "callout"}
_SOFTWARE = re.compile(r"\b(?:apps?|software|saas|platform|online|web-based|digital)\b", re.I)


# "Collect" and "collection" that say nothing of how people get what they buy: "many collect
# our price and go quiet", "the brand designed the collection around our fabric", a mover's
# "pickup and drop-off"
_NOT_COLLECTED = re.compile(
    r"\b(?:collect(?:s|ed|ing)?\s+(?:our\s+|the\s+|their\s+|your\s+|a\s+)?(?:prices?|quotes?|"
    r"info(?:rmation)?|details|data|feedback|reviews?|payments?|money|fees|deposits?|rent|"
    r"signatures?|points|stamps|numbers|contacts|emails)|(?:the|a|new|next|whole|spring|summer|"
    r"autumn|fall|winter|seasonal|design|fashion|art|museum|their|his|her)\s+collections?\b"
    r"(?!\s+(?:slots?|times?|points?|windows?|days?|dates?|runs?|counter|hatch|desk|is|was|are))|"
    r"collections?\s+(?:around|of)\b|pick-?\s?ups?\s+and\s+drop)",
    re.IGNORECASE,
)


def _fulfilment(text: str) -> Read | None:
    hits = []
    text = _NOT_COLLECTED.sub(lambda m: "_" * len(m.group(0)), text)
    for kind, pattern in _group("fulfilment").items():
        found = [m.group(0) for m in pattern.finditer(text)]
        if found:
            hits.append((len(found), kind, found))
    if not hits:
        return None
    kinds = {k for _, k, _ in hits}
    if len(kinds) > 1 and {"collection", "delivery"} <= kinds:
        words = [w for _, _, f in hits for w in f]
        return Read(text="mixed", source=", ".join(dict.fromkeys(words)), confidence=0.6)
    hits.sort(reverse=True)
    _, kind, found = hits[0]
    return Read(text=kind, source=", ".join(dict.fromkeys(found)), confidence=0.7)


_BUSINESS = re.compile(
    r"\b(?:(?:we(?:'re| are)|i(?:'m| am))\s+(?:running|operating|managing)|"
    r"we(?:'re| are| r)|(?:^|(?<=[.!?]\s)|(?<=\bgday\s)|(?<=\bg'day\s)|(?<=\bhi\s)|"
    r"(?<=\bhey\s)|(?<=\bhello\s))were(?=\s+(?:a|an)\s)|i(?:'m| am|m)|we run|i run|we own|"
    r"i own|we have|i have|^(?:(?:hi|hello)\W+)?(?:i|we)(?:'ve|ve| have) got(?=\s+an?\s)|"
    r"it's|this is|ours is|mine is|our business is|we're just|we are just|we operate|i operate|"
    r"we manage|"
    r"(?:we|i)\s+(?:took over|bought|inherited|started|set up|founded|launched)"
    r"(?:\s+(?:my|our|her|his|their)(?:\s+\w+'s)?)?)\s+"
    r"(?:(?:a|an|the|\d+|two|three|four|five|six)\s+)?((?:[\w&'+-]+\s+){0,7}?[\w&'+-]+?)"
    r"(?=\s+(?:with|in|that|who|which|based|for|selling|near|on|from|serving|across|and we|"
    r"outside|round|where|doing|offering|out of|run by|since|at|around|covering)\b"
    r"|\s*[,.;:!?(+]|$)",
    re.IGNORECASE,
)
_BUSINESS_NOUN = re.compile(
    r"^((?:[\w&'+-]+\s+){0,4}?(?:bakery|cafe|café|shop|studio|salon|practice|clinic|agency|"
    r"school|gym|company|business|brand|firm|service|restaurant|bar|pub|brewery|roastery|"
    r"centre|center|venue|charity|council|library|museum|studio|store|maker|manufacturer|"
    r"supplier|installer|photographer|florist|plumber|electrician|builder|consultancy|"
    r"startup|app|platform|marketplace|band|teacher|tutor|trainer|groomer|kennels|cattery|"
    r"daycare|distillery|winery|farm|hotel|b&b|campsite|provider|society|solicitors?|"
    r"accountants?|architects?|dentist|vet|vets|surgery|garage|workshop|team|club|"
    r"association|co-?op|cooperative|trust|foundation|collective|academy|hospice|theatre|"
    r"theater|marina|festival|operator|consultant|contractor|outfitter|institute|homestay|"
    r"guesthouse|hostel|lodge|resort|nursery|pharmacy|laboratory|lab|hospital|college|sacco|"
    r"credit union|chama|stokvel|bank|wholesaler|distributor|retailer|importer|exporter|"
    r"dealer|dealership|reseller|mill|factory|producer|printers?|caterers?|cleaners?|movers|"
    r"repairers?|escape rooms?|spa|barbershop|barbers|parlou?r|arcade|cinema|bistro|diner|deli|"
    r"takeaway))"
    r"\b(?!-)",  # not "Council-run ferry"
    re.IGNORECASE,
)
_OFFER = re.compile(
    r"\b(?:sell|sells|selling|make|makes|making|offer|offers|offering|provide|provides|"
    r"providing|specialise in|specialize in|specialising in|specializing in|teach|teaches|"
    r"install|installs|manufacture|manufactures|bake|bakes|roast|roasts|brew|brews|rent out|"
    r"rent|rents|renting|lease|leases|leasing|hire out|hiring out|host|hosts|design|designs|"
    r"build|builds|supply|supplies|supplying|produce|"
    r"produces|do|does|doing|deliver|delivers|delivering|shape|shapes|carve|carves|"
    r"knit|knits|sew|sews|restore|restores|breed|breeds|runs|running|placing)\s+"
    r"(?:(?:a|an)\s+(?=(?:[\w&'/+-]+\s+){0,5}?[\w&'/+-]+?\s+(?:for|to)\s))?"
    r"((?:[\w&'/+-]+\s+){0,6}?[\w&'/+-]+?)"
    r"(?=\s+(?:to|for|through|via|on|online|in|at|from|with|across|that|which|who|and we|"
    r"out of|outside|near|around|based|by|(?:designed|aimed|built|made|tailored|licensed|meant)"
    r"\s+(?:for|to|at)|"
    r"but|because|so|when|where|mainly|mostly|plus|and (?:sell|ship|post|deliver|take|run|"
    r"offer|make|send|buy|repair|install|fit|service|hire|rent)s?)\b|\s+[-–—]\s|\s*[,.;:!?(]|$)",
    re.IGNORECASE,
)
_AUDIENCE = re.compile(
    r"\b(?:for|targeting|aimed at|serving|sold to|selling to|customers are|clients are|"
    r"mostly|mainly|our|most of our)\s+((?:[\w'-]+\s+){0,4}?(?:PEOPLE))\b(?!['’])",
    re.IGNORECASE,
)


_AUDIENCE_TAIL = re.compile(r"(?:,|;)\s*((?:[\w'-]+\s+){0,3}?(?:PEOPLE))\s*(?:[.;!?]|$)")


# "... rent forklifts to warehouses and construction sites", "for law firms and people going
# through immigration", "bookings come from NHS trusts and employers"
_TO_WHOM = r"\b(?:to|for|from|serving|supplying|supplies|supply)\s+"
_WHO_DOES = (
    r"\s+(?:still\s+|usually\s+|mostly\s+|often\s+|keep\s+|just\s+|also\s+|then\s+|"
    r"tend to\s+|all\s+|who\s+)?(?:book|order|ring|call|come|find|apply|buy|email|message|text|"
    r"hire|rent|pay|say|tell|trust|don'?t|dont|want|need|ask|use|go|get|are|visit|sign|join|"
    r"leave|drop|love|borrow|bring|turn|phone|enquire|inquire|refer|send|cancel|stop|quit|"
    r"forget|complain|struggle|rebook|return|miss|wait|ghost|arrive|show)\w*\b"
)


@cache
def _customer_words() -> Phrases:
    lex = lexicon()
    return Phrases([*lex["customer_orgs"], *lex["customer_people"]])


_LEAD = re.compile(
    r"(?:\b(?:local|private|small|big|independent|regional|older|younger|new|first-time|most|"
    r"many|some|the|our|all|other|lots of|loads of|a lot of|most of|many of|half of|some of|"
    r"a few)\s+)*$",
    re.IGNORECASE,
)
_TO_WHOM_BEFORE = re.compile(  # not where things go: "delivered to vacation homes and hotels"
    NOT_SENT_BEFORE + r"\b(?:to|for|from|serving|supplying|supplies|supply)\s+$",
    re.IGNORECASE,
)
_CLAUSE_START = re.compile(r"(?:^|[.;:!?]\s+|,\s+|\bbut\s+|\bso\s+)$", re.IGNORECASE)
_JOINED = re.compile(r"\s*(?:,|\band\b|&|\bor\b)\s+$", re.IGNORECASE)
_DOES_AFTER = re.compile(_WHO_DOES, re.IGNORECASE)
_NOT_MODIFIER = {"to", "for", "from", "serving", "supplying", "supplies", "supply", "and", "or",
                 "but", "so", "of", "by", "with", "the", "our", "a", "an", "we", "they",
                 "lots", "loads", "most", "many", "some", "all", "local", "private", "small",
                 "big", "independent", "regional", "older", "younger", "new", "existing",
                 "other", "every", "each", "few", "half", "sometimes", "often", "usually",
                 "always", "never", "also", "then", "still", "just", "even", "mostly",
                 "mainly", "really", "actually", "only"}  # fmt: skip
_BETWEEN_KINDS = re.compile(
    r"\s*(?:,|and|&|or)\s+(?:[\w'-]+\s+){0,2}$", re.IGNORECASE
)  # "law firms and print shops", "researchers, family historians"


def _named_customers(text: str) -> list[Read]:
    """Customers the brief names by what they are ("warehouses", "funeral directors",
    "family historians"): after "to", "for" or "from", as the ones doing something, or
    joined to one of those ("warehouses and construction sites"). The kinds are looked up
    as phrases, not compiled into one large expression (see :mod:`.phrases`)."""
    found: list[tuple[int, str, str]] = []
    taken: list[int] = []  # where an accepted kind ends
    hits = list(_customer_words().finditer(text))

    def does_something(n: int) -> bool:
        """The kind, or kinds joined right after it, then a verb ("law firms and print
        shops are our bread and butter")."""
        while True:
            if _DOES_AFTER.match(text, hits[n].end()):
                return True
            if n + 1 >= len(hits) or not _BETWEEN_KINDS.fullmatch(
                text, hits[n].end(), hits[n + 1].start()
            ):
                return False
            n += 1

    for n, hit in enumerate(hits):
        head_start, head_end = hit.start(), hit.end()
        if text[head_end : head_end + 1] in ("'", "’"):
            continue  # "kids' parties"
        before = text[:head_start]
        for size in (2, 1, 0):
            mods = re.search(rf"(?:[\w'-]+\s+){{{size}}}$", before) if size else None
            if size and (mods is None or any(
                w.lower() in _NOT_MODIFIER for w in mods.group(0).split()
            )):  # fmt: skip
                continue
            rest = before[: mods.start()] if mods else before
            rest = rest[: _LEAD.search(rest).start()]  # type: ignore[union-attr]
            said = text[(mods.start() if mods else head_start) : head_end]
            joined = _JOINED.search(rest)
            if (
                _TO_WHOM_BEFORE.search(rest)
                or (_CLAUSE_START.search(rest) and does_something(n))
                or (joined is not None and joined.start() in taken)
            ):
                found.append((head_start, _tidy_customer(said), text[len(rest) : head_end]))
                taken.append(head_end)
                break
    out: list[Read] = []
    for _, said, source in sorted(found):
        low = said.lower()
        if low in ("customers", "clients", "users", "people", "owners", "buyers", "members"):
            continue
        if said and not any(low in r.text.lower() or r.text.lower() in low for r in out):
            out.append(Read(text=said, source=source.strip(), confidence=0.6))
    return out


def _tidy_customer(said: str) -> str:
    words = said.split()
    while words and words[0].lower() in _STOP | {"our", "the", "most", "many", "some", "all"}:
        words = words[1:]
    if len(words) > 1 and words[0].lower() in _NOT_A_KIND:
        words = words[1:]  # "Bookings ... employers": no; "mostly law firms": "law firms"
    return " ".join(words)


_NOT_A_KIND = {"mostly", "mainly", "usually", "and", "or", "but", "are", "is", "get", "lots",
               "good", "loads", "local", "private", "small", "big", "we", "they",
               "also"}  # fmt: skip


# People a brief names as wronging the business or competing with it, never as its customers
# ("they don't trust … because of too many scammers")
_WRONGDOERS = re.compile(
    r"\b(?:scammers?|fraudsters?|thieves|thief|spammers?|time-?wasters?|trolls?|competitors?|"
    r"rivals?|cowboys)\b",
    re.IGNORECASE,
)


def _audience(text: str) -> list[Read]:
    people = "|".join(
        re.escape(p) for p in sorted(lexicon()["people"], key=len, reverse=True)
    ).replace(r"\ ", r"\s+")
    pattern = re.compile(_AUDIENCE.pattern.replace("PEOPLE", people), re.IGNORECASE)
    tail = re.compile(
        _AUDIENCE_TAIL.pattern.replace("PEOPLE", people), re.IGNORECASE
    )  # "..., young professionals"
    out: list[Read] = []
    for match in [*pattern.finditer(text), *tail.finditer(text)]:
        words = match.group(1).strip()
        first = words.split()[0].lower()
        if first in {"the", "a", "an", "our", "their"}:
            words = " ".join(words.split()[1:])
        if words.lower() in {"people", "ppl", "customers", "clients", "users", "we", "us"}:
            continue
        known = [r.text.lower() for r in out]
        if words and not any(words.lower() in k or k in words.lower() for k in known):
            out.append(Read(text=words, source=match.group(0), confidence=0.7))
    for read in _named_customers(text):
        low = read.text.lower()
        if not any(low in r.text.lower() or r.text.lower() in low for r in out):
            out.append(read)
    kinds: list[Read] = []
    for part in (part for said in out for part in _each_kind(said)):
        tidy = tidy_kind(part.text)
        if (
            tidy
            and not staff(tidy, part.source)
            and not any(tidy.lower() == r.text.lower() for r in kinds)
        ):
            kinds.append(part.model_copy(update={"text": tidy}))
    for read in customers_in(text):  # named as the ones doing something, or inside a noun
        low = read.text.lower()
        if any(low in r.text.lower() for r in kinds):
            continue
        wider = [
            n for n, r in enumerate(kinds) if re.search(rf"\b{re.escape(r.text.lower())}$", low)
        ]
        if wider:  # "first-time donors" says more than "donors"
            kinds[wider[0]] = read
        else:
            kinds.append(read)
    if not kinds:  # "lunch boxes delivered to offices and PG hostels": where it goes says
        for match in _DELIVERED_TO.finditer(text):  # who buys, when no one else is named
            kinds += [
                Read(text=kind, source=match.group(0), confidence=0.5)
                for kind in kinds_listed(match.group("list"))
                if not any(kind.lower() == r.text.lower() for r in kinds)
            ]
    if len(kinds) < 2:  # named anywhere else: "we desperately need new learners"
        kinds += swept(text, [r.text for r in kinds])[: 2 - len(kinds)]
    whole = described(text)  # "our patients are mostly nervous adults ... and parents"
    kept = [
        r
        for r in kinds
        if r.text.lower() not in whole
        and not re.search(rf"\bfor\s+their\s+{re.escape(r.text)}$", r.source, re.I)
    ]  # nor "their kids" of "parents booking for their kids": the parents' own people
    return [r for r in (kept or kinds) if _a_kind_at_all(r.text) and not staff(r.text, r.source)][
        :5
    ]  # (not "about 25 cleaners" of a cleaning firm: its own people, however they were found)


_NO_KIND_LEAD = re.compile(
    r"^(?:(?:because|cos|coz|since|when|if|so|as|one|two|three|four|five|six|seven|eight|nine|"
    r"ten|\d+)\s+)+",
    re.IGNORECASE,
)


def _a_kind_at_all(text: str) -> bool:
    """Whether an audience reading names some kind of people: not "Folks", "because clients"
    (a cause word before anyone), "five new customers" (a count of anyone) or "many scammers"
    (people who wrong the business)."""
    rest = _NO_KIND_LEAD.sub("", text).lower().split()
    rest = rest[1:] if rest[:1] == ["new"] else rest
    if rest[:1] == ["time"] and len(rest) > 1:  # "half the time tech comes late": when, not who
        return False
    if _WRONGDOERS.search(text):  # "too many scammers": no customers at all
        return False
    return bool(rest) and " ".join(rest) not in _ANYONE_AT_ALL


_ANYONE_AT_ALL = {"folks", "folk", "customers", "clients", "users", "people", "ppl", "someone",
                  "everyone", "others", "customer", "client", "user", "person"}  # fmt: skip


_DELIVERED_TO = re.compile(
    rf"\b(?:{'|'.join(SENT_VERBS)})\s+to\s+(?P<list>[^.;:!?()]+)", re.IGNORECASE
)


def served_in_trouble(text: str, problems: list[Problem], goals: list[Goal]) -> bool:
    """Whether a charity's stated trouble is with the people it serves ("donors fund our bike
    lessons for refugees; 30% miss the pick-up appointment"): then the journey, the pack and
    the personas are theirs, not the donors'."""
    return (
        bool(problems or goals)
        and not any(_GIVING.search(p.text) for p in [*problems, *goals])
        and not recruits(text)
    )


def _sector_by_customers(sector: Read, audience: list[Read], roles: list[Role]) -> Read:
    """A business whose customers are organisations ("warehouses and construction sites",
    "law firms and print shops") sells B2B, when the brief's words said nothing surer; the
    clinics that refer dog owners to a wheelchair maker buy nothing."""
    if sector.text != "b2c" or sector.source:
        return sector
    orgs = _org_words()
    refer = {r.text for r in roles if r.part == REFERS.role}
    firms = [
        a.text
        for a in audience
        if any(h.end() == len(a.text) for h in orgs.finditer(a.text)) and a.text not in refer
    ]
    if firms and not any(_CONSUMERS.search(a.text) for a in audience):  # not "families and
        # schools" (a food bank's referrers), but "landscapers and building firms"
        return Read(text="b2b", source=", ".join(firms), confidence=0.6)
    return sector


_CONSUMERS = re.compile(
    r"\b(?:families|parents|mums|dads|kids|children|students|patients|residents|homeowners|"
    r"couples|tourists|travell?ers|guests|visitors|members|donors|volunteers|pensioners|"
    r"retirees|teenagers|teens|owners|brides|learners|beginners|renters|tenants|shoppers|"
    r"adults|people|ppl|locals|islanders|hunters|historians|adopters|households|cooks|"
    r"(?<!care )(?<!nursing )(?<!funeral )(?<!children's )homes)$",
    re.IGNORECASE,
)


@cache
def _org_words() -> Phrases:
    return Phrases(lexicon()["customer_orgs"])


def _each_kind(read: Read) -> list[Read]:
    """ "warehouses and construction sites" is two kinds of customer; "4-5 days and people" or
    "reach more families" keeps only what names customers ("families")."""
    heads = _ends_with_a_kind
    parts = [p.strip() for p in re.split(r"\s*(?:,|\band\b|&|\bor\b)\s*", read.text) if p.strip()]
    kept = []
    for part in parts:
        words = part.split()
        while len(words) > 1 and words[0].lower() in _NOT_A_KIND | {
            "reach",
            "more",
            "run",
            "by",
            "for",
            "repeat",
            "get",
        }:
            words = words[1:]
        if (
            words
            and words[0][:1].isupper()
            and not words[0].isupper()
            and read.source[:1].isupper()
            and read.source.split()[0] == words[0]
        ):
            words[0] = words[0].lower()  # "Family historians find ...": said first, not a name
        part = " ".join(words)
        owning = re.search(re.escape(part) + r"['’]", read.source)  # "kids' parties"
        if (
            heads(part)
            and not owning
            and part.lower() not in ("people", "ppl", "customers", "clients")
        ):
            kept.append(Read(text=part, source=read.source, confidence=read.confidence))
    return kept


@cache
def _kind_words() -> Phrases:
    lex = lexicon()
    return Phrases([*lex["customer_orgs"], *lex["customer_people"], *lex["people"]])


def _ends_with_a_kind(part: str) -> bool:
    """Whether a phrase ends with a kind of customer ("small building firms", "parents")."""
    return any(hit.end() == len(part) for hit in _kind_words().finditer(part))


def _tidy(phrase: str) -> str:
    words = phrase.strip(" -–—*•·").split()  # "- falconry experience days": a list's marker
    while words and words[0].lower() in _STOP | {"some", "all", "mostly", "mainly", "just"}:
        words = words[1:]
    while words and words[-1].lower() in _STOP:
        words = words[:-1]
    return " ".join(words)


# What a business does, as the object of its trade: "we resell lab equipment", "we offer paid
# pre-application advice".
_TRADE_VERB = (
    r"(?:sell|resell|make|manufacture|supply|distribute|offer|provide|teach|train|build|install|"
    r"repair|clean|deliver|organise|organize|grow|brew|bake|design|do|buy|service|fix|restore|"
    r"refurbish|print|sharpen|fit|tune|translate|host)"
)
_TRADE = re.compile(  # "we buy, repair and resell used pallets", "we do duct cleaning"
    rf"\b(?:we|i)\s+{_TRADE_VERB}"
    rf"(?:(?:,\s*|\s+and\s+|\s*&\s*)(?:{_TRADE_VERB}|hire out|rent out))*\s+"
    r"((?:[\w&'-]+\s+){0,7}?[\w&'-]+?)(?=\s+(?:to|for|in|at|across|around|from|through|via|"
    rf"online|and we|where|which|who|that|and\s+(?:also\s+)?{_TRADE_VERB})\b|\s*[,.;:!?(—–]|$)",
    re.IGNORECASE,
)
_TRADE_ROLE = re.compile(r"\b(?:funeral|musical|film|casting)\s+directors?\b", re.IGNORECASE)
_ROLE = re.compile(
    r"\b(?:team|department|marketing|digital|sales|ops|operations|manager|director|head|"
    r"lead|owner|founder|co-founder|cx|comms|communications|side|bit|chair|chairman|"
    r"chairwoman|chairperson|secretary|treasurer|coordinator|co-ordinator|trustee|organiser|"
    r"organizer|welfare officer|officer|responsible|responsable|in charge)\b",
    re.IGNORECASE,
)
# The group or place a role is of, said right after it: "coordinator of our men's shed in
# Glenorchy", "chair of our koloniförening (allotment association)"
_ROLE_OF = re.compile(
    r"\s+(?:of|for|at)\s+(?:our|my|the|a|an)\s+((?:[\w&'’-]+\s+){0,3}?[\w&'’-]+)"
    r"(?=\s*[,.;(]|\s+(?:in|near|outside|on|at|which|that|run|based|here|and|we)\b)",
    re.IGNORECASE,
)
# When a business's meeting is held, said after its name: "a milonga every Thursday"
_WHEN_HELD = re.compile(
    r"\s+(?:every|each|on)\s+(?:other\s+)?(?:day|week|month|weekend|night|morning|evening|"
    r"(?:mon|tues|wednes|thurs|fri|satur|sun)day)s?$",
    re.IGNORECASE,
)
_WHERE = re.compile(
    r"\b(?:at|for|of)\s+(?:a|an|the|our|my)\s+((?:[\w&'-]+\s+){0,4}?(?:council|library "
    r"service|library|charity|museum|trust|university|college|school|hospital|practice|"
    r"clinic|company|firm|business|bakery|cafe|café|shop|studio|agency|society|brewery|"
    r"gym|centre|center|venue|hotel|service|hall|festival|borough|county|association|club|"
    r"co-op|cooperative|farm|winery|marina|theatre|theater|hospice|church|"
    r"federation|network|partnership|trust|brigade|register|registry|escape rooms?|spa|salon|"
    r"barbershop|restaurant|pub|arcade|cinema|m[ée]diath[èe]que))\b"
    # "for a council energy team": the team of the council, named in full
    r"(?:\s+((?:[\w&'-]+\s+)?(?:team|service|scheme|programme|program|unit|department)))?\b",
    re.IGNORECASE,
)


def _where_named(where: re.Match[str]) -> str:
    """The organisation a role is held at, with its team when one is named ("council energy
    team")."""
    return _tidy(" ".join(g for g in where.groups() if g))


_VERB_INSIDE = re.compile(
    r"\b(?:sign|signs|buy|buys|book|books|order|orders|find|finds|want|wants|need|needs|get|"
    r"gets|go|goes|come|comes|use|uses|pay|pays)\b",
    re.IGNORECASE,
)
_META = re.compile(r"\b(?:journey|map|maps|persona|personas|cjm|blueprint)\b", re.IGNORECASE)


def _business(text: str) -> Read | None:
    found = _business_phrase(text)
    if found is not None and _META.search(found.text):
        return None  # "Journey map for our new app": the request, not the business
    return found


def _business_phrase(text: str) -> Read | None:
    found = _business_said(text)
    if found is not None and _not_a_business(found.text):
        return None
    if found is not None:  # "an event hire company just outside Oranmore": no "just"; "a
        # master thatcher working with water reed": no "working"
        found.text = re.sub(
            r"(?:\s+(?:just|right|only|also|too|working|operating|serving|covering|trading|"
            r"living|located|situated))+$",
            "",
            found.text,
            flags=re.I,
        )
    if found is not None:  # "Were a junior soccer club" (the subject said without a pause)
        found.text = re.sub(r"^(?:were|we're|we are|i'm|im)\s+(?:a|an|the)\s+", "", found.text,
                            flags=re.IGNORECASE)  # fmt: skip
    if found is not None:  # "Family-run florist", "Independent audiology clinic": who runs
        bare = _RUN_BY_WHOM.sub("", found.text)  # it is no part of what it is called
        found.text = bare if bare.strip() else found.text
    return found


_RUN_BY_WHOM = re.compile(
    r"^(?:(?:family|volunteer|community|locally|independently|owner|women|woman|member|"
    r"employee|worker|parent|church|student)[- ](?:run|owned|led)|independent)\s+(?=\w)",
    re.IGNORECASE,
)


_GROUP_OF = re.compile(
    r"^(?:(?:a|an|the)\s+)?(?:(?:small|tiny|little|close-knit|friendly)\s+)?(?:team|group|family|"
    r"bunch|couple|collective|handful|network)\s+of\s+(?=\w)",
    re.IGNORECASE,
)


def _not_a_business(phrase: str) -> bool:
    """A platform ("my Google Business Profile"), a clause ("footfall is ok but service") or
    no kind of business at all ("community rowing thing")."""
    return bool(
        _all_platforms().search(phrase)
        or re.search(r"\s(?:is|are|was|were|but|ok)\b", phrase, re.IGNORECASE)
        or re.search(r"\b(?:thing|things|stuff)$", phrase, re.IGNORECASE)  # "rowing thing"
        or re.search(r"\bonly one\b|\banswering\b|\bin charge of\b", phrase, re.IGNORECASE)
    )


def _says_what_it_is(text: str, match: re.Match[str]) -> bool:
    """Whether a "we are ..." says what the business is: with "a", "an" or "the" before it,
    or else ending in a business noun ("we are small fountain pen repair shop", not "we're
    overflowing again"); "we have a stand" only in the first sentence (after it, a stand at a
    conference is something the business has)."""
    lead = text[match.start() : match.start(1)]
    if re.match(r"[\s-]+based\b", text[match.end(1) :], re.I) and match.group(1)[:1].isupper():
        return False  # "We are a Bengaluru based company doing …": where, not what
    later = match.start() > len(sentences(text)[0])
    if re.match(r"(?:we|i)\s+have\b|it'?s\b|this is\b", lead, re.I) and later:
        return False  # "it's a mad scramble" after the first sentence says how things go
    if re.search(r"(?:^|\s)(?:a|an|the|\d+|two|three|four|five|six)\s+$", lead, re.I):
        return True
    words = match.group(1).lower().split()
    if re.fullmatch(  # "we're still chasing them the night before the service", "we're
        r"still|always|just|now|currently|really|so|too|not|never|also|constantly|forever",
        words[0],  # getting more calls": how things go, not what the business is (but "we
    ) or (  # are wedding card printers")
        words[0].endswith("ing")
        and re.fullmatch(
            r"them|it|the|a|an|our|their|people|us|up|out|late|behind|on|to|for|more|less|"
            r"loads|lots|busier|ready",
            words[1] if len(words) > 1 else "it",
        )
    ):
        return False
    last = match.group(1).split()[-1]
    if re.match(r"i(?:'m|\s+am|m)\s+$", lead, re.I) and _PERSON_TRADE.fullmatch(last):
        return True  # "I am piano tuner and technician": the article left out
    return bool(_BUSINESS_NOUN.fullmatch(last)) or last.lower() in lexicon()["generic_heads"]


# Someone by their trade ("tuner", "technician", "florist", "locksmith"), not a state
_PERSON_TRADE = re.compile(
    r"(?!(?:never|ever|other|rather|together|after|later|under|over|either|neither|whether|"
    r"sorry|clever|bitter|better|sober|proper|major|minor|senior|junior|regular|popular|"
    r"familiar|similar|sure|poor|mentor)$)[a-z]{3,}(?:er|or|ist|ian|smith|wright|maker)",
    re.IGNORECASE,
)


def names_a_business(phrase: str) -> bool:
    """Whether a phrase ends with a word for a kind of business or place ("family homestay",
    "hospice", "coaching institute"), so it is a name, not only the goods sold."""
    return bool(_BUSINESS_NOUN.fullmatch(phrase.strip()))


def _business_said(text: str) -> Read | None:
    found = _business_told(text)
    if found is not None and re.fullmatch(  # "Our little firm in Truro services septic tanks":
        r"(?:(?:small|little|tiny|family|local)\s+)*(?:firm|company|business|outfit|team|unit|crew)",
        found.text,
        re.IGNORECASE,
    ):  # what it does says more than "little firm"
        return _business_done(text) or found
    return found


def _of_the_role(text: str, match: re.Match[str]) -> Read | None:
    """The group or place a speaker's role is of, said right after it: "I'm coordinator of our
    men's shed in Glenorchy" -> "men's shed"; None when the speaker names no role."""
    head = re.split(r"\s+(?:of|for|at)\s+", match.group(1), maxsplit=1)[0]
    if not _ROLE.search(head) or _TRADE_ROLE.search(head) or len(head.split()) > 3:
        return None
    whose = _ROLE_OF.match(text, match.start(1) + len(head))
    if whose is None or _not_a_business(whose.group(1)) or _ROLE.search(whose.group(1)):
        return None
    named = _glossed(Read(text=_tidy(whose.group(1)), source=whose.group(0)), text)
    return named.model_copy(update={"source": text[match.start() : whose.end()].strip()})


# People who run a place or a group for others, said as who the speaker is: "the volunteer
# committee that runs Little Hadham village hall", "the trustees who look after the museum"
_RUNNERS = re.compile(
    r"(?:(?:part|one|members?)\s+of\s+(?:the|our|a)\s+)?(?:[\w'-]+\s+){0,2}(?:(?:team|group|bunch|handful)\s+of\s+(?:[\w'-]+\s+)?)?(?:committee|"
    r"trustees|board|volunteers|team|family|friends|group|collective|crew|couple|partners)",
    re.IGNORECASE,
)
_THAT_RUNS = re.compile(
    r"\s+(?:that|who|which)\s+(?:runs?|manages?|operates?|looks?\s+after|keeps?|"
    r"(?:has|have)\s+run)\s+(?:the\s+|our\s+|a\s+)?((?:[\w&'’-]+\s+){0,4}?[\w&'’-]+)"
    r"(?=\s*[,.;(]|\s+(?:in|near|on|at|which|that|and|for|since)\b|$)",
    re.IGNORECASE,
)


# What lets people into a place, not what they come for
_ACCESS_TOKEN = re.compile(
    r"(?:the\s+)?(?:keys?|fobs?|key\s*cards?|access\s+cards?|badges?)", re.IGNORECASE
)
_RUN_BY = re.compile(r"\b(?:runs?|look(?:s|ing)?\s+after)\b", re.IGNORECASE)


def _run_by_them(text: str, match: re.Match[str]) -> Read | None:
    """What a group the speaker belongs to runs: "We're the volunteer committee that runs
    Little Hadham village hall" -> "Little Hadham village hall"; None otherwise."""
    if not _RUNNERS.fullmatch(match.group(1).strip()):
        return None
    runs = _THAT_RUNS.match(text, match.end(1))
    if runs is None or _not_a_business(runs.group(1)):
        return None
    named = _glossed(Read(text=_tidy(runs.group(1)), source=runs.group(0)), text)
    return named.model_copy(update={"source": text[match.start() : runs.end()].strip()})


def _business_told(text: str) -> Read | None:
    first_end = len(sentences(text)[0]) if sentences(text) else 0
    for told in _BUSINESS.finditer(text):
        role_of = _of_the_role(text, told) if told.start() < first_end else None
        role_of = role_of or (_run_by_them(text, told) if told.start() < first_end else None)
        if role_of is not None:  # (in the first sentence: who the speaker is)
            return role_of
    match = next((m for m in _BUSINESS.finditer(text) if _says_what_it_is(text, m)), None)
    if match:
        # "a small team of professional genealogists": the genealogists are the business
        phrase = _GROUP_OF.sub("", _tidy(match.group(1)))
        if phrase and _ROLE.search(phrase) and not _TRADE_ROLE.search(phrase):
            # "I run the digital team at a city council" (but a funeral director is a trade)
            where = _WHERE.search(text)
            if where:
                return Read(text=_where_named(where), source=where.group(0), confidence=0.7)
        elif phrase and phrase.lower() not in lexicon()["not_offering"]:
            # "I run a milonga every Thursday": the milonga
            return Read(text=_WHEN_HELD.sub("", phrase) or phrase, source=match.group(0),
                        confidence=0.8)  # fmt: skip
    first_sentence = sentences(text)[0] if sentences(text) else ""
    opening = _BUSINESS_NOUN.match(first_sentence.strip())  # (before a place said later in
    # the sentence: "Volunteer-run seed library in West Asheville, we keep a cabinet … in the
    # basement of the community center")
    if (  # "Borehole drilling company in Pretoria East, we do siting, drilling, …"
        opening
        and re.match(
            r"\s*,|\s+(?:in|near|based|from|out of|on)\b", first_sentence.strip()[opening.end() :]
        )  # fmt: skip
        and not _not_a_business(opening.group(1))
    ):
        return Read(text=_tidy(opening.group(1)), source=opening.group(0), confidence=0.6)
    where = _WHERE.search(first_sentence)  # "I coordinate volunteers for a 4-day folk festival"
    if where:
        return Read(text=_where_named(where), source=where.group(0), confidence=0.6)
    trade = _TRADE.search(first_sentence)  # "We resell lab equipment and consumables"
    if (
        trade
        and _plausible_offer(trade.group(1))
        and trade.group(1).lower() not in lexicon()["not_offering"]  # "we sell stuff online"
    ):
        subject = _taught(trade.group(0), _tidy(trade.group(1)))
        return Read(text=subject, source=trade.group(0), confidence=0.6)
    said = sentences(text)
    found = _BUSINESS_NOUN.search(said[0].strip()) if said else None
    if found and not _not_a_business(found.group(1)):
        return Read(text=_tidy(found.group(1)), source=found.group(0), confidence=0.6)
    late = _business_named_late(text)
    if late is not None or any(o.confidence >= 0.6 for o in _offering(text, None, [])):
        return late  # what is sold says it ("We hire out six narrowboats": narrowboats)
    return _business_done(text)


# Who speaks for the business at the start of a brief: "we", "I", "myself and my brother",
# "our county", "our fire department in Cedar Rapids"
_WE_DO = re.compile(
    r"^(?i:(?:hi|hello|hey|so|well|ok|okay)\b[,!]?\s+)*"
    r"(?P<who>(?i:we|i|(?:myself|me)\s+and\s+(?:my|our)\s+\w+|(?:our|my)\s+(?:[\w-]+\s+){0,3}?"
    r"(?:department|county|council|city|town|team|company|firm|shop|library|service|charity|"
    r"trust|club|business|family|brother|sister|partner|wife|husband|crew|outfit|unit))"
    r"(?:\s+in(?:\s+[A-Z][\w'-]*){1,3})?)\s+"
    r"(?:(?:also|mainly|mostly|just|basically|now|both|all)\s+)?"
    r"(?P<verb>[a-z]{3,})(?:\s+(?:and|&)\s+(?P<verb2>[a-z]{3,}))?(?:\s+out\b)?\s+"
    r"(?P<what>(?:[\w&'/+-]+\s+){0,6}?[\w&'/+-]+?)"
    r"(?=\s+(?:to|for|in|at|across|around|from|through|via|online|above|into|onto|on|over|"
    r"out of|outside|near|with|but|because|so|when|where|which|who|that|plus|"
    r"and\s+(?:we|i|also|then|our|my|does|do|looks?|offers?|runs?|takes?|gives?|helps?))\b(?![-'])"
    r"|\s+[-–—]\s|\s*[,.;:!?(]|$)",
)
# Verbs after "we" that say nothing of what is sold ("we want", "we lose", "we're")
_NOT_DOING = {
    "want", "wants", "need", "needs", "have", "has", "had", "are", "were", "was", "lose",
    "lost", "get", "gets", "got", "think", "know", "struggle", "can", "could", "would", "will",
    "should", "really", "started", "start", "began", "keep", "love", "try", "tried", "hope",
    "feel", "see", "hear", "use", "used", "currently", "don't", "dont", "did", "just", "also",
    "always", "never", "only", "still", "recently", "usually", "often", "noticed", "found",
    "saw", "set", "moved", "opened", "launched", "took", "came", "went", "make", "made",
}  # fmt: skip
# Verbs whose object is what is sold ("we run an on-demand minibus"); for any other verb the
# doing is ("we restring rackets": restringing rackets)
_SELLING = {
    "run", "sell", "hire", "rent", "put", "supply", "offer", "provide", "build", "brew", "bake",
    "grow", "print", "stock", "import", "export", "breed", "sew", "knit", "roast", "host",
    "fly", "operate", "manage", "publish", "produce", "craft", "design", "create",
}  # fmt: skip


# Verbs of a role in what the business is ("I chair a neighbourhood watch", "I coordinate a
# food bank"): their object is the business, not what it sells
_LEADING = {"chair", "chairs", "lead", "leads", "coordinate", "coordinates", "captain",
            "captains", "convene", "convenes"}  # fmt: skip


# Who is writing, by their role at the business: "I'm the CX lead at a pet crematorium near
# Harrogate", "I work for a regional bus company"
_ROLE_AT = re.compile(
    r"^(?:(?:hi|hello|hey)\b[,!]?\s*)?(?:i'?m|i\s+am|i\s+work\s+as)\s+(?:the|a|an)\s+"
    r"(?:[\w/&-]+\s+){0,3}?(?:lead|manager|head|director|owner|founder|officer|co-?ordinator|"
    r"marketer|administrator|admin|secretary|receptionist|partner|consultant|analyst|specialist|"
    r"executive|exec|supervisor|chair|treasurer)\s+(?:at|for|with|of|in)\s+"
    r"(?P<org>(?:a|an|the|our|my)\s+[\w'&-]+(?:\s+[\w'&-]+){0,3}?)"
    r"(?=\s+(?:in|near|on|across|around|based|outside|serving|covering)\b|\s*[,.;(]|$)"
    r"|^(?:(?:hi|hello|hey)\b[,!]?\s*)?i\s+work\s+(?:at|for|in)\s+"
    r"(?P<place>(?:a|an|the|our)\s+[\w'&-]+(?:\s+[\w'&-]+){0,3}?)"
    r"(?=\s+(?:in|near|on|across|around|based|outside|serving|covering)\b|\s*[,.;(]|$)",
    re.IGNORECASE,
)


def _business_done(text: str) -> Read | None:
    """What the business is when it says only what it does, in its first clause: "We fly
    tandem paragliding above Bovec" (tandem paragliding), "i restring tennis and badminton
    rackets" (restringing tennis and badminton rackets), "Our county runs an on-demand
    minibus" (on-demand minibus), "Myself and my brother built a sauna ... and we hire it out"
    reads nothing (what is hired is "it")."""
    first = sentences(text)[0] if sentences(text) else ""
    role = _ROLE_AT.match(first.strip())
    if role is not None:  # "I'm the CX lead at a pet crematorium": the crematorium
        org = re.sub(r"^(?:a|an|the|our|my)\s+", "", role["org"] or role["place"], flags=re.I)
        return Read(text=org, source=role.group(0), confidence=0.6)
    match = _WE_DO.match(first.strip())
    if match is None:
        return None
    verb, what = match.group("verb").lower(), _tidy(match.group("what"))
    what = re.sub(  # "We hire out six narrowboats": narrowboats
        r"^(?:two|three|four|five|six|seven|eight|nine|ten|twelve|a few|several|\d+)\s+(?=\w)",
        "",
        what,
        flags=re.IGNORECASE,
    )
    rest = first[match.end() :]
    if re.search(r"(?<!e)ed$|^(?:built|made|bought)$", verb):  # "built a sauna ... and we hire
        if not re.search(r"\b(?:hire|rent|sell|lend)\s+(?:it|them)\b", rest, re.I):  # it out"
            return None
        verb = "hire"
    place = re.match(
        r"(?:in|at|for)\s+(?:the|a|an|our|my)\s+(?P<org>[\w'&-]+(?:\s+[\w'&-]+){0,3})$",
        match.group("what"),
        re.I,
    )
    if place and verb not in _NOT_DOING:  # "I help out in the parish office": the office
        return Read(text=place["org"], source=match.group(0), confidence=0.6)
    skip = set(lexicon()["not_offering"])
    if verb in _NOT_DOING or not what or not _plausible_offer(what) or what.lower() in skip:
        return None  # "we sell a few bits online": nothing said of what
    if re.match(r"(?:it|them|this|that|there|here|out|up|back|a lot|lots)\b", what, re.I):
        return None
    if verb in _LEADING:  # "I chair a neighbourhood watch": the watch is the business
        at = re.match(  # "I coordinate volunteers at a food shelf in St. Paul": the food shelf
            r"\s+(?:at|for|with)\s+(?:(?:a|an|the|our|my)\s+)?(?P<org>[\w'&-]+(?:\s+[\w'&-]+){0,3}?)"
            r"(?=\s+(?:in|on|near|across|around|based)\b|\s*[,.;(]|$)",
            rest,
        )
        if at and re.fullmatch(r"(?:the\s+|our\s+)?(?:volunteers?|staff|team|members|people)", what,
                               re.I):  # fmt: skip
            return Read(text=at.group("org"), source=match.group(0) + at.group(0), confidence=0.6)
        return Read(text=what, source=match.group(0), confidence=0.6)
    said = [verb, *([match.group("verb2").lower()] if match.group("verb2") else [])]
    who = match.group("who").lower()
    if who not in ("we", "i") and not re.match(r"(?:myself|me)\b", who):  # "our unit prints"
        said = [re.sub(r"(sh|ch|ss|x|z)es$|s$", r"\1", v) for v in said]
    more = re.match(rf"(?P<one>.+?)\s+and\s+(?P<verb>{_TRADE_VERB}|shoot|film|edit|cut|wash)\s+"
                    r"(?P<two>.+)$", what, re.I)  # fmt: skip
    if more is not None:  # "We fly drones and shoot ground footage": two things done
        one, two = more["one"], f"{gerund(more['verb'].lower())} {more['two']}"
        return Read(
            text=f"{gerund(said[0])} {one} and {two}", source=match.group(0), confidence=0.6
        )
    if said[0] in _SELLING or what.split()[-1].lower().endswith("ing"):
        return Read(text=what, source=match.group(0), confidence=0.6)
    doing = " and ".join(gerund(v) for v in said)
    return Read(text=f"{doing} {what}", source=match.group(0), confidence=0.6)


def _business_named_late(text: str) -> Read | None:
    """What the business is when the first sentence names no business noun: a product of
    "our" or "my", the first sentence's opening words when they are a name without a verb
    ("City of Tulsa bike share, around 60 docks"), or a business noun in the second sentence
    (which comes last: "Downloads of the app are great" is about the app, not what it is)."""
    product = re.search(
        r"\b(?:our|my)\s+((?:[\w&'-]+\s+){0,3}?(?:tool|app|platform|software|product|"
        r"service|brand|range|studio|shop|store|business|company|practice|clinic|agency))\b",
        text,
        re.IGNORECASE,
    )
    if product:  # "the free plan of our design-feedback tool"
        return Read(text=_tidy(product.group(1)), source=product.group(0), confidence=0.5)
    first = clauses(sentences(text)[0])[0] if sentences(text) else ""
    if first and not re.match(
        r"^(?:we|i|our|my|they|it|this|hi|hello|hey|help|need|can|could|please|want|looking|"
        r"how|what|do|does|is|are)\b",
        first,
        re.IGNORECASE,
    ):  # "family-run funeral directors since 1962, 3 branches..."
        phrase = re.split(
            r"\s+(?:since|in|on|at|to|around|across|near|for|with|based|covering|from|who|that|"
            r"out\s+of|outside|along)\b|"
            r"\s*[(+]",
            first,
            maxsplit=1,
            flags=re.IGNORECASE,
        )[0]
        phrase = _tidy(phrase)
        if _COUNTRY.match(phrase) or (region_of(phrase) and len(phrase.split()) == 1):
            phrase = ""  # "uk based, i sell ...": where it is, not what it is
        if 1 <= len(phrase.split()) <= 5 and ":" not in phrase and not _VERB_INSIDE.search(phrase):
            return Read(text=phrase, source=first, confidence=0.5)
    said = sentences(text)
    found = _BUSINESS_NOUN.search(said[1].strip()) if len(said) > 1 else None
    if found and not _not_a_business(found.group(1)):
        return Read(text=_tidy(found.group(1)), source=found.group(0), confidence=0.6)
    return None


_MONTHS = r"jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec"
_DAYS = (
    r"(?:mon|tues|wednes|thurs|fri|satur|sun)days?|weekends?|weekdays?|mornings?|evenings?|"
    r"weekly|fortnightly|monthly|daily"
)
# What a customer gets, as the object of a verb of getting: "pre-order celebration cakes".
_USES = re.compile(
    r"\b(?:pre-?order|order|orders|buy|buys|borrow|borrows|hire|hires|rent|rents|book|books|"
    r"collect|collects|get|gets)\s+(?:a\s+|an\s+|the\s+|their\s+|some\s+)?"
    r"((?:[a-z][\w'-]*\s+){0,3}?[a-z][\w'-]*?)"
    r"(?=\s+(?:online|on|through|via|from|at|in|for|and then|then|by|with|every|each)\b"
    r"|[,.;:!?]|$)",
    re.IGNORECASE,
)


def _plausible_offer(phrase: str) -> bool:
    """Whether a phrase can name what a business sells: no digits, brackets or dates, and
    not a group of people ("ecommerce brands" are customers, not an offer)."""
    low = phrase.lower()
    last_word = low.split()[-1] if low.split() else ""
    counted = re.search(r"(?<![\w/])\d[\d,.]*%?(?![\w/])", phrase)  # "30 a week"; not "90s", "y2k"
    if (
        counted
        or re.search(r"[()\[\]:;]", phrase)
        or re.fullmatch(rf"(?:{_MONTHS}|{_DAYS})", last_word)
    ):
        return False  # "we deliver Thursdays", "weekly": when, not what (a weekly lottery is)
    if re.search(r"\b(?:we|we're|i|i'm|they|us|our|my|your|their)\b", low):
        return False
    if re.match(r"(?:after|before|during|until|till|when|by)\b", low):
        return False  # "they can't get in after work": when, not what is sold
    if len(low.split()) == 1 and _VERBISH.fullmatch(low):
        return False  # "subscribe", "book": a thing people do, not what is sold
    last = low.split()[-1] if low.split() else ""
    if last in _NOT_GOODS:
        return False  # "for last minute", "fees", "the week": when or what it costs, not what
    return last not in {p.lower() for p in lexicon()["people"]} and last not in {
        "brands", "clients", "customers", "home", "homes", "town", "city", "area", "online",
    }  # fmt: skip


# Words that end a phrase about when or what it costs, never what is sold
_NOT_GOODS = {"minute", "minutes", "hour", "hours", "day", "days", "week", "weeks", "weekend",
              "weekends", "month", "months", "year", "years", "time", "fee", "fees", "price",
              "prices", "money", "cash", "payment", "payments", "commission", "worth",
              "less", "more", "lot", "lots", "everything", "anything", "something",
              # "I do nights", "we sell direct": when or how, not what
              "nights", "evenings", "mornings", "afternoons", "direct", "online", "locally",
              "shift", "shifts",  # "do a shift": a volunteer's time, nothing sold
              "abroad", "overseas", "wholesale", "retail",
              # "I do a couple of garden centres at weekends": where it is sold, not what
              "centres", "centers", "markets", "fairs", "shows", "halls", "venues",
              "villages", "towns", "branches", "locations"}  # fmt: skip


def _taught(said: str, subject: str) -> str:
    """What is sold when a business teaches a subject: "we teach French" sells French classes."""
    if re.search(r"\b(?:teach|teaches|train|trains)\b", said, re.I) and not re.search(
        r"\b(?:class|classes|course|courses|lessons?)\b", subject, re.I
    ):
        return f"{subject} classes"
    return subject


def _people_words(text: str) -> list[str]:
    """The customers a brief names after 'to' or 'for' ("linen hire to hotels, B&Bs")."""
    return re.findall(
        r"\b(?:to|for)\s+((?:[a-z&]+\s+){0,2}?(?:hotels|restaurants|schools|businesses|"
        r"companies|councils|charities|clinics|retailers|offices|farms|landlords|builders|"
        r"housebuilders|contractors|venues))\b",
        text,
        re.IGNORECASE,
    )


# Whoever does the verb before it, when it is not the business: "it's not making a dent",
# "another institute which is offering 2000 rupees less", "competitors sell"
_SOMEONE_ELSE_DOES = re.compile(
    r"(?:\bnot|n'?t|\bwhich\s+(?:is|are)|\bwho\s+(?:is|are)|\bthey'?(?:re)?|\bthey\s+are|"
    r"\bcompetitors?|\brivals?|\bothers?|\bhe|\bshe|\bpeople|\bcustomers)\s+(?:\w+\s+)?$",
    re.IGNORECASE,
)
# Work done on what the customer has, and its name as a service ("We pump and inspect septic
# tanks": septic tank pumping)
_WORK_NOUN = {"calibrate": "calibration", "service": "servicing", "clean": "cleaning",
                 "pump": "pumping", "inspect": "inspection", "tune": "tuning",
                 "sharpen": "sharpening", "survey": "surveys", "test": "testing",
                 "weld": "welding", "upholster": "upholstery", "refurbish": "refurbishment",
                 "recondition": "reconditioning", "engrave": "engraving", "frame": "framing",
                 "paint": "painting", "restring": "restringing", "restore": "restoration",
                 "repair": "repair", "resole": "resoling", "reupholster": "reupholstery",
                 "alter": "alterations", "polish": "polishing"}  # fmt: skip
# "we print custom labels", "We pump and inspect septic tanks", "we calibrate and service lab
# equipment": a trade said by what the business does ("craft breweries" are customers: "craft"
# is a trade only after its maker)
_WORK_VERB = (
    r"(?:run|guide|grow|lead|organise|organize|print|craft|fabricate|" + "|".join(_WORK_NOUN) + r")"
)


_DOING_OFFER = re.compile(
    r"(?:collect|pick|send|drop|bring|post|order|book|pay|get|fill|sign)\s+(?:the|a|an|it|them|"
    r"their|your|our|back|up|in|off|out)\b",
    re.IGNORECASE,
)


# A business named for what it makes or does to things: "wedding card printers", "ski and
# snowboard tune shop"
_MAKERS_NAMED = re.compile(
    r"^(?:(?:small|little|local|family|independent)\s+)*(?P<what>[\w-]+(?:\s+(?:and\s+)?[\w-]+){0,3}?)"
    r"\s+(?P<trade>printers?|makers?|framers?|roasters?|weavers?|potters?"
    r"|(?P<work>tune|tuning|repair|service|servicing)\s+(?:shop|workshop|studio|centre|center))$",
    re.IGNORECASE,
)


def _named_offer(business: str) -> str | None:
    """What a business named for its trade offers, when nothing else says: "wedding card
    printers" -> "wedding cards", "ski and snowboard tune shop" -> "ski and snowboard
    tuning"."""
    found = _MAKERS_NAMED.match(business.strip())
    if found is None:
        return None
    what = found["what"]
    if found["work"]:
        work = found["work"].lower()
        done = "tuning" if work.startswith("tun") else "repair" if work == "repair" else "servicing"
        return f"{what} {done}"
    last = what.split()[-1]
    return what if last.lower().endswith("s") else f"{what}s"


def _as_a_service(said: str, goods: str) -> str:
    """What a business that works on its customers' things sells: "We pump and inspect septic
    tanks" -> "septic tank pumping"; goods made or sold stay as they are."""
    verb = re.match(rf"(?:we|i)\s+(?:also\s+|mainly\s+|mostly\s+)?({_WORK_VERB})\b", said, re.I)
    if verb is None or verb.group(1).lower() not in _WORK_NOUN or not goods:
        return goods
    words = goods.split()
    last = words[-1]
    if len(words) <= 3 and last.lower().endswith("s") and not last.lower().endswith("ss"):
        words[-1] = singular(last)  # "septic tanks" -> "septic tank", "watches" -> "watch"
    return f"{' '.join(words)} {_WORK_NOUN[verb.group(1).lower()]}"


# A trade said only with the business as its subject: "I run guided food walks", "I guide
# float trips", "we grow microgreens"
_WE_OFFER = re.compile(
    rf"\b(?:we|i)\s+(?:also\s+|mainly\s+|mostly\s+)?(?:{_WORK_VERB}\s+(?:and|&)\s+)?{_WORK_VERB}\s+"
    r"(?!(?:everything|it|things|them|late|out|the\s+show|a\s|an\s|the\s|our\s|my\s)\b)"
    r"((?:[\w&'/+-]+\s+){0,7}?[\w&'/+-]+?)"
    r"(?=\s+(?:to|for|through|via|on|online|in|at|from|with|across|out of|outside|near|around|"
    r"based|by|but|because|so|when|where|mainly|mostly|plus)\b|\s+[-–—]\s|\s*[,.;:!?(]|$)",
    re.IGNORECASE,
)


# "We are into event decor and rentals", "we issue the PWD ID": what the business does
_WE_ARE_INTO = re.compile(
    r"\b(?:(?:we|i)(?:'re|'m|’re|’m|\s+are|\s+am)\s+(?:mainly\s+|mostly\s+)?into|"
    r"(?:we|i)\s+(?:issue|issues)\s+(?:the\s+|a\s+|an\s+)?)\s*"
    r"((?:[\w&'/+-]+\s+){0,5}?[\w&'/+-]+?)"
    r"(?=\s+(?:to|for|in|at|across|around|from|which|that|who)\b|\s*[,.;:!?(]|$)",
    re.IGNORECASE,
)


# Words for kinds of people an offer never ends with (the customers named in a list)
_PEOPLE_ENDS = {"makers", "students", "owners", "parents", "families", "customers", "clients",
                "members", "people", "folk", "folks", "users", "buyers", "retirees", "couples",
                "kids", "children", "adults", "teachers", "managers", "hobbyists"}  # fmt: skip


_FOR_A = re.compile(
    r"^(?:apply|register|sign up|enrol|enroll|order|pre-order|preorder|book|buy|hire|rent|"
    r"reserve|subscribe)\s+(?:for\s+|to\s+)?(?:a|an|the|their|your)\s+(?P<thing>.+)$",
    re.IGNORECASE,
)


def _applied_for(conversions: list[Read]) -> list[Read]:
    """What the commitment is for, when nothing else says what is offered: "parents must apply
    for a childcare voucher with us" -> a childcare voucher."""
    for conversion in conversions:
        found = _FOR_A.match(conversion.text)
        thing = _tidy(found.group("thing")) if found else ""
        if thing and _plausible_offer(thing) and not _a_step(thing):
            return [Read(text=thing, source=conversion.source or conversion.text, confidence=0.6)]
    return []


# Things named whole without a plural ("hive gear and live nucs": the gear is no kind of nuc)
_MASS = {"gear", "kit", "equipment", "clothing", "wear", "ware", "food", "feed", "furniture",
         "software", "hardware", "jewellery", "jewelry", "stock", "produce", "bread", "honey",
         "cheese", "coffee", "tea", "wine", "beer", "fabric", "timber", "firewood", "turf", "ice",
         "fuel", "oil", "paint", "milk", "meat", "fish"}  # fmt: skip
# Whose a thing is, said before the thing ("baby and toddler gear", "men's and women's cuts")
_WHOSE = {"baby", "babies", "toddler", "kids", "kid", "children", "child", "men", "men's", "mens",
          "women", "women's", "womens", "adult", "adults", "junior", "senior", "teen", "girls",
          "boys", "puppy", "dog", "cat", "horse", "pet"}  # fmt: skip
_WANTED_MORE = re.compile(r"(?:better|more|fewer|higher|lower|faster|quicker)\s", re.IGNORECASE)


_TIME_BEFORE = re.compile(r"\b(?:after|before|during|since|until|till|post)\s+$", re.I)


# Who does the work, and the work they offer: "a chimney sweep" offers chimney sweeping, "a
# kitchen fitter" kitchen fitting, "a residential solar installer" solar installation
_WORK_OF = {
    "sweep": "sweeping", "sweeper": "sweeping", "fitter": "fitting", "fitters": "fitting",
    "tuner": "tuning", "installer": "installation", "installers": "installation",
    "groomer": "grooming", "plumber": "plumbing", "roofer": "roofing", "painter": "painting",
    "decorator": "decorating", "gardener": "gardening", "photographer": "photography",
    "tutor": "tutoring", "driller": "drilling", "upholsterer": "upholstery", "framer": "framing",
    "glazier": "glazing", "tiler": "tiling", "plasterer": "plastering", "landscaper": "landscaping",
    "joiner": "joinery", "repairer": "repairs", "translator": "translation",
    "forwarder": "forwarding", "shearer": "shearing", "shearers": "shearing",
}  # fmt: skip


def _work_of(said: str) -> str:
    """The work an offering names by who does it ("piano tuner/technician" -> "piano tuning"),
    or the offering as it is."""
    first = _OWNED.sub("", re.split(r"\s*/\s*", said.strip())[0])  # "one-woman upholsterer"
    words = first.split()
    if len(words) == 1 and words[0].lower() in _WORK_OF and first != said.strip():
        return _WORK_OF[words[0].lower()]  # "one-woman upholsterer": upholstery
    if len(words) < 2 or words[-1].lower() not in _WORK_OF:
        return said  # "a plumber" alone says no more as "plumbing"
    lead = [
        w
        for w in words[:-1]
        if w.lower() not in ("residential", "commercial", "local", "independent", "mobile", "small")
    ]
    return " ".join([*lead, _WORK_OF[words[-1].lower()]]) if lead else said


def _offering(text: str, business: Read | None, conversions: list[Read]) -> list[Read]:
    out: list[Read] = []
    skip = set(lexicon()["not_offering"])
    masked = _mask_platforms(text)  # "the Buy Nothing groups": a platform, nothing bought
    said = [
        m
        for m in _OFFER.finditer(text)
        if not _SOMEONE_ELSE_DOES.search(text[: m.start()])
        and "_" not in masked[m.start() : m.start(1) + 1]
    ]  # "it's not making a dent", "the institute which is offering 2000 rupees less"
    said += list(_WE_OFFER.finditer(text))  # "I run guided food walks", "I guide float trips"
    said += list(_WE_ARE_INTO.finditer(text))  # "We are into event decor and rentals in Ibadan"
    for match in sorted(said, key=lambda m: m.start()):
        if re.match(r"(?:do|does)\b", match.group(0), re.I) and re.match(
            r"[^.;]{0,60}?\b(?:too|as well)\b", text[match.end() :], re.I
        ):
            continue  # "I do goats, alpacas and donkeys too": whom else, not what is sold
        if re.match(
            r"(?:do|does|doing|make|making|deliver|delivering)\b", match.group(0), re.I
        ) and (_ABSORBED.search(text[max(0, match.start() - 30) : match.start()])):
            continue  # "we end up doing a second trip for free": what goes wrong, not the trade
        if re.match(r"(?:we|you|they|i|he|she)\b", match.group(1), re.I):
            continue  # "how do we fix this": a question, no offering
        if re.match(r"(?:do|does|doing)\b", match.group(0), re.I) and (
            _tidy(match.group(1)).lower() in {o.lower() for o in lexicon()["customer_orgs"]}
        ):
            continue  # "we do offices, a few GP surgeries and a gym": whom, not what
        if _TIME_BEFORE.search(text[: match.start()]):
            continue  # "after install most growers barely use it": a time, not the trade
        # "sell more pre-paid funeral plans": the plans are the offering, "more" is the goal
        taught = _taught(match.group(0), _tidy(match.group(1)))
        if taught != _tidy(match.group(1)):  # "we teach French": French classes
            if taught.lower() not in {o.text.lower() for o in out}:
                out.append(Read(text=taught, source=match.group(0), confidence=0.7))
            continue
        phrase = re.sub(
            r"^(?:more|extra|additional|fewer|(?:about|around|over|some\s+)?\d[\d,]*\+?|two|three|"
            r"four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|a dozen|several|a few)"
            r"(?:[- ](?:week|day|month|year|hour|night)s?(?=\s))?\s+",  # "3 month short courses"
            "",
            _tidy(match.group(1)),
            flags=re.I,
        )
        phrase = re.sub(  # "a free 16 week software engineering bootcamp": the bootcamp;
            # "a bit of woodwork": woodwork
            r"^(?:(?:a\s+)?(?:little\s+)?bit\s+of\s+)?(?:(?:free|fully[- ]funded|funded|"
            r"sponsored)\s+)?(?:\d+[- ]?(?:week|day|month|year|hour|night)s?\s+)?",
            "",
            phrase,
            flags=re.I,
        )
        phrase = re.sub(  # "sell and install wood stoves": the stoves
            r"^(?:and\s+)?(?:install|fit|supply|deliver|build|make|manufacture|design|sell|resell|"
            r"restore|repair)\s+(?=\w+\s+\w)",
            "",
            phrase,
            flags=re.I,
        )
        words = phrase.lower().split()
        if not words or all(w in skip for w in words) or len(phrase) < 3:
            continue
        if words[0] in {"it", "this", "that", "them", "well", "ok", "not", "lots", "loads"}:
            continue
        if words[0] in {"we", "you", "they", "i", "and", "stage", "stages", "step", "phase"}:
            continue  # "how do we fix this", "the 3D design stage": no offering
        if words[0] in {"out", "up", "off", "through", "fast", "quickly"}:
            continue  # "tasters sell out", "sell up": not what is sold
        if re.match(r"placing", match.group(0), re.I) and re.match(
            r"(?:an?|the|orders?|bets?|ads?|adverts?)\b", phrase, re.I
        ):
            continue  # "placing an order": a step, not the people an agency places
        if re.match(r"mak", match.group(0), re.I) and re.search(
            r"\b(?:feel|feels|sure|happy|happier|easier|easy|better|possible|it|them)\b",
            phrase,
            re.I,
        ):
            continue  # "make mummy feel more comfortable": what the business wants to bring about
        if re.match(r"(?:to|into|from)\b", match.group(1), re.I):
            continue  # "selling to ecommerce brands and 3PLs": whom it is sold to; "renting
            # from an owner": whom from
        parts = [_tidy(p) for p in re.split(r"\s+(?:and|&|or)\s+|,\s*", phrase)]
        if (
            len(parts) == 2
            and parts[0].split()
            and parts[0].split()[-1].lower() in [w.lower() for w in parts[1].split()[:-1]]
        ):  # "full day and half day float trips": one kind of trip, said two ways
            parts = [_tidy(phrase)]
        head = parts[-1].split()[-1] if len(parts) > 1 and len(parts[-1].split()) > 1 else ""
        ending = "ing" if head.lower().endswith("ing") else "s"
        if head.lower().endswith(("s", "ing")) and all(
            p and not p.split()[-1].lower().endswith(ending) and p.split()[-1].lower() not in _MASS
            for p in parts[:-1]
        ):  # "bat, great crested newt and biodiversity net gain surveys": all surveys;
            # "grain bin and silo cleaning": both cleaning
            parts = [*(f"{p} {head}" for p in parts[:-1]), parts[-1]]
        for n, part in enumerate(parts):
            if part and len(part.split()) == 1 and n + 1 < len(parts):
                following = parts[n + 1].split()
                if len(following) >= 2 and (
                    part.lower().endswith(("al", "ic", "ed", "ous", "ive"))
                    or part.lower() in _WHOSE  # "baby and toddler gear": baby gear
                    or _as_a_service(match.group(0), "x") != "x"  # "we restring tennis and
                ):  # badminton rackets": tennis rackets
                    part = f"{part} {following[-1]}"  # "centrifugal and submersible pumps"
            part = _as_a_service(match.group(0), part)
            if part and part.lower() not in {o.text.lower() for o in out}:
                out.append(Read(text=part, source=match.group(0), confidence=0.7))
    out = [o for o in out if not _META.search(o.text) and _plausible_offer(o.text)]

    if not out:  # "print shop in Hackney - flyers, posters, menus - mostly for cafés"
        out = _listed_after_dash(text)
    if not out:  # "customers pre-order celebration cakes", "borrow drills and ladders"
        for match in _USES.finditer(text):
            if _WE_BEFORE.search(text[: match.start()]) or "_" in masked[match.start(1)]:
                continue  # "we get rates from the lines": the business's doing, not a sale
            obj = _tidy(match.group(1))
            if _a_step(obj):
                continue  # "get stuck", "get quotes", "book a video call": steps, not goods
            for part in re.split(r"\s+(?:and|&|or)\s+|,\s*", obj):
                part = _tidy(part)
                if (
                    part
                    and _plausible_offer(part)
                    and part.lower() not in {o.text.lower() for o in out}
                ):
                    out.append(Read(text=part, source=match.group(0), confidence=0.5))
            if out:
                break
    if not out:  # "trial lesson then termly invoice": what is sold, named by its kind
        found = _SERVICE_NOUN.search(_mask_platforms(text))
        if found and _plausible_offer(_tidy(found.group(1))):
            out.append(Read(text=_tidy(found.group(1)), source=found.group(0), confidence=0.5))
    # "get placed on a crew", "linen hire to hotels": a participle or the customers themselves
    # are not what is sold
    audience = {a.lower() for a in _people_words(text)}
    out = [
        o
        for o in out
        if not re.fullmatch(r"[a-z]+ed", o.text.lower())
        and not re.match(  # "our page gets flooded everyday by …": how, not what
            r"[a-z]+ed\s+(?:every\w*|daily|all|with|by|constantly|again|badly)\b", o.text.lower()
        )
        and not _a_step(o.text)
        and o.text.lower() not in audience
        and o.text.lower().split()[-1] not in _PEOPLE_ENDS  # "some small makers": customers
        and o.text.lower() not in lexicon()["not_offering"]  # "book a slot": no product
        and not _names_a_channel(o.text)  # "book by WhatsApp": WhatsApp is no product
        and not _WANTED_MORE.match(o.text)  # "get better reviews": a goal, not a product
        and not re.search(r"\s(?:down|up)$", o.text, re.I)  # "get missed backs down": a goal
    ]
    if business is not None:
        # "plumbing and HVAC supply house": plumbing and HVAC supplies; "small conveyancing
        # practice": conveyancing; what the business is called for says what it sells
        named = _offer_from_business(business.text)
        head = business.text.lower().split()[-1] if business.text.split() else ""
        out = [o for o in out if o.text.lower() != head]  # "house" of "supply house"
        if named and not any(o.confidence >= 0.6 for o in out):
            out = [Read(text=named, source=business.source, confidence=0.55), *out]
        elif named and len(named.split()) > 1 and all(len(o.text.split()) == 1 for o in out):
            # "Borehole drilling company …, we do siting, drilling, …": the name says more
            out = [Read(text=named, source=business.source, confidence=0.7), *out]
        elif not out:
            out.append(Read(text=business.text, source=business.source, confidence=0.4))
    return [o for o in out if not _NO_OFFER.search(o.text) and not broken_phrase(o.text)][:5]


# What is never something a business offers: a negation or pronoun caught with the verb
# ("can't get" of "can't get through", "me again" of "book me again"), a dangling "and", a lone
# adverb ("late" of "replies get late")
_NO_OFFER = re.compile(
    r"\b(?:can'?t|cannot|don'?t|won'?t|isn'?t|aren'?t|never|not|actually|me|us|again|cuz|coz|"
    r"because)\b"
    r"|\b(?:and|or|the|a|an|to)$|^(?:late|early|soon|quickly|county|officer|out|up|back)$"
    r"|\b(?:is|are|was|were)\b"  # "the share offer document is long": said of it, not sold
    # a feeling ("liveries get fed up"), and a verb with its object ("approves the treatment")
    r"|^(?:fed up|frustrated|annoyed|confused|bored|stuck|lost|worried|nervous|anxious|upset|"
    r"angry|tired|sick of|cross|overwhelmed|wild|mad|furious|impatient|grumpy|narky|shirty|"
    r"antsy)\b|^[a-z]+s\s+(?:the|a|an|their|our|my|your)\s",
    re.IGNORECASE,
)


_OWNED = re.compile(
    r"^(?:(?:small|little|tiny|local|independent|mobile|solo|family[- ]owned|family[- ]run|"
    r"owner[- ]run|volunteer[- ]run|one[- ]man|one[- ]woman|two[- ]person|new|busy|"
    r"award[- ]winning)\s+)+",
    re.IGNORECASE,
)
_PROVIDER = re.compile(
    r"\s+(?:practice|service|services|business|company|firm|agency|outfit|operation|van|"
    r"wholesaler|distributor|importer|exporter|dealer|reseller|contractor|contractors|clinic|"
    r"workshop|institute|mill)$",
    re.I,
)
_HIRED_OUT = re.compile(
    r"^(.+?)\s+(?:hire|rental|rentals)(?:\s+(?:shop|store|business|company|firm|service|yard|"
    r"depot|centre|center))?$",
    re.IGNORECASE,
)
_UNCOUNTED = {"equipment", "furniture", "scaffolding", "machinery", "kit", "gear", "clothing",
              "staging", "lighting", "audio", "tableware", "linen", "crockery",
              "plant"}  # fmt: skip
_SUPPLY = re.compile(
    r"\s+(?:supply\s+(?:house|company|store|shop)|supplier|suppliers|wholesaler|merchants?)$",
    re.I,
)


# A word of the writer's own language glossed in English just after it: "lipat-bahay (house
# moving)", "flyttstädning (move-out cleaning)", not "loft conversions (mostly dormers)"
_GLOSS = re.compile(
    r"\s*\((?!(?:mostly|mainly|usually|often|about|around|approx|incl|e\.?g|i\.?e|like|such|"
    r"see|not|only|just|we|our|their|they|which|that|who|the|a|an)\b)([a-z][a-z'/ -]{2,40}?)\)"
)


def _glossed(said: Read, text: str) -> Read:
    """A reading of one or two words the brief glosses in English right after it, as the
    gloss; else as it was."""
    if len(said.text.split()) > 2:
        return said
    at = re.search(rf"(?i:{re.escape(said.text)})", text)
    gloss = _GLOSS.match(text, at.end()) if at else None
    if gloss is None or len(gloss.group(1).split()) > 4:
        return said
    return said.model_copy(update={"text": gloss.group(1).strip()})


# A business named only by its size or kind of ownership: "small firm", "family company"
PLAIN_BUSINESS = (
    r"(?:(?:small|little|tiny|local|family|family[- ]owned|family[- ]run|independent|new|"
    r"young)\s+)+(firm|company|business|outfit|team|crew|operation)"
)


def _offer_from_business(said: str) -> str | None:
    """What a business sells, when its name says it: the words before a provider's head noun
    ("small conveyancing practice" -> "conveyancing", "plumbing and HVAC supply house" ->
    "plumbing and HVAC supplies"), or None when the name is only a kind of shop or studio."""
    bare = _OWNED.sub("", said.strip())
    head = bare.split()[0] if bare.split() else ""
    if head[1:].islower() and len(bare.split()) > 1:  # "Shearing contractor" opening the
        bare = bare[:1].lower() + bare[1:]  # brief: shearing
    hired = _HIRED_OUT.match(bare)  # "costume hire shop": costumes are what is hired out
    if hired and _plausible_offer(hired.group(1)):
        goods = hired.group(1)
        last = goods.split()[-1].lower()
        return goods if last.endswith("s") or last in _UNCOUNTED else f"{goods}s"
    if _SUPPLY.search(bare):
        goods = _SUPPLY.sub("", bare).strip()
        return f"{goods} supplies" if goods else None
    if _PROVIDER.search(bare):
        what = _PROVIDER.sub("", bare).strip()
        return what if what and _plausible_offer(what) else None
    club = _CLUB.match(bare)  # "village cricket club": cricket is what the club offers
    if club and _plausible_offer(club.group(1)):
        return club.group(1)
    studio = re.match(r"^(.+?)\s+studios?$", bare, re.IGNORECASE)
    if studio and _A_SERVICE.search(studio.group(1)):  # "wedding photography studio"
        return studio.group(1)
    if _A_SERVICE.search(bare) and _plausible_offer(bare):  # "commercial pest control",
        return bare[:1].lower() + bare[1:]  # "house moving": the name is the service
    worked = _work_of(said.strip())  # "one man chimney sweep": chimney sweeping
    return worked if worked != said.strip() else None


# A name that is itself a service: "pest control", "house moving", "dry cleaning"
_A_SERVICE = re.compile(
    r"\b(?!(?:cloth|bedd|build|hous|pack|floor|deck|light|feed|seat|icing)ing$)\w{2,}ing$|"
    r"\b(?:control|repairs?|removals?|collection|photography|therapy|physiotherapy|tuition|"
    r"cleaning|care)$",
    re.IGNORECASE,
)


_CLUB = re.compile(  # (a supper club or a nightclub serves its guests: no sport in it)
    r"^(?:(?:village|local|community|small|little|amateur|friendly|family)\s+)*"
    r"(?!(?:supper|night|dinner|comedy|jazz|beach)\s+club$)(.+?)\s+club$",
    re.IGNORECASE,
)


_WE_BEFORE = re.compile(r"\b(?:we|i|we'll|i'll|we then|then we)\s+(?:\w+\s+)?$", re.I)


def _a_step(phrase: str) -> bool:
    """Whether a phrase names a step on the way ("a video call", "the first phone call", "a
    site walk", "quotes") or a state ("stuck") rather than what is sold."""
    words = [w for w in re.findall(r"[\w+'-]+|\+", phrase.lower()) if w not in {"a", "an", "the"}]
    lex = lexicon()
    if len(words) > 1 and f"{words[0]} {words[1]}" in lex["step_starts"]:
        return True  # "the first phone call", "sign off", "open quarterly"
    steps = lex["step_words"]
    return bool(words) and (words[0] in steps or words[-1] in steps)


_DASH_LIST = re.compile(
    r"^[^.!?\n]{3,60}?\s[-–—:]\s+((?:[\w&'/+-]+\s+){0,3}[\w&'/+-]+(?:,\s*(?:and\s+)?"
    r"(?:[\w&'/+-]+\s+){0,3}[\w&'/+-]+){1,6})(?=\s*(?:[-–—.;(]|,\s*(?:mostly|mainly|all|"
    r"selling|for|to)\b))",
    re.IGNORECASE,
)


def _listed_after_dash(text: str) -> list[Read]:
    """What the first sentence lists after the business and a dash: "B2B packaging supplier -
    corrugated boxes, mailer boxes, void fill - selling to …"."""
    found = _DASH_LIST.search(text)
    if not found:
        return []
    out: list[Read] = []
    for part in re.split(r",\s*(?:and\s+)?", found.group(1)):
        part = _tidy(part)
        if part and _plausible_offer(part) and not _names_a_channel(part):
            out.append(Read(text=part, source=found.group(0), confidence=0.6))
    return out if len(out) >= 2 else []


def _names_a_channel(text: str) -> bool:
    """Whether a phrase is only a named platform or a channel word ("WhatsApp", "email")."""
    low = " ".join(text.lower().split())
    platforms = {p.lower() for p in lexicon()["platforms"]}
    if low in platforms or f"{low}.com" in platforms or f"{low}.co.uk" in platforms:
        return True  # "Booking" read from "Booking.com"
    return any(low in (w.lower() for w in words) for words in lexicon()["channel_words"].values())


# Services sold by the session, found when no sentence says what is sold.
_SERVICE_NOUN = re.compile(
    r"\b((?:[a-z][\w-]*\s+){0,2}?(?:lessons?|classes|class|courses?|sessions?|treatments?|"
    r"appointments?|workshops?|retreats?|experiences?))\b",
    re.IGNORECASE,
)


# Where a step's verb phrase ends, each cut in turn: a trailing reason or clause; the channel
# it goes through ('on our Shopify site', 'through a Google Form', 'by phone or thru …'); when
# it comes ('about 2 weeks later', 'in the fall'); what it is for ('to secure the date')
# "ring the office or fill in the form": the first way, said whole
_OR_ANOTHER_WAY = re.compile(
    r"\s+or\s+(?=(?:fill|book|call|ring|email|text|message|visit|come|pop|drop|walk|order|"
    r"buy|apply|sign|send|go)\b)",
    re.IGNORECASE,
)
_PHRASE_ENDS = (
    re.compile(
        r"\s+(?:because|so that|so|but|when|whenever|where|wherever|which|who|as|if|since|"
        r"although|though|tho|even|while|before|after|until|once)\b|[,;:(]",
        re.IGNORECASE,
    ),
    re.compile(
        r"\s+(?:on|through|via|using|over|by)\s+(?:our|their|my|your|the)\b"
        r"|\s+(?:on|through|via|using|with|from|at|in)\s+(?:our|the|their|a|an)?\s*"
        r"(?:website|site|app|shop|store|page|platform|portal|online|instagram|facebook|"
        r"phone|email)\b",
        re.IGNORECASE,
    ),
    re.compile(r"\s+or\s+(?=(?:in|at|by|on|via|through|thru)\b)"),
    _OR_ANOTHER_WAY,
    re.compile(
        r"\s+(?:through|thru|via|by)\s+(?:a|an|our|the)?\s*[A-Z]\w*|\s+(?:by|via|thru|through)"
        r"\s+(?:phone|email|text|whatsapp|post|dm)\b|\s+in\s+the\s+(?:fall|autumn|spring|"
        r"summer|winter)\b"
    ),
    re.compile(
        r"\s+(?:about|around|roughly|within|after|some)\s+(?:\d|a |an |one |two |three |few )",
        re.IGNORECASE,
    ),
    re.compile(
        r"\s+(?:to|so as to|in order to)\s+(?:secure|make sure|ensure|keep|hold|avoid|confirm|"
        r"guarantee|lock in|reserve|commission|go ahead|get started|start work)\b",
        re.IGNORECASE,
    ),
)


# A verb whose particle is part of it, not where it happens ("fill in an online form", "go on
# the roster", "log on to the portal"): the particle is never read as a channel's "in" or "on"
_PARTICLE_VERB = re.compile(
    r"(?:fill|fills|filled|go|goes|log|logs|sign|signs|check|checks|hand|hands|send|sends)"
    r"\s+(?:in|on|out)\b",
    re.IGNORECASE,
)


def _verb_phrase(clause: str, start: int) -> str:
    """The verb phrase from ``start``: the verb and its object, without the channel it goes
    through ('on our Shopify site'), when it comes or what it is for, and without trailing
    reasons, at most six words."""
    rest = re.sub(  # "come to one of our 3 centres": to our centres
        r"\bone of (our|the|their|my) (?:\d+|two|three|four|five|six|several|many) ",
        r"\1 ",
        clause[start:],
        flags=re.IGNORECASE,
    )
    particle = _PARTICLE_VERB.match(rest)  # "fill in an online form": "in" is the verb's
    kept, rest = (rest[: particle.end()], rest[particle.end() :]) if particle else ("", rest)
    for end in _PHRASE_ENDS:
        head = end.split(rest, maxsplit=1)[0]
        if end is _OR_ANOTHER_WAY and len((kept + head).split()) < 2:
            continue  # "call or fill in the intake form": the way with what it is done to
        rest = head
    every = (kept + rest).split()
    words = every[:6]
    if len(every) > 6:  # cut short: not inside what it acts on ("books a Deaf" of "books a Deaf
        articles = [n for n, w in enumerate(words) if w.lower() in ("a", "an", "the", "their")]
        if articles and articles[-1] >= 4:  # patient's appointment"): before its article
            words = words[: articles[-1]]
    while words and words[-1].lower() in _STOP | {"about", "into", "up", "out"} - {"up"}:
        words = words[:-1]
    return " ".join(words)


# Platforms whose names are also plain words: named only when written with a capital, not
# at the start of a sentence
_WORD_PLATFORMS = {"square", "reed", "bark", "threads", "indeed", "steam", "yell", "stripe",
                   "faire", "dice", "angi", "signal", "noon", "grab", "swish", "maya", "pix",
                   "tiki", "acuity", "offerta", "funda", "karrot"}  # fmt: skip
# Names that are platforms only in capitals ("on LINE", not "the line"; "iDEAL", not "ideal")
_CASED_PLATFORMS = {"LINE", "iDEAL", "OVO", "DANA", "BLIK", "VK"}


def _mask_platforms(text: str) -> str:
    """The text with named platforms blanked out (same length), so 'Find a Tender' is not read
    as the verb 'tender'."""
    return _all_platforms().sub(lambda m: "_" * len(m.group(0)), text)


@cache
def _all_platforms() -> Phrases:
    """Every named platform in one pattern (one pass over a text instead of one per name),
    but those that are plain words too ("square", "line", "signal")."""
    plain = _WORD_PLATFORMS | {name.lower() for name in _CASED_PLATFORMS}
    return _pattern([name for name in lexicon()["platforms"] if name.lower() not in plain])


_GERUNDS = {
    "booking": "book",
    "ordering": "order",
    "pre-ordering": "pre-order",
    "preordering": "preorder",
    "signing": "sign",
    "joining": "join",
    "applying": "apply",
    "paying": "pay",
    "buying": "buy",
    "bidding": "bid",
    "renewing": "renew",
    "subscribing": "subscribe",
    "registering": "register",
    "enrolling": "enrol",
    "hiring": "hire",
    "reserving": "reserve",
    "donating": "donate",
    "arranging": "arrange",
    "purchasing": "purchase",
    "starting": "start",
    "getting": "get",
    "approving": "approve",
    "quoting": "quote",
    "installing": "install",
}


def base_form(phrase: str) -> str:
    """'booking the paid exhibitions' -> 'book the paid exhibitions'."""
    words = phrase.split()
    if words and words[0].lower() in _GERUNDS:
        words[0] = _GERUNDS[words[0].lower()]
    return " ".join(words)


# Someone other than the customer who has to do it first ("their vet has to sign", "the GP
# needs to refer")
_THIRD_PARTY_MUST = re.compile(
    r"\b(?:their|the|his|her|your)\s+(?:vet|gp|doctor|landlord|school|employer|insurer|council|"
    r"bank|lender|solicitor|consultant|surgeon|physio|teacher|manager|boss|parent|partner)s?"
    r"\s+(?:has|have|needs?|must)\s+to\s+$",
    re.IGNORECASE,
)


def _conversions(clause_list: list[str]) -> list[Read]:
    out: list[Read] = []
    fallback: list[Read] = []
    conversion = _group("conversion")
    for original in clause_list:
        clause = _BNPL.sub(lambda m: "_" * len(m.group(0)), _mask_platforms(original))
        if _COMPANY_SUBJECT.match(clause) and not re.search(
            r"\b(?:we|i)\s+(?:want|need|get|would like)\b", clause, re.I
        ):
            continue
        if _ELSEWHERE.search(clause):
            continue  # "they order from the big national websites instead": a rival's sale
        if re.match(r"(?:and\s+)?so\s+(?:they|people|customers|clients)\s+(?:either\s+)?", clause,
                    re.I):  # fmt: skip
            continue  # "… so they either pay a lot for boarding here or cancel": what follows
        for match in conversion.finditer(clause):
            before = clause[: match.start()].split()[-1:]
            if before and before[0].lower() in ("i", "we", "i'll", "we'll", "i'd", "we'd"):
                continue  # "a room I rent in Didsbury": the business's own doing
            if (
                (
                    _NOUN_USE.search(clause[: match.start()])
                    and not re.match(r"bookings?\b", match.group(0), re.I)  # "without a booking"
                )
                or _NOUN_NEXT.match(clause, match.end())
                or _NOUN_SUBJECT.match(clause, match.end())
            ):
                continue  # "attendance is in a register", "the order list", "bid invites"
            # "parents pay", "funded by … sponsors": who pays, not what is done (what is paid
            # for is the event only when nothing else is: "Parents pay the fees")
            paid_by = bool(_ROLE_SAID.search(clause[: match.end() + 12]))
            if _THIRD_PARTY_MUST.search(clause[: match.start()]):
                continue  # "their vet has to sign a referral form": a step another party takes
            if (
                before
                and before[0].lower() in ("people", "ppl", "folks", "those", "families", "couples")
                and match.group(0).lower().endswith("ing")
                and _DESCRIBED_BY.match(clause[match.end() :])
            ):
                continue  # "people buying cottages who need a WETT report": who they are
            if _LEAVING_OFF.match(clause, match.start()):
                continue  # "then drop off after 2-3 weeks": people leaving, not committing
            phrase = base_form(_verb_phrase(original, match.start()).replace("_", "").strip())
            if re.match(r"admissions?\b", phrase, re.I):  # a noun: what people do is take it
                phrase = "take admission"
            tool = bool(_TOOL_NEXT.match(clause, match.end()))  # "the booking page": the
            if tool:  # event is the booking, not the page, and a page made for it says so
                phrase = base_form(match.group(0))
            phrase = re.split(  # "book the exhibitions and signing up as Friends": two events
                r"\s+(?:and|or)\s+(?=\w+ing\b|sign|join|pay|book|order|buy)", phrase, maxsplit=1
            )[0]
            phrase = re.sub(r"\bour\b", "the", phrase)  # "sign up to our partner plan"
            # "book can't get through and go to ...", "apply and pickup - \"they think": what
            # goes wrong after the verb is no part of the event
            phrase = re.split(
                r"\s+(?=(?:can'?t|cannot|don'?t|won'?t|never|but|and\s+(?:have|go|then|get))\b)|\s*[—–\"“]",
                phrase,
                maxsplit=1,
            )[0]
            phrase = re.sub(r"\s+(?:plus|and|or|with)(?:\s+(?:an?|the))?(?:\s+\w+)?$", "", phrase)
            phrase = re.sub(r"\s+by\s+\w+ing$", "", phrase)  # "book … by ringing": how, not what
            # "after booking they come by taxi": the next clause's subject ends the event
            phrase = re.sub(r"^(\S+)\s+(?:they|we|i|he|she|you)\s.*$", r"\1", phrase, flags=re.I)
            if re.match(r"^\w+\s+(?:starts|begins|takes|is|was|comes|goes|costs|means|needs|"
                        r"happens|runs|lasts)\b", phrase, re.I):  # fmt: skip
                continue  # "a commission starts with": a noun, the subject of its sentence
            words = phrase.lower().split()
            if words and words[0] in ("fill", "complete") and "form" not in words:
                continue  # "fill the pledge form" commits; "fill the shelves" does not
            if (
                not phrase
                or {"is", "are", "was", "were", "we're", "we", "i", "i'm"} & set(words)
                or re.search(r"[()\[\]]", phrase)
                or (len(words) > 1 and re.match(r"^\d", words[1]))
            ):
                continue  # "pay station is our model", "win 5 this year": no conversion event
            if paid_by:
                if re.match(r"pay\b", phrase, re.I) and len(phrase.split()) > 1:
                    fallback.append(Read(text=phrase, source=original, confidence=0.4))
                break
            if phrase.lower() not in {o.text.lower() for o in out}:
                # a verb in a goal ("want online renewal with auto pay by Sept 30") or with
                # no object ("before they'll commit") says less than one that narrates
                weak = _is_goal(original) or (len(phrase.split()) == 1 and not tool)
                out.append(Read(text=phrase, source=original, confidence=0.5 if weak else 0.7))
            break
    out = out or fallback[:1]
    for c in out:  # "its the mums who sign them up mostly": sign them up
        c.text = re.sub(r"\s+(?:mostly|usually|often|always|too|as well)$", "", c.text, flags=re.I)
    out = [c for c in out if not broken_phrase(c.text, step=True)]  # "hire us to do"
    return out[:3]


# A conversion word used as a noun: after an article, a possessive or a preposition
# ("in a register", "the order list", "they expect commission"), or before a noun it names
# ("bid invites", "order list", "purchasing and sometimes a GC … signs off")
_NOUN_USE = re.compile(
    r"\b(?:a|an|the|our|their|its|his|her|my|your|this|that|in|into|expect|expects|on|as)\s+$",
    re.IGNORECASE,
)
_NOUN_NEXT = re.compile(
    r"\s+(?:list|lists|invites?|sheets?|numbers?|history|value|volumes?|desks?|lives|team|"
    r"department|dept|manager|agents?|agency|and\s+sometimes|or\s+the|signs?\s+off|arrears|debts?|"
    r"and\s+rates|now\s*,?\s+pay\s+later|confirmations?|system|software|reference|"
    r"secretary|secretaries|clerks?|officer|co-?ordinator"
    r")\b",  # "rent and rates arrears", "buy now pay later", "our booking confirmation"
    re.IGNORECASE,
)
# A conversion word as the subject of what follows ("most sign ups come from freshers fairs")
_NOUN_SUBJECT = re.compile(
    r"(?:\s*-?\s*ups?)?s?\s+(?:\w+ly\s+)?(?:come|comes|came|are|were)\b", re.I
)
# A tool the event is done with, named after it ("booking page", "ordering app")
_TOOL_NEXT = re.compile(
    r"\s+(?:sites?|platforms?|apps?|engines?|systems?|links?|pages?|portals?|tools?)\b", re.I
)
_BNPL = re.compile(r"\bbuy[- ]now,?[- ]pay[- ]later\b", re.I)  # a kind of debt, no sale
# Customers described by something else they do ("people buying cottages who need a WETT
# report"): who they are, not the business's conversion
_DESCRIBED_BY = re.compile(
    r"^(?:\s+[\w'-]+){1,3}?\s+(?:who|that)\s+(?:need|needs|want|wants|have|has|are)\b", re.I
)
# Who pays or decides, said of the customers: "mostly parents pay", "whose parents pay",
# "the surgeries are funded by CSR donors and individual sponsors"
_ROLE_SAID = re.compile(
    r"\b(?:parents?|mums?|dads?|families|grandparents|children|kids|partners?|employers?|"
    r"companies|donors|sponsors|insurers?|the\s+council|relatives|sons?|daughters?)\s+"
    r"(?:usually\s+|mostly\s+|often\s+|always\s+)?(?:pay|pays|decide|decides)\b"
    r"|\b(?:funded|paid\s+for|sponsored|covered)\s+by\b",
    re.IGNORECASE,
)
_LEAVING_OFF = re.compile(
    r"drop(?:s|ped)?[\s-]+off\s+(?:right\s+|just\s+|straight\s+|soon\s+)?"
    r"(?:after|at|before|during|from|between|by|when|once|over|there|here|then|"
    r"sharply|quickly|massively|a lot)\b|drop(?:s|ped)?[\s-]+off\s*(?:[,.;:)]|$)",
    re.IGNORECASE,
)
_CONVERSION_NOUNS = [
    (  # (not "family members find us", "staff members")
        r"\bmemberships?\b|(?<!family )(?<!staff )(?<!team )(?<!household )(?<!board )"
        r"(?<!committee )(?<!crew )\bmembers?\b|\bfriends scheme\b",
        "join as a member",
    ),
    (r"\bsubscriptions?\b|\bsubscribers?\b", "subscribe"),
    (r"\bpurchase\s+orders?\b", "raise the purchase order"),
    (r"(?-i:\bPOs?\b)", "raise the PO"),  # in the brief's own word
    (r"\bcontracts?\b", "sign the contract"),
    (r"\bleases?\b", "sign the lease"),
    (r"\bcheckout\b|\bcarts?\b|\bbaskets?\b", "order"),  # "cart abandonment is 78%"
    # a shipping quote is a price on the way, not the quote a customer accepts
    (
        r"(?<!shipping )(?<!delivery )(?<!postage )(?<!freight )\b(?:quotes?|quotations?)\b",
        "accept the quote",
    ),
    (r"\bbookings?\b|\bappointments?\b", "book"),
    (r"\borders?\b", "order"),
    (r"\bapplications?\b", "apply"),
    (r"\bbids?\b|\btenders?\b", "bid for the contract"),
]


def _conversion_from_nouns(text: str) -> list[Read]:
    """When no sentence says what the customer does to commit, the nouns often do: a
    membership is joined, a contract signed, a quote accepted."""
    for pattern, phrase in _CONVERSION_NOUNS:
        match = re.search(pattern, _mask_platforms(text), re.IGNORECASE)
        if match:
            return [Read(text=phrase, source=match.group(0), confidence=0.4)]
    return []


_VERBISH = re.compile(
    r"^(?:find|hear|see|book|buy|order|pre-?order|pay|apply|sign|join|"
    r"register|collect|pick|get|go|come|take|bring|use|visit|call|ring|ask|send|fill|upload|"
    r"choose|pick|try|read|check|compare|browse|wait|leave|tell|recommend|review|renew|"
    r"subscribe|enrol|enroll|book|do|make|meet|attend|have|receive|download|install|"
    r"move|drop|turn|show|pass|fail|learn|start|finish|sit|rebook|reorder|return|"
    r"request|accept|approve|specify|tender|bid|win|sign off|commission|print|plan|"
    r"search|google|walk|drive|borrow|upgrade|swap|cancel|pause|message|email|text|"
    r"chat|enquire|view|tour|report|raise|submit|lodge|log|register|claim|phone|contact|put|place|hand|pack|park|prepare|carry)"
    r"(?:s|es)?\b",
    re.IGNORECASE,
)


def opens_with_a_step_verb(text: str) -> bool:
    """Whether a step's words open with what someone does ("Drop the pet at DXB cargo"), not
    with a noun ("Blood test")."""
    return bool(_VERBISH.match(text))


def _strip_subject(clause: str) -> str:
    clause = re.sub(
        r"^(?:(?:and|then|so|but|afterwards|after that|next|finally|first)\s+)*",
        "",
        clause,
        flags=re.I,
    )
    subject = _CUSTOMER_SUBJECT.match(clause)
    if subject:
        return clause[subject.end() :]
    return re.sub(r"^(?:we|i)\s+(?:usually\s+|then\s+|also\s+)?", "", clause, flags=re.I)


# Words before a step's verb that are not part of it: "and then usually book…".
_FILLER = r"^(?:(?:and|then|also|can|will|usually|often|just|mostly|sometimes|normally|"
_FILLER += r"typically|generally|first|next|finally|eventually|later|"
_FILLER += r"(?:meant|supposed|expected|asked|required|have|has)\s+to)\s+)+"


_ELSEWHERE = re.compile(
    r"\b(?:instead|elsewhere|competitors?|rivals?|the chains|off the (?:rack|shelf|peg)|"
    r"off-the-(?:rack|shelf|peg)|somewhere else|from someone else)\b"
    # "then join other institute which is offering 2000 rupees less": a rival, said plainly
    r"|\b(?:an?other|other|a\s+cheaper|a\s+different|the\s+cheaper)\s+(?:institutes?|schools?|"
    r"providers?|compan(?:y|ies)|firms?|shops?|gyms?|agenc(?:y|ies)|suppliers?|places?|"
    r"businesses|tutors?|teachers?|clinics?|practices?|centres?|centers?|academ(?:y|ies))\b",
    re.I,
)
_NO_STEP = re.compile(
    r"^(?:we'?re|we are|i'?m|i am|it'?s|this is|after|before|when|while|which|who|because|"
    r"if|so|but|or|plus|all|most|some|many|to|though|although|even|as|like|"
    r"lots|loads|daily|weekly|monthly|yearly|every|each)\b"
    # a state, not a step: "walk-ins are fine", "the website is old"
    r"|^(?:[\w'-]+\s+){0,2}(?:is|are|was|were|seems?)\s+(?!\w+ed\b)",
    re.IGNORECASE,
)


# What a business does for its customer that is a moment of their journey ("we go round to
# survey", "I turn up and fix the bike", "we post a bound report")
_SERVICE_VERB = re.compile(
    r"^(?:send|email|text|post|turn up|come out|come round|go round|go out|visit|survey|quote|"
    r"goes out|goes round|comes out|comes round|measure|draw|get registered|register as|"
    r"deliver|fit|install|fix|repair|clean|sweep|issue|invoice|confirm|call them|ring them|"
    r"collect|pick up|drop off|test|check|assess|bill|ship|dispatch|tune|groom|teach|train|"
    r"interview|review|approve|match|assign|process|refer|book them|take payment|take a deposit|"
    r"go off|do the|do a|run the|hand over|handover|leave a|leave the|arrive|come back|"
    r"carry out|conduct)\b",
    re.IGNORECASE,
)


_WHEN_SAID = re.compile(
    r"^(?:for (?:a |each |every )?(?:new|first[- ]time) (?:clients?|customers?|accounts?|buyers?)"
    r"(?=\s*,?\s+(?:they|we|i)\b)|"  # "for a new client we have to get registered as a vendor"
    r"the (?:day|night|week) before|on the day|at the end|after that|afterwards|a (?:day|week) "
    r"(?:later|after)|within (?:a|an|\w+) \w+|once (?:that'?s|it'?s) (?:done|booked|paid)"
    # "After sign up they do an orientation": when, before whose turn it is
    r"|(?:after|once)\s+(?:sign[\s-]?up|signing up|joining|booking|applying|registering|"
    r"that|the (?:form|chat|interview|call|visit|check|checks|training))(?=\s*,?\s+(?:they|we|"
    r"i|people|you)\b)"
    # "after 6 months of saving they can apply for a loan"
    r"|(?:after|within)\s+(?:\d+|a|one|two|three|four|six|twelve)\s+(?:days?|weeks?|months?|"
    r"years?)(?:\s+of\s+\w+)?(?=\s*,?\s+(?:they|we|i|people|you)\b))\s*,?\s+",
    re.IGNORECASE,
)


def _platform_first(body: str) -> bool:
    """Whether a clause starts with a platform's name ("Google Maps and the local beekeepers'
    Facebook group"): a list of places, not the verb "google"."""
    found = _all_platforms().search(body)
    return found is not None and found.start() == 0 and body[:1].isupper()


# A journey written as a list ("1. rider contacts me", "- we quote, they send a PO") and the
# label it is given ("how it works:", "The journey is:", "How a job goes:")
_LIST_ITEM = re.compile(r"^\s*(?:\d{1,2}[.)]|[-*•])\s+")
_JOURNEY_LABEL = re.compile(
    r"^(?:(?:so\s+)?how it (?:works|goes)|(?:it|usually it) (?:usually |normally |typically )?"
    r"goes(?: like this)?|here'?s how it (?:works|goes)|how a (?:job|booking|order|sale) goes|"
    r"(?:the|our) (?:journey|process|steps?)(?: (?:is|are|goes))?|process|steps|"
    r"(?:the|our) usual (?:route|way|process|journey) is|the way it works is)"
    r"(?:\s*:|\s+that\b)?\s*",
    re.IGNORECASE,
)
# Someone other than the customer or the business taking a step: "the technician visits",
# "a parent signs the loan agreement", "HR signs the contract", "teachers refer the student"
_SOMEONE = re.compile(
    r"^(?:(?:the|a|an|our|their|each|every|his|her)\s+)?"
    r"(?P<who>(?!(?:we|i|they|you|it|this|that|there|he|she|most|some|many|all)\b)[a-z]+"
    r"(?:\s+(?:or|and|&|/)\s+[a-z]+)?"
    r"(?:\s+(?!(?:usually|normally|often|mostly|typically|generally|first|then)\b)[a-z]+)?)\s+"
    r"(?:(?:usually|normally|often|mostly|typically|generally|first|then)\s+)?"
    r"(?=(?:joins?|enrol+s?|contracts?|hires?|buys?|contacts?|rings?|calls?|phones?|emails?|"
    r"messages?|sends?|signs?|books?|pays?|visits?|"
    r"diagnoses|assesses|quotes?|refers?|collects?|approves?|checks?|confirms?|orders?|"
    r"fills?|submits?|arranges?|attends?|inspects?|delivers?|installs?|fits?|fixes|repairs?|"
    r"reviews?|issues?|agrees?|accepts?|picks?|drops?|returns?|comes?|goes|gets?|receives?|"
    r"uploads?|chooses|selects?|applies|registers?|raises?|reports?|logs?|takes?|meets?)\b)",
    re.IGNORECASE,
)


def _someone_doing(clause: str) -> re.Match[str] | None:
    """A clause that opens with someone (not a pronoun) and a step verb, or None; someone is
    a person or a body of people ("the technician", "HR", "the parish council"), not a thing
    ("the windows come out")."""
    found = _SOMEONE.match(clause)
    if found is None or found.group("who").lower() in _STOP:
        return None
    last = found.group("who").split()[-1]
    if last.lower() in _NOT_PEOPLE or not (_PERSONISH.fullmatch(last) or last.isupper()):
        return None  # "orders come in on WhatsApp": no one
    return found


# Words for a person or a body of people: a role or trade ("technician", "vicar", "manager"),
# or a body ("council", "committee", "HR")
_PERSONISH = re.compile(
    r"(?:[a-z]+(?:er|or|ist|ian|ee|ant|ent|man|woman|person|people)s?|parents?|teachers?|"
    r"vicar|priest|council|committee|board|team|staff|family|families|school|practice|clinic|"
    r"office|department|agency|firm|company|client|customer|owner|rider|buyer|student|pupil|"
    r"patient|member|tenant|landlord|gp|vet|doctor|nurse|surgeon|dentist|hr|it|finance|legal|"
    r"procurement|purchasing|qs|pm|head|principal|chef|guest|bride|groom|couple|child|kid|mum|"
    r"mom|dad|farm|business|hotel|restaurant|venue|site|house)s?",
    re.IGNORECASE,
)


# How a narration opens: "A commission starts with a consultation", "it all begins with a call"
_OPENS_WITH = re.compile(
    r"^(?:it|(?:a|an|the|every|each)\s+\w+|everything|it all)\s+(?:usually\s+|always\s+)?"
    r"(?:starts|begins|kicks off|starts off)\s+with\s+(.+)$",
    re.IGNORECASE,
)


# A step said as what there is, in a turn of the narration: "sometimes there's a site meeting"
_THERE_IS = re.compile(
    r"^(?:sometimes\s+|usually\s+|then\s+|often\s+)?there(?:'s| is)\s+((?:a|an)\s+.+)$",
    re.IGNORECASE,
)


# A step named by what it is, told in order: "then it's references and a DBS check", "then an
# induction day", "and then basic firefighter training"
_IT_IS = re.compile(
    r"^(?:it'?s|it is|there'?s|there is|comes(?=\s+(?:a|an|the)\s))\s+", re.IGNORECASE
)
_EVENT_NOUN = re.compile(
    r"\b(?:training|induction|orientation|interview|assessment|check|vetting|survey|install|"
    r"installation|inspection|test|exam|fitting|handover|hand-over|visit|session|day|evening|"
    r"night|meeting|call|consultation|chat|briefing|trial|shift|course|workshop|tour|match|"
    r"permits?|approval|production|measurement|design|signing|dig|screening|surgery|booking|"
    r"delivery|collection|payment|proof|sample|quote|quotation|paperwork)$",
    re.IGNORECASE,
)
_NOT_NAMED = re.compile(
    r"\b(?:is|are|was|were|will|can|could|would|has|have|had|gets?|goes|takes?|comes|do|does|"
    r"we|they|i|you|he|she|if|when|because|but)\b",
    re.IGNORECASE,
)


def _after_then(clause: str, sentence: str) -> bool:
    """Whether the sentence says the clause right after "then"."""
    return bool(re.search(r"\bthen\s+" + re.escape(clause[:24]), sentence, re.IGNORECASE))


def _noun_said(clause: str) -> str:
    """A step's noun phrase without "it's" or "there's" before it and what follows it
    ("which runs over several weekends", "before panel")."""
    said = _IT_IS.sub("", clause)
    return re.split(
        r"\s+(?:which|that|where|who|for|because|so|before|after|from|via|through)\b|\(", said
    )[0]


def _said_as_theirs(step: Step) -> str:
    """A step the business tells, as the customer lives it, with how and where the business
    said it happens: "we send the bottles on the night bus to Nairobi where our rider
    delivers" -> "Get the bottles on the night bus to Nairobi"."""
    source = step.source or ""
    whole = source.lower().find(step.text.lower())  # "draw it in CAD": after all of it
    words = [w for w in reversed(step.text.lower().split()) if len(w) > 3]
    last = next((w for w in words if re.search(rf"\s{re.escape(w)}\b", source, re.I)), "")
    found = re.search(rf"\s{re.escape(last)}\b", source, re.I) if last else None
    at = found.start() if found else -1  # a whole word: not "drawing" in "the drawings"
    if whole >= 0:
        rest = source[whole + len(step.text) :]
    elif at < 0:
        return step.text
    else:
        rest = source[at + len(last) + 1 :]
        tail = step.text.lower().split()[-1]  # "go out to measure up": after its "up" too
        ends = re.match(rf"(?:\s+\S+){{0,3}}?\s+{re.escape(tail)}\b", rest, re.I)
        if tail != last and ends:
            rest = rest[ends.end() :]
    more = re.match(r"\s+and\s+((?:\w+\s+){0,2}\w+)\s*$", rest)  # "design mockup and quotation"
    if more and not _VERBISH.match(more.group(1)) and " and " not in more.group(1):
        return f"{step.text} and {more.group(1)}"
    rest = re.split(
        r"\s+(?:where|when|which|and|but|so|because|while|before|after)\b|\s+(?:we|our|i)\b|[,;(]",
        rest,
        maxsplit=1,
    )[0]
    rest = re.sub(r"\s+(?:with|on|in|at|to|for|by|from|of)$", "", rest.strip(" ."), flags=re.I)
    return f"{step.text} {rest}" if rest and len(rest.split()) <= 8 else step.text


def _said_by_customers(steps: list[Step], audience: list[Read]) -> list[Step]:
    """A step said with its doer when the doer is one of the customers ("A rider joins",
    "Farms usually contract us per season", with riders and farms the customers), said as
    theirs: "join", "contract us per season"."""
    from .content import stem

    theirs = {stem(w) for a in audience for w in re.findall(r"[a-z]+", a.text.lower())}
    for step in steps:
        said = re.match(
            r"^(?P<one>(?:a|an|the|our|each|every)\s+)?(?P<who>[a-z]+)\s+"
            r"(?:(?:usually|normally|often|mostly|typically|generally|first|then)\s+)?"
            r"(?P<rest>(?!(?:is|are|was|were|get|gets|got|have|has)\b)[a-z]+\b.*)$",
            step.text,
            re.IGNORECASE,
        )
        if (
            said
            and stem(said.group("who").lower()) in theirs - {"they", "peopl", "customer"}
            and (said.group("one") or len(said.group("rest").split()) > 1)
        ):  # ("Adopters apply" keeps who applies: "apply" alone says less)
            step.text = base_verb(said.group("rest"))
    return steps


# A commitment said in one verb ("if they sign", "…, then pay")
_COMMIT_VERB = r"(?:sign|buy|order|book|pay|join|enrol|enroll|apply|accept)"
_ONE_WORD_COMMIT = re.compile(rf"{_COMMIT_VERB}s?", re.I)
# "If they sign they go through financing": the commitment, then what follows it
_IF_COMMIT = re.compile(
    rf"^(?:if|once|when)\s+(?P<who>they|people|customers?|clients?)\s+(?P<act>(?:{_COMMIT_VERB}|"
    r"agree|go ahead|say yes)(?:\s+(?:up|on|the\s+\w+|it))?)\s*,?\s+(?=(?:they|we|i)\s)",
    re.IGNORECASE,
)


def _if_they_commit(clause: str) -> list[str]:
    said = _IF_COMMIT.match(clause)
    if said is None:
        return [clause]
    return [f"{said.group('who')} {said.group('act')}", clause[said.end() :]]


# A payment said by the moment it falls due: "50% at production", "balance at installation"
_DUE_AT = re.compile(
    r"^(?:\d+\s*%|(?:the\s+)?balance|(?:the\s+)?rest|final payment|a deposit|deposit)\s+"
    r"(?:at|on|after)\s+(?:the\s+)?(?P<moment>.+)$",
    re.IGNORECASE,
)


def _listed_step(clause: str) -> list[str]:
    """The steps an item of a labelled list names by nouns ("Process: free site measurement,
    3D design (2-3 revisions), quote, …"): its name, or two names for "A and B"; none for an
    item with a verb ("we promise 45 days")."""
    said = _BRACKETED.sub("", clause).strip(" .,;")
    said = re.sub(r"^(?:then|and|next|finally|first|after that)\s+", "", said, flags=re.I)
    said = re.sub(r"^(?:a|an|the|free|our|their)\s+", "", said, flags=re.I)
    if not said or len(said.split()) > 8 or _NOT_NAMED.search(said):
        return []
    names = []
    for part in re.split(r"\s+(?:and|&|\+)\s+", said):
        due = _DUE_AT.match(part)
        part = due.group("moment") if due else part
        if _VERBISH.match(part) and not _EVENT_NOUN.search(part):
            return []  # "turn up": a verb, told as a step of someone's
        if not part or len(part.split()) > 4 or re.match(r"\d+\s*(?:days?|weeks?)\b", part):
            return []
        names.append(part[:1].upper() + part[1:])
    return names


def _named_steps(clause: str, sentence: str, *, listing: bool = False) -> list[str]:
    """The steps a clause names by nouns (see ``_named_step``), a long list of two cut in two
    ("Skills to Foster training and a 6 month assessment")."""
    if not listing and not _after_then(clause, sentence):
        return []
    said = _noun_said(clause)
    if len(said.split()) > 6 and len(parts := re.split(r"\s+and\s+", said)) == 2:
        named = [_named_step(p, sentence, listing=True) for p in parts]
        return named if all(named) else []
    one = _named_step(clause, sentence, listing=True)
    return [one] if one else []


def _named_step(clause: str, sentence: str, *, listing: bool = False) -> str:
    """A moment of the journey said as a noun right after "then" in a telling ("then it's
    references and a DBS check", "then an induction day", "then basic firefighter training"),
    or listed after one (``listing``), as its name ("References and a DBS check", "Induction
    day"); "" for anything else, such as a clause with a verb ("then the crew collects")."""
    if not listing and not _after_then(clause, sentence):
        return ""
    said = _noun_said(clause).strip(" .,")
    if not said or len(said.split()) > 6 or _NOT_NAMED.search(said):
        return ""
    if any(  # "then the client pays a deposit": someone's step, said with its verb
        w.endswith("s") and (_VERBISH.fullmatch(w[:-1]) or _VERBISH.fullmatch(w[:-2]))
        for w in said.lower().split()[1:]
    ):
        return ""
    article = re.match(r"(?:a|an|the)\s+", said, re.IGNORECASE)
    if not article and _VERBISH.match(said):
        return ""  # "return kimono by 17:00 same day": a verb, said by the clause before
    last = said.split()[-1]
    if not (_EVENT_NOUN.search(said) or (article and not re.search(r"[^s]s$", last))):
        return ""
    if article:
        said = said[article.end() :]
    return said[:1].upper() + said[1:]


# A step done to the customers, said in the passive: "are referred by their GP"
_PASSIVE = re.compile(
    r"^(?:are|is|get|gets|getting|were|was)\s+(?:usually\s+|often\s+|mostly\s+|then\s+)?"
    r"(referred|sent|invited|offered|matched|assessed|placed|contacted|called|given|shown|"
    r"booked|signposted|introduced)\b",
    re.IGNORECASE,
)


def _people_doing(clause: str) -> re.Match[str] | None:
    """A clause that opens with customers named by a plural noun of people and a step verb
    ("mums find me in local Facebook groups"): the match of the people, or None."""
    found = re.match(
        r"^(?:(?:and|then|so|after that|next|finally|first|once)\s+)*"
        r"(?:(?:most|some|many|new|local|the|our|a lot of|lots of)\s+)?"
        rf"{_PERSON_PLURAL}\s+(?:usually\s+|often\s+|just\s+|then\s+)?",
        clause,
        re.IGNORECASE,
    )
    if found and _VERBISH.match(clause[found.end() :]):
        return found
    return None


# A verb that does not move a journey on: a state, a want, an aside ("we use Xero", "I reckon",
# "we have three vans", "we lose an hour")
_NO_STEP_VERB = re.compile(
    r"^(?:am|are|is|was|were|be|been|have|has|had|'ve|run|own|sell|offer|employ|work|use|rely|"
    r"tell|say|explain|mention|"
    r"need|want|would|'d|like|love|hate|think|reckon|know|feel|lose|spend|pay|charge|cover|"
    r"serve|specialise|specialize|specialising|specializing|can|can't|cannot|could|will|won't|"
    r"should|don't|do not|doesn't|didn't|did|try|hope|struggle|started|opened|set|only|also|"
    r"get|got|keep|mostly|mainly|really|never|always|still|all|too|then|it|that|this|there)\b",
    re.IGNORECASE,
)


# What follows a verb in its plain form: nothing, a particle or what it acts on
_ACTED_ON = frozenset(
    ("", "up", "out", "back", "round", "off", "in", "it", "them", "the", "a", "an", "their",
     "our", "his", "her", "&", "and", "or", "to", "for", "with", "every", "each", "all")
)  # fmt: skip


def _a_verb_here(part: str, verb: re.Pattern[str], *, told_in_order: bool) -> bool:
    """Whether a clause's body opens with a step verb: a known one, or, in a sentence told
    in order ("…, then i collect, reupholster & deliver it back"), any word in the place of
    the verb that is not a state or an aside."""
    if verb.match(part) or (told_in_order and re.match(r"sell\s+\w", part, re.I)):
        return True  # "4. sell a new or secondhand saddle if needed": a step told in order
    said = part.split()
    first = said[0] if said else ""
    # a verb in its plain form, alone or before what it acts on ("reupholster", "measure up",
    # "rehome the dog"), not a noun of a list ("packing list, shipping bill docs")
    then = said[1].lower() if len(said) > 1 else ""
    plain = not re.search(r"(?:ing|ly|tion|ness|ment|(?<!s)s)$", first.lower())  # "cross"
    acts_on = then in _ACTED_ON
    return (
        told_in_order
        and bool(re.fullmatch(r"[a-z][a-z'-]+", first))
        and plain
        and acts_on
        and not _NO_STEP_VERB.match(part)
        and not _NO_STEP.match(part)
    )


# Where people find or meet the business, listed on after a step: "…, Instagram and from the
# garages around", "some from the dye workshops we give"
_WHERE_ELSE = re.compile(
    r"^(?:(?:[\w.'-]+\s+){1,4}and\s+|and\s+|some\s+|also\s+|or\s+)?(?:in|on|from|via|through|over|"
    r"at)\s+(?:the|a|an|our|their|two|\d)\b",
    re.I,
)
# A price said in a list of what is sold ("couple plan ¥9,000"): no step
_PRICED = re.compile(r"[£$€¥₹₦]\s?\d|\b\d[\d,.]*\s?(?:zł|zl|euro|euros|pesos|rand|ksh)\b", re.I)


def _narrated(text: str) -> list[Step]:
    """The journey told over several sentences and in turns ("they fill in the booking form
    and pick a slot. The day before I send a text reminder, then I turn up and fix the bike"):
    the customer's actions and what the business does for them, in order, leaving out
    problems, goals and figures; three or more, or none."""
    problem_cue = _group("problem")
    found: list[Step] = []
    was_listed = listing = False
    who = ""  # whose turn it is: the customer's or the business's
    for at, sentence in enumerate(sentences(text)):
        # "2. I visit the yard, assess the horse", or each sentence after "The journey is:"
        listed = bool(_LIST_ITEM.match(sentence)) or listing
        if _JOURNEY_LABEL.match(sentence):  # "The journey is: rider contacts me": a list
            listing = listed = True
        if not (listed and was_listed):  # an item of a list goes on from the one before
            who = ""
        was_listed = listed
        label = _JOURNEY_LABEL.match(_LIST_ITEM.sub("", sentence))
        sentence = _JOURNEY_LABEL.sub("", _LIST_ITEM.sub("", sentence))  # "how it works: …"
        sentence = _told_after_colon(sentence)
        parts = [p for c in clauses(sentence) for p in _if_they_commit(c)]
        nouns = [_listed_step(c) for c in parts] if label and ":" in label.group(0) else []
        if (
            nouns and nouns[0] and sum(1 for n in nouns for _ in n) >= 3
        ):  # "Process: free site measurement, 3D
            found += [  # design, quote, 10% booking amount, then 50% at production …"
                Step(text=n, source=c, phase=phase_of_clause(n), confidence=0.5)
                for c, named in zip(parts, nouns, strict=True)
                for n in named
            ]
            who, listing = "customer", True
            continue
        naming = False  # the sentence is going through steps named by nouns
        ours = False  # the business is named doing something in this sentence ("we", "our crew")
        third = False  # … by its people or kit ("our tech comes round, tests the water")
        turns = sum(1 for c in parts if _CUSTOMER_SUBJECT.match(c) or _COMPANY_SUBJECT.match(c))
        in_order = (
            listed
            or bool(re.search(r"\bthen\b|->|→|\bafter that\b", sentence, re.I))
            or (turns >= 2 and len(parts) >= 3)  # "ppl ring me, i book them in, turn up, …"
        )
        for k, clause in enumerate(parts):
            clause = _WHEN_SAID.sub("", clause)  # "The day before I send a text reminder"
            if (
                _COMPANY_SUBJECT.match(clause)
                and k + 1 < len(parts)
                and re.match(r"(?:but\s+)?(?:they|it|those|these|that)\b", parts[k + 1], re.I)
                and problem_cue.search(_troubling(parts[k + 1]))
            ):  # "We send bulk SMS reminders but they are ignored": a fix that fails, no step
                who = ""
                continue
            if re.match(r"they\s", clause, re.I):  # "they can apply for a loan instead of
                clause = re.sub(r"\s+instead of\s+\w+ing\b.*$", "", clause)  # renting from
                # an owner": what they would do otherwise, no step
            clause = _BRACKETED.sub("", clause).strip()  # an aside: "(can take WEEKS)"
            head = re.split(  # "then ask for a review - which almost no one leaves"
                r"\s+(?:when|whenever|if|once)\s+|\s+[-–]\s+(?=(?:which|but|though)\b)",
                clause,
                maxsplit=1,
            )[0]
            if problem_cue.search(_troubling(head)) or _bad_figure(clause):
                listing = False  # the list is over
                break  # what goes wrong, and what people then do about it, is no step
            if head != clause and problem_cue.search(_troubling(clause)):
                clause = head  # "they phone when a kiln dies mid-firing": what sets it off
            if re.search(r"[\"“”]|\bused to\b|\bsays?\b|\bsaid\b", clause, re.I):
                who = ""  # a quote or a past habit ("used to get 70% rebooking"): no step
                continue
            if _is_goal(clause) or _ELSEWHERE.search(clause):
                who, listing = "", False
                continue
            clause = re.sub(r"^(?:where|whereby)\s+", "", clause, flags=re.I)  # ", where they…"
            before_who = re.split(
                r"\b(?:that|who|which|where|we|they|i|you)\b", clause, maxsplit=1
            )[0]
            if (who and _WHERE_ELSE.match(clause) and not _VERB_INSIDE.search(before_who)) or (
                _PRICED.search(clause) and not _VERB_INSIDE.search(clause)
            ):  # "they find us on Google Maps, in the Kraków Facebook group": where, no step;
                continue  # "couple plan ¥9,000": what it costs
            opens = _OPENS_WITH.match(clause) or (who and _THERE_IS.match(clause))
            named = [] if opens else _named_steps(clause, sentence, listing=naming)
            if named and (who or naming or _IT_IS.match(clause)):
                # "…, then it's references and a DBS check, then an induction day"; "then
                # there's an initial visit, Skills to Foster training and a 6 month assessment"
                found += [Step(text=n, source=clause, phase=phase_of_clause(n), confidence=0.5)
                          for n in named]  # fmt: skip
                who, naming = who or "customer", True
                continue
            naming = False
            if opens:  # "A commission starts with a consultation": the first step
                said = _verb_phrase(opens.group(1), 0)
                said = said[:1].upper() + said[1:]
                found.append(Step(text=said, source=clause, phase=phase_of_clause(said),
                                  confidence=0.5))  # fmt: skip
                who = "customer"
                continue
            company = _COMPANY_SUBJECT.match(clause)  # "our fitters install them": ours,
            subject = _CUSTOMER_SUBJECT.match(clause) or (  # not people of the customers'
                None if company else _people_doing(clause)
            )
            someone = None if subject or company else _someone_doing(clause)
            if subject:
                body, who = clause[subject.end() :], "customer"
            elif (
                company and at == 0 and not listed and (not in_order or _WHAT_WE_ARE.match(clause))
            ):
                continue  # "We repair church organs.": what the business is, not a step
            elif company:
                body, who, ours = clause[company.end() :], "business", True
                third = not re.match(r"(?:(?:and|then|so|but)\s+)*(?:we|i)\b", clause, re.I)
                if third:  # "our rig comes and drills": come, drill
                    body = base_verb(re.sub(_FILLER, "", body.strip(), flags=re.I))
            elif someone is not None:  # "a parent signs the loan agreement", "HR signs the
                said = _verb_phrase(clause, 0)  # contract": another's step, said with them
                said = re.sub(r"\bme\b", "us", said)  # "rider contacts me"
                if len(said.split()) >= 2 and not problem_cue.search(said):
                    said = said[:1].upper() + said[1:]
                    found.append(Step(text=said, source=clause, phase=phase_of_clause(clause),
                                      confidence=0.5))  # fmt: skip
                who = "customer"
                continue
            elif who or listed:
                if who == "business" and re.match(
                    r"(?:the|a|an|their|his|her|its)\s", clause, re.I
                ):
                    continue  # "then the sashes come out and go to the workshop": a thing's
                    # doing, not the business's
                body = clause  # "..., do a smoke test and leave a certificate": still their turn
                if who == "business" and third:  # "our tech comes round, tests the water"
                    body = base_verb(body)
                who = who or "business"  # "4. sell a new saddle if needed": told by the business
            else:
                continue
            body = re.sub(r"^(?:people|ppl|customers?|clients?|of them|of our \w+)\s+", "", body)
            body = re.sub(_FILLER, "", body.strip(), flags=re.I)
            if who == "customer":  # "are referred by their GP": they get referred
                body = _PASSIVE.sub(lambda m: f"get {m.group(1)}", body)
            verb = _SERVICE_VERB if who == "business" else _VERBISH
            # "do a smoke test and leave a certificate": two steps; "find me on Checkatrade or
            # get my number off a neighbour": one, said two ways
            split = re.split(r"\s+(?:and|&)\s+(?=(?:then\s+)?[a-z]+\b)", body)[:3]
            for n, part in enumerate(split):
                if who == "business" and third:  # "… cleans the filter and sends a report"
                    part = base_verb(part)
                if who == "business" and n and len(part.split()) == 1:
                    part = base_verb(part)  # "our rig comes and drills"
                    if not (
                        len(split[n - 1].split()) == 1
                        or _SERVICE_VERB.match(part)
                        or re.search(r"(?:ate|ise|ize|ify)$", part)
                    ):
                        continue  # "do the site survey and design": what it is done to
                noun = re.split(r"\s+(?:if|when|once|unless)\b", part)[0]
                article = n and re.match(r"(?:an?|the)\s", part)
                also = _named_step(noun, "", listing=True) if article else ""
                if also and _EVENT_NOUN.search(also):  # "do a 1-hr orientation and a
                    found.append(Step(text=also, source=clause, phase=phase_of_clause(also),
                                      confidence=0.5))  # fmt: skip
                    continue  # background check if …": the check is a step of its own
                either = re.split(r"\s+or\s+", part, maxsplit=1)  # "find me on X or get my
                if len(either) == 2 and _VERBISH.match(either[1]):  # number off a neighbour"
                    part = either[0]  # (not "sell a new or secondhand saddle")
                if (
                    not _a_verb_here(part, verb, told_in_order=in_order)
                    or _NO_STEP.match(part)
                    or _platform_first(part)
                    or re.search(r"\b(?:ourselves|myself)\b", part, re.I)  # what we can do
                ):
                    continue
                phrase = _verb_phrase(part, 0)
                if phrase != part.strip(" .,"):  # cut short: no dangling "and family"
                    phrase = re.sub(r"\s+(?:and|or)(?:\s+\w+)?$", "", phrase)
                if (
                    len(phrase.split()) == 1
                    and who == "customer"
                    and re.fullmatch(r"(?:phone|ring|call|email|message|text|contact)s?", phrase)
                ):
                    phrase = f"{phrase.rstrip('s')} us"  # "they phone when…": they phone us
                if len(phrase.split()) < 2 and not (
                    (in_order and who == "business")
                    or (who == "customer" and _ONE_WORD_COMMIT.fullmatch(phrase))
                ):  # "…, then i collect, …": one word is a step when told in order; "if they
                    continue  # sign they go through financing": signing is one
                phase = phase_of_clause(part) if who == "business" else _step_phase(phrase, part)
                if phase is None and who == "customer" and _ONE_WORD_COMMIT.fullmatch(phrase):
                    phase = Phase.purchase  # "if they sign"
                if who == "business":  # the moment as the customer lives it
                    phrase, phase = _their_side(phrase, phase, said_by_us=ours)
                    if not phrase:
                        continue
                    if phase == Phase.support:  # "I fix it on site": the service, not aftercare
                        phase = Phase.usage
                phrase = re.sub(r"\b(?:me|us)\b", "us", phrase, count=1)  # "find me on X"
                if who == "customer" and re.match(r"[a-z]+[^s]s\b", phrase):  # "owner rings
                    phrase = base_verb(phrase)  # me": ring us
                found.append(Step(text=phrase, source=clause, phase=phase, confidence=0.5))
    return found if len(found) >= 3 else []


# What the business does, named as the customer lives it: (the business's words, the
# customer's, the phase when its words say none)
_THEIR_SIDE = [
    (re.compile(r"^deliver(?:\s+(?:it|them))?\s+to\s+(?P<obj>.+)$", re.I), "Delivery to {obj}",
     Phase.usage),
    (re.compile(r"^deliver(?:\s+(?:it|them))?(?:\s+(?:on\s+)?(?:mon|tues|wednes|thurs|fri|satur|sun)"
                r"days?|\s+(?:next|same)[- ]day|\s+the next morning)?$", re.I), "Delivery",
     Phase.onboarding),
    # "deliver with the nota fiscal", "ship with invoice end of month": what comes with it
    (re.compile(r"^(?:deliver|ship|dispatch)\s+(?:with|by|within|in|on)\b", re.I), "Delivery",
     Phase.onboarding),
    # "we post it to you", "we mail it out": what they ordered comes in the post
    (re.compile(r"^(?:send|post|mail|ship|courier|dispatch)\s+(?:it|them)(?:\s+out)?(?:\s+to\s+"
                r"(?:you|them|the\s+customers?|customers|people|folks))?$", re.I),
     "Get it in the post", Phase.onboarding),
    (re.compile(r"^(?:send|email|text|post|deliver|ship|dispatch|issue|leave|give|hand over|"
                r"hand|draw up|prepare|write up|put together|create|produce|mock up|draft)\s+"
                r"(?:them\s+|it\s+)?(?P<obj>.+)$", re.I), "Get {obj}", None),
    (re.compile(r"^(?:collect|pick up)(?:\s+(?:it|them))?(?:\s+(?:at night|overnight|in the "
                r"(?:morning|evening)|early|on the day))?$", re.I), "Collection", Phase.usage),
    # "we invoice per kilo at the end of the month": the invoice they get
    (re.compile(r"^(?:invoice|bill)(?:\s+(?:them|you|customers|clients))?(?P<obj>\s.*)?$", re.I),
     "The invoice {obj}", Phase.usage),
    # "… fix it and text when its ready" (the when cut off): they get a text
    (re.compile(r"^text(?:\s+(?:them|you))?$", re.I), "Get a text", Phase.usage),
    (re.compile(r"^email(?:\s+(?:them|you))?$", re.I), "Get an email", Phase.usage),
    (re.compile(r"^(?:call|ring|phone)(?:\s+(?:them|you))?$", re.I), "Get a call", Phase.usage),
    (re.compile(r"^(?:message|whatsapp)(?:\s+(?:them|you))?$", re.I), "Get a message",
     Phase.usage),
    # "we call them back": they get a call back
    (re.compile(r"^(?:call|ring|phone)\s+(?:them|people|you|customers|clients)\s+back\b",
                re.I), "Get a call back", Phase.consideration),
    # "… and return them before 8 am": they get their things back
    (re.compile(r"^(?:return|bring back|send back|drop back|deliver back)\s+(?P<obj>it|them)\b",
                re.I), "Get {obj} back", Phase.usage),
    (re.compile(r"^(?:turn up|come out|come round|go round|go out|visit|arrive)\b|^(?:go|come)$",
                re.I),
     "The visit", Phase.usage),
    (re.compile(r"^quote(?:\s+(?:them|it))?(?:\s+(?:on|via|by|over|through|thru|in)\s+.+)?$", re.I),
     "Get a quote", Phase.consideration),  # "we quote on WhatsApp": how, not what for
    (re.compile(r"^quote\s+(?:them\s+)?(?:for\s+)?(?P<obj>.+)$", re.I), "Get a quote for {obj}",
     Phase.consideration),
    (re.compile(r"^(?:take|collect|ask for)\s+(?P<obj>(?:(?:a|an|the)\s+)?(?:\d+\s*%\s+)?"
                r"(?:payment|deposit|advance|balance|fee)\b.*)$", re.I), "Pay {obj}",
     Phase.purchase),
    (re.compile(r"^(?:invite|ask|call|bring)\s+(?:them|people|you|everyone)\s+(?:in\s+)?"
                r"(?:for|to)\s+(?:(?:an|a|the|their)\s+)?(?P<obj>.+)$", re.I), "{Obj}", None),
    (re.compile(r"^(?:book|pencil|fit|squeeze|slot) (?:them|you|people|it) in\b|^(?:book|pencil) "
                r"them$", re.I), "Get booked in",
     Phase.purchase),
    (re.compile(r"^sell (?:them |you )?(?P<obj>.+)$", re.I), "Buy {obj}", Phase.purchase),
    (re.compile(r"^(?:fit|install)(?:\s+(?P<obj>.*))?$", re.I),
     "Get {obj} fitted", Phase.onboarding),
    (re.compile(r"^(?:do|run|carry out|conduct)\s+(?:a|an|the)\s+(?P<obj>.+)$", re.I), "{Obj}",
     Phase.usage),
]  # fmt: skip
_GOT = {"consult": Phase.consideration, "survey": Phase.consideration, "measure":
        Phase.consideration, "design": Phase.consideration,
        "quote": Phase.consideration, "estimate": Phase.consideration, "devis":
        Phase.consideration, "presupuesto": Phase.consideration, "orçamento":
        Phase.consideration, "preventivo": Phase.consideration, "price":
        Phase.consideration, "proposal": Phase.consideration, "reminder": Phase.onboarding,
        "confirmation": Phase.onboarding,
        "invoice": Phase.purchase, "receipt": Phase.purchase, "report": Phase.usage,
        "certificate": Phase.usage, "results": Phase.usage, "data": Phase.usage}  # fmt: skip


def _described_there(step: Step, text: str) -> bool:
    """Whether a step the business tells is only said of a place or a thing named before it:
    "People find us on Mercado Libre, where we publish the service" (no moment of theirs)."""
    at = text.find(step.source or "\0")
    return (
        at > 0
        and bool(_COMPANY_SUBJECT.match(step.source or ""))
        and bool(re.search(r"\b(?:where|which|whom)\s*$", text[:at], re.IGNORECASE))
    )


def _told_by_business(clause: str) -> bool:
    """Whether a clause is one of the business's doings that the customer lives another way
    ("send a red/amber/green report": they get the report), as :data:`_THEIR_SIDE` reads them."""
    said = re.sub(r"^\s*(?:(?:and|then)\s+)*", "", clause)
    return any(pattern.match(said) for pattern, _, _ in _THEIR_SIDE)


# Going to the customer for something: "goes out to measure up", "comes out to do the site
# survey"
_GOING_TO_DO = re.compile(
    r"^(?:go|come|pop|turn up|head)\s+(?:out\s+|round\s+|over\s+|up\s+)?to\s+"
    r"(?!(?:the|a|an|their|there|your|our|his|her|them|you|site|home|homes|house|farms?|work|"
    r"town|customers?|clients?|people)\b)(?P<what>.+)$",  # "go out to there drive": where
    re.I,
)


def _their_side(
    phrase: str, phase: Phase | None, *, said_by_us: bool = True
) -> tuple[str, Phase | None]:
    """A doing of the business's as the customer lives it (:data:`_THEIR_SIDE`); where no
    pattern reads it and the brief names the business doing it, as :func:`_as_lived` says it
    ("4. rebook in 6 weeks" in a list the business tells stays as it is: whose it is, is not
    said)."""
    place = re.match(
        r"^(?:go|come|get)\s+(?:over\s+|out\s+|round\s+)?to\s+(?P<place>(?:the|their|"
        r"the customer'?s)\s+\w.*)$",
        phrase,
        re.I,
    )
    if place:  # "our technician goes to their unit": the visit to their unit
        return f"The visit to {place.group('place')}", phase or Phase.usage
    going = _GOING_TO_DO.match(phrase)
    if going:  # the visit, named for what it is for: "The site survey", "The visit to measure up"
        what = going.group("what")
        if re.fullmatch(r"do|carry out|run|have|get|see", what, re.I):
            return "The visit", phase or Phase.usage  # the rest of it was cut off
        done = re.match(r"(?:do|carry out|run)\s+(?:an?|the)\s+(?P<event>.+)$", what, re.I)
        if done:
            return "The " + done.group("event"), phase or Phase.consideration
        return f"The visit to {what}", phase or Phase.consideration
    for pattern, name, default in _THEIR_SIDE:
        match = pattern.match(phrase)
        if match is None:
            continue
        obj = match.groupdict().get("obj") or ""
        obj = re.sub(r"\s*\b(?:ourselves|myself|themselves|too|as well|also)\b", "", obj).strip()
        if name == "{Obj}" and re.fullmatch(r"(?:job|work|jobs|rest|lot)", obj, re.I):
            return f"The {obj}", phase or default  # "do the job": the job, not "Job"
        if re.match(r"(?:up\s+)?(?:what|how|why|which|whether|if)\b", obj, re.I):
            return "", phase  # "write up what else the piano needs": said of what follows
        if name == "Get {obj} fitted":  # "install them in a day": when, not what
            obj = re.sub(r"^(?:it|them)\s+(?=(?:in|on|at|within|by|over|from)\b)", "", obj)
        if name == "Get {obj} fitted" and re.match(r"(?:in|on|at|within|by|over|from)\b", obj):
            obj = ""  # "our crew installs in 1-2 days": the installation
        if not obj and name == "Get {obj} fitted":  # "we install also": the installation
            fitting = phrase.lower().startswith("fit")  # "we fit it": the fitting
            return "Fitting" if fitting else "Installation", phase or default
        if obj.lower() in ("them", "it") and "{" in name and name != "Get {obj} back":  # "we
            # fit them ourselves"
            continue
        if re.fullmatch(r"back\b.*", obj, re.I):  # "deliver it back": they get it back
            obj = f"it {obj}"
        said = name.format(obj=obj, Obj=obj[:1].upper() + obj[1:])
        said = re.sub(r"^Pay (?:the\s+)?payment$", "Pay", said).strip()  # "we take payment"
        got = next((p for word, p in _GOT.items() if word in obj.lower()), None)
        return said, phase or got or default
    return (_as_lived(phrase) if said_by_us else phrase), phase


_LIVED_TAIL = re.compile(
    r"(?:^|\s+)(?:with|on|in|at|for|by|from|to|into|onto|after|before|within|and|or)\s+", re.I
)


def _as_lived(phrase: str) -> str:
    """A doing of the business's that no pattern of :data:`_THEIR_SIDE` reads, named so the
    customer is not the one doing it: an event by its name ("schedule the city inspection":
    "The city inspection"), else the work going on ("mount the sign on site": "Mounting the
    sign on site", "lift it with the travel lift": "Lifting with the travel lift"). Something
    only said of what follows ("write up what else the piano needs") is no moment: ""."""
    verb, _, rest = phrase.strip().partition(" ")
    if not re.fullmatch(r"[a-z]+", verb) or re.search(r"(?:ing|ed)$", verb):
        return phrase  # "Our driver picks up" was read already; an aside stays as it was
    if re.search(r"[aiou]$", verb) and verb not in ("ski", "echo", "veto"):
        return ""  # "we play fado, samba and pop covers": a noun listed, no doing
    if verb in ("meet", "talk", "agree", "discuss", "chat", "decide"):
        return phrase  # "meet to plan the funeral": done with the customer, theirs too
    if (
        verb in ("come", "go", "be", "have")
        or verb in _STOP
        or verb
        in ("through", "via", "over", "into", "after", "before", "then", "also", "all", "both")
    ):
        return ""  # "we come to your house or office": how the business works, no moment
    rest = re.sub(r"^(?:it|them|this|that)\b\s*", "", rest)
    if not rest and verb in ("put", "set", "let", "take", "keep", "get", "make", "send", "give"):
        return ""  # "put it" cut short: nothing to name
    if re.match(r"(?:up\s+|out\s+)?(?:what|how|why|which|whether|if)\b", rest, re.I):
        return ""
    head = _LIVED_TAIL.split(rest, maxsplit=1)[0]
    if head and _EVENT_NOUN.search(head):
        return "The " + re.sub(r"^(?:the|a|an|our|their)\s+", "", rest, flags=re.I)
    return f"{gerund(verb)} {rest}".strip()


def gerund(verb: str) -> str:
    """A verb's -ing form: "mount" -> "mounting", "make" -> "making", "ship" -> "shipping"."""
    if verb.endswith("ie"):
        return verb[:-2] + "ying"
    if verb.endswith("e") and not verb.endswith(("ee", "ye", "oe")) and len(verb) > 2:
        return verb[:-1] + "ing"
    if re.fullmatch(r"[^aeiou]*[aeiou][bdgmnprt]", verb):
        return verb + verb[-1] + "ing"
    return verb + "ing"


def _told_after_colon(sentence: str) -> str:
    """What follows a colon when it is the customers' doings and what comes before it says
    who the business is ("Our council runs the bulky waste collection: residents book a slot
    …"); the sentence as it is otherwise."""
    lead = re.match(r"^[^:;]{3,90}?:\s+(?P<rest>.+)$", sentence)
    if lead is None:
        return sentence
    rest = lead.group("rest")
    head = sentence[: lead.start("rest")]
    if _group("problem").search(_troubling(head)):
        return sentence  # "New clients find the first booking painful: they fill in …": the
        # trouble, told step by step
    return rest if _CUSTOMER_SUBJECT.match(rest) or _people_doing(rest) else sentence


def _steps(text: str, *, narrated: bool = True) -> list[Step]:
    """The customer's steps, where the brief narrates them: a sentence with two or more
    clauses that are the customer's actions (a customer subject, or a verb that goes on from
    one)."""
    steps: list[Step] = []
    for at, sentence in enumerate(sentences(text)):
        parts = clauses(_told_after_colon(_JOURNEY_LABEL.sub("", sentence)))  # "The usual
        # route is that …", "Our council runs the bulky waste collection: residents book …"
        actions: list[Step] = []
        customer = False
        for clause in parts:
            subject = _CUSTOMER_SUBJECT.match(clause) or _people_doing(clause)
            if _COMPANY_SUBJECT.match(clause):
                customer = False
                continue
            if _group("problem").search(_troubling(clause)):
                break  # "they hear nothing for months, ring councillors, ring us": what goes
                # wrong and what people then do about it, not the journey
            body = clause[subject.end() :] if subject else clause
            body = re.sub(_FILLER, "", body, flags=re.I)
            if subject:
                customer = True
            if _ELSEWHERE.search(clause):
                continue  # "people order from the big national sites instead": not our step
            if (subject or customer) and not _platform_first(body):
                # "find us on Google and book a term on our website": two steps; "by phone,
                # paper slip or the NHS App and collect from our dispensary": the second
                for part in _and_then(body):
                    if not _VERBISH.match(part):
                        continue
                    phrase = _verb_phrase(part, 0)
                    if len(phrase.split()) >= 2 or subject or _COMMITS.fullmatch(phrase):
                        actions.append(
                            Step(
                                text=phrase,
                                source=clause,
                                phase=_step_phase(phrase, part if part != body else clause),
                                confidence=0.7 if subject else 0.6,
                            )
                        )
        if len(actions) < 2:  # a narration in the company's words: "we arrange collection,
            # meet to plan the funeral, deal with the crem, then the service"
            phased = [
                (c, re.sub(_FILLER, "", _strip_subject(c), flags=re.I))
                for c in parts
                if phase_of_clause(c) is not None
            ]
            problem_cue = _group("problem")
            phased = [  # "usually after the GM…", "daily orders come in": no step of their own
                (c, body)  # nor a complaint ("the shipping costs eat the margin")
                for c, body in phased
                if _said_as_a_step(
                    c, body, first=at == 0, in_order=bool(_IN_ORDER.search(sentence))
                )
                and not _NO_STEP.match(body)
                and len(_verb_phrase(body, 0).split()) >= 2
                and not problem_cue.search(c)
                and not _CUT.search(c)  # "we pay 15% commission": a cost, not a step
                and not _is_goal(c)  # "want more direct bookings on our own site"
            ]
            if len(phased) >= 3:
                actions = [  # "… then start a 14-day trial and sign a yearly contract": two
                    Step(
                        text=_verb_phrase(part, 0),
                        source=c,
                        phase=phase_of_clause(part if part != body else c) or phase_of_clause(c),
                        confidence=0.5,
                    )
                    for c, body in phased
                    for part in (_and_then(body) if _VERBISH.match(body) else [body])
                ]
        if len(actions) >= 2 or (actions and re.search(r"\bthen\b|->|→", sentence, re.I)):
            steps.extend(a for a in actions if a.text)
    told = _narrated(text)  # the journey told over several sentences, in turns with the
    # business, when that finds more; where a sure pack knows the journey, only a journey of
    # four steps or more told this way outweighs it ("find us …, send their x-rays on
    # WhatsApp and we give a quote, then they cross the border for the first visit")
    if (narrated or len(told) >= 4) and (
        len(told) > len(steps)
        or (len(steps) < 3 and told)
        # "Enquiries come …, then there's an initial visit": the told steps name it better
        or (told and len(told) == len(steps) and any(_IT_IS.match(x.text) for x in steps))
    ):
        committed = [s for s in steps if _COMMITS.fullmatch(s.text)]
        if committed and not any(_COMMITS.match(s.text) for s in told):
            later = [  # "find me on Etsy, buy, I pack and ship": the buying stays
                n for n, s in enumerate(told) if n and (s.phase is None or
                list(Phase).index(s.phase) > list(Phase).index(Phase.purchase))
            ]  # fmt: skip
            told.insert(later[0] if later else len(told), committed[0])
        steps = told
    seen: set[str] = set()
    unique = []
    for step in steps:
        step.text = re.sub(r"\s+by\s+\w+ing$", "", step.text)  # "book … by ringing": how
        step.text = re.sub(  # "pick up the table about six weeks later": when, cut short
            r"\s+(?:about|around|roughly|some|nearly|almost|after|within)(?:\s+(?:a|an|one|two|three|"
            r"four|five|six|seven|eight|nine|ten|\d+))?$",
            "",
            step.text,
        )
        step.text = re.sub(  # "we book the K53 test for them": for whom is no part of it
            r"\s+for\s+(?:them|him|her|you|the\s+(?:customer|client|learner|student)s?)$",
            "",
            step.text,
        )
        step.text = re.sub(  # "have to do a 1-hr orientation": the orientation is the step
            r"^(?:have to|has to|need to|needs to|must|can|could|will)\s+(?=\w+\s)", "", step.text
        )
        if re.match(r"(?:goes|comes|does)\s", step.text, re.I):  # "one of us goes out to
            step.text = base_verb(step.text)  # measure up": "Go out to measure up"
        if _IT_IS.match(step.text):  # "there's an initial visit": the initial visit
            step.text = _named_step(step.text, "", listing=True) or step.text
        if _ALSO_OURS.match(step.source or ""):
            continue  # "We also post our parts on X": a channel the business runs, no step
        if (
            step.phase is Phase.advocacy
            and _COMPANY_SUBJECT.match(step.source or "")
            and not re.search(
                r"\b(?:ask|asks|encourage|encourages|invite|invites)\b", step.source or ""
            )
        ):  # "we do a free desk review": the business's work, not a customer's review
            step.phase = None
        if (
            step.phase is not None
            and list(Phase).index(step.phase) > list(Phase).index(Phase.purchase)
            and _COMMITS.match(step.text)
        ):  # "sign our letter of appointment": the commitment, not the appointment
            step.phase = Phase.purchase
        if _ROLE_SAID.search(step.source or "") and not _IN_ORDER.search(step.source or ""):
            continue  # "Parents pay the fees, mostly fathers": who pays, not a moment
        if step.text.lower() not in seen and not _NOT_A_STEP.search(step.text):
            seen.add(step.text.lower())
            unique.append(step)
    return _handed_over(_site_visit(_one_piece_of_work(unique)[:10]))


def _one_piece_of_work(steps: list[Step]) -> list[Step]:
    """The business's doings told one after another as the work goes on ("our tech … tests the
    water, cleans the filter"; "we wash, iron and pack it") are one moment of the customer's,
    not a stage each: "Testing the water and cleaning the filter", "Washing, ironing and
    packing"."""
    merged: list[Step] = []
    for step in steps:
        before = merged[-1] if merged else None
        if (
            before is not None
            and _DOING.match(step.text)
            and _DOING.match(before.text)
            and before.text.count(",") < 2
            and step.phase == before.phase
        ):
            parts = re.split(r",\s*|\s+and\s+(?=[a-z]+ing\b)", before.text)
            said = [*parts, step.text]
            before.text = f"{', '.join(said[:-1])} and {said[-1]}"
            continue
        merged.append(step)
    return merged


_DOING = re.compile(  # not a hand-over, which is a moment of its own ("collecting the linen")
    r"^(?!(?:getting|going|coming|collecting|picking|delivering|dropping|returning|invoicing|"
    r"billing|sending|posting|shipping|during|nothing|something|anything|everything|morning|"
    r"evening)\b)[a-z]{3,}ing\b"
)


def _only_in(said: str, problem: str, text: str) -> bool:
    """Whether words are said only inside a longer telling of a problem (not also in the
    journey told elsewhere: "then they show up" beside "40% show up missing something")."""
    if said == problem or said not in problem:
        return False
    told = next((s for s in sentences(text) if problem in s), problem)
    if _IN_ORDER.search(told):  # "…, then they pick fabric from my sample books (can take
        return False  # WEEKS)": a step of the journey, with what goes wrong there
    return said.lower() not in text.lower().replace(problem.lower(), " ")


_ALSO_OURS = re.compile(
    r"(?:we|i)\s+also\s+(?:post|posts|have|run|use|share|put|keep)\b(?!.*\bthen\b)", re.I
)


# A step that starts with committing is the purchase, whatever else it names ("book bulky
# waste collections": the booking, not the collection)
_COMMITS = re.compile(
    r"(?:book|books|order|orders|buy|buys|apply|applies|register|registers|enrol|enrols|"
    r"enroll|enrolls|sign\s+up|signs\s+up|subscribe|subscribes|reserve|reserves|pre-?order|"
    r"signs?\s+(?:the|our|a|an|their)\s+(?:[\w-]+\s+){0,2}?(?:contract|agreement|letter|lease|"
    r"engagement|proposal|quote)|"
    r"pre-?orders|fill(?:s)?\s+(?:in\s+|out\s+)?(?:an?\s+|the\s+|our\s+)?(?:[\w-]+\s+)?"
    r"(?:form|application))\b(?!\s+(?:again|next|another|their\s+next|the\s+next))",
    re.IGNORECASE,
)


_WHAT_WE_ARE = re.compile(
    r"^(?:we|i)\s+(?:(?:also|mainly|mostly|just)\s+)?(?:run|own|sell|offer|supply|provide|make|"
    r"manufacture|build|design|do|are|am|'re|'m|have|repair|rebuild|restore|drill|handle|breed|"
    r"rent|hire|teach|grow|play|perform|cater|host|organise|organize|bake|brew|print|coach|"
    r"tutor|train|clean|service|install|fit|deliver|stock|import|export|distribute)\b",
    re.IGNORECASE,
)


_IN_ORDER = re.compile(r"\bthen\b|->|→", re.I)


def _said_as_a_step(clause: str, body: str, *, first: bool, in_order: bool) -> bool:
    """Whether a clause of the business's own telling is a moment of the journey: it opens
    with something done ("meet to plan the funeral", "WhatsApp us to book"), or is told in
    order ("then there's an initial visit, Skills to Foster training and an assessment").
    What the business is, in its first sentence ("we supply and install solar water
    heaters"), a price ("R399 a month plus R650"), a list of channels going on ("Jiji and
    referrals from fundis") and, outside an ordered telling, a description of the product ("a
    pendant or wrist button linked to our control room") are none."""
    if first and _WHAT_WE_ARE.match(clause):
        return False
    if re.match(r"\W*(?:[A-Z]{1,3}\s?|[^\w\s])?\d", body):
        return False  # "R399 a month", "150L to 300L systems"
    if in_order and not (_platform_first(body) or _names_a_channel(body.split(" and ")[0])):
        return True
    body = re.sub(
        r"^[A-Z]?[a-z]+s\s+(?=(?:find|book|hear|see|come|get|sign|run|try|ask)\b)", "", body
    )
    said = body.split()  # "Firms find us through webinars", "run a 30-day trial"
    if (
        len(said) > 1
        and re.fullmatch(r"[a-z]+", said[0])
        and said[1].lower() in _ACTED_ON
        and not re.match(r"(?:am|are|is|was|were|be|been|have|has|had|do|does|can|will)$", said[0])
        and not re.search(r"(?:ing|ly|tion|ness|ment|s)$", said[0])
    ):
        return True
    return bool(
        _VERBISH.match(body)
        or _SERVICE_VERB.match(body)
        or re.match(r"[A-Za-z]+\s+(?:us|me)\b", body)  # "WhatsApp us", "DM me"
        or _a_verb_here(body, _VERBISH, told_in_order=True)
    )


# Said among the steps but none of them: people arriving as a number ("good number of new
# joinees come"), the business's own tools ("quote in Word and track jobs",
# "use LinkedIn to stay in front of the agents") and channels listed as nouns ("referrals from
# general contractors like Freeman", "repeat business")
_NOT_A_STEP = re.compile(
    # a step never opens with a preposition ("Most of the new folks then join …"), nor is a
    # good time one ("… and have a blast")
    r"^(?:of|from|about)\s"
    r"|^(?:have|has|having)\s+(?:a\s+)?(?:blast|ball|great\s+time|good\s+time|fun|laugh)\b"
    r"|^(?:love|loves|enjoy|enjoys)\s+(?:it|them|every\s+minute)\b|"
    r"^(?:(?:a\s+)?(?:good|great|fair|large|small)\s+number\s+of|most|many|lots\s+of|"
    r"a\s+lot\s+of|loads\s+of|plenty\s+of|some|few)\b(?:\s+[\w'-]+){0,5}?\s+"
    r"(?:come|comes|came|come\s+in|comes\s+in)$"
    r"|^(?:use|uses|track|tracks|log|logs|record|records|store|stores|manage|manages|post|posts)\s"
    r"|\b(?:in|on|with|using)\s+(?:word|excel|xero|trello|quickbooks|a\s+spreadsheet|"
    r"google\s+sheets?|a\s+paper\s+diary|a\s+register|a\s+notebook)\b"
    r"|^(?:referrals?|repeat\s+business|word\s+of\s+mouth|recommendations?)\b"
    r"|^(?:export|exports|import|imports)\s+(?:to|from)\b"  # "small brands, some export to US"
    r"|^comes?\s+from\b"  # "most of our work comes from warehouse managers": a source
    r"|^(?:new\s+)?work\s+(?:come|comes|came)(?:\s+in)?$"  # "most new work comes from our site"
    r"|^requests?\s+(?:\w+ly\s+)?(?:come|comes|came)\s+from\b"
    # what the business offers, said to the reader: "we come to your house or office"
    r"|^(?:come|comes|go|goes)\s+to\s+your\b"
    # where they come from, not a step: "sign ups come from freshers fairs"
    r"|^sign[\s-]?ups\s+"
    r"(?:\w+ly\s+)?(?:come|comes|came)\b"
    # who plays which part, not a step: "parents pay and decide, kids attend"
    r"|^(?:[\w'-]+\s+){1,2}?(?:pays?|decides?|attends?|signs?\s+off|takes?\s+the\s+decision)"
    r"(?:\s+(?:and|or|&)\s+(?:pays?|decides?|attends?|signs?\s+off|chooses?))?$",
    re.IGNORECASE,
)


_DROPPED_OFF = re.compile(r"^(?:drop|drops|bring|brings|leave|leaves)\b.*\boff\b|^drop off\b", re.I)
_COLLECTED = re.compile(r"^(?:collect|collects|pick|picks|come back for|get it back)\b", re.I)


def _site_visit(steps: list[Step]) -> list[Step]:
    """A visit just before the quote or estimate ("we visit, photograph every panel, send a
    written estimate") is a site visit to price the job, not the service itself."""
    for n, step in enumerate(steps[:-1]):
        if re.fullmatch(r"(?:the|home|site)\s+visit|visite\s+technique", step.text, re.I) and any(
            re.search(rf"\b(?:quote|estimate|price|proposal|{_QUOTE_ABROAD})\b", later.text, re.I)
            for later in steps[n + 1 : n + 3]
        ):  # "we do a home visit, send the devis": the visit prices the job
            step.phase = Phase.consideration
            if step.text == "The visit":
                step.text = "Site visit"
    return steps


def _handed_over(steps: list[Step]) -> list[Step]:
    """A thing left with the business for its service ("drop the dog off in the morning and
    collect it in the afternoon"): leaving it starts the service and fetching it ends it, both
    the service's moment, not delivery of goods."""
    left = False
    for step in steps:
        if _DROPPED_OFF.match(step.text):
            step.phase, left = Phase.usage, True
        elif left and _COLLECTED.match(step.text):
            step.phase = Phase.usage
    return steps


def _and_then(body: str) -> list[str]:
    """A customer's clause cut where "and" starts another step of theirs ("find us on Google
    and book a term"), not where it joins two things ("Facebook and Instagram")."""
    # (not "click & collect")
    parts = re.split(r"(?<!click)\s+(?:and|&)\s+(?:then\s+)?(?=[a-z])", body)
    out = [parts[0]]
    for part in parts[1:]:
        if _someone_doing(part) or _CUSTOMER_SUBJECT.match(part):  # "… and other parents take
            break  # what fits": another's turn, no part of this step
        if _VERBISH.match(part) and not _NO_STEP.match(part) and not _platform_first(part):
            out.append(part)
        else:
            out[-1] = f"{out[-1]} and {part}"
    return out


def _only_a_figure(text: str) -> bool:
    """A clause that only sizes what came before: "maybe 3%", "sometimes 2 days"."""
    rest = text
    for q in reversed(quantities(text)):
        rest = rest[: q.start] + rest[q.end :]
    words = re.findall(r"[a-z']+", rest.lower())
    filler = {
        "maybe", "about", "around", "roughly", "like", "sometimes", "often", "only", "just",
        "nearly", "almost", "over", "under", "up", "to", "of", "them", "those", "and", "or",
        "the", "a", "per", "cent", "at", "least", "most", "in", "winter", "summer",
        # how often, counted in the occasions it happens on: "about 1 in 6 visits last month"
        "visits", "jobs", "appointments", "bookings", "orders", "calls", "times", "sessions",
        "deliveries", "last", "month", "week", "year", "my", "our",
        # how many do it again: "…, barely 1 in 10 return"
        "return", "returns", "come", "comes", "back",
        "barely", "hardly",
    }  # fmt: skip
    return bool(quantities(text)) and all(w in filler for w in words)


def _labels_joined(parts: list[str]) -> list[str]:
    """ "Goal - repeat donors from 40% to 60%": a label cut off as a sentence or a clause of its
    own goes back in front of what it labels."""
    joined: list[str] = []
    for part in parts:
        if joined and re.fullmatch(r"(?:our\s+)?(?:goal|aim|target|objective)s?", joined[-1], re.I):
            joined[-1] = f"{joined[-1]}: {part}"
        else:
            joined.append(part)
    return joined


# a clause after a goal that sets a second figure: "…, and lift the webshop to 2%"
_GOES_ON = re.compile(
    r"^(?:and\s+|&\s+|also\s+)?(?:to\s+)?(?:lift|get|grow|increase|cut|reduce|raise|push|boost|"
    r"double|halve|hit|reach|improve|take|bring|keep)\b(?=.*\d)"
    r"|^(?:up|down)\s+from\b(?=.*\d)",  # "..., up from like 60% now": the goal's baseline
    re.IGNORECASE,
)


_MEANS = re.compile(  # how a goal is to be reached, said right after it
    r"^(?:and\s+)?(?:by\s+)?(?:push|pushing|move|moving|shift|shifting|steer|steering|nudge|"
    r"nudging|switch|switching|encourage|encouraging|send|sending)\b",
    re.IGNORECASE,
)


_HOPE = re.compile(
    r"(?:^|\b(?:we|i)\s+)need\s+(?=[^.]*\d)|'d love|would love|\blove to\b|"
    r"(?:'d|would)\s+be\s+happy\s+with\s+(?=[^.]*\d)|'d settle for|would settle for",
    re.I,
)


# How long or how much something is, as a range: "lead time is 8 to 10 weeks", "a trial
# usually runs 3-4 months" (no figures to get from one to the other)
_RANGE_SAID = re.compile(
    r"\b(?:is|are|was|were|takes?|took|runs?|lasts?|usually|typically|normally|between)\s+"
    r"(?:about\s+|around\s+|roughly\s+|anywhere\s+from\s+)?[$£€₹R]?\d[\d,]*(?:\.\d+)?k?\s*"
    r"(?:-|–|to)\s*[$£€₹R]?\d",
    re.IGNORECASE,
)


# the business's own people ask for it: "the board wants 55% by end of next year"
_OURS_WANT = (
    r"(?:board|boss|trustees|funders?|management|head office|directors?|ceo|owners?)"
    r"\s+(?:\w+\s+)?(?:wants?|expects?|would like)\b(?=[^.]*\d)"
)


def _is_goal(clause: str) -> bool:
    if _BEHIND_TARGET.search(clause):  # "averaging 9 weeks against a 30 day target": a gap
        return False
    if _without_lacks(clause) != clause and not re.search(r"\d", clause):
        return False  # "I haven't got a website and don't much want one": a fact
    if _INTRO.match(clause):  # "problem is by september we've run out of ...": announced
        return False
    if _THEY_WANT.search(clause) and not re.search(
        r"\b(?:we|i|we'd|i'd)\s+(?:\w+\s+)?(?:want|wanna|like|love|need|aim|hope)", clause, re.I
    ):  # "the corporate leads all want an invoice first", "customers email us photos ... and
        return False  # want a refund": their need, not a goal
    if figure_pair(clause) and not _RANGE_SAID.search(clause):  # "5 a month -> 15 a month"
        return True
    if _HOPE.search(clause) and not _group("problem").search(clause):
        return True  # "Would love 20%", "We need 55%"; "we'd love to, but they never…" is not
    cue = re.search(
        r"\b(?:want|wanna|we'd like|wed like|would like|i'd like|id like|i'd love|id love|aim|"
        r"ideally|would be (?:acceptable|fine|ok|okay|great)|i could live with|"
        r"(?:would|it'd|itd|'d) be (?:good|great|nice|brilliant|ideal) to (?:have|get|see|hit)|"
        r"if (?:we|i) could (?:get|push|bring|lift|raise|cut)|"
        r"aiming|goals?|targets?|(?:would|we'd|wed|i'd)\s+love\s+to\s+(?:halve|cut|double|get|"
        r"grow|increase|reduce|improve|raise|lift|bring|see|hit|reach)|"
        r"hoping|hope to|trying to|plan to|(?<!have )(?<!has )(?<!got )planning to|"
        rf"{_OURS_WANT}|"
        r"looking to|(?:(?:^|\b(?:we|i|us)\s+)"
        r"(?:really\s+)?)need to (?:get|grow|"
        r"increase|cut|reduce|double|halve|improve|win|sell|fill)|"
        r"(?:^|\b(?:we|i)\s+)(?:really\s+|still\s+)?need\s+(?:(?:a\s+lot|lots|many|far)\s+)?"
        r"more\b|by (?:june|july|"
        r"august|september|october|november|december|january|february|march|april|may|"
        r"spring|summer|autumn|fall|winter|christmas|the end|end of|next|\d{4}))\b",
        clause,
        re.IGNORECASE,
    )
    if (
        cue
        and cue.group(0).lower().startswith("by ")
        and re.match(
            r"\s*(?:and\s+)?(?:the|each|every|a|an)\s+[a-z]+\s+(?:then\s+)?[a-z]+s\b", clause, re.I
        )
    ):  # "the student accepts and pays a $300 deposit by May 1": a step's deadline
        return False
    return bool(cue)


_BEHIND_TARGET = re.compile(
    r"\b(?:against|versus|vs\.?|instead of|when|but)\s+(?:a|an|the|our)\s+(?:[\w-]+\s+){0,4}"
    r"(?:target|sla|standard)\b",
    re.IGNORECASE,
)


_POINTING = re.compile(
    r"^(?:we\s+|i\s+)?(?:want|need|'d like|would like)\s+(?:that|it|this)\b", re.I
)
_THEM = (
    r"(?:they|customers?|clients?|people|ppl|users?|members?|leads?|buyers?|guests?|"
    r"patients?|students?|parents?|families|couples|visitors|donors|residents|tenants|"
    r"shoppers|everyone|most|many|some|adjusters?|insurers?|carriers?|auditors?|inspectors?|"
    r"lenders?|banks?|landlords?|agents?|suppliers?|couriers?|councils?|referrers?|chefs?|"
    r"managers?|owners?)"
)
_THEY_WANT = re.compile(
    rf"\b{_THEM}\s+(?:all\s+|just\s+|only\s+|really\s+|usually\s+|"
    r"often\s+|always\s+|still\s+)?(?:want|wants|would like|need|needs|expect|expects)\b"
    # "customers email us photos of yellow leaves ... and want a refund": they want it
    rf"|^(?:[^:]{{0,30}}:\s*|(?:if|when|whenever|once)\b[^,]{{0,40}}?\s)?{_THEM}\b[^.;]{{0,80}}?"
    r"\band\s+(?:then\s+)?(?:want|wants|expect)\b"  # "if the wind is up people cancel and want…"
    # "cafes and restaurants where the head chefs want it done on site": theirs
    r"|\bwhere\s+(?:the\s+|their\s+)?(?:[\w-]+\s+){0,2}[\w-]+s\s+(?:want|need|expect)\b",
    re.IGNORECASE,
)


_FIGURE = re.compile(
    r"(?<![£$€\d.,])\b\d[\d,.]*\s?(?:%|percent|per cent)|\b\d+\s+(?:of|in|out of)\s+\d+\b"
    r"|\bonly\s+(?:about\s+|around\s+|roughly\s+|like\s+)?\d+\s+(?!(?:[a-z]+\s+)?(?:left|remaining|"
    r"spaces?|places?|seats?|slots?)\b)[a-z]+(?:ed|s)?\b"  # "but only 27 registered"
    r"|\b\d+(?:-\d+)?\s+(?:calls?|weeks?|months?|days?|hours?|min|mins|minutes?|years?|yrs?|"
    r"complaints?|no-shows?|"
    r"cancellations?|refunds?|returns?|bids?|tenders?|quotes?|proposals?|pitches?)\b"
    # a wait said in words: "it takes about a month before they have coffee again"
    r"|\b(?:takes?|took|taking|waits?|waited|waiting)\s+(?:about\s+|around\s+|over\s+|nearly\s+|"
    r"almost\s+|up\s+to\s+|more\s+than\s+|at\s+least\s+)?(?:a|an|half\s+an?)\s+"
    r"(?:hour|day|week|fortnight|month|year)\b",
    re.IGNORECASE,
)


_CUT = re.compile(
    r"\d\s?(?:%|percent|per\s?cent)\s+(?:commission|cut|fees?)\b|\bcommission\s+of\s+\d", re.I
)


# The length of a term the business sets, no measure of how things go: "a 45 day trial",
# "30-45 days credit", "the 2-month program"
_TERM_LENGTH = re.compile(
    r"\b\d+(?:\s*-\s*\d+)?[\s-]+(?:days?|weeks?|months?|years?)[\s-]+(?:free\s+)?(?:trial|"
    r"credit|warranty|guarantee|programm?e?|plan|contract|course|terms?|notice|cooling[\s-]off)\b",
    re.IGNORECASE,
)


def _bad_figure(clause: str, troubled: bool = False) -> bool:
    """A figure that describes how things go today ('converts at 0.9%', '400 calls a week',
    'takes 3 weeks'): evidence of a problem, when it is no price or target, and when its own
    words or its sentence (``troubled``) say something is wrong."""
    if _CUT.search(clause):  # "we pay 15% commission": what a platform takes, not a price
        return True
    if not troubled and not re.search(
        r"\b(?:only|just|conver\w*|win rate|return\w*|churn\w*|no[- ]?shows?|drop\w*|los[et]\w*|"
        r"cancel\w*|averag\w*|avg|less than|fewer than|under|below|takes?|took|cycle|wait\w*|"
        r"calls?|complain\w*|fail\w*|ghost\w*|don'?t|"
        r"never|bounce\w*|abandon\w*|refund\w*|late|(?<!put )(?<!puts )(?<!putting )(?<!pay )"
        r"(?<!paid )(?<!pays )down|fell|fallen|stuck|won)\b",
        clause,
        re.IGNORECASE,
    ):
        return False  # a plain fact with a number ("70% of sales go through distributors")
    return bool(_FIGURE.search(_TERM_LENGTH.sub(" ", clause))) and not re.search(
        r"\b(?:costs?|price[sd]?|fee|charge[sd]?|pay|deposits?|(?<!in )advance|upfront)\b|"
        r"[£$€₹₦¥]\s?\d|\b(?:in|within|for|every|each|"
        r"per)\s+(?:the\s+next\s+)?\d+(?:-\d+)?\s+(?:hours?|(?:working\s+)?days?|weeks?|months?|"
        r"years?)\b"  # and no length of what is sold: "a free 15 min call", "20-minute check"
        r"|\b\d+[\s-]?(?:min|mins|minute|minutes|hr|hour)[\s-]+(?:[\w-]+\s+)?(?:call|consult\w*|"
        r"chat|session|class|lesson|check|visit|meeting|tour|walk)\b",
        clause,
        re.IGNORECASE,
    )


_GOAL_PROBLEM = re.compile(
    r"\b(?:cut|cutting|reduce|reducing|lower|lowering|halve|halving|stop|stopping|end|fix|"
    r"fixing|get rid of|fewer|less|win back|bring back|get)\s+(?:down\s+)?(?:the\s+|our\s+)?"
    r"((?:[\w'-]+\s+){0,3}?(?:no[- ]?shows?|churn|cancellations?|complaints?|waste|wait(?:ing)?"
    r"(?: times?)?|drop[- ]?offs?|calls?|returns?|refunds?|lapsed(?: \w+)?|abandon\w*|"
    r"errors?|delays?|queues?|costs?))\b",
    re.IGNORECASE,
)


_GOAL_REASON = re.compile(
    r"\b(?:because|since)\s+(?:right now\s+|at the moment\s+|currently\s+|today\s+)?(.{8,})$"
    # "... without calling them all" (not "without getting bad reviews": a risk to avoid)
    r"|\bwithout\s+(?!(?:getting|losing|hurting|harming|annoying|upsetting|"
    r"damaging|putting|risking|affecting|lowering|sacrificing|compromising|being|learning|"
    r"having|"
    # "… without adding another person on the counter": what the owner will not spend
    r"adding|hiring|taking\s+on|spending|raising|increasing|paying|employing|recruiting|"
    r"buying|building|opening|discounting|extending|changing|"
    # "… without sounding like we're nagging", "without making every owner go back to the
    # vet": a way the owner will not reach the goal, not how things are done now
    r"sounding|seeming|looking|coming|feeling|nagging|pestering|bothering|spamming|making|"
    r"forcing|asking|requiring|sending)\b)(\w+ing\b.{3,})$"
    # "... so I'm not spending evenings on sketches", "... so we don't have to chase them"
    r"|\bso\s+(?:that\s+)?(?:i'?m|i\s+am|we'?re|we\s+are)\s+not\s+(\w+ing\b.{3,})$"
    r"|\bso\s+(?:that\s+)?(?:i|we)\s+(?:don'?t|do\s+not|no\s+longer)\s+(?:have\s+to\s+)?(\w+\b.{3,})$",
    re.IGNORECASE,
)


_OWN_FACT = re.compile(r"^(?:we|i)\s+(?:sell|make|offer|run|do|have|are|'re)\b", re.I)
_INTRO_FACT = re.compile(r"^(?:we|i)\s+(?:sell|make|offer|run|do|are|'re)\b", re.I)
_OWN_REASON = re.compile(
    r"^(?:(?:it'?s|its|it\s+is)\s+)?(?:(?:too\s+much|way\s+too\s+much|a\s+bit\s+of|such)\s+"
    r"(?:of\s+)?(?:an?\s+)?)?(?:faff|hassle|bother|palaver|work)\s*[.!]*$",
    re.I,
)
_OWN_REFUSAL = re.compile(
    r"\b(?:i|we)\s+(?:don'?t|dont|do\s+not|never|won'?t|wont)\s+(?:do|take|use|want|bother)\b"
    r"|\bno\s+(?:website|online|email|app)\b",
    re.I,
)
_AND_THEN = re.compile(r"\s+and\s+(?=(?:the|our|their|they|it|people|customers|clients)\b)", re.I)
_LESS = re.compile(r"\bmake\s+(?:the\s+|our\s+|it\s+)?(.{3,40}?)\s+less\s+(\w+)", re.I)


def _weak_allowed(clause: str) -> bool:
    """A weak cue that still says nothing wrong: "May-October only", "collection only" (a
    restriction after its noun), "ages 4-8"."""
    return not re.search(r"\bonly\s*\)?$|\bages\s+\d", clause, re.IGNORECASE)


def _reasons_in_goal(clause: str, problem_cue: Phrases) -> list[str]:
    """Problems a goal carries inside it: its reason ("... because nobody follows up"), the
    chore it wants gone ("... without calling them all"), what it wants less of ("make the
    first weeks less confusing") and an aside in brackets ("(lots give up by autumn)")."""
    found: list[str] = []
    why = _GOAL_REASON.search(clause)
    if why:
        tail = why.group(1) or why.group(2) or why.group(3) or why.group(4) or ""
        if why.group(1) is None or problem_cue.search(tail):
            found.append(tail.strip())
    less = _LESS.search(clause)
    if less:
        found.append(f"{less.group(1).strip()} {less.group(2)}")
    for aside in re.findall(r"\(([^)]{6,})\)", clause):
        if problem_cue.search(aside):
            found.append(aside.strip())
    return found


def _weak_only(clause: str, problem_cue: Phrases) -> bool:
    """Whether the clause's only problem cues are weak ones ("only", "have to", "weekends")."""
    return not problem_cue.search(clause) and bool(_group("weak_problem").search(clause))


_WANT_SO = re.compile(
    r"\b(?:want|need|would like|'d like|wanna)\s+(?:to\s+(?:have|get|add|set up|try)\s+)?"
    r"(.{4,80}?)\s+so\s+(?:that\s+)?(.+)$",
    re.IGNORECASE,
)
# A complaint that points back at the problem told just before ("half our bad reviews mention
# it", "most complaints are about this")
_POINTS_BACK = re.compile(
    r"\b(?:reviews?|complaints?|comments?|feedback|emails?|calls?|messages?|moans?)\s+"
    r"(?:\w+\s+)?(?:mention|mentions|mentioned|are\s+about|is\s+about|bring\s+up|brings\s+up)"
    r"\s+(?:it|this|that|them)\b|\b(?:complain|complains|moan|moans)\s+about\s+(?:it|this|that)\b",
    re.IGNORECASE,
)
# A moment told before what goes wrong in it ("When one stops working, …")
_MOMENT_FIRST = re.compile(r"(?:when|whenever|if|once)\s", re.IGNORECASE)
# People chasing what they wait for ("I get loads of emails asking where their shoes are"):
# what the wait told before it in the sentence leads to
_ASKING_WHERE = re.compile(r"\b(?:ask|asks|asking|asked)\s+(?:where|when)\b", re.IGNORECASE)
_REMARK = re.compile(
    r"^(?:and\s+|but\s+)?(?:(?:i|we)\s+(?:honestly\s+|really\s+|just\s+)?(?:don'?t|do not)\s+"
    r"know\s+(?:why|how|what)|no idea why|(?:what|where)\s+(?:are|am)\s+(?:we|i)\s+doing\s+"
    r"wrong)\b[^,]{0,20}$",
    re.IGNORECASE,
)
_WHY = re.compile(r"^(?:but\s+|so\s+|and\s+)?(?:why|how come)\b", re.IGNORECASE)


# Words that look like trouble and are not: a promise that nothing goes wrong ("the clean
# happens overnight so service isn't disrupted"), "issue" as a verb ("we issue a certificate"),
# and who the business is for ("specialising in nervous adult learners", "to people who can't
# get to a branch")
_NO_TROUBLE = re.compile(
    r"\b(?:isn'?t|is not|aren'?t|are not|won'?t be|will not be|never|without being)\s+"
    r"(?:\w+ly\s+)?(?:disrupted|interrupted|affected|disturbed|delayed|kept waiting|left waiting|"
    r"out of pocket|inconvenienced)\b"
    r"|(?:\b(?:we|i|they|you|to|will|then|also|and|can|could|must)\s+|^)(?:\w+ly\s+)?issues?\s+"
    r"(?!with\b)"
    r"(?=(?:an?|the|our|their|your|each|every|all)\b)|\b(?:we|i|they|you|to|will|then|also)\s+"
    r"(?:\w+ly\s+)?issues?\b|\bissued\b"
    r"|\b(?:speciali[sz]\w*|catering|aimed|designed)\s+(?:in|for|to|at)\s+[^,.;]{0,60}"
    # a step of the journey: "go on the waiting list" (not "stuck on the waiting list")
    r"|\b(?:go|goes|went|put|puts|get|gets|join|joins)\s+(?:\w+\s+)?(?:on|onto)\s+(?:the|our|a)\s+"
    r"waiting[\s-]+list\b"
    # what a goal must not cost: "…, without sounding like we're nagging our own listeners"
    r"|\bwithout\s+(?:sounding|seeming|looking|coming\s+across|feeling)\s+[^,.;]{0,60}"
    r"|\b(?:to|for)\s+(?:\w+\s+){0,3}who\s+(?:can'?t|cannot|can not|never|are unable to|"
    r"aren'?t able to|don'?t\s+have|do\s+not\s+have|have\s+no)\s+[^,.;]{0,40}"
    r"|\b(?:late|early|mid)[\s-]+(?:teens|twenties|thirties|forties|fifties|sixties|\d0s)\b"
    # who the customers are, not trouble: "mostly panicking homeowners who've found a snake"
    r"|^(?:most\s+|our\s+|the\s+)?(?:customers|clients|members|callers|users|buyers)\s+are\s+"
    r"(?:(?:mostly|mainly|usually|often|largely)\s+)?\w+ing\b"
    # what the business spares them: "rebuilds batteries so people don't need to buy a new pack"
    r"|(?:\bso\s+(?:that\s+)?|^)(?:people|customers|clients|you|they|owners|riders|families)\s+"
    r"(?:don'?t|do\s+not|won'?t|never)\s+(?:need|have)\s+to\b[^,.;]*"
    # how the work divides, no trouble: "about half our work is Hausbesuche"
    r"|\bhalf\s+(?:of\s+)?(?:our|my)\s+(?:work|business|jobs|trade|turnover|revenue|income)\s+"
    r"(?:is|comes)\b"
    # who is served, by what they cannot do: "elderly people after a stroke who cant get to
    # the practice", "patients who can't drive"
    r"|\bwho\s+(?:can'?t|cant|cannot|can\s+not|are\s+unable\s+to)\s+(?:easily\s+)?"
    r"(?:get\s+(?:to|out|in)|come\s+(?:to|in)|travel|drive|walk|leave\s+(?:the\s+)?(?:house|home))"
    r"\b[^,.;]*"
    # "the tech comes out after close so we dont disturb service"
    r"|(?:\bso\s+(?:that\s+)?|^)(?:we|i|they|it)\s+(?:don'?t|dont|do\s+not|won'?t|wont|never)\s+"
    r"(?:disturb|interrupt|disrupt|get\s+in\s+the\s+way\s+of)\b[^,.;]*"
    # "... overnight so nobody has to close"
    r"|\bso\s+(?:that\s+)?(?:nobody|no\s+one|noone)\s+(?:has|have|needs?)\s+to\b[^,.;]*"
    # who is served or what it costs them, no trouble: "for low-income households", "a
    # low-cost option", "it costs the resident nothing"
    r"|\blow[- ](?:income|cost|carbon|waste|energy|maintenance|vision|paid|wage|fat|sugar)\b"
    r"|\b(?:costs?|charges?|pays?)\s+(?:the\s+|them\s+|you\s+|our\s+)?(?:\w+\s+)?nothing\b"
    # what the owner will not do, no trouble of its own: "we can't just pay more"
    r"|\b(?:we|i)\s+(?:can'?t|cannot|can\s+not)\s+(?:just\s+|really\s+|simply\s+)?"
    r"(?:afford|pay\s+(?:\w+\s+)?more|charge\s+more|raise\s+(?:our\s+|the\s+)?prices?)\b[^,.;]*"
    # who they are by what they live with: "adult children who have moved away and can't
    # visit often", "women and kids losing their hair from chemo"
    r"|^(?:most\s+(?:of\s+)?|our\s+|my\s+|the\s+)?(?:customers|clients|members|users|buyers)\s+"
    r"are\s+(?:mostly|mainly|usually|often|largely)\s+[^,.;]*?\bwho\b[^,.;]*"
    r"|\b(?:losing|lost|lose)\s+(?:their|his|her)\s+(?:hair|sight|hearing|memory|mobility)\b"
    # what is sold or given, not trouble: "a free empty box", "we handle vehicle paperwork"
    r"|\b(?:free|an?|the|their|our)\s+empty\s+(?:boxe?s?|bottles?|jars?|containers?|crates?|"
    r"bags?|cans?|drums?)\b"
    r"|^(?:and\s+)?(?:we|i)\s+(?:handle|do|sort|sort out|deal with|take care of|take on)\s+"
    r"(?:all\s+)?(?:the\s+|your\s+)?(?:[\w-]+\s+){0,2}(?:paperwork|admin|red tape)\b"
    r"|\b(?:we|they)\s+(?:rely|relies|depend|depends)\s+on\s+(?:our\s+)?volunteer\w*[^,.;]*"
    # the niche others leave: "the small blocks the big gangs wont touch"
    r"|\b(?:the\s+big\s+[\w-]+|big\s+(?:firms|companies|players)|others|competitors|"
    r"nobody\s+else|no\s+one\s+else)\s+(?:won'?t|wont|don'?t|dont|can'?t|cant|will\s+not)\s+"
    r"(?:touch|do|take|bother\s+with)\b"
    # a day or place named for a step, and what the business does: "bring the animal on
    # drop-off day", "I empty fosses septiques and sort the SPANC paperwork"
    r"|\bdrop[- ]?off\s+(?:day|point|time|slot|location|box|boxes)\b|\b(?:we|i)\s+empty\b"
    # a thing handed over: "customers drop off their shirts and suits", "drop it off"
    r"|\bdrop(?:s|ped|ping)?\s+(?:off\s+(?:their|the|your|his|her|my|our)|(?:it|them|their\s+"
    r"\w+|the\s+\w+)\s+off)\b"
    r"|\band\s+(?:handles?|sorts?|sort out|deal with|take care of|do|does)\s+(?:all\s+)?"
    r"(?:the\s+|your\s+)?"
    r"(?:[\w-]+\s+){0,2}(?:paperwork|admin|red tape)\b"
    # a time of year or day, no lateness: "on distribution day in late May", "early spring"
    r"|\b(?:late|early|mid)[\s-]+(?:jan|feb|march|april|may|june|july|aug|sep|oct|nov|dec|"
    r"spring|summer|autumn|fall|winter|morning|afternoon|evening|season|term|year|week)\w*\b"
    # people leaving something with the business as the day goes: "owners drop off before
    # work and collect after 6"
    r"|\bdrop(?:s)?\s+off\s+(?:before|after|on\s+their\s+way|in\s+the\s+morning|at\s+\d)",
    re.IGNORECASE,
)


def _troubling(clause: str) -> str:
    """The clause with words that only look like trouble taken out: "the Buy Nothing groups",
    and a channel the business says it does without ("I don't have a website" is a fact)."""
    return _NO_TROUBLE.sub(" ", _mask_platforms(_without_lacks(clause)))


_NOR_WANT = re.compile(
    r"(?:\s*,)?\s+(?:and|but)\s+(?:i|we)?\s*(?:don't|dont|do not)\s+(?:\w+\s+)?(?:want|need)"
    r"\s+(?:one|it|them|to be|to)\b",
    re.IGNORECASE,
)


def _without_lacks(clause: str) -> str:
    """The clause with each "no website", "I don't do email" blanked out."""
    if not _NEGATOR.search(clause):
        return clause  # nothing denied: the usual clause is not scanned for every channel
    spans: list[tuple[int, int]] = []
    for _, pattern in _channel_patterns():
        for match in pattern.finditer(clause):
            begins = _lacking_from(clause, match.start())
            if begins is not None:
                rest = _NOR_WANT.match(clause, match.end())  # "… and don't much want one"
                spans.append((begins, rest.end() if rest else match.end()))
    for start, end in sorted(spans, reverse=True):
        clause = clause[:start] + " " * (end - start) + clause[end:]
    return clause


# What goes well before a "but" is no part of the problem: "downloads are great after every
# news piece, but half never unlock a bike"
_GOING_WELL = re.compile(
    r"\b(?:is|are|was|were|'s|'re)\s+(?:\w+\s+)?(?:great|fine|good|ok|okay|strong|healthy|"
    r"solid|booming|decent|steady|brilliant|amazing)\b|\bgoing well\b|\bno problem\b",
    re.IGNORECASE,
)


# "The problem is on collection day itself: ...", "Problem is the waiting list, ...", "Our
# biggest headache is after handover, ...": the problem is named by where it happens, then told
_LOCATED = re.compile(
    r"^(?:(?:honestly|tbh|basically|so|well|but|and|the\s+thing\s+is)\s*,?\s+)*(?:(?:"
    r"(?:(?:the|our|my|a)\s+)?(?:(?:big|biggest|main|real|one|only|other)\s+)?"
    rf"(?:{_PROBLEM_WORD}s?|nightmare)\s+(?:is|are|sits|comes|starts|happens|hits|lies|shows up)"
    r"|what\s+kills\s+(?:us|me)\s+is|where\s+(?:it|things)\s+(?:goes|go)\s+wrong\s+is"
    # "the bit that kills us is the approving", "where it falls apart is the download"
    r"|(?:the\s+)?(?:bit|part|step|thing)\s+that\s+(?:kills\s+(?:us|me)|holds\s+(?:\w+\s+)?up|"
    r"goes\s+wrong|slows\s+(?:\w+\s+)?down)\s+is"
    r"|where\s+(?:it|things|everything)\s+(?:all\s+)?(?:falls?|breaks?)\s+(?:apart|down)\s+is"
    r"|we\s+lose\s+(?:them|people|ppl|most|customers|clients|families)"
    r"|complaints\s+are\s+(?:mostly|all|nearly all|usually)?\s*about)\s+"
    r"(?:that\s+)?(?P<where>[^:,;.!?]{2,70}?)"
    r"|(?:at|in|during)\s+(?P<stage>(?:the|that|this)\s+[^:,;.!?]{2,40}?\s+"
    r"(?:stage|step|point|moment|part|bit)))"
    r"(?:(?:\s*[:,]|\s+[-–—])\s*(?P<rest>\S.*)|\s*[.!]?)$",
    re.IGNORECASE,
)
# A place said as what holds everything up: "It's the picking that holds everything up, the
# shade card just sits on the table", "at the instrument part we lose about half"
_HOLDS_UP = re.compile(
    r"^(?:(?:honestly|tbh|basically|so|well|but|and|the\s+thing\s+is)\s*,?\s+)*"
    r"(?:it'?s|it\s+is)\s+(?P<where>(?:the\s+|our\s+)?[^:,;.!?]{2,40}?)\s+that\s+(?:holds|slows|"
    r"kills|drags|trips|messes)\b[^:,;.!?—–-]*(?:\s*[:,]|\s+[-–—])\s*(?P<rest>\S.*)$"
    r"|^(?:(?:honestly|tbh|basically|so|well|but|and|the\s+thing\s+is)\s*,?\s+)*"
    r"(?:at|in|during)\s+(?P<stage>(?:the|that|this)\s+[^:,;.!?]{2,40}?\s+(?:stage|step|part|bit))"
    r"\s+(?P<then>(?:we|they|people|most|half|loads|lots|many)\b.*)$",
    re.IGNORECASE,
)
# What cannot open a place in the journey: someone doing something ("the problem is people
# book and don't show, ...") is the problem itself
_NOT_A_PLACE = re.compile(
    r"^(?:i|we|they|he|she|it|you|people|ppl|customers|clients|guests|users|nobody|no one|most|"
    r"many|some|half|about|around|roughly|only|just|too|not|no|our\s+\w+\s+(?:is|are))\b|^\d",
    re.IGNORECASE,
)
_JUST_WHEN = re.compile(r"^(?:after|afterwards|later|then|later on)$", re.IGNORECASE)


def _where_told(said: list[str]) -> set[int]:
    """The sentences that tell a problem where it happens: those that say the place first,
    and the one after a place said alone ("Trouble starts after the first consult.")."""
    out: set[int] = set()
    for at, sentence in enumerate(said):
        found = _located(sentence)
        if found is not None:
            out |= {at, at + 1} if _told_next(found, said, at) else {at}
    return out


def _told_next(found: tuple[str, str, Phase | None], said: list[str], at: int) -> bool:
    """Whether a place said alone is told by the sentence after it (not by a goal)."""
    return not found[1] and at + 1 < len(said) and not _is_goal(clauses(said[at + 1])[0])


def _located(sentence: str) -> tuple[str, str, Phase | None] | None:
    """Where a problem sentence says its problem happens, before telling it: the words, the
    problem told after them, and the phase they name (None when they name none)."""
    found = _LOCATED.match(sentence.strip())
    held = None if found is not None else _HOLDS_UP.match(sentence.strip())
    if held is not None:  # "It's the picking that holds everything up, …"
        where = (held["where"] or held["stage"]).strip()
        rest = (held["rest"] or held["then"] or "").strip(" .")
        if _NOT_A_PLACE.match(where) or len(rest.split()) < 3:
            return None
        return where, rest, problem_phase(where) or problem_phase(rest)
    if found is None:
        return None
    where, rest = (found["where"] or found["stage"]).strip(), (found["rest"] or "").strip(" .")
    if found["stage"] and not _group("problem").search(_troubling(rest)):
        return None  # "At the finding stage, they're lost: ..." but not "At that point, we ..."
    if _NOT_A_PLACE.match(where) or len(where.split()) > 9 or 0 < len(rest.split()) < 3:
        return None
    places = _group("problem_locators").values()
    bare = reduce(lambda said, at: at.sub(lambda _: " ", said), places, _mask_platforms(where))
    if not found["stage"] and _group("problem").search(_troubling(bare)):
        return None  # "Problem is enquiries go quiet after I send prices": the problem itself
    if _JUST_WHEN.match(where):  # "the problem comes after, when they use it, ...": the
        head, _, tail = rest.partition(",")  # clause after says when
        if not tail.strip():
            return None
        where, rest = f"{where}, {head.strip()}", tail.strip()
    moment = moment_of(_mask_platforms(where))  # "the proof approval": the proof, not a sale
    phase = (  # a place no locator names ("the off-season") is where what follows bites
        (moment.phase if moment is not None and not moment.weak else None)
        or _strongest_cue("problem_locators", _mask_platforms(where))
        or problem_phase(rest)
        or problem_phase(where)
    )
    return where, rest, phase


# A problem told mid-sentence that opens with where it bites: "(the thing is) at the
# instrument part we lose about half"
_AT_THE_PART = re.compile(
    r"^(?:the\s+thing\s+is,?\s+)?(?:at|in|during)\s+(?P<where>(?:the|that|this)\s+[^:,;.!?]{2,40}?)"
    r"\s+(?:stage|step|part|bit|point)\b[\s,:-]*(?=\S)",
    re.IGNORECASE,
)


def _placed_in_itself(problem: Problem) -> Problem:
    """A problem whose own words open with where it bites ("At the instrument part we lose
    about half"), with that place as its ``where``, when no sentence said one."""
    found = _AT_THE_PART.match(problem.text)
    if problem.where or found is None or _NOT_A_PLACE.match(found["where"]):
        return problem
    where = found["where"]
    phase = problem_phase(where) or problem.phase
    return problem.model_copy(update={"where": where, "phase": phase})


def _problems_and_goals(text: str) -> tuple[list[Problem], list[Goal]]:
    problems: list[Problem] = []
    goals: list[Goal] = []
    problem_cue = _group("problem")
    weak_cue = _group("weak_problem")
    goal_cue = _group("goal")
    troubled = False
    parts: list[str] = []
    said = _labels_joined(sentences(text, questions=True))
    told: dict[int, int] = {}  # a problem read from a clause -> the sentence it was said in
    cause_at = (-1, -1)  # the sentence and clause the last cause joined to a problem came from
    placed: dict[int, tuple[str, Phase | None]] = {}  # a sentence that only says where
    for at, sentence in enumerate(said):
        whole = figure_pair(sentence)  # "5 a month -> 15 a month" is one goal
        previous, parts = parts, [sentence] if whole else _labels_joined(clauses(sentence))
        going_on = bool(re.match(r"^(?:[a-z0-9~]|about|around|roughly|esp)", sentence))
        # the problem the sentence before ended on, for a sentence that goes on about it
        last = problems[-1] if problems and at and problems[-1].source in said[at - 1] else None
        troubled = (troubled and going_on) or any(  # "No-shows are killing us - about 12%..."
            (problem_cue.search(_troubling(c)) or _bad_figure(c)) and not _is_goal(c) for c in parts
        )
        place = placed.get(at - 1)
        skip = 0  # the clauses told already, as the problem of a place said before
        if (
            place is not None
            and at + 1 < len(said)
            and len(sentence.split()) <= 5
            and not problem_cue.search(_troubling(sentence))
            and not _bad_figure(sentence)
            and not _is_goal(sentence)
            and not re.search(
                r"\b(?:is|are|was|were|get|gets|got|do|does|did|don'?t|can'?t)\b", sentence, re.I
            )
        ):  # "Biggest headache is the end of the job - off-hire and dismantle. Around 20% of
            # invoices get disputed": the aside names the place, the next sentence the problem
            where = f"{place[0]} - {sentence.strip(' .')}"
            placed[at] = (where, _strongest_cue("problem_locators", where) or place[1])
            continue
        if place is not None:  # "Trouble starts after the first consult. By day 4 …": told
            skip = next((n for n, c in enumerate(parts) if _is_goal(c)), len(parts))  # here,
            upto = sentence.find(parts[skip]) if skip < len(parts) else len(sentence)  # up to
            upto = len(re.sub(r"[\s,;]*(?:\b(?:and|but|so)\b)?[\s,;.]*$", "", sentence[:upto]))
            problems.append(  # a goal said after it ("…, and we want to hit 50%")
                Problem(
                    text=sentence[:upto].strip(" .,;"),
                    source=sentence[:upto].strip(" .,;"),
                    phase=place[1] or problem_phase(sentence[:upto]),
                    where=place[0],
                    confidence=0.8,
                )
            )
            told[id(problems[-1])] = at
            cause_at = (at, skip - 1)
            if skip == len(parts):
                continue
        located = _located(sentence)
        if located is not None and not any(_is_goal(c) and goal_cue.search(c) for c in parts):
            # ("…, sometimes 60 to 90 days, …" is a range, no goal)
            # one problem, however many clauses tell it, where the sentence says it happens
            where, _rest, phase = located
            if _told_next(located, said, at):
                placed[at] = (where, phase)  # "Trouble starts after the first consult.": told
                continue  # in the next sentence ("Where it goes wrong is collection." is all)
            said_at = sentence.find(where)
            problems.append(
                Problem(
                    text=sentence[said_at:].strip(" ."),
                    source=sentence,
                    phase=phase,
                    where=where,
                    confidence=0.8,
                )
            )
            told[id(problems[-1])] = at
            cause_at = (at, len(parts) - 1)
            continue
        if _WHY.match(sentence) and sentence.endswith("?") and not troubled:
            # "why do so many groups book a tasting and then just not show??": the question
            # names the problem
            problems.append(
                Problem(
                    text=_WHY.sub("", sentence).strip(" ?"),
                    source=sentence,
                    phase=phase_of_clause(sentence),
                    confidence=0.6,
                )
            )
            continue
        for n, clause in enumerate(parts):
            if n < skip:
                continue
            if (
                n
                and goals
                and goals[-1].source in parts[n - 1]
                and re.match(r"ideally\b", clause, re.I)
                and not re.search(r"\d", clause)
            ):  # "reach families earlier, ideally right after diagnosis": one goal
                goals[-1].text = f"{goals[-1].text}, {clause}"
                continue
            if (
                n
                and goals
                and goals[-1].target is None
                and goals[-1].source in parts[n - 1]
                and re.match(r"(?:say|ideally|so|i\.?e\.?)\b", clause, re.I)
                and _only_a_figure(re.sub(r"^\w+\.?", "", clause))
            ):  # "We'd want nearly all to come, say 80%": the figure is the goal's target
                joined = f"{goals[-1].source}, {clause}"
                earlier = ". ".join([*said[:at], ", ".join(parts[: n - 1])])
                goals[-1] = _goal(joined, parts[: n - 1] or previous, earlier, "")
                continue
            if _is_goal(clause) or (n and _is_goal(parts[n - 1]) and _GOES_ON.match(clause)):
                # "want that under 1 in 20": "that" is the figure of the sentence before
                before = parts[:n] or (previous if _POINTING.match(clause) else [])
                earlier = ". ".join([*said[:at], ", ".join(parts[:n])])  # sentences kept apart
                later = ". ".join([", ".join(parts[n + 1 :]), *said[at + 1 : at + 2]])
                for one in _one_goal_each(clause):
                    head = clause[: clause.find(one)].rstrip(" ,;") if one in clause else ""
                    if head and not _is_goal(head):  # "we get ~30 complaints a month and want
                        # it under 5": the first half says where things stand
                        goals.append(_goal(one, [*before, head], f"{earlier}. {head}", later))
                    else:
                        goals.append(_goal(one, before, earlier, later))
                # "... because right now nobody follows up", "... without calling them all":
                # the reason or the chore a goal names is a problem of its own
                rest = sentence[max(sentence.find(clause), 0) :]  # "... so I'm not X" was cut off
                for tail in _reasons_in_goal(rest if _is_goal(rest) else clause, problem_cue):
                    problems.append(
                        Problem(
                            text=tail, source=clause, phase=phase_of_clause(tail), confidence=0.6
                        )
                    )
                wanted_gone = _GOAL_PROBLEM.search(clause)
                if wanted_gone and (
                    re.match(  # "cut those calls": said already, before
                        r"(?:those|these|that|this|them|it)\b", wanted_gone.group(1).strip(), re.I
                    )
                    or len(wanted_gone.group(1).split()) < 2  # "get the return rate": no problem
                ):
                    wanted_gone = None
                if wanted_gone:  # "cut no shows by half": the no-shows are a problem too
                    problems.append(
                        Problem(
                            text=wanted_gone.group(1).strip(),
                            source=clause,
                            phase=phase_of_clause(wanted_gone.group(1)),
                            confidence=0.6,
                        )
                    )
            elif n and _is_goal(parts[n - 1]) and _MEANS.match(clause):
                continue  # "want to cut counter visits by half, push people to SMS instead"
            elif (
                (
                    n
                    and problems
                    and told.get(id(problems[-1])) == at
                    and problems[-1].source in parts[n - 1]
                    and _BECAUSE.match(clause)
                )
                or (
                    n
                    and problems
                    and told.get(id(problems[-1])) == at
                    and _CAUSE_OPENS.match(clause)
                )
                or (
                    n
                    and problems
                    and told.get(id(problems[-1])) == at
                    and problems[-1].source in parts[n - 1]
                    and _GUESSED_CAUSE.match(clause)
                    and problem_cue.search(_troubling(clause))
                )
            ):  # "..., usually because the organiser needs sign-off": the cause goes with it,
                # a cause said as one ("…, its because they dont cure it") a clause later, and
                # the one guessed ("that call goes badly a lot, we think people feel sold to")
                _join(problems[-1], Problem(text=clause, source=clause), sentence)
                cause_at = (at, n)
            elif (
                n
                and problems
                and cause_at == (at, n - 1)
                and re.search(
                    r"(?:^|[\s,])(?:and|or)\s+$", sentence[: max(sentence.find(clause), 0)], re.I
                )
                and not _is_goal(clause)
            ):  # "…, its because they dont cure it, and the instructions are on a tiny card"
                _join(problems[-1], Problem(text=clause, source=clause), sentence)
                cause_at = (at, n)
            elif (
                not n
                and problems
                and told.get(id(problems[-1])) == at - 1
                and (
                    _CAUSE_OPENS.match(clause)
                    or (_GUESSED_CAUSE.match(clause) and problem_cue.search(_troubling(sentence)))
                    or (
                        _OF_THEM.match(clause)
                        and problem_cue.search(_troubling(sentence))
                        and not _DASHED.search(_between(text, said[at - 1], sentence))
                    )
                )
            ):  # "… return it as defective. Its because they dont cure it first": its cause;
                # "… but only 27 registered. We suspect many are waiting for approval": too
                why = sentence.strip(" .")
                if why[:1].isupper() and not why[:2].isupper() and not why.startswith("I "):
                    why = why[:1].lower() + why[1:]  # "…, mostly the elderly cannot travel"
                problems[-1].text = f"{problems[-1].text}, {why}"
                told[id(problems[-1])] = at
                cause_at = (at, len(parts) - 1)
                break
            elif (
                n
                and problems
                and cause_at == (at, n - 1)
                and _MORE_CAUSES.match(clause)
                and not _is_goal(clause)
            ):  # "..., due to fear, no escort or loss of wages": the other causes go with it
                _join(problems[-1], Problem(text=clause, source=clause), sentence)
                cause_at = (at, n)
            elif (
                problem_cue.search(_troubling(clause))
                or _bad_figure(clause, troubled)
                or (troubled and weak_cue.search(clause) and _weak_allowed(clause))
            ):
                if _OWN_FACT.match(clause):  # "we have 14 branches": a fact, unless it goes on
                    halves = _AND_THEN.split(clause, maxsplit=1)  # "... and the council has cut"
                    if problem_cue.search(halves[0]) and not (
                        at == 0 and n == 0 and _INTRO_FACT.match(clause)
                    ):
                        pass  # "we have lots of churn after term 1": the fact is the problem
                        # (the brief's opening "I run classes for reactive and anxious dogs"
                        # says who it is for)
                    elif len(halves) < 2 or not problem_cue.search(halves[1]):
                        continue
                    else:
                        clause = halves[1]
                if _REMARK.search(clause):  # "I honestly don't know why": no problem of its own
                    continue
                if problems and (
                    (told.get(id(problems[-1]), -2) in (at, at - 1) and _POINTS_BACK.search(clause))
                    or (told.get(id(problems[-1]), -2) == at and _ASKING_WHERE.search(clause))
                ):  # "… sitting in our portakabin for up to 2 hours. Half our bad reviews
                    # mention it": how much the problem told just before costs, not another
                    glue = ", " if _MOMENT_FIRST.match(problems[-1].text) else "; "
                    more = f"{clause[:1].lower()}{clause[1:]}"
                    problems[-1].text = f"{problems[-1].text}{glue}{more}"
                    continue
                if n and _OWN_REASON.match(clause) and _OWN_REFUSAL.search(parts[n - 1]):
                    continue  # "i dont take online bookings, too much faff": why the owner
                    # does without something, no trouble customers meet
                text_ = re.sub(
                    r"^(?:(?:and|but|so|because|although|though|however|honestly|tbh|frankly|"
                    r"to be honest)\s*,?\s+)+",
                    "",
                    clause,
                    flags=re.I,
                )
                listed_on = False  # "…, start building the first rota, and never come back"
                if n > 0 and len(text_.split()) <= 3 and at == 0 and _INTRO_FACT.match(parts[0]):
                    continue  # "We are a despachante office in Campinas, vehicle paperwork":
                    # what the business does, listed after who it is
                if n > 0 and len(text_.split()) <= 3 and not problem_cue.search(parts[n - 1]):
                    said_but = re.match(r"^(but|so)\s", clause, re.I)  # "..., but only 20% renew"
                    joint_word = f" {said_but.group(1).lower()} " if said_but else ", "
                    text_ = f"{parts[n - 1]}{joint_word}{text_}"  # "loads of DMs, few orders"
                    listed_on = not said_but
                if n > 0 and re.match(r"^which\b", text_, re.I):  # "..., which takes us days"
                    text_ = f"{parts[n - 1]}, {text_}"
                joint = re.match(r"^(so|but)\s", clause, re.I)
                if (
                    joint
                    and n > 0
                    and not text_.startswith(parts[n - 1])
                    and not problem_cue.search(parts[n - 1])
                    and (joint.group(1).lower() == "so" or len(parts[n - 1].split()) <= 12)
                    and not (joint.group(1).lower() == "but" and _GOING_WELL.search(parts[n - 1]))
                ):
                    # "..., so we're losing X" keeps its cause; "loads of DMs but few orders"
                    # keeps what the few are set against; a long narration before "but" is
                    # the journey, not part of the problem
                    text_ = f"{parts[n - 1]} {joint.group(1).lower()} {text_}"
                phase = (
                    # "…start building the first rota, and never come back": the moment the
                    # clause before names, when its cue says more than the complaint's
                    (problem_phase_cue(text_) if listed_on else None)
                    or problem_phase(clause)
                    or next((p for c in parts if (p := problem_phase(c)) is not None), None)
                    or (last.phase if last else None)
                )  # "We onboard them … a right faff. Takes about 3 weeks": the same moment
                if (
                    n
                    and _is_goal(parts[n - 1])
                    and _bad_figure(clause)
                    and not problem_cue.search(_troubling(clause))
                    and re.match(
                        r"(?:and\s+)?(?:right\s+now|now|currently|at\s+the\s+moment|"
                        r"at\s+present|today|so\s+far)\b",
                        clause,
                        re.I,
                    )
                ):  # "I want 40% direct within a year, now it is only 10%": the baseline
                    continue
                if (
                    n + 1 < len(parts)
                    and _is_goal(parts[n + 1])
                    and quantities(clause)
                    and problems
                    and problems[-1].where is not None
                    and told.get(id(problems[-1]), at) < at
                ):  # "Right now only about 50% reconfirm … and I want 85% …", after a
                    # sentence that told the problem where it happens: the goal's baseline
                    continue
                if _only_a_figure(text_):  # "…joins the wine club, maybe 3%": its size
                    if problems and problems[-1].source in sentence:
                        problems[-1].text = f"{problems[-1].text} ({text_.strip(' ?.')})"
                    continue
                if (
                    problems
                    and told.get(id(problems[-1]), -2) == at
                    and _MOMENT_FIRST.match(problems[-1].text)
                    and len(problems[-1].text.split()) <= 6
                ):  # "When one stops working, people post it back and it takes about a
                    # month": the moment, then what goes wrong in it
                    first = problems[-1]
                    first.text = f"{first.text}, {text_[:1].lower()}{text_[1:]}"
                    first.phase = first.phase or phase
                    continue
                problems.append(Problem(text=text_, source=clause, phase=phase, confidence=0.7))
                told[id(problems[-1])] = at
    problems = _one_problem_each(problems, told, said, text)
    problems = [  # "cut late returns" when "costumes coming back late …" was told already
        p
        for p in problems
        if not (
            _is_goal(p.source) and any(q is not p and _told_in(p.text, q.text) for q in problems)
        )
    ]
    for sentence in sentences(text):  # "want a proper order form + deposit so ppl stop ghosting"
        wanted = _WANT_SO.search(sentence)
        if wanted:
            for problem in problems:
                if problem.text and problem.text in wanted.group(2) and problem.fix is None:
                    problem.fix = _tidy(wanted.group(1))
                    # "so ppl stop ghosting me": the problem is the ghosting
                    problem.text = re.sub(r"\b(?:stop|stops|quit)\s+", "", problem.text, count=1)
    for n, goal in enumerate(goals):  # "reopened jobs under 10% and satisfaction up to 80%":
        figures = {f for g in goals[:n] if g.target for f in (g.baseline, g.target) if f}  # the
        if goal.baseline in figures and goal.baseline not in goal.source:  # second goal borrows
            goal.baseline = None  # no figure of the first's
    return problems[:6], goals[:3]


def _told_in(short: str, told: str) -> bool:
    """Whether every content word of ``short`` (by stem) is in the longer ``told``: "late
    returns" in "costumes coming back late or damaged" (a return is a coming back)."""
    from .content import STOPWORDS, stem

    def words(t: str) -> set[str]:
        t = re.sub(r"\breturn(?:s|ed|ing)?\b", "back", t.lower())
        return {stem(w) for w in re.findall(r"[a-z]{3,}", t) if w not in STOPWORDS}

    said, more = words(short), words(told)
    return bool(said) and len(more) > len(said) and said <= more


_INTRO = re.compile(
    r"^(?:(?:honestly|tbh|basically|so|well|ok|but|and)\s*,?\s+)*"
    rf"(?:(?:(?:the|our|my)\s+)?(?:(?:main|big|biggest|real|one|only|other)\s+)?{_PROBLEM_WORD}"
    r"\s*:\s*|(?:(?:the|our|my)\s+)?(?:(?:main|big|biggest|real|one|only|other|annoying|"
    rf"frustrating|worst|tricky|hard|honest|actual|key)\s+)?(?:{_PROBLEM_WORD}|struggle|thing|catch|bit|"
    r"part)\s+"
    r"(?:is|we\s+have\s+is|right\s+now\s+is)\s*:?\s*(?:that\s+)?)",
    re.IGNORECASE,
)


def without_intro(text: str) -> str:
    """A problem as told, without the words that only announce it ("Our biggest problem is
    that …", "The trouble is …", "Issue: …")."""
    return _INTRO.sub("", text, count=1)


_DASHED = re.compile(r"\s+[-–]\s+")


def _one_problem_each(
    problems: list[Problem], told: dict[int, int], said: list[str], text: str
) -> list[Problem]:
    """One problem for each thing that goes wrong, however many clauses tell it.

    Problem clauses of one sentence are one problem ("lots of people book and then aren't in
    when we arrive, so we waste the trip"); so is a problem that goes on after a dash ("churn
    once summer ends - subscribers cancel after 4-5 months") or that the next sentence sizes
    in its own words ("... Monthly churn is 9%"). Problems told in sentences of their own stay
    apart. An opening such as "the problem is" is not part of what goes wrong."""
    from .content import content_words, generic_stems

    kept: list[Problem] = []
    where: list[int | None] = []
    for problem in problems:
        at = told.get(id(problem))
        before = kept[-1] if kept else None
        last_at = where[-1] if where else None
        if before is not None and at is not None and last_at is not None:
            if at == last_at and _goes_on(said[at], before.source, problem.source):
                _join(before, problem, said[at])
                continue
            named = _INTRO.match(before.source)
            if at == last_at and named and len(before.source[named.end() :].split()) <= 3:
                # "The problem is the off-season, at the end of October … we lose touch till
                # spring": the few words named first are what the rest of the sentence tells
                later = problem.phase  # unless the words named first say where it is ("the
                # problem is the follow-up trims - …")
                located = _strongest_cue("problem_locators", before.source[named.end() :])
                _join(before, problem, said[at])
                before.phase = located or later or before.phase
                continue
            announced = _INTRO.match(before.text)
            if (
                at == last_at + 1 and announced and len(before.text[announced.end() :].split()) <= 3
            ):  # "Issue is quotes. A contractor asks for pricing, it takes us 2 days ..."
                before.text = f"{before.text}: {problem.text}"
                before.phase = problem.phase or before.phase
                before.fix = before.fix or problem.fix
                where[-1] = at
                continue
            if at == last_at + 1 and re.match(
                r"(?:that'?s|that is|this is|which is|which means|it means)\b", problem.text, re.I
            ):  # "... nobody's there when I arrive. That's a wasted hour each time": its cost
                before.text = f"{before.text}; {problem.text[:1].lower()}{problem.text[1:]}"
                before.fix = before.fix or problem.fix
                where[-1] = at
                continue
            dashed = at == last_at + 1 and bool(
                _DASHED.search(_between(text, said[last_at], said[at]))
            )
            if at == last_at + 1 and (
                dashed
                or (
                    quantities(problem.text)
                    and len(problem.text.split()) <= 8
                    and not _NEW_TOPIC.match(problem.text)
                    and (content_words(problem.text) - generic_stems())
                    & (content_words(before.text) - generic_stems())
                )
            ):
                if dashed:
                    before.text = f"{before.text} - {problem.text}"
                else:  # "Monthly churn is 9%": how big the problem is
                    before.text = f"{before.text} ({problem.text})"
                before.phase = before.phase or problem.phase
                before.fix = before.fix or problem.fix
                where[-1] = at
                continue
        kept.append(problem)
        where.append(at)
    kept = [  # "no-shows" from "cut no-shows by half" once "lots of no-shows on Mondays" is read
        p
        for p in kept
        if not any(
            o is not p
            and len(o.text) > len(p.text)
            and content_words(p.text)  # "it's awful" says nothing to find elsewhere
            and content_words(p.text) <= content_words(o.text)
            for o in kept
        )
    ]
    for problem in kept:
        rest = _INTRO.sub("", _NEW_TOPIC.sub("", problem.text, count=1).strip(), count=1)
        if rest != problem.text and len(rest.split()) >= 2:
            problem.text = rest[0].upper() + rest[1:] if problem.text[:1].isupper() else rest
    return kept


_BECAUSE = re.compile(
    r"^(?:(?:and\s+)?(?:i|we)\s+(?:think|reckon|guess|believe|suspect)\s+(?:that\s+)?"
    r"(?:it'?s\s+|that'?s\s+|its\s+|it\s+is\s+)?|(?:and\s+)?(?:it'?s|its|that'?s|thats|this\s+is|"
    r"it\s+is|that\s+is)\s+)?"
    r"(?:usually|mostly|often|probably|mainly|partly|especially|particularly|typically)?\s*"
    r"(?:because|cos|since|when|whenever|due to|owing to|because of|down to)\b",
    re.I,
)
# A sentence that gives the cause of the problem the sentence before ended on: "Its because
# they dont cure it before first use", "I think because handover is rushed"
# A sentence about some of the people the problem before was about: "… barely 1 in 10 return.
# Many of them were deferred at screening and nobody explained anything": what lies behind it
OF_THEM = (  # the words that open it (the compose layer finds them inside a problem too)
    r"(?:and\s+)?(?:(?:many|most|some|a\s+lot|lots|loads|half|plenty|a\s+few)\s+of\s+"
    r"(?:them|those)|(?:mostly|mainly|usually|largely)\s+(?=(?:the|they|their|people|it'?s|its)\b))"
    r"\b"
)
_OF_THEM = re.compile(rf"^{OF_THEM}", re.I)
_GUESSED_CAUSE = re.compile(
    r"^(?:and\s+)?(?:i|we)\s+(?:think|reckon|suspect|believe|guess|feel)\s+(?:that\s+)?"
    r"(?!(?:i|we|i'm|we're|i've|we've)\b)",  # "I reckon I lose an hour a day": its cost, no cause
    re.I,
)
# How a list of causes is led in: "main reasons we hear are …" (the compose layer reads the
# causes after it too)
REASONS_ARE = r"(?:main|biggest|usual|common|top)\s+reasons?\s+(?:\w+\s+){0,3}?(?:is|are)"
# Other ways a cause is led in, after the complaint: "turns out …", "its that …", "thanks to
# …", "the reason is …" (the compose layer finds the cause after them too)
CAUSE_SAID = (
    r"(?:turn(?:s|ed)\s+out(?:\s+that)?|(?:it'?s|its|it\s+is)\s+that|thanks\s+to|"
    # "its only me on the till and the lotto machine holds everything up": too few hands
    r"(?:it'?s|its|it\s+is)(?=\s+(?:only|just)\s+(?:me|us|one\s+of\s+us|the\s+two\s+of\s+us)\b)|"
    r"the\s+reasons?\s+(?:is|are|being)(?:\s+that)?|"
    # "we think its the 24 month debit order": what the owner thinks it is
    r"(?:i|we)\s+(?:think|reckon|suspect|believe)\s+(?:that\s+)?(?:it'?s|its|it\s+is)"
    r"(?=\s+(?:the|that|our|their|because|cos|down\s+to|mostly|mainly|probably)\b))"
)
_CAUSE_OPENS = re.compile(
    r"^(?:(?:i|we)\s+(?:think|reckon|guess|believe|suspect)\s+(?:that\s+)?"
    r"(?:it'?s\s+|its\s+|it\s+is\s+)?|(?:it'?s|its|that'?s|thats|this\s+is|it\s+is|that\s+is)"
    r"\s+(?:(?:mostly|mainly|probably|partly|usually|all|just)\s+)?|(?:mostly|mainly|probably|partly|"
    r"usually)\s+|(?:it|this|that)\s+(?:happens|occurs)\s+(?:(?:mostly|mainly|usually|often)\s+)?)"
    r"(?:because|cos|coz|down to|due to|since)\b"  # "Mostly since we dont tell them …"
    # "Turns out the property managers change jobs", "Half the time its that the SMS only
    # says the date", "Thanks to the courier being late", "The reason is …"
    r"|^(?:(?:and|but)\s+)?(?:(?:half|most)\s+(?:the|of\s+the)\s+time\s+|(?:mostly|mainly|"
    rf"partly)\s+|it\s+)?{CAUSE_SAID}\b|^one\s+reasons?\s+(?:is|being|are)\b"
    # "Main reasons we hear are no one to accompany elderly, fear of surgery, harvest season"
    rf"|^(?:the\s+)?{REASONS_ARE}\b",
    re.I,
)
# The rest of a list of causes after the first ("due to fear, no escort or loss of wages"):
# a few words with no verb of their own
_MORE_CAUSES = re.compile(  # ("and we lose 20%" has a subject of its own: a problem apart)
    r"^(?!(?:(?:or|and)\s+)?(?:we|i|they|it|he|she|you|our|my)\b)(?:(?:or|and)\s+)?"
    r"[\w'-]+(?:\s+[\w'-]+){0,5}$",
    re.I,
)
_NEW_TOPIC = re.compile(r"^(?:then|also|and|plus|another|on top)\b", re.I)
_LINK = re.compile(
    r"^[\s,]*(?:and\s+)?(?:then|so|which|because|cos|but|or|usually\s+because|mostly\s+because|"
    r"often\s+because|meaning|leaving|until)\b",
    re.I,
)
_OWN_SUBJECT = re.compile(  # people nouns ("customers", "guests") come from the lexicon
    r"^(?:i|i'm|i've|we|we're|we've|they|they're|he|she|it|it's|its|you|ppl|the|our|my|their|"
    r"most|many|some|half|about|around|roughly|only|just|nobody|no|every|each|a|an)\b"
    r"|^[0-9£$€~]",
    re.I,
)


def _has_subject(clause: str) -> bool:
    """Whether a clause opens with a subject of its own: a pronoun, a determiner, a figure or
    a word for people ("guests ask …"), not a verb that goes on from the clause before."""
    said = clause.strip()
    if _OWN_SUBJECT.match(said):
        return True
    first = said.split()[0].lower() if said.split() else ""
    people = {p.lower() for p in lexicon()["people"]}
    return first in people or f"{first}s" in people


def _goes_on(sentence: str, first: str, then: str) -> bool:
    """Whether clause ``then`` goes on about the problem clause ``first`` of the same sentence:
    joined by "then", "so", "because" or "but" ("lots of people book and then aren't in when we
    arrive, so we waste the trip"), or said without a subject of its own ("... but abandon the
    form"). A clause with its own subject after a plain "and" or comma is a problem of its own
    ("the gallery takes 8 weeks and I hardly get any reviews")."""
    start = sentence.find(first)
    end = sentence.find(then, start + len(first)) if start >= 0 else -1
    if start < 0 or end < 0:
        return False
    gap = sentence[start + len(first) : end]
    if len(gap.split()) > 3 and not _LINK.match(gap):  # more was said between them
        return False
    return bool(
        _LINK.match(gap) or _LINK.match(then) or not _has_subject(then) or _ELLIPSIS.search(then)
    )


# A clause that only says the thing before it does not happen: "..., and most ppl never do".
_ELLIPSIS = re.compile(
    r"^(?:\w+\s+){0,3}(?:never|don'?t|do not|won'?t|didn'?t|rarely|hardly ever|seldom)\s*"
    r"(?:do|does|did|bother|get round to it|get around to it|manage it|follow through)?\s*$",
    re.IGNORECASE,
)


def _join(first: Problem, then: Problem, sentence: str) -> None:
    """``then`` goes on about ``first`` in the same sentence: one problem, in the sentence's
    own words from the first to the last of them."""
    start = sentence.find(first.text)
    if start < 0:
        start = sentence.find(first.source)
    end_at = sentence.find(then.source, max(start, 0))
    if start >= 0 and end_at >= 0:
        first.text = sentence[start : end_at + len(then.source)].strip(" ,;")
        first.source = first.text
    else:
        first.text = f"{first.text}, {then.text}"
    # "lots of people book and then aren't in when we arrive": the no-show, not the booking
    first.phase = problem_phase(first.text) or first.phase or then.phase
    first.fix = first.fix or then.fix
    first.confidence = max(first.confidence, then.confidence)


def _between(text: str, first: str, then: str) -> str:
    """The characters between two consecutive sentences of the text."""
    start = text.find(first)
    if start < 0:
        return ""
    end = text.find(then, start + len(first))
    return text[start + len(first) : end] if end >= 0 else ""


def _metric_name(said: str) -> str:
    """A sentence of the brief as the name of what a goal measures: without its figures, its
    hedges and its "right now" ("Right now roughly 40% of the people who text me end up
    booked" -> "people who text me end up booked")."""
    for q in reversed(quantities(said)):
        if q.kind == "time" and re.search(r"\b(?:the|within|in|after)\s+$", said[: q.start], re.I):
            continue  # "renew at the 12 month mark", "book again within 12 months": the moment
        rest = said[q.end :]
        if q.text.endswith("%") or q.kind in ("percent", "ratio", "fraction"):  # "we convert
            rest = re.sub(r"^\s*of\s+", " ", rest)  # about 12% of yard visits": no "of" left
        counted = re.match(r"\d+\s+([a-z][\w'-]*)\s+in\b", said[q.start : q.end], re.I)
        said = said[: q.start] + (f"{counted.group(1)} " if counted else "") + rest  # "1 devis
        # in 3 becomes a chantier": the devis are what is counted
    said = re.sub(r"\((?:\s*(?:maybe|about|around|like|only|roughly)\s*)*\)", "", said, flags=re.I)
    said = re.sub(
        r"\b(?:right now|currently|at the moment|these days|last year|roughly|about|around|"
        r"today|"
        r"maybe|only|actually|just|like|nearly|almost|or\s+so|give\s+or\s+take|ish)\b|^\W*now\b",
        "",
        said,
        flags=re.IGNORECASE,
    )  # "Weve had 30 or so wasted boxes": no "or so" left once the 30 is out
    said = re.sub(
        r"^\W*(?:(?:our|the|and|but|of|so|those|these)\s+)+", "", " ".join(said.split()), flags=re.I
    )
    said = re.sub(
        r"^(?:we|i)(?:'?ve|'?d|\s+have|\s+had)?\s+(?:get|have|had|see|seen|take|receive|do|got)\s+|"
        r"^(?:weve|ive|we'?ve|i'?ve)\s+(?:had|got|seen)\s+",
        "",
        said,
        flags=re.I,
    )  # "we get", "Weve had"
    return re.sub(r"\s+(?:and|&|\+)$", "", said.strip(" ,.-:"), flags=re.I)


def _one_goal_each(clause: str) -> list[str]:
    """A clause naming two goals with their own figures ("quote within 48 hrs and lift
    conversion from 20% to 30%") as two goals; any other clause as it is."""
    halves = re.split(r"\s+(?:and|&|\+)\s+(?:to\s+)?(?=[a-z])", clause, maxsplit=1, flags=re.I)
    if len(halves) == 2 and all(quantities(h) for h in halves):
        if not _is_goal(halves[0]) and _GOAL_VERB.match(halves[1]):
            return [halves[1]]  # "we get ~30 complaints a month and want it under 5"
        return halves
    return [clause]


_GOAL_VERB = re.compile(
    rf"(?:we\s+|i\s+)?(?:want|need|would like|'d like|hope|aim|would love|'d love)\b"
    rf"|(?:the\s+|our\s+|my\s+)?{_OURS_WANT}",
    re.I,
)


_DEADLINE = re.compile(
    r"\s+(?:by|before|within|until|in time for|for)\s+(?:the\s+)?(?:end\s+of\s+)?"
    r"(?:this\s+|next\s+|the\s+)?[\w-]+(?:\s+[\w-]+)?\s*$",
    re.IGNORECASE,
)


def _those_said(text: str, earlier: str) -> str:
    """ "cut those calls", with "thousands of calls from residents whose bins weren't emptied"
    said before: "cut calls from residents whose bins weren't emptied", so that the measure
    says what it counts."""
    ref = re.search(r"\b(?:those|these)\s+([a-z'-]+s)\b", text, re.IGNORECASE)
    if ref is None or not earlier:
        return text
    found = list(
        re.finditer(
            rf"\b{re.escape(ref.group(1))}\s+(?:from|about|asking|where|when|that|who|for|to)\b"
            r"[^.;,!?]*",
            earlier,
            re.IGNORECASE,
        )
    )
    said = found[-1].group(0).strip() if found else ""
    if not said or len(said.split()) > 12:
        return text
    return text.replace(ref.group(0), said)


# A goal that only says "more of it": "want better", "higher", "improve that"
_JUST_MORE = re.compile(
    r"(?:(?:a\s+lot\s+|much\s+|way\s+|even\s+)?(?:better|higher|more|up|improved?)|"
    r"(?:to\s+)?improve(?:\s+(?:it|that|this|on\s+that))?)",
    re.IGNORECASE,
)


def _goal(clause: str, before: list[str], earlier: str = "", later: str = "") -> Goal:
    """A goal with its baseline and target (see :mod:`.figures`): "from 9% to 15%", "70% …
    (last year 58%)", "keep them past 3 months, right now it's maybe 45%" (a span of time is
    no target); ``before`` are the clauses the goal may point back to ("we want that")."""
    baseline, target = goal_figures(clause, earlier, later)
    text = re.sub(
        r"^(?:and|but|so|also|plus)\s+(?:(?:we|i)\s+)?(?:also\s+)?(?:want|wanna|need|hope|"
        r"would like|'d like)\s+(?:to\s+)?|"
        r"^(?:and|but|so)\s+|^(?:(?:we|i)'d love|would love|need)\s+(?:to\s+)?|"
        r"^(?:i['’]?d|we['’]d)\s+(?:really\s+)?(?:like|love)\s+(?:to\s+)?|"
        r"^(?:(?:we|i)'d|(?:we|i)\s+would)\s+(?:be happy with|settle for)\s+|"
        r"^(?:we|i)\s+(?:really\s+)?(?:want|need|would like|'d like|would love|hope|aim|"
        r"are trying|are hoping|are looking|are planning|plan)\s+(?:to\s+)?|^(?:(?:the|our|my)\s+)?"
        r"(?:(?:main|big|biggest|real)\s+)?(?:goals?|aims?|targets?)(?:\s+(?:is|are)|\s*[=:])\s+"
        r"(?:to\s+)?|"
        r"^(?:want|wanna|hope|hoping|trying|looking|"
        r"would like|would love|'d like)\s+"
        rf"(?:to\s+)?|^(?:the\s+|our\s+|my\s+)?{_OURS_WANT}\s+(?:to\s+)?",
        "",
        clause,
        flags=re.IGNORECASE,
    )
    bare = (
        r"[\d%.,£$€\s]|\b(?:to|by|get|it|that|this|we|want|under|below|over|above|in|down|up|"
        r"halve|double|triple|half|at least|at most)\b"
    )
    pointing = re.match(
        r"(?:(?:get|bring|push|take|have)\s+)?(?:it|that|this|them)\b", text, re.IGNORECASE
    ) or re.match(
        r"(?:cut|reduce|lower|bring\s+down|halve)\s+(?:it|that|this|them|those)(?=\s+by\s+"
        r"(?:at\s+least\s+|about\s+|around\s+|more\s+than\s+)?(?:half|a\s+third|a\s+quarter)\W*$)",
        text,
        re.IGNORECASE,
    )  # "cut that by at least half": what "that" is, and the target says by how much
    if not before and baseline and (len(re.sub(bare, "", _DEADLINE.sub("", text))) < 4 or pointing):
        # "… the 6 week course (maybe 7%). Would love 20%.": the metric is where the baseline is
        told = [c for said in sentences(earlier) for c in clauses(said)]
        at = max((n for n, c in enumerate(told) if baseline in c), default=-1)
        # "…, about 1 in 6 visits last month": a count sizes the clause before it
        before = (
            told[max(at - 1, 0) : at + 1] if at > 0 and _only_a_figure(told[at]) else told[at:][:1]
        )
        before = before if at >= 0 else []
    figure_only = len(re.sub(bare, "", _DEADLINE.sub("", text))) < 4  # "55% by end of next year"
    more = ""
    if baseline is None and target is None and _JUST_MORE.fullmatch(text.strip(" .!")):
        # "Our design-to-booking is maybe 20%. Want better.": the measure said just before
        told = [c for said in sentences(earlier) for c in clauses(said)][-1:]
        found = quantities(told[0]) if told else []
        if found:
            baseline, before, pointing = found[-1].text, told, re.match(r"", text)
            more = text.strip(" .!")
    if before and (figure_only or pointing):
        # "our win rate is about 18%, we want 25%": the metric is in the clause before (the
        # last one that says more than a figure: "…aren't home when we turn up, maybe 1 in 8")
        worded = [  # not "about 1 in 6 visits last month": how often, not what
            c
            for c in before
            if len(re.sub(bare + r"|\b(?:maybe|about|around)\b", "", c)) >= 4
            and not _only_a_figure(c)
        ]
        metric = re.sub(  # "those wasted trips cost me 5 hours a week": the trips
            r"\b(?:(?:is|was|are)(?=\s+(?:(?:about|around|roughly|maybe|like|only|just|at|sitting|"
            r"currently|now|still|stuck|under|over|below|above)\s+)*[\d£$€~])|costs?\s+(?:me|us)|"
            r"takes?\s+(?:me|us)|eats?\s+(?:up\s+)?)\b.*$",
            "",
            without_intro((worded or before)[-1]),  # "biggest headache is owners who …"
            flags=re.IGNORECASE,
        )
        named = _counted_after(baseline, (worded or before)[-1]) or _metric_name(metric)
        # "want it under 5 with a fairer booking": the metric, then the rest of the goal
        rest = text[pointing.end() :].strip() if pointing else ""
        if len(re.sub(bare + r"|\bbe\b", "", _DEADLINE.sub("", rest))) < 4:
            rest = ""  # "I want that to be 50% for next year": the figure is the target
        if re.match(r"\s*by\b", rest):
            rest = ""
        text = f"{named} {rest}".strip() if named else text
        if more and named:  # "better design-to-booking"
            text = f"{more[:1].lower()}{more[1:]} {named}"
    text = _those_said(text, earlier)
    return Goal(
        text=text.strip() or clause,
        source=clause,
        baseline=baseline,
        target=target,
        phase=phase_of_clause(clause),
        confidence=0.7,
    )


def _counted_after(figure: str | None, clause: str) -> str:
    """What a count in the clause counts ("We've got 600 on the WhatsApp and 22 active
    patrollers": active patrollers; "9 finished training": finished training), or ""."""
    if not figure or not re.fullmatch(r"[\d,]+", figure):
        return ""
    found = re.search(
        rf"(?<![\d.,])\b{re.escape(figure)}\s+((?:[a-z][\w-]*\s+){{0,3}}?[a-z][\w-]*)"
        r"(?=\s*(?:[,;.]|$|\band\b|\bby\b|\bthis\b|\blast\b|\bso\s+far\b|\bnow\b))",
        clause,
    )
    if found is None or re.match(
        r"(?:in|of|per|percent|out|a|an|the|to|or|more|less|fewer|times|days?|weeks?|months?|"
        r"years?|hours?|minutes?)\b",
        found.group(1),
    ):
        return ""
    return found.group(1)


def _own_weight(keyword: str, own: set[str], head: str = "") -> float:
    """How much more a keyword counts when it is in what the business says it is: a phrase
    ("dog grooming", "escape room") twice, and so a single word that is the business's own
    noun ("I own a florist", "a small vegan bakery"); another single word ("festival",
    "council") a little, since a council or a festival can be the setting of a journey no pack
    covers."""
    from ..vocab import normalize_term

    key = normalize_term(keyword)
    if key not in own:
        return 1.0
    return 2.0 if len(keyword.split()) > 1 or key == head else 1.25


# "I own a florist", "we're a bakery", "we run a chimney sweep business": the business is
# what the brief's writer owns or is, not only where they work ("the volunteers at a festival")
_OWNER = re.compile(
    r"\b(?:i|we)(?:'m|'re| am| are| own| run| have| operate)\s+(?:a|an|the|our|my)\b"
    r"|\bi(?:'m| am)\s+(?=(?:[\w-]+\s+){0,3}?[a-z]{3,}(?:er|or|ist|ian)\b)",  # "I am piano tuner"
    re.I,
)


# Whom a business sells to, named by their trade: that trade is the customers', not the
# business's own ("managed IT support for dental practices", "linen hire for hotels").
_CUSTOMERS_TRADE = re.compile(
    r"\b(?:for|to|serving|supporting|selling to|sells? to|supplying|supplies|work(?:ing)? with|"
    r"(?<=,\s)(?:mainly|mostly|largely|chiefly))\s+"  # "pest control, mainly cafes, …"
    r"(?:other\s+)?(?:[\w&'-]+,?\s+){0,3}?(?:practices|clinics|surgeries|hospitals|hotels|"
    r"restaurants|cafes|cafés|schools|colleges|universities|retailers|shops|stores|offices|"
    r"businesses|companies|firms|agencies|venues|councils|charities|labs|laboratories|farms|"
    r"gyms|salons|dentists|vets|pharmacies|brands|landlords|builders|contractors|care homes|"
    r"nurseries|garages|dealerships|estate agents|holiday lets)\b"
    r"(?:(?:,|\s+and|\s+or|\s*&)\s+(?:(?!and\b|or\b)[\w&'-]+\s+){0,2}(?!and\b|or\b)[\w&'-]+)*",
    re.IGNORECASE,
)


def _kind_word(business: str) -> str:
    """The word that says what kind of business it is: the last one that is no generic noun
    ("company", "van") and no mere description ("small", "mobile", "two-chair"): "ride" of
    "small hot air balloon ride company", "sharpening" of "mobile knife sharpening van"; none
    for "a two-chair practice"."""
    generic = set(lexicon()["generic_heads"])
    words = business.split()
    while words and words[-1] in generic:
        words.pop()
    if not words or words[-1] in lexicon()["describing_words"] or re.search(r"\d|-", words[-1]):
        return ""
    return words[-1]


# The sentence in which the writer says what the business is or does
_SELF = re.compile(
    r"\b(?:i|we)(?:'m|'re|\s+am|\s+are|\s+run|\s+own|\s+do|\s+teach|\s+make|\s+sell|"
    r"\s+offer|\s+provide|\s+operate|\s+guide|\s+build|\s+design|\s+grow|\s+supply|\s+hire)"
    r"\b",
    re.IGNORECASE,
)


def _said_of_itself(text: str) -> str:
    """The first sentence of the first two in which the writer says what the business is or
    does ("I run guided food and heritage walks in Old Delhi"), or "" when neither does."""
    for sentence in sentences(text)[:2]:
        if _SELF.search(sentence):
            return sentence
    return ""


# Words that say what kind of body a business is, not what it does for its customers
# (volunteers who do the work, unless the brief is out to recruit them)
_ORG_KIND = {"charity", "nonprofit", "non-profit", "ngo", "social enterprise", "cooperative",
             "co-op", "volunteer", "volunteers"}  # fmt: skip


# Pack keywords that say how something is sold, not what: a pack matched on these alone is
# not sure of the business
_TERMS_OF_TRADE = {"renewal", "annual contract", "churn", "free trial", "procurement",
                   "implementation", "subscription", "buying committee", "expansion revenue",
                   "customer success", "book a demo", "product demo"}  # fmt: skip


def _industry(
    text: str, catalog: Catalog, business: str = "", owned: bool = False, self_said: str = ""
) -> IndustryGuess:
    """The closest pack: distinct keywords found, weighted by length (a phrase says more than
    a word) and counted twice when they are in what the business says it is ("a mobile dog
    grooming van"), against the runner-up. Confidence is high only for a clear, specific
    match."""
    from ..knowledge.catalog import _phrases
    from ..vocab import normalize_term

    lookalikes = _group("look_alikes")  # "sperm bank": no keyword of the banking pack
    text, business = (lookalikes.sub(lambda _: " ", t) for t in (text, business))
    text = _CUSTOMERS_TRADE.sub(" ", text)  # "IT support for dental practices": not a dentist
    phrases = _phrases(normalize_term(text))
    own = _phrases(normalize_term(business)) if business else set()
    # the business's own noun ("florist"), when the writer says they own or are it
    head = normalize_term(business).split()[-1] if owned and business.strip() else ""
    scored: list[tuple[float, int, str, list[str]]] = []
    for pack in catalog.industries.values():
        hits: list[str] = []
        for normalized, original in pack.normalized_keywords:
            if normalized in phrases and not any(normalized in normalize_term(h) for h in hits):
                hits.append(original)
        if hits:
            weight = sum(
                (1.0 + 0.5 * (len(h.split()) - 1)) * _own_weight(h, own, head) for h in hits
            )
            scored.append((weight, len(hits), pack.id, hits))
    if not scored:
        return IndustryGuess()
    scored.sort(key=lambda s: (-s[0], -s[1], s[2]))
    weight, _, pack_id, hits = scored[0]
    runner_up = scored[1][0] if len(scored) > 1 else 0.0
    margin = weight - runner_up
    confidence = min(1.0, 0.25 * weight + 0.15 * margin)
    pack = catalog.industries[pack_id]
    kind = _kind_word(normalize_term(business)) if owned and business.strip() else ""
    if kind and not any(
        word[:5] == kind[:5]
        for normalized, _ in pack.normalized_keywords
        for word in normalized.split()
    ):  # "we're a pet crematory" whose calls come through vets: no vet practice (a "dealership"
        # is a dealer's, "opticians" an optician's)
        confidence = min(confidence, PACK_CONFIDENCE - 0.1)
    said = " ".join([self_said, _said_of_itself(text), *sentences(text)[:1]]).strip()
    if said and not _phrases(normalize_term(said)) & {
        normalize_term(h) for h in hits
    }:  # "I run guided food walks in Old Delhi … hotel concierges refer guests": the pack's
        # words are all about who refers or where, none about what the business is
        confidence = min(confidence, PACK_CONFIDENCE - 0.1)
    if all(h.lower() in _TERMS_OF_TRADE for h in hits):
        # "services forklifts … on annual contracts … renewals": how it is sold, which any
        # trade shares, says nothing of what the business is (no software pack)
        confidence = min(confidence, PACK_CONFIDENCE - 0.1)
    if all(h.lower() in _ORG_KIND for h in hits) and not recruits(text):
        # "a small charity doing free home energy visits": what kind of body it is, not what
        # it does (a donor journey's pack)
        confidence = min(confidence, PACK_CONFIDENCE - 0.1)
    return IndustryGuess(
        pack=pack_id,
        name=pack.name,
        confidence=round(confidence, 2),
        matched=hits,
        used=confidence >= PACK_CONFIDENCE,
    )


def _map_type(
    low: str, forced: MapType | str | None, default: MapType | None
) -> tuple[MapType, str]:
    if isinstance(forced, MapType):
        return forced, "asked for"
    if forced:
        found = lookup_map_type(forced)
        if found is None:
            raise UserInputError(
                f"unknown map type {forced!r}; use one of: {', '.join(t.value for t in MapType)}."
            )
        return MapType(found), "asked for"
    for pattern, map_type in _TYPE_CUES:
        match = re.search(pattern, low)
        if match:
            return map_type, f"the brief says “{match.group(0)}”"
    if default is not None:
        return default, "the usual map for this kind of business"
    return MapType.customer_journey, "the general customer journey"


# Shapes whose commitment the map names itself ("Sign the contract", "Bring it in")
_COMMITTED_BY_SHAPE = {"service_contract", "item_service"}


def _questions(reading: BriefReading) -> list[str]:
    asks: list[str] = []
    if reading.business is None and not any(o.confidence >= 0.6 for o in reading.offering):
        # what makes a reading thin is asked first: a refusal always says what it needs
        asks.append("What does the business sell or provide, and who buys it?")
    if not reading.channels:
        asks.append("How do customers first hear of you, and where do they order or book?")
    volunteering = reading.shape is not None and reading.shape.text == "volunteering"
    committed = any(  # "they fill in an online form": the commitment, told as a step
        s.phase == Phase.purchase and _COMMITS.match(s.text) for s in reading.steps
    )
    # a repairs service is had by reporting a repair and a visit: nothing to ask of either;
    # a service contract is signed, and a thing to be mended is handed over
    repairs = reading.shape is not None and reading.shape.text == "repairs"
    known = reading.shape is not None and reading.shape.text in _COMMITTED_BY_SHAPE
    if not reading.conversions and not committed and not repairs and not known:
        asks.append(
            "What is the moment a customer commits: an order, a booking, an application, a "
            "signed contract?"
        )
    free = any(c.text == "free_service" for c in reading.constraints)
    if (
        reading.fulfilment is None
        and reading.sector.text in ("b2c", "public")
        and not volunteering
        and not repairs
    ):
        asks.append(
            "Where do people get the service: with you, at home, by post or online?"
            if free  # nothing is bought from a free eye camp
            else "How do they get what they bought: collection, delivery, on site or online?"
        )
    if not reading.problems:
        asks.append("Where do you lose customers or hear complaints today?")
    if not reading.goals:
        asks.append("What should the map help you improve, and from what to what?")
    return asks[:3]


_HELLO = re.compile(
    r"^(?:hi|hiya|hello|hey|hola|howdy|greetings|g'?day|kia\s+ora|namaste|salaam|salam|"
    r"bonjour|ciao|hallo|sawubona|ol[aá]|hej|moin|shalom|jambo|habari|kumusta|namaskar|"
    r"(?:as-?)?sala[a]?m(?:u|o)?\s+(?:o\s+|u\s+)?(?:a|ali|a')?(?:laikum|lekum)|"
    r"good\s+(?:morning|afternoon|evening|day))"
    r"(?:\s+(?:po|there|all|everyone|team|folks|guys|friends))?\s*[!,.:;-]+\s*",
    re.IGNORECASE,
)
# A sentence after the brief that only asks for the map: "Please draft a journey map so I can
# review it with the team.", "Could you put together a customer journey map for me?" (its
# "review it with the team" is no step of the customer's)
_ASKS_FOR_THE_MAP = re.compile(
    r"^(?:(?:so|and|ok|okay)\s+)?(?:(?:please|pls|kindly)\s+|(?:can|could|would|will)\s+(?:you|u)\s+"
    r"(?:please\s+|pls\s+)?|i'?d\s+(?:like|love)\s+(?:you\s+)?to\s+|(?:i|we)\s+(?:need|want)\s+"
    r"(?:you\s+)?to\s+)?(?:draft|make|create|build|do|put\s+together|sketch|map\s+out|help\s+(?:me|us)"
    r"(?:\s+(?:to\s+)?(?:make|build|draft|create|put\s+together|with))?)\b[^.?!]{0,30}?"
    r"\b(?:journey\s+map|customer\s+journey|cjm|map)\b(?:\s+(?:for\s+(?:me|us|my\s+\w+|our\s+\w+|this|"
    r"it)|so\s+(?:that\s+)?(?:i|we)\s+can\b[^.?!]*|please|pls|of\s+(?:it|this|that)))*\s*[.?!]*$",
    re.IGNORECASE,
)


def _without_the_ask(text: str) -> str:
    """The brief without sentences after the first that only ask for the map (cut out of the
    text as written, so the other sentences keep their full stops)."""
    said = sentences(text)
    for ask in [s for s in said[1:] if _ASKS_FOR_THE_MAP.match(s.strip())]:
        at = text.rfind(ask)
        if at > 0:
            end = at + len(ask)
            end += len(re.match(r"[.?!]*\s*", text[end:]).group(0))  # type: ignore[union-attr]
            text = text[:at] + text[end:]
    return text.strip()


_REQUEST = re.compile(
    r"^(?:hi|hello|hey)?[!,.\s]*(?:please\s+|pls\s+|can you\s+|could you\s+)?"
    r"(?:draft|make|create|build|do|map|write|sketch)\b[^:;.]{0,40}?"
    r"\b(?:map|journey|blueprint|cjm)\b\s*(?:for|of|:|-)?\s*[:,-]?\s*",
    re.IGNORECASE,
)


# Where a business is, as its first sentence says it: "a tree service outside Columbus, Ohio",
# "walls across the Dales", "based in Ross-on-Wye". Countries say no more than the region does.
_PLACE = re.compile(
    r"\b(?:in|outside|near|around|round|across|based in|serving|covering)\s+"
    r"(?P<place>(?:the\s+)?[A-Z][\w'’-]+(?:(?:\s+|-)(?:and\s+|on\s+|upon\s+|the\s+)?"
    r"[A-Z][\w'’-]+){0,3})"
)
_ON_PLACE = re.compile(
    r"\b(?:on|along|by)\s+(?P<place>the\s+[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?\s+(?i:canal|river|"
    r"coast|estuary|loch|lake|broads|moors|peninsula|islands?|valley))\b"
)
_COUNTRY = re.compile(
    r"^(?:the\s+)?(?:uk|us|usa|u\.s\.|britain|great britain|england|scotland|wales|ireland|"
    r"northern ireland|australia|canada|india|germany|france|europe|new zealand|nz)$",
    re.IGNORECASE,
)


def _place(text: str) -> Read | None:
    """Where the business is or works, from the first two sentences (or "based in"), when
    it is a town, a county or an area, not a country, a platform or a month."""
    for said in sentences(text)[:2]:  # "narrowboats on the Llangollen canal"
        on = _ON_PLACE.search(said)
        if on:
            return Read(text=on.group("place"), source=on.group(0), confidence=0.6)
    found_in = [m for s in sentences(text)[:2] for m in _PLACE.finditer(s)]
    for match in [*found_in, *re.finditer(r"\bbased in\s+.+", text)]:
        found = _PLACE.match(match.group(0)) if "based" in match.group(0) else match
        if found is None:
            continue
        place = re.sub(r"(?:'s|’s)$", "", found.group("place"))
        place = re.sub(r"\s+(?:and|on|upon|the)$", "", place)
        area = re.match(  # "in the Atlanta metro": the metro, not "the Atlanta"
            r"\s+(metro|area|region|suburbs|valley|belt|district|borough)\b",
            found.string[found.end() :],
        )
        if area and place.lower().startswith("the "):
            place = f"{place} {area.group(1)}"
        words = place.split()
        if (
            len(place) < 3
            or place.lower() in {"co", "st", "mt"}
            or _COUNTRY.match(place)
            or _names_a_channel(place)
            or re.fullmatch(rf"(?:{_MONTHS})\w*", words[-1].lower())
            or words[0] in {"I", "We", "Our", "My"}
        ):
            continue
        return Read(text=place, source=found.group(0), confidence=0.6)
    return None


# What a charity's donor journey is about: giving, fundraising, supporters
_GIVING = re.compile(
    r"\b(?:donat\w*|donors?|fundrais\w*|gift\s+aid|legac\w+|supporters?|sponsor\w*|pledg\w*|"
    r"giv(?:e|es|ing)\s+(?:monthly|regularly|again)|regular\s+giv\w+|appeal\w*|volunteers?)\b",
    re.IGNORECASE,
)


# What a business named for its hire hires out: "Scaffold hire and erect", "marquee hire"
_HIRED_THING = re.compile(
    r"^(?P<thing>(?!(?:party|event|wedding|self|staff)\b)[\w-]+(?:\s+[\w-]+)?)\s+(?:hire|rental)"
    r"(?:\s+(?:and|&)\s+[\w-]+)?$",
    re.IGNORECASE,
)


# What a maker or supplier named for its goods sells: "corrugated box manufacturer"
_MAKER_OF = re.compile(
    r"^(?P<thing>(?:[\w-]+\s+){0,2}[\w-]+?)\s+(?:manufacturer|maker|supplier|producer|"
    r"wholesaler|distributor)s?$",
    re.IGNORECASE,
)
# What a practice named for its discipline offers
_DISCIPLINES = {
    "audiology": "hearing aids",
    "optometry": "eye tests",
    "physiotherapy": "physio treatment",
    "physio": "physio treatment",
    "podiatry": "foot care",
    "chiropody": "foot care",
    "osteopathy": "osteopathic treatment",
    "chiropractic": "chiropractic care",
    "dentistry": "dental care",
    "orthodontics": "orthodontic treatment",
    "dermatology": "skin treatment",
    "veterinary": "pet care",
}


def _lower_word(said: str) -> str:
    """A common noun said at the start of a sentence, in lower case ("Scaffold" -> "scaffold");
    an acronym or a name said in capitals inside stays ("CCTV", "Dyson")."""
    return said[:1].lower() + said[1:] if said[1:2].islower() else said


# Two of the business's own verbs joined by a plus or an ampersand: one offering, sold and
# installed, not two steps ("We sell + install wireless climate sensors")
_TWO_TRADES = re.compile(
    r"\b(sell|supply|make|design|build|manufacture|repair|hire|rent|fit|install)\s*[+&]\s*"
    r"(install|fit|service|maintain|repair|deliver|erect|support|install them)\b",
    re.IGNORECASE,
)


def read_brief(
    brief: str, *, map_type: MapType | str | None = None, catalog: Catalog | None = None
) -> BriefReading:
    """Read a brief: deterministic, no model, a few milliseconds."""
    text = _without_the_ask(check_brief(brief))
    traded = _TWO_TRADES.sub(r"\1 and \2", text)  # "we sell + install sensors": what is sold
    body = _HELLO.sub("", traded, count=1)  # "Hola, I am piano tuner": no business "Hola"
    body = _REQUEST.sub("", body, count=1) or text  # "Draft a map for a hotel..." -> "a hotel..."
    cat = catalog or get_catalog()
    clause_list = [c for s in sentences(text) for c in clauses(s)]
    sector = _sector(text)
    business = _business(body)
    owned = business is not None and _OWNER.search(business.source) is not None
    said = business.source if business else ""  # the whole sentence it is said in
    said = next((s for s in sentences(text) if said and said.lower() in s.lower()), said)
    industry = _industry(text, cat, business.text if business else "", owned, said)
    pack = cat.industries[industry.pack] if industry.used and industry.pack else None
    problems, goals = _problems_and_goals(text)
    problems = [_placed_in_itself(p) for p in problems]
    served_not_donors = served_in_trouble(text, problems, goals)
    if industry.used and industry.pack == "nonprofits" and served_not_donors:
        industry = industry.model_copy(
            update={"used": False, "confidence": min(industry.confidence, PACK_CONFIDENCE - 0.1)}
        )
        pack = None
    said_all = sentences(text)
    told = _where_told(said_all)
    conversions = _conversions(  # "the problem is the waiting list, … they book someone
        [c for n, s in enumerate(said_all) if n not in told for c in clauses(s)]
    )  # else": no conversion of ours
    if not any(c.confidence >= 0.7 for c in conversions):  # the nouns may say more
        read_as = {c.text.lower(): c for c in conversions}  # one read of each event, the surer
        nouns = [
            max((c, read_as.get(c.text.lower(), c)), key=lambda r: r.confidence)
            for c in _conversion_from_nouns(text)
        ]
        named = {c.text.lower() for c in nouns}
        conversions = [*nouns, *(c for c in conversions if c.text.lower() not in named)]
    steps = [  # "pharmacies, restaurants, etc.": no step called "Etc"
        s for s in _steps(_HELLO.sub("", text, count=1), narrated=not industry.used)
        if s.text.strip(" .").lower() not in ("etc", "and so on", "and more")
    ]  # fmt: skip
    troubles = [s for n, s in enumerate(said_all) if n in told]
    calm = [s for n, s in enumerate(said_all) if n not in told]
    steps = [  # "biggest pain is the handover - owners turn up with no feeding notes": no step
        step  # (a step said in the journey too is one: "then dig day" beside "the gap
        for step in steps  # between signing and dig day")
        if not any(step.source and step.source in t for t in troubles)
        or any(step.source and step.source in c for c in calm)
    ]
    steps = [step for step in steps if not _described_there(step, text)]
    steps = [  # "Many customers send only the STEP file with no 2D drawing, so our questions
        step  # go back and forth": the complaint's own words, no step of the journey
        for step in steps
        if not (step.source and any(_only_in(step.source, p.source, text) for p in problems))
    ]
    for step in steps:  # "we send the bottles on the night bus": the customer gets them
        ours = bool(step.source and _COMPANY_SUBJECT.match(step.source)) or (
            (
                step.text.split()[0].lower() in ("get", "delivery", "collection")
                or step.text.split()[0].lower() != (step.source or " ").split()[0].lower()
            )  # told by the business in its turn and renamed ("Pay a 40% deposit", "Free
            and _told_by_business(step.source or "")  # roof inspection"): "…, send a
        )  # red/amber/green report" is the report they get
        step.action = as_action(_said_as_theirs(step) if ours else step.source or step.text)
    chosen, reason = _map_type(text.lower(), map_type, pack.default_map_type if pack else None)
    fulfilment = _fulfilment(text)
    audience = _audience(text)
    roles = roles_of(audience, said_all)
    steps = _said_by_customers(steps, audience)
    sector = _sector_by_customers(sector, audience, roles)
    shape = journey_shape(text, sector.text, conversions, fulfilment.text if fulfilment else None)
    if shape is not None and shape.text == "giving" and served_not_donors:
        shape = None
    if (
        shape is not None
        and shape.text == "service_contract"
        and pack is not None
        and pack.business_model == "b2c"
    ):  # "commercial cleaning … contracts with offices": not the household cleaner's
        # journey ("Need a cleaner", "Quote or home visit")
        industry = industry.model_copy(
            update={"used": False, "confidence": min(industry.confidence, PACK_CONFIDENCE - 0.1)}
        )
        pack = None
    if (
        fulfilment is None
        and shape is not None
        and shape.text in _SERVED_THERE
        and not _SOFTWARE.search(text)
    ):  # an appointment, a class, a day out or a call-out is had where it is given
        fulfilment = Read(text="on_site", source=shape.source, confidence=0.5)
    if (
        shape is not None
        and shape.text == "inspection"
        and (fulfilment is None or fulfilment.source.lower() in ("pdf", "pdfs", "a pdf"))
    ):  # an inspection is done on site, whatever its report is sent as ("a 60 page PDF")
        fulfilment = Read(text="on_site", source=shape.source, confidence=0.5)
    said_offers = _offering(traded, business, conversions) or _applied_for(conversions)
    if (
        shape is not None
        and shape.text == "repairs"
        and all(
            business is not None and o.text.lower() == business.text.lower() for o in said_offers
        )
    ):  # a housing association's tenants get repairs, not "Housing association"
        said_offers = [Read(text="repairs", source=shape.source, confidence=0.6)]
    offering = [  # "Scaffold hire & erect": the scaffold is what is hired; an "Audiology
        # practice" offers hearing tests and hearing aids, not "Audiology"
        o.model_copy(update={"text": _lower_word(hired["thing"]), "confidence": 0.6})
        if (hired := _HIRED_THING.match(o.text))
        else o.model_copy(update={"text": _DISCIPLINES[o.text.lower()], "confidence": 0.6})
        if o.text.lower() in _DISCIPLINES
        else o.model_copy(update={"text": plural_kind(made["thing"]), "confidence": 0.6})
        if (made := _MAKER_OF.match(o.text))  # "corrugated box manufacturer": the boxes
        else o
        for o in said_offers
    ]
    business = _glossed(business, text) if business else None
    offering = [_glossed(o, text) for o in offering]
    # a doing is no offering: "collect the boxes" (they collect what was printed), "send back
    # tuning" (of "we tune and send back")
    offering = [o for o in offering if not _DOING_OFFER.match(o.text)]
    if (
        business is not None
        and all(o.text.lower() == business.text.lower() for o in offering)
        and (trade_offer := _named_offer(business.text))
    ):  # "wedding card printers" offer wedding cards
        offering = [Read(text=trade_offer, source=business.source, confidence=0.5)]
    tokens = [o for o in offering if _ACCESS_TOKEN.fullmatch(o.text)]
    if business is not None and tokens and _RUN_BY.search(business.source):
        # "collect the key" of a hall its trustees look after: the key lets them in, the hall
        # is what is hired
        offering = [o for o in offering if o not in tokens] or [
            Read(text=business.text, source=business.source, confidence=0.7)
        ]
    plain = re.fullmatch(PLAIN_BUSINESS, business.text, re.I) if business else None
    if (
        business
        and plain
        and offering
        and len(offering[0].text.split()) <= 3
        and plain.group(1).lower() not in offering[0].text.lower()  # "Small business": no more
    ):
        # "We're a small firm in Wakefield doing fire door inspections": a fire door
        # inspection firm, not "Small firm" in the title and the industry
        offer_words = offering[0].text.split()
        firm_name = " ".join([*offer_words[:-1], singular(offer_words[-1]), plain.group(1).lower()])
        business = business.model_copy(update={"text": firm_name})
    reading = BriefReading(
        text=text,
        business=business,
        kind=kind_of(business),
        offering=offering,
        audience=audience,
        roles=roles,
        conversions=conversions,
        steps=steps,
        details=_details(
            text,
            {i.source for i in [*steps, *problems, *goals] if i.source},
            {w for o in offering for w in re.findall(r"[a-z]{4,}", o.text.lower())},
        ),
        channels=_channels(text, clause_list),
        lacks=_lacks(text),
        fulfilment=fulfilment,
        problems=problems,
        goals=goals,
        constraints=_constraints(text, sector.text),
        sector=sector,
        region=_region(text),
        place=_place(text),
        industry=industry,
        shape=shape,
        map_type=chosen,
        map_type_reason=reason,
    )
    known = sum(
        bool(x)
        for x in (
            reading.business or reading.offering,
            reading.channels,
            reading.conversions or reading.steps,
            reading.problems or reading.goals,
            [a for a in reading.audience if a.confidence >= 0.5],  # not people only swept up
        )
    )
    words = len(re.findall(r"[A-Za-z]+", text))
    vague = reading.business is not None and _VAGUE.fullmatch(reading.business.text.lower())
    reading.thin = words < 4 or (  # "coffee shop": a kind of business, nothing about this one
        not industry.used  # a confident pack says what the business is
        and (
            known <= 1
            or (reading.business is None and not any(o.confidence >= 0.6 for o in reading.offering))
            or bool(vague and known <= 2)
        )
    )
    for problem in reading.problems:
        problem.phase = phase_in_shape(reading.shape, problem.text, problem.phase)
    for step in reading.steps:
        step.phase = step_in_shape(reading.shape, step.text, step.source, step.phase)
    for step in reading.steps:
        if _FINDING.match(step.text) and step.phase == Phase.advocacy:
            step.phase = Phase.awareness  # "find me through … a recommendation from their
            # piano teacher": they find the business, however they heard of it
    finding = [s for s in reading.steps if s.phase == Phase.awareness and _FINDING.match(s.text)]
    if finding and reading.steps[0].phase != Phase.awareness:  # "Most find us on Facebook",
        reading.steps = finding + [s for s in reading.steps if s not in finding]  # said after
        # the rest: how they found the business comes first all the same
    reading.steps = _service_after_the_order(reading.steps, text)
    reading.offering = [  # "little watch and clock repair shop" offers watch and clock repair
        o.model_copy(update={"text": "dry cleaning"})
        if re.fullmatch(r"(?:[\w-]+\s+){0,2}dry[\s-]?cleaners?", o.text, re.I)
        else o.model_copy(update={"text": mended["what"]})
        if (mended := _MENDING_SHOP.fullmatch(o.text))
        else o.model_copy(update={"text": done})
        if (done := _work_of(o.text)) != o.text
        else o
        for o in reading.offering
    ]
    reading.questions = _questions(reading)
    reading.assumptions = _assumptions(reading)
    return reading


# A shop named for the mending it does: "little watch and clock repair shop"
_MENDING_SHOP = re.compile(
    r"(?:(?:little|small|tiny|local|family|independent|friendly)\s+)*"
    r"(?P<what>.*\b(?:repair|repairs|alterations|cleaning|servicing|resoling))\s+"
    r"(?:shop|workshop|studio|centre|center|business)",
    re.IGNORECASE,
)


# A first sentence that says what the business is and does: "We are mobile ski service in
# Zakopane, we pick up skis … and return them before 8 am"
_SELF_TOLD = re.compile(
    r"^\s*(?:(?:hi|hello|hey)\W+)?(?:we(?:'re|\s+are)|i(?:'m|\s+am)|we\s+run|i\s+run|"
    r"our\s+(?:business|company|firm)\s+is)\b",
    re.IGNORECASE,
)


def _service_after_the_order(steps: list[Step], text: str) -> list[Step]:
    """Steps of the service the first sentence tells in saying what the business does ("we
    pick up skis … and return them before 8 am") come after the ones the brief then tells
    in order ("they find us …, order on our website and pay at pickup"), where they belong:
    the description is not the start of the journey."""
    said = sentences(text)
    if not said or not _SELF_TOLD.match(said[0]):
        return steps
    own = [s for s in steps if s.source and s.source in said[0]]
    later = [s for s in steps if s not in own]
    rank = {p: n for n, p in enumerate(Phase)}
    told = [rank[s.phase] for s in later if s.phase is not None]
    if (
        not own
        or len(later) < 2
        or not told
        or not any(s.phase is not None and rank[s.phase] > min(told) for s in own)
    ):
        return steps
    out = [s for s in steps if s not in own]
    for step in own:
        if step.phase is None:
            out.append(step)
            continue
        after = [
            n
            for n, s in enumerate(out)
            if s.phase is not None and rank[s.phase] <= rank[step.phase]
        ]
        out.insert(after[-1] + 1 if after else len(out), step)
    return out


# Finding the business, told as a step: "find us on Google", "hear about us"
_FINDING = re.compile(
    r"(?:find|finds|found|hear|hears|heard|see|sees|saw|come\s+across|discover|search|"
    r"look\s+(?:us\s+)?up|google)\b",
    re.IGNORECASE,
)


# Businesses described too generally to map ("a shop", "small business", "consulting").
_VAGUE = re.compile(
    r"(?:small |local |online |new |little )?(?:shop|store|business|company|startup|brand|"
    r"firm|consultancy|consulting|agency|app|service|services|website|platform)s?"
)


def _assumptions(reading: BriefReading) -> list[str]:
    out = []
    if not reading.industry.used:
        if reading.industry.pack and reading.industry.confidence >= NAMED_CONFIDENCE:
            out.append(
                f"The closest industry pack ({reading.industry.name}) is not a sure match "
                f"(confidence {reading.industry.confidence:.2f}); the map is built from the "
                "brief and general journey knowledge only."
            )
        else:
            out.append(
                "No industry pack matches this business; the map is built from the brief and "
                "general journey knowledge only."
            )
    if not reading.audience:
        out.append("The brief names no audience; the personas are guesses to validate.")
    if not reading.channels:
        out.append("The brief names no channels; the touchpoints are assumptions to check.")
    return out


def as_action(clause: str) -> str:
    """A clause of the brief as an action on the map: its subject dropped, first letter up."""
    text = _CUSTOMER_SUBJECT.sub("", clause.strip(), count=1).strip(" ,.")
    if not re.match(r"(?:i|we)\b", text, re.I):  # what customers do, told by a one-person
        text = re.sub(r"\bmy\b", "the", text)  # business: "book through my facebook page
        text = re.sub(r"\bme\b", "us", text)  # or just text me"
    return text[:1].upper() + text[1:] if text else clause


# The writer saying who they are: no step of anyone's journey.
_WRITER = re.compile(
    r"^(?:hi,?\s+)?i\s*(?:'m|am)?\s*(?:lead|run|head|manage|look after|work (?:in|at|for|on)|"
    r"am in charge of|'m in charge of|handle|do)\s+(?:the\s+)?(?:[\w-]+\s+){0,3}?"
    r"(?:recruitment|marketing|team|department|service|services|comms|communications|cx|sales|"
    r"operations|digital)\b",
    re.IGNORECASE,
)


# A sentence that asks the assistant for something.
_ASKS_US = re.compile(
    r"^(?:(?:so|and|but|ok|okay|anyway)\W+)?(?:(?:can|could|would|will)\s+(?:you|u)\b|"
    r"(?:please|pls|plz)\s+(?:help|map|draft|make|show|build|create|do)\b|help me\b|"
    r"i(?:'d| would)? (?:like|love|need|want) (?:you|your help|some help|help)\b)",
    re.IGNORECASE,
)


_NOT_DONE = re.compile(
    r"^(?:and\s+|but\s+)?(?:we|i)\s+(?:don'?t|do\s+not|never|can'?t|cannot|won'?t|wont)\b", re.I
)


_ASIDE_OR_TALLY = re.compile(
    r"^(?:reckon|i reckon|we reckon|maybe|probably|plus we)\b"  # a guess or an aside of ours
    # "mostly tomato and sweet pepper": what, not who ("mostly wood-burner owners" is who)
    r"|^(?:mostly|mainly|largely|especially|esp)\b(?!.*\b(?:owners|customers|clients|families|"
    r"people|parents|businesses|firms|farmers|growers|homeowners|members)\b)"
    # "maybe one in five becomes a regular": a tally of who goes on, no doing
    r"|\b(?:\d+\s*%|\d+\s+(?:in|of|out of)\s+\d+|(?:one|1)\s+in\s+\w+|a\s+(?:third|quarter|"
    r"fifth)|half)\b.*\b(?:convert|converts|becomes?|turns? into|sign|signs|books?|buys?)\b"
    r"|\bconvert(?:s|ing)?\b.*\b(?:\d+\s*%|\d+\s+(?:in|of|out of)\s+\d+|"
    r"a\s+(?:third|quarter|fifth)|half)",
    re.IGNORECASE,
)
# Where customers come from, said as their doing: "They come from PCP referrals", "Leads
# come from GreenTech Amsterdam", "most of our work comes through Checkatrade"
_COME_FROM = re.compile(
    r"^(?:(?:around|about|roughly|maybe|over|nearly|almost)\s+)?(?:\d+\s*%\s+of\s+)?"
    r"(?:(?:almost|nearly)\s+all\s+(?:of\s+(?:our|the)\s+)?)?"
    r"(?:(?:most|many|some|all|our|the|new|a lot|lots)\s+(?:of\s+(?:our|the|them)\s+)?)*"
    r"(?:(?!come\b)[\w-]+\s+){0,2}?"  # "most of our homeowner leads come from Angi"
    r"(?:leads?|clients?|customers?|patients?|people|ppl|they|enquiries|inquiries|business|work|"
    r"jobs?|bookings?|sales|orders?|members|students|parents|families)\s+"
    r"(?:mostly\s+|mainly\s+|usually\s+|largely\s+)?(?:come|comes|came)\s+(?:in\s+)?"
    r"(?P<how>from|through|thru|via)\b",
    re.IGNORECASE,
)


def _customers_act(clause: str) -> bool:
    """Whether a clause says the customers do something, a step verb after them ("applicants
    pay the admission fee via M-Pesa", "they need to come to the showroom to pick fabric"),
    not what they are or want ("most people just want a price")."""
    subject = _CUSTOMER_SUBJECT.match(clause) or _people_doing(clause)
    if subject is None or _group("problem").search(_troubling(clause)):
        return False
    body = re.sub(_FILLER, "", clause[subject.end() :], flags=re.I)
    body = re.sub(r"^(?:(?:usually|often|mostly|then|also|just)\s+)*", "", body, flags=re.I)
    body = re.sub(r"^(?:need|needs|have|has)\s+to\s+", "", body, flags=re.I)
    return bool(_VERBISH.match(body)) and not re.match(r"(?:have|has|get|gets)\b", body, re.I)


def _details(
    text: str, used: set[str], offered: frozenset[str] | set[str] = frozenset()
) -> list[Detail]:
    """Every other clause that places something in a phase ("we send a proof", "collect from
    the shed on Saturdays"); a clause with no cue of its own takes the one before it, and one
    where the business does what it offers ("i wash the dog in the van" for a dog wash) is the
    service itself."""
    out: list[Detail] = []
    asked = {s[:-1] for s in sentences(text, questions=True) if s.endswith("?")}
    for sentence in sentences(text):
        if sentence in asked and _ASKS_US.match(sentence):
            continue  # "can you map how people book me?": asked of us, not done by customers
        previous: Phase | None = None
        for clause in clauses(sentence):
            came = _COME_FROM.match(clause)
            if came and clause not in used:  # "Almost all bookings come from mums in local
                # facebook groups": how they first hear of the business, in their words
                out.append(
                    Detail(
                        text=f"Hear of us {came['how'].lower().replace('thru', 'through')}"
                        f"{clause[came.end() :]}",
                        source=clause,
                        phase=Phase.awareness,
                        confidence=0.6,
                    )
                )
                previous = Phase.awareness
                continue
            phase = phase_of_clause(clause) or previous  # "..., invite teammates, ..."
            doing = _COMPANY_SUBJECT.match(clause)
            if doing and phase_of_clause(clause) is None:
                verb = clause[doing.end() :].split()[:1]
                if verb and verb[0].lower() in offered:
                    phase = Phase.usage
            previous = phase
            if phase is None or clause in used or _is_goal(clause) or len(clause.split()) < 2:
                continue
            if (
                _INTRO.match(clause)
                or _WRITER.match(clause)
                or _ASIDE_OR_TALLY.search(clause)  # "mostly tomato and sweet pepper", "reckon
                # we convert maybe a quarter": what the business says of itself, no doing
                or _NOT_DONE.match(clause)  # "i dont take online bookings": nothing done
                or _OWN_REASON.match(clause)  # "..., too much faff": why not
                or any(clause in u or u in clause for u in used if len(u) > 12)
            ):  # "my problem is discovery", "I lead foster carer recruitment at …": no doing
                continue
            out.append(
                Detail(
                    text=as_action(clause),
                    source=clause,
                    phase=phase,
                    by_business=bool(_COMPANY_SUBJECT.match(clause)),
                    by_customer=_customers_act(clause),
                    confidence=0.6,
                )
            )
    return out
