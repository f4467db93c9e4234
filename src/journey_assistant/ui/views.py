"""HTML for the app's panels. Every piece of map, document and model text is escaped here."""

from __future__ import annotations

from html import escape

from ..critique import critique_map
from ..formats import html as html_format
from ..models import Critique, JourneyMap, Persona, slugify

SEVERITY_COLOURS = {
    "critical": "#b91c1c",
    "major": "#c2410c",
    "minor": "#0e7490",
    "info": "#4b5563",
}


def map_view(journey: JourneyMap | None) -> str:
    if journey is None:
        return (
            '<div class="ja-empty"><p><b>No map yet.</b> Describe your business in the chat '
            "(e.g. “we sell refurbished laptops online and in 3 shops”), or upload a map "
            "you already have (CSV, Excel, Markdown, Mermaid, JSON or text).</p></div>"
        )
    return html_format.fragment(journey, personas=False)  # persona cards have their own tab


def findings_view(journey: JourneyMap | None, critique: Critique | None = None) -> str:
    if journey is None:
        return ""
    result = critique or critique_map(journey)
    rows = []
    for f in result.findings:
        if f.severity.rank < 1:
            continue
        colour = SEVERITY_COLOURS[f.severity.value]
        where = (
            f'<a href="#stage-{escape(slugify(f.stage))}">{escape(f.stage)}</a>'
            if f.stage
            else "whole map"
        )
        rows.append(
            f'<li><span style="color:#fff;background:{colour};border-radius:4px;padding:0 5px;'
            f'font-size:11px;font-weight:700">{escape(f.severity.value)}</span> '
            f"<code>{escape(f.rule_id)}</code> {where}: {escape(f.message)}"
            f'<br><span style="color:#4b5563">→ {escape(f.suggestion or "")}</span></li>'
        )
    missing = (
        f"<p><b>Missing stages:</b> {escape(', '.join(result.missing_stages))}</p>"
        if result.missing_stages
        else ""
    )
    read = "".join(
        f"<tr><td>{escape(r.stage)}</td><td><b>{escape(r.phase.value if r.phase else '?')}</b>"
        f'</td><td style="color:#4b5563">{escape(r.why)}</td></tr>'
        for r in result.stages
    )
    readings = (
        "<details><summary>How the stages were read (set a stage's phase to override)"
        f'</summary><table style="font-size:12px">{read}</table></details>'
        if read
        else ""
    )
    return (
        f'<div class="ja-findings"><h3>Critique: {result.score}/100</h3>{missing}{readings}'
        f'<ul style="padding-left:18px">{"".join(rows) or "<li>No findings.</li>"}</ul>'
        "</div>"
    )


def personas_view(personas: list[Persona]) -> str:
    if not personas:
        return "<p>No personas yet: ask the assistant to “draft two personas”.</p>"
    cards = []
    for p in personas:

        def items(label: str, values: list[str]) -> str:
            if not values:
                return ""
            return (
                f"<b>{label}</b><ul>" + "".join(f"<li>{escape(v)}</li>" for v in values) + "</ul>"
            )

        cards.append(
            '<div style="border:1px solid #e5e7eb;border-radius:10px;padding:12px;width:320px">'
            f"<h3 style='margin:0'>{escape(p.name)}</h3>"
            f"<div style='color:#6b7280;font-size:12px'>Proto-persona "
            f"({escape(p.evidence_level.value)}) · {escape(p.role or '')}</div>"
            + (f"<p><i>“{escape(p.quote)}”</i></p>" if p.quote else "")
            + items("Goals", [i.text for i in p.goals])
            + items("Frustrations", [i.text for i in p.frustrations])
            + items("Behaviours", [i.text for i in p.behaviours])
            + items("To validate", p.assumptions_to_validate)
            + "</div>"
        )
    return f'<div style="display:flex;flex-wrap:wrap;gap:12px">{"".join(cards)}</div>'
