"""Which sentence of a message asks for something.

People often say why before they ask ("We closed our Instagram account in March. Please remove
social from Discover.") or after ("Would it be possible to rename Celebrate to The big day? It
sounds warmer."). The request is the one sentence that asks; the others explain it. Both the
intent reading (``agent/assistant.py``) and the slot reading (``slots.py``) look at that
sentence. Pure functions over regular expressions.
"""

from __future__ import annotations

import re

# A sentence that asks for something to be done
REQUESTING = re.compile(
    r"^(?:(?:so|and|ok|okay|then|right|sorry|also)[,\s]+)*(?:(?:can|could|would|will)\s+(?:you|u|we)"
    r"\b|(?:would|is)\s+it\s+(?:be\s+)?possible\b|i'?d\s+like\s+(?:you\s+)?to\b|"
    r"i\s+want\s+(?:you\s+)?to\b|let'?s\b|do\s+you\s+think\s+you\s+could\b|(?:please|pls|plz)\b|(?:add|put|log|remove|delete|drop|rename|call|move|merge|combine|"
    r"split|break|make|set|change|take|undo|go back|reject|accept|bin|scrap|track|measure|mark|"
    r"insert|slot|stick|pop|get rid|swap|shift|ditch|kill|lose|assign|bump)\b)"
    r"|\b(?:please|pls|plz)[.!?]*$",
    re.IGNORECASE,
)
# "put that in as a pain point": what "that" is, the other sentences say
_POINTS_BACK = re.compile(
    r"^(?:(?:so|and|ok|okay)[,\s]+)?(?:(?:can|could|would)\s+(?:you|u)\s+)?(?:pls\s+|please\s+)?"
    r"(?:put|add|log|stick|pop|note|chuck|include|record|make)\s+(?:it|that|this|those|these)\b",
    re.IGNORECASE,
)
# A full stop after a title or a short abbreviation does not end a sentence
_NOT_AN_END = re.compile(r"(?:\b(?:dr|mr|mrs|ms|st|etc|vs|approx|no)|\b[a-z]\.[a-z])\.$", re.I)


def sentences(text: str) -> list[str]:
    """The message's sentences, split at '.', '!' or '?' followed by a space."""
    said: list[str] = []
    for part in re.split(r"(?<=[.!?])\s+", " ".join(text.split())):
        if said and _NOT_AN_END.search(said[-1]):
            said[-1] = f"{said[-1]} {part}"
        elif part.strip():
            said.append(part)
    return said


def asking_sentence(text: str, *, last_only: bool = False) -> str | None:
    """The one sentence of a message of two or more that asks for something, when it is long
    enough to be a request of its own and says what it asks for itself (not "put that in as a
    pain point"); ``None`` otherwise. ``last_only``: only when the asking sentence is the last."""
    said = sentences(text)
    if len(said) < 2:
        return None
    asking = [p for p in said if REQUESTING.search(p)]
    if len(asking) != 1 or len(asking[0].split()) < 2 or _POINTS_BACK.match(asking[0]):
        return None
    if last_only and asking[0] is not said[-1]:
        return None
    return asking[0]


# Why, said after the request: "… because loads of people tag us", "…, it's covered by
# onboarding", "… since half our customers email us about nuts"
_REASON = re.compile(
    r"(?:\s*[,;]?\s+(?:because|since|cos|coz|cuz|as\s+(?:we|they|our|the|people|most|half|it))"
    r"|\s*[,;]\s*(?:it'?s|its|we'?re|we|they'?re|they|our|that'?s|thats|which)|\s+[-–—]\s+(?:we|our|it'?s|they))"
    r"\s.*$",
    re.IGNORECASE,
)
# Where in the journey, said before the request: "for the bit where they pay, we could offer
# split payments", "when they're testing things in the sandbox, measure …"
SCENE = re.compile(
    r"^(?P<scene>(?:when|where|while|once|whenever|for\s+the\s+(?:bit|part|stage|step|moment)|"
    r"at\s+the\s+(?:bit|part|point|stage|step|moment)|in\s+the\s+(?:bit|part|stage|step))\b"
    r"[^,;]{3,90}?)\s*[,;]\s*(?P<ask>(?:(?:pls|please|can\s+(?:you|u)|could\s+(?:you|u))\s+)?"
    r"(?:add|put|track|measure|log|pop|stick|note|make|an?\s+(?:opportunity|idea|fix|kpi|metric|"
    r"pain(?:\s+point)?)|we\s+could)\b.+)$",
    re.IGNORECASE,
)


def request_alone(text: str) -> str | None:
    """The request without the reason after it or the scene before it, when the message has
    either ("add social to review and reorder because loads of people tag us" -> "add social
    to review and reorder"); ``None`` when there is nothing to take away."""
    said = " ".join(text.split())
    scene = SCENE.match(said)
    if scene is not None:
        said = scene.group("ask")
    head = _REASON.sub("", said)
    if head != said and len(head.split()) >= 3 and REQUESTING.search(head):
        said = head
    return said if said != " ".join(text.split()) else None
