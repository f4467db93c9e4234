"""Which stage of the current map a user means: by its name, part of it, a position ("the second
stage", "the last one", "stage 3"), the phase it plays ("consideration", "checkout" on a map
whose stage is "Order and pay"), or a near spelling. Pure; the map's stages are read with the
same phase reading the critique uses.
"""

from __future__ import annotations

import difflib
import re
from functools import cache

from ..models import JourneyMap, Touchpoint
from .asking import SCENE, as_meant, asking_sentence, contrast, plainly
from .brief import phase_cues
from .described import described_stage, description, same_words
from .stages import read_phases
from .typed import plain as typed_plain

_ORDINALS = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
    "fifth": 5, "5th": 5, "sixth": 6, "6th": 6, "seventh": 7, "7th": 7, "eighth": 8, "8th": 8,
    "ninth": 9, "9th": 9, "tenth": 10, "10th": 10,
}  # fmt: skip
_SKIP = {
    "stage", "stages", "step", "emotion", "feel", "feels", "feeling", "make", "should", "lower",
    "higher", "about", "tell", "what", "happens", "there", "this", "that", "with", "more", "less",
    "which", "where", "owns", "owner", "map", "journey", "please", "like", "much", "many",
    "take", "takes", "taking",  # "take that stage off the map": the command, no stage's word
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
    meant = described_stage(journey, wanted)  # "the one with the first examination"
    if meant is not None:
        return meant, "description"
    bare = " ".join(_NOISE.sub(" ", wanted).split())
    if bare in _ORDINALS or bare in ("last", "final", "penultimate"):
        position = _position(bare, len(stages))  # "the first one" is a place, not "First payroll"
        if position is not None:
            return position, "position"
    inside = [i for i, n in enumerate(names) if wanted in n]
    if len(inside) == 1:
        return inside[0], "name"
    spaced = _unhyphened(bare or wanted)  # "the clean-up one", "missed-collections"
    if (spaced != (bare or wanted) or any("-" in n for n in names)) and re.search(
        r"[a-z]{3}", spaced
    ):
        inside = [
            i for i, n in enumerate(names) if re.search(rf"\b{re.escape(spaced)}\b", _unhyphened(n))
        ]
        if len(inside) == 1:
            return inside[0], "name"
    said_words = set(re.findall(r"[a-z0-9'-]+", wanted))
    holding = [  # "the first live payroll run": every word of "First payroll" is in it
        i
        for i, n in enumerate(names)
        if len(n.split()) > 1 and set(re.findall(r"[a-z0-9'-]+", n)) <= said_words
    ]
    if len(holding) == 1:
        return holding[0], "name"
    if bare and bare.split()[0] in _ORDINALS and len(bare.split()) > 1:
        close = difflib.get_close_matches(bare, names, n=1, cutoff=0.85)
        if close:  # "first payrol" is "First payroll", not the first stage
            return names.index(close[0]), "spelling"
    position = _position(wanted, len(stages))
    if position is not None:
        return position, "position"
    if bare and bare != wanted:
        if bare in names:
            return names.index(bare), "name"
        inside = [i for i, n in enumerate(names) if bare in n]
        if len(inside) == 1:
            return inside[0], "name"
    again = _done_again(names, bare or wanted)
    if again is not None:
        return again, "name"
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
    word = bare or wanted
    if " " not in word and len(word) >= 5:  # "chekout", "onbaording": a phase word misspelt
        close = difflib.get_close_matches(word, _phase_words(), n=1, cutoff=0.85)
        if close and close[0] != word:
            found = resolve_stage(journey, close[0])
            return (found[0], "spelling") if found else None
    return None


def _done_again(names: list[str], said: str) -> int | None:
    """The one stage that does again what a "re-" word says ("rebooking" -> "Book the next
    groom"), or ``None``."""
    from .content import stem

    verbs = {stem(w) for w in re.findall(r"\bre-?([a-z]{4,})", said)}
    found = [
        i
        for i, n in enumerate(names)
        if verbs & {stem(w) for w in re.findall(r"[a-z]+", n)}
        and re.search(r"\b(?:next|again|another|repeat)\b", n)
    ]
    return found[0] if len(found) == 1 else None


def _unhyphened(text: str) -> str:
    """A phrase with the hyphens between its words as spaces ("clean-up" as "clean up")."""
    return re.sub(r"(?<=\w)-(?=\w)", " ", text)


@cache
def _phase_words() -> list[str]:
    """The one-word phase cues ("checkout", "onboarding", "renewal"), for reading a misspelt
    one."""
    from .brief import lexicon

    return sorted(
        {w for words in lexicon()["phases"].values() for w in words if " " not in w and len(w) > 4}
    )


def nearest_stage(journey: JourneyMap, said: str) -> str | None:
    """The stage name most like ``said`` (for "did you mean ...?"), if any is close."""
    names = [s.name for s in journey.stages]
    close = difflib.get_close_matches(said.strip(), names, n=1, cutoff=0.4)
    return close[0] if close else None


def _position(wanted: str, count: int) -> int | None:
    if re.search(
        r"\b(?:penultimate|(?:second|2nd)[- ]to[- ]last|next[- ]to[- ]last|"
        r"one before (?:the )?last|last but one)\b",
        wanted,
    ):
        return count - 2 if count > 1 else None  # before "last": "second to last" says it
    if re.search(r"\b(?:last|final|end)\b", wanted):
        return count - 1
    for word, n in _ORDINALS.items():
        if re.search(rf"\b{word}\b", wanted) and n <= count:
            return n - 1
    number = re.fullmatch(r"(?:stage|step|column|no\.?|number|#)\s*(\d{1,2})", wanted)
    if number and 1 <= int(number.group(1)) <= count:
        return int(number.group(1)) - 1
    said = re.fullmatch(r"(?:stage|step|column|number)\s+([a-z]+)", wanted)  # "stage two"
    if said and _COUNTED.get(said.group(1), 0) and _COUNTED[said.group(1)] <= count:
        return _COUNTED[said.group(1)] - 1
    return None


_COUNTED = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10,
}  # fmt: skip


def _phase_by_name(text: str) -> list[object]:
    """A phase named outright ('consideration', 'retention')."""
    from ..vocab import Phase

    return [p for p in Phase if p.value == text.strip() or p.value.replace("_", " ") == text]


_NEXT_TO = re.compile(
    r"(?:\bthe\s+|^)(?:stage|step|one|bit|part)\s+(?:right\s+|just\s+|straight\s+)?"
    r"(?P<way>after|before|following|preceding|between)\s+(?P<rest>.+)$"
)


def _next_to(journey: JourneyMap, text: str) -> int | None:
    """The stage a message places by its neighbours: "the stage after checkout", "the one
    before collection", "the stage between checkout and collection"."""
    found = _NEXT_TO.search(text)
    if not found:
        return None
    rest = re.split(r"[,.;!?]|\s+(?:can|could|should|shld|is|needs?|has|go|goes|pls|please)\b",
                    found.group("rest"))[0]  # fmt: skip
    rest = re.sub(r"\s+(?:stage|step|one)s?$", "", rest.strip())
    if found.group("way") == "between":
        ends = re.split(r"\s+(?:and|&)\s+(?:the\s+)?", rest, maxsplit=1)
        if len(ends) != 2:
            return None
        first, last = (_stage_named(journey, e.strip()) for e in ends)
        if first is None or last is None or abs(first - last) != 2:
            return None
        return min(first, last) + 1
    anchor = _stage_named(journey, rest)
    if anchor is None:
        return None
    place = anchor + 1 if found.group("way") in ("after", "following") else anchor - 1
    return place if 0 <= place < len(journey.stages) else None


def _map_words(journey: JourneyMap) -> set[str]:
    """Stems of the words that say what the whole map is about (its title, company,
    product and industry: "cake" of "Celebration cake orders")."""
    from .content import STOPWORDS, stem

    said = " ".join(
        x or ""
        for x in (journey.title, journey.context.company, journey.context.product,
                  journey.context.industry)
    ).lower()  # fmt: skip
    return {stem(w) for w in re.findall(r"[a-z0-9'-]+", said) if len(w) > 3 and w not in STOPWORDS}


# A stage said as the one between two others
_BETWEEN = re.compile(
    r"\b(?:one|stage|step|bit|part)\s+(?:in\s+)?between\s+(?:the\s+)?([\w' -]{2,30}?)\s+"
    r"(?:and|&)\s+(?:the\s+)?([\w' -]{2,30}?)(?:\s+(?:stages?|ones?|steps?))?(?=[,.;!?]|$)",
    re.IGNORECASE,
)


# The time a contract or membership comes round again, said without naming the stage
_RENEWING = re.compile(
    r"\b(?:comes?|coming|is|'s|are)\s+up\s+(?:again|for\s+renewal)\b|\bup\s+for\s+renewal\b"
    r"|\b(?:whether|if)\s+(?:to|they'?ll|they\s+will|they)\s+renew\b|\bruns?\s+out\b",
    re.IGNORECASE,
)


# Words a message says beside a stage's thing that name none: "add", "set", "team"
_NOT_HELD = {
    "add", "put", "set", "can", "could", "would", "someone", "team", "pls", "please", "stage",
    "stages", "step", "bit", "part", "one", "new", "idea", "pain", "point", "kpi", "owner",
    "emotion", "make", "move", "drop", "knock", "bump", "down", "into", "onto", "from", "first",
}  # fmt: skip


# What a message calls a stage by: the words just before "stage", after the last word that
# opens them ("add whatsapp to the DM stage": "DM")
_BEFORE_STAGE = re.compile(r"^(?P<before>.*?)\s+(?:stage|step|bit|phase|column)\b", re.IGNORECASE)
_OPENS_NAME = re.compile(
    r".*(?:^|\s|[,:;])(?:the|to|on|in|at|for|with|into|onto|from|add|set|put|move|drop|"
    r"merge|rename|remove|delete|of|that|this|is)\s+",
    re.IGNORECASE,
)


def _stage_said_as(text: str) -> str:
    """What a message calls a stage before the word "stage" ("the deposit stage"), with
    "the"; "" when it says none that way."""
    found = _BEFORE_STAGE.match(text)
    before = found["before"] if found else ""
    if not re.search(
        r"\b(?:the|that|this|our|your|their)\s+(?:[\w£$€'-]+\s+){0,4}[\w£$€'-]+$", before
    ):
        return ""
    named = _OPENS_NAME.sub("", before)
    return f"the {named} stage" if 0 < len(named.split()) <= 5 else ""


def _held_by(journey: JourneyMap, text: str) -> int | None:
    """The stage whose touchpoints or actions (twice) and pain points or ideas (once) hold the
    most of what a message says, when one holds more than any other: "the datasheets and BIM
    downloads stage" -> "Specify the equipment", "the DM stage" -> the one with "Instagram
    DMs", "the fob-and-Wi-Fi stage" -> the one with the Wi-Fi setup guide."""
    from .content import STOPWORDS, stem, words

    def stems(said: str) -> set[str]:
        return {
            stem(w.rstrip("s") if len(w) <= 4 else w)  # "dms" as "dm"
            for w in words(said.lower())
            if len(w) >= 2 and w not in STOPWORDS and w not in _NOT_HELD and w not in _SKIP
        }

    named = _stage_said_as(text)  # only what names the stage: "the DM stage" (not "a
    said = stems(named) if named else set()  # Security review stage": a new one)
    if not said:
        return None
    scores = []
    for stage in journey.stages:
        held = stems(" ".join([*(t.name for t in stage.touchpoints), *stage.actions]))
        told = stems(" ".join(p.description for p in stage.pain_points))
        told |= stems(" ".join(o.description for o in stage.opportunities))
        scores.append(2 * len(said & held) + len(said & told - held))
    best = max(scores, default=0)
    return scores.index(best) if best >= 2 and scores.count(best) == 1 else None


def find_stage(journey: JourneyMap, message: str) -> int | None:
    """The stage a whole message mentions, if it mentions one: a stage's name (or a near
    spelling of it), a position ("the second stage", "the last one"), its neighbours ("the
    stage after checkout"), words it shares with a stage's name, a word meaning the same
    ("pickup" -> "Collect in shop"), its touchpoints or actions ("the gallery stage" ->
    "Browse cakes"), or a phase word the map has a stage for ("the emotion at checkout" ->
    "Order and pay")."""
    text = " ".join(message.lower().split())
    names = [s.name.strip().lower() for s in journey.stages]
    beside = _next_to(journey, text)  # "the stage after onboarding" is not Onboarding
    if beside is not None:
        return beside
    between = _BETWEEN.search(text)  # "the one between paying and collecting"
    if between is not None:
        ends = [find_stage(journey, between.group(n)) for n in (1, 2)]
        if ends[0] is not None and ends[1] is not None and abs(ends[0] - ends[1]) == 2:
            return min(ends[0], ends[1]) + 1
    renewing = [i for i, n in enumerate(names) if re.search(r"\brenew", n)]
    if len(renewing) == 1 and _RENEWING.search(text):  # "when their contract comes up again"
        return renewing[0]  # is the renewal, not the contract
    for i in sorted(range(len(names)), key=lambda n: -len(names[n])):
        if re.search(rf"(?<![\w-]){re.escape(names[i])}(?![\w-])", text):
            return i  # not inside a compound: "demo-to-trial conversion" names neither stage
    named = _stage_said_as(text)  # "knock the deposit stage down to a 2, people are raging
    if named and named != text and description(message) is not None:  # when they lose it":
        found = find_stage(journey, named)  # the deposit stage, not "when they lose it"
        if found is not None:
            return found
    meant = described_stage(journey, message)  # "the stage where they serve the cake"
    if meant is not None:
        return meant
    before_last = re.search(  # "the second to last stage" is not the last one
        r"\b(?:penultimate|(?:second|2nd)[- ]to[- ]last|next[- ]to[- ]last|last but one)\s+"
        r"(?:stage|one|step|column)\b",
        text,
    )
    if before_last and len(names) > 1:
        return len(names) - 2
    ordinal = re.search(
        r"\b(?:the\s+)?((?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|"
        r"last|final|1st|2nd|3rd|[4-9]th)\s+(?:stage|one|step|column)|stage\s+\d{1,2}|"
        r"(?:stage|step)\s+(?:one|two|three|four|five|six|seven|eight|nine|ten))\b",
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

    parts = [p for w in words for p in w.split("-") if p]  # "missed-collections"
    said = {stem(w) for w in parts if len(w) > 3 and w not in STOPWORDS and w not in _SKIP}
    ours = _map_words(journey)  # "cake" of a cake map names no one stage when more is said
    own = {stem(w) for w in re.findall(r"[a-z0-9'-]+", text)} & ours
    same = same_words(text)  # "where they pick the cake up": the pick-up, not the cakes
    naming = said - own if own and same - same_words(" ".join(sorted(own))) else said
    shared = [len(naming & {stem(w) for w in re.findall(r"[a-z0-9']+", n)}) for n in names]
    sharing = [i for i, n in enumerate(shared) if n]
    if len(sharing) == 1:  # "the collection stage" -> "Collect in shop"
        return sharing[0]
    exact = [  # "the grooming itself": the one name with "grooming", not the three with "groom"
        i
        for i in sharing
        if {w for w in parts if len(w) > 3 and w not in STOPWORDS and stem(w) in naming}
        & set(re.findall(r"[a-z0-9']+", names[i]))
    ]
    common = {  # the words each sharing stage shares
        frozenset(naming & {stem(w) for w in re.findall(r"[a-z0-9']+", names[i])}) for i in sharing
    }
    if len(sharing) > 1 and len(exact) == 1 and len(common) == 1:
        return exact[0]  # (only between stages that share the same words)
    most = sorted(shared, reverse=True)
    if len(sharing) > 1 and most[0] >= 2 and most[0] > most[1]:  # "the missed collections
        return shared.index(most[0])  # stage": the follow-up, not "Book a collection"
    if not sharing:  # "the pickup stage" -> "Collect in shop"
        alike = [i for i, n in enumerate(names) if same & same_words(n)] if same else []
        if len(alike) == 1:
            return alike[0]
    if not sharing:  # "the gallery stage" -> the stage whose touchpoint is the gallery page
        held = [
            i
            for i, stage in enumerate(journey.stages)
            if said
            & {
                stem(w)
                for item in [*(t.name for t in stage.touchpoints), *stage.actions]
                for w in re.findall(r"[a-z0-9'-]+", item.lower())
                if len(w) > 3 and w not in STOPWORDS
            }
        ]
        if len(held) == 1:
            return held[0]
    if not sharing:  # a misspelt word of one name: "the hygeinist stage"
        long_words = [w for w in words if len(w) >= 6 and w not in STOPWORDS and w not in _SKIP]
        near = {
            i
            for i, n in enumerate(names)
            for w in re.findall(r"[a-z0-9'-]{6,}", n)
            if difflib.get_close_matches(w, long_words, n=1, cutoff=0.8)
        }
        if len(near) == 1:
            return near.pop()
    if not sharing:  # "the datasheets and BIM downloads stage": the one holding most of them
        holder = _held_by(journey, text)
        if holder is not None:
            return holder
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
    from the current score ("lower", "make it feel worse", "happier"), the corrected one
    when the writer corrects themselves ("to 2, actually make that 1")."""
    text = as_meant(message).lower()
    text = re.sub(  # "Breakdown and repair at 1 is too harsh, bump it up": where it is now
        r"\b(?:at|on)\s+(?:an?\s+)?[1-5]\s+(?=(?:is|feels|seems|looks)\s+(?:too|way|a\s+bit|far|much)\b)",
        " ",
        text,
    )
    text = re.sub(  # "the stage is NOT a 1, make it less negative": not what it should be;
        # "the key pickup's no a 2" (Scots)
        r"(?:\b(?:not|isn'?t|is\s+not|aren'?t|never)|(?:['’]s|\bis)\s+no)\s+(?:an?\s+|at\s+)?[1-5]"
        r"(?![\d.]|\s*/)",
        " ",
        text,
    )
    said = (
        re.search(  # "I don't think X should be a 2 … more like a 1", "is a 4 - … Make
            r"\b(?:make\s+(?:it|that|this)|more\s+like|more\s+of|closer\s+to|nearer)\s*"  # it 2"
            r"(?:an?\s+|like\s+)?([1-5])(?![\d.]|st|nd|rd|th)",
            text,
        )
        or re.search(  # "why is the emotion at 4?? Treatment should be 2": what it should be
            r"(?:\bshould\s+be|\bneeds?\s+to\s+be|\bmust\s+be)\s*(?:an?\s+|like\s+)?([1-5])"
            r"(?![\d.]|st|nd|rd|th)",
            text,
        )
        or re.search(
            r"(?:=|\bto\b|\bbe\b|\bat\b)\s*(?:an?\s+|like\s+)?([1-5])(?![\d.]|st|nd|rd|th)", text
        )
    )
    if said:  # "emotion on the 2nd stage = 4": the score, not the position
        return int(said.group(1))
    number = re.search(r"(?<![\d.])([1-5])(?:\s*/\s*5)?(?!\d|\.\d|st\b|nd\b|rd\b|th\b)", text)
    if number:
        return int(number.group(1))
    worded = re.search(
        r"(?:\ban?\s+|\bbe\s+|[=:]\s*|\bto\s+|\b(?:high|low|good|bad|happy|positive|negative),\s*)"
        r"(one|two|three|four|five)\b(?!\s+(?:notch|step|"
        r"stage|more|bit|point|level)s?\b)|\b(one|two|three|four|five)\s+out\s+of\s+(?:five|5)\b",
        text,
        re.I,
    )
    if worded:  # "celebrate should be a five", "= three", "make onboarding one out of five"
        return _COUNTED[(worded.group(1) or worded.group(2)).lower()]
    if re.search(
        r"\b(?:the\s+)?(?:lowest|worst|bottom)\b(?:\s+(?:it|they)\s+can\s+go|\s+possible|"
        r"\s+score)?|\bas low as (?:it|they) (?:can )?go\b|\brock bottom\b",
        text,
    ):
        return 1  # "should be the lowest it can go"
    if re.search(
        r"\b(?:the\s+)?(?:highest|best|top)\s+(?:it|they)\s+can\s+go\b|\bthe highest\b|"
        r"\bas high as (?:it|they) (?:can )?go\b|\btop marks\b|\bmaxed out\b",
        text,
    ):
        return 5
    level = _LEVEL.search(text)  # "set booking to terrible", "its emotion to great"
    if level:
        from ..vocab import EMOTION_WORDS

        return EMOTION_WORDS[level.group(1)]
    base = current or 3
    if re.search(
        r"\b(lower|worse|more negative|sadder|angrier|less happy|down|frustrat\w*|drop|reduce|"
        r"decrease|knock|(?:really|very|pretty|quite)\s+bad)\b",
        text,
    ):
        return max(1, base - 1)
    if re.search(r"\b(higher|better|more positive|happier|up|less negative|delight\w*)\b", text):
        return min(5, base + 1)
    return None


def _level_words() -> str:
    from ..vocab import EMOTION_WORDS

    return "|".join(re.escape(w) for w in sorted(EMOTION_WORDS, key=len, reverse=True))


_LEVEL = re.compile(
    r"\b(?:to|as|at|be|is|feel|feels|feeling|on)\s+(?:an?\s+|really\s+|very\s+|pretty\s+|"
    r"(?:kind|sort)\s+of\s+|quite\s+|fairly\s+|mostly\s+)?"
    rf"({_level_words()})\b"
)
_FORMATS = {
    "json": "json", "csv": "csv", "tsv": "tsv", "tab separated": "tsv", "tab-separated": "tsv",
    "tab delimited": "tsv", "comma separated": "csv", "xlsx": "xlsx", "excel": "xlsx",
    "spreadsheet": "xlsx", "markdown": "md", "md": "md", "mermaid": "mermaid", "html": "html",
    "web page": "html", "text": "text", "png": "png", "picture": "png", "image": "png",
    "pdf": "pdf", "summary": "summary",
}  # fmt: skip
_FORMAT_WORDS = re.compile(
    r"\b(" + "|".join(re.escape(w) for w in sorted(_FORMATS, key=len, reverse=True)) + r")\b"
)
_COUNTS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "a couple of": 2}


# A stage pointed at, not named: "add an SMS to that stage", "the same step", "put it there"
_POINTING = re.compile(
    r"\b(?:that|this|the\s+same|same)\s+(?:stage|step|column)\b"
    r"|(?<!\bis )(?<!\bare )(?<!\bwas )(?<!\bwere )(?<!\bout )(?<!\bover )(?<!\bup )"
    r"(?<!\bhi )(?<!\bhey )(?<!\bhello )\b(?:in\s+|on\s+|at\s+)?there"
    r"(?=(?:\s+(?:too|as\s+well|also|please|pls|thanks|then))*\s*(?:[.!?]*$|[:–—-]\s))"
    # "and an idea for that - a booking calendar": the pain point just talked about
    r"|(?<=\bfor )(?:that|this|it)(?:\s+(?:one|pain(?:\s+point)?|problem|issue))?(?=\s*[:–—-]\s)"
    # "add a touchpoint to that one: a reminder text": the stage just talked about
    r"|(?:(?<=\bto )|(?<=\bon )|(?<=\bin )|(?<=\bat )|(?<=\binto )|(?<=\bof ))(?:that|this)\s+"
    r"one\b"
    # "the stage of pay the fee, put for it an owner": the stage said before the comma
    r"|(?<=\bfor )it(?=\s+an?\s+(?:owner|kpi|metric|touch-?point|pain|idea|opportunity)\b)",
    re.IGNORECASE,
)


def pointed_at(message: str, stage: str) -> str:
    """The message with the stage it points at spelled out as ``stage`` (the one the
    conversation was about): "add an SMS touchpoint to that stage" -> "... to Deliver",
    "put a text there" -> "put a text on Deliver". Unchanged when it points at none."""
    return _POINTING.sub(
        lambda m: stage if not m.group(0).lower().endswith("there") else f"on {stage}", message
    )


def stage_of_the_pain(journey: JourneyMap, message: str) -> int | None:
    """The one stage whose pain points hold the word a message names a stage by ("the mess
    stage" -> the stage where hirers leave the hall in a mess), or ``None``."""
    from .content import stem

    said = re.search(r"\bthe\s+([a-z][a-z'-]{3,})\s+(?:stage|step|bit|one|part)\b", message.lower())
    if said is None:
        return None
    word = stem(said.group(1))
    holding = [
        i
        for i, stage in enumerate(journey.stages)
        if any(
            word in {stem(w) for w in re.findall(r"[a-z']+", p.description.lower())}
            for p in stage.pain_points
        )
    ]
    return holding[0] if len(holding) == 1 else None


def message_slots(journey: JourneyMap | None, message: str) -> dict[str, object]:
    """The details a chat message carries, whatever its intent: the stage it names (on the
    current map), a channel, an export format, version numbers, an emotion score and a count of
    personas. Only what is there; an empty dict for none."""
    from ..vocab import infer_channel

    message = typed_plain(message)
    message = as_meant(message)  # "set it to 2, actually make that 1": the 1
    text = message.lower()
    slots: dict[str, object] = {}
    if journey is not None and journey.stages:
        where = find_stage(journey, message)
        if where is None:
            where = stage_of_the_pain(journey, message)  # "the mess stage"
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
    if re.search(r"\b(emotion|feel\w*|mood|happier|sadder|worse|better)\b", text) or re.search(
        r"\b(?:is|be|at)\s+(?:more\s+like\s+|really\s+|honestly\s+|probably\s+|actually\s+)?"
        r"(?:a|an)\s+[1-5]\b(?!\s*(?:%|per\b|hours?|days?|weeks?|mins?|minutes?|pm\b|am\b|/))",
        text,
    ):  # "Compare instructors is more like a 1 honestly", "the grooming itself is a 4"
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
    r"\b(?:called|named|titled|call(?:ed)? it|name it|(?:the\s+)?name of it is|its name is|"
    r"it'?s name is|with the name|with name|name is)\s+(?P<name>.+?)"
    r"(?=\s+(?:after|before|between|in between|at the|in the|right|just|where|which|that|so|for|"
    r"to go|because|cos|since|and (?:it|this|that|they))\b"
    r"|\s[-–—](?:\s|$)|[,.;!?(]|$)",
    re.IGNORECASE,
)
_A_STAGE = re.compile(
    r"\b(?:an?|new|extra)\s+(?P<name>(?!new\b)[\w'&-]+(?:\s+[\w'&/-]+){0,3}?)\s+(?:stage|step)\b",
    re.IGNORECASE,
)
_AFTER = re.compile(
    r"\b(?P<rel>after|before|following|ahead of)\s+"
    r"(?P<ref>(?:the\s+)?(?:bit|stage|step|one|part)\s+(?:where|when)\s+[^,.;!?]+|.+?)"
    r"(?=\s+(?:where|which|that|so|"
    r"and|called|named|for|to|please|pls|thanks)\b|\s[-–—]\s|[,.;!?(]|$)",
    re.IGNORECASE,
)
_RENAMES = [
    re.compile(  # "Stage 2 rename: 'Choose a cake'"
        r"^(?P<old>(?:the\s+)?(?:stage\s+\d{1,2}|[\w' -]{2,40}?\s+stage))\s+rename\s*[:\-–]\s*"
        r"(?P<new>.+)$",
        re.IGNORECASE,
    ),
    re.compile(
        r"\b(?:rename|re-name|retitle|relabel|re-label|(?:change|tweak|update|edit|fix|alter)\s+"
        r"the\s+(?:name|title|label)\s+(?:of|for|on))\s+(?P<old>.+?)\s+(?:to|as|into)\s+"
        r"(?P<new>.+)$",
        re.IGNORECASE,
    ),
    # "call the 'Wait for the day' stage 'Countdown' instead": the last quoted name is the new one
    re.compile(
        rf"\bcall\s+(?P<old>.+?)\s+(?P<new>[{_Q}][^{_Q}]+[{_Q}])(?:\s+instead)?\s*[?.!]*$",
        re.IGNORECASE,
    ),
    re.compile(rf"\bcall\s+(?P<old>.+?)\s+(?P<new>[{_Q}][^{_Q}]+[{_Q}])", re.IGNORECASE),
    re.compile(  # "rename the second stage Book a visit"
        r"\b(?:rename|retitle|relabel)\s+(?P<old>(?:the\s+)?(?:first|second|third|fourth|fifth|"
        r"sixth|seventh|eighth|last|final|\d(?:st|nd|rd|th))\s+(?:stage|step|one))\s+"
        r"(?!to\b|as\b|into\b|please\b|pls\b|plz\b|thanks\b)(?P<new>.+)$",
        re.IGNORECASE,
    ),
    re.compile(r"\bcall\s+(?:the\s+)?(?P<old>.+?)\s+(?:stage|step|one|bit)\s+(?P<new>.+)$", re.I),
    re.compile(
        r"^(?P<old>(?![^>]*\b(?:emo|emotion|feeling|mood)s?\s*(?:->|→|=>))[^>]+?)\s*(?:->|→|=>)\s*"
        r"(?!(?:pls\s+|please\s+)?(?:split|break|divide|merge)\b)(?P<new>.+)$"
    ),
    re.compile(r"\b(?:change|switch|call)\s+(?P<old>.+?)\s+(?:to|into)\s+(?P<new>.+)$", re.I),
    re.compile(
        r"^(?:could|can|should|shall)\s+(?:we\s+)?(?P<old>.+?)\s+be\s+(?:called|named|renamed"
        r"(?:\s+to)?)\s+(?P<new>.+?)(?:\s+instead)?\??$",
        re.IGNORECASE,
    ),
    re.compile(r"\b(?:just\s+)?call\s+(?P<old>it|that|this)\s+(?P<new>.+)$", re.IGNORECASE),
    re.compile(
        r"\b(?:rename|relabel|retitle)\s+(?P<old>it|that|this|that one|this one)\s+(?P<new>.+)$",
        re.IGNORECASE,
    ),
    re.compile(
        r"^(?P<new>.+?)\s+(?:is|would be|'?d be)\s+(?:a\s+)?(?:better|nicer|clearer)\s+"
        r"(?:name|title|label)\s+for\s+(?P<old>.+?)[.!?]*$",
        re.IGNORECASE,
    ),
    re.compile(
        r"^(?P<old>.+?)\s+(?:needs?|wants?)\s+(?:renaming|a new name|a rename)\s*(?:to|as|:|-)?\s+"
        r"(?P<new>.+)$",
        re.IGNORECASE,
    ),
    re.compile(
        r"^(?P<old>.+?)\s+(?:should|could|needs? to|has to)\s+(?:just\s+|really\s+|now\s+)?"
        r"(?:be\s+)?"
        r"(?:called|named|renamed(?:\s+to)?|read|say|titled)\s+(?P<new>.+)$",
        re.IGNORECASE,
    ),
]
_TAIL = re.compile(
    r"\s+(?:instead(?!\s+of\b)|please|pls|plz|thanks|then)\b.*$"  # "X instead of Y" is one idea
    r"|,?\s+(?:basically|honestly|tbh|lol|haha|really)\s*[.!]*$"
    r"|\s+(?:and\s+)?then\s+(?:critique|check|review|score|show)\b.*$"
    r"|\s+and\s+(?:critique|check|review|score|show)\s+(?:it|the map|again)\b.*$"
    r"|(?:[.;!?]|,?\s+and|,)\s+(?:also\s+|then\s+)?(?:add|remove|rename|move|put|set|make|change|"
    r"delete|drop|can you|could you|would you|thanks|thank you)\b.*$"
    r"|[.;!?]\s+(?:also|and)\b.*$"
    r"|\s+as\s+(?:an?\s+)?(?:new\s+)?(?:touch-?point|channel|kpi|metric|pain(?:\s*point)?|problem|"
    r"opportunity|idea|owner)s?\b.*$",
    re.IGNORECASE,
)
_WHAT = re.compile(
    r"\b(?:add|put|include|stick|pop|note|log|list|record|track|measure|attach|give (?:it|them))\s+"
    r"(?:in\s+)?(?:an?\s+|the\s+|another\s+|some\s+)?(?P<what>.+?)\s+"
    r"(?:to|in|into|on|at|for|under)\s+(?:the\s+)?(?P<where>.+?)"
    r"(?:\s+as\s+(?:the|a|an|our)\s+(?:\w+\s+)?(?:indicator|measure|metric|kpi))?$",
    re.IGNORECASE,
)


def _place_text(where: str) -> str:
    """Where an item goes, without what follows: "the wait stage - we send a pic ..."."""
    where = re.split(r"\s+[-–—]\s+|[,;]\s+|\s+as\s+(?:an?|the)\s+", where, maxsplit=1)[0]
    return _TAIL.sub("", where)


_KIND_ON = re.compile(
    r"\b(?:kpi|metric|pain[\s-]?point|pain|opportunity|opp|idea|touch-?point)s?\s+"
    r"(?:on|for|to|in|at|under)\s+(?:the\s+)?(?P<where>[^:,.]{2,40}?)\s*:\s*(?P<what>.+)$"
    # a message that opens with the kind: "opportunity on research, get more G2 reviews"
    r"|^(?:an?\s+|new\s+)?(?:kpi|metric|pain[\s-]?point|pain|opportunity|opp|idea)s?\s+"
    r"(?:on|for|to|in|at|under)\s+(?:the\s+)?(?P<where2>[^:,.]{2,40}?)\s*,\s*(?P<what2>.+)$",
    re.IGNORECASE,
)
_FOR_STAGE = re.compile(
    r"^(?:for|on|in|at)\s+(?:the\s+)?(?P<where>[^,]{2,40}?)\s*(?:,\s*|\s+)"
    r"(?:(?:pls|please|can you|could you|can u)\s+)?"
    r"(?:add\s+|measure\s+|track\s+|an?\s+(?:opportunity|idea|pain point|kpi|metric)\s+"
    r"(?:is|would be)\s+(?:to\s+)?"
    r"|(?:we|you|u)\s+(?:could|should|can|might)\s+)"
    r"(?P<what>.+)$",
    re.IGNORECASE,
)
_NEEDS_CHANNEL = re.compile(
    r"^(?:the\s+)?(?P<where>[\w' -]{2,40}?)(?:\s+stage)?\s+(?:needs?|should have|should get|"
    r"could use|wants?)\s+(?P<what>email|e-mail|social|social media|phone|sms|text|texts|chat|"
    r"live chat|website|whatsapp|post|direct mail)\s*(?:too|as well|also)?\s*"
    r"(?:[,.;]\s*(?:pls|please)?\s*(?:add(?: it| that)?)?)?$",
    re.IGNORECASE,
)
# "X - that's the KPI we want on booking", "X. pain point on trial pls"
# "I reckon onboarding needs a welcome email too", "... so I think the waiting stage needs
# phone on it as well as the email": a channel or a named message a stage lacks
_NEEDS_ITEM = re.compile(
    r"(?:^|\b(?:i\s+(?:reckon|think|feel|guess)|imo|honestly)\s+)(?:that\s+)?(?:the\s+)?"
    r"(?P<where>[\w' -]{2,40}?)(?:\s+stage)?\s+(?:needs?|should have|could use|could do with|"
    r"is missing)\s+(?:an?\s+|the\s+|some\s+)?(?P<what>(?:[\w'-]+\s+){0,3}?"
    r"(?:e-?mails?|texts?|sms|calls?|phone|letters?|messages?|post|chat|whatsapp|reminders?|"
    r"direct mail|social media|website|portal|form|page|app|leaflet|video|guide|checklist))\b"
    r"(?:\s+on\s+it)?(?:\s+(?:the day before|the night before|on the day|before|after|each "
    r"time|every time))?(?:\s+(?:too|also|as well(?:\s+as\s+[^,.;]+)?))?\s*[.!]?$",
    re.IGNORECASE,
)
_POINTED = re.compile(
    r"^(?P<what>.{8,}?)\s*(?:[-–—,.;])\s*"
    r"(?:(?:that'?s|thats|that is|this is)\s+(?:the|a|an|our)\s+|"
    r"(?:add\s+(?:it|that|this)\s+as\s+(?:an?\s+)?)?)"
    r"(?:kpi|metric|measure|pain(?:\s*point)?|problem|issue|idea|opportunity)\s+"
    r"(?:(?:we|i)\s+want\s+|to add\s+)?(?:on|for|at|in|to|under)\s+(?:the\s+)?"
    r"(?P<where>[^,.]{2,40}?)(?:\s+stage)?(?:\s+(?:pls|please|thx|thanks))?$",
    re.IGNORECASE,
)
_KIND_IS = re.compile(  # "one idea for the 1st stage is partnering w/ local wedding planners"
    r"^(?:one|an?|my|our|another|the)\s+(?:idea|opportunity|opp|thought|pain(?:\s*point)?|"
    r"problem|kpi|metric|measure)\s+(?:for|on|in|at)\s+(?:the\s+)?(?P<where>.+?)\s+"
    r"(?:is|would be|could be|=|:)\s+(?:to\s+)?(?P<what>.+)$",
    re.IGNORECASE,
)
_FIX_BY = re.compile(  # "we could fix the engaged line by adding online booking at booking"
    r"^(?:(?:we|you|u)\s+(?:could|might|can|should)\s+)?(?:fix|solve|sort|speed up|cut|reduce|"
    r"improve|stop)\s+.+?\s+by\s+(?P<what>.+)\s+(?:at|on|in|for|during)\s+(?:the\s+)?"
    r"(?P<where>[^,]{2,40}?)(?:\s+stage)?$",
    re.IGNORECASE,
)
_NEEDS = re.compile(
    r"^(?:the\s+)?(?P<where>.+?)(?:\s+stage)?\s+"
    r"(?:needs?|should have|should list|should include|could use|wants?|is missing)\s+"
    r"(?:an?\s+|some\s+|the\s+)?(?P<what>.+?)\s+(?:adding\s+|added\s+)?(?:as\s+an?\s+)?"
    r"(?:touch-?points?|channel)\b.*$",
    re.IGNORECASE,
)
_KIND_FIRST = re.compile(
    r"\b(?:add|put|log|note|record)\s+(?:an?\s+|another\s+)?(?:new\s+)?"
    r"(?:pain(?:[\s-]?point)?|problem|issue|frustration|opportunity|opp|idea|kpi|metric)\s+"
    r"(?:to|on|in|for|at|against)\s+(?:the\s+)?(?P<where>.+?)\s*(?:\bthat\b|\bsaying\b|,|:|\s[-–—])\s*"
    r"(?P<what>.+)$",
    re.IGNORECASE,
)
_REMARK_AFTER = re.compile(
    r"\s*\((?:[^)]*\s){3,}[^)]*\)?.*$"  # "(they're the ones who do the import)"; "(Priya)" stays
    r"|(?<!\b[A-Z][a-z])(?<!\b[A-Z][a-z][a-z])[.!?]+\s+.*$"  # a following sentence ("Dr." stays)
    r"|\s*[,;]\s*(?:that'?s|thats|it'?s|its|which|because|since|cos|coz|they|we|our|i|"
    r"can u|can you|could you|pls|please|thx|thanks|cheers|btw|lol|not)\b.*$"
    r"|\s+(?:thx|thanks|ty|cheers|pls|please|btw)\b.*$"
    r"|\s+as\s+(?:an?|the)\s*$"  # what is left of "... as a touchpoint"
    # "get noticed thats what the whole team calls it", "… per quarter the board keeps asking
    # for it", "Xiaohongshu, many Chinese student find us there": a remark, no comma needed
    r"|\s+(?:that'?s|thats)\s+(?:what|how|why)\b.*$"
    r"|\s+(?:the|our|my)\s+[a-z]+(?:\s+[a-z]+)?\s+(?:keeps?|kept|always)\s+(?:asking|saying|"
    r"on\s+about|mentioning|wanting|wants|asks|says)\b.*$"
    r"|\s*,\s*(?:many|most|some|lots|loads|half|a\s+lot)\s+(?:of\s+)?[a-z]+\s+[a-z]+\b.*$",
    re.IGNORECASE,
)


_SENTENCE_AFTER = re.compile(
    r"(?<!\b[A-Z][a-z])(?<!\b[A-Z][a-z][a-z])[.!?]+\s+.*$"
    r"|\s*,\s*(?:it|this|that|which)\s+(?:drives|makes|annoys|winds|really|is\s+(?:so|really|a))\b.*$"
    r"|\s*[,;]?\s+(?:can u|can you|could you|pls|please|thx|thanks|cheers|btw|lol)\b.*$"
    r"|\s+as\s+(?:an?|the)\s*$",
    re.IGNORECASE,
)


# Why the user wants it, said after what they want without a pause: "called Data migration
# check um because half our clients…", "… and nobody notices which is why deals slip"; after a
# name, what it is for too ("Options and costs so patients see the price"), but a pain keeps
# what it leads to and an idea what it is for ("… so ppl never get them", "… so they don't
# have to call")
_WHY = (
    r"\s+(?:(?:um+|uh+|er+)\s+)?(?:because|cos|coz|cuz|since|which is why|that'?s why|as\s+"
    r"(?:they|we|the|people|patients|customers|clients|users|our|it)|'?cause\s+(?=(?:people|ppl|"
    r"they|we|it|our|i|you|customers|clients|patients|users|nobody|no one|everyone)\b))\b"
)
_REASON_AFTER = re.compile(rf"{_WHY}.*$", re.IGNORECASE)
_NAME_REASON_AFTER = re.compile(
    rf"(?:{_WHY}|\s+so\s+(?:that\s+)?(?:people|ppl|they|we|customers|patients|clients|users|it|"
    r"nobody|no one|there|renewal|the|our|new|everyone|folks?)\b).*$",
    re.IGNORECASE,
)


def _clean_value(text: str, *, name: bool = True) -> str:
    """A name (or, ``name=False``, a pain or an idea) the user gives, without the remark that
    follows it: a name ends at ", that's what our CRM calls it", a text only at the next
    sentence or "can you"; either ends where the reason for it starts ("because…")."""
    cut = _REMARK_AFTER if name else _SENTENCE_AFTER
    said = cut.sub("", " ".join(text.split()))
    if name:  # "data migration check um": a pause, no part of the name
        said = re.sub(r"\s+(?:um+|uh+|erm*|like)$", "", said, flags=re.I)
        said = re.sub(r"^(?:just|simply)\s+(?=\S)", "", said, flags=re.I)  # "to just Book it"
    return (_NAME_REASON_AFTER if name else _REASON_AFTER).sub("", said).strip(_Q + " ,.;:-–—")


# The stage said first, then the kind and the item after a colon
_STAGE_THEN_ITEM = re.compile(
    r"^(?P<head>.*?\w.*?)[,;]?\s+(?:(?:please|pls|can you|could you)\s+)?(?:add|put|log|note|pop|"
    r"stick|include)\s+(?:in\s+)?(?:an?\s+|another\s+|one\s+more\s+)?(?:new\s+)?(?:touch-?point|tp|"
    r"channel|kpi|metric|measure|pain(?:\s*point)?|problem|issue|frustration|opportunity|opp|idea|"
    r"fix|owner)s?\s*:\s*(?P<what>.+)$",
    re.IGNORECASE,
)
_WHAT_LAST = re.compile(
    r"\b(?:add|put|include|stick|pop|note|log|list|record|track|measure)\s+"
    r"(?:in\s+)?(?:an?\s+|the\s+|another\s+|some\s+)?(?P<what>.+)\s+"
    r"(?:to|in|into|on|at|for|under)\s+(?:the\s+)?(?P<where>.+?)$",
    re.IGNORECASE,
)
_REPORTED = re.compile(  # who said it and how, before what goes wrong
    r"^(?:we'?ve\s+(?:had|got)\s+(?:\w+\s+)?(?:complaints|feedback|reports|comments)\s+(?:that|about)\s+|"
    r"(?:our\s+|the\s+|some\s+|lots of\s+|a few\s+)?(?:patients|customers|clients|people|users|"
    r"parents|guests|members|buyers)\s+(?:say|said|tell us|told us|keep saying|complain|complained|"
    r"moan|mention)(?:\s+that)?\s+|the big thing was\s+|it turns out\s+(?:that\s+)?|"
    # "Finance leads keep telling us", "Leadership keeps asking about": who asks, not what
    r"(?:our\s+|the\s+)?(?:[\w'-]+\s+){0,2}?(?:keeps?|kept)\s+(?:telling\s+us|saying|asking"
    r"(?:\s+us)?(?:\s+(?:about|for))?|mentioning|complaining(?:\s+about)?|bringing\s+up)"
    r"(?:\s+that)?\s+)",
    re.IGNORECASE,
)
_FILLER = re.compile(
    r"^(?:(?:ok(?:ay)?|so|right|um+|also|oh|sorry|one more(?: thing)?)(?:[\s,!.:;]+|\s*[-–—]\s*))+",
    re.IGNORECASE,
)
_TOLD = re.compile(
    r"^(?P<what>.{8,}?)(?:[,.;]|\s[-–—])?\s+(?:(?:pls\s+|please\s+)?(?:add|log|note|put|record|stick|"
    r"pop)\s+|(?:could|can|should)\s+)?(?:that|it|this)?\s*(?:on\s+[^,]{2,40}?\s+|go\s+in\s+)?"
    r"(?:as\s+(?:an?|the)|(?<=add )as|that'?s an?|thats an?|that is an?|is an?)\s+"
    r"(?:pain|problem|issue|frustration|kpi|metric|idea|opportunity)\b(?:\s+(?:point\s+)?(?:for|on|in|at|to|under|against)\s+"
    r"(?P<where>.+))?.*$",
    re.IGNORECASE,
)
_GRIPE = re.compile(
    r"^(?:our\s+)?(?:customers|people|patients|clients|users|members|guests|owners|parents)\s+"
    r"(?:hate|dislike|complain|moan|are annoyed|say|tell us)\s+(?:that|about|when)\s+",
    re.IGNORECASE,
)
_ASKING = re.compile(
    r"^(?:(?:we|you|i)\s+(?:should|could|need to|must|want to)\s+|let'?s\s+|please\s+|pls\s+|"
    r"(?:can|could|should)\s+(?:we|you|u)\s+)?"
    r"(?:measure|track|count|monitor|log|record)\s+",
    re.IGNORECASE,
)
_MEASURED = re.compile(
    r"\bmeasure\s+(?:the\s+)?(?P<where>[\w' -]{2,40}?)\s+(?:stage\s+)?by\s+(?P<what>.+)$"
    # "could we measure time to first payroll on onboarding": the stage is the last words
    r"|\b(?:measure|track)\s+(?P<what3>.+?)\s+(?:on|for|at|in)\s+(?:the\s+)?"
    r"(?P<where3>[\w' -]{2,40}?)(?:\s+stage)?\s*[?.!]*$"
    r"|\b(?:measure|metric|kpi)\s+(?:of\s+success\s+)?(?:for|on)\s+(?:the\s+)?"
    r"(?P<where2>[\w' -]{2,40}?)\s+(?:should\s+be|shld\s+be|is|=|will\s+be)\s+(?P<what2>.+)$",
    re.IGNORECASE,
)
_OWNERS = [
    # "For the fee stage please assign owner the income team"
    re.compile(
        r"^(?:for|on|in|at)\s+(?:the\s+)?(?P<where>[^,]{2,60}?)(?:\s+(?:stage|step))?,?\s+"
        r"(?:(?:please|pls|can you|could you)\s+)?(?:assign|set|make|put|add)\s+(?:an?\s+|the\s+)?"
        r"owner\s+(?:as\s+|to\s+|is\s+|:\s*)?(?:the\s+)?(?P<who>[^,.!?]{2,40}?)\s*[.!]*$",
        re.IGNORECASE,
    ),
    # "Waste services team is responsible of the stage Collection day"
    re.compile(
        r"^(?:the\s+)?(?P<who>[^,.!?]{2,40}?)\s+(?:is|are)\s+(?:responsible|responsable|in\s+charge|"
        r"accountable)\s+(?:of|for)\s+(?:the\s+)?(?:stage\s+|step\s+)?(?P<where>[^,.!?]{2,60}?)"
        r"(?:\s+(?:stage|step))?\s*(?:[,.!?]|$)",
        re.IGNORECASE,
    ),
    # "Please to make owner of Pay the fee the income team": who is last, after its "the"
    re.compile(
        r"\b(?:make|set|put|assign)\s+(?:as\s+)?(?:the\s+)?owner\s+(?:of|for)\s+(?:the\s+)?"
        r"(?P<where>(?:(?!\s(?:to|as)\s)[^,;])+)\s+the\s+(?P<who>[^\s,.!?]+(?:\s+[^\s,.!?]+){0,3}?)"
        r"\s*[.!]*$",
        re.IGNORECASE,
    ),
    # "the stage with the tender portals, put the bid team down as owner"
    re.compile(
        r"^(?P<where>[^,]{4,80}?),\s*(?:(?:please|pls)\s+)?(?:put|make|have|set|mark)\s+(?:the\s+)?"
        r"(?P<who>[^,.!?]{2,40}?)\s+(?:down\s+)?as\s+(?:the\s+)?owners?\s*[.!]*$",
        re.IGNORECASE,
    ),
    # "the stage with the sales call, owner is the AE team"; "where they sign the annual
    # contract, owner should be the finance ops team"
    re.compile(
        r"^(?P<where>[^,]{4,80}?),\s*(?:the\s+)?owner\s+(?:is|should be|=|will be)\s+(?:the\s+)?"
        r"(?P<who>[^,.!?]{2,40}?)\s*[.!]*$",
        re.IGNORECASE,
    ),
    # "who should own onboarding? put Customer Success down": the answer after the question
    re.compile(
        r"^who\s+(?:should|will|could|is going to)\s+own\s+(?:the\s+)?(?P<where>[^?]+?)\s*\?\s*"
        r"(?:(?:put|make it|have|let'?s (?:say|have)|maybe|i'?d say)\s+)?(?:the\s+)?(?P<who>[^?]+?)"
        r"(?:\s+(?:down|in|on it|as owner))?\s*[.!]*$",
        re.IGNORECASE,
    ),
    re.compile(
        r"^who\s+(?:owns|runs|looks after|is (?:the )?owner (?:of|for))\s+(?:the\s+)?"
        r"(?P<where>[^?]+?)\s*\?\s*(?:(?:set|put|make|give)\s+(?:it|that)\s+(?:to|as)\s+|"
        r"(?:it'?s|it should be|should be)\s+)(?:the\s+)?(?P<who>[^?]+?)\s*[.!]*$",
        re.IGNORECASE,
    ),
    re.compile(
        r"^(?:can|could|should)\s+(?:the\s+)?(?P<who>.+?)\s+be\s+(?:the\s+)?owners?\s+"
        r"(?:for|of|on)\s+(?:the\s+)?(?P<where>.+?)\s*\??$",
        re.IGNORECASE,
    ),
    re.compile(r"\bassign\s+(?:the\s+)?(?P<where>.+?)\s+to\s+(?P<who>.+)$", re.IGNORECASE),
    re.compile(
        r"\bgive\s+(?:the\s+)?(?P<where>.+?)\s+to\s+(?P<who>.+?)(?:\s+as\s+(?:the\s+)?owner)?$",
        re.IGNORECASE,
    ),
    re.compile(
        r"\bowner\s+(?:of|for)\s+(?:the\s+)?(?P<where>.+?)\s+(?:to|as)\s+(?:the\s+)?(?P<who>.+)$",
        re.IGNORECASE,
    ),
    re.compile(
        r"\b(?:make|making|set|setting|put|putting|add|adding|have|assign|assigning|appoint|"
        r"name|list|nominate|record|mark|log|enter|register)\s+(?P<who>.+?)\s+(?:as\s+)?"
        r"(?:the\s+|an?\s+)?"
        r"owners?\s+(?:of|for|on)\s+(?:the\s+)?(?P<where>.+)$",
        re.IGNORECASE,
    ),
    re.compile(
        r"\bowner\s+(?:of|for)\s+(?:the\s+)?(?P<where>.+?)\s+(?:is|should be|=|->|→|:)\s+"
        r"(?:the\s+)?(?P<who>.+)$",
        re.IGNORECASE,
    ),
    re.compile(
        r"^(?P<who>.+?)\s+(?:owns?|should own|will own|looks? after|"
        r"(?:is|are) (?:responsible for|in charge of|accountable for)|runs?)\s+(?:the\s+)?"
        r"(?P<where>.+)$",
        re.IGNORECASE,
    ),
    re.compile(r"^(?:the\s+)?(?P<where>.+?)\s+(?:is|should be)\s+owned\s+by\s+(?P<who>.+)$", re.I),
    re.compile(r"^(?:the\s+)?(?P<where>.+?)\s+belongs?\s+to\s+(?:the\s+)?(?P<who>.+)$", re.I),
    re.compile(
        r"\b(?:make|put)\s+(?P<who>.+?)\s+(?:responsible|accountable|in charge)\s+(?:for|of)\s+"
        r"(?:the\s+)?(?P<where>.+)$",
        re.IGNORECASE,
    ),
]
_REMARK = re.compile(
    r",\s+(?:lots of|loads of|a lot of|most|many|some of|people|customers|clients|patients|"
    r"they|we|as|since|cos|because|that'?s|thats|which)\b.*$",
    re.IGNORECASE,
)
_KIND_WORDS = re.compile(
    r"\b(?:new\s+)?(?:touch-?points?|channels?|pain[\s-]?points?|pains?|problems?|issues?|"
    r"opportunit(?:y|ies)|opps?|ideas?|kpis?|metrics?|measures?|owners?|lanes?)\b\s*(?::|-)?\s*",
    re.IGNORECASE,
)


# The kinds' own jargon, never a word of a pain or an idea ("owners", "issues" may be)
_KIND_JARGON = re.compile(
    r"\b(?:(?:an?|another)\s+)?(?:new\s+)?(?:touch-?points?|pain[\s-]?points?|opportunit(?:y|ies)|opps?|kpis?)\b"
    r"\s*(?::|-)?\s*",
    re.IGNORECASE,
)
_PLAIN_KIND = (
    r"(?:new\s+)?(?:channels?|pains?|problems?|issues?|ideas?|metrics?|measures?|owners?|lanes?)"
)
_PLAIN_KIND_LEADS = re.compile(  # "issue: X", "an idea - X", "problem the form times out"
    rf"^\s*(?:an?\s+|the\s+)?(?:{_PLAIN_KIND}\s*[:-]\s*|(?:new\s+)?(?:problem|issue|idea|pain|"
    r"metric|measure)\s+(?!(?:is|was|are|of|with|for|that|when|if)\b))",
    re.IGNORECASE,
)
_PLAIN_KIND_ENDS = re.compile(rf"\s+(?:as\s+)?(?:an?\s+|the\s+)?{_PLAIN_KIND}\s*$", re.IGNORECASE)


def _kind_words_out(what: str) -> str:
    """An item without the word for its kind: the jargon anywhere ("pain point"), a plain
    word ("issue", "owners") only where it leads or ends the item, so that "owners don't
    want to pay the dematting fee" keeps its owners."""
    what = _KIND_JARGON.sub(" ", what)
    return _PLAIN_KIND_ENDS.sub(" ", _PLAIN_KIND_LEADS.sub("", what))


# A thing whose own name ends in a kind's word: "a dedicated slack channel", "a sales channel"
_NAMED_THING = re.compile(
    r"\b(?:slack|teams|whatsapp|youtube|sales|support|partner|discord|telegram|private|"
    r"dedicated|shared)\s+channels?\b",
    re.IGNORECASE,
)


# The word an item is named by, for each kind of item ("frustration" is a pain point)
_KIND_OF = {
    "add_pain_point": (
        r"pain[\s-]?points?|pains?|frustrations?|problems?|issues?|gripes?|complaints?"
    ),
    "add_opportunity": r"opportunit(?:y|ies)|opps?|ideas?|fix(?:es)?|improvements?",
    "add_kpi": r"kpis?|metrics?|measures?",
}
_ASKING_WORDS = re.compile(
    r"^(?:(?:ok(?:ay)?|so|right|and|also|pls|please|can you|could you|can u|could u|add|put|log|"
    r"note|record|new|another|one more|an?|the|as)\b[\s,]*)+",
    re.IGNORECASE,
)


def _split_at_kind(journey: JourneyMap, intent: str, text: str) -> tuple[int, str] | None:
    """A request cut at the word that names the item's kind: the stage before it and the
    item after ("treatment plan kpi plan acceptance rate", "the payroll one needs a pain
    point, X"), or the stage right after it and the item after the stage ("new pain point for
    the check up stage long wait in reception", "add a frustration to the hygeine stage, X")."""
    kind = _KIND_OF.get(intent)
    if kind is None:
        return None
    for match in re.finditer(rf"\b(?:{kind})\b", text, re.IGNORECASE):
        head = _ASKING_WORDS.sub("", text[: match.start()].strip(" ,:;-–—"))
        head = re.sub(
            r"\s+(?:needs?|could do with|could use|should have|gets?|has)(?:\s+(?:an?|another|"
            r"one more|a new))?$|\s+(?:an?|another|new)$",
            "",
            head,
            flags=re.I,
        )
        rest = re.sub(r"^(?:\s*[,:;\-–—]\s*|\s+)", "", text[match.end() :])
        told = re.match(r"(?:to|on|for|at|in|against)\s+(?:the\s+)?(?P<rest>.+)$", rest, re.I)
        if told is None and head and rest:
            where = _stage_named(
                journey, re.sub(r"\s+(?:stage|step|one|bit)$", "", head, flags=re.I)
            )
            if where is not None and resolve_stage(journey, head) is not None:
                return where, rest
        said_as = re.match(r"(?P<what>.{3,}?)\s+as\s+(?:the|an?|our)$", head, re.I)
        if told is not None and said_as is not None:  # "demo show rate as the KPI for the
            words = told.group("rest").split()  # demo stage please, the board keeps asking"
            for n in range(min(6, len(words)), 0, -1):
                found = resolve_stage(
                    journey, re.sub(r"[\s,]+(?:stage|step)?$", "", " ".join(words[:n]))
                )
                if found is not None:
                    return found[0], said_as.group("what")
        if told is not None:
            words = told.group("rest").split()
            names = [st.name.lower() for st in journey.stages]
            for n in range(min(6, len(words) - 1), 0, -1):  # the longest stage name first
                said = " ".join(words[:n]).rstrip(",:;")
                after = " ".join(words[n:])
                staged = re.match(r"(?:stage|step|one|bit)\b[\s,:;\-–—]*", after, re.I)
                marked = staged is not None or bool(
                    re.search(r"[,:;]$", " ".join(words[:n])) or re.match(r"[,:;\-–—]", after)
                )
                if staged:
                    after = after[staged.end() :]
                after = after.strip(" ,:;-–—")
                if not after or re.match(
                    r"(?:and|then|pls|please|thanks|too|as well)\b", after, re.I
                ):
                    continue  # "suggest an opportunity for Treatment and add it": none given
                if said.lower() in names:  # "opportunity on browse cakes show prices"
                    return names.index(said.lower()), after
                found = resolve_stage(journey, said) if marked else None
                if found is not None:  # a stage name ends where "stage" or a comma says so
                    return found[0], after
    return None


_BARE_MOVE = re.compile(
    r"^\s*(?:move\s+|put\s+)?(\d{1,2})\s+(before|after|ahead\s+of|behind)\s+(\d{1,2})\s*[.!]?\s*$",
    re.IGNORECASE,
)
_BARE_MERGE = re.compile(
    r"^\s*(?:merge\s+|combine\s+|join\s+)?(\d{1,2})\s*(?:\+|&|and|with)\s*(\d{1,2})"
    r"(?:\s+(?:merge|merged|together|into\s+one))?\s*[.!]?\s*$",
    re.IGNORECASE,
)


def _numbers_as_stages(intent: str, message: str) -> str:
    """Stages said by their numbers alone, as stages: "move 4 before 3" -> "move stage 4
    before stage 3", "3+4 merge" -> "merge stage 3 and stage 4"."""
    moved = _BARE_MOVE.match(message) if intent == "move_stage" else None
    if moved:
        return f"move stage {moved[1]} {moved[2]} stage {moved[3]}"
    merged = _BARE_MERGE.match(message) if intent == "merge_stages" else None
    if merged:
        return f"merge stage {merged[1]} and stage {merged[2]}"
    return message


def edit_request(
    journey: JourneyMap, intent: str, message: str
) -> tuple[str, dict[str, object]] | None:
    """The edit a message asks for in ordinary words, as (operation, arguments) on the current
    map, when ``intent`` is an edit and its details are all there: "can you put in a stage
    called Rebook after the last one", "change Check-up to 'New patient exam'", "bin the
    review one", "Browse cakes should come first", "add opp to stage 6: pre-filled templates".
    ``None`` when a detail is missing (the assistant then says how to put it)."""
    if not journey.stages:
        return None
    message = typed_plain(message)  # "rename it to Kid’s parties", typed on a phone
    message = _numbers_as_stages(intent, message)  # "move 4 before 3", "3+4 merge"
    said_not = contrast(message)  # "no, Customer Success owns Renewal. not sales"; in a pain
    keep = intent in ("add_pain_point", "add_opportunity") and not (  # or an idea only when
        said_not and resolve_stage(journey, said_not) is not None  # it names a stage
    )
    plain = plainly(message, drop_contrast=not keep)
    if plain != " ".join(message.split()):
        found = _edit_read(journey, intent, plain)
        if found is not None:
            return _as_quoted(journey, _tidied(_pointed_back(found, message), message), message)
    found = _edit_read(journey, intent, message)
    if found is None:
        return None
    return _as_quoted(journey, _tidied(_pointed_back(found, message), message), message)


_VALUES = ("text", "name", "new_name", "owner")
_QUOTE_LEAD = re.compile(  # words of the asking left before a quoted value
    r"(?:(?:that|which|it)\s+)?(?:says|reads|said|saying|reading|called|named|is|"
    r"namely|as|like)",
    re.IGNORECASE,
)


def _as_quoted(
    journey: JourneyMap, found: tuple[str, dict[str, object]], message: str
) -> tuple[str, dict[str, object]]:
    """What the user put in quotes is the value, whole: a reading that holds the quote with
    words of the asking around it ("that says 'nobody is in …'") or that stops inside it
    ("… full price incl" of "'… full price incl. deposit'") is the quote. A quoted stage name
    is no value: an item read as its own stage's name ("add a KPI to 'Renew the service
    contract': renewals signed early") is what follows the colon."""
    op, args = found
    stages = {s.name.lower() for s in journey.stages}
    for key in ("text", "name"):
        value = args.get(key)
        after = message.rsplit(":", 1)[-1].strip(_Q + " .!?") if ":" in message else ""
        if (
            op in _ITEMS
            and isinstance(value, str)
            and value.lower() == str(args.get("stage") or "").lower()
            and after
            and after.lower() not in stages
        ):
            return op, {**args, key: after[:1].upper() + after[1:]}
    quotes = [
        q["q"].strip()
        for q in _QUOTED.finditer(message)
        if (q["q"].strip().lower() not in stages and len(q["q"].split()) >= 2)
        or op == "rename_stage"
    ]
    if len(quotes) != 1:
        return found
    quote = quotes[0]
    for key in _VALUES:
        value = args.get(key)
        if not isinstance(value, str) or not value or value.lower() == quote.lower():
            continue
        low, said = value.lower().strip(_Q + " .,:"), quote.lower()
        if low.lower() in stages:
            continue
        at = low.find(said)
        lead = low[:at].strip(_Q + " :") if at >= 0 else ""
        if (at >= 0 and (not lead or _QUOTE_LEAD.fullmatch(lead))) or (
            len(low) >= 10 and said.startswith(low)
        ):  # not "show 'taking NHS patients' on our listing": the quote is part of it
            keep = value[:1].isupper() and not quote[:1].isupper() and key != "new_name"
            return op, {**args, key: quote[:1].upper() + quote[1:] if keep else quote}
    return found


def _tidied(found: tuple[str, dict[str, object]], message: str) -> tuple[str, dict[str, object]]:
    """An item as a reader would write it down: an idea said as "an opportunity to offer a
    reduced fee" is "Offer a reduced fee" (what it is for, ", so renewal isn't a surprise",
    stays: the blind sets' labels differ on it, and it says why); a touchpoint told in a
    sentence ("they also get a printed care card for the cake") is the thing itself
    ("printed care card")."""
    op, args = found
    if op == "add_opportunity":
        text = str(args.get("text") or "")
        bare = re.sub(
            r"^to\s+(?!(?:the|a|an|our|their|be|do|get)\b)(?=[a-z]+\s)", "", text, flags=re.I
        )
        verb = re.escape(bare.split(" ")[0])
        if bare == text or not re.search(
            rf"\b(?:opportunity|opp|idea)\s+to\s+{verb}", message, re.I
        ):
            bare = text
        if bare != text and len(bare.split()) >= 2:
            return op, {**args, "text": bare[:1].upper() + bare[1:]}
    if op == "add_touchpoint":
        name = str(args.get("name") or "")
        bare = re.sub(  # "car hire for the test (physical)": the channel said in brackets
            r"\s*\((?:physical|in person|in-person|email|sms|text|phone|web|website|online|app|"
            r"social|print|post|whatsapp)\)$",
            "",
            name,
            flags=re.I,
        )
        if bare != name and bare:
            return op, {**args, "name": bare}
        thing = _thing_in_clause(name)
        if thing and thing != name:
            return op, {**args, "name": thing[:1].upper() + thing[1:]}
    return found


# A touchpoint told as what someone does with it: "they also get a printed care card for the
# cake", "we send a reminder text the day before", "the patient can use the online booking
# form", "we've started putting a thank-you card in every cake box"
_DOING_WITH = re.compile(
    r"^(?:(?:before|after|when|once|at|on)\s+[^,]{3,40}?,?\s+(?=(?:we|i|they)\b))?"  # "Before the
    r"(?:(?:also|and|then|now)\s+)?(?:we(?:'ve|'re|\s+have|\s+are)?|i(?:'ve|\s+have)?|they|people|"
    r"(?:the\s+)?(?:customer|client|patient|user|member|resident|hirer|owner|parent|guest|buyer|"
    r"visitor|learner)s?|the\s+[a-z]+|our\s+[a-z]+(?:\s+[a-z]+)?|(?:half|most|some|lots|many)\s+"
    r"(?:of\s+)?(?:our\s+|the\s+)?[a-z]+(?:\s+[a-z]+)?)\s+"
    r"(?:(?:also|now|usually|often|always|just|mostly|can|could|will|would|started|start|do|"
    r"have\s+started)\s+)*"
    r"(?:get|gets|got|use|uses|used|read|reads|see|sees|receive|receives|send|sends|sent|put|puts|"
    r"putting|check|checks|fill\s+in|fills\s+in|download|downloads|find\s+us|found\s+us|"
    r"message\s+us|look\s+at|looks\s+at|scan|scans|open|opens|give|gives|giving|hand\s+out|"
    r"hands\s+out|hand|hands|post|posts|email|emails|text|texts|whatsapp|sign|signs)\s+"
    # whom it goes to: "every new puppy owner", "the client", "them"
    r"(?:(?:to\s+)?(?:(?:every|each|all|our|the|new|a)\s+(?:[a-z-]+\s+){0,2}?(?:owners?|members?|"
    r"clients?|customers?|learners?|patients?|residents?|hirers?|parents?|guests?|visitors?|"
    r"families|family)|them|him|her)\s+)?"
    r"(?:(?:through|via|on|in|at|from|with|out)\s+)?(?P<thing>.+)$",
    re.IGNORECASE,
)
_THING_ENDS = re.compile(
    r"\s+(?:for|in|on|at|to|with|into|rather\s+than|instead\s+of|when|because|so|and|but|every|each|"
    r"before|after|the\s+(?:day|week|morning|night|evening)\b|a\s+(?:day|week)\b)\b",
    re.IGNORECASE,
)


def _thing_in_clause(name: str) -> str:
    """The thing a sentence tells someone does something with, or ``""``."""
    said = _DOING_WITH.match(name.strip())
    if said is None:
        return ""
    thing = said.group("thing")
    for end in _THING_ENDS.finditer(thing):  # the first end that leaves a whole thing: "a
        head = thing[: end.start()]  # before and after video to the client"
        if not re.search(
            r"(?:^|\s)(?:a|an|the|before|after|and|for|in|on|at|to|with)$", head, re.I
        ):
            thing = head
            break
    thing = re.sub(r"^(?:a|an|the|our|their|his|her|its|your)\s+", "", thing, flags=re.I)
    return thing.strip(" ,.;") if 1 <= len(thing.split()) <= 5 else ""


# What a pronoun in the asking sentence points back to: the name people use ("they all just
# say Trigger. Can you rename it to that?") and who was said to do the work ("Customer
# success took over account reviews … Please make them the owner for renewal")
_SAID_AS = re.compile(
    r"\b(?:say|says|said|call|calls|called|know\s+it\s+as|refer\s+to\s+it\s+as)\s+(?:it\s+)?"
    r"[" + _Q + r"]?(?P<n>[A-Z][\w&'-]*(?:\s+[A-Za-z][\w&'-]*){0,3}?)[" + _Q + r"]?"
    r"(?=\s*[.,;!?]|$)"
)
_WHO_VERBS = (
    r"took|take|takes|handle|handles|handled|do|does|did|run|runs|ran|own|owns|look\s+after|"
    r"looks\s+after|now|have|has|are|is|manage|manages|deal\s+with|deals\s+with|answer|answers|"
    r"answered|send|sends|sent|reply\s+to|replies\s+to|book|books|sort|sorts|cover|covers|"
    r"check|checks|chase|chases|ring|rings|call|calls"
)
_WHO_DOES = re.compile(
    r"^(?P<who>(?:the\s+|our\s+)?[A-Za-z][\w'-]*(?:\s+(?!(?:" + _WHO_VERBS + r")\b)[a-z][\w'-]*)"
    r"{0,4}?)(?:,\s*(?:our|the|my)\s+[^,]{2,30},)?\s+(?:" + _WHO_VERBS + r")\b"
)
_BACK = {"that", "this", "it", "them", "they", "please", "that team", "those", "these", "her",
         "him"}  # fmt: skip


def _pointed_back(
    found: tuple[str, dict[str, object]], message: str
) -> tuple[str, dict[str, object]]:
    op, args = found
    key = "new_name" if op == "rename_stage" else "owner" if op == "add_owner" else ""
    value = str(args.get(key) or "").strip(" .!?").lower() if key else ""
    if value not in _BACK:
        return found
    first = re.split(r"(?<=[.!?])\s+", message.strip())[0]
    if op == "rename_stage":
        named = list(_SAID_AS.finditer(message))
        said = named[-1].group("n") if named else ""
    else:
        who = _WHO_DOES.match(first) if first != message.strip() else None
        said = re.sub(r"^the\s+", "", who.group("who"), flags=re.I) if who else ""
    return (op, {**args, key: said}) if said else found


# An item said after its kind and a colon: "add another pain point: spare parts for …"
_KIND_COLON = re.compile(
    r"^(?P<head>.*?\b(?:pain[\s-]?points?|pains?|problems?|opportunit(?:y|ies)|opps?|ideas?|kpis?|"
    r"metrics?|touch-?points?))\s*:\s*(?P<what>\S.+)$",
    re.IGNORECASE,
)


def _edit_read(
    journey: JourneyMap, intent: str, message: str
) -> tuple[str, dict[str, object]] | None:
    message = re.sub(r"\s@\s*(?=\w)", " at ", message)  # "pain: parking is a nightmare @ check-up"
    sentences = re.split(r"(?<=[.!?])\s+", message.strip())
    if len(sentences) > 1 and _POINTING.search(sentences[-1]):  # "The contact centre handle
        told = find_stage(journey, " ".join(sentences[:-1]))  # the missed collection calls.
        if told is not None:  # Can you put them down as the owner of that stage?"
            message = " ".join(
                [*sentences[:-1], pointed_at(sentences[-1], journey.stages[told].name)]
            )
    head = re.match(r"^(?P<head>[^,]{6,80}),\s*(?P<rest>[^,].{6,})$", message.strip())
    if (
        head is not None
        and _POINTING.search(head["rest"])
        and not re.search(  # the head only says a stage, it asks for nothing
            r"\b(?:add|remove|take|put|delete|drop|make|set|change|rename|move|merge|split)\b",
            head["head"],
            re.I,
        )
    ):  # "the stage right after Ask
        told = find_stage(journey, head["head"])  # about a slot, make Jo the owner of that
        if told is not None:  # one": the stage said before the comma
            message = pointed_at(head["rest"], journey.stages[told].name)
    scene = SCENE.match(" ".join(message.split()))
    if scene is not None and intent in _ITEMS:  # "when people first find us, add TikTok video
        where = find_stage(journey, scene.group("scene"))  # as a touchpoint": the stage is
        if where is not None:  # where the scene happens
            ask = scene.group("ask").rstrip(" .!?")
            name = journey.stages[where].name
            colon = _KIND_COLON.match(ask)  # "add another pain point: spare parts for older
            found = _edit_in(  # models take 6 weeks": all of it, the stage before the colon
                journey,
                intent,
                f"{colon['head']} on {name}: {colon['what']}" if colon else f"{ask} on {name}",
            )
            if found is not None and found[1].get("stage") == journey.stages[where].name:
                return found
    asked = asking_sentence(message)
    if asked is not None:  # "We closed our Instagram account. Please remove social from
        found = _edit_in(journey, intent, asked)  # Discover.": the asking sentence alone,
        said = found and str(found[1].get("text") or found[1].get("name") or "")
        if found is not None and not _KIND_ALONE.match(said or ""):  # when it holds every
            return found  # detail, not only the kind ("could we add a fix for the waiting
    return _edit_in(journey, intent, message)  # stage? text them a photo …")


# Short forms of words in stage names
_SHORT_FOR = {"1st": "first", "2nd": "second", "3rd": "third", "appt": "appointment",
              "appts": "appointments"}  # fmt: skip
_SHORT = re.compile(r"\b(?:1st|2nd|3rd|appts?)\b", re.IGNORECASE)
_ITEMS = ("add_touchpoint", "add_pain_point", "add_opportunity", "add_kpi", "add_owner")
_KIND_ALONE = re.compile(
    r"^(?:an?\s+|one\s+|another\s+)?(?:fix|idea|solution|opportunity|opp|pain(?:\s*point)?|"
    r"problem|frustration|issue|kpi|metric|measure|touch-?point|one|something|this|that|it)s?$",
    re.IGNORECASE,
)


def _edit_in(
    journey: JourneyMap, intent: str, message: str
) -> tuple[str, dict[str, object]] | None:
    text = " ".join(message.split()).rstrip(" .!?")
    text = re.sub(r"\b(?:b4|bfore|befor)\b", "before", text, flags=re.IGNORECASE)
    text = _SHORT.sub(lambda m: _SHORT_FOR[m.group(0).lower()], text)  # "book 1st appt"
    if intent == "add_stage":
        return _add_stage(journey, text)
    if intent == "rename_stage":
        return _rename(journey, text)
    if intent == "remove_stage":
        if not _REMOVAL.search(text):  # "the hygienists own the recall stage": no removal
            return None
        if re.search(r"\b(?:remove|take|drop|delete|get rid of)\s+(?:it|that|this|them)\s+"
                     r"(?:from|off|out of)\b", text, re.I):  # fmt: skip
            return None  # "remove it from that stage": something on the stage, not the stage
        first = re.split(r",\s*(?:it'?s|its|it is|that'?s|as|because|since)\b", text)[0]
        where = find_stage(journey, first) if first != text else None  # "Sunset the Check-up
        where = find_stage(journey, text) if where is None else where  # stage, it's redundant
        return ("remove_stage", {"name": journey.stages[where].name}) if where is not None else None
    if intent == "move_stage":
        return _move(journey, text)
    if intent in ("add_touchpoint", "add_pain_point", "add_opportunity", "add_kpi", "add_owner"):
        return _add_item(journey, intent, text)
    if intent == "merge_stages":
        return _merge(journey, text)
    if intent == "split_stage":
        return _split(journey, text)
    if intent == "remove_touchpoint":
        return _remove_touchpoint(journey, text)
    return None


# Some word of taking a stage away, however it is said
_REMOVAL = re.compile(
    r"\b(?:rm|remove[ds]?|removing|delete[ds]?|deleting|del|drop(?:ped)?|dropping|bin(?:ned)?|binning|"
    r"scrap(?:ped)?|scrapping|ditch(?:ed)?|ditching|kill(?:ed)?|axe[ds]?|nix|nuke|lose|cut|"
    r"get rid|take (?:[\w'-]+ ){0,4}?(?:out|away|off)|taking out|strip out|"
    r"(?:don'?t|dont|do not|doesn'?t|no longer) need|no need|not needed|unnecessary|redundant|"
    r"pointless|can go|could go|should go|has to go|needs to go|must go|goes|without|"
    r"don'?t (?:do|have|use|want)|doesn'?t (?:exist|apply|happen)|not (?:relevant|real|a thing)|"
    r"irrelevant|out of (?:the map|it)|off the map|gone|away with|kick out|chuck|toss|erase)\b",
    re.IGNORECASE,
)
_PRONOUNS = {"it", "this", "that", "them", "those", "these", "this one", "that one", "this stage",
             "that stage", "the stage", "one", "something", "another", "another one"}  # fmt: skip
_POLITE = re.compile(r"\s+(?:please|pls|plz|thanks|thank you|thx|cheers|ta)\b.*$", re.IGNORECASE)


def _place(journey: JourneyMap, ref: str, *, strict: bool = False) -> int | None:
    """The stage after or before which something goes. ``strict`` (the message also names a
    place such as 'first'): only a stage named outright, so that "before they've really looked
    around" is read as a clause of time, not as a stage."""
    if strict:
        found = resolve_stage(journey, _POLITE.sub("", ref.strip(_Q + " ")))
        return found[0] if found is not None and found[1] != "phase" else None
    return _stage_named(journey, ref)


def _stage_named(journey: JourneyMap, said: str) -> int | None:
    """The stage a phrase names: by name, position or spelling first, then by the words it
    shares with a stage ("collection" -> "Collect in shop"), the phase it plays last."""
    said = _POLITE.sub("", said.strip(_Q + " ")).strip(_Q + " ")
    if said.lower() in _PRONOUNS:
        return None
    beside = _next_to(journey, said)  # "the stage before the treatment plan": the check-up
    if beside is not None:
        return beside
    found = resolve_stage(journey, said)
    if found is not None and found[1] != "phase":
        return found[0]
    shared = find_stage(journey, said)
    return shared if shared is not None else found[0] if found is not None else None


_STAGE_FOR = re.compile(  # "could we have a stage for Security review before the contract one"
    r"\b(?:an?|new|another|one more)\s+(?:new\s+)?(?:stage|step)\s+for\s+"
    r"(?P<name>[\w'&-]+(?:\s+[\w'&-]+){0,3}?)"
    r"(?=\s+(?:before|after|between|at the|somewhere|please|pls)\b|\s*[,.;!?]|$)",
    re.IGNORECASE,
)
_ADD_PLAIN = re.compile(  # "add Referral at the end", "put in Rebook after Treatment"
    r"^(?:(?:please|pls|can you|could you|can u)\s+)?(?:add|insert|put in|stick(?: in)?|"
    r"pop(?: in)?|tack(?: on)?)\s+"
    r"(?:an?\s+)?(?:(?:new\s+)?(?:stage|step)\s+(?:called\s+|named\s+)?)?"
    r"(?P<name>(?!(?:an?\s+)?(?:new\s+)?(?:stage|step)\b)[\w'&-]+(?:\s+[\w'&-]+){0,3}?)\s+"
    r"(?:right\s+|just\s+|straight\s+|in\s+)?"
    r"(?=(?:at|on|to) the (?:very\s+)?(?:end|start|beginning|front)\b|after\b|before\b|"
    r"following\b|between\b)",
    re.IGNORECASE,
)


_STAGE_THEN_NAME = re.compile(  # "add a stage Security questionnaire right after the demo"
    r"\b(?:add|insert|put in)\s+(?:an?\s+)?(?:new\s+)?(?:stage|step)\s+"
    r"(?!(?:called|named|for|after|before|between|at|to|in|on|where|when|that|which)\b)"
    r"(?P<name>[\w'&-]+(?:\s+[\w'&-]+){0,3}?)\s+(?:right\s+|just\s+|straight\s+)?"
    r"(?=after\b|before\b|between\b|at the\b)",
    re.IGNORECASE,
)
_AS_STAGE = re.compile(  # "add Word of mouth as the first stage", "add Expansion as the last"
    r"\b(?:add|put in|insert|stick|pop)\s+(?P<name>[\w'&/ -]{2,40}?)\s+as\s+(?:the|a|an)\s+"
    r"(?:new\s+)?(?:very\s+)?(?P<end>first|last|final|opening|closing)\s+(?:stage|step|one)\b",
    re.IGNORECASE,
)
_BE_A_STAGE = re.compile(  # "Expansion needs to be a stage too, after renewal"
    r"^(?P<name>[\w'&/-]+(?:\s+[\w'&/-]+){0,3}?)\s+(?:needs? to|should|has to|must|ought to)\s+"
    r"be\s+(?:an?|its own|a new|an extra)\s+(?:stage|step)\b",
    re.IGNORECASE,
)


def _add_stage(journey: JourneyMap, text: str) -> tuple[str, dict[str, object]] | None:
    whole = text
    as_stage = _AS_STAGE.search(text)
    if as_stage is not None:
        said = as_stage.group("name").strip(_Q + " ")
        said = said[:1].upper() + said[1:]
        if as_stage.group("end").lower() in ("first", "opening"):
            return "add_stage", {"name": said, "first": True}
        return "add_stage", {"name": said, "after": None}
    named = _NAMED.search(text)
    quoted = _QUOTED.search(text)
    bare = _A_STAGE.search(text) or re.search(  # "new stage: X", "add stage: X, before Y"
        r"\b(?:new|add)\s+(?:stage|step)(?:\s+(?:pls|please|plz))?\s*[:\-–]\s*"
        r"(?P<name>[^,.;!?]+)",
        text,
        re.IGNORECASE,
    )
    sentences = re.split(r"(?<=[.!?])\s+", text)
    asked = [  # the sentence that asks, not the remarks around it
        part
        for part in sentences
        if re.search(r"\b(?:add|insert|put in|stick in|stage|step)\b", part, re.I)
    ]
    given = named or quoted  # the sentence that gives the name asks ("... call it Design chat")
    if given is not None:
        asked = [part for part in sentences if given.group(0) in part][:1] or asked
    text = asked[0].rstrip(" .!?") if asked else text
    named, quoted = _NAMED.search(text) or named, _QUOTED.search(text) or quoted
    if not (named or quoted or bare):
        bare = _BE_A_STAGE.search(text) or re.search(  # "a new stage, Thank-you note, after…"
            r"\b(?:an?|new|another|extra)\s+(?:new\s+)?(?:stage|step)\s*[,:]\s*"
            r"(?P<name>[^,.;!?:]{2,40}?)\s*,\s*(?=after|before|between|at the)",
            text,
            re.I,
        )
    if not (named or quoted or bare):
        bare = _STAGE_FOR.search(text) or _STAGE_THEN_NAME.search(text)
    if not (named or quoted or bare):
        bare = _ADD_PLAIN.search(text) or re.search(  # "a stage at the end: Loyalty club"
            r"\b(?:an?|new|another|extra|one more)\s+(?:new\s+)?(?:stage|step)\b[^:–—]*?\s*"
            r"(?:[:–—]|\s-\s)\s*"
            r"(?P<name>[^,.;!?:]{2,40})$",
            text,
            re.I,
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
    if not (quoted and not named):  # "called transport home cause people have to …": why
        name = _NAME_REASON_AFTER.sub("", name)
    name = re.sub(  # "add Payment stage after…", "called data migration check um because…"
        r"\s+(?:stage|step|phase)$|\s+in$|\s+(?:um+|uh+|erm*)$", "", name, flags=re.I
    )
    if not name or re.match(  # "add a kpi to the wait stage": no stage called "Kpi to the wait"
        r"(?:kpis?|metrics?|touch-?points?|channels?|pain|opportunit\w*|owners?|emotions?|"
        r"personas?)\b",
        name,
        re.I,
    ):
        return None
    after: str | None = None
    if re.search(
        r"\b(?:at|to|on|in)\s+(?:the\s+)?(?:very\s+)?(?:start|beginning|front|top)\b", text, re.I
    ):
        return "add_stage", {"name": name[:1].upper() + name[1:], "first": True}
    between = re.search(  # "in between the demo and when they try it out called Setup call"
        r"\bbetween\s+(?P<a>.+?)\s+and\s+(?P<b>[^,.;!?]+?)"
        r"(?=\s+(?:called|named|call it)\b|[,.;!?]|$)",
        text,
        re.I,
    )
    if between is not None:
        first, second = (
            _stage_named(journey, between.group("a")),
            _place(journey, between.group("b")),
        )
        if first is not None and (second is None or second > first):  # (right after the
            # first, when another stage lies between: "between the quote and the proof")
            return "add_stage", {
                "name": name[:1].upper() + name[1:],
                "after": journey.stages[first].name,
            }
    place = _AFTER.search(text[named.end() :] if named and named.string == text else text)
    place = place or _AFTER.search(text)
    if place is None and text != whole:  # "a stage in after browse for ... ? call it Enquire"
        place = next(
            (m for m in _AFTER.finditer(whole) if _place(journey, m.group("ref")) is not None), None
        )
    if place is not None:
        where = _place(journey, place.group("ref"))
        said = place.group("ref").strip(_Q + " ").lower()
        if where is None and said in _PRONOUNS and whole.find(text) > 0:
            where = _stage_named(journey, whole[: whole.find(text)])  # "... ahead of it"
        if where is None:
            return None
        before = place.group("rel").lower() in ("before", "ahead of")
        if before and where == 0:  # before the first stage: a new first stage
            return "add_stage", {"name": name[:1].upper() + name[1:], "first": True}
        after = journey.stages[where - 1 if before else where].name
    return "add_stage", {"name": name[:1].upper() + name[1:], "after": after}


def _rename(journey: JourneyMap, text: str) -> tuple[str, dict[str, object]] | None:
    for pattern in _RENAMES:
        match = pattern.search(text)
        if match is None:
            continue
        said = match.group("old").strip()
        old = re.sub(r"^(?:the\s+)?(?:stage\s+(?!\d))?", "", said, flags=re.I)
        new = re.sub(r"\s+x+$", "", match.group("new"))  # a kiss at the end is no part of it
        quoted = _QUOTED.match(new)
        if quoted is None:  # a stage name has no comma: what follows one is a remark
            new = re.split(r"\s*[,;]\s+|\s+[-–—]\s+", new)[0]
        new = quoted.group("q") if quoted else _clean_value(_TAIL.sub("", new))
        where = _next_to(journey, re.sub(r"^(?!the\s)", "the ", said.lower()))
        where = _stage_named(journey, old) if where is None else where
        if where is None and old.strip(" ,").lower() in _PRONOUNS and match.start():
            where = find_stage(journey, text[: match.start()])  # "the bit where they pay -
            # can we rename that to Checkout"
        if where is not None and new:
            return "rename_stage", {"old": journey.stages[where].name, "new_name": new}
    return _rename_by_parts(journey, text)


# The words before a new name: "can that be renamed Booking", "change the name to First
# exam", "the last stage is called Feedback instead", "rename it to Pilot"
_NEW_NAME = re.compile(
    r"\b(?:(?:be|is|get|gets)\s+)?(?:re)?named(?:\s+to)?|\bchange\s+(?:the|its|it'?s|his|her)\s+name\s+"
    r"(?:to|into)|\b(?:rename|call)\s+(?:it|that|this)(?:\s+(?:to|as))?|\b(?:is|be)\s+called",
    re.IGNORECASE,
)


def _rename_by_parts(journey: JourneyMap, text: str) -> tuple[str, dict[str, object]] | None:
    """A rename said in any order: the stage somewhere before the words that give the new
    name, the new name after them ("the stage where they ring up to book, can that be renamed
    Booking?", "The stage of check up, please you change the name to First exam")."""
    found = list(_NEW_NAME.finditer(text))
    if not found:
        return None
    said = found[-1]  # the last such words give the name
    quoted = _QUOTED.match(text[said.end() :].strip())
    new = quoted.group("q") if quoted else _clean_value(_TAIL.sub("", text[said.end() :]))
    new = re.split(r"\s*[,;]\s+|\s+[-–—]\s+", new)[0].strip(_Q + " .!?")
    if not new or len(new.split()) > 6 or new.lower() in _PRONOUNS or new.lower() in ("that",):
        return None
    before = text[: said.start()]
    where = find_stage(journey, before)
    if where is None:
        return None
    return "rename_stage", {
        "old": journey.stages[where].name,
        "new_name": new[:1].upper() + new[1:],
    }


def _move(journey: JourneyMap, text: str) -> tuple[str, dict[str, object]] | None:
    where = None
    text = (
        re.sub(  # "research goes before problem recognition, can you move it"
            r"[,;.]?\s*(?:(?:can|could|would)\s+(?:you|u)\s+|pls\s+|please\s+)?(?:move|shift|swap)\s+"
            r"(?:it|that|this|them)(?:\s+(?:pls|please|round|around|over))?\s*\??$",
            "",
            text,
            flags=re.I,
        )
        or text
    )
    low, whole = text.lower(), text
    verb = re.search(r"\b(?:move|put|shift|bump|drag|swap)\b", text, re.I)
    place = _AFTER.search(text, verb.start() if verb else 0)
    asked = re.split(  # "…, we sell the package first": a remark, no place asked for
        r",\s+(?:we|they|it'?s|its|it|because|as|since|cos|so)\b", _request_part(low), maxsplit=1
    )[0]
    strict = bool(re.search(r"\b(?:first|last|start|end|beginning|front)\b", asked))
    if place is not None and _place(journey, place.group("ref"), strict=strict) is None:
        place = None  # "... people often book before they've really looked around"
    if verb and place is None:
        text = text[verb.start() :]
        low = text.lower()
    head = text[: place.start()] if place else text
    if verb and place is not None:
        head = text[verb.start() : place.start()]
    head = re.sub(r"\b(?:move|put|shift|bump|drag|swap)\b", " ", head, flags=re.I)
    head = re.sub(
        r"^\s*(?:can u|can you|could you|pls|please|could we|can we)\s+", "", head, flags=re.I
    )
    head = re.split(r"[,;]\s+|\s+[-–]\s+", head)[0]
    head = re.split(r"\s+(?:to|should|shld|shud|must|needs? to|has to|goes|go|comes?)\b", head)[0]
    quoted = _QUOTED.search(head)  # "put 'Browse cakes' first": the quoted name, not "first"
    if quoted and resolve_stage(journey, quoted.group("q")) is not None:
        head = quoted.group("q")
    head = re.sub(
        r"\s+(?:(?:at\s+)?(?:the\s+)?(?:very\s+)?(?:first|last|start|end|beginning|front|top|"
        r"bottom))+\s*$",
        "",
        head,
        flags=re.I,
    )
    head = _ONE_PLACE.sub("", head)  # "the breakdown stage one place earlier"
    where = _stage_named(journey, head) if head.strip() else None
    if where is None and verb is not None and verb.start():  # "the reorder stage needs to
        where = find_stage(journey, whole[: verb.start()])  # move up, put it before ..."
    if where is None:
        return None
    count = len(journey.stages)
    position: int | None = None
    if place is not None:
        ref = _place(journey, place.group("ref"))
        if ref is None or ref == where:
            return None
        ref_after = ref if ref < where else ref - 1  # where the reference sits once moved out
        before = place.group("rel").lower() in ("before", "ahead of")
        position = ref_after + (1 if before else 2)
    elif re.search(r"\b(?:first|start|beginning|top|front)\b", _request_part(low)):
        position = 1
    elif re.search(r"\b(?:last|end|bottom)\b", _request_part(low)):
        position = count
    elif (step := _ONE_PLACE.search(_request_part(low))) is not None and not re.search(
        r"\b(?:emotions?|feel\w*|mood|happ\w+|score)\b", low
    ):  # "move it up one"
        way = (step.group("way") or step.group("way2")).lower()
        position = where + (0 if way in ("up", "earlier") else 2)
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


# A move by one place: "move it up one", "one place earlier", "down a spot" ("up a notch"
# is a feeling, not a place)
_ONE_PLACE = re.compile(
    r"\b(?P<way>up|down|earlier|later)\s+(?:by\s+)?(?:(?:one|1)(?:\s+(?:place|spot|stage|step|"
    r"position))?|a\s+(?:place|spot|stage|step|position))\b|\b(?:one|1|a)\s+(?:place|spot|stage|"
    r"step|position)\s+(?P<way2>up|down|earlier|later)\b",
    re.IGNORECASE,
)


def _request_part(low: str) -> str:
    """A request without the remark after a dash or a full stop: "put contract at the end - we
    only bill once the first payroll has gone through"."""
    return re.split(r"\s+[-–—]\s+|[.;]\s", low, maxsplit=1)[0]


# An item and the stage it goes on, and nothing else: "live chat on the research stage pls",
# "welcome email for first payroll", "social for the celebrate stage - people post the cake"
_ITEM_ON = re.compile(
    r"^(?:(?:and|also|plus)\s+)?(?:an?\s+|the\s+)?(?P<what>[\w'&/-]+(?:\s+[\w'&/-]+){0,5}?)\s+"
    r"(?:on|for|in|at|to|under)\s+(?:the\s+)?(?P<where>[\w'&-]+(?:\s+[\w'&-]+){0,4}?)"
    r"(?:\s+(?:stage|step|bit|one))?(?:\s+(?:pls|please|plz|too|as well|also))?\s*"
    r"(?:[,.!;:]\s.*|\s[-–—]\s.*|[.!?]*)$",
    re.IGNORECASE,
)


def _after_stage_name(
    journey: JourneyMap, text: str, where: int | None, what: str
) -> tuple[int | None, str]:
    """ "add a pain point to contract the docusign link expires after 48 hours": the item is
    what follows a stage's whole name said right after "to", "on" or "for"."""
    low = text.lower()
    for i, stage in sorted(enumerate(journey.stages), key=lambda p: -len(p[1].name)):
        kind = re.search(  # "add a kpi to order and pay abandoned checkouts per week": the
            r"\b(?:kpi|metric|measure|pain\s*point|pain|problem|opportunity|opp|idea|fix|"
            r"touch-?point)s?\s+(?:to|on|for|in|at)\s+(?:the\s+)?"  # kind, then the stage
            rf"{re.escape(stage.name.lower())}(?:\s+(?:stage|step))?\s+(?P<rest>[a-z0-9].{{5,}})$",
            low,
        )
        if kind is not None and not re.match(r"(?:stage|step|and|or|to|so|as|because|since)\b",
                                             kind.group("rest")):  # fmt: skip
            return i, text[kind.start("rest") :]
        said = re.search(
            rf"\b(?:to|on|for|in|at)\s+(?:the\s+)?{re.escape(stage.name.lower())}"
            r"(?:\s+(?:stage|step))?\s+(?P<rest>(?:the|a|an|our|their|people|customers|patients|"
            r"clients|users|we|they|it|nobody|no one|no|not)\b.+)$",
            low,
        )
        if said is not None:
            return i, text[said.start("rest") :]
    return where, what


# How people ask politely before what they ask: "Would it be possible to add …"
_POLITE_LEAD = re.compile(
    r"^(?:(?:hi|hey|hello)[,!]?\s+)?(?:would it be possible to|is it possible to|"
    r"(?:could|can) (?:you|u) possibly|would you mind|would you be able to|are you able to|"
    r"i'?d like you to|i want you to|do you think you could)\s+",
    re.IGNORECASE,
)


def _add_item(journey: JourneyMap, intent: str, text: str) -> tuple[str, dict[str, object]] | None:
    """An item for a stage: read the ways people usually say it, else what is left of the
    message once the stage and the asking are taken out (:func:`_residual_item`)."""
    text = re.sub(r"^\+\s*", "add ", text)  # "+ phone on the recall"
    kind = _KIND_LEAD.match(text)  # "opp Recall → rebooking link in the SMS" ("demo -> Sales
    if kind is not None:  # demo" alone is a rename; "idea → recall: X" is an idea for recall)
        head = re.sub(r"^\s*(?:→|->|=>)\s*", " for ", text[kind.end() :])
        text = text[: kind.end()] + re.sub(r"\s*(?:→|->|=>)\s*", ": ", head, count=1)
    asks = _SO_ASK.search(text)  # "Leadership keeps asking whether demos convert, so add X"
    if asks is not None:
        found = _add_item(journey, intent, text[asks.end() :])
        if found is not None:
            return found
    if intent == "add_opportunity":
        told = _suggested(journey, text)  # "… nowhere to type it at checkout. We could add a
        if told is not None:  # free-text field. Can you put that in as an opportunity?"
            return told
    said = _add_item_said(journey, intent, text)
    if intent == "add_owner":  # "It is Priya, our social media person": Priya
        owner = str(said[1].get("owner") or "") if said is not None else ""
        if said is not None and owner.lower() == str(said[1].get("stage") or "").lower():
            said = _owner_said(journey, text, said)  # the stage read as its own owner
            owner = str(said[1].get("owner") or "")
        bare = _LEAD_IN.sub("", owner)
        if said is not None and bare and bare != owner:
            return said[0], {**said[1], "owner": bare}
        return said
    value = str(said[1].get("text") or said[1].get("name")) if said is not None else ""
    if said is not None and not _SCAFFOLD.search(value) and not _KIND_ALONE.match(value):
        return _unquoted(said)  # not "one" of "add one KPI in …, the percent of …"
    found = _residual_item(journey, intent, text) or said
    if found is None and intent == "add_kpi":
        found = _measured_when(journey, text)
    return _unquoted(found) if found else None


_KIND_LEAD = re.compile(
    r"^(?:opps?|opportunit(?:y|ies)|ideas?|fix|pain(?:\s*points?)?|problem|kpis?|metrics?|"
    r"touch-?points?|tps?)\b",
    re.IGNORECASE,
)
# The asking part after a remark: "Leadership keeps asking whether demos convert, so add …"
_SO_ASK = re.compile(
    r"[,;]\s*(?:so|and so)\s+(?=(?:(?:please|pls|can you|could you)\s+)?(?:add|put|log|track|"
    r"measure|stick|pop|include|note)\b)",
    re.IGNORECASE,
)
# A measure with the moment it is taken: "measure the star rating when they leave their review"
_MEASURE_WHEN = re.compile(
    r"^(?:(?:we\s+)?(?:want|need|would like|'d like)\s+to\s+|(?:let'?s|pls|please)\s+)?"
    r"(?:measure|track|monitor|watch)\s+(?P<what>.+?)\s+"
    r"(?P<when>(?:when|once|after|as|while)\s+(?:they|people|customers?|clients?|patients?)\b.+)$",
    re.IGNORECASE,
)


def _measured_when(journey: JourneyMap, text: str) -> tuple[str, dict[str, object]] | None:
    said = _MEASURE_WHEN.match(text)
    if said is None:
        return None
    where = find_stage(journey, said.group("when"))
    what = re.sub(r"^(?:the|a|an|our)\s+", "", said.group("what").strip(), flags=re.I)
    if where is None or not what or len(what.split()) > 6:
        return None
    return "add_kpi", {"stage": journey.stages[where].name, "name": what[:1].upper() + what[1:]}


def _owner_said(
    journey: JourneyMap, text: str, found: tuple[str, dict[str, object]]
) -> tuple[str, dict[str, object]]:
    """Who a sentence of :data:`_OWNERS` says owns the stage ``found`` is for, when another
    reading took the stage's quoted name for its owner ("record Alistair Barnes as the owner
    of the 'Renew the service contract' stage")."""
    stage = str(found[1].get("stage") or "")
    for pattern in _OWNERS:
        match = pattern.search(text)
        where = _stage_named(journey, match["where"].strip(_Q + " ")) if match else None
        if match is None or where is None or journey.stages[where].name != stage:
            continue
        who = _owner_name(match["who"])
        if who and who.lower() != stage.lower():
            return found[0], {**found[1], "owner": who}
    return found


_ACRONYM = re.compile(r"\b(?:sms|seo|crm|faq|faqs|nps|csat|kpi|qr|url|pdf|otp|csm|roi)\b", re.I)


# Words a pain, idea, KPI or owner is led in with that are no part of it: a hedge ("like a
# text the day after"), a verdict ("would be good a filter by allergen"), the verb of a
# definition ("must be the time of wait", "it is Priya")
_LEAD_IN = re.compile(
    r"^(?:(?:like|also|um+|uh+|maybe|perhaps)\s+|(?:(?:it\s+)?would\s+be\s+)?(?:good|nice|great)\s+"
    r"(?:to\s+have\s+)?(?=(?:an?|the)\s)|(?:must|should|has\s+to|needs?\s+to|will)\s+be\s+|"
    r"(?:it\s+is|it'?s|that'?s|this\s+is|is)\s+)+(?:(?:an?|the)\s+)?",
    re.IGNORECASE,
)


# Where or what for, said before a colon and what is added: "for it: saves per post", "on
# renewal: a value recap email", "there: a live payroll buddy"; and "let's add CSAT", "is the
# lead dentist": the asking, not the item
_PLACE_LEAD = re.compile(
    r"^(?:(?:(?:for|on|at|in|to|about|re)\s+(?:it|this|that|them|(?:the\s+)?[\w'-]+"
    r"(?:\s+[\w'-]+)?)|there|here)\s*:\s+(?=\S+\s+\S)|(?:let'?s\s+(?:add|put|track|log|"
    r"use)|is|are)\s+(?=\S))",
    re.IGNORECASE,
)


def _unquoted(found: tuple[str, dict[str, object]]) -> tuple[str, dict[str, object]]:
    """An item as the user quoted it, without the quotes or the article before them ("a
    'Ready for pickup message'" -> "Ready for pickup message")."""
    intent, args = found
    for key in ("name", "text"):
        value = args.get(key)
        if isinstance(value, str):  # "namely that the recall SMS …", "a touchpoint called X"
            tidy = re.sub(r"^(?:namely|i\.?e\.?|called|named)\b[,:]?\s*(?:that\s+)?", "",
                          value, flags=re.I)  # fmt: skip
            tidy = re.sub(r"^[+&]\s*(?=\w)", "", tidy)  # "recall stage + reminder text"
            if intent == "add_touchpoint":  # "touch point called the procurement portal",
                tidy = re.sub(  # "tp 'G2 compare page'", "'NHS choices profile' tp", "one 'X'"
                    r"^(?:(?:an?|the|one)\s+)?(?:touch[\s-]?point|tp)\s+(?:(?:called|named)\s+)?"
                    r"(?:the\s+)?|^one\s+(?=[" + _Q + r"])",
                    "",
                    tidy,
                    flags=re.I,
                )
                tidy = re.sub(r"\s+(?:touch[\s-]?point|tp)$", "", tidy, flags=re.I)
                tidy = re.sub(  # "… stage itself, that is online payment link by SMS", "to
                    r"^(?:itself,?\s+)?(?:that\s+is|i\.e\.?|namely)\s+(?:(?:an?|the)\s+)?"
                    r"|^for\s+(?:the|an?)\s+(?=\S+\s)",
                    "",  # specify the equipment for the revit plugin": the thing
                    tidy,
                    flags=re.I,
                )
                tidy = re.sub(  # "please add also the TikTok": the TikTok
                    r"^(?:also|like|maybe)\s+(?:(?:an?|the)\s+)?(?=\S)", "", tidy, flags=re.I
                )
            if intent in ("add_kpi", "add_opportunity"):  # "the fix is a guided setup wizard",
                tidy = re.sub(r"^(?:is|=|->|→|>)\s+(?:(?:an?|the)\s+)?", "", tidy, flags=re.I)
            if intent in _ITEMS and intent != "add_touchpoint":
                tidy = re.sub(
                    r"^(?:an?|the)\s+(?=(?:for|on|at|in|to|an?|the)\s)", "", tidy, flags=re.I
                )
                tidy = _PLACE_LEAD.sub("", tidy)  # "for it: saves per post", "there: a buddy"
                tidy = _LEAD_IN.sub("", tidy)  # "like a text the day after", "must be the wait"
            tidy = _ACRONYM.sub(lambda m: m.group(0).upper(), tidy)  # "sms" -> "SMS"
            value = args[key] = tidy[:1].upper() + tidy[1:] if tidy != value else value
        if isinstance(value, str) and re.match(rf"^(?:(?:an?|the)\s+)?[{_Q}]", value, re.I):
            value = re.sub(rf"^(?:(?:an?|the)\s+)?[{_Q}]", "", value, flags=re.I).strip(_Q + " ")
            args = {**args, key: value[:1].upper() + value[1:]}
    return intent, args


_SUGGESTING = re.compile(
    r"^(?:we\s+could|could\s+we|maybe\s+we\s+could|maybe|perhaps|we\s+should|what\s+if\s+we|"
    r"how\s+about|one\s+idea\s+(?:is|would be))\s+(?P<what>.+?)[.!?]*$"
    # "A value report 30 days before renewal would help"
    r"|^(?P<what2>.+?)\s+(?:would|might|could|should|will)\s+(?:really\s+|probably\s+)?"
    r"(?:help|work|fix\s+(?:it|this|that)|make\s+a\s+difference|be\s+(?:good|great|useful|"
    r"a\s+good\s+idea|worth\s+trying))\b[.!?]*$",
    re.IGNORECASE,
)
# Where a sentence turns from the idea to the asking: "... would help - add it as ..."
_TURN_TO_ASK = re.compile(
    r"\s+[-–—]\s+(?=(?:pls\s+|please\s+)?(?:add|put|pop|log|can\s+you|could\s+you|can\s+u)\b)"
    r"|,\s+(?=(?:so\s+)?(?:can|could)\s+(?:you|u)\b)",
    re.IGNORECASE,
)


def _suggested(journey: JourneyMap, text: str) -> tuple[str, dict[str, object]] | None:
    """An idea told in its own sentence before a request that points back at it ("We could
    add a free-text field. Can you put that in as an opportunity?"): the idea in its words,
    at the stage the message names (or the one its first sentences are about)."""
    said = [
        q
        for p in re.split(r"(?<=[.!?])\s+", " ".join(text.split()))
        for q in _TURN_TO_ASK.split(p)
        if q.strip()
    ]
    if len(said) < 2 or not re.search(r"\b(?:that|it|this)\b", said[-1], re.I):
        return None
    ideas = [m for p in said[:-1] if (m := _SUGGESTING.match(p))]
    if len(ideas) != 1:
        return None
    pointed = _stage_span(journey, said[-1])  # "… as an opportunity on checkout?"
    where = pointed[0] if pointed else None
    before = " ".join(p for p in said[:-1] if not _SUGGESTING.match(p))
    if where is None:  # "… nowhere to type it at checkout": where the trouble is
        pointed = _stage_span(journey, before)
        where = pointed[0] if pointed else find_stage(journey, before)
    if where is None:
        return None
    what = _clean_value(ideas[0].group("what") or ideas[0].group("what2"), name=False)
    what = re.sub(r"^(?:an?|the)\s+", "", what, flags=re.I)  # "A value report": the report
    return "add_opportunity", {
        "stage": journey.stages[where].name,
        "text": what[:1].upper() + what[1:],
    }


# The asking, left inside an item when a pattern cut in the wrong place
_SCAFFOLD = re.compile(
    r"\b(?:add|pop|put|log|stick|note|chuck)\s+(?:that|it|this)\b|\b(?:could|can|should)\s+"
    r"(?:that|it|this)\s+go\b|\bas an?\s+(?:pain|opportunity|idea|kpi|metric|touch-?point)\b",
    re.IGNORECASE,
)
_STAGE_WORD = r"(?:stage|step|bit|one|part|phase|column)"
# What a request is made of, around the item: the asking, the kind of item, where it goes
_ASKED = re.compile(
    r"^(?:(?:ok(?:ay)?|so|right|um+|also|oh|and|hi|hiya|hey|hello|please|pls|plz|thanks|"
    r"(?:can|could|would|will)\s+(?:you|u|we)(?:\s+(?:please|pls|possibly|just))?|i'?d like "
    r"(?:you )?to|i want (?:you )?to|(?:we\s+)?(?:want|need|would like|'d like)\s+to|we should|"
    r"let'?s|just|quickly|maybe|"
    r"add|put|pop|log|stick|note|chuck|include|record|track|measure|"
    r"(?:we\s+|you\s+)?(?:could|should|can|might)(?:\s+(?:have|do|offer|give|try))?|"
    r"(?:in|on|for|to|at|under|during|into)|(?:an?|the|another|new|one more|one)|"
    r"(?:pain[\s-]?points?|pains?|frustrations?|problems?|issues?|opportunit(?:y|ies)|opps?|"
    r"ideas?|fix(?:es)?|kpis?|metrics?|measures?|touch-?points?)|as|in|there|that|it|this)"
    r"(?:\s+|[,:;\-–—]+\s*))+",
    re.IGNORECASE,
)
_ASKED_AFTER = re.compile(
    r"(?:[,.;!?\-–—]+\s*|\s+)(?:(?:and|so|pls|please|can you|could you|can u|could u)\s+)*"
    r"(?:(?:add|put|pop|log|stick|note|chuck|include|record)\s+(?:that|it|this)(?:\s+in)?"
    r"|(?:could|can|should)\s+(?:that|it|this)\s+go(?:\s+in)?)"
    r"(?:\s+(?:as|for|on|in|to|under)\s+.*)?\s*[.!?]*$"
    r"|\s+as\s+an?\s+(?:pain[\s-]?point|pain|opportunity|idea|kpi|metric|touch-?point)\b.*$",
    re.IGNORECASE,
)


def _stage_span(journey: JourneyMap, text: str) -> tuple[int, int, int] | None:
    """Where a message names a stage: (stage index, start, end) of the words that name it,
    with the words around that only point at it ("to the", "stage"), or None. Names said
    outright or misspelt, "the stage after X", "the 3rd stage"."""
    low = text.lower()
    around = r"(?:\b(?:to|on|for|in|at|under|during|into|from)\s+)?(?:the\s+)?"
    beside = re.search(
        rf"{around}{_STAGE_WORD}\s+(?:right\s+|just\s+)?(?:after|before|following)\s+"
        r"(?:the\s+)?([\w' -]+?)(?=\s*(?:[,.;:!?\-–—]|$))",
        low,
    )
    if beside is not None:
        where = _next_to(journey, "the " + beside.group(0).split("the ", 1)[-1].strip())
        if where is not None:
            return where, beside.start(), beside.end()
    best: tuple[int, int, int, int] | None = None  # (length, index, start, end)
    words = list(re.finditer(r"[a-z0-9][a-z0-9'-]*", low))
    for size in (5, 4, 3, 2, 1):
        for n in range(len(words) - size + 1):
            start, end = words[n].start(), words[n + size - 1].end()
            said = low[start:end]
            if said in _SKIP or said in ("the", "a", "an") or len(said) < 3:
                continue
            found = resolve_stage(journey, said)
            pointed = bool(
                re.search(r"\b(?:to|on|for|in|at|under|during|into)\s+(?:the\s+)?$", low[:start])
                or re.match(rf"\s+{_STAGE_WORD}\b", low[end:])
            )
            if found is None and pointed and size == 1 and len(said) >= 5:  # "the hygeine
                near = [  # stage": a misspelt word of one stage's name
                    i
                    for i, stage in enumerate(journey.stages)
                    for w in re.findall(r"[a-z]{5,}", stage.name.lower())
                    if difflib.SequenceMatcher(None, w, said).ratio() >= 0.7
                ]
                found = (near[0], "spelling") if len(set(near)) == 1 else None
            if found is None or (found[1] == "phase" and not pointed):
                continue  # a phase word only where it points at a stage ("on checkout")
            if found[1] == "position" and not re.search(rf"\b{_STAGE_WORD}\b", low[end : end + 8]):
                continue  # "the first" of "the first time" is no stage
            rank = (end - start) + (100 if pointed else 0)  # where it goes, said as such, first
            if best is None or rank > best[0]:
                best = (rank, found[0], start, end)
    if best is None:
        return None
    _, index, start, end = best
    lead = re.search(r"\b(?:to|on|for|in|at|under|during|into|from)\s+(?:the\s+)?$", low[:start])
    tail = re.match(rf"\s+{_STAGE_WORD}\b", low[end:])
    if lead is None and tail is None:
        return None  # "contract redlines take 6 weeks": a word of the item, not where it goes
    return index, (lead.start() if lead else start), end + (tail.end() if tail else 0)


def _residual_item(
    journey: JourneyMap, intent: str, text: str
) -> tuple[str, dict[str, object]] | None:
    """The item a message gives, read as what is left once the stage it names and the asking
    are taken out: "add a frustration to the hygeine stage, recall texts come too late",
    "opportunity on checkout let people pay the balance online", "Patients are confused by the
    costs in the treatment plan — could that go in as a pain point"."""
    said = " ".join(_POLITE_LEAD.sub("", _FILLER.sub("", text)).split())
    span = _stage_span(journey, said)
    if span is None:
        return None
    where, start, end = span
    before, after = said[:start].strip(" ,;:-–—"), said[end:].strip(" ,;:-–—")
    parts = [p for p in (before, after) if p]
    items: list[str] = []
    asked: list[bool] = []
    for part in parts:
        asks = bool(_KIND_WORDS.search(part) or re.search(r"\b(?:add|put|pop|log)\b", part, re.I))
        part = _ASKED_AFTER.sub("", part)
        part = _ASKED.sub("", part).strip(" ,;:-–—.!?")
        if intent == "add_pain_point":  # "patients say X", "X which is really annoying"
            part = re.sub(r"\s+which\s+(?:drives|makes|means|causes|gets|is)\b.*$", "", part)
            part = _REPORTED.sub("", part)
        elif intent == "add_kpi":  # "Leadership keeps asking about the share of …"
            part = re.sub(r"^(?:the|a|an)\s+", "", _REPORTED.sub("", part), flags=re.I)
        part = _clean_value(part, name=intent in ("add_touchpoint", "add_kpi"))
        if len(part.split()) >= (1 if intent in ("add_touchpoint", "add_kpi") else 2):
            items.append(part)
            asked.append(asks)
    if len(items) == 2 and asked.count(True) == 1:  # "…the big thing was, for the trial stage
        items = [items[asked.index(True)]]  # add a pain point the sandbox data resets": the
        # item is where the asking is
    if len(items) != 1:  # nothing left, or two candidates: not sure which is the item
        return None
    what = items[0]
    if (
        _KIND_WORDS.search(what)  # "suggest an opportunity": no item of its own
        or re.match(r"(?:that|it|this|them|suggest|some|something)\b", what, re.I)
        or not any(len(w) > 2 for w in re.findall(r"[a-z0-9]+", what.lower()))
    ):
        return None
    key = {"add_touchpoint": "name", "add_kpi": "name"}.get(intent, "text")
    return intent, {"stage": journey.stages[where].name, key: what[:1].upper() + what[1:]}


def _add_item_said(
    journey: JourneyMap, intent: str, text: str
) -> tuple[str, dict[str, object]] | None:
    """'add a pain point to Collection: cakes not ready', 'add opp to stage 6: templates',
    'track demo-to-trial conversion on the Demo stage', 'Ops own the Delivery stage'."""
    what, where = "", None
    text = _FILLER.sub("", text) or text  # "ok so for the first payroll stage add ..."
    text = _POLITE_LEAD.sub("", text) or text
    lead = re.match(
        r"^(?P<head>[^:?=]{3,80}?)\s*(?:[:\-–—=]|\?|\s(?:would|could) be)\s+(?P<what>.+)$", text
    )  # "add opp to stage 6: pre-filled payroll templates"
    head_asks = (  # "add a WhatsApp message to the wait stage - we send a pic ...": a remark
        lead is not None
        and _WHAT.search(lead.group("head")) is not None
        and re.match(
            r"(?:we|i|they|it'?s|its|that'?s|thats|our|so|as|cos|because)\b",
            lead.group("what"),
            re.I,
        )
        is not None
    )
    if (
        lead
        and not head_asks  # "add a WhatsApp message to the wait stage - we send a pic ..."
        and not re.match(
            r"(?:add|log|note|put|record)\b"
            r"|(?:that'?s|thats|that is|this is|it'?s)\s+(?:an?|the|our)\s",
            lead.group("what"),
            re.I,
        )
    ):
        where = find_stage(journey, lead.group("head"))  # not "X - add as a pain point on Y"
        what = lead.group("what")
    said_then_add = re.match(
        r"^(?P<head>[^:?]{3,80}?)\s+[-–—]\s+(?:pls\s+|please\s+)?add\s+(?P<what>.+)$", text
    )
    if (
        where is None
        and said_then_add
        and not re.search(r"\s(?:to|on|in|at)\s", said_then_add.group("what"))
    ):
        where = find_stage(journey, said_then_add.group("head"))  # "Celebrate has no
        what = said_then_add.group("what") if where is not None else what  # touchpoints - add X"
        if where is not None and re.match(r"(?:that|it|this)\s+as\b", what, re.I):
            # "in contract, legal review takes 3 weeks - add that as a pain point"
            what = re.sub(
                r"^(?:in|at|for|on|during)\s+(?:the\s+)?[^,]{2,40},\s*",
                "",
                said_then_add.group("head"),
                flags=re.I,
            )
    labelled = _KIND_ON.search(text)  # "... so KPI on recall: % of patients who rebook"
    if where is None and labelled:
        where = _stage_named(journey, labelled.group("where") or labelled.group("where2"))
        what = labelled.group("what") or labelled.group("what2")
    needs_channel = _NEEDS_CHANNEL.match(text)
    if where is None and needs_channel and intent == "add_touchpoint":
        where = _stage_named(journey, needs_channel.group("where"))
        what = needs_channel.group("what")
    pointed = _POINTED.match(text)
    if where is None and pointed:
        where = _stage_named(journey, pointed.group("where"))
        what = pointed.group("what") if where is not None else what
    fix_by = _FIX_BY.match(text)
    if where is None and fix_by and intent == "add_opportunity":
        where = _stage_named(journey, fix_by.group("where"))
        what = fix_by.group("what") if where is not None else what
    kind_is = _KIND_IS.match(text)
    if where is None and kind_is:
        where = _stage_named(journey, re.sub(r"\s+stage$", "", kind_is.group("where")))
        what = kind_is.group("what")
    for_stage = _FOR_STAGE.match(text)  # "for renewal pls add QBR deck", "for the review
    if where is None and for_stage:  # stage, an opportunity is to put a QR code in the box"
        where = _stage_named(journey, re.sub(r"\s+stage$", "", for_stage.group("where")))
        what = for_stage.group("what")
    needs_item = _NEEDS_ITEM.search(text)
    if where is None and needs_item and intent == "add_touchpoint":
        where = _stage_named(journey, needs_item.group("where"))
        what = needs_item.group("what")
    needs = _NEEDS.match(text)  # "renewal needs a phone touchpoint"
    if where is None and needs and intent == "add_touchpoint":
        where = _stage_named(journey, needs.group("where"))
        what = needs.group("what")
    kind_first = _KIND_FIRST.search(text)  # "add a pain point to stage 3, sales calls ..."
    if where is None and kind_first:
        where = _stage_named(journey, re.sub(r"\s+stage$", "", kind_first.group("where")))
        what = kind_first.group("what")
    told = _TOLD.match(text)  # "X at booking, add that as a problem"
    if where is None and told:
        what = _GRIPE.sub("", told.group("what"))
        what = re.sub(  # "add no-show rate as a metric on ...": the verb is no part of it
            r"^(?:(?:pls|please|can you|could you|can u)\s+)?(?:add|put|log|include|stick|pop|"
            r"note|record|track)\s+(?:in\s+)?|^(?:can|could)\s+(?:we|you|u)\s+(?:have|get|add)\s+",
            "",
            what,
            flags=re.I,
        )
        named_place = re.search(
            r"\b(?:stick|put|pop|add)\s+(?:that|it|this)\s+on\s+(?:the\s+)?"
            r"(?P<w>[^,]{2,40}?)\s+as\b",
            text,
            re.I,
        )
        said_place = told.group("where") or (named_place.group("w") if named_place else None)
        where = _stage_named(journey, re.sub(r"\s+stage$", "", said_place)) if said_place else None
        where = where if where is not None else find_stage(journey, what)
        what = re.sub(r"\s+(?:at|in|on|during)\s+(?:the\s+)?\S+(?:\s+stage)?$", "", what)
    measured = _MEASURED.search(text)  # "measure the gallery stage by average time on page"
    if where is None and measured and intent == "add_kpi":
        said_where = measured.group("where") or measured.group("where2") or measured["where3"]
        where = _stage_named(journey, re.sub(r"\s+stage$", "", said_where))
        said_what = measured.group("what") or measured.group("what2") or measured["what3"]
        what = re.split(r",\s*(?:that'?s|thats|which|because|as)\b", said_what)[0]
    if where is None and intent == "add_owner":
        for pattern in _OWNERS:
            match = pattern.search(text)
            if match:
                said_where = re.split(r"\s*[,;]\s+|\s+[-–—]\s+", match.group("where"))[0]
                said_where, who = re.sub(r"\s+stage$", "", said_where), match.group("who")
                named = resolve_stage(journey, who)
                staged = bool(re.search(r"\b(?:stage|step)\b", who, re.I))  # "to the booking
                if (  # stage": a stage, even when only its phase word finds it
                    named
                    and (named[1] != "phase" or staged)
                    and resolve_stage(journey, said_where) is None
                ):
                    said_where, who = who, said_where  # "assign the sales team to demo"
                where = _stage_named(journey, said_where)
                what = who
                named_first = re.match(
                    r"^(?!(?:Make|Put|Set|Add|Please|Can|Could|Assign|Give|Have|Let|Pls)\b)"
                    r"([A-Z][a-z]+)\b",
                    text,
                )
                if who.lower() in ("her", "him", "them") and named_first:
                    what = named_first.group(1)  # "Priya runs the counter so put her as owner"
                break
    if where is None:  # "add a pain point to contract the docusign link expires…": the
        where, what = _after_stage_name(journey, text, where, what)  # stage's name, then it
    quoted_at = _QUOTED.search(text)
    plain = (  # the stage is never looked for inside the quoted words
        text[: quoted_at.start()] + "QUOTED" + text[quoted_at.end() :] if quoted_at else text
    )
    first = _STAGE_THEN_ITEM.search(plain) if where is None else None
    if first is not None:  # "For the dates-and-prices stage, add an opportunity: X right next
        head = re.split(r"(?<=[.!?])\s+", first.group("head").strip())[-1]  # to the price"
        at = find_stage(journey, head) if re.search(r"\w", head) else None
        if at is not None:
            where, what = at, first.group("what")
    if where is None:
        match = _WHAT.search(plain)
        if match and _stage_named(journey, _place_text(match.group("where"))) is None:
            match = _WHAT_LAST.search(plain) or match  # "... counter at collect in shop"
        last = _WHAT_LAST.search(plain) if match else None
        if (  # "add a Facebook page for the hall to the first stage": the stage said last,
            match  # as a stage, not "the hall to the first stage"
            and last is not None
            and last.start("where") > match.start("where")
            and re.search(
                r"\b(?:stage|step|first|second|third|last|final|\d)\b", last["where"], re.I
            )
            and _stage_named(journey, _place_text(last["where"])) is not None
            and not any(  # (not when the first place is a stage's whole name: "in Collect in
                re.sub(r"^the\s+", "", _place_text(match["where"]).lower()).startswith(
                    stage.name.lower()
                )  # shop stage")
                for stage in journey.stages
            )
        ):
            match = last
        if match:
            where = _stage_named(
                journey,
                re.sub(r"\s+stage$", "", _place_text(match.group("where")), flags=re.I),
            )
            what = match.group("what")
            what = re.split(r",\s*(?:and\s+)?(?:put|add|stick|pop)\s+(?:it|that|this)\b", what)[0]
            if re.match(r"^(?:that|it|this|these|those|them)\b", what, re.I):
                # "people moan that X, add that as a pain point on the run-up": X
                said = re.sub(
                    r"^(?:oh\s+)?(?:and|also|plus)\s+", "", text[: match.start()], flags=re.I
                )
                what = _GRIPE.sub("", said.strip(" ,;-–"))
    if where is None and intent in ("add_touchpoint", "add_kpi"):
        item_on = _ITEM_ON.match(text)  # "welcome email for first payroll pls"
        if item_on is not None:
            where = _stage_named(journey, item_on.group("where"))
            what = item_on.group("what") if where is not None else what
    if where is None:
        split = _split_at_kind(journey, intent, text)
        if split is not None:  # "onboarding pain point CSV import fails", "kpi for the demo
            where, what = split  # stage: demo show rate", "the payroll one needs a pain point, X"
    if where is None:
        return None
    as_name = intent in ("add_touchpoint", "add_kpi", "add_owner")
    what = _clean_value(_TAIL.sub("", " ".join(what.split())), name=as_name)
    what = _ASKING.sub("", what)
    if intent != "add_owner":  # the kind's word, not a word of the thing ("slack channel")
        what = _kind_words_out(what) if not _NAMED_THING.search(what) else what
    what = what.strip(_Q + " :-–—?")
    what = re.sub(r"^(?:the\s+)?of\s+", "", " ".join(what.split()))  # "the idea of X"
    if intent != "add_pain_point":  # "X, lots of patients ask about it": a remark on X
        what = _REMARK.sub("", what)
    quoted = _QUOTED.search(text)
    if quoted and "QUOTED" in what:
        what = what.replace("QUOTED", quoted.group("q"))
        what = quoted.group("q") if _KIND_WORDS.sub("", what).strip() == quoted.group("q") else what
    if quoted and (not what or what.strip(_Q + " ").lower() == quoted.group("q").lower()):
        what = quoted.group("q")  # the quoted words are the item, not a part of it
    elif (
        quoted
        and intent in ("add_kpi", "add_owner")
        and (
            quoted.group("q") not in what
            or re.search(
                r"\b(?:add|put|log|track|measure|include)\b", what.split(quoted.group("q"))[0], re.I
            )
        )
    ):
        what = quoted.group("q")  # "our board only cares about X, so add 'days to go-live'"
    what = re.sub(
        r"^(?:an?\s+that|that|how(?!\s+(?:many|much|long|often|quickly|fast|soon)\b)|"
        r"the fact that|our|my|we could|we should|we can|we might|maybe|"
        r"perhaps|\+\s*|"
        r"(?:we\s+)?(?:want|need|would like|'d like)\s+to\s+(?:track|measure|monitor)|"
        r"(?:the\s+)?(?:frustration|complaint|problem|issue|pain(?:\s*point)?|idea|"
        r"opportunity)\s+that|(?:we\s+)?(?:should\s+)?(?:be\s+)?track(?:ing)?|do\s+an?|"
        r"(?:set|change|make|put)\s+(?:it|that|this)\s+(?:(?:to|as|down as)\b)?|"  # not To|masz
        r"(?:in|at|for)\s+(?:the\s+)?" + re.escape(journey.stages[where].name.lower()) + r"\s+"
        r"(?:we could|we should|we can)?)\s*",
        "",
        what,
        flags=re.I,
    )
    what = re.sub(  # "Priya (thats me)" is an aside; "Jess (social media)" says who she is
        r"\s*\((?:that'?s|thats|me|i\b|i'm|im|lol|ha|maybe|i think)[^)]*\)\s*$",
        "",
        what,
        flags=re.I,
    )
    if intent == "add_pain_point":  # "... which drives people mad full stop": the feeling
        what = re.sub(
            r"\s+which\s+(?:drives|makes|means|causes|gets|is)\b.*$", "", what, flags=re.I
        )
        what = _REPORTED.sub("", what)  # "patients say X": X is the pain point
    elif intent == "add_kpi":  # "Leadership keeps asking about the share of …": the share
        reported = _REPORTED.sub("", what)
        if reported != what:
            what = re.sub(r"^(?:the|a|an)\s+", "", reported, flags=re.I)
    what = re.sub(r",?\s+so$", "", what, flags=re.I)  # "X, so (add that as ...)"
    if intent == "add_owner":
        what = _owner_name(
            re.sub(r"^(?:as\s+)?(?:an?\s+|the\s+)?(?:owner\s+)?", "", what, flags=re.I)
        )
        if len(what.split()) > 5 or re.search(  # "merge first payroll into onboarding since
            r"\b(?:merge|add|remove|delete|rename|move|split|combine|into)\b", what, re.I
        ):  # the manager runs it": a request, not who owns a stage
            return None
    what = _clean_value(
        re.sub(
            r"\s+(?:at|on|in|for|to)\s+(?:the\s+)?[\w' -]{1,30}?\s+stage$", "", what, flags=re.I
        ),
        name=as_name,
    )  # "repeat order rate at the last stage"
    if len(what) < 2 or _KIND_WORDS.fullmatch(what):  # "add owner to the hygenist stage"
        return None
    stage = journey.stages[where].name
    args: dict[str, object] = {"stage": stage}
    key = {"add_touchpoint": "name", "add_kpi": "name", "add_owner": "owner"}.get(intent, "text")
    args[key] = what[:1].upper() + what[1:]
    return intent, args


_ASIDE = re.compile(
    r"\s*(?:[,;]|\s[-–]\s|\s(?:she|he|they|who|because|since|cos|as\s+(?:she|he|they))\b).*$",
    re.IGNORECASE,
)


def _owner_name(said: str) -> str:
    """Who owns a stage, without what was said around it: "Priya, she runs our insta" ->
    "Priya"; "now that we've hired a CS team, Customer Success" -> "Customer Success";
    "reception team down" (put ... down as owner) -> "reception team"."""
    said = (
        said.rsplit(", ", 1)[-1]
        if re.match(r"^(?:now|since|as|because|after)\b", said, re.I)
        else said
    )
    said = re.sub(r"\s+down$|\s+as(?:\s+(?:the|an?))?(?:\s+stage)?(?:\s+owner)?$", "", said.strip(),
                  flags=re.I)  # fmt: skip
    named = re.match(  # "Sarah, the practice manager": who she is stays with her name
        r"^(?P<who>[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+)?,\s+(?:the|our)\s+[\w -]{3,30}?)[,.]?$", said
    )
    if named is not None:
        return named["who"]
    said = re.sub(  # "owner: Nurse Aoife", "make it Priya", "his name is Khalid"
        r"^(?:owner\s*[:=-]\s*|(?:make|set|put)\s+(?:it|that|this)\s+(?:to\s+)?|"
        r"(?:his|her|their)\s+name\s+is\s+)",
        "",
        said,
        flags=re.I,
    )
    said = _ASIDE.sub("", said)
    said = re.sub(  # "Tom in the shop", "Khalid from the contact centre": Tom, Khalid
        r"^(?P<name>[A-Z][a-z]+)\s+(?:in|at|from|on)\s+(?:the|our)\s+\w+(?:\s+\w+)?$",
        r"\g<name>",
        said.strip(),
    )
    return re.sub(r"\s+down$", "", said.strip(), flags=re.I)


# --- two stages at once: merging and splitting -------------------------------------------------

_MERGE_VERB = re.compile(
    r"^.*?\b(?:merge|merging|mergee|combine|combining|join|joining|fold|folding|collapse|"
    r"squash|squish|mash|smoosh|roll|put|bring|make)\b\s*(?:together\s+)?(?:the\s+)?",
    re.IGNORECASE,
)
_MERGE_NAME = re.compile(
    r"(?:,\s*|\s+|\s*[-–(]\s*)(?:and\s+)?"
    r"(?:(?:into\s+)?(?:one|a single(?: stage)?|a new stage|a stage)\s+)?"
    r"(?:called|named|titled|new name|name it|call it|and call (?:it|the result))\s*:?\s*"
    r"(?P<name>.+)$",
    re.IGNORECASE,
)
_JOINERS = re.compile(
    r"\s*(?:,|&|\+|/|\band\b|\bwith\b|\binto\b|\bonto\b|\bin with\b|\bto\b)\s*", re.IGNORECASE
)
_MERGE_TAIL = re.compile(
    r"(?:^|\s+)(?:together|in(?:to)? one(?: stage)?|in(?:to)? a single(?: stage)?|"
    r"as one(?: stage)?|(?:are|is|feel|seem|overlap)\b.*|stages?|steps?|bits?|ones?)\s*$",
    re.IGNORECASE,
)
_WORD_NUMBERS = {"two": 2, "2": 2, "three": 3, "3": 3}


def _stages_said(journey: JourneyMap, text: str) -> list[int]:
    """The stages a phrase names, in the order said: whole stage names first (a name may hold
    'and': 'Order and pay'), then the rest cut at 'and', 'with', commas, each read by name,
    position or spelling ('2 and 3', 'the first two', 'the waiting and collection stages')."""
    low = " ".join(text.lower().split())
    count = len(journey.stages)
    group = re.search(r"\b(first|last|final)\s+(two|2|three|3)\b", low)
    if group:
        n = min(_WORD_NUMBERS[group.group(2)], count)
        return list(range(n)) if group.group(1) == "first" else list(range(count - n, count))
    found: list[tuple[int, int]] = []  # (where said, stage)
    names = [s.name.strip().lower() for s in journey.stages]
    for i in sorted(range(count), key=lambda n: -len(names[n])):
        match = re.search(rf"(?<!\w){re.escape(names[i])}(?!\w)", low)
        if match:  # a whole name first: it may hold 'and' or a position word ('First payroll')
            found.append((match.start(), i))
            low = low[: match.start()] + "#" * len(match.group(0)) + low[match.end() :]
    for part in _JOINERS.split(_POLITE.sub("", low)):
        left = re.sub(r"#+|\b(?:the|a|an|stage|step|one|bit|part|where|when|with|they|people)\b",
                      " ", part)  # fmt: skip
        if "#" in part and not left.strip(" .,!?"):  # "the stage where they book a demo": the
            continue  # name said is the stage
        part = _MERGE_TAIL.sub("", part.strip(" .,!?")).strip()
        part = re.sub(r"^(?:the|stages?|steps?)\s+", "", part)
        if not part or part in ("stage", "stages", "one", "them", "those", "these", "it"):
            continue
        number = re.fullmatch(r"(?:stage|step|no\.?|#)?\s*(\d{1,2})", part)
        where = (
            int(number.group(1)) - 1
            if number and 1 <= int(number.group(1)) <= count
            else _stage_named(journey, part)
            if not number
            else None
        )
        if where is not None and where not in [f[1] for f in found]:
            found.append((text.lower().find(part) if part in text.lower() else 10_000, where))
    return [stage for _, stage in sorted(found)]


def _named_outright(journey: JourneyMap, text: str, index: int) -> bool:
    """Whether a text names a stage by its whole name or a near spelling of it."""
    name = journey.stages[index].name.lower()
    low = text.lower()
    if re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", low):
        return True
    words = re.findall(r"[a-z0-9'-]+", low)
    size = len(name.split())
    grams = [" ".join(words[i : i + size]) for i in range(len(words) - size + 1)]
    return bool(difflib.get_close_matches(name, grams, n=1, cutoff=0.85))


def _merge(journey: JourneyMap, text: str) -> tuple[str, dict[str, object]] | None:
    """'merge the first two stages', 'combine the waiting and collection stages into one',
    'fold Celebrate into Review and reorder, new name "After the party"'."""
    name = None
    text = _REASON_AFTER.sub("", text) or text  # "merge X into Y since the manager runs it"
    said_all = text
    asked = re.split(
        r",\s+(?=(?:the|we|they|it|our|as|because|since|cos|so)\b)"
        r"|\s+[-–—]\s+(?!(?:and\s+)?(?:call|name|called|named)\b)",
        text,
    )[0]
    first_sentence = re.split(r"(?<=[.?!])\s+", text.strip())[0]
    if first_sentence != text.strip() and re.search(  # "can check up and treatment plan be
        r"\bbe\s+(?:one|a\s+single|the\s+same)\s+(?:stage|step)\b",
        first_sentence,
        re.I,  # one
    ):  # stage? they happen in the same appointment": the reason says no stage
        asked = first_sentence
    merging = re.search(
        r"\b(?:merge|combine|join|mash|fold)\b|\bbe\s+(?:one|a\s+single)\s+(?:stage|step)\b",
        asked,
        re.I,
    )
    if merging and len(_stages_said(journey, asked)) >= 2:
        text = asked  # "merge check-up and treatment plan, the dentist does both in one visit"
    named = _MERGE_NAME.search(text)
    if named:
        quoted = _QUOTED.search(named.group("name"))
        name = (quoted.group("q") if quoted else _TAIL.sub("", named.group("name"))).strip(
            _Q + " .!?"
        )
        text = text[: named.start()]
    into = re.search(
        rf"\b(?:into|as)\s+(?:a\s+(?:new\s+)?(?:stage\s+)?)?[{_Q}](?P<q>[^{_Q}]+)[{_Q}]", text
    ) or re.search(  # "merge them into Go-live"
        r"\b(?:them|those|these|both|the two|"
        r"(?:the\s+)?(?:first|last|final)\s+(?:two|2)(?:\s+stages)?)"
        r"\s+(?:together\s+)?(?:into|as)\s+(?!one\b|a\b)"
        r"(?P<q>[A-Z][\w&' -]{1,40}?)\s*[.!?]?$",
        text,
    )
    if into and not name:
        name, text = into.group("q").strip(), text[: into.start()]
    numbers = re.search(r"\bstages?\s+(\d{1,2})\s*(?:and|&|\+|,|-|to)\s*(\d{1,2})\b", text, re.I)
    if numbers and all(1 <= int(n) <= len(journey.stages) for n in numbers.groups()):
        first, second = sorted(int(n) - 1 for n in numbers.groups())  # "stages 6 and 7 -> merge"
        if first != second:
            return "merge_stages", {
                "first": journey.stages[first].name,
                "second": journey.stages[second].name,
                **({"name": name[:1].upper() + name[1:]} if name else {}),
            }
    ends = re.search(
        r"\b(?:the\s+)?(first|last|final)\s+(?:two|2)(?:\s+(?:stages|steps|ones))?\b",
        said_all,
        re.I,
    )
    if ends and len(journey.stages) >= 2:  # "the leadership team would prefer the last two
        first = 0 if ends.group(1).lower() == "first" else len(journey.stages) - 2  # stages
        return (
            "merge_stages",
            {  # combined into one. Would you be able to merge them?"
                "first": journey.stages[first].name,
                "second": journey.stages[first + 1].name,
                **({"name": name[:1].upper() + name[1:]} if name else {}),
            },
        )
    said = _MERGE_VERB.sub("", text)
    stages = _stages_said(journey, said)
    if not stages:  # "Contract and onboarding overlap a lot, mash them together"
        before = re.sub(r"[,.;]?[^,.;]*$", "", text) or text
        stages = [i for i in _stages_said(journey, before) if _named_outright(journey, before, i)]
    if len(stages) == 1:  # "merge Celebrate with the next one"
        step = (
            1
            if re.search(r"\b(?:next|following)(?:\s+(?:one|stage))?\b|\bone after\b", said, re.I)
            else -1
            if re.search(
                r"\b(?:previous|preceding)(?:\s+(?:one|stage))?\b|\bone before\b", said, re.I
            )
            else 0
        )
        if step and 0 <= stages[0] + step < len(journey.stages):
            stages.append(stages[0] + step)
    if len(stages) != 2:
        return None
    first, second = sorted(stages)
    args: dict[str, object] = {
        "first": journey.stages[first].name,
        "second": journey.stages[second].name,
    }
    if name:
        args["name"] = name[:1].upper() + name[1:]
    return "merge_stages", args


_SPLIT = re.compile(
    r"\b(?:split|splitting|break|breaking|divide|dividing|separate|cut|chop)\s+(?:up\s+)?"
    r"(?P<stage>.+?)\s*(?:\bup\b\s*)?"
    r"(?:\b(?:into|(?:in|to)(?!.*\binto\b))\b\s*(?:two|2)?\s*(?:stages?|steps?|parts?|bits?)?\s*:?\s*(?P<parts>.*)"
    r"|(?::|\s[-–—]|(?<=\w)–|\s*(?:→|->|=>))\s*(?P<listed>.+)|$)",
    re.IGNORECASE,
)
_PART_JOIN = re.compile(r"\s*(?:,|/|\+|&|\band\b|\bthen\b)\s*", re.IGNORECASE)


_TWO_STAGES = re.compile(
    r"^(?P<stage>.+?)\s*(?:(?:->|→|=>|:)\s*(?:pls\s+|please\s+)?(?:split|break|divide)"
    r"(?:\s+(?:it|this|that))?(?:\s+up)?\s+(?:into|in)(?:\s+(?:2|two))?(?:\s+(?:stages|steps|"
    r"parts))?|\s(?:should|could|needs? to|has to|must)\s+(?:really\s+|probably\s+|actually\s+)?"
    r"be\s+"
    r"(?:(?:2|two)\s+(?:stages|steps)|"
    r"(?:split|broken|divided|cut)\s+(?:up\s+)?(?:into|in)(?:\s+(?:2|two))?(?:\s+(?:stages|steps|"
    r"parts))?)|(?:needs?|could do with|wants?)\s+(?:splitting|breaking up|dividing)"
    r"(?:\s+(?:into|in)(?:\s+(?:2|two))?)?)"
    r"\s*(?:[:\-–—]|,)?\s*(?P<parts>.*)$",
    re.IGNORECASE,
)  # "X should be two stages: A and B", "X should be split into A and B", "X needs splitting - A
# and B"


def _split(journey: JourneyMap, text: str) -> tuple[str, dict[str, object]] | None:
    """'split Order and pay into Order and Pay', 'break the trial up into "Set up" and
    "Run payroll"'. Both parts must be named (the assistant asks otherwise)."""
    text = re.sub(  # "The Booking stage, I want to divide in two: …": the stage said first
        r"\b(split|divide|break|cut)\s+(?=(?:in|into)\s+(?:two|2)\b)", r"\1 it ", text, flags=re.I
    )
    for stage in sorted(journey.stages, key=lambda s: -len(s.name)):  # "Split Move in in two:
        named = re.search(  # …": the stage's whole name, even with "in" in it
            rf"\b(?:split|break|divide|separate)\s+(?:up\s+)?(?:the\s+)?{re.escape(stage.name)}"
            rf"(?:\s+(?:stage|step))?\s+(?=in\b|into\b|up\b|:)",
            text,
            re.I,
        )
        if named is not None:  # said by its place, which no "in" can cut short
            rest = re.sub(  # "up into two stages, A and B"
                r"^(?:up\s+)?(?:into|in)\b(?:\s+(?:two|2))?(?:\s+(?:stages?|parts?|steps?))?"
                r"\s*[:,]?\s*",
                "",
                text[named.end() :],
                flags=re.I,
            )
            number = journey.stages.index(stage) + 1
            text = f"{text[: named.start()]}split stage {number} into {rest}"
            break
    two = _TWO_STAGES.match(text)
    match = _SPLIT.search(f"split STAGE into {two.group('parts')}" if two else text)
    if match is None or (two and not two.group("parts")):
        return None
    said = two.group("stage") if two else match.group("stage")
    said = re.sub(r"^(?:the\s+)?|\s+(?:stage|step|one|bit|up)$", "", said.strip())
    where = _stage_named(journey, said)
    if where is None and said.lower() in _PRONOUNS:  # "Onboarding does too much. Split it..."
        where = find_stage(journey, text[: match.start()]) if match.start() else None
    if where is None:
        return None
    parts_text = (match.group("parts") or match.group("listed") or "").strip(" -–—:>→=")
    if match.group("parts"):  # "into Legal review and Signature - legal takes weeks": a remark
        parts_text = re.split(r"\s+[-–—]\s+|[.;!?]\s", parts_text)[0]
    parts_text = re.split(  # "into instagram and word of mouth, they're really different"
        r",\s*(?:they|they'?re|it|it'?s|we|there|that|this|as|because|since|so|which)\b",
        parts_text,
        flags=re.I,
    )[0]
    parts_text = re.split(r"\s+(?:because|cause|cos|since)\s+", parts_text, flags=re.I)[0]
    quoted = [m.group("q") for m in _QUOTED.finditer(parts_text)]
    parts = quoted if len(quoted) == 2 else []
    if not parts and parts_text:
        listed = re.sub(r"^(?:one for|one)\s+", "", parts_text, flags=re.I)
        pieces = [_POLITE.sub("", p).strip(_Q + " .!?") for p in _PART_JOIN.split(listed)]
        if len(pieces) > 2:  # "Health check and Vaccination & microchip": "&" inside a name
            pieces = [
                _POLITE.sub("", p).strip(_Q + " .!?")
                for p in re.split(r"\s*(?:,|/|\band\b|\bthen\b)\s*", listed, flags=re.I)
            ]
        pieces = [  # "one called Clean up and one called Return the key"
            re.sub(
                r"^(?:(?:(?:the\s+)?(?:first|second|other|another|one|a|an)\s+)?(?:called|named)|the|a|"
                r"an|one for|one)\s+",
                "",
                p,
                flags=re.I,
            )
            for p in pieces
            if p
        ]
        remark = re.compile(r"(?:there'?s|it'?s|we|they|i|you|this|that)\b", re.I)
        saying = re.compile(r"\b(?:are|is|was|were|takes?|happens?|feels?)\b", re.I)
        while len(pieces) > 2 and saying.search(pieces[-1]):  # "A and B, the experience is
            pieces = pieces[:-1]  # totally different": a remark after the two names
        parts = (  # "reviewing and reordering are months apart": a remark, not two names
            pieces
            if len(pieces) == 2
            and all(len(p) <= 40 and not remark.match(p) and not saying.search(p) for p in pieces)
            else []
        )
    if len(parts) != 2:
        return None
    first, second = (p[:1].upper() + p[1:] for p in parts)
    return "split_stage", {"stage": journey.stages[where].name, "first": first, "second": second}


_CHANNEL_WORDS = {
    "email", "emails", "e-mail", "sms", "text", "texts", "phone", "call", "calls", "social",
    "media", "chat", "post", "letter", "app", "web", "website", "ads", "paid", "whatsapp",
}  # fmt: skip
_REMOVE_LEAD = re.compile(
    r"^.*?\b(?:remove|delete|drop|bin|scrap|ditch|kill|lose|get rid of|take(?:\s+out)?|take off|"
    r"strip(?:\s+out)?|cut)\b\s*",
    re.IGNORECASE,
)


def _remove_touchpoint(journey: JourneyMap, text: str) -> tuple[str, dict[str, object]] | None:
    """'take email off the wait stage', 'we don't use LinkedIn, remove it from problem
    recognition', 'delete the recall sms'. The touchpoint by its name on the map (or a kind of
    channel), the stage by name, or the only stage that has such a touchpoint."""
    from ..vocab import infer_channel

    low = " ".join(text.lower().split())
    # the reason after the request is no part of it: "…, we're switching everyone to email"
    remark = re.search(
        r"[,;]\s+(?:we|we're|we've|they|they're|since|because|cos|as|that's|thats|it's|its|our|"
        r"nobody|no one|shopify|it)\b.*$",
        low,
    )
    if remark and not re.search(
        r"\b(?:remove|delete|drop|bin|scrap|ditch|get rid of|"
        r"take (?:it |that |them )?(?:off|out))\b",
        remark.group(0),
    ):
        low = low[: remark.start()]
    touchpoints = [(i, t) for i, s in enumerate(journey.stages) for t in s.touchpoints]
    named: list[tuple[float, int, Touchpoint]] = []
    words = set(re.findall(r"[a-z0-9']{3,}", low)) - _SKIP - {"remove", "delete", "touchpoint"}
    said_stage = find_stage(journey, low)
    if said_stage is not None:  # "no social media at the review stage": 'review' is the stage
        words -= set(re.findall(r"[a-z0-9']{3,}", journey.stages[said_stage].name.lower()))
    for i, point in touchpoints:
        name = point.name.lower()
        own = set(re.findall(r"[a-z0-9']{3,}", name))
        if re.search(rf"(?<!\w){re.escape(name)}(?!\w)", low):
            named.append((3, i, point))
        elif own and own & words and len(own & words) >= max(1, len(own) // 2):
            named.append((len(own & words) / len(own), i, point))
    where_text = re.split(r"\b(?:from|off|in|on|at|under|out of)\s+", low)  # "the part where…"
    stage = None
    if len(where_text) > 1:
        place = re.sub(r"\s+(?:stage|step|bit|column)\b.*$", "", where_text[-1]).strip(" .!?")
        stage = _stage_named(journey, place) if place else None
    if stage is None:
        head = _REMOVE_LEAD.sub("", low)
        stage = find_stage(journey, head) if named == [] else None
    if stage is None and named == []:  # "nobody reads the onboarding emails, remove email
        # from that stage", "switched off live chat during the trial so take it off the map"
        stage = find_stage(journey, re.sub(r"\b(?:the|this|our)\s+(?:map|journey)\b", "", low))
    bare = infer_channel(_REMOVE_LEAD.sub("", low))
    if bare is None and set(re.findall(r"[a-z-]+", low)) & _CHANNEL_WORDS:
        bare = infer_channel(low)  # "no social media at the review stage please, take it out"
    if named and bare is not None and not any(score == 3 for score, _, _ in named):
        shared = {w for _, _, p in named for w in re.findall(r"[a-z0-9']{3,}", p.name.lower())}
        if not (shared & words) - _CHANNEL_WORDS:  # "take email off the wait stage": a channel
            named = []
    if named:
        best = max(score for score, _, _ in named)
        top = [(i, p) for score, i, p in named if score == best]
        if stage is not None:
            here = [p for i, p in top if i == stage]
            if here:
                return "remove_touchpoint", {
                    "stage": journey.stages[stage].name,
                    "name": here[0].name,
                }
        stages_with = {i for i, _ in top}
        if len(stages_with) == 1 and (stage is None or stage in stages_with):
            i, point = top[0]
            return "remove_touchpoint", {"stage": journey.stages[i].name, "name": point.name}
    if stage is None:
        return None
    if bare is None:
        return None
    return "remove_touchpoint", {"stage": journey.stages[stage].name, "channel": bare.value}


# --- personas by name ---------------------------------------------------------------------------

_PERSONA_FIELDS = {
    "goal": "goals", "goals": "goals", "aim": "goals", "wants": "goals", "want": "goals",
    "need": "needs", "needs": "needs", "frustration": "frustrations",
    "frustrations": "frustrations", "pain": "frustrations", "pains": "frustrations",
    "gripe": "frustrations", "behaviour": "behaviours", "behaviours": "behaviours",
    "behavior": "behaviours", "behaviors": "behaviours", "habit": "behaviours",
    "motivation": "motivations", "motivations": "motivations", "objection": "objections",
    "objections": "objections", "worry": "objections", "worries": "objections",
    "quote": "quote", "role": "role", "job": "role", "channels": "channels",
    "channel": "channels",
}  # fmt: skip
_FIELD_WORDS = "|".join(sorted(_PERSONA_FIELDS, key=len, reverse=True))


def removes_whole_stage(journey: JourneyMap, text: str) -> bool:
    """Whether a message removes a stage said by its whole name, with nothing taken from it
    ("delete Register online, nobody registers online": the stage, though "online" is a
    channel)."""
    low = " ".join(text.lower().split())
    return any(
        re.match(
            r"^(?:(?:pls|please|can you|could you|just)\s+)?(?:delete|remove|drop|bin|scrap|"
            rf"ditch)\s+(?:the\s+)?{re.escape(stage.name.lower())}(?:\s+(?:stage|step))?"
            r"\s*(?:[,.;!]|-\s|$)",
            low,
        )
        for stage in journey.stages
    )


def persona_said(names: list[str], message: str) -> bool:
    """Whether a message names a persona by its whole name or its given name ("Sita's",
    "pams"), not only by a word that describes it ("doodles" of "Anxious Doodle Owner Anna")."""
    low = " ".join(message.lower().split())
    return any(
        name.lower() in low
        or re.search(rf"\b{re.escape(name.lower().split()[-1])}(?:'s|’s|s)?\b", low)
        for name in names
        if name.split()
    )


# Two personas set side by side
_COMPARING = re.compile(
    r"\b(?:vs\.?|versus|compare[sd]?|comparing|differ|differs|different|difference|diff|"
    r"side by side|against each other)\b",
    re.IGNORECASE,
)


def compares_personas(names: list[str], message: str) -> bool:
    """Whether a message sets two of the personas against each other ("mike vs sita whats
    the diff")."""
    return len(personas_named(names, message)) >= 2 and bool(_COMPARING.search(message))


def personas_named(names: list[str], message: str) -> list[int]:
    """The personas a message names, in the order said: by whole name, by a word of the name
    ('Becky' for 'Busy Becky') or a near spelling of one."""
    low = " ".join(message.lower().split())
    said: list[tuple[int, int]] = []
    words = [re.sub(r"['’]s$", "", w) for w in re.findall(r"[a-z0-9'’-]+", low)]  # "Sita's"
    given = {n.split()[-1].lower() for n in names if n.split()}  # "pams": Pam's
    words = [w[:-1] if w.endswith("s") and w[:-1] in given else w for w in words]
    for i, name in enumerate(names):
        full = name.lower()
        at = low.find(full)
        if at < 0:  # a word of the name, or a near spelling of one: "Becky", "Fional"
            parts = [w for w in re.findall(r"[a-z0-9'-]+", full) if len(w) >= 4]
            last = full.split()[-1] if len(full.split()) > 1 else ""
            if 3 <= len(last) < 4 and last in words:  # a short given name said alone: "Tom"
                spot = re.search(rf"\b{re.escape(last)}", low)
                said.append((spot.start() if spot else 0, i))
                continue
            close = [difflib.get_close_matches(w, words, n=1, cutoff=0.85) for w in parts]
            spots = [low.find(c[0]) for c in close if c]
            if not spots:
                continue
            at = min(spots)
        said.append((at, i))
    return [i for _, i in sorted(said)]


# Words in single quotes that hold an apostrophe of their own, to the message's end: "add
# 'can't get through on the phone at lunchtime'"
_QUOTED_TO_END = re.compile(
    r"(?:(?<=\s)|^|(?<=:))['‘](?P<q>[^'‘’]*['’][^'‘’]*(?:['’][^'‘’]*)*?)['’]\s*[.!?]?$"
)
# What a persona's part is made instead: "Mike's role is wrong, make it Facilities director"
_MAKE_IT = re.compile(
    r"\b(?:make\s+it|change\s+it\s+to|it\s+should\s+be|should\s+be|put)\s+(?P<what>.+)$",
    re.IGNORECASE,
)


def _field_said(bare: str) -> str | None:
    """The persona part a message names, its spelling slips read too ("frustations",
    "qoute")."""
    field = re.search(rf"\b({_FIELD_WORDS})\b", bare, re.IGNORECASE)
    if field is not None:
        return _PERSONA_FIELDS[field.group(1).lower()]
    for word in re.findall(r"[a-z]{5,}", bare.lower()):
        near = difflib.get_close_matches(word, list(_PERSONA_FIELDS), n=1, cutoff=0.8)
        if near:
            return _PERSONA_FIELDS[near[0]]
    return None


# Words that name a persona's part only beside its name: "want", "job", "pain", "worry"
_LOOSE_FIELDS = {"want", "wants", "aim", "job", "pain", "pains", "gripe", "worry", "worries",
                 "need", "habit", "goal"}  # fmt: skip


def quoted_for_a_part(message: str) -> bool:
    """Whether a message puts words in quotes for a part it names outright ("add 'prefers a
    female instructor' to her needs", "frustations: add '…'"): the signs of a persona edit when
    the persona is only described ("the nervous one"); "a 'growth plan'" after a download is
    none."""
    text = " ".join(message.split()).rstrip(" .!")
    quoted = _QUOTED_TO_END.search(text) or _QUOTED.search(text)
    if quoted is None:
        return False
    bare = text[: quoted.start()] + " " + text[quoted.end() :]
    strict = {w: f for w, f in _PERSONA_FIELDS.items() if w not in _LOOSE_FIELDS}
    words = re.findall(r"[a-z]+", bare.lower())
    return any(w in strict for w in words) or any(
        difflib.get_close_matches(w, list(strict), n=1, cutoff=0.8) for w in words if len(w) >= 5
    )


def persona_edit(
    names: list[str], message: str, roles: list[str] | None = None
) -> tuple[int, str, str] | None:
    """(persona, field, text) for "add 'needs approval from the CFO' to Finance Fiona's
    objections", "Busy Becky's quote should be 'I just want it to look amazing'", "Nervous
    Nick's goal should be a pain-free check-up", "the cat owner: change her quote to '…'" (the
    persona whose name says most of it) or "the consultant persona's objections: …" (by its
    ``roles``); ``None`` when a detail is missing."""
    text = " ".join(message.split()).rstrip(" .!")
    quoted = _QUOTED_TO_END.search(text) or _QUOTED.search(text)
    bare = text[: quoted.start()] + " " + text[quoted.end() :] if quoted else text
    who = personas_named(names, bare)
    if len(who) > 1:
        who = _most_named(names, bare, who)
    if not who and roles:
        who = _described(names, roles, bare)
    field_name = _field_said(bare)  # not in the quoted words
    if len(who) != 1 or field_name is None:
        return None
    said = quoted.group("q") if quoted else ""
    if not said and (made := _MAKE_IT.search(text)):  # "… role is wrong, make it X"
        said = made.group("what")
    if not said:
        told = re.search(
            rf"\b(?:{_FIELD_WORDS})\s*(?:(?:should|shd|shld|must|needs? to)\s+(?:be|say|read|"
            rf"include|mention|have)|is|are|=|\+=|:|to|->|→|[-–—])\s*(?P<what>.+)$",
            text,
            re.I,
        ) or re.search(
            rf"^(?:add|put|include|note)\s+(?P<what>.+?)\s+(?:to|as|under)\s+.+?\b(?:{_FIELD_WORDS})\b",
            text,
            re.IGNORECASE,
        )
        said = told.group("what") if told else ""
    said = _TAIL.sub("", said).strip(_Q + " .:")
    said = re.sub(  # "evening appointments after 6pm, she can't leave work earlier": why
        r",\s+(?:she|he|they)(?:'s|'re|'ll)?\s+[a-z']+\b.*$"
        r"|,?\s+(?:because|since|as)\s+(?:she|he|they)\b.*$",
        "",
        said,
        flags=re.I,
    ).strip(" ,.")
    if len(said) < 2:
        return None
    return who[0], field_name, said


def _most_named(names: list[str], said: str, who: list[int]) -> list[int]:
    """Of several personas a message names by words of their names, the one it says most of
    ("the cat owner": "Busy Cat Owner Ciara", not "First-Time Puppy Owner Padraig")."""
    words = set(re.findall(r"[a-z0-9'-]+", said.lower()))
    shared = [len(words & set(re.findall(r"[a-z0-9'-]+", names[i].lower()))) for i in who]
    best = max(shared)
    return [who[shared.index(best)]] if shared.count(best) == 1 else who


def _described(names: list[str], roles: list[str], said: str) -> list[int]:
    """The one persona whose name and role share the most words with how the message
    describes it ("the consultant persona" and "Consulting engineer … who writes the
    specification"), when one does more than any other."""
    from .content import akin, content_words

    asked = content_words(said) - {"persona", "add", "goal", "need", "frustr", "quote"}
    shared = [
        sum(1 for w in asked for h in content_words(f"{n} {r}") if akin(w, h))
        for n, r in zip(names, roles, strict=True)
    ]
    best = max(shared, default=0)
    return [shared.index(best)] if best and shared.count(best) == 1 else []


# --- whose words a part of the map is ------------------------------------------------------

_FROM_THE_USER = re.compile(
    r"\b(?:(?:from|of|in|on)\s+what\s+i\s+(?:told|said|gave|wrote|sent)|i\s+(?:told|gave)\s+you|"
    r"did\s+i\s+(?:give|tell|say|mention)|came\s+from\s+me|come\s+from\s+me|"
    r"from\s+(?:my|the)\s+brief|are\s+mine|my\s+own\s+words|in\s+my\s+words)\b",
    re.IGNORECASE,
)
_ADDED_BY_YOU = re.compile(
    r"\b(?:you\s+(?:add|added|make\s+up|made\s+up|guess|guessed|invent|invented|assume|assumed|"
    r"fill\s+in|filled\s+in|come\s+up\s+with|came\s+up\s+with)|"
    r"guess(?:es|ed|work)?|inferred|made\s+up|assumptions?|not\s+from\s+me|didn'?t\s+(?:tell|"
    r"say|give)|never\s+(?:told|said|gave))\b",
    re.IGNORECASE,
)
_WHERE_MINE = re.compile(
    r"\b(?:where|which\s+stage|what\s+stage)\b.{0,40}\b(?:my|our)\s+(?:main\s+|stated\s+|own\s+)?"
    r"(?:problem|problems|issue|issues|pain|pains|goal|target)\b",
    re.IGNORECASE,
)
_MAP_PART = {
    "touchpoints": r"touch\s*points?|channels?",
    "pain_points": r"pain\s*points?|pains?|problems?",
    "opportunities": r"opportunit(?:y|ies)|ideas?|fixes",
    "kpis": r"kpis?|measures?|metrics?",
}


def asked_whose(message: str) -> tuple[str, str | None] | None:
    """A question about whose words parts of the map are ("which touchpoints come from what I
    told you?", "what did you make up?"), as ("user" or "inferred", the part asked about or
    None for all of it; "problem" for where the user's problem and goal sit); None for any
    other message."""
    if not re.search(r"\?|^\s*(?:which|what|show|list|tell)\b", message, re.IGNORECASE):
        return None
    whose = (
        "inferred"
        if _ADDED_BY_YOU.search(message)
        else "user"
        if _FROM_THE_USER.search(message)
        else None
    )
    if whose is None and _WHERE_MINE.search(message):  # "where does my problem sit on the
        return "user", "problem"  # map?": the user's pain points and the KPIs measuring them
    if whose is None:
        return None
    part = next(
        (
            name
            for name, words in _MAP_PART.items()
            if re.search(rf"\b(?:{words})\b", message, re.I)
        ),
        None,
    )
    return whose, part
