"""CSV, TSV and XLSX grids in both layouts, with lane synonyms and messy input."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from journey_assistant import load_map, parse_map
from journey_assistant.errors import MapFormatError
from journey_assistant.formats import csv as csv_format
from journey_assistant.formats import xlsx as xlsx_format
from journey_assistant.models import JourneyMap, Provenance
from journey_assistant.vocab import Channel


def test_stages_as_columns_with_lane_synonyms(data: Path) -> None:
    journey = load_map(data / "hotel_grid.csv")
    assert journey.title == "Seaside Hotel guest journey"
    assert journey.context.company == "Hotel Marea"
    assert [s.name for s in journey.stages] == [
        "Inspiration",
        "Booking",
        "Pre-arrival",
        "Check-in",
        "Stay",
    ]
    booking = journey.stages[1]
    assert {t.name: t.channel for t in booking.touchpoints} == {
        "Booking.com": Channel.marketplace,
        "Website": Channel.website,
    }
    assert booking.emotion is not None and booking.emotion.score == 2
    assert booking.emotion.label == "anxious about hidden fees"
    assert booking.opportunities[0].addresses == booking.pain_points[0].id
    assert journey.stages[3].touchpoints[0].channel == Channel.physical  # "Front desk"
    stay = journey.stages[4]
    assert {e.persona: e.score for e in stay.persona_emotions} == {
        "Leisure couple": 5,
        "Business traveller": 3,
    }
    assert [p.name for p in journey.personas] == ["Leisure couple", "Business traveller"]
    assert stay.actions == ["Use the spa", "order room service"]


def test_one_row_per_touchpoint_with_blank_stage_cells(data: Path) -> None:
    journey = load_map(data / "saas_rows.csv")
    assert [s.name for s in journey.stages] == ["Research", "Trial", "Purchase", "Renewal"]
    research, trial = journey.stages[0], journey.stages[1]
    assert [t.name for t in research.touchpoints] == ["G2 comparison page", "Pricing page"]
    assert research.touchpoints[0].channel == Channel.review_sites  # from the Channel column
    assert len(trial.touchpoints) == 3  # the repeated "Trial" row joins the same stage
    assert trial.touchpoints[1].channel == Channel.in_product
    assert research.emotion is not None and research.emotion.score == 3  # mean of 3 and 2
    assert research.owners == ["Marketing"]
    assert trial.opportunities[0].addresses == trial.pain_points[0].id  # same row


def test_tsv_with_lowercase_lanes(data: Path) -> None:
    journey = load_map(data / "fashion.tsv")
    assert len(journey.stages) == 5
    delivery = journey.stage("Delivery")
    assert delivery is not None and delivery.emotion is not None
    assert delivery.emotion.score == 2 and delivery.emotion.label == "anxious"
    assert [t.channel for t in delivery.touchpoints] == [Channel.sms, Channel.physical]
    assert journey.stages[1].pain_points[0].description == "Sizes differ between brands"


def test_semicolon_csv_in_windows_1252(data: Path) -> None:
    journey = load_map(data / "bank_semicolon_cp1252.csv")
    assert [s.name for s in journey.stages][:3] == ["Research", "Application", "Identity check"]
    kyc = journey.stages[2]
    assert kyc.emotion is not None and kyc.emotion.score == 1
    assert "€" in journey.stages[0].opportunities[0].description
    assert journey.stages[0].kpis[0].name == "Click-through rate"


def test_excel_export_with_bom_and_blank_rows() -> None:
    text = "\ufeff\n\nStage,Discover,Buy\n\nActions,Sees ad,Pays\nFeelings,happy,😟\n"
    journey = parse_map(text.encode("utf-8"))
    assert [s.name for s in journey.stages] == ["Discover", "Buy"]
    assert [s.emotion.score for s in journey.stages if s.emotion] == [4, 2]


def test_table_without_stage_columns_is_refused() -> None:
    with pytest.raises(MapFormatError, match="no stage"):
        csv_format.read("Name,Price\nLaptop,500\nMouse,20\n")


def test_csv_round_trip_keeps_everything_a_grid_can_hold(rich_map: JourneyMap) -> None:
    back = csv_format.read(csv_format.write(rich_map))
    _assert_grid_equal(rich_map, back)


def test_xlsx_round_trip_and_styling(rich_map: JourneyMap) -> None:
    data = xlsx_format.write(rich_map)
    back = xlsx_format.read(data)
    _assert_grid_equal(rich_map, back)
    sheet = load_workbook(io.BytesIO(data)).active
    assert sheet is not None
    header = next(r for r in sheet.iter_rows() if r[0].value == "Stage")
    assert header[0].font.bold


def test_xlsx_as_people_keep_it_second_sheet_rows_layout() -> None:
    book = Workbook()
    first = book.active
    assert first is not None
    first.title = "Cover"
    sheet = book.create_sheet("Journey")
    sheet.append(["Phase", "Touch points", "What they think", "Emotion score", "Problems"])
    sheet.append(["Apply", "Online form", "Why so many fields?", 2, "Form times out"])
    sheet.append([None, "Branch", None, 3, None])
    sheet.append(["Approval", "Email", "When will I hear back?", 1.0, "No status updates"])
    out = io.BytesIO()
    book.save(out)
    journey = xlsx_format.read(out.getvalue())
    assert journey.title == "Journey"
    assert [s.name for s in journey.stages] == ["Apply", "Approval"]
    apply = journey.stages[0]
    assert [t.channel for t in apply.touchpoints] == [Channel.website, Channel.physical]
    assert apply.thoughts == ["Why so many fields?"]
    assert journey.stages[1].emotion is not None and journey.stages[1].emotion.score == 1


def test_corrupt_xlsx_is_a_clear_error() -> None:
    with pytest.raises(MapFormatError, match="cannot be opened"):
        parse_map(b"PK\x03\x04 not really a zip file", format="xlsx")


def _assert_grid_equal(a: JourneyMap, b: JourneyMap) -> None:
    """Everything except persona details, which a grid keeps as names only."""
    assert b.title == a.title and b.map_type == a.map_type and b.context == a.context
    assert [p.name for p in b.personas] == [p.name for p in a.personas]
    assert b.stages == a.stages
    assert b.sources == a.sources and b.assumptions == a.assumptions and b.notes == a.notes
    compare = b.stages[1]
    assert compare.touchpoints[0].provenance == Provenance.evidence
    assert compare.touchpoints[0].citations == ["doc-analytics-2"]
