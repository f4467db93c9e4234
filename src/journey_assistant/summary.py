"""A one-page executive summary of a map: moments that matter, top pain points, and the
opportunities ranked by impact over effort, with owners and KPIs."""

from __future__ import annotations

from .critique import critique_map
from .models import JourneyMap, Level
from .safe import md as _esc

_VALUE = {Level.low: 1, Level.medium: 2, Level.high: 3, None: 2}


def executive_summary(journey: JourneyMap) -> str:
    """Markdown for one page: what matters, what hurts, what to do first."""
    critique = critique_map(journey)
    scored = [s for s in journey.stages if s.emotion]
    lows = sorted(scored, key=lambda s: s.emotion.score if s.emotion else 3)[:2]
    out = [
        f"# {_esc(journey.title)}: executive summary",
        "",
        f"{journey.map_type.label}, {len(journey.stages)} stages "
        f"({' → '.join(_esc(s.name) for s in journey.stages)}). "
        f"Critique score {critique.score}/100.",
        "",
        "## Moments that matter",
        "",
    ]
    moments = [
        f"- **{_esc(s.name)}**: {_esc(m)}" for s in journey.stages for m in s.moments_of_truth
    ]
    moments += [
        f"- **{_esc(s.name)}** is an emotional low point ({s.emotion.score}/5"
        f"{', ' + _esc(s.emotion.label) if s.emotion and s.emotion.label else ''})."
        for s in lows
        if s.emotion and s.emotion.score <= 2
    ]
    out += moments[:6] or ["- None recorded yet: mark moments of truth and score emotions."]
    pains = [(p, s) for s in journey.stages for p in s.pain_points]
    pains.sort(
        key=lambda ps: (-_VALUE[ps[0].severity], ps[1].emotion.score if ps[1].emotion else 3)
    )
    out += ["", "## Top pain points", ""]
    out += [
        f"- **{_esc(s.name)}** ({p.severity.value}): {_esc(p.description)}" for p, s in pains[:5]
    ] or ["- None recorded."]
    opportunities = [(o, s) for s in journey.stages for o in s.opportunities]
    opportunities.sort(key=lambda os: -(_VALUE[os[0].impact] ** 2 / _VALUE[os[0].effort]))
    out += [
        "",
        "## Opportunities, highest impact for the effort first",
        "",
        "| # | Opportunity | Stage | Impact | Effort | Owner | KPI |",
        "|---|---|---|---|---|---|---|",
    ]
    for n, (o, s) in enumerate(opportunities[:8], start=1):
        out.append(
            f"| {n} | {_esc(o.description)} | {_esc(s.name)} | "
            f"{o.impact.value if o.impact else '–'} | "
            f"{o.effort.value if o.effort else '–'} | {_esc(o.owner or '–')} | "
            f"{_esc(o.kpi or '–')} |"
        )
    if not opportunities:
        out.append("| – | No opportunities yet | | | | | |")
    if critique.missing_stages:
        out += ["", f"Missing stages to add: {', '.join(critique.missing_stages)}."]
    return "\n".join(out) + "\n"
