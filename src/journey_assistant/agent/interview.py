"""The guided interview for people with no brief: the six steps of the mapping method (persona,
stages, touchpoints, thoughts and emotions, pain points and opportunities, actions), after one
question about the business, asked one at a time. Every answer goes on the map at once with
user provenance; any question can be skipped, and the interview can stop at any point.

Pure functions over plain data: the assistant keeps an :class:`Interview` in its session (so a
reload resumes it) and applies :func:`take_answer` to the map.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..models import (
    Emotion,
    JourneyMap,
    Opportunity,
    PainPoint,
    Persona,
    PersonaItem,
    Provenance,
    Stage,
    Touchpoint,
)
from ..safe import md
from ..vocab import normalize_channel

STEPS = ("business", "persona", "stages", "touchpoints", "feelings", "pains", "actions")
TITLES = {
    "business": "0 of 6, your business",
    "persona": "1 of 6, the customer",
    "stages": "2 of 6, the stages",
    "touchpoints": "3 of 6, touchpoints",
    "feelings": "4 of 6, thoughts and emotions",
    "pains": "5 of 6, pain points and opportunities",
    "actions": "6 of 6, actions",
}
MAX_STAGES = 10
MAX_TOLD = 10  # remarks kept on the way (the rest are still in the chat)
MAX_STAGE_WORDS = 12  # a step named in more words is a sentence about it, not its name

_SKIP = re.compile(
    r"^(?:skip|pass|next|next one|no idea|not sure|dunno|don'?t know|i don'?t know|no|none|"
    r"nothing|n/?a|-)(?:\s+(?:this|that|it|one|question|for now|please|pls|thanks|ta))*[.!]*$",
    re.IGNORECASE,
)
_STOP = re.compile(
    r"^(?:stop|quit|cancel|finish|done|end|that'?s (?:it|enough|all)|enough|i'?m done|"
    r"let'?s stop|stop (?:the )?(?:interview|questions)|no more questions)\b"
    # said later in the message: "we don't really have a team, let's stop here"
    r"|\b(?:let'?s|lets|i (?:need|have|got) to|i'?ll|gonna|going to|have to|can we) "
    r"(?:stop|end|finish|leave it)\b|\bstop (?:here|there|now|for now|for today)\b"
    r"|\b(?:that'?s|thats) me done\b|\bcall it a day\b|\benough for (?:now|today)\b",
    re.IGNORECASE,
)
# A nod, a pause or a "go on": no answer to any question ("yes", "hmm let me think", "ok then")
_ACK = re.compile(
    r"^(?:(?:yes|yeah|yep|yup|ok|okay|k|sure|right|alright|cool|great|fine|hmm+|um+|erm+|er|uh+|"
    r"got it|i see|let me think|one sec|one moment|hang on|wait|go on|carry on|continue|"
    r"please|then|so|now|thanks|thank you|sounds (?:good|great|fine)|will do|no problem|"
    r"fair enough|makes sense|lol|haha|nice|perfect|lovely|brilliant)[\s,.!]*)+$",
    re.IGNORECASE,
)
_ME = re.compile(r"^(?:it'?s |its )?(?:just |only )?(?:me|myself|i)\b", re.IGNORECASE)
# A remark about the question, not an answer to it ("we get all sorts honestly")
_REMARK = re.compile(
    r"\b(?:all sorts|it (?:really )?(?:depends|varies)|depends on|two (?:very )?different|"
    r"different (?:sets|kinds|types)|let me think|good question|tricky one|hard to say|"
    r"where do i (?:start|begin)|(?:need|have) to think|thinking about|"
    r"the (?:hardest|biggest|main|worst|trickiest|annoying) (?:part|problem|issue|thing|bit))\b",
    re.IGNORECASE,
)
# Thinking aloud, nothing to keep ("hmm let me think about that one")
_PAUSE = re.compile(
    r"^\W*(?:hmm+|um+|erm+|er|uh+|well|lol|god|oh|ugh)\b|let me think|(?:need|have) to think|"
    r"good question|tricky one|hard to say|no idea|not sure|where do i (?:start|begin)",
    re.IGNORECASE,
)
_UNSURE = re.compile(
    r"^\W*(?:(?:hmm+|um+|erm+|lol|god|oh|well|honestly|tbh)\b[\s,.!]*)*(?:no idea|not sure)\b",
    re.IGNORECASE,
)
# Said around a list of steps, not part of a step's name
_NAME_LEAD = re.compile(
    r"^(?:(?:ok(?:ay)?|so|well|um+|hmm+|right|yeah|stages?|steps?|i'?d say|i think|i guess|"
    r"basically|first of all|firstly|first(?=,)|hopefully)\b[\s,:-]*)+",
    re.IGNORECASE,
)
_NAME_TAIL = re.compile(
    r"(?:[\s,]+(?:lol|haha|i think|i guess|i suppose|does that make sense|"
    r"if that makes sense|obviously|etc))+\W*$",
    re.IGNORECASE,
)
_LIST = re.compile(r"\s*(?:\n|;|,|->|→|>|\bthen\b|\band then\b|\d+[.)]\s)\s*", re.IGNORECASE)
_FIX = re.compile(
    r"\s*(?:[,.]\s*)?\b(?:fix|idea|solution|opportunity)\s*:\s*|\s*[,.]\s*(?:we could|we can)\s+",
    re.IGNORECASE,
)


# A request to draft from everything said so far
_DRAFT_NOW = re.compile(
    r"(?:^|\b(?:can|could|would|will) (?:you|u)\s+|\bjust\s+|\bplease\s+|\bpls\s+|"
    r"\bgo ahead and\s+|\bnow\s+|\bthen\s+|\band\s+)"
    r"(?:draft|write|make|build|create|generate|do|put together|fill in|finish|sketch)\b"
    r"(?:\s+(?:me|us|up|out|the|a|an|my|our|whole|full|rest|entire|complete|first|of|for|this))*"
    r"\s*(?:whole|rest|everything|it all|all of it|map|journey|draft|thing"
    r"|it(?=\s*(?:$|[.!?,;]|(?:now|for|please|pls|from|then|with|using)\b)))"
    r"|\bfrom what i(?:'ve| have)? (?:said|told|wrote|written|given|typed)",
    re.IGNORECASE,
)
# "sorry what do you mean by stages exactly?": the interview's own words explained
_WHAT_IS_MEANT = re.compile(
    r"\bwhat (?:do|d'?you|did) (?:you|u|ya) mean\b|\bwhat(?:'s| is| are) (?:a |an )?(?:stage|"
    r"touch ?point|persona|pain point|opportunit|owner|emotion)|\bwhat counts as\b|"
    r"\bnot sure what you mean\b|\bdon'?t (?:understand|get) (?:what|the question)\b",
    re.IGNORECASE,
)
_STEP_MEANS = {
    "business": "Just what you sell or do, and for whom, in your own words: a sentence is plenty.",
    "persona": "A persona is one typical customer described as a person: who they are, what "
    "they want from you and what worries them. Pick the commonest kind; you can add others "
    "later.",
    "stages": "Stages are the big steps a customer goes through with you, from first hearing "
    "of you to after they've bought, in their words: not your internal tasks, and not every "
    "lesson or visit, just the phases (e.g. find us, book, first visit, regular visits, "
    "leave a review).",
    "touchpoints": "Touchpoints are the places and things where customers meet you at each "
    "stage: your website, a phone call, a WhatsApp chat, the van, a receipt, a reminder text.",
    "feelings": "How the customer feels at each stage, from 1 (awful) to 5 (great), and what "
    "is on their mind then: it shows where the journey hurts.",
    "pains": "Pain points are what goes wrong or annoys customers at a stage; after 'fix:' "
    "put what you could do about it.",
    "actions": "Who in your team looks after each stage, and the next thing they'll do about "
    "its pain points.",
}
# How to answer a step, said again when a message did not
_ASK_AGAIN = {
    "stages": "For this step I need the steps themselves, two or more in order, separated by "
    "commas.",
    "touchpoints": "Start with a stage's name and a colon, then the places, so I know where "
    "they go.",
    "feelings": "Start with a stage's name and a colon, then a number from 1 to 5.",
    "pains": "Start with a stage's name and a colon, then what goes wrong.",
    "actions": "Start with a stage's name and a colon, then who owns it.",
}


@dataclass
class Interview:
    """Where a guided interview has got to, and what it holds before the map exists."""

    step: int = 0
    business: str = ""
    persona: str = ""
    told: list[str] = field(default_factory=list)  # said on the way, not an answer: kept
    guided: bool = False  # asked for in so many words ("guide me"), not only a "help me"

    @property
    def gathered(self) -> str:
        """Everything the interview was told, as a brief to draft from."""
        said = [self.business.strip(" .")]
        if self.persona:
            said.append(f"A typical customer: {self.persona.strip(' .')}")
        said += [t.strip(" .") for t in self.told]
        return ". ".join(s for s in said if s) + ("." if any(said) else "")

    @property
    def name(self) -> str:
        return STEPS[self.step] if self.step < len(STEPS) else "done"

    @property
    def done(self) -> bool:
        return self.step >= len(STEPS)

    def to_json(self) -> dict[str, object]:
        return {
            "step": self.step,
            "business": self.business,
            "persona": self.persona,
            "told": list(self.told),
            "guided": self.guided,
        }

    @classmethod
    def from_json(cls, data: object) -> Interview | None:
        """An interview kept by :meth:`to_json`; ``None`` for anything else."""
        if not isinstance(data, dict) or not isinstance(data.get("step"), int):
            return None
        step = data["step"]
        if not 0 <= step < len(STEPS):
            return None
        told = data.get("told")
        kept = [str(t) for t in told if isinstance(t, str)] if isinstance(told, list) else []
        return cls(
            step,
            str(data.get("business") or ""),
            str(data.get("persona") or ""),
            kept[:MAX_TOLD],
            data.get("guided") is True,
        )


def question(interview: Interview, journey: JourneyMap | None) -> str:
    """The question for the interview's current step, naming the map's stages when there are
    some to answer about."""
    # the user's stage names go into Markdown: escaped, so they show as typed and never as markup
    names = ", ".join(md(s.name) for s in journey.stages) if journey is not None else ""
    first = md(journey.stages[0].name) if journey is not None and journey.stages else "Discover"
    last = md(journey.stages[-1].name) if journey is not None and journey.stages else "Collect"
    asks = {
        "business": "What does your business offer, and who buys it? A sentence is enough, "
        "e.g. 'We're a vegan bakery selling celebration cakes to parents in Leeds'.",
        "persona": "Think of one typical customer. Who are they, what do they want, and what "
        "worries them? e.g. 'A busy parent who wants a birthday cake that looks amazing, "
        "worried it won't be ready in time'.",
        "stages": "What steps does that customer go through, from first hearing of you to "
        "after they've bought? List them in order, separated by commas, e.g. 'Find us, browse "
        "cakes, order online, collect in shop, celebrate'.",
        "touchpoints": f"Where do they meet you at each step ({names})? Name the stage, then "
        f"the places, e.g. '{first}: Instagram, a friend's tip; {last}: email receipt'.",
        "feelings": "How does the customer feel at each step, from 1 (awful) to 5 (great), "
        f"and what are they thinking? e.g. '{first}: 4, curious; {last}: 2, worried "
        "nobody will turn up'.",
        "pains": "What goes wrong or annoys them, and where? Add what you could do about it "
        f"after 'fix:', e.g. '{last}: had to wait with no news, fix: text them the time'.",
        "actions": "Last step: who in your team owns each stage, and what will they do "
        f"next? e.g. '{last}: front desk - send a text with the time; {first}: marketing'.",
    }
    earlier = ""
    if interview.name == "pains" and interview.told:  # a remark kept on the way belongs here
        earlier = f" You told me earlier: “{md(interview.told[-1][:160])}”; which stage is that?"
    return f"**Step {TITLES[interview.name]}.** {asks[interview.name]}{earlier}"


def asks_to_draft(text: str) -> bool:
    """Whether the message asks for a whole map now ("can you just draft the rest from what I
    told you")."""
    return bool(_DRAFT_NOW.search(text))


def step_explained(interview: Interview, text: str) -> str | None:
    """What the asked step means, when the message asks that ("what do you mean by stages?")."""
    return _STEP_MEANS.get(interview.name) if _WHAT_IS_MEANT.search(text) else None


def how_to_answer(interview: Interview) -> str:
    """How to answer the step asked, for a message that did not ("" when any words will do)."""
    return _ASK_AGAIN.get(interview.name, "")


def is_skip(text: str) -> bool:
    return bool(_SKIP.match(text.strip()))


def is_stop(text: str) -> bool:
    return bool(_STOP.search(text.strip()))


def is_nod(text: str) -> bool:
    """A nod or a pause ("ok", "hmm let me think"): no answer, no request."""
    return bool(_ACK.match(text.strip()))


def answers(interview: Interview, journey: JourneyMap | None, text: str) -> bool:
    """Whether ``text`` reads as an answer to the question the interview is asking: words
    about the business or the customer; two or more steps in order; or what happens at stages
    of the map, each named or taken in order. A nod, a remark or one long sentence is not."""
    text = text.strip()
    if not text or is_nod(text):
        return False
    step = interview.name
    if _REMARK.search(text) or _UNSURE.search(text):
        return False
    if step in ("business", "persona"):
        return any(len(word) > 1 for word in re.findall(r"[^\W\d_]+", text))
    if step == "stages":
        names = _stage_names(text)
        return len(names) >= 2 and all(len(n.split()) <= MAX_STAGE_WORDS for n in names)
    if journey is None:
        return False
    said = " ".join(text.split())
    return any(rest.strip(" ,.;") for _, rest in _per_stage(journey, said, step == "actions"))


def keep_told(interview: Interview, text: str) -> bool:
    """Keep a remark made on the way ("the hardest part is getting them to pay for the term")
    for the draft and the pain points step; nods and short words are not kept."""
    said = " ".join(text.split()).strip(" .")
    if is_nod(said) or _PAUSE.search(said) or len(said.split()) < 4:
        return False
    if len(interview.told) >= MAX_TOLD:
        return False
    if said.lower() not in (t.lower() for t in interview.told):
        interview.told.append(said[:300])
    return True


def take_answer(
    interview: Interview, journey: JourneyMap | None, text: str
) -> tuple[JourneyMap | None, str]:
    """The map with one answer on it, and a line saying what was added. ``interview`` moves
    on to the next step (a skip moves on too, adding nothing)."""
    step = interview.name
    text = " ".join(text.split()) if step != "stages" else text.strip()
    said = ""
    if is_skip(text):
        interview.step += 1
        return journey, "Skipped."
    if step == "business":  # joined to what the first message said of it
        said = text.strip(" .")
        interview.business = (
            f"{interview.business.strip(' .')}. {said}" if interview.business else said
        )
        said = "Noted what you offer."
    elif step == "persona":
        interview.persona = text.strip(" .")
        said = "Noted your customer."
    elif step == "stages":
        names = _stage_names(text)
        if not names:
            return journey, "I couldn't find steps in that; list them separated by commas."
        journey = _new_map(interview, names)
        said = f"Drew {len(names)} stages: {', '.join(md(n) for n in names)}."
    elif journey is not None and step == "touchpoints":
        added = 0
        for stage, rest in _per_stage(journey, text):
            for item in _items(rest):
                stage.touchpoints.append(
                    Touchpoint(
                        name=item, channel=normalize_channel(item), provenance=Provenance.user
                    )
                )
                added += 1
        said = f"Added {added} touchpoint(s)."
    elif journey is not None and step == "feelings":
        from ..understanding.slots import emotion_change

        set_ = 0
        for stage, rest in _per_stage(journey, text):
            score = emotion_change(rest, None)
            thought = re.sub(r"^\s*[1-5](?:\s*/\s*5)?\s*[,:-]?\s*", "", rest).strip(" ,.;")
            if score is not None:
                stage.emotion = Emotion(score=score, label=thought[:80] or None)
                set_ += 1
            if thought:
                stage.thoughts.append(thought)
        said = f"Set how {set_} stage(s) feel."
    elif journey is not None and step == "pains":
        fixes: list[tuple[str, str, str]] = []  # (stage, pain, what to do about it)
        added = 0
        for stage, rest in _per_stage(journey, text):
            cut = _FIX.search(rest)
            pain, fix = (rest[: cut.start()], rest[cut.end() :]) if cut else (rest, "")
            pain, fix = pain.strip(" ,.;"), fix.strip(" ,.;")
            if not pain:
                continue
            stage.pain_points.append(PainPoint(description=pain, provenance=Provenance.user))
            added += 1
            if fix:
                fixes.append((stage.name, pain, fix))
        if fixes:  # the pain points need their ids before an idea can point at one
            journey = JourneyMap.model_validate(journey.model_dump())
            for name, pain, fix in fixes:
                stage = next(s for s in journey.stages if s.name == name)
                target = next(p for p in reversed(stage.pain_points) if p.description == pain)
                stage.opportunities.append(
                    Opportunity(description=fix, addresses=target.id, provenance=Provenance.user)
                )
        said = f"Added {added} pain point(s) and what you could do about them."
    elif journey is not None and step == "actions":
        added = 0
        everywhere = _FOR_ALL.search(text) is not None  # "me for all of it - …": one action
        acted = False
        for stage, rest in _per_stage(journey, text, every=True):
            said_parts = re.split(r"\s+[-–—]\s+|:\s+|,\s+(?=will\b|to\b)|\.\s+", rest, maxsplit=1)
            owner = said_parts[0].strip(" ,.;")
            if _ME.match(owner):  # "it's just me", "me", "myself"
                owner = "Me (the owner)"
            action = said_parts[1] if len(said_parts) > 1 else ""
            if owner and owner.lower() not in (o.lower() for o in stage.owners):
                stage.owners.append(owner)
                added += 1
            if everywhere and action.strip(" ,.;"):
                if acted or stage is not _stage_for(journey, action):
                    continue  # the action goes once, on the stage it is about
                acted = True
            if action.strip(" ,.;"):
                stage.opportunities.append(
                    Opportunity(
                        description=action.strip(" ,.;"),
                        owner=owner or None,
                        provenance=Provenance.user,
                    )
                )
        said = f"Named {added} owner(s)."
    interview.step += 1
    if journey is not None:
        journey = JourneyMap.model_validate(journey.model_dump())
    return journey, said


def _stage_names(text: str) -> list[str]:
    parts = [p.strip(" .!?-*•") for p in _LIST.split(text) if p and p.strip(" .!?-*•")]
    names: list[str] = []
    for part in parts:
        # sequencing words, not names ("first of all, find us"; "first lesson" stays)
        part = re.sub(
            r"^(?:and|then|finally|next|after that|first of all|firstly|first,)\s+",
            "",
            part,
            flags=re.I,
        )
        part = _NAME_LEAD.sub("", part)
        part = _NAME_TAIL.sub("", part).strip(" .!?-*•")
        if part.lower() in ("first", "then", "next", "finally", "and", "last", "lastly", ""):
            continue
        name = part[:1].upper() + part[1:60]
        if name and name.lower() not in (n.lower() for n in names):
            names.append(name)
    return names[:MAX_STAGES]


def _new_map(interview: Interview, names: list[str]) -> JourneyMap:
    from ..models import BusinessContext
    from ..understanding import read_brief

    business = interview.business
    reading = read_brief(business) if len(business) >= 3 else None
    noun = (reading.business_text or reading.offering_text) if reading is not None else ""
    title = f"{noun[:1].upper()}{noun[1:60]} journey" if noun else "Customer journey"
    personas = []
    if interview.persona:
        personas.append(
            Persona(
                name="Our typical customer",
                demographics=interview.persona[:200],
                goals=[PersonaItem(text=interview.persona, provenance=Provenance.user)],
                provenance=Provenance.user,
            )
        )
    return JourneyMap(
        title=title,
        context=BusinessContext(
            company=None,
            product=(reading.offering_text or noun or business) if reading else business or None,
            audience=interview.persona or None,
        ),
        personas=personas,
        stages=[Stage(name=n) for n in names],
    )


def _per_stage(journey: JourneyMap, text: str, every: bool = False) -> list[tuple[Stage, str]]:
    """An answer cut into 'Stage: what about it' parts (by ';' or new lines), each stage read
    by name, position or spelling ("delivery and pickup: …" is two stages); parts without a
    stage name go to the stages in order when there are as many parts as stages. With no
    part named so, a list of stages each with a score ("search 3, quote 2 slow, book 4") is
    read stage by stage, and (``every``, for owners) "me for all of it" goes to every stage."""
    parts = [p.strip() for p in re.split(r"\s*(?:;|\n)\s*", text) if p.strip()]
    out: list[tuple[Stage, str]] = []
    loose: list[str] = []
    for part in parts:
        head, colon, rest = part.partition(":")
        named = _stages_named(journey, head) if colon else []
        out += [(journey.stages[i], rest.strip()) for i in named]
        if not named:
            loose.append(part)
    if loose and not out and len(loose) == len(journey.stages):
        out = list(zip(journey.stages, loose, strict=True))
    if not out:
        out = _scored(journey, text)
    if not out and every and _FOR_ALL.search(text):
        rest = " ".join(_FOR_ALL.sub(" ", text).split()).strip(" ,.;")
        out = [(stage, rest) for stage in journey.stages] if rest else []
    return out


# "me for all of it", "for everything", "every stage"
_FOR_ALL = re.compile(
    r"\b(?:for |on )?(?:all of (?:it|them)|everything|every stage|all (?:the )?stages|"
    r"the lot|all of the stages)\b",
    re.IGNORECASE,
)


def _stage_for(journey: JourneyMap, said: str) -> Stage:
    """The stage an action said for every stage is about ("book a mock night" is the exam's),
    the first one when it names none."""
    from ..understanding.slots import find_stage

    words = set(re.findall(r"[a-z]{4,}", said.lower()))

    def shared(stage: Stage) -> int:
        held = [stage.name, *(p.description for p in stage.pain_points)]
        held += [o.description for o in stage.opportunities]
        return len(words & set(re.findall(r"[a-z]{4,}", " ".join(held).lower())))

    ranked = sorted(journey.stages, key=shared, reverse=True)
    if shared(ranked[0]) and (len(ranked) == 1 or shared(ranked[0]) > shared(ranked[1])):
        return ranked[0]  # "book a mock night" beside the exam's "run a mock exam night"
    found = find_stage(journey, said)
    return journey.stages[found if found is not None else 0]


def _stages_named(journey: JourneyMap, head: str) -> list[int]:
    """The stages a part's head names: one, or several joined by 'and', '&', ',' or '/'."""
    from ..understanding.slots import resolve_stage

    found = resolve_stage(journey, head)
    if found is not None:
        return [found[0]]
    said = set(re.findall(r"[a-z0-9']+", head.lower()))
    holding = [  # "book in" for "I book them in": every word said is in one stage's name
        i
        for i, stage in enumerate(journey.stages)
        if said and said <= set(re.findall(r"[a-z0-9']+", stage.name.lower()))
    ]
    if len(holding) == 1:
        return holding
    pieces = [p for p in re.split(r"\s*(?:,|&|/|\band\b|\+)\s*", head) if p.strip()]
    if len(pieces) < 2:
        return []
    each = [resolve_stage(journey, piece) for piece in pieces]
    return [f[0] for f in each if f is not None] if all(each) else []


def _scored(journey: JourneyMap, text: str) -> list[tuple[Stage, str]]:
    """'search 3, quote 2 because it takes a day, book 4': a score after each stage's name."""
    out: list[tuple[Stage, str]] = []
    for piece in re.split(r"\s*,\s*(?=[^,]+?\s*[:=-]?\s*[1-5]\b)", text):
        piece = piece.strip()
        best: tuple[list[int], str] = ([], "")
        for number in re.finditer(r"(?<![\d/])[1-5](?:\s*/\s*5)?\b", piece):
            # the score follows the stage's name, which may hold a number ("level 2 4")
            head = piece[: number.start()].rstrip(" :=-")
            named = _stages_named(journey, head) if head else []
            if named:
                best = (named, piece[number.start() :])
        out += [(journey.stages[i], best[1].strip()) for i in best[0]]
    return out if len(out) >= 2 else []


def _items(text: str) -> list[str]:
    items = [i.strip(" .") for i in re.split(r"\s*(?:,|/|\band\b|&)\s*", text) if i.strip(" .")]
    return [i[:1].upper() + i[1:80] for i in items]
