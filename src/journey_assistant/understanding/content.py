"""What a piece of map content says: is it specific, measurable, seen from the customer's side,
does an idea answer its pain, does a term belong to this business, region and size.

Pure functions over text, shared by the critique (its meaning rules and its score), the drafting
checks and the evaluation scorers, so all three judge content the same way.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from ..resources import read_yaml

STOPWORDS = {
    "the", "and", "for", "with", "our", "your", "their", "they", "them", "from", "that", "this",
    "into", "onto", "when", "then", "than", "have", "has", "had", "are", "was", "were", "will",
    "can", "not", "but", "all", "any", "each", "more", "most", "less", "very", "just", "get",
    "gets", "make", "makes", "people", "customers", "customer", "ppl", "who", "what", "how",
    "its", "it's", "about", "like", "one", "two", "also", "there", "here", "out", "off",
}  # fmt: skip


@lru_cache(maxsize=8192)
def stem(word: str) -> str:
    """A crude stem, good enough to match 'collections' with 'collection' and 'booking' with
    'booked'."""
    word = word.lower().strip("'’")
    if len(word) == 6 and word.endswith("ing"):  # a verb of three letters and its -ing
        if word[2] in "xwy":  # "fixing" -> "fix", "paying" -> "pay"
            return word[:3]
        if re.fullmatch(r"[^aeiou][aeiou][^aeiouwxy]", word[:3]):
            return word[:3] + "e"  # "tuning" -> "tune", "coming" -> "come"
    for suffix in ("able", "ing", "ed", "es", "e", "s"):
        if suffix == "s" and word.endswith("ss"):
            break  # "dress" as "dressing", "access" as "accessed"
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            word = word[: -len(suffix)]
            if suffix in ("ing", "ed") and len(word) <= 5 and re.search(r"([bdgkmnprt])\1$", word):
                word = word[:-1]  # "fitting", "fitted" -> "fit", "shipped" -> "ship"
            break
    if len(word) > 4 and word.endswith("e"):  # "shareable" -> "share" -> "shar", as "share"
        word = word[:-1]
    return word[:6]


def singular(word: str) -> str:
    """A plural noun's singular, for a line about one of them: "narrowboats" -> "narrowboat",
    "families" -> "family", "boxes" -> "box"; other words as they are."""
    low = word.lower()
    if low.endswith("ies") and len(low) > 4:
        return word[:-3] + "y"
    if re.search(r"(?:ch|sh|x|ss)es$", low):
        return word[:-2]
    if low.endswith("s") and not low.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def base_verb(said: str) -> str:
    """A phrase led by its verb's plain form: "comes back to do the second room" -> "come
    back to do the second room", "confirmed on UCAS" -> "confirm on UCAS", "rings us" -> "ring
    us", "fixes it" -> "fix it"."""
    first, _, rest = said.strip().partition(" ")
    low = first.lower()
    if low.endswith("ed") and low not in ("need", "feed"):
        e_kept = low.endswith(("ved", "ced", "sed", "zed", "ged", "ued", "eted", "leted"))
        first = first[:-1] if e_kept else first[:-2]  # "moved" -> "move", "booked" -> "book"
    elif low in ("goes", "does") or low.endswith(("shes", "ches", "sses", "xes", "zzes")):
        first = first[:-2]
    elif low.endswith("ies"):
        first = first[:-3] + "y"
    elif low.endswith("s") and not low.endswith("ss"):
        first = first[:-1]
    return f"{first} {rest}".strip()


_SHORT_COMPOUND = re.compile(r"\b([a-z]{1,2})-([a-z]{1,5})\b")


def words(text: str) -> list[str]:
    """The words of a text, lower-cased; hyphenated words split, except a compound with a
    part of one or two letters, which is one word ('wi-fi' is 'wifi', 'e-mail' 'email')."""
    low = _SHORT_COMPOUND.sub(r"\1\2", text.lower())
    return re.findall(r"[a-z0-9£$€%][a-z0-9'’.%]*", low.replace("-", " "))


@lru_cache(maxsize=4096)
def content_words(text: str) -> frozenset[str]:
    """Stems of the meaningful words of a text (for matching, not for display)."""
    return frozenset(stem(w.rstrip(".")) for w in words(text) if w not in STOPWORDS and len(w) > 2)


def akin(one: str, other: str) -> bool:
    """Two stems of one word ("donati" of donation, "donat" of donate): the same, or one starts
    the other, four letters or more ("quot" of quote, "quotat" of quotation)."""
    short, long_ = sorted((one, other), key=len)
    return one == other or (len(short) >= 4 and long_.startswith(short))


# --- specific or vague -----------------------------------------------------------------------

# Words that say how something is, not what it is: a text made only of these (and small words)
# names no particular moment, thing or change.
_GENERIC = {
    # small words
    "a", "an", "the", "to", "of", "in", "on", "is", "it", "be", "we", "us", "our", "its", "at",
    "by", "or", "as", "too", "so", "not", "no", "do", "does", "doing", "done", "and", "for",
    "with", "there", "are", "was", "were", "very", "really", "quite", "some", "lot", "lots",
    "enough", "more", "much", "many", "all", "overall", "general", "generally", "always",
    "sometimes", "often", "things", "thing", "stuff", "etc", "it's", "they", "them", "their",
    "people", "customer", "customers", "user", "users", "client", "clients", "everyone",
    # abstract nouns
    "experience", "experiences", "journey", "process", "processes", "service", "services",
    "communication", "communications", "information", "info", "quality", "engagement",
    "satisfaction", "awareness", "consistency", "efficiency", "support", "marketing", "system",
    "systems", "issue", "issues", "problem", "problems", "aspect", "aspects", "area", "areas",
    "way", "ways", "level", "levels", "touchpoint", "touchpoints", "stage", "stages", "cx", "ux",
    "website", "site", "content", "offer", "offering", "product", "products", "brand", "visibility",
    "speed", "time", "times", "value", "loyalty", "retention", "conversion", "relationship",
    "relationships", "care", "team", "staff", "contact", "contacts", "follow", "up", "followup",
    "messaging", "message", "messages", "channel", "channels", "touch", "response", "responses",
    # evaluative words
    "bad", "poor", "poorly", "good", "better", "best", "great", "nice", "slow", "slower", "fast",
    "faster", "quick", "quicker", "quickly", "easy", "easier", "hard", "harder", "difficult",
    "confusing", "confused", "unclear", "clear", "clearer", "simple", "simpler", "smooth",
    "smoother", "inconsistent", "lacking", "lack", "low", "high", "weak", "strong", "frustrating",
    "annoying", "unhelpful", "helpful", "efficient", "inefficient", "effective", "broken",
    "complicated", "complex", "long", "longer", "new", "modern", "outdated", "old", "limited",
    "improved", "improvement", "improvements", "increase", "increased", "reduce", "reduced",
    "customer-friendly", "friendly", "user-friendly", "personal", "personalised", "personalized",
    # generic verbs
    "improve", "enhance", "optimise", "optimize", "boost", "make", "streamline", "focus", "work",
    "fix", "raise", "grow", "drive", "build", "create", "develop", "review", "look",
    "into", "consider", "ensure", "provide", "deliver", "get", "keep", "go", "use",
    "invest", "spend", "try", "start", "add", "change", "update", "upgrade", "rethink",
    "redesign", "revamp", "simplify", "clarify", "communicate", "engage", "prioritise",
    "prioritize", "address", "solve", "tackle", "handle", "manage", "run", "need", "needs",
}  # fmt: skip
_SPECIFIC = re.compile(r"\d|£|\$|€|%|'[^']+'|\"[^\"]+\"")


@cache
def generic_stems() -> frozenset[str]:
    """The stems of the words that say how something is rather than what it is (see
    :func:`content_words`): what any goal or problem might say."""
    return content_words(" ".join(sorted(_GENERIC)))


def is_vague(text: str) -> bool:
    """True for a pain point or an idea that names no particular thing, moment or change:
    'The process is bad', 'Too slow', 'Do more marketing', 'Improve the website'."""
    found = words(text)
    if not found or len(found) > 9 or _SPECIFIC.search(text):
        return False
    return all(w.strip(".,;:!?'’") in _GENERIC for w in found)


# --- measurable or not -----------------------------------------------------------------------

_QUALITIES = {
    "awareness", "satisfaction", "conversion", "conversions", "retention", "engagement",
    "loyalty", "trust", "experience", "happiness", "brand", "perception", "reputation",
    "quality", "success", "growth", "performance", "sentiment", "advocacy", "consideration",
    "interest", "visibility", "buzz", "efficiency", "effectiveness", "customer", "customers",
    "overall", "general", "level", "levels", "improved", "better", "good", "high", "higher",
    "more", "positive", "feedback", "the", "of", "and", "our", "user", "users", "delight",
    "adoption", "usage", "activity", "health", "value", "love", "relationship", "service",
}  # fmt: skip


def is_measurable(name: str, target: str | None = None, current: str | None = None) -> bool:
    """True when a KPI names something you can count or time ('Referral rate', 'Bookings per
    month', 'Time to first reply'), or carries a baseline or target; false for a quality with no
    metric, unit or direction ('Awareness', 'Customer satisfaction', 'Engagement')."""
    if target or current or _SPECIFIC.search(name):
        return True
    found = [w.strip(".,;:()") for w in words(name)]
    return bool(found) and not all(w in _QUALITIES for w in found)


# --- seen from the customer's side or the company's -----------------------------------------

_FUNNEL_JARGON = re.compile(
    r"\b(mqls?|sqls?|sals?|bant|sdrs?|bdrs?|pipeline|quota|upsell(?:ing)?|cross[- ]sell(?:ing)?"
    r"|lead (?:volume|score|scoring|nurtur\w*|gen(?:eration)?|qualification)|leads?\b(?! time)"
    r"|deal (?:size|velocity|stage)|closed[- ]won|win rate|funnel (?:leak|stage)|acv|arpu"
    r"|sales target|revenue target|account manager sends|crm stage)\b",
    re.IGNORECASE,
)
_STAFF_SUBJECT = re.compile(
    r"^\s*(?:the |our |an? )?(?:sdr|bdr|ae|csm|account (?:manager|executive)|sales(?:person|"
    r" team| rep)?|marketing(?: team)?|we|our team|the team|staff|agent|ops|operations)\b"
    r"(?!\s+(?:page|site|email|form|call|brochure))",
    re.IGNORECASE,
)


def is_company_centric(text: str, *, action: bool = False) -> bool:
    """True for content written from the company's side: funnel jargon ('Low MQL volume',
    'scores it on BANT'), or (for a customer action) the company as the one acting
    ('SDR calls the lead')."""
    if _FUNNEL_JARGON.search(text):
        return True
    return action and bool(_STAFF_SUBJECT.match(text))


# --- does an idea answer its pain --------------------------------------------------------------

# Words that name the same concern in different ways ("runs late" is fixed by "ready on time").
_CONCERNS = [
    {"late", "lateness", "delay", "delays", "delayed", "wait", "waits", "waiting", "waited",
     "slow", "time", "times", "on-time", "ready", "hours", "days", "weeks", "minutes", "queue",
     "queues", "sla", "quick", "quickly", "fast", "faster", "same-day", "next-day", "reply",
     "check-in", "checkin", "self-service", "express", "instant", "instantly", "skip",
     "replies", "respond", "response", "slot", "slots", "availability", "capacity", "busy"},
    {"price", "prices", "pricing", "cost", "costs", "fee", "fees", "charge", "charges", "total",
     "pay", "paying", "payment", "deposit", "£", "$", "€", "cheaper", "expensive", "afford",
     "quote", "quotes", "discount", "rate", "bill", "invoice", "saves", "saving", "excess",
     "premium", "deducted", "deduction"},
    {"forget", "forgets", "forgot", "remind", "reminder", "reminders", "unaware", "notice",
     "warning", "warn", "alert", "notify", "know", "knows", "told", "tell"},
    {"confusing", "confused", "unclear", "understand", "explain", "explains", "explainer",
     "explanation", "guide", "jargon", "plain", "worked", "example", "questions", "question",
     "faq", "faqs", "checklist"},
    {"form", "forms", "sign", "signs", "signature", "waiver", "paperwork", "fields", "field",
     "steps", "step", "re-enter", "retype", "prefill", "pre-fill", "once"},
    {"report", "reports", "summary", "summaries", "paper", "digital", "record", "records",
     "document", "documents", "pdf", "certificate", "log", "history", "evidence", "proof"},
    {"contract", "contracts", "legal", "licence", "license", "agreement", "terms", "redlines",
     "clause", "clauses", "solicitor", "lawyer", "dpa", "gdpr", "msa", "nda", "approved",
     "pre-approved", "sign-off", "signature"},
    {"insurer", "insurers", "insurance", "insured", "cover", "covered", "network", "in-network",
     "copay", "co-pay", "claim", "claims", "policy", "excess", "plan", "plans"},
    {"review", "reviews", "recommend", "referral", "refer", "share", "tell", "friend", "friends"},
    {"cancel", "cancels", "cancellation", "cancellations", "churn", "leave", "leaves", "freeze",
     "pause", "renew", "renewal", "lapse", "lapses"},
]  # fmt: skip
_CONCERN_OF = {stem(w): i for i, group in enumerate(_CONCERNS) for w in group}
_NOT_TOPIC = {stem(w) for w in _GENERIC} | {"add", "show", "send", "let", "offer", "new"}


@lru_cache(maxsize=4096)
def topics(text: str) -> frozenset[str]:
    """What a text is about: its specific word stems and the concerns its words name."""
    found: set[str] = set()
    for joined in re.findall(r"[a-z]+-[a-z]+", text.lower()):  # "check-in" is one word here
        if stem(joined.replace("-", "")) in _CONCERN_OF:
            found.add(f"concern:{_CONCERN_OF[stem(joined.replace('-', ''))]}")
    for word in words(text):
        word = word.strip(".,;:()'’")
        if word[:1] in "£$€":
            found.add(f"concern:{_CONCERN_OF[stem('price')]}")  # "£15 off" is about price
        s = stem(word)
        if s in _CONCERN_OF:
            found.add(f"concern:{_CONCERN_OF[s]}")
        if len(word) > 2 and word not in STOPWORDS and s not in _NOT_TOPIC:
            found.add(s)
    return frozenset(found)


def answers(pain: str, idea: str) -> bool:
    """True when an idea speaks to the pain: they share a specific word or a concern
    ('Collections run late' and 'Text when the cake is ready'). An idea about something else
    entirely ('Run a paid Instagram campaign' for 'Nobody says whether the kitchen handles nuts')
    does not."""
    return bool(topics(pain) & topics(idea))


def near_duplicate(a: str, b: str) -> bool:
    """True when two texts say the same thing (the same specific words, give or take one)."""
    x, y = content_words(a), content_words(b)
    if not x or not y:
        return a.strip().lower() == b.strip().lower()
    if min(len(x), len(y)) < 0.75 * max(len(x), len(y)):
        return False  # too different in length to share three quarters of their words
    return len(x & y) / len(x | y) >= 0.75


def repeats(items: list[tuple[str, str]]) -> list[list[int]]:
    """For each (stage, text) item, the later items of *other* stages that say the same thing
    (``near_duplicate``). Texts with the same words are compared once, so a map that pastes
    one pain into thirty stages costs little."""
    keys: list[object] = []
    for _, text in items:
        found = content_words(text)
        keys.append(found if found else ("text", text.strip().lower()))
    distinct = list(dict.fromkeys(keys))
    near: set[tuple[int, int]] = set()
    for a, ka in enumerate(distinct):
        for b in range(a, len(distinct)):
            kb = distinct[b]
            if a == b or (
                isinstance(ka, frozenset)
                and isinstance(kb, frozenset)
                and min(len(ka), len(kb)) >= 0.75 * max(len(ka), len(kb))
                and len(ka & kb) / len(ka | kb) >= 0.75
            ):
                near.update({(a, b), (b, a)})
    index = {k: n for n, k in enumerate(distinct)}
    ids = [index[k] for k in keys]
    return [
        [
            j
            for j in range(i + 1, len(items))
            if items[j][0] != items[i][0] and (ids[i], ids[j]) in near
        ]
        for i in range(len(items))
    ]


# --- generic touchpoints -----------------------------------------------------------------------

_CHANNEL_ONLY = {
    "website", "web", "site", "webpage", "email", "emails", "e-mail", "phone", "telephone",
    "call", "calls", "social", "media", "app", "mobile", "online", "store", "shop", "in",
    "person", "sms", "text", "texts", "chat", "letter", "post", "ads", "ad", "advertising",
    "search", "the", "our", "portal", "office", "form", "meeting", "meetings", "crm",
    "newsletter", "brochure", "visit", "face", "to", "f2f", "internet", "digital", "channel",
}  # fmt: skip


def is_generic_touchpoint(name: str) -> bool:
    """True for a touchpoint named only by its channel ('Website', 'Email', 'Phone call'), which
    says nothing of which page, message or conversation it is."""
    found = [w.strip(".,;:()") for w in words(name) if w not in ("the", "our", "a")]
    return 0 < len(found) <= 2 and all(w in _CHANNEL_ONLY for w in found)


# --- terms that belong elsewhere ---------------------------------------------------------------


@cache
def fit_terms() -> dict[str, Any]:
    """The table of terms at home in one industry, region or size (``fit_terms.yaml``)."""
    data: dict[str, Any] = read_yaml(Path(__file__).with_name("fit_terms.yaml"))
    return data


def compact(text: str) -> str:
    """Lower-case words separated by single spaces (hyphens joined), for phrase matching."""
    return re.sub(r"[^a-z0-9£$€]+", " ", text.lower().replace("-", "")).strip()


@lru_cache(maxsize=2048)
def _key(term: str) -> str:
    return f" {compact(term)} "


def _has(text: str, term: str) -> bool:
    return _key(term) in f" {text} "


@cache
def _finder(table: str) -> tuple[re.Pattern[str], dict[str, str]]:
    """One pattern for every term of a table (matched on compacted text), and the term each
    compacted form stands for."""
    forms = {compact(term): term for term in fit_terms()[table]}
    body = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
    return re.compile(rf"(?<![a-z0-9£$€])(?:{body})(?![a-z0-9£$€])"), forms


def terms_in(text: str, table: str) -> list[str]:
    """The terms of one table ('industry', 'region' or 'size') that a text uses, in table
    order, each once."""
    pattern, forms = _finder(table)
    seen = {forms[m.group(0)] for m in pattern.finditer(compact(text))}
    return [term for term in fit_terms()[table] if term in seen]


def foreign_to_industry(text: str, home: str) -> list[str]:
    """Terms in ``text`` that belong to another kind of business than ``home`` describes (the
    brief, or the map's title and context): at home when ``home`` names one of the term's own
    long words or one of the businesses it belongs to."""
    home = compact(home)
    table = fit_terms()["industry"]
    found = []
    for term in terms_in(text, "industry"):
        homes = table[term]
        if _has(home, term) or _has(home, term + "s"):  # "donor" of "recruiting donors"
            continue
        own = [w for w in compact(term).split() if len(w) >= 5]
        if any(_has(home, w) or _has(home, w + "s") for w in own):
            continue
        if not any(_has(home, h) or _has(home, h + "s") for h in homes):
            found.append(term)
    return found


def foreign_to_region(text: str, regions: set[str]) -> list[str]:
    """Terms in ``text`` that exist only in regions other than ``regions`` (empty when the
    region is unknown)."""
    if not regions:
        return []
    table = fit_terms()["region"]
    return [term for term in terms_in(text, "region") if not _at_home(table[term], regions)]


def _at_home(homes: list[str], regions: set[str]) -> bool:
    """Whether a term whose table entry is ``homes`` (regions, or "!KR" for everywhere but
    there) is at home in one of ``regions``."""
    barred = {h[1:] for h in homes if h.startswith("!")}
    if barred:
        return not regions <= barred
    return bool(regions & set(homes))


def foreign_to_brief(text: str, brief: str, region: str | None) -> list[str]:
    """Terms in catalogue ``text`` that do not fit the business the ``brief`` describes: at home
    in another kind of business (a hospital's readmissions for an audiology clinic, a landlord's
    tenancy agreement for a recycling centre) or only in another region."""
    abroad = foreign_to_region(text, {region} if region else set())
    return foreign_to_industry(text, brief) + [t for t in abroad if not _has(compact(brief), t)]


_SMALL = re.compile(
    r"\b(small (?:firms?|business(?:es)?|practices?|teams?|shops?)|smes?|micro[- ]business"
    r"|sole traders?|freelancers?|startups?|family[- ]run|independent|\d{1,3}\s*(?:-|to|–)\s*"
    r"(?:[1-4]\d{2}|\d{1,2})\s*(?:employees|staff|people))\b",
    re.IGNORECASE,
)


def small_organisation(text: str) -> bool:
    """True when the text says the customers or the business are small organisations."""
    return bool(_SMALL.search(text))


def foreign_to_size(text: str, small: bool) -> list[str]:
    """Enterprise-only tools and steps in ``text`` when the map is about small organisations."""
    return terms_in(text, "size") if small else []


# --- a short answer from retrieved passages ----------------------------------------------------

_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9“\"(])")


def answer_sentences(question: str, passages: list[str], most: int = 3) -> list[tuple[str, int]]:
    """The sentences of ``passages`` that best answer ``question`` (sharing the most of its
    specific words, earlier passages first on ties), as (sentence, passage index), in the
    order they should be read. Extractive: every word comes from the passages."""
    asked = content_words(question) - {stem(w) for w in _GENERIC}
    defining = bool(re.match(r"\s*(?:what(?:'s| is| are)|define|meaning of)\b", question, re.I))
    scored: list[tuple[float, int, int, str]] = []
    firsts: list[str] = []  # the first passage's usable sentences
    for p, passage in enumerate(passages):
        text = re.sub(r"^#+\s.*$|^\s*(?:[-*]|\d+[.)])\s+|\|", " ", passage, flags=re.MULTILINE)
        text = re.sub(r"\*\*|__|`", "", text)  # emphasis and code marks of the guide's Markdown
        lines = [" ".join(line.split()) for line in text.splitlines() if line.strip()]
        pieces = [piece for line in lines for piece in _SENTENCE.split(line)]
        for s, sentence in enumerate(pieces):
            words = content_words(sentence)
            if not (25 <= len(sentence) <= 320) or not words or sentence.rstrip().endswith(":"):
                continue  # too short or long to stand alone, or a lead-in to a list
            if p == 0:
                firsts.append(sentence.strip())
            overlap = len(asked & words)
            if overlap:
                # "what is X?" is best answered by a sentence that says what X is or are
                says = defining and re.search(r"^\W*(?:\w+\W+){0,6}(?:is|are)\b", sentence)
                score = overlap + (0.5 if says else 0) - 0.1 * p - 0.01 * s
                scored.append((score, p, s, sentence.strip()))
    if not scored and firsts:  # retrieval matched by meaning, not words: its best passage leads
        scored = [(0.0, 0, n, sentence) for n, sentence in enumerate(firsts[:2])]
    chosen = sorted(scored, key=lambda t: -t[0])[:most]
    first, rest = chosen[:1], sorted(chosen[1:], key=lambda t: (t[1], t[2]))
    chosen = first + rest  # the best sentence first, then the others in the passages' order
    out: list[tuple[str, int]] = []
    for _, p, _, sentence in chosen:
        if not any(near_duplicate(sentence, said) for said, _ in out):
            out.append((sentence, p))
    return out


# What a name made from the brief's words never holds: a pronoun ("hire us to do"), a clause
# ("wasps when it's bees", "'re really distressed", "document is long"), a hedge ("Sign-ups
# mostly come from home care"), two articles ("the an app"), or a dangling last word
_PRONOUN = re.compile(r"\b(?:us|them|it|you|me|him|we|i|they|our|my|their|your)\b", re.I)
# what was done, said where a thing is named: "(we've) built an app", "set up a shop"
_DONE = re.compile(
    r"^(?:built|made|started|launched|opened|set up|created|developed)\s+(?:an?|the|our|my)\b",
    re.IGNORECASE,
)
_BROKEN = re.compile(
    r"\b(?:when|if|because|since|while|until|unless|whether|is|are|was|were|mostly|usually|"
    r"often|always|just|really)\b|\w'(?:re|ve|ll|d)\b|^'"
    r"|\b(?:the|a|an)\s+(?:the|a|an)\b"
    r"|\b(?:to|do|for|of|and|or|the|a|an|with|from|at|in|on|by|so|but)$",
    re.IGNORECASE,
)


def broken_phrase(text: str, *, step: bool = False) -> bool:
    """Whether a phrase cut from the brief is no name for a thing (``step``: for a step):
    it holds a clause or a hedge, two articles in a row, or ends on a joining word; a thing's
    name holds no pronoun and says nothing done ("built an app") either (a step may: "hire
    us", "book us for the main shear")."""
    said = " ".join(text.split()).replace("’", "'")
    if not said or _BROKEN.search(said):
        return True
    return not step and bool(_PRONOUN.search(said) or _DONE.match(said))


def mentions(text: str, markers: list[str]) -> bool:
    """True when a text names one of the (normalized) marker words, or its plural or
    singular: how content naming another kind of business is found."""
    from ..vocab import normalize_term

    padded = f" {normalize_term(text)} "
    forms = set(markers) | {
        f for m in markers if len(m) > 4 for f in (m.removesuffix("s"), m + "s")
    }
    return any(f" {f} " in padded for f in forms)
