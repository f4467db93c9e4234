"""Tables of cells <-> journey maps, shared by CSV/TSV, XLSX, Markdown and HTML tables.

Two layouts are read, the ways people keep maps in spreadsheets:

* stages as columns and lanes as rows (``Stage | Discover | Book | Stay`` then ``Actions | ...``);
* one row per stage or per touchpoint, with a ``Stage`` column and lane columns.

Lane names are recognised through synonyms ("Doing" = actions, "Feeling" = emotion...).
Rows like ``Title | Summer campaign`` above the table hold map details. Maps are written in
the first layout, with tags that keep provenance and links (see :mod:`._cells`).
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Sequence
from typing import Any

from ..errors import MapFormatError
from ..models import (
    CONTEXT_FIELDS,
    BusinessContext,
    Emotion,
    JourneyMap,
    MapState,
    MapType,
    Persona,
    Source,
    Stage,
    slugify,
)
from ..safe import spreadsheet_uncell
from ..vocab import lookup_map_type
from . import _cells as cells
from . import limits

Rows = list[list[str]]

LANE_SYNONYMS: dict[str, tuple[str, ...]] = {
    "stage": (
        "stage",
        "stages",
        "phase",
        "phases",
        "step",
        "steps",
        "journey stage",
        "journey phase",
        "stage name",
    ),
    "goal": (
        "goal",
        "goals",
        "customer goal",
        "customer goals",
        "objective",
        "objectives",
        "what they want",
        "job to be done",
        "jobs to be done",
        "intent",
        "customer needs",
    ),
    "actions": (
        "actions",
        "action",
        "doing",
        "does",
        "customer actions",
        "customer action",
        "activities",
        "activity",
        "tasks",
        "task",
        "what they do",
        "behaviour",
        "behaviours",
        "behavior",
        "behaviors",
        "steps taken",
        "user actions",
    ),
    "touchpoints": (
        "touchpoints",
        "touchpoint",
        "touch points",
        "touch point",
        "interactions",
        "contact points",
        "where",
        "channels touchpoints",
    ),
    "channel": ("channel", "channels", "medium", "media"),
    "thoughts": (
        "thoughts",
        "thought",
        "thinking",
        "thinks",
        "quotes",
        "quote",
        "questions",
        "what they think",
        "says",
        "customer thoughts",
        "think",
        "mindset",
    ),
    "emotion": (
        "emotion",
        "emotions",
        "feeling",
        "feelings",
        "feels",
        "feel",
        "mood",
        "sentiment",
        "emotional state",
        "emotional journey",
        "experience score",
        "emotion score",
        "satisfaction",
        "emotional curve",
    ),
    "pain_points": (
        "pain points",
        "pain point",
        "pains",
        "pain",
        "frustrations",
        "frustration",
        "problems",
        "problem",
        "issues",
        "barriers",
        "friction",
        "painpoints",
        "challenges",
        "obstacles",
        "lows",
    ),
    "opportunities": (
        "opportunities",
        "opportunity",
        "ideas",
        "idea",
        "improvements",
        "improvement",
        "solutions",
        "recommendations",
        "fixes",
        "opportunities ideas",
        "actions to take",
        "next steps",
    ),
    "kpis": (
        "kpis",
        "kpi",
        "metrics",
        "metric",
        "measures",
        "measure",
        "success metrics",
        "kpis metrics",
        "measurement",
    ),
    "owners": (
        "owner",
        "owners",
        "team",
        "teams",
        "responsible",
        "who owns",
        "department",
        "departments",
        "owner team",
        "accountable",
    ),
    "moments_of_truth": ("moments of truth", "moment of truth", "moments that matter", "mot"),
    "backstage_actions": (
        "backstage",
        "backstage actions",
        "behind the scenes",
        "backstage processes",
        "employee actions",
        "frontstage backstage",
    ),
    "support_processes": (
        "support processes",
        "support process",
        "supporting processes",
        "systems",
        "support systems",
        "tools and systems",
    ),
    "notes": ("notes", "note", "comments", "comment", "remarks"),
}
_LANE_BY_NAME = {syn: lane for lane, syns in LANE_SYNONYMS.items() for syn in syns}

LANE_TITLES = {
    "goal": "Customer goal",
    "actions": "Actions",
    "touchpoints": "Touchpoints",
    "thoughts": "Thoughts",
    "emotion": "Emotion",
    "pain_points": "Pain points",
    "opportunities": "Opportunities",
    "kpis": "KPIs",
    "owners": "Owners",
    "moments_of_truth": "Moments of truth",
    "backstage_actions": "Backstage actions",
    "support_processes": "Support processes",
    "notes": "Notes",
}

META_KEYS: dict[str, str] = {
    "title": "title",
    "map title": "title",
    "journey": "title",
    "journey map": "title",
    "name": "title",
    "map": "title",
    "id": "id",
    "map id": "id",
    "map type": "map_type",
    "type": "map_type",
    "journey type": "map_type",
    "state": "state",
    "company": "company",
    "brand": "company",
    "product": "product",
    "industry": "industry",
    "business model": "business_model",
    "audience": "audience",
    "target audience": "audience",
    "objective": "objective",
    "scope": "scope",
    "persona": "personas",
    "personas": "personas",
    "version": "version",
    "assumption": "assumptions",
    "assumptions": "assumptions",
    "map note": "notes",
    "source": "sources",
}


def lane_of(header: str) -> str | None:
    """Canonical lane for a column or row label, or ``None``."""
    key = _norm(header)
    if key in _LANE_BY_NAME:
        return _LANE_BY_NAME[key]
    key = re.sub(r"^(customer|user|client|the)\s+", "", key)
    return _LANE_BY_NAME.get(key)


def _norm(text: str) -> str:
    text = re.sub(r"\([^)]*\)", " ", text.lower())
    text = text.replace("&", " ").replace("/", " ")
    return re.sub(r"[^a-z0-9]+", " ", text).strip()


def meta_key(label: str) -> str | None:
    """The context field a details label names ("Objective" -> objective), if any."""
    return META_KEYS.get(_norm(label.rstrip(":")))


# --- reading ---------------------------------------------------------------------------------


def rows_to_map(
    raw_rows: Sequence[Sequence[Any]],
    *,
    source: str | None = None,
    default_title: str = "Imported journey map",
) -> JourneyMap:
    """Build a map from table rows in either layout; raise :class:`MapFormatError` if none."""
    limits.check_grid([list(r) for r in raw_rows], source)
    rows = [[_cell_text(c) for c in row] for row in raw_rows]
    rows = [row for row in rows if any(row)]
    if not rows:
        raise MapFormatError("the table is empty; add a row of stage names.", source=source)
    width = max(len(r) for r in rows)
    rows = [r + [""] * (width - len(r)) for r in rows]

    meta, table = _split_meta(rows)
    if not table:
        raise MapFormatError(
            "found only details (title, company...) and no table of stages; add a row of stage "
            "names with lane rows below it.",
            source=source,
        )
    lane_rows = [i for i, r in enumerate(table) if lane_of(r[0]) not in (None, "stage")]
    # a "Stage | Touchpoint | Channel" header row is a row layout, not a lane row
    header_lanes = [lane_of(c) for c in table[0]]
    if "stage" in header_lanes[1:] or sum(la is not None for la in header_lanes) >= 3:
        lane_rows = []
    stage_header = lane_of(table[0][0]) == "stage"
    if len(lane_rows) >= 2 or (stage_header and (lane_rows or len(table) == 1)):
        stages = _read_columns(table, lane_rows)
    else:
        stages = _read_rows(table, source)
    if not stages:
        raise MapFormatError(
            "found no stage names; put stage names in the header row (stages as columns) "
            "or add a 'Stage' column (one row per stage or touchpoint).",
            source=source,
        )
    return _assemble(meta, stages, default_title)


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return spreadsheet_uncell(str(value).replace("\u00a0", " ").strip())


def _split_meta(rows: Rows) -> tuple[dict[str, list[list[str]]], Rows]:
    meta: dict[str, list[list[str]]] = {}
    table: Rows = []
    for row in rows:
        filled = [c for c in row if c]
        key = meta_key(row[0]) if row[0] else None
        single = re.match(r"^([A-Za-z ]{2,20}):\s*(.+)$", row[0]) if len(filled) == 1 else None
        if key == "sources":
            meta.setdefault(key, []).append(row[1:])
        elif key and len(filled) <= 2 and (not table or lane_of(row[0]) is None):
            meta.setdefault(key, []).append([c for c in row[1:] if c])
        elif single and meta_key(single.group(1)) and not table:
            meta.setdefault(meta_key(single.group(1)) or "", []).append([single.group(2)])
        elif len(filled) == 1 and not table and not lane_of(filled[0]):
            meta.setdefault("title", []).append([filled[0]])  # a lone caption above the table
        else:
            table.append(row)
    return meta, table


def _read_columns(table: Rows, lane_rows: list[int]) -> list[dict[str, list[str]]]:
    first = lane_rows[0] if lane_rows else 1
    header_idx = next((i for i in range(first - 1, -1, -1) if any(table[i][1:])), None)
    if header_idx is None:
        if first < len(table) and lane_of(table[first][0]) == "stage" and any(table[first][1:]):
            header_idx = first
        else:
            return []
    header = table[header_idx]
    columns = [j for j in range(1, len(header)) if header[j]]
    stages: list[dict[str, list[str]]] = [{"name": [header[j]]} for j in columns]
    for i in range(header_idx + 1, len(table)):
        lane = lane_of(table[i][0])
        if lane in (None, "stage"):
            continue
        lane = "touchpoints" if lane == "channel" else lane
        for stage, j in zip(stages, columns, strict=True):
            if table[i][j]:
                stage.setdefault(lane, []).append(table[i][j])
    return stages


def _read_rows(table: Rows, source: str | None) -> list[dict[str, list[str]]]:
    header_idx = None
    for i, row in enumerate(table[:20]):
        lanes = [lane_of(c) for c in row]
        if "stage" in lanes and any(la not in (None, "stage") for la in lanes):
            header_idx = i
            break
    if header_idx is None:
        raise MapFormatError(
            "found no stage columns: the table needs a header row of stage names with lane "
            "labels (Actions, Touchpoints, Emotions...) in the first column, or a 'Stage' "
            "column beside lane columns.",
            source=source,
        )
    lanes = [lane_of(c) for c in table[header_idx]]
    stage_col = lanes.index("stage")
    order: list[str] = []
    by_name: dict[str, dict[str, list[str]]] = {}
    current: str | None = None
    for row in table[header_idx + 1 :]:
        name = row[stage_col] or current
        if not name:
            continue
        current = name
        key = name.strip().lower()
        if key not in by_name:
            by_name[key] = {"name": [name.strip()]}
            order.append(key)
        stage = by_name[key]
        row_pains: list[str] = []
        channel_hint = next(
            (row[j] for j, la in enumerate(lanes) if la == "channel" and row[j]), None
        )
        has_touchpoint_col = "touchpoints" in lanes
        for j, lane in enumerate(lanes):
            if lane in (None, "stage") or not row[j]:
                continue
            if lane == "channel":
                if has_touchpoint_col:
                    continue
                lane = "touchpoints"
            value = row[j]
            if lane == "touchpoints" and channel_hint and has_touchpoint_col and "[" not in value:
                value = f"{value} [channel: {channel_hint}]"
            if lane == "pain_points":
                row_pains = cells.split_items(value)
            if lane == "opportunities" and len(row_pains) == 1 and "[addresses" not in value:
                stage.setdefault("_pairs", []).append(f"{row_pains[0]}\x00{value}")
            stage.setdefault(lane, []).append(value)
    return [by_name[k] for k in order]


def _assemble(
    meta: dict[str, list[list[str]]], raw_stages: list[dict[str, list[str]]], default_title: str
) -> JourneyMap:
    def first(key: str) -> str | None:
        values = meta.get(key)
        return values[0][0] if values and values[0] else None

    stages = [_build_stage(raw) for raw in raw_stages]
    personas = []
    for row in meta.get("personas", []):
        for cell in row:
            for item in cells.split_items(cell, commas=True):
                personas.append(Persona(name=item))
    for stage in stages:
        for emo in stage.persona_emotions:
            if emo.persona and all(p.name != emo.persona for p in personas):
                personas.append(Persona(name=emo.persona))
    sources = [
        Source(
            id=r[0],
            title=r[1] if len(r) > 1 else "",
            location=r[2] if len(r) > 2 else "",
            excerpt=r[3] if len(r) > 3 else "",
            kind=r[4] if len(r) > 4 and r[4] else "document",
        )
        for r in meta.get("sources", [])
        if r and r[0]
    ]
    version = first("version")
    data: dict[str, Any] = {
        "id": first("id") or "",
        "title": first("title") or default_title,
        "map_type": MapType(lookup_map_type(first("map_type") or "") or "customer_journey"),
        "state": MapState.future
        if (first("state") or "").lower().startswith("fut")
        else MapState.current,
        "context": BusinessContext(**{k: first(k) for k in CONTEXT_FIELDS}),
        "personas": personas,
        "stages": stages,
        "sources": sources,
        "assumptions": [r[0] for r in meta.get("assumptions", []) if r],
        "notes": [r[0] for r in meta.get("notes", []) if r],
        "version": int(version) if version and version.isdigit() and int(version) > 0 else 1,
    }
    return JourneyMap(**data)


def _build_stage(raw: dict[str, list[str]]) -> Stage:
    def items(lane: str, commas: bool = False) -> list[str]:
        found = [i for cell in raw.get(lane, []) for i in cells.split_items(cell, commas=commas)]
        return _unique(found)

    name = raw["name"][0]
    slug = slugify(name, fallback="stage")
    emotions = [cells.read_emotions(c) for c in raw.get("emotion", [])]
    overall_list = [o for o, _ in emotions if o is not None]
    persona_emotions = _merge_persona_emotions([e for _, ps in emotions for e in ps])
    overall: Emotion | None = None
    if len(overall_list) == 1:
        overall = overall_list[0]
    elif overall_list:
        labels = {e.label for e in overall_list}
        overall = overall_list[0].model_copy(
            update={
                "score": half_up(statistics.mean(e.score for e in overall_list)),
                "label": labels.pop() if len(labels) == 1 else None,
            }
        )
    pains = [cells.read_pain_point(i) for i in items("pain_points")]
    for n, pain in enumerate(pains, start=1):
        if not pain.id:
            pain.id = f"pp-{slug}-{n}"
    opps = [cells.read_opportunity(i) for i in items("opportunities")]
    pairs = [p.split("\x00") for p in raw.get("_pairs", [])]
    if not pairs and pains and len(pains) == len(opps) and not any(o.addresses for o in opps):
        for pain, opp in zip(pains, opps, strict=True):  # same order in the cells: a pair each
            opp.addresses = pain.id
    for pain_text, opp_text in pairs:
        match = next((p for p in pains if p.description == cells.parse_tags(pain_text)[0]), None)
        for opp in opps:
            if match and opp.addresses is None and opp.description == cells.parse_tags(opp_text)[0]:
                opp.addresses = match.id
    return Stage(
        name=name,
        customer_goal=" ".join(items("goal")) or None,
        actions=items("actions"),
        touchpoints=[cells.read_touchpoint(i) for i in items("touchpoints", commas=True)],
        thoughts=items("thoughts"),
        emotion=overall,
        persona_emotions=persona_emotions,
        pain_points=pains,
        opportunities=opps,
        kpis=[cells.read_kpi(i) for i in items("kpis", commas=True)],
        owners=items("owners", commas=True),
        moments_of_truth=items("moments_of_truth"),
        backstage_actions=items("backstage_actions"),
        support_processes=items("support_processes"),
        notes=items("notes"),
    )


def half_up(value: float) -> int:
    """Round 2.5 to 3 (Python's round() would give 2), clamped to the 1-5 scale."""
    return max(1, min(5, int(value + 0.5)))


def _unique(items: list[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for item in items:
        key = cells.parse_tags(item)[0].strip().lower()
        if key not in seen:
            seen.add(key)
            out.append(item)
    return out


def _merge_persona_emotions(emotions: list[Emotion]) -> list[Emotion]:
    grouped: dict[str, list[Emotion]] = {}
    for emo in emotions:
        grouped.setdefault(emo.persona or "", []).append(emo)
    merged = []
    for group in grouped.values():
        labels = {e.label for e in group}
        merged.append(
            group[0].model_copy(
                update={
                    "score": half_up(statistics.mean(e.score for e in group)),
                    "label": labels.pop() if len(labels) == 1 else None,
                }
            )
        )
    return merged


# --- writing ---------------------------------------------------------------------------------


def map_to_rows(journey: JourneyMap) -> Rows:
    """Write a map as rows: details, a blank row, then stages as columns and lanes as rows."""
    rows: Rows = [
        ["Title", journey.title],
        ["Map type", journey.map_type.value],
        ["State", journey.state.value],
    ]
    if journey.id != slugify(journey.title, fallback="journey-map"):
        rows.append(["Id", journey.id])
    if journey.version != 1:
        rows.append(["Version", str(journey.version)])
    for key, value in journey.context.model_dump().items():
        if value:
            rows.append([key.replace("_", " ").capitalize(), value])
    if journey.personas:
        rows.append(["Personas", "; ".join(p.name for p in journey.personas)])
    rows.extend(["Assumption", a] for a in journey.assumptions)
    rows.extend(["Map note", n] for n in journey.notes)
    rows.extend(["Source", s.id, s.title, s.location, s.excerpt, s.kind] for s in journey.sources)
    rows.append([])
    rows.append(["Stage", *[s.name for s in journey.stages]])
    for lane, title in LANE_TITLES.items():
        values = [lane_cell(stage, lane) for stage in journey.stages]
        if any(values) or lane in (
            "actions",
            "touchpoints",
            "emotion",
            "pain_points",
            "opportunities",
        ):
            rows.append([title, *values])
    return rows


def lane_cell(stage: Stage, lane: str) -> str:
    """The text of one lane of one stage, items on separate lines."""
    items: list[str]
    if lane == "goal":
        return cells._clean(stage.customer_goal)
    if lane == "touchpoints":
        items = [cells.write_touchpoint(t) for t in stage.touchpoints]
    elif lane == "emotion":
        emotions = ([stage.emotion] if stage.emotion else []) + stage.persona_emotions
        items = [cells.write_emotion(e) for e in emotions]
    elif lane == "pain_points":
        items = [cells.write_pain_point(p) for p in stage.pain_points]
    elif lane == "opportunities":
        items = [cells.write_opportunity(o) for o in stage.opportunities]
    elif lane == "kpis":
        items = [cells.write_kpi(k) for k in stage.kpis]
    else:
        items = [cells._clean(t) for t in getattr(stage, lane)]
    return "\n".join(items)
