"""Which stage of the current map a user means: by its name, part of it, a position ("the second
stage", "the last one", "stage 3"), the phase it plays ("consideration", "checkout" on a map
whose stage is "Order and pay"), or a near spelling. Pure; the map's stages are read with the
same phase reading the critique uses.
"""

from __future__ import annotations

import difflib
import re

from ..models import JourneyMap
from .brief import phase_cues
from .stages import read_phases

_ORDINALS = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
    "fifth": 5, "5th": 5, "sixth": 6, "6th": 6, "seventh": 7, "7th": 7, "eighth": 8, "8th": 8,
    "ninth": 9, "9th": 9, "tenth": 10, "10th": 10,
}  # fmt: skip
_SKIP = {
    "stage", "stages", "step", "emotion", "feel", "feels", "feeling", "make", "should", "lower",
    "higher", "about", "tell", "what", "happens", "there", "this", "that", "with", "more", "less",
    "which", "where", "owns", "owner", "map", "journey", "please", "like", "much", "many",
}  # fmt: skip
_NOISE = re.compile(r"\b(?:the|stage|step|one|bit|part|phase|column)\b", re.IGNORECASE)


def resolve_stage(journey: JourneyMap, said: str) -> tuple[int, str] | None:
    """The index of the stage ``said`` refers to and how it was found ('name', 'position',
    'phase', 'spelling'), or ``None`` when nothing fits."""
    stages = journey.stages
    wanted = " ".join(said.strip().strip("'\"“”‘’").lower().split())
    if not stages or not wanted:
        return None
    names = [s.name.strip().lower() for s in stages]
    if wanted in names:
        return names.index(wanted), "name"
    bare = " ".join(_NOISE.sub(" ", wanted).split())
    if bare in _ORDINALS or bare in ("last", "final", "penultimate"):
        position = _position(bare, len(stages))  # "the first one" is a place, not "First payroll"
        if position is not None:
            return position, "position"
    inside = [i for i, n in enumerate(names) if wanted in n]
    if len(inside) == 1:
        return inside[0], "name"
    position = _position(wanted, len(stages))
    if position is not None:
        return position, "position"
    if bare and bare != wanted:
        if bare in names:
            return names.index(bare), "name"
        inside = [i for i, n in enumerate(names) if bare in n]
        if len(inside) == 1:
            return inside[0], "name"
    close = difflib.get_close_matches(bare or wanted, names, n=1, cutoff=0.8)
    if close:
        return names.index(close[0]), "spelling"
    # a phase only when the words are nothing but a phase or one of its cue words
    # ("consideration", "checkout"), never a guess from one word of a longer phrase
    cues = phase_cues(bare or wanted)
    whole = [p for p, words in cues if words == (bare or wanted)]
    phases = whole or _phase_by_name(bare or wanted)
    if phases:
        read = read_phases(stages, journey.context.industry)
        for i, reading in enumerate(read):
            if reading.phase == phases[0]:
                return i, "phase"
    return None


def nearest_stage(journey: JourneyMap, said: str) -> str | None:
    """The stage name most like ``said`` (for "did you mean ...?"), if any is close."""
    names = [s.name for s in journey.stages]
    close = difflib.get_close_matches(said.strip(), names, n=1, cutoff=0.4)
    return close[0] if close else None


def _position(wanted: str, count: int) -> int | None:
    if re.search(r"\b(?:last|final|end)\b", wanted):
        return count - 1
    if re.search(r"\b(?:penultimate|second[- ]to[- ]last|next[- ]to[- ]last)\b", wanted):
        return count - 2 if count > 1 else None
    for word, n in _ORDINALS.items():
        if re.search(rf"\b{word}\b", wanted) and n <= count:
            return n - 1
    number = re.fullmatch(r"(?:stage|step|column|no\.?|number|#)\s*(\d{1,2})", wanted)
    if number and 1 <= int(number.group(1)) <= count:
        return int(number.group(1)) - 1
    return None


def _phase_by_name(text: str) -> list[object]:
    """A phase named outright ('consideration', 'retention')."""
    from ..vocab import Phase

    return [p for p in Phase if p.value == text.strip() or p.value.replace("_", " ") == text]


def find_stage(journey: JourneyMap, message: str) -> int | None:
    """The stage a whole message mentions, if it mentions one: a stage's name (or a near
    spelling of it), a position ("the second stage", "the last one"), or a phase word the
    map has a stage for ("the emotion at checkout" -> "Order and pay")."""
    text = " ".join(message.lower().split())
    names = [s.name.strip().lower() for s in journey.stages]
    for i in sorted(range(len(names)), key=lambda n: -len(names[n])):
        if re.search(rf"(?<!\w){re.escape(names[i])}(?!\w)", text):
            return i
    ordinal = re.search(
        r"\b(?:the\s+)?((?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|"
        r"last|final|1st|2nd|3rd|[4-9]th)\s+(?:stage|one|step|column)|stage\s+\d{1,2})\b",
        text,
    )
    if ordinal:
        position = _position(ordinal.group(1), len(names))
        if position is not None:
            return position
    words = re.findall(r"[a-z0-9'-]+", text)
    for size in (3, 2, 1):
        for start in range(len(words) - size + 1):
            gram = " ".join(words[start : start + size])
            if len(gram) < 5:
                continue
            close = difflib.get_close_matches(gram, names, n=1, cutoff=0.85)
            if close:
                return names.index(close[0])
    from .content import STOPWORDS, stem

    said = {stem(w) for w in words if len(w) > 3 and w not in STOPWORDS and w not in _SKIP}
    sharing = [
        i for i, n in enumerate(names) if said & {stem(w) for w in re.findall(r"[a-z0-9'-]+", n)}
    ]
    if len(sharing) == 1:  # "the collection stage" -> "Collect in shop"
        return sharing[0]
    cues = [p for p, _ in phase_cues(text)]
    if cues:
        read = read_phases(journey.stages, journey.context.industry)
        for phase in cues:
            for i, reading in enumerate(read):
                if reading.phase == phase:
                    return i
    return None


def emotion_change(message: str, current: int | None) -> int | None:
    """The emotion score a message asks for: a number 1-5 ("like 2", "a 4"), or one step
    from the current score ("lower", "make it feel worse", "happier")."""
    text = message.lower()
    number = re.search(r"(?<![\d.])([1-5])(?:\s*/\s*5)?(?![\d.])", text)
    if number:
        return int(number.group(1))
    base = current or 3
    if re.search(
        r"\b(lower|worse|more negative|sadder|angrier|less happy|down|frustrat\w*)\b", text
    ):
        return max(1, base - 1)
    if re.search(r"\b(higher|better|more positive|happier|up|less negative|delight\w*)\b", text):
        return min(5, base + 1)
    return None


_FORMATS = {
    "json": "json", "csv": "csv", "tsv": "tsv", "xlsx": "xlsx", "excel": "xlsx",
    "spreadsheet": "xlsx", "markdown": "md", "md": "md", "mermaid": "mermaid", "html": "html",
    "web page": "html", "text": "text", "png": "png", "picture": "png", "image": "png",
    "pdf": "pdf", "summary": "summary",
}  # fmt: skip
_FORMAT_WORDS = re.compile(
    r"\b(" + "|".join(re.escape(w) for w in sorted(_FORMATS, key=len, reverse=True)) + r")\b"
)
_COUNTS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "a couple of": 2}


def message_slots(journey: JourneyMap | None, message: str) -> dict[str, object]:
    """The details a chat message carries, whatever its intent: the stage it names (on the
    current map), a channel, an export format, version numbers, an emotion score and a count of
    personas. Only what is there; an empty dict for none."""
    from ..vocab import infer_channel

    text = message.lower()
    slots: dict[str, object] = {}
    if journey is not None and journey.stages:
        where = find_stage(journey, message)
        if where is not None:
            slots["stage"] = journey.stages[where].name
    channel = infer_channel(message)
    if channel is not None:
        slots["channel"] = channel.value
    formats = [_FORMATS[m] for m in _FORMAT_WORDS.findall(text)]
    if formats:
        slots["format"] = formats[0]
    versions = [int(v) for v in re.findall(r"\bv(?:ersion)?\s*(\d+)\b", text)]
    versions += [int(v) for v in re.findall(r"\b(?:with|and|to)\s+(\d+)\b", text) if versions]
    if versions:
        slots["versions"] = versions
    if re.search(r"\b(emotion|feel\w*|mood|happier|sadder|worse|better)\b", text):
        current = None
        if journey is not None and "stage" in slots:
            stage = next(s for s in journey.stages if s.name == slots["stage"])
            current = stage.emotion.score if stage.emotion else None
        score = emotion_change(message, current)
        if score is not None:
            slots["emotion"] = score
    count = re.search(
        r"\b(\d|one|two|three|four|five|six|a couple of)\s+(?:\w+\s+)?personas?\b", text
    )
    if count:
        word = count.group(1)
        slots["count"] = int(word) if word.isdigit() else _COUNTS[word]
    return slots


def chosen_changes(message: str, reasons: list[str]) -> list[int]:
    """Which of the proposed changes (numbered from 1, described by ``reasons``) a reply means:
    "1 3", "1-3", "all but 2", "the first two", "the last one", "the ones about Booking".
    An empty list means all of them."""
    low = message.lower()
    total = len(reasons)
    every = list(range(1, total + 1))
    ranges = [
        n
        for a, b in re.findall(r"\b(\d+)\s*(?:-|–|to)\s*(\d+)\b", low)
        for n in range(int(a), int(b) + 1)
    ]
    numbers = ranges or [int(n) for n in re.findall(r"\b\d+\b", low)]
    numbers += [
        n
        for word, n in _ORDINALS.items()
        if re.search(rf"\b{word}\b(?!\s+(?:two|three|four|five))", low)
    ]
    but = re.search(r"\b(?:all but|except|apart from|but not|not)\b", low)
    edge = re.search(r"\b(first|last)\s+(one|two|three|four|five|\d+)\b", low)
    if edge:
        count = _COUNTS.get(edge.group(2)) or int(edge.group(2))
        numbers = every[:count] if edge.group(1) == "first" else every[-count:]
    elif re.search(r"\b(?:the\s+)?last\b", low) and not numbers:
        numbers = every[-1:]
    if not numbers:  # "the ones about booking": the changes whose reason names those words
        words = (
            {w for w in re.findall(r"[a-z]{4,}", low)}
            - _SKIP
            - {"accept", "apply", "ones", "keep", "only", "just"}
        )
        numbers = [
            n for n, r in enumerate(reasons, 1) if words & set(re.findall(r"[a-z]{4,}", r.lower()))
        ]
    numbers = [n for n in dict.fromkeys(numbers) if 1 <= n <= total]
    if but and numbers:
        return [n for n in every if n not in numbers]
    return numbers


# --- the details of an edit said in ordinary words ---------------------------------------------

_Q = "\"'“”‘’"
_QUOTED = re.compile(rf"(?:(?<=\s)|^|(?<=:))[{_Q}](?P<q>[^{_Q}]{{2,80}})[{_Q}](?=[\s,.;:!?)]|$)")
_NAMED = re.compile(
    r"\b(?:called|named|titled|call(?:ed)? it|name it)\s+(?P<name>.+?)"
    r"(?=\s+(?:after|before|between|at the|in the|right|just|where|which|that|so|for|to go)\b"
    r"|[,.;!?(]|$)",
    re.IGNORECASE,
)
_A_STAGE = re.compile(
    r"\b(?:an?|new|extra)\s+(?P<name>(?!new\b)[\w'&-]+(?:\s+[\w'&-]+){0,3}?)\s+(?:stage|step)\b",
    re.IGNORECASE,
)
_AFTER = re.compile(
    r"\b(?P<rel>after|before|following|ahead of)\s+(?P<ref>.+?)(?=\s+(?:where|which|that|so|"
    r"and|called|named|for|to)\b|[,.;!?(]|$)",
    re.IGNORECASE,
)
_RENAMES = [
    re.compile(
        r"\b(?:rename|re-name|retitle|change the name of)\s+(?P<old>.+?)\s+(?:to|as|into)\s+"
        r"(?P<new>.+)$",
        re.IGNORECASE,
    ),
    re.compile(rf"\bcall\s+(?P<old>.+?)\s+(?P<new>[{_Q}][^{_Q}]+[{_Q}])", re.IGNORECASE),
    re.compile(r"\bcall\s+(?:the\s+)?(?P<old>.+?)\s+(?:stage|step)\s+(?P<new>.+)$", re.I),
    re.compile(r"^(?P<old>[^>]+?)\s*(?:->|→|=>)\s*(?P<new>.+)$"),
    re.compile(r"\b(?:change|switch|call)\s+(?P<old>.+?)\s+(?:to|into)\s+(?P<new>.+)$", re.I),
    re.compile(
        r"^(?P<old>.+?)\s+(?:should|could|needs? to|has to)\s+(?:be\s+)?"
        r"(?:called|named|renamed(?:\s+to)?)\s+(?P<new>.+)$",
        re.IGNORECASE,
    ),
]
_TAIL = re.compile(
    r"\s+(?:instead|please|pls|plz|thanks|then)\b.*$"
    r"|\s+(?:and\s+)?(?:then\s+)?(?:critique|check|review|score|show)\b.*$"
    r"|\s+as\s+(?:an?\s+)?(?:new\s+)?(?:touch-?point|channel|kpi|metric|pain(?:\s*point)?|problem|"
    r"opportunity|idea|owner)s?\b.*$",
    re.IGNORECASE,
)
_WHAT = re.compile(
    r"\b(?:add|put|include|stick|pop|note|log|list|record|track|measure|give (?:it|them))\s+"
    r"(?:in\s+)?(?:an?\s+|the\s+|another\s+|some\s+)?(?P<what>.+?)\s+"
    r"(?:to|in|into|on|at|for|under)\s+(?:the\s+)?(?P<where>.+?)$",
    re.IGNORECASE,
)
_TOLD = re.compile(
    r"^(?P<what>.{8,}?)(?:[,.;]|\s[-–])?\s+(?:add|log|note|put|record)?\s*(?:that|it|this)?\s*"
    r"(?:as an?|that's an?|that is an?|is an?)\s+(?:pain|problem|issue|frustration|kpi|metric|idea|"
    r"opportunity)\b.*$",
    re.IGNORECASE,
)
_GRIPE = re.compile(
    r"^(?:our\s+)?(?:customers|people|patients|clients|users|members|guests|owners|parents)\s+"
    r"(?:hate|dislike|complain|moan|are annoyed|say|tell us)\s+(?:that|about|when)\s+",
    re.IGNORECASE,
)
_ASKING = re.compile(
    r"^(?:(?:we|you|i)\s+(?:should|could|need to|must|want to)\s+|let'?s\s+|please\s+|pls\s+)?"
    r"(?:measure|track|count|monitor|log|record)\s+",
    re.IGNORECASE,
)
_OWNERS = [
    re.compile(r"\bassign\s+(?:the\s+)?(?P<where>.+?)\s+to\s+(?P<who>.+)$", re.IGNORECASE),
    re.compile(
        r"\b(?:make|set|put|add|have)\s+(?P<who>.+?)\s+(?:as\s+)?(?:the\s+|an?\s+)?"
        r"owners?\s+(?:of|for|on)\s+(?:the\s+)?(?P<where>.+)$",
        re.IGNORECASE,
    ),
    re.compile(
        r"\bowner\s+(?:of|for)\s+(?:the\s+)?(?P<where>.+?)\s+(?:is|should be|=)\s+(?P<who>.+)$",
        re.IGNORECASE,
    ),
    re.compile(
        r"^(?P<who>.+?)\s+(?:owns?|should own|will own|looks? after|(?:is|are) responsible for|"
        r"runs?)\s+(?:the\s+)?(?P<where>.+)$",
        re.IGNORECASE,
    ),
    re.compile(r"^(?:the\s+)?(?P<where>.+?)\s+(?:is|should be)\s+owned\s+by\s+(?P<who>.+)$", re.I),
]
_KIND_WORDS = re.compile(
    r"\b(?:new\s+)?(?:touch-?points?|channels?|pain[\s-]?points?|pains?|problems?|issues?|"
    r"opportunit(?:y|ies)|opps?|ideas?|kpis?|metrics?|measures?|owners?|lanes?)\b\s*(?::|-)?\s*",
    re.IGNORECASE,
)


def edit_request(
    journey: JourneyMap, intent: str, message: str
) -> tuple[str, dict[str, object]] | None:
    """The edit a message asks for in ordinary words, as (operation, arguments) on the current
    map, when ``intent`` is an edit and its details are all there: "can you put in a stage
    called Rebook after the last one", "change Check-up to 'New patient exam'", "bin the
    review one", "Browse cakes should come first", "add opp to stage 6: pre-filled templates".
    ``None`` when a detail is missing (the assistant then says how to put it)."""
    text = " ".join(message.split()).rstrip(" .!?")
    if not journey.stages:
        return None
    if intent == "add_stage":
        return _add_stage(journey, text)
    if intent == "rename_stage":
        return _rename(journey, text)
    if intent == "remove_stage":
        where = find_stage(journey, text)
        return ("remove_stage", {"name": journey.stages[where].name}) if where is not None else None
    if intent == "move_stage":
        return _move(journey, text)
    if intent in ("add_touchpoint", "add_pain_point", "add_opportunity", "add_kpi", "add_owner"):
        return _add_item(journey, intent, text)
    return None


def _stage_named(journey: JourneyMap, said: str) -> int | None:
    """The stage a phrase names: by name, position or spelling first, then by the words it
    shares with a stage ("collection" -> "Collect in shop"), the phase it plays last."""
    said = said.strip(_Q + " ")
    found = resolve_stage(journey, said)
    if found is not None and found[1] != "phase":
        return found[0]
    shared = find_stage(journey, said)
    return shared if shared is not None else found[0] if found is not None else None


def _add_stage(journey: JourneyMap, text: str) -> tuple[str, dict[str, object]] | None:
    named = _NAMED.search(text)
    quoted = _QUOTED.search(text)
    bare = _A_STAGE.search(text) or re.search(
        r"\bnew (?:stage|step)\s*[:\-–]\s*(?P<name>[^,.;!?]+)", text, re.IGNORECASE
    )
    name = (
        named.group("name")
        if named
        else quoted.group("q")
        if quoted
        else bare.group("name")
        if bare
        else ""
    ).strip(_Q + " ")
    if not name:
        return None
    after: str | None = None
    if re.search(r"\b(?:at|to)\s+the\s+(?:very\s+)?(?:start|beginning|front|top)\b", text, re.I):
        return "add_stage", {"name": name[:1].upper() + name[1:], "first": True}
    place = _AFTER.search(text[named.end() :] if named else text) or _AFTER.search(text)
    if place is not None:
        where = _stage_named(journey, place.group("ref"))
        if where is None:
            return None
        before = place.group("rel").lower() in ("before", "ahead of")
        if before and where == 0:
            return None  # at the very start: said the fixed way ("move X to position 1")
        after = journey.stages[where - 1 if before else where].name
    return "add_stage", {"name": name[:1].upper() + name[1:], "after": after}


def _rename(journey: JourneyMap, text: str) -> tuple[str, dict[str, object]] | None:
    for pattern in _RENAMES:
        match = pattern.search(text)
        if match is None:
            continue
        old = re.sub(r"^(?:the\s+)?(?:stage\s+)?", "", match.group("old").strip(), flags=re.I)
        new = match.group("new")
        quoted = _QUOTED.match(new)
        new = quoted.group("q") if quoted else _TAIL.sub("", new).strip(_Q + " ")
        where = _stage_named(journey, old)
        if where is not None and new:
            return "rename_stage", {"old": journey.stages[where].name, "new_name": new}
    return None


def _move(journey: JourneyMap, text: str) -> tuple[str, dict[str, object]] | None:
    where = None
    low = text.lower()
    place = _AFTER.search(text)
    head = text[: place.start()] if place else text
    head = re.sub(r"\b(?:move|put|shift|bump|drag|swap)\b", " ", head, flags=re.I)
    head = re.split(r"\s+(?:to|should|must|needs? to|has to|goes|go|comes?)\b", head)[0]
    where = _stage_named(journey, head) if head.strip() else None
    if where is None:
        return None
    count = len(journey.stages)
    position: int | None = None
    if place is not None:
        ref = _stage_named(journey, place.group("ref"))
        if ref is None or ref == where:
            return None
        ref_after = ref if ref < where else ref - 1  # where the reference sits once moved out
        before = place.group("rel").lower() in ("before", "ahead of")
        position = ref_after + (1 if before else 2)
    elif re.search(r"\b(?:first|start|beginning|top|front)\b", low):
        position = 1
    elif re.search(r"\b(?:last|end|bottom)\b", low):
        position = count
    else:
        number = re.search(
            r"\b(?:position|place|spot|slot|number|no\.?)\s*(\d{1,2})\b|\bto\s+(\d{1,2})\b", low
        )
        if number:
            position = int(number.group(1) or number.group(2))
        else:
            ordinal = re.search(r"\b(" + "|".join(_ORDINALS) + r")\b", low.split(" to ", 1)[-1])
            position = _ORDINALS[ordinal.group(1)] if ordinal and " to " in low else None
    if position is None or not 1 <= position <= count:
        return None
    return "move_stage", {"name": journey.stages[where].name, "position": position}


def _add_item(journey: JourneyMap, intent: str, text: str) -> tuple[str, dict[str, object]] | None:
    """'add a pain point to Collection: cakes not ready', 'add opp to stage 6: templates',
    'track demo-to-trial conversion on the Demo stage', 'Ops own the Delivery stage'."""
    what, where = "", None
    lead = re.match(
        r"^(?P<head>[^:?=]{3,80}?)\s*(?:[:\-–=]|\?|\s(?:would|could) be)\s+(?P<what>.+)$", text
    )  # "add opp to stage 6: pre-filled payroll templates"
    if lead:
        where = find_stage(journey, lead.group("head"))
        what = lead.group("what")
    told = _TOLD.match(text)  # "X at booking, add that as a problem"
    if where is None and told:
        what = _GRIPE.sub("", told.group("what"))
        where = find_stage(journey, what)
        what = re.sub(r"\s+(?:at|in|on|during)\s+(?:the\s+)?\S+(?:\s+stage)?$", "", what)
    if where is None and intent == "add_owner":
        for pattern in _OWNERS:
            match = pattern.search(text)
            if match:
                where = _stage_named(journey, re.sub(r"\s+stage$", "", match.group("where")))
                what = match.group("who")
                break
    if where is None:
        match = _WHAT.search(text)
        if match:
            where = _stage_named(
                journey, re.sub(r"\s+stage$", "", match.group("where"), flags=re.I)
            )
            what = match.group("what")
            if re.match(r"^(?:that|it|this|these|those|them)\b", what, re.I):
                # "people moan that X, add that as a pain point on the run-up": X
                said = re.sub(
                    r"^(?:oh\s+)?(?:and|also|plus)\s+", "", text[: match.start()], flags=re.I
                )
                what = _GRIPE.sub("", said.strip(" ,;-–"))
    if where is None:
        return None
    what = _TAIL.sub("", " ".join(what.split()))
    what = _ASKING.sub("", what)
    what = (_KIND_WORDS.sub(" ", what) if intent != "add_owner" else what).strip(_Q + " :")
    what = " ".join(what.split())
    quoted = _QUOTED.search(text)
    if quoted:
        what = quoted.group("q")
    what = re.sub(r"^(?:that|how|the fact that)\s+", "", what, flags=re.I)
    if intent == "add_owner":
        what = re.sub(r"^(?:as\s+)?(?:an?\s+|the\s+)?(?:owner\s+)?", "", what, flags=re.I)
    if len(what) < 2:
        return None
    stage = journey.stages[where].name
    args: dict[str, object] = {"stage": stage}
    key = {"add_touchpoint": "name", "add_kpi": "name", "add_owner": "owner"}.get(intent, "text")
    args[key] = what[:1].upper() + what[1:]
    return intent, args
