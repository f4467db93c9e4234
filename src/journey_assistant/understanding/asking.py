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
# A request that points back at what was said before it ("put that in as a pain point", "so
# could you add that as a pain point on the plan stage?", "Would you mind adding that as an
# opportunity?", "pop it on"): what "that" is, the other sentences say
_POINTS_BACK = re.compile(
    r"^(?:(?:so|and|ok|okay)[,\s]+)?(?:(?:can|could|would|will)\s+(?:you|u)\s+(?:please\s+|pls\s+|"
    r"possibly\s+|kindly\s+)?|would\s+you\s+mind\s+|(?:please|pls|kindly)\s+)?"
    r"(?P<verb>add|adding|put|putting|log|logging|pop|popping|stick|sticking|note|noting|chuck|"
    r"include|including|record|recording|capture|capturing|make)\s+"
    r"(?P<it>it|that|this|those|these)\b(?P<rest>.*)$",
    re.IGNORECASE,
)
# A full stop after a title or a short abbreviation does not end a sentence
_NOT_AN_END = re.compile(r"(?:\b(?:dr|mr|mrs|ms|st|etc|vs|approx|no)|\b[a-z]\.[a-z])\.$", re.I)


def message_sentences(text: str) -> list[str]:
    """A chat message's sentences, split at '.', '!' or '?' followed by a space, each keeping
    its end mark. Unlike ``brief.sentences`` (made for briefs), a dash or a semicolon does not
    end one: "X would help - add it as an opportunity" is one request."""
    said: list[str] = []
    for part in re.split(r"(?<=[.!?])\s+", " ".join(text.split())):
        if said and _NOT_AN_END.search(said[-1]):
            said[-1] = f"{said[-1]} {part}"
        elif part.strip():
            said.append(part)
    return said


# Words typed short or slipped on a phone, spelled out before a message is read
_RESPELL = {
    "aftr": "after", "afer": "after", "atfer": "after", "b4": "before", "bfr": "before",
    "befor": "before", "bfore": "before", "teh": "the", "hte": "the", "rmv": "remove",
    "remve": "remove", "rmove": "remove", "remov": "remove", "delte": "delete", "dlt": "delete",
    "mv": "move", "mve": "move", "frm": "from", "renme": "rename", "rnm": "rename",
    "oppertunity": "opportunity", "oportunity": "opportunity", "opportunty": "opportunity",
    "opprtunity": "opportunity", "oppurtunity": "opportunity",
    "renmae": "rename", "reanme": "rename", "raname": "rename", "deleet": "delete",
    "remvoe": "remove",
    "spilt": "split", "mege": "merge", "merg": "merge", "stge": "stage", "satge": "stage",
    "sateg": "stage", "btwn": "between",
}  # fmt: skip
# and a CX lead's words for the plain ones the reader knows: "Sunset the Check-up stage",
# "Insert an Awareness phase upstream of Research", "Decompose Onboarding into …"
_RESPELL |= {
    "upstream of": "before", "downstream of": "after", "sunset": "remove", "decompose": "split",
    "reframe": "rename", "resequence": "move", "re-sequence": "move", "deprecate": "remove",
}  # fmt: skip
_SLIPS = re.compile(
    r"(?<![\w'])(?:" + "|".join(re.escape(k) for k in _RESPELL) + r")(?![\w'])", re.IGNORECASE
)
# Emoji and pictographs around a request ("pain pt for demo: sales guy talks 2 much 🙄"); a
# message of emoji alone ("👍") is kept as it is
_EMOJI = re.compile(r"\s*[\U0001F000-\U0001FAFF\u2600-\u27BF\uFE0F\u200D]+")
# An example given for a value: "to something a bit friendlier, like Spotting the problem",
# "a KPI for Browse cakes, say gallery-to-basket conversion"
_FOR_EXAMPLE = re.compile(
    r"\bto\s+something\s+(?:a\s+bit\s+|a\s+little\s+|more\s+|less\s+)?[\w-]+,?\s+"
    r"(?:like|such\s+as|e\.?g\.?,?|say)\s+"
    r"|,\s*(?:say|e\.?g\.?,?|like)\s+(?=[\w'-]+(?:\s+[\w'-]+){0,5}\s*[?.!]?$)",
    re.IGNORECASE,
)


def as_meant(text: str) -> str:
    """The message spelled out, its jargon, emoji, dictation and examples made plain, what it
    is set against dropped and its self-corrections made."""
    plain = respelled(text)
    bare = _EMOJI.sub("", plain).strip()
    plain = bare if bare else plain
    plain = _FOR_EXAMPLE.sub(lambda m: "to " if m.group(0)[:2].lower() == "to" else ": ", plain)
    return corrected(contrasted(undictated(plain)))


def respelled(text: str) -> str:
    """The message with short, slipped and jargon words spelled out ("mv research aftr demo"
    -> "move research after demo", "sunset X" -> "remove X"); only whole words, so "Advent"
    and "ads" stay."""
    return _SLIPS.sub(lambda m: _RESPELL[m.group(0).lower()], text)


# Words of dictation said aloud ("… two choosing a practice full stop")
_SPOKEN_MARKS = {"full stop": ".", "period": ".", "comma": ",", "question mark": "?",
                 "exclamation mark": "!", "colon": ":", "new line": " ",
                 "new paragraph": " "}  # fmt: skip
_SPOKEN = re.compile(
    r"\s*\b(?:" + "|".join(sorted(_SPOKEN_MARKS, key=len, reverse=True)) + r")\b", re.I
)
_DICTATED = re.compile(r"\b(?:full stop|comma|question mark|new line)\b", re.I)
# "two" heard for "to", unless it counts ("split it in two", "two stages")
_HEARD_TWO = re.compile(
    r"(?<!\bin )(?<!\binto )\btwo\b(?!\s+(?:parts?|stages?|halves|bits|pieces|steps|separate|"
    r"of|ones?|things|more)\b)(?=\s+\w)",
    re.I,
)


# A rename or a change that needs a "to" to say what it becomes
_RENAMING = re.compile(r"\b(?:rename|renamed|change|switch)\b", re.I)


def undictated(text: str) -> str:
    """A dictated message with its spoken punctuation written ("full stop" -> ".") and the
    "two" a phone hears for "to" put right; a typed message as it is ("comma" alone is no
    dictation unless "full stop", "question mark" or "new line" is said too)."""
    if not re.search(r"\b(?:full stop|question mark|new line)\b", text, re.I) and not (
        len(_DICTATED.findall(text)) >= 2
    ):
        if _RENAMING.search(text) and not re.search(r"\bto\b", text, re.I):
            return _HEARD_TWO.sub("to", text)  # "rename browse cakes two explore the range"
        return text
    said = _SPOKEN.sub(lambda m: _SPOKEN_MARKS[m.group(0).strip().lower()], text)
    return _HEARD_TWO.sub("to", said)


# A correction in the middle of a message: "after browse cakes, no wait, after order and pay",
# "rename Research to Evaluation, hmm, no, make it Shortlisting", "to 2, actually make that 1"
_CORRECTING = re.compile(
    r"(?:[,;.]|\s-)\s*(?P<mark>(?:(?:no|nope|oops|hmm+|wait|sorry|actually|i\s+mean|or\s+rather|"
    r"rather|scratch\s+that|my\s+bad)\b[\s,!.-]*){1,3})"
    r"(?P<redo>(?:(?:make|change)\s+(?:that|it)(?:\s+to)?|put\s+it|call\s+it|set\s+it(?:\s+to)?|"
    r"(?:it\s+)?should\s+be|i\s+meant)\s+)?",
    re.IGNORECASE,
)
# what a correction's mark must say to be one, and not a remark ("£50, no refunds")
_SURELY_MARKED = re.compile(
    r"\b(?:actually|i\s+mean|rather|scratch\s+that|my\s+bad|wait|oops)\b|\b(?:no|nope|sorry|hmm+)\s*[,!.-]",
    re.IGNORECASE,
)
_PLACE_WORD = r"after|before|to|on|for|into|in|at|from|onto|under|as|between"
# place words a correction may put in place of each other
_SAME_PLACE = {"after": "after|before", "before": "before|after"}
_DOING = re.compile(
    r"(?:first\s+|just\s+|only\s+|instead\s+)*(?P<verb>list|show|add|remove|delete|move|rename|undo|"
    r"redo|export|compare|merge|combine|split|set|draft|critique|regenerate|rebuild|redraft|"
    r"accept|reject|discard|keep|approve)\b",
    re.IGNORECASE,
)


def corrected(text: str) -> str:
    """The message as the writer meant it after correcting themselves: the corrected value
    put in place of the one it corrects ("add a stage after browse cakes, no wait, after order
    and pay, called X" -> "add a stage after order and pay, called X"); the text itself when
    no correction is said."""
    for mark in _CORRECTING.finditer(text):
        head = text[: mark.start()].rstrip(" ,;-")
        tail = text[mark.end() :]
        said = _SURELY_MARKED.search(mark.group(0))
        if not head or not tail.strip():
            continue
        value = re.match(r"[^,;!?]+", tail)
        if value is None:
            continue
        fix = re.sub(
            r"\s+(?:actually|instead|then|pls|please)$", "", value.group(0).strip(), flags=re.I
        )
        fix = re.sub(r"[.]$", "", fix)
        rest = tail[value.end() :]
        place = re.match(rf"(?:{_PLACE_WORD})\b", fix, re.I)
        if place is not None:  # "…, sorry, on Discover: no prices on the posts"
            word = place.group(0).lower()
            words = _SAME_PLACE.get(word, word)  # "after the key pickup, no, sorry, before …"
            found = [m for m in re.finditer(rf"\b(?:{words})\s+", head, re.I)]
            if found:
                at = found[-1].start()
                end = re.search(r"[,:;]", head[at:])
                after = head[at + end.start() :] if end and ":" not in fix else ""
                return corrected(f"{head[:at]}{fix}{after}{rest}")
            continue
        if not (said or mark.group("redo")):
            first = fix.split()[0].lower() if fix.split() else ""
            last = re.split(r"\s(?:to|is|as|=)\s|:\s*", head)[-1].split()
            if not (first and last and last[0].lower() == first):
                continue  # "sorry, typing this on the bus": a remark; but "…: demo-to-trial
                # rate, sorry, demo-to-trial conversion" corrects the rate
        pair = re.fullmatch(r"(\d+)\s*(?:and|&|\+|,)\s*(\d+)", fix)
        pairs = list(re.finditer(r"\d+\s*(?:and|&|\+|,)\s*\d+", head))
        if pair and pairs:  # "merge 5 and 6. no sorry, 6 and 7"
            last = pairs[-1]
            return corrected(f"{head[: last.start()]}{fix}{head[last.end() :]}{rest}")
        counted = re.match(r"(?:an?\s+)?(\d+)\b(?=\s+(?:is|are|will|would|should)\b|$)", fix)
        if counted and re.search(r"\d", head):  # "to 2, actually make that 1", "draft 4
            fix = counted.group(1)  # personas, actually 3 is plenty", "at a 4. No wait, a 2"
            number = list(re.finditer(r"\d+", head))[-1]
            return corrected(f"{head[: number.start()]}{fix}{head[number.end() :]}{rest}")
        doing = _DOING.match(fix)
        if doing is not None and not mark.group("redo"):  # "compare v1 and v2, actually, first
            return corrected(f"{fix[doing.start('verb') :]}{rest}")  # just list the versions"
        seps = list(re.finditer(r"\s(?:to|is|as|=)\s|:\s*", head))
        if seps:  # "owner for check-up is the practice manager, no actually, the lead dentist"
            return corrected(f"{head[: seps[-1].end()]}{fix}{rest}")
        if len(head.split()) <= 3:  # "redo, no sorry, UNDO, undo the last change"
            return corrected(f"{fix}{rest}")
    return text


# A request said against what it is not: "don't delete Trial, delete Demo", "not a 2, a 3",
# "the KPI for Trial isn't signups, it's trial-to-paid rate", "keep the Instagram post,
# remove the gallery page", "export it, but not as a PDF, markdown please"
_EDIT_VERBS = (
    r"(?:add|remove|delete|drop|move|rename|merge|combine|split|set|put|change|make|accept|reject|"
    r"approve|discard|undo|redo|export|take|keep|apply|draft|redraft|compare|show|list)\b"
)
_DONT_THEN_DO = re.compile(
    r"^(?:no+[,!.\s]+)?(?:please\s+)?(?:(?:i|we)\s+(?:don'?t|do\s+not|dont)\s+(?:want|need)\s+"
    r"(?:you\s+)?to\s+|(?:don'?t|do\s+not|dont)\s+)"
    rf"(?P<verb>{_EDIT_VERBS})\s+(?P<first>[^,;.!?—–]+?)"
    r"\s*(?:,|;|—|–|\s-\s|\.)\s*(?:but\s+|instead\s+|just\s+)?"
    rf"(?P<then>{_EDIT_VERBS})\s+(?P<second>.+)$",
    re.IGNORECASE,
)
_NOT_THIS = re.compile(
    r"^(?:no+[,!.\s]+)?not\s+(?!(?:sure|really|yet|now|at\s+all|quite|exactly|bad)\b)"
    r"(?P<first>[^,;—–]+?)\s*(?:,|;|—|–|\s-\s)\s*(?:but\s+)?(?P<second>.+)$",
    re.IGNORECASE,
)
_ISNT_ITS = re.compile(
    r"^(?P<subject>.+?)\s+(?:isn'?t|is\s+not|aren'?t|are\s+not)\s+(?P<first>[^,;—–]+?)\s*(?:,|;|—|–)"
    r"\s*(?:it'?s|its|it\s+is|they'?re|they\s+are)\s+(?P<second>.+)$",
    re.IGNORECASE,
)
_ITS_NOT = re.compile(
    r"^(?P<lead>that'?s|thats|this\s+is|it'?s|its|it\s+is)\s+not\s+(?P<first>[^,;—–]+?)\s*(?:,|;|—|–)"
    r"\s*(?:it'?s|its|it\s+is|but)\s+(?P<second>.+)$",
    re.IGNORECASE,
)
_THEY_DONT_OTHERS_DO = re.compile(
    r"^(?:no+[,!.\s]+)*(?P<first>[^,;]+?)\s+(?:doesn'?t|don'?t|does\s+not|do\s+not)\s+(?P<verb>own|run|"
    r"handle|do|look\s+after)\s+(?P<object>[^,;]+?)\s*[,;]\s*(?P<second>[^,;.!?]+?)\s+(?:does|do)\b"
    r"(?P<rest>.*)$",
    re.IGNORECASE,
)
_KEEP_THIS = re.compile(
    r"^(?:keep|leave)\s+[^,;]+?\s*[,;]\s*(?:but\s+|just\s+|and\s+)?(?P<then>(?:remove|delete|drop|"
    r"rename|move|merge|split|add|change|set|take)\b.+)$",
    re.IGNORECASE,
)
_BUT_NOT = re.compile(
    r"(?:\s*,\s*(?:but\s+)?|\s+but\s+)not\s+(?!(?:what|sure|really|yet|now|quite|exactly|at\s+all|"
    r"bad|great|good|right|ideal|that|this|it|working|needed|happy|helpful|useful)\b)"
    r"(?:as\s+|in\s+|to\s+)?(?:a\s+|an\s+|the\s+)?[\w-]+"
    r"(?:\s+[\w-]+){0,2}?\s*(?=[,;—–]|\s-\s|[.!]?$)",
    re.IGNORECASE,
)
_PLACE = re.compile(
    r"\b(?P<word>to|for|on|in|into|with|from|at|after|before|off)\s+", re.IGNORECASE
)


_SAYING = {"is", "are", "was", "were", "think", "thinks", "thought", "say", "says", "want",
           "wants", "need", "needs", "expect", "expects"}  # fmt: skip


def _same_place(first: str, second: str) -> str:
    """What ``first`` says before the place word ``second`` opens with ("a pain point" of "a
    pain point for Collect in shop" against "for Order and pay"), or "" when it has none."""
    place = _PLACE.match(second)
    if place is None:
        return ""
    word = place.group("word").lower()
    at = next((m for m in _PLACE.finditer(first) if m.group("word").lower() == word), None)
    return first[: at.start()].strip() if at is not None else ""


def contrasted(text: str) -> str:
    """The message as meant when it sets what it asks against what it does not: the second,
    asked-for value in place of the first; the text itself when there is no such contrast."""
    said = text.strip()
    keep = _KEEP_THIS.match(said)
    if keep:
        return keep.group("then")
    dont = _DONT_THEN_DO.match(said)
    if dont:
        first, second = dont.group("first"), dont.group("second")
        pointer = re.match(r"(?:it|them|that|this\s+one|that\s+one)\b\s*", second, re.I)
        if pointer:  # "don't add the chatbot to Research, add it to Demo"
            object_ = _PLACE.split(first, maxsplit=1)[0].strip()
            second = f"{object_} {second[pointer.end() :]}".strip()
        return f"{dont.group('then')} {second}"
    others = _THEY_DONT_OTHERS_DO.match(said)
    if others:  # "sales doesn't own onboarding, the implementation team does"
        verb = others.group("verb")
        return (
            f"the owner of {others.group('object')} is {others.group('second')}"
            if verb.lower() == "own"
            else f"{others.group('second')} {verb}s {others.group('object')}{others.group('rest')}"
        )
    isnt = _ISNT_ITS.match(said)
    if isnt and not re.search(r"\b(?:but|and)\s*$", isnt.group("subject")):
        return f"{isnt.group('subject')} is {isnt.group('second')}"
    its_not = _ITS_NOT.match(said)
    if its_not:
        first, second = its_not.group("first"), its_not.group("second")
        if _same_place(first, second):  # "that's not a pain point for Collect, it's for …"
            return f"{_same_place(first, second)} {second}"
        pointed = re.match(r"(?P<what>.+?)\s+(?:who|that|which)\s+(?P<pred>[^,;]+)$", first, re.I)
        if pointed:  # "it's not the marketing team who own Research, it's the content team"
            return f"{second.rstrip(' .')} {pointed.group('pred')}"
        return second
    not_this = _NOT_THIS.match(said)
    if not_this:
        first, second = not_this.group("first"), not_this.group("second")
        if _same_place(first, second):  # "not an idea for Check-up, for Book first appointment"
            return f"{_same_place(first, second)} {second}"
        return second
    but_not = _BUT_NOT.search(said)
    if but_not is None:
        return text
    chunk = said[: but_not.start()].split(":")[-1]
    value = re.split(r"\s(?:to|as|be)\s", chunk)[-1].split()
    if len(value) > 4 or any(w.lower() in _SAYING for w in chunk.split()):
        return text  # "customers think the price is per cake, not per slice": what they say
    return _BUT_NOT.sub("", said)


# Courtesies around a request: a greeting, hoping the reader is well, thanks, a sign-off
_COURTESY = re.compile(
    r"^(?:(?:hi|hello|hey|hiya|dear\s+\w+|good\s+(?:morning|afternoon|evening|day)|morning|"
    r"afternoon|greetings)(?:\s+(?:there|team|all|again|everyone|folks))?[\s,!.]*)?"
    r"(?:(?:i\s+)?hope\s+(?:you|you'?re|you\s+are|all'?s|all\s+is|everything|the\s+week|your|"
    r"this)\b[^.!?]*|(?:it\s+was\s+|it'?s\s+)?(?:lovely|great|nice|good)\s+to\s+(?:speak|"
    r"talk|chat|see\s+you)\b[^.!?]*|(?:many\s+|big\s+)?thanks?(?:\s+you)?(?:\s+(?:so|very)\s+much|"
    r"\s+ever\s+so\s+much|\s+a\s+lot|\s+again|\s+in\s+advance|\s+for\s+(?:this|that|your\s+help|"
    r"the\s+draft|the\s+map))?|with\s+thanks|much\s+appreciated|(?:kind|best|warm)\s+regards|"
    r"cheers|ta|best|regards|thx|ty)?[\s,!.]*$",
    re.IGNORECASE,
)
# A courtesy opening a sentence that goes on to ask: "Quick one, if you don't mind: …",
# "Apologies for yet another change, but …", "As discussed, …"
_COURTESY_OPENING = re.compile(
    r"^(?:(?:hi|hello|hey|good\s+(?:morning|afternoon|evening))(?:\s+there)?\s*[,!]\s*)?"
    r"(?:quick\s+one(?:,?\s+if\s+you\s+don'?t\s+mind)?\s*[:,.-]\s*|"
    r"(?:sorry|apologies)\s+for\s+[^,]{3,40}?,\s*but\s+|as\s+discussed\s*,\s*|"
    r"(?:thanks|thank\s+you)\s+for\s+[^,.!?]{3,30}[,.!]\s*)",
    re.IGNORECASE,
)


def without_courtesies(text: str) -> str:
    """The message without the courtesies around its request ("Hi there, I hope you're well.
    … Many thanks."): the text itself when that leaves nothing that asks."""
    said = message_sentences(text)
    kept = [s for s in said if not _COURTESY.match(s.strip())]
    opened = [_COURTESY_OPENING.sub("", s, count=1) for s in kept]
    kept = [o[:1].upper() + o[1:] if o != s else s for o, s in zip(opened, kept, strict=True)]
    kept = [s for s in kept if s.strip()]
    if not kept or kept == said:
        return " ".join(text.split())
    core = " ".join(kept)
    if not any(REQUESTING.search(s) or s.rstrip().endswith("?") for s in kept):
        return " ".join(text.split())  # "The owner loved it. Thanks!": thanks is the message
    return core


def asking_sentence(text: str) -> str | None:
    """The one sentence of a message of two or more that asks for something, when it is long
    enough to be a request of its own and says what it asks for itself (not "put that in as a
    pain point"); ``None`` otherwise."""
    said = message_sentences(text)
    if len(said) < 2:
        return None
    asking = [p for p in said if REQUESTING.search(p)]
    if len(asking) != 1 or len(asking[0].split()) < 2 or _POINTS_BACK.match(asking[0]):
        return None
    return asking[0]


# Why, said after the request: "… because loads of people tag us", "…, it's covered by
# onboarding", "… since half our customers email us about nuts"
_REASON = re.compile(
    r"(?:\s*[,;]?\s+(?:because|since|cos|coz|cuz|as\s+(?:we|they|our|the|people|most|half|it))"
    r"|\s*[,;]\s*(?:it'?s|its|we'?re|we|they'?re|they|our|that'?s|thats|which)|\s+[-–—]\s+(?:we|our|it'?s|they)"
    # "…, customers are getting angry", "…, so legal review is quicker"
    r"|\s*,\s*(?:customers|patients|clients|people|ppl|users|members|buyers)\s+(?=(?:are|get|"
    r"keep|say|hate|complain|moan|find|think)\b)|\s*,\s*so(?:\s+that)?(?=\s+(?!that'?s\b)))"
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


# Said in annoyance before the request: "no, …", "ugh", "I already told you: …", "that's not
# what I asked. …", "how many times -- …"
_ANNOYED = re.compile(
    # "no," and "look," only with a pause after them: "no one answers" is no annoyance
    r"^(?:(?:(?:no+|nope|honestly|look|again)[,.!:;–—-]+|no\s+no\b|ugh+\b|argh+\b|ffs\b|"
    r"sigh\b|hmm+\b|ok(?:ay)?\s+so\b)[\s,.!:;–—-]*)+"
    r"|^i\s+(?:already\s+)?(?:said|told\s+you|asked(?:\s+you)?)(?:\s+(?:to|that))?\s*[:,-]?\s*"
    r"|^that'?s\s+not\s+what\s+i\s+(?:asked|meant|said|wanted)[^.!?]*[.!?]+\s*"
    r"|^how\s+many\s+times\b[\s?!.,:;–—-]*",
    re.IGNORECASE,
)
# What it is not, said after what it is: ", not the treatment plan", ". not sales"
_NOT_THAT = re.compile(
    r"[,.;]\s*not\s+(?:the\s+)?(?:[\w&'’-]+\s+){0,3}?[\w&'’-]+(?:\s+(?:stage|one|step))?"
    r"(?P<end>[.!]?)(?=\s|$)",
    re.IGNORECASE,
)
# "… fix it", "… add them": the asking again at the end, after the request said in full
_ASKED_AGAIN = re.compile(  # after a pause only: "… and nobody can fix it" is a pain
    r"(?:[.,;!]\s*|\s+[-–—]\s+)(?:pls\s+|please\s+|just\s+)?(?:fix|add|change|sort|do|update|"
    r"correct)\s+"
    r"(?:it|that|them|this)(?:\s+(?:pls|please|now|thanks))?[.!]*$",
    re.IGNORECASE,
)
# "you forgot the WhatsApp updates at Collect in shop": add them
_FORGOT = re.compile(
    r"^you(?:'ve|\s+have)?\s+(?:forgot(?:ten)?|missed|left\s+out|didn'?t\s+(?:add|put\s+in))\s+"
    # not "you missed the biggest pain point. …": what it is comes after
    r"(?!(?:the\s+|a\s+|an\s+|one\s+)?(?:[\w-]+\s+)?(?:pain\s*points?|kpis?|opportunit\w+|ideas?|"
    r"touch-?points?|stages?|owners?|problems?)\b)",
    re.IGNORECASE,
)
# A request softened into a wondering: "maybe", "I think", "I'm wondering whether"
_HEDGE = re.compile(
    r"^(?:apparently|it\s+seems|it\s+turns\s+out|turns\s+out|"
    r"(?:i\s+)?(?:think|guess|reckon|suppose|feel\s+like)|i'?m\s+wondering\s+(?:if|whether)|"
    r"i\s+wonder\s+(?:if|whether)|maybe|perhaps|possibly|what\s+about|how\s+about)\s+",
    re.IGNORECASE,
)
_HEDGE_AFTER = re.compile(
    r"[,\s]+(?:do\s+you\s+think|maybe|perhaps|i\s+think|imo|imho|i\s+reckon|no)\s*[?.!]*$",
    re.IGNORECASE,
)
_KIND = r"(?:pain\s*point|pain|kpi|metric|measure|opportunity|idea|fix|touch-?point)"
# A request asked as a question: (pattern, the plain request it asks for)
_ASKED_AS = [
    # "would 'sales is slow to follow up' count as a pain point for the demo stage?"
    (re.compile(rf"^would\s+(?P<x>.+?)\s+(?:count\s+as|be|work\s+as|make)\s+(?:a\s+|an\s+)?"
                rf"(?:good\s+|better\s+|decent\s+|useful\s+)?(?P<kind>{_KIND})\s+"
                r"(?P<rest>(?:for|on|at|in|to)\s+.+?)\s*[?.!]*$", re.I),
     "add {x} as a {kind} {rest}"),
    # "would 'Pick up' work better than Collect in shop?"
    (re.compile(r"^would\s+(?P<new>.+?)\s+(?:work|be|sound|read)\s+better\s+than\s+(?P<old>.+?)"
                r"\s*[?.!]*$", re.I), "rename {old} to {new}"),
    # "should the social media team own discover?", "would it make sense for X to own Y?"
    (re.compile(r"^(?:should|could|would\s+it\s+make\s+sense\s+for|how\s+about)\s+"
                r"(?P<who>.+?)\s+(?:to\s+)?own\s+(?P<stage>.+?)\s*[?.!]*$", re.I),
     "{who} should own {stage}"),
    # "the practice manager could own the treatment plan stage?"
    (re.compile(r"^(?P<who>(?!who\b|what\b|which\b).+?)\s+(?:could|should|might|would|can)\s+own\s+"
                r"(?P<stage>.+?)\s*[?.!]*$", re.I), "{who} should own {stage}"),
    # "should the Trial stage have the in-app checklist as a touchpoint too?"
    (re.compile(rf"^(?:should|could)\s+(?:the\s+)?(?P<stage>.+?)\s+(?:have|get|include)\s+"
                rf"(?P<x>.+?)\s+as\s+(?:a|an)\s+(?P<kind>{_KIND})(?:\s+too|\s+as\s+well)?"
                r"\s*[?.!]*$", re.I), "add {x} as a {kind} to {stage}"),
    # "could that be a pain point?" after the complaint: left to the other readers
]  # fmt: skip


def contrast(text: str) -> str | None:
    """What a message says it is not (", not the treatment plan" -> "the treatment plan")."""
    found = _NOT_THAT.search(" ".join(text.split()))
    if found is None:  # (", Not Move in": any case)
        return None
    return re.split(r"\bnot\b", found.group(0), maxsplit=1, flags=re.I)[1].strip(" .!")


# How the thing pointed back at was introduced: "several patients have mentioned that",
# "one idea from the team we'd love captured:"
_TOLD_BY = re.compile(
    r"^(?:(?:several|some|many|a\s+few|lots\s+of|a\s+lot\s+of|our|the|a)\s+)?(?:\w+\s+)?"
    r"(?:patients?|customers?|clients?|people|users?|team|staff|buyers?|we|i)\s+(?:have\s+|has\s+|"
    r"'ve\s+)?(?:mentioned|said|told\s+us|noticed|complained|reported|found|flagged|pointed\s+out)"
    r"\s+(?:that\s+)?|^(?:we|i)(?:'ve|\s+have)?\s+(?:had|got|get|keep\s+getting)\s+(?:a\s+few\s+|"
    r"some\s+|lots\s+of\s+|loads\s+of\s+)?(?:complaints|feedback|comments|emails|messages)\s+"
    r"(?:that|saying)\s+|^[^:]{3,60}:\s*",
    re.IGNORECASE,
)
# Said as a statement: "a loyalty stamp card would be a nice opportunity for review and reorder"
_WOULD_BE = re.compile(
    rf"^(?P<x>.+?)\s+would\s+(?:be|make)\s+(?:a\s+|an\s+)?(?:really\s+)?(?:nice|good|great|"
    rf"useful|decent|strong|solid|fair)?\s*(?P<kind>{_KIND})\s+(?P<rest>(?:for|on|at|in|to)\s+.+?)"
    r"\s*[?.!]*$",
    re.IGNORECASE,
)


def pointed_back(text: str) -> str | None:
    """A request that points back at what the message said before it, said in full: "Patients
    say the plan letter is confusing, so could you add that as a pain point on the plan
    stage?" -> "add the plan letter is confusing as a pain point on the plan stage";
    ``None`` when the message does not ask that way."""
    said = message_sentences(text)
    if not said:
        return None
    last = said[-1]
    head, joint, ask = last.rpartition(", so ")
    if not joint:
        head, ask = " ".join(said[:-1]), last
    elif len(said) > 1:
        head = " ".join([*said[:-1], head])
    asked = _POINTS_BACK.match(ask.strip())
    if asked is None or not head.strip():
        return None
    before = message_sentences(head)
    if len(before) > 1:  # "A patient complained on Google. Apparently nobody explained X.":
        head = before[-1]  # what "that" points at is said next to it
    content = _TOLD_BY.sub("", _HEDGE.sub("", head.strip().rstrip(" .!?")), count=1).strip()
    if not content:
        return None
    as_said = _WOULD_BE.match(content)
    if as_said is not None:
        kind = as_said["kind"]
        a = "an" if kind[:1].lower() in "aeiou" else "a"
        return f"add {as_said['x']} as {a} {kind} {as_said['rest']}"
    caused = re.match(  # "we lost three orders because the gallery has no prices": the cause
        r"^(?:we|i|they|people|customers|patients|clients)\b[^,]{3,60}?\s+because\s+(?P<why>.{8,})$",
        content,
        re.IGNORECASE,
    )
    if caused is not None:
        content = caused["why"]
    scene = ""
    could = re.search(  # "..., maybe for the exam we could offer headphones": the idea
        r"(?:(?P<scene>\b(?:for|at|in|on|during)\s+(?:the\s+)?[\w' -]{2,30}?)\s+)?"
        r"\bwe\s+could\s+(?:maybe\s+|also\s+|just\s+)?(?P<x>.{4,})$",
        content,
        re.IGNORECASE,
    )
    if could is not None:
        content, scene = could["x"].rstrip(" ?"), could["scene"] or ""
    dashed = re.match(r"^(?P<head>[^-–—]{2,40}?)\s+[-–—]\s+(?P<x>.{4,})$", content)
    if dashed is not None and len(dashed["head"].split()) <= 6:  # "fun one for celebrate - …"
        where = re.search(r"\b(?:for|at|on|in|during)\s+.+$", dashed["head"], re.IGNORECASE)
        content, scene = dashed["x"], where.group(0) if where else scene
    rest = asked["rest"].strip(" ?.!")
    as_kind = re.match(rf"^as\s+(?P<kind>(?:a|an)\s+{_KIND}\b.*)$", rest, re.IGNORECASE)
    if as_kind is None:
        return None  # what to add it as is not said ("put it under the party stage")
    kind = as_kind["kind"]
    if scene and not re.search(r"\b(?:for|on|at|in|to|under)\s", kind):
        kind = f"{kind} {scene}"  # "add it as an idea", the stage said with the idea
    return f"add {kind}: {content}"


# "would you mind adding X", "could you be so kind as to move it": the request itself
_MIND_DOING = re.compile(
    r"(?P<lead>^|[,.;:!?]\s*|\s)(?:would|could|do)\s+(?:you|u)\s+(?:mind|be\s+so\s+kind\s+as\s+to|"
    r"be\s+able\s+to)\s+(?P<verb>adding|putting|setting|moving|removing|renaming|splitting|"
    r"merging|making|changing|deleting|assigning|logging|add|put|set|move|remove|rename|split|"
    r"merge|make|change|delete|assign|log)\b",
    re.IGNORECASE,
)
_BASE = {"adding": "add", "putting": "put", "setting": "set", "moving": "move",
         "removing": "remove", "renaming": "rename", "splitting": "split", "merging": "merge",
         "making": "make", "changing": "change", "deleting": "delete", "assigning": "assign",
         "logging": "log"}  # fmt: skip


def plainly(text: str, *, drop_contrast: bool = True) -> str:
    """The request said plainly: without annoyance before it, what it is not after it, the
    hedging around it, and a question turned into the request it asks ("would X count as a
    pain point for Y?" -> "add X as a pain point for Y"). The text itself when there is
    nothing to take away."""
    said = without_courtesies(as_meant(text))
    said = _MIND_DOING.sub(lambda m: f"{m['lead']} {_BASE.get(m['verb'].lower(), m['verb'])}", said)
    said = re.sub(r"\b(?:kindly|possibly)\s+(?=\w)", "", said, flags=re.IGNORECASE)
    said = re.sub(  # "celebrate -> last pls", "split … into A and B, please."
        r"(?<=\S)[\s,]+(?:pls|please|plz|thx|thanks|ta|cheers)[.!]*$", "", said, flags=re.IGNORECASE
    )
    said = pointed_back(said) or said
    for _ in range(2):  # "no no, I said remove …"
        said = _ANNOYED.sub("", said)
    if drop_contrast:  # kept inside a pain or an idea: "the price is per cake, not per slice"
        said = _NOT_THAT.sub(lambda m: m.group("end"), said).strip()
    said = _FORGOT.sub("add ", _ASKED_AGAIN.sub("", said)).strip()
    said = _HEDGE_AFTER.sub("", _HEDGE.sub("", said)).strip()
    for pattern, plain in _ASKED_AS:
        asked = pattern.match(said)
        if asked is not None:
            said = plain.format(**asked.groupdict())
            break
    return said or " ".join(text.split())
