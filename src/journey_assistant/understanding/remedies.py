"""What to do about the cause a brief gives for its problem, read from the cause's shape.

Owners often say why their problem happens, and the reason has a few recurring shapes
whatever the trade: a message goes to the wrong person ("the booking confirmation goes only to
whoever booked, not to the people at the counter who pack"), what people need to know is
only told too late or in the wrong place ("we only hand the form over on arrival", "its only
in the price list we send"), a reminder misses the deadline it is for ("the cut-off is Sunday
6pm but our reminder email goes out Monday morning"), a form has no place for what is needed
("our offerte doesn't have a spot for it"), two things that belong together are sent apart
("the Pix key goes in a seperate message after the price"), or the way of doing it does not
suit where or how customers do it ("zero cell signal down there", "an Excel file with macros
and they run everything off a phone", "people dont want say it loud at the counter").

Each shape says what to do: send it to the right person too, tell it when people book, send
the reminder before the deadline, add the field, send the two together, offer a way that
works there. :func:`remedies` finds them in a text; the idea keeps the brief's own words, so
it answers the cause the owner gave rather than asking them to go and find one. Pure
functions over plain text, shared by both engines.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from .typed import plain


@dataclass(frozen=True)
class Remedy:
    """An idea that answers a cause the text gives, with the words it answers."""

    idea: str
    said: str
    start: int


_OURS = {"our": "your", "we": "you", "us": "you", "i": "you", "my": "your", "me": "you"}
_END = r"(?=\s*[,.;:!?)]|\s+(?:and|so|but|which|where|because|cos|since)\b|\s*$)"


def _owned(text: str) -> str:
    """The owner's words turned to the reader: "our offerte" -> "your offerte", "The pause
    cut-off" -> "the pause cut-off"."""
    words = [_OURS.get(w.lower(), w) for w in text.strip(" ,.;:").split()]
    if words and words[0] in ("The", "A", "An"):
        words[0] = words[0].lower()
    return " ".join(words)


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


# A message that reaches the wrong person: "the booking confirmation goes only to whoever
# booked, usually someone in the office upstairs, and not to the people at the counter"
_WRONG_PERSON = re.compile(
    r"\b(?P<thing>(?:the|our)\s+[a-z][\w-]*(?:\s+[a-z][\w-]*){0,3}?)\s+(?:only\s+)?"
    r"(?:goes|go|is\s+sent|are\s+sent|gets?\s+sent|is\s+emailed|is\s+texted|lands)\s+"
    r"(?:only\s+|just\s+)?to\s+(?P<wrong>[^,;.]{3,60}?)(?:,\s*[^,;.]{3,60}?)?,?\s+"
    r"(?:and\s+|but\s+)?not\s+(?:to\s+)?(?P<right>[^,.;]{3,80}?)" + _END,
    re.IGNORECASE,
)


def _wrong_person(found: re.Match[str]) -> str:
    return (
        f"Send {_owned(found['thing'])} to {_owned(found['right'])} as well, not only to "
        f"{_owned(found['wrong'])}"
    )


# What people need to know, only told in a place they do not look: "its only in the price
# list we send", "the size rule is way down in the FAQ"
_ONLY_IN = re.compile(
    r"\b(?:(?:it'?s|its|it\s+is|that'?s|thats|this\s+is)\s+only\s+(?:mentioned\s+|written\s+|"
    r"listed\s+|explained\s+|said\s+)?|(?P<thing>(?:the|our)\s+[a-z][\w-]*(?:\s+[a-z][\w-]*){0,3}?)"
    r"\s+(?:is|are)\s+(?:buried|hidden|tucked\s+away|(?:way|right|far)\s+down|only)\s+)"
    r"(?:in|on|at\s+the\s+bottom\s+of)\s+(?P<where>(?:the|our|a|an)\s+[a-z][\w -]{2,40}?)" + _END,
    re.IGNORECASE,
)


_UNKNOWN = re.compile(
    r"\b(?:don'?t|dont|do\s+not|never|doesn'?t)\s+(?:know|realise|realize)\s+(?:that\s+)?"
    r"(?P<x>[^,.;]{4,60}?)(?=\s*[,.;]|\s+(?:and|so|but)\b|\s*$)",
    re.IGNORECASE,
)


def _only_in(found: re.Match[str]) -> str:
    where = (
        "where people cannot miss it when it matters (in the booking confirmation, and again "
        f"the day before), not only in {_owned(found['where'])}"
    )
    if found["thing"]:
        return f"Put {_owned(found['thing'])} {where}"
    unknown = list(_UNKNOWN.finditer(found.string[: found.start()]))
    if unknown:  # "half of them don't know they need to bring them, its only in the price
        return f"Tell people {_owned(unknown[-1]['x'])} {where}"  # list we send"
    return f"Put it {where}"


# Told too late to act on: "we only hand the form over on arrival"; "most insurers want a
# referral note … and nobody tells patients that until after the test"
_ONLY_AT = re.compile(
    r"\b(?:we|i)\s+only\s+(?P<verb>hand|give|send|show|tell|ask|mention|explain|email|text)\s+"
    r"(?P<what>[^,.;]{2,50}?)\s+(?P<when>on\s+arrival|on\s+the\s+day|(?:when|once)\s+(?:they|"
    r"people|guests|customers|clients|patients|students|families)\s+(?:arrive|get\s+here|turn\s+up|"
    r"come\s+in|check\s+in)(?:\s+(?:at|to|on|for)\s+[^,.;]{2,30}?)?|at\s+the\s+(?:door|counter|"
    r"desk|start|end)|after\s+[^,.;]{3,40}?)" + _END,
    re.IGNORECASE,
)
_TOLD_LATE = re.compile(
    r"(?:(?P<fact>[^.;:]{12,160}?)\s+and\s+)?\b(?:nobody|no\s+one|no-one)\s+tells?\s+"
    r"(?P<who>them|people|patients|customers|clients|parents|students|families|guests|members)"
    r"\s+(?:that|this|about\s+it)\s+(?:until|till)\s+(?P<when>[^,.;]{3,40}?)" + _END,
    re.IGNORECASE,
)


def _only_at(found: re.Match[str]) -> str:
    return (
        f"{_cap(found['verb'].lower())} {_owned(found['what'])} as soon as people book, not "
        f"{found['when']}, so there is time to act on it"
    )


def _told_late(found: re.Match[str]) -> str:
    who = "people" if found["who"].lower() == "them" else found["who"].lower()
    said = re.sub(  # "i think it's because most of the insurers …": the fact, not the hedge
        r"^.*?\b(?:(?:i|we)\s+(?:think|reckon|guess)\s+)?(?:it'?s|its)\s+(?:because|cos|coz)\s+",
        "",
        found["fact"] or "",
        flags=re.IGNORECASE,
    )
    fact = f", that {_owned(said)[:1].lower()}{_owned(said)[1:]}"
    return f"Tell {who} as soon as they book, not {found['when']}" + (fact if found["fact"] else "")


# A reminder that misses the deadline it is for: "The pause cut-off is Sunday 6pm but our
# reminder email goes out Monday morning"
_MISSES_DEADLINE = re.compile(
    r"\b(?P<deadline>(?:the|our)\s+(?:[a-z][\w-]*\s+){0,3}?(?:cut-?off|deadline|closing\s+date|"
    r"last\s+day))\s+is\s+(?P<t1>[^,;.]{2,30}?)\s+but\s+(?P<msg>(?:the|our)\s+[a-z][\w-]*"
    r"(?:\s+[a-z][\w-]*){0,2}?)\s+(?:only\s+)?(?:goes\s+out|is\s+sent|gets\s+sent|arrives|"
    r"comes\s+out|lands)\s+(?P<t2>[^,.;]{2,30}?)" + _END,
    re.IGNORECASE,
)


def _misses_deadline(found: re.Match[str]) -> str:
    return (
        f"Send {_owned(found['msg'])} before {_owned(found['deadline'])} ({found['t1']}), "
        f"not {found['t2']}, with a one-step way to act on it"
    )


# A form with no place for what is needed: "… without a PO number and our offerte doesn't
# have a spot for it"; "our Zalo ticket not ask the passcode"
_NO_PLACE = re.compile(
    r"\b(?P<doc>(?:the|our)\s+[a-z][\w-]*(?:\s+(?!out\b|of\b|from\b)[a-z][\w-]*){0,2}?)"
    r"(?:\s+(?:out\s+of|from)\s+[A-Za-z][\w-]*)?\s+(?:doesn'?t|does\s+not|dont|don'?t|"
    r"do\s+not|never|not)\s+(?:have|has|got)\s+(?:a|any)\s+(?:spot|field|place|box|space|line|"
    r"section|slot)\s+for\s+(?:it|them|(?P<what>(?:the\s+|a\s+|an\s+)?[a-z][\w -]{1,30}?))" + _END,
    re.IGNORECASE,
)
_NOT_ASKED = re.compile(
    r"\b(?P<doc>(?:the|our)\s+[a-z][\w-]*(?:\s+[a-z][\w-]*){0,2}?)\s+(?:doesn'?t|does\s+not|"
    r"dont|don'?t|not|never)\s+asks?\s+(?:for\s+)?(?P<what>(?:the|their|a|an)\s+[a-z][\w-]*"
    r"(?:\s+(?!and\b|so\b|but\b)[a-z][\w-]*)?)" + _END,
    re.IGNORECASE,
)
_WITHOUT = re.compile(r"\bwithout\s+(?:a|an|the|their)\s+(?P<x>[A-Za-z][\w-]*(?:\s+[a-z]+)?)")


def _no_place(found: re.Match[str]) -> str:
    what = found["what"]
    if what is None:  # "a spot for it": what was said to be missing before
        missing = list(_WITHOUT.finditer(found.string[: found.start()]))
        what = f"the {missing[-1]['x']}" if missing else "what is needed"
    return f"Add a place for {_owned(what)} to {_owned(found['doc'])}, and ask for it up front"


def _not_asked(found: re.Match[str]) -> str:
    what = re.sub(r"^(?:a|an|their)\s+", "the ", found["what"], flags=re.IGNORECASE)
    return f"Have {_owned(found['doc'])} ask for {what} when the job is booked in"


# Two things that belong together, sent apart: "the Pix key goes in a seperate message after
# the price and it gets lost in the DMs"
_APART = re.compile(
    r"\b(?P<x>(?:the|our)\s+[A-Za-z][\w-]*(?:\s+[A-Za-z][\w-]*){0,2}?)\s+(?:goes|go|comes|come|"
    r"is\s+sent|are\s+sent|arrives)\s+in\s+an?\s+sep[ae]rate\s+(?P<kind>message|email|text|dm|"
    r"whatsapp|letter)\s+(?:after|from|to|before)\s+(?P<y>(?:the\s+|our\s+)?[a-z][\w-]*"
    r"(?:\s+[a-z][\w-]*){0,2}?)" + _END,
    re.IGNORECASE,
)


def _apart(found: re.Match[str]) -> str:
    y = found["y"] if re.match(r"(?:the|our)\s", found["y"], re.IGNORECASE) else f"the {found['y']}"
    return (
        f"Send {_owned(found['x'])} in the same {found['kind'].lower()} as {_owned(y)}, so "
        f"it is never lost"
    )


# A way of doing it that does not work where customers do it: no signal, a desktop file for
# people on phones, something they will not say aloud
_NO_SIGNAL = re.compile(
    r"\b(?:no|zero|bad|poor|hardly\s+any|patchy)\s+(?:cell\s+|phone\s+|mobile\s+|4g\s+)?"
    r"(?:signal|reception|wi-?fi|internet|data|coverage)\b",
    re.IGNORECASE,
)
_ONLINE_THING = re.compile(
    r"\b(?:a|an|the|our)\s+(?P<it>google\s+form|qr\s+code|online\s+form|app|web\s+form)\b",
    re.IGNORECASE,
)


def _no_signal(found: re.Match[str]) -> str:
    online = _ONLINE_THING.search(found.string)
    kept = f", with the {online['it']} kept for those who can" if online else ""
    return (
        "Give a way to do it that works without signal: a paper slip or card on the spot, "
        f"typed in later by the team{kept}"
    )


_DESKTOP_FILE = re.compile(
    r"\b(?P<thing>(?:the|our)\s+[a-z][\w-]*(?:\s+[a-z][\w-]*){0,2}?)\s+is\s+an?\s+"
    r"(?P<fmt>excel\s+(?:file|sheet|spreadsheet|template)|spreadsheet|pdf(?:\s+(?:form|file))?|"
    r"word\s+(?:doc|document|file))\b(?=[^.;]*\b(?:phones?|mobiles?|smartphones?)\b)",
    re.IGNORECASE,
)


def _desktop_file(found: re.Match[str]) -> str:
    return (
        f"Replace {_owned(found['thing'])} (an {found['fmt']}) with a few simple questions "
        f"that work on a phone, with a worked example"
        if found["fmt"][0].lower() in "aeiou"
        else f"Replace {_owned(found['thing'])} (a {found['fmt']}) with a few simple questions "
        f"that work on a phone, with a worked example"
    )


_NOT_ALOUD = re.compile(
    r"\b(?:don'?t|dont|do\s+not|not|never)\s+want\s+(?:to\s+)?(?:say|tell|give|read\s+out|"
    r"share)\s+(?:it|them|that|this|(?:the|their|his|her)\s+[a-z]+(?:\s+[a-z]+){0,2}?)\s+"
    r"(?:out\s+)?(?:loud|aloud|"
    r"in\s+front\s+of|at\s+the\s+(?:counter|desk|till)|publicly)\b",
    re.IGNORECASE,
)


def _not_aloud(found: re.Match[str]) -> str:
    del found
    return "Let people give it privately: typed in the booking or written on a folded slip"


_SHAPES: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], str]], ...] = (
    (_WRONG_PERSON, _wrong_person),
    (_MISSES_DEADLINE, _misses_deadline),
    (_APART, _apart),
    (_NO_PLACE, _no_place),
    (_NOT_ASKED, _not_asked),
    (_ONLY_AT, _only_at),
    (_TOLD_LATE, _told_late),
    (_ONLY_IN, _only_in),
    (_DESKTOP_FILE, _desktop_file),
    (_NO_SIGNAL, _no_signal),
    (_NOT_ALOUD, _not_aloud),
)


def remedies(text: str) -> list[Remedy]:
    """Every cause of a known shape in ``text`` with the idea that answers it, in the order
    they are said (one idea per stretch of words)."""
    said = plain(text)
    found: list[Remedy] = []
    for pattern, idea in _SHAPES:
        for match in pattern.finditer(said):
            if any(r.start <= match.start() < r.start + len(r.said) for r in found):
                continue  # words another shape has answered
            found.append(Remedy(idea=_cap(idea(match)), said=match.group(0), start=match.start()))
    return sorted(found, key=lambda r: r.start)
