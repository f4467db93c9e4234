"""HTML: one self-contained page showing the map as a grid with the emotion curve in SVG.

Every piece of map text is escaped. The map's JSON is embedded in a
``<script type="application/json">`` block (with ``<`` written as ``\\u003c``) so the page
imports back without loss. Foreign HTML is read from its first table, else as text.
"""

from __future__ import annotations

from contextvars import ContextVar
from html import escape
from html.parser import HTMLParser

from ..errors import MapFormatError
from ..models import EvidenceLevel, JourneyMap, Persona, Provenance, Stage, slugify
from ..vocab import CHANNEL_LABELS, EMOTION_LABELS, Channel
from . import json as json_format
from . import text as text_format
from .grid import rows_to_map

LABEL_W, COL_W, CURVE_H = 150, 230, 170
PERSONA_COLOURS = ["#7c3aed", "#0891b2", "#ea580c", "#16a34a", "#db2777", "#4b5563"]
CHANNEL_COLOURS: dict[Channel, str] = {
    Channel.website: "#dbeafe",
    Channel.mobile_app: "#e0e7ff",
    Channel.email: "#fef3c7",
    Channel.social: "#fce7f3",
    Channel.search: "#e0f2fe",
    Channel.paid_ads: "#ffe4e6",
    Channel.physical: "#dcfce7",
    Channel.phone: "#ccfbf1",
    Channel.chat: "#cffafe",
    Channel.events: "#fae8ff",
    Channel.word_of_mouth: "#fef9c3",
    Channel.review_sites: "#ffedd5",
    Channel.marketplace: "#ede9fe",
    Channel.sms: "#fef3c7",
    Channel.direct_mail: "#f5f5f4",
    Channel.partner: "#ecfccb",
    Channel.in_product: "#e0e7ff",
    Channel.community: "#fdf2f8",
    Channel.sales: "#d1fae5",
    Channel.broadcast: "#f3f4f6",
    Channel.other: "#f3f4f6",
}
_EMOTION_BG = {1: "#fecaca", 2: "#fed7aa", 3: "#fef9c3", 4: "#d9f99d", 5: "#bbf7d0"}

_CSS = """
*{box-sizing:border-box}&{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;
margin:0;padding:24px;color:#1f2937;background:#f8fafc}h1{margin:0 0 4px;font-size:26px}
.sub{color:#6b7280;margin-bottom:16px}.chips span{display:inline-block;background:#e5e7eb;
border-radius:12px;padding:2px 10px;margin:0 6px 6px 0;font-size:13px}
.legend{font-size:13px;color:#4b5563;margin:10px 0 18px}.wrap{overflow:auto;max-height:85vh;
background:#fff;border:1px solid #e5e7eb;border-radius:10px;padding:0 12px 12px}
.curve{display:block}table.grid{border-collapse:collapse;table-layout:fixed}
.grid th,.grid td{border:1px solid #e5e7eb;vertical-align:top;padding:8px;font-size:13px;
text-align:left;width:%(col)dpx}.grid th.lane{width:%(label)dpx;background:#f9fafb;color:#374151}
.grid thead th{background:#1e3a8a;color:#fff;font-size:15px;position:sticky;top:0;z-index:2}
.grid tbody th.lane{position:sticky;left:0;z-index:1}.grid thead th.lane{left:0;z-index:3}
.grid ul{margin:0;padding-left:16px}.grid li{margin-bottom:4px}
.tp{display:inline-block;border-radius:6px;padding:2px 6px;margin:0 4px 4px 0;
border:1px solid rgba(0,0,0,.08)}.tp small{color:#4b5563}
.prov{display:inline-block;font-size:10px;font-weight:600;border-radius:4px;padding:0 4px;
margin-left:4px;vertical-align:middle}.prov-inferred{background:#fef3c7;color:#92400e;
border:1px dashed #d97706}.prov-evidence{background:#dcfce7;color:#166534;border:1px solid #16a34a}
.sev{font-size:10px;font-weight:700;text-transform:uppercase;border-radius:4px;padding:0 4px;
margin-right:4px}.sev-high{background:#fecaca;color:#991b1b}.sev-medium{background:#fed7aa;
color:#9a3412}.sev-low{background:#e5e7eb;color:#374151}.meta{color:#6b7280;font-size:11px}
.personas{display:flex;flex-wrap:wrap;gap:12px;margin:18px 0}.card{background:#fff;
border:1px solid #e5e7eb;border-radius:10px;padding:12px 14px;width:320px;font-size:13px}
.card h3{margin:0 0 4px}.card .q{font-style:italic;color:#4b5563}.swatch{display:inline-block;
width:12px;height:12px;border-radius:3px;margin-right:4px;vertical-align:middle}
h2{font-size:18px;margin:24px 0 8px}.sources li{font-size:13px;margin-bottom:4px}
"""


def _scoped_css() -> str:
    """The stylesheet with every rule scoped under ``.ja-map`` (safe to embed in other pages)."""
    rules = []
    for rule in (_CSS % {"col": COL_W, "label": LABEL_W}).replace("\n", "").split("}"):
        if "{" not in rule:
            continue
        selectors, body = rule.split("{", 1)
        scoped = ",".join(
            ".ja-map" if s.strip() == "&" else f".ja-map {s.strip()}" for s in selectors.split(",")
        )
        rules.append(f"{scoped}{{{body}}}")
    return "".join(rules)


def write(journey: JourneyMap) -> str:
    """A complete HTML document for the map."""
    data = json_format.write(journey).replace("<", "\\u003c").replace(">", "\\u003e")
    data = data.replace("&", "\\u0026")
    return (
        "\n".join(
            [
                "<!DOCTYPE html>",
                '<html lang="en"><head><meta charset="utf-8">',
                '<meta name="viewport" content="width=device-width, initial-scale=1">',
                f'<title>{escape(journey.title)}</title></head><body style="margin:0">',
                fragment(journey),
                f'<script type="application/json" id="journey-data">{data}</script>',
                "</body></html>",
            ]
        )
        + "\n"
    )


def fragment(journey: JourneyMap, *, personas: bool = True) -> str:
    """The map as an HTML fragment with its own scoped styles (for embedding in the app)."""
    token = _SOURCE_TITLES.set({s.id: s.title for s in journey.sources if s.title})
    try:
        return _fragment(journey, personas=personas)
    finally:
        _SOURCE_TITLES.reset(token)


def _fragment(journey: JourneyMap, *, personas: bool) -> str:
    e = escape
    ctx = [
        f"<span>{e(k.replace('_', ' ').capitalize())}: {e(v)}</span>"
        for k, v in journey.context.model_dump().items()
        if v
    ]
    parts = [
        f"<style>{_scoped_css()}</style>",
        '<div class="ja-map">',
        f"<h1>{e(journey.title)}</h1>",
        f'<div class="sub">{e(journey.map_type.label)} · {e(journey.state.value)} state · '
        f"version {journey.version}</div>",
        f'<div class="chips">{"".join(ctx)}</div>' if ctx else "",
        '<div class="legend">Provenance: unmarked = stated by the user · '
        '<span class="prov prov-evidence">evidence</span> backed by a cited source · '
        '<span class="prov prov-inferred">inferred</span> added by the assistant, to check.'
        "</div>",
    ]
    if journey.personas and personas:
        parts.append(_personas(journey))
    parts.append('<div class="wrap">')
    parts.append(_curve(journey))
    parts.append(_grid(journey))
    parts.append("</div>")
    if journey.assumptions:
        parts.append(
            "<h2>Assumptions</h2><ul>"
            + "".join(f"<li>{e(a)}</li>" for a in journey.assumptions)
            + "</ul>"
        )
    if journey.notes:
        parts.append(
            "<h2>Notes</h2><ul>" + "".join(f"<li>{e(n)}</li>" for n in journey.notes) + "</ul>"
        )
    if journey.sources:
        parts.append(
            '<h2>Sources</h2><ul class="sources">'
            + "".join(
                f'<li id="src-{e(s.id)}"><b>{e(s.id)}</b> {e(s.title)} <span class="meta">'
                f"{e(s.location)}</span><br>{e(s.excerpt)}</li>"
                for s in journey.sources
            )
            + "</ul>"
        )
    parts.append("</div>")
    return "\n".join(p for p in parts if p)


# The titles of the map being drawn, by source id: a badge shows a source's title on hover,
# never its id. Set by fragment() for the one drawing it makes.
_SOURCE_TITLES: ContextVar[dict[str, str] | None] = ContextVar("source_titles", default=None)


def _prov(element: object) -> str:
    provenance = getattr(element, "provenance", Provenance.user)
    citations = getattr(element, "citations", [])
    if provenance == Provenance.user and not citations:
        return ""
    kind = provenance.value if provenance != Provenance.user else "evidence"
    titles = _SOURCE_TITLES.get() or {}
    named = [titles.get(c) or _readable_id(c) for c in citations]
    label = escape(kind) + (f" · {len(citations)}" if len(citations) > 1 else "")
    title = {
        "inferred": "Added by the assistant; check it",
        "evidence": "Backed by a cited source",
    }.get(kind, "")
    if named:
        title += ". Source: " + "; ".join(named)
    return f'<span class="prov prov-{escape(kind)}" title="{escape(title)}">{label}</span>'


def _readable_id(source_id: str) -> str:
    """A source with no title on the map, named from its id ('guide:pain-points:a3f…' is
    'Pain points (guide)')."""
    kind, _, rest = source_id.partition(":")
    name = rest.split(":")[0].replace("-", " ").strip().capitalize() if rest else source_id
    return f"{name} ({kind})" if rest else name


def _list(items: list[str]) -> str:
    return "<ul>" + "".join(f"<li>{i}</li>" for i in items) + "</ul>" if items else ""


def _lane_html(stage: Stage, lane: str) -> str:
    e = escape
    if lane == "goal":
        return e(stage.customer_goal or "")
    if lane == "touchpoints":
        return "".join(
            f'<span class="tp" style="background:{CHANNEL_COLOURS[t.channel]}">{e(t.name)} '
            f"<small>{e(CHANNEL_LABELS[t.channel])}</small>{_prov(t)}</span>"
            for t in stage.touchpoints
        )
    if lane == "emotion":
        rows = []
        for emo in ([stage.emotion] if stage.emotion else []) + stage.persona_emotions:
            who = f"<b>{e(emo.persona)}</b>: " if emo.persona else ""
            rows.append(
                f'{who}<span style="background:{_EMOTION_BG[emo.score]};padding:0 4px;'
                f'border-radius:4px">{emo.score}</span> {e(emo.display_label)}'
                f"{_prov(emo)}"
            )
        return _list(rows)
    if lane == "pain_points":
        return _list(
            [
                f'<span class="sev sev-{p.severity.value}">{p.severity.value}</span>'
                f"{e(p.description)}{_prov(p)}"
                + (f' <span class="meta">({e(p.persona)})</span>' if p.persona else "")
                for p in stage.pain_points
            ]
        )
    if lane == "opportunities":
        out = []
        for o in stage.opportunities:
            extra = [
                f"owner: {o.owner}" if o.owner else "",
                f"KPI: {o.kpi}" if o.kpi else "",
                f"impact {o.impact.value}" if o.impact else "",
                f"effort {o.effort.value}" if o.effort else "",
            ]
            meta = ", ".join(x for x in extra if x)
            out.append(
                f"{e(o.description)}{_prov(o)}"
                + (f'<br><span class="meta">{e(meta)}</span>' if meta else "")
            )
        return _list(out)
    if lane == "kpis":
        return _list(
            [
                f"{e(k.name)}"
                + (f' <span class="meta">target {e(k.target)}</span>' if k.target else "")
                + _prov(k)
                for k in stage.kpis
            ]
        )
    return _list([e(x) for x in getattr(stage, lane)])


_LANES = [
    ("goal", "Customer goal"),
    ("actions", "Actions"),
    ("touchpoints", "Touchpoints"),
    ("thoughts", "Thoughts"),
    ("emotion", "Emotion"),
    ("pain_points", "Pain points"),
    ("opportunities", "Opportunities"),
    ("kpis", "KPIs"),
    ("owners", "Owners"),
    ("moments_of_truth", "Moments of truth"),
    ("backstage_actions", "Backstage"),
    ("support_processes", "Support processes"),
    ("notes", "Notes"),
]


def _grid(journey: JourneyMap) -> str:
    e = escape
    head = "".join(f'<th id="stage-{e(slugify(s.name))}">{e(s.name)}</th>' for s in journey.stages)
    rows = []
    for lane, title in _LANES:
        cells = [_lane_html(s, lane) for s in journey.stages]
        if any(cells) or lane in (
            "actions",
            "touchpoints",
            "emotion",
            "pain_points",
            "opportunities",
        ):
            rows.append(
                f'<tr><th class="lane">{e(title)}</th>'
                + "".join(f"<td>{c}</td>" for c in cells)
                + "</tr>"
            )
    return (
        f'<table class="grid" style="width:{LABEL_W + COL_W * len(journey.stages)}px">'
        f'<thead><tr><th class="lane">Stage</th>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def _curve(journey: JourneyMap) -> str:
    """SVG emotion curve aligned with the grid's columns: one line overall, one per persona."""
    n = len(journey.stages)
    width = LABEL_W + COL_W * n
    top, bottom = 18, CURVE_H - 22

    def y(score: float) -> float:
        return bottom - (score - 1) / 4 * (bottom - top)

    def x(i: int) -> float:
        return LABEL_W + COL_W * i + COL_W / 2

    out = [
        f'<svg class="curve" width="{width}" height="{CURVE_H}" viewBox="0 0 {width} '
        f'{CURVE_H}" role="img" aria-label="Emotion curve">'
    ]
    for score in range(1, 6):
        out.append(
            f'<line x1="{LABEL_W}" x2="{width}" y1="{y(score):.1f}" y2="{y(score):.1f}" '
            f'stroke="#e5e7eb" stroke-dasharray="{"0" if score == 3 else "3 3"}"/>'
        )
        out.append(
            f'<text x="{LABEL_W - 8}" y="{y(score) + 4:.1f}" font-size="11" '
            f'text-anchor="end" fill="#6b7280">{score} {EMOTION_LABELS[score]}</text>'
        )
    series: list[tuple[str, str, list[tuple[int, int]]]] = []
    overall = [(i, s.emotion.score) for i, s in enumerate(journey.stages) if s.emotion]
    if overall:
        series.append(("Overall", "#1e3a8a", overall))
    for k, name in enumerate(journey.persona_names()):
        if not any(s.emotion_for(name) for s in journey.stages):
            continue  # this persona has no emotions of its own: the overall line shows it
        # where a persona has no emotion of its own at a stage, it follows the overall one
        points = [
            (i, emo.score)
            for i, s in enumerate(journey.stages)
            if (emo := s.emotion_for(name) or s.emotion) is not None
        ]
        if points:
            series.append((name, PERSONA_COLOURS[k % len(PERSONA_COLOURS)], points))
    if not series:
        out.append(
            f'<text x="{LABEL_W + 10}" y="{CURVE_H / 2:.0f}" font-size="13" '
            'fill="#6b7280">No emotions recorded yet: add an emotion (1-5) per stage.</text>'
        )
    for idx, (name, colour, points) in enumerate(series):
        dash = "" if idx == 0 else ' stroke-dasharray="6 4"'
        path = " ".join(f"{x(i):.1f},{y(sc):.1f}" for i, sc in points)
        out.append(
            f'<polyline fill="none" stroke="{colour}" stroke-width="3"{dash} points="{path}"/>'
        )
        for i, sc in points:
            out.append(
                f'<circle cx="{x(i):.1f}" cy="{y(sc):.1f}" r="5" fill="{colour}">'
                f"<title>{escape(name)} · {escape(journey.stages[i].name)}: {sc}</title>"
                "</circle>"
            )
        out.append(
            f'<rect x="{LABEL_W + 10 + idx * 150}" y="2" width="12" height="12" '
            f'fill="{colour}"/><text x="{LABEL_W + 26 + idx * 150}" y="12" font-size="12">'
            f"{escape(name[:20])}</text>"
        )
    out.append("</svg>")
    return "".join(out)


def persona_cards(personas: list[Persona]) -> str:
    """Persona cards as an HTML fragment with its own scoped styles."""
    cards = "".join(_card(p) for p in personas)
    style = f"<style>{_scoped_css()}</style>"
    return f'{style}<div class="ja-map"><div class="personas">{cards}</div></div>'


def _personas(journey: JourneyMap) -> str:
    return '<div class="personas">' + "".join(_card(p) for p in journey.personas) + "</div>"


def _card(p: Persona) -> str:
    e = escape
    level = (
        "Researched persona"
        if p.evidence_level == EvidenceLevel.researched
        else "Proto-persona: assumptions to validate"
    )
    body = [f"<h3>{e(p.name)}{_prov(p)}</h3>", f'<div class="meta">{e(level)}</div>']
    if p.role:
        body.append(f"<div>{e(p.role)}</div>")
    if p.quote:
        body.append(f'<p class="q">“{e(p.quote)}”</p>')
    for key in ("goals", "needs", "frustrations", "behaviours", "objections"):
        items = getattr(p, key)
        if items:
            body.append(
                f"<b>{key.capitalize()}</b>" + _list([f"{e(i.text)}{_prov(i)}" for i in items])
            )
    if p.preferred_channels:
        body.append(
            "<b>Channels</b> " + ", ".join(e(CHANNEL_LABELS[c]) for c in p.preferred_channels)
        )
    return f'<div class="card">{"".join(body)}</div>'


# --- reading ---------------------------------------------------------------------------------


class _TableParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[list[list[str]]] = []
        self.data_script: list[str] | None = None
        self._in_data = False
        self._depth = 0
        self._row: list[str] | None = None
        self._cell: list[str] | None = None
        self.text: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = dict(attrs)
        if tag == "script" and attr.get("id") == "journey-data":
            self._in_data, self.data_script = True, []
        elif tag in ("script", "style"):
            self._skip += 1
        elif tag == "table":
            self._depth += 1
            if self._depth == 1:
                self.tables.append([])
        elif tag == "tr" and self._depth:
            self._row = []
        elif tag in ("td", "th") and self._row is not None:
            self._cell = []
        elif tag in ("br", "li", "p", "div") and self._cell is not None:
            self._cell.append("\n")
        if tag in ("br", "p", "div", "li", "h1", "h2", "h3", "tr"):
            self.text.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._in_data:
            self._in_data = False
        elif tag in ("script", "style") and self._skip:
            self._skip -= 1
        elif tag in ("td", "th") and self._cell is not None and self._row is not None:
            self._row.append("".join(self._cell).strip())
            self._cell = None
        elif tag == "tr" and self._row is not None and self.tables:
            self.tables[-1].append(self._row)
            self._row = None
        elif tag == "table" and self._depth:
            self._depth -= 1

    def handle_data(self, data: str) -> None:
        if self._in_data and self.data_script is not None:
            self.data_script.append(data)
        elif self._skip:
            return
        else:
            if self._cell is not None:
                self._cell.append(data)
            self.text.append(data)


def read(text: str, *, source: str | None = None) -> JourneyMap:
    """Read our own page back from its embedded JSON, else the first table, else the text."""
    parser = _TableParser()
    parser.feed(text)
    parser.close()
    if parser.data_script is not None:
        return json_format.read("".join(parser.data_script), source=source)
    last_error: MapFormatError | None = None
    for table in parser.tables:
        try:
            return rows_to_map(table, source=source)
        except MapFormatError as exc:
            last_error = exc
    try:
        return text_format.read("".join(parser.text), source=source)
    except MapFormatError:
        if last_error:
            raise last_error from None
        raise
