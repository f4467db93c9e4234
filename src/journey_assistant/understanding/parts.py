"""Who plays which part around a purchase: who pays, books, uses, refers or gives it.

A brief says it in many voices: passive ("steered by the funeral director", "bought as gift
vouchers by partners"), active ("the kitchen manager books the clean but head office pays
the invoice", "parents pay the fees monthly"), as a contrast ("it's the child who has to enjoy
it", "it's the dog doing the work") and as where customers come from ("referrals come from
community health volunteers", "couples get passed our name by their wedding planner", "on a
vet referral"). Each kind is kept with the sentence that says its part, so that a persona can
stand for it. A kind that does everything itself (runners buying their own shoes) plays no
part of its own: the parts matter where they are split.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from .customers import LIST_SPLIT, not_a_modifier, plural_kind, tidy_kind
from .lexicon import lexicon
from .reading import Read, Role


class Part(NamedTuple):
    """The part someone plays for the customer, and what a persona of them says."""

    role: str  # what they do
    named: str  # how a persona's name says it ("Who Steers the Choice")
    segment: str
    goal: str
    need: str
    worry: str
    research: str  # how to check it, with {who} for them


_STEERS = Part(
    "Steers which business the customer chooses",
    "Who Steers the Choice",
    "Steers the choice",
    "Point people to someone they can trust, with no extra work or risk to themselves",
    "A simple way to pass on the business's details at the right moment",
    "Being blamed if the business they pointed to lets the customer down",
    "Interview 3-5 {who} about how they decide whom to suggest, and what would change it",
)
REFERS = Part(
    "Refers customers to the business",
    "Who Refers",
    "Refers customers",
    "Send people somewhere that makes them look good for recommending it",
    "To hear that the people they sent were looked after",
    "Sending someone who then has a bad experience",
    "Interview 3-5 {who} about why they refer people, and what would make them refer more",
)
_GIVES = Part(
    "Buys it as a present for someone else, who then has to use it",
    "Who Gives It as a Present",
    "Gives it as a present",
    "Give a present the other person will actually use and enjoy",
    "A present that is easy to give and easy for the other person to use",
    "The present going unused, or the other person finding it a chore",
    "Interview 5 people who bought it as a present, and 5 who were given one",
)
_COMES_ALONG = Part(
    "Brings the customer and helps them decide",
    "Who Comes Along",
    "Comes along",
    "See the person they bring through it safely, without losing more time than needed",
    "To know in advance what will happen, when, and how long it takes",
    "Losing a day's work or pay, or the person they bring being frightened",
    "Interview 5 {who} who came along about what made it hard to come",
)
_PAYS = Part(
    "Pays for it, though someone else uses it",
    "Who Pays",
    "Pays for it",
    "Know the money is well spent on the person who uses it",
    "To see what their money achieved",
    "Paying for something that is not used",
    "Interview 3-5 {who} about what they need to see to pay again",
)
_ARRANGES = Part(
    "Books or arranges it on the customer's behalf",
    "Who Arranges It",
    "Arranges it",
    "Get it arranged once, correctly, without chasing",
    "One place to book and change it for someone else",
    "Having to chase, or pass messages back and forth",
    "Interview 5 {who} about the last time they arranged it for someone",
)
_BOOKS = Part(
    "Books it, while someone else pays",
    "Who Books It",
    "Books it",
    "Get it booked for when it is needed, without sorting out the money themselves",
    "To know what is covered and what, if anything, they pay",
    "Being caught between the business and whoever pays",
    "Interview 5 {who} about how they booked, and what they had to sort out first",
)
_CUSTOMER = Part(
    "Chooses it, books and pays for it themselves",
    "Who Books",
    "Books and pays",
    "Get it booked once, at a clear price, and know what happens next",
    "The price, the dates and what is included, before paying",
    "Paying up front and then being let down",
    "Interview 5 {who} about the last time they booked, and what nearly stopped them",
)
_BOOKS_AND_PAYS = Part(
    "Books it and pays for it, for someone else who uses it",
    "Who Books and Pays",
    "Books and pays",
    "Get it arranged for the person it is for, and see it was worth the money",
    "One place to book, pay and see how it is going for the person it is for",
    "Paying for something that is not used, or having to chase to find out how it went",
    "Interview 5 {who} about the last time they booked and paid for someone else",
)
_USES = Part(
    "Uses it, while someone else pays or books",
    "Who Uses It",
    "Uses it",
    "Get something out of it that suits them, not only the person who pays or books",
    "To know what will happen and to have a say in it",
    "Being signed up for something that does not suit them, with no say in it",
    "Interview 5 {who} who used it, apart from whoever booked or paid",
)
_TAKES_PART = _USES._replace(
    role="Takes part in it, while someone else pays or books", named="Who Takes Part"
)
_RECEIVES = _USES._replace(
    role="Receives it, while someone else pays for it",
    named="Who Receives It",
    segment="Receives it",
    goal="Enjoy what they were given, without effort or cost to themselves",
)
_DECIDER = Part(
    "Takes the decision, and usually pays", "Who Decides", "Takes the decision",
    "Make a choice they will not regret, for themselves and for the people it is for",
    "Clear options, prices and what happens next, in one place",
    "Choosing wrong, or paying for something that turns out not to be what they hoped",
    "Interview 5 {who} about how they chose, and what nearly stopped them",
)  # fmt: skip

# The parts of those who choose, pay or book, and of those who use it
BUYING = [_DECIDER, _GIVES, _BOOKS_AND_PAYS, _CUSTOMER, _PAYS, _ARRANGES, _BOOKS, _COMES_ALONG]
USING = [_TAKES_PART, _USES, _RECEIVES]
# The parts of those who send customers to the business without buying themselves
STEERING = [REFERS, _STEERS]

ALL_PARTS = [
    _STEERS, REFERS, _GIVES, _COMES_ALONG, _PAYS, _ARRANGES, _BOOKS, _CUSTOMER,
    _BOOKS_AND_PAYS, _USES,
    _TAKES_PART, _RECEIVES, _DECIDER,
]  # fmt: skip

# Someone named as the doer of what happens to the customer: "steered by the funeral
# director", "bought as gift vouchers by partners", "brought by a son or daughter"
_PASSIVE = [
    (r"(?:steered|guided|advised|influenced)", _STEERS),
    (r"(?:referred|recommended|sent|introduced)", REFERS),
    (r"bought\s+as\s+(?:gifts?|presents?|(?:gift\s+)?vouchers?)", _GIVES),
    (r"(?:brought|accompanied|escorted)", _COMES_ALONG),
    (r"(?:paid|funded|sponsored)", _PAYS),
    (r"(?:booked|arranged|ordered|placed)", _ARRANGES),
]


def part_played(kind: str, said: str) -> Part | None:
    """The part a kind of person plays when the brief names them as the one who steers,
    refers, gives, brings or pays for the customer ("steered by the funeral director" ->
    "Steers which business the customer chooses"), or who decides and pays ("mostly parents
    pay and decide, kids attend"), else ``None``."""
    who = re.escape(kind)
    decides = re.search(
        rf"\b{who}(?:\s+(?:or|and)\s+[\w'-]+)?\s+(?:who\s+)?(?:usually\s+|mostly\s+|often\s+)?"
        r"(?:takes?\s+the\s+decision|makes?\s+the\s+decision|decides?|pays?\s+and\s+decides?|"
        r"decides?\s+and\s+pays?)\b",
        said,
        re.IGNORECASE,
    )
    for verb, part in _PASSIVE:
        if re.search(rf"\b{verb}\s+by\s+(?:[\w'-]+\s+){{0,4}}?{who}\b", said, re.I):
            return part._replace(role=f"{part.role}; takes the decision") if decides else part
    return _DECIDER if decides else None


# --- parts said in the active voice ---------------------------------------------------------

_ADVERBS = (
    r"(?:(?:usually|normally|mostly|mainly|often|always|generally|typically|actually|really|"
    r"just|then|also|still|all|only|tend to|will|would|have to|has to|need to|needs to|"
    r"honestly|basically|obviously|either|has|have|had|get to|gets to|can|end up|ends up|"
    r"who|that)\s+){0,3}"
)
# What a kind is said to do, by the part it plays
_VERBS = {
    "pays": r"pa(?:y|ys|id|ying)(?!\s+(?:us\s+)?(?:a\s+)?visit)|funds?|funded|foots?|covers?|"
    r"settles?|picks?\s+up\s+the\s+(?:bill|tab|cost)|sponsors?|chip(?:s|ping)?\s+in|"
    r"reimburses?|signs?\s+the\s+cheques?|holds?\s+the\s+(?:budget|purse)",
    "books": r"books?|booked|booking|orders?|ordered|arranges?|arranged|fills?\s+(?:in|out)|"
    r"raises?\s+(?:the\s+|a\s+)?(?:request|order|po|booking|job)|"
    r"signs?\s+(?:them|him|her|the\s+\w+)?\s*up|enrol+s?|enrol+ed|applies|applied|"
    r"requests?|reserves?|registers?|(?:rings?|calls?|phones?|messages?|emails?|texts?)\s+"
    r"(?:us\s+)?(?:on\s+(?:their\s+|his\s+|her\s+)?behalf|for\s+(?:them|him|her|their))",
    "decides": r"decides?|chooses?|picks?(?!\s+up)|takes?\s+the\s+decision|makes?\s+the\s+(?:call|"
    r"decision)|ha(?:s|ve)\s+the\s+(?:final\s+)?say|signs?\s+(?:it\s+)?off|approves?|"
    r"signs?\s+(?:the\s+|a\s+)?(?:[\w-]+\s+)?(?:contract|agreement|deal|order|po)\b",
    "buys": r"buys?|bought|purchases?|purchased",
    "uses": r"uses?|using|wears?|eats?|gets?\s+to\s+use|logs?\s+(?:in|on)",
    "receives": r"receives?|gets?\s+(?:the|a|an|their)\b",
    "attends": r"attends?|enjoys?|takes?\s+part|learns?|want\s+to\s+\w+|comes?\s+in\b|"
    r"do(?:es)?\s+the\s+(?:\w+\s+)?(?:work|swimming|learning|riding|climbing|playing)",
    "refers": r"refers?|recommends?|points?\s+(?:people|them|patients|clients|families|"
    r"customers|folk)|sends?\s+(?:people|them|patients|clients|families|customers|us)|"
    r"pass(?:es|ed)?\s+(?:on\s+)?(?:our|my)|gives?\s+(?:them|people|out)\s+(?:our|my)|"
    r"hands?\s+(?:them\s+|people\s+|out\s+)?(?:our|my|a|the)\s+(?:leaflets?|cards?|flyers?|"
    r"number|details|name)|puts?\s+(?:people|them)\s+in\s+touch|suggests?\s+(?:us|me)|"
    r"puts?\s+(?:my|our)\s+name\s+forward|tells?\s+(?:them|people|families|patients|"
    r"parents|mothers|clients)\s+about\s+(?:us|it|me)",
}


def parts_said(clause: str) -> list[str]:
    """What a clause says someone does around the purchase, of "books", "pays" and "uses"
    ("the barn manager will call us to book": books; "the owners get the bill": none)."""
    said = [
        p for p in ("books", "pays", "uses") if re.search(rf"\b(?:{_VERBS[p]})\b", clause, re.I)
    ]
    if "books" not in said and re.search(
        r"\b(?:call|calls|ring|rings|rang|phone|phones|message|messages|whatsapp|text|texts)\s+"
        r"(?:us|me|our|my)\b",
        clause,
        re.I,
    ):
        said.insert(0, "books")  # "the estate manager will call us": they book the job
    return said


# Where customers come from, the kind after it: "referrals come from community health
# volunteers", "most work comes via letting agents", "find us through their broker"
_FROM = re.compile(
    r"\b(?:referrals?|referals?|recommendations?|introductions?)\s+(?:\w+\s+){0,3}?"
    r"(?:from|through|via|by)\s+(?P<list>[^.;:!?()]+)"
    r"|\b(?:come|comes|coming|arrive|arrives|get|gets|find|finds|found|hear|hears)\s+"
    r"(?:to\s+us\s+|us\s+|about\s+us\s+|of\s+us\s+)?(?:mostly\s+|mainly\s+|usually\s+)?"
    r"(?:via|through)\s+(?P<via>[^.;:!?()]+)"
    r"|\b(?:passed|given|handed)\s+(?:our|my)\s+(?:name|number|details|card|leaflet)\s+by\s+"
    r"(?P<by>[^.;:!?()]+)"
    r"|\b(?:work|business|clients|customers|leads|jobs|families|patients)\s+(?:\w+\s+){0,2}?"
    r"(?:comes?|came|coming)\s+(?:mostly\s+|mainly\s+)?from\s+(?P<work>[^.;:!?()]+)"
    r"|\b(?:hears?|heard|got|get|gets)\s+(?:about\s+(?:us|me)\s+|of\s+(?:us|me)\s+|(?:our|my)\s+"
    r"(?:name|number|details)\s+)from\s+(?P<heard>[^.;:!?()]+)"
    r"|\b(?:sent|referred|recommended|steered|pointed)\s+(?:to\s+us\s+)?by\s+(?P<sent>[^.;:!?()]+)",
    re.IGNORECASE,
)
# The same inside a list of where bookings come from: "bookings come through our site, our
# BabyQuip listing and a lot of referrals from vacation rental managers"
_REFERRALS_FROM = re.compile(
    r"(?:,|\band)\s+(?:a\s+lot\s+of\s+|lots\s+of\s+|some\s+|many\s+)?(?:referrals?|referals?)\s+"
    r"(?:from|through|via|by)\s+(?P<list>[^.;:!?()]+)",
    re.IGNORECASE,
)
# "the invoice goes to their plan manager rather than the family"
_INVOICED = re.compile(
    r"\b(?:invoices?|bills?)\s+(?:\w+\s+){0,2}?(?:goes|go|went|is\s+sent|are\s+sent|gets?\s+sent)"
    r"\s+(?:straight\s+)?to\s+(?P<list>[^.;:!?()]+)",
    re.IGNORECASE,
)
# "lessons are paid for by a workforce grant or the student's employer"
_PAID_BY = re.compile(
    r"\b(?:paid|funded|covered|sponsored|subsidi[sz]ed)\s+(?:for\s+)?by\s+(?P<list>[^.;:!?()]+)",
    re.IGNORECASE,
)
# "the kids are the ones playing, but the parents are the ones paying"
_THE_ONES = re.compile(
    r"(?P<who>[\w' -]{2,40}?)\s+(?:is|are)\s+(?:\w+\s+)?the\s+(?:ones?|person|people)\s+"
    r"(?:who\s+|that\s+)?(?:\w+ly\s+)?(?P<does>\w+)",
    re.IGNORECASE,
)
_ONES_DO = {
    "pays": r"pay\w*|fund\w*",
    "books": r"book\w*|order\w*|sign\w*",
    "decides": r"decid\w*|choos\w*",
}
_ORDERS_FROM = re.compile(
    r"\b(?:bookings|orders|enquiries|inquiries|requests)\s+(?:\w+\s+){0,2}?(?:comes?|came|"
    r"coming)\s+(?:mostly\s+|mainly\s+|in\s+)?from\s+(?P<list>[^.;:!?()]+)",
    re.IGNORECASE,
)
_WHERE_FROM = re.compile(
    r"\b(?:groups?|website|site|word of mouth|ads?|adverts?|search|social media|listings?|"
    r"directory|directories|flyers?|leaflets?)\b",
    re.IGNORECASE,
)
# "birthday presents from aunties, uncles and grandparents"
_PRESENTS_FROM = re.compile(
    r"\b(?:presents?|gifts?)\s+(?:from|by)\s+(?P<list>[^.;:!?()]+)", re.IGNORECASE
)
# "the one who signs the contract and pays is a son or daughter working abroad"
_THE_ONE = re.compile(
    r"\bthe\s+(?:one|person)\s+who\s+(?P<does>[^.;!?]+?)\s+is\s+(?:usually\s+|mostly\s+|often\s+)?"
    r"(?P<list>[^.;:!?()]+)",
    re.IGNORECASE,
)
# Those the service is for: "caring for elderly patients", "on behalf of their mam or dad"
_CARED_FOR = re.compile(
    r"\bon\s+the\s+(?P<whose>[\w-]+)['’]s\s+behalf"
    r"|\b(?:caring\s+for|cares?\s+for|looking\s+after|looks?\s+after|on\s+behalf\s+of|"
    r"(?:taking|takes?)\s+care\s+of)\s+"
    r"(?P<list>[^.;:!?()]+)",
    re.IGNORECASE,
)
# Someone a present is for, said by what of theirs it uses: "the child's name and photo"
_WHOSE = re.compile(r"\b(?:the|their)\s+(?P<kind>[\w-]+)['’]s\b", re.IGNORECASE)
# "on a vet referral", "through a GP referral"
_REFERRAL_OF = re.compile(
    r"\b(?:on|through|via|by|with|after)\s+(?:a|an|the|their)\s+(?P<kind>[\w'-]+(?:\s+[\w'-]+)?)"
    r"\s+refer+als?\b",
    re.IGNORECASE,
)
# "it's the child who has to enjoy it", "it's the dog doing the work"
_CLEFT = re.compile(
    r"\b(?:it'?s|it\s+is)\s+(?:(?:really|actually|always|usually|nearly|almost|mostly|mainly|often|"
    r"generally|normally)\s+)*(?:(?:the|their|a|an|our)\s+)?"
    r"(?P<kind>[\w'-]+(?:\s+[\w'-]+){0,4}?)\s+(?:who|that|doing|who's|whos|that's)\s*"
    r"(?P<rest>[^.;!?]*?)(?=,?\s+but\b|,\s+and\b|[.;!?]|$)",
    re.IGNORECASE,
)
# A verb said before another of the same subject: "the owner pays and [books]"
_CHAINED = re.compile(
    r"(?:\s+(?:pa(?:y|ys|id)|books?|booked|orders?|chooses?|decides?|picks?|arranges?|"
    r"calls?|rings?|phones?|emails?|messages?|texts?|applies|apply)"
    r"\s*(?:,|\band\b|\bor\b|&))+\s*$",
    re.IGNORECASE,
)
_TRAILING = re.compile(
    r"(?:\s+(?:then|usually|normally|mostly|mainly|often|always|just|also|still|first|"
    r"generally|typically|actually|really|either))+\s*$",
    re.IGNORECASE,
)
# "fills in the form for them", "rings on behalf of their dad": booked for someone else
_FOR_SOMEONE = re.compile(
    r"^[^.;]{0,60}?\b(?:for\s+(?:them|him|her|their\s+\w+|the\s+(?:whole\s+)?(?:group|family|"
    r"team|class|party))|on\s+(?:their\s+|his\s+|her\s+)?"
    r"behalf)\b",
    re.IGNORECASE,
)
# Whom someone brings: "the parent brings the child to an assessment day"
_BRINGS = re.compile(
    r"\b(?:brings?|brought|accompanies|accompanied|drops?(?:\s+off)?)\s+(?:the|their|his|her|a)\s+"
    r"(?P<kind>[\w'-]+)",
    re.IGNORECASE,
)
_GIFT = re.compile(r"\bas\s+(?:a\s+)?(?:gifts?|presents?)\b", re.IGNORECASE)
_ANIMALS = re.compile(
    r"^(?:dogs?|cats?|horses?|ponies|pony|pets?|puppy|puppies|animals?|rabbits?|birds?|"
    r"parrots?|tortoises?|ferrets?)$",
    re.IGNORECASE,
)
_LIST_END = re.compile(
    r"\s+(?:who|which|that|in|at|on|around|near|from|with|to|into|when|where|because|but|so|"
    r"after|before|while|until|if|as|than|mostly|mainly|usually|is|are|was|were|have|has|"
    r"then|they|we|i|telling|asking|saying|sending|giving|passing|offering|working|visiting|"
    r"living|looking|rather|instead|not)\b|\s+[-–—]\s",
    re.IGNORECASE,
)


def _party(phrase: str) -> str | None:
    """A kind of person, body or animal that ends a phrase, in one to three words, or None:
    "an aged-care worker", "head office", "its the deaf person", "the county hospital physio
    team" ("hospital physio team")."""
    phrase = " ".join(_party_words(phrase.strip(" ,'\"-")))
    words = phrase.split()
    if not words or not re.search(r"[a-z]", words[-1], re.I):
        return None
    own = [n for n, w in enumerate(words) if w.lower() in ("our", "my")]
    if own and len(words) - own[-1] <= 4 and _OWN.search(phrase):
        return None  # "our field agent", "one of our two motorbike couriers": the business's
    if len(words) == 3 and words[0].lower().endswith("s") and not words[-1].lower().endswith("s"):
        words = words[1:]  # "childs music teacher": the child's music teacher
    for size in (3, 2, 1):
        if len(words) >= size and (kind := _one_party(" ".join(words[-size:]))) is not None:
            return kind
    return None


# The business's own people, said as "our …"
_OWN = re.compile(
    r"\b(?:agents?|team|staff|reps?|drivers?|technicians?|engineers?|instructors?|tutors?|"
    r"coaches|coach|crew|volunteers?|installers?|fitters?|nurses?|carers?|advisers?|advisors?|"
    r"couriers?|riders?|cleaners?|sitters?|walkers?|groomers?|therapists?)$",
    re.IGNORECASE,
)


def _platforms() -> set[str]:
    return {name.lower() for name in lexicon()["platforms"]}


def _one_party(phrase: str) -> str | None:
    words = phrase.split()
    if words[0].lower() in ("our", "my") and _OWN.search(phrase):
        return None  # "our field agent": the business's own people
    if words[0].lower() in ("our", "my"):
        words = words[1:]  # "half our grooms"
        if not words:
            return None
    if " ".join(words).lower() in _platforms():
        return None  # "through Google Maps and OLX": no one
    last = words[-1].lower()
    if any(_NO_MODIFIER.match(w) or not_a_modifier(w) for w in words[:-1]):
        return None  # "brings the child", "3 the dog"
    if last in lexicon()["party_words"] or _ANIMALS.match(last):
        return tidy_kind(phrase) or phrase
    return tidy_kind(phrase)


# Words that never describe a kind of person: "the child", "brings the child"
_NO_MODIFIER = re.compile(
    r"^(?:the|a|an|their|our|my|his|her|its|it'?s|who|brings?|gives?|pays?|books?)$",
    re.IGNORECASE,
)


# What may follow a kind before its verb: where they are ("the nurses at the hospital", "the
# midwife on the postnatal ward") or what they are doing ("a health promoter visiting the home")
_AFTER_KIND = re.compile(
    r"\s+(?:(?:at|in|on|from|of)\s+(?:the\s+|their\s+|a\s+)?|[a-z]+ing\s+(?:the|a|their)\s+)"
    r"[\w'-]+(?:\s+[\w'-]+){0,2}$",
    re.IGNORECASE,
)


def _parties_before(text: str) -> list[str]:
    """The kinds that end a text, as a list said before a verb ("usually a daughter or son,
    an OT or an aged-care worker" -> all four); none when the words before are no kind."""
    where = _AFTER_KIND.search(text.strip())  # "the midwife on the postnatal ward"
    if where is not None and _party(text.strip()[: where.start()]) is not None:
        text = text.strip()[: where.start()]  # not "1 in 5 trial families"
    items = LIST_SPLIT.split(text)
    kinds: list[str] = []
    for item in reversed(items):
        item = re.sub(
            r"^.*\b(?:usually|normally|mostly|mainly|often|generally|typically|but|and|so|"
            r"then|while|whereas|though|although)\s+",
            "",
            item,
            flags=re.I,
        )
        if not item.strip():
            continue
        # the last one to three words before the verb, the longest that names a kind
        words = item.split()
        found = next(
            (
                k
                for size in (3, 2, 1)
                if len(words) >= size and (k := _party(" ".join(words[-size:])))
            ),
            None,
        )
        if found is None:
            break
        kinds.append(found)
        if len(found.split()) < len(words) and not re.fullmatch(
            r"(?:the|a|an|their|his|her|each|every|some|most|many)",
            " ".join(words[: -len(found.split())]),
            re.I,
        ):
            break  # words before the kind that are no determiner: the list began here
    return list(reversed(kinds))


def _parties_after(text: str) -> list[str]:
    """The kinds a list after "from", "via" or "by" names, up to the first word that is none."""
    end = _LIST_END.search(text)
    kinds: list[str] = []
    for item in LIST_SPLIT.split(text[: end.start()] if end else text):
        if not item.strip():
            continue
        kind = _party(item)
        whole = _party_words(item)
        if kind is None and len(whole) <= 2 and not kinds:
            continue  # "a workforce grant or the student's employer": past the grant
        if kind is None or len(kind.split()) < len(whole) - 1:
            break  # "the parent brings the child": no kind, the list ended
        kinds.append(kind)
    return kinds


def _party_words(phrase: str) -> list[str]:
    """The words of a phrase past what leads into a kind ("it's the", "about half", "the
    student's")."""
    return _LEAD.sub("", phrase.strip()).split()


_LEAD = re.compile(
    r"^(?:(?:it'?s|its|is|was|the|a|an|their|his|her|your|each|every|some|most|many|"
    r"another|other|about|around|roughly|nearly|almost|half|of|all|\d+%?|[\w-]+['’]s|quite|"
    r"often|usually|sometimes|mostly|mainly|normally|always|also|then|generally|typically)\s+)+",
    re.IGNORECASE,
)


# A word the brief explains in brackets: "a cerimonialista (wedding planner)"
_NAMED_AS = re.compile(r"\b[\w'-]+\s+\((?P<said>[^()]{2,40})\)")


def _named_as(match: re.Match[str]) -> str:
    return match.group("said") if _party(match.group("said")) else match.group(0)


def _opening(clause: str) -> list[str]:
    """The kind a clause opens with, when it goes on to a string of things they do ("Owners
    find us on forums, book a place, …"): the subject of every verb in the string."""
    words = re.sub(
        r"^(?:(?:and|then|so|but|most|many|some|the|our|their)\s+)+", "", clause.strip(), flags=re.I
    ).split()
    for size in (3, 2, 1):
        kind = _party(" ".join(words[:size])) if len(words) > size else None
        if kind is not None and len(kind.split()) == size:
            return [kind]
    return []


def _active_parts(sentence: str) -> list[tuple[str, str]]:
    """(kind, part) for each kind a sentence says plays a part, in the active voice."""
    found: list[tuple[str, str]] = []
    sentence = _NAMED_AS.sub(_named_as, sentence)
    named: list[str] = []  # who "they" are: the last kinds the sentence named
    for match in _CLEFT.finditer(sentence):
        kinds = _parties_before(match.group("kind"))  # "the adult son or daughter who"
        rest = match.group("rest")
        if not kinds:
            continue
        named = kinds
        parts = [
            p for p in _VERBS if re.search(rf"(?:^|\s){_ADVERBS}(?:{_VERBS[p]})\b", rest, re.I)
        ]
        if _FOR_SOMEONE.match(rest) and "books" in parts:
            parts = ["arranges", *parts]
        contrast = re.search(r"(?:\bbut|\bwhereas|\bwhile|,)\s*$", sentence[: match.start()], re.I)
        if not parts and (contrast or re.match(r"(?:has|have)\s+to\s+(?:enjoy|like)", rest, re.I)):
            parts = ["attends"]  # "but it's the tenants who let us in", "the dog doing the work"
        for part in parts:
            found += [(kind, "books" if part == "buys" else part) for kind in kinds]
    for part, verbs in _VERBS.items():
        for match in re.finditer(rf"\s{_ADVERBS}(?:{verbs})\b", sentence, re.IGNORECASE):
            if re.search(
                r"\b(?:to|our|my|their|the|a|an|his|her|its|your)$",
                sentence[: match.start()].rstrip(),
                re.I,
            ):
                continue  # "to get a snag list done", "on our books": no one's part
            before = re.sub(_CHAINED, "", sentence[: match.start()])  # "pays and books"
            before = _TRAILING.sub("", before)  # "parents then [call or] fill in"
            joined = re.search(r"(?:,|\band|\bor)\s*$", before)  # "…, and pay monthly"
            clause = re.split(
                r"[;:()]|\s[-–—]\s|,\s*(?:but|so|and|then|while)\s|\bbut\b|\bso\b", before
            )[-1]
            if part == "buys":  # "people buy a hive adoption as a gift"
                gift = _GIFT.search(sentence[match.end() : match.end() + 80])
                part = "gifts" if gift else "books"
            if part == "books" and (
                _FOR_SOMEONE.match(sentence[match.end() :]) or "behalf" in match.group(0)
            ):
                part = "arranges"  # "fills in the form for them"
            kinds = [] if joined else _parties_before(clause)
            if re.match(r"\s*who\b", match.group(0), re.I):
                kinds = kinds[-1:]  # "nurses, volunteers or a relative who phones": the relative
            if not kinds and re.search(r"\bthey$", clause.strip(), re.I):
                kinds = named  # "it's the son who finds me … and they book and pay"
            if not kinds and (joined or "," in clause) and part in ("pays", "books", "decides"):
                kinds = _opening(clause)  # "Couples message me, come for a tasting, … and pay"
            found += [(kind, part) for kind in kinds]
    for match in [*_PAID_BY.finditer(sentence), *_INVOICED.finditer(sentence)]:
        found += [(k, "funds") for k in _parties_after(match.group("list"))]
    for match in _ORDERS_FROM.finditer(sentence):  # "bookings mostly come from NHS trusts";
        listed = match.group("list")  # from "the village WhatsApp groups and from pesticide
        head = re.split(r"\b(?:who|that|which|living|based)\b", listed)[0]  # dealers": where
        where = _WHERE_FROM.search(head) or any(  # they come from, the dealers pointing
            re.search(rf"\b{re.escape(p)}\b", head, re.I) for p in _platforms()
        )  # farmers to us; not "sons … who find us on Google"
        for piece in re.split(r",?\s+(?:and|or)\s+(?:also\s+)?from\s+", listed):
            found += [(k, "refers" if where else "books") for k in _parties_after(piece)]
    for match in [*_FROM.finditer(sentence), *_REFERRALS_FROM.finditer(sentence)]:
        groups = ("list", "via", "by", "work", "heard", "sent")
        listed = next(
            (match.group(g) for g in groups if g in match.re.groupindex and match.group(g)), ""
        )
        found += [(k, "refers") for k in _parties_after(listed)]
    for match in _THE_ONES.finditer(sentence):
        kinds = _parties_before(re.split(r",|\bbut\b|\band\b", match.group("who"))[-1])
        does = match.group("does")
        part = next((p for p, v in _ONES_DO.items() if re.fullmatch(v, does, re.I)), "attends")
        found += [(k, part) for k in kinds]
    for match in _PRESENTS_FROM.finditer(sentence):
        found += [(k, "gifts") for k in _parties_after(match.group("list"))]
    for match in _THE_ONE.finditer(sentence):
        parts = [
            p
            for p in ("pays", "books", "decides")
            if re.search(rf"\b(?:{_VERBS[p]})\b", match.group("does"), re.I)
        ]
        for kind in _parties_after(match.group("list")):  # "the one who let us in is the
            found += [(kind, p) for p in parts]  # neighbour" plays no part in buying
    for match in _CARED_FOR.finditer(sentence):
        whose = match.group("whose")
        found += [(k, "uses") for k in ([whose] if whose else _parties_after(match.group("list")))]
    for match in _BRINGS.finditer(sentence):
        brought = _party(match.group("kind"))
        if brought is not None and _ANIMALS.match(brought.split()[-1]):
            found.append((brought, "attends"))  # "drop their tortoise off": the owner's pet
            continue
        if brought is None:
            continue  # "one of our couriers brings the equipment": no one brought along
        clause = re.split(r"[;:(),]|\s[-–—]\s|\bbut\b|\bso\b", sentence[: match.start()])[-1]
        found += [(k, "brings") for k in _parties_before(clause)]
        if found[-1:] and found[-1][1] == "brings":
            found.append((brought, "attends"))
    for match in _REFERRAL_OF.finditer(sentence):
        referrer = _party(match.group("kind"))
        if referrer is not None:
            found.append((referrer, "refers"))
    return found


# The parts a kind plays that make it a persona of its own, and the one it is drafted as
def _part_for(
    parts: list[str], kind: str, *, users: bool, payer: bool, booker: bool
) -> Part | None:
    """The part a kind plays, from what the brief says it does; ``users``, ``payer``,
    ``booker``: someone else uses it, pays for it, books it."""
    said = set(parts)
    buying = said & {"pays", "funds", "books", "arranges", "decides", "gifts", "brings"}
    if "refers" in said and not buying:  # teachers who hear of us from other teachers book
        return REFERS
    if "gifts" in said:
        return _GIVES
    if "refers" in said and said & {"books", "arranges"} and not said & {"pays", "funds"}:
        return _ARRANGES  # "referred by a midwife who fills in our referral form"
    if "funds" in said:  # "paid for by a grant or the student's employer"
        return _PAYS
    if "arranges" in said and not said & {"pays", "decides"}:
        return _ARRANGES
    if "brings" in said and not said & {"pays", "books", "decides"}:
        return _COMES_ALONG
    pays, books = "pays" in said, bool(said & {"books", "arranges"})
    if "decides" in said:
        return (
            _DECIDER
            if pays or not books
            else _DECIDER._replace(role=f"{_ARRANGES.role}; takes the decision")
        )
    if pays and books:
        return _BOOKS_AND_PAYS if users else _CUSTOMER
    if pays:
        return _PAYS if users or booker else _CUSTOMER  # "the homeowner is the one paying"
    if books:
        return _ARRANGES if users else _BOOKS if payer else _CUSTOMER
    if "receives" in said or re.search(r"recipient", kind, re.I):
        return _RECEIVES
    if "attends" in said:
        return _TAKES_PART
    return _USES if "uses" in said else None


# Words for the same people: the "kids" a brief names are the "child" who attends
_SAME_PEOPLE = [
    {"kid", "child", "children"}, {"teen", "teenager"}, {"mum", "mom", "mother"},
    {"parent", "family", "families"},
]  # fmt: skip


def same_people(one: str, other: str) -> bool:
    """Whether two kinds name the same people ("kids aged 6-14" and "the child")."""
    from .content import singular

    a, b = singular(one.split()[-1].lower()), singular(other.split()[-1].lower())
    if a == b:  # "kids" and "school orchestra kids"; not "GP nurses" and "Plunket nurses"
        return min(len(one.split()), len(other.split())) == 1 or one.lower() == other.lower()
    return any(a in group and b in group for group in _SAME_PEOPLE)


_LETS = re.compile(r"^(?:lets|helps|allows|enables|connects|gets|makes)\s+(?=\w)", re.I)


def _as_said(kind: str, audience: list[Read]) -> str:
    """A kind as the brief names its customers, where it names them so ("school orchestra
    kids" for the kids who play, "kids" for the child who takes part), else as it is."""
    kind = _LETS.sub("", kind)  # "Our app lets small farmers … book": small farmers
    alike = [a.text for a in audience if same_people(a.text, kind)]
    head = kind_key(kind).split()[-1]
    same = [t for t in alike if kind_key(t).split()[-1] == head]
    if same:  # the fullest way the brief says it, not a misread "half our grooms"
        clean = [said for t in same if (said := _party(t)) is not None]  # "quite often their
        return max([kind, *clean], key=len)  # families": "families"
    return alike[0] if alike else kind


def kind_key(kind: str) -> str:
    """A kind as one of them, to compare: "Couples" and "couple" are one kind."""
    from .content import singular

    words = kind.lower().split()
    return " ".join([*words[:-1], singular(words[-1])])


# What the brief says each kind does: key -> (the kind as said, its parts, the sentence)
Told = dict[str, tuple[str, list[str], str]]
_USING = {"uses", "attends", "receives"}


def _passive_roles(audience: list[Read], said: list[str]) -> list[Role]:
    """The parts the customers the brief names play in the passive voice ("steered by the
    funeral director") or as the ones who decide ("the family decides")."""
    from .content import singular

    out: list[Role] = []
    for kind in audience:
        words = kind.text.split()
        forms = dict.fromkeys(
            [kind.text, " ".join([*words[:-1], singular(words[-1])]), plural_kind(kind.text)]
        )  # "families": "the family decides"
        for sentence in said:
            part = next((p for f in forms if (p := part_played(f, sentence)) is not None), None)
            if part is not None:
                out.append(Role(text=kind.text, source=sentence, confidence=0.6, part=part.role))
                break
    return out


def _told(said: list[str], passive: list[Role]) -> Told:
    """What each kind is said to do, the same people said two ways as one ("parents pay …
    trial families enrol"); a present's buyer gives it, and its recipient is found by what of
    theirs it uses ("the child's name goes into the story")."""
    told: Told = {}
    for sentence in said:
        for kind, part in _active_parts(sentence):
            key = next((k for k, (t, _, _) in told.items() if same_people(t, kind)), kind_key(kind))
            parts = told.setdefault(key, (kind, [], sentence))[1]
            if part not in parts:
                parts.append(part)
    gifts = any("gifts" in p for _, p, _ in told.values()) or any(
        part_of_role(r) == _GIVES for r in passive
    )
    if gifts and not any(_USING & set(p) for _, p, _ in told.values()):
        for match in _WHOSE.finditer(" ".join(said)):
            whose = _party(match.group("kind"))
            if whose is not None:
                told.setdefault(kind_key(whose), (whose, ["receives"], match.group(0)))
                break
    if _GIFT.search(" ".join(said)) and any("receives" in p for _, p, _ in told.values()):
        for _, parts, _ in told.values():  # "the buyer pays, the recipient gets a box"
            if "pays" in parts and "receives" not in parts:
                parts.append("gifts")
    return told


def _split(told: Told, audience: list[Read], passive: bool) -> tuple[set[str], set[str]]:
    """The kinds whose parts are split among several people (so each plays a part of its
    own), and those among them who use it; ``passive``: a part read in the passive voice
    buys or books for someone ("placed by a caregiver")."""
    split = {k for k, (_, parts, _) in told.items() if "refers" in parts}
    buying = {k: set(p) - _USING - {"refers"} for k, (_, p, _) in told.items() if k not in split}
    buying = {k: p for k, p in buying.items() if p}
    users = {k for k, (_, p, _) in told.items() if _USING & set(p) and k not in buying}
    if users and (buying or passive):  # one pays or books, another uses it
        split |= users | set(buying)
    elif len({frozenset(p) for p in buying.values()}) >= 2:  # one books, another pays
        split |= set(buying)
    else:  # booked for someone else, given as a present, brought along, paid for by
        split |= {k for k, p in buying.items() if {"arranges", "gifts", "brings", "funds"} & p}
    funds = [k for k, p in buying.items() if p == {"pays"} and k.split()[-1] in _funders()]
    if len(told) == 1 and funds:  # "The state health secretariat funds us": someone else
        served = next(  # uses it, the customers the brief names
            (a for a in audience if kind_key(a.text).split()[-1] != funds[0].split()[-1]), None
        )
        if served is not None:
            told[kind_key(served.text)] = (served.text, ["uses"], served.source)
            users, split = {kind_key(served.text)}, split | {funds[0], kind_key(served.text)}
    if split and users:  # the family a nurse refers, on whose behalf the form is filled in
        split |= users
    if split:  # the one who does the rest themselves: "the buyer then books and pays"
        split |= {k for k, p in buying.items() if p & {"books", "pays", "decides"}}
    return split, users


def _funders() -> set[str]:
    return set(lexicon()["funders"])


# People others often book or pay for
_DEPENDANTS = re.compile(
    r"\b(?:kids|children|child|teens?|teenagers?|pupils|toddlers|babies|infants|elderly|seniors|"
    r"older (?:people|adults)|grandparents|young people|learners|residents)\b",
    re.I,
)


def _served_for(told: Told, audience: list[Read], said: list[str]) -> None:
    """The customers a business is said to be *for* use it when others book or pay: "violins
    … for primary school kids … Parents … sign up", "a summer course … for teenagers aged
    12-17 … Parents book", "home attendants for elderly people … bookings come from sons"."""
    if not any({"books", "pays"} & set(parts) for _, parts, _ in told.values()):
        return
    for kind in audience:
        key = kind_key(kind.text)
        if key in told or any(same_people(t, kind.text) for t, _, _ in told.values()):
            continue
        if not _DEPENDANTS.search(kind.text):  # "duct cleaning for restaurants": the
            continue  # customers themselves, not people someone else books for
        for sentence in said:
            if re.search(
                rf"\bfor\s+(?:the\s+|our\s+|their\s+)?(?:[\w-]+\s+){{0,3}}?"
                rf"{re.escape(kind.text)}\b",
                sentence,
                re.I,
            ):
                told[key] = (kind.text, ["uses"], sentence)
                break


def roles_of(audience: list[Read], said: list[str]) -> list[Role]:
    """The part each kind of person plays around the purchase, where the brief splits them
    (one pays, another uses, a third refers), each with the sentence that says it, in the
    order: those who decide, pay or book, those who use it, those who refer or give it."""
    out = _passive_roles(audience, said)
    passive = any(part_of_role(r) in BUYING for r in out)
    told = _told(said, out)
    _served_for(told, audience, said)
    split, users = _split(told, audience, passive)
    taken = {kind_key(r.text) for r in out}
    animals = [t for t, _, _ in told.values() if _ANIMALS.match(t.split()[-1])]
    text = " ".join(said).lower()

    def said_most(item: tuple[str, tuple[str, list[str], str]]) -> int:
        last = item[0].split()[-1].lower()  # the owners said thrice, insurers once; the
        stem = re.escape(last[:-1] if last.endswith("s") else last)  # mother-in-law once,
        return -len(re.findall(rf"\b{stem}(?:s|es)?\b", text))  # though "mother" is said more

    for key, (kind, parts, source) in sorted(told.items(), key=said_most):
        if key not in split or key in taken or _ANIMALS.match(kind.split()[-1]):
            continue
        others = [p for k, (_, p, _) in told.items() if k != key]
        part = _part_for(
            parts,
            kind,
            users=bool(users - {key}) or bool(animals) or passive,
            payer=any({"pays", "funds"} & set(p) for p in others),
            booker=any({"books", "arranges"} & set(p) for p in others),
        )
        if animals and part == _ARRANGES:  # the owner who books for their tortoise pays too
            part = _BOOKS_AND_PAYS
        if part is None:
            continue
        if animals and kind.lower() in ("owner", "owners"):  # "the owner pays": the dog's
            kind = f"{animals[0].lower().rstrip('s')} {kind.lower()}"
        out.append(
            Role(text=_as_said(kind, audience), source=source, confidence=0.6, part=part.role)
        )
        taken.add(key)
    order = [*BUYING, _TAKES_PART, _USES, _RECEIVES]
    rank = {p.role: n for n, p in enumerate(order)}

    def ranked(role: Role) -> tuple[int, bool]:  # "the person who wears it" after "a parent"
        generic = role.text.lower() in ("person", "people", "persons", "user", "users")
        return rank.get(role.part.split(";")[0], len(order)), generic

    return sorted(out, key=ranked)


def part_of_role(role: Role) -> Part | None:
    """The whole part (its goal, need, worry, research) of a role read from a brief."""
    return next((p for p in ALL_PARTS if role.part.startswith(p.role)), None)
