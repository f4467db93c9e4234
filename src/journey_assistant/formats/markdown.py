"""Markdown: a readable report (written and read back), and maps kept as Markdown tables.

Reading tries, in order: our report layout (``## Stages`` with a ``###`` heading per stage),
a Markdown table in either orientation, then the free-text reader.
"""

from __future__ import annotations

import re

from ..errors import MapFormatError
from ..models import (
    CONTEXT_FIELDS,
    BusinessContext,
    EvidenceLevel,
    JourneyMap,
    MapState,
    MapType,
    Persona,
    Provenance,
    Source,
    Stage,
)
from ..safe import md, md_unescape
from ..vocab import CHANNEL_LABELS, lookup_map_type
from . import _cells as cells
from . import text as text_format
from .grid import LANE_TITLES, lane_cell, lane_of, meta_key, rows_to_map

_PERSONA_LISTS = ("goals", "needs", "frustrations", "behaviours", "motivations", "objections")
_PERSONA_TEXT = ("role", "segment", "demographics", "quote")
_CONTEXT = CONTEXT_FIELDS

LEGEND = (
    "> **Provenance markers:** unmarked items were stated by the user or their file; "
    "`[evidence: id]` items are backed by a cited source (listed at the end); "
    "`[inferred]` items were added by the assistant from general knowledge and need checking."
)


def _esc(text: str | None) -> str:
    """User text inside a line of Markdown: no HTML, links, images or formatting survive."""
    return md(text)


def _unesc(text: str) -> str:
    return md_unescape(text)


# --- writing ---------------------------------------------------------------------------------


def write(journey: JourneyMap) -> str:
    """The map as a Markdown report that reads well and imports back without loss."""
    out: list[str] = [f"# {_esc(journey.title)}", ""]
    out.append(
        f"*{journey.map_type.label} · {journey.state.value} state · version {journey.version}*"
    )
    out += ["", LEGEND, "", "## Details", ""]
    out.append(f"- **Map type:** {journey.map_type.value}")
    out.append(f"- **State:** {journey.state.value}")
    out.append(f"- **Id:** {_esc(journey.id)}")
    if journey.version != 1:
        out.append(f"- **Version:** {journey.version}")
    for key in _CONTEXT:
        value = getattr(journey.context, key)
        if value:
            out.append(f"- **{key.replace('_', ' ').capitalize()}:** {_esc(value)}")
    out.extend(f"- **Assumption:** {_esc(a)}" for a in journey.assumptions)
    out.extend(f"- **Map note:** {_esc(n)}" for n in journey.notes)
    if journey.personas:
        out += ["", "## Personas"]
        for p in journey.personas:
            out += ["", f"### {_esc(p.name)}", ""]
            label = (
                "researched persona"
                if p.evidence_level == EvidenceLevel.researched
                else "proto-persona (assumptions to validate)"
            )
            out.append(f"- **Evidence:** {label}{_prov(p)}")
            for key in _PERSONA_TEXT:
                if getattr(p, key):
                    out.append(f"- **{key.capitalize()}:** {_esc(getattr(p, key))}")
            if p.preferred_channels:
                out.append("- **Channels:** " + ", ".join(c.value for c in p.preferred_channels))
            for key in _PERSONA_LISTS:
                items = getattr(p, key)
                if items:
                    out.append(f"- **{key.capitalize()}**")
                    out.extend(f"  - {_md_item(cells.write_persona_item(i))}" for i in items)
            for key, title in (
                ("assumptions_to_validate", "Assumptions to validate"),
                ("validation_research", "Validation research"),
            ):
                if getattr(p, key):
                    out.append(f"- **{title}**")
                    out.extend(f"  - {_esc(i)}" for i in getattr(p, key))
    if journey.stages:
        out += ["", "## At a glance", "", _glance(journey)]
    out += ["", "## Stages"]
    for n, stage in enumerate(journey.stages, start=1):
        out += ["", f"### {n}. {_esc(stage.name)}", ""]
        if stage.customer_goal:
            out += [f"**Customer goal:** {_esc(stage.customer_goal)}", ""]
        for lane, title in LANE_TITLES.items():
            if lane == "goal":
                continue
            value = lane_cell(stage, lane)
            if value:
                out.append(f"**{title}**")
                out.extend(f"- {_md_item(line)}" for line in value.split("\n"))
                out.append("")
    if journey.sources:
        out += ["", "## Sources", ""]
        for s in journey.sources:
            out.append(
                f"- `{_esc(s.id)}` {_esc(s.title)} — {_esc(s.location)} — "
                f"{_esc(s.excerpt)} — {s.kind}"
            )
    return "\n".join(out).rstrip() + "\n"


def _prov(element: Persona) -> str:
    if element.provenance == Provenance.user:
        return ""
    cites = ", ".join(element.citations)
    return f" [{element.provenance.value}{': ' + cites if cites else ''}]"


def _md_item(line: str) -> str:
    """Escape the text of an item but keep its trailing tags readable."""
    text, tags = cells.parse_tags(line)
    # tag keys are [a-z_]; values are escaped, so a tag never becomes a link or an image
    tag_text = "".join(f" [{k}: {_esc(v)}]" if v else f" [{k}]" for k, v in reversed(tags.items()))
    return _esc(text) + tag_text


def _glance(journey: JourneyMap) -> str:
    stages = journey.stages
    header = "| | " + " | ".join(_esc(s.name) for s in stages) + " |"
    sep = "|---|" + "---|" * len(stages)

    def row(title: str, values: list[str]) -> str:
        return f"| **{title}** | " + " | ".join(v or "–" for v in values) + " |"

    emotions = [
        f"{s.emotion.score} {_esc(s.emotion.display_label)}" if s.emotion else "" for s in stages
    ]
    channels = [
        ", ".join(sorted({CHANNEL_LABELS[t.channel] for t in s.touchpoints})) for s in stages
    ]
    pains = ["<br>".join(_esc(p.description) for p in s.pain_points[:2]) for s in stages]
    return "\n".join(
        [
            header,
            sep,
            row("Emotion", emotions),
            row("Channels", channels),
            row("Top pain points", pains),
        ]
    )


# --- reading ---------------------------------------------------------------------------------


def read(text: str, *, source: str | None = None) -> JourneyMap:
    """Read our report, else a Mermaid fence, else a Markdown table, else free text."""
    if re.search(r"```\s*mermaid\s*\n\s*journey", text):
        from . import mermaid as mermaid_format

        return mermaid_format.read(text, source=source)
    if re.search(r"^##\s+Stages\s*$", text, re.MULTILINE) and re.search(
        r"^###\s+", text, re.MULTILINE
    ):
        return _read_report(text)
    tables = _tables(text)
    title = _first_heading(text)
    last_error: MapFormatError | None = None
    for rows in tables:
        try:
            journey = rows_to_map(
                rows, source=source, default_title=title or "Imported journey map"
            )
        except MapFormatError as exc:
            last_error = exc
            continue
        if title and journey.title == "Imported journey map":
            journey.title = title
        return journey
    try:
        return text_format.read(text, source=source)
    except MapFormatError:
        if last_error:
            raise last_error from None
        raise


def _first_heading(text: str) -> str | None:
    match = re.search(r"^#\s+(.+?)\s*#*\s*$", text, re.MULTILINE) or re.search(
        r"^#{2,6}\s+(.+?)\s*#*\s*$", text, re.MULTILINE
    )
    return _unesc(match.group(1)) if match else None


def _split_row(line: str) -> list[str]:
    inner = line.strip()
    inner = inner[1:] if inner.startswith("|") else inner
    inner = inner[:-1] if inner.endswith("|") and not inner.endswith("\\|") else inner
    parts = re.split(r"(?<!\\)\|", inner)
    return [_unesc(re.sub(r"<br\s*/?>", "\n", p.strip(), flags=re.IGNORECASE)) for p in parts]


def _tables(text: str) -> list[list[list[str]]]:
    tables: list[list[list[str]]] = []
    current: list[list[str]] = []
    meta: list[list[str]] = []
    for line in text.splitlines() + [""]:
        if line.strip().startswith("|") or (line.count("|") >= 2 and current):
            if re.fullmatch(r"\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*", line):
                continue
            current.append(_split_row(line))
            continue
        if current:
            tables.append(meta + current)
            current = []
        kv = re.match(r"^\s*(?:[-*]\s+)?\**([A-Za-z ]{2,20}?)\**\s*:\**\s*(.+)$", line)
        if kv and (lane_of(kv.group(1)) is None or meta_key(kv.group(1)) is not None):
            meta.append([kv.group(1), _unesc(kv.group(2).strip("* "))])
    return tables


def _read_report(text: str) -> JourneyMap:
    title = _first_heading(text) or "Imported journey map"
    sections = _sections(text, 2)
    details = sections.get("details", "")
    meta: dict[str, list[str]] = {}
    for match in re.finditer(r"^-\s+\*\*(.+?):\*\*\s*(.*)$", details, re.MULTILINE):
        meta.setdefault(match.group(1).strip().lower(), []).append(_unesc(match.group(2).strip()))

    def one(key: str) -> str | None:
        return meta.get(key, [None])[0]

    personas = [
        _read_persona(name, body) for name, body in _subsections(sections.get("personas", ""))
    ]
    stages = [
        _read_stage(re.sub(r"^\d+\.\s+", "", name), body)
        for name, body in _subsections(sections.get("stages", ""))
    ]
    sources = []
    for line in sections.get("sources", "").splitlines():
        m = re.match(r"^-\s+`(.+?)`\s*(.*)$", line)
        if m:
            parts = [_unesc(p.strip()) for p in m.group(2).split(" — ")]
            parts += [""] * (4 - len(parts))
            sources.append(
                Source(
                    id=_unesc(m.group(1)),
                    title=parts[0],
                    location=parts[1],
                    excerpt=parts[2],
                    kind=parts[3] or "document",
                )
            )
    version = one("version")
    return JourneyMap(
        id=one("id") or "",
        title=title,
        map_type=MapType(lookup_map_type(one("map type") or "") or "customer_journey"),
        state=MapState.future if (one("state") or "") == "future" else MapState.current,
        context=BusinessContext(**{k: one(k.replace("_", " ")) for k in _CONTEXT}),
        personas=personas,
        stages=stages,
        sources=sources,
        assumptions=meta.get("assumption", []),
        notes=meta.get("map note", []),
        version=int(version) if version and version.isdigit() else 1,
    )


def _sections(text: str, level: int) -> dict[str, str]:
    marker = "#" * level
    parts = re.split(rf"^{marker}\s+(.+?)\s*$", text, flags=re.MULTILINE)
    return {parts[i].strip().lower(): parts[i + 1] for i in range(1, len(parts) - 1, 2)}


def _subsections(text: str) -> list[tuple[str, str]]:
    parts = re.split(r"^###\s+(.+?)\s*$", text, flags=re.MULTILINE)
    return [(_unesc(parts[i].strip()), parts[i + 1]) for i in range(1, len(parts) - 1, 2)]


def _labelled_lists(body: str) -> dict[str, list[str]]:
    """``**Label**`` or ``- **Label**`` followed by bullets -> {label: [items]}."""
    lists: dict[str, list[str]] = {}
    current: str | None = None
    for line in body.splitlines():
        head = re.match(r"^\s*(?:-\s+)?\*\*(.+?)\*\*\s*$", line)
        if head:
            current = head.group(1).strip().lower()
            lists[current] = []
            continue
        item = re.match(r"^\s*[-*]\s+(.+)$", line)
        if item and current is not None and not item.group(1).startswith("**"):
            lists[current].append(_unesc(item.group(1)))
        elif line.strip() and not item:
            current = None
    return lists


def _read_stage(name: str, body: str) -> Stage:
    lists = _labelled_lists(body)
    rows = [["Stage", name]]
    goal = re.search(r"^\*\*Customer goal:\*\*\s*(.+)$", body, re.MULTILINE)
    if goal:
        rows.append(["Customer goal", _unesc(goal.group(1))])
    for lane_title, items in lists.items():
        rows.append([lane_title, "\n".join(items)])
    journey = rows_to_map(rows)
    return journey.stages[0]


def _read_persona(name: str, body: str) -> Persona:
    fields: dict[str, object] = {"name": name}
    for m in re.finditer(r"^-\s+\*\*(.+?):\*\*\s*(.+)$", body, re.MULTILINE):
        key, value = m.group(1).strip().lower(), _unesc(m.group(2).strip())
        if key in _PERSONA_TEXT:
            fields[key] = value
        elif key == "channels":
            fields["preferred_channels"] = [v.strip() for v in value.split(",") if v.strip()]
        elif key == "evidence":
            value, tags = cells.parse_tags(value)
            fields["evidence_level"] = (
                EvidenceLevel.researched
                if value.startswith("researched")
                else EvidenceLevel.assumption
            )
            fields.update(cells._sourced(tags))
    for key, items in _labelled_lists(body).items():
        if key in _PERSONA_LISTS:
            fields[key] = [cells.read_persona_item(i) for i in items]
        elif key == "assumptions to validate":
            fields["assumptions_to_validate"] = items
        elif key == "validation research":
            fields["validation_research"] = items
    return Persona.model_validate(fields)
