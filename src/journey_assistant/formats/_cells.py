"""Read and write map elements as short text items with bracket tags.

Table formats (CSV, XLSX, Markdown) hold a lane of a stage in one cell, so every element is
written as one line, e.g. ``Checkout page [channel: website] [inferred]``; tags carry the
fields a plain cell cannot, so a map survives a round trip. Hand-written cells without tags
read as plain items.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from ..models import (
    KPI,
    Emotion,
    Level,
    Opportunity,
    Ownership,
    PainPoint,
    PersonaItem,
    Provenance,
    Touchpoint,
)
from ..vocab import Channel, emotion_score, infer_channel, lookup_channel

_TAG = re.compile(r"\s*\[([a-z_ ]+)(?::\s*([^\]]*))?\]\s*$", re.IGNORECASE)
_BULLET = re.compile(r"^\s*(?:[-*•·▪◦‣]|\d{1,2}[.)])\s+")
_LEVELS = {"low": Level.low, "medium": Level.medium, "med": Level.medium, "high": Level.high}


def split_items(cell: str, *, commas: bool = False) -> list[str]:
    """Split a cell into items on new lines, semicolons and bullets (and commas if asked)."""
    if not cell or not cell.strip():
        return []
    parts = _outside_brackets(cell, "\n;•")
    items: list[str] = []
    for part in parts:
        part = _BULLET.sub("", part).strip()
        if not part:
            continue
        if commas and "[" not in part:
            items.extend(p.strip() for p in _outside_brackets(part, ",") if p.strip())
        else:
            items.append(part)
    return items


def _outside_brackets(text: str, separators: str) -> list[str]:
    """Split on any of ``separators`` except inside (round) brackets, so "Parish clerk (goals:
    a safe, fundable playground; frustrations: ...)" and "Sign-ups (4% now; target 10%)" stay
    whole. An unclosed bracket does not swallow the rest of the cell."""
    parts: list[str] = []
    depth, start = 0, 0
    for i, ch in enumerate(text):
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        elif ch in separators and (depth == 0 or ch == "\n"):
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    if depth > 0:  # unbalanced: split as if there were no brackets
        return re.split("[" + re.escape(separators) + "]", text)
    return [p.rstrip("\r") for p in parts]


def parse_tags(item: str) -> tuple[str, dict[str, str]]:
    """Strip trailing ``[key: value]`` tags; return the text and the tags (keys lower-case)."""
    tags: dict[str, str] = {}
    text = item.strip()
    while True:
        match = _TAG.search(text)
        if not match:
            break
        key = match.group(1).strip().lower().replace(" ", "_")
        tags.setdefault(key, (match.group(2) or "").strip())
        text = text[: match.start()].rstrip()
    return text, tags


def _sourced(tags: dict[str, str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for prov in Provenance:
        if prov.value in tags:
            out["provenance"] = prov
            if tags[prov.value]:
                out["citations"] = [c.strip() for c in tags[prov.value].split(",") if c.strip()]
    if "assumption" in tags and "provenance" not in out:
        out["provenance"] = Provenance.inferred
    if tags.get("cites"):
        out["citations"] = [c.strip() for c in tags["cites"].split(",") if c.strip()]
    return out


def _level(tags: dict[str, str], key: str) -> Level | None:
    return _LEVELS.get(tags.get(key, "").lower())


def sourced_tags(element: Any) -> list[str]:
    """Tags that record an element's provenance and citations (none for plain user input)."""
    cites = ", ".join(element.citations)
    if element.provenance == Provenance.user:
        return [f"[cites: {cites}]"] if cites else []
    return [f"[{element.provenance.value}: {cites}]" if cites else f"[{element.provenance.value}]"]


def _join(text: str, tags: Iterable[str]) -> str:
    return " ".join([text, *tags]).strip()


# --- touchpoints -------------------------------------------------------------------------


def read_touchpoint(item: str, *, channel_hint: str | None = None) -> Touchpoint:
    text, tags = parse_tags(item)
    channel: Channel | None = None
    if tags.get("channel"):
        channel = lookup_channel(tags["channel"]) or infer_channel(tags["channel"])
    paren = re.fullmatch(r"(.+?)\s*\(([^()]+)\)", text)
    if channel is None and paren and lookup_channel(paren.group(2)):
        text, channel = paren.group(1).strip(), lookup_channel(paren.group(2))
    if channel is None:
        channel = infer_channel(text) or (infer_channel(channel_hint) if channel_hint else None)
    ownership = tags.get("ownership", "").lower()
    return Touchpoint(
        name=text or item.strip(),
        channel=channel or Channel.other,
        ownership=Ownership(ownership) if ownership in Ownership._value2member_map_ else None,
        owner=tags.get("owner") or None,
        description=tags.get("description") or None,
        **_sourced(tags),
    )


def write_touchpoint(tp: Touchpoint) -> str:
    tags = [f"[channel: {tp.channel.value}]"]
    if tp.ownership:
        tags.append(f"[ownership: {tp.ownership.value}]")
    if tp.owner:
        tags.append(f"[owner: {tp.owner}]")
    if tp.description:
        tags.append(f"[description: {tp.description}]")
    return _join(_clean(tp.name), tags + sourced_tags(tp))


# --- pain points and opportunities ---------------------------------------------------------


def read_pain_point(item: str) -> PainPoint:
    text, tags = parse_tags(item)
    severity = _level(tags, "severity") or next(
        (_LEVELS[k] for k in ("high", "medium", "low") if k in tags), None
    )
    return PainPoint(
        id=tags.get("id", ""),
        description=text or item.strip(),
        severity=severity or Level.medium,
        touchpoint=tags.get("touchpoint") or None,
        persona=tags.get("persona") or None,
        kind=tags.get("kind") or None,
        **_sourced(tags),
    )


def write_pain_point(pp: PainPoint) -> str:
    tags = [f"[id: {pp.id}]", f"[severity: {pp.severity.value}]"]
    for key in ("touchpoint", "persona", "kind"):
        value = getattr(pp, key)
        if value:
            tags.append(f"[{key}: {value}]")
    return _join(_clean(pp.description), tags + sourced_tags(pp))


def read_opportunity(item: str) -> Opportunity:
    text, tags = parse_tags(item)
    return Opportunity(
        id=tags.get("id", ""),
        description=text or item.strip(),
        addresses=tags.get("addresses") or None,
        impact=_level(tags, "impact"),
        effort=_level(tags, "effort"),
        owner=tags.get("owner") or None,
        kpi=tags.get("kpi") or None,
        **_sourced(tags),
    )


def write_opportunity(op: Opportunity) -> str:
    tags = [f"[id: {op.id}]"]
    for key in ("addresses", "impact", "effort", "owner", "kpi"):
        value = getattr(op, key)
        if value:
            tags.append(f"[{key}: {getattr(value, 'value', value)}]")
    return _join(_clean(op.description), tags + sourced_tags(op))


# --- KPIs and persona items ---------------------------------------------------------------


def read_kpi(item: str) -> KPI:
    text, tags = parse_tags(item)
    return KPI(
        name=text or item.strip(),
        target=tags.get("target") or None,
        current=tags.get("current") or None,
        **_sourced(tags),
    )


def write_kpi(kpi: KPI) -> str:
    tags = [f"[{k}: {getattr(kpi, k)}]" for k in ("target", "current") if getattr(kpi, k)]
    return _join(_clean(kpi.name), tags + sourced_tags(kpi))


def read_persona_item(item: str) -> PersonaItem:
    text, tags = parse_tags(item)
    return PersonaItem(text=text or item.strip(), **_sourced(tags))


def write_persona_item(pi: PersonaItem) -> str:
    return _join(_clean(pi.text), sourced_tags(pi))


# --- emotions -------------------------------------------------------------------------------

_PERSONA_PREFIX = re.compile(r"^([^:\d][^:]{0,60}?)\s*:\s*(.+)$")


def read_emotions(cell: str) -> tuple[Emotion | None, list[Emotion]]:
    """Read an emotion cell: ``"2 (anxious)"``, ``"frustrated"``, or ``"Ana: 2; Ben: 4"``."""
    overall: Emotion | None = None
    per_persona: list[Emotion] = []
    for item in split_items(cell):
        text, tags = parse_tags(item)
        persona = tags.get("persona") or None
        match = _PERSONA_PREFIX.match(text)
        named = match and emotion_score(match.group(2)) is not None
        if persona is None and match and named and emotion_score(match.group(1)) is None:
            persona, text = match.group(1).strip(), match.group(2).strip()
        trailing = re.fullmatch(r"(\D+?)\s*\(\s*([+-]?\d+(?:[.,]\d+)?)\s*\)", text)
        if trailing:  # "engaged (4)"
            text = f"{trailing.group(2)} {trailing.group(1)}"
        number = re.match(r"^([+-]?\d+(?:[.,]\d+)?(?:\s*/\s*\d+)?)(?:\s+|$)(.*)$", text)
        read = emotion_score(number.group(1) if number else text)
        if read is None:
            continue
        score = read[0]
        label = number.group(2).strip(" ()-–") if number else text
        emotion = Emotion(score=score, label=label or None, persona=persona, **_sourced(tags))
        if persona:
            per_persona.append(emotion)
        elif overall is None:
            overall = emotion
    return overall, per_persona


def write_emotion(emotion: Emotion) -> str:
    text = f"{emotion.score} ({_clean(emotion.label)})" if emotion.label else str(emotion.score)
    if emotion.persona:
        text = f"{_clean(emotion.persona)}: {text}"
    return _join(text, sourced_tags(emotion))


def _clean(text: str | None) -> str:
    """One line, no characters that would split the item or look like a tag."""
    text = (text or "").replace("\r", " ").replace("\n", " ").replace(";", ",")
    return text.replace("[", "(").replace("]", ")").strip()
