"""Markdown: the report (round trip) and tables in both orientations."""

from __future__ import annotations

from pathlib import Path

from journey_assistant import load_map, parse_map
from journey_assistant.formats import markdown
from journey_assistant.models import JourneyMap, Stage
from journey_assistant.vocab import Channel


def test_report_round_trip_is_lossless(rich_map: JourneyMap) -> None:
    text = markdown.write(rich_map)
    assert markdown.read(text) == rich_map


def test_report_shows_provenance_markers(rich_map: JourneyMap) -> None:
    text = markdown.write(rich_map)
    assert "Provenance markers" in text
    assert "Instagram reel [channel: social] [inferred]" in text
    assert "[evidence: doc-reviews-1]" in text
    assert "| **Emotion** | 3 curious | 2 uncertain | 4 reassured |" in text


def test_report_escapes_markdown_and_html() -> None:
    journey = JourneyMap(
        title="Evil *map*",
        stages=[Stage(name="<b>Buy</b>", actions=["Click `here` | now <script>alert(1)</script>"])],
    )
    text = markdown.write(journey)
    assert "<script>" not in text and "<b>" not in text
    assert markdown.read(text) == journey


def test_table_with_stage_column(data: Path) -> None:
    journey = load_map(data / "dealership_rows.md")
    assert journey.title == "Dealership journey (draft)"
    assert [s.name for s in journey.stages] == ["Research", "Test drive", "Paperwork"]
    paperwork = journey.stages[2]
    assert [t.name for t in paperwork.touchpoints] == ["Dealer office", "Email"]  # <br>
    assert paperwork.pain_points[0].description == "Too many forms | slow"  # escaped pipe
    assert journey.stages[0].emotion is not None and journey.stages[0].emotion.score == 5  # 😀
    assert paperwork.owners == ["F&I"]


def test_table_with_stages_as_columns(data: Path) -> None:
    journey = load_map(data / "clinic_columns.md")
    assert journey.title == "Patient journey – physiotherapy clinic"
    assert len(journey.stages) == 5
    assert journey.stages[0].emotion is not None and journey.stages[0].emotion.score == 2
    assert journey.stages[2].touchpoints[0].channel == Channel.physical
    assert journey.stages[1].pain_points[0].description == "Phone line busy mornings"


def test_markdown_with_a_mermaid_fence(data: Path) -> None:
    journey = load_map(data / "coffee_notes.md")
    assert journey.title == "Coffee subscription"
    assert [s.name for s in journey.stages] == ["Try", "Subscribe"]


def test_markdown_prose_falls_back_to_the_text_reader() -> None:
    journey = parse_map(
        "# Gym\n\n## Join\nSigns up at the front desk.\n\n## Train\nUses the app.\n", format="md"
    )
    assert [s.name for s in journey.stages] == ["Join", "Train"]
    assert journey.stages[0].touchpoints[0].channel == Channel.physical
