"""A PNG picture of a map for slides: the emotion curve above a grid of stages and lanes.

Drawn with Pillow (which Gradio already needs); text is drawn, never interpreted.
"""

from __future__ import annotations

import io
import textwrap

from .models import JourneyMap, Stage

COL, LABEL, PAD, LINE = 260, 150, 16, 18
CURVE = 170
LANES: list[tuple[str, str]] = [
    ("Actions", "actions"),
    ("Touchpoints", "touchpoints"),
    ("Emotion", "emotion"),
    ("Pain points", "pain_points"),
    ("Opportunities", "opportunities"),
    ("KPIs", "kpis"),
    ("Owners", "owners"),
]
EMOTION_FILL = {
    1: (254, 202, 202),
    2: (254, 215, 170),
    3: (254, 249, 195),
    4: (217, 249, 157),
    5: (187, 247, 208),
}


def _items(stage: Stage, lane: str) -> list[str]:
    if lane == "touchpoints":
        return [t.name for t in stage.touchpoints]
    if lane == "emotion":
        return [f"{stage.emotion.score} {stage.emotion.display_label}"] if stage.emotion else []
    if lane == "pain_points":
        return [p.description for p in stage.pain_points]
    if lane == "opportunities":
        return [o.description for o in stage.opportunities]
    if lane == "kpis":
        return [k.name for k in stage.kpis]
    return list(getattr(stage, lane))


def _wrap(items: list[str], limit: int = 6) -> list[str]:
    lines: list[str] = []
    for item in items[:limit]:
        wrapped = textwrap.wrap(item, 34) or [""]
        lines += ["- " + wrapped[0], *("  " + w for w in wrapped[1:3])]
    if len(items) > limit:
        lines.append(f"  … {len(items) - limit} more")
    return lines


MAX_PNG_STAGES = 24  # wider than any slide; the picture says how many more the map has


def render_png(journey: JourneyMap) -> bytes:
    """The map as a PNG image (at most :data:`MAX_PNG_STAGES` stages; the title says if more)."""
    from PIL import Image, ImageDraw, ImageFont

    hidden = max(0, len(journey.stages) - MAX_PNG_STAGES)
    title = journey.title[:90] + (
        f"  (first {MAX_PNG_STAGES} stages of {len(journey.stages)})" if hidden else ""
    )
    journey = journey.model_copy(update={"stages": journey.stages[:MAX_PNG_STAGES]})

    font = ImageFont.load_default(size=14)
    bold = ImageFont.load_default(size=16)
    title_font = ImageFont.load_default(size=24)
    n = max(1, len(journey.stages))
    heights = [
        max((len(_wrap(_items(s, lane))) for s in journey.stages), default=1) * LINE + 2 * PAD // 2
        for _, lane in LANES
    ]
    width = LABEL + COL * n + PAD
    top = 60 + CURVE
    height = top + 40 + sum(heights) + PAD
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    draw.text((PAD, 16), title, fill=(31, 41, 55), font=title_font)

    def x(i: int) -> int:
        return LABEL + COL * i + COL // 2

    def y(score: int) -> int:
        return 60 + CURVE - 20 - (score - 1) * (CURVE - 40) // 4

    for score in range(1, 6):
        draw.line([(LABEL, y(score)), (width - PAD, y(score))], fill=(229, 231, 235))
        draw.text((PAD, y(score) - 8), f"{score}", fill=(107, 114, 128), font=font)
    points = [(x(i), y(s.emotion.score)) for i, s in enumerate(journey.stages) if s.emotion]
    if len(points) > 1:
        draw.line(points, fill=(30, 58, 138), width=4)
    for px, py in points:
        draw.ellipse([px - 6, py - 6, px + 6, py + 6], fill=(30, 58, 138))
    row = top
    draw.rectangle([LABEL, row, width - PAD, row + 40], fill=(30, 58, 138))
    for i, stage in enumerate(journey.stages):
        draw.text((LABEL + COL * i + 8, row + 10), stage.name[:30], fill="white", font=bold)
    row += 40
    for (title, lane), h in zip(LANES, heights, strict=True):
        draw.rectangle([0, row, LABEL, row + h], fill=(249, 250, 251), outline=(229, 231, 235))
        draw.text((8, row + 6), title, fill=(55, 65, 81), font=bold)
        for i, stage in enumerate(journey.stages):
            left = LABEL + COL * i
            fill = (
                EMOTION_FILL[stage.emotion.score]
                if lane == "emotion" and stage.emotion
                else "white"
            )
            draw.rectangle([left, row, left + COL, row + h], fill=fill, outline=(229, 231, 235))
            for k, line in enumerate(_wrap(_items(stage, lane))):
                draw.text((left + 8, row + 6 + k * LINE), line, fill=(31, 41, 55), font=font)
        row += h
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()
