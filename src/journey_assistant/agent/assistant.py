"""The chat assistant: a conversation that holds the current map and proposes changes.

With the offline engine a deterministic intent router reads each message and calls the same
functions the CLI uses (draft, critique, improve, edits, personas, guidance search). Changes
are proposed with a readable diff and a one-line reason each, and applied only when the user
accepts them (all, or by number); every applied change is saved as a new version.
"""

from __future__ import annotations

import functools
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from html import escape
from typing import Any

from ..diff import diff_maps
from ..errors import JourneyError
from ..models import JourneyMap, MapType, Persona, Provenance
from ..safe import md
from ..understanding.asking import (
    as_meant,
    asking_sentence,
    plainly,
    request_alone,
    without_courtesies,
)
from ..understanding.typed import plain
from . import edits
from .interview import (
    Interview,
    answers,
    asks_to_draft,
    how_to_answer,
    is_skip,
    is_stop,
    keep_told,
    step_explained,
    take_answer,
)
from .interview import question as interview_question

Search = Callable[[str, int], list[Any]]


def _redrafted(journey: JourneyMap, brief: str, map_type: str | None = None) -> JourneyMap:
    """The map drafted again (offline) from the brief and what the user told since; it stays
    the same map (id), as its next version."""
    from ..drafting import draft_map

    fresh = draft_map(brief, map_type=map_type, model="offline").map
    fresh.id, fresh.parent_id, fresh.version = journey.id, journey.parent_id, journey.version
    return fresh


def _improved(
    journey: JourneyMap, map_type: str | None = None, only: list[str] | None = None
) -> JourneyMap:
    """The map with the offline engine's fixes (those keyed in ``only``, else all) and the map
    type asked for, if any; its id, version and state stay as they are."""
    from ..critique.improve import apply_fixes

    return apply_fixes(journey, only, map_type=map_type)


# What a proposed change can do: each an edit of the map by name, so a proposal is plain data
# (kept with the session, and still there after a reload or a restart of the app).
OPERATIONS: dict[str, Callable[..., JourneyMap]] = {
    "add_stage": edits.add_stage,
    "rename_stage": edits.rename_stage,
    "remove_stage": edits.remove_stage,
    "move_stage": edits.move_stage,
    "merge_stages": edits.merge_stages,
    "split_stage": edits.split_stage,
    "add_touchpoint": edits.add_touchpoint,
    "remove_touchpoint": edits.remove_touchpoint,
    "set_emotion": edits.set_emotion,
    "pair_pain_point": edits.pair_pain_point,
    "add_pain_point": edits.add_pain_point,
    "add_opportunity": edits.add_opportunity,
    "add_kpi": edits.add_kpi,
    "add_owner": edits.add_owner,
    "improve": _improved,
    "redraft": _redrafted,
}


@dataclass
class Change:
    """One proposed change: why, and which edit with which arguments."""

    reason: str
    operation: str
    args: dict[str, Any] = field(default_factory=dict)

    def apply(self, journey: JourneyMap) -> JourneyMap:
        return OPERATIONS[self.operation](journey, **self.args)

    def to_json(self) -> dict[str, Any]:
        return {"reason": self.reason, "operation": self.operation, "args": self.args}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Change | None:
        """A change as kept, or ``None`` when it names no known edit (then it is dropped)."""
        operation = data.get("operation")
        args = data.get("args")
        if operation not in OPERATIONS or not isinstance(args, dict):
            return None
        return cls(str(data.get("reason", "")), str(operation), args)


@dataclass
class Reply:
    text: str
    map_changed: bool = False
    intent: str = ""  # how the message was read (filled in by Assistant.respond)
    slots: dict[str, Any] = field(default_factory=dict)  # the details read from it
    # the same answer for a chat that renders HTML: long proposals folded, one change a fold
    rich: str | None = None


@dataclass
class Session:
    """One conversation: its current map, pending proposal and personas."""

    id: str
    map: JourneyMap | None = None
    pending: list[Change] = field(default_factory=list)
    personas: list[Persona] = field(default_factory=list)
    map_type: str | None = None  # for new drafts; None: detect from the brief
    brief: list[str] = field(default_factory=list)  # a thin brief so far, while we ask
    owner: str = "local"  # whose maps this session saves and opens (see workspace.py)
    brief_text: str = ""  # the brief the current map was drafted from
    facts: list[str] = field(default_factory=list)  # what the user told about it since
    # the map before each accepted change, and after each undone one (newest last)
    undo: list[JourneyMap] = field(default_factory=list)
    redo: list[JourneyMap] = field(default_factory=list)
    interview: Interview | None = None  # the guided interview, while one is under way
    focus: str | None = None  # the stage last talked about ("add a text to that stage")

    def working_state(self) -> dict[str, Any]:
        """What the session holds besides its map and conversation, as plain JSON data."""
        return {
            "pending": [change.to_json() for change in self.pending],
            "personas": [p.model_dump(mode="json", exclude_none=True) for p in self.personas],
            "map_type": self.map_type,
            "brief": list(self.brief),
            "brief_text": self.brief_text,
            "facts": list(self.facts),
            "undo": [m.model_dump(mode="json") for m in self.undo[-UNDO_DEPTH:]],
            "redo": [m.model_dump(mode="json") for m in self.redo[-UNDO_DEPTH:]],
            "interview": self.interview.to_json() if self.interview else None,
            "focus": self.focus,
        }

    def resume(self, state: dict[str, Any]) -> None:
        """Take back a working state kept by :meth:`working_state` (what no longer reads is
        dropped, never guessed)."""
        changes = [Change.from_json(c) for c in state.get("pending") or [] if isinstance(c, dict)]
        self.pending = [c for c in changes if c is not None]
        personas: list[Persona] = []
        for data in state.get("personas") or []:
            try:
                personas.append(Persona.model_validate(data))
            except ValueError:
                continue
        self.personas = personas
        map_type = state.get("map_type")
        self.map_type = map_type if isinstance(map_type, str) else None
        self.brief = [b for b in state.get("brief") or [] if isinstance(b, str)]
        brief_text = state.get("brief_text")
        self.brief_text = brief_text if isinstance(brief_text, str) else ""
        self.facts = [f for f in state.get("facts") or [] if isinstance(f, str)]
        self.undo, self.redo = _maps(state.get("undo")), _maps(state.get("redo"))
        self.interview = Interview.from_json(state.get("interview"))
        focus = state.get("focus")
        self.focus = focus if isinstance(focus, str) else None


def _maps(data: Any) -> list[JourneyMap]:
    """Maps kept as JSON in a working state; one that no longer reads is dropped."""
    out = []
    for item in data if isinstance(data, list) else []:
        try:
            out.append(JourneyMap.model_validate(item))
        except ValueError:
            continue
    return out[-UNDO_DEPTH:]


def _severities(text: str) -> set[str] | None:
    """The severities a fix request names ('fix the critical ones'), or None for all."""
    if re.search(r"\bcritical\b", text):
        return {"critical"}
    if re.search(r"\b(major|serious|important|big)\b", text):
        return {"critical", "major"}
    if re.search(r"\bminor\b", text):
        return {"minor"}
    return None


_REDRAFT = re.compile(
    r"\b(re-?do|re-?draft|regenerate|rebuild|re-?make|start (?:again|over))\b.*\b(map|it|draft)\b"
    r"|\bdraft (?:it|the map) again\b|\busing what i (?:just )?(?:told|said)\b"
)
FACT_OVERRIDE = 0.65  # a statement with facts in it outweighs a weaker reading than this
_WHY = re.compile(
    r"why is (?:the )?(?P<stage>.+?)(?: stage)? (?:red|low|bad|so low|negative|a problem|painful)"
)
# "draft a map for a vegan bakery…": the ask before the brief, in its first words (not "…
# Could you put together a customer journey map for me?" at its end: that ask is left to the
# brief reader, which drops it)
_MAP_LEAD = re.compile(
    r"^[^.!?\n]{0,60}?\b(?:(?:customer\s+)?journey\s+map|map|journey)\b\s*(?:for|of|:)?\s*:?\s*",
    re.IGNORECASE,
)


def _reason(operation: str, args: dict[str, Any]) -> str:
    """A proposed edit in words, as the fixed phrasings would put it."""
    stage = args.get("stage", "")
    words = {
        "add_stage": f"add stage '{args.get('name')}'"
        + (
            " at the start"
            if args.get("first")
            else f" after '{args['after']}'"
            if args.get("after")
            else " at the end"
        ),
        "rename_stage": f"rename '{args.get('old')}' to '{args.get('new_name')}'",
        "remove_stage": f"remove stage '{args.get('name')}'",
        "move_stage": f"move '{args.get('name')}' to position {args.get('position')}",
        "merge_stages": f"merge '{args.get('first')}' and '{args.get('second')}'"
        + (f" into '{args['name']}'" if args.get("name") else ""),
        "split_stage": f"split '{stage}' into '{args.get('first')}' and '{args.get('second')}'",
        "add_touchpoint": f"add touchpoint '{args.get('name')}' to '{stage}'",
        "remove_touchpoint": f"remove touchpoint '{args.get('name') or args.get('channel')}' "
        f"from '{stage}'",
        "set_emotion": f"set the emotion of '{stage}' to {args.get('score')}",
        "add_pain_point": f"add pain point '{args.get('text')}' to '{stage}'",
        "add_opportunity": f"add opportunity '{args.get('text')}' to '{stage}'",
        "add_kpi": f"add KPI '{args.get('name')}' to '{stage}'",
        "add_owner": f"make '{args.get('owner')}' an owner of '{stage}'",
    }
    return words.get(operation, operation.replace("_", " "))


def _rich_brief(text: str) -> bool:
    """An answer that says enough to draft from at once: channels, a problem or the steps."""
    from ..understanding import read_brief

    reading = read_brief(text)
    return not reading.thin and (
        len(reading.channels) >= 2 or bool(reading.problems) or len(reading.steps) >= 3
    )


def _numbers(count: int) -> str:
    """'1', '1 and 2', '1, 2 and 3': the first ``count`` numbers of a list."""
    said = [str(n) for n in range(1, count + 1)]
    return said[0] if count == 1 else f"{', '.join(said[:-1])} and {said[-1]}"


def _business_in(text: str) -> str:
    """The business a message names ("a mobile dog grooming van"), or "" when it names none
    ("can we do it like an interview?" is no business)."""
    from ..understanding import read_brief

    business = read_brief(text).business_text
    return "" if _ABOUT_MAPPING.search(business) else business


# "how do I measure each stage?": the whole map, not the one stage a word happens to name
_EVERY_STAGE = re.compile(
    r"\b(?:each|every|all(?:\s+(?:the|my|our))?|the)\s+(?:stages|steps)\b|\beach\s+(?:stage|step)\b|"
    r"\bevery\s+(?:stage|step)\b|\bper\s+(?:stage|step)\b|\bthe\s+(?:whole|entire)\s+(?:map|journey)\b",
    re.IGNORECASE,
)


def _kpi_definitions(ctx: Any) -> dict[str, str]:
    """What each KPI of the catalogue measures, by its name in lower case."""
    return {k.name.lower(): k.definition for p in ctx.catalog.kpis.values() for k in p.kpis}


# "draft a map for that", "map it": the brief just told, not a business called "that"
_POINTS_BACK = re.compile(
    r"^(?:that|this|it|the above|above|that one|this one|what i (?:just )?(?:said|told you|wrote)|"
    r"my business|the business|us|me)\s*(?:please|pls)?\s*[.!?]*$",
    re.IGNORECASE,
)


def _without_lead(text: str) -> str:
    """'draft a map for a vegan bakery…' -> 'a vegan bakery…' (the brief without the request)."""
    if re.search(r"\b(map|journey)\b\s*(for|of|:)", text, re.IGNORECASE):
        return _MAP_LEAD.sub("", text, count=1)
    return text


# Questions answered from the map in view: with no map, there is nothing to answer from
_READS_THE_MAP = frozenset({
    "show_map", "critique", "whats_missing", "rank_stage", "explain_finding", "explain_stage",
    "stage_kpis", "map_question", "list_versions", "compare_versions",
})  # fmt: skip
# Asks to be guided, not handed a draft ("walk me through it step by step")
_GUIDED = re.compile(
    r"step[- ]by[- ]step|\bguide (?:me|us)\b|\bwalk (?:me|us)\b|\btalk (?:me|us) through|"
    r"(?:question|step)s? (?:at a time|by (?:question|step))|\bone by one\b|\bteach me\b|"
    r"\bask me\b|\binterview\b|where (?:do|should) i (?:start|begin)|"
    r"never (?:made|done|built|heard|did)|"
    r"no idea (?:what|how|where)|(?:don'?t|do not|dont) know (?:how|where|what)|"
    r"first time (?:making|doing|i)|\bq by q\b|(?:do|build|make) (?:it|this|one) together",
    re.IGNORECASE,
)
_ABOUT_MAPPING = re.compile(
    r"\b(?:interview|map|mapping|journey|guide|step|question|help|thing)s?\b", re.IGNORECASE
)
_MAY_BE_GUIDED = frozenset({"draft_map", "business_fact", "help", "how_to", "greeting"})
_HOW_TO_MAP = re.compile(r"^\s*(?:how|what|why|when|should)\b", re.IGNORECASE)
_ANOTHER_MAP = re.compile(r"\b(new|another|second|different)\b.*\bmap\b", re.IGNORECASE)
_ANOTHER_MAP_LEAD = re.compile(r"^.*?\bmap\b\W*(?:please\W*)?(?:for\W+)?", re.IGNORECASE)
_TOLD = {
    "problems": "problem",
    "goals": "goal",
    "conversions": "customers commit by",
    "audience": "customers",
    "channels": "channels",
    "steps": "steps",
}
_YES_OR_NO = re.compile(
    r"^(?:yes|yeah|yep|ok|okay|accept|apply|do it|go ahead|sure|no|nope|reject|discard|cancel|"
    r"don'?t|keep|just|only)\b",
    re.IGNORECASE,
)
# After an "ok", a request of its own: "ok show me the whole map", "ok now export it"
_ASKS_SOMETHING_ELSE = re.compile(
    r"^(?:yes|ok|okay|sure)\b[\s,.!]*(?:(?:now|then|so|and|but|great|cool|thanks)\b[\s,.!]*)*"
    r"(?:(?:show|export|download|save|rename|remove|delete|move|undo|critique|draft|what|which|"
    r"how|why|who|can|could|list|explain|tell|give)\b"
    # "yes add them", "ok make it so" still say yes to what waits
    r"|(?:add|put|make|set|change)\b(?!\s+(?:it|them|those|these|that|all|both|everything|"
    r"the changes?)\b))",
)
_WHOLE_MAP_CHANGES = frozenset({"improve", "redraft"})  # proposed alone, never stacked
_WHOLE_BRIEF = 35  # words: an answer this long that names channels or a problem is a brief,
# even in an interview asked for in so many words
_THANKS = re.compile(r"\b(?:thanks|thank you|thx|cheers|ta|much appreciated)\b", re.IGNORECASE)
# A message said as a request: a command or a "can you …" at its start
_REQUEST_LEAD = re.compile(
    r"^(?:(?:ok|okay|right|actually|also|oh|and|so|hey|hi|wait|sorry|now|then|btw|first)\b[\s,.!-]*)*"
    r"(?:(?:please|pls|can|could|would|will) (?:you|u)?\s*(?:please\s+)?|please\s+|pls\s+|"
    r"i (?:want|need|'d like|would like) (?:you )?to\s+|let'?s\s+)?"
    r"(?:rename|call|move|delete|remove|drop|bin|undo|redo|export|save|download|add|put|change|"
    r"make|set|merge|combine|split|show|list|explain|critique|score|review|check|rank|give|"
    r"tell|what|which|who|how|why|where|is|are|can|could|swap|take|get|draft|suggest)\b",
    re.IGNORECASE,
)
# Requests that answer no question of the interview: answered, then the question again
_NEVER_AN_ANSWER = _READS_THE_MAP | frozenset({
    "improve_map", "compare_personas", "export", "undo", "redo", "how_to", "help", "out_of_scope",
    "redraft",
})  # fmt: skip
# The edits that are the interview's own answers at each step (any other edit is a request)
_ANSWERED_BY = {
    "business": frozenset(),
    "persona": frozenset({"edit_persona"}),
    "stages": frozenset({"add_stage"}),
    "touchpoints": frozenset({"add_touchpoint"}),
    "feelings": frozenset({"set_emotion"}),
    "pains": frozenset({"add_pain_point", "add_opportunity"}),
    "actions": frozenset({"add_owner", "add_opportunity"}),
}


def _tells_more(text: str) -> dict[str, list[str]] | None:
    """What a message tells about the business: its problems, goals, customers, channels...
    (called for statements only; see Assistant._business_fact)."""
    from ..understanding import read_brief

    reading = read_brief(text)
    told: dict[str, list[str]] = {}
    for attribute, label in _TOLD.items():
        items = getattr(reading, attribute)
        if items:
            said = [str(getattr(i, "text", None) or getattr(i, "name", "")) for i in items]
            told[label] = said[:3]
    if reading.fulfilment is not None:
        told["delivered by"] = [reading.fulfilment.text]
    return told or None


def _code(text: str) -> str:
    """Text safe inside a code block: it cannot close the fence or form a tag."""
    return text.replace("`", "'").replace("<", "‹").replace(">", "›")


_md = md  # user, map and document text inside the Markdown of a chat reply


EXAMPLES = [
    "Draft a map: we sell refurbished laptops online and in 3 shops, young professionals",
    "I've never made a journey map, guide me step by step",
    "Critique the map",
    "Add an email touchpoint to Consideration",
    "Why is Purchase red?",
    "Fix what you can",
    "Make it omnichannel",
    "Draft two personas",
    "How do I map emotions?",
]

HELP = (
    "I can draft a map from a description of your business (or build one with you step by "
    "step), critique it, fix what the rules find, and edit it in your own words: add, rename, "
    "move, merge, split or remove a stage, add or remove a touchpoint, set an emotion, add a "
    "pain point, an idea, a KPI or an owner. Try: "
    + "; ".join(f"“{e}”" for e in EXAMPLES[:4])
    + "."
)


# What each intent means, in words for a clarifying question ("Did you mean to ...").
INTENT_LABELS = {
    "draft_map": "draft a new map", "redraft": "redraw the map from what you've told me",
    "business_fact": "add what you told me about the business to the map",
    "critique": "critique the map", "whats_missing": "see what's missing",
    "show_map": "see the map as it is",
    "rank_stage": "find the stage that hurts most", "explain_finding": "explain a finding",
    "explain_stage": "hear about one stage", "add_stage": "add a stage",
    "rename_stage": "rename a stage", "move_stage": "move a stage",
    "remove_stage": "remove a stage",
    "merge_stages": "merge two stages", "split_stage": "split a stage",
    "add_touchpoint": "add a touchpoint", "remove_touchpoint": "remove a touchpoint",
    "set_emotion": "change how a stage feels",
    "add_pain_point": "add a pain point",
    "add_opportunity": "add an opportunity", "add_kpi": "add a KPI", "add_owner": "name an owner",
    "stage_kpis": "see how to measure each stage", "improve_map": "improve the map",
    "draft_personas": "draft personas", "compare_personas": "compare the personas",
    "edit_persona": "change a persona", "export": "download the map",
    "undo": "undo the last change", "redo": "redo a change", "accept": "accept the changes",
    "reject": "reject the changes", "list_versions": "see the saved versions",
    "compare_versions": "compare two versions", "how_to": "ask how journey mapping is done",
    "start_interview": "build a map step by step", "map_question": "ask about the map",
    "greeting": "say hello", "help": "see what I can do",
    "out_of_scope": "ask about something else",
}  # fmt: skip
# Phrasings the edit parser understands, offered when an edit's details were not clear.
EDIT_HINTS = {
    "add_stage": "add a stage called Collection after Order and pay",
    "rename_stage": "rename Checkout to Order and pay",
    "move_stage": "move Collection to position 4",
    "remove_stage": "remove the Advocacy stage",
    "merge_stages": "merge Browse and Compare",
    "split_stage": "split Order and pay into Order and Pay",
    "remove_touchpoint": "remove the email touchpoint from Consideration",
    "add_touchpoint": "add an email touchpoint to Consideration",
    "set_emotion": "set the emotion of Checkout to 2",
    "add_opportunity": "add an opportunity to Collection: text when the cake is ready",
    "add_pain_point": "add a pain point to Collection: cakes not ready on time",
    "add_kpi": "add a KPI to Order and pay: checkout conversion",
    "add_owner": "add Customer service as an owner of Collection",
    "improve_map": "fix it",
    "draft_personas": "draft two personas",
}
# The verbs that say an edit outright: with the edit's details found they confirm a reading
# the classifier only ranked second or third.
# Pieces said of several edits, written once: "a new stage", "X goes before Y", "onboarding b4
# contract pls", "put Browse first", "put that at the collect stage".
_NEW_STAGE = r"\b(?:new|extra|another|one more)\s+(?:stage|step)\b"
_PLACED = (
    r"\b(?:go|goes|come|comes|belongs?|sits?)\s+(?:first|last|earlier|later|after|before|b4|"
    r"ahead of)\b|^\w[^,.;?!]{1,40}?\s+(?:b4|before|after)\s+[^,.;?!]{2,40}?"
    r"(?:\s+(?:pls|please))?(?=[,.;!]|$)|\bput\b[^,.;?!]{2,40}\b(?:first|last)\b"
)
_PUT_THAT = r"\b(?:put|add|log|stick|note|pop)\s+(?:that|this|it)\s+(?:at|on|to|under|in|against)\b"
_EDIT_VERBS = {
    "remove_stage": re.compile(
        r"^(?:pls |please |can you |could you )?(?:bin|delete|remove|drop|scrap|ditch|kill|"
        r"get rid of|lose|cut|take out)\b|\b(?:can|could|should) go\b|"
        r"\b(?:kill|bin|ditch|scrap|drop|delete|remove|get rid of|take out)\s+"
        r"(?:it|that|this|the)\b",
        re.IGNORECASE,
    ),
    "merge_stages": re.compile(
        r"\b(?:merge|combine|mash|squash|fold|join)\b|\bas one (?:step|stage)\b", re.IGNORECASE
    ),
    "split_stage": re.compile(r"\b(?:split|break up|divide)\b", re.IGNORECASE),
    "rename_stage": re.compile(
        r"\b(?:rename|re-name|retitle|relabel|re-label|call|called)\b|->|→|\bname of\b",
        re.IGNORECASE,
    ),
    "add_stage": re.compile(
        rf"{_NEW_STAGE}|\b(?:stage|step)\s+in\b|\b(?:call|name)\s+it\b|"
        r"\b(?:add|insert)\b[^.?!]{0,40}\b(?:stage|step)\b",
        re.IGNORECASE,
    ),
    "move_stage": re.compile(rf"\b(?:move|shift|swap|bump|drag)\b|{_PLACED}", re.IGNORECASE),
    "add_owner": re.compile(  # not the question "who owns onboarding?"
        r"^(?!\s*who\b[^?]*\?\s*$).*\b(?:owns?|looks? after|in charge of|responsible for|"
        r"accountable for|owner)\b",
        re.I,
    ),
    "remove_touchpoint": re.compile(
        r"\b(?:drop|remove|delete|bin|scrap|ditch|get rid of|switch(?:ed)? off|"
        r"turn(?:ed)? off|take (?:[\w']+ ){0,3}?(?:off|out))\b",
        re.IGNORECASE,
    ),
    "add_touchpoint": re.compile(
        r"\bas an?\s+(?:new\s+)?(?:channel|touch-?point)\b|"
        r"\b(?:needs?|could use|could do with|is missing|should have|should get)\s+"
        r"(?:an?\s+|the\s+|some\s+)?(?:[\w'-]+\s+){0,3}?(?:e-?mails?|texts?|sms|phone|calls?|"
        r"letters?|whatsapp|direct mail|post|live chat|chat|messages?|reminders?|portal|"
        r"leaflet|checklist)\b",
        re.IGNORECASE,
    ),
    "add_opportunity": re.compile(
        r"\b(?:idea|opportunity|opp)\b|\b(?:we|you)\s+(?:could|might|can)\s+(?:fix|solve|sort|"
        r"speed up|cut|reduce|improve)\b",
        re.IGNORECASE,
    ),
    "add_pain_point": re.compile(
        rf"{_PUT_THAT}|\b(?:log|add|note|record)\s+an?\s+(?:problem|pain|issue|frustration)\b",
        re.IGNORECASE,
    ),
}
# Words that say an edit whatever the sentence model read ("onboarding b4 contract pls"), so
# long as the slot reader finds every detail of it on the map; and the readings that may hide
# one (a remark around the request read as a fact about the business, a stage's name as a
# question about it).
_EDIT_OUTRIGHT = {
    "add_stage": re.compile(_NEW_STAGE, re.I),
    "move_stage": re.compile(rf"{_PLACED}|\bmove\b", re.IGNORECASE),
    "rename_stage": re.compile(r"\b(?:rename|re-name|retitle|relabel|re-label)\b|->|→", re.I),
    "remove_stage": re.compile(
        r"^(?:pls |please |can you |could you )?(?:bin|delete|remove|scrap|ditch|kill|get rid of)"
        r"\s+(?:the\s+)?[\w' -]{2,30}?\s+(?:stage|step|one)\b|\bcan go\b",
        re.IGNORECASE,
    ),
    "merge_stages": re.compile(r"\b(?:merge|combine|join)\b", re.IGNORECASE),
    # a complaint, then "put that at the choose stage" ("never hear back" is the complaint)
    "add_pain_point": re.compile(
        r"^.{8,}?\b(?:never|don'?t|dont|can'?t|cant|hate|slow|late|stuck|wait\w*|lose|lost|"
        rf"quiet|confus\w*|moan\w*|complain\w*)\b.*[,.;-]\s*(?:pls\s+|please\s+)?{_PUT_THAT}",
        re.IGNORECASE,
    ),
}


def _adding(kinds: str) -> re.Pattern[str]:
    """ "add opp to onboarding - …", "pop a pp on collect: …": the kind of item, named outright
    before the stage it goes on."""
    return re.compile(
        r"^(?:pls\s+|please\s+|can\s+you\s+|could\s+you\s+)?(?:add|put|log|pop|stick)\s+"
        rf"(?:an?\s+|another\s+|one\s+more\s+)?(?:{kinds})\s+(?:to|on|for|in|at|under)\b"
        r"(?!\s+(?:every|each|all)\b)",  # "add a kpi to every stage": one for each
        re.IGNORECASE,
    )


# Phrasings that say what is wanted outright, whatever the nearest examples suggest (an edit
# only when its details are read too)
_SAID_AS = [
    (re.compile(r"^(?:a\s+|an\s+)?(?:fix|idea|solution|opportunity|opp)\s+for\b[^:]*:", re.I),
     "add_opportunity"),
    (re.compile(r"^(?:a\s+)?(?:kpi|metric|measure)\s+for\b[^:]*:", re.I), "add_kpi"),
    (re.compile(r"^(?:a\s+)?(?:pain|pain point|problem|frustration)\s+for\b[^:]*:", re.I),
     "add_pain_point"),
    (re.compile(r"^(?:pls\s+|please\s+)?assign\s+\w", re.I), "add_owner"),
    # shorthand: "rm tp demo call @ demo", "tp order & pay: phone", "pp collect: queue at
    # counter", "emo recall -> 3", "browse cakes -> 1st", "contract+onboarding → 1 stage",
    # "rm renewal", "idea for first payroll - a named specialist"
    (re.compile(r"^(?:rm|remove|del|delete|drop)\s+(?:the\s+)?(?:tp|touchpoint)s?\b", re.I),
     "remove_touchpoint"),
    (re.compile(r"^(?:tp|touchpoint)s?\b\s*(?:[:@-]|on\b|for\b|to\b|at\b|[\w' &-]{2,30}:)",
                re.I), "add_touchpoint"),
    (re.compile(r"^(?:pp|pain\s*point|pain)\s*(?:[:@–—-]|[\w' &-]{2,30}:)", re.I),
     "add_pain_point"),
    (re.compile(r"^(?:emo|emotion|feeling|mood)s?\b[^?]*?(?:->|→|=|:|\bto\b|\bat\b)\s*[1-5]\b",
                re.I), "set_emotion"),
    (re.compile(r"\bshould\s+be\s+(?:a|an)\s+[1-5](?:\s*/\s*5)?\s*[.!]*$", re.I), "set_emotion"),
    # "Compare instructors is more like a 1 honestly": a score said of a stage
    (re.compile(r"^[^?,]{3,40}?\s+(?:is|feels)\s+(?:more\s+like\s+|really\s+|honestly\s+|"
                r"probably\s+|actually\s+)?(?:a|an)\s+[1-5]\b(?!\s*(?:%|per|hours?|days?))", re.I),
     "set_emotion"),
    # "put problem on the test day stage that …": the kind of item, said before its stage
    (re.compile(r"\b(?:put|add|log|note)\s+(?:a\s+|the\s+|one\s+)?(?:problem|pain(?:\s*point)?|"
                r"issue|frustration)\s+(?:on|to|in|for|at|against)\b", re.I), "add_pain_point"),
    # "take Sales manager off the day pass visit": a touchpoint taken off a stage
    (re.compile(r"^(?:(?:pls|please|can you|could you)\s+)?(?:take|get)\s+.{2,60}?\s+off\s+", re.I),
     "remove_touchpoint"),
    # "what actually happens in Day pass visit?": one stage explained
    (re.compile(r"^what\s+(?:actually\s+|exactly\s+|really\s+)?(?:happens|goes\s+on)\s+"
                r"(?:in|at|during)\s+(?!(?:the\s+)?(?:map|draft|journey|whole)\b)", re.I),
     "explain_stage"),
    # "Session emotion -> 1": the stage said first
    (re.compile(r"^[^?]{2,40}?\b(?:emo|emotion|feeling|mood)s?\s*(?:->|→|=>|=|:)\s*[1-5]\b", re.I),
     "set_emotion"),
    (re.compile(r"(?:->|→)\s*(?:1st|first|the\s+start|start|end|last|top|bottom|[1-9](?:st|nd|rd|"
                r"th)?)\s*[.!]*(?:\s*(?:pls|please|plz|thx|thanks|ta)[.!]*)?$", re.I),
     "move_stage"),
    (re.compile(r"\+.*(?:->|→|=)\s*(?:1|one)\s+stage\b|=\s*merge\b", re.I), "merge_stages"),
    (re.compile(r"^rm\s+(?!tp\b|touchpoint)(?!.*\s(?:from|frm|off)\s)", re.I), "remove_stage"),
    (re.compile(r"^(?:an?\s+)?(?:fix|idea|solution|opportunity|opp)\s+for\b[^:]*?\s[-–—]\s", re.I),
     "add_opportunity"),
    # "add opp to onboarding - dedicated slack channel": the kind of item, named outright
    (_adding(r"opps?|opportunit(?:y|ies)|ideas?|fix(?:es)?"), "add_opportunity"),
    (re.compile(r"^(?:we\s+)?(?:don'?t|dont|do not)\s+need\s+(?:the|that|this)\b", re.I),
     "remove_stage"),
    (re.compile(r"\bbring\s+(?:that|it|the)\s+(?:change\s+|edit\s+)?back\b", re.I), "redo"),
    # "what else can you do apart from this? first time using the tool": the help asked for
    (re.compile(r"\bwhat\s+(?:else\s+)?(?:can|could)\s+(?:you|u|this\s+(?:tool|thing|app))\s+"
                r"(?:do|help\s+(?:me|us)\s+with)\b", re.I), "help"),
    # "Instead add a stage in between the quote and the proof, call it Artwork upload.
    # Customers send files in every wrong format": a stage asked for, whatever the complaint
    (re.compile(r"\b(?:add|insert|put\s+in)\s+(?:a|an|another|one\s+more)\s+(?:new\s+)?(?:stage|step)"
                r"\b(?!\s*(?:owner|kpi|metric|name|emotion)s?\b)", re.I), "add_stage"),
    # asked which measure to use, not told one: "what should the KPI be for the trial, and
    # why?", "which metrics would you track at the demo?"
    (re.compile(r"(?:^|[.!?]\s+)(?:so\s+|and\s+|ok\s+|okay\s+)?(?:what|which)\s+(?:kpis?|metrics?|measures?)"
                r"\s+(?:should|would|could|do|shall|can)\b|^(?:so\s+)?what\s+should\s+(?:the|our|"
                r"my|its|a)\s+(?:kpis?|metrics?|measures?)\s+be\b|(?:^|[.!?]\s+)(?:so\s+)?what\s+"
                r"(?:should|would)\s+(?:we|i|you)\s+(?:measure|track)\b|(?:^|[.!?]\s+)(?:so\s+)?how\s+"
                r"(?:should|do|can|would)\s+(?:we|i)\s+measure\b", re.I), "stage_kpis"),
    # "add a kpi to every stage", "metrics for all the steps": one for each stage
    (re.compile(r"\b(?:add|put|give|suggest|propose|set|fill|stick)\b[^.?!]*?\b(?:kpis?|metrics?|"
                r"measures?)\b[^.?!]*?\b(?:every|each|all\s+(?:the\s+|my\s+|our\s+)?)\s*"
                r"(?:stages?|steps?)\b", re.I), "stage_kpis"),
    (re.compile(r"^(?!.*\b(?:who|whose|which|what)\b).*\b(?:owns|will own|should own|is "
                r"responsible for|is in charge of)\s+\w", re.I),
     "add_owner"),  # "Priya in social media owns discover"
    # the kind of item named outright, wherever it is said (session 14, chat-dev15)
    (re.compile(r"\b(?:add|put|log|pop|stick|note)\s+(?:it|that|this)\s+(?:in\s+|down\s+)?as\s+"
                r"(?:an?\s+)?(?:opportunity|idea|fix)\b|^(?:an?\s+)?(?:opportunity|opp|idea)\s*[:\-–]"
                r"|\b(?:opportunity|idea)\s*:\s*\w", re.I), "add_opportunity"),
    (re.compile(r"\b(?:add|put|log|pop|stick|note)\s+(?:it|that|this)\s+(?:in\s+|down\s+)?as\s+"
                r"(?:an?\s+)?(?:pain(?:\s*point)?|problem|frustration|issue)\b|^(?:an?\s+)?"
                r"(?:pain(?:\s*point)?|problem|frustration)\s*[:\-–]", re.I), "add_pain_point"),
    (re.compile(r"^(?!.*\b(?:remove|delete|drop|take|bin|ditch|get rid|can go|no|what'?s|whats|"
                r"which|what)\b).*\b(?:add|put|include|stick|pop)\b.*(?:\bthe\s+touch-?point\s+"
                r"(?:of|called|named)\b|\b\w+\s+touch-?point\s+(?:on|to|for|in|at|under)\b)", re.I),
     "add_touchpoint"),
    (re.compile(r"\b(?:put|set|make|have)\s+(?:them|him|her|it|that team)\s+(?:down\s+)?as\s+"
                r"(?:the\s+)?owners?\b", re.I), "add_owner"),
    (re.compile(r"\b(?:go|change it|put it|set it)\s+back\s+to\s+(?:how|what)\s+it\s+was\b", re.I),
     "undo"),
]  # fmt: skip
# Said so plainly that the intent stands even before its details are read ("add a kpi to the
# wait stage" asks which KPI; it adds no stage called "Kpi to the wait")
_PLAINLY = [
    (_adding(r"kpis?|metrics?|measures?"), "add_kpi"),
    (_adding(r"pain\s*points?|pains?|pps?|frustrations?"), "add_pain_point"),
]  # fmt: skip
# Something taken from or off a stage ("remove phone from booking", "take review sites off
# the last stage"), not the stage itself; "from the map" removes a stage.
_OFF_A_STAGE = re.compile(
    r"^(?:pls |please |can you |could you )?(?:remove|delete|drop|take|bin|ditch|get rid of|rm|"
    r"rmv)\s+(?:the\s+)?\S.*?\s(?:from|frm|off)\s+(?!(?:the\s+)?(?:map|journey|list)\b)\S",
    re.IGNORECASE,
)
# A stage that is there, called something else: "the 4th stage should be called X"
_CALLED_INSTEAD = re.compile(
    r"\b(?:stage|step|one)\s+(?:should\s+be|could\s+be|was|is|to\s+be|be)\s+(?:just\s+|simply\s+)?"
    r"(?:called|named|renamed|re-named|titled)\b",
    re.IGNORECASE,
)
# What a message means instead of the reading the examples gave, when its words say so and
# (for an edit) its details are read: (the reading it replaces or None for any, the words,
# what it means)
# "Hmm, no. On reflection the photo thing feels a bit tacky. Reject it.": the proposal refused,
# read before "it" is taken for the stage in focus
_REJECT_IT = re.compile(
    r"(?:^|[.!?]\s+)(?:please\s+)?(?:reject|drop|bin|scrap)\s+(?:it|that|this|them|those|"
    r"the\s+changes?)\s*(?:please|pls)?\s*[.!]*$",
    re.IGNORECASE,
)
# A stage's score moved in words: "drop it to a 1", "knock the deposit stage down to a 2",
# "bump it up a bit" (not "move it to 3": a place)
_SCORE_MOVED = re.compile(
    r"\b(?:drop|knock|bump|set|take|bring|mark|nudge)\s+(?:it|that|this|them|the\s+[^,.;:!?]{1,50}?)"
    r"\s+(?:(?:down|up)\s+)?to\s+(?:an?\s+)?[1-5](?![\d.]|\s*(?:st|nd|rd|th)\b)"
    r"|\b(?:bump|knock|nudge)\s+(?:it|that|this|them)\s+(?:up|down)\b",
    re.IGNORECASE,
)
# A stage said whole as what to take away, with nothing taken from it: "…, so drop the
# ringing-the-secretary stage"
_DROP_THE_STAGE = re.compile(
    r"\b(?:drop|remove|delete|bin|scrap|ditch|lose)\s+the\s+"
    r"(?:(?!\b(?:from|on|off|in|at|of|touchpoint|channel)\b)[^,.;:!?]){2,60}?\s+(?:stage|step)"
    r"\s*[.!]?\s*$",
    re.IGNORECASE,
)
# A stage that is there, named anew at the end: "the stage with the alumni newsletter is
# really about referrals, call it Refer a friend"
_CALL_IT_NOW = re.compile(
    r"\b(?:stage|step|one)\b.*\b(?:is\s+really|really\s+is|is\s+actually)\b.*\bcall\s+it\s+\S",
    re.IGNORECASE,
)
_A_RULE = re.compile(r"\bJA\d{3}\b", re.IGNORECASE)  # "what's JA214 about?"
_READ_INSTEAD = [
    *((None, pattern, meant) for pattern, meant in _SAID_AS),
    ("remove_stage", _OFF_A_STAGE, "remove_touchpoint"),  # "remove phone from booking"
    ("add_stage", _CALLED_INSTEAD, "rename_stage"),  # "the 4th stage should be called X"
    ("add_stage", _CALL_IT_NOW, "rename_stage"),
    ("remove_touchpoint", _DROP_THE_STAGE, "remove_stage"),
    ("remove_stage", _SCORE_MOVED, "set_emotion"),  # "… so drop it to a 1"
    ("clarify", _SCORE_MOVED, "set_emotion"),
    ("business_fact", _SCORE_MOVED, "set_emotion"),
    ("map_question", _A_RULE, "explain_finding"),
    ("explain_stage", _A_RULE, "explain_finding"),
]
# "bin 1 and 3", "drop the second": some of the proposed changes refused
_DROP_SOME = re.compile(
    r"^(?:pls |please |just |ok,? )?(?:bin|drop|scrap|ditch|discard|reject|lose|skip|remove|"
    r"not|no to|forget)\s+(?:change\s+|changes\s+|number\s+|no\.?\s*|the\s+)?"
    r"(?:\d|first|second|third|last)",
    re.IGNORECASE,
)


# What a question about whose words parts of the map are is read as ("which touchpoints come
# from what I told you?", "what did you make up?", "show me the KPIs you guessed")
def _figures_of(item: object) -> str:
    """A KPI's baseline and target as said after its name (" (1 in 3 → 1 in 2)"); nothing
    for anything else."""
    current, target = getattr(item, "current", None), getattr(item, "target", None)
    if not (current or target):
        return ""
    return f" ({current or '?'} → {target or '?'})"


_MAY_ASK_WHOSE = {"explain_stage", "map_question", "whats_missing", "show_map", "stage_kpis",
                  "critique", "rank_stage"}  # fmt: skip
_MAY_HIDE_AN_EDIT = {"business_fact", "map_question", "explain_stage", "critique", "draft_map",
                     "out_of_scope", "how_to", "rank_stage", "greeting", "help"}  # fmt: skip
# Said of something in a stage, not of the stage: "remove it from that stage", "drop the
# feeling to 2" are no stage removals.
_NOT_THE_STAGE = re.compile(
    r"\b(?:from|off|out of)\s+(?:the|that|this|it)\b|\bto\s+[1-5]\b|\b(?:feeling|emotion|mood|"
    r"score|touch-?point|channel|kpi|metric|pain|opportunit\w*|owner)s?\b",
    re.IGNORECASE,
)
# Findings that say something is absent (for "what's missing?").
GAP_RULES = {"JA101", "JA102", "JA103", "JA106", "JA501", "JA502", "JA701", "JA706", "JA707",
             "JA801", "JA1008", "JA301"}  # fmt: skip
# An edit the fixed phrasings parse, under the intent it carries out.
_ACTS_AS = {"pair_pain_point": "add_opportunity"}
# Intents about one stage: the stage they name is the one "that stage" means next
_ABOUT_ONE_STAGE = frozenset(
    {"add_kpi", "add_opportunity", "add_owner", "add_pain_point", "add_touchpoint",
     "explain_finding", "explain_stage", "map_question", "move_stage", "rank_stage",
     "remove_touchpoint", "set_emotion", "split_stage"}
)  # fmt: skip
# Intents whose message tells about the business in its own words: no stage is pointed at
_TELLS_ABOUT_THE_BUSINESS = frozenset({"draft_map", "redraft", "business_fact", "start_interview"})
# Intents that are only meant when the message has these words: without them the next
# reading is taken ("what's going on at onboarding" asks about the stage, not a finding).
_SAID_WITH = {
    "compare_versions": re.compile(
        r"\b(?:compar\w*|differ\w*|diff|chang\w*|vs\.?|versus|against|between|since|"
        r"last time|before|earlier|previous|v?\d+)\b",
        re.IGNORECASE,
    ),
    "explain_finding": re.compile(
        r"\b(?:why|how come|low|red|score\w*|bad|worst|finding\w*|flag\w*|wrong|problem\w*|"
        r"issue\w*|complain\w*|mean|means|warn\w*|alert\w*|explain\w*|don'?t get|understand)\b",
        re.IGNORECASE,
    ),
}
_GOES_ON = re.compile(r"^(?:also|oh,? and|and|plus|btw|by the way|another thing|oh)\b", re.I)
FAR_BUT_SURE = 0.6  # a reading this likely stands even for a message unlike every example
SURE_ENOUGH = 0.9  # a reading this likely is not read over by another edit its words fit


def _names_a_stage(journey: Any, text: str, *, any_form: bool = False) -> bool:
    """Whether a message says a word of one of the map's stage names ("onboarding b4 contract"
    names two stages of a SaaS map and none of a bakery's), or a stage by its position.
    ``any_form``: a word in any form counts ("browsing" of "Browse cakes") and a position does
    not ("first time using this")."""
    from ..understanding.content import STOPWORDS

    said = set(re.findall(r"[a-z0-9'-]+", text.lower()))
    if not any_form and said & {"first", "last", "second", "third", "1st", "2nd", "3rd", "final"}:
        return True
    form = (lambda w: w[:5]) if any_form else (lambda w: w)
    said = {form(w) for w in said if len(w) > 3 or not any_form}
    return any(
        form(w) in said
        for stage in journey.stages
        for w in re.findall(r"[a-z0-9'-]+", stage.name.lower())
        if len(w) > 3 and w not in STOPWORDS
    )


# The item an add-request names, for asking only for it when its stage is clear
_ITEM_ASKED = {"add_kpi": "KPI", "add_pain_point": "pain point", "add_opportunity": "idea"}


# Words said only of a persona ("add an objection", "the first persona's goals")
# What a message read as another request may be, when it describes a persona and puts words
# in quotes for one of its parts ("the nervous one, add 'prefers a female instructor' to her
# needs"); a loose word ("want", "job") names no part then
_MAY_BE_PERSONA_EDIT = frozenset(
    {"business_fact", "edit_persona", "add_pain_point", "add_opportunity", "add_kpi",
     "add_owner", "add_touchpoint", "clarify", "draft_personas"}
)  # fmt: skip
_A_PERSONA_PART = re.compile(
    r"\bpersona\b|\b(?:objections?|motivations?|behaviou?rs?)\b", re.IGNORECASE
)
_A_PERSONA_EDIT = re.compile(
    r"\b(?:add|give|change|set|update|edit|put)\b.{0,40}?\b(?:goals?|needs?|objections?|"
    r"motivations?|behaviou?rs?|frustrations?|quote)\s*[:\-–—]",
    re.IGNORECASE,
)
_A_PERSONA_FIELD = re.compile(
    r"\b(?:goals?|needs?|objections?|motivations?|behaviou?rs?|frustrations?|quote)\b", re.I
)


def _close_call(reading: Any) -> bool:
    runner_up = reading.alternatives[0][1] if reading.alternatives else 0.0
    return bool(reading.confidence - runner_up < 0.05)


_QUESTION = re.compile(
    r"^(?:so |and |but )?(?:should|can|could|would|how|what|why|when|where|who|which|is|are|"
    r"do|does|did)\b",
    re.IGNORECASE,
)


def _is_question(text: str) -> bool:
    """A question by its form: it opens like one and ends with a question mark, or opens
    with "is there", "are there", "do we have" (said without the mark)."""
    if _ASKS_WHETHER.match(text):
        return True
    return _QUESTION.match(text) is not None and text.rstrip().endswith("?")


_ASKS_WHETHER = re.compile(
    r"^(?:so |and |but )?(?:is there|are there|do we have|does it have|have we got|"
    r"is anything|has it got)\b",
    re.IGNORECASE,
)


_ASKS = {"how_to", "map_question", "explain_stage", "explain_finding", "whats_missing",
         "rank_stage", "stage_kpis", "help"}  # fmt: skip
NO_MAP_OK = {"greeting", "help", "out_of_scope", "draft_map", "draft_personas", "how_to",
             "start_interview", "accept", "reject"}  # fmt: skip


UNDO_DEPTH = 5  # accepted changes a conversation can take back ("undo that")
FOLD_AFTER = 2  # a proposal of more changes than this is shown folded in the app's chat
_WARM = threading.Event()  # set once the sentence model and the example bank are loaded


def _read_intent(text: str, *, has_map: bool, pending: bool) -> Any:
    """The message's intent by meaning, or ``None`` when the sentence model is not installed
    or fails (the assistant then keeps to its fixed phrasings)."""
    reader = _intent_reader()
    if reader is None:
        return None
    try:
        # "Hi there, hope you're well. … Many thanks.", "mv research aftr demo"
        text = without_courtesies(as_meant(text))
        reading = reader.read(text, has_map=has_map, pending=pending)
        asked = asking_sentence(text)
        if asked is not None:  # "Our phone line is engaged most mornings. Can you add it to
            # booking?": the request is the one sentence that asks; the others say why, and
            # are read for the details, not for what to do
            last = reader.read(asked, has_map=has_map, pending=pending)
            if (
                last.intent not in _NOT_ASKED
                and last.intent != reading.intent
                and last.confidence >= ASKED_SURE
                # only over an unsure reading of the whole, or one that takes the whole for
                # a statement ("Our phone line is engaged most mornings …")
                and (reading.confidence < ASKED_SURE or reading.intent in _NOT_ASKED)
            ):
                reading = last
        plain = plainly(text)
        alone = request_alone(plain) or (plain if plain != " ".join(text.split()) else None)
        if alone is not None and (reading.confidence < ASKED_SURE or reading.intent in _NOT_ASKED):
            # "add social to review and reorder because loads of people tag us": the request
            # without the reason for it (or the scene before it) says what to do
            bare = reader.read(alone, has_map=has_map, pending=pending)
            if bare.intent not in _NOT_ASKED and bare.confidence >= ASKED_SURE:
                reading = bare
    except Exception:  # the model could not load or run: never a trace in the chat
        return None
    _WARM.set()
    return reading


ASKED_SURE = 0.5  # the asking sentence's reading replaces the whole message's at least this sure
_NOT_ASKED = {"business_fact", "draft_map", "out_of_scope", "greeting", "help", "redraft"}


def warm_intents() -> None:
    """Load the sentence model and the example bank now (in the background at app start)."""
    reader = _intent_reader()
    if reader is not None:
        try:
            reader.read("hello", has_map=False)
        except Exception:  # a failure shows later as the fixed phrasings, never here
            return
    _WARM.set()


def intents_ready() -> bool:
    """Whether messages are read by meaning without waiting for the model to load."""
    return _WARM.is_set()


@functools.cache
def _intent_reader() -> Any:
    """One reader per process, its bank vectors cached in the settings' cache folder."""
    from ..knowledge.embeddings import local_model_installed

    if not local_model_installed():
        return None
    from ..config import get_settings
    from ..understanding.intents import IntentReader

    return IntentReader(cache_dir=get_settings().cache)


class Assistant:
    """Answers messages for one session. ``save(map, message, new=False)`` stores a map version
    in the workspace (``new``: a new map, never a version of another)."""

    def __init__(
        self,
        session: Session,
        *,
        save: Callable[..., int] | None = None,
        search: Search | None = None,
        model: str | None = None,
        chat_model: Any = None,
        history: list[dict[str, str]] | None = None,
    ) -> None:
        self.session = session
        self.save = save
        self.search = search
        self.model = model
        self.chat_model = chat_model  # a LangChain chat model: the agent answers, else the router
        self.history = history or []
        self._turn: tuple[str, dict[str, Any]] = ("", {})
        self._paused: Interview | None = None  # the interview, while a message is answered aside

    # --- entry point -------------------------------------------------------------------------

    def respond(self, message: str) -> Reply:
        """The answer to one message, with the intent and details it was read as."""
        self._turn = ("unknown", {})
        reply = self._respond(plain(message))  # as typed on a phone: "what’s missing?"
        if not reply.intent:
            reply.intent, reply.slots = self._turn
        self._keep_focus(*self._turn)
        return reply

    def _pointed(self, text: str) -> str:
        """The message with the stage it points at ("add an SMS to that stage", "put it
        there") named: the stage the conversation was last about, while the map has it."""
        from ..understanding.slots import pointed_at

        focus, journey = self.session.focus, self.session.map
        if focus is None or journey is None or focus not in {s.name for s in journey.stages}:
            return text
        pointed = pointed_at(text, focus)
        if pointed != text:  # "Focus on the assessment lesson for a sec. how would I measure
            from ..understanding.slots import find_stage  # that one?": the stage said before

            said = next((m.start() for m in re.finditer(r"[.!?]\s+", text)), None)
            if said is not None and find_stage(journey, text[:said]) is not None:
                return text  # in the same message is the one meant
        return pointed

    def _keep_focus(self, intent: str, slots: dict[str, Any]) -> None:
        """Remember the stage this turn was about, for the next message that points at it."""
        journey = self.session.map
        if intent == "rename_stage" and slots.get("old") == self.session.focus:
            self.session.focus = str(slots.get("new_name") or "") or None
            return
        stage = slots.get("stage") if intent in _ABOUT_ONE_STAGE else None
        if intent == "add_stage":
            stage = slots.get("name")
        if isinstance(stage, str) and (
            intent == "add_stage" or (journey and stage in {s.name for s in journey.stages})
        ):
            self.session.focus = stage

    def _note(self, intent: str, **slots: Any) -> None:
        """Record how this turn's message was read (shown by `journey chat --json`)."""
        self._turn = (intent, {k: v for k, v in slots.items() if v not in (None, "", [])})

    def _respond(self, text: str) -> Reply:
        if not text:
            self._note("help")
            return Reply(HELP)
        if self.chat_model is not None:
            self._note("agent")
            return self._respond_with_agent(text)
        try:
            return self._route(text)
        except JourneyError as exc:
            return Reply(f"⚠️ {_md(str(exc))}")

    def _respond_with_agent(self, text: str) -> Reply:
        """The LLM agent answers; if the model fails, the offline router does, saying so."""
        from .llm_agent import run_agent

        before = self.session.map
        try:
            answer = run_agent(self, self.chat_model, self.history, text)
        except JourneyError as exc:
            return Reply(f"⚠️ {_md(str(exc))}")
        except Exception as exc:  # the model or its server failed: fall back, never a trace
            reply = self._route(text)
            reply.text = (
                f"⚠️ The model failed ({_md(type(exc).__name__)}); the offline "
                f"engine answered instead.\n\n{reply.text}"
            )
            return reply
        self.engine = "model"  # run_agent made the answer safe Markdown (no links, images, HTML)
        return Reply(answer, map_changed=self.session.map is not before)

    def _route(self, text: str) -> Reply:
        """The offline router: the waiting proposal's yes or no first, then the message read by
        meaning (the example bank's classifier), the fixed phrasings giving the exact details
        of an edit; with no sentence model installed, the fixed phrasings alone."""
        low = text.lower().rstrip(".!? ")
        session = self.session
        if session.interview is not None and not session.pending:
            return self._interview_turn(text)
        if (
            session.interview is not None
            and not _YES_OR_NO.match(low)
            and (is_stop(text) or is_skip(text) or answers(session.interview, session.map, text))
        ):  # the interview's answer, while a change proposed meanwhile still waits
            return self._interview_turn(text)
        if session.interview is not None:  # a change proposed mid-interview waits for a yes
            return self._aside(text)
        picking = session.pending and re.match(r"^(keep|just|only)\b", low)
        if session.pending and (
            (re.match(r"^(yes|ok|okay|accept|apply|do it|go ahead|sure)\b", low) or picking)
            and not _ASKS_SOMETHING_ELSE.search(low)  # "ok show me the whole map" is no yes
        ):
            from ..understanding.slots import chosen_changes

            numbers = chosen_changes(low, [c.reason for c in session.pending])
            if numbers or not picking:  # "keep it as it is" picks nothing: not an accept
                self._note("accept", numbers=numbers)
                return self._accept(numbers)
        if session.pending and re.match(r"^(no|reject|discard|cancel|don't)\b", low):
            return self._reject()
        if session.map is None and session.brief and "?" not in text:
            self._note("draft_map", answering="the questions about the brief")
            return self._draft(text)  # an answer to the questions about a thin brief
        if re.fullmatch(r"save(?: (?:it|this|the map|a version|a copy))?", low):
            self._note("save")
            return self._save("saved from chat")
        reading = _read_intent(text, has_map=session.map is not None, pending=bool(session.pending))
        if reading is None:  # no sentence model installed: the fixed phrasings only
            return self._route_fixed(text, low)
        return self._understood(text, reading)

    def _route_fixed(self, text: str, low: str) -> Reply:
        """The fixed phrasings, for when no sentence model is installed."""
        session = self.session
        if re.search(r"\b(draft|create|build|make)\b.*\b(map|journey)\b", low) or (
            session.map is None and len(text) > 30 and "?" not in text
        ):
            self._note("draft_map")
            return self._draft(_without_lead(text))
        if re.search(r"\bpersonas?\b", low):
            self._note("draft_personas")
            return self._personas(low)
        if session.map is None:
            self._note("unknown", reason="no sentence model installed")
            return self._answer(text) if "?" in text else Reply(HELP)
        if _REDRAFT.search(low):
            self._note("redraft")
            return self._propose_redraft()
        if re.search(r"\b(omni-?channel|improve|fix|apply (the )?improvements)\b", low):
            return self._improve(low)
        if re.search(r"\b(critique|review|what'?s wrong|lint|score|check the map)\b", low):
            self._note("critique")
            return self._critique()
        why = _WHY.search(low)
        if why:
            self._note("explain_finding", stage=why.group("stage"))
            return self._why(why.group("stage"))
        edit = self._parse_edit(text)
        if edit is not None:
            self._note(edit.operation, **edit.args)
            return self._propose([edit])
        self._note("unknown", reason="no sentence model installed")
        return self._answer(text)

    def _interview_turn(self, text: str) -> Reply:
        """One message in the guided interview. An answer goes on the map at once, then the
        next question. A question or a request made meanwhile is answered, then the interview's
        question is asked again; "draft it from what I said" drafts from all the answers; a
        nod or a remark that answers nothing asks again (a remark is kept for the draft)."""
        session = self.session
        interview = session.interview
        assert interview is not None
        if is_stop(text):
            session.interview = None
            self._note("stop_interview", step=interview.name)
            kept = (
                f"The map so far ({len(session.map.stages)} stages) is saved; ask me to "
                "critique it, or go on editing it in your own words."
                if session.map is not None
                else "Nothing was drawn yet. Describe your business whenever you like and "
                "I'll draft one, or say “guide me” to start again."
            )
            return Reply(f"Stopped the interview. {kept}")
        step = interview.name
        if is_skip(text):
            return self._interview_answer(text)
        if asks_to_draft(text):  # "can you just draft the whole thing from what I said"
            session.interview = None
            self._note("draft_map", answering="the interview so far")
            brief = interview.gathered or _without_lead(text)
            if session.map is not None and session.map.stages:  # their steps, in their words
                steps = ", then ".join(s.name[:1].lower() + s.name[1:] for s in session.map.stages)
                brief = f"{brief} The steps: {steps}."
            return self._draft(brief)
        long_enough = not interview.guided or len(text.split()) >= _WHOLE_BRIEF
        if step == "business" and long_enough and _rich_brief(text):
            # a whole brief for an answer: drafted straight away, unless the interview was
            # asked for in so many words and the answer is no longer than an answer
            session.interview = None
            self._note("draft_map", answering="the interview's first question")
            return self._draft(_without_lead(text))
        if _THANKS.search(text) and len(text) < 40:  # "cheers", "thanks!"
            self._note("greeting")
            return Reply(f"Glad to help. {interview_question(interview, session.map)}")
        reading = _read_intent(text, has_map=session.map is not None, pending=False)
        meant = reading.intent if reading is not None and not reading.unsure else None
        if meant in ("accept", "reject", "greeting", "start_interview", "business_fact"):
            meant = None  # "yes" with nothing waiting, "cool", "where do I start with that"
        # an answer is taken unless it is said as a request of another kind ("rename the 2nd
        # one to Booking" while touchpoints are asked for); the classifier, trained on requests,
        # decides only for a message said as one
        requested = _REQUEST_LEAD.search(text) is not None or text.rstrip().endswith("?")
        asks_else = (
            meant is not None
            and requested
            and (meant in _NEVER_AN_ANSWER or meant in EDIT_HINTS or meant == "draft_personas")
            and meant not in _ANSWERED_BY[step]
        )
        if not asks_else and answers(interview, session.map, text):
            return self._interview_answer(text)
        explained = step_explained(interview, text)  # "what do you mean by stages?"
        if explained:
            self._note("how_to", step=step)
            return Reply(f"{explained}\n\n{interview_question(interview, session.map)}")
        if text.rstrip().endswith("?") or asks_else:
            return self._aside(text)  # answered as any other message, then the question again
        remembered = keep_told(interview, text)
        self._note("reask", step=step, kept=remembered)
        heard = (
            f"I've kept that in mind: “{_md(interview.told[-1][:160])}”. "
            if remembered
            else "I didn't catch an answer there. "
        )
        hint = how_to_answer(interview)
        return Reply(f"{heard}{hint}\n\n{interview_question(interview, session.map)}")

    def _aside(self, text: str) -> Reply:
        """A message answered as any other while the interview waits, then the interview's
        question again (unless a proposal made meanwhile now waits for its yes or no)."""
        session = self.session
        interview, session.interview = session.interview, None
        assert interview is not None
        self._paused = interview
        try:
            reply = self._route(text)
        finally:
            self._paused = None
            session.interview = interview if session.interview is None else session.interview
        if session.interview is interview and not session.pending:
            reply.text += f"\n\nBack to your map: {interview_question(interview, session.map)}"
        return reply

    def _interview_answer(self, text: str) -> Reply:
        """The answer (or the skip) put on the map, then the next question or the summary."""
        session = self.session
        interview = session.interview
        assert interview is not None
        step = interview.name
        before = session.map
        journey, said = take_answer(
            interview, before.model_copy(deep=True) if before is not None else None, text
        )
        self._note("interview", step=step)
        version = None
        if journey is not None and before is None:
            session.map = journey
            session.brief_text = interview.business
            version = (
                self.save(journey, "drawn in the guided interview", True) if self.save else None
            )
        elif journey is not None and journey != before:
            session.undo = [*session.undo, before][-UNDO_DEPTH:] if before is not None else []
            session.redo = []
            session.map = journey
            version = self.save(journey, f"interview: {step}") if self.save else None
        lines = [said + (f" Saved as version {version}." if version else "")]
        if interview.done:
            session.interview = None
            lines.append(self._interview_summary())
        else:
            lines.append(interview_question(interview, session.map))
        return Reply("\n\n".join(lines), map_changed=session.map is not before)

    def _interview_summary(self) -> str:
        from ..critique import critique_map

        journey = self.session.map
        if journey is None:
            return (
                "That was the last question, but there are no stages yet, so there is no map. "
                "Describe your business in a sentence or two and I'll draft one."
            )
        result = critique_map(journey)
        return (
            f"That's the six steps: **{_md(journey.title)}** has {len(journey.stages)} stages, "
            f"all from your answers. Critique score **{result.score}/100**, "
            f"{len(result.findings)} finding(s). Ask me what's missing, to critique it or to "
            "fix it, or edit any stage in your own words."
        )

    def _export_help(self, text: str) -> Reply:
        pdf = (
            "PDF isn't one of the formats; the HTML export prints to PDF from the browser. "
            if re.search(r"\bpdf\b", as_meant(text), re.I)  # not "but not as a PDF"
            else ""
        )
        return Reply(
            f"{pdf}Download the map from the menu under it: JSON, CSV, Excel, Markdown, "
            "Mermaid, HTML, PNG or the one-page summary. In a terminal: "
            "`journey export MAP --to FORMAT`."
        )

    def _versions_help(self) -> Reply:
        return Reply(
            "Every accepted change is a new saved version, and nothing is lost. Open or "
            "compare earlier versions on the Maps tab (or with `journey versions` and "
            "`journey open --version N`); “undo” takes back the last change here."
        )

    def _start_interview(self, text: str = "") -> Reply:
        """The interview's first question. What the message already says of the business ("we're
        a choir in Sheffield, can you walk me through it?") is kept with the answer to it."""
        interview = self.session.interview = Interview(guided=bool(_GUIDED.search(text)))
        business = _business_in(text) if text else ""
        noted = ""
        if business:  # kept, and the first question still asked for what it leaves out
            interview.business = " ".join(text.split())
            noted = f"\n\nYou said it's a {_md(business)}: tell me a little more."
        if self.session.map is not None:
            noted += (
                "\n\nThe map you have stays in your saved versions; your answers draw a new "
                "one, and it appears once you've told me the stages."
            )
        self._note("start_interview", step=interview.name)
        return Reply(
            "Let's build your map together, one question at a time, in the six steps of "
            "the method: your customer, the stages, touchpoints, thoughts and emotions, "
            "pain points and opportunities, then actions. The map appears as soon as there "
            "are stages. Say “skip” to pass a question, “stop” to end or “draft it” to have "
            f"me draft the rest from your answers; nothing is lost.{noted}"
            f"\n\n{interview_question(interview, None)}"
        )

    def _edit_confirmed(self, text: str, likely: list[str]) -> Reply | None:
        """An edit among the likely readings that the message's own verb and details confirm,
        read even though another intent came first ("bin the review one" is not a critique)."""
        from ..understanding.slots import edit_request

        journey = self.session.map
        assert journey is not None
        question = _is_question(text)
        wider = (
            [i for i in _EDIT_OUTRIGHT if i not in likely]
            if likely[0] in _MAY_HIDE_AN_EDIT or likely[0] in EDIT_HINTS
            else []
        )
        from ..understanding.slots import removes_whole_stage

        if removes_whole_stage(journey, text):  # "delete Register online, nobody registers
            said = edit_request(journey, "remove_stage", text)  # online": the stage
            if said is not None:
                self._note("remove_stage", **said[1])
                return self._propose([Change(_reason(*said), *said)])
        for intent in [*likely[1:], *([] if question else wider)]:
            verbs = _EDIT_VERBS.get(intent) if intent in likely else _EDIT_OUTRIGHT.get(intent)
            if verbs is None or not verbs.search(text):
                continue
            if intent == "remove_stage" and _NOT_THE_STAGE.search(text):
                continue
            if intent not in likely and not _names_a_stage(journey, text):
                continue  # an edit nobody read in the words must name a stage of this map
            said = edit_request(journey, intent, text)
            if said is not None:
                self._note(intent, **said[1])
                return self._propose([Change(_reason(*said), *said)])
        return None

    def _reject(self, numbers: list[int] | None = None) -> Reply:
        """Discard the proposal, or only the numbered changes of it (the rest still wait)."""
        pending = self.session.pending
        keep = [c for n, c in enumerate(pending, 1) if numbers and n not in numbers]
        self._note("reject", numbers=numbers or None)
        if not numbers or not keep:
            self.session.pending = []
            return Reply("Discarded the proposal; the map is unchanged.")
        self.session.pending = keep
        said = ", ".join(str(n) for n in numbers)
        left = "; ".join(f"{n}. {_md(c.reason)}" for n, c in enumerate(keep, 1))
        return Reply(
            f"Dropped change {said}; the map is unchanged. Still waiting: {left}. "
            "Say “accept” or “reject”."
        )

    def _improve(self, low: str) -> Reply:
        """'make it omnichannel', 'fix the critical ones', 'improve it'."""
        if re.search(r"\bomni-?channel\b", low):
            self._note("improve", map_type="omnichannel")
            return self._propose_improvements("Make the map omnichannel", MapType.omnichannel)
        severity = _severities(low)
        self._note("improve", severity=sorted(severity) if severity else None)
        return self._propose_improvements(
            "Apply the fixes the offline engine can make", None, severity
        )

    # --- reading a message by meaning ----------------------------------------------------------

    def _understood(self, text: str, reading: Any) -> Reply:
        """A message read by meaning: answered when its intent is one the assistant can answer,
        a clarifying question when the reading is unsure, a hint when it is an edit whose
        details were not clear."""
        refused = bool(self.session.pending) and _REJECT_IT.search(text) is not None
        if reading.intent not in _TELLS_ABOUT_THE_BUSINESS:  # a brief keeps its own words
            text = self._pointed(text)  # ("… and we deliver there")
        journey = self.session.map
        low = text.lower().rstrip(".!? ")
        from ..understanding.slots import message_slots

        slots = message_slots(journey, text)
        self._note(reading.intent, confidence=reading.confidence, **slots)
        intent = reading.intent
        if (
            journey is None
            and intent in _MAY_BE_GUIDED
            and _GUIDED.search(text)
            and not (intent == "how_to" and _HOW_TO_MAP.search(text))
        ):
            intent = "start_interview"  # "I want a map for my swim school, can you guide me"
            self._note(intent, confidence=reading.confidence)
        likely = [intent, *(name for name, _ in reading.alternatives)][:3]
        needs = _SAID_WITH.get(intent)
        if needs is not None and not needs.search(text) and len(likely) > 1:
            intent = likely[1]  # "analyze the current version": no second version to compare
            self._note(intent, confidence=reading.confidence)
        if (
            intent == "help"
            and journey is not None
            and len(likely) > 1
            and _names_a_stage(journey, text, any_form=True)  # "a rundown of the browsing stage"
        ):
            intent = likely[1]  # asks about the map, not about the tool
            self._note(intent, confidence=reading.confidence)
        if self._all_personas() and intent not in ("draft_personas", "how_to") and not refused:
            from ..understanding.slots import (
                compares_personas,
                persona_edit,
                persona_said,
                quoted_for_a_part,
            )

            names = [p.name for p in self._all_personas()]
            if compares_personas(names, text):
                return self._compare_personas(text)  # "mike vs sita, what's the diff"
            roles = [p.role or "" for p in self._all_personas()]
            if (
                intent != "compare_personas"
                and (
                    persona_said(names, text)
                    or intent in _MAY_BE_PERSONA_EDIT
                    and quoted_for_a_part(text)
                )
                and persona_edit(names, text, roles) is not None
            ):  # a persona of this map (by name, or described with the words to put in quotes:
                return self._edit_persona(text)  # "the nervous one, add '…' to her needs")
        said_so = refused  # the words say what is meant: no question back
        if refused and intent != "reject":
            intent = "reject"
            self._note(intent, confidence=reading.confidence)
        if journey is not None and not refused:
            from ..understanding.slots import edit_request

            for read_as, pattern, meant in _READ_INSTEAD:
                if (
                    read_as in (None, intent)
                    and pattern.search(text)
                    and (
                        meant not in EDIT_HINTS
                        or edit_request(journey, meant, text) is not None
                        # an emotion is read with the message's other details
                        or (meant == "set_emotion" and {"stage", "emotion"} <= set(slots))
                        or (  # "… so drop it to a 1": a score moved, of a stage said
                            meant == "set_emotion" and pattern is _SCORE_MOVED and "stage" in slots
                        )
                    )
                ):
                    said_so = True  # (the words say what the reading said: no question back)
                    if meant == intent:
                        break
                    intent = meant  # "fix for the queue at collection: timed pickup slots"
                    self._note(intent, confidence=reading.confidence)
                    break
            else:
                plain = next((meant for pattern, meant in _PLAINLY if pattern.search(text)), None)
                if plain is not None and plain != intent:
                    intent = plain
                    self._note(intent, confidence=reading.confidence)
        from ..understanding.slots import removes_whole_stage

        if journey is not None and intent != "remove_stage" and removes_whole_stage(journey, text):
            intent = "remove_stage"  # "delete Register online, nobody registers online"
            self._note(intent, confidence=reading.confidence)
        if journey is not None and intent in EDIT_HINTS:
            fixed = self._parse_edit(text)  # the exact details, when said the fixed way
            acts = _ACTS_AS.get(fixed.operation, fixed.operation) if fixed is not None else ""
            if fixed is not None and acts == intent:
                self._note(acts, **fixed.args)
                return self._propose([fixed])
        if (
            journey is not None
            and intent not in EDIT_HINTS
            and not self.session.pending
            and reading.confidence < SURE_ENOUGH  # a sure reading is not read over
        ):
            confirmed = self._edit_confirmed(text, likely)
            if confirmed is not None:  # "bin the review one": a verb and a stage confirm it
                return confirmed
        if journey is not None and intent in EDIT_HINTS:
            from ..understanding.slots import edit_request

            said = edit_request(journey, intent, text)  # the details in ordinary words
            if said is not None:
                self._note(intent, **said[1])
                return self._propose([Change(_reason(*said), *said)])
            # "can the plan go after treatment?" read as a merge; not over a sure reading
            if not self.session.pending and reading.confidence < SURE_ENOUGH:
                confirmed = self._edit_confirmed(text, likely)
                if confirmed is not None:
                    return confirmed

        if journey is not None and intent == "set_emotion":
            change = self._emotion_by_meaning(text)  # a stage and a score found: no need to ask
            if change is not None:
                self._note("set_emotion", **change.args)
                return self._propose([change])
        if journey is not None and intent in _MAY_ASK_WHOSE:
            from ..understanding.slots import asked_whose

            whose = asked_whose(text)
            if whose is not None:  # "which touchpoints come from what I told you?"
                self._note("map_question", whose=whose[0], part=whose[1] or "all")
                return self._whose(*whose)
        if journey is not None and intent in ("explain_stage", "map_question"):
            from ..understanding.slots import find_stage

            where = find_stage(journey, text)
            if where is not None:
                return self._stage_summary(where)
        if journey is not None and not self.session.pending:
            told = self._business_fact(text, reading)
            if told is not None:  # a statement about the business: offer to redraft with it
                self._note("business_fact", **told)
                self.session.facts.append(text)
                return self._propose_redraft(told)
        readings = [intent, *(name for name, _ in reading.alternatives)]
        if "edit_persona" in readings[:3] and self._all_personas():
            from ..understanding.slots import persona_edit

            everyone = self._all_personas()
            roles = [p.role or "" for p in everyone]
            if persona_edit([p.name for p in everyone], text, roles) is not None:
                return self._edit_persona(text)  # a persona named, a part of it and the words
        elif (
            "edit_persona" in readings[:3]
            and _A_PERSONA_PART.search(text)
            and _A_PERSONA_FIELD.search(text)
            and (
                intent not in ("draft_personas", "compare_personas", "how_to")
                or _A_PERSONA_EDIT.search(text)
            )
        ):
            # "first persona, add a goal: ..." on a map that has none yet: say so
            self._note("edit_persona")
            return Reply(
                "There are no personas yet to change: say “draft two personas” and I'll sketch "
                "them from the map's business, then add this to one of them.",
                intent="edit_persona",
            )
        brief_like = journey is None and len(text) > 30 and "?" not in text
        brief_like = brief_like and intent != "start_interview"
        if brief_like and (intent in ("draft_map", "business_fact") or reading.unsure):
            # "oh and members mostly cancel in feb": a fact added to what was said; like a
            # brief, it joins the brief (which asks while it is thin)
            added = intent == "business_fact" and _GOES_ON.match(text) is not None
            self._note("business_fact" if added else "draft_map")
            return self._draft(_without_lead(text))
        question = _is_question(text)
        asking = [
            n for n, p in reading.alternatives[:1] if n in _ASKS and p >= 0.8 * reading.confidence
        ]
        if question and intent not in _ASKS and asking:  # "Should pain points come from
            intent = asking[0]  # research or can I guess them?" asks, it does not add one
            self._note(intent, confidence=reading.confidence)
        elif intent == "out_of_scope" and reading.confidence >= 0.5:
            pass  # far from every example is what being out of scope looks like
        elif reading.far and reading.confidence >= FAR_BUT_SURE and not _close_call(reading):
            pass  # worded like no example, but the classifier has no doubt
        elif said_so:
            pass  # "what should the KPI be for the trial, and why?" asks for the measures
        elif reading.unsure and (
            reading.far or intent not in ("greeting", "how_to", "out_of_scope")
        ):
            options = list(dict.fromkeys([intent, *(name for name, _ in reading.alternatives)]))
            self._note("clarify", readings=options[:3])
            readable = [INTENT_LABELS.get(o, o.replace("_", " ")) for o in options]
            return Reply(
                "I'm not sure what you'd like. Did you mean to "
                + ", to ".join(readable[:-1])
                + f", or to {readable[-1]}?"
            )
        if intent == "greeting":
            return Reply(
                ("Hi! " if not journey else "Hello again! ")
                + (HELP if not journey else "What would you like to do with the map?")
            )
        if intent == "help":
            return Reply(HELP)
        if intent == "out_of_scope":
            return Reply(
                "That's outside what I do: I help with customer journey maps and personas. " + HELP
            )
        if intent in ("accept", "reject") and not self.session.pending:
            return Reply("Nothing is waiting for your approval: no change has been proposed.")
        if intent == "accept" and _DROP_SOME.match(low):
            intent = "reject"  # "bin 1 and 3": those go, the rest still wait
        if intent == "reject":
            from ..understanding.slots import chosen_changes

            dropped = chosen_changes(low, [c.reason for c in self.session.pending])
            return self._reject(dropped if re.search(r"\d|first|second|last", low) else [])
        if intent == "accept":
            from ..understanding.slots import chosen_changes

            numbers = chosen_changes(low, [c.reason for c in self.session.pending])
            self._note("accept", numbers=numbers)
            return self._accept(numbers)
        if intent in ("draft_map", "business_fact") and journey is None:
            return self._draft(_without_lead(text))  # the brief reader asks when it is thin
        if intent == "draft_map":
            if _ANOTHER_MAP.search(text):
                return self._draft(_ANOTHER_MAP_LEAD.sub("", text))
            if _POINTS_BACK.match(_without_lead(text).strip()) and self.session.brief_text:
                return self._drafted_already()  # "draft a map for that", just after the brief
            return self._draft(_without_lead(text))
        if intent == "redraft" and journey is not None:
            self._note("redraft")
            return self._propose_redraft()
        if intent == "start_interview" and self._paused is not None:  # one is under way
            self._note("reask", step=self._paused.name)
            return Reply("We're in the middle of it: one question at a time.")
        if intent == "start_interview" and journey is None:
            if _rich_brief(text) and _business_in(text) and not _GUIDED.search(text):
                # "I run a dog grooming van … can you help me map it out?"
                self._note("draft_map", answering="a brief with its request")
                return self._draft(_without_lead(text))
            return self._start_interview(text)
        if intent == "start_interview" and _GUIDED.search(text):  # asked for with a map open:
            return self._start_interview(text)  # a new map is drawn from the answers
        if intent == "compare_personas" and self._all_personas():
            return self._compare_personas(text)
        if intent == "edit_persona" and self._all_personas():
            return self._edit_persona(text)
        if intent in ("compare_personas", "edit_persona"):
            return Reply(
                "There are no personas yet to "
                + ("compare" if intent == "compare_personas" else "change")
                + ": say “draft two personas” and I'll sketch them from the map's business."
            )
        if intent == "draft_personas":
            return self._personas(low)
        if intent == "how_to":
            return self._answer(text)
        if journey is None and intent not in NO_MAP_OK:
            # "which stage hurts most?" asks about a map; guidance about pain points is no
            # answer to it (an unsure reading of a question may still be a how-to)
            if self._paused is not None:  # mid-interview: the map comes with the stages
                return Reply(
                    "There is no map yet: it appears as soon as you've told me the stages."
                )
            if "?" not in text or (intent in _READS_THE_MAP and not reading.unsure):
                return Reply(
                    "There is no map yet. Describe your business in a sentence or two "
                    "(what you offer, who buys it, how they find and buy from you) and I'll "
                    "draft one, or upload the map you have."
                )
            return self._answer(text)
        assert journey is not None
        if intent == "show_map":
            return self._map_overview()
        if intent == "whats_missing":
            return self._whats_missing()
        if intent == "rank_stage":
            return self._rank_stage(text)
        if intent == "stage_kpis":
            return self._stage_kpis(text)
        if intent == "critique":
            return self._critique()
        if intent == "improve_map":
            return self._improve(low)
        if intent == "explain_finding":
            from ..understanding.slots import find_stage

            where = find_stage(journey, text)
            if where is not None:
                return self._why(journey.stages[where].name)
            why = _WHY.search(low)
            if why:
                return self._why(why.group("stage"))
        if intent == "export":
            return self._export_help(text)
        if intent in ("undo", "redo"):
            return self._step_back(redo=intent == "redo")
        if intent in ("list_versions", "compare_versions"):
            return self._versions_help()
        if intent in ("split_stage", "merge_stages"):
            from ..understanding.slots import find_stage

            where = find_stage(journey, text)
            if where is not None:  # one stage is clear: ask for the missing detail only
                name = _md(journey.stages[where].name)
                return Reply(
                    f"What should the two parts of **{name}** be called? For example: “split "
                    f"{name} into Order and Pay”."
                    if intent == "split_stage"
                    else f"Which stage should **{name}** be merged with? For example: “merge "
                    f"{name} with the next one”."
                )
        if intent == "map_question":  # "how many stages are there?": not one for the guidance
            overview = self._map_overview()
            overview.text = f"Here is the map as it is now:\n\n{overview.text}"
            return overview
        hint = EDIT_HINTS.get(intent)
        if intent in _ITEM_ASKED and journey is not None:
            from ..understanding.slots import find_stage

            where = find_stage(journey, text)
            if where is not None:  # the stage is clear: ask only for the item, on this map
                name = journey.stages[where].name
                kind = _ITEM_ASKED[intent]
                return Reply(
                    f"Which {kind} should go on **{_md(name)}**? Say it like this: “add a "
                    f"{kind} to {_md(name)}: …” with the words you want on the map."
                )
        if hint:
            return Reply(
                f"It sounds like you want to {INTENT_LABELS.get(intent, intent)}, but I couldn't "
                f"work out the details. Say it like this: “{hint}”."
            )
        return self._answer(text)

    def _edit_in_words(self, text: str) -> Change | None:
        """An edit said in ordinary words, read by meaning (for the model's edit tool): the
        intent from the example bank's classifier, the details from the slot reader."""
        from ..understanding.slots import edit_request

        journey = self.session.map
        reading = _read_intent(text, has_map=True, pending=False)
        if journey is None or reading is None or reading.intent not in EDIT_HINTS:
            return None
        said = edit_request(journey, reading.intent, text)
        return Change(_reason(*said), *said) if said is not None else None

    def _whose(self, whose: str, part: str | None) -> Reply:
        """The parts of the map that are the user's own words (or the assistant's additions),
        stage by stage: what a reviewer checks first."""
        journey = self.session.map
        assert journey is not None
        user = whose == "user"
        label = {"touchpoints": "touchpoints", "pain_points": "pain points",
                 "opportunities": "ideas", "kpis": "KPIs"}  # fmt: skip
        lines: list[str] = []
        kinds = ["pain_points", "kpis"] if part == "problem" else [part] if part else list(label)
        for stage in journey.stages:
            said = []
            for kind in kinds:
                items = [
                    str(getattr(item, "name", None) or getattr(item, "description", ""))
                    + _figures_of(item)
                    for item in getattr(stage, kind)
                    if (item.provenance == Provenance.user) == user
                ]
                if items:
                    said.append(f"{label[kind]}: " + "; ".join(_md(i) for i in items[:4]))
            if said:
                lines.append(f"- **{_md(stage.name)}**: " + " · ".join(said))
        what = "pain points and KPIs" if part == "problem" else label[part] if part else "parts"
        if not lines:
            mine = "from what you told me" if user else "my additions"
            return Reply(f"None of the {what} on the map are {mine}.")
        head = (
            f"The {what} from what you told me (marked as yours on the map):"
            if user
            else f"The {what} I added (marked inferred: check them with customers and data):"
        )
        return Reply("\n".join([head, "", *lines]))

    def _map_overview(self) -> Reply:
        """The whole map in a few lines: each stage with how it feels, where customers meet it
        and what hurts there, then the personas."""
        journey = self.session.map
        assert journey is not None
        lines = [f"**{_md(journey.title)}**, {len(journey.stages)} stages:", ""]
        for n, stage in enumerate(journey.stages, 1):
            said = []
            if stage.emotion:
                said.append(f"feels {stage.emotion.score}/5")
            if stage.touchpoints:
                said.append("at " + ", ".join(_md(t.name) for t in stage.touchpoints[:3]))
            if stage.pain_points:
                more = len(stage.pain_points) - 1
                said.append(
                    f"hurts: {_md(stage.pain_points[0].description)}"
                    + (f" (and {more} more)" if more else "")
                )
            lines.append(f"{n}. **{_md(stage.name)}**: {'; '.join(said) or 'nothing on it yet'}")
        personas = self._all_personas()
        if personas:
            lines += ["", "Personas: " + ", ".join(_md(p.name) for p in personas) + "."]
        lines += ["", "Ask me about any stage for the rest of it, or what's missing."]
        return Reply("\n".join(lines))

    def _stage_summary(self, index: int) -> Reply:
        """One stage in a few lines: what it was read as, who owns it, where customers meet
        it, how it feels, what hurts, how it is measured."""
        from ..understanding.stages import read_phases

        journey = self.session.map
        assert journey is not None
        stage = journey.stages[index]
        phase = read_phases(journey.stages, journey.context.industry)[index].phase

        def listed(items: list[str]) -> str:
            return ", ".join(_md(i) for i in items[:4]) or "none yet"

        feeling = (
            f"{stage.emotion.score}/5"
            + (f" ({_md(stage.emotion.label)})" if stage.emotion.label else "")
            if stage.emotion
            else "not set"
        )
        lines = [
            f"**{_md(stage.name)}** (stage {index + 1} of {len(journey.stages)}"
            + (f", read as {phase.value}" if phase else "")
            + ")",
            f"- Customers: {listed(stage.actions)}",
            f"- Touchpoints: {listed([t.name for t in stage.touchpoints])}",
            f"- Feeling: {feeling}",
            f"- Pain points: {listed([p.description for p in stage.pain_points])}",
            f"- KPIs: {listed([k.name for k in stage.kpis])}",
            f"- Owners: {listed(stage.owners)}",
        ]
        return Reply("\n".join(lines))

    def _emotion_by_meaning(self, text: str) -> Change | None:
        """'the emotion at checkout should be lower, like 2': the stage and score by meaning."""
        from ..understanding.slots import emotion_change, find_stage, stage_of_the_pain

        journey = self.session.map
        assert journey is not None
        where = find_stage(journey, text)
        if where is None:
            where = stage_of_the_pain(journey, text)  # "the mess stage is more like a 1"
        names = [s.name for s in journey.stages]
        pointed = re.search(r"\b(?:it|this|that)\b", text, re.I)  # "make it feel worse":
        if where is None and pointed and self.session.focus in names:  # the stage in focus
            where = names.index(self.session.focus)
        if where is None:
            return None
        stage = journey.stages[where]
        score = emotion_change(text, stage.emotion.score if stage.emotion else None)
        if score is None:
            return None
        name = stage.name
        return Change(
            f"set the emotion of '{name}' to {score}",
            "set_emotion",
            {"stage": name, "score": score},
        )

    def _whats_missing(self) -> Reply:
        from ..critique import critique_map

        assert self.session.map is not None
        result = critique_map(self.session.map)
        lines = []
        if result.missing_stages:
            lines.append(
                "Missing stages: " + ", ".join(_md(m) for m in result.missing_stages) + "."
            )
        by_stage: dict[str, list[str]] = {}
        for m in result.missing_touchpoints:
            by_stage.setdefault(m.stage, []).append(m.name)
        for stage, names in list(by_stage.items())[:4]:
            lines.append(f"- {_md(stage)}: no {', '.join(_md(n) for n in names[:2])}")
        gaps = [f for f in result.findings if f.rule_id in GAP_RULES and f.severity.rank >= 2]
        for f in gaps[:5]:
            where = f" [{_md(f.stage)}]" if f.stage else ""
            lines.append(f"- {_md(f.message)}{where}")
        if not lines:
            return Reply(
                "Nothing obvious is missing: every phase is covered and each stage has "
                "its lanes. Say “critique the map” for the full review."
            )
        lines.insert(0, "What the map is missing:")
        lines.append("Say “fix it” and I'll propose what I can fill in.")
        return Reply("\n".join(lines))

    def _rank_stage(self, text: str) -> Reply:
        assert self.session.map is not None
        best = bool(re.search(r"\b(best|strongest|happiest|good|great|well|least)\b", text, re.I))
        stages = self.session.map.stages

        def pain(stage: Any) -> tuple[float, int]:
            score = stage.emotion.score if stage.emotion else 3
            return (score, -len(stage.pain_points))

        if not any(s.emotion or s.pain_points for s in stages):
            return Reply(
                "The map has no emotions or pain points yet, so I can't tell which stage "
                "hurts most. Give each stage an emotion from 1 to 5 (“set the emotion of "
                f"{_md(stages[0].name)} to 3”) or add its pain points."
            )
        ranked = sorted(stages, key=pain, reverse=best)
        stage = ranked[0]
        feeling = (
            f"emotion {stage.emotion.score}"
            + (f" ({_md(stage.emotion.display_label)})" if stage.emotion.label else "")
            if stage.emotion
            else "no emotion set"
        )
        pains = "; ".join(_md(p.description) for p in stage.pain_points[:3])
        word = "best" if best else "hurts most"
        self._note("rank_stage", **{**self._turn[1], "stage": stage.name})
        reply = f"**{_md(stage.name)}** {word}: {feeling}"
        reply += f", {len(stage.pain_points)} pain point(s): {pains}." if pains else "."
        if len(ranked) > 1:
            reply += f" Next: {_md(ranked[1].name)}."
        return Reply(reply)

    def _stage_kpis(self, text: str = "") -> Reply:
        from ..critique.context import Context
        from ..critique.rules import phase_kpis
        from ..understanding.slots import find_stage

        assert self.session.map is not None
        ctx = Context.build(self.session.map)
        one = None if _EVERY_STAGE.search(text) else find_stage(self.session.map, text)
        if one is not None:  # "what should the KPI be for the trial?": that stage, and why
            return self._one_stage_kpis(ctx, one)
        lines = ["How to measure each stage (yours first, then suggestions):"]
        for stage, phase in zip(ctx.stages, ctx.phases, strict=True):
            own = [k.name for k in stage.kpis]
            ideas = [k for k in (phase_kpis(ctx, phase) if phase else []) if k not in own][:2]
            said = ", ".join(_md(k) for k in own) or "none yet"
            extra = f"; could add {', '.join(_md(k) for k in ideas)}" if ideas else ""
            lines.append(f"- **{_md(stage.name)}**: {said}{extra}")
        return Reply("\n".join(lines))

    def _one_stage_kpis(self, ctx: Any, one: int) -> Reply:
        """How to measure one stage: its KPIs and up to four more for its phase, each with
        what it measures where the catalogue says."""
        from ..critique.rules import phase_kpis

        stage, phase = ctx.stages[one], ctx.phases[one]
        own = [k.name for k in stage.kpis]
        ideas = [k for k in (phase_kpis(ctx, phase) if phase else []) if k not in own][:4]
        self._note("stage_kpis", stage=stage.name)
        meant = _kpi_definitions(ctx)

        def line(kpi: str) -> str:  # ("Customer satisfaction score (CSAT)" as named, or
            # "Visits finished in one go (%)" without its unit)
            what = meant.get(kpi.lower()) or meant.get(re.sub(r"\s*\([^)]*\)$", "", kpi).lower())
            return f"- {_md(kpi)}" + (f": {_md(what)}" if what else "")

        lines = [f"How to measure **{_md(stage.name)}**:"]  # (a blank line ends each list)
        if own:
            lines += ["", "On the map now:", *map(line, own)]
        if ideas:
            lines += ["", "Could add:" if own else "Suggested:", *map(line, ideas)]
        if not own and not ideas:
            lines.append("- No suggestion for this stage: what would tell you it went well?")
        lines.append(
            "\nPick the one that moves when this stage gets better; to add one, say “add a KPI "
            f"to {_md(stage.name)}: …”."
        )
        return Reply("\n".join(lines))

    # --- intents -----------------------------------------------------------------------------

    def _draft(self, brief: str) -> Reply:
        from ..drafting import draft_map
        from ..understanding import read_brief

        text = ". ".join([*self.session.brief, brief]) if self.session.map is None else brief
        reading = read_brief(text, map_type=self.session.map_type)
        understood = "\n".join(f"- {_md(line)}" for line in reading.summary())
        if reading.thin:  # ask, do not guess: the answers are added to the brief
            said = reading.business or reading.offering or reading.channels or reading.problems
            self.session.brief = [text] if said else []
            asks = "\n".join(f"{n}. {_md(q)}" for n, q in enumerate(reading.questions, 1))
            return Reply(
                f"Here is what I understood so far:\n\n{understood}\n\nThat is too little "
                "to map your business without guessing. Tell me:\n\n" + asks
            )
        self.session.brief = []
        self.session.brief_text, self.session.facts = text, []
        result = draft_map(text, model=self.model, reading=reading)
        self.session.map = result.map
        self.session.pending = []
        version = self.save(result.map, "drafted from chat", True) if self.save else None
        c = result.critique
        names = ", ".join(_md(s.name) for s in result.map.stages)
        lines = [
            f"Drafted **{_md(result.map.title)}** with the {result.engine} engine: "
            f"{len(result.map.stages)} stages ({names}).",
            f"Critique score **{c.score}/100**, {len(c.findings)} finding(s).",
        ]
        if result.fallback_reason:
            lines.insert(
                0, f"⚠️ The model failed ({_md(result.fallback_reason)}); this is the offline draft."
            )
        lines.append(f"**What I understood** (tell me what is wrong):\n\n{understood}")
        if reading.questions and not reading.industry.used:
            asks = " ".join(_md(q) for q in reading.questions)
            lines.append(f"To make it fit better, tell me: {asks}")
        if version:
            lines.append(f"Saved as version {version}.")
        lines.append("Ask me to critique it, fix it, or edit a stage.")
        return Reply("\n\n".join(lines), map_changed=True)

    def _critique(self) -> Reply:
        from ..critique import critique_map

        assert self.session.map is not None
        result = critique_map(self.session.map)
        lines = [
            f"Score **{result.score}/100** ({result.map_type.label.lower()}"
            f"{', ' + result.industry if result.industry else ''})."
        ]
        if result.missing_stages:
            lines.append("Missing stages: " + ", ".join(result.missing_stages) + ".")
        for f in [f for f in result.findings if f.severity.rank >= 2][:8]:
            where = f" [{_md(f.stage)}]" if f.stage else ""
            lines.append(f"- **{f.severity.value}** {f.rule_id}{where}: {_md(f.message)}")
        if result.improvements:
            lines.append(f"Top improvement: {_md(result.improvements[0].action)}")
        lines.append("Say “fix it” to see the changes I can make.")
        return Reply("\n".join(lines))

    def _why(self, stage_name: str) -> Reply:
        from ..critique import critique_map

        assert self.session.map is not None
        stage = self.session.map.stages[edits._index(self.session.map, stage_name)]
        findings = [f for f in critique_map(self.session.map).findings if f.stage == stage.name]
        parts = [
            f"**{_md(stage.name)}**: emotion "
            f"{stage.emotion.score if stage.emotion else 'not set'}"
            f"{' (' + _md(stage.emotion.display_label) + ')' if stage.emotion else ''}."
        ]
        if stage.pain_points:
            parts.append(
                "Pain points: " + "; ".join(_md(p.description) for p in stage.pain_points) + "."
            )
        for f in findings[:5]:
            parts.append(f"- {f.rule_id}: {_md(f.message)} → {_md(f.suggestion or '')}")
        if len(parts) == 1:
            parts.append("No rule flags this stage.")
        return Reply("\n".join(parts))

    def _personas(self, low: str) -> Reply:
        from ..personas import draft_personas

        count_words = {"one": 1, "two": 2, "three": 3, "four": 4}
        found = re.search(r"\b(\d|one|two|three|four)\b", low)
        count = 2
        if found:
            count = int(found.group(1)) if found.group(1).isdigit() else count_words[found.group(1)]
        journey = self.session.map
        said = " ".join([self.session.brief_text, *self.session.facts]).strip()
        # the brief the map was drafted from names the customers; a map's title does not
        brief = said or ((journey.context.product or journey.title) if journey else low)
        result = draft_personas(brief, count, model=self.model)
        self.session.personas = result.personas
        lines = [f"Drafted {len(result.personas)} proto-personas (assumptions to validate):"]
        for p in result.personas:
            lines.append(
                f"- **{_md(p.name)}**: {_md(p.goals[0].text if p.goals else '')}; "
                f"frustrated by {_md(p.frustrations[0].text.lower() if p.frustrations else '')}"
            )
        lines.append("\nSee them on the Personas tab.")  # a paragraph, not the last item
        return Reply("\n".join(lines))

    def _all_personas(self) -> list[Persona]:
        """The conversation's personas, else the map's."""
        journey = self.session.map
        return self.session.personas or (list(journey.personas) if journey else [])

    def _compare_personas(self, text: str) -> Reply:
        """Two personas side by side: the two the message names, else the first two."""
        from ..understanding.slots import personas_named

        personas = self._all_personas()
        if len(personas) < 2:
            return Reply("There is only one persona to compare; say “draft two personas” for more.")
        named = personas_named([p.name for p in personas], text)
        chosen = [personas[i] for i in named[:2]]
        chosen += [p for p in personas if p not in chosen][: 2 - len(chosen)]
        self._note("compare_personas", personas=[p.name for p in chosen])
        a, b = chosen

        def cell(persona: Persona, lane: str) -> str:
            if lane == "quote":
                return _md(persona.quote or "")
            if lane == "preferred_channels":
                return ", ".join(c.value.replace("_", " ") for c in persona.preferred_channels)
            items: list[Any] = getattr(persona, lane)
            return "; ".join(_md(i.text) for i in items[:2])

        lanes = {
            "goals": "Goals", "frustrations": "Frustrations", "behaviours": "Behaviours",
            "objections": "Objections", "preferred_channels": "Channels", "quote": "In their words",
        }  # fmt: skip
        rows = [f"| | **{_md(a.name)}** | **{_md(b.name)}** |", "|---|---|---|"]
        rows += [
            f"| {label} | {cell(a, lane)} | {cell(b, lane)} |"
            for lane, label in lanes.items()
            if cell(a, lane) or cell(b, lane)
        ]
        shared = {c for c in a.preferred_channels} & {c for c in b.preferred_channels}
        reach = (
            "They share "
            + ", ".join(c.value.replace("_", " ") for c in sorted(shared, key=str))
            + ": one message there reaches both."
            if shared
            else "They prefer different channels: plan a touchpoint for each."
        )
        return Reply("\n".join(rows) + f"\n\n{reach}")

    def _edit_persona(self, text: str) -> Reply:
        """A change to one persona, in words ("add 'needs approval from the CFO' to Finance
        Fiona's objections"): applied to the conversation's personas at once."""
        from ..models import PersonaItem, Provenance
        from ..understanding.slots import persona_edit

        personas = [p.model_copy(deep=True) for p in self._all_personas()]
        found = persona_edit([p.name for p in personas], text, [p.role or "" for p in personas])
        if found is None:
            names = ", ".join(_md(p.name) for p in personas)
            return Reply(
                f"Which persona ({names}), which part of it and what should it say? For "
                f"example: “add 'wants it by Friday' to {_md(personas[0].name)}'s goals”."
            )
        index, lane, said = found
        persona = personas[index]
        if lane == "channels":
            return self._persona_channels(personas, index, text, said)
        self._note("edit_persona", persona=persona.name, field=lane, text=said)
        if lane in ("quote", "role"):
            setattr(persona, lane, said)
        else:
            getattr(persona, lane).append(PersonaItem(text=said, provenance=Provenance.user))
        self.session.personas = personas
        single = lane in ("quote", "role")
        return Reply(
            f"Updated **{_md(persona.name)}**: {lane} {'is' if single else 'now include'} "
            f"“{_md(said)}”. See the Personas tab."
        )

    def _persona_channels(self, personas: list[Any], index: int, text: str, said: str) -> Reply:
        """A persona's preferred channels, said in words ("channels to: mobile and the
        council app only, no email"): set when the message sets them, else added."""
        from ..vocab import infer_channel

        persona = personas[index]
        wanted = []
        for piece in re.split(r",|;|/|\+|\band\b|\bor\b|\bplus\b", said, flags=re.I):
            if not piece.strip() or re.match(r"\s*(?:no|not|never)\b", piece, re.I):
                continue  # "no email": a channel they do not use
            channel = infer_channel(piece)
            if channel is not None and channel not in wanted:
                wanted.append(channel)
        if not wanted:
            return Reply(
                f"Which channels does {_md(persona.name)} use? For example: “{_md(persona.name)}'s "
                "channels: phone and text messages”."
            )
        self._note("edit_persona", persona=persona.name, field="channels", text=said)
        replace = re.search(  # "change Tom's channels to …", "channels: phone only"; but "add
            r"\b(?:change|set|should be|only|just)\b|\bchannels?\s*(?:to|=|:|are|is)\b",  # email to
            text,  # Sita's channels" adds
            re.I,
        )
        kept = [] if replace else [c for c in persona.preferred_channels if c not in wanted]
        persona.preferred_channels = [*kept, *wanted]
        self.session.personas = personas
        listed = ", ".join(c.value.replace("_", " ") for c in persona.preferred_channels)
        return Reply(
            f"Updated **{_md(persona.name)}**: preferred channels are now {listed}. "
            "See the Personas tab."
        )

    def _answer(self, question: str) -> Reply:
        if self.search is None:
            return Reply(HELP)
        snippets = self.search(question, 3)
        if not snippets:
            return Reply("I found nothing on that in the guidance or your documents.")
        from ..understanding.content import answer_sentences

        documents = any(s.kind == "document" for s in snippets)
        picked = answer_sentences(question, [s.text for s in snippets])
        if not picked:
            return Reply("I found nothing on that in the guidance or your documents.")
        places = [f"{snippets[p].source} › {snippets[p].heading}" for _, p in picked]
        cited = list(dict.fromkeys(places))  # one number per guide section
        answer = " ".join(
            f"{_md(sentence)} [{cited.index(place) + 1}]"
            for (sentence, _), place in zip(picked, places, strict=True)
        )
        where = "the guidance and your documents" if documents else "the guidance"
        sources = "; ".join(f"[{n}] {_md(place)}" for n, place in enumerate(cited, 1))
        return Reply(f"{answer}\n\n*From {where}: {sources}*")

    # --- proposals ---------------------------------------------------------------------------

    def _parse_edit(self, text: str) -> Change | None:
        low = text.lower()
        m = re.match(
            r"add (?:an? |the )?(?P<what>.+?) (?:lane |touchpoint |channel )?"
            r"(?:to|in|at) (?:the )?(?P<stage>.+?)(?: stage)?$",
            low,
        )
        if m and not m.group("what").startswith("stage"):
            what = text[m.start("what") : m.end("what")]
            what = re.sub(r"\s+(lane|touchpoint|channel)$", "", what, flags=re.IGNORECASE)
            stage = m.group("stage")
            told = re.match(
                r"(?P<stage>[^:]{2,}?)\s*:\s*(?P<name>\S.{2,})$", text[m.start("stage") :]
            )
            channel = None
            if told is not None:  # "add an SMS touchpoint to Deliver: a text when the bus
                from ..vocab import infer_channel  # leaves": the touchpoint is the text, by SMS

                found = infer_channel(what)
                channel = found.value if found is not None else None
                stage, what = told.group("stage"), told.group("name").rstrip(" .!")
            journey = self.session.map
            if journey is not None:  # "… to wait for the day because people keep asking":
                from ..understanding.slots import find_stage  # the stage's own name

                where = find_stage(journey, stage)
                stage = journey.stages[where].name if where is not None else stage
            name = what[:1].upper() + what[1:]
            return Change(
                f"add touchpoint '{name}' to '{stage}'",
                "add_touchpoint",
                {"stage": stage, "name": name, **({"channel": channel} if channel else {})},
            )
        m = re.match(
            r"add (?:a )?(?:new )?stage (?:called )?(?P<name>.+?)"
            r"(?: after (?P<after>.+))?$",
            text,
            re.IGNORECASE,
        )
        if m and not re.match(r"(?:after|before|between|at|to|in)\b", m.group("name"), re.I):
            # "add a stage after browse called Taste" is read by meaning, not as the name
            name, after = m.group("name").strip("'\""), m.group("after")
            return Change(f"add stage '{name}'", "add_stage", {"name": name, "after": after})
        m = re.match(
            r"rename (?:the )?(?:stage )?(?P<old>.+?) (?:stage )?to (?P<new>.+)$",
            text,
            re.IGNORECASE,
        )
        if m:
            old, new = m.group("old").strip("'\""), m.group("new").strip("'\"")
            quoted = re.match(r"\s*['\"“‘](?P<q>[^'\"“”‘’]+)['\"”’]", m.group("new"))
            new = quoted.group("q") if quoted else new  # "to 'Scroll past us' - on brand"
            journey = self.session.map
            names = [s.name for s in journey.stages] if journey is not None else []
            if journey is not None and old.lower() not in (n.lower() for n in names):
                from ..understanding.slots import find_stage  # "the instagram stage": the

                where = find_stage(journey, old)  # one met on Instagram, else said otherwise
                if where is None:
                    return None
                old = names[where]
            return Change(
                f"rename '{old}' to '{new}'", "rename_stage", {"old": old, "new_name": new}
            )
        m = re.match(
            r"(?:remove|delete|drop) (?:the )?(?:stage )?(?P<name>.+?)(?: stage)?$",
            text,
            re.IGNORECASE,
        )
        if m:
            name = m.group("name").strip("'\"")
            return Change(f"remove stage '{name}'", "remove_stage", {"name": name})
        m = re.match(
            r"move (?:the )?(?:stage )?(?P<name>.+?) to (?:position )?(?P<pos>\d+)",
            text,
            re.IGNORECASE,
        )
        if m:
            name, pos = m.group("name"), int(m.group("pos"))
            return Change(
                f"move '{name}' to position {pos}", "move_stage", {"name": name, "position": pos}
            )
        m = re.match(
            r"set (?:the )?emotion (?:of|for|at|in) (?P<stage>.+?) to (?P<score>\d)"
            r"(?:\s*\((?P<label>[^)]+)\))?",
            text,
            re.IGNORECASE,
        )
        if m:
            stage, score, label = m.group("stage"), int(m.group("score")), m.group("label")
            return Change(
                f"set the emotion of '{stage}' to {score}",
                "set_emotion",
                {"stage": stage, "score": score, "label": label},
            )
        m = re.match(
            r"pair (?P<pain>.+?) (?:in|at) (?P<stage>.+?) with (?P<opp>.+)$", text, re.IGNORECASE
        )
        if m:
            pain, stage, opp = m.group("pain"), m.group("stage"), m.group("opp")
            return Change(
                f"pair '{pain}' with '{opp}'",
                "pair_pain_point",
                {"stage": stage, "pain": pain, "opportunity": opp},
            )
        return None

    def _still_waiting(self, changes: list[Change]) -> list[Change]:
        """The edits already proposed that stay proposed beside ``changes`` ("call it X", then
        "make it a 2": both wait for one yes); none when either is a redraft or a set of fixes,
        or when the new edits no longer fit after the waiting ones (then they replace them)."""
        waiting = self.session.pending
        journey = self.session.map
        if not waiting or journey is None:
            return []
        if any(c.operation in _WHOLE_MAP_CHANGES for c in [*waiting, *changes]):
            return []
        try:
            for change in [*waiting, *changes]:
                journey = change.apply(journey)
        except (JourneyError, ValueError, KeyError):
            return []
        return list(waiting)

    def _propose(self, changes: list[Change], title: str = "") -> Reply:
        """Show every proposed change whole (each its own numbered diff) and keep them
        pending; nothing changes until "accept" (all, or "accept 1 3")."""
        assert self.session.map is not None
        waiting = self._still_waiting(changes) if not title else []
        changes = [*waiting, *changes]
        blocks: list[str] = []
        preview = self.session.map
        for n, change in enumerate(changes, start=1):
            after = change.apply(preview)  # validates now: a bad edit fails before proposing
            diff = diff_maps(preview, after).lines() or ["(no change to stages or lanes)"]
            body = "\n".join(_code(line) for line in diff)  # whole: nothing is applied unseen
            blocks.append(f"**{n}. {_md(change.reason)}**\n\n```diff\n{body}\n```")
            preview = after
        self.session.pending = changes
        heading = f"{_md(title)}: " if title else ""
        several = len(changes) > 1
        before = (
            f"; {_numbers(len(waiting))} {'was' if len(waiting) == 1 else 'were'} already waiting"
            if waiting
            else ""
        )
        top = f"{heading}Proposed change{f's ({len(changes)}{before})' if several else ''}:\n\n"
        end = (
            "\n\nSay “accept” to apply "
            + ("them all, “accept 1 3” for some of them" if several else "it")
            + ", “reject” to drop."
        )
        rich = None
        if len(changes) > FOLD_AFTER:  # many changes: one fold each, every one still whole
            folds = [
                f"<details><summary>{n}. {escape(change.reason)}</summary>\n\n"
                + block.split("\n\n", 1)[1]
                + "\n\n</details>"
                for n, (change, block) in enumerate(zip(changes, blocks, strict=True), start=1)
            ]
            rich = top + "\n\n".join(folds) + end
        return Reply(top + "\n\n".join(blocks) + end, rich=rich)

    @staticmethod
    def _business_fact(text: str, reading: Any) -> dict[str, list[str]] | None:
        """What a message tells about the business, when it is a statement (not a request)
        and the example bank reads it as one, is unsure, or only weakly reads it as something
        else while the brief reader finds facts in it. Measured on labelled messages: see
        evals/devsets/messages/facts-*.yaml."""
        from ..understanding.statements import is_statement

        if not is_statement(text):
            return None
        told = _tells_more(text)
        if reading.intent == "business_fact" or reading.unsure:
            return told or {"said": [text]}
        return told if told is not None and reading.confidence < FACT_OVERRIDE else None

    def _drafted_already(self) -> Reply:
        """ "Draft a map for that" said of the brief the map was drafted from: the map in view
        is that draft, or, with facts told since, a redraft is proposed."""
        if self.session.facts:
            self._note("redraft")
            return self._propose_redraft()
        journey = self.session.map
        assert journey is not None
        self._note("draft_map", answering="the brief told before")
        names = ", ".join(_md(s.name) for s in journey.stages)
        return Reply(
            f"The map in view is drafted from what you told me: **{_md(journey.title)}**, "
            f"{len(journey.stages)} stages ({names}). Tell me what to change, or tell me more "
            "about the business and say “redo the map”."
        )

    def _propose_redraft(self, told: dict[str, list[str]] | None = None) -> Reply:
        """Draft the map again from its brief and what the user has told since, as a
        proposal (the current map stays as it is until "accept")."""
        session = self.session
        parts = [f"{kind}: {', '.join(map(_md, values))}" for kind, values in (told or {}).items()]
        heard = f"Noted: {'; '.join(parts)}.\n\n" if parts else ""
        if not session.brief_text:
            return Reply(
                heard + "This map wasn't drafted here, so I can't redraft it from a brief. "
                "Describe the business in a few sentences and say “draft a map” for a new one."
            )
        said = [session.brief_text, *session.facts]
        brief = ". ".join(part.rstrip(". ") for part in said)
        reply = self._propose(
            [
                Change(
                    "redraft the map with what you told me",
                    "redraft",
                    {"brief": brief, "map_type": session.map_type},
                )
            ]
        )
        reply.text = heard + reply.text
        return reply

    def _propose_improvements(
        self, reason: str, map_type: MapType | None, severity: set[str] | None = None
    ) -> Reply:
        """The fixes the offline engine can make, one proposed change per stage (so any of
        them can be accepted alone); with ``severity``, only the fixes for findings of it."""
        from collections import Counter

        from ..critique import critique_map
        from ..critique.improve import improvement_plan

        journey = self.session.map
        assert journey is not None
        chosen = map_type.value if map_type is not None else None
        plan = improvement_plan(journey, map_type=chosen)
        if severity:
            findings = critique_map(journey, map_type=map_type).findings
            rules = {f.rule_id for f in findings if f.severity.value in severity}
            plan = [fix for fix in plan if fix.rule in rules]
            if not plan:
                counts = Counter(f.severity.value for f in findings)
                found = ", ".join(f"{n} {level}" for level, n in counts.items()) or "none"
                asked = " or ".join(sorted(severity))
                present = [level for level in ("critical", "major", "minor") if counts[level]]
                other = next((level for level in present if level not in severity), None)
                offer = f"“fix the {other} ones”, or " if other else ""
                return Reply(
                    f"No finding that I can fix is {asked} (the findings: {found}). Say "
                    f"{offer}“fix everything” for all the fixes I can make."
                )
        if not plan and map_type is None:
            return Reply(
                "There is nothing the offline engine can add: the map has what the rules check."
            )
        by_stage: dict[str, list[str]] = {}
        for fix in plan:
            by_stage.setdefault(fix.stage, []).append(fix.key)
        changes = [
            Change(
                f"{stage or 'The map'}: {len(keys)} fix{'es' if len(keys) > 1 else ''}",
                "improve",
                {"map_type": chosen, "only": keys},
            )
            for stage, keys in by_stage.items()
        ] or [Change(reason, "improve", {"map_type": chosen, "only": []})]
        return self._propose(changes, title=reason)

    def _step_back(self, *, redo: bool) -> Reply:
        """Undo the last accepted change (or redo the last undone one), saved as a new version
        so that nothing is lost; the diff says what moved."""
        session = self.session
        source, target = (session.redo, session.undo) if redo else (session.undo, session.redo)
        if session.map is None or not source:
            what = "undone to redo" if redo else "accepted in this conversation to undo"
            return Reply(
                f"There is no change {what}. Earlier versions of the map are on the Maps tab "
                "(or `journey versions`), and none is ever lost."
            )
        before = session.map
        target.append(before)
        session.map = source.pop()
        lines = diff_maps(before, session.map).lines() or ["(no change to stages or lanes)"]
        body = "\n".join(_code(line) for line in lines)
        word = "Redid" if redo else "Undid"
        again = "“undo” to take it back" if redo else "“redo” to put it back"
        done = f"{word} the last change:\n\n```diff\n{body}\n```\n\nSay {again}."
        return self._save(f"{word.lower()} the last change", applied=1, done=done)

    def _accept(self, numbers: list[int]) -> Reply:
        session = self.session
        assert session.map is not None
        chosen = [c for n, c in enumerate(session.pending, start=1) if not numbers or n in numbers]
        if not chosen:
            return Reply(f"There is no change number {', '.join(map(str, numbers))}.")
        journey = session.map
        for change in chosen:
            journey = change.apply(journey)
        edits = len(diff_maps(session.map, journey).lines())
        total = len(session.pending)
        session.undo = [*session.undo, session.map][-UNDO_DEPTH:]
        session.redo = []
        session.map, session.pending = journey, []
        done = f"Applied {len(chosen)} of {total} proposed change(s) ({edits} edit(s) to the map)."
        return self._save("; ".join(c.reason for c in chosen)[:500], applied=len(chosen), done=done)

    def _save(self, message: str, applied: int = 0, done: str = "") -> Reply:
        assert self.session.map is not None
        version = self.save(self.session.map, message) if self.save else None
        done = done or (f"Applied {applied} change(s)." if applied else "Saved.")
        return Reply(
            done + (f" Saved as version {version}." if version else ""), map_changed=bool(applied)
        )
