"""Mermaid ``journey`` diagrams: ``title``, ``section`` per stage, ``task: score: actors``.

Reading: each section becomes a stage, each task an action, the task scores give the stage's
emotion (their mean) and, where tasks name actors, one emotion per persona. Writing does the
reverse; when personas feel differently at a stage, each action is written once per score
with the personas that feel it, so Mermaid draws one curve per persona.
"""

from __future__ import annotations

import re
import statistics
from collections import defaultdict

from ..errors import MapFormatError
from ..models import Emotion, JourneyMap, Persona, Provenance, Stage
from ..safe import terminal

_TASK = re.compile(r"^(.+?)\s*:\s*([+-]?\d+(?:\.\d+)?)\s*(?::\s*(.*))?$")


def read(text: str, *, source: str | None = None) -> JourneyMap:
    """Read a Mermaid journey diagram, also from inside a ```` ```mermaid ```` fence."""
    fenced = re.search(r"```\s*mermaid\s*\n(.*?)```", text, re.DOTALL)
    body = fenced.group(1) if fenced else text
    lines = [ln.strip() for ln in body.splitlines()]
    lines = [ln for ln in lines if ln and not ln.startswith("%%")]
    if not lines or lines[0].lower() != "journey":
        raise MapFormatError("a Mermaid map must start with the line 'journey'.", source=source)
    title = "Imported journey map"
    sections: list[tuple[str, list[tuple[str, float, list[str]]]]] = []
    for n, line in enumerate(lines[1:], start=2):
        if line.lower().startswith("title"):
            title = line[5:].strip() or title
        elif line.lower().startswith("section"):
            sections.append((line[7:].strip() or f"Stage {len(sections) + 1}", []))
        else:
            match = _TASK.match(line)
            if not match:
                raise MapFormatError(
                    f"line {n} is not 'task: score: actors': {line[:60]!r}.", source=source
                )
            if not sections:
                sections.append(("Journey", []))
            actors = [a.strip() for a in (match.group(3) or "").split(",") if a.strip()]
            sections[-1][1].append((match.group(1).strip(), float(match.group(2)), actors))
    if not sections:
        raise MapFormatError(
            "the diagram has no sections; add 'section <stage name>' lines.", source=source
        )
    personas: list[str] = []
    stages = []
    for name, tasks in sections:
        actions: list[str] = []
        by_actor: dict[str, list[float]] = defaultdict(list)
        for task, score, actors in tasks:
            if task not in actions:
                actions.append(task)
            for actor in actors:
                by_actor[actor].append(score)
                if actor not in personas:
                    personas.append(actor)
        scores = [t[1] for t in tasks]
        overall = Emotion(score=_clamp(statistics.mean(scores))) if scores else None
        per_persona = [
            Emotion(score=_clamp(statistics.mean(v)), persona=a) for a, v in by_actor.items()
        ]
        if len({e.score for e in per_persona}) <= 1:
            per_persona = []  # everyone feels the same: the overall emotion says it
        stages.append(
            Stage(name=name, actions=actions, emotion=overall, persona_emotions=per_persona)
        )
    return JourneyMap(title=title, stages=stages, personas=[Persona(name=p) for p in personas])


def _clamp(value: float) -> int:
    return max(1, min(5, int(value + 0.5)))


def _safe(text: str) -> str:
    """Mermaid breaks on ':' in tasks, '#' and ';'; newlines end a statement. Diagrams are drawn
    as HTML, so markup characters become look-alikes, and ``%%`` (which opens a directive or a
    comment) is broken up."""
    text = " ".join(terminal(text).split())
    text = text.replace(":", " -").replace(";", ",").replace("#", "no.")
    text = text.replace("<", "‹").replace(">", "›").replace('"', "”").replace("`", "'")
    while "%%" in text:
        text = text.replace("%%", "%")
    return text.strip() or "-"


def write(journey: JourneyMap) -> str:
    """The map as a Mermaid journey diagram; lanes Mermaid cannot show go into comments."""
    out = ["journey", f"    title {_safe(journey.title)}"]
    for stage in journey.stages:
        out.append(f"    section {_safe(stage.name)}")
        tasks = stage.actions or [t.name for t in stage.touchpoints[:3]] or [stage.name]
        groups = _score_groups(stage, [p.name for p in journey.personas])
        for task in tasks:
            for score, actors in groups:
                suffix = f": {', '.join(actors)}" if actors else ""
                out.append(f"      {_safe(task)}: {score}{suffix}")
        for pain in stage.pain_points:
            marker = "" if pain.provenance == Provenance.user else f" [{pain.provenance.value}]"
            out.append(f"      %% pain point: {_safe(pain.description)}{marker}")
    return "\n".join(out) + "\n"


def _score_groups(stage: Stage, personas: list[str]) -> list[tuple[int, list[str]]]:
    overall = stage.emotion.score if stage.emotion else 3
    if not stage.persona_emotions:
        return [(overall, [_safe(p) for p in personas])]
    groups: dict[int, list[str]] = defaultdict(list)
    for name in personas:
        emotion = stage.emotion_for(name)
        groups[emotion.score if emotion else overall].append(_safe(name))
    for emotion in stage.persona_emotions:
        if emotion.persona and emotion.persona not in personas:
            groups[emotion.score].append(_safe(emotion.persona))
    return sorted(groups.items(), reverse=True)
