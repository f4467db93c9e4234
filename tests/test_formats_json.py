"""Our JSON schema, and lenient JSON from other tools."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from journey_assistant import load_map, parse_map
from journey_assistant.errors import MapFormatError
from journey_assistant.formats import json as json_format
from journey_assistant.models import JourneyMap, Level
from journey_assistant.vocab import Channel


def test_round_trip_is_exact(rich_map: JourneyMap) -> None:
    assert json_format.read(json_format.write(rich_map)) == rich_map


def test_lenient_tool_export_keeps_unknown_keys_in_notes(data: Path) -> None:
    journey = load_map(data / "miro_export.json")
    assert journey.title == "Dealership car purchase"
    assert journey.context.industry == "automotive"
    assert [p.name for p in journey.personas] == ["Family buyer"]
    assert [s.name for s in journey.stages] == ["Research", "Test drive", "Financing", "Handover"]
    research, test_drive, financing, handover = journey.stages
    assert research.emotion is not None and research.emotion.score == 3  # "curious"
    assert research.actions == ["Builds a car in the configurator"]
    assert test_drive.touchpoints[0].channel == Channel.physical  # {"channel": "in person"}
    assert test_drive.opportunities[0].description.startswith("Book test drives online")
    assert financing.emotion is not None and financing.emotion.score == 2
    assert {t.channel for t in financing.touchpoints} == {Channel.phone, Channel.email}
    assert financing.pain_points[0].severity == Level.high
    assert handover.emotion is not None and handover.emotion.label == "thrilled"
    assert any("board_id" in note for note in journey.notes)
    assert any("sticky_colour" in note for note in research.notes)


def test_lenient_list_of_stages_with_per_persona_emotions(data: Path) -> None:
    journey = load_map(data / "stages_list.json")
    sign_up, workout, subscribe = journey.stages
    assert sign_up.emotion is not None and sign_up.emotion.score == 4  # "7/10"
    assert [t.channel for t in sign_up.touchpoints] == [Channel.marketplace, Channel.paid_ads]
    assert {e.persona: e.score for e in workout.persona_emotions} == {
        "Casual Cara": 4,
        "Athlete Alex": 2,
    }
    assert subscribe.emotion is not None and subscribe.emotion.score == 2  # -1 on a -2..2 scale
    assert subscribe.pain_points[0].description == "Price only shown after the free week"


def test_camel_case_export_wrapped_in_journey_key() -> None:
    doc = {
        "journey": {
            "journeyName": "App onboarding",
            "mapType": "product experience",
            "steps": [
                {"name": "Install", "customerActions": "Installs; Opens", "emotionScore": "5"}
            ],
        }
    }
    journey = parse_map(json.dumps(doc))
    assert journey.title == "App onboarding"
    assert journey.map_type.value == "product_experience"
    assert journey.stages[0].actions == ["Installs", "Opens"]
    assert journey.stages[0].emotion is not None and journey.stages[0].emotion.score == 5


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"title": "x", "stages": [', "invalid JSON at line 1"),
        ('{"title": "no stages here"}', "no stages"),
        ('"just a string"', "not a map"),
    ],
)
def test_bad_json_is_a_clear_error(text: str, message: str) -> None:
    with pytest.raises(MapFormatError, match=message):
        parse_map(text, format="json")
