"""The guided interview for people with no brief: the six steps of the mapping method (persona,
stages, touchpoints, thoughts and emotions, pain points and opportunities, actions), after one
question about the business, asked one at a time. Every answer goes on the map at once with
user provenance; any question can be skipped, and the interview can stop at any point.

Pure functions over plain data: the assistant keeps an :class:`Interview` in its session (so a
reload resumes it) and applies :func:`take_answer` to the map.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

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

_SKIP = re.compile(
    r"^(?:skip|pass|next|next one|no idea|not sure|dunno|don'?t know|i don'?t know|no|none|"
    r"nothing|n/?a|-)(?:\s+(?:this|that|it|one|question|for now))?[.!]*$",
    re.IGNORECASE,
)
_STOP = re.compile(
    r"^(?:stop|quit|cancel|finish|done|end|that'?s (?:it|enough|all)|enough|i'?m done|"
    r"let'?s stop|stop (?:the )?(?:interview|questions)|no more questions)\b",
    re.IGNORECASE,
)
_LIST = re.compile(r"\s*(?:\n|;|,|->|→|>|\bthen\b|\band then\b|\d+[.)]\s)\s*", re.IGNORECASE)
_FIX = re.compile(
    r"\s*(?:[,.]\s*)?\b(?:fix|idea|solution|opportunity)\s*:\s*|\s*[,.]\s*(?:we could|we can)\s+",
    re.IGNORECASE,
)


@dataclass
class Interview:
    """Where a guided interview has got to, and what it holds before the map exists."""

    step: int = 0
    business: str = ""
    persona: str = ""

    @property
    def name(self) -> str:
        return STEPS[self.step] if self.step < len(STEPS) else "done"

    @property
    def done(self) -> bool:
        return self.step >= len(STEPS)

    def to_json(self) -> dict[str, object]:
        return {"step": self.step, "business": self.business, "persona": self.persona}

    @classmethod
    def from_json(cls, data: object) -> Interview | None:
        """An interview kept by :meth:`to_json`; ``None`` for anything else."""
        if not isinstance(data, dict) or not isinstance(data.get("step"), int):
            return None
        step = data["step"]
        if not 0 <= step < len(STEPS):
            return None
        return cls(step, str(data.get("business") or ""), str(data.get("persona") or ""))


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
    return f"**Step {TITLES[interview.name]}.** {asks[interview.name]}"


def is_skip(text: str) -> bool:
    return bool(_SKIP.match(text.strip()))


def is_stop(text: str) -> bool:
    return bool(_STOP.match(text.strip()))


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
    if step == "business":
        interview.business = text.strip(" .")
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
        for stage, rest in _per_stage(journey, text):
            said_parts = re.split(r"\s+[-–—]\s+|:\s+|,\s+(?=will\b|to\b)", rest, maxsplit=1)
            owner = said_parts[0].strip(" ,.;")
            action = said_parts[1] if len(said_parts) > 1 else ""
            if owner and owner.lower() not in (o.lower() for o in stage.owners):
                stage.owners.append(owner)
                added += 1
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
        if part.lower() in ("first", "then", "next", "finally", "and", "last", "lastly"):
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


def _per_stage(journey: JourneyMap, text: str) -> list[tuple[Stage, str]]:
    """An answer cut into 'Stage: what about it' parts (by ';' or new lines), each stage read
    by name, position or spelling; parts without a stage name go to the stages in order when
    there are as many parts as stages."""
    from ..understanding.slots import resolve_stage

    parts = [p.strip() for p in re.split(r"\s*(?:;|\n)\s*", text) if p.strip()]
    out: list[tuple[Stage, str]] = []
    loose: list[str] = []
    for part in parts:
        head, colon, rest = part.partition(":")
        found = resolve_stage(journey, head) if colon else None
        if found is not None:
            out.append((journey.stages[found[0]], rest.strip()))
        else:
            loose.append(part)
    if loose and not out and len(loose) == len(journey.stages):
        out = list(zip(journey.stages, loose, strict=True))
    return out


def _items(text: str) -> list[str]:
    items = [i.strip(" .") for i in re.split(r"\s*(?:,|/|\band\b|&)\s*", text) if i.strip(" .")]
    return [i[:1].upper() + i[1:80] for i in items]
