"""Free text: the common shapes people write journeys in."""

from __future__ import annotations

from pathlib import Path

import pytest

from journey_assistant import load_map, parse_map
from journey_assistant.errors import MapFormatError
from journey_assistant.formats import text as text_format
from journey_assistant.models import JourneyMap
from journey_assistant.vocab import Channel


def test_numbered_prose_with_feelings_and_pain_points(data: Path) -> None:
    journey = load_map(data / "hotel_story.txt")
    assert journey.title == "Our hotel guest journey (from the July workshop)"
    assert [s.name for s in journey.stages] == [
        "Discover",
        "Book",
        "Arrival",
        "Stay",
        "After the stay",
    ]
    discover, book, arrival, stay, _ = journey.stages
    assert {t.channel for t in discover.touchpoints} == {Channel.social, Channel.review_sites}
    assert [t.name for t in book.touchpoints].count("Booking.com") == 1  # no duplicates
    assert "resort fee" in book.pain_points[0].description
    assert arrival.emotion is not None and arrival.emotion.score == 2
    assert arrival.thoughts == ["Why is there only one person at reception?"]
    assert arrival.touchpoints[0].channel == Channel.physical
    assert arrival.opportunities[0].description.startswith("offer mobile check-in")
    assert all("feels" not in p.description for p in arrival.pain_points)
    assert stay.emotion is not None and stay.emotion.score == 5


def test_stage_n_dash_lines_and_inline_labels(data: Path) -> None:
    journey = load_map(data / "webinar_stages.txt")
    assert [s.name for s in journey.stages] == ["Awareness", "Webinar", "Follow-up"]
    awareness, webinar, follow_up = journey.stages
    assert {Channel.social, Channel.email, Channel.partner} <= {
        t.channel for t in awareness.touchpoints
    }
    assert awareness.pain_points[0].description.startswith("the ad promises")
    assert webinar.emotion is not None and (webinar.emotion.score, webinar.emotion.label) == (
        4,
        "engaged",
    )
    assert follow_up.opportunities and "call time" in follow_up.opportunities[0].description


def test_arrow_chain_and_headings() -> None:
    arrows = parse_map("Our funnel\nSee ad -> Visit site -> Add to cart -> Pay\n")
    assert [s.name for s in arrows.stages] == ["See ad", "Visit site", "Add to cart", "Pay"]
    headings = parse_map(
        "Onboarding:\nInstalls the app from the App Store.\n\n"
        "Activation:\nInvites a teammate by email.\n"
    )
    assert [s.name for s in headings.stages] == ["Onboarding", "Activation"]
    assert headings.stages[1].touchpoints[0].channel == Channel.email


def test_outline_round_trip(rich_map: JourneyMap) -> None:
    back = text_format.read(text_format.write(rich_map))
    assert back.stages == rich_map.stages
    assert back.title == rich_map.title and back.map_type == rich_map.map_type


def test_text_without_stages_is_a_clear_error() -> None:
    with pytest.raises(MapFormatError, match="no stages"):
        parse_map(
            "We sell laptops and people like them a lot, mostly students and designers, "
            "and they buy them online or in our shop downtown.",
            format="text",
        )
