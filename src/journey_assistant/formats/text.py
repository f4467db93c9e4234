"""Free text: numbered or bulleted stage lists with touchpoints, feelings and pain points in prose.

The reader is deterministic and handles the common shapes: ``1. Discover: ...``,
``Stage 2 - Book``, ``## Stay``, ``Awareness:`` on its own line, or ``A -> B -> C``. Under a
stage, labelled lines (``Touchpoints: ...``, ``Feels: ...``) fill their lane; other sentences
are sorted into actions, thoughts (quoted), pain points and emotions by their wording, and
channels named in them (Instagram, the front desk, Booking.com...) become touchpoints.
"""

from __future__ import annotations

import re

from ..errors import MapFormatError
from ..models import JourneyMap
from ..vocab import NAMED_TOUCHPOINTS as _KNOWN_TOUCHPOINTS
from ..vocab import Channel, emotion_score, infer_channel
from .grid import LANE_TITLES, META_KEYS, lane_cell, lane_of, rows_to_map

_STAGE_PREFIX = re.compile(
    r"^\s*(?:#{1,6}\s*)?(?:(?:stage|phase|step)\s*\d*\s*[:.)\-–—]\s*|\d{1,2}\s*[.)]\s+|"
    r"(?:stage|phase|step)\s+\d+\s+)(.+)$",
    re.IGNORECASE,
)
_HEADING = re.compile(r"^\s*#{1,6}\s+(.+?)\s*#*$")
_LABELLED = re.compile(r"^\s*(?:[-*•]\s+)?\**([A-Za-z][A-Za-z /&]{1,30}?)\**\s*:\s*(.*)$")
_BULLET = re.compile(r"^\s*[-*•]\s+(.+)$")
_ARROWS = re.compile(r"\s*(?:->|→|=>|>)\s*")

_PAIN_CUES = re.compile(
    r"\b(frustrat\w*|annoy\w*|confus\w*|hard to|difficult|can't|cannot|couldn't|unable|"
    r"slow|wait\w*|delay\w*|long queue|queue|problem\w*|issue\w*|broken|fails?|error\w*|"
    r"hidden|unclear|no way to|too many|too long|expensive|surprise\w*|lost|doesn't|don't|"
    r"won't|complain\w*|pain)\b",
    re.IGNORECASE,
)
_IDEA_CUES = re.compile(
    r"^(?:idea|opportunity|we could|we should|could|should|fix|improve)\b"
    r"|\b(?:we could|we should)\b",
    re.IGNORECASE,
)
_FEELING_CUES = re.compile(
    r"\b(feel\w*|felt|is|are|was|were|gets?|got|becomes?|mood|lov\w+|enjoy\w*|hat\w+|"
    r"annoy\w*|frustrat\w*|worr\w+|delight\w*)\b",
    re.IGNORECASE,
)
_FEELING_ONLY = re.compile(
    r"(?:she|he|they|we|i|you|the \w+|customers?|guests?|users?)?\s*(?:feels?|felt|is|are|"
    r"was|were|gets?|becomes?)\s+(?:very |quite |a bit |really )?\w+\.?",
    re.IGNORECASE,
)
_GENERIC = {"Reviews", "Email", "Phone", "Chat", "Ads", "Event", "Store", "Website"}


def read(text: str, *, source: str | None = None) -> JourneyMap:
    """Parse free text into a map; raise :class:`MapFormatError` when no stages are found."""
    lines = [ln.rstrip() for ln in text.replace("\r\n", "\n").split("\n")]
    title: str | None = None
    meta: list[list[str]] = []
    blocks: list[tuple[str, list[str]]] = []
    levels = [len(m.group(1)) for ln in lines if (m := re.match(r"^\s*(#{1,6})\s", ln))]
    title_level = (
        min(levels) if levels and levels.count(min(levels)) == 1 and len(set(levels)) > 1 else None
    )
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        heading = re.match(r"^(#{1,6})\s+(.+?)\s*#*$", line)
        if heading and title_level and len(heading.group(1)) == title_level and title is None:
            title = heading.group(2).strip()
            continue
        name, rest = _stage_header(raw)
        if name is not None:
            blocks.append((name, [rest] if rest else []))
            continue
        labelled = _LABELLED.match(raw)
        if not blocks:
            if labelled and labelled.group(1).strip().lower() in META_KEYS:
                meta.append([labelled.group(1), labelled.group(2)])
            elif _ARROWS.search(line) and len(_ARROWS.split(line)) >= 3:
                blocks.extend((s.strip(" .*"), []) for s in _ARROWS.split(line) if s.strip(" .*"))
            elif title is None and len(line.split()) <= 12:
                title = line.strip("#* ").rstrip(":")
            continue
        blocks[-1][1].append(raw)
    if not blocks:
        raise MapFormatError(
            "found no stages in the text; number them ('1. Discover: ...'), start lines with "
            "'Stage 1:' or put each stage name on its own line ending with ':'.",
            source=source,
        )
    rows: list[list[str]] = [*meta]
    if title and not any(m[0].strip().lower() == "title" for m in meta):
        rows.insert(0, ["Title", title])
    rows.append([])
    stage_rows: dict[str, list[str]] = {"stage": [b[0] for b in blocks]}
    for idx, (_, body) in enumerate(blocks):
        for lane, value in _classify(body).items():
            stage_rows.setdefault(lane, [""] * len(blocks))[idx] = value
    rows.append(["Stage", *stage_rows.pop("stage")])
    for lane, values in stage_rows.items():
        rows.append([LANE_TITLES.get(lane, lane), *values])
    return rows_to_map(rows, source=source)


def _stage_header(raw: str) -> tuple[str | None, str]:
    """(stage name, rest of the line) when the line starts a stage, else (None, '')."""
    if raw[:1].isspace() and not raw.strip().startswith("#"):
        return None, ""
    line = raw.strip()
    match = _STAGE_PREFIX.match(line) or _HEADING.match(line)
    body = match.group(1).strip() if match else None
    if body is None:
        plain = re.match(r"^\**([A-Z][\w&/' -]{1,40}?)\**\s*:\s*(.*)$", line)
        if (
            plain
            and lane_of(plain.group(1)) is None
            and plain.group(1).strip().lower() not in META_KEYS
            and len(plain.group(1).split()) <= 4
        ):
            return plain.group(1).strip(), plain.group(2).strip()
        return None, ""
    body = body.strip("* ")
    if lane_of(body.split(":")[0]) is not None:
        return None, ""
    parts = re.split(r"\s*(?::|\s[-–—]\s)\s*", body, maxsplit=1)
    name = parts[0].strip("*. ")
    rest = parts[1].strip() if len(parts) > 1 else ""
    if len(name.split()) > 6:  # a sentence, not a name: use its first words
        name, rest = " ".join(name.split()[:3]).rstrip(",."), body
    return (name or None), rest


def _sentences(text: str) -> list[str]:
    parts = re.split(r"(?<=[.!?])\s+(?=[A-Z\"“'])", text.strip())
    return [p.strip() for p in parts if p.strip()]


def _classify(body: list[str]) -> dict[str, str]:
    lanes: dict[str, list[str]] = {}
    current_label: str | None = None
    for raw in body:
        labelled = _LABELLED.match(raw)
        lane = lane_of(labelled.group(1)) if labelled else None
        if labelled and lane and lane != "stage":
            current_label = lane
            value = labelled.group(2).strip()
            if value:
                lanes.setdefault(lane, []).append(value)
            continue
        bullet = _BULLET.match(raw)
        if bullet and current_label and raw[:1].isspace():
            lanes.setdefault(current_label, []).append(bullet.group(1).strip())
            continue
        current_label = None
        text = bullet.group(1) if bullet else raw.strip()
        for sentence in _sentences(text):
            inline = _LABELLED.match(sentence)
            inline_lane = lane_of(inline.group(1)) if inline else None
            if inline and inline_lane and inline_lane != "stage" and inline.group(2).strip():
                lanes.setdefault(inline_lane, []).append(inline.group(2).strip())
            else:
                _sort_sentence(sentence, lanes)
    return {lane: "\n".join(values) for lane, values in lanes.items()}


def _sort_sentence(sentence: str, lanes: dict[str, list[str]]) -> None:
    for quote in re.findall(r"[\"“]([^\"”]{3,})[\"”]", sentence):
        lanes.setdefault("thoughts", []).append(quote.strip())
    bare = re.sub(r"[\"“][^\"”]*[\"”]", "", sentence).strip(" ,;")
    seen = {t.split(" [")[0].lower() for t in lanes.get("touchpoints", [])}
    found_channels: set[Channel] = set()
    for pattern, name in _KNOWN_TOUCHPOINTS:
        if not re.search(pattern, sentence, re.IGNORECASE) or name.lower() in seen:
            continue
        channel = infer_channel(name)
        if channel in found_channels and name in _GENERIC:
            continue  # "Tripadvisor reviews": the specific name is enough
        lanes.setdefault("touchpoints", []).append(name)
        seen.add(name.lower())
        if channel:
            found_channels.add(channel)
    if len(bare) < 3:
        return
    if "emotion" not in lanes:
        read = emotion_score(bare) if _FEELING_CUES.search(bare) else None
        if read:
            lanes["emotion"] = [f"{read[0]} ({_feeling_word(bare)})"]
    if _FEELING_ONLY.fullmatch(bare):
        return
    if _IDEA_CUES.search(bare):
        lanes.setdefault("opportunities", []).append(bare.rstrip("."))
    elif _PAIN_CUES.search(bare):
        lanes.setdefault("pain_points", []).append(bare.rstrip("."))
    else:
        lanes.setdefault("actions", []).append(bare.rstrip("."))


def _feeling_word(sentence: str) -> str:
    from ..vocab import EMOTION_WORDS

    low = sentence.lower()
    for word in sorted(EMOTION_WORDS, key=len, reverse=True):
        if re.search(rf"\b{re.escape(word)}\b", low):
            return word
    return "mixed"


def write(journey: JourneyMap) -> str:
    """A plain outline that the reader above reads back."""
    out = [
        f"Title: {_one_line(journey.title)}",
        f"Map type: {journey.map_type.value}",
        f"State: {journey.state.value}",
    ]
    for key, value in journey.context.model_dump().items():
        if value:
            out.append(f"{key.replace('_', ' ').capitalize()}: {_one_line(value)}")
    if journey.personas:
        out.append("Personas: " + "; ".join(_one_line(p.name) for p in journey.personas))
    out.extend(f"Assumption: {_one_line(a)}" for a in journey.assumptions)
    for n, stage in enumerate(journey.stages, start=1):
        out += ["", f"{n}. {_one_line(stage.name).replace(':', ' -')}"]
        for lane, title in LANE_TITLES.items():
            value = lane_cell(stage, lane)
            if value:
                out.append(f"   {title}: " + "; ".join(value.split("\n")))
    return "\n".join(out) + "\n"


def _one_line(text: str) -> str:
    return " ".join(text.split())
