"""Controlled vocabularies: channels (with aliases), emotion words and map-type names.

Pure lookups with no dependencies, shared by the models, the importers and the engines.
"""

from __future__ import annotations

import re
from enum import StrEnum


class Channel(StrEnum):
    """Closed channel vocabulary for touchpoints."""

    website = "website"
    mobile_app = "mobile_app"
    email = "email"
    social = "social"
    search = "search"
    paid_ads = "paid_ads"
    physical = "physical"
    phone = "phone"
    chat = "chat"
    events = "events"
    word_of_mouth = "word_of_mouth"
    review_sites = "review_sites"
    marketplace = "marketplace"
    sms = "sms"
    direct_mail = "direct_mail"
    partner = "partner"
    in_product = "in_product"
    community = "community"
    sales = "sales"
    broadcast = "broadcast"
    other = "other"


CHANNEL_LABELS: dict[Channel, str] = {
    Channel.website: "Website",
    Channel.mobile_app: "Mobile app",
    Channel.email: "Email",
    Channel.social: "Social media",
    Channel.search: "Search",
    Channel.paid_ads: "Paid ads",
    Channel.physical: "Physical location",
    Channel.phone: "Phone",
    Channel.chat: "Chat",
    Channel.events: "Events",
    Channel.word_of_mouth: "Word of mouth",
    Channel.review_sites: "Review sites",
    Channel.marketplace: "Marketplace",
    Channel.sms: "SMS",
    Channel.direct_mail: "Direct mail",
    Channel.partner: "Partner",
    Channel.in_product: "In-product",
    Channel.community: "Community",
    Channel.sales: "Sales team",
    Channel.broadcast: "TV / radio / print",
    Channel.other: "Other",
}

# Exact aliases (after lower-casing and collapsing punctuation to spaces).
_ALIASES: dict[str, Channel] = {
    "web": Channel.website,
    "site": Channel.website,
    "web site": Channel.website,
    "homepage": Channel.website,
    "landing page": Channel.website,
    "online": Channel.website,
    "ecommerce": Channel.website,
    "e commerce": Channel.website,
    "webshop": Channel.website,
    "online store": Channel.website,
    "checkout": Channel.website,
    "app": Channel.mobile_app,
    "mobile": Channel.mobile_app,
    "ios": Channel.mobile_app,
    "android": Channel.mobile_app,
    "mobile application": Channel.mobile_app,
    "e mail": Channel.email,
    "mail": Channel.email,
    "newsletter": Channel.email,
    "ig": Channel.social,
    "insta": Channel.social,
    "instagram": Channel.social,
    "fb": Channel.social,
    "facebook": Channel.social,
    "tiktok": Channel.social,
    "twitter": Channel.social,
    "x": Channel.social,
    "linkedin": Channel.social,
    "pinterest": Channel.social,
    "youtube": Channel.social,
    "snapchat": Channel.social,
    "social media": Channel.social,
    "influencer": Channel.social,
    "influencers": Channel.social,
    "seo": Channel.search,
    "google": Channel.search,
    "organic search": Channel.search,
    "search engine": Channel.search,
    "bing": Channel.search,
    "ads": Channel.paid_ads,
    "ppc": Channel.paid_ads,
    "sem": Channel.paid_ads,
    "paid search": Channel.paid_ads,
    "paid social": Channel.paid_ads,
    "display": Channel.paid_ads,
    "google ads": Channel.paid_ads,
    "banner": Channel.paid_ads,
    "retargeting": Channel.paid_ads,
    "store": Channel.physical,
    "shop": Channel.physical,
    "in store": Channel.physical,
    "physical store": Channel.physical,
    "branch": Channel.physical,
    "showroom": Channel.physical,
    "front desk": Channel.physical,
    "reception": Channel.physical,
    "counter": Channel.physical,
    "in person": Channel.physical,
    "offline": Channel.physical,
    "office": Channel.physical,
    "call": Channel.phone,
    "call centre": Channel.phone,
    "call center": Channel.phone,
    "telephone": Channel.phone,
    "hotline": Channel.phone,
    "contact center": Channel.phone,
    "live chat": Channel.chat,
    "chatbot": Channel.chat,
    "whatsapp": Channel.chat,
    "messenger": Channel.chat,
    "bot": Channel.chat,
    "event": Channel.events,
    "fair": Channel.events,
    "fairs": Channel.events,
    "trade show": Channel.events,
    "trade fair": Channel.events,
    "webinar": Channel.events,
    "conference": Channel.events,
    "expo": Channel.events,
    "wom": Channel.word_of_mouth,
    "referral": Channel.word_of_mouth,
    "friends": Channel.word_of_mouth,
    "friends and family": Channel.word_of_mouth,
    "recommendation": Channel.word_of_mouth,
    "reviews": Channel.review_sites,
    "review": Channel.review_sites,
    "tripadvisor": Channel.review_sites,
    "trustpilot": Channel.review_sites,
    "yelp": Channel.review_sites,
    "g2": Channel.review_sites,
    "capterra": Channel.review_sites,
    "google reviews": Channel.review_sites,
    "amazon": Channel.marketplace,
    "ebay": Channel.marketplace,
    "etsy": Channel.marketplace,
    "booking com": Channel.marketplace,
    "booking": Channel.marketplace,
    "expedia": Channel.marketplace,
    "airbnb": Channel.marketplace,
    "ota": Channel.marketplace,
    "app store": Channel.marketplace,
    "play store": Channel.marketplace,
    "google play": Channel.marketplace,
    "steam": Channel.marketplace,
    "text": Channel.sms,
    "text message": Channel.sms,
    "sms message": Channel.sms,
    "mailer": Channel.direct_mail,
    "post": Channel.direct_mail,
    "letter": Channel.direct_mail,
    "catalogue": Channel.direct_mail,
    "catalog": Channel.direct_mail,
    "flyer": Channel.direct_mail,
    "partners": Channel.partner,
    "reseller": Channel.partner,
    "agent": Channel.partner,
    "agents": Channel.partner,
    "broker": Channel.partner,
    "affiliate": Channel.partner,
    "travel agent": Channel.partner,
    "dealer": Channel.partner,
    "in app": Channel.in_product,
    "product": Channel.in_product,
    "in product": Channel.in_product,
    "dashboard": Channel.in_product,
    "onboarding flow": Channel.in_product,
    "forum": Channel.community,
    "discord": Channel.community,
    "user group": Channel.community,
    "sales rep": Channel.sales,
    "account manager": Channel.sales,
    "sales call": Channel.sales,
    "demo": Channel.sales,
    "sdr": Channel.sales,
    "tv": Channel.broadcast,
    "radio": Channel.broadcast,
    "print": Channel.broadcast,
    "billboard": Channel.broadcast,
    "ooh": Channel.broadcast,
    "magazine": Channel.broadcast,
    "podcast": Channel.broadcast,
}
for _c in Channel:
    _ALIASES.setdefault(_c.value.replace("_", " "), _c)
    _ALIASES.setdefault(CHANNEL_LABELS[_c].lower(), _c)

# Keyword search inside longer touchpoint names, most specific first.
_KEYWORDS: list[tuple[str, Channel]] = [
    ("booking.com", Channel.marketplace),
    ("expedia", Channel.marketplace),
    ("airbnb", Channel.marketplace),
    ("amazon", Channel.marketplace),
    ("app store", Channel.marketplace),
    ("play store", Channel.marketplace),
    ("marketplace", Channel.marketplace),
    ("comparison site", Channel.marketplace),
    ("google ads", Channel.paid_ads),
    ("paid social", Channel.paid_ads),
    ("retargeting", Channel.paid_ads),
    ("display ad", Channel.paid_ads),
    ("sponsored", Channel.paid_ads),
    (" ads", Channel.paid_ads),
    (" ad ", Channel.paid_ads),
    ("instagram", Channel.social),
    ("facebook", Channel.social),
    ("tiktok", Channel.social),
    ("linkedin", Channel.social),
    ("youtube", Channel.social),
    ("social", Channel.social),
    ("influencer", Channel.social),
    ("pinterest", Channel.social),
    ("review", Channel.review_sites),
    ("tripadvisor", Channel.review_sites),
    ("trustpilot", Channel.review_sites),
    ("newsletter", Channel.email),
    ("email", Channel.email),
    ("e-mail", Channel.email),
    ("sms", Channel.sms),
    ("text message", Channel.sms),
    ("whatsapp", Channel.chat),
    ("chatbot", Channel.chat),
    ("live chat", Channel.chat),
    ("chat", Channel.chat),
    ("call centre", Channel.phone),
    ("call center", Channel.phone),
    ("phone", Channel.phone),
    ("hotline", Channel.phone),
    ("call", Channel.phone),
    ("in-app", Channel.in_product),
    ("in app", Channel.in_product),
    ("push notification", Channel.mobile_app),
    ("mobile app", Channel.mobile_app),
    ("app", Channel.mobile_app),
    ("website", Channel.website),
    ("web site", Channel.website),
    ("landing page", Channel.website),
    ("checkout", Channel.website),
    ("online", Channel.website),
    ("portal", Channel.website),
    (" site ", Channel.website),
    ("web page", Channel.website),
    ("product page", Channel.website),
    ("pricing page", Channel.website),
    ("signup form", Channel.website),
    ("search", Channel.search),
    ("google", Channel.search),
    ("seo", Channel.search),
    ("front desk", Channel.physical),
    ("reception", Channel.physical),
    ("showroom", Channel.physical),
    ("store", Channel.physical),
    ("shop", Channel.physical),
    ("branch", Channel.physical),
    ("counter", Channel.physical),
    ("in person", Channel.physical),
    ("in-person", Channel.physical),
    ("lobby", Channel.physical),
    ("clinic", Channel.physical),
    ("courier", Channel.physical),
    ("delivery", Channel.physical),
    ("dealership", Channel.physical),
    ("fair", Channel.events),
    ("event", Channel.events),
    ("webinar", Channel.events),
    ("trade show", Channel.events),
    ("conference", Channel.events),
    ("word of mouth", Channel.word_of_mouth),
    ("referral", Channel.word_of_mouth),
    ("friend", Channel.word_of_mouth),
    ("direct mail", Channel.direct_mail),
    ("letter", Channel.direct_mail),
    ("brochure", Channel.direct_mail),
    ("catalogue", Channel.direct_mail),
    ("agent", Channel.partner),
    ("partner", Channel.partner),
    ("reseller", Channel.partner),
    ("broker", Channel.partner),
    ("dealer", Channel.partner),
    ("forum", Channel.community),
    ("community", Channel.community),
    ("sales rep", Channel.sales),
    ("account manager", Channel.sales),
    ("demo", Channel.sales),
    ("tv ", Channel.broadcast),
    ("radio", Channel.broadcast),
    ("billboard", Channel.broadcast),
    ("podcast", Channel.broadcast),
    ("print", Channel.broadcast),
]


def _norm(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


def lookup_channel(text: str) -> Channel | None:
    """Return the channel an exact name or alias stands for ("IG" -> social), else ``None``."""
    return _ALIASES.get(_norm(text))


def infer_channel(text: str) -> Channel | None:
    """Guess the channel of a touchpoint from words in its name ("Booking.com listing")."""
    exact = lookup_channel(text)
    if exact is not None:
        return exact
    padded = f" {text.lower()} "
    for keyword, channel in _KEYWORDS:
        at = padded.find(keyword)
        while at >= 0 and keyword[0].isalnum() and padded[at - 1].isalnum():
            at = padded.find(keyword, at + 1)  # a word's start: not "app" of "happier", "call"
        if at >= 0:  # of "recall" or "shop" of "workshop"
            return channel
    return None


def normalize_channel(text: str | None, *, fallback: str | None = None) -> Channel:
    """Map a channel name, alias or touchpoint name to the vocabulary; ``other`` if unknown."""
    for candidate in (text, fallback):
        if candidate:
            found = infer_channel(candidate)
            if found is not None:
                return found
    return Channel.other


# Emotion words on the 1-5 scale (1 very negative, 5 very positive).
EMOTION_WORDS: dict[str, int] = {}
for _score, _words in {
    1: "furious angry despair desperate miserable terrible awful hate hopeless panicked "
    "livid outraged devastated",
    2: "frustrated annoyed annoys anxious worried confused disappointed stressed unhappy sad "
    "irritated uneasy sceptical skeptical impatient overwhelmed negative nervous "
    "upset uncertain doubtful bored lost",
    3: "neutral ok okay fine indifferent curious mixed calm meh unsure average",
    4: "happy pleased satisfied confident hopeful interested positive relieved enjoys "
    "comfortable reassured excited optimistic engaged good",
    5: "delighted thrilled ecstatic love loves loved loyal elated amazed proud great fantastic",
}.items():
    for _w in _words.split(" "):
        EMOTION_WORDS[_w] = _score
EMOTION_WORDS.update({"very negative": 1, "very unhappy": 1, "very positive": 5, "very happy": 5})

EMOTION_LABELS = {
    1: "very negative",
    2: "negative",
    3: "neutral",
    4: "positive",
    5: "very positive",
}

_EMOJI = {
    "😡": 1,
    "😠": 1,
    "😞": 2,
    "😟": 2,
    "🙁": 2,
    "😐": 3,
    "🙂": 4,
    "😊": 4,
    "😀": 5,
    "😍": 5,
    "🤩": 5,
}


def emotion_score(value: object) -> tuple[int, str | None] | None:
    """Read an emotion given as a number (1-5, 0-10, -2..2), a word or an emoji.

    Returns ``(score, label)`` where label keeps the original word, or ``None`` if unreadable.
    """
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        return _scale_number(float(value)), None
    text = str(value).strip()
    if not text:
        return None
    for emoji, score in _EMOJI.items():
        if emoji in text:
            return score, None
    number = re.fullmatch(r"([+-]?\d+(?:[.,]\d+)?)\s*(?:/\s*(\d+))?", text)
    if number:
        val = float(number.group(1).replace(",", "."))
        if number.group(2):
            top = float(number.group(2))
            if top <= 0:
                return None
            return max(1, min(5, round(1 + 4 * val / top))), None
        return _scale_number(val), None
    low = text.lower()
    for phrase in sorted(EMOTION_WORDS, key=len, reverse=True):
        if phrase not in low:  # the regex (compiled on first use) only where it can match
            continue
        found = re.search(rf"\b(not\s+|n't\s+)?{re.escape(phrase)}\b", low)
        if found:
            score = EMOTION_WORDS[phrase]
            return (6 - score if found.group(1) else score), text
    return None


def _scale_number(val: float) -> int:
    if 1 <= val <= 5:
        return round(val)
    if -2 <= val < 1:  # a -2..+2 scale
        return max(1, min(5, round(val + 3)))
    if 5 < val <= 10:  # a 0-10 scale
        return max(1, min(5, round(1 + 4 * val / 10)))
    return max(1, min(5, round(val)))


# Map types by the names people use; values are MapType values (see models.MapType).
_MAP_TYPE_ALIASES: dict[str, str] = {
    "customer journey": "customer_journey",
    "customer journey map": "customer_journey",
    "cjm": "customer_journey",
    "journey map": "customer_journey",
    "journey": "customer_journey",
    "omnichannel": "omnichannel",
    "omni channel": "omnichannel",
    "omnichannel journey": "omnichannel",
    "cross channel": "omnichannel",
    "multichannel": "omnichannel",
    "customer success": "customer_success",
    "customer success journey": "customer_success",
    "cs journey": "customer_success",
    "retention": "retention",
    "retention journey": "retention",
    "loyalty": "retention",
    "conversion": "conversion",
    "conversion journey": "conversion",
    "conversion focused": "conversion",
    "conversion focused journey": "conversion",
    "funnel": "conversion",
    "sales funnel": "conversion",
    "email": "email",
    "email journey": "email",
    "lifecycle email": "email",
    "email lifecycle": "email",
    "email marketing": "email",
    "product experience": "product_experience",
    "product experience map": "product_experience",
    "product journey": "product_experience",
    "service blueprint": "service_blueprint",
    "blueprint": "service_blueprint",
    "process map": "service_blueprint",
    "customer experience process map": "service_blueprint",
    "cx process map": "service_blueprint",
    "b2b": "b2b",
    "b2b client journey": "b2b",
    "b2b journey": "b2b",
    "b2b customer journey": "b2b",
    "client journey": "b2b",
    "user journey": "user_journey",
    "user journey map": "user_journey",
    "ux journey": "user_journey",
}


def lookup_map_type(text: str) -> str | None:
    """The map type value for a name like 'Service blueprint' or 'b2b', else ``None``."""
    key = _norm(text)
    if not key:
        return None
    underscored = key.replace(" ", "_")
    if underscored in set(_MAP_TYPE_ALIASES.values()):
        return underscored
    return _MAP_TYPE_ALIASES.get(key)


class Phase(StrEnum):
    """Canonical journey phases that stage names are placed in."""

    awareness = "awareness"
    consideration = "consideration"
    purchase = "purchase"
    onboarding = "onboarding"
    usage = "usage"
    support = "support"
    retention = "retention"
    advocacy = "advocacy"


class PainKind(StrEnum):
    """Kinds of pain point, each with its own improvement patterns."""

    information_gap = "information_gap"
    friction = "friction"
    waiting = "waiting"
    price_surprise = "price_surprise"
    trust = "trust"
    handoff = "handoff"
    personalisation = "personalisation"
    accessibility = "accessibility"
    communication = "communication"
    reliability = "reliability"


def normalize_term(text: str) -> str:
    """Lower-case words separated by single spaces, for matching names against synonyms."""
    return _norm(text)


# Touchpoints people name in prose: (regex, display name). Most specific first.
NAMED_TOUCHPOINTS: list[tuple[str, str]] = [
    (r"booking\.com", "Booking.com"),
    (r"expedia", "Expedia"),
    (r"airbnb", "Airbnb"),
    (r"tripadvisor", "Tripadvisor"),
    (r"trustpilot", "Trustpilot"),
    (r"amazon", "Amazon"),
    (r"instagram|\bIG\b", "Instagram"),
    (r"facebook", "Facebook"),
    (r"tiktok", "TikTok"),
    (r"linkedin", "LinkedIn"),
    (r"youtube", "YouTube"),
    (r"pinterest", "Pinterest"),
    (r"google reviews?", "Google reviews"),
    (r"google maps", "Google Maps"),
    (r"google ads?", "Google Ads"),
    (r"google(?! reviews| maps| ads)", "Google search"),
    (r"whatsapp", "WhatsApp"),
    (r"live chat|chatbot|\bchat\b", "Chat"),
    (r"newsletter", "Newsletter"),
    (r"e-?mails?", "Email"),
    (r"\bsms\b|text message", "SMS"),
    (r"push notifications?", "Push notification"),
    (r"mobile app|\bthe app\b|\bour app\b", "Mobile app"),
    (r"website|web site|online shop|webshop|\bsite\b", "Website"),
    (r"checkout", "Checkout"),
    (r"customer portal|\bportal\b", "Customer portal"),
    (r"call cent(?:re|er)|hotline|phone|\bcalls?\b", "Phone"),
    (r"front desk|reception", "Front desk"),
    (r"showroom", "Showroom"),
    (r"\bstores?\b|\bshops?\b|in-store|in store", "Store"),
    (r"\bbranch\b", "Branch"),
    (r"trade (?:fair|show)s?|\bfairs?\b", "Trade fair"),
    (r"webinars?", "Webinar"),
    (r"\bevents?\b", "Event"),
    (r"word of mouth|friends|family|colleagues", "Word of mouth"),
    (r"reviews?", "Reviews"),
    (r"brochure|catalog(?:ue)?", "Brochure"),
    (r"travel agents?|\bagents?\b|brokers?", "Agent"),
    (r"\bpartners?\b", "Partner"),
    (r"\bads?\b|advert\w*|banner", "Ads"),
    (r"billboards?", "Billboard"),
    (r"\btv\b|television", "TV"),
    (r"radio", "Radio"),
    (r"podcasts?", "Podcast"),
    (r"invoices?|\bbills?\b", "Invoice"),
    (r"sales rep\w*|account manager", "Sales rep"),
    (r"\bdemos?\b", "Demo"),
    (r"forum|community", "Community"),
]
