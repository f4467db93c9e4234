"""Mermaid journey diagrams: import, export, per-persona curves."""

from __future__ import annotations

from pathlib import Path

import pytest

from journey_assistant import load_map, parse_map
from journey_assistant.errors import MapFormatError
from journey_assistant.formats import mermaid
from journey_assistant.models import Emotion, JourneyMap, Stage


def test_reads_sections_tasks_and_actors(data: Path) -> None:
    journey = load_map(data / "gym.mmd")
    assert journey.title == "Gym membership journey"
    assert [s.name for s in journey.stages] == ["Discover", "Join", "First month"]
    assert [p.name for p in journey.personas] == ["Sam", "Kim"]
    join = journey.stages[1]
    assert join.actions == ["Tour the gym", "Sign contract"]  # repeated task read once
    # Sam: 5, 2 -> 3.5 -> 4; Kim: 5, 4 -> 4.5 -> 5: the personas diverge
    assert {e.persona: e.score for e in join.persona_emotions} == {"Sam": 4, "Kim": 5}
    first_month = journey.stages[2]
    assert {e.persona: e.score for e in first_month.persona_emotions} == {"Sam": 2, "Kim": 3}


def test_round_trip_keeps_stages_actions_and_persona_curves(rich_map: JourneyMap) -> None:
    back = mermaid.read(mermaid.write(rich_map))
    assert [s.name for s in back.stages] == [s.name for s in rich_map.stages]
    assert [s.actions for s in back.stages] == [s.actions for s in rich_map.stages]
    compare = back.stages[1]
    assert {e.persona: e.score for e in compare.persona_emotions} == {
        "Budget Ben": 1,
        "Pro Priya": 3,
    }
    assert back.stages[0].emotion is not None and back.stages[0].emotion.score == 3


def test_export_sanitises_mermaid_syntax() -> None:
    journey = JourneyMap(
        title="A: B # C",
        stages=[
            Stage(name="Buy; now", actions=["Pay: card #1\nthen leave"], emotion=Emotion(score=2))
        ],
    )
    text = mermaid.write(journey)
    task_line = [ln for ln in text.splitlines() if ln.strip().startswith("Pay")][0]
    assert task_line.count(":") == 1 and "#" not in task_line
    assert mermaid.read(text).stages[0].emotion.score == 2  # type: ignore[union-attr]


def test_tasks_without_actors_and_scores_outside_scale() -> None:
    journey = parse_map(
        "journey\n  title Quick\n  section Try\n    Open app: 7\n    Close app: 0\n"
    )
    assert journey.stages[0].emotion is not None and journey.stages[0].emotion.score in (3, 4)
    assert journey.personas == []


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("journey\n  title Only a title\n", "no sections"),
        ("journey\n  section A\n    this line has no score\n", "line 3"),
        ("graph TD\n A-->B\n", "must start with the line 'journey'"),
    ],
)
def test_bad_diagrams_are_clear_errors(text: str, message: str) -> None:
    with pytest.raises(MapFormatError, match=message):
        parse_map(text, format="mermaid")
