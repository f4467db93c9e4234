"""The domain model: strictness, descriptions, vocabularies, provenance, ids."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from pydantic import BaseModel, ValidationError

from journey_assistant import models
from journey_assistant.cli import cli
from journey_assistant.models import Emotion, JourneyMap, MapType, Persona, Provenance, Stage
from journey_assistant.vocab import Channel, emotion_score, lookup_map_type, normalize_channel

ALL_MODELS = [
    getattr(models, name)
    for name in models.__all__
    if isinstance(getattr(models, name), type) and issubclass(getattr(models, name), BaseModel)
]


@pytest.mark.parametrize("model", ALL_MODELS, ids=lambda m: m.__name__)
def test_every_field_is_described_and_unknown_keys_are_refused(model: type[BaseModel]) -> None:
    for name, field in model.model_fields.items():
        assert field.description, f"{model.__name__}.{name} has no description"
    assert model.model_config.get("extra") == "forbid"


def test_unknown_key_is_rejected() -> None:
    with pytest.raises(ValidationError, match="colour"):
        JourneyMap.model_validate({"title": "T", "colour": "blue"})


def test_map_types_cover_the_ten_kinds() -> None:
    assert len(MapType) == 10
    assert lookup_map_type("Service blueprint") == "service_blueprint"
    assert lookup_map_type("CX process map") == "service_blueprint"
    assert lookup_map_type("B2B client journey") == "b2b"
    assert lookup_map_type("customer success") == "customer_success"
    assert lookup_map_type("mystery") is None


@pytest.mark.parametrize(
    ("text", "channel"),
    [
        ("IG", Channel.social),
        ("Instagram", Channel.social),
        ("Booking.com", Channel.marketplace),
        ("Booking.com listing", Channel.marketplace),
        ("front desk", Channel.physical),
        ("Front desk check-in", Channel.physical),
        ("Newsletter", Channel.email),
        ("WhatsApp", Channel.chat),
        ("call centre", Channel.phone),
        ("Google Ads", Channel.paid_ads),
        ("Tripadvisor", Channel.review_sites),
        ("trade fair", Channel.events),
        ("travel agent", Channel.partner),
        ("in-app tooltip", Channel.in_product),
        ("something odd", Channel.other),
    ],
)
def test_channel_aliases(text: str, channel: Channel) -> None:
    assert normalize_channel(text) == channel


@pytest.mark.parametrize(
    ("value", "score"),
    [
        (4, 4),
        ("2", 2),
        ("frustrated", 2),
        ("very happy", 5),
        ("not happy", 2),
        ("😡", 1),
        ("7/10", 4),
        (-2, 1),
        (9, 5),
        ("furious", 1),
        ("neutral", 3),
        ("delighted", 5),
    ],
)
def test_emotion_scores(value: object, score: int) -> None:
    read = emotion_score(value)
    assert read is not None and read[0] == score


def test_emotion_outside_scale_is_rejected() -> None:
    with pytest.raises(ValidationError):
        Emotion(score=6)
    assert emotion_score("banana") is None


def test_provenance_defaults_to_user_and_ids_are_filled(rich_map: JourneyMap) -> None:
    stage = rich_map.stage("compare")
    assert stage is not None
    assert stage.pain_points[0].id == "pp-compare-1"
    assert stage.opportunities[0].addresses == stage.pain_points[0].id
    assert rich_map.stages[0].touchpoints[0].provenance == Provenance.user
    assert rich_map.stages[0].touchpoints[1].provenance == Provenance.inferred
    assert rich_map.id == "refurbished-laptops-online-and-in-3-shops"
    assert rich_map.stages[2].touchpoints[0].channel == Channel.physical  # from a plain string


def test_duplicate_pain_point_ids_are_made_unique() -> None:
    journey = JourneyMap(
        title="T",
        stages=[
            Stage(name="A", pain_points=[{"id": "pp-x", "description": "one"}]),
            Stage(name="B", pain_points=[{"id": "pp-x", "description": "two"}]),
        ],
    )
    ids = [p.id for s in journey.stages for p in s.pain_points]
    assert len(set(ids)) == 2


def test_personas_compare_emotions(rich_map: JourneyMap) -> None:
    stage = rich_map.stages[1]
    ben, priya = stage.emotion_for("Budget Ben"), stage.emotion_for("Pro Priya")
    assert ben is not None and priya is not None
    assert (ben.score, priya.score) == (1, 3)
    assert rich_map.persona_names() == ["Budget Ben", "Pro Priya"]


def test_persona_attributes_carry_provenance() -> None:
    persona = Persona(name="Ana", goals=["Save time"], preferred_channels=["IG", "email"])
    assert persona.goals[0].text == "Save time"
    assert persona.goals[0].provenance == Provenance.user
    assert persona.preferred_channels == [Channel.social, Channel.email]
    assert persona.id == "ana"


def test_schema_command_prints_json_schema() -> None:
    result = CliRunner().invoke(cli, ["schema"])
    assert result.exit_code == 0
    schema = json.loads(result.output)
    assert schema["title"] == "JourneyMap"
    stage = schema["$defs"]["Stage"]
    assert stage["additionalProperties"] is False
    assert "provenance" in schema["$defs"]["Touchpoint"]["properties"]
    assert "website" in schema["$defs"]["Channel"]["enum"]
    persona = json.loads(CliRunner().invoke(cli, ["schema", "--model", "persona"]).output)
    assert persona["title"] == "Persona"


def test_duplicate_stage_names_keep_each_opportunity_on_its_own_pain_point() -> None:
    """Found by the full eval suite: two 'Claim' stages both made pp-claim-1, and the second
    stage's opportunity stayed pointed at the first stage's pain point."""
    from journey_assistant import parse_map

    text = (
        "1. Claim\n   Pain points: On hold for 25 minutes\n   Opportunities: Claim in the app\n"
        "2. Repair\n   Actions: Drops the car off\n"
        "3. Claim\n   Pain points: No settlement date\n   Opportunities: Send status updates\n"
    )
    journey = parse_map(text, format="text")
    first, second = journey.stages[0], journey.stages[2]
    assert first.pain_points[0].id != second.pain_points[0].id
    assert first.opportunities[0].addresses == first.pain_points[0].id
    assert second.opportunities[0].addresses == second.pain_points[0].id
